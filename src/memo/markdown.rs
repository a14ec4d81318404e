//! The memo and the 通报 as Markdown: what `memo --format md` prints and the page copies as text. The
//! same sections, in the same order, as the .docx.

use std::fmt::Write;

use super::bulletin::Bulletin;
use super::wording::{fill, w};
use super::{cn_date, Item, Memo, Place};

/// `“三、…”部分，原文为“…”；另有N处`: where an item is, in words.
/// The 问题位置 line of an item: its place; for an item a reviewer wrote without one, none (`全文未见相关内容`
/// says that something required is missing, which a reviewer's own item does not claim).
pub fn item_where(item: &super::Item) -> Option<String> {
    (item.place.is_some() || item.kind != "custom").then(|| where_text(item.place.as_ref(), item.also.len()))
}

pub fn where_text(place: Option<&Place>, also: usize) -> String {
    let Some(p) = place else { return w("place.none").into() };
    let mut s = String::new();
    // The quote is the heading itself: the section names the place.
    if p.section.as_deref() == Some(p.quote.as_str()) {
        s.push_str(&fill("memo.in_section", &[("section", &p.quote)]));
        if also > 0 {
            s.push('；');
            s.push_str(&fill("memo.also", &[("n", &also.to_string())]));
        }
        s.push('。');
        return s;
    }
    if let Some(section) = p.section.as_deref().filter(|s| !s.is_empty()) {
        s.push_str(&fill("memo.in_section", &[("section", section)]));
        s.push('，');
    }
    s.push_str(&fill("memo.quote", &[("quote", &p.quote)]));
    if also > 0 {
        s.push('；');
        s.push_str(&fill("memo.also", &[("n", &also.to_string())]));
    }
    s.push('。');
    s
}

/// `（一）`, `（二）`… for item `n` (0-based).
pub fn ordinal(n: usize) -> String {
    format!("（{}）", crate::outline::markers::cn_numeral(n as u32 + 1))
}

/// The headings of the memo's parts: (overall, items, review, request).
pub fn headings(m: &Memo) -> (&'static str, &'static str, Option<&'static str>, &'static str) {
    if m.review.is_some() {
        (w("memo.h_overall"), w("memo.h_new"), Some(w("memo.h_review")), w("memo.h_request_review"))
    } else {
        (w("memo.h_overall"), w("memo.h_items"), None, w("memo.h_request"))
    }
}

/// The signature lines: the office and the date (blank when not given).
pub fn signature(m: &Memo) -> (String, String) {
    let office = m.office.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(|| w("memo.office_blank").into());
    let date = m.date.as_deref().map(cn_date).unwrap_or_else(|| w("memo.date_blank").into());
    (office, date)
}

fn item_md(s: &mut String, n: usize, item: &Item) {
    let _ = writeln!(s, "### {}{}\n", ordinal(n), item.problem.trim());
    if let Some(at) = item_where(item) {
        let _ = writeln!(s, "- {}{at}", w("memo.where"));
    }
    if !item.requirement.trim().is_empty() {
        let _ = writeln!(s, "- {}{}", w("memo.requirement"), item.requirement.trim());
    }
    if !item.suggestion.trim().is_empty() {
        let _ = writeln!(s, "- {}{}", w("memo.suggestion"), item.suggestion.trim());
    }
    s.push('\n');
}

/// The memo as Markdown.
pub fn memo(m: &Memo) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", m.title.trim());
    if let Some(a) = m.addressee.as_deref().filter(|a| !a.trim().is_empty()) {
        let _ = writeln!(s, "{}：\n", a.trim().trim_end_matches(['：', ':']));
    }
    if !m.opening.trim().is_empty() {
        let _ = writeln!(s, "{}\n", m.opening.trim());
    }
    let (h_overall, h_items, h_review, h_request) = headings(m);
    let _ = writeln!(s, "## {h_overall}\n\n{}\n", m.summary.text.trim());
    if let (Some(h), Some(r)) = (h_review, &m.review) {
        let _ = writeln!(s, "## {h}\n\n{}\n", r.summary.trim());
        for (n, e) in r.earlier.iter().enumerate() {
            let _ = writeln!(s, "### {}{}（{}）\n", ordinal(n), e.item.problem.trim().trim_end_matches('。'), e.label);
            let _ = writeln!(s, "- {}{}", w("memo.evidence"), e.evidence.trim());
            if let Some(p) = &e.place {
                let at = if e.status == "fixed" { w("memo.found_at") } else { w("memo.where") };
                let _ = writeln!(s, "- {at}{}", where_text(Some(p), 0));
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "## {h_items}\n");
    if m.items.is_empty() {
        let none = if m.review.is_some() { w("memo.no_new") } else { w("memo.no_items") };
        let _ = writeln!(s, "{none}\n");
    }
    for (n, item) in m.items.iter().enumerate() {
        item_md(&mut s, n, item);
    }
    let _ = writeln!(s, "## {h_request}\n\n{}\n", m.request.trim());
    let (office, date) = signature(m);
    let _ = writeln!(s, "{office}  \n{date}");
    s
}

fn cell(v: &str) -> String {
    v.replace('|', "\\|").replace('\n', " ")
}

/// The 通报 as Markdown.
pub fn bulletin(b: &Bulletin) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", b.title);
    let _ = writeln!(s, "{}\n", b.opening);
    let _ = writeln!(s, "## {}\n\n{}\n", w("bulletin.h_overall"), b.overview);
    let _ = writeln!(s, "## {}\n", w("bulletin.h_ranking"));
    let header = b.ranking_header();
    let _ = writeln!(s, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()));
    for r in b.ranking_rows() {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(s, "\n{}\n", w("bulletin.ranking_note"));
    let _ = writeln!(s, "## {}\n", w("bulletin.h_common"));
    for line in b.common_lines() {
        let _ = writeln!(s, "- {line}");
    }
    let _ = writeln!(s, "\n## {}\n", w("bulletin.h_focus"));
    for line in b.focus_lines() {
        let _ = writeln!(s, "- {line}");
    }
    let _ = writeln!(s, "\n## {}\n\n{}\n", w("bulletin.h_request"), b.request);
    let office = b.office.clone().unwrap_or_else(|| w("memo.office_blank").into());
    let date = b.date.as_deref().map(cn_date).unwrap_or_else(|| w("memo.date_blank").into());
    let _ = writeln!(s, "{office}  \n{date}");
    s
}
