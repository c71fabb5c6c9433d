//! The PDF reader on real files (tender corpus, pdf.js encryption and scan samples) and on small PDFs
//! made here with lopdf for one feature each: TJ kerning, a CID font with a ToUnicode map, form
//! XObjects, running footers, decompression bombs, page limits.

#[path = "support/pdf_builder.rs"]
mod pdf_builder;

use lopdf::{dictionary, Dictionary, Document, Object, Stream};
use pdf_builder::{build_pdf, helvetica};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tenderlint::document::normalize_text;
use tenderlint::extract::{pdf, BlockKind, Deadline, ErrorKind, ExtractError, Extracted, Limits};

fn shared(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(path)
}

fn read_with(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    pdf::read(bytes, limits, Deadline::after(limits.timeout))
}

fn read_file(path: &str) -> Result<Extracted, ExtractError> {
    let bytes = std::fs::read(shared(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_with(&bytes, &Limits::default())
}

/// Normalised block texts with their pages.
fn blocks(extracted: &Extracted) -> Vec<(u32, String)> {
    extracted
        .blocks
        .iter()
        .map(|b| (b.page.unwrap_or(0), normalize_text(&b.text)))
        .collect()
}

/// The page of the block that contains `sentence`; panics with the blocks if none does.
fn page_of(extracted: &Extracted, sentence: &str) -> u32 {
    let all = blocks(extracted);
    all.iter()
        .find(|(_, t)| t.contains(sentence))
        .map(|(p, _)| *p)
        .unwrap_or_else(|| panic!("not found: {sentence:?}\nblocks: {all:#?}"))
}

fn headings(extracted: &Extracted) -> Vec<(u8, String)> {
    extracted
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((level, normalize_text(&b.text))),
            _ => None,
        })
        .collect()
}

#[test]
fn dutch_contract_reads_with_sentences_pages_and_headings() {
    let doc = read_file("corpus/files/NL_vng_overeenkomst_wmo.pdf").expect("readable");
    assert_eq!(doc.pages, Some(33));
    // Sentences as pdftotext shows them, on the pages pdftotext puts them.
    let expected = [
        (
            "De overeenkomst heeft betrekking op maatschappelijke ondersteuning bestaande uit activiteiten \
             gericht op het bevorderen van zelfredzaamheid en participatie van de cliënt opdat hij zo lang \
             mogelijk in zijn eigen leefomgeving kan blijven.",
            8,
        ),
        (
            "Opdrachtgever meldt uiterlijk 6 kalendermaanden voor het einde of zij de overeenkomst wil verlengen.",
            9,
        ),
        ("Binnen 2 weken beslist Opdrachtgever of de ruimte wordt aangepast.", 13),
        ("Opgemaakt te [plaats] d.d. [datum]", 33),
    ];
    for (sentence, page) in expected {
        assert_eq!(page_of(&doc, sentence), page, "{sentence}");
    }
    // A clause number at the foot of page 10 stays with its text at the top of page 11.
    assert_eq!(
        page_of(
            &doc,
            "1.4.3 Bij opzegging op basis van dit artikel vergoeden Partijen geen schade"
        ),
        10
    );
    // Pages are in order and every page has text.
    let pages: Vec<u32> = doc.blocks.iter().filter_map(|b| b.page).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]));
    for page in 1..=33 {
        assert!(pages.contains(&page), "no text on page {page}");
    }
    // Headings: numbered articles in bold, chapters, parts; not the table of contents.
    let heads = headings(&doc);
    assert!(
        heads.contains(&(1, "Deel 3: Generieke bepalingen".to_string())),
        "{heads:#?}"
    );
    assert!(
        heads.contains(&(2, "Hoofdstuk 7: Slotbepalingen".to_string())),
        "{heads:#?}"
    );
    assert!(
        heads.contains(&(3, "Artikel 1.3: Looptijd".to_string())),
        "{heads:#?}"
    );
    assert!(
        heads.contains(&(3, "[Optioneel:] Artikel 1.7 – 18-/18+".to_string())),
        "{heads:#?}"
    );
    let toc_headings = doc
        .blocks
        .iter()
        .filter(|b| b.page.is_some_and(|p| p <= 3) && matches!(b.kind, BlockKind::Heading { .. }))
        .filter(|b| b.text.contains("Artikel"))
        .count();
    assert_eq!(toc_headings, 0, "table-of-contents lines are not headings");
    // Nothing repeats on many pages the way a running header or footer would.
    let all = blocks(&doc);
    for (_, text) in &all {
        let on_pages: std::collections::BTreeSet<u32> = all
            .iter()
            .filter(|(_, t)| t == text)
            .map(|(p, _)| *p)
            .collect();
        assert!(
            on_pages.len() <= 5,
            "{text:?} repeats on pages {on_pages:?}"
        );
    }
    // Bullets become list items without the bullet glyph.
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::ListItem { level: 1 }
            && b.text
                .starts_with("Opdrachtnemer zich mede richt op het activeren")));
}

