//! The memo's items, from the analysis: required parts missing or only in the body, causes missing,
//! 纲要 areas not touched, few figures in the measures, shortcomings written as formulas, next year's
//! plans without measurable targets or not answering the shortcomings, passages copied (when similarity
//! ran), the document kind and title, year slips, numbering defects, late or undated publication.
//! Each item's `id` is stable across versions of a report, so that a second review can match it.

use super::facts::{Facts, PartState, Region};
use super::places::{place, place_around};
use super::wording::{fill, list, w};
use super::{percent, CopyKind, Item, MemoOptions, Place};
use crate::model::{DocKind, Level, Span, Status};

fn item(id: String, kind: &str, problem: String, basis: &str, requirement: String, suggestion: String) -> Item {
    Item {
        id,
        kind: kind.into(),
        problem,
        place: None,
        also: Vec::new(),
        requirement,
        basis: Some(basis.into()),
        suggestion,
    }
}

/// Every item of the memo of the report `f` describes, in the memo's order: what the report is, its
/// required parts, its content, copying, then its form.
pub fn items(f: &Facts, o: &MemoOptions) -> Vec<Item> {
    if !f.is_report() {
        return vec![item(
            "not_a_report".into(),
            "not_a_report",
            w("problem.not_a_report").into(),
            "report",
            w("basis.report").into(),
            w("suggest.not_a_report").into(),
        )];
    }
    let mut out = Vec::new();
    parts(f, &mut out);
    areas(f, &mut out);
    few_figures(f, &mut out);
    formulas(f, &mut out);
    plans(f, &mut out);
    copied(f, o, &mut out);
    doc_kind(f, &mut out);
    title(f, &mut out);
    defects(f, &mut out);
    timeliness(f, &mut out);
    out
}

/// The year and the next one, as text (`××` when unknown).
fn years(f: &Facts) -> (String, String) {
    match f.a.meta.year {
        Some(y) => (y.to_string(), (y + 1).to_string()),
        None => ("××".into(), "××".into()),
    }
}

fn basis(part: &str) -> &'static str {
    match part {
        "R1" => w("basis.R1"),
        "R2" | "R2C" => w("basis.R2"),
        "R3" => w("basis.R3"),
        _ => w("basis.R4"),
    }
}

fn part_name(part: &str) -> &'static str {
    match part {
        "R1" => w("part.R1"),
        "R2" => w("part.R2"),
        "R2C" => w("part.R2C"),
        "R3" => w("part.R3"),
        _ => w("part.R4"),
    }
}

pub(crate) fn part_heading(f: &Facts, part: &str) -> String {
    let (year, next) = years(f);
    let args = [("year", year.as_str()), ("next", next.as_str())];
    match part {
        "R1" => fill("heading.R1", &args),
        "R2" => fill("heading.R2", &args),
        "R3" => fill("heading.R3", &args),
        _ => fill("heading.R4", &args),
    }
}

/// The parts R1–R4 (R3 not before 2019), and R2's causes after R2.
fn parts(f: &Facts, out: &mut Vec<Item>) {
    for part in ["R1", "R2", "R3", "R4"] {
        if part == "R3" && f.lenient() {
            continue;
        }
        let state = f.part(part);
        let id = format!("part:{part}");
        match &state {
            PartState::Missing => {
                let suggestion = match part {
                    "R1" => w("suggest.part_missing.R1"),
                    "R2" => w("suggest.part_missing.R2"),
                    "R3" => w("suggest.part_missing.R3"),
                    _ => w("suggest.part_missing.R4"),
                };
                out.push(item(
                    id,
                    "part_missing",
                    fill("problem.part_missing", &[("part", part_name(part))]),
                    part,
                    basis(part).into(),
                    suggestion.into(),
                ));
            }
            PartState::Body(regions) => {
                let mut it = item(
                    id,
                    "part_in_body",
                    fill("problem.part_in_body", &[("part", part_name(part))]),
                    part,
                    basis(part).into(),
                    fill("suggest.part_in_body", &[("heading", &part_heading(f, part))]),
                );
                it.place = regions.first().and_then(|r| place(f, r.anchor));
                out.push(it);
            }
            PartState::Heading(_) | PartState::Unknown => {}
        }
        if part == "R2" && !f.lenient() && state != PartState::Missing {
            causes(f, &state, out);
        }
    }
}

