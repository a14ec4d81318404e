//! The index of k-grams: every run of [`K`] tokens of every report, hashed, in one sorted array. Equal
//! hashes form a group: its document frequency says whether the k-gram is common (in more reports than
//! the boilerplate limit), and a group that is not gives a seed for every pair of
//! reports holding it — at the start of a shared run only, so that a long passage gives one seed, not
//! one per character. The seeds are extended along their diagonal into maximal exact matches.

use super::passages::Part;

/// Tokens in a k-gram: the shortest passage (13 characters, CNKI's convention).
pub const K: usize = 13;

/// A k-gram whose group holds more occurrences than this in one report (a phrase the report repeats)
/// seeds no pair: its occurrences would pair with each other by the dozen. Passages through it are
/// still found from their other k-grams.
pub const MAX_REPEATS: usize = 8;

const BASE: u64 = 0x9E37_79B9_7F4A_7C15;
/// `BASE` to the power `K - 1`.
const TOP: u64 = {
    let mut p = 1u64;
    let mut i = 0;
    while i < K - 1 {
        p = p.wrapping_mul(BASE);
        i += 1;
    }
    p
};

/// Call `f(position, hash)` for every k-gram of `tokens`, by a rolling polynomial hash (mixed so that
/// its top bits are evenly spread).
pub fn kgram_hashes(tokens: &[u16], mut f: impl FnMut(usize, u32)) {
    let mut h = 0u64;
    for (i, &t) in tokens.iter().enumerate() {
        if i >= K {
            h = h.wrapping_sub((u64::from(tokens[i - K]) + 1).wrapping_mul(TOP));
        }
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(t) + 1);
        if i + 1 >= K {
            f(i + 1 - K, mix(h));
        }
    }
}

/// murmur3's finalizer: every bit of the input moves every bit of the output.
fn mix(mut h: u64) -> u32 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    (h >> 32) as u32
}

/// A bit set over a report's positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn new(len: usize) -> Self {
        Bits(vec![0; len.div_ceil(64)])
    }

    #[inline]
    pub fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0)
    }

    #[inline]
    pub fn set(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub fn set_range(&mut self, from: usize, to: usize) {
        for i in from..to {
            self.set(i);
        }
    }

    pub fn any_in(&self, from: usize, to: usize) -> bool {
        (from..to).any(|i| self.get(i))
    }

    pub fn count(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// What the index (and the lexicon) says of each report's positions.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// Per report, per k-gram start: the k-gram seeds pairs (found in 2 to `boilerplate` reports, no
    /// formula, not repeated too often).
    pub seeds: Vec<Bits>,
    /// Per report, per token: inside a formula of the lexicon or a k-gram found in more than
    /// `boilerplate` reports.
    pub common: Vec<Bits>,
}

/// A maximal exact match between reports `a` < `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub a: u32,
    pub b: u32,
    pub part: Part,
}

