//! 雷同检测 on real reports: a report and its Traditional + inline-pinyin mirror, two units filling in one
//! template, a report with its unit and every year changed, last year's report, two unrelated reports
//! that share only formulas, one copied paragraph with its spans; and a property test that every
//! passage's spans hold the same masked text on both sides.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use report_analyzer::similar::{self, compare, index, mask, prepare, Comparison, Info, Kind, Params, Report};

fn shared(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn excerpt(n: &str) -> String {
    shared(&format!("reference/real-excerpts/pages/{n}.txt"))
}

fn seed(prefix: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let path: PathBuf = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

struct Batch {
    texts: Vec<String>,
    reports: Vec<Report>,
    spans: Vec<Vec<(u32, u32)>>,
    cmp: Comparison,
}

fn batch(texts: &[&str]) -> Batch {
    batch_with(texts.iter().map(|t| (t.to_string(), Info::default())).collect())
}

fn batch_with(inputs: Vec<(String, Info)>) -> Batch {
    let (mut texts, mut reports, mut spans) = (Vec::new(), Vec::new(), Vec::new());
    for (text, info) in inputs {
        let (r, s) = prepare(&text, info).unwrap();
        texts.push(text);
        reports.push(r);
        spans.push(s);
    }
    let cmp = compare(&reports, Params::default()).unwrap();
    let b = Batch { texts, reports, spans, cmp };
    b.check_spans();
    b
}

impl Batch {
    fn pair(&self, left: usize, right: usize) -> Option<(usize, &similar::Pair)> {
        self.cmp.pairs.iter().enumerate().find(|(_, p)| (p.left, p.right) == (left, right))
    }

    /// Every passage of every pair (boilerplate included), and each of its exact parts, holds the same
    /// masked text on both sides: the span of each side, masked again on its own, reads the same.
    fn check_spans(&self) -> (usize, usize) {
        let (mut parts, mut glossed) = (0, 0);
        for k in 0..self.cmp.pairs.len() {
            let p = &self.cmp.pairs[k];
            for x in self.cmp.passages(&self.reports, k) {
                for part in &x.parts {
                    let side = |r: usize, start: u32| {
                        let span = similar::span(&self.spans[r], start..start + part.len);
                        (mask::mask_text(&self.body(r, span.clone()), &self.names(r)).tokens, span)
                    };
                    let (left, ls) = side(p.left, part.a);
                    let (right, rs) = side(p.right, part.b);
                    assert_eq!(left.len(), part.len as usize, "{ls:?}");
                    let (lt, rt) = (&self.texts[p.left][ls], &self.texts[p.right][rs]);
                    assert_eq!(left, right, "{lt:?} / {rt:?}");
                    parts += 1;
                    glossed += usize::from(lt.contains("(lǐng)") || rt.contains("(lǐng)"));
                }
            }
        }
        (parts, glossed)
    }

    /// The text of `span` of report `r`, its page furniture blanked out.
    fn body(&self, r: usize, span: std::ops::Range<usize>) -> String {
        let text = &self.texts[r];
        let doc = report_analyzer::doc::Doc::new(text);
        let mut out = String::new();
        let mut at = span.start;
        for f in doc.furniture_items().iter().filter(|f| f.span.end > span.start && f.span.start < span.end) {
            let (s, e) = (f.span.start.max(span.start), f.span.end.min(span.end));
            if s > at {
                out.push_str(&text[at..s]);
            }
            out.push_str(&" ".repeat(e - s));
            at = at.max(e);
        }
        out.push_str(&text[at.min(span.end)..span.end]);
        out
    }

    fn names(&self, r: usize) -> Vec<String> {
        self.reports[r].issuer.as_deref().map(|i| similar::names::of(i).names).unwrap_or_default()
    }
}

#[test]
fn a_report_and_its_traditional_pinyin_mirror() {
    // 013: the 司法部's 2021 report; 014: the same page on a mirror site, in Traditional characters with
    // pinyin inserted after some of them (`領(lǐng)會`).
    let (simplified, mirror) = (excerpt("013"), excerpt("014"));
    assert!(mirror.contains("領(lǐng)會"));
    let b = batch(&[&simplified, &mirror]);
    let (k, p) = b.pair(0, 1).expect("the mirror is found");
    assert_eq!(p.kind, Kind::SameUnit, "the same unit (司法部) and year");
    assert!(p.left_share > 0.85 && p.right_share > 0.95, "{} {}", p.left_share, p.right_share);
    // The long passage runs from the first character of both texts and through the glosses.
    let longest = b.cmp.passages(&b.reports, k).into_iter().max_by_key(|x| x.chars).unwrap();
    let right = similar::span(&b.spans[1], longest.right());
    assert_eq!(right.start, 0);
    assert!(b.texts[1][right].contains("領(lǐng)會“兩個確立”"));
    // 011 and 012: the 2020 report and its Traditional mirror on a government site, page furniture and all.
    let b = batch(&[&excerpt("011"), &excerpt("012")]);
    let (_, p) = b.pair(0, 1).expect("the mirror is found");
    assert!(p.left_share > 0.9 && p.right_share > 0.9, "{} {}", p.left_share, p.right_share);
}

/// `text` with every whole word of `from` replaced by `to`.
fn replace_all(text: &str, pairs: &[(&str, &str)]) -> String {
    pairs.iter().fold(text.to_string(), |t, (a, b)| t.replace(a, b))
}

/// Every run of ASCII digits shifted: years by `years`, other numbers by `others`.
fn shift_numbers(text: &str, years: i64, others: i64) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            let n: i64 = digits.parse().unwrap_or(0);
            let shifted = if (1990..2100).contains(&n) { n + years } else { n + others };
            out.push_str(&shifted.to_string());
            digits.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_digit() && digits.len() < 12 {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[test]
fn two_units_filling_in_one_template() {
    // Seed 004 (阜城县) made into a template, filled in by two other counties with their own figures.
    let template = replace_all(&seed("004"), &[("阜城县", "{县}"), ("阜城", "{名}")]);
    let fill = |county: &str, stem: &str, others: i64| {
        shift_numbers(&replace_all(&template, &[("{县}", county), ("{名}", stem)]), 0, others)
    };
    let (a, b) = (fill("枣强县", "枣强", 0), fill("武邑县", "武邑", 7));
    assert!(a.starts_with("枣强县关于2022年度") && b.starts_with("武邑县关于2022年度"));
    let batch = batch(&[&a, &b]);
    assert_eq!(batch.reports[0].key.as_deref(), Some("枣强县"));
    let (_, p) = batch.pair(0, 1).expect("the template is found");
    assert_eq!(p.kind, Kind::OtherUnit);
    assert!(p.left_share > 0.95 && p.right_share > 0.95, "{} {}", p.left_share, p.right_share);
    let s = &batch.cmp.reports[1];
    assert_eq!(s.largest_source.map(|x| x.report), Some(0));
    assert!(s.copied_share > 0.95);
    // A reviewer dismisses the pair (a joint template): the reports' measures leave it out.
    let measures = batch.cmp.measures(&batch.reports, &[(1, 0)]);
    assert_eq!((measures[1].copied_share, measures[1].largest_source), (0.0, None));
    assert_eq!(batch.cmp.measures(&batch.reports, &[]), batch.cmp.reports);
}

#[test]
fn a_report_with_its_unit_and_every_year_changed() {
    // Seed 002: 榆树市's 2022 report; the copy: 德惠市's, every year one later.
    let original = seed("002");
    let copy = shift_numbers(&replace_all(&original, &[("榆树市", "德惠市"), ("榆树", "德惠")]), 1, 0);
    assert!(copy.contains("德惠市人民政府关于2023年度法治政府建设情况的报告"));
    let b = batch(&[&original, &copy]);
    assert_eq!((b.reports[0].year, b.reports[1].year), (Some(2022), Some(2023)));
    let (_, p) = b.pair(0, 1).expect("the copy is found");
    assert_eq!(p.kind, Kind::OtherUnit, "another unit's report, whatever its year");
    assert!(p.left_share > 0.95 && p.right_share > 0.95, "{} {}", p.left_share, p.right_share);
    assert!(p.longest > 1000, "{}", p.longest);
}

#[test]
fn last_years_report_of_the_same_unit() {
    // This year's report repeats last year's with its years moved on and its second half rewritten.
    let last = seed("002");
    let cut = last.char_indices().nth(last.chars().count() / 2).unwrap().0;
    let this = format!("{}{}", shift_numbers(&last[..cut], 1, 0), seed("004").split_once('\n').unwrap().1);
    let inputs = vec![
        (this.clone(), Info::default()),
        (last.clone(), Info { previous: true, ..Info::default() }),
        (seed("003"), Info { previous: true, ..Info::default() }),
    ];
    let b = batch_with(inputs);
    assert_eq!(b.reports[0].key, b.reports[1].key);
    let (_, p) = b.pair(0, 1).expect("last year's text is found");
    assert_eq!(p.kind, Kind::PreviousYear);
    let s = &b.cmp.reports[0];
    assert_eq!(s.previous_source.map(|x| x.report), Some(1));
    assert!((0.3..0.8).contains(&s.previous_share), "{}", s.previous_share);
    assert!(s.copied_share < 0.02, "copying from another unit is apart: {}", s.copied_share);
    // The same in one batch, the earlier report by its year.
    let b = batch(&[&this, &last]);
    assert_eq!(b.pair(0, 1).unwrap().1.kind, Kind::PreviousYear);
    assert!(b.cmp.reports[0].previous_share > 0.3);
    assert_eq!(b.cmp.reports[1].previous_share, 0.0, "the earlier report copied nothing from the later one");
}

#[test]
fn two_unrelated_reports_sharing_only_formulas_are_no_pair() {
    // Seeds 002 (榆树市) and 003 (海南区): both quote the political formulas.
    let (a, b) = (seed("002"), seed("003"));
    let batch = batch(&[&a, &b]);
    let shared = index::pair_matches(batch.reports[0].tokens(), batch.reports[1].tokens());
    assert!(!shared.is_empty(), "they share passages of 13 characters or more");
    assert!(batch.cmp.pairs.is_empty(), "{:?}", batch.cmp.pairs);
    // Among all five seeds no pair reaches 1%.
    let all: Vec<String> = ["000", "001", "002", "003", "004"].iter().map(|s| seed(s)).collect();
    let batch = self::batch(&all.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(
        batch.cmp.pairs.iter().all(|p| p.share() < 0.01),
        "{:?}",
        batch.cmp.pairs.iter().map(|p| p.share()).collect::<Vec<_>>()
    );
}

#[test]
fn one_copied_paragraph_is_found_with_its_spans() {
    // A paragraph of seed 001 copied into seed 003 (海南区) before its third part, a `的` inserted in it.
    let source = seed("001");
    let paragraph = source.lines().map(str::trim).find(|l| l.starts_with("一是加强领导干部学法用法")).unwrap();
    let target = seed("003");
    let at = target.find("\n三、").expect("a third part") + 1;
    let (head, tail) = paragraph.split_at(paragraph.char_indices().nth(60).unwrap().0);
    let copied = format!("{head}的{tail}");
    let text = format!("{}{copied}\n{}", &target[..at], &target[at..]);
    let b = batch(&[&source, &text]);
    let (k, p) = b.pair(0, 1).expect("the paragraph is found");
    assert_eq!(p.kind, Kind::OtherUnit);
    let counted: Vec<_> = b.cmp.passages(&b.reports, k).into_iter().filter(|x| !x.boilerplate).collect();
    let longest = counted.iter().max_by_key(|x| x.chars).unwrap();
    assert_eq!(longest.parts.len(), 2, "one passage across the insertion");
    let (left, right) = (similar::span(&b.spans[0], longest.left()), similar::span(&b.spans[1], longest.right()));
    // From the paragraph's first character to its last one before the closing punctuation.
    let trimmed = |s: &str| s.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let start = source.find(paragraph).unwrap();
    assert_eq!(left, start..start + trimmed(paragraph));
    assert_eq!(right, at..at + trimmed(&copied));
    // Any other passage is a phrase of the paragraph found elsewhere in the source.
    for x in &counted {
        let r = similar::span(&b.spans[1], x.right());
        assert!(r.start >= right.start && r.end <= right.end, "{r:?}");
    }
    assert!((0.05..0.15).contains(&p.right_share), "{}", p.right_share);
}

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// A sentence as a mirror site might show it: Traditional characters, pinyin after some of them,
/// full-width digits, spaces.
fn disguise(s: &str, rng: &mut Rng, traditional: &std::collections::HashMap<char, char>) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '0'..='9' if rng.below(2) == 0 => out.push(char::from_u32(c as u32 + 0xFEE0).unwrap()),
            _ => out.push(traditional.get(&c).copied().filter(|_| rng.below(3) > 0).unwrap_or(c)),
        }
        if ('\u{4e00}'..='\u{9fff}').contains(&c) && rng.below(12) == 0 {
            out.push_str(["(lǐng)", "(dǎo)", "（zhì）"][rng.below(3)]);
        }
        if rng.below(40) == 0 {
            out.push([' ', '\u{3000}', '，'][rng.below(3)]);
        }
    }
    out
}

#[test]
fn every_passage_holds_the_same_masked_text_on_both_sides() {
    let mut traditional = std::collections::HashMap::new();
    for line in shared_data("traditional.tsv").lines().filter(|l| !l.starts_with('#')) {
        if let Some((t, s)) = line.split_once('\t') {
            if let (Some(t), Some(s)) = (t.chars().next(), s.chars().next()) {
                traditional.entry(s).or_insert(t);
            }
        }
    }
    let sentences: Vec<String> = ["000", "001", "002", "004"]
        .iter()
        .flat_map(|s| {
            seed(s)
                .split(['。', '\n'])
                .map(str::trim)
                .filter(|x| x.chars().count() > 8)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut parts, mut glossed) = (0, 0);
    for round in 0..40 {
        // A few reports drawing sentences from the seeds, some shared, some disguised, each its unit.
        let n = 2 + rng.below(4);
        let texts: Vec<String> = (0..n)
            .map(|r| {
                let mut t =
                    format!("{}镇人民政府2023年度法治政府建设情况报告\n", ["甲山", "乙水", "丙河", "丁岭", "戊川"][r]);
                for _ in 0..30 + rng.below(40) {
                    let s = &sentences[rng.below(sentences.len().min(200 + round * 20))];
                    let s = if rng.below(3) == 0 { disguise(s, &mut rng, &traditional) } else { s.clone() };
                    t.push_str(&s);
                    t.push_str(["。", "。\n", "；", "\n\n"][rng.below(4)]);
                }
                t
            })
            .collect();
        let b = batch(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let (p, g) = b.check_spans();
        parts += p;
        glossed += g;
    }
    assert!(parts > 500 && glossed > 50, "{parts} parts checked, {glossed} through a pinyin gloss");
}

fn shared_data(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name)).unwrap()
}

/// The CLI: `report-analyzer similar` on the real excerpts.
fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_report-analyzer")).args(args).output().expect("the CLI runs")
}

