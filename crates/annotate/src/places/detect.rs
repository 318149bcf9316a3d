//! A simple toponym detector: the longest gazetteer match on each capitalized token
//! sequence (or "al-X", "the X"), minus
//!
//! - common-word collisions: months and days, compass words, a list of common English words
//!   (unless the name is a country, continent or populous region: "Chad", "Turkey"), and
//!   sentence-initial words that the document also uses in lower case;
//! - country adjectives, demonyms and metonyms of the actor dictionaries ("Syrian",
//!   "Kremlin");
//! - person names: names of the actor dictionaries ("Hague", "Annan"), words after a title
//!   ("Mr Chester") or a known given name ("David Cameron"), and surnames the document uses
//!   that way elsewhere ("Bruce Ivins" ... "Ivins"), unless after "in", "at", "near" ...;
//! - parts of other names: "Agence France-Presse", "US$", "Marburg virus", and small places
//!   the document also uses at the head of an institution's name ("Franklin Elementary");
//! - names of small places only (under 5,000 people) outside a locative context ("in",
//!   "near", "from" before it or ", Region" after it).
//!
//! A place name that is the subject of a speech or decision verb ("Moscow said",
//! "Washington has warned") is returned with [`Role::Actor`], not as a location.
//!
//! This is a stand-in until the project's named-entity recognizer exists: it yields spans
//! that [`super::Resolver`] resolves, and the recognizer can replace it without touching the
//! resolver.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use super::gazetteer::{Feature, Gazetteer};
use super::normalize;

/// How a toponym is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A location ("in Moscow").
    Location,
    /// A place name standing for a government or group ("Moscow said"): not a location.
    Actor,
}

/// A toponym found in text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Toponym {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text.
    pub text: String,
    /// Location or actor use.
    pub role: Role,
}

/// Speech and decision verbs whose subject is an actor.
const ACTOR_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "added",
    "admitted",
    "agreed",
    "agrees",
    "announced",
    "announces",
    "argued",
    "asked",
    "asserted",
    "blamed",
    "blames",
    "called",
    "calls",
    "claimed",
    "claims",
    "condemned",
    "condemns",
    "criticised",
    "criticized",
    "decided",
    "declared",
    "demanded",
    "demands",
    "denied",
    "denies",
    "dismissed",
    "expelled",
    "imposed",
    "insisted",
    "insists",
    "objected",
    "pledged",
    "promised",
    "protested",
    "refused",
    "refuses",
    "rejected",
    "rejects",
    "replied",
    "responded",
    "said",
    "says",
    "signalled",
    "signaled",
    "stated",
    "stressed",
    "suggested",
    "threatened",
    "threatens",
    "told",
    "urged",
    "urges",
    "vetoed",
    "vowed",
    "vows",
    "want",
    "wants",
    "warned",
    "warns",
    "welcomed",
    "welcomes",
];

/// Words that may stand between an actor and its verb ("Moscow has warned").
const AUXILIARIES: &[&str] = &[
    "also",
    "had",
    "has",
    "have",
    "later",
    "quickly",
    "repeatedly",
    "should",
    "will",
    "would",
    "could",
    "may",
    "might",
    "must",
    "already",
    "previously",
    "has also",
    "is",
    "was",
];

/// Titles and honorifics before person names.
const TITLES: &[&str] = &[
    "Ambassador",
    "Archbishop",
    "Bishop",
    "Captain",
    "Capt",
    "Cardinal",
    "Chancellor",
    "Colonel",
    "Col",
    "Commander",
    "Dame",
    "Dr",
    "Father",
    "General",
    "Gen",
    "Governor",
    "Gov",
    "Judge",
    "Justice",
    "King",
    "Lady",
    "Lieutenant",
    "Lt",
    "Lord",
    "Major",
    "Maj",
    "Master",
    "Minister",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Pope",
    "President",
    "Prince",
    "Princess",
    "Prof",
    "Professor",
    "Queen",
    "Rabbi",
    "Rep",
    "Representative",
    "Reverend",
    "Rev",
    "Secretary",
    "Sen",
    "Senator",
    "Sergeant",
    "Sgt",
    "Sheikh",
    "Sir",
    "Speaker",
    "Sister",
    "St",
];

