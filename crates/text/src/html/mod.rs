//! HTML pages: main-text extraction, metadata, spans back into the HTML.
//! OWNER: html helper. Interface fixed; implementation to be written.

use tacitus_model::{Document, DocumentBuilder, InputFormat};

/// Reads an HTML page (already decoded) into an unsegmented document.
pub fn read_html(source: &str, html: &str) -> Document {
    let mut b = DocumentBuilder::new(source, InputFormat::Html);
    b.push_exact(html, 0);
    b.finish("")
}
