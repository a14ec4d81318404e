//! Reading the JSON users hand us (a checklist file, the options object) without serde's
//! deserializer: a small tree parser and typed accessors whose errors name the field. serde's
//! derived readers, their error machinery and the float formatting it keeps cost 25 KB of gzipped
//! wasm (measured); this reader is a fraction of that. Analyses are still *written* with serde.
//!
//! Numbers are kept as their text: the files we read hold only whole numbers, and converting on
//! demand needs no float parser.

use std::fmt;

/// A parsed JSON value. Object members keep their order; a repeated key is a parse error.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number as written (validated against the JSON grammar).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Where and why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {}, column {}", self.message, self.line, self.column)
    }
}

/// Nesting deeper than this is refused (no recursion can exhaust the stack).
const MAX_DEPTH: usize = 64;

/// Parse a whole JSON text (surrounding whitespace allowed, nothing else).
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut p = Parser { s: text.as_bytes(), i: 0, depth: 0 };
    let value = p.value().map_err(|m| p.error(m))?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.error("trailing characters after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> SyntaxError {
        let before = &self.s[..self.i.min(self.s.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        // Columns count characters, not bytes.
        let column = before[start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        SyntaxError { message: message.to_string(), line, column }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> Result<(), &'static str> {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            Ok(())
        } else {
            Err("expected a JSON value")
        }
    }

    fn value(&mut self) -> Result<Json, &'static str> {
        self.ws();
        match self.s.get(self.i) {
            None => Err("unexpected end of the text"),
            Some(b'n') => self.eat("null").map(|_| Json::Null),
            Some(b't') => self.eat("true").map(|_| Json::Bool(true)),
            Some(b'f') => self.eat("false").map(|_| Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(|p| {
                let mut items = Vec::new();
                if p.close(b']')? {
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(p.value()?);
                    if p.separator(b']')? {
                        return Ok(Json::Array(items));
                    }
                }
            }),
            Some(b'{') => self.nested(|p| {
                let mut members: Vec<(String, Json)> = Vec::new();
                if p.close(b'}')? {
                    return Ok(Json::Object(members));
                }
                loop {
                    p.ws();
                    if p.s.get(p.i) != Some(&b'"') {
                        return Err("expected a quoted key");
                    }
                    let at = p.i;
                    let key = p.string()?;
                    if members.iter().any(|(k, _)| *k == key) {
                        p.i = at;
                        return Err("repeated key");
                    }
                    p.ws();
                    if p.s.get(p.i) != Some(&b':') {
                        return Err("expected ':' after a key");
                    }
                    p.i += 1;
                    let v = p.value()?;
                    members.push((key, v));
                    if p.separator(b'}')? {
                        return Ok(Json::Object(members));
                    }
                }
            }),
            Some(_) => Err("expected a JSON value"),
        }
    }

    /// An array or object body: one level deeper, past the opening bracket.
    fn nested(&mut self, body: impl FnOnce(&mut Self) -> Result<Json, &'static str>) -> Result<Json, &'static str> {
        if self.depth == MAX_DEPTH {
            return Err("nested too deeply");
        }
        self.depth += 1;
        self.i += 1;
        let v = body(self)?;
        self.depth -= 1;
        Ok(v)
    }

    /// At the start of a body: true (and past it) if the closing bracket comes at once.
    fn close(&mut self, end: u8) -> Result<bool, &'static str> {
        self.ws();
        if self.s.get(self.i) == Some(&end) {
            self.i += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// After a member: true at the closing bracket, false after a comma.
    fn separator(&mut self, end: u8) -> Result<bool, &'static str> {
        self.ws();
        match self.s.get(self.i) {
            Some(b',') => {
                self.i += 1;
                Ok(false)
            }
            Some(&b) if b == end => {
                self.i += 1;
                Ok(true)
            }
            None => Err("unexpected end of the text"),
            Some(_) => Err(if end == b']' { "expected ',' or ']'" } else { "expected ',' or '}'" }),
        }
    }

    fn number(&mut self) -> Result<Json, &'static str> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        if self.s.get(self.i) == Some(&b'0') {
            self.i += 1;
        } else if !digits(self) {
            return Err("invalid number");
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !digits(self) {
                return Err("invalid number");
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return Err("invalid number");
            }
        }
        // The grammar above admits ASCII only: a valid UTF-8 slice.
        Ok(Json::Number(String::from_utf8_lossy(&self.s[start..self.i]).into_owned()))
    }

    /// A string, past its closing quote; `self.i` is at the opening one.
    fn string(&mut self) -> Result<String, &'static str> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let run = self.i;
            while self.s.get(self.i).is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20) {
                self.i += 1;
            }
            out.extend_from_slice(&self.s[run..self.i]);
            match self.s.get(self.i) {
                None => return Err("unterminated string"),
                Some(b'"') => {
                    self.i += 1;
                    // Built from whole UTF-8 runs of a `str` and encoded characters.
                    return String::from_utf8(out).map_err(|_| "invalid UTF-8 in a string");
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err("invalid escape in a string"),
                    };
                    self.i += 1;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                Some(_) => return Err("control character in a string"),
            }
        }
    }

    /// `\uXXXX` (a surrogate pair takes two): `self.i` at the `u`, left at the last hex digit.
    fn unicode_escape(&mut self) -> Result<char, &'static str> {
        // Four hex digits exactly (`from_str_radix` alone would take a sign: `\u+555`, found by fuzzing).
        let hex = |p: &Self, at: usize| -> Result<u32, &'static str> {
            let h = p.s.get(at..at + 4).filter(|h| h.iter().all(u8::is_ascii_hexdigit)).ok_or("invalid \\u escape")?;
            Ok(h.iter().fold(0, |n, &b| n * 16 + (b as char).to_digit(16).unwrap_or(0)))
        };
        let first = hex(self, self.i + 1)?;
        self.i += 4;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.s.get(self.i + 1..self.i + 3) != Some(b"\\u") {
                    return Err("unpaired surrogate in a \\u escape");
                }
                let second = hex(self, self.i + 3)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err("unpaired surrogate in a \\u escape");
                }
                self.i += 6;
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err("unpaired surrogate in a \\u escape"),
            c => c,
        };
        char::from_u32(code).ok_or("invalid \\u escape")
    }
}

