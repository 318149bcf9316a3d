//! The entry types of the actor dictionaries, one per kind of line in `data/actors/*.tsv`.
//!
//! Every entry remembers the line it came from so that checks can point at it. The types hold
//! data only: parsing lives in `parse`, checks in `lint`, lookups in the parent module.

use super::date::Date;

/// What a code component is (column 2 of `codes.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeKind {
    /// An ISO 3166-1 alpha-3 country or territory (or a CAMEO extra such as `PSE`, `KSV`).
    Country,
    /// A CAMEO region (`AFR`, `MEA`, `WST`, ...).
    Region,
    /// A CAMEO special actor that may start a code (`IGO`, `NGO`, `IMG`, `MNC`, `UIS`).
    Actor,
    /// A second-level organisation code that follows `IGO`/`NGO` (`UNO`, `EEC`, `NAT`, ...).
    Org,
    /// A role (sector) code (`GOV`, `MIL`, `OPP`, ...).
    Role,
}

impl CodeKind {
    /// The spelling used in `codes.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Country => "country",
            CodeKind::Region => "region",
            CodeKind::Actor => "actor",
            CodeKind::Org => "org",
            CodeKind::Role => "role",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<CodeKind> {
        Some(match s {
            "country" => CodeKind::Country,
            "region" => CodeKind::Region,
            "actor" => CodeKind::Actor,
            "org" => CodeKind::Org,
            "role" => CodeKind::Role,
            _ => return None,
        })
    }
}

/// One code component (a line of `codes.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeEntry {
    /// Three upper-case ASCII letters.
    pub code: String,
    /// What the component is.
    pub kind: CodeKind,
    /// A human-readable label.
    pub label: String,
    /// Line number in the file (1-based).
    pub line: usize,
}

/// The kind of a country form (column 2 of `countries.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormKind {
    /// The usual full name ("Syria", "United Kingdom").
    Name,
    /// A short name or abbreviation ("UK", "U.S.", "the States").
    Short,
    /// A former name ("Burma", "Zaire").
    Historical,
    /// An adjective ("Syrian", "British"); also the singular demonym when they coincide.
    Adjective,
    /// A demonym that differs from the adjective ("Syrians", "Briton", "Britons").
    Demonym,
    /// The capital city, standing for the country.
    Capital,
    /// A government metonym ("Downing Street", "the Kremlin"); carries role codes.
    Metonym,
}

impl FormKind {
    /// The spelling used in `countries.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Name => "name",
            FormKind::Short => "short",
            FormKind::Historical => "historical",
            FormKind::Adjective => "adjective",
            FormKind::Demonym => "demonym",
            FormKind::Capital => "capital",
            FormKind::Metonym => "metonym",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<FormKind> {
        Some(match s {
            "name" => FormKind::Name,
            "short" => FormKind::Short,
            "historical" => FormKind::Historical,
            "adjective" => FormKind::Adjective,
            "demonym" => FormKind::Demonym,
            "capital" => FormKind::Capital,
            "metonym" => FormKind::Metonym,
            _ => return None,
        })
    }
}

/// One form of a country (a line of `countries.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryForm {
    /// The actor code: a country code, with role codes for metonyms (`GBRGOV`).
    pub code: String,
    /// What kind of form it is.
    pub kind: FormKind,
    /// The text form as it appears in news.
    pub form: String,
    /// Line number in the file (1-based).
    pub line: usize,
}

/// The type of an organisation (column 3 of `organizations.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OrgType {
    /// Intergovernmental organisation or one of its organs.
    Igo,
    /// Non-governmental organisation.
    Ngo,
    /// News organisation.
    Media,
    /// Armed or political non-state group.
    Group,
    /// Political party or coalition.
    Party,
    /// Company.
    Company,
    /// A state body or anything else.
    Other,
}

impl OrgType {
    /// The spelling used in `organizations.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgType::Igo => "igo",
            OrgType::Ngo => "ngo",
            OrgType::Media => "media",
            OrgType::Group => "group",
            OrgType::Party => "party",
            OrgType::Company => "company",
            OrgType::Other => "other",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<OrgType> {
        Some(match s {
            "igo" => OrgType::Igo,
            "ngo" => OrgType::Ngo,
            "media" => OrgType::Media,
            "group" => OrgType::Group,
            "party" => OrgType::Party,
            "company" => OrgType::Company,
            "other" => OrgType::Other,
            _ => return None,
        })
    }
}

