//! 一、总体评价: the score and what it rests on (required parts present, 纲要 areas covered,
//! timeliness, the copied share when the report was compared in a batch), what is good and what is
//! weak, and a verdict.

use super::facts::{Facts, PartState};
use super::items::{outline_name, which_name};
use super::wording::{fill, w};
use super::{cn_date, percent, Item, MemoOptions, Summary, Timeliness};
use crate::export::format_number;
use crate::model::Status;

/// A dimension earning at least this share of its points is named as good; below [`WEAK`], as weak.
const GOOD: f64 = 0.85;
const WEAK: f64 = 0.6;

fn dim_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "S1" => w("dim.S1"),
        "S2" => w("dim.S2"),
        "S3" => w("dim.S3"),
        "S4" => w("dim.S4"),
        "S5" => w("dim.S5"),
        "S6" => w("dim.S6"),
        _ => return None,
    })
}

fn part_label(id: &str) -> &'static str {
    match id {
        "R1" => w("part.R1"),
        "R2" => w("part.R2"),
        "R2C" => w("part.R2C"),
        "R3" => w("part.R3"),
        _ => w("part.R4"),
    }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("“{n}”")).collect::<Vec<_>>().join("")
}

pub fn summary(f: &Facts, o: &MemoOptions, items: &[Item]) -> Summary {
    let a = f.a;
    let mut s = Summary::default();
    let mut text = String::new();
    let Some(score) = &a.score else {
        s.text = w("overall.not_scored").into();
        return s;
    };
    s.score = Some(score.total);
    s.max = Some(score.max);
    let outline = outline_name(f);
    text.push_str(&fill(
        "overall.score",
        &[("outline", &outline), ("score", &format_number(score.total)), ("max", &format_number(score.max))],
    ));

    // Required contents.
    let lenient = f.lenient();
    let ids: &[&str] = if lenient { &["R1", "R2", "R4"] } else { &["R1", "R2", "R2C", "R3", "R4"] };
    let (mut body, mut missing) = (Vec::new(), Vec::new());
    let mut tracked = 0;
    for &id in ids {
        let state = if id == "R2C" {
            match f.causes() {
                None => PartState::Unknown,
                Some(c) if c.is_empty() => PartState::Missing,
                Some(_) => PartState::Heading(Vec::new()),
            }
        } else {
            f.part(id)
        };
        match state {
            PartState::Unknown => continue,
            PartState::Missing => missing.push(part_label(id)),
            PartState::Body(_) => body.push(part_label(id)),
            PartState::Heading(_) => {}
        }
        tracked += 1;
    }
    s.parts_total = tracked;
    s.parts_present = tracked - missing.len();
    let mut detail = String::new();
    if !body.is_empty() {
        detail.push_str(&fill("overall.parts_body", &[("names", &quoted(&body))]));
    }
    if !missing.is_empty() {
        detail.push_str(&fill("overall.parts_missing", &[("names", &quoted(&missing))]));
    }
    if tracked > 0 {
        let (total, present) = (tracked.to_string(), s.parts_present.to_string());
        let year = a.meta.year.map(|y| y.to_string()).unwrap_or_default();
        let id = if lenient { "overall.parts_old" } else { "overall.parts" };
        text.push_str(&fill(id, &[("total", &total), ("present", &present), ("detail", &detail), ("year", &year)]));
    }

    // 纲要 areas.
    let areas: Vec<_> = a
        .checklist
        .items
        .iter()
        .filter(|i| i.group == "areas" && i.parent.is_none() && i.scored && i.status != Status::NotApplicable)
        .collect();
    s.areas_total = areas.len();
    s.areas_covered = areas.iter().filter(|i| i.status == Status::Covered).count();
    s.areas_mentioned = areas.iter().filter(|i| i.status == Status::Mentioned).count();
    if !areas.is_empty() {
        let mut detail = String::new();
        if s.areas_mentioned > 0 {
            detail.push_str(&fill("overall.areas_mentioned", &[("n", &s.areas_mentioned.to_string())]));
        }
        let missing: Vec<&str> =
            areas.iter().filter(|i| i.status == Status::Missing).map(|i| i.name.as_str()).collect();
        if !missing.is_empty() {
            detail.push_str(&fill("overall.areas_missing", &[("names", &quoted(&missing))]));
        }
        let touched = (s.areas_covered + s.areas_mentioned).to_string();
        text.push_str(&fill(
            "overall.areas",
            &[("outline", &outline), ("total", &areas.len().to_string()), ("covered", &touched), ("detail", &detail)],
        ));
    }

    // Timeliness.
    match crate::score::timeliness(&a.meta) {
        Some((date, deadline, on_time)) => {
            let which = if a.meta.signed.is_some() { "signed" } else { "published" };
            let args = [("which", which_name(which)), ("date", &cn_date(date)), ("deadline", &cn_date(&deadline))];
            // A department past 3月1日 (several provinces' rule) but before the national 4月1日.
            let public = a.meta.year.map(|y| format!("{}-04-01", y + 1)).unwrap_or_default();
            let department_only = a.meta.level == crate::model::Level::Department && date < public.as_str();
            text.push_str(&match (on_time, department_only) {
                (true, _) => fill("overall.on_time", &args),
                (false, true) => fill("overall.late_department", &args),
                (false, false) => fill("overall.late", &args),
            });
            s.timeliness = Some(Timeliness { which: which.into(), date: date.into(), deadline, on_time });
        }
        None if a.meta.signed.is_none() && a.meta.published.is_none() => text.push_str(w("overall.undated")),
        None => {}
    }

    // Copying, when the report was compared in a batch.
    if let Some(sim) = &o.similarity {
        s.copied_share = Some(sim.copied_share);
        s.previous_share = Some(sim.previous_share);
        text.push_str(&fill("overall.copied", &[("share", &percent(sim.copied_share))]));
        if sim.previous_share > 0.0 || sim.sources.iter().any(|c| c.kind == super::CopyKind::PreviousYear) {
            text.push_str(&fill("overall.previous", &[("share", &percent(sim.previous_share))]));
        }
    }

    // Strengths and weaknesses by the score's dimensions.
    let by = |pred: &dyn Fn(f64) -> bool| -> Vec<&'static str> {
        score
            .dimensions
            .iter()
            .filter(|d| d.max > 0.0 && pred(d.score / d.max))
            .filter_map(|d| dim_name(&d.id))
            .collect()
    };
    let good = by(&|r| r >= GOOD);
    let weak = by(&|r| r < WEAK);
    if !good.is_empty() {
        text.push_str(&fill("overall.good", &[("dims", &good.join("、"))]));
    }
    if !weak.is_empty() {
        text.push_str(&fill("overall.weak", &[("dims", &weak.join("、"))]));
    }
    let verdict = if items.iter().any(|i| i.kind == "part_missing") {
        "overall.verdict_major"
    } else if items.is_empty() {
        "overall.verdict_clean"
    } else {
        "overall.verdict_minor"
    };
    text.push_str(match verdict {
        "overall.verdict_major" => w("overall.verdict_major"),
        "overall.verdict_clean" => w("overall.verdict_clean"),
        _ => w("overall.verdict_minor"),
    });
    s.text = text;
    s
}
