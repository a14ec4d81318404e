//! Reading members of a zip archive (a .docx): the end-of-central-directory record, the central
//! directory, and each member's data, stored or deflated (inflated by miniz_oxide, with a cap on the
//! output so that a bomb stops in bounded time and memory) and checked against its CRC-32.
//! Only what a .docx needs: no ZIP64, no encryption, no multi-disk archives; each is refused by name.
//! Replaces the zip crate (about 40 KB of wasm with its error strings).

use crate::crc32::crc32;

/// A member of the archive, as the central directory describes it.
struct Entry<'a> {
    name: &'a [u8],
    method: u16,
    flags: u16,
    crc: u32,
    compressed: usize,
    size: usize,
    local: usize,
}

/// An opened archive: the central directory over the borrowed bytes.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry<'a>>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const EOCD: &[u8] = b"PK\x05\x06";
const CENTRAL: &[u8] = b"PK\x01\x02";
const LOCAL: &[u8] = b"PK\x03\x04";

impl<'a> Archive<'a> {
    /// Read the central directory; refuse more than `max_entries` members.
    pub fn open(bytes: &'a [u8], max_entries: usize) -> Result<Archive<'a>, String> {
        // The end record is the last 22 bytes, or earlier by a comment of up to 64 KB.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (lowest..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| bytes[i..].starts_with(EOCD))
            .ok_or("no end of central directory (truncated?)")?;
        let field = |at| u16_at(bytes, eocd + at).map(usize::from).ok_or("truncated end record");
        let (disk, count) = (field(4)?, field(10)?);
        let cd_size = u32_at(bytes, eocd + 12).ok_or("truncated end record")?;
        let cd_offset = u32_at(bytes, eocd + 16).ok_or("truncated end record")?;
        if count == 0xFFFF || cd_offset == u32::MAX || cd_size == u32::MAX {
            return Err("ZIP64 archives are not supported".into());
        }
        if disk != 0 {
            return Err("multi-disk archives are not supported".into());
        }
        if count > max_entries {
            return Err(format!("{count} entries (the limit is {max_entries})"));
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = cd_offset as usize;
        for _ in 0..count {
            let head = bytes
                .get(at..at.saturating_add(46))
                .filter(|h| h.starts_with(CENTRAL))
                .ok_or("damaged central directory")?;
            let n = |k| usize::from(u16_at(head, k).unwrap_or(0));
            let w = |k| u32_at(head, k).unwrap_or(0) as usize;
            let (name_len, extra_len, comment_len) = (n(28), n(30), n(32));
            let name = bytes
                .get(at.saturating_add(46)..at.saturating_add(46 + name_len))
                .ok_or("damaged central directory")?;
            entries.push(Entry {
                name,
                method: n(10) as u16,
                flags: n(8) as u16,
                crc: w(16) as u32,
                compressed: w(20),
                size: w(24),
                local: w(42),
            });
            at = at.saturating_add(46 + name_len + extra_len + comment_len);
        }
        Ok(Archive { bytes, entries })
    }

    /// The data of member `name`, or `None` if there is none; an error if it is damaged, uses a
    /// method other than stored/deflate, or would inflate beyond `limit` bytes.
    pub fn read(&self, name: &str, limit: usize) -> Result<Option<Vec<u8>>, String> {
        match self.entries.iter().position(|e| e.name == name.as_bytes()) {
            Some(i) => self.read_at(i, limit).map(Some),
            None => Ok(None),
        }
    }

    /// How many members the central directory lists.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Member `i`'s name as stored, whether its flags say UTF-8, and its declared inflated size.
    pub fn entry(&self, i: usize) -> (&'a [u8], bool, usize) {
        let e = &self.entries[i];
        (e.name, e.flags & 0x800 != 0, e.size)
    }

    /// The data of member `i` (as [`Archive::read`]).
    pub fn read_at(&self, i: usize, limit: usize) -> Result<Vec<u8>, String> {
        let e = &self.entries[i];
        let name = String::from_utf8_lossy(e.name);
        if e.flags & 1 != 0 {
            return Err(format!("{name} is encrypted"));
        }
        if e.size > limit {
            return Err(format!("{name} inflates to {} bytes (the limit is {limit})", e.size));
        }
        let damaged = || format!("{name}: damaged local header");
        let head =
            self.bytes.get(e.local..e.local.saturating_add(30)).filter(|h| h.starts_with(LOCAL)).ok_or_else(damaged)?;
        let names = usize::from(u16_at(head, 26).unwrap_or(0)) + usize::from(u16_at(head, 28).unwrap_or(0));
        let start = e.local.saturating_add(30 + names);
        let data =
            self.bytes.get(start..start.saturating_add(e.compressed)).ok_or_else(|| format!("{name}: data cut off"))?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|err| {
                if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    format!("{name} inflates beyond {limit} bytes")
                } else {
                    format!("{name}: damaged compressed data")
                }
            })?,
            m => return Err(format!("{name}: compression method {m} is not supported")),
        };
        if crc32(&out) != e.crc {
            return Err(format!("{name}: checksum mismatch (damaged archive)"));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn archive(method: zip::CompressionMethod, members: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut z = zip::ZipWriter::new(Cursor::new(&mut buf));
        for (name, data) in members {
            z.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
        buf
    }

    #[test]
    fn stored_and_deflated_members() {
        for method in [zip::CompressionMethod::Stored, zip::CompressionMethod::Deflated] {
            let bytes = archive(method, &[("a.xml", "<甲/>".as_bytes()), ("word/document.xml", &[b'x'; 5000])]);
            let a = Archive::open(&bytes, 10).unwrap();
            assert_eq!(a.entries.len(), 2);
            assert_eq!(a.read("a.xml", 100).unwrap().unwrap(), "<甲/>".as_bytes());
            assert_eq!(a.read("word/document.xml", 5000).unwrap().unwrap().len(), 5000);
            assert_eq!(a.read("missing", 100).unwrap(), None);
            assert!(a.read("word/document.xml", 4999).unwrap_err().contains("4999"));
            assert!(Archive::open(&bytes, 1).err().is_some_and(|e| e.contains("limit")));
        }
    }

    #[test]
    fn damage_is_reported_not_panicked() {
        let bytes = archive(zip::CompressionMethod::Deflated, &[("a.xml", &[b'y'; 3000])]);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        for cut in 0..bytes.len() {
            let _ = Archive::open(&bytes[..cut], 10).map(|a| a.read("a.xml", 10_000));
        }
        // Flip each byte of the member data in turn: an error or the right data, never wrong data.
        let a = Archive::open(&bytes, 10).unwrap();
        let start = 30 + "a.xml".len();
        let end = start + a.entries[0].compressed;
        for i in start..end {
            let mut b = bytes.clone();
            b[i] ^= 0x55;
            if let Ok(Some(data)) = Archive::open(&b, 10).unwrap().read("a.xml", 10_000) {
                assert_eq!(data, [b'y'; 3000]);
            }
        }
    }
}
