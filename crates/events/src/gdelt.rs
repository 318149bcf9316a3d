//! GDELT 2.0 tables: the Events table (61 tab-separated columns, in the order of the GDELT 2.0
//! Event codebook) and the Mentions table (16 columns), so GDELT tooling reads tacitus output
//! unchanged.
//!
//! Mapping decisions:
//! - `GLOBALEVENTID`: the first 15 hex digits of our stable event id as a decimal integer
//!   (stable, below 2^60, unique in practice);
//! - actor codes are split as GDELT does: `GBRGOV` → country `GBR`, type `GOV`;
//!   `IGOUNO` → type `IGO`, known group `UNO`;
//! - `Actor1Geo`/`Actor2Geo` are left empty (tacitus places the act, not the actors);
//!   `ActionGeo` comes from the event's location with the FIPS 10-4 country code GDELT uses
//!   (`data/events/fips.tsv`, from GeoNames) and type 1 (country) when the place is the country
//!   itself, else 4 (world city);
//! - `IsRootEvent` is 1 for events of the article's lead (its first body paragraph);
//! - `NumMentions`, `NumSources`, `NumArticles` are what the caller counts (1, 1, 1 for one
//!   article; the store counts copies of a story); `AvgTone` is the caller's.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use tacitus_model::Event;
use tacitus_model::event::ActorRef;

/// ISO alpha-3 → FIPS 10-4, shipped with tacitus.
pub const FIPS_TSV: &str = include_str!("../../../data/events/fips.tsv");

/// Column names of the Events table, in order.
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Column names of the Mentions table, in order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// Role and sector codes of the CAMEO actor scheme (a chunk that is one of these is a type,
/// not a known group).
const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "SPY", "LEG", "OPP", "REB", "INS", "CVL", "MED", "HRI", "REF",
    "BUS", "EDU", "REL", "UAF", "SEP", "LAB", "AGR", "CRM", "ELI", "HLH", "DEV", "MOD", "RAD",
    "ENV", "AMN", "IMG", "NGM", "SET", "ETH", "PTY", "IGO", "NGO", "MNC", "UIS",
];
/// True for a role or sector code (`GOV`, `COP`, `CVL` ...), which names no country.
pub fn is_role(code: &str) -> bool {
    ROLES.contains(&code) && !NON_STATE.contains(&code)
}

/// Codes that stand first in place of a country.
const NON_STATE: &[&str] = &["IGO", "NGO", "MNC", "UIS", "INT"];

/// ISO alpha-3 → (FIPS 10-4, English name).
fn fips() -> &'static BTreeMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<BTreeMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| {
        FIPS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, (f.next()?, f.next().unwrap_or(""))))
            })
            .collect()
    })
}

/// The FIPS 10-4 code of an ISO alpha-3 country, if known.
pub fn fips_of(iso3: &str) -> Option<&'static str> {
    fips().get(iso3).map(|(f, _)| *f)
}

/// True when a gazetteer place is the country itself (named as the country is).
fn is_country(iso3: &str, name: &str) -> bool {
    fips().get(iso3).is_some_and(|(_, n)| *n == name)
}

/// GDELT's split of a CAMEO actor code: country, known group, three type codes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorParts {
    /// Country (ISO alpha-3, as CAMEO), empty for non-state actors.
    pub country: String,
    /// Known group (`UNO` of `IGOUNO`).
    pub known_group: String,
    /// Up to three type codes.
    pub types: [String; 3],
}

/// Splits an actor code into GDELT's parts.
pub fn split_actor(code: &str) -> ActorParts {
    let chunks: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..(i + 3).min(code.len())))
        .collect();
    let mut parts = ActorParts::default();
    let mut types = Vec::new();
    let mut rest = chunks.as_slice();
    if let Some((first, tail)) = rest.split_first() {
        if NON_STATE.contains(first) {
            types.push(first.to_string());
            if let Some((group, tail2)) = tail.split_first() {
                if ROLES.contains(group) {
                    rest = tail;
                } else {
                    parts.known_group = group.to_string();
                    rest = tail2;
                }
            } else {
                rest = tail;
            }
        } else if ROLES.contains(first) {
            rest = chunks.as_slice();
        } else {
            parts.country = first.to_string();
            rest = tail;
        }
    }
    for c in rest {
        if ROLES.contains(c) {
            types.push(c.to_string());
        } else if parts.known_group.is_empty() {
            parts.known_group = c.to_string();
        }
    }
    for (slot, t) in parts.types.iter_mut().zip(types) {
        *slot = t;
    }
    parts
}

/// What an export row needs besides the event.
#[derive(Debug, Clone)]
pub struct RowContext<'a> {
    /// The event is in the article's lead.
    pub is_root: bool,
    /// Mentions, sources and articles counted for the event.
    pub counts: (u64, u64, u64),
    /// Average tone of the articles (0 when not measured).
    pub tone: f64,
    /// When the event was added: `YYYYMMDDHHMMSS`.
    pub date_added: &'a str,
    /// The article's URL, or its document id when it has none.
    pub source_url: &'a str,
}

