//! Dictionary matching over tokens: every form of the actor dictionaries, normalized, in one
//! Aho-Corasick automaton built once; matches must start and end on token boundaries.
//!
//! Normalization ([`norm_token`]) folds case and Latin diacritics ([`crate::dict::fold`]),
//! drops full stops ("U.S." = "US"), reads hyphens as spaces ("Ki-moon" = "Ki moon" =
//! "Ki - moon") and strips a possessive `'s` ("Syria's"). Case is then checked against the
//! form: acronyms ("WHO", "IS", "PA") must match exactly, names must be capitalised.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::dict::{AgentKind, Dictionaries, FormKind, fold};

/// What a dictionary form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    /// A contextual form (`contextual.tsv`), index into `Dictionaries::contextual`.
    Contextual(usize),
    /// An organisation form: organisation index.
    Org(usize),
    /// A country form (`countries.tsv`), index into `Dictionaries::countries`.
    Country(usize),
    /// A person name: person index.
    Person(usize),
    /// An agent (`agents.tsv`), index into `Dictionaries::agents`.
    Agent(usize),
}

/// One dictionary form under a normalized key.
#[derive(Debug, Clone)]
pub struct Form {
    /// What it names.
    pub entry: Entry,
    /// The form as written in the dictionary.
    pub text: String,
}

/// The automaton over all dictionary forms.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    forms: Vec<Vec<Form>>,
}

/// A match on token boundaries: tokens `start..end` of a sentence, with the forms that match
/// the text there (case checked).
#[derive(Debug, Clone)]
pub struct TokenMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The matching forms.
    pub forms: Vec<Form>,
}

/// Normalizes one token (or one word of a form) for matching.
pub fn norm_token(s: &str) -> String {
    let mut s = s;
    for suffix in ["'s", "’s"] {
        if s.len() > suffix.len() + 1 && s.ends_with(suffix) {
            s = &s[..s.len() - suffix.len()];
        }
    }
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            '.' => {}
            '-' | '‐' | '‑' | '–' | '—' | '/' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalizes a whole multi-word form.
pub fn norm_form(s: &str) -> String {
    s.split_whitespace()
        .map(norm_token)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True for a form written as an acronym: no lower-case letter, at least two upper-case
/// letters, short ("UN", "U.S.", "ICC", "WHO").
pub fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !form.contains(' ')
        && (letters.len() >= 2 || form.len() <= 2)
}

fn strip_dots(s: &str) -> String {
    s.chars().filter(|&c| c != '.' && c != '’').collect()
}

impl Matcher {
    /// Builds the automaton over every form of `dict`.
    pub fn new(dict: &Dictionaries) -> Matcher {
        let mut keys: std::collections::BTreeMap<String, Vec<Form>> = Default::default();
        let mut add = |text: &str, entry: Entry| {
            let key = norm_form(text);
            if key.is_empty() {
                return;
            }
            keys.entry(key).or_default().push(Form {
                entry,
                text: text.to_string(),
            });
        };
        for (i, r) in dict.contextual.iter().enumerate() {
            add(&r.form, Entry::Contextual(i));
        }
        for (i, o) in dict.organizations.iter().enumerate() {
            for f in &o.forms {
                add(f, Entry::Org(i));
            }
        }
        for (i, c) in dict.countries.iter().enumerate() {
            add(&c.form, Entry::Country(i));
        }
        for (i, p) in dict.people.iter().enumerate() {
            for n in &p.names {
                add(n, Entry::Person(i));
            }
        }
        for (i, a) in dict.agents.iter().enumerate() {
            add(&a.form, Entry::Agent(i));
        }
        let mut patterns = Vec::with_capacity(keys.len());
        let mut forms = Vec::with_capacity(keys.len());
        for (k, mut v) in keys {
            v.sort_by(|a, b| a.entry.cmp(&b.entry).then_with(|| a.text.cmp(&b.text)));
            v.dedup_by(|a, b| a.entry == b.entry && a.text == b.text);
            patterns.push(k);
            forms.push(v);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Matcher { automaton, forms }
    }

    /// All matches of dictionary forms over the tokens `words` of one sentence (token texts),
    /// case checked. Overlapping matches are all returned; the caller picks.
    pub fn find(&self, dict: &Dictionaries, words: &[&str]) -> Vec<TokenMatch> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut buf = String::new();
        let mut starts: Vec<Option<usize>> = Vec::new();
        let mut ends: Vec<Option<usize>> = Vec::new();
        let mut bounds = Vec::with_capacity(words.len());
        for w in words {
            let n = norm_token(w);
            if n.is_empty() {
                bounds.push(None);
                continue;
            }
            if !buf.is_empty() {
                buf.push(' ');
            }
            let s = buf.len();
            buf.push_str(&n);
            bounds.push(Some((s, buf.len())));
        }
        starts.resize(buf.len() + 1, None);
        ends.resize(buf.len() + 1, None);
        for (i, b) in bounds.iter().enumerate() {
            if let Some((s, e)) = *b {
                if starts[s].is_none() {
                    starts[s] = Some(i);
                }
                ends[e] = Some(i + 1);
            }
        }
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(&buf) {
            let (Some(Some(ts)), Some(Some(te))) = (starts.get(m.start()), ends.get(m.end()))
            else {
                continue;
            };
            let (ts, te) = (*ts, *te);
            if ts >= te {
                continue;
            }
            let surface: String = words[ts..te].concat();
            let first_upper = words[ts]
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase);
            let forms: Vec<Form> = self.forms[m.pattern().as_usize()]
                .iter()
                .filter(|f| case_ok(dict, f, &surface, first_upper))
                .cloned()
                .collect();
            if !forms.is_empty() {
                out.push(TokenMatch {
                    start: ts,
                    end: te,
                    forms,
                });
            }
        }
        out
    }
}

/// Whether the surface text (tokens concatenated) may be read as the form.
fn case_ok(dict: &Dictionaries, form: &Form, surface: &str, first_upper: bool) -> bool {
    if is_acronym(&form.text) {
        let mut s = strip_dots(surface);
        for suffix in ["'s", "'S"] {
            if s.len() > suffix.len() && s.ends_with(suffix) {
                s.truncate(s.len() - suffix.len());
            }
        }
        return s == strip_dots(&form.text).replace(['-', ' '], "")
            || s.replace('-', "") == strip_dots(&form.text).replace('-', "");
    }
    let form_upper = form
        .text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    match form.entry {
        Entry::Agent(i) => match dict.agents.get(i).map(|a| a.kind) {
            // Titles are written both ways ("UN secretary-general"); role nouns too.
            Some(AgentKind::Title) | Some(AgentKind::Noun) | Some(AgentKind::Adjective) => true,
            None => false,
        },
        Entry::Country(i) => {
            let metonym = dict
                .countries
                .get(i)
                .is_some_and(|c| c.kind == FormKind::Metonym);
            // "the Pentagon" is listed with its article: the article may be lower case.
            first_upper || !form_upper || (metonym && form.text.starts_with("the "))
        }
        _ => {
            first_upper
                || !form_upper
                || (form.text.starts_with("the ") && surface.len() > 3)
                || form.text.starts_with("al-")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        assert_eq!(norm_token("U.S."), "us");
        assert_eq!(norm_token("Syria's"), "syria");
        assert_eq!(norm_form("Ban Ki-moon"), "ban ki moon");
        assert_eq!(norm_token("François"), "francois");
        assert_eq!(norm_token("-"), "");
        assert!(is_acronym("WHO"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("Syria"));
    }
}
