//! `tacitus code`: events coded in CAMEO and PLOVER, one JSON object per event (the contract in
//! docs/events.md) or a table; `tacitus eval events`: scores against hand-coded gold and
//! PLOVER's gold records; `tacitus bench code`: sentences per second from raw text to events.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::dict::Dictionaries;
use tacitus_annotate::places::Gazetteer;
use tacitus_events::Coder;
use tacitus_events::coder::AgentRoles;
use tacitus_model::{Document, Event};

/// Output formats of `tacitus code`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CodeFormat {
    /// One JSON object per event, one per line (the default when output is a pipe).
    Jsonl,
    /// A readable table (the default on a terminal).
    Table,
    /// GDELT 2.0 Events rows (61 tab-separated columns, no header).
    Gdelt,
    /// GDELT 2.0 Mentions rows (16 tab-separated columns, no header).
    GdeltMentions,
}

/// Arguments of `tacitus code`.
#[derive(Args, Debug, Clone)]
pub struct CodeArgs {
    /// The articles to read.
    #[command(flatten)]
    pub input: crate::read::InputArgs,
    /// Output format (default: jsonl when output is a pipe, table on a terminal).
    #[arg(long, value_enum)]
    pub format: Option<CodeFormat>,
    /// Read the event patterns from this directory (laid out like the repository's
    /// `data/events/`: `synsets.txt`, `patterns/*.txt`) instead of the built-in ones.
    #[arg(long)]
    pub patterns: Option<PathBuf>,
}

/// Arguments of `tacitus eval events`.
#[derive(Args, Debug, Clone)]
pub struct EvalEventsArgs {
    /// Hand-coded gold in the coding guide's JSON Lines format.
    #[arg(long)]
    pub gold: Option<PathBuf>,
    /// The articles the gold codes (each gold document is found by its sentences' text).
    #[arg(long, default_value = "../shared/examples")]
    pub articles: Vec<String>,
    /// PLOVER's gold records (a JSON array, as PLOVER_GSR_CAMEO.txt).
    #[arg(long)]
    pub plover: Option<PathBuf>,
    /// Also list the PLOVER records not coded exactly, with what was coded.
    #[arg(long)]
    pub verbose: bool,
    /// Read the event patterns from this directory instead of the built-in ones.
    #[arg(long)]
    pub patterns: Option<PathBuf>,
}

/// The whole pipeline from a read document to events, built once.
pub struct Pipeline {
    grammar: &'static tacitus_nlp::Grammar,
    recognizer: Recognizer<'static>,
    gazetteer: &'static Gazetteer,
    coder: Coder<'static>,
}

/// The role nouns of the built-in dictionaries, built once for the process.
fn builtin_agents() -> Result<&'static AgentRoles> {
    static AGENTS: OnceLock<AgentRoles> = OnceLock::new();
    let dict = builtin_dictionaries()?;
    Ok(AGENTS.get_or_init(|| AgentRoles::new(dict)))
}

/// The built-in dictionaries, parsed once for the process.
fn builtin_dictionaries() -> Result<&'static Dictionaries> {
    static DICT: OnceLock<Result<Dictionaries, String>> = OnceLock::new();
    DICT.get_or_init(|| tacitus_annotate::dict::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| anyhow::anyhow!("parsing the built-in dictionaries: {e}"))
}

impl Pipeline {
    /// Loads the grammar, dictionaries, gazetteer, codebooks and patterns (the built-in
    /// patterns, or those of `patterns`, a directory like `data/events/`).
    pub fn load(patterns: Option<&std::path::Path>) -> Result<Pipeline> {
        let coder = match patterns {
            None => Coder::builtin().context("loading the event patterns")?,
            Some(dir) => {
                let book = tacitus_events::Codebook::builtin();
                let set = tacitus_events::PatternSet::from_dir(dir, book)
                    .with_context(|| format!("reading the event patterns of {}", dir.display()))?;
                // Loaded once per process and kept for its whole life, like the built-in set.
                Coder::new(book, Box::leak(Box::new(set)))
            }
        };
        Ok(Pipeline {
            grammar: tacitus_nlp::Grammar::embedded().context("loading the grammar")?,
            recognizer: Recognizer::new(builtin_dictionaries()?),
            gazetteer: Gazetteer::builtin(),
            coder: coder.with_agents(builtin_agents()?),
        })
    }

    /// Parses, recognises actors and codes one document.
    pub fn code(&self, doc: &mut Document) -> Vec<Event> {
        self.grammar.annotate(doc);
        let actors = self.recognizer.recognize(doc, Some(self.gazetteer));
        self.coder.code(doc, &actors)
    }
}

