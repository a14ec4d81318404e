//! Decoding: the bytes of a file into the text every span points into.
//!
//! - `charset`: UTF-8 (with or without BOM), UTF-16 LE/BE, GB18030/GBK and Big5, detected, never asked for;
//!   mojibake is refused, never analyzed.
//! - `html`: saved web pages (also GBK pages with a meta charset) → their readable text.
//! - `docx`: Word documents → paragraph text with Word's list numbering rendered, tables as rows.
//!
//! Other formats get a message that says what to do (a .doc, a PDF, an image).

mod charset;
pub mod docx;
mod html;
mod xml;
mod zip;

#[cfg(not(target_arch = "wasm32"))]
pub use charset::NativeDecoder;
pub use charset::{decode_text, Charset, LegacyDecoder};
pub use html::html_to_text;

use crate::error::Error;

/// A paragraph a document marks as a heading (Word's heading styles): where it starts in the decoded
/// text and its level (1 = top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingHint {
    pub start: usize,
    pub level: u8,
}

/// What the decoder found: the encoding, the file format and any heading hints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static str,
    pub format: &'static str,
    pub heading_hints: Vec<HeadingHint>,
}

impl Decoded {
    /// Text handed in as a string.
    pub fn plain() -> Self {
        Decoded { encoding: "UTF-8", format: "text", heading_hints: Vec::new() }
    }
}

fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Decode the bytes of a file; `name` (a path or file name) hints at the format by its extension, but
/// the bytes decide (a .docx is a zip whatever its name).
pub fn decode(bytes: &[u8], name: &str, legacy: &dyn LegacyDecoder) -> Result<(String, Decoded), Error> {
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(Error::TooLarge { bytes: bytes.len(), limit: crate::MAX_INPUT_BYTES });
    }
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let ext = extension(name);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let (text, heading_hints) = docx::docx_to_text(bytes)?;
        return Ok((text, Decoded { encoding: "UTF-8", format: "docx", heading_hints }));
    }
    if ext == "docx" {
        return Err(Error::Undecodable(
            "not a readable .docx file: it is not a zip archive (truncated or renamed?)".into(),
        ));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(Error::Undecodable(
            "this is a Word 97–2003 .doc file: save it as .docx or .txt and try again".into(),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Error::Undecodable("this is a PDF: copy its text, or save it as .txt, and try again".into()));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Error::Undecodable("this is an RTF file: save it as .docx or .txt and try again".into()));
    }
    let declared = if matches!(ext.as_str(), "htm" | "html" | "shtml" | "xhtml") || looks_like_html(bytes) {
        Some(charset::html_declared(bytes))
    } else {
        None
    };
    let (text, encoding) = decode_text(bytes, declared.flatten(), legacy)?;
    if declared.is_some() || looks_like_html(text.as_bytes()) {
        return Ok((html_to_text(&text), Decoded { encoding, format: "html", heading_hints: Vec::new() }));
    }
    Ok((text, Decoded { encoding, format: "text", heading_hints: Vec::new() }))
}

/// An HTML document by its first bytes (ASCII-compatible encodings; UTF-16 is checked after decoding).
fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> =
        bytes.iter().take(1024).filter(|b| !b.is_ascii_whitespace()).take(64).map(u8::to_ascii_lowercase).collect();
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    head.starts_with(b"<!doctypehtml")
        || head.starts_with(b"<html")
        || head.starts_with(b"<head")
        || head.starts_with(b"<?xml") && bytes.windows(5).take(2048).any(|w| w.eq_ignore_ascii_case(b"<html"))
}

// Native only: the tests decode with encoding_rs (the wasm build uses the browser's decoder).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], name: &str) -> Result<(String, Decoded), Error> {
        super::decode(bytes, name, &NativeDecoder)
    }

    #[test]
    fn formats_by_content() {
        let (t, d) = decode("一、总体".as_bytes(), "a.txt").unwrap();
        assert_eq!((t.as_str(), d.encoding, d.format), ("一、总体", "UTF-8", "text"));
        let (t, d) = decode(b"<!DOCTYPE html><p>\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5</p>", "page.txt").unwrap();
        assert_eq!((t.as_str(), d.encoding, d.format), ("一、总体\n", "GB18030", "html"));
        let (t, d) =
            decode(b"<html><head><meta charset=gbk></head><body><p>\xd2\xbb\xa1\xa2</p></body></html>", "p.htm")
                .unwrap();
        assert_eq!((t.as_str(), d.format), ("一、\n", "html"));
    }

    #[test]
    fn unsupported_and_bad_inputs_say_what_to_do() {
        for (bytes, name, says) in [
            (&b""[..], "a.txt", "empty"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", "a.doc", ".docx"),
            (b"%PDF-1.7\n", "a.pdf", "PDF"),
            (b"hello", "a.docx", "zip"),
            (b"ab\0cd", "a.bin", "binary"),
        ] {
            let e = decode(bytes, name).unwrap_err().to_string();
            assert!(e.contains(says), "{name}: {e}");
        }
    }
}
