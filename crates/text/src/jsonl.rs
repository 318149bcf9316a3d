//! JSON Lines: one article per line.
//! OWNER: formats helper. Interface fixed; implementation to be written.

use std::io::BufRead;

use crate::read::{Emit, ReadOptions};

/// Reads JSON Lines articles from `input`, one result per non-blank line.
pub fn read_jsonl(
    name: &str,
    stem: &str,
    input: &mut dyn BufRead,
    options: &ReadOptions,
    emit: &mut Emit<'_>,
) {
    let _ = (name, stem, input, options, emit);
}
