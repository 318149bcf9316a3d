//! The averaged perceptron over hashed sparse features.
//!
//! Training ([`Learner`]) keeps, for every 64-bit feature key, a short list of the classes it
//! has weights for, with the running weight and the timestamped sum needed for averaging
//! (Daumé's trick: `avg = w - u / c`). The trained model ([`SparseModel`]) keeps only averaged
//! weights whose magnitude passes a pruning threshold, folded to 32-bit keys and quantized to
//! `i16`, in an open-addressing table: scoring a state is one probe per feature and a short run
//! of `(class, weight)` pairs.

use crate::GrammarError;
use crate::binio::{Reader, Writer};
use crate::hash::{FixedMap, fold32};

#[derive(Clone, Copy)]
struct Entry {
    class: u32,
    w: f32,
    u: f64,
}

/// Training weights of a multi-class averaged perceptron.
pub(crate) struct Learner {
    n_classes: usize,
    weights: FixedMap<u64, Vec<Entry>>,
    clock: f64,
}

impl Learner {
    /// A learner for `n_classes` classes.
    pub(crate) fn new(n_classes: usize) -> Learner {
        Learner {
            n_classes,
            weights: FixedMap::default(),
            clock: 1.0,
        }
    }

    /// Adds the current weights of `feats` to `scores` (zeroed first).
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(es) = self.weights.get(f) {
                for e in es {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Rewards `gold` and penalizes `pred` on every feature.
    pub(crate) fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        let c = self.clock;
        for &f in feats {
            let es = self.weights.entry(f).or_default();
            for (class, d) in [(gold as u32, 1.0f32), (pred as u32, -1.0f32)] {
                match es.iter_mut().find(|e| e.class == class) {
                    Some(e) => {
                        e.w += d;
                        e.u += c * d as f64;
                    }
                    None => es.push(Entry {
                        class,
                        w: d,
                        u: c * d as f64,
                    }),
                }
            }
        }
    }

    /// Advances the averaging clock: call once per training instance.
    pub(crate) fn tick(&mut self) {
        self.clock += 1.0;
    }

    /// The averaged model, without weights smaller than `prune` in magnitude.
    pub(crate) fn averaged(&self, prune: f32) -> SparseModel {
        let mut keys: Vec<u64> = self.weights.keys().copied().collect();
        keys.sort_unstable();
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = Vec::new();
        for k in keys {
            let mut row: Vec<(u8, f32)> = Vec::new();
            for e in &self.weights[&k] {
                let w = (e.w as f64 - e.u / self.clock) as f32;
                if w.abs() >= prune && w != 0.0 {
                    row.push((e.class as u8, w));
                }
            }
            if !row.is_empty() {
                rows.push((fold32(k), row));
            }
        }
        // Stable sort: keys folding to the same 32 bits are merged in the order of their
        // 64-bit keys.
        rows.sort_by_key(|r| r.0);
        let mut merged: Vec<(u32, Vec<(u8, f32)>)> = Vec::with_capacity(rows.len());
        for (k, row) in rows {
            match merged.last_mut() {
                Some((lk, lrow)) if *lk == k => {
                    for (c, w) in row {
                        match lrow.iter_mut().find(|e| e.0 == c) {
                            Some(e) => e.1 += w,
                            None => lrow.push((c, w)),
                        }
                    }
                }
                _ => merged.push((k, row)),
            }
        }
        SparseModel::from_rows(self.n_classes, merged)
    }
}

/// One `(class, weight)` pair of a trained model; the first pair of each run holds the run's
/// length in `class`.
#[derive(Clone, Copy, Default)]
struct Packed {
    class: u16,
    w: i16,
}

#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    start: u32,
}

const EMPTY: u32 = u32::MAX;

/// Asks the processor to bring `value`'s cache line in; a hint with no other effect.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `_mm_prefetch` only hints the cache; it reads nothing and cannot fault, and the
    // pointer comes from a live reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// A trained, pruned and quantized perceptron.
pub(crate) struct SparseModel {
    n_classes: usize,
    scale: f32,
    n_features: usize,
    n_weights: usize,
    slots: Vec<Slot>,
    mask: usize,
    /// Sparse runs: a header holding the length, then `(class, weight)` pairs.
    entries: Vec<Packed>,
    /// Dense rows of `n_classes` weights, for features with weights for many classes (slots
    /// point at them with [`DENSE`] set); summing them vectorizes.
    dense: Vec<i16>,
}

