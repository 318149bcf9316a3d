//! Actors: recognition of people, organisations, groups and places in a parsed document and
//! their resolution to CAMEO actor codes at the article's date.
//!
//! 1. **Context** ([`ArticleContext`]): the article's day (its publication date, never today)
//!    and country (the outlet's, else the dateline's time zone, else the most mentioned).
//! 2. **Recognition**: dictionary forms matched over tokens ([`matcher`], longest match), and
//!    names the dictionaries do not hold found by the grammar (runs of proper nouns, with a
//!    title or apposition for their type).
//! 3. **Resolution**: dictionary entries (organisations, contextual organs, countries,
//!    metonyms), people by their dated roles, agents composed with a country ("Syrian forces"
//!    = `SYR` + `MIL`), titles with the article's country, short names and definite nouns
//!    referring back within the document, and conservative pronoun resolution.
//!
//! Output is a sorted list of [`Mention`]s, deterministic for a given input.

pub mod eval;
pub mod matcher;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tacitus_model::{BlockKind, Diagnostic, Document, Sentence, Severity, Span};

use crate::dict::{AgentKind, Day, Dictionaries, FormKind, OrgType, fold};
use crate::places::{Feature, Gazetteer};
use matcher::{Entry, Matcher, TokenMatch};

/// The type of an entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation, organ, state body, outlet or government.
    Organisation,
    /// A group of people: forces, diplomats, rebels, a people.
    Group,
    /// A country, capital or other place.
    Place,
}

impl EntityType {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organisation => "organisation",
            EntityType::Group => "group",
            EntityType::Place => "place",
        }
    }
}

/// How a mention was recognised and resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// A dictionary form (organisation, country, metonym, contextual organ).
    Dictionary,
    /// A person of the dictionaries, coded by the role held on the article's day.
    PersonRole,
    /// A title, with a country from the text or the article.
    Title,
    /// An agent noun composed with a country or actor ("Syrian forces").
    Agent,
    /// A short name or definite noun referring back to an earlier mention.
    Coreference,
    /// A pronoun referring back to an earlier mention.
    Pronoun,
    /// A name found by the grammar (proper nouns), not in the dictionaries.
    Grammar,
}

impl Method {
    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Dictionary => "dictionary",
            Method::PersonRole => "person-role",
            Method::Title => "title",
            Method::Agent => "agent",
            Method::Coreference => "coreference",
            Method::Pronoun => "pronoun",
            Method::Grammar => "grammar",
        }
    }
}

/// A resolved place (from [`crate::places`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRef {
    /// Gazetteer name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country.
    pub country: String,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// One mention of an actor or place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The text of the span.
    pub text: String,
    /// Byte span in `doc.text`.
    #[serde(flatten)]
    pub span: Span,
    /// Index of the sentence in `doc.sentences`.
    pub sentence: usize,
    /// Canonical name (the dictionary's full name, or the text).
    pub name: Option<String>,
    /// CAMEO actor code, if resolved.
    pub code: Option<String>,
    /// How it was found and resolved.
    pub method: Method,
    /// For places, the `places` resolution.
    pub place: Option<PlaceRef>,
}

impl Mention {
    /// A name found by the grammar alone: named by its own text, not coded.
    fn by_grammar(doc: &Document, kind: EntityType, span: Span, sentence: usize) -> Mention {
        let text = doc.slice(span).to_string();
        Mention {
            kind,
            name: Some(text.clone()),
            text,
            span,
            sentence,
            code: None,
            method: Method::Grammar,
            place: None,
        }
    }
}

/// How the article's country was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryMethod {
    /// From the outlet name or the URL's domain.
    Outlet,
    /// From the time zone of the dateline ("BST").
    Zone,
    /// The country mentioned most often in the text.
    MostMentioned,
}

/// The article's day and country, against which mentions are resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleContext {
    /// The publication day in the source's own offset; `None` when unknown (never today).
    #[serde(serialize_with = "ser_day")]
    pub day: Option<Day>,
    /// The article's country (ISO alpha-3), if found.
    pub country: Option<String>,
    /// How the country was found.
    pub country_method: Option<CountryMethod>,
}

/// The actors of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentActors {
    /// Day and country used.
    pub context: ArticleContext,
    /// Mentions sorted by span, then type.
    pub mentions: Vec<Mention>,
    /// Problems met (no date, uncoded names).
    pub diagnostics: Vec<Diagnostic>,
}

/// The recognizer: dictionaries with their automaton, built once and shared.
#[derive(Debug, Clone)]
pub struct Recognizer<'d> {
    dict: &'d Dictionaries,
    matcher: Matcher,
    given_names: BTreeSet<String>,
    media_countries: BTreeMap<String, String>,
    /// Folded role titles -> (person, role) indices.
    titles: BTreeMap<String, Vec<(usize, usize)>>,
    /// Folded agent forms.
    agent_forms: BTreeSet<String>,
}

/// Nouns naming institutions rather than people or groups.
const INSTITUTION_NOUNS: &[&str] = &[
    "regime",
    "government",
    "council",
    "ministry",
    "army",
    "police",
    "administration",
    "military",
    "cabinet",
    "parliament",
    "court",
    "opposition",
    "junta",
    "authorities",
    "navy",
    "embassy",
    "legislature",
    "congress",
    "senate",
    "tribunal",
    "committee",
    "party",
];

/// Honorifics that start a person's name (folded, without the full stop).
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "reverend",
    "sheikh",
    "imam",
    "rabbi",
    "father",
    "sister",
    "brother",
];

fn norm_honorific(w: &str) -> String {
    fold(w).trim_end_matches('.').to_string()
}

/// Prepositions before a place ("in Houla").
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "from", "to", "outside", "across", "into", "around", "towards",
];

/// Lower-case words that may join two parts of a name ("Palais des Nations").
const NAME_LINKS: &[&str] = &[
    "of", "for", "&", "de", "des", "du", "del", "della", "di", "da", "al", "el", "bin", "ibn",
    "von", "van", "der", "den", "la", "le",
];

/// Common English given names (folded), for names the dictionaries do not hold.
const COMMON_GIVEN_NAMES: &[&str] = &[
    "aaron",
    "adam",
    "alan",
    "albert",
    "alex",
    "alexander",
    "alice",
    "alison",
    "amanda",
    "amy",
    "andrew",
    "andy",
    "angela",
    "ann",
    "anna",
    "anne",
    "anthony",
    "arthur",
    "barbara",
    "ben",
    "benjamin",
    "betty",
    "bill",
    "bob",
    "brian",
    "bruce",
    "carl",
    "carol",
    "caroline",
    "catherine",
    "charles",
    "charlie",
    "chris",
    "christine",
    "christopher",
    "claire",
    "daniel",
    "david",
    "deborah",
    "dennis",
    "diana",
    "donald",
    "donna",
    "dorothy",
    "douglas",
    "edward",
    "elizabeth",
    "emily",
    "emma",
    "eric",
    "frank",
    "gary",
    "george",
    "gerald",
    "helen",
    "henry",
    "jack",
    "james",
    "jane",
    "janet",
    "jason",
    "jean",
    "jennifer",
    "jessica",
    "jim",
    "joan",
    "joe",
    "john",
    "jonathan",
    "joseph",
    "joshua",
    "joyce",
    "judith",
    "julia",
    "julie",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "keith",
    "kenneth",
    "kevin",
    "laura",
    "linda",
    "lisa",
    "margaret",
    "maria",
    "marie",
    "marilyn",
    "mark",
    "martha",
    "martin",
    "mary",
    "matthew",
    "michael",
    "michelle",
    "mike",
    "nancy",
    "nicholas",
    "nick",
    "pamela",
    "patricia",
    "patrick",
    "paul",
    "peter",
    "philip",
    "rachel",
    "raymond",
    "rebecca",
    "richard",
    "robert",
    "roger",
    "ronald",
    "ruth",
    "sally",
    "samuel",
    "sandra",
    "sarah",
    "scott",
    "sharon",
    "shirley",
    "simon",
    "stephen",
    "steve",
    "steven",
    "susan",
    "thomas",
    "timothy",
    "tom",
    "tony",
    "victoria",
    "virginia",
    "walter",
    "william",
];

/// Nouns naming vehicles and products: a name holding one, or followed by one, is no actor.
const OBJECT_WORDS: &[&str] = &[
    "shuttle",
    "shuttles",
    "orbiter",
    "orbiters",
    "spacecraft",
    "rocket",
    "satellite",
    "browser",
    "camera",
    "cameras",
    "console",
    "smartphone",
    "aircraft",
    "jet",
    "warship",
    "submarine",
    "vessel",
    "yacht",
    "ship",
    "tanker",
    "ferry",
    "boat",
    "frigate",
    "destroyer",
];

/// Last words of names of events, prizes and laws, which are no actors.
const EVENT_WORDS: &[&str] = &[
    "cup",
    "games",
    "olympics",
    "championship",
    "championships",
    "tournament",
    "festival",
    "fair",
    "expo",
    "day",
    "prize",
    "award",
    "awards",
    "act",
];

/// Compass words that start place names ("East Timor") but are no place alone.
const COMPASS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
];

/// Nouns naming groups of people though singular in form.
const GROUP_NOUNS: &[&str] = &[
    "people",
    "population",
    "public",
    "community",
    "crowd",
    "staff",
    "personnel",
    "youth",
];

/// Holiday names: proper nouns that name no actor (days and months are
/// [`tacitus_model::calendar`]'s).
const HOLIDAYS: &[&str] = &[
    "christmas",
    "easter",
    "ramadan",
    "eid",
    "hajj",
    "diwali",
    "passover",
    "hanukkah",
    "thanksgiving",
];

/// A day, month or holiday name (folded, trailing period allowed): names no actor.
fn is_time_word(folded: &str) -> bool {
    let w = folded.trim_end_matches('.');
    tacitus_model::calendar::is_calendar_word(w) || HOLIDAYS.contains(&w)
}

/// Words that make an unknown proper name a place (facilities count as places).
const FACILITY_WORDS: &[&str] = &[
    "airport",
    "avenue",
    "bridge",
    "cathedral",
    "center",
    "centre",
    "hospital",
    "mosque",
    "museum",
    "palace",
    "palais",
    "park",
    "square",
    "stadium",
    "station",
    "street",
];

/// Last words that make an unknown proper name an organisation.
const ORG_WORDS: &[&str] = &[
    "agency",
    "association",
    "assembly",
    "authority",
    "bank",
    "board",
    "bureau",
    "church",
    "club",
    "co",
    "college",
    "commission",
    "committee",
    "company",
    "corp",
    "corporation",
    "council",
    "court",
    "department",
    "federation",
    "forum",
    "foundation",
    "front",
    "fund",
    "group",
    "inc",
    "institute",
    "league",
    "ltd",
    "ministry",
    "movement",
    "network",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "post",
    "press",
    "school",
    "service",
    "society",
    "team",
    "times",
    "union",
    "university",
    "airlines",
    "airways",
    "labs",
    "church",
    "program",
    "programme",
    "municipality",
    "systems",
    "technologies",
    "records",
    "microsoft",
    "magazine",
    "journal",
    "gazette",
    "herald",
    "tribune",
    "corps",
    "org",
    "gang",
    "band",
    "army",
    "navy",
    "force",
];

