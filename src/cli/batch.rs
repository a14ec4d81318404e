//! Many inputs on all cores, results in input order, memory bounded: inputs are analyzed in windows of
//! a few per thread, and each window is written before the next starts, so 10,000 reports need no more
//! memory than a window of them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Inputs in flight per thread.
const WINDOW_PER_THREAD: usize = 4;

pub struct Batch {
    pub jobs: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

impl Batch {
    /// Run `work` on every input (in parallel) and `sink` on every result in input order.
    pub fn run<T: Send>(
        &self,
        inputs: &[PathBuf],
        work: impl Fn(&PathBuf) -> T + Sync,
        mut sink: impl FnMut(&PathBuf, T) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let jobs = self.jobs.max(1);
        let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
        // Off a terminal (a log file, CI) the bar cannot redraw: plain lines every 10% instead.
        let mut log = (self.progress && !terminal).then(|| LineProgress::new(inputs.len()));
        let bar = if self.progress && terminal {
            let bar = ProgressBar::with_draw_target(Some(inputs.len() as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} files · {per_sec} · {elapsed_precise} elapsed, {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        for window in inputs.chunks(jobs * WINDOW_PER_THREAD) {
            let results: Vec<Mutex<Option<T>>> = window.iter().map(|_| Mutex::new(None)).collect();
            let next = AtomicUsize::new(0);
            std::thread::scope(|scope| {
                for _ in 0..jobs.min(window.len()) {
                    scope.spawn(|| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = window.get(i) else { break };
                        let r = work(input);
                        *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                        bar.inc(1);
                    });
                }
            });
            for (input, r) in window.iter().zip(results) {
                if let Some(r) = r.into_inner().unwrap_or_else(|e| e.into_inner()) {
                    sink(input, r)?;
                }
            }
            if let Some(log) = log.as_mut() {
                log.advance(window.len());
            }
        }
        bar.finish_and_clear();
        Ok(())
    }
}

/// Progress as plain lines on stderr: `report-analyzer: 1200/10000 files (12%), 45 files/s`.
struct LineProgress {
    total: usize,
    done: usize,
    next_report: usize,
    start: std::time::Instant,
}

impl LineProgress {
    fn new(total: usize) -> Self {
        LineProgress { total, done: 0, next_report: 0, start: std::time::Instant::now() }
    }

    fn advance(&mut self, n: usize) {
        self.done += n;
        if self.done >= self.next_report || self.done == self.total {
            let rate = self.done as f64 / self.start.elapsed().as_secs_f64().max(1e-3);
            eprintln!(
                "report-analyzer: {}/{} files ({}%), {rate:.0} files/s",
                self.done,
                self.total,
                self.done * 100 / self.total.max(1)
            );
            self.next_report = self.done + (self.total / 10).max(1);
        }
    }
}
