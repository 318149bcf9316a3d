//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint UPOS+XPOS
//! classes, with word, affix, shape and context features, ambiguity classes of the words
//! around (the tags a word was seen with in training, a cheap look at the right context) and a
//! tag dictionary that settles frequent unambiguous words without scoring.

use std::collections::{BTreeMap, BTreeSet};

use crate::GrammarError;
use crate::binio::{Reader, Writer};
use crate::corpus::GoldSent;
use crate::hash::{FixedMap, Rng, fold32, hash_str, mix};
use crate::perceptron::{Learner, SparseModel};

/// One tagger class: a UPOS tag with a Penn tag.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TagClass {
    pub(crate) upos: String,
    pub(crate) xpos: String,
}

/// What the tagger knows of words besides its weights.
#[derive(Clone)]
pub(crate) struct Lexicon {
    pub(crate) classes: Vec<TagClass>,
    /// The key of each class's coarse (universal) tag, as parser features see it.
    pub(crate) coarse: Vec<u64>,
    /// Exact form → class for frequent unambiguous words, sorted by form.
    dict: Vec<(String, u8)>,
    dict_map: FixedMap<u64, u8>,
    /// Normalized-word key → ambiguity-class key, sorted.
    amb: Vec<(u32, u32)>,
    amb_map: FixedMap<u32, u32>,
}

/// The trained tagger.
pub(crate) struct Tagger {
    pub(crate) lex: Lexicon,
    /// The first, left-to-right pass.
    pub(crate) model: SparseModel,
    /// The second pass, which also sees the first pass's tags of the words to the right.
    pub(crate) second: Option<SparseModel>,
}

/// A token's precomputed feature values.
#[derive(Clone, Copy)]
pub(crate) struct Tok {
    pub(crate) norm: u64,
    form: u64,
    pre: [u64; 3],
    suf: [u64; 5],
    shape: u64,
    flags: u64,
    amb: u64,
    dict: Option<u8>,
}

impl Tok {
    fn pad(name: &str) -> Tok {
        let h = hash_str(name);
        Tok {
            norm: h,
            form: h,
            pre: [h; 3],
            suf: [h; 5],
            shape: h,
            flags: h,
            amb: h,
            dict: None,
        }
    }
}

/// Lowercased, with ASCII digits mapped to `0`: the word as features see it.
pub(crate) fn normalize(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = s;
        }
        out.push(s);
    }
    out
}

fn flags(form: &str) -> u64 {
    let mut f = 0u64;
    let mut upper = 0;
    let mut alpha = 0;
    for (i, c) in form.chars().enumerate() {
        if c.is_numeric() {
            f |= 1;
        }
        if c == '-' {
            f |= 2;
        }
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                f |= 4;
            }
        }
        if c.is_alphabetic() {
            alpha += 1;
        }
        if c == '.' {
            f |= 8;
        }
        if c == '@' || c == '/' || c == ':' {
            f |= 16;
        }
    }
    if alpha > 0 && upper == alpha {
        f |= 32;
    }
    if alpha == 0 {
        f |= 64;
    }
    f
}

const START: u64 = 1 << 20;
const START2: u64 = (1 << 20) + 1;

impl Lexicon {
    /// A lexicon that knows nothing.
    pub(crate) fn empty() -> Lexicon {
        Lexicon::build(Vec::new(), Vec::new(), Vec::new())
    }

    fn build(classes: Vec<TagClass>, dict: Vec<(String, u8)>, amb: Vec<(u32, u32)>) -> Lexicon {
        let dict_map = dict.iter().map(|(f, c)| (hash_str(f), *c)).collect();
        let amb_map = amb.iter().copied().collect();
        Lexicon {
            coarse: classes.iter().map(|c| hash_str(&c.upos)).collect(),
            classes,
            dict,
            dict_map,
            amb,
            amb_map,
        }
    }

