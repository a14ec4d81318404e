//! Intake: every way a report arrives (UTF-8, GBK, UTF-16, a saved HTML page, a .docx, a Traditional
//! mirror) yields the same sections and figures. Also writes the browser tests' fixtures
//! (tests/fixtures/, checked in; `UPDATE_GOLDEN=1` rewrites them).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};

use report_analyzer::{analyze, analyze_bytes, Analysis, Options, Status};
use support::docx::{make_docx, para};

fn seeds() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    let mut v: Vec<PathBuf> = std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// What must not change with the container: the outline and the figures, by content.
fn essence(a: &Analysis) -> (Vec<String>, Vec<String>) {
    let sections = a
        .sections
        .iter()
        .map(|s| format!("{} {} {} {:?}", s.depth, s.repaired_marker.as_deref().unwrap_or(&s.marker), s.title, s.part))
        .collect();
    let figures = a.figures.iter().map(|f| format!("{} {} {} {:?}", f.text, f.value, f.unit, f.kind)).collect();
    (sections, figures)
}

/// GBK as Windows writes it (GB18030, its superset, so that the seeds' NBSPs survive).
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    text.encode_utf16().for_each(|u| v.extend(u.to_le_bytes()));
    v
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A saved government page around the report: GBK with a meta charset, navigation, script and style.
fn html_page(text: &str) -> Vec<u8> {
    let mut h = String::from(
        "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\n<title>政府门户网站</title>\n<style>p { text-indent: 2em }</style>\n<script>var menu = \"<p>一、不是标题</p>\";</script></head>\n<body><div class=\"top-nav\"><ul><li><a href=\"/\">首页</a></li><li>政务公开</li></ul></div>\n<div class=\"article\">\n",
    );
    for line in text.lines() {
        if line.trim().is_empty() {
            h.push_str("<p>&nbsp;</p>\n");
        } else {
            h.push_str(&format!("<p>{}</p>\n", escape(line.trim())));
        }
    }
    h.push_str("</div><div class=\"footer\">版权所有：某市人民政府 网站标识码：1234</div></body></html>\n");
    gbk(&h)
}

fn docx(text: &str) -> Vec<u8> {
    let body: String = text.lines().filter(|l| !l.trim().is_empty()).map(|l| para(l.trim(), None, None)).collect();
    make_docx(&body, None, None)
}

/// Simplified → Traditional for the characters the table knows (the reverse of data/traditional.tsv).
fn traditional(text: &str) -> String {
    let table = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/traditional.tsv")).unwrap();
    let mut rev = std::collections::HashMap::new();
    for l in table.lines().filter(|l| !l.starts_with('#')) {
        if let Some((t, s)) = l.split_once('\t') {
            let (t, s) = (t.chars().next().unwrap(), s.chars().next().unwrap());
            rev.entry(s).or_insert(t);
        }
    }
    text.chars().map(|c| *rev.get(&c).unwrap_or(&c)).collect()
}

#[test]
fn every_container_yields_the_same_sections_and_figures() {
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let base = analyze(&text, &Options::default()).unwrap();
        let want = essence(&base);
        for (label, bytes, file) in [
            ("GBK", gbk(&text), "r.txt"),
            ("UTF-16LE", utf16le(&text), "r.txt"),
            ("HTML", html_page(&text), "r.html"),
            ("DOCX", docx(&text), "r.docx"),
        ] {
            let (decoded, a) =
                analyze_bytes(&bytes, file, &Options::default()).unwrap_or_else(|e| panic!("{name} as {label}: {e}"));
            let got = essence(&a);
            assert_eq!(got.0, want.0, "{name} as {label}: sections");
            assert_eq!(got.1, want.1, "{name} as {label}: figures");
            assert_eq!(a.meta.title, base.meta.title, "{name} as {label}: title");
            for f in &a.figures {
                assert_eq!(&decoded[f.span.range()], f.text);
            }
        }
    }
}

#[test]
fn traditional_mirrors_read_like_the_original() {
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let trad = traditional(&text);
        assert_ne!(trad, text);
        let (a, b) = (analyze(&text, &Options::default()).unwrap(), analyze(&trad, &Options::default()).unwrap());
        let parts = |a: &Analysis| a.sections.iter().map(|s| (s.depth, s.part)).collect::<Vec<_>>();
        assert_eq!(parts(&b), parts(&a), "{name}: outline and parts");
        let status = |a: &Analysis| a.checklist.items.iter().map(|i| (i.id.clone(), i.status)).collect::<Vec<_>>();
        assert_eq!(status(&b), status(&a), "{name}: checklist");
        let figs = |a: &Analysis| a.figures.iter().map(|f| (f.value, f.kind)).collect::<Vec<_>>();
        assert_eq!(figs(&b), figs(&a), "{name}: figures");
        assert_eq!((b.meta.year, b.meta.level, b.meta.kind), (a.meta.year, a.meta.level, a.meta.kind), "{name}: meta");
        assert_eq!(b.meta.issuer, a.meta.issuer, "{name}: issuer (given simplified)");
        assert!(b.checklist.items.iter().any(|i| i.status == Status::Covered));
    }
}

#[test]
fn browser_fixtures_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let seed = |n: &str| {
        std::fs::read_to_string(seeds().into_iter().find(|p| p.to_string_lossy().contains(n)).unwrap()).unwrap()
    };
    let fixtures = [
        ("seed-002.gbk.txt", gbk(&seed("002_"))),
        ("seed-004.docx", docx(&seed("004_"))),
        ("seed-003.gbk.html", html_page(&seed("003_"))),
        ("seed-001.utf16.txt", utf16le(&seed("001_"))),
    ];
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in fixtures {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &bytes).unwrap();
        } else if name.ends_with(".docx") {
            // Zip timestamps differ between writes: compare what the archive decodes to.
            let old = std::fs::read(&path).unwrap_or_default();
            let text = |b: &[u8]| analyze_bytes(b, name, &Options::default()).map(|(t, _)| t).ok();
            assert_eq!(text(&old), text(&bytes), "{name} is stale: UPDATE_GOLDEN=1 cargo test --test intake");
        } else {
            assert!(
                std::fs::read(&path).ok() == Some(bytes),
                "{name} is stale: UPDATE_GOLDEN=1 cargo test --test intake"
            );
        }
    }
}

#[test]
fn bad_inputs_get_clear_messages() {
    let cases: [(&[u8], &str, &str); 5] = [
        (b"", "a.txt", "empty"),
        (b"   \n\t ", "a.txt", "empty"),
        (b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0", "a.txt", "binary"),
        (b"PK\x03\x04\x14\0\0\0\x08\0", "a.docx", ".docx"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "a.jpg", "binary"),
    ];
    for (bytes, name, says) in cases {
        let e = analyze_bytes(bytes, name, &Options::default()).unwrap_err().to_string();
        assert!(e.contains(says), "{name}: {e}");
    }
    let big = vec![b'a'; report_analyzer::MAX_INPUT_BYTES + 1];
    let e = analyze_bytes(&big, "big.txt", &Options::default()).unwrap_err().to_string();
    assert!(e.contains("too large"), "{e}");
}
