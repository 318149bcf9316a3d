//! Sentence segmentation for news text.
//!
//! A rule-based segmenter tuned for newswire prose. It scans each body paragraph byte by byte
//! for sentence-final punctuation (`.`, `?`, `!`, `...`, `…`), takes any closing quotes and
//! brackets that follow (`."`, `.”`, `.)`, `?'`), and decides with a look at the word before and
//! the word after:
//!
//! - titles (`Mr.`, `Dr.`, `Gen.`, `Maj-Gen.`, `Sen.` ...) never end a sentence;
//! - abbreviations that can end one (`U.S.`, `Inc.`, `p.m.`, `Calif.` ...) and initials
//!   (`George W. Bush`, `J.K. Rowling`) end one only when the next word is a common sentence
//!   opener (`The`, `He` ...), a label (`Image:`) or an opening quote;
//! - `No. 10`, `Jan. 5`, `e.g.`, `vs.`: a number or anything after them continues the sentence;
//! - a lower-case word after an abbreviation continues the sentence; so do `3.5`, `1.2m` and
//!   `.com` (no space after the period); after an ordinary word it starts a new one (informal
//!   text), see [`Segmenter::lowercase_starts`];
//! - `?` and `!` followed by a closing quote and a lower-case word go on (`"Why?" he asked`);
//! - `etc.` ends a sentence before a capital;
//! - an ellipsis ends a sentence before a capital unless it stands between spaces, marking
//!   words left out of a quotation; a closing quote followed by a dash and a name
//!   (`game." - Matthew Ingram`) stays one sentence.
//!
//! Headline, dateline, byline and caption paragraphs are one unit each. Sentences never cross
//! paragraphs, but the state of double quotation marks does ([`QuoteState`]): in journalistic
//! style a quotation running over several paragraphs opens each with a quote mark and closes
//! only the last, so a paragraph that opens with a quote mark while a quotation is open
//! continues it, and its opening mark is neither a new quotation nor the close of the old one.
//!
//! The segmenter never panics on content (a paragraph span off the text's character
//! boundaries yields no sentence), allocates only the output, and is deterministic.
//!
//! What it cannot do: find a boundary with no punctuation (headings run into text, web text
//! without final stops), or know an abbreviation it has no rule for before a capitalized
//! name.

use tacitus_model::{BlockKind, Document, Sentence, Span};

/// Whether a double quotation (straight `"` or curly `“ ”`) is open, carried from paragraph to
/// paragraph by [`Segmenter::split_paragraph`].
///
/// A straight quote opens when it follows white space or an opening bracket and precedes a
/// word, closes in the mirror case, and otherwise toggles the state. At the start of a
/// paragraph a quote mark opens a quotation or, if one is open, marks its continuation; a
/// paragraph that does not open with a quote mark ends any quotation left open (the writer
/// forgot to close it). The state decides whether a quote mark standing alone after a sentence
/// (`go. " They`) closes that sentence, and is there for later stages that attribute
/// quotations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuoteState {
    open: bool,
}

impl QuoteState {
    /// True while a double quotation is open (including one continued from an earlier
    /// paragraph).
    pub fn is_open(&self) -> bool {
        self.open
    }
}

/// Splits paragraphs into sentences.
///
/// Immutable once built; [`Segmenter::default`] is the news configuration.
#[derive(Clone, Debug)]
pub struct Segmenter {
    /// Start a new sentence at a lower-case word after a period that follows an ordinary
    /// word (not a known abbreviation, initial or number), and after `?` or `??`/`!!` with no
    /// closing quote. On by default: edited news rarely has a lower-case word after a full
    /// stop except after abbreviations, which are exempt, and web and mail text often starts
    /// sentences in lower case. Turn off for text full of abbreviations this segmenter does
    /// not know.
    pub lowercase_starts: bool,
    /// Start a new sentence after an ellipsis (`...`, `…`) followed by a capital. On by
    /// default.
    pub split_ellipsis: bool,
    /// Start a new sentence at a picture credit glued to a caption (`... Washington Image:
    /// United States Navy.`): a capitalized `Image:`, `Photo:`, `Picture:`, `Credit:` or
    /// `Video:` after white space. On by default.
    pub credit_labels: bool,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter {
            lowercase_starts: true,
            credit_labels: true,
            split_ellipsis: true,
        }
    }
}

