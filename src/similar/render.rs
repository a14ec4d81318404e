//! The comparison written out: JSON lines (one pair each), CSV (the pairs as Dolos's `pairs.csv`, and
//! the passages), Markdown (a readable report). Spans are byte offsets into each decoded text.

use serde::Serialize;

use super::{span, Comparison, Kind, Passage, Report};
use crate::compare::push_csv_line;

/// A compared report as the output sees it: its name, its decoded text and its tokens' byte spans.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub spans: &'a [(u32, u32)],
}

/// A share rounded to four places (0.1234 = 12.34%).
pub fn round(share: f64) -> f64 {
    (share * 10_000.0).round() / 10_000.0
}

#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct PartOut {
    left: SpanOut,
    right: SpanOut,
}

#[derive(Serialize)]
struct PassageOut {
    left: SpanOut,
    right: SpanOut,
    chars: u32,
    boilerplate: bool,
    /// The exact matches of a passage merged across insertions (absent for one match): each holds
    /// the same masked text on both sides, the gaps between them do not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<PartOut>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    left: &'a str,
    right: &'a str,
    kind: &'static str,
    left_share: f64,
    right_share: f64,
    left_chars: usize,
    right_chars: usize,
    longest: usize,
    passages: Vec<PassageOut>,
}

/// The byte spans of a passage in its two texts.
fn spans_of(p: &Passage, left: &Input, right: &Input) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    (span(left.spans, p.left()), span(right.spans, p.right()))
}

/// The pairs whose larger share reaches `min_share`, in the comparison's order, with every passage
/// (boilerplate included): `(pair index, passages)`.
pub fn reported(cmp: &Comparison, reports: &[Report], min_share: f64) -> Vec<(usize, Vec<Passage>)> {
    (0..cmp.pairs.len()).filter(|&k| cmp.pairs[k].share() >= min_share).map(|k| (k, cmp.passages(reports, k))).collect()
}

