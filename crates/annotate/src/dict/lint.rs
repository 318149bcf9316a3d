//! The dictionary lint: everything a reviewer should not have to check by eye.
//!
//! It parses every file (collecting all line errors), then checks order, duplicates, codes
//! against `codes.tsv`, dates and overlaps of roles, and the manifest's hashes. It never
//! stops at the first problem and never panics on bad input.

use std::collections::{BTreeMap, BTreeSet};

use super::error::LintError;
use super::model::*;
use super::parse;
use super::{
    ACTOR_FILES, AGENTS, CODES, CONTEXTUAL, COUNTRIES, DataSet, MANIFEST, ORGANIZATIONS, PEOPLE,
    ROLES, fold, hex_digest,
};

const UPDATE_HINT: &str =
    "run `UPDATE_MANIFEST=1 cargo test -p tacitus-annotate --test dict_lint` to rewrite the hashes";

/// Checks a whole data set and returns every problem found, sorted by file and line (empty
/// when the data set is clean).
pub fn lint(data: &DataSet) -> Vec<LintError> {
    let mut errors = Vec::new();
    let text = |path: &str, errors: &mut Vec<LintError>| match data.get(path) {
        Some(t) => t.to_string(),
        None => {
            errors.push(LintError::new(path, 0, "file is missing"));
            String::new()
        }
    };
    let codes_text = text(CODES, &mut errors);
    let countries_text = text(COUNTRIES, &mut errors);
    let orgs_text = text(ORGANIZATIONS, &mut errors);
    let contextual_text = text(CONTEXTUAL, &mut errors);
    let people_text = text(PEOPLE, &mut errors);
    let roles_text = text(ROLES, &mut errors);
    let agents_text = text(AGENTS, &mut errors);

    let codes = parse::codes(CODES, &codes_text, &mut errors);
    let countries = parse::countries(COUNTRIES, &countries_text, &mut errors);
    let orgs = parse::organizations(ORGANIZATIONS, &orgs_text, &mut errors);
    let contextual = parse::contextual(CONTEXTUAL, &contextual_text, &mut errors);
    let people = parse::people(PEOPLE, &people_text, &mut errors);
    let roles = parse::roles(ROLES, &roles_text, &mut errors);
    let agents = parse::agents(AGENTS, &agents_text, &mut errors);

    sorted(CODES, &codes_text, 3, whole_line, &mut errors);
    sorted(COUNTRIES, &countries_text, 3, whole_line, &mut errors);
    sorted(ORGANIZATIONS, &orgs_text, 6, whole_line, &mut errors);
    sorted(CONTEXTUAL, &contextual_text, 4, whole_line, &mut errors);
    sorted(PEOPLE, &people_text, 2, whole_line, &mut errors);
    sorted(ROLES, &roles_text, 5, role_key, &mut errors);
    sorted(AGENTS, &agents_text, 4, whole_line, &mut errors);

    let kinds = check_codes(&codes, &mut errors);
    check_countries(&countries, &kinds, &mut errors);
    check_organizations(&orgs, &countries, &kinds, &mut errors);
    check_contextual(&contextual, &kinds, &mut errors);
    check_people(&people, &roles, &kinds, &mut errors);
    check_agents(&agents, &kinds, &mut errors);
    check_manifest(data, &mut errors);

    errors.sort();
    errors.dedup();
    errors
}

fn whole_line(fields: &[&str]) -> Vec<String> {
    vec![fields.join("\t")]
}

/// Roles are sorted by person id, then start date, then the rest of the line.
fn role_key(fields: &[&str]) -> Vec<String> {
    vec![
        fields[0].to_string(),
        fields[2].to_string(),
        fields.join("\t"),
    ]
}

/// Data lines must be in strictly ascending byte order of their key (no duplicates).
fn sorted(
    file: &str,
    text: &str,
    columns: usize,
    key: fn(&[&str]) -> Vec<String>,
    errors: &mut Vec<LintError>,
) {
    let mut ignored = Vec::new();
    let lines = parse::lines(file, text, columns, &mut ignored);
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (ka, kb) = (key(&a.fields), key(&b.fields));
        if ka == kb || a.text == b.text {
            errors.push(LintError::new(
                file,
                b.number,
                format!("duplicate line (same as line {})", a.number),
            ));
        } else if ka > kb {
            errors.push(LintError::new(
                file,
                b.number,
                format!(
                    "out of order: sorts before line {} (keep the file sorted, e.g. `LC_ALL=C sort`)",
                    a.number
                ),
            ));
        }
    }
}

