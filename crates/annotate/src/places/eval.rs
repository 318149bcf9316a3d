//! Evaluation on GeoVirus (Gritta et al., "A pragmatic guide to geoparsing evaluation",
//! 2019): 229 Wikinews articles with toponym spans and coordinates.
//!
//! (a) **Resolution with gold spans**: the resolver gets the gold spans of each article;
//! accuracy within 161 km (100 miles), mean and median error, and the AUC of the error
//! curve as the guide defines it (sorted errors, `ln(1 + km) / ln(20039)`, area by the
//! trapezoid rule over `[0, 1]`; 0 is perfect). An unresolved toponym counts as the
//! maximum error, 20,039 km.
//!
//! (b) **End to end**: our detector on the raw text; toponym precision and recall with span
//! overlap, and accuracy within 161 km on the gold toponyms matched by a detected location.
//!
//! The file is read with a small tag scanner (the format is flat and regular); the data is
//! never copied into the repository.

use std::fmt;
use std::path::Path;

use super::{Gazetteer, Resolver, Role, detect, distance_km};

/// Maximum error: half the Earth's circumference, km.
pub const MAX_ERROR_KM: f64 = 20_039.0;
/// The accuracy threshold: 161 km (100 miles).
pub const THRESHOLD_KM: f64 = 161.0;

/// One gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Byte start in the article text.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Name as annotated.
    pub name: String,
    /// Gold latitude.
    pub lat: f64,
    /// Gold longitude.
    pub lon: f64,
}

/// One article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The text (XML entities decoded).
    pub text: String,
    /// Gold toponyms whose span could be located in the text.
    pub toponyms: Vec<GoldToponym>,
}

/// Error distances and what follows from them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorStats {
    /// Number of toponyms scored.
    pub n: usize,
    /// Of them, resolved to some place.
    pub resolved: usize,
    /// Share within 161 km.
    pub acc161: f64,
    /// Mean error, km.
    pub mean_km: f64,
    /// Median error, km.
    pub median_km: f64,
    /// AUC of the log error curve (lower is better).
    pub auc: f64,
    /// Not a standard measure: share within 161 km **or** resolved to the country or
    /// first-level region in which the gold point lies (by its nearest populated place).
    /// It separates wrong choices from the different conventions for the coordinate of a
    /// large area (GeoVirus uses Wikipedia's, the gazetteer GeoNames-derived ones).
    pub acc161_or_area: f64,
}

impl ErrorStats {
    /// Statistics of a list of errors in km (unresolved ones given as [`MAX_ERROR_KM`]).
    pub fn from_errors(errors: &[f64], resolved: usize) -> ErrorStats {
        let n = errors.len();
        if n == 0 {
            return ErrorStats::default();
        }
        let mut sorted: Vec<f64> = errors
            .iter()
            .map(|e| {
                if e.is_finite() {
                    e.clamp(0.0, MAX_ERROR_KM)
                } else {
                    MAX_ERROR_KM
                }
            })
            .collect();
        sorted.sort_by(f64::total_cmp);
        let within = sorted.iter().filter(|&&e| e <= THRESHOLD_KM).count();
        let mean_km = sorted.iter().sum::<f64>() / n as f64;
        let median_km = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        let ys: Vec<f64> = sorted
            .iter()
            .map(|e| (e + 1.0).ln() / MAX_ERROR_KM.ln())
            .collect();
        let auc = if n == 1 {
            ys[0]
        } else {
            let dx = 1.0 / (n - 1) as f64;
            ys.windows(2).map(|w| (w[0] + w[1]) / 2.0 * dx).sum()
        };
        ErrorStats {
            n,
            resolved,
            acc161: within as f64 / n as f64,
            mean_km,
            median_km,
            auc,
            acc161_or_area: 0.0,
        }
    }
}

/// The evaluation report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Articles read (with text).
    pub articles: usize,
    /// Gold toponyms used.
    pub gold: usize,
    /// Gold entries skipped (empty name or span not found in the text).
    pub skipped: usize,
    /// (a) Resolution with gold spans.
    pub gold_spans: ErrorStats,
    /// (b) Toponyms detected as locations.
    pub detected: usize,
    /// (b) Detected locations overlapping a gold toponym.
    pub detected_correct: usize,
    /// (b) Gold toponyms overlapped by a detected location.
    pub gold_found: usize,
    /// (b) Resolution of the gold toponyms found by the detector.
    pub end_to_end: ErrorStats,
}