/// Time zone abbreviations used by one country only.
const ZONES: &[(&str, &str)] = &[
    ("AEDT", "AUS"),
    ("AEST", "AUS"),
    ("BST", "GBR"),
    ("CDT", "USA"),
    ("EDT", "USA"),
    ("EST", "USA"),
    ("HKT", "HKG"),
    ("JST", "JPN"),
    ("KST", "KOR"),
    ("MDT", "USA"),
    ("MSK", "RUS"),
    ("NZDT", "NZL"),
    ("NZST", "NZL"),
    ("PDT", "USA"),
    ("PKT", "PAK"),
    ("PST", "USA"),
    ("SAST", "ZAF"),
];

/// Country top-level domains of outlets (a `.co.uk` site is British).
const DOMAINS: &[(&str, &str)] = &[
    ("ae", "ARE"),
    ("au", "AUS"),
    ("ca", "CAN"),
    ("de", "DEU"),
    ("eg", "EGY"),
    ("es", "ESP"),
    ("fr", "FRA"),
    ("ie", "IRL"),
    ("il", "ISR"),
    ("in", "IND"),
    ("it", "ITA"),
    ("jp", "JPN"),
    ("lb", "LBN"),
    ("ng", "NGA"),
    ("nz", "NZL"),
    ("pk", "PAK"),
    ("qa", "QAT"),
    ("ru", "RUS"),
    ("sa", "SAU"),
    ("sy", "SYR"),
    ("tr", "TUR"),
    ("ua", "UKR"),
    ("uk", "GBR"),
    ("za", "ZAF"),
];

const PRONOUNS_SG: &[&str] = &["he", "she", "his", "her", "him"];
const PRONOUNS_PL: &[&str] = &["they", "their", "them"];

/// A recognised piece of a sentence before composition.
#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    end: usize,
    what: PieceKind,
}

#[derive(Debug, Clone)]
enum PieceKind {
    Contextual(String),
    Org(usize),
    /// Country form index and kind.
    Country(usize, FormKind),
    /// Candidate people (indices) and the form.
    Person(Vec<usize>, String),
    Agent(usize),
    /// An unknown proper name found by the grammar.
    Name,
}

/// A person resolution.
#[derive(Debug, Clone)]
struct PersonRes {
    name: String,
    code: Option<String>,
    dated: bool,
}

/// Per-document state while resolving.
#[derive(Default)]
struct DocState {
    mentions: Vec<Mention>,
    /// Folded short names and surnames -> (canonical name, code, person index or none).
    names: BTreeMap<String, (String, Option<String>, Option<usize>)>,
    diagnostics: Vec<Diagnostic>,
    day: Option<Day>,
    /// How often each token text occurs in the document.
    word_counts: BTreeMap<String, usize>,
    /// Words that follow a locative preposition somewhere in the document ("at Houla"): one
    /// sense per document makes them places everywhere.
    locative: BTreeSet<String>,
    /// A sports report: a country is the subject or object of a verb of play somewhere
    /// ("Sweden beat South Korea"), so countries that act are its teams.
    sports: bool,
    /// Words that are the subject of a verb somewhere in the document ("Google said"): no
    /// place by one sense per document.
    subjects: BTreeSet<String>,
    /// Acronyms defined in parentheses after a name ("Johnson Space Center (JSC)") with the
    /// type of that name.
    acronyms: BTreeMap<String, EntityType>,
    /// Names of vehicles and products met so far ("Atlantis" after "Space Shuttle
    /// Atlantis"): no actor elsewhere in the document.
    objects: BTreeSet<String>,
}

impl<'d> Recognizer<'d> {
    /// Builds the recognizer over `dict` (the automaton is built here, once).
    pub fn new(dict: &'d Dictionaries) -> Recognizer<'d> {
        let mut given_names = BTreeSet::new();
        for p in &dict.people {
            if let Some(full) = p.names.first() {
                let words: Vec<&str> = full.split_whitespace().collect();
                if words.len() >= 2 {
                    given_names.insert(fold(words[0]));
                }
            }
        }
        given_names.extend(COMMON_GIVEN_NAMES.iter().map(|n| n.to_string()));
        let mut media_countries = BTreeMap::new();
        for o in &dict.organizations {
            if o.kind == OrgType::Media
                && let Some(c) = &o.country
            {
                for f in &o.forms {
                    media_countries.insert(fold(f), c.clone());
                }
            }
        }
        let mut titles: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
        for (pi, p) in dict.people.iter().enumerate() {
            for (ri, r) in p.roles.iter().enumerate() {
                titles
                    .entry(fold(&r.title).replace('-', " "))
                    .or_default()
                    .push((pi, ri));
            }
        }
        let agent_forms = dict.agents.iter().map(|a| fold(&a.form)).collect();
        Recognizer {
            dict,
            matcher: Matcher::new(dict),
            given_names,
            media_countries,
            titles,
            agent_forms,
        }
    }

    /// True when `word` is an agent form of the dictionaries (folded comparison).
    pub fn is_agent_form(&self, word: &str) -> bool {
        self.agent_forms.contains(&fold(word))
    }

    /// The dictionaries in use.
    pub fn dictionaries(&self) -> &'d Dictionaries {
        self.dict
    }

    /// The article's day and its country from the metadata and dateline only (`None` for the
    /// country when neither says; [`Recognizer::recognize`] then counts mentions).
    pub fn context(&self, doc: &Document) -> ArticleContext {
        let day = doc.meta.published.as_ref().and_then(|p| {
            let d = p.local_date();
            Day::new(
                u16::try_from(d.year()).ok()?,
                u8::try_from(d.month()).ok()?,
                u8::try_from(d.day()).ok()?,
            )
            .ok()
        });
        let (country, country_method) = match self.outlet_country(doc) {
            Some(c) => (Some(c), Some(CountryMethod::Outlet)),
            None => match zone_country(doc) {
                Some(c) => (Some(c.to_string()), Some(CountryMethod::Zone)),
                None => (None, None),
            },
        };
        ArticleContext {
            day,
            country,
            country_method,
        }
    }

    fn outlet_country(&self, doc: &Document) -> Option<String> {
        if let Some(url) = &doc.meta.url
            && let Some(c) = domain_country(url)
        {
            return Some(c.to_string());
        }
        let outlet = doc.meta.outlet.as_deref()?.trim();
        if let Some(c) = domain_country(outlet) {
            return Some(c.to_string());
        }
        if let Some(c) = self.media_countries.get(&fold(outlet)) {
            return Some(c.clone());
        }
        // "HuffPost UK", "Yahoo News Australia": a trailing country name.
        let last = outlet.rsplit(' ').next()?;
        if last.len() < outlet.len() {
            let mut codes: Vec<&str> = self
                .dict
                .country_forms(last)
                .into_iter()
                .filter(|c| matches!(c.kind, FormKind::Name | FormKind::Short))
                .map(|c| c.code.as_str())
                .collect();
            codes.dedup();
            if codes.len() == 1 {
                return Some(codes[0].to_string());
            }
        }
        None
    }

