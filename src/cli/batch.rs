//! Many inputs on all cores, results in input order, memory bounded: one worker per core takes the
//! next input as soon as it is free, and the calling thread writes the results in input order as they
//! become writable. A worker never starts an input more than a window ahead of the last one written,
//! so 10,000 reports need no more memory than a window of them, however uneven their sizes. An input
//! whose work panics is reported to the sink as an error, and the batch goes on.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Inputs started but not yet written, per thread.
const WINDOW_PER_THREAD: usize = 4;

pub struct Batch {
    pub jobs: usize,
    /// Show a progress bar on stderr.
    pub progress: bool,
}

/// How far the writer has got, for the workers to wait on.
struct Written {
    count: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Written {
    /// Wait until input `i` may start (it is within the window after the last written one). False
    /// when the batch stopped (the output failed).
    fn wait_for(&self, i: usize, window: usize) -> bool {
        let mut state = self.count.lock().unwrap_or_else(|e| e.into_inner());
        while !state.1 && i >= state.0 + window {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.1
    }

    fn set(&self, written: usize, stop: bool) {
        *self.count.lock().unwrap_or_else(|e| e.into_inner()) = (written, stop);
        self.changed.notify_all();
    }
}

/// Stops the workers when dropped: should the writing thread unwind, they must not wait for it.
struct StopOnDrop<'a>(&'a Written);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        let mut state = self.0.count.lock().unwrap_or_else(|e| e.into_inner());
        state.1 = true;
        self.0.changed.notify_all();
    }
}

impl Batch {
    /// Run `work` on every input (in parallel) and `sink` on every result in input order: `Err` with
    /// the panic's message when the work panicked. Stops starting inputs at the first error of `sink`,
    /// and returns it.
    pub fn run<I: Sync, T: Send>(
        &self,
        inputs: &[I],
        work: impl Fn(&I) -> T + Sync,
        mut sink: impl FnMut(&I, Result<T, String>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let jobs = self.jobs.max(1).min(inputs.len().max(1));
        let window = jobs * WINDOW_PER_THREAD;
        let mut progress = Progress::new(self.progress, inputs.len());
        let next = AtomicUsize::new(0);
        let written = Written { count: Mutex::new((0, false)), changed: Condvar::new() };
        let (sender, results) = mpsc::channel::<(usize, Result<T, String>)>();
        let outcome = std::thread::scope(|scope| {
            for _ in 0..jobs {
                let sender = sender.clone();
                let (next, written, work) = (&next, &written, &work);
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    if !written.wait_for(i, window) {
                        break;
                    }
                    // A panic is this input's result: the writer waits for every index in turn, so a
                    // lost one would stall the batch.
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(input))).map_err(|p| {
                        p.downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| p.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".into())
                    });
                    if sender.send((i, r)).is_err() {
                        break;
                    }
                });
            }
            drop(sender);
            let _stop = StopOnDrop(&written);
            // Results that arrived before an earlier input's: held until it is written.
            let mut waiting = BTreeMap::new();
            let mut done = 0;
            let mut outcome = Ok(());
            for (i, r) in results {
                waiting.insert(i, r);
                while let Some(r) = waiting.remove(&done) {
                    if outcome.is_ok() {
                        outcome = sink(&inputs[done], r);
                    }
                    done += 1;
                    progress.advance();
                }
                written.set(done, outcome.is_err());
            }
            outcome
        });
        progress.finish();
        outcome
    }
}

/// A bar on a terminal; off one (a log file, CI), where a bar cannot redraw, plain lines every 10%:
/// `report-analyzer: 1200/10000 files (12%), 45 files/s`.
enum Progress {
    None,
    Bar(ProgressBar),
    Lines { total: usize, done: usize, next_report: usize, start: std::time::Instant },
}

