//! Fuzzes the gzip path of `Reader::read_bytes`: the first byte chooses between the input
//! gzipped whole (format detected from the content), gzipped and cut short, gzipped as one
//! member per line (like per-record WARC), and raw bytes behind a gzip magic number.
#![no_main]

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(data).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 4 {
        0 => gzip(rest),
        1 => {
            let whole = gzip(rest);
            let cut = whole.len() * usize::from(mode) / 256;
            whole[..cut].to_vec()
        }
        2 => rest
            .split_inclusive(|&b| b == b'\n')
            .flat_map(gzip)
            .collect(),
        _ => [&[0x1f, 0x8b][..], rest].concat(),
    };
    common::check("fuzz.gz", None, &bytes);
});
