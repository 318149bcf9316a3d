//! WARC files: HTTP responses holding HTML, as in Common Crawl's news crawl.
//! OWNER: formats helper. Interface fixed; implementation to be written.

use std::io::BufRead;

use crate::read::{Emit, ReadOptions};

/// Reads WARC records from `input` (gzip already undone), one result per HTML response.
pub fn read_warc(name: &str, input: &mut dyn BufRead, options: &ReadOptions, emit: &mut Emit<'_>) {
    let _ = (name, input, options, emit);
}
