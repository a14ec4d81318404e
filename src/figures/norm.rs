//! The text as the figure rules see it: one normalized `char` per character of the input, with the byte
//! offset of every character, so that every rule works on simplified, half-width text while every span
//! stays on the original bytes.
//!
//! Matches: full-width digits, letters and punctuation (`１２００` → `1200`, `％` → `%`, `（` → `(`), the
//! Traditional characters of `data/figures/traditional.tsv` (`萬` → `万`), every space (U+3000, NBSP…) as
//! `' '`, middle dots as `·`, dashes as `-`, and `○` as `〇`.
//! Must not: change the number of characters (the mapping is one char for one), or touch the original
//! text (figures always quote the input as written).

use std::borrow::Cow;

/// The input as normalized characters with their byte offsets.
pub(crate) struct Chars<'a> {
    pub text: &'a str,
    /// Normalized characters.
    pub c: Cow<'a, [char]>,
    /// Byte offset of every character, plus `text.len()` at the end (`off.len() == c.len() + 1`).
    /// `u32` keeps the table small: texts longer than `u32::MAX` bytes are never built (see [`Chars::fits`]).
    off: Cow<'a, [u32]>,
    /// Where the characters the scans look for stand.
    pub marks: Cow<'a, Marks>,
}

impl Drop for Chars<'_> {
    fn drop(&mut self) {
        if let Cow::Owned(c) = &mut self.c {
            crate::scratch::give_chars(std::mem::take(c));
        }
        if let Cow::Owned(off) = &mut self.off {
            crate::scratch::give_u32s(std::mem::take(off));
        }
    }
}

impl<'a> Chars<'a> {
    /// True when `text` is small enough for the offset table.
    pub fn fits(text: &str) -> bool {
        text.len() < u32::MAX as usize
    }

    /// Build the normalized characters of `text` (callers check [`Chars::fits`] first).
    pub fn new(text: &'a str) -> Self {
        let changing = changing();
        let n = text.len();
        let mut c = crate::scratch::chars(n / 2 + 1);
        let mut off = crate::scratch::u32s(n / 2 + 2);
        let mut marks = Marks::with_capacity(n / 2 + 1);
        for (i, ch) in text.char_indices() {
            off.push(i as u32);
            let u = ch as usize;
            let look = u >= 0x1_0000 || changing[u / 64] & (1 << (u % 64)) != 0;
            let end = Marks::end_of(u as u32);
            let ch = if look { normalize(ch) } else { ch };
            let (num, title, sentence) = Marks::of(ch);
            marks.add(c.len(), 1, [num, title, sentence, end]);
            c.push(ch);
        }
        off.push(n as u32);
        Chars { text, c: Cow::Owned(c), off: Cow::Owned(off), marks: Cow::Owned(marks) }
    }

    /// [`Chars::new`] from the matchable view of the same text, which built the same characters,
    /// offsets and marks in its pass over the text (see [`crate::normalize::Matchable::figure_view`]): `None`
    /// when it could not (a gloss was removed).
    pub fn from_matchable(text: &'a str, m: &'a crate::normalize::Matchable) -> Option<Self> {
        let (c, off, marks) = m.figure_view()?;
        Some(Chars { text, c: Cow::Borrowed(c), off: Cow::Borrowed(off), marks: Cow::Borrowed(marks) })
    }

    /// Byte offset of character `k` (`k == len()` gives the text length).
    #[inline]
    pub fn off(&self, k: usize) -> usize {
        self.off[k] as usize
    }

