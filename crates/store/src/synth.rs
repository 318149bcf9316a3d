//! Deterministic generators for tests, evaluations and benchmarks. Nothing here is used by
//! ingest; nothing here ever reads a clock or an unseeded random source.
//!
//! - [`Rng`]: SplitMix64, a small seeded generator.
//! - [`edit`]: a near-duplicate of an article, as an outlet makes of wire copy: words
//!   substituted or dropped, a sentence dropped, a sentence or a boilerplate line added, a
//!   headline rewritten. Used to build the near-duplicate test set (`tests/dedup.rs`) and the
//!   benchmark corpus.
//! - [`EventGenerator`]: synthetic coded events with real CAMEO codes, their roots, QuadClass,
//!   Goldstein scores and PLOVER types, varied actors, dates and places, for query and export
//!   tests and the million-event benchmark.

use jiff::civil::Date;
use tacitus_model::event::{
    ActorRef, DateMethod, Location, Modality, Plover, SentenceRef, TextRef,
};
use tacitus_model::{BlockKind, Document, Event, Metadata, Paragraph, Sentence, Span};

/// SplitMix64: small, fast, seeded, good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words an editor puts in.
const FILLER: &[&str] = &[
    "reportedly",
    "also",
    "officials",
    "said",
    "on",
    "Monday",
    "Tuesday",
    "late",
    "early",
    "local",
    "sources",
    "however",
    "meanwhile",
    "several",
    "further",
    "today",
    "statement",
];

/// Lines outlets add to wire copy.
const BOILERPLATE: &[&str] = &[
    "Reporting by staff; editing by the news desk.",
    "Additional reporting by our correspondents.",
    "This story has been updated with new information.",
    "Copyright the news agency. All rights reserved.",
];

/// How hard [`edit`] edits.
#[derive(Clone, Copy, Debug)]
pub struct EditRate {
    /// Probability that a word is substituted, dropped or joined by a filler word.
    pub word: f64,
    /// Probability that a sentence is dropped.
    pub drop_sentence: f64,
}

impl EditRate {
    /// Light edits: a copy a reader would call the same story (2% of words, 10% of sentences).
    pub const LIGHT: EditRate = EditRate {
        word: 0.02,
        drop_sentence: 0.10,
    };
    /// Heavy edits (8% of words, 25% of sentences): still the same story, harder to see.
    pub const HEAVY: EditRate = EditRate {
        word: 0.08,
        drop_sentence: 0.25,
    };
}

/// A near-duplicate of `text`: sentences (split at `. `) dropped with `rate.drop_sentence`
/// (never all), words substituted, dropped or joined by a filler word with `rate.word`, a
/// boilerplate line added half the time.
pub fn edit(text: &str, rng: &mut Rng, rate: EditRate) -> String {
    let sentences: Vec<&str> = text.split_inclusive(". ").collect();
    let mut kept: Vec<&str> = sentences
        .iter()
        .copied()
        .filter(|_| !rng.chance(rate.drop_sentence))
        .collect();
    if kept.is_empty() {
        kept = sentences;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for s in kept {
        for (i, w) in s.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if rng.chance(rate.word) {
                match rng.below(3) {
                    0 => out.push_str(rng.pick::<&str>(FILLER)),
                    1 => {}
                    _ => {
                        out.push_str(w);
                        out.push(' ');
                        out.push_str(rng.pick::<&str>(FILLER));
                    }
                }
            } else {
                out.push_str(w);
            }
        }
    }
    if rng.chance(0.5) {
        out.push_str("\n\n");
        out.push_str(rng.pick::<&str>(BOILERPLATE));
    }
    out
}

/// A CAMEO event code with what follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code (`190`, `1823`).
    pub code: String,
    /// Goldstein score.
    pub goldstein: f64,
    /// PLOVER type.
    pub plover: String,
    /// PLOVER mode.
    pub mode: String,
}

