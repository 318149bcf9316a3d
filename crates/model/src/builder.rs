//! Building a document paragraph by paragraph, keeping the offset map as text is added.

use crate::{BlockKind, Diagnostic, Document, InputFormat, Metadata, Paragraph, Span};

/// Builds a [`Document`]'s text, paragraphs and offset map.
///
/// Readers open a paragraph, push its pieces of text with the raw range each came from, and
/// close it; the builder puts a blank line between paragraphs and drops paragraphs that end up
/// empty or all white space. Sentences and tokens are added later by the segmenter.
#[derive(Debug)]
pub struct DocumentBuilder {
    doc: Document,
    open: Option<(BlockKind, usize)>,
}

impl DocumentBuilder {
    /// A builder for a document read from `source` in `format`.
    pub fn new(source: impl Into<String>, format: InputFormat) -> DocumentBuilder {
        DocumentBuilder {
            doc: Document {
                meta: Metadata {
                    source: source.into(),
                    format,
                    ..Metadata::default()
                },
                ..Document::default()
            },
            open: None,
        }
    }

    /// The metadata, to fill in.
    pub fn meta_mut(&mut self) -> &mut Metadata {
        &mut self.doc.meta
    }

    /// The metadata so far.
    pub fn meta(&self) -> &Metadata {
        &self.doc.meta
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.doc.text
    }

    /// Adds a diagnostic.
    pub fn diagnose(&mut self, diagnostic: Diagnostic) {
        self.doc.diagnostics.push(diagnostic);
    }

    /// Opens a paragraph of `kind`, closing any open one.
    pub fn begin_paragraph(&mut self, kind: BlockKind) {
        self.end_paragraph();
        if !self.doc.text.is_empty() {
            self.doc.text.push_str("\n\n");
        }
        self.open = Some((kind, self.doc.text.len()));
    }

    /// Appends `text` copied verbatim from `raw_start..raw_start + text.len()` of the raw input.
    pub fn push_exact(&mut self, text: &str, raw_start: usize) {
        self.push_mapped(text, raw_start, text.len());
    }

    /// Appends `text` derived from `raw_len` raw bytes at `raw_start` (an entity, a transcoded
    /// run, collapsed white space).
    pub fn push_mapped(&mut self, text: &str, raw_start: usize, raw_len: usize) {
        self.ensure_open();
        let at = self.doc.text.len();
        self.doc.text.push_str(text);
        self.doc.offsets.push(at, text.len(), raw_start, raw_len);
    }

    /// Appends text with no counterpart in the raw input (a separator the reader chose).
    pub fn push_unmapped(&mut self, text: &str) {
        self.ensure_open();
        self.doc.text.push_str(text);
    }

    fn ensure_open(&mut self) {
        if self.open.is_none() {
            self.begin_paragraph(BlockKind::Body);
        }
    }

    /// Closes the open paragraph, if any. White space at its ends is left out of its span; an
    /// empty paragraph is removed with its separator.
    pub fn end_paragraph(&mut self) {
        let Some((kind, start)) = self.open.take() else {
            return;
        };
        let body = &self.doc.text[start..];
        let lead = body.len() - body.trim_start().len();
        let trail = body.len() - body.trim_end().len();
        if lead == body.len() {
            // Nothing but white space: undo the paragraph and its separator.
            let cut = start.saturating_sub(if start >= 2 { 2 } else { 0 });
            self.truncate(cut);
            return;
        }
        let span = Span::new(start + lead, self.doc.text.len() - trail);
        // Drop trailing white space from the text itself so paragraphs end cleanly.
        let keep = span.end;
        self.truncate(keep);
        self.doc.paragraphs.push(Paragraph { span, kind });
    }

    fn truncate(&mut self, len: usize) {
        self.doc.text.truncate(len);
        let segs = &mut self.doc.offsets.segments;
        while let Some(last) = segs.last_mut() {
            if last.text_start >= len {
                segs.pop();
            } else {
                if last.text_start + last.len > len {
                    let cut = len - last.text_start;
                    if last.exact() {
                        last.raw_len = cut;
                    }
                    last.len = cut;
                }
                break;
            }
        }
    }

    /// The number of paragraphs closed so far.
    pub fn paragraph_count(&self) -> usize {
        self.doc.paragraphs.len()
    }

    /// Closes the last paragraph and returns the document under `id`, with no sentences yet.
    pub fn finish(mut self, id: impl Into<String>) -> Document {
        self.end_paragraph();
        self.doc.id = id.into();
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_offsets() {
        let raw = "<p>Hello &amp; bye</p><p>  </p><p>Two</p>";
        let mut b = DocumentBuilder::new("x.html", InputFormat::Html);
        b.begin_paragraph(BlockKind::Headline);
        b.push_exact("Hello ", 3);
        b.push_mapped("&", 9, 5);
        b.push_exact(" bye", 14);
        b.begin_paragraph(BlockKind::Body);
        b.push_exact("  ", 25);
        b.begin_paragraph(BlockKind::Body);
        b.push_exact("Two ", 34);
        let doc = b.finish("x");
        assert_eq!(doc.text, "Hello & bye\n\nTwo");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.slice(doc.paragraphs[1].span), "Two");
        assert_eq!(doc.offsets.to_raw(6), Some(9));
        assert!(
            raw[9..].starts_with("&amp;"),
            "the entity maps to its raw run"
        );
        assert!(raw[34..].starts_with("Two"));
        assert_eq!(doc.offsets.to_raw(13), Some(34));
        assert_eq!(doc.offsets.to_raw(16), None);
        doc.validate().unwrap();
    }
}
