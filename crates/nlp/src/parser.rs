//! The labelled dependency parser: arc-hybrid transitions (Kuhlmann et al. 2011) with the root
//! at the end of the buffer, so that every sentence gets exactly one root and every word a head;
//! a greedy averaged perceptron over Zhang & Nivre (2011) style features (words, tags, labels,
//! distance, valency, second-order children and label sets), trained with the dynamic oracle of
//! Goldberg & Nivre (2013) and exploration of the model's own mistakes.
//!
//! Actions are `SHIFT`, `LEFT(l)` (pop s0, attach it to b0) and `RIGHT(l)` (pop s0, attach it
//! to s1). Positions are 1..=n for words, `n + 1` for the root and 0 for "none".

use crate::GrammarError;
use crate::binio::{Reader, Writer};
use crate::hash::{Rng, hash_str, mix};
use crate::perceptron::{Learner, SparseModel};
use crate::tagger::{Lexicon, Tok};

/// The trained parser.
pub(crate) struct Parser {
    pub(crate) labels: Vec<String>,
    pub(crate) root: usize,
    pub(crate) model: SparseModel,
}

/// The words and tags of a sentence as the parser sees them: index 0 is "none", `n + 1` the
/// root.
pub(crate) struct Input {
    /// Normalized words.
    w: Vec<u64>,
    /// Tag classes.
    t: Vec<u64>,
    /// Coarse (universal) tags.
    u: Vec<u64>,
}

impl Input {
    /// From the tagger's prepared tokens (padded), the tag classes and the lexicon.
    pub(crate) fn new(toks: &[Tok], classes: &[u8], lex: &Lexicon) -> Input {
        let n = classes.len().min(toks.len().saturating_sub(4));
        let mut x = Input {
            w: Vec::with_capacity(n + 2),
            t: Vec::with_capacity(n + 2),
            u: Vec::with_capacity(n + 2),
        };
        x.push_pad("<NONE>", 1000);
        for i in 0..n {
            let c = classes[i];
            x.w.push(toks[i + 2].norm);
            x.t.push(c as u64);
            x.u.push(lex.coarse.get(c as usize).copied().unwrap_or(0));
        }
        x.push_pad("<ROOT>", 1001);
        x
    }

    fn push_pad(&mut self, name: &str, tag: u64) {
        let h = hash_str(name);
        self.w.push(h);
        self.t.push(tag);
        self.u.push(tag);
    }

    fn n(&self) -> usize {
        self.w.len() - 2
    }
}

const NONE: usize = 0;
const SHIFT: usize = 0;

/// A parser configuration.
struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    head: Vec<usize>,
    label: Vec<u64>,
    lc1: Vec<usize>,
    lc2: Vec<usize>,
    rc1: Vec<usize>,
    rc2: Vec<usize>,
    nl: Vec<u64>,
    nr: Vec<u64>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize, n_labels: usize) -> State {
        let m = n + 2;
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 1,
            head: vec![NONE; m],
            label: {
                let mut l = vec![n_labels as u64; m];
                l[0] = n_labels as u64 + 1;
                l
            },
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b > self.n
    }

    fn s(&self, k: usize) -> usize {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    fn bk(&self, k: usize) -> usize {
        let p = self.b + k;
        if p <= self.n + 1 { p } else { NONE }
    }

    fn apply(&mut self, action: usize, n_labels: usize) {
        if action == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let Some(d) = self.stack.pop() else { return };
        let (h, l, left) = if action <= n_labels {
            (self.b, action - 1, true)
        } else {
            (self.s(0), action - 1 - n_labels, false)
        };
        self.head[d] = h;
        self.label[d] = l as u64;
        let bit = 1u64 << (l % 64);
        if left {
            self.lc2[h] = self.lc1[h];
            self.lc1[h] = d;
            self.nl[h] += 1;
            self.lset[h] |= bit;
        } else {
            self.rc2[h] = self.rc1[h];
            self.rc1[h] = d;
            self.nr[h] += 1;
            self.rset[h] |= bit;
        }
    }

    /// Which action kinds are allowed: (shift, left non-root, left root, right).
    fn allowed(&self) -> (bool, bool, bool, bool) {
        let at_root = self.b == self.n + 1;
        let depth = self.stack.len();
        (
            self.b <= self.n,
            depth >= 1 && !at_root,
            depth == 1 && at_root,
            depth >= 2,
        )
    }
}

