//! Act patterns: lemma frames over the dependency tree, authored as text under
//! `data/events/patterns/`, with synonym sets in `data/events/synsets.txt`.
//!
//! One pattern a line, fields separated by white space:
//!
//! ```text
//! CODE  verb|noun  TRIGGER  [FRAME ...]   # comment
//! 161   verb       expel    obj=&DIPLOMAT
//! 042   verb       visit    T=with,obj
//! 046   noun       &TALKS   T=with
//! 1312  verb       threaten obj=&SANCTION T=against,on,obj
//! ```
//!
//! - `TRIGGER` is a lemma, a phrasal verb with its particle (`step_up`, `pull_out`), or a
//!   synonym set (`&KILL`), which stands for each of its members.
//! - `obj=L|L|&SET`: the trigger's direct object must have one of these lemmas. The object is
//!   then part of the act ("expel diplomats", "impose sanctions"); it is still the target when
//!   it names an actor.
//! - `xcomp=L|...`: the trigger governs a clause or infinitive headed by one of these lemmas
//!   ("call on Assad to withdraw").
//! - `has=L|...`: the trigger has a dependent with one of these lemmas ("options on the
//!   table").
//! - `T=a,b,...`: where the target is looked for, in order: `obj`, `iobj`, `nsubj`, `gsubj` (for
//!   a noun, the subject of the verb it hangs from), or a preposition
//!   (`with`, `to`, `against` ...) whose object hangs from the trigger (or from its required
//!   object). Verbs default to `T=obj`; nouns to none. `T=-` says the act has no target; a
//!   final `!` (`T=with,to!`) that the act is only coded when a target is found.
//! - `S=a,...`: where the source is looked for, for nouns (`poss`, `amod`, `by`); verbs take
//!   their subject (or passive agent) unless the pattern says `S=speaker`: the speaker of a
//!   quotation or the subject of the speech verb the clause hangs from ("Hague: Assad should
//!   appear before the court" is Hague's accusation, `T=nsubj`).
//!
//! A pattern whose code is `drop` is a discard: when it is the most specific fit, the words
//! are not coded at all ("heart attack", "price war", "killed the bill"); discards live in
//! `00-discard.txt`.
//!
//! The lint ([`PatternSet::parse`]) refuses unknown codes, bad fields, unknown synonym sets and
//! duplicate patterns (after synonym sets are expanded).

use std::collections::{BTreeMap, BTreeSet};

use crate::Error;
use crate::codebook::Codebook;

/// Part of speech of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TriggerKind {
    /// A verb (or a predicative adjective).
    Verb,
    /// An event noun ("talks", "massacre", "sanctions").
    Noun,
}

/// Where a target (or a noun's source) is looked for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// The direct object (or passive subject).
    Obj,
    /// The indirect object.
    Iobj,
    /// The object of a preposition.
    Prep(String),
    /// A possessor ("Syria's shelling").
    Poss,
    /// A modifier naming an actor ("Syrian shelling", "government troops").
    Modifier,
    /// The subject ("Assad should appear before the court": the accused).
    Subject,
    /// Who says so: the speaker of the quotation, or the subject of the speech verb the
    /// clause hangs from (for sources only).
    Speaker,
    /// For a noun, the subject of the verb it hangs from ("the council will meet at the
    /// request of the UK": the request is to the council).
    GovernorSubject,
}

/// One pattern, after synonym sets are expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// CAMEO code.
    pub code: String,
    /// Verb or noun.
    pub kind: TriggerKind,
    /// Trigger lemma, lower case.
    pub lemma: String,
    /// Particle of a phrasal verb ("up" of "step up").
    pub particle: Option<String>,
    /// Required object lemmas (lower case), empty when none is required.
    pub obj: BTreeSet<String>,
    /// Required clausal complement lemmas, empty when none is required.
    pub xcomp: BTreeSet<String>,
    /// Required dependents: the trigger has a child with one of these lemmas ("options on
    /// the table"); empty when none is required.
    pub has: BTreeSet<String>,
    /// Target slots in order; empty for no target.
    pub target: Vec<Slot>,
    /// True when the act is only coded with a target (`T=with!`).
    pub target_required: bool,
    /// Source slots for nouns, in order.
    pub source: Vec<Slot>,
    /// `file:line` of the pattern, for provenance.
    pub origin: String,
}

impl Pattern {
    /// How specific the pattern is: more required context wins over less.
    pub fn specificity(&self) -> u32 {
        let mut s = 0;
        if !self.obj.is_empty() {
            s += 4;
        }
        if !self.xcomp.is_empty() {
            s += 4;
        }
        if !self.has.is_empty() {
            s += 3;
        }
        if self.particle.is_some() {
            s += 2;
        }
        s
    }
}

