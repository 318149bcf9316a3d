//! Speed of the quotation and facts stages alone, on parsed PolNeAR articles. Ignored by
//! default; figures go to docs/figures.md, never into assertions:
//!
//! `cargo test --release -p tacitus-quotes --test speed -- --ignored --nocapture`

use std::time::Instant;

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::places::Gazetteer;
use tacitus_quotes::{FactFinder, find_quotations};

#[test]
#[ignore = "a measurement, run by hand in release"]
fn speed() {
    let Some(dir) = tacitus_text::eval::shared_path("data/polnear/train") else {
        eprintln!("skipping: ../shared/data/polnear/train is absent");
        return;
    };
    let grammar = tacitus_nlp::Grammar::embedded().expect("grammar");
    let dict = tacitus_annotate::dict::builtin().expect("dictionaries");
    let rec = Recognizer::new(&dict);
    let articles = tacitus_quotes::eval::read_split(&dir).expect("PolNeAR");
    let t0 = Instant::now();
    let mut docs = Vec::new();
    for a in &articles {
        let Ok(mut d) = tacitus_text::read::read_text_bytes(&a.name, &a.name, a.raw.as_bytes())
        else {
            continue;
        };
        grammar.annotate(&mut d);
        let actors = rec.recognize(&d, Some(Gazetteer::builtin()));
        docs.push((d, actors));
    }
    let prep = t0.elapsed().as_secs_f64();
    let sentences: usize = docs.iter().map(|(d, _)| d.sentences.len()).sum();
    let t1 = Instant::now();
    let mut quotes = 0;
    for _ in 0..5 {
        for (d, a) in &docs {
            quotes += find_quotations(d, a).len();
        }
    }
    let q_secs = t1.elapsed().as_secs_f64() / 5.0;
    let finder = FactFinder::builtin().expect("data");
    let t2 = Instant::now();
    for (d, a) in &docs {
        let q = find_quotations(d, a);
        std::hint::black_box(finder.facts(d, a, &q));
    }
    let f_secs = t2.elapsed().as_secs_f64();
    let n = quotes / 5;
    eprintln!(
        "{} articles, {sentences} sentences; read + grammar + actors {prep:.2} s \
         ({:.0} articles/s); quotations alone: {n} in {q_secs:.3} s = {:.0} quotes/s, \
         {:.0} sentences/s; quotations + facts {f_secs:.3} s; end to end {:.0} quotes/s",
        docs.len(),
        docs.len() as f64 / prep,
        n as f64 / q_secs,
        sentences as f64 / q_secs,
        n as f64 / (prep + f_secs)
    );
}
