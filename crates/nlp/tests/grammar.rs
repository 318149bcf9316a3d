//! Tests of the embedded grammar model: loading, robustness, golden analyses of news
//! sentences, dev-set figures (when the shared data is present) and reproducible training.

use std::path::PathBuf;
use tacitus_text::eval::shared_path;

use tacitus_model::{BlockKind, Document, Paragraph, Sentence, Span, Token};
use tacitus_nlp::{Grammar, GrammarError};

fn grammar() -> &'static Grammar {
    Grammar::embedded().expect("the embedded model loads")
}

/// Splits a sentence into tokens: at spaces, with trailing punctuation and `'s` apart.
fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    for word in text.split(' ') {
        let start = offset + pos;
        pos += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let mut end = word.len();
        let mut tail = Vec::new();
        while end > 1 && matches!(word.as_bytes()[end - 1], b'.' | b',' | b'?' | b'!' | b':') {
            tail.push(Span::new(start + end - 1, start + end));
            end -= 1;
        }
        if word[..end].ends_with("'s") && end > 2 {
            tokens.push(Token::new(Span::new(start, start + end - 2)));
            tokens.push(Token::new(Span::new(start + end - 2, start + end)));
        } else {
            tokens.push(Token::new(Span::new(start, start + end)));
        }
        tokens.extend(tail.into_iter().rev().map(Token::new));
    }
    tokens
}

/// A document with one paragraph per sentence.
fn document(sentences: &[&str]) -> Document {
    let mut doc = Document {
        id: "golden".into(),
        ..Document::default()
    };
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            doc.text.push_str("\n\n");
        }
        let start = doc.text.len();
        doc.text.push_str(s);
        let span = Span::new(start, doc.text.len());
        doc.paragraphs.push(Paragraph {
            span,
            kind: BlockKind::Body,
        });
        doc.sentences.push(Sentence {
            span,
            kind: BlockKind::Body,
            paragraph: i,
            tokens: tokenize(s, start),
        });
    }
    doc
}

const NEWS: &[&str] = &[
    "Earlier this week the Government expelled three Syrian diplomats from the UK.",
    "Foreign Secretary William Hague visited Moscow for talks with his Russian counterpart and will hold further discussions at a summit in Turkey.",
    "Police arrested two protesters outside the embassy on Tuesday.",
    "The rebels attacked a military convoy near the border, killing four soldiers.",
    "The president's spokesman said the talks were held in Geneva.",
    "Israel accused Iran of supplying weapons to the militants.",
];

/// `(dependent form, relation, head form)` arcs of sentence `i` of the annotated document.
fn arcs(doc: &Document, i: usize) -> Vec<(String, String, String)> {
    let s = &doc.sentences[i];
    s.tokens
        .iter()
        .map(|t| {
            let head = match t.head {
                Some(0) | None => "ROOT".to_string(),
                Some(h) => doc.slice(s.tokens[h as usize - 1].span).to_string(),
            };
            (
                doc.slice(t.span).to_string(),
                t.deprel.clone().unwrap_or_default(),
                head,
            )
        })
        .collect()
}

fn has(arcs: &[(String, String, String)], dep: &str, rel: &str, head: &str) -> bool {
    arcs.iter().any(|a| a.0 == dep && a.1 == rel && a.2 == head)
}

/// Like [`has`], where `dep` may also be part of a name whose first word (the head of a `flat`
/// name in UD: "William Hague" is headed by "William") is the dependent.
fn has_name(arcs: &[(String, String, String)], dep: &str, rel: &str, head: &str) -> bool {
    has(arcs, dep, rel, head)
        || arcs
            .iter()
            .any(|a| a.1 == rel && a.2 == head && has(arcs, dep, "flat", &a.0))
}

#[test]
fn embedded_model_loads() {
    fn shareable<T: Send + Sync>(_: &T) {}
    let g = grammar();
    shareable(g);
    let a = g.analyze(&["Hello", "world", "."]);
    assert_eq!(a.len(), 3);
    assert_eq!(a.iter().filter(|a| a.head == 0).count(), 1);
}

