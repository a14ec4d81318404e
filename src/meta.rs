//! Metadata: title, issuer, report year, government level, publication and signature dates,
//! addressee line and document kind.

use crate::doc::Doc;
use crate::model::{Defect, DocKind, Level, Meta, Span};
use crate::normalize::{fold_char, simplify, squeeze};

/// How many report lines from the top may hold the title or the addressee.
const HEAD_LINES: usize = 12;

pub fn extract(doc: &Doc) -> Meta {
    let text = doc.text;
    let content: Vec<(usize, std::ops::Range<usize>)> = doc.content_lines().collect();
    let head = &content[..content.len().min(HEAD_LINES)];

    let (title, title_span) = match find_title(text, head) {
        Some((t, span)) => (Some(t), Some(span)),
        None => (page_meta_title(doc), None),
    };

    let year = title.as_deref().and_then(first_year).or_else(|| {
        head.iter().find_map(|(_, r)| {
            let s = &text[r.clone()];
            simplify(s).contains("法治").then(|| first_year(s)).flatten()
        })
    });

    let addressee = head.iter().map(|(_, r)| &text[r.clone()]).find(|s| is_addressee(s)).map(str::to_string);

    let (signed, signer) = signature(doc, &content);
    let published = published(doc);
    // The issuer is given in simplified characters, so that reports of mirror sites compare.
    let issuer = signer.or_else(|| title.as_deref().and_then(|t| issuer_from_title(&simplify(t))));
    let level = issuer.as_deref().map(|i| level_of(i, addressee.as_deref())).unwrap_or(Level::Unknown);
    let kind = kind_of(title.as_deref().map(simplify).as_deref(), doc.matchable.text());
    let index_number = index_number(doc);

    Meta { title, title_span, issuer, year, level, published, signed, addressee, kind, index_number }
}

/// Problems of form the reviewer should see (a missing title or year).
pub fn form_defects(doc: &Doc, meta: &Meta) -> Vec<Defect> {
    let mut out = Vec::new();
    let at = doc.content_lines().next().map(|(_, r)| r).unwrap_or(0..0);
    match &meta.title {
        None => out.push(Defect {
            kind: "missing_title".into(),
            message: "未找到报告标题".into(),
            span: Span::new(at.start, at.end),
        }),
        Some(t) if first_year(t).is_none() => {
            let s = meta.title_span.unwrap_or(Span::new(at.start, at.end));
            out.push(Defect {
                kind: "title_without_year".into(), message: "标题未写明报告年度".into(), span: s
            });
        }
        _ => {}
    }
    out
}

/// The title among the first report lines: a line that reads as one (after a `【2022年】`-style label),
/// or two consecutive short lines that do together (a title broken over two lines).
fn find_title(text: &str, head: &[(usize, std::ops::Range<usize>)]) -> Option<(String, Span)> {
    // A title has at most 80 characters (`is_title`), so at most 320 bytes: longer lines (paragraphs)
    // are not simplified to be looked at.
    let title = |s: &str| s.len() <= 320 && is_title(&simplify(s));
    let short = |s: &str| s.chars().count() <= 40;
    for (k, (line, r)) in head.iter().enumerate() {
        let start = r.start + label_prefix(&text[r.clone()]);
        let first = &text[start..r.end];
        if title(first) {
            return Some((first.to_string(), Span::new(start, r.end)));
        }
        let Some((next_line, next)) = head.get(k + 1) else { continue };
        let second = &text[next.clone()];
        if next_line - line <= 2 && short(first) && short(second) {
            let opens = simplify(first);
            let joined = format!("{first}{second}");
            if !opens.ends_with(['。', '，', ',', ':', '：', '；'])
                && ["关于", "年", "政府", "法治", "依法"].iter().any(|w| opens.contains(w))
                && title(&joined)
            {
                return Some((joined, Span::new(start, next.end)));
            }
        }
    }
    None
}

/// Bytes of a leading label such as `【2022年】` or `[2021年度]` that mirrors put before a title.
fn label_prefix(s: &str) -> usize {
    let Some(open) = s.chars().next().filter(|c| matches!(c, '【' | '[' | '［')) else { return 0 };
    let close = match open {
        '【' => '】',
        '[' => ']',
        _ => '］',
    };
    match s.find(close) {
        Some(i) if s[..i].chars().count() <= 12 && s[..i].chars().any(|c| c.is_ascii_digit() || c == '年') => {
            let rest = &s[i + close.len_utf8()..];
            i + close.len_utf8() + (rest.len() - rest.trim_start_matches(crate::text::is_space).len())
        }
        _ => 0,
    }
}

