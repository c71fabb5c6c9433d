//! The DOCX and ODT readers on real files: the robustness corpus (python-docx, mammoth.js and odfpy test
//! files) must read without a panic, and named files must give exactly the text a reader of the document
//! sees. Two tenders from the accuracy corpus check headings, sentences and tables.

use std::io::{Cursor, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tenderlint::extract::{
    docx, odt, BlockKind, Deadline, ErrorKind, ExtractError, Extracted, Limits,
};

use BlockKind::{HeaderFooter, Heading, ListItem, Note, Paragraph as Para, TableCell as Cell};

/// The kind of the table cell at `table`, `row`, `col`.
fn at(table: u32, row: u32, col: u32) -> BlockKind {
    Cell { table, row, col }
}

fn shared(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative)
}

type Reader = fn(&[u8], &Limits, Deadline) -> Result<Extracted, ExtractError>;

/// Reads every file with `extension` in `folder`; a panic fails the test at once.
fn read_folder(
    folder: &str,
    extension: &str,
    reader: Reader,
) -> Vec<(String, Result<Extracted, ExtractError>)> {
    let dir = shared(folder);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus folder {} is missing: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    paths.sort();
    let limits = Limits::default();
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            let deadline = Deadline::after(Duration::from_secs(60));
            let result = catch_unwind(AssertUnwindSafe(|| reader(&bytes, &limits, deadline)))
                .unwrap_or_else(|_| panic!("the reader panicked on {name}"));
            (name, result)
        })
        .collect()
}

fn read_file(relative: &str) -> Vec<(BlockKind, String)> {
    let path = shared(relative);
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let deadline = Deadline::after(Duration::from_secs(60));
    let result = if relative.ends_with(".odt") {
        odt::read(&bytes, &Limits::default(), deadline)
    } else {
        docx::read(&bytes, &Limits::default(), deadline)
    };
    let extracted = result.unwrap_or_else(|e| panic!("{relative} should read: {e}"));
    extracted
        .blocks
        .into_iter()
        .map(|b| (b.kind, b.text))
        .collect()
}

fn docx_file(name: &str) -> Vec<(BlockKind, String)> {
    read_file(&format!("robustness/docx/{name}.docx"))
}

fn odt_file(name: &str) -> Vec<(BlockKind, String)> {
    read_file(&format!("robustness/odt/{name}.odt"))
}

fn blocks(expected: &[(BlockKind, &str)]) -> Vec<(BlockKind, String)> {
    expected.iter().map(|(k, t)| (*k, t.to_string())).collect()
}

