//! Writing a zip archive (a .docx, or several memos in one download): each member deflated by
//! miniz_oxide when that is smaller (with the `docx` feature; stored otherwise), its CRC-32, local
//! headers, the central directory and its end record. Names are UTF-8 (flag bit 11). No ZIP64: an
//! archive stays below 4 GB and 65,535 members, or is refused.

use crate::crc32::crc32;
use crate::error::Error;

/// One member: its path inside the archive and its bytes.
pub struct Member<'a> {
    pub name: &'a str,
    pub data: &'a [u8],
}

/// DOS date of every member: 2000-01-01 00:00 (a fixed time keeps archives reproducible).
const DOS_DATE: u16 = (20 << 9) | (1 << 5) | 1;
const DOS_TIME: u16 = 0;

fn compress(data: &[u8]) -> Option<Vec<u8>> {
    #[cfg(feature = "docx")]
    {
        let out = miniz_oxide::deflate::compress_to_vec(data, 6);
        (out.len() < data.len()).then_some(out)
    }
    #[cfg(not(feature = "docx"))]
    {
        let _ = data;
        None
    }
}

/// A name a member may have: relative, `/`-separated, no `..`, no control characters, unique.
fn check_name(name: &str, seen: &[&str]) -> Result<(), Error> {
    let bad = name.is_empty()
        || name.len() > 0xFFFF
        || name.starts_with('/')
        || name.contains('\\')
        || name.split('/').any(|p| p.is_empty() || p == "." || p == "..")
        || name.chars().any(char::is_control);
    if bad {
        return Err(Error::Options(format!("{name:?} cannot be the name of a file in a zip archive")));
    }
    if seen.contains(&name) {
        return Err(Error::Options(format!("two files named {name:?} in one zip archive")));
    }
    Ok(())
}

/// The archive of `members`, in their order.
pub fn write(members: &[Member]) -> Result<Vec<u8>, Error> {
    if members.len() >= 0xFFFF {
        return Err(Error::Options(format!("{} files are too many for one zip archive", members.len())));
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for m in members {
        check_name(m.name, &seen)?;
        seen.push(m.name);
        let crc = crc32(m.data);
        let packed = compress(m.data);
        let (method, body): (u16, &[u8]) = match &packed {
            Some(p) => (8, p),
            None => (0, m.data),
        };
        let offset = out.len();
        if offset > u32::MAX as usize || body.len() > u32::MAX as usize || m.data.len() > u32::MAX as usize {
            return Err(Error::Options("the zip archive would exceed 4 GB".into()));
        }
        let name = m.name.as_bytes();
        // Local file header.
        out.extend_from_slice(b"PK\x03\x04");
        push16(&mut out, 20); // version needed: 2.0
        push16(&mut out, 1 << 11); // UTF-8 names
        push16(&mut out, method);
        push16(&mut out, DOS_TIME);
        push16(&mut out, DOS_DATE);
        push32(&mut out, crc);
        push32(&mut out, body.len() as u32);
        push32(&mut out, m.data.len() as u32);
        push16(&mut out, name.len() as u16);
        push16(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(body);
        // Its central directory record.
        central.extend_from_slice(b"PK\x01\x02");
        push16(&mut central, 20); // made by: 2.0, MS-DOS attributes
        push16(&mut central, 20);
        push16(&mut central, 1 << 11);
        push16(&mut central, method);
        push16(&mut central, DOS_TIME);
        push16(&mut central, DOS_DATE);
        push32(&mut central, crc);
        push32(&mut central, body.len() as u32);
        push32(&mut central, m.data.len() as u32);
        push16(&mut central, name.len() as u16);
        push16(&mut central, 0); // extra
        push16(&mut central, 0); // comment
        push16(&mut central, 0); // disk
        push16(&mut central, 0); // internal attributes
        push32(&mut central, 0); // external attributes
        push32(&mut central, offset as u32);
        central.extend_from_slice(name);
    }
    let cd_offset = out.len();
    if cd_offset + central.len() > u32::MAX as usize {
        return Err(Error::Options("the zip archive would exceed 4 GB".into()));
    }
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    push16(&mut out, 0);
    push16(&mut out, 0);
    push16(&mut out, members.len() as u16);
    push16(&mut out, members.len() as u16);
    push32(&mut out, central.len() as u32);
    push32(&mut out, cd_offset as u32);
    push16(&mut out, 0);
    Ok(out)
}

fn push16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn push32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

#[cfg(all(test, feature = "docx"))]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn read_back_by_our_reader_and_the_zip_crate() {
        let big = "依法行政，建设法治政府。".repeat(500);
        let files = [
            Member { name: "[Content_Types].xml", data: b"<Types/>" },
            Member { name: "word/document.xml", data: big.as_bytes() },
            Member { name: "审核意见/榆树市.docx", data: &[0, 1, 2, 255] },
            Member { name: "empty.txt", data: b"" },
        ];
        let bytes = write(&files).unwrap();
        let ours = crate::decode::zip::Archive::open(&bytes, 10).unwrap();
        for m in &files {
            assert_eq!(ours.read(m.name, 1 << 20).unwrap().as_deref(), Some(m.data), "{}", m.name);
        }
        let mut theirs = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(theirs.len(), 4);
        for m in &files {
            let mut f = theirs.by_name(m.name).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            assert_eq!(data, m.data);
        }
        assert!(bytes.len() < big.len() / 4, "the repetitive member is deflated");
    }

    #[test]
    fn bad_names_are_refused() {
        for name in ["", "/abs", "../up", "a//b", "a\\b", "x\u{0}y", "./a"] {
            assert!(write(&[Member { name, data: b"x" }]).is_err(), "{name:?}");
        }
        let twice = [Member { name: "a", data: b"1" }, Member { name: "a", data: b"2" }];
        assert!(write(&twice).unwrap_err().to_string().contains("two files"));
    }
}
