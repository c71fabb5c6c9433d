//! The DOCX reader on documents built in the test: with docx-rs where it can express the feature, with
//! hand-written WordprocessingML zipped here where it cannot (or where the exact XML matters). Every test
//! asserts the exact blocks (kind, text, order).

use docx_rs::{
    AbstractNumbering, Comment, Delete, Docx, Footnote, Header, IndentLevel, Insert, Level,
    LevelJc, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, Section, Start,
    Style, StyleType, Table, TableCell, TableRow,
};
use std::io::{Cursor, Write};
use std::time::Duration;
use tenderlint::extract::{docx, odt, BlockKind, Deadline, ErrorKind, ExtractError, Limits};
use zip::write::SimpleFileOptions;

use BlockKind::{HeaderFooter, Heading, ListItem, Note, Paragraph as Para, TableCell as Cell};

/// The kind of the table cell at `table`, `row`, `col`.
fn at(table: u32, row: u32, col: u32) -> BlockKind {
    Cell { table, row, col }
}

fn deadline() -> Deadline {
    Deadline::after(Duration::from_secs(60))
}

fn read_with(bytes: &[u8], limits: &Limits) -> Result<Vec<(BlockKind, String)>, ExtractError> {
    let extracted = docx::read(bytes, limits, deadline())?;
    assert_eq!(extracted.pages, None);
    assert!(extracted.blocks.iter().all(|b| b.page.is_none()));
    Ok(extracted
        .blocks
        .into_iter()
        .map(|b| (b.kind, b.text))
        .collect())
}

fn read(bytes: &[u8]) -> Vec<(BlockKind, String)> {
    read_with(bytes, &Limits::default()).unwrap_or_else(|e| panic!("the DOCX should read: {e}"))
}

fn blocks(expected: &[(BlockKind, &str)]) -> Vec<(BlockKind, String)> {
    expected.iter().map(|(k, t)| (*k, t.to_string())).collect()
}

fn pack(docx: Docx) -> Vec<u8> {
    let mut cursor = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut cursor)
        .expect("docx-rs packs the document");
    cursor.into_inner()
}

fn text_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn text_cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(text_paragraph(text))
}

// ---- Hand-written packages ----------------------------------------------------------------------------

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" mc:Ignorable="w14""#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn body(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{inner}</w:body></w:document>"#
    )
}

fn part(root: &str, inner: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:{root} {NAMESPACES}>{inner}</w:{root}>"#)
}

fn document_rels(relationships: &[(&str, &str, &str)]) -> String {
    let mut xml = String::from(
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in relationships {
        xml.push_str(&format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
        ));
    }
    xml.push_str("</Relationships>");
    xml
}

fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        writer
            .start_file(*name, SimpleFileOptions::default())
            .expect("start part");
        writer.write_all(content.as_bytes()).expect("write part");
    }
    writer.finish().expect("finish zip").into_inner()
}

