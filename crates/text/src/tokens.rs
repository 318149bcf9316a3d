//! Tokenization: UD/Penn-style words and punctuation as spans.
//!
//! Tokens are byte spans into the document text, never altered text: a token's form is always
//! `text[span]`. The tokenizer scans bytes, decoding a character only where a byte is not
//! ASCII, and allocates nothing but the output. It never panics on content and is linear in
//! the length of the text.
//!
//! What it does, as in the English Universal Dependencies treebanks:
//! - splits punctuation off words: `Syria.` → `Syria` `.`; `"We` → `"` `We`;
//! - splits clitics: `don't` → `do` `n't`, `can't` → `ca` `n't`, `it's` → `it` `'s`, `we're`,
//!   `I've`, `she'll`, `he'd`, `I'm` (curly apostrophes too); `cannot` → `can` `not`,
//!   `gonna` → `gon` `na`, `wanna`, `gotta`; `6:00am` → `6:00` `am`;
//! - keeps whole: hyphenated words (`Ban Ki-moon`, `al-Hula`, `well-known`), numbers
//!   (`1,000`, `3.5`, `10:30`, `31/05/2012`), names with apostrophes (`O'Brien`), `AT&T`,
//!   abbreviations with their period (`U.S.`, `Mr.`, `W.`, `No.` before a number), decades
//!   (`'90s`), URLs, e-mail addresses, `@handles` and `#hashtags`;
//! - makes one token of an ellipsis (`...`, `…`, `[...]`) and of a run of dashes (`--`), and
//!   splits currency symbols (`$`, `£`, `€`) and `%` off numbers.
//!
//! Unlike the UD English treebanks it keeps hyphenated compounds whole (they split
//! `all - girl`), which is most of its disagreement with them.

use tacitus_model::{Document, Span, Token};

use crate::sentences::ws_len;

/// Splits sentences into tokens.
///
/// Immutable; [`Tokenizer::default`] is the UD English configuration.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    /// Split `cannot`, `gonna`, `wanna` and `gotta` in two as UD does. On by default.
    pub split_contractions: bool,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer {
            split_contractions: true,
        }
    }
}

impl Tokenizer {
    /// The default configuration.
    pub fn new() -> Tokenizer {
        Tokenizer::default()
    }

    /// Fills the tokens of every sentence of `doc`, replacing any there were. A sentence
    /// whose span does not fit the text gets no tokens.
    pub fn tokenize(&self, doc: &mut Document) {
        let text = doc.text.as_str();
        for s in &mut doc.sentences {
            s.tokens.clear();
            if text.get(s.span.start..s.span.end).is_none() {
                continue;
            }
            let tokens = &mut s.tokens;
            // About one token per five bytes of news text: reserve once, not per push.
            tokens.reserve(s.span.len() / 5 + 2);
            self.scan(text, s.span.start, s.span.end, &mut |a, b| {
                tokens.push(Token::new(Span::new(a, b)))
            });
        }
    }

    /// The token spans of `text[span]`, as offsets into `text`. Empty when the span does not
    /// fit the text.
    pub fn tokenize_span(&self, text: &str, span: Span) -> Vec<Span> {
        let mut out = Vec::new();
        if text.get(span.start..span.end).is_some() {
            self.scan(text, span.start, span.end, &mut |a, b| {
                out.push(Span::new(a, b))
            });
        }
        out
    }

