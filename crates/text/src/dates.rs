//! Publication dates and times as news writes them.
//!
//! [`parse_datetime`] reads one date-time expression: ISO 8601 and RFC 3339
//! (`2012-05-31T20:23:00+01:00`), RFC 2822 (`Thu, 31 May 2012 20:23:00 +0100`), numeric dates
//! (`31/05/2012 20:23 BST`, day first unless only month first makes sense: `05/31/2012`), named
//! months (`Thursday 31 May 2012 20.23 BST`, `May 31, 2012, 8:23 p.m. EDT`), with or without a
//! lead-in (`Published:`, `Updated`, `Last updated on`). Zone abbreviations (BST, CEST, EDT,
//! MSK ...) and numeric offsets (`+01:00`, `GMT+3`) become UTC offsets; a time with no zone is
//! taken as UTC and a date with no time as midnight, marked `date_only`.
//!
//! [`parse_dateline`] recognises a whole dateline such as
//! `31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST` and splits it into published and
//! updated instants.
//!
//! Pure functions; never panic on any input.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use tacitus_model::Instant;

/// UTC offset in seconds for a zone abbreviation news commonly prints, or `None`.
///
/// Ambiguous abbreviations take their most common reading in English-language news: `IST` is
/// India (+05:30), `AST` Arabia (+03:00), `CST` US Central (-06:00).
pub fn zone_offset(abbr: &str) -> Option<i32> {
    const H: i32 = 3600;
    let upper = abbr.trim_matches('.').to_ascii_uppercase();
    let off = match upper.as_str() {
        "UTC" | "GMT" | "Z" | "UT" | "WET" => 0,
        "BST" | "WEST" | "CET" | "WAT" | "IST_IE" => H,
        "CEST" | "EET" | "CAT" | "SAST" => 2 * H,
        "EEST" | "MSK" | "AST" | "EAT" | "TRT" | "IDT" | "AST_ARABIA" => 3 * H,
        "IRST" => 3 * H + 1800,
        "GST" | "SAMT" => 4 * H,
        "IRDT" | "AFT" => 4 * H + 1800,
        "PKT" => 5 * H,
        "IST" => 5 * H + 1800,
        "NPT" => 5 * H + 2700,
        "ICT" | "WIB" => 7 * H,
        "HKT" | "SGT" | "AWST" | "PHT" | "CST_CHINA" => 8 * H,
        "JST" | "KST" => 9 * H,
        "ACST" => 9 * H + 1800,
        "AEST" => 10 * H,
        "ACDT" => 10 * H + 1800,
        "AEDT" => 11 * H,
        "NZST" => 12 * H,
        "NZDT" => 13 * H,
        "EDT" => -4 * H,
        "EST" | "CDT" => -5 * H,
        "CST" | "MDT" => -6 * H,
        "MST" | "PDT" => -7 * H,
        "PST" | "AKDT" => -8 * H,
        "AKST" => -9 * H,
        "HST" => -10 * H,
        "ADT" => -3 * H,
        "NST" => -3 * H - 1800,
        "BRT" | "ART" => -3 * H,
        _ => return None,
    };
    Some(off)
}

/// A dateline's instants.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dateline {
    /// When the article was first published.
    pub published: Option<Instant>,
    /// When it was last updated.
    pub updated: Option<Instant>,
}

/// Reads one date-time expression; `None` when `s` holds none or also holds other words.
pub fn parse_datetime(s: &str) -> Option<Instant> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(i) = parse_iso(s) {
        return Some(i);
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(Instant {
            utc: z.timestamp(),
            offset_seconds: z.offset().seconds(),
            zone: Some(z.offset().to_string()),
            date_only: false,
        });
    }
    let found = scan(s)?;
    if found.stray_words == 0 {
        found.instant
    } else {
        None
    }
}

