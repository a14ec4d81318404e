//! The CLI on real files: formats, directories, stdin, custom checklists and unreadable inputs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_report-analyzer"))
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds")
}

fn seed(name: &str) -> PathBuf {
    std::fs::read_dir(seeds()).unwrap().map(|e| e.unwrap().path()).find(|p| p.to_string_lossy().contains(name)).unwrap()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the CLI runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-analyzer-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn json_for_one_input_is_an_object_and_spans_match_the_file() {
    let path = seed("002_");
    let o = run(&["analyze", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["meta"]["title"], "榆树市人民政府关于2022年度法治政府建设情况的报告");
    assert_eq!(v["meta"]["signed"], "2023-02-27");
    let text = std::fs::read_to_string(&path).unwrap();
    for s in v["sections"].as_array().unwrap() {
        let t = &s["title_span"];
        let (a, b) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], s["title"].as_str().unwrap());
    }
    for f in v["figures"].as_array().unwrap() {
        let (a, b) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[a..b], f["text"].as_str().unwrap());
    }
}

#[test]
fn several_inputs_and_directories() {
    let dir = seeds();
    let o = run(&["analyze", dir.to_str().unwrap()]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5, "a directory gives an array of all its reports");

    let o = run(&["analyze", "--format", "jsonl", dir.to_str().unwrap()]);
    let lines: Vec<serde_json::Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|l| l["source"].as_str().unwrap().ends_with(".txt")));
}

#[test]
fn stdin_csv_and_markdown() {
    let text = std::fs::read(seed("004_")).unwrap();
    let mut child =
        bin().args(["analyze", "--format", "md", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let md = stdout(&o);
    assert!(md.starts_with("# 阜城县关于2022年度法治政府建设情况报告"), "{md}");
    assert!(md.contains("## 评分") && md.contains("## 检查清单") && md.contains("## 结构"));

    let o = run(&["analyze", "--format", "csv", seed("000_").to_str().unwrap(), seed("003_").to_str().unwrap()]);
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next().unwrap(), "source,text,value,unit,kind,approx,subject,family,section,start,end");
    assert!(lines.all(|l| !l.starts_with("source,")), "one header for several inputs");
}

#[test]
fn a_bad_file_is_named_and_the_others_still_analyzed() {
    let bad = tmp("broken.txt");
    std::fs::write(&bad, b"\xb7\xa8\xd6\xce\xff\xff not utf-8").unwrap();
    let missing = tmp("missing.txt");
    let o = run(&[
        "analyze",
        "--format",
        "jsonl",
        bad.to_str().unwrap(),
        seed("001_").to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.txt") && err.contains("cannot be read as text"), "{err}");
    assert!(err.contains("missing.txt") && err.contains("cannot read"), "{err}");
    assert_eq!(stdout(&o).lines().count(), 1, "the good file is still analyzed");
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let big = tmp("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: no 200 MB written to disk
    let o = run(&["analyze", big.to_str().unwrap(), seed("003_").to_str().unwrap()]);
    std::fs::remove_file(&big).unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("big.txt") && err.contains("too large"), "{err}");
    assert!(stdout(&o).contains("海南区"), "the other file is still analyzed");
}

#[test]
fn custom_checklist_is_honoured_and_a_malformed_one_refused() {
    let list = tmp("list.json");
    std::fs::write(
        &list,
        r#"{"id": "mine", "name": "我的清单", "items": [
            {"id": "K1", "name": "行政复议", "cues": ["行政复议", "复议"], "min_hits": 1},
            {"id": "K2", "name": "不存在", "cues": ["火星基地"]}]}"#,
    )
    .unwrap();
    let o = run(&["analyze", "--checklist", list.to_str().unwrap(), seed("002_").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["checklist"]["id"], "mine");
    assert_eq!(v["checklist"]["items"][0]["status"], "covered");
    assert_eq!(v["checklist"]["items"][1]["status"], "missing");

    std::fs::write(&list, r#"{"id": "mine", "name": "x", "items": [{"id": "K1", "name": "x", "cues": ["re:(("]}]}"#)
        .unwrap();
    let o = run(&["analyze", "--checklist", list.to_str().unwrap(), seed("002_").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("K1") && err.contains("cues"), "{err}");
}

#[test]
fn the_shipped_example_checklist_works() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/checklists/example-custom.json");
    let o = run(&["analyze", "--checklist", example.to_str().unwrap(), seed("000_").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn parallel_output_is_in_input_order_and_identical_to_one_thread() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let one = run(&["analyze", "--format", "jsonl", "-j", "1", dir.to_str().unwrap()]);
    let many = run(&["analyze", "--format", "jsonl", "-j", "4", "--progress", dir.to_str().unwrap()]);
    assert!(one.status.success() && many.status.success());
    assert_eq!(stdout(&one), stdout(&many));
    let progress = String::from_utf8_lossy(&many.stderr);
    assert!(progress.contains("report-analyzer: 10/10 files (100%)"), "{progress}");
    let sources: Vec<String> = stdout(&one)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["source"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    assert_eq!(sources.len(), 10);
}

#[test]
fn every_format_is_the_same_on_one_thread_and_many() {
    // Workers render each result; the writer joins them (array brackets, one CSV header, Markdown rules).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    for format in ["json", "csv", "md"] {
        let one = run(&["analyze", "--format", format, "-j", "1", dir.to_str().unwrap()]);
        let many = run(&["analyze", "--format", format, "-j", "3", dir.to_str().unwrap()]);
        assert!(one.status.success() && many.status.success(), "{format}");
        assert_eq!(stdout(&one), stdout(&many), "{format}");
        let out = stdout(&many);
        match format {
            "json" => {
                assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap().as_array().unwrap().len(), 10)
            }
            "csv" => assert_eq!(out.lines().filter(|l| l.starts_with("source,text,")).count(), 1, "one header"),
            _ => assert_eq!(out.matches("\n---\n").count(), 9, "a rule between reports"),
        }
    }
}

#[test]
fn compare_writes_one_row_per_report() {
    let dir = seeds();
    let o = run(&["compare", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6);
    assert!(lines[0].starts_with("source,title,issuer,year,level,kind,published,signed,timely,score,S1"));
    // Every seed is dated before its deadline.
    assert_eq!(lines[1..].iter().filter(|l| l.contains(",按时,")).count(), 5);
    assert!(lines[0].contains("reconsideration_count") && lines[0].contains("prev_year"));
    assert!(lines[3].contains("榆树市人民政府"));
    let o = run(&["compare", "--format", "md", dir.to_str().unwrap()]);
    let md = stdout(&o);
    assert!(md.starts_with("| 来源 | 标题 | 发文机关 |"));
    assert_eq!(md.lines().count(), 7);
}