/// The GLOBALEVENTID of an event: the first 15 hex digits of its id as an integer.
pub fn global_id(e: &Event) -> u64 {
    u64::from_str_radix(e.id.get(..15).unwrap_or("0"), 16).unwrap_or(0)
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn actor_columns(out: &mut Vec<String>, a: &Option<ActorRef>) {
    let code = a.as_ref().and_then(|a| a.code.clone()).unwrap_or_default();
    let name = a
        .as_ref()
        .map(|a| a.name.clone().unwrap_or_else(|| a.text.clone()))
        .unwrap_or_default()
        .to_uppercase();
    let p = split_actor(&code);
    out.push(code);
    out.push(clean(&name));
    out.push(p.country);
    out.push(p.known_group);
    out.push(String::new()); // ethnic
    out.push(String::new()); // religion 1
    out.push(String::new()); // religion 2
    out.extend(p.types);
}

/// One Events row, without its line end.
pub fn event_row(e: &Event, ctx: &RowContext) -> String {
    let mut c: Vec<String> = Vec::with_capacity(61);
    c.push(global_id(e).to_string());
    match e.date {
        Some(d) => {
            c.push(format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()));
            c.push(format!("{:04}{:02}", d.year(), d.month()));
            c.push(format!("{:04}", d.year()));
            let fraction = d.year() as f64 + (d.day_of_year() as f64) / 365.0;
            c.push(format!("{fraction:.4}"));
        }
        None => c.extend(["", "", "", ""].map(String::from)),
    }
    actor_columns(&mut c, &e.source);
    actor_columns(&mut c, &e.target);
    c.push(u8::from(ctx.is_root).to_string());
    c.push(e.cameo.clone());
    c.push(e.cameo.get(..3).unwrap_or(&e.cameo).to_string());
    c.push(e.root.clone());
    c.push(e.quad_class.to_string());
    c.push(format!("{:.1}", e.goldstein));
    c.push(ctx.counts.0.to_string());
    c.push(ctx.counts.1.to_string());
    c.push(ctx.counts.2.to_string());
    c.push(format!("{:.4}", ctx.tone));
    // Actor1Geo and Actor2Geo: not filled.
    for _ in 0..16 {
        c.push(String::new());
    }
    match &e.location {
        Some(l) => {
            let is_country = is_country(&l.country, &l.name);
            c.push(if is_country { "1" } else { "4" }.to_string());
            c.push(clean(&l.name));
            c.push(fips_of(&l.country).unwrap_or("").to_string());
            c.push(if is_country {
                fips_of(&l.country).unwrap_or("").to_string()
            } else {
                String::new()
            });
            c.push(String::new());
            c.push(format!("{:.4}", l.lat));
            c.push(format!("{:.4}", l.lon));
            c.push(String::new());
        }
        None => {
            for _ in 0..8 {
                c.push(String::new());
            }
        }
    }
    c.push(ctx.date_added.to_string());
    c.push(clean(ctx.source_url));
    debug_assert_eq!(c.len(), 61);
    c.join("\t")
}

/// One Mentions row for the event in its own article, without its line end.
pub fn mention_row(e: &Event, ctx: &RowContext, doc_len: usize) -> String {
    let time = ctx.date_added;
    let event_time = e
        .date
        .map(|d| format!("{:04}{:02}{:02}000000", d.year(), d.month(), d.day()))
        .unwrap_or_default();
    let offset = |a: &Option<ActorRef>| {
        a.as_ref()
            .map(|a| a.start.to_string())
            .unwrap_or_else(|| "-1".into())
    };
    let mut row = String::new();
    let _ = write!(
        row,
        "{}\t{}\t{}\t1\t{}\t{}\t{}\t{}\t{}\t{}\t1\t{}\t{}\t{:.4}\t\t",
        global_id(e),
        event_time,
        time,
        clean(&source_name(ctx.source_url)),
        clean(ctx.source_url),
        e.sentence.index + 1,
        offset(&e.source),
        offset(&e.target),
        e.trigger.start,
        confidence(e),
        doc_len,
        ctx.tone,
    );
    row
}

/// The outlet's name from a URL's host (`www.bbc.co.uk` → `bbc.co.uk`), or the id itself.
fn source_name(url: &str) -> String {
    let host = url
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(rest))
        .unwrap_or(url);
    host.trim_start_matches("www.").to_string()
}

/// GDELT's Confidence (10-100): higher when both actors are coded and the act is asserted.
fn confidence(e: &Event) -> u8 {
    let coded = |a: &Option<ActorRef>| a.as_ref().is_some_and(|a| a.code.is_some());
    let mut c = 40;
    if coded(&e.source) {
        c += 20;
    }
    if coded(&e.target) {
        c += 20;
    }
    if e.modality == tacitus_model::event::Modality::Asserted {
        c += 20;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_as_gdelt_does() {
        let p = split_actor("GBRGOV");
        assert_eq!(
            (
                p.country.as_str(),
                p.known_group.as_str(),
                p.types[0].as_str()
            ),
            ("GBR", "", "GOV")
        );
        let p = split_actor("IGOUNO");
        assert_eq!(
            (
                p.country.as_str(),
                p.known_group.as_str(),
                p.types[0].as_str()
            ),
            ("", "UNO", "IGO")
        );
        let p = split_actor("SYRREBMIL");
        assert_eq!(
            p.types,
            ["REB".to_string(), "MIL".to_string(), String::new()]
        );
        assert_eq!(split_actor(""), ActorParts::default());
        assert_eq!(fips_of("GBR"), Some("UK"));
        assert_eq!(EVENT_COLUMNS.len(), 61);
    }
}
