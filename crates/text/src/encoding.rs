//! Turning input bytes into UTF-8 text: BOMs, UTF-16, legacy single-byte encodings.
//!
//! The order of evidence is the one browsers use: a byte order mark wins; then an encoding the
//! input declares (an HTTP `charset`, an XML declaration, an HTML `<meta charset>`); then the
//! bytes themselves. Sniffing knows three cases: UTF-8 (valid, or mostly valid with the broken
//! sequences replaced by U+FFFD and a warning), legacy single-byte text (invalid as UTF-8 and
//! without any valid multi-byte sequence: read as Windows-1252, the superset of ISO-8859-1 that
//! old news archives use, with an `encoding.windows-1252` diagnostic) and UTF-16 without a BOM
//! (every other byte NUL). Bytes with NULs or many control characters are refused as binary.
//!
//! Offsets in the documents built from decoded text refer to the decoded string, not to the
//! raw bytes.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use tacitus_model::{Diagnostic, Severity};

use crate::read::{ErrorKind, ReadError};

/// Text decoded from bytes.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text, UTF-8, without a BOM.
    pub text: String,
    /// The encoding it was read as (`UTF-8`, `UTF-16LE`, `windows-1252` ...).
    pub encoding: &'static str,
    /// What a user should know (a legacy encoding converted, invalid bytes replaced).
    pub diagnostics: Vec<Diagnostic>,
}

/// Why bytes could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes are not text.
    Binary(String),
    /// There are no bytes, or only white space.
    Empty,
}

impl DecodeError {
    /// As a [`ReadError`] for input `name`.
    pub fn into_read_error(self, name: &str) -> ReadError {
        match self {
            DecodeError::Binary(why) => ReadError::new(name, ErrorKind::Binary, why),
            DecodeError::Empty => ReadError::new(name, ErrorKind::Empty, "the input is empty"),
        }
    }
}

/// How many leading bytes are inspected for a NUL and for control characters.
const SNIFF_WINDOW: usize = 64 * 1024;

/// Decodes text of unknown encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, None)
}

/// Decodes an HTML page, honouring a `<meta charset>` (or `<meta http-equiv="content-type">`)
/// in its first 1024 bytes.
pub fn decode_html(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_html_with(bytes, None)
}

/// Decodes an HTML page whose transport declared `http_charset` (the `charset` parameter of an
/// HTTP `Content-Type`); without one the page's own `<meta>` declaration is used.
pub fn decode_html_with(bytes: &[u8], http_charset: Option<&str>) -> Result<Decoded, DecodeError> {
    let declared = http_charset
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    decode_with(bytes, declared.as_deref())
}

/// Decodes an XML document (a feed), honouring the `encoding` of its XML declaration.
pub fn decode_xml(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    decode_with(bytes, xml_declared_encoding(bytes).as_deref())
}

/// Decodes bytes whose encoding may be declared by a label (`utf-8`, `iso-8859-1`,
/// `shift_jis` ...).
///
/// A BOM wins over the label. Bytes that are valid UTF-8 with non-ASCII characters while the
/// label names another encoding are read as UTF-8 with an `encoding.declared-mismatch`
/// warning (mislabelled pages are common; valid UTF-8 by accident is not). An unknown label is
/// reported and ignored.
pub fn decode_with(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let mut diagnostics = Vec::new();

    // 1. A byte order mark.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == UTF_8 {
            check_binary(body)?;
            return finish(sniff_utf8(body, true, diagnostics));
        }
        return finish(decode_utf16(enc, body, false, diagnostics));
    }

    // 2. UTF-16 without a BOM: text in the Latin range has every other byte NUL.
    if let Some(enc) = bomless_utf16(bytes) {
        return finish(decode_utf16(enc, bytes, true, diagnostics));
    }

    check_binary(bytes)?;

    // 3. A declared encoding.
    if let Some(label) = declared.map(str::trim).filter(|l| !l.is_empty()) {
        match Encoding::for_label(label.as_bytes()) {
            // UTF-16 declared in ASCII-compatible bytes cannot be right (the HTML standard
            // reads such pages as UTF-8); the replacement encoding would discard the page.
            Some(enc) if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE => {}
            Some(enc) if enc == encoding_rs::REPLACEMENT || enc == encoding_rs::X_USER_DEFINED => {
                diagnostics.push(Diagnostic::new(
                    Severity::Warning,
                    "encoding.unsupported-label",
                    format!("the input declares the encoding {label:?}, which is not read; sniffed instead"),
                ));
            }
            Some(enc) => return finish(decode_declared(enc, label, bytes, diagnostics)),
            None => diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "encoding.unknown-label",
                format!("the input declares an unknown encoding {label:?}; sniffed instead"),
            )),
        }
    }

    // 4. Sniffing.
    finish(sniff_utf8(bytes, false, diagnostics))
}

