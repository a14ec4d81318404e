//! Figures: every number that states a quantity, with its value, unit, kind, subject and indicator family.
//!
//! One hand-written pass over the characters (normalized one for one by [`norm`]: full-width, Traditional),
//! no regular expressions. At every numeral (Arabic or Chinese) the scanner looks left for qualifiers
//! (第, 前, 约, 近…) and right for scales, units and bounds, then applies the rules of the submodules:
//!
//! - [`numbers`]: Arabic and Chinese numerals;
//! - [`units`]: 余/多, 万/亿, units of `data/figures/units.tsv`, 以上/左右;
//! - [`dates`]: years, months, days, ISO dates, event-name dates (valued YYYYMMDD);
//! - [`ranks`]: 第二名, 排名第一, 前三, 升至33位 (and the ordinals that are not ranks);
//! - [`traps`]: titles, document numbers, hotlines, list markers, slogans, idioms, quotes;
//! - [`subject`]: what is counted and the indicator family.
//!
//! Conventions: `/work/shared/reference/figures.md` (text, value fully scaled, unit, kind, approx).

use std::ops::Range;

use crate::model::{Figure, FigureKind, Span};

mod data;
mod dates;
pub(crate) mod norm;
mod numbers;
mod ranks;
mod subject;
mod traps;
mod units;

use data::{tables, Role};
use norm::{is_cn_digit, is_cn_num, is_digit, is_numeral, Chars};
use numbers::Num;

/// A figure found by the scanner, in character indices of the normalized text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: &'static str,
    pub kind: FigureKind,
    pub approx: bool,
}

/// All figures of `text`, in text order, none overlapping and none starting inside an `excluded` range
/// (sorted, disjoint byte ranges: page furniture). Every figure's `text` is `text[span.start..span.end]`.
pub fn extract(text: &str, excluded: &[Range<usize>]) -> Vec<Figure> {
    if text.is_empty() || !Chars::fits(text) {
        return Vec::new();
    }
    extract_from(Chars::new(text), excluded)
}

/// [`extract`] given the matchable view of `text` (as a [`crate::doc::Doc`] holds it), whose decoded
/// characters spare decoding the text again when no gloss was removed.
pub fn extract_matched(text: &str, excluded: &[Range<usize>], m: &crate::normalize::Matchable) -> Vec<Figure> {
    if text.is_empty() || !Chars::fits(text) {
        return Vec::new();
    }
    extract_from(Chars::from_matchable(text, m).unwrap_or_else(|| Chars::new(text)), excluded)
}

