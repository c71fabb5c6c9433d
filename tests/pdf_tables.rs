//! Ruled tables in PDFs read cell by cell, each cell whole (as the DOCX reader gives them), on PDFs made
//! here with lopdf and on the corpus QASP that also exists as DOCX; prose in two columns, hanging-indent
//! lists and underlined words are not taken for tables; a word hyphenated across a page break with a
//! running head between its halves is joined.

#[path = "support/pdf_builder.rs"]
mod pdf_builder;

use std::path::{Path, PathBuf};
use tenderlint::document::Document as Doc;
use tenderlint::engine::check;
use tenderlint::extract::{extract_file, pdf, BlockKind, Deadline, Extracted, Limits};
use tenderlint::rules::RuleSet;

fn shared(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path)
}

/// Builds a PDF of A4 pages with the given content streams and Helvetica as /F1.
fn build_pdf(pages: &[Vec<u8>]) -> Vec<u8> {
    let pages: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
    pdf_builder::build_pdf(&pages, pdf_builder::helvetica(), |_, _| {})
}

fn read(bytes: &[u8]) -> Extracted {
    let limits = Limits::default();
    pdf::read(bytes, &limits, Deadline::after(limits.timeout)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn kinds_and_texts(doc: &Extracted) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text.clone()))
        .collect()
}

/// The table cells of a document, in reading order: kind and text.
fn table_cells(doc: &Extracted) -> Vec<(BlockKind, String)> {
    kinds_and_texts(doc)
        .into_iter()
        .filter(|(kind, _)| matches!(kind, BlockKind::TableCell { .. }))
        .collect()
}

fn cell(table: u32, row: u32, col: u32) -> BlockKind {
    BlockKind::TableCell { table, row, col }
}

/// Content-stream text: each `(x, y, text)` shown in 10 pt Helvetica.
fn text_ops(items: &[(f32, f32, &str)]) -> String {
    items
        .iter()
        .map(|(x, y, t)| format!("BT /F1 10 Tf 1 0 0 1 {x} {y} Tm ({t}) Tj ET\n"))
        .collect()
}

/// A stroked grid: vertical rules at `xs` and horizontal rules at `ys` (each spanning the grid).
fn grid_ops(xs: &[f32], ys: &[f32]) -> String {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let (y0, y1) = (ys[ys.len() - 1], ys[0]);
    let mut out = String::from("0.5 w\n");
    for y in ys {
        out.push_str(&format!("{x0} {y} m {x1} {y} l S\n"));
    }
    for x in xs {
        out.push_str(&format!("{x} {y0} m {x} {y1} l S\n"));
    }
    out
}

#[test]
fn wrapped_cells_of_a_ruled_table_come_out_whole() {
    // Two columns; the cells of a row wrap over different numbers of lines that share baselines, so
    // reading row by row would interleave them ("Performance Code delivered ... Standard(s) substantial").
    let mut content = text_ops(&[
        (72.0, 730.0, "The following chart sets forth the standards."),
        (76.0, 688.0, "Deliverable"),
        (176.0, 688.0, "Tested Code"),
        (76.0, 668.0, "Performance"),
        (176.0, 668.0, "Code delivered under the order must have"),
        (76.0, 656.0, "Standard\\(s\\)"),
        (176.0, 656.0, "substantial automa-"),
        (176.0, 644.0, "ted test code coverage."),
        (76.0, 626.0, "Acceptable"),
        (176.0, 626.0, "Minimum of 90% of code covered by automated"),
        (76.0, 614.0, "Quality Level"),
        (176.0, 614.0, "tests."),
        (72.0, 580.0, "Text after the table."),
    ]);
    content.push_str(&grid_ops(
        &[72.0, 172.0, 472.0],
        &[700.0, 680.0, 638.0, 608.0],
    ));
    let doc = read(&build_pdf(&[content.into_bytes()]));
    assert_eq!(
        kinds_and_texts(&doc),
        vec![
            (
                BlockKind::Paragraph,
                "The following chart sets forth the standards.".to_string()
            ),
            (cell(0, 0, 0), "Deliverable".to_string()),
            (cell(0, 0, 1), "Tested Code".to_string()),
            (cell(0, 1, 0), "Performance Standard(s)".to_string()),
            (
                cell(0, 1, 1),
                "Code delivered under the order must have substantial automated test code coverage."
                    .to_string()
            ),
            (cell(0, 2, 0), "Acceptable Quality Level".to_string()),
            (
                cell(0, 2, 1),
                "Minimum of 90% of code covered by automated tests.".to_string()
            ),
            (BlockKind::Paragraph, "Text after the table.".to_string()),
        ]
    );
    assert!(doc.blocks.iter().all(|b| b.page == Some(1)));
}

