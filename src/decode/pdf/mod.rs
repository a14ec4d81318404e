//! PDF files with a text layer → their text (a reader of our own: see docs/formats.md for why not a
//! crate). `file` reads the structure, `filters` the streams, `font`/`cmap`/`sfnt` the fonts'
//! character maps, `content` runs the pages' text operators, and [`super::layout`] puts the placed
//! glyphs back into lines and paragraphs.
//!
//! Refused with a message that says why: encrypted files, files with no text layer (a scan: run OCR
//! first), fonts without any character map for most of the text, more than [`Limits::pages`] pages,
//! and hostile structure (streams that inflate beyond the limits, endless operator lists); reference
//! loops and deep nesting end by bounds, never by a stack overflow.

mod cmap;
mod content;
mod file;
mod filters;
mod font;
pub(crate) use font::win_ansi;
mod object;
mod sfnt;

use std::collections::HashSet;

use self::content::{mul, Interpreter, Matrix, PageText};
use self::file::File;
use self::object::{Dict, Obj};
use super::layout::{self, Glyph, Page};
use super::LegacyDecoder;
use crate::error::Error;

/// Bounds on the work one file may ask for.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub pages: usize,
    /// Bytes one stream may decode to.
    pub stream: usize,
    /// Bytes all streams together may decode to.
    pub total_decoded: usize,
    /// Objects kept in the cache.
    pub objects: usize,
    /// Content-stream operators over the whole document.
    pub operators: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { pages: 2_000, stream: 64 << 20, total_decoded: 512 << 20, objects: 1 << 20, operators: 50_000_000 }
    }
}

fn bad(why: impl std::fmt::Display) -> Error {
    Error::Undecodable(format!("not a readable PDF: {why}"))
}

/// The text of a PDF, with a form feed line between pages.
pub fn pdf_to_text(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Result<String, Error> {
    pdf_to_text_with(bytes, legacy, Limits::default())
}

pub fn pdf_to_text_with(bytes: &[u8], legacy: &dyn LegacyDecoder, limits: Limits) -> Result<String, Error> {
    if !bytes.starts_with(b"%PDF") && memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF").is_none() {
        return Err(bad("it does not start with %PDF"));
    }
    let file = File::open(bytes, limits).map_err(bad)?;
    if file.trailer.get(b"Encrypt").is_some_and(|e| !matches!(*file.resolve(e), Obj::Null)) {
        return Err(Error::Undecodable(
            "this PDF is encrypted (password-protected or copy-restricted): open it in a PDF reader, print it to a new PDF or save its text, and try again".into(),
        ));
    }
    let root = file.get(&file.trailer, b"Root");
    let catalog = root.as_dict().ok_or_else(|| bad("no document catalog"))?;
    let pages_root = file.get(catalog, b"Pages");
    let mut pages = Vec::new();
    let mut visited = HashSet::new();
    collect_pages(&file, &pages_root, &Inherited::default(), &mut pages, &mut visited, 0)?;
    if pages.is_empty() {
        return Err(bad("it has no pages"));
    }
    let mut interp = Interpreter::new(&file, legacy, limits.operators);
    let (mut images, mut unmapped, mut glyphs) = (0usize, 0usize, 0usize);
    let mut laid = Vec::with_capacity(pages.len());
    for page in &pages {
        let mut out = PageText::default();
        let content = page_content(&file, &page.dict).map_err(bad)?;
        interp.page(&content, &page.resources, page.ctm, &mut out).map_err(bad)?;
        images += out.images;
        unmapped += out.unmapped;
        glyphs += out.chars.len();
        let g = out
            .chars
            .iter()
            .map(|c| Glyph {
                x: c.x,
                y: c.y,
                w: c.w,
                size: c.size,
                text: out.text[c.start as usize..c.end as usize].to_string(),
            })
            .collect();
        laid.push(Page { glyphs: g, template: Vec::new(), top: page.height, bottom: 0.0 });
    }
    if glyphs == 0 && unmapped == 0 {
        return Err(Error::Undecodable(if images > 0 {
            "this PDF is a scanned image without a text layer: run OCR on it first (or ask for the original document), then try again".into()
        } else {
            "this PDF has no text layer (its pages hold no text): run OCR on it first, then try again".into()
        }));
    }
    if unmapped > glyphs {
        return Err(Error::Undecodable(format!(
            "this PDF's fonts do not say which characters they draw ({unmapped} of {} glyphs without a character map): its text cannot be extracted reliably; print it to a new PDF or run OCR, then try again",
            unmapped + glyphs
        )));
    }
    let text = layout::pages_to_text(&laid);
    if text.len() > crate::MAX_INPUT_BYTES {
        return Err(Error::TooLarge { bytes: text.len(), limit: crate::MAX_INPUT_BYTES });
    }
    Ok(text)
}

