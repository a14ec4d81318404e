//! Required parts (requirements.md §1): R1 measures and results, R2 shortcomings (and causes), R3 the
//! heads' duty as first responsible person, R4 next year's arrangements, R5 anything else.
//!
//! Top-level sections are classified by their titles; a part with no section of its own is looked for
//! in the body text (R3 as a sentence, R2 and R4 as closing paragraphs).

use std::sync::OnceLock;

use super::gapped::{Seq, Step};
use super::{Outline, PartFound};
use crate::doc::Doc;
use crate::literals::Literals;
use crate::model::{Defect, Part, Span};
use crate::text::contains;

const R2_WORDS: [&str; 8] = ["问题", "不足", "短板", "弱项", "差距", "困难", "薄弱", "瓶颈"];
const R1_WORDS: [&str; 6] = ["举措", "成效", "做法", "成绩", "工作情况", "主要工作"];
const R4_WORDS: [&str; 11] = [
    "下一年",
    "下一步",
    "工作安排",
    "工作计划",
    "工作打算",
    "工作思路",
    "工作设想",
    "努力方向",
    "工作重点",
    "今后",
    "明年",
];
const R3_WORDS: [&str; 3] = ["第一责任人", "主要负责人", "述法"];
const R5_WORDS: [&str; 3] = ["其他需要报告", "其他情况", "其他事项"];

/// The part a top-level heading title announces, if it announces one.
pub fn classify_title(title: &str, year: Option<i32>) -> Option<Part> {
    let has = |words: &[&str]| words.iter().any(|w| contains(title, w));
    if has(&R5_WORDS) {
        return Some(Part::R5);
    }
    if has(&R3_WORDS) {
        return Some(Part::R3);
    }
    let next_year = year.map(|y| format!("{}年", y + 1));
    let plans = has(&R4_WORDS)
        || next_year.as_deref().is_some_and(|ny| {
            contains(title, ny) && ["工作", "安排", "计划", "打算", "思路", "目标"].iter().any(|w| contains(title, w))
        });
    if plans && !has(&R1_WORDS) {
        return Some(Part::R4);
    }
    if has(&R2_WORDS) && !has(&R1_WORDS) {
        return Some(Part::R2);
    }
    None
}

/// Word sequences ([`super::gapped`]) and the words one of which every match contains: a fast test
/// before the sequences are tried.
struct Cue {
    /// What a match is (the regex each stands for is written above it).
    seqs: &'static [Seq],
    /// Alternatives, each a list of groups: the text must hold a word of every group of at least one
    /// alternative before the sequences are tried.
    needs: &'static [&'static [&'static [&'static str]]],
    /// Index of this cue in [`VOCABULARY_CUES`], whose words are found in one pass ([`CueWords`]).
    vocabulary: Option<usize>,
}

impl Cue {
    /// The first match in `range` of the normalized text (an offset into it), if the words allow one.
    ///
    /// No cue matches across a `。` (their gaps stop there, their words have none), so the sequences
    /// are tried only on the sentences holding the words they need.
    fn find(&self, words: &CueWords, range: std::ops::Range<usize>) -> Option<usize> {
        if !self.plausible(words, &range) {
            return None;
        }
        let mut at = range.start;
        for sentence in words.text[range].split_inclusive('。') {
            let r = at..at + sentence.len();
            if self.plausible(words, &r) {
                if let Some(m) = super::gapped::find(self.seqs, sentence) {
                    return Some(at + m);
                }
            }
            at = r.end;
        }
        None
    }

    /// Whether `range` holds a word of every group of one alternative.
    fn plausible(&self, words: &CueWords, range: &std::ops::Range<usize>) -> bool {
        match self.vocabulary {
            Some(id) => {
                let present = words.present(range);
                vocabulary().masks[id].iter().any(|alt| alt.iter().all(|&group| present & group != 0))
            }
            None => self
                .needs
                .iter()
                .any(|alt| alt.iter().all(|group| group.iter().any(|w| contains(&words.text[range.clone()], w)))),
        }
    }
}

