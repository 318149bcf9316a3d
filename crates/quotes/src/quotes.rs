//! Quotation detection: direct, partial, caption and indirect quotations, each with its cue
//! and speaker.
//!
//! The steps, in order:
//!
//! 1. [`marks::scan`] pairs the quotation marks of the document.
//! 2. Each quoted stretch is classified: a **caption** ("Hague: \"...\"": a short name and a
//!    colon before the mark, the quotation running to the end of the paragraph), a **partial**
//!    quotation (words run into it from the sentence: "warned ... that \"we will not abandon\"
//!    the people"; or a few quoted words nobody is said to have said), or a **direct**
//!    quotation.
//! 3. The cue of a direct quotation is the speech verb nearest to it outside any quotation in
//!    the sentences where it opens and closes ("\"...,\" a spokesman said"; "The spokesman
//!    said: \"...\""), or in the sentence before when that sentence ends with a colon ("Caddell
//!    continued:"), else the main verb of a colon sentence, else a dash and a name after the
//!    closing mark (a signature). A partial quotation takes the speech verb that governs it in
//!    the tree. A direct quotation alone in its sentences takes the speaker of the quotation
//!    just before it when that one ended in the same or the previous paragraph (a speaker's
//!    quotation running on over paragraphs that each close their marks), else the person the
//!    sentence before is about.
//! 4. **Indirect** speech: a speech verb outside every quotation with a subject (its own or
//!    that of the verb it is coordinated with) and a clausal complement ("Hague said he would
//!    meet ..."), a clause before a closing "..., X said", or a clause with "according to X";
//!    and a headline "Name: what they said" when the name is a known person.
//! 5. The speaker is the words between a quotation and a following cue, the phrase after an
//!    inverted cue ("said Caddell"), or the subject of the cue, resolved by [`speakers`].
//!
//! [`speakers`]: crate::speakers

use serde::Serialize;
use tacitus_annotate::actors::DocumentActors;
use tacitus_model::{BlockKind, Document, Sentence, Span, Token};

use crate::cues::speech_lemma;
use crate::marks::{self, Quoted};
use crate::speakers::{Resolver, SpeakerMethod};

/// What kind of quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Whole sentences in quotation marks.
    Direct,
    /// Quoted words inside a sentence of the reporter's.
    Partial,
    /// A pull quote or caption: "Name: \"...\""; or a headline "Name: what they said"
    /// without marks (then not direct).
    Caption,
    /// Reported speech without quotation marks, governed by a speech verb.
    Indirect,
}

impl QuoteKind {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Caption => "caption",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Who said a quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The text of the speaker span ("he", "a Number 10 spokesman", "Hague").
    pub text: String,
    /// The canonical name of the person or office, when resolved ("William Hague", "Number 10
    /// spokesman").
    pub name: Option<String>,
    /// The CAMEO actor code, when resolved ("GBRGOV").
    pub code: Option<String>,
    /// The role, when the actor stage gives one: the mention type (person, organisation,
    /// group, place).
    pub role: Option<String>,
    /// First byte of the speaker span in the document text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// How the speaker was found.
    pub method: SpeakerMethod,
}

/// How a quotation is tied to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    /// A cue in the quotation's own sentences (or the colon sentence before it).
    Cue,
    /// The name before the colon of a caption.
    Caption,
    /// The speaker of the quotation just before, the quotation running on.
    Previous,
    /// The person the sentence before the quotation is about.
    Context,
    /// No speaker could be determined.
    None,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quotation {
    /// The quoted text: between the marks for a direct quotation (a trailing comma dropped),
    /// the reported clause for indirect speech.
    pub text: String,
    /// First byte of the quotation in the document text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// True for words in quotation marks, false for indirect speech and unmarked headlines.
    pub direct: bool,
    /// The construction.
    pub kind: QuoteKind,
    /// The speaker, or `None` when it could not be determined.
    pub speaker: Option<Speaker>,
    /// The cue ("said", "added", "according to", ":" for a caption), when there is one.
    pub cue: Option<String>,
    /// Where the cue lies.
    pub cue_span: Option<Span>,
    /// How the quotation was tied to its speaker.
    pub attribution: Attribution,
    /// Index of the first sentence the quotation touches.
    pub first_sentence: usize,
    /// Index of the last sentence the quotation touches.
    pub last_sentence: usize,
    /// Index of the paragraph where it starts.
    pub paragraph: usize,
    /// False when a direct quotation's closing mark was never found.
    pub closed: bool,
}

