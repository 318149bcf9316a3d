//! Quotations and the facts of an article.
//!
//! This crate reads a parsed [`Document`] (the grammar has filled tags, lemmas and dependency
//! trees) and the actors of that document ([`DocumentActors`], from
//! `tacitus_annotate::actors::Recognizer`), and says:
//!
//! - [`quotes`]: where the article quotes someone: direct quotations in straight or curly
//!   marks (nested marks kept inside), quotations running over several paragraphs with the
//!   journalistic continuation mark, partial quotations inside a sentence, colon-introduced
//!   quotations, pull-quote captions ("Hague: \"...\""), and indirect speech governed by a
//!   speech verb;
//! - [`speakers`]: who said it: the speaker span and cue of each quotation, resolved to a
//!   name, a CAMEO actor code and a role through the actor mentions, "he added" and "the
//!   spokesman said" back to the right person or office, and no speaker at all when none can
//!   be determined;
//! - [`facts`]: the article's people, organisations and places (de-duplicated), its counts
//!   ("three Syrian diplomats" expelled), its themes from the taxonomy under `data/themes/`
//!   and its tone from the VADER lexicon under `data/tone/`;
//! - [`gkg`]: one GDELT Global Knowledge Graph 2.1 row per article;
//! - [`eval`]: the PolNeAR evaluation of content spans and speakers.
//!
//! Everything here is pure and deterministic: no IO except in [`eval`], which reads the
//! PolNeAR folder, no clocks, no hash-map iteration in output paths. Bad input never panics:
//! a document without parses simply yields fewer quotations.
//!
//! [`Document`]: tacitus_model::Document
//! [`DocumentActors`]: tacitus_annotate::actors::DocumentActors

#![warn(missing_docs)]

pub mod cues;
pub mod eval;
pub mod facts;
pub mod gkg;
pub mod lexicon;
pub mod marks;
pub mod quotes;
pub mod speakers;

pub use facts::{FactFinder, Facts};
pub use quotes::{Attribution, Quotation, QuoteKind, Speaker, find_quotations};

/// An error of this crate: a data file that does not parse, or a gold folder that cannot be
/// read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line of an embedded or user data file is malformed.
    #[error("{file}:{line}: {message}")]
    Data {
        /// The file, relative to `data/`.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Gold data could not be read.
    #[error("{path}: {message}")]
    Gold {
        /// The file or folder.
        path: String,
        /// What went wrong.
        message: String,
    },
}
