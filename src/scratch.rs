//! Buffers reused from one analysis to the next: the tables as long as the text (the matchable view's
//! decoded characters, the figure scan's characters and byte offsets). Allocated afresh for every
//! report, they went back to the system when it was done and were taken again, page by page, by the
//! next (natively ~6% of an analysis: the same run with the allocator told to keep its memory was that
//! much faster). Each thread keeps a few between analyses — the CLI's workers, the page's calls —
//! up to [`KEEP_MAX`] elements each; longer ones are freed as before.
//!
//! This serves the library's users on the system allocator. The CLI and the benches run on mimalloc,
//! which keeps its memory itself: there the reuse gains nothing (paired A/B 0.999), and in wasm,
//! whose allocator never returns memory, neither.

use std::cell::Cell;
use std::thread::LocalKey;

/// Capacity (elements) above which a buffer is not kept: 4 Mi, 16 MB of `u32`s or `char`s (a 12 MB
/// report; typical ones need a hundredth of it).
const KEEP_MAX: usize = 1 << 22;
/// Buffers of each type kept per thread (an analysis uses at most two `u32` and one `char` at once).
const KEEP: usize = 3;

type Pool<T> = Cell<Vec<Vec<T>>>;

thread_local! {
    static U32: Pool<u32> = const { Cell::new(Vec::new()) };
    static CHARS: Pool<char> = const { Cell::new(Vec::new()) };
}

/// An empty vector of `u32`s with room for `capacity`, reused when the thread has one.
pub(crate) fn u32s(capacity: usize) -> Vec<u32> {
    take(&U32, capacity)
}

/// An empty vector of `char`s with room for `capacity`, reused when the thread has one.
pub(crate) fn chars(capacity: usize) -> Vec<char> {
    take(&CHARS, capacity)
}

/// Give a vector back for reuse.
pub(crate) fn give_u32s(v: Vec<u32>) {
    give(&U32, v);
}

/// Give a vector back for reuse.
pub(crate) fn give_chars(v: Vec<char>) {
    give(&CHARS, v);
}

fn take<T: 'static>(pool: &'static LocalKey<Pool<T>>, capacity: usize) -> Vec<T> {
    // `try_with`: during a thread's teardown the pool may be gone; then it is a plain allocation.
    let reused = pool
        .try_with(|p| {
            let mut kept = p.take();
            let v = kept.pop();
            p.set(kept);
            v
        })
        .ok()
        .flatten();
    let mut v = reused.unwrap_or_default();
    v.clear();
    v.reserve(capacity);
    v
}

fn give<T: 'static>(pool: &'static LocalKey<Pool<T>>, mut v: Vec<T>) {
    if v.capacity() == 0 || v.capacity() > KEEP_MAX {
        return;
    }
    v.clear();
    let _ = pool.try_with(|p| {
        let mut kept = p.take();
        if kept.len() < KEEP {
            kept.push(v);
        }
        p.set(kept);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Buffers the thread's pool holds.
    fn kept<T: 'static>(pool: &'static LocalKey<Pool<T>>) -> usize {
        pool.with(|p| {
            let k = p.take();
            let n = k.len();
            p.set(k);
            n
        })
    }

    #[test]
    fn reuses_a_given_buffer_empty_and_with_room() {
        // A thread of its own: other tests' analyses share the pools of theirs.
        std::thread::spawn(|| {
            let mut v = u32s(1000);
            assert!(v.is_empty() && v.capacity() >= 1000);
            v.extend(0..1000);
            let ptr = v.as_ptr();
            give_u32s(v);
            let again = u32s(10);
            assert!(again.is_empty(), "reused buffers come back empty");
            assert_eq!(again.as_ptr(), ptr, "the buffer given back is reused");
            // More room than the kept buffer has: it grows.
            give_u32s(again);
            assert!(u32s(5000).capacity() >= 5000);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn keeps_few_and_not_huge_buffers() {
        std::thread::spawn(|| {
            for _ in 0..10 {
                give_chars(Vec::with_capacity(100));
            }
            assert_eq!(kept(&CHARS), KEEP);
            give_u32s(Vec::with_capacity(KEEP_MAX + 1));
            assert_eq!(kept(&U32), 0, "a buffer above the cap is freed");
        })
        .join()
        .unwrap();
    }
}
