//! Reading what JavaScript hands the memo module — an analysis, a memo the page edited, the options,
//! comparison rows — with the crate's own JSON reader (`crate::json`) rather than serde's derived
//! deserializers, which cost this module about a third of its size. Readers take the fields they know
//! and ignore the rest (an analysis from JavaScript carries `start16`/`end16`, a page may keep its own
//! fields on an item); the options refuse unknown fields, naming them. The native code reads JSON the
//! same way, so the tests run what the module runs; a test checks these readers against serde's.

use std::borrow::Cow;

use super::{
    CopiedSource, CopyKind, Item, Memo, MemoOptions, Place, ReportRef, Review, Reviewed, Similarity, Summary,
    Timeliness, DEFAULT_DAYS, MEMO_SCHEMA_VERSION,
};
use crate::compare::Cell;
use crate::json::{parse, Json, Record};
use crate::model::*;

type R<T> = Result<T, String>;

fn open<'j>(v: &'j Json, who: String) -> R<Record<'j>> {
    Record::open(v, who)
}

fn list<'j, T>(r: &Record<'j>, field: &str, read: impl Fn(&'j Json, String) -> R<T>) -> R<Vec<T>> {
    let items = r.list(field)?.unwrap_or(&[]);
    items.iter().enumerate().map(|(k, v)| read(v, format!("{} {field}[{k}]", r.who()))).collect()
}

fn object<'j, T>(r: &Record<'j>, field: &str, read: impl Fn(&'j Json, String) -> R<T>) -> R<Option<T>> {
    r.get(field).map(|v| read(v, format!("{} {field}", r.who()))).transpose()
}

fn count(r: &Record, field: &str) -> R<Option<usize>> {
    match r.integer(field)? {
        None => Ok(None),
        Some(n) => {
            usize::try_from(n).map(Some).map_err(|_| format!("{}: field \"{field}\" must not be negative", r.who()))
        }
    }
}

fn need<T>(r: &Record, field: &str, v: Option<T>) -> R<T> {
    v.ok_or_else(|| format!("{}: missing field \"{field}\"", r.who()))
}

fn text(r: &Record, field: &str) -> R<String> {
    need(r, field, r.string(field)?)
}

/// A span's fields on a record (`start`, `end`, and `start16`/`end16` when present).
fn span_fields(r: &Record) -> R<Span> {
    Ok(Span {
        start: need(r, "start", count(r, "start")?)?,
        end: need(r, "end", count(r, "end")?)?,
        start16: count(r, "start16")?,
        end16: count(r, "end16")?,
    })
}

fn span(v: &Json, who: String) -> R<Span> {
    span_fields(&open(v, who)?)
}

fn one_of<T: Copy>(r: &Record, field: &str, names: &[(&str, T)]) -> R<Option<T>> {
    match r.string(field)? {
        None => Ok(None),
        Some(s) => names.iter().find(|(n, _)| *n == s).map(|(_, v)| Some(*v)).ok_or_else(|| {
            let all: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
            format!("{}: field \"{field}\" must be one of {}, not {s:?}", r.who(), all.join(", "))
        }),
    }
}

fn int32(r: &Record, field: &str) -> R<Option<i32>> {
    r.integer(field)?.map(|y| i32::try_from(y).map_err(|_| format!("{}: {field} out of range", r.who()))).transpose()
}

