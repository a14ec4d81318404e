//! The JavaScript boundary (wasm32 only): one options object in, plain JSON-compatible data out, every
//! error a JS `Error`. Offsets gain `start16`/`end16` (UTF-16 code units) here and only here.

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::checklist::Checklist;
use crate::{Analysis, Options};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("../www/types.d.ts");

/// Turn any displayable error into a JS `Error`.
fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// Plain data out through JSON text and `JSON.parse`: measured twice as fast as building the objects
/// field by field across the boundary, and it needs no serializer code of its own in the wasm.
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(v).map_err(into_error)?;
    js_sys::JSON::parse(&json).map_err(|e| JsError::new(&format!("{e:?}")))
}

/// Plain data in: `JSON.stringify` of the value, then serde.
fn from_js<T: serde::de::DeserializeOwned>(v: JsValue) -> Result<T, JsError> {
    let json = js_sys::JSON::stringify(&v).map_err(|e| JsError::new(&format!("not plain data: {e:?}")))?;
    serde_json::from_str(&String::from(json)).map_err(into_error)
}

fn options_from(options: JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    // serde-wasm-bindgen reads only the fields it knows: refuse the others here, so that a typo
    // (`checklst`) is an error rather than silently ignored.
    if let Some(obj) = options.dyn_ref::<js_sys::Object>() {
        for key in js_sys::Object::keys(obj).iter() {
            let key = key.as_string().unwrap_or_default();
            if !OPTION_KEYS.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "invalid options: unknown field `{key}`, expected one of {}",
                    OPTION_KEYS.join(", ")
                )));
            }
        }
    }
    from_js(options)
}

const OPTION_KEYS: [&str; 3] = ["checklist", "source", "year"];

fn finish(text: &str, mut analysis: Analysis) -> Analysis {
    analysis.add_utf16_offsets(text);
    analysis
}

/// Analyze report text. `options`: `{checklist?, source?, year?}`.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze_text(
    input: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let json = analyze_json(input, options)?;
    js_sys::JSON::parse(&json).map_err(|e| JsError::new(&format!("{e:?}")))
}

/// GB18030 and Big5 through the platform's `TextDecoder` (browsers and Node have them built in), so the
/// wasm carries no encoding tables.
struct BrowserDecoder;

impl crate::decode::LegacyDecoder for BrowserDecoder {
    fn decode(&self, charset: crate::decode::Charset, bytes: &[u8]) -> Option<String> {
        let opts = web_sys::TextDecoderOptions::new();
        opts.set_fatal(true);
        let decoder = web_sys::TextDecoder::new_with_label_and_options(charset.label(), &opts).ok()?;
        decoder.decode_with_u8_array(bytes).ok()
    }
}

/// [`analyze_text`] returning the analysis as JSON text (the CLI's `--format json` output, with UTF-16
/// offsets): for exports, and the fastest way to move a large result into JavaScript (`JSON.parse`).
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(
    input: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<String, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let analysis = crate::analyze(input, &options).map_err(into_error)?;
    serde_json::to_string(&finish(input, analysis)).map_err(into_error)
}

#[derive(Serialize)]
struct FileResult {
    text: String,
    analysis: Analysis,
}

/// Analyze the bytes of a file (`.txt` in any supported encoding, `.html`, `.docx`): returns
/// `{text, analysis}`, the decoded text being what every offset points into.
#[wasm_bindgen(js_name = analyzeBytes, unchecked_return_type = "FileResult")]
pub fn analyze_bytes(
    bytes: &[u8],
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let (text, analysis) = crate::analyze_bytes_with(bytes, name, &options, &BrowserDecoder).map_err(into_error)?;
    let analysis = finish(&text, analysis);
    to_js(&FileResult { text, analysis })
}

/// The built-in checklist, in the format a user's own checklist follows.
#[wasm_bindgen(js_name = defaultChecklist, unchecked_return_type = "Checklist")]
pub fn default_checklist() -> Result<JsValue, JsError> {
    to_js(&Checklist::builtin())
}

/// Parse and validate a checklist file's text; the error names the item and field at fault.
#[wasm_bindgen(js_name = parseChecklist, unchecked_return_type = "Checklist")]
pub fn parse_checklist(json: &str) -> Result<JsValue, JsError> {
    to_js(&Checklist::from_json(json).map_err(into_error)?)
}

/// A Markdown summary of an analysis (the object `analyze` returned).
#[wasm_bindgen(js_name = toMarkdown)]
pub fn to_markdown(#[wasm_bindgen(unchecked_param_type = "Analysis")] analysis: JsValue) -> Result<String, JsError> {
    let a: Analysis = from_js(analysis)?;
    Ok(crate::export::markdown(&a))
}

fn analyses_from(analyses: JsValue) -> Result<Vec<Analysis>, JsError> {
    from_js(analyses)
}

/// The figures of one or more analyses as CSV text.
#[wasm_bindgen(js_name = figuresCsv)]
pub fn figures_csv(#[wasm_bindgen(unchecked_param_type = "Analysis[]")] analyses: JsValue) -> Result<String, JsError> {
    Ok(crate::export::figures_csv(&analyses_from(analyses)?))
}

/// The comparison table of several analyses: `{columns, names, rows, yoy_columns, yoy_rows}` (cells are
/// strings, numbers or null; `names` are the Chinese column headers).
#[wasm_bindgen(js_name = compareTable, unchecked_return_type = "ComparisonTable")]
pub fn compare_table(
    #[wasm_bindgen(unchecked_param_type = "Analysis[]")] analyses: JsValue,
) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Table {
        columns: Vec<String>,
        names: Vec<String>,
        rows: Vec<Vec<crate::compare::Cell>>,
        yoy_columns: Vec<String>,
        yoy_rows: Vec<Vec<crate::compare::Cell>>,
    }
    let analyses = analyses_from(analyses)?;
    let rows: Vec<_> = analyses.iter().map(crate::compare::row).collect();
    let (yoy_columns, yoy_rows) = crate::compare::year_over_year(&rows);
    to_js(&Table {
        columns: crate::compare::columns(),
        names: crate::compare::column_names(),
        rows,
        yoy_columns,
        yoy_rows,
    })
}

/// The comparison table as CSV text (with the year-over-year columns).
#[wasm_bindgen(js_name = compareCsv)]
pub fn compare_csv(#[wasm_bindgen(unchecked_param_type = "Analysis[]")] analyses: JsValue) -> Result<String, JsError> {
    Ok(crate::compare::to_csv(&analyses_from(analyses)?))
}

/// The comparison table as Markdown.
#[wasm_bindgen(js_name = compareMarkdown)]
pub fn compare_markdown(
    #[wasm_bindgen(unchecked_param_type = "Analysis[]")] analyses: JsValue,
) -> Result<String, JsError> {
    Ok(crate::compare::to_markdown(&analyses_from(analyses)?))
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

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&msg));
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
        }));
    });
}