#[test]
fn cloudgov_work_statement_drops_running_headers_and_page_numbers() {
    let doc = read_file("corpus/files/18F_cloudgov_AttA_PWS.pdf").expect("readable");
    assert_eq!(doc.pages, Some(7));
    assert_eq!(
        page_of(
            &doc,
            "The contractor shall keep the system up to date on an ongoing basis."
        ),
        4
    );
    assert_eq!(
        page_of(
            &doc,
            "Support: cloud.gov handles an average of 30 customer email support requests a month."
        ),
        2
    );
    for (page, text) in blocks(&doc) {
        assert!(
            !text.contains("General Services Administration / Technology Transformation Services"),
            "p{page}: {text}"
        );
        assert_ne!(text, "FINAL", "p{page}");
        assert_ne!(text, "cloud.gov support services", "p{page}");
        assert!(!text.ends_with(" of 7"), "p{page}: {text}");
    }
    let heads = headings(&doc);
    assert!(
        heads.contains(&(1, "1.0 Background".to_string())),
        "{heads:#?}"
    );
    assert!(
        heads.contains(&(2, "3.1 Core Tasks".to_string())),
        "{heads:#?}"
    );
    // Bold emphasis inside a paragraph does not cut it.
    let scope = page_of(
        &doc,
        "cloud.gov is seeking to contract a team of dedicated, skilled and knowledgeable resources",
    );
    assert_eq!(scope, 3);
}

#[test]
fn more_corpus_pdfs_read() {
    let tdrs = read_file("corpus/files/18F_tdrs_DRAFT_RFQ_TDRS.pdf").expect("readable");
    assert_eq!(tdrs.pages, Some(39));
    assert_eq!(
        page_of(
            &tdrs,
            "High quality data leads to informed decision-making, and the TANF program relies on this \
             information to make policy recommendations."
        ),
        5
    );
    let ads = read_file("corpus/files/18F_ads-bpa_ADS_RFQ_Final.pdf").expect("readable");
    assert_eq!(
        page_of(
            &ads,
            "The BPAs will be broken down into three (3) distinct multiple award pools."
        ),
        3
    );
    let qasp = read_file("corpus/files/18F_wa-iee_QASP.pdf").expect("readable");
    assert_eq!(qasp.pages, Some(5));
    assert!(qasp.blocks.len() > 20);
}

#[test]
fn pdfs_with_an_empty_user_password_read() {
    // RC4, AES-128 and AES-256 encryption with an owner password only.
    for (file, phrase) in [
        (
            "robustness/pdfjs/bug900822.pdf",
            "Test test test test test test",
        ),
        ("robustness/pdfjs/issue9972-1.pdf", "Personal Sleep Study"),
        (
            "robustness/pdfjs/pr6531_2.pdf",
            "Bluebeam should be encrypting this.",
        ),
    ] {
        let doc = read_file(file).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let text: String = blocks(&doc)
            .into_iter()
            .map(|(_, t)| t)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(phrase), "{file}: {text}");
        assert!(
            text.chars().filter(|c| c.is_alphabetic()).count() >= 20,
            "{file}: {text}"
        );
    }
}

#[test]
fn password_protected_pdfs_are_encrypted() {
    for file in [
        "robustness/pdfjs/issue6010_1.pdf",
        "robustness/pdfjs/print_protection.pdf",
    ] {
        let error = read_file(file).expect_err(file);
        assert_eq!(error.kind, ErrorKind::Encrypted, "{file}: {error:?}");
        assert!(error.message.contains("password"), "{}", error.message);
    }
}