fn extract_from(d: Chars, excluded: &[Range<usize>]) -> Vec<Figure> {
    let mut blocked = traps::title_ranges(&d);
    for r in excluded {
        if r.start >= r.end {
            continue;
        }
        let a = d.char_at_byte(r.start);
        let b = d.char_at_byte(r.end);
        if a < b {
            blocked.push(a..b);
        }
    }
    crate::order::sort_by_key(&mut blocked, |r| r.start as u64);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(blocked.len());
    for r in blocked {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut scan = Scan { d: &d, blocked: merged, out: Vec::new(), last_end: 0 };
    scan.run();
    let cands = scan.out;
    let notes = subject::annotate(&d, &cands);
    cands
        .into_iter()
        .zip(notes)
        .map(|(c, (subject, family))| Figure {
            text: d.slice(c.start, c.end).to_string(),
            value: tidy(c.value),
            unit: c.unit.into(),
            kind: c.kind,
            approx: c.approx,
            subject,
            family: family.map(Into::into),
            span: Span::new(d.off(c.start), d.off(c.end)),
        })
        .collect()
}

/// Round away binary noise of scaling (8.08 × 1e8 = 808000000.0000001).
fn tidy(v: f64) -> f64 {
    // Four decimals, or twelve significant digits for large values (9356.7 × 1e8 = 935670000000.0002).
    let r = if v.abs() >= 1e8 {
        let unit = 10f64.powi(v.abs().log10().floor() as i32 - 11);
        (v / unit).round() * unit
    } else {
        (v * 1e4).round() / 1e4
    };
    if (r - v).abs() <= 1e-9 * v.abs().max(1.0) {
        r
    } else {
        v
    }
}

struct Scan<'a, 'b> {
    d: &'b Chars<'a>,
    /// Titles and excluded ranges (character indices, sorted, disjoint): no figure starts there.
    blocked: Vec<Range<usize>>,
    out: Vec<Cand>,
    /// End of the last figure: the next one starts at or after it.
    last_end: usize,
}

/// End of the run of identifier characters starting at `i` (digits, letters, `_`, `*`, and `-/.:` between
/// them), and whether the run has a letter, `_` or `*` (a code, not a number).
fn token_end(d: &Chars, i: usize) -> (usize, bool) {
    let mut j = i;
    let mut code = false;
    loop {
        let c = d.at(j);
        // Tested together, without a branch each.
        let word = c.is_ascii_alphabetic() | (c == '_') | (c == '*');
        if word | c.is_ascii_digit()
            || j > i && matches!(c, '-' | '/' | '.' | ':') && d.at(j + 1).is_ascii_alphanumeric()
        {
            code |= word;
            j += 1;
        } else {
            return (j, code);
        }
    }
}

/// Characters after a unit-less number that make it an identifier (3号, 2.0版, 5型).
fn identifier_suffix(c: char) -> bool {
    matches!(c, '号' | '版' | '型' | '式' | '楼' | '路' | '层' | '室' | '栋')
}

impl Scan<'_, '_> {
    fn run(&mut self) {
        let d = self.d;
        let n = d.len();
        let mut i = 0;
        let mut bi = 0;
        loop {
            // Numerals are a few in a hundred characters: found by their marks.
            i = norm::next_mark(&d.marks.numerals, i, n);
            if i >= n {
                break;
            }
            let c = d.c[i];
            while bi < self.blocked.len() && self.blocked[bi].end <= i {
                bi += 1;
            }
            if bi < self.blocked.len() && self.blocked[bi].start <= i {
                i = self.blocked[bi].end;
                continue;
            }
            let next = if is_digit(c) { self.arabic_at(i) } else { self.chinese_at(i) };
            i = next.max(i + 1);
        }
    }

    fn is_blocked(&self, k: usize) -> bool {
        let p = self.blocked.partition_point(|r| r.end <= k);
        p < self.blocked.len() && self.blocked[p].start <= k
    }

    /// A number after 第 (a rank, or an ordinal that names an event) or 前 (a top-N rank): where the
    /// scan goes on, or `None` when the prefix decides nothing.
    fn rank_after_prefix(&mut self, d: &Chars, num: &Num, prev: char, i: usize) -> Option<usize> {
        if prev == '第' && i > self.last_end {
            return Some(match ranks::after_di(d, num, self.last_end) {
                ranks::AfterDi::Rank(c) => self.push(c),
                ranks::AfterDi::Ordinal(e) => e,
            });
        }
        if prev == '前' && i > self.last_end {
            if let Some(c) = ranks::after_qian(d, num, self.last_end) {
                return Some(self.push(c));
            }
        }
        None
    }

    /// A number followed by 位 that ranks (升至33位): a rank figure up to `end`.
    fn push_rank(&mut self, num: &Num, end: usize) -> usize {
        let c = Cand { start: num.start, end, value: num.value, unit: "rank", kind: FigureKind::Rank, approx: false };
        self.push(c)
    }

    /// Record a figure; returns where the scan resumes.
    fn push(&mut self, c: Cand) -> usize {
        let end = c.end;
        if c.start >= self.last_end && !self.is_blocked(c.start) && c.end > c.start {
            self.last_end = c.end;
            self.out.push(c);
        }
        end
    }

    /// A hedge (约, 近, 超过…) right before `s`: its start.
    fn hedge_before(&self, s: usize) -> Option<usize> {
        let d = self.d;
        let t = tables();
        t.word_ending(Role::HedgePre, d, s)?;
        for w in t.words(Role::HedgePre) {
            if !d.ends_with_chars(s, w) {
                continue;
            }
            let st = s - w.len();
            if st < self.last_end || self.is_blocked(st) {
                return None;
            }
            if w.len() == 1 {
                let p = d.back(st, 1);
                let compound = match w[0] {
                    '近' => "最附临就亲贴走靠逼",
                    '约' => "节制签预履违公条特契相邀",
                    '超' => "赶高",
                    _ => "",
                };
                if compound.contains(p) {
                    return None;
                }
            }
            return Some(st);
        }
        None
    }

    fn arabic_at(&mut self, i: usize) -> usize {
        let d = self.d;
        let prev = d.back(i, 1);
        let (tok_end, code) = token_end(d, i);
        let tok = &d.c[i..tok_end];
        if prev.is_ascii_alphabetic() || matches!(prev, '_' | '*' | '#' | '@' | '&' | '=' | '\\' | '/' | '.') || code {
            return tok_end;
        }
        let num = numbers::arabic(d, i);
        if let Some(c) = dates::numeric(d, &num).or_else(|| dates::quoted_month_day(d, &num)) {
            return self.push(c);
        }
        if let Some(e) = dates::clock_time(d, &num) {
            return e;
        }
        let after = d.at(num.end);
        if after == '时' && !num.has_point {
            return self.clock_hours(&num);
        }
        if tok.iter().filter(|&&c| c == '.').count() >= 2 || num.leading_zero {
            return tok_end;
        }
        if (matches!(after, '/' | ':') && is_digit(d.at(num.end + 1))) || after == '+' || prev == '+' {
            // Fractions, ratios, identifiers and slogans (5+X).
            let mut e = tok_end;
            while matches!(d.at(e), '+' | 'X' | 'x' | 'N' | 'n') || d.at(e).is_ascii_digit() {
                e += 1;
            }
            return e;
        }
        if traps::is_enumerator(d, &num) {
            return num.end;
        }
        if traps::in_docno(d, &num) {
            let mut e = num.end;
            while matches!(d.at(e), '〕' | ']' | '】' | '﹞') || d.at(e).is_ascii_digit() {
                e += 1;
            }
            if d.at(e) == '号' {
                e += 1;
            }
            return e;
        }
        if traps::furniture_before(d, num.start) || traps::ident_before(d, num.start) {
            return num.end;
        }
        if let Some(e) = traps::page_label(d, &num).or_else(|| dates::edition(d, &num)) {
            return e;
        }
        if num.int_digits == 4 && num.int().is_some_and(dates::is_year) {
            if let Some(e) = traps::named_document(d, num.start) {
                return e;
            }
            // A year whose 年 was lost, opening a clause (`2025坚持以…`, `。2023总共需办理…`).
            if norm::is_han(after)
                && after != '年'
                && traps::clause_start(d, num.start)
                && !tables().is_unit_start(after)
            {
                let (start, end, value) = (num.start, num.end, num.value * 1e4);
                return self.push(Cand { start, end, value, unit: "date", kind: FigureKind::Date, approx: false });
            }
        }
        match dates::glued(d, &num) {
            Some(Some(c)) => return self.push(c),
            Some(None) => return num.end + 1,
            None => {}
        }
        if let Some(e) = grade_range(d, &num) {
            return e;
        }
        if let Some(end) = self.rank_after_prefix(d, &num, prev, i) {
            return end;
        }
        if let Some(c) = dates::calendar(d, &num) {
            return self.push(c);
        }
        match after {
            '年' if d.at(num.end + 1) == '级' => return num.end + 2,
            '年' => {
                let c = self.measured(&num, num.end + 1, 1.0, false, "年", FigureKind::Duration);
                return self.push(c);
            }
            '月' | '号' => return num.end + 1,
            '日' => {
                let within = ["内", "以内", "之内"].iter().any(|w| d.starts_with(num.end + 1, w));
                let c = match num.int() {
                    Some(v) if (1..=31).contains(&v) && !within => Cand {
                        start: num.start,
                        end: num.end + 1,
                        value: v as f64,
                        unit: "date",
                        kind: FigureKind::Date,
                        approx: false,
                    },
                    _ => self.measured(&num, num.end + 1, 1.0, false, "天", FigureKind::Duration),
                };
                return self.push(c);
            }
            _ => {}
        }
        let m = units::measure(d, num.end, true);
        if let Some(u) = m.unit {
            if u.canonical == "位" && ranks::wei_is_rank(d, &num) {
                return self.push_rank(&num, m.end);
            }
            if let Some(e) = traps::table_trap(d, num.start, m.end) {
                return e;
            }
            // A quoted slogan that opens with a count of words (`“11个坚持”`; not `“21条”`, a count, nor
            // `“24小时自助服务区”`, a duration).
            if matches!(prev, '“' | '「')
                && u.kind == FigureKind::Count
                && norm::is_han(d.at(m.end))
                && traps::in_short_quote(d, num.start, m.end)
            {
                return m.end;
            }
            let c = self.measured(&num, m.end, m.scale, m.approx, u.canonical, u.kind);
            return self.push(c);
        }
        // No unit.
        if traps::is_hotline(d, &num) || identifier_suffix(d.at(m.end)) {
            return m.end.max(num.end);
        }
        if m.end == num.end && d.at(num.end) == ' ' && d.prev_non_space(num.start) == '\n' && !num.has_point {
            // A row number opening a line of a flattened table (`1 行政复议 61`).
            return num.end;
        }
        if m.scale == 1.0
            && !num.has_point
            && (num.int_digits >= 7 || (num.int_digits == 4 && num.int().is_some_and(dates::is_year)))
        {
            return num.end;
        }
        if m.scale == 1.0 && num.has_point && d.at(num.end - 1) == '0' && d.at(num.end - 2) == '.' {
            // A version (3.0, 2.0): a name.
            return num.end;
        }
        if let Some((unit, kind, scale)) = self.shared_unit(m.end) {
            let s = if m.scale == 1.0 { scale } else { m.scale };
            let c = self.measured(&num, m.end, s, m.approx, unit, kind);
            return self.push(c);
        }
        if m.scale == 1.0 && traps::in_rate_row(d, &num) {
            let c = self.measured(&num, m.end, 1.0, m.approx, "%", FigureKind::Percent);
            return self.push(c);
        }
        let c = self.measured(&num, m.end, m.scale, m.approx, "", FigureKind::Count);
        self.push(c)
    }

    /// A duration in Chinese numerals, N年 (`一年来`, `五年来`, `近五年`, `为期两年`): not a year of a
    /// phrase (`这一年`, `的一年`, `上一年度`, `一年级`, `一年一度`).
    fn chinese_years(&self, num: &Num, prev: char) -> Option<Cand> {
        let d = self.d;
        let after = d.at(num.end + 1);
        num.int().filter(|v| (1..=100).contains(v))?;
        if "这那哪每上下同当前后第的去今明个".contains(prev) || "级度份初底末终代轻龄华货会报鉴检审薪假".contains(after)
        {
            return None;
        }
        // Parallels and names (`九年一贯制`, `三年三级跳`, `一年四季`, `九年义务教育`), campaigns and plans
        // (`三年行动`, `五年规划`), slogans (`“三年行动”`), sayings.
        let named = traps::word_at(d, num.end + 1, &["行动", "攻坚", "计划", "规划", "义务", "一贯", "之计"]);
        if is_cn_num(after) || named || traps::in_short_quote(d, num.start, num.end) {
            return None;
        }
        Some(self.measured(num, num.end + 1, 1.0, false, "年", FigureKind::Duration))
    }

    /// A clock time 07时41分(05秒): not a figure; returns its end.
    fn clock_hours(&self, num: &Num) -> usize {
        let d = self.d;
        let mut e = num.end + 1;
        for u in ['分', '秒'] {
            let n2 = d.skip_spaces(e);
            if is_digit(d.at(n2)) {
                let m2 = numbers::arabic(d, n2);
                if d.at(m2.end) == u {
                    e = m2.end + 1;
                }
            }
        }
        e
    }

    /// A figure from `num` to `end` with a hedge before it, if any.
    fn measured(&self, num: &Num, end: usize, scale: f64, approx: bool, unit: &'static str, kind: FigureKind) -> Cand {
        let hedge = self.hedge_before(num.start);
        Cand {
            start: hedge.unwrap_or(num.start),
            end,
            value: num.value * scale,
            unit,
            kind,
            approx: approx || hedge.is_some(),
        }
    }

    /// A unit shared by a list or range of numbers (`分别下降3、5个百分点`, `3-5个工作日`): the unit of
    /// the first later item that has one, when only numbers and separators stand between.
    fn shared_unit(&self, from: usize) -> Option<(&'static str, FigureKind, f64)> {
        let d = self.d;
        let mut j = from;
        for _ in 0..8 {
            if !matches!(d.at(j), '、' | '-' | '~' | '至' | '到' | '或' | '和') || !is_digit(d.at(j + 1)) {
                return None;
            }
            let n = numbers::arabic(d, j + 1);
            let m = units::measure(d, n.end, true);
            if let Some(u) = m.unit {
                return (u.kind != FigureKind::Date).then_some((u.canonical, u.kind, m.scale));
            }
            if m.end != n.end {
                return None;
            }
            j = n.end;
        }
        None
    }

    fn chinese_at(&mut self, i: usize) -> usize {
        let d = self.d;
        if d.starts_with(i, "百分之") {
            let k = i + 3;
            let c = d.at(k);
            if is_numeral(c) {
                let num = if is_digit(c) { numbers::arabic(d, k) } else { numbers::chinese(d, k) };
                let mut end = num.end;
                let mut approx = false;
                if let Some(w) = units::bound_at(d, end) {
                    end += w;
                    approx = true;
                }
                let cand = Cand { start: i, end, value: num.value, unit: "%", kind: FigureKind::Percent, approx };
                return self.push(cand);
            }
            return k;
        }
        let num = numbers::chinese(d, i);
        if let Some(c) = dates::lunar(d, &num) {
            return self.push(c);
        }
        let next = d.at(num.end);
        let may_continue =
            matches!(next, '年' | '余' | '多' | '大' | ' ') || tables().is_unit_start(next) || next == '月';
        if !may_continue && !matches!(d.back(i, 1), '第' | '前') {
            // Nothing a Chinese numeral figure could continue with (一是, 统一, 十九大).
            return num.end;
        }
        let prev = d.back(i, 1);
        let run = &d.c[num.start..num.end];
        if num.positional && num.int_digits == 4 {
            if let Some(c) = dates::calendar(d, &num) {
                return self.push(c);
            }
            return num.end;
        }
        if let Some(end) = self.rank_after_prefix(d, &num, prev, i) {
            return end;
        }
        // A period of a frequency: 每两月, 每三年 (the period is a duration).
        if prev == '每' && !num.positional {
            let unit = match next {
                '年' => Some("年"),
                '月' => Some("月"),
                '周' => Some("周"),
                '天' | '日' => Some("天"),
                _ => None,
            };
            if let Some(u) = unit.filter(|_| num.int().is_some_and(|v| v >= 2)) {
                let c = self.measured(&num, num.end + 1, 1.0, false, u, FigureKind::Duration);
                return self.push(c);
            }
        }
        if num.positional
            || matches!(prev, '届' | '之' | '周' | '初' | '每')
            || d.ends_with(i, "星期")
            || traps::is_vague(d, &num)
        {
            return num.end;
        }
        // Multipliers alone (万人, 百家) are words, except 十; a bare 二 before a measure word is an
        // adjective (二次开发, 二期工程): quantities say 两.
        if (!run.iter().any(|&c| is_cn_digit(c)) && run != ['十'].as_slice()) || run == ['二'].as_slice() {
            return num.end;
        }
        if next == '年' {
            return match self.chinese_years(&num, prev) {
                Some(c) => self.push(c),
                None => num.end,
            };
        }
        let m = units::measure(d, num.end, false);
        let Some(u) = m.unit else { return num.end };
        // 一 with a measure word is an article (一项重要任务, 一次全面清理), except for people (配备一名) and
        // the times of a frequency (每季度听取一次).
        if run == ['一'].as_slice()
            && !matches!(u.canonical, "名" | "人" | "位")
            && !(u.canonical == "次" && frequency_before(d, i))
        {
            return num.end;
        }
        if u.canonical == "级" && !list_before(d, i) {
            return num.end;
        }
        // N期 after a noun names a phase (机场四期, 电池三期); after a verb it counts sessions (开展了三期).
        if u.canonical == "期" && norm::is_han(prev) && !"了共办展织训计分余近约举开".contains(prev) {
            return num.end;
        }
        // 十六届人大三次会议: an ordinal session, not three meetings.
        if u.canonical == "次" && traps::session_list(d, i, num.end + 1) {
            return num.end + 1;
        }
        let unit_end = unit_end(d, num.end, u);
        if traps::in_short_quote(d, i, num.end) || traps::parallel(d, i, num.end, unit_end) || d.at(unit_end) == '式' {
            return unit_end;
        }
        if let Some(e) = traps::table_trap(d, num.start, m.end) {
            return e;
        }
        if u.canonical == "位" && ranks::wei_is_rank(d, &num) {
            return self.push_rank(&num, m.end);
        }
        let c = self.measured(&num, m.end, 1.0, m.approx, u.canonical, u.kind);
        self.push(c)
    }
}

/// End of the unit `u` found after a numeral ending at `from` (past 余/多/大).
fn unit_end(d: &Chars, from: usize, u: &data::Unit) -> usize {
    let mut j = from;
    while j < from + 3 && !d.starts_with_chars(j, &u.text) {
        j += 1;
    }
    j + u.text.len()
}

/// A grade range `1-4年级` (grades are ordinals): its end.
fn grade_range(d: &Chars, num: &Num) -> Option<usize> {
    if !matches!(d.at(num.end), '-' | '—' | '~' | '至') || !is_digit(d.at(num.end + 1)) {
        return None;
    }
    let to = numbers::arabic(d, num.end + 1);
    d.starts_with(to.end, "年级").then_some(to.end + 2)
}

/// A frequency in the clause before `i` (`每季度听取一次`, `每年年初召开一次`).
fn frequency_before(d: &Chars, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 12 && !matches!(d.c[k - 1], ',' | '。' | ';' | ':' | '\n') {
        k -= 1;
        if d.c[k] == '每' {
            return true;
        }
    }
    false
}

/// The words of administrative levels that name a list of levels without a 、 (`乡村两级`, `市县两级`).
fn level_word(c: char) -> bool {
    matches!(c, '省' | '市' | '州' | '县' | '区' | '乡' | '镇' | '村' | '组' | '街' | '社')
}

/// A list of places or levels before `i` (`市、乡、村、组四级`, `州、县(市)两级`, `乡村两级`).
fn list_before(d: &Chars, i: usize) -> bool {
    if d.back(i, 1) == '、' && (is_cn_num(d.back(i, 2)) || is_digit(d.back(i, 2))) {
        // 二、三级医院: a list of grades, not a count of levels.
        return false;
    }
    if level_word(d.back(i, 1)) && level_word(d.back(i, 2)) {
        return true;
    }
    let mut k = i;
    while k > 0 && i - k < 10 {
        match d.c[k - 1] {
            '、' => return true,
            ',' | '。' | ';' | ':' | '\n' => return false,
            _ => k -= 1,
        }
    }
    false
}

#[cfg(test)]
mod tests;