    /// The feature values of a sentence, padded with two sentinels on each side.
    pub(crate) fn prepare(&self, forms: &[&str]) -> Vec<Tok> {
        let mut toks = Vec::with_capacity(forms.len() + 4);
        toks.push(Tok::pad("<S2>"));
        toks.push(Tok::pad("<S>"));
        for form in forms {
            let norm_s = normalize(form);
            let chars: Vec<char> = norm_s.chars().collect();
            let norm = hash_str(&norm_s);
            let affix = |k: usize, suffix: bool| -> u64 {
                let n = chars.len();
                let part = if k >= n {
                    &chars[..]
                } else if suffix {
                    &chars[n - k..]
                } else {
                    &chars[..k]
                };
                let h = part.iter().fold(0x811c_9dc5u64, |h, &c| mix(h, c as u64));
                mix(h, (k as u64) << 1 | suffix as u64)
            };
            let amb = self
                .amb_map
                .get(&fold32(norm))
                .map_or(0x5eed, |&a| a as u64);
            toks.push(Tok {
                norm,
                form: hash_str(form),
                pre: [affix(1, false), affix(2, false), affix(3, false)],
                suf: [
                    affix(1, true),
                    affix(2, true),
                    affix(3, true),
                    affix(4, true),
                    affix(5, true),
                ],
                shape: hash_str(&shape(form)),
                flags: flags(form),
                amb,
                dict: self.dict_map.get(&hash_str(form)).copied(),
            });
        }
        toks.push(Tok::pad("</S>"));
        toks.push(Tok::pad("</S2>"));
        toks
    }
}

/// The features of padded token `i` given the two previous classes.
fn features(toks: &[Tok], i: usize, p1: u64, p2: u64, right: Option<&[u64]>, out: &mut Vec<u64>) {
    out.clear();
    let t = &toks[i];
    let (m2, m1, n1, n2) = (&toks[i - 2], &toks[i - 1], &toks[i + 1], &toks[i + 2]);
    let mut id = 0u64;
    let mut f = |a: u64, b: u64| {
        id += 1;
        out.push(mix(mix(id.wrapping_mul(0x517c_c1b7_2722_0a95), a), b));
    };
    f(0, 0);
    f(t.norm, 0);
    f(t.form, 0);
    for s in t.suf {
        f(s, 0);
    }
    for p in t.pre {
        f(p, 0);
    }
    f(t.shape, 0);
    f(t.flags, 0);
    f(m1.norm, 0);
    f(m2.norm, 0);
    f(n1.norm, 0);
    f(n2.norm, 0);
    f(p1, 0);
    f(p2, 0);
    f(p1, p2);
    f(p1, t.norm);
    f(t.amb, 0);
    f(n1.amb, 0);
    f(n2.amb, 0);
    f(p1, t.amb);
    f(t.amb, n1.amb);
    f(m1.suf[2], 0);
    f(n1.suf[2], 0);
    f(n1.suf[1], t.suf[1]);
    f(mix(m1.norm, 1), t.norm);
    f(t.norm, n1.norm);
    f(mix(m1.shape, t.shape), n1.shape);
    f((i == 2) as u64, t.shape);
    f(p1, t.suf[2]);
    f(n1.shape, 0);
    f(p1, n1.amb);
    f(t.suf[3], n1.amb);
    f(t.suf[4], 0);
    if let Some(r) = right {
        f(r[i], 0);
        f(r[i + 1], 0);
        f(r[i + 2], 0);
        f(r[i + 1], r[i + 2]);
        f(p1, r[i + 1]);
        f(r[i + 1], t.norm);
        f(r[i], t.norm);
        f(r[i], t.suf[2]);
        f(mix(p1, r[i]), r[i + 1]);
    }
}

fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

fn argmax_f(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Number of feature templates of the first and second pass.
pub(crate) fn template_counts() -> (usize, usize) {
    let lex = Lexicon::build(Vec::new(), Vec::new(), Vec::new());
    let toks = lex.prepare(&["a"]);
    let right = pad_right(&[0]);
    let mut out = Vec::new();
    features(&toks, 2, START, START2, None, &mut out);
    let first = out.len();
    features(&toks, 2, START, START2, Some(&right), &mut out);
    (first, out.len())
}

/// First-pass classes padded like prepared tokens, as second-pass feature values.
fn pad_right(classes: &[u8]) -> Vec<u64> {
    let mut r = Vec::with_capacity(classes.len() + 4);
    r.extend([START + 10, START + 11]);
    r.extend(classes.iter().map(|&c| c as u64));
    r.extend([START + 12, START + 13]);
    r
}

/// One greedy pass over prepared tokens.
fn run_pass(model: &SparseModel, toks: &[Tok], right: Option<&[u64]>) -> Vec<u8> {
    let n = toks.len().saturating_sub(4);
    let mut out = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0i32; model.n_classes()];
    let (mut p1, mut p2) = (START, START2);
    for i in 2..2 + n {
        let c = match toks[i].dict {
            Some(c) => c,
            None => {
                features(toks, i, p1, p2, right, &mut feats);
                model.score(&feats, &mut scores);
                argmax(&scores) as u8
            }
        };
        out.push(c);
        p2 = p1;
        p1 = c as u64;
    }
    out
}

