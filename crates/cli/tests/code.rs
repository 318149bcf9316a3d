//! `tacitus code` and `tacitus eval events` end to end: the JSON Lines contract, the GDELT
//! columns, determinism, bad input among good input.

use std::path::Path;
use std::process::{Command, Output};

fn tacitus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/articles")
        .display()
        .to_string()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn codes_the_samples_as_json_lines_with_the_contract_fields() {
    let out = tacitus(&["code", &samples(), "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(events.len() >= 5, "{} events", events.len());
    for e in &events {
        for key in [
            "id",
            "doc",
            "date",
            "sentence",
            "source",
            "target",
            "cameo",
            "root",
            "quad_class",
            "goldstein",
            "plover",
            "trigger",
            "location",
            "modality",
            "negated",
        ] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
        let cameo = e["cameo"].as_str().unwrap();
        assert!(!cameo.starts_with("01"), "no statements: {e}");
        assert_eq!(&cameo[..2], e["root"].as_str().unwrap());
        let sentence = e["sentence"]["text"].as_str().unwrap();
        assert!(
            sentence.contains(e["trigger"]["text"].as_str().unwrap()),
            "{e}"
        );
        assert!(e["plover"]["type"].as_str().is_some_and(|t| !t.is_empty()));
    }
    // Several sample articles name the acts they report.
    let docs: std::collections::BTreeSet<&str> =
        events.iter().filter_map(|e| e["doc"].as_str()).collect();
    assert!(docs.len() >= 3, "{docs:?}");
}

#[test]
fn same_input_same_bytes() {
    let a = tacitus(&["code", &samples(), "--format", "jsonl"]);
    let b = tacitus(&["code", &samples(), "--format", "jsonl"]);
    assert_eq!(a.stdout, b.stdout);
    let a = tacitus(&["code", &samples(), "--format", "gdelt"]);
    let b = tacitus(&["code", &samples(), "--format", "gdelt"]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn gdelt_rows_have_61_and_16_columns() {
    let events = tacitus(&["code", &samples(), "--format", "gdelt"]);
    let text = stdout(&events);
    assert!(text.lines().count() >= 5);
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61, "{line}");
        assert!(cols[0].parse::<u64>().is_ok(), "GLOBALEVENTID {line}");
        assert_eq!(cols[1].len(), 8, "SQLDATE {line}");
        assert_eq!(&cols[26][..2], cols[28], "EventCode and EventRootCode");
        assert!(["1", "2", "3", "4"].contains(&cols[29]), "QuadClass");
    }
    let mentions = tacitus(&["code", &samples(), "--format", "gdelt-mentions"]);
    let text = stdout(&mentions);
    assert_eq!(text.lines().count(), stdout(&events).lines().count());
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 16, "{line}");
    }
}

#[test]
fn bad_input_is_reported_and_the_rest_is_coded() {
    let dir = std::env::temp_dir().join(format!("tacitus-code-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "31/05/2012 20:23 BST\n\nA headline\n\nFrance condemned Syria on Monday.\n",
    )
    .unwrap();
    let out = tacitus(&["code", dir.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let text = stdout(&out);
    assert!(text.contains("\"cameo\":\"111\""), "{text}");
    assert!(text.contains("2012-05-28"), "{text}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("empty.txt") && err.contains("binary.txt"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_events_prints_the_tables() {
    let (Some(gold), Some(plover)) = (
        tacitus_text::eval::shared_path("gold/seed.events.jsonl"),
        tacitus_text::eval::shared_path("data/plover/PLOVER_GSR_CAMEO.txt"),
    ) else {
        eprintln!("skipped: ../shared is absent (set TACITUS_SHARED to run it)");
        return;
    };
    let examples = tacitus_text::eval::shared_path("examples").expect("examples");
    let out = tacitus(&[
        "eval",
        "events",
        "--gold",
        gold.to_str().unwrap(),
        "--articles",
        examples.to_str().unwrap(),
        "--plover",
        plover.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.contains("source country, root, target country"),
        "{text}"
    );
    assert!(text.contains("type accuracy"), "{text}");
    assert!(text.contains("target country"), "{text}");
}

#[test]
fn user_patterns_are_linted_and_used() {
    let dir = std::env::temp_dir().join(format!("tacitus-code-patterns-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("patterns")).unwrap();
    std::fs::write(dir.join("synsets.txt"), "&SCOLD = scold chide\n").unwrap();
    std::fs::write(dir.join("patterns/11.txt"), "111 verb &SCOLD T=obj\n").unwrap();
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "31/05/2012 20:23 BST\n\nA headline\n\nFrance scolded Syria. France condemned Syria.\n",
    )
    .unwrap();
    let out = tacitus(&[
        "code",
        article.to_str().unwrap(),
        "--patterns",
        dir.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    // Only the user's pattern is in use: "scolded" is coded, "condemned" is not.
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("\"scolded\""), "{text}");
    // A bad pattern is refused with its file and line.
    std::fs::write(
        dir.join("patterns/11.txt"),
        "111 verb &SCOLD T=obj\n999 verb foo\n",
    )
    .unwrap();
    let out = tacitus(&[
        "code",
        article.to_str().unwrap(),
        "--patterns",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("patterns/11.txt:2: unknown CAMEO code 999"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
