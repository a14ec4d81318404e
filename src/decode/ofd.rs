//! OFD (GB/T 33190-2016), the fixed-layout format of China's electronic government documents: a zip
//! package whose `OFD.xml` names each document's root (`Document.xml`), which lists the pages in order
//! and the templates; each page's `Content.xml` holds `TextObject`s (a boundary, a size, an optional
//! CTM) with `TextCode`s: text placed at `X`/`Y`, each next character moved by `DeltaX`/`DeltaY`
//! (`g 5 3.5` repeats 3.5 five times). The glyphs go through the same layout as a PDF's
//! ([`super::layout`]): lines, paragraphs, page furniture. Template pages (`Tpls`: the red header,
//! page numbers drawn once for all pages) are furniture wherever they fall; signatures, seals and
//! annotations are never read.

use std::collections::HashMap;

use super::layout::{self, Glyph, Page};
use super::xml::{tokens, Token};
use super::zip::Archive;
use crate::error::Error;

const MAX_ENTRIES: usize = 20_000;
const MAX_PART: usize = 64 * 1024 * 1024;
const MAX_PAGES: usize = 2_000;

fn bad(why: impl std::fmt::Display) -> Error {
    Error::Undecodable(format!("not a readable OFD file: {why}"))
}

/// Whether a zip archive is an OFD package.
pub fn is_ofd(zip: &Archive) -> bool {
    (0..zip.len()).any(|i| zip.entry(i).0.eq_ignore_ascii_case(b"OFD.xml"))
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// `base` joined with `rel` (an absolute `/…` path is from the package root), `.` and `..` resolved.
fn join(base_dir: &str, rel: &str) -> String {
    let rel = rel.trim();
    let mut parts: Vec<&str> =
        if rel.starts_with('/') { Vec::new() } else { base_dir.split('/').filter(|s| !s.is_empty()).collect() };
    for p in rel.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

struct Package<'a> {
    zip: Archive<'a>,
    names: HashMap<String, usize>,
    read: usize,
}

impl Package<'_> {
    fn part(&mut self, path: &str) -> Result<Option<String>, Error> {
        let key = path.trim_start_matches('/').to_ascii_lowercase();
        let Some(&i) = self.names.get(&key) else { return Ok(None) };
        let data = self.zip.read_at(i, MAX_PART).map_err(bad)?;
        self.read += data.len();
        if self.read > 4 * MAX_PART {
            return Err(bad(format!("its parts inflate beyond {} MB in all", (4 * MAX_PART) >> 20)));
        }
        Ok(Some(String::from_utf8_lossy(&data).into_owned()))
    }
}

/// The text of an OFD package, with a form feed line between pages.
pub fn ofd_to_text(bytes: &[u8]) -> Result<String, Error> {
    let zip = Archive::open(bytes, MAX_ENTRIES).map_err(bad)?;
    let names = (0..zip.len()).map(|i| (String::from_utf8_lossy(zip.entry(i).0).to_ascii_lowercase(), i)).collect();
    let mut pkg = Package { zip, names, read: 0 };
    let ofd = pkg.part("OFD.xml")?.ok_or_else(|| bad("OFD.xml is missing"))?;
    let roots: Vec<String> = texts_of(&ofd, "DocRoot");
    if roots.is_empty() {
        return Err(bad("OFD.xml names no document (DocRoot)"));
    }
    let mut pages = Vec::new();
    for root in roots {
        let root = join("", &root);
        let doc = pkg.part(&root)?.ok_or_else(|| bad(format!("{root} is missing")))?;
        read_document(&mut pkg, &root, &doc, &mut pages)?;
    }
    if pages.iter().all(|p: &Page| p.glyphs.is_empty()) {
        return Err(Error::Undecodable(
            "this OFD file has no text (its pages are images: a scan): run OCR on it first, then try again".into(),
        ));
    }
    Ok(layout::pages_to_text(&pages))
}