/// An organisation, organ, group, party or news outlet (a line of `organizations.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    /// Stable identifier, lower-case ASCII with `-` (`un-hrc`).
    pub id: String,
    /// CAMEO actor code (`IGOUNO`, `GBRMED`, `LBNREB`).
    pub code: String,
    /// What it is.
    pub kind: OrgType,
    /// Home country code, if any.
    pub country: Option<String>,
    /// The organisation it is an organ of (an id in the same file), if any.
    pub parent: Option<String>,
    /// Its names: full names, acronyms, short names.
    pub forms: Vec<String>,
    /// Line number in the file (1-based).
    pub line: usize,
}

/// Which articles a contextual reading applies to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ArticleCountry {
    /// Articles whose country (publisher or dateline) is this code.
    Country(String),
    /// Any other article, or one whose country is unknown (`*`).
    Any,
}

/// A reading of an ambiguous organ name that depends on the article's country (a line of
/// `contextual.tsv`): "National Security Council" is `GBRGOV` in a British article and
/// `USAGOV` in an American one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextualReading {
    /// The ambiguous form.
    pub form: String,
    /// The article country the reading is for.
    pub article_country: ArticleCountry,
    /// The code it reads as there.
    pub code: String,
    /// What the form names there.
    pub note: String,
    /// Line number in the file (1-based).
    pub line: usize,
}

/// A dated role of a person (a line of `roles.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// CAMEO actor code while in the role (`GBRGOV`, `IGOUNO`, `SYRREB`).
    pub code: String,
    /// First day (or month, year) in the role.
    pub from: Date,
    /// Last day in the role; `None` for a role still held.
    pub to: Option<Date>,
    /// The title ("Foreign Secretary", "UN Secretary-General").
    pub title: String,
    /// Line number in `roles.tsv` (1-based).
    pub line: usize,
}

/// A person: names from `people.tsv` and roles from `roles.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Stable identifier, lower-case ASCII with `-` (`kofi-annan`).
    pub id: String,
    /// Names: full name first, then short forms and spelling variants.
    pub names: Vec<String>,
    /// Roles sorted by start.
    pub roles: Vec<Role>,
    /// Line number in `people.tsv` (1-based).
    pub line: usize,
}

/// The kind of an agent form (column 3 of `agents.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgentKind {
    /// A role noun ("troops", "rebels", "spokesman").
    Noun,
    /// A title before or instead of a name ("Prime Minister", "Foreign Secretary").
    Title,
    /// An adjective giving a sector ("military", "rebel").
    Adjective,
}

impl AgentKind {
    /// The spelling used in `agents.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgentKind::Noun => "noun",
            AgentKind::Title => "title",
            AgentKind::Adjective => "adjective",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<AgentKind> {
        Some(match s {
            "noun" => AgentKind::Noun,
            "title" => AgentKind::Title,
            "adjective" => AgentKind::Adjective,
            _ => return None,
        })
    }
}

/// A role noun, title or sector adjective (a line of `agents.tsv`). Its code is role codes
/// only; the country comes from context ("Syrian forces" = `SYR` + `MIL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    /// The form, lower case unless it is a title.
    pub form: String,
    /// Role codes only (`MIL`, `GOV`, `REB`, `GOVMIL`).
    pub code: String,
    /// What kind of form.
    pub kind: AgentKind,
    /// A short note (`-` in the file for none).
    pub note: Option<String>,
    /// Line number in the file (1-based).
    pub line: usize,
}

/// One line of `data/MANIFEST.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    /// Path relative to `data/` (`actors/people.tsv`).
    pub path: String,
    /// Version of the file (`2026.11.29`).
    pub version: String,
    /// Where the content comes from.
    pub source: String,
    /// Licence of the content.
    pub licence: String,
    /// SHA-256 of the file, 64 lower-case hex digits.
    pub sha256: String,
    /// Line number in the manifest (1-based).
    pub line: usize,
}
