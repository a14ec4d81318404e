//! Any bytes as a PDF: the reader never panics, stays within bounded time and memory (the default
//! limits, as the CLI and the page run it), and the text it returns analyzes within the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_analyzer::decode::{pdf, Decoded, NativeDecoder};
use report_analyzer::{analyze_decoded, invariants, Options};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = pdf::pdf_to_text(data, &NativeDecoder) {
        check(&text, "pdf");
    }
});

/// The text analyzes, and the analysis satisfies the invariants.
fn check(text: &str, format: &str) {
    let info = Decoded::read(format, Vec::new()).expect("a known format");
    if let Ok(a) = analyze_decoded(text, info, &Options::default()) {
        if let Err(e) = invariants::check(text, &a) {
            panic!("{e}");
        }
    }
}
