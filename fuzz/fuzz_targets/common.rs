// Shared by every target: read one input through the public API with a format forced (or
// detected) and check every document the reader emits.

use tacitus_model::InputFormat;
use tacitus_text::read::ReadResult;
use tacitus_text::{ReadOptions, Reader};

/// A limit small enough to reach the too-large paths with fuzzer-sized inputs now and then.
pub const MAX_BYTES: u64 = 64 * 1024;

/// Reads `data` as `name` (the extension matters when `format` is `None`) and panics on a
/// document that breaks the model's invariants or an error that names no input.
pub fn check(name: &str, format: Option<InputFormat>, data: &[u8]) {
    let reader = Reader::new(ReadOptions {
        max_bytes: MAX_BYTES,
        format,
    });
    reader.read_bytes(name, data, &mut |r: ReadResult| match r {
        Ok(doc) => {
            if let Err(why) = doc.validate() {
                panic!("invalid document {:?}: {why}", doc.id);
            }
            assert!(!doc.text.trim().is_empty() || doc.meta.title.is_some());
        }
        Err(e) => assert!(!e.input.is_empty() && !e.message.is_empty()),
    });
}
