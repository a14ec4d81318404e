//! The readers through the CLI: each seed as PDF (Chromium and LibreOffice), as .doc, and inside a
//! .zip gives the top-level sections and at least 95% of the figures of its .txt; the public corpora's
//! PDF, OFD and .doc files give their text (`text`); damaged and hostile files (truncated, corrupt,
//! zip bombs, endless streams, reference loops, 10,000 pages, scans, encryption) get a clear error
//! naming the file, in bounded time.
#![cfg(all(not(target_arch = "wasm32"), feature = "readers"))]

use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_report-analyzer"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readers").join(name)
}

fn seed(n: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/seeds");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains(&format!("/{n}_")))
        .unwrap()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the CLI runs")
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("report-analyzer-readers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn analyses(path: &Path) -> Vec<serde_json::Value> {
    let o = run(&["analyze", "--format", "jsonl", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn top_sections(a: &serde_json::Value) -> Vec<String> {
    a["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["depth"] == 1)
        .map(|s| s["title"].as_str().unwrap().to_string())
        .collect()
}

/// Share of the .txt's figures (text and value) found in the other analysis.
fn figure_agreement(txt: &serde_json::Value, other: &serde_json::Value) -> f64 {
    let count = |a: &serde_json::Value| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for f in a["figures"].as_array().unwrap() {
            *m.entry(format!("{}|{}", f["text"], f["value"])).or_default() += 1;
        }
        m
    };
    let (a, b) = (count(txt), count(other));
    let total: usize = a.values().sum();
    let common: usize = a.iter().map(|(k, n)| (*n).min(*b.get(k).unwrap_or(&0))).sum();
    common as f64 / total.max(1) as f64
}

fn assert_agrees(n: &str, other: &serde_json::Value, what: &str) {
    let txt = &analyses(&seed(n))[0];
    assert_eq!(top_sections(txt), top_sections(other), "seed {n} as {what}: top-level sections");
    let share = figure_agreement(txt, other);
    assert!(share >= 0.95, "seed {n} as {what}: {:.3} of the figures", share);
}

#[test]
fn seeds_as_pdf_and_doc_agree_with_their_text() {
    for (n, producers) in [
        ("000", &["chromium.pdf", "libreoffice.pdf", "doc"][..]),
        ("001", &["chromium.pdf"]),
        ("003", &["chromium.pdf", "libreoffice.pdf", "doc"]),
        ("004", &["chromium.pdf", "libreoffice.pdf", "doc"]),
    ] {
        for p in producers {
            let a = analyses(&fixture(&format!("seed-{n}.{p}")));
            assert_eq!(a.len(), 1);
            assert_agrees(n, &a[0], p);
            let format = if p.ends_with("pdf") { "pdf" } else { "doc" };
            assert_eq!(a[0]["input"]["format"], format);
        }
    }
}

#[test]
fn page_numbers_and_running_headers_are_furniture() {
    let a = &analyses(&fixture("seed-003.chromium.pdf"))[0];
    let kinds: Vec<&str> = a["furniture"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "page_number").count(), 3, "{kinds:?}");
    assert!(kinds.iter().filter(|k| **k == "running_header").count() >= 2, "{kinds:?}");
    // No figure comes from a page number.
    let text = String::from_utf8(run(&["text", fixture("seed-003.chromium.pdf").to_str().unwrap()]).stdout).unwrap();
    for f in a["figures"].as_array().unwrap() {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], f["text"].as_str().unwrap(), "spans point into the `text` output");
        assert!(!text[..s].ends_with("— "), "{}", f["text"]);
    }
}

/// A zip of seeds as PDF and .doc, with GBK member names (as Chinese Windows writes them), one nested archive.
#[test]
fn a_zip_of_reports_is_a_batch() {
    let file = |n: &str| std::fs::read(fixture(n)).unwrap();
    let mut inner = Vec::new();
    {
        let mut z = zip::ZipWriter::new(Cursor::new(&mut inner));
        z.start_file("seed-004.doc", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(&file("seed-004.doc")).unwrap();
        z.finish().unwrap();
    }
    let mut outer = Vec::new();
    {
        let mut z = zip::ZipWriter::new(Cursor::new(&mut outer));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        // A GBK name (as Chinese Windows writes them, without the UTF-8 flag): written as ASCII of
        // the same length, replaced by the GBK bytes below.
        z.start_file("AAAA/BBBBBBBBBB.pdf", opts).unwrap();
        z.write_all(&file("seed-003.libreoffice.pdf")).unwrap();
        z.start_file("photo.jpg", opts).unwrap();
        z.write_all(b"\xFF\xD8\xFF").unwrap();
        z.start_file("more.zip", opts).unwrap();
        z.write_all(&inner).unwrap();
        z.finish().unwrap();
    }
    let (gbk, _, _) = encoding_rs::GBK.encode("区县/海南区报告.pdf");
    let placeholder = b"AAAA/BBBBBBBBBB.pdf";
    assert_eq!(gbk.len(), placeholder.len());
    while let Some(at) = outer.windows(placeholder.len()).position(|w| w == placeholder) {
        outer[at..at + placeholder.len()].copy_from_slice(&gbk);
    }
    let path = tmp("batch.zip");
    std::fs::write(&path, &outer).unwrap();
    let a = analyses(&path);
    let names: Vec<&str> = a.iter().map(|x| x["source"].as_str().unwrap()).collect();
    let base = path.to_str().unwrap();
    assert_eq!(names, [format!("{base}/区县/海南区报告.pdf"), format!("{base}/more.zip/seed-004.doc")]);
    assert_agrees("003", &a[0], "a PDF in a zip");
    assert_agrees("004", &a[1], "a .doc in a zip in a zip");
    // A directory picks up PDF, OFD, .doc and .zip files.
    let dir = tmp("dir");
    std::fs::create_dir_all(&dir).unwrap();
    for n in ["seed-003.chromium.pdf", "helloworld.ofd", "simple-table.doc"] {
        std::fs::copy(fixture(n), dir.join(n)).unwrap();
    }
    std::fs::copy(&path, dir.join("b.zip")).unwrap();
    let o = run(&["text", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.matches("==> ").count(), 5, "{}", &out[..out.len().min(500)]);
    assert!(out.contains("b.zip/more.zip/seed-004.doc <=="));
}

#[test]
fn public_corpus_files_give_their_text() {
    for (file, expect) in [
        ("helloworld.ofd", "你好呀，OFD Reader&Writer！\n"),
        ("keyword2.ofd", "重庆市马上融资担保有限公司"),
        ("z.ofd", "CodePosition xs:int TextCode中字符编码的起始位置，从0开始\t必选"),
        ("fptpl.ofd", "重庆增值税电子普通发票"),
        ("XiaoBiaoSong.pdf", "关于红军作战的原则"),
        ("SimFang-variant.pdf", "全世界无产者，联合起来"),
        ("cid_cff.pdf", "processor reference chart"),
        ("simple-table.doc", "a final paragraph.\nCell 1,1\tCell 1,2\tCell 1,3\nCell 2,1\tCell 2,2\tCell 2,3\nThis text is below the table."),
        ("innertable.doc", "A\tB\tC\n"),
    ] {
        let o = run(&["text", fixture(file).to_str().unwrap()]);
        assert!(o.status.success(), "{file}: {}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(text.contains(expect), "{file}: {text}");
    }
    // The OFD invoice's labels are its template: page furniture.
    let o = run(&["text", fixture("fptpl.ofd").to_str().unwrap()]);
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("发票代码："));
    // Fonts that say nothing about their characters: refused, not half-read.
    let o = run(&["text", fixture("arial_unicode_en_cidfont.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("character map"));
}

/// A minimal PDF: its objects (numbered from 1) with a correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

fn one_page(content: Vec<u8>, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>".to_vec(),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\0"),
    ];
    objs.extend_from_slice(extra);
    pdf(&objs)
}

/// The CLI on `bytes` as `name`: fails with exit code 1 within a few seconds, naming the file and
/// saying `says`.
fn refused(bytes: &[u8], name: &str, says: &str) {
    let path = tmp(name);
    std::fs::write(&path, bytes).unwrap();
    let t = Instant::now();
    let o = run(&["text", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{name}: {err}");
    assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    assert!(t.elapsed() < Duration::from_secs(20), "{name}: {:?}", t.elapsed());
}

#[test]
fn hostile_and_damaged_files_are_refused_clearly_and_quickly() {
    let hello = stream("", b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET");
    let good = one_page(hello.clone(), &[]);
    // A stream that inflates without end (1 GB of zeros in ~1 MB), as a page's content.
    let zeros = vec![0u8; 1 << 20];
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..1024 {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = enc.finish().unwrap();
    refused(&one_page(stream("/Filter /FlateDecode", &bomb), &[]), "bomb.pdf", "beyond");
    // A reference loop: the page's content is 7 → 8 → 7.
    let mut looped = one_page(b"7 0 R".to_vec(), &[b"8 0 R".to_vec(), b"7 0 R".to_vec()]);
    refused(&looped, "loop.pdf", "no text layer");
    // A stream whose /Length is a reference to the stream itself (found by fuzzing: the reader recursed
    // until the stack overflowed).
    let own_length = b"<< /Length 4 0 R >>\nstream\nBT /F1 12 Tf 72 700 Td (Hello) Tj ET\nendstream".to_vec();
    let o = run(&[
        "text",
        {
            let path = tmp("own-length.pdf");
            std::fs::write(&path, one_page(own_length, &[])).unwrap();
            path
        }
        .to_str()
        .unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Hello"), "{}", String::from_utf8_lossy(&o.stderr));
    // A page tree that loops back to its root.
    looped =
        pdf(&[b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(), b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_vec()]);
    refused(&looped, "tree-loop.pdf", "no pages");
    // 10,000 pages.
    let kids: String = (0..10_000).map(|i| format!("{} 0 R ", i + 3)).collect();
    let mut objs = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{kids}] /Count 10000 >>").into_bytes(),
    ];
    objs.extend((0..10_000).map(|_| b"<< /Type /Page /Parent 2 0 R >>".to_vec()));
    refused(&pdf(&objs), "pages.pdf", "10000 pages");
    // A scan: an image and no text.
    refused(&one_page(stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"), &[]), "scan.pdf", "OCR");
    // Encrypted.
    let mut enc = good.clone();
    let at = enc.windows(7).rposition(|w| w == b"/Root 1").unwrap();
    enc.splice(at..at, b"/Encrypt << /Filter /Standard /V 2 /R 3 >> ".iter().copied());
    refused(&enc, "secret.pdf", "encrypted");
    // Truncated and corrupt files of every kind: a clear error or the text, never a crash.
    for (name, bytes) in [
        ("cut.pdf", std::fs::read(fixture("seed-003.libreoffice.pdf")).unwrap()),
        ("cut.ofd", std::fs::read(fixture("z.ofd")).unwrap()),
        ("cut.doc", std::fs::read(fixture("seed-003.doc")).unwrap()),
    ] {
        for cut in [10, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            let path = tmp(&format!("{cut}-{name}"));
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let o = run(&["text", path.to_str().unwrap()]);
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                o.status.success() || o.status.code() == Some(1) && err.contains("not a readable"),
                "{name} cut at {cut}: {err}"
            );
        }
        let mut flipped = bytes.clone();
        for i in (bytes.len() / 7..bytes.len()).step_by(bytes.len() / 13) {
            flipped[i] ^= 0x5A;
        }
        let path = tmp(&format!("flipped-{name}"));
        std::fs::write(&path, &flipped).unwrap();
        let o = run(&["text", path.to_str().unwrap()]);
        assert!(o.status.code().is_some_and(|c| c <= 1), "{name}: {}", String::from_utf8_lossy(&o.stderr));
    }
    refused(b"PK\x03\x04\x14\x00 broken", "broken.zip", "not a readable");
    refused(&std::fs::read(fixture("seed-003.doc")).unwrap()[..600], "short.doc", "not a readable Word");
    // A zip bomb in a batch: the member is named with the limit, the good member still read.
    let mut z = Vec::new();
    {
        let mut w = zip::ZipWriter::new(Cursor::new(&mut z));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("huge.txt", opts).unwrap();
        for _ in 0..70 {
            w.write_all(&zeros).unwrap();
        }
        w.start_file("ok.pdf", opts).unwrap();
        w.write_all(&good).unwrap();
        w.finish().unwrap();
    }
    let path = tmp("bomb.zip");
    std::fs::write(&path, &z).unwrap();
    let o = run(&["text", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("bomb.zip/huge.txt") && err.contains("limit"), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("Hello"));
}

/// What the fuzz targets found (`make fuzz-readers`), kept in `tests/fixtures/readers/fuzz/` named
/// `<target>-<crash|timeout|oom>-<hash>.<ext>`: each goes through its target's reader (and the analysis
/// of what it returns) again, in-process, and must return — a text or an error — within the bound.
#[test]
fn fuzz_findings_stay_fixed() {
    use report_analyzer::decode::{archive, ofd, pdf, word97, Decoded, NativeDecoder};
    let dir = fixture("fuzz");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).unwrap();
        let target = name.split('-').next().unwrap().to_string();
        let (done, wait) = std::sync::mpsc::channel();
        let t = Instant::now();
        let what = name.clone();
        std::thread::spawn(move || {
            let text = match target.as_str() {
                "read_pdf" => pdf::pdf_to_text(&bytes, &NativeDecoder).map(|t| (t, "pdf")),
                "read_ofd" => ofd::ofd_to_text(&bytes).map(|t| (t, "ofd")),
                "read_doc" => word97::doc_to_text(&bytes).map(|t| (t, "doc")),
                "read_zip" => archive::members(&bytes, "batch.zip", &NativeDecoder).map(|m| (format!("{m:?}"), "text")),
                other => panic!("{what}: no fuzz target {other}"),
            };
            if let Ok((text, format)) = &text {
                let info = Decoded::read(format, Vec::new()).unwrap();
                if let Ok(a) = report_analyzer::analyze_decoded(text, info, &report_analyzer::Options::default()) {
                    report_analyzer::invariants::check(text, &a).unwrap_or_else(|e| panic!("{what}: {e}"));
                }
            }
            let _ = done.send(text.map(|(t, _)| t.len()).map_err(|e| e.to_string()));
        });
        match wait.recv_timeout(Duration::from_secs(60)) {
            Ok(r) => eprintln!("{name}: {r:?} in {:?}", t.elapsed()),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!("{name}: still reading after a minute"),
            Err(e) => panic!("{name}: the reader panicked ({e})"),
        }
    }
}