/// A line that reads as a report title (ends with 报告/总结/情况…, no sentence inside).
pub(crate) fn is_title(s: &str) -> bool {
    let n = s.chars().count();
    let t = s.trim_end_matches(|c: char| c == '。' || c.is_whitespace());
    // A trailing note in brackets: （全文）, (2023年3月28日), 【图解】.
    let t = match t.char_indices().rev().find(|&(_, c)| matches!(c, '（' | '(' | '【' | '[')) {
        Some((i, _)) if t.ends_with(['）', ')', '】', ']']) && t[i..].chars().count() <= 16 && i > 0 => {
            t[..i].trim_end()
        }
        _ => t,
    };
    (6..=80).contains(&n)
        && !t.contains('。')
        && !t.ends_with([':', '：'])
        && (t.ends_with("报告")
            || t.ends_with("总结")
            || t.ends_with("情况")
            || t.ends_with("汇报")
            || t.ends_with("报告》"))
}

fn page_meta_title(doc: &Doc) -> Option<String> {
    // Only the page's metadata lines are squeezed (every line was, until one was found).
    doc.lines.iter().zip(&doc.furniture).filter(|(_, k)| **k == Some("page_meta")).find_map(|(l, _)| {
        squeeze(&doc.text[l.range()]).strip_prefix("名称").map(|t| t.trim_start_matches(':').to_string())
    })
}

/// The first year 19xx/20xx written with 年 (Arabic, full-width or Chinese numerals).
pub fn first_year(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    for i in 0..chars.len() {
        if i + 4 < chars.len() + 1 && i + 4 <= chars.len() {
            let digits: Option<Vec<u32>> = chars[i..i + 4].iter().map(|&c| digit_value(c)).collect();
            if let Some(d) = digits {
                let y = d.iter().fold(0, |a, &x| a * 10 + x) as i32;
                let before_ok = i == 0 || digit_value(chars[i - 1]).is_none();
                if (1990..=2100).contains(&y) && before_ok && chars.get(i + 4) == Some(&'年') {
                    return Some(y);
                }
            }
        }
    }
    None
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '〇' | '零' | 'O' | 'o' | '○' => Some(0),
        _ => crate::text::cn_digit(c),
    }
}

/// A date written as 2023-02-10, 2023/2/10, 2023.2.10, 2023年2月10日 or 二〇二三年二月十日, as YYYY-MM-DD.
pub fn parse_date(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let ys: Option<Vec<u32>> = chars[i..i + 4].iter().map(|&c| digit_value(c)).collect();
        let before_ok = i == 0 || digit_value(chars[i - 1]).is_none();
        if let (Some(ys), true) = (ys, before_ok) {
            let year = ys.iter().fold(0, |a, &x| a * 10 + x);
            let mut j = i + 4;
            let sep = chars.get(j).copied();
            if matches!(sep, Some('-' | '/' | '.' | '年')) {
                j += 1;
                let (month, nj) = small_number(&chars, j);
                if let Some(m) = month {
                    j = nj;
                    let sep2 = chars.get(j).copied();
                    let ok_sep = match sep {
                        Some('年') => sep2 == Some('月'),
                        s => sep2 == s,
                    };
                    if ok_sep {
                        let (day, nj) = small_number(&chars, j + 1);
                        let closes = sep != Some('年') || chars.get(nj) == Some(&'日') || chars.get(nj) == Some(&'号');
                        if let (Some(d), true) = (day, closes) {
                            if (1990..=2100).contains(&year) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                                return Some(format!("{year:04}-{m:02}-{d:02}"));
                            }
                        }
                    }
                }
            }
        }
        i += 1;
    }
    None
}