fn causes(f: &Facts, r2: &PartState, out: &mut Vec<Item>) {
    if f.causes().is_none_or(|c| !c.is_empty()) {
        return;
    }
    let mut it = item(
        "causes".into(),
        "causes_missing",
        w("problem.causes").into(),
        "R2C",
        basis("R2C").into(),
        w("suggest.causes").into(),
    );
    if let PartState::Heading(r) | PartState::Body(r) = r2 {
        it.place = r.first().and_then(|g| place(f, g.anchor));
    }
    out.push(it);
}

/// The name of the checklist's 纲要 for the memo's wording.
pub(crate) fn outline_name(f: &Facts) -> String {
    match f.a.checklist.id.as_str() {
        "default-2021" => "《法治政府建设实施纲要（2021—2025年）》".into(),
        "default-2015" => "《法治政府建设实施纲要（2015—2020年）》".into(),
        _ => format!("《{}》", f.a.checklist.name),
    }
}

/// Top-level 纲要 areas the report does not touch: one item naming them all (`basis`: their ids).
fn areas(f: &Facts, out: &mut Vec<Item>) {
    let missing: Vec<_> =
        f.a.checklist
            .items
            .iter()
            .filter(|i| i.group == "areas" && i.parent.is_none() && i.scored && i.status == Status::Missing)
            .collect();
    if missing.is_empty() {
        return;
    }
    let names: String = missing.iter().map(|a| format!("“{}”", a.name)).collect();
    let ids: Vec<&str> = missing.iter().map(|a| a.id.as_str()).collect();
    out.push(item(
        "areas".into(),
        "area_missing",
        fill("problem.area", &[("areas", &names)]),
        &ids.join(","),
        fill("basis.area", &[("outline", &outline_name(f)), ("areas", &names)]),
        w("suggest.area").into(),
    ));
}

/// Figures per 1,000 characters in the measures below which the memo asks for more (the score's
/// full-marks density).
pub(crate) const FEW_FIGURES: f64 = crate::score::FULL_DENSITY;

/// The measures' figures: (count, characters, per 1,000 characters).
pub(crate) fn figure_density(f: &Facts) -> (usize, usize, f64) {
    let ranges = f.measure_ranges();
    let chars: usize = ranges.iter().map(|r| f.text[r.clone()].chars().count()).sum();
    let n = f.figures_in(&ranges).filter(|x| x.kind != crate::model::FigureKind::Date).count();
    (n, chars, n as f64 * 1000.0 / chars.max(1) as f64)
}

fn few_figures(f: &Facts, out: &mut Vec<Item>) {
    let (n, chars, density) = figure_density(f);
    if density >= FEW_FIGURES {
        return;
    }
    let mut it = item(
        "figures".into(),
        "few_figures",
        fill(
            "problem.few_figures",
            &[("chars", &chars.to_string()), ("n", &n.to_string()), ("density", &crate::export::decimal(density, 1))],
        ),
        "R1",
        basis("R1").into(),
        w("suggest.few_figures").into(),
    );
    if let PartState::Heading(r) = f.part("R1") {
        it.place = r.first().and_then(|g| place(f, g.anchor));
    }
    out.push(it);
}

/// Where the shortcomings are written (below a heading: the text after it).
fn problem_ranges(f: &Facts) -> Vec<std::ops::Range<usize>> {
    f.regions("R2").iter().map(|r: &Region| r.span.range()).collect()
}

/// Clauses of the shortcomings that name them by a formula (`有待进一步加强`): one place per clause.
pub(crate) fn formula_places(f: &Facts) -> Vec<(Place, &'static str)> {
    let mut hits: Vec<(usize, usize, &'static str)> = Vec::new();
    for r in problem_ranges(f) {
        for phrase in list("formula") {
            let mut at = r.start;
            while let Some(k) = crate::text::find(&f.text[..r.end], phrase, at) {
                hits.push((k, k + phrase.len(), phrase));
                at = k + phrase.len();
            }
        }
    }
    crate::order::sort_by_key(&mut hits, |h| crate::order::pair(h.0, h.1));
    let mut places: Vec<(Place, &'static str)> = Vec::new();
    for (start, end, phrase) in hits {
        let sentence = crate::text::sentence_around(f.text, start);
        let Some(p) = place_around(f, sentence.start.min(start)..sentence.end.max(end), start..end) else { continue };
        if places.iter().any(|(q, _)| q.span.start < p.span.end && p.span.start < q.span.end) {
            continue;
        }
        places.push((p, phrase));
    }
    places
}

fn formulas(f: &Facts, out: &mut Vec<Item>) {
    let mut places = formula_places(f);
    if places.is_empty() {
        return;
    }
    let first = places[0].1;
    let mut it = item(
        "formula".into(),
        "formula",
        fill("problem.formula", &[("first", first), ("n", &places.len().to_string())]),
        "R2",
        basis("R2").into(),
        w("suggest.formula").into(),
    );
    let rest = places.split_off(1);
    it.place = places.pop().map(|p| p.0);
    it.also = rest.into_iter().map(|p| p.0).collect();
    out.push(it);
}

/// The first measurable figure of next year's plans (a target or a time limit), if any.
pub(crate) fn measurable_plan<'a>(f: &Facts<'a>) -> Option<&'a crate::model::Figure> {
    let ranges: Vec<_> = f.regions("R4").iter().map(|r| r.span.range()).collect();
    let first = f.figures_in(&ranges).find(|x| f.is_measure(x));
    first
}

