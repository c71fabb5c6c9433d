//! DOCX reader: the text of a WordprocessingML package as blocks, read with zip + quick-xml.
//!
//! Reading order of the blocks: the body (headings from outline levels and heading styles, list items
//! from numbering, every table cell, text boxes once) with each footnote or endnote right after the
//! paragraph that cites it, as in the ODT reader, or after the table when it is cited in a table cell (a
//! note never splits a table row), so that a note falls under the section that cites it; then the
//! headers and footers shown by any section (each part once). A note comes once, at its first citation;
//! a note cited only from deleted or hidden text, and separator and continuation notes, are left out.
//! Tracked deletions, comments, field codes and hidden text are not document text and stay out. DOCX has
//! no fixed pages, so no block has a page number.

mod body;
mod package;
mod styles;

use super::office_blocks::BlockAssembler;
use super::xml::{decode_part, Ns, XmlEvent, XmlReader};
use super::zip_container::ZipContainer;
use super::{BlockKind, Deadline, ErrorKind, ExtractError, Extracted, Limits, RawBlock, Result};
use body::{
    BodyReferences, HeaderSlot, NoteBlocks, NoteKind, PartContext, PartKind, SectionHeaders,
};
use package::Relationships;
use std::collections::HashSet;
use styles::{Numbering, Styles};