/// Where the words of the paragraph-wide cues (R2, R3) occur in a document's normalized text, found in
/// one pass when first asked: those cues ask of every paragraph whether it holds a word, and a search
/// per question was 9% of a wasm analysis. Other words (the causes, asked of a short range) are searched
/// for in the range itself.
struct CueWords<'a> {
    matchable: &'a crate::normalize::Matchable<'a>,
    text: &'a str,
    /// Every occurrence of a word of the [`vocabulary`]: (start, word), by start. The document's
    /// [`crate::doc::Doc::cue_words`], filled by the checklist's scan when it ran first.
    at: &'a std::sync::OnceLock<Vec<(usize, u8)>>,
}

/// The words whose occurrences [`crate::doc::Doc::cue_words`] holds, sorted (the body cues' words, the
/// inline-item openers, the score's case words): a checklist scan of the body text looks for them too,
/// so that the text is scanned once for all.
pub(crate) fn vocabulary_words() -> &'static [&'static str] {
    &vocabulary().words
}

/// Occurrences in the whole (normalized) text of `words`, each of which must be in the vocabulary (as
/// [`crate::score::CASE_WORDS`] are): counted from the body scan's record instead of a search per word.
pub(crate) fn occurrences(doc: &Doc, words: &[&str]) -> usize {
    let v = vocabulary();
    debug_assert!(words.iter().all(|w| v.words.binary_search(w).is_ok()), "{words:?} not all recorded");
    let mask = words.iter().map(|w| v.words.binary_search(w).map_or(0, |k| 1u64 << k)).fold(0, |a, b| a | b);
    CueWords::new(&doc.matchable, &doc.cue_words).all().iter().filter(|&&(_, w)| mask & (1 << w) != 0).count()
}

/// Whether the original range `r` holds a word that opens inline items ([`ITEM_OPENERS`]); when not,
/// it holds no run of them. (Matching normalizes neither word, so an occurrence in the original text is
/// one in the normalized text.)
pub(super) fn may_open_items(doc: &Doc, r: &std::ops::Range<usize>) -> bool {
    let words = CueWords::new(&doc.matchable, &doc.cue_words);
    words.present(&normalized(doc, r)) & vocabulary().openers != 0
}

/// The paragraph-wide cues, whose words make the vocabulary with [`ITEM_OPENERS`] and the score's
/// case words (at most 64 in all: a set of them is a `u64`).
const VOCABULARY_CUES: [&Cue; 3] = [&R2_BODY, &R3_STRONG, &R3_WEAK];

/// The words that open a run of inline items (`一是…二是…`, `一要…`): in the vocabulary too, so that
/// the paragraphs without them (most) are passed over without a search of their own (one per paragraph
/// was the largest user of wasm's search prefilter, which has no SIMD there).
const ITEM_OPENERS: [&str; 2] = ["一是", "一要"];

struct Vocabulary {
    /// The words, sorted.
    words: Vec<&'static str>,
    set: Literals,
    /// Per cue of [`VOCABULARY_CUES`], per alternative, per group: the bits of its words.
    masks: Vec<Vec<Vec<u64>>>,
    /// The bits of [`ITEM_OPENERS`].
    openers: u64,
}

/// The recorded words (see [`VOCABULARY_CUES`]), a matcher over them, and each cue's groups as sets of
/// words.
fn vocabulary() -> &'static Vocabulary {
    static CELL: OnceLock<Vocabulary> = OnceLock::new();
    CELL.get_or_init(|| {
        // Kept sorted by inserting in place (a slice sort of `&str` would add its own copy of the sort
        // code to the wasm: every other sort goes through `crate::order`).
        let mut words: Vec<&'static str> = Vec::new();
        let cue_words = VOCABULARY_CUES.iter().flat_map(|cue| cue.needs.iter().flat_map(|alt| alt.iter()));
        let recorded = ITEM_OPENERS.iter().chain(crate::score::CASE_WORDS.iter());
        for &w in cue_words.flat_map(|group| group.iter()).chain(recorded) {
            if let Err(k) = words.binary_search(&w) {
                words.insert(k, w);
            }
        }
        let bit = |w: &str| words.binary_search(&w).ok().filter(|&k| k < 64).map_or(0, |k| 1u64 << k);
        let masks = VOCABULARY_CUES
            .iter()
            .map(|cue| {
                cue.needs
                    .iter()
                    .map(|alt| alt.iter().map(|group| group.iter().map(|w| bit(w)).fold(0, |a, b| a | b)).collect())
                    .collect()
            })
            .collect();
        let openers = ITEM_OPENERS.iter().map(|w| bit(w)).fold(0, |a, b| a | b);
        let owned: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        Vocabulary { set: Literals::new(&owned), words, masks, openers }
    })
}

