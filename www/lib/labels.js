// The Chinese labels of the analysis' ids (levels, kinds, parts, statuses, figure kinds and families,
// furniture), shared by the views, the batch table and the exports.

export const LEVELS = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇（街道）",
  department: "部门",
  unknown: "未识别",
};
export const KINDS = {
  annual_report: "法治政府建设年度报告",
  work_summary: "法治政府建设工作总结",
  self_inspection: "法治政府建设自查报告",
  other: "其他文档（不是法治政府建设报告）",
};
/** Short names of the kinds, for table cells and filters. */
export const KIND_SHORT = { annual_report: "年度报告", work_summary: "工作总结", self_inspection: "自查报告", other: "其他文档" };
export const PARTS = {
  R1: "上一年度主要举措和成效",
  R2: "存在的不足",
  R3: "党政主要负责人履行第一责任人职责",
  R4: "下一年度主要安排",
  R5: "其他需要报告的情况",
};
/** The required parts the comparison table has a column for, with short names. */
export const PART_COLUMNS = { R1: "举措成效", R2: "不足", R2C: "原因", R3: "第一责任人", R4: "下年安排" };
export const GROUPS = { parts: "必备内容（R）", areas: "纲要领域（A）", other: "其他" };
export const STATUS = {
  covered: { icon: "✓", label: "已覆盖" },
  mentioned: { icon: "△", label: "仅提及" },
  missing: { icon: "✗", label: "缺失" },
  not_applicable: { icon: "—", label: "不适用" },
};
export const FIGURE_KINDS = {
  count: "数量",
  money: "金额",
  percent: "比例",
  duration: "时长",
  date: "日期",
  rank: "排名",
  other: "其他",
};
/** Indicator families of figures (`figure.family`), in the order of the comparison table. */
export const FAMILIES = {
  reconsideration: "行政复议",
  litigation: "行政诉讼",
  court_appearance: "出庭应诉",
  normative_docs: "规范性文件",
  major_decisions: "重大行政决策",
  legality_review: "合法性审查",
  legal_counsel: "法律顾问",
  enforcement: "行政执法",
  gov_services: "政务服务",
  disclosure: "政务公开",
  hotline_petitions: "热线与信访",
  mediation: "调解",
  training: "学法培训",
  publicity: "普法",
  inspection: "督察考核",
};
export const familyName = (id) => (id ? FAMILIES[id] ?? id : null);
export const FURNITURE = {
  breadcrumb: "面包屑导航",
  navigation: "网站导航",
  page_meta: "网页信息",
  toolbar: "网页工具栏",
  footer: "页脚",
  related: "相关链接",
};
/** Defect kinds, grouped as the 问题 view lists them. */
export const DEFECT_GROUPS = {
  numbering: { label: "编号与层级", kinds: ["damaged_marker", "skipped_number", "duplicate_number", "restarted_number", "level_order"] },
  year: { label: "年份", kinds: ["year_slip"] },
  form: { label: "标题与形式", kinds: ["missing_title", "title_without_year"] },
};
