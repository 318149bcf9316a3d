//! Hashing with fixed functions: FNV-1a for strings and a multiply-rotate mixer for feature
//! keys, so that feature keys, hash-map layouts and model bytes are the same on every run and
//! every machine.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over bytes (usable in constants).
pub(crate) const fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    h
}

/// FNV-1a of a string.
pub(crate) fn hash_str(s: &str) -> u64 {
    fnv64(s.as_bytes())
}

/// Combines a running hash with one more value.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(26) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The 64-bit finalizer of MurmurHash3: spreads every input bit over every output bit.
#[inline]
pub(crate) fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// A 64-bit feature key folded to the 32 bits stored in a model.
#[inline]
pub(crate) fn fold32(h: u64) -> u32 {
    fmix64(h) as u32
}

/// A hasher for keys that are already well-mixed `u64`s (feature keys, string hashes).
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = fmix64(self.0 ^ n);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
}

/// A fixed, seedless hash builder.
pub(crate) type FixedState = BuildHasherDefault<KeyHasher>;

/// A hash map with the fixed hasher. Never iterated where order matters.
pub(crate) type FixedMap<K, V> = std::collections::HashMap<K, V, FixedState>;

/// A small deterministic random number generator (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value, zero included).
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(fmix64(seed ^ 0x2545_F491_4F6C_DD1D) | 1)
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % (n.max(1) as u64)) as usize
    }

    /// A float in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles a slice (Fisher-Yates).
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}