/// A cue found for a quotation: the sentence and the token.
#[derive(Debug, Clone, Copy)]
struct Cue {
    sentence: usize,
    token: usize,
    /// "according to": the speaker is the object after the phrase.
    according: bool,
}

/// The index of the sentence holding byte `pos` (or the first after it).
fn sentence_at(doc: &Document, pos: usize) -> usize {
    doc.sentences
        .partition_point(|s| s.span.end <= pos)
        .min(doc.sentences.len().saturating_sub(1))
}

fn inside_any(quoted: &[Quoted], span: Span) -> bool {
    quoted
        .iter()
        .any(|q| span.start < q.close_end && q.open < span.end)
}

fn is_word(t: &Token, text: &str) -> bool {
    t.upos.as_deref() != Some("PUNCT") && t.span.slice(text).chars().any(char::is_alphanumeric)
}

/// The children of token `i` (0-based) in a sentence.
fn children(s: &Sentence, i: usize) -> impl Iterator<Item = usize> + '_ {
    s.tokens
        .iter()
        .enumerate()
        .filter(move |(_, t)| t.head == Some(i as u32 + 1))
        .map(|(j, _)| j)
}

/// The first and last token (0-based, inclusive) of the subtree of `i`.
fn subtree(s: &Sentence, i: usize) -> (usize, usize) {
    let n = s.tokens.len();
    let mut lo = i;
    let mut hi = i;
    for j in 0..n {
        // Walk up from j; bounded by the sentence length so a cyclic tree cannot loop.
        let mut k = j;
        for _ in 0..n {
            if k == i {
                lo = lo.min(j);
                hi = hi.max(j);
                break;
            }
            match s.tokens[k].head {
                Some(h) if h > 0 && (h as usize) <= n => k = h as usize - 1,
                _ => break,
            }
        }
    }
    (lo, hi)
}

/// The subject of token `i`, or of the verb it is coordinated with or hangs from ("Rubio
/// thanked Miami and said ..."; "Trump posted a tweet, saying ...").
fn inherited_subject(s: &Sentence, i: usize) -> Option<usize> {
    let mut k = i;
    for _ in 0..4 {
        if let Some(subj) = subject(s, k) {
            return Some(subj);
        }
        let climbs = matches!(
            s.tokens[k].deprel.as_deref(),
            Some("conj" | "xcomp" | "advcl")
        );
        match s.tokens[k].head {
            Some(h) if climbs && h > 0 && (h as usize) <= s.tokens.len() => k = h as usize - 1,
            _ => return None,
        }
    }
    None
}

/// The subject of token `i`, if it has one.
fn subject(s: &Sentence, i: usize) -> Option<usize> {
    children(s, i).find(|&j| {
        s.tokens[j]
            .deprel
            .as_deref()
            .is_some_and(|d| d == "nsubj" || d.starts_with("nsubj:"))
    })
}

/// Indirect speech found before speakers are resolved.
struct Reported {
    sentence: usize,
    cue: usize,
    /// The subject of the cue, or `None` for "according to X".
    subject: Option<usize>,
    span: Span,
}

/// Finds all the quotations of a parsed document whose actors have been recognised.
pub fn find_quotations(doc: &Document, actors: &DocumentActors) -> Vec<Quotation> {
    let mut out: Vec<Quotation> = Vec::new();
    if doc.sentences.is_empty() {
        return out;
    }
    let quoted = marks::scan(doc);
    let resolver = Resolver::new(doc, actors);
    let reported = indirect(doc, actors, &quoted);
    // Quotations are attributed in text order, so that a pronoun or a quotation running on
    // finds the speakers before it.
    let mut order: Vec<(usize, bool, usize)> = quoted
        .iter()
        .enumerate()
        .map(|(i, q)| (q.open, true, i))
        .chain(
            reported
                .iter()
                .enumerate()
                .map(|(i, r)| (r.span.start, false, i)),
        )
        .collect();
    order.sort();
    for (_, marked, i) in order {
        let quote = if marked {
            marked_quotation(doc, &quoted, i, &resolver, &out)
        } else {
            Some(reported_quotation(doc, &reported[i], &resolver, &out))
        };
        out.extend(quote);
    }
    out.extend(headline_speech(doc, &quoted, &resolver));
    out.sort_by_key(|a| (a.start, a.end));
    out
}