fn write_table(out: &mut dyn Write, doc: &Document, events: &[Event]) -> io::Result<()> {
    writeln!(out, "# {}  {} events", doc.id, events.len())?;
    let actor = |a: &Option<tacitus_model::event::ActorRef>| match a {
        Some(a) => format!("{} ({})", a.code.as_deref().unwrap_or("?"), a.text),
        None => "-".to_string(),
    };
    for e in events {
        writeln!(
            out,
            "{:>3} {:<10} {:<5} {:<16} {:<40} {:<40} {:<10} {}",
            e.sentence.index,
            e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
            e.cameo,
            e.plover.kind,
            actor(&e.source),
            actor(&e.target),
            e.modality.as_str(),
            e.trigger.text,
        )?;
    }
    Ok(())
}

/// GDELT rows of one document's events. DATEADDED is the article's publication time (not the
/// time of the run), so the same input gives the same bytes.
fn write_gdelt(
    out: &mut dyn Write,
    doc: &Document,
    events: &[Event],
    tone: f64,
    table_events: bool,
) -> io::Result<()> {
    use tacitus_events::gdelt;
    use tacitus_model::BlockKind;
    let added = doc
        .meta
        .published
        .as_ref()
        .map(|i| i.utc.strftime("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default();
    let url = doc.meta.url.clone().unwrap_or_else(|| doc.id.clone());
    let lead = doc
        .sentences
        .iter()
        .find(|s| s.kind == BlockKind::Body)
        .map(|s| s.paragraph);
    for e in events {
        let ctx = gdelt::RowContext {
            is_root: doc.sentences.get(e.sentence.index).map(|s| s.paragraph) == lead,
            counts: (1, 1, 1),
            tone,
            date_added: &added,
            source_url: &url,
        };
        let row = if table_events {
            gdelt::event_row(e, &ctx)
        } else {
            gdelt::mention_row(e, &ctx, doc.text.len())
        };
        writeln!(out, "{row}")?;
    }
    Ok(())
}

/// Runs `tacitus code`.
pub fn run(args: &CodeArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        CodeFormat::Table
    } else {
        CodeFormat::Jsonl
    });
    let pipeline = Pipeline::load(args.patterns.as_deref())?;
    let facts = tacitus_quotes::facts::FactFinder::builtin().context("loading the tone lexicon")?;
    crate::read::each_document(&args.input, |out, mut doc| {
        let events = pipeline.code(&mut doc);
        match format {
            CodeFormat::Jsonl => events.iter().try_for_each(|e| {
                serde_json::to_writer(&mut *out, e)?;
                writeln!(out)
            }),
            CodeFormat::Table => write_table(out, &doc, &events),
            CodeFormat::Gdelt | CodeFormat::GdeltMentions => {
                // AvgTone and MentionDocTone: GDELT's tone (positive minus negative words, in
                // percent), from the facts stage's lexicon.
                let tone = facts.tone(&doc).tone;
                write_gdelt(out, &doc, &events, tone, format == CodeFormat::Gdelt)
            }
        }
    })
}

/// Runs `tacitus eval events`.
pub fn eval(args: &EvalEventsArgs) -> Result<ExitCode> {
    if args.gold.is_none() && args.plover.is_none() {
        anyhow::bail!("give --gold FILE.jsonl, --plover FILE, or both");
    }
    let pipeline = Pipeline::load(args.patterns.as_deref())?;
    if let Some(gold_path) = &args.gold {
        let gold = tacitus_events::eval::read_gold(gold_path)?;
        // Read the articles and find, for each gold document, the one holding its sentences.
        let mut docs: Vec<Document> = Vec::new();
        let reader = tacitus_text::read::Reader::default();
        reader.read_paths(&args.articles, &mut |r| {
            if let Ok(d) = r {
                docs.push(d);
            }
        });
        let mut ids: Vec<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
        ids.dedup();
        for id in ids {
            let sents: Vec<_> = gold.iter().filter(|g| g.doc == id).cloned().collect();
            let probe = sents
                .iter()
                .map(|s| s.text.trim())
                .find(|t| t.len() > 40)
                .unwrap_or_default();
            let Some(doc) = docs
                .iter_mut()
                .find(|d| d.id == id || (!probe.is_empty() && d.text.contains(probe)))
            else {
                anyhow::bail!(
                    "no article among {:?} holds gold document {id:?}",
                    args.articles
                );
            };
            let events = pipeline.code(doc);
            let report = tacitus_events::eval::score_gold(&sents, &doc.text, &events);
            println!(
                "# {} (gold document {id:?}, article {})",
                gold_path.display(),
                doc.id
            );
            println!("{report}");
        }
    }
    if let Some(path) = &args.plover {
        let records = tacitus_events::eval::read_plover(path)?;
        let mut code = |text: &str| {
            let mut doc = tacitus_text::news::read_text("plover", text);
            doc.id = "plover".into();
            tacitus_text::segment(&mut doc);
            pipeline.code(&mut doc)
        };
        let report = tacitus_events::eval::score_plover(&records, &mut code);
        println!("# {}", path.display());
        if args.verbose {
            println!("{report:#}");
        } else {
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
