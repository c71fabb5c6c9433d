//! The ODT reader on documents built in the test from hand-written `content.xml` / `styles.xml`, zipped
//! here. Every test asserts the exact blocks (kind, text, order).

use std::io::{Cursor, Write};
use std::time::Duration;
use tenderlint::extract::{odt, BlockKind, Deadline, ErrorKind, ExtractError, Limits};
use zip::write::SimpleFileOptions;

use BlockKind::{HeaderFooter, Heading, ListItem, Note, Paragraph as Para, TableCell as Cell};

/// The kind of the table cell at `table`, `row`, `col`.
fn at(table: u32, row: u32, col: u32) -> BlockKind {
    Cell { table, row, col }
}

const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3""#;

fn deadline() -> Deadline {
    Deadline::after(Duration::from_secs(60))
}

fn content(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}><office:automatic-styles><style:style style:name="P1" style:family="paragraph"/></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    )
}

fn odt_file(content_xml: &str, styles_xml: Option<&str>) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).expect("start");
    writer
        .write_all(b"application/vnd.oasis.opendocument.text")
        .expect("write");
    writer
        .start_file("content.xml", SimpleFileOptions::default())
        .expect("start");
    writer.write_all(content_xml.as_bytes()).expect("write");
    if let Some(styles_xml) = styles_xml {
        writer
            .start_file("styles.xml", SimpleFileOptions::default())
            .expect("start");
        writer.write_all(styles_xml.as_bytes()).expect("write");
    }
    writer.finish().expect("finish").into_inner()
}

fn read_with(bytes: &[u8], limits: &Limits) -> Result<Vec<(BlockKind, String)>, ExtractError> {
    let extracted = odt::read(bytes, limits, deadline())?;
    assert_eq!(extracted.pages, None);
    Ok(extracted
        .blocks
        .into_iter()
        .map(|b| (b.kind, b.text))
        .collect())
}

fn read(bytes: &[u8]) -> Vec<(BlockKind, String)> {
    read_with(bytes, &Limits::default()).unwrap_or_else(|e| panic!("the ODT should read: {e}"))
}

fn blocks(expected: &[(BlockKind, &str)]) -> Vec<(BlockKind, String)> {
    expected.iter().map(|(k, t)| (*k, t.to_string())).collect()
}

#[test]
fn headings_carry_their_outline_level() {
    let body = r#"<text:h text:style-name="Heading_20_1" text:outline-level="1"><text:number>1.</text:number>Inleiding</text:h><text:p text:style-name="P1">De gemeente wil samenwerken.</text:p><text:h text:outline-level="2">Doelen <text:span>en</text:span> resultaten</text:h><text:h>Kop zonder niveau</text:h><text:p/><text:p>   </text:p>"#;
    assert_eq!(
        read(&odt_file(&content(body), None)),
        blocks(&[
            (Heading { level: 1 }, "Inleiding"),
            (Para, "De gemeente wil samenwerken."),
            (Heading { level: 2 }, "Doelen en resultaten"),
            (Heading { level: 1 }, "Kop zonder niveau"),
        ])
    );
}

#[test]
fn list_items_take_their_nesting_depth() {
    let body = r#"<text:p>Opdrachtnemer levert:</text:p><text:list text:style-name="L1"><text:list-item><text:p>een plan;</text:p><text:list><text:list-item><text:p>met mijlpalen;</text:p><text:p>en een begroting;</text:p></text:list-item></text:list></text:list-item><text:list-item><text:p>een rapportage.</text:p></text:list-item></text:list><text:p>Daarna:</text:p>"#;
    assert_eq!(
        read(&odt_file(&content(body), None)),
        blocks(&[
            (Para, "Opdrachtnemer levert:"),
            (ListItem { level: 1 }, "een plan;"),
            (ListItem { level: 2 }, "met mijlpalen;"),
            (ListItem { level: 2 }, "en een begroting;"),
            (ListItem { level: 1 }, "een rapportage."),
            (Para, "Daarna:"),
        ])
    );
}

#[test]
fn table_cells_count_repeated_and_covered_columns() {
    let body = r#"<table:table table:name="KPI"><table:table-column table:number-columns-repeated="5"/><table:table-header-rows><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>KPI</text:p></table:table-cell><table:covered-table-cell/><table:table-cell table:number-columns-repeated="2"><text:p>n.v.t.</text:p></table:table-cell><table:table-cell><text:p>Norm</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell><text:p>Eerste.</text:p><text:p>Tweede.</text:p></table:table-cell><table:table-cell><table:table><table:table-row><table:table-cell><text:p>genest</text:p></table:table-cell></table:table-row></table:table><text:p>onder genest</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell><text:p>laatste rij</text:p></table:table-cell></table:table-row></table:table>"#;
    assert_eq!(
        read(&odt_file(&content(body), None)),
        blocks(&[
            (at(0, 0, 0), "KPI"),
            (at(0, 0, 2), "n.v.t."),
            (at(0, 0, 3), "n.v.t."),
            (at(0, 0, 4), "Norm"),
            (at(0, 1, 3), "Eerste. Tweede."),
            (at(0, 1, 4), "onder genest"),
            (at(1, 0, 0), "genest"),
            (at(0, 1_000_002, 0), "laatste rij"),
        ])
    );
}

