//! What the store keeps of each document besides its text: the [`Analysis`] an [`Analyzer`]
//! derives from it, and the versions of the run that derived it.
//!
//! The store does not know how an analysis is made: the binary implements [`Analyzer`]
//! (grammar, actor recognizer, event coder, quotation extractor) and the store persists what it
//! returns. `tacitus recode` asks the analyzer again for every stored text.

use serde::{Deserialize, Serialize};
use tacitus_model::{Document, Event};

/// An entity mention as the actor recognizer finds it (the fields of
/// `tacitus_annotate::actors::Mention`, as plain values).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRow {
    /// Entity type (`person`, `organization`, `group`, `place` ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// The words of the mention, verbatim.
    pub text: String,
    /// Byte offset in the document text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Index of the sentence in the document.
    pub sentence: usize,
    /// Canonical name, when known.
    pub name: Option<String>,
    /// CAMEO actor code, when resolved.
    pub code: Option<String>,
    /// How the mention was found and resolved (`dictionary`, `grammar` ...).
    pub method: String,
    /// For places, the gazetteer resolution as JSON (name, country, coordinates).
    pub place: Option<serde_json::Value>,
}

/// The speaker of a quotation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRow {
    /// The words that name the speaker, verbatim.
    pub text: String,
    /// Canonical name, when known.
    pub name: Option<String>,
    /// CAMEO actor code, when resolved.
    pub code: Option<String>,
    /// Byte offset of the words in the document text.
    pub start: usize,
    /// Byte offset one past their end.
    pub end: usize,
}

/// A quotation: what someone said, directly or reported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotationRow {
    /// The quoted or reported content, verbatim.
    pub text: String,
    /// Byte offset of the content in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// True for a direct (verbatim, in quotation marks) quotation.
    pub direct: bool,
    /// Who said it, when the text says.
    pub speaker: Option<SpeakerRow>,
    /// The verb or phrase that introduces it ("said", "according to").
    pub cue: Option<String>,
}

/// Everything derived from one document's text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Entity mentions (actors and places).
    pub mentions: Vec<MentionRow>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Quotations.
    pub quotations: Vec<QuotationRow>,
    /// Facts about the article as a whole (its country, its day ...), as one JSON value.
    pub facts: serde_json::Value,
}

/// The versions of everything that produced a record: a coding run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RunVersions {
    /// The `tacitus` binary's version.
    pub binary: String,
    /// `tacitus_model::MODEL_VERSION`, the meaning of the records.
    pub model: String,
    /// The grammar model (format version and feature hash).
    pub grammar: String,
    /// The actor dictionaries and gazetteer (a hash of their manifests).
    pub dictionaries: String,
    /// The event coder and quotation extractor (patterns), empty while there is none.
    pub coder: String,
}

/// Derives an [`Analysis`] from a read document. Shared by the ingest workers, hence `Sync`.
pub trait Analyzer: Sync {
    /// Analyzes one document (it may enrich the document: tags, parses). Never fails on
    /// content: problems become diagnostics on the document.
    fn analyze(&self, doc: &mut Document) -> Analysis;
    /// The versions this analyzer runs with.
    fn versions(&self) -> RunVersions;
}
