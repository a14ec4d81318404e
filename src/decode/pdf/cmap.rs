//! CMaps (Adobe Technical Note 5099/5014): the ToUnicode maps of fonts (`bfchar`, `bfrange`) and
//! embedded encoding CMaps (`codespacerange`, `cidrange`, `cidchar`), read from their PostScript-like
//! text; and the predefined CMaps of Chinese PDFs by name, decoded without their tables: `UniGB-UCS2-H`
//! and the other `Uni…-UCS2`/`UTF16` ones are Unicode already, `GBK-EUC-H`, `GB-EUC-H`, `GBpc-EUC-H`
//! are GBK byte codes (decoded as GB18030), `B5pc-H`/`ETen-B5-H` Big5.

use std::collections::HashMap;

use super::object::{Lexer, Obj, Tok};

/// A character code: its bytes as a number and how many bytes it took.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Code {
    pub value: u32,
    pub len: u8,
}

impl Code {
    fn key(self) -> u64 {
        u64::from(self.len) << 32 | u64::from(self.value)
    }
}

/// Largest number of codes one `bfrange` or `cidrange` line may map (a damaged range covering all of
/// 0–FFFFFFFF stops here).
const MAX_RANGE: u32 = 65_536;
/// Largest number of mappings a CMap may hold.
const MAX_ENTRIES: usize = 1 << 20;

#[derive(Default, Debug)]
pub struct CMap {
    /// (bytes, low, high) of each codespace range.
    pub codespace: Vec<(u8, u32, u32)>,
    /// code → Unicode text (ToUnicode).
    pub unicode: HashMap<u64, Box<str>>,
    /// (bytes, low, high, first CID) of encoding CMaps.
    pub cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// The predefined CMap named by `usecmap` or `/Encoding`, if any.
    pub predefined: Option<Predefined>,
}

/// The predefined CMaps read without tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Predefined {
    /// `Identity-H`/`-V`: two-byte codes, CID = code.
    Identity,
    /// `Uni…-UCS2-H`: two-byte codes that are UCS-2.
    Ucs2,
    /// `Uni…-UTF16-H`: UTF-16BE codes (two or four bytes).
    Utf16,
    /// GB2312/GBK/GB18030 byte codes (`GB-EUC-H`, `GBpc-EUC-H`, `GBK-EUC-H`, `GBKp-EUC-H`, `GBK2K-H`).
    Gbk,
    /// Big5 byte codes (`B5pc-H`, `ETen-B5-H`, `HKscs-B5-H`, `B5-H`).
    Big5,
}

impl Predefined {
    pub fn by_name(name: &[u8]) -> Option<Predefined> {
        let n = std::str::from_utf8(name).ok()?;
        let base = n.strip_suffix("-H").or_else(|| n.strip_suffix("-V")).unwrap_or(n);
        Some(match base {
            "Identity" => Predefined::Identity,
            _ if base.starts_with("Uni") && base.ends_with("UCS2") => Predefined::Ucs2,
            _ if base.starts_with("Uni") && base.ends_with("UTF16") => Predefined::Utf16,
            "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBK2K" | "GBT-EUC" | "GBTpc-EUC" => Predefined::Gbk,
            "B5pc" | "ETen-B5" | "HKscs-B5" | "B5" | "ETenms-B5" | "HKdla-B5" | "HKdlb-B5" | "HKgccs-B5"
            | "HKm314-B5" | "HKm471-B5" => Predefined::Big5,
            _ => return None,
        })
    }

    /// How many bytes the code starting with `bytes` takes.
    pub fn code_len(self, bytes: &[u8]) -> usize {
        let b0 = bytes[0];
        match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 => {
                if (0xD8..=0xDB).contains(&b0) {
                    4
                } else {
                    2
                }
            }
            Predefined::Gbk => {
                if b0 <= 0x80 || b0 == 0xFF {
                    1
                } else if bytes.get(1).is_some_and(|b| (0x30..=0x39).contains(b)) {
                    4 // GB18030 four-byte codes (GBK2K-H)
                } else {
                    2
                }
            }
            Predefined::Big5 => {
                if b0 <= 0x80 || b0 == 0xFF {
                    1
                } else {
                    2
                }
            }
        }
    }
}

