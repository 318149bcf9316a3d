//! The `tacitus` binary end to end: output contract, exit codes, bad input among good input.

mod common;

use std::io::Write;

use common::{json_lines, samples, tacitus, tacitus_stdin, temp_dir};

#[test]
fn reads_the_samples_as_json() {
    let out = tacitus(&["read", &samples(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out);
    assert!(
        docs.len() >= 8,
        "five files, eight articles or more: {}",
        docs.len()
    );
    for d in &docs {
        for key in [
            "id",
            "title",
            "published",
            "updated",
            "paragraphs",
            "sentences",
        ] {
            assert!(d.get(key).is_some(), "{key} in {d}");
        }
        for s in d["sentences"].as_array().unwrap() {
            let kind = s["kind"].as_str().unwrap();
            assert!(
                ["headline", "dateline", "byline", "caption", "body"].contains(&kind),
                "{kind}"
            );
            assert!(s["start"].as_u64().unwrap() <= s["end"].as_u64().unwrap());
        }
    }
    let first = &docs[0];
    assert_eq!(first["id"], "001_ceasefire_talks");
    assert_eq!(first["published"], "2023-03-14T08:40:00Z");
    assert_eq!(first["published_local"], "2023-03-14T09:40:00+01:00");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let a = tacitus(&["read", &samples(), "--format", "json", "--tokens", "--full"]);
    let b = tacitus(&["read", &samples(), "--format", "json", "--tokens", "--full"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn one_bad_input_does_not_cost_the_others() {
    let dir = temp_dir("bad");
    std::fs::write(
        dir.join("a_good.txt"),
        "Headline Here\n\nThe minister resigned on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b_empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("c_binary.bin"),
        [0u8, 1, 2, 3, 0, 0, 255, 254, 0, 7],
    )
    .unwrap();
    // A gzip stream cut in half.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(
        "Headline\n\nA body paragraph of some length. "
            .repeat(200)
            .as_bytes(),
    )
    .unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(dir.join("d_truncated.txt.gz"), &gz[..gz.len() / 2]).unwrap();
    std::fs::write(
        dir.join("e_good.txt"),
        "Second Headline\n\nTroops withdrew from the town.\n",
    )
    .unwrap();
    let out = tacitus(&["read", &dir.display().to_string(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "partial failure exits 1");
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["a_good", "e_good"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b_empty.txt"), "{err}");
    assert!(err.contains("c_binary.bin"), "{err}");
    assert!(
        err.contains("d_truncated.txt.gz") && err.contains("gzip"),
        "{err}"
    );
}

#[test]
fn too_large_names_the_limit() {
    let dir = temp_dir("large");
    let path = dir.join("big.txt");
    std::fs::write(&path, "Word ".repeat(100_000)).unwrap();
    let out = tacitus(&["read", &path.display().to_string(), "--max-bytes", "1000"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--max-bytes"), "{err}");
}

#[test]
fn missing_path_and_usage() {
    let out = tacitus(&["read", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));
    assert_eq!(tacitus(&["read"]).status.code(), Some(2), "usage error");
    assert_eq!(tacitus(&["frobnicate"]).status.code(), Some(2));
    for sub in [
        &["read", "--help"][..],
        &["eval", "--help"],
        &["bench", "--help"],
        &["--help"],
    ] {
        let out = tacitus(sub);
        assert!(out.status.success(), "{sub:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
}

#[test]
fn reads_stdin() {
    let out = tacitus_stdin(
        &["read", "-", "--format", "json"],
        b"Thursday 31 May 2012 20.23 BST\n\nA Headline\n\nMr. Smith went to Washington. He met Dr. Jones.\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["published"], "2012-05-31T19:23:00Z");
    assert_eq!(docs[0]["title"], "A Headline");
    let body: Vec<&str> = docs[0]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["kind"] == "body")
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        body,
        vec!["Mr. Smith went to Washington.", "He met Dr. Jones."]
    );
}

#[test]
fn table_view() {
    let out = tacitus(&["read", &samples(), "--format", "table"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("== 001_ceasefire_talks"));
    assert!(text.contains("caption  Envoy: \"Nobody in this room wants to go back\""));
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &str) -> String {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        uri.len(),
        block.len()
    )
}

#[test]
fn warc_reports_what_it_skipped() {
    let dir = temp_dir("warc");
    let page = "<html><head><title>Talks End</title></head><body><article>\
                <p>The talks between the two delegations ended on Monday without an agreement, officials said.</p>\
                <p>Both sides said they would meet again next month in the capital.</p></article></body></html>";
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
        page.len()
    );
    let warc = [
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            "software: test\r\n",
        ),
        warc_record(
            "request",
            "https://n.example/a",
            "application/http; msgtype=request",
            "GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://n.example/a",
            "application/http; msgtype=response",
            &response,
        ),
    ]
    .concat();
    let path = dir.join("crawl.warc");
    std::fs::write(&path, warc).unwrap();
    let out = tacitus(&["read", &path.display().to_string(), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["url"], "https://n.example/a");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("skipped") && err.contains("request") && err.contains("warcinfo"),
        "{err}"
    );
}