/// Every pattern, indexed by trigger lemma.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    by_lemma: BTreeMap<(TriggerKind, String), Vec<Pattern>>,
    count: usize,
    lines: usize,
}

/// The code of a discard pattern: when it is the most specific fit, no event is coded
/// ("heart attack", "price war", "killed the bill").
pub const DROP: &str = "drop";

/// The pattern files shipped with tacitus, in name order.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "patterns/00-discard.txt",
        include_str!("../../../data/events/patterns/00-discard.txt"),
    ),
    (
        "patterns/02-appeal.txt",
        include_str!("../../../data/events/patterns/02-appeal.txt"),
    ),
    (
        "patterns/03-intend.txt",
        include_str!("../../../data/events/patterns/03-intend.txt"),
    ),
    (
        "patterns/04-consult.txt",
        include_str!("../../../data/events/patterns/04-consult.txt"),
    ),
    (
        "patterns/05-support.txt",
        include_str!("../../../data/events/patterns/05-support.txt"),
    ),
    (
        "patterns/06-cooperate.txt",
        include_str!("../../../data/events/patterns/06-cooperate.txt"),
    ),
    (
        "patterns/07-aid.txt",
        include_str!("../../../data/events/patterns/07-aid.txt"),
    ),
    (
        "patterns/08-yield.txt",
        include_str!("../../../data/events/patterns/08-yield.txt"),
    ),
    (
        "patterns/09-investigate.txt",
        include_str!("../../../data/events/patterns/09-investigate.txt"),
    ),
    (
        "patterns/10-demand.txt",
        include_str!("../../../data/events/patterns/10-demand.txt"),
    ),
    (
        "patterns/11-disapprove.txt",
        include_str!("../../../data/events/patterns/11-disapprove.txt"),
    ),
    (
        "patterns/12-reject.txt",
        include_str!("../../../data/events/patterns/12-reject.txt"),
    ),
    (
        "patterns/13-threaten.txt",
        include_str!("../../../data/events/patterns/13-threaten.txt"),
    ),
    (
        "patterns/14-protest.txt",
        include_str!("../../../data/events/patterns/14-protest.txt"),
    ),
    (
        "patterns/15-posture.txt",
        include_str!("../../../data/events/patterns/15-posture.txt"),
    ),
    (
        "patterns/16-reduce.txt",
        include_str!("../../../data/events/patterns/16-reduce.txt"),
    ),
    (
        "patterns/17-coerce.txt",
        include_str!("../../../data/events/patterns/17-coerce.txt"),
    ),
    (
        "patterns/18-assault.txt",
        include_str!("../../../data/events/patterns/18-assault.txt"),
    ),
    (
        "patterns/19-fight.txt",
        include_str!("../../../data/events/patterns/19-fight.txt"),
    ),
    (
        "patterns/20-mass-violence.txt",
        include_str!("../../../data/events/patterns/20-mass-violence.txt"),
    ),
];

/// The synonym sets shipped with tacitus.
pub const BUILTIN_SYNSETS: &str = include_str!("../../../data/events/synsets.txt");

/// Parses `synsets.txt`: `&NAME = member member ...` (members may be `&OTHER`; multi-word
/// members joined by `_`). Continuation lines start with white space.
pub fn parse_synsets(text: &str) -> Result<BTreeMap<String, Vec<String>>, Error> {
    let mut raw: Vec<(String, Vec<String>, usize)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.split('#').next().unwrap_or("");
        if body.trim().is_empty() {
            continue;
        }
        if body.starts_with(char::is_whitespace) {
            let Some(last) = raw.last_mut() else {
                return Err(Error::Data(format!(
                    "synsets.txt:{}: continuation first",
                    i + 1
                )));
            };
            last.1.extend(body.split_whitespace().map(str::to_string));
            continue;
        }
        let Some((name, members)) = body.split_once('=') else {
            return Err(Error::Data(format!(
                "synsets.txt:{}: expected &NAME = ...",
                i + 1
            )));
        };
        let name = name.trim();
        if !name.starts_with('&') || name.len() < 2 {
            return Err(Error::Data(format!(
                "synsets.txt:{}: set names start with &",
                i + 1
            )));
        }
        raw.push((
            name.to_string(),
            members.split_whitespace().map(str::to_string).collect(),
            i + 1,
        ));
    }
    let mut sets: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, members, line) in &raw {
        if sets.insert(name.clone(), members.clone()).is_some() {
            return Err(Error::Data(format!(
                "synsets.txt:{line}: {name} defined twice"
            )));
        }
        if members.is_empty() {
            return Err(Error::Data(format!("synsets.txt:{line}: {name} is empty")));
        }
    }
    // Expand nested sets (no cycles: depth bounded by the number of sets).
    let names: Vec<String> = sets.keys().cloned().collect();
    for name in &names {
        let mut out = Vec::new();
        let mut stack: Vec<(String, usize)> =
            sets[name].iter().rev().map(|m| (m.clone(), 0)).collect();
        while let Some((m, depth)) = stack.pop() {
            if depth > sets.len() {
                return Err(Error::Data(format!("synsets.txt: {name} nests itself")));
            }
            if m.starts_with('&') {
                let Some(inner) = sets.get(&m) else {
                    return Err(Error::Data(format!(
                        "synsets.txt: {name} names unknown set {m}"
                    )));
                };
                stack.extend(inner.iter().rev().map(|x| (x.clone(), depth + 1)));
            } else {
                out.push(m.to_lowercase());
            }
        }
        let mut seen = BTreeSet::new();
        out.retain(|m| seen.insert(m.clone()));
        sets.insert(name.clone(), out);
    }
    Ok(sets)
}

