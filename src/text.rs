//! Text plumbing shared by every stage: lines with byte offsets, trimming that keeps offsets, and the
//! UTF-8 → UTF-16 offsets used at the JS boundary.

use std::ops::Range;

/// One line of the input: `text[start..end]` without its line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Split on `\n`, `\r\n`, `\r`, U+2028 and U+2029, keeping byte offsets. `memchr3` finds the candidate
/// bytes (a break, or the lead byte of U+2028/9) a word at a time: per-byte matching was 6% of an analysis.
pub fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let mut start = 0;
    let mut skip_to = 0;
    for i in memchr::memchr3_iter(b'\n', b'\r', 0xE2, bytes) {
        if i < skip_to {
            continue; // the `\n` of a `\r\n` already taken
        }
        let len = match bytes[i] {
            b'\n' => 1,
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                }
            }
            // U+2028 / U+2029: E2 80 A8 / E2 80 A9
            _ if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            _ => continue,
        };
        out.push(Line { start, end: i });
        start = i + len;
        skip_to = start;
    }
    if start < bytes.len() {
        out.push(Line { start, end: bytes.len() });
    }
    out
}

/// Whitespace as reports use it: ASCII space and tab, U+3000, NBSP, and the other Unicode spaces.
pub fn is_space(c: char) -> bool {
    is_space_code(c as u32)
}

/// [`is_space`] of a code point, by ranges (`char::is_whitespace` looks non-ASCII characters up in a
/// table).
fn is_space_code(u: u32) -> bool {
    matches!(
        u,
        0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200B | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

/// The sub-range of `text[range]` without leading and trailing whitespace.
#[inline(never)]
pub fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    if lead == s.len() {
        return range.start..range.start;
    }
    let trail = s.len() - s.trim_end_matches(is_space).len();
    range.start + lead..range.end - trail
}

/// The character starting at byte `at` of `text` (a character boundary before the end) as a code
/// point, with its length in bytes. One- and three-byte characters (ASCII and CJK: nearly all of a
/// report) are decoded inline; whole-text scans use this instead of `char_indices`, whose general
/// decoder was the largest single cost of several of them.
#[inline(always)]
pub fn decode_at(text: &str, at: usize) -> (u32, usize) {
    match *text.as_bytes().get(at..).unwrap_or_default() {
        [b0, ..] if b0 < 0x80 => (u32::from(b0), 1),
        [b0, b1, b2, ..] if b0 & 0xF0 == 0xE0 => {
            ((u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F), 3)
        }
        _ => {
            let c = text[at..].chars().next().unwrap_or('\0');
            (c as u32, c.len_utf8())
        }
    }
}

/// The character starting at byte `at`, if any.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// The character ending at byte `at`, if any.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// Sentence ends: a sentence runs to one of these (included) or to the end of the line.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r')
}

/// The sentence around byte `at` (a char boundary), trimmed: from after the last sentence end before
/// `at` to the next one (included; a line break is not), by a search of the characters. A document
/// finds its sentences by its marks ([`crate::doc::Doc::sentence_around`]); this is for a text without
/// them (one whose pinyin glosses were removed), and their definition.
pub fn sentence_around(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].char_indices().rev().find(|&(_, c)| is_sentence_end(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(text.len(), |(i, c)| at + i + if matches!(c, '\n' | '\r') { 0 } else { c.len_utf8() });
    trim_range(text, start..end)
}

/// The value of a Chinese digit 一…九 (the forms every numeral shares; callers add 两, 〇/零 as their
/// rules need).
/// One copy for every caller (inlined at each, its tree of comparisons cost the wasm 0.4 KB).
#[inline(never)]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The UTF-16 code-unit offset of each byte offset in `sorted` (ascending, on char boundaries; past
/// the end counts as the end), counting the bytes between them eight at a time.
pub fn utf16_offsets(text: &str, sorted: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let (mut units, mut at) = (0, 0);
    sorted
        .iter()
        .map(|&o| {
            let o = o.clamp(at, bytes.len());
            units += utf16_len(&bytes[at..o]);
            at = o;
            units
        })
        .collect()
}

/// UTF-16 code units of whole UTF-8 characters: one per byte that does not continue a character, one
/// more per four-byte lead (a surrogate pair). Eight bytes at a time: decoding each character for
/// its width was 6% of a wasm `analyzeJson`.
fn utf16_len(bytes: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    let word = |w: u64| {
        // Bit 0 of each byte: not a continuation (top bits other than 10), and a four-byte lead (1111).
        let starts = ((!w >> 7) | (w >> 6)) & LOW;
        let astral = (w >> 4) & (w >> 5) & (w >> 6) & (w >> 7) & LOW;
        (starts.count_ones() + astral.count_ones()) as usize
    };
    let mut chunks = bytes.chunks_exact(8);
    let mut n: usize = chunks.by_ref().map(|c| word(u64::from_le_bytes(c.try_into().unwrap_or_default()))).sum();
    for &b in chunks.remainder() {
        n += usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0);
    }
    n
}

