//! The facts of an article, in the spirit of GDELT's Global Knowledge Graph but with spans:
//! its people, organisations, groups and places (the actor mentions, de-duplicated), its
//! counts ("three Syrian diplomats" expelled), its themes and its tone.
//!
//! - **Entities**: one entry per resolved name (or text) and code, with the number of
//!   mentions and the first one's span; pronouns and nouns that refer back without a name
//!   add to nothing.
//! - **Counts**: a number (digits, "2.5 million", number words) and the noun it counts,
//!   tied to an act of `data/themes/acts.tsv` through the tree: the noun as object or
//!   passive subject of "kill", "expel" ... ("expelled three Syrian diplomats", "108 people
//!   were killed"), a participle on the noun ("108 people killed"), the noun as subject of
//!   "flee", "die" ..., or a noun that is the act ("200 protesters").
//! - **Themes**: phrases of `data/themes/themes.tsv` matched against lemmas or words.
//! - **Tone**: the VADER lexicon (`data/tone/vader.tsv`, MIT) summed per sentence with
//!   VADER's negation scalar and normalisation (compound in -1..1), and, per article, GDELT's
//!   V1.5 tone figures (positive and negative word percentages and their difference).

use std::collections::BTreeMap;

use serde::Serialize;
use tacitus_annotate::actors::{DocumentActors, EntityType, Method, PlaceRef};
use tacitus_model::{BlockKind, Document, Sentence, Span, Token};

use crate::lexicon::{Lexicons, Link};
use crate::{Error, Quotation};

/// One entity of the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// The resolved name, or the text of the first mention.
    pub name: String,
    /// The CAMEO actor code, when resolved.
    pub code: Option<String>,
    /// How many mentions.
    pub mentions: usize,
    /// First byte of the first mention.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// For places, the gazetteer's resolution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRef>,
}

/// A count: a number of people or things and the act it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    /// The act (KILL, WOUND, ARREST, DISPLACE, EXPEL, PROTEST, KIDNAP).
    pub act: String,
    /// The number.
    pub number: u64,
    /// "at least", "more than", "about" ..., when written.
    pub qualifier: Option<String>,
    /// What is counted ("Syrian diplomats").
    pub what: String,
    /// The word that says the act ("expelled").
    pub cue: String,
    /// First byte of the number.
    pub start: usize,
    /// One past the last byte of the counted noun.
    pub end: usize,
    /// Index of the sentence.
    pub sentence: usize,
}

/// A theme of the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    /// The theme's name.
    pub theme: String,
    /// How many phrases of it the article holds.
    pub mentions: usize,
    /// Byte offsets of each match, in text order.
    pub offsets: Vec<usize>,
}

/// The tone of one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceTone {
    /// Index of the sentence.
    pub sentence: usize,
    /// VADER compound score, -1 (negative) to 1 (positive).
    pub compound: f64,
}

/// The tone of the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tone {
    /// GDELT's tone: positive minus negative, in percent of words.
    pub tone: f64,
    /// Percentage of words with a positive valence.
    pub positive: f64,
    /// Percentage of words with a negative valence.
    pub negative: f64,
    /// Positive plus negative.
    pub polarity: f64,
    /// Percentage of words that are verbs.
    pub activity: f64,
    /// Percentage of words that are first-person pronouns.
    pub self_group: f64,
    /// Words counted.
    pub words: usize,
    /// Mean VADER compound score of the sentences.
    pub compound: f64,
    /// Per sentence (headline and body; datelines and bylines skipped).
    pub sentences: Vec<SentenceTone>,
}

/// The facts of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
    /// People.
    pub people: Vec<Entity>,
    /// Organisations.
    pub organisations: Vec<Entity>,
    /// Groups (forces, diplomats, rebels, a people).
    pub groups: Vec<Entity>,
    /// Places.
    pub places: Vec<Entity>,
    /// Counts.
    pub counts: Vec<Count>,
    /// Themes, most mentioned first.
    pub themes: Vec<Theme>,
    /// Tone.
    pub tone: Tone,
    /// Number of quotations.
    pub quotations: usize,
}

/// Finds the facts of articles; holds the parsed data files.
#[derive(Debug, Clone)]
pub struct FactFinder {
    lex: Lexicons,
}

const NEGATIONS: &[&str] = &[
    "cannot", "n't", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing",
    "nowhere", "without",
];

/// VADER's scalar for a negated word.
const NEGATION_SCALAR: f64 = -0.74;
/// VADER's normalisation constant.
const ALPHA: f64 = 15.0;

