//! The 通报 of a batch: a ranking table, the problems common to many reports with their counts, and
//! the units that published late, left the date out or miss a required part. Built from the rows of the
//! comparison table alone (`crate::compare::row`, cells in `columns()` order), which is all the page
//! keeps of a report in a batch; the CLI builds it from the same rows, so both write the same 通报.

use serde::{Deserialize, Serialize};

use super::wording::{fill, w};
use super::{percent, MemoOptions};
use crate::compare::{column_names, columns, Cell};
use crate::error::Error;
use crate::export::format_number;

/// A dimension earning less than this share of its points counts as a common weakness.
const WEAK: f64 = 0.6;
/// The points of the dimensions the 通报 counts weaknesses of (`src/score.rs`; a test checks them).
pub const DIMENSION_MAX: [(&str, f64); 4] = [("S2", 25.0), ("S3", 15.0), ("S4", 10.0), ("S5", 10.0)];
/// Report years before this did not have to give R3 or the causes.
const FIRST_REQUIRED_YEAR: f64 = 2019.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rank {
    pub rank: usize,
    pub unit: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    pub score: f64,
    /// S1–S6, as the comparison row has them.
    pub dimensions: Vec<Option<f64>>,
    /// `按时`, `逾期` or none.
    #[serde(default)]
    pub timely: Option<String>,
    /// The required contents missing (their names).
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Common {
    /// `R3_missing`, `R2C_missing`, `late`, `undated`, `defects`, `S2`…
    pub id: String,
    pub label: String,
    pub count: usize,
    /// Of the scored reports (0–1).
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Missing {
    pub unit: String,
    pub parts: Vec<String>,
}

/// The 通报 as data (what `memo --summary --format json` writes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bulletin {
    pub title: String,
    pub opening: String,
    /// 一、总体情况.
    pub overview: String,
    /// Scored reports, best first (ties in input order).
    pub ranking: Vec<Rank>,
    /// Problems and how many scored reports have each, most frequent first.
    pub common: Vec<Common>,
    /// Units that published late (with the date), left the date out, miss a required content.
    pub late: Vec<String>,
    pub undated: Vec<String>,
    pub missing: Vec<Missing>,
    /// Documents of the batch that are not reports (not ranked).
    pub not_reports: Vec<String>,
    pub request: String,
    #[serde(default)]
    pub office: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    pub days: u32,
}

/// The columns a 通报 reads, by id.
struct Cols {
    at: Vec<String>,
}

impl Cols {
    fn new() -> Self {
        Cols { at: columns() }
    }
    fn idx(&self, id: &str) -> usize {
        self.at.iter().position(|c| c == id).expect("a column of compare::columns()")
    }
    fn text<'r>(&self, row: &'r [Cell], id: &str) -> Option<&'r str> {
        match row.get(self.idx(id)) {
            Some(Cell::Text(s)) if !s.is_empty() => Some(s),
            _ => None,
        }
    }
    fn number(&self, row: &[Cell], id: &str) -> Option<f64> {
        row.get(self.idx(id)).and_then(Cell::as_number)
    }
}

/// How a unit is named: its issuer, else the title, else the file name.
fn unit(c: &Cols, row: &[Cell]) -> String {
    c.text(row, "issuer")
        .or_else(|| c.text(row, "title"))
        .map(str::to_string)
        .or_else(|| c.text(row, "source").map(|s| s.rsplit(['/', '\\']).next().unwrap_or(s).to_string()))
        .unwrap_or_else(|| "（未署名）".into())
}

const PARTS: [&str; 5] = ["R1", "R2", "R2C", "R3", "R4"];

fn part_label(id: &str) -> &'static str {
    match id {
        "R1" => w("part.R1"),
        "R2" => w("part.R2"),
        "R2C" => w("part.R2C"),
        "R3" => w("part.R3_short"),
        _ => w("part.R4"),
    }
}

/// What a row shows of a report's problems (ids of [`Common`]).
fn findings(c: &Cols, row: &[Cell]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let lenient = c.number(row, "year").is_some_and(|y| y < FIRST_REQUIRED_YEAR);
    for id in PARTS {
        if lenient && matches!(id, "R2C" | "R3") {
            continue;
        }
        match (id, c.text(row, id)) {
            ("R1", Some("缺")) => out.push("R1_missing"),
            ("R2", Some("缺")) => out.push("R2_missing"),
            ("R2", Some("正文")) => out.push("R2_body"),
            ("R2C", Some("缺")) => out.push("R2C_missing"),
            ("R3", Some("缺")) => out.push("R3_missing"),
            ("R3", Some("正文")) => out.push("R3_body"),
            ("R4", Some("缺")) => out.push("R4_missing"),
            ("R4", Some("正文")) => out.push("R4_body"),
            _ => {}
        }
    }
    match c.text(row, "timely") {
        Some("逾期") => out.push("late"),
        None if c.text(row, "signed").is_none() && c.text(row, "published").is_none() => out.push("undated"),
        _ => {}
    }
    if c.number(row, "defects").is_some_and(|n| n > 0.0) {
        out.push("defects");
    }
    for (dim, max) in DIMENSION_MAX {
        if c.number(row, dim).is_some_and(|s| s < WEAK * max) {
            out.push(match dim {
                "S2" => "S2",
                "S3" => "S3",
                "S4" => "S4",
                _ => "S5",
            });
        }
    }
    out
}

