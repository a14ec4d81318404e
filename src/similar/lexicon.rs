//! The built-in lexicon of formulas (`data/boilerplate.tsv`): the political guidance, the programmes
//! and their headings, the report's set phrases, which every 法治政府建设 report may use. Each formula
//! is masked as the texts are; where a report's tokens spell one, they are common text, however few
//! reports of a batch hold them (a batch of two has no document frequency to go by).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::index::Bits;
use super::mask::mask_str;

const TABLE: &str = include_str!("../../data/boilerplate.tsv");

/// The fewest tokens of a formula once masked: the first [`HEAD`] tokens find it.
pub const MIN_TOKENS: usize = 4;
pub const HEAD: usize = 4;

/// One formula: its stable id (`B001`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub id: &'static str,
    pub text: &'static str,
}

/// The formulas, parsed once.
pub fn formulas() -> &'static [Formula] {
    static CELL: OnceLock<Vec<Formula>> = OnceLock::new();
    CELL.get_or_init(|| parse(TABLE).expect("data/boilerplate.tsv is validated by a unit test"))
}

fn head(tokens: &[u16]) -> u64 {
    tokens[..HEAD].iter().fold(0, |k, &t| k << 16 | u64::from(t))
}

/// The masked formulas by their first tokens, longest first.
fn by_head() -> &'static HashMap<u64, Vec<Vec<u16>>> {
    static CELL: OnceLock<HashMap<u64, Vec<Vec<u16>>>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut map: HashMap<u64, Vec<Vec<u16>>> = HashMap::new();
        for f in formulas() {
            let tokens = mask_str(f.text, &[]);
            map.entry(head(&tokens)).or_default().push(tokens);
        }
        for v in map.values_mut() {
            crate::order::sort_by_key(v, |t| u64::MAX - t.len() as u64);
        }
        map
    })
}

/// Mark in `common` the tokens of every formula `tokens` spells (a lookup of the next tokens at each
/// position: linear in the report).
pub fn mark(tokens: &[u16], common: &mut Bits) {
    let map = by_head();
    for i in 0..tokens.len().saturating_sub(HEAD - 1) {
        if let Some(found) = map.get(&head(&tokens[i..])).and_then(|v| v.iter().find(|f| tokens[i..].starts_with(f))) {
            common.set_range(i, i + found.len());
        }
    }
}

fn parse(table: &'static str) -> Result<Vec<Formula>, String> {
    let mut out: Vec<Formula> = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((id, text)) = line.split_once('\t') else {
            return Err(format!("line {}: expected an id, a tab and a formula", n + 1));
        };
        let well_formed = id.len() == 4 && id.starts_with('B') && id[1..].bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(format!("line {}: id {id:?} is not B and three digits", n + 1));
        }
        if out.iter().any(|f| f.id == id) {
            return Err(format!("line {}: id {id} used twice", n + 1));
        }
        if text.chars().any(|c| crate::normalize::simplify_char(c) != c) {
            return Err(format!("line {}: {id} is not in simplified characters", n + 1));
        }
        let tokens = mask_str(text, &[]);
        if tokens.len() < MIN_TOKENS {
            return Err(format!(
                "line {}: {id} has {} characters once masked, fewer than {MIN_TOKENS}",
                n + 1,
                tokens.len()
            ));
        }
        if let Some(same) = out.iter().find(|f| mask_str(f.text, &[]) == tokens) {
            return Err(format!("line {}: {id} reads as {} once masked", n + 1, same.id));
        }
        out.push(Formula { id, text });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_is_valid() {
        let f = parse(TABLE).unwrap_or_else(|e| panic!("data/boilerplate.tsv: {e}"));
        assert!(f.len() >= 50, "{} formulas", f.len());
        // Ids ascend: a new formula takes the next id, a removed one's id is never reused.
        assert!(f.windows(2).all(|w| w[0].id < w[1].id), "ids in ascending order");
        assert_eq!(f[0], Formula { id: "B001", text: "坚持以习近平新时代中国特色社会主义思想为指导" });
    }

    #[test]
    fn formulas_are_marked_where_the_masked_text_spells_them() {
        let tokens =
            mask_str("2023年，X县坚持以习近平新时代中国特色社会主义思想为指导，加强党对法治政府建设的领导。", &[]);
        let mut common = Bits::new(tokens.len());
        mark(&tokens, &mut common);
        let marked: String = tokens
            .iter()
            .enumerate()
            .map(|(i, &t)| if common.get(i) { char::from_u32(u32::from(t)).unwrap_or('?') } else { '_' })
            .collect();
        assert_eq!(marked, "___坚持以习近平新时代中国特色社会主义思想为指导加强党对法治政府建设的领导");
    }

    #[test]
    fn malformed_lines_are_refused_with_their_line() {
        let e = |t: &'static str| parse(t).unwrap_err();
        assert!(e("B1\t坚持以习近平新时代中国特色社会主义思想为指导").contains("line 1"));
        assert!(e("# c\nB001 坚持以习近平新时代中国特色社会主义思想为指导").contains("line 2"));
        assert!(e("B001\t两个").contains("fewer than 4"));
        assert!(e("B001\t坚持以習近平新時代中國特色社會主義思想為指導").contains("simplified"));
        assert!(e("B001\t全面推进严格规范公正文明执法\nB001\t深入学习宣传贯彻习近平法治思想").contains("used twice"));
        assert!(
            e("B001\t深入学习贯彻党的二十大精神工作\nB002\t深入学习贯彻党的十九大精神工作").contains("reads as B001")
        );
    }
}
