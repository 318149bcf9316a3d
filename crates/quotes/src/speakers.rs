//! Speakers: from a span of the text (the subject of a cue, the name of a caption) to a
//! person or office with a name, a CAMEO actor code and a role.
//!
//! The actor mentions of `tacitus_annotate::actors` do the heavy lifting: a span is resolved
//! through the mention that covers it. On top of them:
//!
//! - a personal pronoun ("he added") takes the speaker of the nearest quotation before it
//!   within a few paragraphs, which is how news writes "he" after a quotation; failing that,
//!   the pronoun's own resolution by the actor stage;
//! - a definite noun the actor stage tied to an earlier mention without a name ("the
//!   spokesman" after "a Number 10 spokesman") is named by that earlier mention;
//! - a span no mention covers keeps its text, with no name and no code.

use serde::Serialize;
use tacitus_annotate::actors::{DocumentActors, EntityType, Mention, Method};
use tacitus_model::{BlockKind, Document, Sentence, Span};

use crate::quotes::{Quotation, Speaker};

/// How a speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerMethod {
    /// The subject of the cue.
    Subject,
    /// The name before a caption's colon.
    Caption,
    /// A pronoun, resolved to the speaker of the quotation before it.
    Pronoun,
    /// The speaker of the quotation before, the quotation running on.
    Previous,
    /// The object of "according to".
    According,
    /// The actor mention nearest the cue (the parse gave the cue no subject).
    Nearest,
    /// The subject of the sentence before a quotation standing alone.
    Context,
}

/// How many body paragraphs back a pronoun may look for the previous speaker.
const PRONOUN_REACH: usize = 3;

/// Resolves speaker spans of one document.
pub struct Resolver<'a> {
    doc: &'a Document,
    actors: &'a DocumentActors,
}

fn is_personal_pronoun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "he" | "she" | "him" | "her" | "i" | "we" | "they"
    )
}

