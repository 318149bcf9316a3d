//! Errors of loading a grammar model.

/// Why a grammar model could not be loaded. Loading never panics: a stale, foreign, truncated
/// or corrupt file gives one of these.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GrammarError {
    /// The bytes do not start with the grammar model's magic bytes.
    #[error(
        "not a tacitus grammar model (bad magic bytes); expected a file written by `tacitus train grammar`"
    )]
    BadMagic,
    /// The model was written in another format version.
    #[error(
        "grammar model format version {found} cannot be read by this build (it reads version {expected}); retrain with `tacitus train grammar`"
    )]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The model was trained with another feature configuration.
    #[error(
        "grammar model was trained with another feature configuration (hash {found:016x}, this build uses {expected:016x}); it is stale: retrain with `tacitus train grammar`"
    )]
    Config {
        /// Hash in the file.
        found: u64,
        /// Hash of this build's configuration.
        expected: u64,
    },
    /// The file is truncated or damaged.
    #[error("grammar model is corrupt: {0}")]
    Corrupt(String),
    /// The file could not be read.
    #[error("cannot read grammar model {path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// What went wrong.
        message: String,
    },
}
