//! One-line cases for every rule of the issue, and span properties.

use super::*;

#[track_caller]
fn assert_figures(text: &str, expected: &[&str]) {
    let got: Vec<String> = extract(text, &[]).into_iter().map(|f| f.text).collect();
    assert_eq!(got, expected, "in {text:?}");
}

#[track_caller]
fn assert_figure(text: &str, fig: &str, value: f64, unit: &str, kind: FigureKind, approx: bool) {
    let all = extract(text, &[]);
    let Some(f) = all.iter().find(|f| f.text == fig) else {
        panic!("no figure {fig:?} in {text:?}: {:?}", all.iter().map(|f| &f.text).collect::<Vec<_>>());
    };
    assert!((f.value - value).abs() <= 1e-6 * value.abs().max(1.0), "{fig}: value {} != {value}", f.value);
    assert_eq!(f.unit, unit, "{fig}: unit");
    assert_eq!(f.kind, kind, "{fig}: kind");
    assert_eq!(f.approx, approx, "{fig}: approx");
}

#[track_caller]
fn assert_subject(text: &str, fig: &str, subject: Option<&str>, family: Option<&str>) {
    let all = extract(text, &[]);
    let f = all.iter().find(|f| f.text == fig).unwrap_or_else(|| panic!("no figure {fig:?} in {text:?}"));
    assert_eq!(f.subject.as_deref(), subject, "{fig}: subject");
    assert_eq!(f.family.as_deref(), family, "{fig}: family");
}

use FigureKind::*;

// ---- numbers ----

#[test]
fn arabic_numbers() {
    assert_figure("培训1500余人次", "1500余人次", 1500.0, "人次", Count, true);
    assert_figure("清理4,558条", "4,558条", 4558.0, "条", Count, false);
    assert_figure("办理１２００件", "１２００件", 1200.0, "件", Count, false);
    assert_figure("压减82.39%", "82.39%", 82.39, "%", Percent, false);
    assert_figure("有效差评数为0。", "0", 0.0, "", Count, false);
}

#[test]
fn chinese_numbers() {
    assert_figure("先后两次召开推进会", "两次", 2.0, "次", Count, false);
    assert_figure("举办十余场次", "十余场次", 10.0, "场次", Count, true);
    assert_figure("培训一百二十人", "一百二十人", 120.0, "人", Count, false);
    assert_figure("二〇二二年", "二〇二二年", 20220000.0, "date", Date, false);
    assert_figure("投入三萬元", "三萬元", 30000.0, "元", Money, false);
    assert_figure("召開兩場", "兩場", 2.0, "场", Count, false);
    assert_figure("公检法三机关规范使用", "三机关", 3.0, "机关", Count, false);
    assert_figure("讲授五大类", "五大类", 5.0, "类", Count, false);
    assert_figure("配备一名法治副校长", "一名", 1.0, "名", Count, false);
}

#[test]
fn mixed_numbers() {
    assert_figure("3.5万余人次", "3.5万余人次", 35000.0, "人次", Count, true);
    assert_figure("培训1.2万余人", "1.2万余人", 12000.0, "人", Count, true);
    assert_figure("清偿8.08亿元", "8.08亿元", 808000000.0, "元", Money, false);
    assert_figure("办理101.25万件", "101.25万件", 1012500.0, "件", Count, false);
    assert_figure("返还25萬餘元", "25萬餘元", 250000.0, "元", Money, true);
    assert_figure("粉丝量达2.6万,", "2.6万", 26000.0, "", Count, false);
}

#[test]
fn approximations() {
    assert_figure("建立起近6700人的队伍", "近6700人", 6700.0, "人", Count, true);
    assert_figure("约27000个", "约27000个", 27000.0, "个", Count, true);
    assert_figure("提出审查意见约130余条", "约130余条", 130.0, "条", Count, true);
    assert_figure("受益1000多人", "1000多人", 1000.0, "人", Count, true);
    assert_figure("占比超过55%", "超过55%", 55.0, "%", Percent, true);
    assert_figure("逾2000人", "逾2000人", 2000.0, "人", Count, true);
    assert_figure("成功率98%以上", "98%以上", 98.0, "%", Percent, true);
    assert_figure("增长5%左右", "5%左右", 5.0, "%", Percent, true);
    assert_figure("不少于40学时", "不少于40学时", 40.0, "学时", Duration, true);
    assert_figure("完成96项(含带★45项)以上指标", "96项", 96.0, "项", Count, true);
    assert_figure("完成96项(含带★45项)以上指标", "45项", 45.0, "项", Count, false);
    assert_figure("最近3年", "3年", 3.0, "年", Duration, false);
    assert_figure("5个工作日以内", "5个工作日", 5.0, "工作日", Duration, false);
}

