//! ODT reader: the text of an OpenDocument text document as blocks, read with zip + quick-xml.
//!
//! Reading order of the blocks: the body of `content.xml` (each footnote or endnote right after the
//! paragraph or cell citing it, its citation mark kept out of the sentence), then the headers and footers
//! of the master pages in `styles.xml`. Tracked deletions and annotations are not document text. A flat
//! ODT (`.fodt`, one XML file) is read the same way. ODT has no fixed pages, so no block has a page number.

mod content;

use super::office_blocks::BlockAssembler;
use super::xml::{decode_part, XmlReader};
use super::zip_container::ZipContainer;
use super::{BlockKind, Deadline, ErrorKind, ExtractError, Extracted, Limits, RawBlock, Result};
use std::collections::HashSet;

/// Reads an ODT (zipped) or flat ODT (plain XML) file.
pub fn read(bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<Extracted> {
    if looks_like_xml(bytes) {
        return read_flat(bytes, limits, deadline);
    }
    let mut zip = ZipContainer::open(bytes, limits, "ODT")?;
    if let Some(mimetype) = zip.read_optional("mimetype")? {
        let mimetype = String::from_utf8_lossy(&mimetype);
        if mimetype.contains("opendocument") && !mimetype.contains("opendocument.text") {
            return Err(ExtractError::new(
                ErrorKind::Unsupported,
                format!(
                    "the OpenDocument file is not a text document ({})",
                    mimetype.trim()
                ),
            ));
        }
    }
    if let Some(manifest) = zip.read_optional("META-INF/manifest.xml")? {
        if contains(&manifest, b"encryption-data") {
            return Err(ExtractError::new(
                ErrorKind::Encrypted,
                "the ODT is password-protected; save an unprotected copy to check it",
            ));
        }
    }
    let content_xml = zip.read_required("content.xml")?;
    let styles_xml = zip.read_optional("styles.xml")?;

    let mut out = BlockAssembler::new(limits);
    let mut table_counter = 0u32;
    let content_xml = decode_part(&content_xml);
    let reader = XmlReader::new(
        &content_xml,
        "ODT",
        "content.xml",
        limits.max_depth,
        deadline,
    );
    content::read_part(reader, &mut out, &mut table_counter)?;
    if let Some(styles_xml) = styles_xml {
        let styles_xml = decode_part(&styles_xml);
        let reader = XmlReader::new(&styles_xml, "ODT", "styles.xml", limits.max_depth, deadline);
        content::read_part(reader, &mut out, &mut table_counter)?;
    }
    Ok(Extracted {
        pages: None,
        blocks: arrange_headers(out.finish()?),
    })
}

/// A flat ODT: master pages and body in one XML document.
fn read_flat(bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<Extracted> {
    let xml = decode_part(bytes);
    let reader = XmlReader::new(
        &xml,
        "ODT",
        "the flat ODT document",
        limits.max_depth,
        deadline,
    );
    let mut out = BlockAssembler::new(limits);
    let mut table_counter = 0u32;
    content::read_part(reader, &mut out, &mut table_counter)?;
    Ok(Extracted {
        pages: None,
        blocks: arrange_headers(out.finish()?),
    })
}

/// Headers and footers go after the body (a flat ODT has its master pages first), each text once.
fn arrange_headers(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    let (headers, mut body): (Vec<RawBlock>, Vec<RawBlock>) = blocks
        .into_iter()
        .partition(|b| b.kind == BlockKind::HeaderFooter);
    let mut seen = HashSet::new();
    body.extend(headers.into_iter().filter(|b| seen.insert(b.text.clone())));
    body
}

fn looks_like_xml(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let start = &start[..start.len().min(64)];
    let trimmed = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &start[i..]);
    trimmed.starts_with(b"<")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
