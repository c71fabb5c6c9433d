//! Builds the benchmark corpus (about 516 MB of tenders in PDF, DOCX, ODT and Markdown) under
//! `target/bench-corpus/`, from `../shared/corpus/files`, `../shared/robustness` and `fixtures/`. The output
//! is deterministic: the same inputs give byte-identical files, so it is never committed, only regenerated.
//!
//! ```text
//! cargo run --release --example bench_corpus                 # build target/bench-corpus/ (skips if complete)
//! cargo run --release --example bench_corpus -- --force      # rebuild
//! cargo run --release --example bench_corpus -- --out DIR --scale 0.1   # a tenth of the size
//! ```
//!
//! Layout (`MANIFEST.tsv` lists every file with its format, bytes and pages):
//! - `pdf/`   tender bundles: real tender PDFs concatenated page by page with lopdf, in a seeded order, to
//!   25–800+ pages each; plus the real PDFs themselves and the readable pdf.js text-quality files;
//! - `docx/`, `odt/`  the real and fixture documents, copied round after round under new names;
//! - `md/`    tender packages: real Markdown tenders concatenated, round after round;
//! - `sizes/` one Dutch contract concatenated to exactly 50, 100, 200, 500 and 1000 pages (the size-linearity
//!   and peak-RSS series; not part of the throughput corpus).

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::fs;
use std::path::{Path, PathBuf};

