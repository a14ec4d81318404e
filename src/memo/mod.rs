//! 审核意见: the review memo a reviewer sends back to the unit whose 法治政府建设年度报告 they read, built
//! from the analysis and the text it was made of; its second review when the unit resubmits; and the
//! 通报 of a batch, built from the comparison rows alone.
//!
//! - [`build`]: title `关于《…》的审核意见`, 一、总体评价 ([`overall`]), 二、主要问题和修改建议 (the
//!   [`Item`]s of [`items`]: each the problem, where it is — section, a short quote and its span into
//!   the text —, the requirement it rests on, and a concrete suggestion), 三、修改要求.
//! - [`second_review`]: each earlier item `已整改` or `未整改` with the evidence found in the resubmitted
//!   text ([`review`]); new problems listed apart.
//! - [`bulletin::bulletin`]: the 通报 of many reports from their rows of the comparison table.
//! - Output: Markdown ([`markdown`]), JSON (these structs through serde; schema in `docs/memo.md`), and
//!   .docx laid out after GB/T 9704-2012 ([`docx`], written by [`ooxml`] and [`zip`]).
//!
//! Every sentence comes from `data/memo.tsv` ([`wording`]); requirements are cited by name and content
//! (`../shared/reference/requirements.md`), never by an article number. Byte offsets in the core, as
//! everywhere: `text[place.start..place.end] == place.quote`.

pub mod bulletin;
pub mod docx;
mod facts;
pub mod items;
pub mod markdown;
pub mod ooxml;
mod overall;
mod places;
pub mod read;
pub mod review;
pub mod wording;
pub mod zip;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::model::{Analysis, Span};

pub use review::{second_review, Previous};

/// Bumped whenever a field of the memo is renamed, removed or changes meaning.
pub const MEMO_SCHEMA_VERSION: u32 = 1;

/// Working days to resubmit when the options do not say.
pub const DEFAULT_DAYS: u32 = 10;

/// Where a problem is: the heading of the section it lies in, a short quote and the quote's span
/// (`text[start..end] == quote`; in JavaScript also `start16`/`end16`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The innermost section holding the quote, marker and title (`三、法治政府建设工作存在的问题和不足`).
    #[serde(default)]
    pub section: Option<String>,
    pub quote: String,
    #[serde(flatten)]
    pub span: Span,
}

/// One problem of the memo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable across versions of a report (`part:R3`, `causes`, `numbering:damaged_marker`…): the second
    /// review matches earlier items by it. Items a reviewer adds may leave it empty.
    #[serde(default)]
    pub id: String,
    /// `not_a_report`, `part_missing`, `part_in_body`, `causes_missing`, `area_missing`, `few_figures`,
    /// `formula`, `plans_vague`, `plans_unlinked`, `copied`, `doc_kind`, `title`, `year_slip`,
    /// `numbering`, `late`, `undated`; `custom` for an item a reviewer wrote.
    #[serde(default = "custom")]
    pub kind: String,
    pub problem: String,
    /// The first place the problem shows (none for something missing).
    #[serde(default, rename = "where")]
    pub place: Option<Place>,
    /// Further places of the same problem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Place>,
    /// The requirement it rests on, in words (the rule by name and content).
    #[serde(default)]
    pub requirement: String,
    /// What the requirement is, as an id: a required part (`R1`…`R4`, `R2C`), checklist items (`A3,A6`),
    /// `deadline`, `date`, `title`, `numbering`, `report`.
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub suggestion: String,
}

fn custom() -> String {
    "custom".into()
}

/// The report a memo is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportRef {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub source: Option<String>,
}

/// When the report was dated or published against its deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timeliness {
    /// `signed` (the closing date line) or `published` (the page's date).
    pub which: String,
    pub date: String,
    pub deadline: String,
    pub on_time: bool,
}

/// 一、总体评价: the figures it rests on and its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    /// Required contents present (a heading or body text): R1, R2, R2's causes, R3, R4 (three before
    /// 2019, when R3 and the causes were not yet required).
    #[serde(default)]
    pub parts_present: usize,
    #[serde(default)]
    pub parts_total: usize,
    /// 纲要 areas (top-level, applicable): covered, only mentioned, of.
    #[serde(default)]
    pub areas_covered: usize,
    #[serde(default)]
    pub areas_mentioned: usize,
    #[serde(default)]
    pub areas_total: usize,
    #[serde(default)]
    pub timeliness: Option<Timeliness>,
    /// Share (0–1) of the text found in other units' reports, when similarity ran.
    #[serde(default)]
    pub copied_share: Option<f64>,
    /// Share (0–1) found in the unit's own earlier report.
    #[serde(default)]
    pub previous_share: Option<f64>,
    /// The paragraph of 一、总体评价.
    pub text: String,
}

/// An earlier item, judged on the resubmitted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reviewed {
    pub item: Item,
    /// `fixed` (已整改), `open` (未整改) or `manual` (待核实: an item a reviewer wrote).
    pub status: String,
    /// `已整改`, `未整改` or `待核实`.
    pub label: String,
    pub evidence: String,
    /// Where the evidence is in the resubmitted text.
    #[serde(default, rename = "where")]
    pub place: Option<Place>,
}