/// A package with `word/document.xml` and any other parts (`_rels/.rels` added).
fn package(document_xml: &str, other_parts: &[(&str, &str)]) -> Vec<u8> {
    let mut parts = vec![
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", document_xml),
    ];
    parts.extend_from_slice(other_parts);
    zip_parts(&parts)
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn para(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

// ---- Structure: headings, lists, tables --------------------------------------------------------------

#[test]
fn heading_levels_come_from_styles_and_outline_levels() {
    let docx = Docx::new()
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .outline_lvl(0),
        )
        .add_style(Style::new("Kop2", StyleType::Paragraph).name("Kop 2"))
        .add_style(
            Style::new("Artikel", StyleType::Paragraph)
                .name("Artikel")
                .based_on("Kop2"),
        )
        .add_style(Style::new("Titel", StyleType::Paragraph).name("Title"))
        .add_style(Style::new("BodyText", StyleType::Paragraph).name("Body Text"))
        .add_paragraph(text_paragraph("Aanbesteding zorg").style("Titel"))
        .add_paragraph(text_paragraph("1 Inleiding").style("Heading1"))
        .add_paragraph(text_paragraph("De gemeente wil samenwerken.").style("BodyText"))
        .add_paragraph(text_paragraph("1.1 Doel").style("Kop2"))
        .add_paragraph(text_paragraph("Artikel 3 Rapportage").style("Artikel"))
        .add_paragraph(text_paragraph("Direct outline level").outline_lvl(2))
        .add_paragraph(
            text_paragraph("Body text level")
                .style("Heading1")
                .outline_lvl(9),
        );
    assert_eq!(
        read(&pack(docx)),
        blocks(&[
            (Heading { level: 1 }, "Aanbesteding zorg"),
            (Heading { level: 1 }, "1 Inleiding"),
            (Para, "De gemeente wil samenwerken."),
            (Heading { level: 2 }, "1.1 Doel"),
            (Heading { level: 2 }, "Artikel 3 Rapportage"),
            (Heading { level: 3 }, "Direct outline level"),
            (Para, "Body text level"),
        ])
    );
}

#[test]
fn numbered_and_bulleted_paragraphs_are_list_items_with_their_level() {
    let level = |ilvl: usize, format: &str, text: &str| {
        Level::new(
            ilvl,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let docx = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(5)
                .add_level(level(0, "decimal", "%1."))
                .add_level(level(1, "bullet", "•"))
                .add_level(level(2, "none", "")),
        )
        .add_numbering(Numbering::new(6, 5))
        .add_paragraph(text_paragraph("Opdrachtnemer levert:"))
        .add_paragraph(
            text_paragraph("een kwartaalrapportage;")
                .numbering(NumberingId::new(6), IndentLevel::new(0)),
        )
        .add_paragraph(
            text_paragraph("met KPI's;").numbering(NumberingId::new(6), IndentLevel::new(1)),
        )
        .add_paragraph(
            text_paragraph("zonder zichtbaar nummer")
                .numbering(NumberingId::new(6), IndentLevel::new(2)),
        )
        .add_paragraph(
            text_paragraph("onbekende nummering")
                .numbering(NumberingId::new(9), IndentLevel::new(0)),
        );
    assert_eq!(
        read(&pack(docx)),
        blocks(&[
            (Para, "Opdrachtnemer levert:"),
            (ListItem { level: 1 }, "een kwartaalrapportage;"),
            (ListItem { level: 2 }, "met KPI's;"),
            (Para, "zonder zichtbaar nummer"),
            (Para, "onbekende nummering"),
        ])
    );
}

#[test]
fn every_table_cell_with_row_and_grid_column_nested_tables_too() {
    let nested = Table::new(vec![TableRow::new(vec![
        text_cell("binnen A"),
        text_cell("binnen B"),
    ])]);
    let docx = Docx::new()
        .add_paragraph(text_paragraph("Voor de tabel"))
        .add_table(Table::new(vec![
            TableRow::new(vec![
                text_cell("Kop over twee").grid_span(2),
                text_cell("Norm"),
            ]),
            TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(text_paragraph("Eerste alinea."))
                    .add_paragraph(text_paragraph("Tweede alinea.")),
                text_cell("leeg ernaast"),
                text_cell("95%"),
            ]),
            TableRow::new(vec![
                text_cell("Genest:").add_table(nested),
                TableCell::new(),
                text_cell("einde"),
            ]),
        ]))
        .add_paragraph(text_paragraph("Na de tabel"));
    assert_eq!(
        read(&pack(docx)),
        blocks(&[
            (Para, "Voor de tabel"),
            (at(0, 0, 0), "Kop over twee"),
            (at(0, 0, 2), "Norm"),
            (at(0, 1, 0), "Eerste alinea. Tweede alinea."),
            (at(0, 1, 1), "leeg ernaast"),
            (at(0, 1, 2), "95%"),
            (at(0, 2, 0), "Genest:"),
            (at(1, 0, 0), "binnen A"),
            (at(1, 0, 1), "binnen B"),
            (at(0, 2, 2), "einde"),
            (Para, "Na de tabel"),
        ])
    );
}

// ---- What is and is not document text ----------------------------------------------------------------

