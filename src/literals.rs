//! Overlapping search for many literal strings at once (checklist cues, furniture phrases, the words
//! of the body cues): every occurrence of every pattern, by a table from each pattern's first character
//! to the patterns starting with it, sorted by their second. The patterns are short Chinese words, so
//! one table lookup per character of the text rejects most positions and a binary search on the next
//! character most of the rest (the scan of an already decoded text first asks a bit set of hashed
//! first-two-character pairs). Replaces the aho-corasick crate (~70 KB of wasm) at a similar speed on
//! these inputs.

/// The factor of a character's UTF-8 length in a decoded character of
/// [`Literals::for_each_match_decoded`] (above every code point).
pub(crate) const LEN_UNIT: u32 = 1 << 24;

/// A character as a decoded text holds it: its code point plus its UTF-8 length times [`LEN_UNIT`].
#[inline]
pub(crate) fn encode(c: char) -> u32 {
    c as u32 + c.len_utf8() as u32 * LEN_UNIT
}

/// A compiled set of literal patterns.
pub struct Literals {
    patterns: Vec<String>,
    /// Each pattern decoded as [`Literals::for_each_match_decoded`] sees a text (code point + UTF-8
    /// length × [`LEN_UNIT`]): the decoded scan compares characters, not bytes (no `memcmp` call per
    /// candidate).
    decoded: Vec<Vec<u32>>,
    /// Bucket (1-based; 0: none) of each character of the Basic Multilingual Plane.
    bmp: Vec<u16>,
    /// Buckets of characters beyond the BMP (rare).
    astral: Vec<(char, u16)>,
    /// Patterns sharing a first character.
    buckets: Vec<Bucket>,
    /// Bit set of [`pair_hash`] over the first two characters of every pattern of two or more: a
    /// position whose two characters miss it starts none of them (the decoded scan asks it before
    /// looking into a bucket).
    pairs: Vec<u64>,
}

/// A 16-bit hash of two characters.
#[inline]
fn pair_hash(first: u32, second: u32) -> usize {
    (first.wrapping_mul(0x9E37_79B1).rotate_left(7) ^ second).wrapping_mul(0x85EB_CA6B) as usize >> 16 & 0xFFFF
}

/// The patterns starting with one character: one-character patterns, and the longer ones sorted by
/// their second character (so a position is compared only with patterns whose first two characters
/// it has).
#[derive(Default)]
struct Bucket {
    single: Vec<usize>,
    by_second: Vec<(char, usize)>,
}

impl Literals {
    /// Compile `patterns`; empty ones never match. Match callbacks give indices into this slice.
    pub fn new(patterns: &[String]) -> Literals {
        let mut set = Literals {
            patterns: patterns.to_vec(),
            decoded: patterns.iter().map(|p| p.chars().map(encode).collect()).collect(),
            bmp: vec![0; 0x1_0000],
            astral: Vec::new(),
            buckets: Vec::new(),
            pairs: vec![0; 0x1_0000 / 64],
        };
        for (i, p) in patterns.iter().enumerate() {
            let mut chars = p.chars();
            let Some(c) = chars.next() else { continue };
            let slot = match usize::try_from(u32::from(c)).ok().filter(|&u| u < 0x1_0000) {
                Some(u) => &mut set.bmp[u],
                None => match set.astral.iter().position(|&(a, _)| a == c) {
                    Some(k) => &mut set.astral[k].1,
                    None => {
                        set.astral.push((c, 0));
                        &mut set.astral.last_mut().expect("just pushed").1
                    }
                },
            };
            if *slot == 0 {
                set.buckets.push(Bucket::default());
                *slot = u16::try_from(set.buckets.len()).unwrap_or(u16::MAX);
            }
            if let Some(bucket) = set.buckets.get_mut(usize::from(*slot) - 1) {
                match chars.next() {
                    Some(second) => bucket.by_second.push((second, i)),
                    None => bucket.single.push(i),
                }
            }
        }
        for b in &mut set.buckets {
            crate::order::sort_by_key(&mut b.by_second, |&(c, i)| crate::order::pair(c as usize, i));
        }
        set.pairs_from_buckets();
        set
    }

    /// Fill [`Literals::pairs`].
    fn pairs_from_buckets(&mut self) {
        let firsts = self.bmp.iter().enumerate().filter(|&(_, &s)| s != 0).map(|(u, &s)| (u as u32, s));
        let firsts: Vec<(u32, u16)> = firsts.chain(self.astral.iter().map(|&(c, s)| (c as u32, s))).collect();
        for (first, slot) in firsts {
            for &(second, _) in &self.buckets[usize::from(slot) - 1].by_second {
                let h = pair_hash(first, second as u32);
                self.pairs[h / 64] |= 1 << (h % 64);
            }
        }
    }

    /// Call `found(pattern, start)` for every occurrence of every pattern in `hay` (overlapping ones
    /// too), in order of `start`; `start` is a byte offset.
    ///
    /// Walks the bytes, decoding the common one- and three-byte characters inline
    /// ([`crate::text::decode_at`]; the standard `char_indices().peekable()` was half of this scan's
    /// cost); the second character is decoded only at a position whose first one starts a pattern.
    pub fn for_each_match(&self, hay: &str, mut found: impl FnMut(usize, usize)) {
        if self.buckets.is_empty() {
            return;
        }
        let mut at = 0;
        while at < hay.len() {
            let (u, len) = crate::text::decode_at(hay, at);
            let slot = self.slot(u);
            if slot != 0 {
                let second = hay.get(at + len..).and_then(|s| s.chars().next());
                self.at_position(usize::from(slot) - 1, hay, at, second, &mut found);
            }
            at += len;
        }
    }

