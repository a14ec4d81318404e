//! Comparison of many reports: one row per report (meta, score, parts present, key indicators), and the
//! year-over-year change of the same issuer. Shared by the CLI's `compare` and the page's table.

use crate::model::{Analysis, FigureKind, Part, Status};

/// Indicator families (`data/figures/families.tsv`), in the order their columns appear.
pub const FAMILIES: [(&str, &str); 15] = [
    ("reconsideration", "行政复议"),
    ("litigation", "行政诉讼"),
    ("court_appearance", "出庭应诉"),
    ("normative_docs", "规范性文件"),
    ("major_decisions", "重大行政决策"),
    ("legality_review", "合法性审查"),
    ("legal_counsel", "法律顾问"),
    ("enforcement", "行政执法"),
    ("gov_services", "政务服务"),
    ("disclosure", "政务公开"),
    ("hotline_petitions", "热线与信访"),
    ("mediation", "调解"),
    ("training", "学法培训"),
    ("publicity", "普法"),
    ("inspection", "督察考核"),
];

/// The fixed columns of the comparison table: id and Chinese name, in order (the indicator columns of
/// [`FAMILIES`] follow).
const FIXED_COLUMNS: [(&str, &str); 24] = [
    ("source", "来源"),
    ("title", "标题"),
    ("issuer", "发文机关"),
    ("year", "年度"),
    ("level", "层级"),
    ("kind", "文种"),
    ("published", "发布日期"),
    ("signed", "落款日期"),
    ("timely", "时效"),
    ("score", "总分"),
    ("S1", "结构"),
    ("S2", "领域"),
    ("S3", "数据"),
    ("S4", "问题"),
    ("S5", "安排"),
    ("S6", "形式"),
    ("R1", "举措成效"),
    ("R2", "不足"),
    ("R2C", "原因"),
    ("R3", "第一责任人"),
    ("R4", "下年安排"),
    ("areas_covered", "领域覆盖"),
    ("figures", "数据个数"),
    ("defects", "编号问题"),
];

/// Columns of the comparison table, in order.
pub fn columns() -> Vec<String> {
    let mut c: Vec<String> = FIXED_COLUMNS.iter().map(|(id, _)| id.to_string()).collect();
    for (id, _) in FAMILIES {
        c.push(format!("{id}_count"));
        c.push(format!("{id}_rate"));
    }
    c
}

/// Human names of the columns (Chinese), for the page and Markdown.
pub fn column_names() -> Vec<String> {
    let mut c: Vec<String> = FIXED_COLUMNS.iter().map(|(_, name)| name.to_string()).collect();
    for (_, name) in FAMILIES {
        c.push(format!("{name}（数量）"));
        c.push(format!("{name}（比率%）"));
    }
    c
}