/// The quotation of a stretch in quotation marks, attributed.
fn marked_quotation(
    doc: &Document,
    quoted: &[Quoted],
    qi: usize,
    resolver: &Resolver<'_>,
    earlier: &[Quotation],
) -> Option<Quotation> {
    let text = doc.text.as_str();
    let q = &quoted[qi];
    let others: Vec<Quoted> = quoted
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != qi)
        .map(|(_, o)| *o)
        .collect();
    let first = sentence_at(doc, q.open);
    let last = sentence_at(doc, q.close_end.saturating_sub(1).max(q.open));
    let mut content = q.content;
    // A trailing comma stands for the full stop the quotation ended with.
    while let Some(t) = content.slice(text).strip_suffix(',') {
        content.end = content.start + t.trim_end().len();
    }
    if content.is_empty() {
        return None;
    }
    let base = Quotation {
        text: content.slice(text).to_string(),
        start: content.start,
        end: content.end,
        direct: true,
        kind: QuoteKind::Direct,
        speaker: None,
        cue: None,
        cue_span: None,
        attribution: Attribution::None,
        first_sentence: first,
        last_sentence: last,
        paragraph: q.first_paragraph,
        closed: q.closed,
    };
    let para = &doc.paragraphs[q.first_paragraph];
    let before = text.get(para.span.start..q.open).unwrap_or("");
    // Caption: "Name: "..."" with the quotation running to the paragraph's end.
    let set_apart = matches!(para.kind, BlockKind::Caption | BlockKind::Headline);
    if let Some(name) = caption_name(before, set_apart)
        && q.last_paragraph == q.first_paragraph
        && text
            .get(q.close_end..para.span.end)
            .is_some_and(|r| r.trim().is_empty())
    {
        let name_span = Span::new(para.span.start + name.0, para.span.start + name.1);
        let colon = text
            .get(name_span.end..q.open)
            .and_then(|r| r.find(':'))
            .map(|i| name_span.end + i);
        let speaker = resolver.span(name_span, SpeakerMethod::Caption, earlier);
        return Some(Quotation {
            kind: QuoteKind::Caption,
            cue: colon.map(|_| ":".to_string()),
            cue_span: colon.map(|c| Span::new(c, c + 1)),
            attribution: Attribution::Caption,
            speaker: Some(speaker),
            ..base
        });
    }
    if is_partial(text, para.span, q) {
        let mut quote = Quotation {
            kind: QuoteKind::Partial,
            ..base
        };
        if let Some(cue) = governing_cue(doc, first, q) {
            attach(&mut quote, doc, resolver, cue, earlier, None);
        }
        return Some(quote);
    }
    let mut quote = base;
    let cue =
        nearest_cue(doc, q, first, last, &others).or_else(|| colon_cue(doc, q, first, &others));
    if let Some(cue) = cue {
        attach(&mut quote, doc, resolver, cue, earlier, Some(q));
    } else if let Some((sp, dash)) = dash_speaker(doc, q, quoted, resolver, earlier) {
        quote.speaker = Some(sp);
        quote.cue = Some(dash.slice(&doc.text).to_string());
        quote.cue_span = Some(dash);
        quote.attribution = Attribution::Cue;
    } else if alone(doc, q, first, last) {
        let prev = earlier
            .iter()
            .filter(|p| p.kind != QuoteKind::Caption && p.end <= q.open)
            .max_by_key(|p| p.end);
        if let Some(prev) = prev
            && prev.speaker.is_some()
            && runs_on(doc, prev, q)
        {
            quote.speaker = prev.speaker.clone();
            if let Some(s) = quote.speaker.as_mut() {
                s.method = SpeakerMethod::Previous;
            }
            quote.attribution = Attribution::Previous;
        } else if let Some(sp) = context_speaker(doc, resolver, first, q, quoted, earlier) {
            quote.speaker = Some(sp);
            quote.attribution = Attribution::Context;
        }
    }
    let words = quote.text.split_whitespace().count();
    let term = words == 1
        && (quote.cue.is_none()
            || !quote.text.chars().any(char::is_alphabetic)
            || quote.text.contains(['@', '.', '/']) && !quote.text.ends_with(['.', '!', '?']));
    if term || (quote.speaker.is_none() && quote.cue.is_none() && words < 4) {
        // A few quoted words nobody is said to have said, or one word that is a number, a
        // handle or an address: a title, a name or a term, not a quotation of its own.
        quote.kind = QuoteKind::Partial;
    }
    Some(quote)
}

