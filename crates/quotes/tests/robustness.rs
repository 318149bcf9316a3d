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