    /// Recognises and resolves the actors of a document whose tokens carry the grammar
    /// (`tacitus_nlp::Grammar::annotate`); without the grammar only dictionary forms are
    /// found. Places are resolved with `gazetteer` when given.
    pub fn recognize(&self, doc: &Document, gazetteer: Option<&Gazetteer>) -> DocumentActors {
        let mut context = self.context(doc);
        let mut st = DocState {
            day: context.day,
            ..DocState::default()
        };
        if context.day.is_none() {
            st.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "actors.no-date",
                "the article has no publication date: people are coded only when all their roles agree",
            ));
        }
        // Words written with a capital inside a sentence somewhere in the document: such a
        // word at the start of a sentence may be a name.
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        // Words the grammar reads as proper nouns inside a sentence somewhere: written so
        // elsewhere they are names too ("Scientology" read as an adjective before a noun).
        let mut propn: BTreeSet<&str> = BTreeSet::new();
        for s in &doc.sentences {
            let words: Vec<&str> = s.tokens.iter().map(|t| doc.slice(t.span)).collect();
            for (i, w) in words.iter().enumerate() {
                *st.word_counts.entry(w.to_string()).or_default() += 1;
                if i > 0 && LOCATIVE.contains(&fold(words[i - 1]).as_str()) {
                    st.locative.insert(w.to_string());
                }
                if acts_as_subject(s, i) {
                    st.subjects.insert(w.to_string());
                }
                // "the Church of Scientology ... the Church": the capitalised head of an
                // organisation named "X of Y" stands for it alone elsewhere.
                if w.chars().next().is_some_and(char::is_uppercase)
                    && ORG_WORDS.contains(&fold(w).as_str())
                    && words.get(i + 1) == Some(&"of")
                    && words
                        .get(i + 2)
                        .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase))
                {
                    propn.insert(w);
                }
                if !is_sentence_start(&words, i) && w.chars().next().is_some_and(char::is_uppercase)
                {
                    seen.insert(w);
                    // A word in -s is a plural ("Muslims") unless it names a known place
                    // ("Texas", "Athens") or follows a given name ("Kristen Wilkins").
                    let singular = w.ends_with('s') && known_place(w, true);
                    let surname = i > 0
                        && self.given_names.contains(&fold(words[i - 1]))
                        && !self.is_agent_form(w);
                    if is_propn(s, &words, i)
                        && !matcher::is_acronym(w)
                        && (!w.ends_with('s') || singular || surname)
                    {
                        propn.insert(w);
                    }
                }
            }
        }
        // Pieces of every sentence first, so that the most mentioned country is known before
        // titles are resolved.
        let pieces: Vec<Vec<Piece>> = doc
            .sentences
            .iter()
            .map(|s| self.pieces(doc, s, &seen, &propn))
            .collect();
        st.sports = doc.sentences.iter().zip(&pieces).any(|(s, ps)| {
            ps.iter().any(|p| {
                matches!(
                    p.what,
                    PieceKind::Country(_, FormKind::Name | FormKind::Short)
                ) && (p.start..p.end).any(|k| plays(s, k))
            })
        });
        if context.country.is_none() {
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            for p in pieces.iter().flatten() {
                if let PieceKind::Country(i, kind) = p.what
                    && let Some(c) = self.dict.countries.get(i)
                    && kind != FormKind::Metonym
                {
                    *counts.entry(c.code.get(..3).unwrap_or("")).or_default() += 1;
                }
            }
            if let Some((c, _)) = counts
                .iter()
                .filter(|(c, _)| c.len() == 3)
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            {
                context.country = Some(c.to_string());
                context.country_method = Some(CountryMethod::MostMentioned);
            }
        }
        for (si, sent) in doc.sentences.iter().enumerate() {
            self.resolve_sentence(doc, si, sent, &pieces[si], &context, &mut st);
        }
        self.resolve_pronouns(doc, &mut st);
        retype_surnames(&mut st.mentions);
        if let Some(g) = gazetteer {
            resolve_places(g, doc, &mut st.mentions);
        }
        st.mentions.sort_by(|a, b| {
            (a.span.start, a.span.end, a.kind, a.method, &a.code, &a.name).cmp(&(
                b.span.start,
                b.span.end,
                b.kind,
                b.method,
                &b.code,
                &b.name,
            ))
        });
        st.mentions
            .dedup_by(|a, b| a.span == b.span && a.kind == b.kind && a.code == b.code);
        DocumentActors {
            context,
            mentions: st.mentions,
            diagnostics: st.diagnostics,
        }
    }

    /// Dictionary pieces and grammar names of one sentence, non-overlapping, in order.
    fn pieces(
        &self,
        doc: &Document,
        sent: &Sentence,
        seen: &BTreeSet<&str>,
        propn: &BTreeSet<&str>,
    ) -> Vec<Piece> {
        let words: Vec<&str> = sent.tokens.iter().map(|t| doc.slice(t.span)).collect();
        let mut found = self.matcher.find(self.dict, &words);
        // Longest first, then leftmost.
        found.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
        });
        // Tokens some dictionary form covers.
        let is_lone_name = |m: &TokenMatch| {
            sent.kind != BlockKind::Headline
                && m.end - m.start == 1
                && !matcher::is_acronym(words[m.start])
                && m.forms.iter().all(|f| match f.entry {
                    Entry::Org(_) | Entry::Person(_) => true,
                    Entry::Country(i) => self
                        .dict
                        .countries
                        .get(i)
                        .is_some_and(|c| c.kind == FormKind::Capital),
                    _ => false,
                })
        };
        // "New Mexico", "South Australia": a country's name ending the name of a region or
        // town the gazetteer knows is part of that name, not the country.
        let in_place_name = |m: &TokenMatch| {
            let country = !m.forms.is_empty()
                && m.forms.iter().all(|f| match f.entry {
                    Entry::Country(i) => self
                        .dict
                        .countries
                        .get(i)
                        .is_some_and(|c| matches!(c.kind, FormKind::Name | FormKind::Short)),
                    _ => false,
                });
            let capitalised = |ws: &[&str]| {
                ws.iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            };
            country
                && (1..=2).any(|k| {
                    (m.start >= k
                        && capitalised(&words[m.start - k..m.start])
                        && subnational_name(&words[m.start - k..m.end].join(" ")))
                        // "Hong Kong Island", "Kuwait City".
                        || (m.end + k <= words.len()
                            && capitalised(&words[m.end..m.end + k])
                            && subnational_name(&words[m.start..m.end + k].join(" ")))
                })
        };
        found.retain(|m| !in_place_name(m));
        let mut covered = vec![false; words.len()];
        for m in found.iter().filter(|m| !is_lone_name(m)) {
            covered[m.start..m.end].iter_mut().for_each(|t| *t = true);
        }
        // A lone organisation or person form next to an unknown proper noun is part of
        // another name ("Amal Haddad" is not the Amal movement nor Fernando Haddad).
        let bare_propn = |k: usize| {
            is_propn(sent, &words, k)
                && !covered[k]
                && !HONORIFICS.contains(&norm_honorific(words[k]).as_str())
        };
        found.retain(|m| {
            let lone_name = is_lone_name(m);
            !(lone_name
                && ((m.start > 0 && bare_propn(m.start - 1))
                    || (m.end < words.len() && bare_propn(m.end))))
        });
        let mut taken = vec![false; words.len()];
        // Capitalised role nouns inside the text ("Church of Scientology", "Civic Party")
        // may belong to a name: held back until the name runs are known.
        let mut soft: Vec<Piece> = Vec::new();
        let mut out = Vec::new();
        for m in found {
            if taken[m.start..m.end].iter().any(|&t| t) {
                continue;
            }
            let Some(kind) = self.choose(sent, &words, &m) else {
                continue;
            };
            let capital_noun = matches!(kind, PieceKind::Agent(i)
                if self.agent(i).is_some_and(|a| a.kind != AgentKind::Title))
                && words[m.start]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !is_sentence_start(&words, m.start);
            taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
            let piece = Piece {
                start: m.start,
                end: m.end,
                what: kind,
            };
            if capital_noun {
                soft.push(piece);
            } else {
                out.push(piece);
            }
        }
        let mut hard = taken.clone();
        for p in &soft {
            hard[p.start..p.end].iter_mut().for_each(|t| *t = false);
        }
        // Name runs the dictionaries do not hold: proper nouns, and capitalised words inside
        // the sentence next to them.
        let headline = sent.kind == BlockKind::Headline;
        let grammar_names = sent.kind != BlockKind::Dateline;
        let name_tok = |i: usize| -> bool {
            // A headline capitalises every word: only words read as proper nouns in the
            // story's sentences, and no head word ("Airport"), are names there.
            if headline {
                return !hard[i] && propn.contains(words[i]) && !institution_word(words[i]);
            }
            !hard[i]
                && (is_propn(sent, &words, i)
                    || propn.contains(words[i])
                    || (words[i].chars().next().is_some_and(char::is_uppercase)
                        && !is_sentence_start(&words, i)
                        && matches!(
                            sent.tokens[i].upos.as_deref(),
                            Some("NOUN" | "ADJ" | "X" | "PROPN")
                        )))
        };
        let mut in_name = vec![false; words.len()];
        let mut i = 0;
        while grammar_names && i < words.len() {
            if !name_tok(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            loop {
                if j < words.len() && name_tok(j) {
                    j += 1;
                } else if j + 1 < words.len()
                    && name_tok(j + 1)
                    && ((!hard[j]
                        && ((NAME_LINKS.contains(&words[j])
                            // "University of Texas", "Palais des Nations", not "Gary Chan of
                            // DAB".
                            && (j - i == 1 || words[i..j].iter().any(|w| institution_word(w))))
                            // "New People's Party".
                            || (matches!(words[j], "'s" | "’s")
                                && institution_word(words[j + 1]))))
                        // "National Air and Space Museum", "Evergreen Aviation & Space
                        // Museum": a coordination inside a name that ends in an institution.
                        || (matches!(words[j], "&" | "and") && {
                            let mut k = j + 1;
                            while k < words.len() && name_tok(k) {
                                k += 1;
                            }
                            k - j <= 4 && institution_word(words[k - 1])
                        }))
                {
                    j += 2;
                } else if j + 2 < words.len()
                    && !hard[j]
                    && NAME_LINKS.contains(&words[j])
                    && words[j + 1] == "the"
                    && name_tok(j + 2)
                    && words[i..j].iter().any(|w| institution_word(w))
                {
                    // "Foundation for the Visual Arts", "Museum of the Moving Image".
                    j += 3;
                } else {
                    break;
                }
            }
            let has_propn = (i..j).any(|k| {
                (is_propn(sent, &words, k)
                    || propn.contains(words[k])
                    || matcher::is_acronym(words[k]))
                    && (!taken[k]
                        // "the Church" for "the Church of Scientology" (see `propn`).
                        || (!hard[k] && ORG_WORDS.contains(&fold(words[k]).as_str())))
            });
            let initial_common = j - i == 1
                && is_sentence_start(&words, i)
                && !seen.contains(words[i])
                && !matcher::is_acronym(words[i]);
            if (has_propn || j - i >= 2) && !initial_common {
                // "Professor Eastman", "Dr. Amal Haddad": the honorific belongs to the name.
                let i = if i > 0 && HONORIFICS.contains(&norm_honorific(words[i - 1]).as_str()) {
                    // A role noun read there ("professor") gives way to the name.
                    let agent_at = |p: &Piece| {
                        p.start == i - 1 && p.end == i && matches!(p.what, PieceKind::Agent(_))
                    };
                    if !hard[i - 1] || out.iter().any(agent_at) || soft.iter().any(agent_at) {
                        out.retain(|p| !agent_at(p));
                        soft.retain(|p| !agent_at(p));
                        i - 1
                    } else {
                        i
                    }
                } else {
                    i
                };
                in_name[i..j].iter_mut().for_each(|t| *t = true);
                out.push(Piece {
                    start: i,
                    end: j,
                    what: PieceKind::Name,
                });
            }
            i = j;
        }
        for p in soft {
            if !in_name[p.start..p.end].iter().any(|&t| t) {
                out.push(p);
            }
        }
        out.sort_by_key(|p| (p.start, p.end));
        out
    }

    /// The reading of a dictionary match, or `None` to drop it.
    fn choose(&self, sent: &Sentence, words: &[&str], m: &TokenMatch) -> Option<PieceKind> {
        let rank = |e: &Entry| match e {
            Entry::Contextual(_) => 0,
            Entry::Org(_) => 1,
            Entry::Country(i) => match self.dict.countries.get(*i).map(|c| c.kind) {
                Some(FormKind::Metonym) => 1,
                Some(FormKind::Name | FormKind::Short | FormKind::Historical) => 2,
                Some(FormKind::Capital) => 3,
                _ => 5,
            },
            Entry::Person(_) => 4,
            Entry::Agent(_) => 6,
        };
        let mut forms = m.forms.clone();
        forms.sort_by_key(|f| (rank(&f.entry), f.entry));
        let single = m.end - m.start == 1;
        let prev = m.start.checked_sub(1).map(|i| words[i]);
        for f in &forms {
            match f.entry {
                Entry::Contextual(i) => {
                    return Some(PieceKind::Contextual(
                        self.dict.contextual.get(i)?.form.clone(),
                    ));
                }
                Entry::Org(i) => return Some(PieceKind::Org(i)),
                Entry::Country(i) => {
                    let c = self.dict.countries.get(i)?;
                    // "The Hague" is a place, not William Hague; a lone capital after "the"
                    // is rarely the capital.
                    return Some(PieceKind::Country(i, c.kind));
                }
                Entry::Person(_) => {
                    if single {
                        let upos = sent.tokens.get(m.start).and_then(|t| t.upos.as_deref());
                        // "The Hague" is a place; "the Assad regime" is not.
                        let next_agent = words.get(m.end).is_some_and(|w| self.is_agent_form(w));
                        if matches!(prev, Some("the" | "The")) && !next_agent {
                            continue;
                        }
                        if upos.is_some_and(|u| u != "PROPN") {
                            continue;
                        }
                    }
                    let people: Vec<usize> = forms
                        .iter()
                        .filter_map(|f| match f.entry {
                            Entry::Person(p) => Some(p),
                            _ => None,
                        })
                        .collect();
                    return Some(PieceKind::Person(people, f.text.clone()));
                }
                Entry::Agent(i) => return Some(PieceKind::Agent(i)),
            }
        }
        None
    }

    /// People called `form` (indices), resolved at the article's day: the one already named
    /// in the document, else the one holding a role that day, else the first.
    fn resolve_person(
        &self,
        people: &[usize],
        form: &str,
        day: Option<Day>,
        st: &DocState,
    ) -> Option<(usize, PersonRes)> {
        let dict = self.dict;
        let known = st.names.get(&fold(form)).and_then(|(_, _, p)| *p);
        let pick = |i: usize| -> Option<(usize, PersonRes)> {
            let p = dict.people.get(i)?;
            let name = p.names.first()?.clone();
            let (code, dated) = match day {
                Some(day) => {
                    // Of the roles held that day, the one taken up last (the current job:
                    // Kofi Annan in 2012 is the envoy, not the former Secretary-General);
                    // ties go to the smaller code.
                    let held = p.roles.iter().filter(|r| {
                        r.from.first_day() <= day && r.to.is_none_or(|t| day <= t.last_day())
                    });
                    let best = held.max_by(|a, b| {
                        a.from
                            .first_day()
                            .cmp(&b.from.first_day())
                            .then_with(|| b.code.cmp(&a.code))
                    });
                    (best.map(|r| r.code.clone()), best.is_some())
                }
                None => {
                    let mut codes: Vec<&str> = p.roles.iter().map(|r| r.code.as_str()).collect();
                    codes.sort_unstable();
                    codes.dedup();
                    if codes.len() == 1 {
                        (Some(codes[0].to_string()), false)
                    } else {
                        (None, false)
                    }
                }
            };
            Some((i, PersonRes { name, code, dated }))
        };
        if let Some(k) = known
            && people.contains(&k)
        {
            return pick(k);
        }
        let mut best: Option<(usize, PersonRes)> = None;
        for &i in people {
            if let Some(r) = pick(i) {
                if r.1.dated {
                    return Some(r);
                }
                if best.is_none() {
                    best = Some(r);
                }
            }
        }
        best
    }

    /// The holder of a title in a country on a day ("Prime Minister", GBR → David Cameron).
    fn title_holder(&self, title: &str, country: &str, day: Option<Day>) -> Option<String> {
        let day = day?;
        let mut found: Vec<&str> = Vec::new();
        for &(pi, ri) in self.titles.get(&fold(title).replace('-', " "))? {
            let Some(p) = self.dict.people.get(pi) else {
                continue;
            };
            let Some(r) = p.roles.get(ri) else { continue };
            let held = r.from.first_day() <= day && r.to.is_none_or(|to| day <= to.last_day());
            if held
                && r.code.starts_with(country)
                && let Some(n) = p.names.first()
            {
                found.push(n);
            }
        }
        found.sort_unstable();
        found.dedup();
        (found.len() == 1).then(|| found[0].to_string())
    }

    fn agent(&self, i: usize) -> Option<&'d crate::dict::Agent> {
        self.dict.agents.get(i)
    }

    fn resolve_sentence(
        &self,
        doc: &Document,
        si: usize,
        sent: &Sentence,
        pieces: &[Piece],
        ctx: &ArticleContext,
        st: &mut DocState,
    ) {
        let words: Vec<&str> = sent.tokens.iter().map(|t| doc.slice(t.span)).collect();
        let span_of =
            |a: usize, b: usize| Span::new(sent.tokens[a].span.start, sent.tokens[b - 1].span.end);
        // Group adjacent pieces into runs.
        let mut runs: Vec<Vec<&Piece>> = Vec::new();
        for p in pieces {
            match runs.last_mut() {
                Some(r)
                    if r.last().is_some_and(|l| l.end == p.start)
                        && !matches!(r.last().map(|l| &l.what), Some(PieceKind::Name))
                        || r.last().is_some_and(|l| {
                            l.end == p.start
                                && matches!(l.what, PieceKind::Name)
                                && matches!(p.what, PieceKind::Agent(_) | PieceKind::Person(..))
                        }) =>
                {
                    r.push(p)
                }
                _ => runs.push(vec![p]),
            }
        }
        for run in runs {
            self.resolve_run(doc, si, sent, &words, &run, ctx, st, &span_of);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_run(
        &self,
        doc: &Document,
        si: usize,
        sent: &Sentence,
        words: &[&str],
        run: &[&Piece],
        ctx: &ArticleContext,
        st: &mut DocState,
        span_of: &dyn Fn(usize, usize) -> Span,
    ) {
        let dict = self.dict;
        let day = ctx.day;
        let push = |st: &mut DocState,
                    kind: EntityType,
                    a: usize,
                    b: usize,
                    name: Option<String>,
                    code: Option<String>,
                    method: Method| {
            let span = span_of(a, b);
            st.mentions.push(Mention {
                kind,
                text: doc.slice(span).to_string(),
                span,
                sentence: si,
                name,
                code,
                method,
                place: None,
            });
        };
        // Standalone pieces: everything but agents and adjectives, each its own mention;
        // countries and organisations inside a composed phrase are mentions too.
        let mut base: Option<(String, bool)> = None; // code, is bare country
        let mut person: Option<(usize, usize, PersonRes, Option<usize>)> = None;
        let mut grammar_name: Option<(usize, usize)> = None;
        let mut title: Option<&crate::dict::Agent> = None;
        let mut title_start: Option<usize> = None;
        let mut adj_role: Option<String> = None;
        let mut head: Option<(&crate::dict::Agent, usize, usize)> = None;
        let mut first = run.first().map(|p| p.start).unwrap_or(0);
        for p in run {
            match &p.what {
                PieceKind::Contextual(form) => {
                    let r = dict.contextual_reading(form, ctx.country.as_deref());
                    let code = r.map(|r| r.code.clone());
                    // "Home Secretary", "Defence Secretary": an office names its holder.
                    let last = form.rsplit(' ').next().unwrap_or(form);
                    let office = dict.agents.iter().any(|a| {
                        a.kind == AgentKind::Title
                            && (fold(&a.form) == fold(form) || fold(&a.form) == fold(last))
                    });
                    push(
                        st,
                        if office {
                            EntityType::Person
                        } else {
                            EntityType::Organisation
                        },
                        p.start,
                        p.end,
                        Some(form.clone()),
                        code.clone(),
                        Method::Dictionary,
                    );
                    if let Some(c) = code {
                        base = Some((c, false));
                    }
                    head = None;
                }
                PieceKind::Org(i) => {
                    let Some(o) = dict.organizations.get(*i) else {
                        continue;
                    };
                    let kind = if o.kind == OrgType::Group {
                        EntityType::Group
                    } else {
                        EntityType::Organisation
                    };
                    let name = o.forms.first().cloned();
                    push(
                        st,
                        kind,
                        p.start,
                        p.end,
                        name.clone(),
                        Some(o.code.clone()),
                        Method::Dictionary,
                    );
                    base = Some((o.code.clone(), false));
                    head = None;
                }
                PieceKind::Country(i, kind) => {
                    let Some(c) = dict.countries.get(*i) else {
                        continue;
                    };
                    // "Paris" after "Valeska Paris": the person, not the capital.
                    if p.end - p.start == 1
                        && *kind != FormKind::Adjective
                        && let Some((n, code, _)) = st.names.get(&fold(words[p.start])).cloned()
                    {
                        push(
                            st,
                            EntityType::Person,
                            p.start,
                            p.end,
                            Some(n),
                            code,
                            Method::Coreference,
                        );
                        continue;
                    }
                    let name = country_name(dict, &c.code);
                    match kind {
                        FormKind::Metonym => {
                            push(
                                st,
                                EntityType::Organisation,
                                p.start,
                                p.end,
                                Some(c.form.clone()),
                                Some(c.code.clone()),
                                Method::Dictionary,
                            );
                            base = Some((c.code.clone(), false));
                        }
                        FormKind::Name
                        | FormKind::Short
                        | FormKind::Historical
                        | FormKind::Capital => {
                            let shown = if *kind == FormKind::Capital {
                                Some(c.form.clone())
                            } else {
                                name.clone()
                            };
                            // A country that acts ("Russia vetoed", "Sweden beat England") is
                            // an actor, not a location: typed as an organisation, same code.
                            // Elsewhere a country is a place unless it is the subject of a
                            // verb ("Afghanistan has", "North Korea fired").
                            let locative = p.start > 0
                                && LOCATIVE.contains(&fold(words[p.start - 1]).as_str());
                            let acts = *kind != FormKind::Capital
                                && !locative
                                && (st.sports
                                    || (p.start..p.end).any(|k| acts_as_subject(sent, k)));
                            push(
                                st,
                                if acts {
                                    EntityType::Organisation
                                } else {
                                    EntityType::Place
                                },
                                p.start,
                                p.end,
                                shown,
                                Some(c.code.clone()),
                                Method::Dictionary,
                            );
                            base = Some((c.code.clone(), true));
                        }
                        FormKind::Adjective => {
                            base = Some((c.code.clone(), true));
                        }
                        FormKind::Demonym => {
                            // "the Belgians" of a sports report are a team.
                            let kind = if st.sports {
                                EntityType::Organisation
                            } else {
                                EntityType::Group
                            };
                            push(
                                st,
                                kind,
                                p.start,
                                p.end,
                                Some(c.form.clone()),
                                Some(c.code.clone()),
                                Method::Dictionary,
                            );
                            base = Some((c.code.clone(), true));
                        }
                    }
                    head = None;
                }
                PieceKind::Person(people, form) => {
                    if let Some((i, r)) = self.resolve_person(people, form, day, st) {
                        person = Some((p.start, p.end, r, Some(i)));
                    }
                    head = None;
                }
                PieceKind::Name => {
                    grammar_name = Some((p.start, p.end));
                    head = None;
                }
                PieceKind::Agent(i) => {
                    let Some(a) = self.agent(*i) else { continue };
                    match a.kind {
                        AgentKind::Title => {
                            if title.is_none() {
                                title = Some(a);
                                title_start = Some(p.start);
                            }
                            head = Some((a, p.start, p.end));
                        }
                        AgentKind::Adjective => {
                            if adj_role.is_none() {
                                adj_role = Some(a.code.clone());
                            }
                            if base.is_none() && person.is_none() && title.is_none() {
                                first = p.start;
                            }
                        }
                        AgentKind::Noun => head = Some((a, p.start, p.end)),
                    }
                }
            }
        }

        let country_of = |code: &str| code.get(..3).map(str::to_string);
        let compose = |base: &Option<(String, bool)>, role: &str| -> Option<String> {
            match base {
                Some((c, true)) => Some(format!("{c}{role}")),
                Some((c, false)) => Some(c.clone()),
                None => None,
            }
        };
        // A person (dictionary or grammar name), possibly with a title before it.
        let person_last = run
            .last()
            .is_some_and(|p| matches!(p.what, PieceKind::Person(..) | PieceKind::Name));
        if let Some((ps, pe, r, idx)) = person.clone()
            && person_last
        {
            // An unknown acronym before the person's title ("NASA Administrator ...") is a
            // mention of its own; other capitalised words there are an unknown title.
            for q in run.iter().filter(|q| matches!(q.what, PieceKind::Name)) {
                if q.end <= ps && q.end - q.start == 1 && matcher::is_acronym(words[q.start]) {
                    self.grammar_name(
                        doc, si, sent, words, q.start, q.end, None, &None, q.start, ctx, st,
                        span_of,
                    );
                }
            }
            let start = title_start
                .map_or(ps, |t| t.min(ps))
                .min(first.max(ps.min(first)));
            let start = if title.is_some() || base.is_some() || grammar_name.is_some() {
                start.min(first)
            } else {
                ps
            };
            let (code, method) = if r.code.is_some() && (r.dated || day.is_none()) {
                (r.code.clone(), Method::PersonRole)
            } else if let Some(t) = title {
                let c = compose(&base, &t.code)
                    .or_else(|| ctx.country.as_ref().map(|c| format!("{c}{}", t.code)));
                (c, Method::Title)
            } else {
                (r.code.clone(), Method::PersonRole)
            };
            let single = pe - ps == 1;
            let method = if single && st.names.contains_key(&fold(words[ps])) && title.is_none() {
                if method == Method::PersonRole {
                    Method::PersonRole
                } else {
                    Method::Coreference
                }
            } else {
                method
            };
            self.remember(st, &r.name, code.clone(), idx);
            push(
                st,
                EntityType::Person,
                start,
                pe,
                Some(r.name),
                code,
                method,
            );
            return;
        }
        if let Some((gs, ge)) = grammar_name
            && run
                .last()
                .is_some_and(|p| matches!(p.what, PieceKind::Name))
        {
            // Names before a title or a role noun are mentions of their own ("Texas student
            // Ahmed Mohamed", "NASA Administrator Charles Bolden").
            let agent_between = |q: &Piece| {
                run.iter().any(|a| {
                    matches!(a.what, PieceKind::Agent(_)) && a.start >= q.end && a.end <= gs
                })
            };
            for q in run.iter().filter(|q| matches!(q.what, PieceKind::Name)) {
                if q.end <= gs && (title.is_some() || agent_between(q)) {
                    self.grammar_name(
                        doc, si, sent, words, q.start, q.end, None, &None, q.start, ctx, st,
                        span_of,
                    );
                }
            }
            self.grammar_name(
                doc, si, sent, words, gs, ge, title, &base, first, ctx, st, span_of,
            );
            return;
        }
        // A name before an agent noun ("the Haddad clinic staff"): its own mention.
        if let Some((gs, ge)) = grammar_name
            && person.is_none()
        {
            self.grammar_name(
                doc, si, sent, words, gs, ge, None, &None, gs, ctx, st, span_of,
            );
        }

        // An agent head: "Syrian forces", "the Assad regime", "the Prime Minister".
        if let Some((a, hs, he)) = head {
            let role = adj_role.clone().unwrap_or_else(|| a.code.clone());
            let lower = fold(words[he - 1]);
            let inst = INSTITUTION_NOUNS.iter().any(|n| lower == *n);
            let plural = words[he - 1].ends_with('s') && !inst;
            let group = GROUP_NOUNS.iter().any(|n| fold(words[he - 1]) == *n);
            let kind = if group {
                EntityType::Group
            } else if a.kind == AgentKind::Title || (!plural && !inst) {
                EntityType::Person
            } else if inst {
                EntityType::Organisation
            } else {
                EntityType::Group
            };
            // Base from the run: a country, organisation, metonym, or a person's country.
            let base = base.clone().or_else(|| {
                person.as_ref().and_then(|(_, _, r, _)| {
                    r.code.as_deref().and_then(country_of).map(|c| (c, true))
                })
            });
            if let Some(code) = compose(&base, &role) {
                let start = first.min(hs);
                let name = if a.kind == AgentKind::Title {
                    code.get(..3)
                        .and_then(|c| self.title_holder(&a.form, c, day))
                } else {
                    None
                };
                push(st, kind, start, he, name, Some(code), Method::Agent);
                return;
            }
            // "the regime of President Assad", "the spokesman", "the Prime Minister".
            if let Some(code) = self.of_phrase(words, he, st) {
                let code = if code.len() == 3 {
                    format!("{code}{role}")
                } else {
                    code
                };
                push(st, kind, hs, he, None, Some(code), Method::Agent);
                return;
            }
            let definite =
                hs > 0 && matches!(fold(words[hs - 1]).as_str(), "the" | "this" | "that");
            if definite && let Some((name, code)) = self.refer_back(st, &fold(words[he - 1])) {
                push(st, kind, hs, he, name, code, Method::Coreference);
                return;
            }
            // "the Government": a capitalised institution inside a sentence of the story.
            let capitalised = words[hs].chars().next().is_some_and(char::is_uppercase)
                && (hs > 0 && !is_sentence_start(words, hs))
                && inst
                && sent.kind != BlockKind::Headline;
            if (a.kind == AgentKind::Title || capitalised)
                && let Some(c) = &ctx.country
            {
                let code = format!("{c}{role}");
                let name = if a.kind == AgentKind::Title {
                    self.title_holder(&a.form, c, day)
                } else {
                    None
                };
                push(st, kind, hs, he, name, Some(code), Method::Title);
                return;
            }
            // "Muslims", "Rohingya": a people or faith written as a name, with no country to
            // code it.
            let named = words[hs..he]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && (hs..he).any(|k| {
                    sent.tokens[k].upos.as_deref() == Some("PROPN") || !is_sentence_start(words, k)
                });
            // A people named in the singular form of its name ("Rohingya") too, not a word
            // of a people or faith before a noun ("Muslim student").
            let modifier = sent
                .tokens
                .get(he)
                .is_some_and(|t| matches!(t.upos.as_deref(), Some("NOUN" | "PROPN" | "ADJ")));
            let people = kind == EntityType::Group || (a.code == "CVL" && !modifier);
            if people && named && sent.kind != BlockKind::Headline {
                push(st, kind, hs, he, None, None, Method::Agent);
            }
        }
    }

    /// The byte span of a person's dictionary name that opens `text[start..end]` ("Monti"
    /// in "Monti government"), when the rest of the span follows it.
    fn leading_person(&self, text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        let phrase = text.get(start..end)?;
        let words: Vec<&str> = phrase.split(' ').collect();
        if words.len() < 2 {
            return None;
        }
        let found = self.matcher.find(self.dict, &words);
        let m = found
            .iter()
            .filter(|m| m.start == 0 && m.end < words.len())
            .filter(|m| m.forms.iter().all(|f| matches!(f.entry, Entry::Person(_))))
            .max_by_key(|m| m.end)?;
        let len: usize = words[..m.end].iter().map(|w| w.len()).sum::<usize>() + m.end - 1;
        Some((start, start + len))
    }

    /// The organisation the dictionaries know by exactly this one word ("Google").
    fn lone_org(&self, word: &str) -> Option<&'d crate::dict::Organization> {
        let dict: &'d Dictionaries = self.dict;
        let found = self.matcher.find(dict, &[word]);
        found
            .iter()
            .flat_map(|m| &m.forms)
            .find_map(|f| match f.entry {
                Entry::Org(i) => dict.organizations.get(i),
                _ => None,
            })
    }

    /// The code of `X` in "noun of (the) X" when X starts right after the noun.
    fn of_phrase(&self, words: &[&str], he: usize, st: &DocState) -> Option<String> {
        if words.get(he).map(|w| fold(w)) != Some("of".to_string()) {
            return None;
        }
        // The next mention of this sentence is pushed later: peek at the words instead.
        let mut k = he + 1;
        if words.get(k).is_some_and(|w| fold(w) == "the") {
            k += 1;
        }
        let rest: Vec<&str> = words.get(k..)?.iter().take(6).copied().collect();
        let found = self.matcher.find(self.dict, &rest);
        let m = found
            .iter()
            .filter(|m| m.start == 0)
            .max_by_key(|m| m.end)?;
        let mut forms = m.forms.clone();
        forms.sort_by_key(|f| f.entry);
        // Take the longest reading that starts at X and names an actor with a country.
        let mut best: Option<String> = None;
        let mut seen_title = false;
        for f in forms.iter() {
            match f.entry {
                Entry::Person(p) => {
                    if let Some((_, r)) = self.resolve_person(&[p], &f.text, st.day, st)
                        && let Some(c) = r.code
                    {
                        best = Some(c);
                        break;
                    }
                }
                Entry::Country(i) => {
                    if let Some(c) = self.dict.countries.get(i)
                        && matches!(c.kind, FormKind::Name | FormKind::Short | FormKind::Metonym)
                    {
                        best = Some(c.code.clone());
                        break;
                    }
                }
                Entry::Agent(_) => seen_title = true,
                _ => {}
            }
        }
        if best.is_none() && seen_title {
            // "of President Bashar Assad": a title then a name.
            let rest2: Vec<&str> = rest.get(m.end..)?.to_vec();
            let found = self.matcher.find(self.dict, &rest2);
            let m2 = found
                .iter()
                .filter(|x| x.start == 0)
                .max_by_key(|x| x.end)?;
            let people: Vec<usize> = m2
                .forms
                .iter()
                .filter_map(|f| match f.entry {
                    Entry::Person(p) => Some(p),
                    _ => None,
                })
                .collect();
            let form = m2.forms.first()?.text.clone();
            let (_, r) = self.resolve_person(&people, &form, st.day, st)?;
            best = r.code;
        }
        best
    }

    /// The most recent mention whose head word (last word of its text or name) is `head`.
    fn refer_back(&self, st: &DocState, head: &str) -> Option<(Option<String>, Option<String>)> {
        st.mentions.iter().rev().find_map(|m| {
            if m.code.is_none() || m.kind == EntityType::Place {
                return None;
            }
            let last = |s: &str| s.split_whitespace().last().map(fold);
            let hit = last(&m.text).as_deref() == Some(head)
                || m.name.as_deref().and_then(last).as_deref() == Some(head);
            hit.then(|| (m.name.clone(), m.code.clone()))
        })
    }

    /// Remembers a person's names for later short mentions.
    fn remember(&self, st: &mut DocState, name: &str, code: Option<String>, idx: Option<usize>) {
        let entry = (name.to_string(), code, idx);
        st.names.insert(fold(name), entry.clone());
        if let Some(last) = name.split_whitespace().last()
            && last != name
        {
            st.names.entry(fold(last)).or_insert(entry.clone());
            let bare = last.trim_start_matches("al-");
            if bare != last {
                st.names.entry(fold(bare)).or_insert(entry);
            }
        }
        if let Some(first) = name.split_whitespace().next()
            && first != name
            && self.given_names.contains(&fold(first))
        {
            st.names
                .entry(fold(first))
                .or_insert((name.to_string(), None, idx));
        }
        if let Some(i) = idx
            && let Some(p) = self.dict.people.get(i)
        {
            let code = st.names.get(&fold(name)).and_then(|e| e.1.clone());
            for n in &p.names {
                st.names
                    .entry(fold(n))
                    .or_insert((name.to_string(), code.clone(), idx));
            }
        }
    }

    /// An unknown proper name: typed by title, apposition, organisation word, given name or
    /// gazetteer; coded from a title or apposition, else left uncoded.
    #[allow(clippy::too_many_arguments)]
    fn grammar_name(
        &self,
        doc: &Document,
        si: usize,
        sent: &Sentence,
        words: &[&str],
        gs: usize,
        ge: usize,
        title: Option<&crate::dict::Agent>,
        base: &Option<(String, bool)>,
        first: usize,
        ctx: &ArticleContext,
        st: &mut DocState,
        span_of: &dyn Fn(usize, usize) -> Span,
    ) {
        if words[gs..ge].iter().all(|w| {
            is_time_word(&fold(w))
                || HONORIFICS.contains(&norm_honorific(w).as_str())
                || !w.chars().any(char::is_alphabetic)
        }) {
            return;
        }
        // "Governor of Washington Chris Gregoire": a known place, then a given name and a
        // surname, are two names.
        if let Some(k) = (gs + 1..ge.saturating_sub(1)).find(|&k| {
            self.given_names.contains(&fold(words[k]))
                && words[k + 1..ge]
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && known_place(&words[gs..k].join(" "), k - gs == 1)
        }) {
            self.grammar_name(
                doc, si, sent, words, gs, k, None, &None, gs, ctx, st, span_of,
            );
            self.grammar_name(
                doc, si, sent, words, k, ge, title, base, first, ctx, st, span_of,
            );
            return;
        }
        // "Google Chrome", "Mozilla Firefox": a company's name before other names names a
        // product of it; the company is a mention, the product no actor (here or alone).
        if ge - gs >= 2
            && !words[gs + 1..ge].iter().any(|w| institution_word(w))
            // "Google Australia", "BP America": a branch, not a product.
            && !words[gs + 1..ge].iter().any(|w| known_place(w, true))
            && let Some(o) = self
                .lone_org(words[gs])
                .filter(|o| o.kind == OrgType::Company)
        {
            let span = span_of(gs, gs + 1);
            st.mentions.push(Mention {
                kind: EntityType::Organisation,
                text: doc.slice(span).to_string(),
                span,
                sentence: si,
                name: o.forms.first().cloned(),
                code: Some(o.code.clone()),
                method: Method::Dictionary,
                place: None,
            });
            for w in &words[gs + 1..ge] {
                st.objects.insert(w.to_string());
            }
            return;
        }
        // "Space Shuttle Atlantis", "Polaroid camera": names of vehicles and products are
        // no actors.
        // "the cruise ship Freewinds", "the tanker, Stena Impero": a name in apposition to
        // a vehicle noun names that vehicle.
        let before = match gs.checked_sub(1).map(|k| words[k]) {
            Some(",") => gs.checked_sub(2).map(|k| words[k]),
            w => w,
        };
        if words[gs..ge]
            .iter()
            .chain(words.get(ge))
            .chain(before.as_ref())
            .any(|w| OBJECT_WORDS.contains(&fold(w).as_str()))
        {
            for w in &words[gs..ge] {
                if !OBJECT_WORDS.contains(&fold(w).as_str()) && !COMPASS.contains(&fold(w).as_str())
                {
                    st.objects.insert(w.to_string());
                }
            }
            return;
        }
        if words[gs..ge].iter().all(|w| st.objects.contains(*w)) {
            return;
        }
        // "the World Cup", "Waitangi Day", "the Clean Air Act": events, prizes and laws.
        if ge - gs >= 2 && EVENT_WORDS.contains(&fold(words[ge - 1]).as_str()) {
            // "the Google Science Fair": a first word named alone elsewhere is a mention.
            if ge - gs >= 3 && st.word_counts.get(words[gs]).is_some_and(|&n| n >= 2) {
                self.grammar_name(
                    doc,
                    si,
                    sent,
                    words,
                    gs,
                    gs + 1,
                    None,
                    &None,
                    gs,
                    ctx,
                    st,
                    span_of,
                );
            }
            return;
        }
        // "Internet Explorer 9", "Apollo 11", "Resolution 2118": a name numbered so is a
        // product, mission or document, no actor.
        if words
            .get(ge)
            .is_some_and(|w| w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()))
            && !words[gs..ge].iter().any(|w| is_time_word(&fold(w)))
        {
            return;
        }
        // "IE6", "STS-135", "A380": model and mission designations.
        let designation = |w: &str| {
            let letters = w.trim_end_matches(|c: char| c.is_ascii_digit());
            letters.len() < w.len()
                && !letters.is_empty()
                && letters.chars().all(|c| c.is_ascii_uppercase())
        };
        if ge - gs == 1
            && (designation(words[gs])
                || (matcher::is_acronym(words[gs])
                    && words.get(ge).is_some_and(|w| *w == "-")
                    && words
                        .get(ge + 1)
                        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))))
        {
            return;
        }
        let text = words[gs..ge].join(" ");
        // "English", "Japanese": a lone language or nationality word names no actor.
        if ge - gs == 1 && {
            let f = fold(&text);
            f.len() > 5 && (f.ends_with("ish") || f.ends_with("ese"))
        } {
            return;
        }
        let folded_last = fold(words[ge - 1]);
        let single = ge - gs == 1;
        let kind;
        let mut code = None;
        let mut method = Method::Grammar;
        let mut name = doc.slice(span_of(gs, ge)).to_string();
        let mut start = gs;
        if let Some(t) = title {
            kind = Some(EntityType::Person);
            code = match base {
                Some((c, true)) => Some(format!("{c}{}", t.code)),
                Some((c, false)) => Some(c.clone()),
                None => ctx.country.as_ref().map(|c| format!("{c}{}", t.code)),
            };
            method = Method::Title;
            start = first.min(gs);
        } else if let Some(k) = single
            .then(|| defined_acronym(sent, words, gs, st))
            .flatten()
        {
            kind = Some(k);
        } else if ge - gs >= 2 && HONORIFICS.contains(&norm_honorific(words[gs]).as_str()) {
            kind = Some(EntityType::Person);
            name = doc.slice(span_of(gs + 1, ge)).to_string();
            if let Some((n, c, _)) = st.names.get(&fold(&name)).cloned() {
                name = n;
                code = c;
                method = Method::Coreference;
            } else if let Some((c, role)) = self.apposition(sent, words, gs, ge, ctx) {
                code = c;
                if role {
                    method = Method::Title;
                }
            }
        } else if let Some(o) = single.then(|| self.lone_org(words[gs])).flatten() {
            // "the Google Science Fair": the organisation the dictionary knows by that word.
            kind = Some(if o.kind == OrgType::Group {
                EntityType::Group
            } else {
                EntityType::Organisation
            });
            code = Some(o.code.clone());
            if let Some(n) = o.forms.first() {
                name = n.clone();
            }
            method = Method::Dictionary;
        } else if words[gs..ge]
            .iter()
            .any(|w| FACILITY_WORDS.contains(&fold(w).as_str()))
        {
            kind = Some(EntityType::Place);
        } else if ORG_WORDS.contains(&folded_last.as_str())
            || words[gs..ge]
                .iter()
                .any(|w| ORG_WORDS.contains(&fold(w).as_str()) && w.len() > 3)
        {
            kind = Some(EntityType::Organisation);
        } else if !single
            && ge - gs <= 3
            && !st.names.contains_key(&fold(&text))
            && subnational_name(&text)
        {
            // "Hong Kong Island": a whole name the gazetteer knows, though its first word may
            // be a given name.
            kind = Some(EntityType::Place);
        } else if let Some((n, c, _)) = st.names.get(&fold(&text)).cloned() {
            kind = Some(EntityType::Person);
            name = n;
            code = c;
            method = Method::Coreference;
        } else if self.given_names.contains(&fold(words[gs])) {
            kind = Some(EntityType::Person);
        } else if let Some((c, role)) = self.apposition(sent, words, gs, ge, ctx) {
            kind = Some(EntityType::Person);
            code = c;
            method = if role { Method::Title } else { Method::Grammar };
        } else if ge - gs <= 3
            && (known_place(&text, single)
                || ((gs > 0 && LOCATIVE.contains(&fold(words[gs - 1]).as_str())
                    || (st.locative.contains(&text)
                        && !st.subjects.contains(&text)
                        && sent.tokens[ge - 1].deprel.as_deref() == Some("compound")))
                    && !Gazetteer::builtin().lookup(&text).is_empty()))
        {
            // In a sports report a region or country named outside a locative phrase is a
            // team ("England beat Panama"): an organisation.
            let locative = gs > 0 && LOCATIVE.contains(&fold(words[gs - 1]).as_str());
            let team = st.sports && !locative && known_place(&text, true);
            kind = Some(if team {
                EntityType::Organisation
            } else {
                EntityType::Place
            });
        } else if single && !matcher::is_acronym(&text) && speaker(sent, gs) {
            // "..., Gloria said": a lone name speaking is a person.
            kind = Some(EntityType::Person);
        } else if !single
            && words[gs + 1..ge]
                .iter()
                .any(|w| self.given_names.contains(&fold(w)))
        {
            // "NASA Administrator Charles Bolden".
            kind = Some(EntityType::Person);
        } else if !single {
            // People are not "the Space Shuttle" nor "FIRST Global".
            // ... unless the name only modifies a noun ("the Andy Warhol exhibit").
            let modifier = sent.tokens[ge - 1].deprel.as_deref() == Some("compound")
                || words
                    .get(ge)
                    .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
                    && matches!(
                        sent.tokens.get(ge).and_then(|t| t.upos.as_deref()),
                        Some("NOUN")
                    );
            let the = gs > 0 && fold(words[gs - 1]) == "the" && !modifier;
            // Nor "Palais des Nations".
            let linked = words[gs..ge].iter().any(|w| {
                matches!(
                    *w,
                    "of" | "for" | "&" | "des" | "du" | "della" | "la" | "le"
                )
            });
            // "K.C. Maurer": initials are no acronym.
            let initials =
                |w: &str| w.contains('.') && w.chars().all(|c| c == '.' || c.is_uppercase());
            let acronym = words[gs..ge]
                .iter()
                .any(|w| matcher::is_acronym(w) && !initials(w));
            // "National Iodine Nutrition": people's names hold no common adjective or noun.
            let common = sent.tokens[gs..ge]
                .iter()
                .any(|t| matches!(t.upos.as_deref(), Some("ADJ" | "NOUN")));
            // "Toronto Star", "Ontario Ghostbusters": a name led by a known place names a
            // body, not a person.
            let place_first =
                !self.given_names.contains(&fold(words[gs])) && major_place(words[gs]);
            kind = Some(if the || acronym || common || linked || place_first {
                EntityType::Organisation
            } else {
                EntityType::Person
            });
        } else {
            // A lone unknown proper noun that is no known surname, place or time: an
            // organisation, outlet or company more often than not ("NASA", "Twitter") when
            // it is an acronym or written so again in the document (a single unknown word
            // used once, even as a subject or object, is too often a product or an event).
            let again = st.word_counts.get(text.as_str()).is_some_and(|&n| n >= 2);
            // A word the document writes in lower case more often is a common noun ("Iodine
            // deficiency ... dietary iodine").
            let count = |w: &str| st.word_counts.get(w).copied().unwrap_or(0);
            let common = count(&text.to_lowercase()) > count(&text);
            kind = (matcher::is_acronym(&text) || (again && !common))
                .then_some(EntityType::Organisation);
        }
        let Some(kind) = kind else {
            return;
        };
        // "NASA Administrator Charles Bolden": the leading acronym is an organisation too.
        if kind == EntityType::Person && ge - gs >= 3 && matcher::is_acronym(words[gs]) {
            let span = span_of(gs, gs + 1);
            st.mentions
                .push(Mention::by_grammar(doc, EntityType::Organisation, span, si));
        }
        // "University of Texas Arlington", "Irving Police Department": the known places
        // inside the name of an organisation or facility are mentions too.
        // "the Andy Warhol Photographic Legacy Program", "Tang Teaching Museum": a person
        // named earlier in the document, or a given name and a surname, leading the name of an
        // organisation or facility is a mention too.
        let mut person_end = gs;
        if kind != EntityType::Person && ge - gs >= 2 {
            let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
            let found = (gs + 1..ge).rev().find_map(|to| {
                if !words[gs..to].iter().all(|w| capital(w)) {
                    return None;
                }
                let text = words[gs..to].join(" ");
                if let Some((n, c, _)) = st.names.get(&fold(&text)) {
                    return Some((to, n.clone(), c.clone()));
                }
                (to - gs == 2
                    && ge - to >= 1
                    && self.given_names.contains(&fold(words[gs]))
                    && !known_place(&text, false))
                .then(|| (to, text.clone(), None))
            });
            if let Some((to, n, c)) = found {
                person_end = to;
                let span = span_of(gs, to);
                st.mentions.push(Mention {
                    kind: EntityType::Person,
                    text: doc.slice(span).to_string(),
                    span,
                    sentence: si,
                    name: Some(n),
                    code: c,
                    method: Method::Coreference,
                    place: None,
                });
            }
        }
        // A place starts the name, follows a link word ("of") or another such place, and
        // never holds the name's last word.
        let facility = words[gs..ge]
            .iter()
            .any(|w| FACILITY_WORDS.contains(&fold(w).as_str()));
        if (kind == EntityType::Organisation || (kind == EntityType::Place && facility))
            && ge - gs >= 2
        {
            let mut from = person_end;
            let mut may_start = true;
            while from + 1 < ge {
                let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
                let found = may_start
                    .then(|| {
                        (from + 1..ge).rev().find(|&to| {
                            // "Southern Indiana": a compass word before a place.
                            let compass = COMPASS.contains(&fold(words[from]).as_str());
                            let at = if compass { from + 1 } else { from };
                            at < to
                                && words[from..to].iter().all(|w| capital(w))
                                && !(to - from == 1
                                    && self.given_names.contains(&fold(words[from])))
                                && known_place(&words[at..to].join(" "), to - at == 1)
                                // "Kennedy Space Center": a lone town's name opening a
                                // facility's name and never written without it there names
                                // a person more often than the town.
                                && !(facility
                                    && at == gs
                                    && to - at == 1
                                    && !major_area(words[at])
                                    && st.word_counts.get(words[at])
                                        <= st.word_counts.get(words[to]))
                        })
                    })
                    .flatten();
                let Some(to) = found else {
                    may_start = NAME_LINKS.contains(&words[from]);
                    from += 1;
                    continue;
                };
                let span = span_of(from, to);
                st.mentions
                    .push(Mention::by_grammar(doc, EntityType::Place, span, si));
                from = to;
            }
        }
        if kind == EntityType::Person && method != Method::Coreference {
            if code.is_none() {
                st.diagnostics.push(Diagnostic {
                    severity: Severity::Info,
                    code: "actors.uncoded-person".into(),
                    message: format!(
                        "`{name}` is not in the dictionaries and no title or apposition codes it"
                    ),
                    span: Some(span_of(gs, ge)),
                });
            }
            self.remember(st, &name, code.clone(), None);
        }
        let span = span_of(start, ge);
        st.mentions.push(Mention {
            kind,
            text: doc.slice(span).to_string(),
            span,
            sentence: si,
            name: Some(name),
            code,
            method,
            place: None,
        });
    }

    /// "Dr. Amal Haddad, director of the town's hospital": an apposition after the name
    /// whose head is an agent noun or title; returns its code (with a country from the
    /// apposition or the article) and whether a role was found.
    fn apposition(
        &self,
        sent: &Sentence,
        words: &[&str],
        gs: usize,
        ge: usize,
        ctx: &ArticleContext,
    ) -> Option<(Option<String>, bool)> {
        // Tokens whose head is in the name with deprel appos.
        let name_ids: Vec<u32> = (gs..ge).map(|i| i as u32 + 1).collect();
        let mut app = None;
        for (k, t) in sent.tokens.iter().enumerate() {
            if t.deprel.as_deref() == Some("appos") && t.head.is_some_and(|h| name_ids.contains(&h))
            {
                app = Some(k);
                break;
            }
        }
        let app = app.or_else(|| {
            (words.get(ge) == Some(&","))
                .then_some(ge + 1)
                .filter(|&k| k < words.len())
        })?;
        // The apposition's words from its start up to the next comma or end.
        let from = (ge..=app).find(|&k| words[k] != ",").unwrap_or(app);
        let to = (from..words.len())
            .find(|&k| words[k] == "," || words[k] == "." || words[k] == ";")
            .unwrap_or(words.len());
        if to - from > 8
            || sent.tokens[from..to]
                .iter()
                .any(|t| matches!(t.upos.as_deref(), Some("VERB" | "AUX")))
        {
            return None;
        }
        let seg = &words[from..to];
        let found = self.matcher.find(self.dict, seg);
        let mut role = None;
        let mut country = None;
        for m in &found {
            for f in &m.forms {
                match f.entry {
                    Entry::Agent(i) if role.is_none() => {
                        role = self.agent(i).map(|a| a.code.clone());
                    }
                    Entry::Country(i) if country.is_none() => {
                        country = self
                            .dict
                            .countries
                            .get(i)
                            .filter(|c| c.kind != FormKind::Metonym && c.kind != FormKind::Capital)
                            .map(|c| c.code.clone());
                    }
                    _ => {}
                }
            }
        }
        let lower: Vec<String> = seg.iter().map(|w| fold(w)).collect();
        let human = role.is_some()
            || lower.iter().take(3).any(|w| {
                w.ends_with("er")
                    || w.ends_with("or")
                    || w.ends_with("ist")
                    || w.ends_with("ent")
                    || w == "head"
                    || w == "chief"
            });
        if !human {
            return None;
        }
        let code = role.as_ref().and_then(|r| {
            country
                .clone()
                .or_else(|| ctx.country.clone())
                .map(|c| format!("{c}{r}"))
        });
        Some((code, role.is_some()))
    }

    /// Pronouns: a subject or possessive he/she/his refers to the subject person of an
    /// ancestor clause in the sentence, else of the nearest earlier sentence with a
    /// person subject (looking back at most three sentences that name no other person);
    /// they/their to a subject organisation or group of the previous sentence.
    fn resolve_pronouns(&self, doc: &Document, st: &mut DocState) {
        let mut added = Vec::new();
        for (si, sent) in doc.sentences.iter().enumerate() {
            for (k, t) in sent.tokens.iter().enumerate() {
                let w = fold(doc.slice(t.span));
                let sg = PRONOUNS_SG.contains(&w.as_str());
                let pl = PRONOUNS_PL.contains(&w.as_str());
                if !(sg || pl) || t.upos.as_deref() != Some("PRON") {
                    continue;
                }
                let rel = t.deprel.as_deref().unwrap_or("");
                if !(rel.starts_with("nsubj") || rel == "nmod:poss") {
                    continue;
                }
                let want = |m: &Mention| {
                    if sg {
                        m.kind == EntityType::Person
                    } else {
                        matches!(m.kind, EntityType::Organisation | EntityType::Group)
                    }
                };
                // Ancestors' subjects in the same sentence.
                let mut ante = None;
                let mut h = t.head.unwrap_or(0);
                let mut guard = 0;
                while h > 0 && guard < 64 {
                    guard += 1;
                    let hi = h as usize - 1;
                    if let Some(m) = subject_mention(sent, hi, k, si, &st.mentions, &want) {
                        ante = Some(m);
                        break;
                    }
                    // A clause with another subject stops the search.
                    let has_subject = sent.tokens.iter().enumerate().any(|(j, x)| {
                        j != k
                            && x.head == Some(h)
                            && x.deprel.as_deref().is_some_and(|d| d.starts_with("nsubj"))
                    });
                    if has_subject {
                        break;
                    }
                    h = sent.tokens.get(hi).and_then(|x| x.head).unwrap_or(0);
                }
                if ante.is_none() && rel.starts_with("nsubj") {
                    let mut back = si;
                    let mut steps = 0;
                    while back > 0 && steps < 4 {
                        back -= 1;
                        steps += 1;
                        let s = &doc.sentences[back];
                        let root = s.tokens.iter().position(|x| x.head == Some(0));
                        if let Some(r) = root
                            && let Some(m) =
                                subject_mention(s, r, usize::MAX, back, &st.mentions, &want)
                        {
                            ante = Some(m);
                            break;
                        }
                        let others = st.mentions.iter().any(|m| m.sentence == back && want(m));
                        if others || !sg {
                            break;
                        }
                    }
                }
                if let Some(m) = ante {
                    let a: &Mention = &st.mentions[m];
                    added.push(Mention {
                        kind: a.kind,
                        text: doc.slice(t.span).to_string(),
                        span: t.span,
                        sentence: si,
                        name: a.name.clone(),
                        code: a.code.clone(),
                        method: Method::Pronoun,
                        place: None,
                    });
                }
            }
            // Pronoun mentions count as subjects for later sentences too.
            st.mentions.append(&mut added);
        }
    }
}

