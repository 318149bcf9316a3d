//! Actor dictionaries: the reviewed data under `data/actors/`, its parser, its lint and
//! simple lookups.
//!
//! The files are line-oriented UTF-8, tab-separated, sorted and commented (see
//! `data/README.md` for the formats and the CAMEO code conventions). [`DataSet`] holds the raw
//! texts (built in with `include_str!`, or read from a directory), [`Dictionaries::parse`]
//! turns them into typed entries, [`lint`] checks everything a reviewer should not have to
//! (order, duplicates, codes, dates, overlaps, manifest hashes).
//!
//! This module does not find actors in text: recognition and resolution use these
//! dictionaries elsewhere. It does no IO except in [`DataSet::from_dir`].

pub mod date;
mod error;
mod lint;
pub mod model;
pub mod parse;

use std::collections::BTreeMap;
use std::path::Path;

pub use date::{Date, Day};
pub use error::{DictError, LintError};
pub use lint::{code_problem, lint};
pub use model::*;

/// The dictionary files, as paths relative to the data directory, in loading order.
pub const ACTOR_FILES: [&str; 7] = [
    CODES,
    COUNTRIES,
    ORGANIZATIONS,
    CONTEXTUAL,
    PEOPLE,
    ROLES,
    AGENTS,
];
/// Path of the code components file.
pub const CODES: &str = "actors/codes.tsv";
/// Path of the country forms file.
pub const COUNTRIES: &str = "actors/countries.tsv";
/// Path of the organisations file.
pub const ORGANIZATIONS: &str = "actors/organizations.tsv";
/// Path of the country-dependent readings file.
pub const CONTEXTUAL: &str = "actors/contextual.tsv";
/// Path of the people (names) file.
pub const PEOPLE: &str = "actors/people.tsv";
/// Path of the people's dated roles file.
pub const ROLES: &str = "actors/roles.tsv";
/// Path of the agent nouns and titles file.
pub const AGENTS: &str = "actors/agents.tsv";
/// Path of the manifest.
pub const MANIFEST: &str = "MANIFEST.tsv";

/// The raw texts of a dictionary data set, keyed by path relative to the data directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataSet {
    files: BTreeMap<String, String>,
}

impl DataSet {
    /// The data set compiled into the binary from the repository's `data/` directory.
    pub fn builtin() -> DataSet {
        let files = [
            (CODES, include_str!("../../../../data/actors/codes.tsv")),
            (
                COUNTRIES,
                include_str!("../../../../data/actors/countries.tsv"),
            ),
            (
                ORGANIZATIONS,
                include_str!("../../../../data/actors/organizations.tsv"),
            ),
            (
                CONTEXTUAL,
                include_str!("../../../../data/actors/contextual.tsv"),
            ),
            (PEOPLE, include_str!("../../../../data/actors/people.tsv")),
            (ROLES, include_str!("../../../../data/actors/roles.tsv")),
            (AGENTS, include_str!("../../../../data/actors/agents.tsv")),
            (MANIFEST, include_str!("../../../../data/MANIFEST.tsv")),
        ];
        DataSet::from_files(files)
    }

    /// Reads a data directory laid out like the repository's `data/`: the files of
    /// [`ACTOR_FILES`] (all required) and `MANIFEST.tsv` (optional; [`lint`] requires it).
    pub fn from_dir(dir: &Path) -> Result<DataSet, DictError> {
        let mut files = BTreeMap::new();
        for name in ACTOR_FILES.iter().chain([&MANIFEST]) {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    files.insert(name.to_string(), text);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && *name == MANIFEST => {}
                Err(source) => return Err(DictError::Io { path, source }),
            }
        }
        Ok(DataSet { files })
    }

    /// A data set from `(path, text)` pairs (for tests and embedding).
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> DataSet {
        DataSet {
            files: files
                .into_iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        }
    }

    /// The text of one file, if present.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Sets (or replaces) the text of one file.
    pub fn set(&mut self, path: &str, text: impl Into<String>) {
        self.files.insert(path.to_string(), text.into());
    }

    /// A manifest for the current files: lines of the present manifest are kept where the hash
    /// still matches; files whose hash changed (or that are new) get `version` and the
    /// project's default source and licence.
    pub fn updated_manifest(&self, version: &str) -> String {
        let mut errors = Vec::new();
        let old: BTreeMap<String, ManifestEntry> = self
            .get(MANIFEST)
            .map(|t| parse::manifest(MANIFEST, t, &mut errors))
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.path.clone(), e))
            .collect();
        let mut out = String::from(MANIFEST_HEADER);
        let mut paths: Vec<&str> = ACTOR_FILES.to_vec();
        paths.sort_unstable();
        for path in paths {
            let Some(text) = self.get(path) else { continue };
            let sha = hex_digest(text.as_bytes());
            let (version, source, licence) = match old.get(path) {
                Some(e) if e.sha256 == sha => {
                    (e.version.as_str(), e.source.as_str(), e.licence.as_str())
                }
                Some(e) => (version, e.source.as_str(), e.licence.as_str()),
                None => (version, DEFAULT_SOURCE, DEFAULT_LICENCE),
            };
            out.push_str(&format!("{path}\t{version}\t{source}\t{licence}\t{sha}\n"));
        }
        out
    }
}

