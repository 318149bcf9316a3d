//! The map from normalized text back to the raw input.

use serde::{Deserialize, Serialize};

/// A run of the normalized text that came from one run of the raw input.
///
/// When `exact` is true the run is a byte-for-byte copy (`text[text_start..text_start+len]` ==
/// `raw[raw_start..raw_start+len]`); otherwise the text run was derived from
/// `raw[raw_start..raw_start+raw_len]` (an HTML entity, a transcoded character, a collapsed run
/// of white space) and positions inside it map to the raw run as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetSegment {
    /// Byte offset of the run in the normalized text.
    pub text_start: usize,
    /// Length of the run in the normalized text.
    pub len: usize,
    /// Byte offset of the run in the raw input.
    pub raw_start: usize,
    /// Length of the run in the raw input.
    pub raw_len: usize,
}

impl OffsetSegment {
    /// True when the text run is a verbatim copy of the raw run.
    pub fn exact(&self) -> bool {
        self.len == self.raw_len
    }
}

/// Sorted, non-overlapping segments mapping text offsets to raw-input offsets.
///
/// Text that no segment covers (separators the reader inserted between paragraphs) maps to
/// nothing. The raw input is whatever the reader was given after decompression and decoding
/// to UTF-8: the HTML source for a web page, the line's text for JSON Lines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    /// The segments, sorted by `text_start`.
    pub segments: Vec<OffsetSegment>,
}

impl OffsetMap {
    /// Records that `len` bytes of text at `text_start` came from `raw_len` raw bytes at
    /// `raw_start`. Adjacent exact segments are merged. Segments must be pushed in text order.
    pub fn push(&mut self, text_start: usize, len: usize, raw_start: usize, raw_len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut()
            && last.exact()
            && len == raw_len
            && last.text_start + last.len == text_start
            && last.raw_start + last.raw_len == raw_start
        {
            last.len += len;
            last.raw_len += raw_len;
            return;
        }
        debug_assert!(
            self.segments
                .last()
                .is_none_or(|s| s.text_start + s.len <= text_start),
            "offset segments must be pushed in text order"
        );
        self.segments.push(OffsetSegment {
            text_start,
            len,
            raw_start,
            raw_len,
        });
    }

    /// The raw offset of text offset `pos`, if a segment covers it. Inside an inexact segment
    /// this is the start of the raw run.
    pub fn to_raw(&self, pos: usize) -> Option<usize> {
        let i = self
            .segments
            .partition_point(|s| s.text_start + s.len <= pos);
        let s = self.segments.get(i)?;
        if pos < s.text_start {
            return None;
        }
        Some(if s.exact() {
            s.raw_start + (pos - s.text_start)
        } else {
            s.raw_start
        })
    }

    /// The raw range covering text range `start..end`, from the first to the last covered byte.
    pub fn range_to_raw(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if end <= start {
            return self.to_raw(start).map(|r| (r, r));
        }
        let first = self.to_raw(start)?;
        let i = self
            .segments
            .partition_point(|s| s.text_start + s.len < end);
        let s = self.segments.get(i)?;
        let last_end = if s.exact() {
            s.raw_start + (end - s.text_start).min(s.len)
        } else {
            s.raw_start + s.raw_len
        };
        Some((first, last_end.max(first)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_maps() {
        let mut m = OffsetMap::default();
        m.push(0, 5, 10, 5);
        m.push(5, 3, 15, 3);
        m.push(8, 1, 18, 5); // "&amp;" -> "&"
        m.push(11, 4, 30, 4); // two bytes of separator before
        assert_eq!(m.segments.len(), 3);
        assert_eq!(m.to_raw(0), Some(10));
        assert_eq!(m.to_raw(7), Some(17));
        assert_eq!(m.to_raw(8), Some(18));
        assert_eq!(m.to_raw(9), None);
        assert_eq!(m.to_raw(12), Some(31));
        assert_eq!(m.range_to_raw(6, 9), Some((16, 23)));
        assert_eq!(m.range_to_raw(11, 15), Some((30, 34)));
    }
}
