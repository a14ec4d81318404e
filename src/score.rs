//! The score: 100 points in six dimensions (requirements.md §4), every point lost explained in Chinese.
//! Weights are ours, not official; the page and the README say so.

use crate::doc::Doc;
use crate::export::decimal;
use crate::model::{ChecklistResult, Dimension, DocKind, Figure, FigureKind, Level, Meta, Part, Score, Status};
use crate::outline::Outline;
use crate::text::{contains, count};

/// Partial credit for a required part found only in body text.
const BODY_CREDIT: f64 = 0.6;

pub fn score(
    doc: &Doc,
    meta: &Meta,
    outline: &Outline,
    figures: &[Figure],
    checklist: &ChecklistResult,
) -> Option<Score> {
    if meta.kind == DocKind::Other {
        return None;
    }
    let dimensions = vec![
        structure(outline, meta.year),
        coverage(checklist),
        data(doc, outline, figures),
        problems(doc, outline),
        plans(doc, outline, figures),
        form(meta),
    ];
    let total = round1(dimensions.iter().map(|d| d.score).sum());
    let max = dimensions.iter().map(|d| d.max).sum();
    Some(Score { total, max, dimensions })
}

/// Whether `at` lies in one of `ranges` (sorted by start, as parts are): a binary search, so that a
/// long report with many sections costs no more per figure than a short one.
fn within(ranges: &[std::ops::Range<usize>], at: usize) -> bool {
    let k = ranges.partition_point(|r| r.start <= at);
    k > 0 && ranges[..k].iter().rev().take(4).any(|r| r.contains(&at))
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

struct Tally {
    score: f64,
    reasons: Vec<String>,
}

impl Tally {
    fn new() -> Self {
        Tally { score: 0.0, reasons: Vec::new() }
    }
    /// Earn `share` (0–1) of `points`; below 1, say why.
    fn earn(&mut self, points: f64, share: f64, why: impl FnOnce(String) -> String) {
        let share = share.clamp(0.0, 1.0);
        self.score += points * share;
        let lost = points * (1.0 - share);
        if lost >= 0.05 {
            self.reasons.push(why(decimal(lost, 1)));
        }
    }
    fn done(self, id: &str, name: &str, max: f64) -> Dimension {
        Dimension { id: id.into(), name: name.into(), score: round1(self.score.min(max)), max, reasons: self.reasons }
    }
}

fn found(outline: &Outline, part: Part) -> Option<bool> {
    let mut any = None;
    for f in outline.part(part) {
        if f.heading {
            return Some(true);
        }
        any = Some(false);
    }
    any
}

/// Report years before 2019 had no required contents (the 2019 rule introduced them): R3 and R2's
/// causes are not expected there, and the other parts carry the dimension.
const FIRST_YEAR_OF_REQUIRED_CONTENTS: i32 = 2018;

fn structure(outline: &Outline, year: Option<i32>) -> Dimension {
    let mut t = Tally::new();
    let lenient = year.is_some_and(|y| y <= FIRST_YEAR_OF_REQUIRED_CONTENTS);
    // Points of R1, R2, R3, R4 and the causes; rescaled to 35 when R3 and the causes are not expected.
    let scale = if lenient { 35.0 / 23.0 } else { 1.0 };
    let parts = [
        (Part::R1, 10.0, "主要举措和成效"),
        (Part::R2, 6.0, "存在的不足"),
        (Part::R3, 8.0, "党政主要负责人履行推进法治建设第一责任人职责情况"),
        (Part::R4, 7.0, "下一年度工作安排"),
    ];
    for (part, pts, name) in parts {
        if lenient && part == Part::R3 {
            continue;
        }
        let pts = pts * scale;
        match found(outline, part) {
            Some(true) => t.earn(pts, 1.0, |_| String::new()),
            Some(false) => {
                t.earn(pts, BODY_CREDIT, |l| format!("“{name}”({}) 仅见于正文，未单列标题（-{l}分）", part.id()))
            }
            None => t.earn(pts, 0.0, |l| format!("未见“{name}”({})（-{l}分）", part.id())),
        }
    }
    if lenient {
        t.reasons
            .push("2019年以前的年度报告没有规定内容：不要求第一责任人履职情况和问题原因，本项按其余各部分折算".into());
    } else {
        let causes = if outline.causes.is_empty() { 0.0 } else { 1.0 };
        t.earn(4.0, causes, |l| format!("未见存在问题的原因分析（-{l}分）"));
    }
    t.done("S1", "结构完整", 35.0)
}

fn share(status: Status) -> f64 {
    match status {
        Status::Covered | Status::NotApplicable => 1.0,
        Status::Mentioned => 0.5,
        Status::Missing => 0.0,
    }
}

/// The 纲要 areas: each applicable area an equal share of 25 points; an area with named sub-items earns
/// half by its own status and half by the share of its sub-items covered.
fn coverage(checklist: &ChecklistResult) -> Dimension {
    let mut t = Tally::new();
    let areas: Vec<_> = checklist
        .items
        .iter()
        .filter(|i| i.scored && i.group == "areas" && i.parent.is_none() && i.status != Status::NotApplicable)
        .collect();
    let each = if areas.is_empty() { 0.0 } else { 25.0 / areas.len() as f64 };
    for area in &areas {
        let subs: Vec<_> = checklist.items.iter().filter(|i| i.parent.as_deref() == Some(area.id.as_str())).collect();
        if area.status == Status::Missing {
            t.earn(each, 0.0, |l| format!("未见“{}”相关内容（-{l}分）", area.name));
            continue;
        }
        if subs.is_empty() {
            t.earn(each, share(area.status), |l| format!("“{}”仅简略提及（-{l}分）", area.name));
            continue;
        }
        let sub_share = subs.iter().map(|s| share(s.status)).sum::<f64>() / subs.len() as f64;
        let total = 0.5 * share(area.status) + 0.5 * sub_share;
        let missing: Vec<&str> =
            subs.iter().filter(|s| s.status == Status::Missing).map(|s| short_name(&s.name)).collect();
        t.earn(each, total, |l| {
            if missing.is_empty() {
                format!("“{}”部分子项仅简略提及（-{l}分）", area.name)
            } else {
                let listed: Vec<String> = missing.iter().map(|m| format!("“{m}”")).collect();
                format!("“{}”未涉及{}（-{l}分）", area.name, listed.join(""))
            }
        });
    }
    t.done("S2", "纲要领域覆盖", 25.0)
}

/// A sub-item's name without its parenthesized examples.
fn short_name(name: &str) -> &str {
    name.split(['（', '(']).next().unwrap_or(name)
}

/// Figures per 1,000 characters in the measures (R1) that earn full marks.
pub(crate) const FULL_DENSITY: f64 = 3.0;
/// Distinct indicator families that earn full marks.
const FULL_FAMILIES: f64 = 6.0;

fn r1_ranges(outline: &Outline) -> Vec<std::ops::Range<usize>> {
    outline.part(Part::R1).filter(|p| p.heading).map(|p| p.span.range()).collect()
}

fn data(doc: &Doc, outline: &Outline, figures: &[Figure]) -> Dimension {
    let mut t = Tally::new();
    let mut ranges = r1_ranges(outline);
    if ranges.is_empty() {
        ranges.push(0..doc.text.len());
    }
    let chars: usize = ranges.iter().map(|r| doc.text[r.clone()].chars().count()).sum();
    crate::order::sort_by_key(&mut ranges, |r| r.start as u64);
    let in_r1 = |f: &&Figure| within(&ranges, f.span.start) && f.kind != FigureKind::Date;
    let n = figures.iter().filter(in_r1).count();
    let density = n as f64 * 1000.0 / chars.max(1) as f64;
    t.earn(8.0, density / FULL_DENSITY, |l| {
        format!("成效部分数据偏少：每千字{}个数据，低于{}个（-{l}分）", decimal(density, 1), decimal(FULL_DENSITY, 0))
    });
    let mut families: Vec<&str> = Vec::new();
    for f in figures.iter().filter_map(|f| f.family.as_deref()) {
        if !families.contains(&f) {
            families.push(f);
        }
    }
    let k = families.len();
    t.earn(4.0, k as f64 / FULL_FAMILIES, |l| {
        format!("数据涉及的指标类别较少（{k}类，少于{}类）（-{l}分）", decimal(FULL_FAMILIES, 0))
    });
    let cases = crate::outline::parts::occurrences(doc, &CASE_WORDS);
    t.earn(3.0, cases.min(2) as f64 / 2.0, |l| format!("缺少具体案例（-{l}分）"));
    t.done("S3", "数据与案例", 15.0)
}

/// Words that introduce a concrete case. Recorded by the body scan (in the outline's vocabulary), so
/// counting them needs no search of its own; none overlaps itself, so the count is the per-word one.
pub(crate) const CASE_WORDS: [&str; 5] = ["案例", "典型案", "例如", "比如", "如某"];

const BOILERPLATE: [&str; 8] =
    ["有待进一步", "还需进一步", "仍需进一步", "有待加强", "有待提高", "意识不强", "不够到位", "还不够"];

fn problems(doc: &Doc, outline: &Outline) -> Dimension {
    let mut t = Tally::new();
    let spans: Vec<_> = outline.part(Part::R2).map(|p| p.span).collect();
    if spans.is_empty() {
        t.earn(10.0, 0.0, |l| format!("未见存在的问题部分，无法分析（-{l}分）"));
        return t.done("S4", "问题分析", 10.0);
    }
    let body: String = spans.iter().map(|s| &doc.text[s.range()]).collect();
    let share = body.chars().count() as f64 / doc.matchable.original_chars().max(1) as f64;
    t.earn(3.0, share / 0.05, |l| {
        format!("问题部分篇幅过短（占全文{}%，少于5%）（-{l}分）", decimal(share * 100.0, 1))
    });
    let sentences = body.split(['。', '；', ';']).filter(|s| s.chars().count() > 6).count();
    let mut ranges: Vec<_> = spans.iter().map(|s| s.range()).collect();
    crate::order::sort_by_key(&mut ranges, |r| r.start as u64);
    let items = outline.sections.iter().filter(|s| s.depth > 1 && within(&ranges, s.span.start)).count();
    let inline = ["一是", "二是", "三是", "四是", "五是"].iter().filter(|w| contains(&body, w)).count();
    let distinct = items.max(inline).max(sentences.min(3));
    t.earn(4.0, distinct as f64 / 3.0, |l| format!("列出的具体问题少于3个（{distinct}个）（-{l}分）"));
    let boiler = BOILERPLATE.iter().map(|w| count(&body, w)).sum::<usize>();
    let ratio = boiler as f64 / sentences.max(1) as f64;
    t.earn(3.0, 1.0 - ratio, |l| format!("问题表述较多套话（如“有待进一步加强”），不够具体（-{l}分）"));
    t.done("S4", "问题分析", 10.0)
}

fn plans(doc: &Doc, outline: &Outline, figures: &[Figure]) -> Dimension {
    let mut t = Tally::new();
    let spans: Vec<_> = outline.part(Part::R4).map(|p| p.span).collect();
    if spans.is_empty() {
        t.earn(10.0, 0.0, |l| format!("未见下一年度工作安排（-{l}分）"));
        return t.done("S5", "下一年度安排", 10.0);
    }
    let mut ranges: Vec<_> = spans.iter().map(|s| s.range()).collect();
    crate::order::sort_by_key(&mut ranges, |r| r.start as u64);
    let inside = |at: usize| within(&ranges, at);
    let subs = outline.sections.iter().filter(|s| s.depth > 1 && inside(s.span.start)).count();
    let body: String = spans.iter().map(|s| &doc.text[s.range()]).collect();
    let inline = ["一是", "二是", "三是", "四是", "五是"].iter().filter(|w| contains(&body, w)).count();
    let measures = subs.max(inline);
    t.earn(4.0, measures as f64 / 5.0, |l| format!("工作安排措施较少（{measures}项，少于5项）（-{l}分）"));
    let measurable = figures.iter().filter(|f| inside(f.span.start) && f.kind != FigureKind::Date).count();
    t.earn(3.0, measurable.min(2) as f64 / 2.0, |l| format!("工作安排中无可量化的目标或时限（-{l}分）"));
    let problems: String = outline.part(Part::R2).map(|p| &doc.text[p.span.range()]).collect();
    let linked = if problems.is_empty() { 0.0 } else { shared_terms(&problems, &body) as f64 / 3.0 };
    t.earn(3.0, linked, |l| format!("工作安排与所列问题对应不明显（-{l}分）"));
    t.done("S5", "下一年度安排", 10.0)
}

/// How many topic terms appear in both texts.
fn shared_terms(a: &str, b: &str) -> usize {
    const TERMS: [&str; 16] = [
        "执法",
        "决策",
        "规范性文件",
        "复议",
        "应诉",
        "培训",
        "学法",
        "监督",
        "队伍",
        "营商环境",
        "政务公开",
        "普法",
        "调解",
        "法律顾问",
        "信息化",
        "考核",
    ];
    TERMS.iter().filter(|w| contains(a, w) && contains(b, w)).count()
}

/// The publication deadline of a report on `meta.year`: 4月1日 of the next year, 3月1日 for departments
/// (`../shared/reference/requirements.md`), as `YYYY-MM-DD`.
pub fn deadline(meta: &Meta) -> Option<String> {
    let y = meta.year? + 1;
    Some(if meta.level == Level::Department { format!("{y}-03-01") } else { format!("{y}-04-01") })
}

/// The date timeliness is judged by (the closing date line, else the page's 发布日期), its deadline and
/// whether it came before; `None` without a date or a report year.
pub fn timeliness(meta: &Meta) -> Option<(&str, String, bool)> {
    let date = meta.signed.as_deref().or(meta.published.as_deref())?;
    let deadline = deadline(meta)?;
    let on_time = date < deadline.as_str();
    Some((date, deadline, on_time))
}

fn form(meta: &Meta) -> Dimension {
    let mut t = Tally::new();
    let timely = timeliness(meta);
    // With no date the timeliness point cannot be judged: the other two carry the 5 points.
    let each = if timely.is_some() { 1.0 } else { 2.5 };
    let titled = meta.title.as_deref().is_some_and(|s| crate::meta::first_year(s).is_some());
    t.earn(each, if titled { 1.0 } else { 0.0 }, |l| format!("标题未写明年度（-{l}分）"));
    t.earn(each, if meta.addressee.is_some() { 1.0 } else { 0.0 }, |l| format!("未写明报送对象（主送机关）（-{l}分）"));
    match timely {
        Some((d, deadline, on_time)) => {
            t.earn(3.0, if on_time { 1.0 } else { 0.0 }, |l| format!("发布或落款日期{d}晚于{deadline}（-{l}分）"));
        }
        None => t.reasons.push("未找到落款或发布日期（或报告年度），时效不评，本项按其余两项折算".into()),
    }
    t.done("S6", "形式与时效", 5.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_words_are_counted_from_the_body_scan_as_a_search_counts_them() {
        // No word overlaps itself (else a search, which counts without overlaps, would count fewer).
        for w in CASE_WORDS {
            let chars: Vec<char> = w.chars().collect();
            assert!((1..chars.len()).all(|k| chars[..k] != chars[chars.len() - k..]), "{w}");
        }
        let mut texts = vec!["典型案例：例如某县，比如某乡；如某镇案例案例。".to_string(), String::new()];
        texts.extend(crate::text::corpus_texts());
        let mut total = 0;
        for t in &texts {
            let searched: usize = CASE_WORDS.iter().map(|w| count(t, w)).sum();
            let doc = Doc::new(t);
            assert_eq!(crate::outline::parts::occurrences(&doc, &CASE_WORDS), searched);
            total += searched;
        }
        assert!(total > 10, "{total}");
    }
}