/// Recognises a dateline: a short line made of one or two date-times with the usual words
/// around them (`Published`, `Updated`, `Last modified`, weekday names, `|`). Returns `None`
/// for a line that is anything else, such as a sentence that mentions a date.
pub fn parse_dateline(line: &str) -> Option<Dateline> {
    let line = line.trim();
    if line.is_empty() || line.len() > 160 || line.contains('\n') {
        return None;
    }
    let mut out = Dateline::default();
    for (part, updated) in split_dateline(line) {
        let found = scan(part)?;
        if found.stray_words > 0 {
            return None;
        }
        let instant = match (found.instant, found.time_only, &out.published) {
            (Some(i), _, _) => i,
            // A time alone takes the date of the time before it, in that time's zone.
            (None, Some(((h, m, s), zone)), Some(prev)) => {
                let (offset, name) =
                    zone.unwrap_or((prev.offset_seconds, prev.zone.clone().unwrap_or_default()));
                let dt = prev.local_date().to_datetime(Time::new(h, m, s, 0).ok()?);
                instant_from(dt, offset, Some(name).filter(|n| !n.is_empty()), false)?
            }
            _ => return None,
        };
        if updated || found.said_updated {
            out.updated.get_or_insert(instant);
        } else if out.published.is_none() {
            out.published = Some(instant);
        } else {
            out.updated.get_or_insert(instant);
        }
    }
    (out.published.is_some() || out.updated.is_some()).then_some(out)
}

/// Splits a dateline at `|`, `;` and before `Updated` / `Last updated` / `Modified`; the flag
/// says whether the part is marked as the update time.
fn split_dateline(line: &str) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    for piece in line.split(['|', ';', '•', '·']) {
        let lower = piece.to_ascii_lowercase();
        let cut = ["updated", "modified", "last updated", "last modified"]
            .iter()
            .filter_map(|w| lower.find(w))
            .filter(|&i| i > 0)
            .min();
        match cut {
            Some(i)
                if piece.is_char_boundary(i) && piece[..i].chars().any(|c| c.is_ascii_digit()) =>
            {
                parts.push((piece[..i].trim(), false));
                parts.push((piece[i..].trim(), true));
            }
            _ => parts.push((piece.trim(), false)),
        }
    }
    parts.retain(|(p, _)| !p.is_empty());
    parts
}

/// Parses an ISO 8601 / RFC 3339 date or date-time, keeping the offset it was written with.
/// Local times without an offset are taken as UTC; a date alone is midnight UTC, `date_only`.
fn parse_iso(s: &str) -> Option<Instant> {
    use jiff::fmt::temporal::{Pieces, PiecesOffset};
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    // A space for the `T` and an offset without its colon are common in the wild.
    let mut norm = s.to_string();
    if norm.len() > 10 && norm.as_bytes().get(10) == Some(&b' ') {
        norm.replace_range(10..11, "T");
    }
    if let Some(fixed) = fix_offset_colon(&norm) {
        norm = fixed;
    }
    let pieces = Pieces::parse(norm.as_str()).ok()?;
    let date = pieces.date();
    let Some(time) = pieces.time() else {
        let ts = jiff::tz::Offset::UTC
            .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
            .ok()?;
        return Some(Instant {
            utc: ts,
            offset_seconds: 0,
            zone: None,
            date_only: true,
        });
    };
    let dt = date.to_datetime(time);
    let (offset, zone) = match pieces.offset() {
        Some(PiecesOffset::Zulu) => (jiff::tz::Offset::UTC, Some("Z".to_string())),
        Some(PiecesOffset::Numeric(n)) => (n.offset(), Some(offset_string(n.offset().seconds()))),
        _ => (jiff::tz::Offset::UTC, None),
    };
    let utc = offset.to_timestamp(dt).ok()?;
    Some(Instant {
        utc,
        offset_seconds: offset.seconds(),
        zone,
        date_only: false,
    })
}