#[test]
fn tracked_deletions_are_not_text_and_insertions_are() {
    let docx = Docx::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Opdrachtnemer rapporteert "))
                .add_delete(
                    Delete::new()
                        .author("jurist")
                        .add_run(Run::new().add_delete_text("jaarlijks")),
                )
                .add_insert(Insert::new(Run::new().add_text("maandelijks")).author("jurist"))
                .add_run(Run::new().add_text(" aan de gemeente.")),
        )
        .add_paragraph(Paragraph::new().add_delete(
            Delete::new().add_run(Run::new().add_delete_text("Deze zin is geschrapt.")),
        ))
        .add_paragraph(
            Paragraph::new()
                .add_insert(Insert::new(Run::new().add_text("Deze zin is toegevoegd."))),
        );
    assert_eq!(
        read(&pack(docx)),
        blocks(&[
            (
                Para,
                "Opdrachtnemer rapporteert maandelijks aan de gemeente."
            ),
            (Para, "Deze zin is toegevoegd."),
        ])
    );
}

#[test]
fn moved_text_counts_once_and_deleted_rows_not_at_all() {
    let moved = para(&format!(
        r#"{}<w:moveFrom w:id="1" w:author="a">{}</w:moveFrom>{}"#,
        run("Start."),
        run(" Verplaatste zin."),
        run(" Einde.")
    ));
    let moved_to = para(&format!(
        r#"<w:moveTo w:id="2" w:author="a">{}</w:moveTo>"#,
        run("Verplaatste zin.")
    ));
    let deleted_run =
        r#"<w:del w:id="6" w:author="a"><w:r><w:delText>geschrapte rij</w:delText></w:r></w:del>"#;
    let table = format!(
        r#"<w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
        para(&run("rij 0")),
        para(deleted_run),
        para(&run("rij 1"))
    );
    // Some producers put w:t (not w:delText) inside a deletion: still deleted.
    let deleted_with_t = para(&format!(
        r#"{}<w:del w:id="7" w:author="a">{}</w:del>"#,
        run("Blijft."),
        run(" Weg.")
    ));
    let document = body(&format!("{moved}{moved_to}{table}{deleted_with_t}"));
    assert_eq!(
        read(&package(&document, &[])),
        blocks(&[
            (Para, "Start. Einde."),
            (Para, "Verplaatste zin."),
            (at(0, 0, 0), "rij 0"),
            (at(0, 1, 0), "rij 1"),
            (Para, "Blijft."),
        ])
    );
}

#[test]
fn comments_are_not_document_text() {
    let comment = Comment::new(1)
        .author("inkoper")
        .add_paragraph(text_paragraph("Is maandelijks niet te vaak?"));
    let docx = Docx::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text("De leverancier rapporteert"))
            .add_comment_start(comment)
            .add_run(Run::new().add_text(" maandelijks"))
            .add_comment_end(1)
            .add_run(Run::new().add_text(".")),
    );
    let bytes = pack(docx);
    assert_eq!(
        read(&bytes),
        blocks(&[(Para, "De leverancier rapporteert maandelijks.")])
    );
}

#[test]
fn field_codes_are_not_text_but_field_results_are() {
    let field = |code: &str, result: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run(result)
        )
    };
    // An IF field whose code holds a nested MERGEFIELD: the nested result is part of the code.
    let nested = format!(
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>{}<w:r><w:instrText xml:space="preserve"> = "ja" "wel" "niet" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        field(" MERGEFIELD Keuze ", "ja"),
        run("wel")
    );
    let document = body(&format!(
        "{}{}{}",
        para(&format!(
            "{}{}{}{}",
            run("Zie pagina "),
            field(" PAGEREF _Toc1 \\h ", "7"),
            run(" van "),
            field(" NUMPAGES ", "12")
        )),
        para(&format!(
            r#"{}<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org&quot; ">{}</w:fldSimple>{}"#,
            run("Kijk op "),
            run("de website"),
            run(".")
        )),
        para(&format!(
            "{}{}{}",
            run("Dit is "),
            nested,
            run(" geregeld.")
        )),
    ));
    assert_eq!(
        read(&package(&document, &[])),
        blocks(&[
            (Para, "Zie pagina 7 van 12"),
            (Para, "Kijk op de website."),
            (Para, "Dit is wel geregeld."),
        ])
    );
}

