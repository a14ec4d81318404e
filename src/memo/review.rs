//! The second review (一审一回、二审二回): each item of the earlier memo judged on the resubmitted
//! text — `已整改` when the problem is no longer found, with what shows it (the heading now there, the
//! causes now given, the figures now counted…), `未整改` with where it still is — and the new problems
//! apart. Items match by their stable `id`; an item a reviewer wrote is left `待核实`.

use super::facts::{Facts, PartState};
use super::items::{figure_density, measurable_plan, which_name};
use super::places::place;
use super::wording::{fill, w};
use super::{build, memo_title, report_ref, Item, Memo, MemoOptions, Place, ReportRef, Review, Reviewed};
use crate::error::Error;
use crate::model::{Analysis, Span};

/// The earlier version: its analysis and text (its memo is built again), or the memo sent back
/// (possibly edited by the reviewer: its items are the ones judged, its `dismissed` not raised again).
pub enum Previous<'a> {
    Analysis(&'a Analysis, &'a str),
    Memo(&'a Memo),
}

/// The second review of `current` (the resubmitted version, with its text).
pub fn second_review(previous: Previous, current: &Analysis, text: &str, options: &MemoOptions) -> Result<Memo, Error> {
    let earlier_memo;
    let earlier: &Memo = match previous {
        Previous::Memo(m) => m,
        Previous::Analysis(a, t) => {
            let plain = MemoOptions { similarity: None, ..options.clone() };
            earlier_memo = build(a, t, &plain)?;
            &earlier_memo
        }
    };
    let now = build(current, text, options)?;
    let f = Facts::new(current, text);
    let mut reviewed = Vec::new();
    let (mut fixed, mut open, mut manual) = (0, 0, 0);
    for item in &earlier.items {
        let still = (!item.id.is_empty()).then(|| now.items.iter().find(|i| i.id == item.id)).flatten();
        let (status, evidence, place) = if item.kind == "custom" || item.id.is_empty() || !is_known(&item.kind) {
            manual += 1;
            ("manual", w("evidence.manual").to_string(), None)
        } else if let Some(now_item) = still {
            open += 1;
            let (evidence, at) = open_evidence(&f, item, now_item);
            ("open", evidence, at)
        } else {
            fixed += 1;
            let (evidence, at) = fixed_evidence(&f, item);
            ("fixed", evidence, at)
        };
        let label = match status {
            "fixed" => w("status.fixed"),
            "open" => w("status.open"),
            _ => w("status.manual"),
        };
        reviewed.push(Reviewed { item: item.clone(), status: status.into(), label: label.into(), evidence, place });
    }
    let known: Vec<&str> =
        earlier.items.iter().map(|i| i.id.as_str()).chain(earlier.dismissed.iter().map(String::as_str)).collect();
    let new_items: Vec<Item> = now.items.iter().filter(|i| !known.contains(&i.id.as_str())).cloned().collect();
    let manual_text =
        if manual > 0 { fill("review.summary_manual", &[("n", &manual.to_string())]) } else { String::new() };
    let summary = fill(
        "review.summary",
        &[
            ("n", &earlier.items.len().to_string()),
            ("fixed", &fixed.to_string()),
            ("open", &open.to_string()),
            ("manual", &manual_text),
        ],
    );
    let office = options.office_name();
    let request = if open + manual > 0 || !new_items.is_empty() {
        fill("request.review", &[("days", &options.days().to_string()), ("office", &office)])
    } else {
        w("request.review_done").into()
    };
    let previous_ref =
        if earlier.report == ReportRef::default() { report_ref(current) } else { earlier.report.clone() };
    let title_of = current.meta.title.clone().or_else(|| earlier.report.title.clone());
    let opening = fill("memo.opening_review", &[("title", title_of.as_deref().unwrap_or(""))]);
    Ok(Memo {
        title: memo_title(&current.meta, "memo.title_review"),
        opening,
        items: new_items,
        review: Some(Review { previous: previous_ref, earlier: reviewed, summary }),
        request,
        ..now
    })
}

