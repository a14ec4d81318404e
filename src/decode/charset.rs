//! Character encodings: bytes of a text file into a `String`, the encoding detected, never asked for.
//!
//! Order: a byte-order mark (UTF-8, UTF-16LE/BE); valid UTF-8; UTF-16 without a BOM (many NULs on one
//! side); otherwise chardetng's guess among the legacy encodings, accepted only when it is a Chinese one
//! (GB18030/GBK, Big5) and decodes without a single malformed sequence. Anything else is refused: text
//! that would come out as mojibake is never analyzed silently.

use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::Error;

/// Decode `bytes`; `declared` is an encoding a container names (an HTML meta charset), tried after a
/// BOM and before detection.
pub fn decode_text(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<(String, &'static str), Error> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, malformed) = enc.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(Error::Undecodable(format!("it starts with a {} byte-order mark but is not valid {0}", enc.name())));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some(s) = utf8.filter(|s| !s.contains('\0')) {
        return Ok((s.to_string(), "UTF-8"));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, malformed) = enc.decode_without_bom_handling(bytes);
        if !malformed && !text.contains('\0') {
            return Ok((text.into_owned(), enc.name()));
        }
    }
    if utf8.is_some() {
        return Err(binary());
    }
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0 {
        return Err(binary());
    }
    let guess = declared.filter(|e| *e != UTF_8).unwrap_or_else(|| {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Deny)
    });
    // Chinese reports are GB18030/GBK unless the content says Big5; a guess of another legacy
    // encoding is accepted as GB18030 only if it decodes cleanly into mostly Chinese text.
    let enc = match guess {
        g if g == BIG5 => BIG5,
        g if g == GBK || g == GB18030 => GB18030,
        _ if mostly_chinese(&GB18030.decode_without_bom_handling(bytes).0) => GB18030,
        _ => {
            return Err(Error::Undecodable(format!(
                "it is neither UTF-8 nor a Chinese encoding (GB18030/GBK, Big5, UTF-16); it looks like {}",
                guess.name()
            )))
        }
    };
    let (text, malformed) = enc.decode_without_bom_handling(bytes);
    if malformed {
        let valid = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to()).err().unwrap_or(0);
        return Err(Error::Undecodable(format!(
            "it is not valid UTF-8 (first bad byte at offset {valid}) nor valid {}",
            enc.name()
        )));
    }
    Ok((text.into_owned(), if enc == GB18030 { "GB18030" } else { enc.name() }))
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
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let plausible = |le: bool| {
        let units = sample.chunks_exact(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
        let ok = units
            .clone()
            .filter(|&u| matches!(u, 0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0xA0..=0xFF | 0x2000..=0x206F | 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF))
            .count();
        ok as f64 / units.count().max(1) as f64
    };
    let (le, be) = (plausible(true), plausible(false));
    if le >= 0.95 && le > be {
        Some(UTF_16LE)
    } else if be >= 0.95 && be > le {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The charset an HTML document declares in its first 1,024 bytes (`<meta charset=gbk>` or
/// `content="text/html; charset=gb2312"`).
pub fn html_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/')).unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、2022年推进法治政府建设的主要举措和成效\n收到行政复议申请61件，办结率98.5%。";

    #[test]
    fn every_encoding_round_trips() {
        let (gbk, _, _) = GB18030.encode(TEXT);
        assert_eq!(decode_text(&gbk, None).unwrap(), (TEXT.to_string(), "GB18030"));
        let mut le = vec![0xFF, 0xFE];
        TEXT.encode_utf16().for_each(|u| le.extend(u.to_le_bytes()));
        assert_eq!(decode_text(&le, None).unwrap(), (TEXT.to_string(), "UTF-16LE"));
        let mut be = vec![0xFE, 0xFF];
        TEXT.encode_utf16().for_each(|u| be.extend(u.to_be_bytes()));
        assert_eq!(decode_text(&be, None).unwrap(), (TEXT.to_string(), "UTF-16BE"));
        let bomless: Vec<u8> = "Report 2022 一、总体".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode_text(&bomless, None).unwrap().1, "UTF-16LE");
        let bomless: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode_text(&bomless, None).unwrap(), (TEXT.to_string(), "UTF-16BE"));
        let mut bom8 = b"\xEF\xBB\xBF".to_vec();
        bom8.extend(TEXT.as_bytes());
        assert_eq!(decode_text(&bom8, None).unwrap(), (TEXT.to_string(), "UTF-8"));
        let (big5, _, _) = BIG5.encode("法治政府建設年度報告，收到行政復議申請61件。依法行政，執法監督。");
        assert_eq!(decode_text(&big5, None).unwrap().1, "Big5");
    }

    #[test]
    fn binary_and_mojibake_are_refused() {
        let e = decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).unwrap_err();
        assert!(e.to_string().contains("binary"), "{e}");
        let latin = "été résumé naïve café déjà ".repeat(4);
        let (w1252, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
        assert!(decode_text(&w1252, None).is_err());
    }

    #[test]
    fn html_meta_charset() {
        assert_eq!(html_declared(b"<html><head><meta charset=\"gb2312\">"), Some(GBK));
        assert_eq!(html_declared(b"<meta http-equiv=Content-Type content=\"text/html; charset=GBK\">"), Some(GBK));
        assert_eq!(html_declared(b"<html><body>no charset</body>"), None);
    }
}
