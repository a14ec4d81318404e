//! Word documents (.docx): paragraph text in order, tables as rows (cells separated by tabs), and the
//! list numbering Word generates (`w:numPr` + numbering.xml: 一、 (一) 1. …) rendered into the text, so
//! the outline sees it. Heading styles are kept as level hints.
//!
//! Archive bombs are refused in bounded time and memory: at most [`MAX_ENTRIES`] entries, and each
//! part read through a cap ([`MAX_PART`]) whatever size its header claims.

use std::collections::HashMap;

use super::xml::{tokens, Token};
use super::zip::Archive;
use super::HeadingHint;
use crate::error::Error;

pub const MAX_ENTRIES: usize = 5_000;
pub const MAX_PART: usize = 48 * 1024 * 1024;

fn bad(why: impl std::fmt::Display) -> Error {
    Error::Undecodable(format!("not a readable .docx file: {why}"))
}

/// Text of a .docx and the heading-level hints of its paragraphs.
pub fn docx_to_text(bytes: &[u8]) -> Result<(String, Vec<HeadingHint>), Error> {
    let zip = Archive::open(bytes, MAX_ENTRIES).map_err(bad)?;
    let document = read_part(&zip, "word/document.xml")?.ok_or_else(|| bad("word/document.xml is missing"))?;
    let numbering = read_part(&zip, "word/numbering.xml")?.map(|x| Numbering::parse(&x)).unwrap_or_default();
    let styles = read_part(&zip, "word/styles.xml")?.map(|x| Styles::parse(&x)).unwrap_or_default();
    Ok(render(&document, &numbering, &styles))
}

fn read_part(zip: &Archive, name: &str) -> Result<Option<String>, Error> {
    let Some(buf) = zip.read(name, MAX_PART).map_err(bad)? else { return Ok(None) };
    String::from_utf8(buf).map(Some).map_err(|_| bad(format!("{name} is not UTF-8 XML")))
}

/// One numbering level: format, text template (`%1、`), start value.
#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → levels by ilvl.
    abstract_levels: HashMap<String, HashMap<u8, Level>>,
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let (mut abs, mut lvl, mut num): (Option<String>, Option<u8>, Option<String>) = (None, None, None);
        for token in tokens(xml) {
            match token {
                Token::Start(e) => match e.name {
                    "w:abstractNum" => abs = e.attr("w:abstractNumId"),
                    "w:lvl" => lvl = e.attr("w:ilvl").and_then(|v| v.parse().ok()),
                    "w:num" => num = e.attr("w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(id), Some(v)) = (&num, e.attr("w:val")) {
                            n.nums.insert(id.clone(), v);
                        }
                    }
                    name @ ("w:numFmt" | "w:lvlText" | "w:start") => {
                        if let (Some(a), Some(l), Some(v)) = (&abs, lvl, e.attr("w:val")) {
                            let level = n.abstract_levels.entry(a.clone()).or_default().entry(l).or_default();
                            match name {
                                "w:numFmt" => level.fmt = v,
                                "w:lvlText" => level.text = v,
                                _ => level.start = v.parse().unwrap_or(1),
                            }
                        }
                    }
                    _ => {}
                },
                Token::End(name) => match name {
                    "w:abstractNum" => abs = None,
                    "w:lvl" => lvl = None,
                    "w:num" => num = None,
                    _ => {}
                },
                _ => {}
            }
        }
        n
    }

    fn level(&self, num_id: &str, ilvl: u8) -> Option<&Level> {
        self.abstract_levels.get(self.nums.get(num_id)?)?.get(&ilvl)
    }
}

#[derive(Debug, Default)]
struct Styles {
    /// styleId → outline level (0 = Heading 1).
    outline: HashMap<String, u8>,
    /// styleId → (numId, ilvl) for styles that carry numbering.
    numbering: HashMap<String, (String, u8)>,
}

