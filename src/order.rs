//! Sorting through one shared routine. Every call site reduces its elements to a `u64` key; the keys
//! (with the element's index, which makes the order stable) are sorted as `u128`s by a single
//! instantiation of the standard sort, then the elements are permuted in place. The standard
//! `sort_by_key` is instantiated afresh for every element type and closure (about 1.6 KB of wasm each,
//! 112 KB in all before this module); this keeps one.

/// Sort `v` by `key`, stably (equal keys keep their order).
pub fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> u64) {
    if v.len() < 2 {
        return;
    }
    let mut keys: Vec<u128> = v.iter().enumerate().map(|(i, x)| (u128::from(key(x)) << 64) | i as u128).collect();
    sort_keys(&mut keys);
    // Position `i` takes the element now at `from(i)`, the index in the low half of its key; follow
    // each cycle of the permutation once. The sorted keys are needed no more: a visited position's
    // key is marked in its high half (one allocation per sort instead of three).
    let from = |k: u128| k as u64 as usize;
    for start in 0..v.len() {
        let mut i = start;
        while keys[i] & DONE == 0 {
            let j = from(keys[i]);
            keys[i] |= DONE;
            if j == start {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

/// Sort and remove repeats.
pub fn sort_dedup<T: PartialEq>(v: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    sort_by_key(v, key);
    v.dedup();
}

/// Two offsets (below 4 GiB; inputs are limited to 64 MiB) as one key ordering by `hi`, then `lo`.
pub fn pair(hi: usize, lo: usize) -> u64 {
    ((hi as u64) << 32) | (lo as u64 & 0xFFFF_FFFF)
}

/// Marks a position of the permutation as visited.
const DONE: u128 = 1 << 127;

/// Sort the keys, then keep only their indices (the low halves), leaving the high halves free for
/// [`DONE`]. One instantiation for every call site.
#[inline(never)]
fn sort_keys(keys: &mut [u128]) {
    keys.sort_unstable();
    keys.iter_mut().for_each(|k| *k = u128::from(*k as u64));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        // Pseudo-random keys with many ties, several lengths (cycles of every shape).
        let mut seed = 7u64;
        for n in [0usize, 1, 2, 3, 10, 100, 1000] {
            let v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 33) % 17, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std = v.clone();
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn sorts_strings_by_pair_keys_and_dedups() {
        let mut v = vec![(3, 1), (1, 9), (3, 0), (1, 9), (0, 5)];
        sort_dedup(&mut v, |&(a, b)| pair(a, b));
        assert_eq!(v, [(0, 5), (1, 9), (3, 0), (3, 1)]);
        let mut words = vec!["三个字", "一", "四个字的", "两字"];
        sort_by_key(&mut words, |w| u64::MAX - w.len() as u64);
        assert_eq!(words, ["四个字的", "三个字", "两字", "一"]);
    }
}
