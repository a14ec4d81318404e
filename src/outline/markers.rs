//! Heading markers: the numbering a heading starts with, as written, including the damaged forms that
//! scraping leaves (`(三` without its `)`, `七)` without its `(`, a lone `)` or `、`, `是` for `一是`).
//!
//! Matching folds full-width forms (（一） reads as (一)); lengths are bytes of the original text.

use crate::normalize::fold_char;
use crate::text::cn_digit;

/// Numbering styles, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// An unnumbered heading a document marks by its style (Word's Heading 1/2).
    Plain,
    /// 第一部分, 第一章
    Chapter,
    /// 一、
    CnDun,
    /// (一)
    CnParen,
    /// 1. 1、 1．
    ArabicDot,
    /// (1) 1)
    ArabicParen,
    /// ① ②
    Circled,
    /// An unnumbered run-in head: a paragraph that opens with a short phrase of its own
    /// (`加强统筹谋划。县委、县政府…`), one of siblings that open the same way; one level below the
    /// heading above. Shown as `plain`.
    Lead,
    /// 一是 二要 (as a paragraph head)
    CnShi,
}

impl Style {
    pub fn id(self) -> &'static str {
        match self {
            Style::Plain | Style::Lead => "plain",
            Style::Chapter => "chapter",
            Style::CnDun => "cn_dun",
            Style::CnParen => "cn_paren",
            Style::ArabicDot => "arabic_dot",
            Style::ArabicParen => "arabic_paren",
            Style::Circled => "circled",
            Style::CnShi => "cn_shi",
        }
    }

    /// The marker for number `n`, written the canonical way.
    pub fn render(self, n: u32) -> String {
        match self {
            Style::Plain | Style::Lead => String::new(),
            Style::Chapter => format!("第{}部分", cn_numeral(n)),
            Style::CnDun => format!("{}、", cn_numeral(n)),
            Style::CnParen => format!("({})", cn_numeral(n)),
            Style::ArabicDot => format!("{n}."),
            Style::ArabicParen => format!("({n})"),
            Style::Circled => char::from_u32(0x2460 + n.clamp(1, 20) - 1).map(String::from).unwrap_or_default(),
            Style::CnShi => format!("{}是", cn_numeral(n)),
        }
    }
}

/// A marker found at the start of a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// The number written, `None` when the numeral itself was lost (`)`, `、`, `是`).
    pub number: Option<u32>,
    /// Bytes of the marker in the original text.
    pub len: usize,
    /// True when a character of the marker was lost (the marker needs repair).
    pub damaged: bool,
}

/// Chinese numeral for 1–99.
pub fn cn_numeral(n: u32) -> String {
    let mut s = String::new();
    push_cn_numeral(&mut s, n);
    s
}

/// [`cn_numeral`] appended to `out` (no allocation when `out` has room).
pub fn push_cn_numeral(out: &mut String, n: u32) {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |k: u32| D[(k % 10) as usize];
    match n {
        0..=9 => out.push_str(d(n)),
        10 => out.push('十'),
        11..=19 => {
            out.push('十');
            out.push_str(d(n));
        }
        _ if n < 100 => {
            out.push_str(d(n / 10));
            out.push('十');
            if !n.is_multiple_of(10) {
                out.push_str(d(n));
            }
        }
        _ => out.push_str(&n.to_string()),
    }
}

/// A Chinese numeral 1–99 at the start of `chars`: (value, chars used).
fn cn_number(chars: &[(usize, char)]) -> Option<(u32, usize)> {
    let c0 = chars.first()?.1;
    let c1 = chars.get(1).map(|x| x.1);
    let c2 = chars.get(2).map(|x| x.1);
    if c0 == '十' {
        return match c1.and_then(cn_digit) {
            Some(d) => Some((10 + d, 2)),
            None => Some((10, 1)),
        };
    }
    let d0 = cn_digit(c0)?;
    if c1 == Some('十') {
        return match c2.and_then(cn_digit) {
            Some(d) => Some((d0 * 10 + d, 3)),
            None => Some((d0 * 10, 2)),
        };
    }
    Some((d0, 1))
}

fn arabic_number(chars: &[(usize, char)]) -> Option<(u32, usize)> {
    let n = chars.iter().take_while(|(_, c)| c.is_ascii_digit()).count();
    if n == 0 || n > 2 {
        return None;
    }
    let v = chars[..n].iter().fold(0, |a, (_, c)| a * 10 + c.to_digit(10).unwrap_or(0));
    Some((v, n))
}

