//! Any text: the analysis never panics and always satisfies the invariants (with UTF-16 offsets).
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_analyzer::{analyze, invariants, Options};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(mut a) = analyze(&text, &Options::default()) {
        a.add_utf16_offsets(&text);
        if let Err(e) = invariants::check(&text, &a) {
            panic!("{e}");
        }
    }
});
