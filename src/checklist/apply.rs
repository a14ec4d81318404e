//! Applying a checklist to an analysed report: the status of every item and its evidence.

use aho_corasick::AhoCorasick;
use regex_lite::Regex;

use super::Checklist;
use crate::doc::Doc;
use crate::model::{ChecklistResult, Evidence, ItemResult, Part, Span, Status};
use crate::outline::Outline;
use crate::text::sentence_around;

/// Evidence kept per item: enough to click through, few enough to read.
const MAX_EVIDENCE: usize = 12;

/// Cues of every item compiled into one automaton (literals) and a list of regexes.
struct Compiled {
    literals: AhoCorasick,
    /// (item index, cue index) of each literal pattern.
    literal_owner: Vec<(usize, usize)>,
    regexes: Vec<(usize, usize, Regex)>,
}

fn compile(list: &Checklist) -> Compiled {
    let mut lits = Vec::new();
    let mut literal_owner = Vec::new();
    let mut regexes = Vec::new();
    for (i, item) in list.items.iter().enumerate() {
        for (k, cue) in item.cues.iter().enumerate() {
            match cue.strip_prefix("re:") {
                // Validated before: the pattern compiles.
                Some(p) => regexes.extend(Regex::new(p).ok().map(|r| (i, k, r))),
                None => {
                    lits.push(cue.as_str());
                    literal_owner.push((i, k));
                }
            }
        }
    }
    let literals = AhoCorasick::new(&lits).expect("cue automaton within size limits");
    Compiled { literals, literal_owner, regexes }
}

pub fn apply(list: &Checklist, doc: &Doc, outline: &Outline, note: Option<String>) -> ChecklistResult {
    let text = doc.text;
    let compiled = compile(list);
    // Sentences holding a cue of each item (a hit is a distinct sentence), in text order.
    let mut body_hits: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); list.items.len()];
    let mut record = |item: usize, at: usize| {
        let hits = &mut body_hits[item];
        if hits.last().is_some_and(|r| r.contains(&at)) || hits.iter().any(|r| r.contains(&at)) {
            return;
        }
        hits.push(sentence_around(text, at));
    };
    // Cues are matched on the simplified text (Traditional reports, pinyin glosses) and mapped back.
    let view = doc.matchable.text();
    for m in compiled.literals.find_overlapping_iter(view) {
        let at = doc.matchable.to_original(m.start());
        if !doc.is_furniture_at(at) {
            let (item, _) = compiled.literal_owner[m.pattern().as_usize()];
            record(item, at);
        }
    }
    for (item, _, re) in &compiled.regexes {
        for m in re.find_iter(view) {
            let at = doc.matchable.to_original(m.start());
            if !doc.is_furniture_at(at) {
                record(*item, at);
            }
        }
    }

    // A parent counts its sub-items' sentences too.
    for (i, item) in list.items.iter().enumerate() {
        if let Some(p) = list.items.iter().position(|x| Some(&x.id) == item.parent.as_ref()) {
            let child = body_hits[i].clone();
            for r in child {
                if !body_hits[p].contains(&r) {
                    body_hits[p].push(r);
                }
            }
        }
    }
    let items = list
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let group = match &item.parent {
                Some(p) => list.items.iter().find(|x| &x.id == p).map_or(item.group.clone(), |x| x.group.clone()),
                None => item.group.clone(),
            };
            let (status, evidence) = match item.part.as_deref() {
                _ if !item.applicable => (Status::NotApplicable, Vec::new()),
                Some(part) => part_status(part, outline),
                None => {
                    let mut heading_cues = item.heading_cues.clone().unwrap_or_else(|| item.cues.clone());
                    for child in list.items.iter().filter(|x| x.parent.as_ref() == Some(&item.id)) {
                        heading_cues.extend(child.heading_cues.clone().unwrap_or_else(|| child.cues.clone()));
                    }
                    let headings: Vec<Evidence> = outline
                        .sections
                        .iter()
                        .filter(|s| {
                            let title = crate::normalize::simplify(&s.title);
                            heading_cues.iter().any(|c| cue_matches(c, &title))
                        })
                        .map(|s| Evidence { heading: true, span: s.title_span })
                        .collect();
                    let mut hits = body_hits[i].clone();
                    hits.sort_by_key(|r| r.start);
                    let status = if !headings.is_empty() || hits.len() >= item.min_hits {
                        Status::Covered
                    } else if !hits.is_empty() {
                        Status::Mentioned
                    } else {
                        Status::Missing
                    };
                    let mut evidence = headings;
                    for r in hits {
                        if !evidence.iter().any(|e| e.span.start <= r.start && r.end <= e.span.end) {
                            evidence.push(Evidence { heading: false, span: Span::new(r.start, r.end) });
                        }
                    }
                    evidence.truncate(MAX_EVIDENCE);
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

fn cue_matches(cue: &str, s: &str) -> bool {
    match cue.strip_prefix("re:") {
        Some(p) => Regex::new(p).is_ok_and(|r| r.is_match(s)),
        None => s.contains(cue),
    }
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
