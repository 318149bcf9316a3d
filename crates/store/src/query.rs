//! Queries: merged events by actor, dyad, code, type, date, place and sentence text;
//! quotations by speaker or text; and time series of counts and Goldstein sums.
//!
//! Every result is ordered by stored values (date, then id), so the same store always gives the
//! same output. Actor codes match as prefixes (`SYR` matches `SYRMIL`), through the indexes.

use rusqlite::types::Value;
use serde::Serialize;
use tacitus_model::Event;

use crate::{Error, Result, Store};

/// Which events to return. Empty fields do not filter.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Source or target actor code prefixes (any of them).
    pub actors: Vec<String>,
    /// Source actor code prefix.
    pub source: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// A dyad of code prefixes: events from the first to the second, or (unless `directed`)
    /// the other way.
    pub dyad: Option<(String, String)>,
    /// Only the dyad's first-to-second direction.
    pub directed: bool,
    /// CAMEO event code prefix (`19`, `190`, `1823`).
    pub cameo: Option<String>,
    /// PLOVER type (`ASSAULT`).
    pub plover: Option<String>,
    /// QuadClass, 1 to 4.
    pub quad_class: Option<u8>,
    /// First day (inclusive).
    pub from: Option<jiff::civil::Date>,
    /// Last day (inclusive).
    pub to: Option<jiff::civil::Date>,
    /// ISO 3166-1 alpha-3 country of the event's place.
    pub country: Option<String>,
    /// Place name (case-insensitive, exact).
    pub place: Option<String>,
    /// FTS5 full-text query over the sentences the event was coded from.
    pub text: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// A merged event with its counts and the first mention's record.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    /// The merged event's id (GLOBALEVENTID in exports).
    pub id: i64,
    /// The story it belongs to.
    pub story: i64,
    /// Mentions (coded events) of it across articles.
    pub num_mentions: i64,
    /// Distinct sources (outlets) that carry it.
    pub num_sources: i64,
    /// Distinct articles that carry it.
    pub num_articles: i64,
    /// URL of the first article that carries it.
    pub url: Option<String>,
    /// Outlet (or host, or input) of that article.
    pub source_name: String,
    /// Day that article was published.
    pub published: Option<String>,
    /// The first mention's record.
    pub event: Event,
}

/// A code prefix, checked: letters and digits only, upper-cased.
fn code(prefix: &str) -> Result<String> {
    let p = prefix.trim().to_uppercase();
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::Invalid(format!(
            "bad code {prefix:?}: use letters and digits (SYR, SYRMIL, 19, 190)"
        )));
    }
    Ok(format!("{p}*"))
}

/// The SQL `WHERE` clause (over `events e`) and its parameters.
fn where_clause(f: &EventFilter) -> Result<(String, Vec<Value>)> {
    let mut conds: Vec<String> = Vec::new();
    let mut ps: Vec<Value> = Vec::new();
    let mut push = |conds: &mut Vec<String>, sql: String, vals: Vec<Value>| {
        conds.push(sql);
        ps.extend(vals);
    };
    if !f.actors.is_empty() {
        let mut ors = Vec::new();
        let mut vals = Vec::new();
        for a in &f.actors {
            let g = code(a)?;
            ors.push("e.source GLOB ? OR e.target GLOB ?".to_string());
            vals.push(Value::Text(g.clone()));
            vals.push(Value::Text(g));
        }
        push(&mut conds, format!("({})", ors.join(" OR ")), vals);
    }
    if let Some(s) = &f.source {
        push(
            &mut conds,
            "e.source GLOB ?".into(),
            vec![Value::Text(code(s)?)],
        );
    }
    if let Some(t) = &f.target {
        push(
            &mut conds,
            "e.target GLOB ?".into(),
            vec![Value::Text(code(t)?)],
        );
    }
    if let Some((a, b)) = &f.dyad {
        let (a, b) = (code(a)?, code(b)?);
        if f.directed {
            push(
                &mut conds,
                "(e.source GLOB ? AND e.target GLOB ?)".into(),
                vec![Value::Text(a), Value::Text(b)],
            );
        } else {
            push(
                &mut conds,
                "((e.source GLOB ? AND e.target GLOB ?) OR (e.source GLOB ? AND e.target GLOB ?))"
                    .into(),
                vec![
                    Value::Text(a.clone()),
                    Value::Text(b.clone()),
                    Value::Text(b),
                    Value::Text(a),
                ],
            );
        }
    }
    if let Some(c) = &f.cameo {
        let glob = code(c)?;
        if glob.len() == 3 {
            // A root: equality lets the (root, date) index give the date order.
            let root = glob.trim_end_matches('*').to_string();
            push(&mut conds, "e.root = ?".into(), vec![Value::Text(root)]);
        } else {
            push(&mut conds, "e.cameo GLOB ?".into(), vec![Value::Text(glob)]);
        }
    }
    if let Some(p) = &f.plover {
        push(
            &mut conds,
            "e.plover = ?".into(),
            vec![Value::Text(p.trim().to_uppercase())],
        );
    }
    if let Some(q) = f.quad_class {
        if !(1..=4).contains(&q) {
            return Err(Error::Invalid(format!("QuadClass {q} is not 1 to 4")));
        }
        push(
            &mut conds,
            "e.quad_class = ?".into(),
            vec![Value::Integer(q.into())],
        );
    }
    if let Some(d) = f.from {
        push(
            &mut conds,
            "e.date >= ?".into(),
            vec![Value::Text(d.to_string())],
        );
    }
    if let Some(d) = f.to {
        push(
            &mut conds,
            "e.date <= ?".into(),
            vec![Value::Text(d.to_string())],
        );
    }
    if let Some(c) = &f.country {
        push(
            &mut conds,
            "e.country = ?".into(),
            vec![Value::Text(c.trim().to_uppercase())],
        );
    }
    if let Some(p) = &f.place {
        push(
            &mut conds,
            "e.place = ? COLLATE NOCASE".into(),
            vec![Value::Text(p.trim().to_string())],
        );
    }
    if let Some(t) = &f.text {
        push(
            &mut conds,
            "e.id IN (SELECT m.event FROM event_mentions m WHERE m.sentence_row IN \
             (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))"
                .into(),
            vec![Value::Text(t.clone())],
        );
    }
    let sql = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    Ok((sql, ps))
}

