//! The similar module's exports (feature `similar-api`, `pkg/report_analyzer_similar.js`, loaded on
//! first use): 雷同检测 over a batch the page already holds (src/similar/).
//!
//! The module keeps one batch: `addReport(text, info?)` prepares a report (2 bytes a character are
//! kept, not its text) and returns its index; `compareReports(options?)` compares all of them and
//! returns the reports' measures and the pairs, without spans; `pairPassages(left, right, leftText,
//! rightText)` gives one pair's passages with their spans (the page hands the two texts again: they
//! are checked against what was added), `reportPassages(index, text)` one report's counted passages
//! with their sources; `clearReports()` starts a new batch. `similarity(inputs, options?)` does it all
//! at once for a few texts, without touching the batch. Spans carry UTF-8 byte offsets (`start`,
//! `end`) and UTF-16 ones (`start16`, `end16`: `text.slice(start16, end16)`). Types: `www/similar.d.ts`.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{install_panic_hook, into_error, stringify, to_js};
use crate::similar::{self, options, render::round, Comparison, Passage, Report};

#[wasm_bindgen(typescript_custom_section)]
const SIMILAR_TYPES: &str = include_str!("../../www/similar.d.ts");

/// The batch: its reports, and their comparison once made (dropped by the next `addReport`).
#[derive(Default)]
struct Batch {
    reports: Vec<Report>,
    settings: options::Settings,
    compared: Option<Comparison>,
}

thread_local! {
    static BATCH: RefCell<Batch> = RefCell::new(Batch::default());
}

/// `JSON.stringify` of an optional object (`undefined` and `null`: none).
fn json_of(v: &JsValue, what: &str) -> Result<Option<String>, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    stringify(v)
        .map(Some)
        .ok_or_else(|| JsError::new(&format!("invalid {what}: not plain data (an object is expected)")))
}

#[derive(Serialize)]
struct SourceOut {
    report: usize,
    share: f64,
}

fn source(s: Option<similar::Source>) -> Option<SourceOut> {
    s.map(|s| SourceOut { report: s.report, share: round(s.share) })
}

#[derive(Serialize)]
struct ReportOut<'a> {
    index: usize,
    source: Option<&'a str>,
    issuer: Option<&'a str>,
    year: Option<i32>,
    previous: bool,
    unit: Option<&'a str>,
    chars: usize,
    copied_share: f64,
    copied_chars: usize,
    largest_source: Option<SourceOut>,
    previous_share: f64,
    previous_chars: usize,
    previous_source: Option<SourceOut>,
}

#[derive(Serialize)]
struct Span16 {
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
}

#[derive(Serialize)]
struct PartOut {
    left: Span16,
    right: Span16,
}

#[derive(Serialize)]
struct PassageOut {
    left: Span16,
    right: Span16,
    chars: u32,
    boilerplate: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<PartOut>,
}

#[derive(Serialize)]
struct PairOut {
    left: usize,
    right: usize,
    kind: &'static str,
    left_share: f64,
    right_share: f64,
    left_chars: usize,
    right_chars: usize,
    longest: usize,
    passage_count: usize,
    /// Dismissed by the reviewer (`options.dismissed`): listed, not counted in the reports' measures.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dismissed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    passages: Option<Vec<PassageOut>>,
}

#[derive(Serialize)]
struct ResultOut<'a> {
    boilerplate: usize,
    min_share: f64,
    reports: Vec<ReportOut<'a>>,
    pairs: Vec<PairOut>,
}

fn reports_out<'a>(reports: &'a [Report], measures: &[similar::Summary]) -> Vec<ReportOut<'a>> {
    reports
        .iter()
        .zip(measures)
        .enumerate()
        .map(|(index, (r, m))| ReportOut {
            index,
            source: r.source.as_deref(),
            issuer: r.issuer.as_deref(),
            year: r.year,
            previous: r.previous,
            unit: r.key.as_deref(),
            chars: m.chars,
            copied_share: round(m.copied_share),
            copied_chars: m.copied_chars,
            largest_source: source(m.largest_source),
            previous_share: round(m.previous_share),
            previous_chars: m.previous_chars,
            previous_source: source(m.previous_source),
        })
        .collect()
}

