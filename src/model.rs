//! The analysis result: plain serde data shared by the CLI (JSON, JSONL, CSV, Markdown) and JavaScript.
//!
//! Every `start`/`end` pair is a UTF-8 byte offset into the decoded input text, so that
//! `input[start..end]` is the text the item stands for. The JS boundary adds `start16`/`end16`
//! (UTF-16 code units) next to every pair; natively they are absent.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Bumped whenever a field is renamed, removed or changes meaning (additions keep the version).
pub const SCHEMA_VERSION: u32 = 1;

/// A byte range into the input, with the UTF-16 range the JS boundary fills in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start16: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end16: Option<usize>,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end, start16: None, end16: None }
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema_version: u32,
    /// Where the input came from (a path, `-`, or a name the page gives); absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub input: InputInfo,
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub figures: Vec<Figure>,
    pub checklist: ChecklistResult,
    /// `null` when the document is not a 法治政府建设 report: it is described, not scored.
    pub score: Option<Score>,
    pub defects: Vec<Defect>,
    /// Lines recognised as web-page furniture: kept in the text, excluded from the analysis.
    pub furniture: Vec<Furniture>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputInfo {
    /// UTF-8 bytes of the decoded text (the offset space of every span).
    pub bytes: usize,
    /// Characters (Unicode scalar values) of the decoded text.
    pub chars: usize,
    /// Encoding the bytes were decoded from (`UTF-8` for text handed in as a string).
    pub encoding: String,
    /// `text`, `html` or `docx`.
    pub format: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    City,
    County,
    Township,
    Department,
    Unknown,
}

impl Level {
    pub const ALL: [Level; 6] =
        [Level::Province, Level::City, Level::County, Level::Township, Level::Department, Level::Unknown];

    /// The name in the JSON (serde's).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Department => "department",
            Level::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// 法治政府建设(情况/年度)报告.
    AnnualReport,
    /// 法治政府建设工作总结.
    WorkSummary,
    /// 法治政府建设自查(评估)报告.
    SelfInspection,
    /// Anything else (a 政府工作报告, a news item…): described, never scored.
    Other,
}

impl DocKind {
    pub const ALL: [DocKind; 4] =
        [DocKind::AnnualReport, DocKind::WorkSummary, DocKind::SelfInspection, DocKind::Other];

    /// The name in the JSON (serde's).
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::AnnualReport => "annual_report",
            DocKind::WorkSummary => "work_summary",
            DocKind::SelfInspection => "self_inspection",
            DocKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    /// Where the title stands in the text (its first occurrence outside page furniture).
    pub title_span: Option<Span>,
    pub issuer: Option<String>,
    pub year: Option<i32>,
    pub level: Level,
    /// The words that decided the level: `司法部 → 部门（“部”）`; `null` when it is unknown.
    #[serde(default)]
    pub level_reason: Option<String>,
    /// Publication date, YYYY-MM-DD, from the page (发布日期/发布时间/时间).
    pub published: Option<String>,
    /// Signature date, YYYY-MM-DD, from the closing lines.
    pub signed: Option<String>,
    /// The addressee line (`中共长春市委、长春市人民政府:`), as written.
    pub addressee: Option<String>,
    pub kind: DocKind,
    /// Why the document is `other`, or why it is a report when its title does not say so; `null` when
    /// the title says what it is.
    #[serde(default)]
    pub kind_reason: Option<String>,
    /// 索引号 of the page, when shown.
    pub index_number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Part {
    R1,
    R2,
    R3,
    R4,
    R5,
}

impl Part {
    pub const ALL: [Part; 5] = [Part::R1, Part::R2, Part::R3, Part::R4, Part::R5];

    pub fn id(self) -> &'static str {
        match self {
            Part::R1 => "R1",
            Part::R2 => "R2",
            Part::R3 => "R3",
            Part::R4 => "R4",
            Part::R5 => "R5",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1 = top level.
    pub depth: u8,
    /// The numbering as written (`一、`, `(三`, `)`), empty for an unnumbered heading.
    pub marker: String,
    /// The numbering the author meant, when the written one is damaged (`(二)` for `)`).
    #[serde(default)]
    pub repaired_marker: Option<String>,
    /// The ordinal the marker stands for (三 → 3).
    pub number: Option<u32>,
    /// Numbering style: `plain` unnumbered · `chapter` 第一部分 · `cn_dun` 一、 · `cn_paren` (一) ·
    /// `arabic_dot` 1. · `arabic_paren` (1) · `circled` ① · `cn_shi` 一是.
    pub style: String,
    pub title: String,
    /// The heading's title as a span (`input[title.start..title.end] == title`).
    pub title_span: Span,
    /// True when the body follows the heading on the same line.
    pub run_in: bool,
    /// The required part a top-level section carries (R1…R5), or `mixed`-free null.
    pub part: Option<Part>,
    /// From the marker to the end of the section's text (before the next heading of the same or a higher level).
    #[serde(flatten)]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    Count,
    Money,
    Percent,
    Duration,
    Date,
    Rank,
    Other,
}

impl FigureKind {
    pub const ALL: [FigureKind; 7] = [
        FigureKind::Count,
        FigureKind::Money,
        FigureKind::Percent,
        FigureKind::Duration,
        FigureKind::Date,
        FigureKind::Rank,
        FigureKind::Other,
    ];

