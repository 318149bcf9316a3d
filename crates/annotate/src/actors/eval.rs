//! Named-entity evaluation on GUM news (Wikinews articles in CoNLL-U whose MISC column marks
//! entity mentions, `Entity=(3-organization-new-...-Identity ... 3)`).
//!
//! Gold mentions of type person, organization and place are kept when their head (the word
//! whose head lies outside the mention) is a proper noun, or when they carry a Wikipedia
//! identity and are names: a head that is no pronoun or determiner and a proper noun among
//! their words (GUM links every mention of a chain, "we" and "the team" included, which no
//! named-entity recognizer is meant to find); [`GoldRule::Issue`] keeps the issue's rule word
//! for word (any linked mention) and is reported alongside.
//! The text is rebuilt from the gold words, our grammar (a caller-given function) annotates it
//! and the recognizer runs; named predictions (not pronouns, agent phrases or bare titles) are
//! scored per type with exact spans (a leading determiner and a trailing possessive ignored on
//! both sides) and with overlapping spans, one to one.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use tacitus_model::conllu::{self, ConlluSentence};
use tacitus_model::{BlockKind, Document, Paragraph, Sentence, Span, Token};

use super::{EntityType, Method, Recognizer};

/// The scored types, as GUM names them.
pub const TYPES: [&str; 3] = ["person", "organization", "place"];

/// A gold or predicted mention: byte span into the rebuilt text and type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Labeled {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// `person`, `organization` or `place`.
    pub kind: &'static str,
}

pub use tacitus_model::score::Counts;

/// The figures of a run: per type (and `all`), exact and overlap counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// Exact-span counts by type, with `all`.
    pub exact: BTreeMap<&'static str, Counts>,
    /// Overlapping-span counts by type, with `all`.
    pub overlap: BTreeMap<&'static str, Counts>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "GUM news NER: {} documents, {} sentences",
            self.documents, self.sentences
        )?;
        writeln!(
            f,
            "{:<14} {:<8} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "match", "tp", "fp", "fn", "P", "R", "F1"
        )?;
        for t in TYPES.iter().chain(["all"].iter()) {
            for (mode, m) in [("exact", &self.exact), ("overlap", &self.overlap)] {
                let c = m.get(t).copied().unwrap_or_default();
                writeln!(
                    f,
                    "{:<14} {:<8} {:>5} {:>5} {:>5} {:>6.3} {:>6.3} {:>6.3}",
                    t,
                    mode,
                    c.tp,
                    c.fp,
                    c.fn_,
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
        }
        Ok(())
    }
}

/// A document rebuilt from gold CoNLL-U with its gold mentions.
#[derive(Debug, Clone)]
pub struct GoldDocument {
    /// The document (tokens from the gold words; no grammar yet).
    pub doc: Document,
    /// Gold named mentions.
    pub gold: Vec<Labeled>,
}

/// Which gold mentions count as named.
///
/// The issue's rule keeps a mention "that carries a Wikipedia link, or whose head token is a
/// proper noun" ([`GoldRule::Issue`]). GUM links every mention of a linked chain, pronouns
/// ("we", "it") and descriptions ("the team", "the agency") included, which no named-entity
/// recognizer is meant to find, so the default ([`GoldRule::Named`]) keeps a linked mention
/// only when it is a name: its head is no pronoun or determiner and one of its words is a
/// proper noun. Both are reported by the tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GoldRule {
    /// Proper-noun head, or a link on a mention that holds a proper noun (the default).
    #[default]
    Named,
    /// The issue's rule word for word: proper-noun head, or any link.
    Issue,
}

/// Reads the GUM `*.conllu` files of a directory, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<GoldDocument>, String> {
    read_dir_with(dir, GoldRule::Named)
}

/// Reads the GUM `*.conllu` files of a directory with a given gold rule, sorted by name.
pub fn read_dir_with(dir: &Path, rule: GoldRule) -> Result<Vec<GoldDocument>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let sents = conllu::parse(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        let id = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(rebuild_with(&id, &sents, rule));
    }
    Ok(out)
}

/// Rebuilds one document's text, sentences and tokens from gold words and collects its
/// named gold mentions.
pub fn rebuild(id: &str, sents: &[ConlluSentence]) -> GoldDocument {
    rebuild_with(id, sents, GoldRule::Named)
}

