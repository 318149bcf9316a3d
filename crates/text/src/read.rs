//! The reader: inputs in, documents out.
//!
//! [`Reader::read_paths`] walks files, directories (recursively, in sorted order) and glob
//! patterns; [`Reader::read_bytes`] reads one input already in memory (stdin). Each input's
//! format is chosen by content first and extension second ([`detect`]); gzip is undone on the
//! way (`.gz` or the gzip magic). Whole-document formats (text, HTML, feeds) above
//! [`ReadOptions::max_bytes`] are refused with a message naming the limit; streaming formats
//! (JSON Lines, WARC) are read record by record in bounded memory whatever their size.
//!
//! Every result goes to a callback as it is made, so a batch streams and one bad document
//! never costs the others theirs.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use tacitus_model::{Document, InputFormat};

use crate::{encoding, feed, html, jsonl, news, warc};

/// Default limit for one whole-document input: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How to read.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// The largest whole-document input (text, HTML, feed) read into memory, after
    /// decompression. Larger ones are refused with [`ErrorKind::TooLarge`]. JSON Lines and WARC
    /// are streamed and apply the limit to each record instead.
    pub max_bytes: u64,
    /// Force a format instead of detecting one.
    pub format: Option<InputFormat>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            format: None,
        }
    }
}

/// What went wrong with an input or a record of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file could not be opened or read.
    Io,
    /// A path or glob matched nothing.
    NotFound,
    /// The input is larger than `max_bytes`.
    TooLarge,
    /// The input is empty or holds only white space.
    Empty,
    /// The input is binary, not text in any encoding we read.
    Binary,
    /// A gzip stream is corrupt or cut short.
    Gzip,
    /// A JSON Lines record is not valid JSON or lacks the fields an article needs.
    Json,
    /// A feed is not well-formed RSS or Atom.
    Feed,
    /// A WARC record is malformed.
    Warc,
}

impl ErrorKind {
    /// A stable lower-case name (`too-large`, `gzip` ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::NotFound => "not-found",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::Gzip => "gzip",
            ErrorKind::Json => "json",
            ErrorKind::Feed => "feed",
            ErrorKind::Warc => "warc",
        }
    }
}

/// An input, or one record of it, that yielded no document.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ReadError {
    /// The input: a path, or `-` for stdin.
    pub input: String,
    /// Where in it: `line 12`, `record 3`, `item 2`; `None` for the input as a whole.
    pub location: Option<String>,
    /// What kind of failure.
    pub kind: ErrorKind,
    /// What happened, for people.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.input)?;
        if let Some(loc) = &self.location {
            write!(f, " ({loc})")?;
        }
        write!(f, ": {} [{}]", self.message, self.kind.as_str())
    }
}

impl ReadError {
    /// An error for `input` as a whole.
    pub fn new(input: &str, kind: ErrorKind, message: impl Into<String>) -> ReadError {
        ReadError {
            input: input.to_string(),
            location: None,
            kind,
            message: message.into(),
        }
    }

    /// The same error at a location inside the input.
    pub fn at(mut self, location: impl Into<String>) -> ReadError {
        self.location = Some(location.into());
        self
    }
}

/// One result of reading: a document, or why there is none.
pub type ReadResult = Result<Document, ReadError>;

/// Where results go as they are made.
pub type Emit<'a> = dyn FnMut(ReadResult) + 'a;

/// Reads inputs into documents. Immutable once built; cheap to share across threads.
#[derive(Clone, Debug, Default)]
pub struct Reader {
    options: ReadOptions,
}

impl Reader {
    /// A reader with these options.
    pub fn new(options: ReadOptions) -> Reader {
        Reader { options }
    }

    /// The options.
    pub fn options(&self) -> &ReadOptions {
        &self.options
    }

