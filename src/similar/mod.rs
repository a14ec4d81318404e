//! 雷同检测: which reports of a batch share passages with each other or with the same unit's earlier
//! report, without counting the formulas they all must use.
//!
//! # What is compared
//! Each report is [`prepare`]d once into tokens ([`mask`]): the normalized view (Traditional
//! characters simplified, full-width forms folded, pinyin glosses removed), letters lower-cased,
//! punctuation, spaces and page furniture left out, the unit's own names ([`names`], from the issuer
//! the metadata finds) and template blanks (`x镇`) masked as one name, numbers and years as one number.
//! A [`Report`] keeps only its tokens (2 bytes each) and what it was given; its byte spans
//! (`input[start..end]`) come with [`prepare`], or again from its text with [`Report::spans`].
//!
//! # How
//! [`compare`] puts every run of [`K`] = 13 tokens of every report (the shortest passage, CNKI's
//! convention) in one sorted array of (hash, position) ([`index`]). A run found in more than
//! `boilerplate` reports (MOSS's "more than N", default [`DEFAULT_BOILERPLATE`]) or in a formula of
//! the built-in lexicon ([`lexicon`], `data/boilerplate.tsv`) is common. Any other run found in two
//! reports or more gives a seed to each pair of them, at the start of each shared stretch only; each
//! seed is extended into its maximal exact match; the matches of a pair are merged across insertions of
//! up to [`GAP`] tokens into passages ([`passages`]). A passage with fewer than 13 tokens outside
//! common text (or fewer than half of its tokens) is boilerplate: shown, not counted; any other counts whole. No two texts are ever
//! compared whole: a pair is looked at only through the runs it shares.
//!
//! Per pair and direction, the share is the containment of CNKI's 复制比: the tokens of a report lying
//! in counted passages shared with the other, over all its tokens. Per report: its largest source
//! and its copied share (the union over every other unit), and apart from them the share taken from the
//! same unit's earlier report (本单位上年复制比): an earlier report is one given as such
//! ([`Info::previous`]) or one of the batch with the same unit key and an earlier year.
//!
//! # Cost
//! With T tokens in all (a character of text each, about a third of its UTF-8 bytes), N reports and
//! the boilerplate limit D: preparing is O(T) (the lexicon: a hash lookup per token); the index
//! O(T log T) time (one sort of T 64-bit entries) and 8 bytes a token while it lasts, plus 2 bits a
//! token of flags kept with the comparison; a report keeps 2 bytes a token. The seeds cost O(Σ over
//! non-common runs of their document frequency squared) ≤ O(T·D·R²) pair tests (R ≤ 8 repeats of a
//! run in one report), of which one seed (16 bytes) per shared stretch and pair is kept; extending
//! them is linear in the passages found. Memory is linear in the input; time is O(T log T) plus the
//! shared text, whatever N (comparing every pair of texts would be O(N·T)). [`Comparison::passages`]
//! (one pair's passages, boilerplate included) is O(T_a log T_a + T_b log T_b). Measured (1,000 reports
//! of 11.8 KB: 1 s on two cores, 50 MB at the peak): `docs/similarity.md`.

pub mod index;
pub mod lexicon;
pub mod mask;
pub mod names;
pub mod options;
pub mod passages;
pub mod render;

use std::ops::Range;

pub use index::{Bits, K};
pub use passages::{Part, Passage, GAP};

/// Reports that may hold a passage before it is boilerplate (MOSS's default for `-m`).
pub const DEFAULT_BOILERPLATE: usize = 10;

/// What the caller knows of a report beyond its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    /// A path or a name, copied to the report.
    pub source: Option<String>,
    /// The issuing unit, when known better than the text says (otherwise the metadata's).
    pub issuer: Option<String>,
    /// The report year, when known better than the text says.
    pub year: Option<i32>,
    /// An earlier report given for reference (the CLI's `--previous`): compared with the others, not
    /// with other earlier ones.
    pub previous: bool,
}

/// One report as compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub source: Option<String>,
    pub issuer: Option<String>,
    pub year: Option<i32>,
    pub previous: bool,
    /// The unit (its most specific name, [`names::Names::key`]): equal keys, the same unit.
    pub key: Option<String>,
    names: Vec<String>,
    tokens: Vec<u16>,
}