fn word_number(w: &str) -> Option<u64> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let w = w.to_lowercase();
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u64);
    }
    if let Some(i) = TENS.iter().position(|u| !u.is_empty() && *u == w) {
        return Some(i as u64 * 10);
    }
    if let Some((t, u)) = w.split_once('-') {
        let t = TENS.iter().position(|x| !x.is_empty() && *x == t)?;
        let u = UNITS[1..10].iter().position(|x| *x == u)? + 1;
        return Some(t as u64 * 10 + u as u64);
    }
    match w.as_str() {
        "dozen" => Some(12),
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => None,
    }
}

fn multiplier(w: &str) -> Option<f64> {
    match w.to_lowercase().as_str() {
        "hundred" | "hundreds" => Some(100.0),
        "thousand" | "thousands" => Some(1e3),
        "million" | "millions" => Some(1e6),
        "billion" | "billions" => Some(1e9),
        _ => None,
    }
}

/// The value of a number token ("108", "1,200", "2.5", "three").
fn number_value(w: &str) -> Option<f64> {
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return digits.parse().ok();
    }
    word_number(w).map(|v| v as f64)
}

fn lemma_of(t: &Token, text: &str) -> String {
    t.lemma
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_else(|| t.span.slice(text).to_lowercase())
}

fn head_of(s: &Sentence, i: usize) -> Option<usize> {
    match s.tokens[i].head {
        Some(h) if h > 0 && (h as usize) <= s.tokens.len() => Some(h as usize - 1),
        _ => None,
    }
}

impl FactFinder {
    /// A finder over the built-in data files.
    pub fn builtin() -> Result<FactFinder, Error> {
        Ok(FactFinder {
            lex: Lexicons::builtin()?,
        })
    }

    /// A finder over given data files.
    pub fn new(lex: Lexicons) -> FactFinder {
        FactFinder { lex }
    }

    /// The facts of a parsed document, its actors and its quotations.
    pub fn facts(&self, doc: &Document, actors: &DocumentActors, quotes: &[Quotation]) -> Facts {
        let (people, organisations, groups, places) = entities(actors);
        Facts {
            people,
            organisations,
            groups,
            places,
            counts: self.counts(doc),
            themes: self.themes(doc),
            tone: self.tone(doc),
            quotations: quotes.len(),
        }
    }

    /// The act of a word (by its lemma, else by its form with a regular ending taken off, for
    /// forms the lemmatizer missed: "fled", "wounded") for a link.
    fn act_for_token(&self, t: &Token, text: &str, link: Link) -> Option<&str> {
        let word = t.span.slice(text).to_lowercase();
        let lemma = lemma_of(t, text);
        let irregular = match word.as_str() {
            "fled" => Some("flee"),
            "slain" => Some("slay"),
            _ => None,
        };
        [
            Some(lemma.as_str()),
            irregular,
            Some(word.as_str()),
            word.strip_suffix("ed"),
            word.strip_suffix('d'),
            word.strip_suffix('s'),
        ]
        .into_iter()
        .flatten()
        .find_map(|w| {
            self.lex
                .acts
                .get(w)?
                .iter()
                .find(|a| a.link == link)
                .map(|a| a.act.as_str())
        })
    }

