//! The example article of ../shared/examples, the standard every stage is first tried on:
//! its header, captions and the spokesman's quotation over five paragraphs.

use tacitus_model::{BlockKind, Document};
use tacitus_text::Reader;
use tacitus_text::eval::shared_path;

fn example() -> Option<Document> {
    let Some(path) = shared_path("examples/000_4006189a68e7e7bb.txt") else {
        eprintln!("skipped: ../shared/examples is absent (set TACITUS_SHARED to run this test)");
        return None;
    };
    let mut docs = Vec::new();
    Reader::default().read_file(&path, &mut |r| docs.push(r.expect("the example reads")));
    assert_eq!(docs.len(), 1);
    docs.pop()
}

#[test]
fn header() {
    let Some(doc) = example() else { return };
    assert_eq!(doc.id, "000_4006189a68e7e7bb");
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("Syria Crisis: National Security Council Say 'All Options On Table'")
    );
    let published = doc.meta.published.as_ref().expect("published");
    assert_eq!(published.rfc3339(), "2012-05-31T19:23:00Z");
    assert_eq!(published.local_rfc3339(), "2012-05-31T20:23:00+01:00");
    assert_eq!(
        doc.meta.updated.as_ref().map(|u| u.rfc3339()).as_deref(),
        Some("2012-05-31T19:29:00Z")
    );
    assert_eq!(doc.sentences[0].kind, BlockKind::Dateline);
    assert_eq!(doc.sentences[1].kind, BlockKind::Headline);
    doc.validate().unwrap();
}

#[test]
fn captions_are_captions() {
    let Some(doc) = example() else { return };
    let captions: Vec<&str> = doc
        .sentences
        .iter()
        .filter(|s| s.kind == BlockKind::Caption)
        .map(|s| doc.slice(s.span))
        .collect();
    assert_eq!(
        captions,
        vec![
            "Cameron: \"We will not abandon Syrian people\"",
            "Hague: \"Assad should appear before the International Criminal Court\"",
        ]
    );
    assert!(
        doc.sentences
            .iter()
            .filter(|s| s.kind == BlockKind::Body)
            .all(|s| !doc.slice(s.span).starts_with("Cameron: ")),
        "no caption is body"
    );
}

#[test]
fn the_spokesmans_quotation_over_five_paragraphs() {
    let Some(doc) = example() else { return };
    let texts: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
    let start = texts
        .iter()
        .position(|t| t.starts_with("The spokesman said: \"The Prime Minister convened"))
        .expect("the quotation's first sentence");
    let expected = [
        "The spokesman said: \"The Prime Minister convened a meeting of the National Security Council today to discuss the situation in Syria following the sickening massacre at Houla and the escalation in violence in recent days.",
        "\"The Prime Minister wants to be sure that we are doing all we can to bring an end to the violence in Syria and to support the process of transition.",
        "\"The National Security Council considered the range of diplomatic efforts being pursued by the Government and agreed that we need to keep working with our international partners to make clear to the Assad regime that they must comply with the Annan plan, to stop killing and maiming their own citizens and that those responsible for the brutal violence will be held accountable for their actions.",
        "\"They agreed that we should step up these efforts, including considering further sanctions.",
        "It is in the interest of everyone to put in place an orderly democratic transition that meets the aspirations of the Syrian people.",
        "\"The National Security Council considered all the options on the table.",
        "\"Our goal is a peaceful political transition and our focus remains on the Annan plan but the Assad regime should not make the mistake of believing that we will abandon the Syrian people.",
        "\"Today's meeting of the National Security Council comes after increased efforts by the Government to find a solution to the crisis.\"",
    ];
    assert_eq!(&texts[start..start + expected.len()], &expected[..]);
    // Seven paragraphs, eight sentences, all body.
    let paras: std::collections::BTreeSet<usize> = doc.sentences[start..start + expected.len()]
        .iter()
        .map(|s| s.paragraph)
        .collect();
    assert_eq!(paras.len(), 7);
}

#[test]
fn every_body_sentence_ends_where_it_should() {
    let Some(doc) = example() else { return };
    for s in doc.sentences.iter().filter(|s| s.kind == BlockKind::Body) {
        let t = doc.slice(s.span);
        assert!(
            t.ends_with(['.', '"', '?', '!']),
            "a body sentence ends with final punctuation: {t:?}"
        );
        assert!(!s.tokens.is_empty(), "tokens for {t:?}");
    }
}