/// Shortcomings (R2's own items) that name a topic next year's plans never name.
pub(crate) fn unanswered(f: &Facts) -> Vec<Place> {
    let plans: String = f.regions("R4").iter().filter_map(|r| f.slice(r.span)).collect();
    if plans.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in problem_ranges(f) {
        for s in f.items_in(r) {
            let problem = &s.title;
            let topics: Vec<&str> =
                list("topic").iter().copied().filter(|t| crate::text::contains(problem, t)).collect();
            if !topics.is_empty() && !topics.iter().any(|t| crate::text::contains(&plans, t)) {
                out.extend(place(f, Span::new(s.title_span.start, s.title_span.end)));
            }
        }
    }
    out
}

fn plans(f: &Facts, out: &mut Vec<Item>) {
    let regions = f.regions("R4");
    let Some(first) = regions.first() else { return };
    if measurable_plan(f).is_none() {
        let mut it = item(
            "plans_vague".into(),
            "plans_vague",
            w("problem.plans_vague").into(),
            "R4",
            basis("R4").into(),
            w("suggest.plans_vague").into(),
        );
        it.place = place(f, first.anchor);
        out.push(it);
    }
    let mut open = unanswered(f);
    if !open.is_empty() {
        let quoted: String = open.iter().map(|p| format!("“{}”", p.quote)).collect();
        let mut it = item(
            "plans_unlinked".into(),
            "plans_unlinked",
            fill("problem.plans_unlinked", &[("list", &quoted)]),
            "R4",
            basis("R4").into(),
            w("suggest.plans_unlinked").into(),
        );
        let rest = open.split_off(1);
        it.place = open.pop();
        it.also = rest;
        out.push(it);
    }
}

/// The share of the report a source must hold for an item (the 雷同 view's default threshold): one
/// shared sentence of a batch (13 characters, 0.1%) is no copying to raise; 总体评价 still gives the share.
pub const COPIED_ITEM_SHARE: f64 = 0.05;

/// Passages shared with other documents, one item per source holding [`COPIED_ITEM_SHARE`] of the
/// report or more (the similarity check decided which passages count).
fn copied(f: &Facts, o: &MemoOptions, out: &mut Vec<Item>) {
    let Some(sim) = &o.similarity else { return };
    for src in &sim.sources {
        if src.share < COPIED_ITEM_SHARE {
            continue;
        }
        let (kind_id, problem_id) = match src.kind {
            CopyKind::OtherUnit => ("other_unit", "problem.copied_other"),
            CopyKind::PreviousYear => ("previous_year", "problem.copied_previous"),
        };
        let mut places: Vec<Place> = src.passages.iter().filter_map(|p| place(f, *p)).collect();
        let mut it = item(
            format!("copied:{kind_id}:{}", src.source),
            "copied",
            fill(problem_id, &[("source", &src.source), ("share", &percent(src.share))]),
            "R1",
            basis("R1").into(),
            w("suggest.copied").into(),
        );
        if !places.is_empty() {
            let rest = places.split_off(1);
            it.place = places.pop();
            it.also = rest;
        }
        out.push(it);
    }
}

fn title_suggestion(f: &Facts) -> String {
    let (year, _) = years(f);
    let issuer = f.a.meta.issuer.clone().unwrap_or_else(|| "××".into());
    fill("suggest.title", &[("issuer", &issuer), ("year", &year)])
}

