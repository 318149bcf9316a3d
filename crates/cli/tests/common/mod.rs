//! Helpers shared by the binary's end-to-end tests: run `tacitus`, read its output, make
//! scratch folders. Each test file uses some of them.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs the binary with `args` (without the user's `TACITUS_DB`).
pub fn tacitus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .env_remove("TACITUS_DB")
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `args`, writing `input` to its standard input.
pub fn tacitus_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tacitus"))
        .args(args)
        .env_remove("TACITUS_DB")
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

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard output as JSON Lines, each line parsed.
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// A new, empty scratch folder for one test (unique per test name and process).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tacitus-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("make the scratch folder");
    dir
}

/// The repository's sample articles.
pub fn samples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples/articles")
        .display()
        .to_string()
}
