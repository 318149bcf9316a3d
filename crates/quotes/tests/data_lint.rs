//! The data files of this crate (`data/themes/`, `data/tone/`): each directory's
//! `MANIFEST.tsv` lists every file with its source, licence and sha256; the built-in copies
//! are the files; the files parse and pass the lint (sorted, no duplicates, known values).
//!
//! `UPDATE_MANIFEST=1 cargo test -p tacitus-quotes --test data_lint` rewrites the hashes
//! (and sets the version of changed files to today's date).

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use tacitus_quotes::lexicon::{self, Lexicons};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks (or with `UPDATE_MANIFEST` rewrites) one directory's manifest; `licence` must
/// appear in every licence field.
fn check_manifest(sub: &str, licence: &str) {
    let dir = data_dir();
    let manifest_path = dir.join(sub).join("MANIFEST.tsv");
    let manifest = std::fs::read_to_string(&manifest_path).expect("manifest readable");
    let rows: Vec<Vec<&str>> = manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    if std::env::var_os("UPDATE_MANIFEST").is_some() {
        let today = jiff::Timestamp::now().strftime("%Y.%m.%d").to_string();
        let mut out: Vec<String> = manifest
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(str::to_string)
            .collect();
        for f in &rows {
            let sha = sha256_hex(&std::fs::read(dir.join(f[0])).expect("data file"));
            let version = if sha == f[4] { f[1] } else { today.as_str() };
            out.push(format!("{}\t{version}\t{}\t{}\t{sha}", f[0], f[2], f[3]));
        }
        std::fs::write(&manifest_path, out.join("\n") + "\n").expect("write manifest");
        eprintln!("rewrote data/{sub}/MANIFEST.tsv");
        return;
    }
    let mut listed = Vec::new();
    for f in &rows {
        assert_eq!(f.len(), 5, "data/{sub}/MANIFEST.tsv line {f:?}");
        assert!(
            f.iter().all(|x| !x.trim().is_empty()),
            "empty field in {f:?}"
        );
        assert!(
            f[3].contains(licence),
            "licence of {} must name {licence}",
            f[0]
        );
        let bytes = std::fs::read(dir.join(f[0])).unwrap_or_default();
        assert_eq!(
            sha256_hex(&bytes),
            f[4],
            "{} changed; run UPDATE_MANIFEST=1 cargo test -p tacitus-quotes --test data_lint",
            f[0]
        );
        listed.push(f[0].to_string());
    }
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "data/{sub}/MANIFEST.tsv is sorted by path");
    let mut present: Vec<String> = std::fs::read_dir(dir.join(sub))
        .expect("data dir")
        .filter_map(|e| e.ok())
        .map(|e| format!("{sub}/{}", e.file_name().to_string_lossy()))
        .filter(|p| !p.ends_with("/MANIFEST.tsv") && !p.ends_with("/README.md"))
        .collect();
    present.sort();
    assert_eq!(listed, present, "data/{sub}/MANIFEST.tsv lists every file");
}

#[test]
fn themes_manifest() {
    check_manifest("themes", "MIT");
}

#[test]
fn tone_manifest() {
    check_manifest("tone", "MIT");
}

#[test]
fn builtin_copies_are_the_files_and_pass_the_lint() {
    let dir = data_dir();
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).expect("data file");
    assert_eq!(read("themes/themes.tsv"), lexicon::THEMES_TSV);
    assert_eq!(read("themes/acts.tsv"), lexicon::ACTS_TSV);
    assert_eq!(read("tone/vader.tsv"), lexicon::VADER_TSV);
    let l = Lexicons::from_dir(&dir).expect("data files parse and pass the lint");
    assert!(l.tone.len() > 7000);
    // Every act is one of the documented ones.
    for acts in l.acts.values() {
        for a in acts {
            assert!(
                [
                    "ARREST", "DISPLACE", "EXPEL", "KIDNAP", "KILL", "PROTEST", "WOUND"
                ]
                .contains(&a.act.as_str()),
                "unknown act {}",
                a.act
            );
        }
    }
    // The VADER licence text is shipped with the lexicon.
    assert!(read("tone/LICENSE.vader.txt").contains("Permission is hereby granted"));
}
