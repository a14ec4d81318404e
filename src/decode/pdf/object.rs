//! PDF objects and their syntax (ISO 32000-1 §7.3): a tokenizer over the file's bytes that reads
//! numbers, names, strings, arrays, dictionaries, indirect references and stream headers. Nesting is
//! bounded ([`MAX_NESTING`]) so that a hostile file cannot exhaust the stack.

use std::rc::Rc;

/// Deepest nesting of arrays and dictionaries read.
pub const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
    /// A stream: its dictionary and where its raw data lies in the file (or, for a stream read from
    /// decoded data, in that data: `data` then holds it).
    Stream(Rc<Stream>),
}

#[derive(Debug, PartialEq)]
pub struct Stream {
    pub dict: Dict,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Obj {
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) => Some(r),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() => Some(r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            Obj::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

pub fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

/// A cursor over PDF syntax.
pub struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

/// One token of a content stream or object: an object, or a bare keyword (`obj`, `R`, `Tj`, `]`…).
#[derive(Debug, PartialEq)]
pub enum Tok<'a> {
    Obj(Obj),
    Keyword(&'a [u8]),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8], at: usize) -> Self {
        Lexer { bytes, at }
    }

    pub fn skip_white(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            if is_white(b) {
                self.at += 1;
            } else if b == b'%' {
                while let Some(&c) = self.bytes.get(self.at) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end.
    pub fn token(&mut self) -> Option<Tok<'a>> {
        self.skip_white();
        let b = *self.bytes.get(self.at)?;
        let start = self.at;
        match b {
            b'[' => {
                self.at += 1;
                Some(Tok::ArrayOpen)
            }
            b']' => {
                self.at += 1;
                Some(Tok::ArrayClose)
            }
            b'<' if self.bytes.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                Some(Tok::DictOpen)
            }
            b'>' if self.bytes.get(self.at + 1) == Some(&b'>') => {
                self.at += 2;
                Some(Tok::DictClose)
            }
            b'<' => Some(Tok::Obj(Obj::Str(self.hex_string()))),
            b'(' => Some(Tok::Obj(Obj::Str(self.literal_string()))),
            b'/' => Some(Tok::Obj(Obj::Name(self.name()))),
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let end = self.regular_end();
                self.at = end;
                Some(Tok::Obj(number(&self.bytes[start..end])))
            }
            _ if is_regular(b) => {
                let end = self.regular_end();
                self.at = end;
                let word = &self.bytes[start..end];
                Some(match word {
                    b"true" => Tok::Obj(Obj::Bool(true)),
                    b"false" => Tok::Obj(Obj::Bool(false)),
                    b"null" => Tok::Obj(Obj::Null),
                    _ => Tok::Keyword(word),
                })
            }
            // A stray delimiter (`)`, `>`, `{`, `}`): a one-byte keyword, skipped by callers.
            _ => {
                self.at += 1;
                Some(Tok::Keyword(&self.bytes[start..start + 1]))
            }
        }
    }

    fn regular_end(&self) -> usize {
        let mut end = self.at + 1;
        while self.bytes.get(end).is_some_and(|&c| is_regular(c)) {
            end += 1;
        }
        end
    }