// ---- units and kinds ----

#[test]
fn counts() {
    assert_figures("维持23件、终止17件、撤销2件", &["23件", "17件", "2件"]);
    assert_figure("检查7768户次", "7768户次", 7768.0, "户次", Count, false);
    assert_figure("特殊食品265家次", "265家次", 265.0, "家次", Count, false);
    assert_figure("参与重大决策26 件", "26 件", 26.0, "件", Count, false);
    assert_figure("在7个村", "7个", 7.0, "个", Count, false);
    assert_figure("梳理出5方面25个具体问题", "5方面", 5.0, "方面", Count, false);
    assert_figure("举办1086篇(次)", "1086篇", 1086.0, "篇", Count, false);
}

#[test]
fn money_percent_points() {
    assert_figure("罚没33.4万元", "33.4万元", 334000.0, "元", Money, false);
    assert_figure("资金580余万元", "580余万元", 5800000.0, "元", Money, true);
    assert_figure("提高2.5个百分点", "2.5个百分点", 2.5, "百分点", Percent, false);
    assert_figure("占百分之十五", "百分之十五", 15.0, "%", Percent, false);
}

#[test]
fn durations() {
    assert_figure("5个工作日内办结", "5个工作日", 5.0, "工作日", Duration, false);
    assert_figure("2个小时办结", "2个小时", 2.0, "小时", Duration, false);
    assert_figure("压缩至30分钟", "30分钟", 30.0, "分钟", Duration, false);
    assert_figure("7.5小时内办结", "7.5小时", 7.5, "小时", Duration, false);
    assert_figure("开展60学时执法培训", "60学时", 60.0, "学时", Duration, false);
    assert_figure("建设了24小时自助服务区", "24小时", 24.0, "小时", Duration, false);
    assert_figure("连续9年稳定", "9年", 9.0, "年", Duration, false);
    assert_figure("3个月内", "3个月", 3.0, "月", Duration, false);
    assert_figure("15日内作出决定", "15日", 15.0, "天", Duration, false);
}

#[test]
fn physical_units() {
    assert_figure("扣押沙土53793立方米", "53793立方米", 53793.0, "立方米", Other, false);
    assert_figure("耕地面积30.6亩", "30.6亩", 30.6, "亩", Other, false);
    assert_figure("卸载1500余吨货物", "1500余吨", 1500.0, "吨", Other, true);
    assert_figure("提高至5分和7分", "5分", 5.0, "分", Other, false);
    assert_figure("装机1.6亿千瓦", "1.6亿千瓦", 160000000.0, "千瓦", Other, false);
}

#[test]
fn ranks() {
    assert_figure("评估第二名。", "第二名", 2.0, "rank", Rank, false);
    assert_figure("司法榜排名第一;", "排名第一", 1.0, "rank", Rank, false);
    assert_figure("多次排名全省前三,", "前三", 3.0, "rank", Rank, true);
    assert_figure("位居全省65家基层法院前十名", "前十名", 10.0, "rank", Rank, true);
    assert_figure("信用监测指标升至33位。", "33位", 33.0, "rank", Rank, false);
    assert_figure("外县市区双第一的佳绩", "双第一", 1.0, "rank", Rank, false);
    assert_figure("(略) 第4;", "第4", 4.0, "rank", Rank, false);
    assert_figures("依法治州委员会第三次会议", &[]);
    assert_figures("第一批实行告知承诺制事项31项", &["31项"]);
    assert_figures("落实第一责任人职责", &[]);
    assert_figures("维护社会稳定“第一道防线”的作用", &[]);
    assert_figures("在第一阶段自查基础上", &[]);
    assert_figures("提前3天", &["3天"]);
    assert_figures("前三季度", &[]);
    assert_figure("聘请33位专家", "33位", 33.0, "位", Count, false);
}

