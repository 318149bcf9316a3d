//! `tacitus code`: events coded in CAMEO and PLOVER, one JSON object per event (the contract in
//! docs/events.md) or a table; `tacitus eval events`: scores against hand-coded gold and
//! PLOVER's gold records; `tacitus bench code`: sentences per second from raw text to events.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use tacitus_model::{Document, Event};

use crate::pipeline::{Pipeline, dictionaries};

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
    /// Dictionaries and patterns.
    #[command(flatten)]
    pub analysis: crate::pipeline::DataArgs,
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

/// GDELT rows of one document's events, written by the store's GDELT export (one event, one
/// article: NumMentions, NumSources and NumArticles are 1; the store counts copies). The time
/// fields are the article's publication time (not the time of the run), so the same input
/// gives the same bytes.
fn write_gdelt(
    out: &mut dyn Write,
    doc: &Document,
    events: &[Event],
    table_events: bool,
) -> io::Result<()> {
    use tacitus_store::export::{gdelt_event_row, gdelt_mention_row, gdelt_time};
    use tacitus_store::query::{EventRow, MentionView};
    let published = doc.meta.published.as_ref().map(|i| i.rfc3339());
    let source_name = tacitus_store::source_name(&doc.meta);
    for (k, e) in events.iter().enumerate() {
        // GLOBALEVENTID: the first 15 hex digits of the stable event id, as a number.
        let id = i64::from_str_radix(e.id.get(..15).unwrap_or("0"), 16).unwrap_or(0);
        let fields: Vec<String> = if table_events {
            gdelt_event_row(&EventRow {
                id,
                story: 0,
                num_mentions: 1,
                num_sources: 1,
                num_articles: 1,
                url: doc.meta.url.clone(),
                source_name: source_name.clone(),
                published: published.clone(),
                event: e.clone(),
            })
        } else {
            let view = MentionView {
                event: id,
                mention: k as i64,
                record: e.clone(),
                url: doc.meta.url.clone(),
                source_name: source_name.clone(),
                published: published.clone(),
                doc: doc.id.clone(),
                doc_len: doc.text.len() as i64,
            };
            gdelt_mention_row(&view, &gdelt_time(published.as_deref())).to_vec()
        };
        writeln!(out, "{}", fields.join("\t"))?;
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
    let (dict, dict_version) = args.analysis.dictionaries()?;
    let pipeline = Pipeline::new(&dict, dict_version, args.analysis.patterns.as_deref())?;
    crate::read::each_document(&args.input, |out, mut doc| {
        let events = pipeline.events(&mut doc);
        match format {
            CodeFormat::Jsonl => events.iter().try_for_each(|e| {
                serde_json::to_writer(&mut *out, e)?;
                writeln!(out)
            }),
            CodeFormat::Table => write_table(out, &doc, &events),
            CodeFormat::Gdelt | CodeFormat::GdeltMentions => {
                write_gdelt(out, &doc, &events, format == CodeFormat::Gdelt)
            }
        }
    })
}

/// Runs `tacitus eval events`.
pub fn eval(args: &EvalEventsArgs) -> Result<ExitCode> {
    if args.gold.is_none() && args.plover.is_none() {
        anyhow::bail!("give --gold FILE.jsonl, --plover FILE, or both");
    }
    let (dict, dict_version) = dictionaries(None)?;
    let pipeline = Pipeline::new(&dict, dict_version, args.patterns.as_deref())?;
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
            let events = pipeline.events(doc);
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
            pipeline.events(&mut doc)
        };
        let roles = tacitus_events::coder::AgentRoles::new(&dict);
        let report = tacitus_events::eval::score_plover(&records, &roles, &mut code);
        println!("# {}", path.display());
        if args.verbose {
            println!("{report:#}");
        } else {
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
