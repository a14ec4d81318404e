//! The JavaScript boundary (wasm32 only): one options object in, plain JSON-compatible data out, every
//! error a JS `Error`. Offsets gain `start16`/`end16` (UTF-16 code units) here and only here.
//!
//! The crate builds several modules (Cargo features, see the Makefile's `build-wasm`): the analysis
//! (`analysis.rs`, loaded with the page), .docx reading (`docx.rs`) and the exports (`exports.rs`:
//! Markdown, CSV and the comparison table — the only readers of analyses, so the analysis module carries
//! no serde deserializer), the last two loaded on first use; 雷同检测 (`similar.rs`) and the 审核意见
//! (`memo.rs`), also on first use. All have `version` and `lastPanic`; tests
//! build them all into one.

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
#[cfg(feature = "similar-api")]
pub use similar::*;

use serde::Serialize;
use wasm_bindgen::prelude::*;

// talc: see Cargo.toml.
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../../www/types.d.ts");

/// Turn any displayable error into a JS `Error`.
pub(crate) fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Plain data out through JSON text and `JSON.parse`: measured twice as fast as building the objects
/// field by field across the boundary, and it needs no serializer code of its own in the wasm.
pub(crate) fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(v).map_err(into_error)?;
    js_sys::JSON::parse(&json).map_err(|e| JsError::new(&format!("{e:?}")))
}

/// `JSON.stringify(v)` as Rust text; `None` for what has no JSON (undefined, a function, a cycle, a
/// BigInt), which `JSON.stringify` returns as `undefined` or throws on.
#[cfg(any(feature = "analysis-api", feature = "exports-api", feature = "similar-api", feature = "memo-api"))]
pub(crate) fn stringify(v: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string())
}

/// Version of the analyzer and of the result schema.
#[wasm_bindgen(js_name = version, unchecked_return_type = "{ version: string; schema_version: number }")]
pub fn version() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct V {
        version: &'static str,
        schema_version: u32,
    }
    to_js(&V { version: env!("CARGO_PKG_VERSION"), schema_version: crate::SCHEMA_VERSION })
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
