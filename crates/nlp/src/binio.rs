//! Little-endian binary writing and bounds-checked reading for model files.

use crate::GrammarError;

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// LEB128 unsigned varint.
    pub(crate) fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
}

/// Reads values from a byte slice; every read is bounds-checked.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

fn short() -> GrammarError {
    GrammarError::Corrupt("unexpected end of data".into())
}

impl<'a> Reader<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, pos: 0 }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], GrammarError> {
        if n > self.remaining() {
            return Err(short());
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], GrammarError> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, GrammarError> {
        Ok(self.array::<1>()?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32, GrammarError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, GrammarError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    pub(crate) fn f32(&mut self) -> Result<f32, GrammarError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    pub(crate) fn i16(&mut self) -> Result<i16, GrammarError> {
        Ok(i16::from_le_bytes(self.array()?))
    }

    pub(crate) fn varint(&mut self) -> Result<u64, GrammarError> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(GrammarError::Corrupt("varint too long".into()))
    }

    /// A count of items that each take at least `min_size` bytes: checked against what is left,
    /// so that a damaged count cannot make us allocate wildly.
    pub(crate) fn count(&mut self, min_size: usize) -> Result<usize, GrammarError> {
        let n = self.varint()?;
        if n > (self.remaining() / min_size.max(1)) as u64 {
            return Err(GrammarError::Corrupt(format!(
                "count {n} exceeds the data left"
            )));
        }
        Ok(n as usize)
    }

    pub(crate) fn str(&mut self) -> Result<String, GrammarError> {
        let n = self.count(1)?;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| GrammarError::Corrupt("invalid UTF-8".into()))
    }
}
