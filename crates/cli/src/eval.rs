//! `tacitus eval`: scores against gold data.

use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

/// What to score.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Sentence boundaries against CoNLL-U gold (a file or a directory of them).
    Segment {
        /// Gold CoNLL-U file or directory.
        #[arg(long)]
        gold: Vec<String>,
    },
}

/// Runs `tacitus eval`.
pub fn run(cmd: &EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Segment { gold } => anyhow::bail!("not wired yet: {gold:?}"),
    }
}