/// Words after a name that make it part of a disease's name ("Marburg virus").
const DISEASE_HEADS: &[&str] = &[
    "hemorrhagic",
    "haemorrhagic",
    "virus",
    "viruses",
    "ebolavirus",
    "fever",
    "flu",
    "influenza",
    "strain",
    "disease",
    "syndrome",
    "encephalitis",
];

/// Words after a place name that make a longer place name, not an institution
/// ("Nyanza Province", "Kano State").
const GEO_HEADS: &[&str] = &[
    "province",
    "state",
    "county",
    "district",
    "region",
    "city",
    "governorate",
    "department",
    "prefecture",
    "island",
    "islands",
    "valley",
    "parish",
    "municipality",
    "oblast",
];

/// Prepositions before a location ("in Hammond"): person-name filters do not apply.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "across",
    "into",
    "around",
    "throughout",
    "towards",
    "toward",
    "inside",
    "within",
];

/// Compass and generic words that name regions somewhere but never alone in English text.
const NEVER_ALONE: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "centre",
    "center",
    "middle",
    "upper",
    "lower",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "capital",
    "coast",
    "interior",
    "island",
    "islands",
    "no",
    "yes",
    "media",
    "vice",
    "mute",
    "king",
    "queen",
];

/// Common English words that are also names of places somewhere: a match of one of these
/// alone is dropped unless it names a country, region or continent ("Chad", "Georgia",
/// "Turkey" stay).
const COMMON: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "ago",
    "aid",
    "air",
    "all",
    "also",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "area",
    "army",
    "as",
    "at",
    "bad",
    "bank",
    "bar",
    "base",
    "bath",
    "be",
    "beach",
    "bear",
    "because",
    "been",
    "before",
    "bell",
    "best",
    "between",
    "big",
    "bill",
    "black",
    "blue",
    "board",
    "border",
    "both",
    "bridge",
    "brown",
    "but",
    "by",
    "call",
    "camp",
    "can",
    "cape",
    "capital",
    "care",
    "case",
    "cases",
    "central",
    "centre",
    "center",
    "child",
    "church",
    "city",
    "clear",
    "coast",
    "college",
    "come",
    "council",
    "county",
    "court",
    "cross",
    "date",
    "day",
    "dead",
    "deal",
    "death",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "early",
    "east",
    "eastern",
    "eight",
    "even",
    "ever",
    "every",
    "fall",
    "far",
    "farm",
    "field",
    "fire",
    "first",
    "five",
    "for",
    "forest",
    "fort",
    "four",
    "free",
    "from",
    "front",
    "gap",
    "general",
    "given",
    "global",
    "go",
    "gold",
    "good",
    "government",
    "great",
    "green",
    "grand",
    "had",
    "hall",
    "has",
    "have",
    "he",
    "health",
    "her",
    "here",
    "high",
    "hill",
    "his",
    "home",
    "hope",
    "hospital",
    "house",
    "how",
    "however",
    "i",
    "if",
    "in",
    "is",
    "island",
    "it",
    "its",
    "just",
    "key",
    "lake",
    "land",
    "last",
    "late",
    "law",
    "lead",
    "less",
    "life",
    "like",
    "little",
    "long",
    "lower",
    "made",
    "main",
    "man",
    "many",
    "market",
    "me",
    "meeting",
    "more",
    "most",
    "mount",
    "much",
    "my",
    "national",
    "need",
    "new",
    "news",
    "next",
    "nice",
    "nine",
    "no",
    "none",
    "north",
    "northern",
    "not",
    "now",
    "of",
    "office",
    "oil",
    "old",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "park",
    "part",
    "party",
    "peace",
    "people",
    "place",
    "plain",
    "plan",
    "point",
    "police",
    "port",
    "post",
    "power",
    "president",
    "press",
    "prime",
    "public",
    "race",
    "reading",
    "red",
    "report",
    "rock",
    "round",
    "royal",
    "rule",
    "said",
    "saint",
    "same",
    "school",
    "sea",
    "second",
    "see",
    "seven",
    "she",
    "ship",
    "short",
    "side",
    "since",
    "six",
    "so",
    "some",
    "south",
    "southern",
    "split",
    "spring",
    "springs",
    "state",
    "station",
    "still",
    "street",
    "such",
    "summit",
    "sun",
    "talks",
    "ten",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "third",
    "this",
    "those",
    "three",
    "through",
    "time",
    "to",
    "today",
    "top",
    "total",
    "tower",
    "town",
    "trade",
    "two",
    "under",
    "union",
    "university",
    "up",
    "upper",
    "us",
    "valley",
    "van",
    "very",
    "view",
    "village",
    "war",
    "was",
    "water",
    "way",
    "we",
    "well",
    "were",
    "west",
    "western",
    "what",
    "when",
    "where",
    "which",
    "while",
    "white",
    "who",
    "why",
    "will",
    "with",
    "world",
    "year",
    "yes",
    "yet",
    "you",
    "young",
];