#[test]
fn a_text_box_is_read_once_not_twice() {
    let text_box = format!(
        r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
        para(&run("Kader: de opdrachtnemer is verantwoordelijk.")),
        para(&run("Kader: de opdrachtnemer is verantwoordelijk."))
    );
    let vml_only = format!(
        r#"<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"#,
        para(&run("Oud kader."))
    );
    let document = body(&format!(
        "{}{}",
        para(&format!(
            "{}{}{}",
            run("Tekst voor"),
            text_box,
            run(" en na het kader.")
        )),
        para(&format!("{}{}", run("Tweede alinea."), vml_only)),
    ));
    assert_eq!(
        read(&package(&document, &[])),
        blocks(&[
            (Para, "Tekst voor en na het kader."),
            (Para, "Kader: de opdrachtnemer is verantwoordelijk."),
            (Para, "Tweede alinea."),
            (Para, "Oud kader."),
        ])
    );
}

#[test]
fn each_note_follows_the_paragraph_citing_it_first_and_never_glues_words() {
    let document = body(&format!(
        "{}{}{}{}{}",
        para(&format!(
            r#"{}<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>{}"#,
            run("De doelen"),
            run("worden jaarlijks geëvalueerd.")
        )),
        para(&format!(
            r#"{}<w:r><w:endnoteReference w:id="1"/></w:r>{}"#,
            run("Zie de bijlage"),
            run(".")
        )),
        para(&format!(
            r#"{}<w:del w:id="9" w:author="a"><w:r><w:footnoteReference w:id="3"/></w:r></w:del>"#,
            run("Geschrapte verwijzing.")
        )),
        para(&format!(
            r#"{}<w:r><w:footnoteReference w:id="2"/></w:r>"#,
            run("Nogmaals dezelfde voetnoot.")
        )),
        para(&run("Slot.")),
    ));
    let footnotes = part(
        "footnotes",
        &format!(
            r#"<w:footnote w:type="separator" w:id="-1">{}</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="3">{}</w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p>{}</w:footnote>"#,
            para("<w:r><w:separator/></w:r>"),
            para(&run("Bij een geschrapte verwijzing.")),
            run("Evaluatie"),
            para(&run("door de stuurgroep."))
        ),
    );
    let endnotes = part(
        "endnotes",
        &format!(
            r#"<w:endnote w:id="1">{}</w:endnote>"#,
            para(&run(" Bijlage 2: KPI's."))
        ),
    );
    let rels = document_rels(&[
        ("rId1", "footnotes", "footnotes.xml"),
        ("rId2", "endnotes", "endnotes.xml"),
    ]);
    let bytes = package(
        &document,
        &[
            ("word/_rels/document.xml.rels", &rels),
            ("word/footnotes.xml", &footnotes),
            ("word/endnotes.xml", &endnotes),
        ],
    );
    assert_eq!(
        read(&bytes),
        blocks(&[
            (Para, "De doelen worden jaarlijks geëvalueerd."),
            (Note, "Evaluatie door de stuurgroep."),
            (Para, "Zie de bijlage."),
            (Note, " Bijlage 2: KPI's."),
            (Para, "Geschrapte verwijzing."),
            (Para, "Nogmaals dezelfde voetnoot."),
            (Para, "Slot."),
        ])
    );
}

