//! Tokenization: UD/Penn-style words and punctuation as spans.
//! OWNER: segmenter helper. Interface fixed; implementation to be written.

use tacitus_model::Document;

/// Splits sentences into tokens.
#[derive(Clone, Debug, Default)]
pub struct Tokenizer {}

impl Tokenizer {
    /// Fills the tokens of every sentence of `doc`.
    pub fn tokenize(&self, doc: &mut Document) {
        let _ = doc;
    }
}