/// Refuses decoded text that holds nothing but white space.
fn finish(decoded: Decoded) -> Result<Decoded, DecodeError> {
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

/// UTF-8 if it is (mostly) valid or `bom` says it is, else Windows-1252.
fn sniff_utf8(bytes: &[u8], bom: bool, mut diagnostics: Vec<Diagnostic>) -> Decoded {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            diagnostics,
        };
    }
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    let mut first_invalid = None;
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first_invalid.get_or_insert(pos);
        }
        pos += chunk.invalid().len();
    }
    if bom || multibyte >= invalid {
        let first = first_invalid.unwrap_or(0);
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "encoding.invalid-utf8",
            format!(
                "{invalid} invalid UTF-8 sequence{} replaced with U+FFFD (the first at byte {first})",
                if invalid == 1 { "" } else { "s" }
            ),
        ));
        return Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: "UTF-8",
            diagnostics,
        };
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let converted = bytes.iter().filter(|b| !b.is_ascii()).count();
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        "encoding.windows-1252",
        format!(
            "the input is not UTF-8; read as Windows-1252 ({converted} non-ASCII byte{} converted)",
            if converted == 1 { "" } else { "s" }
        ),
    ));
    Decoded {
        text: text.into_owned(),
        encoding: WINDOWS_1252.name(),
        diagnostics,
    }
}

/// Decodes in an encoding the input declared.
fn decode_declared(
    enc: &'static Encoding,
    label: &str,
    bytes: &[u8],
    mut diagnostics: Vec<Diagnostic>,
) -> Decoded {
    if bytes.is_ascii() && enc.is_ascii_compatible() {
        return Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: enc.name(),
            diagnostics,
        };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "encoding.declared-mismatch",
            format!("the input declares {label:?} but is valid UTF-8; read as UTF-8"),
        ));
        return Decoded {
            text: s.to_string(),
            encoding: "UTF-8",
            diagnostics,
        };
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let code = format!("encoding.{}", enc.name().to_ascii_lowercase());
    diagnostics.push(Diagnostic::new(
        Severity::Info,
        code,
        format!("read as {} as the input declares ({label:?})", enc.name()),
    ));
    if had_errors {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "encoding.invalid",
            format!(
                "byte sequences invalid in {} replaced with U+FFFD",
                enc.name()
            ),
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        diagnostics,
    }
}

fn decode_utf16(
    enc: &'static Encoding,
    body: &[u8],
    sniffed: bool,
    mut diagnostics: Vec<Diagnostic>,
) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if sniffed {
        diagnostics.push(Diagnostic::new(
            Severity::Info,
            "encoding.utf-16-no-bom",
            format!(
                "the input has no byte order mark but looks like {}; read as such",
                enc.name()
            ),
        ));
    }
    if had_errors {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "encoding.invalid-utf16",
            format!("invalid {} sequences replaced with U+FFFD", enc.name()),
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        diagnostics,
    }
}

/// UTF-16 without a BOM: at least 16 bytes, and one byte of nearly every pair NUL while the
/// other almost never is.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let window = &bytes[..bytes.len().min(SNIFF_WINDOW)];
    if window.len() < 16 {
        return None;
    }
    let pairs = window.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in window.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    let most = pairs * 9 / 10;
    let few = pairs / 20;
    if odd_nul >= most && even_nul <= few {
        Some(UTF_16LE)
    } else if even_nul >= most && odd_nul <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses bytes that are not text: a known binary format, a NUL byte, or more than one
