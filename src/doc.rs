//! The prepared document every stage reads: the text, its lines with byte offsets, and which lines
//! are page furniture.

use std::ops::Range;

use crate::model::{Furniture, Span};
use crate::text::{lines, trim_range, Line};

pub struct Doc<'a> {
    pub text: &'a str,
    /// The text as matching sees it (simplified, pinyin glosses dropped), mapping back to `text`.
    pub matchable: crate::normalize::Matchable<'a>,
    pub lines: Vec<Line>,
    /// Furniture kind of each line, `None` for report text.
    pub furniture: Vec<Option<&'static str>>,
    /// Paragraphs the source marks as headings (Word's heading styles), by start offset.
    pub heading_hints: Vec<crate::decode::HeadingHint>,
    /// Where the outline's recorded words (its body cues' words, the inline-item openers, the score's
    /// case words) occur in the matchable text: (start, word index), by start. Filled by whichever
    /// asks first, the checklist's scan of the body text (which looks for these words in the same
    /// pass) or the outline. (A `OnceLock`, not a `OnceCell`, so that a `Doc` stays `Sync`.)
    pub(crate) cue_words: std::sync::OnceLock<Vec<(usize, u8)>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Self {
        let lines = lines(text);
        let matchable = crate::normalize::Matchable::new(text);
        let furniture = crate::furniture::classify(text, &lines, &matchable);
        Doc { text, matchable, lines, furniture, heading_hints: Vec::new(), cue_words: std::sync::OnceLock::new() }
    }

    /// A document whose source marked some paragraphs as headings.
    pub fn with_hints(text: &'a str, heading_hints: Vec<crate::decode::HeadingHint>) -> Self {
        Doc { heading_hints, ..Doc::new(text) }
    }

    /// The heading level the source gave the paragraph starting at `at`, if any.
    pub fn hint_at(&self, at: usize) -> Option<u8> {
        self.heading_hints.iter().find(|h| h.start == at).map(|h| h.level)
    }

    /// Report lines (not furniture, not blank), trimmed, with their line index.
    pub fn content_lines(&self) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        self.lines.iter().enumerate().filter_map(move |(i, l)| {
            if self.furniture[i].is_some() {
                return None;
            }
            let r = trim_range(self.text, l.range());
            (!r.is_empty()).then_some((i, r))
        })
    }

    /// Sorted byte ranges of furniture lines where no figure may start. The page's own metadata lines
    /// (发布日期 2022-03-05) stay open: their dates are figures by the conventions of figures.md, and the
    /// figure rules already refuse the identifiers there (索引号, 文号).
    pub fn excluded_ranges(&self) -> Vec<Range<usize>> {
        self.lines
            .iter()
            .zip(&self.furniture)
            .filter(|(_, k)| k.is_some_and(|k| k != "page_meta"))
            .map(|(l, _)| l.range())
            .collect()
    }

    pub fn furniture_items(&self) -> Vec<Furniture> {
        self.lines
            .iter()
            .zip(&self.furniture)
            .filter_map(|(l, k)| {
                let r = trim_range(self.text, l.range());
                k.map(|kind| Furniture { kind: kind.to_string(), span: Span::new(r.start, r.end) })
            })
            .collect()
    }

    /// Index of the line holding byte `at`.
    pub fn line_of(&self, at: usize) -> usize {
        self.lines.partition_point(|l| l.end < at).min(self.lines.len().saturating_sub(1))
    }

    pub fn is_furniture_at(&self, at: usize) -> bool {
        !self.lines.is_empty() && self.furniture[self.line_of(at)].is_some()
    }

    /// The sentence around byte `at` (a char boundary), trimmed: [`crate::text::sentence_around`], by
    /// the sentence-end marks the matchable pass made ([`crate::figures::norm::Marks::ends`]) when it
    /// made them (a search of the bytes, which stopped at every `，`, `、` and `：` on the way, took 2.3%
    /// of an analysis natively for the checklist's sentences).
    ///
    /// `cursor` is a character position to search from ([`crate::normalize::seek`]: callers going
    /// through the text in order keep it; 0 at first).
    pub fn sentence_around(&self, at: usize, cursor: &mut usize) -> Range<usize> {
        let Some((_, offsets, marks)) = self.matchable.figure_view() else {
            return crate::text::sentence_around(self.text, at);
        };
        // The character at `at`, and the text's length after the last one.
        let n = offsets.len() - 1;
        let k = crate::normalize::seek(&offsets[..n], at, cursor);
        let after = |j: usize| offsets[j + 1] as usize;
        let start = crate::figures::norm::prev_mark(&marks.ends, k).map_or(0, after);
        let j = crate::figures::norm::next_mark(&marks.ends, k, n);
        let end = match offsets.get(j).map(|&o| o as usize) {
            // A line break ends the sentence before it; a mark ends it after.
            Some(o) if matches!(self.text.as_bytes().get(o), Some(b'\n' | b'\r')) => o,
            Some(_) if j < n => after(j),
            _ => self.text.len(),
        };
        trim_range(self.text, start..end)
    }
}

#[cfg(test)]
mod tests {
    /// By the marks, the sentences are those of the character search that defines them: at every
    /// boundary of mixes of the sentence ends, their look-alikes (`﹔`, `｡`, `U+2028`), full-width and
    /// Traditional forms, a character beyond the BMP; and with a pinyin gloss (no marks: the search
    /// itself), from cursors before and past the position.
    #[test]
    fn sentence_around_by_marks_is_the_character_search() {
        let pieces = [
            "依法", "。", "！", "？", "；", "!", "?", ";", "\n", "\r", " ", "\u{3000}", "、", "，", "𠀀", "ｂ", "１",
            "﹔", "｡", "\u{2028}", "﹗", "領", "（", "(", "a",
        ];
        for (n, s) in crate::text::random_mixes(&pieces, 1500, 14, 5).into_iter().enumerate() {
            let s = if n % 50 == 0 { format!("{s}領(lǐng)導{s}") } else { s };
            let doc = super::Doc::new(&s);
            assert_eq!(doc.matchable.figure_view().is_some(), !s.contains("(lǐng)"), "{s:?}");
            for at in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                let mut cursor = at % 5;
                assert_eq!(doc.sentence_around(at, &mut cursor), crate::text::sentence_around(&s, at), "{s:?} at {at}");
            }
        }
    }

    /// A document can be shared between threads (the CLI's batch, a library user's pool).
    #[test]
    fn doc_is_send_and_sync() {
        fn both<T: Send + Sync>() {}
        both::<super::Doc<'static>>();
    }
}
