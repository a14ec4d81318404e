//! `report-analyzer memo [--format docx|md|json] [--out DIR] [--previous OLD] [--office NAME] [--days N]
//! [--date YYYY-MM-DD] [--summary] PATH...`
//!
//! The 审核意见 of each report (one file per report with `--out`, else Markdown or JSON on standard
//! output), its second review when `--previous` gives the earlier version (paired with the input of the
//! same issuer, or with the only input), or with `--summary` the 通报 of all inputs. Reports are analyzed
//! and their memos written on all cores, in input order (the batch of `analyze`).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use report_analyzer::memo::{self, Memo, MemoOptions, Previous};
use report_analyzer::Options;

use super::{analyze_file, expand, internal_error, load_options, make_batch, Common, Input};

#[derive(clap::Args)]
pub struct MemoArgs {
    /// Output format: md (the memo as Markdown), json (its items as data, see docs/memo.md) or docx
    /// (a Word document laid out after GB/T 9704; needs --out).
    #[arg(long, value_enum, default_value_t = MemoFormat::Md)]
    format: MemoFormat,
    /// Write one file per report into DIR (`<name>.docx`, `.md` or `.json`; with --summary `通报.<ext>`).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The earlier version of the reports (files or directories): each input gets the second review of
    /// the earlier report of the same issuer (or, for one input and one earlier report, of that one).
    #[arg(long, value_name = "OLD")]
    previous: Vec<PathBuf>,
    /// The reviewing office, named in the request and the signature (e.g. 某市司法局).
    #[arg(long, value_name = "NAME")]
    office: Option<String>,
    /// Working days to resubmit.
    #[arg(long, value_name = "N", default_value_t = memo::DEFAULT_DAYS)]
    days: u32,
    /// The memo's date (default: today in China Standard Time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Write the 通报 of all inputs (ranking, common problems, units to follow up) instead of the memos.
    #[arg(long)]
    summary: bool,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MemoFormat {
    Md,
    Json,
    Docx,
}

impl MemoFormat {
    fn extension(self) -> &'static str {
        match self {
            MemoFormat::Md => "md",
            MemoFormat::Json => "json",
            MemoFormat::Docx => "docx",
        }
    }
}

/// Today's date in China Standard Time (UTC+8), YYYY-MM-DD.
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date((secs + 8 * 3600) / 86_400)
}

/// The date `days` days after 1970-01-01 (the proleptic Gregorian calendar).
fn civil_date(days: u64) -> String {
    // Howard Hinnant's days-to-civil algorithm.
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The name of each input's file in `--out`: its stem, numbered when two inputs share one.
fn out_names(names: &[&str], ext: &str) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    names
        .iter()
        .map(|name| {
            let stem = if *name == "-" {
                "stdin".to_string()
            } else {
                Path::new(name).file_stem().map_or("report".into(), |s| s.to_string_lossy().into_owned())
            };
            let n = seen.entry(stem.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{stem}.{ext}")
            } else {
                format!("{stem}-{n}.{ext}")
            }
        })
        .collect()
}

/// The earlier reports' memos, by issuer (several of one issuer: the latest year wins, then the last).
struct Earlier {
    memos: Vec<Memo>,
}

impl Earlier {
    fn for_report(&self, issuer: Option<&str>, year: Option<i32>, only_pair: bool) -> Option<&Memo> {
        if only_pair {
            return self.memos.first();
        }
        let issuer = issuer?;
        self.memos
            .iter()
            .filter(|m| m.report.issuer.as_deref() == Some(issuer))
            .filter(|m| match (m.report.year, year) {
                (Some(p), Some(y)) => p <= y,
                _ => true,
            })
            .max_by_key(|m| m.report.year)
    }
}

fn render(format: MemoFormat, m: &Memo) -> Result<Vec<u8>, String> {
    match format {
        MemoFormat::Md => Ok(memo::markdown::memo(m).into_bytes()),
        MemoFormat::Json => serde_json::to_vec_pretty(m).map_err(|e| e.to_string()),
        MemoFormat::Docx => memo::docx::memo(m).map_err(|e| e.to_string()),
    }
}