#[test]
fn a_repeated_cell_is_copied_at_most_a_bounded_number_of_times() {
    let body = r#"<table:table><table:table-row><table:table-cell table:number-columns-repeated="4000000000"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
    let read_blocks = read(&odt_file(&content(body), None));
    assert_eq!(read_blocks.len(), 256);
    assert_eq!(read_blocks[255], (at(0, 0, 255), "x".to_string()));
}

#[test]
fn footnote_bodies_stay_out_of_the_sentence_that_cites_them() {
    let body = r#"<text:p>De doelen<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Zie het beleidsplan.</text:p><text:p>Vastgesteld in 2024.</text:p></text:note-body></text:note>worden jaarlijks geëvalueerd.</text:p><text:p>Slot<text:note text:note-class="endnote"><text:note-citation text:label="*">*</text:note-citation><text:note-body><text:p>Eindnoot.</text:p></text:note-body></text:note>.</text:p>"#;
    assert_eq!(
        read(&odt_file(&content(body), None)),
        blocks(&[
            (Para, "De doelen worden jaarlijks geëvalueerd."),
            (Note, "Zie het beleidsplan. Vastgesteld in 2024."),
            (Para, "Slot."),
            (Note, "Eindnoot."),
        ])
    );
}

#[test]
fn tracked_deletions_and_annotations_are_not_document_text() {
    let body = r#"<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Jurist</dc:creator></office:change-info><text:p>jaarlijks</text:p></text:deletion></text:changed-region><text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Jurist</dc:creator></office:change-info></text:insertion></text:changed-region></text:tracked-changes><text:p>Opdrachtnemer rapporteert <text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>maandelijks<text:change-end text:change-id="ct2"/> aan de gemeente.<office:annotation><dc:creator>Inkoper</dc:creator><text:p>Is dat niet te vaak?</text:p></office:annotation></text:p><text:p>Tweede <office:annotation office:name="a1"><text:p>Opmerking</text:p></office:annotation>zin<office:annotation-end office:name="a1"/>.</text:p>"#;
    assert_eq!(
        read(&odt_file(&content(body), None)),
        blocks(&[
            (
                Para,
                "Opdrachtnemer rapporteert maandelijks aan de gemeente."
            ),
            (Para, "Tweede zin."),
        ])
    );
}

#[test]
fn spaces_tabs_breaks_and_soft_page_breaks() {
    let body = r#"<text:p>a<text:s/>b<text:s text:c="3"/>c<text:tab/>d<text:line-break/>e<text:soft-page-break/>f<text:s text:c="999999999"/>g</text:p>"#;
    let read_blocks = read(&odt_file(&content(body), None));
    assert_eq!(read_blocks.len(), 1);
    assert_eq!(read_blocks[0].1, format!("a b   c d ef{}g", " ".repeat(64)));
}

#[test]
fn text_boxes_are_read_once_and_indexes_without_their_templates() {
    let body = r#"<text:p>Anker<draw:frame draw:name="Kader"><svg:title>Titel van het kader</svg:title><svg:desc>Beschrijving</svg:desc><draw:text-box><text:p>In het kader.</text:p><text:list><text:list-item><text:p>geen lijst in het kader</text:p></text:list-item></text:list></draw:text-box></draw:frame> tekst.</text:p><text:table-of-content><text:table-of-content-source><text:index-title-template>Inhoud</text:index-title-template></text:table-of-content-source><text:index-body><text:p>1 Inleiding 3</text:p></text:index-body></text:table-of-content>"#;
    assert_eq!(
        read(&odt_file(&content(body), None)),
        blocks(&[
            (Para, "Anker tekst."),
            (Para, "In het kader."),
            (ListItem { level: 1 }, "geen lijst in het kader"),
            (Para, "1 Inleiding 3"),
        ])
    );
}

