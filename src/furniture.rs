//! Page furniture: the lines a scraped government web page adds around the report (breadcrumbs,
//! 索引号 tables, 字号/打印/分享 toolbars, reading counters, 解读文章 links, site footers).
//!
//! And the furniture of paginated documents (PDF, OFD, whose readers put a line holding a form feed
//! between pages, as `pdftotext` does): page numbers (`— 3 —`, `第3页 共12页`, the `number` rows of
//! the table) and running headers and footers (the same short line, digits aside, at the edge of
//! several pages), among the short lines next to each page break.
//!
//! Furniture stays in the text (offsets never change) but is excluded from sections, figures and
//! scoring. Phrases live in `data/furniture.tsv`; the navigation-menu rule (short link lines above
//! the title) and the running-header rule are code, since they are about shape rather than words.

use std::sync::OnceLock;

use crate::literals::Literals;
use crate::normalize::squeeze;
use crate::text::{trim_range, Line};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Any,
    Edge,
    /// Next to a page break (the `number` rows).
    Page,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Line,
    Prefix,
    Contains,
    /// The whole line, `#` standing for a number.
    Number,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub id: &'static str,
    pub kind: &'static str,
    pub zone: Zone,
    pub rule: Rule,
    pub phrase: &'static str,
}

const TABLE: &str = include_str!(concat!(env!("OUT_DIR"), "/data/furniture.tsv"));

/// The phrase table, parsed once.
pub fn phrases() -> &'static [Phrase] {
    static CELL: OnceLock<Vec<Phrase>> = OnceLock::new();
    CELL.get_or_init(|| parse(TABLE).expect("data/furniture.tsv is validated by a unit test"))
}

fn parse(table: &'static str) -> Result<Vec<Phrase>, String> {
    let mut out = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, kind, zone, rule, phrase] = cols[..] else {
            return Err(format!("line {}: expected 5 tab-separated columns", n + 1));
        };
        let zone = match zone {
            "any" => Zone::Any,
            "edge" => Zone::Edge,
            "page" => Zone::Page,
            z => return Err(format!("line {}: unknown zone {z:?}", n + 1)),
        };
        let rule = match rule {
            "line" => Rule::Line,
            "prefix" => Rule::Prefix,
            "contains" => Rule::Contains,
            "number" => Rule::Number,
            r => return Err(format!("line {}: unknown rule {r:?}", n + 1)),
        };
        if id.is_empty() || kind.is_empty() || phrase.is_empty() || squeeze(phrase) != phrase {
            return Err(format!("line {}: empty field, or a phrase that is not in squeezed form", n + 1));
        }
        if (rule == Rule::Number) != (zone == Zone::Page)
            || rule != Rule::Number && out.last().is_some_and(|p: &Phrase| p.rule == Rule::Number)
        {
            return Err(format!("line {}: `number` rows have zone `page` and come last", n + 1));
        }
        out.push(Phrase { id, kind, zone, rule, phrase });
    }
    Ok(out)
}

/// The phrases matched as literals: all but the `number` rows, which come last.
fn literal_phrases() -> &'static [Phrase] {
    let p = phrases();
    &p[..p.iter().position(|p| p.rule == Rule::Number).unwrap_or(p.len())]
}

/// Whether a line is a page number by the table's `number` rows (`— 3 —`, `第 3 页 共 12 页`, `- 3 -`).
/// (Read from the table's `number` rows directly, spaces dropped and full-width forms folded without
/// `squeeze`'s Traditional table: the readers module, which marks page numbers too, carries no
/// Traditional table.)
pub fn is_page_number(line: &str) -> bool {
    let s: String = line
        .chars()
        .filter(|c| !crate::text::is_space(*c))
        .map(|c| crate::normalize::fold_char(c).to_ascii_lowercase())
        .collect();
    !s.is_empty()
        && TABLE
            .lines()
            .filter_map(|l| l.strip_suffix("").and_then(|l| l.split('\t').nth(4).filter(|_| l.contains("\tnumber\t"))))
            .any(|p| number_pattern(&s, p))
}

