//! The store end to end, without the binary: idempotency, stories, merged events and their
//! counts, queries, series, exports (Parquet read back), recoding, determinism, and the
//! committed fixture of schema version 1.

use std::path::{Path, PathBuf};

use tacitus_model::event::{ActorRef, DateMethod, Modality, Plover, SentenceRef, TextRef};
use tacitus_model::{BlockKind, Document, Event, Metadata, Paragraph, Sentence, Span};
use tacitus_store::query::{By, EventFilter, Interval};
use tacitus_store::synth::{EventGenerator, sample_codes};
use tacitus_store::{
    Analysis, MentionRow, Outcome, Prepared, QuotationRow, SpeakerRow, Store, StoryMatch, export,
};

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tacitus-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("store.sqlite")
}

/// A one-paragraph document whose sentences split at ". ".
fn doc(id: &str, outlet: &str, text: &str) -> Document {
    let mut sentences = Vec::new();
    let mut start = 0;
    for part in text.split_inclusive(". ") {
        let end = start + part.trim_end().len();
        sentences.push(Sentence {
            span: Span::new(start, end),
            kind: BlockKind::Body,
            paragraph: 0,
            tokens: Vec::new(),
        });
        start += part.len();
    }
    Document {
        id: id.into(),
        meta: Metadata {
            source: format!("{id}.txt"),
            outlet: Some(outlet.into()),
            url: Some(format!("https://{outlet}.example/{id}")),
            title: Some(format!("Title of {id}")),
            ..Metadata::default()
        },
        text: text.into(),
        paragraphs: vec![Paragraph {
            span: Span::new(0, text.len()),
            kind: BlockKind::Body,
        }],
        sentences,
        offsets: Default::default(),
        diagnostics: Vec::new(),
    }
}

fn actor(d: &Document, words: &str, code: &str) -> ActorRef {
    let start = d.text.find(words).expect("words in text");
    ActorRef {
        code: Some(code.into()),
        name: Some(words.into()),
        text: words.into(),
        start,
        end: start + words.len(),
    }
}

/// An event read from sentence `s` of `d`.
#[allow(clippy::too_many_arguments)]
fn event(
    d: &Document,
    s: usize,
    source: (&str, &str),
    verb: &str,
    target: (&str, &str),
    cameo: &str,
    goldstein: f64,
    plover: &str,
    date: &str,
) -> Event {
    let span = d.sentences[s].span;
    let t = d.text.find(verb).unwrap();
    Event {
        id: format!("{}-{s}-{cameo}", d.id),
        doc: d.id.clone(),
        date: Some(date.parse().unwrap()),
        date_method: DateMethod::Explicit,
        date_text: None,
        sentence: SentenceRef {
            index: s,
            text: d.slice(span).into(),
            start: span.start,
            end: span.end,
        },
        source: Some(actor(d, source.0, source.1)),
        target: Some(actor(d, target.0, target.1)),
        cameo: cameo.into(),
        root: cameo[..2].into(),
        quad_class: tacitus_store::synth::quad_class(&cameo[..2]),
        goldstein,
        plover: Plover {
            kind: plover.into(),
            mode: String::new(),
        },
        trigger: TextRef {
            text: verb.into(),
            start: t,
            end: t + verb.len(),
        },
        location: Some(tacitus_model::event::Location {
            name: "Houla".into(),
            country: "SYR".into(),
            lat: 34.88,
            lon: 36.52,
            mention: None,
        }),
        modality: Modality::Asserted,
        negated: false,
        pattern: "test:1".into(),
    }
}

const WIRE: &str = "Syrian forces shelled civilians in Houla on Friday, killing dozens of people. \
    The British foreign secretary condemned the Syrian government for the massacre in a statement. \
    United Nations monitors visited the town on Saturday and counted the dead in the streets. \
    Residents said the shelling began at noon and lasted for several hours without a pause.";