#[test]
fn dates() {
    assert_figure("2021年以来", "2021年", 20210000.0, "date", Date, false);
    assert_figure("召开府院联动2022年度第一次联席会议", "2022年度", 20220000.0, "date", Date, false);
    assert_figure("2022年7月,依法", "2022年7月", 20220700.0, "date", Date, false);
    assert_figure("今年2月6日与2月8日", "2月8日", 208.0, "date", Date, false);
    assert_figure("截至11月底,", "11月底", 1100.0, "date", Date, false);
    assert_figure("8月下旬,", "8月下旬", 800.0, "date", Date, false);
    assert_figure("1月份、7月份", "7月份", 700.0, "date", Date, false);
    assert_figure("2021年1-12月,全区", "2021年1-12月", 20210000.0, "date", Date, false);
    assert_figure("时间: 2023-02-10", "2023-02-10", 20230210.0, "date", Date, false);
    assert_figure("发布时间: 2023-03-17 15:26 来源", "2023-03-17 15:26", 20230317.0, "date", Date, false);
    assert_figure("第十“宪法法律宣传月”12·4”宪法宣传周", "12·4", 1204.0, "date", Date, false);
    assert_figure("“6.5”世界环境日", "6.5", 605.0, "date", Date, false);
    assert_figure("2022年五月", "2022年五月", 20220500.0, "date", Date, false);
    assert_figure("2023年2月27日", "2023年2月27日", 20230227.0, "date", Date, false);
    assert_figures("12月", &["12月"]);
}

#[test]
fn ordinals_and_events_are_not_ranks() {
    assert_figures("十届二次全会精神", &[]);
    assert_figures("自治区第十次党代会", &[]);
    assert_figures("第3次会议", &[]);
}

// ---- structures ----

#[test]
fn lists_sharing_a_unit() {
    assert_figures("分别压减30%、82.39%", &["30%", "82.39%"]);
    assert_figures("时限分别压减30%82.39%;", &["30%", "82.39%"]);
    assert_figure("分别下降3、5个百分点", "3", 3.0, "百分点", Percent, false);
    assert_figure("3-5个工作日", "3", 3.0, "工作日", Duration, false);
}

#[test]
fn compounds_and_glued_numbers() {
    assert_figures("开展15场8600余人次", &["15场", "8600余人次"]);
    assert_figures("其中已办结16正在审理1五是充分发挥", &["16", "1"]);
    assert_figures("通过并领证19七是规范", &["19"]);
    assert_figures("共办理行政调解758、涉及当事人1446人", &["758", "1446人"]);
    assert_figures("宣传活动12场次、3.5万余人次二是加强", &["12场次", "3.5万余人次"]);
}

#[test]
fn rates() {
    assert_figure("满意率达97.1%。", "97.1%", 97.1, "%", Percent, false);
    assert_figure("调解成功率98%以上,", "98%以上", 98.0, "%", Percent, true);
    assert_figures("按时办结率、群众满意率均100%。", &["100%"]);
}

#[test]
fn flattened_tables() {
    assert_figures("行政复议 61 60 43\n", &["61", "60", "43"]);
    assert_figures("序号 项目 数量\n1 行政复议 61\n2 行政诉讼 23件", &["61", "23件"]);
}

// ---- not figures ----

#[test]
fn titles() {
    assert_figures("落实《法治政府建设实施纲要(2021-2025年)》精神", &[]);
    assert_figures("研究讨论《2021年克州行政立法工作计划》,", &[]);
    assert_figures("一是落实普法责任制制定印发2021年海南区普法宣传工作要点》二是", &[]);
    assert_figures("录制10个《中华人民共和国民法典》动漫视频", &["10个"]);
    assert_figures("《自治区贯彻落实<纲要2020—2025>实施方案》", &[]);
}

#[test]
fn document_and_index_numbers() {
    assert_figures("(海南政办发〔202130号),2021年以来", &["2021年"]);
    assert_figures("榆政发〔2021〕30号", &[]);
    assert_figures("索 引 号 01047834X/2023-00011 主题分类", &[]);
    assert_figures("电话:0471-3456789", &[]);
}