/// Arabic articles that may begin a name when hyphenated ("al-Hula", "el-Arish").
const ARTICLES: &[&str] = &["al", "el", "ad", "an", "ar", "as", "ash", "at", "az"];

/// Lower-case words allowed inside a multi-word name ("Bosnia and Herzegovina",
/// "Rio de Janeiro", "Stratford-upon-Avon").
const CONNECTORS: &[&str] = &[
    "al", "am", "an", "and", "au", "aux", "d", "da", "das", "de", "del", "der", "des", "di", "do",
    "dos", "du", "l", "el", "en", "es", "la", "las", "le", "les", "los", "of", "on", "sur", "the",
    "upon", "y",
];

/// Forms of the actor dictionaries that are not places, folded with [`normalize`].
struct NotPlaces {
    /// People's names and their short forms ("William Hague", "Hague").
    people: BTreeSet<String>,
    /// First words of people's full names ("William", "David"): given names.
    given: BTreeSet<String>,
    /// Country adjectives and demonyms ("Syrian", "Saudi") and government metonyms
    /// ("White House", "Kremlin").
    adjectives: BTreeSet<String>,
}

fn not_places() -> &'static NotPlaces {
    static SET: OnceLock<NotPlaces> = OnceLock::new();
    SET.get_or_init(|| {
        let mut np = NotPlaces {
            people: BTreeSet::new(),
            given: BTreeSet::new(),
            adjectives: BTreeSet::new(),
        };
        if let Ok(d) = crate::dict::builtin() {
            for p in &d.people {
                for n in &p.names {
                    np.people.insert(normalize(n));
                }
                // Given names: capitalized first words of two-word-or-longer names, not
                // initials ("A. Q. Khan") nor common words.
                if let Some(full) = p.names.first()
                    && full.contains(' ')
                    && let Some(first) = full.split(' ').next()
                    && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && is_capitalized(first)
                    && !COMMON.contains(&first.to_lowercase().as_str())
                {
                    np.given.insert(normalize(first));
                }
            }
            for f in &d.countries {
                use crate::dict::FormKind;
                if matches!(
                    f.kind,
                    FormKind::Adjective | FormKind::Demonym | FormKind::Metonym
                ) {
                    let form = f.form.strip_prefix("the ").unwrap_or(&f.form);
                    np.adjectives.insert(normalize(form));
                }
            }
        }
        np
    })
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

