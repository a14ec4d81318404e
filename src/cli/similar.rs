//! `report-analyzer similar`: which reports share passages (src/similar/), written as JSON lines, CSV or
//! Markdown. The inputs are read, decoded and prepared on all cores (the batch's worker pool), then
//! compared at once.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use report_analyzer::similar::{self, render, Info, Params, Report};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SimilarFormat {
    Jsonl,
    Csv,
    Md,
}

#[derive(clap::Args)]
pub struct SimilarArgs {
    /// Output format: jsonl (one pair per line, with its passages' byte spans), csv (the pairs, with
    /// the columns of Dolos's pairs.csv first), md (a readable report: each report's measures, the
    /// pairs, their passages).
    #[arg(long, value_enum, default_value_t = SimilarFormat::Jsonl)]
    format: SimilarFormat,
    /// Earlier reports (last year's), files or directories: compared with the reports, not with each
    /// other; one of the same unit gives that report's 本单位上年复制比. Takes every path up to the next
    /// option: put it after the reports, or end its list with `--`.
    #[arg(long, value_name = "PATH", num_args = 1.., action = clap::ArgAction::Append)]
    previous: Vec<PathBuf>,
    /// Write pairs whose larger share (the share of one report's characters lying in passages shared
    /// with the other) reaches F, between 0 and 1.
    #[arg(long, value_name = "F", default_value_t = 0.05)]
    min_share: f64,
    /// Also write every passage of the written pairs as CSV to FILE (spans, characters, boilerplate or
    /// not, the text).
    #[arg(long, value_name = "FILE")]
    passages: Option<PathBuf>,
    /// A passage found in more than N reports (the earlier ones included) is boilerplate: shown, not
    /// counted; so are the formulas of the built-in lexicon.
    #[arg(long, value_name = "N", default_value_t = similar::DEFAULT_BOILERPLATE)]
    boilerplate: usize,
    /// Threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Show progress on stderr while reading the inputs.
    #[arg(long)]
    progress: bool,
    /// Reports to compare: files or directories; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// A report read and prepared.
struct Prepared {
    name: String,
    text: String,
    report: Report,
    spans: Vec<(u32, u32)>,
}

pub fn run(args: &SimilarArgs) -> ExitCode {
    if !(0.0..=1.0).contains(&args.min_share) {
        eprintln!("report-analyzer: --min-share must be between 0 and 1 (0.05 is 5%), not {}", args.min_share);
        return ExitCode::from(2);
    }
    let mut failed = false;
    // Each input with whether it is an earlier report (`--previous`).
    let mut inputs: Vec<(super::Input, bool)> = Vec::new();
    for (paths, previous) in [(&args.paths, false), (&args.previous, true)] {
        let found = super::expand(paths, &mut |e| {
            eprintln!("report-analyzer: {e}");
            failed = true;
        });
        inputs.extend(found.into_iter().map(|i| (i, previous)));
    }
    let batch = super::batch::Batch {
        jobs: args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        progress: args.progress,
    };
    let mut prepared = Vec::new();
    let read = batch.run(
        &inputs,
        |(input, previous)| prepare(input, *previous),
        |(input, _), r| {
            match r.unwrap_or_else(|p| Err(super::internal_error(&p))) {
                Ok(p) => prepared.push(p),
                Err(e) => {
                    eprintln!("report-analyzer: {}: {e}", input.name);
                    failed = true;
                }
            }
            Ok(())
        },
    );
    if let Err(e) = read {
        eprintln!("report-analyzer: {e}");
        return ExitCode::from(2);
    }
    let (reports, kept): (Vec<Report>, Vec<_>) =
        prepared.into_iter().map(|p| (p.report, (p.name, p.text, p.spans))).unzip();
    let Some(cmp) = similar::compare(&reports, Params { boilerplate: args.boilerplate }) else {
        eprintln!("report-analyzer: too much text to compare at once (more than 4 billion characters)");
        return ExitCode::from(2);
    };
    let views: Vec<render::Input> =
        kept.iter().map(|(name, text, spans)| render::Input { name, text, spans }).collect();
    let reported = render::reported(&cmp, &reports, args.min_share);
    let text = match args.format {
        SimilarFormat::Jsonl => render::jsonl(&cmp, &reported, &views),
        SimilarFormat::Csv => render::pairs_csv(&cmp, &reported, &views),
        SimilarFormat::Md => render::markdown(&cmp, &reported, &reports, &views, args.min_share),
    };
    let mut written = std::io::stdout().lock().write_all(text.as_bytes());
    if let (Ok(()), Some(file)) = (&written, &args.passages) {
        written = std::fs::write(file, render::passages_csv(&cmp, &reported, &views))
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", file.display())));
    }
    super::exit_code(written, failed)
}

fn prepare(input: &super::Input, previous: bool) -> Result<Prepared, String> {
    let bytes = super::read_input(input)?;
    let name = input.name.clone();
    let (text, _) = report_analyzer::decode::decode(&bytes, &name, &report_analyzer::decode::NativeDecoder)
        .map_err(|e| e.to_string())?;
    let info = Info { source: Some(name.clone()), previous, ..Info::default() };
    let (report, spans) = similar::prepare(&text, info).map_err(|e| e.to_string())?;
    Ok(Prepared { name, text, report, spans })
}