#[test]
fn hotlines() {
    assert_figures("七是整合政务服务便民热线12345。", &[]);
    assert_figures("已办结12345政务热线有效通话量8800个", &["8800个"]);
    assert_figures("三要加强12345服务热线平台建设", &[]);
}

#[test]
fn list_markers() {
    assert_figures("一是深化改革", &[]);
    assert_figures("(一)依法履行政府职能", &[]);
    assert_figures("1.构建科学规范制度体系", &[]);
    assert_figures("\n2、完善制度", &[]);
    assert_figures("(3)强化监督", &[]);
}

#[test]
fn slogans_and_names() {
    assert_figures("全面推进行政执法“三项制度”", &[]);
    assert_figures("落实三项制度", &[]);
    assert_figures("推行一网通办和最多跑一次", &[]);
    assert_figures("党的十九大和十九届六中全会", &[]);
    assert_figures("八五普法", &[]);
    assert_figures("推行“5+X”预约", &[]);
    assert_figures("构建1+4+X体系", &[]);
    assert_figures("增强“四个意识”、坚定“四个自信”、做到“两个维护”", &[]);
    assert_figures("实行“五统一”案件办理新模式", &[]);
    assert_figures("“十户一组”机制", &[]);
    assert_figures("“一次一评”“一事一评”", &[]);
    assert_figures("建立“三级四同”权责清单", &[]);
    assert_figures("围绕“一个中心,四个强市”发展战略", &[]);
    assert_figures("全市获评三级文明村319个", &["319个"]);
    assert_figures("全市建成市、乡、村、组四级网格机制", &["四级"]);
    assert_figures("住所六段式改革", &[]);
    assert_figures("乡一把手亲自", &[]);
    assert_figures("互联网+督查237件", &["237件"]);
    assert_figures("二次开发", &[]);
    assert_figures("每万人拥有律师", &[]);
    assert_figures("五棵树镇先行试点", &[]);
    assert_figures("铁人三项世界杯", &[]);
    assert_figures("实行收支两条线管理", &[]);
    assert_figures("乡领导干部无一人受到处理", &[]);
    assert_figures("市十六届人大三次会议确定的", &[]);
    assert_figures("浦东国际机场四期等重大项目", &[]);
    assert_figures("开展了三期集中学习培训", &["三期"]);
    assert_figures("预约二、三级医院专家号", &[]);
    assert_figures("国道318川藏线", &[]);
    assert_figures("推出首发经济3.0、", &[]);
    assert_figures("2026年02月10日 07时41分 来源", &["2026年02月10日"]);
}

#[test]
fn indefinite_and_idioms() {
    assert_figures("作为一项重要政治任务", &[]);
    assert_figures("进行一次全面清理", &[]);
    assert_figures("一批事关民生的立法项目5个", &["5个"]);
    assert_figures("让居民群众一目了然", &[]);
    assert_figures("打通服务群众和企业最后一公里", &[]);
    assert_figures("做到一项职权对应一条目录", &[]);
    assert_figures("惠及千家万户", &[]);
    assert_figures("数十家企业", &[]);
    assert_figures("上百人参加", &[]);
    assert_figures("在政务服务大厅一楼", &[]);
    assert_figures("利用每周一升国旗", &[]);
}

#[test]
fn clock_times_and_redactions() {
    assert_figures("每天9:00-17:00开放", &[]);
    assert_figures("办理x个", &[]);
    assert_figures("开展*次", &[]);
    assert_figures("20__年", &[]);
    assert_figures("x01x年", &[]);
    assert_figures("建设5G基站", &[]);
}

#[test]
fn page_counters() {
    assert_figures("浏览:5072次", &[]);
    assert_figures("阅读量: 12", &[]);
}

#[test]
fn excluded_ranges() {
    let text = "首页>2022年>通知\n收到申请61件";
    let line = text.find('\n').unwrap();
    let got: Vec<String> = extract(text, std::slice::from_ref(&(0..line))).into_iter().map(|f| f.text).collect();
    assert_eq!(got, ["61件"]);
}

// ---- meaning ----