/// An analysis (the object `analyze` returned, or the CLI's JSON).
pub fn analysis(v: &Json) -> R<Analysis> {
    let r = open(v, "the analysis".into())?;
    let input = open(need(&r, "input", r.get("input"))?, "the analysis's input".into())?;
    let m = open(need(&r, "meta", r.get("meta"))?, "the analysis's meta".into())?;
    let levels: Vec<(&str, Level)> = Level::ALL.iter().map(|l| (l.as_str(), *l)).collect();
    let kinds: Vec<(&str, DocKind)> = DocKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
    let meta = Meta {
        title: m.string("title")?,
        title_span: object(&m, "title_span", span)?,
        issuer: m.string("issuer")?,
        year: int32(&m, "year")?,
        level: one_of(&m, "level", &levels)?.unwrap_or(Level::Unknown),
        level_reason: m.string("level_reason")?,
        published: m.string("published")?,
        signed: m.string("signed")?,
        addressee: m.string("addressee")?,
        kind: one_of(&m, "kind", &kinds)?.unwrap_or(DocKind::AnnualReport),
        kind_reason: m.string("kind_reason")?,
        index_number: m.string("index_number")?,
    };
    let parts: Vec<(&str, Part)> = Part::ALL.iter().map(|p| (p.id(), *p)).collect();
    let sections = list(&r, "sections", |v, who| {
        let s = open(v, who)?;
        Ok(Section {
            depth: u8::try_from(need(&s, "depth", count(&s, "depth")?)?).unwrap_or(u8::MAX).max(1),
            marker: s.string("marker")?.unwrap_or_default(),
            repaired_marker: s.string("repaired_marker")?,
            number: s.integer("number")?.and_then(|n| u32::try_from(n).ok()),
            style: s.string("style")?.unwrap_or_default(),
            title: text(&s, "title")?,
            title_span: span(need(&s, "title_span", s.get("title_span"))?, format!("{} title_span", s.who()))?,
            run_in: s.boolean("run_in")?.unwrap_or(false),
            part: one_of(&s, "part", &parts)?,
            span: span_fields(&s)?,
        })
    })?;
    let figure_kinds: Vec<(&str, FigureKind)> = FigureKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
    let figures = list(&r, "figures", |v, who| {
        let f = open(v, who)?;
        Ok(Figure {
            text: text(&f, "text")?,
            value: need(&f, "value", f.number("value")?)?,
            unit: Cow::Owned(f.string("unit")?.unwrap_or_default()),
            kind: one_of(&f, "kind", &figure_kinds)?.unwrap_or(FigureKind::Other),
            approx: f.boolean("approx")?.unwrap_or(false),
            subject: f.string("subject")?,
            family: f.string("family")?.map(Cow::Owned),
            span: span_fields(&f)?,
        })
    })?;
    let c = open(need(&r, "checklist", r.get("checklist"))?, "the analysis's checklist".into())?;
    let statuses = [
        ("covered", Status::Covered),
        ("mentioned", Status::Mentioned),
        ("missing", Status::Missing),
        ("not_applicable", Status::NotApplicable),
    ];
    let checklist = ChecklistResult {
        id: c.string("id")?.unwrap_or_default(),
        name: c.string("name")?.unwrap_or_default(),
        note: c.string("note")?,
        items: list(&c, "items", |v, who| {
            let i = open(v, who)?;
            Ok(ItemResult {
                id: text(&i, "id")?,
                name: text(&i, "name")?,
                group: i.string("group")?.unwrap_or_default(),
                parent: i.string("parent")?,
                scored: i.boolean("scored")?.unwrap_or(true),
                status: need(&i, "status", one_of(&i, "status", &statuses)?)?,
                evidence: list(&i, "evidence", |v, who| {
                    let e = open(v, who)?;
                    Ok(Evidence { heading: e.boolean("heading")?.unwrap_or(false), span: span_fields(&e)? })
                })?,
            })
        })?,
    };
    let score = object(&r, "score", |v, who| {
        let s = open(v, who)?;
        Ok(Score {
            total: need(&s, "total", s.number("total")?)?,
            max: need(&s, "max", s.number("max")?)?,
            dimensions: list(&s, "dimensions", |v, who| {
                let d = open(v, who)?;
                Ok(Dimension {
                    id: text(&d, "id")?,
                    name: d.string("name")?.unwrap_or_default(),
                    score: need(&d, "score", d.number("score")?)?,
                    max: need(&d, "max", d.number("max")?)?,
                    reasons: d.strings("reasons")?.unwrap_or_default(),
                })
            })?,
        })
    })?;
    let defects = list(&r, "defects", |v, who| {
        let d = open(v, who)?;
        Ok(Defect {
            kind: text(&d, "kind")?,
            message: d.string("message")?.unwrap_or_default(),
            span: span_fields(&d)?,
        })
    })?;
    Ok(Analysis {
        schema_version: count(&r, "schema_version")?.unwrap_or(SCHEMA_VERSION as usize) as u32,
        source: r.string("source")?,
        input: InputInfo {
            bytes: need(&input, "bytes", count(&input, "bytes")?)?,
            chars: count(&input, "chars")?.unwrap_or(0),
            encoding: input.string("encoding")?.unwrap_or_default(),
            format: input.string("format")?.unwrap_or_default(),
        },
        meta,
        sections,
        figures,
        checklist,
        score,
        defects,
        furniture: Vec::new(),
    })
}

fn place(v: &Json, who: String) -> R<Place> {
    let p = open(v, who)?;
    Ok(Place { section: p.string("section")?, quote: p.string("quote")?.unwrap_or_default(), span: span_fields(&p)? })
}

