//! The JS boundary, run by wasm-bindgen-test in Node (`make test-wasm-node`) and in headless Chromium
//! (`make test-wasm-browser`, WASM_BINDGEN_USE_BROWSER=1).
#![cfg(target_arch = "wasm32")]

use report_analyzer::checklist::Checklist;
use report_analyzer::Analysis;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const SEED_002: &str = include_str!("../../shared/corpus/seeds/002_13e699f1154613c7.txt");

fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    report_analyzer::wasm::analyze_text(text, options).map_err(JsValue::from)
}

fn round_trip(v: JsValue) -> Analysis {
    let json = String::from(js_sys::JSON::stringify(&v).unwrap());
    serde_json::from_str(&json).expect("the returned value deserializes into the Rust structs")
}

#[wasm_bindgen_test]
fn result_is_plain_json_with_every_top_level_field() {
    let v = analyze(SEED_002, JsValue::UNDEFINED).unwrap();
    assert!(v.is_object());
    assert!(!v.is_instance_of::<js_sys::Map>(), "maps must arrive as plain objects");
    for key in ["schema_version", "meta", "sections", "figures", "checklist", "score", "defects", "furniture"] {
        assert!(js_sys::Reflect::has(&v, &key.into()).unwrap(), "missing {key}");
    }
    let json = js_sys::JSON::stringify(&v).unwrap().as_string().unwrap();
    let a: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(a.schema_version, report_analyzer::SCHEMA_VERSION);
    assert_eq!(a.meta.title.as_deref(), Some("榆树市人民政府关于2022年度法治政府建设情况的报告"));
    assert!(a.sections.len() > 50);
    assert!(a.score.is_some());
}

#[wasm_bindgen_test]
fn utf16_offsets_with_chinese_and_a_non_bmp_character() {
    let text = "𠀀关于某县２０２２年度法治政府建设情况的报告\n一、主要举措和成效\n(一)加强领导𠀀。全年培训1500余人次。\n二、存在的问题\n三、2023年工作安排\n";
    let a = round_trip(analyze(text, JsValue::UNDEFINED).unwrap());
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut a = a;
    let mut checked = 0;
    for span in a.spans_mut() {
        let (s16, e16) = (span.start16.expect("start16"), span.end16.expect("end16"));
        let from_bytes = &text[span.start..span.end];
        let from_units = String::from_utf16(&units[s16..e16]).unwrap();
        assert_eq!(from_bytes, from_units);
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} spans");
    let first = &a.sections[0].span;
    assert_eq!(first.start16, Some(text[..first.start].chars().count() + 1), "𠀀 counts two UTF-16 units");
}