impl<'a> CueWords<'a> {
    fn new(matchable: &'a crate::normalize::Matchable<'a>, at: &'a std::sync::OnceLock<Vec<(usize, u8)>>) -> Self {
        CueWords { matchable, text: matchable.text(), at }
    }

    /// Every occurrence of a vocabulary word (normalized offset, word), by offset.
    fn all(&self) -> &'a [(usize, u8)] {
        self.at.get_or_init(|| {
            let mut at = Vec::new();
            // Matches arrive by start: the list is sorted.
            self.matchable.for_each_literal(&vocabulary().set, |w, start| at.push((start, w as u8)));
            at
        })
    }

    /// The set of vocabulary words occurring wholly inside `range`.
    fn present(&self, range: &std::ops::Range<usize>) -> u64 {
        let v = vocabulary();
        let at = self.all();
        let mut present = 0;
        for &(start, w) in &at[at.partition_point(|&(p, _)| p < range.start)..] {
            if start >= range.end {
                break;
            }
            if start + v.words[usize::from(w)].len() <= range.end {
                present |= 1 << w;
            }
        }
        present
    }
}

const PROBLEMS: &[&str] = &["问题", "不足", "差距", "短板", "薄弱"];
const HEADS: &[&str] =
    &["书记", "县长", "市长", "区长", "州长", "旗长", "乡长", "镇长", "主要领导", "常委会", "常务会", "党组会"];