fn reported_quotation(
    doc: &Document,
    r: &Reported,
    resolver: &Resolver<'_>,
    earlier: &[Quotation],
) -> Quotation {
    let text = doc.text.as_str();
    let s = &doc.sentences[r.sentence];
    let (cue, speaker) = match r.subject {
        Some(subj) => (
            s.tokens[r.cue].span,
            Some(resolver.subject(r.sentence, subj, earlier)),
        ),
        None => {
            let to = s
                .tokens
                .get(r.cue + 1)
                .map_or(s.tokens[r.cue].span, |t| t.span);
            (
                Span::new(s.tokens[r.cue].span.start, to.end),
                resolver.after(r.sentence, r.cue + 2, earlier),
            )
        }
    };
    Quotation {
        text: r.span.slice(text).to_string(),
        start: r.span.start,
        end: r.span.end,
        direct: false,
        kind: QuoteKind::Indirect,
        speaker,
        cue: Some(cue.slice(text).to_string()),
        cue_span: Some(cue),
        attribution: Attribution::Cue,
        first_sentence: r.sentence,
        last_sentence: r.sentence,
        paragraph: s.paragraph,
        closed: true,
    }
}

/// A headline "Name: what they said" without quotation marks ("Pat Caddell: Democrat Voters
/// Worried ..."), when the name is a person the actor stage knows: reported speech of that
/// person, with the colon as its cue.
fn headline_speech(
    doc: &Document,
    quoted: &[Quoted],
    resolver: &Resolver<'_>,
) -> Option<Quotation> {
    let text = doc.text.as_str();
    let (pi, p) = doc
        .paragraphs
        .iter()
        .enumerate()
        .find(|(_, p)| p.kind == BlockKind::Headline)?;
    if inside_any(quoted, p.span) {
        return None;
    }
    let ptext = p.span.slice(text);
    let colon = ptext.find(": ")?;
    let (a, b) = caption_name(&ptext[..=colon], false)?;
    let name = Span::new(p.span.start + a, p.span.start + b);
    let speaker = resolver.span(name, SpeakerMethod::Caption, &[]);
    if speaker.role.as_deref() != Some("person") || speaker.end != name.end {
        return None;
    }
    let rest = &ptext[colon + 1..];
    let lead = rest.len() - rest.trim_start().len();
    let start = p.span.start + colon + 1 + lead;
    let content = Span::new(start, p.span.end - (rest.len() - rest.trim_end().len()));
    if content.is_empty() {
        return None;
    }
    let sentence = sentence_at(doc, start);
    Some(Quotation {
        text: content.slice(text).to_string(),
        start: content.start,
        end: content.end,
        direct: false,
        kind: QuoteKind::Caption,
        speaker: Some(speaker),
        cue: Some(":".to_string()),
        cue_span: Some(Span::new(p.span.start + colon, p.span.start + colon + 1)),
        attribution: Attribution::Caption,
        first_sentence: sentence,
        last_sentence: sentence,
        paragraph: pi,
        closed: true,
    })
}

/// The name before a caption's colon, as offsets into `before`: one to five words and a
/// colon, all capitalised unless the paragraph is a caption or headline.
fn caption_name(before: &str, set_apart: bool) -> Option<(usize, usize)> {
    let b = before.trim_end();
    let name = b.strip_suffix(':')?.trim_end();
    let lead = name.len() - name.trim_start().len();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || name.contains(['"', '“', '”', ',', ';']) {
        return None;
    }
    let upper = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let ok = if set_apart {
        words.first().is_some_and(upper)
    } else {
        words.iter().all(upper)
    };
    ok.then_some((lead, name.len()))
}

/// True when the quotation is run into a sentence of the reporter's: a word right before the
/// opening mark and either a word right after the closing mark or quoted words that do not
/// read as a sentence of their own.
fn is_partial(text: &str, para: Span, q: &Quoted) -> bool {
    let before = text.get(para.start..q.open).unwrap_or("").trim_end();
    let prev = before.chars().next_back();
    let word_before = prev.is_some_and(|c| c.is_alphanumeric());
    if !word_before {
        return false;
    }
    let inner = q.content.slice(text);
    let starts_lower = inner.chars().next().is_some_and(|c| !c.is_uppercase());
    let ends_sentence = inner
        .trim_end_matches(['"', '”', '’', '\''])
        .ends_with(['.', '!', '?']);
    let after = text.get(q.close_end..para.end).unwrap_or("");
    let word_after = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
        && !after.starts_with(['\n']);
    starts_lower || word_after || !ends_sentence
}

