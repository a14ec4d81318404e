//! The issuing body and the government level: names read from the title, the body's opening sentence,
//! the closing signature or the page's 发布机构, and the level decided by how a name ends (the words of
//! `data/meta/issuers.tsv`), with the words that decided it.
//!
//! The table's roles: `body`, a government or Party body after its place (人民政府, 党委: the place
//! decides the level); `dept`, the last word of a department's name (部, 局: `department`); `place`, the
//! last word of a place's name (县, 自治区: the level of its row); `capital`, a municipality directly
//! under the central government, its whole name (`province`); `opener`, a word that opens the predicate
//! after the issuer in a report's opening sentence (`2021年，司法部|坚持…`). Matched longest first, on
//! simplified text.

use super::{char_count, ends_with_any, find_any, starts_with_any, trim_end_any, trim_start_any};
use crate::model::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Dept,
    Place,
    Capital,
    Opener,
}

struct Word {
    role: Role,
    word: &'static str,
    level: Level,
}

/// `data/meta/issuers.tsv` as the code matches it, longest first: a copy that a test checks against the
/// table (parsing the table at run time cost the analysis module 3 KB of its size budget).
const WORDS: [Word; 90] = [
    Word { role: Role::Body, word: "管理委员会", level: Level::Unknown },
    Word { role: Role::Body, word: "人民政府", level: Level::Unknown },
    Word { role: Role::Body, word: "办事处", level: Level::Unknown },
    Word { role: Role::Body, word: "党工委", level: Level::Unknown },
    Word { role: Role::Body, word: "管委会", level: Level::Unknown },
    Word { role: Role::Dept, word: "委员会", level: Level::Department },
    Word { role: Role::Dept, word: "办公室", level: Level::Department },
    Word { role: Role::Place, word: "自治区", level: Level::Province },
    Word { role: Role::Place, word: "自治州", level: Level::City },
    Word { role: Role::Place, word: "自治县", level: Level::County },
    Word { role: Role::Place, word: "自治旗", level: Level::County },
    Word { role: Role::Place, word: "民族乡", level: Level::Township },
    Word { role: Role::Capital, word: "北京市", level: Level::Province },
    Word { role: Role::Capital, word: "天津市", level: Level::Province },
    Word { role: Role::Capital, word: "上海市", level: Level::Province },
    Word { role: Role::Capital, word: "重庆市", level: Level::Province },
    Word { role: Role::Opener, word: "进一步", level: Level::Unknown },
    Word { role: Role::Body, word: "政府", level: Level::Unknown },
    Word { role: Role::Body, word: "党委", level: Level::Unknown },
    Word { role: Role::Body, word: "党组", level: Level::Unknown },
    Word { role: Role::Dept, word: "中心", level: Level::Department },
    Word { role: Role::Place, word: "地区", level: Level::City },
    Word { role: Role::Place, word: "特区", level: Level::County },
    Word { role: Role::Place, word: "街道", level: Level::Township },
    Word { role: Role::Place, word: "苏木", level: Level::Township },
    Word { role: Role::Opener, word: "坚持", level: Level::Unknown },
    Word { role: Role::Opener, word: "深入", level: Level::Unknown },
    Word { role: Role::Opener, word: "认真", level: Level::Unknown },
    Word { role: Role::Opener, word: "全面", level: Level::Unknown },
    Word { role: Role::Opener, word: "持续", level: Level::Unknown },
    Word { role: Role::Opener, word: "继续", level: Level::Unknown },
    Word { role: Role::Opener, word: "始终", level: Level::Unknown },
    Word { role: Role::Opener, word: "紧紧", level: Level::Unknown },
    Word { role: Role::Opener, word: "紧扣", level: Level::Unknown },
    Word { role: Role::Opener, word: "紧密", level: Level::Unknown },
    Word { role: Role::Opener, word: "扎实", level: Level::Unknown },
    Word { role: Role::Opener, word: "着力", level: Level::Unknown },
    Word { role: Role::Opener, word: "聚焦", level: Level::Unknown },
    Word { role: Role::Opener, word: "积极", level: Level::Unknown },
    Word { role: Role::Opener, word: "不断", level: Level::Unknown },
    Word { role: Role::Opener, word: "围绕", level: Level::Unknown },
    Word { role: Role::Opener, word: "按照", level: Level::Unknown },
    Word { role: Role::Opener, word: "高度", level: Level::Unknown },
    Word { role: Role::Opener, word: "牢牢", level: Level::Unknown },
    Word { role: Role::Opener, word: "坚定", level: Level::Unknown },
    Word { role: Role::Opener, word: "坚决", level: Level::Unknown },
    Word { role: Role::Opener, word: "立足", level: Level::Unknown },
    Word { role: Role::Opener, word: "结合", level: Level::Unknown },
    Word { role: Role::Opener, word: "严格", level: Level::Unknown },
    Word { role: Role::Opener, word: "切实", level: Level::Unknown },
    Word { role: Role::Opener, word: "统筹", level: Level::Unknown },
    Word { role: Role::Opener, word: "大力", level: Level::Unknown },
    Word { role: Role::Opener, word: "锚定", level: Level::Unknown },
    Word { role: Role::Opener, word: "加快", level: Level::Unknown },
    Word { role: Role::Opener, word: "加强", level: Level::Unknown },
    Word { role: Role::Opener, word: "强化", level: Level::Unknown },
    Word { role: Role::Opener, word: "推进", level: Level::Unknown },
    Word { role: Role::Opener, word: "推动", level: Level::Unknown },
    Word { role: Role::Opener, word: "深化", level: Level::Unknown },
    Word { role: Role::Opener, word: "主动", level: Level::Unknown },
    Word { role: Role::Opener, word: "自觉", level: Level::Unknown },
    Word { role: Role::Opener, word: "全力", level: Level::Unknown },
    Word { role: Role::Opener, word: "贯彻", level: Level::Unknown },
    Word { role: Role::Opener, word: "落实", level: Level::Unknown },
    Word { role: Role::Opener, word: "狠抓", level: Level::Unknown },
    Word { role: Role::Opener, word: "秉持", level: Level::Unknown },
    Word { role: Role::Opener, word: "对照", level: Level::Unknown },
    Word { role: Role::Opener, word: "依法", level: Level::Unknown },
    Word { role: Role::Opener, word: "法治", level: Level::Unknown },
    Word { role: Role::Opener, word: "充分", level: Level::Unknown },
    Word { role: Role::Dept, word: "部", level: Level::Department },
    Word { role: Role::Dept, word: "局", level: Level::Department },
    Word { role: Role::Dept, word: "厅", level: Level::Department },
    Word { role: Role::Dept, word: "委", level: Level::Department },
    Word { role: Role::Dept, word: "办", level: Level::Department },
    Word { role: Role::Dept, word: "署", level: Level::Department },
    Word { role: Role::Dept, word: "院", level: Level::Department },
    Word { role: Role::Place, word: "省", level: Level::Province },
    Word { role: Role::Place, word: "州", level: Level::City },
    Word { role: Role::Place, word: "盟", level: Level::City },
    Word { role: Role::Place, word: "市", level: Level::City },
    Word { role: Role::Place, word: "县", level: Level::County },
    Word { role: Role::Place, word: "旗", level: Level::County },
    Word { role: Role::Place, word: "区", level: Level::County },
    Word { role: Role::Place, word: "乡", level: Level::Township },
    Word { role: Role::Place, word: "镇", level: Level::Township },
    Word { role: Role::Opener, word: "在", level: Level::Unknown },
    Word { role: Role::Opener, word: "以", level: Level::Unknown },
    Word { role: Role::Opener, word: "把", level: Level::Unknown },
    Word { role: Role::Opener, word: "将", level: Level::Unknown },
];

