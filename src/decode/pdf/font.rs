//! Fonts as text extraction needs them (ISO 32000-1 §9.5–9.10): how a string splits into character
//! codes, each code's Unicode text and its advance width.
//!
//! Unicode comes from, in order: the font's ToUnicode CMap; a predefined CMap that is itself an
//! encoding (UCS-2, UTF-16, GBK, Big5: decoded from the code's bytes); for `Identity` CID fonts without
//! a ToUnicode map, the embedded TrueType/OpenType font's own `cmap` table read backwards (glyph →
//! character); for simple fonts, the encoding (WinAnsi, Standard, `Differences` with glyph names).

use std::collections::HashMap;

use super::cmap::{be, CMap, Code, Predefined};
use super::file::File;
use super::object::{Dict, Obj};
use crate::decode::{Charset, LegacyDecoder};

pub struct Font {
    composite: bool,
    /// The font's encoding CMap (composite fonts).
    encoding: CMap,
    predefined: Option<Predefined>,
    to_unicode: Option<CMap>,
    /// Glyph → character, from the embedded font program's `cmap` table.
    glyph_chars: HashMap<u16, char>,
    /// CID → glyph of a CIDFontType2 with a /CIDToGIDMap stream.
    cid_to_gid: Option<Vec<u16>>,
    /// Simple fonts: code → character by the encoding.
    simple: [Option<char>; 256],
    /// Widths in text space units ×1000: simple fonts by code, CID fonts by CID.
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space → text space (Type3 fonts; 0.001 for the others).
    pub scale: f32,
    /// The font is written vertically (`-V` CMaps).
    pub vertical: bool,
    #[allow(dead_code)]
    pub name: String,
    /// A simple font whose strings are GBK byte codes (older Chinese writers: a non-embedded 宋体 with
    /// WinAnsiEncoding and no ToUnicode map, as pdf.js's XiaoBiaoSong.pdf).
    simple_gbk: bool,
    /// Codes already decoded through the legacy decoder (in wasm, a call into JavaScript each).
    legacy_cache: std::cell::RefCell<HashMap<u32, Box<str>>>,
}

/// One decoded character code.
pub struct Glyph<'s> {
    pub code: Code,
    /// Its text (empty when the font does not say).
    pub text: &'s str,
    pub width: f32,
}