/// Why `code` is not a valid actor code given the component kinds, if it is not.
///
/// A code is three-letter components: the first a country, region or special actor (`IGO`,
/// `NGO`, ...); then any organisation, region or actor components; then role components.
pub fn code_problem(code: &str, kinds: &BTreeMap<String, CodeKind>) -> Option<String> {
    if !parse::is_code_shape(code) {
        return Some(format!(
            "code `{code}` is not upper-case letters in groups of three"
        ));
    }
    let comps: Vec<&str> = (0..code.len() / 3)
        .map(|i| &code[i * 3..i * 3 + 3])
        .collect();
    let mut seen = BTreeSet::new();
    let mut in_roles = false;
    for (i, c) in comps.iter().enumerate() {
        let Some(&kind) = kinds.get(*c) else {
            return Some(format!(
                "code `{code}`: unknown component `{c}` (not in {CODES})"
            ));
        };
        if !seen.insert(*c) {
            return Some(format!("code `{code}`: component `{c}` repeated"));
        }
        match (i, kind) {
            (0, CodeKind::Country | CodeKind::Region | CodeKind::Actor) => {}
            (0, k) => {
                return Some(format!(
                    "code `{code}`: starts with {} `{c}`; a code starts with a country, region or actor",
                    k.as_str()
                ));
            }
            (_, CodeKind::Country) => {
                return Some(format!(
                    "code `{code}`: country `{c}` after the first component"
                ));
            }
            (_, CodeKind::Role) => in_roles = true,
            (_, k) if in_roles => {
                return Some(format!(
                    "code `{code}`: {} `{c}` after a role; roles come last",
                    k.as_str()
                ));
            }
            _ => {}
        }
    }
    None
}

/// Why `code` is not a valid agent code (role or actor components only), if it is not.
fn agent_code_problem(code: &str, kinds: &BTreeMap<String, CodeKind>) -> Option<String> {
    if !parse::is_code_shape(code) {
        return Some(format!(
            "code `{code}` is not upper-case letters in groups of three"
        ));
    }
    for i in 0..code.len() / 3 {
        let c = &code[i * 3..i * 3 + 3];
        match kinds.get(c) {
            Some(CodeKind::Role | CodeKind::Actor) => {}
            Some(k) => {
                return Some(format!(
                    "agent code `{code}`: {} `{c}`; agents carry role codes only (the country comes from context)",
                    k.as_str()
                ));
            }
            None => {
                return Some(format!(
                    "code `{code}`: unknown component `{c}` (not in {CODES})"
                ));
            }
        }
    }
    None
}

fn check_codes(codes: &[CodeEntry], errors: &mut Vec<LintError>) -> BTreeMap<String, CodeKind> {
    let mut kinds = BTreeMap::new();
    let mut lines: BTreeMap<&str, usize> = BTreeMap::new();
    for c in codes {
        if let Some(first) = lines.insert(&c.code, c.line) {
            errors.push(LintError::new(
                CODES,
                c.line,
                format!("component `{}` defined twice (also line {first})", c.code),
            ));
        }
        kinds.insert(c.code.clone(), c.kind);
    }
    kinds
}

fn code_error(
    file: &str,
    line: usize,
    code: &str,
    kinds: &BTreeMap<String, CodeKind>,
    errors: &mut Vec<LintError>,
) {
    if let Some(p) = code_problem(code, kinds) {
        errors.push(LintError::new(file, line, p));
    }
}