impl Json {
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

/// An object read as a record: known fields only, each read with its type checked. Errors start
/// with `who` ("item \"K1\"", "the checklist").
pub struct Record<'j> {
    who: String,
    members: &'j [(String, Json)],
}

impl<'j> Record<'j> {
    /// `value` as a record with the fields `known`; any other field is an error.
    pub fn new(value: &'j Json, who: String, known: &[&str]) -> Result<Record<'j>, String> {
        let Json::Object(members) = value else {
            return Err(format!("{who} must be an object, not {}", value.kind()));
        };
        if let Some((k, _)) = members.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(format!("{who}: unknown field `{k}`, expected one of {}", known.join(", ")));
        }
        Ok(Record { who, members })
    }

    /// `value` as a record whatever its fields (a reader taking what it needs of a larger object: the
    /// memo module reading an analysis the page hands back, UTF-16 offsets and all).
    pub fn open(value: &'j Json, who: String) -> Result<Record<'j>, String> {
        match value {
            Json::Object(members) => Ok(Record { who, members }),
            _ => Err(format!("{who} must be an object, not {}", value.kind())),
        }
    }

    pub fn who(&self) -> &str {
        &self.who
    }

    /// A field's value; `null` counts as absent.
    pub fn get(&self, field: &str) -> Option<&'j Json> {
        self.members.iter().find(|(k, _)| k == field).map(|(_, v)| v).filter(|v| **v != Json::Null)
    }

    fn wrong(&self, field: &str, expected: &str, got: &Json) -> String {
        format!("{}: field \"{field}\" must be {expected}, not {}", self.who, got.kind())
    }

    pub fn required<T>(&self, field: &str, read: fn(&Self, &str) -> Result<Option<T>, String>) -> Result<T, String> {
        read(self, field)?.ok_or_else(|| format!("{}: missing field \"{field}\"", self.who))
    }

