//! report-analyzer: sections, figures and checklist coverage of Chinese 法治政府建设年度报告.
//!
//! The core is pure Rust (no wasm-bindgen): [`analyze`] takes the decoded text and [`Options`] and
//! returns an [`Analysis`]; [`analyze_bytes`] first decodes a file's bytes. The JS boundary is
//! `wasm.rs` (wasm32 only) and the CLI is `main.rs`; both are thin wrappers over these two calls.
//!
//! Pipeline (one module per step): decode → [`doc`] (lines, page furniture) → [`meta`] →
//! [`outline`] (sections, parts, numbering defects) → [`figures`] → [`checklist`] → [`score`].

pub mod checklist;
pub mod compare;
mod crc32;
pub mod decode;
pub mod doc;
pub mod error;
pub mod export;
pub mod figures;
pub mod furniture;
pub mod invariants;
pub mod json;
pub mod literals;
pub mod memo;
pub mod meta;
pub mod model;
pub mod normalize;
pub mod options;
pub mod order;
pub mod outline;
pub mod score;
mod scratch;
/// 雷同检测. In wasm only in its own module (feature `similar-api`): compiled into the others, it changed
/// LLVM's inlining there (the analysis module 344 bytes larger, none of its code in it).
#[cfg(any(not(target_arch = "wasm32"), feature = "similar-api"))]
pub mod similar;
pub mod text;

/// The JavaScript boundary (wasm32 only). Public so that its wasm tests can call it.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::Error;
pub use model::*;
pub use options::Options;

/// Largest input accepted, in bytes of decoded text. Larger inputs get [`Error::TooLarge`].
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Analyze a report given as text.
pub fn analyze(input: &str, options: &Options) -> Result<Analysis, Error> {
    analyze_decoded(input, decode::Decoded::plain(), options)
}

/// Analyze a report given as the bytes of a file (`name` hints at the format by its extension).
/// Returns the decoded text with the analysis, since every span points into that text.
#[cfg(not(target_arch = "wasm32"))]
pub fn analyze_bytes(bytes: &[u8], name: &str, options: &Options) -> Result<(String, Analysis), Error> {
    analyze_bytes_with(bytes, name, options, &decode::NativeDecoder)
}

/// [`analyze_bytes`] with the decoder of legacy encodings (GB18030, Big5) handed in: the browser's
/// `TextDecoder` in wasm, encoding_rs natively.
pub fn analyze_bytes_with(
    bytes: &[u8],
    name: &str,
    options: &Options,
    legacy: &dyn decode::LegacyDecoder,
) -> Result<(String, Analysis), Error> {
    let (text, info) = decode::decode(bytes, name, legacy)?;
    let analysis = analyze_decoded(&text, info, options)?;
    Ok((text, analysis))
}

/// Analyze text a decoder produced (`info` says how; its heading hints point into `input`).
pub fn analyze_decoded(input: &str, info: decode::Decoded, options: &Options) -> Result<Analysis, Error> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge { bytes: input.len(), limit: MAX_INPUT_BYTES });
    }
    if input.chars().all(text::is_space) {
        return Err(Error::Empty);
    }
    if let Some(c) = &options.checklist {
        c.validate()?;
    }
    let doc = doc::Doc::with_hints(input, info.heading_hints.clone());
    let mut meta = meta::extract(&doc);
    if let Some(y) = options.year {
        meta.year = Some(y);
    }
    // The checklist's scan of the body text comes first: it finds the words of the outline's body cues
    // in the same pass.
    let own;
    let (list, compiled, note) = match &options.checklist {
        Some(list) => {
            own = checklist::Compiled::new(list);
            (list, &own, None)
        }
        None => {
            let (edition, why) = checklist::Edition::choose(meta.year, doc.matchable.text());
            let (list, compiled) = checklist::builtin(edition);
            (list, compiled, Some(why))
        }
    };
    let cue_hits = checklist::scan(compiled, &doc);
    let outline = outline::extract(&doc, meta.year);
    let figures = figures::extract_matched(input, &doc.excluded_ranges(), &doc.matchable);
    let checklist = checklist::apply_scanned(list, compiled, &doc, &outline, note, &cue_hits);
    let score = score::score(&doc, &meta, &outline, &figures, &checklist);
    let mut defects = outline.defects.clone();
    defects.extend(meta::form_defects(&doc, &meta));
    order::sort_by_key(&mut defects, |d| order::pair(d.span.start, d.span.end));
    Ok(Analysis {
        schema_version: model::SCHEMA_VERSION,
        source: options.source.clone(),
        input: model::InputInfo {
            bytes: input.len(),
            chars: doc.matchable.original_chars(),
            encoding: info.encoding.to_string(),
            format: info.format.to_string(),
        },
        meta,
        sections: outline.sections,
        figures,
        checklist,
        score,
        defects,
        furniture: doc.furniture_items(),
    })
}