/// The second review of a resubmission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub previous: ReportRef,
    pub earlier: Vec<Reviewed>,
    /// `前次审核意见共N条，已整改…`.
    pub summary: String,
}

/// The memo: what `memo --format json` writes and the page edits (items removed, reordered, changed,
/// added) before writing it as .docx or Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Memo {
    #[serde(default = "schema")]
    pub schema_version: u32,
    pub title: String,
    /// 主送: the unit the memo goes to (the report's issuer).
    #[serde(default)]
    pub addressee: Option<String>,
    /// The opening sentence (`你单位报送的《…》收悉。…`).
    #[serde(default)]
    pub opening: String,
    #[serde(default)]
    pub report: ReportRef,
    #[serde(default)]
    pub summary: Summary,
    /// 二、主要问题和修改建议 (in a second review: the new problems).
    #[serde(default)]
    pub items: Vec<Item>,
    /// Ids of items the reviewer removed: a second review does not raise them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
    /// 三、修改要求.
    #[serde(default)]
    pub request: String,
    /// The reviewing office (signature).
    #[serde(default)]
    pub office: Option<String>,
    /// The date of the memo, YYYY-MM-DD (blank in the document when absent).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default = "default_days")]
    pub days: u32,
}

fn schema() -> u32 {
    MEMO_SCHEMA_VERSION
}

fn default_days() -> u32 {
    DEFAULT_DAYS
}

/// How one source shares text with the report (filled from the similarity check).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CopiedSource {
    /// The other document, as the reviewer knows it (title or file name).
    pub source: String,
    /// `other_unit` or `previous_year` (the unit's own earlier report).
    pub kind: CopyKind,
    /// Share (0–1) of this report's text found in that source.
    pub share: f64,
    /// The shared passages, as spans into this report's text.
    #[serde(default)]
    pub passages: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyKind {
    OtherUnit,
    PreviousYear,
}

/// What the similarity check found for this report (in a batch): the shares of its text found in other
/// units' reports and in its own earlier report (0–1), and the sources with their passages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Similarity {
    #[serde(default)]
    pub copied_share: f64,
    #[serde(default)]
    pub previous_share: f64,
    #[serde(default)]
    pub sources: Vec<CopiedSource>,
}

/// The memo's options: the office, the working days to resubmit, the date, the similarity findings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MemoOptions {
    /// The reviewing office (`某市司法局`), named in 修改要求 and the signature.
    pub office: Option<String>,
    /// Working days to resubmit ([`DEFAULT_DAYS`] when absent).
    pub days: Option<u32>,
    /// The memo's date, YYYY-MM-DD.
    pub date: Option<String>,
    pub similarity: Option<Similarity>,
}

impl MemoOptions {
    /// Read options from JSON (unknown fields refused, naming the field).
    pub fn from_json(json: &str) -> Result<MemoOptions, Error> {
        let o = read::from_text(json, read::options).map_err(Error::Options)?;
        o.validate()?;
        Ok(o)
    }

    fn validate(&self) -> Result<(), Error> {
        if let Some(d) = &self.date {
            if !is_date(d) {
                return Err(Error::Options(format!("date {d:?} is not a date as YYYY-MM-DD")));
            }
        }
        if self.days == Some(0) || self.days.is_some_and(|d| d > 365) {
            return Err(Error::Options("days must be between 1 and 365".into()));
        }
        if let Some(s) = &self.similarity {
            let share = |x: f64| (0.0..=1.0).contains(&x);
            if !share(s.copied_share) || !share(s.previous_share) || s.sources.iter().any(|c| !share(c.share)) {
                return Err(Error::Options("similarity shares are fractions between 0 and 1".into()));
            }
        }
        Ok(())
    }

    pub(crate) fn days(&self) -> u32 {
        self.days.unwrap_or(DEFAULT_DAYS)
    }

    pub(crate) fn office_name(&self) -> String {
        self.office.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(|| wording::w("memo.office_blank").into())
    }
}