impl Report {
    /// Toponym precision of the detector.
    pub fn precision(&self) -> f64 {
        ratio(self.detected_correct, self.detected)
    }
    /// Toponym recall of the detector.
    pub fn recall(&self) -> f64 {
        ratio(self.gold_found, self.gold)
    }
    /// F1 of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "GeoVirus: {} articles, {} gold toponyms ({} skipped)",
            self.articles, self.gold, self.skipped
        )?;
        writeln!(
            f,
            "| run | toponyms | resolved | acc@161km | mean km | median km | AUC | acc@161 or area* |"
        )?;
        writeln!(
            f,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        )?;
        for (name, s) in [
            ("gold spans", &self.gold_spans),
            ("end to end (found)", &self.end_to_end),
        ] {
            writeln!(
                f,
                "| {name} | {} | {} | {:.3} | {:.0} | {:.1} | {:.3} | {:.3} |",
                s.n, s.resolved, s.acc161, s.mean_km, s.median_km, s.auc, s.acc161_or_area
            )?;
        }
        writeln!(
            f,
            "* not standard: within 161 km or resolved to the country/region containing the gold point"
        )?;
        writeln!(
            f,
            "detection: {} locations found, precision {:.3}, recall {:.3}, F1 {:.3}",
            self.detected,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// Decodes the five XML entities and numeric character references.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        let Some(semi) = after.find(';').filter(|&q| q <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let ent = &after[1..semi];
        let decoded = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The contents of each `<tag>...</tag>` in `s`, in order.
fn elements<'a>(s: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(p) = rest.find(&open) {
        let body = &rest[p + open.len()..];
        let Some(q) = body.find(&close) else { break };
        out.push(&body[..q]);
        rest = &body[q + close.len()..];
    }
    out
}

fn first<'a>(s: &'a str, tag: &str) -> Option<&'a str> {
    elements(s, tag).into_iter().next()
}

/// Byte offset of character offset `c` in `text`, if inside.
fn byte_at(text: &str, c: usize) -> Option<usize> {
    if c == text.chars().count() {
        return Some(text.len());
    }
    text.char_indices().nth(c).map(|(b, _)| b)
}

/// Parses GeoVirus XML. Character offsets are converted to byte offsets; the corpus's
/// offsets are one more than the 0-based position of the name, so shifts of 0, -1 and +1
/// are tried and the one where the text equals the name is kept.
pub fn parse_geovirus(xml: &str) -> (Vec<Article>, usize) {
    let mut articles = Vec::new();
    let mut skipped = 0;
    for a in elements(xml, "article") {
        let text = first(a, "text").map(unescape).unwrap_or_default();
        let locs = elements(a, "location");
        if text.trim().is_empty() {
            skipped += locs.len();
            continue;
        }
        let mut toponyms = Vec::new();
        for l in locs {
            let name = first(l, "name").map(unescape).unwrap_or_default();
            let num = |t: &str| first(l, t).and_then(|v| v.trim().parse::<f64>().ok());
            let (Some(s), Some(e), Some(lat), Some(lon)) =
                (num("start"), num("end"), num("lat"), num("lon"))
            else {
                skipped += 1;
                continue;
            };
            if name.trim().is_empty() || s < 0.0 || e < s {
                skipped += 1;
                continue;
            }
            let (s, e) = (s as usize, e as usize);
            let span = [1isize, 0, -1, 2, -2].iter().find_map(|&d| {
                let (cs, ce) = (s.checked_add_signed(-d)?, e.checked_add_signed(-d)?);
                let (bs, be) = (byte_at(&text, cs)?, byte_at(&text, ce)?);
                (text.get(bs..be)? == name).then_some((bs, be))
            });
            match span {
                Some((start, end)) => toponyms.push(GoldToponym {
                    start,
                    end,
                    name,
                    lat,
                    lon,
                }),
                None => skipped += 1,
            }
        }
        articles.push(Article { text, toponyms });
    }
    (articles, skipped)
}

