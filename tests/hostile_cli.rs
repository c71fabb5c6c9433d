//! Hostile and damaged inputs at the command line: one `tenderlint check --format json` run over a folder
//! of files made here (truncated, misnamed, empty, encrypted, image-only, zip bombs, XML nested 300,000
//! deep, PDF objects and content nested 200,000 deep, PDFs whose page tree and object references loop,
//! absurd lengths and object counts, invalid UTF-16) plus one good tender. Every file is reported once
//! with its own outcome, the good one with its verdict, and the run exits 2. A second run proves the
//! panic guard (debug builds only).

use flate2::{Compress, Compression, FlushCompress};
use lopdf::{dictionary, Document, Object, Stream};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("tenderlint-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

// ---- PDFs written by hand ------------------------------------------------------------------------------

/// A PDF from numbered object bodies, with a correct cross-reference table and the given trailer entries
/// (`/Size` is added unless the entries set it).
fn raw_pdf(objects: &[(u32, &[u8])], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = BTreeMap::new();
    for (id, body) in objects {
        offsets.insert(*id, out.len());
        out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let size = offsets.keys().max().copied().unwrap_or(0) + 1;
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for id in 1..size {
        match offsets.get(&id) {
            Some(offset) => out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 65535 f \n"),
        }
    }
    let size_entry = if trailer.contains("/Size") {
        String::new()
    } else {
        format!("/Size {size} ")
    };
    out.extend_from_slice(
        format!("trailer\n<< {size_entry}{trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    [
        format!("<< {dict} /Length {} >>\nstream\n", content.len()).as_bytes(),
        content,
        b"\nendstream",
    ]
    .concat()
}

const HELVETICA: &[u8] =
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

const SENTENCE: &[u8] =
    b"BT /F1 12 Tf 72 700 Td (De opdrachtnemer rapporteert elk kwartaal over de voortgang.) Tj ET";

/// A page tree whose second kid is a Pages node listing the root again; a Contents reference that points
/// at an object that points back; a Resources chain that loops.
fn looping_pdf() -> Vec<u8> {
    raw_pdf(
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
            (2, b"<< /Type /Pages /Kids [4 0 R 3 0 R] /Count 2 >>"),
            (3, b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>"),
            (
                4,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources 7 0 R >>",
            ),
            (5, &stream("", SENTENCE)),
            (6, b"9 0 R"),
            (7, b"<< /Font << /F1 8 0 R >> /XObject 6 0 R >>"),
            (8, HELVETICA),
            (9, b"6 0 R"),
        ],
        "/Root 1 0 R",
    )
}

/// A stream whose /Length claims almost a terabyte, and a trailer and xref claiming 10^9 objects.
fn absurd_counts_pdf() -> Vec<u8> {
    let mut content = b"<< /Length 999999999999 >>\nstream\n".to_vec();
    content.extend_from_slice(SENTENCE);
    content.extend_from_slice(b"\nendstream");
    let pdf = raw_pdf(
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>"),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            ),
            (4, &content),
            (5, HELVETICA),
        ],
        "/Size 1000000000 /Root 1 0 R",
    );
    // The subsection header claims 10^9 entries too.
    let text = pdf.clone();
    let at = text
        .windows(5)
        .position(|w| w == b"xref\n")
        .expect("an xref table");
    let mut out = text[..at].to_vec();
    out.extend_from_slice(&text[at..].replacen_bytes(b"0 6\n", b"0 1000000000\n"));
    out
}

trait ReplaceBytes {
    fn replacen_bytes(&self, from: &[u8], to: &[u8]) -> Vec<u8>;
}

impl ReplaceBytes for [u8] {
    fn replacen_bytes(&self, from: &[u8], to: &[u8]) -> Vec<u8> {
        match self.windows(from.len()).position(|w| w == from) {
            Some(i) => [&self[..i], to, &self[i + from.len()..]].concat(),
            None => self.to_vec(),
        }
    }
}

/// Text whose ToUnicode map and Info strings hold lone and reversed UTF-16 surrogates, beside good text.
fn bad_utf16_pdf() -> Vec<u8> {
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
/CMapName /Bad def 1 begincodespacerange <00> <FF> endcodespacerange\n\
3 beginbfchar\n<41> <D800>\n<42> <DC00D800>\n<43> <0043>\nendbfchar\n\
1 beginbfrange\n<61> <7A> <0061>\nendbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end";
    let content =
        b"BT /F1 12 Tf 72 700 Td (ABC) Tj 0 -20 Td (the contractor reports every quarter) Tj ET";
    raw_pdf(
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            ),
            (4, &stream("", content)),
            (
                5,
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            ),
            (6, &stream("", cmap)),
            (7, b"<< /Title <FEFFD800> /Author <FEFFDC00D800> >>"),
        ],
        "/Root 1 0 R /Info 7 0 R",
    )
}