/// The type of an acronym defined in parentheses right after a named mention ("Johnson Space
/// Center (JSC)" is a place), or defined so earlier in the document.
fn defined_acronym(
    sent: &Sentence,
    words: &[&str],
    k: usize,
    st: &mut DocState,
) -> Option<EntityType> {
    let w = words[k];
    if !matcher::is_acronym(w) {
        return None;
    }
    if k >= 2 && words[k - 1] == "(" && words.get(k + 1) == Some(&")") {
        let end = sent.tokens[k - 2].span.end;
        let kind = st
            .mentions
            .iter()
            .rev()
            .find(|m| m.span.end == end && m.method != Method::Pronoun)
            .map(|m| m.kind)?;
        st.acronyms.insert(w.to_string(), kind);
        return Some(kind);
    }
    st.acronyms.get(w).copied()
}

fn ser_day<S: serde::Serializer>(day: &Option<Day>, s: S) -> Result<S::Ok, S::Error> {
    match day {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// The mention (index) that is the nominal subject of token `hi` of `sent`, typed as `want`
/// accepts, and not at token `not`.
fn subject_mention(
    sent: &Sentence,
    hi: usize,
    not: usize,
    si: usize,
    mentions: &[Mention],
    want: &dyn Fn(&Mention) -> bool,
) -> Option<usize> {
    for (j, t) in sent.tokens.iter().enumerate() {
        if j == not || t.head != Some(hi as u32 + 1) {
            continue;
        }
        if !t.deprel.as_deref().unwrap_or("").starts_with("nsubj") {
            continue;
        }
        // The subject word may be the head of a name (its first word) or its last word.
        let found = mentions.iter().enumerate().rev().find(|(_, m)| {
            m.sentence == si && m.span.start <= t.span.start && t.span.end <= m.span.end && want(m)
        });
        if let Some((i, _)) = found {
            return Some(i);
        }
    }
    None
}

fn is_propn(sent: &Sentence, words: &[&str], i: usize) -> bool {
    let w = words[i];
    sent.tokens[i].upos.as_deref() == Some("PROPN")
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_alphabetic)
}

/// True when the gazetteer knows `text` as a place; a single word must name a country, a
/// region or a town of 50,000 people or more (small towns share names with people).
fn known_place(text: &str, single: bool) -> bool {
    let g = Gazetteer::builtin();
    // "Southern Indiana", "Northern California", "East Texas": a compass word before the
    // name of a country or region names a part of it.
    if let Some((first, rest)) = text.split_once(' ')
        && matches!(
            fold(first).as_str(),
            "northern" | "southern" | "eastern" | "western" | "central" | "east" | "west"
        )
        && g.lookup(rest).iter().any(|c| {
            c.kind != crate::places::NameKind::Alternate
                && g.place(c.place)
                    .is_some_and(|p| matches!(p.feature, Feature::Country | Feature::Region))
        })
    {
        return true;
    }
    g.lookup(text).iter().any(|c| {
        g.place(c.place).is_some_and(|p| {
            let big = p.feature.is_area() || p.population >= 50_000;
            (c.kind != crate::places::NameKind::Alternate
                || p.feature.is_area()
                || p.population >= 500_000)
                && (!single || big)
        })
    })
}

/// One sense per document for people's names: a lone grammar-found word typed as an
/// organisation before the person it names was introduced ("Warhol Polaroids" in a headline
/// over a story about Andy Warhol) is that person. Only words that name no known place.
fn retype_surnames(mentions: &mut [Mention]) {
    let surnames: BTreeSet<String> = mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person && m.method != Method::Pronoun)
        .filter_map(|m| {
            let words: Vec<&str> = m.text.split_whitespace().collect();
            (words.len() >= 2).then(|| words.last().map(|w| w.to_string()))?
        })
        .collect();
    for m in mentions.iter_mut() {
        if m.method == Method::Grammar
            && m.kind == EntityType::Organisation
            && m.code.is_none()
            && surnames.contains(&m.text)
            && !known_place(&m.text, true)
        {
            m.kind = EntityType::Person;
        }
    }
}

