//! `report-analyzer analyze [--format json|jsonl|csv|md] [--checklist FILE] PATH...`
//! `report-analyzer compare [--format csv|md] [--checklist FILE] PATH...`
//! `report-analyzer similar [--format jsonl|csv|md] [--previous PATH...] [--min-share F] PATH...`
//! `report-analyzer memo [--format docx|md|json] [--out DIR] [--previous OLD] [--office NAME] [--days N]
//! [--summary] PATH...`
//!
//! Reads each file (a directory: every report file below it; `-`: standard input), analyzes it with
//! the core on all cores, and writes one result per input in input order (or, for `compare`, one row
//! per report with the year-over-year change of the same issuer). A file that cannot be read or
//! decoded is named on stderr, the others are still analyzed, and the exit code is 1.

mod batch;
mod format;
mod memo;
mod similar;

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use report_analyzer::checklist::Checklist;
use report_analyzer::{analyze_bytes, Analysis, Options};

#[derive(Parser)]
#[command(
    name = "report-analyzer",
    version,
    about = "Sections, figures and checklist coverage of 法治政府建设年度报告"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze reports and print the analysis.
    Analyze {
        /// Output format: json (one object, or an array for several inputs), jsonl (one object per
        /// line, with `source`), csv (the figures), md (a readable summary).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[command(flatten)]
        common: Common,
    },
    /// Compare reports: one row each (meta, score, parts present, key indicators) with the
    /// year-over-year change of the same issuer.
    Compare {
        /// Output format: csv (every column) or md (the main columns, Chinese headers).
        #[arg(long, value_enum, default_value_t = CompareFormat::Csv)]
        format: CompareFormat,
        #[command(flatten)]
        common: Common,
    },
    /// 雷同检测: pairs of reports that share passages (copied from each other, filled into one
    /// template, or repeating the same unit's earlier report), formulas and text found in many reports
    /// not counted. Writes pairs whose larger share reaches --min-share (default 0.05: 5% of a report's
    /// characters).
    Similar(similar::SimilarArgs),
    /// Write the 审核意见 (review memo) of each report, its second review with --previous, or with
    /// --summary the 通报 of all inputs.
    Memo(memo::MemoArgs),
}

#[derive(clap::Args)]
struct Common {
    /// A checklist JSON file to apply instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    checklist: Option<PathBuf>,
    /// Threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Show progress on stderr: a bar on a terminal (the default there for several inputs), plain
    /// lines every 10% otherwise.
    #[arg(long)]
    progress: bool,
    /// Files or directories to analyze; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Csv,
    Md,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Csv,
    Md,
}

/// File extensions taken from a directory.
const REPORT_EXTENSIONS: [&str; 5] = ["txt", "text", "htm", "html", "docx"];

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { format, common } => run(&common, Output::Analysis(format)),
        Command::Compare { format, common } => run(&common, Output::Comparison(format)),
        Command::Similar(args) => similar::run(&args),
        Command::Memo(args) => memo::run(&args),
    }
}

enum Output {
    Analysis(Format),
    Comparison(CompareFormat),
}

/// The analysis options of the common arguments (a bad `--checklist` is named on stderr: exit code 2).
fn load_options(common: &Common) -> Result<Options, ExitCode> {
    let mut options = Options::default();
    if let Some(path) = &common.checklist {
        match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|s| Checklist::from_json(&s).map_err(|e| e.to_string()))
        {
            Ok(list) => options.checklist = Some(list),
            Err(e) => {
                eprintln!("report-analyzer: {}: {e}", path.display());
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(options)
}

/// The worker pool for `inputs` inputs.
fn make_batch(common: &Common, inputs: usize) -> batch::Batch {
    batch::Batch {
        jobs: common.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        progress: common.progress || (inputs > 1 && std::io::stderr().is_terminal()),
    }
}

fn run(common: &Common, output: Output) -> ExitCode {
    let options = match load_options(common) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut failed = false;
    let inputs = match expand(&common.paths) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("report-analyzer: {e}");
            failed = true;
            Vec::new()
        }
    };
    let batch = make_batch(common, inputs.len());
    let work = |input: &PathBuf| analyze_one(input, &options);
    let mut report = |input: &PathBuf, e: &str| {
        if batch.progress {
            eprintln!();
        }
        eprintln!("report-analyzer: {}: {e}", input.display());
        failed = true;
    };
    let written = match output {
        Output::Analysis(format) => {
            // A 64 KB buffer: standard output alone flushes at every line break (a syscall per line
            // of pretty JSON); each result is still flushed when written.
            let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            let mut out = format::Writer::new(format, stdout, inputs.len());
            batch
                .run(
                    &inputs,
                    |input| work(input).map(|a| format::render(format, &a)),
                    |input, r| match r.unwrap_or_else(|p| Err(internal_error(&p))) {
                        Ok(rendered) => out.write(&rendered?),
                        Err(e) => {
                            report(input, &e);
                            Ok(())
                        }
                    },
                )
                .and_then(|_| out.finish())
        }
        Output::Comparison(format) => {
            // Rows only: a row is small, so thousands of reports fit.
            let mut rows = Vec::new();
            let done = batch.run(
                &inputs,
                |input| work(input).map(|a| report_analyzer::compare::row(&a)),
                |input, r| {
                    match r.unwrap_or_else(|p| Err(internal_error(&p))) {
                        Ok(row) => rows.push(row),
                        Err(e) => report(input, &e),
                    }
                    Ok(())
                },
            );
            done.and_then(|_| {
                let text = match format {
                    CompareFormat::Csv => report_analyzer::compare::rows_to_csv(&rows),
                    CompareFormat::Md => report_analyzer::compare::rows_to_markdown(&rows),
                };
                std::io::stdout().lock().write_all(text.as_bytes())
            })
        }
    };
    if let Err(e) = written {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("report-analyzer: cannot write output: {e}");
        }
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What a panic in the analysis of one input says on stderr (the others are still analyzed).
fn internal_error(panic: &str) -> String {
    format!("internal error, please report it with this file: {panic}")
}

fn analyze_one(path: &Path, options: &Options) -> Result<Analysis, String> {
    analyze_file(path, options).map(|(_, analysis)| analysis)
}

/// Read and analyze one input: the decoded text (what every span points into) and its analysis.
fn analyze_file(path: &Path, options: &Options) -> Result<(String, Analysis), String> {
    let bytes = read_input(path)?;
    let name = path.to_string_lossy();
    let options = Options { source: Some(name.to_string()), ..options.clone() };
    analyze_bytes(&bytes, &name, &options).map_err(|e| e.to_string())
}

/// The bytes of a file, or of standard input for `-`; never more than the size limit in memory: a
/// 200 MB file is refused before it is read.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let limit = report_analyzer::MAX_INPUT_BYTES as u64;
    let too_large =
        |bytes: u64| report_analyzer::Error::TooLarge { bytes: bytes as usize, limit: limit as usize }.to_string();
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        if buf.len() as u64 > limit {
            return Err(too_large(buf.len() as u64));
        }
        Ok(buf)
    } else {
        let size = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?.len();
        if size > limit {
            return Err(too_large(size));
        }
        std::fs::read(path).map_err(|e| format!("cannot read: {e}"))
    }
}

/// Files named directly, and report files below named directories (sorted). Missing paths are kept
/// so that the read error names them.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| format!("{}: cannot list directory: {e}", p.display()))?;
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}
