// 雷同检测: the similar module (pkg/report_analyzer_similar.js), loaded on first use. Emitted into
// pkg/report_analyzer_similar.d.ts. Shares are fractions (0.1234 = 12.34%) of a report's characters as
// compared: letters and digits outside page furniture, a masked name or number counting one.

/** What the page knows of a report (`addReport`'s second argument). Issuer and year default to what the
 * text says (the analysis's `meta.issuer`, `meta.year`); `previous` marks an earlier report given for
 * reference (last year's), compared with the others but not with other earlier ones. */
export interface ReportInfo {
  source?: string | null;
  issuer?: string | null;
  year?: number | null;
  previous?: boolean;
}

/** One input of `similarity`: a text with what is known of it. */
export interface ReportInput extends ReportInfo {
  text: string;
}

export interface SimilarityOptions {
  /** A passage found in more than this many reports is boilerplate (default 10). */
  boilerplate?: number;
  /** Pairs whose larger share is below this are left out (default 0: every pair with a counted passage). */
  min_share?: number;
  /** Pairs the reviewer found legitimate (a joint report), as report indices `[[0, 3], …]`: listed with
   * `dismissed: true`, left out of the reports' measures (copied and previous shares, sources). */
  dismissed?: [number, number][];
}

/** How two reports relate: different units; the same unit, one report earlier (the previous year's, or
 * given as `previous`); the same unit and year (a mirror, a second copy). */
export type SimilarityKind = "other_unit" | "previous_year" | "same_unit";

export interface SimilarSource {
  /** Index of the other report. */
  report: number;
  /** Its share of this report. */
  share: number;
}

/** A report's measures. */
export interface SimilarReport {
  index: number;
  source: string | null;
  issuer: string | null;
  year: number | null;
  previous: boolean;
  /** The unit as compared (its most specific name): equal units are the same unit. */
  unit: string | null;
  /** Characters compared (its body). */
  chars: number;
  /** Share of its characters found in other units' reports (all of them together). */
  copied_share: number;
  copied_chars: number;
  /** The other unit's report that shares the most with it. */
  largest_source: SimilarSource | null;
  /** 本单位上年复制比: share of its characters found in the same unit's earlier reports. */
  previous_share: number;
  previous_chars: number;
  previous_source: SimilarSource | null;
}

/** A span in one text: UTF-8 bytes (`start`, `end`) and UTF-16 units (`text.slice(start16, end16)`). */
export interface SimilarSpan {
  start: number;
  end: number;
  start16: number;
  end16: number;
}

export interface SimilarPassage {
  left: SimilarSpan;
  right: SimilarSpan;
  /** Characters matched (a masked name or number one). */
  chars: number;
  /** Formulas or text found in many reports: shown (grey), not counted. */
  boilerplate: boolean;
  /** When the passage joins exact matches across small insertions: each match (the gaps differ). */
  parts?: { left: SimilarSpan; right: SimilarSpan }[];
}

/** Two reports that share counted passages. */
export interface SimilarPair {
  left: number;
  right: number;
  kind: SimilarityKind;
  /** Share of each report's characters in passages shared with the other (containment, as CNKI's 复制比). */
  left_share: number;
  right_share: number;
  left_chars: number;
  right_chars: number;
  /** Characters of the longest counted passage. */
  longest: number;
  /** Counted (not boilerplate) passages. */
  passage_count: number;
  /** Present (true) when the pair is in `options.dismissed`. */
  dismissed?: boolean;
  /** From `similarity` and `pairPassages` only: every passage, boilerplate included, by left position. */
  passages?: SimilarPassage[];
}

export interface SimilarityResult {
  boilerplate: number;
  min_share: number;
  /** One per report, in the order added. */
  reports: SimilarReport[];
  /** By larger share, descending. */
  pairs: SimilarPair[];
}

/** `pairPassages`' result: the pair as asked (`left`, `right` in the order given), with its passages;
 * shares 0 when the two reports share no counted passage. */
export interface PairPassages extends SimilarPair {
  passages: SimilarPassage[];
}

/** A counted passage of one report and the report it is shared with (`reportPassages`). */
export interface ReportPassage extends SimilarSpan {
  source: number;
  kind: SimilarityKind;
  chars: number;
}
