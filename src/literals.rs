//! Overlapping search for many literal strings at once (checklist cues, furniture phrases, the words
//! of the body cues): every occurrence of every pattern, over decoded text (code point + UTF-8 length
//! per character), by a table of the characters that start a pattern, then a hash table from the first
//! two characters to the patterns starting with them. Two scans: the whole document's asks a bit set of
//! hashed first-two-character pairs for 64 characters at a time without a branch, and looks at the
//! candidates after (a fifth of a report's characters start some cue: a branch on each mispredicted);
//! short texts and sets whose first characters are rare (furniture phrases, headings) go by the table
//! of first characters. Replaces the aho-corasick crate (~70 KB of wasm) at a similar speed on these
//! inputs.

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
    /// The patterns of two or more characters by their first two characters: an open-addressing table
    /// of [`PairSlot`]s (a probe or two per candidate position, where a binary search over the
    /// patterns sharing a first character mispredicted a branch at every step: natively 1.6% of an
    /// analysis).
    pair_table: Vec<PairSlot>,
    /// (pattern, start of its tail in `tails`, tail length): grouped by first two characters, each
    /// group in pattern order.
    pair_patterns: Vec<(u32, u32, u32)>,
    /// The patterns' characters from the third on, decoded as [`Literals::for_each_match_decoded`]
    /// sees a text (code point + UTF-8 length × [`LEN_UNIT`]): characters are compared, not bytes (no
    /// `memcmp` call per candidate).
    tails: Vec<u32>,
    /// Bucket (1-based; 0: none) of each character of the Basic Multilingual Plane.
    bmp: Vec<u16>,
    /// Buckets of characters beyond the BMP (rare).
    astral: Vec<(char, u16)>,
    /// Patterns sharing a first character (every character that starts a pattern has one).
    buckets: Vec<Bucket>,
    /// Bit set of [`pair_hash`] over the first two characters of every pattern of two or more: a
    /// position whose two characters miss it starts none of them (the decoded scan asks it before
    /// looking into a bucket, at every character).
    pairs: Box<Bits16>,
    /// The characters that start one-character patterns. The decoded scan compares with the one there
    /// is (the built-in checklists' `但`); a set with several is scanned by first characters instead
    /// ([`Literals::for_each_match_decoded_sparse`]: one-character cues are rare, and a second copy of
    /// the scan for them cost the analysis wasm 0.5 KB).
    singles: Vec<u32>,
}

/// A bit set over 16-bit values.
pub(crate) type Bits16 = [u64; 1024];

/// A 16-bit hash of two characters: the first one's low bits shifted over the second one's. The low
/// bits of Chinese characters spread evenly, so this filters about as well as a multiplicative hash
/// did, in three steps instead of six per character of the scans. Only the low 16 bits of each count:
/// a decoded character (code point + UTF-8 length × [`LEN_UNIT`]) hashes as its code point.
#[inline]
fn pair_hash(first: u32, second: u32) -> usize {
    ((first << 5) ^ second) as usize & 0xFFFF
}

/// Bit `h` of a [`Bits16`] (the low 16 bits of `h`), as 0 or 1.
#[inline]
fn bit(bits: &Bits16, h: usize) -> u64 {
    (bits[h / 64 % 1024] >> (h % 64)) & 1
}

/// Add the pair of characters `first`, `second` to a pair bit set: the filter in front of the literal
/// scans here and of the figures' family keywords.
pub(crate) fn add_pair(bits: &mut Bits16, first: u32, second: u32) {
    let h = pair_hash(first, second);
    bits[h / 64] |= 1 << (h % 64);
}

/// 1 when the pair `first`, `second` may be in a pair bit set (it is, or a pair with the same hash
/// is), else 0.
#[inline]
pub(crate) fn pair_bit(bits: &Bits16, first: u32, second: u32) -> u64 {
    bit(bits, pair_hash(first, second))
}

/// A first-two-character pair of [`Literals::pair_table`]: its patterns are
/// `pair_patterns[start..end]`; `end == 0` marks an empty slot.
#[derive(Clone, Copy, Default)]
struct PairSlot {
    first: u32,
    second: u32,
    start: u32,
    end: u32,
}