/// The first occurrence of `needle` in `hay` at or after byte `from`, by memchr's `memmem`: its
/// prefilter skips ahead on a rare byte of the needle, where the standard search's first-byte scan stops
/// at nearly every character of Chinese text (natively the outline stage ran 25% faster; in wasm the
/// analysis 5–6% faster than with a last-byte scan, which had replaced the standard two-way search
/// there at 4% of an analysis).
///
/// A short haystack (a title, a short line) is searched for the needle's last byte instead: `memmem`
/// builds its searcher for every call, more work than such a search (natively ~400 instructions a call).
#[inline]
pub fn find(hay: &str, needle: &str, from: usize) -> Option<usize> {
    find_bytes(hay.get(from..)?.as_bytes(), needle.as_bytes()).map(|k| from + k)
}

/// Whether `hay` contains `needle` (see [`find`]).
#[inline]
pub fn contains(hay: &str, needle: &str) -> bool {
    find_bytes(hay.as_bytes(), needle.as_bytes()).is_some()
}

/// Haystacks up to this many bytes are searched by [`find_short`] (a sentence of ~80 characters: the
/// outline's cue searches run sentence by sentence; 96 bytes left most of them to `memmem`).
const SHORT_HAY: usize = 256;

/// One copy for every caller (inlined at each, it cost the analysis wasm 6 KB).
#[inline(never)]
fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() <= SHORT_HAY {
        find_short(hay, needle)
    } else {
        memchr::memmem::find(hay, needle)
    }
}

/// The first occurrence of `needle` in `hay`: each occurrence of the needle's last byte (a
/// continuation byte for Chinese text: one of 64 values, where a first byte is one of a few) is
/// checked backwards.
fn find_short(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&last, head)) = needle.split_last() else { return Some(0) };
    let mut from = head.len();
    while from < hay.len() {
        let end = from + memchr::memchr(last, &hay[from..])?;
        let start = end - head.len();
        if &hay[start..end] == head {
            return Some(start);
        }
        from = end + 1;
    }
    None
}

/// Non-overlapping occurrences of `needle` in `hay`, like `hay.matches(needle).count()` (by `memmem`,
/// see [`find`]; natively the score's whole-text counts ran 3× faster than with the standard search).
pub fn count(hay: &str, needle: &str) -> usize {
    if needle.is_empty() {
        hay.matches(needle).count()
    } else {
        memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes()).count()
    }
}

/// Test inputs: the texts of ../shared/corpus (seeds, then work reports), each directory sorted — the
/// benches' reader, shared.
#[cfg(test)]
#[path = "../benches/common/mod.rs"]
mod corpus_files;
#[cfg(test)]
pub(crate) use corpus_files::corpus as corpus_texts;

