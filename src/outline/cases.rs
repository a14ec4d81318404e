//! One case per outline rule: numbering styles, damaged numbering, defects and required parts.

use super::*;

fn outline(t: &str) -> Outline {
    extract(&Doc::new(t), Some(2022))
}

/// The tree as `depth marker title {part}` lines (the repaired marker where there is one).
fn tree(t: &str) -> Vec<String> {
    outline(t)
        .sections
        .iter()
        .map(|s| {
            let part = s.part.map(|p| format!(" {{{}}}", p.id())).unwrap_or_default();
            format!("{} {} {}{part}", s.depth, s.repaired_marker.as_deref().unwrap_or(&s.marker), s.title)
        })
        .collect()
}

#[track_caller]
fn assert_tree(t: &str, want: &[&str]) {
    assert_eq!(tree(t), want, "{t}");
}

#[track_caller]
fn assert_defects(t: &str, want: &[&str]) {
    let got: Vec<String> = outline(t).defects.iter().map(|d| d.kind.clone()).collect();
    assert_eq!(got, want, "{t}");
}

/// A body paragraph long enough to be a paragraph.
const P: &str = "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央决策部署，扎实推进各项工作。";

#[test]
fn chapters_sit_above_dun() {
    assert_tree(
        &format!("第一部分 主要成效\n一、加强领导\n{P}\n第二部分 存在问题\n{P}\n"),
        &["1 第一部分 主要成效 {R1}", "2 一、 加强领导", "1 第二部分 存在问题 {R2}"],
    );
}

#[test]
fn arabic_top_levels() {
    assert_tree(
        &format!("1.主要成效\n(1)加强领导。{P}\n(2)健全制度。{P}\n2.存在的问题\n{P}\n"),
        &["1 1. 主要成效 {R1}", "2 (1) 加强领导", "2 (2) 健全制度", "1 2. 存在的问题 {R2}"],
    );
}

#[test]
fn full_width_and_variant_punctuation() {
    assert_tree(
        &format!("一、成效\n（一）加强领导\n1．健全制度\n2、规范程序\n（1）规范审核\n{P}\n"),
        &["1 一、 成效 {R1}", "2 （一） 加强领导", "3 1． 健全制度", "3 2、 规范程序", "4 （1） 规范审核"],
    );
}

#[test]
fn titles_with_and_without_a_full_stop_and_run_in() {
    let o = outline(&format!("一、加强组织领导。\n{P}\n二、强化制度建设：{P}\n三、严格执法\n"));
    let t: Vec<(&str, bool)> = o.sections.iter().map(|s| (s.title.as_str(), s.run_in)).collect();
    assert_eq!(t, [("加强组织领导", false), ("强化制度建设", true), ("严格执法", false)]);
}

#[test]
fn unnumbered_part_headings() {
    assert_tree(
        &format!("一、加强领导\n{P}\n二、强化执法\n{P}\n存在的问题和不足\n{P}\n下一步工作打算\n{P}\n{P}\n{P}\n"),
        &["1 一、 加强领导 {R1}", "1 二、 强化执法 {R1}", "1  存在的问题和不足 {R2}", "1  下一步工作打算 {R4}"],
    );
    // A short line that announces nothing stays text.
    assert_tree(&format!("一、加强领导\n{P}\n全面落实责任制\n{P}\n{P}\n{P}\n"), &["1 一、 加强领导 {R1}"]);
}

#[test]
fn texts_without_line_breaks() {
    let body = P.repeat(30);
    let t = format!("某县2022年法治政府建设情况报告。一、主要举措和成效。{body}(一)加强领导。{body}(二)强化执法。{body}二、存在的问题。{body}三、2023年工作安排。{body}");
    assert_tree(
        &t,
        &[
            "1 一、 主要举措和成效 {R1}",
            "2 (一) 加强领导",
            "2 (二) 强化执法",
            "1 二、 存在的问题 {R2}",
            "1 三、 2023年工作安排 {R4}",
        ],
    );
}