const HEADS_8: &[&str] = &["书记", "县长", "市长", "区长", "州长", "旗长", "乡长", "镇长"];
const R2_BODY: Cue = Cue {
    seqs: &[
        // 取得了?一定的?(成绩|成效|进展)[^。]{0,40}但
        &[
            Step {
                words: &[
                    "取得一定成绩",
                    "取得一定成效",
                    "取得一定进展",
                    "取得了一定成绩",
                    "取得了一定成效",
                    "取得了一定进展",
                    "取得一定的成绩",
                    "取得一定的成效",
                    "取得一定的进展",
                    "取得了一定的成绩",
                    "取得了一定的成效",
                    "取得了一定的进展",
                ],
                gap: 40,
            },
            Step { words: &["但"], gap: 0 },
        ],
        // (存在|还有|仍有|尚有|依然有)[^。]{0,20}(问题|不足|差距|短板|薄弱环节)
        &[
            Step { words: &["存在", "还有", "仍有", "尚有", "依然有"], gap: 20 },
            Step { words: &["问题", "不足", "差距", "短板", "薄弱环节"], gap: 0 },
        ],
        // 但[^。]{0,80}(有待|仍需|还需|尚需|不够|不强|欠缺)[^。]{0,40}等(问题|不足|短板)
        &[
            Step { words: &["但"], gap: 80 },
            Step { words: &["有待", "仍需", "还需", "尚需", "不够", "不强", "欠缺"], gap: 40 },
            Step { words: &["等问题", "等不足", "等短板"], gap: 0 },
        ],
    ],
    needs: &[
        &[&["一定"], &["但"]],
        &[&["存在", "还有", "仍有", "尚有", "依然有"], PROBLEMS],
        &[&["但"], &["有待", "仍需", "还需", "尚需", "不够", "不强", "欠缺"], &["等问题", "等不足", "等短板"]],
    ],
    vocabulary: Some(0),
};
const R3_STRONG: Cue = Cue {
    seqs: &[
        &[Step { words: &["第一责任人"], gap: 0 }],
        // (党政|政府)?主要负责人[^。]{0,30}(履行|职责|述法|带头|亲自)
        &[
            Step { words: &["党政主要负责人", "政府主要负责人", "主要负责人"], gap: 30 },
            Step { words: &["履行", "职责", "述法", "带头", "亲自"], gap: 0 },
        ],
        // (书记|县长|…|镇长)[^。]{0,20}任组长[^。]{0,80}法治
        &[Step { words: HEADS_8, gap: 20 }, Step { words: &["任组长"], gap: 80 }, Step { words: &["法治"], gap: 0 }],
    ],
    needs: &[&[&["第一责任人"]], &[&["主要负责人"]], &[&["任组长"], &["法治"]]],
    vocabulary: Some(1),
};
/// Weaker R3 evidence: the heads chairing, hearing or instructing on rule-of-law work.
const R3_WEAK: Cue = Cue {
    seqs: &[
        &[Step { words: &["述法"], gap: 0 }],
        // (书记|…|镇长|主要领导)[^。]{0,20}(主持|听取|批示|专题研究|部署)[^。]{0,30}法治
        &[
            Step {
                words: &["书记", "县长", "市长", "区长", "州长", "旗长", "乡长", "镇长", "主要领导"], gap: 20
            },
            Step { words: &["主持", "听取", "批示", "专题研究", "部署"], gap: 30 },
            Step { words: &["法治"], gap: 0 },
        ],
        // (常委会|常务会|党组会)[^。]{0,20}(听取|研究|审议)[^。]{0,20}法治
        &[
            Step { words: &["常委会", "常务会", "党组会"], gap: 20 },
            Step { words: &["听取", "研究", "审议"], gap: 20 },
            Step { words: &["法治"], gap: 0 },
        ],
        // 法治[^。]{0,40}(书记|县长|市长|区长|州长|乡长|镇长|主要领导)[^。]{0,10}(批示|主持|部署)
        &[
            Step { words: &["法治"], gap: 40 },
            Step {
                words: &["书记", "县长", "市长", "区长", "州长", "乡长", "镇长", "主要领导"], gap: 10
            },
            Step { words: &["批示", "主持", "部署"], gap: 0 },
        ],
    ],
    needs: &[&[&["述法"]], &[&["法治"], HEADS]],
    vocabulary: Some(2),
};
const CAUSES: Cue = Cue {
    seqs: &[&[Step { words: &["原因", "根源", "主要是由于", "究其"], gap: 0 }]],
    needs: &[&[&["原因", "根源", "由于", "究其"]]],
    vocabulary: None,
};