    /// Scans `text[start..end]` (valid character boundaries) and emits token spans.
    fn scan(&self, text: &str, start: usize, end: usize, emit: &mut impl FnMut(usize, usize)) {
        let b = text.as_bytes();
        let mut i = start;
        while i < end {
            let c = b[i];
            if c < 0x80 {
                if c.is_ascii_alphanumeric() || c == b'_' {
                    i = self.word(text, i, end, emit);
                    continue;
                }
                match c {
                    b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => i += 1,
                    b'.' => {
                        let j = run(b, i, end, b'.');
                        if j == i + 1 && j < end && b[j].is_ascii_digit() {
                            // .5
                            i = self.word(text, i, end, emit);
                        } else {
                            emit(i, j);
                            i = j;
                        }
                    }
                    b'-' | b'!' | b'?' | b'*' | b'=' | b'~' => {
                        let j = run(b, i, end, c);
                        emit(i, j);
                        i = j;
                    }
                    b'@' | b'#' if i + 1 < end && b[i + 1].is_ascii_alphabetic() => {
                        // @handle, #hashtag
                        let mut j = i + 1;
                        while j < end && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                            j += 1;
                        }
                        emit(i, j);
                        i = j;
                    }
                    b'\'' => {
                        if let Some(j) = clitic_at(b, i, end) {
                            emit(i, j);
                            i = j;
                        } else if let Some(j) = decade_at(b, i, end) {
                            emit(i, j);
                            i = j;
                        } else {
                            emit(i, i + 1);
                            i += 1;
                        }
                    }
                    b'[' if b[i..end].starts_with(b"[...]")
                        || b[i..end].starts_with("[…]".as_bytes()) =>
                    {
                        // [...]: words left out of a quotation
                        let j = i + 5; // both forms are five bytes
                        emit(i, j);
                        i = j;
                    }
                    _ => {
                        emit(i, i + 1);
                        i += 1;
                    }
                }
                continue;
            }
            let w = ws_len(b, i, end);
            if w > 0 {
                i += w;
                continue;
            }
            let (ch, len) = decode(text, i);
            if is_word_char(ch) {
                i = self.word(text, i, end, emit);
                continue;
            }
            if ch == '’'
                && let Some(j) = clitic_at(b, i, end).or_else(|| decade_at(b, i, end))
            {
                emit(i, j);
                i = j;
                continue;
            }
            // Other punctuation and symbols, one character each (a run of dashes as one).
            if matches!(ch, '—' | '–' | '―') {
                let mut j = i + len;
                while j < end && decode(text, j).0 == ch {
                    j += len;
                }
                emit(i, j);
                i = j;
                continue;
            }
            emit(i, (i + len).min(end));
            i += len;
        }
    }

    /// Scans a word starting at `i`, emits it (split as clitics and contractions require) and
    /// returns where it ends.
    fn word(&self, text: &str, i: usize, end: usize, emit: &mut impl FnMut(usize, usize)) -> usize {
        let b = text.as_bytes();
        if matches!(b[i] | 0x20, b'h' | b'w' | b'f' | b'm')
            && let Some(j) = url_at(b, i, end)
        {
            emit(i, j);
            return j;
        }
        // A number may open with its decimal point: .5
        let mut j = if b[i] == b'.' { i + 1 } else { i };
        loop {
            // A run of word characters.
            while j < end {
                let c = b[j];
                if c < 0x80 {
                    if c.is_ascii_alphanumeric() || c == b'_' {
                        j += 1;
                        continue;
                    }
                    break;
                }
                let (ch, len) = decode(text, j);
                if is_word_char(ch) {
                    j += len;
                } else {
                    break;
                }
            }
            if j >= end || j == i {
                break;
            }
            let c = b[j];
            if c == b' ' {
                break;
            }
            let prev = b[j - 1];
            let next = if j + 1 < end { b[j + 1] } else { 0 };
            let joins = match c {
                // `Syria.The` (a missing space after a sentence) is not one word.
                b'.' if glued_sentence(b, i, j, end) => false,
                b'-' | b'.' | b'@' => j + 1 < end && starts_word(text, j + 1),
                b',' | b':' => prev.is_ascii_digit() && next.is_ascii_digit(),
                // 31/05/2012, b/c, L/C
                b'/' => {
                    (prev.is_ascii_digit() && next.is_ascii_digit())
                        || (j - i == 1
                            && prev.is_ascii_alphabetic()
                            && single_letter_at(b, j + 1, end))
                }
                // AT&T, R&D, a&m
                b'&' => {
                    (prev.is_ascii_uppercase() && next.is_ascii_uppercase())
                        || (j - i == 1
                            && prev.is_ascii_alphabetic()
                            && single_letter_at(b, j + 1, end))
                }
                b'\'' => next.is_ascii_alphabetic() && clitic_at(b, j, end).is_none(),
                // don`t, typed with a backtick
                b'`' => {
                    prev == b'n'
                        && next == b't'
                        && !(j + 2 < end && b[j + 2].is_ascii_alphanumeric())
                }
                0xE2 if j + 2 < end && b[j + 1] == 0x80 && b[j + 2] == 0x99 => {
                    // ’ inside a word: O’Brien, don’t (n’t is split below).
                    j + 3 < end && b[j + 3].is_ascii_alphabetic() && clitic_at(b, j, end).is_none()
                }
                0xE2 if j + 2 < end && b[j + 1] == 0x80 && b[j + 2] == 0x90 => {
                    // U+2010 hyphen
                    j + 3 < end && starts_word(text, j + 3)
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j += if c == 0xE2 { 3 } else { 1 };
        }
        let word = text.get(i..j).unwrap_or("");
        // A trailing period stays with an abbreviation, but not with a lone capital that ends
        // the sentence (`plan B.`).
        let mut stop = j;
        let lone_capital_at_end = j + 1 == end && word.len() == 1;
        if j < end
            && b[j] == b'.'
            && !(j + 1 < end && b[j + 1] == b'.')
            && !lone_capital_at_end
            && crate::sentences::keeps_period(word, next_is_digit(b, j + 1, end))
        {
            stop = j + 1;
        }
        self.emit_word(word, i, j, stop, emit);
        stop
    }

    /// Emits the word `word` at `i..j` (with its period up to `stop`), splitting `n't` and
    /// contractions.
    fn emit_word(
        &self,
        word: &str,
        i: usize,
        j: usize,
        stop: usize,
        emit: &mut impl FnMut(usize, usize),
    ) {
        let w = word.as_bytes();
        let n = w.len();
        // n't / n’t
        if n > 3
            && (w[n - 3..].eq_ignore_ascii_case(b"n't") || w[n - 3..].eq_ignore_ascii_case(b"n`t"))
        {
            emit(i, j - 3);
            emit(j - 3, stop);
            return;
        }
        if n > 5
            && (w[n - 5..] == *"n\u{2019}t".as_bytes() || w[n - 5..] == *"N\u{2019}T".as_bytes())
        {
            emit(i, j - 5);
            emit(j - 5, stop);
            return;
        }
        // 6:00am, 10pm -> 6:00 am, 10 pm
        if n > 2
            && stop == j
            && w[n - 3].is_ascii_digit()
            && (w[n - 2..].eq_ignore_ascii_case(b"am") || w[n - 2..].eq_ignore_ascii_case(b"pm"))
        {
            emit(i, j - 2);
            emit(j - 2, j);
            return;
        }
        // cannot -> can not; gonna, wanna, gotta -> gon na, wan na, got ta.
        if self.split_contractions
            && stop == j
            && ["cannot", "gonna", "wanna", "gotta"]
                .iter()
                .any(|c| word.eq_ignore_ascii_case(c))
        {
            emit(i, i + 3);
            emit(i + 3, j);
            return;
        }
        emit(i, stop);
    }
}

/// Token spans of a string on its own, with the default [`Tokenizer`]: offsets into `text`.
pub fn tokenize_str(text: &str) -> Vec<Span> {
    Tokenizer::default().tokenize_span(text, Span::new(0, text.len()))
}

/// The character at `i` (a character boundary) and its length; `(U+FFFD, 1)` where `i` is not
/// one, so that scanning always moves on.
fn decode(text: &str, i: usize) -> (char, usize) {
    match text.get(i..).and_then(|s| s.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// Letters, digits and the combining marks and joiners that belong to them.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{00AD}')
}

/// True when a word character starts at `i`.
fn starts_word(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    match b.get(i) {
        None => false,
        Some(&c) if c < 0x80 => c.is_ascii_alphanumeric(),
        Some(_) => is_word_char(decode(text, i).0),
    }
}

/// True when the period at `j` of the word starting at `i` sits between a lower-case word and
/// a capitalized one (`Syria.The`), as when the space after a sentence is missing; not in an
/// e-mail address (`Stacey.Richardson@enron.com`).
fn glued_sentence(b: &[u8], i: usize, j: usize, end: usize) -> bool {
    j >= i + 2
        && j + 2 < end
        && b[j - 1].is_ascii_lowercase()
        && b[j - 2].is_ascii_lowercase()
        && b[j + 1].is_ascii_uppercase()
        && b[j + 2].is_ascii_lowercase()
        && !b[j..end]
            .iter()
            .take(64)
            .take_while(|c| !c.is_ascii_whitespace())
            .any(|&c| c == b'@')
}

/// True when one ASCII letter stands at `i`, not followed by another letter or digit.
fn single_letter_at(b: &[u8], i: usize, end: usize) -> bool {
    i < end && b[i].is_ascii_alphabetic() && (i + 1 >= end || !b[i + 1].is_ascii_alphanumeric())
}

fn run(b: &[u8], i: usize, end: usize, c: u8) -> usize {
    let mut j = i;
    while j < end && b[j] == c {
        j += 1;
    }
    j
}

/// If a clitic (`'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`, with `'` or `’`) starts at `i` and ends
/// at a word boundary, its end.
fn clitic_at(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let after = if b.get(i) == Some(&b'\'') {
        i + 1
    } else if b.get(i..i + 3) == Some("\u{2019}".as_bytes()) {
        i + 3
    } else {
        return None;
    };
    let mut j = after;
    while j < end && j < after + 3 && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    if j < end && (b[j].is_ascii_alphanumeric() || b[j] >= 0x80 && is_letter_start(b, j)) {
        return None;
    }
    let s = b.get(after..j)?;
    let ok = [&b"s"[..], b"re", b"ve", b"ll", b"d", b"m"]
        .iter()
        .any(|c| s.eq_ignore_ascii_case(c));
    ok.then_some(j)
}

/// A rough check that a non-ASCII letter starts at `j` (used only to refuse clitics).
fn is_letter_start(b: &[u8], j: usize) -> bool {
    // Latin-1 supplement and Latin Extended letters start with 0xC3..=0xC9.
    (0xC3..=0xC9).contains(&b[j])
}

/// `'90s`, `’08`: an apostrophe before two digits (and an `s`), then a word boundary.
fn decade_at(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let a = if b.get(i) == Some(&b'\'') {
        i + 1
    } else if b.get(i..i + 3) == Some("\u{2019}".as_bytes()) {
        i + 3
    } else {
        return None;
    };
    let d1 = *b.get(a)?;
    let d2 = *b.get(a + 1)?;
    if a + 2 > end || !d1.is_ascii_digit() || !d2.is_ascii_digit() {
        return None;
    }
    let mut j = a + 2;
    if j < end && b[j] == b's' {
        j += 1;
    }
    if j < end && b[j].is_ascii_alphanumeric() {
        return None;
    }
    Some(j)
}

/// If a URL starts at `i` (`http://`, `https://`, `ftp://`, `www.`, `mailto:`), its end: up to white
/// space, less trailing punctuation.
fn url_at(b: &[u8], i: usize, end: usize) -> Option<usize> {
    let rest = b.get(i..end)?;
    let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://")
        || starts(b"https://")
        || starts(b"ftp://")
        || starts(b"www.")
        || starts(b"mailto:"))
    {
        return None;
    }
    let mut j = i;
    while j < end && ws_len(b, j, end) == 0 && !matches!(b[j], b'"' | b'<' | b'>') {
        j += 1;
    }
    // Stop before a non-ASCII quote mark or similar.
    let mut k = i;
    while k < j {
        if b[k] >= 0x80 && b[k] == 0xE2 {
            j = k;
            break;
        }
        k += 1;
    }
    let opens = b[i..j].iter().filter(|&&c| c == b'(').count();
    let closes = b[i..j].iter().filter(|&&c| c == b')').count();
    let mut unbalanced = closes.saturating_sub(opens);
    while j > i {
        match b[j - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => j -= 1,
            b')' if unbalanced > 0 || opens == 0 => {
                unbalanced = unbalanced.saturating_sub(1);
                j -= 1;
            }
            _ => break,
        }
    }
    (j > i).then_some(j)
}

/// True when the first character after white space at `i` is a digit.
fn next_is_digit(b: &[u8], i: usize, end: usize) -> bool {
    let mut j = i;
    while j < end && b[j] == b' ' {
        j += 1;
    }
    j < end && b[j].is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<&str> {
        tokenize_str(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn basic() {
        assert_eq!(forms("Hello, world."), ["Hello", ",", "world", "."]);
        assert_eq!(forms("don't"), ["do", "n't"]);
        assert_eq!(forms("'90s"), ["'90s"]);
    }
}