fn finding_label(id: &str) -> &'static str {
    match id {
        "R1_missing" => w("common.R1_missing"),
        "R2_missing" => w("common.R2_missing"),
        "R2_body" => w("common.R2_body"),
        "R2C_missing" => w("common.R2C_missing"),
        "R3_missing" => w("common.R3_missing"),
        "R3_body" => w("common.R3_body"),
        "R4_missing" => w("common.R4_missing"),
        "R4_body" => w("common.R4_body"),
        "late" => w("common.late"),
        "undated" => w("common.undated"),
        "defects" => w("common.defects"),
        "S2" => w("common.S2"),
        "S3" => w("common.S3"),
        "S4" => w("common.S4"),
        _ => w("common.S5"),
    }
}

/// The 通报 of the reports whose comparison rows are `rows` (office, days and date from `options`).
pub fn bulletin(rows: &[Vec<Cell>], options: &MemoOptions) -> Result<Bulletin, Error> {
    let c = Cols::new();
    if let Some(i) = rows.iter().position(|r| r.len() != c.at.len()) {
        return Err(Error::Options(format!("row {i} has {} cells, {} expected", rows[i].len(), c.at.len())));
    }
    let scored: Vec<(usize, &Vec<Cell>, f64)> =
        rows.iter().enumerate().filter_map(|(i, r)| c.number(r, "score").map(|s| (i, r, s))).collect();
    let not_reports: Vec<String> = rows
        .iter()
        .filter(|r| c.number(r, "score").is_none())
        // A document that is not a report is named by what it is (its title), else by its unit.
        .map(|r| c.text(r, "title").map_or_else(|| unit(&c, r), str::to_string))
        .collect();

    // The ranking: best first, ties in input order.
    let mut order: Vec<&(usize, &Vec<Cell>, f64)> = scored.iter().collect();
    order.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let ranking: Vec<Rank> = order
        .iter()
        .enumerate()
        .map(|(k, (_, r, score))| Rank {
            rank: k + 1,
            unit: unit(&c, r),
            title: c.text(r, "title").map(str::to_string),
            year: c.number(r, "year").map(|y| y as i32),
            score: *score,
            dimensions: ["S1", "S2", "S3", "S4", "S5", "S6"].iter().map(|d| c.number(r, d)).collect(),
            timely: c.text(r, "timely").map(str::to_string),
            missing: missing_parts(&c, r),
        })
        .collect();

    // Problems common to the reports.
    let n = scored.len();
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for (_, r, _) in &scored {
        for id in findings(&c, r) {
            match counts.iter_mut().find(|(k, _)| *k == id) {
                Some(e) => e.1 += 1,
                None => counts.push((id, 1)),
            }
        }
    }
    let floor = if n >= 2 { 2 } else { 1 };
    counts.retain(|&(_, k)| k >= floor);
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let common: Vec<Common> = counts
        .iter()
        .map(|&(id, k)| Common {
            id: id.into(),
            label: finding_label(id).into(),
            count: k,
            share: k as f64 / n.max(1) as f64,
        })
        .collect();

    let late: Vec<String> = scored
        .iter()
        .filter(|(_, r, _)| c.text(r, "timely") == Some("逾期"))
        .map(|(_, r, _)| {
            let date = c.text(r, "signed").or_else(|| c.text(r, "published")).map(super::cn_date).unwrap_or_default();
            format!("{}（{date}）", unit(&c, r))
        })
        .collect();
    let undated: Vec<String> =
        scored.iter().filter(|(_, r, _)| findings(&c, r).contains(&"undated")).map(|(_, r, _)| unit(&c, r)).collect();
    let missing: Vec<Missing> = scored
        .iter()
        .map(|(_, r, _)| Missing { unit: unit(&c, r), parts: missing_parts(&c, r) })
        .filter(|m| !m.parts.is_empty())
        .collect();

    // 一、总体情况.
    let mut overview = String::new();
    if let (Some(best), Some(worst)) = (ranking.first(), ranking.last()) {
        let avg = scored.iter().map(|s| s.2).sum::<f64>() / n as f64;
        overview.push_str(&fill(
            "bulletin.overall",
            &[
                ("n", &n.to_string()),
                ("avg", &crate::export::decimal(avg, 1)),
                ("max", &format_number(best.score)),
                ("best", &best.unit),
                ("min", &format_number(worst.score)),
                ("worst", &worst.unit),
            ],
        ));
        let on_time = scored.iter().filter(|(_, r, _)| c.text(r, "timely") == Some("按时")).count();
        overview.push_str(&fill(
            "bulletin.timely",
            &[
                ("on_time", &on_time.to_string()),
                ("late", &late.len().to_string()),
                ("undated", &undated.len().to_string()),
            ],
        ));
        overview.push_str(&fill(
            "bulletin.complete",
            &[("complete", &(n - missing.len()).to_string()), ("incomplete", &missing.len().to_string())],
        ));
    }
    if !not_reports.is_empty() {
        overview.push_str(&fill(
            "bulletin.not_reports",
            &[("n", &not_reports.len().to_string()), ("names", &not_reports.join("、"))],
        ));
    }

    let office = options.office_name();
    let year = common_year(&c, rows);
    let title = match year {
        Some(y) => fill("bulletin.title", &[("year", &y.to_string())]),
        None => w("bulletin.title_any").into(),
    };
    Ok(Bulletin {
        title,
        opening: fill("bulletin.opening", &[("office", &office), ("n", &rows.len().to_string())]),
        overview,
        ranking,
        common,
        late,
        undated,
        missing,
        not_reports,
        request: fill("bulletin.request", &[("days", &options.days().to_string()), ("office", &office)]),
        office: options.office.clone().filter(|o| !o.trim().is_empty()),
        date: options.date.clone(),
        days: options.days(),
    })
}