impl Segmenter {
    /// The default news configuration.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// Fills `doc.sentences` from `doc.paragraphs`, replacing any sentences there were.
    ///
    /// Body paragraphs are split; headline, dateline, byline and caption paragraphs become
    /// one unit each. The quotation state carries over body paragraphs only, so a caption
    /// set between the paragraphs of a long quotation does not disturb it.
    pub fn segment(&self, doc: &mut Document) {
        let mut sentences = Vec::with_capacity(doc.paragraphs.len() * 2);
        let mut quotes = QuoteState::default();
        let mut spans = Vec::new();
        for (i, p) in doc.paragraphs.iter().enumerate() {
            spans.clear();
            match p.kind {
                BlockKind::Body => self.split_paragraph(&doc.text, p.span, &mut quotes, &mut spans),
                _ => {
                    if let Some(span) = trim_span(&doc.text, p.span) {
                        spans.push(span);
                    }
                }
            }
            sentences.extend(spans.iter().map(|&span| Sentence {
                span,
                kind: p.kind,
                paragraph: i,
                tokens: Vec::new(),
            }));
        }
        doc.sentences = sentences;
    }

    /// Splits a plain string, taken as one body paragraph, into sentence spans.
    pub fn split_str(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut quotes = QuoteState::default();
        self.split_paragraph(text, Span::new(0, text.len()), &mut quotes, &mut out);
        out
    }

    /// Splits the body paragraph at `para` of `text` into sentence spans, appended to `out`,
    /// carrying the quotation state `quotes` in and out. A span that does not lie on character
    /// boundaries of `text` yields nothing.
    pub fn split_paragraph(
        &self,
        text: &str,
        para: Span,
        quotes: &mut QuoteState,
        out: &mut Vec<Span>,
    ) {
        let Some(Span { start: s, end: e }) = trim_span(text, para) else {
            return;
        };
        let b = text.as_bytes();
        // A paragraph that does not open with a quote mark does not continue a quotation.
        if !starts_with_quote(b, s, e) {
            quotes.open = false;
        }
        let mut sent_start = s;
        let mut i = s;
        while i < e {
            let c = b[i];
            match c {
                b'"' => {
                    straight_quote(b, i, s, e, quotes);
                    i += 1;
                }
                b'.' | b'?' | b'!' => {
                    i = self.candidate(text, i, e, &mut sent_start, quotes, out);
                }
                b':' => {
                    if self.credit_labels {
                        credit_label(text, i, &mut sent_start, out);
                    }
                    i += 1;
                }
                0xE2 if i + 2 < e && b[i + 1] == 0x80 => match b[i + 2] {
                    0x9C => {
                        quotes.open = true;
                        i += 3;
                    }
                    0x9D => {
                        quotes.open = false;
                        i += 3;
                    }
                    0xA6 => {
                        i = self.candidate(text, i, e, &mut sent_start, quotes, out);
                    }
                    _ => i += 3,
                },
                _ => i += 1,
            }
        }
        if sent_start < e {
            out.push(Span::new(sent_start, e));
        }
    }