/// Arrays and dictionaries nested `depth` deep in an object the page refers to, and arrays nested as
/// deep inside the page's content stream.
fn deep_pdf(depth: usize) -> Vec<u8> {
    let deep_object = [
        "[".repeat(depth),
        "]".repeat(depth),
        "<< /A ".repeat(depth),
        ">>".repeat(depth),
    ]
    .concat();
    let content = [
        b"BT /F1 12 Tf 72 700 Td ".as_slice(),
        "[".repeat(depth).as_bytes(),
        b"(x)",
        "]".repeat(depth).as_bytes(),
        b" TJ 0 -20 Td (The supplier appoints a contract manager.) Tj ET",
    ]
    .concat();
    raw_pdf(
        &[
            (1, b"<< /Type /Catalog /Pages 2 0 R >>"),
            (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            (
                3,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /Deep 6 0 R >>",
            ),
            (4, &stream("", &content)),
            (5, HELVETICA),
            (6, deep_object.as_bytes()),
        ],
        "/Root 1 0 R",
    )
}

/// Two pages that only paint an image.
fn image_only_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let resources = doc.add_object(dictionary! { "XObject" => dictionary! { "Im1" => image } });
    let mut kids = Vec::new();
    for _ in 0..2 {
        let content = doc.add_object(Stream::new(
            dictionary! {},
            b"q 500 0 0 700 40 70 cm /Im1 Do Q".to_vec(),
        ));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("lopdf writes the test PDF");
    bytes
}

// ---- DOCX files ----------------------------------------------------------------------------------------

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn docx(document_xml: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in [
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document_xml),
    ] {
        writer
            .start_file(name, SimpleFileOptions::default())
            .expect("start part");
        writer.write_all(content).expect("write part");
    }
    writer.finish().expect("finish zip").into_inner()
}

