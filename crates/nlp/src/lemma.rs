//! The lemmatizer: learned suffix rules by Penn tag, with a table of the training forms the
//! rules get wrong (irregular forms such as "were" → be, "held" → hold, "children" → child).
//!
//! A rule says "strip k characters, append s" and is keyed by the tag and a suffix of the form
//! (up to [`MAX_SUFFIX`] characters); the longest matching suffix wins. Keys whose rule is the
//! same as the key one character shorter are dropped, which changes no prediction. Proper
//! nouns keep their case; other words are lowercased first.
//!
//! Irregular forms the training data never showed ("shot", "fought", "fed", "overran") come
//! from WordNet 3.0's exception lists (`data/wordnet-exceptions.tsv`, WordNet licence), which
//! are consulted after the learned table and before the rules.

use std::collections::BTreeMap;

use crate::GrammarError;
use crate::binio::{Reader, Writer};
use crate::corpus::GoldSent;
use crate::hash::{FixedMap, hash_str, mix};

/// Longest suffix a rule is keyed by, in characters.
pub(crate) const MAX_SUFFIX: usize = 6;

type Rule = (u8, String);

/// The trained lemmatizer.
#[derive(Clone)]
pub(crate) struct Lemmatizer {
    xpos: Vec<String>,
    /// (tag, suffix) → rule, sorted.
    rules: Vec<((u8, String), Rule)>,
    /// Hash of (tag, suffix) → index in `rules`.
    rule_map: FixedMap<u64, usize>,
    /// (form, tag) → lemma, sorted.
    exceptions: Vec<((String, u8), String)>,
    /// Hash of (form, tag) → index in `exceptions`.
    exception_map: FixedMap<u64, usize>,
}

fn rule_key(tag: u8, suffix: &[char]) -> u64 {
    suffix
        .iter()
        .fold(mix(0x1e44a, tag as u64), |h, &c| mix(h, c as u64))
}

fn exception_key(form: &str, tag: u8) -> u64 {
    mix(hash_str(form), tag as u64)
}

fn is_proper(xpos: &str) -> bool {
    xpos == "NNP" || xpos == "NNPS"
}

fn base(form: &str, xpos: &str) -> String {
    if is_proper(xpos) {
        form.to_string()
    } else {
        form.to_lowercase()
    }
}

/// WordNet's exception lists, compiled in.
const WORDNET_EXCEPTIONS: &str = include_str!("../data/wordnet-exceptions.tsv");

/// WordNet's exceptions: (class, form) → lemma, and the verb lemmas themselves.
struct WordNet {
    lemmas: std::collections::HashMap<(u8, String), &'static str>,
    verb_bases: std::collections::HashSet<&'static str>,
}

/// The WordNet lemma of an inflected form whose tag says it is inflected (past, participle,
/// third person, plural, comparative), if WordNet lists the form as irregular. A verb the
/// tagger took for a present form ("shot", "tore") is read as irregular too, unless the form
/// is itself a verb's base ("lay").
fn wordnet_exception(form: &str, xpos: &str) -> Option<&'static str> {
    static TABLE: std::sync::OnceLock<WordNet> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut lemmas = std::collections::HashMap::new();
        let mut verb_bases = std::collections::HashSet::new();
        for l in WORDNET_EXCEPTIONS.lines().filter(|l| !l.starts_with('#')) {
            let mut f = l.split('\t');
            let (Some(class), Some(form), Some(lemma)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let Some(class) = class.bytes().next() else {
                continue;
            };
            // A base with a truly irregular form ("laid" → lay), not only a doubled
            // consonant ("shotted" → shot).
            if class == b'v' && !form.starts_with(lemma) {
                verb_bases.insert(lemma);
            }
            lemmas.insert((class, form.to_string()), lemma);
        }
        WordNet { lemmas, verb_bases }
    });
    let lower = form.to_lowercase();
    let class = match xpos {
        "VBD" | "VBN" | "VBZ" | "VBG" => b'v',
        "VB" | "VBP" if !table.verb_bases.contains(lower.as_str()) => b'v',
        "NNS" => b'n',
        "JJR" | "JJS" => b'a',
        "RBR" | "RBS" => b'r',
        _ => return None,
    };
    table.lemmas.get(&(class, lower)).copied()
}

