//! The memo module's exports (loaded on first use): the 审核意见 of an analysis and its text, its
//! second review, Markdown and .docx of a memo the page may have edited, the 通报 of a batch from its
//! comparison rows (or analyses), and a zip of several files. Offsets gain `start16`/`end16` here.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{install_panic_hook, into_error, stringify, to_js};
use crate::compare::Cell;
use crate::memo::{self, Memo, MemoOptions, Previous};
use crate::Analysis;

#[wasm_bindgen(typescript_custom_section)]
const MEMO_TS: &str = include_str!("../../www/memo.d.ts");

/// Plain data in: `JSON.stringify` of the value, then the memo's reader (`memo::read`, not serde's
/// deserializers: a third of this module's size); `what` names the argument in the error.
fn from_js<T>(v: &JsValue, what: &str, read: fn(&crate::json::Json) -> Result<T, String>) -> Result<T, JsError> {
    let json = stringify(v).ok_or_else(|| JsError::new(&format!("{what}: not plain data")))?;
    memo::read::from_text(&json, read).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

fn options_from(options: &JsValue) -> Result<MemoOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(MemoOptions::default());
    }
    let json = stringify(options).ok_or_else(|| JsError::new("invalid options: not plain data"))?;
    MemoOptions::from_json(&json).map_err(into_error)
}

fn analysis_from(v: &JsValue) -> Result<Analysis, JsError> {
    from_js(v, "analysis", memo::read::analysis)
}

