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
const FIXED_COLUMNS: [(&str, &str); 23] = [
    ("source", "来源"),
    ("title", "标题"),
    ("issuer", "发文机关"),
    ("year", "年度"),
    ("level", "层级"),
    ("kind", "文种"),
    ("published", "发布日期"),
    ("signed", "落款日期"),
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

/// A cell: text, number or nothing.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
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

/// Year-over-year change columns: for each row, the previous report of the same issuer (by year) and
/// the change of the score and of each numeric indicator. Rows without such a predecessor get empty cells.
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
    let out = rows
        .iter()
        .map(|r| {
            let y = r[year].as_number();
            let prev = rows
                .iter()
                .filter(|p| p[issuer] == r[issuer] && p[issuer] != Cell::Empty)
                .filter(|p| matches!((p[year].as_number(), y), (Some(py), Some(y)) if py < y))
                .max_by(|a, b| {
                    a[year].as_number().partial_cmp(&b[year].as_number()).unwrap_or(std::cmp::Ordering::Equal)
                });
            match prev {
                None => vec![Cell::Empty; numeric.len() + 1],
                Some(p) => std::iter::once(p[year].clone())
                    .chain(numeric.iter().map(|&i| match (r[i].as_number(), p[i].as_number()) {
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
    let keep: Vec<usize> = (0..22).collect();
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

    #[test]
    fn csv_quoting() {
        let mut s = String::new();
        push_csv_line(&mut s, ["a", "b,c", "say \"hi\"", "x\ny"].into_iter());
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }
}