/// `...+0200` → `...+02:00`, when the string ends with a four-digit offset after a time.
fn fix_offset_colon(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let n = b.len();
    if n < 16 || !s.contains('T') {
        return None;
    }
    let sign = b[n - 5];
    if (sign == b'+' || sign == b'-') && b[n - 4..].iter().all(u8::is_ascii_digit) {
        let mut out = s[..n - 2].to_string();
        out.push(':');
        out.push_str(&s[n - 2..]);
        return Some(out);
    }
    None
}

fn parse_numeric_offset(s: &str) -> Option<i32> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != s[1..].chars().filter(|&c| c != ':').count() {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

fn offset_string(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

fn instant_from(
    dt: DateTime,
    offset: i32,
    zone: Option<String>,
    date_only: bool,
) -> Option<Instant> {
    let off = Offset::from_seconds(offset).ok()?;
    let utc = off.to_timestamp(dt).ok()?;
    Some(Instant {
        utc,
        offset_seconds: offset,
        zone,
        date_only,
    })
}

#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
    Num { value: u32, digits: usize },
    Word(&'a str),
    Sep(char),
}

fn lex(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_ascii_digit() {
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = j + 1;
                    chars.next();
                } else {
                    break;
                }
            }
            let text = &s[i..end];
            let value = text.parse::<u32>().unwrap_or(u32::MAX);
            out.push(Tok::Num {
                value,
                digits: text.len(),
            });
        } else if c.is_alphabetic() {
            let mut end = i;
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphabetic() {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok::Word(&s[i..end]));
        } else {
            chars.next();
            if !c.is_whitespace() {
                out.push(Tok::Sep(c));
            }
        }
    }
    out
}

/// The month (1-12) a word names (`tacitus_model::calendar::month_of`).
pub fn month_of(w: &str) -> Option<i8> {
    tacitus_model::calendar::month_of(w)
}

fn is_filler(w: &str) -> bool {
    const FILLER: [&str; 31] = [
        "published",
        "updated",
        "update",
        "modified",
        "last",
        "first",
        "posted",
        "on",
        "at",
        "of",
        "the",
        "date",
        "time",
        "created",
        "am",
        "pm",
        "a",
        "p",
        "m",
        "h",
        "hrs",
        "hours",
        "th",
        "st",
        "nd",
        "rd",
        "et",
        "pt",
        "ct",
        "mt",
        "local",
    ];
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = w.to_ascii_lowercase();
    FILLER.contains(&lower.as_str())
        || DAYS
            .iter()
            .any(|d| *d == lower || (lower.len() >= 3 && d.starts_with(&lower)))
}

/// Hour, minute, second.
type Hms = (i8, i8, i8);
/// A UTC offset in seconds and the zone's name as written.
type Zone = (i32, String);

struct Scan {
    instant: Option<Instant>,
    /// A time and zone seen with no date (`Updated 10:02 AM EST`).
    time_only: Option<(Hms, Option<Zone>)>,
    stray_words: usize,
    said_updated: bool,
}