impl Tagger {
    /// Tags prepared tokens: one class per word.
    pub(crate) fn tag_prepared(&self, toks: &[Tok]) -> Vec<u8> {
        let first = run_pass(&self.model, toks, None);
        match &self.second {
            Some(m) => run_pass(m, toks, Some(&pad_right(&first))),
            None => first,
        }
    }

    pub(crate) fn n_weights(&self) -> usize {
        self.model.n_weights() + self.second.as_ref().map_or(0, |m| m.n_weights())
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.varint(self.lex.classes.len() as u64);
        for c in &self.lex.classes {
            w.str(&c.upos);
            w.str(&c.xpos);
        }
        w.varint(self.lex.dict.len() as u64);
        for (f, c) in &self.lex.dict {
            w.str(f);
            w.u8(*c);
        }
        w.varint(self.lex.amb.len() as u64);
        for (k, v) in &self.lex.amb {
            w.u32(*k);
            w.u32(*v);
        }
        self.model.write(w);
        match &self.second {
            Some(m) => {
                w.u8(1);
                m.write(w);
            }
            None => w.u8(0),
        }
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Tagger, GrammarError> {
        let n = r.count(2)?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let upos = r.str()?;
            let xpos = r.str()?;
            classes.push(TagClass { upos, xpos });
        }
        let n = r.count(2)?;
        let mut dict = Vec::with_capacity(n);
        for _ in 0..n {
            let f = r.str()?;
            let c = r.u8()?;
            if c as usize >= classes.len() {
                return Err(GrammarError::Corrupt(
                    "tag dictionary class out of range".into(),
                ));
            }
            dict.push((f, c));
        }
        let n = r.count(8)?;
        let mut amb = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.u32()?;
            let v = r.u32()?;
            amb.push((k, v));
        }
        let model = SparseModel::read(r)?;
        let second = match r.u8()? {
            0 => None,
            1 => Some(SparseModel::read(r)?),
            b => return Err(GrammarError::Corrupt(format!("bad second-pass flag {b}"))),
        };
        if model.n_classes() != classes.len()
            || second
                .as_ref()
                .is_some_and(|m| m.n_classes() != classes.len())
        {
            return Err(GrammarError::Corrupt("tagger class count mismatch".into()));
        }
        Ok(Tagger {
            lex: Lexicon::build(classes, dict, amb),
            model,
            second,
        })
    }
}

/// Settings of tagger training.
#[derive(Clone, Debug)]
pub(crate) struct TaggerSettings {
    /// Most epochs of the first pass (all of them without dev).
    pub(crate) epochs: usize,
    /// Most epochs of the second pass (0: no second pass).
    pub(crate) epochs2: usize,
    /// Folds for jackknifed first-pass tags of the second pass's training data.
    pub(crate) folds: usize,
    pub(crate) seed: u64,
    pub(crate) prune: f32,
    /// Stop after this many epochs without a better dev score.
    pub(crate) patience: usize,
}

