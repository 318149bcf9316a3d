//! The analysis of a document, wired once: grammar, actors and places, quotations, events and
//! facts. `tacitus code`, `eval events` and `bench code` use its events; `tacitus ingest` and
//! `recode` store all of it (it implements the store's [`Analyzer`]; the store never knows how
//! the analysis is made).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use tacitus_annotate::actors::{DocumentActors, Mention, Recognizer};
use tacitus_annotate::dict::Dictionaries;
use tacitus_annotate::places::Gazetteer;
use tacitus_events::coder::AgentRoles;
use tacitus_events::{Codebook, Coder, PatternSet};
use tacitus_model::{Document, Event};
use tacitus_nlp::Grammar;
use tacitus_quotes::{FactFinder, Quotation, find_quotations};
use tacitus_store::{Analysis, Analyzer, MentionRow, QuotationRow, RunVersions, SpeakerRow};

/// The options that choose the data an analysis uses, shared by `code`, `ingest` and
/// `recode`.
#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// Read the actor dictionaries from this directory (laid out like the repository's
    /// `data/`) instead of the built-in ones.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Read the event patterns from this directory (laid out like `data/events/`) instead of
    /// the built-in ones.
    #[arg(long)]
    pub patterns: Option<PathBuf>,
}

impl DataArgs {
    /// The dictionaries these options name, with their version.
    pub fn dictionaries(&self) -> Result<(Dictionaries, String)> {
        dictionaries(self.data.as_deref())
    }
}

/// The whole analysis of a document, built once and shared by the ingest workers.
pub struct Pipeline<'d> {
    grammar: &'static Grammar,
    recognizer: Recognizer<'d>,
    gazetteer: &'static Gazetteer,
    coder: Coder<'d>,
    facts: FactFinder,
    versions: RunVersions,
}

/// The actor dictionaries: the built-in ones, or those of a directory laid out like `data/`.
pub fn dictionaries(dir: Option<&Path>) -> Result<(Dictionaries, String)> {
    match dir {
        Some(dir) => {
            let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap_or_default();
            let dict = Dictionaries::from_dir(dir)
                .with_context(|| format!("reading dictionaries from {}", dir.display()))?;
            Ok((dict, format!("{}:{}", dir.display(), short_hash(&manifest))))
        }
        None => {
            let dict =
                tacitus_annotate::dict::builtin().context("parsing the built-in dictionaries")?;
            let manifests = concat!(
                include_str!("../../../data/MANIFEST.tsv"),
                include_str!("../../../data/places/MANIFEST.tsv")
            );
            Ok((dict, format!("builtin:{}", short_hash(manifests))))
        }
    }
}

/// The first 8 bytes of a SHA-256, in hex.
fn short_hash(s: &str) -> String {
    tacitus_store::text_hash(s)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The event patterns: the built-in ones, or those of a directory laid out like
/// `data/events/`, with the version that names them.
fn patterns(dir: Option<&Path>) -> Result<(&'static PatternSet, String)> {
    match dir {
        None => Ok((
            PatternSet::builtin().context("loading the event patterns")?,
            format!(
                "events builtin:{}",
                tacitus_events::manifest::data_version()
            ),
        )),
        Some(dir) => {
            let set = PatternSet::from_dir(dir, Codebook::builtin())
                .with_context(|| format!("reading the event patterns of {}", dir.display()))?;
            let version = format!("events {}:{} patterns", dir.display(), set.len());
            // Loaded once per process and kept for its whole life, like the built-in set.
            Ok((Box::leak(Box::new(set)), version))
        }
    }
}

impl<'d> Pipeline<'d> {
    /// Loads the grammar, builds the recognizer over `dict` (`dict_version` names it) and the
    /// event coder over the built-in patterns or those of `pattern_dir`.
    pub fn new(
        dict: &'d Dictionaries,
        dict_version: String,
        pattern_dir: Option<&Path>,
    ) -> Result<Pipeline<'d>> {
        let grammar = Grammar::embedded().context("loading the grammar")?;
        let (patterns, coder_version) = patterns(pattern_dir)?;
        // The role nouns live as long as the dictionaries they come from; one pipeline is
        // built per process, so they are kept for its life.
        let agents: &'d AgentRoles = Box::leak(Box::new(AgentRoles::new(dict)));
        Ok(Pipeline {
            grammar,
            recognizer: Recognizer::new(dict),
            gazetteer: Gazetteer::builtin(),
            coder: Coder::new(Codebook::builtin(), patterns).with_agents(agents),
            facts: FactFinder::builtin().context("loading the themes and tone lexicons")?,
            versions: RunVersions {
                binary: env!("CARGO_PKG_VERSION").to_string(),
                model: tacitus_model::MODEL_VERSION.to_string(),
                grammar: format!(
                    "en_ewt format {} features {:016x}",
                    tacitus_nlp::FORMAT_VERSION,
                    tacitus_nlp::config_hash()
                ),
                dictionaries: dict_version,
                coder: coder_version,
            },
        })
    }

    /// Parses a document and recognises its actors.
    pub fn actors(&self, doc: &mut Document) -> DocumentActors {
        self.grammar.annotate(doc);
        self.recognizer.recognize(doc, Some(self.gazetteer))
    }

    /// The facts stage (entities, counts, themes, tone).
    pub fn facts(&self) -> &FactFinder {
        &self.facts
    }

    /// Parses, recognises actors and codes the events of one document.
    pub fn events(&self, doc: &mut Document) -> Vec<Event> {
        let actors = self.actors(doc);
        self.coder.code(doc, &actors)
    }
}

fn mention_row(m: &Mention) -> MentionRow {
    MentionRow {
        kind: m.kind.as_str().to_string(),
        text: m.text.clone(),
        start: m.span.start,
        end: m.span.end,
        sentence: m.sentence,
        name: m.name.clone(),
        code: m.code.clone(),
        method: m.method.as_str().to_string(),
        place: m.place.as_ref().and_then(|p| serde_json::to_value(p).ok()),
    }
}

fn quotation_row(q: &Quotation) -> QuotationRow {
    QuotationRow {
        text: q.text.clone(),
        start: q.start,
        end: q.end,
        direct: q.direct,
        speaker: q.speaker.as_ref().map(|s| SpeakerRow {
            text: s.text.clone(),
            name: s.name.clone(),
            code: s.code.clone(),
            start: s.start,
            end: s.end,
        }),
        cue: q.cue.clone(),
    }
}

impl Analyzer for Pipeline<'_> {
    fn analyze(&self, doc: &mut Document) -> Analysis {
        let actors = self.actors(doc);
        doc.diagnostics.extend(actors.diagnostics.iter().cloned());
        let quotations = find_quotations(doc, &actors);
        let events = self.coder.code_with_quotations(doc, &actors, &quotations);
        let facts = self.facts.facts(doc, &actors, &quotations);
        Analysis {
            mentions: actors.mentions.iter().map(mention_row).collect(),
            events,
            quotations: quotations.iter().map(quotation_row).collect(),
            facts: serde_json::json!({ "context": actors.context, "facts": facts }),
        }
    }

    fn versions(&self) -> RunVersions {
        self.versions.clone()
    }
}
