//! HTML character references: numeric ones and the named ones news pages use.
//!
//! The table holds the Latin-1 set, the typographic marks and a few symbols and Greek letters,
//! not the full list of 2,231 names; an unknown name is left as text, as browsers do.

/// Names of U+00A0 ..= U+00FF in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other names.
const OTHER: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("hairsp", '\u{200A}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("horbar", '―'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("rsquor", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("rdquor", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("bullet", '•'),
    ("hellip", '…'),
    ("mldr", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("oline", '‾'),
    ("frasl", '⁄'),
    ("euro", '€'),
    ("trade", '™'),
    ("TRADE", '™'),
    ("larr", '←'),
    ("uarr", '↑'),
    ("rarr", '→'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("minus", '−'),
    ("hearts", '♥'),
    ("spades", '♠'),
    ("clubs", '♣'),
    ("diams", '♦'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("infin", '∞'),
    ("ne", '≠'),
    ("le", '≤'),
    ("ge", '≥'),
    ("asymp", '≈'),
    ("star", '☆'),
    ("check", '✓'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("epsilon", 'ε'),
    ("lambda", 'λ'),
    ("mu", 'μ'),
    ("pi", 'π'),
    ("sigma", 'σ'),
    ("omega", 'ω'),
    ("Delta", 'Δ'),
    ("Omega", 'Ω'),
    ("nbsp", '\u{A0}'),
    ("NewLine", '\n'),
    ("Tab", '\t'),
    ("colon", ':'),
    ("comma", ','),
    ("period", '.'),
    ("excl", '!'),
    ("quest", '?'),
    ("num", '#'),
    ("dollar", '$'),
    ("percnt", '%'),
    ("lpar", '('),
    ("rpar", ')'),
    ("ast", '*'),
    ("plus", '+'),
    ("sol", '/'),
    ("bsol", '\\'),
    ("semi", ';'),
    ("equals", '='),
    ("commat", '@'),
    ("lsqb", '['),
    ("rsqb", ']'),
    ("lowbar", '_'),
    ("grave", '`'),
    ("lcub", '{'),
    ("rcub", '}'),
    ("verbar", '|'),
    ("vert", '|'),
];

/// Names browsers also accept without the closing `;`.
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Decodes the character reference at the start of `s` (which starts with `&`); returns the
/// character and the number of bytes the reference takes, or `None` if there is none.
pub(crate) fn decode_at(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    if b.get(1) == Some(&b'#') {
        let (hex, digits_at) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut j = digits_at;
        let mut value: u32 = 0;
        while j < b.len() && j - digits_at < 8 {
            let d = match (hex, b[j]) {
                (_, c @ b'0'..=b'9') => u32::from(c - b'0'),
                (true, c @ b'a'..=b'f') => u32::from(c - b'a' + 10),
                (true, c @ b'A'..=b'F') => u32::from(c - b'A' + 10),
                _ => break,
            };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            j += 1;
        }
        if j == digits_at {
            return None;
        }
        if b.get(j) == Some(&b';') {
            j += 1;
        }
        return Some((numeric_char(value), j));
    }
    let mut j = 1;
    while j < b.len() && j < 34 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == 1 {
        return None;
    }
    let name = &s[1..j];
    let with_semi = b.get(j) == Some(&b';');
    let c = lookup(name)?;
    if with_semi {
        Some((c, j + 1))
    } else if LEGACY.contains(&name) {
        Some((c, j))
    } else {
        None
    }
}

fn lookup(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    OTHER.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// The character a numeric reference stands for, with the Windows-1252 remapping of
/// 0x80..=0x9F that browsers apply and U+FFFD for what is not a character.
fn numeric_char(v: u32) -> char {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match v {
        0 => '\u{FFFD}',
        0x80..=0x9F => CP1252[(v - 0x80) as usize],
        _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(decode_at("&amp;x"), Some(('&', 5)));
        assert_eq!(decode_at("&amp x"), Some(('&', 4)));
        assert_eq!(decode_at("&eacute;"), Some(('é', 8)));
        assert_eq!(decode_at("&eacute"), None);
        assert_eq!(decode_at("&#8217;"), Some(('’', 7)));
        assert_eq!(decode_at("&#x2014;"), Some(('—', 8)));
        assert_eq!(decode_at("&#151;"), Some(('—', 6)));
        assert_eq!(decode_at("&#xD800;"), Some(('\u{FFFD}', 8)));
        assert_eq!(decode_at("&#99999999999;"), Some(('\u{FFFD}', 10)));
        assert_eq!(decode_at("&nosuch;"), None);
        assert_eq!(decode_at("&"), None);
        assert_eq!(decode_at("&#;"), None);
    }
}
