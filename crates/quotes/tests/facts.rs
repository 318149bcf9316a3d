//! Counts, themes, tone and entities of invented articles, through the real reader, grammar
//! and actor recognizer (the tiny test dictionaries of `tests/constructions/dict/`).

use std::path::PathBuf;

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::dict::{DataSet, Dictionaries};
use tacitus_quotes::{FactFinder, Facts, find_quotations};

fn facts(text: &str) -> Facts {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/constructions/dict");
    let dict = Dictionaries::parse(&DataSet::from_dir(&dir).expect("test data")).expect("dict");
    let mut doc = tacitus_text::read::read_text_bytes("t", "t", text.as_bytes()).expect("reads");
    tacitus_nlp::Grammar::embedded()
        .expect("grammar")
        .annotate(&mut doc);
    let actors = Recognizer::new(&dict).recognize(&doc, None);
    let quotes = find_quotations(&doc, &actors);
    FactFinder::builtin()
        .expect("data")
        .facts(&doc, &actors, &quotes)
}

#[test]
fn counts_of_each_act() {
    let f = facts(
        "31/05/2012 20:23 BST\n\nViolence\n\n\
         At least 108 people were killed in Houla. Security forces arrested 200 protesters on \
         Friday. More than 1,000 people fled to Turkey. Twenty-five people were wounded and 3 \
         soldiers died. About 2.5 million Syrians have been displaced. The rebels kidnapped 11 \
         pilgrims.\n\nThe government expelled three Syrian diplomats in 2012.\n",
    );
    let got: Vec<(String, u64, String, Option<String>)> = f
        .counts
        .iter()
        .map(|c| (c.act.clone(), c.number, c.what.clone(), c.qualifier.clone()))
        .collect();
    let want = |a: &str, n: u64, w: &str, q: Option<&str>| {
        (a.to_string(), n, w.to_string(), q.map(str::to_string))
    };
    assert_eq!(
        got,
        vec![
            want("KILL", 108, "people", Some("at least")),
            want("ARREST", 200, "protesters", None),
            want("DISPLACE", 1000, "people", Some("more than")),
            want("WOUND", 25, "people", None),
            want("KILL", 3, "soldiers", None),
            want("DISPLACE", 2_500_000, "Syrians", Some("about")),
            want("KIDNAP", 11, "pilgrims", None),
            want("EXPEL", 3, "Syrian diplomats", None),
        ]
    );
    // The year is not a count.
    assert!(f.counts.iter().all(|c| c.number != 2012));
    assert!(f.themes.iter().any(|t| t.theme == "KILL"));
    assert!(f.tone.negative > f.tone.positive);
    assert!(f.tone.compound < 0.0);
}

#[test]
fn conjuncts_share_the_act() {
    let f = facts(
        "Clashes\n\nEleven officers and at least 20 demonstrators were wounded, according to \
         the hospital.\n",
    );
    let got: Vec<(&str, u64, &str)> = f
        .counts
        .iter()
        .map(|c| (c.act.as_str(), c.number, c.what.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![("WOUND", 11, "officers"), ("WOUND", 20, "demonstrators")]
    );
}

#[test]
fn tone_follows_the_lexicon_and_negation() {
    let good = facts("Peace\n\nThe talks were a great success and everyone was happy.\n");
    let bad = facts("War\n\nThe talks were a terrible failure and everyone was angry.\n");
    let negated = facts("Peace\n\nThe talks were not a success and nobody was happy.\n");
    assert!(good.tone.compound > 0.5, "{:?}", good.tone);
    assert!(bad.tone.compound < -0.5, "{:?}", bad.tone);
    assert!(negated.tone.compound < 0.0, "{:?}", negated.tone);
    assert!(good.tone.tone > 0.0 && bad.tone.tone < 0.0);
}

#[test]
fn entities_are_deduplicated() {
    let f = facts(
        "12/03/2014 10:00 BST\n\nTalks\n\nAna Testa met Bo Sample in Paris. Testa said France \
         and the United Kingdom agreed. Sample flew home from Paris.\n",
    );
    let testa: Vec<_> = f.people.iter().filter(|p| p.name == "Ana Testa").collect();
    assert_eq!(testa.len(), 1, "{:?}", f.people);
    assert_eq!(testa[0].mentions, 2);
    assert_eq!(testa[0].code.as_deref(), Some("GBRGOV"));
    assert!(f.places.iter().filter(|p| p.name == "Paris").count() <= 1);
}
