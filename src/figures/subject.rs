//! What a figure counts (`subject`) and the indicator family it belongs to (requirements.md §5).
//!
//! The subject is the noun phrase before the number in its clause, without leading verbs and adverbs
//! (`收到行政复议申请61件` → 行政复议申请, `出庭应诉率达99.66%` → 出庭应诉率); when the clause has only a
//! verb before the number it inherits the subject of the previous figure of the sentence (`受理60件`), and
//! when nothing precedes the number it is the phrase after the unit (`1411个政务服务事项`). The family is
//! that of the nearest keyword of `data/figures/families.tsv` in the subject, else before the figure in
//! its sentence.
//! Must not: give dates a subject or a family, reach across clause punctuation or another figure, or
//! return an empty subject.

use super::data::{tables, Role};
use super::norm::{is_clause_break, is_cn_num, is_digit, is_han, next_mark, prev_mark, Chars};
use super::Cand;
use crate::model::FigureKind;

/// Subject and family id of every candidate.
pub(crate) fn annotate(d: &Chars, cands: &[Cand]) -> Vec<(Option<String>, Option<&'static str>)> {
    let t = tables();
    let mut out: Vec<(Option<String>, Option<&'static str>)> = Vec::with_capacity(cands.len());
    // (subject char range, sentence start) of the previous figure
    let mut prev: Option<(usize, usize, usize, &'static str)> = None;
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    // The sentence whose keyword hits `hits` holds, and where they were looked for so far: hits are
    // needed only up to the figure or its subject, so the rest of a sentence is searched only when
    // a later figure of it needs it (the same hits as a search of the whole sentence).
    let mut hits_range = 0..0;
    let mut hits_upto = 0;
    let mut sent_range = 0..0;
    for (i, f) in cands.iter().enumerate() {
        if f.kind == FigureKind::Date {
            out.push((None, None));
            continue;
        }
        let prev_end = if i > 0 { cands[i - 1].end } else { 0 };
        if !(sent_range.start <= f.start && f.end <= sent_range.end) {
            sent_range = sentence_start(d, f.start)..sentence_end(d, f.end);
        }
        let sent = sent_range.start;
        // Left context.
        let mut a = f.start;
        while a > prev_end && f.start - a < 24 && !is_clause_break(d.c[a - 1]) && !is_digit(d.c[a - 1]) {
            a -= 1;
        }
        let (mut la, mut lb) = (a, f.start);
        strip(d, &mut la, &mut lb);
        let mut subj: Option<(usize, usize)> = None;
        // A bare verb (受理60件) after a figure of the same sentence and unit counts the same thing.
        if let Some((pa, pb, psent, punit)) = prev {
            if psent == sent && punit == f.unit && lb - la <= 2 && f.start - a <= 4 {
                subj = Some((pa, pb));
            }
        }
        // A noun right after a count's measure word is what is counted (1411个政务服务事项).
        // (Not after event measures: 2次听取汇报 names an action, not a noun.)
        let event = matches!(f.unit, "次" | "场" | "场次" | "人次" | "户次" | "家次" | "件次" | "期" | "轮" | "届");
        if subj.is_none() && f.kind == FigureKind::Count && !f.unit.is_empty() && !event {
            subj = noun_after(d, f.end, 1);
        }
        if subj.is_none() && lb - la >= 2 {
            subj = Some((la, lb));
        }
        if subj.is_none() && lb == la && f.start - a >= 2 {
            // Only verbs before the number (同比增长15.6%): they say what the figure measures.
            let (mut ra, mut rb) = (a, f.start);
            while ra < rb && d.c[ra] == ' ' {
                ra += 1;
            }
            while rb > ra && d.c[rb - 1] == ' ' {
                rb -= 1;
            }
            if rb - ra >= 2 {
                subj = Some((ra, rb));
            }
        }
        if subj.is_none() {
            subj = noun_after(d, f.end, 2);
        }
        // Family: a keyword in the subject, else the nearest before the figure in its sentence.
        if hits_range != sent_range {
            hits.clear();
            hits_range = sent_range.clone();
            hits_upto = sent_range.start;
        }
        // Every hit the two filters below can take starts before the figure or the subject's end.
        let need = subj.map_or(f.start, |(_, sb)| sb.max(f.start)).min(sent_range.end);
        if hits_upto < need {
            keyword_hits(d, hits_upto, need, sent_range.end, &mut hits);
            hits_upto = need;
        }
        let mut fam = None;
        if let Some((sa, sb)) = subj {
            fam = hits.iter().filter(|h| h.0 >= sa && h.1 <= sb).max_by_key(|h| (h.1, h.1 - h.0)).map(|h| h.2);
        }
        if fam.is_none() {
            fam = hits.iter().filter(|h| h.1 <= f.start).max_by_key(|h| (h.1, h.1 - h.0)).map(|h| h.2);
        }
        if let Some((sa, sb)) = subj {
            prev = Some((sa, sb, sent, f.unit));
        }
        out.push((subj.map(|(sa, sb)| d.slice(sa, sb).to_string()), fam.map(|k| t.families[k].id)));
    }
    out
}

/// The noun phrase right after a figure, up to a clause break, a number or a stop word (at most 10).
fn noun_after(d: &Chars, e: usize, min: usize) -> Option<(usize, usize)> {
    let t = tables();
    let mut a = e;
    while a < d.len() && d.c[a] == '的' {
        a += 1;
    }
    let mut b = a;
    while b < d.len()
        && b - a < 10
        && is_han(d.c[b])
        && !is_cn_num(d.c[b])
        && t.word_starting(Role::NounStop, d, b, d.len(), 0).is_none()
    {
        b += 1;
    }
    (b - a >= min).then_some((a, b))
}

/// The start of the sentence of character `i`: after the sentence break before it, at most 300
/// characters back.
fn sentence_start(d: &Chars, i: usize) -> usize {
    prev_mark(&d.marks.sentences, i).map_or(0, |k| k + 1).max(i.saturating_sub(300))
}

/// The end of the sentence from character `i`: its sentence break, at most 300 characters on.
fn sentence_end(d: &Chars, i: usize) -> usize {
    next_mark(&d.marks.sentences, i, d.len()).min(i + 300)
}

/// Family keywords starting in `a..to` and ending by `b` as (start, end, family), the longest at each
/// position.
fn keyword_hits(d: &Chars, a: usize, to: usize, b: usize, out: &mut Vec<(usize, usize, usize)>) {
    let t = tables();
    let mut from = a;
    while from < to {
        let mut mask = t.keyword_candidates(&d.c, from, to);
        while mask != 0 {
            let k = from + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if let Some(kw) =
                t.keywords_at(d.c[k]).iter().find(|kw| k + kw.text.len() <= b && d.starts_with_chars(k, &kw.text))
            {
                out.push((k, k + kw.text.len(), kw.family));
            }
        }
        from += 64;
    }
}

/// Drop leading verbs/adverbs and trailing verbs from `a..b`, and what precedes a 的.
fn strip(d: &Chars, a: &mut usize, b: &mut usize) {
    let t = tables();
    while *a < *b && matches!(d.c[*a], ' ' | '-' | '~' | '*') {
        *a += 1;
    }
    while *b > *a && d.c[*b - 1] == ' ' {
        *b -= 1;
    }
    for _ in 0..4 {
        let mut changed = false;
        // A trailing verb, but not the end of a noun (行为, 作为).
        if let Some(n) = t.word_ending(Role::VerbTrail, d, *b).filter(|&n| *b >= *a + n) {
            if !(n == 1 && *b >= 2 && "行作认成因视称所".contains(d.c[*b - 2])) {
                *b -= n;
                changed = true;
            }
        }
        if let Some(n) = t.word_ending(Role::HedgePre, d, *b).filter(|&n| *b >= *a + n) {
            *b -= n;
            changed = true;
        }
        if let Some(n) = t.word_starting(Role::VerbLead, d, *a, *b, 2) {
            *a += n;
            changed = true;
        }
        if !changed {
            break;
        }
    }
    while *b > *a && d.c[*b - 1] == '的' {
        *b -= 1;
    }
    if let Some(p) = (*a..*b).rev().find(|&k| d.c[k] == '的') {
        if *b - (p + 1) >= 2 {
            *a = p + 1;
        }
    }
    while *b > *a && d.c[*b - 1] == ' ' {
        *b -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(s: &str) -> String {
        let d = Chars::new(s);
        let (mut a, mut b) = (0, d.len());
        strip(&d, &mut a, &mut b);
        d.slice(a, b).to_string()
    }

    #[test]
    fn strip_verbs() {
        assert_eq!(stripped("收到行政复议申请"), "行政复议申请");
        assert_eq!(stripped("出庭应诉率达"), "出庭应诉率");
        assert_eq!(stripped("发布率达到 "), "发布率");
        assert_eq!(stripped("纠正不文明祭祀行为"), "纠正不文明祭祀行为");
        assert_eq!(stripped("完成总账款的"), "完成总账款");
    }

    #[test]
    fn nouns_after_measure_words() {
        let d = Chars::new("个政务服务事项,");
        assert_eq!(noun_after(&d, 1, 2).map(|(a, b)| d.slice(a, b)), Some("政务服务事项"));
        let d = Chars::new("个部门均配备");
        assert_eq!(noun_after(&d, 1, 1).map(|(a, b)| d.slice(a, b)), Some("部门"));
        let d = Chars::new("件,受理");
        assert_eq!(noun_after(&d, 1, 1), None);
    }
}
