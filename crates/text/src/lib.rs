//! Reading news: every input format our users hold articles in, main-text extraction from HTML,
//! publication dates, sentences and tokens.
//!
//! The entry point is [`read::Reader`]: given paths (files, directories, globs) or stdin it
//! detects each input's format by content and extension, decodes it, and yields
//! [`tacitus_model::Document`]s with paragraphs, sentences and tokens, or a [`read::ReadError`]
//! naming the input and the line or record that failed. One bad document never stops the
//! others. Everything below the reader is pure: format modules turn bytes into documents,
//! [`sentences`] and [`tokens`] lay spans over the text.
//!
//! This crate never panics on content and does no network IO.

#![warn(missing_docs)]

pub mod dates;
pub mod encoding;
pub mod eval;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod news;
pub mod read;
pub mod sentences;
pub mod tokens;
pub mod warc;

pub use read::{ReadError, ReadOptions, Reader};

/// Lays sentences and tokens over a document whose paragraphs are set: the last step of every
/// reader. Headlines, datelines, bylines and captions are units of their own; body paragraphs
/// are split by the [`sentences::Segmenter`] (quotations running over paragraphs included).
pub fn segment(doc: &mut tacitus_model::Document) {
    let segmenter = sentences::Segmenter::default();
    segmenter.segment(doc);
    tokens::Tokenizer::default().tokenize(doc);
}
