//! Profiling harness: analyze the corpus many times (`perf record target/release/examples/profile`).
fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut texts = Vec::new();
    for dir in ["seeds", "work-reports"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            texts.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
        }
    }
    // PROFILE_SCALE=100: one seed repeated, to look for costs that grow faster than the text.
    if let Some(k) = std::env::var("PROFILE_SCALE").ok().and_then(|s| s.parse::<usize>().ok()) {
        texts = vec![texts[0].repeat(k)];
    }
    let rounds: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let mut n = 0;
    for _ in 0..rounds {
        for t in &texts {
            n += report_analyzer::analyze(t, &report_analyzer::Options::default()).unwrap().figures.len();
        }
    }
    println!("{n}");
}
