//! Running a check over many files: discovery (walking directories), reading and checking each document
//! in parallel, and collecting the results in input order.

use crate::document::{Document, Language};
use crate::engine::{self, Verdict};
use crate::extract::{self, ErrorKind, ExtractError, Format, Limits};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

mod source_lines;
mod walk;

pub use source_lines::LineSpan;
pub use walk::{discover, discover_with, PathGlobs, WalkOptions};

/// Options of one check run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `None`: detect per document.
    pub language: Option<Language>,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
    pub limits: Limits,
}

/// One input file and what became of it.
#[derive(Debug, Clone)]
pub struct DocumentResult {
    /// The path as given, or as found under a given directory.
    pub path: String,
    pub format: Option<Format>,
    pub language: Option<Language>,
    pub pages: Option<u32>,
    pub outcome: Result<Verdict, ExtractError>,
    /// For plain-text and Markdown files: the lines of the source file where each finding's quote is,
    /// aligned with the verdict's findings (`None`: not found, or a format without lines).
    pub finding_lines: Vec<Option<LineSpan>>,
}

/// The result of a whole run, documents in input order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: Vec<DocumentResult>,
    /// Findings left out because they are in the baseline (`--baseline`).
    pub suppressed: usize,
}

/// A path to check: found in a directory walk, or named explicitly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub explicit: bool,
}

/// Reads and checks every input, in parallel, returning the results in input order. The same inputs
/// give the same report whatever the number of threads.
pub fn check(inputs: &[Input], rules: &RuleSet, options: &CheckOptions) -> Report {
    check_with_progress(inputs, rules, options, &|| {})
}

/// [`check`], calling `done` after each document (from the worker threads, in any order): for a
/// progress bar.
pub fn check_with_progress(
    inputs: &[Input],
    rules: &RuleSet,
    options: &CheckOptions,
    done: &(dyn Fn() + Sync),
) -> Report {
    // Largest files first, so that one big document does not start last and keep a single thread busy
    // after the others have finished; the results go back into input order.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    let sizes: Vec<u64> = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .collect();
    order.sort_by_key(|&k| (std::cmp::Reverse(sizes[k]), k));
    let run = || {
        let mut done_in_order: Vec<(usize, DocumentResult)> = order
            .par_iter()
            .with_max_len(1)
            .map(|&k| {
                let result = check_one(&inputs[k].path, rules, options);
                done();
                (k, result)
            })
            .collect();
        done_in_order.sort_by_key(|(k, _)| *k);
        done_in_order
            .into_iter()
            .map(|(_, r)| r)
            .collect::<Vec<_>>()
    };
    let documents = match options.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
        {
            Ok(pool) => pool.install(run),
            Err(_) => run(),
        },
        None => run(),
    };
    Report {
        documents,
        suppressed: 0,
    }
}

/// Reads one document into the model, for `check` and `extract`.
pub fn read_document(
    path: &Path,
    options: &CheckOptions,
) -> Result<Document, (Option<Format>, ExtractError)> {
    let (format, extracted) = extract::extract_file(path, &options.limits)?;
    Ok(Document::build(format, extracted, options.language))
}

/// Checks one file; never panics on input (a panic inside a reader is caught and reported as a defect).
pub fn check_one(path: &Path, rules: &RuleSet, options: &CheckOptions) -> DocumentResult {
    let shown = path.display().to_string();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        test_panic_hook(path);
        read_document(path, options).map(|doc| {
            let verdict = engine::check(&doc, rules);
            let lines = match doc.format {
                Format::Text | Format::Markdown => source_lines::find_all(path, &verdict.findings),
                _ => vec![None; verdict.findings.len()],
            };
            (doc.format, doc.language, doc.pages, verdict, lines)
        })
    }));
    match result {
        Ok(Ok((format, language, pages, verdict, finding_lines))) => DocumentResult {
            path: shown,
            format: Some(format),
            language: Some(language),
            pages,
            outcome: Ok(verdict),
            finding_lines,
        },
        Ok(Err((format, error))) => DocumentResult {
            path: shown,
            format,
            language: None,
            pages: None,
            outcome: Err(error),
            finding_lines: Vec::new(),
        },
        Err(payload) => DocumentResult {
            path: shown,
            format: None,
            language: None,
            pages: None,
            outcome: Err(ExtractError::new(
                ErrorKind::Corrupt,
                format!(
                    "tenderlint failed while reading this file (an internal defect; please report it with the file): {}",
                    panic_message(payload.as_ref())
                ),
            )),
            finding_lines: Vec::new(),
        },
    }
}

/// The text a panic was raised with (`panic!("...")` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic without a message")
}

/// Debug builds only: panics while reading the file whose name is the value of the environment variable
/// `TENDERLINT_TEST_PANIC`, so that tests can prove the panic guard above (`tests/hostile_cli.rs`).
/// Release builds compile this to nothing.
fn test_panic_hook(path: &Path) {
    if cfg!(debug_assertions) {
        if let Some(name) = std::env::var_os("TENDERLINT_TEST_PANIC") {
            if path.file_name() == Some(name.as_os_str()) {
                panic!("deliberate panic for TENDERLINT_TEST_PANIC");
            }
        }
    }
}

impl Report {
    pub fn unreadable(&self) -> usize {
        self.documents.iter().filter(|d| d.outcome.is_err()).count()
    }
}
