//! `make bench` only (feature `bench-api`, never in the shipped modules): the analysis in wasm without
//! the hand-off to JavaScript, the like-for-like counterpart of the native benchmark's "full analysis".

use wasm_bindgen::prelude::*;

use super::into_error;

/// Analyze `input` with the default options; returns the number of figures (so nothing is optimized
/// away) and builds no result for JavaScript.
#[wasm_bindgen(js_name = benchAnalyze)]
pub fn bench_analyze(input: &str) -> Result<usize, JsError> {
    let a = crate::analyze(input, &crate::Options::default()).map_err(into_error)?;
    Ok(a.figures.len())
}
