//! Coded events: who did what to whom, when and where, each traced to its sentence.
//!
//! An [`Event`] is the record `tacitus code --format jsonl` prints, one per line, and the store
//! keeps. Its serialized form is the output contract written down in `docs/events.md`: fields
//! are added, never renamed or removed, without bumping [`crate::MODEL_VERSION`].

use serde::{Deserialize, Serialize};

/// A piece of the article's text: the words and their half-open byte span in `Document::text`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRef {
    /// The words, verbatim.
    pub text: String,
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// The sentence an event was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRef {
    /// Index of the sentence in the document (0-based).
    pub index: usize,
    /// The sentence, verbatim.
    pub text: String,
    /// Byte offset of the sentence in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// A source or target actor of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// CAMEO actor code (`GBRGOV`, `SYRMIL`, `IGOUNO`), or `None` when the words name an actor
    /// tacitus could not code.
    pub code: Option<String>,
    /// Canonical name ("William Hague"), when known.
    pub name: Option<String>,
    /// The words of the mention, verbatim.
    pub text: String,
    /// Byte offset of the mention in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// The place of an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Gazetteer name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country code.
    pub country: String,
    /// Latitude in degrees (WGS 84).
    pub lat: f64,
    /// Longitude in degrees (WGS 84).
    pub lon: f64,
    /// The words that name the place, when the place comes from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<TextRef>,
}

/// PLOVER coding of an event (as POLECAT publishes it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// Event type in upper case (`CONSULT`, `ACCUSE`, `REDUCE_RELATIONS`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Mode (`visit`, `sanctions`, ...), empty when the CAMEO code gives none.
    pub mode: String,
}

/// Whether the sentence says the act happened, or something short of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// The sentence asserts the act (past, present or perfect).
    Asserted,
    /// An announced plan or intention ("will hold talks"): coded as 03x.
    Intended,
    /// A threat or a conditional measure ("sanctions should be considered if ..."): 13x.
    Threatened,
    /// A refusal ("refused to meet"): 12x.
    Refused,
    /// A demand or appeal for the act ("urged Assad to withdraw"): 02x or 10x.
    Demanded,
}

impl Modality {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Intended => "intended",
            Modality::Threatened => "threatened",
            Modality::Refused => "refused",
            Modality::Demanded => "demanded",
        }
    }
}

/// How an event's date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateMethod {
    /// A full date in the clause ("on 28 May 2012").
    Explicit,
    /// A relative expression resolved against the publication date ("on Monday", "yesterday").
    Relative,
    /// No date in the clause: the publication date.
    Publication,
    /// No date anywhere: the date is unknown.
    Unknown,
}

impl DateMethod {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateMethod::Explicit => "explicit",
            DateMethod::Relative => "relative",
            DateMethod::Publication => "publication",
            DateMethod::Unknown => "unknown",
        }
    }
}

/// One coded event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable identifier: a hash of the document id, the sentence and trigger spans, the
    /// actors' spans and the code. The same input always gives the same id.
    pub id: String,
    /// The document id (file name without extension, or a JSON Lines article's `id`).
    pub doc: String,
    /// The date of the event (`YYYY-MM-DD`), `None` when neither the text nor the article
    /// gives one.
    pub date: Option<jiff::civil::Date>,
    /// How the date was found.
    pub date_method: DateMethod,
    /// The words that gave the date ("on Monday"), when the date comes from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<TextRef>,
    /// The sentence the event was read from.
    pub sentence: SentenceRef,
    /// Who acted; `None` when the sentence names no one.
    pub source: Option<ActorRef>,
    /// On whom; `None` when the act has no target in the sentence.
    pub target: Option<ActorRef>,
    /// Full CAMEO event code ("161", "1312").
    pub cameo: String,
    /// The CAMEO root, the code's first two digits ("16").
    pub root: String,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    pub quad_class: u8,
    /// Goldstein score of the code, -10 to +10.
    pub goldstein: f64,
    /// PLOVER type and mode.
    pub plover: Plover,
    /// The words that triggered the pattern (the verb or event noun).
    pub trigger: TextRef,
    /// Where it happened, when the clause says.
    pub location: Option<Location>,
    /// Asserted, intended, threatened, refused or demanded.
    pub modality: Modality,
    /// True when the clause negates the act ("did not attack"); such events are only kept
    /// when a pattern codes the negation itself (a refusal), never as the act.
    pub negated: bool,
    /// The pattern that coded the event (`file:line`), for provenance.
    pub pattern: String,
}