fn field(v: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// `{analysis, text}` (what `analyzeBytes`/`analyzeDocx` return; `analyze`'s result with its text).
fn report_from(v: &JsValue, what: &str) -> Result<(Analysis, String), JsError> {
    let text = field(v, "text").as_string().ok_or_else(|| JsError::new(&format!("{what}: `text` must be a string")))?;
    let analysis = from_js(&field(v, "analysis"), &format!("{what}.analysis"), memo::read::analysis)?;
    Ok((analysis, text))
}

fn memo_out(mut m: Memo, text: &str) -> Result<JsValue, JsError> {
    memo::add_utf16(text, |f| m.for_each_place(f));
    to_js(&m)
}

/// The memo of one report: `analysis` as `analyze` returned it, `text` the text it was made of,
/// `options` `{office?, days?, date?, similarity?}`.
#[wasm_bindgen(js_name = memoItems, unchecked_return_type = "Memo")]
pub fn memo_items(
    #[wasm_bindgen(unchecked_param_type = "Analysis")] analysis: JsValue,
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "MemoOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let a = analysis_from(&analysis)?;
    let m = memo::build(&a, text, &options_from(&options)?).map_err(into_error)?;
    memo_out(m, text)
}

/// The second review of a resubmission: `previous` is the earlier version (`{analysis, text}`) or the
/// memo sent back for it (as the page edited it); `current` the resubmitted one (`{analysis, text}`).
#[wasm_bindgen(js_name = secondReview, unchecked_return_type = "Memo")]
pub fn second_review(
    #[wasm_bindgen(unchecked_param_type = "ReportText | Memo")] previous: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ReportText")] current: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MemoOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(&options)?;
    let (now, text) = report_from(&current, "current")?;
    let is_report = js_sys::Reflect::has(&previous, &JsValue::from_str("analysis")).unwrap_or(false);
    let mut m = if is_report {
        let (before, before_text) = report_from(&previous, "previous")?;
        let mut m = memo::second_review(Previous::Analysis(&before, &before_text), &now, &text, &options)
            .map_err(into_error)?;
        memo::add_utf16(&before_text, |f| m.for_each_earlier_place(f));
        m
    } else {
        let sent = from_js(&previous, "previous (a memo)", memo::read::memo)?;
        memo::second_review(Previous::Memo(&sent), &now, &text, &options).map_err(into_error)?
    };
    memo::add_utf16(&text, |f| m.for_each_place(f));
    to_js(&m)
}

/// A memo (as `memoItems` or `secondReview` returned it, possibly edited) as Markdown.
#[wasm_bindgen(js_name = memoMarkdown)]
pub fn memo_markdown(#[wasm_bindgen(unchecked_param_type = "Memo")] memo: JsValue) -> Result<String, JsError> {
    install_panic_hook();
    Ok(memo::markdown::memo(&from_js(&memo, "memo", memo::read::memo)?))
}

/// A memo as a .docx file (GB/T 9704 layout).
#[wasm_bindgen(js_name = memoDocx)]
pub fn memo_docx(#[wasm_bindgen(unchecked_param_type = "Memo")] memo: JsValue) -> Result<Vec<u8>, JsError> {
    install_panic_hook();
    memo::docx::memo(&from_js(&memo, "memo", memo::read::memo)?).map_err(into_error)
}

/// Comparison rows (`summarizeBytes(…).row`, cells in `compareColumns()` order) or analyses.
fn rows_from(v: &JsValue) -> Result<Vec<Vec<Cell>>, JsError> {
    from_js(v, "rows", memo::read::rows)
}

fn bulletin_of(rows: &JsValue, options: &JsValue) -> Result<memo::bulletin::Bulletin, JsError> {
    memo::bulletin::bulletin(&rows_from(rows)?, &options_from(options)?).map_err(into_error)
}

/// The 通报 of a batch as data: from comparison rows or analyses, `options` `{office?, days?, date?}`.
#[wasm_bindgen(js_name = bulletin, unchecked_return_type = "Bulletin")]
pub fn bulletin(
    #[wasm_bindgen(unchecked_param_type = "Cell[][] | Analysis[]")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MemoOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    to_js(&bulletin_of(&rows, &options)?)
}

/// The 通报 as Markdown.
#[wasm_bindgen(js_name = bulletinMarkdown)]
pub fn bulletin_markdown(
    #[wasm_bindgen(unchecked_param_type = "Cell[][] | Analysis[]")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MemoOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    install_panic_hook();
    Ok(memo::markdown::bulletin(&bulletin_of(&rows, &options)?))
}

/// The 通报 as a .docx file.
#[wasm_bindgen(js_name = bulletinDocx)]
pub fn bulletin_docx(
    #[wasm_bindgen(unchecked_param_type = "Cell[][] | Analysis[]")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MemoOptions | undefined")] options: JsValue,
) -> Result<Vec<u8>, JsError> {
    install_panic_hook();
    memo::docx::bulletin(&bulletin_of(&rows, &options)?).map_err(into_error)
}

/// A zip archive of `files` (`[{name, bytes}]`, bytes a `Uint8Array`): several memos in one download.
#[wasm_bindgen(js_name = zipFiles)]
pub fn zip_files(
    #[wasm_bindgen(unchecked_param_type = "{ name: string; bytes: Uint8Array }[]")] files: JsValue,
) -> Result<Vec<u8>, JsError> {
    install_panic_hook();
    if !js_sys::Array::is_array(&files) {
        return Err(JsError::new("zipFiles: a list of {name, bytes} is expected"));
    }
    let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
    for (k, f) in js_sys::Array::from(&files).iter().enumerate() {
        let name =
            field(&f, "name").as_string().ok_or_else(|| JsError::new(&format!("zipFiles: file {k} has no name")))?;
        let bytes = field(&f, "bytes");
        let bytes = bytes
            .dyn_ref::<js_sys::Uint8Array>()
            .ok_or_else(|| JsError::new(&format!("zipFiles: the bytes of {name:?} are not a Uint8Array")))?
            .to_vec();
        owned.push((name, bytes));
    }
    let members: Vec<memo::zip::Member> = owned.iter().map(|(name, data)| memo::zip::Member { name, data }).collect();
    memo::zip::write(&members).map_err(into_error)
}

#[derive(Serialize)]
struct Schema {
    memo_schema_version: u32,
}

/// The memo's schema version (bumped when a field is renamed, removed or changes meaning).
#[wasm_bindgen(js_name = memoSchema, unchecked_return_type = "{ memo_schema_version: number }")]
pub fn memo_schema() -> Result<JsValue, JsError> {
    to_js(&Schema { memo_schema_version: memo::MEMO_SCHEMA_VERSION })
}