/// One JSON line per reported pair.
pub fn jsonl(cmp: &Comparison, reported: &[(usize, Vec<Passage>)], inputs: &[Input]) -> String {
    let mut out = String::new();
    for (k, passages) in reported {
        let p = &cmp.pairs[*k];
        let (l, r) = (&inputs[p.left], &inputs[p.right]);
        let line = PairOut {
            left: l.name,
            right: r.name,
            kind: p.kind.as_str(),
            left_share: round(p.left_share),
            right_share: round(p.right_share),
            left_chars: p.left_chars,
            right_chars: p.right_chars,
            longest: p.longest,
            passages: passages
                .iter()
                .map(|x| {
                    let (a, b) = spans_of(x, l, r);
                    let parts = if x.parts.len() < 2 {
                        Vec::new()
                    } else {
                        x.parts
                            .iter()
                            .map(|p| {
                                let a = span(l.spans, p.a..p.a + p.len);
                                let b = span(r.spans, p.b..p.b + p.len);
                                PartOut {
                                    left: SpanOut { start: a.start, end: a.end },
                                    right: SpanOut { start: b.start, end: b.end },
                                }
                            })
                            .collect()
                    };
                    PassageOut {
                        left: SpanOut { start: a.start, end: a.end },
                        right: SpanOut { start: b.start, end: b.end },
                        chars: x.chars,
                        boilerplate: x.boilerplate,
                        parts,
                    }
                })
                .collect(),
        };
        out.push_str(&serde_json::to_string(&line).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// The reported pairs as CSV, the columns of Dolos's `pairs.csv` with ours after them.
pub fn pairs_csv(cmp: &Comparison, reported: &[(usize, Vec<Passage>)], inputs: &[Input]) -> String {
    let mut out = String::new();
    let header = [
        "leftFileId",
        "leftFilePath",
        "rightFileId",
        "rightFilePath",
        "similarity",
        "longestFragment",
        "leftCovered",
        "rightCovered",
        "kind",
        "left_share",
        "right_share",
        "passages",
        "boilerplate_passages",
    ];
    push_csv_line(&mut out, header.into_iter());
    for (k, passages) in reported {
        let p = &cmp.pairs[*k];
        let boilerplate = passages.iter().filter(|x| x.boilerplate).count();
        let cells = [
            p.left.to_string(),
            inputs[p.left].name.to_string(),
            p.right.to_string(),
            inputs[p.right].name.to_string(),
            round(p.share()).to_string(),
            p.longest.to_string(),
            p.left_chars.to_string(),
            p.right_chars.to_string(),
            p.kind.as_str().to_string(),
            round(p.left_share).to_string(),
            round(p.right_share).to_string(),
            (passages.len() - boilerplate).to_string(),
            boilerplate.to_string(),
        ];
        push_csv_line(&mut out, cells.iter().map(String::as_str));
    }
    out
}

/// Every passage of the reported pairs as CSV, with its text on the left (line breaks as spaces).
pub fn passages_csv(cmp: &Comparison, reported: &[(usize, Vec<Passage>)], inputs: &[Input]) -> String {
    let mut out = String::new();
    let header =
        ["left", "right", "kind", "left_start", "left_end", "right_start", "right_end", "chars", "boilerplate", "text"];
    push_csv_line(&mut out, header.into_iter());
    for (k, passages) in reported {
        let p = &cmp.pairs[*k];
        let (l, r) = (&inputs[p.left], &inputs[p.right]);
        for x in passages {
            let (a, b) = spans_of(x, l, r);
            let cells = [
                l.name.to_string(),
                r.name.to_string(),
                p.kind.as_str().to_string(),
                a.start.to_string(),
                a.end.to_string(),
                b.start.to_string(),
                b.end.to_string(),
                x.chars.to_string(),
                x.boilerplate.to_string(),
                one_line(&l.text[a]),
            ];
            push_csv_line(&mut out, cells.iter().map(String::as_str));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split(['\n', '\r']).map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::OtherUnit => "其他单位",
        Kind::PreviousYear => "本单位往年",
        Kind::SameUnit => "同一单位",
    }
}

/// The start and end of a long text, for a table cell.
fn excerpt(s: &str, chars: usize) -> String {
    let s = one_line(s).replace('|', "\\|");
    let n = s.chars().count();
    if n <= chars * 2 {
        return s;
    }
    let head: String = s.chars().take(chars).collect();
    let tail: String = s.chars().skip(n - chars).collect();
    format!("{head}……{tail}")
}

/// A readable report: each report's measures, the reported pairs, and their counted passages.
pub fn markdown(
    cmp: &Comparison,
    reported: &[(usize, Vec<Passage>)],
    reports: &[Report],
    inputs: &[Input],
    min_share: f64,
) -> String {
    let mut s = String::from("# 雷同检测\n\n");
    s.push_str(&format!(
        "{} 份报告，{} 对达到阈值（较大一方的复制比 ≥ {}）。复制比：与另一份报告共有段落（至少 {} 字）的字数占本报告正文字数之比，不计标点、空格和页面框架；单位名称、年份和数字视为相同；超过 {} 份报告共有的段落和内置套话库中的表述视为套话，不计入。\n\n",
        reports.len(),
        reported.len(),
        percent(min_share),
        super::K,
        cmp.params.boilerplate,
    ));
    s.push_str("## 各报告\n\n| 报告 | 年度 | 正文字数 | 复制比（其他单位） | 最大来源 | 本单位上年复制比 | 上年报告 |\n|---|---|---|---|---|---|---|\n");
    let name = |i: usize| inputs[i].name.replace('|', "\\|");
    for (i, (r, m)) in reports.iter().zip(&cmp.reports).enumerate() {
        let source = |src: Option<super::Source>| {
            src.map_or("—".to_string(), |x| format!("{}（{}）", name(x.report), percent(x.share)))
        };
        let earlier = if r.previous { "（上年报告）" } else { "" };
        s.push_str(&format!(
            "| {}{earlier} | {} | {} | {} | {} | {} | {} |\n",
            name(i),
            r.year.map_or("—".to_string(), |y| y.to_string()),
            m.chars,
            percent(m.copied_share),
            source(m.largest_source),
            percent(m.previous_share),
            source(m.previous_source),
        ));
    }
    if reported.is_empty() {
        return s;
    }
    s.push_str("\n## 报告对\n\n| 左 | 右 | 关系 | 左占比 | 右占比 | 最长段落（字） | 段落 | 套话段落 |\n|---|---|---|---|---|---|---|---|\n");
    for (k, passages) in reported {
        let p = &cmp.pairs[*k];
        let boilerplate = passages.iter().filter(|x| x.boilerplate).count();
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            name(p.left),
            name(p.right),
            kind_name(p.kind),
            percent(p.left_share),
            percent(p.right_share),
            p.longest,
            passages.len() - boilerplate,
            boilerplate,
        ));
    }
    s.push_str("\n## 共有段落\n");
    for (k, passages) in reported {
        let p = &cmp.pairs[*k];
        let (l, r) = (&inputs[p.left], &inputs[p.right]);
        s.push_str(&format!(
            "\n### {} ↔ {}（{}）\n\n| 左（字节） | 右（字节） | 字数 | 左侧原文 |\n|---|---|---|---|\n",
            name(p.left),
            name(p.right),
            kind_name(p.kind)
        ));
        for x in passages.iter().filter(|x| !x.boilerplate) {
            let (a, b) = spans_of(x, l, r);
            s.push_str(&format!(
                "| {}–{} | {}–{} | {} | {} |\n",
                a.start,
                a.end,
                b.start,
                b.end,
                x.chars,
                excerpt(&l.text[a.clone()], 40)
            ));
        }
    }
    s
}
