//! Placed glyphs (a PDF's or an OFD's pages) → text the way the author wrote it: lines from
//! positions, two-column pages in column order, table rows with their cells separated by tabs, lines
//! joined into paragraphs (a line that stops short of the right margin ends one; an indented line or a
//! line that starts with a heading marker starts one; so does a wider gap between lines), paragraphs
//! joined across page breaks, and running headers, footers and page numbers set apart: each page break
//! is a line holding a form feed (`\f`), with the page's footer lines before it and the next page's
//! header lines after it, outside the paragraphs — where [`crate::furniture`] finds them again.

/// A glyph on a page: origin (y up), advance, size, text.
#[derive(Clone, Debug)]
pub struct Glyph {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub size: f32,
    pub text: String,
}

/// A page: its glyphs in drawing order and its height (to tell the top and bottom from the body).
/// `template` glyphs come from the page's template (OFD `Tpls`): furniture whatever they say.
#[derive(Default)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub template: Vec<Glyph>,
    pub top: f32,
    pub bottom: f32,
}

/// A line of text with its geometry.
#[derive(Clone, Debug)]
struct Line {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    /// Cells of a table row (gaps wider than three characters), joined by tabs in `text`.
    cells: usize,
    /// The line cut at its gaps wider than [`PIECE_GAP`] characters (where a column's gutter may be),
    /// each piece with its exact extent.
    pieces: Vec<Piece>,
}

/// A stretch of a line between wide gaps: its extent, its text, and what joins it to the piece
/// before (`""`, `" "` between Latin words, or `"\t"` for a cell's gap).
#[derive(Clone, Debug)]
struct Piece {
    x0: f32,
    x1: f32,
    sep: &'static str,
    text: String,
}

/// Gaps wider than this many characters cut a line into pieces (the narrowest gutter between two
/// columns); gaps wider than [`CELL_GAP`] separate cells with a tab.
const PIECE_GAP: f32 = 1.5;
const CELL_GAP: f32 = 3.0;

/// The text of a document's pages.
pub fn pages_to_text(pages: &[Page]) -> String {
    let laid: Vec<(Vec<Line>, Vec<Line>, Vec<Line>)> = pages.iter().map(lay_out).collect();
    // Running headers and footers: the first and last lines of pages whose text (digits masked) recurs
    // on other pages, or page numbers.
    let mask = |s: &str| -> String {
        s.chars().filter(|c| !crate::text::is_space(*c)).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
    };
    // (masked text, page) of every edge line, sorted: a text is repeated when two pages have it.
    let mut edges: Vec<(String, usize)> = Vec::new();
    for (p, (_, body, _)) in laid.iter().enumerate() {
        edges.extend(edge_candidates(body).map(|l| (mask(&l.text), p)));
    }
    edges.sort_unstable();
    edges.dedup();
    let repeated = |l: &Line| {
        let m = mask(&l.text);
        let from = edges.partition_point(|e| e.0 < m);
        pages.len() >= 2 && edges.get(from + 1).is_some_and(|e| e.0 == m)
    };
    let mut out = String::new();
    let mut cur = String::new();
    let mut cur_open = false;
    let mut pending: Vec<String> = Vec::new();
    let mut last_footer: Vec<String> = Vec::new();
    for (p, (head_t, body, foot_t)) in laid.into_iter().enumerate() {
        // Split the page's own edge lines off the body.
        let mut body = body;
        let mut heads: Vec<String> = head_t.into_iter().map(|l| l.text).collect();
        let mut feet: Vec<String> = Vec::new();
        let edge = |l: &Line| is_edge_line(l) && (crate::furniture::is_page_number(&l.text) || repeated(l));
        let top = body.iter().take(body.len().saturating_sub(1)).take_while(|l| edge(l)).count();
        heads.extend(body.drain(..top).map(|l| l.text));
        while body.last().is_some_and(edge) {
            feet.extend(body.pop().map(|l| l.text));
        }
        feet.reverse();
        feet.extend(foot_t.into_iter().map(|l| l.text));
        if p > 0 {
            pending.append(&mut last_footer);
            pending.push("\u{c}".into());
        }
        pending.extend(heads);
        let paras = paragraphs(&body);
        for (k, (text, open, starts_fresh)) in paras.into_iter().enumerate() {
            if k == 0 && p > 0 && cur_open && !starts_fresh {
                push_joined(&mut cur, &text);
            } else {
                finish(&mut out, &mut cur);
                for l in pending.drain(..) {
                    out.push_str(&l);
                    out.push('\n');
                }
                cur = text;
            }
            cur_open = open;
        }
        last_footer = feet;
    }
    finish(&mut out, &mut cur);
    for l in pending.drain(..).chain(last_footer) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

fn finish(out: &mut String, cur: &mut String) {
    if !cur.is_empty() {
        out.push_str(cur);
        out.push('\n');
        cur.clear();
    }
}

/// Append `next` to a paragraph: with a space between two Latin words, directly otherwise.
fn push_joined(cur: &mut String, next: &str) {
    let a = cur.chars().next_back();
    let b = next.chars().next();
    if a.is_some_and(|c| c.is_ascii_alphanumeric() || c == ',' || c == '.')
        && b.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        cur.push(' ');
    }
    cur.push_str(next);
}

