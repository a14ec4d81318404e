//! Normalization for matching, never for offsets: Traditional characters read as simplified (mirror
//! sites publish reports in 繁體), full-width forms as ASCII, and the pinyin some mirrors insert after a
//! character (`領(lǐng)導`) as absent. Every span still points into the original text: whole-text scans
//! go through [`Matchable`], which maps its positions back; short strings use [`simplify`].

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use crate::figures::norm::Marks;
use crate::literals::Literals;

/// `data/traditional.tsv`, packed by `build.rs` (see there for the format).
const TRADITIONAL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/traditional.bin"));

struct Table {
    /// Sorted (Traditional, simplified) pairs.
    pairs: Vec<(char, char)>,
    /// Bit set over the BMP: characters with a simplified form.
    bits: Vec<u64>,
    /// Bit set over the BMP: characters [`Matchable`] looks at closely (those [`match_char`] changes,
    /// and `（`, which may open a pinyin gloss).
    matching: Vec<u64>,
    /// Bit set over the BMP: characters [`squeeze`] changes (folds, simplifies or drops as space).
    squeezing: Vec<u64>,
}

fn table() -> &'static Table {
    static CELL: OnceLock<Table> = OnceLock::new();
    CELL.get_or_init(|| {
        let pairs = unpack(TRADITIONAL);
        let mut bits = vec![0u64; 0x10000 / 64];
        for &(t, _) in &pairs {
            let u = t as usize;
            if u < 0x10000 {
                bits[u / 64] |= 1 << (u % 64);
            }
        }
        let mut matching = bits.clone();
        for u in (0xFF10..=0xFF19).chain(0xFF21..=0xFF3A).chain(0xFF41..=0xFF5A).chain([0xFF0B, 0xFF08]) {
            matching[u / 64] |= 1 << (u % 64);
        }
        // Every White_Space character, the invisible spaces and the full-width forms; the rest is the
        // Traditional set (a test compares the set with what `squeeze` changes over the BMP).
        let mut squeezing = bits.clone();
        let spaces = "\u{85}\u{a0}\u{1680}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}\u{200b}".chars();
        let ranges = ('\u{9}'..='\u{d}').chain([' ']).chain('\u{2000}'..='\u{200a}').chain('\u{ff01}'..='\u{ff5e}');
        let simplified = |c: char| lookup(&bits, &pairs, c);
        let changes = |c: char| fold_char(simplified(c)) != c || crate::text::is_space(c);
        for c in spaces.chain(ranges).filter(|&c| changes(c)) {
            let u = c as usize;
            squeezing[u / 64] |= 1 << (u % 64);
        }
        Table { pairs, bits, matching, squeezing }
    })
}

/// The (Traditional, simplified) pairs of the packed table, in Traditional order. Built by build.rs
/// from our own data file: a malformed step ends the table rather than panicking.
fn unpack(packed: &[u8]) -> Vec<(char, char)> {
    let (count, mut rest) = match packed.split_first_chunk::<4>() {
        Some((n, rest)) => (u32::from_le_bytes(*n) as usize, rest),
        None => return Vec::new(),
    };
    let mut varint = || {
        let (mut n, mut shift) = (0u32, 0);
        while let Some((&b, tail)) = rest.split_first() {
            rest = tail;
            n |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
        None
    };
    let mut traditional = Vec::with_capacity(count);
    let mut code = 0u32;
    for _ in 0..count {
        let Some(step) = varint() else { break };
        code = code.saturating_add(step);
        traditional.push(code);
    }
    let mut code = 0i64;
    let mut pairs = Vec::with_capacity(count);
    for t in traditional {
        let Some(z) = varint() else { break };
        code += if z & 1 == 0 { i64::from(z >> 1) } else { -(i64::from(z >> 1) + 1) };
        if let (Some(t), Some(s)) = (char::from_u32(t), u32::try_from(code).ok().and_then(char::from_u32)) {
            pairs.push((t, s));
        }
    }
    pairs
}

/// Bit set over the BMP: the characters with a simplified form.
pub fn traditional_bits() -> &'static [u64] {
    &table().bits
}

