//! The 审核意见 (src/memo/) on the real reports: golden memos for the seeds (Markdown, reviewed like
//! the other golden files: `UPDATE_GOLDEN=1 cargo test --test memo`), every place's span, the .docx read
//! back by our own reader and, where installed, by LibreOffice and python-docx, a resubmission that adds
//! a missing part, the 通报 of the seeds, copied passages and refused inputs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

use report_analyzer::memo::{self, bulletin, CopiedSource, CopyKind, Memo, MemoOptions, Previous, Similarity};
use report_analyzer::{analyze, Analysis, Options, Span};

fn seeds() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn seed(prefix: &str) -> (String, Analysis) {
    let path = seeds().into_iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix)).unwrap();
    read(&path)
}

fn read(path: &Path) -> (String, Analysis) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let a = analyze(&text, &Options { source: Some(name), ..Options::default() }).unwrap();
    (text, a)
}

fn options() -> MemoOptions {
    MemoOptions {
        office: Some("某市司法局".into()), days: Some(10), date: Some("2023-04-10".into()), similarity: None
    }
}

/// Every place's quote is its span of the text it points into.
#[track_caller]
fn assert_places(text: &str, m: &mut Memo) {
    let mut n = 0;
    m.for_each_place(|p| {
        assert_eq!(text.get(p.span.range()), Some(p.quote.as_str()), "{p:?}");
        assert!(p.quote.chars().count() <= 40 && !p.quote.contains('\n'), "{p:?}");
        n += 1;
    });
}

/// The golden rendering: the memo as a reviewer reads it, then (for the snapshot only) each item's id,
/// kind, basis and places.
fn golden_text(m: &Memo) -> String {
    let mut s = memo::markdown::memo(m);
    s.push_str("\n---\n\n<!-- 快照附录（不属于审核意见）：条目、依据和位置 -->\n\n");
    for item in &m.items {
        s.push_str(&format!("- `{}` {} basis={}", item.id, item.kind, item.basis.as_deref().unwrap_or("-")));
        for p in item.place.iter().chain(&item.also) {
            s.push_str(&format!(" @{}..{}", p.span.start, p.span.end));
        }
        s.push('\n');
    }
    if let Some(r) = &m.review {
        for e in &r.earlier {
            let at = e.place.as_ref().map(|p| format!(" @{}..{}", p.span.start, p.span.end)).unwrap_or_default();
            s.push_str(&format!("- earlier `{}` {}{at}\n", e.item.id, e.status));
        }
    }
    s
}

#[track_caller]
fn check_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/memo").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run UPDATE_GOLDEN=1 cargo test --test memo", path.display()));
    if expected != actual {
        let diff = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from the golden file at line {} (UPDATE_GOLDEN=1 to accept):\n- {}\n+ {}",
            diff + 1,
            expected.lines().nth(diff).unwrap_or(""),
            actual.lines().nth(diff).unwrap_or("")
        );
    }
}

#[test]
fn golden_memos_of_the_seeds() {
    for path in seeds() {
        let (text, a) = read(&path);
        let mut m = memo::build(&a, &text, &options()).unwrap();
        assert_places(&text, &mut m);
        assert!(m.title.starts_with("关于《") && m.title.ends_with("》的审核意见"), "{}", m.title);
        assert!(!m.items.is_empty());
        for item in &m.items {
            assert!(
                !item.problem.is_empty() && !item.requirement.is_empty() && !item.suggestion.is_empty(),
                "{item:?}"
            );
            assert!(
                !item.requirement.contains("第") || !item.requirement.contains("条"),
                "no article numbers: {item:?}"
            );
        }
        // The JSON reads back into the same memo.
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<Memo>(&json).unwrap(), m);
        let name = path.file_stem().unwrap().to_string_lossy();
        check_golden(&format!("{name}.md"), &golden_text(&m));
    }
}

