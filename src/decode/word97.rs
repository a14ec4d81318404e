//! Word 97–2003 documents (`.doc`, and `.wps`, which WPS Office writes in the same binary format): the
//! compound file's `WordDocument` stream, its File Information Block, the piece table (the `Clx` in the
//! table stream) → the main document's characters, with paragraph marks as line breaks, fields shown
//! by their result (not their code), and tables as rows whose cells are separated by tabs (cell and row
//! marks told apart by the paragraphs' table properties, `sprmPFTtp`, from the PAPX pages).
//!
//! Refused by name: encrypted documents, Word 6/95 files, compound files that hold no Word document
//! (an Excel or PowerPoint file).

use super::cfb::Compound;
use crate::error::Error;

fn bad(why: impl std::fmt::Display) -> Error {
    Error::Undecodable(format!("not a readable Word 97–2003 (.doc/.wps) file: {why}"))
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// A piece of the text: characters `cp..cp_end` at byte `fc` of the WordDocument stream, one byte
/// (Windows-1252) or two (UTF-16LE) each.
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: usize,
    compressed: bool,
}

/// Paragraph properties by file position: (fc start, fc end, in a table, a row's end mark).
struct Papx {
    runs: Vec<(u32, u32, bool, bool)>,
}

impl Papx {
    fn at(&self, fc: u32) -> Option<(bool, bool)> {
        let i = self.runs.partition_point(|r| r.1 <= fc);
        self.runs.get(i).filter(|r| r.0 <= fc).map(|r| (r.2, r.3))
    }
}

/// The text of a .doc/.wps file.
pub fn doc_to_text(bytes: &[u8]) -> Result<String, Error> {
    let cfb = Compound::open(bytes).map_err(bad)?;
    let Some(word) = cfb.stream("WordDocument").map_err(bad)? else {
        let what = if cfb.has("Workbook") || cfb.has("Book") {
            "it is an Excel workbook"
        } else if cfb.has("PowerPoint Document") {
            "it is a PowerPoint presentation"
        } else {
            "it holds no WordDocument stream"
        };
        return Err(bad(what));
    };
    let ident = u16_at(&word, 0);
    if ident != 0xA5EC {
        return Err(bad(if ident == 0xA5DC {
            "a Word 6/95 file: save it as .docx in Word or WPS"
        } else {
            "no Word 97 file header"
        }));
    }
    let flags = u16_at(&word, 0x0A);
    if flags & 0x0100 != 0 {
        return Err(Error::Undecodable(
            "this Word document is encrypted (password-protected): open it in Word or WPS, save it without a password, and try again".into(),
        ));
    }
    let table_name = if flags & 0x0200 != 0 { "1Table" } else { "0Table" };
    let table =
        cfb.stream(table_name).map_err(bad)?.ok_or_else(|| bad(format!("the {table_name} stream is missing")))?;
    // FibBase (32 bytes), then csw words, cslw longs, cbRgFcLcb pairs.
    let csw = usize::from(u16_at(&word, 32));
    let lw = 34 + csw * 2;
    let cslw = usize::from(u16_at(&word, lw));
    let ccp_text = u32_at(&word, lw + 2 + 3 * 4);
    let fclcb = lw + 2 + cslw * 4 + 2;
    let pair = |i: usize| (u32_at(&word, fclcb + 8 * i) as usize, u32_at(&word, fclcb + 8 * i + 4) as usize);
    let (fc_clx, lcb_clx) = pair(33);
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| bad("the piece table lies outside the table stream"))?;
    let pieces = pieces(clx).ok_or_else(|| bad("damaged piece table"))?;
    let (fc_papx, lcb_papx) = pair(13);
    let papx = table.get(fc_papx..fc_papx.saturating_add(lcb_papx)).map(|plc| read_papx(plc, &word));
    Ok(render(&word, &pieces, ccp_text, papx.as_ref()))
}

fn pieces(clx: &[u8]) -> Option<Vec<Piece>> {
    let mut at = 0;
    while at < clx.len() {
        match clx[at] {
            1 => at += 3 + usize::from(u16_at(clx, at + 1)),
            2 => {
                let lcb = u32_at(clx, at + 1) as usize;
                let plc = clx.get(at + 5..at + 5 + lcb)?;
                let n = lcb.checked_sub(4)? / 12;
                let cps: Vec<u32> = (0..=n).map(|i| u32_at(plc, 4 * i)).collect();
                let mut out = Vec::with_capacity(n);
                for i in 0..n {
                    let pcd = 4 * (n + 1) + 8 * i;
                    let raw = u32_at(plc, pcd + 2);
                    let compressed = raw & 0x4000_0000 != 0;
                    let fc = (raw & 0x3FFF_FFFF) as usize;
                    if cps[i + 1] < cps[i] {
                        return None;
                    }
                    out.push(Piece {
                        cp: cps[i],
                        cp_end: cps[i + 1],
                        fc: if compressed { fc / 2 } else { fc },
                        compressed,
                    });
                }
                return Some(out);
            }
            _ => return None,
        }
    }
    None
}

