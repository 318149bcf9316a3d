//! Plain news text: headline, dateline, byline, pull-quote captions and body paragraphs.
//!
//! The shape is the one news sites, wire feeds and copy-paste give: paragraphs separated by
//! blank lines; at the top, in any order, a headline, a dateline
//! (`31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST`) and a byline (`By Jane Smith`);
//! within the story, pull quotes and picture captions set apart from the running text
//! (`Cameron: "We will not abandon Syrian people"`, `Photo: ...`). Lines inside a paragraph are
//! joined with a space (hard-wrapped text). The text is otherwise copied verbatim, so the
//! offset map is exact but for those joins.

use tacitus_model::{BlockKind, Document, DocumentBuilder, InputFormat};

use crate::dates;

/// The longest line taken for a headline, dateline, byline or caption, in bytes.
const MAX_SHORT_LINE: usize = 300;

/// A run of non-blank lines.
struct Block<'a> {
    /// The lines with their byte offsets, trailing white space (and `\r`) removed.
    lines: Vec<(usize, &'a str)>,
}

impl Block<'_> {
    fn single_line(&self) -> Option<&str> {
        match self.lines.as_slice() {
            [(_, l)] => Some(l.trim()),
            _ => None,
        }
    }
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let mut cur: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() {
            if !cur.is_empty() {
                out.push(Block {
                    lines: std::mem::take(&mut cur),
                });
            }
            continue;
        }
        cur.push((start, content));
    }
    if !cur.is_empty() {
        out.push(Block { lines: cur });
    }
    out
}

/// Reads plain news text (already decoded to UTF-8) into an unsegmented document.
pub fn read_text(source: &str, text: &str) -> Document {
    let blocks = blocks(text);
    let mut b = DocumentBuilder::new(source, InputFormat::Text);
    let mut in_header = true;
    let mut header_blocks = 0;
    for (i, block) in blocks.iter().enumerate() {
        let single = block.single_line();
        let mut kind = BlockKind::Body;
        if let Some(line) = single.filter(|l| l.len() <= MAX_SHORT_LINE) {
            if in_header && header_blocks < 4 {
                if let Some(d) = dates::parse_dateline(line) {
                    kind = BlockKind::Dateline;
                    let meta = b.meta_mut();
                    if meta.published.is_none() {
                        meta.published = d.published;
                    }
                    if meta.updated.is_none() {
                        meta.updated = d.updated;
                    }
                } else if let Some(name) = byline(line) {
                    kind = BlockKind::Byline;
                    b.meta_mut().byline.get_or_insert_with(|| name.to_string());
                } else if b.meta().title.is_none() && is_headline(line) && i + 1 < blocks.len() {
                    kind = BlockKind::Headline;
                    b.meta_mut().title = Some(line.to_string());
                }
            }
            if kind == BlockKind::Body && is_caption(line) {
                kind = BlockKind::Caption;
            }
        }
        if kind == BlockKind::Body {
            in_header = false;
        } else if in_header {
            header_blocks += 1;
        }
        b.begin_paragraph(kind);
        for (j, &(start, line)) in block.lines.iter().enumerate() {
            if j > 0 {
                // The line break of a hard-wrapped paragraph reads as a space.
                let prev_end = block.lines[j - 1].0 + block.lines[j - 1].1.len();
                b.push_mapped(" ", prev_end, start - prev_end);
            }
            let lead = line.len() - line.trim_start().len();
            if j == 0 || lead == 0 {
                b.push_exact(&line[lead..], start + lead);
            } else {
                b.push_exact(line.trim_start(), start + lead);
            }
        }
    }
    b.finish("")
}

/// The name in a byline (`By Jane Smith`, `By Jane Smith and John Doe, Reuters`).
fn byline(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?
        .trim();
    let words = rest.split_whitespace().count();
    let starts_upper = rest.chars().next().is_some_and(char::is_uppercase);
    (starts_upper && (1..=12).contains(&words) && !rest.ends_with(['.', '!', '?'])).then_some(rest)
}

/// A headline: one short line that does not read as a finished sentence of a story.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=40).contains(&words)
        && line.chars().next().is_some_and(|c| !c.is_lowercase())
        && !line.ends_with([':', ','])
        && !(line.ends_with('.') && words > 25)
}

/// A pull quote (`Name: "quoted words"`) or a picture caption (`Photo: ...`).
fn is_caption(line: &str) -> bool {
    const LABELS: [&str; 8] = [
        "Photo:",
        "Picture:",
        "Pictured:",
        "Image:",
        "Caption:",
        "Video:",
        "Watch:",
        "Photograph:",
    ];
    if LABELS.iter().any(|l| line.starts_with(l)) {
        return true;
    }
    let Some((who, said)) = line.split_once(':') else {
        return false;
    };
    let said = said.trim();
    let quoted = said.starts_with(['"', '“', '‘', '\''])
        && said.ends_with(['"', '”', '’', '\''])
        && said.chars().count() >= 3;
    let words: Vec<&str> = who.split_whitespace().collect();
    let a_name = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(*w, "al" | "bin" | "de" | "van" | "von" | "of")
        });
    quoted && a_name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(&'static str, &str)> {
        doc.paragraphs
            .iter()
            .map(|p| (p.kind.as_str(), doc.slice(p.span)))
            .collect()
    }

    #[test]
    fn header_captions_and_wrapped_lines() {
        let text = "31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST\r\n\r\n\
                    Talks Stall In Geneva\r\n\r\nBy Jane Smith\r\n\r\n\
                    The envoy said talks had stalled.\r\nHe left early.\r\n\r\n\r\n\
                    Smith: \"We are not done\"\r\n\r\nThe spokesman said: \"Enough.\"\r\n";
        let doc = read_text("x.txt", text);
        assert_eq!(
            kinds(&doc),
            vec![
                (
                    "dateline",
                    "31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST"
                ),
                ("headline", "Talks Stall In Geneva"),
                ("byline", "By Jane Smith"),
                ("body", "The envoy said talks had stalled. He left early."),
                ("caption", "Smith: \"We are not done\""),
                ("body", "The spokesman said: \"Enough.\""),
            ]
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Talks Stall In Geneva"));
        assert_eq!(doc.meta.byline.as_deref(), Some("Jane Smith"));
        assert_eq!(
            doc.meta.published.as_ref().map(|i| i.rfc3339()).as_deref(),
            Some("2012-05-31T19:23:00Z")
        );
        doc.validate().unwrap();
        // Offsets map each paragraph's start back to the raw text.
        for p in &doc.paragraphs {
            let raw = doc.offsets.to_raw(p.span.start).unwrap();
            assert_eq!(
                &text[raw..raw + 5],
                &doc.text[p.span.start..p.span.start + 5]
            );
        }
    }

    #[test]
    fn a_single_paragraph_is_body() {
        let doc = read_text("x", "Just one line of text");
        assert_eq!(kinds(&doc), vec![("body", "Just one line of text")]);
        assert!(doc.meta.title.is_none());
    }
}
