//! tacitus event coding: who did what to whom, when and where.
//!
//! - [`codebook`]: the CAMEO codes (name, root, QuadClass, Goldstein score) and their PLOVER
//!   type and mode, as data (`data/events/cameo.tsv`, `data/events/plover.tsv`);
//! - [`patterns`]: act patterns authored under `data/events/patterns/`, lemma frames over the
//!   dependency tree, with synonym sets, and their lint;
//! - [`coder`]: the coder, which reads a parsed document and its recognised actors and writes
//!   [`tacitus_model::Event`]s, each traced to its sentence, trigger and pattern;
//! - [`dates`]: relative and explicit dates resolved against the article's date;
//! - [`eval`]: scoring against hand-coded gold (the coding guide's JSON Lines, and PLOVER's
//!   gold records);
//! - [`gdelt`]: GDELT 2.0 Events and Mentions rows;
//! - [`manifest`]: version, source, licence and hash of every event data file.
//!
//! The coder never guesses: a sentence no pattern fits gives no event (there is no fallback
//! code), a negated act is not coded as the act, plans are 03x and threats 13x.

#![warn(missing_docs)]

pub mod codebook;
pub mod coder;
pub mod dates;
pub mod eval;
pub mod gdelt;
pub mod manifest;
pub mod patterns;

pub use codebook::Codebook;
pub use coder::Coder;
pub use patterns::PatternSet;

/// Errors of the event data (codebooks, patterns) and of gold files.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file is malformed; the message names the file and line.
    #[error("{0}")]
    Data(String),
    /// A gold file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
}