#[test]
fn a_table_cut_by_a_page_break_goes_on_with_the_same_number_and_rows() {
    let xs = [72.0, 172.0, 472.0];
    let mut first = text_ops(&[
        (76.0, 688.0, "Deliverable"),
        (176.0, 688.0, "Tested Code"),
        (76.0, 668.0, "Performance"),
        (176.0, 668.0, "Code delivered under the order must have"),
    ]);
    first.push_str(&grid_ops(&xs, &[700.0, 680.0, 660.0]));
    // The second page goes on with the rest of the cut row (in lower case), then a new row.
    let mut second = text_ops(&[
        (176.0, 788.0, "substantial test code coverage."),
        (76.0, 768.0, "Acceptable"),
        (176.0, 768.0, "Minimum of 90% of code covered."),
    ]);
    second.push_str(&grid_ops(&xs, &[800.0, 780.0, 760.0]));
    let doc = read(&build_pdf(&[first.into_bytes(), second.into_bytes()]));
    assert_eq!(
        kinds_and_texts(&doc),
        vec![
            (cell(0, 0, 0), "Deliverable".to_string()),
            (cell(0, 0, 1), "Tested Code".to_string()),
            (cell(0, 1, 0), "Performance".to_string()),
            (
                cell(0, 1, 1),
                "Code delivered under the order must have substantial test code coverage."
                    .to_string()
            ),
            (cell(0, 2, 0), "Acceptable".to_string()),
            (cell(0, 2, 1), "Minimum of 90% of code covered.".to_string()),
        ]
    );
}

#[test]
fn a_header_row_repeated_on_the_next_page_is_read_once() {
    let xs = [72.0, 172.0, 472.0];
    let header = [(76.0, 688.0, "KPI"), (176.0, 688.0, "Norm and frequency")];
    let mut first = text_ops(&header);
    first.push_str(&text_ops(&[
        (76.0, 668.0, "Response time"),
        (176.0, 668.0, "95% within 4 hours, reported monthly."),
    ]));
    first.push_str(&grid_ops(&xs, &[700.0, 680.0, 660.0]));
    // Page 2 prints the header again (as Word does for a header row), then the next row.
    let mut second = text_ops(&[
        (76.0, 788.0, "KPI"),
        (176.0, 788.0, "Norm and frequency"),
        (76.0, 768.0, "Complaints"),
        (176.0, 768.0, "Handled within 5 working days."),
    ]);
    second.push_str(&grid_ops(&xs, &[800.0, 780.0, 760.0]));
    // Page 3: a new table whose first row only looks like a header of its own.
    let mut third = text_ops(&[(76.0, 788.0, "Role"), (276.0, 788.0, "Party")]);
    third.push_str(&text_ops(&[
        (76.0, 768.0, "Contract manager"),
        (276.0, 768.0, "Contractor"),
    ]));
    third.push_str(&grid_ops(&[72.0, 272.0, 472.0], &[800.0, 780.0, 760.0]));
    let doc = read(&build_pdf(&[
        first.into_bytes(),
        second.into_bytes(),
        third.into_bytes(),
    ]));
    assert_eq!(
        kinds_and_texts(&doc),
        vec![
            (cell(0, 0, 0), "KPI".to_string()),
            (cell(0, 0, 1), "Norm and frequency".to_string()),
            (cell(0, 1, 0), "Response time".to_string()),
            (
                cell(0, 1, 1),
                "95% within 4 hours, reported monthly.".to_string()
            ),
            (cell(0, 2, 0), "Complaints".to_string()),
            (cell(0, 2, 1), "Handled within 5 working days.".to_string()),
            (cell(1, 0, 0), "Role".to_string()),
            (cell(1, 0, 1), "Party".to_string()),
            (cell(1, 1, 0), "Contract manager".to_string()),
            (cell(1, 1, 1), "Contractor".to_string()),
        ]
    );
}