#[test]
fn who_did_what_to_whom() {
    let mut doc = document(NEWS);
    tacitus_nlp::annotate(&mut doc).expect("embedded model");
    let a = arcs(&doc, 0);
    assert!(has(&a, "Government", "nsubj", "expelled"), "{a:?}");
    assert!(has(&a, "diplomats", "obj", "expelled"), "{a:?}");
    let a = arcs(&doc, 1);
    assert!(has_name(&a, "Hague", "nsubj", "visited"), "{a:?}");
    assert!(has(&a, "Moscow", "obj", "visited"), "{a:?}");
    let a = arcs(&doc, 2);
    assert!(has(&a, "Police", "nsubj", "arrested"), "{a:?}");
    assert!(has(&a, "protesters", "obj", "arrested"), "{a:?}");
    let a = arcs(&doc, 3);
    assert!(has(&a, "rebels", "nsubj", "attacked"), "{a:?}");
    assert!(has(&a, "convoy", "obj", "attacked"), "{a:?}");
    let a = arcs(&doc, 5);
    assert!(has(&a, "Israel", "nsubj", "accused"), "{a:?}");
    assert!(has(&a, "Iran", "obj", "accused"), "{a:?}");
}

#[test]
fn irregular_lemmas() {
    let g = grammar();
    let a = g.analyze(&["The", "children", "were", "held", "for", "two", "days", "."]);
    let lemmas: Vec<&str> = a.iter().map(|a| a.lemma.as_str()).collect();
    assert_eq!(
        lemmas,
        ["the", "child", "be", "hold", "for", "two", "day", "."]
    );
}

/// The CoNLL-U of the news sentences matches `tests/golden/news.conllu` (regenerate with
/// `UPDATE_GOLDEN=1` after retraining, and review the difference).
#[test]
fn golden_conllu() {
    let mut doc = document(NEWS);
    grammar().annotate(&mut doc);
    let got = tacitus_nlp::conllu::write_document(&doc);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/news.conllu");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).expect("write golden file");
    }
    let want = std::fs::read_to_string(&path).expect("golden file");
    assert_eq!(got, want);
    // The output is valid CoNLL-U with one root per sentence.
    let parsed = tacitus_model::conllu::parse(&got).expect("valid CoNLL-U");
    assert_eq!(parsed.len(), NEWS.len());
    for s in &parsed {
        assert_eq!(s.words.iter().filter(|w| w.head == 0).count(), 1);
        assert!(s.comment("sent_id").is_some() && s.comment("text").is_some());
    }
}

#[test]
fn never_panics_on_odd_input() {
    let g = grammar();
    assert!(g.analyze(&[]).is_empty());
    let long: Vec<String> = (0..500).map(|i| format!("w{i}")).collect();
    let refs: Vec<&str> = long.iter().map(String::as_str).collect();
    let a = g.analyze(&refs);
    assert_eq!(a.len(), 500);
    assert_eq!(a.iter().filter(|a| a.head == 0).count(), 1);
    assert!(a.iter().all(|a| a.head as usize <= 500));
    let odd = [
        "", " ", "\u{0}", "🙂", "ǅ", "İ", "\t\n", "-----", "0.5%", "a\u{301}",
    ];
    let a = g.analyze(&odd);
    assert_eq!(a.len(), odd.len());
    // A document with an empty sentence and odd tokens.
    let mut doc = document(&["", "🙂 !"]);
    g.annotate(&mut doc);
    assert!(doc.sentences[0].tokens.is_empty());
    assert!(doc.sentences[1].tokens.iter().all(|t| t.deprel.is_some()));
}