/// Word tokens: runs of letters and digits; dotted abbreviations ("U.S.", "St.") keep
/// their dots. Apostrophes end a word ("Syria's" -> "Syria", "s").
fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            // Keep the dot of single capital letters ("U.S.") and of "St.".
            let word = &text[s..i];
            let single_cap = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            let abbrev_tail = word.contains('.');
            if c == '.' && (single_cap || abbrev_tail || word == "St" || word == "Mt") {
                let next_is_cap_letter = iter
                    .peek()
                    .is_some_and(|&(_, n)| n.is_uppercase() && n.is_alphabetic());
                if next_is_cap_letter && (single_cap || abbrev_tail) {
                    continue; // "U.S" so far: the next letter belongs to the same token
                }
                out.push(Tok {
                    start: s,
                    end: i + 1,
                });
                start = None;
                continue;
            }
            out.push(Tok { start: s, end: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(Tok {
            start: s,
            end: text.len(),
        });
    }
    out
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the token at `i` starts a sentence (text start, or after `.`, `!`, `?`, a
/// colon, a quote or a blank line).
fn sentence_initial(text: &str, toks: &[Tok], i: usize) -> bool {
    let before = match i {
        0 => text.get(..toks[0].start).unwrap_or(""),
        _ => text.get(toks[i - 1].end..toks[i].start).unwrap_or(""),
    };
    if i == 0 {
        return true;
    }
    let prev = text.get(toks[i - 1].start..toks[i - 1].end).unwrap_or("");
    before.contains(['.', '!', '?', ':', '"', '“', '\n', '(', '—'])
        || (prev.ends_with('.') && !prev.starts_with("St") && !prev.starts_with("Mt"))
}

/// One document being scanned.
struct Doc<'t> {
    text: &'t str,
    lower: String,
    toks: Vec<Tok>,
    words: Vec<&'t str>,
    /// Surnames seen in person context ([`persons_in`]).
    persons: BTreeSet<String>,
    /// Names seen inside other names or disease names ("Franklin Elementary", "Marburg
    /// virus"): their other mentions are no places either, unless prominent.
    compounds: BTreeSet<String>,
}

impl<'t> Doc<'t> {
    fn gap(&self, k: usize) -> &'t str {
        // Text between token k and k + 1.
        match (self.toks.get(k), self.toks.get(k + 1)) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(","),
            _ => ",",
        }
    }
}

/// How prominent the candidates of a span are.
struct Prominence {
    /// Countries, continents, world regions and populous first-level regions: kept even
    /// when they are common words ("Chad", "Turkey", "Victoria").
    prominent: bool,
    /// A place of a million or a capital.
    big: bool,
}

fn prominence(g: &Gazetteer, span: &str) -> Prominence {
    let cands = g.lookup(span);
    let places = || cands.iter().filter_map(|c| g.place(c.place));
    Prominence {
        prominent: places().any(|p| {
            matches!(
                p.feature,
                Feature::Country | Feature::Continent | Feature::WorldRegion
            ) || (p.feature == Feature::Region && p.population >= 1_000_000)
        }),
        big: places().any(|p| p.population >= 1_000_000 || p.feature == Feature::Capital),
    }
}

/// Population under which a populated place is "small" for [`only_small_places`].
const SMALL_PLACE: u64 = 5_000;

/// Whether every candidate of `span` is a populated place of fewer than [`SMALL_PLACE`]
/// people (false when it has no candidate).
fn only_small_places(g: &Gazetteer, span: &str) -> bool {
    let cands = g.lookup(span);
    !cands.is_empty()
        && cands.iter().all(|c| {
            g.place(c.place)
                .is_some_and(|p| matches!(p.feature, Feature::City) && p.population < SMALL_PLACE)
        })
}

