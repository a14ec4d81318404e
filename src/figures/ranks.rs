//! Ranking positions (value = the position, unit `rank`): `第二名`, `排名第一`, `第4;`, `双第一`,
//! `全省前三` and `前十名` (approximate), `升至33位`.
//!
//! Must not: take ordinals that name an event, a batch or a role as ranks (`第三次会议`, `第一批`,
//! `第一阶段`, `第一责任人`, `第一道防线`, `第十“宪法法律宣传月”`), a clause-opening `第一,` (an
//! enumerator), `提前3天` or `前三季度`, or `33位专家` (a count).

use super::data::{tables, Role};
use super::norm::{is_digit, is_han, Chars};
use super::numbers::Num;
use super::traps::clause_start;
use super::Cand;
use crate::model::FigureKind;

/// What a numeral after 第 is.
pub(crate) enum AfterDi {
    Rank(Cand),
    /// An ordinal (第三次会议): not a figure; resume the scan at this index.
    Ordinal(usize),
}

/// True when `c` may follow a rank: punctuation, the end of a line, 的.
fn rank_follow(c: char) -> bool {
    if c == '的' || c == '\n' {
        return true;
    }
    !(is_han(c)
        || is_digit(c)
        || c.is_ascii_alphabetic()
        || matches!(c, '“' | '"' | '《' | '‘' | '(' | '-' | '·' | '.' | '~' | '+' | '%' | '*'))
}

fn rank(start: usize, end: usize, value: f64, approx: bool) -> Cand {
    Cand { start, end, value, unit: "rank", kind: FigureKind::Rank, approx }
}

/// A rank context word ending at `i` (排名, 全省, 位居…); `verbs_only` leaves out regions (全省) and 双.
fn rank_word_before(d: &Chars, i: usize, verbs_only: bool) -> Option<usize> {
    tables().word_ending(Role::RankPre, d, i)?;
    tables()
        .words(Role::RankPre)
        .iter()
        .filter(|w| !verbs_only || !(w[0] == '全' || w[0] == '双' || w[0] == '同'))
        .find(|w| d.ends_with_chars(i, w))
        .map(Vec::len)
}

/// 第N…: `num` starts right after 第; `min_start` is the end of the previous figure.
pub(crate) fn after_di(d: &Chars, num: &Num, min_start: usize) -> AfterDi {
    let di = num.start - 1;
    let j = d.skip_spaces(num.end);
    let c = d.at(j);
    let ctx = rank_context(d, di);
    // A bare 第N after a noun without any ranking word is a motto (安全第一, 保护第一), not a rank.
    let bare_ok = ctx || !is_han(d.back(di, 1));
    let (end, is_rank) = if matches!(c, '名' | '位') && j - num.end <= 1 {
        (j + 1, ctx || d.at(j + 1) != '的')
    } else if rank_follow(d.at(num.end)) && !(clause_start(d, di) && matches!(d.at(num.end), ',' | '、' | ' ' | ':')) {
        (num.end, bare_ok)
    } else {
        (num.end, false)
    };
    if !is_rank {
        return AfterDi::Ordinal(num.end);
    }
    let mut start = di;
    if di >= 2 && d.ends_with(di, "排名") && di - 2 >= min_start {
        start = di - 2;
    } else if di > min_start && d.back(di, 1) == '双' {
        start = di - 1;
    }
    AfterDi::Rank(rank(start, end, num.value, false))
}

/// A ranking word (排名, 居, 全省…) in the clause before `i` (at most 16 characters back).
fn rank_context(d: &Chars, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 16 && !super::norm::is_clause_break(d.c[k - 1]) {
        if rank_word_before(d, k, false).is_some() {
            return true;
        }
        k -= 1;
    }
    false
}

/// 前N as a rank (`全省前三`, `前十名`); `num` starts right after 前.
pub(crate) fn after_qian(d: &Chars, num: &Num, min_start: usize) -> Option<Cand> {
    let q = num.start - 1;
    if q < min_start {
        return None;
    }
    let c = d.at(num.end);
    if matches!(c, '名' | '位' | '强') {
        return Some(rank(q, num.end + 1, num.value, true));
    }
    if rank_follow(c) && rank_word_before(d, q, false).is_some() {
        return Some(rank(q, num.end, num.value, true));
    }
    None
}

/// N位 after a ranking verb (`升至33位`, `居第…`): a rank rather than a count of people.
pub(crate) fn wei_is_rank(d: &Chars, num: &Num) -> bool {
    rank_word_before(d, num.start, true).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::numbers::{arabic, chinese};

    fn di(s: &str) -> Option<(f64, String)> {
        let d = Chars::new(s);
        let i = s.chars().position(|c| c == '第').unwrap() + 1;
        let n = if is_digit(d.at(i)) { arabic(&d, i) } else { chinese(&d, i) };
        match after_di(&d, &n, 0) {
            AfterDi::Rank(c) => Some((c.value, d.slice(c.start, c.end).to_string())),
            AfterDi::Ordinal(_) => None,
        }
    }

    #[test]
    fn di_ranks_and_ordinals() {
        assert_eq!(di("评估第二名。"), Some((2.0, "第二名".into())));
        assert_eq!(di("司法榜排名第一;"), Some((1.0, "排名第一".into())));
        assert_eq!(di("外县市区双第一的佳绩"), Some((1.0, "双第一".into())));
        assert_eq!(di("(略) 第4;"), Some((4.0, "第4".into())));
        assert_eq!(di("(略) 第四。"), Some((4.0, "第四".into())));
        assert_eq!(di("居全国第33位"), Some((33.0, "第33位".into())));
        assert_eq!(di("第三次会议"), None);
        assert_eq!(di("第一批实行"), None);
        assert_eq!(di("落实第一责任人职责"), None);
        assert_eq!(di("第十“宪法法律宣传月”"), None);
        assert_eq!(di("。第一,坚持"), None);
        assert_eq!(di("生态优先、保护第一,实行"), None);
        assert_eq!(di("作为第一位的工作任务"), None);
        assert_eq!(di("连续5年稳居全国第一;"), Some((1.0, "第一".into())));
    }

    #[test]
    fn qian_and_wei() {
        let d = Chars::new("排名全省前三,");
        assert_eq!(after_qian(&d, &chinese(&d, 5), 0).map(|c| c.value), Some(3.0));
        let d = Chars::new("前十名");
        assert!(after_qian(&d, &chinese(&d, 1), 0).is_some_and(|c| c.approx));
        let d = Chars::new("进入全国前50强");
        assert!(after_qian(&d, &arabic(&d, 5), 0).is_some_and(|c| c.value == 50.0));
        let d = Chars::new("前三季度");
        assert!(after_qian(&d, &chinese(&d, 1), 0).is_none());
        let d = Chars::new("升至33位");
        assert!(wei_is_rank(&d, &arabic(&d, 2)));
        let d = Chars::new("全省33位");
        assert!(!wei_is_rank(&d, &arabic(&d, 2)));
    }
}