/// [`rebuild`] with a given gold rule.
pub fn rebuild_with(id: &str, sents: &[ConlluSentence], rule: GoldRule) -> GoldDocument {
    let mut doc = Document {
        id: id.to_string(),
        ..Document::default()
    };
    let mut gold = Vec::new();
    for s in sents {
        if !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        let start = doc.text.len();
        let mut tokens = Vec::with_capacity(s.words.len());
        for (k, w) in s.words.iter().enumerate() {
            let a = doc.text.len();
            doc.text.push_str(&w.form);
            tokens.push(Token::new(Span::new(a, doc.text.len())));
            let in_mw = s
                .multiwords
                .iter()
                .find(|m| m.first <= w.id && w.id <= m.last);
            let space = match in_mw {
                Some(m) if m.last != w.id => false,
                Some(m) => !m.misc.split('|').any(|f| f == "SpaceAfter=No"),
                None => w.space_after(),
            };
            if space && k + 1 < s.words.len() {
                doc.text.push(' ');
            }
        }
        let end = doc.text.len();
        let kind = if s
            .comment("newpar_block")
            .is_some_and(|b| b.starts_with("head"))
        {
            BlockKind::Headline
        } else {
            BlockKind::Body
        };
        doc.paragraphs.push(Paragraph {
            span: Span::new(start, end),
            kind,
        });
        // Gold mentions of this sentence.
        let mut open: Vec<(String, usize, String, bool)> = Vec::new();
        let mut done: Vec<(usize, usize, String, bool)> = Vec::new();
        for (k, w) in s.words.iter().enumerate() {
            let Some(ent) = w.misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
                continue;
            };
            let b = ent.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'(' {
                    let j = (i + 1..b.len())
                        .find(|&j| b[j] == b'(' || b[j] == b')')
                        .unwrap_or(b.len());
                    let body = &ent[i + 1..j];
                    let fields: Vec<&str> = body.split('-').collect();
                    let gid = fields.first().copied().unwrap_or("").to_string();
                    let etype = fields.get(1).copied().unwrap_or("").to_string();
                    let linked = fields.len() > 7 && !fields[7..].join("-").is_empty();
                    if j < b.len() && b[j] == b')' {
                        done.push((k, k + 1, etype, linked));
                        i = j + 1;
                    } else {
                        open.push((gid, k, etype, linked));
                        i = j;
                    }
                } else if b[i].is_ascii_digit() {
                    let j = (i..b.len())
                        .find(|&j| !b[j].is_ascii_digit())
                        .unwrap_or(b.len());
                    let gid = &ent[i..j];
                    if let Some(pos) = open.iter().rposition(|o| o.0 == gid) {
                        let (_, from, etype, linked) = open.remove(pos);
                        done.push((from, k + 1, etype, linked));
                    }
                    i = j + 1;
                } else {
                    i += 1;
                }
            }
        }
        for (a, e, etype, linked) in done {
            let Some(kind) = TYPES.iter().find(|t| **t == etype) else {
                continue;
            };
            let ids: Vec<u32> = s.words[a..e].iter().map(|w| w.id).collect();
            let head = s.words[a..e]
                .iter()
                .find(|w| !ids.contains(&w.head))
                .or_else(|| s.words.get(a));
            let propn = head.is_some_and(|w| w.upos == "PROPN");
            // A linked mention counts when it is a name: its head is no pronoun or
            // determiner and it holds a proper noun ("the team" linked to its Wikipedia
            // page is a description, "we" a pronoun).
            let named_link = linked
                && (rule == GoldRule::Issue
                    || (head.is_some_and(|w| !matches!(w.upos.as_str(), "PRON" | "DET"))
                        && s.words[a..e].iter().any(|w| w.upos == "PROPN")));
            if !(propn || named_link) {
                continue;
            }
            let (sa, se) = (tokens[a].span.start, tokens[e - 1].span.end);
            let (sa, se) = trim_span(&doc.text, sa, se);
            gold.push(Labeled {
                start: sa,
                end: se,
                kind,
            });
        }
        doc.sentences.push(Sentence {
            span: Span::new(start, end),
            kind,
            paragraph: doc.paragraphs.len() - 1,
            tokens,
        });
    }
    gold.sort();
    gold.dedup();
    GoldDocument { doc, gold }
}