impl Font {
    pub fn load(file: &File, dict: &Dict, legacy: &dyn LegacyDecoder) -> Font {
        let subtype = file.get(dict, b"Subtype");
        let composite = subtype.as_name() == Some(b"Type0");
        let name =
            file.get(dict, b"BaseFont").as_name().map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
        let to_unicode = match &*file.get(dict, b"ToUnicode") {
            Obj::Stream(s) => file.stream_data(s).ok().map(|d| CMap::parse(&d)),
            _ => None,
        };
        let mut font = Font {
            composite,
            encoding: CMap::default(),
            predefined: None,
            to_unicode,
            glyph_chars: HashMap::new(),
            cid_to_gid: None,
            simple: [None; 256],
            widths: HashMap::new(),
            default_width: 1000.0,
            scale: 0.001,
            vertical: false,
            name,
            legacy_cache: Default::default(),
            simple_gbk: false,
        };
        if composite {
            font.load_composite(file, dict);
        } else {
            font.load_simple(file, dict, subtype.as_name() == Some(b"Type3"));
            let raw_name = file.get(dict, b"BaseFont");
            let embedded = file
                .get(dict, b"FontDescriptor")
                .as_dict()
                .is_some_and(|d| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.get(k).is_some()));
            font.simple_gbk = font.to_unicode.is_none()
                && !embedded
                && raw_name.as_name().is_some_and(|n| is_cjk_font_name(n, legacy));
        }
        let _ = legacy;
        font
    }

    fn load_composite(&mut self, file: &File, dict: &Dict) {
        match &*file.get(dict, b"Encoding") {
            Obj::Name(n) => {
                self.predefined = Predefined::by_name(n);
                self.vertical = n.ends_with(b"-V");
            }
            Obj::Stream(s) => {
                if let Ok(d) = file.stream_data(s) {
                    self.encoding = CMap::parse(&d);
                    self.predefined = self.encoding.predefined;
                }
                if let Some(n) = s.dict.get(b"UseCMap").and_then(Obj::as_name) {
                    self.predefined = self.predefined.or(Predefined::by_name(n));
                }
            }
            _ => self.predefined = Some(Predefined::Identity),
        }
        let descendant = file.get(dict, b"DescendantFonts");
        let Some(cid_font) = descendant.as_array().and_then(|a| a.first()).map(|d| file.resolve(d)) else { return };
        let Some(cid) = cid_font.as_dict() else { return };
        self.default_width = file.get(cid, b"DW").as_f64().unwrap_or(1000.0) as f32;
        if let Some(w) = file.get(cid, b"W").as_array() {
            let mut i = 0;
            let mut count = 0usize;
            while i + 1 < w.len() && count < 1 << 20 {
                let Some(first) = file.resolve(&w[i]).as_i64() else { break };
                let next = file.resolve(&w[i + 1]);
                if let Some(list) = next.as_array() {
                    for (k, v) in list.iter().enumerate() {
                        if let Some(v) = file.resolve(v).as_f64() {
                            self.widths.insert((first as u32).wrapping_add(k as u32), v as f32);
                        }
                    }
                    count += list.len();
                    i += 2;
                } else {
                    let (Some(last), Some(v)) = (next.as_i64(), w.get(i + 2).and_then(|x| file.resolve(x).as_f64()))
                    else {
                        break;
                    };
                    let span = (last - first).clamp(0, 65_535);
                    for c in first..=first + span {
                        self.widths.insert(c as u32, v as f32);
                    }
                    count += span as usize + 1;
                    i += 3;
                }
            }
        }
        if !matches!(self.predefined, Some(Predefined::Identity) | None) {
            return;
        }
        // The embedded font program's cmap, read backwards: for fonts without a ToUnicode map, and for
        // the glyphs a ToUnicode map leaves out (Chromium's omit glyphs that several characters share).
        let descriptor = file.get(cid, b"FontDescriptor");
        if let Some(program) = descriptor.as_dict().and_then(|d| font_program(file, d)) {
            self.glyph_chars = super::sfnt::glyph_to_char(&program);
        }
        if let Obj::Stream(s) = &*file.get(cid, b"CIDToGIDMap") {
            if let Ok(d) = file.stream_data(s) {
                self.cid_to_gid = Some(d.chunks_exact(2).map(|c| u16::from(c[0]) << 8 | u16::from(c[1])).collect());
            }
        }
    }

    fn load_simple(&mut self, file: &File, dict: &Dict, type3: bool) {
        let descriptor = file.get(dict, b"FontDescriptor");
        let missing = descriptor.as_dict().and_then(|d| file.get(d, b"MissingWidth").as_f64()).unwrap_or(0.0);
        let first = file.get(dict, b"FirstChar").as_i64().unwrap_or(0);
        if let Some(ws) = file.get(dict, b"Widths").as_array() {
            for (k, w) in ws.iter().enumerate().take(256) {
                if let Some(w) = file.resolve(w).as_f64() {
                    self.widths.insert((first + k as i64) as u32, w as f32);
                }
            }
            self.default_width = missing as f32;
        } else {
            // The standard 14 fonts come without widths: an average Latin advance.
            self.default_width = if missing > 0.0 { missing as f32 } else { 500.0 };
        }
        if type3 {
            let m = file.get(dict, b"FontMatrix");
            self.scale =
                m.as_array().and_then(|a| a.first()).and_then(|v| file.resolve(v).as_f64()).unwrap_or(0.001) as f32;
        }
        // The encoding: a base table with Differences.
        let enc = file.get(dict, b"Encoding");
        let base = match &*enc {
            Obj::Name(n) => n.clone(),
            Obj::Dict(d) => file.get(d, b"BaseEncoding").as_name().map(<[u8]>::to_vec).unwrap_or_default(),
            _ => Vec::new(),
        };
        for c in 0..=255u8 {
            self.simple[usize::from(c)] = match base.as_slice() {
                b"StandardEncoding" => standard(c),
                b"MacRomanEncoding" => mac_roman(c),
                _ => win_ansi(c),
            };
        }
        if let Some(diffs) = enc.as_dict().map(|d| file.get(d, b"Differences")) {
            if let Some(items) = diffs.as_array() {
                let mut code = 0i64;
                for item in items {
                    match item {
                        Obj::Int(n) => code = *n,
                        Obj::Name(glyph) => {
                            if (0..256).contains(&code) {
                                self.simple[code as usize] = glyph_char(glyph);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Split `s` into codes and call `f` on each with its text and width.
    pub fn each_glyph(&self, s: &[u8], legacy: &dyn LegacyDecoder, buf: &mut String, mut f: impl FnMut(Glyph)) {
        let mut i = 0;
        while i < s.len() {
            let len = if self.simple_gbk {
                Predefined::Gbk.code_len(&s[i..])
            } else if !self.composite {
                1
            } else if let Some(n) = self.encoding.code_len(&s[i..]) {
                n
            } else if let Some(p) = self.predefined {
                p.code_len(&s[i..])
            } else {
                2
            }
            .clamp(1, s.len() - i);
            let code = Code { value: be(&s[i..i + len]), len: len as u8 };
            i += len;
            buf.clear();
            self.unicode_of(code, legacy, buf);
            let key = if self.composite { self.cid_of(code) } else { code.value };
            let w = if self.simple_gbk && len > 1 { Some(1000.0) } else { self.widths.get(&key).copied() };
            let w = w.unwrap_or(if self.composite && len == 1 { self.default_width / 2.0 } else { self.default_width });
            f(Glyph { code, text: buf, width: w * self.scale });
        }
    }

    fn cid_of(&self, code: Code) -> u32 {
        if let Some(cid) = self.encoding.cid(code) {
            return cid;
        }
        match self.predefined {
            Some(Predefined::Identity) | None => code.value,
            // Without the CMap's table the CID is unknown: the default width applies.
            _ => u32::MAX,
        }
    }

    fn unicode_of(&self, code: Code, legacy: &dyn LegacyDecoder, out: &mut String) {
        if let Some(t) = self.to_unicode.as_ref().and_then(|m| m.lookup(code)) {
            out.push_str(t);
            return;
        }
        if !(self.composite || self.simple_gbk && code.len > 1) {
            if let Some(c) = self.simple[code.value as usize & 0xFF] {
                out.push(c);
            }
            return;
        }
        let bytes = &code.value.to_be_bytes()[4 - usize::from(code.len)..];
        let predefined = if self.simple_gbk { Some(Predefined::Gbk) } else { self.predefined };
        match predefined {
            Some(Predefined::Ucs2) => {
                if let Some(c) = char::from_u32(code.value) {
                    out.push(c);
                }
            }
            Some(Predefined::Utf16) => {
                let units: Vec<u16> =
                    bytes.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0))).collect();
                out.extend(char::decode_utf16(units).filter_map(Result::ok));
            }
            Some(p @ (Predefined::Gbk | Predefined::Big5)) => {
                if code.len == 1 {
                    out.push(char::from(bytes[0]));
                } else {
                    let mut cache = self.legacy_cache.borrow_mut();
                    let t = cache.entry(code.value).or_insert_with(|| {
                        let cs = if p == Predefined::Gbk { Charset::Gb18030 } else { Charset::Big5 };
                        legacy.decode(cs, bytes).unwrap_or_default().into_boxed_str()
                    });
                    out.push_str(t);
                }
            }
            Some(Predefined::Identity) | None => {
                let cid = self.cid_of(code);
                let gid = match &self.cid_to_gid {
                    Some(map) => map.get(cid as usize).copied(),
                    None => u16::try_from(cid).ok(),
                };
                if let Some(c) = gid.and_then(|g| self.glyph_chars.get(&g)) {
                    out.push(*c);
                }
            }
        }
    }
}

/// A Chinese font by its name: a name in GBK (`宋体`), or one of the Chinese system fonts' names.
fn is_cjk_font_name(name: &[u8], legacy: &dyn LegacyDecoder) -> bool {
    let name = name.rsplit(|&b| b == b'+').next().unwrap_or(name);
    if !name.is_ascii() {
        return legacy
            .decode(Charset::Gb18030, name)
            .is_some_and(|n| n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    }
    let n = String::from_utf8_lossy(name).to_ascii_lowercase();
    [
        "simsun",
        "simhei",
        "simfang",
        "simkai",
        "kaiti",
        "fangsong",
        "stsong",
        "stheiti",
        "stkaiti",
        "stfangsong",
        "nsimsun",
        "microsoftyahei",
        "yahei",
        "mingliu",
        "fzxiaobiaosong",
        "xiaobiaosong",
        "songti",
        "heiti",
    ]
    .iter()
    .any(|k| n.replace([' ', '-', '_'], "").contains(k))
}

/// The embedded TrueType or OpenType program of a font descriptor, decoded.
fn font_program(file: &File, descriptor: &Dict) -> Option<Vec<u8>> {
    for key in [&b"FontFile2"[..], b"FontFile3"] {
        if let Obj::Stream(s) = &*file.get(descriptor, key) {
            let data = file.stream_data(s).ok()?;
            if data.starts_with(&[0, 1, 0, 0]) || data.starts_with(b"true") || data.starts_with(b"OTTO") {
                return Some(data);
            }
        }
    }
    None
}

/// WinAnsiEncoding (Windows-1252), the default of simple fonts.
pub(crate) fn win_ansi(c: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D,
        0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,
        0x017E, 0x0178,
    ];
    match c {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(c)),
        0x80..=0x9F => char::from_u32(u32::from(HIGH[usize::from(c - 0x80)])).filter(|&c| c != '\0'),
        b'\t' | b'\n' | b'\r' => Some(' '),
        _ => None,
    }
}

/// StandardEncoding: ASCII with typographic quotes; its upper half as WinAnsi's common marks.
fn standard(c: u8) -> Option<char> {
    match c {
        0x27 => Some('\u{2019}'),
        0x60 => Some('\u{2018}'),
        0x20..=0x7E => Some(char::from(c)),
        _ => None,
    }
}

/// MacRomanEncoding: ASCII; the upper half is rare in Chinese reports and left out.
fn mac_roman(c: u8) -> Option<char> {
    (0x20..=0x7E).contains(&c).then_some(char::from(c))
}

/// The character of a glyph name: `uniXXXX`, `uXXXX[XX]`, and the Adobe Glyph List names of ASCII
/// and common punctuation.
pub fn glyph_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    let n = n.split('.').next().unwrap_or(n);
    if let Some(hex) = n.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = n.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Ok(v) = u32::from_str_radix(hex, 16) {
            return char::from_u32(v);
        }
    }
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return n.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("quoteleft", '\u{2018}'),
        ("quoteright", '\u{2019}'),
        ("quotedblleft", '\u{201C}'),
        ("quotedblright", '\u{201D}'),
        ("endash", '\u{2013}'),
        ("emdash", '\u{2014}'),
        ("bullet", '\u{2022}'),
        ("ellipsis", '\u{2026}'),
        ("periodcentered", '\u{B7}'),
        ("degree", '\u{B0}'),
        ("copyright", '\u{A9}'),
        ("registered", '\u{AE}'),
        ("minus", '\u{2212}'),
        ("multiply", '\u{D7}'),
        ("divide", '\u{F7}'),
        ("section", '\u{A7}'),
        ("nbspace", '\u{A0}'),
        ("fi", '\u{FB01}'),
        ("fl", '\u{FB02}'),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"uni4E2D"), Some('中'));
        assert_eq!(glyph_char(b"u1F600"), Some('😀'));
        assert_eq!(glyph_char(b"three"), Some('3'));
        assert_eq!(glyph_char(b"A"), Some('A'));
        assert_eq!(glyph_char(b"comma.alt"), Some(','));
        assert_eq!(glyph_char(b"g123"), None);
        assert_eq!(win_ansi(0x93), Some('\u{201C}'));
        assert_eq!(win_ansi(0x81), None);
    }
}
