//! The `cmap` table of an embedded TrueType/OpenType font program, read backwards: glyph → character.
//! For CID fonts without a ToUnicode map (`Identity-H`, CID = glyph): the font itself says which
//! character each glyph draws. Formats 4 and 12 of the Unicode subtables; everything bounded by the
//! table's own lengths.

use std::collections::HashMap;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// Glyph → character of the font's Unicode cmap (the lowest character drawn by each glyph, private
/// use characters only where nothing else maps to the glyph).
pub fn glyph_to_char(font: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Some(cmap) = table(font, b"cmap") else { return out };
    let n = u16_at(cmap, 2).unwrap_or(0);
    // Best subtable: (3,10) or (0,4+) format 12, then (3,1)/(0,*) format 4.
    let mut best: Option<(u8, usize)> = None;
    for i in 0..usize::from(n) {
        let rec = 4 + i * 8;
        let (Some(platform), Some(encoding), Some(offset)) =
            (u16_at(cmap, rec), u16_at(cmap, rec + 2), u32_at(cmap, rec + 4))
        else {
            break;
        };
        let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        let Some(format) = u16_at(cmap, offset as usize) else { continue };
        let rank = match (unicode, format) {
            (true, 12) => 3,
            (true, 4) => 2,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset as usize));
        }
    }
    let Some((_, at)) = best else { return out };
    let sub = &cmap[at..];
    let mut put = |gid: u32, cp: u32| {
        let (Ok(g), Some(c)) = (u16::try_from(gid), char::from_u32(cp)) else { return };
        if g == 0 {
            return;
        }
        let pua = |c: char| ('\u{E000}'..='\u{F8FF}').contains(&c);
        out.entry(g)
            .and_modify(|old: &mut char| {
                if pua(*old) && !pua(c) {
                    *old = c
                }
            })
            .or_insert(c);
    };
    match u16_at(sub, 0) {
        Some(4) => {
            let seg2 = usize::from(u16_at(sub, 6).unwrap_or(0));
            let ends = 14;
            let starts = ends + seg2 + 2;
            let deltas = starts + seg2;
            let ranges = deltas + seg2;
            for s in (0..seg2).step_by(2) {
                let (Some(end), Some(start), Some(delta), Some(ro)) =
                    (u16_at(sub, ends + s), u16_at(sub, starts + s), u16_at(sub, deltas + s), u16_at(sub, ranges + s))
                else {
                    break;
                };
                if start > end || start == 0xFFFF {
                    continue;
                }
                for c in start..=end {
                    let gid = if ro == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = ranges + s + usize::from(ro) + 2 * usize::from(c - start);
                        match u16_at(sub, at) {
                            Some(0) | None => continue,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    put(u32::from(gid), u32::from(c));
                }
            }
        }
        Some(12) => {
            let groups = u32_at(sub, 12).unwrap_or(0) as usize;
            let mut total = 0u64;
            for g in 0..groups.min(sub.len() / 12) {
                let at = 16 + g * 12;
                let (Some(start), Some(end), Some(gid)) = (u32_at(sub, at), u32_at(sub, at + 4), u32_at(sub, at + 8))
                else {
                    break;
                };
                if end < start || end > 0x10FFFF {
                    continue;
                }
                total += u64::from(end - start) + 1;
                if total > 1 << 20 {
                    break;
                }
                for c in start..=end {
                    put(gid + (c - start), c);
                }
            }
        }
        _ => {}
    }
    out
}

/// A table of an sfnt font by its tag.
fn table<'a>(font: &'a [u8], tag: &[u8; 4]) -> Option<&'a [u8]> {
    let n = usize::from(u16_at(font, 4)?);
    for i in 0..n {
        let rec = 12 + i * 16;
        if font.get(rec..rec + 4)? == tag {
            let off = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            return font.get(off..off.checked_add(len)?.min(font.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font with only a cmap table, format 4: 中 (U+4E2D) → glyph 5, A–C → glyphs 1–3.
    fn font() -> Vec<u8> {
        let mut sub = Vec::new();
        let segs: [(u16, u16, i16); 3] = [(0x41, 0x43, 1 - 0x41), (0x4E2D, 0x4E2D, 5 - 0x4E2D), (0xFFFF, 0xFFFF, 1)];
        let seg2 = (segs.len() * 2) as u16;
        for v in [4u16, 0, 0, seg2, 0, 0, 0] {
            sub.extend_from_slice(&v.to_be_bytes());
        }
        segs.iter().for_each(|s| sub.extend_from_slice(&s.1.to_be_bytes()));
        sub.extend_from_slice(&[0, 0]);
        segs.iter().for_each(|s| sub.extend_from_slice(&s.0.to_be_bytes()));
        segs.iter().for_each(|s| sub.extend_from_slice(&s.2.to_be_bytes()));
        segs.iter().for_each(|_| sub.extend_from_slice(&[0, 0]));
        let len = sub.len() as u16;
        sub[2..4].copy_from_slice(&len.to_be_bytes());
        let mut cmap = vec![0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12];
        cmap.extend_from_slice(&sub);
        let mut f = vec![0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
        f.extend_from_slice(b"cmap");
        f.extend_from_slice(&[0; 4]);
        f.extend_from_slice(&28u32.to_be_bytes());
        f.extend_from_slice(&(cmap.len() as u32).to_be_bytes());
        f.extend_from_slice(&cmap);
        f
    }

    #[test]
    fn format_4_backwards() {
        let m = glyph_to_char(&font());
        assert_eq!(m.get(&5), Some(&'中'));
        assert_eq!(m.get(&2), Some(&'B'));
        assert_eq!(m.len(), 4);
        let f = font();
        for cut in 0..f.len() {
            let _ = glyph_to_char(&f[..cut]);
        }
    }
}
