//! Stream filters (ISO 32000-1 §7.4): FlateDecode (miniz_oxide, with an output cap, so that a stream
//! that inflates without end stops in bounded time and memory), LZWDecode, ASCIIHexDecode,
//! ASCII85Decode and RunLengthDecode, with the PNG and TIFF predictors. Image filters (DCT, JPX,
//! CCITT, JBIG2) carry no text and are refused.

use super::object::{Dict, Obj};

/// Decode `data` through the filters of `dict`; at most `limit` bytes out.
pub fn decode(data: &[u8], dict: &Dict, limit: usize) -> Result<Vec<u8>, String> {
    let filters: Vec<&[u8]> = match dict.get(b"Filter").or_else(|| dict.get(b"F")) {
        Some(Obj::Name(n)) => vec![n],
        Some(Obj::Array(a)) => a.iter().filter_map(Obj::as_name).collect(),
        _ => Vec::new(),
    };
    let params: Vec<Option<&Dict>> = match dict.get(b"DecodeParms").or_else(|| dict.get(b"DP")) {
        Some(Obj::Array(a)) => a.iter().map(Obj::as_dict).collect(),
        Some(o) => vec![o.as_dict()],
        None => Vec::new(),
    };
    if filters.len() > 8 {
        return Err("too many filters on a stream".into());
    }
    let mut buf = data.to_vec();
    for (i, f) in filters.iter().enumerate() {
        let p = params.get(i).copied().flatten();
        buf = match *f {
            b"FlateDecode" | b"Fl" => predict(inflate(&buf, limit)?, p, limit)?,
            b"LZWDecode" | b"LZW" => {
                let early = p.and_then(|p| p.get(b"EarlyChange")).and_then(Obj::as_i64).unwrap_or(1) != 0;
                predict(lzw(&buf, early, limit)?, p, limit)?
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&buf),
            b"ASCII85Decode" | b"A85" => ascii85(&buf),
            b"RunLengthDecode" | b"RL" => run_length(&buf, limit)?,
            b"Crypt" => buf,
            other => {
                return Err(format!("stream filter {} (an image) carries no text", String::from_utf8_lossy(other)))
            }
        };
        if buf.len() > limit {
            return Err(format!("a stream decodes beyond {} MB", limit >> 20));
        }
    }
    Ok(buf)
}

/// Inflate a zlib stream (or a raw deflate one, which some writers produce), keeping what inflated
/// before damage (as readers do: a truncated stream still shows its text), refusing output beyond `limit`.
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let zlib = data.len() >= 2 && data[0] & 0x0F == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    let mut flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF | inflate_flags::TINFL_FLAG_IGNORE_ADLER32;
    if zlib {
        flags |= inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER;
    }
    let mut state = Box::<DecompressorOxide>::default();
    let mut out = vec![0u8; data.len().saturating_mul(4).clamp(1024, limit.max(1024))];
    let (mut inp, mut pos) = (0usize, 0usize);
    loop {
        let (status, read, written) = decompress(&mut state, &data[inp..], &mut out, pos, flags);
        inp += read;
        pos += written;
        match status {
            TINFLStatus::Done => break,
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(format!("a stream inflates beyond {} MB", limit >> 20));
                }
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            // Damaged or cut off: keep what came out.
            _ => break,
        }
    }
    out.truncate(pos);
    Ok(out)
}

