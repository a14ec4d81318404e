//! A small pull tokenizer for the XML inside .docx files: start tags (with attributes), end tags and
//! text with entities resolved. Tolerant, like a browser: it never fails; declarations, comments and
//! processing instructions are skipped; CDATA is text; a truncated document simply ends. WordprocessingML
//! needs nothing more, and this replaces the quick-xml crate (about 24 KB of wasm).

use std::borrow::Cow;

/// One token of an XML document.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// `<name …>` or, when `empty`, `<name …/>` (which has no matching [`Token::End`]).
    Start(Tag<'a>),
    /// `</name>`.
    End(&'a str),
    /// Character data between tags, entities resolved.
    Text(Cow<'a, str>),
}

/// A start tag: its qualified name and the raw attribute text.
#[derive(Debug, PartialEq)]
pub struct Tag<'a> {
    pub name: &'a str,
    pub empty: bool,
    attrs: &'a str,
}

impl Tag<'_> {
    /// The value of attribute `key` (qualified, e.g. `w:val`), entities resolved.
    pub fn attr(&self, key: &str) -> Option<String> {
        let mut rest = self.attrs;
        loop {
            let eq = rest.find('=')?;
            let name = rest[..eq].trim();
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next().filter(|&q| q == '"' || q == '\'')?;
            let close = after[1..].find(quote)? + 1;
            if name == key {
                return Some(unescape(&after[1..close]).into_owned());
            }
            rest = &after[close + 1..];
        }
    }
}

/// The tokens of `xml`, in order.
pub fn tokens(xml: &str) -> Tokens<'_> {
    Tokens { xml, at: 0 }
}

pub struct Tokens<'a> {
    xml: &'a str,
    at: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.xml[self.at..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.at += end;
                return Some(Token::Text(unescape(&rest[..end])));
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let end = body.find("]]>").unwrap_or(body.len());
                self.at += 9 + (end + 3).min(body.len());
                return Some(Token::Text(Cow::Borrowed(&body[..end])));
            }
            let skip_to = |close: &str| rest.find(close).map_or(rest.len(), |k| k + close.len());
            if rest.starts_with("<!--") {
                self.at += skip_to("-->");
                continue;
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                self.at += skip_to(">");
                continue;
            }
            let Some(gt) = tag_end(rest) else {
                self.at = self.xml.len();
                return None;
            };
            self.at += gt + 1;
            let inner = &rest[1..gt];
            if let Some(name) = inner.strip_prefix('/') {
                return Some(Token::End(name.trim()));
            }
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let split = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
            return Some(Token::Start(Tag { name: &inner[..split], empty, attrs: &inner[split..] }));
        }
    }
}

/// The `>` closing the tag at the start of `s`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Resolve entity and character references; an unknown one stays as written.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        match super::html::entity(rest) {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_text_and_entities() {
        let xml = r#"<?xml version="1.0"?><!-- c --><w:p a='1' w:val="x&gt;y"><w:t>甲 &amp; 乙&#x4e2d;&bogus;</w:t><w:br/><![CDATA[<原样>]]></w:p>"#;
        let toks: Vec<Token> = tokens(xml).collect();
        let Token::Start(p) = &toks[0] else { panic!("{toks:?}") };
        assert_eq!((p.name, p.empty), ("w:p", false));
        assert_eq!(p.attr("w:val").as_deref(), Some("x>y"));
        assert_eq!(p.attr("a").as_deref(), Some("1"));
        assert_eq!(p.attr("val"), None);
        assert_eq!(toks[2], Token::Text(Cow::Owned("甲 & 乙中&bogus;".into())));
        assert_eq!(toks[3], Token::End("w:t"));
        assert!(matches!(&toks[4], Token::Start(t) if t.name == "w:br" && t.empty));
        assert_eq!(toks[5], Token::Text(Cow::Borrowed("<原样>")));
        assert_eq!(toks[6], Token::End("w:p"));
        assert_eq!(toks.len(), 7);
    }

    #[test]
    fn truncated_and_odd_input_ends_quietly() {
        for xml in ["<w:p a=\"1>", "<", "<!--", "<![CDATA[x", "text only", "<a b='>'>x</a", "&", "<a/><"] {
            let n = tokens(xml).count();
            assert!(n <= 3, "{xml}: {n}");
        }
        let t: Vec<Token> = tokens("<a b='>'>x").collect();
        assert!(matches!(&t[0], Token::Start(a) if a.attr("b").as_deref() == Some(">")));
    }
}
