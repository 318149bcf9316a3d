//! `tacitus entities`: the actors and places of articles (people, organisations, groups,
//! places) with their CAMEO codes at the article's date, as JSON Lines or a table; and
//! `tacitus eval entities`: named-entity figures on GUM news.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use tacitus_annotate::actors::{DocumentActors, Mention, PlaceRef, Recognizer};
use tacitus_annotate::places::Gazetteer;

use crate::read::OutputFormat;

/// Arguments of `tacitus entities`.
#[derive(Args, Debug, Clone)]
pub struct EntitiesArgs {
    /// The articles to read.
    #[command(flatten)]
    pub input: crate::read::InputArgs,
    /// Output format (default: json when output is a pipe, table on a terminal).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Read the actor dictionaries from this directory (laid out like the repository's
    /// `data/`) instead of the built-in ones.
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// Arguments of `tacitus eval entities`.
#[derive(Args, Debug, Clone)]
pub struct EvalEntitiesArgs {
    /// The GUM news directory (CoNLL-U files with `Entity=` annotations).
    #[arg(long, default_value = "../shared/data/gum-news")]
    pub gold: PathBuf,
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
    name: Option<&'a str>,
    code: Option<&'a str>,
    method: &'static str,
    place: Option<&'a PlaceRef>,
}

fn line<'a>(doc: &'a str, m: &'a Mention) -> Line<'a> {
    Line {
        doc,
        kind: m.kind.as_str(),
        text: &m.text,
        start: m.span.start,
        end: m.span.end,
        sentence: m.sentence,
        name: m.name.as_deref(),
        code: m.code.as_deref(),
        method: m.method.as_str(),
        place: m.place.as_ref(),
    }
}

fn write_table(out: &mut dyn Write, doc: &str, actors: &DocumentActors) -> io::Result<()> {
    let c = &actors.context;
    writeln!(
        out,
        "# {doc}  day {}  country {} ({})",
        c.day.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        c.country.as_deref().unwrap_or("-"),
        c.country_method
            .map(|m| format!("{m:?}").to_lowercase())
            .unwrap_or_else(|| "-".into())
    )?;
    for m in &actors.mentions {
        let place = m
            .place
            .as_ref()
            .map(|p| format!("{} {} {:.2},{:.2}", p.name, p.country, p.lat, p.lon))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>4} {:<12} {:<10} {:<12} {:<36} {:<28} {}",
            m.sentence,
            m.kind.as_str(),
            m.code.as_deref().unwrap_or("-"),
            m.method.as_str(),
            m.text,
            m.name.as_deref().unwrap_or("-"),
            place
        )?;
    }
    for d in &actors.diagnostics {
        writeln!(out, "  {}: {}", d.code, d.message)?;
    }
    Ok(())
}

/// Runs `tacitus entities`.
pub fn run(args: &EntitiesArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Json
    });
    let dict = match &args.data {
        Some(dir) => tacitus_annotate::dict::Dictionaries::from_dir(dir)
            .with_context(|| format!("reading dictionaries from {}", dir.display()))?,
        None => tacitus_annotate::dict::builtin().context("parsing the built-in dictionaries")?,
    };
    let recognizer = Recognizer::new(&dict);
    let grammar = tacitus_nlp::Grammar::embedded().context("loading the grammar")?;
    let gazetteer = Gazetteer::builtin();
    crate::read::each_document(&args.input, |out, mut doc| {
        grammar.annotate(&mut doc);
        let actors = recognizer.recognize(&doc, Some(gazetteer));
        if format == OutputFormat::Json {
            for d in actors
                .diagnostics
                .iter()
                .filter(|d| d.severity >= tacitus_model::Severity::Warning)
            {
                eprintln!("tacitus: {}: {}: {}", doc.id, d.code, d.message);
            }
        }
        match format {
            OutputFormat::Json => actors.mentions.iter().try_for_each(|m| {
                serde_json::to_writer(&mut *out, &line(&doc.id, m))?;
                writeln!(out)
            }),
            OutputFormat::Table => write_table(out, &doc.id, &actors),
        }
    })
}

/// Runs `tacitus eval entities`: precision, recall and F1 per type on GUM news.
pub fn eval(args: &EvalEntitiesArgs) -> Result<ExitCode> {
    let dict = tacitus_annotate::dict::builtin().context("parsing the built-in dictionaries")?;
    let recognizer = Recognizer::new(&dict);
    let grammar = tacitus_nlp::Grammar::embedded().context("loading the grammar")?;
    let report =
        tacitus_annotate::actors::eval::evaluate(&recognizer, &args.gold, &|d| grammar.annotate(d))
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("scoring {}", args.gold.display()))?;
    println!("{report}");
    Ok(ExitCode::SUCCESS)
}
