//! `tacitus ingest`: read articles in any input format, analyze them on every core and store
//! them, each exactly once.
//!
//! One reader thread streams documents into a bounded channel; worker threads skip documents
//! already stored (by key), analyze the others and hash them; the calling thread puts them in
//! input order into the store, a few dozen per transaction. A window of tokens bounds the
//! documents in flight, so memory stays bounded whatever the input size. A document that cannot
//! be read or analyzed is recorded as a failure (`tacitus status`) and the run goes on.

use std::collections::BTreeMap;
use std::io::{self, BufRead, IsTerminal, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tacitus_model::Document;
use tacitus_store::{Analyzer, Outcome, Prepared, Store, StoryMatch};
use tacitus_text::ReadError;

use crate::pipeline::Pipeline;

/// The store file option shared by every store command.
#[derive(Args, Debug, Clone)]
pub struct DbArg {
    /// The store file (created by `ingest` if missing).
    #[arg(long, env = "TACITUS_DB", default_value = tacitus_store::DEFAULT_DB)]
    pub db: PathBuf,
}

/// Arguments of `tacitus ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    /// The articles to read.
    #[command(flatten)]
    pub input: crate::read::InputArgs,
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Dictionaries and patterns.
    #[command(flatten)]
    pub analysis: crate::pipeline::DataArgs,
    /// No progress bar and no listing of the stored articles.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs that store at most this many new articles list them, with their events.
const LISTED: usize = 50;
/// Documents per transaction, at most.
const BATCH: usize = 64;
/// A batch waits at most this long for more documents before it is written.
const BATCH_WAIT: Duration = Duration::from_millis(500);

/// Worker threads: `--jobs`, else every core.
pub fn workers(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    })
    .max(1)
}

