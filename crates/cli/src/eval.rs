//! `tacitus eval`: scores against gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;
use tacitus_text::eval::{boundaries, extraction};
use tacitus_text::sentences::Segmenter;

/// What to score.
#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Sentence and token boundaries against CoNLL-U gold, beside the Unicode UAX-29 baseline.
    Segment {
        /// Gold CoNLL-U files or directories of them (each scored on its own).
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// Also list examples of missed and false boundaries.
        #[arg(long)]
        verbose: bool,
    },
    /// Main-text extraction on the article-extraction benchmark (181 news pages), beside the
    /// stored outputs of other extractors, scored by the same code.
    Extract {
        /// The benchmark folder (html/, ground-truth.json, output/).
        #[arg(long, default_value = "../shared/data/article-extraction")]
        dir: PathBuf,
        /// Shingle tokens as whitespace-separated words instead of word characters.
        #[arg(long)]
        whitespace: bool,
    },
    /// Tagging, lemmas and dependency parsing against gold CoNLL-U (UPOS, XPOS, lemma, UAS,
    /// LAS, speed); with `--raw`, from the gold text through our own segmenter and tokenizer.
    Parse(crate::grammar::EvalParseArgs),
    /// Person, organisation and place mentions against GUM's gold entities: precision, recall
    /// and F1 per type, exact and overlapping spans.
    Entities(crate::entities::EvalEntitiesArgs),
    /// Coded events against hand-coded gold (root; source country, root, target country; full
    /// codes) and against PLOVER's gold records (type, source and target country).
    Events(crate::code::EvalEventsArgs),
    /// Quotations against PolNeAR's gold attributions: content spans (exact and overlap
    /// P/R/F1) and speaker accuracy, for direct quotations and for all attributions.
    Quotes(crate::quotes::EvalQuotesArgs),
}

/// Runs `tacitus eval`.
pub fn run(cmd: &EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Segment { gold, verbose } => {
            let segmenter = Segmenter::default();
            for path in gold {
                let report = boundaries::evaluate_path(path, &segmenter)
                    .with_context(|| format!("scoring {}", path.display()))?;
                println!("# {}", path.display());
                if *verbose {
                    println!("{report:#}");
                } else {
                    println!("{report}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Entities(args) => crate::entities::eval(args),
        EvalCommand::Events(args) => crate::code::eval(args),
        EvalCommand::Quotes(args) => crate::quotes::eval(args),
        EvalCommand::Parse(args) => crate::grammar::eval_parse(args).map(|()| ExitCode::SUCCESS),
        EvalCommand::Extract { dir, whitespace } => {
            let tokens = if *whitespace {
                extraction::Tokens::Whitespace
            } else {
                extraction::Tokens::Word
            };
            let report = extraction::evaluate_with(dir, tokens)
                .with_context(|| format!("scoring {}", dir.display()))?;
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
