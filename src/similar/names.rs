//! The unit's own names, from the issuer the metadata found (`天津市静海区人民政府`): the places of its
//! chain with their level (`天津市`, `静海区`) and without it when two characters or more are left
//! (`天津`, `静海`), and the organ itself (`嘉兴市教育局`, `应急管理部`). Masked where the report writes
//! them, so that a template filled in by two units reads the same. The most specific of them is the
//! unit's key: two reports with the same key are the same unit's (a mirror, or another year's report).

/// Levels that end a place name, longest first (`自治区` before `区`).
const LEVELS: [&str; 16] = [
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "街道",
    "地区",
    "省",
    "市",
    "区",
    "县",
    "州",
    "盟",
    "旗",
    "镇",
    "乡",
    "村",
];

/// Endings of the organ after its place, dropped to find the place (`静海区人民政府` → `静海区`).
const ORGANS: [&str; 8] = ["人民政府", "政府", "办事处", "党工委", "党委", "管理委员会", "管委会", "委"];

/// A unit's names (simplified, lower case, letters and digits only: as the masked text has them),
/// longest first, and its key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub names: Vec<String>,
    pub key: Option<String>,
}

/// The names of the unit `issuer` (as [`crate::meta`] gives it: simplified; a joint issuer is
/// `中共某县委、某县人民政府`).
pub fn of(issuer: &str) -> Names {
    let mut names = Vec::new();
    let mut key = None;
    for part in issuer.split(['、', ',', '，']) {
        let part: String = part.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        let part = part.strip_prefix("中国共产党").or_else(|| part.strip_prefix("中共")).unwrap_or(&part);
        if part.chars().count() < 2 || is_placeholder(strip_organ(part)) {
            continue;
        }
        let (places, rest) = places(strip_organ(part));
        for p in &places {
            names.push(p.name.clone());
            if p.stem.chars().count() >= 2 {
                names.push(p.stem.clone());
            }
        }
        // The organ as written (`嘉兴市教育局`, `司法部`), when it is more than its place.
        if !rest.is_empty() || places.is_empty() {
            names.push(part.to_string());
        }
        if key.is_none() {
            key = match (places.last(), rest.is_empty()) {
                (Some(p), true) => Some(p.name.clone()),
                (Some(p), false) => Some(format!("{}{rest}", p.name)),
                (None, _) => Some(part.to_string()),
            };
        }
    }
    let mut seen = Vec::new();
    names.retain(|n| {
        !seen.contains(n) && {
            seen.push(n.clone());
            true
        }
    });
    crate::order::sort_by_key(&mut names, |n| u64::MAX - n.chars().count() as u64);
    Names { names, key }
}

/// The unit when the metadata found no issuer: the start of the title before its year
/// (`司法部2020年法治政府建设年度报告`), or the subject of the opening sentence (`2021年，司法部坚持以…`,
/// `2025年，中村乡法治政府建设工作在…`), simplified. `None` for `我县`, `全区` and the like.
pub fn from_text(title: Option<&str>, doc: &crate::doc::Doc) -> Option<String> {
    let title = title.map(crate::normalize::squeeze);
    if let Some(t) = title.as_deref() {
        let t = t.strip_prefix("关于").unwrap_or(t);
        let cut = t.find(|c: char| c.is_ascii_digit() || c == '关').unwrap_or(t.len());
        if let Some(unit) = unit_at(&t[..cut], true) {
            return Some(unit);
        }
    }
    doc.content_lines().take(8).find_map(|(_, r)| {
        let line = crate::normalize::squeeze(&doc.text[r]);
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let rest = line[digits..].strip_prefix('年').filter(|_| digits == 4)?;
        let rest = rest.strip_prefix('度').unwrap_or(rest);
        let rest = rest.trim_start_matches([',', '，', '、']);
        unit_at(rest, false)
    })
}

/// Verbs that end the subject of an opening sentence.
const OPENING_VERBS: [&str; 14] =
    ["坚持", "以", "在", "紧紧", "认真", "深入", "全面", "始终", "围绕", "按照", "着力", "聚焦", "积极", "持续"];

/// The unit at the start of `s`: a chain of places (`海东市乐都区`), or, up to an opening verb, a name
/// of 2 to 12 characters (`司法部`); `whole`: all of `s` may be the name (a title's start).
fn unit_at(s: &str, whole: bool) -> Option<String> {
    if s.starts_with(['我', '本', '全', '各', '今']) {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut at = 0;
    'chain: while at < chars.len() {
        for stem in 2..=4 {
            let rest: String = chars.iter().skip(at + stem).take(3).collect();
            if let Some(level) = LEVELS.iter().find(|l| rest.starts_with(*l)) {
                at += stem + level.chars().count();
                continue 'chain;
            }
        }
        break;
    }
    let end = if at > 0 && !whole {
        at
    } else {
        let verb = (2..chars.len().min(13))
            .find(|&i| OPENING_VERBS.iter().any(|v| chars[i..].starts_with(&v.chars().collect::<Vec<_>>())));
        match verb {
            Some(i) => i,
            None if whole => chars.len(),
            None => at,
        }
    };
    let name: String = chars[..end].iter().collect();
    let n = name.chars().count();
    // A level alone (`自治区坚持…`: the region, unnamed) is no name.
    let level_alone = LEVELS.iter().any(|l| name == *l || name.strip_prefix("自治") == Some(l));
    ((2..=20).contains(&n) && !level_alone && name.chars().all(|c| c.is_alphanumeric()) && !name.contains("法治"))
        .then_some(name)
}

