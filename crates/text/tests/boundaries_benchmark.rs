//! Sentence- and token-boundary scores on the shared gold data: GUM news (24 Wikinews
//! articles) and the UD English EWT test set (web text, much of it without final
//! punctuation). Skips with a message when the shared data is absent.
//!
//! The floors are the scores the segmenter reached when they were set, less 0.005; the
//! evaluation is deterministic, so a drop below a floor is a regression. Run with
//! `--nocapture` to see the table and examples of the mistakes.

use tacitus_text::eval::boundaries::{BoundaryReport, evaluate_path};
use tacitus_text::eval::shared_path;
use tacitus_text::sentences::Segmenter;

fn run(rel: &str) -> Option<BoundaryReport> {
    let Some(path) = shared_path(rel) else {
        eprintln!("skipping: shared data {rel} is absent (set TACITUS_SHARED to its folder)");
        return None;
    };
    let report = match evaluate_path(&path, &Segmenter::default()) {
        Ok(r) => r,
        Err(e) => panic!("evaluation of {rel} failed: {e}"),
    };
    eprintln!("{report:#}");
    Some(report)
}

fn at_least(what: &str, value: f64, floor: f64) {
    assert!(value >= floor, "{what}: {value:.4} fell below {floor:.4}");
}

#[test]
fn gum_news() {
    let Some(r) = run("data/gum-news") else {
        return;
    };
    assert_eq!(r.documents, 24);
    at_least("GUM news sentence F1", r.segmenter.f1(), 0.9786);
    at_least("GUM news token F1", r.tokens.f1(), 0.9816);
    assert!(r.segmenter.f1() > r.uax29.f1(), "UAX-29 did better");
    assert!(
        r.segmenter_inside.f1() > r.uax29_inside.f1(),
        "UAX-29 did better"
    );
}

#[test]
fn ewt_test() {
    let Some(r) = run("data/ud-english-ewt/test.conllu") else {
        return;
    };
    assert!(r.sentences > 2000);
    at_least("EWT test sentence F1", r.segmenter.f1(), 0.9264);
    at_least("EWT test token F1", r.tokens.f1(), 0.9766);
    assert!(r.segmenter.f1() > r.uax29.f1(), "UAX-29 did better");
}
