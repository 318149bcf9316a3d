//! Fuzzes the feed reader through `Reader::read_bytes` with the format forced.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tacitus_model::InputFormat;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check("fuzz.xml", Some(InputFormat::Feed), data);
});
