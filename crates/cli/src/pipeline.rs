//! The analysis `tacitus ingest` and `tacitus recode` store for each document: the grammar,
//! the actor and place recognizer, and (at merge) the event coder and quotation extractor.
//! It implements the store's [`Analyzer`] contract; the store never knows how it is made.

use anyhow::{Context, Result};
use tacitus_annotate::actors::{Mention, Recognizer};
use tacitus_annotate::dict::Dictionaries;
use tacitus_annotate::places::Gazetteer;
use tacitus_model::Document;
use tacitus_nlp::Grammar;
use tacitus_store::{Analysis, Analyzer, MentionRow, RunVersions};

/// The whole analysis of a document, built once and shared by the ingest workers.
pub struct Pipeline<'d> {
    grammar: &'static Grammar,
    recognizer: Recognizer<'d>,
    gazetteer: &'static Gazetteer,
    versions: RunVersions,
}

/// The actor dictionaries: the built-in ones, or those of a directory laid out like `data/`.
pub fn dictionaries(dir: Option<&std::path::Path>) -> Result<(Dictionaries, String)> {
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

impl<'d> Pipeline<'d> {
    /// Loads the grammar and builds the recognizer over `dict` (`dict_version` names it).
    pub fn new(dict: &'d Dictionaries, dict_version: String) -> Result<Pipeline<'d>> {
        let grammar = Grammar::embedded().context("loading the grammar")?;
        Ok(Pipeline {
            grammar,
            recognizer: Recognizer::new(dict),
            gazetteer: Gazetteer::builtin(),
            versions: RunVersions {
                binary: env!("CARGO_PKG_VERSION").to_string(),
                model: tacitus_model::MODEL_VERSION.to_string(),
                grammar: format!(
                    "en_ewt format {} features {:016x}",
                    tacitus_nlp::FORMAT_VERSION,
                    tacitus_nlp::config_hash()
                ),
                dictionaries: dict_version,
                // events: issue 5 and quotations: issue 6 name their pattern versions here.
                coder: String::new(),
            },
        })
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

impl Analyzer for Pipeline<'_> {
    fn analyze(&self, doc: &mut Document) -> Analysis {
        self.grammar.annotate(doc);
        let actors = self.recognizer.recognize(doc, Some(self.gazetteer));
        doc.diagnostics.extend(actors.diagnostics.iter().cloned());
        Analysis {
            mentions: actors.mentions.iter().map(mention_row).collect(),
            // events: issue 5 — the event coder's `Vec<tacitus_model::Event>` goes here.
            events: Vec::new(),
            // quotations: issue 6 — the quotation extractor's rows go here.
            quotations: Vec::new(),
            facts: serde_json::json!({ "context": actors.context }),
        }
    }

    fn versions(&self) -> RunVersions {
        self.versions.clone()
    }
}
