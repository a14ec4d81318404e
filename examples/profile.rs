//! `make profile`: the full analysis over ../shared/corpus, `ROUNDS` times (default 5), for
//! `valgrind --tool=callgrind` (instruction counts are repeatable on a noisy machine) or `perf`.

#[path = "../benches/common/mod.rs"]
mod common;

use report_analyzer::{analyze, Options};

fn main() {
    let texts = common::corpus();
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut figures = 0;
    for _ in 0..rounds {
        for s in &texts {
            figures += analyze(s, &Options::default()).unwrap().figures.len();
        }
    }
    println!("{} bytes × {rounds} rounds, {figures} figures", texts.iter().map(String::len).sum::<usize>());
}
