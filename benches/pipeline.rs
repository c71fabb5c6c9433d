//! Criterion micro-benchmarks of each stage on the fixtures: every reader (PDF, DOCX, ODT, Markdown) on the
//! same tender, the document build (normalisation, sentences, language), and the rule engine with the full
//! built-in pack. `cargo bench --bench pipeline`; whole-corpus figures come from `bench/run.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use tenderlint::document::Document;
use tenderlint::engine;
use tenderlint::extract::{extract_bytes, Extracted, Format, Limits};
use tenderlint::rules::RuleSet;

/// The same Dutch tender in the four formats.
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/formats/schoonmaak-nl"
);

fn read(ext: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURE}.{ext}")).expect("fixture exists")
}

fn extract(format: Format, bytes: &[u8]) -> Extracted {
    extract_bytes(format, bytes, &Limits::default()).expect("fixture reads")
}

fn readers(c: &mut Criterion) {
    let mut group = c.benchmark_group("read");
    for (name, ext, format) in [
        ("pdf", "pdf", Format::Pdf),
        ("docx", "docx", Format::Docx),
        ("odt", "odt", Format::Odt),
        ("markdown", "md", Format::Markdown),
    ] {
        let bytes = read(ext);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| b.iter(|| extract(format, black_box(&bytes))));
    }
    group.finish();
}

fn engine(c: &mut Criterion) {
    let rules = RuleSet::builtin().expect("built-in pack is valid");
    let extracted = extract(Format::Markdown, &read("md"));
    let doc = Document::build(Format::Markdown, extracted.clone(), None);
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(
        doc.blocks.iter().map(|b| b.text.len() as u64).sum(),
    ));
    group.bench_function("document_build", |b| {
        b.iter(|| Document::build(Format::Markdown, black_box(extracted.clone()), None))
    });
    group.bench_function("rules", |b| {
        b.iter(|| engine::check(black_box(&doc), &rules))
    });
    group.bench_function("build_and_rules", |b| {
        b.iter(|| {
            let doc = Document::build(Format::Markdown, black_box(extracted.clone()), None);
            engine::check(&doc, &rules)
        })
    });
    group.finish();
}

criterion_group!(benches, readers, engine);
criterion_main!(benches);
