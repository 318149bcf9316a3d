//! `tacitus facts`: the facts of each article (people, organisations, groups, places, counts,
//! themes, tone, the number of quotations) as JSON Lines, a table or GKG 2.1 rows.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde::Serialize;
use tacitus_quotes::facts::{Entity, Facts};
use tacitus_quotes::{find_quotations, gkg};

use crate::quotes::cell;

/// How to print facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FactsFormat {
    /// One JSON object per article (the default when output is a pipe).
    Json,
    /// A readable view (the default on a terminal).
    Table,
    /// One GDELT GKG 2.1 row per article (27 tab-separated columns, no header).
    Gkg,
}

/// Arguments of `tacitus facts`.
#[derive(Args, Debug, Clone)]
pub struct FactsArgs {
    /// The articles to read.
    #[command(flatten)]
    pub input: crate::read::InputArgs,
    /// Output format (default: json when output is a pipe, table on a terminal).
    #[arg(long, value_enum)]
    pub format: Option<FactsFormat>,
    /// Read the actor dictionaries from this directory instead of the built-in ones.
    #[arg(long)]
    pub data: Option<PathBuf>,
}

#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
    #[serde(flatten)]
    facts: &'a Facts,
}

fn write_table(out: &mut dyn Write, doc: &str, f: &Facts) -> io::Result<()> {
    writeln!(out, "# {doc}  {} quotations", f.quotations)?;
    let list = |es: &[Entity]| {
        es.iter()
            .map(|e| {
                format!(
                    "{} ({}, {})",
                    e.name,
                    e.code.as_deref().unwrap_or("-"),
                    e.mentions
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    writeln!(out, "people:        {}", list(&f.people))?;
    writeln!(out, "organisations: {}", list(&f.organisations))?;
    writeln!(out, "groups:        {}", list(&f.groups))?;
    writeln!(out, "places:        {}", list(&f.places))?;
    for c in &f.counts {
        writeln!(
            out,
            "count:         {} {}{} {} ({})",
            c.act,
            c.qualifier
                .as_deref()
                .map(|q| format!("{q} "))
                .unwrap_or_default(),
            c.number,
            cell(&c.what, 40),
            c.cue
        )?;
    }
    let themes = f
        .themes
        .iter()
        .map(|t| format!("{} {}", t.theme, t.mentions))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(out, "themes:        {themes}")?;
    let t = &f.tone;
    writeln!(
        out,
        "tone:          {:.2} (positive {:.2}%, negative {:.2}%, {} words; VADER compound {:.3})",
        t.tone, t.positive, t.negative, t.words, t.compound
    )
}

/// Runs `tacitus facts`.
pub fn run(args: &FactsArgs) -> Result<ExitCode> {
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        FactsFormat::Table
    } else {
        FactsFormat::Json
    });
    let (dict, dict_version) = crate::pipeline::dictionaries(args.data.as_deref())?;
    let pipeline = crate::pipeline::Pipeline::new(&dict, dict_version, None)?;
    crate::read::each_document(&args.input, |out, mut doc| {
        let actors = pipeline.actors(&mut doc);
        let quotes = find_quotations(&doc, &actors);
        let facts = pipeline.facts().facts(&doc, &actors, &quotes);
        match format {
            FactsFormat::Json => {
                serde_json::to_writer(
                    &mut *out,
                    &Line {
                        doc: &doc.id,
                        facts: &facts,
                    },
                )?;
                writeln!(out)
            }
            FactsFormat::Table => write_table(out, &doc.id, &facts),
            FactsFormat::Gkg => writeln!(out, "{}", gkg::row(&doc, &facts, &quotes)),
        }
    })
}
