//! The exports module's exports: Markdown, CSV and the comparison table of analyses handed back by
//! JavaScript (the objects `analyze` returned, or their JSON files).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{install_panic_hook, into_error, stringify, to_js};
use crate::Analysis;

/// Plain data in: `JSON.stringify` of the value, then serde.
fn from_js<T: serde::de::DeserializeOwned>(v: JsValue) -> Result<T, JsError> {
    install_panic_hook();
    let json =
        stringify(&v).ok_or_else(|| JsError::new("not plain data: an analysis (or a list of them) is expected"))?;
    serde_json::from_str(&json).map_err(into_error)
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

/// Rows of the comparison table handed back by JavaScript (the `row` of `summarizeBytes`), each as long
/// as `compareColumns().columns`.
fn rows_from(rows: JsValue) -> Result<Vec<Vec<crate::compare::Cell>>, JsError> {
    let rows: Vec<Vec<crate::compare::Cell>> = from_js(rows)?;
    let n = crate::compare::columns().len();
    match rows.iter().position(|r| r.len() != n) {
        Some(i) => Err(JsError::new(&format!("row {i} has {} cells, {n} expected", rows[i].len()))),
        None => Ok(rows),
    }
}

/// The year-over-year columns of comparison rows: `{columns, rows}` (see `compareTable`'s `yoy_*`).
#[wasm_bindgen(js_name = yearOverYear, unchecked_return_type = "{ columns: string[]; rows: Cell[][] }")]
pub fn year_over_year(#[wasm_bindgen(unchecked_param_type = "Cell[][]")] rows: JsValue) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Yoy {
        columns: Vec<String>,
        rows: Vec<Vec<crate::compare::Cell>>,
    }
    let (columns, rows) = crate::compare::year_over_year(&rows_from(rows)?);
    to_js(&Yoy { columns, rows })
}

/// [`compare_csv`] from comparison rows (a batch keeps rows, not analyses).
#[wasm_bindgen(js_name = rowsCsv)]
pub fn rows_csv(#[wasm_bindgen(unchecked_param_type = "Cell[][]")] rows: JsValue) -> Result<String, JsError> {
    Ok(crate::compare::rows_to_csv(&rows_from(rows)?))
}

/// [`compare_markdown`] from comparison rows.
#[wasm_bindgen(js_name = rowsMarkdown)]
pub fn rows_markdown(#[wasm_bindgen(unchecked_param_type = "Cell[][]")] rows: JsValue) -> Result<String, JsError> {
    Ok(crate::compare::rows_to_markdown(&rows_from(rows)?))
}
