//! The PolNeAR evaluation: who said what in 2016 US-election news.
//!
//! PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks attributions in brat standoff
//! (`attributions/NAME_ANNOTATOR.ann` beside `text/NAME.txt`): `T` lines are Source, Cue and
//! Content spans in character offsets, discontinuous spans as `start end;start end`; `E`
//! lines tie one attribution's Source, Cue and Content. Some articles carry several
//! annotators' files: we score against the annotator whose id sorts first, for every article.
//!
//! Scoring works on content **segments**: a gold content is cut where its pieces are
//! separated by more than white space ("“X,” said Caddell. “Y.”" gives two segments; a
//! quotation over several paragraphs is one), and each segment keeps its attribution's
//! source. Each predicted quotation is one segment. Spans are compared in the raw text's
//! bytes after trimming each to its first and last letter or digit, so quotation marks and
//! the comma before "he said" do not count.
//!
//! - **exact**: a predicted segment with the same trimmed span as a gold segment;
//! - **overlap**: a predicted segment sharing a character with a gold segment, one to one,
//!   in text order;
//! - **speaker accuracy**: among overlap matches, the share whose predicted speaker span
//!   overlaps the gold source span (or both have none).
//!
//! Two rows: **direct** (gold segments that open and close with a quotation mark; predicted
//! direct and caption quotations) and **all** attributions (every gold segment; every
//! predicted quotation).

use std::fmt;
use std::path::{Path, PathBuf};

use tacitus_annotate::actors::DocumentActors;
use tacitus_model::Document;
use tacitus_model::score::Counts;

use crate::Error;
use crate::quotes::{Quotation, QuoteKind, find_quotations};

/// One gold content segment, in raw-text bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldSegment {
    /// The segment's bytes in the article text.
    pub span: (usize, usize),
    /// The attribution's source spans (empty when it has none).
    pub source: Vec<(usize, usize)>,
    /// The attribution's cue spans (empty when it has none).
    pub cue: Vec<(usize, usize)>,
    /// True when the segment opens and closes with a quotation mark.
    pub direct: bool,
}

/// One article with its gold segments.
#[derive(Debug, Clone)]
pub struct GoldArticle {
    /// The article's name (file stem).
    pub name: String,
    /// The annotator whose file was used.
    pub annotator: String,
    /// The article text as read from disk.
    pub raw: String,
    /// The gold segments, in text order.
    pub segments: Vec<GoldSegment>,
}

/// Scores of one row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Gold segments.
    pub gold: usize,
    /// Predicted segments.
    pub predicted: usize,
    /// Exact span matches.
    pub exact: Counts,
    /// Overlap matches.
    pub overlap: Counts,
    /// Overlap matches whose speaker is right.
    pub speaker_right: usize,
}

impl Row {
    /// Speaker accuracy over overlap matches.
    pub fn speaker_accuracy(&self) -> f64 {
        if self.overlap.tp == 0 {
            0.0
        } else {
            self.speaker_right as f64 / self.overlap.tp as f64
        }
    }
}

/// The PolNeAR report: the direct row and the all-attributions row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Direct quotations.
    pub direct: Row,
    /// All attributions.
    pub all: Row,
    /// Errors of the direct row, for `{:#}`: missed and spurious segments, wrong speakers.
    pub errors: Vec<String>,
    /// Gold segments of the all row that no quotation overlaps, with their cue, for `{:#}`.
    pub missed_all: Vec<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "PolNeAR: {} articles", self.articles)?;
        writeln!(
            f,
            "{:<8} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>8}",
            "", "gold", "pred", "ex P", "ex R", "ex F1", "ov P", "ov R", "ov F1", "speaker"
        )?;
        for (name, r) in [("direct", &self.direct), ("all", &self.all)] {
            writeln!(
                f,
                "{:<8} {:>6} {:>6} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} | {:>8.3}",
                name,
                r.gold,
                r.predicted,
                r.exact.precision(),
                r.exact.recall(),
                r.exact.f1(),
                r.overlap.precision(),
                r.overlap.recall(),
                r.overlap.f1(),
                r.speaker_accuracy()
            )?;
        }
        if f.alternate() {
            writeln!(f, "\n## direct row: errors")?;
            for e in &self.errors {
                writeln!(f, "{e}")?;
            }
            writeln!(f, "\n## all row: missed attributions (cue | content)")?;
            for e in &self.missed_all {
                writeln!(f, "{e}")?;
            }
        }
        Ok(())
    }
}

