//! Decoding: the bytes of a file into the text every span points into.
//!
//! - `charset`: UTF-8 (with or without BOM), UTF-16 LE/BE, GB18030/GBK and Big5, detected, never asked for;
//!   mojibake is refused, never analyzed.
//! - `html`: saved web pages (also GBK pages with a meta charset) → their readable text.
//! - `docx`: Word documents → paragraph text with Word's list numbering rendered, tables as rows.
//! - `pdf`, `ofd` (through `layout`, shared: placed glyphs → lines and paragraphs, page furniture set
//!   apart by form feeds), `word97` (.doc and .wps), `archive` (.zip batches of reports): the feature
//!   `readers`, on natively and in the wasm readers module.
//!
//! Other formats get a message that says what to do (an RTF, an image).

#[cfg(feature = "readers")]
pub mod archive;
#[cfg(feature = "readers")]
mod cfb;
mod charset;
#[cfg(feature = "docx")]
pub mod docx;
mod html;
#[cfg(feature = "readers")]
pub(crate) mod layout;
#[cfg(feature = "readers")]
pub mod ofd;
#[cfg(feature = "readers")]
pub mod pdf;
#[cfg(feature = "readers")]
pub mod word97;
#[cfg(feature = "docx")]
mod xml;
#[cfg(feature = "docx")]
pub(crate) mod zip;

#[cfg(not(target_arch = "wasm32"))]
pub use charset::NativeDecoder;
pub use charset::{decode_text, Charset, LegacyDecoder};
pub use html::html_to_text;

use crate::error::Error;

/// A paragraph a document marks as a heading (Word's heading styles): where it starts in the decoded
/// text and its level (1 = top).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct HeadingHint {
    pub start: usize,
    pub level: u8,
}

impl HeadingHint {
    /// Hints handed back through JSON (`[{"start": 12, "level": 1}, …]`, what the wasm docx module's
    /// `readDocx` returned): each must start on a character boundary of `text`, with a level of 1–9.
    pub fn read_list(text: &str, json: &str) -> Result<Vec<HeadingHint>, String> {
        use crate::json::{Json, Record};
        let Ok(Json::Array(items)) = crate::json::parse(json) else {
            return Err("`headings` must be a list".into());
        };
        items
            .iter()
            .enumerate()
            .map(|(n, v)| {
                let r = Record::new(v, format!("heading #{}", n + 1), &["start", "level"])?;
                let start = r.required("start", Record::integer)?;
                let level = r.required("level", Record::integer)?;
                match (usize::try_from(start), u8::try_from(level)) {
                    (Ok(start), Ok(level @ 1..=9)) if text.is_char_boundary(start) => Ok(HeadingHint { start, level }),
                    _ => Err(format!("heading #{} is not a heading of this text", n + 1)),
                }
            })
            .collect()
    }
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

    /// The text of a .docx with its heading hints.
    pub fn docx(heading_hints: Vec<HeadingHint>) -> Self {
        Decoded { encoding: "UTF-8", format: "docx", heading_hints }
    }

    /// The text a reader of `format` (one of [`FORMATS`]) produced; `None` for an unknown format.
    pub fn read(format: &str, heading_hints: Vec<HeadingHint>) -> Option<Self> {
        let format = *FORMATS.iter().find(|f| **f == format)?;
        let encoding = if format == "doc" { "UTF-16LE" } else { "UTF-8" };
        Some(Decoded { encoding, format, heading_hints })
    }
}

/// The formats a file may be in, as `input.format` names them (`zip`: an archive of reports).
pub const FORMATS: [&str; 7] = ["text", "html", "docx", "pdf", "ofd", "doc", "zip"];

/// The format of a file by its bytes (the first 1,024 decide, except between a .docx, an .ofd and an
/// archive of reports, all zip files: the whole file's directory decides, else the name's extension),
/// `None` for what no reader takes (images, RTF, executables).
pub fn detect_format(bytes: &[u8], name: &str) -> Option<&'static str> {
    let ext = extension(name);
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"%PDF") || ext == "pdf" && memchr::memmem::find(head, b"%PDF-").is_some() {
        return Some("pdf");
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some("doc");
    }
    if is_docx(head) {
        return Some(zip_kind(bytes, &ext));
    }
    let binary = [&b"\x89PNG"[..], b"\xFF\xD8\xFF", b"GIF8", b"{\\rtf", b"MZ", b"\x7FELF", b"Rar!", b"7z\xBC\xAF"];
    if binary.iter().any(|m| head.starts_with(m)) {
        return None;
    }
    if matches!(ext.as_str(), "htm" | "html" | "shtml" | "xhtml") || looks_like_html(bytes) {
        return Some("html");
    }
    Some("text")
}

/// A zip file: a .docx, an OFD package or an archive of reports, by its member names when the bytes
/// hold the central directory, else by the extension.
fn zip_kind(bytes: &[u8], ext: &str) -> &'static str {
    #[cfg(feature = "docx")]
    if let Ok(z) = zip::Archive::open(bytes, 100_000) {
        let has = |n: &[u8]| (0..z.len()).any(|i| z.entry(i).0.eq_ignore_ascii_case(n));
        if has(b"word/document.xml") {
            return "docx";
        }
        if has(b"OFD.xml") {
            return "ofd";
        }
        return "zip";
    }
    let _ = bytes;
    match ext {
        "ofd" => "ofd",
        "zip" => "zip",
        _ => "docx",
    }
}