    /// Index of the first character whose byte offset is at least `byte` (`len()` when none).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        self.off.partition_point(|&o| (o as usize) < byte).min(self.c.len())
    }

    pub fn len(&self) -> usize {
        self.c.len()
    }

    /// The character at `i`, or `'\n'` past the end (the end acts as a line break).
    #[inline]
    pub fn at(&self, i: usize) -> char {
        self.c.get(i).copied().unwrap_or('\n')
    }

    /// The character `k` places before `i`, or `'\n'` before the start.
    #[inline]
    pub fn back(&self, i: usize, k: usize) -> char {
        if k <= i {
            self.c.get(i - k).copied().unwrap_or('\n')
        } else {
            '\n'
        }
    }

    /// True when the characters from `i` on spell `w`.
    pub fn starts_with(&self, i: usize, w: &str) -> bool {
        for (j, ch) in (i..).zip(w.chars()) {
            if j >= self.c.len() || self.c[j] != ch {
                return false;
            }
        }
        true
    }

    /// True when `w` is spelled by the characters right before `i`.
    pub fn ends_with(&self, i: usize, w: &str) -> bool {
        let mut j = i;
        for ch in w.chars().rev() {
            if j == 0 || self.c[j - 1] != ch {
                return false;
            }
            j -= 1;
        }
        true
    }

    /// Same as [`Chars::starts_with`] for a word given as chars.
    #[inline]
    pub fn starts_with_chars(&self, i: usize, w: &[char]) -> bool {
        i + w.len() <= self.c.len() && w.iter().enumerate().all(|(k, &ch)| self.c[i + k] == ch)
    }

    /// Same as [`Chars::ends_with`] for a word given as chars.
    #[inline]
    pub fn ends_with_chars(&self, i: usize, w: &[char]) -> bool {
        let n = w.len();
        n <= i && i <= self.c.len() && (0..n).all(|k| self.c[i - 1 - k] == w[n - 1 - k])
    }

    /// True when the input character at `i` is a single byte (ASCII) as written.
    pub fn is_ascii_at(&self, i: usize) -> bool {
        i + 1 < self.off.len() && self.off[i + 1] - self.off[i] == 1
    }

    /// The original text of characters `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.off(a)..self.off(b)]
    }

    /// Index of the first non-space character at or after `i`.
    pub fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.c.len() && self.c[i] == ' ' {
            i += 1;
        }
        i
    }

    /// The first non-space character before `i` (or `'\n'`).
    pub fn prev_non_space(&self, i: usize) -> char {
        let mut j = i;
        while j > 0 {
            j -= 1;
            if self.c[j] != ' ' {
                return self.c[j];
            }
        }
        '\n'
    }
}

/// Bit maps of the characters the scans look for: bit `k % 64` of word `k / 64` for character `k`.
/// Made in the pass that makes the characters, 64 at a time without a branch per character; a scan
/// then goes from one mark to the next by the bits. Searched for among the characters (a block of 16
/// at a time, then the hit in it), numerals, title brackets and sentence ends cost a mispredicted
/// branch at nearly every one: they come a few in a hundred characters, in no pattern.
#[derive(Clone, Default)]
pub(crate) struct Marks {
    /// Numerals ([`is_numeral`]): where a figure may start.
    pub numerals: Vec<u64>,
    /// `《`, `》` and line breaks: what the title ranges depend on.
    pub titles: Vec<u64>,
    /// Sentence ends: `\n`, `。`, `!` and `?` (normalized from `！`, `？`).
    pub sentences: Vec<u64>,
    /// Sentence ends of the original text as [`crate::text::is_sentence_end`] has them (`；` and `\r`
    /// too): the bounds of [`crate::doc::Doc::sentence_around`].
    pub ends: Vec<u64>,
}

impl Marks {
    /// Empty marks with room for `chars` characters.
    pub fn with_capacity(chars: usize) -> Marks {
        let words = chars.div_ceil(64) + 1;
        Marks {
            numerals: Vec::with_capacity(words),
            titles: Vec::with_capacity(words),
            sentences: Vec::with_capacity(words),
            ends: Vec::with_capacity(words),
        }
    }

    /// Whether the character of code point `u` (of the original text) ends a sentence as
    /// [`crate::text::is_sentence_end`] has it: 0 or 1.
    #[inline]
    pub fn end_of(u: u32) -> u64 {
        // Without a branch (a `matches!` mispredicted at a fifth of the marked characters).
        const ASCII: u128 = 1 << b'!' | 1 << b'?' | 1 << b';' | 1 << b'\n' | 1 << b'\r';
        let ascii = (ASCII >> (u & 0x7F)) as u64 & u64::from(u < 0x80);
        let wide = u64::from(u == 0x3002) | u64::from(u == 0xFF01) | u64::from(u == 0xFF1F) | u64::from(u == 0xFF1B);
        ascii & 1 | wide
    }