#[test]
fn a_note_cited_in_a_table_cell_follows_the_table() {
    let cited = |text: &str, id: &str| {
        para(&format!(
            r#"{}<w:r><w:footnoteReference w:id="{id}"/></w:r>"#,
            run(text)
        ))
    };
    let cell = |inner: &str| format!("<w:tc>{inner}</w:tc>");
    let nested = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&cited("genest", "3")),
        cell(&para(&run("genest B")))
    );
    let document = body(&format!(
        "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
        para(&run("Voor de tabel.")),
        cell(&cited("KPI", "1")),
        cell(&para(&run("Norm"))),
        cell(&format!("{}{nested}", para(&run("Buiten")))),
        cell(&cited("95%", "2")),
        para(&run("Na de tabel.")),
    ));
    let note = |id: &str, text: &str| {
        format!(
            r#"<w:footnote w:id="{id}">{}</w:footnote>"#,
            para(&run(text))
        )
    };
    let footnotes = part(
        "footnotes",
        &format!(
            "{}{}{}",
            note("1", "Voetnoot bij de kop."),
            note("2", "Voetnoot bij de waarde."),
            note("3", "Voetnoot in de geneste tabel.")
        ),
    );
    let rels = document_rels(&[("rId1", "footnotes", "footnotes.xml")]);
    let bytes = package(
        &document,
        &[
            ("word/_rels/document.xml.rels", &rels),
            ("word/footnotes.xml", &footnotes),
        ],
    );
    assert_eq!(
        read(&bytes),
        blocks(&[
            (Para, "Voor de tabel."),
            (at(0, 0, 0), "KPI"),
            (at(0, 0, 1), "Norm"),
            (at(0, 1, 0), "Buiten"),
            (at(1, 0, 0), "genest"),
            (at(1, 0, 1), "genest B"),
            (Note, "Voetnoot in de geneste tabel."),
            (at(0, 1, 1), "95%"),
            (Note, "Voetnoot bij de kop."),
            (Note, "Voetnoot bij de waarde."),
            (Para, "Na de tabel."),
        ])
    );
}

#[test]
fn a_footnote_gives_the_same_blocks_in_docx_and_odt() {
    let document = body(&format!(
        "{}{}{}",
        r#"<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>1 Doelen</w:t></w:r></w:p>"#,
        para(&format!(
            r#"{}<w:r><w:footnoteReference w:id="1"/></w:r>{}"#,
            run("De doelen"),
            run(" worden jaarlijks geëvalueerd.")
        )),
        para(&run("Daarna volgt de rapportage.")),
    ));
    let footnotes = part(
        "footnotes",
        &format!(
            r#"<w:footnote w:type="separator" w:id="-1">{}</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p>{}</w:footnote>"#,
            para("<w:r><w:separator/></w:r>"),
            run("Zie het beleidsplan."),
            para(&run("Vastgesteld in 2024."))
        ),
    );
    let rels = document_rels(&[("rId1", "footnotes", "footnotes.xml")]);
    let docx_bytes = package(
        &document,
        &[
            ("word/_rels/document.xml.rels", &rels),
            ("word/footnotes.xml", &footnotes),
        ],
    );

    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:h text:outline-level="1">1 Doelen</text:h><text:p>De doelen<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Zie het beleidsplan.</text:p><text:p>Vastgesteld in 2024.</text:p></text:note-body></text:note> worden jaarlijks geëvalueerd.</text:p><text:p>Daarna volgt de rapportage.</text:p></office:text></office:body></office:document-content>"#;
    let odt_bytes = zip_parts(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
    ]);
    let odt_blocks: Vec<(BlockKind, String)> =
        odt::read(&odt_bytes, &Limits::default(), deadline())
            .unwrap_or_else(|e| panic!("the ODT should read: {e}"))
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect();

    let expected = blocks(&[
        (Heading { level: 1 }, "1 Doelen"),
        (Para, "De doelen worden jaarlijks geëvalueerd."),
        (Note, "Zie het beleidsplan. Vastgesteld in 2024."),
        (Para, "Daarna volgt de rapportage."),
    ]);
    assert_eq!(odt_blocks, expected);
    assert_eq!(read(&docx_bytes), odt_blocks);
}

#[test]
fn footnotes_written_by_docx_rs_are_read() {
    let mut footnote = Footnote::new();
    let footnote = footnote.add_content(text_paragraph("Bron: CBS 2024."));
    let docx = Docx::new()
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Het aantal cliënten groeit"))
                .add_run(Run::new().add_footnote_reference(footnote))
                .add_run(Run::new().add_text(" elk jaar.")),
        )
        .add_paragraph(text_paragraph("Daarom is er meer capaciteit nodig."));
    assert_eq!(
        read(&pack(docx)),
        blocks(&[
            (Para, "Het aantal cliënten groeit elk jaar."),
            (Note, "Bron: CBS 2024."),
            (Para, "Daarom is er meer capaciteit nodig."),
        ])
    );
}

