//! JSON Lines: one article per line.
//!
//! Each non-blank line is a JSON object:
//! `{"id": ..., "url": ..., "source": ..., "published": ..., "updated": ..., "title": ...,
//! "text": ...}`, with `"html"` in place of `"text"` for a page. `source` names the outlet;
//! `author`, `byline` or `authors` and `language` are read too, and so are the names
//! news-please and similar tools write (`maintext`, `date_publish`, `date_modify`,
//! `source_domain`, `headline`, `link`); every other field is kept as it was in
//! [`tacitus_model::Metadata::extra`]. Dates are read by [`crate::dates::parse_datetime`]; one
//! it cannot read is kept in `extra` with a `jsonl.bad-date` warning. The document id is the
//! `id` field (a string or a number), else `{stem}#{line}`; the source label is
//! `{input}#line{N}`.
//!
//! The input is read line by line with a capped buffer: a line longer than
//! [`ReadOptions::max_bytes`] is refused and skipped to the next newline without being held in
//! memory. Every error names its line (`line 12`), and a bad line never stops the next ones.

use std::io::{self, BufRead};

use serde_json::{Map, Value};
use tacitus_model::{BlockKind, Document, InputFormat, Severity};

use crate::read::{self, Emit, ErrorKind, ReadError, ReadOptions};
use crate::{html, news};

/// Reads JSON Lines articles from `input`, one result per non-blank line.
pub fn read_jsonl(
    name: &str,
    stem: &str,
    input: &mut dyn BufRead,
    options: &ReadOptions,
    emit: &mut Emit<'_>,
) {
    let max = usize::try_from(options.max_bytes).unwrap_or(usize::MAX);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        line_no += 1;
        let at = format!("line {line_no}");
        match read_capped_line(input, &mut buf, max) {
            Ok(Line::Eof) => return,
            Ok(Line::TooLong(len)) => emit(Err(ReadError::new(
                name,
                ErrorKind::TooLarge,
                format!(
                    "the line is {len} bytes long, over the {max}-byte limit for one record; \
                     it was skipped (raise the limit with --max-bytes)"
                ),
            )
            .at(at))),
            Ok(Line::Complete) => {
                let mut line = &buf[..];
                if line_no == 1 {
                    line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                emit(read_line(name, stem, line_no, line));
            }
            Err(e) => {
                emit(Err(read::io_error(name, e).at(at)));
                return;
            }
        }
    }
}

/// What [`read_capped_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (without its newline) is in the buffer.
    Complete,
    /// The line was longer than the cap and has been skipped; its length in bytes.
    TooLong(u64),
    /// The input is exhausted.
    Eof,
}

/// Reads the next line into `buf` (cleared first, newline and a trailing CR removed), holding
/// at most `max` bytes: a longer line is consumed to its end without being kept.
pub(crate) fn read_capped_line(
    input: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut seen = 0u64;
    let mut started = false;
    let mut too_long = false;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            if seen == 0 && !started {
                return Ok(Line::Eof);
            }
            break;
        }
        started = true;
        let (part, found) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], true),
            None => (chunk, false),
        };
        let used = part.len() + usize::from(found);
        seen += part.len() as u64;
        if !too_long {
            if buf.len() + part.len() > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(part);
            }
        }
        input.consume(used);
        if found {
            break;
        }
    }
    if too_long {
        return Ok(Line::TooLong(seen));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Complete)
}