#[test]
fn scanned_pdf_has_no_text_layer() {
    let error = read_file("robustness/pdfjs/issue5481.pdf").expect_err("image-only PDF");
    assert_eq!(error.kind, ErrorKind::NoTextLayer, "{error:?}");
    assert!(
        error.message.contains("3 pages") && error.message.contains("OCR"),
        "{}",
        error.message
    );
}

fn text_of(bytes: &[u8]) -> Vec<String> {
    let doc = read_with(bytes, &Limits::default()).unwrap_or_else(|e| panic!("{e:?}"));
    blocks(&doc).into_iter().map(|(_, t)| t).collect()
}

#[test]
fn tj_kerning_and_positions_decide_spaces() {
    let content =
        b"BT /F1 12 Tf 72 700 Td [(De voort) -15 (gangs) -280 (rapportage) 20 (s zijn) ] TJ \
        0 -14 Td (klaar en) Tj 1 0 0 1 132.5 686 Tm (tijdig.) Tj ET";
    assert_eq!(
        text_of(&build_pdf(&[content], helvetica(), |_, _| {})),
        vec!["De voortgangs rapportages zijn klaar en tijdig."]
    );
}

#[test]
fn cid_font_with_to_unicode_map_reads() {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0011> <00EB> endbfchar
        1 beginbfrange <0024> <003D> <0041> endbfrange
        1 beginbfrange <0044> <005D> [<0061> <0062> <0063> <0064> <0065> <0066> <0067> <0068> <0069> <006A>
        <006B> <006C> <006D> <006E> <006F> <0070> <0071> <0072> <0073> <0074> <0075> <0076> <0077> <0078>
        <0079> <007A>] endbfrange endcmap CMapName currentdict /CMap defineresource pop end end";
    // "Doelen bereikt" and "Financiële" in glyph ids of an Identity-H font.
    let content =
        b"BT /F2 11 Tf 72 700 Td <002700520048004f004800510003004500480055004800 4c004e0057> Tj \
        0 -14 Td <0029004c00510044005100460 04c0011004f0048> Tj ET";
    let bytes = identity_font_pdf("ABCDEF+Arial", Some(cmap), 3, content);
    let text = text_of(&bytes);
    assert_eq!(text, vec!["Doelen bereikt Financiële"], "{text:?}");
}

/// A page in a Type0 font shown through Identity-H whose descendant is a TrueType font named
/// `base_font`, not embedded, with the given ToUnicode map or none; `/W` gives code `space` a width.
fn identity_font_pdf(
    base_font: &str,
    to_unicode: Option<&[u8]>,
    space: i64,
    content: &[u8],
) -> Vec<u8> {
    build_pdf(&[content], Dictionary::new(), |doc, resources| {
        let descriptor = doc.add_object(dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => base_font,
            "Flags" => 32,
        });
        let descendant = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => base_font,
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor,
            "DW" => 500,
            "W" => vec![space.into(), vec![Object::Integer(278)].into()],
        });
        let mut font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => base_font,
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(descendant)],
        };
        if let Some(cmap) = to_unicode {
            font.set(
                "ToUnicode",
                doc.add_object(Stream::new(dictionary! {}, cmap.to_vec())),
            );
        }
        resources.set("Font", dictionary! { "F2" => font });
    })
}

#[test]
fn core_fonts_shown_by_glyph_id_read_through_the_standard_glyph_order() {
    // "Doelen bereikt" and "Financiële" as glyph IDs of Times New Roman (standard Macintosh order: the
    // ASCII letters sit 29 places above their glyph IDs), as Word writes them when the font is not
    // embedded: without this mapping the text reads "'RHOHQ EHUHLNW".
    let content =
        b"BT /F2 11 Tf 72 700 Td <002700520048004f0048005100030045004800550048004c004e0057> Tj \
        0 -14 Td <0029004c0051004400510046004c0073004f0048> Tj ET";
    for name in ["TimesNewRoman,Bold", "ABCDEF+ArialMT", "Verdana"] {
        let text = text_of(&identity_font_pdf(name, None, 3, content));
        assert_eq!(text, vec!["Doelen bereikt Financiële"], "{name}: {text:?}");
    }
    // A producer that writes Unicode values as codes gives the space (32) a width, and no code below it.
    let unicode =
        b"BT /F2 11 Tf 72 700 Td <0044006f0065006c0065006e002000620065007200650069006b0074> Tj \
        0 -14 Td <00460069006e0061006e006300690065006c0065> Tj ET";
    let text = text_of(&identity_font_pdf("Arial", None, 32, unicode));
    assert_eq!(text, vec!["Doelen bereikt Financiele"], "{text:?}");
    // Other fonts order their glyphs otherwise; their codes stay as they are (here: not words).
    for name in ["Calibri", "Arial-Black"] {
        let text = text_of(&identity_font_pdf(name, None, 3, content)).join(" ");
        assert!(!text.contains("Doelen"), "{name}: {text:?}");
    }
}

