//! Checklists: what a reviewer checks a report for, as data.
//!
//! The built-in checklist (`data/checklists/default-2021.json`) and a user's own share one JSON format:
//!
//! ```json
//! {"id": "my-province-2023", "name": "…事项指引",
//!  "items": [{"id": "K1", "name": "…", "cues": ["权责清单", "re:执法.{0,4}监督"],
//!             "group": "areas", "heading_cues": ["…"], "min_hits": 2, "scored": true, "part": null}]}
//! ```
//!
//! - `cues`: phrases; a cue starting with `re:` is a regular expression.
//! - `heading_cues`: phrases that cover the item when a heading carries them (default: `cues`).
//! - `min_hits`: sentences holding a cue needed for `covered` (default 2); one is `mentioned`.
//! - `part`: `R1`…`R5` or `R2-causes` ties the item to the outline's required parts instead of cues.
//! - `scored`: false for items shown but not scored (default true). `group`: free text (default `items`).
//! - `parent`: the id of an earlier item this one details (a 纲要 area's named sub-items); the parent
//!   counts its children's hits, and the score credits areas by their sub-items too.
//! - `applicable`: false for an item shown as not applicable (the 2015 纲要 has no A6), never scored.

mod apply;

pub use apply::{apply, apply_builtin, apply_compiled, apply_scanned, builtin, scan, Compiled};

use serde::Serialize;

use crate::error::Error;
use crate::json::{Json, Record};

/// Read from JSON by [`Checklist::from_json`] (src/json.rs), written with serde.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub name: String,
    /// Default `items`.
    pub group: String,
    pub cues: Vec<String>,
    pub heading_cues: Option<Vec<String>>,
    /// Default 2.
    pub min_hits: usize,
    /// Default true.
    pub scored: bool,
    pub part: Option<String>,
    pub parent: Option<String>,
    /// Default true.
    pub applicable: bool,
}

const CHECKLIST_FIELDS: [&str; 4] = ["id", "name", "description", "items"];
const ITEM_FIELDS: [&str; 10] =
    ["id", "name", "group", "cues", "heading_cues", "min_hits", "scored", "part", "parent", "applicable"];

impl Item {
    /// Item number `n` (from 1) of a checklist's `items`.
    fn read(value: &Json, n: usize) -> Result<Item, String> {
        let id = match value {
            Json::Object(m) => m.iter().find_map(|(k, v)| match (k.as_str(), v) {
                ("id", Json::String(id)) if !id.is_empty() => Some(id.as_str()),
                _ => None,
            }),
            _ => None,
        };
        let who = id.map_or_else(|| format!("item #{n}"), |id| format!("item \"{id}\""));
        let r = Record::new(value, who, &ITEM_FIELDS)?;
        let min_hits = match r.integer("min_hits")? {
            None => 2,
            Some(n) => usize::try_from(n).map_err(|_| format!("{}: field \"min_hits\" must be at least 1", r.who()))?,
        };
        Ok(Item {
            id: r.required("id", Record::string)?,
            name: r.required("name", Record::string)?,
            group: r.string("group")?.unwrap_or_else(|| "items".into()),
            cues: r.strings("cues")?.unwrap_or_default(),
            heading_cues: r.strings("heading_cues")?,
            min_hits,
            scored: r.boolean("scored")?.unwrap_or(true),
            part: r.string("part")?,
            parent: r.string("parent")?,
            applicable: r.boolean("applicable")?.unwrap_or(true),
        })
    }
}

pub const PART_IDS: [&str; 6] = ["R1", "R2", "R2-causes", "R3", "R4", "R5"];

const DEFAULT_2021: &str = include_str!("../../data/checklists/default-2021.json");
const DEFAULT_2015: &str = include_str!("../../data/checklists/default-2015.json");

/// Which 纲要 a report is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// 《法治政府建设实施纲要(2021-2025年)》: report years from 2021.
    Outline2021,
    /// 《法治政府建设实施纲要(2015-2020年)》: report years up to 2020.
    Outline2015,
}

