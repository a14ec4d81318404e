//! Calendar references, valued YYYYMMDD with unknown parts 0.
//!
//! Matches: years `2021年` (`2022年度`, `2022年底`), `2022年7月`, `2023年2月27日`, `2022年五月`,
//! `二〇二二年`, `2月6日`, `1月份`, `11月底`, `8月下旬`, `2021年1-12月` (the whole year), ISO dates
//! `2023-02-10`, `2023/2/10`, `2023.2.10` with an optional clock time (`2022-03-05 19:00`), year ranges
//! `2021-2025年`, and event-name dates `12·4`, `“6.5”`.
//! Must not: take `3个月` or `13月` as a date, a bare `2022` without 年 as a year, `6.5` outside quotes as
//! a date, or `2023-00011` (an index number) as anything.

use super::norm::{is_cn_num, is_digit, Chars};
use super::numbers::{arabic, chinese, Num};
use super::Cand;
use crate::model::FigureKind;

fn date(start: usize, end: usize, y: u32, m: u32, day: u32) -> Cand {
    Cand { start, end, value: (y * 10000 + m * 100 + day) as f64, unit: "date", kind: FigureKind::Date, approx: false }
}

pub(crate) fn is_year(v: u32) -> bool {
    (1900..=2100).contains(&v)
}

/// A small integer (month, day) at `j`, Arabic (1-2 digits) or Chinese; returns (value, end).
fn small_at(d: &Chars, j: usize) -> Option<(u32, usize)> {
    let c = d.at(j);
    if is_digit(c) {
        let n = arabic(d, j);
        if n.has_point || n.int_digits > 2 {
            return None;
        }
        return n.int().map(|v| (v, n.end));
    }
    if is_cn_num(c) {
        let n = chinese(d, j);
        if n.positional || n.int_digits > 3 {
            return None;
        }
        return n.int().map(|v| (v, n.end));
    }
    None
}

/// A clock time ` 19:00` or ` 19:00:05` right at `j`; returns its end.
fn clock_after(d: &Chars, j: usize) -> Option<usize> {
    let k = d.skip_spaces(j);
    if k - j > 3 {
        return None;
    }
    let h = arabic(d, k);
    if !is_digit(d.at(k)) || h.int_digits > 2 || h.has_point || d.at(h.end) != ':' {
        return None;
    }
    let mut e = h.end;
    for _ in 0..2 {
        if d.at(e) == ':' && is_digit(d.at(e + 1)) && is_digit(d.at(e + 2)) && !is_digit(d.at(e + 3)) {
            e += 3;
        } else {
            break;
        }
    }
    (e > h.end).then_some(e)
}

/// A clock time (`15:26`, `9:00`) starting at the numeral: not a figure. Returns its end.
pub(crate) fn clock_time(d: &Chars, num: &Num) -> Option<usize> {
    if num.has_point || num.int_digits > 2 || d.at(num.end) != ':' {
        return None;
    }
    let e = num.end;
    if is_digit(d.at(e + 1)) && is_digit(d.at(e + 2)) && !is_digit(d.at(e + 3)) {
        let mut end = e + 3;
        if d.at(end) == ':' && is_digit(d.at(end + 1)) && is_digit(d.at(end + 2)) {
            end += 3;
        }
        return Some(end);
    }
    None
}