    pub fn string(&self, field: &str) -> Result<Option<String>, String> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(self.wrong(field, "a string", v)),
        }
    }

    pub fn strings(&self, field: &str) -> Result<Option<Vec<String>>, String> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Json::String(s) => Ok(s.clone()),
                    v => Err(self.wrong(field, "a list of strings", v)),
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(v) => Err(self.wrong(field, "a list of strings", v)),
        }
    }

    pub fn boolean(&self, field: &str) -> Result<Option<bool>, String> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.wrong(field, "true or false", v)),
        }
    }

    /// A whole number within `i64` (written without fraction or exponent).
    pub fn integer(&self, field: &str) -> Result<Option<i64>, String> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Number(n)) => n
                .parse()
                .map(Some)
                .map_err(|_| format!("{}: field \"{field}\" must be a whole number, not {n}", self.who)),
            Some(v) => Err(self.wrong(field, "a whole number", v)),
        }
    }

    /// Any number, as a float.
    pub fn number(&self, field: &str) -> Result<Option<f64>, String> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Number(n)) => {
                n.parse().map(Some).map_err(|_| format!("{}: field \"{field}\" must be a number, not {n}", self.who))
            }
            Some(v) => Err(self.wrong(field, "a number", v)),
        }
    }

    pub fn list(&self, field: &str) -> Result<Option<&'j [Json]>, String> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Array(items)) => Ok(Some(items)),
            Some(v) => Err(self.wrong(field, "a list", v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Json {
        Json::String(v.into())
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v =
            parse(" {\"a\": [1, -2.5e3, 0, true, false, null, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\"], \"b\": {}} ").unwrap();
        let Json::Object(m) = v else { panic!() };
        assert_eq!(m[0].0, "a");
        assert_eq!(
            m[0].1,
            Json::Array(vec![
                Json::Number("1".into()),
                Json::Number("-2.5e3".into()),
                Json::Number("0".into()),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null,
                s("x\"\\/\u{8}\u{c}\n\r\t"),
            ])
        );
        assert_eq!(m[1], ("b".into(), Json::Object(vec![])));
        assert_eq!(parse("[]").unwrap(), Json::Array(vec![]));
    }

    #[test]
    fn strings_keep_chinese_and_decode_escapes_and_surrogate_pairs() {
        assert_eq!(parse(r#""法治\u653f府\ud83d\ude00𠀀""#).unwrap(), s("法治政府😀𠀀"));
    }

    #[test]
    fn agrees_with_serde_json_on_what_is_json() {
        let cases = [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "[,1]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\u+555\"",
            "\"\\u-555\"",
            "\"\\u12\"",
            "\"\\u00E9\"",
            "\"\\udc00x\"",
            "\"a\u{1}\"",
            "[1] 2",
            "\"abc",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "1",
            "-0.0e-7",
            "\"\\u00e9\"",
            "[[[]]]",
            "{\"a\":{\"b\":[null]}}",
            "\u{feff}1",
        ];
        for c in cases {
            let ours = parse(c).is_ok();
            let serde = serde_json::from_str::<serde_json::Value>(c).is_ok();
            assert_eq!(ours, serde, "{c:?}");
        }
    }

    #[test]
    fn deliberate_differences_from_serde_json_value() {
        // Numbers stay text: one beyond f64 is JSON (serde_json refuses it); read as a whole number it
        // is an error that says so.
        let huge = format!("{{\"n\": 1{}}}", "0".repeat(400));
        assert!(serde_json::from_str::<serde_json::Value>(&huge).is_err());
        let v = parse(&huge).unwrap();
        let r = Record::new(&v, "x".into(), &["n"]).unwrap();
        assert!(r.integer("n").unwrap_err().contains("must be a whole number"));
        // A repeated key is refused (serde_json's Value keeps the last one).
        assert!(serde_json::from_str::<serde_json::Value>(r#"{"a":1,"a":2}"#).is_ok());
        assert!(parse(r#"{"a":1,"a":2}"#).is_err());
    }

    #[test]
    fn errors_say_where_in_characters() {
        let e = parse("{\n  \"名称\": [1,, 2]\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 12), "{e}"); // the second comma
        assert!(e.to_string().contains("line 2, column 12"));
        let e = parse("{\"a\": 1, \"a\": 2}").unwrap_err();
        assert_eq!((e.message.as_str(), e.column), ("repeated key", 10));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        assert!(parse(&format!("{}{}", "[".repeat(64), "]".repeat(64))).is_ok());
        let e = parse(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(e.message, "nested too deeply");
    }

    #[test]
    fn records_check_fields_and_types() {
        let v = parse(r#"{"id": "K1", "n": 3, "f": 1.5, "b": true, "l": ["a", 1], "z": null}"#).unwrap();
        let known = ["id", "n", "f", "b", "l", "z", "absent"];
        let r = Record::new(&v, "item \"K1\"".into(), &known).unwrap();
        assert_eq!(r.string("id").unwrap().as_deref(), Some("K1"));
        assert_eq!(r.integer("n").unwrap(), Some(3));
        assert_eq!(r.integer("f").unwrap_err(), "item \"K1\": field \"f\" must be a whole number, not 1.5");
        assert_eq!(r.boolean("b").unwrap(), Some(true));
        assert_eq!(r.string("n").unwrap_err(), "item \"K1\": field \"n\" must be a string, not a number");
        assert!(r.strings("l").unwrap_err().contains("field \"l\" must be a list of strings"));
        assert_eq!(r.string("z").unwrap(), None);
        assert_eq!(r.required("absent", Record::string).unwrap_err(), "item \"K1\": missing field \"absent\"");
        let e = Record::new(&v, "x".into(), &["id"]).err().unwrap();
        assert!(e.starts_with("x: unknown field `n`, expected one of id"), "{e}");
        assert!(Record::new(&Json::Array(vec![]), "x".into(), &[]).is_err());
    }
}