/// True when the quotation's sentences hold no word outside quotation marks.
fn alone(doc: &Document, q: &Quoted, first: usize, last: usize) -> bool {
    let text = doc.text.as_str();
    doc.sentences[first..=last].iter().all(|s| {
        s.tokens
            .iter()
            .filter(|t| t.span.end <= q.open || t.span.start >= q.close_end)
            .all(|t| !is_word(t, text))
    })
}

/// Body paragraphs between two paragraph indices (captions set apart do not count).
fn body_gap(doc: &Document, from: usize, to: usize) -> usize {
    if to <= from {
        return 0;
    }
    doc.paragraphs[from + 1..to]
        .iter()
        .filter(|p| p.kind == BlockKind::Body)
        .count()
}

/// True when `q` may continue the quotation `prev`: it starts in the paragraph where `prev`
/// ends or in the next body paragraph.
fn runs_on(doc: &Document, prev: &Quotation, q: &Quoted) -> bool {
    let prev_para = doc.sentences[prev.last_sentence].paragraph;
    q.first_paragraph >= prev_para && body_gap(doc, prev_para, q.first_paragraph) == 0
}

/// The speech verb nearest the quotation outside every quotation, in the sentences where it
/// opens and closes, or in the sentence before when that one ends with a colon.
fn nearest_cue(
    doc: &Document,
    q: &Quoted,
    first: usize,
    last: usize,
    others: &[Quoted],
) -> Option<Cue> {
    let text = doc.text.as_str();
    let mut best: Option<(usize, Cue)> = None;
    let consider =
        |best: &mut Option<(usize, Cue)>, si: usize, dist: &dyn Fn(&Token) -> Option<usize>| {
            let s = &doc.sentences[si];
            for (ti, t) in s.tokens.iter().enumerate() {
                let Some(d) = dist(t) else { continue };
                if inside_any(others, t.span) {
                    continue;
                }
                let according = is_according(s, ti, text);
                if (according || speech_lemma(t, text).is_some())
                    && best.as_ref().is_none_or(|(bd, _)| d < *bd)
                {
                    *best = Some((
                        d,
                        Cue {
                            sentence: si,
                            token: ti,
                            according,
                        },
                    ));
                }
            }
        };
    consider(&mut best, last, &|t: &Token| {
        (t.span.start >= q.close_end).then(|| t.span.start - q.close_end)
    });
    consider(&mut best, first, &|t: &Token| {
        (t.span.end <= q.open).then(|| q.open - t.span.end)
    });
    if best.is_none() && first > 0 {
        let prev = &doc.sentences[first - 1];
        let ends_colon = prev.span.slice(text).trim_end().ends_with(':');
        let words_before = doc.sentences[first]
            .tokens
            .iter()
            .any(|t| t.span.end <= q.open && is_word(t, text));
        let colon = Span::new(prev.span.end.saturating_sub(1), prev.span.end);
        if ends_colon && !words_before && !inside_any(others, colon) {
            consider(&mut best, first - 1, &|t: &Token| {
                Some(q.open.saturating_sub(t.span.end))
            });
        }
    }
    best.map(|(_, c)| c)
}

/// The tokens (first, last) of the clause a speech verb at `ti` reports: its clausal
/// complement ("Hague said he would ..."; "Trump is a liar, Clinton said" when the parse
/// makes the clause the complement), or, when the verb and its subject close the sentence
/// after a comma ("..., Clinton said on Tuesday."), everything before that comma.
fn reported_clause(s: &Sentence, ti: usize, subj: usize, text: &str) -> Option<(usize, usize)> {
    let comp = children(s, ti).find(|&j| s.tokens[j].deprel.as_deref() == Some("ccomp"));
    if let Some(c) = comp.filter(|&c| c > ti) {
        return Some(subtree(s, c));
    }
    // The verb closes the sentence: subject and verb after a comma, few words after. Read
    // from the words, not the tree, which often gets this order wrong.
    let (mut lo, _) = subtree(s, subj);
    while lo < subj && s.tokens[lo].upos.as_deref() == Some("PUNCT") {
        lo += 1;
    }
    let first = subj.min(ti).min(lo);
    let rest = s.tokens[ti + 1..]
        .iter()
        .filter(|t| t.upos.as_deref() != Some("PUNCT"))
        .count();
    if first >= 3
        && s.tokens[first - 1].span.slice(text) == ","
        && rest <= 8
        && s.tokens[ti].deprel.as_deref() != Some("ccomp")
    {
        return Some((0, first - 2));
    }
    comp.map(|c| subtree(s, c))
}

