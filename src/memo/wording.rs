//! The memo's words: `data/memo.tsv` (id, text with `{placeholders}`), parsed once. The code names every
//! phrase by its literal id; a test checks that each id named in `src/memo/` is in the table and each
//! id of the table is named (the lists `formula.*` and `topic.*` are read by prefix).

use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/memo.tsv");

/// Phrases sorted by id (looked up by binary search: a hash map's hashing, inlined at the memo's many
/// lookups, cost the wasm module kilobytes), and the two lists.
struct Table {
    phrases: Vec<(&'static str, &'static str)>,
    /// The `formula.*` and `topic.*` lists, in table order.
    formula: Vec<&'static str>,
    topic: Vec<&'static str>,
}

impl Table {
    fn get(&self, id: &str) -> Option<&'static str> {
        self.phrases.binary_search_by(|(k, _)| (*k).cmp(id)).ok().map(|i| self.phrases[i].1)
    }
}

fn parse(table: &'static str) -> Result<Table, String> {
    let mut phrases: Vec<(&'static str, &'static str)> = Vec::new();
    let (mut formula, mut topic) = (Vec::new(), Vec::new());
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((id, text)) = line.split_once('\t') else {
            return Err(format!("line {}: expected id <TAB> text", n + 1));
        };
        let well_formed =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_');
        if !well_formed(id) || !id.contains('.') || text.trim().is_empty() || text.contains('\t') {
            return Err(format!("line {}: a dotted id of [A-Za-z0-9_.] and one text are expected", n + 1));
        }
        // Placeholders: `{name}` with a lower-case name, braces balanced.
        let mut rest = text;
        while let Some(open) = rest.find(['{', '}']) {
            let close = rest[open..].find('}').map(|c| open + c);
            match close {
                Some(c) if rest.as_bytes()[open] == b'{' && c > open + 1 => {
                    let name = &rest[open + 1..c];
                    if !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                        return Err(format!("line {}: placeholder {{{name}}} is not a lower-case name", n + 1));
                    }
                    rest = &rest[c + 1..];
                }
                _ => return Err(format!("line {}: unbalanced braces", n + 1)),
            }
        }
        if id.starts_with("formula.") {
            formula.push(text);
        } else if id.starts_with("topic.") {
            topic.push(text);
        }
        phrases.push((id, text));
    }
    phrases.sort_unstable_by_key(|p| p.0);
    if let Some(w) = phrases.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!("duplicate id {}", w[0].0));
    }
    Ok(Table { phrases, formula, topic })
}

fn table() -> &'static Table {
    static CELL: OnceLock<Table> = OnceLock::new();
    CELL.get_or_init(|| parse(TABLE).expect("data/memo.tsv is validated by a unit test"))
}

/// The phrase `id` as written (its id itself if it were missing, which the tests rule out).
#[inline(never)]
pub fn w(id: &'static str) -> &'static str {
    table().get(id).unwrap_or(id)
}

/// The phrase `id` with its placeholders filled (`{name}` by the value named `name`; a placeholder
/// without a value stays as written, which the tests rule out).
#[inline(never)]
pub fn fill(id: &'static str, args: &[(&str, &str)]) -> String {
    let text = w(id);
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let name = &rest[open + 1..close];
        match args.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// A list of the table (`formula`: shortcomings written as formulas; `topic`: topics shared by a
/// shortcoming and a measure).
pub fn list(name: &str) -> &'static [&'static str] {
    match name {
        "formula" => &table().formula,
        "topic" => &table().topic,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_valid() {
        let t = parse(TABLE).unwrap();
        assert!(t.phrases.len() > 150);
        assert!(list("formula").contains(&"有待进一步"));
        assert!(list("topic").len() >= 30);
        assert_eq!(t.get("memo.title"), Some("关于《{title}》的审核意见"));
        assert_eq!(t.get(&format!("memo.{}", "nothing")), None);
        for bad in ["a\tb", "x.y", "x.y\t", "x.y\t{a", "x.y\t{Ab}", "x.y\ta}b", "x y\tz"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        assert!(parse("x.y\t1\nx.y\t2").is_err(), "duplicate ids");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(fill("memo.title", &[("title", "某县报告")]), "关于《某县报告》的审核意见");
        assert_eq!(fill("overall.copied", &[("share", "12.5")]), "经比对，与其他单位报告相同的内容约占12.5%。");
    }

    /// Every id the memo's code names (a string literal of the table's id form in `src/memo/`) is in the
    /// table, and every id of the table is named (lists apart).
    #[test]
    fn every_id_is_named_and_every_named_id_exists() {
        let table = parse(TABLE).unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/memo");
        let id_like = regex::Regex::new(r#""([a-z]+[a-z_]*\.[A-Za-z0-9_.]+)""#).unwrap();
        let groups: std::collections::HashSet<&str> =
            table.phrases.iter().map(|k| k.0.split('.').next().unwrap()).collect();
        let mut named = std::collections::HashSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let code = std::fs::read_to_string(&path).unwrap();
            for c in id_like.captures_iter(&code) {
                let id = c[1].to_string();
                if groups.contains(id.split('.').next().unwrap()) && !id.ends_with(".xml") && !id.ends_with(".rels") {
                    named.insert(id);
                }
            }
        }
        let missing: Vec<_> = named.iter().filter(|id| table.get(id).is_none()).collect();
        assert!(missing.is_empty(), "named in src/memo/ but not in data/memo.tsv: {missing:?}");
        let unused: Vec<_> = table
            .phrases
            .iter()
            .map(|p| p.0)
            .filter(|id| !id.starts_with("formula.") && !id.starts_with("topic.") && !named.contains(*id))
            .collect();
        assert!(unused.is_empty(), "in data/memo.tsv but named nowhere in src/memo/: {unused:?}");
    }
}
