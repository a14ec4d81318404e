//! Applying a checklist to an analysed report: the status of every item and its evidence.

use regex_lite::Regex;

use super::Checklist;
use crate::doc::Doc;
use crate::literals::Literals;
use crate::model::{ChecklistResult, Evidence, ItemResult, Part, Span, Status};
use crate::outline::Outline;

/// Evidence kept per item: enough to click through, few enough to read.
const MAX_EVIDENCE: usize = 12;

/// A checklist compiled for matching: one literal set over every cue of the body text, one over every
/// heading cue, and the regular-expression cues. A parent item owns its sub-items' cues too.
pub struct Compiled {
    /// The body cues, then the words of the outline's body cues (from [`Compiled::vocabulary_from`]):
    /// one scan of the text finds both.
    body: Literals,
    vocabulary_from: usize,
    /// Items each body literal counts for (the item and, for a sub-item, its parent).
    body_owner: Vec<Vec<usize>>,
    body_regexes: Vec<(Vec<usize>, Regex)>,
    heading: Literals,
    heading_owner: Vec<Vec<usize>>,
    heading_regexes: Vec<(Vec<usize>, Regex)>,
    /// Each item's parent, by index (found once here rather than by id for every report).
    parent: Vec<Option<usize>>,
}

impl Compiled {
    pub fn new(list: &Checklist) -> Compiled {
        let parent: Vec<Option<usize>> = list
            .items
            .iter()
            .map(|item| item.parent.as_ref().and_then(|p| list.items.iter().position(|x| &x.id == p)))
            .collect();
        let owners = |i: usize| {
            let mut v = vec![i];
            v.extend(parent[i]);
            v
        };
        let split = |cues: &mut dyn Iterator<Item = (usize, &str)>| {
            let (mut lits, mut owner, mut regexes) = (Vec::new(), Vec::new(), Vec::new());
            for (i, cue) in cues {
                match cue.strip_prefix("re:") {
                    // Validated before: the pattern compiles.
                    Some(p) => regexes.extend(Regex::new(p).ok().map(|r| (owners(i), r))),
                    None => {
                        lits.push(cue.to_string());
                        owner.push(owners(i));
                    }
                }
            }
            (lits, owner, regexes)
        };
        let applicable = |i: &usize| list.items[*i].applicable && list.items[*i].part.is_none();
        let (mut body_lits, body_owner, body_regexes) = split(
            &mut (0..list.items.len())
                .filter(applicable)
                .flat_map(|i| list.items[i].cues.iter().map(move |c| (i, c.as_str()))),
        );
        let (head_lits, heading_owner, heading_regexes) =
            split(&mut (0..list.items.len()).filter(applicable).flat_map(|i| {
                let item = &list.items[i];
                item.heading_cues.as_ref().unwrap_or(&item.cues).iter().map(move |c| (i, c.as_str()))
            }));
        let vocabulary_from = body_lits.len();
        body_lits.extend(crate::outline::parts::vocabulary_words().iter().map(|w| w.to_string()));
        Compiled {
            body: Literals::new(&body_lits),
            vocabulary_from,
            body_owner,
            body_regexes,
            heading: Literals::new(&head_lits),
            heading_owner,
            heading_regexes,
            parent,
        }
    }

    /// The item whose group item `i` of `list` shows: its parent's, if it has one. `list` is the
    /// checklist this was compiled from, as everywhere in applying it (the cue owners are its indices).
    fn group_item<'l>(&self, list: &'l Checklist, i: usize) -> &'l super::Item {
        let parent = self.parent.get(i).copied().flatten().and_then(|p| list.items.get(p));
        parent.unwrap_or(&list.items[i])
    }
}

/// Apply one of the built-in checklists (compiled once per edition).
pub fn apply_builtin(edition: super::Edition, doc: &Doc, outline: &Outline, note: Option<String>) -> ChecklistResult {
    let (list, compiled) = builtin(edition);
    apply_compiled(list, compiled, doc, outline, note)
}

/// One of the built-in checklists, compiled (once per edition).
pub fn builtin(edition: super::Edition) -> &'static (Checklist, Compiled) {
    use std::sync::OnceLock;
    static C2021: OnceLock<(Checklist, Compiled)> = OnceLock::new();
    static C2015: OnceLock<(Checklist, Compiled)> = OnceLock::new();
    let cell = match edition {
        super::Edition::Outline2021 => &C2021,
        super::Edition::Outline2015 => &C2015,
    };
    cell.get_or_init(|| {
        let list = Checklist::builtin_for(edition);
        let compiled = Compiled::new(&list);
        (list, compiled)
    })
}