#[test]
fn cells_of_a_table_without_rules_come_out_whole() {
    // A KPI table drawn without any rule: three columns whose cells wrap over different numbers of
    // lines, rows set apart by extra space; prose above and below.
    let doc = read(&build_pdf(&[text_ops(&[
        (
            72.0,
            760.0,
            "The contractor shall meet the following performance indicators.",
        ),
        (76.0, 736.0, "KPI"),
        (226.0, 736.0, "Norm"),
        (396.0, 736.0, "Frequency"),
        (76.0, 716.0, "Response time to incidents"),
        (226.0, 716.0, "95% of priority 1 incidents resolved"),
        (396.0, 716.0, "Measured monthly and"),
        (76.0, 704.0, "reported by the helpdesk"),
        (226.0, 704.0, "within 4 hours of the report"),
        (396.0, 704.0, "reported in the monthly"),
        (396.0, 692.0, "progress report"),
        (76.0, 672.0, "Customer satisfaction"),
        (226.0, 672.0, "An average score of at least 7.5"),
        (396.0, 672.0, "Once a year"),
        (226.0, 660.0, "on the annual survey"),
        (76.0, 640.0, "Complaints handled"),
        (226.0, 640.0, "All complaints answered within"),
        (396.0, 640.0, "Quarterly"),
        (226.0, 628.0, "5 working days"),
        (
            72.0,
            604.0,
            "If a KPI is missed twice, the contractor shall submit an improvement plan.",
        ),
    ])
    .into_bytes()]));
    assert_eq!(
        kinds_and_texts(&doc),
        vec![
            (
                BlockKind::Paragraph,
                "The contractor shall meet the following performance indicators.".to_string()
            ),
            (cell(0, 0, 0), "KPI".to_string()),
            (cell(0, 0, 1), "Norm".to_string()),
            (cell(0, 0, 2), "Frequency".to_string()),
            (
                cell(0, 1, 0),
                "Response time to incidents reported by the helpdesk".to_string()
            ),
            (
                cell(0, 1, 1),
                "95% of priority 1 incidents resolved within 4 hours of the report".to_string()
            ),
            (
                cell(0, 1, 2),
                "Measured monthly and reported in the monthly progress report".to_string()
            ),
            (cell(0, 2, 0), "Customer satisfaction".to_string()),
            (
                cell(0, 2, 1),
                "An average score of at least 7.5 on the annual survey".to_string()
            ),
            (cell(0, 2, 2), "Once a year".to_string()),
            (cell(0, 3, 0), "Complaints handled".to_string()),
            (
                cell(0, 3, 1),
                "All complaints answered within 5 working days".to_string()
            ),
            (cell(0, 3, 2), "Quarterly".to_string()),
            (
                BlockKind::Paragraph,
                "If a KPI is missed twice, the contractor shall submit an improvement plan."
                    .to_string()
            ),
        ]
    );
}