#[wasm_bindgen_test]
fn errors_arrive_as_js_errors() {
    let e = analyze("  \n ", JsValue::UNDEFINED).unwrap_err();
    let e: js_sys::Error = e.dyn_into().expect("a JS Error");
    assert!(String::from(e.message()).contains("empty"));

    let bad = js_sys::JSON::parse(
        r#"{"checklist": {"id": "x", "name": "x", "items": [{"id": "K1", "name": "a", "cues": []}]}}"#,
    )
    .unwrap();
    let e: js_sys::Error = analyze("一、总体", bad).unwrap_err().dyn_into().unwrap();
    assert!(String::from(e.message()).contains("K1"), "{:?}", e.message());

    let unknown = js_sys::JSON::parse(r#"{"colour": 1}"#).unwrap();
    assert!(analyze("一、总体", unknown).unwrap_err().is_instance_of::<js_sys::Error>());

    // Values with no JSON (a function, undefined) are errors, not traps.
    let function: JsValue = js_sys::Function::new_no_args("return 1").into();
    let e: js_sys::Error = analyze("一、总体", function).unwrap_err().dyn_into().unwrap();
    assert!(String::from(e.message()).contains("invalid options"), "{:?}", e.message());
    let e = report_analyzer::wasm::to_markdown(JsValue::UNDEFINED).map_err(JsValue::from).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    let no_headings = js_sys::JSON::parse(r#"{"text": "一、总体"}"#).unwrap();
    let e: js_sys::Error = report_analyzer::wasm::analyze_docx(no_headings, JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap_err()
        .dyn_into()
        .unwrap();
    assert!(String::from(e.message()).contains("headings"), "{:?}", e.message());

    let e: js_sys::Error = report_analyzer::wasm::analyze_bytes(b"\xff\xfe\x00", "x.txt", JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap_err()
        .dyn_into()
        .unwrap();
    assert!(String::from(e.message()).contains("cannot be read"), "{:?}", e.message());
}

#[wasm_bindgen_test]
fn custom_checklist_and_bytes_and_markdown() {
    let list = r#"{"id": "mine", "name": "我的清单", "items": [
        {"id": "K1", "name": "复议", "cues": ["行政复议"], "min_hits": 1},
        {"id": "K2", "name": "无", "cues": ["不存在的词语"]}]}"#;
    let parsed = report_analyzer::wasm::parse_checklist(list).map_err(JsValue::from).unwrap();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"checklist".into(), &parsed).unwrap();
    let a = round_trip(analyze(SEED_002, options.into()).unwrap());
    assert_eq!(a.checklist.id, "mine");
    let status: Vec<_> = a.checklist.items.iter().map(|i| (i.id.as_str(), i.status)).collect();
    use report_analyzer::Status::*;
    assert_eq!(status, [("K1", Covered), ("K2", Missing)]);

    let r = report_analyzer::wasm::analyze_bytes(SEED_002.as_bytes(), "002.txt", JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let text = js_sys::Reflect::get(&r, &"text".into()).unwrap().as_string().unwrap();
    assert_eq!(text, SEED_002);
    let analysis = js_sys::Reflect::get(&r, &"analysis".into()).unwrap();
    let md = report_analyzer::wasm::to_markdown(analysis).map_err(JsValue::from).unwrap();
    assert!(md.starts_with("# 榆树市人民政府关于2022年度法治政府建设情况的报告"));

    let builtin = report_analyzer::wasm::default_checklist().map_err(JsValue::from).unwrap();
    let builtin = Checklist::from_json(&String::from(js_sys::JSON::stringify(&builtin).unwrap())).unwrap();
    assert_eq!(builtin, Checklist::builtin());
}

#[wasm_bindgen_test]
fn comparison_and_csv_exports() {
    let a = analyze(SEED_002, JsValue::UNDEFINED).unwrap();
    let list = js_sys::Array::of2(&a, &a);
    let table = report_analyzer::wasm::compare_table(list.clone().into()).map_err(JsValue::from).unwrap();
    let get = |k: &str| js_sys::Reflect::get(&table, &k.into()).unwrap();
    let columns = js_sys::Array::from(&get("columns"));
    let rows = js_sys::Array::from(&get("rows"));
    assert_eq!(rows.length(), 2);
    assert_eq!(js_sys::Array::from(&rows.get(0)).length(), columns.length());
    assert_eq!(js_sys::Array::from(&get("names")).length(), columns.length());
    let csv = report_analyzer::wasm::compare_csv(list.clone().into()).map_err(JsValue::from).unwrap();
    assert_eq!(csv.lines().count(), 3);
    let figures = report_analyzer::wasm::figures_csv(js_sys::Array::of1(&a).into()).map_err(JsValue::from).unwrap();
    assert!(figures.starts_with("source,text,value,unit,kind"));
    assert!(figures.lines().count() > 100);
}

#[wasm_bindgen_test]
fn docx_read_by_its_module_then_analyzed_equals_analyze_bytes() {
    const DOCX: &[u8] = include_bytes!("fixtures/seed-004.docx");
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap();
    let whole =
        report_analyzer::wasm::analyze_bytes(DOCX, "004.docx", JsValue::UNDEFINED).map_err(JsValue::from).unwrap();
    let docx = report_analyzer::wasm::read_docx(DOCX).map_err(JsValue::from).unwrap();
    let split = report_analyzer::wasm::analyze_docx(docx, JsValue::UNDEFINED).map_err(JsValue::from).unwrap();
    assert_eq!(get(&split, "text").as_string(), get(&whole, "text").as_string());
    assert_eq!(round_trip(get(&split, "analysis")), round_trip(get(&whole, "analysis")));
}

#[wasm_bindgen_test]
fn summaries_carry_the_comparison_row_and_rows_come_back_to_the_exports() {
    let stringify = |v: &JsValue| String::from(js_sys::JSON::stringify(v).unwrap());
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).unwrap();
    let options = js_sys::JSON::parse(r#"{"source": "002.txt"}"#).unwrap();
    let summary = report_analyzer::wasm::summarize_bytes(SEED_002.as_bytes(), "002.txt", options.clone())
        .map_err(JsValue::from)
        .unwrap();
    let a = analyze(SEED_002, options).unwrap();
    let table = report_analyzer::wasm::compare_table(js_sys::Array::of1(&a).into()).map_err(JsValue::from).unwrap();
    // The row a summary carries is the comparison table's row of the whole analysis.
    let row = get(&summary, "row");
    assert_eq!(stringify(&row), stringify(&js_sys::Array::from(&get(&table, "rows")).get(0)));
    assert_eq!(get(&get(&summary, "input"), "chars").as_f64(), Some(SEED_002.chars().count() as f64));
    let columns = report_analyzer::wasm::compare_columns().map_err(JsValue::from).unwrap();
    assert_eq!(stringify(&get(&columns, "columns")), stringify(&get(&table, "columns")));
    // Rows handed back: the same CSV as from the analyses; a row of the wrong length is refused.
    let rows = js_sys::Array::of2(&row, &row);
    let from_rows = report_analyzer::wasm::rows_csv(rows.clone().into()).map_err(JsValue::from).unwrap();
    let from_analyses =
        report_analyzer::wasm::compare_csv(js_sys::Array::of2(&a, &a).into()).map_err(JsValue::from).unwrap();
    assert_eq!(from_rows, from_analyses);
    let yoy = report_analyzer::wasm::year_over_year(rows.into()).map_err(JsValue::from).unwrap();
    assert_eq!(js_sys::Array::from(&get(&yoy, "rows")).length(), 2);
    let short = js_sys::Array::of1(&js_sys::Array::of1(&"x".into()));
    let e = report_analyzer::wasm::rows_markdown(short.into()).map_err(JsValue::from).unwrap_err();
    assert!(String::from(e.dyn_into::<js_sys::Error>().unwrap().message()).contains("cells"));
}
