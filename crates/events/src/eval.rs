//! Scoring coded events against hand-coded gold.
//!
//! - [`score_gold`]: the coding guide's JSON Lines (`../shared/gold/CODING-GUIDE.md`), one line
//!   per sentence with its events, at three levels: root only; (source country or IGO/NGO code,
//!   root, target country or IGO/NGO code); full codes. A gold actor `---` matches any actor.
//!   Gold sentences are found in the coded document by their text, so the segmentation need not
//!   agree with the gold's.
//! - [`score_plover`]: PLOVER's gold records (`PLOVER_GSR_CAMEO.txt`, a JSON array), each one
//!   sentence with an event type and source and target countries; older category names are
//!   mapped to the 2021 manual's (DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT,
//!   INVESTIGATE → ACCUSE).

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use tacitus_model::Event;
use tacitus_model::score::Counts;

use crate::Error;

/// One gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// Source actor code, `---` when not identifiable.
    pub source: String,
    /// CAMEO code.
    pub code: String,
    /// Target actor code, `---` when not identifiable.
    pub target: String,
    /// The source's words.
    #[serde(default)]
    pub source_text: String,
    /// The target's words.
    #[serde(default)]
    pub target_text: String,
}

/// One gold sentence.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// Document id.
    pub doc: String,
    /// 0-based sentence index in the gold.
    pub sent: usize,
    /// The sentence, verbatim.
    pub text: String,
    /// Its events.
    pub events: Vec<GoldEvent>,
}

/// Reads a gold JSON Lines file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldSentence>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let s: GoldSentence = serde_json::from_str(line)
            .map_err(|e| Error::Data(format!("{}:{}: {e}", path.display(), i + 1)))?;
        out.push(s);
    }
    Ok(out)
}

/// The actor key at level 2: the country (first three letters), or the IGO/NGO code whole.
pub fn actor_key(code: &str) -> String {
    if code == "---" || code.is_empty() {
        return "---".to_string();
    }
    if code.starts_with("IGO") || code.starts_with("NGO") {
        return code.chars().take(6).collect();
    }
    code.chars().take(3).collect()
}

/// A scored level.
#[derive(Debug, Clone, Default)]
pub struct Level {
    /// Its name.
    pub name: &'static str,
    /// True positives, false positives, false negatives.
    pub counts: Counts,
}

/// A missed or false event, for the listing.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The gold sentence index.
    pub sent: usize,
    /// The sentence text (shortened).
    pub text: String,
    /// `source code target` as coded or gold.
    pub event: String,
}

/// The report of [`score_gold`].
#[derive(Debug, Clone, Default)]
pub struct GoldReport {
    /// Root, (country, root, country) and full-code levels.
    pub levels: Vec<Level>,
    /// Gold events not found at level 2.
    pub misses: Vec<Miss>,
    /// Coded events not in the gold at level 2.
    pub false_events: Vec<Miss>,
    /// Gold sentences that could not be found in the coded text.
    pub unaligned: Vec<usize>,
    /// Number of gold sentences and events.
    pub sentences: usize,
    /// Number of gold events.
    pub gold_events: usize,
}

fn key_at(level: usize, source: &str, code: &str, target: &str) -> (String, String, String) {
    match level {
        0 => (
            "*".into(),
            code[..2.min(code.len())].to_string(),
            "*".into(),
        ),
        1 => (
            actor_key(source),
            code[..2.min(code.len())].to_string(),
            actor_key(target),
        ),
        _ => (source.to_string(), code.to_string(), target.to_string()),
    }
}