/// Runs `produce` on its own thread, `work` on `workers` threads and `consume` on the calling
/// thread, which receives the results in the order `produce` emitted the inputs. At most
/// `window` inputs are in flight at any time, so memory is bounded.
pub fn ordered_parallel<T: Send, U: Send>(
    workers: usize,
    window: usize,
    produce: impl FnOnce(&mut dyn FnMut(T)) + Send,
    work: impl Fn(T) -> U + Sync,
    mut consume: impl FnMut(U),
) {
    let window = window.max(1);
    let (token_tx, token_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let (in_tx, in_rx) = sync_channel::<(u64, T)>(window);
    let (out_tx, out_rx) = sync_channel::<(u64, U)>(window);
    let in_rx = Mutex::new(in_rx);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut seq = 0u64;
            produce(&mut |item| {
                if token_rx.recv().is_err() {
                    return;
                }
                let _ = in_tx.send((seq, item));
                seq += 1;
            });
        });
        for _ in 0..workers.max(1) {
            let out_tx = out_tx.clone();
            let (in_rx, work) = (&in_rx, &work);
            scope.spawn(move || {
                loop {
                    let next = in_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((seq, item))) = next else { break };
                    if out_tx.send((seq, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(out_tx);
        drain_ordered(&out_rx, &token_tx, &mut consume);
    });
}

fn drain_ordered<U>(
    rx: &Receiver<(u64, U)>,
    tokens: &std::sync::mpsc::SyncSender<()>,
    consume: &mut impl FnMut(U),
) {
    let mut pending = BTreeMap::new();
    let mut next = 0u64;
    for (seq, item) in rx.iter() {
        pending.insert(seq, item);
        while let Some(item) = pending.remove(&next) {
            consume(item);
            next += 1;
            let _ = tokens.try_send(());
        }
    }
}

/// What the reader hands the workers.
enum Input {
    Doc(Box<Document>),
    Failed(ReadError),
    /// A file was read to its end.
    FileDone,
}

/// What the workers hand the writer.
enum Worked {
    Ready(Box<Prepared>),
    Skipped,
    Failed {
        input: String,
        kind: &'static str,
        message: String,
    },
    FileDone,
}

/// Tallies of a run.
#[derive(Default, Debug)]
struct Tally {
    stored: u64,
    already: u64,
    failed: u64,
    exact: u64,
    near: u64,
    sentences: u64,
    listed: Vec<(i64, StoryMatch)>,
}

/// Runs `tacitus ingest`.
pub fn run(args: &IngestArgs) -> Result<ExitCode> {
    let (dict, dict_version) = args.analysis.dictionaries()?;
    let pipeline = Pipeline::new(&dict, dict_version, args.analysis.patterns.as_deref())?;
    let mut store = Store::open(&args.db.db)
        .with_context(|| format!("opening the store {}", args.db.db.display()))?;
    let run = store.run(&pipeline.versions())?;
    let reader = args.input.reader();
    let (files, expand_errors) = reader.expand(
        &args
            .input
            .paths
            .iter()
            .filter(|p| *p != "-")
            .cloned()
            .collect::<Vec<_>>(),
    );
    let stdin = args.input.paths.iter().any(|p| p == "-");
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let progress = if args.quiet || !io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:20} {bytes}/{total_bytes} ETA {eta} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    };
    let jobs = workers(args.jobs);
    let db_path = args.db.db.clone();
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut batch: Vec<Prepared> = Vec::new();
    let mut batch_started = Instant::now();
    let mut error: Option<anyhow::Error> = None;
    let listing = !args.quiet;
    let bytes_read = AtomicU64::new(0);

    let flush = |store: &mut Store, batch: &mut Vec<Prepared>, tally: &mut Tally| -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let outcomes = store.put(batch, run).context("writing to the store")?;
        for (item, outcome) in batch.iter().zip(outcomes) {
            match outcome {
                Outcome::Stored { article, how, .. } => {
                    tally.stored += 1;
                    tally.sentences += item.doc.sentences.len() as u64;
                    match how {
                        StoryMatch::Exact => tally.exact += 1,
                        StoryMatch::Near => tally.near += 1,
                        StoryMatch::New => {}
                    }
                    if listing && tally.listed.len() < LISTED {
                        tally.listed.push((article, how));
                    }
                }
                Outcome::AlreadyStored => tally.already += 1,
            }
        }
        batch.clear();
        Ok(())
    };

    ordered_parallel(
        jobs,
        jobs * 4 + 8,
        |emit: &mut dyn FnMut(Input)| {
            for e in expand_errors {
                emit(Input::Failed(e));
            }
            if stdin {
                reader.read_stream("-", None, &mut io::stdin().lock(), &mut |r| match r {
                    Ok(doc) => emit(Input::Doc(Box::new(doc))),
                    Err(e) => emit(Input::Failed(e)),
                });
            }
            for f in &files {
                let name = f.display().to_string();
                let mut on_doc = |r: tacitus_text::read::ReadResult| match r {
                    Ok(doc) => emit(Input::Doc(Box::new(doc))),
                    Err(e) => emit(Input::Failed(e)),
                };
                match std::fs::File::open(f) {
                    Ok(file) => {
                        // Counted as the reader consumes it, so a single large file moves the
                        // progress bar too.
                        let mut counted = Counted {
                            inner: io::BufReader::with_capacity(1 << 16, file),
                            read: &bytes_read,
                        };
                        reader.read_stream(&name, Some(f), &mut counted, &mut on_doc);
                    }
                    Err(e) => on_doc(Err(tacitus_text::read::io_error(&name, e))),
                }
                emit(Input::FileDone);
            }
        },
        {
            let db_path = db_path.clone();
            let pipeline = &pipeline;
            move |input: Input| -> Worked {
                thread_local! {
                    static READ: std::cell::RefCell<Option<Store>> = const { std::cell::RefCell::new(None) };
                }
                match input {
                    Input::FileDone => Worked::FileDone,
                    Input::Failed(e) => Worked::Failed {
                        input: e.input.clone(),
                        kind: "read",
                        message: e.to_string(),
                    },
                    Input::Doc(doc) => {
                        let key = tacitus_store::article_key(&doc);
                        let stored = READ.with(|cell| {
                            let mut cell = cell.borrow_mut();
                            if cell.is_none() {
                                *cell = Store::open_read_only(&db_path).ok();
                            }
                            cell.as_ref()
                                .is_some_and(|s| s.contains(&key).unwrap_or(false))
                        });
                        if stored {
                            return Worked::Skipped;
                        }
                        analyze(pipeline, *doc)
                    }
                }
            }
        },
        |done| {
            if error.is_some() {
                return;
            }
            match done {
                Worked::Ready(p) => {
                    if batch.is_empty() {
                        batch_started = Instant::now();
                    }
                    batch.push(*p);
                }
                Worked::Skipped => tally.already += 1,
                Worked::Failed {
                    input,
                    kind,
                    message,
                } => {
                    tally.failed += 1;
                    if let Err(e) = store.record_failure(&input, kind, &message) {
                        error = Some(e.into());
                    }
                }
                Worked::FileDone => {}
            }
            if (batch.len() >= BATCH || batch_started.elapsed() >= BATCH_WAIT)
                && let Err(e) = flush(&mut store, &mut batch, &mut tally)
            {
                error = Some(e);
            }
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            progress.set_position(bytes_read.load(Ordering::Relaxed));
            progress.set_message(format!(
                "{} new {} old {} failed {:.0}/s",
                tally.stored,
                tally.already,
                tally.failed,
                (tally.stored + tally.already) as f64 / secs
            ));
        },
    );
    if let Some(e) = error {
        return Err(e);
    }
    flush(&mut store, &mut batch, &mut tally)?;
    progress.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    report(&store, &tally, secs, listing)?;
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Analyzes one document; a panic in the analysis becomes a failure, not an abort.
fn analyze(pipeline: &dyn Analyzer, mut doc: Document) -> Worked {
    let source = doc.meta.source.clone();
    let read_diagnostics = doc.diagnostics.len();
    match catch_unwind(AssertUnwindSafe(|| {
        let analysis = pipeline.analyze(&mut doc);
        Prepared::new(doc, read_diagnostics, analysis)
    })) {
        Ok(p) => Worked::Ready(Box::new(p)),
        Err(panic) => Worked::Failed {
            input: source,
            kind: "analyze",
            message: panic_message(&panic),
        },
    }
}

