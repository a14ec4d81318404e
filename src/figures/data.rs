//! The reviewed domain tables of `data/figures/` (units, traps, indicator families, words, Traditional
//! characters), embedded at compile time and parsed once.
//!
//! Every file is tab-separated, `#` starts a comment line, and the first column is a stable id. The unit
//! tests below validate them: ids unique, no empty fields, known kinds and roles, words free of spaces.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::model::FigureKind;

/// The data files as `build.rs` embeds them: comment lines emptied, every other line as written.
const UNITS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/figures/units.tsv"));
const TRAPS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/figures/traps.tsv"));
const FAMILIES: &str = include_str!(concat!(env!("OUT_DIR"), "/data/figures/families.tsv"));
const WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/data/figures/words.tsv"));

/// A fast hasher for `char` keys (the tables are fixed and small; no untrusted keys reach a map).
#[derive(Default)]
pub(crate) struct CharHasher(u64);

impl Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type CharMap<V> = HashMap<char, V, BuildHasherDefault<CharHasher>>;

pub(crate) struct Unit {
    pub text: Vec<char>,
    pub kind: FigureKind,
    pub canonical: &'static str,
    /// Also a unit after Chinese numerals.
    pub cn: bool,
}

pub(crate) struct Trap {
    pub text: Vec<char>,
}

pub(crate) struct Family {
    pub id: &'static str,
}

/// A keyword of an indicator family.
pub(crate) struct Keyword {
    pub text: Vec<char>,
    pub family: usize,
}

/// The roles of `words.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    HedgePre,
    BoundPost,
    VerbLead,
    VerbTrail,
    RankPre,
    VaguePre,
    HotlineCtx,
    Furniture,
    NounStop,
    IdentPre,
}

/// How many roles there are: the per-role tables are arrays indexed by `role as usize`.
const ROLES: usize = Role::IdentPre as usize + 1;

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "hedge_pre" => Role::HedgePre,
            "bound_post" => Role::BoundPost,
            "verb_lead" => Role::VerbLead,
            "verb_trail" => Role::VerbTrail,
            "rank_pre" => Role::RankPre,
            "vague_pre" => Role::VaguePre,
            "hotline_ctx" => Role::HotlineCtx,
            "furniture" => Role::Furniture,
            "noun_stop" => Role::NounStop,
            "ident_pre" => Role::IdentPre,
            _ => return None,
        })
    }
}

pub(crate) struct Tables {
    /// Units by their first character, longest first.
    units: CharMap<Vec<Unit>>,
    /// Bit set over the BMP: first characters of units.
    unit_first: Vec<u64>,
    pub traps: Vec<Trap>,
    /// For a character, the traps containing it as (trap index, position in the trap).
    trap_index: CharMap<Vec<(usize, usize)>>,
    /// Bit set over the BMP: characters of traps (asked before the map).
    trap_chars: Vec<u64>,
    pub families: Vec<Family>,
    /// Family keywords by first character, longest first.
    keywords: CharMap<Vec<Keyword>>,
    /// Pair bit set ([`crate::literals::add_pair`]) of the first two characters of every keyword (all
    /// have two or more): a position whose two characters miss it starts none.
    keyword_pairs: Box<crate::literals::Bits16>,
    /// Words by role, longest first.
    words: [Vec<Vec<char>>; ROLES],
    /// Bit sets over the BMP of the last characters of the words of each role.
    word_last: [Vec<u64>; ROLES],
    /// Bit sets over the BMP of the first characters of the words of each role.
    word_first: [Vec<u64>; ROLES],
}

fn rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').map(str::trim).collect())
}

fn kind(s: &str) -> Option<FigureKind> {
    Some(match s {
        "count" => FigureKind::Count,
        "money" => FigureKind::Money,
        "percent" => FigureKind::Percent,
        "duration" => FigureKind::Duration,
        "other" => FigureKind::Other,
        _ => return None,
    })
}

