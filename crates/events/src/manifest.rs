//! The manifest of the event data (`data/events/MANIFEST.tsv`): one line per file with its
//! version, source, licence and sha256, checked against the copies compiled into the binary.
//!
//! After editing any file under `data/events/`, run
//! `UPDATE_MANIFEST=1 cargo test -p tacitus-events --test patterns` to rewrite the hashes (a
//! changed file takes today's date as its version).

use sha2::{Digest, Sha256};

use crate::codebook::{CAMEO_TSV, PLOVER_TSV};
use crate::patterns::{BUILTIN_FILES, BUILTIN_SYNSETS};

/// The manifest compiled into the binary.
pub const BUILTIN_MANIFEST: &str = include_str!("../../../data/events/MANIFEST.tsv");

/// Every event data file compiled into the binary: (path under `data/events/`, contents).
pub fn builtin_files() -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        ("cameo.tsv", CAMEO_TSV),
        ("fips.tsv", crate::gdelt::FIPS_TSV),
        ("plover.tsv", PLOVER_TSV),
        ("synsets.txt", BUILTIN_SYNSETS),
    ];
    files.extend(BUILTIN_FILES.iter().copied());
    files.sort_by_key(|(p, _)| *p);
    files
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One manifest line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path under `data/events/`.
    pub path: String,
    /// Version, `YYYY.MM.DD` of the last change.
    pub version: String,
    /// Where the data comes from.
    pub source: String,
    /// Its licence.
    pub licence: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Parses a manifest: comment lines start with `#`; data lines have five TAB-separated fields.
pub fn parse(text: &str) -> Result<Vec<Entry>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() != 5 || f.iter().any(|x| x.trim().is_empty()) {
                return Err(format!(
                    "MANIFEST.tsv:{}: expected 5 non-empty fields",
                    i + 1
                ));
            }
            Ok(Entry {
                path: f[0].into(),
                version: f[1].into(),
                source: f[2].into(),
                licence: f[3].into(),
                sha256: f[4].into(),
            })
        })
        .collect()
}

/// Checks a manifest against files: every file listed once, in path order, with its hash.
pub fn check(manifest: &str, files: &[(&str, &str)]) -> Vec<String> {
    let entries = match parse(manifest) {
        Ok(e) => e,
        Err(e) => return vec![e],
    };
    let mut errors = Vec::new();
    let listed: Vec<&str> = entries.iter().map(|e| e.path.as_str()).collect();
    let wanted: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
    if listed != wanted {
        errors.push(format!(
            "MANIFEST.tsv lists {listed:?}, the files are {wanted:?}"
        ));
    }
    for e in &entries {
        if let Some((_, text)) = files.iter().find(|(p, _)| *p == e.path) {
            let sha = sha256_hex(text.as_bytes());
            if sha != e.sha256 {
                errors.push(format!(
                    "MANIFEST.tsv: sha256 of {} is {sha} but the manifest says {}; run \
                     UPDATE_MANIFEST=1 cargo test -p tacitus-events --test patterns",
                    e.path, e.sha256
                ));
            }
        }
    }
    errors
}

/// The manifest rewritten for `files`: hashes updated, changed files dated `today`, new files
/// listed with `default_source` and `default_licence`, comment header kept.
pub fn updated(
    manifest: &str,
    files: &[(&str, &str)],
    today: &str,
    default_source: &str,
    default_licence: &str,
) -> String {
    let old = parse(manifest).unwrap_or_default();
    let mut out: Vec<String> = manifest
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect();
    for (path, text) in files {
        let sha = sha256_hex(text.as_bytes());
        let line = match old.iter().find(|e| e.path == *path) {
            Some(e) => {
                let version = if e.sha256 == sha {
                    e.version.as_str()
                } else {
                    today
                };
                format!("{path}\t{version}\t{}\t{}\t{sha}", e.source, e.licence)
            }
            None => format!("{path}\t{today}\t{default_source}\t{default_licence}\t{sha}"),
        };
        out.push(line);
    }
    out.join("\n") + "\n"
}

/// A short digest of all the event data in use (the first 12 hex digits of the SHA-256 of the
/// manifest), for the provenance of coding runs.
pub fn data_version() -> String {
    sha256_hex(BUILTIN_MANIFEST.as_bytes())[..12].to_string()
}