fn matches(gold: &(String, String, String), pred: &(String, String, String)) -> bool {
    (gold.0 == "---" || gold.0 == pred.0)
        && gold.1 == pred.1
        && (gold.2 == "---" || gold.2 == pred.2)
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(90).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

/// Scores `events` (coded from the document whose normalized text is `doc_text`) against the
/// gold sentences of one document.
pub fn score_gold(gold: &[GoldSentence], doc_text: &str, events: &[Event]) -> GoldReport {
    let mut report = GoldReport {
        levels: vec![
            Level {
                name: "root",
                ..Level::default()
            },
            Level {
                name: "source country, root, target country",
                ..Level::default()
            },
            Level {
                name: "full codes",
                ..Level::default()
            },
        ],
        sentences: gold.len(),
        ..GoldReport::default()
    };
    // Each gold sentence's span in the text, searched forward.
    let mut from = 0usize;
    let mut spans: Vec<Option<(usize, usize)>> = Vec::new();
    for g in gold {
        let needle = g.text.trim();
        let found = doc_text[from..]
            .find(needle)
            .map(|p| p + from)
            .or_else(|| doc_text.find(needle));
        match found {
            Some(p) => {
                spans.push(Some((p, p + needle.len())));
                from = p + needle.len();
            }
            None => {
                spans.push(None);
                report.unaligned.push(g.sent);
            }
        }
    }
    // Each coded event goes to the gold sentence holding its trigger.
    let mut assigned: Vec<Vec<&Event>> = vec![Vec::new(); gold.len()];
    let mut stray = Vec::new();
    for e in events {
        match spans
            .iter()
            .position(|s| s.is_some_and(|(a, b)| e.trigger.start >= a && e.trigger.end <= b))
        {
            Some(k) => assigned[k].push(e),
            None => stray.push(e),
        }
    }
    for (k, g) in gold.iter().enumerate() {
        report.gold_events += g.events.len();
        for (level, entry) in report.levels.iter_mut().enumerate() {
            let gold_keys: Vec<_> = g
                .events
                .iter()
                .map(|e| key_at(level, &e.source, &e.code, &e.target))
                .collect();
            let pred_keys: Vec<_> = assigned[k]
                .iter()
                .map(|e| {
                    let code = |a: &Option<tacitus_model::event::ActorRef>| {
                        a.as_ref()
                            .and_then(|a| a.code.clone())
                            .unwrap_or_else(|| "none".into())
                    };
                    key_at(level, &code(&e.source), &e.cameo, &code(&e.target))
                })
                .collect();
            let mut used = vec![false; pred_keys.len()];
            for (gi, gk) in gold_keys.iter().enumerate() {
                let hit = (0..pred_keys.len()).find(|&p| !used[p] && matches(gk, &pred_keys[p]));
                match hit {
                    Some(p) => {
                        used[p] = true;
                        entry.counts.tp += 1;
                    }
                    None => {
                        entry.counts.fn_ += 1;
                        if level == 1 {
                            let e = &g.events[gi];
                            report.misses.push(Miss {
                                sent: g.sent,
                                text: short(&g.text),
                                event: format!("{} {} {}", e.source, e.code, e.target),
                            });
                        }
                    }
                }
            }
            for (p, u) in used.iter().enumerate() {
                if !u {
                    entry.counts.fp += 1;
                    if level == 1 {
                        let e = assigned[k][p];
                        report.false_events.push(Miss {
                            sent: g.sent,
                            text: short(&g.text),
                            event: describe(e),
                        });
                    }
                }
            }
        }
    }
    for e in stray {
        for entry in report.levels.iter_mut() {
            entry.counts.fp += 1;
        }
        report.false_events.push(Miss {
            sent: usize::MAX,
            text: short(&e.sentence.text),
            event: describe(e),
        });
    }
    report
}

/// `SOURCE CODE TARGET (trigger)` for listings.
pub fn describe(e: &Event) -> String {
    let code = |a: &Option<tacitus_model::event::ActorRef>| {
        a.as_ref()
            .map(|a| a.code.clone().unwrap_or_else(|| format!("?{}", a.text)))
            .unwrap_or_else(|| "-".into())
    };
    format!(
        "{} {} {} ({})",
        code(&e.source),
        e.cameo,
        code(&e.target),
        e.trigger.text
    )
}

impl fmt::Display for GoldReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} gold sentences, {} gold events",
            self.sentences, self.gold_events
        )?;
        writeln!(f, "{:<40} {}", "level", Counts::HEADER)?;
        for l in &self.levels {
            writeln!(f, "{:<40} {}", l.name, l.counts.row())?;
        }
        if !self.unaligned.is_empty() {
            writeln!(
                f,
                "gold sentences not found in the text: {:?}",
                self.unaligned
            )?;
        }
        writeln!(f, "\nmissed at level 2 (gold):")?;
        for m in &self.misses {
            writeln!(f, "  [{}] {:<28} {}", m.sent, m.event, m.text)?;
        }
        writeln!(f, "\nfalse at level 2 (coded):")?;
        for m in &self.false_events {
            let s = if m.sent == usize::MAX {
                "-".to_string()
            } else {
                m.sent.to_string()
            };
            writeln!(f, "  [{s}] {:<40} {}", m.event, m.text)?;
        }
        Ok(())
    }
}