/// The first (at most 12) characters of `s` folded, with their byte offsets, in `buf`.
fn folded<'b>(s: &str, buf: &'b mut [(usize, char); 12]) -> &'b [(usize, char)] {
    let mut n = 0;
    for (slot, (i, c)) in buf.iter_mut().zip(s.char_indices()) {
        *slot = (i, fold_char(c));
        n += 1;
    }
    &buf[..n]
}

fn byte_at(s: &str, chars: &[(usize, char)], k: usize) -> usize {
    chars.get(k).map(|x| x.0).unwrap_or(s.len())
}

/// The marker at the start of `s` (a trimmed line or the text after a sentence end).
/// `damaged_ok` allows the damaged forms; they are only safe at the start of a line.
pub fn parse(s: &str, damaged_ok: bool) -> Option<Marker> {
    // Every marker starts with one of these (most lines start with none: the rest is not folded).
    let c0 = fold_char(s.chars().next()?);
    if !(matches!(c0, '第' | '(' | ')' | '、' | '是' | '十' | '\u{2460}'..='\u{2473}')
        || c0.is_ascii_digit()
        || cn_digit(c0).is_some())
    {
        return None;
    }
    let mut buf = [(0, '\0'); 12];
    let ch = folded(s, &mut buf);
    let c = |k: usize| ch.get(k).map(|x| x.1);
    let at = |k: usize| byte_at(s, ch, k);
    let mk = |style, number, k: usize, damaged| Some(Marker { style, number: Some(number), len: at(k), damaged });

    // 第一部分 / 第一章
    if c(0) == Some('第') {
        if let Some((n, k)) = cn_number(&ch[1..]) {
            let rest = &s[at(1 + k)..];
            for w in ["部分", "章", "节"] {
                if rest.starts_with(w) {
                    return Some(Marker {
                        style: Style::Chapter,
                        number: Some(n),
                        len: at(1 + k) + w.len(),
                        damaged: false,
                    });
                }
            }
        }
        return None;
    }
    // (一) (1) and the damaged (三 / 七) / )
    if c(0) == Some('(') {
        if let Some((n, k)) = cn_number(&ch[1..]) {
            if c(1 + k) == Some(')') {
                return mk(Style::CnParen, n, 2 + k, false);
            }
            // `(三不断…`: the closing bracket lost; the next character must not continue a numeral.
            if damaged_ok
                && c(1 + k).is_some_and(|x| {
                    !matches!(x, '、' | ',' | '是' | '要' | '个' | '项' | '次' | '年' | '月' | '日')
                        && !x.is_ascii_digit()
                })
            {
                return mk(Style::CnParen, n, 1 + k, true);
            }
            return None;
        }
        if let Some((n, k)) = arabic_number(&ch[1..]) {
            if c(1 + k) == Some(')') {
                return mk(Style::ArabicParen, n, 2 + k, false);
            }
        }
        return None;
    }
    if damaged_ok && c(0) == Some(')') && c(1).is_some_and(|x| !x.is_ascii_punctuation() && !crate::text::is_space(x)) {
        return Some(Marker { style: Style::CnParen, number: None, len: at(1), damaged: true });
    }
    if damaged_ok && c(0) == Some('、') && c(1).is_some_and(|x| !x.is_ascii_punctuation()) {
        return Some(Marker { style: Style::CnDun, number: None, len: at(1), damaged: true });
    }
    if damaged_ok
        && c(0) == Some('是')
        && c(1).is_some_and(|x| !matches!(x, '否' | '的' | '指' | '在' | '为' | '因' | '由' | '以' | '非'))
    {
        return Some(Marker { style: Style::CnShi, number: None, len: at(1), damaged: true });
    }
    // ① … ⑳
    if let Some(n) = c(0).map(|x| x as u32).filter(|u| (0x2460..=0x2473).contains(u)).map(|u| u - 0x2460 + 1) {
        return mk(Style::Circled, n, 1, false);
    }
    if let Some((n, k)) = cn_number(ch) {
        return match c(k) {
            Some('、') => mk(Style::CnDun, n, k + 1, false),
            // `一.主要成效`: a Western full stop for the 顿号, common in scraped text.
            Some('.') if c(k + 1).is_some_and(|x| !x.is_ascii_digit() && !crate::text::is_space(x)) => {
                mk(Style::CnDun, n, k + 1, false)
            }
            Some(')') if damaged_ok => mk(Style::CnParen, n, k + 1, true),
            Some('是') if c(k + 1) != Some('否') => mk(Style::CnShi, n, k + 1, false),
            Some('要') if k == 1 && c(k + 1).is_some_and(|x| !matches!(x, '求' | '点' | '素' | '事' | '件')) => {
                mk(Style::CnShi, n, k + 1, false)
            }
            _ => None,
        };
    }
    if let Some((n, k)) = arabic_number(ch) {
        return match c(k) {
            // `1.5亿` is a number, `1.加强` a heading.
            Some('.') if !c(k + 1).is_some_and(|x| x.is_ascii_digit()) => mk(Style::ArabicDot, n, k + 1, false),
            Some('、') => mk(Style::ArabicDot, n, k + 1, false),
            // `1)加强` / `1）加强`: the parenthesised style with only its closing bracket.
            Some(')') if c(k + 1).is_some_and(|x| !x.is_ascii_punctuation()) => mk(Style::ArabicParen, n, k + 1, false),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_are_written_as_reports_write_them() {
        let got: Vec<String> = [0, 1, 9, 10, 11, 19, 20, 21, 30, 99, 100].iter().map(|&n| cn_numeral(n)).collect();
        assert_eq!(got, ["〇", "一", "九", "十", "十一", "十九", "二十", "二十一", "三十", "九十九", "100"]);
        for n in 1..100 {
            let s = cn_numeral(n);
            let chars: Vec<(usize, char)> = s.char_indices().collect();
            assert_eq!(cn_number(&chars), Some((n, chars.len())), "{s}");
        }
    }

    #[track_caller]
    fn check(s: &str, style: Style, number: Option<u32>, marker: &str, damaged: bool) {
        let m = parse(s, true).unwrap_or_else(|| panic!("no marker in {s:?}"));
        assert_eq!((m.style, m.number, &s[..m.len], m.damaged), (style, number, marker, damaged), "{s:?}");
    }

    #[test]
    fn every_style() {
        check("一、总体情况", Style::CnDun, Some(1), "一、", false);
        check("十二、其他", Style::CnDun, Some(12), "十二、", false);
        check("(一)加强领导", Style::CnParen, Some(1), "(一)", false);
        check("（二十一）加强", Style::CnParen, Some(21), "（二十一）", false);
        check("3.加强", Style::ArabicDot, Some(3), "3.", false);
        check("3、加强", Style::ArabicDot, Some(3), "3、", false);
        check("１２．加强", Style::ArabicDot, Some(12), "１２．", false);
        check("(4)规范", Style::ArabicParen, Some(4), "(4)", false);
        check("（4）规范", Style::ArabicParen, Some(4), "（4）", false);
        check("第二部分 成效", Style::Chapter, Some(2), "第二部分", false);
        check("二是强化", Style::CnShi, Some(2), "二是", false);
        check("一要加强", Style::CnShi, Some(1), "一要", false);
        check("一.主要成效", Style::CnDun, Some(1), "一.", false);
        check("2）规范审核", Style::ArabicParen, Some(2), "2）", false);
        check("③严格执法", Style::Circled, Some(3), "③", false);
        check("第二节 措施", Style::Chapter, Some(2), "第二节", false);
    }

    #[test]
    fn damaged_forms() {
        check("(三不断转变政府职能", Style::CnParen, Some(3), "(三", true);
        check("七)科学制定规划", Style::CnParen, Some(7), "七)", true);
        check(")优化法治化营商环境", Style::CnParen, None, ")", true);
        check("、存在的问题", Style::CnDun, None, "、", true);
        check("是加强组织领导", Style::CnShi, None, "是", true);
        assert_eq!(parse("(三不断", false), None);
    }

    #[test]
    fn not_markers() {
        for s in
            ["1.5亿元", "2022年", "是否合法", "一方面", "一要求", "第一责任人", "(2021-2025年)", "三项制度", "123、"]
        {
            assert_eq!(parse(s, true), None, "{s:?}");
        }
    }

    #[test]
    fn numerals_render_back() {
        for n in [1, 9, 10, 11, 19, 20, 21, 99] {
            let s = Style::CnDun.render(n);
            assert_eq!(parse(&format!("{s}x"), false).and_then(|m| m.number), Some(n));
        }
    }
}
