//! Line parsers for the dictionary files: tab-separated UTF-8, `#` comments and blank lines
//! ignored, every problem reported as `file:line: message` and parsing going on after it.
//!
//! Only the shape of each line is checked here (columns, enumerations, dates, identifiers);
//! cross-line and cross-file checks belong to `lint`.

use super::date::Date;
use super::error::LintError;
use super::model::*;

/// A data line: its 1-based number and its tab-separated fields.
pub(crate) struct Line<'a> {
    pub(crate) number: usize,
    pub(crate) text: &'a str,
    pub(crate) fields: Vec<&'a str>,
}

/// Splits a file into data lines with `columns` fields, reporting lines of another shape and
/// whitespace problems.
pub(crate) fn lines<'a>(
    file: &str,
    text: &'a str,
    columns: usize,
    errors: &mut Vec<LintError>,
) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let number = i + 1;
        if raw.contains('\r') {
            errors.push(LintError::new(
                file,
                number,
                "carriage return: use Unix line ends",
            ));
            continue;
        }
        if raw.trim().is_empty() {
            if !raw.is_empty() {
                errors.push(LintError::new(file, number, "blank line with spaces"));
            }
            continue;
        }
        if raw.starts_with('#') {
            if raw.trim_end() != raw {
                errors.push(LintError::new(file, number, "trailing whitespace"));
            }
            continue;
        }
        if raw.trim_end() != raw {
            errors.push(LintError::new(file, number, "trailing whitespace"));
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        if fields.len() != columns {
            errors.push(LintError::new(
                file,
                number,
                format!(
                    "expected {columns} tab-separated columns, found {}",
                    fields.len()
                ),
            ));
            continue;
        }
        let mut ok = true;
        for (c, f) in fields.iter().enumerate() {
            if let Some(problem) = field_problem(f) {
                errors.push(LintError::new(
                    file,
                    number,
                    format!("column {}: {problem}", c + 1),
                ));
                ok = false;
            }
        }
        if ok {
            out.push(Line {
                number,
                text: raw,
                fields,
            });
        }
    }
    if !text.is_empty() && !text.ends_with('\n') {
        errors.push(LintError::new(file, 0, "file does not end with a newline"));
    }
    out
}

/// What is wrong with the spacing of a field or form, if anything.
pub(crate) fn field_problem(f: &str) -> Option<&'static str> {
    if f.is_empty() {
        Some("empty field")
    } else if f.trim() != f {
        Some("leading or trailing space")
    } else if f.contains("  ") {
        Some("double space")
    } else if f.chars().any(|c| c.is_control()) {
        Some("control character")
    } else {
        None
    }
}

/// Splits a `|`-separated list of forms, reporting empty or badly spaced ones.
fn forms(file: &str, line: usize, field: &str, errors: &mut Vec<LintError>) -> Vec<String> {
    let mut out = Vec::new();
    for f in field.split('|') {
        match field_problem(f) {
            Some(p) => errors.push(LintError::new(file, line, format!("form `{f}`: {p}"))),
            None => out.push(f.to_string()),
        }
    }
    out
}

/// True for identifiers of lower-case ASCII letters, digits and single inner `-`.
pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// True for codes of upper-case ASCII letters in groups of three.
pub(crate) fn is_code_shape(s: &str) -> bool {
    !s.is_empty() && s.len().is_multiple_of(3) && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn optional(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_string())
}

fn check_code_shape(file: &str, line: usize, code: &str, errors: &mut Vec<LintError>) -> bool {
    if is_code_shape(code) {
        true
    } else {
        errors.push(LintError::new(
            file,
            line,
            format!("code `{code}` is not upper-case letters in groups of three"),
        ));
        false
    }
}