/// The slot where the probe for a pair starts in a table of `mask + 1` slots.
#[inline]
fn pair_slot(first: u32, second: u32, mask: usize) -> usize {
    ((first.wrapping_mul(0x9E37_79B1).rotate_left(11) ^ second).wrapping_mul(0x85EB_CA6B) >> 7) as usize & mask
}

/// The patterns starting with one character: its one-character patterns (the longer ones are found
/// by their first two characters, in [`Literals::pair_table`]).
#[derive(Default)]
struct Bucket {
    single: Vec<usize>,
}

impl Literals {
    /// Compile `patterns`; empty ones never match. Match callbacks give indices into this slice.
    pub fn new(patterns: &[String]) -> Literals {
        let mut set = Literals {
            pair_table: Vec::new(),
            pair_patterns: Vec::new(),
            tails: Vec::new(),
            bmp: vec![0; 0x1_0000],
            astral: Vec::new(),
            buckets: Vec::new(),
            pairs: Box::new([0; 1024]),
            singles: Vec::new(),
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
                // Longer patterns are found by their first two characters ([`Literals::pair_table`]).
                if chars.next().is_none() {
                    bucket.single.push(i);
                    if !set.singles.contains(&u32::from(c)) {
                        set.singles.push(u32::from(c));
                    }
                }
            }
        }
        set.pair_table_from(patterns);
        set
    }

    /// Fill [`Literals::pair_table`], [`Literals::pair_patterns`], [`Literals::tails`] and the bit set
    /// [`Literals::pairs`].
    fn pair_table_from(&mut self, patterns: &[String]) {
        let mut pairs: Vec<(u32, u32, usize)> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let mut chars = p.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                pairs.push((a as u32, b as u32, i));
            }
        }
        // Stable: each group keeps pattern order.
        crate::order::sort_by_key(&mut pairs, |&(a, b, _)| u64::from(a) << 32 | u64::from(b));
        let groups = pairs.windows(2).filter(|w| (w[0].0, w[0].1) != (w[1].0, w[1].1)).count() + 1;
        let mut table = vec![PairSlot::default(); (groups * 2).next_power_of_two()];
        let mask = table.len() - 1;
        let mut k = 0;
        while k < pairs.len() {
            let (first, second) = (pairs[k].0, pairs[k].1);
            let start = self.pair_patterns.len() as u32;
            while k < pairs.len() && (pairs[k].0, pairs[k].1) == (first, second) {
                let i = pairs[k].2;
                let tail = self.tails.len() as u32;
                self.tails.extend(patterns[i].chars().skip(2).map(encode));
                self.pair_patterns.push((i as u32, tail, self.tails.len() as u32 - tail));
                k += 1;
            }
            let mut h = pair_slot(first, second, mask);
            while table[h].end != 0 {
                h = (h + 1) & mask;
            }
            table[h] = PairSlot { first, second, start, end: self.pair_patterns.len() as u32 };
            add_pair(&mut self.pairs, first, second);
        }
        self.pair_table = table;
    }

    /// The patterns starting with `first`, `second` (a range of [`Literals::pair_patterns`]).
    #[inline]
    fn pair_range(&self, first: u32, second: u32) -> std::ops::Range<usize> {
        let mask = self.pair_table.len() - 1;
        let mut h = pair_slot(first, second, mask);
        // The table is at most half full: a probe reaches an empty slot.
        loop {
            let s = self.pair_table[h];
            if s.end == 0 {
                return 0..0;
            }
            if s.first == first && s.second == second {
                return s.start as usize..s.end as usize;
            }
            h = (h + 1) & mask;
        }
    }

    /// Call `found(pattern, start)` for every occurrence of every pattern in `hay` (overlapping ones
    /// too), in order of `start`; `start` is a byte offset. The text is decoded, then scanned as
    /// [`Literals::for_each_match_decoded_sparse`] does (the analysis scans decoded views only).
    pub fn for_each_match(&self, hay: &str, mut found: impl FnMut(usize, usize)) {
        let codes: Vec<u32> = hay.chars().map(encode).collect();
        self.for_each_match_decoded_sparse(&codes, &mut found);
    }

    /// [`Literals::for_each_match_decoded`] for a set whose patterns start with few characters (the
    /// furniture phrases): each character's bucket is looked up and only a character that starts some
    /// pattern is looked at, where the bit-set scan spends the same steps on every character.
    /// One copy for every caller (`found` is `dyn`).
    pub(crate) fn for_each_match_decoded_sparse(&self, codes: &[u32], found: &mut dyn FnMut(usize, usize)) {
        let mut at = 0;
        for (k, &code) in codes.iter().enumerate() {
            if self.slot(code % LEN_UNIT) != 0 {
                self.at_decoded(codes, k, at, found);
            }
            at += (code / LEN_UNIT) as usize;
        }
    }

    /// [`Literals::for_each_match`] over a text already decoded: `codes[k]` describes its `k`-th
    /// character, as its code point plus its UTF-8 length times [`LEN_UNIT`]. A scan of the decoded
    /// text skips the UTF-8 decoding, which was most of the per-character cost; offsets passed to `found`
    /// are byte offsets of the text the codes describe.
    ///
    /// The candidates of a block of 64 characters are gathered into a bit mask without a branch per
    /// character (the first two characters' bit in [`Literals::pairs`], or the first one's being the
    /// one of [`Literals::singles`]), then looked at one by one: a fifth of a report's characters start some
    /// pattern, and the branch on each of them mispredicted (natively ~1/10 of an analysis went to this scan).
    pub(crate) fn for_each_match_decoded(&self, codes: &[u32], mut found: impl FnMut(usize, usize)) {
        if self.buckets.is_empty() {
            return;
        }
        let single = match self.singles[..] {
            [] => u32::MAX,
            [c] => c,
            _ => return self.for_each_match_decoded_sparse(codes, &mut found),
        };
        let mut at = 0;
        let mut k = 0;
        // Filled anew for every block (not zeroed per block: a `memset` call each).
        let mut offsets = [0usize; 64];
        let mut last: [u32; 65];
        while k < codes.len() {
            let block = &codes[k..codes.len().min(k + 64)];
            // The block and the character after it, as a fixed-size array (the loop below has no
            // bounds to check): in place, or for the last block a copy with 0 after its end (at worst a
            // false candidate, which the look below rejects). The codes hash and test as their code
            // points do: the filters read only their low 16 bits.
            let window: &[u32; 65] = match codes.get(k..k + 65).and_then(|w| w.try_into().ok()) {
                Some(w) => w,
                None => {
                    last = [0; 65];
                    last[..codes.len() - k].copy_from_slice(&codes[k..]);
                    &last
                }
            };
            let mut mask = 0u64;
            for i in 0..64 {
                mask |= pair_bit(&self.pairs, window[i], window[i + 1]) << i;
            }
            // The one-character patterns' character is rare: looked for in the block as a whole (a
            // loop the compiler vectorizes), and placed only in a block that has it.
            if block.iter().fold(false, |any, &code| any | (code % LEN_UNIT == single)) {
                for (i, &code) in block.iter().enumerate() {
                    mask |= u64::from(code % LEN_UNIT == single) << i;
                }
            }
            // Past the block's end (the last block): no candidates.
            if block.len() < 64 {
                mask &= (1 << block.len()) - 1;
            }
            for (offset, &code) in offsets.iter_mut().zip(block) {
                *offset = at;
                at += (code / LEN_UNIT) as usize;
            }
            while mask != 0 {
                let i = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                self.at_decoded(codes, k + i, offsets[i], &mut found);
            }
            k += block.len();
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

    /// The patterns that occur at character `k` of `codes` (byte `at`), a candidate of the scans
    /// (which may start none): its one-character patterns, and those of its first two characters whose
    /// tails follow.
    #[inline(never)]
    fn at_decoded(&self, codes: &[u32], k: usize, at: usize, found: &mut (impl FnMut(usize, usize) + ?Sized)) {
        let Some(&first) = codes.get(k) else { return };
        let slot = self.slot(first % LEN_UNIT);
        if slot == 0 {
            return;
        }
        for &p in &self.buckets[usize::from(slot) - 1].single {
            found(p, at);
        }
        let Some(&second) = codes.get(k + 1) else { return };
        for &(p, t, n) in &self.pair_patterns[self.pair_range(first % LEN_UNIT, second % LEN_UNIT)] {
            let tail = &self.tails[t as usize..(t + n) as usize];
            if codes.get(k + 2..k + 2 + tail.len()).is_some_and(|rest| rest.iter().zip(tail).all(|(a, b)| a == b)) {
                found(p as usize, at);
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
        // And so does the scan by first characters.
        let mut sparse = Vec::new();
        set.for_each_match_decoded_sparse(&codes, &mut |p, at| sparse.push((p, at)));
        assert_eq!(sparse, out, "{hay:?}");
        out
    }

    /// [`all`] finds what a search of every (non-empty) pattern at every character boundary finds.
    fn agrees_with_a_naive_search(patterns: &[&str], hay: &str) {
        let mut expected: Vec<(usize, usize)> = hay
            .char_indices()
            .flat_map(|(at, _)| {
                let matches = move |(_, p): &(usize, &&str)| !p.is_empty() && hay[at..].starts_with(**p);
                patterns.iter().enumerate().filter(matches).map(move |(i, _)| (i, at))
            })
            .collect();
        expected.sort_by_key(|&(p, at)| (at, p));
        let mut got = all(patterns, hay);
        got.sort_by_key(|&(p, at)| (at, p));
        assert_eq!(got, expected, "{hay}");
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
            agrees_with_a_naive_search(&patterns, &hay);
        }
    }

    /// Hundreds of patterns over a small alphabet: first characters with many patterns, pairs with
    /// many patterns, and a pair table with collisions.
    #[test]
    fn many_patterns_sharing_their_first_characters() {
        let alphabet = ["法", "治", "政", "府", "a", "𠀀", "，"];
        let patterns = crate::text::random_mixes(&alphabet, 400, 5, 3);
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        for hay in crate::text::random_mixes(&alphabet, 60, 80, 9) {
            agrees_with_a_naive_search(&patterns, &hay);
        }
    }

    /// Texts of several of the decoded scan's 64-character blocks: patterns across a block's end, at
    /// the text's last character, and one-character patterns, one of them beyond the BMP (its bit is
    /// shared with U+10000 and U+0000, which it must not match).
    #[test]
    fn long_texts_across_blocks() {
        let alphabet = ["法", "治", "政", "府", "a", "𠀀", "𐀀", "\u{0}", "，"];
        let mut patterns: Vec<String> = crate::text::random_mixes(&alphabet[..5], 40, 4, 5);
        // The only one-character patterns are these (others would make every position a candidate).
        patterns.retain(|p| p.chars().nth(1).is_some());
        let longer = patterns.clone();
        patterns.extend(["𠀀", "府", "治府a", "𠀀法"].map(String::from));
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        for hay in crate::text::random_mixes(&alphabet, 40, 400, 13) {
            agrees_with_a_naive_search(&patterns, &hay);
        }
        // One character starting one-character patterns (compared with, not looked up): in and
        // beyond the BMP, and none at all.
        for singles in [&["府", "府"][..], &["𠀀"], &[]] {
            let mut patterns = longer.clone();
            patterns.extend(singles.iter().map(|s| s.to_string()));
            let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let set = Literals::new(&patterns.iter().map(|p| p.to_string()).collect::<Vec<_>>());
            assert_eq!(set.singles.len(), usize::from(!singles.is_empty()));
            for hay in crate::text::random_mixes(&alphabet, 20, 400, 17) {
                agrees_with_a_naive_search(&patterns, &hay);
            }
        }
    }

    #[test]
    fn astral_and_ascii_first_characters() {
        assert_eq!(all(&["𠀀字", "APP", "字"], "一𠀀字APP"), [(0, 3), (2, 7), (1, 10)]);
        assert!(all(&[], "任何文本").is_empty());
    }
}
