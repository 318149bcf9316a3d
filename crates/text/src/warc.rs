//! WARC files: HTTP responses holding HTML, as in Common Crawl's news crawl.
//!
//! A small streaming parser over [`BufRead`] (gzip, including one gzip member per record, is
//! undone by the caller). It reads WARC/1.0 and WARC/1.1 record headers (folded lines, any
//! header order, LF or CRLF), then the block of `Content-Length` bytes:
//!
//! - `response` records holding an HTTP response with a 2xx status and an HTML
//!   `Content-Type` (else an HTML `WARC-Identified-Payload-Type`, else a body that starts like
//!   HTML) become documents: chunked transfer coding and
//!   gzip or deflate content coding are undone, the `charset` of the `Content-Type` (else the
//!   page's `<meta>`) chooses the encoding, `WARC-Target-URI` becomes the URL and `WARC-Date`
//!   (crawl time, not publication time) is kept as `extra.crawled`. `resource` records holding
//!   HTML are read the same way without the HTTP layer.
//! - Every other record (`warcinfo`, `request`, `metadata`, `revisit`, non-HTML or non-2xx
//!   responses ...) is skipped and counted in [`WarcStats`].
//!
//! Memory is bounded: a record larger than [`ReadOptions::max_bytes`] is skipped (read past
//! without being buffered) with an error naming its number, and header lines are capped. A
//! malformed header is reported and the reader resynchronises on the next `WARC/` line; a
//! truncated record or gzip stream ends the input with an error naming the record, after the
//! earlier records were emitted. Documents are labelled `{input}#record{N}` and take the
//! `WARC-Record-ID` as their id (else `{stem}#record{N}`).

use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, BufRead, Read};

use serde_json::Value;
use tacitus_model::{Diagnostic, InputFormat, Severity};

use crate::jsonl::{Line, read_capped_line};
use crate::read::{self, Emit, ErrorKind, ReadError, ReadOptions};
use crate::{encoding, html};

/// The longest header line read; longer ones make the record malformed.
const MAX_HEADER_LINE: usize = 64 * 1024;
/// The most header lines in one WARC record or HTTP response.
const MAX_HEADER_LINES: usize = 1024;

/// What a WARC input held besides the documents read from it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WarcStats {
    /// Records met, read or not.
    pub records: u64,
    /// Records that became documents.
    pub documents: u64,
    /// Records skipped on purpose, by what they were (`request`, `warcinfo`,
    /// `response (not HTML)`, `response (HTTP 404)` ...).
    pub skipped: BTreeMap<String, u64>,
    /// Records that yielded an error (malformed, too large, truncated, empty page).
    pub errors: u64,
}

impl WarcStats {
    /// The number of records skipped on purpose.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    fn skip(&mut self, what: impl Into<String>) {
        *self.skipped.entry(what.into()).or_default() += 1;
    }
}

impl fmt::Display for WarcStats {
    /// `skipped: 3 request, 1 warcinfo` (or `skipped: none`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped: ")?;
        if self.skipped.is_empty() {
            return write!(f, "none");
        }
        let mut by_count: Vec<(&String, &u64)> = self.skipped.iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (i, (what, n)) in by_count.into_iter().enumerate() {
            if i > 0 {
                write!(f, ", ")?;
            }
            write!(f, "{n} {what}")?;
        }
        Ok(())
    }
}

/// Reads WARC records from `input` (gzip already undone), one result per HTML response.
pub fn read_warc(name: &str, input: &mut dyn BufRead, options: &ReadOptions, emit: &mut Emit<'_>) {
    read_warc_with_stats(name, input, options, emit);
}

