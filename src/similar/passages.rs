//! Passages: the exact matches of a pair merged across small insertions. Two matches join when the
//! second starts at most [`GAP`] tokens after the first ends on both sides (`的`, `但是`, a name
//! changed), in the same order; overlapping starts are trimmed. A passage with fewer than [`K`] of its
//! matched tokens outside common text (on both sides), or fewer than half, is boilerplate: shown, never
//! counted. Any other counts whole, its formulas included.

use std::ops::Range;

use super::index::{Bits, K};

/// Tokens one side may insert between two parts of one passage.
pub const GAP: u32 = 4;

/// An exact match: `len` tokens from `a` in the left report equal those from `b` in the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Part {
    pub a: u32,
    pub b: u32,
    pub len: u32,
}

/// A shared passage of a pair, in tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Its exact matches, in order on both sides.
    pub parts: Vec<Part>,
    /// Tokens matched (the parts' lengths).
    pub chars: u32,
    /// Tokens matched outside common text on both sides.
    pub specific: u32,
    /// Fewer than [`K`] specific tokens, or fewer than half: formulas or text found in many reports,
    /// shown and not counted.
    pub boilerplate: bool,
}

impl Passage {
    fn new(parts: Vec<Part>, common: (&Bits, &Bits)) -> Self {
        let chars = parts.iter().map(|p| p.len).sum();
        let specific = parts
            .iter()
            .flat_map(|p| (0..p.len).map(move |i| (p.a + i, p.b + i)))
            .filter(|&(a, b)| !common.0.get(a as usize) && !common.1.get(b as usize))
            .count() as u32;
        Passage { parts, chars, specific, boilerplate: (specific as usize) < K || specific * 2 < chars }
    }

    /// Its tokens in the left report (from its first part's start to its last part's end).
    pub fn left(&self) -> Range<u32> {
        self.parts.first().map_or(0, |p| p.a)..self.parts.last().map_or(0, |p| p.a + p.len)
    }

    pub fn right(&self) -> Range<u32> {
        self.parts.first().map_or(0, |p| p.b)..self.parts.last().map_or(0, |p| p.b + p.len)
    }

    /// The matched positions on each side: `(left, right)` of every token of its parts.
    pub fn positions(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.parts.iter().flat_map(|p| (0..p.len).map(move |i| (p.a + i, p.b + i)))
    }
}

/// The passages of one pair from its exact matches (any order), with the pair's common text.
pub fn chain(mut matches: Vec<Part>, common: (&Bits, &Bits)) -> Vec<Passage> {
    // Two matches never start at the same place on both sides (they would be one).
    crate::order::sort_by_key(&mut matches, |p| crate::order::pair(p.a as usize, p.b as usize));
    let mut chains: Vec<Vec<Part>> = Vec::new();
    // Chains whose last part ends late enough for the next match to join.
    let mut open: Vec<usize> = Vec::new();
    for m in matches {
        open.retain(|&c| chains[c].last().is_some_and(|l| l.a + l.len + GAP >= m.a));
        let mut best: Option<(u32, usize, Part)> = None;
        for &c in &open {
            let Some(l) = chains[c].last() else { continue };
            let (ae, be) = (l.a + l.len, l.b + l.len);
            // Trim an overlap with the last part on either side.
            let trim = ae.saturating_sub(m.a).max(be.saturating_sub(m.b));
            if trim >= m.len {
                continue;
            }
            let p = Part { a: m.a + trim, b: m.b + trim, len: m.len - trim };
            let (ga, gb) = (p.a - ae, p.b - be);
            if ga <= GAP && gb <= GAP && best.is_none_or(|(g, _, _)| ga + gb < g) {
                best = Some((ga + gb, c, p));
            }
        }
        match best {
            Some((_, c, p)) => chains[c].push(p),
            None => {
                open.push(chains.len());
                chains.push(vec![m]);
            }
        }
    }
    chains.into_iter().map(|parts| Passage::new(parts, common)).collect()
}

/// Boilerplate passages of one exact match each: those the index seeds nothing for (common text, or a
/// run repeated too often), which join no chain and are never counted.
pub fn single(parts: Vec<Part>, common: (&Bits, &Bits)) -> Vec<Passage> {
    parts.into_iter().map(|p| Passage { boilerplate: true, ..Passage::new(vec![p], common) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(len: usize) -> Bits {
        Bits::new(len)
    }

    fn part(a: u32, b: u32, len: u32) -> Part {
        Part { a, b, len }
    }

    #[test]
    fn matches_join_across_small_insertions_on_either_side() {
        let (l, r) = (none(200), none(200));
        // `的` inserted on the right, then a word changed on both sides, then a long gap.
        let got = chain(vec![part(0, 0, 20), part(20, 21, 15), part(37, 38, 14), part(60, 70, 13)], (&l, &r));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].parts, [part(0, 0, 20), part(20, 21, 15), part(37, 38, 14)]);
        assert_eq!((got[0].left(), got[0].right(), got[0].chars, got[0].specific), (0..51, 0..52, 49, 49));
        assert!(!got[0].boilerplate);
        assert_eq!(got[1].parts, [part(60, 70, 13)]);
    }

    #[test]
    fn overlaps_are_trimmed_and_other_places_make_their_own_passage() {
        let (l, r) = (none(300), none(300));
        // The same left text matched in two places on the right; a match overlapping the first by 2.
        let got = chain(vec![part(0, 0, 20), part(0, 100, 20), part(18, 22, 16)], (&l, &r));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].parts, [part(0, 0, 20), part(20, 24, 14)]);
        assert_eq!(got[1].parts, [part(0, 100, 20)]);
    }

    #[test]
    fn passages_mostly_of_common_text_are_boilerplate() {
        let (mut l, mut r) = (none(100), none(100));
        l.set_range(0, 10);
        r.set_range(60, 61);
        let got = chain(vec![part(0, 0, 22)], (&l, &r));
        assert_eq!((got[0].chars, got[0].specific, got[0].boilerplate), (22, 12, true));
        let got = chain(vec![part(0, 50, 24)], (&l, &r));
        assert_eq!((got[0].specific, got[0].boilerplate), (13, false));
        let positions: Vec<_> = got[0].positions().collect();
        assert_eq!((positions.first(), positions.len()), (Some(&(0, 50)), 24));
        // Two thirds common: boilerplate, however long.
        l.set_range(0, 60);
        let got = chain(vec![part(0, 0, 90)], (&l, &r));
        assert_eq!((got[0].specific, got[0].boilerplate), (29, true));
    }
}
