//! Output formats of `analyze`: JSON, JSON lines, CSV of the figures, a Markdown summary. Each result
//! is rendered on the worker thread that analyzed it ([`render`]); the writer only joins them.

use std::io::Write;

use report_analyzer::Analysis;

use super::Format;

/// One analysis as `format` writes it (without what joins it to its neighbours).
pub fn render(format: Format, a: &Analysis) -> std::io::Result<Vec<u8>> {
    Ok(match format {
        Format::Json => serde_json::to_vec_pretty(a)?,
        Format::Jsonl => {
            let mut line = serde_json::to_vec(a)?;
            line.push(b'\n');
            line
        }
        Format::Csv => report_analyzer::export::figures_csv(std::slice::from_ref(a)).into_bytes(),
        Format::Md => report_analyzer::export::markdown(a).into_bytes(),
    })
}

pub struct Writer<W: Write> {
    format: Format,
    out: W,
    /// JSON with several inputs: an array, opened on the first result.
    array: bool,
    written: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(format: Format, out: W, inputs: usize) -> Self {
        Writer { format, out, array: format == Format::Json && inputs > 1, written: 0 }
    }

    /// Write one rendered result and flush, so that each appears as soon as it is ready.
    pub fn write(&mut self, rendered: &[u8]) -> std::io::Result<()> {
        match self.format {
            Format::Json if self.array => {
                self.out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                self.out.write_all(rendered)?;
            }
            Format::Json => {
                self.out.write_all(rendered)?;
                self.out.write_all(b"\n")?;
            }
            Format::Jsonl => self.out.write_all(rendered)?,
            // One header for all inputs: the first line of every later chunk is dropped.
            Format::Csv if self.written > 0 => {
                let body = rendered.iter().position(|&b| b == b'\n').map_or(&[][..], |n| &rendered[n + 1..]);
                self.out.write_all(body)?;
            }
            Format::Csv => self.out.write_all(rendered)?,
            Format::Md => {
                if self.written > 0 {
                    self.out.write_all(b"\n---\n\n")?;
                }
                self.out.write_all(rendered)?;
            }
        }
        self.written += 1;
        self.out.flush()
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        if self.array && self.written > 0 {
            self.out.write_all(b"\n]\n")?;
        } else if self.array {
            self.out.write_all(b"[]\n")?;
        }
        self.out.flush()
    }
}