/// The last characters of the words that end a name, and the first characters of the openers, sorted
/// (checked against [`WORDS`] by a test): asked first, so that the scan of an opening sentence tries the
/// words at few of its characters.
const NAME_LAST: [char; 24] = [
    '乡', '会', '办', '区', '厅', '县', '处', '委', '室', '局', '州', '市', '府', '心', '旗', '木', '盟', '省', '组',
    '署', '道', '部', '镇', '院',
];
const OPENER_FIRST: [char; 42] = [
    '不', '严', '主', '以', '依', '充', '全', '切', '加', '围', '在', '坚', '大', '始', '对', '将', '强', '扎', '把',
    '持', '按', '推', '法', '深', '牢', '狠', '着', '秉', '积', '立', '紧', '结', '统', '继', '聚', '自', '落', '认',
    '贯', '进', '锚', '高',
];

fn words() -> &'static [Word] {
    &WORDS
}

fn ending(s: &str, role: Role) -> Option<&'static Word> {
    words().iter().find(|w| w.role == role && s.ends_with(w.word))
}

fn starts_with_role(s: &str, role: Role) -> bool {
    words().iter().any(|w| w.role == role && s.starts_with(w.word))
}

/// Whether `s` ends with a word that can end a body's name (a place, a department, a body).
fn ends_a_name(s: &str) -> bool {
    s.chars().next_back().is_some_and(|c| NAME_LAST.binary_search(&c).is_ok())
        && words().iter().any(|w| w.role != Role::Opener && s.ends_with(w.word))
}

