//! Character encodings: bytes of a text file into a `String`, the encoding detected, never asked for.
//!
//! Order: a byte-order mark (UTF-8, UTF-16LE/BE); valid UTF-8; UTF-16 without a BOM (many NULs on one
//! side); otherwise GB18030 (GBK's superset) or Big5, whichever decodes without a single malformed
//! sequence into frequent Chinese characters. Anything else is refused: text that would come out as
//! mojibake is never analyzed silently. (A detector crate such as chardetng was measured: it weighs
//! most of encoding_rs's tables into the wasm for encodings a Chinese report never uses.)

use crate::error::Error;

/// The encodings a Chinese report arrives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
}

impl Charset {
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
            Charset::Gb18030 => "GB18030",
            Charset::Big5 => "Big5",
        }
    }

    /// The WHATWG label (what `TextDecoder` takes).
    pub fn label(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Utf16Le => "utf-16le",
            Charset::Utf16Be => "utf-16be",
            Charset::Gb18030 => "gb18030",
            Charset::Big5 => "big5",
        }
    }
}

/// Decodes the legacy multi-byte encodings (GB18030, Big5), returning `None` on any malformed
/// sequence. Natively encoding_rs does it; in the browser the boundary hands in the platform's own
/// `TextDecoder`, so that the wasm carries no encoding tables.
pub trait LegacyDecoder {
    fn decode(&self, charset: Charset, bytes: &[u8]) -> Option<String>;
}

/// encoding_rs, for native builds.
#[cfg(not(target_arch = "wasm32"))]
pub struct NativeDecoder;

#[cfg(not(target_arch = "wasm32"))]
impl LegacyDecoder for NativeDecoder {
    fn decode(&self, charset: Charset, bytes: &[u8]) -> Option<String> {
        let enc = match charset {
            Charset::Utf8 => encoding_rs::UTF_8,
            Charset::Utf16Le => encoding_rs::UTF_16LE,
            Charset::Utf16Be => encoding_rs::UTF_16BE,
            Charset::Gb18030 => encoding_rs::GB18030,
            Charset::Big5 => encoding_rs::BIG5,
        };
        let (text, malformed) = enc.decode_without_bom_handling(bytes);
        (!malformed).then(|| text.into_owned())
    }
}

fn utf16(bytes: &[u8], le: bool) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units =
        bytes
            .chunks_exact(2)
            .map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
    char::decode_utf16(units).collect::<Result<String, _>>().ok()
}

/// Decode `bytes`; `declared` is an encoding a container names (an HTML meta charset), tried after a
/// BOM and before detection.
pub fn decode_text(
    bytes: &[u8],
    declared: Option<Charset>,
    legacy: &dyn LegacyDecoder,
) -> Result<(String, &'static str), Error> {
    let bom = |cs: Charset, text: Option<String>| {
        text.map(|t| (t, cs.name())).ok_or_else(|| {
            Error::Undecodable(format!("it starts with a {} byte-order mark but is not valid {0}", cs.name()))
        })
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return bom(Charset::Utf8, std::str::from_utf8(rest).ok().map(str::to_string));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return bom(Charset::Utf16Le, utf16(rest, true));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return bom(Charset::Utf16Be, utf16(rest, false));
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some(s) = utf8.filter(|s| !s.contains('\0')) {
        return Ok((s.to_string(), "UTF-8"));
    }
    if let Some(cs) = utf16_without_bom(bytes) {
        if let Some(text) = utf16(bytes, cs == Charset::Utf16Le).filter(|t| !t.contains('\0')) {
            return Ok((text, cs.name()));
        }
    }
    if utf8.is_some() || bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(binary());
    }
    let cs = match declared.filter(|c| matches!(c, Charset::Gb18030 | Charset::Big5)) {
        Some(c) => c,
        None => guess_chinese(bytes, legacy).ok_or_else(|| {
            let valid = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()).err().unwrap_or(0);
            Error::Undecodable(format!(
                "it is not UTF-8 (first bad byte at offset {valid}) nor Chinese text in GB18030/GBK, Big5 or UTF-16"
            ))
        })?,
    };
    match legacy.decode(cs, bytes) {
        Some(text) => Ok((text, cs.name())),
        None => Err(Error::Undecodable(format!("it is declared as {} but is not valid {0}", cs.name()))),
    }
}

/// GB18030 or Big5: the one that decodes without error into text made of frequent characters (a wrong
/// guess decodes into rare ones). `None` when neither reads as Chinese.
fn guess_chinese(bytes: &[u8], legacy: &dyn LegacyDecoder) -> Option<Charset> {
    // A sample, cut at a line break so that no character is split.
    const SAMPLE: usize = 16 * 1024;
    let cut = if bytes.len() <= SAMPLE {
        bytes.len()
    } else {
        bytes[..SAMPLE].iter().rposition(|&b| b == b'\n').unwrap_or(0)
    };
    let sample = if cut == 0 { bytes } else { &bytes[..cut] };
    // (frequent characters, Chinese characters) of the sample read as `cs`.
    let score = |cs: Charset| {
        let text = legacy.decode(cs, sample)?;
        let frequent = frequent();
        let cjk = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
        mostly_chinese(&text).then(|| (text.chars().filter(|c| frequent.binary_search(c).is_ok()).count(), cjk))
    };
    let gb = score(Charset::Gb18030);
    // Real GBK text is mostly frequent characters: no need to try Big5.
    if let Some((f, cjk)) = gb {
        if f * 10 >= cjk * 3 {
            return Some(Charset::Gb18030);
        }
    }
    match (gb, score(Charset::Big5)) {
        (Some((g, _)), Some((b, _))) if b > g => Some(Charset::Big5),
        (Some(_), _) => Some(Charset::Gb18030),
        (None, Some(_)) => Some(Charset::Big5),
        (None, None) => None,
    }
}

