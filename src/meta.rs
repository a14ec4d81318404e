//! Metadata: title, issuer, report year, government level, publication and signature dates,
//! addressee line and document kind.

mod issuer;
mod kind;

use std::ops::Range;

use crate::doc::Doc;
use crate::model::{Defect, Level, Meta, Span};
use crate::normalize::{fold_char, simplify, squeeze};

pub use issuer::level_name;

/// How many report lines from the top may hold the title or the addressee.
const HEAD_LINES: usize = 12;

/// The first `n` characters of `s` (one copy for every caller: each inlined character loop cost the
/// analysis module's size).
#[inline(never)]
pub(crate) fn prefix_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// The characters of `s` (one copy, as [`prefix_chars`]).
#[inline(never)]
pub(crate) fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Whether `s` starts with one of `set`. These helpers on character sets are one copy for every caller:
/// the standard string patterns, one per set's size or closure, each copied a searcher into the module.
#[inline(never)]
pub(crate) fn starts_with_any(s: &str, set: &[char]) -> bool {
    s.chars().next().is_some_and(|c| set.contains(&c))
}

/// Whether `s` ends with one of `set`.
#[inline(never)]
pub(crate) fn ends_with_any(s: &str, set: &[char]) -> bool {
    s.chars().next_back().is_some_and(|c| set.contains(&c))
}

/// The byte offset of the first of `set` in `s`.
#[inline(never)]
pub(crate) fn find_any(s: &str, set: &[char]) -> Option<usize> {
    s.char_indices().find(|(_, c)| set.contains(c)).map(|(i, _)| i)
}

/// The byte offset of the last of `set` in `s`.
#[inline(never)]
pub(crate) fn rfind_any(s: &str, set: &[char]) -> Option<usize> {
    s.char_indices().rev().find(|(_, c)| set.contains(c)).map(|(i, _)| i)
}

/// `s` without the characters of `set` (and spaces when `spaces`) at its start.
#[inline(never)]
pub(crate) fn trim_start_any<'a>(s: &'a str, set: &[char], spaces: bool) -> &'a str {
    s.trim_start_matches(|c: char| set.contains(&c) || spaces && crate::text::is_space(c))
}

/// `s` without the characters of `set` (and spaces when `spaces`) at its end.
#[inline(never)]
pub(crate) fn trim_end_any<'a>(s: &'a str, set: &[char], spaces: bool) -> &'a str {
    s.trim_end_matches(|c: char| set.contains(&c) || spaces && crate::text::is_space(c))
}

/// Whether `s` starts with one of `words` (one copy: a loop over a list of words, unrolled, was a
/// comparison per word in the module).
#[inline(never)]
pub(crate) fn starts_with_word(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.starts_with(w))
}

/// Whether `s` ends with one of `words`.
#[inline(never)]
pub(crate) fn ends_with_word(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

/// Whether `s` holds one of `words`.
#[inline(never)]
pub(crate) fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| crate::text::contains(s, w))
}

pub fn extract(doc: &Doc) -> Meta {
    let text = doc.text;
    let content: Vec<(usize, Range<usize>)> = doc.content_lines().collect();
    let head = &content[..content.len().min(HEAD_LINES)];

    let (title, title_span) = match find_title(doc, head) {
        Some((t, span)) => (Some(t), Some(span)),
        None => (page_meta_title(doc), None),
    };
    let simple_title = title.as_deref().map(|t| simplify(t).into_owned());
    let addressee = head.iter().map(|(_, r)| &text[r.clone()]).find(|s| is_addressee(s)).map(str::to_string);
    let opening = opening_paragraph(doc, &content, title_span, addressee.is_some());
    let year = report_year(doc, simple_title.as_deref(), head, opening.as_deref());

    let (signed, signer) = signature(doc, &content);
    let published = published(doc);
    // The names the document gives its issuer, the most telling first: the signature, the title, the
    // opening sentence, the page's 发布机构, and how the text calls itself (我镇). The issuer is given in
    // simplified characters, so that reports of mirror sites compare.
    let mut names: Vec<String> = [
        signer,
        simple_title.as_deref().and_then(issuer::from_title),
        opening.as_deref().and_then(issuer::from_opening).map(|n| issuer::resolve_self(n, doc.matchable.text())),
        publisher(doc),
    ]
    .into_iter()
    .flatten()
    .collect();
    let issuer = names.iter().find_map(|n| issuer::formal(n));
    let mut levels = names.iter().map(|n| issuer::level_of(n, addressee.as_deref()));
    let (level, level_reason) = match levels.find(|(l, _)| *l != Level::Unknown) {
        Some(found) => found,
        // The text's words for itself, counted only when nothing else tells.
        None => {
            names.extend(issuer::self_reference(doc.matchable.text()));
            names.last().map_or((Level::Unknown, None), |n| issuer::level_of(n, addressee.as_deref()))
        }
    };
    let opens_with_year = opening.as_deref().is_some_and(|o| leading_year(o).is_some());
    let (kind, kind_reason) = kind::kind_of(simple_title.as_deref(), doc.matchable.text(), opens_with_year);
    let index_number = index_number(doc);

    Meta {
        title,
        title_span,
        issuer,
        year,
        level,
        level_reason,
        published,
        signed,
        addressee,
        kind,
        kind_reason,
        index_number,
    }
}