/// Whether `s` opens with an opener (`坚持`, `在`).
fn opens_predicate(s: &str) -> bool {
    s.chars().next().is_some_and(|c| OPENER_FIRST.binary_search(&c).is_ok()) && starts_with_role(s, Role::Opener)
}

/// The level's name in Chinese, as reasons give it.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Province => "省级",
        Level::City => "市级",
        Level::County => "县级",
        Level::Township => "乡镇",
        Level::Department => "部门",
        Level::Unknown => "未知",
    }
}

/// A Party committee of a place (`县委`, `中共某镇委员会`): the place, else `None`.
fn party_committee(name: &str) -> Option<&str> {
    for suffix in ["委员会", "委"] {
        if let Some(place) = name.strip_suffix(suffix) {
            if ending(place, Role::Place).is_some() {
                return Some(place);
            }
        }
    }
    None
}

/// The place a name belongs to, once its body words are taken off (`静海区人民政府` → `静海区`,
/// `中共某县委` → `某县`); `None` when no body word ends it (a department or a bare place).
fn place_of_body(name: &str) -> Option<&str> {
    let mut s = name;
    let mut stripped = false;
    loop {
        if let Some(p) = party_committee(s) {
            s = p;
            stripped = true;
            continue;
        }
        match ending(s, Role::Body) {
            Some(w) => {
                s = &s[..s.len() - w.word.len()];
                stripped = true;
            }
            None => break,
        }
    }
    stripped.then_some(s)
}

/// The level a name says, with the word that says it: `司法部` → (department, 部). For a joint name
/// (`中共某县委、某县人民政府`, `巴州党委、政府`) the government's part, with the place of the first part
/// when the government's names none.
fn level_by_name(name: &str) -> Option<(Level, &'static str)> {
    let (first, part) = joint_parts(name);
    let place = match place_of_body(part) {
        Some("") => place_of_body(first)?,
        Some(p) => p,
        None => {
            if let Some(w) = ending(part, Role::Dept) {
                return Some((Level::Department, w.word));
            }
            part
        }
    };
    // 上海市 itself, not a district of it (上海市闵行区 ends with 区).
    if let Some(w) = ending(place, Role::Capital).filter(|w| place.len() <= w.word.len() + 3) {
        return Some((Level::Province, w.word));
    }
    ending(place, Role::Place).map(|w| (w.level, w.word))
}

/// The level of `name` (as found: `静海区`, `司法部`, `我镇`) and why: `司法部 → 部门（“部”）`. A city (市)
/// that reports to another city's Party committee or government is a county-level city.
pub fn level_of(name: &str, addressee: Option<&str>) -> (Level, Option<String>) {
    // `我区（自治区）`: the words as written, and in brackets the name they stand for.
    let core = name.split_once('（').map_or(name, |(_, n)| n.trim_end_matches('）'));
    let Some((level, word)) = level_by_name(core) else { return (Level::Unknown, None) };
    // A 市 that reports to another city's or prefecture's Party committee or government (`中共长春市委、
    // 长春市人民政府:` for 榆树市), not its own (`中共某某市委:` for 某某市), is a county-level city.
    let own = core.find('市').map_or(core, |i| &core[..i + '市'.len_utf8()]);
    if let Some(a) = addressee.filter(|a| level == Level::City && word == "市" && !crate::text::contains(a, own)) {
        if super::contains_any(a, &["市委", "市人民政府", "州委", "州人民政府", "盟委", "地委"]) {
            let a = trim_end_any(a, &[':', '：'], true);
            return (Level::County, Some([name, " → 县级（县级市：报送“", a, "”）"].concat()));
        }
    }
    (level, Some([name, " → ", level_name(level), "（“", word, "”）"].concat()))
}

