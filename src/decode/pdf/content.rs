//! Content streams (ISO 32000-1 §8–9): the text operators run with the graphics state they depend on
//! (`cm`, `q`/`Q`, `BT`, `Tf`, `Td`/`TD`/`Tm`/`T*`, `Tc`/`Tw`/`Tz`/`TL`/`Ts`, `Tj`/`TJ`/`'`/`"`), form
//! XObjects followed (with their matrix and resources, nested at most [`MAX_FORM_DEPTH`] deep),
//! images counted (a page of images without text is a scan), inline images skipped. Every glyph comes
//! out with its position in page space, its advance and its size.

use std::collections::HashMap;
use std::rc::Rc;

use super::file::File;
use super::font::Font;
use super::object::{Dict, Lexer, Obj, Tok};
use crate::decode::LegacyDecoder;

const MAX_FORM_DEPTH: usize = 8;
const MAX_STACK: usize = 64;

pub type Matrix = [f32; 6];
pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

pub fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// A glyph placed on the page: its origin (page space, y up), advance along the line, size, and its
/// text in the page's text buffer.
#[derive(Clone, Copy, Debug)]
pub struct Char {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub size: f32,
    pub start: u32,
    pub end: u32,
}

/// What a page's content gave.
#[derive(Default)]
pub struct PageText {
    pub chars: Vec<Char>,
    pub text: String,
    pub images: usize,
    /// Glyphs whose font gave no text for them.
    pub unmapped: usize,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

pub struct Interpreter<'f, 'a> {
    pub file: &'f File<'a>,
    pub legacy: &'f dyn LegacyDecoder,
    /// Fonts by their dictionary's object (or a running number for direct dictionaries).
    pub fonts: HashMap<usize, Rc<Font>>,
    /// Operators left for the document ([`super::Limits::operators`]).
    pub budget: usize,
    glyph_buf: String,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(file: &'f File<'a>, legacy: &'f dyn LegacyDecoder, budget: usize) -> Self {
        Interpreter { file, legacy, fonts: HashMap::new(), budget, glyph_buf: String::new() }
    }