#[test]
fn a_small_table_without_rules_alone_on_its_page_is_read_cell_by_cell() {
    let doc = read(&build_pdf(&[text_ops(&[
        (76.0, 736.0, "Meeting"),
        (226.0, 736.0, "Frequency"),
        (76.0, 720.0, "Contract meeting"),
        (226.0, 720.0, "Quarterly, within 10 days"),
        (226.0, 708.0, "after the quarter"),
        (76.0, 692.0, "Steering group"),
        (226.0, 692.0, "Twice a year"),
    ])
    .into_bytes()]));
    assert_eq!(
        kinds_and_texts(&doc),
        vec![
            (cell(0, 0, 0), "Meeting".to_string()),
            (cell(0, 0, 1), "Frequency".to_string()),
            (cell(0, 1, 0), "Contract meeting".to_string()),
            (
                cell(0, 1, 1),
                "Quarterly, within 10 days after the quarter".to_string()
            ),
            (cell(0, 2, 0), "Steering group".to_string()),
            (cell(0, 2, 1), "Twice a year".to_string()),
        ]
    );
}

#[test]
fn numbered_lists_clauses_contents_pages_and_margin_headings_are_not_tables_without_rules() {
    // A numbered list with a hanging indent (four items, the text wrapping under itself).
    let mut list = Vec::new();
    for (i, top) in [760.0, 730.0, 700.0, 670.0].into_iter().enumerate() {
        list.push((72.0, top, format!("{}.", i + 1)));
        list.push((
            96.0,
            top,
            format!("The contractor reports item {i} of the progress"),
        ));
        list.push((
            96.0,
            top - 12.0,
            "to the contract manager every month.".to_string(),
        ));
    }
    // Clauses numbered "3.2.1" with the text indented beside the number.
    let mut clauses = Vec::new();
    for (i, top) in [640.0, 616.0, 592.0, 568.0].into_iter().enumerate() {
        clauses.push((72.0, top, format!("3.2.{}", i + 1)));
        clauses.push((
            120.0,
            top,
            format!("The contractor keeps record {i} of the work and"),
        ));
        clauses.push((
            120.0,
            top - 12.0,
            "reports it to the contract manager.".to_string(),
        ));
    }
    // A contents page: titles and page numbers.
    let mut contents = Vec::new();
    for (i, title) in ["Introduction", "Scope of work", "Performance", "Governance"]
        .iter()
        .enumerate()
    {
        let top = 530.0 - 14.0 * i as f32;
        contents.push((72.0, top, format!("{} {title}", i + 1)));
        contents.push((500.0, top, format!("{}", 3 + 4 * i)));
    }
    // Headings in the margin beside paragraphs of ten and more lines.
    let mut margin = Vec::new();
    for (k, heading) in ["Reporting", "Meetings", "Escalation"].iter().enumerate() {
        let top = 460.0 - 140.0 * k as f32;
        margin.push((72.0, top, heading.to_string()));
        for line in 0..11 {
            margin.push((
                180.0,
                top - 12.0 * line as f32,
                format!("The parties meet and report as agreed, line {line} of the paragraph."),
            ));
        }
    }
    let all: Vec<(f32, f32, &str)> = list
        .iter()
        .chain(&clauses)
        .chain(&contents)
        .chain(&margin)
        .map(|(x, y, t)| (*x, *y, t.as_str()))
        .collect();
    let doc = read(&build_pdf(&[text_ops(&all).into_bytes()]));
    let cells = table_cells(&doc);
    assert!(cells.is_empty(), "no table expected: {cells:?}");
}

/// Thirty lines of prose on each side of a column gutter, from `top` down.
fn prose_columns(top: f32) -> Vec<(f32, f32, String)> {
    let mut items = Vec::new();
    for i in 0..30 {
        let y = top - 12.0 * i as f32;
        items.push((
            50.0,
            y,
            format!("Left column line {i} with enough words to be prose"),
        ));
        items.push((
            310.0,
            y,
            format!("Right column line {i} with enough words to be prose"),
        ));
    }
    items
}