fn set_bit(bits: &mut [u64], c: char) {
    let u = c as u32 as usize;
    if u < 0x10000 {
        bits[u / 64] |= 1 << (u % 64);
    }
}

fn has_bit(bits: &[u64], c: char) -> bool {
    let u = c as u32 as usize;
    u >= 0x10000 || bits[u / 64] & (1 << (u % 64)) != 0
}

impl Tables {
    fn load() -> Tables {
        let simplify = |s: &str| -> Vec<char> { s.chars().map(crate::normalize::simplify_char).collect() };

        let mut units: CharMap<Vec<Unit>> = CharMap::default();
        for r in rows(UNITS) {
            if r.len() < 5 {
                continue;
            }
            let (Some(k), text) = (kind(r[2]), simplify(r[1])) else { continue };
            if text.is_empty() {
                continue;
            }
            let u = Unit { text, kind: k, canonical: r[3], cn: r[4] == "cn" };
            units.entry(u.text[0]).or_default().push(u);
        }
        for list in units.values_mut() {
            crate::order::sort_by_key(list, |u| u64::MAX - u.text.len() as u64);
        }
        let mut unit_first = vec![0u64; 1024];
        for c in units.keys() {
            set_bit(&mut unit_first, *c);
        }

        let mut traps = Vec::new();
        let mut trap_index: CharMap<Vec<(usize, usize)>> = CharMap::default();
        let mut trap_chars = vec![0u64; 1024];
        for r in rows(TRAPS) {
            if r.len() < 3 || r[1].is_empty() {
                continue;
            }
            let text = simplify(r[1]);
            for (k, &c) in text.iter().enumerate() {
                trap_index.entry(c).or_default().push((traps.len(), k));
                set_bit(&mut trap_chars, c);
            }
            traps.push(Trap { text });
        }

        let mut families = Vec::new();
        let mut keywords: CharMap<Vec<Keyword>> = CharMap::default();
        let mut keyword_pairs = Box::new([0u64; 1024]);
        for r in rows(FAMILIES) {
            if r.len() < 3 {
                continue;
            }
            for kw in r[2].split('|').map(str::trim).filter(|k| !k.is_empty()) {
                let text = simplify(kw);
                if let [a, b, ..] = text[..] {
                    crate::literals::add_pair(&mut keyword_pairs, a as u32, b as u32);
                }
                keywords.entry(text[0]).or_default().push(Keyword { text, family: families.len() });
            }
            families.push(Family { id: r[0] });
        }
        for list in keywords.values_mut() {
            crate::order::sort_by_key(list, |u| u64::MAX - u.text.len() as u64);
        }

        let mut words: [Vec<Vec<char>>; ROLES] = Default::default();
        for r in rows(WORDS) {
            if r.len() < 3 || r[2].is_empty() {
                continue;
            }
            if let Some(role) = Role::parse(r[1]) {
                words[role as usize].push(simplify(r[2]));
            }
        }
        for list in &mut words {
            crate::order::sort_by_key(list, |w| u64::MAX - w.len() as u64);
        }
        let ends = |first: bool| -> [Vec<u64>; ROLES] {
            std::array::from_fn(|r| {
                let mut bits = vec![0u64; 1024];
                for w in &words[r] {
                    if let Some(&c) = if first { w.first() } else { w.last() } {
                        set_bit(&mut bits, c);
                    }
                }
                bits
            })
        };
        let word_last = ends(false);
        let word_first = ends(true);

        Tables {
            units,
            unit_first,
            traps,
            trap_index,
            trap_chars,
            families,
            keywords,
            keyword_pairs,
            words,
            word_last,
            word_first,
        }
    }