    /// Run the page's content streams.
    pub fn page(&mut self, content: &[u8], resources: &Dict, ctm: Matrix, out: &mut PageText) -> Result<(), String> {
        let state =
            State { ctm, font: None, size: 0.0, char_space: 0.0, word_space: 0.0, scale: 1.0, leading: 0.0, rise: 0.0 };
        self.run(content, resources, state, 0, out)
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.file.get(resources, b"Font");
        let entry = fonts.as_dict()?.get(name)?.clone();
        let key = match entry {
            Obj::Ref(n, _) => n as usize,
            _ => usize::MAX - self.fonts.len(),
        };
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let dict = self.file.resolve(&entry);
        let font = Rc::new(Font::load(self.file, dict.as_dict()?, self.legacy));
        if self.fonts.len() < 10_000 {
            self.fonts.insert(key, font.clone());
        }
        Some(font)
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &Dict,
        mut st: State,
        depth: usize,
        out: &mut PageText,
    ) -> Result<(), String> {
        let mut stack: Vec<State> = Vec::new();
        let mut ops: Vec<Obj> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut lx = Lexer::new(content, 0);
        while let Some(tok) = lx.token() {
            let op = match tok {
                Tok::Keyword(k) => k,
                Tok::Obj(o) => {
                    if ops.len() < 1024 {
                        ops.push(o);
                    }
                    continue;
                }
                t @ (Tok::ArrayOpen | Tok::DictOpen) => {
                    if let Some(o) = lx.object_from(t, 0) {
                        if ops.len() < 1024 {
                            ops.push(o);
                        }
                    }
                    continue;
                }
                Tok::ArrayClose | Tok::DictClose => continue,
            };
            if self.budget == 0 {
                return Err(
                    "its pages hold more drawing operators than a report could (a damaged or hostile file)".into()
                );
            }
            self.budget -= 1;
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0) as f32;
            let nums6 = || -> Option<Matrix> {
                if ops.len() < 6 {
                    return None;
                }
                let v: Vec<f32> = ops[ops.len() - 6..].iter().map(|o| o.as_f64().unwrap_or(0.0) as f32).collect();
                Some([v[0], v[1], v[2], v[3], v[4], v[5]])
            };
            match op {
                b"q" if stack.len() < MAX_STACK => stack.push(st.clone()),
                b"q" => {}
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        st = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = nums6() {
                        st.ctm = mul(&m, &st.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let Some(Obj::Name(n)) = ops.first() {
                        st.font = self.font(resources, n);
                    }
                    st.size = num(1);
                }
                b"Tc" => st.char_space = num(0),
                b"Tw" => st.word_space = num(0),
                b"Tz" => st.scale = num(0) / 100.0,
                b"TL" => st.leading = num(0),
                b"Ts" => st.rise = num(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    st.leading = -num(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = nums6() {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" {
                            st.word_space = num(0);
                            st.char_space = num(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -st.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Obj::Str(s)) = ops.last() {
                        self.show(s, &st, &mut tm, out);
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = ops.last() {
                        for item in items {
                            match item {
                                Obj::Str(s) => self.show(s, &st, &mut tm, out),
                                o => {
                                    let adj = o.as_f64().unwrap_or(0.0) as f32;
                                    let tx = -adj / 1000.0 * st.size * st.scale;
                                    let vertical = st.font.as_ref().is_some_and(|f| f.vertical);
                                    let m = if vertical {
                                        [1.0, 0.0, 0.0, 1.0, 0.0, tx]
                                    } else {
                                        [1.0, 0.0, 0.0, 1.0, tx, 0.0]
                                    };
                                    tm = mul(&m, &tm);
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Obj::Name(n)) = ops.first() {
                        self.xobject(resources, n, &st, depth, out)?;
                    }
                }
                b"BI" => {
                    // An inline image: skip to `EI` after its data.
                    out.images += 1;
                    if let Some(k) = memchr::memmem::find(&content[lx.at..], b"ID") {
                        let mut at = lx.at + k + 3;
                        loop {
                            match memchr::memmem::find(&content[at..], b"EI") {
                                Some(e) => {
                                    let p = at + e;
                                    let before = p == 0 || super::object::is_white(content[p - 1]);
                                    let after = content.get(p + 2).is_none_or(|&b| super::object::is_white(b));
                                    at = p + 2;
                                    if before && after {
                                        break;
                                    }
                                }
                                None => {
                                    at = content.len();
                                    break;
                                }
                            }
                        }
                        lx.at = at;
                    } else {
                        lx.at = content.len();
                    }
                }
                _ => {}
            }
            ops.clear();
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: &Dict,
        name: &[u8],
        st: &State,
        depth: usize,
        out: &mut PageText,
    ) -> Result<(), String> {
        let xobjects = self.file.get(resources, b"XObject");
        let Some(entry) = xobjects.as_dict().and_then(|d| d.get(name)).cloned() else { return Ok(()) };
        let obj = self.file.resolve(&entry);
        let Obj::Stream(s) = &*obj else { return Ok(()) };
        match s.dict.get(b"Subtype").and_then(Obj::as_name) {
            Some(b"Image") => out.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let Ok(data) = self.file.stream_data(s) else { return Ok(()) };
                let m = match s.dict.get(b"Matrix").map(|m| self.file.resolve(m)).as_deref().and_then(Obj::as_array) {
                    Some(a) if a.len() == 6 => {
                        let v: Vec<f32> = a.iter().map(|o| o.as_f64().unwrap_or(0.0) as f32).collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    }
                    _ => IDENTITY,
                };
                let own = self.file.get(&s.dict, b"Resources");
                let res = own.as_dict().unwrap_or(resources).clone();
                let mut inner = st.clone();
                inner.ctm = mul(&m, &st.ctm);
                self.run(&data, &res, inner, depth + 1, out)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Show a string: each glyph placed at the current text matrix, which then advances.
    fn show(&mut self, s: &[u8], st: &State, tm: &mut Matrix, out: &mut PageText) {
        let Some(font) = st.font.clone() else { return };
        let mut buf = std::mem::take(&mut self.glyph_buf);
        let size = st.size;
        font.each_glyph(s, self.legacy, &mut buf, |g| {
            let trm = mul(&[size * st.scale, 0.0, 0.0, size, 0.0, st.rise], &mul(tm, &st.ctm));
            let device_size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let space = if g.code.len == 1 && g.code.value == 32 { st.word_space } else { 0.0 };
            let advance = if font.vertical {
                -(g.width * size) + st.char_space + space
            } else {
                (g.width * size + st.char_space + space) * st.scale
            };
            // The advance in page space: along the text matrix's x axis.
            let adv_page = {
                let m = mul(tm, &st.ctm);
                let (dx, dy) = (advance * m[0], advance * m[1]);
                (dx * dx + dy * dy).sqrt()
            };
            if g.text.is_empty() {
                out.unmapped += 1;
            } else if out.text.len() < u32::MAX as usize / 2 {
                let start = out.text.len() as u32;
                out.text.extend(g.text.chars().filter(|c| !c.is_control() || *c == '\t'));
                let end = out.text.len() as u32;
                if end > start {
                    out.chars.push(Char { x: trm[4], y: trm[5], w: adv_page, size: device_size, start, end });
                }
            }
            let m = if font.vertical { [1.0, 0.0, 0.0, 1.0, 0.0, advance] } else { [1.0, 0.0, 0.0, 1.0, advance, 0.0] };
            *tm = mul(&m, tm);
        });
        self.glyph_buf = buf;
    }
}