fn valid(action: usize, n_labels: usize, root: usize, allowed: (bool, bool, bool, bool)) -> bool {
    let (shift, left, left_root, right) = allowed;
    if action == SHIFT {
        shift
    } else if action <= n_labels {
        if action - 1 == root { left_root } else { left }
    } else {
        right && action - 1 - n_labels != root
    }
}

fn dist(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    let d = a.abs_diff(b);
    (if d > 5 { 5 + (d - 5).min(20) / 5 } else { d }) as u64
}

/// The feature keys of a configuration.
fn features(st: &State, x: &Input, out: &mut Vec<u64>) {
    out.clear();
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.bk(0), st.bk(1), st.bk(2));
    let (s0l, s0l2, s0r, s0r2) = (st.lc1[s0], st.lc2[s0], st.rc1[s0], st.rc2[s0]);
    let (b0l, b0l2) = (st.lc1[b0], st.lc2[b0]);
    let (s1l, s1r) = (st.lc1[s1], st.rc1[s1]);
    let w = |i: usize| x.w[i];
    let t = |i: usize| x.t[i];
    let u = |i: usize| x.u[i];
    let l = |i: usize| st.label[i];
    let wt = |i: usize| mix(x.w[i], x.t[i]);
    let d = dist(s0, b0);
    let d1 = dist(s1, s0);
    let mut id = 0u64;
    let mut f = |a: u64, b: u64, c: u64| {
        id += 1;
        out.push(mix(
            mix(mix(id.wrapping_mul(0x517c_c1b7_2722_0a95), a), b),
            c,
        ));
    };
    // Single words.
    for &i in &[s0, b0, b1, s1] {
        f(w(i), 0, 0);
        f(t(i), 0, 0);
        f(wt(i), 0, 0);
    }
    f(w(b2), 0, 0);
    f(t(b2), 0, 0);
    f(t(s2), 0, 0);
    f(w(s2), 0, 0);
    // Pairs s0-b0 (LEFT) and s1-s0 (RIGHT).
    f(wt(s0), wt(b0), 0);
    f(wt(s0), w(b0), 0);
    f(w(s0), wt(b0), 0);
    f(wt(s0), t(b0), 0);
    f(t(s0), wt(b0), 0);
    f(w(s0), w(b0), 0);
    f(t(s0), t(b0), 0);
    f(t(b0), t(b1), 0);
    f(w(b0), t(b1), 0);
    f(wt(s1), wt(s0), 0);
    f(wt(s1), w(s0), 0);
    f(w(s1), wt(s0), 0);
    f(wt(s1), t(s0), 0);
    f(t(s1), wt(s0), 0);
    f(w(s1), w(s0), 0);
    f(t(s1), t(s0), 0);
    // Tag trigrams.
    f(t(b0), t(b1), t(b2));
    f(t(s0), t(b0), t(b1));
    f(t(s1), t(s0), t(b0));
    f(t(s0), t(s0l), t(b0));
    f(t(s0), t(s0r), t(b0));
    f(t(s0), t(b0), t(b0l));
    f(t(s1), t(s0), t(s0l));
    f(t(s1), t(s0), t(s0r));
    f(t(s1), t(s1r), t(s0));
    f(t(s1), t(s1l), t(s0));
    f(t(s2), t(s1), t(s0));
    f(t(s1), t(s0), t(b1));
    f(w(s1), t(s0), t(b0));
    f(t(s1), w(s0), t(b0));
    f(t(s1), t(s0), w(b0));
    // Distance.
    f(w(s0), d, 0);
    f(t(s0), d, 0);
    f(w(b0), d, 0);
    f(t(b0), d, 0);
    f(w(s0), w(b0), d);
    f(t(s0), t(b0), d);
    f(t(s1), t(s0), d1);
    f(w(s1), w(s0), d1);
    f(w(s1), d1, 0);
    f(w(s0), d1, 0);
    f(wt(s1), t(s0), d1);
    // Valency.
    f(w(s0), st.nr[s0], 1);
    f(t(s0), st.nr[s0], 1);
    f(w(s0), st.nl[s0], 2);
    f(t(s0), st.nl[s0], 2);
    f(w(b0), st.nl[b0], 3);
    f(t(b0), st.nl[b0], 3);
    f(w(s1), st.nr[s1], 4);
    f(t(s1), st.nr[s1], 4);
    f(w(s1), st.nl[s1], 5);
    f(t(s1), st.nl[s1], 5);
    // Children.
    for &i in &[s0l, s0r, b0l, s1r, s1l] {
        f(w(i), 0, 0);
        f(t(i), 0, 0);
        f(l(i), 0, 0);
    }
    f(t(s0), l(s0l), l(s0r));
    f(t(s1), l(s1l), l(s1r));
    // Second children and third-order tags.
    for &i in &[s0l2, s0r2, b0l2] {
        f(w(i), 0, 0);
        f(t(i), 0, 0);
        f(l(i), 0, 0);
    }
    f(t(s0), t(s0l), t(s0l2));
    f(t(s0), t(s0r), t(s0r2));
    f(t(b0), t(b0l), t(b0l2));
    f(l(s0l), l(s0l2), t(s0));
    f(l(s0r), l(s0r2), t(s0));
    f(l(b0l), l(b0l2), t(b0));
    // Label sets.
    f(t(s0), st.lset[s0], 6);
    f(t(s0), st.rset[s0], 7);
    f(t(b0), st.lset[b0], 8);
    f(t(s1), st.rset[s1], 9);
    f(t(s1), st.lset[s1], 10);
    f(w(s0), st.rset[s0], 11);
    f(w(s1), st.rset[s1], 12);
    f(w(b0), st.lset[b0], 13);
    // Coarse tags.
    f(u(s0), u(b0), 14);
    f(u(s1), u(s0), 15);
    f(u(s0), u(b0), u(b1));
    f(mix(u(s1), u(s0)), u(b0), 16);
    f(w(s0), u(b0), 17);
    f(u(s0), w(b0), 18);
    f(w(s1), u(s0), 19);
    f(u(s1), w(s0), 20);
    f(mix(u(s0), u(s0l)), u(s0r), 21);
    f(mix(u(b0), u(b0l)), d, 22);
}