    /// The counts of a document.
    pub fn counts(&self, doc: &Document) -> Vec<Count> {
        let text = doc.text.as_str();
        let mut out = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            if s.kind == BlockKind::Dateline || s.kind == BlockKind::Byline {
                continue;
            }
            for (i, t) in s.tokens.iter().enumerate() {
                let word = t.span.slice(text);
                // Number words the tagger took for adjectives ("Twenty-five people") count.
                if t.upos.as_deref() != Some("NUM") && word_number(word).is_none() {
                    continue;
                }
                // "million" after "2.5" was counted with it.
                if multiplier(word).is_some()
                    && i > 0
                    && number_value(s.tokens[i - 1].span.slice(text)).is_some()
                {
                    continue;
                }
                let Some(mut value) = number_value(word) else {
                    continue;
                };
                let mut end_num = i;
                // The token that carries the number in the tree: "million" in "2.5 million".
                let mut carrier = i;
                if let Some(m) = s
                    .tokens
                    .get(i + 1)
                    .and_then(|n| multiplier(n.span.slice(text)))
                {
                    value *= m;
                    end_num = i + 1;
                    if head_of(s, i) == Some(i + 1) {
                        carrier = i + 1;
                    }
                }
                // Years and fractions are not counts of people.
                if value < 1.0 || value.fract() != 0.0 || value > 1e10 {
                    continue;
                }
                if (1900.0..=2100.0).contains(&value) && !t.span.slice(text).contains(',') {
                    continue;
                }
                let noun = match s.tokens[carrier].deprel.as_deref() {
                    Some("nummod") => head_of(s, carrier),
                    // "Eleven officers" tagged as a name in a compound.
                    Some("compound") if word_number(word).is_some() => {
                        head_of(s, carrier).filter(|&h| h == carrier + 1)
                    }
                    Some(d) if d.starts_with("nsubj") || d == "obj" => Some(carrier),
                    _ => None,
                };
                let Some(noun) = noun.filter(|&n| n >= carrier) else {
                    continue;
                };
                let Some((act, cue)) = self.act_of(s, noun, text) else {
                    continue;
                };
                let what = if noun > end_num {
                    Span::new(s.tokens[end_num + 1].span.start, s.tokens[noun].span.end)
                        .slice(text)
                        .to_string()
                } else {
                    String::new()
                };
                let qualifier = qualifier(s, i, text);
                out.push(Count {
                    act: act.to_string(),
                    number: value as u64,
                    qualifier,
                    what,
                    cue,
                    start: t.span.start,
                    end: s.tokens[noun].span.end,
                    sentence: si,
                });
            }
        }
        out
    }

    /// The act of a counted noun, with the word that says it: a participle on the noun
    /// ("108 people killed"), the verb the noun is the object or subject of ("arrested 200
    /// protesters", "300 people fled"), else the noun itself ("200 protesters").
    fn act_of(&self, s: &Sentence, noun: usize, text: &str) -> Option<(&str, String)> {
        let word = |j: usize| s.tokens[j].span.slice(text).to_string();
        for (j, c) in s.tokens.iter().enumerate() {
            if c.head == Some(noun as u32 + 1)
                && matches!(c.deprel.as_deref(), Some("acl" | "amod" | "acl:relcl"))
                && let Some(a) = self.act_for_token(c, text, Link::Patient)
            {
                return Some((a, word(j)));
            }
        }
        // "Eleven officers and 20 demonstrators were wounded": a conjunct takes the
        // relation of the first one.
        let mut first = noun;
        for _ in 0..3 {
            match (s.tokens[first].deprel.as_deref(), head_of(s, first)) {
                (Some("conj"), Some(h)) if h < first => first = h,
                _ => break,
            }
        }
        if let Some(h) = head_of(s, first) {
            let rel = s.tokens[first].deprel.as_deref().unwrap_or("");
            let link = match rel {
                "obj" | "nsubj:pass" => Some(Link::Patient),
                "nsubj" => {
                    // "108 people were killed" parsed without the passive label, or as a
                    // copula with an adjective ("were wounded").
                    let passive = s.tokens.iter().any(|c| {
                        c.head == Some(h as u32 + 1)
                            && matches!(c.deprel.as_deref(), Some("aux:pass" | "cop"))
                    });
                    Some(if passive { Link::Patient } else { Link::Agent })
                }
                _ => None,
            };
            if let Some(a) = link.and_then(|l| self.act_for_token(&s.tokens[h], text, l)) {
                return Some((a, word(h)));
            }
        }
        self.act_for_token(&s.tokens[noun], text, Link::Noun)
            .map(|a| (a, word(noun)))
    }

    /// The themes of a document, most mentioned first, then by name.
    pub fn themes(&self, doc: &Document) -> Vec<Theme> {
        let text = doc.text.as_str();
        let mut found: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for s in &doc.sentences {
            if s.kind == BlockKind::Dateline || s.kind == BlockKind::Byline {
                continue;
            }
            let words: Vec<String> = s
                .tokens
                .iter()
                .map(|t| t.span.slice(text).to_lowercase())
                .collect();
            let lemmas: Vec<String> = s.tokens.iter().map(|t| lemma_of(t, text)).collect();
            let mut i = 0;
            while i < words.len() {
                let fits = |phrase: &[String]| {
                    let n = phrase.len();
                    i + n <= words.len()
                        && (0..n).all(|k| words[i + k] == phrase[k] || lemmas[i + k] == phrase[k])
                };
                let candidates = || {
                    [&words[i], &lemmas[i]]
                        .into_iter()
                        .flat_map(|key| self.lex.themes.get(key.as_str()).into_iter().flatten())
                };
                // The longest phrase starting here wins; every theme with a phrase over that
                // same stretch counts.
                let longest = candidates()
                    .filter(|(_, p)| fits(p))
                    .map(|(_, p)| p.len())
                    .max()
                    .unwrap_or(0);
                if longest > 0 {
                    for (theme, phrase) in candidates() {
                        if phrase.len() == longest && fits(phrase) {
                            let v = found.entry(theme.as_str()).or_default();
                            if v.last() != Some(&s.tokens[i].span.start) {
                                v.push(s.tokens[i].span.start);
                            }
                        }
                    }
                    i += longest;
                } else {
                    i += 1;
                }
            }
        }
        let mut out: Vec<Theme> = found
            .into_iter()
            .map(|(theme, offsets)| Theme {
                theme: theme.to_string(),
                mentions: offsets.len(),
                offsets,
            })
            .collect();
        out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.theme.cmp(&b.theme)));
        out
    }

    /// The tone of a document.
    pub fn tone(&self, doc: &Document) -> Tone {
        let text = doc.text.as_str();
        let (mut words, mut pos, mut neg, mut verbs, mut selfref) = (0usize, 0, 0, 0, 0);
        let mut sentences = Vec::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            if s.kind == BlockKind::Dateline || s.kind == BlockKind::Byline {
                continue;
            }
            let lower: Vec<String> = s
                .tokens
                .iter()
                .map(|t| t.span.slice(text).to_lowercase())
                .collect();
            let mut sum = 0.0;
            for (i, t) in s.tokens.iter().enumerate() {
                if t.upos.as_deref() == Some("PUNCT") {
                    continue;
                }
                words += 1;
                if t.upos.as_deref() == Some("VERB") {
                    verbs += 1;
                }
                if matches!(
                    lower[i].as_str(),
                    "i" | "me" | "my" | "mine" | "we" | "us" | "our" | "ours"
                ) {
                    selfref += 1;
                }
                let Some(&v) = self.lex.tone.get(&lower[i]) else {
                    continue;
                };
                let negated = lower[i.saturating_sub(3)..i]
                    .iter()
                    .any(|w| NEGATIONS.contains(&w.as_str()));
                let v = if negated { v * NEGATION_SCALAR } else { v };
                if v > 0.0 {
                    pos += 1;
                } else if v < 0.0 {
                    neg += 1;
                }
                sum += v;
            }
            let compound = sum / (sum * sum + ALPHA).sqrt();
            sentences.push(SentenceTone {
                sentence: si,
                compound: round(compound),
            });
        }
        let pct = |n: usize| {
            if words == 0 {
                0.0
            } else {
                round(100.0 * n as f64 / words as f64)
            }
        };
        let compound = if sentences.is_empty() {
            0.0
        } else {
            round(sentences.iter().map(|s| s.compound).sum::<f64>() / sentences.len() as f64)
        };
        Tone {
            tone: round(pct(pos) - pct(neg)),
            positive: pct(pos),
            negative: pct(neg),
            polarity: round(pct(pos) + pct(neg)),
            activity: pct(verbs),
            self_group: pct(selfref),
            words,
            compound,
            sentences,
        }
    }
}