/// The simplified form of a Traditional character (the character itself otherwise).
#[inline]
pub fn simplify_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let t = table();
    lookup(&t.bits, &t.pairs, c)
}

/// The simplified form of `c` in a table's bit set and pairs.
#[inline]
fn lookup(bits: &[u64], pairs: &[(char, char)], c: char) -> char {
    let u = c as usize;
    if u < 0x10000 && bits[u / 64] & (1 << (u % 64)) == 0 {
        return c;
    }
    match pairs.binary_search_by_key(&c, |&(a, _)| a) {
        Ok(i) => pairs[i].1,
        Err(_) => c,
    }
}

/// Fold one character for matching: full-width ASCII forms to ASCII (１→1, ：→:, （→(), the
/// ideographic space and other spaces to ' '.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => ' ',
        _ => c,
    }
}

/// The character as whole-text matching sees it: simplified, full-width letters, digits and `＋` as
/// ASCII. Punctuation keeps its width (cues have none, and keeping it spares a map entry per mark).
#[inline]
fn match_char(c: char) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' | '＋' => fold_char(c),
        _ => simplify_char(c),
    }
}

/// A short string (a line, a title) with Traditional characters simplified and full-width forms folded.
pub fn simplify(s: &str) -> Cow<'_, str> {
    rewrite(s, false)
}

/// The line folded for phrase matching: simplified, every space removed, full-width forms folded.
/// Borrowed when nothing changes (most lines: a copy per line was 2% of an analysis).
pub fn squeeze(s: &str) -> Cow<'_, str> {
    rewrite(s, true)
}

/// Every character folded and simplified, and spaces dropped when `drop_spaces`. The unchanged runs
/// between changes are copied whole, and only the characters of a bit set are looked at (a
/// per-character fold and simplification was 3% of an analysis).
fn rewrite(s: &str, drop_spaces: bool) -> Cow<'_, str> {
    let t = table();
    let mut out: Option<String> = None;
    let (mut at, mut run) = (0, 0);
    while at < s.len() {
        let (u, len) = crate::text::decode_at(s, at);
        // The set holds every character either rewrite changes; ASCII whitespace matters only to `squeeze`.
        let look = match u {
            0..=0x7F => drop_spaces && matches!(u, 0x09..=0x0D | 0x20),
            0x80..=0xFFFF => t.squeezing[u as usize / 64] & (1 << (u % 64)) != 0,
            _ => true,
        };
        if look {
            let c = char::from_u32(u).unwrap_or('\0');
            let f = fold_char(simplify_char(c));
            let drop = drop_spaces && crate::text::is_space(f);
            if f != c || drop {
                let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
                o.push_str(&s[run..at]);
                if !drop {
                    o.push(f);
                }
                run = at + len;
            }
        }
        at += len;
    }
    match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[run..]);
            Cow::Owned(o)
        }
    }
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ebef}')
}

/// Bytes of an inserted pinyin gloss at the start of `s` (`(lǐng)`, `（dǎo）`), if any: 1–7 pinyin
/// letters with at least one tone mark, in brackets, right after a Chinese character.
fn pinyin_gloss(s: &str) -> Option<usize> {
    let mut it = s.char_indices();
    let (_, open) = it.next()?;
    if open != '(' && open != '（' {
        return None;
    }
    let mut toned = false;
    for (letters, (i, c)) in it.enumerate() {
        if c == ')' || c == '）' {
            return (letters > 0 && toned).then_some(i + c.len_utf8());
        }
        if !is_pinyin_letter(c) || letters == 7 {
            return None;
        }
        toned |= !c.is_ascii();
    }
    None
}