const CORPUS: &str = "../shared/corpus/files";
const ROBUSTNESS: &str = "../shared/robustness";
const FIXTURES: &str = "fixtures";
/// The base of the size series: a 33-page Dutch model contract.
const SIZES_BASE: &str = "../shared/corpus/files/NL_vng_overeenkomst_wmo.pdf";
const SIZES: [usize; 5] = [50, 100, 200, 500, 1000];
/// Page targets of the bundles, in turn.
const BUNDLE_PAGES: [usize; 6] = [25, 50, 100, 200, 400, 800];
/// Megabytes per part at scale 1.
const PDF_MB: f64 = 300.0;
const DOCX_MB: f64 = 110.0;
const MD_MB: f64 = 70.0;
const ODT_MB: f64 = 25.0;
/// Page attributes a page may inherit from the page tree; copied into each page before it is moved.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// A small deterministic generator (64-bit LCG, high bits), so the corpus does not depend on a crate's
/// random number algorithm.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = PathBuf::from("target/bench-corpus");
    let mut scale = 1.0f64;
    let mut force = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out DIR")?),
            "--scale" => scale = args.next().ok_or("--scale X")?.parse()?,
            "--force" => force = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let manifest_path = out.join("MANIFEST.tsv");
    if manifest_path.exists() && !force {
        println!(
            "{} exists (use --force to rebuild)",
            manifest_path.display()
        );
        return Ok(());
    }
    if out.exists() {
        fs::remove_dir_all(&out)?;
    }
    let mut manifest = vec!["file\tformat\tbytes\tpages".to_string()];
    let mb = |x: f64| (x * scale * 1e6) as u64;

    // PDF: the readable real tenders, as parsed documents.
    let mut tenders: Vec<(String, Document)> = Vec::new();
    for path in files_with(
        &[
            CORPUS,
            &format!("{FIXTURES}/tenders"),
            &format!("{FIXTURES}/formats"),
        ],
        "pdf",
    )? {
        if let Some(doc) = readable_pdf(&path)? {
            tenders.push((name_of(&path), doc));
        }
    }
    let pdf_dir = out.join("pdf");
    fs::create_dir_all(&pdf_dir)?;
    let mut pdf_bytes = 0u64;
    // The real files once each: the corpus and fixture tenders, and pdf.js text documents that read.
    let mut singles = files_with(
        &[
            CORPUS,
            &format!("{FIXTURES}/tenders"),
            &format!("{FIXTURES}/formats"),
        ],
        "pdf",
    )?;
    let quality = fs::read_to_string(format!("{ROBUSTNESS}/pdfjs-text-quality-set.txt"))?;
    for name in quality
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        singles.push(PathBuf::from(format!("{ROBUSTNESS}/pdfjs/{name}.pdf")));
    }
    for path in singles {
        if let Some(doc) = readable_pdf(&path)? {
            let target = pdf_dir.join(format!("real-{}", name_of(&path)));
            fs::copy(&path, &target)?;
            pdf_bytes += record(&mut manifest, &out, &target, "pdf", doc.get_pages().len())?;
        }
    }
    // Bundles until the part has its size.
    let mut rng = Lcg(20_261_121);
    let mut bundle = 0;
    while pdf_bytes < mb(PDF_MB) {
        let target_pages = BUNDLE_PAGES[bundle % BUNDLE_PAGES.len()];
        let mut parts: Vec<(&Document, usize)> = Vec::new();
        let mut pages = 0;
        while pages < target_pages {
            let doc = &tenders[rng.next(tenders.len())].1;
            let n = doc.get_pages().len();
            parts.push((doc, n));
            pages += n;
        }
        bundle += 1;
        let path = pdf_dir.join(format!("bundle-{bundle:03}.pdf"));
        pdf_bytes += write_pdf(&mut manifest, &out, &path, &parts, pages)?;
    }

    // The size series: one contract concatenated to exactly N pages.
    let sizes_dir = out.join("sizes");
    fs::create_dir_all(&sizes_dir)?;
    let base = readable_pdf(Path::new(SIZES_BASE))?.ok_or("the size-series base does not read")?;
    let base_pages = base.get_pages().len();
    for n in SIZES {
        let mut parts = vec![(&base, base_pages); n / base_pages];
        if n % base_pages > 0 {
            parts.push((&base, n % base_pages));
        }
        let path = sizes_dir.join(format!("wmo-{n:04}p.pdf"));
        write_pdf(&mut manifest, &out, &path, &parts, n)?;
    }

    // DOCX and ODT: copies, round after round.
    for (ext, part_mb, sources) in [
        (
            "docx",
            DOCX_MB,
            vec![
                CORPUS.to_string(),
                format!("{FIXTURES}/tenders"),
                format!("{FIXTURES}/formats"),
                format!("{ROBUSTNESS}/docx"),
            ],
        ),
        (
            "odt",
            ODT_MB,
            vec![
                format!("{FIXTURES}/tenders"),
                format!("{FIXTURES}/formats"),
                format!("{ROBUSTNESS}/odt"),
            ],
        ),
    ] {
        let dirs: Vec<&str> = sources.iter().map(String::as_str).collect();
        let files = files_with(&dirs, ext)?;
        let dir = out.join(ext);
        fs::create_dir_all(&dir)?;
        let mut bytes = 0u64;
        let mut round = 0;
        while bytes < mb(part_mb) && !files.is_empty() {
            round += 1;
            for f in &files {
                let target = dir.join(format!("r{round:03}-{}", name_of(f)));
                fs::copy(f, &target)?;
                bytes += record(&mut manifest, &out, &target, ext, 0)?;
            }
        }
    }

    // Markdown: packages of 2–6 real tenders concatenated (each keeps its headings).
    let md_sources = files_with(
        &[
            CORPUS,
            &format!("{FIXTURES}/tenders"),
            &format!("{FIXTURES}/formats"),
        ],
        "md",
    )?;
    let md_texts: Vec<String> = md_sources
        .iter()
        .map(fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let md_dir = out.join("md");
    fs::create_dir_all(&md_dir)?;
    let mut md_bytes = 0u64;
    let mut package = 0;
    while md_bytes < mb(MD_MB) {
        package += 1;
        let count = 2 + rng.next(5);
        let text: Vec<&str> = (0..count)
            .map(|_| md_texts[rng.next(md_texts.len())].as_str())
            .collect();
        let target = md_dir.join(format!("package-{package:04}.md"));
        fs::write(&target, text.join("\n\n"))?;
        md_bytes += record(&mut manifest, &out, &target, "md", 0)?;
    }

    fs::write(&manifest_path, manifest.join("\n") + "\n")?;
    println!(
        "{}: {} files; pdf {:.0} MB in {} bundles, md {:.0} MB in {} packages",
        out.display(),
        manifest.len() - 1,
        pdf_bytes as f64 / 1e6,
        bundle,
        md_bytes as f64 / 1e6,
        package
    );
    Ok(())
}

