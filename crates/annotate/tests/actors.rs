//! Actor recognition and resolution: golden tests on tiny test dictionaries, the example
//! article with the production dictionaries, a regression run over the sample articles and
//! the GUM news named-entity figures.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tacitus_text::eval::shared_path;

use tacitus_annotate::actors::{CountryMethod, DocumentActors, Recognizer, eval};
use tacitus_annotate::dict::{self, DataSet, Dictionaries};
use tacitus_annotate::places::Gazetteer;
use tacitus_model::Document;
use tacitus_nlp::Grammar;
use tacitus_text::{ReadOptions, Reader};

fn grammar() -> &'static Grammar {
    Grammar::embedded().expect("embedded grammar")
}

/// Reads every document of `path` and annotates it with the grammar.
fn read_docs(path: &Path) -> Vec<Document> {
    let reader = Reader::new(ReadOptions::default());
    let mut docs = Vec::new();
    reader.read_paths(&[path.display().to_string()], &mut |r| {
        if let Ok(mut d) = r {
            grammar().annotate(&mut d);
            docs.push(d);
        }
    });
    docs
}

/// Reads a text given inline (plain news text format).
fn read_text(name: &str, text: &str) -> Document {
    let reader = Reader::new(ReadOptions::default());
    let mut docs = Vec::new();
    reader.read_bytes(name, text.as_bytes(), &mut |r| {
        if let Ok(mut d) = r {
            grammar().annotate(&mut d);
            docs.push(d);
        }
    });
    docs.pop().expect("one document")
}

/// One line per mention, for golden files.
fn render(doc: &Document, actors: &DocumentActors) -> String {
    let mut out = String::new();
    let c = &actors.context;
    let _ = writeln!(
        out,
        "# {} day={} country={} method={:?}",
        doc.id,
        c.day.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
        c.country.as_deref().unwrap_or("-"),
        c.country_method
    );
    for m in &actors.mentions {
        let place = m
            .place
            .as_ref()
            .map(|p| format!(" @{}/{}", p.name, p.country))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}\t{}\t{}..{}\t{}\t{}\t{}\t{}{}",
            m.sentence,
            m.kind.as_str(),
            m.span.start,
            m.span.end,
            m.text,
            m.name.as_deref().unwrap_or("-"),
            m.code.as_deref().unwrap_or("-"),
            m.method.as_str(),
            place
        );
    }
    for d in &actors.diagnostics {
        let _ = writeln!(out, "! {} {}", d.code, d.message);
    }
    out
}

/// Compares `actual` with the committed golden file, or rewrites it with `UPDATE_EXPECT=1`.
fn expect_file(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/actors")
        .join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let exp: Vec<&str> = expected.lines().collect();
        let act: Vec<&str> = actual.lines().collect();
        let first = exp
            .iter()
            .zip(&act)
            .position(|(a, b)| a != b)
            .unwrap_or(exp.len().min(act.len()));
        let mut diff = Vec::new();
        for (sign, lines) in [("-", &exp), ("+", &act)] {
            for l in lines.iter().skip(first).take(6) {
                diff.push(format!("{sign} {l}"));
            }
        }
        panic!(
            "{} differs from the output ({} vs {} lines); rerun with UPDATE_EXPECT=1 if the change is \
             intended. From line {}:\n{}",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            first + 1,
            diff.join("\n")
        );
    }
}

/// The tiny test dictionaries of `tests/actors/dict/`.
fn tiny() -> Dictionaries {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/actors/dict");
    Dictionaries::parse(&DataSet::from_dir(&dir).expect("test data")).expect("test dictionaries")
}

