//! The readers module (feature `readers-api`), fetched when the first file that is not text or HTML
//! arrives: PDF, OFD, Word 97–2003 (.doc/.wps), .docx, and .zip archives of reports. The same readers as
//! the CLI's (`src/decode/`), so the page and the CLI get the same text of every file, and the analysis
//! of that text (`analyzeDocument` of the analysis module) is the CLI's.
//!
//! ```js
//! const r = await import("./pkg/report_analyzer_readers.js"); await r.default();
//! r.detectFormat(bytes, "a.pdf");          // "pdf" | "ofd" | "doc" | "docx" | "zip" | "text" | "html" | null
//! const doc = r.readDocument(bytes, "a.pdf");   // {text, format, encoding, headings}; throws Error
//! analyzeDocument(doc, {source: "a.pdf"});      // (analysis module) {text, analysis}
//! r.listArchive(bytes, "batch.zip");       // [{name: "batch.zip/区县/a.pdf", bytes} | {name, error}]
//! ```
//!
//! Errors (a scan without a text layer, an encrypted file, a damaged or hostile one, a .zip given to
//! `readDocument`) are thrown as JS `Error`s with the message the CLI prints.

use wasm_bindgen::prelude::*;

use super::{install_panic_hook, into_error, object, BrowserDecoder};

/// Read a file of any format the readers take (text and HTML too): `{text, format, encoding,
/// headings}`, for the analysis module's `analyzeDocument`. A `.zip` of reports is refused (use
/// `listArchive`). The object is built field by field: four fields need no JSON round trip, and the
/// module carries no serde_json (−6 KB gzip).
#[wasm_bindgen(js_name = readDocument, unchecked_return_type = "ReadDocument")]
pub fn read_document(bytes: &[u8], name: &str) -> Result<JsValue, JsError> {
    install_panic_hook();
    let (text, info) = crate::decode::read_document(bytes, name, &BrowserDecoder).map_err(into_error)?;
    // Paragraphs in a heading style (.docx): UTF-8 byte offsets into `text`, handed back unchanged.
    let headings = js_sys::Array::new();
    for h in &info.heading_hints {
        headings.push(&object(&[("start", JsValue::from(h.start as f64)), ("level", JsValue::from(h.level))])?);
    }
    object(&[
        ("text", JsValue::from_str(&text)),
        ("format", JsValue::from_str(info.format)),
        ("encoding", JsValue::from_str(info.encoding)),
        ("headings", headings.into()),
    ])
}

/// The reports in a `.zip` archive (nested archives one level deep), in archive order: each
/// `{name: "batch.zip/folder/a.pdf", bytes: Uint8Array}`, or `{name, error}` for a member that could
/// not be taken out (a bomb beyond the limits, damage). Throws when the archive itself is unreadable.
#[wasm_bindgen(js_name = listArchive, unchecked_return_type = "ArchiveMember[]")]
pub fn list_archive(bytes: &[u8], name: &str) -> Result<js_sys::Array, JsError> {
    install_panic_hook();
    let members = crate::decode::archive::members(bytes, name, &BrowserDecoder).map_err(into_error)?;
    let out = js_sys::Array::new();
    for m in members {
        let content = match m.bytes {
            Ok(b) => ("bytes", js_sys::Uint8Array::from(&b[..]).into()),
            Err(e) => ("error", JsValue::from_str(&e)),
        };
        out.push(&object(&[("name", JsValue::from_str(&m.name)), content])?);
    }
    Ok(out)
}
