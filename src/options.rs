//! Options of one analysis: the same struct for the CLI and for the JS object handed to `analyze`.

use serde::Deserialize;

use crate::checklist::Checklist;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// A checklist to apply instead of the built-in one (the format of `data/checklist-default.json`).
    pub checklist: Option<Checklist>,
    /// Name of the input (a path or a file name), copied to the result's `source`.
    pub source: Option<String>,
    /// The report year, when the caller knows it better than the text says.
    pub year: Option<i32>,
}
