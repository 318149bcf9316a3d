//! HTML pages: main-text extraction, metadata, spans back into the HTML.
//!
//! [`read_html`] parses a page, or a fragment such as a feed item's content, with a forgiving
//! tokenizer and tree builder of our own (`lex`, `dom`: no dependency, nesting capped), finds
//! the article's body (`extract`: Readability-style content scores, class and link-density
//! filters for boilerplate), reads the page's metadata (`meta`: Open Graph and `article:*`
//! tags, JSON-LD, `<time datetime>`, `<title>`, canonical link, `<html lang>`) and builds the
//! document: the headline first, the byline if the page prints one, then the body paragraphs
//! and figure captions in page order.
//!
//! Every paragraph is made of the page's own text nodes, so the offset map points each
//! character back at the HTML it came from: verbatim runs map byte for byte, character
//! references (`&amp;`) and collapsed white space map to their raw range. A headline taken
//! from `<title>` or `og:title` maps into that element or attribute.
//!
//! Nothing here panics or recurses without bound on any input. A page with no article yields
//! a document with the `html.no-article` warning; a date in the metadata that is not ISO 8601
//! gives an `html.bad-date` note.

mod dom;
mod entities;
mod extract;
mod lex;
mod meta;

use tacitus_model::{BlockKind, Diagnostic, Document, DocumentBuilder, InputFormat, Severity};

use dom::{Dom, NodeId, NodeKind};
use extract::Block;
use lex::Piece;

/// Reads an HTML page (already decoded) into an unsegmented document.
pub fn read_html(source: &str, html: &str) -> Document {
    let mut b = DocumentBuilder::new(source, InputFormat::Html);
    let dom = Dom::parse(html);
    let page = meta::read(&dom);
    page.fill(b.meta_mut());
    let ex = extract::extract(&dom);

    let headline = find_headline(&dom, page.title.as_deref());
    match &headline {
        Some(Headline::Element(h)) => {
            b.begin_paragraph(BlockKind::Headline);
            emit_element(&mut b, &dom, *h);
            b.end_paragraph();
        }
        Some(Headline::Located(text, start, end)) => {
            b.begin_paragraph(BlockKind::Headline);
            push_located(&mut b, html, text, *start, *end);
            b.end_paragraph();
        }
        None => {}
    }
    let first_body = ex.body.first().map(|(_, b)| block_start(b));
    let last_body = ex.body.last().map(|(_, b)| block_start(b));
    let byline = find_byline(&dom, &ex.all, first_body, last_body);
    if let Some(byline) = byline {
        b.begin_paragraph(BlockKind::Byline);
        emit_block(&mut b, html, byline);
        b.end_paragraph();
        if b.meta().byline.is_none() {
            let text = meta::clean_byline(&byline.text);
            if !text.is_empty() {
                b.meta_mut().byline = Some(text);
            }
        }
    }
    // A date line standing before the body (outside the region found) comes next.
    let has_dateline = ex.body.iter().any(|(k, _)| *k == BlockKind::Dateline);
    if !has_dateline && let Some(first) = first_body {
        let from = first.saturating_sub(20_000);
        if let Some(line) = ex.all.iter().find(|blk| {
            let at = block_start(blk);
            let is_byline = byline.is_some_and(|y| block_start(y) == at);
            at >= from
                && at < first
                && !is_byline
                && !blk.chrome
                && !blk.caption
                && blk.is_dateline()
        }) {
            b.begin_paragraph(BlockKind::Dateline);
            emit_block(&mut b, html, line);
            b.end_paragraph();
        }
    }
    let title = page.title.as_deref().map(norm).unwrap_or_default();
    let headline_el = match &headline {
        Some(Headline::Element(h)) => Some(*h),
        _ => None,
    };
    for (kind, block) in &ex.body {
        // The headline and byline are paragraphs of their own already.
        let is_heading = matches!(dom.name(block.container), "h1" | "h2" | "h3");
        if (is_heading && !title.is_empty() && norm(&block.text) == title)
            || Some(block.container) == headline_el
            || byline.is_some_and(|y| y.container == block.container)
        {
            continue;
        }
        b.begin_paragraph(*kind);
        emit_block(&mut b, html, block);
        b.end_paragraph();
    }
    if ex.no_article {
        b.diagnose(Diagnostic::new(
            Severity::Warning,
            "html.no-article",
            "no article text found in the page",
        ));
    }
    for d in &page.bad_dates {
        b.diagnose(Diagnostic::new(
            Severity::Info,
            "html.bad-date",
            format!("a date in the page's metadata is not ISO 8601: {d:?}"),
        ));
    }
    b.finish("")
}