/// As [`read_warc`], and returns what was skipped so a caller can report it.
pub fn read_warc_with_stats(
    name: &str,
    input: &mut dyn BufRead,
    options: &ReadOptions,
    emit: &mut Emit<'_>,
) -> WarcStats {
    let mut stats = WarcStats::default();
    let stem = read::stem_of(name);
    let mut line = Vec::new();
    let mut record_no = 0u64;
    // Set when the previous record was malformed: skip lines until a `WARC/` line.
    let mut resync = false;
    loop {
        // Find the version line, skipping the blank lines that end the previous record.
        let version = loop {
            match read_capped_line(input, &mut line, MAX_HEADER_LINE) {
                Ok(Line::Eof) => return stats,
                Ok(Line::TooLong(n)) => {
                    if !resync {
                        stats.errors += 1;
                        emit(Err(stray(name, record_no, format!("a {n}-byte line"))));
                        resync = true;
                    }
                }
                Ok(Line::Complete) => {
                    if line.starts_with(b"WARC/") {
                        break String::from_utf8_lossy(&line).trim().to_string();
                    }
                    if line.iter().all(u8::is_ascii_whitespace) || resync {
                        continue;
                    }
                    stats.errors += 1;
                    emit(Err(stray(name, record_no, format!("{:?}", preview(&line)))));
                    resync = true;
                }
                Err(e) => {
                    stats.errors += 1;
                    emit(Err(
                        read::io_error(name, e).at(format!("record {}", record_no + 1))
                    ));
                    return stats;
                }
            }
        };
        resync = false;
        record_no += 1;
        stats.records += 1;
        let at = format!("record {record_no}");

        let headers = match read_headers(input, &mut line) {
            Ok(Ok(h)) => h,
            Ok(Err(why)) => {
                stats.errors += 1;
                emit(Err(warc_error(name, record_no, why)));
                resync = true;
                continue;
            }
            Err(e) => {
                stats.errors += 1;
                emit(Err(read::io_error(name, e).at(at)));
                return stats;
            }
        };
        let Some(length) =
            header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok())
        else {
            stats.errors += 1;
            emit(Err(warc_error(
                name,
                record_no,
                format!(
                    "the {version} record has no valid Content-Length; skipping to the next record"
                ),
            )));
            resync = true;
            continue;
        };
        let kind = header(&headers, "warc-type")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let block_type = header(&headers, "content-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let wanted = match kind.as_str() {
            "response" => true,
            "resource" => is_html_type(&block_type),
            _ => false,
        };
        if !wanted || length > options.max_bytes {
            if wanted {
                stats.errors += 1;
                emit(Err(ReadError::new(
                    name,
                    ErrorKind::TooLarge,
                    format!(
                        "the record is {length} bytes, over the {}-byte limit for one record; \
                         skipped (raise it with --max-bytes)",
                        options.max_bytes
                    ),
                )
                .at(at.clone())));
            } else {
                stats.skip(if kind.is_empty() {
                    "untyped"
                } else {
                    kind.as_str()
                });
            }
            match skip_exact(input, length) {
                Ok(true) => continue,
                Ok(false) => {
                    stats.errors += 1;
                    emit(Err(truncated(name, record_no, length)));
                    return stats;
                }
                Err(e) => {
                    stats.errors += 1;
                    emit(Err(read::io_error(name, e).at(at)));
                    return stats;
                }
            }
        }
        let mut block = Vec::new();
        match input.take(length).read_to_end(&mut block) {
            Ok(n) if (n as u64) < length => {
                stats.errors += 1;
                emit(Err(truncated(name, record_no, length)));
                return stats;
            }
            Ok(_) => {}
            Err(e) => {
                stats.errors += 1;
                emit(Err(read::io_error(name, e).at(at)));
                return stats;
            }
        }
        let record = Record {
            name,
            stem: &stem,
            number: record_no,
            headers: &headers,
            max_bytes: options.max_bytes,
        };
        let outcome = if kind == "resource" {
            record.page(&block, None, Vec::new())
        } else if !block_type.is_empty() && !block_type.starts_with("application/http") {
            Outcome::Skip("response (not HTTP)".to_string())
        } else {
            record.response(&block)
        };
        match outcome {
            Outcome::Doc(doc) => {
                stats.documents += 1;
                emit(Ok(*doc));
            }
            Outcome::Skip(what) => stats.skip(what),
            Outcome::Error(e) => {
                stats.errors += 1;
                emit(Err(e));
            }
        }
    }
}