/// Invented articles read against the tiny dictionaries: every rule once.
const TINY_ARTICLES: &[(&str, &str)] = &[
    (
        "a.txt",
        "12/03/2014 10:00 BST\n\nTesta Warns Syria\n\nPrime Minister Ana Testa told the National \
         Security Council on Monday that Syrian forces had shelled the town. The Prime Minister said \
         the regime must stop.\n\nFrench Foreign Minister Bo Sample met his Russian counterpart in \
         Moscow. Sample said the U.S. and the UN backed the ICC. Downing Street said three Syrian \
         diplomats were expelled.\n\nDr. Amal Haddad, director of the town's hospital, said WHO \
         staff had arrived. Who knows what comes next? Syrians fled to France and the Assad regime \
         said it would fight.\n",
    ),
    (
        "b.txt",
        "Talks\n\nAna Testa met Bo Sample in Paris. She said the government would act.\n",
    ),
    (
        "c.txt",
        "05/06/2008 09:00 BST\n\nVote\n\nAna Testa criticised the government. The UK and US agreed.\n",
    ),
];

#[test]
fn tiny_golden() {
    let dict = tiny();
    let rec = Recognizer::new(&dict);
    let mut out = String::new();
    for (name, text) in TINY_ARTICLES {
        let doc = read_text(name, text);
        out.push_str(&render(&doc, &rec.recognize(&doc, None)));
    }
    expect_file("tiny.out", &out);
}

/// The example article (HuffPost UK, 31 May 2012) with the production dictionaries: each
/// resolution the design asks for.
#[test]
fn example_article_resolutions() {
    let Some(path) = shared_path("examples/000_4006189a68e7e7bb.txt") else {
        eprintln!("skipping example_article_resolutions: ../shared is absent (set TACITUS_SHARED)");
        return;
    };
    let dict = dict::builtin().expect("built-in dictionaries");
    let rec = Recognizer::new(&dict);
    let docs = read_docs(&path);
    let actors = rec.recognize(&docs[0], Some(Gazetteer::builtin()));
    let shown = render(&docs[0], &actors);
    assert_eq!(
        actors.context.day.map(|d| d.to_string()).as_deref(),
        Some("2012-05-31")
    );
    assert_eq!(actors.context.country.as_deref(), Some("GBR"), "{shown}");
    // (text of the mention, code, canonical name if checked)
    let expected: &[(&str, &str, Option<&str>)] = &[
        ("David Cameron", "GBRGOV", Some("David Cameron")),
        ("Cameron", "GBRGOV", Some("David Cameron")),
        ("Prime Minister", "GBRGOV", Some("David Cameron")),
        ("Assad regime", "SYRGOV", None),
        ("Syrian diplomats", "SYRGOV", None),
        ("Syrian opposition groups", "SYROPP", None),
        ("Russian counterpart", "RUSGOV", None),
        ("National Security Council", "GBRGOV", None),
        (
            "French President Francois Hollande",
            "FRAGOV",
            Some("Francois Hollande"),
        ),
        (
            "UN Secretary-General Ban Ki-moon",
            "IGOUNO",
            Some("Ban Ki-moon"),
        ),
        (
            "UN secretary-general Kofi Annan",
            "IGOUNO",
            Some("Kofi Annan"),
        ),
        ("Annan", "IGOUNO", Some("Kofi Annan")),
        ("Russia", "RUS", None),
        ("China", "CHN", None),
        ("UN Human Rights Council", "IGOUNO", None),
        ("International Criminal Court", "IGOJUD", None),
        ("ICC", "IGOJUD", None),
        ("Channel 4 News", "GBRMED", None),
        ("Downing Street", "GBRGOV", None),
        ("Number 10 spokesman", "GBRGOV", None),
        (
            "Foreign Secretary William Hague",
            "GBRGOV",
            Some("William Hague"),
        ),
        ("Hague", "GBRGOV", Some("William Hague")),
        ("President Bashar Assad", "SYRGOV", Some("Bashar al-Assad")),
        ("Assad", "SYRGOV", Some("Bashar al-Assad")),
        ("Government", "GBRGOV", None),
        ("Syrian leader", "SYRGOV", None),
    ];
    let mut missing = Vec::new();
    for (text, code, name) in expected {
        let found = actors.mentions.iter().any(|m| {
            m.text.trim_start_matches("the ") == *text
                && m.code.as_deref() == Some(*code)
                && name.is_none_or(|n| m.name.as_deref() == Some(n))
        });
        if !found {
            missing.push(format!("{text} -> {code}"));
        }
    }
    assert!(missing.is_empty(), "missing {missing:?} in\n{shown}");
    // Moscow and Geneva are places resolved by the gazetteer.
    let moscow = actors
        .mentions
        .iter()
        .find(|m| m.text == "Moscow")
        .expect("Moscow");
    assert_eq!(
        moscow.place.as_ref().map(|p| p.country.as_str()),
        Some("RUS")
    );
    // "his Russian counterpart": his = William Hague.
    let his = actors
        .mentions
        .iter()
        .find(|m| m.text == "his")
        .expect("his");
    assert_eq!(his.name.as_deref(), Some("William Hague"));
    // Deterministic.
    let again = rec.recognize(&docs[0], Some(Gazetteer::builtin()));
    assert_eq!(render(&docs[0], &again), shown);
}