/// Signature of an OLE compound file: Word 97–2003 `.doc`, or a password-protected DOCX.
const COMPOUND_FILE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a DOCX file.
pub fn read(bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<Extracted> {
    if bytes.starts_with(&COMPOUND_FILE_SIGNATURE) {
        return Err(compound_file_error(bytes));
    }
    let mut zip = ZipContainer::open(bytes, limits, "DOCX")?;
    let main_part = package::main_document_part(&mut zip, limits, deadline)?;
    let document_xml = zip.read_required(&main_part)?;
    let relationships = package::read_relationships(&mut zip, &main_part, limits, deadline)?;
    let main_dir = main_part.rsplit_once('/').map_or("", |(dir, _)| dir);
    let part_of_kind = |kind: &str, default_file: &str| -> String {
        relationships
            .part_of_kind(kind)
            .map(str::to_owned)
            .unwrap_or_else(|| package::resolve_target(main_dir, default_file))
    };

    let styles_part = part_of_kind("styles", "styles.xml");
    let styles = match zip.read_optional(&styles_part)? {
        Some(xml) => Styles::parse(&xml, &styles_part, limits, deadline)?,
        None => Styles::default(),
    };
    let numbering_part = part_of_kind("numbering", "numbering.xml");
    let numbering = match zip.read_optional(&numbering_part)? {
        Some(xml) => Numbering::parse(&xml, &numbering_part, limits, deadline)?,
        None => Numbering::default(),
    };
    let settings_part = part_of_kind("settings", "settings.xml");
    let even_and_odd_headers = match zip.read_optional(&settings_part)? {
        Some(xml) => even_and_odd_headers(&xml, &settings_part, limits, deadline)?,
        None => false,
    };

    let ctx = PartContext {
        styles: &styles,
        numbering: &numbering,
        limits,
        deadline,
    };
    let mut out = BlockAssembler::new(limits);
    let document_xml = decode_part(&document_xml);
    let mut notes = read_notes(&mut zip, &document_xml, &part_of_kind, &ctx, &mut out)?;
    let mut table_counter = 0u32;
    let (references, _) = body::read_part(
        &document_xml,
        &main_part,
        PartKind::Body,
        &ctx,
        &mut out,
        &mut table_counter,
        Some(&mut notes),
    )?;
    append_headers_and_footers(
        &mut zip,
        &references,
        &relationships,
        even_and_odd_headers,
        &ctx,
        &mut out,
        &mut table_counter,
    )?;

    Ok(Extracted {
        pages: None,
        blocks: without_repeated_headers(out.finish()?),
    })
}

/// The footnotes and endnotes, read before the body so that the body can place each one where it is
/// cited. A notes part is read only when the body (already decoded) holds a reference of its kind at all;
/// which references count is decided while reading the body. The notes' blocks count against the limits
/// here; tables in notes do not take table numbers (their cells are notes).
fn read_notes(
    zip: &mut ZipContainer<'_>,
    document_xml: &[u8],
    part_of_kind: &dyn Fn(&str, &str) -> String,
    ctx: &PartContext<'_>,
    out: &mut BlockAssembler,
) -> Result<NoteBlocks> {
    let mut all = NoteBlocks::new();
    for (note_kind, reference, rel_kind, default_file, part_kind) in [
        (
            NoteKind::Footnote,
            "footnoteReference",
            "footnotes",
            "footnotes.xml",
            PartKind::Footnotes,
        ),
        (
            NoteKind::Endnote,
            "endnoteReference",
            "endnotes",
            "endnotes.xml",
            PartKind::Endnotes,
        ),
    ] {
        if !contains(document_xml, reference.as_bytes()) {
            continue;
        }
        let part = part_of_kind(rel_kind, default_file);
        let Some(xml) = zip.read_optional(&part)? else {
            continue;
        };
        let mut unnumbered_tables = 0u32;
        let (_, notes) = body::read_part(
            &xml,
            &part,
            part_kind,
            ctx,
            out,
            &mut unnumbered_tables,
            None,
        )?;
        all.extend(
            notes
                .into_iter()
                .map(|(id, blocks)| ((note_kind, id), blocks)),
        );
    }
    Ok(all)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The header and footer parts shown by the sections, in section order, each part once.
fn append_headers_and_footers(
    zip: &mut ZipContainer<'_>,
    references: &BodyReferences,
    relationships: &Relationships,
    even_and_odd_headers: bool,
    ctx: &PartContext<'_>,
    out: &mut BlockAssembler,
    table_counter: &mut u32,
) -> Result<()> {
    let mut seen = HashSet::new();
    for id in displayed_header_ids(&references.sections, even_and_odd_headers) {
        let Some(part) = relationships.part_for_id(&id) else {
            continue;
        };
        if !seen.insert(part.to_owned()) {
            continue;
        }
        let Some(xml) = zip.read_optional(part)? else {
            continue;
        };
        body::read_part(
            &xml,
            part,
            PartKind::HeaderFooter,
            ctx,
            out,
            table_counter,
            None,
        )?;
    }
    Ok(())
}

/// Relationship ids of the headers and footers a reader of the document sees: per section, the first-page
/// header/footer if the section has a title page, the default one, and the even-page one if the document
/// has different odd and even headers. A section without its own reference inherits the previous one's.
fn displayed_header_ids(sections: &[SectionHeaders], even_and_odd_headers: bool) -> Vec<String> {
    let mut ids = Vec::new();
    let mut headers: [Option<String>; 3] = Default::default();
    let mut footers: [Option<String>; 3] = Default::default();
    for section in sections {
        for (inherited, own) in [
            (&mut headers, &section.headers),
            (&mut footers, &section.footers),
        ] {
            for (slot, id) in own.iter().enumerate() {
                if id.is_some() {
                    inherited[slot] = id.clone();
                }
            }
        }
        for slots in [&headers, &footers] {
            let shown = [
                (HeaderSlot::First, section.title_page),
                (HeaderSlot::Default, true),
                (HeaderSlot::Even, even_and_odd_headers),
            ];
            for (slot, is_shown) in shown {
                if let (true, Some(id)) = (is_shown, &slots[slot as usize]) {
                    ids.push(id.clone());
                }
            }
        }
    }
    ids
}

/// The same header or footer text repeated (first-page and default headers alike, one per section)
/// is kept once.
fn without_repeated_headers(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    let mut seen = HashSet::new();
    blocks
        .into_iter()
        .filter(|b| b.kind != BlockKind::HeaderFooter || seen.insert(b.text.clone()))
        .collect()
}

/// `w:evenAndOddHeaders` in the settings part.
fn even_and_odd_headers(
    xml: &[u8],
    part_name: &str,
    limits: &Limits,
    deadline: Deadline,
) -> Result<bool> {
    let xml = decode_part(xml);
    let mut reader = XmlReader::new(&xml, "DOCX", part_name, limits.max_depth, deadline);
    loop {
        match reader.next()? {
            XmlEvent::Start(e) if e.ns == Ns::Word && e.local() == "evenAndOddHeaders" => {
                return Ok(e.is_on())
            }
            XmlEvent::Eof => return Ok(false),
            _ => {}
        }
    }
}

/// Why an OLE compound file is not readable as DOCX.
fn compound_file_error(bytes: &[u8]) -> ExtractError {
    let encrypted_package: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let scan = &bytes[..bytes.len().min(1024 * 1024)];
    if scan
        .windows(encrypted_package.len())
        .any(|w| w == encrypted_package.as_slice())
    {
        ExtractError::new(
            ErrorKind::Encrypted,
            "the DOCX is password-protected; save an unprotected copy to check it",
        )
    } else {
        ExtractError::new(
            ErrorKind::Unsupported,
            "this is an old Word 97-2003 document (.doc), not a DOCX; save it as .docx to check it",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(
        headers: [Option<&str>; 3],
        footers: [Option<&str>; 3],
        title_page: bool,
    ) -> SectionHeaders {
        SectionHeaders {
            headers: headers.map(|h| h.map(str::to_owned)),
            footers: footers.map(|f| f.map(str::to_owned)),
            title_page,
        }
    }

    #[test]
    fn shown_headers_follow_title_page_even_odd_and_inheritance() {
        // Section 1 defines default and first-page headers but has no title page; section 2 has one and
        // inherits both.
        let sections = [
            section(
                [Some("h1"), Some("h2"), Some("h3")],
                [Some("f1"), None, None],
                false,
            ),
            section([None, None, None], [None, None, None], true),
        ];
        assert_eq!(
            displayed_header_ids(&sections, false),
            vec!["h1", "f1", "h2", "h1", "f1"]
        );
        assert_eq!(
            displayed_header_ids(&sections[..1], true),
            vec!["h1", "h3", "f1"]
        );
    }

    #[test]
    fn old_doc_and_protected_docx_are_told_apart() {
        let mut doc = COMPOUND_FILE_SIGNATURE.to_vec();
        doc.extend_from_slice(&[0; 600]);
        assert_eq!(compound_file_error(&doc).kind, ErrorKind::Unsupported);
        let mut protected = doc.clone();
        protected.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(compound_file_error(&protected).kind, ErrorKind::Encrypted);
        assert_eq!(
            read(
                &protected,
                &Limits::default(),
                Deadline::after(std::time::Duration::from_secs(5))
            )
            .err()
            .map(|e| e.kind),
            Some(ErrorKind::Encrypted)
        );
    }
}
