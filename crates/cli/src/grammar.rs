//! The grammar subcommands: `tacitus train grammar` (train the tagger, lemmatizer and parser
//! from CoNLL-U), `tacitus eval parse` (score them against gold CoNLL-U) and `tacitus parse`
//! (read articles and print them as CoNLL-U with tags, lemmas and dependencies).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use tacitus_model::Document;
use tacitus_model::conllu::ConlluSentence;
use tacitus_nlp::Grammar;
use tacitus_nlp::eval::{Evaluation, RawEvaluation};
use tacitus_nlp::train::TrainConfig;

/// `tacitus train grammar`: train the tagger, lemmatizer and parser.
#[derive(Args, Debug, Clone)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U), e.g. ../shared/data/ud-english-ewt/train.conllu.
    #[arg(long)]
    pub train: PathBuf,
    /// Development treebank (CoNLL-U) for choosing epochs; never the test set.
    #[arg(long)]
    pub dev: PathBuf,
    /// Output: a directory (the model is written there as `en_ewt.grammar`) or a file path.
    #[arg(long)]
    pub out: PathBuf,
    /// Most tagger epochs.
    #[arg(long, default_value_t = TrainConfig::default().tagger_epochs)]
    pub tagger_epochs: usize,
    /// Most parser epochs.
    #[arg(long, default_value_t = TrainConfig::default().parser_epochs)]
    pub parser_epochs: usize,
    /// Folds for the parser's jackknifed training tags (0: no jackknifing).
    #[arg(long, default_value_t = TrainConfig::default().jackknife)]
    pub jackknife: usize,
    /// Seed of every shuffle and random draw.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    pub seed: u64,
}

/// `tacitus eval parse`: score tagging, lemmas and parsing against gold CoNLL-U.
#[derive(Args, Debug, Clone)]
pub struct EvalParseArgs {
    /// Gold CoNLL-U files; scores are summed over them.
    #[arg(long, required = true, num_args = 1..)]
    pub gold: Vec<PathBuf>,
    /// A model file to use instead of the embedded model.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print a row for every file as well as the total.
    #[arg(long)]
    pub per_file: bool,
    /// Start from the gold text: segment and tokenize it with tacitus's own segmenter, then
    /// score F1 over words aligned by character offsets (CoNLL 2018 shared-task style).
    #[arg(long)]
    pub raw: bool,
}

/// `tacitus parse`: read articles and print them as CoNLL-U.
#[derive(Args, Debug, Clone)]
pub struct ParseArgs {
    #[command(flatten)]
    pub input: crate::read::InputArgs,
    /// A model file to use instead of the embedded model.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

fn read_conllu(path: &Path) -> Result<Vec<ConlluSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    tacitus_model::conllu::parse(&text).with_context(|| format!("{}", path.display()))
}

/// Trains a grammar, writes the model and prints its dev scores.
pub fn train(args: &TrainArgs) -> Result<()> {
    let train = read_conllu(&args.train)?;
    let dev = read_conllu(&args.dev)?;
    let config = TrainConfig {
        tagger_epochs: args.tagger_epochs,
        parser_epochs: args.parser_epochs,
        jackknife: args.jackknife,
        seed: args.seed,
        ..TrainConfig::default()
    };
    let out = output_path(&args.out)?;
    let start = Instant::now();
    let grammar = tacitus_nlp::train::train(&train, &dev, &config, &mut |line| eprintln!("{line}"));
    let bytes = grammar.to_bytes();
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) after {:.0}s",
        out.display(),
        bytes.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    let e = tacitus_nlp::eval::evaluate(&grammar, &dev);
    print_table(&[(args.dev.display().to_string(), e)]);
    Ok(())
}

/// Where the model goes, decided and checked before minutes of training: an existing
/// directory, or a path ending in `/` (created if need be), gets the standard file name; any
/// other path is the file itself, whose directory must exist.
fn output_path(out: &Path) -> Result<PathBuf> {
    let as_dir = out.is_dir() || out.as_os_str().to_string_lossy().ends_with('/');
    let path = if as_dir {
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create the directory {}", out.display()))?;
        out.join(tacitus_nlp::MODEL_FILE)
    } else {
        out.to_path_buf()
    };
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    anyhow::ensure!(
        parent.is_dir(),
        "cannot write {}: the directory {} does not exist",
        path.display(),
        parent.display()
    );
    Ok(path)
}

/// A file name cut to its last 40 characters for the table.
fn shorten(name: &str) -> String {
    let n = name.chars().count();
    if n > 40 {
        format!("...{}", name.chars().skip(n - 37).collect::<String>())
    } else {
        name.to_string()
    }
}