#[test]
fn prose_columns_lists_and_underlines_are_not_tables() {
    // A framed page in two columns with a column rule and a rule under the title.
    let items = prose_columns(740.0);
    let refs: Vec<(f32, f32, &str)> = items.iter().map(|(x, y, t)| (*x, *y, t.as_str())).collect();
    let mut framed = text_ops(&[(50.0, 775.0, "Two columns")]);
    framed.push_str(&text_ops(&refs));
    framed.push_str("0.5 w 40 60 515 740 re S 40 760 m 555 760 l S 297.5 60 m 297.5 760 l S\n");
    // A hanging-indent numbered list with underlined words, and the same two columns without rules.
    let mut list = text_ops(&[
        (
            72.0,
            760.0,
            "1.  The contractor reports every month on the progress",
        ),
        (90.0, 748.0, "of the work and the agreed indicators."),
        (
            72.0,
            736.0,
            "2.  The municipality reviews the report within two",
        ),
        (90.0, 724.0, "weeks and discusses it with the contractor."),
    ]);
    list.push_str("0.5 w 90 746 m 160 746 l S 72 734 m 100 734 l S\n");
    let lower = prose_columns(690.0);
    let lower: Vec<(f32, f32, &str)> = lower.iter().map(|(x, y, t)| (*x, *y, t.as_str())).collect();
    list.push_str(&text_ops(&lower));
    let doc = read(&build_pdf(&[framed.into_bytes(), list.into_bytes()]));
    let cells = table_cells(&doc);
    assert!(cells.is_empty(), "no table expected: {cells:?}");
    // The columns still read column by column on both pages.
    for page in [1, 2] {
        let text: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| b.page == Some(page))
            .map(|b| b.text.as_str())
            .collect();
        let joined = text.join(" ");
        let left = joined
            .find("Left column line 29")
            .expect("left column read");
        let right = joined
            .find("Right column line 0 ")
            .expect("right column read");
        assert!(left < right, "page {page}: {text:?}");
    }
    let list_items: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| b.page == Some(2) && matches!(b.kind, BlockKind::ListItem { .. }))
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        list_items,
        vec![
            "1. The contractor reports every month on the progress of the work and the agreed indicators.",
            "2. The municipality reviews the report within two weeks and discusses it with the contractor."
        ]
    );
}

#[test]
fn the_corpus_qasp_reads_the_same_cells_and_verdicts_from_pdf_and_docx() {
    let limits = Limits::default();
    let read = |name: &str| {
        let path = shared(&format!("corpus/files/{name}"));
        let (format, extracted) =
            extract_file(&path, &limits).unwrap_or_else(|(_, e)| panic!("{name}: {e}"));
        (format, extracted)
    };
    let (pdf_format, pdf) = read("18F_wa-iee_QASP.pdf");
    let (docx_format, docx) = read("18F_wa-iee_QASP.docx");
    let pdf_cells: Vec<String> = table_cells(&pdf).into_iter().map(|(_, t)| t).collect();
    assert!(
        pdf_cells.iter().any(|c| c == "Performance Standard(s)"),
        "{pdf_cells:#?}"
    );
    assert!(pdf_cells.iter().any(|c| c == "Acceptable Quality Level"));
    assert!(pdf_cells.iter().any(|c| c
        == "Code delivered under the order must have substantial automated test code coverage."));
    assert!(pdf_cells.iter().any(|c| c.starts_with(
        "At the beginning of each sprint, the Product Owner and development team will collaborate"
    )));
    // Nine deliverables, each a table of four rows of two cells, as in the DOCX; the third one, cut by a
    // page break after its first row, stays one table.
    let layout = |doc: &Extracted| -> Vec<BlockKind> {
        table_cells(doc).into_iter().map(|(kind, _)| kind).collect()
    };
    assert_eq!(layout(&pdf), layout(&docx));
    assert_eq!(pdf_cells.len(), 9 * 4 * 2);

    let rules = RuleSet::builtin().expect("built-in rules");
    let pdf_verdict = check(&Doc::build(pdf_format, pdf, None), &rules);
    let docx_verdict = check(&Doc::build(docx_format, docx, None), &rules);
    let statuses = |v: &tenderlint::engine::Verdict| -> Vec<(String, String)> {
        v.categories
            .iter()
            .map(|(name, c)| (name.to_string(), format!("{:?}", c.status)))
            .collect()
    };
    assert_eq!(statuses(&pdf_verdict), statuses(&docx_verdict));
    // As annotated (tests/data/annotations-extra.tsv) for goals, progress and collaboration.
    let status = |name: &str| format!("{:?}", pdf_verdict.category(name).unwrap().status);
    assert_eq!(status("goals"), "Absent");
    assert_eq!(status("progress"), "Embedded");
    assert_eq!(status("collaboration"), "Embedded");
}