#[test]
fn master_page_headers_and_footers_come_after_the_body() {
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NAMESPACES}><office:styles><style:style style:name="Standard"/><text:outline-style><text:p>niet dit</text:p></text:outline-style></office:styles><office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Bestek 2024-017</text:p></style:header><style:header-left style:display="false"><text:p>verborgen linkerkop</text:p></style:header-left><style:footer><text:p>Pagina <text:page-number>1</text:page-number></text:p></style:footer></style:master-page><style:master-page style:name="Eerste"><style:header><text:p>Bestek 2024-017</text:p></style:header></style:master-page></office:master-styles></office:document-styles>"#
    );
    assert_eq!(
        read(&odt_file(&content("<text:p>Romp.</text:p>"), Some(&styles))),
        blocks(&[
            (Para, "Romp."),
            (HeaderFooter, "Bestek 2024-017"),
            (HeaderFooter, "Pagina 1")
        ])
    );
}

#[test]
fn a_flat_odt_is_read_too() {
    let flat = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document {NAMESPACES} office:mimetype="application/vnd.oasis.opendocument.text"><office:master-styles><style:master-page style:name="Standard"><style:footer><text:p>Voet</text:p></style:footer></style:master-page></office:master-styles><office:body><office:text><text:h text:outline-level="1">Kop</text:h><text:p>Tekst.</text:p></office:text></office:body></office:document>"#
    );
    assert_eq!(
        read(flat.as_bytes()),
        blocks(&[
            (Heading { level: 1 }, "Kop"),
            (Para, "Tekst."),
            (HeaderFooter, "Voet")
        ])
    );
}

#[test]
fn hostile_and_damaged_files() {
    // Deep nesting.
    let deep = content(&format!(
        "{}x{}",
        "<text:span>".repeat(1000),
        "</text:span>".repeat(1000)
    ));
    let err = read_with(&odt_file(&deep, None), &Limits::default()).expect_err("too deep");
    assert_eq!(err.kind, ErrorKind::TooLarge, "{}", err.message);

    // An external entity is never fetched or expanded.
    let external = r#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&secret;</text:p></office:text></office:body></office:document-content>"#;
    let err =
        read_with(&odt_file(external, None), &Limits::default()).expect_err("undefined entity");
    assert_eq!(err.kind, ErrorKind::Corrupt, "{}", err.message);

    // A zip bomb.
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("content.xml", SimpleFileOptions::default())
        .expect("start");
    writer
        .write_all(content("").replace("</office:text>", "").as_bytes())
        .expect("write");
    let chunk = "<text:p>bom</text:p>".repeat(4096);
    for _ in 0..(32 * 1024 * 1024 / chunk.len()) {
        writer.write_all(chunk.as_bytes()).expect("write");
    }
    let bomb = writer.finish().expect("finish").into_inner();
    let limits = Limits {
        max_inflated_bytes: 8 * 1024 * 1024,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&bomb, &limits).expect_err("bomb").kind,
        ErrorKind::TooLarge
    );

    // Garbage that starts like a zip archive; an archive without content.xml.
    let err = read_with(
        b"PK\x03\x04\x0a\x00\x00\x00not really a zip",
        &Limits::default(),
    )
    .expect_err("garbage");
    assert_eq!(err.kind, ErrorKind::Corrupt);
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("styles.xml", SimpleFileOptions::default())
        .expect("start");
    let no_content = writer.finish().expect("finish").into_inner();
    let err = read_with(&no_content, &Limits::default()).expect_err("no content.xml");
    assert_eq!(
        (err.kind, err.message.as_str()),
        (
            ErrorKind::Corrupt,
            "the ODT is damaged: content.xml is missing"
        )
    );

    // A spreadsheet is not a text document.
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("mimetype", SimpleFileOptions::default())
        .expect("start");
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    let spreadsheet = writer.finish().expect("finish").into_inner();
    assert_eq!(
        read_with(&spreadsheet, &Limits::default())
            .expect_err("spreadsheet")
            .kind,
        ErrorKind::Unsupported
    );

    // A password-protected ODT.
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("META-INF/manifest.xml", SimpleFileOptions::default())
        .expect("start");
    writer
        .write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>"#)
        .expect("write");
    writer
        .start_file("content.xml", SimpleFileOptions::default())
        .expect("start");
    writer
        .write_all(&[0x8f, 0x13, 0x77, 0x00, 0xfe])
        .expect("write");
    let encrypted = writer.finish().expect("finish").into_inner();
    assert_eq!(
        read_with(&encrypted, &Limits::default())
            .expect_err("encrypted")
            .kind,
        ErrorKind::Encrypted
    );
}

#[test]
fn the_deadline_stops_a_long_read() {
    let long = content(&"<text:p>tekst</text:p>".repeat(5_000));
    let expired = Deadline::after(Duration::ZERO);
    std::thread::sleep(Duration::from_millis(5));
    let err = odt::read(&odt_file(&long, None), &Limits::default(), expired)
        .expect_err("past the deadline");
    assert_eq!(err.kind, ErrorKind::TooLarge);
}