/// A 工作总结 or 自查报告 where the rule asks for a report.
fn doc_kind(f: &Facts, out: &mut Vec<Item>) {
    let kind = match f.a.meta.kind {
        DocKind::WorkSummary => "工作总结",
        DocKind::SelfInspection => "自查报告",
        _ => return,
    };
    let mut it = item(
        "doc_kind".into(),
        "doc_kind",
        fill("problem.doc_kind", &[("kind", kind)]),
        "report",
        w("basis.report").into(),
        title_suggestion(f),
    );
    it.place = f.a.meta.title_span.and_then(|s| place(f, s));
    out.push(it);
}

fn title(f: &Facts, out: &mut Vec<Item>) {
    for d in &f.a.defects {
        let problem = match d.kind.as_str() {
            "title_without_year" => w("problem.title_without_year"),
            "missing_title" => w("problem.missing_title"),
            _ => continue,
        };
        let mut it =
            item("title".into(), "title", problem.into(), "title", w("basis.title").into(), title_suggestion(f));
        it.place = place(f, d.span);
        out.push(it);
        return;
    }
}

/// Year slips (one item) and numbering defects (one item per kind), with every place.
fn defects(f: &Facts, out: &mut Vec<Item>) {
    let slips: Vec<_> = f.a.defects.iter().filter(|d| d.kind == "year_slip").collect();
    if let Some(first) = slips.first() {
        let (year, next) = years(f);
        let part = f.a.sections.iter().find(|s| s.title_span == first.span).and_then(|s| s.part);
        let basis_id = if part == Some(crate::model::Part::R4) { "R4" } else { "R1" };
        let message = first.message.trim_end_matches('。');
        let mut it = item(
            "year_slip".into(),
            "year_slip",
            fill("problem.year_slip", &[("message", message)]),
            basis_id,
            basis(basis_id).into(),
            fill("suggest.year_slip", &[("year", &year), ("next", &next)]),
        );
        let mut places: Vec<Place> = slips.iter().filter_map(|d| place(f, d.span)).collect();
        let rest = places.split_off(places.len().min(1));
        it.place = places.pop();
        it.also = rest;
        out.push(it);
    }
    for kind in ["damaged_marker", "skipped_number", "duplicate_number", "restarted_number", "level_order"] {
        let found: Vec<_> = f.a.defects.iter().filter(|d| d.kind == kind).collect();
        let Some(first) = found.first() else { continue };
        let label = match kind {
            "damaged_marker" => w("label.damaged_marker"),
            "skipped_number" => w("label.skipped_number"),
            "duplicate_number" => w("label.duplicate_number"),
            "restarted_number" => w("label.restarted_number"),
            _ => w("label.level_order"),
        };
        let mut it = item(
            format!("numbering:{kind}"),
            "numbering",
            fill(
                "problem.numbering",
                &[("label", label), ("n", &found.len().to_string()), ("example", first.message.trim_end_matches('。'))],
            ),
            "numbering",
            w("basis.numbering").into(),
            w("suggest.numbering").into(),
        );
        let mut places: Vec<Place> = found.iter().filter_map(|d| place(f, d.span)).collect();
        let rest = places.split_off(places.len().min(1));
        it.place = places.pop();
        it.also = rest;
        out.push(it);
    }
}

/// `signed` or `published`, in words.
pub(crate) fn which_name(which: &str) -> &'static str {
    if which == "signed" {
        w("which.signed")
    } else {
        w("which.published")
    }
}

/// The date timeliness is judged by, which one it is, the deadline and whether it came before.
pub(crate) fn timeliness(f: &Facts, out: &mut Vec<Item>) {
    let meta = &f.a.meta;
    let Some((date, deadline, on_time)) = crate::score::timeliness(meta) else {
        if meta.signed.is_none() && meta.published.is_none() {
            out.push(item(
                "timeliness".into(),
                "undated",
                w("problem.undated").into(),
                "date",
                w("basis.date").into(),
                w("suggest.undated").into(),
            ));
        }
        return;
    };
    if on_time {
        return;
    }
    let which = which_name(if meta.signed.is_some() { "signed" } else { "published" });
    let public_deadline = meta.year.map(|y| format!("{}-04-01", y + 1)).unwrap_or_default();
    let department_only = meta.level == Level::Department && date < public_deadline.as_str();
    let (problem_id, basis_id, basis_text) = if department_only {
        ("problem.late_department", "deadline", w("basis.deadline_department"))
    } else {
        ("problem.late", "deadline", w("basis.deadline"))
    };
    let shown = if department_only { deadline } else { public_deadline };
    out.push(item(
        "timeliness".into(),
        "late",
        fill(problem_id, &[("which", which), ("date", &super::cn_date(date)), ("deadline", &super::cn_date(&shown))]),
        basis_id,
        basis_text.into(),
        w("suggest.late").into(),
    ));
}