/// Records a (form, code) pair (forms are case-sensitive) and reports it if it was seen before.
fn pair_once(
    seen: &mut BTreeMap<(String, String), (&'static str, usize)>,
    form: &str,
    code: &str,
    file: &'static str,
    line: usize,
    errors: &mut Vec<LintError>,
) {
    if let Some((f, l)) = seen.insert((form.to_string(), code.to_string()), (file, line)) {
        errors.push(LintError::new(
            file,
            line,
            format!("duplicate (form, code) pair (`{form}`, {code}); also {f}:{l}"),
        ));
    }
}

fn check_countries(
    countries: &[CountryForm],
    kinds: &BTreeMap<String, CodeKind>,
    errors: &mut Vec<LintError>,
) {
    let mut seen = BTreeMap::new();
    let mut named = BTreeSet::new();
    for c in countries {
        code_error(COUNTRIES, c.line, &c.code, kinds, errors);
        let first = c.code.get(..3).and_then(|f| kinds.get(f));
        if !matches!(first, Some(CodeKind::Country | CodeKind::Region)) {
            errors.push(LintError::new(
                COUNTRIES,
                c.line,
                format!("code `{}` does not start with a country or region", c.code),
            ));
        }
        match (c.kind, c.code.len()) {
            (FormKind::Metonym, 3) => errors.push(LintError::new(
                COUNTRIES,
                c.line,
                format!(
                    "metonym `{}` needs a role code (e.g. `{}GOV`)",
                    c.form, c.code
                ),
            )),
            (FormKind::Metonym, _) | (_, 3) => {}
            (k, _) => errors.push(LintError::new(
                COUNTRIES,
                c.line,
                format!(
                    "a {} carries a bare country code, not `{}`",
                    k.as_str(),
                    c.code
                ),
            )),
        }
        if c.kind == FormKind::Name {
            named.insert(c.code.as_str());
        }
        pair_once(&mut seen, &c.form, &c.code, COUNTRIES, c.line, errors);
    }
    for (code, kind) in kinds {
        if *kind == CodeKind::Country && !named.contains(code.as_str()) {
            errors.push(LintError::new(
                COUNTRIES,
                0,
                format!("country `{code}` of {CODES} has no `name` line"),
            ));
        }
    }
}

fn check_organizations(
    orgs: &[Organization],
    countries: &[CountryForm],
    kinds: &BTreeMap<String, CodeKind>,
    errors: &mut Vec<LintError>,
) {
    let mut seen = BTreeMap::new();
    for c in countries {
        seen.insert((c.form.clone(), c.code.clone()), (COUNTRIES, c.line));
    }
    let ids: BTreeMap<&str, usize> = orgs.iter().map(|o| (o.id.as_str(), o.line)).collect();
    let mut first_line: BTreeMap<&str, usize> = BTreeMap::new();
    for o in orgs {
        if let Some(l) = first_line.insert(&o.id, o.line) {
            errors.push(LintError::new(
                ORGANIZATIONS,
                o.line,
                format!("duplicate id `{}` (also line {l})", o.id),
            ));
        }
        code_error(ORGANIZATIONS, o.line, &o.code, kinds, errors);
        if let Some(country) = &o.country
            && kinds.get(country) != Some(&CodeKind::Country)
        {
            errors.push(LintError::new(
                ORGANIZATIONS,
                o.line,
                format!("country `{country}` is not a country of {CODES}"),
            ));
        }
        // A code that starts with a country names the organisation's home country.
        let first = o.code.get(..3).unwrap_or_default();
        if kinds.get(first) == Some(&CodeKind::Country) && o.country.as_deref() != Some(first) {
            errors.push(LintError::new(
                ORGANIZATIONS,
                o.line,
                format!(
                    "country column `{}` disagrees with code `{}` (expected `{first}`)",
                    o.country.as_deref().unwrap_or("-"),
                    o.code
                ),
            ));
        }
        if let Some(parent) = &o.parent {
            if parent == &o.id {
                errors.push(LintError::new(
                    ORGANIZATIONS,
                    o.line,
                    "organisation is its own parent",
                ));
            } else if !ids.contains_key(parent.as_str()) {
                errors.push(LintError::new(
                    ORGANIZATIONS,
                    o.line,
                    format!("parent `{parent}` is not an id in this file"),
                ));
            }
        }
        let mut forms = BTreeSet::new();
        for f in &o.forms {
            if !forms.insert(f.as_str()) {
                errors.push(LintError::new(
                    ORGANIZATIONS,
                    o.line,
                    format!("form `{f}` listed twice"),
                ));
                continue;
            }
            pair_once(&mut seen, f, &o.code, ORGANIZATIONS, o.line, errors);
        }
    }
}

fn check_contextual(
    readings: &[ContextualReading],
    kinds: &BTreeMap<String, CodeKind>,
    errors: &mut Vec<LintError>,
) {
    let mut seen: BTreeMap<(String, ArticleCountry), usize> = BTreeMap::new();
    let mut per_form: BTreeMap<String, usize> = BTreeMap::new();
    for r in readings {
        code_error(CONTEXTUAL, r.line, &r.code, kinds, errors);
        if let ArticleCountry::Country(c) = &r.article_country
            && kinds.get(c) != Some(&CodeKind::Country)
        {
            errors.push(LintError::new(
                CONTEXTUAL,
                r.line,
                format!("article country `{c}` is not a country of {CODES}"),
            ));
        }
        if let Some(l) = seen.insert((fold(&r.form), r.article_country.clone()), r.line) {
            errors.push(LintError::new(
                CONTEXTUAL,
                r.line,
                format!(
                    "two readings of `{}` for the same article country (also line {l})",
                    r.form
                ),
            ));
        }
        *per_form.entry(fold(&r.form)).or_default() += 1;
    }
    for r in readings {
        if per_form.get(&fold(&r.form)) == Some(&1) {
            errors.push(LintError::new(
                CONTEXTUAL,
                r.line,
                format!(
                    "`{}` has one reading only: put it in {ORGANIZATIONS} instead",
                    r.form
                ),
            ));
        }
    }
}

fn check_people(
    people: &[Person],
    roles: &[(String, Role)],
    kinds: &BTreeMap<String, CodeKind>,
    errors: &mut Vec<LintError>,
) {
    let mut first_line: BTreeMap<&str, usize> = BTreeMap::new();
    for p in people {
        if let Some(l) = first_line.insert(&p.id, p.line) {
            errors.push(LintError::new(
                PEOPLE,
                p.line,
                format!("duplicate id `{}` (also line {l})", p.id),
            ));
        }
        let mut names = BTreeSet::new();
        for n in &p.names {
            if !names.insert(n.as_str()) {
                errors.push(LintError::new(
                    PEOPLE,
                    p.line,
                    format!("name `{n}` listed twice"),
                ));
            }
        }
    }
    let mut by_person: BTreeMap<&str, Vec<&Role>> = BTreeMap::new();
    for (id, role) in roles {
        code_error(ROLES, role.line, &role.code, kinds, errors);
        if !first_line.contains_key(id.as_str()) {
            errors.push(LintError::new(
                ROLES,
                role.line,
                format!("role of unknown person `{id}` (not in {PEOPLE})"),
            ));
            continue;
        }
        by_person.entry(id).or_default().push(role);
    }
    for p in people {
        let Some(list) = by_person.get(p.id.as_str()) else {
            errors.push(LintError::new(
                PEOPLE,
                p.line,
                format!("person `{}` has no role in {ROLES}", p.id),
            ));
            continue;
        };
        for (i, a) in list.iter().enumerate() {
            for b in &list[i + 1..] {
                if a.code != b.code || a.title != b.title {
                    continue;
                }
                let a_end = a.to.map(|d| d.last_day());
                let b_end = b.to.map(|d| d.last_day());
                let a_before_b = a_end.is_some_and(|e| e < b.from.first_day());
                let b_before_a = b_end.is_some_and(|e| e < a.from.first_day());
                if !a_before_b && !b_before_a {
                    errors.push(LintError::new(
                        ROLES,
                        b.line,
                        format!(
                            "`{}` as {} ({}) overlaps line {}; merge consecutive terms into one line",
                            p.id, b.title, b.code, a.line
                        ),
                    ));
                }
            }
        }
    }
}

fn check_agents(agents: &[Agent], kinds: &BTreeMap<String, CodeKind>, errors: &mut Vec<LintError>) {
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    for a in agents {
        if let Some(p) = agent_code_problem(&a.code, kinds) {
            errors.push(LintError::new(AGENTS, a.line, p));
        }
        if let Some(l) = seen.insert((a.form.clone(), a.code.clone()), a.line) {
            errors.push(LintError::new(
                AGENTS,
                a.line,
                format!(
                    "duplicate (form, code) pair (`{}`, {}); also line {l}",
                    a.form, a.code
                ),
            ));
        }
    }
}

fn check_manifest(data: &DataSet, errors: &mut Vec<LintError>) {
    let Some(text) = data.get(MANIFEST) else {
        errors.push(LintError::new(
            MANIFEST,
            0,
            format!("manifest is missing; {UPDATE_HINT}"),
        ));
        return;
    };
    sorted(MANIFEST, text, 5, whole_line, errors);
    let entries = parse::manifest(MANIFEST, text, errors);
    let mut listed = BTreeSet::new();
    for e in &entries {
        listed.insert(e.path.as_str());
        if !e
            .sha256
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            || e.sha256.len() != 64
        {
            errors.push(LintError::new(
                MANIFEST,
                e.line,
                format!(
                    "sha256 `{}` is not 64 lower-case hex digits; {UPDATE_HINT}",
                    e.sha256
                ),
            ));
            continue;
        }
        match data.get(&e.path) {
            None => errors.push(LintError::new(
                MANIFEST,
                e.line,
                format!("lists `{}`, which does not exist", e.path),
            )),
            Some(file) => {
                let actual = hex_digest(file.as_bytes());
                if actual != e.sha256 {
                    errors.push(LintError::new(
                        MANIFEST,
                        e.line,
                        format!(
                            "sha256 of {} is {actual} but the manifest says {}: the file changed; {UPDATE_HINT}",
                            e.path, e.sha256
                        ),
                    ));
                }
            }
        }
    }
    for path in ACTOR_FILES {
        if data.get(path).is_some() && !listed.contains(path) {
            errors.push(LintError::new(
                MANIFEST,
                0,
                format!("`{path}` is not listed; {UPDATE_HINT}"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES_TSV: &str = "# codes\nFRA\tcountry\tFrance\nGBR\tcountry\tUnited Kingdom\nGOV\trole\tgovernment\nIGO\tactor\tIGO\nMIL\trole\tmilitary\nOPP\trole\topposition\nUNO\torg\tUnited Nations\n";

    /// A clean tiny data set; each test breaks one thing.
    fn base() -> DataSet {
        let mut d = DataSet::from_files([
            (CODES, CODES_TSV),
            (
                COUNTRIES,
                "FRA\tadjective\tFrench\nFRA\tname\tFrance\nGBR\tname\tUnited Kingdom\nGBRGOV\tmetonym\tDowning Street\n",
            ),
            (
                ORGANIZATIONS,
                "un\tIGOUNO\tigo\t-\t-\tUnited Nations|UN\nun-sc\tIGOUNO\tigo\t-\tun\tUN Security Council\n",
            ),
            (
                CONTEXTUAL,
                "National Security Council\t*\tGBRGOV\tx\nNational Security Council\tFRA\tFRAGOV\ty\n",
            ),
            (PEOPLE, "william-hague\tWilliam Hague|Hague\n"),
            (
                ROLES,
                "william-hague\tGBROPP\t1997-06-19\t2001-09-13\tLeader of the Opposition\nwilliam-hague\tGBRGOV\t2010-05-12\t2014-07-14\tForeign Secretary\n",
            ),
            (AGENTS, "forces\tMIL\tnoun\t-\nregime\tGOV\tnoun\t-\n"),
        ]);
        let manifest = d.updated_manifest("2026.11.29");
        d.set(MANIFEST, manifest);
        d
    }

    /// Replaces `file` in the base set, refreshes the manifest, and lints.
    fn lint_with(file: &str, text: &str) -> Vec<String> {
        let mut d = base();
        d.set(file, text);
        let manifest = d.updated_manifest("2026.11.29");
        d.set(MANIFEST, manifest);
        lint(&d).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn base_is_clean() {
        assert_eq!(lint(&base()), vec![]);
    }

    #[test]
    fn catches_duplicate_line_and_pair() {
        let e = lint_with(AGENTS, "forces\tMIL\tnoun\t-\nforces\tMIL\tnoun\t-\n");
        assert!(
            e.iter().any(|m| m.contains("agents.tsv:2: duplicate line")),
            "{e:?}"
        );
        let e = lint_with(AGENTS, "forces\tMIL\tadjective\t-\nforces\tMIL\tnoun\t-\n");
        assert!(
            e.iter().any(|m| m.contains("duplicate (form, code) pair")),
            "{e:?}"
        );
        let e = lint_with(
            ORGANIZATIONS,
            "un\tIGOUNO\tigo\t-\t-\tUnited Nations|UN\nunsc\tIGOUNO\tigo\t-\tun\tUN\n",
        );
        assert!(
            e.iter()
                .any(|m| m
                    .contains("organizations.tsv:2: duplicate (form, code) pair (`UN`, IGOUNO)")),
            "{e:?}"
        );
    }

    #[test]
    fn catches_unsorted_lines() {
        let e = lint_with(AGENTS, "regime\tGOV\tnoun\t-\nforces\tMIL\tnoun\t-\n");
        assert_eq!(
            e,
            [
                "actors/agents.tsv:2: out of order: sorts before line 1 (keep the file sorted, e.g. `LC_ALL=C sort`)"
            ]
        );
        let e = lint_with(
            ROLES,
            "william-hague\tGBRGOV\t2010-05-12\t2014-07-14\tForeign Secretary\nwilliam-hague\tGBROPP\t1997-06-19\t2001-09-13\tLeader of the Opposition\n",
        );
        assert!(
            e.iter().any(|m| m.contains("roles.tsv:2: out of order")),
            "{e:?}"
        );
    }

    #[test]
    fn catches_unknown_and_misordered_codes() {
        let e = lint_with(AGENTS, "forces\tMIL\tnoun\t-\nregime\tGOX\tnoun\t-\n");
        assert_eq!(
            e,
            ["actors/agents.tsv:2: code `GOX`: unknown component `GOX` (not in actors/codes.tsv)"]
        );
        let e = lint_with(ORGANIZATIONS, "un\tUNOIGO\tigo\t-\t-\tUnited Nations\n");
        assert!(
            e.iter().any(|m| m.contains("starts with org `UNO`")),
            "{e:?}"
        );
        let e = lint_with(ORGANIZATIONS, "un\tIGOGOVUNO\tigo\t-\t-\tUnited Nations\n");
        assert!(
            e.iter().any(|m| m.contains("org `UNO` after a role")),
            "{e:?}"
        );
        let e = lint_with(ORGANIZATIONS, "bbc\tGBRGOV\tmedia\tFRA\t-\tBBC\n");
        assert!(
            e.iter()
                .any(|m| m.contains("country column `FRA` disagrees with code `GBRGOV`")),
            "{e:?}"
        );
        let e = lint_with(ORGANIZATIONS, "un\tGBRFRA\tigo\t-\t-\tUnited Nations\n");
        assert!(
            e.iter()
                .any(|m| m.contains("country `FRA` after the first component")),
            "{e:?}"
        );
        let e = lint_with(AGENTS, "forces\tGBRMIL\tnoun\t-\n");
        assert!(
            e.iter().any(|m| m.contains("agents carry role codes only")),
            "{e:?}"
        );
        let e = lint_with(
            COUNTRIES,
            "FRA\tname\tFrance\nGBR\tname\tUnited Kingdom\nGBRGOV\tcapital\tLondon\n",
        );
        assert!(
            e.iter()
                .any(|m| m.contains("a capital carries a bare country code")),
            "{e:?}"
        );
        let e = lint_with(
            COUNTRIES,
            "FRA\tname\tFrance\nGBR\tmetonym\tWhitehall\nGBR\tname\tUnited Kingdom\n",
        );
        assert!(e.iter().any(|m| m.contains("needs a role code")), "{e:?}");
        let e = lint_with(COUNTRIES, "FRA\tname\tFrance\n");
        assert_eq!(
            e,
            ["actors/countries.tsv:0: country `GBR` of actors/codes.tsv has no `name` line"]
        );
    }

    #[test]
    fn catches_overlapping_roles() {
        let e = lint_with(
            ROLES,
            "william-hague\tGBRGOV\t2010-05-12\t2014-07-14\tForeign Secretary\nwilliam-hague\tGBRGOV\t2014\t..\tForeign Secretary\n",
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with(
                "actors/roles.tsv:2: `william-hague` as Foreign Secretary (GBRGOV) overlaps line 1"
            ),
            "{e:?}"
        );
        // The same dates under another title are fine.
        let e = lint_with(
            ROLES,
            "william-hague\tGBRGOV\t2010-05-12\t2014-07-14\tForeign Secretary\nwilliam-hague\tGBRGOV\t2014-07-14\t2015-05-07\tLeader of the House of Commons\n",
        );
        assert_eq!(e, Vec::<String>::new());
    }

    #[test]
    fn catches_people_without_roles_and_roles_without_people() {
        let e = lint_with(ROLES, "someone-else\tGBRGOV\t2010\t2011\tX\n");
        assert!(
            e.iter()
                .any(|m| m.contains("role of unknown person `someone-else`")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("people.tsv:1: person `william-hague` has no role")),
            "{e:?}"
        );
        let e = lint_with(PEOPLE, "william-hague\tWilliam Hague|Hague|Hague\n");
        assert!(
            e.iter().any(|m| m.contains("name `Hague` listed twice")),
            "{e:?}"
        );
    }

    #[test]
    fn catches_bad_dates_and_spaces() {
        let e = lint_with(
            ROLES,
            "william-hague\tGBRGOV\t2014-07-14\t2010-05-12\tForeign Secretary\n",
        );
        assert!(
            e.iter()
                .any(|m| m.contains("ends (2010-05-12) before it starts")),
            "{e:?}"
        );
        let e = lint_with(AGENTS, "forces\tMIL\tnoun\t- \n");
        assert_eq!(e, ["actors/agents.tsv:1: trailing whitespace"]);
        let e = lint_with(PEOPLE, "william-hague\tWilliam Hague||Hague\n");
        assert!(
            e.iter().any(|m| m.contains("form ``: empty field")),
            "{e:?}"
        );
    }

    #[test]
    fn contextual_needs_two_readings_and_known_countries() {
        let e = lint_with(CONTEXTUAL, "National Security Council\tGBR\tGBRGOV\tx\n");
        assert!(
            e.iter().any(|m| m.contains("has one reading only")),
            "{e:?}"
        );
        let e = lint_with(
            CONTEXTUAL,
            "National Security Council\tGBR\tGBRGOV\tx\nNational Security Council\tXYZ\tGBRGOV\ty\n",
        );
        assert!(
            e.iter()
                .any(|m| m.contains("article country `XYZ` is not a country")),
            "{e:?}"
        );
    }

    #[test]
    fn manifest_hash_mismatch_says_how_to_fix() {
        let mut d = base();
        d.set(AGENTS, "forces\tMIL\tnoun\t-\nregime\tGOV\tnoun\tchanged\n");
        let e: Vec<String> = lint(&d).iter().map(ToString::to_string).collect();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("MANIFEST.tsv:"), "{e:?}");
        assert!(e[0].contains("sha256 of actors/agents.tsv is"), "{e:?}");
        assert!(
            e[0].contains("UPDATE_MANIFEST=1 cargo test -p tacitus-annotate --test dict_lint"),
            "{e:?}"
        );
        // Updating keeps unchanged lines and bumps the version of the changed file only.
        let old = d.get(MANIFEST).unwrap().to_string();
        let new = d.updated_manifest("2027.01.01");
        let changed: Vec<&str> = new.lines().filter(|l| !old.contains(*l)).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(
            changed[0].starts_with("actors/agents.tsv\t2027.01.01\t"),
            "{changed:?}"
        );
        d.set(MANIFEST, new);
        assert_eq!(lint(&d), vec![]);
        d.set(MANIFEST, "");
        let e: Vec<String> = lint(&d).iter().map(ToString::to_string).collect();
        assert_eq!(e.len(), 7, "every file unlisted: {e:?}");
    }

    #[test]
    fn missing_file_is_reported() {
        let mut d = DataSet::from_files([(CODES, CODES_TSV)]);
        d.set(MANIFEST, "");
        let e = lint(&d);
        assert!(
            e.iter()
                .any(|x| x.file == PEOPLE && x.message == "file is missing"),
            "{e:?}"
        );
    }
}