#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Dict>,
    media_box: Option<[f32; 4]>,
    rotate: Option<i64>,
}

struct PageRef {
    dict: Dict,
    resources: Dict,
    ctm: Matrix,
    height: f32,
}

fn collect_pages(
    file: &File,
    node: &Obj,
    inherited: &Inherited,
    out: &mut Vec<PageRef>,
    visited: &mut HashSet<u32>,
    depth: usize,
) -> Result<(), Error> {
    if depth > 64 {
        return Err(bad("its page tree is nested too deep (a loop?)"));
    }
    let Some(dict) = node.as_dict() else { return Ok(()) };
    let mut inh = inherited.clone();
    if let Some(r) = file.get(dict, b"Resources").as_dict() {
        inh.resources = Some(r.clone());
    }
    if let Some(b) = file.get(dict, b"MediaBox").as_array().filter(|a| a.len() == 4) {
        let v: Vec<f32> = b.iter().map(|o| file.resolve(o).as_f64().unwrap_or(0.0) as f32).collect();
        inh.media_box = Some([v[0], v[1], v[2], v[3]]);
    }
    if let Some(r) = file.get(dict, b"Rotate").as_i64() {
        inh.rotate = Some(r);
    }
    let kids = file.get(dict, b"Kids");
    let is_page = dict.get(b"Type").and_then(Obj::as_name) == Some(b"Page") || kids.as_array().is_none();
    if is_page {
        if out.len() >= file.limits.pages {
            let declared = file.get(dict, b"Count").as_i64();
            let _ = declared;
            return Err(Error::Undecodable(format!(
                "this PDF has more than {} pages, more than a report has: split it, or extract its text with another tool",
                file.limits.pages
            )));
        }
        let [x0, y0, x1, y1] = inh.media_box.unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        // Rotated pages: text comes out upright in the rotated frame.
        let rot = inh.rotate.unwrap_or(0).rem_euclid(360);
        let base = [1.0, 0.0, 0.0, 1.0, -x0.min(x1), -y0.min(y1)];
        let (ctm, height) = match rot {
            90 => (mul(&base, &[0.0, -1.0, 1.0, 0.0, 0.0, w]), w),
            180 => (mul(&base, &[-1.0, 0.0, 0.0, -1.0, w, h]), h),
            270 => (mul(&base, &[0.0, 1.0, -1.0, 0.0, h, 0.0]), w),
            _ => (base, h),
        };
        out.push(PageRef { dict: dict.clone(), resources: inh.resources.clone().unwrap_or_default(), ctm, height });
        return Ok(());
    }
    // A declared count far beyond the limit: refuse before walking it.
    if depth == 0 {
        if let Some(n) = file.get(dict, b"Count").as_i64() {
            if n > file.limits.pages as i64 {
                return Err(Error::Undecodable(format!(
                    "this PDF has {n} pages, more than a report has (the limit is {}): split it, or extract its text with another tool",
                    file.limits.pages
                )));
            }
        }
    }
    for kid in kids.as_array().unwrap_or(&[]) {
        if let Obj::Ref(n, _) = kid {
            if !visited.insert(*n) {
                continue;
            }
        }
        let k = file.resolve(kid);
        collect_pages(file, &k, &inh, out, visited, depth + 1)?;
    }
    Ok(())
}

/// A page's content: its stream, or its streams joined (a damaged one left out; one beyond the limits
/// is an error).
fn page_content(file: &File, page: &Dict) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let c = file.get(page, b"Contents");
    let parts: Vec<std::rc::Rc<Obj>> = match &*c {
        Obj::Array(a) => a.iter().map(|o| file.resolve(o)).collect(),
        _ => vec![c.clone()],
    };
    for p in parts {
        if let Obj::Stream(s) = &*p {
            match file.stream_data(s) {
                Ok(d) => {
                    out.extend_from_slice(&d);
                    out.push(b'\n');
                }
                Err(e) if e.contains("beyond") => return Err(e),
                Err(_) => {}
            }
        }
    }
    Ok(out)
}