#[test]
fn headers_and_footers_of_every_section_are_read_once() {
    let first_section = Section::new()
        .add_paragraph(text_paragraph("Deel A"))
        .header(Header::new().add_paragraph(text_paragraph("Kop van deel A")));
    let docx = Docx::new()
        .add_section(first_section)
        .add_paragraph(text_paragraph("Deel B"))
        .header(Header::new().add_paragraph(text_paragraph("Kop van deel B")));
    assert_eq!(
        read(&pack(docx)),
        blocks(&[
            (Para, "Deel A"),
            (Para, "Deel B"),
            (HeaderFooter, "Kop van deel A"),
            (HeaderFooter, "Kop van deel B"),
        ])
    );
}

#[test]
fn first_page_and_even_headers_count_only_when_shown() {
    let section = |refs: &str| format!("<w:sectPr>{refs}</w:sectPr>");
    let reference = |kind: &str, slot: &str, id: &str| {
        format!(r#"<w:{kind}Reference w:type="{slot}" r:id="{id}"/>"#)
    };
    // Section 1 (a section break in its last paragraph) has a first-page header but no title page;
    // section 2 has a title page and inherits both headers and the footer.
    let document = body(&format!(
        "<w:p><w:pPr>{}</w:pPr>{}</w:p>{}{}",
        section(&format!(
            "{}{}{}",
            reference("header", "default", "rIdH1"),
            reference("header", "first", "rIdH2"),
            reference("footer", "default", "rIdF1")
        )),
        run("Sectie 1"),
        para(&run("Sectie 2")),
        section("<w:titlePg/>"),
    ));
    let header = |text: &str| part("hdr", &para(&run(text)));
    let footer = |text: &str| part("ftr", &para(&run(text)));
    let rels = document_rels(&[
        ("rIdH1", "header", "header1.xml"),
        ("rIdH2", "header", "header2.xml"),
        ("rIdH3", "header", "header3.xml"),
        ("rIdF1", "footer", "footer1.xml"),
    ]);
    let bytes = package(
        &document,
        &[
            ("word/_rels/document.xml.rels", &rels),
            ("word/header1.xml", &header("Standaardkop")),
            (
                "word/header2.xml",
                &header("Eerste-paginakop (alleen in sectie 2)"),
            ),
            ("word/header3.xml", &header("Niet gebruikte kop")),
            ("word/footer1.xml", &footer("Voettekst")),
        ],
    );
    assert_eq!(
        read(&bytes),
        blocks(&[
            (Para, "Sectie 1"),
            (Para, "Sectie 2"),
            (HeaderFooter, "Standaardkop"),
            (HeaderFooter, "Voettekst"),
            (HeaderFooter, "Eerste-paginakop (alleen in sectie 2)"),
        ])
    );
}

#[test]
fn hidden_text_and_special_characters() {
    let document = body(&para(&format!(
        r#"{}<w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen </w:t></w:r><w:r><w:rPr><w:vanish w:val="false"/></w:rPr><w:t>zichtbaar</w:t></w:r><w:r><w:tab/><w:t>na tab</w:t><w:br/><w:t>na regeleinde,</w:t><w:noBreakHyphen/><w:t>koppel</w:t><w:softHyphen/><w:t>teken</w:t><w:sym w:font="Symbol" w:char="2264"/><w:sym w:font="Wingdings" w:char="F0FC"/><w:t>5</w:t></w:r>"#,
        run("Tekst ")
    )));
    assert_eq!(
        read(&package(&document, &[])),
        blocks(&[(Para, "Tekst zichtbaar na tab na regeleinde,-koppelteken≤5")])
    );
}

#[test]
fn content_controls_hyperlinks_smart_tags_and_custom_xml_are_read_through() {
    let block_control = format!(
        r#"<w:sdt><w:sdtPr><w:alias w:val="Naam"/><w:placeholder><w:docPart w:val="X"/></w:placeholder></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        para(&run("Blok in een inhoudsbesturingselement."))
    );
    let wrappers = para(&format!(
        r#"<w:hyperlink r:id="rId9">{}</w:hyperlink><w:smartTag w:element="place"><w:smartTagPr/>{}</w:smartTag><w:customXml w:element="x"><w:customXmlPr/>{}</w:customXml><w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"#,
        run("Link"),
        run(" Utrecht"),
        run(" en"),
        run(" veld.")
    ));
    let document = body(&format!("{block_control}{wrappers}"));
    assert_eq!(
        read(&package(&document, &[])),
        blocks(&[
            (Para, "Blok in een inhoudsbesturingselement."),
            (Para, "Link Utrecht en veld.")
        ])
    );
}

#[test]
fn strict_ooxml_reads_like_transitional() {
    let document = r#"<?xml version="1.0" encoding="UTF-8"?><x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:pPr><x:pStyle x:val="Kop1"/></x:pPr><x:r><x:t>Doelen</x:t></x:r></x:p><x:p><x:r><x:t>Strikte tekst.</x:t></x:r></x:p></x:body></x:document>"#;
    let styles = r#"<x:styles xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:style x:type="paragraph" x:styleId="Kop1"><x:name x:val="heading 1"/></x:style></x:styles>"#;
    let package_rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/document.xml"/></Relationships>"#;
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="styles.xml"/></Relationships>"#;
    let bytes = zip_parts(&[
        ("_rels/.rels", package_rels),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", styles),
    ]);
    assert_eq!(
        read(&bytes),
        blocks(&[(Heading { level: 1 }, "Doelen"), (Para, "Strikte tekst.")])
    );
}

// ---- Hostile and damaged files -----------------------------------------------------------------------

#[test]
fn a_zip_bomb_is_too_large() {
    // 64 MB of one repeated paragraph compresses to a few hundred kilobytes.
    let paragraph = para(&run("bom "));
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("_rels/.rels", SimpleFileOptions::default())
        .expect("start");
    writer.write_all(PACKAGE_RELS.as_bytes()).expect("write");
    writer
        .start_file("word/document.xml", SimpleFileOptions::default())
        .expect("start");
    writer
        .write_all(format!("<w:document {NAMESPACES}><w:body>").as_bytes())
        .expect("write");
    let chunk = paragraph.repeat(64 * 1024 / paragraph.len() + 1);
    let mut written = 0;
    while written < 64 * 1024 * 1024 {
        writer.write_all(chunk.as_bytes()).expect("write");
        written += chunk.len();
    }
    writer.write_all(b"</w:body></w:document>").expect("write");
    let bytes = writer.finish().expect("finish").into_inner();
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "the bomb is small: {} bytes",
        bytes.len()
    );
    let limits = Limits {
        max_inflated_bytes: 16 * 1024 * 1024,
        ..Limits::default()
    };
    let err = read_with(&bytes, &limits).expect_err("a zip bomb must not be read");
    assert_eq!(err.kind, ErrorKind::TooLarge, "{}", err.message);
    assert!(err.message.contains("zip bomb"), "{}", err.message);
}

