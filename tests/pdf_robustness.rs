//! Reads every PDF of the pdf.js test suite (971 files, many broken, fuzzed or exotic): each one must read or
//! fail with an `ExtractError`, and none may panic. Prints the outcome per error kind and the slowest files
//! (`cargo test --test pdf_robustness -- --nocapture`).

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tenderlint::extract::{pdf, Deadline, Limits};

const EXPECTED_FILES: usize = 971;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/robustness/pdfjs");
    assert!(
        dir.is_dir(),
        "the robustness corpus is missing: {}",
        dir.display()
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("readable corpus directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort();
    files
}

enum Outcome {
    Read { blocks: usize },
    Failed(&'static str),
    Panicked(String),
}

#[test]
fn every_pdfjs_file_reads_or_fails_without_panicking() {
    let files = corpus();
    assert_eq!(
        files.len(),
        EXPECTED_FILES,
        "the pdf.js corpus should hold {EXPECTED_FILES} PDFs"
    );
    let limits = Limits::default();
    let start = Instant::now();
    let outcomes: Vec<(&PathBuf, Outcome, Duration)> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("readable file");
            let began = Instant::now();
            // catch_unwind only to name every panicking file; any panic fails the test below.
            let result = catch_unwind(AssertUnwindSafe(|| {
                pdf::read(&bytes, &limits, Deadline::after(limits.timeout))
            }));
            let outcome = match result {
                Ok(Ok(extracted)) => Outcome::Read {
                    blocks: extracted.blocks.len(),
                },
                Ok(Err(error)) => {
                    assert!(
                        !error.message.is_empty(),
                        "{}: an error without a message",
                        path.display()
                    );
                    Outcome::Failed(error.kind.as_str())
                }
                Err(panic) => Outcome::Panicked(
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default(),
                ),
            };
            (path, outcome, began.elapsed())
        })
        .collect();
    let total = start.elapsed();

    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut panics = Vec::new();
    let mut blocks = 0;
    for (path, outcome, _) in &outcomes {
        match outcome {
            Outcome::Read { blocks: n } => {
                *kinds.entry("read").or_default() += 1;
                blocks += n;
            }
            Outcome::Failed(kind) => *kinds.entry(kind).or_default() += 1,
            Outcome::Panicked(message) => panics.push(format!("{}: {message}", path.display())),
        }
    }
    let mut slowest: Vec<_> = outcomes.iter().map(|(p, _, d)| (*d, *p)).collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    eprintln!(
        "{} files in {:.1} s; outcomes {kinds:?}; {blocks} blocks",
        outcomes.len(),
        total.as_secs_f64()
    );
    for (duration, path) in slowest.iter().take(8) {
        eprintln!("  {:>7.3} s  {}", duration.as_secs_f64(), path.display());
    }
    assert!(
        panics.is_empty(),
        "{} files panicked:\n{}",
        panics.len(),
        panics.join("\n")
    );
    // Most pdf.js files are tiny test cases with a few characters or none (no_text_layer); this floor
    // catches a reader that stops reading the ones with text.
    assert!(
        kinds.get("read").copied().unwrap_or(0) >= 300,
        "too few files read: {kinds:?}"
    );
}