/// Dates written with digits and separators, and event-name dates. `num` is an Arabic numeral.
pub(crate) fn numeric(d: &Chars, num: &Num) -> Option<Cand> {
    let s = num.start;
    // The integer part alone (2023.2.10 parses as the decimal 2023.2 first).
    let (v, int_end) = if num.has_point {
        if num.int_digits != 4 || d.at(s + 4) != '.' {
            return None;
        }
        (num.value.trunc() as u32, s + 4)
    } else {
        (num.int()?, num.end)
    };
    let sep = d.at(int_end);
    // ISO-like: YYYY-M-D, YYYY/M/D, YYYY.M.D (one separator throughout), or YYYY-M / YYYY/M.
    if num.int_digits == 4 && is_year(v) && matches!(sep, '-' | '/' | '.') && is_digit(d.at(int_end + 1)) {
        let m = small_digits(d, int_end + 1);
        if let Some((mv, m_end)) = m.filter(|&(mv, _)| (1..=12).contains(&mv)) {
            if d.at(m_end) == sep && is_digit(d.at(m_end + 1)) {
                if let Some((dv, d_end)) = small_digits(d, m_end + 1).filter(|&(dv, _)| (1..=31).contains(&dv)) {
                    if !(is_digit(d.at(d_end)) || (d.at(d_end) == '.' && is_digit(d.at(d_end + 1)))) {
                        let end = clock_after(d, d_end).unwrap_or(d_end);
                        return Some(date(s, end, v, mv, dv));
                    }
                }
            } else if sep != '.' && !is_digit(d.at(m_end)) && d.at(m_end) != sep {
                let end = if d.at(m_end) == '月' { m_end + 1 } else { m_end };
                return Some(date(s, end, v, mv, 0));
            }
        }
    }
    if num.has_point {
        return None;
    }
    // Year ranges: 2021-2025年, 2021至2025.
    if num.int_digits == 4 && is_year(v) && matches!(sep, '-' | '~' | '至') && is_digit(d.at(num.end + 1)) {
        let y2 = arabic(d, num.end + 1);
        if y2.int().is_some_and(|v2| y2.int_digits == 4 && v2 > v && v2 <= v + 50) {
            let end = if d.at(y2.end) == '年' { y2.end + 1 } else { y2.end };
            return Some(date(s, end, v, 0, 0));
        }
    }
    // Event-name dates: 12·4, 3·15.
    if sep == '·' && (1..=12).contains(&v) && num.int_digits <= 2 && is_digit(d.at(num.end + 1)) {
        if let Some((dv, d_end)) = small_digits(d, num.end + 1).filter(|&(dv, _)| (1..=31).contains(&dv)) {
            return Some(date(s, d_end, 0, v, dv));
        }
    }
    None
}

/// One or two ASCII digits at `j` (not followed by a third): (value, end).
fn small_digits(d: &Chars, j: usize) -> Option<(u32, usize)> {
    let mut k = j;
    let mut v = 0;
    while k < j + 3 && is_digit(d.at(k)) {
        v = v * 10 + d.at(k).to_digit(10)?;
        k += 1;
    }
    (k > j && k - j <= 2).then_some((v, k))
}

/// `“6.5”`: a decimal numeral alone between quotes that reads as month.day.
pub(crate) fn quoted_month_day(d: &Chars, num: &Num) -> Option<Cand> {
    if !num.has_point || num.int_digits > 2 {
        return None;
    }
    let open = d.back(num.start, 1);
    let close = d.at(num.end);
    if !matches!(open, '“' | '"' | '‘') || !matches!(close, '”' | '"' | '’') {
        return None;
    }
    let m = num.value.trunc() as u32;
    let frac = d.slice(num.start, num.end).rsplit(['.', '．']).next()?.to_string();
    let day: u32 = frac.chars().filter_map(|c| c.to_digit(10)).fold(0, |a, x| a * 10 + x);
    if (1..=12).contains(&m) && (1..=31).contains(&day) && frac.chars().count() <= 2 {
        return Some(date(num.start, num.end, 0, m, day));
    }
    None
}

/// After a month at `j` (just past 月): a day (`6日`, `6号`) or a part of the month (`份`, `底`,
/// `下旬`…). Returns (day, end).
fn month_tail(d: &Chars, j: usize) -> (u32, usize) {
    for w in ["上旬", "中旬", "下旬", "份", "底", "初", "末", "中"] {
        if d.starts_with(j, w) {
            return (0, j + w.chars().count());
        }
    }
    if let Some((dv, e)) = small_at(d, j) {
        if (1..=31).contains(&dv) && matches!(d.at(e), '日' | '号') {
            return (dv, e + 1);
        }
    }
    (0, j)
}

/// A month (or a month range) at `j`: `7月`, `五月`, `1-12月`. Returns (month or 0 for a range, end).
fn month_at(d: &Chars, j: usize) -> Option<(u32, usize)> {
    let (m, e) = small_at(d, j)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    if d.at(e) == '月' {
        let (day, end) = month_tail(d, e + 1);
        return Some((m * 100 + day, end));
    }
    if matches!(d.at(e), '-' | '~' | '至') {
        if let Some((m2, e2)) = small_at(d, e + 1) {
            if (m..=12).contains(&m2) && d.at(e2) == '月' {
                let (_, end) = month_tail(d, e2 + 1);
                return Some((0, end));
            }
        }
    }
    None
}