/// A line that may be a page's header or footer: short.
fn is_edge_line(l: &Line) -> bool {
    l.text.chars().filter(|c| !crate::text::is_space(*c)).count() <= 40
}

/// The first two and last two lines of a page's body.
fn edge_candidates(body: &[Line]) -> impl Iterator<Item = &Line> {
    let n = body.len();
    body.iter().enumerate().filter(move |(i, l)| (*i < 2 || *i + 2 >= n) && is_edge_line(l)).map(|(_, l)| l)
}

/// A page's template lines (always furniture, header or footer by position) and its body lines in
/// reading order: (template lines above the body, body, template lines below).
fn lay_out(page: &Page) -> (Vec<Line>, Vec<Line>, Vec<Line>) {
    let body = order_columns(lines_of(&page.glyphs));
    let template = lines_of(&page.template);
    let middle = (page.top + page.bottom) / 2.0;
    let (mut above, mut below): (Vec<Line>, Vec<Line>) = template.into_iter().partition(|l| l.y >= middle);
    crate::order::sort_by_key(&mut above, |l| u64::from(!fkey(l.y)));
    crate::order::sort_by_key(&mut below, |l| u64::from(!fkey(l.y)));
    (above, body, below)
}

/// Glyphs → lines: glyphs on one baseline (within a third of their size) form a line, sorted by x;
/// a gap wider than three characters separates cells (or columns).
fn lines_of(glyphs: &[Glyph]) -> Vec<Line> {
    // Runs in drawing order first (most writers draw a line left to right), then runs into lines.
    struct Run {
        x0: f32,
        x1: f32,
        y: f32,
        size: f32,
        glyphs: Vec<usize>,
    }
    let mut runs: Vec<Run> = Vec::new();
    for (i, g) in glyphs.iter().enumerate() {
        if !(g.x.is_finite() && g.y.is_finite() && g.size.is_finite()) || g.text.is_empty() {
            continue;
        }
        let size = g.size.max(1.0);
        if let Some(r) = runs.last_mut() {
            let same_line = (g.y - r.y).abs() <= 0.3 * size.min(r.size);
            // A glyph drawn again over itself (fake bold, shadows): once.
            if same_line {
                if let Some(&k) = r.glyphs.last() {
                    let p = &glyphs[k];
                    if p.text == g.text && (p.x - g.x).abs() < 0.3 * size {
                        continue;
                    }
                }
            }
            if same_line && g.x >= r.x1 - 0.6 * size && g.x <= r.x1 + 1.2 * size {
                r.x1 = r.x1.max(g.x + g.w);
                r.glyphs.push(i);
                continue;
            }
        }
        runs.push(Run { x0: g.x, x1: g.x + g.w.max(0.0), y: g.y, size, glyphs: vec![i] });
    }
    // Runs into lines: by baseline, top to bottom.
    crate::order::sort_by_key(&mut runs, |r| u64::from(!fkey(r.y)) << 32 | u64::from(fkey(r.x0)));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    for r in runs {
        if let Some(l) = lines.last_mut() {
            let y = l[0].y;
            let s = l[0].size.min(r.size);
            if (r.y - y).abs() <= 0.35 * s {
                l.push(r);
                continue;
            }
        }
        lines.push(vec![r]);
    }
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        // The line's glyphs by x (writers draw some marks — quotes in another font — after the rest).
        let mut order: Vec<usize> = l.iter().flat_map(|r| r.glyphs.iter().copied()).collect();
        crate::order::sort_by_key(&mut order, |&k| u64::from(fkey(glyphs[k].x)));
        let size = l.iter().map(|r| r.size).fold(0.0f32, f32::max);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut prev: Option<usize> = None;
        for &k in &order {
            let g = &glyphs[k];
            let mut sep = "";
            if let Some(p) = prev {
                let pg = &glyphs[p];
                // A glyph drawn again over itself (fake bold, shadows): once.
                if pg.text == g.text && (pg.x - g.x).abs() < 0.3 * size {
                    continue;
                }
                let gap = g.x - (pg.x + pg.w);
                let last = pieces.last().and_then(|p| p.text.chars().next_back()).unwrap_or(' ');
                let first = g.text.chars().next().unwrap_or(' ');
                if gap > CELL_GAP * size {
                    sep = "\t";
                } else if gap > 0.25 * size && latin_gap(last, first) && last != ' ' {
                    sep = " ";
                }
                if gap <= PIECE_GAP * size {
                    if let Some(piece) = pieces.last_mut() {
                        piece.text.push_str(sep);
                        piece.text.push_str(&g.text);
                        piece.x1 = piece.x1.max(g.x + g.w);
                        prev = Some(k);
                        continue;
                    }
                }
            }
            pieces.push(Piece { x0: g.x, x1: g.x + g.w, sep, text: g.text.clone() });
            prev = Some(k);
        }
        for p in &mut pieces {
            p.text = without_spaces_between_chinese(p.text.trim_matches(|c: char| c == ' ' || c == '\u{a0}'));
        }
        pieces.retain(|p| !p.text.is_empty());
        if let Some(line) = Line::of_pieces(l[0].y, size, pieces) {
            out.push(line);
        }
    }
    out
}

