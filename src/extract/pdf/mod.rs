//! PDF reader: lopdf parses the file, decrypts it (empty user password) and gives the page tree; our own
//! content-stream walker places every glyph (page content, form XObjects, form-field and free-text
//! annotation appearances); the layout turns glyphs into lines, and lines into headings, paragraphs and
//! list items with page numbers, without running headers and footers.
//!
//! Tables drawn with ruling lines are read cell by cell, each cell's text whole, as table-cell blocks
//! (as the DOCX and ODT readers give them); tables without rules read row by row as paragraphs.
//!
//! What it does not do: OCR, right-to-left reordering, tables without ruling lines, tagged-PDF structure
//! trees, glyph-to-Unicode recovery from embedded TrueType `cmap`s.
//!
//! Partial readings are refused rather than returned, since a verdict on part of a tender would look like
//! a verdict on all of it: more pages than [`Limits::max_pages`] is `too_large`; almost no text (a scan)
//! or mostly undecodable text is `no_text_layer`. lopdf calls are guarded by `catch_unwind`, so a panic
//! inside lopdf becomes `corrupt`.

mod blocks;
mod borderless;
mod cff;
mod cmap;
mod content;
mod encodings;
mod fonts;
mod furniture;
mod layout;
mod lexer;
mod metrics;
mod objects;
mod ruling;
mod standard_glyphs;
mod tables;

use super::{Deadline, ErrorKind, ExtractError, Extracted, Limits, Result};
use content::{appearance_matrix, Matrix, PageText, ResourceCache, Walker};
use layout::PageLines;
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use objects::{
    as_dict, as_number, get, get_array, get_dict, get_name, inherited, number_array, StreamBudget,
};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Fewer non-blank characters per page than this, on average, means there is no usable text layer.
const MIN_CHARS_PER_PAGE: usize = 20;
/// More undecodable characters than this share (in percent) make the text unusable as a whole.
const MAX_UNDECODABLE_PERCENT: usize = 25;
/// Most annotations looked at on one page.
const MAX_ANNOTATIONS: usize = 1000;

const PASSWORD_MESSAGE: &str =
    "the PDF is protected with a password; save an unprotected copy (open it with the \
     password and print or export it to a new PDF) and check that copy";

/// Reads a PDF into blocks of text with page numbers.
pub fn read(bytes: &[u8], limits: &Limits, deadline: Deadline) -> Result<Extracted> {
    let doc = load(bytes, limits)?;
    deadline.check()?;
    let page_ids = page_ids(&doc, limits)?;
    let mut cache = ResourceCache::default();
    let mut budget = StreamBudget::new(limits.max_inflated_bytes);
    let mut pages: Vec<PageLines> = Vec::with_capacity(page_ids.len());
    let mut chars = 0usize;
    let mut unmapped = 0usize;
    for (index, &page_id) in page_ids.iter().enumerate() {
        deadline.check()?;
        let max_glyphs = limits.max_chars.saturating_sub(chars);
        let (text, width, height) = read_page(
            &doc,
            page_id,
            &mut cache,
            &mut budget,
            deadline,
            limits,
            max_glyphs,
        )?;
        chars += text.text.chars().filter(|c| !c.is_whitespace()).count();
        unmapped += text.unmapped;
        let (lines, tables) = layout::page_layout(&text, width);
        pages.push(PageLines {
            page: index as u32 + 1,
            height,
            lines,
            tables,
        });
    }
    let page_count = page_ids.len();
    if chars < MIN_CHARS_PER_PAGE * page_count {
        return Err(no_text_layer(page_count, chars, unmapped));
    }
    // Reading only the decodable part of a document would look like reading all of it.
    if unmapped >= MIN_CHARS_PER_PAGE
        && unmapped * 100 > (chars + unmapped) * MAX_UNDECODABLE_PERCENT
    {
        return Err(ExtractError::new(
            ErrorKind::NoTextLayer,
            format!(
                "{}% of the characters in the PDF cannot be decoded (its fonts give no Unicode mapping), so \
                 its text would be read only in part; export it again as a PDF with text, or run OCR on it \
                 and check the OCR copy",
                unmapped * 100 / (chars + unmapped)
            ),
        ));
    }
    furniture::remove_furniture(&mut pages);
    let blocks = blocks::build_blocks(&pages);
    Ok(Extracted {
        pages: Some(page_count as u32),
        blocks,
    })
}

fn no_text_layer(pages: usize, chars: usize, unmapped: usize) -> ExtractError {
    let pages_text = if pages == 1 {
        "1 page".to_string()
    } else {
        format!("{pages} pages")
    };
    let message = if unmapped > chars && unmapped >= MIN_CHARS_PER_PAGE * pages {
        format!(
            "the PDF has {pages_text} but its text cannot be decoded (its fonts give no Unicode mapping); \
             export it again as a PDF with text, or run OCR on it and check the OCR copy"
        )
    } else {
        format!(
            "the PDF has {pages_text} but no text layer: it looks scanned; run OCR on it (or export the original \
             document as a PDF with text) and check that copy"
        )
    };
    ExtractError::new(ErrorKind::NoTextLayer, message)
}

