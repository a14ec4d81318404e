//! The JavaScript boundary (wasm32 only): one options object in, plain JSON-compatible data out, every
//! error a JS `Error`. Offsets gain `start16`/`end16` (UTF-16 code units) here and only here.
//!
//! The crate builds six modules (Cargo features, see the Makefile's `build-wasm`): the analysis
//! (`analysis.rs`, loaded with the page), .docx reading (`docx.rs`), the readers of every other file
//! kind (`readers.rs`: PDF, OFD, .doc/.wps, .docx and .zip archives), the exports (`exports.rs`:
//! Markdown, CSV and the comparison table — the only readers of analyses, so the analysis module carries
//! no serde deserializer), 雷同检测 (`similar.rs`) and the 审核意见 (`memo.rs`), the last five loaded on
//! first use. All have `version` and `lastPanic`; tests build them all into one.

#[cfg(feature = "analysis-api")]
mod analysis;
#[cfg(feature = "bench-api")]
mod bench;
#[cfg(feature = "docx-api")]
mod docx;
#[cfg(feature = "exports-api")]
mod exports;
#[cfg(feature = "memo-api")]
mod memo;
#[cfg(feature = "readers-api")]
mod readers;
#[cfg(feature = "similar-api")]
mod similar;

#[cfg(feature = "analysis-api")]
pub use analysis::*;
#[cfg(feature = "docx-api")]
pub use docx::*;
#[cfg(feature = "exports-api")]
pub use exports::*;
#[cfg(feature = "memo-api")]
pub use memo::*;
#[cfg(feature = "readers-api")]
pub use readers::*;
#[cfg(feature = "similar-api")]
pub use similar::*;

use wasm_bindgen::prelude::*;

// talc: see Cargo.toml.
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../../www/types.d.ts");

#[cfg(any(feature = "analysis-api", feature = "readers-api"))]
#[wasm_bindgen(typescript_custom_section)]
const TS_READER_TYPES: &str = include_str!("../../www/readers.d.ts");

/// GB18030 and Big5 through the platform's `TextDecoder` (browsers and Node have them built in), so the
/// wasm carries no encoding tables.
#[cfg(any(feature = "analysis-api", feature = "readers-api"))]
pub(crate) struct BrowserDecoder;

#[cfg(any(feature = "analysis-api", feature = "readers-api"))]
impl crate::decode::LegacyDecoder for BrowserDecoder {
    fn decode(&self, charset: crate::decode::Charset, bytes: &[u8]) -> Option<String> {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        let decoder = web_sys::TextDecoder::new_with_label_and_options(charset.label(), &opts).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

/// The format of a file by its bytes (the whole file tells a .docx or an .ofd from a .zip of reports;
/// otherwise the first bytes decide): `"text"`, `"html"`, `"docx"`, `"pdf"`, `"ofd"`, `"doc"` (also
/// .wps), `"zip"` (an archive of reports: `listArchive` of the readers module), or `null` for what no
/// reader takes (an image, RTF). The page reads `"text"`/`"html"` with the analysis module's
/// `analyzeBytes` and the others with the readers module's `readDocument`.
#[cfg(any(feature = "analysis-api", feature = "readers-api"))]
#[wasm_bindgen(js_name = detectFormat, unchecked_return_type = "DocumentFormat | null")]
pub fn detect_format(bytes: &[u8], name: &str) -> Option<String> {
    crate::decode::detect_format(bytes, name).map(str::to_string)
}

/// Turn any displayable error into a JS `Error`.
pub(crate) fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Plain data out through JSON text and `JSON.parse`: measured twice as fast as building the objects
/// field by field across the boundary, and it needs no serializer code of its own in the wasm.
#[cfg(any(
    feature = "analysis-api",
    feature = "docx-api",
    feature = "exports-api",
    feature = "similar-api",
    feature = "memo-api"
))]
pub(crate) fn to_js<T: serde::Serialize>(v: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(v).map_err(into_error)?;
    js_sys::JSON::parse(&json).map_err(|e| JsError::new(&format!("{e:?}")))
}

/// `JSON.stringify(v)` as Rust text; `None` for what has no JSON (undefined, a function, a cycle, a
/// BigInt), which `JSON.stringify` returns as `undefined` or throws on.
#[cfg(any(feature = "analysis-api", feature = "exports-api", feature = "similar-api", feature = "memo-api"))]
pub(crate) fn stringify(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// A small object of a few fields built across the boundary (no JSON text: what the readers module
/// returns, without serde_json).
pub(crate) fn object(fields: &[(&str, JsValue)]) -> Result<JsValue, JsError> {
    let o = js_sys::Object::new();
    for (k, v) in fields {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).map_err(|_| JsError::new("cannot build the result"))?;
    }
    Ok(o.into())
}

/// Version of the analyzer and of the result schema.
#[wasm_bindgen(js_name = version, unchecked_return_type = "{ version: string; schema_version: number }")]
pub fn version() -> Result<JsValue, JsError> {
    object(&[
        ("version", JsValue::from_str(env!("CARGO_PKG_VERSION"))),
        ("schema_version", JsValue::from(crate::SCHEMA_VERSION)),
    ])
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The message of the last panic inside the module, if any (a panic reaches JS as a `RuntimeError`;
/// the page then reloads the module and shows this message).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

pub(crate) fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&msg));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
        }));
    });
}
