//! Training the grammar from CoNLL-U: tagger (with dev early stopping), lemmatizer, jackknifed
//! tags for the parser's training data, then the parser (dev early stopping). Single-threaded,
//! seeded and free of hash-map iteration, so the same data and settings give the same model
//! bytes on every run.

use std::collections::BTreeMap;
use std::time::Instant;

use tacitus_model::conllu::ConlluSentence;

use crate::Grammar;
use crate::corpus::GoldSent;
use crate::hash::Rng;
use crate::lemma::Lemmatizer;
use crate::parser::{self, Input, ParseExample, Parser, ParserSettings};
use crate::perceptron::Learner;
use crate::tagger::{self, Tagger, TaggerSettings};

/// Training settings. The defaults are the ones the committed model was trained with.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Most tagger epochs of each pass (dev decides the best).
    pub tagger_epochs: usize,
    /// Whether the tagger makes a second pass that sees the first pass's tags to the right.
    pub two_pass: bool,
    /// Most parser epochs (dev decides the best).
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags of the parser (0 or 1: tags from the full tagger).
    pub jackknife: usize,
    /// Seed of every shuffle and exploration draw.
    pub seed: u64,
    /// Tagger weights smaller than this (in averaged update units) are dropped.
    pub tagger_prune: f32,
    /// Parser weights smaller than this are dropped.
    pub parser_prune: f32,
    /// Epochs without dev improvement before stopping.
    pub patience: usize,
    /// Probability of following the parser's own mistaken action after the first epoch.
    pub explore: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 12,
            two_pass: false,
            parser_epochs: 15,
            jackknife: 4,
            seed: 20_251_129,
            tagger_prune: 0.05,
            parser_prune: 0.7,
            patience: 3,
            explore: 0.9,
        }
    }
}

/// Universal part of a dependency relation (`nmod:poss` → `nmod`).
pub(crate) fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

fn parser_input(tagger: &Tagger, s: &GoldSent, classes: &[u8]) -> Input {
    let toks = tagger.lex.prepare(&s.form_refs());
    Input::new(&toks, classes, &tagger.lex)
}