/// True when the gazetteer knows `word` by its name as a country or a first-level region.
fn major_area(word: &str) -> bool {
    let g = Gazetteer::builtin();
    g.lookup(word).iter().any(|c| {
        c.kind != crate::places::NameKind::Alternate
            && g.place(c.place)
                .is_some_and(|p| matches!(p.feature, Feature::Country | Feature::Region))
    })
}

/// True when the gazetteer knows `text` by its main name as a first-level region or a town
/// of 100,000 people or more ("New Mexico", "South Australia", "Hong Kong Island").
fn subnational_name(text: &str) -> bool {
    let g = Gazetteer::builtin();
    g.lookup(text).iter().any(|c| {
        c.kind == crate::places::NameKind::Primary
            && g.place(c.place).is_some_and(|p| {
                p.feature == Feature::Region
                    || (matches!(p.feature, Feature::City | Feature::Capital)
                        && p.population >= 100_000)
            })
    })
}

/// True when the gazetteer knows `word` by its name as a country, a region or a city of
/// 500,000 people or more ("Toronto", "Ontario"; not "Regina", a given name too).
fn major_place(word: &str) -> bool {
    let g = Gazetteer::builtin();
    g.lookup(word).iter().any(|c| {
        c.kind != crate::places::NameKind::Alternate
            && g.place(c.place)
                .is_some_and(|p| p.feature.is_area() || p.population >= 500_000)
    })
}