/// One PLOVER gold record, as far as it is scored.
#[derive(Debug, Clone)]
pub struct PloverRecord {
    /// Record id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// The event type, in the 2021 manual's names.
    pub kind: String,
    /// Source countries (or `IGO`, `NGO`).
    pub sources: BTreeSet<String>,
    /// Target countries.
    pub targets: BTreeSet<String>,
}

/// The 2021 name of a PLOVER category as the gold records write it.
pub fn plover_type_2021(name: &str) -> String {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        // The 2021 manual's translation table puts CAMEO 09 under ACCUSE (mode investigate).
        "INVESTIGATE" => "ACCUSE",
        other => other,
    }
    .to_string()
}

fn country_key(code: &str) -> String {
    let c: String = code
        .trim()
        .chars()
        .take(3)
        .collect::<String>()
        .to_uppercase();
    match c.as_str() {
        "JAP" => "JPN".to_string(),
        _ => c,
    }
}

/// Reads PLOVER's gold records (the JSON array), skipping documentation records.
pub fn read_plover(path: &Path) -> Result<Vec<PloverRecord>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&text).map_err(|e| Error::Data(format!("{}: {e}", path.display())))?;
    let mut out = Vec::new();
    for r in all {
        let kind = r.get("event").and_then(|v| v.as_str()).unwrap_or("");
        let Some(text) = r.get("text").and_then(|v| v.as_str()) else {
            continue;
        };
        if kind.is_empty() || kind == "DOCUMENT" {
            continue;
        }
        let actors = |key: &str| -> BTreeSet<String> {
            match r.get(key) {
                Some(serde_json::Value::Array(list)) => list
                    .iter()
                    .filter_map(|a| a.get("code").and_then(|c| c.as_str()))
                    .filter(|c| !c.trim().is_empty())
                    .map(country_key)
                    .collect(),
                _ => BTreeSet::new(),
            }
        };
        out.push(PloverRecord {
            id: r
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            text: text.to_string(),
            kind: plover_type_2021(kind),
            sources: actors("source"),
            targets: actors("target"),
        });
    }
    Ok(out)
}

/// The report of [`score_plover`].
#[derive(Debug, Clone, Default)]
pub struct PloverReport {
    /// Records scored.
    pub records: usize,
    /// Records whose gold type is among the types coded in the sentence.
    pub type_hits: usize,
    /// Records whose first coded event (in text order) has the gold type: the strict reading.
    pub first_hits: usize,
    /// Records with at least one coded event.
    pub coded_records: usize,
    /// (record, type) pairs: coded versus gold.
    pub types: Counts,
    /// (record, source country) pairs.
    pub sources: Counts,
    /// (record, target country) pairs.
    pub targets: Counts,
    /// Per gold type: records, hits.
    pub per_type: Vec<(String, usize, usize)>,
    /// Records not coded exactly (type, source or target countries): id, gold
    /// `type src -> tgt`, what was coded.
    pub misses: Vec<(String, String, String)>,
}