/// "According to X, CLAUSE." or "CLAUSE, according to X.": the clause is reported speech of
/// X.
fn according_clause(doc: &Document, si: usize, quoted: &[Quoted]) -> Option<Reported> {
    let text = doc.text.as_str();
    let s = &doc.sentences[si];
    let n = s.tokens.len();
    let a = (0..n).find(|&i| is_according(s, i, text))?;
    let comma = |j: usize| s.tokens[j].span.slice(text) == ",";
    let punct = |j: usize| s.tokens[j].upos.as_deref() == Some("PUNCT");
    // The end of the source phrase: the next comma, or the sentence's end.
    let x_end = (a + 2..n).find(|&j| comma(j)).unwrap_or(n);
    let (lo, hi) = if a == 0 {
        (x_end + 1, n)
    } else if comma(a - 1) && (x_end == n || punct(x_end)) {
        (0, a - 1)
    } else {
        return None;
    };
    let mut hi = hi;
    while hi > lo && punct(hi - 1) {
        hi -= 1;
    }
    if hi <= lo + 1 || x_end <= a + 2 {
        return None;
    }
    let span = Span::new(s.tokens[lo].span.start, s.tokens[hi - 1].span.end);
    (!inside_any(quoted, span)).then_some(Reported {
        sentence: si,
        cue: a,
        subject: None,
        span,
    })
}

/// Verbs of belief and of findings that report a clause in the news ("polls show that",
/// "Trump believes he"), cues of indirect speech only: never of a quotation.
fn reports_clause(t: &Token, text: &str) -> bool {
    const VERBS: &[&str] = &[
        "believe", "estimate", "expect", "fear", "feel", "find", "hope", "indicate", "reveal",
        "show", "think", "worry",
    ];
    t.upos.as_deref() == Some("VERB")
        && VERBS.contains(
            &t.lemma
                .as_deref()
                .map(str::to_lowercase)
                .unwrap_or_else(|| t.span.slice(text).to_lowercase())
                .as_str(),
        )
}

/// True when token `i` is "according" of "according to".
fn is_according(s: &Sentence, i: usize, text: &str) -> bool {
    s.tokens[i]
        .span
        .slice(text)
        .eq_ignore_ascii_case("according")
        && s.tokens
            .get(i + 1)
            .is_some_and(|t| t.span.slice(text).eq_ignore_ascii_case("to"))
}

/// The speech verb governing a partial quotation: walk up the tree from the quoted words.
fn governing_cue(doc: &Document, si: usize, q: &Quoted) -> Option<Cue> {
    let text = doc.text.as_str();
    let s = &doc.sentences[si];
    let n = s.tokens.len();
    let inside = |t: &Token| q.open <= t.span.start && t.span.end <= q.close_end;
    let start = s.tokens.iter().position(|t| {
        inside(t)
            && t.head
                .is_some_and(|h| h > 0 && (h as usize) <= n && !inside(&s.tokens[h as usize - 1]))
    })?;
    let mut k = s.tokens[start].head? as usize - 1;
    for _ in 0..6 {
        if speech_lemma(&s.tokens[k], text).is_some() && !inside(&s.tokens[k]) {
            return Some(Cue {
                sentence: si,
                token: k,
                according: false,
            });
        }
        match s.tokens[k].head {
            Some(h) if h > 0 && (h as usize) <= n => k = h as usize - 1,
            _ => break,
        }
    }
    None
}

/// Fills the cue and speaker of a quotation from a cue. `q` is the quoted stretch of a
/// direct quotation (none for a partial one).
fn attach(
    quote: &mut Quotation,
    doc: &Document,
    resolver: &Resolver<'_>,
    cue: Cue,
    earlier: &[Quotation],
    q: Option<&Quoted>,
) {
    let text = doc.text.as_str();
    let s = &doc.sentences[cue.sentence];
    let t = &s.tokens[cue.token];
    let (cue_span, speaker) = if cue.according {
        let to = &s.tokens[(cue.token + 1).min(s.tokens.len() - 1)];
        let span = Span::new(t.span.start, to.span.end);
        // The speaker is the phrase after "to".
        let speaker = resolver.after(cue.sentence, cue.token + 2, earlier);
        (span, speaker)
    } else {
        (
            t.span,
            speaker_of_cue(doc, resolver, cue, q, quote, earlier),
        )
    };
    quote.cue = Some(cue_span.slice(text).to_string());
    quote.cue_span = Some(cue_span);
    if speaker.is_some() {
        quote.attribution = Attribution::Cue;
    }
    quote.speaker = speaker;
}