/// Problems of form the reviewer should see (a missing title or year).
pub fn form_defects(doc: &Doc, meta: &Meta) -> Vec<Defect> {
    let mut out = Vec::new();
    let at = doc.content_lines().next().map(|(_, r)| r).unwrap_or(0..0);
    match &meta.title {
        None => out.push(Defect {
            kind: "missing_title".into(),
            message: "未找到报告标题".into(),
            span: Span::new(at.start, at.end),
        }),
        Some(t) if first_year(t).is_none() => {
            let s = meta.title_span.unwrap_or(Span::new(at.start, at.end));
            out.push(Defect {
                kind: "title_without_year".into(), message: "标题未写明报告年度".into(), span: s
            });
        }
        _ => {}
    }
    out
}

/// The title among the first report lines: the first line that reads as one (a `【2022年】`-style label
/// kept), two consecutive short lines that do together (a title broken over two lines), a `关于…的报告`
/// line under the body's name that the page took for its header, or a title at the start of a line that
/// runs on into the text (a page without line breaks); a news headline about the report
/// (`3月31日某部发布…`) is not its title; a 范文 site's introduction names it (`为大家整理了…总结，供大家
/// 参考`). `None` rather than a heading or a sentence.
fn find_title(doc: &Doc, head: &[(usize, Range<usize>)]) -> Option<(String, Span)> {
    for k in 0..head.len() {
        let Some(found) = title_at(doc, head, k) else { continue };
        // A page head with the report's short name (`某部2020年…的报告`) over its formal title (`某管理部关于
        // 2020年…的报告`, on one line or two): the formal one is the title.
        if !simplify(&found.0).contains("关于") {
            let formal = (k + 1..head.len().min(k + 3))
                .filter(|&j| head[j].1.start >= found.1.end)
                .find_map(|j| title_at(doc, head, j))
                .filter(|f| simplify(&f.0).contains("关于") && first_year(&f.0) == first_year(&found.0));
            if let Some(formal) = formal {
                return Some(formal);
            }
        }
        return Some(found);
    }
    None
}

/// The title that head line `k` opens, as [`find_title`] reads it.
fn title_at(doc: &Doc, head: &[(usize, Range<usize>)], k: usize) -> Option<(String, Span)> {
    let text = doc.text;
    // A title has at most 80 characters (`is_title`), so at most 320 bytes: longer lines (paragraphs)
    // are not simplified to be looked at.
    let title = |s: &str| s.len() <= 320 && is_title(&simplify(s));
    let short = |s: &str| char_count(s) <= 40;
    let (line, r) = &head[k];
    let whole = &text[r.clone()];
    let start = r.start + label_prefix(whole);
    let first = &text[start..r.end];
    if is_news_headline(first) {
        return None;
    }
    if title(first) {
        // A `关于…` title under the body's name, which the page's furniture took for a header line.
        if let Some(name) = name_line_above(doc, *line).filter(|_| simplify(first).starts_with("关于")) {
            return Some(([&text[name.clone()], first].concat(), Span::new(name.start, r.end)));
        }
        return Some((whole.to_string(), Span::new(r.start, r.end)));
    }
    if let Some((next_line, next)) = head.get(k + 1) {
        let second = &text[next.clone()];
        if next_line - line <= 2 && short(first) && short(second) {
            let opens = simplify(first);
            let joined = [first, second].concat();
            if !ends_with_any(&opens, &['。', '，', ',', ':', '：', '；'])
                && contains_any(&opens, &["关于", "年", "政府", "法治", "依法"])
                && title(&joined)
            {
                return Some(([&whole[..start - r.start], &joined].concat(), Span::new(r.start, next.end)));
            }
        }
    }
    if let Some(t) = introduced_title(first) {
        let at = start + t.start;
        return Some((text[at..start + t.end].to_string(), Span::new(at, start + t.end)));
    }
    if let Some(t) = run_on_title(first).filter(|_| k < 3) {
        let at = start + t.start;
        return Some((text[at..start + t.end].to_string(), Span::new(at, start + t.end)));
    }
    None
}