    /// Handles a run of sentence-final punctuation at `i`; returns where to scan on.
    fn candidate(
        &self,
        text: &str,
        i: usize,
        e: usize,
        sent_start: &mut usize,
        quotes: &mut QuoteState,
        out: &mut Vec<Span>,
    ) -> usize {
        let b = text.as_bytes();
        // The run of terminators: . ? ! …
        let mut j = i;
        let mut periods = 0usize;
        let mut strong = false;
        let mut question = false;
        let mut ellipsis = false;
        while j < e {
            match b[j] {
                b'.' => {
                    periods += 1;
                    j += 1;
                }
                b'?' => {
                    strong = true;
                    question = true;
                    j += 1;
                }
                b'!' => {
                    strong = true;
                    j += 1;
                }
                0xE2 if j + 2 < e && b[j + 1] == 0x80 && b[j + 2] == 0xA6 => {
                    ellipsis = true;
                    j += 3;
                }
                _ => break,
            }
        }
        if periods >= 2 {
            ellipsis = true;
        }
        // Closing quotes and brackets attached to the terminator.
        let mut k = j;
        let mut closed_quote = false;
        while k < e {
            match b[k] {
                b'"' => {
                    let next_alnum = k + 1 < e && b[k + 1].is_ascii_alphanumeric();
                    if quotes.open || !next_alnum {
                        quotes.open = false;
                        closed_quote = true;
                        k += 1;
                    } else {
                        break;
                    }
                }
                b'\'' | b')' | b']' | b'}' => k += 1,
                0xE2 if k + 2 < e && b[k + 1] == 0x80 => match b[k + 2] {
                    // ” ’ ›
                    0x9D => {
                        quotes.open = false;
                        closed_quote = true;
                        k += 3;
                    }
                    // “ typed for ” at the end of a quotation: `decision.“ However`.
                    0x9C if quotes.open && (k + 3 >= e || ws_len(b, k + 3, e) > 0) => {
                        quotes.open = false;
                        closed_quote = true;
                        k += 3;
                    }
                    0x99 | 0xBA => k += 3,
                    _ => break,
                },
                0xC2 if k + 1 < e && b[k + 1] == 0xBB => k += 2, // »
                _ => break,
            }
        }
        if k >= e {
            return e;
        }
        let w = ws_len(b, k, e);
        if w == 0 {
            // 3.5, U.S., .com, "end.The": no boundary without white space.
            return k;
        }
        let mut n = skip_ws(b, k, e);
        if n >= e {
            return e;
        }
        let mut end = k;
        // A straight quote standing alone between spaces closes an open quotation.
        if b[n] == b'"' && quotes.open && (n + 1 >= e || ws_len(b, n + 1, e) > 0) {
            quotes.open = false;
            end = n + 1;
            n = skip_ws(b, n + 1, e);
            if n >= e {
                return e;
            }
        }
        let boundary = if continues_after(b, n, e, closed_quote) {
            false
        } else if strong {
            // `"Why?" he asked` and `Yahoo! said` go on; in informal text `bet? really` ends.
            !next_starts_lower(text, n, e)
                || (self.lowercase_starts && k == j && (question || j - i >= 2))
        } else if ellipsis {
            // An ellipsis standing between spaces marks words left out of a quotation.
            let standalone = i > 0 && ws_len(b, i - 1, e) > 0;
            self.split_ellipsis && !standalone && next_starts_upper(text, n, e)
        } else {
            self.after_period(text, *sent_start, i, n, e, k > j)
        };
        if boundary {
            out.push(Span::new(*sent_start, end));
            *sent_start = n;
            n
        } else {
            end
        }
    }

    /// Whether the period at `dot` ends the sentence begun at `sent_start`, given the next
    /// word starts at `n` and whether closing quotes or brackets follow the period.
    fn after_period(
        &self,
        text: &str,
        sent_start: usize,
        dot: usize,
        n: usize,
        e: usize,
        closed: bool,
    ) -> bool {
        let next = Next::at(text, n, e);
        let word = word_before(text, sent_start, dot);
        let class = classify(word);
        if next.lower {
            // `"We will win." said Smith` goes on.
            return self.lowercase_starts && class == Class::Other && !closed && !next.enumeration;
        }
        match class {
            Class::Title | Class::NeverFinal => false,
            Class::BeforeNumber => !next.digit,
            Class::Month => !next.digit && (next.quoted || next.starter),
            Class::Final | Class::Initial => next.quoted || next.starter,
            Class::Etc => next.upper || next.quoted,
            Class::Number => {
                // "1. Introduction": an enumeration mark alone is not a sentence.
                let word_start = dot - word.len();
                word_start > sent_start
            }
            Class::Other => true,
        }
    }
}