/// A cell: text, number or nothing (`null` in JSON).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// By the JSON value's own type (serde's derived untagged reader buffers every value and tries each
/// variant in turn: 4× slower on the page's 1,000 rows).
impl<'de> serde::Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, a number or null")
            }
            fn visit_str<E>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Cell, E> {
                Ok(Cell::Text(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Number(v as f64))
            }
            fn visit_unit<E>(self) -> Result<Cell, E> {
                Ok(Cell::Empty)
            }
            fn visit_none<E>(self) -> Result<Cell, E> {
                Ok(Cell::Empty)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl Cell {
    fn text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Cell::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The cell as CSV/Markdown text.
    pub fn render(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => crate::export::format_number(*n),
            Cell::Empty => String::new(),
        }
    }
}

/// `heading`, `body` or `missing` for a required part (`n/a` when not applicable).
fn part_cell(a: &Analysis, id: &str) -> Cell {
    let item = a.checklist.items.iter().find(|i| i.id == id);
    Cell::Text(
        match item.map(|i| (i.status, i.evidence.iter().any(|e| e.heading))) {
            Some((Status::Covered, true)) => "标题",
            Some((Status::Covered | Status::Mentioned, _)) => "正文",
            Some((Status::NotApplicable, _)) => "不适用",
            Some((Status::Missing, _)) => "缺",
            None => "",
        }
        .to_string(),
    )
}

/// One row of the comparison table, in [`columns`] order.
pub fn row(a: &Analysis) -> Vec<Cell> {
    let m = &a.meta;
    let mut r = vec![
        Cell::text(a.source.as_deref()),
        Cell::text(m.title.as_deref()),
        Cell::text(m.issuer.as_deref()),
        m.year.map_or(Cell::Empty, |y| Cell::Number(y as f64)),
        Cell::Text(m.level.as_str().into()),
        Cell::Text(m.kind.as_str().into()),
        Cell::text(m.published.as_deref()),
        Cell::text(m.signed.as_deref()),
        // Timeliness is judged for reports only (a document that is not one has no deadline).
        match (&a.score, crate::score::timeliness(m)) {
            (Some(_), Some((_, _, on_time))) => Cell::Text(if on_time { "按时" } else { "逾期" }.into()),
            _ => Cell::Empty,
        },
        a.score.as_ref().map_or(Cell::Empty, |s| Cell::Number(s.total)),
    ];
    for k in 0..6 {
        r.push(a.score.as_ref().and_then(|s| s.dimensions.get(k)).map_or(Cell::Empty, |d| Cell::Number(d.score)));
    }
    for id in ["R1", "R2", "R2C", "R3", "R4"] {
        r.push(part_cell(a, id));
    }
    let areas = a.checklist.items.iter().filter(|i| i.group == "areas" && i.parent.is_none());
    let (covered, total) = areas.fold((0, 0), |(c, t), i| match i.status {
        Status::NotApplicable => (c, t),
        Status::Covered => (c + 1, t + 1),
        _ => (c, t + 1),
    });
    r.push(Cell::Text(format!("{covered}/{total}")));
    r.push(Cell::Number(a.figures.len() as f64));
    r.push(Cell::Number(a.defects.len() as f64));
    for (family, _) in FAMILIES {
        let of = |kind: FigureKind| {
            a.figures.iter().find(|f| f.family.as_deref() == Some(family) && f.kind == kind).map(|f| f.value)
        };
        r.push(of(FigureKind::Count).map_or(Cell::Empty, Cell::Number));
        r.push(of(FigureKind::Percent).map_or(Cell::Empty, Cell::Number));
    }
    let _ = Part::R1;
    r
}

/// Year-over-year change columns: for each row, the previous report of the same issuer (the latest
/// earlier year; of several with that year, the last in input order) and the change of the score and of
/// each numeric indicator. Rows without such a predecessor get empty cells. O(n log n): rows are grouped
/// by issuer and each group sorted by year once.
pub fn year_over_year(rows: &[Vec<Cell>]) -> (Vec<String>, Vec<Vec<Cell>>) {
    let cols = columns();
    let at = |name: &str| cols.iter().position(|c| c == name).expect("a known column");
    let (issuer, year) = (at("issuer"), at("year"));
    let numeric: Vec<usize> = std::iter::once(at("score"))
        .chain(cols.iter().enumerate().filter(|(_, c)| c.ends_with("_count") || c.ends_with("_rate")).map(|(i, _)| i))
        .collect();
    let names = std::iter::once("prev_year".to_string())
        .chain(numeric.iter().map(|&i| format!("{}_change", cols[i])))
        .collect();
    let cell = |r: &[Cell], k: usize| r.get(k).cloned().unwrap_or(Cell::Empty);
    let number = |r: &[Cell], k: usize| r.get(k).and_then(Cell::as_number);
    // Each issuer's rows with a year, sorted by year (stable: input order within a year).
    let mut groups: std::collections::HashMap<&str, Vec<(f64, usize)>> = std::collections::HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let (Some(Cell::Text(who)), Some(y)) = (r.get(issuer), number(r, year)) {
            groups.entry(who.as_str()).or_default().push((y, i));
        }
    }
    for g in groups.values_mut() {
        g.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    let out = rows
        .iter()
        .map(|r| {
            let prev = match (r.get(issuer), number(r, year)) {
                (Some(Cell::Text(who)), Some(y)) => {
                    let g = &groups[who.as_str()];
                    g.partition_point(|&(py, _)| py < y).checked_sub(1).map(|k| &rows[g[k].1])
                }
                _ => None,
            };
            match prev {
                None => vec![Cell::Empty; numeric.len() + 1],
                Some(p) => std::iter::once(cell(p, year))
                    .chain(numeric.iter().map(|&i| match (number(r, i), number(p, i)) {
                        (Some(now), Some(before)) => Cell::Number(((now - before) * 100.0).round() / 100.0),
                        _ => Cell::Empty,
                    }))
                    .collect(),
            }
        })
        .collect();
    (names, out)
}

/// The comparison as CSV (RFC 4180 quoting), with the year-over-year columns.
pub fn to_csv(analyses: &[Analysis]) -> String {
    rows_to_csv(&analyses.iter().map(row).collect::<Vec<_>>())
}

/// [`to_csv`] from rows already made (the CLI keeps rows, not analyses).
pub fn rows_to_csv(rows: &[Vec<Cell>]) -> String {
    let (yoy_cols, yoy) = year_over_year(rows);
    let mut out = String::new();
    let header: Vec<String> = columns().into_iter().chain(yoy_cols).collect();
    push_csv_line(&mut out, header.iter().map(String::as_str));
    for (r, y) in rows.iter().zip(&yoy) {
        let cells: Vec<String> = r.iter().chain(y).map(Cell::render).collect();
        push_csv_line(&mut out, cells.iter().map(String::as_str));
    }
    out
}

/// The comparison as a Markdown table (the main columns, Chinese headers).
pub fn to_markdown(analyses: &[Analysis]) -> String {
    rows_to_markdown(&analyses.iter().map(row).collect::<Vec<_>>())
}

/// [`to_markdown`] from rows already made.
pub fn rows_to_markdown(rows: &[Vec<Cell>]) -> String {
    let names = column_names();
    // The meta, score, parts and counts columns (not the indicators).
    let keep: Vec<usize> = (0..FIXED_COLUMNS.len() - 1).collect();
    let mut s = String::new();
    s.push_str(&format!("| {} |\n", keep.iter().map(|&i| names[i].as_str()).collect::<Vec<_>>().join(" | ")));
    s.push_str(&format!("|{}\n", "---|".repeat(keep.len())));
    for r in rows {
        let cells: Vec<String> = keep.iter().map(|&i| r[i].render().replace('|', "\\|")).collect();
        s.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    s
}

/// One CSV line, quoting fields that need it.
pub fn push_csv_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    let mut first = true;
    for f in fields {
        if !first {
            out.push(',');
        }
        first = false;
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(issuer: &str, year: i32, reconsideration: u32) -> Analysis {
        let text = format!(
            "{issuer}{year}年法治政府建设情况报告\n一、主要举措和成效\n全年收到行政复议申请{reconsideration}件，出庭应诉率达98.5%。\n二、存在的问题\n学习不够。\n三、{}年工作安排\n继续推进。\n",
            year + 1
        );
        let mut a = crate::analyze(&text, &crate::Options::default()).unwrap();
        a.source = Some(format!("{issuer}-{year}.txt"));
        a
    }

    #[test]
    fn rows_follow_the_columns_and_carry_indicators() {
        let a = report("某县", 2022, 61);
        let (cols, r) = (columns(), row(&a));
        assert_eq!(cols.len(), r.len());
        assert_eq!(column_names().len(), cols.len());
        let cell = |name: &str| &r[cols.iter().position(|c| c == name).unwrap()];
        assert_eq!(cell("issuer"), &Cell::Text("某县人民政府".into()));
        assert_eq!(cell("reconsideration_count"), &Cell::Number(61.0));
        assert_eq!(cell("court_appearance_rate"), &Cell::Number(98.5));
        assert_eq!(cell("R2"), &Cell::Text("标题".into()));
        assert_eq!(cell("R3"), &Cell::Text("缺".into()));
    }

    #[test]
    fn year_over_year_for_the_same_issuer() {
        let all = [report("某县", 2021, 40), report("某县", 2022, 61), report("某市", 2022, 9)];
        let csv = to_csv(&all);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        let header: Vec<&str> = lines[0].split(',').collect();
        let change = header.iter().position(|h| *h == "reconsideration_count_change").unwrap();
        let prev = header.iter().position(|h| *h == "prev_year").unwrap();
        let row2: Vec<&str> = lines[2].split(',').collect();
        assert_eq!((row2[prev], row2[change]), ("2021", "21"));
        let row3: Vec<&str> = lines[3].split(',').collect();
        assert_eq!(row3[change], "", "no earlier report of 某市");
        assert!(to_markdown(&all).lines().count() == 5);
    }

    /// The definition [`year_over_year`] is checked against: for each row, every other row compared.
    fn quadratic_previous(rows: &[Vec<Cell>], r: usize) -> Option<usize> {
        let cols = columns();
        let at = |name: &str| cols.iter().position(|c| c == name).unwrap();
        let (issuer, year) = (at("issuer"), at("year"));
        let y = rows[r][year].as_number();
        (0..rows.len())
            .filter(|&p| rows[p][issuer] == rows[r][issuer] && rows[p][issuer] != Cell::Empty)
            .filter(|&p| matches!((rows[p][year].as_number(), y), (Some(py), Some(y)) if py < y))
            .max_by(|&a, &b| rows[a][year].as_number().partial_cmp(&rows[b][year].as_number()).unwrap())
    }

    #[test]
    fn year_over_year_picks_the_rows_a_comparison_of_every_pair_picks() {
        let cols = columns();
        let at = |name: &str| cols.iter().position(|c| c == name).unwrap();
        let (issuer, year, score) = (at("issuer"), at("year"), at("score"));
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..50 {
            let n = 1 + next(30) as usize;
            let rows: Vec<Vec<Cell>> = (0..n)
                .map(|i| {
                    let mut r = vec![Cell::Empty; cols.len()];
                    r[issuer] = match next(4) {
                        0 => Cell::Empty,
                        k => Cell::Text(format!("单位{k}")),
                    };
                    r[year] = match next(5) {
                        0 => Cell::Empty,
                        k => Cell::Number(2018.0 + k as f64),
                    };
                    r[score] = Cell::Number(i as f64);
                    r
                })
                .collect();
            let (_, yoy) = year_over_year(&rows);
            for (r, y) in yoy.iter().enumerate() {
                let expected = quadratic_previous(&rows, r);
                let change = expected.map(|p| Cell::Number(r as f64 - p as f64));
                assert_eq!(y[1] != Cell::Empty, expected.is_some(), "row {r} of {rows:?}");
                if let Some(c) = change {
                    assert_eq!(y[1], c, "row {r}: the score change names the previous row");
                }
            }
        }
    }

    #[test]
    fn timeliness_column_and_cells_read_back_from_json() {
        let mut a = report("某县", 2022, 61);
        a.meta.signed = Some("2023-03-20".into());
        let r = row(&a);
        let at = columns().iter().position(|c| c == "timely").unwrap();
        assert_eq!(r[at], Cell::Text("按时".into()));
        a.meta.signed = Some("2023-04-20".into());
        assert_eq!(row(&a)[at], Cell::Text("逾期".into()));
        a.meta.signed = None;
        a.meta.published = None;
        assert_eq!(row(&a)[at], Cell::Empty);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<Vec<Cell>>(&json).unwrap(), r);
        assert_eq!(
            serde_json::from_str::<Vec<Cell>>(r#"["a", 1, -2, 2.5, null]"#).unwrap(),
            [Cell::Text("a".into()), Cell::Number(1.0), Cell::Number(-2.0), Cell::Number(2.5), Cell::Empty]
        );
        assert!(serde_json::from_str::<Vec<Cell>>("[true]").is_err());
    }

    #[test]
    fn csv_quoting() {
        let mut s = String::new();
        push_csv_line(&mut s, ["a", "b,c", "say \"hi\"", "x\ny"].into_iter());
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }
}
