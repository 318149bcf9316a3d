//! `tacitus bench corpus|events|queries`: the store's figures (docs/figures.md, "Store").
//!
//! - `corpus` writes a JSON Lines corpus of any size from a few base articles: each line is a
//!   base article (in turn) edited by `synth::edit` (light edits), with its own id, outlet and
//!   publication date; seeded, so the same arguments write the same bytes.
//! - `events` puts synthetic coded events (`synth::EventGenerator`: real CAMEO codes with their
//!   roots, QuadClass, Goldstein scores and PLOVER types) into a store through the same
//!   `Store::put` the ingest uses.
//! - `queries` times typical queries and series over a store.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;
use tacitus_store::query::{By, EventFilter, Interval};
use tacitus_store::synth::{self, EditRate, EventGenerator, Rng};
use tacitus_store::{Analysis, Prepared, Store};

/// Arguments of `tacitus bench corpus`.
#[derive(Args, Debug)]
pub struct CorpusArgs {
    /// Base articles (any input format, read like `tacitus read`).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Articles to write.
    #[arg(long, default_value_t = 100_000)]
    pub count: usize,
    /// Seed of the edits.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The JSON Lines file to write.
    #[arg(long, short)]
    pub output: PathBuf,
}

/// Runs `tacitus bench corpus`.
pub fn corpus(args: &CorpusArgs) -> Result<ExitCode> {
    let reader = tacitus_text::Reader::new(Default::default());
    let mut bases = Vec::new();
    reader.read_paths(&args.paths, &mut |r| {
        if let Ok(doc) = r {
            bases.push(doc);
        }
    });
    if bases.is_empty() {
        bail!("no base article could be read");
    }
    let mut rng = Rng::new(args.seed);
    let mut out = BufWriter::new(
        std::fs::File::create(&args.output)
            .with_context(|| format!("creating {}", args.output.display()))?,
    );
    let start = jiff::civil::date(2012, 1, 1);
    for i in 0..args.count {
        let base = &bases[i % bases.len()];
        let day = start
            .checked_add(jiff::Span::new().days(rng.below(1461) as i64))
            .unwrap_or(start);
        let outlet = format!("outlet{:03}", rng.below(200));
        let line = serde_json::json!({
            "id": format!("corpus-{i:07}"),
            "url": format!("https://{outlet}.example/{i}"),
            "source": outlet,
            "published": format!("{day}T{:02}:{:02}:00Z", rng.below(24), rng.below(60)),
            "title": base.meta.title.clone().unwrap_or_default(),
            "text": synth::edit(&base.text, &mut rng, EditRate::LIGHT),
        });
        serde_json::to_writer(&mut out, &line)?;
        writeln!(out)?;
    }
    out.flush()?;
    eprintln!(
        "{} articles from {} bases written to {}",
        args.count,
        bases.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `tacitus bench events`.
#[derive(Args, Debug)]
pub struct EventsArgs {
    /// The store to fill (created if missing).
    #[arg(long)]
    pub db: PathBuf,
    /// Events to put.
    #[arg(long, default_value_t = 1_000_000)]
    pub count: usize,
    /// Events per synthetic article.
    #[arg(long, default_value_t = 5)]
    pub per_article: usize,
    /// The CAMEO tables: a directory with `cameo/CAMEO.goldsteinscale.txt` and
    /// `plover/CAMEO2PLOVER-2021.txt` (the shared data); without it, a few built-in codes.
    #[arg(long)]
    pub tables: Option<PathBuf>,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Runs `tacitus bench events`.
pub fn events(args: &EventsArgs) -> Result<ExitCode> {
    let codes = match &args.tables {
        Some(dir) => {
            let g = std::fs::read_to_string(dir.join("cameo/CAMEO.goldsteinscale.txt"))
                .context("reading cameo/CAMEO.goldsteinscale.txt")?;
            let p = std::fs::read_to_string(dir.join("plover/CAMEO2PLOVER-2021.txt"))
                .context("reading plover/CAMEO2PLOVER-2021.txt")?;
            synth::cameo_codes(&g, &p)
        }
        None => synth::sample_codes(),
    };
    if codes.is_empty() {
        bail!("no CAMEO code with a Goldstein score and a PLOVER type");
    }
    let mut store = Store::open(&args.db)?;
    let run = store.run(&Default::default())?;
    let mut generator = EventGenerator::new(
        args.seed,
        codes.clone(),
        jiff::civil::date(2010, 1, 1),
        3653,
    );
    let per = args.per_article.max(1);
    let articles = args.count.div_ceil(per);
    let started = Instant::now();
    let mut batch = Vec::with_capacity(512);
    for i in 0..articles {
        let (doc, events) = generator.article(per, 300);
        batch.push(Prepared::new(
            doc,
            0,
            Analysis {
                events,
                ..Default::default()
            },
        ));
        if batch.len() == 512 || i + 1 == articles {
            store.put(&batch, run)?;
            batch.clear();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let c = store.counts()?;
    println!(
        "put {} articles with {} events ({} CAMEO codes) in {:.1} s: {:.0} events/s",
        articles,
        articles * per,
        codes.len(),
        secs,
        (articles * per) as f64 / secs
    );
    println!(
        "store: {} articles, {} merged events, {} event mentions, {} bytes",
        c.articles,
        c.events,
        c.event_mentions,
        file_size(&args.db)
    );
    Ok(ExitCode::SUCCESS)
}

/// Bytes of the store file and its WAL.
pub fn file_size(db: &std::path::Path) -> u64 {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    [db.to_path_buf(), wal]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// Arguments of `tacitus bench queries`.
#[derive(Args, Debug)]
pub struct QueriesArgs {
    /// The store.
    #[arg(long)]
    pub db: PathBuf,
    /// Runs of each query (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
}

/// Runs `tacitus bench queries`.
pub fn queries(args: &QueriesArgs) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.db)?;
    let c = store.counts()?;
    println!(
        "store: {} merged events, {} mentions",
        c.events, c.event_mentions
    );
    let d = |s: &str| s.parse::<jiff::civil::Date>().ok();
    let cases: Vec<(&str, EventFilter)> = vec![
        (
            "query --source SYRMIL --quad 4 --from 2012-05-01 --to 2012-05-31",
            EventFilter {
                source: Some("SYRMIL".into()),
                quad_class: Some(4),
                from: d("2012-05-01"),
                to: d("2012-05-31"),
                ..Default::default()
            },
        ),
        (
            "query --dyad GBR:SYR (all years)",
            EventFilter {
                dyad: Some(("GBR".into(), "SYR".into())),
                ..Default::default()
            },
        ),
        (
            "query --cameo 19 --country SYR --limit 100",
            EventFilter {
                cameo: Some("19".into()),
                country: Some("SYR".into()),
                limit: Some(100),
                ..Default::default()
            },
        ),
        (
            "query --actor IGOUNO --from 2012-01-01 --to 2012-12-31",
            EventFilter {
                actors: vec!["IGOUNO".into()],
                from: d("2012-01-01"),
                to: d("2012-12-31"),
                ..Default::default()
            },
        ),
        (
            "query --text 'Houla' --limit 100",
            EventFilter {
                text: Some("Houla".into()),
                limit: Some(100),
                ..Default::default()
            },
        ),
    ];
    for (name, f) in &cases {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..args.runs.max(1) {
            let t = Instant::now();
            n = store.events(f)?.len();
            times.push(t.elapsed().as_secs_f64());
        }
        println!(
            "{:>9.1} ms  {:>7} rows  {name}",
            median(&mut times) * 1e3,
            n
        );
    }
    let series: Vec<(&str, EventFilter, Interval, By)> = vec![
        (
            "series --dyad GBR:SYR --every week",
            EventFilter {
                dyad: Some(("GBR".into(), "SYR".into())),
                ..Default::default()
            },
            Interval::Week,
            By::All,
        ),
        (
            "series --every month --by country",
            EventFilter::default(),
            Interval::Month,
            By::Country,
        ),
        (
            "series --every day --by dyad --from 2012-01-01 --to 2012-12-31",
            EventFilter {
                from: d("2012-01-01"),
                to: d("2012-12-31"),
                ..Default::default()
            },
            Interval::Day,
            By::Dyad,
        ),
    ];
    for (name, f, every, by) in &series {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..args.runs.max(1) {
            let t = Instant::now();
            n = store.series(f, *every, *by)?.len();
            times.push(t.elapsed().as_secs_f64());
        }
        println!(
            "{:>9.1} ms  {:>7} rows  {name}",
            median(&mut times) * 1e3,
            n
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