/// What the matchable pass asks of each character of the BMP, a row per block of 64 code points:
/// whether it looks at it closely (the [`Table::matching`] set, and `(`, which may open a gloss), and
/// the two flags of the figure rules' table ([`crate::figures::norm::Listed::flags`]: changed by their
/// normalization; marked). One row read per character, where two tables and a branch on the
/// character's range were.
fn pass_rows() -> &'static [[u64; 3]; 1024] {
    static CELL: OnceLock<Box<[[u64; 3]; 1024]>> = OnceLock::new();
    CELL.get_or_init(|| {
        let (t, listed) = (table(), crate::figures::norm::listed_table());
        let mut rows = Box::new([[0u64; 3]; 1024]);
        for (block, row) in rows.iter_mut().enumerate() {
            let [changes, marked] = listed.flag_row(block);
            *row = [t.matching[block], changes, marked];
        }
        // Of ASCII, only `(` is looked at.
        rows[0][0] = 1 << b'(';
        rows[1][0] = 0;
        rows
    })
}

/// What matching changes at a position of the original text.
enum Change {
    /// A pinyin gloss of this many bytes, removed.
    Gloss(usize),
    /// A character and what it becomes.
    Char(char, char),
}

/// The first change at or after byte `from` of `text`: a character [`match_char`] alters, or a pinyin
/// gloss after a CJK character. `prev_cjk` says whether the character before `from` is CJK (as
/// matching sees it); when a gloss is returned it says the same of the character before the gloss.
/// Every character passed over is unchanged: it goes to `codes` (code point + UTF-8 length ×
/// [`crate::literals::LEN_UNIT`]) and to the figure view `fig`.
fn next_change(
    text: &str,
    from: usize,
    prev_cjk: &mut bool,
    codes: &mut Vec<u32>,
    fig: &mut FigureView,
) -> Option<(usize, Change)> {
    // Unchanged characters are gathered 64 at a time on the stack and appended in one copy: pushing
    // them one by one (a capacity check each) was a fifth of this loop.
    let mut buf = [0u32; 64];
    let mut chars = ['\0'; 64];
    let mut offsets = [0u32; 64];
    let listed = fig.listed;
    let rows = pass_rows();
    let mut at = from;
    while at < text.len() {
        let mut n = 0;
        let mut look = None;
        let (mut changed, mut marked) = (0u64, 0u64);
        for ((slot, ch), off) in buf.iter_mut().zip(&mut chars).zip(&mut offsets) {
            if at >= text.len() {
                break;
            }
            let (u, len) = crate::text::decode_at(text, at);
            // One row of the pass's table for all three questions (characters beyond the BMP are
            // looked at closely).
            let [seen, changes, mark] = rows[u as usize / 64 % 1024];
            if u > 0xFFFF || seen >> (u % 64) & 1 != 0 {
                look = Some((u, len));
                break;
            }
            *slot = u + len as u32 * crate::literals::LEN_UNIT;
            changed |= (changes >> (u % 64) & 1) << n;
            marked |= (mark >> (u % 64) & 1) << n;
            *ch = char::from_u32(u).unwrap_or('\0');
            *off = at as u32;
            n += 1;
            at += len;
        }
        // The few characters the figure rules see otherwise (`，`, `（`…), a tenth of a report's.
        while changed != 0 {
            let i = changed.trailing_zeros() as usize;
            changed &= changed - 1;
            chars[i] = listed.apply(chars[i] as u32);
        }
        fig.marks.add_marked(fig.chars.len(), &chars[..n], &buf[..n], marked);
        codes.extend_from_slice(&buf[..n]);
        fig.chars.extend_from_slice(&chars[..n]);
        fig.offsets.extend_from_slice(&offsets[..n]);
        let Some((u, len)) = look else { continue };
        if u == u32::from(b'(') || u == 0xFF08 {
            // Characters between `from` and `at` are unchanged: the original one is what matching sees.
            let prev = if at == from { *prev_cjk } else { crate::text::char_before(text, at).is_some_and(is_cjk) };
            if prev {
                if let Some(gloss) = pinyin_gloss(&text[at..]) {
                    *prev_cjk = true;
                    return Some((at, Change::Gloss(gloss)));
                }
            }
        }
        let c = char::from_u32(u).unwrap_or('\0');
        let matched = match_char(c);
        if matched != c {
            return Some((at, Change::Char(c, matched)));
        }
        codes.push(u + len as u32 * crate::literals::LEN_UNIT);
        fig.push(u, at);
        at += len;
    }
    None
}

