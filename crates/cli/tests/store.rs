//! The store through the binary: ingesting twice adds nothing, a run killed with SIGKILL and
//! run again stores every document exactly once, failures are recorded and listed, and the
//! query, series and export commands read what was stored.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{samples, stdout, tacitus, temp_dir};

use tacitus_store::Store;

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn ingesting_twice_stores_each_article_once() {
    let dir = temp_dir("twice");
    let db = dir.join("s.sqlite");
    let db = db.to_str().unwrap();
    let first = tacitus(&["ingest", &samples(), "--db", db]);
    assert!(first.status.success(), "{first:?}");
    let out = stdout(&first);
    assert!(out.contains("ingested 8 new articles"), "{out}");
    assert!(
        out.contains("001_ceasefire_talks"),
        "the main job lists what it found: {out}"
    );
    let before = Store::open(Path::new(db)).unwrap().counts().unwrap();
    let second = tacitus(&["ingest", &samples(), "--db", db]);
    assert!(second.status.success());
    assert!(
        stdout(&second).contains("ingested 0 new articles"),
        "{}",
        stdout(&second)
    );
    assert!(stdout(&second).contains("8 already stored"));
    assert_eq!(
        Store::open(Path::new(db)).unwrap().counts().unwrap(),
        before
    );
}