/// The paragraph properties a table needs, from the PlcBtePapx and its 512-byte FKP pages.
fn read_papx(plc: &[u8], word: &[u8]) -> Papx {
    let mut runs = Vec::new();
    let n = plc.len().saturating_sub(4) / 8;
    for i in 0..n.min(100_000) {
        let pn = (u32_at(plc, 4 * (n + 1) + 4 * i) & 0x3F_FFFF) as usize;
        let Some(fkp) = word.get(pn * 512..pn * 512 + 512) else { continue };
        let crun = usize::from(fkp[511]).min(101);
        for r in 0..crun {
            let (start, end) = (u32_at(fkp, 4 * r), u32_at(fkp, 4 * (r + 1)));
            let bx = 4 * (crun + 1) + 13 * r;
            let offset = usize::from(*fkp.get(bx).unwrap_or(&0)) * 2;
            let (mut in_table, mut ttp) = (false, false);
            if offset > 0 && offset < 511 {
                let cb = usize::from(fkp[offset]);
                let (at, len) = if cb == 0 {
                    (offset + 2, 2 * usize::from(*fkp.get(offset + 1).unwrap_or(&0)))
                } else {
                    (offset + 1, (2 * cb).saturating_sub(1))
                };
                let grpprl = fkp.get(at + 2..(at + len).min(511)).unwrap_or(&[]);
                each_sprm(grpprl, |sprm, operand| match sprm {
                    0x2416 | 0x244B => in_table |= operand.first().is_some_and(|&b| b != 0),
                    0x2417 | 0x244C => ttp |= operand.first().is_some_and(|&b| b != 0),
                    0x6649 => in_table |= u32_at(operand, 0) > 0,
                    _ => {}
                });
            }
            runs.push((start, end, in_table, ttp));
        }
    }
    crate::order::sort_by_key(&mut runs, |r| u64::from(r.0));
    Papx { runs }
}

/// Each property modifier of a grpprl with its operand.
fn each_sprm(mut g: &[u8], mut f: impl FnMut(u16, &[u8])) {
    while g.len() >= 2 {
        let sprm = u16_at(g, 0);
        let len = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                if sprm == 0xD608 {
                    usize::from(u16_at(g, 2)) + 1
                } else {
                    usize::from(*g.get(2).unwrap_or(&0)) + 1
                }
            }
        };
        let Some(operand) = g.get(2..2 + len) else { return };
        let operand = if sprm >> 13 == 6 && sprm != 0xD608 { &operand[1..] } else { operand };
        f(sprm, operand);
        g = &g[2 + len..];
    }
}

fn render(word: &[u8], pieces: &[Piece], ccp_text: u32, papx: Option<&Papx>) -> String {
    let mut out = String::new();
    let mut para = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut in_cell = false;
    // Field nesting: true while in a field's code (before its separator).
    let mut fields: Vec<bool> = Vec::new();
    let mut prev_was_cell_end = false;
    for p in pieces {
        let end = p.cp_end.min(ccp_text);
        for cp in p.cp..end {
            let k = (cp - p.cp) as usize;
            let (c, fc) = if p.compressed {
                let Some(&b) = word.get(p.fc + k) else { break };
                let c =
                    if b < 0x80 { u32::from(b) } else { super::pdf::win_ansi(b).map_or(u32::from(b), |c| c as u32) };
                (c, (p.fc + k) as u32)
            } else {
                let at = p.fc + 2 * k;
                if at + 2 > word.len() {
                    break;
                }
                (u32::from(u16_at(word, at)), at as u32)
            };
            match c {
                0x13 => {
                    fields.push(true);
                    continue;
                }
                0x14 => {
                    if let Some(f) = fields.last_mut() {
                        *f = false;
                    }
                    continue;
                }
                0x15 => {
                    fields.pop();
                    continue;
                }
                _ if fields.iter().any(|&code| code) => continue,
                _ => {}
            }
            let props = papx.and_then(|x| x.at(fc));
            match c {
                0x0D => {
                    let in_table = props.is_some_and(|p| p.0);
                    if in_table {
                        in_cell = true;
                        para.push(' ');
                    } else {
                        out.push_str(para.trim_end_matches(' '));
                        out.push('\n');
                        para.clear();
                    }
                    prev_was_cell_end = false;
                }
                0x07 => {
                    let row_end = match props {
                        Some((_, ttp)) => ttp,
                        None => prev_was_cell_end,
                    };
                    if row_end {
                        out.push_str(&cells.join("\t"));
                        out.push('\n');
                        cells.clear();
                        para.clear();
                        prev_was_cell_end = false;
                    } else {
                        cells.push(para.trim().to_string());
                        para.clear();
                        prev_was_cell_end = true;
                    }
                    in_cell = false;
                }
                0x0B | 0x0C => {
                    if in_cell || !cells.is_empty() {
                        para.push(' ');
                    } else {
                        out.push_str(&para);
                        out.push('\n');
                        para.clear();
                    }
                }
                0x09 => para.push('\t'),
                0x1E => para.push('-'),
                0xA0 => para.push('\u{a0}'),
                _ if c < 0x20 => {}
                _ => {
                    prev_was_cell_end = false;
                    if let Some(ch) = char::from_u32(c) {
                        para.push(ch);
                    }
                }
            }
        }
    }
    if !cells.is_empty() {
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    if !para.trim().is_empty() {
        out.push_str(&para);
        out.push('\n');
    }
    out
}