/// Detects toponyms in `text` with the gazetteer. Returns spans in text order, without
/// overlaps. Never panics.
pub fn detect(gazetteer: &Gazetteer, text: &str) -> Vec<Toponym> {
    let toks = tokens(text);
    let words: Vec<&str> = toks
        .iter()
        .map(|t| text.get(t.start..t.end).unwrap_or(""))
        .collect();
    let mut doc = Doc {
        text,
        lower: text.to_lowercase(),
        persons: persons_in(text, &toks, &words),
        toks,
        words,
        compounds: BTreeSet::new(),
    };
    let matches = matches(gazetteer, &doc);
    doc.compounds = compounds_in(gazetteer, &doc, &matches);
    let mut out = Vec::new();
    for (i, j) in matches {
        let (start, end) = (doc.toks[i].start, doc.toks[j].end);
        let span = text.get(start..end).unwrap_or("");
        if keep(gazetteer, &doc, i, j, span) {
            // "Moscow said" is an actor; "near Tyler said" is still a place.
            let located = i > 0
                && (LOCATIVE.contains(&doc.words[i - 1].to_lowercase().as_str())
                    || matches!(doc.words[i - 1], "from" | "to" | "of"));
            let role = if !located && actor_use(text, &doc.toks, &doc.words, j) {
                Role::Actor
            } else {
                Role::Location
            };
            out.push(Toponym {
                start,
                end,
                text: span.to_string(),
                role,
            });
        }
    }
    out
}