#[test]
fn form_xobjects_are_read_and_cycles_stop() {
    let bytes = build_pdf(
        &[b"q 1 0 0 1 72 700 cm /Fm1 Do Q BT /F1 12 Tf 72 600 Td (Na het formulier.) Tj ET"],
        helvetica(),
        |doc, resources| {
            let inner_id = doc.new_object_id();
            let outer_id = doc.new_object_id();
            let inner = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 300.into(), 50.into()],
                    "Resources" => dictionary! {
                        "Font" => helvetica().get(b"Font").cloned().unwrap_or(Object::Null),
                        "XObject" => dictionary! { "Fm1" => outer_id },
                    },
                },
                b"BT /F1 12 Tf 0 0 Td (Tekst in een genest formulier.) Tj ET /Fm1 Do".to_vec(),
            );
            let outer = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "BBox" => vec![0.into(), 0.into(), 300.into(), 100.into()],
                    "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 20.into()],
                    "Resources" => dictionary! {
                        "Font" => helvetica().get(b"Font").cloned().unwrap_or(Object::Null),
                        "XObject" => dictionary! { "Fm2" => inner_id },
                    },
                },
                b"BT /F1 12 Tf 0 0 Td (Tekst in een formulier.) Tj ET q 1 0 0 1 0 -20 cm /Fm2 Do Q"
                    .to_vec(),
            );
            doc.objects.insert(inner_id, Object::Stream(inner));
            doc.objects.insert(outer_id, Object::Stream(outer));
            resources.set("XObject", dictionary! { "Fm1" => outer_id });
        },
    );
    let text = text_of(&bytes);
    // The outer form draws its text at 720, the nested one at 700; the cycle back to Fm1 is cut.
    assert_eq!(
        text,
        vec![
            "Tekst in een formulier. Tekst in een genest formulier.",
            "Na het formulier."
        ],
        "{text:?}"
    );
}

#[test]
fn running_footers_and_page_numbers_are_dropped_from_generated_pages() {
    let pages: Vec<Vec<u8>> = (1..=4)
        .map(|n| {
            format!(
                "BT /F1 9 Tf 72 800 Td (Gemeente Voorbeeld - Aanbesteding Jeugdhulp) Tj ET \
                 BT /F1 11 Tf 72 700 Td (De opdrachtnemer rapporteert op pagina {n} elk kwartaal over de voortgang.) Tj ET \
                 BT /F1 9 Tf 72 40 Td (Versie 2.1 - pagina {n} van 4) Tj 450 0 Td ({n}) Tj ET"
            )
            .into_bytes()
        })
        .collect();
    let refs: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
    let text = text_of(&build_pdf(&refs, helvetica(), |_, _| {}));
    let expected: Vec<String> = (1..=4)
        .map(|n| {
            format!("De opdrachtnemer rapporteert op pagina {n} elk kwartaal over de voortgang.")
        })
        .collect();
    assert_eq!(text, expected);
}

#[test]
fn image_only_pages_have_no_text_layer() {
    let bytes = build_pdf(
        &[
            b"q 500 0 0 700 40 70 cm /Im1 Do Q",
            b"q 500 0 0 700 40 70 cm /Im1 Do Q",
        ],
        Dictionary::new(),
        |doc, resources| {
            let image = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                vec![0, 255, 255, 0],
            ));
            resources.set("XObject", dictionary! { "Im1" => image });
        },
    );
    let error = read_with(&bytes, &Limits::default()).expect_err("no text");
    assert_eq!(error.kind, ErrorKind::NoTextLayer);
    assert!(error.message.contains("2 pages"), "{}", error.message);
}