    fn name(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        while let Some(&c) = self.bytes.get(self.at) {
            if !is_regular(c) {
                break;
            }
            if c == b'#' {
                if let Some(v) = self.bytes.get(self.at + 1..self.at + 3).and_then(hex_pair) {
                    out.push(v);
                    self.at += 3;
                    continue;
                }
            }
            out.push(c);
            self.at += 1;
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&c) = self.bytes.get(self.at) {
            self.at += 1;
            let v = match c {
                b'>' => break,
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn literal_string(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&c) = self.bytes.get(self.at) {
            self.at += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.bytes.get(self.at) else { break };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.bytes.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.bytes.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        _ => out.push(e),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// A whole object (arrays and dictionaries read through), with `N G R` references resolved to
    /// [`Obj::Ref`]. `None` at the end or on a keyword that is no object.
    pub fn object(&mut self) -> Option<Obj> {
        let tok = self.token()?;
        self.object_from(tok, 0)
    }

    pub fn object_from(&mut self, tok: Tok<'a>, depth: usize) -> Option<Obj> {
        if depth > MAX_NESTING {
            return None;
        }
        match tok {
            Tok::Obj(Obj::Int(n)) => {
                // `n g R`?
                let save = self.at;
                if let (Ok(num), Some(Tok::Obj(Obj::Int(g)))) = (u32::try_from(n), self.token()) {
                    if let (Ok(gen), Some(Tok::Keyword(b"R"))) = (u16::try_from(g), self.token()) {
                        return Some(Obj::Ref(num, gen));
                    }
                }
                self.at = save;
                Some(Obj::Int(n))
            }
            Tok::Obj(o) => Some(o),
            Tok::ArrayOpen => {
                let mut items = Vec::new();
                loop {
                    match self.token()? {
                        Tok::ArrayClose => break,
                        Tok::DictClose => continue,
                        Tok::Keyword(_) => continue,
                        t => items.push(self.object_from(t, depth + 1)?),
                    }
                }
                Some(Obj::Array(items))
            }
            Tok::DictOpen => {
                let mut entries = Vec::new();
                loop {
                    match self.token()? {
                        Tok::DictClose => break,
                        Tok::Obj(Obj::Name(key)) => {
                            let save = self.at;
                            match self.token()? {
                                Tok::DictClose => {
                                    entries.push((key, Obj::Null));
                                    break;
                                }
                                Tok::Keyword(_) | Tok::ArrayClose => {
                                    // A damaged value: keep the key, skip the word.
                                    entries.push((key, Obj::Null));
                                    let _ = save;
                                }
                                t => {
                                    let v = self.object_from(t, depth + 1)?;
                                    entries.push((key, v));
                                }
                            }
                        }
                        // Anything else where a key belongs: skipped (damaged dictionary).
                        Tok::Keyword(b"endobj") | Tok::Keyword(b"stream") => return Some(Obj::Dict(Dict(entries))),
                        _ => continue,
                    }
                }
                Some(Obj::Dict(Dict(entries)))
            }
            Tok::ArrayClose | Tok::DictClose | Tok::Keyword(_) => None,
        }
    }
}

fn hex_pair(p: &[u8]) -> Option<u8> {
    let v = |c: u8| (c as char).to_digit(16);
    Some((v(p[0])? * 16 + v(p[1])?) as u8)
}

/// A number token; malformed ones (`--5`, `1.2.3`) read as far as they make sense, else 0.
pub fn number(word: &[u8]) -> Obj {
    let s = std::str::from_utf8(word).unwrap_or("0");
    if !s.contains('.') {
        if let Ok(i) = s.parse::<i64>() {
            return Obj::Int(i);
        }
    }
    // Tolerate `--5`, `5-`, `1.2.3`: the longest prefix that parses.
    let t = s.trim_start_matches(['+', '-']);
    let neg = s.len() - t.len() == 1 && s.starts_with('-');
    let mut end = 0;
    let mut dot = false;
    for (i, c) in t.char_indices() {
        match c {
            '0'..='9' => end = i + 1,
            '.' if !dot => {
                dot = true;
                end = i + 1;
            }
            _ => break,
        }
    }
    let v = f64::from(crate::decode::layout::parse_decimal(&t[..end]).unwrap_or(0.0));
    let v = if neg { -v } else { v };
    if v.is_finite() {
        Obj::Real(v)
    } else {
        Obj::Real(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(s: &str) -> Obj {
        Lexer::new(s.as_bytes(), 0).object().unwrap()
    }

    #[test]
    fn objects() {
        assert_eq!(obj("  42 "), Obj::Int(42));
        assert_eq!(obj("-.5"), Obj::Real(-0.5));
        assert_eq!(obj("12 0 R"), Obj::Ref(12, 0));
        assert_eq!(obj("/A#42c"), Obj::Name(b"ABc".to_vec()));
        assert_eq!(obj("(a\\(b\\)\\101\\\nc)"), Obj::Str(b"a(b)Ac".to_vec()));
        assert_eq!(obj("<4E6 F>"), Obj::Str(b"No".to_vec()));
        assert_eq!(obj("<48656C6C6F7>"), Obj::Str(b"Hello\x70".to_vec()));
        let d = obj("<< /Type /Page /Kids [1 0 R 2 0 R] /N 3 % comment\n /S (x) >>");
        let d = d.as_dict().unwrap();
        assert_eq!(d.get(b"Type"), Some(&Obj::Name(b"Page".to_vec())));
        assert_eq!(d.get(b"Kids").unwrap().as_array().unwrap(), &[Obj::Ref(1, 0), Obj::Ref(2, 0)]);
        assert_eq!(d.get(b"N"), Some(&Obj::Int(3)));
        assert_eq!(number(b"--5"), Obj::Real(5.0));
        // Reals are read at f32 precision (super::super::layout::parse_decimal).
        assert_eq!(number(b"1.2.3"), Obj::Real(f64::from(1.2f32)));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let s = "[".repeat(100_000);
        assert_eq!(Lexer::new(s.as_bytes(), 0).object(), None);
        let s = "<<".repeat(100_000);
        assert_eq!(Lexer::new(s.as_bytes(), 0).object(), None);
    }
}