/// Read a file of any supported format (`decode` for text and HTML; the readers for the others).
/// A `.zip` archive of reports is refused: its members are read one by one ([`archive::members`]).
#[cfg(feature = "readers")]
pub fn read_document(bytes: &[u8], name: &str, legacy: &dyn LegacyDecoder) -> Result<(String, Decoded), Error> {
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(Error::TooLarge { bytes: bytes.len(), limit: crate::MAX_INPUT_BYTES });
    }
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let format = detect_format(bytes, name);
    let text = match format {
        Some("pdf") => pdf::pdf_to_text(bytes, legacy)?,
        Some("ofd") => ofd::ofd_to_text(bytes)?,
        Some("doc") => word97::doc_to_text(bytes)?,
        Some("docx") => return read_docx(bytes),
        Some("zip") => return Err(archive_error()),
        _ => return decode(bytes, name, legacy),
    };
    let format = format.unwrap_or("text");
    Ok((text, Decoded::read(format, Vec::new()).unwrap_or_else(Decoded::plain)))
}

fn archive_error() -> Error {
    Error::Undecodable(
        "this is a .zip archive: each report in it is read on its own (the CLI and the page open it; in JavaScript, listArchive of the readers module)".into(),
    )
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
    match detect_format(bytes, name) {
        Some("docx") => return read_docx(bytes),
        Some("zip") => return Err(archive_error()),
        #[cfg(feature = "readers")]
        Some(f @ ("pdf" | "ofd" | "doc")) => {
            let text = match f {
                "pdf" => pdf::pdf_to_text(bytes, legacy)?,
                "ofd" => ofd::ofd_to_text(bytes)?,
                _ => word97::doc_to_text(bytes)?,
            };
            return Ok((text, Decoded::read(f, Vec::new()).unwrap_or_else(Decoded::plain)));
        }
        #[cfg(not(feature = "readers"))]
        Some("pdf" | "ofd" | "doc") => {
            return Err(Error::Undecodable(
                "a PDF, OFD or .doc/.wps file is read by the readers module: readDocument(bytes, name) of report_analyzer_readers.js, then analyzeDocument(result)".into(),
            ))
        }
        _ => {}
    }
    if ext == "docx" {
        return Err(Error::Undecodable(
            "not a readable .docx file: it is not a zip archive (truncated or renamed?)".into(),
        ));
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

/// Whether a file's first bytes are a zip archive's, i.e. a .docx for [`decode`] whatever its name (the
/// wasm analysis module exports this for JavaScript, which sends such files to the docx module).
pub fn is_docx(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06")
}

/// A .docx: its text and the heading hints of Word's styles.
#[cfg(feature = "docx")]
pub fn read_docx(bytes: &[u8]) -> Result<(String, Decoded), Error> {
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(Error::TooLarge { bytes: bytes.len(), limit: crate::MAX_INPUT_BYTES });
    }
    let (text, heading_hints) = docx::docx_to_text(bytes)?;
    Ok((text, Decoded::docx(heading_hints)))
}

/// Without the `docx` feature (the wasm analysis module: .docx support is a module of its own, fetched
/// when a .docx comes), an error that says where .docx files are read.
#[cfg(not(feature = "docx"))]
pub fn read_docx(_: &[u8]) -> Result<(String, Decoded), Error> {
    Err(Error::Undecodable(
        "a .docx file is read by the docx module: readDocx(bytes) of report_analyzer_docx.js, then analyzeDocx(result)"
            .into(),
    ))
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

    #[test]
    fn heading_hints_read_back_only_for_their_text() {
        let text = "一、总体\n二、举措";
        let hints = HeadingHint::read_list(text, r#"[{"start": 0, "level": 1}, {"start": 13, "level": 2}]"#).unwrap();
        assert_eq!(hints, [HeadingHint { start: 0, level: 1 }, HeadingHint { start: 13, level: 2 }]);
        assert!(HeadingHint::read_list(text, "[]").unwrap().is_empty());
        for bad in [
            r#"[{"start": 1, "level": 1}]"#,
            r#"[{"start": 99, "level": 1}]"#,
            r#"[{"start": 0, "level": 0}]"#,
            r#"[{"start": -1, "level": 1}]"#,
            r#"[{"start": 0}]"#,
            r#"[{"start": 0, "level": 1, "x": 2}]"#,
            r#"{}"#,
            "",
        ] {
            assert!(HeadingHint::read_list(text, bad).is_err(), "{bad}");
        }
    }

    #[cfg(feature = "docx")]
    #[test]
    fn docx_hints_survive_the_round_trip_through_json() {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed-004.docx")).unwrap();
        let (text, decoded) = read_docx(&bytes).unwrap();
        let json = serde_json::to_string(&decoded.heading_hints).unwrap();
        assert_eq!(HeadingHint::read_list(&text, &json).unwrap(), decoded.heading_hints);
    }

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
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", "a.doc", ".doc"),
            (b"%PDF-1.7\n", "a.pdf", "PDF"),
            (b"hello", "a.docx", "zip"),
            (b"ab\0cd", "a.bin", "binary"),
        ] {
            let e = decode(bytes, name).unwrap_err().to_string();
            assert!(e.contains(says), "{name}: {e}");
        }
    }
}