    /// Expands paths, directories (recursively, sorted) and glob patterns (`*`, `?`, `[...]`)
    /// into the list of files to read, in a stable order. Unmatched arguments become errors.
    pub fn expand(&self, args: &[String]) -> (Vec<PathBuf>, Vec<ReadError>) {
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for arg in args {
            let path = Path::new(arg);
            if path.is_dir() {
                collect_dir(path, &mut files, &mut errors);
            } else if path.exists() {
                files.push(path.to_path_buf());
            } else if arg.contains(['*', '?', '[']) {
                match glob::glob(arg) {
                    Ok(paths) => {
                        let before = files.len();
                        for p in paths {
                            match p {
                                Ok(p) if p.is_dir() => collect_dir(&p, &mut files, &mut errors),
                                Ok(p) => files.push(p),
                                Err(e) => errors.push(ReadError::new(
                                    &e.path().display().to_string(),
                                    ErrorKind::Io,
                                    e.error().to_string(),
                                )),
                            }
                        }
                        if files.len() == before {
                            errors.push(ReadError::new(
                                arg,
                                ErrorKind::NotFound,
                                "the pattern matches no file",
                            ));
                        }
                    }
                    Err(e) => errors.push(ReadError::new(
                        arg,
                        ErrorKind::NotFound,
                        format!("bad glob pattern: {e}"),
                    )),
                }
            } else {
                errors.push(ReadError::new(
                    arg,
                    ErrorKind::NotFound,
                    "no such file or directory",
                ));
            }
        }
        (files, errors)
    }

    /// Reads every input named by `args` (see [`Reader::expand`]); `-` is stdin.
    pub fn read_paths(&self, args: &[String], emit: &mut Emit<'_>) -> ReadSummary {
        let mut summary = ReadSummary::default();
        let (stdin, rest): (Vec<String>, Vec<String>) =
            args.iter().cloned().partition(|a| a == "-");
        if !stdin.is_empty() {
            summary.merge(self.read_stream("-", None, &mut io::stdin().lock(), emit));
        }
        let (files, errors) = self.expand(&rest);
        for e in errors {
            emit(Err(e));
        }
        for f in files {
            summary.merge(self.read_file(&f, emit));
        }
        summary
    }

    /// Reads one file.
    pub fn read_file(&self, path: &Path, emit: &mut Emit<'_>) -> ReadSummary {
        let name = path.display().to_string();
        match File::open(path) {
            Ok(file) => {
                let size = file.metadata().map(|m| m.len()).ok();
                let mut r = BufReader::with_capacity(1 << 16, file);
                self.read_sized(&name, Some(path), size, &mut r, emit)
            }
            Err(e) => {
                emit(Err(ReadError::new(&name, ErrorKind::Io, e.to_string())));
                ReadSummary::default()
            }
        }
    }

    /// Reads one input already in memory; `name` labels it in documents and errors.
    pub fn read_bytes(&self, name: &str, bytes: &[u8], emit: &mut Emit<'_>) -> ReadSummary {
        self.read_stream(name, Some(Path::new(name)), &mut &bytes[..], emit)
    }

    /// Reads one input from a stream: undoes gzip, detects the format, dispatches.
    pub fn read_stream(
        &self,
        name: &str,
        path: Option<&Path>,
        input: &mut dyn BufRead,
        emit: &mut Emit<'_>,
    ) -> ReadSummary {
        self.read_sized(name, path, None, input, emit)
    }

    /// As [`Reader::read_stream`], knowing the input's size when it is a file, so a
    /// whole-document input over the limit is refused before any of it is read.
    fn read_sized(
        &self,
        name: &str,
        path: Option<&Path>,
        size: Option<u64>,
        input: &mut dyn BufRead,
        emit: &mut Emit<'_>,
    ) -> ReadSummary {
        let head = match input.fill_buf() {
            Ok(h) => h,
            Err(e) => {
                emit(Err(ReadError::new(name, ErrorKind::Io, e.to_string())));
                return ReadSummary::default();
            }
        };
        let gz = head.starts_with(&[0x1f, 0x8b]);
        let ext = path.map(extension_of).unwrap_or_default();
        if gz {
            // Multi-member aware: WARC files gzip each record as a member of its own.
            let dec = flate2::bufread::MultiGzDecoder::new(input);
            let mut dec = BufReader::with_capacity(1 << 16, GzipErrors { inner: dec });
            let inner_ext = path
                .and_then(|p| p.file_stem())
                .map(|s| extension_of(Path::new(s)))
                .unwrap_or_default();
            return self.dispatch(name, &inner_ext, None, &mut dec, emit);
        }
        self.dispatch(name, &ext, size, input, emit)
    }

