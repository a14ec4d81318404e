//! Outline: headings recovered from the numbering (also when scraping damaged it), their depth and
//! extent, numbering defects, and the required parts R1–R5 each top-level section carries or the body
//! text holds.

#[cfg(test)]
mod cases;
mod gapped;
pub mod markers;
pub mod parts;
mod unnumbered;

use crate::doc::Doc;
use crate::model::{Defect, Part, Section, Span};
use crate::text::{char_before, is_space};
use markers::{Marker, Style};

/// A required part found in the report: as a top-level section, or in body text.
#[derive(Debug, Clone, PartialEq)]
pub struct PartFound {
    pub part: Part,
    pub span: Span,
    /// What to show as evidence: the heading (marker and title) or the sentence/paragraph found.
    pub anchor: Span,
    /// True when a heading carries the part, false when found in body text.
    pub heading: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub sections: Vec<Section>,
    pub defects: Vec<Defect>,
    /// Every part found, in text order.
    pub parts: Vec<PartFound>,
    /// Sentences analysing the causes of the problems (R2's second half).
    pub causes: Vec<Span>,
    /// Where the report's text ends (the last content byte), for section extents.
    pub text_end: usize,
}

impl Outline {
    pub fn part(&self, part: Part) -> impl Iterator<Item = &PartFound> {
        self.parts.iter().filter(move |p| p.part == part)
    }
}

/// A heading before depths are known.
#[derive(Debug, Clone)]
struct Candidate {
    at: usize,
    marker: Marker,
    /// End of the line (or paragraph) holding the heading.
    line_end: usize,
    /// Line-start heading (false: inside a paragraph, after a sentence end).
    line_start: bool,
    /// The line before ends mid-sentence: a marker here may be a number the page split off.
    after_cut: bool,
}

