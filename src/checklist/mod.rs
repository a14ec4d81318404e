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

mod apply;

pub use apply::apply;

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub name: String,
    #[serde(default = "default_group")]
    pub group: String,
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub heading_cues: Option<Vec<String>>,
    #[serde(default = "default_min_hits")]
    pub min_hits: usize,
    #[serde(default = "default_true")]
    pub scored: bool,
    #[serde(default)]
    pub part: Option<String>,
}

fn default_group() -> String {
    "items".into()
}
fn default_min_hits() -> usize {
    2
}
fn default_true() -> bool {
    true
}

pub const PART_IDS: [&str; 6] = ["R1", "R2", "R2-causes", "R3", "R4", "R5"];

const DEFAULT_2021: &str = include_str!("../../data/checklists/default-2021.json");

impl Checklist {
    /// The built-in checklist, parsed once.
    pub fn builtin() -> Checklist {
        static CELL: std::sync::OnceLock<Checklist> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            Checklist::from_json(DEFAULT_2021).expect("the built-in checklist is validated by a unit test")
        })
        .clone()
    }

    /// Parse and validate a checklist file; errors name the item and the field.
    pub fn from_json(json: &str) -> Result<Checklist, Error> {
        let list: Checklist = serde_json::from_str(json)
            .map_err(|e| Error::Checklist(format!("{e} (line {}, column {})", e.line(), e.column())))?;
        list.validate()?;
        Ok(list)
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
            match &item.part {
                Some(p) if !PART_IDS.contains(&p.as_str()) => {
                    return err(format!("{who}: field \"part\" is {p:?}; expected one of {}", PART_IDS.join(", ")))
                }
                None if item.cues.is_empty() => {
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
    fn builtin_is_valid_with_every_part_and_ten_areas() {
        let c = Checklist::from_json(DEFAULT_2021).unwrap();
        for p in PART_IDS {
            assert!(c.items.iter().any(|i| i.part.as_deref() == Some(p)), "{p}");
        }
        let areas: Vec<&str> = c.items.iter().filter(|i| i.group == "areas").map(|i| i.id.as_str()).collect();
        assert_eq!(areas, ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"]);
        assert!(c.items.iter().filter(|i| i.part.is_none()).all(|i| !i.cues.is_empty()));
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
    }
}