/// The analysis of a copy of the wire story: two events and one quotation.
fn wire_analysis(d: &Document) -> Analysis {
    Analysis {
        mentions: vec![MentionRow {
            kind: "organization".into(),
            text: "Syrian forces".into(),
            start: 0,
            end: 13,
            sentence: 0,
            name: Some("Syrian forces".into()),
            code: Some("SYRMIL".into()),
            method: "dictionary".into(),
            place: None,
        }],
        events: vec![
            event(
                d,
                0,
                ("Syrian forces", "SYRMIL"),
                "shelled",
                ("civilians", "SYRCVL"),
                "190",
                -10.0,
                "ASSAULT",
                "2012-05-25",
            ),
            event(
                d,
                1,
                ("British foreign secretary", "GBRGOV"),
                "condemned",
                ("Syrian government", "SYRGOV"),
                "111",
                -2.0,
                "ACCUSE",
                "2012-05-27",
            ),
        ],
        quotations: vec![QuotationRow {
            text: "the shelling began at noon".into(),
            start: 0,
            end: 10,
            direct: false,
            speaker: Some(SpeakerRow {
                text: "Residents".into(),
                name: None,
                code: Some("SYRCVL".into()),
                start: 0,
                end: 9,
            }),
            cue: Some("said".into()),
        }],
        facts: serde_json::json!({"country": "SYR"}),
    }
}

fn prepared(d: Document, a: Analysis) -> Prepared {
    Prepared::new(d, 0, a)
}

/// Three outlets carry the wire story (one copy exact, one edited), a fourth article is
/// another story.
fn wire_store(name: &str) -> Store {
    let mut store = Store::open(&temp_db(name)).unwrap();
    let run = store.run(&Default::default()).unwrap();
    let a = doc("a", "alpha", WIRE);
    let b = doc("b", "bravo", WIRE);
    let edited = WIRE.replace("dozens of people", "at least 90 people");
    let c = doc("c", "charlie", &edited);
    let c2 = doc(
        "c2",
        "charlie",
        &edited.replace("several hours", "three hours"),
    );
    let other = doc(
        "z",
        "alpha",
        "The central bank raised interest rates on Tuesday to curb inflation. \
         Markets fell sharply after the announcement in London.",
    );
    let items: Vec<Prepared> = [a, b, c, c2]
        .into_iter()
        .map(|d| {
            let an = wire_analysis(&d);
            prepared(d, an)
        })
        .chain([prepared(other, Analysis::default())])
        .collect();
    let out = store.put(&items, run).unwrap();
    assert!(matches!(
        out[0],
        Outcome::Stored {
            how: StoryMatch::New,
            ..
        }
    ));
    assert!(matches!(
        out[1],
        Outcome::Stored {
            how: StoryMatch::Exact,
            ..
        }
    ));
    assert!(matches!(
        out[2],
        Outcome::Stored {
            how: StoryMatch::Near,
            ..
        }
    ));
    assert!(matches!(
        out[4],
        Outcome::Stored {
            how: StoryMatch::New,
            ..
        }
    ));
    store
}

#[test]
fn storing_twice_adds_nothing() {
    let mut store = Store::open(&temp_db("twice")).unwrap();
    let run = store.run(&Default::default()).unwrap();
    let d = doc("a", "alpha", WIRE);
    let an = wire_analysis(&d);
    let p = prepared(d, an);
    store.put(std::slice::from_ref(&p), run).unwrap();
    let before = store.counts().unwrap();
    // Twice more: in a later transaction, and twice within one.
    let out = store.put(&[p.clone(), p.clone()], run).unwrap();
    assert_eq!(out, vec![Outcome::AlreadyStored, Outcome::AlreadyStored]);
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(before.articles, 1);
    assert_eq!(before.events, 2);
    assert!(store.contains(&p.key).unwrap());
}

#[test]
fn copies_make_one_story_and_one_event_with_counts() {
    let store = wire_store("stories");
    let c = store.counts().unwrap();
    assert_eq!(c.articles, 5);
    assert_eq!(c.stories, 2);
    assert_eq!(c.event_mentions, 8);
    assert_eq!(c.events, 2, "the four copies' events merge into two");
    let events = store.events(&EventFilter::default()).unwrap();
    let assault = &events[0];
    assert_eq!(assault.event.cameo, "190");
    assert_eq!(assault.num_mentions, 4);
    assert_eq!(assault.num_articles, 4);
    assert_eq!(
        assault.num_sources, 3,
        "two copies come from the same outlet"
    );
    assert_eq!(assault.event.doc, "a", "the first mention's record is kept");
}

