//! Options of one analysis: the same struct for the CLI and for the JS object handed to `analyze`.

use crate::checklist::Checklist;
use crate::error::Error;
use crate::json::Record;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A checklist to apply instead of the built-in one (the format of `data/checklist-default.json`).
    pub checklist: Option<Checklist>,
    /// Name of the input (a path or a file name), copied to the result's `source`.
    pub source: Option<String>,
    /// The report year, when the caller knows it better than the text says.
    pub year: Option<i32>,
}

/// The fields of the options object, in the order error messages list them.
const OPTION_FIELDS: [&str; 3] = ["checklist", "source", "year"];

impl Options {
    /// Options from JSON text (the JS boundary hands `JSON.stringify(options)`): unknown fields are
    /// refused, so that a typo (`checklst`) is an error rather than silently ignored.
    pub fn from_json(json: &str) -> Result<Options, Error> {
        let value = crate::json::parse(json).map_err(|e| Error::Options(e.to_string()))?;
        let r = Record::new(&value, "the options".into(), &OPTION_FIELDS).map_err(Error::Options)?;
        // Validated by the analysis itself (as every checklist handed in is), not twice.
        let checklist = r.get("checklist").map(Checklist::read).transpose().map_err(Error::Checklist)?;
        let year = match r.integer("year").map_err(Error::Options)? {
            None => None,
            Some(y) => Some(
                i32::try_from(y)
                    .ok()
                    .filter(|y| (1949..=2200).contains(y))
                    .ok_or_else(|| Error::Options(format!("field \"year\" is {y}; expected a year such as 2023")))?,
            ),
        };
        Ok(Options { checklist, source: r.string("source").map_err(Error::Options)?, year })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fields_and_refuses_unknown_ones_and_wrong_types() {
        let o = Options::from_json(r#"{"source": "a.txt", "year": 2023}"#).unwrap();
        assert_eq!((o.source.as_deref(), o.year, o.checklist.is_none()), (Some("a.txt"), Some(2023), true));
        let o = Options::from_json(r#"{"source": null}"#).unwrap();
        assert_eq!(o.source, None);
        let e = Options::from_json(r#"{"checklst": {}}"#).unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid options: the options: unknown field `checklst`, expected one of checklist, source, year"
        );
        let e = Options::from_json(r#"{"year": "2023"}"#).unwrap_err().to_string();
        assert!(e.contains("field \"year\" must be a whole number, not a string"), "{e}");
        let e = Options::from_json(r#"{"year": 20230}"#).unwrap_err().to_string();
        assert!(e.contains("expected a year"), "{e}");
        assert!(Options::from_json("[]").is_err());
    }

    #[test]
    fn a_checklist_in_the_options_is_read_and_validated() {
        let o = Options::from_json(
            r#"{"checklist": {"id": "c", "name": "n", "items": [{"id": "K1", "name": "a", "cues": ["x"]}]}}"#,
        )
        .unwrap();
        let c = o.checklist.unwrap();
        assert_eq!((c.items[0].min_hits, c.items[0].group.as_str(), c.items[0].scored), (2, "items", true));
        let e = Options::from_json(r#"{"checklist": {"id": "c", "name": "n", "items": [{"id": "K1", "cues": []}]}}"#)
            .unwrap_err()
            .to_string();
        assert_eq!(e, "invalid checklist: item \"K1\": missing field \"name\"");
        // A checklist that reads but is not valid is refused by the analysis.
        let o = Options::from_json(r#"{"checklist": {"id": "c", "name": "n", "items": [{"id": "K1", "name": "a"}]}}"#)
            .unwrap();
        let e = crate::analyze("一、总体情况", &o).unwrap_err().to_string();
        assert!(e.starts_with("invalid checklist: item \"K1\": field \"cues\""), "{e}");
    }
}