#[test]
fn damaged_markers_of_every_kind() {
    assert_tree(
        &format!("一、成效\n(一)甲方面\n{P}\n)乙方面\n{P}\n(三丙方面\n{P}\n四)丁方面\n{P}\n、存在的问题\n{P}\n"),
        &[
            "1 一、 成效 {R1}",
            "2 (一) 甲方面",
            "2 (二) 乙方面",
            "2 (三) 丙方面",
            "2 (四) 丁方面",
            "1 二、 存在的问题 {R2}",
        ],
    );
    assert_tree(
        &format!("(一)加强领导\n是加强组织领导。{P}\n二是强化目标管理。{P}\n"),
        &["1 (一) 加强领导 {R1}", "2 一是 加强组织领导", "2 二是 强化目标管理"],
    );
}

#[test]
fn a_number_the_page_split_off_is_not_a_heading() {
    let cut = "全年共开展法治培训，参训人员覆盖全县各乡镇和县直部门，累计培训人数达到";
    assert_tree(
        &format!("一、成效\n{cut}\n3、200人次，取得良好效果。{P}\n二、问题\n{P}\n"),
        &["1 一、 成效 {R1}", "1 二、 问题 {R2}"],
    );
    // A real list after a cut line is kept when its numbers run on.
    assert_tree(
        &format!("一、成效\n{cut}\n1.健全制度\n{P}\n2.规范程序\n{P}\n"),
        &["1 一、 成效 {R1}", "2 1. 健全制度", "2 2. 规范程序"],
    );
}

#[test]
fn numbering_defects() {
    assert_defects("一、甲\n三、乙\n", &["skipped_number"]);
    assert_defects("一、甲\n二、乙\n二、丙\n", &["duplicate_number"]);
    assert_defects("一、甲\n(一)子\n(二)子\n(一)又\n", &["restarted_number"]);
    assert_defects("一、甲\n1.子\n(一)孙\n", &["level_order"]);
    assert_defects("一、2021年法治政府建设情况\n二、存在的问题\n三、2023年工作安排\n", &["year_slip"]);
    assert_defects("一、2022年主要成效\n二、存在的问题\n三、2024年工作安排\n", &["year_slip"]);
    assert_defects("一、2022年主要成效\n二、存在的问题\n三、2023年工作安排\n", &[]);
}

#[track_caller]
fn assert_parts(t: &str, want: &[(Part, bool)]) {
    let got: Vec<(Part, bool)> = outline(t).parts.iter().map(|p| (p.part, p.heading)).collect();
    assert_eq!(got, want, "{t}");
}

#[test]
fn part_headings_in_their_usual_wordings() {
    for (title, part) in [
        ("存在的不足和原因", Part::R2),
        ("问题和不足", Part::R2),
        ("短板弱项", Part::R2),
        ("困难和问题", Part::R2),
        ("2023年工作安排", Part::R4),
        ("下一年度工作安排", Part::R4),
        ("下一步工作思路", Part::R4),
        ("工作计划", Part::R4),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", Part::R3),
        ("其他需要报告的情况", Part::R5),
    ] {
        assert_eq!(parts::classify_title(title, Some(2022)), Some(part), "{title}");
    }
    assert_eq!(parts::classify_title("主要举措和成效", Some(2022)), None);
}

#[test]
fn parts_found_in_body_text() {
    // R3 as a sentence, R2 and R4 as closing paragraphs (seed 004's layout).
    let t = format!(
        "一、强化领导\n(一)落实责任。县委常委会2次听取法治政府建设工作汇报，县委书记作出批示。\n二、严格执法\n{P}\n2022年,我县法治政府建设取得了一定成效,但是运用法治思维的能力有待进一步加强等问题。\n2023年,我县将继续深入推进法治政府建设。\n"
    );
    assert_parts(&t, &[(Part::R1, true), (Part::R3, false), (Part::R1, true), (Part::R2, false), (Part::R4, false)]);
    // The problems paragraph inside a mixed section (seed 000's layout).
    let t = format!("一、主要做法和存在的问题\n(一)加强领导。{P}\n一年来虽然取得了一定成绩,但与要求相比还有一定的差距,主要表现在:一是学习不够。\n二、2023年工作安排\n{P}\n");
    assert_parts(&t, &[(Part::R1, true), (Part::R2, false), (Part::R4, true)]);
}

#[test]
fn causes_are_found_separately() {
    let o = outline(&format!(
        "一、成效\n{P}\n二、存在的不足和原因\n{P}究其原因，主要是学法用法不够。\n三、2023年工作安排\n{P}\n"
    ));
    assert_eq!(o.causes.len(), 1);
    let o = outline(&format!("一、成效\n{P}\n二、存在的问题\n{P}\n三、2023年工作安排\n{P}\n"));
    assert!(o.causes.is_empty());
}