/// Test inputs: `count` strings, each a run of fewer than `max_pieces` of `pieces` drawn by a fixed
/// linear congruential generator from `seed` (every run tests the same strings).
#[cfg(test)]
pub(crate) fn random_mixes(pieces: &[&str], count: usize, max_pieces: u64, mut seed: u64) -> Vec<String> {
    let mut next = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    (0..count)
        .map(|_| {
            let n = next() % max_pieces;
            (0..n).map(|_| pieces[next() as usize % pieces.len()]).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_run_to_an_end_mark_or_a_line_break() {
        let t = "一是加强。 二是推进；三是 𠀀!四\r\n五？";
        let around = |needle: &str| &t[sentence_around(t, t.find(needle).unwrap())];
        assert_eq!(around("加强"), "一是加强。");
        assert_eq!(around("推进"), "二是推进；");
        assert_eq!(around("三是"), "三是 𠀀!");
        assert_eq!(around("四"), "四");
        assert_eq!(around("五"), "五？");
        assert_eq!(sentence_around(t, t.len()), t.len()..t.len());
        assert_eq!(sentence_around("", 0), 0..0);
    }

    #[test]
    fn decode_at_agrees_with_char_indices() {
        for text in
            ["a", "é", "中", "𠀀", "a中é𠀀ｂ１\u{2028}\u{feff}z\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}"]
        {
            for (i, c) in text.char_indices() {
                assert_eq!(decode_at(text, i), (c as u32, c.len_utf8()), "{text:?} at {i}");
            }
        }
    }

    #[test]
    fn searches_agree_with_the_standard_ones() {
        let hay = "依法行政，依法治国；行政执法𠀀法治政府建设，法治。abc";
        for needle in ["依法", "行政", "法治", "法", "𠀀法", "。abc", "c", "治国；", "无", "abcd", ""] {
            for from in (0..=hay.len()).filter(|&i| hay.is_char_boundary(i)) {
                assert_eq!(find(hay, needle, from), hay[from..].find(needle).map(|k| k + from), "{needle} from {from}");
            }
            assert_eq!(contains(hay, needle), hay.contains(needle));
            assert_eq!(count(hay, needle), hay.matches(needle).count(), "{needle}");
        }
        assert_eq!(find("ab", "b", 9), None);
        // Both searches, short haystacks and long.
        let long = "依法行政，".repeat(30) + "法治政府建设𠀀";
        for needle in ["法治政府", "𠀀", "依法", "建设𠀀", "无此", "", "设𠀀法"] {
            for from in (0..=long.len()).filter(|&i| long.is_char_boundary(i)).step_by(7) {
                assert_eq!(find(&long, needle, from), long[from..].find(needle).map(|k| k + from), "{needle} {from}");
            }
            assert_eq!(contains(&long, needle), long.contains(needle));
        }
        assert_eq!(count("法治法治法", "法治"), 2);
        assert_eq!(count("aaaa", "aa"), 2);
    }

    #[test]
    fn lines_keep_offsets_for_every_break_kind() {
        let t = "一、总体\r\n(一)学习\r二\n\u{2028}末";
        let ls = lines(t);
        let got: Vec<&str> = ls.iter().map(|l| &t[l.range()]).collect();
        assert_eq!(got, ["一、总体", "(一)学习", "二", "", "末"]);
    }

    #[test]
    fn lines_agree_with_a_char_by_char_split() {
        // Reference: the plain definition, one char at a time.
        fn reference(t: &str) -> Vec<&str> {
            let (mut out, mut start, mut chars) = (Vec::new(), 0, t.char_indices().peekable());
            while let Some((i, c)) = chars.next() {
                if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                    out.push(&t[start..i]);
                    if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                    }
                    start = chars.peek().map_or(t.len(), |&(j, _)| j);
                }
            }
            if start < t.len() {
                out.push(&t[start..]);
            }
            out
        }
        // Pieces sharing the lead byte E2 of U+2028/9 (“ ” … — ‰) and every break kind, in many orders.
        let pieces = ["“引号”", "…", "—", "‰", "\u{2029}", "\u{2028}", "\r\n", "\r", "\n", "字", "a", "\r\r\n"];
        for t in random_mixes(&pieces, 2000, 12, 7) {
            let got: Vec<&str> = lines(&t).iter().map(|l| &t[l.range()]).collect();
            assert_eq!(got, reference(&t), "{t:?}");
        }
    }

    /// `is_space` by code-point ranges is the definition (`char::is_whitespace`, the byte-order mark
    /// and the zero-width space) on every character.
    #[test]
    fn is_space_is_whitespace_bom_and_zero_width_space() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}', "{c:?}");
        }
    }

    #[test]
    fn trim_range_handles_ideographic_space() {
        let t = "\u{3000} 一、总体\u{a0} ";
        let r = trim_range(t, 0..t.len());
        assert_eq!(&t[r], "一、总体");
        let blank = "\u{3000}\u{3000}";
        assert!(trim_range(blank, 0..blank.len()).is_empty());
    }

    #[test]
    fn utf16_offsets_count_non_bmp_as_two() {
        let t = "a𠀀中".repeat(200);
        let offsets: Vec<usize> = t.char_indices().map(|(i, _)| i).chain(std::iter::once(t.len())).collect();
        let got = utf16_offsets(&t, &offsets);
        for (k, &i) in offsets.iter().enumerate() {
            assert_eq!(got[k], t[..i].encode_utf16().count(), "byte {i}");
        }
        assert_eq!(utf16_offsets("", &[0]), [0]);
        assert_eq!(utf16_offsets("中a", &[0, 3, 3, 4, 99]), [0, 1, 1, 2, 2]);
    }

    #[test]
    fn utf16_lengths_of_every_width_at_every_alignment() {
        // Every width of character (1–4 bytes, and the four-byte leads F0–F4) at every position of a word.
        let widths =
            ["a", "\u{7f}", "\u{80}", "é", "\u{7ff}", "\u{800}", "中", "\u{ffff}", "𐀀", "𠀀", "😀", "\u{10ffff}"];
        for s in random_mixes(&widths, 2000, 24, 5) {
            assert_eq!(utf16_len(s.as_bytes()), s.encode_utf16().count(), "{s:?}");
        }
    }
}