fn item(v: &Json, who: String) -> R<Item> {
    let i = open(v, who)?;
    Ok(Item {
        id: i.string("id")?.unwrap_or_default(),
        kind: i.string("kind")?.unwrap_or_else(|| "custom".into()),
        problem: text(&i, "problem")?,
        place: object(&i, "where", place)?,
        also: list(&i, "also", place)?,
        requirement: i.string("requirement")?.unwrap_or_default(),
        basis: i.string("basis")?,
        suggestion: i.string("suggestion")?.unwrap_or_default(),
    })
}

fn report_ref(v: &Json, who: String) -> R<ReportRef> {
    let r = open(v, who)?;
    Ok(ReportRef {
        title: r.string("title")?,
        issuer: r.string("issuer")?,
        year: int32(&r, "year")?,
        source: r.string("source")?,
    })
}

fn share(r: &Record, field: &str) -> R<Option<f64>> {
    r.number(field)
}

fn summary(v: &Json, who: String) -> R<Summary> {
    let s = open(v, who)?;
    Ok(Summary {
        score: s.number("score")?,
        max: s.number("max")?,
        parts_present: count(&s, "parts_present")?.unwrap_or(0),
        parts_total: count(&s, "parts_total")?.unwrap_or(0),
        areas_covered: count(&s, "areas_covered")?.unwrap_or(0),
        areas_mentioned: count(&s, "areas_mentioned")?.unwrap_or(0),
        areas_total: count(&s, "areas_total")?.unwrap_or(0),
        timeliness: object(&s, "timeliness", |v, who| {
            let t = open(v, who)?;
            Ok(Timeliness {
                which: text(&t, "which")?,
                date: text(&t, "date")?,
                deadline: text(&t, "deadline")?,
                on_time: need(&t, "on_time", t.boolean("on_time")?)?,
            })
        })?,
        copied_share: share(&s, "copied_share")?,
        previous_share: share(&s, "previous_share")?,
        text: s.string("text")?.unwrap_or_default(),
    })
}

/// A memo as `memoItems`/`secondReview` returned it, possibly edited: only `title` and each item's
/// `problem` are required.
pub fn memo(v: &Json) -> R<Memo> {
    let m = open(v, "the memo".into())?;
    Ok(Memo {
        schema_version: count(&m, "schema_version")?.unwrap_or(MEMO_SCHEMA_VERSION as usize) as u32,
        title: text(&m, "title")?,
        addressee: m.string("addressee")?,
        opening: m.string("opening")?.unwrap_or_default(),
        report: object(&m, "report", report_ref)?.unwrap_or_default(),
        summary: object(&m, "summary", summary)?.unwrap_or_default(),
        items: list(&m, "items", item)?,
        dismissed: m.strings("dismissed")?.unwrap_or_default(),
        review: object(&m, "review", |v, who| {
            let r = open(v, who)?;
            Ok(Review {
                previous: object(&r, "previous", report_ref)?.unwrap_or_default(),
                earlier: list(&r, "earlier", |v, who| {
                    let e = open(v, who)?;
                    Ok(Reviewed {
                        item: item(need(&e, "item", e.get("item"))?, format!("{} item", e.who()))?,
                        status: e.string("status")?.unwrap_or_else(|| "manual".into()),
                        label: e.string("label")?.unwrap_or_default(),
                        evidence: e.string("evidence")?.unwrap_or_default(),
                        place: object(&e, "where", place)?,
                    })
                })?,
                summary: r.string("summary")?.unwrap_or_default(),
            })
        })?,
        request: m.string("request")?.unwrap_or_default(),
        office: m.string("office")?,
        date: m.string("date")?,
        days: count(&m, "days")?.map_or(DEFAULT_DAYS, |d| d.min(u32::MAX as usize) as u32),
    })
}

/// The options: `{office?, days?, date?, similarity?}`, unknown fields refused.
pub fn options(v: &Json) -> R<MemoOptions> {
    let o = Record::new(v, "the options".into(), &["office", "days", "date", "similarity"])?;
    let similarity = match o.get("similarity") {
        None => None,
        Some(v) => {
            let s = Record::new(v, "similarity".into(), &["copied_share", "previous_share", "sources"])?;
            let kinds = [("other_unit", CopyKind::OtherUnit), ("previous_year", CopyKind::PreviousYear)];
            Some(Similarity {
                copied_share: s.number("copied_share")?.unwrap_or(0.0),
                previous_share: s.number("previous_share")?.unwrap_or(0.0),
                sources: list(&s, "sources", |v, who| {
                    let c = Record::new(v, who, &["source", "kind", "share", "passages"])?;
                    Ok(CopiedSource {
                        source: text(&c, "source")?,
                        kind: need(&c, "kind", one_of(&c, "kind", &kinds)?)?,
                        share: need(&c, "share", c.number("share")?)?,
                        passages: list(&c, "passages", span)?,
                    })
                })?,
            })
        }
    };
    Ok(MemoOptions {
        office: o.string("office")?,
        days: o.integer("days")?.map(|d| u32::try_from(d).unwrap_or(0)),
        date: o.string("date")?,
        similarity,
    })
}