impl Report {
    /// Tokens of its body (characters other than punctuation and spaces, outside page furniture; a
    /// masked name or number one): what shares are shares of.
    pub fn chars(&self) -> usize {
        self.tokens.len()
    }

    pub fn tokens(&self) -> &[u16] {
        &self.tokens
    }

    /// The byte span of each token in `text`, when `text` is the text this report was prepared from
    /// (`None` otherwise): a page that dropped the spans reads its file again.
    pub fn spans(&self, text: &str) -> Option<Vec<(u32, u32)>> {
        let masked = mask::mask(&crate::doc::Doc::new(text), &self.names);
        (masked.tokens == self.tokens).then_some(masked.spans)
    }
}

/// Prepare one report: its tokens, and their byte spans in `text`. Refused as [`crate::analyze`]
/// refuses it: text that is empty or only spaces, or longer than [`crate::MAX_INPUT_BYTES`].
pub fn prepare(text: &str, info: Info) -> Result<(Report, Vec<(u32, u32)>), crate::Error> {
    if text.len() > crate::MAX_INPUT_BYTES {
        return Err(crate::Error::TooLarge { bytes: text.len(), limit: crate::MAX_INPUT_BYTES });
    }
    if text.chars().all(crate::text::is_space) {
        return Err(crate::Error::Empty);
    }
    let doc = crate::doc::Doc::new(text);
    let (issuer, year) = match (info.issuer, info.year) {
        (Some(i), Some(y)) => (Some(i), Some(y)),
        (issuer, year) => {
            let meta = crate::meta::extract(&doc);
            let issuer = issuer.or(meta.issuer).or_else(|| names::from_text(meta.title.as_deref(), &doc));
            (issuer, year.or(meta.year))
        }
    };
    let unit = issuer.as_deref().map(|i| names::of(&crate::normalize::simplify(i))).unwrap_or_default();
    let masked = mask::mask(&doc, &unit.names);
    let report = Report {
        source: info.source,
        issuer,
        year,
        previous: info.previous,
        key: unit.key,
        names: unit.names,
        tokens: masked.tokens,
    };
    Ok((report, masked.spans))
}

/// How two reports relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Different units (or a unit not known): copying between units.
    OtherUnit,
    /// The same unit, one report earlier than the other (a year before, or given as earlier).
    PreviousYear,
    /// The same unit and year, or years not known: a mirror or a second copy of one report.
    SameUnit,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::OtherUnit => "other_unit",
            Kind::PreviousYear => "previous_year",
            Kind::SameUnit => "same_unit",
        }
    }

    /// How `a` and `b` relate: by their unit keys, years and `previous` flags.
    pub fn of(a: &Report, b: &Report) -> Kind {
        match (&a.key, &b.key) {
            (Some(x), Some(y)) if x == y => {
                if a.previous != b.previous {
                    return Kind::PreviousYear;
                }
                match (a.year, b.year) {
                    (Some(p), Some(q)) if p != q => Kind::PreviousYear,
                    _ => Kind::SameUnit,
                }
            }
            _ => Kind::OtherUnit,
        }
    }
}

/// The tunables of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// A passage found in more reports than this is boilerplate.
    pub boilerplate: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params { boilerplate: DEFAULT_BOILERPLATE }
    }
}

/// Two reports that share counted passages (`left` < `right`, indices of the compared reports).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub left: usize,
    pub right: usize,
    pub kind: Kind,
    /// Counted tokens of each side in shared passages, and their share of its tokens.
    pub left_chars: usize,
    pub right_chars: usize,
    pub left_share: f64,
    pub right_share: f64,
    /// Tokens of the longest counted passage.
    pub longest: usize,
    /// The passages of the matches that hold a non-common run, counted or boilerplate, by left
    /// position ([`Comparison::passages`] adds those of common text only).
    pub passages: Vec<Passage>,
}

impl Pair {
    /// The larger of the two shares (what pairs are sorted and filtered by).
    pub fn share(&self) -> f64 {
        self.left_share.max(self.right_share)
    }
}

/// Where a report's text came from: the other report and its share of this one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Source {
    pub report: usize,
    pub share: f64,
}

/// The measures of one report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub chars: usize,
    /// Counted tokens shared with other units' reports (a union over them), and their share.
    pub copied_chars: usize,
    pub copied_share: f64,
    /// The other unit's report sharing the most.
    pub largest_source: Option<Source>,
    /// The same from the same unit's earlier reports (本单位上年复制比).
    pub previous_chars: usize,
    pub previous_share: f64,
    pub previous_source: Option<Source>,
}

