//! Property tests: random report-like texts (markers, numbers, units, full-width and Traditional
//! characters, a non-BMP character, furniture phrases, broken lines) always give an analysis that
//! satisfies `report_analyzer::invariants::check`, with UTF-16 offsets consistent, and never panic.
#![cfg(not(target_arch = "wasm32"))]

use report_analyzer::{analyze, analyze_bytes, invariants, Options};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const PIECES: &[&str] = &[
    "一、",
    "二、",
    "、",
    "(一)",
    "（二）",
    ")",
    "(三",
    "七)",
    "1.",
    "2、",
    "３．",
    "(1)",
    "（2）",
    "第一部分",
    "一是",
    "二是",
    "是",
    "三要",
    "加强组织领导",
    "存在的问题和不足",
    "2023年工作安排",
    "下一步工作打算",
    "主要举措和成效",
    "第一责任人",
    "究其原因",
    "收到行政复议申请",
    "61件",
    "1500余人次",
    "3.5万",
    "8.08亿元",
    "97.1%",
    "个百分点",
    "5个工作日",
    "第二名",
    "前十",
    "2022年",
    "二〇二〇年",
    "11月底",
    "12·4",
    "２０２２年",
    "萬",
    "億",
    "兩",
    "項",
    "報告",
    "領(lǐng)導",
    "𠀀",
    "x个",
    "20__",
    "《法治政府建设实施纲要(2021-2025年)》",
    "〔2021〕30号",
    "12345",
    "当前位置:",
    "首页 > 信息公开",
    "浏览次数:5072",
    "【关闭】",
    "发布日期 2022-03-05",
    "。",
    "，",
    "；",
    "：",
    ":",
    " ",
    "\u{3000}",
    "\u{a0}",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "(",
    "）",
    "-",
    "·",
    "%",
    "0",
    "9",
    "十",
    "百",
    "千",
    "万",
    "余",
    "多",
    "近",
    "约",
    "以上",
    "左右",
    "a",
    "Z",
    "<p>",
    "&nbsp;",
];

fn random_text(rng: &mut Rng) -> String {
    let n = 1 + rng.next() % 200;
    (0..n).map(|_| rng.pick(PIECES)).collect()
}

#[test]
fn random_texts_satisfy_the_invariants() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..3000 {
        let text = random_text(&mut rng);
        if let Ok(mut a) = analyze(&text, &Options::default()) {
            a.add_utf16_offsets(&text);
            if let Err(e) = invariants::check(&text, &a) {
                panic!("case {case}: {e}\ntext: {text:?}");
            }
        }
    }
}

#[test]
fn random_bytes_never_panic_and_decoded_results_hold() {
    let mut rng = Rng(42);
    for case in 0..1500 {
        let mut bytes: Vec<u8> = random_text(&mut rng).into_bytes();
        // Damage some bytes: invalid UTF-8, NULs, BOMs, zip and HTML openings.
        for _ in 0..(rng.next() % 4) {
            let at = (rng.next() as usize) % (bytes.len() + 1);
            let junk: &[u8] = match rng.next() % 6 {
                0 => b"\xff\xfe",
                1 => b"\xef\xbb\xbf",
                2 => b"\x80\xc3",
                3 => b"PK\x03\x04",
                4 => b"<html><meta charset=gbk>",
                _ => b"\xd2\xbb\xa1\xa2",
            };
            bytes.splice(at..at, junk.iter().copied());
        }
        let name = ["r.txt", "r.html", "r.docx", "r"][(rng.next() % 4) as usize];
        if let Ok((text, a)) = analyze_bytes(&bytes, name, &Options::default()) {
            if let Err(e) = invariants::check(&text, &a) {
                panic!("case {case}: {e}\nbytes: {bytes:?}");
            }
        }
    }
}

#[test]
fn the_corpus_satisfies_the_invariants() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for dir in ["seeds", "work-reports"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let mut a = analyze(&text, &Options::default()).unwrap();
            a.add_utf16_offsets(&text);
            invariants::check(&text, &a).unwrap();
        }
    }
}
