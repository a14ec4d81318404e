//! `report-analyzer analyze [--format json|jsonl|csv|md] [--checklist FILE] PATH...`
//! `report-analyzer compare [--format csv|md] [--checklist FILE] PATH...`
//! `report-analyzer similar [--format jsonl|csv|md] [--previous PATH...] [--min-share F] PATH...`
//! `report-analyzer text PATH...`
//! `report-analyzer memo [--format docx|md|json] [--out DIR] [--previous OLD] [--office NAME] [--days N]
//! [--summary] PATH...`
//!
//! Reads each file (a directory: every report file below it; `-`: standard input; a `.zip`: each
//! report in it, named `archive.zip/folder/name.pdf`), analyzes it with
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
use std::sync::Arc;

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
    /// Print the decoded text of each file: what every offset of the analysis points into (the text
    /// of a PDF, OFD or Word file, with a form feed line between pages). Several files, or a .zip,
    /// print each text after a `==> name <==` line.
    Text {
        /// Files or directories; `-` reads standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
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

/// File extensions taken from a directory (the archive reader's list: a `.zip` is opened).
#[cfg(feature = "readers")]
const REPORT_EXTENSIONS: [&str; 11] = report_analyzer::decode::archive::REPORT_EXTENSIONS;
/// Without the readers (`--no-default-features`): text, web pages and .docx.
#[cfg(not(feature = "readers"))]
const REPORT_EXTENSIONS: [&str; 5] = ["txt", "text", "htm", "html", "docx"];

/// One input: a file, standard input, or a report taken out of a .zip archive.
pub struct Input {
    /// The name shown and put in `source`: the path, or `archive.zip/folder/name.pdf`.
    name: String,
    source: Source,
}

#[cfg_attr(not(feature = "readers"), allow(dead_code))]
enum Source {
    Path(PathBuf),
    Stdin,
    Member(Arc<Vec<u8>>),
    /// An archive member that could not be taken out, or an archive that could not be opened.
    Failed(String),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { format, common } => run(&common, Output::Analysis(format)),
        Command::Compare { format, common } => run(&common, Output::Comparison(format)),
        Command::Similar(args) => similar::run(&args),
        Command::Text { paths } => print_texts(&paths),
        Command::Memo(args) => memo::run(&args),
    }
}

/// `text`: each input's decoded text on standard output (a header line before each when there are
/// several); errors on stderr, exit code 1.
fn print_texts(paths: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    let inputs = expand(paths, &mut |e| {
        eprintln!("report-analyzer: {e}");
        failed = true;
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let several = inputs.len() > 1;
    for input in &inputs {
        match read_input(input).and_then(|b| {
            report_analyzer::decode::decode(&b, &input.name, &report_analyzer::decode::NativeDecoder)
                .map_err(|e| e.to_string())
        }) {
            Ok((text, _)) => {
                let written = if several { writeln!(out, "==> {} <==", input.name) } else { Ok(()) }
                    .and_then(|_| out.write_all(text.as_bytes()))
                    .and_then(|_| if several && !text.ends_with('\n') { writeln!(out) } else { Ok(()) });
                if let Err(e) = written {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        eprintln!("report-analyzer: cannot write output: {e}");
                    }
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                eprintln!("report-analyzer: {}: {e}", input.name);
                failed = true;
            }
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
    let inputs = expand(&common.paths, &mut |e| {
        eprintln!("report-analyzer: {e}");
        failed = true;
    });
    let batch = make_batch(common, inputs.len());
    let work = |input: &Input| analyze_one(input, &options);
    let mut report = |input: &Input, e: &str| {
        if batch.progress {
            eprintln!();
        }
        eprintln!("report-analyzer: {}: {e}", input.name);
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
    exit_code(written, failed)
}

/// The exit code of a command: 2 when the output could not be written (a closed pipe is not reported),
/// 1 when an input failed, else success.
fn exit_code(written: std::io::Result<()>, failed: bool) -> ExitCode {
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

fn analyze_one(input: &Input, options: &Options) -> Result<Analysis, String> {
    analyze_file(input, options).map(|(_, analysis)| analysis)
}

/// Read and analyze one input: the decoded text (what every span points into) and its analysis.
fn analyze_file(input: &Input, options: &Options) -> Result<(String, Analysis), String> {
    let bytes = read_input(input)?;
    let options = Options { source: Some(input.name.clone()), ..options.clone() };
    analyze_bytes(&bytes, &input.name, &options).map_err(|e| e.to_string())
}

/// The bytes of an input. Never holds more than the limit in memory: a 200 MB file is refused before
/// it is read.
fn read_input(input: &Input) -> Result<Arc<Vec<u8>>, String> {
    let limit = report_analyzer::MAX_INPUT_BYTES as u64;
    let too_large =
        |bytes: u64| report_analyzer::Error::TooLarge { bytes: bytes as usize, limit: limit as usize }.to_string();
    match &input.source {
        Source::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .take(limit + 1)
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            if buf.len() as u64 > limit {
                return Err(too_large(buf.len() as u64));
            }
            Ok(Arc::new(buf))
        }
        Source::Path(path) => {
            let size = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?.len();
            if size > limit {
                return Err(too_large(size));
            }
            std::fs::read(path).map(Arc::new).map_err(|e| format!("cannot read: {e}"))
        }
        Source::Member(bytes) => Ok(bytes.clone()),
        Source::Failed(e) => Err(e.clone()),
    }
}

/// Files named directly, and report files below named directories (sorted); a `.zip` (by its bytes)
/// becomes its reports. Missing paths are kept so that the read error names them; a directory that
/// cannot be listed is passed to `fail`.
fn expand(paths: &[PathBuf], fail: &mut dyn FnMut(String)) -> Vec<Input> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            match walk(p, &mut found) {
                Ok(()) => {
                    found.sort();
                    files.extend(found);
                }
                Err(e) => fail(format!("{}: cannot list directory: {e}", p.display())),
            }
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for path in files {
        let name = path.to_string_lossy().into_owned();
        if path.as_os_str() == "-" {
            out.push(Input { name, source: Source::Stdin });
            continue;
        }
        let input = Input { name: name.clone(), source: Source::Path(path) };
        // Without the readers, an archive is an input the analysis refuses with a message.
        if !is_archive(&input) {
            out.push(input);
            continue;
        }
        #[cfg(not(feature = "readers"))]
        out.push(input);
        #[cfg(feature = "readers")]
        let members = read_input(&input).and_then(|bytes| {
            report_analyzer::decode::archive::members(&bytes, &name, &report_analyzer::decode::NativeDecoder)
                .map_err(|e| e.to_string())
        });
        #[cfg(feature = "readers")]
        match members {
            Ok(members) if members.is_empty() => {
                out.push(Input { name, source: Source::Failed("the archive holds no report files".into()) })
            }
            Ok(members) => out.extend(members.into_iter().map(|m| Input {
                name: m.name,
                source: match m.bytes {
                    Ok(b) => Source::Member(Arc::new(b)),
                    Err(e) => Source::Failed(e),
                },
            })),
            Err(e) => out.push(Input { name, source: Source::Failed(e) }),
        }
    }
    out
}

/// A zip file that is neither a .docx nor an OFD package, by its bytes.
fn is_archive(input: &Input) -> bool {
    let Source::Path(path) = &input.source else { return false };
    let mut head = [0u8; 4];
    let is_zip = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok() && head.starts_with(b"PK");
    is_zip && read_input(input).is_ok_and(|b| report_analyzer::decode::detect_format(&b, &input.name) == Some("zip"))
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
