//! The memo and the 通报 as .docx documents (the layout is [`super::ooxml`]'s): title, addressee,
//! opening, the numbered parts with their items, the request, the signature and date.

use super::bulletin::Bulletin;
use super::markdown::{headings, item_where, ordinal, signature, where_text};
use super::ooxml::{docx, Block, Document, Style, TEXT_WIDTH};
use super::wording::w;
use super::{cn_date, Memo};
use crate::error::Error;

fn item_blocks(blocks: &mut Vec<Block>, n: usize, item: &super::Item) {
    blocks.push(Block::para(Style::Heading2, format!("{}{}", ordinal(n), item.problem.trim())));
    if let Some(at) = item_where(item) {
        blocks.push(Block::labelled(w("memo.where"), at));
    }
    if !item.requirement.trim().is_empty() {
        blocks.push(Block::labelled(w("memo.requirement"), item.requirement.trim()));
    }
    if !item.suggestion.trim().is_empty() {
        blocks.push(Block::labelled(w("memo.suggestion"), item.suggestion.trim()));
    }
}

fn closing(blocks: &mut Vec<Block>, office: String, date: String) {
    blocks.push(Block::Blank);
    blocks.push(Block::para(Style::Signature, office));
    blocks.push(Block::para(Style::Signature, date));
}

/// The blocks of a memo.
pub fn memo_document(m: &Memo) -> Document {
    let mut b = vec![Block::para(Style::Title, m.title.trim()), Block::Blank];
    if let Some(a) = m.addressee.as_deref().filter(|a| !a.trim().is_empty()) {
        b.push(Block::para(Style::Flush, format!("{}：", a.trim().trim_end_matches(['：', ':']))));
    }
    if !m.opening.trim().is_empty() {
        b.push(Block::para(Style::Body, m.opening.trim()));
    }
    let (h_overall, h_items, h_review, h_request) = headings(m);
    b.push(Block::para(Style::Heading1, h_overall));
    b.push(Block::para(Style::Body, m.summary.text.trim()));
    if let (Some(h), Some(r)) = (h_review, &m.review) {
        b.push(Block::para(Style::Heading1, h));
        b.push(Block::para(Style::Body, r.summary.trim()));
        for (n, e) in r.earlier.iter().enumerate() {
            b.push(Block::para(
                Style::Heading2,
                format!("{}{}（{}）", ordinal(n), e.item.problem.trim().trim_end_matches('。'), e.label),
            ));
            b.push(Block::labelled(w("memo.evidence"), e.evidence.trim()));
            if let Some(p) = &e.place {
                let at = if e.status == "fixed" { w("memo.found_at") } else { w("memo.where") };
                b.push(Block::labelled(at, where_text(Some(p), 0)));
            }
        }
    }
    b.push(Block::para(Style::Heading1, h_items));
    if m.items.is_empty() {
        b.push(Block::para(Style::Body, if m.review.is_some() { w("memo.no_new") } else { w("memo.no_items") }));
    }
    for (n, item) in m.items.iter().enumerate() {
        item_blocks(&mut b, n, item);
    }
    b.push(Block::para(Style::Heading1, h_request));
    b.push(Block::para(Style::Body, m.request.trim()));
    let (office, date) = signature(m);
    closing(&mut b, office, date);
    Document { title: m.title.clone(), author: m.office.clone(), blocks: b }
}

/// The memo as a .docx file.
pub fn memo(m: &Memo) -> Result<Vec<u8>, Error> {
    docx(&memo_document(m))
}

/// Column widths of the ranking table, in twips, summing to the text width: rank, unit, score, the six
/// dimensions, timeliness, missing contents.
fn ranking_widths() -> Vec<u32> {
    let fixed = [480, 1900, 640, 560, 560, 560, 560, 560, 560, 560];
    let used: u32 = fixed.iter().sum();
    let mut v = fixed.to_vec();
    v.push(TEXT_WIDTH - used);
    v
}

/// The blocks of a 通报.
pub fn bulletin_document(bl: &Bulletin) -> Document {
    let mut b = vec![Block::para(Style::Title, bl.title.clone()), Block::Blank];
    b.push(Block::para(Style::Body, bl.opening.clone()));
    b.push(Block::para(Style::Heading1, w("bulletin.h_overall")));
    b.push(Block::para(Style::Body, bl.overview.clone()));
    b.push(Block::para(Style::Heading1, w("bulletin.h_ranking")));
    let mut rows = vec![bl.ranking_header()];
    rows.extend(bl.ranking_rows());
    b.push(Block::Table { widths: ranking_widths(), rows });
    b.push(Block::para(Style::Body, w("bulletin.ranking_note")));
    b.push(Block::para(Style::Heading1, w("bulletin.h_common")));
    for line in bl.common_lines() {
        b.push(Block::para(Style::Body, line));
    }
    b.push(Block::para(Style::Heading1, w("bulletin.h_focus")));
    for line in bl.focus_lines() {
        b.push(Block::para(Style::Body, line));
    }
    b.push(Block::para(Style::Heading1, w("bulletin.h_request")));
    b.push(Block::para(Style::Body, bl.request.clone()));
    let office = bl.office.clone().unwrap_or_else(|| w("memo.office_blank").into());
    let date = bl.date.as_deref().map(cn_date).unwrap_or_else(|| w("memo.date_blank").into());
    closing(&mut b, office, date);
    Document { title: bl.title.clone(), author: bl.office.clone(), blocks: b }
}

/// The 通报 as a .docx file.
pub fn bulletin(bl: &Bulletin) -> Result<Vec<u8>, Error> {
    docx(&bulletin_document(bl))
}
