//! The objects JavaScript hands the similar module (through `JSON.stringify`), read with the crate's
//! own JSON reader ([`crate::json`]): unknown fields are refused and the field at fault is named.

use super::{Info, Params, DEFAULT_BOILERPLATE};
use crate::json::Record;

/// What a comparison is asked for: the boilerplate limit, the share a pair must reach to be listed, and
/// the pairs a reviewer dismissed (left out of the reports' measures).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub params: Params,
    pub min_share: f64,
    pub dismissed: Vec<(usize, usize)>,
}

/// Pairs listed by default: every pair with a counted passage (the page sorts and filters them).
pub const DEFAULT_MIN_SHARE: f64 = 0.0;

impl Default for Settings {
    fn default() -> Self {
        Settings { params: Params::default(), min_share: DEFAULT_MIN_SHARE, dismissed: Vec::new() }
    }
}

/// `{boilerplate?, min_share?, dismissed?}`; `None` (undefined or null) for the defaults.
pub fn settings(json: Option<&str>) -> Result<Settings, String> {
    let Some(json) = json else { return Ok(Settings::default()) };
    let value = crate::json::parse(json).map_err(|e| format!("invalid options: {e}"))?;
    let r = Record::new(&value, "the options".into(), &["boilerplate", "min_share", "dismissed"])?;
    let boilerplate = match r.integer("boilerplate")? {
        None => DEFAULT_BOILERPLATE,
        Some(n) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
        Some(n) => {
            return Err(format!("the options: field \"boilerplate\" is {n}; expected a number of reports, 1 or more"))
        }
    };
    let min_share = match r.get("min_share") {
        None => DEFAULT_MIN_SHARE,
        Some(crate::json::Json::Number(n)) => match n.parse::<f64>() {
            Ok(f) if (0.0..=1.0).contains(&f) => f,
            _ => return Err(format!("the options: field \"min_share\" is {n}; expected a share between 0 and 1")),
        },
        Some(_) => return Err("the options: field \"min_share\" must be a number between 0 and 1".into()),
    };
    let index = |v: &crate::json::Json| match v {
        crate::json::Json::Number(n) => n.parse::<usize>().ok(),
        _ => None,
    };
    let dismissed = r
        .list("dismissed")?
        .unwrap_or_default()
        .iter()
        .map(|pair| match pair {
            crate::json::Json::Array(two) if two.len() == 2 => index(&two[0]).zip(index(&two[1])),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("the options: field \"dismissed\" must be a list of pairs of report indices, [[0, 3], …]")?;
    Ok(Settings { params: Params { boilerplate }, min_share, dismissed })
}

/// `{source?, issuer?, year?, previous?}` of one report; `None` for nothing known.
pub fn info(json: Option<&str>) -> Result<Info, String> {
    let Some(json) = json else { return Ok(Info::default()) };
    let value = crate::json::parse(json).map_err(|e| format!("invalid report information: {e}"))?;
    info_of(&Record::new(&value, "the report information".into(), &["source", "issuer", "year", "previous"])?)
}

/// The fields of a report's information in a record that may hold others (`text`).
pub fn info_of(r: &Record) -> Result<Info, String> {
    let year = match r.integer("year")? {
        None => None,
        Some(y) => Some(
            i32::try_from(y)
                .ok()
                .filter(|y| (1949..=2200).contains(y))
                .ok_or_else(|| format!("{}: field \"year\" is {y}; expected a year such as 2023", r.who()))?,
        ),
    };
    Ok(Info {
        source: r.string("source")?,
        issuer: r.string("issuer")?.filter(|s| !s.trim().is_empty()),
        year,
        previous: r.boolean("previous")?.unwrap_or(false),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_their_errors() {
        assert_eq!(settings(None).unwrap(), Settings::default());
        let s = settings(Some(r#"{"boilerplate": 3, "min_share": 0.25, "dismissed": [[0, 3], [2, 1]]}"#)).unwrap();
        assert_eq!((s.params.boilerplate, s.min_share, s.dismissed), (3, 0.25, vec![(0, 3), (2, 1)]));
        assert_eq!(settings(Some(r#"{"min_share": null}"#)).unwrap(), Settings::default());
        for (bad, says) in [
            (r#"{"boilerplat": 3}"#, "unknown field `boilerplat`"),
            (r#"{"boilerplate": 0}"#, "1 or more"),
            (r#"{"boilerplate": 2.5}"#, "whole number"),
            (r#"{"min_share": 5}"#, "between 0 and 1"),
            (r#"{"min_share": "0.1"}"#, "must be a number"),
            ("[]", "must be an object"),
            ("{", "invalid options"),
            (r#"{"dismissed": [[0]]}"#, "pairs of report indices"),
            (r#"{"dismissed": [[0, -1]]}"#, "pairs of report indices"),
        ] {
            let e = settings(Some(bad)).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

    #[test]
    fn report_information_and_its_errors() {
        let i =
            info(Some(r#"{"source": "a.txt", "issuer": "榆树市人民政府", "year": 2022, "previous": true}"#)).unwrap();
        assert_eq!(
            i,
            Info {
                source: Some("a.txt".into()),
                issuer: Some("榆树市人民政府".into()),
                year: Some(2022),
                previous: true
            }
        );
        assert_eq!(info(Some(r#"{"issuer": null, "year": null}"#)).unwrap(), Info::default());
        assert!(info(Some(r#"{"year": 20220}"#)).unwrap_err().contains("expected a year"));
        assert!(info(Some(r#"{"previous": 1}"#)).unwrap_err().contains("true or false"));
        assert!(info(Some(r#"{"text": "x"}"#)).unwrap_err().contains("unknown field `text`"));
    }
}