/// The message of a caught panic.
pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        format!("analysis failed: {s}")
    } else if let Some(s) = panic.downcast_ref::<String>() {
        format!("analysis failed: {s}")
    } else {
        "analysis failed".to_string()
    }
}

fn report(store: &Store, t: &Tally, secs: f64, listing: bool) -> Result<()> {
    let c = store.counts()?;
    println!(
        "ingested {} new articles ({} sentences) in {:.1} s; {} already stored; {} failed",
        t.stored, t.sentences, secs, t.already, t.failed
    );
    if t.exact + t.near > 0 {
        println!(
            "  {} exact and {} near copies joined existing stories",
            t.exact, t.near
        );
    }
    println!(
        "store {}: {} articles in {} stories, {} sentences, {} actor mentions, {} events ({} mentions), {} quotations",
        store.path().display(),
        c.articles,
        c.stories,
        c.sentences,
        c.mentions,
        c.events,
        c.event_mentions,
        c.quotations
    );
    if t.failed > 0 {
        println!("  failures are listed by `tacitus status`");
    }
    if listing && !t.listed.is_empty() && t.stored <= LISTED as u64 {
        println!();
        crate::store_cmds::print_articles(store, &t.listed)?;
    } else if listing && t.stored > LISTED as u64 {
        println!("  (`tacitus query events` lists the events, `tacitus status` the store)");
    }
    Ok(())
}

/// A buffered input that counts the bytes its consumer takes.
struct Counted<'a, R> {
    inner: R,
    read: &'a AtomicU64,
}

impl<R: BufRead> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<'_, R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.read.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    #[test]
    fn results_come_in_input_order_with_a_bounded_window() {
        let produced = AtomicUsize::new(0);
        let consumed = AtomicUsize::new(0);
        let most_in_flight = AtomicUsize::new(0);
        let mut seen = Vec::new();
        ordered_parallel(
            3,
            5,
            |emit: &mut dyn FnMut(usize)| {
                for i in 0..300 {
                    let in_flight = produced.fetch_add(1, Ordering::SeqCst) + 1
                        - consumed.load(Ordering::SeqCst);
                    most_in_flight.fetch_max(in_flight, Ordering::SeqCst);
                    emit(i);
                }
            },
            |i: usize| {
                // Uneven work, so results finish out of order.
                std::thread::sleep(Duration::from_micros(((i * 7919) % 13) as u64 * 50));
                i * 2
            },
            |r| {
                seen.push(r);
                consumed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(seen, (0..300).map(|i| i * 2).collect::<Vec<_>>());
        // The producer counts an item before it waits for its token: window + 1.
        assert!(most_in_flight.load(Ordering::SeqCst) <= 6);
    }

    /// Panics on the document named `bad`.
    struct Fragile;

    impl Analyzer for Fragile {
        fn analyze(&self, doc: &mut Document) -> tacitus_store::Analysis {
            assert!(doc.id != "bad", "cannot analyze this one");
            tacitus_store::Analysis::default()
        }

        fn versions(&self) -> tacitus_store::RunVersions {
            Default::default()
        }
    }

    #[test]
    fn a_panicking_analysis_is_a_failure_of_that_document_only() {
        let doc = |id: &str| {
            let mut d = tacitus_text::read::read_text_bytes("x.txt", id, b"Talks resumed.")
                .expect("a document");
            d.id = id.to_string();
            d.meta.source = format!("{id}.txt");
            d
        };
        match analyze(&Fragile, doc("bad")) {
            Worked::Failed {
                input,
                kind,
                message,
            } => {
                assert_eq!((input.as_str(), kind), ("bad.txt", "analyze"));
                assert!(message.contains("cannot analyze this one"), "{message}");
            }
            _ => panic!("the panic becomes a failure"),
        }
        assert!(matches!(analyze(&Fragile, doc("good")), Worked::Ready(_)));
    }
}