fn rule_of(base: &str, lemma: &str) -> Option<Rule> {
    let b: Vec<char> = base.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let common = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
    let strip = b.len() - common;
    if strip > 255 {
        return None;
    }
    Some((strip as u8, l[common..].iter().collect()))
}

fn apply(base: &str, rule: &Rule) -> String {
    let chars: Vec<char> = base.chars().collect();
    let keep = chars.len().saturating_sub(rule.0 as usize);
    let mut out: String = chars[..keep].iter().collect();
    out.push_str(&rule.1);
    if out.is_empty() {
        base.to_string()
    } else {
        out
    }
}

fn suffix(chars: &[char], k: usize) -> String {
    chars[chars.len() - k..].iter().collect()
}

impl Lemmatizer {
    fn build(
        xpos: Vec<String>,
        rules: Vec<((u8, String), Rule)>,
        exceptions: Vec<((String, u8), String)>,
    ) -> Lemmatizer {
        let rule_map = Self::rule_index(&rules);
        let exception_map = Self::exception_index(&exceptions);
        Lemmatizer {
            xpos,
            rules,
            rule_map,
            exceptions,
            exception_map,
        }
    }

    fn rule_index(rules: &[((u8, String), Rule)]) -> FixedMap<u64, usize> {
        let mut map = FixedMap::default();
        for (i, ((tag, suf), _)) in rules.iter().enumerate() {
            let chars: Vec<char> = suf.chars().collect();
            map.entry(rule_key(*tag, &chars)).or_insert(i);
        }
        map
    }

    fn exception_index(exceptions: &[((String, u8), String)]) -> FixedMap<u64, usize> {
        let mut map = FixedMap::default();
        for (i, ((form, tag), _)) in exceptions.iter().enumerate() {
            map.entry(exception_key(form, *tag)).or_insert(i);
        }
        map
    }

    fn tag_id(&self, xpos: &str) -> Option<u8> {
        self.xpos
            .binary_search_by(|x| x.as_str().cmp(xpos))
            .ok()
            .map(|i| i as u8)
    }

    fn by_rule(&self, form: &str, xpos: &str, tag: u8) -> String {
        let b = base(form, xpos);
        let chars: Vec<char> = b.chars().collect();
        for k in (0..=chars.len().min(MAX_SUFFIX)).rev() {
            let suf = &chars[chars.len() - k..];
            if let Some(&i) = self.rule_map.get(&rule_key(tag, suf)) {
                let ((t, s), rule) = &self.rules[i];
                if *t == tag && s.chars().eq(suf.iter().copied()) {
                    return apply(&b, rule);
                }
            }
        }
        b
    }

    /// The lemma of `form` tagged `xpos`.
    pub(crate) fn lemma(&self, form: &str, xpos: &str) -> String {
        let Some(tag) = self.tag_id(xpos) else {
            return base(form, xpos);
        };
        if let Some(&i) = self.exception_map.get(&exception_key(form, tag)) {
            let ((f, t), lemma) = &self.exceptions[i];
            if f == form && *t == tag {
                return lemma.clone();
            }
        }
        if let Some(lemma) = wordnet_exception(form, xpos) {
            return lemma.to_string();
        }
        self.by_rule(form, xpos, tag)
    }

