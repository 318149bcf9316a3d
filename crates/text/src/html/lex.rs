//! A forgiving HTML tokenizer that keeps every token's byte range in the raw input.
//!
//! It follows the shape of the HTML tokenizer without its full state machine: tags, attributes
//! (quoted, unquoted, bare), comments, doctypes and processing instructions, and the raw-text
//! elements (`script`, `style`, `textarea`, `title` ...) whose content runs to their end tag.
//! Every input is accepted; a `<` that starts no tag is text. All positions are byte offsets
//! into the input and always fall on character boundaries, since the tokenizer only ever
//! splits at ASCII bytes.

/// An attribute of a start tag: lower-cased name, raw value range (entities undecoded).
#[derive(Clone, Debug)]
pub(crate) struct Attr {
    /// The name, lower-cased.
    pub name: String,
    /// Start of the raw value (after any quote).
    pub value_start: usize,
    /// End of the raw value (before any quote).
    pub value_end: usize,
}

/// One token of the input.
#[derive(Clone, Debug)]
pub(crate) enum Token {
    /// `<name attr=value ...>`.
    Start {
        /// Lower-cased tag name.
        name: String,
        /// Attributes in source order.
        attrs: Vec<Attr>,
        /// Ends with `/>`.
        self_closing: bool,
    },
    /// `</name>`.
    End {
        /// Lower-cased tag name.
        name: String,
    },
    /// Character data in `start..end` (entities undecoded).
    Text {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
    },
}

/// Elements whose content is not markup but runs to the matching end tag.
pub(crate) const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Splits `html` into tokens. Never fails.
pub(crate) fn tokenize(html: &str) -> Vec<Token> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1 + memchr_lt(&b[i + 1..]);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            flush_text(&mut out, text_start, i);
            i = skip_markup_declaration(b, i);
            text_start = i;
        } else if next == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            flush_text(&mut out, text_start, i);
            let (name, after_name) = read_name(b, i + 2);
            let close = find_byte(b, after_name, b'>').map_or(b.len(), |p| p + 1);
            out.push(Token::End { name });
            i = close;
            text_start = i;
        } else if next.is_ascii_alphabetic() {
            flush_text(&mut out, text_start, i);
            let (name, attrs, self_closing, end) = read_start_tag(b, i);
            let raw = RAW_TEXT.contains(&name.as_str()) && !self_closing;
            out.push(Token::Start {
                name: name.clone(),
                attrs,
                self_closing,
            });
            i = end;
            if raw {
                let (content_end, after) = if name == "plaintext" {
                    (b.len(), b.len())
                } else {
                    find_end_tag(b, i, name.as_bytes())
                };
                if content_end > i {
                    out.push(Token::Text {
                        start: i,
                        end: content_end,
                    });
                }
                out.push(Token::End { name });
                i = after;
            }
            text_start = i;
        } else {
            i += 1;
        }
    }
    flush_text(&mut out, text_start, b.len());
    out
}

fn memchr_lt(b: &[u8]) -> usize {
    b.iter().position(|&c| c == b'<').unwrap_or(b.len())
}

fn flush_text(out: &mut Vec<Token>, start: usize, end: usize) {
    if end > start {
        out.push(Token::Text { start, end });
    }
}

fn find_byte(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&x| x == c)
        .map(|p| p + from)
}

fn find_seq(b: &[u8], from: usize, seq: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    hay.windows(seq.len())
        .position(|w| w == seq)
        .map(|p| p + from)
}