#[test]
fn what_the_seeds_memos_find() {
    let ids = |prefix: &str| {
        let (text, a) = seed(prefix);
        memo::build(&a, &text, &options()).unwrap().items.into_iter().map(|i| i.id).collect::<Vec<_>>()
    };
    // 003 has no first-responsible-person part at all; 002 has it only in the body.
    assert!(ids("003_").contains(&"part:R3".to_string()));
    let (text, a) = seed("003_");
    let m = memo::build(&a, &text, &options()).unwrap();
    let r3 = m.items.iter().find(|i| i.id == "part:R3").unwrap();
    assert_eq!((r3.kind.as_str(), r3.basis.as_deref()), ("part_missing", Some("R3")));
    assert!(r3.requirement.contains("第一责任人职责"), "{}", r3.requirement);
    assert!(m.summary.text.contains("71.1分") && m.summary.parts_present == 3 && m.summary.parts_total == 5);
    let (text, a) = seed("002_");
    let m = memo::build(&a, &text, &options()).unwrap();
    let r3 = m.items.iter().find(|i| i.id == "part:R3").unwrap();
    assert_eq!(r3.kind, "part_in_body");
    assert!(r3.place.as_ref().unwrap().quote.contains("党政主要负责人"));
    // Every seed lacks the causes; 004 skips 二、; 000 is a 工作总结.
    for p in ["000_", "001_", "002_", "003_", "004_"] {
        assert!(ids(p).contains(&"causes".to_string()), "{p}");
    }
    assert!(ids("004_").contains(&"numbering:skipped_number".to_string()));
    assert!(ids("000_").contains(&"doc_kind".to_string()));
}

/// A resubmission of seed 003 that adds the first-responsible-person part and the causes, and mends
/// one of the two damaged markers: those items 已整改 with the new text as evidence, the rest 未整改.
fn resubmitted_003() -> String {
    let (text, _) = seed("003_");
    let r3 = "(六)党政主要负责人履行推进法治建设第一责任人职责情况\n区委书记、区长认真履行推进法治建设第一责任人职责，主持召开区委常委会会议2次、区政府常务会议4次专题研究法治政府建设工作，年终述职时开展述法。\n";
    let causes = "究其原因，主要是部分部门对法治宣传和调解工作重视不够，专业人员和经费保障不足。\n";
    let at_r2 = text.find("\n、存在的问题").unwrap() + 1;
    let at_r4 = text.find("三、下一步工作安排").unwrap();
    format!("{}{r3}二{}{causes}{}", &text[..at_r2], &text[at_r2..at_r4], &text[at_r4..])
}

#[test]
fn a_resubmission_that_adds_the_missing_part_marks_it_fixed() {
    let (old_text, old) = seed("003_");
    let new_text = resubmitted_003();
    let new = analyze(&new_text, &Options { source: Some("003-修改稿.txt".into()), ..Options::default() }).unwrap();
    let mut m = memo::second_review(Previous::Analysis(&old, &old_text), &new, &new_text, &options()).unwrap();
    assert_places(&new_text, &mut m);
    m.for_each_earlier_place(|p| assert_eq!(old_text.get(p.span.range()), Some(p.quote.as_str())));
    assert!(m.title.contains("修改稿的复审意见"), "{}", m.title);
    let r = m.review.as_ref().unwrap();
    let status = |id: &str| r.earlier.iter().find(|e| e.item.id == id).unwrap_or_else(|| panic!("{id}: {r:?}"));
    let r3 = status("part:R3");
    assert_eq!((r3.status.as_str(), r3.label.as_str()), ("fixed", "已整改"));
    assert!(r3.evidence.contains("党政主要负责人履行推进法治建设第一责任人职责情况"), "{}", r3.evidence);
    assert!(r3.place.as_ref().is_some_and(|p| new_text[p.span.range()].contains("第一责任人")));
    let causes = status("causes");
    assert_eq!(causes.status, "fixed");
    assert!(causes.evidence.contains("究其原因"), "{}", causes.evidence);
    // One damaged marker is left: still open, pointing at it.
    let numbering = status("numbering:damaged_marker");
    assert_eq!(numbering.status, "open");
    assert!(numbering.evidence.contains("共1处"), "{}", numbering.evidence);
    assert!(r.summary.starts_with(&format!("前次审核意见共{}条，已整改", r.earlier.len())), "{}", r.summary);
    assert!(m.request.contains("未整改的问题"));
    let md = memo::markdown::memo(&m);
    for h in ["二、前次审核意见整改情况", "三、新发现的问题和修改建议", "四、修改要求", "（已整改）", "（未整改）"]
    {
        assert!(md.contains(h), "{h}");
    }
    check_golden("review-003.md", &golden_text(&m));
}