fn pair_out(p: &similar::Pair, passages: Option<Vec<PassageOut>>) -> PairOut {
    PairOut {
        left: p.left,
        right: p.right,
        kind: p.kind.as_str(),
        left_share: round(p.left_share),
        right_share: round(p.right_share),
        left_chars: p.left_chars,
        right_chars: p.right_chars,
        longest: p.longest,
        passage_count: p.passages.iter().filter(|x| !x.boilerplate).count(),
        dismissed: false,
        passages,
    }
}

/// Byte spans of token ranges in one text, with their UTF-16 offsets.
struct Side<'a> {
    text: &'a str,
    spans: &'a [(u32, u32)],
}

impl Side<'_> {
    /// The spans of `ranges` (tokens), UTF-16 offsets computed in one pass over the text.
    fn spans16(&self, ranges: &[std::ops::Range<u32>]) -> Vec<Span16> {
        let bytes: Vec<std::ops::Range<usize>> = ranges.iter().map(|r| similar::span(self.spans, r.clone())).collect();
        let mut sorted: Vec<usize> = bytes.iter().flat_map(|r| [r.start, r.end]).collect();
        crate::order::sort_dedup(&mut sorted, |&o| o as u64);
        let units = crate::text::utf16_offsets(self.text, &sorted);
        let at = |o: usize| units[sorted.partition_point(|&x| x < o)];
        bytes
            .into_iter()
            .map(|r| Span16 { start: r.start, end: r.end, start16: at(r.start), end16: at(r.end) })
            .collect()
    }
}

/// Passages with spans in both texts (`swap`: the pair's left report is `right`'s side).
fn passages_out(passages: &[Passage], left: &Side, right: &Side, swap: bool) -> Vec<PassageOut> {
    let side = |x: &Passage, left_side: bool| if left_side != swap { x.left() } else { x.right() };
    let part = |p: &similar::Part, left_side: bool| {
        if left_side != swap {
            p.a..p.a + p.len
        } else {
            p.b..p.b + p.len
        }
    };
    let ranges = |on_left: bool| {
        let mut v = Vec::new();
        for x in passages {
            v.push(side(x, on_left));
            if x.parts.len() > 1 {
                v.extend(x.parts.iter().map(|p| part(p, on_left)));
            }
        }
        v
    };
    let (mut l, mut r) = (left.spans16(&ranges(true)).into_iter(), right.spans16(&ranges(false)).into_iter());
    let mut out = Vec::with_capacity(passages.len());
    for x in passages {
        let (Some(ls), Some(rs)) = (l.next(), r.next()) else { break };
        let parts = if x.parts.len() > 1 {
            x.parts.iter().filter_map(|_| Some(PartOut { left: l.next()?, right: r.next()? })).collect()
        } else {
            Vec::new()
        };
        out.push(PassageOut { left: ls, right: rs, chars: x.chars, boilerplate: x.boilerplate, parts });
    }
    crate::order::sort_by_key(&mut out, |p| crate::order::pair(p.left.start, p.right.start));
    out
}

/// Add a report to the batch: its text and what the page knows of it (`{source?, issuer?, year?,
/// previous?}`: issuer and year as the analysis found them, when not given; `previous`: an earlier
/// report given for reference). Returns its index. Throws for empty or oversized text and bad info.
#[wasm_bindgen(js_name = addReport)]
pub fn add_report(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "ReportInfo | undefined")] info: JsValue,
) -> Result<usize, JsError> {
    install_panic_hook();
    let info = options::info(json_of(&info, "report information")?.as_deref()).map_err(into_error)?;
    let (report, _) = similar::prepare(text, info).map_err(into_error)?;
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        b.reports.push(report);
        b.compared = None;
        Ok(b.reports.len() - 1)
    })
}

/// The number of reports added.
#[wasm_bindgen(js_name = reportCount)]
pub fn report_count() -> usize {
    BATCH.with(|b| b.borrow().reports.len())
}

/// Forget the batch (its reports and its comparison).
#[wasm_bindgen(js_name = clearReports)]
pub fn clear_reports() {
    BATCH.with(|b| *b.borrow_mut() = Batch::default());
}

fn compare(b: &mut Batch) -> Result<&Comparison, JsError> {
    if b.compared.is_none() {
        let cmp = similar::compare(&b.reports, b.settings.params)
            .ok_or_else(|| JsError::new("too much text to compare at once (more than 4 billion characters)"))?;
        b.compared = Some(cmp);
    }
    b.compared.as_ref().ok_or_else(|| JsError::new("no comparison"))
}