/// The characters as the figure rules see them ([`crate::figures::norm`]: simplified as matching has
/// them, then full-width punctuation, spaces and dashes normalized) with their byte offsets in the
/// original text, built in the pass that builds the matchable view: a second pass over its characters
/// was ~6% of an analysis. When a gloss is removed (pinyin on a mirror site: rare) the view is no
/// longer one for one with the original and is dropped at the end; the figure stage then decodes the
/// text itself (`Chars::new`).
struct FigureView {
    chars: Vec<char>,
    offsets: Vec<u32>,
    marks: Marks,
    listed: &'static crate::figures::norm::Listed,
}

impl FigureView {
    /// The view, with the text's length after the last offset; `None` when characters were removed
    /// (a gloss) or offsets do not fit in `u32`.
    fn finish(mut self, len: usize, removed: bool) -> Option<(Vec<char>, Vec<u32>, Marks)> {
        if removed || u32::try_from(len).is_err() {
            crate::scratch::give_chars(self.chars);
            crate::scratch::give_u32s(self.offsets);
            return None;
        }
        self.offsets.push(len as u32);
        Some((self.chars, self.offsets, self.marks))
    }

    #[inline]
    fn push(&mut self, u: u32, at: usize) {
        let ch = self.listed.apply(u);
        let (num, title, sentence) = Marks::of(ch);
        self.marks.add(self.chars.len(), 1, [num, title, sentence, Marks::end_of(u)]);
        self.chars.push(ch);
        self.offsets.push(at as u32);
    }
}

/// The first character whose original byte offset is at or after `at` (`offsets` ascending), searched
/// near character `*from` and left in `*from` for the next search. Callers go through a text in order.
/// The search starts where the bytes between say it should for Chinese text (a character every three
/// bytes) and gallops from there, forwards or back: most searches take a few steps over one or two
/// cache lines. A binary search of the whole text's offsets took a cache miss at most of its steps (the
/// analysis of a 3 MB text ran 60% slower), and a gallop from the cursor itself one at each doubling
/// when the cursor was a long paragraph behind (on a 3 MB text, 4% more cache misses in all).
pub(crate) fn seek(offsets: &[u32], at: usize, from: &mut usize) -> usize {
    let below = |o: &u32| (*o as usize) < at;
    let n = offsets.len();
    let start = (*from).min(n);
    let guess = match offsets.get(start) {
        Some(&o) if (o as usize) < at => (start + (at - o as usize) / 3).min(n),
        _ => start,
    };
    let k = if guess > 0 && !below(&offsets[guess - 1]) {
        // At or before `guess - 1`: gallop back.
        let (mut hi, mut step) = (guess - 1, 1);
        loop {
            let lo = hi.saturating_sub(step);
            if lo == 0 || below(&offsets[lo - 1]) {
                break lo + offsets[lo..hi].partition_point(below);
            }
            hi = lo - 1;
            step *= 2;
        }
    } else {
        // Every offset before `lo` is below `at`: gallop on.
        let (mut lo, mut step) = (guess, 1);
        loop {
            let hi = lo + step;
            match offsets.get(hi) {
                Some(o) if below(o) => {
                    lo = hi + 1;
                    step *= 2;
                }
                _ => break lo + offsets[lo..hi.min(n)].partition_point(below),
            }
        }
    };
    *from = k;
    k
}

/// Append to `out` the decoded character `code` (a simplified one) folded as [`simplify`] folds it, and
/// dropped when a space and `squeezed` ([`squeeze`]); only the characters of the `squeezing` set are
/// looked at.
#[inline(always)]
fn push_folded(code: u32, squeezing: &[u64], squeezed: bool, out: &mut Vec<u32>) {
    let u = code % crate::literals::LEN_UNIT;
    let looked = match u {
        0..=0x7F => matches!(u, 0x09..=0x0D | 0x20),
        0x80..=0xFFFF => squeezing[u as usize / 64] & (1 << (u % 64)) != 0,
        _ => false,
    };
    if !looked {
        out.push(code);
        return;
    }
    let f = fold_char(char::from_u32(u).unwrap_or('\0'));
    if !(squeezed && crate::text::is_space(f)) {
        out.push(crate::literals::encode(f));
    }
}