/// At the colon at `colon`: if it ends a picture-credit label that follows words of the
/// current sentence, ends that sentence before the label.
fn credit_label(text: &str, colon: usize, sent_start: &mut usize, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut st = colon;
    while st > *sent_start && b[st - 1].is_ascii_alphabetic() {
        st -= 1;
    }
    if st == colon || st <= *sent_start || ws_len(b, st - 1, colon) == 0 {
        return;
    }
    let label = &b[st..colon];
    if !matches!(
        label,
        b"Image"
            | b"Images"
            | b"Photo"
            | b"Photos"
            | b"Photograph"
            | b"Picture"
            | b"Credit"
            | b"Video"
    ) {
        return;
    }
    let before = text.get(*sent_start..st).unwrap_or("").trim_end();
    if before.is_empty() || before.ends_with([':', ',', ';', '(', '-', '"', '“']) {
        return;
    }
    out.push(Span::new(*sent_start, *sent_start + before.len()));
    *sent_start = st;
}

/// True when what starts at `n` continues the sentence whatever the punctuation before: an
/// ellipsis (`Scientology. ... The next`), an emoticon, or, after a closing quote, a dash
/// introducing the speaker (`long game." - Matthew Ingram`).
fn continues_after(b: &[u8], n: usize, e: usize, closed_quote: bool) -> bool {
    if n >= e {
        return false;
    }
    let ellipsis =
        b[n] == b'.' || (n + 2 < e && b[n] == 0xE2 && b[n + 1] == 0x80 && b[n + 2] == 0xA6);
    let dash = b[n] == b'-'
        || (n + 2 < e && b[n] == 0xE2 && b[n + 1] == 0x80 && matches!(b[n + 2], 0x93 | 0x94));
    // An emoticon belongs to the sentence before it: `It's well cool. :)`.
    let emoticon = n + 1 < e
        && matches!(b[n], b':' | b';')
        && matches!(b[n + 1], b')' | b'(' | b'D' | b'P' | b'-')
        && (n + 2 >= e || !b[n + 2].is_ascii_alphanumeric());
    ellipsis || emoticon || (closed_quote && dash)
}

/// `span` without white space at its ends, if it is valid in `text` and not empty.
fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span.start..span.end)?;
    let t = s.trim_start();
    let start = span.start + (s.len() - t.len());
    let t = t.trim_end();
    let end = start + t.len();
    (start < end).then_some(Span::new(start, end))
}

/// True when the paragraph opens with a double quote mark (straight or curly).
fn starts_with_quote(b: &[u8], s: usize, e: usize) -> bool {
    if s >= e {
        return false;
    }
    b[s] == b'"' || (s + 2 < e && b[s] == 0xE2 && b[s + 1] == 0x80 && b[s + 2] == 0x9C)
}

/// Updates the quotation state for the straight quote at `i` of the paragraph `s..e`.
fn straight_quote(b: &[u8], i: usize, s: usize, e: usize, quotes: &mut QuoteState) {
    if i == s {
        // The opening mark of a paragraph: a new quotation or the continuation of an open one.
        quotes.open = true;
        return;
    }
    let before_space = is_space_or_opener_before(b, i);
    let after_space = i + 1 >= e || ws_len(b, i + 1, e) > 0 || is_closing_punct(b[i + 1]);
    quotes.open = match (before_space, after_space) {
        (true, false) => true,
        (false, true) => false,
        _ => !quotes.open,
    };
}

fn is_space_or_opener_before(b: &[u8], i: usize) -> bool {
    match i.checked_sub(1).and_then(|p| b.get(p)) {
        None => true,
        Some(&c) => {
            matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'(' | b'[' | b'{' | b'-')
                || (c == 0xA0 && i >= 2 && b[i - 2] == 0xC2)
                || (c == 0x94 && i >= 3 && b[i - 3] == 0xE2 && b[i - 2] == 0x80) // —
        }
    }
}

fn is_closing_punct(c: u8) -> bool {
    matches!(
        c,
        b'.' | b',' | b';' | b':' | b'?' | b'!' | b')' | b']' | b'}'
    )
}