/// Number of feature templates.
pub(crate) fn template_count() -> usize {
    let lex = Lexicon::empty();
    let toks = lex.prepare(&["a", "b"]);
    let x = Input::new(&toks, &[0, 0], &lex);
    let st = State::new(2, 1);
    let mut out = Vec::new();
    features(&st, &x, &mut out);
    out.len()
}

fn best_valid<S: PartialOrd + Copy>(
    scores: &[S],
    n_labels: usize,
    root: usize,
    st: &State,
) -> usize {
    let allowed = st.allowed();
    let mut best: Option<usize> = None;
    for (a, &s) in scores.iter().enumerate() {
        if valid(a, n_labels, root, allowed) && best.is_none_or(|b| s > scores[b]) {
            best = Some(a);
        }
    }
    best.unwrap_or(SHIFT)
}

impl Parser {
    /// Parses one sentence: heads (0 for the root, else 1-based) and label ids.
    pub(crate) fn parse(&self, x: &Input) -> (Vec<u32>, Vec<usize>) {
        let n = x.n();
        let nl = self.labels.len();
        let mut st = State::new(n, nl);
        let mut feats = Vec::with_capacity(160);
        let mut scores = vec![0i32; self.model.n_classes()];
        // Every action either shifts or pops: 2n actions finish any sentence.
        for _ in 0..2 * n + 1 {
            if st.terminal() {
                break;
            }
            features(&st, x, &mut feats);
            self.model.score(&feats, &mut scores);
            let a = best_valid(&scores, nl, self.root, &st);
            st.apply(a, nl);
        }
        let heads = (1..=n)
            .map(|i| match st.head[i] {
                h if h == n + 1 || h == NONE => 0,
                h => h as u32,
            })
            .collect();
        let labels = (1..=n)
            .map(|i| {
                let l = st.label[i] as usize;
                if l < nl { l } else { self.root }
            })
            .collect();
        (heads, labels)
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.varint(self.labels.len() as u64);
        for l in &self.labels {
            w.str(l);
        }
        w.varint(self.root as u64);
        self.model.write(w);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Parser, GrammarError> {
        let n = r.count(1)?;
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?);
        }
        let root = r.varint()? as usize;
        if root >= labels.len() {
            return Err(GrammarError::Corrupt("root label out of range".into()));
        }
        let model = SparseModel::read(r)?;
        if model.n_classes() != 1 + 2 * labels.len() {
            return Err(GrammarError::Corrupt("parser class count mismatch".into()));
        }
        Ok(Parser {
            labels,
            root,
            model,
        })
    }
}

