//! Profiling harness: the full analysis over ../shared/corpus, `ROUNDS` times (default 5). `make profile`
//! runs it under `valgrind --tool=callgrind` (instruction counts repeat exactly on a machine whose speed
//! drifts); `perf record target/release/examples/profile` works too (`ROUNDS=200`).
//! `PROFILE_SCALE=100`: one seed repeated, to look for costs that grow faster than the text.

#[path = "../benches/common/mod.rs"]
mod common;

use report_analyzer::{analyze, Options};

// The analysis as the CLI runs it: with the CLI's allocator (src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut texts = common::corpus();
    if let Some(k) = std::env::var("PROFILE_SCALE").ok().and_then(|s| s.parse::<usize>().ok()) {
        texts = vec![texts[0].repeat(k)];
    }
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut figures = 0;
    for _ in 0..rounds {
        for s in &texts {
            figures += analyze(s, &Options::default()).unwrap().figures.len();
        }
    }
    println!("{} bytes × {rounds} rounds, {figures} figures", texts.iter().map(String::len).sum::<usize>());
}
