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
        let bar = if self.progress {
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
        }
        bar.finish_and_clear();
        Ok(())
    }
}