impl<'a> Resolver<'a> {
    /// A resolver over a document and its actors.
    pub fn new(doc: &'a Document, actors: &'a DocumentActors) -> Resolver<'a> {
        Resolver { doc, actors }
    }

    /// The longest actor mention overlapping `span` (people and organisations before places).
    fn mention(&self, span: Span) -> Option<&'a Mention> {
        let ms = &self.actors.mentions;
        let from = ms.partition_point(|m| m.span.end <= span.start.saturating_sub(200));
        ms[from..]
            .iter()
            .take_while(|m| m.span.start < span.end)
            .filter(|m| m.span.start < span.end && span.start < m.span.end)
            .max_by_key(|m| {
                (
                    m.kind != EntityType::Place,
                    m.span.len(),
                    std::cmp::Reverse(m.span.start),
                )
            })
    }

    /// The name of a mention: its own, else the earlier mention it refers back to (same code,
    /// same head word), else its text.
    fn name_of(&self, m: &Mention) -> String {
        if let Some(n) = &m.name {
            return n.clone();
        }
        if matches!(m.method, Method::Coreference | Method::Pronoun) {
            let head = m
                .text
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            if let Some(a) = self.actors.mentions.iter().rev().find(|a| {
                a.span.end <= m.span.start
                    && a.code == m.code
                    && !matches!(a.method, Method::Coreference | Method::Pronoun)
                    && a.text
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| w.to_lowercase() == head)
            }) {
                return a.name.clone().unwrap_or_else(|| a.text.clone());
            }
        }
        m.text.clone()
    }

    /// The body-paragraph distance between two paragraphs.
    fn gap(&self, from: usize, to: usize) -> usize {
        if to <= from {
            return 0;
        }
        self.doc.paragraphs[from..to]
            .iter()
            .filter(|p| p.kind == BlockKind::Body)
            .count()
    }

    /// The speaker over `span`, resolved.
    pub fn span(&self, span: Span, method: SpeakerMethod, earlier: &[Quotation]) -> Speaker {
        let text = span.slice(&self.doc.text).to_string();
        let mention = self.mention(span);
        let mut speaker = Speaker {
            text: text.clone(),
            name: None,
            code: None,
            role: None,
            start: span.start,
            end: span.end,
            method,
        };
        if is_personal_pronoun(&text) {
            let para = self.paragraph_of(span.start);
            let prev = earlier
                .iter()
                .filter(|q| q.end <= span.start && q.kind != crate::QuoteKind::Caption)
                .filter_map(|q| q.speaker.as_ref().map(|s| (q, s)))
                .filter(|(_, s)| s.start != span.start)
                .max_by_key(|(q, _)| q.end);
            let plural = matches!(text.to_lowercase().as_str(), "we" | "they");
            if let Some((q, s)) = prev
                && self.gap(q.paragraph, para) <= PRONOUN_REACH
                && (plural || s.role.as_deref() != Some("organisation") || s.name.is_none())
            {
                speaker.name = s.name.clone();
                speaker.code = s.code.clone();
                speaker.role = s.role.clone();
                speaker.method = SpeakerMethod::Pronoun;
                return speaker;
            }
        }
        if let Some(m) = mention {
            speaker.name = Some(self.name_of(m));
            speaker.code = m.code.clone();
            speaker.role = Some(m.kind.as_str().to_string());
            // The mention's span is the speaker span when one holds the other.
            if span.contains(m.span) || m.span.contains(span) {
                speaker.start = m.span.start;
                speaker.end = m.span.end;
                speaker.text = m.text.clone();
            }
        }
        speaker
    }

    fn paragraph_of(&self, pos: usize) -> usize {
        self.doc
            .paragraphs
            .partition_point(|p| p.span.end <= pos)
            .min(self.doc.paragraphs.len().saturating_sub(1))
    }

    /// The speaker whose head is token `tok` of sentence `si` (the subject of a cue).
    pub fn subject(&self, si: usize, tok: usize, earlier: &[Quotation]) -> Speaker {
        let s = &self.doc.sentences[si];
        let span = self.head_phrase(s, tok);
        self.span(span, SpeakerMethod::Subject, earlier)
    }

    /// The noun phrase headed by token `tok`: its name, compound and modifier children that
    /// touch it, without a leading determiner.
    fn head_phrase(&self, s: &Sentence, tok: usize) -> Span {
        let n = s.tokens.len();
        let mut lo = tok;
        let mut hi = tok;
        let attached = |j: usize| {
            s.tokens[j].head == Some(tok as u32 + 1)
                && matches!(
                    s.tokens[j].deprel.as_deref(),
                    Some("compound" | "flat" | "flat:name" | "amod" | "nummod" | "nmod:poss")
                )
        };
        while lo > 0 && attached(lo - 1) {
            lo -= 1;
        }
        while hi + 1 < n && attached(hi + 1) {
            hi += 1;
        }
        Span::new(s.tokens[lo].span.start, s.tokens[hi].span.end)
    }

    /// The speaker in a phrase: the leftmost (then longest) person or organisation mention
    /// inside it, else the phrase without a leading article.
    pub fn phrase(&self, span: Span, method: SpeakerMethod, earlier: &[Quotation]) -> Speaker {
        let inside = self
            .actors
            .mentions
            .iter()
            .filter(|m| span.contains(m.span) && m.kind != EntityType::Place)
            .min_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.len())));
        if let Some(m) = inside {
            return self.span(m.span, method, earlier);
        }
        let mut span = span;
        let t = span.slice(&self.doc.text);
        for article in ["a ", "an ", "the ", "A ", "An ", "The "] {
            if t.starts_with(article) && t.len() > article.len() {
                span.start += article.len();
                break;
            }
        }
        self.span(span, method, earlier)
    }

    /// "according to X": the mention or noun phrase starting at token `from`.
    pub fn after(&self, si: usize, from: usize, earlier: &[Quotation]) -> Option<Speaker> {
        let s = &self.doc.sentences[si];
        let t = s.tokens.get(from)?;
        if let Some(m) = self.mention(t.span) {
            return Some(self.span(m.span, SpeakerMethod::According, earlier));
        }
        // The head of the phrase: the first token whose head lies before `from`.
        let n = s.tokens.len();
        let head = (from..n)
            .find(|&j| s.tokens[j].head.is_some_and(|h| (h as usize) <= from))
            .unwrap_or(from);
        let mut sp = self.span(self.head_phrase(s, head), SpeakerMethod::According, earlier);
        sp.method = SpeakerMethod::According;
        Some(sp)
    }

    /// The actor mention nearest the cue in its sentence, outside the quotation, when the
    /// parse gave the cue no subject.
    pub fn nearest(
        &self,
        si: usize,
        cue: usize,
        quote: &Quotation,
        earlier: &[Quotation],
    ) -> Option<Speaker> {
        let s = &self.doc.sentences[si];
        let cue_span = s.tokens[cue].span;
        let m = self
            .actors
            .mentions
            .iter()
            .filter(|m| s.span.contains(m.span))
            .filter(|m| m.span.end <= quote.start || m.span.start >= quote.end)
            .filter(|m| m.kind != EntityType::Place)
            .filter(|m| {
                // Only the phrase right by the cue: nothing but spaces or a comma between.
                let gap = if m.span.end <= cue_span.start {
                    Span::new(m.span.end, cue_span.start)
                } else {
                    Span::new(cue_span.end, m.span.start)
                };
                gap.slice(&self.doc.text)
                    .chars()
                    .all(|c| c.is_whitespace() || c == ',')
                    && gap.len() <= 3
            })
            .min_by_key(|m| m.span.start.abs_diff(cue_span.start))?;
        let mut sp = self.span(m.span, SpeakerMethod::Nearest, earlier);
        if sp.method == SpeakerMethod::Subject {
            sp.method = SpeakerMethod::Nearest;
        }
        Some(sp)
    }
}
