//! `tacitus read`: documents as JSON Lines or a readable table.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use tacitus_model::{Diagnostic, Document, InputFormat, Instant};
use tacitus_text::{ReadOptions, Reader, read::DEFAULT_MAX_BYTES};

/// How to print documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per document, one per line (the default when output is a pipe).
    Json,
    /// A readable view (the default on a terminal).
    Table,
}

/// Input formats a user can force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// Plain news text.
    Text,
    /// HTML page.
    Html,
    /// JSON Lines, one article per line.
    Jsonl,
    /// RSS 2.0 or Atom feed.
    Feed,
    /// WARC file.
    Warc,
}

impl From<InputArg> for InputFormat {
    fn from(a: InputArg) -> Self {
        match a {
            InputArg::Text => InputFormat::Text,
            InputArg::Html => InputFormat::Html,
            InputArg::Jsonl => InputFormat::Jsonl,
            InputArg::Feed => InputFormat::Feed,
            InputArg::Warc => InputFormat::Warc,
        }
    }
}

/// Options shared by every command that reads articles.
#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Files, directories (read recursively) or glob patterns; `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Largest single document (text, HTML, feed) read into memory, in bytes. JSON Lines and
    /// WARC are streamed and apply it to each record.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InputArg>,
}

impl InputArgs {
    /// The reader these options describe.
    pub fn reader(&self) -> Reader {
        Reader::new(ReadOptions {
            max_bytes: self.max_bytes,
            format: self.input_format.map(Into::into),
        })
    }
}

/// Arguments of `tacitus read`.
#[derive(Args, Debug)]
pub struct ReadArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format (default: json when output is a pipe, table on a terminal).
    #[arg(long, value_enum)]
    format: Option<OutputFormat>,
    /// Include each sentence's tokens in JSON output.
    #[arg(long)]
    tokens: bool,
    /// Include the normalized text and the offset map in JSON output.
    #[arg(long)]
    full: bool,
}

/// Runs `tacitus read`.
pub fn run(args: &ReadArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Json
    });
    each_document(&args.input, |out, doc| match format {
        OutputFormat::Json => write_json(out, &doc, args.tokens, args.full),
        OutputFormat::Table => write_table(out, &doc),
    })
}

/// Reads every input and hands each document, with buffered standard output, to `each`. An
/// input that cannot be read is reported on standard error and counted, and the others go on;
/// a failed write (a closed pipe) stops the run. Exit code 0, or 1 when some inputs failed.
pub fn each_document(
    input: &InputArgs,
    mut each: impl FnMut(&mut dyn Write, Document) -> io::Result<()>,
) -> Result<ExitCode> {
    let reader = input.reader();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failures = 0usize;
    let mut documents = 0usize;
    let mut write_error: Option<io::Error> = None;
    let summary = reader.read_paths(&input.paths, &mut |result| {
        if write_error.is_some() {
            return;
        }
        let written = match result {
            Ok(doc) => {
                documents += 1;
                each(&mut out, doc)
            }
            Err(e) => {
                failures += 1;
                eprintln!("tacitus: {e}");
                Ok(())
            }
        };
        if let Err(e) = written {
            write_error = Some(e);
        }
    });
    if let Some(e) = write_error {
        return Err(e.into());
    }
    out.flush()?;
    if let Some(skipped) = summary.skipped_line() {
        eprintln!("tacitus: skipped (no article in them): {skipped}");
    }
    if failures > 0 {
        eprintln!("tacitus: read {documents} documents; {failures} inputs or records failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The JSON shape of a document printed by `tacitus read` (docs/document-model.md).
#[derive(Serialize)]
struct DocView<'a> {
    id: &'a str,
    source: &'a str,
    format: InputFormat,
    title: Option<&'a str>,
    published: Option<String>,
    updated: Option<String>,
    published_local: Option<String>,
    updated_local: Option<String>,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    byline: Option<&'a str>,
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    paragraphs: Vec<SpanView<'a>>,
    sentences: Vec<SentenceView<'a>>,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offsets: Option<&'a tacitus_model::OffsetMap>,
}

#[derive(Serialize)]
struct SpanView<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: &'static str,
}

#[derive(Serialize)]
struct SentenceView<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    kind: &'static str,
    paragraph: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenView<'a>>>,
}

#[derive(Serialize)]
struct TokenView<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn instant(i: Option<&Instant>) -> Option<String> {
    i.map(Instant::rfc3339)
}

fn write_json(out: &mut dyn Write, doc: &Document, tokens: bool, full: bool) -> io::Result<()> {
    let m = &doc.meta;
    let view = DocView {
        id: &doc.id,
        source: &m.source,
        format: m.format,
        title: m.title.as_deref(),
        published: instant(m.published.as_ref()),
        updated: instant(m.updated.as_ref()),
        published_local: m.published.as_ref().map(Instant::local_rfc3339),
        updated_local: m.updated.as_ref().map(Instant::local_rfc3339),
        url: m.url.as_deref(),
        outlet: m.outlet.as_deref(),
        byline: m.byline.as_deref(),
        language: m.language.as_deref(),
        extra: &m.extra,
        paragraphs: doc
            .paragraphs
            .iter()
            .map(|p| SpanView {
                text: doc.slice(p.span),
                start: p.span.start,
                end: p.span.end,
                kind: p.kind.as_str(),
            })
            .collect(),
        sentences: doc
            .sentences
            .iter()
            .map(|s| SentenceView {
                text: doc.slice(s.span),
                start: s.span.start,
                end: s.span.end,
                kind: s.kind.as_str(),
                paragraph: s.paragraph,
                tokens: tokens.then(|| {
                    s.tokens
                        .iter()
                        .map(|t| TokenView {
                            text: doc.slice(t.span),
                            start: t.span.start,
                            end: t.span.end,
                        })
                        .collect()
                }),
            })
            .collect(),
        diagnostics: &doc.diagnostics,
        text: full.then_some(doc.text.as_str()),
        offsets: full.then_some(&doc.offsets),
    };
    serde_json::to_writer(&mut *out, &view)?;
    out.write_all(b"\n")
}

fn write_table(out: &mut dyn Write, doc: &Document) -> io::Result<()> {
    let m = &doc.meta;
    writeln!(out, "== {} ({})", doc.id, m.source)?;
    if let Some(t) = &m.title {
        writeln!(out, "   title:     {t}")?;
    }
    if let Some(p) = &m.published {
        writeln!(out, "   published: {} ({})", p.rfc3339(), p.local_rfc3339())?;
    }
    if let Some(u) = &m.updated {
        writeln!(out, "   updated:   {} ({})", u.rfc3339(), u.local_rfc3339())?;
    }
    for (label, v) in [
        ("url", &m.url),
        ("outlet", &m.outlet),
        ("byline", &m.byline),
    ] {
        if let Some(v) = v {
            writeln!(out, "   {label:<10} {v}")?;
        }
    }
    let mut last_para = usize::MAX;
    for (i, s) in doc.sentences.iter().enumerate() {
        let mark = if s.paragraph != last_para { '¶' } else { ' ' };
        last_para = s.paragraph;
        writeln!(
            out,
            "{mark}{i:>4} {:<8} {}",
            s.kind.as_str(),
            doc.slice(s.span)
        )?;
    }
    for d in &doc.diagnostics {
        writeln!(out, "   ! {:?} {}: {}", d.severity, d.code, d.message)?;
    }
    writeln!(out)
}