/// Parses the file with lopdf, decrypting it when the user password is empty.
fn load(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let options = LoadOptions {
        max_decompressed_size: Some(
            usize::try_from(limits.max_inflated_bytes).unwrap_or(usize::MAX),
        ),
        ..LoadOptions::default()
    };
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, options)
    }));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(error)) => return Err(load_error(&error, limits)),
        Err(_) => {
            return Err(ExtractError::corrupt(
                "the PDF is damaged: its structure could not be parsed",
            ))
        }
    };
    if doc.trailer.has(b"Encrypt") {
        // lopdf removes /Encrypt once it has decrypted the file with the empty user password.
        return Err(ExtractError::new(ErrorKind::Encrypted, PASSWORD_MESSAGE));
    }
    Ok(doc)
}

fn load_error(error: &lopdf::Error, limits: &Limits) -> ExtractError {
    use lopdf::Error as E;
    match error {
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => ExtractError::too_large(format!(
            "a compressed stream in the PDF expands to more than {} MB",
            limits.max_inflated_bytes / (1024 * 1024)
        )),
        E::InvalidPassword => ExtractError::new(ErrorKind::Encrypted, PASSWORD_MESSAGE),
        E::Decryption(_) | E::UnsupportedSecurityHandler(_) => ExtractError::new(
            ErrorKind::Encrypted,
            "the PDF is encrypted in a way tenderlint cannot open (a certificate or an unsupported security \
             handler); save an unprotected copy and check that copy",
        ),
        E::Parse(lopdf::ParseError::InvalidFileHeader) => {
            ExtractError::corrupt("the file is not a valid PDF: it has no PDF header")
        }
        other => ExtractError::corrupt(format!("the PDF is damaged and cannot be read ({other})")),
    }
}

/// The pages in order; `too_large` beyond `limits.max_pages`, `corrupt` if there are none.
fn page_ids(doc: &Document, limits: &Limits) -> Result<Vec<ObjectId>> {
    let max = usize::try_from(limits.max_pages).unwrap_or(usize::MAX);
    let ids = catch_unwind(AssertUnwindSafe(|| {
        doc.page_iter()
            .take(max.saturating_add(1))
            .collect::<Vec<_>>()
    }))
    .map_err(|_| ExtractError::corrupt("the PDF is damaged: its page tree could not be read"))?;
    if ids.len() > max {
        return Err(ExtractError::too_large(format!(
            "the PDF has more than {max} pages; split it into parts of at most {max} pages"
        )));
    }
    if ids.is_empty() {
        return Err(ExtractError::corrupt(
            "the PDF is damaged: it has no readable pages (the page tree is missing or broken)",
        ));
    }
    Ok(ids)
}

/// A page's boxes `[x0, y0, x1, y1]`: the media box, and the crop box within it (the part a viewer shows).
/// US Letter if neither is usable.
fn page_boxes(doc: &Document, page: &Dictionary) -> ([f32; 4], [f32; 4]) {
    let read_box = |key: &[u8]| -> Option<[f32; 4]> {
        let values = number_array(doc, inherited(doc, page, key)?)?;
        let [a, b, c, d] = <[f32; 4]>::try_from(values).ok()?;
        let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
        (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
    };
    let media = read_box(b"MediaBox").unwrap_or([0.0, 0.0, 612.0, 792.0]);
    let crop = match read_box(b"CropBox") {
        Some(crop) => {
            let r = [
                media[0].max(crop[0]),
                media[1].max(crop[1]),
                media[2].min(crop[2]),
                media[3].min(crop[3]),
            ];
            if r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 {
                r
            } else {
                media
            }
        }
        None => media,
    };
    (media, crop)
}

/// The matrix from default user space to the displayed page (origin bottom left, y up), and the displayed
/// width and height.
fn display_transform(page_box: [f32; 4], rotate: i64) -> (Matrix, f32, f32) {
    let [x0, y0, x1, y1] = page_box;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => (Matrix::new([0.0, -1.0, 1.0, 0.0, -y0, x1]), h, w),
        180 => (Matrix::new([-1.0, 0.0, 0.0, -1.0, x1, y1]), w, h),
        270 => (Matrix::new([0.0, 1.0, -1.0, 0.0, y1, -x0]), h, w),
        _ => (Matrix::new([1.0, 0.0, 0.0, 1.0, -x0, -y0]), w, h),
    }
}