/// Rounds to four decimals, so that output does not carry float noise.
fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// "at least", "more than" ... before the number at token `i`.
fn qualifier(s: &Sentence, i: usize, text: &str) -> Option<String> {
    let w = |j: usize| s.tokens[j].span.slice(text).to_lowercase();
    if i >= 2 {
        let two = format!("{} {}", w(i - 2), w(i - 1));
        if matches!(
            two.as_str(),
            "at least" | "more than" | "less than" | "fewer than" | "at most" | "up to"
        ) {
            return Some(two);
        }
    }
    if i >= 1
        && matches!(
            w(i - 1).as_str(),
            "about" | "around" | "nearly" | "almost" | "over" | "some"
        )
    {
        return Some(w(i - 1));
    }
    None
}

type Entities = (Vec<Entity>, Vec<Entity>, Vec<Entity>, Vec<Entity>);

/// The article's entities by type, de-duplicated by name and code, in order of first mention.
fn entities(actors: &DocumentActors) -> Entities {
    let mut by: BTreeMap<(EntityType, String, Option<String>), Entity> = BTreeMap::new();
    for m in &actors.mentions {
        let name = match (&m.name, m.method) {
            (Some(n), _) => n.clone(),
            (None, Method::Pronoun | Method::Coreference) => continue,
            (None, _) => m.text.clone(),
        };
        by.entry((m.kind, name.clone(), m.code.clone()))
            .and_modify(|e| e.mentions += 1)
            .or_insert_with(|| Entity {
                name,
                code: m.code.clone(),
                mentions: 1,
                start: m.span.start,
                end: m.span.end,
                place: m.place.clone(),
            });
    }
    let mut out: Entities = Default::default();
    for ((kind, _, _), e) in by {
        match kind {
            EntityType::Person => out.0.push(e),
            EntityType::Organisation => out.1.push(e),
            EntityType::Group => out.2.push(e),
            EntityType::Place => out.3.push(e),
        }
    }
    for v in [&mut out.0, &mut out.1, &mut out.2, &mut out.3] {
        v.sort_by_key(|e| (e.start, e.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number_value("108"), Some(108.0));
        assert_eq!(number_value("1,200"), Some(1200.0));
        assert_eq!(number_value("three"), Some(3.0));
        assert_eq!(number_value("Forty-three"), Some(43.0));
        assert_eq!(number_value("twenty-zero"), None);
        assert_eq!(number_value("many"), None);
        assert_eq!(number_value(""), None);
    }
}
