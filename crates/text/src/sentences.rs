//! Sentence segmentation for news text.
//! OWNER: segmenter helper. Interface fixed; implementation to be written.

use tacitus_model::{Document, Sentence};

/// Splits paragraphs into sentences.
#[derive(Clone, Debug, Default)]
pub struct Segmenter {}

impl Segmenter {
    /// Fills `doc.sentences` from `doc.paragraphs`.
    pub fn segment(&self, doc: &mut Document) {
        doc.sentences = doc
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Sentence {
                span: p.span,
                kind: p.kind,
                paragraph: i,
                tokens: Vec::new(),
            })
            .collect();
    }
}
