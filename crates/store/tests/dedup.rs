//! Precision and recall of near-duplicate detection (stories) on a test set built by editing
//! real articles.
//!
//! The test set: every article of PolNeAR's training split (840 political news articles of
//! 2015-2016 by seven outlets, in `../shared/data/polnear`, never committed) is stored with two
//! edited copies made by `synth::edit` with seed 2026: one with light edits
//! (`EditRate::LIGHT`: 2% of words substituted, dropped or joined by a filler word, 10% of
//! sentences dropped, a boilerplate line half the time) and one with heavy edits
//! (`EditRate::HEAVY`: 8% of words, 25% of sentences). The 2,520 documents go into one store in
//! a seeded shuffled order. A pair of documents is a true duplicate when they come from the
//! same article; predicted when the store put them in the same story. Precision and recall are
//! over pairs. Distinct PolNeAR articles that are themselves near copies (an outlet running
//! another's story) count against precision: the figure is a lower bound.
//!
//! `cargo test -p tacitus-store --test dedup -- --nocapture` prints the figures.

use std::collections::BTreeMap;

use tacitus_model::{BlockKind, Document, Metadata, Paragraph, Span};
use tacitus_store::synth::{EditRate, Rng, edit};
use tacitus_store::{Analysis, Prepared, Store};

fn doc(id: String, text: String) -> Document {
    Document {
        meta: Metadata {
            source: id.clone(),
            ..Metadata::default()
        },
        id,
        paragraphs: vec![Paragraph {
            span: Span::new(0, text.len()),
            kind: BlockKind::Body,
        }],
        text,
        sentences: Vec::new(),
        offsets: Default::default(),
        diagnostics: Vec::new(),
    }
}

fn pairs(n: usize) -> u64 {
    (n * n.saturating_sub(1) / 2) as u64
}

#[test]
fn near_duplicates_precision_and_recall() {
    let Some(dir) = tacitus_text::eval::shared_path("data/polnear/train/text") else {
        eprintln!("skipping: ../shared/data/polnear is absent");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut rng = Rng::new(2026);
    // (id, base, kind, text)
    let mut items: Vec<(String, usize, &str, String)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        let light = edit(&text, &mut rng, EditRate::LIGHT);
        let heavy = edit(&text, &mut rng, EditRate::HEAVY);
        items.push((format!("base-{i}"), i, "base", text));
        items.push((format!("light-{i}"), i, "light", light));
        items.push((format!("heavy-{i}"), i, "heavy", heavy));
    }
    for i in (1..items.len()).rev() {
        let j = rng.below(i + 1);
        items.swap(i, j);
    }
    let path = std::env::temp_dir().join(format!("tacitus-dedup-{}.sqlite", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let mut store = Store::open(&path).unwrap();
    let run = store.run(&Default::default()).unwrap();
    let mut story_of = Vec::new();
    for chunk in items.chunks(256) {
        let batch: Vec<Prepared> = chunk
            .iter()
            .map(|(id, _, _, text)| {
                Prepared::new(doc(id.clone(), text.clone()), 0, Analysis::default())
            })
            .collect();
        for o in store.put(&batch, run).unwrap() {
            match o {
                tacitus_store::Outcome::Stored { story, .. } => story_of.push(story),
                other => panic!("every item is new: {other:?}"),
            }
        }
    }
    // Pairwise counts: predicted (same story), true (same base), both (same story and base).
    let mut by_story: BTreeMap<i64, usize> = BTreeMap::new();
    let mut by_base: BTreeMap<usize, usize> = BTreeMap::new();
    let mut by_both: BTreeMap<(i64, usize), usize> = BTreeMap::new();
    for (item, story) in items.iter().zip(&story_of) {
        *by_story.entry(*story).or_default() += 1;
        *by_base.entry(item.1).or_default() += 1;
        *by_both.entry((*story, item.1)).or_default() += 1;
    }
    let predicted: u64 = by_story.values().map(|&n| pairs(n)).sum();
    let truth: u64 = by_base.values().map(|&n| pairs(n)).sum();
    let both: u64 = by_both.values().map(|&n| pairs(n)).sum();
    let precision = both as f64 / predicted.max(1) as f64;
    let recall = both as f64 / truth.max(1) as f64;
    // Recall per kind of copy: is the copy in its base's story?
    let mut base_story = BTreeMap::new();
    for (item, story) in items.iter().zip(&story_of) {
        if item.2 == "base" {
            base_story.insert(item.1, *story);
        }
    }
    let mut found = BTreeMap::<&str, (usize, usize)>::new();
    for (item, story) in items.iter().zip(&story_of) {
        if item.2 != "base" {
            let e = found.entry(item.2).or_default();
            e.1 += 1;
            if base_story[&item.1] == *story {
                e.0 += 1;
            }
        }
    }
    eprintln!(
        "near duplicates: {} documents from {} articles, {} stories; pairwise precision {:.4} \
         ({both}/{predicted}), recall {:.4} ({both}/{truth})",
        items.len(),
        files.len(),
        by_story.len(),
        precision,
        recall
    );
    for (kind, (hit, n)) in &found {
        eprintln!(
            "  {kind} copies found in their article's story: {hit}/{n} ({:.4})",
            *hit as f64 / *n as f64
        );
    }
    // The wrong pairs: which distinct articles share a story, and are they copies themselves?
    let mut bases_in_story: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (story, base) in by_both.keys() {
        bases_in_story.entry(*story).or_default().push(*base);
    }
    let text_of: BTreeMap<usize, &str> = items
        .iter()
        .filter(|i| i.2 == "base")
        .map(|i| (i.1, i.3.as_str()))
        .collect();
    let (mut merged, mut copies) = (0, 0);
    for bases in bases_in_story.values() {
        for (i, a) in bases.iter().enumerate() {
            for b in &bases[i + 1..] {
                merged += 1;
                let j = tacitus_store::minhash::jaccard(text_of[a], text_of[b]);
                if j >= tacitus_store::minhash::THRESHOLD {
                    copies += 1;
                }
            }
        }
    }
    eprintln!(
        "  distinct articles put in one story: {merged} pairs, of which {copies} are near copies \
         in PolNeAR itself (word 3-gram Jaccard at or above {})",
        tacitus_store::minhash::THRESHOLD
    );
    assert!(precision >= 0.97, "precision {precision}");
    assert!(recall >= 0.95, "recall {recall}");
    let (hit, n) = found["light"];
    assert!(hit as f64 / n as f64 >= 0.98, "light copies {hit}/{n}");
    let _ = std::fs::remove_file(&path);
}
