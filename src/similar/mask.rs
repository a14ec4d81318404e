//! The text as compared: one token per character of the body, from the normalized view
//! ([`crate::normalize::Matchable`]: Traditional characters simplified, full-width forms folded, pinyin
//! glosses removed), letters lower-cased, punctuation, spaces and page furniture left out, and masked:
//!
//! - the unit's own names ([`super::names`]) and a template's blanks (`x镇`, `XX县`, `某某乡`): one [`NAME`];
//! - numbers: a run of Arabic digits, whatever punctuation separates them (`2021-2025`, `1,234.5`), with
//!   the multipliers after it (`1.5万`); two Chinese numerals or more (`二〇二三`, `十九`); a lone `x`
//!   word (`共有x名`): one [`NUM`].
//!
//! So `2022年X镇` and `2023年甲镇` (in 甲镇's report) read alike. Every token keeps the byte span of
//! what it stands for in the original text (a masked run: from its first character to its last).

use crate::doc::Doc;

/// A masked number.
pub const NUM: u16 = 0xE000;
/// A masked unit name or a template's blank.
pub const NAME: u16 = 0xE001;

/// The tokens of a text and, for each, its byte span in the original text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Masked {
    pub tokens: Vec<u16>,
    pub spans: Vec<(u32, u32)>,
}

/// A character of the body: as matched (lower case), and its byte span in the original text.
type Raw = (char, u32, u32);

/// The masked body of a document: every character outside furniture lines that is a letter or a
/// digit, masked with `names` (each a unit name as [`super::names::of`] gives it).
pub fn mask(doc: &Doc, names: &[String]) -> Masked {
    let furniture: Vec<(usize, usize)> =
        doc.lines.iter().zip(&doc.furniture).filter(|(_, k)| k.is_some()).map(|(l, _)| (l.start, l.end)).collect();
    masked(doc.text, &doc.matchable, &furniture, names)
}

/// [`mask`] of a text taken whole (no furniture left out): a span of a report masked on its own.
pub fn mask_text(text: &str, names: &[String]) -> Masked {
    masked(text, &crate::normalize::Matchable::new(text), &[], names)
}

/// The letters and digits of `m` (the normalized view of `text`) outside the `furniture` byte ranges
/// (sorted), masked.
fn masked(text: &str, m: &crate::normalize::Matchable, furniture: &[(usize, usize)], names: &[String]) -> Masked {
    let mut raw = Vec::with_capacity(text.len() / 3 + 1);
    let mut f = 0;
    for (i, c) in m.text().char_indices() {
        if !is_letter_or_digit(c) {
            continue;
        }
        let start = m.to_original(i);
        while f < furniture.len() && furniture[f].1 <= start {
            f += 1;
        }
        if f < furniture.len() && furniture[f].0 <= start {
            continue;
        }
        let len = text[start..].chars().next().map_or(1, char::len_utf8);
        raw.push((lower(c), start as u32, (start + len) as u32));
    }
    apply(&raw, &names_chars(names))
}

/// The masked tokens of a short string (a formula of the lexicon, a test's expectation): simplified and
/// folded as the normalized view is, no furniture, masked with `names`.
pub fn mask_str(s: &str, names: &[String]) -> Vec<u16> {
    let simplified = crate::normalize::simplify(s);
    let raw: Vec<Raw> = simplified
        .char_indices()
        .filter(|&(_, c)| is_letter_or_digit(c))
        .map(|(i, c)| (lower(c), i as u32, i as u32 + 1))
        .collect();
    apply(&raw, &names_chars(names)).tokens
}

fn names_chars(names: &[String]) -> Vec<Vec<char>> {
    let mut v: Vec<Vec<char>> =
        names.iter().map(|n| n.chars().map(lower).collect()).filter(|n: &Vec<char>| !n.is_empty()).collect();
    crate::order::sort_by_key(&mut v, |n| u64::MAX - n.len() as u64);
    v
}

/// Letters and digits count; punctuation, symbols and spaces do not. CJK ideographs without a table
/// lookup.
#[inline]
fn is_letter_or_digit(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | 'a'..='z' | '0'..='9' | 'A'..='Z') || (!c.is_ascii() && c.is_alphanumeric())
}

#[inline]
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Characters that end a place name after a template's blank (`x镇`, `某某县`).
fn is_level(c: char) -> bool {
    matches!(c, '省' | '市' | '区' | '县' | '州' | '盟' | '旗' | '镇' | '乡' | '村' | '街')
}

/// Chinese numerals (a run of two or more is a number), and those a run may start with.
fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

fn starts_cn_number(c: char) -> bool {
    is_cn_numeral(c) && !matches!(c, '百' | '千' | '万' | '亿')
}

/// The token of an unmasked character: itself in the BMP (the private-use area, where the masks are,
/// holds no letters or digits), characters beyond it folded into the private-use area (two rare
/// characters may then read alike: harmless).
#[inline]
fn encode(c: char) -> u16 {
    let u = c as u32;
    if u < 0x10000 {
        u as u16
    } else {
        (0xE100 + u % 0x1700) as u16
    }
}