impl Line {
    /// A line of its pieces (`None` without any): the text joins them by their separators.
    fn of_pieces(y: f32, size: f32, mut pieces: Vec<Piece>) -> Option<Line> {
        let first = pieces.first_mut()?;
        first.sep = "";
        let mut text = String::new();
        let mut cells = 1;
        for p in &pieces {
            text.push_str(p.sep);
            cells += usize::from(p.sep == "\t");
            text.push_str(&p.text);
        }
        let x0 = pieces[0].x0;
        let x1 = pieces.iter().map(|p| p.x1).fold(f32::MIN, f32::max);
        Some(Line { x0, x1, y, size, text, cells, pieces })
    }
}

/// ASCII spaces between two Chinese characters dropped (older writers draw a space glyph after every
/// character: `关 于 红 军`); Chinese text has no word spaces.
fn without_spaces_between_chinese(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let wide = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && !crate::text::is_space(*c));
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            let mut j = i;
            while chars.get(j) == Some(&' ') {
                j += 1;
            }
            if i > 0 && wide(chars.get(i - 1)) && wide(chars.get(j)) {
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A decimal number as PDF and OFD write them (`-12.5`, `.5`, `3.`, `1e-3` read as 1), without the
/// standard float parser (whose tables cost the readers module ~8 KB of wasm): enough for coordinates.
pub fn parse_decimal(s: &str) -> Option<f32> {
    let s = s.trim();
    let (neg, t) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (mut v, mut scale, mut seen, mut dot) = (0f64, 1f64, false, false);
    for b in t.bytes() {
        match b {
            b'0'..=b'9' => {
                seen = true;
                if dot {
                    scale /= 10.0;
                    v += f64::from(b - b'0') * scale;
                } else {
                    v = v * 10.0 + f64::from(b - b'0');
                }
            }
            b'.' if !dot => dot = true,
            _ => break,
        }
    }
    let v = if neg { -v } else { v } as f32;
    (seen && v.is_finite()).then_some(v)
}

/// A float as a number that sorts in the same order (every sort goes through [`crate::order`]: one
/// copy of the sort code in the wasm).
fn fkey(f: f32) -> u32 {
    let b = f.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 0x8000_0000
    }
}

/// Whether a gap between two characters is a space: between Latin words, not next to Chinese (a
/// writer's spacing between Chinese and Western text, `2022 年`, is no character of the text).
fn latin_gap(last: char, first: char) -> bool {
    let latin = |c: char| c.is_ascii_alphanumeric() || matches!(c, ',' | '.' | ';' | ':' | ')' | '%');
    latin(last) && (first.is_ascii_alphanumeric() || first == '(')
}