/// Classify top-level sections, then look for the parts no section carries.
pub fn classify(doc: &Doc, year: Option<i32>, outline: &mut Outline) {
    let text = doc.text;
    let mut seen_r2_or_r4 = false;
    for s in outline.sections.iter_mut().filter(|s| s.depth == 1) {
        let part = classify_title(&crate::normalize::simplify(&s.title), year);
        s.part = match part {
            Some(p) => {
                seen_r2_or_r4 |= matches!(p, Part::R2 | Part::R4);
                Some(p)
            }
            // Thematic top-level sections before the problems and plans are the measures (R1).
            None if !seen_r2_or_r4 => Some(Part::R1),
            None => None,
        };
        if let Some(p) = s.part {
            outline.parts.push(PartFound {
                part: p,
                span: s.span,
                anchor: Span::new(s.span.start, s.title_span.end),
                heading: true,
            });
        }
    }
    let has = |o: &Outline, p: Part| o.parts.iter().any(|f| f.part == p);

    // Deeper headings announcing R3 (seed 000's 一、(一)).
    let deeper_r3: Vec<(Span, Span)> = outline
        .sections
        .iter()
        .filter(|s| {
            s.depth > 1 && {
                let title = crate::normalize::simplify(&s.title);
                R3_WORDS.iter().any(|w| title.contains(w))
            }
        })
        .map(|s| (s.span, Span::new(s.span.start, s.title_span.end)))
        .collect();
    if !has(outline, Part::R3) {
        for (span, anchor) in deeper_r3 {
            outline.parts.push(PartFound { part: Part::R3, span, anchor, heading: true });
        }
    }
    let paragraphs: Vec<std::ops::Range<usize>> = doc.content_lines().map(|(_, r)| r).collect();
    let words = CueWords::new(&doc.matchable, &doc.cue_words);
    let starts_with_marker = |r: &std::ops::Range<usize>| super::markers::parse(&text[r.clone()], false).is_some();

    if !outline.parts.iter().any(|f| f.part == Part::R3) {
        let strong = paragraphs.iter().find_map(|r| first_sentence_matching(doc, &words, r.clone(), &R3_STRONG));
        if let Some(span) =
            strong.or_else(|| paragraphs.iter().find_map(|r| first_sentence_matching(doc, &words, r.clone(), &R3_WEAK)))
        {
            outline.parts.push(PartFound { part: Part::R3, span, anchor: span, heading: false });
        }
    }
    if !has(outline, Part::R2) {
        // The problems paragraph: the last unnumbered paragraph that names shortcomings.
        let found = paragraphs
            .iter()
            .rev()
            .find(|r| !starts_with_marker(r) && R2_BODY.find(&words, normalized(doc, r)).is_some());
        if let Some(r) = found {
            let span = Span::new(r.start, r.end);
            outline.parts.push(PartFound { part: Part::R2, span, anchor: span, heading: false });
        }
    }
    if !has(outline, Part::R4) {
        let found =
            paragraphs.iter().rev().find(|r| !starts_with_marker(r) && is_plan_paragraph(&text[(*r).clone()], year));
        if let Some(r) = found {
            let span = Span::new(r.start, r.end);
            outline.parts.push(PartFound { part: Part::R4, span, anchor: span, heading: false });
        }
    }
    // Causes: inside whatever carries R2.
    // (A heading such as 存在的不足和原因 promises causes; only the text under it can give them.)
    let r2_spans: Vec<Span> =
        outline.part(Part::R2).map(|p| if p.heading { Span::new(p.anchor.end, p.span.end) } else { p.span }).collect();
    for span in r2_spans {
        let mut at = span.start;
        while let Some(s) = first_sentence_matching(doc, &words, at..span.end, &CAUSES) {
            outline.causes.push(s);
            at = s.end;
        }
    }
    crate::order::sort_by_key(&mut outline.parts, |p| crate::order::pair(p.span.start, p.part as usize));
    year_slips(text, year, outline);
}

/// A closing paragraph with next year's plans: `2023年,我县将…`, `下一步,…`.
fn is_plan_paragraph(p: &str, year: Option<i32>) -> bool {
    let head: String = p.chars().take(12).collect();
    let next_year = year.map(|y| format!("{}年", y + 1));
    let opens = next_year.as_deref().is_some_and(|ny| head.starts_with(ny))
        || ["下一步", "下一年", "明年", "今后", "新的一年"].iter().any(|w| head.starts_with(w));
    opens && ["将", "要", "继续", "进一步", "持续"].iter().any(|w| contains(p, w))
}

/// The range of the normalized text that original range `r` became.
fn normalized(doc: &Doc, r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let m = &doc.matchable;
    m.to_normalized(r.start)..m.to_normalized(r.end)
}

/// The first sentence of the original range the pattern matches (on its simplified text), as a span
/// of the original text within the range.
fn first_sentence_matching(doc: &Doc, words: &CueWords, range: std::ops::Range<usize>, cue: &Cue) -> Option<Span> {
    let found = cue.find(words, normalized(doc, &range))?;
    let at = doc.matchable.to_original(found).clamp(range.start, range.end);
    let s = doc.sentence_around(at, &mut 0);
    Some(Span::new(s.start.max(range.start), s.end.min(range.end)))
}