/// A record's headers, names lower-cased, in order.
type Headers = Vec<(String, String)>;

fn header<'h>(headers: &'h Headers, key: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Reads `Name: value` lines up to a blank line. Continuation lines (starting with white
/// space) extend the previous value. The outer error is IO; the inner one a malformed record.
fn read_headers(
    input: &mut dyn BufRead,
    line: &mut Vec<u8>,
) -> io::Result<Result<Headers, String>> {
    let mut headers: Headers = Vec::new();
    loop {
        match read_capped_line(input, line, MAX_HEADER_LINE)? {
            Line::Eof => {
                return Ok(Err(
                    "the input ends inside the record's headers (truncated WARC)".to_string(),
                ));
            }
            Line::TooLong(n) => {
                return Ok(Err(format!(
                    "a header line is {n} bytes long; skipping to the next record"
                )));
            }
            Line::Complete => {}
        }
        if line.is_empty() {
            return Ok(Ok(headers));
        }
        if headers.len() >= MAX_HEADER_LINES {
            return Ok(Err(format!(
                "more than {MAX_HEADER_LINES} header lines; skipping to the next record"
            )));
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
            continue;
        }
        match text.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
            None => {
                return Ok(Err(format!(
                    "a header line without a colon: {:?}; skipping to the next record",
                    preview(line)
                )));
            }
        }
    }
}

/// Reads past `n` bytes without keeping them; false if the input ends first.
fn skip_exact(input: &mut dyn BufRead, n: u64) -> io::Result<bool> {
    let copied = io::copy(&mut input.take(n), &mut io::sink())?;
    Ok(copied == n)
}

fn warc_error(name: &str, record: u64, message: impl Into<String>) -> ReadError {
    ReadError::new(name, ErrorKind::Warc, message).at(format!("record {record}"))
}

/// Data where a record should start: garbage at the head of the input, or after a record
/// whose Content-Length was wrong.
fn stray(name: &str, after: u64, found: String) -> ReadError {
    let (location, what) = if after == 0 {
        (
            "record 1".to_string(),
            "the input does not start with a WARC record",
        )
    } else {
        (
            format!("after record {after}"),
            "unexpected data between records",
        )
    };
    ReadError::new(
        name,
        ErrorKind::Warc,
        format!(
            "{what}: expected a WARC/ version line, found {found}; skipping to the next record"
        ),
    )
    .at(location)
}

fn truncated(name: &str, record: u64, length: u64) -> ReadError {
    warc_error(
        name,
        record,
        format!("the input ends inside the record ({length} bytes announced): truncated WARC"),
    )
}

fn preview(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
    if bytes.len() > 40 {
        format!("{s}...")
    } else {
        s
    }
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// What became of a response record.
enum Outcome {
    Doc(Box<tacitus_model::Document>),
    Skip(String),
    Error(ReadError),
}

/// The record being turned into a document.
struct Record<'a> {
    name: &'a str,
    stem: &'a str,
    number: u64,
    headers: &'a Headers,
    max_bytes: u64,
}

