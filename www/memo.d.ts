// Types of the memo module (pkg/report_analyzer_memo.js): the 审核意见 of a report, its second review,
// the 通报 of a batch. Schema and wording: docs/memo.md. Every `start`/`end` is a UTF-8 byte offset into
// the report's text and `start16`/`end16` the same in UTF-16 code units: text.slice(start16, end16) === quote.

/** Where a problem is: the section holding it, a short quote (≤ 40 characters, one line) and its span. */
export interface MemoPlace extends Span {
  /** The innermost heading holding the quote, marker and title (`三、法治政府建设工作存在的问题和不足`). */
  section: string | null;
  quote: string;
}

export type MemoItemKind =
  | "not_a_report" | "part_missing" | "part_in_body" | "causes_missing" | "area_missing" | "few_figures"
  | "formula" | "plans_vague" | "plans_unlinked" | "copied" | "doc_kind" | "title" | "year_slip"
  | "numbering" | "late" | "undated" | "custom";

/** One problem of the memo. Only `problem` is required in a memo handed back (an item a reviewer adds). */
export interface MemoItem {
  /** Stable across versions of a report (`part:R3`, `causes`, `numbering:damaged_marker`, `areas`…):
   * the second review matches earlier items by it. Empty for an item a reviewer wrote. */
  id: string;
  kind: MemoItemKind;
  problem: string;
  /** The first place the problem shows; null for something missing. */
  where: MemoPlace | null;
  /** Further places of the same problem (absent when none). */
  also?: MemoPlace[];
  /** The requirement it rests on, in words (the rule by name and content). */
  requirement: string;
  /** What the requirement is: `R1`…`R4`, `R2C`, checklist items (`A3,A6`), `deadline`, `date`, `title`,
   * `numbering`, `report`; null for an item a reviewer wrote. */
  basis: string | null;
  suggestion: string;
}

export interface MemoReportRef {
  title: string | null;
  issuer: string | null;
  year: number | null;
  source: string | null;
}

export interface MemoSummary {
  score: number | null;
  max: number | null;
  /** Required contents present (heading or body): R1, R2, R2's causes, R3, R4 (three before 2019). */
  parts_present: number;
  parts_total: number;
  areas_covered: number;
  areas_mentioned: number;
  areas_total: number;
  timeliness: { which: "signed" | "published"; date: string; deadline: string; on_time: boolean } | null;
  /** Shares (0–1) from the similarity check, when it ran. */
  copied_share: number | null;
  previous_share: number | null;
  /** The paragraph of 一、总体评价. */
  text: string;
}

/** An earlier item judged on the resubmitted text. */
export interface MemoReviewed {
  /** The earlier item (its places point into the earlier version's text). */
  item: MemoItem;
  status: "fixed" | "open" | "manual";
  /** 已整改 · 未整改 · 待核实 (an item a reviewer wrote). */
  label: string;
  evidence: string;
  /** Where the evidence is, in the resubmitted text. */
  where: MemoPlace | null;
}

export interface MemoReview {
  previous: MemoReportRef;
  earlier: MemoReviewed[];
  /** `前次审核意见共N条，已整改…`. */
  summary: string;
}

/** The memo: what `memoItems` and `secondReview` return and `memoDocx`/`memoMarkdown` take back (items
 * removed, reordered, changed or added; `dismissed` lists the ids removed, so that a second review does
 * not raise them again). */
export interface Memo {
  schema_version: number;
  /** `关于《…》的审核意见` (`…修改稿的复审意见` in a second review). */
  title: string;
  /** 主送: the report's issuer. */
  addressee: string | null;
  opening: string;
  report: MemoReportRef;
  summary: MemoSummary;
  /** 二、主要问题和修改建议 (in a second review: the new problems). */
  items: MemoItem[];
  dismissed?: string[];
  /** Present in a second review. */
  review?: MemoReview;
  /** 三、修改要求. */
  request: string;
  office: string | null;
  /** YYYY-MM-DD; the document leaves `年 月 日` blank without it. */
  date: string | null;
  days: number;
}

/** A source sharing text with the report (from the similarity check). */
export interface CopiedSource {
  source: string;
  kind: "other_unit" | "previous_year";
  /** Share (0–1) of this report's text found in the source. */
  share: number;
  /** The shared passages, as byte spans into this report's text (start16/end16 ignored). */
  passages?: Span[];
}

/** What the similarity check found. A source gives a memo item when it holds 5% of the report or more
 * (one shared sentence is no copying to raise); 总体评价 gives `copied_share` whatever it is. */
export interface Similarity {
  copied_share?: number;
  previous_share?: number;
  sources?: CopiedSource[];
}

export interface MemoOptions {
  /** The reviewing office (`某市司法局`), in the request and the signature. */
  office?: string;
  /** Working days to resubmit (default 10). */
  days?: number;
  /** The memo's date, YYYY-MM-DD. */
  date?: string;
  similarity?: Similarity;
}

/** A report with the text its analysis was made of (what analyzeBytes / analyzeDocx return). */
export interface ReportText {
  analysis: Analysis;
  text: string;
}

export interface BulletinRank {
  rank: number;
  unit: string;
  title: string | null;
  year: number | null;
  score: number;
  /** S1–S6. */
  dimensions: (number | null)[];
  timely: "按时" | "逾期" | null;
  /** Required contents missing, by name. */
  missing: string[];
}

/** The 通报 of a batch. */
export interface Bulletin {
  title: string;
  opening: string;
  overview: string;
  ranking: BulletinRank[];
  /** Problems with the number and share (0–1) of reports having each, most frequent first. */
  common: { id: string; label: string; count: number; share: number }[];
  late: string[];
  undated: string[];
  missing: { unit: string; parts: string[] }[];
  not_reports: string[];
  request: string;
  office: string | null;
  date: string | null;
  days: number;
}