/// The parts of a joint name (`中共某县委、某县人民政府`, `巴州党委、政府`): the first, and the government's
/// (the last), each without 中共; a single name twice.
fn joint_parts(name: &str) -> (&str, &str) {
    fn strip(s: &str) -> &str {
        s.strip_prefix("中共").unwrap_or(s)
    }
    let name = strip(name);
    match name.rfind('、') {
        Some(i) => (strip(&name[..i]), strip(&name[i + '、'.len_utf8()..])),
        None => (name, name),
    }
}

/// A place without its proper name: only place words (`区`, `乡镇`, `市`).
fn bare(place: &str) -> bool {
    let mut s = place;
    while let Some(w) = ending(s, Role::Place).or_else(|| ending(s, Role::Capital)) {
        s = &s[..s.len() - w.word.len()];
    }
    s.is_empty()
}

/// The formal issuer for a name as found: places get their government (`静海区` → `静海区人民政府`,
/// `某街道` → `某街道办事处`); bodies, joint bodies and departments stay as written. `None` for a place
/// without its proper name (`区`, `市政府`).
pub fn formal(name: &str) -> Option<String> {
    if starts_with_any(name, &['我', '全']) {
        return None;
    }
    let (first, last) = joint_parts(name);
    if first != last {
        let proper = |p: &str| !bare(place_of_body(p).unwrap_or(p));
        return (proper(first) || proper(last)).then(|| name.to_string());
    }
    if let Some(p) = place_of_body(last) {
        return (!bare(p)).then(|| name.to_string());
    }
    if ending(name, Role::Dept).is_some() {
        return Some(name.to_string());
    }
    if bare(name) {
        return None;
    }
    match ending(name, Role::Place) {
        Some(w) if w.word == "街道" => Some([name, "办事处"].concat()),
        Some(_) => Some([name, "人民政府"].concat()),
        None => None,
    }
}

/// Characters of a name: CJK ideographs, and the letters and `*` of redacted names (`xx镇`, `*区`).
fn name_char(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x3134f) || c.is_ascii_alphabetic() || c == '*'
}

/// A body's name at the start of `s` (simplified text), followed by the predicate of its sentence:
/// `司法部坚持…` → `司法部`, `泾源县公安局在县委…` → `泾源县公安局`, `巴州党委、政府坚持…` →
/// `巴州党委、政府`. `bare_ok`: also a place without its proper name (`自治区坚持`, `市政府坚持`).
pub fn name_at(s: &str, bare_ok: bool) -> Option<&str> {
    let mut chars = 0;
    for (i, c) in s.char_indices() {
        if i > 0 {
            let (name, rest) = s.split_at(i);
            if ends_a_name(name) && opens_predicate(rest) {
                let bare = level_by_name(name).is_some() && formal(name).is_none();
                // A clause may open with a preposition or a verb before a place word (`为更好开展镇…`).
                let verb = starts_with_role(name, Role::Opener) || super::starts_with_word(name, &FUNCTION_WORDS);
                if starts_with_any(name, &['我', '全']) || bare && !bare_ok || verb {
                    return None;
                }
                return Some(name);
            }
        }
        chars += 1;
        // `、` joins the names of a joint issuer (`某州党委、政府`), right after a name's end.
        let joint = c == '、' && ends_a_name(&s[..i]);
        if chars > 24 || !(name_char(c) || joint) {
            return None;
        }
    }
    None
}

/// Words that open a clause before any name (`为`, `根据`): a clause opening with one names no issuer.
const FUNCTION_WORDS: [&str; 11] = ["为", "对", "由", "经", "向", "从", "通过", "根据", "开展", "按", "使"];

/// A self-reference `我镇`/`我县`/`我局` at the start of `s`, followed by the predicate (`我镇持续…`).
pub fn self_at(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('我')?;
    let w = words().iter().find(|w| matches!(w.role, Role::Place | Role::Dept) && rest.starts_with(w.word))?;
    let after = &rest[w.word.len()..];
    let end = '我'.len_utf8() + w.word.len();
    (opens_predicate(after) || starts_with_any(after, &['，', ',', '各', '的'])).then(|| &s[..end])
}

