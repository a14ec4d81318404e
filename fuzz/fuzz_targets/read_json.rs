//! The JSON users hand in (a checklist file, the options object, a readDocx result handed back): the
//! reader never panics, accepts exactly what serde_json accepts as JSON (but repeated keys), and a
//! checklist it accepts can be applied to a report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_analyzer::checklist::Checklist;
use report_analyzer::decode::HeadingHint;
use report_analyzer::{analyze, json, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = json::parse(text);
    let serde = serde_json::from_str::<serde_json::Value>(text);
    // Deliberate differences: serde_json stops at 128 levels, ours at 64; serde_json's Value keeps the
    // last of repeated keys, ours refuses them (as serde's derived readers of the checklist did); serde_json
    // refuses numbers beyond f64, ours keeps numbers as text (a field read as a whole number says so).
    let repeated = ours.as_ref().is_err_and(|e| e.message == "repeated key");
    let huge = serde.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range"));
    if depth(text) <= 64 && !repeated && !huge {
        assert_eq!(ours.is_ok(), serde.is_ok(), "validity differs from serde_json on {text:?}");
    }
    let _ = HeadingHint::read_list("一、总体情况\n(一)学习", text);
    let _ = Options::from_json(text);
    if let Ok(list) = Checklist::from_json(text) {
        let options = Options { checklist: Some(list), ..Options::default() };
        let report = "一、2023年主要举措\n全年办理行政复议案件12件，同比增长5%。\n二、存在的不足\n三、下一年度工作安排";
        analyze(report, &options).expect("a valid checklist applies");
    }
});

/// The deepest nesting of brackets outside strings.
fn depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0, false, false);
    for b in text.bytes() {
        match (in_string, escaped, b) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, ..) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                max = max.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}