/// Index `reports` (their tokens) and return the flags (formulas of the lexicon marked common too) and every maximal exact match of at least [`K`]
/// tokens between two reports that holds a seeding k-gram, by pair. `skip(a, b)`
/// leaves a pair out (two earlier reports given for reference). `None` when the reports hold more
/// than 2³² tokens in all.
pub fn matches(
    reports: &[&[u16]],
    boilerplate: usize,
    skip: impl Fn(usize, usize) -> bool,
) -> Option<(Flags, Vec<Match>)> {
    // Where each report's positions start in the one numbering of all positions.
    let mut bases = Vec::with_capacity(reports.len() + 1);
    let mut total = 0u64;
    for r in reports {
        bases.push(u32::try_from(total).ok()?);
        total += r.len() as u64;
    }
    bases.push(u32::try_from(total).ok()?);
    let mut entries: Vec<u64> = Vec::with_capacity(total as usize);
    for (r, &base) in reports.iter().zip(&bases) {
        kgram_hashes(r, |pos, h| entries.push(u64::from(h) << 32 | u64::from(base + pos as u32)));
    }
    entries.sort_unstable();
    let locate = |e: u64| {
        let g = e as u32;
        let doc = bases.partition_point(|&b| b <= g) - 1;
        (doc, (g - bases[doc]) as usize)
    };

    let mut flags = Flags {
        seeds: reports.iter().map(|r| Bits::new(r.len())).collect(),
        common: reports.iter().map(|r| Bits::new(r.len())).collect(),
    };
    for (r, common) in reports.iter().zip(&mut flags.common) {
        super::lexicon::mark(r, common);
    }
    // Pass 1: each group's document frequency; the groups that seed, kept for pass 2.
    let mut seeding = Vec::new();
    let mut group = Vec::new();
    let mut s = 0;
    while s < entries.len() {
        let hash = entries[s] >> 32;
        let e = s + entries[s..].iter().take_while(|&&x| x >> 32 == hash).count();
        group.clear();
        group.extend(entries[s..e].iter().map(|&x| locate(x)));
        let (mut docs, mut repeats, mut run) = (0, 0, 0);
        for (k, &(doc, _)) in group.iter().enumerate() {
            if k == 0 || group[k - 1].0 != doc {
                docs += 1;
                run = 0;
            }
            run += 1;
            repeats = repeats.max(run);
        }
        if docs > boilerplate {
            for &(doc, pos) in &group {
                flags.common[doc].set_range(pos, pos + K);
            }
        } else if docs >= 2 && repeats <= MAX_REPEATS {
            for &(doc, pos) in &group {
                flags.seeds[doc].set(pos);
            }
            seeding.push((s, e));
        }
        s = e;
    }
    // Pass 2: a seed for each pair of occurrences in two reports, unless the k-gram before it is shared
    // too and seeds (then the match was seeded there).
    // (a, b, diagonal, position in a), packed so that they sort as a `u128` (the one sort instantiation
    // of the crate's `order` module: each sort of another element type costs ~5 KB of wasm).
    let mut seeds: Vec<u128> = Vec::new();
    for (s, e) in seeding {
        group.clear();
        group.extend(entries[s..e].iter().map(|&x| locate(x)));
        for (x, &(a, pa)) in group.iter().enumerate() {
            for &(b, pb) in &group[x + 1..] {
                if a == b || skip(a, b) {
                    continue;
                }
                let (ta, tb) = (reports[a], reports[b]);
                if pa > 0 && pb > 0 && ta[pa - 1] == tb[pb - 1] && flags.seeds[a].get(pa - 1) {
                    continue;
                }
                let diagonal = (pa as i64 - pb as i64 + (1 << 31)) as u32;
                seeds.push(
                    u128::from(a as u32) << 96 | u128::from(b as u32) << 64 | u128::from(diagonal) << 32 | pa as u128,
                );
            }
        }
    }
    drop(entries);
    // Seeds by pair, diagonal and position; each extended both ways into its maximal match (hash
    // collisions give none of K tokens, and are dropped).
    seeds.sort_unstable();
    let mut out: Vec<Match> = Vec::new();
    for seed in seeds {
        let (a, b, diagonal, pa) = ((seed >> 96) as u32, (seed >> 64) as u32, (seed >> 32) as u32, seed as u32);
        let pb = (i64::from(pa) - (i64::from(diagonal) - (1 << 31))) as u32;
        let (ta, tb) = (reports[a as usize], reports[b as usize]);
        if let Some(last) = out.last() {
            let same_diagonal = last.a == a && last.b == b && last.part.a + pb == last.part.b + pa;
            if same_diagonal && pa < last.part.a + last.part.len {
                continue;
            }
        }
        let part = extend(ta, tb, pa as usize, pb as usize);
        if part.len as usize >= K {
            out.push(Match { a, b, part });
        }
    }
    Some((flags, out))
}

/// The maximal run of equal tokens of `a` and `b` through positions `pa`, `pb` (both included when
/// they hold equal tokens).
pub fn extend(a: &[u16], b: &[u16], pa: usize, pb: usize) -> Part {
    let back = a[..pa].iter().rev().zip(b[..pb].iter().rev()).take_while(|(x, y)| x == y).count();
    let on = a[pa..].iter().zip(&b[pb..]).take_while(|(x, y)| x == y).count();
    Part { a: (pa - back) as u32, b: (pb - back) as u32, len: (back + on) as u32 }
}

