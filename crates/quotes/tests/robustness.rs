//! Bad input never panics: documents without a parse, odd marks, empty text.

use tacitus_annotate::actors::DocumentActors;
use tacitus_annotate::actors::Recognizer;
use tacitus_quotes::{FactFinder, find_quotations, gkg};

fn read(text: &str) -> Option<tacitus_model::Document> {
    tacitus_text::read::read_text_bytes("t", "t", text.as_bytes()).ok()
}

const ODD: &[&str] = &[
    "\"",
    "“”",
    "\"\"\"\"",
    "He said: \"",
    "“Open and never closed\n\n“Again\n\n“And again",
    "„Low and “high” marks“ and «guillemets» »",
    "Name: \"\"\n\nName: “x”",
    "\"a\" \"b\" \"c\" \"d, he said.",
    "According to",
    "according to \"x\"",
    "5,000,000,000,000,000,000,000 people were killed. Twenty-one were wounded.",
    "é\"ü\"ö “ß” 😀 said",
];

#[test]
fn odd_inputs_do_not_panic() {
    let dict = tacitus_annotate::dict::builtin().expect("dictionaries");
    let rec = Recognizer::new(&dict);
    let finder = FactFinder::builtin().expect("data");
    let grammar = tacitus_nlp::Grammar::embedded().expect("grammar");
    for text in ODD {
        let Some(mut doc) = read(text) else { continue };
        // Without a parse: tokens carry no heads.
        let bare = DocumentActors {
            context: rec.context(&doc),
            mentions: Vec::new(),
            diagnostics: Vec::new(),
        };
        let q = find_quotations(&doc, &bare);
        let f = finder.facts(&doc, &bare, &q);
        assert_eq!(gkg::row(&doc, &f, &q).split('\t').count(), 27);
        // With one.
        grammar.annotate(&mut doc);
        let actors = rec.recognize(&doc, None);
        let q = find_quotations(&doc, &actors);
        for quote in &q {
            assert!(quote.start <= quote.end && quote.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(quote.start) && doc.text.is_char_boundary(quote.end));
        }
        let f = finder.facts(&doc, &actors, &q);
        assert_eq!(gkg::row(&doc, &f, &q).split('\t').count(), 27);
    }
    let empty = tacitus_model::Document::default();
    let bare = DocumentActors {
        context: rec.context(&empty),
        mentions: Vec::new(),
        diagnostics: Vec::new(),
    };
    assert!(find_quotations(&empty, &bare).is_empty());
}

/// Pseudo-random articles (fixed seed) made of quotation marks, cues, names, numbers and
/// paragraph breaks: every span in bounds and on character boundaries, no panic.
#[test]
fn random_articles_do_not_panic() {
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "„",
        "«",
        "»",
        "'",
        "’",
        ":",
        ",",
        ".",
        " ",
        " ",
        " ",
        "\n\n",
        "\n",
        "said",
        "he",
        "added",
        "according to",
        "Hague",
        "William Hague",
        "the spokesman",
        "told",
        "three",
        "108",
        "2.5 million",
        "people",
        "killed",
        "were",
        "expelled",
        "diplomats",
        "—",
        "―",
        "Cameron",
        "é",
        "Syria",
        "that",
        "we",
        "will",
    ];
    let dict = tacitus_annotate::dict::builtin().expect("dictionaries");
    let rec = Recognizer::new(&dict);
    let finder = FactFinder::builtin().expect("data");
    let grammar = tacitus_nlp::Grammar::embedded().expect("grammar");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..60 {
        let n = 5 + (next() % 60) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let Some(mut doc) = read(&text) else { continue };
        grammar.annotate(&mut doc);
        let actors = rec.recognize(&doc, None);
        let quotes = find_quotations(&doc, &actors);
        for q in &quotes {
            assert!(q.start <= q.end && q.end <= doc.text.len(), "{text:?}");
            assert!(doc.text.is_char_boundary(q.start) && doc.text.is_char_boundary(q.end));
            if let Some(s) = &q.speaker {
                assert!(s.start <= s.end && s.end <= doc.text.len(), "{text:?}");
            }
        }
        let f = finder.facts(&doc, &actors, &quotes);
        assert_eq!(gkg::row(&doc, &f, &quotes).split('\t').count(), 27);
    }
}