    /// The marks of one (normalized) character: numeral, title, sentence break, each 0 or 1.
    #[inline]
    pub fn of(ch: char) -> (u64, u64, u64) {
        // One row of the table for all three (a `matches!` compiles to branches, which mispredicted
        // here); beyond the BMP, the last row, which has no marks.
        let u = ch as usize;
        let [numerals, titles, sentences] = MARK_BITS[(u / 64).min(1023)];
        let bit = |row: u64| row >> (u % 64) & 1;
        (bit(numerals), bit(titles), bit(sentences))
    }

    /// Add the marks of `chars` (at most 64) from character `base`, of which `marked` has a bit for each
    /// that has some mark (the others are not looked at); `codes` are the characters they were
    /// normalized from, as the matchable view's codes (for [`Marks::ends`]).
    #[inline]
    pub fn add_marked(&mut self, base: usize, chars: &[char], codes: &[u32], mut marked: u64) {
        let (mut numerals, mut titles, mut sentences, mut ends) = (0u64, 0u64, 0u64, 0u64);
        while marked != 0 {
            let i = marked.trailing_zeros() as usize;
            marked &= marked - 1;
            let (n, t, s) = Marks::of(chars.get(i).copied().unwrap_or(' '));
            numerals |= n << i;
            titles |= t << i;
            sentences |= s << i;
            ends |= Marks::end_of(codes.get(i).map_or(0, |&c| c % crate::literals::LEN_UNIT)) << i;
        }
        self.add(base, chars.len(), [numerals, titles, sentences, ends]);
    }

    /// Add the marks of `n` (at most 64) characters from character `base`: bit `i` of each mask is
    /// character `base + i`.
    #[inline]
    pub fn add(&mut self, base: usize, n: usize, [numerals, titles, sentences, ends]: [u64; 4]) {
        if n == 0 {
            return;
        }
        let words = (base + n).div_ceil(64);
        let (w, shift) = (base / 64, base % 64);
        for (bits, mask) in [
            (&mut self.numerals, numerals),
            (&mut self.titles, titles),
            (&mut self.sentences, sentences),
            (&mut self.ends, ends),
        ] {
            if bits.len() < words {
                bits.resize(words, 0);
            }
            bits[w] |= mask << shift;
            if shift + n > 64 {
                bits[w + 1] |= mask >> (64 - shift);
            }
        }
    }
}

/// The first marked character of `bits` at or after `from`, or `n` (the number of characters) when none.
#[inline]
pub(crate) fn next_mark(bits: &[u64], from: usize, n: usize) -> usize {
    let mut w = from / 64;
    let Some(&first) = bits.get(w) else { return n };
    let mut word = first & (u64::MAX << (from % 64));
    loop {
        if word != 0 {
            return (w * 64 + word.trailing_zeros() as usize).min(n);
        }
        w += 1;
        match bits.get(w) {
            Some(&x) => word = x,
            None => return n,
        }
    }
}

/// The last marked character of `bits` before `to`, if any.
#[inline]
pub(crate) fn prev_mark(bits: &[u64], to: usize) -> Option<usize> {
    let last = to.checked_sub(1)?;
    let mut w = last / 64;
    let mut word = *bits.get(w)? & (u64::MAX >> (63 - last % 64));
    loop {
        if word != 0 {
            return Some(w * 64 + 63 - word.leading_zeros() as usize);
        }
        w = w.checked_sub(1)?;
        word = bits[w];
    }
}

/// Bit set over the BMP: the characters [`normalize`] changes, so that the others (nearly all of a
/// text) cost one test. The Traditional characters' set of `crate::normalize`, and the characters of
/// `normalize`'s own list that it changes (a test compares the set with `normalize` over the BMP).
fn changing() -> &'static [u64] {
    static CELL: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut bits = crate::normalize::traditional_bits().to_vec();
        for (b, l) in bits.iter_mut().zip(listed_changing()) {
            *b |= l;
        }
        bits
    })
}

