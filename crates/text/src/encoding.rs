//! Turning input bytes into UTF-8 text: BOMs, UTF-16, legacy single-byte encodings.
//!
//! OWNER: formats helper. Interface fixed; implementation to be written.

use tacitus_model::Diagnostic;

use crate::read::{ErrorKind, ReadError};

/// Text decoded from bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, UTF-8, without a BOM.
    pub text: String,
    /// The encoding it was read as (`UTF-8`, `UTF-16LE`, `windows-1252` ...).
    pub encoding: &'static str,
    /// What a user should know (a legacy encoding converted, invalid bytes replaced).
    pub diagnostics: Vec<Diagnostic>,
}

/// Why bytes could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not text.
    Binary(String),
    /// There are no bytes, or only white space.
    Empty,
}

impl DecodeError {
    /// As a [`ReadError`] for input `name`.
    pub fn into_read_error(self, name: &str) -> ReadError {
        match self {
            DecodeError::Binary(why) => ReadError::new(name, ErrorKind::Binary, why),
            DecodeError::Empty => ReadError::new(name, ErrorKind::Empty, "the input is empty"),
        }
    }
}

/// Decodes text of unknown encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        diagnostics: Vec::new(),
    })
}

/// Decodes an HTML page, honouring a `<meta charset>` in its head.
pub fn decode_html(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode(bytes)
}