impl Progress {
    fn new(wanted: bool, total: usize) -> Self {
        if !wanted {
            return Progress::None;
        }
        if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            return Progress::Lines { total, done: 0, next_report: 0, start: std::time::Instant::now() };
        }
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files · {per_sec} · {elapsed_precise} elapsed, {eta} left",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress::Bar(bar)
    }

    fn advance(&mut self) {
        match self {
            Progress::None => {}
            Progress::Bar(bar) => bar.inc(1),
            Progress::Lines { total, done, next_report, start } => {
                *done += 1;
                if *done >= *next_report || done == total {
                    let rate = *done as f64 / start.elapsed().as_secs_f64().max(1e-3);
                    eprintln!(
                        "report-analyzer: {done}/{total} files ({}%), {rate:.0} files/s",
                        *done * 100 / (*total).max(1)
                    );
                    *next_report = *done + (*total / 10).max(1);
                }
            }
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(n: usize) -> Vec<std::path::PathBuf> {
        (0..n).map(|i| std::path::PathBuf::from(i.to_string())).collect()
    }

    fn index(p: &std::path::Path) -> usize {
        p.to_str().unwrap().parse().unwrap()
    }

    #[test]
    fn results_come_in_input_order_and_workers_stay_within_the_window() {
        let inputs = inputs(200);
        let written = AtomicUsize::new(0);
        let furthest_ahead = AtomicUsize::new(0);
        let mut order = Vec::new();
        let batch = Batch { jobs: 3, progress: false };
        batch
            .run(
                &inputs,
                |p| {
                    let i = index(p);
                    furthest_ahead.fetch_max(i - written.load(Ordering::SeqCst).min(i), Ordering::SeqCst);
                    // Uneven work: every seventh input is slow, so later ones finish first.
                    std::thread::sleep(std::time::Duration::from_micros(if i.is_multiple_of(7) { 3000 } else { 50 }));
                    i * 2
                },
                |p, r| {
                    assert_eq!(r, Ok(index(p) * 2));
                    order.push(index(p));
                    written.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(order, (0..200).collect::<Vec<_>>());
        let ahead = furthest_ahead.load(Ordering::SeqCst);
        assert!(ahead < 3 * WINDOW_PER_THREAD, "a worker started {ahead} inputs ahead of the writer");
        assert!(ahead > 0, "the workers never ran ahead: no parallelism");
    }

    #[test]
    fn an_output_error_stops_the_batch_and_is_returned() {
        let inputs = inputs(1000);
        let started = AtomicUsize::new(0);
        let batch = Batch { jobs: 2, progress: false };
        let mut sunk = 0;
        let r = batch.run(
            &inputs,
            |_| started.fetch_add(1, Ordering::SeqCst),
            |_, _| {
                sunk += 1;
                if sunk == 5 {
                    Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "closed"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r.unwrap_err().kind(), std::io::ErrorKind::BrokenPipe);
        assert_eq!(sunk, 5);
        assert!(started.load(Ordering::SeqCst) < 5 + 2 * WINDOW_PER_THREAD + 2);
    }

    /// `f` on its own thread, failing the test if it has not finished in a minute (a batch whose
    /// writer waits for a result that never comes would otherwise hang the test run).
    fn finishes<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        rx.recv_timeout(std::time::Duration::from_secs(60)).expect("the batch hung")
    }

    #[test]
    fn a_panicking_input_is_reported_and_the_others_still_written() {
        let got = finishes(|| {
            let mut got = Vec::new();
            Batch { jobs: 2, progress: false }
                .run(
                    &inputs(50),
                    |p| {
                        let i = index(p);
                        assert!(i % 10 != 3, "input {i} is bad");
                        i
                    },
                    |p, r| {
                        got.push((index(p), r));
                        Ok(())
                    },
                )
                .unwrap();
            got
        });
        assert_eq!(got.len(), 50);
        for (k, (i, r)) in got.into_iter().enumerate() {
            assert_eq!(i, k);
            if k % 10 == 3 {
                assert_eq!(r, Err(format!("input {k} is bad")));
            } else {
                assert_eq!(r, Ok(k));
            }
        }
    }

    #[test]
    fn a_panicking_writer_stops_the_workers_and_the_panic_goes_on() {
        let (panicked, started) = finishes(|| {
            let started = AtomicUsize::new(0);
            let mut sunk = 0;
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                Batch { jobs: 2, progress: false }.run(
                    &inputs(1000),
                    |_| started.fetch_add(1, Ordering::SeqCst),
                    |_, _| {
                        sunk += 1;
                        assert!(sunk < 3, "the writer fails");
                        Ok(())
                    },
                )
            }));
            (r.is_err(), started.load(Ordering::SeqCst))
        });
        assert!(panicked);
        assert!(started < 3 + 2 * WINDOW_PER_THREAD + 2, "{started} inputs started");
    }

    #[test]
    fn no_inputs_no_threads_no_output() {
        let mut calls = 0;
        Batch { jobs: 4, progress: false }
            .run(
                &[0u8; 0],
                |_| (),
                |_, _| {
                    calls += 1;
                    Ok(())
                },
            )
            .unwrap();
        assert_eq!(calls, 0);
    }
}