/// Where the offset difference changes: (normalized byte, original byte − normalized byte from there on).
pub(crate) type Shift = (usize, isize);

/// The whole text as matching sees it, with the map back to the original bytes.
pub struct Matchable<'a> {
    text: Cow<'a, str>,
    /// Where the offset difference changes. Empty when every character kept its length.
    shifts: Vec<Shift>,
    /// The text decoded: every character of `text` as its code point plus its UTF-8 length times
    /// [`crate::literals::LEN_UNIT`], built while normalizing so that the literal scans (checklist
    /// cues, body-cue words) need not decode it again.
    codes: Vec<u32>,
    /// The characters as the figure rules see them and their byte offsets in the original text, plus
    /// its length at the end; `None` when a gloss was removed (the figure scan then makes its own)
    /// or the text is too long for `u32` offsets.
    figure: Option<(Vec<char>, Vec<u32>, Marks)>,
    /// Characters of the original text (those of `text` and those of the removed glosses).
    original_chars: usize,
}

impl Drop for Matchable<'_> {
    fn drop(&mut self) {
        crate::scratch::give_u32s(std::mem::take(&mut self.codes));
        if let Some((chars, offsets, _)) = self.figure.take() {
            crate::scratch::give_chars(chars);
            crate::scratch::give_u32s(offsets);
        }
    }
}

impl<'a> Matchable<'a> {
    pub fn new(original: &'a str) -> Self {
        // The text up to the first change is kept as it is (most reports: all of it); after it, the
        // unchanged runs between changes are copied whole.
        let mut codes = crate::scratch::u32s(original.len() / 3 + 1);
        let mut fig = FigureView {
            chars: crate::scratch::chars(original.len() / 3 + 1),
            offsets: crate::scratch::u32s(original.len() / 3 + 2),
            marks: Marks::with_capacity(original.len() / 3 + 1),
            listed: crate::figures::norm::listed_table(),
        };
        let mut prev_cjk = false;
        let Some(mut change) = next_change(original, 0, &mut prev_cjk, &mut codes, &mut fig) else {
            let original_chars = codes.len();
            let figure = fig.finish(original.len(), false);
            return Matchable { text: Cow::Borrowed(original), shifts: Vec::new(), codes, figure, original_chars };
        };
        let mut text = String::with_capacity(original.len());
        let mut shifts = Vec::new();
        let mut delta: isize = 0;
        let mut i = 0;
        let mut removed_chars = 0;
        loop {
            let (at, what) = change;
            text.push_str(&original[i..at]);
            match what {
                Change::Gloss(len) => {
                    removed_chars += original[at..at + len].chars().count();
                    i = at + len;
                    delta += len as isize;
                    shifts.push((text.len(), delta));
                }
                Change::Char(c, n) => {
                    codes.push(crate::literals::encode(n));
                    fig.push(n as u32, at);
                    text.push(n);
                    i = at + c.len_utf8();
                    if n.len_utf8() != c.len_utf8() {
                        delta += c.len_utf8() as isize - n.len_utf8() as isize;
                        shifts.push((text.len(), delta));
                    }
                    prev_cjk = is_cjk(n);
                }
            }
            match next_change(original, i, &mut prev_cjk, &mut codes, &mut fig) {
                Some(next) => change = next,
                None => break,
            }
        }
        text.push_str(&original[i..]);
        let original_chars = codes.len() + removed_chars;
        let figure = fig.finish(original.len(), removed_chars > 0);
        Matchable { text: Cow::Owned(text), shifts, codes, figure, original_chars }
    }