#[test]
fn subjects_and_families() {
    assert_subject("收到行政复议申请61件,受理60件", "61件", Some("行政复议申请"), Some("reconsideration"));
    assert_subject("收到行政复议申请61件,受理60件", "60件", Some("行政复议申请"), Some("reconsideration"));
    assert_subject("出庭应诉率达99.66%", "99.66%", Some("出庭应诉率"), Some("court_appearance"));
    assert_subject("目前海南区共有1411个政务服务事项", "1411个", Some("政务服务事项"), Some("gov_services"));
    assert_subject("调解矛盾纠纷461件", "461件", Some("调解矛盾纠纷"), Some("mediation"));
    assert_subject("2022年,我县", "2022年", None, None);
    assert_subject("年度报告》,发布率达到 100%;", "100%", Some("发布率"), None);
    assert_subject("纠正不文明祭祀行为500余起", "500余起", Some("纠正不文明祭祀行为"), None);
    assert_subject("举办法治讲座91场次", "91场次", Some("法治讲座"), Some("training"));
}

// ---- spans ----

#[track_caller]
fn check_spans(text: &str) {
    for f in extract(text, &[]) {
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end), "{f:?}");
        assert_eq!(&text[f.span.start..f.span.end], f.text, "{f:?}");
        assert!(f.value.is_finite());
    }
}

#[test]
fn spans_are_input_slices() {
    check_spans("𠀀共办理１２００件,𠀀收到申请61件,萬元3萬元\u{3000}２０２２年７月");
    let all = extract("𠀀共办理１２００件", &[]);
    assert_eq!(all[0].text, "１２００件");
    assert_eq!(all[0].span.start, "𠀀共办理".len());
}

/// A tiny deterministic generator (no dependencies).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn property_spans_never_panic() {
    let pieces = [
        "1",
        "2",
        "0",
        "9",
        "12",
        "2022",
        "3.5",
        ".",
        ",",
        "，",
        "、",
        "-",
        "—",
        "·",
        ":",
        "/",
        "%",
        "％",
        "１",
        "２",
        "〇",
        "零",
        "一",
        "二",
        "两",
        "兩",
        "三",
        "十",
        "百",
        "千",
        "万",
        "萬",
        "亿",
        "億",
        "余",
        "多",
        "近",
        "约",
        "第",
        "前",
        "名",
        "位",
        "件",
        "项",
        "個",
        "场次",
        "人次",
        "元",
        "年",
        "月",
        "日",
        "号",
        "个工作日",
        "小时",
        "以上",
        "《",
        "》",
        "“",
        "”",
        "(",
        ")",
        "〔",
        "〕",
        "+",
        "X",
        "x",
        "*",
        "_",
        "是",
        "的",
        "𠀀",
        " ",
        "\u{3000}",
        "\n",
        "。",
        "热线",
        "排名",
        "百分之",
        "级",
        "、",
        "大",
    ];
    let mut rng = Rng(0x9e3779b97f4a7c15);
    for _ in 0..3000 {
        let len = (rng.next() % 24) as usize;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
        }
        check_spans(&s);
        // Excluded ranges on char boundaries of the random text.
        let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
        let a = bounds[(rng.next() % bounds.len() as u64) as usize];
        let b = bounds[(rng.next() % bounds.len() as u64) as usize];
        let r = a.min(b)..a.max(b);
        for f in extract(&s, std::slice::from_ref(&r)) {
            assert!(!(r.start <= f.span.start && f.span.start < r.end), "{f:?} starts in {r:?} of {s:?}");
            assert_eq!(&s[f.span.start..f.span.end], f.text);
        }
    }
}

#[test]
fn figures_are_ordered_and_disjoint() {
    let text = "共办理101.25万件,提供咨询17.79万人次,满意率100%。2021年1-12月,17件,其中已办结16正在审理1五是";
    let all = extract(text, &[]);
    for w in all.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{:?} / {:?}", w[0], w[1]);
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    for s in [
        "",
        "1",
        "一",
        "第",
        "百分之",
        "2022-",
        "2022年1-",
        "12·",
        "“6.",
        "(1",
        "〔2021",
        "前",
        "99999999999999999999999",
        "1,",
    ] {
        check_spans(s);
    }
    #[allow(clippy::reversed_empty_ranges)]
    let odd = [5..2, 0..100];
    let _ = extract("abc", &odd);
}