/// Builds the lexicon (classes, tag dictionary, ambiguity classes) from training sentences.
fn build_lexicon(train: &[GoldSent]) -> Lexicon {
    let mut class_count: BTreeMap<TagClass, usize> = BTreeMap::new();
    for s in train {
        for (u, x) in s.upos.iter().zip(&s.xpos) {
            *class_count
                .entry(TagClass {
                    upos: u.clone(),
                    xpos: x.clone(),
                })
                .or_default() += 1;
        }
    }
    // At most 255 classes (the model stores class ids in a byte): the most frequent ones.
    let mut by_freq: Vec<(&TagClass, &usize)> = class_count.iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let keep: BTreeSet<TagClass> = by_freq.iter().take(255).map(|c| c.0.clone()).collect();
    let classes: Vec<TagClass> = keep.into_iter().collect();
    let index: BTreeMap<&TagClass, u8> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c, i as u8))
        .collect();
    let mut by_form: BTreeMap<&str, BTreeMap<u8, usize>> = BTreeMap::new();
    let mut by_norm: BTreeMap<String, BTreeMap<u8, usize>> = BTreeMap::new();
    for s in train {
        for i in 0..s.len() {
            let key = TagClass {
                upos: s.upos[i].clone(),
                xpos: s.xpos[i].clone(),
            };
            if let Some(&c) = index.get(&key) {
                *by_form
                    .entry(&s.forms[i])
                    .or_default()
                    .entry(c)
                    .or_default() += 1;
                *by_norm
                    .entry(normalize(&s.forms[i]))
                    .or_default()
                    .entry(c)
                    .or_default() += 1;
            }
        }
    }
    let mut dict = Vec::new();
    for (form, counts) in &by_form {
        let total: usize = counts.values().sum();
        let (best, n) = counts.iter().fold(
            (0u8, 0usize),
            |acc, (&c, &n)| if n > acc.1 { (c, n) } else { acc },
        );
        if total >= 20 && n as f64 / total as f64 >= 0.97 {
            dict.push((form.to_string(), best));
        }
    }
    let mut amb = Vec::new();
    for (norm, counts) in &by_norm {
        let total: usize = counts.values().sum();
        if total < 2 {
            continue;
        }
        let mut h = 0xa3b1u64;
        for (&c, &n) in counts {
            if n as f64 / total as f64 >= 0.02 {
                h = mix(h, c as u64 + 1);
            }
        }
        amb.push((fold32(hash_str(norm)), fold32(h)));
    }
    amb.sort_unstable();
    amb.dedup_by_key(|e| e.0);
    Lexicon::build(classes, dict, amb)
}

fn class_of(lex: &Lexicon, upos: &str, xpos: &str) -> Option<u8> {
    lex.classes
        .binary_search_by(|c| (c.upos.as_str(), c.xpos.as_str()).cmp(&(upos, xpos)))
        .ok()
        .map(|i| i as u8)
}

fn accuracy_of(lex: &Lexicon, sents: &[GoldSent], tags: &[Vec<u8>]) -> (f64, f64) {
    let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
    for (s, tags) in sents.iter().zip(tags) {
        for (i, &c) in tags.iter().enumerate() {
            let cl = &lex.classes[c as usize];
            n += 1;
            u += (cl.upos == s.upos[i]) as usize;
            x += (cl.xpos == s.xpos[i]) as usize;
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
    (pct(u), pct(x))
}

/// Training data of one pass: prepared tokens, gold classes and (second pass) first-pass tags.
struct PassData<'a> {
    toks: &'a [Vec<Tok>],
    gold: &'a [Vec<Option<u8>>],
    right: Option<&'a [Vec<u64>]>,
}

/// Dev data of one pass: sentences, prepared tokens and (second pass) first-pass tags.
struct PassDev<'a> {
    sents: &'a [GoldSent],
    toks: &'a [Vec<Tok>],
    right: Option<&'a [Vec<u64>]>,
}

/// Trains one pass; with dev data keeps the best epoch. Returns the model and its epochs.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    lex: &Lexicon,
    data: &PassData<'_>,
    dev: Option<PassDev<'_>>,
    epochs: usize,
    seed: u64,
    settings: &TaggerSettings,
    name: &str,
    progress: &mut dyn FnMut(&str),
) -> (SparseModel, usize) {
    let mut learner = Learner::new(lex.classes.len());
    let mut order: Vec<usize> = (0..data.toks.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; lex.classes.len()];
    let mut best: Option<(f64, usize, SparseModel)> = None;
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let (mut seen, mut right_count) = (0usize, 0usize);
        for &si in &order {
            let toks = &data.toks[si];
            let right = data.right.map(|r| &r[si][..]);
            let (mut p1, mut p2) = (START, START2);
            for (i, g) in data.gold[si].iter().enumerate() {
                let pred = match toks[i + 2].dict {
                    Some(c) => c as usize,
                    None => {
                        features(toks, i + 2, p1, p2, right, &mut feats);
                        learner.score(&feats, &mut scores);
                        let pred = argmax_f(&scores);
                        if let Some(g) = g {
                            learner.update(&feats, *g as usize, pred);
                        }
                        learner.tick();
                        pred
                    }
                };
                seen += 1;
                right_count += (Some(pred as u8) == *g) as usize;
                p2 = p1;
                p1 = pred as u64;
            }
        }
        let train_acc = 100.0 * right_count as f64 / seen.max(1) as f64;
        let Some(PassDev {
            sents: dev,
            toks: dev_toks,
            right: dev_right,
        }) = &dev
        else {
            progress(&format!(
                "tagger {name} epoch {epoch}: train {train_acc:.2}%"
            ));
            continue;
        };
        let model = learner.averaged(settings.prune);
        let tags: Vec<Vec<u8>> = dev_toks
            .iter()
            .enumerate()
            .map(|(i, t)| run_pass(&model, t, dev_right.map(|r| &r[i][..])))
            .collect();
        let (u, x) = accuracy_of(lex, dev, &tags);
        progress(&format!(
            "tagger {name} epoch {epoch}: train {train_acc:.2}%, dev UPOS {u:.2}% XPOS {x:.2}%"
        ));
        let score = u + x;
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, epoch, model));
        } else if best
            .as_ref()
            .is_some_and(|b| epoch >= b.1 + settings.patience)
        {
            break;
        }
    }
    match best {
        Some((_, epoch, model)) => (model, epoch),
        None => (learner.averaged(settings.prune), epochs),
    }
}