/// `s` is `pattern` with each `#` a run of Arabic or Chinese digits.
fn number_pattern(s: &str, pattern: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十百".contains(c);
    let mut rest = s;
    for p in pattern.chars() {
        if p == '#' {
            let n = rest.char_indices().find(|&(_, c)| !digit(c)).map_or(rest.len(), |(i, _)| i);
            if n == 0 {
                return false;
            }
            rest = &rest[n..];
        } else {
            match rest.strip_prefix(p) {
                Some(r) => rest = r,
                None => return false,
            }
        }
    }
    rest.is_empty()
}

/// Every phrase in one literal set (pattern `k` is phrase `k`): a line is matched against all of them
/// in one pass (a `line` phrase is a match at 0 as long as the line, a `prefix` one a match at 0).
fn matcher() -> &'static Literals {
    static CELL: OnceLock<Literals> = OnceLock::new();
    CELL.get_or_init(|| Literals::new(&literal_phrases().iter().map(|p| p.phrase.to_string()).collect::<Vec<_>>()))
}

/// Lines longer than this (bytes) are report paragraphs, never furniture: they skip the phrase tests.
const LONGEST_FURNITURE_LINE: usize = 450;

/// What the phrase rules need of a line's squeezed form ([`squeeze`]).
#[derive(Clone, Copy)]
struct Shape {
    /// Characters of the squeezed line (0 for a long line, which is not squeezed, or a blank one).
    chars: usize,
    /// A paragraph-like line: 40 characters or more, with sentence punctuation (every long line is one).
    para: bool,
    /// The first phrase of the table the line satisfies among those of any zone, and among the
    /// edge-only ones (`usize::MAX`: none): which counts depends on where the paragraphs are, known
    /// once every line is shaped.
    any: usize,
    edge: usize,
}

impl Shape {
    const NONE: Shape = Shape { chars: 0, para: false, any: usize::MAX, edge: usize::MAX };
}

/// Each line's [`Shape`], from its squeezed form: its characters as [`squeeze`] has them, decoded
/// (taken from the matchable view, [`crate::normalize::Matchable::folded_codes`]) into one buffer reused
/// line after line, and scanned for the phrases there ([`Literals::for_each_match_decoded_sparse`]).
/// Squeezing each line into a string, then decoding it again for the phrase scan, was 5% of an
/// analysis; one buffer for all the lines, 4 MB for a 3 MB text, went out of the caches.
fn shapes(text: &str, lines: &[Line], matchable: &crate::normalize::Matchable) -> Vec<Shape> {
    let (table, matcher) = (phrases(), matcher());
    let (mut line, mut cursor) = (Vec::new(), 0);
    let point = |c: u32| c % crate::literals::LEN_UNIT;
    let mark = |c: &u32| matches!(char::from_u32(point(*c)), Some(',' | '，' | '。' | '、' | ';' | '；'));
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        if l.end - l.start > LONGEST_FURNITURE_LINE {
            out.push(Shape { para: true, ..Shape::NONE });
            continue;
        }
        line.clear();
        matchable.folded_codes(text, l.range(), true, &mut line, &mut cursor);
        let chars = line.len();
        if chars == 0 {
            out.push(Shape::NONE);
            continue;
        }
        let para = chars >= 40 && line.iter().any(mark);
        // A leading list number (`1.`) is no part of what the phrases are matched with.
        let digits = line.iter().take_while(|&&c| (u32::from(b'0')..=u32::from(b'9')).contains(&point(c))).count();
        let strip = if (1..=2).contains(&digits)
            && line.get(digits).map(|&c| point(c)) == Some(u32::from(b'.'))
            && chars > digits + 1
        {
            digits + 1
        } else {
            0
        };
        let rest = &line[strip..];
        let len: usize = rest.iter().map(|&c| (c / crate::literals::LEN_UNIT) as usize).sum();
        let mut shape = Shape { chars, para, ..Shape::NONE };
        matcher.for_each_match_decoded_sparse(rest, &mut |k, at| {
            let p = &table[k];
            let holds = match p.rule {
                Rule::Line => at == 0 && p.phrase.len() == len,
                Rule::Prefix => at == 0,
                Rule::Contains => true,
                Rule::Number => false,
            };
            let slot = if p.zone == Zone::Any { &mut shape.any } else { &mut shape.edge };
            if holds && k < *slot {
                *slot = k;
            }
        });
        out.push(shape);
    }
    out
}

