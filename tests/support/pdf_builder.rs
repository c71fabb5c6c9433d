//! Test PDFs made with lopdf, shared by the PDF reader tests: A4 pages with the given content streams and
//! one resource dictionary.
#![allow(dead_code)]

use lopdf::{dictionary, Dictionary, Document, Object, Stream};

/// Builds a PDF whose pages have the given content streams and a shared resource dictionary; `extra` may
/// add objects (fonts, images) and refer to them from the resources.
pub fn build_pdf(
    pages: &[&[u8]],
    resources: Dictionary,
    extra: impl FnOnce(&mut Document, &mut Dictionary),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut resources = resources;
    extra(&mut doc, &mut resources);
    let resources_id = doc.add_object(resources);
    let mut kids = Vec::new();
    for content in pages {
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("lopdf writes the test PDF");
    bytes
}

/// Resources with Helvetica (WinAnsiEncoding) as /F1.
pub fn helvetica() -> Dictionary {
    dictionary! {
        "Font" => dictionary! {
            "F1" => dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding",
            },
        },
    }
}