/// Labelled attachment score (universal relations) of a parser on dev, in percent.
fn dev_las(parser: &Parser, dev: &[GoldSent], inputs: &[Input]) -> (f64, f64) {
    let (mut n, mut u, mut l) = (0usize, 0usize, 0usize);
    for (s, x) in dev.iter().zip(inputs) {
        let (heads, labels) = parser.parse(x);
        for i in 0..s.len() {
            n += 1;
            if heads[i] == s.heads[i] {
                u += 1;
                if universal(&parser.labels[labels[i]]) == universal(&s.deprels[i]) {
                    l += 1;
                }
            }
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    (pct(u), pct(l))
}

/// Trains a grammar. `progress` receives one line per step and epoch.
pub fn train(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    config: &TrainConfig,
    progress: &mut dyn FnMut(&str),
) -> Grammar {
    let start = Instant::now();
    let mut say = |msg: &str| progress(&format!("[{:6.1}s] {msg}", start.elapsed().as_secs_f64()));
    let train: Vec<GoldSent> = train.iter().map(GoldSent::from_conllu).collect();
    let dev: Vec<GoldSent> = dev.iter().map(GoldSent::from_conllu).collect();
    say(&format!(
        "{} training sentences, {} dev sentences",
        train.len(),
        dev.len()
    ));

    let tsettings = TaggerSettings {
        epochs: config.tagger_epochs,
        epochs2: if config.two_pass {
            config.tagger_epochs
        } else {
            0
        },
        folds: config.jackknife.max(2),
        seed: config.seed,
        prune: config.tagger_prune,
        patience: config.patience,
    };
    let (tagger, tag_epochs, tag_epochs2) = tagger::train(
        &train,
        (!dev.is_empty()).then_some(&dev[..]),
        &tsettings,
        &mut |m| say(m),
    );
    say(&format!(
        "tagger: best after {tag_epochs}+{tag_epochs2} epochs, {} weights",
        tagger.n_weights()
    ));

    let lemmatizer = Lemmatizer::train(&train);
    say("lemmatizer trained");

    // Tags for the parser's training data: jackknifed, so that the parser learns from tags
    // as good (and as bad) as it will see.
    let mut train_tags: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    let folds = config.jackknife;
    if folds >= 2 && train.len() >= folds {
        for k in 0..folds {
            let part: Vec<GoldSent> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .map(|(_, s)| s.clone())
                .collect();
            let settings = TaggerSettings {
                epochs: tag_epochs,
                epochs2: tag_epochs2,
                seed: config.seed.wrapping_add(k as u64 + 1),
                ..tsettings.clone()
            };
            let (fold_tagger, _, _) = tagger::train(&part, None, &settings, &mut |_| {});
            for (i, s) in train.iter().enumerate().filter(|(i, _)| i % folds == k) {
                let toks = fold_tagger.lex.prepare(&s.form_refs());
                let classes = fold_tagger.tag_prepared(&toks);
                // Fold taggers may know other classes: map them to the full tagger's ids.
                train_tags[i] = classes
                    .iter()
                    .map(|&c| {
                        let cl = &fold_tagger.lex.classes[c as usize];
                        tagger.lex.classes.binary_search(cl).map_or(0, |j| j as u8)
                    })
                    .collect();
            }
            say(&format!("jackknife fold {}/{folds} tagged", k + 1));
        }
    } else {
        for (i, s) in train.iter().enumerate() {
            let toks = tagger.lex.prepare(&s.form_refs());
            train_tags[i] = tagger.tag_prepared(&toks);
        }
    }

    // Labels: sorted; at most 127 (the model stores 1 + 2 * labels classes in a byte).
    let mut label_count: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &train {
        for d in &s.deprels {
            *label_count.entry(d).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, usize)> = label_count.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut labels: Vec<String> = by_freq.iter().take(126).map(|l| l.0.to_string()).collect();
    if !labels.iter().any(|l| l == "root") {
        labels.push("root".to_string());
    }
    labels.sort();
    let root = labels.iter().position(|l| l == "root").unwrap_or(0);
    let n_labels = labels.len();

    let examples: Vec<ParseExample> = train
        .iter()
        .zip(&train_tags)
        .map(|(s, tags)| {
            let n = s.len();
            let mut heads = vec![usize::MAX; n + 2];
            let mut labs = vec![usize::MAX; n + 2];
            for i in 0..n {
                heads[i + 1] = if s.heads[i] == 0 {
                    n + 1
                } else {
                    s.heads[i] as usize
                };
                labs[i + 1] = labels
                    .binary_search_by(|l| l.as_str().cmp(&s.deprels[i]))
                    .unwrap_or(usize::MAX);
            }
            ParseExample {
                input: parser_input(&tagger, s, tags),
                heads,
                labels: labs,
            }
        })
        .collect();
    let dev_inputs: Vec<Input> = dev
        .iter()
        .map(|s| {
            let toks = tagger.lex.prepare(&s.form_refs());
            let classes = tagger.tag_prepared(&toks);
            parser_input(&tagger, s, &classes)
        })
        .collect();
    say("parser data ready");

    let psettings = ParserSettings {
        epochs: config.parser_epochs,
        seed: config.seed,
        prune: config.parser_prune,
        patience: config.patience,
        explore: config.explore,
    };
    let mut learner = Learner::new(1 + 2 * n_labels);
    let mut rng = Rng::new(psettings.seed ^ 0x9a45);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut parser = Parser {
        labels,
        root,
        model: learner.averaged(psettings.prune),
    };
    let mut best: Option<(f64, usize, crate::perceptron::SparseModel)> = None;
    for epoch in 1..=psettings.epochs {
        rng.shuffle(&mut order);
        let explore = if epoch == 1 { 0.0 } else { psettings.explore };
        let acc = parser::train_epoch(
            &mut learner,
            &examples,
            &order,
            n_labels,
            root,
            explore,
            &mut rng,
        );
        parser.model = learner.averaged(psettings.prune);
        if dev.is_empty() {
            say(&format!(
                "parser epoch {epoch}: train oracle agreement {acc:.2}%"
            ));
            continue;
        }
        let (uas, las) = dev_las(&parser, &dev, &dev_inputs);
        say(&format!(
            "parser epoch {epoch}: train {acc:.2}%, dev UAS {uas:.2}% LAS {las:.2}%, {} weights",
            parser.model.n_weights()
        ));
        if best.as_ref().is_none_or(|b| las > b.0) {
            let model = std::mem::replace(&mut parser.model, learner.averaged(psettings.prune));
            best = Some((las, epoch, model));
        } else if best
            .as_ref()
            .is_some_and(|b| epoch >= b.1 + psettings.patience)
        {
            break;
        }
    }
    if let Some((las, epoch, model)) = best {
        say(&format!(
            "parser: best dev LAS {las:.2}% after {epoch} epochs"
        ));
        parser.model = model;
    }
    Grammar {
        tagger,
        lemmatizer,
        parser,
    }
}