#[test]
fn queries_filter_by_actor_dyad_code_date_place_and_text() {
    let store = wire_store("queries");
    let q = |f: EventFilter| -> Vec<String> {
        store
            .events(&f)
            .unwrap()
            .into_iter()
            .map(|r| r.event.cameo)
            .collect()
    };
    assert_eq!(q(EventFilter::default()), vec!["190", "111"]);
    let by_actor = |a: &str| EventFilter {
        actors: vec![a.into()],
        ..Default::default()
    };
    assert_eq!(q(by_actor("SYRMIL")), vec!["190"]);
    assert_eq!(q(by_actor("SYR")), vec!["190", "111"]);
    assert_eq!(q(by_actor("GBR")), vec!["111"]);
    assert_eq!(q(by_actor("IGOUNO")), Vec::<String>::new());
    let dyad = |a: &str, b: &str, directed| EventFilter {
        dyad: Some((a.into(), b.into())),
        directed,
        ..Default::default()
    };
    assert_eq!(q(dyad("SYR", "GBR", false)), vec!["111"]);
    assert_eq!(q(dyad("SYR", "GBR", true)), Vec::<String>::new());
    assert_eq!(q(dyad("GBR", "SYR", true)), vec!["111"]);
    let code = |c: &str| EventFilter {
        cameo: Some(c.into()),
        ..Default::default()
    };
    assert_eq!(q(code("19")), vec!["190"]);
    assert_eq!(q(code("11")), vec!["111"]);
    assert_eq!(
        q(EventFilter {
            quad_class: Some(4),
            ..Default::default()
        }),
        vec!["190"]
    );
    assert_eq!(
        q(EventFilter {
            plover: Some("accuse".into()),
            ..Default::default()
        }),
        vec!["111"]
    );
    assert_eq!(
        q(EventFilter {
            from: Some("2012-05-26".parse().unwrap()),
            to: Some("2012-05-31".parse().unwrap()),
            ..Default::default()
        }),
        vec!["111"]
    );
    assert_eq!(
        q(EventFilter {
            country: Some("syr".into()),
            place: Some("houla".into()),
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        q(EventFilter {
            text: Some("condemned AND massacre".into()),
            ..Default::default()
        }),
        vec!["111"]
    );
    assert!(
        store
            .events(&EventFilter {
                actors: vec!["SYR%".into()],
                ..Default::default()
            })
            .is_err(),
        "codes are letters and digits"
    );
    let quotes = store.quotations(Some("syrcvl"), None, None).unwrap();
    assert_eq!(quotes.len(), 4);
    assert!(
        store
            .quotations(Some("nobody"), None, None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.quotations(None, Some("NOON"), Some(2)).unwrap().len(),
        2
    );
}

#[test]
fn series_by_week_month_and_dyad() {
    let store = wire_store("series");
    let rows = store
        .series(&EventFilter::default(), Interval::Week, By::All)
        .unwrap();
    // 2012-05-25 is a Friday (week of Monday 21 May), 2012-05-27 a Sunday: the same week.
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].period, "2012-05-21");
    assert_eq!(rows[0].events, 2);
    assert_eq!(rows[0].mentions, 8);
    assert_eq!(rows[0].goldstein, -12.0);
    let rows = store
        .series(&EventFilter::default(), Interval::Day, By::Dyad)
        .unwrap();
    let got: Vec<(String, String)> = rows.into_iter().map(|r| (r.period, r.key)).collect();
    assert_eq!(
        got,
        vec![
            ("2012-05-25".into(), "SYR-SYR".into()),
            ("2012-05-27".into(), "GBR-SYR".into())
        ]
    );
    let rows = store
        .series(&EventFilter::default(), Interval::Month, By::Country)
        .unwrap();
    assert_eq!(
        (rows[0].period.as_str(), rows[0].key.as_str()),
        ("2012-05", "SYR")
    );
}

#[test]
fn gdelt_exports_have_the_codebook_columns() {
    let store = wire_store("gdelt");
    let mut out = Vec::new();
    let n = export::gdelt_events(&store, &EventFilter::default(), false, &mut out).unwrap();
    assert_eq!(n, 2);
    let text = String::from_utf8(out).unwrap();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61, "{line}");
    }
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    let col = |name: &str| {
        let i = export::GDELT_EVENT_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap();
        first[i]
    };
    assert_eq!(col("SQLDATE"), "20120525");
    assert_eq!(col("MonthYear"), "201205");
    assert_eq!(col("Actor1Code"), "SYRMIL");
    assert_eq!(col("Actor1CountryCode"), "SYR");
    assert_eq!(col("Actor1Type1Code"), "MIL");
    assert_eq!(col("EventCode"), "190");
    assert_eq!(col("EventRootCode"), "19");
    assert_eq!(col("QuadClass"), "4");
    assert_eq!(col("GoldsteinScale"), "-10");
    assert_eq!(col("NumMentions"), "4");
    assert_eq!(col("NumSources"), "3");
    assert_eq!(col("NumArticles"), "4");
    assert_eq!(col("ActionGeo_FullName"), "Houla");
    assert_eq!(col("ActionGeo_CountryCode"), "SY", "FIPS, as GDELT");
    assert_eq!(export::fips("GBR"), Some("UK"));
    assert_eq!(export::fips("DEU"), Some("GM"));
    assert_eq!(export::fips("XYZ"), None);
    assert_eq!(col("SOURCEURL"), "https://alpha.example/a");
    let mut out = Vec::new();
    let n = export::gdelt_mentions(&store, &EventFilter::default(), true, &mut out).unwrap();
    assert_eq!(n, 8);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 9);
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 16, "{line}");
    }
    assert_eq!(
        export::actor_fields("IGOUNO", "United Nations")[..4],
        ["IGOUNO", "UNITED NATIONS", "", "UNO"].map(String::from)
    );
}