/// Runs both evaluations on parsed articles.
pub fn evaluate(gazetteer: &Gazetteer, articles: &[Article], skipped: usize) -> Report {
    let resolver = Resolver::new(gazetteer);
    let mut report = Report {
        articles: articles.len(),
        skipped,
        ..Report::default()
    };
    let mut gold_errors = Vec::new();
    let mut gold_resolved = 0;
    let mut gold_area_ok = 0;
    let mut e2e_errors = Vec::new();
    let mut e2e_resolved = 0;
    let mut e2e_area_ok = 0;
    for a in articles {
        report.gold += a.toponyms.len();
        // (a) gold spans
        let spans: Vec<(usize, usize)> = a.toponyms.iter().map(|t| (t.start, t.end)).collect();
        for (t, r) in a.toponyms.iter().zip(resolver.resolve(&a.text, &spans)) {
            match r {
                Ok(r) => {
                    gold_resolved += 1;
                    let d = distance_km(t.lat, t.lon, r.lat(), r.lon());
                    gold_area_ok += usize::from(d <= THRESHOLD_KM || in_area(gazetteer, &r, t));
                    gold_errors.push(d);
                }
                Err(_) => gold_errors.push(MAX_ERROR_KM),
            }
        }
        // (b) end to end
        let found: Vec<_> = detect(gazetteer, &a.text)
            .into_iter()
            .filter(|t| t.role == Role::Location)
            .collect();
        let dspans: Vec<(usize, usize)> = found.iter().map(|t| (t.start, t.end)).collect();
        let resolved = resolver.resolve(&a.text, &dspans);
        report.detected += found.len();
        let overlaps = |s: usize, e: usize, t: &super::eval::GoldToponym| s < t.end && t.start < e;
        report.detected_correct += dspans
            .iter()
            .filter(|&&(s, e)| a.toponyms.iter().any(|t| overlaps(s, e, t)))
            .count();
        for t in &a.toponyms {
            let Some(k) = dspans.iter().position(|&(s, e)| overlaps(s, e, t)) else {
                continue;
            };
            report.gold_found += 1;
            match &resolved[k] {
                Ok(r) => {
                    e2e_resolved += 1;
                    let d = distance_km(t.lat, t.lon, r.lat(), r.lon());
                    e2e_area_ok += usize::from(d <= THRESHOLD_KM || in_area(gazetteer, r, t));
                    e2e_errors.push(d);
                }
                Err(_) => e2e_errors.push(MAX_ERROR_KM),
            }
        }
    }
    report.gold_spans = ErrorStats::from_errors(&gold_errors, gold_resolved);
    report.gold_spans.acc161_or_area = ratio(gold_area_ok, gold_errors.len());
    report.end_to_end = ErrorStats::from_errors(&e2e_errors, e2e_resolved);
    report.end_to_end.acc161_or_area = ratio(e2e_area_ok, e2e_errors.len());
    report
}

/// Whether a country or region resolution contains the gold point, judged by the
/// populated place nearest to the point (within 300 km).
fn in_area(g: &Gazetteer, r: &super::Resolution<'_>, t: &GoldToponym) -> bool {
    let Some((p, d)) = g.nearest(t.lat, t.lon) else {
        return false;
    };
    d <= 300.0
        && match r.feature() {
            super::Feature::Country => p.country == r.place.country,
            super::Feature::Region => p.admin1 == r.place.admin1,
            _ => false,
        }
}

/// Reads GeoVirus.xml at `path` and evaluates the built-in gazetteer, resolver and detector.
pub fn geovirus(path: &Path) -> std::io::Result<Report> {
    let xml = std::fs::read_to_string(path)?;
    let (articles, skipped) = parse_geovirus(&xml);
    Ok(evaluate(Gazetteer::builtin(), &articles, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_and_accuracy() {
        let s = ErrorStats::from_errors(&[0.0, 0.0], 2);
        assert_eq!(s.auc, 0.0);
        assert_eq!(s.acc161, 1.0);
        let s = ErrorStats::from_errors(&[MAX_ERROR_KM, MAX_ERROR_KM], 0);
        assert!((s.auc - (MAX_ERROR_KM + 1.0).ln() / MAX_ERROR_KM.ln()).abs() < 1e-9);
        let s = ErrorStats::from_errors(&[10.0, 200.0, 1000.0], 3);
        assert!((s.acc161 - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.median_km, 200.0);
        assert_eq!(ErrorStats::from_errors(&[], 0), ErrorStats::default());
    }

    #[test]
    fn parses_shifted_offsets_and_entities() {
        let xml = "<articles><article><text>In Caf&#233; &amp; Paris.</text><locations>\
            <location><name>Paris</name><start>11</start><end>16</end><lat>48.85</lat>\
            <lon>2.35</lon></location><location><name></name><start>1</start><end>1</end>\
            <lat>0</lat><lon>0</lon></location></locations></article></articles>";
        let (a, skipped) = parse_geovirus(xml);
        assert_eq!(skipped, 1);
        assert_eq!(a[0].text, "In Café & Paris.");
        let t = &a[0].toponyms[0];
        assert_eq!(&a[0].text[t.start..t.end], "Paris");
        assert_eq!(unescape("a &bogus; b &"), "a &bogus; b &");
    }
}
