//! The file structure (ISO 32000-1 §7.5): cross-reference tables and streams (with `/Prev` chains and
//! hybrid files), object streams, and a scan of the whole file for `N G obj` when the cross-reference
//! data is missing or damaged (as every reader does). Objects are read once and cached; a reference
//! chain is followed at most [`MAX_CHAIN`] links, so a reference loop ends.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::object::{Dict, Lexer, Obj, Stream, Tok};
use super::Limits;

/// References followed in a row (`1 0 obj 2 0 R endobj 2 0 obj 1 0 R endobj` ends here).
pub const MAX_CHAIN: usize = 32;

#[derive(Clone, Copy, Debug)]
enum Slot {
    /// At this byte offset.
    At(usize),
    /// Object `index` of object stream `stream`.
    InStream(u32, u32),
}

/// A decoded object stream: its data, and each object's number and offset into it.
type ObjStm = (Vec<u8>, Vec<(u32, usize)>);

pub struct File<'a> {
    pub bytes: &'a [u8],
    xref: HashMap<u32, Slot>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Rc<Obj>>>,
    /// Decoded object streams: their objects' offsets into the decoded data.
    objstms: RefCell<HashMap<u32, Rc<ObjStm>>>,
    pub limits: Limits,
    /// Bytes decoded from streams so far (checked against `limits.total_decoded`).
    decoded: RefCell<usize>,
    /// The objects being read, innermost last: reading one can read others (a stream's `/Length` is
    /// often a reference; an object stream's objects), so a file whose `/Length` points back at its own
    /// stream, or down an endless chain of them, ends here instead of overflowing the stack.
    loading: RefCell<Vec<u32>>,
}

