//! criterion benchmarks of the native core: the full analysis and each pipeline stage over
//! ../shared/corpus (throughput in bytes), and the floors — one compiled regex scan for numbers (ASCII
//! digits; all numerals as the reports write them).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::corpus;

// The analysis as the CLI runs it: with the CLI's allocator (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use report_analyzer::{analyze, analyze_bytes, checklist, doc, figures, meta, outline, score, Options};

fn stages(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1)).sample_size(20);

    let floor = regex::Regex::new(r"[0-9]+(?:\.[0-9]+)?").unwrap();
    g.bench_function("floor: regex number scan, digits", |b| {
        b.iter(|| texts.iter().map(|t| floor.find_iter(t).count()).sum::<usize>())
    });
    let numerals =
        regex::Regex::new(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二三四五六七八九十百千万亿两]+").unwrap();
    g.bench_function("floor: regex number scan, all numerals", |b| {
        b.iter(|| texts.iter().map(|t| numerals.find_iter(t).count()).sum::<usize>())
    });
    g.bench_function("full analysis", |b| {
        b.iter(|| texts.iter().for_each(|t| drop(black_box(analyze(t, &Options::default())))))
    });
    g.bench_function("decode (UTF-8 bytes)", |b| {
        b.iter(|| {
            texts.iter().for_each(|t| {
                drop(black_box(report_analyzer::decode::decode(
                    t.as_bytes(),
                    "r.txt",
                    &report_analyzer::decode::NativeDecoder,
                )))
            })
        })
    });
    g.bench_function("lines + furniture", |b| b.iter(|| texts.iter().for_each(|t| drop(black_box(doc::Doc::new(t))))));
    let docs: Vec<_> = texts.iter().map(|t| doc::Doc::new(t)).collect();
    let metas: Vec<_> = docs.iter().map(meta::extract).collect();
    let outlines: Vec<_> = docs.iter().zip(&metas).map(|(d, m)| outline::extract(d, m.year)).collect();
    let figs: Vec<_> =
        docs.iter().map(|d| figures::extract_matched(d.text, &d.excluded_ranges(), &d.matchable)).collect();
    let ed = checklist::Edition::Outline2021;
    let lists: Vec<_> = docs.iter().zip(&outlines).map(|(d, o)| checklist::apply_builtin(ed, d, o, None)).collect();
    g.bench_function("meta", |b| b.iter(|| docs.iter().for_each(|d| drop(black_box(meta::extract(d))))));
    g.bench_function("outline", |b| {
        b.iter(|| docs.iter().zip(&metas).for_each(|(d, m)| drop(black_box(outline::extract(d, m.year)))))
    });
    g.bench_function("figures", |b| {
        b.iter(|| {
            docs.iter()
                .for_each(|d| drop(black_box(figures::extract_matched(d.text, &d.excluded_ranges(), &d.matchable))))
        })
    });
    g.bench_function("checklist", |b| {
        b.iter(|| {
            docs.iter().zip(&outlines).for_each(|(d, o)| drop(black_box(checklist::apply_builtin(ed, d, o, None))))
        })
    });
    g.bench_function("score", |b| {
        b.iter(|| {
            for i in 0..docs.len() {
                drop(black_box(score::score(&docs[i], &metas[i], &outlines[i], &figs[i], &lists[i])));
            }
        })
    });
    g.finish();

    // Decoding a file: the same seed as GB18030 bytes.
    let (gbk, _, _) = encoding_rs::GB18030.encode(&texts[2]);
    let mut g = c.benchmark_group("file");
    g.throughput(Throughput::Bytes(gbk.len() as u64)).sample_size(20).measurement_time(Duration::from_secs(2));
    g.bench_function("GB18030 .txt: decode + analyze", |b| {
        b.iter(|| drop(black_box(analyze_bytes(&gbk, "r.txt", &Options::default()))))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