/// The text of the article body as the extractor finds it: body paragraphs joined by blank
/// lines, as the extraction benchmark scores it.
pub fn extract_body_text(html: &str) -> String {
    let doc = read_html("", html);
    let mut out = String::new();
    for p in doc.paragraphs.iter().filter(|p| p.kind == BlockKind::Body) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(doc.slice(p.span));
    }
    out
}

enum Headline {
    /// An `h1` in the page.
    Element(NodeId),
    /// Text found in `html[start..end]` (the `<title>` or a meta tag's value).
    Located(String, usize, usize),
}

fn block_start(b: &Block) -> usize {
    b.runs.first().map_or(0, |r| r.start)
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn find_headline(dom: &Dom<'_>, title: Option<&str>) -> Option<Headline> {
    let title_norm = title.map(norm).filter(|t| !t.is_empty());
    let h1s: Vec<NodeId> = dom
        .find_all("h1")
        .filter(|&h| !dom.text(h).is_empty())
        .collect();
    if let Some(t) = &title_norm {
        for &h in &h1s {
            let ht = norm(&dom.text(h));
            if !ht.is_empty() && (ht == *t || t.contains(&ht) || ht.contains(t.as_str())) {
                return Some(Headline::Element(h));
            }
        }
    }
    if title.is_none() && h1s.len() == 1 {
        return Some(Headline::Element(h1s[0]));
    }
    let title = title?;
    // The <title> element, then the og:title value, hold the text somewhere.
    if let Some(t) = dom.find("title")
        && let Some(&c) = dom.children(t).first()
        && let Some(NodeKind::Text { start, end }) = dom.nodes.get(c).map(|n| &n.kind)
        && norm(&lex::decode(dom.html, *start, *end)).contains(&norm(title))
    {
        return Some(Headline::Located(title.to_string(), *start, *end));
    }
    for m in dom.find_all("meta") {
        if let Some((vs, ve)) = dom.attr_range(m, "content")
            && dom.attr(m, "property").is_some_and(|p| p == "og:title")
        {
            return Some(Headline::Located(title.to_string(), vs, ve));
        }
    }
    None
}

/// Pushes `text` known to come from `html[start..end]`: exactly where it occurs verbatim,
/// else mapped to the whole range.
fn push_located(b: &mut DocumentBuilder, html: &str, text: &str, start: usize, end: usize) {
    let raw = html.get(start..end).unwrap_or("");
    match raw.find(text) {
        Some(at) => b.push_exact(text, start + at),
        None => b.push_mapped(text, start, end.saturating_sub(start)),
    }
}

fn find_byline<'b>(
    dom: &Dom<'_>,
    all: &'b [Block],
    first_body: Option<usize>,
    last_body: Option<usize>,
) -> Option<&'b Block> {
    let (Some(first), Some(last)) = (first_body, last_body) else {
        return None;
    };
    // Bylines stand shortly before the body or inside it.
    let from = first.saturating_sub(20_000);
    all.iter().find(|blk| {
        let at = block_start(blk);
        at >= from
            && at <= last
            && blk.len >= 4
            && blk.len <= 100
            && !blk.chrome
            && is_byline_element(dom, blk.container)
    })
}

fn is_byline_element(dom: &Dom<'_>, id: NodeId) -> bool {
    std::iter::once(id)
        .chain(dom.ancestors(id))
        .take(3)
        .any(|e| {
            let class = format!(
                "{} {}",
                dom.attr(e, "class").unwrap_or_default(),
                dom.attr(e, "id").unwrap_or_default()
            )
            .to_ascii_lowercase();
            class.contains("byline")
                || dom.attr(e, "rel").is_some_and(|r| r == "author")
                || dom.attr(e, "itemprop").is_some_and(|p| p == "author")
                || class
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == "author")
        })
}