fn apply(raw: &[Raw], names: &[Vec<char>]) -> Masked {
    let mut out = Masked { tokens: Vec::with_capacity(raw.len()), spans: Vec::with_capacity(raw.len()) };
    let mut push = |token: u16, from: &Raw, to: &Raw| {
        out.tokens.push(token);
        out.spans.push((from.1, to.2));
    };
    let ch = |i: usize| raw.get(i).map(|r| r.0);
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i].0;
        if let Some(n) = names.iter().find(|n| {
            n[0] == c && raw.len() - i >= n.len() && raw[i..i + n.len()].iter().zip(n.iter()).all(|(r, &c)| r.0 == c)
        }) {
            push(NAME, &raw[i], &raw[i + n.len() - 1]);
            i += n.len();
            continue;
        }
        // A blank: `x`, `xx` as a word, or `某某`, before a level (`x镇`), or alone (`x名`: a number).
        let word_start = i == 0 || !ch(i - 1).is_some_and(|p| p.is_ascii_alphabetic());
        if c == 'x' && word_start {
            let run = raw[i..].iter().take_while(|r| r.0 == 'x').count();
            let after = ch(i + run);
            if run <= 4 && !after.is_some_and(|a| a.is_ascii_alphabetic()) {
                if after.is_some_and(is_level) {
                    push(NAME, &raw[i], &raw[i + run]);
                    i += run + 1;
                } else {
                    push(NUM, &raw[i], &raw[i + run - 1]);
                    i += run;
                }
                continue;
            }
        }
        if c == '某' && ch(i + 1) == Some('某') && ch(i + 2).is_some_and(is_level) {
            push(NAME, &raw[i], &raw[i + 2]);
            i += 3;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while ch(j).is_some_and(|d| d.is_ascii_digit()) {
                j += 1;
            }
            while ch(j).is_some_and(|d| matches!(d, '十' | '百' | '千' | '万' | '亿')) {
                j += 1;
            }
            push(NUM, &raw[i], &raw[j - 1]);
            i = j;
            continue;
        }
        if starts_cn_number(c) && ch(i + 1).is_some_and(is_cn_numeral) {
            let run = raw[i..].iter().take_while(|r| is_cn_numeral(r.0)).count();
            push(NUM, &raw[i], &raw[i + run - 1]);
            i += run;
            continue;
        }
        push(encode(c), &raw[i], &raw[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masked tokens as a string: `#` for a number, `@` for a name.
    fn shown(tokens: &[u16]) -> String {
        tokens
            .iter()
            .map(|&t| match t {
                NUM => '#',
                NAME => '@',
                t => char::from_u32(u32::from(t)).unwrap_or('?'),
            })
            .collect()
    }

    #[track_caller]
    fn assert_masked(text: &str, names: &[&str], want: &str) {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        assert_eq!(shown(&mask_str(text, &names)), want, "{text}");
    }

    #[test]
    fn punctuation_and_spaces_are_left_out_and_letters_folded() {
        assert_masked("深入学习贯彻习近平法治思想，  “四个意识”", &[], "深入学习贯彻习近平法治思想四个意识");
        assert_masked("ＡＢ行政 Law", &[], "ab行政law");
        assert_masked("法治政府建設年度報告", &[], "法治政府建设年度报告");
    }

    #[test]
    fn numbers_and_years_are_masked() {
        assert_masked("2022年，全年培训1500余人次", &[], "#年全年培训#余人次");
        assert_masked("《纲要（2021-2025年）》", &[], "纲要#年");
        assert_masked("增长1.5万元，占12.3%", &[], "增长#元占#");
        assert_masked("二〇二三年 十九届四中全会 统一", &[], "#年#届四中全会统一");
        assert_masked("２０２２年", &[], "#年");
    }

    #[test]
    fn own_names_and_blanks_are_masked() {
        let names = ["静海区", "天津市", "静海", "天津"];
        assert_masked("天津市静海区坚持，静海全区", &names, "@@坚持@全区");
        assert_masked("x镇持续规范", &[], "@持续规范");
        assert_masked("XX镇坚持", &[], "@坚持");
        assert_masked("某某县人民政府", &[], "@人民政府");
        assert_masked("共有x名人员", &[], "共有#名人员");
        assert_masked("xml格式", &[], "xml格式");
        // Another unit's name is not masked: copying it is copying.
        assert_masked("大河乡坚持", &names, "大河乡坚持");
    }

    #[test]
    fn furniture_is_left_out_and_spans_point_into_the_original() {
        let text = "首页 > 信息公开 > 正文\n領(lǐng)導小組，２０２２年\n加强A镇建设\n";
        let doc = Doc::new(text);
        let m = mask(&doc, &["a镇".to_string()]);
        assert_eq!(shown(&m.tokens), "领导小组#年加强@建设");
        let pieces: Vec<&str> = m.spans.iter().map(|&(a, b)| &text[a as usize..b as usize]).collect();
        assert_eq!(pieces, ["領", "導", "小", "組", "２０２２", "年", "加", "强", "A镇", "建", "设"]);
    }
}