/// Parses `codes.tsv`: `code<TAB>kind<TAB>label`.
pub fn codes(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<CodeEntry> {
    let mut out = Vec::new();
    for l in lines(file, text, 3, errors) {
        let (code, kind, label) = (l.fields[0], l.fields[1], l.fields[2]);
        if code.len() != 3 || !is_code_shape(code) {
            errors.push(LintError::new(
                file,
                l.number,
                format!("code component `{code}` is not three upper-case letters"),
            ));
            continue;
        }
        let Some(kind) = CodeKind::parse(kind) else {
            errors.push(LintError::new(
                file,
                l.number,
                format!("unknown kind `{kind}` (country, region, actor, org, role)"),
            ));
            continue;
        };
        out.push(CodeEntry {
            code: code.to_string(),
            kind,
            label: label.to_string(),
            line: l.number,
        });
    }
    out
}

/// Parses `countries.tsv`: `code<TAB>kind<TAB>form`.
pub fn countries(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<CountryForm> {
    let mut out = Vec::new();
    for l in lines(file, text, 3, errors) {
        let (code, kind, form) = (l.fields[0], l.fields[1], l.fields[2]);
        if !check_code_shape(file, l.number, code, errors) {
            continue;
        }
        let Some(kind) = FormKind::parse(kind) else {
            errors.push(LintError::new(
                file,
                l.number,
                format!(
                    "unknown kind `{kind}` (name, short, historical, adjective, demonym, capital, metonym)"
                ),
            ));
            continue;
        };
        out.push(CountryForm {
            code: code.to_string(),
            kind,
            form: form.to_string(),
            line: l.number,
        });
    }
    out
}

/// Parses `organizations.tsv`: `id<TAB>code<TAB>type<TAB>country<TAB>parent<TAB>forms`.
pub fn organizations(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<Organization> {
    let mut out = Vec::new();
    for l in lines(file, text, 6, errors) {
        let f = &l.fields;
        if !is_id(f[0]) {
            errors.push(LintError::new(
                file,
                l.number,
                format!(
                    "id `{}` is not lower-case ASCII letters, digits and `-`",
                    f[0]
                ),
            ));
            continue;
        }
        if !check_code_shape(file, l.number, f[1], errors) {
            continue;
        }
        let Some(kind) = OrgType::parse(f[2]) else {
            errors.push(LintError::new(
                file,
                l.number,
                format!(
                    "unknown type `{}` (igo, ngo, media, group, party, company, other)",
                    f[2]
                ),
            ));
            continue;
        };
        if f[3] != "-" && (f[3].len() != 3 || !is_code_shape(f[3])) {
            errors.push(LintError::new(
                file,
                l.number,
                format!("country `{}` is not a three-letter code or `-`", f[3]),
            ));
            continue;
        }
        if f[4] != "-" && !is_id(f[4]) {
            errors.push(LintError::new(
                file,
                l.number,
                format!("parent `{}` is not an id or `-`", f[4]),
            ));
            continue;
        }
        out.push(Organization {
            id: f[0].to_string(),
            code: f[1].to_string(),
            kind,
            country: optional(f[3]),
            parent: optional(f[4]),
            forms: forms(file, l.number, f[5], errors),
            line: l.number,
        });
    }
    out
}

/// Parses `contextual.tsv`: `form<TAB>article-country<TAB>code<TAB>note`.
pub fn contextual(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<ContextualReading> {
    let mut out = Vec::new();
    for l in lines(file, text, 4, errors) {
        let f = &l.fields;
        let article_country = if f[1] == "*" {
            ArticleCountry::Any
        } else if f[1].len() == 3 && is_code_shape(f[1]) {
            ArticleCountry::Country(f[1].to_string())
        } else {
            errors.push(LintError::new(
                file,
                l.number,
                format!(
                    "article country `{}` is not a three-letter code or `*`",
                    f[1]
                ),
            ));
            continue;
        };
        if !check_code_shape(file, l.number, f[2], errors) {
            continue;
        }
        out.push(ContextualReading {
            form: f[0].to_string(),
            article_country,
            code: f[2].to_string(),
            note: f[3].to_string(),
            line: l.number,
        });
    }
    out
}

/// Parses `people.tsv`: `id<TAB>names`.
pub fn people(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<Person> {
    let mut out = Vec::new();
    for l in lines(file, text, 2, errors) {
        if !is_id(l.fields[0]) {
            errors.push(LintError::new(
                file,
                l.number,
                format!(
                    "id `{}` is not lower-case ASCII letters, digits and `-`",
                    l.fields[0]
                ),
            ));
            continue;
        }
        out.push(Person {
            id: l.fields[0].to_string(),
            names: forms(file, l.number, l.fields[1], errors),
            roles: Vec::new(),
            line: l.number,
        });
    }
    out
}

/// Parses `roles.tsv`: `id<TAB>code<TAB>from<TAB>to<TAB>title`, returning `(id, role)` pairs.
pub fn roles(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<(String, Role)> {
    let mut out = Vec::new();
    for l in lines(file, text, 5, errors) {
        let f = &l.fields;
        if !is_id(f[0]) {
            errors.push(LintError::new(
                file,
                l.number,
                format!("id `{}` is not an id", f[0]),
            ));
            continue;
        }
        if !check_code_shape(file, l.number, f[1], errors) {
            continue;
        }
        let from = match Date::parse(f[2]) {
            Ok(d) => d,
            Err(e) => {
                errors.push(LintError::new(file, l.number, format!("from: {e}")));
                continue;
            }
        };
        let to = if f[3] == ".." {
            None
        } else {
            match Date::parse(f[3]) {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.push(LintError::new(file, l.number, format!("to: {e}")));
                    continue;
                }
            }
        };
        if let Some(to) = to
            && to.last_day() < from.first_day()
        {
            errors.push(LintError::new(
                file,
                l.number,
                format!("role ends ({to}) before it starts ({from})"),
            ));
            continue;
        }
        out.push((
            f[0].to_string(),
            Role {
                code: f[1].to_string(),
                from,
                to,
                title: f[4].to_string(),
                line: l.number,
            },
        ));
    }
    out
}

/// Parses `agents.tsv`: `form<TAB>code<TAB>kind<TAB>note`.
pub fn agents(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<Agent> {
    let mut out = Vec::new();
    for l in lines(file, text, 4, errors) {
        let f = &l.fields;
        if !check_code_shape(file, l.number, f[1], errors) {
            continue;
        }
        let Some(kind) = AgentKind::parse(f[2]) else {
            errors.push(LintError::new(
                file,
                l.number,
                format!("unknown kind `{}` (noun, title, adjective)", f[2]),
            ));
            continue;
        };
        out.push(Agent {
            form: f[0].to_string(),
            code: f[1].to_string(),
            kind,
            note: optional(f[3]),
            line: l.number,
        });
    }
    out
}

/// Parses `MANIFEST.tsv`: `path<TAB>version<TAB>source<TAB>licence<TAB>sha256`.
pub fn manifest(file: &str, text: &str, errors: &mut Vec<LintError>) -> Vec<ManifestEntry> {
    let mut out = Vec::new();
    for l in lines(file, text, 5, errors) {
        let f = &l.fields;
        out.push(ManifestEntry {
            path: f[0].to_string(),
            version: f[1].to_string(),
            source: f[2].to_string(),
            licence: f[3].to_string(),
            sha256: f[4].to_string(),
            line: l.number,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_line_numbers_and_goes_on() {
        let text = "# header\nkofi-annan\tKofi Annan|Annan\nBad Id\tX\nban-ki-moon\tBan Ki-moon| |Ban\nx\ty\tz\n";
        let mut errors = Vec::new();
        let people = people("people.tsv", text, &mut errors);
        errors.sort();
        assert_eq!(people.len(), 2);
        assert_eq!(people[0].names, ["Kofi Annan", "Annan"]);
        assert_eq!(people[1].names, ["Ban Ki-moon", "Ban"]);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "people.tsv:3: id `Bad Id` is not lower-case ASCII letters, digits and `-`",
                "people.tsv:4: form ` `: leading or trailing space",
                "people.tsv:5: expected 2 tab-separated columns, found 3",
            ]
        );
    }

    #[test]
    fn whitespace_problems() {
        let text = "a\tb \nc\t\nd\te\r\n  \nf\tg";
        let mut errors = Vec::new();
        let got = lines("f", text, 2, &mut errors);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].fields, ["f", "g"]);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 0]);
    }

    #[test]
    fn roles_dates() {
        let text = "a\tGBRGOV\t2010-05-11\t2016-07-13\tPrime Minister\nb\tGBRGOV\t2012\t..\tX\nc\tGBRGOV\t2012-05\t2011\tX\nd\tGBRGOV\t2012-02-30\t..\tX\n";
        let mut errors = Vec::new();
        let got = roles("roles.tsv", text, &mut errors);
        assert_eq!(got.len(), 2);
        assert_eq!(got[1].1.to, None);
        assert_eq!(errors.len(), 2);
        assert!(
            errors[0]
                .message
                .contains("ends (2011) before it starts (2012-05)")
        );
        assert!(errors[1].message.starts_with("from:"));
    }
}
