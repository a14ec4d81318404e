//! `make bench-similar` (`cargo bench --bench similar`): 雷同检测 over 250, 500 and 1,000 generated
//! reports of about 10 KB, natively: preparing them on two threads, then comparing them; the peak heap
//! of each step (a counting allocator over mimalloc, the CLI's). It also writes the 1,000 reports to
//! `target/bench-similar/` for the CLI (`/usr/bin/time report-analyzer similar`) and the wasm module
//! (`tools/bench-similar.mjs`, the first 100).
//!
//! The reports are made from the sentences of ../shared (the seeds and the real excerpts): each unit
//! writes most of its sentences in its own words (a quarter of their characters replaced, so that
//! they share no run of 13 with anyone), quotes some pool sentences as they are (shared by a few
//! reports, as common wording is), and states its own figures; one report in ten repeats much of the
//! same unit's previous report, one in twenty copies paragraphs from another unit's.

use std::alloc::{GlobalAlloc, Layout};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use report_analyzer::similar::{compare, prepare, Info, Params, Report};

/// mimalloc, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if new_size >= layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[path = "../tests/support/rng.rs"]
mod rng;
use rng::Rng;

/// The sentences of the seeds and the real excerpts, and their characters (what rewording draws from).
fn pool() -> (Vec<String>, Vec<char>) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut files: Vec<_> = ["corpus/seeds", "reference/real-excerpts/pages"]
        .iter()
        .flat_map(|d| std::fs::read_dir(shared.join(d)).unwrap().map(|e| e.unwrap().path()))
        .collect();
    files.sort();
    let mut sentences = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).unwrap();
        sentences.extend(
            text.split(['。', '；', '\n']).map(str::trim).filter(|s| s.chars().count() >= 12).map(String::from),
        );
    }
    let mut chars: Vec<char> =
        sentences.iter().flat_map(|s| s.chars()).filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).collect();
    chars.sort_unstable();
    chars.dedup();
    (sentences, chars)
}

const STEMS: &str = "东南西北安康平和永兴长乐新华太清河山川源泉石桥金城龙凤阳明光德福宁远丰林湖溪";
const LEVELS: [&str; 4] = ["县", "镇", "乡", "区"];

/// A unit's name: two or three characters and a level.
fn unit(rng: &mut Rng) -> String {
    let stems: Vec<char> = STEMS.chars().collect();
    let n = 2 + rng.below(2);
    let mut s: String = (0..n).map(|_| stems[rng.below(stems.len())]).collect();
    s.push_str(LEVELS[rng.below(LEVELS.len())]);
    s
}

/// A paragraph of about `chars` characters in the unit's own words, with quoted pool sentences and
/// figures.
fn paragraph(rng: &mut Rng, pool: &(Vec<String>, Vec<char>), chars: usize) -> String {
    let (sentences, alphabet) = pool;
    let mut p = String::new();
    let mut n = 0;
    while n < chars {
        let s = &sentences[rng.below(sentences.len())];
        if rng.below(100) < 12 {
            p.push_str(s);
        } else {
            for c in s.chars() {
                let reworded = ('\u{4e00}'..='\u{9fff}').contains(&c) && rng.below(4) == 0;
                p.push(if reworded { alphabet[rng.below(alphabet.len())] } else { c });
            }
        }
        if rng.below(3) == 0 {
            p.push_str(&format!("，全年办理{}件", 1 + rng.below(5000)));
        }
        p.push('。');
        n += s.chars().count();
    }
    p
}

/// `count` reports of about 10 KB each, with their sources' years and units.
fn reports(count: usize) -> Vec<String> {
    let pool = pool();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut out: Vec<(String, i32, Vec<String>)> = Vec::with_capacity(count);
    for i in 0..count {
        let (name, year, mut paragraphs) = match rng.below(20) {
            // The same unit's report of the year before, mostly repeated.
            0 | 1 if i > 0 => {
                let (name, year, earlier) = &out[rng.below(i)];
                let kept =
                    earlier.iter().map(|p| if rng.below(10) < 6 { p.clone() } else { paragraph(&mut rng, &pool, 300) });
                (name.clone(), year + 1, kept.collect::<Vec<_>>())
            }
            _ => {
                (unit(&mut rng), 2019 + rng.below(6) as i32, (0..11).map(|_| paragraph(&mut rng, &pool, 300)).collect())
            }
        };
        // Another unit's paragraphs copied.
        if i > 0 && rng.below(20) == 0 {
            let (_, _, other) = &out[rng.below(i)];
            for k in 0..4 {
                paragraphs[k * 2] = other[(k * 3) % other.len()].clone();
            }
        }
        out.push((name, year, paragraphs));
    }
    out.into_iter()
        .map(|(name, year, paragraphs)| {
            let mut t = format!(
                "{name}人民政府关于{year}年度法治政府建设情况的报告\n{year}年，{name}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想。\n"
            );
            for (k, p) in paragraphs.iter().enumerate() {
                t.push_str(&format!("（{}）", k + 1));
                t.push_str(p);
                t.push('\n');
            }
            t
        })
        .collect()
}

/// Prepare `texts` on `threads` threads.
fn prepare_all(texts: &[String], threads: usize) -> Vec<Report> {
    let chunk = texts.len().div_ceil(threads.max(1));
    std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(chunk.max(1))
            .map(|c| s.spawn(move || c.iter().map(|t| prepare(t, Info::default()).unwrap().0).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    })
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let all = reports(1000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-similar");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, t) in all.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:04}.txt")), t).unwrap();
    }
    println!("similar: {} reports written to {} (for the CLI and the wasm bench)", all.len(), dir.display());
    println!("| reports | input | prepare (2 threads) | compare | total | pairs ≥ 5% | peak heap: prepare · compare |");
    println!("|---|---|---|---|---|---|---|");
    for n in [250, 500, 1000] {
        let texts = &all[..n];
        let bytes: usize = texts.iter().map(String::len).sum();
        // Best of three, after a warm-up.
        let (mut best_prepare, mut best_compare) = (f64::MAX, f64::MAX);
        let (mut peak_prepare, mut peak_compare, mut pairs) = (0, 0, 0);
        for round in 0..4 {
            let base = LIVE.load(Ordering::Relaxed);
            PEAK.store(base, Ordering::Relaxed);
            let t = Instant::now();
            let reports = prepare_all(texts, 2);
            let prepared = t.elapsed().as_secs_f64();
            peak_prepare = PEAK.load(Ordering::Relaxed) - base;
            let held = LIVE.load(Ordering::Relaxed);
            PEAK.store(held, Ordering::Relaxed);
            let t = Instant::now();
            let cmp = compare(&reports, Params::default()).unwrap();
            let compared = t.elapsed().as_secs_f64();
            peak_compare = PEAK.load(Ordering::Relaxed) - base;
            pairs = cmp.pairs.iter().filter(|p| p.share() >= 0.05).count();
            if round > 0 {
                best_prepare = best_prepare.min(prepared);
                best_compare = best_compare.min(compared);
            }
        }
        println!(
            "| {n} | {:.1} MB | {:.0} ms | {:.0} ms | {:.2} s | {pairs} | {:.1} MB · {:.1} MB |",
            mb(bytes),
            best_prepare * 1e3,
            best_compare * 1e3,
            best_prepare + best_compare,
            mb(peak_prepare),
            mb(peak_compare),
        );
    }
}