/// The result of [`compare`].
#[derive(Debug, Clone)]
pub struct Comparison {
    /// By larger share, descending (then by indices).
    pub pairs: Vec<Pair>,
    /// One per report, in order.
    pub reports: Vec<Summary>,
    pub params: Params,
    flags: index::Flags,
}

/// Whether report `b` is the earlier one of a [`Kind::PreviousYear`] pair.
pub fn is_earlier(b: &Report, than: &Report) -> bool {
    if b.previous != than.previous {
        return b.previous;
    }
    matches!((b.year, than.year), (Some(p), Some(q)) if p < q)
}

/// Compare every report with every other through the index (see the module doc). `None` when the
/// reports hold more than 2³² tokens in all (13 GB of text).
pub fn compare(reports: &[Report], params: Params) -> Option<Comparison> {
    let tokens: Vec<&[u16]> = reports.iter().map(|r| r.tokens.as_slice()).collect();
    let skip = |a: usize, b: usize| reports[a].previous && reports[b].previous;
    let (flags, matches) = index::matches(&tokens, params.boilerplate, skip)?;
    let mut pairs = Vec::new();
    let mut rest = matches.as_slice();
    while let Some(first) = rest.first() {
        let n = rest.iter().take_while(|m| (m.a, m.b) == (first.a, first.b)).count();
        let (a, b) = (first.a as usize, first.b as usize);
        let common = (&flags.common[a], &flags.common[b]);
        let passages = passages::chain(rest[..n].iter().map(|m| m.part).collect(), common);
        rest = &rest[n..];
        if let Some(pair) = measure(reports, a, b, passages) {
            pairs.push(pair);
        }
    }
    // By larger share, descending (shares are not negative: their bits order as they do); stably, so
    // equal shares stay in the order of their indices.
    crate::order::sort_by_key(&mut pairs, |p| u64::MAX - p.share().to_bits());
    let summaries = summaries(reports, &pairs, &[]);
    Some(Comparison { pairs, reports: summaries, params, flags })
}

