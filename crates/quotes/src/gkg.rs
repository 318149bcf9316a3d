//! One GDELT Global Knowledge Graph 2.1 row per article.
//!
//! The 27 tab-separated columns of the GKG 2.1 codebook, in order, with its delimiters
//! (`;` between blocks, `#` between the fields of a block, `,` before an offset). Offsets are
//! character offsets into the document text, as GDELT's are. Two deliberate differences,
//! written down in `docs/quotes.md`: country codes are ISO 3166-1 alpha-3 (tacitus's codes)
//! where GDELT writes FIPS 10-4, and the GCAM column carries only the word count (`wc:N`).

use tacitus_model::Document;

use crate::facts::{Entity, Facts};
use crate::quotes::{Quotation, QuoteKind};

/// The column names of a GKG 2.1 row.
pub const COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

/// Strips the characters GKG uses as delimiters (and line breaks) from a value.
fn clean(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | ';' | '#' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name for a block that also uses `,` before its offset.
fn clean_name(s: &str) -> String {
    clean(&s.replace(',', " "))
}

/// Byte offset to character offset.
struct Chars<'a> {
    text: &'a str,
}

impl Chars<'_> {
    fn at(&self, byte: usize) -> usize {
        let b = byte.min(self.text.len());
        let mut b2 = b;
        while !self.text.is_char_boundary(b2) {
            b2 -= 1;
        }
        self.text[..b2].chars().count()
    }
}