/// A top-level heading whose year is not the report year (R1) or report year + 1 (R4).
fn year_slips(text: &str, year: Option<i32>, outline: &mut Outline) {
    let Some(y) = year else { return };
    for s in outline.sections.iter().filter(|s| s.depth == 1) {
        let Some(written) = crate::meta::first_year(&s.title) else { continue };
        let expected = match s.part {
            Some(Part::R4) => y + 1,
            Some(Part::R1 | Part::R2 | Part::R3) => y,
            _ => continue,
        };
        if written != expected {
            let _ = text;
            outline.defects.push(Defect {
                kind: "year_slip".into(),
                message: format!("年份疑有误：{y}年度报告中“{}”写作{written}年，应为{expected}年", s.title),
                span: s.title_span,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_to_parts() {
        let c = |t: &str| classify_title(t, Some(2022));
        assert_eq!(c("2022年推进法治政府建设的主要举措和成效"), None);
        assert_eq!(c("存在的问题和不足"), Some(Part::R2));
        assert_eq!(c("法治政府建设工作存在的问题和不足"), Some(Part::R2));
        assert_eq!(c("2023年法治政府建设工作安排"), Some(Part::R4));
        assert_eq!(c("2023年工作打算"), Some(Part::R4));
        assert_eq!(c("下一步工作思路"), Some(Part::R4));
        assert_eq!(c("党政主要负责人履行推进法治建设第一责任人职责情况"), Some(Part::R3));
        assert_eq!(c("其他需要报告的情况"), Some(Part::R5));
        assert_eq!(c("主要做法和存在的问题"), None);
    }

    #[test]
    fn parts_in_body_and_causes() {
        let t = "某县2022年法治政府建设情况报告\n一、强化组织领导\n(一)落实责任。县委书记主持召开常委会专题研究法治建设工作。\n二、加强执法监督\n(一)开展检查。全年检查30次。\n2022年,我县法治政府建设取得了一定成效,但是运用法治思维的能力有待进一步加强等问题。究其原因,主要是学习不够。\n2023年,我县将继续深入推进法治政府建设。\n";
        let o = super::super::extract(&Doc::new(t), Some(2022));
        let found: Vec<(Part, bool)> = o.parts.iter().map(|p| (p.part, p.heading)).collect();
        assert_eq!(
            found,
            [(Part::R1, true), (Part::R3, false), (Part::R1, true), (Part::R2, false), (Part::R4, false)]
        );
        assert_eq!(o.causes.len(), 1);
        assert!(t[o.causes[0].range()].starts_with("究其原因"), "{}", &t[o.causes[0].range()]);
        for p in &o.parts {
            assert!(t.is_char_boundary(p.span.start) && t.is_char_boundary(p.span.end));
        }
    }

    #[test]
    fn vocabulary_cues_know_their_place_and_fit_a_word_set() {
        for (i, cue) in VOCABULARY_CUES.iter().enumerate() {
            assert_eq!(cue.vocabulary, Some(i));
            // Every word of every group has its bit.
            for (alt, masks) in cue.needs.iter().zip(&vocabulary().masks[i]) {
                for (group, &mask) in alt.iter().zip(masks) {
                    assert_eq!(mask.count_ones() as usize, group.len(), "{group:?}");
                }
            }
        }
        assert!(vocabulary().words.len() <= 64, "{}", vocabulary().words.len());
        assert_eq!(CAUSES.vocabulary, None);
    }

    /// The regexes the cues' sequences stand for (they were the cues until the sequences replaced
    /// them: regex-lite has no literal prefilter).
    fn reference(cue: &Cue) -> regex_lite::Regex {
        let pattern = match cue.vocabulary {
            Some(0) => {
                r"取得了?一定的?(成绩|成效|进展)[^。]{0,40}但|(存在|还有|仍有|尚有|依然有)[^。]{0,20}(问题|不足|差距|短板|薄弱环节)|但[^。]{0,80}(有待|仍需|还需|尚需|不够|不强|欠缺)[^。]{0,40}等(问题|不足|短板)"
            }
            Some(1) => {
                r"第一责任人|(党政|政府)?主要负责人[^。]{0,30}(履行|职责|述法|带头|亲自)|(书记|县长|市长|区长|州长|旗长|乡长|镇长)[^。]{0,20}任组长[^。]{0,80}法治"
            }
            Some(2) => {
                r"述法|(书记|县长|市长|区长|州长|旗长|乡长|镇长|主要领导)[^。]{0,20}(主持|听取|批示|专题研究|部署)[^。]{0,30}法治|(常委会|常务会|党组会)[^。]{0,20}(听取|研究|审议)[^。]{0,20}法治|法治[^。]{0,40}(书记|县长|市长|区长|州长|乡长|镇长|主要领导)[^。]{0,10}(批示|主持|部署)"
            }
            _ => r"原因|根源|主要是由于|究其",
        };
        regex_lite::Regex::new(pattern).unwrap()
    }

    const CUES: [&Cue; 4] = [&R2_BODY, &R3_STRONG, &R3_WEAK, &CAUSES];

    #[test]
    fn cue_sequences_match_where_their_regexes_do() {
        // Every sentence of the corpus, and random runs of the cues' words, gap fillers and sentence ends.
        let corpus = crate::text::corpus_texts();
        let mut texts: Vec<String> =
            corpus.iter().flat_map(|t| t.split_inclusive(['。', '\n'])).map(str::to_string).collect();
        let mut pieces: Vec<&str> = CUES
            .iter()
            .flat_map(|c| c.seqs.iter())
            .flat_map(|seq| seq.iter())
            .flat_map(|step| step.words.iter().copied())
            .collect();
        pieces.extend(["。", "\n", "一", "了", "的", "一定", "取得", "负责人", "x", "😀"]);
        // Short and long gap fillers, so that gaps fall on both sides of each limit.
        let fill = ["工作", "进一步加强", "全面推进依法行政各项工作任务落实到位"];
        pieces.extend(fill);
        texts.extend(crate::text::random_mixes(&pieces, 20_000, 10, 11));
        // Each gap of each sequence at its limit and one past it (the other gaps empty), with every
        // word of the step before it.
        for seq in CUES.iter().flat_map(|c| c.seqs.iter()) {
            for (k, step) in seq.iter().enumerate().take(seq.len().saturating_sub(1)) {
                for w in step.words {
                    for filler in [step.gap, step.gap + 1] {
                        let mut t = String::from("前");
                        for (j, s) in seq.iter().enumerate() {
                            t.push_str(if j == k { w } else { s.words[0] });
                            if j == k {
                                t.push_str(&"工".repeat(filler));
                            }
                        }
                        texts.push(t);
                    }
                }
            }
        }
        for cue in CUES {
            let re = reference(cue);
            for t in &texts {
                assert_eq!(super::super::gapped::find(cue.seqs, t), re.find(t).map(|m| m.start()), "{t}");
            }
        }
    }

    #[test]
    fn no_cue_matches_across_a_sentence_end() {
        // What `Cue::find` relies on: no word holds a `。` (and the gaps stop at one).
        for cue in CUES {
            for step in cue.seqs.iter().flat_map(|seq| seq.iter()) {
                assert!(step.words.iter().all(|w| !w.is_empty() && !w.contains('。')), "{:?}", step.words);
            }
        }
        // And the sentence-wise search finds what a search of the whole range finds.
        let t = "取得了一定成效。但仍有不足。县长主持会议，研究法治工作。存在一些问题和短板。";
        let m = crate::normalize::Matchable::new(t);
        let cell = std::sync::OnceLock::new();
        let words = CueWords::new(&m, &cell);
        for cue in CUES {
            for start in t.char_indices().map(|(i, _)| i) {
                let whole = reference(cue).find(&t[start..]).map(|m| start + m.start());
                assert_eq!(cue.find(&words, start..t.len()), whole, "from {start}");
            }
        }
    }

    #[test]
    fn year_slip_in_plans() {
        let t = "一、成效\n二、存在的问题\n三、2022年工作安排\n";
        let o = super::super::extract(&Doc::new(t), Some(2022));
        assert!(o.defects.iter().any(|d| d.kind == "year_slip"), "{:?}", o.defects);
    }
}