    fn dispatch(
        &self,
        name: &str,
        ext: &str,
        size: Option<u64>,
        input: &mut dyn BufRead,
        emit: &mut Emit<'_>,
    ) -> ReadSummary {
        let head = match input.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => {
                emit(Err(io_error(name, e)));
                return ReadSummary::default();
            }
        };
        let format = self.options.format.unwrap_or_else(|| detect(ext, &head));
        let stem = stem_of(name);
        match format {
            InputFormat::Jsonl => jsonl::read_jsonl(name, &stem, input, &self.options, emit),
            InputFormat::Warc => {
                let stats = warc::read_warc_with_stats(name, input, &self.options, emit);
                let mut summary = ReadSummary::default();
                for (what, n) in stats.skipped {
                    *summary.skipped.entry(format!("WARC {what}")).or_default() += n;
                }
                return summary;
            }
            _ if size.is_some_and(|n| n > self.options.max_bytes) => emit(Err(
                LimitError::TooLarge.into_read_error(name, self.options.max_bytes),
            )),
            whole => match read_limited(input, self.options.max_bytes) {
                Ok(bytes) => match whole {
                    InputFormat::Feed => feed::read_feed(name, &bytes, emit),
                    InputFormat::Html => emit(read_html_bytes(name, &stem, &bytes)),
                    _ => emit(read_text_bytes(name, &stem, &bytes)),
                },
                Err(e) => emit(Err(e.into_read_error(name, self.options.max_bytes))),
            },
        }
        ReadSummary::default()
    }
}

/// What was passed over on purpose while reading (not failures): WARC records that hold no
/// article (`WARC request`, `WARC warcinfo`, `WARC response (not HTML)` ...), counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadSummary {
    /// Counts by kind of record skipped.
    pub skipped: std::collections::BTreeMap<String, u64>,
}

impl ReadSummary {
    /// Adds another summary's counts to this one.
    pub fn merge(&mut self, other: ReadSummary) {
        for (what, n) in other.skipped {
            *self.skipped.entry(what).or_default() += n;
        }
    }