/// The longest gazetteer matches, left to right, as token ranges `(first, last)`.
fn matches(gazetteer: &Gazetteer, doc: &Doc<'_>) -> Vec<(usize, usize)> {
    let (text, toks, words) = (doc.text, &doc.toks, &doc.words);
    let max = gazetteer.max_words().clamp(1, 8);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = words[i];
        // A name starts capitalized, with a hyphenated Arabic article ("al-Hula"), or with
        // "the" when the gazetteer has the whole ("the Hague").
        let next_cap = words.get(i + 1).is_some_and(|n| is_capitalized(n));
        let article_start = (ARTICLES.contains(&w)
            && text.get(toks[i].end..toks[i].end + 1) == Some("-")
            && next_cap)
            || (w == "the" && next_cap);
        if !is_capitalized(w) && !article_start {
            i += 1;
            continue;
        }
        let mut found: Option<usize> = None;
        for j in (i..toks.len().min(i + max)).rev() {
            if !is_capitalized(words[j]) {
                continue;
            }
            // Gaps: spaces, hyphens, apostrophes; inner lower-case words only connectors.
            let ok_gaps = (i..j).all(|k| {
                let gap = doc.gap(k);
                gap.chars().all(|c| matches!(c, ' ' | '-' | '\'' | '’'))
                    && !gap.is_empty()
                    && gap.len() <= 3
            });
            let ok_inner = (i + 1..j).all(|k| {
                is_capitalized(words[k]) || CONNECTORS.contains(&words[k].to_lowercase().as_str())
            });
            if !ok_gaps || !ok_inner {
                continue;
            }
            let span = text.get(toks[i].start..toks[j].end).unwrap_or("");
            if !gazetteer.lookup(span).is_empty() {
                found = Some(j);
                break;
            }
        }
        match found {
            Some(j) => {
                out.push((i, j));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Keys of matches that the document also uses inside a longer capitalized name ("Franklin
/// Elementary", "Wright County Eggs") or a disease name ("Marburg virus",
/// "Marburg hemorrhagic fever"). Prominent and big places are not collected.
fn compounds_in(g: &Gazetteer, doc: &Doc<'_>, matches: &[(usize, usize)]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for &(i, j) in matches {
        let span = doc
            .text
            .get(doc.toks[i].start..doc.toks[j].end)
            .unwrap_or("");
        let pr = prominence(g, span);
        if pr.prominent || pr.big {
            continue;
        }
        let next = doc.words.get(j + 1).copied().unwrap_or("");
        let gap_after = doc.gap(j);
        let disease = DISEASE_HEADS.contains(&next.to_lowercase().as_str());
        let inside_name = gap_after == " "
            && is_capitalized(next)
            && g.lookup(next).is_empty()
            && !CONNECTORS.contains(&next.to_lowercase().as_str())
            && !GEO_HEADS.contains(&next.to_lowercase().as_str());
        if disease || inside_name {
            out.insert(normalize(span));
        }
    }
    out
}

/// Filters for a match of tokens `i..=j`.
fn keep(g: &Gazetteer, doc: &Doc<'_>, i: usize, j: usize, span: &str) -> bool {
    let (text, toks, words) = (doc.text, &doc.toks, &doc.words);
    let Prominence { prominent, big } = prominence(g, span);
    let lower = span.to_lowercase();
    let key = normalize(span);
    let np = not_places();
    if np.adjectives.contains(&key) {
        return false;
    }
    // Currency ("US$5"), or part of a hyphenated name ("Agence France-Presse").
    let after = text.get(toks[j].end..).unwrap_or("");
    if after.starts_with('$') {
        return false;
    }
    let hyphenated = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    let hyphen_after = after.strip_prefix('-').is_some_and(hyphenated);
    let hyphen_before = i > 0 && doc.gap(i - 1) == "-" && is_capitalized(words[i - 1]);
    if !prominent && !big && (hyphen_after || hyphen_before) {
        return false;
    }
    // What follows: "Marburg virus", "Rift Valley fever" name diseases, not places.
    if let Some(next) = words.get(j + 1)
        && DISEASE_HEADS.contains(&next.to_lowercase().as_str())
    {
        return false;
    }
    let after_preposition = i > 0 && LOCATIVE.contains(&words[i - 1].to_lowercase().as_str());
    // "Buffalo, New York": a place followed by its region or country.
    let then_place = doc.gap(j) == ", "
        && words
            .get(j + 1)
            .is_some_and(|n| is_capitalized(n) && !g.lookup(n).is_empty());
    if !prominent && !big && !after_preposition && !then_place && doc.compounds.contains(&key) {
        return false;
    }
    // A name of small places only (under 5,000 people: villages, hamlets, suburbs) is
    // weak evidence: kept after a locative preposition or "from", or before ", Region".
    let from = i > 0 && words[i - 1] == "from";
    if !after_preposition && !from && !then_place && only_small_places(g, span) {
        return false;
    }
    if !prominent && !after_preposition {
        if np.people.contains(&key) || doc.persons.contains(&key) {
            return false;
        }
        // The start of a known person's name ("David Cameron", "Francois Hollande").
        let start = toks[i].start;
        for (k, tok) in toks.iter().enumerate().skip(j + 1).take(3) {
            let gap = doc.gap(k - 1);
            if gap != " " && gap != "-" {
                break;
            }
            let name = text.get(start..tok.end).unwrap_or("");
            if np.people.contains(&normalize(name)) {
                return false;
            }
        }
    }
    // "the Center", "the City": a common word after the article is no name.
    if j == i + 1 && words[i] == "the" {
        let core = words[j].to_lowercase();
        if COMMON.contains(&core.as_str()) || NEVER_ALONE.contains(&core.as_str()) {
            return false;
        }
    }
    if i == j {
        if tacitus_model::calendar::is_calendar_word(&lower)
            || NEVER_ALONE.contains(&lower.as_str())
        {
            return false;
        }
        if COMMON.contains(&lower.as_str()) && !prominent {
            return false;
        }
        let initial = sentence_initial(text, toks, i);
        if initial && !prominent && !big && contains_word(&doc.lower, &lower, text, toks, i) {
            // The word also occurs in lower case: a common word at the sentence start.
            return false;
        }
        if !prominent && !after_preposition && person_context(g, text, toks, words, i, j, big) {
            return false;
        }
    }
    true
}

/// A title or a given name before the token, or a capitalized non-place word right
/// before or after it ("David Cameron", "Mr Chester", "Washington Post").
fn person_context(
    g: &Gazetteer,
    text: &str,
    toks: &[Tok],
    words: &[&str],
    i: usize,
    j: usize,
    big: bool,
) -> bool {
    if i > 0 {
        let prev = words[i - 1].trim_end_matches('.');
        let gap = text.get(toks[i - 1].end..toks[i].start).unwrap_or(",");
        if gap == " " || gap == ". " {
            if TITLES.contains(&prev) {
                return true;
            }
            if gap == " "
                && is_capitalized(prev)
                && (not_places().given.contains(&normalize(prev))
                    || (!sentence_initial(text, toks, i - 1)
                        && g.lookup(prev).is_empty()
                        && !CONNECTORS.contains(&prev.to_lowercase().as_str())))
            {
                return true;
            }
        }
    }
    if let Some(next) = words.get(j + 1) {
        let gap = text.get(toks[j].end..toks[j + 1].start).unwrap_or(",");
        if gap == " " && is_capitalized(next) && g.lookup(next).is_empty() && !big {
            return true;
        }
    }
    false
}

/// Surnames seen in person context in the document, so that their other mentions are
/// persons too: a capitalized name after a title or a known given name ("Dr Ivins",
/// "Bruce Ivins": the last word), after "said" ("said Lennox"), or followed by an age
/// ("Campbell, 42,").
fn persons_in(text: &str, toks: &[Tok], words: &[&str]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let gap = |k: usize| text.get(toks[k].end..toks[k + 1].start).unwrap_or(",");
    for k in 1..toks.len() {
        if !is_capitalized(words[k]) {
            continue;
        }
        let g = gap(k - 1);
        let prev = words[k - 1].trim_end_matches('.');
        let after_title = (g == " " || g == ". ") && TITLES.contains(&prev);
        let after_given =
            g == " " && is_capitalized(prev) && not_places().given.contains(&normalize(prev));
        if after_title || after_given {
            // The last capitalized word of the name ("Bruce E. Ivins" -> "Ivins").
            let mut last = k;
            while last + 1 < toks.len() && is_capitalized(words[last + 1]) && gap(last) == " " {
                last += 1;
            }
            out.insert(normalize(words[last]));
        }
        let after_said = g == " " && matches!(prev, "said" | "says" | "added" | "told");
        let aged = k + 1 < toks.len()
            && gap(k) == ", "
            && words[k + 1].len() <= 3
            && words[k + 1].chars().all(|c| c.is_ascii_digit())
            && k + 2 < toks.len()
            && gap(k + 1).starts_with(',');
        let single = k + 1 >= toks.len() || !is_capitalized(words[k + 1]) || gap(k) != " ";
        if (after_said || aged) && single {
            out.insert(normalize(words[k]));
        }
    }
    out
}

/// Whether `word` (lower case) occurs in the text in lower case outside token `i`.
fn contains_word(lower_text: &str, word: &str, text: &str, toks: &[Tok], i: usize) -> bool {
    let own = toks[i].start;
    let mut from = 0;
    while let Some(p) = lower_text.get(from..).and_then(|s| s.find(word)) {
        let at = from + p;
        from = at + word.len().max(1);
        if at == own {
            continue;
        }
        let before_ok = lower_text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = lower_text
            .get(at + word.len()..)
            .and_then(|s| s.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        // Lower case in the original text, not only after lower-casing (same byte offsets
        // hold for ASCII words; other words are compared after lower-casing only).
        let original_lower = text
            .get(at..at + word.len())
            .is_some_and(|s| s.chars().next().is_some_and(char::is_lowercase));
        if before_ok && after_ok && original_lower {
            return true;
        }
    }
    false
}

/// Whether the toponym ending at token `j` is the subject of an actor verb.
fn actor_use(text: &str, toks: &[Tok], words: &[&str], j: usize) -> bool {
    let mut k = j + 1;
    // Only spaces (or a possessive-free plain gap) between the name and the verb.
    let mut steps = 0;
    while k < toks.len() && steps < 3 {
        let gap = text.get(toks[k - 1].end..toks[k].start).unwrap_or(",");
        if gap != " " {
            return false;
        }
        let w = words[k].to_lowercase();
        if ACTOR_VERBS.contains(&w.as_str()) {
            return true;
        }
        if !AUXILIARIES.contains(&w.as_str()) {
            return false;
        }
        k += 1;
        steps += 1;
    }
    false
}