/// Where the opening sentence may name the issuer: the paragraph's start, and after a leading year
/// (`2022年，`), a leading circumstance (`在市委、市政府的正确领导下，`) or, for a proper name only, any
/// comma of the first sentence. Returns the name as found (self-references included).
pub fn from_opening(para: &str) -> Option<&str> {
    let first_sentence = para.find('。').map_or(para, |i| &para[..i]);
    let mut at = 0;
    loop {
        let s = &first_sentence[at..];
        let lead = at == 0 || {
            let before = trim_end_any(&first_sentence[..at], &['，', ','], false);
            let year = trim_end_any(before, &['度'], false).strip_suffix('年').map(|b| trim_end_any(b, &[], true));
            year.is_some_and(|b| ends_with_any(b, &['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']))
                || ends_with_any(before, &['下', '来'])
        };
        let s = trim_start_any(s, &[], true);
        if let Some(n) = self_at(s).or_else(|| name_at(s, lead)) {
            return Some(n);
        }
        let next = find_any(s, &['，', ',']).map(|i| i + s[i..].chars().next().map_or(1, char::len_utf8));
        match next {
            Some(n) => at = first_sentence.len() - s.len() + n,
            None => return None,
        }
    }
}

/// The issuer a title names before its year or topic: `司法部2020年法治政府建设年度报告` → `司法部`,
/// `2020年静海区法治政府建设情况报告` → `静海区`, `榆树市人民政府关于…` → `榆树市人民政府`,
/// `中共某县委 某县人民政府关于…` → `中共某县委、某县人民政府`. Simplified text.
pub fn from_title(title: &str) -> Option<String> {
    const DIGITS: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    // A leading label or year: `【2022年】`, `2020年`, `2021年度`.
    let mut t = trim_start_any(title, &['【', '['], true);
    if find_any(t, &['】', ']']).is_some_and(|i| i < 24) {
        t = trim_start_any(&t[find_any(t, &['】', ']']).unwrap_or(0)..], &['】', ']'], true);
    }
    let t = trim_start_any(t, &DIGITS, false);
    let t = trim_start_any(t, &['年', '度'], true);
    let t = t.strip_prefix("关于").unwrap_or(t);
    // The name runs to a digit or to the title's topic; spaces are no part of it.
    let mut cut = find_any(t, &DIGITS).unwrap_or(t.len());
    for w in ["关于", "法治", "依法", "法制", "年度", "上半年", "全年", "推进"] {
        cut = crate::text::find(&t[..cut], w, 0).unwrap_or(cut);
    }
    let name: String = t[..cut].split(' ').collect();
    if name.is_empty() || char_count(&name) > 30 || find_any(&name, &['我', '，', ',', '。']).is_some() {
        return None;
    }
    // A joint report of the Party committee and the government: 中共某县委 某县人民政府.
    if let Some(p) = crate::text::find(&name, "委", 0).filter(|_| name.starts_with("中共") && name.ends_with("政府"))
    {
        let (party, gov) = name.split_at(p + '委'.len_utf8());
        if char_count(gov) >= 4 {
            return Some([party, "、", gov].concat());
        }
    }
    // The longest leading part that ends like a name (`区五年…` → `区`).
    let end = name.char_indices().map(|(i, c)| i + c.len_utf8()).rfind(|&e| ends_a_name(&name[..e]))?;
    Some(name[..end].to_string())
}

/// How a text calls itself when it names no issuer: its most frequent 我X (`我镇`), else its most
/// frequent 全X (`全乡干部职工`), resolved by [`resolve_self`].
pub fn self_reference(text: &str) -> Option<String> {
    const SELF: [&[&str]; 2] = [
        &[
            "我省",
            "我区",
            "我市",
            "我州",
            "我盟",
            "我县",
            "我旗",
            "我镇",
            "我乡",
            "我街道",
            "我局",
            "我委",
            "我厅",
            "我办",
            "我部",
        ],
        &["全省", "全区", "全市", "全州", "全盟", "全县", "全旗", "全镇", "全乡", "全街道"],
    ];
    SELF.iter().find_map(|words| {
        let counts = words.iter().map(|w| crate::text::count(text, w));
        let (k, n) = counts.enumerate().fold((0, 0), |best, (k, n)| if n > best.1 { (k, n) } else { best });
        (n > 0).then(|| resolve_self(words[k], text))
    })
}