/// True for tokens that may belong to a speaker's noun phrase.
fn nominal(t: &Token) -> bool {
    matches!(
        t.upos.as_deref(),
        Some("PROPN" | "NOUN" | "PRON" | "ADJ" | "DET" | "NUM")
    )
}

/// The speaker of a cue.
///
/// After the quotation ("\"...,\" a Number 10 spokesman said"): the words between the
/// quotation and the cue, or, when the cue comes first ("\"...,\" said Caddell"), the noun
/// phrase after it. Otherwise the subject of the cue, or of the verb it hangs from ("...
/// posted a comment, saying"; "noted ... and added:"), else the noun phrase right before it.
fn speaker_of_cue(
    doc: &Document,
    resolver: &Resolver<'_>,
    cue: Cue,
    q: Option<&Quoted>,
    quote: &Quotation,
    earlier: &[Quotation],
) -> Option<Speaker> {
    let text = doc.text.as_str();
    let s = &doc.sentences[cue.sentence];
    let cue_tok = &s.tokens[cue.token];
    let phrase = |a: usize, b: usize| {
        let span = Span::new(s.tokens[a].span.start, s.tokens[b].span.end);
        Some(resolver.phrase(span, SpeakerMethod::Subject, earlier))
    };
    if let Some(q) = q
        && cue_tok.span.start >= q.close_end
    {
        let words: Vec<usize> = (0..cue.token)
            .filter(|&j| s.tokens[j].span.start >= q.close_end && is_word(&s.tokens[j], text))
            .collect();
        if let (Some(&a), Some(&b)) = (words.first(), words.last()) {
            // A long phrase ("Scott Pruitt, the attorney general of Oklahoma, one of the
            // states suing the EPA, said"): the name before the apposition.
            let comma = (a..b).find(|&j| s.tokens[j].span.slice(text) == ",");
            match comma {
                _ if words.len() <= 12 => return phrase(a, b),
                Some(c) if c > a && c - a <= 6 => return phrase(a, c - 1),
                _ => {}
            }
        }
        if words.is_empty() {
            if let Some(subj) = subject(s, cue.token).filter(|&j| j > cue.token) {
                return Some(resolver.subject(cue.sentence, subj, earlier));
            }
            let after: Vec<usize> = (cue.token + 1..s.tokens.len())
                .take_while(|&j| nominal(&s.tokens[j]))
                .collect();
            if let (Some(&a), Some(&b)) = (after.first(), after.last()) {
                return phrase(a, b);
            }
        }
    }
    let mut k = cue.token;
    for _ in 0..4 {
        if let Some(subj) = subject(s, k) {
            return Some(resolver.subject(cue.sentence, subj, earlier));
        }
        let climbs = matches!(
            s.tokens[k].deprel.as_deref(),
            Some("conj" | "xcomp" | "advcl" | "parataxis")
        );
        match s.tokens[k].head {
            Some(h) if climbs && h > 0 && (h as usize) <= s.tokens.len() => k = h as usize - 1,
            _ => break,
        }
    }
    let before: Vec<usize> = (0..cue.token)
        .rev()
        .take_while(|&j| nominal(&s.tokens[j]))
        .collect();
    if let (Some(&b), Some(&a)) = (before.first(), before.last()) {
        return phrase(a, b);
    }
    resolver.nearest(cue.sentence, cue.token, quote, earlier)
}

/// A name after a dash that closes the paragraph ("...” ― Pamela Padilla"): the signature
/// of a quoted letter, comment or post.
fn dash_speaker(
    doc: &Document,
    q: &Quoted,
    quoted: &[Quoted],
    resolver: &Resolver<'_>,
    earlier: &[Quotation],
) -> Option<(Speaker, Span)> {
    let text = doc.text.as_str();
    let para = doc.paragraphs.get(q.last_paragraph)?;
    // Up to the paragraph's end or the next quotation (signed comments run together when
    // their lines were joined).
    let end = quoted
        .iter()
        .map(|o| o.open)
        .filter(|&o| o >= q.close_end && o < para.span.end)
        .min()
        .unwrap_or(para.span.end);
    let rest = text.get(q.close_end..end)?;
    let lead = rest.len() - rest.trim_start().len();
    let after_dash = rest[lead..].strip_prefix(['—', '―', '–', '-'])?;
    let name = after_dash.trim();
    let words = name.split_whitespace().count();
    let capital = name.chars().next().is_some_and(char::is_uppercase);
    if !(1..=6).contains(&words) || !capital || name.ends_with(['.', '!', '?']) && words > 3 {
        return None;
    }
    let dash_start = q.close_end + lead;
    let dash_end = end - after_dash.len();
    let start = end - after_dash.trim_start().len();
    let sp = resolver.span(
        Span::new(start, start + name.len()),
        SpeakerMethod::Subject,
        earlier,
    );
    Some((sp, Span::new(dash_start, dash_end)))
}

