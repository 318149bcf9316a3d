//! The example article of the issue (../shared/examples/000_4006189a68e7e7bb.txt, HuffPost UK,
//! 31 May 2012) with the production dictionaries: the acceptance items of issue 6.

use tacitus_annotate::actors::Recognizer;
use tacitus_annotate::places::Gazetteer;
use tacitus_quotes::{Attribution, FactFinder, Facts, Quotation, QuoteKind, find_quotations};

fn example() -> Option<(Vec<Quotation>, Facts)> {
    let Some(path) = tacitus_text::eval::shared_path("examples/000_4006189a68e7e7bb.txt") else {
        eprintln!("skipping: ../shared/examples is absent");
        return None;
    };
    let bytes = std::fs::read(&path).expect("example readable");
    let mut doc =
        tacitus_text::read::read_text_bytes("example", "example", &bytes).expect("example reads");
    tacitus_nlp::Grammar::embedded()
        .expect("grammar")
        .annotate(&mut doc);
    let dict = tacitus_annotate::dict::builtin().expect("dictionaries");
    let actors = Recognizer::new(&dict).recognize(&doc, Some(Gazetteer::builtin()));
    let quotes = find_quotations(&doc, &actors);
    let facts = FactFinder::builtin()
        .expect("data")
        .facts(&doc, &actors, &quotes);
    Some((quotes, facts))
}

fn find<'q>(quotes: &'q [Quotation], starts: &str) -> &'q Quotation {
    quotes
        .iter()
        .find(|q| q.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no quotation starts with {starts:?}"))
}

fn who(q: &Quotation) -> (Option<&str>, Option<&str>) {
    let s = q.speaker.as_ref().expect("a speaker");
    (s.name.as_deref(), s.code.as_deref())
}

#[test]
fn example_article_acceptance() {
    let Some((quotes, facts)) = example() else {
        return;
    };
    // The spokesman's quotation over seven paragraphs is one quotation of the Number 10
    // spokesman (GBRGOV).
    let long = find(&quotes, "The Prime Minister convened a meeting");
    assert!(
        long.text.ends_with("a solution to the crisis."),
        "{}",
        long.text
    );
    assert_eq!(long.kind, QuoteKind::Direct);
    assert_eq!(long.last_sentence - long.first_sentence, 7);
    assert_eq!(who(long), (Some("Number 10 spokesman"), Some("GBRGOV")));
    assert_eq!(long.cue.as_deref(), Some("said"));
    let first = find(&quotes, "The Prime Minister wants to be sure");
    assert_eq!(who(first), (Some("Number 10 spokesman"), Some("GBRGOV")));
    // "he added" resolves to the spokesman.
    let added = find(&quotes, "We will keep up these efforts");
    assert_eq!(added.cue.as_deref(), Some("added"));
    assert_eq!(added.speaker.as_ref().map(|s| s.text.as_str()), Some("he"));
    assert_eq!(who(added), (Some("Number 10 spokesman"), Some("GBRGOV")));
    // Hague's answers to Channel 4 News are Hague's.
    for start in [
        "Yes, that would be my personal view",
        "Britain has sent teams",
        "One of the great dangers here",
    ] {
        assert_eq!(
            who(find(&quotes, start)),
            (Some("William Hague"), Some("GBRGOV")),
            "{start}"
        );
    }
    // Both pull quotes are captions of Cameron and Hague.
    let cameron = find(&quotes, "We will not abandon Syrian people");
    assert_eq!(cameron.kind, QuoteKind::Caption);
    assert_eq!(who(cameron), (Some("David Cameron"), Some("GBRGOV")));
    let hague = find(&quotes, "Assad should appear before");
    assert_eq!(hague.kind, QuoteKind::Caption);
    assert_eq!(who(hague), (Some("William Hague"), Some("GBRGOV")));
    // The partial quotation and the indirect speech.
    let partial = find(&quotes, "we will not abandon");
    assert_eq!(partial.kind, QuoteKind::Partial);
    assert_eq!(who(partial), (Some("Downing Street"), Some("GBRGOV")));
    let meet = find(&quotes, "he would meet Syrian opposition groups");
    assert!(!meet.direct);
    assert_eq!(who(meet), (Some("William Hague"), Some("GBRGOV")));
    // A scare quote with no speech verb gets no speaker rather than a guess.
    let options = find(&quotes, "all the options on the table");
    assert!(options.speaker.is_none());
    assert_eq!(options.attribution, Attribution::None);
    // Counts: three Syrian diplomats expelled.
    assert!(
        facts
            .counts
            .iter()
            .any(|c| c.act == "EXPEL" && c.number == 3 && c.what == "Syrian diplomats"),
        "{:?}",
        facts.counts
    );
    assert!(facts.themes.iter().any(|t| t.theme == "SANCTIONS"));
    assert!(facts.people.iter().any(|p| p.name == "William Hague"));
    assert!(facts.tone.words > 700);
}