#[test]
fn run_in_heads_of_sibling_paragraphs() {
    assert_tree(
        &format!("一、加强组织领导\n{P}\n加强统筹谋划。县委、县政府把法治建设摆在全局工作的突出位置，定期研究部署。\n压实工作责任。建立月调度、季通报制度，逐项销号推进各项任务。\n(一)健全机制\n"),
        &["1 一、 加强组织领导 {R1}", "2  加强统筹谋划", "2  压实工作责任", "2 (一) 健全机制"],
    );
    // Under a numbered subheading they sit one level below it; a lone one is a sentence.
    assert_tree(
        "一、主要举措\n一)强化学习\n强化分层培训。将法治学习纳入中心组学习计划，全年组织学法多次。\n拓宽宣传渠道。依托法治文化阵地开展流动课堂，覆盖所有行政村。\n",
        &["1 一、 主要举措 {R1}", "2 (一) 强化学习", "3  强化分层培训", "3  拓宽宣传渠道"],
    );
    assert_tree(
        &format!("一、主要举措\n{P}\n扎实开展理论学习教育，强化思想引领。深入学习宣传贯彻习近平法治思想，做到领学带学。\n{P}\n"),
        &["1 一、 主要举措 {R1}"],
    );
}

#[test]
fn group_lines_of_a_report_without_numbered_parts() {
    assert_tree(
        &format!("{P}\n坚持高位推动 法治政府建设责任不断强化\n{P}\n{P}\n深化改革创新 政府职能加快转变\n{P}\n"),
        &["1  坚持高位推动 法治政府建设责任不断强化 {R1}", "1  深化改革创新 政府职能加快转变 {R1}"],
    );
    // The first half glued to the paragraph above (a PDF's text).
    let o = outline(&format!("{P}全面贯彻落实党的二十大精神\n统筹推进法治政府建设高质量发展\n{P}\n"));
    assert_eq!(o.sections.len(), 1);
    assert_eq!(o.sections[0].title, "全面贯彻落实党的二十大精神\n统筹推进法治政府建设高质量发展");
    // In a report with numbered parts, a line of two phrases heads a group below the part; another is text.
    assert_tree(
        &format!("一、加强领导\n{P}\n坚持高位推动 法治建设责任不断强化\n{P}\n"),
        &["1 一、 加强领导 {R1}", "2  坚持高位推动 法治建设责任不断强化"],
    );
    assert_tree(&format!("一、加强领导\n{P}\n坚持高位推动法治建设\n{P}\n"), &["1 一、 加强领导 {R1}"]);
}

#[test]
fn short_texts_without_line_breaks() {
    // An attachment's text: headings inline, a subheading after a space or right after its parent's title.
    let t = format!("现将有关情况报告如下: 一、2022年主要举措和成效 (一)法治政府建设水平稳中向好。{P}1.做好复议引导。{P}2.强化良性互动。{P}二、主要做法(一)加强政务公开一是完善制度。{P}");
    assert_tree(
        &t,
        &[
            "1 一、 2022年主要举措和成效 {R1}",
            "2 (一) 法治政府建设水平稳中向好",
            "3 1. 做好复议引导",
            "3 2. 强化良性互动",
            "1 二、 主要做法 {R1}",
            "2 (一) 加强政务公开",
        ],
    );
}

#[test]
fn page_numbers_and_lead_ins_are_not_headings() {
    // A converter's page numbers before lines that go on mid-sentence (`…依` / `2、法有效…`).
    let long = P.repeat(8);
    assert_tree(
        &format!("1、某镇法治政府建设情况报告{long}依\n2、法有效化解社会矛盾纠纷、实施法治宣传教育创新等重点工作,不断夯实法治根底,扎实推进镇域基层法治建设,切实提高运用法治思维{long}标\n3、准更加明确。{long}\n"),
        &[] as &[&str],
    );
    assert_tree(
        &format!("一、主要举措\n{P}\n二、存在的问题及原因\n存在的问题主要有:\n一是学法不够;\n二是宣传面窄。\n"),
        &["1 一、 主要举措 {R1}", "1 二、 存在的问题及原因 {R2}", "2 一是 学法不够", "2 二是 宣传面窄"],
    );
}