pub fn extract(doc: &Doc, year: Option<i32>) -> Outline {
    let text = doc.text;
    let lines: Vec<std::ops::Range<usize>> = doc.content_lines().map(|(_, r)| r).collect();
    // A text with no line breaks (or almost none): headings stand inline after sentence ends.
    // A text with no line breaks (or almost none: an attachment's text, or a page that lost them):
    // headings stand inline after sentence ends.
    let run_together = lines.len() <= 5 && lines.iter().any(|r| r.len() > RUN_TOGETHER_BYTES);
    let mut cands = Vec::new();
    // Unnumbered candidates that need their neighbours: run-in heads (kept in groups of two or more
    // consecutive paragraphs) and group lines (kept where no part is numbered).
    let mut leads: Vec<(usize, Candidate)> = Vec::new();
    let mut group_lines: Vec<Candidate> = Vec::new();
    let plain = Marker { style: Style::Plain, number: None, len: 0, damaged: false };
    for (k, r) in lines.iter().enumerate() {
        let line = &text[r.clone()];
        let after_cut = k > 0 && ends_mid_sentence(&text[lines[k - 1].clone()]);
        let at = |marker| Candidate { at: r.start, marker, line_end: r.end, line_start: true, after_cut };
        let items = if parts::may_open_items(doc, r) { inline_items(text, r.clone()) } else { Vec::new() };
        let opens_with_items = items.first().is_some_and(|c| c.at == r.start);
        if let Some(m) = markers::parse(line, true).filter(|_| !opens_with_items) {
            cands.push(at(m));
        } else if is_styled_heading(doc, r.start, line) || is_unnumbered_heading(text, &lines, k, year) {
            cands.push(at(plain.clone()));
        } else if let Some(g) = group_line_at(text, &lines, k) {
            group_lines.push(Candidate { at: g, marker: plain.clone(), line_end: r.end, line_start: true, after_cut });
        } else if !opens_with_items && unnumbered::lead_head(line).is_some() {
            leads.push((k, at(Marker { style: Style::Lead, number: None, len: 0, damaged: false })));
        }
        let before = cands.len();
        inline_candidates(text, r.clone(), run_together, &mut cands);
        if run_together {
            first_subheadings(text, &mut cands, before.saturating_sub(1));
        }
        // Items and in-paragraph headings of one paragraph, in text order.
        cands.extend(items);
        crate::order::sort_by_key(&mut cands[before..], |c| c.at as u64);
    }
    let numbered_parts = cands.iter().any(|c| c.line_start && matches!(c.marker.style, Style::CnDun | Style::Chapter));
    if numbered_parts {
        // Under numbered parts, only a line of two phrases (`坚持高位推动 责任不断强化`) heads a group:
        // one level below the heading above it.
        let two_phrases = |c: &Candidate| unnumbered::two_phrases(&text[c.at..c.line_end]);
        cands.extend(group_lines.into_iter().filter(two_phrases).map(|mut c| {
            c.marker.style = Style::Lead;
            c
        }));
    } else {
        cands.extend(group_lines);
    }
    keep_lead_groups(leads, &mut cands);
    crate::order::sort_by_key(&mut cands, |c| c.at as u64);
    let cands = keep_item_groups(cands);
    let cands = keep_inline_sequences(cands);
    let cands = drop_split_numbers(text, cands);

    let text_end = doc.content_lines().last().map(|(_, r)| r.end).unwrap_or(0);
    let mut sections = Vec::with_capacity(cands.len());
    let mut stack: Vec<Style> = Vec::new();
    let mut defects = Vec::new();
    for c in &cands {
        let style = c.marker.style;
        if let Some(pos) = stack.iter().position(|&s| s == style) {
            stack.truncate(pos + 1);
        } else {
            let mut popped = None;
            while stack.last().is_some_and(|&top| top > style) {
                popped = stack.pop();
            }
            // A numbered level that should sit above an earlier one (`(一)` after `1.` under `一、`).
            let numbered = |s: Style| !matches!(s, Style::Plain | Style::Lead | Style::CnShi);
            if let Some(deeper) = popped.filter(|&d| numbered(style) && numbered(d)) {
                let (m, end) =
                    (&text[c.at..c.at + c.marker.len], title_of(text, c.at + c.marker.len, c.line_end).0.end);
                defects.push(Defect {
                    kind: "level_order".into(),
                    message: format!("层级顺序异常：“{m}”一级出现在“{}”一级之后", deeper.render(1)),
                    span: Span::new(c.at, end),
                });
            }
            stack.push(style);
        }
        let depth = stack.len() as u8;
        let (title, run_in) = title_of(text, c.at + c.marker.len, c.line_end);
        sections.push(Section {
            depth,
            marker: text[c.at..c.at + c.marker.len].to_string(),
            repaired_marker: None,
            number: c.marker.number,
            style: style.id().to_string(),
            title: text[title.clone()].to_string(),
            title_span: Span::new(title.start, title.end),
            run_in,
            part: None,
            span: Span::new(c.at, text_end),
        });
    }
    // A section ends where the next one of its depth or shallower starts: one pass from the end,
    // remembering the nearest start at each depth.
    let max_depth = sections.iter().map(|s| s.depth as usize).max().unwrap_or(0);
    let mut next_start: Vec<Option<usize>> = vec![None; max_depth + 1];
    for i in (0..sections.len()).rev() {
        let d = sections[i].depth as usize;
        if let Some(end) = next_start[1..=d].iter().flatten().min() {
            sections[i].span.end = trim_end(text, sections[i].span.start, *end);
        }
        next_start[d] = Some(sections[i].span.start);
    }
    repair_and_check_numbers(&mut sections, &cands, &mut defects);
    let mut outline = Outline { sections, defects, parts: Vec::new(), causes: Vec::new(), text_end };
    parts::classify(doc, year, &mut outline);
    outline
}

/// An unnumbered paragraph the source styles as a top heading (Heading 1/2), short, and not the title.
fn is_styled_heading(doc: &Doc, at: usize, line: &str) -> bool {
    let trimmed = line.trim_end_matches(['。', '：', ':']);
    doc.hint_at(at).is_some_and(|level| level <= 2)
        && trimmed.chars().nth(40).is_none()
        && !trimmed.contains(['。', '，', ','])
        && !crate::meta::is_title(&crate::normalize::simplify(trimmed))
}