/// Marks a slot whose `start` is the index of a dense row.
const DENSE: u32 = 1 << 31;

/// A stored row of weights.
enum Row<'a> {
    Sparse(&'a [Packed]),
    Dense(&'a [i16]),
}

impl SparseModel {
    fn from_rows(n_classes: usize, mut rows: Vec<(u32, Vec<(u8, f32)>)>) -> SparseModel {
        let max = rows
            .iter()
            .flat_map(|r| r.1.iter().map(|e| e.1.abs()))
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let mut q: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(rows.len());
        for (k, row) in rows.iter_mut() {
            row.sort_by_key(|e| e.0);
            let qr: Vec<(u8, i16)> = row
                .iter()
                .map(|&(c, w)| (c, (w / scale).round().clamp(-32767.0, 32767.0) as i16))
                .filter(|e| e.1 != 0)
                .collect();
            if !qr.is_empty() {
                q.push((*k, qr));
            }
        }
        Self::build(n_classes, scale, q)
    }

    fn build(n_classes: usize, scale: f32, rows: Vec<(u32, Vec<(u8, i16)>)>) -> SparseModel {
        // Load factor at most 2/3: probes stay short and the table small.
        let cap = (rows.len() * 3 / 2 + 1).next_power_of_two().max(16);
        let mut slots = vec![
            Slot {
                key: 0,
                start: EMPTY
            };
            cap
        ];
        let mask = cap - 1;
        let is_dense = |len: usize| len * 3 > n_classes && n_classes >= 8;
        let mut entries = Vec::with_capacity(
            rows.iter()
                .filter(|r| !is_dense(r.1.len()))
                .map(|r| r.1.len() + 1)
                .sum(),
        );
        let mut dense = Vec::new();
        let mut n_weights = 0;
        for (k, row) in &rows {
            n_weights += row.len();
            let start = if is_dense(row.len()) {
                let index = (dense.len() / n_classes) as u32 | DENSE;
                let base = dense.len();
                dense.resize(base + n_classes, 0i16);
                for &(c, w) in row {
                    if let Some(d) = dense.get_mut(base + c as usize) {
                        *d = w;
                    }
                }
                index
            } else {
                let start = entries.len() as u32;
                entries.push(Packed {
                    class: row.len() as u16,
                    w: 0,
                });
                entries.extend(row.iter().map(|&(c, w)| Packed { class: c as u16, w }));
                start
            };
            let mut i = *k as usize & mask;
            while slots[i].start != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = Slot { key: *k, start };
        }
        SparseModel {
            n_classes,
            scale,
            n_features: rows.len(),
            n_weights,
            slots,
            mask,
            entries,
            dense,
        }
    }

    /// The row a slot points at.
    fn row(&self, start: u32) -> Row<'_> {
        if start & DENSE != 0 {
            let base = (start & !DENSE) as usize * self.n_classes;
            Row::Dense(&self.dense[base..base + self.n_classes])
        } else {
            let start = start as usize;
            let len = self.entries[start].class as usize;
            Row::Sparse(&self.entries[start + 1..start + 1 + len])
        }
    }

    /// The `(class, weight)` pairs of a row.
    fn pairs(&self, start: u32) -> Vec<(u8, i16)> {
        match self.row(start) {
            Row::Sparse(es) => es.iter().map(|e| (e.class as u8, e.w)).collect(),
            Row::Dense(ws) => ws
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .map(|(c, &w)| (c as u8, w))
                .collect(),
        }
    }

    /// Number of classes.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of stored `(feature, class)` weights.
    pub(crate) fn n_weights(&self) -> usize {
        self.n_weights
    }

    /// Where the run of `key` starts in `entries`, if the key is stored.
    #[inline]
    fn find(&self, key: u32) -> Option<u32> {
        let mut i = key as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.start == EMPTY {
                return None;
            }
            if s.key == key {
                return Some(s.start);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the weights of `feats` (64-bit keys) to `scores` (zeroed first; `n_classes` long).
    ///
    /// Memory-bound: a feature costs a probe of the slot table and a read of its run, each
    /// likely a cache miss. So all slots are prefetched first, then probed (prefetching the
    /// runs), then the runs summed, letting the misses of different features overlap.
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32]) {
        // Classes are below 256 (checked on loading), so indexing by a byte needs no check.
        let mut acc = [0i32; 256];
        let mut keys = [0u32; 128];
        let mut starts = [0u32; 128];
        for chunk in feats.chunks(128) {
            for (k, &f) in keys.iter_mut().zip(chunk) {
                *k = fold32(f);
                prefetch(&self.slots[*k as usize & self.mask]);
            }
            let mut m = 0;
            for &key in &keys[..chunk.len()] {
                if let Some(s) = self.find(key) {
                    match self.row(s) {
                        Row::Sparse(es) => {
                            if let Some(e) = es.first() {
                                prefetch(e);
                            }
                        }
                        Row::Dense(ws) => {
                            for w in ws.iter().step_by(32) {
                                prefetch(w);
                            }
                        }
                    }
                    starts[m] = s;
                    m += 1;
                }
            }
            for &start in &starts[..m] {
                match self.row(start) {
                    Row::Sparse(es) => {
                        for e in es {
                            acc[(e.class as u8) as usize] += e.w as i32;
                        }
                    }
                    Row::Dense(ws) => {
                        for (a, &w) in acc.iter_mut().zip(ws) {
                            *a += w as i32;
                        }
                    }
                }
            }
        }
        let n = scores.len().min(acc.len());
        scores[..n].copy_from_slice(&acc[..n]);
        scores[n..].iter_mut().for_each(|s| *s = 0);
    }

    /// A copy without the weights smaller than `threshold` in magnitude.
    pub(crate) fn pruned(&self, threshold: f32) -> SparseModel {
        let mut rows: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(self.n_features);
        for s in self.slots.iter().filter(|s| s.start != EMPTY) {
            let row: Vec<(u8, i16)> = self
                .pairs(s.start)
                .into_iter()
                .filter(|e| (e.1 as f32 * self.scale).abs() >= threshold)
                .collect();
            if !row.is_empty() {
                rows.push((s.key, row));
            }
        }
        rows.sort_unstable_by_key(|r| r.0);
        Self::build(self.n_classes, self.scale, rows)
    }

    /// Writes the model.
    pub(crate) fn write(&self, w: &mut Writer) {
        w.varint(self.n_classes as u64);
        w.f32(self.scale);
        let mut rows: Vec<(u32, u32)> = self
            .slots
            .iter()
            .filter(|s| s.start != EMPTY)
            .map(|s| (s.key, s.start))
            .collect();
        rows.sort_unstable();
        w.varint(rows.len() as u64);
        let mut prev = 0u32;
        for (k, start) in rows {
            w.varint((k - prev) as u64);
            prev = k;
            let pairs = self.pairs(start);
            w.u8(pairs.len() as u8);
            for (c, weight) in pairs {
                w.u8(c);
                w.i16(weight);
            }
        }
    }

    /// Reads a model written by [`SparseModel::write`].
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<SparseModel, GrammarError> {
        let n_classes = r.varint()? as usize;
        if n_classes == 0 || n_classes > 255 {
            return Err(GrammarError::Corrupt(format!(
                "bad class count {n_classes}"
            )));
        }
        let scale = r.f32()?;
        let n = r.count(2)?;
        let mut rows = Vec::with_capacity(n);
        let mut key: u64 = 0;
        for _ in 0..n {
            key += r.varint()?;
            if key > u32::MAX as u64
                || (!rows.is_empty() && rows.last().map(|l: &(u32, _)| l.0 as u64) == Some(key))
            {
                return Err(GrammarError::Corrupt("feature keys out of order".into()));
            }
            let len = r.u8()? as usize;
            let mut row = Vec::with_capacity(len);
            for _ in 0..len {
                let c = r.u8()?;
                let w = r.i16()?;
                if c as usize >= n_classes {
                    return Err(GrammarError::Corrupt(format!("class {c} out of range")));
                }
                row.push((c, w));
            }
            rows.push((key as u32, row));
        }
        Ok(Self::build(n_classes, scale, rows))
    }
}
