//! The `tacitus` command: political event data from news.
//!
//! A thin binary: it parses arguments, wires the library crates together and prints. All the
//! work happens in `tacitus-text` (reading, sentences, tokens) and the crates after it.
//!
//! Exit codes: 0 when every input was read; 1 when some inputs or records could not be read
//! (the others were still processed and printed); 2 for a usage error; 3 when the command
//! itself failed (output could not be written, a gold file could not be read).

mod bench;
mod code;
mod entities;
mod eval;
mod facts;
mod grammar;
mod quotes;
mod read;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// tacitus turns news reports into structured, traceable records of political events.
#[derive(Parser, Debug)]
#[command(name = "tacitus", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read articles (text, HTML, JSON Lines, RSS/Atom, WARC; gzip too) and print them as
    /// documents with paragraphs, sentences and tokens.
    Read(read::ReadArgs),
    /// Read articles and print them as CoNLL-U with part-of-speech tags, lemmas and
    /// dependency trees.
    Parse(grammar::ParseArgs),
    /// Print the actors and places each article names, with their CAMEO actor codes at the
    /// article's date and, for places, coordinates.
    Entities(entities::EntitiesArgs),
    /// Code the events of articles in CAMEO and PLOVER: who did what to whom, when and
    /// where, each traced to its sentence.
    Code(code::CodeArgs),
    /// Print the quotations of each article (direct, partial, caption, indirect) with their
    /// speakers resolved to names and CAMEO actor codes.
    Quotes(quotes::QuotesArgs),
    /// Print the facts of each article: people, organisations, groups and places, counts
    /// (killed, wounded, arrested, expelled ...), themes and tone; also as GKG 2.1 rows.
    Facts(facts::FactsArgs),
    /// Train a model from data.
    #[command(subcommand)]
    Train(TrainCommand),
    /// Score a stage against gold data.
    #[command(subcommand)]
    Eval(eval::EvalCommand),
    /// Measure speed.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
}

#[derive(Subcommand, Debug)]
enum TrainCommand {
    /// The tagger, lemmatizer and dependency parser, from CoNLL-U treebanks.
    Grammar(grammar::TrainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Read(args) => read::run(args),
        Command::Parse(args) => grammar::parse(args).map(|all_read| {
            if all_read {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }),
        Command::Train(TrainCommand::Grammar(args)) => {
            grammar::train(args).map(|()| ExitCode::SUCCESS)
        }
        Command::Entities(args) => entities::run(args),
        Command::Code(args) => code::run(args),
        Command::Quotes(args) => quotes::run(args),
        Command::Facts(args) => facts::run(args),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Bench(cmd) => bench::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("tacitus: error: {e:#}");
            ExitCode::from(3)
        }
    }
}

/// True when the error is a closed stdout (`tacitus read ... | head`): not a failure.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