impl Store {
    /// Merged events matching the filter, by date then id (undated first: the date order then
    /// comes straight from the indexes).
    pub fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>> {
        let mut out = Vec::new();
        self.scan_events(f, "e.date, e.id", &mut |row| {
            out.push(row.clone());
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `each` for every mention (coded event in an article) of the merged events that
    /// match the filter, by event then mention; streams, for exports of any size.
    pub fn for_each_mention(
        &self,
        f: &EventFilter,
        each: &mut dyn FnMut(&MentionView) -> Result<()>,
    ) -> Result<()> {
        let (cond, ps) = where_clause(f)?;
        let sql = format!(
            "SELECT e.id, m.id, m.record, a.url, a.source_name, a.published, a.doc_id,
                    length(CAST(a.text AS BLOB))
             FROM events e
             JOIN event_mentions m ON m.event = e.id
             JOIN articles a ON a.id = m.article
             {cond}
             ORDER BY e.id, m.id"
        );
        let mut st = self.connection().prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(ps))?;
        while let Some(r) = rows.next()? {
            let record: String = r.get(2)?;
            let view = MentionView {
                event: r.get(0)?,
                mention: r.get(1)?,
                record: serde_json::from_str(&record)?,
                url: r.get(3)?,
                source_name: r.get(4)?,
                published: r.get(5)?,
                doc: r.get(6)?,
                doc_len: r.get(7)?,
            };
            each(&view)?;
        }
        Ok(())
    }

    /// Calls `each` for every merged event matching the filter, by id, streaming (exports).
    pub fn for_each_event(
        &self,
        f: &EventFilter,
        each: &mut dyn FnMut(&EventRow) -> Result<()>,
    ) -> Result<()> {
        self.scan_events(f, "e.id", each)
    }

    fn scan_events(
        &self,
        f: &EventFilter,
        order: &str,
        each: &mut dyn FnMut(&EventRow) -> Result<()>,
    ) -> Result<()> {
        let (cond, ps) = where_clause(f)?;
        let limit = f.limit.map(|n| format!("LIMIT {n}")).unwrap_or_default();
        let sql = format!(
            "SELECT e.id, e.story, e.num_mentions, e.num_sources, e.num_articles, a.url,
                    a.source_name, a.day, m.record
             FROM events e
             JOIN event_mentions m ON m.id = e.first_mention
             JOIN articles a ON a.id = m.article
             {cond}
             ORDER BY {order} {limit}"
        );
        let mut st = self.connection().prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(ps))?;
        while let Some(r) = rows.next()? {
            let record: String = r.get(8)?;
            let row = EventRow {
                id: r.get(0)?,
                story: r.get(1)?,
                num_mentions: r.get(2)?,
                num_sources: r.get(3)?,
                num_articles: r.get(4)?,
                url: r.get(5)?,
                source_name: r.get(6)?,
                published: r.get(7)?,
                event: serde_json::from_str(&record)?,
            };
            each(&row)?;
        }
        Ok(())
    }

    /// Quotations whose speaker (words, name or code) contains `speaker` and whose text
    /// contains `text` (both case-insensitive), in article then position order.
    pub fn quotations(
        &self,
        speaker: Option<&str>,
        text: Option<&str>,
        limit: Option<usize>,
    ) -> Result<Vec<QuotationView>> {
        let mut conds = Vec::new();
        let mut ps: Vec<Value> = Vec::new();
        if let Some(s) = speaker {
            conds.push(
                "(q.speaker_text LIKE ?1 ESCAPE '\\' OR q.speaker_name LIKE ?1 ESCAPE '\\' \
                 OR q.speaker_code LIKE ?1 ESCAPE '\\')",
            );
            ps.push(Value::Text(like(s)));
        }
        if let Some(t) = text {
            conds.push(if ps.is_empty() {
                "q.text LIKE ?1 ESCAPE '\\'"
            } else {
                "q.text LIKE ?2 ESCAPE '\\'"
            });
            ps.push(Value::Text(like(t)));
        }
        let cond = if conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conds.join(" AND "))
        };
        let limit = limit.map(|n| format!("LIMIT {n}")).unwrap_or_default();
        let sql = format!(
            "SELECT a.doc_id, a.url, a.day, q.text, q.start, q.end, q.direct, q.speaker_text,
                    q.speaker_name, q.speaker_code, q.speaker_start, q.speaker_end, q.cue
             FROM quotations q JOIN articles a ON a.id = q.article
             {cond} ORDER BY q.article, q.start, q.id {limit}"
        );
        let mut st = self.connection().prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(ps), |r| {
            let speaker_text: Option<String> = r.get(7)?;
            Ok(QuotationView {
                doc: r.get(0)?,
                url: r.get(1)?,
                published: r.get(2)?,
                quotation: crate::QuotationRow {
                    text: r.get(3)?,
                    start: r.get::<_, i64>(4)? as usize,
                    end: r.get::<_, i64>(5)? as usize,
                    direct: r.get(6)?,
                    speaker: match speaker_text {
                        Some(text) => Some(crate::SpeakerRow {
                            text,
                            name: r.get(8)?,
                            code: r.get(9)?,
                            start: r.get::<_, Option<i64>>(10)?.unwrap_or(0) as usize,
                            end: r.get::<_, Option<i64>>(11)?.unwrap_or(0) as usize,
                        }),
                        None => None,
                    },
                    cue: r.get(12)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Counts of events, their mentions and their Goldstein sum per period (and per key).
    pub fn series(&self, f: &EventFilter, every: Interval, by: By) -> Result<Vec<SeriesRow>> {
        let (cond, ps) = where_clause(f)?;
        let cond = if cond.is_empty() {
            "WHERE e.date IS NOT NULL".to_string()
        } else {
            format!("{cond} AND e.date IS NOT NULL")
        };
        let period = match every {
            Interval::Day => "e.date",
            Interval::Week => {
                "date(e.date, '-' || ((CAST(strftime('%w', e.date) AS INTEGER) + 6) % 7) || ' days')"
            }
            Interval::Month => "substr(e.date, 1, 7)",
        };
        let key = match by {
            By::All => "''",
            By::Country => "coalesce(e.country, '')",
            By::Dyad => "substr(e.source, 1, 3) || '-' || substr(e.target, 1, 3)",
            By::Root => "e.root",
        };
        let sql = format!(
            "SELECT {period} AS p, {key} AS k, count(*), sum(e.num_mentions), sum(e.goldstein)
             FROM events e {cond} GROUP BY p, k ORDER BY p, k"
        );
        let mut st = self.connection().prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(ps), |r| {
            Ok(SeriesRow {
                period: r.get(0)?,
                key: r.get(1)?,
                events: r.get(2)?,
                mentions: r.get(3)?,
                goldstein: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A LIKE pattern matching `s` anywhere, with `%`, `_` and `\` escaped.
fn like(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// One mention of a merged event, for exports.
#[derive(Clone, Debug)]
pub struct MentionView {
    /// The merged event's id.
    pub event: i64,
    /// The mention's id.
    pub mention: i64,
    /// The coded event as the article gave it.
    pub record: Event,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's outlet (or host, or input).
    pub source_name: String,
    /// The article's publication instant (RFC 3339, UTC).
    pub published: Option<String>,
    /// The article's document id.
    pub doc: String,
    /// The article's text length in bytes.
    pub doc_len: i64,
}

/// A quotation with its article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuotationView {
    /// The article's document id.
    pub doc: String,
    /// The article's URL.
    pub url: Option<String>,
    /// The article's publication day.
    pub published: Option<String>,
    /// The quotation.
    #[serde(flatten)]
    pub quotation: crate::QuotationRow,
}

/// A period of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, labelled by their Monday.
    Week,
    /// Calendar months (`YYYY-MM`).
    Month,
}

/// What a series is broken down by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Nothing: one row per period.
    All,
    /// The country of the event's place.
    Country,
    /// The source and target's first three letters (`GBR-SYR`).
    Dyad,
    /// The CAMEO root.
    Root,
}

/// One row of a series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesRow {
    /// The period (`2012-05-28` for a day or a week's Monday, `2012-05` for a month).
    pub period: String,
    /// The breakdown key, empty for [`By::All`].
    pub key: String,
    /// Merged events.
    pub events: i64,
    /// Their mentions.
    pub mentions: i64,
    /// Sum of their Goldstein scores.
    pub goldstein: f64,
}
