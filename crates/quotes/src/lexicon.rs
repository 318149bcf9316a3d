//! The data files of this crate: the themes taxonomy and the counted acts
//! (`data/themes/`), and the VADER tone lexicon (`data/tone/`), parsed with line-numbered
//! errors and linted (sorted by bytes, no duplicates, known values).
//!
//! The built-in files are embedded with `include_str!`; [`Lexicons::from_dir`] reads a user's
//! copy laid out like the repository's `data/`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::Error;

/// The built-in themes file.
pub const THEMES_TSV: &str = include_str!("../../../data/themes/themes.tsv");
/// The built-in acts file.
pub const ACTS_TSV: &str = include_str!("../../../data/themes/acts.tsv");
/// The built-in tone lexicon.
pub const VADER_TSV: &str = include_str!("../../../data/tone/vader.tsv");

/// How a counted noun relates to an act's lemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// The noun is the verb's object, passive subject or participle ("108 people killed").
    Patient,
    /// The noun is the verb's subject ("300 people fled").
    Agent,
    /// The noun itself names the act's people ("200 protesters").
    Noun,
}

/// One counted act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Act {
    /// The act's name (KILL, WOUND, ARREST ...).
    pub act: String,
    /// The lemma.
    pub lemma: String,
    /// How the counted noun relates to it.
    pub link: Link,
}

/// Theme phrases by first word: (theme, all the phrase's words), in file order.
pub type ThemePhrases = BTreeMap<String, Vec<(String, Vec<String>)>>;

/// The parsed data files.
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// Theme phrases: first word → (theme, all words), in file order.
    pub themes: ThemePhrases,
    /// Counted acts by lemma.
    pub acts: BTreeMap<String, Vec<Act>>,
    /// VADER valences by token.
    pub tone: BTreeMap<String, f64>,
}

fn data_err(file: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Data {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// The data lines of a file (comments and blank lines skipped), numbered from 1, checked to be
/// sorted by bytes and free of duplicates.
fn lines<'a>(file: &str, text: &'a str) -> Result<Vec<(usize, &'a str)>, Error> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((_, prev)) = out.last() {
            if *prev == line {
                return Err(data_err(file, i + 1, "duplicate line"));
            }
            if prev.as_bytes() > line.as_bytes() {
                return Err(data_err(file, i + 1, "not sorted by bytes"));
            }
        }
        out.push((i + 1, line));
    }
    Ok(out)
}

fn upper_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit())
}

/// Parses the themes file.
pub fn parse_themes(file: &str, text: &str) -> Result<ThemePhrases, Error> {
    let mut out: ThemePhrases = BTreeMap::new();
    for (n, line) in lines(file, text)? {
        let mut f = line.split('\t');
        let (Some(theme), Some(phrase), None) = (f.next(), f.next(), f.next()) else {
            return Err(data_err(file, n, "expected two tab-separated columns"));
        };
        if !upper_name(theme) {
            return Err(data_err(file, n, format!("bad theme name {theme:?}")));
        }
        let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
        if words.iter().any(|w| w.is_empty() || w.to_lowercase() != *w) {
            return Err(data_err(
                file,
                n,
                format!("phrase {phrase:?} must be lower-case words separated by one space"),
            ));
        }
        out.entry(words[0].clone())
            .or_default()
            .push((theme.to_string(), words));
    }
    Ok(out)
}

/// Parses the acts file.
pub fn parse_acts(file: &str, text: &str) -> Result<BTreeMap<String, Vec<Act>>, Error> {
    let mut out: BTreeMap<String, Vec<Act>> = BTreeMap::new();
    for (n, line) in lines(file, text)? {
        let f: Vec<&str> = line.split('\t').collect();
        let [act, lemma, link] = f[..] else {
            return Err(data_err(file, n, "expected three tab-separated columns"));
        };
        if !upper_name(act) {
            return Err(data_err(file, n, format!("bad act name {act:?}")));
        }
        if lemma.is_empty() || lemma.contains(' ') || lemma.to_lowercase() != lemma {
            return Err(data_err(file, n, format!("bad lemma {lemma:?}")));
        }
        let link = match link {
            "patient" => Link::Patient,
            "agent" => Link::Agent,
            "noun" => Link::Noun,
            other => return Err(data_err(file, n, format!("unknown link {other:?}"))),
        };
        out.entry(lemma.to_string()).or_default().push(Act {
            act: act.to_string(),
            lemma: lemma.to_string(),
            link,
        });
    }
    Ok(out)
}

/// Parses the tone lexicon.
pub fn parse_tone(file: &str, text: &str) -> Result<BTreeMap<String, f64>, Error> {
    let mut out = BTreeMap::new();
    for (n, line) in lines(file, text)? {
        let Some((token, value)) = line.split_once('\t') else {
            return Err(data_err(file, n, "expected token, tab, valence"));
        };
        let v: f64 = value
            .parse()
            .map_err(|_| data_err(file, n, format!("bad valence {value:?}")))?;
        if !(-4.0..=4.0).contains(&v) || token.is_empty() {
            return Err(data_err(file, n, format!("valence {v} out of -4..4")));
        }
        if out.insert(token.to_string(), v).is_some() {
            return Err(data_err(file, n, format!("duplicate token {token:?}")));
        }
    }
    Ok(out)
}

impl Lexicons {
    /// The built-in data files.
    pub fn builtin() -> Result<Lexicons, Error> {
        Ok(Lexicons {
            themes: parse_themes("themes/themes.tsv", THEMES_TSV)?,
            acts: parse_acts("themes/acts.tsv", ACTS_TSV)?,
            tone: parse_tone("tone/vader.tsv", VADER_TSV)?,
        })
    }

    /// The data files of a directory laid out like the repository's `data/`.
    pub fn from_dir(dir: &Path) -> Result<Lexicons, Error> {
        let read = |rel: &str| {
            std::fs::read_to_string(dir.join(rel)).map_err(|e| data_err(rel, 0, e.to_string()))
        };
        Ok(Lexicons {
            themes: parse_themes("themes/themes.tsv", &read("themes/themes.tsv")?)?,
            acts: parse_acts("themes/acts.tsv", &read("themes/acts.tsv")?)?,
            tone: parse_tone("tone/vader.tsv", &read("tone/vader.tsv")?)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses() {
        let l = Lexicons::builtin().unwrap();
        assert!(l.tone.len() > 7000);
        assert_eq!(l.tone.get("killed"), Some(&-3.5));
        assert!(l.acts["kill"].iter().any(|a| a.act == "KILL"));
        assert!(l.themes["sanction"].iter().any(|(t, _)| t == "SANCTIONS"));
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse_acts("a.tsv", "# c\nKILL\tkill\tpatient\nKILL\tdie\tagent\n").unwrap_err();
        assert_eq!(e.to_string(), "a.tsv:3: not sorted by bytes");
        let e = parse_acts("a.tsv", "KILL\tkill\tvictim\n").unwrap_err();
        assert!(e.to_string().contains("unknown link"));
        let e = parse_themes("t.tsv", "WAR\tCivil war\n").unwrap_err();
        assert!(e.to_string().starts_with("t.tsv:1:"));
        assert!(parse_tone("v.tsv", "bad\t9\n").is_err());
        assert!(parse_tone("v.tsv", "bad\tx\n").is_err());
        assert!(parse_themes("t.tsv", "A\tx\nA\tx\n").is_err());
    }
}