/// A news headline about a report (`3月31日某部发布关于…的报告`): it opens with a date.
fn is_news_headline(s: &str) -> bool {
    let s = simplify(s);
    let Some(m) = s.find('月') else { return false };
    let (month, rest) = (&s[..m], &s[m + '月'.len_utf8()..]);
    let day = rest.split('日').next().unwrap_or("");
    (1..=2).contains(&month.len())
        && month.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&day.len())
        && day.bytes().all(|b| b.is_ascii_digit())
        && rest.len() > day.len()
}

/// The line above content line `line` (blank lines skipped), when it holds only a body's name
/// (`某乡人民政府`) — also a line the furniture rules took for the page's header.
fn name_line_above(doc: &Doc, line: usize) -> Option<Range<usize>> {
    let above = (0..line).rev().find(|&i| !doc.text[doc.lines[i].range()].trim().is_empty())?;
    let r = crate::text::trim_range(doc.text, doc.lines[above].range());
    let s = squeeze(&doc.text[r.clone()]);
    (char_count(&s) <= 20 && is_body_name(&s)).then_some(r)
}

/// A title opening a line that runs on into the report (`某省人民政府关于…的报告2023年，省政府坚持…`,
/// `某镇 法治政府建设 工作总结 2019 年以来，…`): from the line's start, or after a site's name in Latin
/// letters, to the first 报告/总结/汇报 that does not close the report formula (`报告如下`). Byte range in `s`.
fn run_on_title(s: &str) -> Option<Range<usize>> {
    let window = prefix_chars(s, 120);
    let end = ["报告", "总结", "汇报"]
        .iter()
        .filter_map(|w| crate::text::find(window, w, 0).map(|i| i + w.len()))
        .filter(|&e| !starts_with_any(&s[e..], &['如', '会', '》', '”']))
        .min()?;
    // The text goes on with a new start: a year, a space, or the title again (`…自查报告法治政府…自查报告`).
    let rest = &s[end..];
    let new_start = starts_with_any(rest, &['0', '1', '2', '9', ' ', '\u{3000}']) || repeats(s, end);
    // Back from the end over the characters of a title: ideographs, digits, spaces, brackets, `x`; before
    // it, the line's start or a site's name in Latin letters.
    let start = s[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            let title_char = c as u32 >= 0x3400 && !matches!(c, '。' | '，' | '：' | '；' | '、' | '！' | '？' | '—')
                || c.is_ascii_digit()
                || crate::text::is_space(c)
                || matches!(c, 'x' | 'X' | '(' | ')');
            !title_char
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after_name = start == 0 || s[..start].ends_with(|c: char| c.is_ascii_alphanumeric() || "—-|>]】".contains(c));
    let start = s.len() - trim_start_any(&s[start..], &[], true).len();
    let t = simplify(&s[start..end]);
    (new_start && after_name && is_title(&t) && about_the_law(&t) && !starts_with_any(&t, &['现', '特']))
        .then_some(start..end)
}

/// Whether the text after `end` opens with the same two characters as the title that ends there.
fn repeats(s: &str, end: usize) -> bool {
    let head = prefix_chars(s[..end].trim_start_matches(crate::text::is_space), 2);
    char_count(head) == 2 && s[end..].starts_with(head)
}

/// The title a 范文 site's introduction names: `…为大家整理了X，供大家参考。` Byte range in `s`.
fn introduced_title(s: &str) -> Option<Range<usize>> {
    let at = crate::text::find(s, "为大家整理", 0)? + "为大家整理".len();
    let from = s.len() - trim_start_any(&s[at..], &['了', '的'], false).len();
    let end = find_any(&s[from..], &['，', ',', '。']).map_or(s.len(), |i| from + i);
    let t = simplify(&s[from..end]);
    (is_title(&t) && about_the_law(&t)).then_some(from..end)
}

/// Words that say a title is about the law (法治, 依法, 法制).
fn about_the_law(s: &str) -> bool {
    contains_any(s, &["法治", "依法", "法制"])
}

/// Bytes of a leading label such as `【2022年】` or `[2021年度]` that mirrors put before a title.
fn label_prefix(s: &str) -> usize {
    let Some(open) = s.chars().next().filter(|c| matches!(c, '【' | '[' | '［')) else { return 0 };
    let close = match open {
        '【' => '】',
        '[' => ']',
        _ => '］',
    };
    match s.find(close) {
        Some(i) if char_count(&s[..i]) <= 12 && find_any(&s[..i], &['年', '0', '1', '2', '9']).is_some() => {
            let rest = &s[i + close.len_utf8()..];
            i + close.len_utf8() + (rest.len() - trim_start_any(rest, &[], true).len())
        }
        _ => 0,
    }
}

/// A line that reads as a report title: 6–80 characters ending with 报告/总结/汇报 (or 情况, of a title
/// about the law), a bracketed note allowed after it (（全文）, (乡镇版)); no sentence inside, no page
/// label (`[ 体裁分类 ] 工作报告`), no heading marker (`一、工作情况`).
pub(crate) fn is_title(s: &str) -> bool {
    let n = char_count(s);
    const DIGITS: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    let t = trim_end_any(s, &['。'], true);
    // A 范文 site's numbering of its versions: `…报告 篇1`.
    let t = match trim_end_any(t, &DIGITS, false).strip_suffix('篇') {
        Some(rest) if ends_with_any(t, &DIGITS) => trim_end_any(rest, &[], true),
        _ => t,
    };
    // A trailing note in brackets: （全文）, (2023年3月28日), 【图解】.
    let t = match rfind_any(t, &['（', '(', '【', '[']) {
        Some(i) if ends_with_any(t, &['）', ')', '】', ']']) && char_count(&t[i..]) <= 16 && i > 0 => {
            trim_end_any(&t[..i], &[], true)
        }
        _ => t,
    };
    (6..=80).contains(&n)
        && find_any(t, &['。', '[', ']', '|', '｜']).is_none()
        && !ends_with_any(t, &[':', '：'])
        && crate::outline::markers::parse(t, false).is_none()
        && (t.ends_with("报告")
            || t.ends_with("总结")
            || t.ends_with("汇报")
            || t.ends_with("报告》")
            || t.ends_with("情况") && about_the_law(t))
}

fn page_meta_title(doc: &Doc) -> Option<String> {
    // Only the page's metadata lines are squeezed (every line was, until one was found).
    doc.lines.iter().zip(&doc.furniture).filter(|(_, k)| **k == Some("page_meta")).find_map(|(l, _)| {
        squeeze(&doc.text[l.range()]).strip_prefix("名称").map(|t| t.trim_start_matches(':').to_string())
    })
}

/// The first year 19xx/20xx written with 年 (Arabic, full-width or Chinese numerals; `2019 年` with a
/// space, as text from a PDF has it).
pub fn first_year(s: &str) -> Option<i32> {
    years(s).next().map(|(y, _)| y)
}

/// Every year 19xx/20xx written with 年 in `s`, with the character index after its 年.
fn years(s: &str) -> impl Iterator<Item = (i32, usize)> + '_ {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    (0..chars.len().saturating_sub(3)).filter_map(move |i| {
        let d: Option<Vec<u32>> = chars[i..i + 4].iter().map(|&c| digit_value(c)).collect();
        let y = d?.iter().fold(0, |a, &x| a * 10 + x) as i32;
        let before_ok = i == 0 || digit_value(chars[i - 1]).is_none();
        let mut j = i + 4;
        while chars.get(j) == Some(&' ') && j < i + 6 {
            j += 1;
        }
        ((1990..=2100).contains(&y) && before_ok && chars.get(j) == Some(&'年')).then_some((y, j + 1))
    })
}