/// `我区` reads as an autonomous region (自治区) when the text names the region's government or Party
/// committee more often than a district's: `我区（自治区）`. Other names are returned as they are.
pub fn resolve_self(name: &str, text: &str) -> String {
    if name == "我区" || name == "全区" {
        let region = crate::text::count(text, "自治区人民政府") + crate::text::count(text, "自治区党委");
        let district = (crate::text::count(text, "区委") + crate::text::count(text, "区政府"))
            .saturating_sub(crate::text::count(text, "自治区党委") + crate::text::count(text, "自治区政府"));
        if region > district {
            return [name, "（自治区）"].concat();
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of `data/meta/issuers.tsv`.
    fn parse_line(line: &'static str) -> Option<Word> {
        let mut cols = line.split('\t');
        let (_id, role, word, level) = (cols.next()?, cols.next()?, cols.next()?, cols.next()?);
        let role = match role {
            "body" => Role::Body,
            "dept" => Role::Dept,
            "place" => Role::Place,
            "capital" => Role::Capital,
            "opener" => Role::Opener,
            _ => return None,
        };
        let level = match level {
            "province" => Level::Province,
            "city" => Level::City,
            "county" => Level::County,
            "township" => Level::Township,
            "department" => Level::Department,
            "-" => Level::Unknown,
            _ => return None,
        };
        Some(Word { role, word, level })
    }

    /// The code's copy of the table is the table: its rows in the same order, longest first, and the
    /// edge characters of its words.
    #[test]
    fn the_words_are_the_table() {
        const TABLE: &str = include_str!("../../data/meta/issuers.tsv");
        let rows: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
        let mut seen = std::collections::HashSet::new();
        let mut table = Vec::new();
        for line in &rows {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "four columns: {line:?}");
            assert!(seen.insert(cols[0]) && !cols[0].is_empty(), "a unique id: {line:?}");
            assert!(!cols[2].is_empty() && !cols[2].contains(char::is_whitespace), "a word: {line:?}");
            let w = parse_line(line).unwrap_or_else(|| panic!("a known role and level: {line:?}"));
            let leveled = matches!(w.role, Role::Dept | Role::Place | Role::Capital);
            assert_eq!(leveled, w.level != Level::Unknown, "a level exactly for dept/place/capital: {line:?}");
            table.push(w);
        }
        crate::order::sort_by_key(&mut table, |w| u64::MAX - w.word.len() as u64);
        let key = |w: &Word| (w.role, w.word, w.level);
        assert_eq!(WORDS.iter().map(key).collect::<Vec<_>>(), table.iter().map(key).collect::<Vec<_>>());
        let edges = |opener: bool| {
            let mut v: Vec<char> = WORDS
                .iter()
                .filter(|w| (w.role == Role::Opener) == opener)
                .filter_map(|w| if opener { w.word.chars().next() } else { w.word.chars().last() })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        assert_eq!(edges(false), NAME_LAST);
        assert_eq!(edges(true), OPENER_FIRST);
        assert!(parse_line("x\tnoun\t县\tcounty").is_none());
    }

    #[track_caller]
    fn level(name: &str, want: Level, reason: &str) {
        assert_eq!(level_of(name, None), (want, Some(reason.to_string())), "{name}");
    }

    #[test]
    fn levels_by_how_names_end() {
        level("司法部", Level::Department, "司法部 → 部门（“部”）");
        level("某县教育局", Level::Department, "某县教育局 → 部门（“局”）");
        level("某州党委、政府", Level::City, "某州党委、政府 → 市级（“州”）");
        level("自治区", Level::Province, "自治区 → 省级（“自治区”）");
        level("某某回族自治县人民政府", Level::County, "某某回族自治县人民政府 → 县级（“自治县”）");
        level("某盟", Level::City, "某盟 → 市级（“盟”）");
        level("某某旗", Level::County, "某某旗 → 县级（“旗”）");
        level("某某苏木", Level::Township, "某某苏木 → 乡镇（“苏木”）");
        level("某某街道", Level::Township, "某某街道 → 乡镇（“街道”）");
        level("中共某某镇委员会、某某镇人民政府", Level::Township, "中共某某镇委员会、某某镇人民政府 → 乡镇（“镇”）");
        level("中共某县委", Level::County, "中共某县委 → 县级（“县”）");
        level("某市发展和改革委员会", Level::Department, "某市发展和改革委员会 → 部门（“委员会”）");
        level("重庆市人民政府", Level::Province, "重庆市人民政府 → 省级（“重庆市”）");
        level("重庆市某某区", Level::County, "重庆市某某区 → 县级（“区”）");
        level("我镇", Level::Township, "我镇 → 乡镇（“镇”）");
        level("乡党委、政府", Level::Township, "乡党委、政府 → 乡镇（“乡”）");
        assert_eq!(
            level_of("某某市人民政府", Some("中共某州委、某州人民政府：")),
            (Level::County, Some("某某市人民政府 → 县级（县级市：报送“中共某州委、某州人民政府”）".into()))
        );
        assert_eq!(level_of("某某市人民政府", Some("中共某某市委：")).0, Level::City);
        assert_eq!(level_of("法治建设领导小组", None), (Level::Unknown, None));
    }

    #[test]
    fn names_that_open_a_report() {
        assert_eq!(from_opening("2021年，某某部坚持以习近平新时代中国特色社会主义思想为指导。"), Some("某某部"));
        assert_eq!(from_opening("2022年度，某某县在县委的领导下推进工作。"), Some("某某县"));
        assert_eq!(from_opening("2023年，某县公安局紧紧围绕县委、县政府中心工作。"), Some("某县公安局"));
        assert_eq!(from_opening("2022年，自治区深入推进依法行政。"), Some("自治区"));
        assert_eq!(from_opening("2024年，在市委的正确领导下，市政府坚持依法行政。"), Some("市政府"));
        assert_eq!(from_opening("2023年，某州党委、政府认真落实决策部署。"), Some("某州党委、政府"));
        assert_eq!(from_opening("在新区党工委的领导下，我镇持续深化法治建设。"), Some("我镇"));
        assert_eq!(from_opening("2020年，某乡法治政府建设工作以规范执法为重点。"), Some("某乡"));
        assert_eq!(from_opening("根据上级的要求，某某镇依法履行政府职能。"), Some("某某镇"));
        // A comma later in the sentence names no bare place; a sentence without a subject names nothing.
        assert_eq!(from_opening("2022年是关键之年，县委高度重视法治建设。"), None);
        assert_eq!(from_opening("2022年，深入推进依法行政，全县上下坚持依法办事。"), None);
        assert_eq!(from_opening("今年以来，全区坚持依法行政。"), None);
        assert_eq!(from_opening("今年以来，为更好开展镇法治政府建设工作，组织学法。"), None);
        assert_eq!(from_opening("今年以来，县委、县政府坚持依法行政。"), Some("县委、县政府"));
    }

    #[test]
    fn names_in_titles() {
        let f = |t: &str| from_title(t);
        assert_eq!(f("某某部2020年法治政府建设年度报告").as_deref(), Some("某某部"));
        assert_eq!(f("2020年某某区法治政府建设情况报告").as_deref(), Some("某某区"));
        assert_eq!(f("2023年区五年法治政府建设工作情况报告").as_deref(), Some("区"));
        assert_eq!(f("某某街道2023年法治政府建设工作总结").as_deref(), Some("某某街道"));
        assert_eq!(f("【2022年】某州生态环境局2022年度法治政府建设报告").as_deref(), Some("某州生态环境局"));
        assert_eq!(f("某某乡人民政府关于法治政府建设的情况报告").as_deref(), Some("某某乡人民政府"));
        assert_eq!(f("法治政府建设情况年度报告"), None);
        assert_eq!(formal("某某街道").as_deref(), Some("某某街道办事处"));
        assert_eq!(formal("区"), None);
        assert_eq!(formal("市政府"), None);
        assert_eq!(formal("某某部").as_deref(), Some("某某部"));
    }

    #[test]
    fn self_references() {
        assert_eq!(self_reference("现将我镇工作报告如下。我镇持续推进。").as_deref(), Some("我镇"));
        let region = "我区坚持依法行政。自治区人民政府把学习放在首位，自治区党委统筹推进。";
        assert_eq!(self_reference(region).as_deref(), Some("我区（自治区）"));
        assert_eq!(self_reference("我区坚持依法行政。区委、区政府高度重视。").as_deref(), Some("我区"));
        assert_eq!(self_reference("我们坚持依法行政。"), None);
        assert_eq!(self_reference("组织全乡干部职工学法。全乡共开展宣传5次。").as_deref(), Some("全乡"));
        assert_eq!(self_reference("我局组织全县教育系统学法。").as_deref(), Some("我局"));
    }
}