/// Finds one date and optional time and zone in `s`, counting words that are none of these
/// nor the usual fillers.
fn scan(s: &str) -> Option<Scan> {
    let toks = lex(s);
    let mut date: Option<(i16, i8, i8)> = None;
    let mut time: Option<(i8, i8, i8)> = None;
    let mut zone: Option<(i32, String)> = None;
    let mut stray = 0;
    let mut said_updated = false;
    let mut used = vec![false; toks.len()];
    let num = |i: usize| match toks.get(i) {
        Some(Tok::Num { value, digits }) => Some((*value, *digits)),
        _ => None,
    };
    let sep = |i: usize| match toks.get(i) {
        Some(Tok::Sep(c)) => Some(*c),
        _ => None,
    };
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(*w),
        _ => None,
    };
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        // Numeric date: a/b/c with / - or .
        if date.is_none()
            && let (Some((a, da)), Some(s1), Some((b, _)), Some(s2), Some((c, dc))) =
                (num(i), sep(i + 1), num(i + 2), sep(i + 3), num(i + 4))
            && s1 == s2
            && matches!(s1, '/' | '-' | '.')
        {
            let ymd = if da == 4 {
                Some((a as i16, b as i8, c as i8))
            } else if dc == 4 || dc == 2 {
                let year = if dc == 2 { 2000 + c as i16 } else { c as i16 };
                if a > 12 && b <= 12 {
                    Some((year, b as i8, a as i8))
                } else if b > 12 && a <= 12 {
                    Some((year, a as i8, b as i8))
                } else {
                    Some((year, b as i8, a as i8))
                }
            } else {
                None
            };
            if let Some(ymd) = ymd.filter(|&(y, m, d)| valid_date(y, m, d)) {
                date = Some(ymd);
                used[i..i + 5].iter_mut().for_each(|u| *u = true);
                i += 5;
                continue;
            }
        }
        // Named month: "31 May 2012", "31st May, 2012", "May 31, 2012", "May 31st 2012".
        if date.is_none() {
            if let (Some((d, dd)), Some(m)) = (
                num(i),
                word(i + 1).and_then(month_of).or_else(|| {
                    // "31st May"
                    word(i + 1)
                        .filter(|w| {
                            matches!(w.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
                        })
                        .and_then(|_| word(i + 2).and_then(month_of))
                }),
            ) && dd <= 2
            {
                let mstart = if word(i + 1).and_then(month_of).is_some() {
                    i + 1
                } else {
                    i + 2
                };
                let mut j = mstart + 1;
                if sep(j) == Some(',') || sep(j) == Some('.') {
                    j += 1;
                }
                if let Some((y, 4)) = num(j)
                    && valid_date(y as i16, m, d as i8)
                {
                    date = Some((y as i16, m, d as i8));
                    used[i..=j].iter_mut().for_each(|u| *u = true);
                    i = j + 1;
                    continue;
                }
            }
            if let Some(m) = word(i).and_then(month_of) {
                let mut j = i + 1;
                if sep(j) == Some('.') {
                    j += 1;
                }
                if let Some((d, dd)) = num(j)
                    && dd <= 2
                {
                    let mut k = j + 1;
                    if word(k).is_some_and(|w| {
                        matches!(w.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th")
                    }) {
                        k += 1;
                    }
                    if sep(k) == Some(',') {
                        k += 1;
                    }
                    if let Some((y, 4)) = num(k)
                        && valid_date(y as i16, m, d as i8)
                    {
                        date = Some((y as i16, m, d as i8));
                        used[i..=k].iter_mut().for_each(|u| *u = true);
                        i = k + 1;
                        continue;
                    }
                }
            }
        }
        // Time: h:mm[:ss] or h.mm, then optional am/pm.
        if time.is_none()
            && let (Some((h, dh)), Some(s1), Some((m, 2))) = (num(i), sep(i + 1), num(i + 2))
            && dh <= 2
            && matches!(s1, ':' | '.')
            && h < 24
            && m < 60
        {
            let mut j = i + 3;
            let mut sec = 0;
            if sep(j) == Some(':')
                && let Some((s, 2)) = num(j + 1)
                && s < 60
            {
                sec = s;
                j += 2;
            }
            // Fractional seconds are dropped.
            if sep(j) == Some('.')
                && let Some(_) = num(j + 1)
                && sec > 0
            {
                j += 2;
            }
            let mut hour = h;
            if let Some((pm, len)) = meridiem(&toks, j) {
                if h > 12 || h == 0 {
                    // "20:23 pm" is nonsense; take the 24-hour reading.
                } else if pm {
                    hour = if h == 12 { 12 } else { h + 12 };
                } else if h == 12 {
                    hour = 0;
                }
                used[j..j + len].iter_mut().for_each(|u| *u = true);
                j += len;
            }
            time = Some((hour as i8, m as i8, sec as i8));
            used[i..j].iter_mut().for_each(|u| *u = true);
            i = j;
            continue;
        }
        // "8pm", "8 p.m."
        if time.is_none()
            && let Some((h, dh)) = num(i)
            && dh <= 2
            && (1..=12).contains(&h)
            && let Some((pm, len)) = meridiem(&toks, i + 1)
        {
            let hour = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            time = Some((hour as i8, 0, 0));
            used[i..i + 1 + len].iter_mut().for_each(|u| *u = true);
            i += 1 + len;
            continue;
        }
        // Zones: abbreviations, GMT+3, +01:00, +0100.
        if let Some(w) = word(i)
            && zone.is_none()
            && w.chars().all(|c| c.is_ascii_uppercase())
            && let Some(off) = zone_offset(w)
        {
            let mut off = off;
            let mut name = w.to_string();
            used[i] = true;
            let mut j = i + 1;
            if matches!(w, "GMT" | "UTC")
                && let Some(sign @ ('+' | '-')) = sep(j)
                && let Some((h, dh)) = num(j + 1)
                && dh <= 4
            {
                let mut text = format!("{sign}{h:0width$}", width = dh);
                let mut k = j + 2;
                if sep(k) == Some(':')
                    && let Some((m, 2)) = num(k + 1)
                {
                    text = format!("{text}:{m:02}");
                    k += 2;
                }
                if let Some(o) = parse_numeric_offset(&text) {
                    off = o;
                    name = format!("{w}{text}");
                    used[j..k].iter_mut().for_each(|u| *u = true);
                    j = k;
                }
            }
            zone = Some((off, name));
            i = j;
            continue;
        }
        if zone.is_none()
            && time.is_some()
            && let Some(sign @ ('+' | '-')) = sep(i)
            && let Some((h, dh)) = num(i + 1)
            && (dh == 2 || dh == 4)
        {
            let mut text = format!("{sign}{h:0width$}", width = dh);
            let mut k = i + 2;
            if dh == 2
                && sep(k) == Some(':')
                && let Some((m, 2)) = num(k + 1)
            {
                text = format!("{text}:{m:02}");
                k += 2;
            }
            if let Some(o) = parse_numeric_offset(&text) {
                zone = Some((o, offset_string(o)));
                used[i..k].iter_mut().for_each(|u| *u = true);
                i = k;
                continue;
            }
        }
        match &toks[i] {
            Tok::Word(w) => {
                let lower = w.to_ascii_lowercase();
                if lower == "updated" || lower == "modified" {
                    said_updated = true;
                }
                if !is_filler(w) {
                    stray += 1;
                }
            }
            Tok::Num { .. } => stray += 1,
            Tok::Sep(_) => {}
        }
        i += 1;
    }
    let Some((y, m, d)) = date else {
        return time.map(|t| Scan {
            instant: None,
            time_only: Some((t, zone)),
            stray_words: stray,
            said_updated,
        });
    };
    let (h, mi, se) = time.unwrap_or((0, 0, 0));
    let dt = DateTime::new(y, m, d, h, mi, se, 0).ok()?;
    let (offset, zone_name) = match zone {
        Some((o, n)) => (o, Some(n)),
        None => (0, None),
    };
    Some(Scan {
        instant: instant_from(dt, offset, zone_name, time.is_none()),
        time_only: None,
        stray_words: stray,
        said_updated,
    })
}