/// The year a paragraph opens with (`2022年，`, `2022年度，`, `2019 年以来`), not a date's (`2019年12月`).
/// `s` is matchable text (full-width digits folded).
fn leading_year(s: &str) -> Option<i32> {
    let digits = s.get(..4).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let rest = s[4..].trim_start_matches(' ').strip_prefix('年')?;
    let y: i32 = digits.parse().ok()?;
    let date = rest.starts_with(|c: char| c.is_ascii_digit() || crate::text::cn_digit(c).is_some());
    ((1990..=2100).contains(&y) && !date).then_some(y)
}

/// The report year: the title's; else the year of the report formula (`现将我镇2024年…报告如下`); else
/// the year the opening paragraph starts with; else the first year of a head line about the law,
/// outside titles in 《》 and year ranges (`(2023—2027年)`).
fn report_year(doc: &Doc, title: Option<&str>, head: &[(usize, Range<usize>)], opening: Option<&str>) -> Option<i32> {
    if let Some(y) = title.and_then(first_year) {
        return Some(y);
    }
    // The head lines as the matchable text has them (simplified already).
    let m = &doc.matchable;
    let lines: Vec<&str> =
        head.iter().map(|(_, r)| &m.text()[m.to_normalized(r.start)..m.to_normalized(r.end)]).collect();
    let formula = lines.iter().find_map(|l| {
        let end = crate::text::find(l, "如下", 0)?;
        // The last 现将/现就/现对 before it.
        let mut start = None;
        while let Some(i) = crate::text::find(l, "现", start.map_or(0, |s| s + 1)).filter(|&i| i < end) {
            start = Some(i);
        }
        first_year(&l[start?..end])
    });
    // A line's first 200 characters (a year further into a paragraph says little of the report's).
    formula.or_else(|| opening.and_then(leading_year)).or_else(|| {
        lines.iter().map(|l| prefix_chars(l, 200)).filter(|l| about_the_law(l)).find_map(year_outside_titles)
    })
}

