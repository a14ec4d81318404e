//! What follows a numeral: the hedges 余/多, the scale characters (万, 亿, 百万…), a skipped 大, the unit
//! of `data/figures/units.tsv` (longest match), and a bound after the unit (以上, 左右).
//!
//! Matches: `1500余人次`, `3.5万余人次`, `580余万元`, `5个工作日`, `26 件` (spaces before a unit),
//! `五大类`, `98%以上`, `96项(含带★45项)以上` (approximate, the text stops at 项), `500亿千瓦时`.
//! Must not: take 千 of `5千瓦` as a scale, take 多 as a hedge when no unit or scale follows (`3多元`),
//! take a unit flagged Arabic-only after a Chinese numeral (`十分`, `一起`), or take 内/以内 as a hedge.

use super::data::{tables, Role, Unit};
use super::norm::Chars;
use super::numbers::scale_of;

/// The measure after a numeral.
pub(crate) struct Measure {
    /// End of the measure (after the unit and any bound), or the numeral's end when nothing follows.
    pub end: usize,
    pub scale: f64,
    pub approx: bool,
    pub unit: Option<&'static Unit>,
}

/// The unit starting at `j`, if any (`cn`: the numeral is Chinese).
pub(crate) fn unit_at(d: &Chars, j: usize, cn: bool) -> Option<&'static Unit> {
    let c = d.at(j);
    tables().units_at(c).iter().find(|u| (!cn || u.cn) && d.starts_with_chars(j, &u.text))
}

/// Parse the measure after a numeral ending at `from`.
pub(crate) fn measure(d: &Chars, from: usize, arabic: bool) -> Measure {
    let plain = Measure { end: from, scale: 1.0, approx: false, unit: None };
    let mut m = parse(d, from, arabic);
    if m.unit.is_none() && m.scale == 1.0 && !m.approx {
        // Spaces between a number and its unit (`26 件`), only when a unit follows them.
        let j = d.skip_spaces(from);
        if j > from && j - from <= 2 {
            let m2 = parse(d, j, arabic);
            if m2.unit.is_some() {
                m = m2;
            } else {
                return plain;
            }
        } else if m.end == from {
            return plain;
        }
    }
    m
}

fn hedge_char(d: &Chars, j: usize, arabic: bool) -> bool {
    match d.at(j) {
        '余' => true,
        '多' => {
            let n = d.at(j + 1);
            (arabic && scale_of(n).is_some()) || unit_at(d, j + 1, !arabic).is_some()
        }
        _ => false,
    }
}

fn parse(d: &Chars, from: usize, arabic: bool) -> Measure {
    let mut j = from;
    let mut approx = false;
    let mut scale = 1.0;
    if hedge_char(d, j, arabic) {
        approx = true;
        j += 1;
    }
    if arabic {
        while let Some(s) = scale_of(d.at(j)) {
            if unit_at(d, j, false).is_some() {
                break;
            }
            scale *= s;
            j += 1;
        }
        if scale > 1.0 && hedge_char(d, j, arabic) {
            approx = true;
            j += 1;
        }
    }
    let mut unit = unit_at(d, j, !arabic);
    if unit.is_none() && d.at(j) == '大' {
        if let Some(u) = unit_at(d, j + 1, !arabic) {
            unit = Some(u);
            j += 1;
        }
    }
    if let Some(u) = unit {
        j += u.text.len();
        // A bound right after the unit joins the figure; one after a parenthesis only marks it.
        if let Some(w) = bound_at(d, j) {
            approx = true;
            j += w;
        } else if d.at(j) == '(' {
            let mut k = j + 1;
            while k < j + 24 && !matches!(d.at(k), ')' | '\n' | '(' | '。') {
                k += 1;
            }
            if d.at(k) == ')' && bound_at(d, k + 1).is_some() {
                approx = true;
            }
        }
    }
    Measure { end: j, scale, approx, unit }
}

/// Length of a bound word (以上, 左右…) starting at `j`.
pub(crate) fn bound_at(d: &Chars, j: usize) -> Option<usize> {
    tables().words(Role::BoundPost).iter().find(|w| d.starts_with_chars(j, w)).map(Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str, arabic: bool) -> (usize, f64, bool, Option<&'static str>) {
        let d = Chars::new(s);
        let r = measure(&d, 0, arabic);
        (r.end, r.scale, r.approx, r.unit.map(|u| u.canonical))
    }

    #[test]
    fn units_and_scales() {
        assert_eq!(m("余人次", true), (3, 1.0, true, Some("人次")));
        assert_eq!(m("万余人次", true), (4, 1e4, true, Some("人次")));
        assert_eq!(m("余万元", true), (3, 1e4, true, Some("元")));
        assert_eq!(m("个工作日内", true), (4, 1.0, false, Some("工作日")));
        assert_eq!(m(" 件", true), (2, 1.0, false, Some("件")));
        assert_eq!(m("大类", false), (2, 1.0, false, Some("类")));
        assert_eq!(m("%以上", true), (3, 1.0, true, Some("%")));
        assert_eq!(m("项(含带★45项)以上", true), (1, 1.0, true, Some("项")));
        assert_eq!(m("亿千瓦时", true), (4, 1e8, false, Some("千瓦时")));
        assert_eq!(m("千瓦", true), (2, 1.0, false, Some("千瓦")));
        assert_eq!(m("多样化", true), (0, 1.0, false, None));
        assert_eq!(m("多元", true), (2, 1.0, true, Some("元")));
        assert_eq!(m("分重要", false), (0, 1.0, false, None));
        assert_eq!(m("萬元", true), (2, 1e4, false, Some("元")));
        assert_eq!(m("場次", true), (2, 1.0, false, Some("场次")));
        assert_eq!(m(" 正在", true), (0, 1.0, false, None));
    }
}
