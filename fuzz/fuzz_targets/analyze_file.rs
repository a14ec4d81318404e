//! Any file bytes (.txt in any encoding, .html, .docx): decoding and analysis never panic, stay within
//! bounded memory, and what they return satisfies the invariants. The first byte picks the file name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_analyzer::{analyze_bytes, invariants, Options};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = ["report.txt", "page.html", "report.docx", "report"][(pick % 4) as usize];
    if let Ok((text, a)) = analyze_bytes(bytes, name, &Options::default()) {
        if let Err(e) = invariants::check(&text, &a) {
            panic!("{e}");
        }
    }
});