/// The first year of `s` not inside 《…》 and not the end of a range (`2021—2025年`).
fn year_outside_titles(s: &str) -> Option<i32> {
    let mut depth = 0i32;
    let chars: Vec<char> = s.chars().collect();
    let mut titled = vec![false; chars.len() + 1];
    for (k, c) in chars.iter().enumerate() {
        match c {
            '《' => depth += 1,
            '》' => depth = (depth - 1).max(0),
            _ => {}
        }
        titled[k] = depth > 0;
    }
    years(s).find_map(|(y, after)| {
        let start = after.saturating_sub(5);
        let range_end = start > 0 && matches!(chars.get(start - 1), Some('—' | '-' | '－' | '至' | '~'));
        (!titled[start] && !range_end).then_some(y)
    })
}

/// The opening paragraph of the report, as the matchable text has it (simplified, glosses dropped):
/// the first content line of 40 characters or more that is not the addressee, from after the title
/// where the title opens the same line.
fn opening_paragraph(
    doc: &Doc,
    content: &[(usize, Range<usize>)],
    title: Option<Span>,
    has_addressee: bool,
) -> Option<String> {
    let m = &doc.matchable;
    content.iter().take(HEAD_LINES + 4).find_map(|(_, r)| {
        let start = title.filter(|t| r.contains(&t.end) || t.end == r.end).map_or(r.start, |t| t.end.max(r.start));
        let s = &doc.text[start..r.end];
        if char_count(prefix_chars(s, 40)) < 40 || has_addressee && is_addressee(s) {
            return None;
        }
        let normalized = &m.text()[m.to_normalized(start)..m.to_normalized(r.end)];
        Some(normalized.trim_start_matches(crate::text::is_space).to_string())
    })
}

/// The body the page's metadata names as the publisher (`发布机构 某县司法局`, `[ 发布机构 ] 某乡人民政府`):
/// the characters after the label up to the next label or mark.
fn publisher(doc: &Doc) -> Option<String> {
    doc.lines.iter().zip(&doc.furniture).filter(|(_, k)| **k == Some("page_meta")).find_map(|(l, _)| {
        let s = squeeze(&doc.text[l.range()]);
        let at = crate::text::find(&s, "发布机构", 0)? + "发布机构".len();
        let rest = trim_start_any(&s[at..], &[':', '|', ']', '】'], false);
        let mut end = find_any(rest, &[':', '|', '[', '【']).unwrap_or(rest.len());
        for label in ["发布日期", "发布时间", "成文日期", "有效性", "主题分类"] {
            end = crate::text::find(&rest[..end], label, 0).unwrap_or(end);
        }
        let name = &rest[..end];
        (char_count(name) >= 2 && is_body_name(name)).then(|| name.to_string())
    })
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '〇' | '零' | 'O' | 'o' | '○' => Some(0),
        _ => crate::text::cn_digit(c),
    }
}

