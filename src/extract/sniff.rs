//! Format detection by content: magic bytes and container structure, never the file name alone.

use std::io::Cursor;
use std::path::Path;

/// The formats tenderlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Odt,
    Markdown,
    Text,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

/// Detects the format of `bytes`. The path is consulted only to tell Markdown from plain text when the
/// content itself has no Markdown headings. `None`: not a format tenderlint reads.
pub fn sniff(bytes: &[u8], path: &Path) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1024)];
    // "%PDF-" opens a PDF; readers accept some junk before it, but a text file that merely mentions
    // "%PDF-1.7" is still text.
    if let Some(at) = find(head, b"%PDF-") {
        if at == 0 || !looks_like_text(bytes) {
            return Some(Format::Pdf);
        }
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes).or_else(|| sniff_damaged_zip(head, path));
    }
    if looks_like_text(bytes) && is_flat_odt(head) {
        return Some(Format::Odt);
    }
    if looks_like_text(bytes) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        if matches!(ext.as_deref(), Some("md" | "markdown" | "mdown" | "mkd"))
            || has_markdown_headings(bytes)
        {
            return Some(Format::Markdown);
        }
        return Some(Format::Text);
    }
    None
}

fn sniff_zip(bytes: &[u8]) -> Option<Format> {
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.into_owned())
        .take(100_000)
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("word/document.xml") {
        return Some(Format::Docx);
    }
    if has("content.xml") {
        // `mimetype` says which ODF flavour; a text document is what we read.
        let mut archive = archive;
        if let Ok(mut f) = archive.by_name("mimetype") {
            let mut s = String::new();
            use std::io::Read;
            let _ = (&mut f).take(200).read_to_string(&mut s);
            if !s.is_empty() && !s.contains("opendocument.text") {
                return None;
            }
        }
        return Some(Format::Odt);
    }
    None
}

/// A zip archive whose directory cannot be read (truncated, damaged): the part names in the first local
/// headers, or else the file name, say which container it was meant to be, so that its reader reports
/// it as damaged rather than as a format tenderlint does not read.
fn sniff_damaged_zip(head: &[u8], path: &Path) -> Option<Format> {
    if find(head, b"word/").is_some() {
        return Some(Format::Docx);
    }
    if find(head, b"mimetype").is_some() && find(head, b"opendocument.text").is_some() {
        return Some(Format::Odt);
    }
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "docx" | "docm" => Some(Format::Docx),
        "odt" => Some(Format::Odt),
        _ => None,
    }
}

/// A flat ODT text document (`.fodt`): one XML file whose root declares the ODF text mimetype.
fn is_flat_odt(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(head);
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("<?xml")
        && head.contains("office:document")
        && head.contains("application/vnd.oasis.opendocument.text")
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Text: UTF-16 with a BOM, or no NUL bytes and hardly any control characters in the first 64 KiB
/// (UTF-8, or a single-byte encoding such as Windows-1252, which [`super::text::decode`] handles).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 100 <= sample.len()
}

fn has_markdown_headings(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(sample);
    text.lines().any(|l| {
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_magic_wins_over_extension() {
        assert_eq!(
            sniff(b"%PDF-1.7\n...", Path::new("a.txt")),
            Some(Format::Pdf)
        );
    }

    #[test]
    fn markdown_by_content_or_extension() {
        assert_eq!(
            sniff(b"# Doel\n\ntekst", Path::new("a.txt")),
            Some(Format::Markdown)
        );
        assert_eq!(
            sniff(b"plain words", Path::new("a.md")),
            Some(Format::Markdown)
        );
        assert_eq!(sniff(b"plain words", Path::new("a")), Some(Format::Text));
    }

    #[test]
    fn flat_odt_is_odt() {
        let fodt = br#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.text">"#;
        assert_eq!(sniff(fodt, Path::new("a.fodt")), Some(Format::Odt));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><note/>", Path::new("a.xml")),
            Some(Format::Text)
        );
    }

    #[test]
    fn text_mentioning_pdf_magic_and_latin1_text_are_text() {
        let md = b"# Bijlage\n\nHet bestand begint met %PDF-1.7 en is een PDF.";
        assert_eq!(sniff(md, Path::new("a.md")), Some(Format::Markdown));
        assert_eq!(
            sniff(b"junk\x01\x02\x03%PDF-1.4 binary", Path::new("a")),
            Some(Format::Pdf)
        );
        assert_eq!(
            sniff(b"Co\xf6rdinatie en overleg", Path::new("a.txt")),
            Some(Format::Text)
        );
    }

    #[test]
    fn binary_is_unsupported() {
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0, 1, 2], Path::new("a.doc")),
            None
        );
        assert_eq!(sniff(b"PK\x03\x04garbage", Path::new("a.zip")), None);
    }

    #[test]
    fn a_damaged_zip_is_sniffed_by_its_first_part_names_or_its_extension() {
        let docx_head = b"PK\x03\x04\x14\x00\x00\x00\x08\x00word/document.xml and then nothing";
        assert_eq!(sniff(docx_head, Path::new("a.bin")), Some(Format::Docx));
        let odt_head =
            b"PK\x03\x04\x14\x00\x00\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(sniff(odt_head, Path::new("a.bin")), Some(Format::Odt));
        assert_eq!(
            sniff(b"PK\x03\x04garbage", Path::new("a.docx")),
            Some(Format::Docx)
        );
        assert_eq!(
            sniff(b"PK\x03\x04garbage", Path::new("a.ODT")),
            Some(Format::Odt)
        );
    }
}
