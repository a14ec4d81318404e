//! Exports shared by the CLI and the page: the figures as table rows and a Markdown summary.

use crate::model::{Analysis, Status};

/// Columns of the figures table (CSV).
pub const FIGURE_COLUMNS: [&str; 11] =
    ["source", "text", "value", "unit", "kind", "approx", "subject", "family", "section", "start", "end"];

/// One row per figure, in [`FIGURE_COLUMNS`] order.
pub fn figure_rows(a: &Analysis) -> Vec<[String; 11]> {
    a.figures
        .iter()
        .map(|f| {
            let section = a
                .sections
                .iter()
                .rev()
                .find(|s| s.span.start <= f.span.start && f.span.end <= s.span.end)
                .map(|s| format!("{}{}", s.repaired_marker.as_deref().unwrap_or(&s.marker), s.title))
                .unwrap_or_default();
            [
                a.source.clone().unwrap_or_default(),
                f.text.clone(),
                format_number(f.value),
                f.unit.to_string(),
                f.kind.as_str().to_string(),
                f.approx.to_string(),
                f.subject.clone().unwrap_or_default(),
                f.family.as_deref().unwrap_or_default().to_string(),
                section,
                f.span.start.to_string(),
                f.span.end.to_string(),
            ]
        })
        .collect()
}

/// The figures of several analyses as CSV (one header, [`FIGURE_COLUMNS`]).
pub fn figures_csv(analyses: &[Analysis]) -> String {
    let mut out = String::new();
    crate::compare::push_csv_line(&mut out, FIGURE_COLUMNS.iter().copied());
    for a in analyses {
        for row in figure_rows(a) {
            crate::compare::push_csv_line(&mut out, row.iter().map(String::as_str));
        }
    }
    out
}

/// A value without a spurious `.0` (at most six decimals).
pub fn format_number(v: f64) -> String {
    decimal(v, 6)
}

/// `v` rounded to at most `places` (≤ 9) decimals and 15 significant digits, trailing zeros dropped:
/// no binary noise (935670000000.0002) in tables and reasons.
pub fn decimal(v: f64, places: u32) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .into();
    }
    // No more digits than a double holds (15 significant).
    let mut places = places.min(9);
    while places > 0 && v.abs() * 10f64.powi(places as i32) >= 1e15 {
        places -= 1;
    }
    let scale = 10u64.pow(places);
    let x = (v.abs() * scale as f64).round();
    if x >= 1e18 {
        // Beyond exact integers: six significant digits and a power of ten.
        let exp = v.abs().log10().floor() as i32;
        return format!("{}e{exp}", decimal(v / 10f64.powi(exp), 5));
    }
    let n = x as u64;
    let (int, mut frac, mut digits) = (n / scale, n % scale, places as usize);
    let mut s = if v < 0.0 && n != 0 { format!("-{int}") } else { int.to_string() };
    if frac != 0 {
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        s.push_str(&format!(".{frac:0digits$}"));
    }
    s
}

/// The level in Chinese.
pub fn level_name(level: crate::model::Level) -> &'static str {
    use crate::model::Level::*;
    match level {
        Province => "省级",
        City => "市级",
        County => "县级",
        Township => "乡镇（街道）",
        Department => "部门",
        Unknown => "未能确定",
    }
}

/// The document kind in Chinese.
pub fn kind_name(kind: crate::model::DocKind) -> &'static str {
    use crate::model::DocKind::*;
    match kind {
        AnnualReport => "法治政府建设年度报告",
        WorkSummary => "法治政府建设工作总结",
        SelfInspection => "法治政府建设自查报告",
        Other => "不是法治政府建设报告",
    }
}

fn mark(s: Status) -> &'static str {
    match s {
        Status::Covered => "✓",
        Status::Mentioned => "△",
        Status::Missing => "✗",
        Status::NotApplicable => "—",
    }
}