/// `am`, `pm`, `a.m.`, `p.m.` at token `i`: (is pm, tokens used).
fn meridiem(toks: &[Tok<'_>], i: usize) -> Option<(bool, usize)> {
    match toks.get(i)? {
        Tok::Word(w) => {
            let lower = w.to_ascii_lowercase();
            match lower.as_str() {
                "am" => Some((false, 1)),
                "pm" => Some((true, 1)),
                "a" | "p" => {
                    if toks.get(i + 1) == Some(&Tok::Sep('.'))
                        && matches!(toks.get(i + 2), Some(Tok::Word(m)) if m.eq_ignore_ascii_case("m"))
                    {
                        let len = if toks.get(i + 3) == Some(&Tok::Sep('.')) {
                            4
                        } else {
                            3
                        };
                        Some((lower == "p", len))
                    } else {
                        None
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn valid_date(y: i16, m: i8, d: i8) -> bool {
    (1900..=2200).contains(&y) && Date::new(y, m, d).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> String {
        parse_datetime(s).map(|i| i.rfc3339()).unwrap_or_default()
    }

    #[test]
    fn formats() {
        assert_eq!(utc("31/05/2012 20:23 BST"), "2012-05-31T19:23:00Z");
        assert_eq!(
            utc("Thursday 31 May 2012 20.23 BST"),
            "2012-05-31T19:23:00Z"
        );
        assert_eq!(utc("Published: 31 May 2012"), "2012-05-31T00:00:00Z");
        assert_eq!(utc("May 31, 2012, 8:23 p.m. EDT"), "2012-06-01T00:23:00Z");
        assert_eq!(utc("05/31/2012 10:00 am GMT"), "2012-05-31T10:00:00Z");
        assert_eq!(utc("2012-05-31T20:23:00+01:00"), "2012-05-31T19:23:00Z");
        assert_eq!(utc("2012-05-31T19:23:00Z"), "2012-05-31T19:23:00Z");
        assert_eq!(utc("2012-05-31"), "2012-05-31T00:00:00Z");
        assert_eq!(
            utc("Thu, 31 May 2012 20:23:00 +0100"),
            "2012-05-31T19:23:00Z"
        );
        assert_eq!(utc("31st May 2012 12:00 MSK"), "2012-05-31T09:00:00Z");
        assert_eq!(
            utc("Updated 31/05/2012 20:29 GMT+3"),
            "2012-05-31T17:29:00Z"
        );
        assert_eq!(utc("31 May 2012 20:23 +02:00"), "2012-05-31T18:23:00Z");
        assert_eq!(utc("Sept 5, 2013"), "2013-09-05T00:00:00Z");
        assert_eq!(utc("32/05/2012"), "");
        assert_eq!(utc("The council met on 31 May 2012"), "");
        assert_eq!(utc(""), "");
    }

    #[test]
    fn zone_kept() {
        let i = parse_datetime("31/05/2012 20:23 BST").unwrap();
        assert_eq!(i.offset_seconds, 3600);
        assert_eq!(i.zone.as_deref(), Some("BST"));
        assert_eq!(i.local_rfc3339(), "2012-05-31T20:23:00+01:00");
        assert!(parse_datetime("31 May 2012").unwrap().date_only);
    }

    #[test]
    fn datelines() {
        let d = parse_dateline("31/05/2012 20:23 BST | Updated 31/05/2012 20:29 BST").unwrap();
        assert_eq!(d.published.unwrap().rfc3339(), "2012-05-31T19:23:00Z");
        assert_eq!(d.updated.unwrap().rfc3339(), "2012-05-31T19:29:00Z");
        let d = parse_dateline("Published 9:15 AM EST, Mon March 5, 2012; Updated 10:02 AM EST")
            .unwrap();
        assert_eq!(d.published.unwrap().rfc3339(), "2012-03-05T14:15:00Z");
        assert_eq!(d.updated.unwrap().rfc3339(), "2012-03-05T15:02:00Z");
        let d = parse_dateline("First published on Thu 31 May 2012 20.23 BST").unwrap();
        assert_eq!(d.published.unwrap().rfc3339(), "2012-05-31T19:23:00Z");
        assert!(parse_dateline("Downing Street said on 31 May 2012 that it would act.").is_none());
        assert!(parse_dateline("Syria Crisis: National Security Council").is_none());
    }
}