/// Where the 年 of a year ends when it follows the numeral, also across a space or two (`2020 年`, as
/// a PDF's text has it).
fn nian_after(d: &Chars, end: usize) -> Option<usize> {
    let k = d.skip_spaces(end);
    (k - end <= 2 && d.at(k) == '年').then_some(k + 1)
}

/// Dates written with 年/月/日 starting at the numeral `num` (Arabic, or a Chinese year 二〇二二).
pub(crate) fn calendar(d: &Chars, num: &Num) -> Option<Cand> {
    let s = num.start;
    let v = num.int()?;
    let nian = nian_after(d, num.end);
    if let Some(mut e) = nian.filter(|_| (num.arabic || num.positional) && num.int_digits == 4 && is_year(v)) {
        if let Some((md, end)) = month_at(d, e) {
            return Some(date(s, end, v, md / 100, md % 100));
        }
        if d.at(e) == '度' {
            e += 1;
        } else {
            for w in ["上半年", "下半年", "底", "初", "末"] {
                if d.starts_with(e, w) {
                    e += w.chars().count();
                    break;
                }
            }
        }
        return Some(date(s, e, v, 0, 0));
    }
    if !num.arabic {
        return None;
    }
    // A month, a month range or a day without a year.
    if num.int_digits <= 2 && !num.has_point {
        if let Some((md, end)) = month_at(d, s) {
            if d.back(s, 1) != '个' {
                return Some(date(s, end, 0, md / 100, md % 100));
            }
        }
    }
    None
}

/// `2019年版` (an edition, part of a name): its end.
pub(crate) fn edition(d: &Chars, num: &Num) -> Option<usize> {
    let e = nian_after(d, num.end)?;
    (num.int_digits == 4 && num.int().is_some_and(is_year) && d.at(e) == '版').then_some(e + 1)
}

/// A date whose 年 (and 月) the text lost, the digits run together: `20256月` (2025年6月),
/// `2025730日` (2025年7月30日), `20250730日`: `Some(Some(date))` where one reading makes a valid date,
/// `Some(None)` where none or several do (a damaged date, no figure).
pub(crate) fn glued(d: &Chars, num: &Num) -> Option<Option<Cand>> {
    if num.has_point || !(5..=8).contains(&num.int_digits) {
        return None;
    }
    // The digits as a number (the numeral has no point: `num.value` is exact), its year and its rest.
    let n = num.int_digits as u32 - 4;
    let v = num.int()?;
    let (y, rest) = (v / 10u32.pow(n), v % 10u32.pow(n));
    if (num.end - num.start) as u32 != n + 4 || !(2000..=2100).contains(&y) {
        return None;
    }
    let after = d.at(num.end);
    if after == '月' && n <= 2 {
        return Some((1..=12).contains(&rest).then(|| {
            let (day, end) = month_tail(d, num.end + 1);
            date(num.start, end, y, rest, day)
        }));
    }
    if !matches!(after, '日' | '号') || n < 2 {
        return None;
    }
    // Month and day as one or two digits each (four digits: two each); one reading only.
    let (mut found, mut count) = ((0, 0), 0);
    for k in if n == 4 { 2..3 } else { 1..n } {
        let (m, day) = (rest / 10u32.pow(n - k), rest % 10u32.pow(n - k));
        if (1..=12).contains(&m) && (1..=31).contains(&day) {
            (found, count) = ((m, day), count + 1);
        }
    }
    Some((count == 1).then(|| date(num.start, num.end + 1, y, found.0, found.1)))
}