/// Frequent characters of Chinese government reports, simplified and traditional forms.
const FREQUENT: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处府务治依监督执审查案例县市省乡镇村街道委办局厅报告们會個這來時國說發對學經動進當現實點從業體應開還與關間樣設計畫執監審檢務員區縣鄉鎮村長會議規範權責";

/// [`FREQUENT`] as a sorted set.
fn frequent() -> &'static [char] {
    static CELL: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let mut v: Vec<char> = FREQUENT.chars().collect();
        crate::order::sort_dedup(&mut v, |&c| c as u64);
        v
    })
}

fn mostly_chinese(text: &str) -> bool {
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}') {
            cjk += 1;
        } else {
            other += 1;
        }
    }
    cjk > 0 && other * 10 <= cjk
}

fn binary() -> Error {
    Error::Undecodable("it contains NUL bytes: a binary file, not text".into())
}

/// UTF-16 without a byte-order mark (tried only on bytes that are not NUL-free UTF-8): the byte order
/// under which nearly every code unit is a plausible character of a Chinese report.
fn utf16_without_bom(bytes: &[u8]) -> Option<Charset> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let plausible = |le: bool| {
        let units = sample.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        let ok = units
            .clone()
            .filter(|&u| matches!(u, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF | 0x2000..=0x206F | 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF))
            .count();
        ok as f64 / units.count().max(1) as f64
    };
    let (le, be) = (plausible(true), plausible(false));
    if le >= 0.95 && le > be {
        Some(Charset::Utf16Le)
    } else if be >= 0.95 && be > le {
        Some(Charset::Utf16Be)
    } else {
        None
    }
}

/// The charset an HTML document declares in its first 1,024 bytes (`<meta charset=gbk>` or
/// `content="text/html; charset=gb2312"`).
pub fn html_declared(bytes: &[u8]) -> Option<Charset> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/')).unwrap_or(rest.len());
    let label = String::from_utf8_lossy(&rest[..end]).to_ascii_lowercase();
    // Only the encodings a Chinese page uses: naming one keeps the others' tables out of the wasm.
    Some(match label.as_str() {
        "gbk" | "gb2312" | "gb_2312-80" | "x-gbk" | "cp936" | "windows-936" | "chinese" | "csgb2312" | "euc-cn"
        | "gb18030" => Charset::Gb18030,
        "big5" | "big5-hkscs" | "cn-big5" | "x-x-big5" | "csbig5" => Charset::Big5,
        "utf-8" | "utf8" | "unicode-1-1-utf-8" => Charset::Utf8,
        "utf-16" | "utf-16le" => Charset::Utf16Le,
        "utf-16be" => Charset::Utf16Be,
        _ => return None,
    })
}

// Native only: the tests decode with encoding_rs (the wasm build uses the browser's decoder).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GB18030, GBK, WINDOWS_1252};

    const TEXT: &str = "一、2022年推进法治政府建设的主要举措和成效\n收到行政复议申请61件，办结率98.5%。";

    fn dec(bytes: &[u8]) -> Result<(String, &'static str), Error> {
        decode_text(bytes, None, &NativeDecoder)
    }

    #[test]
    fn every_encoding_round_trips() {
        let (gbk, _, _) = GB18030.encode(TEXT);
        assert_eq!(dec(&gbk).unwrap(), (TEXT.to_string(), "GB18030"));
        let mut le = vec![0xFF, 0xFE];
        TEXT.encode_utf16().for_each(|u| le.extend(u.to_le_bytes()));
        assert_eq!(dec(&le).unwrap(), (TEXT.to_string(), "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        TEXT.encode_utf16().for_each(|u| be.extend(u.to_be_bytes()));
        assert_eq!(dec(&be).unwrap(), (TEXT.to_string(), "UTF-16BE"));
        let bomless: Vec<u8> = "Report 2022 一、总体".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(dec(&bomless).unwrap().1, "UTF-16LE");
        let bomless: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(dec(&bomless).unwrap(), (TEXT.to_string(), "UTF-16BE"));
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(TEXT.as_bytes());
        assert_eq!(dec(&bom8).unwrap(), (TEXT.to_string(), "UTF-8"));
        let (big5, _, _) = BIG5.encode("法治政府建設年度報告，收到行政復議申請61件。依法行政，執法監督。");
        assert_eq!(dec(&big5).unwrap().1, "Big5");
        let (gbk, _, _) = GBK.encode("法治政府建设年度报告，收到行政复议申请61件。依法行政，执法监督。");
        assert_eq!(dec(&gbk).unwrap().1, "GB18030");
    }

    #[test]
    fn binary_and_mojibake_are_refused() {
        let e = dec(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        let latin = "été résumé naïve café déjà ".repeat(4);
        let (w1252, _, _) = WINDOWS_1252.encode(&latin);
        let e = dec(&w1252).unwrap_err();
        assert!(e.to_string().contains("first bad byte at offset 0"), "{e}");
        assert!(dec(b"\xFF\xFE\x00\xD8").is_err(), "an unpaired surrogate after a UTF-16 BOM");
    }

    #[test]
    fn html_meta_charset() {
        assert_eq!(html_declared(b"<html><head><meta charset=\"gb2312\">"), Some(Charset::Gb18030));
        assert_eq!(
            html_declared(b"<meta http-equiv=Content-Type content=\"text/html; charset=GBK\">"),
            Some(Charset::Gb18030)
        );
        assert_eq!(html_declared(b"<html><body>no charset</body>"), None);
    }
}
