//! Quotation marks: where quoted text opens and closes.
//!
//! A scan over the paragraphs of a document (datelines and bylines skipped) that pairs
//! opening and closing marks: straight `"`, curly `“ ”`, low `„` and guillemets `« »`. Marks
//! of another style inside a quotation are nested quotations and stay inside it (a straight
//! quotation holding a curly one, or curly inside curly). Single marks are never treated as
//! quotation marks: they are apostrophes far more often than quotes in news text.
//!
//! A quotation left open at the end of a paragraph continues when the next paragraph opens
//! with a mark (the journalistic convention for a quotation over several paragraphs);
//! otherwise it is closed at the end of its paragraph and marked as unclosed.

use tacitus_model::{BlockKind, Document, Span};

/// One quoted stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just past the closing mark (or the end of the last paragraph when unclosed).
    pub close_end: usize,
    /// The text between the marks, white space trimmed.
    pub content: Span,
    /// Index (in `doc.paragraphs`) of the paragraph where it opens.
    pub first_paragraph: usize,
    /// Index of the paragraph where it closes.
    pub last_paragraph: usize,
    /// False when no closing mark was found.
    pub closed: bool,
}

fn is_open(c: char) -> bool {
    matches!(c, '"' | '“' | '„' | '«')
}

struct Open {
    open: usize,
    content_start: usize,
    mark: char,
    depth: u32,
    first_paragraph: usize,
    last_paragraph: usize,
    last_end: usize,
    /// A closing mark met while nested: where to close if the outer mark never closes.
    fallback: Option<(usize, usize, usize)>,
}

fn trimmed(text: &str, start: usize, end: usize) -> Span {
    let s = text.get(start..end).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return Span::new(start, start);
    }
    Span::new(start + lead, end - trail)
}

fn finish(text: &str, o: &Open, content_end: usize, close_end: usize, closed: bool) -> Quoted {
    Quoted {
        open: o.open,
        close_end,
        content: trimmed(text, o.content_start, content_end),
        first_paragraph: o.first_paragraph,
        last_paragraph: o.last_paragraph,
        closed,
    }
}

/// Every quoted stretch of the document, in text order; empty quotations are dropped.
pub fn scan(doc: &Document) -> Vec<Quoted> {
    let text = doc.text.as_str();
    let mut out: Vec<Quoted> = Vec::new();
    let mut cur: Option<Open> = None;
    let mut prev_kind: Option<BlockKind> = None;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if matches!(p.kind, BlockKind::Dateline | BlockKind::Byline) {
            continue;
        }
        let Some(ptext) = text.get(p.span.start..p.span.end) else {
            continue;
        };
        let mut from = 0;
        if let Some(o) = cur.take() {
            let lead = ptext.len() - ptext.trim_start().len();
            let first = ptext[lead..].chars().next();
            if first.is_some_and(is_open) && prev_kind == Some(p.kind) {
                // Continuation: the quotation goes on in this paragraph.
                let c = first.unwrap_or('"');
                from = lead + c.len_utf8();
                cur = Some(Open {
                    mark: c,
                    depth: 0,
                    last_paragraph: pi,
                    ..o
                });
            } else {
                out.push(match o.fallback {
                    Some((end, close_end, para)) => Quoted {
                        last_paragraph: para,
                        ..finish(text, &o, end, close_end, true)
                    },
                    None => finish(text, &o, o.last_end, o.last_end, false),
                });
            }
        }
        for (i, ch) in ptext[from..].char_indices() {
            let pos = p.span.start + from + i;
            let after = pos + ch.len_utf8();
            // A mark of the other style that sits where a closing mark sits (after a word,
            // before a space, punctuation or the end) closes a quotation opened with a
            // straight or curly mark: sloppy text mixes them ("“... the FBI," Chaffetz said).
            let closing_place = ptext[..from + i]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
                && ptext[from + i + ch.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_whitespace() || ",.;:!?)—–―-".contains(c));
            match cur.as_mut() {
                None => {
                    if is_open(ch) {
                        cur = Some(Open {
                            open: pos,
                            content_start: after,
                            mark: ch,
                            depth: 0,
                            first_paragraph: pi,
                            last_paragraph: pi,
                            last_end: p.span.end,
                            fallback: None,
                        });
                    }
                }
                Some(o) => {
                    let closes = match o.mark {
                        '"' => ch == '"' || (ch == '”' && o.depth == 0 && closing_place),
                        '«' => ch == '»',
                        '“' => ch == '”' || (ch == '"' && o.depth == 0 && closing_place),
                        _ => ch == '”' || (ch == '“' && o.mark == '„'),
                    };
                    let nests = match o.mark {
                        '"' => ch == '“' || ch == '«',
                        _ => ch == '“' || ch == '„',
                    };
                    let nested_close = match o.mark {
                        '"' => ch == '”' || ch == '»',
                        _ => ch == '”',
                    };
                    if closes && o.depth == 0 {
                        out.push(finish(text, o, pos, after, true));
                        cur = None;
                    } else if nests && !(closes && o.depth > 0) {
                        o.depth += 1;
                    } else if nested_close && o.depth > 0 {
                        o.depth -= 1;
                        o.fallback = Some((pos, after, pi));
                    }
                }
            }
        }
        if let Some(o) = cur.as_mut() {
            o.last_paragraph = pi;
            o.last_end = p.span.end;
        }
        prev_kind = Some(p.kind);
    }
    if let Some(o) = cur {
        out.push(match o.fallback {
            Some((end, close_end, para)) => Quoted {
                last_paragraph: para,
                ..finish(text, &o, end, close_end, true)
            },
            None => finish(text, &o, o.last_end, o.last_end, false),
        });
    }
    out.retain(|q| !q.content.is_empty());
    out
}