fn predict(data: Vec<u8>, params: Option<&Dict>, limit: usize) -> Result<Vec<u8>, String> {
    let Some(p) = params else { return Ok(data) };
    let int = |k: &[u8], d: i64| p.get(k).and_then(Obj::as_i64).unwrap_or(d);
    let predictor = int(b"Predictor", 1);
    if predictor <= 1 {
        return Ok(data);
    }
    let colors = int(b"Colors", 1).clamp(1, 32) as usize;
    let bpc = int(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = int(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * columns).div_ceil(8);
    if predictor == 2 {
        // TIFF predictor 2, 8 bits per component only.
        let mut out = data;
        if bpc == 8 {
            for r in out.chunks_mut(row) {
                for i in bpp..r.len() {
                    r[i] = r[i].wrapping_add(r[i - bpp]);
                }
            }
        }
        return Ok(out);
    }
    // PNG predictors: a filter-type byte before each row.
    let mut out = Vec::with_capacity(data.len().min(limit));
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (&kind, src) = match chunk.split_first() {
            Some(x) => x,
            None => break,
        };
        let mut cur = src.to_vec();
        cur.resize(row, 0);
        for i in 0..row {
            let left = if i >= bpp { cur[i - bpp] } else { 0 };
            let up = prev[i];
            let ul = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => cur[i].wrapping_add(left),
                2 => cur[i].wrapping_add(up),
                3 => cur[i].wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8),
                4 => cur[i].wrapping_add(paeth(left, up, ul)),
                _ => cur[i],
            };
        }
        out.extend_from_slice(&cur[..src.len().min(row)]);
        prev = cur;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high = None;
    for &c in data {
        if c == b'>' {
            break;
        }
        let Some(v) = (c as char).to_digit(16) else { continue };
        match high.take() {
            Some(h) => out.push((h << 4 | v) as u8),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push((h << 4) as u8);
    }
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let (mut group, mut n) = (0u64, 0);
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group * 85 + u64::from(c - b'!');
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&(group as u32).to_be_bytes());
                    group = 0;
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for _ in n..5 {
            group = group * 85 + 84;
        }
        out.extend_from_slice(&(group as u32).to_be_bytes()[..n - 1]);
    }
    out
}

fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let len = data[i];
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                out.extend_from_slice(&data[i..(i + n).min(data.len())]);
                i += n;
            }
            _ => {
                if let Some(&b) = data.get(i) {
                    out.extend(std::iter::repeat_n(b, 257 - usize::from(len)));
                }
                i += 1;
            }
        }
        if out.len() > limit {
            return Err(format!("a stream decodes beyond {} MB", limit >> 20));
        }
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
    table.push(Vec::new());
    table.push(Vec::new());
    let (mut bits, mut acc, mut nacc) = (9u32, 0u32, 0u32);
    let mut prev: Option<Vec<u8>> = None;
    for &b in data {
        acc = acc << 8 | u32::from(b);
        nacc += 8;
        while nacc >= bits {
            let code = ((acc >> (nacc - bits)) & ((1 << bits) - 1)) as usize;
            nacc -= bits;
            if code == 256 {
                table.truncate(258);
                bits = 9;
                prev = None;
                continue;
            }
            if code == 257 {
                return Ok(out);
            }
            let entry = if code < table.len() {
                table[code].clone()
            } else if let Some(p) = &prev {
                let mut e = p.clone();
                e.push(p[0]);
                e
            } else {
                return Ok(out);
            };
            if let Some(p) = prev.take() {
                if !entry.is_empty() && table.len() < 4096 {
                    let mut n = p;
                    n.push(entry[0]);
                    table.push(n);
                }
            }
            out.extend_from_slice(&entry);
            if out.len() > limit {
                return Err(format!("a stream decodes beyond {} MB", limit >> 20));
            }
            let next = table.len() + usize::from(early);
            bits = match next {
                0..=511 => 9,
                512..=1023 => 10,
                1024..=2047 => 11,
                _ => 12,
            };
            prev = Some(entry);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6c6c 6F>"), b"Hello");
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
        assert_eq!(ascii85(b"87cURD]j7BEbo7~>"), b"Hello world");
        assert_eq!(run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100).unwrap(), b"abcxxx");
    }

    #[test]
    fn lzw_example_of_the_spec() {
        // ISO 32000-1 §7.4.4.2: 45 45 45 45 45 65 45 45 45 66 encodes as 80 0B 60 50 22 0C 0C 85 01.
        let enc = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&enc, true, 100).unwrap(), [45, 45, 45, 45, 45, 65, 45, 45, 45, 66]);
    }

    #[test]
    fn inflate_is_capped_and_keeps_a_damaged_streams_start() {
        let zeros = vec![0u8; 10 << 20];
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 6);
        assert_eq!(inflate(&z, 16 << 20).unwrap().len(), 10 << 20);
        assert!(inflate(&z, 1 << 20).unwrap_err().contains("beyond"));
        // Text that compresses little, so that half the stream holds some of it.
        let text: Vec<u8> =
            (0..2000).flat_map(|i| format!("BT /F1 12 Tf 72 {} Td ({i}) Tj ET\n", i * 7 % 811).into_bytes()).collect();
        let z = miniz_oxide::deflate::compress_to_vec_zlib(&text, 6);
        let cut = inflate(&z[..z.len() / 2], 1 << 20).unwrap();
        assert!(!cut.is_empty() && text.starts_with(&cut));
    }
}
