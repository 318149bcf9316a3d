//! The PolNeAR evaluation (../shared/data/polnear): floors a little below the measured
//! figures (docs/figures.md), so that a regression fails the build.

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::places::Gazetteer;
use tacitus_quotes::eval::{Report, evaluate};

fn run(split: &str) -> Option<Report> {
    let Some(dir) = tacitus_text::eval::shared_path(&format!("data/polnear/{split}")) else {
        eprintln!("skipping: ../shared/data/polnear/{split} is absent");
        return None;
    };
    let grammar = tacitus_nlp::Grammar::embedded().expect("grammar");
    let dict = tacitus_annotate::dict::builtin().expect("dictionaries");
    let rec = Recognizer::new(&dict);
    let report = evaluate(&dir, &|doc| {
        grammar.annotate(doc);
        rec.recognize(doc, Some(Gazetteer::builtin()))
    })
    .expect("PolNeAR reads");
    eprintln!("{report}");
    Some(report)
}

#[test]
fn polnear_dev_floors() {
    let Some(r) = run("dev") else { return };
    assert_eq!(r.articles, 84);
    assert!(
        r.direct.exact.f1() >= 0.91,
        "direct exact F1 {}",
        r.direct.exact.f1()
    );
    assert!(
        r.direct.overlap.f1() >= 0.92,
        "direct overlap F1 {}",
        r.direct.overlap.f1()
    );
    assert!(
        r.direct.speaker_accuracy() >= 0.89,
        "direct speaker {}",
        r.direct.speaker_accuracy()
    );
    assert!(
        r.all.overlap.f1() >= 0.60,
        "all overlap F1 {}",
        r.all.overlap.f1()
    );
    assert!(
        r.all.speaker_accuracy() >= 0.80,
        "all speaker {}",
        r.all.speaker_accuracy()
    );
}
