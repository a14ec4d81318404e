//! The document's kind: from the title when it says; else from the body — a text that reports a
//! year's 法治政府建设 in the words reports use is a report, and the near misses of
//! `data/meta/kinds.tsv` (a 政府工作报告, a plan, a 信息公开 年报, a five-year review, 行政复议
//! statistics) are `other` — with the reason when the title did not say it.
//!
//! The table's columns: a stable id; the scope, `title` (in the title) or `body` (in the first pages,
//! at least `min` times); the cue; the words that cancel it (`|`-separated, or `-`); the reason given.

use crate::model::DocKind;

struct NearMiss {
    body: bool,
    cue: &'static str,
    min: usize,
    unless: &'static [&'static str],
    reason: &'static str,
}

/// `data/meta/kinds.tsv` as the code reads it, in its order: a copy that a test checks against the table
/// (parsing the table at run time cost the analysis module its size).
const NEAR_MISSES: [NearMiss; 25] = [
    NearMiss {
        body: false,
        cue: "政府工作报告",
        min: 1,
        unless: &[],
        reason: "政府工作报告（向人民代表大会报告政府全面工作），不是法治政府建设年度报告",
    },
    NearMiss {
        body: true,
        cue: "各位代表",
        min: 1,
        unless: &["法治政府建设年度报告", "法治政府建设情况报告"],
        reason: "政府工作报告（“各位代表”），不是法治政府建设年度报告",
    },
    NearMiss {
        body: false,
        cue: "信息公开",
        min: 1,
        unless: &[],
        reason: "政府信息公开工作年度报告，不是法治政府建设年度报告",
    },
    NearMiss {
        body: false,
        cue: "方案",
        min: 1,
        unless: &["报告", "总结", "汇报"],
        reason: "法治建设的方案，不是年度报告",
    },
    NearMiss {
        body: false,
        cue: "要点",
        min: 1,
        unless: &["报告", "总结", "汇报"],
        reason: "年度工作要点（计划），不是年度报告",
    },
    NearMiss {
        body: false,
        cue: "规划",
        min: 1,
        unless: &["报告", "总结", "汇报"],
        reason: "法治建设规划，不是年度报告",
    },
    NearMiss {
        body: false, cue: "计划", min: 1, unless: &["报告", "总结", "汇报"], reason: "工作计划，不是年度报告"
    },
    NearMiss {
        body: false, cue: "纲要", min: 1, unless: &["报告", "总结", "汇报"], reason: "实施纲要，不是年度报告"
    },
    NearMiss {
        body: false, cue: "意见", min: 1, unless: &["报告", "总结", "汇报"], reason: "实施意见，不是年度报告"
    },
    NearMiss {
        body: false, cue: "通知", min: 1, unless: &["报告", "总结", "汇报"], reason: "通知，不是年度报告"
    },
    NearMiss {
        body: false, cue: "五年", min: 1, unless: &[], reason: "五年法治政府建设情况的回顾，不是年度报告"
    },
    NearMiss {
        body: false, cue: "十三五", min: 1, unless: &[], reason: "“十三五”时期的回顾或规划，不是年度报告"
    },
    NearMiss {
        body: false, cue: "十四五", min: 1, unless: &[], reason: "“十四五”时期的回顾或规划，不是年度报告"
    },
    NearMiss {
        body: false,
        cue: "普法",
        min: 1,
        unless: &["法治政府", "依法行政"],
        reason: "普法工作总结，不是法治政府建设年度报告",
    },
    NearMiss {
        body: false,
        cue: "行政复议",
        min: 1,
        unless: &["法治政府", "依法行政"],
        reason: "行政复议工作报告或统计，不是法治政府建设年度报告",
    },
    NearMiss {
        body: false,
        cue: "行政执法",
        min: 1,
        unless: &["法治政府", "依法行政"],
        reason: "行政执法工作报告或统计，不是法治政府建设年度报告",
    },
    NearMiss {
        body: false, cue: "解读", min: 1, unless: &[], reason: "政策解读（解读一份报告），不是报告本身"
    },
    NearMiss {
        body: true, cue: "解读如下", min: 1, unless: &[], reason: "政策解读（“解读如下”），不是报告本身"
    },
    NearMiss {
        body: true,
        cue: "制定本方案",
        min: 1,
        unless: &[],
        reason: "法治建设的方案（“制定本方案”），不是年度报告",
    },
    NearMiss {
        body: true, cue: "制定本意见", min: 1, unless: &[], reason: "实施意见（“制定本意见”），不是年度报告"
    },
    NearMiss {
        body: true,
        cue: "制定本工作指引",
        min: 1,
        unless: &[],
        reason: "工作指引（“制定本工作指引”），不是年度报告",
    },
    NearMiss {
        body: true, cue: "关键词", min: 1, unless: &[], reason: "研究文章（“关键词”），不是年度报告"
    },
    NearMiss {
        body: false,
        cue: "述法",
        min: 1,
        unless: &[],
        reason: "述法报告（主要负责人述职），不是法治政府建设年度报告",
    },
    NearMiss {
        body: false, cue: "述职", min: 1, unless: &[], reason: "述职报告，不是法治政府建设年度报告"
    },
    NearMiss {
        body: true,
        cue: "行政复议",
        min: 3,
        unless: &["法治政府", "依法行政"],
        reason: "行政复议案件统计（“行政复议”，未述及法治政府建设），不是法治政府建设年度报告",
    },
];