/// Headings inside a paragraph, right after a sentence end: `(1)` items (seed 002's run-in sub-items),
/// and in a text without line breaks every numbered style.
fn inline_candidates(text: &str, r: std::ops::Range<usize>, all_styles: bool, out: &mut Vec<Candidate>) {
    let line = &text[r.clone()];
    let mut try_at = |i: usize| {
        let prev = line[..i].trim_end_matches(is_space).chars().next_back();
        if i == 0 || !matches!(prev, Some('。' | '；' | ';' | '：' | ':' | '！' | '？')) {
            return;
        }
        if let Some(m) = markers::parse(&line[i..], false) {
            if m.style == Style::ArabicParen || all_styles && m.style != Style::CnShi {
                out.push(Candidate {
                    at: r.start + i,
                    marker: m,
                    line_end: r.end,
                    line_start: false,
                    after_cut: false,
                });
            }
        }
    };
    if all_styles {
        // Every numbered style: at `(`, a digit or any non-ASCII character.
        line.char_indices()
            .filter(|&(_, c)| !c.is_ascii() || c == '(' || c.is_ascii_digit())
            .for_each(|(i, _)| try_at(i));
    } else {
        // `(` or `（` (whose lead byte EF memchr2 finds): a per-character loop was 1.3% of an analysis.
        memchr::memchr2_iter(b'(', 0xEF, line.as_bytes())
            .filter(|&i| line[i..].starts_with(['(', '（']))
            .for_each(try_at);
    }
}

/// In a text without line breaks, a heading's first subheading may follow its title with no sentence
/// end between (`二、主要做法(一)加强…`, `…主要举措和成效 (一)…`): the marker numbered 1 of a deeper style
/// right after the title of a heading from `from` on is a heading too.
fn first_subheadings(text: &str, cands: &mut Vec<Candidate>, from: usize) {
    let mut k = from;
    while k < cands.len() {
        let c = &cands[k];
        let (title, _) = title_of(text, c.at + c.marker.len, c.line_end);
        let after = &text[title.end..c.line_end];
        let at = title.end + after.len() - after.trim_start_matches(is_space).len();
        let sub = markers::parse(&text[at..c.line_end], false)
            .filter(|m| m.number == Some(1) && m.style > c.marker.style && m.style < Style::Lead);
        if let Some(m) = sub {
            if !cands.iter().any(|x| x.at == at) {
                let line_end = c.line_end;
                cands.insert(k + 1, Candidate { at, marker: m, line_end, line_start: false, after_cut: false });
            }
        }
        k += 1;
    }
}

/// An inline enumeration `一是…二是…三是…` (or `一要…二要…`) inside a paragraph: two or more items in
/// sequence, the first at the paragraph start or after a sentence end; the next may follow glued to
/// the text when scraping lost the punctuation (`3.5万余人次二是加强…`).
fn inline_items(text: &str, r: std::ops::Range<usize>) -> Vec<Candidate> {
    let para = &text[r.clone()];
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    let mut search = 0;
    let mut verb: Option<&str> = None;
    let mut n = 1u32;
    let mut pat = String::new();
    while n <= 30 {
        let hit = ["是", "要"]
            .iter()
            .filter(|v| verb.is_none_or(|x| x == **v))
            .filter_map(|v| {
                pat.clear();
                markers::push_cn_numeral(&mut pat, n);
                pat.push_str(v);
                crate::text::find(para, &pat, search).map(|i| (i, pat.len(), *v))
            })
            .min_by_key(|h| h.0);
        let Some((pos, len, v)) = hit else { break };
        let real = markers::parse(&para[pos..], false).is_some_and(|m| m.style == Style::CnShi && m.number == Some(n));
        let opens = pos == 0
            || matches!(
                para[..pos].trim_end_matches(is_space).chars().next_back(),
                Some('。' | '；' | ';' | '：' | ':' | '！' | '？')
            );
        if real && (n > 1 || opens) {
            found.push((pos, len, n));
            verb = Some(v);
            n += 1;
        } else if n > 1 && !real {
            // `十二是` inside a word: look further for this number.
        }
        search = pos + len;
    }
    // A lone item opening a paragraph is a paragraph head (the line-start rules decide); a lone one
    // inside a paragraph is an enumeration whose later markers were lost.
    if found.is_empty() || found.len() == 1 && found[0].0 == 0 {
        return Vec::new();
    }
    (0..found.len())
        .map(|k| {
            let (pos, len, n) = found[k];
            let end = found.get(k + 1).map(|x| r.start + x.0).unwrap_or(r.end);
            let marker = Marker { style: Style::CnShi, number: Some(n), len, damaged: false };
            Candidate { at: r.start + pos, marker, line_end: end, line_start: false, after_cut: false }
        })
        .collect()
}

