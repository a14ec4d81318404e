//! Dev harness for the figure extractor: one JSON line per input file,
//! `{"source": path, "figures": [...]}`, for `score.py figures`.
//!
//!     cargo run --release --example figures_jsonl -- DOCS/*.txt > pred.jsonl

use std::io::Write;

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        let figures: Vec<report_analyzer::model::Figure> = report_analyzer::figures::extract(&text, &[]);
        let line = serde_json::json!({ "source": path, "figures": figures });
        writeln!(out, "{line}").expect("write to stdout");
    }
}