/// control character in twenty.
fn check_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    if let Some(kind) = binary_magic(bytes) {
        return Err(DecodeError::Binary(format!(
            "the input is {kind}, not text; convert it to text or HTML first"
        )));
    }
    let window = &bytes[..bytes.len().min(SNIFF_WINDOW)];
    if let Some(at) = window.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary(format!(
            "the input holds a NUL byte at offset {at}; it looks like a binary file, not text \
             in any encoding tacitus reads"
        )));
    }
    let controls = window
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    if controls * 20 > window.len() {
        return Err(DecodeError::Binary(format!(
            "{controls} of the first {} bytes are control characters; the input looks binary, \
             not text",
            window.len()
        )));
    }
    Ok(())
}

/// Names a binary format by its magic number.
fn binary_magic(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x1f\x8b", "gzip-compressed data inside gzip"),
        (b"BZh9", "bzip2-compressed data"),
        (b"\xfd7zXZ\x00", "xz-compressed data"),
        (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "an old Microsoft Office file",
        ),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// The charset an HTML page declares in a `<meta>` tag within its first 1024 bytes.
pub fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head: Vec<u8> = bytes
        .iter()
        .take(1024)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(rel) = find(&head[from..], b"<meta") {
        let start = from + rel + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(label) = charset_param(tag) {
            return Some(label);
        }
        from = start;
    }
    None
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"`).
pub fn content_type_charset(content_type: &str) -> Option<String> {
    charset_param(content_type.to_ascii_lowercase().as_bytes())
}

/// Finds `charset`, an optional `=` with white space, and the label after it.
fn charset_param(s: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(rel) = find(&s[from..], b"charset") {
        let mut i = from + rel + 7;
        from = i;
        while s.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while s
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            i += 1;
        }
        let label: String = s[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
            .map(|&b| char::from(b))
            .collect();
        if !label.is_empty() {
            return Some(label);
        }
    }
    None
}

/// The `encoding` an XML declaration at the start of the bytes names.
pub fn xml_declared_encoding(bytes: &[u8]) -> Option<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let rest = &bytes[skip..];
    if !rest.starts_with(b"<?xml") {
        return None;
    }
    let end = rest.iter().take(512).position(|&b| b == b'>')?;
    let decl: Vec<u8> = rest[..end].iter().map(u8::to_ascii_lowercase).collect();
    let at = find(&decl, b"encoding")? + 8;
    let mut i = at;
    while decl
        .get(i)
        .is_some_and(|b| b.is_ascii_whitespace() || *b == b'=')
    {
        i += 1;
    }
    let quote = *decl.get(i)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let label: String = decl[i + 1..]
        .iter()
        .take_while(|&&b| b != quote)
        .map(|&b| char::from(b))
        .collect();
    Some(label.trim().to_string()).filter(|l| !l.is_empty())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_and_content_type() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"ISO-8859-1\">").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(
            meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
            )
            .as_deref(),
            Some("windows-1251")
        );
        assert_eq!(meta_charset(b"<meta name=x><p>charset=utf-8"), None);
        assert_eq!(
            content_type_charset("text/html; Charset = \"UTF-8\"").as_deref(),
            Some("utf-8")
        );
        assert_eq!(
            xml_declared_encoding(b"<?xml version='1.0' encoding='ISO-8859-1'?><rss/>").as_deref(),
            Some("iso-8859-1")
        );
    }

    #[test]
    fn declared_single_byte() {
        let d = decode_html(b"<meta charset=koi8-r><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>").unwrap();
        assert!(d.text.contains("Привет"), "{}", d.text);
        assert_eq!(d.encoding, "KOI8-R");
        assert_eq!(d.diagnostics[0].code, "encoding.koi8-r");
        // Declared Latin-1 but valid UTF-8: UTF-8 wins, with a warning.
        let d = decode_html("<meta charset=iso-8859-1><p>café</p>".as_bytes()).unwrap();
        assert!(d.text.contains("café"));
        assert_eq!(d.diagnostics[0].code, "encoding.declared-mismatch");
    }

    #[test]
    fn mostly_utf8_is_repaired() {
        let mut bytes = "naïve café \u{2014} ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff end");
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(d.diagnostics[0].code, "encoding.invalid-utf8");
    }

    #[test]
    fn bomless_utf16() {
        let bytes: Vec<u8> = "Plain text in UTF-16"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Plain text in UTF-16");
        assert_eq!(d.encoding, "UTF-16LE");
    }
}