/// A number 1–31 in Arabic digits or Chinese numerals at `chars[at..]`.
fn small_number(chars: &[char], at: usize) -> (Option<u32>, usize) {
    let mut j = at;
    let digits: String = chars[j.min(chars.len())..].iter().take_while(|c| c.is_ascii_digit()).take(2).collect();
    if !digits.is_empty() {
        j += digits.chars().count();
        return (digits.parse().ok(), j);
    }
    let mut value = 0;
    let mut seen = false;
    while let Some(&c) = chars.get(j) {
        match c {
            '十' => {
                value = if value == 0 { 10 } else { value * 10 };
            }
            _ => match digit_value(c) {
                Some(d) if c != 'O' && c != 'o' => {
                    value = if value >= 10 && value % 10 == 0 { value + d } else { value * 10 + d };
                }
                _ => break,
            },
        }
        seen = true;
        j += 1;
    }
    (seen.then_some(value), j)
}

/// The page's publication date: a labelled date on a furniture line (发布日期 2023-03-17), or on a short
/// line above the report's first paragraph that names its source or date (`2023-03-28 来源：某区政府`).
fn published(doc: &Doc) -> Option<String> {
    let labelled = |s: &str| {
        ["发布日期", "发布时间", "时间:", "日期:", "发布:"]
            .iter()
            .find_map(|lab| s.find(lab).map(|i| s[i + lab.len()..].to_string()))
    };
    let from_furniture =
        doc.lines.iter().zip(&doc.furniture).find_map(|(l, k)| {
            k.and_then(|_| labelled(&squeeze(&doc.text[l.range()]))).and_then(|rest| parse_date(&rest))
        });
    from_furniture.or_else(|| {
        doc.content_lines()
            .take_while(|(_, r)| r.len() < 300)
            .take(12)
            .map(|(_, r)| squeeze(&doc.text[r]))
            .filter(|s| {
                s.chars().count() <= 60
                    && ["来源", "发布", "时间", "日期", "浏览", "字号"].iter().any(|w| s.contains(w))
            })
            .find_map(|s| parse_date(&labelled(&s).unwrap_or_else(|| s.into_owned())))
    })
}

fn index_number(doc: &Doc) -> Option<String> {
    // Only page furniture carries it (checked first: squeezing every line is a tenth of the analysis).
    doc.lines.iter().zip(&doc.furniture).filter(|(_, k)| k.is_some()).find_map(|(l, _)| {
        let s = squeeze(&doc.text[l.range()]);
        let rest = s.strip_prefix("索引号")?.trim_start_matches(':');
        let id: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || "-/_.".contains(*c)).collect();
        (!id.is_empty()).then_some(id)
    })
}

/// The signature date in the closing lines, and the signing body on the line before it.
fn signature(doc: &Doc, content: &[(usize, std::ops::Range<usize>)]) -> (Option<String>, Option<String>) {
    let tail = &content[content.len().saturating_sub(5)..];
    for (k, (_, r)) in tail.iter().enumerate().rev() {
        let s = squeeze(&doc.text[r.clone()]);
        if s.chars().count() <= 16 && s.ends_with('日') {
            if let Some(date) = parse_date(&s) {
                // One signing body, or two (中共某县委 / 某县人民政府) on the lines above the date.
                let names: Vec<String> = tail[..k]
                    .iter()
                    .rev()
                    .take(2)
                    .map(|(_, r)| squeeze(&doc.text[r.clone()]).into_owned())
                    .take_while(|s| s.chars().count() <= 30 && is_body_name(s))
                    .collect();
                let signer = (!names.is_empty()).then(|| names.into_iter().rev().collect::<Vec<_>>().join("、"));
                return (Some(date), signer);
            }
        }
    }
    (None, None)
}

const BODY_ENDINGS: [&str; 14] = [
    "人民政府",
    "政府",
    "办事处",
    "委员会",
    "办公室",
    "管委会",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "署",
    "中心",
    "领导小组",
];

fn is_body_name(s: &str) -> bool {
    !s.contains(['。', ',', '，']) && BODY_ENDINGS.iter().any(|e| s.ends_with(e))
}

const PLACE_ENDINGS: [&str; 12] =
    ["自治区", "自治州", "自治县", "特区", "省", "市", "州", "盟", "县", "区", "旗", "乡"];

