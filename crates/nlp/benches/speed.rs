//! Speed of the embedded grammar on EWT test (gold tokens), one thread:
//! `cargo bench -p tacitus-nlp --bench speed`. Skips when the shared data is absent.

use std::path::PathBuf;
use std::time::Instant;

fn shared_path(rel: &str) -> Option<PathBuf> {
    let base = match std::env::var_os("TACITUS_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    let path = base.join(rel);
    path.exists().then_some(path)
}

fn main() {
    let Some(path) = shared_path("data/ud-english-ewt/test.conllu") else {
        eprintln!("skipping the speed benchmark: shared data not found (set TACITUS_SHARED)");
        return;
    };
    let start = Instant::now();
    let grammar = tacitus_nlp::Grammar::embedded().expect("embedded model");
    println!("model load: {:.2}s", start.elapsed().as_secs_f64());
    let text = std::fs::read_to_string(path).expect("read test");
    let gold = tacitus_model::conllu::parse(&text).expect("parse test");
    let sentences: Vec<Vec<&str>> = gold
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    for round in 1..=3 {
        let t = Instant::now();
        let mut n = 0;
        for s in &sentences {
            n += grammar.tag(s).len();
        }
        let tag = t.elapsed().as_secs_f64();
        let t = Instant::now();
        for s in &sentences {
            n += grammar.analyze(s).len();
        }
        let full = t.elapsed().as_secs_f64();
        assert_eq!(n, 2 * words);
        println!(
            "round {round}: {} sentences, {words} words; tagging+lemmas {:.0} words/s; \
             tagging+lemmas+parsing {:.0} words/s, {:.0} sentences/s",
            sentences.len(),
            words as f64 / tag,
            words as f64 / full,
            sentences.len() as f64 / full
        );
    }
}
