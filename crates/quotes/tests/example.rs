//! The example article of the issue (../shared/examples), end to end.

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::places::Gazetteer;
use tacitus_quotes::{Quotation, find_quotations};

fn example() -> Option<Vec<Quotation>> {
    let Some(path) = tacitus_text::eval::shared_path("examples/000_4006189a68e7e7bb.txt") else {
        eprintln!("skipping: ../shared/examples is absent");
        return None;
    };
    let bytes = std::fs::read(&path).expect("example readable");
    let mut doc = tacitus_text::read::read_text_bytes("example", "example", &bytes).expect("reads");
    tacitus_nlp::Grammar::embedded().expect("grammar").annotate(&mut doc);
    let dict = tacitus_annotate::dict::builtin().expect("dictionaries");
    let actors = Recognizer::new(&dict).recognize(&doc, Some(Gazetteer::builtin()));
    Some(find_quotations(&doc, &actors))
}

#[test]
fn example_article() {
    let Some(quotes) = example() else { return };
    for q in &quotes {
        eprintln!("{}", serde_json::to_string(q).unwrap());
    }
}
