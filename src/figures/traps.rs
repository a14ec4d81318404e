//! Numbers that are not figures.
//!
//! Matches (and so drops): anything inside a `《…》` title, also when the `《` or the `》` was lost
//! (`制定印发2021年海南区普法宣传工作要点》`); document and index numbers (`〔2021〕30号`, `〔202130号`,
//! `01047834X/2023-00011`); telephone hotlines (`12345`, `12345政务热线`, `热线12345`); list markers
//! (`1.`, `1、`, `(1)` at the start of a clause); slogans, names and idioms of `data/figures/traps.tsv`;
//! short “quoted” slogans starting with a Chinese numeral (`“四个意识”`); parallel patterns (`一次一评`,
//! `十户一组`, `三级四同`); vague quantities (`数十家`, `上百人`, `十几个`); page counters (`浏览:5072次`).
//! Must not: drop a count that merely follows a title (`10个《民法典》动漫视频`), a count after a comma
//! followed by 、 inside a sentence (`行政调解758、涉及`), or a number after a closed title.

use std::ops::Range;

use super::data::{tables, Role};
use super::norm::{is_cn_num, is_han, Chars};
use super::numbers::Num;

/// Title ranges (character indices, sorted, disjoint).
pub(crate) fn title_ranges(d: &Chars) -> Vec<Range<usize>> {
    let c = &d.c;
    let n = c.len();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    let clause_end = |from: usize| -> usize {
        let mut k = from;
        while k < n && k < from + 40 && !matches!(c[k], '\n' | '。' | ';') {
            k += 1;
        }
        k
    };
    // Only 《, 》 and line breaks matter: found by their marks (a match per character was 4% of an
    // analysis).
    let mut i = 0;
    loop {
        i = super::norm::next_mark(&d.marks.titles, i, n);
        if i >= n {
            break;
        }
        match c[i] {
            '《' => {
                if open.is_none() {
                    open = Some(i);
                }
                depth += 1;
            }
            '》' => {
                if let Some(o) = open {
                    depth -= 1;
                    if depth == 0 {
                        out.push(o..i + 1);
                        open = None;
                    }
                } else {
                    // The opening 《 was lost: the title runs back to the previous break.
                    let floor = out.last().map_or(0, |r| r.end).max(i.saturating_sub(40));
                    let mut k = i;
                    while k > floor
                        && !matches!(
                            c[k - 1],
                            '\n' | '。' | ';' | ',' | ':' | '、' | '》' | '“' | '”' | '!' | '?' | ' ' | '(' | ')'
                        )
                    {
                        k -= 1;
                    }
                    out.push(k..i + 1);
                }
            }
            '\n' => {
                if let Some(o) = open {
                    // A 《 never closed on its line: the title runs to the end of its clause.
                    out.push(o..clause_end(o + 1));
                    open = None;
                    depth = 0;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(o) = open {
        out.push(o..clause_end(o + 1));
    }
    crate::order::sort_by_key(&mut out, |r| r.start as u64);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// True when `i` starts a clause: only spaces since a line start or a clause-ending mark.
pub(crate) fn clause_start(d: &Chars, i: usize) -> bool {
    matches!(d.prev_non_space(i), '\n' | '。' | ';' | ':' | '!' | '?' | ',' | ')' | '”')
}

/// `1.` `1、` `1)` opening a clause, or `(1)` anywhere.
pub(crate) fn is_enumerator(d: &Chars, num: &Num) -> bool {
    let next = d.at(num.end);
    let prev = d.back(num.start, 1);
    if prev == '(' && next == ')' {
        return true;
    }
    !num.has_point && matches!(next, '.' | '、' | ')') && clause_start(d, num.start)
}

/// The end of a trap of `data/figures/traps.tsv` covering any of `s..e`.
pub(crate) fn table_trap(d: &Chars, s: usize, e: usize) -> Option<usize> {
    let t = tables();
    for p in s..e.min(d.len()) {
        for &(ti, k) in t.traps_with(d.c[p]) {
            let text = &t.traps[ti].text;
            if p >= k && d.starts_with_chars(p - k, text) {
                return Some(p - k + text.len());
            }
        }
    }
    None
}

/// Inside a short “quoted” phrase (a slogan or a name): `“四个意识”`, `“一个中心,四个强市”`.
pub(crate) fn in_short_quote(d: &Chars, s: usize, e: usize) -> bool {
    let mut k = s;
    let mut open = false;
    while k > 0 && s - k < 12 {
        match d.c[k - 1] {
            '“' | '「' => {
                open = true;
                break;
            }
            '”' | '」' | '\n' | '。' => return false,
            _ => k -= 1,
        }
    }
    if !open {
        return false;
    }
    let mut j = e;
    while j < d.len() && j - e < 12 {
        match d.c[j] {
            '”' | '」' => return true,
            '“' | '「' | '\n' | '。' => return false,
            _ => j += 1,
        }
    }
    false
}

/// A parallel pattern around a Chinese numeral `s..e` whose unit ends at `ue`: `一次一评`, `十户一组`,
/// `三级四同`, `三番五次`.
pub(crate) fn parallel(d: &Chars, s: usize, e: usize, ue: usize) -> bool {
    let han = |c: char| is_han(c) && !is_cn_num(c);
    let before = (is_cn_num(d.back(s, 2)) && han(d.back(s, 1)))
        || (is_cn_num(d.back(s, 3)) && han(d.back(s, 2)) && han(d.back(s, 1)));
    let after = (ue > e && is_cn_num(d.at(ue)) && ue - e <= 2)
        || (ue - e == 1 && han(d.at(ue)) && is_cn_num(d.at(ue + 1)) && d.at(ue + 1) != '十');
    before || after
}

/// A telephone number: a bare 123xx/110-style number, or a number next to 热线/电话.
pub(crate) fn is_hotline(d: &Chars, num: &Num) -> bool {
    let Some(v) = num.int() else { return false };
    if (num.int_digits == 5 && v / 100 == 123) || (num.int_digits == 3 && matches!(v, 110 | 114 | 119 | 120 | 122)) {
        return true;
    }
    let t = tables();
    let words = t.words(Role::HotlineCtx);
    let mut i = num.start;
    while i > 0 && matches!(d.c[i - 1], ' ' | ':') && num.start - i < 3 {
        i -= 1;
    }
    if t.word_ending(Role::HotlineCtx, d, i).is_some() {
        return true;
    }
    (num.end..num.end + 6).any(|j| words.iter().any(|w| d.starts_with_chars(j, w)))
}

/// A page counter or page metadata label right before `s` (`浏览:5072次`, `阅读量: 12`).
pub(crate) fn furniture_before(d: &Chars, s: usize) -> bool {
    let t = tables();
    let mut i = s;
    while i > 0 && s - i < 5 && matches!(d.c[i - 1], ' ' | ':' | '量' | '数' | '次') {
        if t.word_ending(Role::Furniture, d, i).is_some() {
            return true;
        }
        i -= 1;
    }
    t.word_ending(Role::Furniture, d, i).is_some()
}

/// An identifier label right before `s` (国道318, 编号2023).
pub(crate) fn ident_before(d: &Chars, s: usize) -> bool {
    let mut i = s;
    while i > 0 && s - i < 2 && matches!(d.c[i - 1], ' ' | ':') {
        i -= 1;
    }
    tables().word_ending(Role::IdentPre, d, i).is_some()
}

/// A vague quantity: 数十, 上百, 几十, 十几, 成千上万 (成 only before a multiplier: `组成三个组` counts).
pub(crate) fn is_vague(d: &Chars, num: &Num) -> bool {
    if d.at(num.end) == '几' {
        return true;
    }
    let multiplier = matches!(d.at(num.start), '百' | '千' | '万');
    tables().word_ending(Role::VaguePre, d, num.start).is_some() && (d.back(num.start, 1) != '成' || multiplier)
}

/// Whether one of `words` starts at `i` (one copy: a loop over a list of words, unrolled, was a
/// comparison per word in the module).
#[inline(never)]
pub(crate) fn word_at(d: &Chars, i: usize, words: &[&str]) -> bool {
    words.iter().any(|w| d.starts_with(i, w))
}

/// Whether one of `words` ends at `i`.
#[inline(never)]
pub(crate) fn word_before(d: &Chars, i: usize, words: &[&str]) -> bool {
    words.iter().any(|w| d.ends_with(i, w))
}

/// The last words of a document's name (`工作要点`, `实施方案`): a name that opens with a year is a title
/// even without 《》 (`2023年普法依法治理工作要点`, `“2024年新开办学校…划分方案”`).
const DOCUMENT_WORDS: [&str; 12] =
    ["要点", "方案", "规划", "纲要", "意见", "办法", "细则", "条例", "目录", "名录", "规定", "决定"];

/// A document's name that starts with the year at `s` and runs, without punctuation (brackets
/// allowed), to one of [`DOCUMENT_WORDS`] that its clause does not go on after: its end.
pub(crate) fn named_document(d: &Chars, s: usize) -> Option<usize> {
    if d.at(s + 4) != '年' {
        return None;
    }
    let mut j = s;
    while j < d.len() && j - s < 30 {
        let c = d.at(j);
        if !(is_han(c) || c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | '—')) {
            return None;
        }
        j += 1;
        // The name ends where the sentence goes on: a mark, a quote's end, or a particle.
        let after = d.at(j);
        let closes =
            matches!(after, '、' | ',' | '。' | ';' | '”' | '’' | '》' | '"' | ')') || "的等中和及与".contains(after);
        // The words' last characters first (a name is a few characters long, its ending one of these).
        let last = matches!(c, '点' | '案' | '划' | '要' | '见' | '法' | '则' | '例' | '录' | '定');
        if last && closes && j - s >= 6 && word_before(d, j, &DOCUMENT_WORDS) {
            return Some(j);
        }
    }
    None
}

/// A page's label around a number: a 范文 site's version (`篇1`) or its excerpt note (`已省略650字`,
/// `仅展示628字`, `全文共2002字`). Its end.
pub(crate) fn page_label(d: &Chars, num: &Num) -> Option<usize> {
    if d.back(num.start, 1) == '篇' {
        return Some(num.end);
    }
    if d.at(num.end) != '字' {
        return None;
    }
    let labelled = word_before(d, num.start, &["省略", "展示", "全文共", "全文"]);
    labelled.then_some(num.end + 1)
}

/// A bare number in a cell of a table row of rates (`占比 | 49.66% | 0 | 2.64%`): a percentage whose `%`
/// the table left out.
pub(crate) fn in_rate_row(d: &Chars, num: &Num) -> bool {
    let bar = |c: char| c == '|';
    if !bar(d.at(d.skip_spaces(num.end))) || !bar(d.prev_non_space(num.start)) {
        return false;
    }
    // The `%` and `|` of the row (its line, up to 400 characters each side).
    let (mut percents, mut bars) = (0, 0);
    for k in num.start.saturating_sub(400)..(num.end + 400).min(d.len()) {
        match d.c[k] {
            '\n' if k < num.start => (percents, bars) = (0, 0),
            '\n' => break,
            '%' => percents += 1,
            '|' => bars += 1,
            _ => {}
        }
    }
    percents >= 2 && bars >= 3
}

/// `十一届三次、四次、五次全会`: the numeral at `s..e` (with 次 up to `ue`) is one of a list of sessions
/// (`N次、`) that ends with 全会/会议 and follows a 届 — ordinals, not counts.
pub(crate) fn session_list(d: &Chars, s: usize, ue: usize) -> bool {
    // Over the list's items (`、四次`…) to the meeting, and back to the 届 before the first.
    let item = |c: char| c == '、' || c == '次' || is_cn_num(c);
    let mut j = ue;
    while j < ue + 12 && item(d.at(j)) {
        j += 1;
    }
    let mut i = s;
    while i > 0 && s - i < 12 && item(d.c[i - 1]) {
        i -= 1;
    }
    word_at(d, j, &["会议", "全会", "全体会议", "代表大会"]) && (i.saturating_sub(10)..i).any(|k| d.c[k] == '届')
}

/// 〔2021〕30号, [2021]、【2021】 and the glued 〔202130号: inside or after a document-number bracket.
pub(crate) fn in_docno(d: &Chars, num: &Num) -> bool {
    let prev = d.back(num.start, 1);
    // `【2022年】`: a year's label, not a number's bracket.
    if matches!(prev, '〔' | '[' | '【' | '﹝') && !(num.int_digits == 4 && d.at(num.end) == '年') {
        return true;
    }
    matches!(prev, '〕' | ']' | '】' | '﹞') && d.at(num.end) == '号'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::numbers::arabic;

    fn titles(s: &str) -> Vec<String> {
        let d = Chars::new(s);
        title_ranges(&d).into_iter().map(|r| d.slice(r.start, r.end).to_string()).collect()
    }

    #[test]
    fn titles_closed_and_lost() {
        assert_eq!(titles("落实《纲要(2021-2025年)》精神"), ["《纲要(2021-2025年)》"]);
        assert_eq!(
            titles("一是制定印发2021年海南区普法宣传工作要点》《清单》"),
            ["一是制定印发2021年海南区普法宣传工作要点》《清单》"]
        );
        assert_eq!(titles("共10个,印发2021年要点》"), ["印发2021年要点》"]);
        assert_eq!(titles("《自治区<纲要2020—2025>方案》"), ["《自治区<纲要2020—2025>方案》"]);
        assert_eq!(titles("学习《民法典\n2022年"), ["《民法典"]);
    }

    #[test]
    fn enumerators_hotlines_docnos() {
        let d = Chars::new("。1.构建");
        assert!(is_enumerator(&d, &arabic(&d, 1)));
        let d = Chars::new("行政调解758、涉及");
        assert!(!is_enumerator(&d, &arabic(&d, 4)));
        let d = Chars::new("(3)");
        assert!(is_enumerator(&d, &arabic(&d, 1)));
        let d = Chars::new("热线12345。");
        assert!(is_hotline(&d, &arabic(&d, 2)));
        let d = Chars::new("办结12345政务热线");
        assert!(is_hotline(&d, &arabic(&d, 2)));
        let d = Chars::new("〔202130号");
        assert!(in_docno(&d, &arabic(&d, 1)));
        let d = Chars::new("〔2021〕30号");
        assert!(in_docno(&d, &arabic(&d, 6)));
    }

    #[test]
    fn slogans_quotes_parallels() {
        let d = Chars::new("实行“三项制度”");
        assert!(table_trap(&d, 3, 5).is_some());
        let d = Chars::new("增强“四个意识”");
        assert!(in_short_quote(&d, 3, 4));
        let d = Chars::new("“一次一评”");
        assert!(parallel(&d, 1, 2, 3));
        let d = Chars::new("十户一组");
        assert!(parallel(&d, 0, 1, 2));
        let d = Chars::new("分两阶段推进");
        assert!(!parallel(&d, 1, 2, 4));
        let d = Chars::new("浏览:5072次");
        assert!(furniture_before(&d, 3));
    }

    #[test]
    fn names_labels_tables_sessions() {
        let d = Chars::new("纳入2023年普法依法治理工作要点、学习内容");
        assert_eq!(named_document(&d, 2), Some(17));
        let d = Chars::new("“2024年新开办学校服务区(对口小学)划分方案”的决策");
        assert!(named_document(&d, 1).is_some());
        let d = Chars::new("2023年法治政府建设工作要点落实情况");
        assert_eq!(named_document(&d, 0), None);
        let d = Chars::new("2023年,我县制定工作要点");
        assert_eq!(named_document(&d, 0), None);
        // A page's own title, run on into the next words, is no reference to a document.
        let d = Chars::new("2023年工作方案2023年度");
        assert_eq!(named_document(&d, 0), None);
        let d = Chars::new("报告 篇2");
        assert_eq!(page_label(&d, &arabic(&d, 4)), Some(5));
        let d = Chars::new("(开头部分已省略650字)");
        assert_eq!(page_label(&d, &arabic(&d, 8)), Some(12));
        let d = Chars::new("办理案件650件");
        assert_eq!(page_label(&d, &arabic(&d, 4)), None);
        let d = Chars::new("占比  | 49.66%  | 0  | 2.64%  |\n数量  | 75件  | 0  | 4件  |");
        assert!(in_rate_row(&d, &arabic(&d, 16)));
        let k = d.c.iter().rposition(|&c| c == '0').unwrap();
        assert!(!in_rate_row(&d, &arabic(&d, k)));
        let d = Chars::new("省委十一届三次、四次、五次全会精神");
        assert!(session_list(&d, 8, 10));
        assert!(session_list(&d, 5, 7));
        let d = Chars::new("召开四次、五次专题会议");
        assert!(!session_list(&d, 5, 7));
    }
}