/// Compare the reports added (`{boilerplate?, min_share?, dismissed?}`: a passage in more than
/// `boilerplate` reports, default 10, is boilerplate; pairs whose larger share is below `min_share`,
/// default 0, are left out; the pairs of `dismissed` (`[[0, 3], …]`, found legitimate by the reviewer)
/// are listed with `dismissed: true` and left out of the reports' measures). Returns `{boilerplate, min_share, reports, pairs}`: pairs by larger share, without
/// passages (`passage_count` says how many count); `pairPassages` gives them.
#[wasm_bindgen(js_name = compareReports, unchecked_return_type = "SimilarityResult")]
pub fn compare_reports(
    #[wasm_bindgen(unchecked_param_type = "SimilarityOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let settings = options::settings(json_of(&options, "options")?.as_deref()).map_err(into_error)?;
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        if b.settings.params != settings.params {
            b.compared = None;
        }
        b.settings = settings.clone();
        compare(&mut b)?;
        let (reports, cmp) = (&b.reports, b.compared.as_ref().ok_or_else(|| JsError::new("no comparison"))?);
        let dismissed =
            |p: &similar::Pair| settings.dismissed.iter().any(|&(x, y)| (x.min(y), x.max(y)) == (p.left, p.right));
        let pairs = cmp
            .pairs
            .iter()
            .filter(|p| p.share() >= settings.min_share)
            .map(|p| PairOut { dismissed: dismissed(p), ..pair_out(p, None) })
            .collect();
        let measures = cmp.measures(reports, &settings.dismissed);
        to_js(&ResultOut {
            boilerplate: settings.params.boilerplate,
            min_share: settings.min_share,
            reports: reports_out(reports, &measures),
            pairs,
        })
    })
}

/// The spans of a report's tokens in `text`, which must be the text it was added with.
fn spans_of(reports: &[Report], index: usize, text: &str) -> Result<Vec<(u32, u32)>, JsError> {
    let r =
        reports.get(index).ok_or_else(|| JsError::new(&format!("no report {index} (there are {})", reports.len())))?;
    r.spans(text).ok_or_else(|| JsError::new(&format!("the text given for report {index} is not the one added")))
}

/// The passages shared by reports `left` and `right` (indices from `addReport`, either order; any two
/// reports, a listed pair or not), with spans in `leftText` and `rightText` (the texts they were added
/// with). Returns `{left, right, kind, left_share, right_share, …, passages}`, `left` and `right` as
/// asked; boilerplate passages included. Compares the batch first if a report was added since.
#[wasm_bindgen(js_name = pairPassages, unchecked_return_type = "PairPassages")]
pub fn pair_passages(left: usize, right: usize, left_text: &str, right_text: &str) -> Result<JsValue, JsError> {
    install_panic_hook();
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        compare(&mut b)?;
        let (reports, cmp) = (&b.reports, b.compared.as_ref().ok_or_else(|| JsError::new("no comparison"))?);
        if left == right {
            return Err(JsError::new("a report is not compared with itself"));
        }
        let (ls, rs) = (spans_of(reports, left, left_text)?, spans_of(reports, right, right_text)?);
        let swap = left > right;
        let passages = cmp.between(reports, left.min(right), left.max(right));
        let out = passages_out(
            &passages,
            &Side { text: left_text, spans: &ls },
            &Side { text: right_text, spans: &rs },
            swap,
        );
        let kind = similar::Kind::of(&reports[left], &reports[right]);
        let pair = cmp.pair_index(left, right).map(|k| &cmp.pairs[k]);
        let (ls, rs) = match pair {
            Some(p) if swap => ((p.right_share, p.right_chars), (p.left_share, p.left_chars)),
            Some(p) => ((p.left_share, p.left_chars), (p.right_share, p.right_chars)),
            None => ((0.0, 0), (0.0, 0)),
        };
        to_js(&PairOut {
            left,
            right,
            kind: kind.as_str(),
            left_share: round(ls.0),
            right_share: round(rs.0),
            left_chars: ls.1,
            right_chars: rs.1,
            longest: pair.map_or(0, |p| p.longest),
            passage_count: out.iter().filter(|x| !x.boilerplate).count(),
            dismissed: false,
            passages: Some(out),
        })
    })
}