/// The text content of every element named `name` (local name).
fn texts_of(xml: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for t in tokens(xml) {
        match t {
            Token::Start(e) if local(e.name) == name && !e.empty => {
                inside = true;
                out.push(String::new());
            }
            Token::Text(s) if inside => {
                if let Some(last) = out.last_mut() {
                    last.push_str(&s);
                }
            }
            Token::End(n) if local(n) == name => inside = false,
            _ => {}
        }
    }
    out.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

fn numbers(s: &str) -> Vec<f32> {
    s.split_ascii_whitespace().filter_map(super::layout::parse_decimal).filter(|v| v.is_finite()).collect()
}

fn read_document(pkg: &mut Package, root: &str, doc: &str, pages: &mut Vec<Page>) -> Result<(), Error> {
    let dir = dir_of(root).to_string();
    let mut page_locs: Vec<String> = Vec::new();
    let mut templates: HashMap<String, String> = HashMap::new();
    let mut physical = [0.0, 0.0, 210.0, 297.0];
    let mut in_box = false;
    let mut in_common = false;
    for t in tokens(doc) {
        match t {
            Token::Start(e) => match local(e.name) {
                "CommonData" => in_common = true,
                "PhysicalBox" if in_common => in_box = !e.empty,
                "Page" => {
                    if let Some(loc) = e.attr("BaseLoc") {
                        if page_locs.len() >= MAX_PAGES {
                            return Err(Error::Undecodable(format!(
                                "this OFD file has more than {MAX_PAGES} pages, more than a report has"
                            )));
                        }
                        page_locs.push(join(&dir, &loc));
                    }
                }
                "TemplatePage" => {
                    if let (Some(id), Some(loc)) = (e.attr("ID"), e.attr("BaseLoc")) {
                        templates.insert(id, join(&dir, &loc));
                    }
                }
                _ => {}
            },
            Token::Text(s) if in_box => {
                let v = numbers(&s);
                if v.len() == 4 {
                    physical = [v[0], v[1], v[2], v[3]];
                }
            }
            Token::End(n) => match local(n) {
                "PhysicalBox" => in_box = false,
                "CommonData" => in_common = false,
                _ => {}
            },
            _ => {}
        }
    }
    let mut template_glyphs: HashMap<String, Vec<Glyph>> = HashMap::new();
    for loc in page_locs {
        let Some(content) = pkg.part(&loc)? else { continue };
        let mut height = physical[3];
        // The page's own box and its templates.
        let mut used_templates = Vec::new();
        let mut in_page_box = false;
        for t in tokens(&content) {
            match t {
                Token::Start(e) if local(e.name) == "Template" => {
                    if let Some(id) = e.attr("TemplateID") {
                        used_templates.push(id);
                    }
                }
                Token::Start(e) if local(e.name) == "PhysicalBox" && !e.empty => in_page_box = true,
                Token::Text(s) if in_page_box => {
                    let v = numbers(&s);
                    if v.len() == 4 {
                        height = v[3];
                    }
                }
                Token::End(n) if local(n) == "PhysicalBox" => in_page_box = false,
                Token::Start(e) if local(e.name) == "Content" => break,
                _ => {}
            }
        }
        let mut page = Page { glyphs: glyphs_of(&content, height), template: Vec::new(), top: height, bottom: 0.0 };
        for id in used_templates {
            if !template_glyphs.contains_key(&id) {
                let g = match templates.get(&id).cloned() {
                    Some(tloc) => pkg.part(&tloc)?.map(|x| glyphs_of(&x, height)).unwrap_or_default(),
                    None => Vec::new(),
                };
                template_glyphs.insert(id.clone(), g);
            }
            page.template.extend(template_glyphs[&id].iter().cloned());
        }
        pages.push(page);
    }
    Ok(())
}

/// DeltaX/DeltaY values, with `g N v` expanded (at most `max` values).
fn deltas(s: &str, max: usize) -> Vec<f32> {
    let mut out = Vec::new();
    let mut it = s.split_ascii_whitespace();
    while let Some(w) = it.next() {
        if out.len() >= max {
            break;
        }
        if w == "g" {
            let n = it.next().and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
            let v = it.next().and_then(super::layout::parse_decimal).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(v, n.min(max - out.len())));
        } else if let Ok(v) = super::layout::parse_decimal(w).ok_or(()) {
            out.push(v);
        }
    }
    out
}