#[test]
fn a_second_review_from_an_edited_memo() {
    let (old_text, old) = seed("003_");
    let mut sent = memo::build(&old, &old_text, &options()).unwrap();
    // The reviewer dropped the plans item, reworded the first and added one of their own.
    let dropped = sent.items.iter().position(|i| i.id == "plans_vague").unwrap();
    let gone = sent.items.remove(dropped);
    sent.dismissed.push(gone.id.clone());
    sent.items[0].problem = "原因分析缺失。".into();
    sent.items.push(memo::Item {
        id: String::new(),
        kind: "custom".into(),
        problem: "请补充行政复议案件的办理数据。".into(),
        place: None,
        also: Vec::new(),
        requirement: String::new(),
        basis: None,
        suggestion: "列明收案、审结和纠错数。".into(),
    });
    // Through JSON, as the page hands it back.
    let sent: Memo = serde_json::from_str(&serde_json::to_string(&sent).unwrap()).unwrap();
    // The reviewer's own item has no place and claims nothing missing: no 问题位置 line in Markdown or Word.
    let md = memo::markdown::memo(&sent);
    let own = &md[md.find("请补充行政复议案件的办理数据").unwrap()..];
    let own = &own[..own.find("\n#").unwrap_or(own.len())];
    assert!(!own.contains("问题位置") && own.contains("列明收案"), "{own}");
    assert!(md.contains("问题位置"), "the analysis's items keep theirs");
    let word = docx_text(&memo::docx::memo(&sent).unwrap());
    let own = &word[word.find("请补充行政复议案件的办理数据").unwrap()..];
    assert!(!own[..own.find("列明收案").unwrap()].contains("问题位置"), "{own}");
    let (text, new) = seed("003_");
    let m = memo::second_review(Previous::Memo(&sent), &new, &text, &options()).unwrap();
    let r = m.review.as_ref().unwrap();
    assert_eq!(r.earlier.len(), sent.items.len());
    assert_eq!(r.earlier[0].item.problem, "原因分析缺失。");
    assert!(r.earlier.iter().all(|e| e.status != "fixed"), "the same text: nothing fixed");
    assert_eq!(r.earlier.last().unwrap().status, "manual");
    assert!(m.items.iter().all(|i| i.id != "plans_vague"), "a dismissed item is not raised again");
    assert!(m.items.is_empty(), "the same text: no new problems: {:?}", m.items);
}

/// Read a .docx back with the project's own reader (src/decode/docx.rs).
fn docx_text(bytes: &[u8]) -> String {
    report_analyzer::decode::read_docx(bytes).unwrap().0
}

#[test]
fn the_docx_reads_back_with_our_reader() {
    for path in seeds() {
        let (text, a) = read(&path);
        let m = memo::build(&a, &text, &options()).unwrap();
        let bytes = memo::docx::memo(&m).unwrap();
        let back = docx_text(&bytes);
        assert!(back.starts_with(&m.title), "{back}");
        for item in &m.items {
            assert!(back.contains(item.problem.trim()), "{}", item.problem);
            assert!(back.contains(item.suggestion.trim()), "{}", item.suggestion);
        }
        assert!(back.contains("一、总体评价") && back.contains("三、修改要求") && back.contains("2023年4月10日"));
        // The analysis reads the memo as a document: its headings are found.
        let again = analyze(&back, &Options::default()).unwrap();
        assert!(again.sections.iter().any(|s| s.title.starts_with("主要问题和修改建议")), "{:?}", again.sections);
    }
}