/// A date written as 2023-02-10, 2023/2/10, 2023.2.10, 2023年2月10日 or 二〇二三年二月十日, as YYYY-MM-DD.
pub fn parse_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let ys: Option<Vec<u32>> = chars[i..i + 4].iter().map(|&c| digit_value(c)).collect();
        let before_ok = i == 0 || digit_value(chars[i - 1]).is_none();
        if let (Some(ys), true) = (ys, before_ok) {
            let year = ys.iter().fold(0, |a, &x| a * 10 + x);
            let mut j = i + 4;
            let sep = chars.get(j).copied();
            if matches!(sep, Some('-' | '/' | '.' | '年')) {
                j += 1;
                let (month, nj) = small_number(&chars, j);
                if let Some(m) = month {
                    j = nj;
                    let sep2 = chars.get(j).copied();
                    let ok_sep = match sep {
                        Some('年') => sep2 == Some('月'),
                        s => sep2 == s,
                    };
                    if ok_sep {
                        let (day, nj) = small_number(&chars, j + 1);
                        let closes = sep != Some('年') || chars.get(nj) == Some(&'日') || chars.get(nj) == Some(&'号');
                        if let (Some(d), true) = (day, closes) {
                            if (1990..=2100).contains(&year) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                                return Some(format!("{year:04}-{m:02}-{d:02}"));
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// A number 1–31 in Arabic digits or Chinese numerals at `chars[at..]`.
fn small_number(chars: &[char], at: usize) -> (Option<u32>, usize) {
    let mut j = at;
    let digits: String = chars[j.min(chars.len())..].iter().take_while(|c| c.is_ascii_digit()).take(2).collect();
    if !digits.is_empty() {
        j += digits.chars().count();
        return (digits.parse().ok(), j);
    }
    let mut value = 0;
    let mut seen = false;
    while let Some(&c) = chars.get(j) {
        match c {
            '十' => {
                value = if value == 0 { 10 } else { value * 10 };
            }
            _ => match digit_value(c) {
                Some(d) if c != 'O' && c != 'o' => {
                    value = if value >= 10 && value % 10 == 0 { value + d } else { value * 10 + d };
                }
                _ => break,
            },
        }
        seen = true;
        j += 1;
    }
    (seen.then_some(value), j)
}

/// The page's publication date: a labelled date on a furniture line (发布日期 2023-03-17), or on a short
/// line above the report's first paragraph that names its source or date (`2023-03-28 来源：某区政府`).
fn published(doc: &Doc) -> Option<String> {
    let labelled = |s: &str| {
        ["发布日期", "发布时间", "时间:", "日期:", "发布:"]
            .iter()
            .find_map(|lab| s.find(lab).map(|i| s[i + lab.len()..].to_string()))
    };
    let from_furniture =
        doc.lines.iter().zip(&doc.furniture).find_map(|(l, k)| {
            k.and_then(|_| labelled(&squeeze(&doc.text[l.range()]))).and_then(|rest| parse_date(&rest))
        });
    from_furniture.or_else(|| {
        doc.content_lines()
            .take_while(|(_, r)| r.len() < 300)
            .take(12)
            .map(|(_, r)| squeeze(&doc.text[r]))
            .filter(|s| s.chars().count() <= 60 && contains_any(s, &["来源", "发布", "时间", "日期", "浏览", "字号"]))
            .find_map(|s| parse_date(&labelled(&s).unwrap_or_else(|| s.into_owned())))
    })
}

fn index_number(doc: &Doc) -> Option<String> {
    // Only page furniture carries it (checked first: squeezing every line is a tenth of the analysis).
    doc.lines.iter().zip(&doc.furniture).filter(|(_, k)| k.is_some()).find_map(|(l, _)| {
        let s = squeeze(&doc.text[l.range()]);
        let rest = s.strip_prefix("索引号")?.trim_start_matches(':');
        let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || "-/_.".contains(*c)).collect();
        (!id.is_empty()).then_some(id)
    })
}

/// The signature date in the closing lines, and the signing body on the line before it.
fn signature(doc: &Doc, content: &[(usize, std::ops::Range<usize>)]) -> (Option<String>, Option<String>) {
    let tail = &content[content.len().saturating_sub(5)..];
    for (k, (_, r)) in tail.iter().enumerate().rev() {
        let s = squeeze(&doc.text[r.clone()]);
        if s.chars().count() <= 16 && s.ends_with('日') {
            if let Some(date) = parse_date(&s) {
                // One signing body, or two (中共某县委 / 某县人民政府) on the lines above the date.
                let names: Vec<String> = tail[..k]
                    .iter()
                    .rev()
                    .take(2)
                    .map(|(_, r)| squeeze(&doc.text[r.clone()]).into_owned())
                    .take_while(|s| s.chars().count() <= 30 && is_body_name(s))
                    .collect();
                let signer = (!names.is_empty()).then(|| names.into_iter().rev().collect::<Vec<_>>().join("、"));
                return (Some(date), signer);
            }
        }
    }
    (None, None)
}

const BODY_ENDINGS: [&str; 15] = [
    "人民政府",
    "政府",
    "办事处",
    "委员会",
    "办公室",
    "管委会",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "署",
    "部",
    "中心",
    "领导小组",
];

fn is_body_name(s: &str) -> bool {
    find_any(s, &['。', ',', '，']).is_none() && ends_with_word(s, &BODY_ENDINGS)
}

fn is_addressee(s: &str) -> bool {
    let n = char_count(s);
    (4..=60).contains(&n)
        && ends_with_any(trim_end_any(s, &[], true), &[':', '：'])
        && !s.contains('。')
        && contains_any(s, &["委", "政府", "人大", "办公室", "局", "厅"])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocKind;

    #[test]
    fn dates_in_every_written_form() {
        assert_eq!(parse_date("发布时间:2023-03-17 15:26").as_deref(), Some("2023-03-17"));
        assert_eq!(parse_date("2023年2月27日").as_deref(), Some("2023-02-27"));
        assert_eq!(parse_date("２０２３年３月１０日").as_deref(), Some("2023-03-10"));
        assert_eq!(parse_date("二〇二三年二月二十七日").as_deref(), Some("2023-02-27"));
        assert_eq!(parse_date("2023/2/7").as_deref(), Some("2023-02-07"));
        assert_eq!(parse_date("2023年2月"), None);
        assert_eq!(parse_date("2023-13-01"), None);
    }

    #[test]
    fn years_from_titles() {
        assert_eq!(first_year("克州2021年法治政府建设工作总结"), Some(2021));
        assert_eq!(first_year("关于二〇二〇年法治政府建设情况的报告"), Some(2020));
        assert_eq!(first_year("12345年"), None);
    }

    #[track_caller]
    fn meta(t: &str) -> Meta {
        extract(&Doc::new(t))
    }

    const BODY: &str =
        "2022年,我县坚持以习近平新时代中国特色社会主义思想为指导,推动法治政府建设取得新进展,现报告如下。";

    #[test]
    fn years_written_with_a_space_or_in_a_formula() {
        assert_eq!(first_year("某镇 法治政府建设 工作总结 2019 年以来"), Some(2019));
        assert_eq!(leading_year("2022年度，某县坚持依法行政"), Some(2022));
        assert_eq!(leading_year("2019年12月3日星期二"), None);
        assert_eq!(year_outside_titles("按照《某某纲要(2023—2027年)》要求"), None);
        assert_eq!(year_outside_titles("按照《2021年工作要点》，2022年依法行政"), Some(2022));
        // The report formula's year, over a year the opening paragraph mentions first.
        let m = meta("在新区党工委的领导下，我镇在2023年工作基础上稳步提升法治政府建设。现将我镇2024年法治政府建设情况报告如下。\n一、压实责任\n");
        assert_eq!(m.year, Some(2024));
    }

    #[test]
    fn issuers_from_titles_openings_and_page_metadata() {
        let m = meta(&format!("某某部2020年法治政府建设年度报告\n{BODY}"));
        assert_eq!((m.issuer.as_deref(), m.level), (Some("某某部"), Level::Department));
        assert_eq!(m.level_reason.as_deref(), Some("某某部 → 部门（“部”）"));
        let m = meta(&format!("2020年某某区法治政府建设情况报告\n{BODY}"));
        assert_eq!((m.issuer.as_deref(), m.level), (Some("某某区人民政府"), Level::County));
        let m =
            meta("2021年，某某部坚持以习近平法治思想为指导，扎实推进法治政府建设，法治政府建设各项工作取得新成效。\n");
        assert_eq!((m.title.as_deref(), m.issuer.as_deref(), m.level), (None, Some("某某部"), Level::Department));
        assert_eq!(m.kind, DocKind::AnnualReport);
        assert!(m.kind_reason.as_deref().is_some_and(|r| r.contains("页面未见标题")), "{:?}", m.kind_reason);
        let m = meta("2022年，自治区坚持以习近平新时代中国特色社会主义思想为指导，推动法治政府建设取得新进展。现将有关情况报告如下：\n");
        assert_eq!((m.issuer, m.level), (None, Level::Province));
        let m = meta(&format!(
            "[ 发布机构 ] 某某县某某乡人民政府 [ 有效性 ]\n法治政府建设情况\n{}",
            BODY.replace("我县", "")
        ));
        assert_eq!(m.issuer.as_deref(), Some("某某县某某乡人民政府"));
        assert_eq!(m.level, Level::Township);
        let m = meta(
            "县委、县政府：\n在县委的领导下，我镇持续深化法治政府建设，依法行政水平不断提升，现将有关情况报告如下。\n",
        );
        assert_eq!((m.issuer, m.level), (None, Level::Township));
        assert_eq!(m.level_reason.as_deref(), Some("我镇 → 乡镇（“镇”）"));
    }

    #[test]
    fn titles_split_labelled_or_joint() {
        let body = BODY;
        let m = meta(&format!("榆树市人民政府关于2022年度\n法治政府建设情况的报告\n{body}"));
        assert_eq!(m.title.as_deref(), Some("榆树市人民政府关于2022年度法治政府建设情况的报告"));
        assert_eq!(m.title_span.map(|s| s.start), Some(0));
        let m = meta(&format!("【2022年】某县法治政府建设年度报告\n{body}"));
        assert_eq!(m.title.as_deref(), Some("【2022年】某县法治政府建设年度报告"));
        assert_eq!(m.issuer.as_deref(), Some("某县人民政府"));
        let m = meta(&format!("中共某县委 某县人民政府关于二〇二〇年法治政府建设情况的报告\n{body}"));
        assert_eq!(m.issuer.as_deref(), Some("中共某县委、某县人民政府"));
        assert_eq!((m.year, m.level), (Some(2020), Level::County));
        let m = meta(&format!("某市司法局2022年法治政府建设年度报告\n{body}\n某市司法局\n2023年2月10日\n"));
        assert_eq!(
            (m.issuer.as_deref(), m.level, m.signed.as_deref()),
            (Some("某市司法局"), Level::Department, Some("2023-02-10"))
        );
        let m = meta(&format!("{body}\n中共某镇委员会\n某镇人民政府\n2023年3月1日\n"));
        assert_eq!(m.issuer.as_deref(), Some("中共某镇委员会、某镇人民政府"));
        assert_eq!(m.level, Level::Township);
        let m = meta(&format!("某縣2022年法治政府建設情況報告\n{body}"));
        assert_eq!(
            (m.title.as_deref(), m.issuer.as_deref()),
            (Some("某縣2022年法治政府建設情況報告"), Some("某县人民政府"))
        );
        let m = meta(body);
        assert_eq!((m.title, m.year), (None, Some(2022)));
        let m = meta(&format!("某区2022年法治政府建设年度报告（全文）\n2023-03-28 10:00 来源：某区司法局\n{body}"));
        assert_eq!(m.title.as_deref(), Some("某区2022年法治政府建设年度报告（全文）"));
        assert_eq!(m.published.as_deref(), Some("2023-03-28"));
    }

    #[test]
    fn titles_where_pages_put_them_or_none() {
        // Under the body's name, which the page took for its header.
        let m = meta(&format!("某某乡人民政府\n关于法治政府建设的情况报告\n{BODY}"));
        assert_eq!(m.title.as_deref(), Some("某某乡人民政府关于法治政府建设的情况报告"));
        // Run on into the text, after a site's name.
        let m = meta("某某网www.example.com某某省人民政府关于2023年度法治政府建设情况的报告2023年，省政府坚持依法行政，推动法治政府建设取得新成效。");
        assert_eq!(m.title.as_deref(), Some("某某省人民政府关于2023年度法治政府建设情况的报告"));
        assert_eq!(m.level, Level::Province);
        let m = meta("某镇 法治政府建设 工作总结 2019 年以来,我镇始终坚持依法行政,推动法治政府建设取得明显成效,现将一年来的工作情况总结如下:");
        assert_eq!((m.title.as_deref(), m.year), (Some("某镇 法治政府建设 工作总结"), Some(2019)));
        // A 范文 site's introduction.
        let m = meta(&format!("今天小编为大家整理了县2018年度依法行政工作总结，供大家阅读参考。\n{BODY}"));
        assert_eq!(m.title.as_deref(), Some("县2018年度依法行政工作总结"));
        // A news headline about the report is not its title; a heading or a page label is no title.
        let m = meta(&format!("3月31日某某部发布关于2020年法治政府建设工作情况的报告\n{BODY}"));
        assert_eq!(m.title, None);
        // A page head with the short name over the formal `关于` title (split over two lines): the formal one.
        let m =
            meta(&format!("某某部2020年法治政府建设情况的报告\n某某管理部关于\n2020年法治政府建设情况的报告\n{BODY}"));
        assert_eq!(m.title.as_deref(), Some("某某管理部关于2020年法治政府建设情况的报告"));
        assert_eq!(m.issuer.as_deref(), Some("某某管理部"));
        // Another year's formal title below is not this report's title.
        let m = meta(&format!("某某部2020年法治政府建设情况的报告\n某某部关于2019年法治政府建设情况的报告\n{BODY}"));
        assert_eq!(m.title.as_deref(), Some("某某部2020年法治政府建设情况的报告"));
        let m = meta(&format!("一、2022年工作情况\n{BODY}"));
        assert_eq!(m.title, None);
        let m = meta(&format!("[ 主题分类 ] 司法 [ 体裁分类 ] 工作报告\n{BODY}"));
        assert_eq!(m.title, None);
        // The report formula is no title, nor a sentence that opens with a name and a title's words.
        let m = meta("2022年，某县推进法治政府建设，现将2022年法治政府建设情况报告如下：一、主要举措");
        assert_eq!(m.title, None);
        let m = meta("县司法局作为我县法治政府建设工作总结报告的起草单位，撰写了报告，形成本报告，经过多次研究讨论。");
        assert_eq!(m.title, None);
        let m = meta("法治政府建设年度自查报告法治政府建设年度自查报告依据考评指标，我镇进行了自查自评，现报告如下：");
        assert_eq!(m.title.as_deref(), Some("法治政府建设年度自查报告"));
    }
}