    /// Learns rules and exceptions from training sentences.
    pub(crate) fn train(train: &[GoldSent]) -> Lemmatizer {
        // Token counts of (form, tag) → lemma.
        let mut seen: BTreeMap<(&str, &str), BTreeMap<&str, usize>> = BTreeMap::new();
        for s in train {
            for i in 0..s.len() {
                if s.lemmas[i] == "_" && s.forms[i] != "_" {
                    continue;
                }
                *seen
                    .entry((&s.forms[i], &s.xpos[i]))
                    .or_default()
                    .entry(&s.lemmas[i])
                    .or_default() += 1;
            }
        }
        let mut xpos: Vec<String> = seen.keys().map(|k| k.1.to_string()).collect();
        xpos.sort();
        xpos.dedup();
        xpos.truncate(255);
        let tag_of = |x: &str| {
            xpos.binary_search_by(|t| t.as_str().cmp(x))
                .ok()
                .map(|i| i as u8)
        };
        // The majority lemma of each (form, tag) type.
        let mut types: Vec<(&str, &str, u8, &str)> = Vec::new();
        for ((form, x), lemmas) in &seen {
            let Some(tag) = tag_of(x) else { continue };
            let lemma = lemmas
                .iter()
                .fold(
                    ("", 0usize),
                    |acc, (&l, &n)| if n > acc.1 { (l, n) } else { acc },
                )
                .0;
            types.push((form, x, tag, lemma));
        }
        // Rule counts per (tag, suffix), counting types.
        let mut counts: BTreeMap<(u8, String), BTreeMap<Rule, usize>> = BTreeMap::new();
        for &(form, x, tag, lemma) in &types {
            let b = base(form, x);
            let l = if is_proper(x) {
                lemma.to_string()
            } else {
                lemma.to_lowercase()
            };
            let Some(rule) = rule_of(&b, &l) else {
                continue;
            };
            let chars: Vec<char> = b.chars().collect();
            for k in 0..=chars.len().min(MAX_SUFFIX) {
                *counts
                    .entry((tag, suffix(&chars, k)))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
        let best: BTreeMap<(u8, String), Rule> = counts
            .into_iter()
            .map(|(k, rules)| {
                let r = rules
                    .into_iter()
                    .fold(
                        (None, 0usize),
                        |acc, (r, n)| if n > acc.1 { (Some(r), n) } else { acc },
                    )
                    .0
                    .unwrap_or((0, String::new()));
                (k, r)
            })
            .collect();
        let rules: Vec<((u8, String), Rule)> = best
            .iter()
            .filter(|((tag, suf), rule)| {
                if suf.is_empty() {
                    return true;
                }
                let parent: String = suf.chars().skip(1).collect();
                best.get(&(*tag, parent)) != Some(rule)
            })
            .map(|(k, r)| (k.clone(), r.clone()))
            .collect();
        let mut lem = Lemmatizer::build(xpos.clone(), rules, Vec::new());
        let mut exceptions = Vec::new();
        for &(form, x, tag, lemma) in &types {
            if lem.by_rule(form, x, tag) != lemma {
                exceptions.push(((form.to_string(), tag), lemma.to_string()));
            }
        }
        exceptions.sort();
        lem.exception_map = Self::exception_index(&exceptions);
        lem.exceptions = exceptions;
        lem
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.varint(self.xpos.len() as u64);
        for x in &self.xpos {
            w.str(x);
        }
        w.varint(self.rules.len() as u64);
        for ((tag, suf), (strip, add)) in &self.rules {
            w.u8(*tag);
            w.str(suf);
            w.u8(*strip);
            w.str(add);
        }
        w.varint(self.exceptions.len() as u64);
        for ((form, tag), lemma) in &self.exceptions {
            w.str(form);
            w.u8(*tag);
            w.str(lemma);
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, GrammarError> {
        let n = r.count(1)?;
        let mut xpos = Vec::with_capacity(n);
        for _ in 0..n {
            xpos.push(r.str()?);
        }
        let n = r.count(4)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let tag = r.u8()?;
            let suf = r.str()?;
            let strip = r.u8()?;
            let add = r.str()?;
            rules.push(((tag, suf), (strip, add)));
        }
        let n = r.count(3)?;
        let mut exceptions = Vec::with_capacity(n);
        for _ in 0..n {
            let form = r.str()?;
            let tag = r.u8()?;
            let lemma = r.str()?;
            exceptions.push(((form, tag), lemma));
        }
        Ok(Lemmatizer::build(xpos, rules, exceptions))
    }
}
