//! Documents, spans, paragraphs, sentences, tokens and diagnostics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Instant, OffsetMap};

/// A half-open byte range `start..end` into [`Document::text`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies wholly inside this span.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text the span covers, or `""` if it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// What a block of text is in the article's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The article's title or headline.
    Headline,
    /// A line stating when (and sometimes where or by whom) the article was published.
    Dateline,
    /// The author line.
    Byline,
    /// A pull quote, picture caption or other text set apart from the running story.
    Caption,
    /// The running story.
    Body,
}

impl BlockKind {
    /// The lower-case name used in JSON (`headline`, `body` ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Dateline => "dateline",
            BlockKind::Byline => "byline",
            BlockKind::Caption => "caption",
            BlockKind::Body => "body",
        }
    }
}

/// A paragraph: a block of the article with one layout kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Where the paragraph lies in the text.
    #[serde(flatten)]
    pub span: Span,
    /// Its layout kind.
    pub kind: BlockKind,
}

/// A token: a word, number or punctuation mark, with the grammar later stages add.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token lies in the text.
    #[serde(flatten)]
    pub span: Span,
    /// Universal part of speech, once tagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upos: Option<String>,
    /// Penn Treebank tag, once tagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xpos: Option<String>,
    /// Lemma, once lemmatized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<String>,
    /// Index of the head token within the sentence, 1-based, 0 for the root; once parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<u32>,
    /// Universal Dependencies relation to the head, once parsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<String>,
}

impl Token {
    /// A bare token over `span`.
    pub fn new(span: Span) -> Token {
        Token {
            span,
            ..Token::default()
        }
    }
}

/// A sentence, or a unit of its own such as a headline or dateline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence lies in the text.
    #[serde(flatten)]
    pub span: Span,
    /// The layout kind of the paragraph it belongs to.
    pub kind: BlockKind,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph: usize,
    /// Its tokens, in order.
    #[serde(default)]
    pub tokens: Vec<Token>,
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something a user may want to know (a legacy encoding was converted).
    Info,
    /// The document was read, but part of it may be wrong or missing.
    Warning,
    /// The document could not be read in full.
    Error,
}

/// A problem met while reading or annotating a document. Carried with the document, never a
/// panic and never an abort of the batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// A stable machine-readable code, such as `encoding.windows-1252` or `html.no-article`.
    pub code: String,
    /// What happened, for people.
    pub message: String,
    /// Where in the text, if it concerns a part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic with no span.
    pub fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            span: None,
        }
    }
}

/// The input format a document was read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain news text: headline, dateline, paragraphs separated by blank lines.
    #[default]
    Text,
    /// An HTML page.
    Html,
    /// A line of a JSON Lines file.
    Jsonl,
    /// An item of an RSS 2.0 or Atom feed.
    Feed,
    /// A response record of a WARC file.
    Warc,
}

/// What is known about an article besides its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Where the document came from: a file path, `path#line`, `path#record` or `-` for stdin.
    pub source: String,
    /// The format it was read from.
    pub format: InputFormat,
    /// Canonical URL, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet (publisher or site name), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The author line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// When it was first published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Instant>,
    /// When it was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Instant>,
    /// ISO 639-1 language code, if stated or detected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Fields of the input this model has no place for, kept as they were.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// An article: normalized text and everything laid over it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// A stable identifier: the input's own id where it has one, else derived from the source.
    pub id: String,
    /// Metadata.
    pub meta: Metadata,
    /// The normalized text: UTF-8, paragraphs separated by a blank line (`\n\n`).
    pub text: String,
    /// Paragraphs in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// From the text back to the raw input.
    pub offsets: OffsetMap,
    /// Problems met on the way.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Adds a diagnostic.
    pub fn diagnose(&mut self, severity: Severity, code: &str, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(severity, code, message));
    }

    /// Checks the model's invariants (see the crate docs); returns the first broken one.
    pub fn validate(&self) -> Result<(), String> {
        let text = &self.text;
        let ok = |s: Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        let mut prev_end = 0;
        for (i, p) in self.paragraphs.iter().enumerate() {
            if !ok(p.span) || p.span.start < prev_end {
                return Err(format!("paragraph {i} has a bad span {:?}", p.span));
            }
            prev_end = p.span.end;
        }
        let mut prev_end = 0;
        for (i, s) in self.sentences.iter().enumerate() {
            if !ok(s.span) || s.span.start < prev_end {
                return Err(format!("sentence {i} has a bad span {:?}", s.span));
            }
            prev_end = s.span.end;
            match self.paragraphs.get(s.paragraph) {
                Some(p) if p.span.contains(s.span) => {}
                _ => {
                    return Err(format!(
                        "sentence {i} is not inside paragraph {}",
                        s.paragraph
                    ));
                }
            }
            let mut tok_end = s.span.start;
            for (j, t) in s.tokens.iter().enumerate() {
                if !ok(t.span) || t.span.start < tok_end || !s.span.contains(t.span) {
                    return Err(format!(
                        "token {j} of sentence {i} has a bad span {:?}",
                        t.span
                    ));
                }
                tok_end = t.span.end;
            }
        }
        let mut prev_end = 0;
        for seg in &self.offsets.segments {
            if seg.text_start < prev_end || seg.text_start + seg.len > text.len() {
                return Err(format!("offset segment {seg:?} is out of order or range"));
            }
            prev_end = seg.text_start + seg.len;
        }
        Ok(())
    }
}
