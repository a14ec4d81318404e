//! Numerals: Arabic (with thousands separators and decimals, full-width digits already normalized) and
//! Chinese (两, 十余, 一百二十, 三万, and the digit-by-digit 二〇二二 of written years).
//!
//! Matches: `1,234` (only an ASCII comma followed by exactly three digits), `101.25`, `0`, `一百零五`,
//! `两千`, `十`, `二〇二三`.
//! Must not: read `1.构建` as a decimal, read `61,234` written with a full-width comma as one number, or
//! join an Arabic number with a following Chinese digit (`审理1五是` is 1, then 五是).

use super::norm::{is_cn_digit, is_cn_num, is_digit, Chars};

/// A numeral as found at `start..end` (character indices).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub arabic: bool,
    /// Digits before the decimal point (Arabic), or characters (Chinese).
    pub int_digits: usize,
    pub has_point: bool,
    /// An Arabic numeral written with a leading zero (`0471`): an identifier, unless it is `0` or `0.5`.
    pub leading_zero: bool,
    /// A Chinese numeral written digit by digit (`二〇二二`).
    pub positional: bool,
}

impl Num {
    /// The integer value when the numeral is a plain integer.
    pub fn int(&self) -> Option<u32> {
        if self.has_point || self.value < 0.0 || self.value > 1e9 || self.value.fract() != 0.0 {
            None
        } else {
            Some(self.value as u32)
        }
    }
}

/// Parse the Arabic numeral starting at `i` (which must be a digit).
pub(crate) fn arabic(d: &Chars, i: usize) -> Num {
    let n = d.len();
    let mut j = i;
    // The digits go straight into the value (no copy of them: a string per number was 1% of an analysis).
    let mut value = Decimal::default();
    while j < n && is_digit(d.c[j]) {
        value.push(d.c[j]);
        j += 1;
    }
    let first_group = j - i;
    let mut int_digits = first_group;
    // Thousands separators: ASCII commas followed by exactly three digits, after a first group of 1-3.
    if first_group <= 3 {
        while d.at(j) == ',' && d.is_ascii_at(j) && (1..=3).all(|k| is_digit(d.at(j + k))) && !is_digit(d.at(j + 4)) {
            for k in 1..=3 {
                value.push(d.c[j + k]);
            }
            int_digits += 3;
            j += 4;
        }
    }
    let leading_zero = int_digits > 1 && d.c[i] == '0';
    let mut has_point = false;
    if d.at(j) == '.' && is_digit(d.at(j + 1)) {
        has_point = true;
        value.push('.');
        j += 1;
        while j < n && is_digit(d.c[j]) {
            value.push(d.c[j]);
            j += 1;
        }
    }
    Num { start: i, end: j, value: value.value(), arabic: true, int_digits, has_point, leading_zero, positional: false }
}

/// The value of ASCII digits with at most one `.` (0 for anything else), like `str::parse::<f64>` —
/// exactly so up to 15 significant digits (an integer below 2^53 divided by an exact power of ten
/// rounds once), within two ulps beyond. The standard parser's correctly rounded algorithm brings a
/// 10 KB table of powers of five into the wasm, for digits no report writes.
#[cfg(test)]
fn decimal_value(digits: &str) -> f64 {
    let mut d = Decimal::default();
    digits.chars().for_each(|c| d.push(c));
    d.value()
}

/// A decimal number read a character at a time (see [`arabic`]).
#[derive(Default)]
struct Decimal {
    mantissa: u64,
    scale: i32,
    point: bool,
    significant: usize,
    /// A character other than the digits and one `.`.
    bad: bool,
}

impl Decimal {
    #[inline]
    fn push(&mut self, c: char) {
        match c {
            '.' if !self.point => self.point = true,
            '0'..='9' if self.significant < 19 => {
                self.mantissa = self.mantissa * 10 + u64::from(c as u8 - b'0');
                self.significant += usize::from(self.mantissa != 0);
                self.scale -= i32::from(self.point);
            }
            // Digits beyond the 19th only scale the value (integer part) or are dropped (fraction).
            '0'..='9' => self.scale += i32::from(!self.point),
            _ => self.bad = true,
        }
    }

    fn value(&self) -> f64 {
        if self.bad {
            return 0.0;
        }
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
            1e19, 1e20, 1e21, 1e22,
        ];
        let mut value = self.mantissa as f64;
        let mut k = self.scale.unsigned_abs() as usize;
        while k > 0 {
            let step = k.min(22);
            value = if self.scale < 0 { value / POW10[step] } else { value * POW10[step] };
            k -= step;
        }
        value
    }
}

fn cn_digit_value(c: char) -> u64 {
    match c {
        '两' => 2,
        _ => crate::text::cn_digit(c).unwrap_or(0) as u64,
    }
}