/// Apply a checklist (compiled for this call).
pub fn apply(list: &Checklist, doc: &Doc, outline: &Outline, note: Option<String>) -> ChecklistResult {
    apply_compiled(list, &Compiled::new(list), doc, outline, note)
}

pub fn apply_compiled(
    list: &Checklist,
    compiled: &Compiled,
    doc: &Doc,
    outline: &Outline,
    note: Option<String>,
) -> ChecklistResult {
    apply_scanned(list, compiled, doc, outline, note, &scan(compiled, doc))
}

/// The literal body cues of `compiled` in the document, in text order: (literal, original byte
/// offset). The same pass records the words of the outline's body cues in [`Doc::cue_words`] (unless
/// the outline asked for them first), so that an analysis scans the text once for both.
pub fn scan(compiled: &Compiled, doc: &Doc) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    let mut words = Vec::new();
    let m = &doc.matchable;
    m.for_each_literal(&compiled.body, |p, at| match p.checked_sub(compiled.vocabulary_from) {
        None => hits.push((p, m.to_original(at))),
        Some(w) => words.push((at, w as u8)),
    });
    // Already filled when the outline ran first: the same words were found.
    let _ = doc.cue_words.set(words);
    hits
}

/// [`apply_compiled`] with the body cues already found by [`scan`].
pub fn apply_scanned(
    list: &Checklist,
    compiled: &Compiled,
    doc: &Doc,
    outline: &Outline,
    note: Option<String>,
    literal_hits: &[(usize, usize)],
) -> ChecklistResult {
    // Sentences holding a cue of each item (a hit is a distinct sentence), in text order. Cues are
    // matched on the simplified text (Traditional reports, pinyin glosses) and mapped back.
    let mut body_hits: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); list.items.len()];
    let (mut sentence, mut cursor) = (0..0, 0);
    let mut record = |owners: &[usize], at: usize| {
        if doc.is_furniture_at(at) {
            return;
        }
        if !sentence.contains(&at) {
            sentence = doc.sentence_around(at, &mut cursor);
        }
        for &item in owners {
            let hits = &mut body_hits[item];
            // Matches arrive nearly in text order: a look at the latest few spares most repeats;
            // the lists are sorted and deduplicated below.
            if !hits.iter().rev().take(8).any(|r| *r == sentence) {
                hits.push(sentence.clone());
            }
        }
    };
    let view = doc.matchable.text();
    for &(p, at) in literal_hits {
        record(&compiled.body_owner[p], at);
    }
    for (owners, re) in &compiled.body_regexes {
        for m in re.find_iter(view) {
            record(owners, doc.matchable.to_original(m.start()));
        }
    }
    for hits in &mut body_hits {
        crate::order::sort_dedup(hits, |r| crate::order::pair(r.start, r.end));
    }
    // Headings carrying a cue, per item (simplified titles, decoded from the document's view, one scan
    // each; the regular expressions of a custom list read the title as a string).
    let mut heading_hits: Vec<Vec<usize>> = vec![Vec::new(); list.items.len()];
    let (mut codes, mut cursor) = (Vec::new(), 0);
    for (k, section) in outline.sections.iter().enumerate() {
        let mut add = |owners: &[usize]| {
            for &i in owners {
                if heading_hits[i].last() != Some(&k) {
                    heading_hits[i].push(k);
                }
            }
        };
        codes.clear();
        doc.matchable.folded_codes(doc.text, section.title_span.range(), false, &mut codes, &mut cursor);
        compiled.heading.for_each_match_decoded_sparse(&codes, &mut |p, _| add(&compiled.heading_owner[p]));
        if !compiled.heading_regexes.is_empty() {
            let title = crate::normalize::simplify(&section.title);
            for (owners, re) in &compiled.heading_regexes {
                if re.is_match(&title) {
                    add(owners);
                }
            }
        }
    }
    let items = list
        .items
        .iter()
        .zip(heading_hits)
        .zip(body_hits)
        .enumerate()
        .map(|(i, ((item, mut sections), mut hits))| {
            let group = compiled.group_item(list, i).group.clone();
            let (status, evidence) = match item.part.as_deref() {
                _ if !item.applicable => (Status::NotApplicable, Vec::new()),
                Some(part) => part_status(part, outline),
                None => {
                    crate::order::sort_dedup(&mut sections, |&k| k as u64);
                    let headings: Vec<Evidence> = sections
                        .iter()
                        .map(|&k| Evidence { heading: true, span: outline.sections[k].title_span })
                        .collect();
                    crate::order::sort_by_key(&mut hits, |r| r.start as u64);
                    let status = if !headings.is_empty() || hits.len() >= item.min_hits {
                        Status::Covered
                    } else if !hits.is_empty() {
                        Status::Mentioned
                    } else {
                        Status::Missing
                    };
                    let mut evidence = headings;
                    evidence.truncate(MAX_EVIDENCE);
                    for r in hits {
                        if evidence.len() == MAX_EVIDENCE {
                            break;
                        }
                        if !evidence.iter().any(|e| e.span.start <= r.start && r.end <= e.span.end) {
                            evidence.push(Evidence { heading: false, span: Span::new(r.start, r.end) });
                        }
                    }
                    (status, evidence)
                }
            };
            ItemResult {
                id: item.id.clone(),
                name: item.name.clone(),
                group,
                parent: item.parent.clone(),
                scored: item.scored && item.applicable,
                status,
                evidence,
            }
        })
        .collect();
    ChecklistResult { id: list.id.clone(), name: list.name.clone(), note, items }
}

