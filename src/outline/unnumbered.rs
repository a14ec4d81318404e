//! Unnumbered headings beyond the part titles: run-in heads that open sibling paragraphs
//! (`加强统筹谋划。县委、县政府…`), and short lines that head a group of paragraphs in a report whose
//! parts carry no numbers (`坚持高位推动 法治政府建设责任不断强化`).

use crate::text::is_space;

/// Characters that count for a heading's length: CJK ideographs and punctuation (a pinyin gloss
/// `(lǐng)` or a stray Latin letter does not).
fn counts(c: char) -> bool {
    c as u32 >= 0x2e80
}

/// Openings of sentences that state, rather than head: a time, a connective, a pronoun.
const STATEMENT_OPENERS: [&str; 22] = [
    "今年",
    "同时",
    "与此同时",
    "此外",
    "另外",
    "其中",
    "目前",
    "截至",
    "总之",
    "过去",
    "近年来",
    "一年来",
    "为此",
    "因此",
    "但是",
    "我",
    "这",
    "全年",
    "全县",
    "全区",
    "全市",
    "—",
];

/// The run-in head a paragraph opens with, as a byte length of `line` (its first sentence without the
/// `。`): a phrase of 5–24 characters — no figure, quotation or title inside, at most one comma — that
/// ends with `。` and is followed by the paragraph's text.
pub(super) fn lead_head(line: &str) -> Option<usize> {
    let mut n = 0;
    let mut commas = 0;
    for (i, c) in line.char_indices() {
        match c {
            '。' => {
                let rest = line[i + c.len_utf8()..].chars().filter(|&c| counts(c)).take(8).count();
                let opener = crate::meta::starts_with_word(line, &STATEMENT_OPENERS);
                return ((5..=24).contains(&n) && rest >= 8 && !opener).then_some(i);
            }
            '，' | ',' | '、' => commas += 1,
            _ if c.is_ascii_digit() || c.is_ascii_punctuation() && !matches!(c, '(' | ')') => return None,
            '：' | '；' | '！' | '？' | '《' | '“' | '”' | '％' | '（' | '）' => return None,
            '０'..='９' => return None,
            _ => {}
        }
        if commas > 1 {
            return None;
        }
        n += usize::from(counts(c) && !matches!(c, '，' | '、'));
        if n > 24 {
            return None;
        }
    }
    None
}

/// A short line heading a group of paragraphs: 6–30 characters of words and spaces only (no
/// punctuation, figure or Latin letter), between two paragraphs, neither a title nor a body's name.
pub(super) fn group_line(line: &str, prev: &str, next: &str) -> bool {
    // 30 characters of three bytes and a few spaces at most (most lines are paragraphs).
    if line.len() > 100 || line.len() < 18 {
        return false;
    }
    (6..=30).contains(&words_only(line, true))
        && counted(prev, 40) == 40
        && counted(next, 40) == 40
        && !crate::meta::ends_with_word(line, &["政府", "委员会", "办公室", "局", "厅", "部", "委", "办"])
        && !crate::meta::is_title(&crate::normalize::simplify(line))
}

/// A group line of two phrases of four characters or more, set apart by a space or a line break
/// (`坚持高位推动 法治政府建设责任不断强化`): the shape of a heading, also among numbered parts.
pub(super) fn two_phrases(s: &str) -> bool {
    let s = s.trim_matches(is_space);
    let Some(i) = s.find(is_space) else { return false };
    let (first, second) = (&s[..i], s[i..].trim_start_matches(is_space));
    counted(first, 4) == 4 && counted(second, 4) == 4 && !second.contains(is_space)
}

/// The start (byte offset in `prev`) of a heading's first line that the page glued to the end of the
/// paragraph before it (`…取得重要进展和成效。全面贯彻落实党的二十大精神` + the next line): a tail after the
/// last sentence end that would be a group line's first half.
pub(super) fn glued_tail(prev: &str) -> Option<usize> {
    let end = prev.rfind('。')? + '。'.len_utf8();
    (4..=20).contains(&words_only(&prev[end..], false)).then_some(end)
}

/// The counted characters of `s`, up to `cap`.
#[inline(never)]
fn counted(s: &str, cap: usize) -> usize {
    s.chars().filter(|&c| counts(c)).take(cap).count()
}

/// The characters of `s` when it holds only words (no punctuation, figure or Latin letter; spaces where
/// `spaces`), else 0.
#[inline(never)]
fn words_only(s: &str, spaces: bool) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if counts(c) && !is_cjk_punct(c) {
            n += 1;
        } else if !(spaces && is_space(c)) {
            return 0;
        }
    }
    n
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303f | 0xff00..=0xffef | 0x2000..=0x206f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_in_heads() {
        fn head(s: &str) -> Option<&str> {
            lead_head(s).map(|n| &s[..n])
        }
        assert_eq!(head("加强统筹谋划。县委、县政府把法治建设摆在突出位置，定期研究。"), Some("加强统筹谋划"));
        assert_eq!(
            head("健全工作机制，压实各方责任。建立月调度制度，逐项销号推进。"),
            Some("健全工作机制，压实各方责任")
        );
        // Statements, figures, quotations and long sentences are not heads.
        assert_eq!(head("今年共召开专题会议。会议研究了年度立法计划等事项。"), None);
        assert_eq!(head("全年办理案件45件。其中行政复议案件20件，行政诉讼25件。"), None);
        assert_eq!(head("开展“八五”普法。组织各类宣传活动，覆盖全体干部职工。"), None);
        assert_eq!(head("县委常委会会议多次专题研究部署法治政府建设重点工作和任务。会议要求各部门落实。"), None);
        assert_eq!(head("加强统筹谋划。"), None);
        assert_eq!(head("过去一年，我们持续加强自身建设。坚持把政治建设摆在首位。"), None);
        assert_eq!(head("——坚持创新驱动发展。因地制宜发展新质生产力，成效明显。"), None);
        assert_eq!(head("加强领导，明确职责，压实责任。建立月调度制度，逐项销号推进。"), None);
    }

    #[test]
    fn group_lines_and_glued_tails() {
        let para = "坚持把学习宣传贯彻党的二十大精神作为首要政治任务，切实贯彻落实到推进法治政府建设全过程和各方面，取得明显成效。";
        assert!(group_line("坚持高位推动 法治政府建设责任不断强化", para, para));
        assert!(!group_line("某某县人民政府", para, para));
        assert!(!group_line("存在的问题：", para, para));
        assert!(!group_line("坚持高位推动", "短", para));
        assert!(two_phrases("坚持高位推动 法治政府建设责任不断强化"));
        assert!(two_phrases("全面贯彻落实党的二十大精神\n统筹推进法治政府建设高质量发展"));
        assert!(!two_phrases("坚持高位推动法治政府建设"));
        assert!(!two_phrases("一 二 三"));
        let prev = "各项工作取得重要进展和成效。全面贯彻落实党的二十大精神";
        assert_eq!(glued_tail(prev).map(|i| &prev[i..]), Some("全面贯彻落实党的二十大精神"));
        assert_eq!(glued_tail("各项工作取得重要进展和成效。"), None);
        assert_eq!(glued_tail("各项工作取得重要进展，成效明显"), None);
    }
}