impl CMap {
    /// Parse CMap text. Tolerant: what cannot be read is skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut m = CMap::default();
        let mut lx = Lexer::new(data, 0);
        let mut operands: Vec<Obj> = Vec::new();
        let mut entries = 0usize;
        while let Some(tok) = lx.token() {
            match tok {
                Tok::Keyword(k) => {
                    match k {
                        b"usecmap" => {
                            if let Some(Obj::Name(n)) = operands.last() {
                                m.predefined = Predefined::by_name(n);
                            }
                        }
                        b"endcodespacerange" => {
                            for pair in operands.chunks_exact(2) {
                                if let (Obj::Str(lo), Obj::Str(hi)) = (&pair[0], &pair[1]) {
                                    if (1..=4).contains(&lo.len()) && lo.len() == hi.len() {
                                        m.codespace.push((lo.len() as u8, be(lo), be(hi)));
                                    }
                                }
                            }
                        }
                        b"endbfchar" => {
                            for pair in operands.chunks_exact(2) {
                                if let (Obj::Str(src), Obj::Str(dst)) = (&pair[0], &pair[1]) {
                                    if (1..=4).contains(&src.len()) && entries < MAX_ENTRIES {
                                        entries += 1;
                                        m.unicode
                                            .insert(Code { value: be(src), len: src.len() as u8 }.key(), utf16(dst));
                                    }
                                }
                            }
                        }
                        b"endbfrange" => {
                            for triple in operands.chunks_exact(3) {
                                let (Obj::Str(lo), Obj::Str(hi)) = (&triple[0], &triple[1]) else { continue };
                                if !(1..=4).contains(&lo.len()) || lo.len() != hi.len() {
                                    continue;
                                }
                                let (len, lo, hi) = (lo.len() as u8, be(lo), be(hi));
                                if hi < lo || hi - lo >= MAX_RANGE || entries >= MAX_ENTRIES {
                                    continue;
                                }
                                entries += (hi - lo + 1) as usize;
                                match &triple[2] {
                                    Obj::Str(dst) if !dst.is_empty() => {
                                        let mut d = dst.clone();
                                        for code in lo..=hi {
                                            m.unicode.insert(Code { value: code, len }.key(), utf16(&d));
                                            increment(&mut d);
                                        }
                                    }
                                    Obj::Array(items) => {
                                        for (code, item) in (lo..=hi).zip(items) {
                                            if let Obj::Str(dst) = item {
                                                m.unicode.insert(Code { value: code, len }.key(), utf16(dst));
                                            }
                                        }
                                    }
                                    _ => {}
                                }
                            }
                        }
                        b"endcidrange" => {
                            for triple in operands.chunks_exact(3) {
                                if let (Obj::Str(lo), Obj::Str(hi), Some(cid)) =
                                    (&triple[0], &triple[1], triple[2].as_i64())
                                {
                                    if (1..=4).contains(&lo.len()) && lo.len() == hi.len() && cid >= 0 {
                                        m.cid_ranges.push((lo.len() as u8, be(lo), be(hi), cid as u32));
                                    }
                                }
                            }
                        }
                        b"endcidchar" => {
                            for pair in operands.chunks_exact(2) {
                                if let (Obj::Str(src), Some(cid)) = (&pair[0], pair[1].as_i64()) {
                                    if (1..=4).contains(&src.len()) && cid >= 0 {
                                        let v = be(src);
                                        m.cid_ranges.push((src.len() as u8, v, v, cid as u32));
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                    if !matches!(k, b"def") {
                        operands.clear();
                    }
                }
                Tok::ArrayOpen => {
                    let mut items = Vec::new();
                    while let Some(t) = lx.token() {
                        match t {
                            Tok::ArrayClose => break,
                            Tok::Obj(o) => items.push(o),
                            _ => {}
                        }
                    }
                    operands.push(Obj::Array(items));
                }
                Tok::Obj(o) => {
                    if operands.len() < 3 * 100_000 {
                        operands.push(o);
                    }
                }
                Tok::DictOpen | Tok::DictClose | Tok::ArrayClose => {}
            }
        }
        m
    }

    /// The length of the code at the start of `bytes` by the codespace ranges (`None`: no ranges).
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        if self.codespace.is_empty() {
            return None;
        }
        for n in 1..=4usize.min(bytes.len()) {
            let v = be(&bytes[..n]);
            if self.codespace.iter().any(|&(len, lo, hi)| usize::from(len) == n && lo <= v && v <= hi) {
                return Some(n);
            }
        }
        // Not in any range: the shortest range's length (what Acrobat does).
        Some(self.codespace.iter().map(|r| usize::from(r.0)).min().unwrap_or(1).min(bytes.len()))
    }

    pub fn lookup(&self, code: Code) -> Option<&str> {
        self.unicode.get(&code.key()).map(|s| &**s)
    }

    pub fn cid(&self, code: Code) -> Option<u32> {
        self.cid_ranges
            .iter()
            .find(|&&(len, lo, hi, _)| len == code.len && lo <= code.value && code.value <= hi)
            .map(|&(_, lo, _, cid)| cid + (code.value - lo))
    }
}

/// Big-endian bytes as a number.
pub fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | u32::from(x))
}

/// UTF-16BE bytes as text (lone surrogates dropped); a single byte as Latin-1.
fn utf16(b: &[u8]) -> Box<str> {
    if b.len() == 1 {
        return char::from(b[0]).to_string().into_boxed_str();
    }
    let units: Vec<u16> = b.chunks(2).map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0))).collect();
    char::decode_utf16(units).filter_map(Result::ok).collect::<String>().into_boxed_str()
}