/// Skips `<!-- ... -->`, `<!DOCTYPE ...>`, `<![CDATA[ ... ]]>`, `<? ... >`; returns the end.
fn skip_markup_declaration(b: &[u8], i: usize) -> usize {
    if b[i..].starts_with(b"<!--") {
        return find_seq(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
    }
    if b[i..].starts_with(b"<![CDATA[") {
        return find_seq(b, i + 9, b"]]>").map_or(b.len(), |p| p + 3);
    }
    find_byte(b, i + 2, b'>').map_or(b.len(), |p| p + 1)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn read_name(b: &[u8], mut i: usize) -> (String, usize) {
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    // The name ends at an ASCII byte, so this is a char boundary.
    let name = String::from_utf8_lossy(&b[start..i]).to_ascii_lowercase();
    (name, i)
}

/// Reads a start tag at `i` (`b[i] == b'<'`); returns name, attributes, self-closing, end.
fn read_start_tag(b: &[u8], i: usize) -> (String, Vec<Attr>, bool, usize) {
    let (name, mut j) = read_name(b, i + 1);
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while j < b.len() && (is_space(b[j]) || b[j] == b'/') {
            self_closing = b[j] == b'/';
            j += 1;
        }
        if j >= b.len() {
            return (name, attrs, false, b.len());
        }
        if b[j] == b'>' {
            return (name, attrs, self_closing, j + 1);
        }
        self_closing = false;
        // Attribute name.
        let ns = j;
        j += 1;
        while j < b.len() && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let aname = String::from_utf8_lossy(&b[ns..j]).to_ascii_lowercase();
        while j < b.len() && is_space(b[j]) {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && is_space(b[j]) {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                let vs = j + 1;
                let ve = find_byte(b, vs, q).unwrap_or(b.len());
                push_attr(&mut attrs, aname, vs, ve);
                j = (ve + 1).min(b.len());
            } else {
                let vs = j;
                while j < b.len() && !is_space(b[j]) && b[j] != b'>' {
                    j += 1;
                }
                push_attr(&mut attrs, aname, vs, j);
            }
        } else {
            push_attr(&mut attrs, aname, j, j);
        }
    }
}

fn push_attr(attrs: &mut Vec<Attr>, name: String, value_start: usize, value_end: usize) {
    // The first of duplicate attributes wins, as in browsers.
    if attrs.len() < 64 && !attrs.iter().any(|a| a.name == name) {
        attrs.push(Attr {
            name,
            value_start,
            value_end,
        });
    }
}

/// Finds `</name` (any case) followed by a space, `/` or `>` from `from`; returns the content
/// end and the position after the end tag.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> (usize, usize) {
    let mut i = from;
    while let Some(p) = find_seq(b, i, b"</") {
        let ns = p + 2;
        let ne = ns + name.len();
        if ne <= b.len()
            && b[ns..ne].eq_ignore_ascii_case(name)
            && b.get(ne)
                .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            let after = find_byte(b, ne, b'>').map_or(b.len(), |q| q + 1);
            return (p, after);
        }
        i = p + 2;
    }
    (b.len(), b.len())
}

/// A run of decoded text and the raw bytes it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Text copied verbatim from `raw_start`.
    Exact(&'a str, usize),
    /// One character decoded from the `raw_len` bytes at `raw_start` (an entity).
    Char(char, usize, usize),
}

/// Decodes character references in `html[start..end]`, calling `f` with verbatim runs and
/// decoded characters in order.
pub(crate) fn decode_pieces<'a>(
    html: &'a str,
    start: usize,
    end: usize,
    mut f: impl FnMut(Piece<'a>),
) {
    let Some(s) = html.get(start..end) else {
        return;
    };
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'&'
            && let Some((c, len)) = crate::html::entities::decode_at(&s[i..])
        {
            if i > run {
                f(Piece::Exact(&s[run..i], start + run));
            }
            f(Piece::Char(c, start + i, len));
            i += len;
            run = i;
            continue;
        }
        i += 1;
    }
    if b.len() > run {
        f(Piece::Exact(&s[run..], start + run));
    }
}

/// Decodes character references in `html[start..end]` into a string.
pub(crate) fn decode(html: &str, start: usize, end: usize) -> String {
    let mut out = String::new();
    decode_pieces(html, start, end, |p| match p {
        Piece::Exact(s, _) => out.push_str(s),
        Piece::Char(c, _, _) => out.push(c),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_text_and_raw_text() {
        let html =
            "<P class=a id='b' hidden>x &amp; y</p><script>if (a<b) {}</script><!-- c --><br/>";
        let toks = tokenize(html);
        let names: Vec<String> = toks
            .iter()
            .map(|t| match t {
                Token::Start { name, .. } => format!("<{name}>"),
                Token::End { name } => format!("</{name}>"),
                Token::Text { start, end } => html[*start..*end].to_string(),
            })
            .collect();
        assert_eq!(
            names,
            [
                "<p>",
                "x &amp; y",
                "</p>",
                "<script>",
                "if (a<b) {}",
                "</script>",
                "<br>"
            ]
        );
        if let Token::Start { attrs, .. } = &toks[0] {
            assert_eq!(attrs.len(), 3);
            assert_eq!(&html[attrs[1].value_start..attrs[1].value_end], "b");
        }
        if let Token::Text { start, end } = toks[1] {
            assert_eq!(decode(html, start, end), "x & y");
        } else {
            panic!("expected text, got {:?}", toks[1]);
        }
    }

    #[test]
    fn never_fails_on_fragments() {
        for s in [
            "<",
            "<a",
            "<a b='",
            "</",
            "</a",
            "<!--",
            "&",
            "&#",
            "&#x110000;",
            "<script>x",
        ] {
            let _ = tokenize(s);
            let _ = decode(s, 0, s.len());
        }
    }
}