#[test]
fn fixture_tables_without_rules_read_the_same_cells_from_pdf_docx_and_odt() {
    // The format fixtures' PDFs draw their tables (locations, KPIs, meetings) without rules.
    let limits = Limits::default();
    let cells = |path: &Path| -> Vec<(BlockKind, String)> {
        let (_, doc) = extract_file(path, &limits).unwrap_or_else(|(_, e)| panic!("{e}"));
        table_cells(&doc)
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats");
    for (name, count, sample) in [
        (
            "ict-support-en",
            31,
            "Supplier service delivery manager; Council ICT operations lead",
        ),
        (
            "schoonmaak-nl",
            38,
            "ten minste 95% van de gemeten elementen goedgekeurd",
        ),
    ] {
        let pdf = cells(&fixtures.join(format!("{name}.pdf")));
        assert_eq!(pdf.len(), count, "{name}: {pdf:#?}");
        assert!(
            pdf.iter().any(|(_, text)| text == sample),
            "{name}: {pdf:#?}"
        );
        for other in ["docx", "odt"] {
            assert_eq!(
                pdf,
                cells(&fixtures.join(format!("{name}.{other}"))),
                "{name}.{other}"
            );
        }
    }
}

#[test]
fn a_word_hyphenated_across_a_page_break_is_joined_over_the_running_head() {
    // Chapter running heads with the page number; the numbering jumps between chapters (two pages per
    // chapter, a page left out), so no head repeats on many pages, but each has its twin nearby.
    let chapters = [
        "INLEIDING",
        "SAMENWERKING",
        "VOORTGANG",
        "KWALITEIT",
        "RISICO",
    ];
    let pages: Vec<Vec<u8>> = (0..10usize)
        .map(|i| {
            let head = format!("{} {}", chapters[i / 2], i + 1 + i / 2);
            let body: Vec<String> = match i {
                2 => vec![
                    "Partijen spreken af dat de opdrachtnemer elke maand".into(),
                    "over de voortgang rapporteert. De opdrachtnemer is verant-".into(),
                ],
                3 => vec!["woordelijk voor de planning van de werkzaamheden.".into()],
                _ => vec![format!("Dit is de tekst van pagina {}.", i + 1)],
            };
            let mut items = vec![(72.0, 800.0, head.clone())];
            for (k, line) in body.iter().enumerate() {
                items.push((72.0, 700.0 - 14.0 * k as f32, line.clone()));
            }
            let refs: Vec<(f32, f32, &str)> =
                items.iter().map(|(x, y, t)| (*x, *y, t.as_str())).collect();
            text_ops(&refs).into_bytes()
        })
        .collect();
    let doc = read(&build_pdf(&pages));
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        texts.contains(
            &"Partijen spreken af dat de opdrachtnemer elke maand over de voortgang rapporteert. \
              De opdrachtnemer is verantwoordelijk voor de planning van de werkzaamheden."
        ),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .all(|t| !chapters.iter().any(|c| t.starts_with(c))),
        "running heads left: {texts:#?}"
    );
}