fn near_misses() -> &'static [NearMiss] {
    &NEAR_MISSES
}

/// Words a 法治政府建设 report is about (any one in a title says the title is about it).
fn about_rule_of_law(s: &str) -> bool {
    super::contains_any(s, &["法治政府", "依法行政", "法治建设", "法制建设"])
}

/// How much of the text the body's words are looked for in (a few pages: about 6,000 characters).
const BODY_BYTES: usize = 18_000;

/// The closing formula of a report's opening paragraph (`现将有关情况报告如下`), and the kind it says.
const FORMULAS: [(&str, DocKind); 4] = [
    ("报告如下", DocKind::AnnualReport),
    ("汇报如下", DocKind::AnnualReport),
    ("总结如下", DocKind::WorkSummary),
    ("具体情况如下", DocKind::AnnualReport),
];

/// The kind of a document with this (simplified) title and matchable text, and why when the title did
/// not say it: a near miss's reason, or the body's words that make it a report.
pub fn kind_of(title: Option<&str>, text: &str, opening_year: bool) -> (DocKind, Option<String>) {
    let near = |m: &NearMiss, s: &str| {
        crate::text::count(s, m.cue) >= m.min && !m.unless.iter().any(|w| crate::text::contains(s, w))
    };
    if let Some(t) = title {
        if let Some(m) = near_misses().iter().find(|m| !m.body && near(m, t)) {
            return (DocKind::Other, Some(["标题“", t, "”：", m.reason].concat()));
        }
        if about_rule_of_law(t) {
            let kind = if super::contains_any(t, &["自查", "评估"]) {
                DocKind::SelfInspection
            } else if super::contains_any(t, &["总结"]) {
                DocKind::WorkSummary
            } else {
                DocKind::AnnualReport
            };
            return (kind, None);
        }
    }
    // What a document is shows in its first pages: the body's words are looked for there.
    let mut cut = BODY_BYTES.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    if let Some(m) = near_misses().iter().find(|m| m.body && near(m, text)) {
        return (DocKind::Other, Some(m.reason.to_string()));
    }
    // No telling title: a report of the year's 法治政府建设 by its words.
    let mentions = ["法治政府", "依法行政", "法治建设"].iter().map(|w| crate::text::count(text, w)).sum::<usize>();
    let formula = FORMULAS.iter().find(|(w, _)| crate::text::contains(text, w)).filter(|_| mentions >= 2);
    let part = || first_part_heading(text).filter(|_| mentions >= 2);
    let (kind, why) = if let Some((w, kind)) = formula {
        (*kind, ["有“", w, "”"].concat())
    } else if let Some(part) = part() {
        (DocKind::AnnualReport, ["第一部分为“", part, "”"].concat())
    } else if opening_year && mentions >= 2 {
        (DocKind::AnnualReport, "以年份开篇".to_string())
    } else if mentions >= 5 && mentions * 30_000 / text.len().max(1) >= 4 {
        (DocKind::AnnualReport, "多处述及".to_string())
    } else {
        (DocKind::Other, "未见报告一年法治政府建设情况的用语".to_string())
    };
    let untitled = if title.is_some() { "标题未写明文种" } else { "页面未见标题" };
    let reason = [untitled, "；正文", &why, "（述及法治政府建设", &mentions.to_string(), "处）"].concat();
    (kind, Some(reason))
}