fn soffice() -> Option<PathBuf> {
    ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-analyzer-memo-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// LibreOffice (a reader we do not write) converts the memo and the 通报 to text; skipped with a note
/// where it is not installed.
#[test]
fn the_docx_opens_in_libreoffice() {
    let Some(soffice) = soffice() else {
        eprintln!("note: LibreOffice not installed (apt-get install libreoffice-writer-nogui): skipped");
        return;
    };
    let dir = scratch("soffice");
    let (text, a) = seed("001_");
    let m = memo::build(&a, &text, &options()).unwrap();
    std::fs::write(dir.join("memo.docx"), memo::docx::memo(&m).unwrap()).unwrap();
    let rows: Vec<_> = seeds().iter().map(|p| report_analyzer::compare::row(&read(p).1)).collect();
    let b = bulletin::bulletin(&rows, &options()).unwrap();
    std::fs::write(dir.join("bulletin.docx"), memo::docx::bulletin(&b).unwrap()).unwrap();
    let out = Command::new(soffice)
        .args(["--headless", "--convert-to", "txt:Text", "--outdir"])
        .arg(&dir)
        .arg(dir.join("memo.docx"))
        .arg(dir.join("bulletin.docx"))
        .env("HOME", &dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let txt = std::fs::read_to_string(dir.join("memo.txt")).unwrap();
    assert!(txt.contains(&m.title));
    for item in &m.items {
        assert!(txt.contains(item.problem.trim()), "LibreOffice lost {:?}", item.problem);
    }
    let txt = std::fs::read_to_string(dir.join("bulletin.txt")).unwrap();
    assert!(txt.contains(&b.title) && txt.contains("评分排名"));
    for r in &b.ranking {
        assert!(txt.contains(&r.unit), "{}", r.unit);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// python-docx reads the paragraphs, their styles and the page setup; skipped with a note where it is
/// not installed (pip install python-docx).
#[test]
fn the_docx_opens_in_python_docx() {
    let probe = Command::new("python3").args(["-c", "import docx"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: python-docx not installed (pip install python-docx): skipped");
        return;
    }
    let dir = scratch("python-docx");
    let (text, a) = seed("004_");
    let m = memo::build(&a, &text, &options()).unwrap();
    let file = dir.join("memo.docx");
    std::fs::write(&file, memo::docx::memo(&m).unwrap()).unwrap();
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
print("margins", round(s.top_margin.mm), round(s.left_margin.mm), round(s.bottom_margin.mm), round(s.right_margin.mm))
print("page", round(s.page_width.mm), round(s.page_height.mm))
for p in d.paragraphs:
    if p.text.strip():
        print(p.style.name + "\t" + p.text)
"#;
    let out = Command::new("python3").args(["-c", script]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = String::from_utf8(out.stdout).unwrap();
    assert!(got.contains("margins 37 28 35 26"), "{got}");
    assert!(got.contains("page 210 297"), "{got}");
    assert!(got.contains(&format!("Title\t{}", m.title)), "{got}");
    assert!(got.contains("heading 1\t一、总体评价") || got.contains("Heading 1\t一、总体评价"), "{got}");
    for (n, item) in m.items.iter().enumerate() {
        let heading = format!("{}{}", memo::markdown::ordinal(n), item.problem);
        assert!(
            got.lines().any(|l| l.ends_with(&format!("\t{heading}")) && l.to_lowercase().starts_with("heading 2")),
            "{heading}\n{got}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_bulletin_of_the_seeds() {
    let mut rows: Vec<_> = seeds().iter().map(|p| report_analyzer::compare::row(&read(p).1)).collect();
    // A sixth report, published late, and a document that is not a report.
    let (text, mut late) = seed("002_");
    late.meta.signed = Some("2023-04-20".into());
    late.meta.issuer = Some("某县人民政府".into());
    let _ = text;
    rows.push(report_analyzer::compare::row(&late));
    let work =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/work-reports/O01.txt"))
            .unwrap();
    rows.push(report_analyzer::compare::row(&analyze(&work, &Options::default()).unwrap()));
    let b = bulletin::bulletin(&rows, &options()).unwrap();
    assert_eq!(b.title, "关于2022年度法治政府建设年度报告审核情况的通报");
    assert_eq!(b.ranking.len(), 6);
    assert!(b.ranking.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(b.ranking[0].unit, "克州人民政府");
    assert_eq!(b.not_reports.len(), 1);
    let causes = b.common.iter().find(|c| c.id == "R2C_missing").unwrap();
    assert_eq!((causes.count, causes.share), (6, 1.0));
    assert!(b.common.windows(2).all(|w| w[0].count >= w[1].count));
    assert_eq!(b.late, ["某县人民政府（2023年4月20日）"]);
    assert!(b.missing.iter().any(|m| m.unit == "海南区人民政府" && m.parts.iter().any(|p| p.contains("履职情况"))));
    let md = memo::markdown::bulletin(&b);
    for h in [
        "一、总体情况",
        "二、评分排名",
        "三、共性问题",
        "四、需重点关注的单位",
        "五、下一步工作要求",
        "逾期公开的单位：某县人民政府",
    ] {
        assert!(md.contains(h), "{h}\n{md}");
    }
    check_golden("bulletin-seeds.md", &md);
    let back = docx_text(&memo::docx::bulletin(&b).unwrap());
    assert!(back.contains("克州人民政府\t85.4"), "the ranking table reads back as rows: {back}");
    // Rows of the wrong length are refused.
    assert!(bulletin::bulletin(&[vec![]], &options()).is_err());
}

/// The dimensions' points the 通报 judges weaknesses by are the score's.
#[test]
fn bulletin_dimension_points_are_the_scores() {
    let (_, a) = seed("002_");
    for d in &a.score.unwrap().dimensions {
        if let Some((_, max)) = memo::bulletin::DIMENSION_MAX.iter().find(|(id, _)| *id == d.id) {
            assert_eq!(*max, d.max, "{}", d.id);
        }
    }
}

#[test]
fn copied_passages_from_the_similarity_check() {
    let (text, a) = seed("004_");
    let at = text.find("落实第一责任人职责").unwrap();
    let passage = Span::new(at, at + "落实第一责任人职责,加强党对法治政府建设的领导".len());
    let similarity = Similarity {
        copied_share: 0.235,
        previous_share: 0.0,
        sources: vec![CopiedSource {
            source: "某县2022年度法治政府建设情况报告".into(),
            kind: CopyKind::OtherUnit,
            share: 0.235,
            passages: vec![passage],
        }],
    };
    let o = MemoOptions { similarity: Some(similarity.clone()), ..options() };
    let mut m = memo::build(&a, &text, &o).unwrap();
    assert_places(&text, &mut m);
    let item = m.items.iter().find(|i| i.kind == "copied").unwrap();
    assert_eq!(item.id, "copied:other_unit:某县2022年度法治政府建设情况报告");
    assert!(item.problem.contains("23.5%"), "{}", item.problem);
    assert_eq!(item.place.as_ref().unwrap().span.start, at);
    assert!(m.summary.text.contains("与其他单位报告相同的内容约占23.5%"), "{}", m.summary.text);
    // A source sharing one sentence (below 5% of the report) is no item; 总体评价 still gives the share.
    let mut small = similarity.clone();
    small.copied_share = 0.004;
    small.sources[0].share = 0.004;
    let m = memo::build(&a, &text, &MemoOptions { similarity: Some(small), ..options() }).unwrap();
    assert!(m.items.iter().all(|i| i.kind != "copied"));
    assert!(m.summary.text.contains("约占0.4%"), "{}", m.summary.text);
    // A passage that is not a span of the text is refused.
    let mut bad = similarity;
    bad.sources[0].passages = vec![Span::new(at + 1, at + 2)];
    assert!(memo::build(&a, &text, &MemoOptions { similarity: Some(bad), ..options() }).is_err());
}

#[test]
fn a_document_that_is_not_a_report_and_refused_inputs() {
    let work =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/work-reports/O02.txt"))
            .unwrap();
    let a = analyze(&work, &Options::default()).unwrap();
    let m = memo::build(&a, &work, &options()).unwrap();
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].kind, "not_a_report");
    assert!(m.summary.text.contains("未予评分"));
    // The text must be the one analysed.
    let (text, a) = seed("001_");
    let e = memo::build(&a, &format!("{text}。"), &options()).unwrap_err();
    assert!(e.to_string().contains("bytes"), "{e}");
    for bad in
        [r#"{"days": 0}"#, r#"{"date": "2023-13-40"}"#, r#"{"colour": 1}"#, r#"{"similarity": {"copied_share": 2}}"#]
    {
        assert!(MemoOptions::from_json(bad).is_err(), "{bad}");
    }
    assert_eq!(MemoOptions::from_json(r#"{"office": "某局", "days": 5}"#).unwrap().days, Some(5));
}

#[test]
fn a_memo_edited_by_hand_still_writes() {
    // The least a portal may send: a title and items with a problem.
    let json = r#"{"title": "关于《某县报告》的审核意见", "items": [{"problem": "请补充数据。"}, {"problem": "a<b>&\u0001", "suggestion": "x"}]}"#;
    let m: Memo = serde_json::from_str(json).unwrap();
    assert_eq!(m.items[0].kind, "custom");
    let back = docx_text(&memo::docx::memo(&m).unwrap());
    assert!(back.contains("（一）请补充数据。") && back.contains("（二）a<b>&"), "{back}");
    assert!(memo::markdown::memo(&m).contains("（审核单位）"));
}