/// Files with extension `ext` in the given directories (not recursive), in name order per directory.
fn files_with(dirs: &[&str], ext: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in dirs {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)))
            .collect();
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The parsed PDF, when it is unencrypted, has pages and tenderlint reads it (a benchmark of text
/// extraction should time documents with text).
fn readable_pdf(path: &Path) -> std::io::Result<Option<Document>> {
    let bytes = fs::read(path)?;
    let limits = tenderlint::extract::Limits::default();
    let deadline = tenderlint::extract::Deadline::after(limits.timeout);
    if tenderlint::extract::pdf::read(&bytes, &limits, deadline).is_err() {
        return Ok(None);
    }
    Ok(Document::load_mem(&bytes)
        .ok()
        .filter(|d| !d.is_encrypted() && !d.trailer.has(b"Encrypt") && !d.get_pages().is_empty()))
}

/// Appends a manifest line; returns the file's size.
fn record(
    manifest: &mut Vec<String>,
    root: &Path,
    path: &Path,
    format: &str,
    pages: usize,
) -> std::io::Result<u64> {
    let bytes = fs::metadata(path)?.len();
    let rel = path.strip_prefix(root).unwrap_or(path);
    manifest.push(format!("{}\t{format}\t{bytes}\t{pages}", rel.display()));
    Ok(bytes)
}

fn write_pdf(
    manifest: &mut Vec<String>,
    root: &Path,
    path: &Path,
    parts: &[(&Document, usize)],
    pages: usize,
) -> Result<u64, Box<dyn std::error::Error>> {
    let mut doc = merge(parts);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    fs::write(path, bytes)?;
    Ok(record(manifest, root, path, "pdf", pages)?)
}

/// Concatenates the first `n` pages of each document into a new one: each source is renumbered past the
/// previous ones, its pages get the attributes they inherited and the new page tree as parent, and objects
/// no page reaches any more (old catalogs, outlines, dropped pages) are pruned.
fn merge(parts: &[(&Document, usize)]) -> Document {
    let mut out = Document::with_version("1.7");
    let pages_id: ObjectId = (1, 0);
    let mut next = 2;
    let mut kids = Vec::new();
    for (source, take) in parts {
        let mut doc = (*source).clone();
        doc.renumber_objects_with(next);
        let page_ids: Vec<ObjectId> = doc.get_pages().into_values().take(*take).collect();
        for &id in &page_ids {
            let mut inherited: Vec<(&[u8], Object)> = Vec::new();
            for key in INHERITED {
                if let Some(v) = inherited_value(&doc, id, key) {
                    inherited.push((key, v));
                }
            }
            if let Ok(Object::Dictionary(page)) = doc.get_object_mut(id) {
                for (key, v) in inherited {
                    page.set(key, v);
                }
                page.set("Parent", Object::Reference(pages_id));
            }
        }
        let last = doc.objects.keys().map(|id| id.0).max().unwrap_or(next);
        for (id, object) in doc.objects {
            let skip = match &object {
                Object::Dictionary(d) => d.has_type(b"Catalog") || d.has_type(b"Pages"),
                Object::Stream(s) => s.dict.has_type(b"XRef") || s.dict.has_type(b"ObjStm"),
                _ => false,
            };
            if !skip {
                out.objects.insert(id, object);
            }
        }
        kids.extend(page_ids.into_iter().map(Object::Reference));
        next = last.max(next) + 1;
    }
    let count = kids.len() as i64;
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Kids", Object::Array(kids));
    pages.set("Count", Object::Integer(count));
    out.objects.insert(pages_id, Object::Dictionary(pages));
    let catalog_id = (next, 0);
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    out.objects.insert(catalog_id, Object::Dictionary(catalog));
    out.trailer.set("Root", Object::Reference(catalog_id));
    out.max_id = next;
    out.prune_objects();
    out
}

/// A page attribute, from the page or the nearest ancestor that has it.
fn inherited_value(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut id = page;
    for _ in 0..64 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(v) = dict.get(key) {
            return Some(v.clone());
        }
        id = dict.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}