#[derive(Serialize)]
struct CopiedOut {
    start: usize,
    end: usize,
    start16: usize,
    end16: usize,
    /// The report it is shared with, and how they relate.
    source: usize,
    kind: &'static str,
    chars: u32,
}

/// The counted passages of report `index` (its text as added), each with the report it is shared
/// with: `[{start, end, start16, end16, source, kind, chars}]` by position (passages shared with several
/// reports appear once for each).
#[wasm_bindgen(js_name = reportPassages, unchecked_return_type = "ReportPassage[]")]
pub fn report_passages(index: usize, text: &str) -> Result<JsValue, JsError> {
    install_panic_hook();
    BATCH.with(|b| {
        let mut b = b.borrow_mut();
        compare(&mut b)?;
        let (reports, cmp) = (&b.reports, b.compared.as_ref().ok_or_else(|| JsError::new("no comparison"))?);
        let spans = spans_of(reports, index, text)?;
        let copied = cmp.copied(index);
        let side = Side { text, spans: &spans };
        let ranges: Vec<_> = copied.iter().map(|(r, _, _, _)| r.clone()).collect();
        let out: Vec<CopiedOut> = side
            .spans16(&ranges)
            .into_iter()
            .zip(&copied)
            .map(|(s, &(_, other, kind, chars))| CopiedOut {
                start: s.start,
                end: s.end,
                start16: s.start16,
                end16: s.end16,
                source: other,
                kind: kind.as_str(),
                chars,
            })
            .collect();
        to_js(&out)
    })
}

/// Everything at once for texts the caller holds (`inputs`: strings, or `{text, source?, issuer?, year?,
/// previous?}`), without touching the batch: `{boilerplate, min_share, reports, pairs}` with each
/// pair's `passages` and their spans. For a few reports: it holds every text and every span.
#[wasm_bindgen(js_name = similarity, unchecked_return_type = "SimilarityResult")]
pub fn similarity(
    #[wasm_bindgen(unchecked_param_type = "(string | ReportInput)[]")] inputs: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SimilarityOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    install_panic_hook();
    let settings = options::settings(json_of(&options, "options")?.as_deref()).map_err(into_error)?;
    if !js_sys::Array::is_array(&inputs) {
        return Err(JsError::new("similarity: a list of texts is expected"));
    }
    let list = js_sys::Array::from(&inputs);
    let (mut texts, mut reports, mut spans) = (Vec::new(), Vec::new(), Vec::new());
    for (n, item) in list.iter().enumerate() {
        let (text, info) = match item.as_string() {
            Some(text) => (text, similar::Info::default()),
            None => {
                let json =
                    json_of(&item, "report")?.ok_or_else(|| JsError::new(&format!("similarity: item {n} is empty")))?;
                let value = crate::json::parse(&json).map_err(into_error)?;
                let who = format!("report {n}");
                let r = crate::json::Record::new(&value, who, &["text", "source", "issuer", "year", "previous"])
                    .map_err(|e| JsError::new(&e))?;
                let text = r.required("text", crate::json::Record::string).map_err(|e| JsError::new(&e))?;
                (text, options::info_of(&r).map_err(|e| JsError::new(&e))?)
            }
        };
        let (r, s) = similar::prepare(&text, info).map_err(|e| JsError::new(&format!("report {n}: {e}")))?;
        texts.push(text);
        reports.push(r);
        spans.push(s);
    }
    let cmp = similar::compare(&reports, settings.params)
        .ok_or_else(|| JsError::new("too much text to compare at once (more than 4 billion characters)"))?;
    let pairs = cmp
        .pairs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.share() >= settings.min_share)
        .map(|(k, p)| {
            let (l, r) = (
                Side { text: &texts[p.left], spans: &spans[p.left] },
                Side { text: &texts[p.right], spans: &spans[p.right] },
            );
            pair_out(p, Some(passages_out(&cmp.passages(&reports, k), &l, &r, false)))
        })
        .collect();
    to_js(&ResultOut {
        boilerplate: settings.params.boilerplate,
        min_share: settings.min_share,
        reports: reports_out(&reports, &cmp.measures(&reports, &settings.dismissed)),
        pairs,
    })
}