impl<'a> File<'a> {
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<File<'a>, String> {
        let mut file = File {
            bytes,
            xref: HashMap::new(),
            trailer: Dict::default(),
            cache: RefCell::new(HashMap::new()),
            objstms: RefCell::new(HashMap::new()),
            limits,
            decoded: RefCell::new(0),
            loading: RefCell::new(Vec::new()),
        };
        let from_xref = file.read_xref_chain();
        let has_root = |f: &File| f.trailer.get(b"Root").is_some_and(|r| f.resolve(r).as_dict().is_some());
        if !from_xref || !has_root(&file) {
            file.reconstruct();
        }
        if !has_root(&file) {
            return Err("no document catalog (not a PDF, or damaged beyond repair)".into());
        }
        Ok(file)
    }

    /// Follow `startxref` and the `/Prev` links; false when any of it is missing or damaged.
    fn read_xref_chain(&mut self) -> bool {
        let tail = &self.bytes[self.bytes.len().saturating_sub(2048)..];
        let Some(k) = rfind(tail, b"startxref") else { return false };
        let mut lx = Lexer::new(tail, k + 9);
        let Some(Obj::Int(mut at)) = lx.object() else { return false };
        let mut seen = Vec::new();
        let mut first = true;
        while at > 0 && (at as usize) < self.bytes.len() && !seen.contains(&at) && seen.len() < 64 {
            seen.push(at);
            let Some(trailer) = self.read_xref_section(at as usize) else { return false };
            if first {
                self.trailer = trailer.clone();
                first = false;
            }
            // A hybrid file's /XRefStm: its entries rank below this section's, above the /Prev's.
            if let Some(s) = trailer.get(b"XRefStm").and_then(Obj::as_i64) {
                if s > 0 && !seen.contains(&s) {
                    let _ = self.read_xref_section(s as usize);
                }
            }
            match trailer.get(b"Prev").and_then(Obj::as_i64) {
                Some(p) => at = p,
                None => break,
            }
        }
        !first
    }

    /// One section at `at`: a table with its trailer, or a cross-reference stream. Entries already
    /// known (from a later section) win.
    fn read_xref_section(&mut self, at: usize) -> Option<Dict> {
        let mut lx = Lexer::new(self.bytes, at);
        lx.skip_white();
        if self.bytes[lx.at..].starts_with(b"xref") {
            lx.at += 4;
            loop {
                let save = lx.at;
                match lx.token()? {
                    Tok::Obj(Obj::Int(start)) => {
                        let Some(Tok::Obj(Obj::Int(count))) = lx.token() else { return None };
                        if !(0..=10_000_000).contains(&count) || start < 0 {
                            return None;
                        }
                        lx.skip_white();
                        for i in 0..count {
                            // `oooooooooo ggggg n\r\n`, spacing tolerated.
                            let Some(Tok::Obj(Obj::Int(off))) = lx.token() else { return None };
                            let Some(Tok::Obj(Obj::Int(_gen))) = lx.token() else { return None };
                            let Some(Tok::Keyword(kind)) = lx.token() else { return None };
                            let num = (start + i) as u32;
                            if kind == b"n" && off > 0 {
                                self.xref.entry(num).or_insert(Slot::At(off as usize));
                            }
                        }
                    }
                    Tok::Keyword(b"trailer") => {
                        return lx.object().and_then(|o| if let Obj::Dict(d) = o { Some(d) } else { None });
                    }
                    _ => {
                        let _ = save;
                        return None;
                    }
                }
            }
        }
        // A cross-reference stream.
        let (_, obj) = self.parse_indirect(at)?;
        let Obj::Stream(s) = obj else { return None };
        if s.dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") {
            return None;
        }
        let data = self.stream_data_unresolved(&s).ok()?;
        let w: Vec<usize> =
            s.dict.get(b"W")?.as_array()?.iter().map(|v| v.as_i64().unwrap_or(0).clamp(0, 8) as usize).collect();
        if w.len() < 3 {
            return None;
        }
        let size = s.dict.get(b"Size").and_then(Obj::as_i64).unwrap_or(0);
        let index: Vec<i64> = match s.dict.get(b"Index").and_then(Obj::as_array) {
            Some(a) => a.iter().filter_map(Obj::as_i64).collect(),
            None => vec![0, size],
        };
        let row = w[0] + w[1] + w[2];
        if row == 0 {
            return None;
        }
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (start, count) = (pair[0], pair[1].clamp(0, 10_000_000));
            for i in 0..count {
                let Some(r) = rows.next() else { break };
                let field =
                    |from: usize, len: usize| r[from..from + len].iter().fold(0u64, |a, &b| a << 8 | u64::from(b));
                let kind = if w[0] == 0 { 1 } else { field(0, w[0]) };
                let (f2, f3) = (field(w[0], w[1]), field(w[0] + w[1], w[2]));
                let Ok(num) = u32::try_from(start + i) else { continue };
                let slot = match kind {
                    1 => Slot::At(f2 as usize),
                    2 => Slot::InStream(f2 as u32, f3 as u32),
                    _ => continue,
                };
                self.xref.entry(num).or_insert(slot);
            }
        }
        Some(s.dict.clone())
    }

    /// Scan the whole file for `N G obj` (the last definition of a number wins) and trailers.
    fn reconstruct(&mut self) {
        let b = self.bytes;
        let mut found: HashMap<u32, Slot> = HashMap::new();
        let mut i = 0;
        while let Some(k) = memchr::memmem::find(&b[i..], b"obj") {
            let at = i + k;
            i = at + 3;
            // Back over `N G `.
            let mut j = at;
            let back_ws = |j: &mut usize| {
                while *j > 0 && super::object::is_white(b[*j - 1]) {
                    *j -= 1;
                }
            };
            let back_digits = |j: &mut usize| {
                let end = *j;
                while *j > 0 && b[*j - 1].is_ascii_digit() {
                    *j -= 1;
                }
                end - *j
            };
            back_ws(&mut j);
            if back_digits(&mut j) == 0 {
                continue;
            }
            back_ws(&mut j);
            let num_end = j;
            if back_digits(&mut j) == 0 {
                continue;
            }
            if j > 0 && !super::object::is_white(b[j - 1]) && !super::object::is_delim(b[j - 1]) {
                continue;
            }
            let Ok(num) = std::str::from_utf8(&b[j..num_end]).unwrap_or("x").parse::<u32>() else { continue };
            found.insert(num, Slot::At(j));
        }
        // Objects inside object streams.
        let mut stream_objs = Vec::new();
        for (&num, &slot) in &found {
            self.xref.insert(num, slot);
        }
        for &num in found.keys() {
            if let Obj::Stream(s) = &*self.load(num) {
                if s.dict.get(b"Type").and_then(Obj::as_name) == Some(b"ObjStm") {
                    stream_objs.push(num);
                }
                if s.dict.get(b"Type").and_then(Obj::as_name) == Some(b"XRef") && self.trailer.get(b"Root").is_none() {
                    self.trailer = s.dict.clone();
                }
            }
        }
        for stm in stream_objs {
            if let Ok(o) = self.objstm(stm) {
                for (n, (num, _)) in o.1.iter().enumerate() {
                    self.xref.entry(*num).or_insert(Slot::InStream(stm, n as u32));
                }
            }
        }
        // Trailers: the last one with a Root.
        let mut at = 0;
        while let Some(k) = memchr::memmem::find(&b[at..], b"trailer") {
            let mut lx = Lexer::new(b, at + k + 7);
            if let Some(Obj::Dict(d)) = lx.object() {
                if d.get(b"Root").is_some() {
                    self.trailer = d;
                }
            }
            at += k + 7;
        }
        let root_ok = self.trailer.get(b"Root").is_some_and(|r| self.resolve(r).as_dict().is_some());
        if !root_ok {
            // Find the catalog itself.
            let mut nums: Vec<u32> = self.xref.keys().copied().collect();
            crate::order::sort_by_key(&mut nums, |&n| u64::from(n));
            for num in nums {
                let o = self.load(num);
                if o.as_dict().and_then(|d| d.get(b"Type")).and_then(Obj::as_name) == Some(b"Catalog") {
                    self.trailer.0.retain(|(k, _)| k != b"Root");
                    self.trailer.0.push((b"Root".to_vec(), Obj::Ref(num, 0)));
                    break;
                }
            }
        }
        self.cache.borrow_mut().clear();
    }

    /// `N G obj … endobj` at `at`: the number and the object (a stream's data located, not read).
    fn parse_indirect(&self, at: usize) -> Option<(u32, Obj)> {
        let mut lx = Lexer::new(self.bytes, at);
        let Some(Tok::Obj(Obj::Int(num))) = lx.token() else { return None };
        let Some(Tok::Obj(Obj::Int(_))) = lx.token() else { return None };
        let Some(Tok::Keyword(b"obj")) = lx.token() else { return None };
        let obj = lx.object().unwrap_or(Obj::Null);
        let num = u32::try_from(num).ok()?;
        let Obj::Dict(dict) = obj else { return Some((num, obj)) };
        let save = lx.at;
        if let Some(Tok::Keyword(b"stream")) = lx.token() {
            let mut start = lx.at;
            if self.bytes.get(start) == Some(&b'\r') {
                start += 1;
            }
            if self.bytes.get(start) == Some(&b'\n') {
                start += 1;
            }
            let declared = match dict.get(b"Length") {
                Some(Obj::Int(n)) => Some(*n),
                Some(r @ Obj::Ref(..)) => self.resolve_depth(r, 1).as_i64(),
                _ => None,
            };
            let end = match declared {
                Some(n)
                    if n >= 0
                        && self.bytes.get(start + n as usize..).is_some_and(|rest| {
                            let mut l = Lexer::new(rest, 0);
                            l.skip_white();
                            rest[l.at..].starts_with(b"endstream")
                        }) =>
                {
                    start + n as usize
                }
                // A wrong or missing /Length: up to `endstream`.
                _ => memchr::memmem::find(&self.bytes[start..], b"endstream").map_or(self.bytes.len(), |k| start + k),
            };
            return Some((num, Obj::Stream(Rc::new(Stream { dict, start, end }))));
        }
        let _ = save;
        Some((num, Obj::Dict(dict)))
    }

    fn load(&self, num: u32) -> Rc<Obj> {
        if let Some(o) = self.cache.borrow().get(&num) {
            return o.clone();
        }
        {
            let mut loading = self.loading.borrow_mut();
            if loading.len() >= MAX_CHAIN || loading.contains(&num) {
                return Rc::new(Obj::Null);
            }
            loading.push(num);
        }
        let obj = match self.xref.get(&num) {
            Some(Slot::At(at)) => self.parse_indirect(*at).filter(|(n, _)| *n == num).map(|(_, o)| o),
            Some(Slot::InStream(stm, idx)) => self.in_objstm(*stm, *idx, num),
            None => None,
        };
        self.loading.borrow_mut().pop();
        let obj = Rc::new(obj.unwrap_or(Obj::Null));
        if self.cache.borrow().len() < self.limits.objects {
            self.cache.borrow_mut().insert(num, obj.clone());
        }
        obj
    }

    fn objstm(&self, stm: u32) -> Result<Rc<ObjStm>, String> {
        if let Some(o) = self.objstms.borrow().get(&stm) {
            return Ok(o.clone());
        }
        let container = match self.xref.get(&stm) {
            Some(Slot::At(at)) => self.parse_indirect(*at).map(|(_, o)| o),
            _ => None,
        };
        let Some(Obj::Stream(s)) = container else { return Err("object stream missing".into()) };
        let data = self.stream_data_unresolved(&s)?;
        let n = s.dict.get(b"N").and_then(Obj::as_i64).unwrap_or(0).clamp(0, 1_000_000) as usize;
        let first = s.dict.get(b"First").and_then(Obj::as_i64).unwrap_or(0).max(0) as usize;
        let mut lx = Lexer::new(&data, 0);
        let mut offsets = Vec::with_capacity(n.min(65_536));
        for _ in 0..n {
            let (Some(Tok::Obj(Obj::Int(num))), Some(Tok::Obj(Obj::Int(off)))) = (lx.token(), lx.token()) else {
                break;
            };
            offsets.push((num as u32, first.saturating_add(off.max(0) as usize)));
        }
        let rc = Rc::new((data, offsets));
        self.objstms.borrow_mut().insert(stm, rc.clone());
        Ok(rc)
    }

    fn in_objstm(&self, stm: u32, idx: u32, num: u32) -> Option<Obj> {
        let o = self.objstm(stm).ok()?;
        let &(n, off) =
            o.1.get(idx as usize).filter(|(n, _)| *n == num).or_else(|| o.1.iter().find(|(n, _)| *n == num))?;
        let _ = n;
        Lexer::new(&o.0, off).object()
    }

    /// The object a reference points to (followed through chains of references), or the object itself.
    pub fn resolve(&self, obj: &Obj) -> Rc<Obj> {
        self.resolve_depth(obj, 0)
    }

    fn resolve_depth(&self, obj: &Obj, depth: usize) -> Rc<Obj> {
        let mut cur = match obj {
            Obj::Ref(n, _) => self.load(*n),
            o => return Rc::new(o.clone()),
        };
        for _ in depth..MAX_CHAIN {
            match &*cur {
                Obj::Ref(n, _) => cur = self.load(*n),
                _ => return cur,
            }
        }
        Rc::new(Obj::Null)
    }

    /// A dictionary entry, resolved.
    pub fn get(&self, dict: &Dict, key: &[u8]) -> Rc<Obj> {
        match dict.get(key) {
            Some(o) => self.resolve(o),
            None => Rc::new(Obj::Null),
        }
    }

    /// The decoded data of a stream (its /Length and filter parameters resolved).
    pub fn stream_data(&self, s: &Stream) -> Result<Vec<u8>, String> {
        self.stream_data_unresolved(s)
    }

    fn stream_data_unresolved(&self, s: &Stream) -> Result<Vec<u8>, String> {
        let raw = self.bytes.get(s.start..s.end.min(self.bytes.len())).unwrap_or(&[]);
        // Filter names and parameters may be references.
        let mut dict = s.dict.clone();
        for key in [&b"Filter"[..], b"DecodeParms", b"F", b"DP"] {
            if let Some(v @ Obj::Ref(..)) = dict.get(key).cloned() {
                let r = (*self.resolve(&v)).clone();
                dict.0.iter_mut().filter(|(k, _)| k == key).for_each(|(_, x)| *x = r.clone());
            }
        }
        let remaining = self.limits.total_decoded.saturating_sub(*self.decoded.borrow());
        let limit = self.limits.stream.min(remaining);
        let out = super::filters::decode(raw, &dict, limit).map_err(|e| {
            if remaining < self.limits.stream && e.contains("beyond") {
                format!("its streams decode to more than {} MB in all", self.limits.total_decoded >> 20)
            } else {
                e
            }
        })?;
        *self.decoded.borrow_mut() += out.len();
        Ok(out)
    }
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::rfind(hay, needle)
}