/// Comparison rows (cells: string, number or null), or analyses made into rows.
pub fn rows(v: &Json) -> R<Vec<Vec<Cell>>> {
    let Json::Array(items) = v else { return Err("a list of comparison rows or of analyses is expected".into()) };
    items
        .iter()
        .enumerate()
        .map(|(k, row)| match row {
            Json::Array(cells) => cells
                .iter()
                .map(|c| match c {
                    Json::Null => Ok(Cell::Empty),
                    Json::String(s) => Ok(Cell::Text(s.clone())),
                    Json::Number(n) => n.parse().map(Cell::Number).map_err(|_| format!("row {k}: bad number {n}")),
                    _ => Err(format!("row {k}: a cell is a string, a number or null")),
                })
                .collect(),
            Json::Object(_) => analysis(row).map(|a| crate::compare::row(&a)).map_err(|e| format!("analysis {k}: {e}")),
            _ => Err(format!("item {k} is neither a comparison row nor an analysis")),
        })
        .collect()
}

/// Parse JSON text, then read it with `read`.
pub fn from_text<T>(json: &str, read: fn(&Json) -> R<T>) -> R<T> {
    read(&parse(json).map_err(|e| e.to_string())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus_analyses() -> Vec<(String, Analysis)> {
        crate::text::corpus_texts()
            .into_iter()
            .map(|t| {
                let a =
                    crate::analyze(&t, &crate::Options { source: Some("x.txt".into()), ..Default::default() }).unwrap();
                (t, a)
            })
            .collect()
    }

    /// What this reader makes of an analysis, a memo (with a review) and rows is what serde makes of them.
    #[test]
    fn reads_what_serde_reads() {
        for (text, mut a) in corpus_analyses() {
            a.add_utf16_offsets(&text);
            let json = serde_json::to_string(&a).unwrap();
            let mut expected: Analysis = serde_json::from_str(&json).unwrap();
            expected.furniture.clear();
            assert_eq!(from_text(&json, analysis).unwrap(), expected);
            let m = crate::memo::build(&a, &text, &MemoOptions::default()).unwrap();
            let review =
                crate::memo::second_review(crate::memo::Previous::Memo(&m), &a, &text, &MemoOptions::default())
                    .unwrap();
            for m in [m, review] {
                let json = serde_json::to_string(&m).unwrap();
                assert_eq!(from_text(&json, memo).unwrap(), m);
            }
            let row = crate::compare::row(&a);
            let json = serde_json::to_string(&vec![row.clone()]).unwrap();
            assert_eq!(from_text(&json, rows).unwrap(), vec![row.clone()]);
            let json = serde_json::to_string(&vec![&a]).unwrap();
            assert_eq!(from_text(&json, rows).unwrap(), vec![row]);
        }
    }

    #[test]
    fn options_and_errors() {
        let o = from_text(
            r#"{"office": "某局", "days": 5, "similarity": {"copied_share": 0.2, "sources": [{"source": "甲", "kind": "previous_year", "share": 0.1, "passages": [{"start": 0, "end": 3}]}]}}"#,
            options,
        )
        .unwrap();
        assert_eq!(o.days, Some(5));
        assert_eq!(o.similarity.unwrap().sources[0].kind, CopyKind::PreviousYear);
        for (bad, says) in [
            (r#"{"colour": 1}"#, "colour"),
            (r#"{"similarity": {"sources": [{"source": "甲", "kind": "x", "share": 0}]}}"#, "other_unit"),
            (r#"{"days": "5"}"#, "days"),
            ("[1]", "object"),
        ] {
            let e = from_text(bad, options).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
        let e = from_text(r#"{"title": "x", "items": [{"kind": "custom"}]}"#, memo).unwrap_err();
        assert!(e.contains("items[0]") && e.contains("problem"), "{e}");
        assert!(from_text("[[true]]", rows).is_err());
        assert!(from_text("{}", rows).is_err());
    }
}