/// The glyphs of a page (or template) content: every TextCode's characters placed, y turned up.
fn glyphs_of(xml: &str, height: f32) -> Vec<Glyph> {
    let mut out = Vec::new();
    // The current TextObject: boundary origin, size, CTM.
    let mut obj: Option<([f32; 2], f32, [f32; 6])> = None;
    let mut code: Option<(f32, f32, Vec<f32>, Vec<f32>)> = None;
    let mut text = String::new();
    for t in tokens(xml) {
        match t {
            Token::Start(e) => match local(e.name) {
                "TextObject" => {
                    let b = numbers(&e.attr("Boundary").unwrap_or_default());
                    let origin = [b.first().copied().unwrap_or(0.0), b.get(1).copied().unwrap_or(0.0)];
                    let size = e.attr("Size").and_then(|s| super::layout::parse_decimal(&s)).unwrap_or(3.5);
                    let ctm = numbers(&e.attr("CTM").unwrap_or_default());
                    let ctm = if ctm.len() == 6 {
                        [ctm[0], ctm[1], ctm[2], ctm[3], ctm[4], ctm[5]]
                    } else {
                        [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
                    };
                    obj = Some((origin, size, ctm));
                }
                "TextCode" if !e.empty => {
                    let x = e.attr("X").and_then(|v| super::layout::parse_decimal(&v)).unwrap_or(0.0);
                    let y = e.attr("Y").and_then(|v| super::layout::parse_decimal(&v)).unwrap_or(0.0);
                    let dx = deltas(&e.attr("DeltaX").unwrap_or_default(), 100_000);
                    let dy = deltas(&e.attr("DeltaY").unwrap_or_default(), 100_000);
                    code = Some((x, y, dx, dy));
                    text.clear();
                }
                _ => {}
            },
            Token::Text(s) if code.is_some() => text.push_str(&s),
            Token::End(n) => match local(n) {
                "TextCode" => {
                    if let (Some((x, y, dx, dy)), Some((origin, size, ctm))) = (code.take(), obj) {
                        let scale = (ctm[0] * ctm[3] - ctm[1] * ctm[2]).abs().sqrt().max(0.01);
                        let size = size * scale;
                        let (mut px, mut py) = (x, y);
                        let chars: Vec<char> = text.chars().filter(|c| !c.is_control()).collect();
                        for (i, c) in chars.iter().enumerate() {
                            let (tx, ty) = (px * ctm[0] + py * ctm[2] + ctm[4], px * ctm[1] + py * ctm[3] + ctm[5]);
                            let advance = dx.get(i).copied().map(|d| d * scale).unwrap_or(size);
                            if out.len() < 4_000_000 {
                                out.push(Glyph {
                                    x: origin[0] + tx,
                                    y: height - (origin[1] + ty),
                                    w: if dy.get(i).is_some_and(|d| *d != 0.0) { size } else { advance.max(0.0) },
                                    size,
                                    text: c.to_string(),
                                });
                            }
                            px += dx.get(i).copied().unwrap_or(if dy.is_empty() { size / scale } else { 0.0 });
                            py += dy.get(i).copied().unwrap_or(0.0);
                        }
                    }
                }
                "TextObject" => obj = None,
                _ => {}
            },
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_deltas() {
        assert_eq!(join("Doc_0", "Pages/Page_0/Content.xml"), "Doc_0/Pages/Page_0/Content.xml");
        assert_eq!(join("Doc_0", "/Doc_0/Tpls/Tpl_0/Content.xml"), "Doc_0/Tpls/Tpl_0/Content.xml");
        assert_eq!(join("Doc_0/Pages", "../Res/x.xml"), "Doc_0/Res/x.xml");
        assert_eq!(deltas("g 3 2.5 1 g 2 4", 100), [2.5, 2.5, 2.5, 1.0, 4.0, 4.0]);
        assert_eq!(deltas("g 1000000000 1", 10).len(), 10);
    }
}