/// `<w:sdt><w:sdtContent>` nested `depth` times around one paragraph.
fn deep_docx(depth: usize) -> Vec<u8> {
    let xml = format!(
        "<w:document {W}><w:body>{}<w:p><w:r><w:t>diep</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    docx(xml.as_bytes())
}

/// A DOCX whose word/document.xml inflates to `gib` GiB (an opening tag, then spaces), written as raw
/// deflate without ever holding the inflated text: one compressed MiB of spaces repeated. The central
/// directory declares the true size (`honest`) or 1 KiB.
fn zip_bomb_docx(gib: u64, honest: bool) -> Vec<u8> {
    let deflate = |data: &[u8], compress: &mut Compress| {
        let mut out = Vec::with_capacity(data.len() / 100 + 1024);
        compress
            .compress_vec(data, &mut out, FlushCompress::Sync)
            .expect("deflate");
        out
    };
    let head = format!("<?xml version=\"1.0\"?><w:document {W}><w:body><w:p><w:r><w:t>");
    let mut compressed = deflate(
        head.as_bytes(),
        &mut Compress::new(Compression::best(), false),
    );
    let mib = deflate(
        &vec![b' '; 1 << 20],
        &mut Compress::new(Compression::best(), false),
    );
    let mibs = gib * 1024;
    for _ in 0..mibs {
        compressed.extend_from_slice(&mib);
    }
    compressed.extend_from_slice(&[0x03, 0x00]); // a final, empty fixed-Huffman block
    let inflated = head.len() as u64 + (mibs << 20);
    let declared = if honest {
        u32::try_from(inflated).expect("under 4 GiB")
    } else {
        1024
    };
    let mut crc = crc32fast::Hasher::new();
    crc.update(PACKAGE_RELS.as_bytes());
    let entries: [(&str, u16, u32, &[u8], u32); 2] = [
        (
            "_rels/.rels",
            0,
            crc.finalize(),
            PACKAGE_RELS.as_bytes(),
            PACKAGE_RELS.len() as u32,
        ),
        // The CRC is never reached: reading stops at the size limit.
        ("word/document.xml", 8, 0, &compressed, declared),
    ];
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, crc, data, size) in entries {
        let offset = out.len() as u32;
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend_from_slice(&header(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        central.extend_from_slice(&header(b"PK\x01\x02", true));
    }
    let central_at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

// ---- The run -------------------------------------------------------------------------------------------

struct Expect {
    file: &'static str,
    /// "ok", or the error kind.
    outcome: &'static str,
    /// The reported format (JSON `format`), when one is reported.
    format: Option<&'static str>,
    /// Words the error message (or, for "ok", nothing) must contain.
    message: &'static [&'static str],
}

fn check_json(dir: &Path, env: &[(&str, &str)]) -> (Value, Option<i32>, Duration, String) {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_tenderlint"))
        .args(["check", "--format", "json"])
        .arg(dir)
        .envs(env.iter().copied())
        .output()
        .expect("run tenderlint");
    let elapsed = start.elapsed();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        v,
        out.status.code(),
        elapsed,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn by_file(v: &Value) -> BTreeMap<String, Value> {
    let mut map = BTreeMap::new();
    for d in v["documents"].as_array().expect("documents") {
        let name = Path::new(d["path"].as_str().expect("path"))
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        assert!(
            map.insert(name.clone(), d.clone()).is_none(),
            "{name} reported twice"
        );
    }
    map
}

#[test]
fn one_check_run_reports_every_hostile_file_with_its_own_outcome() {
    let dir = tmp("all");
    let fixtures = root().join("fixtures/formats");
    let good_pdf = std::fs::read(fixtures.join("ict-support-en.pdf")).expect("fixture");
    let good_docx = std::fs::read(fixtures.join("ict-support-en.docx")).expect("fixture");
    let encrypted = std::fs::read(root().join("../shared/robustness/pdfjs/issue6010_1.pdf"))
        .expect("a password-protected PDF in ../shared/robustness");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("good.pdf", good_pdf.clone()),
        ("truncated.pdf", good_pdf[..good_pdf.len() / 2].to_vec()),
        ("truncated.docx", good_docx[..good_docx.len() / 2].to_vec()),
        ("pdf-named.docx", good_pdf.clone()),
        ("docx-named.pdf", good_docx.clone()),
        ("empty.pdf", Vec::new()),
        ("encrypted.pdf", encrypted),
        ("image-only.pdf", image_only_pdf()),
        ("bomb-declared.docx", zip_bomb_docx(3, true)),
        ("bomb-lying.docx", zip_bomb_docx(2, false)),
        ("deep.docx", deep_docx(300_000)),
        ("loops.pdf", looping_pdf()),
        ("absurd-counts.pdf", absurd_counts_pdf()),
        ("bad-utf16.pdf", bad_utf16_pdf()),
        ("deep.pdf", deep_pdf(200_000)),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("write test file");
    }
    let expected = [
        Expect {
            file: "good.pdf",
            outcome: "ok",
            format: Some("pdf"),
            message: &[],
        },
        Expect {
            file: "truncated.pdf",
            outcome: "corrupt",
            format: Some("pdf"),
            message: &["damaged"],
        },
        Expect {
            file: "truncated.docx",
            outcome: "corrupt",
            format: Some("docx"),
            message: &["DOCX", "damaged", "zip"],
        },
        // Read by content, whatever the name says.
        Expect {
            file: "pdf-named.docx",
            outcome: "ok",
            format: Some("pdf"),
            message: &[],
        },
        Expect {
            file: "docx-named.pdf",
            outcome: "ok",
            format: Some("docx"),
            message: &[],
        },
        Expect {
            file: "empty.pdf",
            outcome: "corrupt",
            format: None,
            message: &["empty"],
        },
        Expect {
            file: "encrypted.pdf",
            outcome: "encrypted",
            format: Some("pdf"),
            message: &["password"],
        },
        Expect {
            file: "image-only.pdf",
            outcome: "no_text_layer",
            format: Some("pdf"),
            message: &["2 pages", "OCR"],
        },
        Expect {
            file: "bomb-declared.docx",
            outcome: "too_large",
            format: Some("docx"),
            message: &["zip bomb"],
        },
        // A declared size that lies is caught by the zip reader as soon as the data outgrows it.
        Expect {
            file: "bomb-lying.docx",
            outcome: "corrupt",
            format: Some("docx"),
            message: &["word/document.xml", "declared"],
        },
        Expect {
            file: "deep.docx",
            outcome: "too_large",
            format: Some("docx"),
            message: &["256 levels deep"],
        },
        Expect {
            file: "loops.pdf",
            outcome: "ok",
            format: Some("pdf"),
            message: &[],
        },
        Expect {
            file: "absurd-counts.pdf",
            outcome: "ok",
            format: Some("pdf"),
            message: &[],
        },
        Expect {
            file: "bad-utf16.pdf",
            outcome: "ok",
            format: Some("pdf"),
            message: &[],
        },
        Expect {
            file: "deep.pdf",
            outcome: "ok",
            format: Some("pdf"),
            message: &[],
        },
    ];
    assert_eq!(expected.len(), files.len());

    let (v, code, elapsed, stderr) = check_json(&dir, &[]);
    eprintln!("{} files in {:.2} s", files.len(), elapsed.as_secs_f64());
    assert_eq!(code, Some(2), "unreadable files make exit code 2\n{stderr}");
    let docs = by_file(&v);
    assert_eq!(
        docs.keys().collect::<Vec<_>>().len(),
        files.len(),
        "every file reported once: {:?}",
        docs.keys()
    );
    let mut problems = Vec::new();
    for e in &expected {
        let d = &docs[e.file];
        let outcome = match d["status"].as_str() {
            Some("ok") => "ok",
            _ => d["error"]["kind"].as_str().unwrap_or("?"),
        };
        let message = d["error"]["message"].as_str().unwrap_or("");
        if outcome != e.outcome
            || d["format"].as_str() != e.format
            || !e.message.iter().all(|m| message.contains(m))
        {
            problems.push(format!(
                "{}: expected {} {:?} {:?}, got {outcome} {} {message:?}",
                e.file, e.outcome, e.format, e.message, d["format"]
            ));
        }
        if outcome != "ok" {
            assert!(
                stderr.contains(&format!("{}: cannot read ({outcome})", e.file)),
                "stderr names {} and the cause:\n{stderr}",
                e.file
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    // The good file keeps its verdict: categories, language, pages.
    let good = &docs["good.pdf"];
    assert_eq!(good["language"], "en");
    assert!(
        good["categories"].as_object().is_some_and(|c| c.len() == 4),
        "{good}"
    );
    // The loops did not stop the readable page; the bad surrogates did not stop the good text.
    for (file, words) in [
        ("loops.pdf", "rapporteert elk kwartaal"),
        ("bad-utf16.pdf", "reports every quarter"),
        ("deep.pdf", "appoints a contract manager"),
    ] {
        let text = extract_text(&dir.join(file));
        assert!(text.contains(words), "{file}: {text}");
        assert!(
            !text.contains('\u{FFFD}') || file == "bad-utf16.pdf",
            "{file}: {text}"
        );
    }
    // The bombs are refused without inflating gigabytes: the whole run, 15 files with 5 GiB of bombs
    // among them, stays far below the time inflating them would take.
    assert!(
        elapsed < Duration::from_secs(60),
        "the run took {elapsed:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn extract_text(path: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tenderlint"))
        .arg("extract")
        .arg(path)
        .output()
        .expect("run tenderlint extract");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// `TENDERLINT_TEST_PANIC=<file name>` makes a debug build panic while reading that file (see
/// `check::check_one`); release builds ignore it.
#[test]
fn a_panic_while_reading_one_file_is_reported_and_the_run_goes_on() {
    if !cfg!(debug_assertions) {
        return; // the hook exists in debug builds only
    }
    let dir = tmp("panic");
    let fixtures = root().join("fixtures/formats");
    for name in [
        "ict-support-en.md",
        "schoonmaak-nl.md",
        "ict-support-en.docx",
    ] {
        std::fs::copy(fixtures.join(name), dir.join(name)).expect("copy fixture");
    }
    let (v, code, _, stderr) = check_json(&dir, &[("TENDERLINT_TEST_PANIC", "schoonmaak-nl.md")]);
    assert_eq!(code, Some(2), "{stderr}");
    let docs = by_file(&v);
    assert_eq!(docs.len(), 3);
    let panicked = &docs["schoonmaak-nl.md"];
    assert_eq!(panicked["status"], "error");
    assert_eq!(panicked["error"]["kind"], "corrupt");
    let message = panicked["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("internal defect"), "{message}");
    assert!(
        message.contains("TENDERLINT_TEST_PANIC"),
        "the panic message is kept: {message}"
    );
    for other in ["ict-support-en.md", "ict-support-en.docx"] {
        assert_eq!(docs[other]["status"], "ok", "{other}: {}", docs[other]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
