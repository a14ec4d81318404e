//! Any bytes as a Word 97–2003 file (.doc/.wps: compound file, piece table): the reader never panics,
//! stays within bounded time and memory, and the text it returns analyzes within the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_analyzer::decode::{word97, Decoded};
use report_analyzer::{analyze_decoded, invariants, Options};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = word97::doc_to_text(data) {
        let info = Decoded::read("doc", Vec::new()).expect("a known format");
        if let Ok(a) = analyze_decoded(&text, info, &Options::default()) {
            if let Err(e) = invariants::check(&text, &a) {
                panic!("{e}");
            }
        }
    }
});