/// Kind of furniture of each line (`None` for report text).
pub fn classify(text: &str, lines: &[Line], matchable: &crate::normalize::Matchable) -> Vec<Option<&'static str>> {
    let shapes = shapes(text, lines, matchable);
    let paragraph: Vec<bool> = shapes.iter().map(|s| s.para).collect();
    let (first, last) = content_bounds(&paragraph);
    let table = phrases();
    // The first phrase of the table that each line satisfies: of any zone, or an edge one at the edges.
    let mut kinds: Vec<Option<&'static str>> = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let edge = i < first || i > last;
            let k = if edge { s.any.min(s.edge) } else { s.any };
            table.get(k).map(|p| p.kind)
        })
        .collect();
    let title = title_line(text, lines, &shapes, first);
    let short = |i: usize| (1..=20).contains(&shapes[i].chars) && !is_date_line(&squeeze(&text[lines[i].range()]));
    menus_and_footers(text, lines, &mut kinds, title, last, short);
    if memchr::memchr(b'\x0c', text.as_bytes()).is_some() {
        page_edges(text, lines, &shapes, &mut kinds);
    }
    kinds
}

/// Page numbers and running headers and footers: among the short lines next to each page break (a
/// line that starts with a form feed) — up to three on either side, until a paragraph — and the last
/// lines of the text, the lines that are page numbers, and those whose text (digits aside) stands at
/// two page edges or more. The first lines of the text, where the title is, are taken when they are page
/// numbers, or when a line that stands at two page tops or more is followed among them by a longer line
/// that does not end with a colon (a running head such as 法治政府建设年度报告 above the report's own title;
/// a report whose running head is its title keeps it: nothing longer follows it but the addressee).
fn page_edges(text: &str, lines: &[Line], shapes: &[Shape], kinds: &mut [Option<&'static str>]) {
    const SIDE: usize = 3;
    let short = |i: usize| !shapes[i].para && shapes[i].chars <= 40;
    let blank = |i: usize| shapes[i].chars == 0 && !shapes[i].para;
    let breaks: Vec<usize> =
        (0..lines.len()).filter(|&i| text.as_bytes().get(lines[i].start) == Some(&b'\x0c')).collect();
    // (line, after a break, the text's first lines) for each edge line, with its block.
    let mut edge: Vec<(usize, bool, bool, usize)> = Vec::new();
    let walk = |from: usize, forward: bool, block: usize, first: bool, edge: &mut Vec<(usize, bool, bool, usize)>| {
        let mut i = from;
        let mut taken = 0;
        while i < lines.len() && taken < SIDE {
            if !blank(i) {
                if !short(i) {
                    break;
                }
                edge.push((i, forward, first, block));
                taken += 1;
            }
            if forward {
                i += 1;
            } else if i == 0 {
                break;
            } else {
                i -= 1;
            }
        }
    };
    walk(0, true, 0, true, &mut edge);
    for (b, &at) in breaks.iter().enumerate() {
        if at > 0 {
            walk(at - 1, false, b + 1, false, &mut edge);
        }
        walk(at, true, b + 1, false, &mut edge);
    }
    if let Some(last) = lines.len().checked_sub(1) {
        walk(last, false, breaks.len() + 1, false, &mut edge);
    }
    let key = |i: usize| -> String {
        squeeze(&text[lines[i].range()]).chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
    };
    let mut blocks: std::collections::HashMap<String, std::collections::BTreeSet<usize>> = Default::default();
    for &(i, _, first, block) in &edge {
        if !first {
            blocks.entry(key(i)).or_default().insert(block);
        }
    }
    let recurs = |i: usize| blocks.get(&key(i)).is_some_and(|b| b.len() >= 2);
    // A first line followed, among the first lines, by a longer one that is no addressee.
    let above_title = |n: usize| {
        let i = edge[n].0;
        edge[n + 1..].iter().take_while(|e| e.2).any(|&(j, ..)| {
            let line = squeeze(&text[lines[j].range()]);
            shapes[j].chars > shapes[i].chars && !line.ends_with(['：', ':'])
        })
    };
    for (n, &(i, after, first, _)) in edge.iter().enumerate() {
        if kinds[i].is_some() {
            continue;
        }
        if is_page_number(&text[lines[i].range()]) {
            kinds[i] = Some("page_number");
        } else if recurs(i) && (!first || above_title(n)) {
            kinds[i] = Some(if after { "running_header" } else { "running_footer" });
        }
    }
}

/// The shape rules after the phrases: navigation menus, the short link lines above the `title` line;
/// and a footer block — once a footer or toolbar line follows the `last` paragraph, the lines after it
/// that are `short` (1–20 squeezed characters, not a date) go too.
fn menus_and_footers(
    text: &str,
    lines: &[Line],
    kinds: &mut [Option<&'static str>],
    title: usize,
    last: usize,
    short: impl Fn(usize) -> bool,
) {
    for i in 0..title {
        if kinds[i].is_none() && is_menu_line(&text[trim_range(text, lines[i].range())]) {
            kinds[i] = Some("navigation");
        }
    }
    if let Some(f) = (last + 1..lines.len()).find(|&i| matches!(kinds[i], Some("footer" | "toolbar"))) {
        for (i, kind) in kinds.iter_mut().enumerate().skip(f) {
            if kind.is_none() && short(i) {
                *kind = Some("footer");
            }
        }
    }
}

/// The line of the report's title as the menu rule bounds it: the first line that looks like a title,
/// if before the first paragraph; the first paragraph when the title comes later; line 0 when no line
/// looks like one. Lines are squeezed only when their length allows a title (6–80 characters).
fn title_line(text: &str, lines: &[Line], shapes: &[Shape], first: usize) -> usize {
    let title_at = |range: std::ops::Range<usize>| {
        range
            .into_iter()
            .find(|&i| (6..=80).contains(&shapes[i].chars) && looks_like_title(&squeeze(&text[lines[i].range()])))
    };
    match title_at(0..first.min(lines.len())) {
        Some(i) => i,
        None if title_at(first..lines.len()).is_some() => first,
        None => 0,
    }
}

/// Index of the first and last paragraph-like lines.
fn content_bounds(paragraph: &[bool]) -> (usize, usize) {
    let first = paragraph.iter().position(|&p| p).unwrap_or(paragraph.len());
    let last = paragraph.iter().rposition(|&p| p).unwrap_or(paragraph.len());
    (first, last)
}

fn looks_like_title(s: &str) -> bool {
    let n = s.chars().count();
    (6..=80).contains(&n)
        && !s.contains('。')
        && (s.contains("报告") || s.contains("总结") || s.contains("情况") || s.contains("法治"))
}

/// A navigation line: a short label (≤ 8 characters, no punctuation or digits), a row of short labels
/// separated by spaces, or labels separated by `|`.
fn is_menu_line(line: &str) -> bool {
    if line.contains('|') || line.contains('｜') {
        return true;
    }
    let punct = |c: char| "，。,.:：;；、!！?？()（）《》“”\"".contains(c) || c.is_ascii_digit();
    if line.chars().any(punct) {
        return false;
    }
    let tokens: Vec<&str> = line.split(crate::text::is_space).filter(|t| !t.is_empty()).collect();
    match tokens.len() {
        0 => false,
        1 => tokens[0].chars().count() <= 8,
        _ => tokens.iter().all(|t| t.chars().count() <= 8) && line.chars().count() <= 40,
    }
}

fn is_date_line(s: &str) -> bool {
    s.contains('年') && s.ends_with('日') && s.chars().count() <= 14
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    fn kinds(t: &str) -> Vec<Option<&'static str>> {
        classify(t, &lines(t), &crate::normalize::Matchable::new(t))
    }

    /// Scraped `<li>` breadcrumbs arrive as `1. 当前位置:`: drop such a leading list number.
    fn strip_list_number(s: &str) -> &str {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 2 && s[digits..].starts_with('.') && s.len() > digits + 1 {
            &s[digits + 1..]
        } else {
            s
        }
    }

    /// A paragraph-like line: long, with sentence punctuation.
    fn is_para(s: &str) -> bool {
        s.chars().nth(39).is_some() && s.contains([',', '，', '。', '、', ';', '；'])
    }

    /// The rules on each line's squeezed string, as written: what [`classify`] computes from the
    /// squeezed characters.
    fn classify_reference(text: &str, lines: &[Line]) -> Vec<Option<&'static str>> {
        let long = |l: &Line| l.end - l.start > LONGEST_FURNITURE_LINE;
        let squeezed: Vec<std::borrow::Cow<str>> =
            lines.iter().map(|l| if long(l) { "".into() } else { squeeze(&text[l.range()]) }).collect();
        let paragraph: Vec<bool> = lines.iter().zip(&squeezed).map(|(l, s)| long(l) || is_para(s)).collect();
        let (first, last) = content_bounds(&paragraph);
        let mut kinds: Vec<Option<&'static str>> = vec![None; lines.len()];
        let table = phrases();
        for (i, s) in squeezed.iter().enumerate() {
            if s.is_empty() {
                continue;
            }
            let edge = i < first || i > last;
            let s = strip_list_number(s);
            kinds[i] = table
                .iter()
                .enumerate()
                .filter(|(_, p)| p.zone == Zone::Any || edge)
                .find(|(_, p)| match p.rule {
                    Rule::Line => s == p.phrase,
                    Rule::Prefix => s.starts_with(p.phrase),
                    Rule::Contains => s.contains(p.phrase),
                    Rule::Number => false,
                })
                .map(|(_, p)| p.kind);
        }
        let title = squeezed.iter().position(|s| looks_like_title(s)).unwrap_or(0).min(first);
        let short = |i: usize| {
            let s: &str = &squeezed[i];
            !s.is_empty() && s.chars().count() <= 20 && !is_date_line(s)
        };
        menus_and_footers(text, lines, &mut kinds, title, last, short);
        kinds
    }

    /// The classification from the squeezed characters is the rules' on squeezed strings: on mixes of
    /// furniture phrases (spaced out, full-width, Traditional, after a list number), report sentences,
    /// titles, dates, menu labels, blank and long lines, with and without a pinyin gloss (whose texts
    /// are squeezed from their own characters), and on the corpus.
    #[test]
    fn classify_is_the_rules_on_squeezed_strings() {
        let pieces = [
            "\n",
            "\n",
            "\r\n",
            "首页",
            "首 页",
            "首页>",
            "首页＞",
            "当前位置：",
            "1.当前位置:",
            "12.",
            "123.",
            "索引号：",
            "版權所有",
            "版 权 所 有",
            "打印本页",
            "【关闭】",
            "扫一扫",
            "发布日期：",
            "2023年3月1日",
            "关于2022年法治政府建设情况的报告",
            "一、总体情况",
            "依法行政，持续推进法治政府建设。",
            "字号：大 中 小",
            "\u{3000}",
            " ",
            "\t",
            "ＩＣＰ备",
            "ICP备12345号",
            ">",
            "｜",
            "网站地图|联系我们",
            "领导信息",
            "某某县人民政府",
            "２０２３年",
            "領(lǐng)導",
            "𠀀",
            "，",
            "；",
        ];
        let long = "依法行政，推进法治政府建设。".repeat(12);
        for (n, body) in crate::text::random_mixes(&pieces, 3000, 24, 3).into_iter().enumerate() {
            let t = if n % 7 == 0 { format!("{body}\n{long}\n{body}") } else { body };
            let ls = lines(&t);
            assert_eq!(kinds(&t), classify_reference(&t, &ls), "{t:?}");
        }
        for t in crate::text::corpus_texts() {
            let ls = lines(&t);
            assert_eq!(kinds(&t), classify_reference(&t, &ls));
        }
    }

    #[test]
    fn table_is_valid_and_ids_unique() {
        let p = parse(TABLE).unwrap();
        assert!(p.len() > 50);
        let mut ids: Vec<_> = p.iter().map(|p| p.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), p.len(), "duplicate ids in data/furniture.tsv");
    }

    const BODY: &str = "2022年,我县坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,推动法治政府建设取得新进展。";

    #[test]
    fn header_furniture_kinds() {
        let t = format!(
            "首页\n新闻动态\n中国政府网 | 四川省人民政府\n1. 当前位置:\n首页 > 信息公开 > 正文\n关于某县2022年度法治政府建设情况的报告\n索\u{a0}引\u{a0}号 0104/2023-00011\n发布时间: 2023-03-17 15:26\n【字体: 打印\n浏览次数:5072\n{BODY}\n扫一扫用手机打开\nX\n"
        );
        let k = kinds(&t);
        assert_eq!(
            k,
            [
                Some("navigation"),
                Some("navigation"),
                Some("navigation"),
                Some("breadcrumb"),
                Some("breadcrumb"),
                None,
                Some("page_meta"),
                Some("page_meta"),
                Some("toolbar"),
                Some("counter"),
                None,
                Some("toolbar"),
                Some("toolbar"),
            ]
        );
    }

    #[test]
    fn footer_related_and_traditional_kinds() {
        let t = format!(
            "{BODY}\n（此件公开发布）\n解读文章\n上一篇：关于印发某某办法的通知\n版權所有：某市人民政府辦公室\n网站标识码：1234000001 京ICP备12345号\n您是第123456位访客\n联系我们\n"
        );
        assert_eq!(
            kinds(&t),
            [
                None,
                None,
                Some("related"),
                Some("related"),
                Some("footer"),
                Some("footer"),
                Some("counter"),
                Some("footer")
            ]
        );
        let t = format!("當前位置：首頁 > 政務公開\n發布日期：2023-03-17\n{BODY}\n");
        assert_eq!(kinds(&t), [Some("breadcrumb"), Some("page_meta"), None]);
    }

    #[test]
    fn edge_rules_do_not_fire_inside_the_report() {
        let t = format!("{BODY}\n名称和职责清单全面公布\n返回\n{BODY}\n");
        assert_eq!(kinds(&t), [None, None, None, None]);
    }

    #[test]
    fn a_running_head_above_the_title_is_furniture_a_title_repeated_as_head_is_not() {
        let para =
            "2022年，我县坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，推进法治政府建设。";
        let page = |head: &str| format!("\u{c}{head}\n{para}\n{para}\n— 2 —");
        let head = "法治政府建设年度报告";
        let t =
            format!("{head}\n某县关于2022年度法治政府建设情况的报告\n{para}\n— 1 —\n{}\n{}\n", page(head), page(head));
        let k = kinds(&t);
        assert_eq!((k[0], k[1]), (Some("running_header"), None), "{k:?}");
        // The head is the title itself: the first line stays.
        let title = "某县关于2022年度法治政府建设情况的报告";
        let t = format!("{title}\n市人民政府：\n{para}\n— 1 —\n{}\n{}\n", page(title), page(title));
        let k = kinds(&t);
        assert_eq!((k[0], k[1]), (None, None), "{k:?}");
        assert!(k.iter().filter(|k| **k == Some("running_header")).count() >= 2, "{k:?}");
    }

    #[test]
    fn signature_after_the_text_is_kept() {
        let t = format!("{BODY}\n\n某县人民政府\n2023年2月27日\n");
        assert!(kinds(&t).iter().all(Option::is_none));
    }
}