/// What [`normalize`] does to the characters of [`listed_changing`], as rows of 64 characters: a
/// character's row is `row_of[u / 64]` (0: a row of none), and `rows[row][u % 64]` is the code point
/// XOR its normalized form (0: unchanged). The matchable view asks it of every character it has
/// simplified, without a branch.
pub(crate) struct Listed {
    /// Row of every block of 64 code points of the BMP, and one more (0) for every character beyond it.
    row_of: [u8; 0x1_0000 / 64 + 1],
    rows: Vec<[u16; 64]>,
    /// Two bit sets over the BMP, row by row (the last row, empty, serves every character beyond it):
    /// the code points [`Listed::apply`] changes, and those whose character as it leaves them has a
    /// [`Marks`] mark (`！` for `!`). The matchable pass asks these two bits of every character, and
    /// normalizes and sorts the few flagged ones of each block of 64 after.
    flags: Box<[[u64; 2]; 1024]>,
}

impl Listed {
    /// The character of code point `u`, simplified by matching already, as [`normalize`] leaves it:
    /// what the figure rules see.
    #[inline]
    pub fn apply(&self, u: u32) -> char {
        let row = usize::from(self.row_of[(u as usize / 64).min(0x1_0000 / 64)]);
        char::from_u32(u ^ u32::from(self.rows[row][u as usize % 64])).unwrap_or('\0')
    }

    /// The two bit sets of [`Listed::flags`] for the code points `64 * block ..` (`block` < 1024).
    pub fn flag_row(&self, block: usize) -> [u64; 2] {
        self.flags[block]
    }

    /// Whether [`Listed::apply`] changes code point `u`, and whether the character it makes of it has
    /// a [`Marks`] mark: each 0 or 1.
    #[cfg(test)]
    pub fn flags(&self, u: u32) -> (u64, u64) {
        let u = u as usize;
        let [changes, marked] = self.flags[(u / 64).min(1023)];
        (changes >> (u % 64) & 1, marked >> (u % 64) & 1)
    }
}

/// The table of [`Listed`], made on first use.
pub(crate) fn listed_table() -> &'static Listed {
    static CELL: std::sync::OnceLock<Listed> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let bits = listed_changing();
        let mut t = Listed {
            row_of: [0; 0x1_0000 / 64 + 1],
            rows: vec![[0; 64]],
            flags: Box::new(MARK_BITS.map(|[n, t, s]| [0, n | t | s])),
        };
        // Sentence ends are marked as they are ([`Marks::ends`]).
        for u in "。！？；!?;\n\r".chars().map(|c| c as usize) {
            t.flags[u / 64][1] |= 1 << (u % 64);
        }
        for (block, &word) in bits.iter().enumerate().filter(|(_, &w)| w != 0) {
            let mut row = [0u16; 64];
            for (k, slot) in row.iter_mut().enumerate().filter(|(k, _)| word >> k & 1 != 0) {
                let ch = char::from_u32((block * 64 + k) as u32).unwrap_or('\0');
                // Every listed character normalizes to one of the BMP (a test checks the whole table).
                *slot = u16::try_from(u32::from(normalize(ch)) ^ u32::from(ch)).unwrap_or(0);
                // A listed character marks nothing itself; its normalized form may (`！` → `!`).
                let (num, title, sentence) = Marks::of(normalize(ch));
                t.flags[block][1] |= (num | title | sentence | Marks::end_of(ch as u32)) << k;
            }
            t.row_of[block] = u8::try_from(t.rows.len()).expect("fewer than 256 rows of listed characters");
            t.rows.push(row);
            t.flags[block][0] = word;
        }
        assert_eq!(t.flags[1023], [0, 0], "characters beyond the BMP read the last row");
        t
    })
}

/// The characters of [`normalize`]'s own list that it changes (full-width forms, punctuation, spaces,
/// line breaks): what is left to do for a character matching has already simplified.
fn listed_changing() -> &'static [u64] {
    static CELL: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut bits = vec![0u64; 0x1_0000 / 64];
        let listed = "％﹪．，﹐：﹕；﹔（﹙）﹚［］＋－—–‑‒―／～〜∼＊∗＿！？＂·・•∙‧･⋅○◯\t\r\u{3000}\u{a0}\u{202f}\u{205f}\u{feff}\u{200b}\u{2028}\u{2029}";
        let ranges = ('\u{ff10}'..='\u{ff19}').chain('\u{ff21}'..='\u{ff3a}').chain('\u{ff41}'..='\u{ff5a}');
        for ch in listed.chars().chain(ranges).chain('\u{2002}'..='\u{200a}') {
            let u = ch as usize;
            if normalize(ch) != ch {
                bits[u / 64] |= 1 << (u % 64);
            }
        }
        bits
    })
}