pub fn run(args: &MemoArgs) -> ExitCode {
    let options = match load_options(&args.common) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let memo_options = MemoOptions {
        office: args.office.clone(),
        days: Some(args.days),
        date: Some(args.date.clone().unwrap_or_else(today)),
        similarity: None,
    };
    if let Err(e) = MemoOptions::from_json(&serde_json::to_string(&memo_options).unwrap_or_default()) {
        eprintln!("report-analyzer: {e}");
        return ExitCode::from(2);
    }
    if args.format == MemoFormat::Docx && args.out.is_none() {
        eprintln!("report-analyzer: --format docx writes files: give --out DIR");
        return ExitCode::from(2);
    }
    if let Some(dir) = &args.out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("report-analyzer: {}: cannot create the directory: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let mut failed = false;
    let mut fail = |e: String| {
        eprintln!("report-analyzer: {e}");
        failed = true;
    };
    let inputs = expand(&args.common.paths, &mut fail);
    let previous = expand(&args.previous, &mut fail);
    let batch = make_batch(&args.common, inputs.len() + previous.len());
    let mut report = |input: &Input, e: &str| {
        if batch.progress {
            eprintln!();
        }
        eprintln!("report-analyzer: {}: {e}", input.name);
        failed = true;
    };

    // The earlier versions' memos first (second reviews are judged against them).
    let plain = MemoOptions { date: None, ..memo_options.clone() };
    let mut earlier = Earlier { memos: Vec::new() };
    if !previous.is_empty() && !args.summary {
        let done = batch.run(
            &previous,
            |p| analyze_file(p, &options).and_then(|(t, a)| memo::build(&a, &t, &plain).map_err(|e| e.to_string())),
            |p, r| {
                match r.unwrap_or_else(|panic| Err(internal_error(&panic))) {
                    Ok(m) => earlier.memos.push(m),
                    Err(e) => report(p, &e),
                }
                Ok(())
            },
        );
        if done.is_err() {
            return ExitCode::from(2);
        }
    }
    let only_pair = inputs.len() == 1 && earlier.memos.len() == 1;
    let written = if args.summary {
        summary(args, &batch, &inputs, &options, &memo_options, &mut report)
    } else {
        memos(args, &batch, &inputs, &options, &memo_options, &earlier, only_pair, &mut report)
    };
    super::exit_code(written, failed)
}

#[allow(clippy::too_many_arguments)]
fn memos(
    args: &MemoArgs,
    batch: &super::batch::Batch,
    inputs: &[Input],
    options: &Options,
    memo_options: &MemoOptions,
    earlier: &Earlier,
    only_pair: bool,
    report: &mut dyn FnMut(&Input, &str),
) -> std::io::Result<()> {
    let names: Vec<&str> = inputs.iter().map(|i| i.name.as_str()).collect();
    let names = out_names(&names, args.format.extension());
    let work = |input: &Input| -> Result<Vec<u8>, String> {
        let (text, a) = analyze_file(input, options)?;
        let m = match earlier.for_report(a.meta.issuer.as_deref(), a.meta.year, only_pair) {
            Some(before) => memo::second_review(Previous::Memo(before), &a, &text, memo_options),
            None => memo::build(&a, &text, memo_options),
        }
        .map_err(|e| e.to_string())?;
        render(args.format, &m)
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let array = args.format == MemoFormat::Json && inputs.len() > 1;
    let mut written = 0;
    // The sink sees the inputs in order: `k` is the input's index.
    let mut k = 0;
    batch.run(inputs, work, |input, r| {
        k += 1;
        match r.unwrap_or_else(|p| Err(internal_error(&p))) {
            Err(e) => {
                report(input, &e);
                Ok(())
            }
            Ok(bytes) => {
                match &args.out {
                    Some(dir) => std::fs::write(dir.join(&names[k - 1]), &bytes)?,
                    None => {
                        if array {
                            stdout.write_all(if written == 0 { b"[\n" } else { b",\n" })?;
                        } else if written > 0 && args.format == MemoFormat::Md {
                            stdout.write_all(b"\n---\n\n")?;
                        }
                        stdout.write_all(&bytes)?;
                        if args.format == MemoFormat::Json && !array {
                            stdout.write_all(b"\n")?;
                        }
                        stdout.flush()?;
                    }
                }
                written += 1;
                Ok(())
            }
        }
    })?;
    if array {
        stdout.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" })?;
    }
    stdout.flush()
}

fn summary(
    args: &MemoArgs,
    batch: &super::batch::Batch,
    inputs: &[Input],
    options: &Options,
    memo_options: &MemoOptions,
    report: &mut dyn FnMut(&Input, &str),
) -> std::io::Result<()> {
    let mut rows = Vec::new();
    batch.run(
        inputs,
        |input| analyze_file(input, options).map(|(_, a)| report_analyzer::compare::row(&a)),
        |input, r| {
            match r.unwrap_or_else(|p| Err(internal_error(&p))) {
                Ok(row) => rows.push(row),
                Err(e) => report(input, &e),
            }
            Ok(())
        },
    )?;
    let b = memo::bulletin::bulletin(&rows, memo_options).map_err(std::io::Error::other)?;
    let bytes = match args.format {
        MemoFormat::Md => memo::markdown::bulletin(&b).into_bytes(),
        MemoFormat::Json => serde_json::to_vec_pretty(&b)?,
        MemoFormat::Docx => memo::docx::bulletin(&b).map_err(std::io::Error::other)?,
    };
    match &args.out {
        Some(dir) => std::fs::write(dir.join(format!("通报.{}", args.format.extension())), bytes),
        None => std::io::stdout().lock().write_all(&bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(19_782), "2024-02-29");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn out_names_are_unique() {
        let inputs = ["a/x.txt", "b/x.html", "-", "y.zip/d/y.docx"];
        assert_eq!(out_names(&inputs, "docx"), ["x.docx", "x-2.docx", "stdin.docx", "y.docx"]);
    }
}