fn expand(
    word: &str,
    sets: &BTreeMap<String, Vec<String>>,
    origin: &str,
) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    for alt in word.split('|') {
        if alt.is_empty() {
            return Err(Error::Data(format!(
                "{origin}: empty alternative in {word:?}"
            )));
        }
        if alt.starts_with('&') {
            let members = sets
                .get(alt)
                .ok_or_else(|| Error::Data(format!("{origin}: unknown synonym set {alt}")))?;
            out.extend(members.iter().cloned());
        } else {
            out.push(alt.to_lowercase());
        }
    }
    Ok(out)
}

/// Objects, required dependents and noun triggers are single tokens.
fn single_words(words: Vec<String>, origin: &str) -> Result<Vec<String>, Error> {
    match words.iter().find(|w| w.contains(['_', ' '])) {
        Some(w) => Err(Error::Data(format!("{origin}: {w:?} is not one word"))),
        None => Ok(words),
    }
}

fn slot(name: &str, origin: &str) -> Result<Slot, Error> {
    Ok(match name {
        "obj" => Slot::Obj,
        "iobj" => Slot::Iobj,
        "poss" => Slot::Poss,
        "amod" | "mod" => Slot::Modifier,
        "nsubj" | "subj" => Slot::Subject,
        "speaker" => Slot::Speaker,
        "gsubj" => Slot::GovernorSubject,
        p if !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
            Slot::Prep(p.replace('_', " "))
        }
        _ => return Err(Error::Data(format!("{origin}: bad slot {name:?}"))),
    })
}

impl PatternSet {
    /// The built-in patterns, parsed and linted once. An error here is a bug of the shipped
    /// data, which the lint test (`tests/patterns.rs`) catches before release.
    pub fn builtin() -> Result<&'static PatternSet, Error> {
        static SET: std::sync::OnceLock<Result<PatternSet, String>> = std::sync::OnceLock::new();
        SET.get_or_init(|| {
            PatternSet::parse(BUILTIN_FILES, BUILTIN_SYNSETS, Codebook::builtin())
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::Data(e.clone()))
    }