#[inline]
fn normalize(ch: char) -> char {
    if ('\u{4e00}'..='\u{9fff}').contains(&ch) {
        return crate::normalize::simplify_char(ch);
    }
    if ch.is_ascii() {
        return match ch {
            '\t' => ' ',
            '\r' => '\n',
            _ => ch,
        };
    }
    match ch {
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch)
        }
        '％' | '﹪' => '%',
        '．' => '.',
        '，' | '﹐' => ',',
        '：' | '﹕' => ':',
        '；' | '﹔' => ';',
        '（' | '﹙' => '(',
        '）' | '﹚' => ')',
        '［' => '[',
        '］' => ']',
        '＋' => '+',
        '－' | '—' | '–' | '‑' | '‒' | '―' => '-',
        '／' => '/',
        '～' | '〜' | '∼' => '~',
        '＊' | '∗' => '*',
        '＿' => '_',
        '！' => '!',
        '？' => '?',
        '＂' => '"',
        '·' | '・' | '•' | '∙' | '‧' | '･' | '⋅' => '·',
        '○' | '◯' => '〇',
        '\u{3000}' | '\u{a0}' | '\t' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => ' ',
        '\u{feff}' | '\u{200b}' => ' ',
        '\r' | '\u{2028}' | '\u{2029}' => '\n',
        _ if (ch as u32) < 0x3400 => ch,
        _ => crate::normalize::simplify_char(ch),
    }
}

#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Chinese digits (not the multipliers): 零〇一二三四五六七八九两.
#[inline]
pub(crate) fn is_cn_digit(c: char) -> bool {
    matches!(c, '零' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '两')
}

/// Any character of a Chinese numeral: the digits and 十百千万亿.
#[inline]
pub(crate) fn is_cn_num(c: char) -> bool {
    is_cn_digit(c) || matches!(c, '十' | '百' | '千' | '万' | '亿')
}

/// Characters that start a number: ASCII digits and [`is_cn_num`]. Asked of every character of the
/// text, so answered by one bit of a table over the BMP rather than a chain of comparisons.
#[inline]
pub(crate) fn is_numeral(c: char) -> bool {
    let u = c as usize;
    u < 0x10000 && NUMERAL_BITS[u / 64] & (1 << (u % 64)) != 0
}

/// Bit sets over the BMP of the characters [`Marks`] marks, a row of 64 characters each: numerals,
/// `《》` and line breaks, sentence ends.
static MARK_BITS: [[u64; 3]; 1024] = {
    let mut rows = [[0u64; 3]; 1024];
    let mut i = 0;
    while i < 1024 {
        rows[i][0] = NUMERAL_BITS[i];
        i += 1;
    }
    let marks = [('《', 1), ('》', 1), ('\n', 1), ('\n', 2), ('。', 2), ('!', 2), ('?', 2)];
    let mut i = 0;
    while i < marks.len() {
        let u = marks[i].0 as usize;
        rows[u / 64][marks[i].1] |= 1 << (u % 64);
        i += 1;
    }
    // Characters beyond the BMP read the last row: it must mark none.
    assert!(rows[1023][0] == 0 && rows[1023][1] == 0 && rows[1023][2] == 0);
    rows
};

/// A bit set over the BMP of `chars` (each in the BMP).
const fn char_bits(chars: &[char]) -> [u64; 1024] {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < chars.len() {
        let u = chars[i] as usize;
        bits[u / 64] |= 1 << (u % 64);
        i += 1;
    }
    bits
}

const NUMERAL_BITS: [u64; 1024] = char_bits(&[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '零', '〇', '一', '二', '三', '四', '五', '六', '七', '八', '九',
    '两', '十', '百', '千', '万', '亿',
]);

/// CJK ideographs (BMP and the supplementary planes).
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

/// Characters that end a clause: a subject or a list never reaches across them.
const CLAUSE_BREAKS: [char; 23] = [
    '\n', '。', ',', ';', ':', '!', '?', '、', '(', ')', '“', '”', '"', '《', '》', '【', '】', '[', ']', '‘', '’',
    '〔', '〕',
];

