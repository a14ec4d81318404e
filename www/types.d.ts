/** Offsets: `start`/`end` are UTF-8 byte offsets into the analysed text; `start16`/`end16` are the
 * same positions in UTF-16 code units (JavaScript string indices): `text.slice(start16, end16)`. */
export interface Span {
  start: number;
  end: number;
  start16: number;
  end16: number;
}

export type Level = "province" | "city" | "county" | "township" | "department" | "unknown";
export type DocKind = "annual_report" | "work_summary" | "self_inspection" | "other";
export type PartId = "R1" | "R2" | "R3" | "R4" | "R5";
export type FigureKind = "count" | "money" | "percent" | "duration" | "date" | "rank" | "other";
export type Status = "covered" | "mentioned" | "missing" | "not_applicable";

export interface Meta {
  title: string | null;
  title_span: Span | null;
  issuer: string | null;
  year: number | null;
  level: Level;
  /** The words that decided the level, e.g. "司法部 → 部门（“部”）"; null when it is unknown. */
  level_reason: string | null;
  /** YYYY-MM-DD */
  published: string | null;
  /** YYYY-MM-DD */
  signed: string | null;
  addressee: string | null;
  kind: DocKind;
  /** Why the document is `other`, or why it is a report when its title does not say; null when the title says. */
  kind_reason: string | null;
  index_number: string | null;
}

export interface Section extends Span {
  depth: number;
  marker: string;
  repaired_marker: string | null;
  number: number | null;
  style: "plain" | "chapter" | "cn_dun" | "cn_paren" | "arabic_dot" | "arabic_paren" | "circled" | "cn_shi";
  title: string;
  title_span: Span;
  run_in: boolean;
  part: PartId | null;
}

export interface Figure extends Span {
  text: string;
  value: number;
  unit: string;
  kind: FigureKind;
  approx: boolean;
  subject: string | null;
  family: string | null;
}

export interface Evidence extends Span {
  heading: boolean;
}

export interface ItemResult {
  id: string;
  name: string;
  group: string;
  /** The item this one details (a 纲要 area for its named sub-items). */
  parent: string | null;
  scored: boolean;
  status: Status;
  evidence: Evidence[];
}

export interface ChecklistResult {
  id: string;
  name: string;
  /** Why this checklist: the edition of the 纲要 chosen from the report year or goal formula. */
  note: string | null;
  items: ItemResult[];
}

export interface Dimension {
  id: string;
  name: string;
  score: number;
  max: number;
  reasons: string[];
}

export interface Score {
  total: number;
  max: number;
  dimensions: Dimension[];
}

export interface Defect extends Span {
  kind: string;
  message: string;
}

export interface Furniture extends Span {
  kind: string;
}

export interface Analysis {
  schema_version: number;
  source?: string;
  input: { bytes: number; chars: number; encoding: string; format: string };
  meta: Meta;
  sections: Section[];
  figures: Figure[];
  checklist: ChecklistResult;
  /** null when the document is not a 法治政府建设 report. */
  score: Score | null;
  defects: Defect[];
  furniture: Furniture[];
}

export interface FileResult {
  text: string;
  analysis: Analysis;
}

/** What `readDocx` (report_analyzer_docx.js) returns and `analyzeDocx` takes. */
export interface DocxText {
  text: string;
  /** Paragraphs in a Word heading style: `start` is a UTF-8 byte offset into `text` (hand it back unchanged). */
  headings: { start: number; level: number }[];
}

export interface ChecklistItem {
  id: string;
  name: string;
  group?: string;
  parent?: string | null;
  applicable?: boolean;
  cues: string[];
  heading_cues?: string[] | null;
  min_hits?: number;
  scored?: boolean;
  part?: "R1" | "R2" | "R2-causes" | "R3" | "R4" | "R5" | null;
}

export interface Checklist {
  id: string;
  name: string;
  description?: string | null;
  items: ChecklistItem[];
}

export interface AnalyzeOptions {
  checklist?: Checklist;
  source?: string;
  year?: number;
}

export type Cell = string | number | null;

/** The comparison of several reports (see compareTable). */
export interface ComparisonTable {
  /** Stable column ids: source, title, issuer, year, level, kind, published, signed, timely (按时/逾期,
   * empty when it cannot be judged), score, S1…S6,
   * R1, R2, R2C, R3, R4, areas_covered, figures, defects, then `{family}_count` / `{family}_rate`. */
  columns: string[];
  /** Chinese headers, one per column. */
  names: string[];
  rows: Cell[][];
  /** prev_year, then `{column}_change` for the score and each indicator. */
  yoy_columns: string[];
  yoy_rows: Cell[][];
}

/** What `summarizeBytes` / `summarizeDocument` return: a report's row of the comparison table (cells in
 * `compareColumns().columns` order) and what was read — what a batch keeps of each report. */
export interface ReportSummary {
  row: Cell[];
  input: { bytes: number; chars: number; encoding: string; format: string };
}
