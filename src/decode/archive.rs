//! `.zip` archives of reports (a batch as it arrives by mail): every member a reader supports is a
//! report of its own, named `archive.zip/folder/name.pdf`. Member names written by Chinese Windows
//! (GBK, without the UTF-8 flag) are decoded; archives inside the archive are opened one level deep;
//! directories, hidden files and macOS metadata are skipped, and so are members of other kinds
//! (images, spreadsheets). Bounded: at most [`MAX_MEMBERS`] members and [`MAX_TOTAL`] bytes inflated
//! in all, each member at most [`crate::MAX_INPUT_BYTES`] — a zip bomb stops with a message naming
//! the limit.

use super::zip::Archive;
use super::{Charset, LegacyDecoder};
use crate::error::Error;

pub const MAX_MEMBERS: usize = 2_000;
pub const MAX_TOTAL: usize = 512 * 1024 * 1024;

/// File extensions read as reports (and `zip`, opened one level deep).
pub const REPORT_EXTENSIONS: [&str; 11] =
    ["txt", "text", "htm", "html", "docx", "pdf", "ofd", "doc", "wps", "shtml", "zip"];

/// One member: its display name and its bytes, or why it could not be taken out.
#[derive(Debug)]
pub struct Member {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

fn bad(why: impl std::fmt::Display) -> Error {
    Error::Undecodable(format!("not a readable .zip archive: {why}"))
}

/// The report members of the archive `bytes`, named under `archive_name`, in archive order.
pub fn members(bytes: &[u8], archive_name: &str, legacy: &dyn LegacyDecoder) -> Result<Vec<Member>, Error> {
    let mut out = Vec::new();
    let mut total = 0usize;
    expand(bytes, archive_name, legacy, 0, &mut out, &mut total)?;
    Ok(out)
}

fn expand(
    bytes: &[u8],
    prefix: &str,
    legacy: &dyn LegacyDecoder,
    depth: usize,
    out: &mut Vec<Member>,
    total: &mut usize,
) -> Result<(), Error> {
    let zip = Archive::open(bytes, MAX_MEMBERS * 4).map_err(bad)?;
    for i in 0..zip.len() {
        let (raw, utf8, _) = zip.entry(i);
        let name = member_name(raw, utf8, legacy);
        let lower = name.to_lowercase();
        let base = lower.rsplit('/').next().unwrap_or("");
        if name.ends_with('/') || lower.starts_with("__macosx/") || base.starts_with('.') || base.is_empty() {
            continue;
        }
        let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        if !REPORT_EXTENSIONS.contains(&ext) {
            continue;
        }
        let full = format!("{prefix}/{name}");
        if out.len() >= MAX_MEMBERS {
            return Err(Error::Undecodable(format!("the archive holds more than {MAX_MEMBERS} reports: split it")));
        }
        let remaining = MAX_TOTAL.saturating_sub(*total);
        let limit = crate::MAX_INPUT_BYTES.min(remaining);
        let data = zip.read_at(i, limit).map_err(|e| {
            if limit < crate::MAX_INPUT_BYTES && (e.contains("limit") || e.contains("beyond")) {
                format!("the archive's members inflate to more than {} MB in all (a zip bomb?)", MAX_TOTAL >> 20)
            } else {
                e
            }
        });
        if let Ok(d) = &data {
            *total += d.len();
        }
        if ext == "zip" {
            match data {
                Ok(d) if depth == 0 => {
                    if let Err(e) = expand(&d, &full, legacy, 1, out, total) {
                        out.push(Member { name: full, bytes: Err(e.to_string()) });
                    }
                }
                Ok(_) => out.push(Member {
                    name: full,
                    bytes: Err(
                        "an archive inside an archive inside an archive: only one level of nesting is opened".into()
                    ),
                }),
                Err(e) => out.push(Member { name: full, bytes: Err(e) }),
            }
            continue;
        }
        out.push(Member { name: full, bytes: data });
    }
    Ok(())
}

/// A member's name: UTF-8 when flagged or valid, otherwise GBK (what Chinese Windows writes), else
/// the bytes as Latin-1.
fn member_name(raw: &[u8], utf8: bool, legacy: &dyn LegacyDecoder) -> String {
    let name = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) if utf8 => String::from_utf8_lossy(raw).into_owned(),
        Err(_) => legacy.decode(Charset::Gb18030, raw).unwrap_or_else(|| raw.iter().map(|&b| char::from(b)).collect()),
    };
    name.replace('\\', "/").trim_start_matches('/').to_string()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::decode::NativeDecoder;
    use std::io::{Cursor, Write};

    fn zip_of(members: &[(&[u8], &[u8])], utf8_names: bool) -> Vec<u8> {
        // Names as raw bytes: the zip crate writes what it is given, and sets the UTF-8 flag only
        // for non-ASCII UTF-8 names.
        let mut buf = Vec::new();
        let mut z = zip::ZipWriter::new(Cursor::new(&mut buf));
        for (name, data) in members {
            let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            let n = if utf8_names {
                String::from_utf8(name.to_vec()).unwrap()
            } else {
                name.iter().map(|&b| char::from(b)).collect()
            };
            z.start_file(n, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
        buf
    }

    #[test]
    fn members_nested_one_level_and_skipped_kinds() {
        let inner = zip_of(&[("b.txt".as_bytes(), "二".as_bytes())], true);
        let deeper = zip_of(&[("c.zip".as_bytes(), &inner[..])], true);
        let outer = zip_of(
            &[
                ("报告/a.txt".as_bytes(), "一".as_bytes()),
                ("img.png".as_bytes(), b"\x89PNG"),
                ("__MACOSX/._a.txt".as_bytes(), b"x"),
                ("inner.zip".as_bytes(), &inner[..]),
                ("deep.zip".as_bytes(), &deeper[..]),
            ],
            true,
        );
        let m = members(&outer, "batch.zip", &NativeDecoder).unwrap();
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["batch.zip/报告/a.txt", "batch.zip/inner.zip/b.txt", "batch.zip/deep.zip/c.zip"]);
        assert_eq!(m[1].bytes.as_deref().unwrap(), "二".as_bytes());
        assert!(m[2].bytes.as_ref().unwrap_err().contains("one level"));
    }

    #[test]
    fn gbk_names() {
        // Written as ASCII of the same length, then the GBK bytes put in its place (no UTF-8 flag).
        let (gbk, _, _) = encoding_rs::GBK.encode("法治报告.txt");
        let mut z = zip_of(&[(b"AAAAAAAA.txt", b"x")], false);
        while let Some(at) = z.windows(12).position(|w| w == b"AAAAAAAA.txt") {
            z[at..at + 12].copy_from_slice(&gbk);
        }
        let m = members(&z, "a.zip", &NativeDecoder).unwrap();
        assert_eq!(m[0].name, "a.zip/法治报告.txt");
    }

    #[test]
    fn bombs_stop_at_the_limits() {
        let zeros = vec![b' '; 70 << 20];
        let z = zip_of(&[(b"big.txt", &zeros[..])], true);
        let m = members(&z, "bomb.zip", &NativeDecoder).unwrap();
        assert!(m[0].bytes.as_ref().unwrap_err().contains("limit"), "{:?}", m[0].bytes.as_ref().err());
        assert!(members(b"PK\x03\x04 not really", "x.zip", &NativeDecoder).is_err());
    }
}