fn fmt_num(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" || s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

fn names(list: &[&Entity]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in list {
        let n = clean(&e.name);
        if !seen.contains(&n) {
            seen.push(n);
        }
    }
    seen.join(";")
}

fn enhanced(list: &[&Entity], chars: &Chars<'_>) -> String {
    list.iter()
        .map(|e| format!("{},{}", clean_name(&e.name), chars.at(e.start)))
        .collect::<Vec<_>>()
        .join(";")
}

/// The GKG 2.1 row of one article: 27 tab-separated columns, no trailing newline.
pub fn row(doc: &Document, facts: &Facts, quotes: &[Quotation]) -> String {
    let chars = Chars { text: &doc.text };
    let date = doc
        .meta
        .published
        .as_ref()
        .map(|p| p.utc.strftime("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default();
    let id = format!(
        "{}-{}",
        if date.is_empty() { "0" } else { &date },
        clean(&doc.id).replace(' ', "_")
    );
    let source_name = doc
        .meta
        .outlet
        .clone()
        .or_else(|| {
            doc.meta.url.as_deref().and_then(|u| {
                u.split("://")
                    .nth(1)
                    .and_then(|r| r.split('/').next())
                    .map(str::to_string)
            })
        })
        .unwrap_or_default();
    let doc_id = doc
        .meta
        .url
        .clone()
        .unwrap_or_else(|| doc.meta.source.clone());
    let counts_v1 = facts
        .counts
        .iter()
        .map(|c| format!("{}#{}#{}#0######", c.act, c.number, clean(&c.what)))
        .collect::<Vec<_>>()
        .join(";");
    let counts_v2 = facts
        .counts
        .iter()
        .map(|c| {
            format!(
                "{}#{}#{}#0#######{}",
                c.act,
                c.number,
                clean(&c.what),
                chars.at(c.start)
            )
        })
        .collect::<Vec<_>>()
        .join(";");
    let themes_v1 = facts
        .themes
        .iter()
        .map(|t| t.theme.clone())
        .collect::<Vec<_>>()
        .join(";");
    let mut themes_v2: Vec<(usize, &str)> = facts
        .themes
        .iter()
        .flat_map(|t| t.offsets.iter().map(move |o| (*o, t.theme.as_str())))
        .collect();
    themes_v2.sort();
    let themes_v2 = themes_v2
        .iter()
        .map(|(o, t)| format!("{t},{}", chars.at(*o)))
        .collect::<Vec<_>>()
        .join(";");
    let loc = |e: &Entity, enhanced: bool| -> Option<String> {
        let p = e.place.as_ref()?;
        // GKG location types: 1 a country, 4 a place elsewhere (GKG's US-specific types 2
        // and 3 are not used).
        let is_country = tacitus_annotate::places::Gazetteer::builtin()
            .country(&p.country)
            .is_some_and(|c| c.name == p.name);
        let kind = if is_country { 1 } else { 4 };
        Some(if enhanced {
            format!(
                "{kind}#{}#{}###{:.4}#{:.4}##{}",
                clean(&p.name),
                p.country,
                p.lat,
                p.lon,
                chars.at(e.start)
            )
        } else {
            format!(
                "{kind}#{}#{}##{:.4}#{:.4}#",
                clean(&p.name),
                p.country,
                p.lat,
                p.lon
            )
        })
    };
    let loc_v1 = facts
        .places
        .iter()
        .filter_map(|e| loc(e, false))
        .collect::<Vec<_>>()
        .join(";");
    let loc_v2 = facts
        .places
        .iter()
        .filter_map(|e| loc(e, true))
        .collect::<Vec<_>>()
        .join(";");
    let people: Vec<&Entity> = facts.people.iter().collect();
    let orgs: Vec<&Entity> = facts.organisations.iter().collect();
    let t = &facts.tone;
    let tone = [
        t.tone,
        t.positive,
        t.negative,
        t.polarity,
        t.activity,
        t.self_group,
    ]
    .iter()
    .map(|x| fmt_num(*x))
    .chain(std::iter::once(t.words.to_string()))
    .collect::<Vec<_>>()
    .join(",");
    let quotations = quotes
        .iter()
        .filter(|q| q.direct && q.kind != QuoteKind::Partial)
        .map(|q| {
            let start = chars.at(q.start);
            format!(
                "{}|{}|{}|{}",
                start,
                chars.at(q.end) - start,
                clean(q.cue.as_deref().unwrap_or("")),
                clean(&q.text)
            )
        })
        .collect::<Vec<_>>()
        .join("#");
    let mut all: Vec<&Entity> = people.iter().chain(orgs.iter()).copied().collect();
    all.sort_by_key(|e| e.start);
    let amounts = facts
        .counts
        .iter()
        .map(|c| format!("{},{},{}", c.number, clean_name(&c.what), chars.at(c.start)))
        .collect::<Vec<_>>()
        .join(";");
    let title = doc
        .meta
        .title
        .as_deref()
        .map(|t| {
            format!(
                "<PAGE_TITLE>{}</PAGE_TITLE>",
                clean(t)
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )
        })
        .unwrap_or_default();
    let cols: [String; 27] = [
        id,
        date,
        "1".into(),
        clean(&source_name),
        clean(&doc_id),
        counts_v1,
        counts_v2,
        themes_v1,
        themes_v2,
        loc_v1,
        loc_v2,
        names(&people),
        enhanced(&people, &chars),
        names(&orgs),
        enhanced(&orgs, &chars),
        tone,
        String::new(),
        format!("wc:{}", t.words),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotations,
        enhanced(&all, &chars),
        amounts,
        String::new(),
        title,
    ];
    cols.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_and_numbers() {
        assert_eq!(clean("a;b#c|d\te\nf"), "a b c d e f");
        assert_eq!(clean_name("Smith, John"), "Smith John");
        assert_eq!(fmt_num(1.5), "1.5");
        assert_eq!(fmt_num(0.0), "0");
        assert_eq!(fmt_num(-0.00001), "0");
        assert_eq!(fmt_num(-2.25), "-2.25");
        let c = Chars { text: "é a" };
        assert_eq!(c.at(0), 0);
        assert_eq!(c.at(1), 0);
        assert_eq!(c.at(2), 1);
        assert_eq!(c.at(99), 3);
    }
}
