//! Golden tests: one invented article per construction of quotation and speaker, run through
//! the real reader, segmenter, grammar and actor recognizer, with the tiny test dictionaries
//! of `tests/constructions/dict/` (so that editing the production dictionaries does not churn
//! these files). `UPDATE_EXPECT=1 cargo test -p tacitus-quotes --test constructions` rewrites
//! `tests/constructions/golden.out`; reviewers read the diff.

use std::fmt::Write as _;
use std::path::PathBuf;

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::dict::{DataSet, Dictionaries};
use tacitus_model::Document;
use tacitus_quotes::{Quotation, find_quotations};
use tacitus_text::{ReadOptions, Reader};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/constructions")
}

fn tiny() -> Dictionaries {
    Dictionaries::parse(&DataSet::from_dir(&dir().join("dict")).expect("test data"))
        .expect("test dictionaries")
}

fn read(name: &str, text: &str) -> Document {
    let mut docs = Vec::new();
    Reader::new(ReadOptions::default()).read_bytes(name, text.as_bytes(), &mut |r| {
        if let Ok(mut d) = r {
            tacitus_nlp::Grammar::embedded()
                .expect("grammar")
                .annotate(&mut d);
            docs.push(d);
        }
    });
    docs.pop().expect("one document")
}

fn render(name: &str, quotes: &[Quotation]) -> String {
    let mut out = format!("# {name}\n");
    for q in quotes {
        let speaker = match &q.speaker {
            Some(s) => format!(
                "{:?} {}..{} name={} code={} {:?}",
                s.text,
                s.start,
                s.end,
                s.name.as_deref().unwrap_or("-"),
                s.code.as_deref().unwrap_or("-"),
                s.method
            ),
            None => "none".to_string(),
        };
        let _ = writeln!(
            out,
            "{} direct={} {}..{} {:?}\n    speaker {speaker}\n    cue {:?} {:?}",
            q.kind.as_str(),
            q.direct,
            q.start,
            q.end,
            q.text,
            q.cue.as_deref().unwrap_or("-"),
            q.attribution
        );
    }
    out
}

/// One article per construction: (name, text). Dates put Ana Testa in office as Prime
/// Minister of the United Kingdom (GBRGOV) and Bo Sample as Foreign Minister of France.
const CASES: &[(&str, &str)] = &[
    (
        "straight-after",
        "12/03/2014 10:00 BST\n\nTalks\n\n\"We will act on this now,\" Testa said.\n",
    ),
    (
        "curly-inverted",
        "12/03/2014 10:00 BST\n\nTalks\n\n“France stands ready to help,” said Bo Sample.\n",
    ),
    (
        "nested",
        "12/03/2014 10:00 BST\n\nTalks\n\nBo Sample said: \"They told us “never again” and we believed them.\"\n",
    ),
    (
        "partial",
        "12/03/2014 10:00 BST\n\nTalks\n\nDowning Street has warned the regime that \"we will not abandon\" \
         the people of Syria.\n",
    ),
    (
        "colon-multi-paragraph",
        "12/03/2014 10:00 BST\n\nTalks\n\nA Downing Street spokesman said: \"The council met today to \
         discuss Syria.\n\n\"It agreed that further sanctions should be considered.\n\n\"It will meet \
         again next week.\"\n",
    ),
    (
        "he-added",
        "12/03/2014 10:00 BST\n\nTalks\n\nA Downing Street spokesman said the council would meet on Friday.\n\n\
         \"We will keep up these efforts in the weeks ahead,\" he added.\n",
    ),
    (
        "the-spokesman-said",
        "12/03/2014 10:00 BST\n\nTalks\n\n\"We are watching closely,\" a Downing Street spokesman said.\n\n\
         Testa met Sample in Paris.\n\nThe spokesman said: \"Nothing is ruled out.\"\n",
    ),
    (
        "caption",
        "12/03/2014 10:00 BST\n\nTalks\n\nTesta met Sample in Paris on Monday.\n\n\
         Testa: \"We will not abandon Syrian people\"\n\nThe talks lasted two hours.\n",
    ),
    (
        "headline-colon",
        "12/03/2014 10:00 BST\n\nAna Testa: Talks With Syria Must Go On\n\nTesta met Sample in Paris on Monday.\n",
    ),
    (
        "indirect",
        "12/03/2014 10:00 BST\n\nTalks\n\nBo Sample said he would meet Syrian opposition groups in Paris on Friday.\n",
    ),
    (
        "indirect-according-to",
        "12/03/2014 10:00 BST\n\nTalks\n\nAccording to Bo Sample, the talks will resume in Paris next week.\n\n\
         The regime has lost control of the border, according to Ana Testa.\n",
    ),
    (
        "indirect-said-last",
        "12/03/2014 10:00 BST\n\nTalks\n\nThe talks will resume in Paris next week, Bo Sample said on Monday.\n",
    ),
    (
        "cues",
        "12/03/2014 10:00 BST\n\nTalks\n\nTesta told reporters: \"The vote will go ahead.\"\n\n\
         \"There is no other way,\" Bo Sample warned.\n\n\"We never give up,\" Testa insisted.\n\n\
         \"The plan has failed,\" according to Bo Sample.\n",
    ),
    (
        "running-on",
        "12/03/2014 10:00 BST\n\nTalks\n\n\"We have sent teams to the border,\" Testa said on Monday.\n\n\
         \"They will collect the evidence we need.\"\n",
    ),
    (
        "mixed-marks",
        "12/03/2014 10:00 BST\n\nTalks\n\n“Nothing has been decided yet,\" Bo Sample said on Monday.\n",
    ),
    (
        "dash-signature",
        "12/03/2014 10:00 BST\n\nLetters\n\n“The talks were a waste of everybody’s time.” ― Ana Testa\n",
    ),
    (
        "no-speaker",
        "12/03/2014 10:00 BST\n\nTalks\n\nThe weather in Paris was cold on Monday.\n\n\
         \"Nobody could have known how long the talks would last.\"\n",
    ),
];

/// Compares `actual` with the golden file, or rewrites it with `UPDATE_EXPECT=1`.
fn expect_file(name: &str, actual: &str) {
    let path = dir().join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        let near = |s: &str| s.lines().skip(first).take(4).collect::<Vec<_>>().join("\n");
        panic!(
            "{} differs from the output from line {}; rerun with UPDATE_EXPECT=1 if intended.\n\
             expected:\n{}\nactual:\n{}",
            path.display(),
            first + 1,
            near(&expected),
            near(actual)
        );
    }
}

#[test]
fn constructions_golden() {
    let dict = tiny();
    let rec = Recognizer::new(&dict);
    let mut out = String::new();
    for (name, text) in CASES {
        let doc = read(name, text);
        let actors = rec.recognize(&doc, None);
        out.push_str(&render(name, &find_quotations(&doc, &actors)));
    }
    expect_file("golden.out", &out);
}
