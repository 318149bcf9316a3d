//! `tacitus quotes`: the quotations of articles with their speakers, as JSON Lines or a
//! table; and `tacitus eval quotes`: content spans and speakers on PolNeAR.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use serde::Serialize;
use tacitus_model::Span;
use tacitus_quotes::{Quotation, find_quotations};

use crate::read::OutputFormat;

/// Arguments of `tacitus quotes`.
#[derive(Args, Debug, Clone)]
pub struct QuotesArgs {
    /// The articles to read.
    #[command(flatten)]
    pub input: crate::read::InputArgs,
    /// Output format (default: json when output is a pipe, table on a terminal).
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// Read the actor dictionaries from this directory instead of the built-in ones.
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// Arguments of `tacitus eval quotes`.
#[derive(Args, Debug, Clone)]
pub struct EvalQuotesArgs {
    /// A PolNeAR split: the folder holding `text/` and `attributions/`.
    #[arg(long, default_value = "../shared/data/polnear/dev")]
    pub polnear: PathBuf,
    /// Also list the errors of the direct row (missed, spurious, other spans, wrong speakers)
    /// and the attributions of the all row no quotation overlaps.
    #[arg(long)]
    pub verbose: bool,
}

/// The speaker as printed: the contract of `docs/quotes.md`.
#[derive(Serialize)]
struct SpeakerLine<'a> {
    text: &'a str,
    name: Option<&'a str>,
    code: Option<&'a str>,
    role: Option<&'a str>,
    start: usize,
    end: usize,
    method: tacitus_quotes::speakers::SpeakerMethod,
}

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
    text: &'a str,
    start: usize,
    end: usize,
    direct: bool,
    kind: &'static str,
    speaker: Option<SpeakerLine<'a>>,
    cue: Option<&'a str>,
    cue_span: Option<Span>,
    attribution: tacitus_quotes::Attribution,
    sentences: [usize; 2],
    closed: bool,
}

fn line<'a>(doc: &'a str, q: &'a Quotation) -> Line<'a> {
    Line {
        doc,
        text: &q.text,
        start: q.start,
        end: q.end,
        direct: q.direct,
        kind: q.kind.as_str(),
        speaker: q.speaker.as_ref().map(|s| SpeakerLine {
            text: &s.text,
            name: s.name.as_deref(),
            code: s.code.as_deref(),
            role: s.role.as_deref(),
            start: s.start,
            end: s.end,
            method: s.method,
        }),
        cue: q.cue.as_deref(),
        cue_span: q.cue_span,
        attribution: q.attribution,
        sentences: [q.first_sentence, q.last_sentence],
        closed: q.closed,
    }
}

/// Shortens text for a table cell, on a character boundary, on one line.
pub fn cell(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let mut out: String = one.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn write_table(out: &mut dyn Write, doc: &str, quotes: &[Quotation]) -> io::Result<()> {
    writeln!(out, "# {doc}  {} quotations", quotes.len())?;
    for q in quotes {
        let (who, code) = match &q.speaker {
            Some(s) => (
                match s.name.as_deref() {
                    Some(n) if n != s.text => format!("{n} [{}]", s.text),
                    _ => s.text.clone(),
                },
                s.code.as_deref().unwrap_or("-"),
            ),
            None => ("-".to_string(), "-"),
        };
        writeln!(
            out,
            "{:>4} {:<8} {:<36} {:<8} {:<10} {}",
            q.first_sentence,
            q.kind.as_str(),
            cell(&who, 36),
            code,
            cell(q.cue.as_deref().unwrap_or("-"), 10),
            cell(&q.text, 70)
        )?;
    }
    Ok(())
}

/// Runs `tacitus quotes`.
pub fn run(args: &QuotesArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        OutputFormat::Table
    } else {
        OutputFormat::Json
    });
    let (dict, dict_version) = crate::pipeline::dictionaries(args.data.as_deref())?;
    let pipeline = crate::pipeline::Pipeline::new(&dict, dict_version, None)?;
    crate::read::each_document(&args.input, |out, mut doc| {
        let actors = pipeline.actors(&mut doc);
        let quotes = find_quotations(&doc, &actors);
        match format {
            OutputFormat::Json => quotes.iter().try_for_each(|q| {
                serde_json::to_writer(&mut *out, &line(&doc.id, q))?;
                writeln!(out)
            }),
            OutputFormat::Table => write_table(out, &doc.id, &quotes),
        }
    })
}

/// Runs `tacitus eval quotes`: the PolNeAR table.
pub fn eval(args: &EvalQuotesArgs) -> Result<ExitCode> {
    let (dict, dict_version) = crate::pipeline::dictionaries(None)?;
    let pipeline = crate::pipeline::Pipeline::new(&dict, dict_version, None)?;
    let report = tacitus_quotes::eval::evaluate(&args.polnear, &|doc| pipeline.actors(doc))
        .with_context(|| format!("scoring {}", args.polnear.display()))?;
    if args.verbose {
        print!("{report:#}");
    } else {
        print!("{report}");
    }
    Ok(ExitCode::SUCCESS)
}