/// A day of the Chinese calendar after 农历 (`农历十月初七`, `农历八月十五`), valued MMDD as written.
pub(crate) fn lunar(d: &Chars, num: &Num) -> Option<Cand> {
    if !d.ends_with(num.start, "农历") || d.at(num.end) != '月' {
        return None;
    }
    let m = num.int().filter(|m| (1..=12).contains(m))?;
    let j = num.end + 1;
    let (day, end) = match d.at(j) {
        '初' if is_cn_num(d.at(j + 1)) => {
            let n = chinese(d, j + 1);
            (n.int()?, n.end)
        }
        '廿' if is_cn_num(d.at(j + 1)) => (20 + chinese(d, j + 1).int()?, j + 2),
        c if is_cn_num(c) => {
            let n = chinese(d, j);
            (n.int()?, n.end)
        }
        _ => (0, j),
    };
    (day <= 30).then(|| date(num.start, end, 0, m, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(s: &str) -> Option<(f64, String)> {
        let d = Chars::new(s);
        let n = if is_digit(d.at(0)) { arabic(&d, 0) } else { chinese(&d, 0) };
        calendar(&d, &n).map(|c| (c.value, d.slice(c.start, c.end).to_string()))
    }

    fn num(s: &str) -> Option<(f64, String)> {
        let d = Chars::new(s);
        let n = arabic(&d, 0);
        numeric(&d, &n).map(|c| (c.value, d.slice(c.start, c.end).to_string()))
    }

    #[test]
    fn calendar_dates() {
        assert_eq!(cal("2021年以来"), Some((20210000.0, "2021年".into())));
        assert_eq!(cal("2022年度第一次"), Some((20220000.0, "2022年度".into())));
        assert_eq!(cal("2022年7月,"), Some((20220700.0, "2022年7月".into())));
        assert_eq!(cal("2023年2月27日"), Some((20230227.0, "2023年2月27日".into())));
        assert_eq!(cal("2022年五月"), Some((20220500.0, "2022年五月".into())));
        assert_eq!(cal("二〇二二年"), Some((20220000.0, "二〇二二年".into())));
        assert_eq!(cal("2021年1-12月,"), Some((20210000.0, "2021年1-12月".into())));
        assert_eq!(cal("2月6日与"), Some((206.0, "2月6日".into())));
        assert_eq!(cal("11月底"), Some((1100.0, "11月底".into())));
        assert_eq!(cal("8月下旬"), Some((800.0, "8月下旬".into())));
        assert_eq!(cal("1月份、"), Some((100.0, "1月份".into())));
        assert_eq!(cal("13月"), None);
        assert_eq!(cal("5年"), None);
        assert_eq!(cal("2022"), None);
        assert_eq!(cal("2025 年推进"), Some((20250000.0, "2025 年".into())));
        assert_eq!(cal("2019 年度"), Some((20190000.0, "2019 年度".into())));
    }

    #[test]
    fn damaged_editions_and_lunar_dates() {
        let glue = |s: &str| {
            let d = Chars::new(s);
            glued(&d, &arabic(&d, 0)).flatten().map(|c| (c.value, d.slice(c.start, c.end).to_string()))
        };
        assert_eq!(glue("20236月,"), Some((20230600.0, "20236月".into())));
        assert_eq!(glue("2024815日,"), Some((20240815.0, "2024815日".into())));
        assert_eq!(glue("20241105日"), Some((20241105.0, "20241105日".into())));
        assert_eq!(glue("20241012日"), Some((20241012.0, "20241012日".into())));
        // 2024112日 reads as 1月12日 or 11月2日: no date.
        assert_eq!(glue("2024112日"), None);
        assert_eq!(glue("1234567日"), None);
        let d = Chars::new("2020年版收费目录");
        assert_eq!(edition(&d, &arabic(&d, 0)), Some(6));
        let d = Chars::new("农历八月十五");
        assert_eq!(lunar(&d, &chinese(&d, 2)).map(|c| c.value), Some(815.0));
        let d = Chars::new("农历十月初七");
        assert_eq!(lunar(&d, &chinese(&d, 2)).map(|c| (c.value, c.end)), Some((1007.0, 6)));
        let d = Chars::new("十月初七");
        assert!(lunar(&d, &chinese(&d, 0)).is_none());
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(num("2023-02-10"), Some((20230210.0, "2023-02-10".into())));
        assert_eq!(num("2022-03-05 19:00"), Some((20220305.0, "2022-03-05 19:00".into())));
        assert_eq!(num("2023/2/10"), Some((20230210.0, "2023/2/10".into())));
        assert_eq!(num("2023.2.10"), Some((20230210.0, "2023.2.10".into())));
        assert_eq!(num("2021-2025年"), Some((20210000.0, "2021-2025年".into())));
        assert_eq!(num("12·4”"), Some((1204.0, "12·4".into())));
        assert_eq!(num("2023-00011"), None);
        assert_eq!(num("3.5"), None);
    }

    #[test]
    fn quoted_dates_and_clocks() {
        let d = Chars::new("“6.5”世界环境日");
        let n = arabic(&d, 1);
        assert_eq!(quoted_month_day(&d, &n).map(|c| c.value), Some(605.0));
        let d = Chars::new("提高6.5个百分点");
        assert!(quoted_month_day(&d, &arabic(&d, 2)).is_none());
        let d = Chars::new("15:26来源");
        assert_eq!(clock_time(&d, &arabic(&d, 0)), Some(5));
    }
}