#[test]
fn stale_or_foreign_models_fail_clearly() {
    let bytes = grammar().to_bytes();
    assert!(matches!(
        Grammar::from_bytes(b""),
        Err(GrammarError::BadMagic)
    ));
    assert!(matches!(
        Grammar::from_bytes(b"PK\x03\x04 a zip file"),
        Err(GrammarError::BadMagic)
    ));
    let mut v = bytes.clone();
    v[8] = v[8].wrapping_add(1);
    assert!(matches!(
        Grammar::from_bytes(&v),
        Err(GrammarError::Version { .. })
    ));
    let mut v = bytes.clone();
    v[12] ^= 0xff;
    let err = Grammar::from_bytes(&v).unwrap_err();
    assert!(matches!(err, GrammarError::Config { .. }));
    assert!(err.to_string().contains("retrain"));
    for cut in [9, 30, bytes.len() / 2, bytes.len() - 1] {
        assert!(Grammar::from_bytes(&bytes[..cut]).is_err());
    }
    let mut v = bytes.clone();
    let mid = v.len() / 2;
    v[mid] ^= 0x55;
    assert!(matches!(
        Grammar::from_bytes(&v),
        Err(GrammarError::Corrupt(_))
    ));
    assert!(matches!(
        Grammar::load(std::path::Path::new("/nonexistent/model.grammar")),
        Err(GrammarError::Io { .. })
    ));
}

/// Dev figures of the embedded model stay at or above what it reached less 0.5 points.
#[test]
fn ewt_dev_figures() {
    let Some(path) = shared_path("data/ud-english-ewt/dev.conllu") else {
        eprintln!("skipping ewt_dev_figures: shared data not found (set TACITUS_SHARED)");
        return;
    };
    let text = std::fs::read_to_string(path).expect("read dev");
    let gold = tacitus_model::conllu::parse(&text).expect("parse dev");
    let e = tacitus_nlp::eval::evaluate(grammar(), &gold);
    let (upos, xpos, lemma, uas, las) = (
        e.pct(e.upos),
        e.pct(e.xpos),
        e.pct(e.lemma),
        e.pct(e.uas),
        e.pct(e.las),
    );
    eprintln!("EWT dev: UPOS {upos:.2} XPOS {xpos:.2} lemma {lemma:.2} UAS {uas:.2} LAS {las:.2}");
    let reached = DEV_REACHED;
    assert!(upos >= reached[0] - 0.5, "UPOS {upos:.2}");
    assert!(xpos >= reached[1] - 0.5, "XPOS {xpos:.2}");
    assert!(lemma >= reached[2] - 0.5, "lemma {lemma:.2}");
    assert!(uas >= reached[3] - 0.5, "UAS {uas:.2}");
    assert!(las >= reached[4] - 0.5, "LAS {las:.2}");
}

/// What the committed model reaches on EWT dev: UPOS, XPOS, lemma, UAS, LAS.
const DEV_REACHED: [f64; 5] = [94.87, 94.27, 96.83, 84.94, 81.97];

/// Training twice on the same data gives the same bytes; the model it gives loads and works.
#[test]
fn training_is_deterministic() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/news.conllu");
    let text = std::fs::read_to_string(path).expect("golden file");
    let mut sents = tacitus_model::conllu::parse(&text).expect("parse");
    if let Some(p) = shared_path("data/ud-english-ewt/train.conllu") {
        let text = std::fs::read_to_string(p).expect("read train");
        let mut train = tacitus_model::conllu::parse(&text).expect("parse train");
        train.truncate(300);
        sents.extend(train);
    }
    let (train, dev) = sents.split_at(sents.len() * 4 / 5);
    let config = tacitus_nlp::train::TrainConfig {
        tagger_epochs: 2,
        parser_epochs: 2,
        jackknife: 2,
        ..Default::default()
    };
    let a = tacitus_nlp::train::train(train, dev, &config, &mut |_| {}).to_bytes();
    let b = tacitus_nlp::train::train(train, dev, &config, &mut |_| {}).to_bytes();
    assert!(a == b, "two trainings gave different bytes");
    let g = Grammar::from_bytes(&a).expect("trained model loads");
    assert_eq!(g.analyze(&["It", "works", "."]).len(), 3);
}
