//! `tacitus bench`: speed figures, measured, never asserted.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use tacitus_text::{ReadOptions, Reader};

/// What to measure.
#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Read + sentences + tokens over a corpus held in memory.
    Read(BenchReadArgs),
    /// Raw text to events: reading, sentences, grammar, actors and places, event coding.
    Code(BenchCodeArgs),
}

/// Arguments of `tacitus bench code`.
#[derive(Args, Debug)]
pub struct BenchCodeArgs {
    /// Files, directories or globs making up the corpus.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Run over the corpus until at least this many sentences have been coded.
    #[arg(long, default_value_t = 20_000)]
    sentences: u64,
    /// Worker threads (1 measures one core).
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

/// Arguments of `tacitus bench read`.
#[derive(Args, Debug)]
pub struct BenchReadArgs {
    /// Files, directories or globs making up the corpus.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Run over the corpus until at least this many megabytes have been read.
    #[arg(long, default_value_t = 200)]
    megabytes: u64,
    /// Worker threads (1 measures one core).
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    bytes: u64,
    documents: u64,
    sentences: u64,
    tokens: u64,
    errors: u64,
    /// What the per-document work counted (events, for `bench code`).
    events: u64,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.bytes += o.bytes;
        self.documents += o.documents;
        self.sentences += o.sentences;
        self.tokens += o.tokens;
        self.errors += o.errors;
        self.events += o.events;
    }
}

/// Runs `tacitus bench`.
pub fn run(cmd: &BenchCommand) -> Result<ExitCode> {
    match cmd {
        BenchCommand::Read(args) => bench_read(args),
        BenchCommand::Code(args) => bench_code(args),
    }
}

/// The corpus held in memory: (name, bytes) per file.
fn load_corpus(reader: &Reader, paths: &[String]) -> Result<Vec<(String, Vec<u8>)>> {
    let (files, errors) = reader.expand(paths);
    if let Some(e) = errors.first() {
        bail!("{e}");
    }
    files
        .iter()
        .map(|f| {
            std::fs::read(f)
                .with_context(|| format!("reading {}", f.display()))
                .map(|b| (f.display().to_string(), b))
        })
        .collect()
}

fn bench_code(args: &BenchCodeArgs) -> Result<ExitCode> {
    let reader = Reader::new(ReadOptions::default());
    let corpus = load_corpus(&reader, &args.paths)?;
    let pipeline = crate::code::Pipeline::load(None)?;
    // Sentences per pass, to know how many passes make the requested count.
    let mut per_pass = 0u64;
    for (name, bytes) in &corpus {
        reader.read_bytes(name, bytes, &mut |r| {
            if let Ok(doc) = r {
                per_pass += doc.sentences.len() as u64;
            }
        });
    }
    if per_pass == 0 {
        bail!("the corpus has no sentences");
    }
    let passes = args.sentences.div_ceil(per_pass).max(1);
    let threads = args.threads.max(1);
    let started = Instant::now();
    let total = run_passes(&reader, &corpus, passes, threads, &|doc| {
        pipeline.code(doc).len() as u64
    });
    let elapsed = started.elapsed();
    let corpus_bytes: u64 = corpus.iter().map(|(_, b)| b.len() as u64).sum();
    report(&corpus, corpus_bytes, passes, threads, elapsed, total);
    println!(
        "events:     {} ({:.0}/s)",
        total.events,
        total.events as f64 / elapsed.as_secs_f64().max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads the corpus `passes` times over `threads` threads (pass k on thread k mod threads),
/// doing `work` on every document read; the counts of all threads summed.
fn run_passes(
    reader: &Reader,
    corpus: &[(String, Vec<u8>)],
    passes: u64,
    threads: usize,
    work: &(dyn Fn(&mut tacitus_model::Document) -> u64 + Sync),
) -> Counts {
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut c = Counts::default();
                    for pass in 0..passes {
                        if pass as usize % threads != t {
                            continue;
                        }
                        for (name, bytes) in corpus {
                            c.bytes += bytes.len() as u64;
                            reader.read_bytes(name, bytes, &mut |r| match r {
                                Ok(mut doc) => {
                                    c.events += work(&mut doc);
                                    c.documents += 1;
                                    c.sentences += doc.sentences.len() as u64;
                                    c.tokens += doc
                                        .sentences
                                        .iter()
                                        .map(|s| s.tokens.len() as u64)
                                        .sum::<u64>();
                                }
                                Err(_) => c.errors += 1,
                            });
                        }
                    }
                    c
                })
            })
            .collect();
        let mut total = Counts::default();
        for h in handles {
            total.add(h.join().unwrap_or_default());
        }
        total
    })
}

fn bench_read(args: &BenchReadArgs) -> Result<ExitCode> {
    let reader = Reader::new(ReadOptions::default());
    let corpus = load_corpus(&reader, &args.paths)?;
    let corpus_bytes: u64 = corpus.iter().map(|(_, b)| b.len() as u64).sum();
    if corpus_bytes == 0 {
        bail!("the corpus is empty");
    }
    let passes = (args.megabytes * 1_000_000).div_ceil(corpus_bytes).max(1);
    let threads = args.threads.max(1);
    let started = Instant::now();
    let total = run_passes(&reader, &corpus, passes, threads, &|_| 0);
    let elapsed = started.elapsed();
    report(&corpus, corpus_bytes, passes, threads, elapsed, total);
    Ok(ExitCode::SUCCESS)
}

fn report(
    corpus: &[(String, Vec<u8>)],
    corpus_bytes: u64,
    passes: u64,
    threads: usize,
    elapsed: Duration,
    c: Counts,
) {
    let s = elapsed.as_secs_f64().max(1e-9);
    println!(
        "corpus:     {} files, {} bytes, {} passes",
        corpus.len(),
        corpus_bytes,
        passes
    );
    println!("threads:    {threads}");
    println!("elapsed:    {:.3} s", s);
    println!("read:       {:.1} MB/s", c.bytes as f64 / 1e6 / s);
    println!(
        "documents:  {} ({:.0}/s)",
        c.documents,
        c.documents as f64 / s
    );
    println!(
        "sentences:  {} ({:.0}/s)",
        c.sentences,
        c.sentences as f64 / s
    );
    println!("tokens:     {} ({:.0}/s)", c.tokens, c.tokens as f64 / s);
    if c.errors > 0 {
        println!("errors:     {}", c.errors);
    }
}