    /// Call `found(pattern, at)` for every occurrence of a pattern of `set` in the text, as
    /// [`Literals::for_each_match`] does (`at`: a byte offset in [`Matchable::text`]), on the decoded
    /// characters.
    pub fn for_each_literal(&self, set: &Literals, found: impl FnMut(usize, usize)) {
        set.for_each_match_decoded(&self.codes, found);
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The characters of `original[range]` (`original` is the text this view was made of; `range` on
    /// character boundaries) as [`simplify`] has them, or [`squeeze`] when `squeezed`, appended to
    /// `out` decoded (code point + UTF-8 length × [`crate::literals::LEN_UNIT`]). Taken from this
    /// view's decoded characters when they are one for one with the original's: a character's simplified
    /// form is `fold_char` of its matchable one (matching simplifies the same and folds a subset), so
    /// only the few characters of the squeezing set are looked at. Decoded from the range otherwise.
    ///
    /// `cursor` is a character position for [`seek`] to start from (callers going through the text in
    /// order keep it; 0 at first).
    pub(crate) fn folded_codes(
        &self,
        original: &str,
        range: Range<usize>,
        squeezed: bool,
        out: &mut Vec<u32>,
        cursor: &mut usize,
    ) {
        let squeezing = &table().squeezing;
        match &self.figure {
            Some((_, offsets, _)) => {
                // The range's characters run to the first offset at its end (no search for it).
                let mut k = seek(offsets, range.start, cursor);
                for (&code, &o) in self.codes.get(k..).unwrap_or_default().iter().zip(&offsets[k..]) {
                    if o as usize >= range.end {
                        break;
                    }
                    push_folded(code, squeezing, squeezed, out);
                    k += 1;
                }
                *cursor = k;
            }
            None => {
                for c in original[range].chars() {
                    push_folded(crate::literals::encode(simplify_char(c)), squeezing, squeezed, out);
                }
            }
        }
    }

    /// The characters as the figure rules see them (one for one with the original's) and their byte
    /// offsets in the original text, with its length at the end; `None` when a gloss was removed.
    pub(crate) fn figure_view(&self) -> Option<(&[char], &[u32], &Marks)> {
        self.figure.as_ref().map(|(c, o, m)| (c.as_slice(), o.as_slice(), m))
    }

    /// The number of characters of the original text (counted while normalizing it: a separate count
    /// was 1–2% of an analysis).
    pub fn original_chars(&self) -> usize {
        self.original_chars
    }

    /// The original byte offset of normalized byte offset `at`.
    pub fn to_original(&self, at: usize) -> usize {
        let k = self.shifts.partition_point(|&(n, _)| n <= at);
        let delta = if k == 0 { 0 } else { self.shifts[k - 1].1 };
        (at as isize + delta) as usize
    }

    /// The normalized byte offset of original byte offset `at` (the start of what `at` became; inside a
    /// removed gloss, the position after it).
    pub fn to_normalized(&self, at: usize) -> usize {
        let k = self.shifts.partition_point(|&(n, d)| (n as isize + d) as usize <= at);
        let delta = if k == 0 { 0 } else { self.shifts[k - 1].1 };
        (at as isize - delta).max(0) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_table_is_the_tsv() {
        let tsv = include_str!("../data/traditional.tsv");
        let mut want: Vec<(char, char)> = tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (t, s) = l.split_once('\t').expect("two columns");
                let one = |x: &str| {
                    let mut c = x.chars();
                    let first = c.next().expect("a character");
                    assert!(c.next().is_none(), "one character per column: {l:?}");
                    first
                };
                (one(t), one(s))
            })
            .collect();
        want.sort_unstable();
        assert_eq!(unpack(TRADITIONAL), want);
        assert!(unpack(&TRADITIONAL[..TRADITIONAL.len() / 2]).len() < want.len(), "a cut table ends early");
        assert!(unpack(&[]).is_empty());
    }

    #[test]
    fn table_is_valid() {
        let t = table();
        assert!(t.pairs.len() > 3000);
        assert!(t.pairs.windows(2).all(|w| w[0].0 != w[1].0), "one entry per Traditional character");
        assert!(t.pairs.iter().all(|&(a, b)| a != b));
        assert_eq!(simplify_char('萬'), '万');
        assert_eq!(simplify_char('報'), '报');
        assert_eq!(simplify_char('项'), '项');
        assert_eq!(simplify("法治政府建設年度報告"), "法治政府建设年度报告");
    }

    /// Whether [`squeeze`] changes `c`: folds or simplifies it, or drops it as a space.
    fn squeeze_changes(c: char) -> bool {
        fold_char(simplify_char(c)) != c || crate::text::is_space(c)
    }

    #[test]
    fn squeezing_set_is_every_character_squeeze_changes() {
        let t = table();
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            let u = c as usize;
            let listed =
                if c.is_ascii() { matches!(u, 0x09..=0x0D | 0x20) } else { t.squeezing[u / 64] & (1 << (u % 64)) != 0 };
            assert_eq!(listed, squeeze_changes(c), "{c:?}");
        }
        // Against the character-by-character definition.
        let folded = |c: char| fold_char(simplify_char(c));
        let pieces = [
            "法治", " ", "索", "號", "：", "１", "\u{3000}", "報", "\u{feff}", "\t", "\u{85}", "𠀀", "\u{2028}", "ｚ",
            "萬", "\u{a0}", "é", "a",
        ];
        for s in crate::text::random_mixes(&pieces, 3000, 9, 3) {
            let want: String = s.chars().map(folded).filter(|c| !crate::text::is_space(*c)).collect();
            assert_eq!(squeeze(&s), want, "{s:?}");
            assert_eq!(simplify(&s), s.chars().map(folded).collect::<String>(), "{s:?}");
        }
    }

