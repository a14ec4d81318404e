//! The memo's words: `data/memo.tsv` (id, text with `{placeholders}`), parsed once. The code names every
//! phrase by its literal id; a test checks that each id named in `src/memo/` is in the table and each
//! id of the table is named (the lists `formula.*` and `topic.*` are read by prefix).

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/memo.tsv");

struct Table {
    phrases: HashMap<&'static str, &'static str>,
    /// The `formula.*` and `topic.*` lists, in table order.
    lists: HashMap<&'static str, Vec<&'static str>>,
}

fn parse(table: &'static str) -> Result<Table, String> {
    let mut phrases = HashMap::new();
    let mut lists: HashMap<&str, Vec<&str>> = HashMap::new();
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
        if let Some(list) =
            ["formula", "topic"].into_iter().find(|l| id.strip_prefix(l).is_some_and(|r| r.starts_with('.')))
        {
            lists.entry(list).or_default().push(text);
        }
        if phrases.insert(id, text).is_some() {
            return Err(format!("line {}: duplicate id {id}", n + 1));
        }
    }
    Ok(Table { phrases, lists })
}

fn table() -> &'static Table {
    static CELL: OnceLock<Table> = OnceLock::new();
    CELL.get_or_init(|| parse(TABLE).expect("data/memo.tsv is validated by a unit test"))
}

/// The phrase `id` as written (its id itself if it were missing, which the tests rule out).
pub fn w(id: &'static str) -> &'static str {
    table().phrases.get(id).copied().unwrap_or(id)
}

/// The phrase `id` with its placeholders filled (`{name}` by the value named `name`; a placeholder
/// without a value stays as written, which the tests rule out).
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
    table().lists.get(name).map_or(&[], Vec::as_slice)
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
            table.phrases.keys().map(|k| k.split('.').next().unwrap()).collect();
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
        let missing: Vec<_> = named.iter().filter(|id| !table.phrases.contains_key(id.as_str())).collect();
        assert!(missing.is_empty(), "named in src/memo/ but not in data/memo.tsv: {missing:?}");
        let unused: Vec<_> = table
            .phrases
            .keys()
            .filter(|id| !id.starts_with("formula.") && !id.starts_with("topic.") && !named.contains(**id))
            .collect();
        assert!(unused.is_empty(), "in data/memo.tsv but named nowhere in src/memo/: {unused:?}");
    }
}