#[test]
fn jsonl_and_csv_exports() {
    let store = wire_store("jsonl");
    let mut out = Vec::new();
    export::jsonl(&store, &EventFilter::default(), &mut out).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    // The Event record's fields are all there and it reads back as an Event.
    let e: Event = serde_json::from_value(lines[0].clone()).unwrap();
    assert_eq!(e.cameo, "190");
    assert_eq!(lines[0]["num_sources"], 3);
    let mut out = Vec::new();
    export::csv(&store, &EventFilter::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().next().unwrap(), export::FLAT_COLUMNS.join(","));
    assert!(text.contains("\"Syrian forces shelled civilians in Houla on Friday, killing"));
}

#[test]
fn parquet_export_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let store = wire_store("parquet");
    let path = store.path().with_file_name("events.parquet");
    let file = std::fs::File::create(&path).unwrap();
    let n = export::parquet(&store, &EventFilter::default(), file).unwrap();
    assert_eq!(n, 2);
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let get = |row: &parquet::record::Row, name: &str| -> Field {
        row.get_column_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f.clone())
            .unwrap()
    };
    assert_eq!(get(&rows[0], "cameo"), Field::Str("190".into()));
    assert_eq!(get(&rows[0], "num_mentions"), Field::Long(4));
    assert_eq!(get(&rows[0], "goldstein"), Field::Double(-10.0));
    assert_eq!(get(&rows[0], "quad_class"), Field::Int(4));
    // 2012-05-25 is day 15,485 after 1970-01-01.
    assert_eq!(get(&rows[0], "date"), Field::Date(15_485));
    assert_eq!(get(&rows[1], "source_code"), Field::Str("GBRGOV".into()));
    assert_eq!(get(&rows[0], "plover_mode"), Field::Null);
}