/// Source written into new manifest lines.
pub const DEFAULT_SOURCE: &str = "written by the tacitus developers from public knowledge";
/// Licence written into new manifest lines (the project's).
pub const DEFAULT_LICENCE: &str = "MIT (the tacitus licence)";

const MANIFEST_HEADER: &str = "\
# MANIFEST of the tacitus data files: one line per file, sorted by path.
# Columns (tab-separated): path (relative to data/), version (YYYY.MM.DD of the last change),
# source, licence, sha256 of the file's bytes.
# The lint test checks the hashes. After editing a data file, rewrite this file with:
#   UPDATE_MANIFEST=1 cargo test -p tacitus-annotate --test dict_lint
";

/// One role of a person that holds on a given day, as returned by [`Dictionaries::roles_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleMatch<'a> {
    /// The person.
    pub person: &'a Person,
    /// The role held on that day.
    pub role: &'a Role,
}

/// All actor dictionaries, parsed.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// Code components (`codes.tsv`), in file order.
    pub codes: Vec<CodeEntry>,
    /// Country forms (`countries.tsv`).
    pub countries: Vec<CountryForm>,
    /// Organisations (`organizations.tsv`).
    pub organizations: Vec<Organization>,
    /// Country-dependent readings (`contextual.tsv`).
    pub contextual: Vec<ContextualReading>,
    /// People with their roles (`people.tsv` and `roles.tsv`).
    pub people: Vec<Person>,
    /// Agent nouns, titles and adjectives (`agents.tsv`).
    pub agents: Vec<Agent>,
    names: BTreeMap<String, Vec<usize>>,
}

/// The dictionaries built into the binary, parsed.
pub fn builtin() -> Result<Dictionaries, DictError> {
    Dictionaries::parse(&DataSet::builtin())
}

/// Folds a form for lookup: lower case, common Latin diacritics removed, `’` as `'`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base =
            match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
                | 'Ā' => 'a',
                'ç' | 'č' | 'ć' | 'Ç' | 'Č' | 'Ć' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē'
                | 'Ě' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
                    'i'
                }
                'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö'
                | 'Ø' | 'Ō' | 'Ő' => 'o',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů'
                | 'Ű' => 'u',
                'ý' | 'ÿ' | 'Ý' => 'y',
                'š' | 'ś' | 'ş' | 'Š' | 'Ś' | 'Ş' => 's',
                'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => 'z',
                'ğ' | 'Ğ' => 'g',
                'ł' | 'Ł' => 'l',
                'ř' | 'Ř' => 'r',
                'ţ' | 'ț' | 'Ţ' | 'Ț' => 't',
                'đ' | 'Đ' => 'd',
                '’' | '‘' => '\'',
                _ => {
                    out.extend(c.to_lowercase());
                    continue;
                }
            };
        out.push(base);
    }
    out
}