/// The byte length of the white-space character at `i`, or 0.
pub(crate) fn ws_len(b: &[u8], i: usize, e: usize) -> usize {
    if i >= e {
        return 0;
    }
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => 1,
        0xC2 if i + 1 < e && (b[i + 1] == 0xA0 || b[i + 1] == 0x85) => 2,
        0xE1 if i + 2 < e && b[i + 1] == 0x9A && b[i + 2] == 0x80 => 3, // U+1680
        0xE2 if i + 2 < e => match (b[i + 1], b[i + 2]) {
            (0x80, 0x80..=0x8A) | (0x80, 0xA8) | (0x80, 0xA9) | (0x80, 0xAF) | (0x81, 0x9F) => 3,
            _ => 0,
        },
        0xE3 if i + 2 < e && b[i + 1] == 0x80 && b[i + 2] == 0x80 => 3, // U+3000
        _ => 0,
    }
}

fn skip_ws(b: &[u8], mut i: usize, e: usize) -> usize {
    loop {
        let w = ws_len(b, i, e);
        if w == 0 {
            return i;
        }
        i += w;
    }
}

/// The first character at or after `n` that is not an opening quote or bracket, and whether a
/// quote was skipped to reach it.
fn first_after_openers(text: &str, n: usize, e: usize) -> (Option<char>, bool, usize) {
    let rest = text.get(n..e).unwrap_or("");
    let mut quoted = false;
    for (off, c) in rest.char_indices() {
        match c {
            '"' | '\'' | '“' | '‘' | '«' | '‹' => quoted = true,
            '(' | '[' | '{' => {}
            _ => return (Some(c), quoted, n + off),
        }
    }
    (None, quoted, e)
}

fn next_starts_lower(text: &str, n: usize, e: usize) -> bool {
    matches!(first_after_openers(text, n, e).0, Some(c) if c.is_lowercase())
}

fn next_starts_upper(text: &str, n: usize, e: usize) -> bool {
    matches!(first_after_openers(text, n, e).0, Some(c) if c.is_uppercase())
}

/// What follows a period.
struct Next {
    lower: bool,
    upper: bool,
    digit: bool,
    quoted: bool,
    starter: bool,
    /// `b)`, `iv)`: an item of a list.
    enumeration: bool,
}

impl Next {
    fn at(text: &str, n: usize, e: usize) -> Next {
        let (first, quoted, at) = first_after_openers(text, n, e);
        let c = first.unwrap_or(' ');
        let upper = c.is_uppercase();
        let starter = upper && {
            let b = text.as_bytes();
            let mut end = at;
            while end < e && b[end].is_ascii_alphabetic() {
                end += 1;
            }
            let after_ok = end >= e || !b[end].is_ascii_alphanumeric();
            // A label such as `Image:` or `Source:` opens a unit of its own.
            let label = end < e && b[end] == b':' && end > at;
            after_ok && (label || is_starter(&b[at..end]))
        };
        let enumeration = {
            let b = text.as_bytes();
            let mut end = at;
            while end < e && end < at + 4 && b[end].is_ascii_lowercase() {
                end += 1;
            }
            end > at && end < e && b[end] == b')'
        };
        Next {
            enumeration,
            lower: c.is_lowercase(),
            upper,
            digit: c.is_ascii_digit(),
            quoted,
            starter,
        }
    }
}

/// The word before the period at `dot`, without leading quotes or brackets.
fn word_before(text: &str, sent_start: usize, dot: usize) -> &str {
    let b = text.as_bytes();
    let mut st = dot;
    while st > sent_start && !matches!(b[st - 1], b' ' | b'\t' | b'\n' | b'\r') {
        st -= 1;
    }
    let w = text.get(st..dot).unwrap_or("");
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// What the word before a period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Mr, Dr, Gen: never ends a sentence.
    Title,
    /// e.g, i.e, vs: never ends a sentence.
    NeverFinal,
    /// No, Vol, p: continues before a number.
    BeforeNumber,
    /// Jan, Feb: continues before a number; else like [`Class::Final`].
    Month,
    /// Inc, U.S, p.m: ends a sentence before a common sentence opener.
    Final,
    /// A single capital: an initial.
    Initial,
    /// etc, al: ends a sentence before any capital.
    Etc,
    /// 12, 3.5.
    Number,
    /// Any other word.
    Other,
}

