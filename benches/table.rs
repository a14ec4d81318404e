//! `make bench` (the README's table): throughput of the full analysis and of each stage over
//! ../shared/corpus, against the floor (one compiled regex scan for numbers over the same bytes), and
//! the cost of one report repeated 1×, 10×, 100×. Plain timing loops: best of several rounds, one core.
//! `benches/stages.rs` measures the same with criterion.

mod common;
use common::corpus;

// The analysis as the CLI runs it: with the CLI's allocator (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::{Duration, Instant};

use report_analyzer::{analyze, checklist, doc, figures, meta, outline, score, Options};

/// Best time of `rounds` runs of `f` over all texts.
fn best(rounds: usize, texts: &[String], mut f: impl FnMut(&str)) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for s in texts {
                f(s);
            }
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rounds = 30;
    let mbps = |d: Duration| bytes as f64 / d.as_secs_f64() / 1e6;
    let row = |name: &str, d: Duration| {
        println!("{name:<28} {:>9.1} MB/s  {:>8.2} ms per pass", mbps(d), d.as_secs_f64() * 1e3)
    };

    println!("corpus: {} files, {:.1} KB", texts.len(), bytes as f64 / 1e3);
    // Two floors: Arabic digits only (a literal-prefiltered DFA skips most of the text), and numbers as
    // these reports write them, Arabic, full-width and Chinese numerals (what a figure scan must find).
    let digits = regex::Regex::new(r"[0-9]+(?:\.[0-9]+)?").unwrap();
    let numerals =
        regex::Regex::new(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二三四五六七八九十百千万亿两]+").unwrap();
    let scan = |re: &regex::Regex, rounds: usize| {
        best(rounds, &texts, |s| {
            black_box(re.find_iter(s).count());
        })
    };
    let floor = scan(&digits, rounds);
    let floor_cn = scan(&numerals, rounds);
    let full = best(rounds, &texts, |s| {
        black_box(analyze(s, &Options::default()).unwrap());
    });
    // What the CLI does per report, and the native counterpart of the wasm `analyze` (result as JSON).
    let full_json = best(rounds, &texts, |s| {
        black_box(serde_json::to_string(&analyze(s, &Options::default()).unwrap()).unwrap());
    });
    row("floor: regex, digits", floor);
    row("floor: regex, all numerals", floor_cn);
    row("full analysis", full);
    row("full analysis + JSON", full_json);
    println!("{:<28} {:>9.1}×", "full / floor (digits)", full.as_secs_f64() / floor.as_secs_f64());
    println!("{:<28} {:>9.1}×", "full / floor (all numerals)", full.as_secs_f64() / floor_cn.as_secs_f64());
    // The same ratio with the floor and the analysis timed back to back in each round (this machine's
    // speed drifts between seconds by up to 2×, which best-of-runs measured minutes apart carry into
    // the ratio): the median of the rounds' ratios, and their spread.
    let mut ratios: Vec<f64> = (0..rounds * 2)
        .map(|_| {
            let f = scan(&numerals, 1);
            let a = best(1, &texts, |s| drop(black_box(analyze(s, &Options::default()).unwrap())));
            a.as_secs_f64() / f.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let q = |p: usize| ratios[(ratios.len() - 1) * p / 100];
    println!(
        "{:<28} {:>9.2}×  (rounds back to back: median; quartiles {:.2}–{:.2}×)",
        "  interleaved",
        q(50),
        q(25),
        q(75)
    );

    let docs: Vec<_> = texts.iter().map(|s| doc::Doc::new(s)).collect();
    let metas: Vec<_> = docs.iter().map(meta::extract).collect();
    let outlines: Vec<_> = docs.iter().zip(&metas).map(|(d, m)| outline::extract(d, m.year)).collect();
    let figs: Vec<_> =
        docs.iter().map(|d| figures::extract_matched(d.text, &d.excluded_ranges(), &d.matchable)).collect();
    let edition = checklist::Edition::Outline2021;
    let lists: Vec<_> =
        docs.iter().zip(&outlines).map(|(d, o)| checklist::apply_builtin(edition, d, o, None)).collect();
    let each = |f: &dyn Fn(usize)| {
        (0..rounds)
            .map(|_| {
                let t = Instant::now();
                (0..docs.len()).for_each(f);
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    row("stage: lines + furniture", best(rounds, &texts, |s| drop(black_box(doc::Doc::new(s)))));
    row(
        "  of which: matchable view",
        each(&|i| drop(black_box(report_analyzer::normalize::Matchable::new(docs[i].text)))),
    );
    row("  of which: lines", each(&|i| drop(black_box(report_analyzer::text::lines(docs[i].text)))));
    row("stage: meta", each(&|i| drop(black_box(meta::extract(&docs[i])))));
    // Building `outlines` above recorded each document's body-cue words, so this stage runs without
    // scanning for them, as in an analysis, where the checklist's scan (in the checklist stage) finds them.
    row("stage: outline", each(&|i| drop(black_box(outline::extract(&docs[i], metas[i].year)))));
    row(
        "stage: figures",
        each(&|i| {
            drop(black_box(figures::extract_matched(docs[i].text, &docs[i].excluded_ranges(), &docs[i].matchable)))
        }),
    );
    row(
        "stage: checklist",
        each(&|i| drop(black_box(checklist::apply_builtin(edition, &docs[i], &outlines[i], None)))),
    );
    row(
        "stage: score",
        each(&|i| drop(black_box(score::score(&docs[i], &metas[i], &outlines[i], &figs[i], &lists[i])))),
    );

    // Scale: one report repeated 1×, 10×, 100×: the cost per MB stays flat.
    let one = &texts[2];
    for k in [1usize, 10, 100] {
        let big = one.repeat(k);
        let rounds = if k == 100 { 3 } else { 10 };
        let d = best(rounds, std::slice::from_ref(&big), |s| {
            black_box(analyze(s, &Options::default()).unwrap());
        });
        let (kb, mbps, ms) = (big.len() as f64 / 1e3, big.len() as f64 / d.as_secs_f64() / 1e6, d.as_secs_f64() * 1e3);
        println!("scale {k:>3}× ({kb:>7.1} KB)          {mbps:>9.1} MB/s  {ms:>8.2} ms");
    }
}
