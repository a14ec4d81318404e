//! A small .docx writer: paragraphs in a few styles and simple tables, laid out after GB/T 9704-2012
//! (党政机关公文格式): A4, margins 37 mm top, 28 mm left, 35 mm bottom, 26 mm right; title 2号小标宋
//! (22 pt), body 3号仿宋_GB2312 (16 pt) on a fixed 28 pt line, first-level headings 黑体, second-level
//! 楷体_GB2312; page numbers in 4号宋体 as `— 1 —` in the footer, odd pages right and even pages left,
//! one character in. Every East Asian font is named in `w:rFonts` with `w:eastAsia`, and the font table
//! names the commonly installed font each falls back to (`w:altName`: 仿宋, 楷体, 宋体, SimHei), so Word,
//! WPS and LibreOffice pick a near font where the GB2312 ones are missing.

use super::zip::{write, Member};
use crate::error::Error;

/// How a paragraph looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The document title: 2号小标宋, centred.
    Title,
    /// `一、…`: 3号黑体.
    Heading1,
    /// `（一）…`: 3号楷体.
    Heading2,
    /// Body text: 3号仿宋, first line indented two characters.
    Body,
    /// Body text without indent (the addressee line).
    Flush,
    /// Right-aligned four characters in (signature and date).
    Signature,
    /// Table cells: 5号仿宋 (10.5 pt), centred.
    Cell,
    /// Table cells aligned left.
    CellLeft,
}

impl Style {
    fn id(self) -> &'static str {
        match self {
            Style::Title => "Title",
            Style::Heading1 => "Heading1",
            Style::Heading2 => "Heading2",
            Style::Body => "Normal",
            Style::Flush => "Flush",
            Style::Signature => "Signature",
            Style::Cell => "TableCell",
            Style::CellLeft => "TableCellLeft",
        }
    }
}

/// A stretch of text in one paragraph; `bold` for a label (`修改建议：`).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Style, Vec<Run>),
    /// Rows of cells; the first row is the header (repeated on each page, bold). `widths` in twips.
    Table {
        widths: Vec<u32>,
        rows: Vec<Vec<String>>,
    },
    /// An empty line.
    Blank,
}

impl Block {
    pub fn para(style: Style, text: impl Into<String>) -> Block {
        Block::Para(style, vec![Run { text: text.into(), bold: false }])
    }

    /// `label` in bold, then `text`.
    pub fn labelled(label: &str, text: impl Into<String>) -> Block {
        Block::Para(Style::Body, vec![Run { text: label.into(), bold: true }, Run { text: text.into(), bold: false }])
    }
}

/// A document: its title (for the file's properties) and blocks.
pub struct Document {
    pub title: String,
    pub author: Option<String>,
    pub blocks: Vec<Block>,
}

/// Millimetres to twips (1/1440 inch).
const fn mm(x: u32) -> u32 {
    (x * 14400 + 127) / 254
}

/// A4 and the GB/T 9704 margins.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
pub const MARGIN_TOP: u32 = mm(37);
pub const MARGIN_BOTTOM: u32 = mm(35);
pub const MARGIN_LEFT: u32 = mm(28);
pub const MARGIN_RIGHT: u32 = mm(26);
/// The text block's width (156 mm).
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// From the page's bottom edge to the footer's baseline area: the page number's line sits 7 mm below
/// the text block (35 mm − 7 mm − a 14 pt line ≈ 23 mm).
const FOOTER: u32 = mm(23);

/// The fonts: (name, fallback, charset, family, pitch).
const FONTS: [(&str, &str, &str, &str, &str); 6] = [
    ("Times New Roman", "Times New Roman", "00", "roman", "variable"),
    ("仿宋_GB2312", "仿宋", "86", "modern", "fixed"),
    ("方正小标宋简体", "宋体", "86", "script", "fixed"),
    ("黑体", "SimHei", "86", "modern", "fixed"),
    ("楷体_GB2312", "楷体", "86", "modern", "fixed"),
    ("宋体", "SimSun", "86", "auto", "variable"),
];

/// Text as XML character data: escaped, without the characters XML 1.0 forbids.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
}

fn fonts(east_asia: &str, ascii: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="{ascii}" w:hAnsi="{ascii}" w:eastAsia="{east_asia}" w:cs="{ascii}" w:hint="eastAsia"/>"#
    )
}

