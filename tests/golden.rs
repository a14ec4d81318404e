//! Golden files over the real reports in ../shared/corpus: a readable rendering of each analysis
//! (metadata, outline tree, figures with context, checklist, score) checked in under tests/golden/.
//! After an intended change: `UPDATE_GOLDEN=1 cargo test --test golden`, then review the diff.
#![cfg(not(target_arch = "wasm32"))]

use std::fmt::Write;
use std::path::{Path, PathBuf};

use report_analyzer::{analyze, Analysis, Options, Status};

fn corpus(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

/// Up to `n` characters of context on each side of a byte range.
fn context(text: &str, start: usize, end: usize, n: usize) -> String {
    let before: String = text[..start].chars().rev().take(n).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[end..].chars().take(n).collect();
    format!("{}【{}】{}", before, &text[start..end], after).replace(['\n', '\r'], "⏎")
}

fn render(text: &str, a: &Analysis) -> String {
    let mut s = String::new();
    let m = &a.meta;
    let _ = writeln!(s, "# {}\n", m.title.as_deref().unwrap_or("(no title)"));
    let _ = writeln!(
        s,
        "issuer {:?} · year {:?} · level {:?} · kind {:?} · published {:?} · signed {:?} · addressee {:?} · index {:?}\n",
        m.issuer, m.year, m.level, m.kind, m.published, m.signed, m.addressee, m.index_number
    );
    let _ = writeln!(s, "level_reason {:?} · kind_reason {:?}\n", m.level_reason, m.kind_reason);
    let _ = writeln!(s, "## Furniture ({})\n", a.furniture.len());
    for f in &a.furniture {
        let _ = writeln!(s, "- {:<10} {}", f.kind, &text[f.span.range()]);
    }
    let _ = writeln!(s, "\n## Outline ({} sections)\n", a.sections.len());
    for sec in &a.sections {
        let marker = match &sec.repaired_marker {
            Some(r) => format!("{} →{}", sec.marker, r),
            None => sec.marker.clone(),
        };
        let part = sec.part.map(|p| format!("  {{{}}}", p.id())).unwrap_or_default();
        let run_in = if sec.run_in { " …" } else { "" };
        let _ = writeln!(
            s,
            "{}{} {}{run_in}{part} @{}",
            "    ".repeat(sec.depth as usize - 1),
            marker,
            sec.title,
            sec.span.start
        );
    }
    let _ = writeln!(s, "\n## Defects ({})\n", a.defects.len());
    for d in &a.defects {
        let _ = writeln!(s, "- {} @{}: {}", d.kind, d.span.start, d.message);
    }
    let _ = writeln!(s, "\n## Checklist {}\n", a.checklist.id);
    if let Some(note) = &a.checklist.note {
        let _ = writeln!(s, "{note}\n");
    }
    for i in &a.checklist.items {
        let mark = match i.status {
            Status::Covered => "✓",
            Status::Mentioned => "△",
            Status::Missing => "✗",
            Status::NotApplicable => "—",
        };
        let first = i.evidence.first().map(|e| {
            let t: String = text[e.span.range()].chars().take(30).collect();
            format!(" — {}{}", if e.heading { "heading: " } else { "" }, t.replace('\n', "⏎"))
        });
        let _ =
            writeln!(s, "- {mark} {} {} ({} evidence){}", i.id, i.name, i.evidence.len(), first.unwrap_or_default());
    }
    match &a.score {
        None => {
            let _ = writeln!(s, "\n## Score: not scored (not a 法治政府建设 report)");
        }
        Some(score) => {
            let _ = writeln!(s, "\n## Score {} / {}\n", score.total, score.max);
            for d in &score.dimensions {
                let _ = writeln!(s, "- {} {} {} / {}", d.id, d.name, d.score, d.max);
                for r in &d.reasons {
                    let _ = writeln!(s, "    - {r}");
                }
            }
        }
    }
    let _ = writeln!(s, "\n## Figures ({})\n", a.figures.len());
    for f in &a.figures {
        let approx = if f.approx { " ~" } else { "" };
        let subject = f.subject.as_deref().map(|x| format!(" «{x}»")).unwrap_or_default();
        let family = f.family.as_deref().map(|x| format!(" [{x}]")).unwrap_or_default();
        let _ = writeln!(
            s,
            "- {:?} {} {}{approx}{subject}{family} :: {}",
            f.kind,
            report_analyzer::export::format_number(f.value),
            f.unit,
            context(text, f.span.start, f.span.end, 12)
        );
    }
    s
}

/// The shared invariants (spans, order, nesting), with the JS boundary's UTF-16 offsets added.
fn check_spans(text: &str, a: &mut Analysis) {
    a.add_utf16_offsets(text);
    report_analyzer::invariants::check(text, a).unwrap();
    for span in a.spans_mut() {
        span.start16 = None;
        span.end16 = None;
    }
}

fn golden(dir: &str) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for path in corpus(dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut a = analyze(&text, &Options::default()).unwrap();
        check_spans(&text, &mut a);
        let got = render(&text, &a);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{dir}-{name}.md"));
        if update {
            std::fs::write(&file, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&file).unwrap_or_default();
        if want != got {
            let line = want
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(got.lines().count()));
            failures.push(format!(
                "{}: differs from line {}\n  want: {}\n  got:  {}",
                file.display(),
                line + 1,
                want.lines().nth(line).unwrap_or("<end>"),
                got.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    assert!(failures.is_empty(), "golden files differ (UPDATE_GOLDEN=1 to accept):\n{}", failures.join("\n"));
}

#[test]
fn seeds_match_their_golden_files() {
    golden("seeds");
}

#[test]
fn work_reports_match_their_golden_files() {
    golden("work-reports");
}

#[test]
fn every_seed_has_its_required_parts_and_is_scored() {
    use report_analyzer::Part;
    for path in corpus("seeds") {
        let text = std::fs::read_to_string(&path).unwrap();
        let a = analyze(&text, &Options::default()).unwrap();
        // Seed 003 has no R3 at all (dev-outline.md: its only 负责人 is 行政机关负责人出庭应诉).
        let required: &[&str] =
            if path.to_string_lossy().contains("003_") { &["R1", "R2", "R4"] } else { &["R1", "R2", "R3", "R4"] };
        for &id in required {
            let item = a.checklist.items.iter().find(|i| i.id == id).unwrap();
            assert_ne!(item.status, Status::Missing, "{} in {}", id, path.display());
        }
        let score = a.score.as_ref().expect("seeds are reports");
        let sum: f64 = score.dimensions.iter().map(|d| d.score).sum();
        assert!((sum - score.total).abs() < 0.051, "dimensions add up to the total");
        assert!(a.sections.iter().filter(|s| s.depth == 1).all(|s| s.part.is_some() || s.title.is_empty()));
        let _ = Part::R1;
    }
}

/// Each seed's hand-made gold (../shared/reference/dev-outline.jsonl) with its text and analysis.
fn gold_seeds() -> Vec<(serde_json::Value, String, Analysis)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/dev-outline.jsonl");
    let gold = std::fs::read_to_string(path).unwrap();
    gold.lines()
        .map(|line| {
            let g: serde_json::Value = serde_json::from_str(line).unwrap();
            let file = g["file"].as_str().unwrap().to_string();
            let text =
                std::fs::read_to_string(corpus("seeds").into_iter().find(|p| p.ends_with(&file)).unwrap()).unwrap();
            let a = analyze(&text, &Options::default()).unwrap();
            (g, text, a)
        })
        .collect()
}

/// Every seed's parts as in the hand-made outlines: top-level parts, and parts found only in body text
/// at the passage the gold names (same line).
#[test]
fn seed_parts_match_the_gold() {
    for (g, text, a) in gold_seeds() {
        let file = g["file"].as_str().unwrap();
        let byte = |chars: u64| text.char_indices().nth(chars as usize).map(|(i, _)| i).unwrap_or(text.len());
        let line_of = |at: usize| text[..at].matches('\n').count();
        let top: Vec<String> = a
            .sections
            .iter()
            .filter(|s| s.depth == 1)
            .map(|s| s.part.map(|p| p.id().to_string()).unwrap_or_default())
            .collect();
        let gold_top: Vec<String> = g["headings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["depth"] == 1)
            .map(|h| match h["part"].as_str() {
                Some("mixed") => "R1".to_string(), // measures with the problems in a closing paragraph
                Some(p) => p.to_string(),
                None => String::new(),
            })
            .collect();
        assert_eq!(top, gold_top, "{file}: top-level parts");
        for p in g["parts_in_body"].as_array().unwrap() {
            let part = p["part"].as_str().unwrap();
            let want = line_of(byte(p["start"].as_u64().unwrap()));
            let item = a.checklist.items.iter().find(|i| i.id == part).unwrap();
            assert!(
                item.evidence.iter().any(|e| line_of(e.span.start) == want),
                "{file}: {part} expected on line {want}, evidence on lines {:?}",
                item.evidence.iter().map(|e| line_of(e.span.start)).collect::<Vec<_>>()
            );
        }
    }
}

/// The furniture lines of every seed are exactly the page chrome the hand-made outlines list.
#[test]
fn seed_furniture_matches_the_gold_chrome() {
    for (g, text, a) in gold_seeds() {
        let file = g["file"].as_str().unwrap();
        let got: Vec<&str> = a.furniture.iter().map(|f| text[f.span.range()].trim()).collect();
        let want: Vec<&str> = g["chrome"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(got, want, "{file}");
    }
}

#[test]
fn a_report_of_2020_is_judged_on_the_2015_areas() {
    let path = corpus("seeds").into_iter().find(|p| p.to_string_lossy().contains("003_")).unwrap();
    let text = std::fs::read_to_string(path).unwrap().replace("2021年", "2020年").replace("2022年", "2021年");
    let a = analyze(&text, &Options::default()).unwrap();
    assert_eq!(a.meta.year, Some(2020));
    assert_eq!(a.checklist.id, "default-2015");
    assert!(a.checklist.note.as_deref().unwrap().contains("2015-2020"));
    let status = |id: &str| a.checklist.items.iter().find(|i| i.id == id).unwrap().status;
    for id in ["A1", "A6", "A9"] {
        assert_eq!(status(id), Status::NotApplicable, "{id} has no 2015 counterpart");
    }
    assert_eq!(status("A5"), Status::Covered);
    let s2 = &a.score.as_ref().unwrap().dimensions[1];
    assert!(s2.reasons.iter().all(|r| !r.contains("突发事件") && !r.contains("科技保障")), "{:?}", s2.reasons);
    // A 2017 report is not expected to have R3 or the causes.
    let text = text.replace("2020年", "2017年").replace("2021年", "2018年");
    let a = analyze(&text, &Options::default()).unwrap();
    let s1 = &a.score.as_ref().unwrap().dimensions[0];
    assert!(s1.reasons.iter().all(|r| !r.contains("(R3)") && !r.starts_with("未见存在问题的原因")), "{:?}", s1.reasons);
    assert!(s1.reasons.iter().any(|r| r.starts_with("2019年以前")));
}

#[test]
fn work_reports_are_not_scored() {
    for path in corpus("work-reports") {
        let text = std::fs::read_to_string(&path).unwrap();
        let a = analyze(&text, &Options::default()).unwrap();
        assert_eq!(a.meta.kind, report_analyzer::DocKind::Other, "{}", path.display());
        assert!(a.score.is_none());
    }
}