impl Dictionaries {
    /// Parses a data set. Fails on missing files and on lines that do not parse; semantic
    /// problems (order, unknown codes, overlaps) are left to [`lint`].
    pub fn parse(data: &DataSet) -> Result<Dictionaries, DictError> {
        let text = |path: &str| {
            data.get(path)
                .ok_or_else(|| DictError::Missing(path.to_string()))
        };
        let mut errors = Vec::new();
        let codes = parse::codes(CODES, text(CODES)?, &mut errors);
        let countries = parse::countries(COUNTRIES, text(COUNTRIES)?, &mut errors);
        let organizations = parse::organizations(ORGANIZATIONS, text(ORGANIZATIONS)?, &mut errors);
        let contextual = parse::contextual(CONTEXTUAL, text(CONTEXTUAL)?, &mut errors);
        let mut people = parse::people(PEOPLE, text(PEOPLE)?, &mut errors);
        let roles = parse::roles(ROLES, text(ROLES)?, &mut errors);
        let agents = parse::agents(AGENTS, text(AGENTS)?, &mut errors);
        let index: BTreeMap<String, usize> = people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for (id, role) in roles {
            match index.get(&id) {
                Some(&i) => people[i].roles.push(role),
                None => errors.push(LintError::new(
                    ROLES,
                    role.line,
                    format!("role of unknown person `{id}` (not in {PEOPLE})"),
                )),
            }
        }
        if !errors.is_empty() {
            errors.sort();
            errors.truncate(20);
            return Err(DictError::Parse(errors));
        }
        for p in &mut people {
            p.roles.sort_by_key(|r| (r.from.first_day(), r.line));
        }
        let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in people.iter().enumerate() {
            for n in &p.names {
                let v = names.entry(fold(n)).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Ok(Dictionaries {
            codes,
            countries,
            organizations,
            contextual,
            people,
            agents,
            names,
        })
    }

    /// Reads and parses a data directory (see [`DataSet::from_dir`]).
    pub fn from_dir(dir: &Path) -> Result<Dictionaries, DictError> {
        Dictionaries::parse(&DataSet::from_dir(dir)?)
    }

    /// People one of whose names folds to the same as `name` (see [`fold`]).
    pub fn people_named(&self, name: &str) -> impl Iterator<Item = &Person> {
        self.names
            .get(&fold(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.people[i])
    }

    /// The roles held on `day` by the people called `name`, in dictionary order.
    pub fn roles_of(&self, name: &str, day: Day) -> Vec<RoleMatch<'_>> {
        let mut out = Vec::new();
        for person in self.people_named(name) {
            for role in &person.roles {
                let started = role.from.first_day() <= day;
                let not_ended = role.to.is_none_or(|to| day <= to.last_day());
                if started && not_ended {
                    out.push(RoleMatch { person, role });
                }
            }
        }
        out
    }

    /// The distinct codes of the people called `name` on `day`, sorted.
    pub fn codes_of(&self, name: &str, day: Day) -> Vec<&str> {
        let mut codes: Vec<&str> = self
            .roles_of(name, day)
            .iter()
            .map(|m| m.role.code.as_str())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// Country forms equal to `form` after folding.
    pub fn country_forms(&self, form: &str) -> Vec<&CountryForm> {
        let f = fold(form);
        self.countries
            .iter()
            .filter(|c| fold(&c.form) == f)
            .collect()
    }

    /// Organisations with a form equal to `form` after folding.
    pub fn organizations_named(&self, form: &str) -> Vec<&Organization> {
        let f = fold(form);
        self.organizations
            .iter()
            .filter(|o| o.forms.iter().any(|x| fold(x) == f))
            .collect()
    }

    /// The reading of an ambiguous form for an article from `article_country` (or of unknown
    /// country): the line for that country if there is one, else the `*` line, else none.
    pub fn contextual_reading(
        &self,
        form: &str,
        article_country: Option<&str>,
    ) -> Option<&ContextualReading> {
        let f = fold(form);
        let mut fallback = None;
        for r in self.contextual.iter().filter(|r| fold(&r.form) == f) {
            match &r.article_country {
                ArticleCountry::Country(c) if Some(c.as_str()) == article_country => {
                    return Some(r);
                }
                ArticleCountry::Any => fallback = Some(r),
                ArticleCountry::Country(_) => {}
            }
        }
        fallback
    }

    /// Agent entries equal to `form` after folding.
    pub fn agents_named(&self, form: &str) -> Vec<&Agent> {
        let f = fold(form);
        self.agents.iter().filter(|a| fold(&a.form) == f).collect()
    }

    /// The code component entry for a three-letter component.
    pub fn code(&self, component: &str) -> Option<&CodeEntry> {
        self.codes.iter().find(|c| c.code == component)
    }
}

/// The SHA-256 of `bytes` as 64 lower-case hex digits, as `MANIFEST.tsv` records it.
pub fn hex_digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        let _ = write!(out, "{b:02x}");
    }
    out
}