    /// Units starting with `c`, longest first.
    #[inline]
    pub fn units_at(&self, c: char) -> &[Unit] {
        if !has_bit(&self.unit_first, c) {
            return &[];
        }
        self.units.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when some unit starts with `c`.
    #[inline]
    pub fn is_unit_start(&self, c: char) -> bool {
        has_bit(&self.unit_first, c) && self.units.contains_key(&c)
    }

    /// Traps containing `c`, as (trap, position of `c` in it).
    pub fn traps_with(&self, c: char) -> &[(usize, usize)] {
        if !has_bit(&self.trap_chars, c) {
            return &[];
        }
        self.trap_index.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Family keywords starting with `c`, longest first.
    #[inline]
    pub fn keywords_at(&self, c: char) -> &[Keyword] {
        self.keywords.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Bit `i` set where a keyword may start at `c[from + i]` (`i < 64`, `from + i < to`): where the
    /// character and the next one (`'\n'` past the end) hit [`Tables::keyword_pairs`]. Gathered
    /// without a branch per character: a fourth of a report's characters start some keyword's first
    /// character (法, 政, 行…), and a branch on that mispredicted.
    #[inline]
    pub fn keyword_candidates(&self, c: &[char], from: usize, to: usize) -> u64 {
        let block = &c[from..to.min(from + 64)];
        let after = c.get(from + block.len()).map_or('\n', |&x| x) as u32;
        let mut mask = 0u64;
        for (i, pair) in block.windows(2).enumerate() {
            mask |= crate::literals::pair_bit(&self.keyword_pairs, pair[0] as u32, pair[1] as u32) << i;
        }
        if let Some(&last) = block.last() {
            mask |= crate::literals::pair_bit(&self.keyword_pairs, last as u32, after) << (block.len() - 1);
        }
        mask
    }

    /// The length of the longest word of `role` ending right before `i` in `d`.
    pub fn word_ending(&self, role: Role, d: &super::norm::Chars, i: usize) -> Option<usize> {
        if i == 0 || !has_bit(&self.word_last[role as usize], d.c[i - 1]) {
            return None;
        }
        self.words(role).iter().find(|w| d.ends_with_chars(i, w)).map(Vec::len)
    }

    /// The length of the longest word of `role` starting at `i` in `d`, leaving at least `keep`
    /// characters before `end`.
    pub fn word_starting(
        &self,
        role: Role,
        d: &super::norm::Chars,
        i: usize,
        end: usize,
        keep: usize,
    ) -> Option<usize> {
        if i >= d.len() || !has_bit(&self.word_first[role as usize], d.c[i]) {
            return None;
        }
        self.words(role).iter().find(|w| i + w.len() + keep <= end && d.starts_with_chars(i, w)).map(Vec::len)
    }

    /// The words of a role, longest first.
    pub fn words(&self, role: Role) -> &[Vec<char>] {
        &self.words[role as usize]
    }
}

/// The tables, parsed on first use.
pub(crate) fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(Tables::load)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn check_file(name: &str, src: &'static str, columns: usize) -> Vec<Vec<&'static str>> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        for (n, line) in src.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let r: Vec<&str> = line.split('\t').collect();
            assert_eq!(r.len(), columns, "{name}:{}: expected {columns} tab-separated columns: {line:?}", n + 1);
            for f in &r {
                assert!(!f.trim().is_empty(), "{name}:{}: empty field: {line:?}", n + 1);
                assert_eq!(f.trim(), *f, "{name}:{}: stray spaces: {line:?}", n + 1);
            }
            assert!(ids.insert(r[0]), "{name}:{}: duplicate id {}", n + 1, r[0]);
            out.push(r);
        }
        assert!(!out.is_empty(), "{name} is empty");
        out
    }

    fn ascii_id(name: &str, id: &str) {
        assert!(
            id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{name}: id {id:?} must be lowercase ascii"
        );
    }

    #[test]
    fn embedded_tables_are_the_data_files_without_comments() {
        let root = env!("CARGO_MANIFEST_DIR");
        for (name, embedded) in [
            ("figures/units.tsv", UNITS),
            ("figures/traps.tsv", TRAPS),
            ("figures/families.tsv", FAMILIES),
            ("figures/words.tsv", WORDS),
            ("furniture.tsv", include_str!(concat!(env!("OUT_DIR"), "/data/furniture.tsv"))),
        ] {
            let file = std::fs::read_to_string(format!("{root}/data/{name}")).unwrap();
            let want: Vec<&str> = file.lines().map(|l| if l.starts_with('#') { "" } else { l }).collect();
            assert_eq!(embedded.lines().collect::<Vec<_>>(), want, "{name}");
        }
    }

    #[test]
    fn units_file_is_well_formed() {
        let mut seen = HashSet::new();
        for r in check_file("units.tsv", UNITS, 5) {
            ascii_id("units.tsv", r[0]);
            assert!(kind(r[2]).is_some(), "units.tsv: unknown kind {}", r[2]);
            assert!(matches!(r[4], "cn" | "-"), "units.tsv: flags must be cn or -: {}", r[4]);
            assert!(seen.insert(r[1]), "units.tsv: unit {} listed twice", r[1]);
            assert!(!r[1].contains(' '));
        }
    }

    #[test]
    fn traps_file_is_well_formed() {
        let mut seen = HashSet::new();
        for r in check_file("traps.tsv", TRAPS, 3) {
            ascii_id("traps.tsv", r[0]);
            assert!(matches!(r[2], "slogan" | "name" | "idiom" | "ordinal"), "traps.tsv: why {}", r[2]);
            assert!(seen.insert(r[1]), "traps.tsv: {} listed twice", r[1]);
            assert!(r[1].chars().count() >= 2);
        }
    }

    #[test]
    fn families_file_is_well_formed() {
        let mut kws = HashSet::new();
        for r in check_file("families.tsv", FAMILIES, 3) {
            ascii_id("families.tsv", r[0]);
            assert!(r[1].chars().all(|c| c > '\u{2e80}'), "families.tsv: name must be Chinese: {}", r[1]);
            for k in r[2].split('|') {
                assert!(!k.is_empty(), "families.tsv: empty keyword in {}", r[0]);
                assert!(kws.insert((r[0], k)), "families.tsv: keyword {k} twice in {}", r[0]);
            }
        }
        assert_eq!(tables().families.len(), 15);
    }

    #[test]
    fn words_file_is_well_formed() {
        let mut seen = HashSet::new();
        for r in check_file("words.tsv", WORDS, 3) {
            ascii_id("words.tsv", r[0]);
            assert!(Role::parse(r[1]).is_some(), "words.tsv: unknown role {}", r[1]);
            assert!(seen.insert((r[1], r[2])), "words.tsv: {} twice as {}", r[2], r[1]);
        }
    }

    #[test]
    fn traditional_characters_simplify() {
        assert_eq!(crate::normalize::simplify_char('萬'), '万');
        assert_eq!(crate::normalize::simplify_char('项'), '项');
    }

    #[test]
    fn lookups() {
        let t = tables();
        let ge = t.units_at('个');
        assert!(ge.iter().any(|u| u.canonical == "工作日"));
        assert!(ge.windows(2).all(|w| w[0].text.len() >= w[1].text.len()));
        assert!(t.keywords_at('复').iter().any(|k| t.families[k.family].id == "reconsideration"));
        // Every keyword's start is a candidate, wherever it stands in a block; its second character
        // may be the first of the next block, or past the end.
        for kw in t.keywords.values().flatten() {
            for pad in [0, 1, 63, 64, 127] {
                let mut c: Vec<char> = std::iter::repeat_n('的', pad).chain(kw.text.iter().copied()).collect();
                let from = pad / 64 * 64;
                assert!(t.keyword_candidates(&c, from, c.len()) >> (pad % 64) & 1 == 1, "{:?} after {pad}", kw.text);
                c.truncate(pad + 1);
                assert!(t.keyword_candidates(&c, from, c.len()) >> (pad % 64) & 1 == 0, "{:?} cut", kw.text);
            }
        }
        assert!(!t.words(Role::HedgePre).is_empty());
    }
}