impl Record<'_> {
    fn error(&self, kind: ErrorKind, message: impl Into<String>) -> Outcome {
        Outcome::Error(
            ReadError::new(self.name, kind, message).at(format!("record {}", self.number)),
        )
    }

    /// An HTTP response: status, headers, transfer and content codings.
    fn response(&self, block: &[u8]) -> Outcome {
        let Some((head, body)) = split_http(block) else {
            return self.error(
                ErrorKind::Warc,
                "the response record does not hold an HTTP response (no header end)",
            );
        };
        let head = String::from_utf8_lossy(head);
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or("").trim();
        if !status_line.starts_with("HTTP/") {
            return self.error(
                ErrorKind::Warc,
                format!(
                    "the response record does not start with an HTTP status line: {status_line:?}"
                ),
            );
        }
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let mut http: Headers = Vec::new();
        for line in lines.take(MAX_HEADER_LINES) {
            if line.starts_with([' ', '\t']) {
                if let Some((_, v)) = http.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
            } else if let Some((k, v)) = line.split_once(':') {
                http.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        if !(200..300).contains(&status) {
            return Outcome::Skip(format!("response (HTTP {status})"));
        }
        // Without a Content-Type of its own, Common Crawl's identified payload type is next
        // best; without either the body is sniffed.
        let content_type = header(&http, "content-type")
            .filter(|t| !t.trim().is_empty())
            .or_else(|| header(self.headers, "warc-identified-payload-type"))
            .unwrap_or("");
        let mut diagnostics = Vec::new();
        let mut body = body.to_vec();
        if header(&http, "transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        {
            match dechunk(&body) {
                Some(plain) => body = plain,
                None => diagnostics.push(Diagnostic::new(
                    Severity::Info,
                    "warc.not-chunked",
                    "the response says Transfer-Encoding: chunked but its body is not chunked; \
                     read as it is",
                )),
            }
        }
        if let Some(coding) = header(&http, "content-encoding") {
            match self.decompress(coding, &body) {
                Ok(Some(plain)) => body = plain,
                Ok(None) => {}
                Err(outcome) => return outcome,
            }
        }
        if content_type.trim().is_empty() {
            if !looks_like_html(&body) {
                return Outcome::Skip("response (not HTML)".to_string());
            }
        } else if !is_html_type(&content_type.to_ascii_lowercase()) {
            return Outcome::Skip("response (not HTML)".to_string());
        }
        let charset = encoding::content_type_charset(content_type);
        self.page(&body, charset.as_deref(), diagnostics)
    }

    /// Undoes a content coding; `Ok(None)` when there is none to undo.
    fn decompress(&self, coding: &str, body: &[u8]) -> Result<Option<Vec<u8>>, Outcome> {
        let coding = coding.trim().to_ascii_lowercase();
        let limit = self.max_bytes;
        let too_large = || {
            self.error(
                ErrorKind::TooLarge,
                format!("the page decompresses to more than the {limit}-byte limit; skipped"),
            )
        };
        match coding.as_str() {
            "" | "identity" => Ok(None),
            // Crawlers often store the body decoded but keep the header: trust the magic.
            "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => Ok(None),
            "gzip" | "x-gzip" => {
                let mut dec = flate2::read::MultiGzDecoder::new(body);
                match read::read_limited(&mut dec, limit) {
                    Ok(b) => Ok(Some(b)),
                    Err(read::LimitError::TooLarge) => Err(too_large()),
                    Err(read::LimitError::Io(e)) => Err(self.error(
                        ErrorKind::Gzip,
                        format!("the page's gzip content coding is corrupt or truncated: {e}"),
                    )),
                }
            }
            "deflate" => {
                // `deflate` is meant to be zlib-wrapped; some servers send raw deflate.
                let zlib = read::read_limited(&mut flate2::read::ZlibDecoder::new(body), limit);
                let result = match zlib {
                    Ok(b) => Ok(b),
                    Err(read::LimitError::TooLarge) => Err(read::LimitError::TooLarge),
                    Err(_) => {
                        read::read_limited(&mut flate2::read::DeflateDecoder::new(body), limit)
                    }
                };
                match result {
                    Ok(b) => Ok(Some(b)),
                    Err(read::LimitError::TooLarge) => Err(too_large()),
                    Err(read::LimitError::Io(_)) if looks_like_html(body) => Ok(None),
                    Err(read::LimitError::Io(e)) => Err(self.error(
                        ErrorKind::Gzip,
                        format!("the page's deflate content coding is corrupt: {e}"),
                    )),
                }
            }
            _ if looks_like_html(body) => Ok(None),
            other => Err(Outcome::Skip(format!("response (content coding {other})"))),
        }
    }

    /// An HTML page: decode, read, label.
    fn page(
        &self,
        body: &[u8],
        charset: Option<&str>,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Outcome {
        let source = format!("{}#record{}", self.name, self.number);
        let decoded = match encoding::decode_html_with(body, charset) {
            Ok(d) => d,
            Err(e) => {
                let e = e.into_read_error(self.name);
                return self.error(e.kind, e.message);
            }
        };
        diagnostics.extend(decoded.diagnostics);
        let mut doc = html::read_html(&source, &decoded.text);
        doc.meta.source = source;
        doc.meta.format = InputFormat::Warc;
        doc.diagnostics.extend(diagnostics);
        if let Some(uri) = header(self.headers, "warc-target-uri") {
            let uri = uri
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .trim();
            if !uri.is_empty() {
                if let Some(found) = doc.meta.url.take()
                    && found != uri
                {
                    doc.meta
                        .extra
                        .insert("canonical".to_string(), Value::String(found));
                }
                doc.meta.url = Some(uri.to_string());
            }
        }
        if let Some(date) = header(self.headers, "warc-date") {
            doc.meta.extra.insert(
                "crawled".to_string(),
                Value::String(date.trim().to_string()),
            );
        }
        let id = header(self.headers, "warc-record-id")
            .map(|id| {
                id.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim()
                    .to_string()
            })
            .filter(|id| !id.is_empty())
            .unwrap_or_else(|| format!("{}#record{}", self.stem, self.number));
        match read::finish(doc, &id) {
            Ok(doc) => Outcome::Doc(Box::new(doc)),
            Err(e) => self.error(e.kind, e.message),
        }
    }
}

/// Splits an HTTP message at the blank line after its headers (CRLF or bare LF).
fn split_http(block: &[u8]) -> Option<(&[u8], &[u8])> {
    let crlf = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4));
    let lf = block
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| (i, i + 2));
    let (end, body) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    Some((&block[..end], &block[body..]))
}