/// The line stops mid-sentence (a paragraph the page cut): its last character is not a sentence end.
fn ends_mid_sentence(line: &str) -> bool {
    line.chars().nth(30).is_some()
        && line.trim_end_matches(is_space).chars().next_back().is_some_and(|c| {
            !matches!(c, '。' | '：' | ':' | '；' | ';' | '！' | '!' | '？' | '?' | '”' | '）' | ')' | '」' | '…')
        })
}

/// An unnumbered line that announces a required part (`存在的问题和不足`, `2023年工作安排`, `主要举措和成效`)
/// above a body paragraph: short, no sentence inside, not the title, the addressee or a signature.
fn is_unnumbered_heading(text: &str, lines: &[std::ops::Range<usize>], k: usize, year: Option<i32>) -> bool {
    let full = text[lines[k].clone()].trim_end_matches(is_space);
    // A lead-in to a list (`存在的问题主要有：`, `具体情况如下：`) is no heading.
    if full.ends_with(['：', ':']) && full.trim_end_matches(['：', ':']).ends_with(['有', '下', '在', '为', '是', '括'])
    {
        return false;
    }
    let line = full.trim_end_matches(['。', '：', ':']);
    // Counted only as far as the bounds need (a paragraph is thousands of characters).
    let n = line.chars().take(26).count();
    if !(4..=25).contains(&n) || k + 3 >= lines.len() || line.contains(['。', '，', ',', '；', ';', '：', ':']) {
        return false;
    }
    let next = &text[lines[k + 1].clone()];
    if next.chars().nth(39).is_none() || k > 0 && ends_mid_sentence(&text[lines[k - 1].clone()]) {
        return false;
    }
    let simple = crate::normalize::simplify(line);
    if crate::meta::is_title(&simple) {
        return false;
    }
    parts::classify_title(&simple, year).is_some()
        || crate::meta::contains_any(&simple, &["举措", "成效", "主要做法", "工作情况", "主要工作"])
}

/// Lines longer than this, in a text of five lines or fewer, are a text that lost its line breaks.
const RUN_TOGETHER_BYTES: usize = 600;

/// Where a group line starts (see [`unnumbered::group_line`]): its line's start, or the start of its
/// first half when the page glued that to the end of the paragraph above.
fn group_line_at(text: &str, lines: &[std::ops::Range<usize>], k: usize) -> Option<usize> {
    let (prev, next) = (lines.get(k.checked_sub(1)?)?, lines.get(k + 1)?);
    let (p, line) = (&text[prev.clone()], &text[lines[k].clone()]);
    if !unnumbered::group_line(line, p, &text[next.clone()]) {
        return None;
    }
    match unnumbered::glued_tail(p) {
        Some(i) => Some(prev.start + i),
        None if p.trim_end_matches(is_space).ends_with(['。', '！', '？', '；']) => Some(lines[k].start),
        None => None,
    }
}

/// Run-in heads count where two or more consecutive paragraphs open with one.
fn keep_lead_groups(leads: Vec<(usize, Candidate)>, out: &mut Vec<Candidate>) {
    for i in 0..leads.len() {
        let k = leads[i].0;
        if i > 0 && leads[i - 1].0 + 1 == k || leads.get(i + 1).is_some_and(|next| next.0 == k + 1) {
            out.push(leads[i].1.clone());
        }
    }
}