/// Whether `word` keeps the period that follows it as one token (`Mr.`, `U.S.`, `W.`, `etc.`,
/// and `No.` before a number), for the tokenizer.
pub(crate) fn keeps_period(word: &str, before_digit: bool) -> bool {
    match classify(word) {
        Class::Title
        | Class::NeverFinal
        | Class::Month
        | Class::Final
        | Class::Initial
        | Class::Etc => true,
        Class::BeforeNumber => before_digit,
        Class::Number | Class::Other => false,
    }
}

fn classify(word: &str) -> Class {
    if word.is_empty() {
        return Class::Other;
    }
    let wb = word.as_bytes();
    if wb
        .iter()
        .all(|c| c.is_ascii_digit() || *c == b',' || *c == b'.')
    {
        return Class::Number;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return Class::Initial;
    }
    // IE, NO, CO: an all-capital word without periods is an acronym or a word in capitals.
    if wb.len() >= 2 && wb.iter().all(|c| c.is_ascii_uppercase()) {
        return Class::Other;
    }
    // Lower-case the word into a small buffer (abbreviations are short).
    let mut buf = [0u8; 16];
    if wb.len() > buf.len() || !word.is_ascii() {
        return Class::Other;
    }
    for (d, s) in buf.iter_mut().zip(wb) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &buf[..wb.len()];
    if let Some(c) = known(lower) {
        return c;
    }
    if wb[0].is_ascii_uppercase() {
        if is_state(lower) {
            return Class::Final;
        }
        if matches!(
            lower,
            b"mon"
                | b"tue"
                | b"tues"
                | b"wed"
                | b"thu"
                | b"thur"
                | b"thurs"
                | b"fri"
                | b"sat"
                | b"sun"
        ) {
            return Class::Month;
        }
    }
    // Maj-Gen, Lt-Col: the last part decides.
    if let Some(pos) = lower.iter().rposition(|&c| c == b'-') {
        let last = &lower[pos + 1..];
        if known(last) == Some(Class::Title) {
            return Class::Title;
        }
    }
    // U.S, J.K, p.m-like: single letters joined by periods.
    if lower.contains(&b'.')
        && lower.split(|&c| c == b'.').all(|part| {
            !part.is_empty() && part.len() <= 2 && part.iter().all(u8::is_ascii_alphabetic)
        })
    {
        return Class::Final;
    }
    Class::Other
}

fn known(w: &[u8]) -> Option<Class> {
    Some(match w {
        b"mr" | b"mrs" | b"ms" | b"messrs" | b"mme" | b"mlle" | b"dr" | b"prof" | b"gen"
        | b"gens" | b"lt" | b"col" | b"maj" | b"capt" | b"cpt" | b"cmdr" | b"comdr" | b"adm"
        | b"sgt" | b"cpl" | b"pvt" | b"brig" | b"lieut" | b"rev" | b"sen" | b"sens" | b"rep"
        | b"reps" | b"gov" | b"govs" | b"pres" | b"st" | b"mt" | b"ft" | b"hon" | b"fr"
        | b"msgr" | b"supt" | b"insp" | b"det" | b"atty" | b"rt" | b"cdr" | b"sr" | b"ald"
        | b"amb" | b"dep" | b"gov-gen" => Class::Title,
        b"e.g" | b"i.e" | b"eg" | b"ie" | b"cf" | b"vs" | b"viz" | b"approx" | b"ca" | b"esp"
        | b"incl" | b"resp" | b"v" => Class::NeverFinal,
        b"no" | b"nos" | b"vol" | b"vols" | b"art" | b"fig" | b"figs" | b"pp" | b"p" | b"ch"
        | b"sec" | b"op" | b"tel" | b"ext" | b"para" | b"nr" | b"pop" => Class::BeforeNumber,
        b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept"
        | b"oct" | b"nov" | b"dec" => Class::Month,
        b"inc" | b"ltd" | b"co" | b"corp" | b"jr" | b"bros" | b"plc" | b"llc" | b"cos" | b"esq"
        | b"dept" | b"govt" | b"assn" | b"ave" | b"blvd" | b"rd" | b"a.m" | b"p.m" | b"u.s"
        | b"u.k" | b"u.n" | b"d.c" | b"e.u" | b"u.s.a" | b"ph.d" | b"intl" | b"mfg" | b"univ"
        | b"est" | b"assoc" | b"bldg" | b"apt" | b"ste" | b"misc" | b"ref" | b"lb" | b"lbs"
        | b"oz" | b"yds" | b"hrs" | b"mins" | b"secs" | b"yrs" | b"mos" | b"sq" | b"pts"
        | b"cont" | b"natl" | b"a.k.a" => Class::Final,
        b"etc" | b"al" => Class::Etc,
        _ => return None,
    })
}