    /// Reads and lints the patterns of a directory laid out like the repository's
    /// `data/events/` (`synsets.txt` and `patterns/*.txt`), so users can try their own
    /// patterns without rebuilding.
    pub fn from_dir(dir: &std::path::Path, book: &Codebook) -> Result<PatternSet, Error> {
        let io = |path: &std::path::Path, source: std::io::Error| Error::Io {
            path: path.display().to_string(),
            source,
        };
        let synsets_path = dir.join("synsets.txt");
        let synsets = std::fs::read_to_string(&synsets_path).map_err(|e| io(&synsets_path, e))?;
        let pattern_dir = dir.join("patterns");
        let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(&pattern_dir)
            .map_err(|e| io(&pattern_dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        let mut files = Vec::new();
        for path in &names {
            let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
            let name = format!(
                "patterns/{}",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            );
            files.push((name, text));
        }
        let borrowed: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        PatternSet::parse(&borrowed, &synsets, book)
    }

    /// Parses and lints pattern files against a codebook.
    pub fn parse(
        files: &[(&str, &str)],
        synsets: &str,
        book: &Codebook,
    ) -> Result<PatternSet, Error> {
        let sets = parse_synsets(synsets)?;
        let mut set = PatternSet::default();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (name, text) in files {
            for (i, line) in text.lines().enumerate() {
                let origin = format!("{name}:{}", i + 1);
                let body = line.split('#').next().unwrap_or("").trim();
                if body.is_empty() {
                    continue;
                }
                set.lines += 1;
                let fields: Vec<&str> = body.split_whitespace().collect();
                if fields.len() < 3 {
                    return Err(Error::Data(format!(
                        "{origin}: expected CODE verb|noun TRIGGER ..."
                    )));
                }
                let code = fields[0];
                if code == DROP {
                    // A discard: the words are not a political act (see `00-discard.txt`).
                } else if book.cameo(code).is_none() {
                    return Err(Error::Data(format!("{origin}: unknown CAMEO code {code}")));
                }
                if code != DROP && code.starts_with("01") {
                    return Err(Error::Data(format!(
                        "{origin}: root 01 (statements) is never coded"
                    )));
                }
                let kind = match fields[1] {
                    "verb" => TriggerKind::Verb,
                    "noun" => TriggerKind::Noun,
                    other => {
                        return Err(Error::Data(format!(
                            "{origin}: {other:?} is not verb or noun"
                        )));
                    }
                };
                let mut obj = BTreeSet::new();
                let mut xcomp = BTreeSet::new();
                let mut has = BTreeSet::new();
                let mut target = None;
                let mut target_required = false;
                let mut source = Vec::new();
                for f in &fields[3..] {
                    let Some((key, value)) = f.split_once('=') else {
                        return Err(Error::Data(format!("{origin}: bad field {f:?}")));
                    };
                    match key {
                        "obj" => obj.extend(single_words(expand(value, &sets, &origin)?, &origin)?),
                        // A phrasal complement ("step_down") is matched on its verb.
                        "xcomp" => xcomp.extend(
                            expand(value, &sets, &origin)?
                                .into_iter()
                                .map(|m| m.split('_').next().unwrap_or_default().to_string()),
                        ),
                        "has" => has.extend(single_words(expand(value, &sets, &origin)?, &origin)?),
                        "T" if value == "-" => target = Some(Vec::new()),
                        "T" => {
                            let (list, required) = match value.strip_suffix('!') {
                                Some(v) => (v, true),
                                None => (value, false),
                            };
                            target_required = required;
                            target = Some(
                                list.split(',')
                                    .map(|s| slot(s, &origin))
                                    .collect::<Result<_, _>>()?,
                            )
                        }
                        "S" => {
                            source = value
                                .split(',')
                                .map(|s| slot(s, &origin))
                                .collect::<Result<_, _>>()?
                        }
                        _ => return Err(Error::Data(format!("{origin}: unknown field {key:?}"))),
                    }
                }
                if kind == TriggerKind::Noun && source.is_empty() {
                    source = vec![Slot::Poss, Slot::Modifier];
                }
                let target = target.unwrap_or_else(|| match kind {
                    TriggerKind::Verb => vec![Slot::Obj],
                    TriggerKind::Noun => Vec::new(),
                });
                let triggers = expand(fields[2], &sets, &origin)?;
                if kind == TriggerKind::Noun {
                    single_words(triggers.clone(), &origin)?;
                }
                for trig in triggers {
                    let (lemma, particle) = match trig.split_once('_') {
                        Some((l, p)) if kind == TriggerKind::Verb => {
                            (l.to_string(), Some(p.replace('_', " ")))
                        }
                        _ => (trig.replace('_', " "), None),
                    };
                    let pattern = Pattern {
                        code: code.to_string(),
                        kind,
                        lemma,
                        particle,
                        obj: obj.clone(),
                        xcomp: xcomp.clone(),
                        has: has.clone(),
                        target: target.clone(),
                        target_required,
                        source: source.clone(),
                        origin: origin.clone(),
                    };
                    let key = format!(
                        "{:?} {} {:?} {:?} {:?} {:?}",
                        pattern.kind,
                        pattern.lemma,
                        pattern.particle,
                        pattern.obj,
                        pattern.xcomp,
                        pattern.has
                    );
                    if let Some(prev) = seen.insert(key.clone(), origin.clone()) {
                        return Err(Error::Data(format!(
                            "{origin}: duplicate pattern {key} (first at {prev})"
                        )));
                    }
                    set.by_lemma
                        .entry((kind, pattern.lemma.clone()))
                        .or_default()
                        .push(pattern);
                    set.count += 1;
                }
            }
        }
        for list in set.by_lemma.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.specificity()));
        }
        Ok(set)
    }

    /// Patterns whose trigger is `lemma` (lower case), most specific first.
    pub fn for_lemma(&self, kind: TriggerKind, lemma: &str) -> &[Pattern] {
        self.by_lemma
            .get(&(kind, lemma.to_string()))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Number of patterns after synonym sets are expanded.
    pub fn len(&self) -> usize {
        self.count
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Number of pattern lines as written.
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Every pattern.
    pub fn iter(&self) -> impl Iterator<Item = &Pattern> {
        self.by_lemma.values().flatten()
    }
}