#[test]
fn recoding_replaces_derived_records_and_keeps_the_text() {
    let mut store = wire_store("recode");
    let run2 = store
        .run(&tacitus_store::RunVersions {
            coder: "v2".into(),
            ..Default::default()
        })
        .unwrap();
    let ids = store.article_ids().unwrap();
    let first = ids[0];
    let mut d = store.document(first).unwrap();
    assert_eq!(d.text, WIRE);
    assert!(
        d.sentences.is_empty(),
        "sentences are derived: recode makes them"
    );
    let original = doc("a", "alpha", WIRE);
    d.sentences = original.sentences.clone();
    // The new coding drops the condemnation and recodes the shelling as 193.
    let mut an = wire_analysis(&d);
    an.events.truncate(1);
    an.events[0].cameo = "193".into();
    store.replace_analysis(first, &d, &an, 0, run2).unwrap();
    let c = store.counts().unwrap();
    assert_eq!(c.articles, 5);
    assert_eq!(c.event_mentions, 7);
    assert_eq!(
        c.events, 3,
        "190 (three copies), 111 (three copies), 193 (one)"
    );
    let events = store.events(&EventFilter::default()).unwrap();
    let counts: Vec<(String, i64)> = events
        .iter()
        .map(|r| (r.event.cameo.clone(), r.num_mentions))
        .collect();
    assert!(counts.contains(&("190".into(), 3)));
    assert!(counts.contains(&("193".into(), 1)));
    assert_eq!(store.article_events(first).unwrap().len(), 1);
    let runs = store.runs().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs[1].articles, 1,
        "the recoded article carries the new run"
    );
    // Full-text search follows the replaced sentences.
    assert_eq!(
        store
            .events(&EventFilter {
                text: Some("shelled".into()),
                ..Default::default()
            })
            .unwrap()
            .len(),
        2
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

/// Every export of a store built from generated events.
fn all_exports(store: &Store) -> Vec<u8> {
    let f = EventFilter::default();
    let mut out = Vec::new();
    export::gdelt_events(store, &f, true, &mut out).unwrap();
    export::gdelt_mentions(store, &f, true, &mut out).unwrap();
    export::jsonl(store, &f, &mut out).unwrap();
    export::csv(store, &f, &mut out).unwrap();
    export::parquet(store, &f, &mut out).unwrap();
    out
}

fn generated_store(name: &str) -> Store {
    let mut store = Store::open(&temp_db(name)).unwrap();
    let run = store.run(&Default::default()).unwrap();
    let mut g = EventGenerator::new(42, sample_codes(), jiff::civil::date(2012, 5, 1), 60);
    let mut batch = Vec::new();
    for _ in 0..200 {
        let (d, events) = g.article(5, 7);
        batch.push(Prepared::new(
            d,
            0,
            Analysis {
                events,
                ..Default::default()
            },
        ));
    }
    store.put(&batch, run).unwrap();
    store
}

#[test]
fn same_input_same_bytes() {
    let a = all_exports(&generated_store("det-a"));
    let b = all_exports(&generated_store("det-b"));
    assert!(a.len() > 10_000);
    assert!(
        a == b,
        "two stores built from the same input export the same bytes"
    );
}

#[test]
fn generated_events_feed_queries() {
    let store = generated_store("gen");
    let c = store.counts().unwrap();
    assert_eq!(c.articles, 200);
    assert_eq!(c.event_mentions, 1000);
    let assaults = store
        .events(&EventFilter {
            cameo: Some("19".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(!assaults.is_empty());
    assert!(
        assaults
            .iter()
            .all(|r| r.event.root == "19" && r.event.quad_class == 4)
    );
    let rows = store
        .series(&EventFilter::default(), Interval::Month, By::Root)
        .unwrap();
    let total: i64 = rows.iter().map(|r| r.events).sum();
    assert_eq!(total, c.events);
}

fn copy_fixture(name: &str) -> Option<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite");
    if !src.exists() {
        return None;
    }
    let dst = temp_db(name);
    std::fs::copy(&src, &dst).unwrap();
    Some(dst)
}

/// The fixture of schema version 1, made by `UPDATE_FIXTURE=1 cargo test -p tacitus-store
/// --test store fixture` with the v1 code: must open with every later version.
#[test]
fn fixture_of_schema_v1_still_opens() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.sqlite");
    if std::env::var_os("UPDATE_FIXTURE").is_some() {
        let _ = std::fs::remove_file(&fixture);
        let store = wire_store("fixture-make");
        store
            .connection()
            .execute("VACUUM INTO ?1", [fixture.to_str().unwrap()])
            .unwrap();
    }
    let path = copy_fixture("fixture").expect("tests/fixtures/schema-v1.sqlite is committed");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        tacitus_store::schema::SCHEMA_VERSION
    );
    let c = store.counts().unwrap();
    assert_eq!(
        (c.articles, c.stories, c.events, c.event_mentions),
        (5, 2, 2, 8)
    );
    assert_eq!(
        store.events(&EventFilter::default()).unwrap()[0].num_sources,
        3
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
    // Its stored signatures still match: a new copy of its story joins that story.
    let mut store = store;
    let run = store.run(&Default::default()).unwrap();
    let copy = doc("new", "delta", &WIRE.replace("several hours", "four hours"));
    let an = wire_analysis(&copy);
    let out = store.put(&[prepared(copy, an)], run).unwrap();
    assert!(
        matches!(
            out[0],
            Outcome::Stored {
                how: StoryMatch::Near,
                story: 1,
                ..
            }
        ),
        "{out:?}"
    );
    drop(store);
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(
        ro.quotations(Some("Residents"), None, None).unwrap().len(),
        5
    );
}

#[test]
fn a_newer_schema_is_refused() {
    let path = temp_db("newer");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite_free_bump(&path);
        drop(conn);
    }
    let err = Store::open(&path).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}

/// Sets the file's schema version one past this build's, through the store's own connection.
fn rusqlite_free_bump(path: &Path) -> Store {
    let store = Store::open(path).unwrap();
    store
        .connection()
        .pragma_update(
            None,
            "user_version",
            tacitus_store::schema::SCHEMA_VERSION + 1,
        )
        .unwrap();
    store
}