/// QuadClass of a CAMEO root, as GDELT assigns it: 01-05 verbal cooperation (1), 06-08
/// material cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
pub fn quad_class(root: &str) -> u8 {
    match root.parse::<u8>().unwrap_or(0) {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

/// Reads CAMEO codes from the CAMEO Goldstein table (`CODE<TAB>SCORE` lines) and the
/// CAMEO-to-PLOVER table (`CODE: TYPE, mode, ...` lines). Codes without a PLOVER type or a
/// score are left out.
pub fn cameo_codes(goldstein_table: &str, plover_table: &str) -> Vec<CameoCode> {
    let mut plover = std::collections::BTreeMap::new();
    for line in plover_table.lines() {
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let rest = rest.split('#').next().unwrap_or("");
        let mut parts = rest.split(',').map(str::trim);
        let kind = parts.next().unwrap_or("").to_string();
        let mode = parts.next().unwrap_or("").to_string();
        if !kind.is_empty() && kind.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            plover.insert(code.to_string(), (kind, mode));
        }
    }
    let mut out = Vec::new();
    for line in goldstein_table.lines() {
        let mut parts = line.split_whitespace();
        let (Some(code), Some(score)) = (parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(goldstein), Some((kind, mode))) = (score.parse::<f64>(), plover.get(code)) else {
            continue;
        };
        if code.len() >= 3 {
            out.push(CameoCode {
                code: code.to_string(),
                goldstein,
                plover: kind.clone(),
                mode: mode.clone(),
            });
        }
    }
    out
}

/// A few codes for tests, with their real Goldstein scores and PLOVER types.
pub fn sample_codes() -> Vec<CameoCode> {
    [
        ("040", 1.0, "CONSULT", ""),
        ("036", 4.0, "CONSULT", ""),
        ("112", -2.0, "ACCUSE", ""),
        ("163", -8.0, "REDUCE_RELATIONS", "sanctions"),
        ("190", -10.0, "ASSAULT", ""),
        ("193", -10.0, "ASSAULT", ""),
        ("0871", 9.0, "AGREE", "ceasefire"),
    ]
    .into_iter()
    .map(|(code, goldstein, plover, mode)| CameoCode {
        code: code.into(),
        goldstein,
        plover: plover.into(),
        mode: mode.into(),
    })
    .collect()
}

/// Actors of synthetic events: (code, name).
const ACTORS: &[(&str, &str)] = &[
    ("SYR", "Syria"),
    ("SYRGOV", "Syrian government"),
    ("SYRMIL", "Syrian forces"),
    ("SYRCVL", "Syrian civilians"),
    ("SYRREB", "Syrian rebels"),
    ("GBR", "United Kingdom"),
    ("GBRGOV", "British government"),
    ("USA", "United States"),
    ("USAGOV", "US administration"),
    ("RUS", "Russia"),
    ("RUSGOV", "Russian government"),
    ("FRA", "France"),
    ("TUR", "Turkey"),
    ("IGOUNO", "United Nations"),
    ("IGOARL", "Arab League"),
    ("ISR", "Israel"),
    ("IRN", "Iran"),
    ("CHN", "China"),
];

/// Places of synthetic events: (name, ISO alpha-3, lat, lon).
const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Houla", "SYR", 34.88, 36.52),
    ("Damascus", "SYR", 33.51, 36.29),
    ("Homs", "SYR", 34.73, 36.71),
    ("London", "GBR", 51.51, -0.13),
    ("New York", "USA", 40.71, -74.01),
    ("Moscow", "RUS", 55.75, 37.62),
    ("Ankara", "TUR", 39.93, 32.86),
    ("Geneva", "CHE", 46.20, 6.15),
];

/// Builds synthetic articles, each with its coded events, for the query tests and the
/// million-event benchmark.
#[derive(Clone, Debug)]
pub struct EventGenerator {
    rng: Rng,
    codes: Vec<CameoCode>,
    start: Date,
    days: i64,
    n: usize,
}

impl EventGenerator {
    /// Events with these codes, dated over `days` days from `start`.
    pub fn new(seed: u64, codes: Vec<CameoCode>, start: Date, days: i64) -> EventGenerator {
        EventGenerator {
            rng: Rng::new(seed),
            codes,
            start,
            days: days.max(1),
            n: 0,
        }
    }

