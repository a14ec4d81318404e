//! Page furniture: the lines a scraped government web page adds around the report (breadcrumbs,
//! 索引号 tables, 字号/打印/分享 toolbars, reading counters, 解读文章 links, site footers).
//!
//! Furniture stays in the text (offsets never change) but is excluded from sections, figures and
//! scoring. Phrases live in `data/furniture.tsv`; the navigation-menu rule (short link lines above
//! the title) is code, since it is about shape rather than words.

use std::sync::OnceLock;

use crate::literals::Literals;
use crate::normalize::squeeze;
use crate::text::{trim_range, Line};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Any,
    Edge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Line,
    Prefix,
    Contains,
}

#[derive(Debug, Clone)]
pub struct Phrase {
    pub id: &'static str,
    pub kind: &'static str,
    pub zone: Zone,
    pub rule: Rule,
    pub phrase: &'static str,
}

const TABLE: &str = include_str!("../data/furniture.tsv");

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
            z => return Err(format!("line {}: unknown zone {z:?}", n + 1)),
        };
        let rule = match rule {
            "line" => Rule::Line,
            "prefix" => Rule::Prefix,
            "contains" => Rule::Contains,
            r => return Err(format!("line {}: unknown rule {r:?}", n + 1)),
        };
        if id.is_empty() || kind.is_empty() || phrase.is_empty() || squeeze(phrase) != phrase {
            return Err(format!("line {}: empty field, or a phrase that is not in squeezed form", n + 1));
        }
        out.push(Phrase { id, kind, zone, rule, phrase });
    }
    Ok(out)
}

/// Every phrase in one literal set (pattern `k` is phrase `k`): a line is matched against all of them
/// in one pass (a `line` phrase is a match at 0 as long as the line, a `prefix` one a match at 0).
fn matcher() -> &'static Literals {
    static CELL: OnceLock<Literals> = OnceLock::new();
    CELL.get_or_init(|| Literals::new(&phrases().iter().map(|p| p.phrase.to_string()).collect::<Vec<_>>()))
}

/// Lines longer than this (bytes) are report paragraphs, never furniture: they skip the phrase tests.
const LONGEST_FURNITURE_LINE: usize = 450;

/// Kind of furniture of each line (`None` for report text).
pub fn classify(text: &str, lines: &[Line]) -> Vec<Option<&'static str>> {
    // Long lines stay unsqueezed (empty here); they are paragraphs.
    let long = |l: &Line| l.end - l.start > LONGEST_FURNITURE_LINE;
    let squeezed: Vec<std::borrow::Cow<str>> =
        lines.iter().map(|l| if long(l) { "".into() } else { squeeze(&text[l.range()]) }).collect();
    let paragraph: Vec<bool> = lines.iter().zip(&squeezed).map(|(l, s)| long(l) || is_para(s)).collect();
    let (first, last) = content_bounds(&paragraph);
    let mut kinds: Vec<Option<&'static str>> = vec![None; lines.len()];
    let (table, matcher) = (phrases(), matcher());
    for (i, s) in squeezed.iter().enumerate() {
        if s.is_empty() {
            continue;
        }
        let edge = i < first || i > last;
        let s = strip_list_number(s);
        // The first phrase of the table that the line satisfies, found in one pass over the line.
        let mut first_phrase = usize::MAX;
        matcher.for_each_match(s, |k, at| {
            let p = &table[k];
            let holds = match p.rule {
                Rule::Line => at == 0 && p.phrase.len() == s.len(),
                Rule::Prefix => at == 0,
                Rule::Contains => true,
            };
            if k < first_phrase && holds && (p.zone == Zone::Any || edge) {
                first_phrase = k;
            }
        });
        kinds[i] = table.get(first_phrase).map(|p| p.kind);
    }
    // Navigation menus: the short link lines above the title.
    let title = squeezed.iter().position(|s| looks_like_title(s)).unwrap_or(0).min(first);
    for i in 0..title {
        if kinds[i].is_none() && is_menu_line(&text[trim_range(text, lines[i].range())]) {
            kinds[i] = Some("navigation");
        }
    }
    // A footer block: once a footer/toolbar line follows the last paragraph, short lines after it go too.
    if let Some(f) = (last + 1..lines.len()).find(|&i| matches!(kinds[i], Some("footer" | "toolbar"))) {
        for i in f..lines.len() {
            if kinds[i].is_none()
                && !squeezed[i].is_empty()
                && squeezed[i].chars().count() <= 20
                && !is_date_line(&squeezed[i])
            {
                kinds[i] = Some("footer");
            }
        }
    }
    kinds
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
        classify(t, &lines(t))
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
    fn signature_after_the_text_is_kept() {
        let t = format!("{BODY}\n\n某县人民政府\n2023年2月27日\n");
        assert!(kinds(&t).iter().all(Option::is_none));
    }
}