/// A line-start Arabic number right after a line cut mid-sentence is a split-off number, unless it
/// continues its style's sequence or starts one that goes on.
fn drop_split_numbers(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let arabic = |c: &Candidate| c.marker.style == Style::ArabicDot && c.line_start;
    // A page's number before a line that goes on mid-sentence: no title ends within the cap.
    let page_number = |c: &Candidate| {
        let from = c.at + c.marker.len;
        c.after_cut
            && c.line_end - c.at > 600
            && text[from..title_of(text, from, c.line_end).0.end].chars().count() >= MAX_TITLE_CHARS
    };
    let mut keep = vec![true; cands.len()];
    for i in 0..cands.len() {
        let c = &cands[i];
        if !(arabic(c) && c.after_cut) {
            continue;
        }
        let n = c.marker.number.unwrap_or(0);
        // The sequence as kept so far: a number after a page's number does not continue it.
        let prev = (0..i).rev().find(|&j| arabic(&cands[j]) && keep[j]).and_then(|j| cands[j].marker.number);
        let next = (i + 1..cands.len()).find(|&j| arabic(&cands[j])).and_then(|j| cands[j].marker.number);
        keep[i] = !page_number(c) && (prev == Some(n.wrapping_sub(1)) || n == 1 && next == Some(2));
        // Pages are numbered from 1: the `1` that opened a run of page numbers is one too.
        if page_number(c) && n == 2 {
            if let Some(j) = (0..i).rev().find(|&j| arabic(&cands[j])).filter(|&j| cands[j].marker.number == Some(1)) {
                keep[j] = false;
            }
        }
    }
    cands.into_iter().zip(keep).filter_map(|(c, k)| k.then_some(c)).collect()
}

/// `一是…` paragraph heads are headings only where a section has two or more of them; a lone
/// `一是` paragraph carries an inline enumeration instead.
fn keep_item_groups(cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut keep = vec![true; cands.len()];
    let mut i = 0;
    while i < cands.len() {
        let head_item = |c: &Candidate| c.marker.style == Style::CnShi && c.line_start;
        if !head_item(&cands[i]) {
            i += 1;
            continue;
        }
        let j = (i..cands.len()).find(|&j| !head_item(&cands[j])).unwrap_or(cands.len());
        if j - i < 2 {
            keep[i..j].iter_mut().for_each(|k| *k = false);
        }
        i = j;
    }
    cands.into_iter().zip(keep).filter_map(|(c, k)| k.then_some(c)).collect()
}

/// In-paragraph headings must form a sequence of their style starting at 1.
fn keep_inline_sequences(cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    let mut last: Vec<(Style, u32)> = Vec::new();
    for c in cands {
        let style = c.marker.style;
        let n = c.marker.number.unwrap_or(0);
        if !c.line_start {
            let prev = last.iter().find(|(s, _)| *s == style).map(|&(_, n)| n);
            let fits = n == 1 || prev == Some(n.wrapping_sub(1));
            if !fits {
                continue;
            }
        }
        // A heading resets the sequences of the deeper styles.
        last.retain(|(s, _)| *s < style);
        last.push((style, n));
        out.push(c);
    }
    out
}

const MAX_TITLE_CHARS: usize = 60;