fn read_line(name: &str, stem: &str, line_no: u64, line: &[u8]) -> read::ReadResult {
    let at = || format!("line {line_no}");
    let fail = |msg: String| ReadError::new(name, ErrorKind::Json, msg).at(at());
    let text = std::str::from_utf8(line).map_err(|e| {
        fail(format!(
            "the line is not valid UTF-8 (bad byte at column {}); JSON Lines must be UTF-8",
            e.valid_up_to() + 1
        ))
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        fail(format!("not valid JSON at column {}: {msg}", e.column()))
    })?;
    let Value::Object(mut obj) = value else {
        return Err(fail(format!(
            "the line is a JSON {}, not an object holding an article",
            json_type(&value)
        )));
    };

    let source = format!("{name}#line{line_no}");
    let id = match obj.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => String::new(),
        Some(other) => {
            obj.insert("id".to_string(), other);
            String::new()
        }
    };
    let mut body_text = take_first(&mut obj, TEXT_KEYS);
    let body_html = take_first(&mut obj, HTML_KEYS);
    if body_html.is_some() && body_text.as_ref().is_some_and(|(_, t)| t.trim().is_empty()) {
        body_text = None;
    }
    let is_html = body_text.is_none() && body_html.is_some();
    let mut doc = match (body_text, body_html) {
        (Some((_, text)), html) => {
            if let Some((key, h)) = html {
                obj.insert(key.to_string(), Value::String(h));
            }
            news::read_text(&source, &text)
        }
        (None, Some((_, h))) => html::read_html(&source, &h),
        (None, None) => {
            let why = match TEXT_KEYS.iter().chain(HTML_KEYS).find_map(|k| obj.get(*k)) {
                Some(v) => format!("its article field is a JSON {}, not a string", json_type(v)),
                None => "it has no \"text\" or \"html\" field".to_string(),
            };
            return Err(fail(format!("no article on the line: {why}")));
        }
    };
    doc.meta.source = source;
    doc.meta.format = InputFormat::Jsonl;

    if let Some((_, url)) = take_first(&mut obj, URL_KEYS) {
        doc.meta.url = Some(url);
    }
    if let Some((_, outlet)) = take_first(&mut obj, OUTLET_KEYS) {
        doc.meta.outlet = Some(outlet);
    }
    if let Some(by) = take_byline(&mut obj) {
        doc.meta.byline = Some(by);
    }
    if let Some((_, lang)) = take_first(&mut obj, &["language", "lang"]) {
        doc.meta.language = Some(lang);
    }
    for (keys, published) in [(PUBLISHED_KEYS, true), (UPDATED_KEYS, false)] {
        let Some((key, raw)) = take_first(&mut obj, keys) else {
            continue;
        };
        match crate::dates::parse_datetime(&raw) {
            Some(when) if published => doc.meta.published = Some(when),
            Some(when) => doc.meta.updated = Some(when),
            None => {
                doc.diagnose(
                    Severity::Warning,
                    "jsonl.bad-date",
                    format!("the {key:?} field {raw:?} is not a date and time tacitus reads"),
                );
                obj.insert(key.to_string(), Value::String(raw));
            }
        }
    }
    if let Some((_, title)) = take_first(&mut obj, TITLE_KEYS) {
        put_title(&mut doc, &title, is_html);
    }
    doc.meta.extra.extend(obj);

    let fallback = format!("{stem}#{line_no}");
    let id = if id.is_empty() { fallback } else { id };
    read::finish(doc, &id).map_err(|e| ReadError::new(name, e.kind, e.message).at(at()))
}

