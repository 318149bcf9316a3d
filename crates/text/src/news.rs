//! Plain news text: headline, dateline, byline, pull-quote captions and body paragraphs.
//! OWNER: lead. Being written.

use tacitus_model::{BlockKind, Document, DocumentBuilder, InputFormat};

/// Reads plain news text (already decoded) into an unsegmented document.
pub fn read_text(source: &str, text: &str) -> Document {
    let mut b = DocumentBuilder::new(source, InputFormat::Text);
    let mut pos = 0;
    for para in text.split("\n\n") {
        b.begin_paragraph(BlockKind::Body);
        b.push_exact(para, pos);
        pos += para.len() + 2;
    }
    b.finish("")
}
