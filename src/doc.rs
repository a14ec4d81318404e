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
        let furniture = crate::furniture::classify(text, &lines);
        Doc {
            text,
            matchable: crate::normalize::Matchable::new(text),
            lines,
            furniture,
            heading_hints: Vec::new(),
            cue_words: std::sync::OnceLock::new(),
        }
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
}

#[cfg(test)]
mod tests {
    /// A document can be shared between threads (the CLI's batch, a library user's pool).
    #[test]
    fn doc_is_send_and_sync() {
        fn both<T: Send + Sync>() {}
        both::<super::Doc<'static>>();
    }
}