/// True for a word that makes a name an organisation or a facility ("University", "Party").
fn institution_word(w: &str) -> bool {
    let f = fold(w);
    ORG_WORDS.contains(&f.as_str()) || FACILITY_WORDS.contains(&f.as_str())
}

/// True when token `k` is the active subject of a verb or of a predicate adjective ("Russia
/// and China have been reluctant"), not of a predicate noun, or conjoined to one.
fn acts_as_subject(sent: &Sentence, k: usize) -> bool {
    let subject = |t: &tacitus_model::Token| {
        t.deprel.as_deref() == Some("nsubj")
            && t.head
                .and_then(|h| (h as usize).checked_sub(1))
                .and_then(|h| sent.tokens.get(h))
                .is_some_and(|h| matches!(h.upos.as_deref(), Some("VERB" | "ADJ")))
    };
    let Some(t) = sent.tokens.get(k) else {
        return false;
    };
    subject(t)
        || (t.deprel.as_deref() == Some("conj")
            && t.head
                .and_then(|h| (h as usize).checked_sub(1))
                .and_then(|h| sent.tokens.get(h))
                .is_some_and(subject))
}

/// Verbs of play: their subject and object are teams.
const PLAY_VERBS: &[&str] = &[
    "beat",
    "defeat",
    "draw",
    "face",
    "play",
    "thrash",
    "edge",
    "eliminate",
    "outplay",
    "tie",
    "score",
    "qualify",
    "concede",
];