fn gold_err(path: &Path, message: impl Into<String>) -> Error {
    Error::Gold {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// Byte offsets of every character offset of `text` (and of its end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// A brat span list ("10 20;25 30") in characters, as bytes.
fn parse_ranges(s: &str, map: &[usize]) -> Option<Vec<(usize, usize)>> {
    s.split(';')
        .map(|r| {
            let mut it = r.split_whitespace();
            let a: usize = it.next()?.parse().ok()?;
            let b: usize = it.next()?.parse().ok()?;
            (a <= b).then_some(())?;
            Some((*map.get(a)?, *map.get(b)?))
        })
        .collect()
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// A `T` line: id, label, byte ranges.
type BratSpan = (String, String, Vec<(usize, usize)>);

/// Parses one annotation file against its article text.
pub fn parse_ann(ann: &str, raw: &str) -> Result<Vec<GoldSegment>, String> {
    let map = char_to_byte(raw);
    let mut spans: Vec<BratSpan> = Vec::new();
    let mut events: Vec<Vec<(String, String)>> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let mut f = line.split('\t');
        let id = f.next().unwrap_or("");
        let body = f.next().unwrap_or("");
        // A span's text may run over lines: a line that does not start with an id continues it.
        let is_id = id.len() > 1 && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !is_id {
            continue;
        }
        if id.starts_with('T') {
            let (label, ranges) = body
                .split_once(' ')
                .ok_or_else(|| format!("line {}: no label", n + 1))?;
            let r = parse_ranges(ranges, &map)
                .ok_or_else(|| format!("line {}: bad span {ranges:?}", n + 1))?;
            spans.push((id.to_string(), label.to_string(), r));
        } else if id.starts_with('E') {
            events.push(
                body.split_whitespace()
                    .filter_map(|x| x.split_once(':'))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            );
        }
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0));
    let find = |id: &str| {
        spans
            .binary_search_by(|s| s.0.as_str().cmp(id))
            .ok()
            .map(|i| &spans[i].2)
    };
    let mut out = Vec::new();
    for e in &events {
        let get = |role: &str| e.iter().find(|(k, _)| k == role).and_then(|(_, v)| find(v));
        let Some(content) = get("Content") else {
            continue;
        };
        let source = get("Source").cloned().unwrap_or_default();
        let cue = get("Cue").cloned().unwrap_or_default();
        let mut pieces = content.clone();
        pieces.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for p in pieces {
            match merged.last_mut() {
                Some(last)
                    if raw
                        .get(last.1.min(p.0)..p.0)
                        .is_some_and(|g| g.trim().is_empty()) =>
                {
                    last.1 = last.1.max(p.1);
                }
                _ => merged.push(p),
            }
        }
        for m in merged {
            let t = raw.get(m.0..m.1).unwrap_or("");
            let t =
                t.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'));
            let direct = t.chars().next().is_some_and(is_quote_mark)
                && t.chars().next_back().is_some_and(is_quote_mark);
            out.push(GoldSegment {
                span: m,
                source: source.clone(),
                cue: cue.clone(),
                direct,
            });
        }
    }
    out.sort_by_key(|a| a.span);
    Ok(out)
}

/// Reads a PolNeAR split (`DIR/text/*.txt`, `DIR/attributions/*.ann`), one annotator per
/// article (the first id in sorted order), articles in name order.
pub fn read_split(dir: &Path) -> Result<Vec<GoldArticle>, Error> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let list = |d: &Path, ext: &str| -> Result<Vec<PathBuf>, Error> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| gold_err(d, e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        v.sort();
        Ok(v)
    };
    let texts = list(&text_dir, "txt")?;
    let anns = list(&ann_dir, "ann")?;
    let mut out = Vec::new();
    for t in texts {
        let name = t
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // NAME_ANNOTATOR.ann; sorted paths put the smallest annotator id first.
        let Some(ann) = anns.iter().find(|a| {
            a.file_stem()
                .map(|s| s.to_string_lossy())
                .and_then(|s| s.rsplit_once('_').map(|(n, _)| n == name))
                .unwrap_or(false)
        }) else {
            continue;
        };
        let annotator = ann
            .file_stem()
            .map(|s| {
                s.to_string_lossy()
                    .rsplit_once('_')
                    .map(|x| x.1.to_string())
            })
            .unwrap_or_default()
            .unwrap_or_default();
        let raw = std::fs::read_to_string(&t).map_err(|e| gold_err(&t, e.to_string()))?;
        let ann_text = std::fs::read_to_string(ann).map_err(|e| gold_err(ann, e.to_string()))?;
        let segments = parse_ann(&ann_text, &raw).map_err(|m| gold_err(ann, m))?;
        out.push(GoldArticle {
            name,
            annotator,
            raw,
            segments,
        });
    }
    if out.is_empty() {
        return Err(gold_err(
            dir,
            "no annotated articles (text/ and attributions/)",
        ));
    }
    Ok(out)
}