#[test]
fn a_lying_declared_size_does_not_get_past_the_limit() {
    let big = format!(
        "<w:document {NAMESPACES}><w:body>{}</w:body></w:document>",
        para(&run(&"x".repeat(4 * 1024 * 1024)))
    );
    let mut bytes = package(&big, &[]);
    // Rewrite the declared uncompressed size of word/document.xml (local header and central directory)
    // to 100 bytes.
    let declared = (big.len() as u32).to_le_bytes();
    let positions: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == declared)
        .map(|(i, _)| i)
        .collect();
    assert!(!positions.is_empty());
    for i in positions {
        bytes[i..i + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    let limits = Limits {
        max_inflated_bytes: 1024 * 1024,
        ..Limits::default()
    };
    let result = read_with(&bytes, &limits);
    match result {
        Err(e) => assert!(
            matches!(e.kind, ErrorKind::TooLarge | ErrorKind::Corrupt),
            "{e:?}"
        ),
        Ok(blocks) => panic!(
            "a part larger than the limit was read: {} blocks",
            blocks.len()
        ),
    }
}

#[test]
fn deeply_nested_xml_is_too_large() {
    let depth = 5_000;
    let nested = format!(
        "{}{}{}",
        "<w:sdt><w:sdtContent>".repeat(depth),
        para(&run("diep")),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let err = read_with(&package(&body(&nested), &[]), &Limits::default()).expect_err("too deep");
    assert_eq!(err.kind, ErrorKind::TooLarge, "{}", err.message);
    assert!(
        err.message
            .contains("nests elements more than 256 levels deep"),
        "{}",
        err.message
    );
}

#[test]
fn damaged_files_are_corrupt_with_a_clear_message() {
    let garbage = b"PK\x03\x04\x14\x00\x00\x00garbage that only starts like a zip archive";
    let err = read_with(garbage, &Limits::default()).expect_err("garbage");
    assert_eq!(err.kind, ErrorKind::Corrupt);
    assert!(
        err.message
            .starts_with("the DOCX is damaged: it is not a readable zip archive"),
        "{}",
        err.message
    );

    let no_document = zip_parts(&[("_rels/.rels", PACKAGE_RELS), ("word/styles.xml", "<x/>")]);
    let err = read_with(&no_document, &Limits::default()).expect_err("no main part");
    assert_eq!(
        (err.kind, err.message.as_str()),
        (
            ErrorKind::Corrupt,
            "the DOCX is damaged: word/document.xml is missing"
        )
    );

    let broken_xml = package(&body("<w:p><w:r><w:t>open</w:r></w:p>"), &[]);
    let err = read_with(&broken_xml, &Limits::default()).expect_err("malformed XML");
    assert_eq!(err.kind, ErrorKind::Corrupt);
    assert!(
        err.message
            .starts_with("the DOCX is damaged: word/document.xml is not well-formed XML"),
        "{}",
        err.message
    );

    let truncated = package(
        &body(&para(&run("afgebroken"))).replace("</w:body></w:document>", ""),
        &[],
    );
    let err = read_with(&truncated, &Limits::default()).expect_err("truncated XML");
    assert_eq!(err.kind, ErrorKind::Corrupt, "{}", err.message);

    let mut old_doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    old_doc.resize(4096, 0);
    let err = read_with(&old_doc, &Limits::default()).expect_err("old .doc");
    assert_eq!(err.kind, ErrorKind::Unsupported, "{}", err.message);
}

#[test]
fn the_character_and_block_limits_hold() {
    let many = body(&para(&run("tien tekens")).repeat(20));
    let limits = Limits {
        max_blocks: 10,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&package(&many, &[]), &limits)
            .expect_err("blocks")
            .kind,
        ErrorKind::TooLarge
    );
    let limits = Limits {
        max_chars: 100,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&package(&many, &[]), &limits)
            .expect_err("chars")
            .kind,
        ErrorKind::TooLarge
    );

    // A note's blocks and characters count too, wherever the note is placed.
    let cited = body(&para(&format!(
        r#"{}<w:r><w:footnoteReference w:id="1"/></w:r>"#,
        run("tien tekens")
    )));
    let footnotes = part(
        "footnotes",
        &format!(
            r#"<w:footnote w:id="1">{}</w:footnote>"#,
            para(&run(&"x".repeat(200)))
        ),
    );
    let rels = document_rels(&[("rId1", "footnotes", "footnotes.xml")]);
    let with_note = package(
        &cited,
        &[
            ("word/_rels/document.xml.rels", &rels),
            ("word/footnotes.xml", &footnotes),
        ],
    );
    assert_eq!(read(&with_note).len(), 2);
    for limits in [
        Limits {
            max_blocks: 1,
            ..Limits::default()
        },
        Limits {
            max_chars: 100,
            ..Limits::default()
        },
    ] {
        assert_eq!(
            read_with(&with_note, &limits)
                .expect_err("the note does not fit")
                .kind,
            ErrorKind::TooLarge
        );
    }
}

#[test]
fn the_deadline_stops_a_long_read() {
    let long = body(&para(&run("tekst")).repeat(5_000));
    let bytes = package(&long, &[]);
    let expired = Deadline::after(Duration::ZERO);
    std::thread::sleep(Duration::from_millis(5));
    let err = docx::read(&bytes, &Limits::default(), expired).expect_err("past the deadline");
    assert_eq!(err.kind, ErrorKind::TooLarge);
    assert!(err.message.contains("time limit"), "{}", err.message);
}