impl Styles {
    fn parse(xml: &str) -> Styles {
        let mut s = Styles::default();
        let mut style: Option<String> = None;
        let mut num: (Option<String>, u8) = (None, 0);
        for token in tokens(xml) {
            match token {
                Token::Start(e) => match e.name {
                    "w:style" => {
                        style = e.attr("w:styleId");
                        num = (None, 0);
                    }
                    "w:name" => {
                        let name = e.attr("w:val").unwrap_or_default().to_ascii_lowercase();
                        let level = name
                            .strip_prefix("heading ")
                            .or_else(|| name.strip_prefix("标题 "))
                            .and_then(|n| n.parse::<u8>().ok());
                        if let (Some(id), Some(l)) = (&style, level) {
                            s.outline.entry(id.clone()).or_insert(l.saturating_sub(1));
                        }
                    }
                    "w:outlineLvl" => {
                        if let (Some(id), Some(v)) = (&style, e.attr("w:val").and_then(|v| v.parse().ok())) {
                            s.outline.insert(id.clone(), v);
                        }
                    }
                    "w:numId" => num.0 = e.attr("w:val"),
                    "w:ilvl" => num.1 = e.attr("w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    _ => {}
                },
                Token::End("w:style") => {
                    if let (Some(id), Some(n)) = (style.take(), num.0.take()) {
                        s.numbering.insert(id, (n, num.1));
                    }
                }
                _ => {}
            }
        }
        s
    }
}

/// A number in a Word numbering format.
fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "koreanCounting" => crate::outline::markers::cn_numeral(n),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)).collect()
        }
        "upperLetter" => letters(n).to_ascii_uppercase(),
        "lowerLetter" => letters(n),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_default()
        }
        _ => n.to_string(),
    }
}

fn letters(n: u32) -> String {
    let c = (b'a' + ((n.max(1) - 1) % 26) as u8) as char;
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Paragraph state while reading document.xml.
#[derive(Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: u8,
    style: Option<String>,
}

fn render(xml: &str, numbering: &Numbering, styles: &Styles) -> (String, Vec<HeadingHint>) {
    let mut out = String::new();
    let mut hints = Vec::new();
    let mut counters: HashMap<String, [u32; 9]> = HashMap::new();
    let mut para: Option<Para> = None;
    let mut in_text = false;
    // Table nesting: the cells of the current row, per open table.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for token in tokens(xml) {
        match token {
            Token::Start(e) => match e.name {
                "w:p" => para = Some(Para::default()),
                "w:t" => in_text = !e.empty,
                "w:tab" if para.is_some() => para.as_mut().map(|p| p.text.push('\t')).unwrap_or(()),
                "w:br" | "w:cr" => para.as_mut().map(|p| p.text.push('\n')).unwrap_or(()),
                "w:pStyle" => {
                    if let Some(p) = para.as_mut() {
                        p.style = e.attr("w:val");
                    }
                }
                "w:numId" => {
                    if let Some(p) = para.as_mut() {
                        p.num_id = e.attr("w:val");
                    }
                }
                "w:ilvl" => {
                    if let Some(p) = para.as_mut() {
                        p.ilvl = e.attr("w:val").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                    }
                }
                "w:tr" => {
                    if let Some(r) = rows.last_mut() {
                        r.clear();
                    }
                }
                "w:tbl" => rows.push(Vec::new()),
                "w:tc" => {
                    if let Some(r) = rows.last_mut() {
                        r.push(String::new());
                    }
                }
                _ => {}
            },
            Token::Text(t) if in_text => {
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&t);
                }
            }
            Token::End(name) => match name {
                "w:t" => in_text = false,
                "w:p" => {
                    let Some(mut p) = para.take() else { continue };
                    if p.num_id.is_none() {
                        if let Some((n, l)) = p.style.as_ref().and_then(|s| styles.numbering.get(s)) {
                            p.num_id = Some(n.clone());
                            p.ilvl = (*l).min(8);
                        }
                    }
                    let prefix = p.num_id.as_deref().filter(|id| *id != "0").and_then(|id| {
                        let level = numbering.level(id, p.ilvl)?;
                        let c = counters.entry(id.to_string()).or_insert([0; 9]);
                        let l = p.ilvl as usize;
                        c[l] = if c[l] == 0 { level.start.max(1) } else { c[l] + 1 };
                        c[l + 1..].iter_mut().for_each(|x| *x = 0);
                        if level.fmt == "bullet" || level.fmt == "none" {
                            return None;
                        }
                        let mut text = level.text.clone();
                        for k in (0..=l).rev() {
                            let fmt = numbering.level(id, k as u8).map(|x| x.fmt.as_str()).unwrap_or("decimal");
                            text = text.replace(&format!("%{}", k + 1), &format_number(c[k].max(1), fmt));
                        }
                        Some(text)
                    });
                    let line = format!("{}{}", prefix.unwrap_or_default(), p.text);
                    if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                        if !cell.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(line.trim());
                    } else {
                        let level = p.style.as_ref().and_then(|s| styles.outline.get(s)).copied();
                        if let Some(l) = level.filter(|&l| l < 9) {
                            hints.push(HeadingHint { start: out.len(), level: l + 1 });
                        }
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
                "w:tr" => {
                    if let Some(r) = rows.last() {
                        let row = r.join("\t");
                        match rows.len() {
                            1 => {
                                out.push_str(&row);
                                out.push('\n');
                            }
                            // A nested table's row becomes text of the enclosing cell.
                            _ => {
                                let outer = rows.len() - 2;
                                if let Some(cell) = rows[outer].last_mut() {
                                    cell.push(' ');
                                    cell.push_str(&row);
                                }
                            }
                        }
                    }
                }
                "w:tbl" => {
                    rows.pop();
                }
                _ => {}
            },
            _ => {}
        }
    }
    (out, hints)
}

