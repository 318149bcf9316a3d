//! Regression snapshot: the events of the repository's sample articles and of the example
//! article, one line each, so a change of patterns, dictionaries or grammar shows what it did
//! to the coded events. After an intended change, rewrite the snapshot with
//! `UPDATE_EXPECT=1 cargo test -p tacitus-events --test regression` and review the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::dict::Dictionaries;
use tacitus_annotate::places::Gazetteer;
use tacitus_events::Coder;
use tacitus_events::coder::AgentRoles;
use tacitus_text::read::{ReadOptions, Reader};

fn dict() -> &'static Dictionaries {
    static D: OnceLock<Dictionaries> = OnceLock::new();
    D.get_or_init(|| tacitus_annotate::dict::builtin().expect("built-in dictionaries"))
}

fn render(paths: &[PathBuf]) -> String {
    let agents = AgentRoles::new(dict());
    let coder = Coder::builtin().expect("patterns").with_agents(&agents);
    let recognizer = Recognizer::new(dict());
    let grammar = tacitus_nlp::Grammar::embedded().expect("grammar");
    let reader = Reader::new(ReadOptions::default());
    let mut out = String::new();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    reader.read_paths(&names, &mut |r| {
        let Ok(mut doc) = r else { return };
        grammar.annotate(&mut doc);
        let actors = recognizer.recognize(&doc, Some(Gazetteer::builtin()));
        let events = coder.code(&doc, &actors);
        let _ = writeln!(out, "# {} ({} events)", doc.id, events.len());
        let actor = |a: &Option<tacitus_model::event::ActorRef>| match a {
            Some(a) => format!("{}[{}]", a.code.as_deref().unwrap_or("?"), a.text),
            None => "-".into(),
        };
        for e in &events {
            let _ = writeln!(
                out,
                "{:>3} {:<5} {} -> {} {} {} {} \"{}\"{}",
                e.sentence.index,
                e.cameo,
                actor(&e.source),
                actor(&e.target),
                e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                e.date_method.as_str(),
                e.modality.as_str(),
                e.trigger.text,
                e.location
                    .as_ref()
                    .map(|l| format!(" @{}", l.name))
                    .unwrap_or_default(),
            );
        }
    });
    out
}

fn check(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).expect("write the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .filter(|l| !actual.lines().any(|a| a == *l))
            .map(|l| format!("- {l}"))
            .chain(
                actual
                    .lines()
                    .filter(|l| !expected.lines().any(|e| e == *l))
                    .map(|l| format!("+ {l}")),
            )
            .collect();
        panic!(
            "{name} changed; review and run UPDATE_EXPECT=1 cargo test -p tacitus-events --test regression\n{}",
            diff.join("\n")
        );
    }
}

#[test]
fn sample_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/articles");
    check("samples.events", &render(&[dir]));
}

#[test]
fn example_article() {
    let Some(path) = tacitus_text::eval::shared_path("examples") else {
        eprintln!("skipped: ../shared/examples is absent (set TACITUS_SHARED to run it)");
        return;
    };
    check("examples.events", &render(&[path]));
}
