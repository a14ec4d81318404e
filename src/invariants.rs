//! What every analysis must satisfy, whatever the input: checked by the property tests, the fuzz
//! targets and the golden tests.

use crate::model::Analysis;

/// Check an analysis against the text it was made of: every span lies on char boundaries and inside the
/// text; figures, titles and section markers are the bytes they claim; figures are in order and do not
/// overlap; sections are ordered and nested (a deeper section lies inside the one above it); UTF-16
/// offsets, where present, point at the same text.
pub fn check(text: &str, a: &Analysis) -> Result<(), String> {
    let mut a = a.clone();
    for span in a.spans_mut() {
        if span.start > span.end || span.end > text.len() {
            return Err(format!("span {}..{} outside the text ({} bytes)", span.start, span.end, text.len()));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("span {}..{} not on char boundaries", span.start, span.end));
        }
    }
    for f in &a.figures {
        if text[f.span.range()] != f.text {
            return Err(format!("figure {:?} is not the text at {}..{}", f.text, f.span.start, f.span.end));
        }
        if !f.value.is_finite() {
            return Err(format!("figure {:?} has a non-finite value", f.text));
        }
    }
    for w in a.figures.windows(2) {
        if w[1].span.start < w[0].span.end {
            return Err(format!("figures {:?} and {:?} overlap or are out of order", w[0].text, w[1].text));
        }
    }
    for s in &a.sections {
        if text[s.title_span.range()] != s.title {
            return Err(format!("section title {:?} is not the text at its span", s.title));
        }
        if !text[s.span.range()].starts_with(&s.marker) {
            return Err(format!("section {:?} does not start with its marker {:?}", s.title, s.marker));
        }
        if s.depth == 0 {
            return Err(format!("section {:?} has depth 0", s.title));
        }
    }
    for (i, s) in a.sections.iter().enumerate() {
        if i > 0 && s.span.start < a.sections[i - 1].span.start {
            return Err(format!("section {:?} out of order", s.title));
        }
        // The nearest earlier section one level up contains this one.
        if s.depth > 1 {
            if let Some(parent) = a.sections[..i].iter().rev().find(|p| p.depth < s.depth) {
                if s.span.start < parent.span.start || s.span.end > parent.span.end {
                    return Err(format!("section {:?} is not inside {:?}", s.title, parent.title));
                }
            }
        }
    }
    let units: Vec<u16> = text.encode_utf16().collect();
    for span in a.spans_mut() {
        if let (Some(s16), Some(e16)) = (span.start16, span.end16) {
            let same = units.get(s16..e16).and_then(|u| String::from_utf16(u).ok());
            if same.as_deref() != Some(&text[span.range()]) {
                return Err(format!("UTF-16 span {s16}..{e16} differs from bytes {}..{}", span.start, span.end));
            }
        }
    }
    Ok(())
}