/// True when token `k` is the subject or object of a verb of play ("Sweden beat England").
fn plays(sent: &Sentence, k: usize) -> bool {
    let Some(t) = sent.tokens.get(k) else {
        return false;
    };
    matches!(t.deprel.as_deref(), Some("nsubj" | "obj"))
        && t.head
            .and_then(|h| (h as usize).checked_sub(1))
            .and_then(|h| sent.tokens.get(h))
            .and_then(|h| h.lemma.as_deref())
            .is_some_and(|l| PLAY_VERBS.contains(&l))
}

/// True when token `k` is the subject of a verb of saying ("said", "told", "added").
fn speaker(sent: &Sentence, k: usize) -> bool {
    let Some(t) = sent.tokens.get(k) else {
        return false;
    };
    if t.deprel.as_deref() != Some("nsubj") {
        return false;
    }
    t.head
        .and_then(|h| (h as usize).checked_sub(1))
        .and_then(|h| sent.tokens.get(h))
        .and_then(|h| h.lemma.as_deref())
        .is_some_and(|l| {
            matches!(
                l,
                "say" | "tell" | "add" | "explain" | "ask" | "reply" | "write" | "recall" | "claim"
            )
        })
}

fn first_word(words: &[&str]) -> usize {
    words
        .iter()
        .position(|w| w.chars().any(char::is_alphanumeric))
        .unwrap_or(0)
}