/// Every maximal exact match of at least [`K`] tokens between `a` and `b`, by a join of their sorted
/// k-grams (for one pair: the passages the batch index leaves out, those made of common k-grams only).
/// A k-gram found more than [`MAX_REPEATS`] times on a side seeds nothing.
pub fn pair_matches(a: &[u16], b: &[u16]) -> Vec<Part> {
    // (hash, position) as one `u64`, sorted by the same instantiation as the index's entries.
    let sorted = |t: &[u16]| {
        let mut v: Vec<u64> = Vec::with_capacity(t.len());
        kgram_hashes(t, |pos, h| v.push(u64::from(h) << 32 | pos as u64));
        v.sort_unstable();
        v
    };
    let (ka, kb) = (sorted(a), sorted(b));
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < ka.len() && j < kb.len() {
        let (ha, hb) = (ka[i] >> 32, kb[j] >> 32);
        if ha != hb {
            if ha < hb {
                i += 1;
            } else {
                j += 1;
            }
            continue;
        }
        let ie = i + ka[i..].iter().take_while(|&&x| x >> 32 == ha).count();
        let je = j + kb[j..].iter().take_while(|&&x| x >> 32 == ha).count();
        if ie - i <= MAX_REPEATS && je - j <= MAX_REPEATS {
            for &x in &ka[i..ie] {
                for &y in &kb[j..je] {
                    let (pa, pb) = (x as u32 as usize, y as u32 as usize);
                    let left_maximal = pa == 0 || pb == 0 || a[pa - 1] != b[pb - 1];
                    if left_maximal && a[pa..pa + K] == b[pb..pb + K] {
                        out.push(extend(a, b, pa, pb));
                    }
                }
            }
        }
        (i, j) = (ie, je);
    }
    crate::order::sort_by_key(&mut out, |p| crate::order::pair(p.a as usize, p.b as usize));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<u16> {
        s.chars().map(|c| c as u16).collect()
    }

    #[test]
    fn rolling_hashes_are_the_hashes_of_each_window() {
        let t = tokens("深入学习贯彻习近平法治思想坚持以习近平新时代中国特色社会主义思想为指导");
        let mut rolled = Vec::new();
        kgram_hashes(&t, |pos, h| rolled.push((pos, h)));
        assert_eq!(rolled.len(), t.len() - K + 1);
        for (pos, h) in rolled {
            let mut alone = Vec::new();
            kgram_hashes(&t[pos..pos + K], |_, h| alone.push(h));
            assert_eq!(alone, [h]);
        }
        let mut none = 0;
        kgram_hashes(&t[..K - 1], |_, _| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn a_shared_run_is_one_match_and_common_k_grams_seed_nothing() {
        let shared = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";
        let a = tokens(&format!("一二三{shared}四五六"));
        let b = tokens(&format!("七八{shared}九"));
        let c = tokens(shared);
        let reports: Vec<&[u16]> = vec![&a, &b, &c];
        let (flags, found) = matches(&reports, 10, |_, _| false).unwrap();
        let parts: Vec<_> = found.iter().map(|m| (m.a, m.b, m.part)).collect();
        assert_eq!(
            parts,
            [
                (0, 1, Part { a: 3, b: 2, len: 20 }),
                (0, 2, Part { a: 3, b: 0, len: 20 }),
                (1, 2, Part { a: 2, b: 0, len: 20 })
            ]
        );
        assert_eq!(flags.common[0].count(), 0);
        // In more than two reports: common, no seeds.
        let (flags, found) = matches(&reports, 2, |_, _| false).unwrap();
        assert!(found.is_empty());
        assert_eq!(flags.common[0].count(), 20);
        assert_eq!(flags.common[2].count(), 20);
        // Pairs left out are left out.
        let (_, found) = matches(&reports, 10, |a, b| (a, b) == (0, 2)).unwrap();
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn pair_matches_are_the_index_matches_of_two_reports() {
        let a = tokens("一二三甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉四五六甲乙丙丁戊己庚辛壬癸子丑寅卯辰");
        let b = tokens("七八甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉九");
        let (_, found) = matches(&[&a, &b], 10, |_, _| false).unwrap();
        let via_index: Vec<Part> = found.iter().map(|m| m.part).collect();
        assert_eq!(pair_matches(&a, &b), via_index);
        assert_eq!(via_index, [Part { a: 3, b: 2, len: 20 }, Part { a: 26, b: 2, len: 15 }]);
    }
}
