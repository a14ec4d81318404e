//! A report printed to PDF keeps its title: a running head printed above it on every page
//! (法治政府建设年度报告, as Chromium's fixtures carry) is page furniture, not the title.

use std::path::PathBuf;
use std::process::Command;

fn title_of(path: &PathBuf) -> Option<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_report-analyzer")).args(["analyze"]).arg(path).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["meta"]["title"].as_str().map(str::to_string)
}

#[test]
fn pdf_titles_are_the_reports_not_the_running_head() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seeds = root.join("../shared/corpus/seeds");
    for (pdf, seed) in [
        ("seed-000.chromium.pdf", "000_d97aec136836092d.txt"),
        ("seed-001.chromium.pdf", "001_257872858a488183.txt"),
        ("seed-003.chromium.pdf", "003_722f5c68c1af48ec.txt"),
        ("seed-004.chromium.pdf", "004_d6a789275ca0e1f4.txt"),
        ("seed-004.libreoffice.pdf", "004_d6a789275ca0e1f4.txt"),
    ] {
        let from_pdf = title_of(&root.join("tests/fixtures/readers").join(pdf));
        assert_eq!(from_pdf, title_of(&seeds.join(seed)), "{pdf}");
        assert_ne!(from_pdf.as_deref(), Some("法治政府建设年度报告"), "{pdf}");
    }
}