/// A training sentence for the parser: input and gold tree in parser positions.
pub(crate) struct ParseExample {
    pub(crate) input: Input,
    /// Gold head position of each position (root = n + 1); index 0 unused.
    pub(crate) heads: Vec<usize>,
    /// Gold label id of each position (`usize::MAX` when unknown); index 0 unused.
    pub(crate) labels: Vec<usize>,
}

/// Costs of the action kinds (unlabelled part) in a configuration: (shift, left, right).
fn costs(st: &State, gh: &[usize]) -> (usize, usize, usize) {
    let n = st.n;
    let s0 = st.s(0);
    let b = st.b;
    let mut shift = 0;
    if b <= n {
        for &k in &st.stack {
            if k != s0 && gh[b] == k {
                shift += 1;
            }
            if gh[k] == b {
                shift += 1;
            }
        }
    }
    let mut left = 0;
    let mut right = 0;
    if s0 != NONE {
        let deps_in_buffer = (b..=n).filter(|&k| gh[k] == s0).count();
        let h = gh[s0];
        let s1 = st.s(1);
        left += deps_in_buffer;
        if s1 != NONE && h == s1 {
            left += 1;
        }
        if h > b {
            left += 1;
        }
        right += deps_in_buffer;
        if h >= b {
            right += 1;
        }
    }
    (shift, left, right)
}

/// Settings of parser training.
#[derive(Clone, Debug)]
pub(crate) struct ParserSettings {
    pub(crate) epochs: usize,
    pub(crate) seed: u64,
    pub(crate) prune: f32,
    pub(crate) patience: usize,
    /// Probability of following the model's own (wrong) action after the first epoch.
    pub(crate) explore: f64,
}

/// One epoch of dynamic-oracle training. Returns the share of zero-cost predictions.
pub(crate) fn train_epoch(
    learner: &mut Learner,
    examples: &[ParseExample],
    order: &[usize],
    n_labels: usize,
    root: usize,
    explore: f64,
    rng: &mut Rng,
) -> f64 {
    let mut feats = Vec::with_capacity(160);
    let mut scores = vec![0f32; 1 + 2 * n_labels];
    let (mut total, mut right_count) = (0usize, 0usize);
    let mut cost = vec![0usize; 1 + 2 * n_labels];
    for &ei in order {
        let ex = &examples[ei];
        let n = ex.input.n();
        let mut st = State::new(n, n_labels);
        for _ in 0..2 * n + 1 {
            if st.terminal() {
                break;
            }
            features(&st, &ex.input, &mut feats);
            learner.score(&feats, &mut scores);
            let allowed = st.allowed();
            let (cs, cl, cr) = costs(&st, &ex.heads);
            let s0 = st.s(0);
            let s1 = st.s(1);
            for (a, c) in cost.iter_mut().enumerate() {
                *c = if !valid(a, n_labels, root, allowed) {
                    usize::MAX
                } else if a == SHIFT {
                    cs
                } else if a <= n_labels {
                    let lab = a - 1;
                    cl + (ex.heads[s0] == st.b && ex.labels[s0] != lab) as usize
                } else {
                    let lab = a - 1 - n_labels;
                    cr + (s1 != NONE && ex.heads[s0] == s1 && ex.labels[s0] != lab) as usize
                };
            }
            let min = cost.iter().copied().min().unwrap_or(0);
            let pred = best_valid(&scores, n_labels, root, &st);
            let mut gold = pred;
            for (a, &c) in cost.iter().enumerate() {
                if c == min && (cost[gold] != min || scores[a] > scores[gold]) {
                    gold = a;
                }
            }
            total += 1;
            let next = if cost[pred] == min {
                right_count += 1;
                pred
            } else {
                learner.update(&feats, gold, pred);
                if explore > 0.0 && rng.unit() < explore {
                    pred
                } else {
                    gold
                }
            };
            learner.tick();
            st.apply(next, n_labels);
        }
    }
    100.0 * right_count as f64 / total.max(1) as f64
}