fn page(n: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../shared/reference/real-excerpts/pages/{n}.txt"))
        .to_string_lossy()
        .into_owned()
}

#[test]
fn cli_jsonl_spans_point_into_each_file() {
    let (a, b, c) = (page("013"), page("014"), page("057"));
    let o = cli(&["similar", &a, &b, &c]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{out}");
    let pair = &lines[0];
    assert_eq!((pair["left"].as_str(), pair["right"].as_str()), (Some(a.as_str()), Some(b.as_str())));
    assert_eq!(pair["kind"], "same_unit");
    assert!(pair["right_share"].as_f64().unwrap() > 0.95);
    let (ta, tb) = (std::fs::read_to_string(&a).unwrap(), std::fs::read_to_string(&b).unwrap());
    let passages = pair["passages"].as_array().unwrap();
    assert!(passages.iter().any(|p| p["boilerplate"] == true) && passages.iter().any(|p| p["boilerplate"] == false));
    let mut merged = 0;
    for p in passages {
        // A passage merged across insertions lists its exact parts; each part, or the passage itself
        // when it is one, holds the same masked text on both sides.
        let parts = p.get("parts").and_then(|v| v.as_array()).cloned().unwrap_or_else(|| vec![p.clone()]);
        merged += usize::from(parts.len() > 1);
        for part in parts {
            let span = |side: &str, text: &str| {
                let (s, e) =
                    (part[side]["start"].as_u64().unwrap() as usize, part[side]["end"].as_u64().unwrap() as usize);
                assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
                mask::mask_text(&text[s..e], &["司法部".to_string()]).tokens
            };
            assert_eq!(span("left", &ta), span("right", &tb));
        }
    }
    assert!(merged > 0, "the mirror's mojibake splits a passage: {out}");
}

#[test]
fn cli_csv_markdown_passages_and_previous_reports() {
    let dir = std::env::temp_dir().join(format!("report-analyzer-similar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let passages = dir.join("passages.csv");
    // 043: 应急管理部's 2019 report, given as last year's; 044: its 2020 report (Traditional).
    let o = cli(&[
        "similar",
        "--format",
        "csv",
        "--min-share",
        "0",
        "--passages",
        passages.to_str().unwrap(),
        &page("044"),
        &page("013"),
        "--previous",
        &page("043"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = String::from_utf8(o.stdout).unwrap();
    let mut rows = csv.lines();
    assert!(rows
        .next()
        .unwrap()
        .starts_with("leftFileId,leftFilePath,rightFileId,rightFilePath,similarity,longestFragment"));
    let row = rows.find(|r| r.contains("previous_year")).expect("last year's report is a pair");
    assert!(row.contains("044.txt") && row.contains("043.txt"), "{row}");
    let written = std::fs::read_to_string(&passages).unwrap();
    assert!(written.starts_with("left,right,kind,left_start,left_end,right_start,right_end,chars,boilerplate,text\r\n"));
    assert!(written.lines().count() > 2, "{written}");

    let o = cli(&["similar", "--format", "md", "--min-share", "0", &page("044"), "--previous", &page("043")]);
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("# 雷同检测") && md.contains("本单位往年") && md.contains("（上年报告）"), "{md}");

    // Bad input: a share out of range; a missing file is named and the others still compared.
    let o = cli(&["similar", "--min-share", "5", &page("044")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--min-share"));
    let missing = dir.join("missing.txt");
    let o = cli(&["similar", &page("013"), &page("014"), missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.txt"));
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);
    std::fs::remove_dir_all(&dir).ok();
}