/// The issuing body from a title: `榆树市人民政府关于…` → 榆树市人民政府, `关于太霞乡2022年…` → 太霞乡人民政府.
fn issuer_from_title(title: &str) -> Option<String> {
    let t = title.trim_start_matches(['【', '[']);
    let t = t.strip_prefix("关于").unwrap_or(t);
    let cut = t
        .char_indices()
        .find(|&(i, c)| {
            c.is_ascii_digit()
                || digit_value(c).is_some() && t[i..].chars().nth(4) == Some('年')
                || t[i..].starts_with("关于")
        })
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let name = t[..cut].trim();
    let name = name.strip_suffix("关于").unwrap_or(name).trim();
    if name.is_empty() || name.chars().count() > 30 {
        return None;
    }
    // A joint report of the Party committee and the government: 中共某县委 某县人民政府.
    let squeezed: String = name.chars().filter(|c| !crate::text::is_space(*c)).collect();
    if let Some(p) = squeezed.find('委') {
        let (party, gov) = squeezed.split_at(p + '委'.len_utf8());
        if party.starts_with("中共") && gov.ends_with("政府") && gov.chars().count() >= 4 {
            return Some(format!("{party}、{gov}"));
        }
    }
    if BODY_ENDINGS.iter().any(|e| name.ends_with(e)) {
        return Some(name.to_string());
    }
    if name.ends_with("街道") {
        return Some(format!("{name}办事处"));
    }
    if name.ends_with('镇') || PLACE_ENDINGS.iter().any(|e| name.ends_with(e)) {
        return Some(format!("{name}人民政府"));
    }
    None
}

const MUNICIPALITIES: [&str; 4] = ["北京市", "上海市", "天津市", "重庆市"];

fn level_of(issuer: &str, addressee: Option<&str>) -> Level {
    // Joint issuers (中共某县委、某县人民政府): the government's level.
    let issuer = issuer.rsplit('、').next().unwrap_or(issuer);
    let place = issuer.trim_end_matches("人民政府").trim_end_matches("政府").trim_end_matches("办事处");
    if place.len() < issuer.len() {
        if place.ends_with('省') || place.ends_with("自治区") || MUNICIPALITIES.contains(&place) {
            return Level::Province;
        }
        if place.ends_with('乡') || place.ends_with('镇') || place.ends_with("街道") {
            return Level::Township;
        }
        if place.ends_with('县') || place.ends_with('区') || place.ends_with('旗') || place.ends_with("自治县") {
            return Level::County;
        }
        if place.ends_with('市') {
            // A 县级市 reports to the city above it (中共长春市委、长春市人民政府:).
            let reports_to_city = addressee.is_some_and(|a| a.contains("市委") || a.contains("市人民政府"));
            return if reports_to_city { Level::County } else { Level::City };
        }
        if place.ends_with('州') || place.ends_with('盟') || place.ends_with("地区") {
            return Level::City;
        }
        return Level::Unknown;
    }
    Level::Department
}

fn is_addressee(s: &str) -> bool {
    let n = s.chars().count();
    (4..=60).contains(&n)
        && s.trim_end().ends_with([':', '：'])
        && !s.contains('。')
        && ["委", "政府", "人大", "办公室", "局", "厅"].iter().any(|w| s.contains(w))
}