/// Items tied to the outline: a heading covers, body text mentions.
fn part_status(part: &str, outline: &Outline) -> (Status, Vec<Evidence>) {
    if part == "R2-causes" {
        let ev: Vec<Evidence> = outline.causes.iter().map(|&span| Evidence { heading: false, span }).collect();
        let status = if ev.is_empty() { Status::Missing } else { Status::Covered };
        return (status, ev);
    }
    let p = match part {
        "R1" => Part::R1,
        "R2" => Part::R2,
        "R3" => Part::R3,
        "R4" => Part::R4,
        _ => Part::R5,
    };
    let ev: Vec<Evidence> = outline.part(p).map(|f| Evidence { heading: f.heading, span: f.anchor }).collect();
    let status = if ev.iter().any(|e| e.heading) {
        Status::Covered
    } else if !ev.is_empty() {
        Status::Mentioned
    } else if p == Part::R5 {
        Status::NotApplicable
    } else {
        Status::Missing
    };
    (status, ev)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sub-item shows its parent's group (by the index found when the list was compiled).
    #[test]
    fn sub_items_show_their_parents_group() {
        let (list, compiled) = builtin(crate::checklist::Edition::Outline2021);
        let subs: Vec<usize> = (0..list.items.len()).filter(|&i| list.items[i].parent.is_some()).collect();
        assert!(!subs.is_empty(), "the built-in checklist has sub-items");
        for &i in &subs {
            let parent = list.items[i].parent.as_deref();
            assert_eq!(Some(compiled.group_item(list, i).id.as_str()), parent);
        }
        assert_eq!(compiled.group_item(list, 0).id, list.items[0].id, "a top item shows its own group");
    }

    /// The checklist's scan records the outline's cue words as the outline's own scan does, and an
    /// analysis whose checklist scanned first equals one whose outline did.
    #[test]
    fn scan_records_the_outline_cue_words() {
        for text in [
            "某县2022年法治政府建设情况报告\n一、强化组织领导\n县委书记主持召开常委会专题研究法治建设工作,履行第一责任人职责。\n二、存在的问题\n取得了一定成效,但仍有不足,法治意识有待进一步增强等问题。究其原因,主要是学习不够。\n",
            "法治政府建設年度報告：主要負責人履行職責，述法。但尚有短板。",
            "",
        ] {
            let (list, compiled) = builtin(crate::checklist::Edition::Outline2021);
            let scanned = Doc::new(text);
            let hits = scan(compiled, &scanned);
            let outline_first = Doc::new(text);
            let o = crate::outline::extract(&outline_first, Some(2022));
            assert_eq!(scanned.cue_words.get(), outline_first.cue_words.get().or(Some(&Vec::new())), "{text}");
            if !text.is_empty() {
                assert!(scanned.cue_words.get().is_some_and(|w| !w.is_empty()), "{text}");
            }
            assert_eq!(format!("{:?}", crate::outline::extract(&scanned, Some(2022))), format!("{o:?}"));
            assert_eq!(
                apply_scanned(list, compiled, &scanned, &o, None, &hits),
                apply_compiled(list, compiled, &outline_first, &o, None)
            );
        }
    }
}