    /// The pass's table answers as the sets it is made of, on every character of the BMP.
    #[test]
    fn pass_rows_are_the_matching_set_and_the_figure_flags() {
        let (t, listed, rows) = (table(), crate::figures::norm::listed_table(), pass_rows());
        for u in 0..0x1_0000u32 {
            let [seen, changes, marked] = rows[u as usize / 64].map(|row| row >> (u % 64) & 1);
            let want = if u < 0x80 { u == u32::from(b'(') } else { t.matching[u as usize / 64] >> (u % 64) & 1 != 0 };
            assert_eq!(seen != 0, want, "{u:x}");
            assert_eq!((changes, marked), listed.flags(u), "{u:x}");
        }
    }

    /// The galloping search is the binary search, from every starting position.
    #[test]
    fn seek_is_partition_point() {
        // Characters of one to four bytes, so that the guess from the bytes falls short and long.
        let offsets: Vec<u32> = (0..300u32).map(|k| k * 3 + k % 4 + k.saturating_sub(150)).collect();
        for at in 0..offsets.len() * 4 + 8 {
            let want = offsets.partition_point(|&o| (o as usize) < at);
            for from in
                [0, 1, 77, want.saturating_sub(9), want.saturating_sub(1), want, want + 1, want + 40, 299, 300, 1000]
            {
                let mut cursor = from;
                assert_eq!(seek(&offsets, at, &mut cursor), want, "{at} from {from}");
                assert_eq!(cursor, want);
            }
        }
        assert_eq!(seek(&[], 5, &mut 3), 0);
    }