#[test]
fn decompression_bombs_and_page_limits_are_too_large() {
    let mut bomb = Stream::new(
        dictionary! {},
        [
            b"BT /F1 12 Tf 72 700 Td (x) Tj ET ".as_slice(),
            &vec![b' '; 8 << 20],
        ]
        .concat(),
    );
    bomb.compress().expect("compressible");
    assert!(bomb.content.len() < 100_000);
    let bytes = {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(bomb);
        let resources = doc.add_object(helvetica());
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("writable");
        bytes
    };
    let limits = Limits {
        max_inflated_bytes: 1 << 20,
        ..Limits::default()
    };
    let error = read_with(&bytes, &limits).expect_err("bomb");
    assert_eq!(error.kind, ErrorKind::TooLarge, "{error:?}");

    let page =
        b"BT /F1 12 Tf 72 700 Td (Een pagina met genoeg tekst om te lezen.) Tj ET".as_slice();
    let three = build_pdf(&[page, page, page], helvetica(), |_, _| {});
    let limits = Limits {
        max_pages: 2,
        ..Limits::default()
    };
    let error = read_with(&three, &limits).expect_err("too many pages");
    assert_eq!(error.kind, ErrorKind::TooLarge);
    assert!(
        error.message.contains("more than 2 pages"),
        "{}",
        error.message
    );

    let limits = Limits {
        timeout: Duration::ZERO,
        ..Limits::default()
    };
    assert_eq!(
        read_with(&three, &limits).expect_err("deadline").kind,
        ErrorKind::TooLarge
    );
}

#[test]
fn deeply_nested_forms_stop_at_the_depth_limit_without_exhausting_the_stack() {
    // 400 distinct forms, each drawing the next: deeper than Limits::max_depth (256).
    let bytes = build_pdf(
        &[b"BT /F1 12 Tf 72 700 Td (Buiten alle formulieren staat deze zin.) Tj ET /Fm0 Do"],
        helvetica(),
        |doc, resources| {
            let ids: Vec<_> = (0..400).map(|_| doc.new_object_id()).collect();
            for (i, id) in ids.iter().enumerate() {
                let mut xobjects = Dictionary::new();
                if let Some(next) = ids.get(i + 1) {
                    xobjects.set("Fm0", *next);
                }
                let form = Stream::new(
                    dictionary! {
                        "Type" => "XObject", "Subtype" => "Form",
                        "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                        "Resources" => dictionary! { "XObject" => xobjects },
                    },
                    b"q /Fm0 Do Q".to_vec(),
                );
                doc.objects.insert(*id, Object::Stream(form));
            }
            resources.set("XObject", dictionary! { "Fm0" => ids[0] });
        },
    );
    // Run on a thread with a small stack, as rayon's workers have.
    let text = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || text_of(&bytes))
        .expect("thread")
        .join()
        .expect("no panic");
    assert_eq!(text, vec!["Buiten alle formulieren staat deze zin."]);
}

#[test]
fn text_mostly_in_undecodable_fonts_is_not_read_in_part() {
    // Page 1 is plain Helvetica; pages 2 and 3 use a font whose glyph names say nothing ("g1", "g2", …).
    let readable =
        b"BT /F1 12 Tf 72 700 Td (Deze eerste pagina is gewoon leesbaar voor iedereen.) Tj ET"
            .as_slice();
    let coded = b"BT /F2 12 Tf 72 700 Td (!\"#$%&'()*+,-./!\"#$%&'()*+,-./!\"#$%&'()*+,-./!\"#$%&'()*+,-./) Tj ET".as_slice();
    let bytes = build_pdf(&[readable, coded, coded], helvetica(), |_, resources| {
        let names: Vec<Object> = std::iter::once(Object::Integer(33))
            .chain((1..=15).map(|i| Object::Name(format!("g{i}").into_bytes())))
            .collect();
        if let Ok(Object::Dictionary(fonts)) = resources.get_mut(b"Font") {
            fonts.set(
                "F2",
                dictionary! {
                    "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Custom",
                    "Encoding" => dictionary! { "Type" => "Encoding", "Differences" => names },
                },
            );
        }
    });
    let error = read_with(&bytes, &Limits::default()).expect_err("mostly undecodable");
    assert_eq!(error.kind, ErrorKind::NoTextLayer, "{error:?}");
    assert!(
        error.message.contains("cannot be decoded"),
        "{}",
        error.message
    );
}
