//! Output formats of `analyze`: JSON, JSON lines, CSV of the figures, a Markdown summary.

use std::io::Write;

use report_analyzer::Analysis;

use super::Format;

pub struct Writer<W: Write> {
    format: Format,
    out: W,
    /// JSON with several inputs: an array, opened on the first result.
    array: bool,
    written: usize,
    csv_header: bool,
}

impl<W: Write> Writer<W> {
    pub fn new(format: Format, out: W, inputs: usize) -> Self {
        Writer { format, out, array: format == Format::Json && inputs > 1, written: 0, csv_header: false }
    }

    pub fn write(&mut self, a: &Analysis) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                if self.array {
                    self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                }
                serde_json::to_writer_pretty(&mut self.out, a)?;
                if !self.array {
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, a)?;
                self.out.write_all(b"\n")?;
            }
            Format::Csv => self.csv(a)?,
            Format::Md => {
                if self.written > 0 {
                    self.out.write_all(b"\n---\n\n")?;
                }
                self.out.write_all(report_analyzer::export::markdown(a).as_bytes())?;
            }
        }
        self.written += 1;
        self.out.flush()
    }

    fn csv(&mut self, a: &Analysis) -> std::io::Result<()> {
        let csv = report_analyzer::export::figures_csv(std::slice::from_ref(a));
        // One header for all inputs: the first line of every later chunk is dropped.
        let body = if self.csv_header { csv.split_once("\r\n").map_or("", |(_, rest)| rest) } else { csv.as_str() };
        self.csv_header = true;
        self.out.write_all(body.as_bytes())
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        if self.array && self.written > 0 {
            self.out.write_all(b"\n]\n")?;
        } else if self.array && self.format == Format::Json {
            self.out.write_all(b"[]\n")?;
        }
        self.out.flush()
    }
}