    /// The next article: a document of `events` sentences, one event per sentence, with the
    /// events. Its outlet is one of `outlets` synthetic outlets.
    pub fn article(&mut self, events: usize, outlets: usize) -> (Document, Vec<Event>) {
        self.n += 1;
        let id = format!("synth-{:08}", self.n);
        let day = self
            .start
            .checked_add(jiff::Span::new().days(self.rng.below(self.days as usize) as i64))
            .unwrap_or(self.start);
        let mut text = String::new();
        let mut sentences = Vec::new();
        let mut out = Vec::new();
        for i in 0..events.max(1) {
            let code = self.rng.pick(&self.codes).clone();
            let (sc, sn) = *self.rng.pick(ACTORS);
            let (tc, tn) = *self.rng.pick(ACTORS);
            let place = *self.rng.pick(PLACES);
            let start = text.len();
            let source_start = start;
            text.push_str(sn);
            let trigger_start = text.len() + 1;
            let verb = format!("did {} to", code.plover.to_lowercase());
            text.push(' ');
            text.push_str(&verb);
            text.push(' ');
            let target_start = text.len();
            text.push_str(tn);
            text.push_str(" in ");
            let place_start = text.len();
            text.push_str(place.0);
            text.push_str(&format!(" on {day} (report {} item {i}).", self.n));
            let end = text.len();
            text.push(' ');
            sentences.push(Sentence {
                span: Span::new(start, end),
                kind: BlockKind::Body,
                paragraph: 0,
                tokens: Vec::new(),
            });
            let root = code.code[..2].to_string();
            out.push(Event {
                id: format!("{id}-{i}"),
                doc: id.clone(),
                date: Some(day),
                date_method: DateMethod::Publication,
                date_text: None,
                sentence: SentenceRef {
                    index: i,
                    text: text[start..end].to_string(),
                    start,
                    end,
                },
                source: Some(ActorRef {
                    code: Some(sc.into()),
                    name: Some(sn.into()),
                    text: sn.into(),
                    start: source_start,
                    end: source_start + sn.len(),
                }),
                target: Some(ActorRef {
                    code: Some(tc.into()),
                    name: Some(tn.into()),
                    text: tn.into(),
                    start: target_start,
                    end: target_start + tn.len(),
                }),
                quad_class: quad_class(&root),
                root,
                cameo: code.code.clone(),
                goldstein: code.goldstein,
                plover: Plover {
                    kind: code.plover.clone(),
                    mode: code.mode.clone(),
                },
                trigger: TextRef {
                    text: verb.clone(),
                    start: trigger_start,
                    end: trigger_start + verb.len(),
                },
                location: Some(Location {
                    name: place.0.into(),
                    country: place.1.into(),
                    lat: place.2,
                    lon: place.3,
                    mention: Some(TextRef {
                        text: place.0.into(),
                        start: place_start,
                        end: place_start + place.0.len(),
                    }),
                }),
                modality: Modality::Asserted,
                negated: false,
                pattern: "synth".into(),
            });
        }
        let text = text.trim_end().to_string();
        let outlet = format!("outlet{}", self.rng.below(outlets.max(1)));
        let published = day
            .since(jiff::civil::date(1970, 1, 1))
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(i64::from(s.get_days()) * 86_400).ok())
            .map(tacitus_model::Instant::utc);
        let doc = Document {
            id: id.clone(),
            meta: Metadata {
                source: format!("synth#{}", self.n),
                url: Some(format!("https://{outlet}.example/{id}")),
                outlet: Some(outlet),
                published,
                ..Metadata::default()
            },
            paragraphs: vec![Paragraph {
                span: Span::new(0, text.len()),
                kind: BlockKind::Body,
            }],
            text,
            sentences,
            offsets: Default::default(),
            diagnostics: Vec::new(),
        };
        (doc, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_output() {
        let text = "One two three four five six. Seven eight nine ten eleven. Twelve thirteen.";
        let a = edit(text, &mut Rng::new(7), EditRate::HEAVY);
        let b = edit(text, &mut Rng::new(7), EditRate::HEAVY);
        assert_eq!(a, b);
        let mut g1 = EventGenerator::new(3, sample_codes(), jiff::civil::date(2012, 5, 1), 31);
        let mut g2 = g1.clone();
        assert_eq!(g1.article(3, 5), g2.article(3, 5));
    }

    #[test]
    fn synthetic_documents_are_valid_and_spans_match() {
        let mut g = EventGenerator::new(1, sample_codes(), jiff::civil::date(2012, 5, 1), 31);
        for _ in 0..20 {
            let (doc, events) = g.article(4, 3);
            doc.validate().unwrap();
            for e in events {
                assert_eq!(&doc.text[e.sentence.start..e.sentence.end], e.sentence.text);
                let s = e.source.unwrap();
                assert_eq!(&doc.text[s.start..s.end], s.text);
                assert_eq!(&doc.text[e.trigger.start..e.trigger.end], e.trigger.text);
                assert_eq!(e.quad_class, quad_class(&e.root));
            }
        }
    }

    #[test]
    fn cameo_tables_parse() {
        let g = "CAMEOEVENTCODE\tGOLDSTEINSCALE\n190\t-10.0\n0871\t9.0\n01\t0.0\n";
        let p = "# header\n190: ASSAULT, , # Use conventional force\n0871: AGREE, ceasefire, # x\n";
        let codes = cameo_codes(g, p);
        assert_eq!(codes.len(), 2);
        assert_eq!(codes[0].plover, "ASSAULT");
        assert_eq!(codes[1].mode, "ceasefire");
        assert_eq!(quad_class("19"), 4);
        assert_eq!(quad_class("04"), 1);
    }
}
