// Types of the readers module (pkg/report_analyzer_readers.js, loaded on first use) and of the analysis
// module's analyzeDocument / detectFormat. Offsets in `headings` are UTF-8 byte offsets into `text`,
// to be handed back to analyzeDocument unchanged.

/** The kinds of file the page and the CLI read. "zip" is an archive of reports (listArchive). */
type DocumentFormat = "text" | "html" | "docx" | "pdf" | "ofd" | "doc" | "zip";

/** What readDocument returns: the decoded text every span of the analysis points into. */
interface ReadDocument {
  text: string;
  /** Never "zip" (readDocument refuses archives). */
  format: Exclude<DocumentFormat, "zip">;
  /** "UTF-8", "UTF-16LE" (.doc), "GB18030", "Big5", "UTF-16BE"… */
  encoding: string;
  headings: { start: number; level: number }[];
}

/** One report taken out of a .zip: its bytes, or why it could not be taken out. */
type ArchiveMember = { name: string; bytes: Uint8Array; error?: undefined } | { name: string; bytes?: undefined; error: string };

// The readers module's functions (their declarations are generated into report_analyzer_readers.d.ts):
//   detectFormat(bytes: Uint8Array, name: string): DocumentFormat | null   (also in the analysis module)
//   readDocument(bytes: Uint8Array, name: string): ReadDocument           throws Error
//   listArchive(bytes: Uint8Array, name: string): ArchiveMember[]         throws Error
// and the analysis module's analyzeDocument(doc: ReadDocument | DocxText, options?): FileResult.
