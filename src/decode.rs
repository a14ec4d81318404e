//! Decoding: the bytes of a file into the text every span points into.
//!
//! Today: UTF-8, with or without a byte-order mark. Text that is not valid UTF-8 is refused with a
//! message naming the first bad byte, never analyzed as mojibake.

use crate::error::Error;

/// What the decoder found: the encoding and the file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static str,
    pub format: &'static str,
}

impl Decoded {
    /// Text handed in as a string.
    pub fn plain() -> Self {
        Decoded { encoding: "UTF-8", format: "text" }
    }
}

/// Decode the bytes of a file; `name` (a path or file name) hints at the format.
pub fn decode(bytes: &[u8], name: &str) -> Result<(String, Decoded), Error> {
    let _ = name;
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(Error::TooLarge { bytes: bytes.len(), limit: crate::MAX_INPUT_BYTES });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Error::Undecodable("it contains NUL bytes (a binary file?)".into()));
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok((s.to_string(), Decoded::plain())),
        Err(e) => Err(Error::Undecodable(format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.valid_up_to() + (bytes.len() - body.len())
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, d) = decode("一、总体".as_bytes(), "a.txt").unwrap();
        assert_eq!((t.as_str(), d.encoding), ("一、总体", "UTF-8"));
        let (t, _) = decode(b"\xEF\xBB\xBFabc", "a.txt").unwrap();
        assert_eq!(t, "abc");
    }

    #[test]
    fn invalid_bytes_are_refused_with_their_offset() {
        let err = decode(b"ab\xB7\xA8", "a.txt").unwrap_err();
        assert!(err.to_string().contains("offset 2"), "{err}");
        assert!(decode(b"ab\0cd", "a.bin").is_err());
    }
}