/// `x镇`, `XX县`, `某某乡`: a template's blank, not a unit.
fn is_placeholder(s: &str) -> bool {
    let stem = LEVELS.iter().find_map(|l| s.strip_suffix(l)).unwrap_or(s);
    !stem.is_empty() && (stem.chars().all(|c| c == 'x') || stem.chars().all(|c| c == '某'))
}

fn strip_organ(s: &str) -> &str {
    let mut s = s;
    // `某县委` is the county's Party committee: the county is what remains.
    while let Some(rest) = ORGANS.iter().find_map(|o| s.strip_suffix(o).filter(|r| !r.is_empty())) {
        s = rest;
    }
    s
}

#[derive(Debug)]
struct Place {
    /// With its level: `静海区`.
    name: String,
    /// Without it (and without `自治`, `回族`): `静海`.
    stem: String,
}

/// The chain of places at the start of `s` (`海东市乐都区共和乡` → three) and what follows them (`教育局`).
/// A level character counts only after two characters of name (`市中区` is one place, `新市镇` too).
fn places(s: &str) -> (Vec<Place>, &str) {
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < s.len() {
        let here = &s[at..];
        let name_chars = s[start..at].chars().count();
        match LEVELS.iter().find(|l| here.starts_with(*l)) {
            Some(level) if name_chars >= 2 || (name_chars == 1 && level.chars().count() > 1) => {
                let end = at + level.len();
                let mut stem = &s[start..at];
                stem = stem.strip_suffix("自治").unwrap_or(stem);
                if stem.chars().count() > 3 && stem.ends_with('族') {
                    // 焉耆回族 → 焉耆 (the people's name is two characters, 族 included).
                    let cut = stem.char_indices().rev().nth(1).map_or(stem.len(), |(i, _)| i);
                    stem = &stem[..cut];
                }
                out.push(Place { name: s[start..end].to_string(), stem: stem.to_string() });
                start = end;
                at = end;
            }
            _ => at += here.chars().next().map_or(1, char::len_utf8),
        }
    }
    (out, &s[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn assert_names(issuer: &str, names: &[&str], key: Option<&str>) {
        let n = of(issuer);
        assert_eq!(n.names, names, "{issuer}");
        assert_eq!(n.key.as_deref(), key, "{issuer}");
    }

    #[test]
    fn places_of_the_chain_with_and_without_their_level() {
        assert_names("天津市静海区人民政府", &["天津市", "静海区", "天津", "静海"], Some("静海区"));
        assert_names(
            "海东市乐都区共和乡人民政府",
            &["海东市", "乐都区", "共和乡", "海东", "乐都", "共和"],
            Some("共和乡"),
        );
        assert_names("中共夏铎铺镇党委、夏铎铺镇人民政府", &["夏铎铺镇", "夏铎铺"], Some("夏铎铺镇"));
        assert_names("清波街道办事处", &["清波街道", "清波"], Some("清波街道"));
        assert_names("内蒙古自治区人民政府", &["内蒙古自治区", "内蒙古"], Some("内蒙古自治区"));
        assert_names("焉耆回族自治县人民政府", &["焉耆回族自治县", "焉耆"], Some("焉耆回族自治县"));
        assert_names("中共榆树市委、榆树市人民政府", &["榆树市", "榆树"], Some("榆树市"));
    }

    #[track_caller]
    fn assert_unit(text: &str, want: Option<&str>) {
        let doc = crate::doc::Doc::new(text);
        let title = crate::meta::extract(&doc).title;
        assert_eq!(from_text(title.as_deref(), &doc).as_deref(), want, "{text}");
    }

    #[test]
    fn the_unit_from_the_title_or_the_opening_sentence() {
        assert_unit(
            "司法部2020年法治政府建设年度报告\n2020年，司法部坚持以习近平新时代中国特色社会主义思想为指导",
            Some("司法部"),
        );
        assert_unit("2021年,司法部坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻", Some("司法部"));
        assert_unit("2020年,應急管理部堅持以習近平新時代中國特色社會主義思想為指導", Some("应急管理部"));
        assert_unit(
            "市委全面依法治市委员会:\n2025年,中村乡法治政府建设工作在市委、市人民政府的正确领导下",
            Some("中村乡"),
        );
        assert_unit(
            "2022年，海东市乐都区共和乡坚持以习近平新时代中国特色社会主义思想为指导",
            Some("海东市乐都区共和乡"),
        );
        assert_unit("2022年,我区坚持以习近平新时代中国特色社会主义思想为指导", None);
        assert_unit("2022年,自治区坚持以习近平新时代中国特色社会主义思想为指导", None);
        assert_unit("2023年度法治政府建设情况报告\n一、主要举措", None);
    }

    #[test]
    fn departments_keep_their_name() {
        assert_names("嘉兴市教育局", &["嘉兴市教育局", "嘉兴市", "嘉兴"], Some("嘉兴市教育局"));
        assert_names("应急管理部", &["应急管理部"], Some("应急管理部"));
        assert_names("县司法局", &["县司法局"], Some("县司法局"));
    }

    #[test]
    fn placeholders_and_short_names_are_no_unit() {
        assert_names("x镇", &[], None);
        assert_names("XX镇", &[], None);
        assert_names("某某县人民政府", &[], None);
        assert_names("", &[], None);
        // One character of name before the level: part of a longer name.
        assert_names("新市镇人民政府", &["新市镇", "新市"], Some("新市镇"));
    }
}
