//! Writes minimal .docx files for tests: paragraphs with optional Word numbering and styles.
//! Shared by the unit tests of `src/decode/docx.rs` and by `tests/intake.rs`.
#![allow(dead_code)]

use std::io::{Cursor, Write};

/// A .docx whose body is `body` (WordprocessingML paragraphs and tables).
pub fn make_docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(Cursor::new(&mut buf));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip.write_all(doc.as_bytes()).unwrap();
        if let Some(n) = numbering {
            zip.start_file("word/numbering.xml", opts).unwrap();
            zip.write_all(format!(r#"<?xml version="1.0"?><w:numbering xmlns:w="w">{n}</w:numbering>"#).as_bytes())
                .unwrap();
        }
        if let Some(s) = styles {
            zip.start_file("word/styles.xml", opts).unwrap();
            zip.write_all(format!(r#"<?xml version="1.0"?><w:styles xmlns:w="w">{s}</w:styles>"#).as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf
}

/// One paragraph; `num` = (numId, ilvl) for Word numbering.
pub fn para(text: &str, num: Option<(u32, u8)>, style: Option<&str>) -> String {
    let style = style.map(|s| format!(r#"<w:pStyle w:val="{s}"/>"#)).unwrap_or_default();
    let num = num
        .map(|(id, l)| format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#))
        .unwrap_or_default();
    let text = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(r#"<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

/// Numbering id 1: 一、 › （一） › 1.
pub const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