/// A pair's measures from its passages, or `None` when none counts.
fn measure(reports: &[Report], a: usize, b: usize, passages: Vec<Passage>) -> Option<Pair> {
    if passages.iter().all(|p| p.boilerplate) {
        return None;
    }
    let (ra, rb) = (&reports[a], &reports[b]);
    let (mut left, mut right) = (Bits::new(ra.chars()), Bits::new(rb.chars()));
    let mut longest = 0;
    for p in passages.iter().filter(|p| !p.boilerplate) {
        for (x, y) in p.positions() {
            left.set(x as usize);
            right.set(y as usize);
        }
        longest = longest.max(p.chars as usize);
    }
    let (left_chars, right_chars) = (left.count(), right.count());
    Some(Pair {
        left: a,
        right: b,
        kind: Kind::of(ra, rb),
        left_chars,
        right_chars,
        left_share: share(left_chars, ra.chars()),
        right_share: share(right_chars, rb.chars()),
        longest,
        passages,
    })
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Each report's measures from `pairs`, leaving out the pairs of reports `dismissed` (either order).
fn summaries(reports: &[Report], pairs: &[Pair], dismissed: &[(usize, usize)]) -> Vec<Summary> {
    // Each report's pairs, as (pair, this report is the left one).
    let mut by_report: Vec<Vec<(usize, bool)>> = vec![Vec::new(); reports.len()];
    let is_dismissed = |p: &Pair| dismissed.iter().any(|&(a, b)| (a.min(b), a.max(b)) == (p.left, p.right));
    for (k, p) in pairs.iter().enumerate().filter(|(_, p)| !is_dismissed(p)) {
        by_report[p.left].push((k, true));
        by_report[p.right].push((k, false));
    }
    by_report
        .iter()
        .enumerate()
        .map(|(i, mine)| {
            let me = &reports[i];
            let (mut copied, mut previous) = (Bits::new(me.chars()), Bits::new(me.chars()));
            let (mut largest, mut last_year): (Option<Source>, Option<Source>) = (None, None);
            for &(k, is_left) in mine {
                let p = &pairs[k];
                let other = if is_left { p.right } else { p.left };
                let (target, best) = match p.kind {
                    Kind::OtherUnit => (&mut copied, &mut largest),
                    Kind::PreviousYear if is_earlier(&reports[other], me) => (&mut previous, &mut last_year),
                    _ => continue,
                };
                for passage in p.passages.iter().filter(|x| !x.boilerplate) {
                    for (x, y) in passage.positions() {
                        target.set(if is_left { x } else { y } as usize);
                    }
                }
                let s = if is_left { p.left_share } else { p.right_share };
                if best.is_none_or(|b| s > b.share) {
                    *best = Some(Source { report: other, share: s });
                }
            }
            let (copied_chars, previous_chars) = (copied.count(), previous.count());
            Summary {
                chars: me.chars(),
                copied_chars,
                copied_share: share(copied_chars, me.chars()),
                largest_source: largest,
                previous_chars,
                previous_share: share(previous_chars, me.chars()),
                previous_source: last_year,
            }
        })
        .collect()
}

impl Comparison {
    /// The reports' measures with the pairs of `dismissed` left out (a reviewer found them
    /// legitimate: a joint report, a quoted document); `reports` as compared.
    pub fn measures(&self, reports: &[Report], dismissed: &[(usize, usize)]) -> Vec<Summary> {
        summaries(reports, &self.pairs, dismissed)
    }

    /// Every passage of `pair` (an index into [`Comparison::pairs`]; `reports` as compared): its own,
    /// and those made of common text only, which the index does not seed, each a boilerplate passage.
    /// By left position.
    pub fn passages(&self, reports: &[Report], pair: usize) -> Vec<Passage> {
        let p = &self.pairs[pair];
        let (a, b) = (&reports[p.left], &reports[p.right]);
        let seeds = &self.flags.seeds[p.left];
        let common = (&self.flags.common[p.left], &self.flags.common[p.right]);
        // A match holding a seeding run is one of the pair's own (found by the index).
        let only_common: Vec<Part> = index::pair_matches(&a.tokens, &b.tokens)
            .into_iter()
            .filter(|m| !seeds.any_in(m.a as usize, (m.a + m.len) as usize + 1 - K))
            .collect();
        let mut all = p.passages.clone();
        all.extend(passages::single(only_common, common));
        crate::order::sort_by_key(&mut all, |x| crate::order::pair(x.left().start as usize, x.right().start as usize));
        all
    }

    /// The pair of reports `a` and `b` (either order), if they share a counted passage.
    pub fn pair_index(&self, a: usize, b: usize) -> Option<usize> {
        let (a, b) = (a.min(b), a.max(b));
        self.pairs.iter().position(|p| (p.left, p.right) == (a, b))
    }

    /// Every passage between reports `a` < `b` of `reports` (as compared), pair or not: those of their
    /// pair ([`Comparison::passages`]), or, when they share no counted passage, their matches each as
    /// a boilerplate passage.
    pub fn between(&self, reports: &[Report], a: usize, b: usize) -> Vec<Passage> {
        if let Some(k) = self.pair_index(a, b) {
            return self.passages(reports, k);
        }
        let common = (&self.flags.common[a], &self.flags.common[b]);
        passages::single(index::pair_matches(&reports[a].tokens, &reports[b].tokens), common)
    }

    /// The counted passages of report `report`, each with the report it is shared with:
    /// `(passage's tokens in this report, the other report, how they relate, tokens matched)`, by
    /// position.
    pub fn copied(&self, report: usize) -> Vec<(Range<u32>, usize, Kind, u32)> {
        let mut out = Vec::new();
        for p in self.pairs.iter().filter(|p| p.left == report || p.right == report) {
            for x in p.passages.iter().filter(|x| !x.boilerplate) {
                if p.left == report {
                    out.push((x.left(), p.right, p.kind, x.chars));
                } else {
                    out.push((x.right(), p.left, p.kind, x.chars));
                }
            }
        }
        crate::order::sort_by_key(&mut out, |(r, _, _, _)| crate::order::pair(r.start as usize, r.end as usize));
        out
    }
}

/// The byte span of tokens `range` of a report whose token spans are `spans`.
pub fn span(spans: &[(u32, u32)], range: Range<u32>) -> Range<usize> {
    match (spans.get(range.start as usize), range.end.checked_sub(1).and_then(|e| spans.get(e as usize))) {
        (Some(s), Some(e)) if range.start < range.end => s.0 as usize..e.1 as usize,
        _ => 0..0,
    }
}