/// Drops a leading determiner and a trailing possessive from a span.
fn trim_span(text: &str, mut a: usize, mut e: usize) -> (usize, usize) {
    for det in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if text
            .get(a..e)
            .is_some_and(|s| s.starts_with(det) && s.len() > det.len())
        {
            a += det.len();
            break;
        }
    }
    for poss in [" 's", "'s", "’s", " '", "'"] {
        if text
            .get(a..e)
            .is_some_and(|s| s.ends_with(poss) && s.len() > poss.len() + 1)
        {
            e -= poss.len();
            break;
        }
    }
    (a, e)
}

/// The named predictions of the recognizer on an annotated document, as scored types.
pub fn predictions(rec: &Recognizer<'_>, doc: &Document) -> Vec<Labeled> {
    let actors = rec.recognize(doc, None);
    let mut out = Vec::new();
    for m in &actors.mentions {
        if m.method == Method::Pronoun {
            continue;
        }
        // Agent phrases are descriptions ("Syrian forces"), unless written as a name
        // ("NASA Administrator", "Muslims"): groups of people are typed as persons, as GUM
        // does.
        let named_agent = m.method == Method::Agent
            && m.kind != EntityType::Place
            && m.text
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if m.method == Method::Agent && !named_agent {
            // "the Monti government", "the Assad regime": the person the phrase is named
            // after is a mention of its own.
            if let Some((a, e)) = rec.leading_person(&doc.text, m.span.start, m.span.end) {
                out.push(Labeled {
                    start: a,
                    end: e,
                    kind: "person",
                });
            }
            continue;
        }
        if m.method == Method::Title {
            let last = m.text.split_whitespace().last().unwrap_or("");
            // A bare title counts when written as a name ("the Prime Minister", "Sheriff"),
            // as GUM marks it (a proper-noun head), not "the minister".
            let capitalised = m
                .text
                .trim_start_matches("the ")
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
            if (rec.is_agent_form(last) && !capitalised) || last.chars().all(|c| !c.is_uppercase())
            {
                continue;
            }
        }
        if m.method == Method::Coreference && m.text.chars().next().is_some_and(char::is_lowercase)
        {
            continue;
        }
        // GUM types a people named by its demonym ("Afghans") as persons.
        let demonym = m.kind == EntityType::Group
            && m.method == Method::Dictionary
            && rec
                .dictionaries()
                .country_forms(&m.text)
                .iter()
                .any(|c| c.kind == crate::dict::FormKind::Demonym);
        let kind = match m.kind {
            EntityType::Person => "person",
            EntityType::Group if demonym || named_agent => "person",
            EntityType::Organisation | EntityType::Group => "organization",
            EntityType::Place => "place",
        };
        if !m.text.chars().any(char::is_uppercase) {
            continue;
        }
        let (a, e) = trim_span(&doc.text, m.span.start, m.span.end);
        out.push(Labeled {
            start: a,
            end: e,
            kind,
        });
        // A person's name holds a place only after a title ("U.S. Senator John Cornyn").
        if m.kind != EntityType::Place
            && (m.kind != EntityType::Person || m.method == Method::Title)
        {
            out.extend(
                nested_place(rec, &doc.text, a, e).map(|(start, end)| Labeled {
                    start,
                    end,
                    kind: "place",
                }),
            );
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The place named inside the name of an organisation or a person, as GUM annotates nested
/// mentions: a known place that ends the name after "of" ("University of Sheffield",
/// "Municipality of Livorno") or that opens it before other capitalised words ("Toronto
/// Star", "U.S. Senator John Cornyn", "Texas A&M"). Known: after "of" a country, a region or
/// a town of 50,000 people or more (`known_place`); opening the name, a country, a region or
/// a city of 500,000 or more by its name (`major_place`) that is no compass word ("South
/// Korea") nor a given name. `None` for a name that is all place.
fn nested_place(
    rec: &Recognizer<'_>,
    text: &str,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let name = text.get(start..end)?;
    // Words with their byte offsets into `name`.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in name.split(' ') {
        if !w.is_empty() {
            words.push((at, w));
        }
        at += w.len() + 1;
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let span = |i: usize, j: usize| -> Option<(usize, usize)> {
        let (s, _) = *words.get(i)?;
        let (ls, lw) = *words.get(j - 1)?;
        let text = name.get(s..ls + lw.len())?;
        let text = text.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let known = if i == 0 {
            let first = super::fold(words[0].1);
            !super::COMPASS.contains(&first.as_str())
                && !rec.given_names.contains(&first)
                && super::major_place(text)
        } else {
            super::known_place(text, i + 1 == j)
        };
        (!text.is_empty() && known).then(|| (start + s, start + s + text.len()))
    };
    let n = words.len();
    if n < 2 {
        return None;
    }
    // "... of X Y": the longest place that ends the name.
    if let Some(k) = words.iter().rposition(|(_, w)| *w == "of")
        && k + 1 < n
        && k > 0
        && words[k + 1..].iter().all(|(_, w)| capitalised(w))
        && let Some(found) = span(k + 1, n)
    {
        return Some(found);
    }
    // "X Y ...": the longest place that opens the name, one or two words.
    if !capitalised(words[0].1) {
        return None;
    }
    (1..=2.min(n - 1))
        .rev()
        .filter(|&j| words[..j].iter().all(|(_, w)| capitalised(w)))
        .find_map(|j| span(0, j))
}

/// Scores predictions against gold, exact and overlapping, adding to `report`.
pub fn score(gold: &[Labeled], pred: &[Labeled], report: &mut Report) {
    for t in TYPES {
        let g: Vec<&Labeled> = gold.iter().filter(|x| x.kind == t).collect();
        let p: Vec<&Labeled> = pred.iter().filter(|x| x.kind == t).collect();
        let exact = p
            .iter()
            .filter(|x| g.iter().any(|y| y.start == x.start && y.end == x.end))
            .count();
        let ce = Counts {
            tp: exact,
            fp: p.len() - exact,
            fn_: g.len() - exact,
        };
        let mut used = vec![false; g.len()];
        let mut tp = 0;
        for x in &p {
            if let Some(k) =
                (0..g.len()).find(|&k| !used[k] && g[k].start < x.end && x.start < g[k].end)
            {
                used[k] = true;
                tp += 1;
            }
        }
        let co = Counts {
            tp,
            fp: p.len() - tp,
            fn_: g.len() - tp,
        };
        report.exact.entry(t).or_default().add(ce);
        report.overlap.entry(t).or_default().add(co);
        report.exact.entry("all").or_default().add(ce);
        report.overlap.entry("all").or_default().add(co);
    }
}

/// The predictions and gold mentions left unmatched by the overlap matching of [`score`]
/// (same order and tie-breaking), for error analysis: `(false positives, false negatives)`.
pub fn overlap_misses(gold: &[Labeled], pred: &[Labeled]) -> (Vec<Labeled>, Vec<Labeled>) {
    let (mut fps, mut fns) = (Vec::new(), Vec::new());
    for t in TYPES {
        let g: Vec<&Labeled> = gold.iter().filter(|x| x.kind == t).collect();
        let mut used = vec![false; g.len()];
        for x in pred.iter().filter(|x| x.kind == t) {
            match (0..g.len()).find(|&k| !used[k] && g[k].start < x.end && x.start < g[k].end) {
                Some(k) => used[k] = true,
                None => fps.push(x.clone()),
            }
        }
        fns.extend(
            g.iter()
                .zip(&used)
                .filter(|(_, u)| !**u)
                .map(|(x, _)| (*x).clone()),
        );
    }
    (fps, fns)
}

/// Runs the evaluation over a GUM directory; `annotate` fills the grammar of each document.
pub fn evaluate(
    rec: &Recognizer<'_>,
    dir: &Path,
    annotate: &dyn Fn(&mut Document),
) -> Result<Report, String> {
    evaluate_with(rec, dir, annotate, GoldRule::Named)
}

/// [`evaluate`] with a given gold rule.
pub fn evaluate_with(
    rec: &Recognizer<'_>,
    dir: &Path,
    annotate: &dyn Fn(&mut Document),
    rule: GoldRule,
) -> Result<Report, String> {
    let docs = read_dir_with(dir, rule)?;
    let mut report = Report::default();
    for mut g in docs {
        annotate(&mut g.doc);
        let pred = predictions(rec, &g.doc);
        report.documents += 1;
        report.sentences += g.doc.sentences.len();
        score(&g.gold, &pred, &mut report);
    }
    Ok(report)
}
