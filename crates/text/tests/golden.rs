//! Golden tests: every sample article in `samples/articles` read, segmented and tokenized,
//! dumped in a stable readable form beside its expected output in `tests/golden/`.
//!
//! `UPDATE_EXPECT=1 cargo test -p tacitus-text --test golden` rewrites the expected files;
//! review the diff before committing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tacitus_model::Document;
use tacitus_text::Reader;

fn dump(out: &mut String, doc: &Document) {
    let m = &doc.meta;
    let _ = writeln!(out, "id: {}", doc.id);
    let _ = writeln!(out, "source: {}", m.source.replace('\\', "/"));
    let _ = writeln!(out, "format: {:?}", m.format);
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(out, "title: {}", opt(&m.title));
    let _ = writeln!(out, "byline: {}", opt(&m.byline));
    let _ = writeln!(out, "url: {}", opt(&m.url));
    let _ = writeln!(out, "outlet: {}", opt(&m.outlet));
    let t = |i: &Option<tacitus_model::Instant>| {
        i.as_ref()
            .map(|i| format!("{} ({})", i.rfc3339(), i.local_rfc3339()))
            .unwrap_or_else(|| "-".into())
    };
    let _ = writeln!(out, "published: {}", t(&m.published));
    let _ = writeln!(out, "updated: {}", t(&m.updated));
    for (k, v) in &m.extra {
        let _ = writeln!(out, "extra.{k}: {v}");
    }
    for d in &doc.diagnostics {
        let _ = writeln!(out, "diagnostic: {:?} {} {}", d.severity, d.code, d.message);
    }
    let mut para = usize::MAX;
    for s in &doc.sentences {
        if s.paragraph != para {
            para = s.paragraph;
            let _ = writeln!(out, "¶ {}", s.kind.as_str());
        }
        let _ = writeln!(out, "  {}", doc.slice(s.span));
        let toks: Vec<&str> = s.tokens.iter().map(|t| doc.slice(t.span)).collect();
        let _ = writeln!(out, "    | {}", toks.join(" | "));
    }
    let _ = writeln!(out);
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/articles")
}

#[test]
fn sample_articles() {
    let dir = samples();
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/articles exists")
        .map(|e| e.expect("readable dir entry").path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 5, "the samples are there");
    let reader = Reader::default();
    for path in entries {
        let mut actual = String::new();
        reader.read_file(&path, &mut |r| match r {
            Ok(doc) => {
                doc.validate().expect("valid document");
                dump(&mut actual, &doc);
            }
            Err(e) => {
                let _ = writeln!(actual, "error: {e}\n");
            }
        });
        // Paths in the dump are relative to the samples folder, so they do not depend on
        // where the checkout is.
        let actual = actual.replace(&format!("{}/", dir.display()), "");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expect_path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(format!("{name}.out"));
        if update {
            std::fs::write(&expect_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expect_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "{name}: output differs from {} (UPDATE_EXPECT=1 rewrites)\n--- actual ---\n{actual}",
                expect_path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