    /// The name in the JSON (serde's).
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Count => "count",
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Duration => "duration",
            FigureKind::Date => "date",
            FigureKind::Rank => "rank",
            FigureKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The figure as written, qualifiers and unit included (`1500余人次`).
    pub text: String,
    /// Fully scaled (8.08亿元 → 808000000); percentages in points; dates as YYYYMMDD with unknown parts 0.
    pub value: f64,
    /// The unit after scaling: a measure word (件, 人次), `元`, `%`, a time unit, `date`, `rank` or ``.
    /// Borrowed from the unit table (no allocation per figure); owned when read back from JSON.
    pub unit: Cow<'static, str>,
    pub kind: FigureKind,
    /// True when hedged (余, 多, 近, 约, 以上, 前N…).
    pub approx: bool,
    /// What is counted (行政复议申请 for 收到行政复议申请61件), when it can be told.
    pub subject: Option<String>,
    /// Indicator family (requirements.md §5), when the subject belongs to one. Borrowed from the family
    /// table, as `unit`.
    #[serde(default)]
    pub family: Option<Cow<'static, str>>,
    #[serde(flatten)]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Covered,
    Mentioned,
    Missing,
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// True when the evidence is a heading, false for body text.
    pub heading: bool,
    #[serde(flatten)]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistResult {
    /// Id of the checklist applied (`default-2021` or `default-2015` for the built-in ones, by report year).
    pub id: String,
    pub name: String,
    /// Why this checklist (the edition of the 纲要 chosen from the report year or goal formula).
    #[serde(default)]
    pub note: Option<String>,
    pub items: Vec<ItemResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    pub name: String,
    /// The group the item belongs to (`parts`, `areas`, …), as the checklist names it.
    pub group: String,
    /// The item this one details (a 纲要 area for its named sub-items).
    #[serde(default)]
    pub parent: Option<String>,
    /// False for items shown but not scored (普法).
    pub scored: bool,
    pub status: Status,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub total: f64,
    pub max: f64,
    pub dimensions: Vec<Dimension>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    pub score: f64,
    pub max: f64,
    /// One line, in Chinese, for every point lost.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Defect {
    /// `damaged_marker`, `skipped_number`, `duplicate_number`, `restarted_number`, `level_order`,
    /// `year_slip`, `missing_title`, `title_without_year`.
    pub kind: String,
    pub message: String,
    #[serde(flatten)]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Furniture {
    /// `breadcrumb`, `toolbar`, `counter`, `page_meta`, `footer`, `navigation`, …
    pub kind: String,
    #[serde(flatten)]
    pub span: Span,
}

impl Analysis {
    /// Every span of the result, for the UTF-16 pass at the JS boundary and for span checks in tests.
    pub fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut out: Vec<&mut Span> = Vec::new();
        if let Some(s) = self.meta.title_span.as_mut() {
            out.push(s);
        }
        for s in &mut self.sections {
            out.push(&mut s.span);
            out.push(&mut s.title_span);
        }
        for f in &mut self.figures {
            out.push(&mut f.span);
        }
        for item in &mut self.checklist.items {
            for e in &mut item.evidence {
                out.push(&mut e.span);
            }
        }
        for d in &mut self.defects {
            out.push(&mut d.span);
        }
        for f in &mut self.furniture {
            out.push(&mut f.span);
        }
        out
    }

    /// Fill `start16`/`end16` of every span from the text the analysis was made of (one pass over the
    /// text for all spans).
    pub fn add_utf16_offsets(&mut self, text: &str) {
        let mut offsets: Vec<usize> = self.spans_mut().iter().flat_map(|s| [s.start, s.end]).collect();
        crate::order::sort_dedup(&mut offsets, |&o| o as u64);
        let units = crate::text::utf16_offsets(text, &offsets);
        let at = |b: usize| offsets.binary_search(&b).map(|k| units[k]).unwrap_or(0);
        for span in self.spans_mut() {
            span.start16 = Some(at(span.start));
            span.end16 = Some(at(span.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_names_match_the_json() {
        for v in Level::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
        for v in DocKind::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
        for v in FigureKind::ALL {
            assert_eq!(serde_json::to_value(v).unwrap(), v.as_str());
        }
    }
}
