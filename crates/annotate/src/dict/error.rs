//! Errors of the dictionary module: a `LintError` points at a file and line; a `DictError`
//! is what loading returns when dictionaries cannot be used.

use std::fmt;
use std::path::PathBuf;

/// A problem found in a dictionary file, as `file:line: message` (line 0: the whole file).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LintError {
    /// Path of the file relative to the data directory (`actors/people.tsv`).
    pub file: String,
    /// 1-based line number, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong, and where useful how to fix it.
    pub message: String,
}

impl LintError {
    /// A new error.
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> LintError {
        LintError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for LintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LintError {}

/// Why dictionaries could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A required file is missing from the data set.
    #[error("missing dictionary file {0}")]
    Missing(String),
    /// A file does not parse (the first problems found, each `file:line: message`).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Parse(Vec<LintError>),
}