fn read_page(
    doc: &Document,
    page_id: ObjectId,
    cache: &mut ResourceCache,
    budget: &mut StreamBudget,
    deadline: Deadline,
    limits: &Limits,
    max_glyphs: usize,
) -> Result<(PageText, f32, f32)> {
    let Ok(page) = doc.get_dictionary(page_id) else {
        // A page whose dictionary is missing reads as blank.
        return Ok((PageText::default(), 612.0, 792.0));
    };
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(as_number)
        .unwrap_or(0.0) as i64;
    let rotate = if rotate % 90 == 0 { rotate } else { 0 };
    let (media, crop) = page_boxes(doc, page);
    // Text outside the crop box is not shown (printer's marks and slugs live there), so it is not read;
    // but a crop box much smaller than the media box is more likely a mistake than a frame, and then the
    // media box frames the page (as pdftotext does).
    let small_crop = (crop[2] - crop[0]) < 0.5 * (media[2] - media[0])
        || (crop[3] - crop[1]) < 0.5 * (media[3] - media[1]);
    let frame = if small_crop { media } else { crop };
    let (ctm, width, height) = display_transform(frame, rotate);
    let resources = inherited(doc, page, b"Resources").and_then(|r| as_dict(doc, r));
    let mut content = Vec::new();
    for id in doc.get_page_contents(page_id) {
        deadline.check()?;
        if let Ok(Object::Stream(stream)) = doc.get_object(id) {
            if let Some(bytes) = budget.decode(stream)? {
                content.extend_from_slice(&bytes);
                content.push(b'\n');
            }
        }
    }
    let mut walker = Walker::new(doc, cache, budget, deadline, limits.max_depth, max_glyphs);
    walker.clip_to([0.0, 0.0, width, height]);
    walker.run_content(&content, resources, ctm)?;
    for (form, placement) in annotation_appearances(doc, page) {
        walker.run_form(form, resources, placement.then(&ctm))?;
    }
    Ok((walker.finish(), width, height))
}

/// Appearance streams of visible form fields and free-text annotations, with their placement matrices.
fn annotation_appearances(doc: &Document, page: &Dictionary) -> Vec<(ObjectId, Matrix)> {
    let mut out = Vec::new();
    let Some(annotations) = get_array(doc, page, b"Annots") else {
        return out;
    };
    for annotation in annotations.iter().take(MAX_ANNOTATIONS) {
        let Some(annotation) = as_dict(doc, annotation) else {
            continue;
        };
        if !matches!(
            get_name(doc, annotation, b"Subtype"),
            Some(b"Widget" | b"FreeText")
        ) {
            continue;
        }
        let flags = get(doc, annotation, b"F")
            .and_then(as_number)
            .unwrap_or(0.0) as i64;
        // Hidden (bit 2) or not to be viewed (bit 6).
        if flags & (2 | 32) != 0 {
            continue;
        }
        let Some(rect) = get(doc, annotation, b"Rect")
            .and_then(|r| number_array(doc, r))
            .and_then(|r| <[f32; 4]>::try_from(r).ok())
        else {
            continue;
        };
        let Some(normal) = get_dict(doc, annotation, b"AP").and_then(|ap| ap.get(b"N").ok()) else {
            continue;
        };
        let form_ref = match normal {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(Object::Stream(_)) => Some(*id),
                Ok(Object::Dictionary(states)) => appearance_state(doc, annotation, states),
                _ => None,
            },
            Object::Dictionary(states) => appearance_state(doc, annotation, states),
            _ => None,
        };
        let Some(form_id) = form_ref else {
            continue;
        };
        let Ok(Object::Stream(form)) = doc.get_object(form_id) else {
            continue;
        };
        if let Some(placement) = appearance_matrix(doc, &form.dict, rect) {
            out.push((form_id, placement));
        }
    }
    out
}

/// The appearance for the annotation's current state (`/AS`) among several.
fn appearance_state(
    doc: &Document,
    annotation: &Dictionary,
    states: &Dictionary,
) -> Option<ObjectId> {
    let state = get_name(doc, annotation, b"AS")?;
    states.get(state).ok()?.as_reference().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_maps_the_page_corners_onto_the_display() {
        let page_box = [0.0, 0.0, 600.0, 800.0];
        let (m, w, h) = display_transform(page_box, 90);
        assert_eq!((w, h), (800.0, 600.0));
        // The bottom-left corner of the unrotated page is shown top left.
        assert_eq!(m.apply(0.0, 0.0), (0.0, 600.0));
        assert_eq!(m.apply(0.0, 800.0), (800.0, 600.0));
        let (m, _, _) = display_transform(page_box, 270);
        assert_eq!(m.apply(0.0, 0.0), (800.0, 0.0));
        let (m, _, _) = display_transform(page_box, 180);
        assert_eq!(m.apply(600.0, 800.0), (0.0, 0.0));
        let (m, _, _) = display_transform([10.0, 20.0, 610.0, 820.0], 0);
        assert_eq!(m.apply(10.0, 20.0), (0.0, 0.0));
    }

    #[test]
    fn garbage_is_corrupt_not_a_panic() {
        let limits = Limits::default();
        for input in [
            &b""[..],
            b"%PDF-1.4",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>",
            b"hello",
        ] {
            let err = read(input, &limits, Deadline::after(limits.timeout)).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Corrupt, "{err:?}");
        }
    }
}