fn all_text(blocks: &[(BlockKind, String)]) -> String {
    blocks
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_docx_of_the_robustness_corpus_reads() {
    let results = read_folder("robustness/docx", "docx", docx::read);
    assert_eq!(results.len(), 63, "the corpus has 63 DOCX files");
    let failures: Vec<String> = results
        .iter()
        .filter_map(|(name, r)| r.as_ref().err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(failures.is_empty(), "unreadable DOCX files: {failures:#?}");
    let with_text = results
        .iter()
        .filter(|(_, r)| r.as_ref().is_ok_and(|e| !e.blocks.is_empty()))
        .count();
    assert_eq!(
        with_text, 43,
        "DOCX files with text (the other 20 are blank templates and image-only files)"
    );
}

#[test]
fn every_odt_of_the_robustness_corpus_reads_except_the_one_with_an_external_entity() {
    let results = read_folder("robustness/odt", "odt", odt::read);
    // The corpus README speaks of 22 ODT files; its manifest and folder hold 21.
    assert_eq!(results.len(), 21, "the corpus has 21 ODT files");
    for (name, result) in &results {
        match (name.as_str(), result) {
            // nasty.odt refers to an external entity (file contents); it is never fetched or expanded.
            ("eea_tests_examples_nasty.odt", Err(e)) => {
                assert_eq!(e.kind, ErrorKind::Corrupt);
                assert!(
                    e.message.contains("undefined entity '&nasty;'"),
                    "{}",
                    e.message
                );
            }
            ("eea_tests_examples_nasty.odt", Ok(_)) => panic!("nasty.odt must not read"),
            (_, Err(e)) => panic!("{name} should read: {e}"),
            (_, Ok(extracted)) => assert!(!extracted.blocks.is_empty(), "{name} has text"),
        }
    }
}

#[test]
fn mammoth_notes_comments_text_boxes_and_formats() {
    let footnote_body = blocks(&[
        (Para, "Ouch."),
        (Note, " A tachyon walks into a bar."),
        (Note, " Fin."),
    ]);
    assert_eq!(
        docx_file("mwilliamson_test_test-data_footnotes"),
        footnote_body
    );
    assert_eq!(
        docx_file("mwilliamson_test_test-data_endnotes"),
        footnote_body
    );
    assert_eq!(
        docx_file("mwilliamson_test_test-data_footnote-hyperlink"),
        blocks(&[(Note, " Example")])
    );
    // The comments ("A tachyon walks into a bar.", "Fin.") are not document text.
    assert_eq!(
        docx_file("mwilliamson_test_test-data_comments"),
        blocks(&[(Para, "Ouch.")])
    );
    // The text box exists as a DrawingML choice and a VML fallback: read once.
    assert_eq!(
        docx_file("mwilliamson_test_test-data_text-box"),
        blocks(&[(Para, "Datum plane")])
    );
    assert_eq!(
        docx_file("mwilliamson_test_test-data_strict-format"),
        blocks(&[(Para, "Test")])
    );
    assert_eq!(
        docx_file("mwilliamson_test_test-data_utf8-bom"),
        blocks(&[(Para, "This XML has a byte order mark.")])
    );
    assert_eq!(
        docx_file("mwilliamson_test_test-data_simple-list"),
        blocks(&[
            (ListItem { level: 1 }, "Apple"),
            (ListItem { level: 1 }, "Banana")
        ])
    );
    assert_eq!(
        docx_file("mwilliamson_test_test-data_tables"),
        blocks(&[
            (Para, "Above"),
            (at(0, 0, 0), "Top left"),
            (at(0, 0, 1), "Top right"),
            (at(0, 1, 0), "Bottom left"),
            (at(0, 1, 1), "Bottom right"),
            (Para, "Below"),
        ])
    );
}

#[test]
fn python_docx_comments_headers_footers_and_sections() {
    let commented = docx_file("python-openxml_features_steps_test_files_comments-rich-para");
    let text = all_text(&commented);
    assert!(text.contains("Some text worthy of note."), "{text}");
    for comment_text in [
        "Text with hyperlink",
        "inline image",
        "character style",
        "Heading 2 paragraph style",
    ] {
        assert!(
            !text.contains(comment_text),
            "comment text leaked: {comment_text}"
        );
    }

    // One section: default header and footer shown; even and first-page ones are not (no title page,
    // no different odd and even pages).
    assert_eq!(
        docx_file("python-openxml_features_steps_test_files_hdr-header-footer"),
        blocks(&[
            (Para, "section with header"),
            (Para, "section without header of its own."),
            (HeaderFooter, "Header for section-1"),
            (HeaderFooter, "Footer for section 1"),
        ])
    );
    // Different odd and even pages: both headers.
    assert_eq!(
        docx_file("python-openxml_features_steps_test_files_doc-odd-even-hdrs"),
        blocks(&[
            (Para, "First Page."),
            (Para, "Second Page."),
            (HeaderFooter, "Odd page header."),
            (HeaderFooter, "Even page header."),
        ])
    );
    // The first-page header is defined in section 1 but shown only in section 2, which has a title page.
    let two_sections = docx_file("python-openxml_features_steps_test_files_sct-first-page-hdrftr");
    let headers: Vec<&str> = two_sections
        .iter()
        .filter(|(k, _)| *k == HeaderFooter)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        headers,
        [
            "Default (odd, primary) Header",
            "First Page Header (section 2)"
        ]
    );
    // Title page and odd/even pages: all six.
    let all_six = docx_file("python-openxml_features_steps_test_files_doc-add-section");
    assert_eq!(
        all_six.iter().filter(|(k, _)| *k == HeaderFooter).count(),
        6
    );
    assert!(all_six.contains(&(
        HeaderFooter,
        "Primary (Odd-Page) Footer content".to_string()
    )));

    assert_eq!(
        docx_file("python-openxml_features_steps_test_files_par-known-styles"),
        blocks(&[
            (Para, "no specified style"),
            (Para, "missing style"),
            (Heading { level: 1 }, "Heading 1"),
            (Para, "Body Text"),
        ])
    );
    // A cell holding a nested table: the cell's own paragraphs first, then the nested table.
    assert_eq!(
        docx_file("python-openxml_features_steps_test_files_blk-paras-and-tables"),
        blocks(&[
            (
                Para,
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit."
            ),
            (at(1, 0, 0), "Text before Text after"),
            (at(2, 0, 0), "Table"),
            (at(2, 1, 0), "Between"),
            (Para, "Donec semper facilisis metus finibus malesuada."),
            (HeaderFooter, "Left-side"),
            (HeaderFooter, "Right-side"),
            (HeaderFooter, "Copyright"),
            (HeaderFooter, "Page-number"),
        ])
    );
    // Merged cells: a horizontally merged cell moves the next one to its grid column.
    let merged = docx_file("python-openxml_features_steps_test_files_tbl-cell-props");
    assert!(
        merged.contains(&(at(0, 2, 2), "j".to_string())),
        "{merged:?}"
    );
}

#[test]
fn odfpy_headers_lists_tables_and_spaces() {
    assert_eq!(
        odt_file("eea_tests_examples_headerfooter"),
        blocks(&[
            (Heading { level: 1 }, "Lorem ipsum"),
            (HeaderFooter, "Header 1 Test"),
            (HeaderFooter, "Footer 1 Bottom"),
        ])
    );
    assert_eq!(
        odt_file("eea_tests_examples_twolevellist"),
        blocks(&[
            (Para, "Line 1"),
            (ListItem { level: 1 }, "Item A"),
            (ListItem { level: 1 }, "Item B"),
            (ListItem { level: 2 }, "Subitem B.1"),
            (ListItem { level: 2 }, "Subitem B.2 (bold)"),
            (ListItem { level: 1 }, "Item C"),
            (Para, "Line 4"),
        ])
    );
    assert_eq!(
        odt_file("eea_tests_examples_simpletable"),
        blocks(&[
            (at(0, 0, 0), "Cell 1"),
            (at(0, 0, 1), "Cell 2"),
            (at(0, 1, 0), "Cell 3 (bold)"),
            (at(0, 1, 1), "Cell 4 (italic)"),
        ])
    );
    // text:s with a count keeps the spaces; text:line-break and text:tab become spaces.
    let poem = odt_file("eea_tests_examples_serious_poem");
    assert_eq!(poem.len(), 1);
    assert!(
        poem[0]
            .1
            .starts_with("The boy stood    on the burning deck,  Whence all but  him had fled."),
        "{poem:?}"
    );
    // The table of contents is visible text; its template ("index-title-template") is not.
    let api = odt_file("eea_api-for-odfpy");
    assert_eq!(api[3], (Para, "Contents".to_string()));
    assert_eq!(api[4], (Para, "1 Introduction 3".to_string()));
    assert!(api.contains(&(Heading { level: 1 }, "Introduction".to_string())));
    assert!(api.contains(&(Heading { level: 2 }, "About OpenDocument".to_string())));
}

#[test]
fn dutch_wmo_contract_headings_and_sentences() {
    let wmo = read_file("corpus/files/NL_vng_overeenkomst_wmo.docx");
    let headings: Vec<(u8, &str)> = wmo
        .iter()
        .filter_map(|(k, t)| match k {
            Heading { level } => Some((*level, t.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(headings.len(), 56);
    assert_eq!(headings[0], (1, "Overeenkomst-Wmo-versie-1.2"));
    assert!(headings.contains(&(1, "Deel 3: Generieke bepalingen")));
    assert!(headings.contains(&(
        2,
        "Hoofdstuk 2: Informatievoorziening, overleg en uitwisseling gegevens"
    )));
    assert!(headings.contains(&(3, "Artikel 3.10 – Informatievoorziening aan de gemeente")));
    assert_eq!(
        headings.last(),
        Some(&(3, "Artikel 3.31 – Inbreuk persoonsgegevens"))
    );

    assert!(wmo.contains(&(
        Para,
        "afzonderlijk van elkaar te noemen Partij en samen te noemen Partijen.".to_string()
    )));
    assert!(wmo.contains(&(
        ListItem { level: 1 },
        "Opdrachtnemer aan alle eisen voor geschiktheid voldeed;".to_string()
    )));
    assert!(wmo.contains(&(
        ListItem { level: 1 },
        "deze veranderingen daarom leiden tot een grote maatschappelijke opgave in een transformatieopdracht voor gemeenten en aanbieders;".to_string()
    )));
    assert!(wmo.contains(&(at(0, 2, 3), "Definitieve versie".to_string())));
    assert_eq!(
        wmo.iter()
            .filter(|(k, _)| matches!(k, ListItem { .. }))
            .count(),
        153
    );
    assert_eq!(
        wmo.iter().filter(|(k, _)| matches!(k, Cell { .. })).count(),
        12
    );
}

#[test]
fn rfq_tables_every_cell() {
    let rfq = read_file("corpus/files/18F_tdrs_FINAL_RFQ.docx");
    let cells: Vec<(u32, u32, u32, &str)> = rfq
        .iter()
        .filter_map(|(k, t)| match k {
            Cell { table, row, col } => Some((*table, *row, *col, t.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(cells.len(), 113);
    assert_eq!(cells[0], (0, 0, 0, "Item"));
    assert!(cells.contains(&(0, 1, 1, "April 30, 2020 at noon, eastern")));
    assert!(cells.contains(&(1, 1, 1, "Brian Burns")));
    assert!(cells.contains(&(
        4,
        2,
        1,
        "Minimum of 90% test coverage of all code. All areas of code are meaningfully tested."
    )));
    assert!(cells.contains(&(5, 2, 1, "0 linting errors and 0 warnings")));
    assert!(rfq.contains(&(
        Heading { level: 3 },
        "3.2  Quality Assurance Surveillance Plan (QASP)".to_string()
    )));
    assert!(rfq.contains(&(Heading { level: 1 }, "Request for Quote".to_string())));
}

/// A small deterministic pseudo-random sequence (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The same archive with every XML part damaged in a few places (markup characters dropped in,
/// stretches duplicated), re-zipped so that the damage reaches the XML parser.
fn damage_xml_parts(bytes: &[u8], rng: &mut Lcg) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).ok()?;
        if name.ends_with(".xml") && !data.is_empty() {
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(data.len());
                match rng.below(4) {
                    0 => data[at] = b'<',
                    1 => data[at] = b'&',
                    2 => data[at] = b'"',
                    _ => {
                        let end = (at + rng.below(300)).min(data.len());
                        let stretch = data[at..end].to_vec();
                        data.splice(at..at, stretch);
                    }
                }
            }
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .ok()?;
        writer.write_all(&data).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

#[test]
fn damaged_copies_of_every_corpus_file_never_panic() {
    let mut rng = Lcg(20_240_517);
    let mut files: Vec<PathBuf> = Vec::new();
    for folder in ["robustness/docx", "robustness/odt"] {
        let dir = shared(folder);
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{} is missing: {e}", dir.display()));
        files.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    files.push(shared("corpus/files/NL_vng_overeenkomst_wmo.docx"));
    files.sort();
    let limits = Limits::default();
    let (mut read, mut rejected) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let is_odt = path.extension().is_some_and(|e| e == "odt");
        let mut mutants = Vec::new();
        for _ in 0..2 {
            let mut flipped = bytes.clone();
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(flipped.len());
                flipped[at] ^= 1 << rng.below(8);
            }
            mutants.push(flipped);
            mutants.push(bytes[..rng.below(bytes.len())].to_vec());
        }
        for _ in 0..3 {
            mutants.extend(damage_xml_parts(&bytes, &mut rng));
        }
        for mutant in &mutants {
            let deadline = Deadline::after(Duration::from_secs(60));
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if is_odt {
                    odt::read(mutant, &limits, deadline)
                } else {
                    docx::read(mutant, &limits, deadline)
                }
            }));
            match outcome {
                Ok(Ok(_)) => read += 1,
                Ok(Err(_)) => rejected += 1,
                Err(_) => panic!("a damaged copy of {} made the reader panic", path.display()),
            }
        }
    }
    assert!(
        rejected > read,
        "most damaged copies are rejected ({rejected} rejected, {read} read)"
    );
}