fn is_sentence_start(words: &[&str], i: usize) -> bool {
    i <= first_word(words) || (i > 0 && matches!(words[i - 1], "\"" | "“" | "'" | ":" | "(" | "‘"))
}

fn country_name(dict: &Dictionaries, code: &str) -> Option<String> {
    dict.countries
        .iter()
        .find(|c| c.code == code && c.kind == FormKind::Name)
        .map(|c| c.form.clone())
}

fn domain_country(s: &str) -> Option<&'static str> {
    let s = s.trim().to_ascii_lowercase();
    let host = s
        .split("://")
        .nth(1)
        .unwrap_or(&s)
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("");
    if !host.contains('.') {
        return None;
    }
    let tld = host.rsplit('.').next()?;
    DOMAINS.iter().find(|(d, _)| *d == tld).map(|(_, c)| *c)
}

fn zone_country(doc: &Document) -> Option<&'static str> {
    let by_abbr = |z: &str| ZONES.iter().find(|(a, _)| *a == z).map(|(_, c)| *c);
    if let Some(z) = doc.meta.published.as_ref().and_then(|p| p.zone.as_deref())
        && let Some(c) = by_abbr(z)
    {
        return Some(c);
    }
    for s in doc
        .sentences
        .iter()
        .filter(|s| s.kind == BlockKind::Dateline)
    {
        for t in &s.tokens {
            if let Some(c) = by_abbr(doc.slice(t.span)) {
                return Some(c);
            }
        }
    }
    None
}

/// Resolves place mentions with the gazetteer (one document, one sense per name).
fn resolve_places(g: &Gazetteer, doc: &Document, mentions: &mut [Mention]) {
    let idx: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].kind == EntityType::Place)
        .collect();
    let spans: Vec<(usize, usize)> = idx
        .iter()
        .map(|&i| (mentions[i].span.start, mentions[i].span.end))
        .collect();
    let resolved = crate::places::Resolver::new(g).resolve(&doc.text, &spans);
    for (i, r) in idx.into_iter().zip(resolved) {
        if let Ok(r) = r {
            mentions[i].place = Some(PlaceRef {
                name: r.name().to_string(),
                country: r.country().to_string(),
                lat: r.lat(),
                lon: r.lon(),
            });
        }
    }
}
