//! Cues: the verbs and phrases that introduce speech ("said", "added", "told", "warned",
//! "according to").
//!
//! A closed word class kept in code, like the grammar's function words: lemmas as the
//! grammar's lemmatizer gives them, with the inflected forms as a fallback for tokens the
//! lemmatizer left alone.

use tacitus_model::Token;

/// Lemmas of verbs that report speech or writing and take a quotation or a `that` clause.
pub const SPEECH_VERBS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "allege",
    "announce",
    "answer",
    "argue",
    "ask",
    "assert",
    "boast",
    "caution",
    "claim",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "declare",
    "deny",
    "emphasise",
    "emphasize",
    "explain",
    "insist",
    "joke",
    "maintain",
    "mock",
    "note",
    "observe",
    "predict",
    "promise",
    "quip",
    "recall",
    "reiterate",
    "remark",
    "reply",
    "report",
    "respond",
    "say",
    "shout",
    "state",
    "stress",
    "suggest",
    "tell",
    "testify",
    "tweet",
    "urge",
    "vow",
    "warn",
    "write",
    "yell",
];

/// Inflected forms of the commonest cues, for tokens whose lemma is missing or odd.
const FORMS: &[(&str, &str)] = &[
    ("added", "add"),
    ("adding", "add"),
    ("adds", "add"),
    ("asked", "ask"),
    ("asks", "ask"),
    ("continued", "continue"),
    ("noted", "note"),
    ("noting", "note"),
    ("said", "say"),
    ("saying", "say"),
    ("says", "say"),
    ("telling", "tell"),
    ("tells", "tell"),
    ("told", "tell"),
    ("tweeted", "tweet"),
    ("warned", "warn"),
    ("writes", "write"),
    ("wrote", "write"),
];

/// The cue lemma of a token when it is a speech verb, else `None`.
pub fn speech_lemma(token: &Token, text: &str) -> Option<&'static str> {
    let upos = token.upos.as_deref().unwrap_or("");
    if matches!(
        upos,
        "PUNCT" | "DET" | "ADP" | "PRON" | "PROPN" | "NUM" | "CCONJ" | "SCONJ"
    ) {
        return None;
    }
    let word = token.span.slice(text).to_lowercase();
    let lemma = token
        .lemma
        .as_deref()
        .map(str::to_lowercase)
        .unwrap_or_else(|| word.clone());
    if let Ok(i) = SPEECH_VERBS.binary_search(&lemma.as_str()) {
        // Nouns such as "report", "state", "note" and "comment" are not cues.
        if upos == "NOUN" {
            return None;
        }
        return Some(SPEECH_VERBS[i]);
    }
    FORMS
        .iter()
        .find(|(f, _)| *f == word)
        .map(|(_, l)| *l)
        .filter(|_| upos != "NOUN")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_sorted_and_unique() {
        assert!(SPEECH_VERBS.windows(2).all(|w| w[0] < w[1]));
        assert!(FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            FORMS
                .iter()
                .all(|(_, l)| SPEECH_VERBS.binary_search(l).is_ok())
        );
    }
}