/// Regression run: the entities of every article of `samples/articles` and of the text
/// articles of ../shared/examples, against `tests/actors/regression.out`, so that the effect of
/// a dictionary change can be read as a diff (`UPDATE_EXPECT=1` rewrites it).
#[test]
fn regression_run() {
    let Some(shared) = shared_path("examples") else {
        eprintln!("skipping regression_run: ../shared is absent (set TACITUS_SHARED)");
        return;
    };
    let dict = dict::builtin().expect("built-in dictionaries");
    let rec = Recognizer::new(&dict);
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples/articles");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [samples, shared] {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("article directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| {
                    ["txt", "html", "jsonl", "rss"].contains(&&*x.to_string_lossy())
                })
            })
            .collect();
        v.sort();
        files.extend(v);
    }
    let mut out = String::new();
    for f in files {
        for doc in read_docs(&f) {
            out.push_str(&render(
                &doc,
                &rec.recognize(&doc, Some(Gazetteer::builtin())),
            ));
        }
    }
    expect_file("regression.out", &out);
}

/// The article's country: the outlet's (name or domain), else the dateline's zone, else the
/// most mentioned; the day is the publication date or none (never today).
#[test]
fn article_context() {
    let dict = tiny();
    let rec = Recognizer::new(&dict);
    let read_jsonl = |line: &str| {
        let reader = Reader::new(ReadOptions::default());
        let mut docs = Vec::new();
        reader.read_bytes("x.jsonl", line.as_bytes(), &mut |r| docs.extend(r.ok()));
        docs.pop().expect("one document")
    };
    let outlet = read_jsonl(
        r#"{"id": "o", "source": "HuffPost UK", "published": "2012-05-31T19:23:00Z", "title": "T", "text": "The Prime Minister spoke in Moscow. Russia and Russia."}"#,
    );
    let c = rec.context(&outlet);
    assert_eq!(c.country.as_deref(), Some("GBR"));
    assert_eq!(c.country_method, Some(CountryMethod::Outlet));
    assert_eq!(c.day.map(|d| d.to_string()).as_deref(), Some("2012-05-31"));
    let url = read_jsonl(
        r#"{"id": "u", "url": "https://www.example.co.uk/news/1", "title": "T", "text": "Russia and Russia."}"#,
    );
    let a = rec.recognize(&url, None);
    assert_eq!(a.context.country.as_deref(), Some("GBR"));
    assert_eq!(a.context.day, None);
    assert!(a.diagnostics.iter().any(|d| d.code == "actors.no-date"));
    let counted = read_jsonl(r#"{"id": "m", "title": "T", "text": "Russia, Moscow and France."}"#);
    let a = rec.recognize(&counted, None);
    assert_eq!(a.context.country.as_deref(), Some("RUS"));
    assert_eq!(a.context.country_method, Some(CountryMethod::MostMentioned));
}

/// Nothing panics on odd documents: empty, unparsed, no sentences, odd characters.
#[test]
fn odd_inputs_do_not_panic() {
    let dict = tiny();
    let rec = Recognizer::new(&dict);
    let empty = Document::default();
    let a = rec.recognize(&empty, None);
    assert!(a.mentions.is_empty());
    assert!(a.diagnostics.iter().any(|d| d.code == "actors.no-date"));
    for text in [
        "",
        "'s",
        "U.S.-U.K. Syria's -- - . ''",
        "ÉLYSÉE\u{0}\u{feff} Ünited Kingdom's forces forces forces",
        "The The The",
        "he he he. They they. His",
    ] {
        let reader = Reader::new(ReadOptions::default());
        reader.read_bytes("odd.txt", text.as_bytes(), &mut |r| {
            if let Ok(mut d) = r {
                grammar().annotate(&mut d);
                let _ = rec.recognize(&d, Some(Gazetteer::builtin()));
            }
        });
        // Without the grammar too.
        let reader = Reader::new(ReadOptions::default());
        reader.read_bytes("odd.txt", text.as_bytes(), &mut |r| {
            if let Ok(d) = r {
                let a = rec.recognize(&d, None);
                for m in &a.mentions {
                    assert_eq!(&d.text[m.span.start..m.span.end], m.text);
                }
            }
        });
    }
}

/// Random sentences of tricky words (a fixed seed): no panic, spans always match the text.
#[test]
fn random_sentences_do_not_panic() {
    let dict = dict::builtin().expect("built-in dictionaries");
    let rec = Recognizer::new(&dict);
    let words = [
        "the",
        "The",
        "Syrian",
        "forces",
        "U.S.",
        "US",
        "us",
        "WHO",
        "Who",
        "Prime",
        "Minister",
        "Assad",
        "regime",
        "his",
        "he",
        "they",
        "of",
        "des",
        "'s",
        "Ban",
        "Ki-moon",
        "-",
        "Dr.",
        "Paris",
        "Hague",
        ",",
        ".",
        "\"",
        "Council",
        "National",
        "Security",
        "François",
        "Église",
        "مرحبا",
        "UN",
        "Russia",
        "and",
        "said",
        "in",
        "Houla",
        "Professor",
        "IS",
        "is",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..200 {
        let n = (next() % 30) as usize;
        let text: Vec<&str> = (0..n)
            .map(|_| words[(next() % words.len() as u64) as usize])
            .collect();
        let text = format!("Head\n\n{}", text.join(" "));
        let doc = read_text("r.txt", &text);
        let a = rec.recognize(&doc, Some(Gazetteer::builtin()));
        for m in &a.mentions {
            assert_eq!(doc.slice(m.span), m.text, "{text}");
        }
    }
}

/// Named-entity figures on GUM news (24 Wikinews articles), with the production dictionaries
/// and the embedded grammar. The floors are the figures reached less 0.01.
#[test]
fn gum_news_ner() {
    let Some(dir) = shared_path("data/gum-news") else {
        eprintln!("skipping gum_news_ner: ../shared/data/gum-news is absent (set TACITUS_SHARED)");
        return;
    };
    let dict = dict::builtin().expect("built-in dictionaries");
    let rec = Recognizer::new(&dict);
    let report = eval::evaluate(&rec, &dir, &|d| grammar().annotate(d)).expect("GUM news");
    println!("{report}");
    // The issue's rule word for word (any linked mention, "we" and "the team" included).
    let literal = eval::evaluate_with(
        &rec,
        &dir,
        &|d| grammar().annotate(d),
        eval::GoldRule::Issue,
    )
    .expect("GUM news");
    println!("with the issue's gold rule word for word:\n{literal}");
    if std::env::var_os("GUM_VERBOSE").is_some() {
        // The misses, for error analysis: `GUM_VERBOSE=1 ... gum_news_ner -- --nocapture`.
        for mut g in eval::read_dir(&dir).expect("GUM news") {
            grammar().annotate(&mut g.doc);
            let pred = eval::predictions(&rec, &g.doc);
            let text = |l: &eval::Labeled| g.doc.text[l.start..l.end].to_string();
            for p in pred.iter().filter(|p| !g.gold.contains(p)) {
                println!("FP {} {} [{}]", g.doc.id, p.kind, text(p));
            }
            for p in g.gold.iter().filter(|p| !pred.contains(p)) {
                println!("FN {} {} [{}]", g.doc.id, p.kind, text(p));
            }
            let (fps, fns) = eval::overlap_misses(&g.gold, &pred);
            for p in &fps {
                println!("OFP {} {} {} [{}]", g.doc.id, p.kind, p.start, text(p));
            }
            for p in &fns {
                println!("OFN {} {} {} [{}]", g.doc.id, p.kind, p.start, text(p));
            }
            for p in &pred {
                println!(
                    "PRED {} {} {} {} [{}]",
                    g.doc.id,
                    p.kind,
                    p.start,
                    p.end,
                    text(p)
                );
            }
            for p in &g.gold {
                println!(
                    "GOLD {} {} {} {} [{}]",
                    g.doc.id,
                    p.kind,
                    p.start,
                    p.end,
                    text(p)
                );
            }
        }
    }
    assert_eq!(report.documents, 24);
    let f = |m: &std::collections::BTreeMap<&str, eval::Counts>, t: &str| m[t].f1();
    for (label, got, floor) in [
        ("overlap all", f(&report.overlap, "all"), OVERLAP_ALL - 0.01),
        (
            "overlap person",
            f(&report.overlap, "person"),
            OVERLAP_PERSON - 0.01,
        ),
        (
            "overlap organization",
            f(&report.overlap, "organization"),
            OVERLAP_ORG - 0.01,
        ),
        (
            "overlap place",
            f(&report.overlap, "place"),
            OVERLAP_PLACE - 0.01,
        ),
        ("exact all", f(&report.exact, "all"), EXACT_ALL - 0.01),
    ] {
        assert!(
            got >= floor,
            "{label} F1 {got:.3} fell below {floor:.3}\n{report}"
        );
    }
}

/// Figures reached on GUM news (F1).
const OVERLAP_ALL: f64 = 0.852;
const OVERLAP_PERSON: f64 = 0.859;
const OVERLAP_ORG: f64 = 0.831;
const OVERLAP_PLACE: f64 = 0.870;
const EXACT_ALL: f64 = 0.682;

/// Speed on the sample and example articles (release, one core): run with
/// `cargo test --release -p tacitus-annotate --test actors speed -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check: run it by name"]
fn speed() {
    let dict = dict::builtin().expect("built-in dictionaries");
    let t0 = std::time::Instant::now();
    let rec = Recognizer::new(&dict);
    let build = t0.elapsed();
    let mut docs = Vec::new();
    if let Some(dir) = shared_path("data/gum-news") {
        for mut g in eval::read_dir(&dir).expect("GUM") {
            grammar().annotate(&mut g.doc);
            docs.push(g.doc);
        }
    }
    if let Some(p) = shared_path("examples/000_4006189a68e7e7bb.txt") {
        docs.extend(read_docs(&p));
    }
    let _ = Gazetteer::builtin();
    let rounds = 5;
    for places in [false, true] {
        let g = places.then(Gazetteer::builtin);
        let t = std::time::Instant::now();
        let mut mentions = 0;
        let mut sentences = 0;
        for _ in 0..rounds {
            for d in &docs {
                mentions += rec.recognize(d, g).mentions.len();
                sentences += d.sentences.len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "recognizer built in {:.1} ms; {} documents x {rounds}, places {}: {:.0} entities/s, \
             {:.0} sentences/s (recognition and resolution only, grammar excluded)",
            build.as_secs_f64() * 1e3,
            docs.len(),
            if places { "resolved" } else { "not resolved" },
            mentions as f64 / secs,
            sentences as f64 / secs
        );
    }
}