/// Emits the text of element `id` (an `h1`) with its offsets.
fn emit_element(b: &mut DocumentBuilder, dom: &Dom<'_>, id: NodeId) {
    let mut ws = Whitespace::default();
    for n in dom.descendants(id) {
        match dom.nodes.get(n).map(|n| &n.kind) {
            Some(NodeKind::Text { start, end }) => {
                let hidden = dom
                    .ancestors(n)
                    .take_while(|&a| a != id)
                    .any(|a| matches!(dom.name(a), "script" | "style" | "noscript" | "template"));
                if !hidden {
                    emit_raw(b, dom.html, *start, *end, &mut ws);
                }
            }
            Some(NodeKind::Element { name, .. }) if name == "br" => ws.separate(),
            _ => {}
        }
    }
}

/// Emits a block's runs as one paragraph, collapsing white space.
fn emit_block(b: &mut DocumentBuilder, html: &str, block: &Block) {
    let mut ws = Whitespace::default();
    for run in &block.runs {
        if run.space_before {
            ws.separate();
        }
        emit_raw(b, html, run.start, run.end, &mut ws);
    }
}

/// White space pending between words: where it was in the raw input, if anywhere.
#[derive(Default)]
struct Whitespace {
    started: bool,
    pending: Option<(usize, usize)>,
    separator: bool,
}

impl Whitespace {
    fn separate(&mut self) {
        if self.started {
            self.separator = true;
        }
    }

    fn space(&mut self, at: usize, len: usize) {
        if self.started && self.pending.is_none() {
            self.pending = Some((at, len));
        }
    }

    /// Writes the pending space, if any, before a word.
    fn word(&mut self, b: &mut DocumentBuilder, html: &str) {
        if let Some((at, len)) = self.pending.take() {
            if html.get(at..at + len) == Some(" ") {
                b.push_exact(" ", at);
            } else {
                b.push_mapped(" ", at, len);
            }
        } else if self.separator {
            b.push_unmapped(" ");
        }
        self.separator = false;
        self.started = true;
    }
}

/// Emits the decoded text of `html[start..end]`.
fn emit_raw(b: &mut DocumentBuilder, html: &str, start: usize, end: usize, ws: &mut Whitespace) {
    lex::decode_pieces(html, start, end, |piece| match piece {
        Piece::Exact(s, at) => {
            let mut word_start: Option<usize> = None;
            let mut space: Option<usize> = None;
            for (i, c) in s.char_indices() {
                if c.is_whitespace() || is_invisible(c) {
                    if let Some(w) = word_start.take() {
                        ws.word(b, html);
                        b.push_exact(&s[w..i], at + w);
                    }
                    if c.is_whitespace() && space.is_none() {
                        space = Some(i);
                    }
                } else {
                    if let Some(sp) = space.take() {
                        ws.space(at + sp, i - sp);
                    }
                    if word_start.is_none() {
                        word_start = Some(i);
                    }
                }
            }
            if let Some(w) = word_start {
                ws.word(b, html);
                b.push_exact(&s[w..], at + w);
            }
            if let Some(sp) = space {
                ws.space(at + sp, s.len() - sp);
            }
        }
        Piece::Char(c, at, len) => {
            if c.is_whitespace() {
                ws.space(at, len);
            } else if !is_invisible(c) {
                ws.word(b, html);
                let mut buf = [0u8; 4];
                b.push_mapped(c.encode_utf8(&mut buf), at, len);
            }
        }
    });
}

/// Characters dropped from text: zero-width spaces and joiners, soft hyphens, BOMs.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_maps() {
        let html = "<p>Hello&nbsp; <b>big</b>\n world &amp; co.</p>";
        let doc = read_html("t.html", html);
        assert_eq!(doc.text, "Hello big world & co.");
        doc.validate().unwrap();
        let at = doc.text.find("world").unwrap();
        let raw = doc.offsets.to_raw(at).unwrap();
        assert!(html[raw..].starts_with("world"));
        let amp = doc.text.find('&').unwrap();
        assert!(html[doc.offsets.to_raw(amp).unwrap()..].starts_with("&amp;"));
        assert_eq!(dom::collapse(" a \n b "), "a b");
    }
}
