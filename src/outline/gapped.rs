//! Words in order with bounded gaps inside a sentence: what the outline's body cues look for
//! (`存在…问题`, at most 20 characters between, none of them `。`). A cue is a few such sequences;
//! matching it is a search for the leftmost start of any of them, the regex `A[^。]{0,n}B|…` without
//! a regex engine (regex-lite, which has no literal prefilter, ran its NFA over every candidate
//! sentence: 3% of the native instructions, 3–4% of the wasm time). The regexes they stand for are kept
//! in the tests as their reference.

/// One step of a sequence: one of `words`, then at most `gap` characters other than `。` before the
/// next step (the last step's gap is unused).
pub struct Step {
    pub words: &'static [&'static str],
    pub gap: usize,
}

/// Words in order: a match is a word of each step, in order, with at most the step's gap between.
pub type Seq = &'static [Step];

/// The leftmost byte offset in `s` where one of `seqs` matches.
pub fn find(seqs: &[Seq], s: &str) -> Option<usize> {
    let mut best: Option<usize> = None;
    for seq in seqs {
        let Some((first, rest)) = seq.split_first() else { continue };
        for w in first.words {
            let mut from = 0;
            while let Some(p) = crate::text::find(s, w, from) {
                if best.is_some_and(|b| p >= b) {
                    break;
                }
                if follows(rest, s, p + w.len(), first.gap) {
                    best = Some(p);
                    break;
                }
                // The next occurrence may overlap this one: search on from the next character.
                from = p + s[p..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    best
}

/// Whether `steps` match from byte `at` of `s`, after at most `gap` characters other than `。`.
fn follows(steps: &[Step], s: &str, mut at: usize, gap: usize) -> bool {
    let Some((step, rest)) = steps.split_first() else { return true };
    for _ in 0..=gap {
        let tail = &s[at..];
        if step.words.iter().any(|w| tail.starts_with(w) && follows(rest, s, at + w.len(), step.gap)) {
            return true;
        }
        match tail.chars().next() {
            Some(c) if c != '。' => at += c.len_utf8(),
            _ => break,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEQS: &[Seq] = &[
        &[Step { words: &["存在", "仍有"], gap: 3 }, Step { words: &["问题"], gap: 0 }],
        &[Step { words: &["但"], gap: 2 }, Step { words: &["有待"], gap: 1 }, Step { words: &["等问题"], gap: 0 }],
        &[Step { words: &["述法"], gap: 0 }],
    ];

    #[test]
    fn leftmost_start_with_gaps_counted_in_characters() {
        assert_eq!(find(SEQS, "存在问题"), Some(0));
        assert_eq!(find(SEQS, "还存在一些问题"), Some(3));
        assert_eq!(find(SEQS, "存在一些小问题"), Some(0));
        assert_eq!(find(SEQS, "存在一些些小问题"), None, "gap of 4 characters");
        assert_eq!(find(SEQS, "存在一。问题"), None, "a sentence end in the gap");
        assert_eq!(find(SEQS, "仍有存在x问题"), Some(0), "the leftmost start, not the first word's");
        assert_eq!(find(SEQS, "但ab有待c等问题"), Some(0));
        assert_eq!(find(SEQS, "但ab有待cd等问题"), None);
        assert_eq!(find(SEQS, "但但但有待等问题"), Some(0), "a later occurrence of the first word");
        assert_eq!(find(SEQS, "开展述法"), Some(6));
        assert_eq!(find(SEQS, ""), None);
    }

    #[test]
    fn agrees_with_the_regex_it_stands_for() {
        let re = regex_lite::Regex::new(r"(存在|仍有)[^。]{0,3}问题|但[^。]{0,2}有待[^。]{0,1}等问题|述法").unwrap();
        let pieces = ["存在", "仍有", "问题", "但", "有待", "等问题", "述法", "。", "一", "x", "等", "😀"];
        for s in crate::text::random_mixes(&pieces, 5000, 12, 7) {
            assert_eq!(find(SEQS, &s), re.find(&s).map(|m| m.start()), "{s}");
        }
    }
}
