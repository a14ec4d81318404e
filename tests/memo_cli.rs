//! `report-analyzer memo` on the real reports: Markdown and JSON on standard output, one .docx per
//! report with --out, the second review with --previous, the 通报 with --summary, bad inputs.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_report-analyzer")).args(args).output().expect("the CLI runs")
}

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds")
}

fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-analyzer-memo-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn markdown_of_one_report() {
    let o =
        run(&["memo", "--office", "某市司法局", "--days", "7", "--date", "2023-04-10", seed("003_").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = stdout(&o);
    assert!(md.starts_with("# 关于《海南区人民政府2021年法治政府建设年度报告》的审核意见"), "{md}");
    assert!(md.contains("7个工作日内") && md.contains("报送某市司法局") && md.ends_with("2023年4月10日\n"), "{md}");
    assert!(md.contains("报告未写明“党政主要负责人履行推进法治建设第一责任人职责情况”"));
}

#[test]
fn json_of_a_directory_with_spans_into_each_file() {
    let o = run(&["memo", "--format", "json", seeds().to_str().unwrap()]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let memos = v.as_array().unwrap();
    assert_eq!(memos.len(), 5);
    for m in memos {
        let source = m["report"]["source"].as_str().unwrap();
        let text = std::fs::read_to_string(source).unwrap();
        let items = m["items"].as_array().unwrap();
        assert!(!items.is_empty());
        for item in items {
            for p in item["where"]
                .as_object()
                .into_iter()
                .chain(item["also"].as_array().into_iter().flatten().filter_map(|p| p.as_object()))
            {
                let (a, b) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
                assert_eq!(&text[a..b], p["quote"].as_str().unwrap());
            }
        }
        assert_eq!(m["schema_version"], 1);
    }
}

#[test]
fn docx_files_with_out_and_the_bulletin() {
    let dir = tmp("docx");
    let o = run(&["memo", "--format", "docx", "--out", dir.to_str().unwrap(), "-j", "2", seeds().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    names.sort();
    assert_eq!(names.len(), 5);
    assert!(names.iter().all(|n| n.ends_with(".docx")));
    for n in &names {
        let bytes = std::fs::read(dir.join(n)).unwrap();
        let (text, _) = report_analyzer::decode::read_docx(&bytes).unwrap();
        assert!(text.starts_with("关于《") && text.contains("二、主要问题和修改建议"), "{n}: {text}");
    }
    let o = run(&["memo", "--summary", "--format", "docx", "--out", dir.to_str().unwrap(), seeds().to_str().unwrap()]);
    assert!(o.status.success());
    let (text, _) = report_analyzer::decode::read_docx(&std::fs::read(dir.join("通报.docx")).unwrap()).unwrap();
    assert!(text.contains("审核情况的通报") && text.contains("克州人民政府"), "{text}");
    let o = run(&["memo", "--summary", seeds().to_str().unwrap()]);
    assert!(stdout(&o).contains("## 三、共性问题\n\n- 未分析不足的原因：5份，占100%。"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn second_review_with_previous() {
    let dir = tmp("previous");
    let old = seed("003_");
    let text = std::fs::read_to_string(&old).unwrap();
    let at = text.find("\n、存在的问题").unwrap() + 1;
    let added = "(六)党政主要负责人履行推进法治建设第一责任人职责情况\n区委书记、区长主持召开区委常委会会议2次专题研究法治政府建设，年终述职时开展述法。\n";
    let new = dir.join("003-修改稿.txt");
    std::fs::write(&new, format!("{}{added}{}", &text[..at], &text[at..])).unwrap();
    let o = run(&["memo", "--format", "json", "--previous", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let earlier = v["review"]["earlier"].as_array().unwrap();
    let r3 = earlier.iter().find(|e| e["item"]["id"] == "part:R3").unwrap();
    assert_eq!(r3["label"], "已整改");
    assert_eq!(earlier.iter().find(|e| e["item"]["id"] == "causes").unwrap()["label"], "未整改");
    // Several inputs: paired by issuer (the seed 002 input has no earlier version: a first memo).
    let o = run(&["memo", "--previous", old.to_str().unwrap(), new.to_str().unwrap(), seed("002_").to_str().unwrap()]);
    let md = stdout(&o);
    assert_eq!(md.matches("修改稿的复审意见").count(), 1, "{md}");
    assert_eq!(md.matches("》的审核意见").count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_inputs_and_options() {
    let dir = tmp("bad");
    let missing = dir.join("missing.txt");
    let o = run(&["memo", missing.to_str().unwrap(), seed("000_").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.txt"));
    assert!(
        stdout(&o).starts_with("# 关于《克州2021年法治政府建设工作总结》的审核意见"),
        "the other input is still written"
    );
    let o = run(&["memo", "--format", "docx", seed("000_").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--out"));
    let o = run(&["memo", "--date", "2023-02-30", seed("000_").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["memo", "--days", "0", seed("000_").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