/// [`CLAUSE_BREAKS`] as a bit set over the BMP: one load per test, where a `matches!` over them was a
/// tree of branches in the subjects' walks.
static CLAUSE_BITS: [u64; 1024] = char_bits(&CLAUSE_BREAKS);

/// Whether `c` ends a clause ([`CLAUSE_BREAKS`]).
#[inline]
pub(crate) fn is_clause_break(c: char) -> bool {
    let u = c as usize;
    u < 0x1_0000 && CLAUSE_BITS[u / 64 % 1024] >> (u % 64) & 1 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_char_for_one_and_offsets() {
        let s = "共１２００人，萬𠀀";
        let d = Chars::new(s);
        assert_eq!(d.len(), s.chars().count());
        assert_eq!(d.c.iter().collect::<String>(), "共1200人,万𠀀");
        assert_eq!(d.off(d.len()), s.len());
        assert_eq!(d.char_at_byte(3), 1);
        assert_eq!(d.slice(1, 5), "１２００");
        assert!(!d.is_ascii_at(1));
    }

    #[test]
    fn numeral_table_is_digits_and_chinese_numerals() {
        for u in (0..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_numeral(u), is_digit(u) || is_cn_num(u), "{u:?}");
        }
    }

    #[test]
    fn changing_set_is_every_character_normalize_changes() {
        let bits = changing();
        for ch in (0..0x1_0000).filter_map(char::from_u32) {
            let u = ch as usize;
            assert_eq!(bits[u / 64] & (1 << (u % 64)) != 0, normalize(ch) != ch, "{ch:?}");
        }
    }

    /// The clause-break bit set is the list, on every character.
    #[test]
    fn clause_breaks_are_the_list() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_clause_break(c), CLAUSE_BREAKS.contains(&c), "{c:?}");
        }
    }

    /// The sentence-end mark is `is_sentence_end`, on every character.
    #[test]
    fn end_marks_are_the_sentence_ends() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(Marks::end_of(c as u32), u64::from(crate::text::is_sentence_end(c)), "{c:?}");
        }
    }

    /// The table gives `normalize` of every listed character and leaves every other one alone, in the
    /// BMP and beyond it.
    #[test]
    fn listed_table_is_normalize_of_the_listed() {
        let (t, bits) = (listed_table(), listed_changing());
        let astral = ['\u{10000}', '\u{20000}', '\u{2ebe0}', '\u{10ffff}'];
        for ch in (0..0x1_0000).filter_map(char::from_u32).chain(astral) {
            let u = ch as usize;
            let listed = u < 0x1_0000 && bits[u / 64] & (1 << (u % 64)) != 0;
            assert_eq!(t.apply(ch as u32), if listed { normalize(ch) } else { ch }, "{ch:?}");
        }
        assert!(t.rows.len() > 5, "the full-width forms, spaces and dashes fill several rows");
        for ch in (0..0x1_0000).filter_map(char::from_u32).chain(astral) {
            let (n, ti, se) = Marks::of(t.apply(ch as u32));
            let end = Marks::end_of(ch as u32);
            assert_eq!(t.flags(ch as u32), (u64::from(t.apply(ch as u32) != ch), n | ti | se | end), "{ch:?}");
        }
    }

    /// [`Chars::from_matchable`] builds what [`Chars::new`] builds: on every character of the BMP and
    /// beyond (the Traditional table's chains, 薴 → 苧 → 苎, included: matching simplifies once, and
    /// only the listed forms are normalized after it), and on random mixes of full-width, Traditional,
    /// astral and gloss-like pieces, whose glosses give `None`.
    #[test]
    fn from_matchable_is_new() {
        let same = |s: &str| {
            let m = crate::normalize::Matchable::new(s);
            let Some(a) = Chars::from_matchable(s, &m) else { return false };
            let b = Chars::new(s);
            // The first difference, not the whole of two long vectors.
            let k = (0..=b.c.len()).find(|&k| a.c.get(k) != b.c.get(k) || a.off.get(k) != b.off.get(k));
            let at = k.map(|k| (b.c.get(k), a.c.get(k), b.off.get(k), a.off.get(k)));
            let head: String = s.chars().take(60).collect();
            assert_eq!(at, None, "first difference (Chars::new, from_matchable) in {head:?}");
            assert_eq!((a.c.len(), a.off.len()), (b.c.len(), b.off.len()));
            true
        };
        let every: String = (0..0x11_0000).filter_map(char::from_u32).collect();
        assert!(same(&every));
        let pieces = [
            "法", "萬", "１２", "ＡＢ", "＋", "，", "。", "a", "(", "（", "lǐ", "ng)", "）", "𠀀", "\u{3000}", "—",
            "\n",
        ];
        let mut glossed = 0;
        for s in crate::text::random_mixes(&pieces, 3000, 12, 5) {
            if !same(&s) {
                glossed += 1;
                let m = crate::normalize::Matchable::new(&s);
                assert_ne!(m.original_chars(), m.text().chars().count(), "{s:?}: None, yet no gloss was removed");
            }
        }
        assert!(glossed > 0 && glossed < 3000, "{glossed}");
    }

    /// Characters that end a sentence.
    fn is_sentence_break(c: char) -> bool {
        matches!(c, '\n' | '。' | '!' | '?')
    }

    /// The table marks what the tests of numerals, titles and sentence ends say, over the BMP and beyond.
    #[test]
    fn mark_table_is_the_character_tests() {
        let astral = ['\u{10000}', '\u{10041}', '\u{2000a}', '\u{10ffff}'];
        for ch in (0..0x1_0000).filter_map(char::from_u32).chain(astral) {
            let want = (is_numeral(ch), matches!(ch, '《' | '》' | '\n'), is_sentence_break(ch));
            let (n, t, s) = Marks::of(ch);
            assert_eq!((n == 1, t == 1, s == 1), want, "{ch:?}");
        }
    }

    /// The marks are the characters', and the searches over them find what a search of the characters
    /// finds: in the first and the last block, across blocks, and beyond the BMP; made by the
    /// matchable view's pass (in blocks that start anywhere) as by [`Chars::new`] (one at a time).
    #[test]
    fn marks_find_what_a_character_search_finds() {
        let text = "一二三《四》五\n".repeat(7) + &"六".repeat(40) + "》𠀀10。ab！?" + &"的".repeat(70) + "○萬的";
        for glossed in [false, true] {
            // A gloss makes the matchable view give up its figure view: Chars::new is used.
            let text = if glossed { format!("領(lǐng){text}") } else { text.clone() };
            let m = crate::normalize::Matchable::new(&text);
            let d = Chars::from_matchable(&text, &m).unwrap_or_else(|| Chars::new(&text));
            assert_eq!(matches!(d.marks, Cow::Owned(_)), glossed);
            let n = d.len();
            type Hit = fn(char) -> bool;
            let kinds: [(&[u64], Hit); 3] = [
                (&d.marks.numerals, is_numeral),
                (&d.marks.titles, |x| matches!(x, '《' | '》' | '\n')),
                (&d.marks.sentences, is_sentence_break),
            ];
            for (bits, hit) in kinds {
                for from in 0..=n + 2 {
                    let want = (from.min(n)..n).find(|&k| hit(d.c[k])).unwrap_or(n);
                    assert_eq!(next_mark(bits, from, n), want, "next from {from}");
                    let want = (0..from.min(n)).rev().find(|&k| hit(d.c[k]));
                    assert_eq!(prev_mark(bits, from.min(n)), want, "prev before {from}");
                }
            }
            assert_eq!(next_mark(&d.marks.numerals, 0, n), usize::from(glossed) * "領(lǐng)".chars().count());
            assert_eq!(prev_mark(&d.marks.numerals, n - 1), Some(n - 2), "萬 is 万, a numeral");
            assert_eq!(prev_mark(&d.marks.numerals, n - 2), Some(n - 3), "○ is 〇, a numeral");
        }
    }

    #[test]
    fn word_helpers() {
        let d = Chars::new("排名第一");
        assert!(d.starts_with(0, "排名"));
        assert!(d.ends_with(2, "排名"));
        assert!(!d.ends_with(1, "排名"));
        assert_eq!(d.back(0, 1), '\n');
        assert_eq!(d.at(9), '\n');
    }
}