fn print_table(rows: &[(String, Evaluation)]) {
    println!(
        "{:<40} {:>6} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} {:>9}",
        "gold", "sents", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS", "sents/s", "words/s"
    );
    for (name, e) in rows {
        let name = shorten(name);
        println!(
            "{:<40} {:>6} {:>7} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>8.0} {:>9.0}",
            name,
            e.sentences,
            e.words,
            e.pct(e.upos),
            e.pct(e.xpos),
            e.pct(e.lemma),
            e.pct(e.uas),
            e.pct(e.las),
            e.sentences_per_second(),
            e.words_per_second()
        );
    }
}

/// Scores the grammar against gold CoNLL-U (gold tokens) and prints the figures: UPOS, XPOS,
/// lemma accuracy, UAS and LAS (CoNLL 2018 conventions, punctuation included) and speed.
pub fn eval_parse(args: &EvalParseArgs) -> Result<()> {
    let loaded;
    let grammar = match &args.model {
        Some(p) => {
            loaded = Grammar::load(p)?;
            &loaded
        }
        None => Grammar::embedded()?,
    };
    if args.raw {
        return eval_raw(grammar, args);
    }
    let rows = score_files(
        args,
        |gold| tacitus_nlp::eval::evaluate(grammar, gold),
        Evaluation::add,
    )?;
    print_table(&rows);
    Ok(())
}

/// Scores every gold file; one row per file with `--per-file`, and a total row when there
/// are several files (or the only row when there is one).
fn score_files<E: Default>(
    args: &EvalParseArgs,
    score: impl Fn(&[ConlluSentence]) -> E,
    add: impl Fn(&mut E, &E),
) -> Result<Vec<(String, E)>> {
    let mut rows = Vec::new();
    let mut total = E::default();
    for path in &args.gold {
        let e = score(&read_conllu(path)?);
        add(&mut total, &e);
        if args.per_file {
            rows.push((path.display().to_string(), e));
        }
    }
    if args.gold.len() > 1 || rows.is_empty() {
        let name = if args.gold.len() == 1 {
            args.gold[0].display().to_string()
        } else {
            format!("total ({} files)", args.gold.len())
        };
        rows.push((name, total));
    }
    Ok(rows)
}

fn eval_raw(grammar: &Grammar, args: &EvalParseArgs) -> Result<()> {
    let rows = score_files(
        args,
        |gold| tacitus_nlp::eval::evaluate_raw(grammar, gold, &mut tacitus_text::segment),
        RawEvaluation::add,
    )?;
    println!(
        "{:<40} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}",
        "gold (raw text, F1)",
        "tokens",
        "sents",
        "words",
        "UPOS",
        "XPOS",
        "lemma",
        "UAS",
        "LAS",
        "words/s"
    );
    for (name, e) in rows {
        let name = shorten(&name);
        println!(
            "{:<40} {:>7.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>6.2} {:>9.0}",
            name,
            e.tokens.f1(),
            e.sentences.f1(),
            e.words.f1(),
            e.upos.f1(),
            e.xpos.f1(),
            e.lemma.f1(),
            e.uas.f1(),
            e.las.f1(),
            e.words.system as f64 / e.seconds.max(1e-9)
        );
    }
    Ok(())
}

/// Annotates documents with `grammar` and writes them as CoNLL-U.
pub fn write_conllu(grammar: &Grammar, docs: &mut [Document], out: &mut dyn Write) -> Result<()> {
    for doc in docs.iter_mut() {
        grammar.annotate(doc);
        out.write_all(tacitus_nlp::conllu::write_document(doc).as_bytes())?;
    }
    Ok(())
}

/// Reads articles, annotates them and prints CoNLL-U to stdout; read errors go to stderr.
/// Returns `Ok(true)` when every input was read, `Ok(false)` when some could not be.
pub fn parse(args: &ParseArgs) -> Result<bool> {
    let loaded;
    let grammar = match &args.model {
        Some(p) => {
            loaded = Grammar::load(p)?;
            &loaded
        }
        None => Grammar::embedded()?,
    };
    let reader = args.input.reader();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut all_read = true;
    let mut failure: Option<anyhow::Error> = None;
    reader.read_paths(&args.input.paths, &mut |result| {
        if failure.is_some() {
            return;
        }
        match result {
            Ok(doc) => {
                if let Err(e) = write_conllu(grammar, &mut [doc], &mut out) {
                    failure = Some(e);
                }
            }
            Err(e) => {
                all_read = false;
                eprintln!("tacitus: {e}");
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    out.flush()?;
    Ok(all_read)
}