#[cfg(test)]
mod tests {
    use crate::memo::{build, Memo, MemoOptions};

    /// A department's thin report: the measures dated a year early, two shortcomings the plans never
    /// answer, plans without a measure, dated after 3月1日 (several provinces' deadline for departments)
    /// but before the national 4月1日.
    const THIN: &str = "某县司法局关于2022年度法治政府建设情况的报告\n县人民政府：\n一、2021年推进法治政府建设的主要举措和成效\n一年来，我局坚持以习近平法治思想为指导，加强组织领导，推进依法行政，深化放管服改革，规范行政执法行为，强化对行政权力的制约和监督，认真做好行政复议和行政应诉工作，全面落实行政执法三项制度，扎实推进法治宣传教育，各项工作取得新成效。\n二、存在的问题\n（一）行政执法队伍建设有待进一步加强。\n（二）行政复议案件办理质量不高。\n三、2023年工作安排\n继续推进依法行政，加强普法宣传，提升群众法治意识。\n某县司法局\n2023年3月15日\n";

    fn memo(text: &str) -> Memo {
        let a = crate::analyze(text, &crate::Options::default()).unwrap();
        let m = build(&a, text, &MemoOptions::default()).unwrap();
        for i in &m.items {
            for p in i.place.iter().chain(&i.also) {
                assert_eq!(&text[p.span.range()], p.quote, "{}", i.id);
            }
        }
        m
    }

    fn find<'m>(m: &'m Memo, id: &str) -> &'m crate::memo::Item {
        m.items
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("no {id}: {:?}", m.items.iter().map(|i| &i.id).collect::<Vec<_>>()))
    }

    #[test]
    fn what_a_thin_report_gets() {
        let m = memo(THIN);
        let slip = find(&m, "year_slip");
        assert!(slip.problem.contains("写作2021年，应为2022年"), "{}", slip.problem);
        assert_eq!(slip.place.as_ref().unwrap().quote, "2021年推进法治政府建设的主要举措和成效");
        assert_eq!(find(&m, "plans_vague").basis.as_deref(), Some("R4"));
        let unlinked = find(&m, "plans_unlinked");
        assert!(
            unlinked.problem.contains("“行政执法队伍建设有待进一步加强”“行政复议案件办理质量不高”"),
            "{}",
            unlinked.problem
        );
        assert_eq!(unlinked.also.len(), 1);
        let formula = find(&m, "formula");
        assert_eq!(formula.place.as_ref().unwrap().quote, "（一）行政执法队伍建设有待进一步加强");
        let late = find(&m, "timeliness");
        assert_eq!(late.kind, "late");
        assert!(late.problem.contains("晚于2023年3月1日，请对照本地区规定"), "{}", late.problem);
        assert!(m.summary.text.contains("早于年度报告向社会公开的时限"), "{}", m.summary.text);
        let areas = find(&m, "areas");
        assert!(areas.basis.as_deref().unwrap().split(',').any(|id| id == "A6"), "{:?}", areas.basis);
        assert!(find(&m, "part:R3").kind == "part_missing" && find(&m, "causes").kind == "causes_missing");
    }

    #[test]
    fn undated_late_untitled_and_few_figures() {
        // No date line: undated. A government report dated after 4月1日: late against the national rule.
        let undated = THIN.replace("2023年3月15日\n", "");
        assert_eq!(find(&memo(&undated), "timeliness").kind, "undated");
        let county = THIN.replace("某县司法局", "某县人民政府").replace("2023年3月15日", "2023年4月20日");
        let late = memo(&county);
        assert!(find(&late, "timeliness").problem.contains("晚于2023年4月1日的时限"));
        // Measures written without a single figure.
        let long = "加强组织领导，推进依法行政，规范行政执法行为，强化监督。".repeat(40);
        let bare = county.replace("一年来，我局", &format!("{long}一年来，我局"));
        let bare = memo(&bare);
        let f = find(&bare, "figures");
        // (`一年来` is a duration, a figure of its own: fewer than one figure per thousand characters.)
        assert!(f.problem.contains("数据偏少") && f.problem.contains("每千字0"), "{}", f.problem);
        // A title without the year.
        let untitled = THIN.replace("关于2022年度法治政府建设情况的报告", "法治政府建设情况报告");
        let m = memo(&untitled);
        assert!(m.items.iter().any(|i| i.id == "title"), "{:?}", m.items.iter().map(|i| &i.id).collect::<Vec<_>>());
    }
}