/// The width the next line's first unbreakable piece needs: its Latin characters and digits (half a
/// character each) up to and with its first Chinese character, and the closing marks that may not
/// start a line.
fn first_piece_width(l: &Line) -> f32 {
    let mut w = 0.0;
    let mut chars = l.text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            w += 0.55;
            continue;
        }
        w += 1.0;
        while chars.peek().is_some_and(|c| "，。、；：）》”’！？,.;:)".contains(*c)) {
            chars.next();
            w += 1.0;
        }
        break;
    }
    w * l.size
}

/// Two-column pages in column order. A gutter is an x band that most lines leave empty while the
/// lines on its left run up to it (text filling a column, not a ragged table). Lines that cross it
/// (a title over both columns) keep their place; between two such lines, the left column is read
/// before the right.
fn order_columns(lines: Vec<Line>) -> Vec<Line> {
    if lines.len() < 5 {
        return lines;
    }
    // Split lines at their wide gaps (the tabs) into pieces with their own extent.
    let x_min = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let x_max = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let width = x_max - x_min;
    if !(width > 0.0 && width.is_finite()) {
        return lines;
    }
    let size = median(lines.iter().map(|l| l.size).collect());
    // Candidate gutter positions: the middle half of the width, in steps of half a character (at most
    // 512 of them, whatever a damaged file says its sizes and positions are).
    let step = (size / 2.0).max(width / 1024.0).max(1.0);
    let crosses = |l: &Line, g: f32| l.pieces.iter().any(|p| p.x0 < g - step && p.x1 > g + step);
    // A column's line holds running text: a stretch at least this wide (a table's cells are short).
    let prose = 6.0 * size;
    let mut best: Option<(f32, usize)> = None;
    let mut g = x_min + width * 0.25;
    while g <= x_min + width * 0.75 {
        let (mut left_full, mut both, mut wide, mut crossing) = (0usize, 0usize, 0usize, 0usize);
        for l in &lines {
            if crosses(l, g) {
                crossing += 1;
                continue;
            }
            let left = l.pieces.iter().filter(|p| p.x1 <= g + step);
            let Some(last) = left.clone().next_back() else { continue };
            let right = l.pieces.iter().filter(|p| p.x0 >= g - step);
            if let Some(first) = right.clone().next() {
                both += 1;
                let (lw, rw) = (last.x1 - left.map(|p| p.x0).fold(f32::MAX, f32::min), first.x1 - first.x0);
                wide += usize::from(lw >= prose && rw >= prose);
            }
            if g - last.x1 < 3.0 * size {
                left_full += 1;
            }
        }
        let n = lines.len();
        if both >= 5
            && both * 3 >= n
            && crossing * 5 <= n
            && left_full * 2 >= both
            && wide * 2 >= both
            && best.is_none_or(|(_, b)| both > b)
        {
            best = Some((g, both));
        }
        g += step;
    }
    let Some((gutter, _)) = best else { return lines };
    // Bands between crossing lines: left pieces, then right pieces.
    let mut out = Vec::new();
    let (mut left, mut right): (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    for l in lines {
        if crosses(&l, gutter) {
            out.append(&mut left);
            out.append(&mut right);
            out.push(l);
            continue;
        }
        let (y, size) = (l.y, l.size);
        let (lp, rp): (Vec<Piece>, Vec<Piece>) = l.pieces.into_iter().partition(|p| p.x1 <= gutter + step);
        left.extend(Line::of_pieces(y, size, lp));
        right.extend(Line::of_pieces(y, size, rp));
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

fn median(mut v: Vec<f32>) -> f32 {
    if v.is_empty() {
        return 10.0;
    }
    crate::order::sort_by_key(&mut v, |&x| u64::from(fkey(x)));
    v[v.len() / 2]
}

/// Lines → paragraphs: (text, open — the last line runs to the right margin, so the paragraph may go
/// on on the next page —, starts fresh — its first line is indented or starts with a heading marker).
fn paragraphs(lines: &[Line]) -> Vec<(String, bool, bool)> {
    if lines.is_empty() {
        return Vec::new();
    }
    // Margins of the text: the left where most lines start, the right where the long lines end.
    let size = median(lines.iter().map(|l| l.size).collect());
    let left = mode(lines.iter().filter(|l| l.cells == 1).map(|l| l.x0), size / 2.0).unwrap_or(lines[0].x0);
    let mut ends: Vec<f32> = lines.iter().filter(|l| l.cells == 1).map(|l| l.x1).collect();
    crate::order::sort_by_key(&mut ends, |&x| u64::from(fkey(x)));
    let right = ends.get(ends.len().saturating_sub(1).saturating_sub(ends.len() / 10)).copied().unwrap_or(lines[0].x1);
    let spacing = median(lines.windows(2).map(|w| w[0].y - w[1].y).filter(|d| *d > 0.0).collect());
    let fresh = |l: &Line| l.cells > 1 || l.x0 - left > 0.9 * l.size || starts_with_marker(&l.text);
    let full = |l: &Line| l.cells == 1 && right - l.x1 < 1.6 * l.size && l.x0 - left < 4.0 * l.size;
    // A line that stops short of the margin only because the next line's first piece would not fit
    // (a long number, a character with its closing mark) was broken by the layout, not the author.
    let wrapped =
        |p: &Line, next: &Line| full(p) || p.cells == 1 && right - p.x1 < first_piece_width(next) + 0.6 * p.size;
    let mut out: Vec<(String, bool, bool)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let joins = i > 0 && {
            let p = &lines[i - 1];
            let gap = p.y - l.y;
            wrapped(p, l)
                && !fresh(l)
                && gap > 0.0
                && gap < (spacing * 1.4).max(l.size * 1.2)
                && (p.size - l.size).abs() < 0.25 * l.size
        };
        match out.last_mut() {
            Some((text, open, _)) if joins => {
                push_joined(text, &l.text);
                *open = full(l);
            }
            _ => out.push((l.text.clone(), full(l), fresh(l))),
        }
    }
    out
}

/// A line that starts with a heading marker: 一、 (一) 1. 1、 (1) ① 第一章/部分/节 一是.
fn starts_with_marker(s: &str) -> bool {
    let s = s.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十〇零百１２３４５６７８９０".contains(c);
    let mut chars = s.chars();
    let Some(c0) = chars.next() else { return false };
    if ('\u{2460}'..='\u{2473}').contains(&c0) {
        return true;
    }
    let rest: String = s.chars().skip_while(|c| matches!(c, '(' | '（')).take_while(|c| numeral(*c)).collect();
    if rest.is_empty() || rest.chars().count() > 3 {
        let n = s.chars().skip(1).take_while(|c| numeral(*c)).count();
        let tail: String = s.chars().skip(1 + n).take(2).collect();
        return c0 == '第' && n > 0 && (tail.starts_with('章') || tail.starts_with('节') || tail == "部分");
    }
    let opened = matches!(c0, '(' | '（');
    let after = s.chars().skip_while(|c| matches!(c, '(' | '（')).find(|c| !numeral(*c));
    match after {
        Some(')' | '）') => opened,
        Some('、' | '.' | '．') => !opened,
        Some('是') => !opened && !c0.is_ascii_digit(),
        _ => false,
    }
}

/// The most common value (within `tolerance`) of the values, counting each value's neighbours; the
/// smallest of equally common ones. Sorted, then a window slides over them: O(n log n) on a page of
/// any number of lines.
fn mode(values: impl Iterator<Item = f32>, tolerance: f32) -> Option<f32> {
    let mut v: Vec<f32> = values.filter(|x| !x.is_nan()).collect();
    crate::order::sort_by_key(&mut v, |&x| u64::from(fkey(x)));
    let (mut lo, mut hi) = (0, 0);
    let mut best: Option<(usize, f32)> = None;
    for (i, &a) in v.iter().enumerate() {
        while v[lo] < a - tolerance {
            lo += 1;
        }
        hi = hi.max(i);
        while hi + 1 < v.len() && v[hi + 1] <= a + tolerance {
            hi += 1;
        }
        let n = hi + 1 - lo;
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, a));
        }
    }
    best.map(|(_, x)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs of `text` from (x, y), `size` wide each.
    fn line(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph { x: x + i as f32 * size, y, w: size, size, text: c.to_string() })
            .collect()
    }

    fn page(rows: &[(&str, f32, f32)]) -> Page {
        Page {
            glyphs: rows.iter().flat_map(|&(t, x, y)| line(t, x, y, 10.0)).collect(),
            template: Vec::new(),
            top: 800.0,
            bottom: 0.0,
        }
    }

    #[test]
    fn paragraphs_headings_and_indents() {
        let p = page(&[
            ("一、总体情况", 100.0, 700.0),
            ("全年办理行政复议案件六十一件，", 120.0, 680.0),
            ("较上年增长百分之十二。", 100.0, 660.0),
            ("（一）加强组织领导", 100.0, 640.0),
            ("坚持党的领导，", 120.0, 620.0),
        ]);
        // The long lines run to the right margin: 100 + 17 characters.
        let t = pages_to_text(&[p]);
        assert_eq!(
            t,
            "一、总体情况\n全年办理行政复议案件六十一件，较上年增长百分之十二。\n（一）加强组织领导\n坚持党的领导，\n"
        );
    }

    #[test]
    fn page_numbers_and_paragraphs_across_pages() {
        let p1 = page(&[
            ("一、总体情况", 100.0, 700.0),
            ("全年办理行政复议案件六十一件，", 120.0, 680.0),
            ("较上年增长百分之十二，纠正违法或不当", 100.0, 660.0),
            ("— 1 —", 150.0, 40.0),
        ]);
        let p2 = page(&[("行政行为三件。", 100.0, 700.0), ("二、存在的问题", 100.0, 680.0), ("— 2 —", 150.0, 40.0)]);
        let t = pages_to_text(&[p1, p2]);
        assert_eq!(
            t,
            "一、总体情况\n全年办理行政复议案件六十一件，较上年增长百分之十二，纠正违法或不当行政行为三件。\n— 1 —\n\u{c}\n二、存在的问题\n— 2 —\n"
        );
    }

    #[test]
    fn two_columns_are_read_column_by_column() {
        let mut rows = Vec::new();
        let left = [
            "左栏第一行文字内容",
            "左栏第二行文字内容",
            "左栏第三行文字内容",
            "左栏第四行文字内容",
            "左栏第五行文字内容",
            "左栏第六行文字内容",
        ];
        let right = [
            "右栏第一行文字内容",
            "右栏第二行文字内容",
            "右栏第三行文字内容",
            "右栏第四行文字内容",
            "右栏第五行文字内容",
            "右栏第六行文字内容",
        ];
        for (i, (l, r)) in left.iter().zip(right).enumerate() {
            let y = 700.0 - 20.0 * i as f32;
            rows.push((*l, 100.0, y));
            rows.push((r, 220.0, y));
        }
        let rows: Vec<(&str, f32, f32)> = rows;
        let t = pages_to_text(&[page(&rows)]);
        let l = t.find("左栏第六行").unwrap();
        let r = t.find("右栏第一行").unwrap();
        assert!(l < r, "{t}");
    }

    #[test]
    fn heading_markers() {
        for m in [
            "一、总体",
            "（一）加强",
            "(二)深化",
            "1.健全",
            "12、完善",
            "(3)落实",
            "①推进",
            "第一部分 总体",
            "一是深化",
        ] {
            assert!(starts_with_marker(m), "{m}");
        }
        for m in ["2022年，我县", "一年来", "(略)", "第二", "十分重视", "1830人"] {
            assert!(!starts_with_marker(m), "{m}");
        }
    }

    #[test]
    fn a_glyph_far_off_the_page_does_not_stall_the_column_search() {
        // A damaged file (found by fuzzing): 1e30 points wide, the gutter search stepped half a point
        // at a time.
        let mut rows: Vec<(&str, f32, f32)> =
            (0..8).map(|i| ("正文文字内容", 100.0, 700.0 - 20.0 * i as f32)).collect();
        rows.push(("页", 1e30, 500.0));
        let t = pages_to_text(&[page(&rows)]);
        assert!(t.contains("正文文字内容") && t.contains('页'), "{t}");
    }

    #[test]
    fn a_two_column_table_stays_row_by_row() {
        let rows: Vec<(String, f32, f32)> = (0..8)
            .flat_map(|i| {
                let y = 700.0 - 20.0 * i as f32;
                [(format!("事项{i}"), 100.0, y), (format!("{}", 10 + i), 200.0, y)]
            })
            .collect();
        let rows: Vec<(&str, f32, f32)> = rows.iter().map(|(t, x, y)| (t.as_str(), *x, *y)).collect();
        let t = pages_to_text(&[page(&rows)]);
        assert!(t.starts_with("事项0\t10\n事项1\t11\n"), "{t}");
    }

    #[test]
    fn table_rows_keep_their_cells() {
        let t = pages_to_text(&[page(&[
            ("事项", 100.0, 700.0),
            ("件数", 300.0, 700.0),
            ("复议", 100.0, 680.0),
            ("61", 300.0, 680.0),
        ])]);
        assert_eq!(t, "事项\t件数\n复议\t61\n");
    }
}