    /// A range's folded codes are `simplify` and `squeeze` of its text, decoded: from the view's codes
    /// and, with a gloss removed, from the text; over Traditional characters (one of a chain of two),
    /// full-width forms, spaces of every kind, a character beyond the BMP, at every pair of boundaries.
    #[test]
    fn folded_codes_are_simplify_and_squeeze() {
        let pieces = [
            "依法",
            "萬",
            "薴",
            "１",
            "Ａ",
            "，",
            "：",
            "＋",
            "（",
            " ",
            "\t",
            "\u{3000}",
            "\u{a0}",
            "\u{2002}",
            "\u{feff}",
            "\u{200b}",
            "𠀀",
            "a",
            "。",
            "領(lǐng)",
        ];
        for s in crate::text::random_mixes(&pieces, 300, 8, 21) {
            let m = Matchable::new(&s);
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            for (i, &a) in bounds.iter().enumerate() {
                for &b in &bounds[i..] {
                    for squeezed in [false, true] {
                        let mut got = Vec::new();
                        m.folded_codes(&s, a..b, squeezed, &mut got, &mut (a % 7));
                        let want = if squeezed { squeeze(&s[a..b]) } else { simplify(&s[a..b]) };
                        let want: Vec<u32> = want.chars().map(crate::literals::encode).collect();
                        assert_eq!(got, want, "{s:?} {a}..{b} squeezed: {squeezed}");
                    }
                }
            }
        }
    }

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(squeeze("索\u{a0}\u{a0}引\u{3000}號：１２"), "索引号:12");
        assert_eq!(fold_char('（'), '(');
        assert_eq!(fold_char('中'), '中');
    }

    /// The character-by-character construction the run-copying one replaced.
    fn matchable_reference(original: &str) -> (String, Vec<(usize, isize)>) {
        let (mut text, mut shifts, mut delta, mut i) = (String::new(), Vec::new(), 0isize, 0);
        let mut prev: Option<char> = None;
        while let Some(c) = original[i..].chars().next() {
            if prev.is_some_and(is_cjk) {
                if let Some(len) = pinyin_gloss(&original[i..]) {
                    i += len;
                    delta += len as isize;
                    shifts.push((text.len(), delta));
                    continue;
                }
            }
            let n = match_char(c);
            text.push(n);
            i += c.len_utf8();
            if n.len_utf8() != c.len_utf8() {
                delta += c.len_utf8() as isize - n.len_utf8() as isize;
                shifts.push((text.len(), delta));
            }
            prev = Some(n);
        }
        (text, shifts)
    }

    #[test]
    fn matchable_agrees_with_the_char_by_char_construction() {
        let pieces = [
            "领",
            "(lǐng)",
            "（dǎo）",
            "(ab)",
            "(",
            "（",
            "導",
            "報",
            "萬",
            "１",
            "２",
            "Ａ",
            "ｚ",
            "＋",
            "（",
            "）",
            "a",
            "。",
            " ",
            "\u{3000}",
            "𠀀",
            "𠂉",
            "é",
            "\n",
            "法治",
            "(lǐ",
            "ng)",
        ];
        for s in crate::text::random_mixes(&pieces, 3000, 12, 0x9e37_79b9_7f4a_7c15) {
            let m = Matchable::new(&s);
            let (text, shifts) = matchable_reference(&s);
            assert_eq!((m.text(), &m.shifts), (text.as_str(), &shifts), "{s:?}");
            let codes: Vec<u32> = text.chars().map(crate::literals::encode).collect();
            assert_eq!(m.codes, codes, "{s:?}");
            assert_eq!(m.original_chars(), s.chars().count(), "{s:?}");
        }
    }

    #[test]
    fn matchable_maps_back_through_glosses_and_width_changes() {
        let orig = "加強領(lǐng)導（dǎo）小組，ＡＢ行政復議";
        let m = Matchable::new(orig);
        assert_eq!(m.text(), "加强领导小组，AB行政复议");
        for cue in ["领导小组", "行政复议", "AB"] {
            let at = m.text().find(cue).unwrap();
            let (s, e) = (m.to_original(at), m.to_original(at + cue.len()));
            assert!(orig.is_char_boundary(s) && orig.is_char_boundary(e));
            let got: String = simplify(&orig[s..e])
                .split(['(', ')'])
                .enumerate()
                .filter(|(k, _)| k % 2 == 0)
                .map(|(_, p)| p)
                .collect();
            assert_eq!(got, cue);
            assert_eq!(m.to_normalized(s), at);
        }
        let plain = "一、总体情况(一)加强领导";
        let m = Matchable::new(plain);
        assert!(matches!(m.text, Cow::Borrowed(_)));
        assert_eq!(m.to_original(9), 9);
    }
}