/// A colon before the quotation with no speech verb ("Cruz called them on it: \"...\""):
/// the main verb of the colon's sentence stands as the cue.
fn colon_cue(doc: &Document, q: &Quoted, first: usize, others: &[Quoted]) -> Option<Cue> {
    let text = doc.text.as_str();
    let s = &doc.sentences[first];
    let before = text
        .get(s.span.start..q.open.max(s.span.start))
        .unwrap_or("");
    let si = if before.trim_end().ends_with(':') {
        first
    } else if before.trim().is_empty()
        && first > 0
        && doc.sentences[first - 1]
            .span
            .slice(text)
            .trim_end()
            .ends_with(':')
    {
        first - 1
    } else {
        return None;
    };
    let s = &doc.sentences[si];
    let root = s.tokens.iter().position(|t| t.head == Some(0))?;
    let t = &s.tokens[root];
    (t.upos.as_deref() == Some("VERB") && !inside_any(others, t.span) && t.span.end <= q.open)
        .then_some(Cue {
            sentence: si,
            token: root,
            according: false,
        })
}

/// The speaker of a quotation standing alone after a sentence about a person ("Valastro
/// praised Christie's leadership ... ¶ \"We need someone ...\""): the subject of the sentence
/// before, when it is a person in the same or the previous paragraph.
fn context_speaker(
    doc: &Document,
    resolver: &Resolver<'_>,
    first: usize,
    q: &Quoted,
    quoted: &[Quoted],
    earlier: &[Quotation],
) -> Option<Speaker> {
    let si = first.checked_sub(1)?;
    let s = &doc.sentences[si];
    if s.kind != BlockKind::Body
        || body_gap(doc, s.paragraph, q.first_paragraph) > 0
        || inside_any(quoted, s.span)
    {
        return None;
    }
    let root = s.tokens.iter().position(|t| t.head == Some(0))?;
    let subj = subject(s, root)?;
    let mut sp = resolver.subject(si, subj, earlier);
    if sp.role.as_deref() != Some("person") {
        return None;
    }
    sp.method = SpeakerMethod::Context;
    Some(sp)
}

/// Indirect speech: speech verbs outside every quotation with a clausal complement after
/// them and a subject; the complement must not touch a quotation.
fn indirect(doc: &Document, actors: &DocumentActors, quoted: &[Quoted]) -> Vec<Reported> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if matches!(s.kind, BlockKind::Dateline | BlockKind::Byline) {
            continue;
        }
        for (ti, t) in s.tokens.iter().enumerate() {
            if (speech_lemma(t, text).is_none() && !reports_clause(t, text))
                || inside_any(quoted, t.span)
            {
                continue;
            }
            let Some(subj) = inherited_subject(s, ti) else {
                continue;
            };
            let Some((lo, mut hi)) = reported_clause(s, ti, subj, text) else {
                continue;
            };
            while hi > lo && s.tokens[hi].upos.as_deref() == Some("PUNCT") {
                hi -= 1;
            }
            let mut span = Span::new(s.tokens[lo].span.start, s.tokens[hi].span.end);
            // A name the parse split ("told Channel 4 News urgent action ...") stays out.
            if let Some(m) = actors
                .mentions
                .iter()
                .find(|m| m.span.start < span.start && span.start < m.span.end)
            {
                let rest = text.get(m.span.end..span.end).unwrap_or("");
                span.start = m.span.end + (rest.len() - rest.trim_start().len());
            }
            if span.is_empty() || (lo..=hi).contains(&ti) || inside_any(quoted, span) {
                continue;
            }
            out.push(Reported {
                sentence: si,
                cue: ti,
                subject: Some(subj),
                span,
            });
        }
        if let Some(r) = according_clause(doc, si, quoted) {
            out.push(r);
        }
    }
    // A clause reported inside another reported clause belongs to the outer one.
    let mut kept: Vec<Reported> = Vec::new();
    for r in out {
        if !kept
            .iter()
            .any(|k| k.span.start <= r.span.start && r.span.end <= k.span.end)
        {
            kept.push(r);
        }
    }
    kept
}