/// The title after a marker: up to the first 。 ： : or ；, before an inline `一是`, or to the end of
/// the line; at most 60 characters. Returns the range and whether the body runs on after it.
fn title_of(text: &str, from: usize, line_end: usize) -> (std::ops::Range<usize>, bool) {
    let s = &text[from..line_end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let start = from + lead;
    let body = &text[start..line_end];
    let mut end = line_end;
    let mut stop_at_terminator = false;
    for (n, (i, c)) in body.char_indices().enumerate() {
        if matches!(c, '。' | '：' | ':' | '；' | ';') {
            end = start + i;
            stop_at_terminator = true;
            break;
        }
        if n > 2 && body[i..].starts_with("一是") && char_before(body, i).is_some_and(|p| !p.is_ascii_punctuation()) {
            end = start + i;
            stop_at_terminator = true;
            break;
        }
        // The first subheading run on after the title (`主要做法(一)加强…`, `主要举措和成效 (一)…`).
        if n >= 2 && (is_space(c) || matches!(c, '(' | '（')) {
            let next = body[i..].trim_start_matches(is_space);
            if markers::parse(next, false).is_some_and(|m| m.number == Some(1) && m.style != Style::CnShi) {
                end = start + i;
                stop_at_terminator = true;
                break;
            }
        }
        if n == MAX_TITLE_CHARS {
            end = start + i;
            break;
        }
    }
    let trimmed = trim_end(text, start, end);
    let rest = &text[end..line_end];
    let run_in = stop_at_terminator && rest.chars().skip(1).any(|c| !is_space(c));
    (start..trimmed, run_in)
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end_matches(is_space).len()
}

/// Fill numbers lost to scraping from the sequence, record the repaired marker, and report skipped,
/// duplicated and restarted numbers among siblings.
fn repair_and_check_numbers(sections: &mut [Section], cands: &[Candidate], defects: &mut Vec<Defect>) {
    // Previous sibling number per (depth), reset when a shallower heading opens a new parent.
    let mut last: Vec<Option<(String, u32)>> = Vec::new();
    for (i, s) in sections.iter_mut().enumerate() {
        // Unnumbered headings have nothing to check; inline items often lose a marker to scraping
        // without that being a defect of the report.
        if matches!(cands[i].marker.style, Style::Plain | Style::Lead)
            || cands[i].marker.style == Style::CnShi && !cands[i].line_start
        {
            continue;
        }
        let d = s.depth as usize;
        last.resize(d.max(last.len()), None);
        last.truncate(d);
        let prev = last[d - 1].clone().filter(|(style, _)| *style == s.style);
        let style = cands[i].marker.style;
        let expected = prev.as_ref().map(|(_, n)| n + 1).unwrap_or(1);
        let span = Span::new(s.span.start, s.title_span.end);
        match s.number {
            None => {
                s.number = Some(expected);
                let repaired = style.render(expected);
                defects.push(Defect {
                    kind: "damaged_marker".into(),
                    message: format!("编号“{}”残缺，应为“{}”", s.marker, repaired),
                    span,
                });
                s.repaired_marker = Some(repaired);
            }
            Some(n) => {
                if cands[i].marker.damaged {
                    let repaired = style.render(n);
                    defects.push(Defect {
                        kind: "damaged_marker".into(),
                        message: format!("编号“{}”残缺，应为“{}”", s.marker, repaired),
                        span,
                    });
                    s.repaired_marker = Some(repaired);
                }
                if n > expected {
                    let missing: Vec<String> = (expected..n).map(|k| style.render(k)).collect();
                    defects.push(Defect {
                        kind: "skipped_number".into(),
                        message: format!("编号跳号：“{}”之前缺少“{}”", style.render(n), missing.join("”“")),
                        span,
                    });
                } else if prev.is_some() && n + 1 == expected {
                    defects.push(Defect {
                        kind: "duplicate_number".into(),
                        message: format!("编号重复：“{}”出现两次", style.render(n)),
                        span,
                    });
                } else if prev.is_some() && n < expected {
                    defects.push(Defect {
                        kind: "restarted_number".into(),
                        message: format!("编号重新开始：“{}”之后出现“{}”", style.render(expected - 1), style.render(n)),
                        span,
                    });
                }
            }
        }
        last[d - 1] = Some((s.style.clone(), s.number.unwrap_or(expected)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(t: &str) -> Outline {
        extract(&Doc::new(t), Some(2022))
    }

    fn tree(o: &Outline) -> Vec<String> {
        o.sections
            .iter()
            .map(|s| {
                format!(
                    "{}{} {}",
                    "  ".repeat(s.depth as usize - 1),
                    s.repaired_marker.as_deref().unwrap_or(&s.marker),
                    s.title
                )
            })
            .collect()
    }

    #[test]
    fn levels_titles_and_run_in() {
        let t = "一、主要举措和成效\n(一)加强组织领导。坚持把法治建设摆在突出位置。\n1.健全制度。全年制定制度5项。\n(1)规范审核。审核文件3件。\n二、存在的问题\n三、2023年工作安排\n";
        let o = outline(t);
        assert_eq!(
            tree(&o),
            [
                "一、 主要举措和成效",
                "  (一) 加强组织领导",
                "    1. 健全制度",
                "      (1) 规范审核",
                "二、 存在的问题",
                "三、 2023年工作安排"
            ]
        );
        assert!(o.sections[1].run_in && !o.sections[0].run_in);
        for s in &o.sections {
            assert_eq!(&t[s.title_span.range()], s.title);
            assert!(t[s.span.range()].starts_with(&s.marker));
        }
        assert_eq!(o.sections[0].span.end, o.sections[3].span.end);
    }

    #[test]
    fn damaged_markers_are_repaired_from_the_sequence() {
        let t = "一、成效\n(一)甲\n)乙方面\n(三丙方面\n、存在的问题\n";
        let o = outline(t);
        assert_eq!(tree(&o), ["一、 成效", "  (一) 甲", "  (二) 乙方面", "  (三) 丙方面", "二、 存在的问题"]);
        assert_eq!(o.defects.iter().filter(|d| d.kind == "damaged_marker").count(), 3);
    }

    #[test]
    fn skipped_numbers_are_defects() {
        let o = outline("一、甲\n三、乙\n");
        assert_eq!(o.defects.len(), 1);
        assert_eq!(o.defects[0].kind, "skipped_number");
        assert!(o.defects[0].message.contains("二、"), "{}", o.defects[0].message);
    }

    #[test]
    fn item_paragraphs_need_a_group() {
        let o = outline("(一)甲\n一是加强领导。\n二是强化管理。\n(二)乙\n一是加强。二是强化。\n");
        assert_eq!(
            tree(&o),
            ["(一) 甲", "  一是 加强领导", "  二是 强化管理", "(二) 乙", "  一是 加强", "  二是 强化"]
        );
        assert!(o.defects.is_empty());
    }

    #[test]
    fn the_item_prefilter_passes_every_paragraph_with_items() {
        // Every line of the corpus, and lines whose items sit after a pinyin gloss, in Traditional
        // characters or after full-width brackets (which change the normalized offsets).
        let mut texts = crate::text::corpus_texts();
        texts.push(
            "領(lǐng)導重視。一是加強學習；二是完善制度；三是強化監督。\n（一）健全機制。一要抓落實，二要抓督查。\n"
                .into(),
        );
        let (mut with_items, mut passed_over) = (0, 0);
        for t in &texts {
            let doc = Doc::new(t);
            let _ = extract(&doc, None);
            for (_, r) in doc.content_lines() {
                let open = parts::may_open_items(&doc, &r);
                if !inline_items(t, r.clone()).is_empty() {
                    with_items += 1;
                    assert!(open, "{}", &t[r]);
                }
                passed_over += usize::from(!open);
            }
        }
        assert!(with_items >= 20 && passed_over >= 300, "{with_items} {passed_over}");
    }

    #[test]
    fn styled_headings_from_a_docx_are_top_level() {
        use crate::decode::HeadingHint;
        let t = "某县2022年法治政府建设情况报告\n主要成效\n(一)加强领导\n存在问题\n";
        let hints = ["某县", "主要成效", "存在问题"]
            .iter()
            .map(|w| HeadingHint { start: t.find(w).unwrap(), level: 1 })
            .collect();
        let o = extract(&Doc::with_hints(t, hints), Some(2022));
        assert_eq!(tree(&o), [" 主要成效", "  (一) 加强领导", " 存在问题"]);
        assert!(o.defects.is_empty(), "{:?}", o.defects);
        assert_eq!(o.sections[2].part, Some(Part::R2));
    }

    #[test]
    fn inline_paren_items_form_a_sequence() {
        let o = outline("1.深化改革。(1)推行清单。内容。(2)跨省通办。内容(3)不算。\n");
        assert_eq!(tree(&o), ["1. 深化改革", "  (1) 推行清单", "  (2) 跨省通办"]);
    }
}