fn kind_of(title: Option<&str>, text: &str) -> DocKind {
    let about_rule_of_law = |s: &str| s.contains("法治政府") || s.contains("依法行政") || s.contains("法治建设");
    if let Some(t) = title {
        if about_rule_of_law(t) {
            return if t.contains("自查") || t.contains("评估") {
                DocKind::SelfInspection
            } else if t.contains("总结") {
                DocKind::WorkSummary
            } else {
                DocKind::AnnualReport
            };
        }
        if t.contains("政府工作报告") {
            return DocKind::Other;
        }
    }
    // No telling title: judge by how much of the text is about 法治政府建设.
    let mentions = crate::text::count(text, "法治政府") + crate::text::count(text, "依法行政");
    let per_10k = mentions * 10_000 / text.chars().count().max(1);
    if mentions >= 5 && per_10k >= 4 {
        DocKind::AnnualReport
    } else {
        DocKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_written_form() {
        assert_eq!(parse_date("发布时间:2023-03-17 15:26").as_deref(), Some("2023-03-17"));
        assert_eq!(parse_date("2023年2月27日").as_deref(), Some("2023-02-27"));
        assert_eq!(parse_date("２０２３年３月１０日").as_deref(), Some("2023-03-10"));
        assert_eq!(parse_date("二〇二三年二月二十七日").as_deref(), Some("2023-02-27"));
        assert_eq!(parse_date("2023/2/7").as_deref(), Some("2023-02-07"));
        assert_eq!(parse_date("2023年2月"), None);
        assert_eq!(parse_date("2023-13-01"), None);
    }

    #[test]
    fn years_from_titles() {
        assert_eq!(first_year("克州2021年法治政府建设工作总结"), Some(2021));
        assert_eq!(first_year("关于二〇二〇年法治政府建设情况的报告"), Some(2020));
        assert_eq!(first_year("12345年"), None);
    }

    #[test]
    fn issuers_and_levels_from_titles() {
        let f = |t: &str| issuer_from_title(t);
        assert_eq!(f("榆树市人民政府关于2022年度法治政府建设情况的报告").as_deref(), Some("榆树市人民政府"));
        assert_eq!(f("关于太霞乡2022年度法治政府建设工作的报告").as_deref(), Some("太霞乡人民政府"));
        assert_eq!(f("阜城县关于2022年度法治政府建设情况报告").as_deref(), Some("阜城县人民政府"));
        assert_eq!(f("克州2021年法治政府建设工作总结").as_deref(), Some("克州人民政府"));
        assert_eq!(f("某某街道2022年法治政府建设情况报告").as_deref(), Some("某某街道办事处"));
        assert_eq!(f("市司法局2022年法治政府建设年度报告").as_deref(), Some("市司法局"));
        assert_eq!(level_of("太霞乡人民政府", None), Level::Township);
        assert_eq!(level_of("上海市人民政府", None), Level::Province);
        assert_eq!(level_of("榆树市人民政府", Some("中共长春市委、长春市人民政府:")), Level::County);
        assert_eq!(level_of("克州人民政府", None), Level::City);
        assert_eq!(level_of("市司法局", None), Level::Department);
    }

    #[test]
    fn titles_split_labelled_or_joint() {
        let meta = |t: &str| extract(&Doc::new(t));
        let body = "2022年,我县坚持以习近平新时代中国特色社会主义思想为指导,推动法治政府建设取得新进展,现报告如下。";
        let m = meta(&format!("榆树市人民政府关于2022年度\n法治政府建设情况的报告\n{body}"));
        assert_eq!(m.title.as_deref(), Some("榆树市人民政府关于2022年度法治政府建设情况的报告"));
        assert_eq!(m.title_span.map(|s| s.start), Some(0));
        let m = meta(&format!("【2022年】某县法治政府建设年度报告\n{body}"));
        assert_eq!(m.title.as_deref(), Some("某县法治政府建设年度报告"));
        let m = meta(&format!("中共某县委 某县人民政府关于二〇二〇年法治政府建设情况的报告\n{body}"));
        assert_eq!(m.issuer.as_deref(), Some("中共某县委、某县人民政府"));
        assert_eq!((m.year, m.level), (Some(2020), Level::County));
        let m = meta(&format!("某市司法局2022年法治政府建设年度报告\n{body}\n某市司法局\n2023年2月10日\n"));
        assert_eq!(
            (m.issuer.as_deref(), m.level, m.signed.as_deref()),
            (Some("某市司法局"), Level::Department, Some("2023-02-10"))
        );
        let m = meta(&format!("{body}\n中共某镇委员会\n某镇人民政府\n2023年3月1日\n"));
        assert_eq!(m.issuer.as_deref(), Some("中共某镇委员会、某镇人民政府"));
        assert_eq!(m.level, Level::Township);
        let m = meta(&format!("某縣2022年法治政府建設情況報告\n{body}"));
        assert_eq!(
            (m.title.as_deref(), m.issuer.as_deref()),
            (Some("某縣2022年法治政府建設情況報告"), Some("某县人民政府"))
        );
        let m = meta(body);
        assert_eq!((m.title, m.year), (None, Some(2022)));
        let m = meta(&format!("某区2022年法治政府建设年度报告（全文）\n2023-03-28 10:00 来源：某区司法局\n{body}"));
        assert_eq!(m.title.as_deref(), Some("某区2022年法治政府建设年度报告（全文）"));
        assert_eq!(m.published.as_deref(), Some("2023-03-28"));
    }

    #[test]
    fn kinds() {
        assert_eq!(kind_of(Some("克州2021年法治政府建设工作总结"), ""), DocKind::WorkSummary);
        assert_eq!(kind_of(Some("2026年河南省政府工作报告"), ""), DocKind::Other);
        assert_eq!(kind_of(Some("某县2022年法治政府建设自查报告"), ""), DocKind::SelfInspection);
    }
}