    /// The skipped counts as one line (`3 WARC request, 1 WARC warcinfo`), or `None`.
    pub fn skipped_line(&self) -> Option<String> {
        (!self.skipped.is_empty()).then(|| {
            self.skipped
                .iter()
                .map(|(what, n)| format!("{n} {what}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

/// Reads an HTML page in memory into a segmented document, or says why not.
pub fn read_html_bytes(name: &str, id: &str, bytes: &[u8]) -> ReadResult {
    let decoded = encoding::decode_html(bytes).map_err(|e| e.into_read_error(name))?;
    let mut doc = html::read_html(name, &decoded.text);
    doc.diagnostics.extend(decoded.diagnostics);
    finish(doc, id)
}

/// Reads plain news text in memory into a segmented document, or says why not.
pub fn read_text_bytes(name: &str, id: &str, bytes: &[u8]) -> ReadResult {
    let decoded = encoding::decode(bytes).map_err(|e| e.into_read_error(name))?;
    let mut doc = news::read_text(name, &decoded.text);
    doc.diagnostics.extend(decoded.diagnostics);
    finish(doc, id)
}

/// Gives a freshly read document its id (unless the format set one), refuses an empty one, and
/// lays sentences and tokens over it.
pub fn finish(mut doc: Document, id: &str) -> ReadResult {
    if doc.id.is_empty() {
        doc.id = id.to_string();
    }
    if doc.text.trim().is_empty() && doc.meta.title.is_none() {
        let why = doc
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let msg = if why.is_empty() {
            "no text in the input".to_string()
        } else {
            format!("no text in the input ({why})")
        };
        return Err(ReadError::new(&doc.meta.source, ErrorKind::Empty, msg));
    }
    crate::segment(&mut doc);
    Ok(doc)
}

/// Chooses a format from the file extension and the first bytes of the (decompressed) input.
/// Content wins where it is unambiguous: a WARC header, an XML feed root, an HTML tag, a JSON
/// object on the first line.
pub fn detect(ext: &str, head: &[u8]) -> InputFormat {
    let start = skip_bom_and_space(head);
    let lower: Vec<u8> = start
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    if lower.starts_with(b"warc/") {
        return InputFormat::Warc;
    }
    if lower.starts_with(b"<?xml") || lower.starts_with(b"<rss") || lower.starts_with(b"<feed") {
        let window = String::from_utf8_lossy(&lower);
        if window.contains("<rss") || window.contains("<feed") || window.contains("<rdf:rdf") {
            return InputFormat::Feed;
        }
        if window.contains("<html") {
            return InputFormat::Html;
        }
    }
    if lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<")
    {
        return InputFormat::Html;
    }
    if lower.starts_with(b"{") {
        return InputFormat::Jsonl;
    }
    match ext {
        "html" | "htm" | "xhtml" => InputFormat::Html,
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        "rss" | "atom" | "xml" => InputFormat::Feed,
        "warc" => InputFormat::Warc,
        _ => InputFormat::Text,
    }
}

fn skip_bom_and_space(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn extension_of(p: &Path) -> String {
    p.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The document id a file gives: its name without directory and extensions (`a/b.html.gz` → `b`).
pub fn stem_of(name: &str) -> String {
    let file = Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    let mut stem = file.as_str();
    for ext in [
        ".gz", ".warc", ".html", ".htm", ".txt", ".jsonl", ".ndjson", ".json", ".xml",
    ] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
        }
        if let Some(s) = stem.strip_suffix(&ext.to_ascii_uppercase()) {
            stem = s;
        }
    }
    if stem.is_empty() {
        file
    } else {
        stem.to_string()
    }
}

fn collect_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<ReadError>) {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let hidden = e.file_name().to_string_lossy().starts_with('.');
                if !hidden {
                    found.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => errors.push(ReadError::new(
                &dir.display().to_string(),
                ErrorKind::Io,
                e.to_string(),
            )),
        }
    }
    files.extend(found);
}

/// Why reading a whole input into memory failed.
#[derive(Debug)]
pub enum LimitError {
    /// The input is larger than the limit.
    TooLarge,
    /// The stream failed.
    Io(io::Error),
}

impl LimitError {
    /// As a [`ReadError`] for `name`.
    pub fn into_read_error(self, name: &str, max: u64) -> ReadError {
        match self {
            LimitError::TooLarge => ReadError::new(
                name,
                ErrorKind::TooLarge,
                format!(
                    "the input is larger than the {max}-byte limit for one document; \
                     raise it with --max-bytes, or split the input (JSON Lines and WARC \
                     are streamed record by record)"
                ),
            ),
            LimitError::Io(e) => io_error(name, e),
        }
    }
}

/// Reads all of `input` if it is at most `max` bytes.
pub fn read_limited(input: &mut dyn Read, max: u64) -> Result<Vec<u8>, LimitError> {
    let mut buf = Vec::new();
    let n = input
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(LimitError::Io)?;
    if n as u64 > max {
        return Err(LimitError::TooLarge);
    }
    Ok(buf)
}

/// Turns an IO error into a [`ReadError`], recognising our marked gzip failures.
pub fn io_error(name: &str, e: io::Error) -> ReadError {
    if e.get_ref().is_some_and(|inner| inner.is::<GzipError>()) {
        ReadError::new(
            name,
            ErrorKind::Gzip,
            format!("corrupt or truncated gzip stream: {e}"),
        )
    } else if e.kind() == io::ErrorKind::UnexpectedEof {
        ReadError::new(
            name,
            ErrorKind::Gzip,
            "the compressed stream ends early (truncated gzip)",
        )
    } else {
        ReadError::new(name, ErrorKind::Io, e.to_string())
    }
}

/// Marks IO errors that came from the gzip decoder.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct GzipError(String);

struct GzipErrors<R> {
    inner: R,
}

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner
            .read(buf)
            .map_err(|e| io::Error::new(e.kind(), GzipError(e.to_string())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content_then_extension() {
        assert_eq!(detect("txt", b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(detect("", b"<?xml version='1.0'?><rss>"), InputFormat::Feed);
        assert_eq!(
            detect("", b"\xEF\xBB\xBF <!DOCTYPE html><html>"),
            InputFormat::Html
        );
        assert_eq!(detect("txt", b"{\"id\": 1}\n"), InputFormat::Jsonl);
        assert_eq!(detect("txt", b"Headline\n\nBody."), InputFormat::Text);
        assert_eq!(detect("jsonl", b""), InputFormat::Jsonl);
    }

    #[test]
    fn stems() {
        assert_eq!(stem_of("a/b/000_x.txt"), "000_x");
        assert_eq!(stem_of("page.html.gz"), "page");
        assert_eq!(stem_of("-"), "-");
    }

    #[test]
    fn limit() {
        assert!(matches!(
            read_limited(&mut &b"12345"[..], 4),
            Err(LimitError::TooLarge)
        ));
        assert_eq!(read_limited(&mut &b"1234"[..], 4).unwrap(), b"1234");
    }
}
