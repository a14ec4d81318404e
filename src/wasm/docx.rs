//! The docx module's export: the text of a .docx and its heading hints, for the analysis module's
//! `analyzeDocx`. A module of its own (zip, inflate and XML are a tenth of the analysis module), fetched
//! when a .docx comes.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{install_panic_hook, into_error, to_js};
use crate::decode::HeadingHint;

#[derive(Serialize)]
struct DocxText {
    text: String,
    /// Paragraphs in a Word heading style: `start` is a UTF-8 byte offset into `text`, to be handed back
    /// to `analyzeDocx` unchanged.
    headings: Vec<HeadingHint>,
}

/// Read a .docx: `{text, headings}`, what `analyzeDocx` of the analysis module takes.
#[wasm_bindgen(js_name = readDocx, unchecked_return_type = "DocxText")]
pub fn read_docx(bytes: &[u8]) -> Result<JsValue, JsError> {
    install_panic_hook();
    let (text, decoded) = crate::decode::read_docx(bytes).map_err(into_error)?;
    to_js(&DocxText { text, headings: decoded.heading_hints })
}
