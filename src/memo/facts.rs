//! What the analysis says about the report, read back for the memo: where each required part is (a
//! heading's whole section, or the body text found), the causes, the measures' sections, figures by
//! region. The analysis carries these as checklist evidence and sections; nothing is analysed again.

use crate::model::{Analysis, DocKind, FigureKind, ItemResult, Part, Section, Span, Status};

/// How a required part stands.
#[derive(Debug, Clone, PartialEq)]
pub enum PartState {
    /// Under a heading: the headings (marker and title) and their sections.
    Heading(Vec<Region>),
    /// Only in body text: the passages found.
    Body(Vec<Region>),
    Missing,
    /// A custom checklist that does not track the part.
    Unknown,
}

/// A part's place: what to quote (`anchor`: the heading, or the passage) and what it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub anchor: Span,
    pub span: Span,
}

pub struct Facts<'a> {
    pub a: &'a Analysis,
    pub text: &'a str,
}

/// The report year before which R3 and the causes were not required (the score's rule).
const LAST_LENIENT_YEAR: i32 = 2018;

impl<'a> Facts<'a> {
    pub fn new(a: &'a Analysis, text: &'a str) -> Self {
        Facts { a, text }
    }

    pub fn is_report(&self) -> bool {
        self.a.meta.kind != DocKind::Other
    }

    /// A report year before 2019: R3 and the causes are not asked for.
    pub fn lenient(&self) -> bool {
        self.a.meta.year.is_some_and(|y| y <= LAST_LENIENT_YEAR)
    }

    pub fn item(&self, id: &str) -> Option<&'a ItemResult> {
        self.a.checklist.items.iter().find(|i| i.id == id)
    }

    /// The text of a span, if it is one of the text.
    pub fn slice(&self, span: Span) -> Option<&'a str> {
        self.text.get(span.range())
    }

    /// The section a heading evidence stands for (it starts where the section does).
    fn section_at(&self, start: usize) -> Option<&'a Section> {
        self.a.sections.iter().find(|s| s.span.start == start)
    }

    /// Where part `id` (`R1`…`R4`) is: from the checklist item of that id (the built-in checklists),
    /// else from the top-level sections that carry the part.
    pub fn part(&self, id: &str) -> PartState {
        let Some(item) = self.item(id) else {
            let part = match id {
                "R1" => Part::R1,
                "R2" => Part::R2,
                "R3" => Part::R3,
                _ => Part::R4,
            };
            let heads: Vec<Region> = self
                .a
                .sections
                .iter()
                .filter(|s| s.part == Some(part))
                .map(|s| Region { anchor: Span::new(s.span.start, s.title_span.end), span: s.span })
                .collect();
            return if heads.is_empty() { PartState::Unknown } else { PartState::Heading(heads) };
        };
        let regions = |heading: bool| -> Vec<Region> {
            item.evidence
                .iter()
                .filter(|e| e.heading == heading)
                .map(|e| {
                    let span = if heading { self.section_at(e.span.start).map_or(e.span, |s| s.span) } else { e.span };
                    Region { anchor: Span::new(e.span.start, e.span.end), span: Span::new(span.start, span.end) }
                })
                .collect()
        };
        match item.status {
            Status::Missing => PartState::Missing,
            Status::NotApplicable => PartState::Unknown,
            _ if item.evidence.iter().any(|e| e.heading) => PartState::Heading(regions(true)),
            _ => PartState::Body(regions(false)),
        }
    }

    /// The regions of a part, wherever it is.
    pub fn regions(&self, id: &str) -> Vec<Region> {
        match self.part(id) {
            PartState::Heading(r) | PartState::Body(r) => r,
            _ => Vec::new(),
        }
    }

    /// The sentences giving the causes of the shortcomings: `None` when the checklist does not track
    /// them.
    pub fn causes(&self) -> Option<Vec<Span>> {
        let item = self.item("R2C")?;
        Some(item.evidence.iter().map(|e| Span::new(e.span.start, e.span.end)).collect())
    }

    /// The ranges the measures (R1) fill: its headed sections, else the whole text (as the score
    /// counts figures).
    pub fn measure_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut r: Vec<_> = match self.part("R1") {
            PartState::Heading(regions) => regions.iter().map(|g| g.span.range()).collect(),
            _ => Vec::new(),
        };
        if r.is_empty() {
            r.push(0..self.text.len());
        }
        r
    }

    /// Figures inside any of `ranges`.
    pub fn figures_in<'r>(
        &self,
        ranges: &'r [std::ops::Range<usize>],
    ) -> impl Iterator<Item = &'a crate::model::Figure> + 'r
    where
        'a: 'r,
    {
        self.a.figures.iter().filter(move |f| ranges.iter().any(|r| r.contains(&f.span.start)))
    }

    /// Figures that measure (a count, a rate, an amount…) rather than date the text: a date counts when
    /// it names a month (a time limit: `6月底前`, `9月30日前`), not a bare year (`2023年`) nor the date the
    /// report was signed or published.
    pub fn is_measure(&self, f: &crate::model::Figure) -> bool {
        if f.kind != FigureKind::Date {
            return true;
        }
        let own = |d: &Option<String>| d.as_deref().is_some_and(|d| d.replace('-', "").parse::<f64>() == Ok(f.value));
        !(f.value as u64 / 100).is_multiple_of(100) && !own(&self.a.meta.signed) && !own(&self.a.meta.published)
    }

    /// The innermost section holding byte `at`, as `marker title` (a long title cut). An inline item
    /// (`一是…`) names the place only on its own line: its extent runs on over the paragraphs after it.
    pub fn section_label(&self, at: usize) -> Option<String> {
        let s = self.a.sections.iter().rev().find(|s| {
            s.span.start <= at
                && at < s.span.end.max(s.span.start + 1)
                && (s.style != "cn_shi" || !self.text.get(s.span.start..at).is_some_and(|t| t.contains('\n')))
        })?;
        Some(heading_label(s))
    }

    /// The sections inside `range` that are the shallowest there (a part's own items: `(一)`…`(六)`
    /// under 三、存在的问题, or 一是…五是 in a paragraph), not counting the section the range is.
    pub fn items_in(&self, range: std::ops::Range<usize>) -> Vec<&'a Section> {
        let inside: Vec<&Section> = self
            .a
            .sections
            .iter()
            .filter(|s| range.contains(&s.span.start) && !(s.span.start == range.start && s.span.end == range.end))
            .collect();
        let Some(top) = inside.iter().map(|s| s.depth).min() else { return Vec::new() };
        inside.into_iter().filter(|s| s.depth == top).collect()
    }
}

/// `marker title` of a section (the repaired marker when scraping damaged it), the title cut at 30
/// characters.
pub fn heading_label(s: &Section) -> String {
    let marker = s.repaired_marker.as_deref().unwrap_or(&s.marker);
    let title: String = s.title.chars().take(30).collect();
    let cut = if title.len() < s.title.len() { "…" } else { "" };
    format!("{marker}{title}{cut}")
}
