//! Normalization for matching, never for offsets: callers fold characters one at a time and keep
//! their own byte positions in the original text.

/// Fold one character for matching: full-width ASCII forms to ASCII (１→1, ：→:, （→(), the
/// ideographic space and other spaces to ' '.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => ' ',
        _ => c,
    }
}

/// The line folded for phrase matching: every space removed, full-width forms folded.
pub fn squeeze(s: &str) -> String {
    s.chars().map(fold_char).filter(|c| !crate::text::is_space(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_spaces() {
        assert_eq!(squeeze("索\u{a0}\u{a0}引\u{3000}号：１２"), "索引号:12");
        assert_eq!(fold_char('（'), '(');
        assert_eq!(fold_char('中'), '中');
    }
}
