//! Reading files into raw blocks of text: format sniffing and one reader per format.
//!
//! This layer knows nothing of rules or reports. A reader turns bytes into an [`Extracted`] — an ordered
//! list of [`RawBlock`]s (heading, paragraph, list item, table cell, note) with the page they sit on —
//! or an [`ExtractError`] whose [`ErrorKind`] is part of the JSON contract. Readers never print and never
//! panic on input: every size, count and depth a file controls is bounded by [`Limits`].

pub mod docx;
mod limits;
pub mod odt;
mod office_blocks;
pub mod pdf;
pub mod sniff;
pub mod text;
mod xml;
mod zip_container;

use std::path::Path;

pub use limits::{Deadline, LimitSettings, Limits};
pub use sniff::{sniff, Format};

/// What kind of block a piece of text is, as the source format says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; level 1 is the top.
    Heading { level: u8 },
    /// An ordinary paragraph of body text.
    Paragraph,
    /// An item of a numbered or bulleted list; level 1 is the outermost list.
    ListItem { level: u8 },
    /// One cell of a table; `table` counts tables from 0 in reading order, `row` and `col` from 0.
    TableCell { table: u32, row: u32, col: u32 },
    /// A footnote or endnote body (kept out of the sentence that refers to it).
    Note,
    /// Text of a page header or footer (DOCX/ODT; PDF running headers are dropped instead).
    HeaderFooter,
}

impl BlockKind {
    /// The kind's name in `extract --format json` and in rule `blocks` filters.
    pub fn name(&self) -> &'static str {
        match self {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem { .. } => "list_item",
            BlockKind::TableCell { .. } => "table_cell",
            BlockKind::Note => "note",
            BlockKind::HeaderFooter => "header_footer",
        }
    }
}

/// One block of text as read from the file, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    pub kind: BlockKind,
    pub text: String,
    /// 1-based page number, for formats that have pages (PDF).
    pub page: Option<u32>,
}

impl RawBlock {
    pub fn new(kind: BlockKind, text: impl Into<String>, page: Option<u32>) -> Self {
        RawBlock {
            kind,
            text: text.into(),
            page,
        }
    }
}

/// The text of one file, in reading order.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// Number of pages, for formats that have pages.
    pub pages: Option<u32>,
    pub blocks: Vec<RawBlock>,
}

/// Why a file could not be read. The names are part of the JSON contract (`error.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file needs a password to be opened.
    Encrypted,
    /// The file is damaged or not what its content claims to be.
    Corrupt,
    /// The file is of a format tenderlint does not read.
    Unsupported,
    /// A PDF with pages but (almost) no text: scanned, or text as images.
    NoTextLayer,
    /// The file exceeds a size, count, depth or time bound.
    TooLarge,
    /// The file could not be opened or read from disk.
    Io,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::NoTextLayer => "no_text_layer",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Io => "io",
        }
    }
}

/// A file that could not be read: the kind (for machines) and a sentence an officer can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExtractError {
    pub kind: ErrorKind,
    pub message: String,
}

impl ExtractError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ExtractError {
            kind,
            message: message.into(),
        }
    }
    pub fn corrupt(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Corrupt, message)
    }
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::TooLarge, message)
    }
}

pub type Result<T> = std::result::Result<T, ExtractError>;

/// Reads bytes of a known format.
pub fn extract_bytes(format: Format, bytes: &[u8], limits: &Limits) -> Result<Extracted> {
    let deadline = Deadline::after(limits.timeout);
    let out = match format {
        Format::Pdf => pdf::read(bytes, limits, deadline)?,
        Format::Docx => docx::read(bytes, limits, deadline)?,
        Format::Odt => odt::read(bytes, limits, deadline)?,
        Format::Markdown => text::read_markdown(&text::decode(bytes)?, limits)?,
        Format::Text => text::read_plain(&text::decode(bytes)?, limits)?,
    };
    if out.blocks.len() > limits.max_blocks {
        return Err(ExtractError::too_large(format!(
            "the document has more than {} blocks of text",
            limits.max_blocks
        )));
    }
    Ok(out)
}

/// Reads a file from disk: size check, sniffing, then the format's reader.
/// `Ok((format, extracted))`; an error names the cause (the caller adds the path).
pub fn extract_file(
    path: &Path,
    limits: &Limits,
) -> std::result::Result<(Format, Extracted), (Option<Format>, ExtractError)> {
    let meta = std::fs::metadata(path).map_err(|e| (None, io_error(&e)))?;
    if meta.len() > limits.max_file_bytes {
        return Err((
            None,
            ExtractError::too_large(format!(
                "the file is {} MB; the limit is {} MB",
                meta.len() / (1024 * 1024),
                limits.max_file_bytes / (1024 * 1024)
            )),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| (None, io_error(&e)))?;
    if bytes.is_empty() {
        return Err((
            None,
            ExtractError::corrupt("the file is empty (0 bytes): there is no document to read"),
        ));
    }
    let format = sniff(&bytes, path).ok_or_else(|| {
        (
            None,
            ExtractError::new(
                ErrorKind::Unsupported,
                "not a PDF, DOCX, ODT, Markdown or plain-text file",
            ),
        )
    })?;
    extract_bytes(format, &bytes, limits)
        .map(|e| (format, e))
        .map_err(|e| (Some(format), e))
}

fn io_error(e: &std::io::Error) -> ExtractError {
    ExtractError::new(ErrorKind::Io, format!("cannot read the file: {e}"))
}