/// Undoes chunked transfer coding; `None` if the body is not chunked. A body cut short keeps
/// the chunks that were complete.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let eol = rest.iter().position(|&b| b == b'\n')?;
        let size_line = std::str::from_utf8(&rest[..eol]).ok()?.trim();
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let size = match usize::from_str_radix(size_hex, 16) {
            Ok(s) => s,
            Err(_) if first => return None,
            Err(_) => return Some(out),
        };
        first = false;
        rest = &rest[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        if size > rest.len() {
            out.extend_from_slice(rest);
            return Some(out);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n").unwrap_or(rest);
    }
}

/// True when a body without a usable Content-Type starts like an HTML page.
fn looks_like_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let start = head
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head)
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &head[i..]);
    start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || (start.starts_with(b"<") && head.windows(5).any(|w| w == b"<html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").unwrap(),
            b"Hello world"
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"5\r\nHel").unwrap(), b"Hel");
    }

    #[test]
    fn stats_display() {
        let mut s = WarcStats::default();
        assert_eq!(s.to_string(), "skipped: none");
        s.skip("warcinfo");
        s.skip("request");
        s.skip("request");
        s.skip("request");
        assert_eq!(s.to_string(), "skipped: 3 request, 1 warcinfo");
        assert_eq!(s.skipped_total(), 4);
    }

    #[test]
    fn http_split() {
        let (h, b) = split_http(b"HTTP/1.1 200 OK\nA: b\n\nbody").unwrap();
        assert_eq!(h, b"HTTP/1.1 200 OK\nA: b");
        assert_eq!(b, b"body");
    }
}