    /// [`Literals::for_each_match`] over a text already decoded: `codes[k]` describes its `k`-th
    /// character, as its code point plus its UTF-8 length times [`LEN_UNIT`]. A scan of the decoded
    /// text skips the UTF-8 decoding, which was most of the per-character cost; offsets passed to `found`
    /// are byte offsets of the text the codes describe.
    pub(crate) fn for_each_match_decoded(&self, codes: &[u32], mut found: impl FnMut(usize, usize)) {
        if self.buckets.is_empty() {
            return;
        }
        let mut at = 0;
        for (k, &code) in codes.iter().enumerate() {
            let first = code % LEN_UNIT;
            let slot = self.slot(first);
            if slot != 0 {
                let second = codes.get(k + 1).map(|&c| c % LEN_UNIT);
                let paired = second.is_some_and(|c| {
                    let h = pair_hash(first, c);
                    self.pairs[h / 64] & (1 << (h % 64)) != 0
                });
                if paired || !self.buckets[usize::from(slot) - 1].single.is_empty() {
                    self.at_decoded(usize::from(slot) - 1, codes, k, at, &mut found);
                }
            }
            at += (code / LEN_UNIT) as usize;
        }
    }

    /// The bucket of patterns starting with code point `u` (1-based; 0: none).
    #[inline]
    fn slot(&self, u: u32) -> u16 {
        let u = u as usize;
        if u < 0x1_0000 {
            self.bmp[u]
        } else {
            self.astral.iter().find(|&&(a, _)| a as usize == u).map_or(0, |&(_, s)| s)
        }
    }

    /// [`Literals::at_position`] on decoded text: the patterns of bucket `b` that occur at character
    /// `k` of `codes` (byte `at`).
    #[inline(never)]
    fn at_decoded(&self, b: usize, codes: &[u32], k: usize, at: usize, found: &mut impl FnMut(usize, usize)) {
        let bucket = &self.buckets[b];
        for &p in &bucket.single {
            found(p, at);
        }
        let Some(second) = codes.get(k + 1).and_then(|&c| char::from_u32(c % LEN_UNIT)) else { return };
        let from = bucket.by_second.partition_point(|&(c2, _)| c2 < second);
        for &(c2, p) in &bucket.by_second[from..] {
            if c2 != second {
                break;
            }
            let tail = self.decoded[p].get(2..).unwrap_or_default();
            if codes.get(k + 2..k + 2 + tail.len()).is_some_and(|rest| rest.iter().zip(tail).all(|(a, b)| a == b)) {
                found(p, at);
            }
        }
    }

    /// The patterns of bucket `b` that occur at `at`, where `second` is the next character.
    #[inline(never)]
    fn at_position(&self, b: usize, hay: &str, at: usize, second: Option<char>, found: &mut impl FnMut(usize, usize)) {
        let bucket = &self.buckets[b];
        for &p in &bucket.single {
            found(p, at);
        }
        let Some(second) = second else { return };
        let from = bucket.by_second.partition_point(|&(c2, _)| c2 < second);
        let rest = &hay.as_bytes()[at..];
        for &(c2, p) in &bucket.by_second[from..] {
            if c2 != second {
                break;
            }
            if rest.starts_with(self.patterns[p].as_bytes()) {
                found(p, at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(patterns: &[&str], hay: &str) -> Vec<(usize, usize)> {
        let set = Literals::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        let mut out = Vec::new();
        set.for_each_match(hay, |p, at| out.push((p, at)));
        // The scan of the decoded text finds the same.
        let codes: Vec<u32> = hay.chars().map(encode).collect();
        let mut decoded = Vec::new();
        set.for_each_match_decoded(&codes, |p, at| decoded.push((p, at)));
        assert_eq!(decoded, out, "{hay:?}");
        out
    }

    #[test]
    fn finds_every_overlapping_occurrence_in_order() {
        let hay = "依法行政，依法治国；行政执法";
        let found = all(&["依法", "依法行政", "行政", "执法", ""], hay);
        assert_eq!(found, [(0, 0), (1, 0), (2, 6), (0, 15), (2, 30), (3, 36)]);
    }

    #[test]
    fn agrees_with_a_search_of_every_pattern_at_every_boundary() {
        // One-, two-, three- and four-byte characters as first and second characters.
        let alphabet = ["法", "治", "é", "𠀀", "a", "。", "€", "ü"];
        let patterns = ["法治", "法", "é法", "𠀀a", "a𠀀", "治é", "。€", "€", "ü𠀀法", "aa"];
        let mut seed = 11u64;
        for _ in 0..500 {
            let mut hay = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for k in 0..(seed >> 60) * 3 {
                hay.push_str(alphabet[((seed >> (k % 50)) as usize + k as usize) % alphabet.len()]);
            }
            let mut expected: Vec<(usize, usize)> = hay
                .char_indices()
                .flat_map(|(at, _)| {
                    let hay = &hay;
                    patterns
                        .iter()
                        .enumerate()
                        .filter(move |(_, p)| hay[at..].starts_with(*p))
                        .map(move |(i, _)| (i, at))
                })
                .collect();
            expected.sort_by_key(|&(p, at)| (at, p));
            let mut got = all(&patterns, &hay);
            got.sort_by_key(|&(p, at)| (at, p));
            assert_eq!(got, expected, "{hay}");
        }
    }

    #[test]
    fn astral_and_ascii_first_characters() {
        assert_eq!(all(&["𠀀字", "APP", "字"], "一𠀀字APP"), [(0, 3), (2, 7), (1, 10)]);
        assert!(all(&[], "任何文本").is_empty());
    }
}