/// Abbreviations of US states in news style (`Calif.`, `N.Y.`), matched when capitalized.
fn is_state(w: &[u8]) -> bool {
    matches!(
        w,
        b"ala"
            | b"ariz"
            | b"ark"
            | b"calif"
            | b"colo"
            | b"conn"
            | b"del"
            | b"fla"
            | b"ga"
            | b"ill"
            | b"ind"
            | b"kan"
            | b"kans"
            | b"ky"
            | b"la"
            | b"md"
            | b"mass"
            | b"mich"
            | b"minn"
            | b"miss"
            | b"mo"
            | b"mont"
            | b"neb"
            | b"nev"
            | b"okla"
            | b"ore"
            | b"pa"
            | b"penn"
            | b"tenn"
            | b"tex"
            | b"vt"
            | b"va"
            | b"wash"
            | b"wis"
            | b"wyo"
            | b"ont"
            | b"que"
            | b"alta"
            | b"sask"
            | b"man"
    )
}

/// Common words that open a sentence: after an abbreviation, one of these means the
/// abbreviation ended the sentence.
fn is_starter(w: &[u8]) -> bool {
    let mut buf = [0u8; 12];
    if w.is_empty() || w.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..w.len()];
    STARTERS.binary_search(&w).is_ok()
}

/// Sorted.
const STARTERS: &[&[u8]] = &[
    b"a",
    b"according",
    b"after",
    b"all",
    b"also",
    b"although",
    b"among",
    b"an",
    b"and",
    b"another",
    b"as",
    b"at",
    b"because",
    b"before",
    b"both",
    b"but",
    b"by",
    b"despite",
    b"during",
    b"each",
    b"earlier",
    b"even",
    b"for",
    b"from",
    b"he",
    b"her",
    b"here",
    b"his",
    b"how",
    b"however",
    b"i",
    b"if",
    b"in",
    b"instead",
    b"it",
    b"its",
    b"last",
    b"later",
    b"many",
    b"meanwhile",
    b"more",
    b"most",
    b"mr",
    b"mrs",
    b"ms",
    b"my",
    b"no",
    b"not",
    b"now",
    b"of",
    b"on",
    b"one",
    b"only",
    b"or",
    b"other",
    b"our",
    b"she",
    b"since",
    b"so",
    b"some",
    b"still",
    b"such",
    b"that",
    b"the",
    b"their",
    b"then",
    b"there",
    b"these",
    b"they",
    b"this",
    b"those",
    b"thus",
    b"to",
    b"today",
    b"under",
    b"we",
    b"what",
    b"when",
    b"where",
    b"which",
    b"while",
    b"who",
    b"why",
    b"with",
    b"yesterday",
    b"yet",
    b"you",
    b"your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starters_are_sorted() {
        assert!(STARTERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn classifies() {
        assert_eq!(classify("Mr"), Class::Title);
        assert_eq!(classify("Maj-Gen"), Class::Title);
        assert_eq!(classify("U.S"), Class::Final);
        assert_eq!(classify("J.K"), Class::Final);
        assert_eq!(classify("W"), Class::Initial);
        assert_eq!(classify("1,000"), Class::Number);
        assert_eq!(classify("house"), Class::Other);
        assert_eq!(classify("é"), Class::Other);
    }
}