#[cfg(test)]
#[path = "../../tests/support/docx.rs"]
mod writer;

#[cfg(test)]
mod tests {
    use super::writer::{make_docx, para, NUMBERING};
    use super::*;
    use std::io::Cursor;
    use std::io::Write;

    #[test]
    fn numbering_tables_entities_and_heading_hints() {
        let body = [
            para("某县2022年法治政府建设情况报告", None, Some("Title")),
            para("主要举措和成效", Some((1, 0)), Some("Heading1")),
            para("加强组织领导。全年培训3场。", Some((1, 1)), None),
            para("健全制度", Some((1, 2)), None),
            para("完善机制 & 规范", Some((1, 2)), None),
            para("严格执法", Some((1, 1)), None),
            para("存在的问题", Some((1, 0)), Some("Heading1")),
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>事项</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>件数</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>复议</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>61</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
        ]
        .concat();
        let styles = r#"<w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:styleId="Title"><w:name w:val="Title"/></w:style>"#;
        let (text, hints) = docx_to_text(&make_docx(&body, Some(NUMBERING), Some(styles))).unwrap();
        assert_eq!(
            text,
            "某县2022年法治政府建设情况报告\n一、主要举措和成效\n（一）加强组织领导。全年培训3场。\n1.健全制度\n2.完善机制 & 规范\n（二）严格执法\n二、存在的问题\n事项\t件数\n复议\t61\n"
        );
        assert_eq!(hints.len(), 2);
        assert!(text[hints[0].start..].starts_with("一、主要举措"));
        assert_eq!(hints[0].level, 1);
    }

    #[test]
    fn broken_and_oversized_archives_are_refused() {
        let good = make_docx(&para("一、总体", None, None), None, None);
        let e = docx_to_text(&good[..good.len() / 2]).unwrap_err();
        assert!(e.to_string().contains(".docx"), "{e}");
        assert!(docx_to_text(b"PK\x03\x04 garbage").is_err());
        // A part that inflates past the cap: 49 MB of zeros compress to ~50 KB.
        let mut buf = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut buf));
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("word/document.xml", opts).unwrap();
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..49 {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap();
        }
        assert!(buf.len() < 1 << 20);
        let e = docx_to_text(&buf).unwrap_err();
        assert!(e.to_string().contains("limit") || e.to_string().contains("beyond"), "{e}");
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(3, "decimalFullWidth"), "３");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
    }
}
