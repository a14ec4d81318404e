//! Saved web pages: the text of an HTML document, with paragraphs and line breaks kept, script, style
//! and navigation dropped, entities decoded. A tolerant scanner, not a full HTML parser: government
//! pages are often malformed, and what we need is the readable text in order.

/// Elements whose whole content is dropped.
const SKIP: [&str; 11] =
    ["script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "select", "object", "canvas"];
/// Elements that break lines.
const BLOCK: [&str; 31] = [
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "hr",
    "header",
    "footer",
    "main",
    "aside",
    "form",
    "title",
    "center",
    "figure",
    "caption",
];
/// class/id words that mark navigation blocks (`<div class="nav">`, `<ul id="menu">`).
const NAV_WORDS: [&str; 3] = ["nav", "menu", "topbar"];

/// The text of an HTML document.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip: Option<(String, usize)> = None;
    let b = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if skip.is_none() {
            push_text(&mut out, &html[text_start..i]);
        }
        // Comments, doctype, processing instructions.
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map(|k| i + 4 + k + 3).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        let Some(close) = html[i..].find('>').map(|k| i + k) else {
            // A lone `<` in text.
            text_start = i;
            i += 1;
            continue;
        };
        let tag = &html[i + 1..close];
        let end_tag = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() && !tag.starts_with('!') && !tag.starts_with('?') {
            // `a < b` in text: the `<` is text.
            text_start = i;
            i += 1;
            continue;
        }
        i = close + 1;
        text_start = i;
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some((skip_name, depth)) = skip.as_mut() {
            if *skip_name == name {
                if end_tag {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !tag.ends_with('/') {
                    *depth += 1;
                }
            }
            continue;
        }
        if end_tag {
            if BLOCK.contains(&name.as_str()) {
                newline(&mut out);
            } else if name == "td" || name == "th" {
                out.push('\t');
            }
            continue;
        }
        let self_closing =
            tag.ends_with('/') || matches!(name.as_str(), "br" | "hr" | "img" | "meta" | "link" | "input");
        if !self_closing && (SKIP.contains(&name.as_str()) || is_nav_block(&name, tag)) {
            skip = Some((name, 1));
            // Raw text elements end at their end tag, whatever is inside.
            if let Some((n, _)) = &skip {
                if matches!(n.as_str(), "script" | "style") {
                    let end = format!("</{n}");
                    let lower = html[i..].to_ascii_lowercase();
                    i = lower.find(&end).map(|k| i + k).unwrap_or(b.len());
                    text_start = i;
                }
            }
            continue;
        }
        if BLOCK.contains(&name.as_str()) {
            newline(&mut out);
        }
    }
    if skip.is_none() && text_start < b.len() {
        push_text(&mut out, &html[text_start..]);
    }
    let trimmed: Vec<&str> = out.lines().map(|l| l.trim_matches([' ', '\t'])).collect();
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for l in trimmed {
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(l);
    }
    text.push('\n');
    text
}

fn is_nav_block(name: &str, tag: &str) -> bool {
    if !matches!(name, "div" | "ul" | "ol" | "section" | "header") {
        return false;
    }
    let lower = tag.to_ascii_lowercase();
    ["class=", "id="].iter().any(|attr| {
        lower.find(attr).is_some_and(|at| {
            let v = &lower[at + attr.len()..];
            let v = v.trim_start_matches(['"', '\'']);
            let v = &v[..v.find(['"', '\'', '>', ' ']).unwrap_or(v.len())];
            v.split(['-', '_']).any(|w| NAV_WORDS.contains(&w))
        })
    })
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Text between tags: whitespace runs collapse to one space (NBSP and U+3000 are kept), entities decode.
fn push_text(out: &mut String, raw: &str) {
    let mut last_space = out.ends_with(' ') || out.ends_with('\n') || out.is_empty();
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            if let Some((decoded, used)) = entity(rest) {
                out.push(decoded);
                last_space = false;
                rest = &rest[used..];
                continue;
            }
        }
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
        rest = &rest[c.len_utf8()..];
    }
}

const ENTITIES: [(&str, char); 32] = [
    ("nbsp", '\u{a0}'),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("middot", '·'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("hellip", '…'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("divide", '÷'),
    ("copy", '©'),
    ("reg", '®'),
    ("deg", '°'),
    ("plusmn", '±'),
    ("bull", '•'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("yen", '¥'),
    ("permil", '‰'),
    ("sup2", '²'),
    ("sup3", '³'),
    ("le", '≤'),
    ("ge", '≥'),
];

/// An entity at the start of `s` (`&amp;`, `&#20013;`, `&#x4e2d;`): the character and bytes used.
pub(super) fn entity(s: &str) -> Option<(char, usize)> {
    let end = s[1..].find(';').map(|k| k + 1).filter(|&k| k <= 10)?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(v).filter(|&c| c != '\0')?
    } else {
        ENTITIES.iter().find(|(n, _)| *n == body)?.1
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_entities_and_dropped_parts() {
        let html = r#"<!DOCTYPE html><html><head><title>页面</title><style>p{color:red}</style>
<script>var a = "<p>不该出现</p>";</script></head><body>
<div class="nav-bar"><ul><li>首页</li><li>政务公开</li></ul></div>
<nav>导航</nav>
<h1>某县2022年法治政府建设情况报告</h1>
<p>一、主要举措和成效</p><p>&nbsp;&nbsp;收到行政复议申请61件，&ldquo;一网通办&rdquo;&#x4e2d;&#20013;<br>第二行</p>
<table><tr><td>事项</td><td>数量</td></tr><tr><td>复议</td><td>61</td></tr></table>
<!-- <p>注释</p> -->a &lt; b &amp; c &unknown; 1 < 2
</body></html>"#;
        let t = html_to_text(html);
        assert_eq!(
            t,
            "某县2022年法治政府建设情况报告\n一、主要举措和成效\n\u{a0}\u{a0}收到行政复议申请61件，“一网通办”中中\n第二行\n事项\t数量\n复议\t61\na < b & c &unknown; 1 < 2\n"
        );
    }

    #[test]
    fn nested_skips_and_broken_markup() {
        assert_eq!(html_to_text("<div id=menu><div>甲</div><div>乙</div></div>正文<p>丙"), "正文\n丙\n");
        assert_eq!(html_to_text("<p>未闭合 <b>粗体"), "未闭合 粗体\n");
        assert_eq!(html_to_text("<script>never closed"), "\n");
    }
}