/// The first `一、` heading of the text when it announces a year's work (`一、2022年工作情况`,
/// `一、主要举措和成效`), as reports open their body.
fn first_part_heading(text: &str) -> Option<&str> {
    let at = if text.starts_with("一、") { 0 } else { crate::text::find(text, "\n一、", 0)? + 1 };
    let line = super::prefix_chars(&text[at..], 30);
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    super::contains_any(line, &["工作情况", "开展情况", "主要举措", "主要做法", "成效", "主要工作"]).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code's copy of the table is the table, row by row.
    #[test]
    fn the_near_misses_are_the_table() {
        const TABLE: &str = include_str!("../../data/meta/kinds.tsv");
        let rows: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
        assert_eq!(rows.len(), NEAR_MISSES.len());
        let mut seen = std::collections::HashSet::new();
        for (line, m) in rows.iter().zip(&NEAR_MISSES) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 6, "six columns: {line:?}");
            assert!(seen.insert(cols[0]) && !cols[0].is_empty(), "a unique id: {line:?}");
            assert!(matches!(cols[1], "title" | "body") && cols[3].parse::<usize>().is_ok_and(|n| n > 0), "{line:?}");
            let unless: Vec<&str> = if cols[4] == "-" { Vec::new() } else { cols[4].split('|').collect() };
            assert_eq!(
                (m.body, m.cue, m.min, m.unless.to_vec(), m.reason),
                (cols[1] == "body", cols[2], cols[3].parse().unwrap_or(0), unless, cols[5]),
                "{line:?}"
            );
            assert!(!m.cue.is_empty() && !m.reason.is_empty());
        }
    }

    #[track_caller]
    fn kind(title: Option<&str>, text: &str) -> (DocKind, Option<String>) {
        kind_of(title, text, text.starts_with("20"))
    }

    #[test]
    fn titles_that_say_it() {
        assert_eq!(kind(Some("某州2021年法治政府建设工作总结"), ""), (DocKind::WorkSummary, None));
        assert_eq!(kind(Some("某县2022年法治政府建设自查报告"), ""), (DocKind::SelfInspection, None));
        assert_eq!(kind(Some("某区2023年度法治建设工作报告"), ""), (DocKind::AnnualReport, None));
    }

    #[test]
    fn near_misses_say_why() {
        for (title, why) in [
            ("2026年某省人民政府工作报告", "政府工作报告"),
            ("某县法治政府建设实施方案（2021-2025年）", "方案"),
            ("某市2023年法治政府建设工作要点", "工作要点"),
            ("某区2023年政府信息公开工作年度报告", "信息公开"),
            ("某区五年法治政府建设工作情况报告", "五年"),
            ("某县2022年普法工作总结", "普法"),
            ("某县2023年度行政复议工作报告", "行政复议"),
        ] {
            let (k, reason) = kind(Some(title), "");
            assert_eq!(k, DocKind::Other, "{title}");
            assert!(reason.as_deref().is_some_and(|r| r.contains(why)), "{title}: {reason:?}");
        }
        // A report that also lays out next year's plan is still a report.
        assert_eq!(kind(Some("某镇2023年度法治政府建设情况报告及2024年工作方案"), "").0, DocKind::AnnualReport);
        for (text, why) in [
            ("按照要求，我县总结全年法治政府建设工作，印发报告，现解读如下：一、起草背景", "解读"),
            ("为深入推进依法行政，全面建设法治政府，结合本省实际，制定本方案。一、健全政府机构职能体系", "方案"),
        ] {
            let (k, reason) = kind(None, text);
            assert_eq!(k, DocKind::Other, "{text}");
            assert!(reason.is_some_and(|r| r.contains(why)), "{text}");
        }
        let stats = "一、案件办理情况\n全年新受理行政复议案件51件。\n二、被申请人构成\n行政复议案件中县政府部门40件。\n三、行政复议申请事项\n";
        let (k, reason) = kind(None, stats);
        assert_eq!(k, DocKind::Other);
        assert!(reason.unwrap().contains("行政复议"));
    }

    #[test]
    fn untitled_reports_by_their_words() {
        let opening = "2021年，某部坚持以习近平法治思想为指导，推进法治政府建设，法治政府建设取得新成效。一、加强党对法治政府建设的领导";
        let (k, reason) = kind(None, opening);
        assert_eq!(k, DocKind::AnnualReport);
        assert!(reason.unwrap().contains("以年份开篇"));
        let parts = "一、工作开展情况\n（一）深入学习，推进法治政府建设\n乡党委坚持依法行政，法治政府建设有序推进。";
        let (k, reason) = kind(None, parts);
        assert_eq!(k, DocKind::AnnualReport);
        assert!(reason.unwrap().contains("一、工作开展情况"));
        let summary = "今年以来，某街道扎实推进法治政府建设，依法行政水平不断提升。现对全年工作总结如下：";
        assert_eq!(kind(None, summary).0, DocKind::WorkSummary);
        let formula = "在县委的领导下，我镇推进法治政府建设。现将我镇2024年法治政府建设情况报告如下。";
        assert_eq!(kind(None, formula).0, DocKind::AnnualReport);
        // A text about something else.
        let (k, reason) = kind(None, "今年以来，我县持续推进乡村振兴，农业总产值增长5%。");
        assert_eq!(k, DocKind::Other);
        assert!(reason.unwrap().contains("未见"));
    }
}
