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
    // Heading hints are optional (the readers have none for a PDF), but not of another type.
    let no_headings = js_sys::JSON::parse(r#"{"text": "一、总体"}"#).unwrap();
    assert!(report_analyzer::wasm::analyze_docx(no_headings, JsValue::UNDEFINED).is_ok());
    let bad_headings = js_sys::JSON::parse(r#"{"text": "一、总体", "headings": 3}"#).unwrap();
    let e: js_sys::Error = report_analyzer::wasm::analyze_docx(bad_headings, JsValue::UNDEFINED)
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

/// The similar module's boundary (www/similar.d.ts): one-shot `similarity`, and the batch kept by the
/// module (`addReport`, `compareReports`, `pairPassages`, `reportPassages`, `clearReports`), on the
/// 司法部's 2021 report and its Traditional + pinyin mirror; spans in UTF-8 bytes and UTF-16 units.
mod similar {
    use super::*;
    use report_analyzer::wasm::{
        add_report, clear_reports, compare_reports, pair_passages, report_count, report_passages, similarity,
    };

    const SIMPLIFIED: &str = include_str!("../../shared/reference/real-excerpts/pages/013.txt");
    const MIRROR: &str = include_str!("../../shared/reference/real-excerpts/pages/014.txt");
    const OTHER: &str = include_str!("../../shared/reference/real-excerpts/pages/057.txt");

    fn json(v: &JsValue) -> serde_json::Value {
        serde_json::from_str(&String::from(js_sys::JSON::stringify(v).unwrap())).unwrap()
    }

    fn obj(s: &str) -> JsValue {
        js_sys::JSON::parse(s).unwrap()
    }

    fn err(r: Result<impl std::fmt::Debug, wasm_bindgen::JsError>) -> String {
        let e: js_sys::Error = JsValue::from(r.unwrap_err()).dyn_into().expect("a JS Error");
        String::from(e.message())
    }

    /// The span's text by its bytes and by its UTF-16 units agree.
    #[track_caller]
    fn check_span(text: &str, span: &serde_json::Value) -> String {
        let at = |k: &str| span[k].as_u64().unwrap() as usize;
        let units: Vec<u16> = text.encode_utf16().collect();
        let by_bytes = &text[at("start")..at("end")];
        assert_eq!(by_bytes, String::from_utf16(&units[at("start16")..at("end16")]).unwrap());
        by_bytes.to_string()
    }

    #[wasm_bindgen_test]
    fn similarity_at_once_with_utf16_offsets() {
        // A character beyond the BMP before the shared text: UTF-16 offsets run one ahead of characters.
        let left = format!("𠀀\n{SIMPLIFIED}");
        let inputs = js_sys::Array::of3(
            &left.as_str().into(),
            &obj(&serde_json::json!({"text": MIRROR, "source": "014.txt"}).to_string()),
            &OTHER.into(),
        );
        let r = json(&similarity(inputs.into(), JsValue::UNDEFINED).map_err(JsValue::from).unwrap());
        assert_eq!(r["boilerplate"], 10);
        assert_eq!(r["reports"].as_array().unwrap().len(), 3);
        assert_eq!(r["reports"][1]["source"], "014.txt");
        assert_eq!(r["reports"][0]["unit"], "司法部");
        let pair = &r["pairs"][0];
        assert_eq!(
            (pair["left"].as_u64(), pair["right"].as_u64(), pair["kind"].as_str()),
            (Some(0), Some(1), Some("same_unit"))
        );
        assert!(pair["right_share"].as_f64().unwrap() > 0.95);
        let passages = pair["passages"].as_array().unwrap();
        assert!(passages.iter().any(|p| p["boilerplate"] == false));
        for p in passages {
            check_span(&left, &p["left"]);
            check_span(MIRROR, &p["right"]);
        }
        let first = passages.iter().find(|p| p["boilerplate"] == false).unwrap();
        assert_eq!(first["left"]["start"], 5, "after the four bytes of 𠀀 and a line break");
        assert_eq!(first["left"]["start16"], 3, "after their three UTF-16 units");
        // Bad inputs are JS errors.
        assert!(err(similarity(JsValue::from_str("x"), JsValue::UNDEFINED)).contains("a list of texts"));
        assert!(err(similarity(js_sys::Array::of1(&obj(r#"{"txt": "x"}"#)).into(), JsValue::UNDEFINED))
            .contains("unknown field `txt`"));
        assert!(err(similarity(js_sys::Array::of1(&"  ".into()).into(), JsValue::UNDEFINED)).contains("report 0"));
        assert!(err(similarity(js_sys::Array::new().into(), obj(r#"{"min_share": 2}"#))).contains("between 0 and 1"));
    }

    #[wasm_bindgen_test]
    fn the_batch_kept_by_the_module() {
        clear_reports();
        let add = |t: &str, info: &str| add_report(t, obj(info)).map_err(JsValue::from).unwrap();
        assert_eq!(add(OTHER, r#"{"source": "057.txt"}"#), 0);
        assert_eq!(add(SIMPLIFIED, r#"{"source": "013.txt", "year": 2021}"#), 1);
        assert_eq!(add(MIRROR, r#"{"source": "014.txt", "issuer": null}"#), 2);
        assert_eq!(report_count(), 3);
        assert!(err(add_report("", JsValue::UNDEFINED)).contains("empty"));
        assert!(err(add_report(OTHER, obj(r#"{"year": "2021"}"#))).contains("year"));
        let r = json(&compare_reports(JsValue::UNDEFINED).map_err(JsValue::from).unwrap());
        assert_eq!(r["reports"].as_array().unwrap().len(), 3);
        let pairs = r["pairs"].as_array().unwrap();
        assert_eq!((pairs[0]["left"].as_u64(), pairs[0]["right"].as_u64()), (Some(1), Some(2)));
        assert!(pairs[0].get("passages").is_none(), "no spans in the list of pairs");
        assert!(pairs[0]["passage_count"].as_u64().unwrap() >= 1);
        let only = json(&compare_reports(obj(r#"{"min_share": 0.99}"#)).map_err(JsValue::from).unwrap());
        assert!(only["pairs"].as_array().unwrap().len() < pairs.len() || pairs.len() == 1);
        assert!(err(compare_reports(obj(r#"{"boilerplate": 0}"#))).contains("1 or more"));
        let dismissed = json(&compare_reports(obj(r#"{"dismissed": [[2, 1]]}"#)).map_err(JsValue::from).unwrap());
        assert_eq!(dismissed["pairs"][0]["dismissed"], true);
        assert!(pairs[0].get("dismissed").is_none());

        // One pair asked the other way round: its sides as asked.
        let p = json(&pair_passages(2, 1, MIRROR, SIMPLIFIED).map_err(JsValue::from).unwrap());
        assert_eq!(
            (p["left"].as_u64(), p["right"].as_u64(), p["kind"].as_str()),
            (Some(2), Some(1), Some("same_unit"))
        );
        assert_eq!(p["left_share"], pairs[0]["right_share"]);
        let passages = p["passages"].as_array().unwrap();
        for x in passages {
            check_span(MIRROR, &x["left"]);
            check_span(SIMPLIFIED, &x["right"]);
        }
        assert!(passages.iter().any(|x| x["boilerplate"] == true), "boilerplate passages are shown");
        assert!(err(pair_passages(1, 2, MIRROR, SIMPLIFIED)).contains("not the one added"));
        assert!(err(pair_passages(1, 9, SIMPLIFIED, MIRROR)).contains("no report 9"));
        // Two reports that are no pair: no counted passage, shares 0.
        let none = json(&pair_passages(0, 1, OTHER, SIMPLIFIED).map_err(JsValue::from).unwrap());
        assert_eq!((none["left_share"].as_f64(), none["passage_count"].as_u64()), (Some(0.0), Some(0)));

        // One report's copied passages, with their source; a report added later is compared on demand.
        let copied = json(&report_passages(2, MIRROR).map_err(JsValue::from).unwrap());
        let copied = copied.as_array().unwrap();
        assert!(!copied.is_empty());
        for c in copied {
            assert_eq!((c["source"].as_u64(), c["kind"].as_str()), (Some(1), Some("same_unit")));
            assert!(check_span(MIRROR, c).chars().count() >= 13);
        }
        add(SIMPLIFIED, "{}");
        let again = json(&report_passages(3, SIMPLIFIED).map_err(JsValue::from).unwrap());
        assert!(again.as_array().unwrap().iter().any(|c| c["source"] == 1));
        clear_reports();
        assert_eq!(report_count(), 0);
    }
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

// ---- the memo module (审核意见) ----

fn get(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &k.into()).unwrap()
}

fn js_error(r: Result<JsValue, wasm_bindgen::JsError>) -> String {
    let e: js_sys::Error = r.map_err(JsValue::from).unwrap_err().dyn_into().expect("a JS Error");
    String::from(e.message())
}

#[wasm_bindgen_test]
fn memo_items_carry_utf16_places_and_an_edited_memo_writes_docx_and_markdown() {
    let text = format!("𠀀{SEED_002}");
    let a = analyze(&text, JsValue::UNDEFINED).unwrap();
    let options = js_sys::JSON::parse(r#"{"office": "某市司法局", "days": 5, "date": "2023-04-10"}"#).unwrap();
    let memo = report_analyzer::wasm::memo_items(a, &text, options).map_err(JsValue::from).unwrap();
    assert!(get(&memo, "title").as_string().unwrap().starts_with("关于《"));
    let units: Vec<u16> = text.encode_utf16().collect();
    let items = js_sys::Array::from(&get(&memo, "items"));
    assert!(items.length() >= 3);
    let mut checked = 0;
    for item in items.iter() {
        let place = get(&item, "where");
        if place.is_null() {
            continue;
        }
        let (s16, e16) =
            (get(&place, "start16").as_f64().unwrap() as usize, get(&place, "end16").as_f64().unwrap() as usize);
        assert_eq!(String::from_utf16(&units[s16..e16]).unwrap(), get(&place, "quote").as_string().unwrap());
        checked += 1;
    }
    assert!(checked >= 2);
    // The page edits: drops the first item, rewords the second, adds its own.
    items.shift();
    js_sys::Reflect::set(&items.get(0), &"problem".into(), &"改写后的问题。".into()).unwrap();
    items.push(&js_sys::JSON::parse(r#"{"problem": "请补充复议数据。", "suggestion": "列明件数。"}"#).unwrap());
    js_sys::Reflect::set(&memo, &"items".into(), &items).unwrap();
    let bytes = report_analyzer::wasm::memo_docx(memo.clone()).map_err(JsValue::from).unwrap();
    let (back, _) = report_analyzer::decode::read_docx(&bytes).unwrap();
    assert!(
        back.contains("（一）改写后的问题。") && back.contains("请补充复议数据。") && back.contains("某市司法局"),
        "{back}"
    );
    let md = report_analyzer::wasm::memo_markdown(memo).map_err(JsValue::from).unwrap();
    assert!(md.contains("### （一）改写后的问题。") && md.contains("5个工作日内"), "{md}");
}

#[wasm_bindgen_test]
fn second_review_bulletin_and_zip_through_the_boundary() {
    let report = |text: &str| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"analysis".into(), &analyze(text, JsValue::UNDEFINED).unwrap()).unwrap();
        js_sys::Reflect::set(&o, &"text".into(), &text.into()).unwrap();
        JsValue::from(o)
    };
    let (old, new) = (report(SEED_002), report(SEED_002));
    let m = report_analyzer::wasm::second_review(old.clone(), new.clone(), JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let earlier = js_sys::Array::from(&get(&get(&m, "review"), "earlier"));
    assert!(earlier.length() >= 2);
    assert!(earlier.iter().all(|e| get(&e, "label").as_string().unwrap() == "未整改"), "the same text: nothing fixed");
    // From the memo sent back instead of the earlier version.
    let sent = report_analyzer::wasm::memo_items(get(&old, "analysis"), SEED_002, JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let again = report_analyzer::wasm::second_review(sent, new, JsValue::UNDEFINED).map_err(JsValue::from).unwrap();
    assert_eq!(js_sys::Array::from(&get(&get(&again, "review"), "earlier")).length(), earlier.length());

    let summary = report_analyzer::wasm::summarize_bytes(SEED_002.as_bytes(), "002.txt", JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let rows = js_sys::Array::of2(&get(&summary, "row"), &get(&summary, "row"));
    let b = report_analyzer::wasm::bulletin(rows.clone().into(), JsValue::UNDEFINED).map_err(JsValue::from).unwrap();
    assert_eq!(js_sys::Array::from(&get(&b, "ranking")).length(), 2);
    let from_analyses = js_sys::Array::of2(&get(&old, "analysis"), &get(&old, "analysis"));
    let md_rows = report_analyzer::wasm::bulletin_markdown(rows.clone().into(), JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    let md_analyses = report_analyzer::wasm::bulletin_markdown(from_analyses.into(), JsValue::UNDEFINED)
        .map_err(JsValue::from)
        .unwrap();
    assert_eq!(md_rows, md_analyses);
    let docx = report_analyzer::wasm::bulletin_docx(rows.into(), JsValue::UNDEFINED).map_err(JsValue::from).unwrap();
    assert!(report_analyzer::decode::read_docx(&docx).unwrap().0.contains("榆树市人民政府"));

    let file = |name: &str, bytes: &[u8]| {
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"name".into(), &name.into()).unwrap();
        js_sys::Reflect::set(&o, &"bytes".into(), &js_sys::Uint8Array::from(bytes)).unwrap();
        JsValue::from(o)
    };
    let zip =
        report_analyzer::wasm::zip_files(js_sys::Array::of2(&file("榆树市.docx", &docx), &file("b.txt", b"x")).into())
            .map_err(JsValue::from)
            .unwrap();
    assert_eq!(&zip[..4], b"PK\x03\x04");
    let twice = js_sys::Array::of2(&file("a", b"1"), &file("a", b"2"));
    assert!(js_error(report_analyzer::wasm::zip_files(twice.into()).map(|_| JsValue::NULL)).contains("two files"));
}

#[wasm_bindgen_test]
fn memo_errors_are_js_errors() {
    let a = analyze(SEED_002, JsValue::UNDEFINED).unwrap();
    let e = js_error(report_analyzer::wasm::memo_items(a.clone(), "另一份文本", JsValue::UNDEFINED));
    assert!(e.contains("bytes"), "{e}");
    let bad = js_sys::JSON::parse(r#"{"colour": 1}"#).unwrap();
    assert!(js_error(report_analyzer::wasm::memo_items(a.clone(), SEED_002, bad)).contains("colour"));
    let e = js_error(report_analyzer::wasm::memo_items(JsValue::from_str("x"), SEED_002, JsValue::UNDEFINED));
    assert!(e.contains("analysis"), "{e}");
    let e = report_analyzer::wasm::memo_docx(js_sys::JSON::parse(r#"{"items": []}"#).unwrap())
        .map_err(JsValue::from)
        .unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    let short = js_sys::Array::of1(&js_sys::Array::of1(&"x".into()));
    assert!(js_error(report_analyzer::wasm::bulletin(short.into(), JsValue::UNDEFINED)).contains("cells"));
}
