//! The analysis module's exports: analyze text or file bytes, checklists.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{install_panic_hook, into_error, stringify, to_js};
use crate::checklist::Checklist;
use crate::{Analysis, Options};

/// The options object through `JSON.stringify` and the core's reader (src/options.rs), which refuses
/// unknown fields and names the one at fault.
pub(crate) fn options_from(options: JsValue) -> Result<Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    let json =
        stringify(&options).ok_or_else(|| JsError::new("invalid options: not plain data (an object is expected)"))?;
    Options::from_json(&json).map_err(into_error)
}

fn finish(text: &str, mut analysis: Analysis) -> Analysis {
    analysis.add_utf16_offsets(text);
    analysis
}

/// `{text, analysis}` for JavaScript: the decoded text is what every offset points into.
fn file_result(text: String, analysis: Analysis) -> Result<JsValue, JsError> {
    let analysis = finish(&text, analysis);
    to_js(&FileResult { text, analysis })
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

/// Analyze the bytes of a file (`.txt` in any supported encoding, `.html`): returns `{text, analysis}`,
/// the decoded text being what every offset points into. A `.docx` is refused with an error that names
/// `readDocx` (the docx module), whose result goes to [`analyze_docx`].
#[wasm_bindgen(js_name = analyzeBytes, unchecked_return_type = "FileResult")]
pub fn analyze_bytes(
    bytes: &[u8],
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let (text, analysis) = crate::analyze_bytes_with(bytes, name, &options, &BrowserDecoder).map_err(into_error)?;
    file_result(text, analysis)
}

/// Whether a file's bytes (the first four suffice) are a .docx's, which `analyzeBytes` leaves to the
/// docx module's `readDocx`.
#[wasm_bindgen(js_name = isDocx)]
pub fn is_docx(head: &[u8]) -> bool {
    crate::decode::is_docx(head)
}

/// The text and heading hints of what `readDocx` of the docx module returned (`{text, headings}`).
fn docx_input(docx: &JsValue, caller: &str) -> Result<(String, crate::decode::Decoded), JsError> {
    let field = |name: &str| js_sys::Reflect::get(docx, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let text = field("text").as_string().ok_or_else(|| JsError::new(&format!("{caller}: `text` must be a string")))?;
    let headings = stringify(&field("headings")).unwrap_or_default();
    let hints =
        crate::decode::HeadingHint::read_list(&text, &headings).map_err(|e| JsError::new(&format!("{caller}: {e}")))?;
    Ok((text, crate::decode::Decoded::docx(hints)))
}

/// Analyze the text of a .docx: `docx` is what `readDocx` of the docx module returned (`{text,
/// headings}`). Returns `{text, analysis}` like [`analyze_bytes`].
#[wasm_bindgen(js_name = analyzeDocx, unchecked_return_type = "FileResult")]
pub fn analyze_docx(
    #[wasm_bindgen(unchecked_param_type = "DocxText")] docx: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let (text, decoded) = docx_input(&docx, "analyzeDocx")?;
    let analysis = crate::analyze_decoded(&text, decoded, &options).map_err(into_error)?;
    file_result(text, analysis)
}

/// What a batch keeps of a report: its row of the comparison table and what was read.
#[derive(Serialize)]
struct Summary {
    row: Vec<crate::compare::Cell>,
    input: crate::model::InputInfo,
}

fn summary(analysis: &Analysis) -> Result<JsValue, JsError> {
    to_js(&Summary { row: crate::compare::row(analysis), input: analysis.input.clone() })
}

/// Analyze a file's bytes like [`analyze_bytes`] but return only `{row, input}`: the report's row of the
/// comparison table (cells in `compareColumns()` order) and what was read. For batches: a few hundred
/// bytes per report cross into JavaScript instead of the text and the whole analysis.
#[wasm_bindgen(js_name = summarizeBytes, unchecked_return_type = "ReportSummary")]
pub fn summarize_bytes(
    bytes: &[u8],
    name: &str,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let (_, analysis) = crate::analyze_bytes_with(bytes, name, &options, &BrowserDecoder).map_err(into_error)?;
    summary(&analysis)
}

/// [`summarize_bytes`] for a .docx read by the docx module's `readDocx`.
#[wasm_bindgen(js_name = summarizeDocx, unchecked_return_type = "ReportSummary")]
pub fn summarize_docx(
    #[wasm_bindgen(unchecked_param_type = "DocxText")] docx: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let options = options_from(options)?;
    let (text, decoded) = docx_input(&docx, "summarizeDocx")?;
    summary(&crate::analyze_decoded(&text, decoded, &options).map_err(into_error)?)
}

/// The comparison table's columns: `{columns, names}` (ids and Chinese headers), the order of a
/// summary's `row`.
#[wasm_bindgen(js_name = compareColumns, unchecked_return_type = "{ columns: string[]; names: string[] }")]
pub fn compare_columns() -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Columns {
        columns: Vec<String>,
        names: Vec<String>,
    }
    to_js(&Columns { columns: crate::compare::columns(), names: crate::compare::column_names() })
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