/// Parse the Chinese numeral starting at `i` (which must satisfy `is_cn_num`).
pub(crate) fn chinese(d: &Chars, i: usize) -> Num {
    let n = d.len();
    let mut j = i;
    while j < n && is_cn_num(d.c[j]) {
        j += 1;
    }
    let run = &d.c[i..j];
    let positional = run.len() >= 2 && run.iter().all(|&c| is_cn_digit(c) && c != '两');
    let value = if positional {
        run.iter().fold(0.0, |acc, &c| acc * 10.0 + cn_digit_value(c) as f64)
    } else {
        chinese_value(run)
    };
    Num {
        start: i,
        end: j,
        value,
        arabic: false,
        int_digits: run.len(),
        has_point: false,
        leading_zero: false,
        positional,
    }
}

/// The value of a Chinese numeral with multipliers (一百二十 → 120, 三万五千 → 35000).
pub(crate) fn chinese_value(run: &[char]) -> f64 {
    let mut total = 0.0f64;
    let mut section = 0.0f64;
    let mut number = 0.0f64;
    for &c in run {
        match c {
            '十' | '百' | '千' => {
                let m = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                let k = if number == 0.0 { 1.0 } else { number };
                section += k * m;
                number = 0.0;
            }
            '万' => {
                let s = section + number;
                total += if s == 0.0 { 1.0 } else { s } * 1e4;
                section = 0.0;
                number = 0.0;
            }
            '亿' => {
                let s = total + section + number;
                total = if s == 0.0 { 1.0 } else { s } * 1e8;
                section = 0.0;
                number = 0.0;
            }
            _ => number = cn_digit_value(c) as f64,
        }
    }
    total + section + number
}

/// The value of one character used as a scale after a numeral (`万`, `亿`…).
pub(crate) fn scale_of(c: char) -> Option<f64> {
    match c {
        '百' => Some(1e2),
        '千' => Some(1e3),
        '万' => Some(1e4),
        '亿' => Some(1e8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ar(s: &str) -> (f64, usize) {
        let d = Chars::new(s);
        let n = arabic(&d, 0);
        (n.value, n.end)
    }

    fn cn(s: &str) -> f64 {
        let d = Chars::new(s);
        chinese(&d, 0).value
    }

    #[test]
    fn arabic_forms() {
        assert_eq!(ar("1500余人次"), (1500.0, 4));
        assert_eq!(ar("101.25万件"), (101.25, 6));
        assert_eq!(ar("4,558条"), (4558.0, 5));
        assert_eq!(ar("1,234,567元"), (1234567.0, 9));
        assert_eq!(ar("１２００人"), (1200.0, 4));
        assert_eq!(ar("1.构建"), (1.0, 1));
        assert_eq!(ar("61，234件"), (61.0, 2));
        assert_eq!(ar("60件,结案"), (60.0, 2));
        assert_eq!(ar("1234,567"), (1234.0, 4));
        assert!(arabic(&Chars::new("0471"), 0).leading_zero);
        assert!(!arabic(&Chars::new("0.5"), 0).leading_zero);
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(cn("两"), 2.0);
        assert_eq!(cn("十"), 10.0);
        assert_eq!(cn("十五"), 15.0);
        assert_eq!(cn("一百二十"), 120.0);
        assert_eq!(cn("一百零五"), 105.0);
        assert_eq!(cn("两千"), 2000.0);
        assert_eq!(cn("三万五千"), 35000.0);
        assert_eq!(cn("一万二千"), 12000.0);
        assert_eq!(cn("三亿五千万"), 350000000.0);
        assert_eq!(cn("二〇二二"), 2022.0);
        assert_eq!(cn("二零二三"), 2023.0);
        assert_eq!(cn("兩萬"), 20000.0);
        assert!(chinese(&Chars::new("二〇二二年"), 0).positional);
    }

    #[test]
    fn decimal_value_agrees_with_the_standard_parser() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..200_000 {
            let len = 1 + (next() % if round % 4 == 0 { 30 } else { 15 }) as usize;
            let mut s: String = (0..len).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
            if next() % 2 == 0 {
                s.insert((next() % (len as u64 + 1)) as usize, '.');
            }
            let want = s.parse::<f64>().unwrap_or(0.0);
            let got = decimal_value(&s);
            let significant = s.trim_start_matches(['0', '.']).chars().filter(char::is_ascii_digit).count();
            if significant <= 15 {
                assert_eq!(got, want, "{s}");
            } else {
                // Within two ulps.
                assert!((got - want).abs() <= want * 4.5e-16, "{s}: {got} vs {want}");
            }
        }
        for (s, v) in
            [("0", 0.0), ("007", 7.0), ("12.50", 12.5), ("0.1", 0.1), ("935670000000.0002", 935670000000.0002)]
        {
            assert_eq!(decimal_value(s), v, "{s}");
        }
        assert_eq!(decimal_value("1.2.3"), 0.0);
        assert_eq!(decimal_value("１２"), 0.0);
    }
}