/// The memo of one report: `text` is the text `analysis` was made of (every span points into it).
pub fn build(analysis: &Analysis, text: &str, options: &MemoOptions) -> Result<Memo, Error> {
    options.validate()?;
    if text.len() != analysis.input.bytes {
        return Err(Error::Options(format!(
            "the text has {} bytes but the analysis was made of {}: pass the text the analysis was made of",
            text.len(),
            analysis.input.bytes
        )));
    }
    if let Some(s) = &options.similarity {
        for p in s.sources.iter().flat_map(|c| &c.passages) {
            if text.get(p.range()).is_none() {
                return Err(Error::Options(format!(
                    "similarity passage {}..{} is not a span of the text",
                    p.start, p.end
                )));
            }
        }
    }
    let facts = facts::Facts::new(analysis, text);
    let items = items::items(&facts, options);
    let summary = overall::summary(&facts, options, &items);
    let a = analysis;
    let title = memo_title(&a.meta, "memo.title");
    let opening = match &a.meta.title {
        Some(t) => wording::fill("memo.opening", &[("title", t)]),
        None => wording::fill("memo.opening", &[("title", &untitled(&a.meta))]),
    };
    let office = options.office_name();
    let request = if items.is_empty() {
        wording::w("request.none").to_string()
    } else {
        wording::fill("request.items", &[("days", &options.days().to_string()), ("office", &office)])
    };
    Ok(Memo {
        schema_version: MEMO_SCHEMA_VERSION,
        title,
        addressee: a.meta.issuer.clone(),
        opening,
        report: report_ref(a),
        summary,
        items,
        dismissed: Vec::new(),
        review: None,
        request,
        office: options.office.clone().filter(|o| !o.trim().is_empty()),
        date: options.date.clone(),
        days: options.days(),
    })
}

pub(crate) fn report_ref(a: &Analysis) -> ReportRef {
    ReportRef {
        title: a.meta.title.clone(),
        issuer: a.meta.issuer.clone(),
        year: a.meta.year,
        source: a.source.clone(),
    }
}

/// A report without a title, named by its issuer and year.
fn untitled(meta: &crate::model::Meta) -> String {
    let issuer = meta.issuer.as_deref().unwrap_or("");
    match meta.year {
        Some(y) => format!("{issuer}{y}年度法治政府建设情况报告"),
        None => format!("{issuer}法治政府建设情况报告"),
    }
}

pub(crate) fn memo_title(meta: &crate::model::Meta, id: &'static str) -> String {
    match &meta.title {
        Some(t) => wording::fill(id, &[("title", t)]),
        None if id == "memo.title" => {
            wording::fill("memo.title_untitled", &[("issuer", meta.issuer.as_deref().unwrap_or(""))])
        }
        None => wording::fill(id, &[("title", &untitled(meta))]),
    }
}

/// Whether `d` is a calendar date written YYYY-MM-DD.
fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        d.get(r).filter(|s| s.bytes().all(|c| c.is_ascii_digit())).and_then(|s| s.parse::<u32>().ok())
    };
    let (Some(y), Some(m), Some(day)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `2023-02-27` → `2023年2月27日` (as GB/T 9704 writes dates); anything else as given.
pub fn cn_date(date: &str) -> String {
    let parts: Vec<&str> = date.split('-').collect();
    match parts[..] {
        [y, m, d] => match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => format!("{y}年{m}月{d}日"),
            _ => date.to_string(),
        },
        _ => date.to_string(),
    }
}

/// A share (0–1) as a percentage with one decimal (`0.2345` → `23.5`).
pub(crate) fn percent(share: f64) -> String {
    crate::export::decimal(share * 100.0, 1)
}

impl Memo {
    /// Every place that points into the memo's own report text: the items' and, in a second review, the
    /// evidence found in the resubmitted text (an earlier item's own places point into the previous
    /// version: [`Memo::for_each_earlier_place`]).
    pub fn for_each_place(&mut self, mut f: impl FnMut(&mut Place)) {
        for item in &mut self.items {
            item.place.iter_mut().chain(item.also.iter_mut()).for_each(&mut f);
        }
        if let Some(r) = &mut self.review {
            r.earlier.iter_mut().filter_map(|e| e.place.as_mut()).for_each(&mut f);
        }
    }

    /// The places of a second review's earlier items (into the previous version's text).
    pub fn for_each_earlier_place(&mut self, mut f: impl FnMut(&mut Place)) {
        if let Some(r) = &mut self.review {
            for e in &mut r.earlier {
                e.item.place.iter_mut().chain(e.item.also.iter_mut()).for_each(&mut f);
            }
        }
    }
}

/// Fill `start16`/`end16` of places from the text they point into (one pass over the text).
pub fn add_utf16(text: &str, mut visit: impl FnMut(&mut dyn FnMut(&mut Place))) {
    let mut offsets = Vec::new();
    visit(&mut |p: &mut Place| offsets.extend([p.span.start, p.span.end]));
    crate::order::sort_dedup(&mut offsets, |&o| o as u64);
    let units = crate::text::utf16_offsets(text, &offsets);
    let at = |b: usize| offsets.binary_search(&b).map(|k| units[k]).unwrap_or(0);
    visit(&mut |p: &mut Place| {
        p.span.start16 = Some(at(p.span.start));
        p.span.end16 = Some(at(p.span.end));
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        for ok in ["2023-04-10", "2024-02-29", "2000-02-29"] {
            assert!(super::is_date(ok), "{ok}");
        }
        for bad in ["2023-02-30", "2023-13-01", "2100-02-29", "2023-4-10", "２０２３-04-10", "2023-04-1x", ""] {
            assert!(!super::is_date(bad), "{bad}");
        }
        assert_eq!(super::cn_date("2023-04-01"), "2023年4月1日");
    }
}
