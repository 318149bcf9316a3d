//! Near-duplicate detection: MinHash signatures over word shingles, and locality-sensitive
//! hashing (LSH) bands to find candidates without comparing every pair.
//!
//! A text becomes the set of its word [`SHINGLE`]-grams (lower-cased alphanumeric words). Its
//! signature keeps, for each of [`HASHES`] hash functions, the least hash over the set; the
//! fraction of equal positions in two signatures estimates the Jaccard similarity of the two
//! sets. The signature is cut into [`BANDS`] bands of [`ROWS`] rows: two texts that agree on a
//! whole band are candidates, which happens with probability `1 - (1 - s^ROWS)^BANDS` for
//! Jaccard `s` (0.66 at s = 0.3, 0.93 at s = 0.4, 0.995 at s = 0.5, 0.1% at s = 0.03, where
//! unrelated news articles lie). Candidates whose estimate reaches [`THRESHOLD`] are the same
//! story. The parameters come from the measured distributions in docs/store.md: with word
//! 3-grams, lightly edited copies have Jaccard 0.58 or more in 95% of cases, heavily edited ones
//! 0.32, and 99.9% of pairs of distinct political news articles stay under 0.04.
//!
//! Signatures and band keys are stored (`articles.minhash`, `lsh`): changing [`SHINGLE`],
//! [`HASHES`], [`BANDS`] or the hash functions is a schema migration that signs every stored
//! article again, or new articles would never match old ones. Everything is deterministic: fixed seeds, no
//! randomness.

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Hash functions per signature.
pub const HASHES: usize = 126;
/// LSH bands.
pub const BANDS: usize = 42;
/// Rows (signature positions) per band.
pub const ROWS: usize = HASHES / BANDS;
/// Least estimated Jaccard similarity for two texts to be the same story.
pub const THRESHOLD: f64 = 0.3;

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

/// 64-bit FNV-1a.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// SplitMix64 finalizer: a good bijective mixer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hashes of a text's word shingles (lower-cased, alphanumeric words).
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut out = Vec::with_capacity(words.len());
    if words.is_empty() {
        return out;
    }
    let k = SHINGLE.min(words.len());
    for window in words.windows(k) {
        let mut h: u64 = 0;
        for w in window {
            h = mix(h ^ fnv(w.as_bytes()));
        }
        out.push(h);
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl Signature {
    /// The signature of a text; `None` when it has no word.
    pub fn of_text(text: &str) -> Option<Signature> {
        let sh = shingles(text);
        if sh.is_empty() {
            return None;
        }
        let mut sig = [u32::MAX; HASHES];
        for &s in &sh {
            for (i, slot) in sig.iter_mut().enumerate() {
                let h = (mix(s ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                if h < *slot {
                    *slot = h;
                }
            }
        }
        Some(Signature(sig))
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// One key per band (the band's index is part of the key).
    pub fn bands(&self) -> [i64; BANDS] {
        let mut out = [0i64; BANDS];
        for (b, slot) in out.iter_mut().enumerate() {
            let mut h = mix(b as u64 + 1);
            for v in &self.0[b * ROWS..(b + 1) * ROWS] {
                h = mix(h ^ u64::from(*v));
            }
            *slot = h as i64;
        }
        out
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads [`Signature::to_bytes`]; `None` when the length is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != HASHES * 4 {
            return None;
        }
        let mut sig = [0u32; HASHES];
        for (slot, chunk) in sig.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Signature(sig))
    }
}

/// The exact Jaccard similarity of two texts' shingle sets (for evaluation).
pub fn jaccard(a: &str, b: &str) -> f64 {
    let (x, y) = (shingles(a), shingles(b));
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (x.len() + y.len() - both) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Syrian forces shelled the town of Houla on Friday, killing more than \
        a hundred civilians, according to United Nations monitors who visited the site.";

    #[test]
    fn identical_texts_have_identical_signatures() {
        let a = Signature::of_text(TEXT).unwrap();
        let b = Signature::of_text(&TEXT.to_uppercase()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(a.bands(), b.bands());
    }

    #[test]
    fn small_edit_stays_similar_and_other_text_does_not() {
        let edited = TEXT.replace("Friday", "Saturday");
        let a = Signature::of_text(TEXT).unwrap();
        let b = Signature::of_text(&edited).unwrap();
        let other = Signature::of_text(
            "The central bank raised interest rates by half a point on Tuesday to curb \
             inflation, which reached its highest level in a decade last month.",
        )
        .unwrap();
        assert!(a.similarity(&b) > 0.4, "{}", a.similarity(&b));
        assert!(a.similarity(&other) < 0.2, "{}", a.similarity(&other));
    }

    #[test]
    fn bytes_round_trip_and_bad_lengths_are_refused() {
        let a = Signature::of_text(TEXT).unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert!(Signature::of_text("  ... ").is_none());
    }

    #[test]
    fn exact_jaccard() {
        assert_eq!(jaccard(TEXT, TEXT), 1.0);
        assert_eq!(jaccard("a b c d e f", "x y z w v u"), 0.0);
    }
}