/// The next destination of a `bfrange`: its last byte counts up (carrying, as writers expect).
fn increment(d: &mut [u8]) {
    for b in d.iter_mut().rev() {
        let (v, carry) = b.overflowing_add(1);
        *b = v;
        if !carry {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_maps() {
        let text = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0A1B> <4E2D> endbfchar
            2 beginbfrange <0010> <0012> <6CD5> <0020> <0021> [<0041> <D83DDE00>] endbfrange
            1 beginbfrange <00FF> <0101> <00FF> endbfrange
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let m = CMap::parse(text);
        let c = |v| Code { value: v, len: 2 };
        assert_eq!(m.lookup(c(3)), Some(" "));
        assert_eq!(m.lookup(c(0x0A1B)), Some("中"));
        assert_eq!(m.lookup(c(0x10)), Some("法"));
        assert_eq!(m.lookup(c(0x12)), Some("\u{6CD7}"));
        assert_eq!(m.lookup(c(0x21)), Some("😀"));
        assert_eq!(m.lookup(c(0x101)), Some("\u{101}"));
        assert_eq!(m.code_len(b"\x00\x41"), Some(2));
    }

    #[test]
    fn encoding_cmaps_and_predefined_names() {
        let m = CMap::parse(b"/GBK-EUC-H usecmap 2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 1 begincidrange <8140> <817e> 10000 endcidrange");
        assert_eq!(m.predefined, Some(Predefined::Gbk));
        assert_eq!(m.code_len(b"\x81\x41"), Some(2));
        assert_eq!(m.code_len(b"A"), Some(1));
        assert_eq!(m.cid(Code { value: 0x8142, len: 2 }), Some(10002));
        assert_eq!(Predefined::by_name(b"UniGB-UCS2-H"), Some(Predefined::Ucs2));
        assert_eq!(Predefined::by_name(b"UniCNS-UTF16-V"), Some(Predefined::Utf16));
        assert_eq!(Predefined::by_name(b"ETen-B5-H"), Some(Predefined::Big5));
        assert_eq!(Predefined::by_name(b"90ms-RKSJ-H"), None);
        assert_eq!(Predefined::Gbk.code_len(b"\xd6\xd0"), 2);
        assert_eq!(Predefined::Gbk.code_len(b"A\xd6"), 1);
    }

    #[test]
    fn huge_ranges_are_bounded() {
        let m = CMap::parse(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(m.unicode.is_empty());
    }
}