// ---- real pages (issue 23): text from PDFs, damaged dates, Chinese-numeral periods ----

#[test]
fn years_written_with_a_space_or_without_their_nian() {
    assert_figure("一、2021 年推进法治政府建设的举措", "2021 年", 20210000.0, "date", Date, false);
    assert_figure("围绕 2024 年度目标", "2024 年度", 20240000.0, "date", Date, false);
    // A clause that opens with a year whose 年 was lost.
    assert_figure("报告如下。2024坚持依法行政", "2024", 20240000.0, "date", Date, false);
    assert_figures("全县共有2024人参加", &["2024人"]);
}

#[test]
fn dates_whose_separators_were_lost() {
    assert_figure("立足实际20246月,开展清理", "20246月", 20240600.0, "date", Date, false);
    assert_figure("收回事项。2024815日,清单公布", "2024815日", 20240815.0, "date", Date, false);
    assert_figures("2024112日,清单公布", &[] as &[&str]);
    assert_figure("今天是 农历八月十五", "八月十五", 815.0, "date", Date, false);
}

#[test]
fn periods_in_chinese_numerals() {
    assert_figure("现将一年来的工作报告如下", "一年", 1.0, "年", Duration, false);
    assert_figure("五年来,我县坚持依法行政", "五年", 5.0, "年", Duration, false);
    assert_figure("连续两年获评先进", "两年", 2.0, "年", Duration, false);
    assert_figure("以每两月1次频次开展学法", "两月", 2.0, "月", Duration, false);
    // A year of a phrase, a grade, a name or a campaign.
    for t in [
        "这一年工作成效明显",
        "极其重要的一年。",
        "上一年度考核",
        "一年级学生",
        "一年一度的评议",
        "九年一贯制学校",
        "实现“三年三级跳”",
        "开展三年行动",
    ] {
        assert!(extract(t, &[]).iter().all(|f| f.kind != Duration), "{t}");
    }
}

#[test]
fn frequencies_levels_and_vague_words() {
    assert_figure("每季度听取一次工作汇报", "一次", 1.0, "次", Count, false);
    assert_figure("每年年初召开一次专题会议", "一次", 1.0, "次", Count, false);
    assert_figures("进行一次全面清理", &[] as &[&str]);
    assert_figure("形成乡村两级网格", "两级", 2.0, "级", Count, false);
    assert_figure("组成三个督导组", "三个", 3.0, "个", Count, false);
    assert_figures("成千上万群众参与", &[] as &[&str]);
}

#[test]
fn names_of_documents_sessions_and_editions() {
    assert_figures("纳入2023年普法依法治理工作要点、学习内容", &[] as &[&str]);
    assert_figures("落实“2023年法治建设工作要点”具体任务", &[] as &[&str]);
    assert_figures("贯彻落实某省2019年版收费目录", &[] as &[&str]);
    assert_figures("省委十一届三次、四次、五次全会精神", &[] as &[&str]);
    assert_figures("召开两次、三次专题会", &["两次", "三次"]);
    // A year opening a sentence about a plan is a date.
    assert_figure("2023年,我县制定工作要点", "2023年", 20230000.0, "date", Date, false);
    assert_figure("【2022年】某局2022年度报告", "2022年", 20220000.0, "date", Date, false);
}

#[test]
fn page_labels_grades_quoted_slogans_and_rate_rows() {
    assert_figures("工作情况报告 篇1", &[] as &[&str]);
    assert_figures("(开头部分已省略650字)", &[] as &[&str]);
    assert_figures("小学1-4年级每周2课时", &["2课时"]);
    assert_figures("提出“11个坚持”核心要义", &[] as &[&str]);
    assert_figures("出台“21条”措施", &["21条"]);
    assert_figure("打造“24小时自助服务区”", "24小时", 24.0, "小时", Duration, false);
    let t = "比例  | 49.66%  | 0  | 2.64%  |\n数量  | 75件  | 0  |";
    let got: Vec<(String, String)> = extract(t, &[]).into_iter().map(|f| (f.text, f.unit.to_string())).collect();
    let want = [("49.66%", "%"), ("0", "%"), ("2.64%", "%"), ("75件", "件"), ("0", "")];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
}
