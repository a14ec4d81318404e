//! Packs `data/traditional.tsv` (the data file, reviewed and edited as text) into
//! `$OUT_DIR/traditional.bin`, which `src/normalize.rs` embeds: as TSV the table is 34.6 KB, 21 KB
//! gzipped in the wasm; packed, 12.7 KB and 10.4 KB.
//!
//! Format: the entry count (u32 LE); then for each entry in Traditional order the step from the previous
//! Traditional code point; then for each the step from the previous simplified code point, zigzag
//! encoded. Steps are LEB128 varints. `normalize::tests` checks the unpacked table against the TSV.
//!
//! The tables the analysis reads at run time (figures, furniture) are embedded as `$OUT_DIR/<path>`:
//! the data file with its comment lines emptied (line numbers kept for the tables' error messages):
//! −2.4 KB gzip of the analysis module. The documented files stay what is reviewed.

use std::fs;
use std::path::Path;

fn varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The data tables embedded without their comments (see the module doc).
const TABLES: [&str; 5] = [
    "data/figures/units.tsv",
    "data/figures/traps.tsv",
    "data/figures/families.tsv",
    "data/figures/words.tsv",
    "data/furniture.tsv",
];

fn strip_comments(dir: &str) {
    for table in TABLES {
        println!("cargo::rerun-if-changed={table}");
        let text = fs::read_to_string(table).unwrap_or_else(|e| panic!("{table}: {e}"));
        let stripped: String =
            text.lines().map(|l| if l.starts_with('#') { "\n".to_string() } else { format!("{l}\n") }).collect();
        let out = Path::new(dir).join(table);
        fs::create_dir_all(out.parent().expect("a folder")).expect("create the tables' folder");
        fs::write(out, stripped).unwrap_or_else(|e| panic!("write {table}: {e}"));
    }
}

fn main() {
    strip_comments(&std::env::var("OUT_DIR").expect("OUT_DIR"));
    println!("cargo::rerun-if-changed=data/traditional.tsv");
    let tsv = fs::read_to_string("data/traditional.tsv").expect("data/traditional.tsv");
    let mut pairs: Vec<(u32, u32)> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (t, s) = l.split_once('\t')?;
            Some((t.chars().next()? as u32, s.chars().next()? as u32))
        })
        .collect();
    pairs.sort_unstable();
    let mut out = (pairs.len() as u32).to_le_bytes().to_vec();
    let mut prev = 0;
    for &(t, _) in &pairs {
        varint(&mut out, t - prev);
        prev = t;
    }
    let mut prev = 0i64;
    for &(_, s) in &pairs {
        let d = s as i64 - prev;
        varint(&mut out, if d >= 0 { (d as u32) << 1 } else { ((-d as u32) << 1) - 1 });
        prev = s as i64;
    }
    let dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    fs::write(Path::new(&dir).join("traditional.bin"), out).expect("write traditional.bin");
}
