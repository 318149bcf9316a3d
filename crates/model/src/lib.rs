//! The tacitus document model.
//!
//! A [`Document`] is what every stage of tacitus reads and enriches: the normalized article text,
//! its [`Metadata`], the [`Paragraph`]s, [`Sentence`]s and [`Token`]s laid over that text as
//! half-open byte [`Span`]s, an [`OffsetMap`] from the text back to the raw input (so a
//! highlighter can mark the HTML a sentence came from), and the [`Diagnostic`]s raised on the way.
//!
//! This crate does no IO and never fails on content: it only holds data and checks its own
//! invariants ([`Document::validate`]). Readers in `tacitus-text` build documents with
//! [`DocumentBuilder`]; later stages add annotations.
//!
//! Invariants:
//! - every span is `start <= end <= text.len()` and lies on UTF-8 character boundaries;
//! - paragraphs do not overlap and are in text order; so are sentences, and each sentence lies in
//!   the paragraph it names; tokens lie inside their sentence, in order, without overlap;
//! - the offset map is sorted by text offset and its segments do not overlap.

#![warn(missing_docs)]

mod builder;
pub mod calendar;
pub mod conllu;
mod document;
pub mod event;
mod offsets;
pub mod score;
mod time;

pub use builder::DocumentBuilder;
pub use document::{
    BlockKind, Diagnostic, Document, InputFormat, Metadata, Paragraph, Sentence, Severity, Span,
    Token,
};
pub use event::Event;
pub use offsets::{OffsetMap, OffsetSegment};
pub use time::Instant;

/// The version of the serialized document model. Bumped when a field changes meaning.
pub const MODEL_VERSION: u32 = 1;