/// `span` trimmed to its first and last letter or digit.
fn trim(raw: &str, span: (usize, usize)) -> (usize, usize) {
    let Some(s) = raw.get(span.0..span.1) else {
        return span;
    };
    let Some((a, _)) = s.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
        return (span.0, span.0);
    };
    let (b, c) = s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .unwrap_or((a, 'a'));
    (span.0 + a, span.0 + b + c.len_utf8())
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// A predicted segment in raw bytes.
#[derive(Debug, Clone)]
struct Predicted {
    span: (usize, usize),
    speaker: Option<(usize, usize)>,
    direct: bool,
}

fn predicted(doc: &Document, quotes: &[Quotation]) -> Vec<Predicted> {
    quotes
        .iter()
        .filter_map(|q| {
            let span = doc.offsets.range_to_raw(q.start, q.end)?;
            let speaker = q
                .speaker
                .as_ref()
                .and_then(|s| doc.offsets.range_to_raw(s.start, s.end));
            Some(Predicted {
                span,
                speaker,
                direct: q.direct && q.kind != QuoteKind::Partial,
            })
        })
        .collect()
}

fn score_row(
    raw: &str,
    gold: &[&GoldSegment],
    pred: &[&Predicted],
    row: &mut Row,
    mut errors: Option<&mut Vec<String>>,
) {
    let show = |s: (usize, usize)| {
        let t = raw.get(s.0..s.1).unwrap_or("");
        let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = t.chars().count();
        if n > 90 {
            let head: String = t.chars().take(60).collect();
            let tail: String = t.chars().skip(n - 25).collect();
            format!("{head} … {tail}")
        } else {
            t
        }
    };
    row.gold += gold.len();
    row.predicted += pred.len();
    let g: Vec<(usize, usize)> = gold.iter().map(|s| trim(raw, s.span)).collect();
    let p: Vec<(usize, usize)> = pred.iter().map(|s| trim(raw, s.span)).collect();
    let mut used = vec![false; g.len()];
    let mut exact = 0;
    for ps in &p {
        if let Some(i) = (0..g.len()).find(|&i| !used[i] && g[i] == *ps && !ps_empty(*ps)) {
            used[i] = true;
            exact += 1;
        }
    }
    row.exact.add(Counts {
        tp: exact,
        fp: p.len() - exact,
        fn_: g.len() - exact,
    });
    let mut used = vec![false; g.len()];
    let mut hits = 0;
    for (pi, ps) in p.iter().enumerate() {
        // Prefer an exact partner, then the first overlapping one.
        let i = (0..g.len())
            .find(|&i| !used[i] && g[i] == *ps)
            .or_else(|| (0..g.len()).find(|&i| !used[i] && overlaps(g[i], *ps)));
        let Some(i) = i else { continue };
        used[i] = true;
        hits += 1;
        let right = match (&pred[pi].speaker, gold[i].source.is_empty()) {
            (None, true) => true,
            (Some(sp), false) => gold[i].source.iter().any(|s| overlaps(*s, *sp)),
            _ => false,
        };
        if right {
            row.speaker_right += 1;
        } else if let Some(e) = errors.as_deref_mut() {
            e.push(format!(
                "  speaker  {:?}  gold {:?}  pred {:?}",
                show(g[i]),
                gold[i].source.iter().map(|s| show(*s)).collect::<Vec<_>>(),
                pred[pi].speaker.map(show)
            ));
        }
        if g[i] != *ps
            && let Some(e) = errors.as_deref_mut()
        {
            e.push(format!(
                "  span     gold {:?}\n           pred {:?}",
                show(g[i]),
                show(*ps)
            ));
        }
    }
    if let Some(e) = errors {
        for (i, gs) in g.iter().enumerate() {
            if !used[i] {
                e.push(format!("  missed   {:?}", show(*gs)));
            }
        }
        for ps in &p {
            if !g.iter().any(|gs| overlaps(*gs, *ps)) {
                e.push(format!("  spurious {:?}", show(*ps)));
            }
        }
    }
    row.overlap.add(Counts {
        tp: hits,
        fp: p.len() - hits,
        fn_: g.len() - hits,
    });
}