/// Scores coded events per record: `code` codes one sentence.
pub fn score_plover(
    records: &[PloverRecord],
    code: &mut dyn FnMut(&str) -> Vec<Event>,
) -> PloverReport {
    let mut report = PloverReport {
        records: records.len(),
        ..PloverReport::default()
    };
    let mut per_type: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for r in records {
        let events = code(&r.text);
        let types: BTreeSet<String> = events
            .iter()
            .map(|e| e.plover.kind.clone())
            .filter(|k| !k.is_empty())
            .collect();
        if !events.is_empty() {
            report.coded_records += 1;
        }
        let hit = types.contains(&r.kind);
        if events
            .iter()
            .min_by_key(|e| e.trigger.start)
            .is_some_and(|e| e.plover.kind == r.kind)
        {
            report.first_hits += 1;
        }
        let slot = per_type.entry(r.kind.clone()).or_default();
        slot.0 += 1;
        if hit {
            report.type_hits += 1;
            slot.1 += 1;
            report.types.tp += 1;
            report.types.fp += types.len() - 1;
        } else {
            report.types.fn_ += 1;
            report.types.fp += types.len();
        }
        // Role-only codes ("COP": police of no known country) name no country.
        let key = |a: &Option<tacitus_model::event::ActorRef>| {
            a.as_ref()
                .and_then(|a| a.code.as_deref())
                .map(country_key)
                .filter(|k| !crate::gdelt::is_role(k))
        };
        let srcs: BTreeSet<String> = events.iter().filter_map(|e| key(&e.source)).collect();
        let tgts: BTreeSet<String> = events.iter().filter_map(|e| key(&e.target)).collect();
        if !hit || srcs != r.sources || tgts != r.targets {
            let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join("+");
            report.misses.push((
                format!("{}{}", if hit { "type ok " } else { "" }, r.id),
                format!("{} {} -> {}", r.kind, join(&r.sources), join(&r.targets)),
                events
                    .iter()
                    .map(|e| format!("{} {}", e.plover.kind, describe(e)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
        }
        for (gold, pred, counts) in [
            (&r.sources, &srcs, &mut report.sources),
            (&r.targets, &tgts, &mut report.targets),
        ] {
            let tp = gold.intersection(pred).count();
            counts.tp += tp;
            counts.fp += pred.len() - tp;
            counts.fn_ += gold.len() - tp;
        }
    }
    report.per_type = per_type.into_iter().map(|(k, (n, h))| (k, n, h)).collect();
    report
}

impl PloverReport {
    /// Share of records whose first coded event has the gold type.
    pub fn first_type_accuracy(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.first_hits as f64 / self.records as f64
        }
    }

    /// Share of records whose gold type was coded.
    pub fn type_accuracy(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.type_hits as f64 / self.records as f64
        }
    }
}

impl fmt::Display for PloverReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} PLOVER gold records, {} with at least one coded event",
            self.records, self.coded_records
        )?;
        writeln!(
            f,
            "type accuracy (gold type among the sentence's coded types): {:.3}",
            self.type_accuracy()
        )?;
        writeln!(
            f,
            "type accuracy, strict (the sentence's first coded event has the gold type): {:.3}",
            self.first_type_accuracy()
        )?;
        writeln!(f, "{:<16} {}", "", Counts::HEADER)?;
        for (name, c) in [
            ("event type", &self.types),
            ("source country", &self.sources),
            ("target country", &self.targets),
        ] {
            writeln!(f, "{name:<16} {}", c.row())?;
        }
        writeln!(f, "\nper gold type: records, coded with that type")?;
        for (k, n, h) in &self.per_type {
            writeln!(f, "  {k:<12} {n:>4} {h:>4}")?;
        }
        if f.alternate() {
            writeln!(f, "\nrecords not coded exactly: id, gold, coded")?;
            for (id, gold, coded) in &self.misses {
                writeln!(f, "  {id}  {gold}  |  {coded}")?;
            }
        }
        Ok(())
    }
}