/// A readable summary: metadata, score with reasons, checklist, outline and figures.
pub fn markdown(a: &Analysis) -> String {
    use std::fmt::Write;
    let m = &a.meta;
    let mut s = String::new();
    let title = m.title.as_deref().unwrap_or("（未找到标题）");
    let _ = writeln!(s, "# {title}\n");
    if let Some(src) = &a.source {
        let _ = writeln!(s, "- 来源文件：{src}");
    }
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let _ = writeln!(s, "- 发文机关：{}", or_dash(m.issuer.clone()));
    let _ = writeln!(s, "- 报告年度：{}", or_dash(m.year.map(|y| y.to_string())));
    let why = |r: &Option<String>| r.as_deref().map(|r| format!("（{r}）")).unwrap_or_default();
    let _ = writeln!(s, "- 层级：{}{}", level_name(m.level), why(&m.level_reason));
    let _ = writeln!(s, "- 发布日期：{}；落款日期：{}", or_dash(m.published.clone()), or_dash(m.signed.clone()));
    let _ = writeln!(s, "- 文种：{}{}\n", kind_name(m.kind), why(&m.kind_reason));
    match &a.score {
        None => {
            let _ = writeln!(s, "## 评分\n\n本文不是法治政府建设年度报告，不予评分。\n");
        }
        Some(score) => {
            let _ = writeln!(s, "## 评分：{} / {}\n", format_number(score.total), format_number(score.max));
            for d in &score.dimensions {
                let _ = writeln!(s, "- {} {}：{} / {}", d.id, d.name, format_number(d.score), format_number(d.max));
                for r in &d.reasons {
                    let _ = writeln!(s, "  - {r}");
                }
            }
            s.push('\n');
        }
    }
    let top: Vec<_> =
        a.checklist.items.iter().filter(|i| i.parent.is_none() && i.status != Status::NotApplicable).collect();
    let covered = top.iter().filter(|i| i.status == Status::Covered).count();
    let _ = writeln!(s, "## 检查清单（{covered}/{} 项已覆盖）\n", top.len());
    if let Some(note) = &a.checklist.note {
        let _ = writeln!(s, "{note}\n");
    }
    for i in &a.checklist.items {
        let indent = if i.parent.is_some() { "  " } else { "" };
        let _ = writeln!(s, "{indent}- {} {} {}", mark(i.status), i.id, i.name);
    }
    let _ = writeln!(s, "\n## 结构\n");
    for sec in &a.sections {
        let part = sec.part.map(|p| format!("  〔{}〕", p.id())).unwrap_or_default();
        let marker = sec.repaired_marker.as_deref().unwrap_or(&sec.marker);
        let _ = writeln!(s, "{}- {marker} {}{part}", "  ".repeat(sec.depth as usize - 1), sec.title);
    }
    if !a.defects.is_empty() {
        let _ = writeln!(s, "\n## 编号与形式问题\n");
        for d in &a.defects {
            let _ = writeln!(s, "- {}", d.message);
        }
    }
    let _ = writeln!(s, "\n## 数据（{} 个）\n", a.figures.len());
    if !a.figures.is_empty() {
        let _ = writeln!(s, "| 原文 | 数值 | 单位 | 类型 | 对象 |\n|---|---|---|---|---|");
        for f in &a.figures {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                f.text.replace('|', "\\|"),
                format_number(f.value),
                f.unit,
                f.kind.as_str(),
                f.subject.as_deref().unwrap_or("").replace('|', "\\|")
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_like_the_standard_formatting() {
        let cases: [(f64, u32, &str); 15] = [
            (0.0, 1, "0"),
            (-0.04, 1, "0"),
            (3.0, 6, "3"),
            (2.5, 6, "2.5"),
            (0.25, 1, "0.3"),
            (-1.25, 2, "-1.25"),
            (12.05, 1, "12.1"),
            (0.123_456_7, 6, "0.123457"),
            (808_000_000.000_000_1, 6, "808000000"),
            (935_670_000_000.000_2, 6, "935670000000"),
            (6.66e12, 6, "6660000000000"),
            (1.5e17, 6, "150000000000000000"),
            (2.5e20, 6, "2.5e20"),
            (f64::NAN, 1, "NaN"),
            (f64::NEG_INFINITY, 1, "-inf"),
        ];
        for (v, places, want) in cases {
            assert_eq!(decimal(v, places), want, "{v} to {places} places");
        }
        for k in 0..2000 {
            let v = k as f64 * 0.37 - 300.0;
            assert_eq!(decimal(v, 2).parse::<f64>().unwrap(), (v * 100.0).round() / 100.0, "{v}");
        }
    }
}