impl Edition {
    /// The edition for a report: by its year; without one, by the goal formula it quotes (the 2021
    /// formula ends 智能高效、廉洁诚信、人民满意, the 2015 one 廉洁高效、守法诚信). Returns the reason.
    pub fn choose(year: Option<i32>, text: &str) -> (Edition, String) {
        match year {
            Some(y) if y <= 2020 => {
                (Edition::Outline2015, format!("报告年度为{y}年，按《法治政府建设实施纲要(2015-2020年)》的领域评估"))
            }
            Some(y) => {
                (Edition::Outline2021, format!("报告年度为{y}年，按《法治政府建设实施纲要(2021-2025年)》的领域评估"))
            }
            None if crate::text::contains(text, "守法诚信") && !crate::text::contains(text, "人民满意") => (
                Edition::Outline2015,
                "未能确定报告年度；文中目标表述为“守法诚信”（2015年纲要），按2015—2020年纲要评估".into(),
            ),
            None => (Edition::Outline2021, "未能确定报告年度，按现行《法治政府建设实施纲要(2021-2025年)》评估".into()),
        }
    }
}

impl Checklist {
    /// The built-in checklist of the current 纲要, parsed once.
    pub fn builtin() -> Checklist {
        Checklist::builtin_for(Edition::Outline2021)
    }

    /// The built-in checklist of an edition, parsed once.
    pub fn builtin_for(edition: Edition) -> Checklist {
        static C2021: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
        static C2015: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
        let (cell, json) = match edition {
            Edition::Outline2021 => (&C2021, DEFAULT_2021),
            Edition::Outline2015 => (&C2015, DEFAULT_2015),
        };
        cell.get_or_init(|| Checklist::from_json(json).expect("the built-in checklists are validated by a unit test"))
            .clone()
    }

    /// Parse and validate a checklist file; errors name the item and the field.
    pub fn from_json(json: &str) -> Result<Checklist, Error> {
        let value = crate::json::parse(json.strip_prefix('\u{feff}').unwrap_or(json))
            .map_err(|e| Error::Checklist(format!("not JSON: {e}")))?;
        let list = Checklist::read(&value).map_err(Error::Checklist)?;
        list.validate()?;
        Ok(list)
    }

    /// A checklist from a parsed JSON value (validated by the caller).
    pub fn read(value: &Json) -> Result<Checklist, String> {
        let r = Record::new(value, "the checklist".into(), &CHECKLIST_FIELDS)?;
        let items = r.required("items", Record::list)?;
        Ok(Checklist {
            id: r.required("id", Record::string)?,
            name: r.required("name", Record::string)?,
            description: r.string("description")?,
            items: items.iter().enumerate().map(|(n, v)| Item::read(v, n + 1)).collect::<Result<_, _>>()?,
        })
    }

