//! `tacitus quotes` and `tacitus facts` end to end: the output contract of docs/quotes.md.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("output")
}

const ARTICLE: &str = "31/05/2012 20:23 BST\n\nTalks on Syria\n\n\
\"We will keep working with our partners,\" a Number 10 spokesman said.\n\n\
Earlier this week the Government expelled three Syrian diplomats from the UK.\n\n\
Foreign Secretary William Hague said he would meet Syrian opposition groups in Istanbul.\n";

#[test]
fn quotes_json_contract() {
    let out = run(&["quotes", "-", "--format", "json"], ARTICLE.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let q = &lines[0];
    for key in ["doc", "text", "start", "end", "direct", "speaker", "cue"] {
        assert!(q.get(key).is_some(), "missing {key} in {q}");
    }
    assert_eq!(q["text"], "We will keep working with our partners");
    assert_eq!(q["direct"], true);
    assert_eq!(q["cue"], "said");
    let s = &q["speaker"];
    for key in ["text", "name", "code", "start", "end"] {
        assert!(s.get(key).is_some(), "missing speaker.{key} in {s}");
    }
    assert_eq!(s["code"], "GBRGOV");
    let i = &lines[1];
    assert_eq!(i["direct"], false);
    assert_eq!(i["speaker"]["name"], "William Hague");
    // The table names the speaker too.
    let out = run(&["quotes", "-", "--format", "table"], ARTICLE.as_bytes());
    assert!(String::from_utf8_lossy(&out.stdout).contains("William Hague"));
}

#[test]
fn facts_json_and_gkg() {
    let out = run(&["facts", "-", "--format", "json"], ARTICLE.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).expect("one JSON");
    assert_eq!(v["quotations"], 2);
    let counts = v["counts"].as_array().expect("counts");
    assert!(
        counts
            .iter()
            .any(|c| c["act"] == "EXPEL" && c["number"] == 3 && c["what"] == "Syrian diplomats"),
        "{counts:?}"
    );
    assert!(v["tone"]["words"].as_u64().unwrap_or(0) > 20);
    let out = run(&["facts", "-", "--format", "gkg"], ARTICLE.as_bytes());
    let row = String::from_utf8_lossy(&out.stdout);
    let cols: Vec<&str> = row.trim_end_matches('\n').split('\t').collect();
    assert_eq!(cols.len(), 27);
    assert_eq!(cols[1], "20120531192300");
    assert!(
        cols[5].starts_with("EXPEL#3#Syrian diplomats#"),
        "{}",
        cols[5]
    );
    assert!(cols[11].contains("William Hague"), "{}", cols[11]);
}
