//! Places of the memo: a short quote of the text with its span, and the section it lies in.

use super::facts::Facts;
use super::Place;
use crate::model::Span;

/// Longest quote, in characters.
pub const QUOTE_CHARS: usize = 40;
/// A quote cut at a clause mark keeps at least this many characters.
const MIN_CUT: usize = 12;

fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '。' | '、')
}

/// A range without the sentence-end mark it ends with (the memo's own punctuation follows the quote).
fn drop_end_mark(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    match crate::text::char_before(text, r.end) {
        Some(c @ ('。' | '；' | ';' | '，' | ',' | '：' | ':')) if r.end - c.len_utf8() > r.start => {
            r.start..r.end - c.len_utf8()
        }
        _ => r,
    }
}

/// The first line of `range`, trimmed, at most [`QUOTE_CHARS`] characters: cut before the last clause
/// mark that keeps [`MIN_CUT`] characters, else at the limit; no closing mark.
pub fn quote_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let r = crate::text::trim_range(text, range);
    let line_end = text[r.clone()].find(['\n', '\r']).map_or(r.end, |k| r.start + k);
    let r = crate::text::trim_range(text, r.start..line_end);
    let s = &text[r.clone()];
    let Some((limit, _)) = s.char_indices().nth(QUOTE_CHARS) else { return drop_end_mark(text, r) };
    let mut cut = None;
    for (n, (i, c)) in s[..limit].char_indices().enumerate() {
        if n >= MIN_CUT && is_clause_mark(c) {
            cut = Some(i);
        }
    }
    r.start..r.start + cut.unwrap_or(limit)
}

/// A place quoting the start of `span` (see [`quote_range`]); `None` if the span is not one of the text.
pub fn place(f: &Facts, span: Span) -> Option<Place> {
    f.slice(span)?;
    let r = quote_range(f.text, span.range());
    if r.is_empty() {
        return None;
    }
    Some(Place {
        section: f.section_label(r.start),
        quote: f.text[r.clone()].to_string(),
        span: Span::new(r.start, r.end),
    })
}

/// A place quoting the clause around `hit` (a match inside `sentence`): from the clause mark before it
/// to the one after, at most [`QUOTE_CHARS`] characters around the match.
pub fn place_around(f: &Facts, sentence: std::ops::Range<usize>, hit: std::ops::Range<usize>) -> Option<Place> {
    let text = f.text;
    text.get(sentence.clone())?;
    text.get(hit.clone())?;
    // A list's 、 stays inside the clause (`事中、事后监管`).
    let bound = |c: char| (is_clause_mark(c) && c != '、') || c == '\n';
    let before = &text[sentence.start..hit.start];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| bound(c))
        .map_or(sentence.start, |(i, c)| sentence.start + i + c.len_utf8());
    let after = &text[hit.end..sentence.end];
    let end = after.char_indices().find(|&(_, c)| bound(c)).map_or(sentence.end, |(i, _)| hit.end + i);
    let mut r = drop_end_mark(text, crate::text::trim_range(text, start..end));
    // Too long: keep the match with what fits around it.
    if text[r.clone()].chars().count() > QUOTE_CHARS {
        let room = QUOTE_CHARS.saturating_sub(text[hit.clone()].chars().count()) / 2;
        let s = text[r.start..hit.start]
            .char_indices()
            .rev()
            .nth(room.saturating_sub(1))
            .map_or(r.start, |(i, _)| r.start + i);
        let e = text[hit.end..r.end].char_indices().nth(room).map_or(r.end, |(i, _)| hit.end + i);
        r = s.max(r.start)..e.min(r.end);
    }
    if r.is_empty() {
        return None;
    }
    Some(Place {
        section: f.section_label(r.start),
        quote: text[r.clone()].to_string(),
        span: Span::new(r.start, r.end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_short_single_lines_cut_at_a_clause() {
        let t = "  一是部分行政机关对建设法治政府的重要性认识不够,从而影响法治政府建设工作的推进,需要在今后工作中加以改进。\n第二行";
        let r = quote_range(t, 0..t.len());
        let q = &t[r.clone()];
        assert!(q.chars().count() <= QUOTE_CHARS, "{q}");
        assert!(q.starts_with("一是") && !q.ends_with(','), "{q}");
        assert!(!q.contains('\n'));
        let short = "三、存在的问题";
        assert_eq!(&short[quote_range(short, 0..short.len())], short);
        let none = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙";
        assert_eq!(none[quote_range(none, 0..none.len())].chars().count(), QUOTE_CHARS);
    }
}