    pub fn validate(&self) -> Result<(), Error> {
        let err = |m: String| Err(Error::Checklist(m));
        if self.id.trim().is_empty() {
            return err("field \"id\" of the checklist is empty".into());
        }
        if self.items.is_empty() {
            return err("field \"items\" is empty".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (n, item) in self.items.iter().enumerate() {
            let who = if item.id.is_empty() { format!("item #{}", n + 1) } else { format!("item \"{}\"", item.id) };
            if item.id.trim().is_empty() {
                return err(format!("{who}: field \"id\" is empty"));
            }
            if !seen.insert(item.id.as_str()) {
                return err(format!("{who}: field \"id\" repeats an earlier item's id"));
            }
            if item.name.trim().is_empty() {
                return err(format!("{who}: field \"name\" is empty"));
            }
            if item.min_hits == 0 {
                return err(format!("{who}: field \"min_hits\" must be at least 1"));
            }
            if let Some(parent) = &item.parent {
                match self.items[..n].iter().find(|i| &i.id == parent) {
                    None => {
                        return err(format!("{who}: field \"parent\" names {parent:?}, which is not an earlier item"))
                    }
                    Some(p) if p.parent.is_some() => {
                        return err(format!("{who}: field \"parent\" names {parent:?}, which is itself a sub-item"))
                    }
                    _ => {}
                }
            }
            let has_children = self.items.iter().any(|i| i.parent.as_deref() == Some(item.id.as_str()));
            match &item.part {
                Some(p) if !PART_IDS.contains(&p.as_str()) => {
                    return err(format!("{who}: field \"part\" is {p:?}; expected one of {}", PART_IDS.join(", ")))
                }
                None if item.cues.is_empty() && item.applicable && !has_children => {
                    return err(format!("{who}: field \"cues\" is empty (and no \"part\")"))
                }
                _ => {}
            }
            let all = item
                .cues
                .iter()
                .map(|c| ("cues", c))
                .chain(item.heading_cues.iter().flatten().map(|c| ("heading_cues", c)));
            for (field, cue) in all {
                if cue.trim().is_empty() {
                    return err(format!("{who}: field \"{field}\" has an empty cue"));
                }
                if let Some(pattern) = cue.strip_prefix("re:") {
                    if let Err(e) = regex_lite::Regex::new(pattern) {
                        return err(format!(
                            "{who}: field \"{field}\": cue {cue:?} is not a valid regular expression: {e}"
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_with_every_part_and_ten_areas() {
        for json in [DEFAULT_2021, DEFAULT_2015] {
            let c = Checklist::from_json(json).unwrap();
            for p in PART_IDS {
                assert!(c.items.iter().any(|i| i.part.as_deref() == Some(p)), "{p}");
            }
            let areas: Vec<&str> = c.items.iter().filter(|i| i.group == "areas").map(|i| i.id.as_str()).collect();
            assert_eq!(areas, ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"], "{}", c.id);
            assert!(c.items.iter().filter(|i| i.part.is_none() && i.applicable).all(|i| !i.cues.is_empty()));
        }
        // The 2021 areas carry the 纲要's 32 named sub-items (四)–(三十五).
        let c = Checklist::from_json(DEFAULT_2021).unwrap();
        assert_eq!(c.items.iter().filter(|i| i.parent.is_some()).count(), 32);
        // 2015: A1, A6 and A9 have no counterpart.
        let c = Checklist::from_json(DEFAULT_2015).unwrap();
        let na: Vec<&str> = c.items.iter().filter(|i| !i.applicable).map(|i| i.id.as_str()).collect();
        assert_eq!(na, ["A1", "A6", "A9"]);
    }

    #[test]
    fn edition_by_year_or_goal_formula() {
        assert_eq!(Edition::choose(Some(2020), "").0, Edition::Outline2015);
        assert_eq!(Edition::choose(Some(2021), "").0, Edition::Outline2021);
        assert_eq!(
            Edition::choose(None, "建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信的法治政府").0,
            Edition::Outline2015
        );
        assert_eq!(Edition::choose(None, "智能高效、廉洁诚信、人民满意").0, Edition::Outline2021);
    }

    #[track_caller]
    fn rejects(json: &str, says: &str) {
        let e = Checklist::from_json(json).unwrap_err().to_string();
        assert!(e.contains(says), "{e}");
    }

    #[test]
    fn malformed_checklists_name_the_item_and_field() {
        rejects(r#"{"id":"x","name":"x","items":[{"id":"K1","name":"a","cues":[]}]}"#, "item \"K1\": field \"cues\"");
        rejects(
            r#"{"id":"x","name":"x","items":[{"id":"K1","name":"a","cues":["re:(("]}]}"#,
            "item \"K1\": field \"cues\"",
        );
        rejects(
            r#"{"id":"x","name":"x","items":[{"id":"K1","name":"a","cues":["a"]},{"id":"K1","name":"b","cues":["b"]}]}"#,
            "repeats",
        );
        rejects(r#"{"id":"x","name":"x","items":[{"id":"K1","name":"a","part":"R9"}]}"#, "field \"part\"");
        rejects(r#"{"id":"x","name":"x","items":[{"id":"K1","name":"a","cue":["a"]}]}"#, "unknown field `cue`");
        rejects(r#"{"id":"x","name":"x","items":[{"id":"K1","name":"","cues":["a"]}]}"#, "field \"name\"");
        rejects(
            r#"{"id":"x","name":"x","items":[{"id":"K1","name":"a","cues":["a"],"parent":"K9"}]}"#,
            "field \"parent\"",
        );
    }
}