fn ps_empty(s: (usize, usize)) -> bool {
    s.1 <= s.0
}

/// Scores one article's quotations against its gold segments, adding to `report`.
pub fn score_article(
    gold: &GoldArticle,
    doc: &Document,
    quotes: &[Quotation],
    report: &mut Report,
) {
    let pred = predicted(doc, quotes);
    report.articles += 1;
    let gd: Vec<&GoldSegment> = gold.segments.iter().filter(|s| s.direct).collect();
    let pd: Vec<&Predicted> = pred.iter().filter(|p| p.direct).collect();
    let mut errors = Vec::new();
    score_row(&gold.raw, &gd, &pd, &mut report.direct, Some(&mut errors));
    if !errors.is_empty() {
        report.errors.push(format!("# {}", gold.name));
        report.errors.append(&mut errors);
    }
    let ga: Vec<&GoldSegment> = gold.segments.iter().collect();
    let pa: Vec<&Predicted> = pred.iter().collect();
    score_row(&gold.raw, &ga, &pa, &mut report.all, None);
    for g in &gold.segments {
        let t = trim(&gold.raw, g.span);
        if !pred.iter().any(|p| overlaps(trim(&gold.raw, p.span), t)) {
            let cue: Vec<&str> = g
                .cue
                .iter()
                .map(|c| gold.raw.get(c.0..c.1).unwrap_or(""))
                .collect();
            let content: String = gold
                .raw
                .get(t.0..t.1)
                .unwrap_or("")
                .split_whitespace()
                .take(12)
                .collect::<Vec<_>>()
                .join(" ");
            report
                .missed_all
                .push(format!("  {} | {content}", cue.join(" ")));
        }
    }
}

/// Reads, annotates and scores a PolNeAR split. `annotate` runs the grammar and the actor
/// recognizer over a document (the caller owns both).
pub fn evaluate(
    dir: &Path,
    annotate: &dyn Fn(&mut Document) -> DocumentActors,
) -> Result<Report, Error> {
    let articles = read_split(dir)?;
    let mut report = Report::default();
    for a in &articles {
        let mut doc = match tacitus_text::read::read_text_bytes(&a.name, &a.name, a.raw.as_bytes())
        {
            Ok(d) => d,
            Err(e) => return Err(gold_err(dir, format!("{}: {e}", a.name))),
        };
        let actors = annotate(&mut doc);
        let quotes = find_quotations(&doc, &actors);
        score_article(a, &doc, &quotes, &mut report);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_brat_with_discontinuous_content() {
        let raw = "“One,” said Al. “Two.”\n\nAl said that it’s fine.";
        let c = |s: &str| raw.find(s).map(|b| raw[..b].chars().count()).unwrap();
        let n = |s: &str| s.chars().count();
        let (one, said, al, two) = (c("“One"), c("said"), c("Al"), c("“Two"));
        let (al2, that) = (c("Al said"), c("that"));
        let ann = format!(
            "T1\tContent {} {};{} {}\tx\nT2\tCue {} {}\tsaid\nT3\tSource {} {}\tAl\n\
             E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n\
             T4\tSource {} {}\tAl\nT5\tContent {} {}\tthat\nE2\tContent:T5 Source:T4\n",
            one,
            one + n("“One,”"),
            two,
            two + n("“Two.”"),
            said,
            said + 4,
            al,
            al + 2,
            al2,
            al2 + 2,
            that,
            raw.chars().count() - 1,
        );
        let segs = parse_ann(&ann, raw).unwrap();
        assert_eq!(segs.len(), 3);
        assert_eq!(&raw[segs[0].span.0..segs[0].span.1], "“One,”");
        assert!(segs[0].direct && segs[1].direct && !segs[2].direct);
        assert_eq!(&raw[segs[1].span.0..segs[1].span.1], "“Two.”");
        assert_eq!(&raw[segs[2].span.0..segs[2].span.1], "that it’s fine");
        assert_eq!(
            trim(raw, segs[0].span),
            (raw.find("One").unwrap(), raw.find("One").unwrap() + 3)
        );
    }

    #[test]
    fn bad_spans_are_errors_not_panics() {
        assert!(parse_ann("T1\tContent 5 999\tx\n", "short").is_err());
        assert!(parse_ann("T1\tContent x y\tx\n", "short").is_err());
        assert!(parse_ann("T1\tContent 3 1\tx\n", "short").is_err());
        assert_eq!(parse_ann("garbage\n\n", "short"), Ok(vec![]));
    }
}