/// Kinds the analysis can judge again.
fn is_known(kind: &str) -> bool {
    matches!(
        kind,
        "not_a_report"
            | "part_missing"
            | "part_in_body"
            | "causes_missing"
            | "area_missing"
            | "few_figures"
            | "formula"
            | "plans_vague"
            | "plans_unlinked"
            | "copied"
            | "doc_kind"
            | "title"
            | "year_slip"
            | "numbering"
            | "late"
            | "undated"
    )
}

/// Still there: where, and what it now is (a part written into the body but still not set apart).
fn open_evidence(f: &Facts, earlier: &Item, now: &Item) -> (String, Option<Place>) {
    if now.kind == "part_in_body" {
        if let Some(p) = &now.place {
            return (fill("evidence.body", &[("quote", &p.quote)]), Some(p.clone()));
        }
    }
    if now.kind == "part_missing" {
        return (w("evidence.missing").into(), None);
    }
    let _ = f;
    // The same words: the problem is not repeated; changed ones (fewer places…) are given.
    let evidence = if now.problem == earlier.problem {
        w("evidence.still_same").to_string()
    } else {
        fill("evidence.still", &[("problem", &now.problem)])
    };
    (evidence, now.place.clone())
}

/// Gone: what shows it fixed, where the analysis can point at it; else that it is no longer found.
fn fixed_evidence(f: &Facts, earlier: &Item) -> (String, Option<Place>) {
    let gone = || (w("evidence.gone").to_string(), None);
    let quote = |id: &'static str, p: Place| (fill(id, &[("quote", &p.quote)]), Some(p));
    match earlier.kind.as_str() {
        "part_missing" | "part_in_body" => {
            let part = earlier.id.strip_prefix("part:").unwrap_or("");
            match f.part(part) {
                PartState::Heading(r) => match r.first().and_then(|g| place(f, g.anchor)) {
                    Some(p) => quote("evidence.heading", p),
                    None => gone(),
                },
                _ => gone(),
            }
        }
        "causes_missing" => match f.causes().and_then(|c| c.first().copied()).and_then(|s| place(f, s)) {
            Some(p) => quote("evidence.causes", p),
            None => gone(),
        },
        "area_missing" => {
            // The first evidence of any area the earlier item named (`basis`: their ids).
            let ids = earlier.basis.as_deref().unwrap_or("");
            let first = ids
                .split(',')
                .filter_map(|id| f.item(id))
                .flat_map(|i| i.evidence.first())
                .min_by_key(|e| e.span.start)
                .and_then(|e| place(f, Span::new(e.span.start, e.span.end)));
            match first {
                Some(p) => quote("evidence.area", p),
                None => gone(),
            }
        }
        "few_figures" => {
            let (_, _, density) = figure_density(f);
            (fill("evidence.figures", &[("density", &crate::export::decimal(density, 1))]), None)
        }
        "plans_vague" => match measurable_plan(f) {
            Some(fig) => {
                let sentence = crate::text::sentence_around(f.text, fig.span.start);
                match super::places::place_around(f, sentence, fig.span.range()) {
                    Some(p) => quote("evidence.plans", p),
                    None => gone(),
                }
            }
            None => gone(),
        },
        "title" | "doc_kind" => match f.a.meta.title_span.and_then(|s| place(f, s)) {
            Some(p) => quote("evidence.title", p),
            None => gone(),
        },
        "late" | "undated" => {
            let m = &f.a.meta;
            match (m.signed.as_deref(), m.published.as_deref()) {
                (Some(d), _) => {
                    (fill("evidence.date", &[("which", which_name("signed")), ("date", &super::cn_date(d))]), None)
                }
                (None, Some(d)) => {
                    (fill("evidence.date", &[("which", which_name("published")), ("date", &super::cn_date(d))]), None)
                }
                _ => gone(),
            }
        }
        _ => gone(),
    }
}