fn missing_parts(c: &Cols, row: &[Cell]) -> Vec<String> {
    let lenient = c.number(row, "year").is_some_and(|y| y < FIRST_REQUIRED_YEAR);
    PARTS
        .iter()
        .filter(|id| !(lenient && matches!(**id, "R2C" | "R3")))
        .filter(|id| c.text(row, id) == Some("缺"))
        .map(|id| part_label(id).to_string())
        .collect()
}

/// The report year most rows share (the latest of equally common ones).
fn common_year(c: &Cols, rows: &[Vec<Cell>]) -> Option<i32> {
    let mut years: Vec<(i32, usize)> = Vec::new();
    for y in rows.iter().filter_map(|r| c.number(r, "year")) {
        let y = y as i32;
        match years.iter_mut().find(|(k, _)| *k == y) {
            Some(e) => e.1 += 1,
            None => years.push((y, 1)),
        }
    }
    years.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0))).map(|(y, _)| y)
}

impl Bulletin {
    /// The ranking table's header (the dimension names as the comparison table shows them).
    pub fn ranking_header(&self) -> Vec<String> {
        let names = column_names();
        let ids = columns();
        let name = |id: &str| ids.iter().position(|c| c == id).map(|i| names[i].clone()).unwrap_or_default();
        let mut h = vec![w("col.rank").to_string(), w("col.unit").to_string(), w("col.score").to_string()];
        h.extend(["S1", "S2", "S3", "S4", "S5", "S6"].iter().map(|d| name(d)));
        h.push(w("col.timely").into());
        h.push(w("col.missing").into());
        h
    }

    /// The ranking table's rows as text.
    pub fn ranking_rows(&self) -> Vec<Vec<String>> {
        self.ranking
            .iter()
            .map(|r| {
                let mut v = vec![r.rank.to_string(), r.unit.clone(), format_number(r.score)];
                v.extend(r.dimensions.iter().map(|d| d.map(format_number).unwrap_or_default()));
                v.push(r.timely.clone().unwrap_or_default());
                v.push(r.missing.join("、"));
                v
            })
            .collect()
    }

    /// 三、共性问题, a line each.
    pub fn common_lines(&self) -> Vec<String> {
        if self.common.is_empty() {
            return vec![w("bulletin.common_none").into()];
        }
        self.common
            .iter()
            .map(|k| {
                fill(
                    "bulletin.common_line",
                    &[("label", &k.label), ("count", &k.count.to_string()), ("share", &percent(k.share))],
                )
            })
            .collect()
    }

    /// 四、需重点关注的单位, a line each.
    pub fn focus_lines(&self) -> Vec<String> {
        let none = || w("bulletin.focus_none").to_string();
        let or_none = |v: &[String]| if v.is_empty() { none() } else { v.join("、") };
        let missing: Vec<String> =
            self.missing.iter().map(|m| format!("{}（{}）", m.unit, m.parts.join("、"))).collect();
        vec![
            fill("bulletin.focus_late", &[("names", &or_none(&self.late))]),
            fill("bulletin.focus_undated", &[("names", &or_none(&self.undated))]),
            fill("bulletin.focus_missing", &[("names", &or_none(&missing))]),
        ]
    }
}
