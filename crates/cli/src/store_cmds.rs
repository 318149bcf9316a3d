//! The commands over a store: `status`, `recode`, `query`, `series` and `export`.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use tacitus_model::Event;
use tacitus_store::query::{By, EventFilter, EventRow, Interval};
use tacitus_store::{Analyzer, Store, StoryMatch, export};

use crate::ingest::{DbArg, ordered_parallel, panic_message, workers};
use crate::pipeline::Pipeline;

/// Arguments of `tacitus status`.
#[derive(Args, Debug)]
pub struct StatusArgs {
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
}

/// Runs `tacitus status`: counts, runs and every recorded failure.
pub fn status(args: &StatusArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let c = store.counts()?;
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "store {} (schema {})",
        store.path().display(),
        store.schema_version()?
    )?;
    writeln!(
        out,
        "{} articles in {} stories, {} sentences, {} actor mentions, {} events ({} mentions), {} quotations, {} diagnostics",
        c.articles,
        c.stories,
        c.sentences,
        c.mentions,
        c.events,
        c.event_mentions,
        c.quotations,
        c.diagnostics
    )?;
    for r in store.runs()? {
        let v = &r.versions;
        writeln!(
            out,
            "run {}: tacitus {}, model {}, grammar {}, dictionaries {}, coder {}: {} articles",
            r.id,
            v.binary,
            v.model,
            v.grammar,
            v.dictionaries,
            if v.coder.is_empty() { "-" } else { &v.coder },
            r.articles
        )?;
    }
    let failures = store.failures()?;
    writeln!(out, "{} failures", failures.len())?;
    for f in &failures {
        writeln!(out, "  {} [{}] {}", f.input, f.kind, f.message)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn open(db: &DbArg) -> Result<Store> {
    Store::open_read_only(&db.db).with_context(|| format!("opening {}", db.db.display()))
}

/// Prints stored articles in brief and their events (the end of `tacitus ingest`).
pub fn print_articles(store: &Store, articles: &[(i64, StoryMatch)]) -> Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    for (id, how) in articles {
        let a = store.article_summary(*id)?;
        let story = match (how, &a.copy_of) {
            (StoryMatch::Exact, Some(d)) => format!("exact copy of {d}"),
            (StoryMatch::Near, Some(d)) => {
                format!("near copy of {d} (similarity {:.2})", a.similarity)
            }
            _ => format!("story {}", a.story),
        };
        writeln!(
            out,
            "{}  {}  {}",
            a.doc,
            a.day.as_deref().unwrap_or("-"),
            a.title.as_deref().unwrap_or("(no title)")
        )?;
        writeln!(
            out,
            "    {} sentences, {} actor mentions, {} events, {} quotations; {}",
            a.sentences, a.mentions, a.events, a.quotations, story
        )?;
        for e in store.article_events(*id)? {
            writeln!(out, "    {}", event_line(&e))?;
        }
    }
    let actors = store.top_actors(12)?;
    if !actors.is_empty() {
        writeln!(out, "\nactors most mentioned in the store:")?;
        for (code, name, n) in actors {
            writeln!(out, "  {code:<10} {name:<32} {n}")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn code(a: &Option<tacitus_model::event::ActorRef>) -> &str {
    a.as_ref().and_then(|a| a.code.as_deref()).unwrap_or("-")
}

/// One event on one line: date, source, code, target, sentence.
fn event_line(e: &Event) -> String {
    let sentence: String = e.sentence.text.chars().take(80).collect();
    format!(
        "{}  {:<10} {:<5} {:<10} {}",
        e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        code(&e.source),
        e.cameo,
        code(&e.target),
        sentence
    )
}

/// Arguments of `tacitus recode`.
#[derive(Args, Debug)]
pub struct RecodeArgs {
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
    /// Dictionaries and patterns.
    #[command(flatten)]
    pub analysis: crate::pipeline::DataArgs,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub jobs: Option<usize>,
}

/// What recoding an article changed.
#[derive(Default)]
struct Changes {
    articles: u64,
    failed: u64,
    /// Per root: (added, removed, recoded from this root to another).
    by_root: BTreeMap<String, (u64, u64, u64)>,
}

/// The provenance of an event mention, which identifies it across codings: sentence, trigger
/// and actor spans.
type Slot = (usize, usize, usize, Option<usize>, Option<usize>);

fn slot(e: &Event) -> Slot {
    (
        e.sentence.index,
        e.trigger.start,
        e.trigger.end,
        e.source.as_ref().map(|a| a.start),
        e.target.as_ref().map(|a| a.start),
    )
}

/// Matches old and new events by [`Slot`]: at one slot, equal codes are unchanged, other codes
/// pair up as recoded (counted under the old root), and the rest are removed or added.
fn compare(old: &[Event], new: &[Event], c: &mut Changes) {
    let index = |v: &[Event]| -> BTreeMap<Slot, Vec<String>> {
        let mut m: BTreeMap<Slot, Vec<String>> = BTreeMap::new();
        for e in v {
            m.entry(slot(e)).or_default().push(e.cameo.clone());
        }
        m
    };
    let (mut o, mut n) = (index(old), index(new));
    let slots: std::collections::BTreeSet<Slot> = o.keys().chain(n.keys()).copied().collect();
    for k in slots {
        let mut olds = o.remove(&k).unwrap_or_default();
        let mut news = n.remove(&k).unwrap_or_default();
        olds.retain(|code| match news.iter().position(|x| x == code) {
            Some(i) => {
                news.remove(i);
                false
            }
            None => true,
        });
        let paired = olds.len().min(news.len());
        for code in &olds[..paired] {
            c.by_root.entry(root(code)).or_default().2 += 1;
        }
        for code in &olds[paired..] {
            c.by_root.entry(root(code)).or_default().1 += 1;
        }
        for code in &news[paired..] {
            c.by_root.entry(root(code)).or_default().0 += 1;
        }
    }
}

fn root(code: &str) -> String {
    code.get(..2).unwrap_or(code).to_string()
}

/// Runs `tacitus recode`: analyzes every stored text again with the current grammar,
/// dictionaries and coder, replacing the derived records, and prints what changed.
pub fn recode(args: &RecodeArgs) -> Result<ExitCode> {
    let (dict, dict_version) = args.analysis.dictionaries()?;
    let pipeline = Pipeline::new(&dict, dict_version, args.analysis.patterns.as_deref())?;
    let mut store = Store::open(&args.db.db)
        .with_context(|| format!("opening the store {}", args.db.db.display()))?;
    let run = store.run(&pipeline.versions())?;
    let ids = store.article_ids()?;
    let path = args.db.db.clone();
    let jobs = workers(args.jobs);
    let mut changes = Changes::default();
    let mut error: Option<anyhow::Error> = None;
    ordered_parallel(
        jobs,
        jobs * 4 + 8,
        |emit: &mut dyn FnMut(std::result::Result<(i64, tacitus_model::Document), String>)| {
            let reader = match Store::open_read_only(&path) {
                Ok(s) => s,
                Err(e) => return emit(Err(e.to_string())),
            };
            for id in ids {
                emit(
                    reader
                        .document(id)
                        .map(|d| (id, d))
                        .map_err(|e| format!("article {id}: {e}")),
                );
            }
        },
        |item| {
            let (id, mut doc) = item?;
            let read_diagnostics = doc.diagnostics.len();
            catch_unwind(AssertUnwindSafe(|| {
                tacitus_text::segment(&mut doc);
                let analysis = pipeline.analyze(&mut doc);
                (id, doc, analysis, read_diagnostics)
            }))
            .map_err(|p| format!("article {id}: {}", panic_message(&p)))
        },
        |result| {
            if error.is_some() {
                return;
            }
            match result {
                Ok((id, doc, analysis, read_diagnostics)) => {
                    let done = store.article_events(id).and_then(|old| {
                        store.replace_analysis(id, &doc, &analysis, read_diagnostics, run)?;
                        Ok(old)
                    });
                    match done {
                        Ok(old) => {
                            compare(&old, &analysis.events, &mut changes);
                            changes.articles += 1;
                        }
                        Err(e) => error = Some(e.into()),
                    }
                }
                Err(message) => {
                    changes.failed += 1;
                    if let Err(e) = store.record_failure("recode", "analyze", &message) {
                        error = Some(e.into());
                    }
                }
            }
        },
    );
    if let Some(e) = error {
        return Err(e);
    }
    let (mut added, mut removed, mut recoded) = (0, 0, 0);
    for (a, r, c) in changes.by_root.values() {
        added += a;
        removed += r;
        recoded += c;
    }
    println!(
        "recoded {} articles with run {run}; {} failed; events: {added} added, {removed} removed, {recoded} recoded",
        changes.articles, changes.failed
    );
    if !changes.by_root.is_empty() {
        println!("root  added  removed  recoded");
        for (root, (a, r, c)) in &changes.by_root {
            println!("{root:<5} {a:>6} {r:>8} {c:>8}");
        }
    }
    Ok(if changes.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Event filters shared by `query events`, `series` and `export`.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Source or target actor code or prefix (SYR, SYRMIL, IGOUNO); repeat for any of several.
    #[arg(long)]
    pub actor: Vec<String>,
    /// Source actor code or prefix.
    #[arg(long)]
    pub source: Option<String>,
    /// Target actor code or prefix.
    #[arg(long)]
    pub target: Option<String>,
    /// A dyad of code prefixes, `A:B` (GBR:SYR): events between them, either way.
    #[arg(long)]
    pub dyad: Option<String>,
    /// With --dyad: only events from A to B.
    #[arg(long)]
    pub directed: bool,
    /// CAMEO event code or root prefix (19, 190, 1823).
    #[arg(long)]
    pub cameo: Option<String>,
    /// PLOVER event type (ASSAULT, PROTEST).
    #[arg(long)]
    pub plover: Option<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    #[arg(long)]
    pub quad: Option<u8>,
    /// First day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub from: Option<jiff::civil::Date>,
    /// Last day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    pub to: Option<jiff::civil::Date>,
    /// Country of the event's place (ISO alpha-3: SYR).
    #[arg(long)]
    pub country: Option<String>,
    /// Name of the event's place (Houla).
    #[arg(long)]
    pub place: Option<String>,
    /// Full-text search of the sentence (SQLite FTS5 syntax: `shelling AND civilians`).
    #[arg(long)]
    pub text: Option<String>,
}

impl FilterArgs {
    fn filter(&self, limit: Option<usize>) -> Result<EventFilter> {
        let dyad = match &self.dyad {
            Some(d) => match d.split_once([':', '-', ',']) {
                Some((a, b)) => Some((a.to_string(), b.to_string())),
                None => bail!("--dyad takes two codes, A:B (GBR:SYR)"),
            },
            None => None,
        };
        Ok(EventFilter {
            actors: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad,
            directed: self.directed,
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            quad_class: self.quad,
            from: self.from,
            to: self.to,
            country: self.country.clone(),
            place: self.place.clone(),
            text: self.text.clone(),
            limit,
        })
    }
}

/// Output of `query`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// A readable table (the default on a terminal).
    Table,
    /// JSON Lines (the default when output is a pipe).
    Jsonl,
    /// CSV with a header.
    Csv,
}

/// What to query.
#[derive(Subcommand, Debug)]
pub enum QueryCommand {
    /// Events (merged across copies, with their counts of mentions, sources and articles).
    Events(QueryEventsArgs),
    /// Quotations, by speaker or text.
    Quotes(QueryQuotesArgs),
}

/// Arguments of `tacitus query events`.
#[derive(Args, Debug)]
pub struct QueryEventsArgs {
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
    /// Filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

/// Arguments of `tacitus query quotes`.
#[derive(Args, Debug)]
pub struct QueryQuotesArgs {
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
    /// Speaker words, name or code containing this (case-insensitive).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Quotation text containing this (case-insensitive).
    #[arg(long)]
    pub text: Option<String>,
    /// At most this many quotations.
    #[arg(long)]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
}

fn query_format(f: Option<QueryFormat>) -> QueryFormat {
    f.unwrap_or(if io::stdout().is_terminal() {
        QueryFormat::Table
    } else {
        QueryFormat::Jsonl
    })
}

/// Runs `tacitus query`.
pub fn query(cmd: &QueryCommand) -> Result<ExitCode> {
    match cmd {
        QueryCommand::Events(args) => query_events(args),
        QueryCommand::Quotes(args) => query_quotes(args),
    }
}

fn query_events(args: &QueryEventsArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let filter = args.filter.filter(args.limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let format = query_format(args.format);
    if format == QueryFormat::Csv {
        writeln!(out, "{}", export::FLAT_COLUMNS.join(","))?;
    }
    let mut n = 0u64;
    let mut each = |row: &EventRow| -> tacitus_store::Result<()> {
        n += 1;
        match format {
            QueryFormat::Jsonl => writeln!(out, "{}", export::json_line(row)?)?,
            QueryFormat::Csv => {
                let f: Vec<String> = export::flat_fields(row)
                    .iter()
                    .map(|s| export::csv_field(s))
                    .collect();
                writeln!(out, "{}", f.join(","))?
            }
            QueryFormat::Table => writeln!(
                out,
                "{:>8} {}  m{} s{} a{}",
                row.id,
                event_line(&row.event),
                row.num_mentions,
                row.num_sources,
                row.num_articles
            )?,
        }
        Ok(())
    };
    for row in store.events(&filter)? {
        each(&row)?;
    }
    out.flush()?;
    if format == QueryFormat::Table {
        eprintln!("{n} events");
    }
    Ok(ExitCode::SUCCESS)
}

fn query_quotes(args: &QueryQuotesArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let rows = store.quotations(args.speaker.as_deref(), args.text.as_deref(), args.limit)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match query_format(args.format) {
        QueryFormat::Jsonl => {
            for q in &rows {
                serde_json::to_writer(&mut out, q)?;
                writeln!(out)?;
            }
        }
        QueryFormat::Csv => {
            writeln!(
                out,
                "doc,published,speaker,speaker_name,speaker_code,direct,cue,text"
            )?;
            for q in &rows {
                let s = q.quotation.speaker.as_ref();
                let f = [
                    q.doc.clone(),
                    q.published.clone().unwrap_or_default(),
                    s.map(|s| s.text.clone()).unwrap_or_default(),
                    s.and_then(|s| s.name.clone()).unwrap_or_default(),
                    s.and_then(|s| s.code.clone()).unwrap_or_default(),
                    q.quotation.direct.to_string(),
                    q.quotation.cue.clone().unwrap_or_default(),
                    q.quotation.text.clone(),
                ];
                let f: Vec<String> = f.iter().map(|s| export::csv_field(s)).collect();
                writeln!(out, "{}", f.join(","))?;
            }
        }
        QueryFormat::Table => {
            for q in &rows {
                let s = q.quotation.speaker.as_ref();
                writeln!(
                    out,
                    "{}  {:<24} {:<8} {}",
                    q.doc,
                    s.map(|s| s.name.as_deref().unwrap_or(&s.text))
                        .unwrap_or("-"),
                    s.and_then(|s| s.code.as_deref()).unwrap_or("-"),
                    q.quotation.text
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Periods of `series`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EveryArg {
    /// Days.
    Day,
    /// ISO weeks (labelled by their Monday).
    Week,
    /// Months.
    Month,
}

/// Breakdowns of `series`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// One row per period.
    All,
    /// Per country of the event's place.
    Country,
    /// Per dyad (first three letters of source and target codes).
    Dyad,
    /// Per CAMEO root.
    Root,
}

/// Output of `series`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeriesFormat {
    /// CSV with a header.
    Csv,
    /// JSON Lines.
    Json,
}

/// Arguments of `tacitus series`.
#[derive(Args, Debug)]
pub struct SeriesArgs {
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
    /// Filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Period.
    #[arg(long, value_enum, default_value = "day")]
    pub every: EveryArg,
    /// Breakdown.
    #[arg(long, value_enum, default_value = "all")]
    pub by: ByArg,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: SeriesFormat,
}

/// Runs `tacitus series`.
pub fn series(args: &SeriesArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let every = match args.every {
        EveryArg::Day => Interval::Day,
        EveryArg::Week => Interval::Week,
        EveryArg::Month => Interval::Month,
    };
    let by = match args.by {
        ByArg::All => By::All,
        ByArg::Country => By::Country,
        ByArg::Dyad => By::Dyad,
        ByArg::Root => By::Root,
    };
    let rows = store.series(&args.filter.filter(None)?, every, by)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        SeriesFormat::Csv => {
            writeln!(out, "period,key,events,mentions,goldstein")?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    r.period,
                    export::csv_field(&r.key),
                    r.events,
                    r.mentions,
                    r.goldstein
                )?;
            }
        }
        SeriesFormat::Json => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 Events table (61 tab-separated columns).
    Gdelt,
    /// GDELT 2.0 Mentions table (16 tab-separated columns).
    GdeltMentions,
    /// Our JSON Lines: the `Event` record with the merged event's id and counts.
    Jsonl,
    /// CSV with a header.
    Csv,
    /// Parquet (needs --output).
    Parquet,
}

/// Arguments of `tacitus export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The store.
    #[command(flatten)]
    pub db: DbArg,
    /// Filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write here instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// GDELT formats: print the column names first (GDELT's own files have none).
    #[arg(long)]
    pub header: bool,
}

/// Runs `tacitus export`.
pub fn export(args: &ExportArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let filter = args.filter.filter(None)?;
    if args.format == ExportFormat::Parquet {
        let Some(path) = &args.output else {
            bail!("--format parquet needs --output FILE");
        };
        let file =
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
        let n = export::parquet(&store, &filter, io::BufWriter::new(file))?;
        eprintln!("{n} events written to {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let n = match args.format {
        ExportFormat::Gdelt => export::gdelt_events(&store, &filter, args.header, &mut out)?,
        ExportFormat::GdeltMentions => {
            export::gdelt_mentions(&store, &filter, args.header, &mut out)?
        }
        ExportFormat::Jsonl => export::jsonl(&store, &filter, &mut out)?,
        ExportFormat::Csv => export::csv(&store, &filter, &mut out)?,
        ExportFormat::Parquet => 0,
    };
    out.flush()?;
    if let Some(path) = &args.output {
        eprintln!("{n} rows written to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(sentence: usize, trigger: usize, cameo: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": format!("e{sentence}-{trigger}-{cameo}"), "doc": "d", "date": "2012-05-25",
            "date_method": "explicit",
            "sentence": {"index": sentence, "text": "s", "start": 0, "end": 1},
            "source": null, "target": null, "cameo": cameo, "root": &cameo[..2],
            "quad_class": 4, "goldstein": -10.0, "plover": {"type": "ASSAULT", "mode": ""},
            "trigger": {"text": "t", "start": trigger, "end": trigger + 1}, "location": null,
            "modality": "asserted", "negated": false, "pattern": "test:1"
        }))
        .unwrap()
    }

    #[test]
    fn recode_summary_counts_added_removed_and_recoded_by_root() {
        let old = [event(0, 5, "190"), event(1, 9, "111"), event(2, 3, "040")];
        let new = [event(0, 5, "193"), event(2, 3, "040"), event(3, 1, "036")];
        let mut c = Changes::default();
        compare(&old, &new, &mut c);
        let rows: Vec<(&str, (u64, u64, u64))> =
            c.by_root.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // 190 -> 193 at the same trigger is a recode under root 19; the 111 is gone; a 036 is
        // new; the unchanged 040 counts nowhere.
        assert_eq!(
            rows,
            vec![("03", (1, 0, 0)), ("11", (0, 1, 0)), ("19", (0, 0, 1))]
        );
        let mut same = Changes::default();
        compare(&old, &old, &mut same);
        assert!(same.by_root.is_empty());
    }
}