// The field names read, first the documented one, then the names other tools write
// (news-please's `maintext`, `date_publish`, `source_domain`, `authors` ...). The first
// present one is taken; the others stay in `extra`.
const TEXT_KEYS: &[&str] = &["text", "maintext", "body", "content"];
const HTML_KEYS: &[&str] = &["html"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const URL_KEYS: &[&str] = &["url", "link"];
const OUTLET_KEYS: &[&str] = &["source", "outlet", "source_domain"];
const PUBLISHED_KEYS: &[&str] = &["published", "date_publish", "published_at", "date"];
const UPDATED_KEYS: &[&str] = &["updated", "date_modify", "modified"];

/// Removes the first of `keys` that holds a string, and returns it with its key.
fn take_first(
    obj: &mut Map<String, Value>,
    keys: &[&'static str],
) -> Option<(&'static str, String)> {
    keys.iter()
        .find_map(|&k| take_string(obj, k).map(|v| (k, v)))
}

/// The byline: `author` or `byline` (a string), or `authors` (a string or an array of them).
fn take_byline(obj: &mut Map<String, Value>) -> Option<String> {
    let by = match take_first(obj, &["author", "byline"]) {
        Some((_, by)) => by,
        None => match obj.get("authors") {
            Some(Value::String(_)) => take_string(obj, "authors")?,
            Some(Value::Array(list)) if list.iter().all(Value::is_string) => {
                let names: Vec<String> = list
                    .iter()
                    .filter_map(Value::as_str)
                    .map(collapse_space)
                    .filter(|n| !n.is_empty())
                    .collect();
                obj.remove("authors");
                names.join(", ")
            }
            _ => return None,
        },
    };
    Some(collapse_space(&by)).filter(|b| !b.is_empty())
}

/// Removes `key` from the object if it holds a string, and returns it.
fn take_string(obj: &mut Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(_)) => match obj.remove(key) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn collapse_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets the document's title and makes sure it is a unit of its own.
///
/// A headline paragraph that is the title (or contains it, or is contained in it) is kept.
/// Otherwise, when `trust_headline` is set (the headline came from a page's markup) any
/// headline is kept too; when it is not (plain text, whose headline is guessed from its shape,
/// while the input named its title apart), a guessed headline that is the title becomes one,
/// other guessed headlines become body paragraphs, and the title is put in front as the
/// headline. Spans, offsets and diagnostics are shifted accordingly.
pub(crate) fn put_title(doc: &mut Document, title: &str, trust_headline: bool) {
    let title = collapse_space(title);
    if title.is_empty() {
        return;
    }
    doc.meta.title = Some(title.clone());
    let folded = title.to_lowercase();
    let matches_title = |text: &str| {
        let h = collapse_space(text).to_lowercase();
        !h.is_empty() && (h == folded || h.contains(&folded) || folded.contains(&h))
    };
    let mut has_headline = false;
    for p in &doc.paragraphs {
        if p.kind == BlockKind::Headline {
            if matches_title(p.span.slice(&doc.text)) {
                return;
            }
            has_headline = true;
        }
    }
    if has_headline && trust_headline {
        return;
    }
    for p in &mut doc.paragraphs {
        if p.kind == BlockKind::Headline {
            p.kind = BlockKind::Body;
        }
    }
    if let Some(first) = doc.paragraphs.first_mut()
        && collapse_space(first.span.slice(&doc.text)) == title
    {
        first.kind = BlockKind::Headline;
        return;
    }
    let shift = if doc.text.is_empty() {
        title.len()
    } else {
        title.len() + 2
    };
    let mut text = String::with_capacity(doc.text.len() + shift);
    text.push_str(&title);
    if !doc.text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&doc.text);
    doc.text = text;
    for p in &mut doc.paragraphs {
        p.span.start += shift;
        p.span.end += shift;
    }
    for s in &mut doc.sentences {
        s.span.start += shift;
        s.span.end += shift;
        s.paragraph += 1;
        for t in &mut s.tokens {
            t.span.start += shift;
            t.span.end += shift;
        }
    }
    for seg in &mut doc.offsets.segments {
        seg.text_start += shift;
    }
    for d in &mut doc.diagnostics {
        if let Some(span) = &mut d.span {
            span.start += shift;
            span.end += shift;
        }
    }
    doc.paragraphs.insert(
        0,
        tacitus_model::Paragraph {
            span: tacitus_model::Span::new(0, title.len()),
            kind: BlockKind::Headline,
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines() {
        let mut input = &b"short\r\nthis line is long\nok"[..];
        let mut buf = Vec::new();
        assert_eq!(
            read_capped_line(&mut input, &mut buf, 8).unwrap(),
            Line::Complete
        );
        assert_eq!(buf, b"short");
        assert_eq!(
            read_capped_line(&mut input, &mut buf, 8).unwrap(),
            Line::TooLong(17)
        );
        assert_eq!(
            read_capped_line(&mut input, &mut buf, 8).unwrap(),
            Line::Complete
        );
        assert_eq!(buf, b"ok");
        assert_eq!(
            read_capped_line(&mut input, &mut buf, 8).unwrap(),
            Line::Eof
        );
    }
}