/// Runs of a paragraph; a line break in the text is a `w:br`.
fn runs(runs: &[Run], out: &mut String) {
    for r in runs {
        for (k, line) in r.text.split('\n').enumerate() {
            out.push_str("<w:r>");
            if r.bold {
                out.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
            }
            if k > 0 {
                out.push_str("<w:br/>");
            }
            out.push_str(r#"<w:t xml:space="preserve">"#);
            escape(line.trim_end_matches('\r'), out);
            out.push_str("</w:t></w:r>");
        }
    }
}

fn paragraph(style: Style, content: &[Run], out: &mut String) {
    out.push_str(r#"<w:p><w:pPr><w:pStyle w:val=""#);
    out.push_str(style.id());
    out.push_str(r#""/></w:pPr>"#);
    runs(content, out);
    out.push_str("</w:p>");
}

fn table(widths: &[u32], rows: &[Vec<String>], out: &mut String) {
    let total: u32 = widths.iter().sum();
    out.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#
    ));
    for w in widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    for (k, row) in rows.iter().enumerate() {
        out.push_str("<w:tr>");
        if k == 0 {
            out.push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        } else {
            out.push_str("<w:trPr><w:cantSplit/></w:trPr>");
        }
        for (j, w) in widths.iter().enumerate() {
            let text = row.get(j).map(String::as_str).unwrap_or("");
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
            ));
            // The unit's name reads from the left; numbers and the header centred.
            let style = if k > 0 && j == 1 { Style::CellLeft } else { Style::Cell };
            paragraph(style, &[Run { text: text.into(), bold: k == 0 }], out);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

fn document_xml(doc: &Document) -> String {
    let mut out = format!(r#"{XML_HEAD}<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#);
    for b in &doc.blocks {
        match b {
            Block::Para(style, content) => paragraph(*style, content, &mut out),
            Block::Table { widths, rows } => table(widths, rows, &mut out),
            Block::Blank => paragraph(Style::Flush, &[], &mut out),
        }
    }
    out.push_str(&format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="851" w:footer="{FOOTER}" w:gutter="0"/><w:pgNumType w:fmt="decimal" w:start="1"/><w:cols w:space="425"/><w:docGrid w:linePitch="560"/></w:sectPr></w:body></w:document>"#
    ));
    out
}

/// 3号 = 16 pt = 32 half-points; 2号 = 22 pt; 4号 = 14 pt. A character of 3号 is 320 twips.
fn styles_xml() -> String {
    let body = fonts("仿宋_GB2312", "Times New Roman");
    let style = |kind: &str, id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            r#"<w:style w:type="{kind}" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        )
    };
    let mut s = format!(
        r#"{XML_HEAD}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    s.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style>"#);
    s.push_str(&style(
        "paragraph",
        "Title",
        "Title",
        r#"<w:keepNext/><w:spacing w:line="700" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>"#,
        &format!(r#"{}<w:sz w:val="44"/><w:szCs w:val="44"/>"#, fonts("方正小标宋简体", "Times New Roman")),
    ));
    s.push_str(&style(
        "paragraph",
        "Heading1",
        "heading 1",
        r#"<w:keepNext/><w:outlineLvl w:val="0"/>"#,
        &fonts("黑体", "Times New Roman"),
    ));
    s.push_str(&style(
        "paragraph",
        "Heading2",
        "heading 2",
        r#"<w:keepNext/><w:outlineLvl w:val="1"/>"#,
        &fonts("楷体_GB2312", "Times New Roman"),
    ));
    s.push_str(&style("paragraph", "Flush", "Body Text Flush", r#"<w:ind w:firstLineChars="0" w:firstLine="0"/>"#, ""));
    s.push_str(&style(
        "paragraph",
        "Signature",
        "Signature",
        r#"<w:ind w:firstLineChars="0" w:firstLine="0" w:rightChars="400" w:right="1280"/><w:jc w:val="right"/>"#,
        "",
    ));
    let cell = r#"<w:spacing w:line="300" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/>"#;
    s.push_str(&style(
        "paragraph",
        "TableCell",
        "Table Cell",
        &format!(r#"{cell}<w:jc w:val="center"/>"#),
        r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#,
    ));
    s.push_str(&style(
        "paragraph",
        "TableCellLeft",
        "Table Cell Left",
        &format!(r#"{cell}<w:jc w:val="left"/>"#),
        r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#,
    ));
    s.push_str(&style(
        "paragraph",
        "Footer",
        "footer",
        r#"<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>"#,
        &format!(r#"{}<w:sz w:val="28"/><w:szCs w:val="28"/>"#, fonts("宋体", "宋体")),
    ));
    let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|b| border(b)).collect();
    s.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
    ));
    s.push_str("</w:styles>");
    s
}

fn font_table_xml() -> String {
    let mut s = format!(r#"{XML_HEAD}<w:fonts xmlns:w="{W_NS}">"#);
    for (name, alt, charset, family, pitch) in FONTS {
        s.push_str(&format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>"#
        ));
    }
    s.push_str("</w:fonts>");
    s
}

/// `— N —`, right-aligned one character in on odd pages, left-aligned on even ones.
fn footer_xml(odd: bool) -> String {
    let (jc, ind) = if odd { ("right", r#"w:right="280""#) } else { ("left", r#"w:left="280""#) };
    let text = |t: &str| format!(r#"<w:r><w:t xml:space="preserve">{t}</w:t></w:r>"#);
    format!(
        r#"{XML_HEAD}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="{jc}"/><w:ind {ind}/></w:pPr>{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p></w:ftr>"#,
        text("— "),
        text(" —")
    )
}

fn settings_xml() -> String {
    format!(
        r#"{XML_HEAD}<w:settings xmlns:w="{W_NS}"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

fn core_xml(doc: &Document) -> String {
    let mut title = String::new();
    escape(&doc.title, &mut title);
    let mut author = String::new();
    escape(doc.author.as_deref().unwrap_or("report-analyzer"), &mut author);
    format!(
        r#"{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator></cp:coreProperties>"#
    )
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"</Types>"#
);

const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"</Relationships>"#
);

const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    r#"<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>"#,
    r#"<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
    r#"<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>"#,
    r#"</Relationships>"#
);

/// The .docx file of `doc`.
pub fn docx(doc: &Document) -> Result<Vec<u8>, Error> {
    let (document, styles, fonts, settings) = (document_xml(doc), styles_xml(), font_table_xml(), settings_xml());
    let (odd, even, core) = (footer_xml(true), footer_xml(false), core_xml(doc));
    write(&[
        Member { name: "[Content_Types].xml", data: CONTENT_TYPES.as_bytes() },
        Member { name: "_rels/.rels", data: PACKAGE_RELS.as_bytes() },
        Member { name: "word/document.xml", data: document.as_bytes() },
        Member { name: "word/_rels/document.xml.rels", data: DOCUMENT_RELS.as_bytes() },
        Member { name: "word/styles.xml", data: styles.as_bytes() },
        Member { name: "word/settings.xml", data: settings.as_bytes() },
        Member { name: "word/fontTable.xml", data: fonts.as_bytes() },
        Member { name: "word/footer1.xml", data: odd.as_bytes() },
        Member { name: "word/footer2.xml", data: even.as_bytes() },
        Member { name: "docProps/core.xml", data: core.as_bytes() },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gb_t_9704_page_and_type() {
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT), (2098, 1984, 1587, 1474));
        assert_eq!(TEXT_WIDTH, 8845, "156 mm");
        let styles = styles_xml();
        for needle in [
            r#"w:eastAsia="方正小标宋简体""#,
            r#"<w:sz w:val="44"/>"#,
            r#"w:eastAsia="仿宋_GB2312""#,
            r#"<w:sz w:val="32"/>"#,
            r#"w:eastAsia="黑体""#,
            r#"w:eastAsia="楷体_GB2312""#,
        ] {
            assert!(styles.contains(needle), "{needle}");
        }
        let fonts = font_table_xml();
        assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
        assert!(footer_xml(true).contains("PAGE") && footer_xml(true).contains(r#"w:val="right""#));
        assert!(footer_xml(false).contains(r#"w:val="left""#));
    }

    #[test]
    fn text_is_escaped_and_forbidden_characters_dropped() {
        let mut s = String::new();
        escape("a<b>&\"c\u{1}\u{FFFF}d\te", &mut s);
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;cd e");
    }
}