/// Trains a tagger; with `dev`, keeps the epochs that tag dev best and stops early. Returns
/// the tagger and the epochs of its first and second pass (for retraining without dev).
pub(crate) fn train(
    train: &[GoldSent],
    dev: Option<&[GoldSent]>,
    settings: &TaggerSettings,
    progress: &mut dyn FnMut(&str),
) -> (Tagger, usize, usize) {
    let lex = build_lexicon(train);
    let gold: Vec<Vec<Option<u8>>> = train
        .iter()
        .map(|s| {
            (0..s.len())
                .map(|i| class_of(&lex, &s.upos[i], &s.xpos[i]))
                .collect()
        })
        .collect();
    let toks: Vec<Vec<Tok>> = train.iter().map(|s| lex.prepare(&s.form_refs())).collect();
    let dev_toks: Vec<Vec<Tok>> = dev
        .unwrap_or(&[])
        .iter()
        .map(|s| lex.prepare(&s.form_refs()))
        .collect();
    let data = PassData {
        toks: &toks,
        gold: &gold,
        right: None,
    };
    let (first, e1) = train_pass(
        &lex,
        &data,
        dev.map(|d| PassDev {
            sents: d,
            toks: &dev_toks,
            right: None,
        }),
        settings.epochs,
        settings.seed,
        settings,
        "pass 1",
        progress,
    );
    if settings.epochs2 == 0 {
        return (
            Tagger {
                lex,
                model: first,
                second: None,
            },
            e1,
            0,
        );
    }
    // First-pass tags of the training data, jackknifed.
    let folds = settings.folds.max(2);
    let mut right: Vec<Vec<u64>> = vec![Vec::new(); train.len()];
    for k in 0..folds {
        let idx: Vec<usize> = (0..train.len()).filter(|i| i % folds != k).collect();
        let part_toks: Vec<Vec<Tok>> = idx.iter().map(|&i| toks[i].clone()).collect();
        let part_gold: Vec<Vec<Option<u8>>> = idx.iter().map(|&i| gold[i].clone()).collect();
        let part = PassData {
            toks: &part_toks,
            gold: &part_gold,
            right: None,
        };
        let (m, _) = train_pass(
            &lex,
            &part,
            None,
            e1,
            settings.seed.wrapping_add(101 + k as u64),
            settings,
            "fold",
            &mut |_| {},
        );
        for i in (0..train.len()).filter(|i| i % folds == k) {
            right[i] = pad_right(&run_pass(&m, &toks[i], None));
        }
    }
    let dev_right: Vec<Vec<u64>> = dev_toks
        .iter()
        .map(|t| pad_right(&run_pass(&first, t, None)))
        .collect();
    let data = PassData {
        toks: &toks,
        gold: &gold,
        right: Some(&right),
    };
    let (second, e2) = train_pass(
        &lex,
        &data,
        dev.map(|d| PassDev {
            sents: d,
            toks: &dev_toks,
            right: Some(&dev_right),
        }),
        settings.epochs2,
        settings.seed.wrapping_add(7),
        settings,
        "pass 2",
        progress,
    );
    (
        Tagger {
            lex,
            model: first,
            second: Some(second),
        },
        e1,
        e2,
    )
}