#[test]
fn shared_examples_twice_store_one_article() {
    let Some(examples) = tacitus_text::eval::shared_path("examples") else {
        eprintln!("skipping: ../shared/examples is absent");
        return;
    };
    let dir = temp_dir("examples");
    let db = dir.join("s.sqlite");
    for _ in 0..2 {
        let o = tacitus(&[
            "ingest",
            examples.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{o:?}");
    }
    let store = Store::open(&db).unwrap();
    let files = std::fs::read_dir(&examples).unwrap().count() as i64;
    assert_eq!(store.counts().unwrap().articles, files);
    assert_eq!(files, 1, "../shared/examples holds one article");
}

/// A JSON Lines corpus of `n` distinct articles made from the bundled samples' sentences.
fn corpus(path: &Path, n: usize) {
    let pool = [
        "Syrian forces shelled the town of Houla on Friday, witnesses said.",
        "The United Nations Security Council met in New York to discuss the violence.",
        "British Foreign Secretary William Hague condemned the killings in a statement.",
        "Russia said it would oppose any resolution that threatened military action.",
        "Kofi Annan travelled to Damascus to meet President Bashar al-Assad.",
        "Opposition activists said dozens of civilians had been killed in the shelling.",
        "Turkey closed its border crossing after clashes near the frontier.",
        "The Arab League called for an immediate ceasefire and the withdrawal of troops.",
    ];
    let mut lines = String::new();
    for i in 0..n {
        let text: Vec<String> = (0..4)
            .map(|k| {
                let s = pool[(i * 3 + k * 5) % pool.len()];
                format!("{s} Report {i} line {k} notes item {}.", i * 31 + k)
            })
            .collect();
        let line = serde_json::json!({
            "id": format!("gen-{i:05}"),
            "url": format!("https://outlet{}.example/{i}", i % 7),
            "source": format!("Outlet {}", i % 7),
            "published": format!("2012-05-{:02}T12:00:00Z", 1 + i % 28),
            "title": format!("Report number {i}"),
            "text": text.join(" "),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(path, lines).unwrap();
}

#[test]
fn killed_with_sigkill_and_run_again_stores_every_document_once() {
    const N: usize = 150;
    let dir = temp_dir("kill");
    let input = dir.join("corpus.jsonl");
    corpus(&input, N);
    let db = dir.join("s.sqlite");
    let args = [
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--jobs",
        "2",
        "--quiet",
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .env_remove("TACITUS_DB")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as a first batch is committed, mid-run.
    let started = Instant::now();
    let at_kill = loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the run ended before it could be killed ({status}); make the corpus larger");
        }
        if db.exists()
            && let Ok(store) = Store::open_read_only(&db)
            && let Ok(c) = store.counts()
            && c.articles > 0
        {
            break c.articles;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no batch committed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let store = Store::open_read_only(&db).unwrap();
    let after_kill = store.counts().unwrap().articles;
    assert!(after_kill >= at_kill);
    assert!(
        (after_kill as usize) < N,
        "killed mid-run: {after_kill} of {N} stored"
    );
    drop(store);
    let again = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .env_remove("TACITUS_DB")
        .output()
        .unwrap();
    assert!(again.status.success(), "{again:?}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let c = store.counts().unwrap();
    assert_eq!(c.articles as usize, N, "every document stored exactly once");
    assert_eq!(
        count(&store, "SELECT count(DISTINCT doc_id) FROM articles") as usize,
        N
    );
    // Every article is whole: its sentences, its facts; nothing belongs to no article.
    assert_eq!(count(&store, "SELECT count(*) FROM facts") as usize, N);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS \
             (SELECT 1 FROM sentences s WHERE s.article = a.id)"
        ),
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM sentences WHERE article NOT IN (SELECT id FROM articles)"
        ),
        0
    );
    assert_eq!(c.failures, 0);
    // And it holds what one uninterrupted run stores.
    let clean = dir.join("clean.sqlite");
    let o = tacitus(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        clean.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(Store::open(&clean).unwrap().counts().unwrap(), c);
}

#[test]
fn failures_are_recorded_listed_and_never_doubled() {
    let dir = temp_dir("failures");
    let input = dir.join("mixed.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"good\", \"title\": \"Talks\", \"text\": \"Envoys met in Geneva on Monday.\"}\n\
         {not json\n",
    )
    .unwrap();
    let db = dir.join("s.sqlite");
    let args = [
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ];
    for _ in 0..2 {
        let o = tacitus(&args);
        assert_eq!(o.status.code(), Some(1), "{o:?}");
    }
    let status = tacitus(&["status", "--db", db.to_str().unwrap()]);
    assert!(status.status.success());
    let out = stdout(&status);
    assert!(out.contains("1 articles"), "{out}");
    assert!(out.contains("1 failures"), "{out}");
    assert!(out.contains("mixed.jsonl"), "{out}");
}

#[test]
fn query_series_and_export_read_the_store() {
    let dir = temp_dir("query");
    let db = dir.join("s.sqlite");
    let db = db.to_str().unwrap();
    let o = tacitus(&["bench", "events", "--db", db, "--count", "500"]);
    assert!(o.status.success(), "{o:?}");
    let all = tacitus(&["query", "events", "--db", db, "--format", "jsonl"]);
    assert!(all.status.success(), "{all:?}");
    let n_all = stdout(&all).lines().count();
    assert!(n_all > 100, "{n_all}");
    let syr = tacitus(&[
        "query", "events", "--db", db, "--actor", "SYRMIL", "--cameo", "19", "--format", "jsonl",
    ]);
    let lines = stdout(&syr);
    assert!(!lines.is_empty());
    for l in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["root"], "19");
        let s = v["source"]["code"].as_str().unwrap();
        let t = v["target"]["code"].as_str().unwrap();
        assert!(s == "SYRMIL" || t == "SYRMIL", "{l}");
    }
    let csv = tacitus(&[
        "query", "events", "--db", db, "--format", "csv", "--limit", "3",
    ]);
    assert_eq!(stdout(&csv).lines().count(), 4);
    let series = tacitus(&[
        "series", "--db", db, "--every", "month", "--dyad", "GBR:SYR",
    ]);
    assert!(series.status.success());
    assert!(stdout(&series).starts_with("period,key,events,mentions,goldstein\n"));
    let gdelt = tacitus(&["export", "--db", db, "--format", "gdelt"]);
    assert_eq!(stdout(&gdelt).lines().count(), n_all);
    assert!(stdout(&gdelt).lines().all(|l| l.split('\t').count() == 61));
    let parquet = dir.join("e.parquet");
    let o = tacitus(&[
        "export",
        "--db",
        db,
        "--format",
        "parquet",
        "--output",
        parquet.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(std::fs::read(&parquet).unwrap().starts_with(b"PAR1"));
    let missing = tacitus(&[
        "query",
        "events",
        "--db",
        dir.join("none.sqlite").to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(
        !dir.join("none.sqlite").exists(),
        "a query never creates a store"
    );
}

#[test]
fn recode_keeps_the_counts_and_reports_no_change() {
    let dir = temp_dir("recode");
    let db = dir.join("s.sqlite");
    let db = db.to_str().unwrap();
    assert!(
        tacitus(&["ingest", &samples(), "--db", db, "--quiet"])
            .status
            .success()
    );
    let before = Store::open(Path::new(db)).unwrap().counts().unwrap();
    let o = tacitus(&["recode", "--db", db]);
    assert!(o.status.success(), "{o:?}");
    assert!(stdout(&o).contains("recoded 8 articles"), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 added, 0 removed, 0 recoded"));
    assert_eq!(
        Store::open(Path::new(db)).unwrap().counts().unwrap(),
        before
    );
}
