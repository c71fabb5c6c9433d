//! Running a check over many files: discovery (walking directories), reading and checking each document
//! in parallel, and collecting the results in input order.

use crate::document::{Document, Language};
use crate::engine::{self, Verdict};
use crate::extract::{self, ErrorKind, ExtractError, Format, Limits};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// File name endings looked at when walking a directory (the format itself is sniffed from content).
const CANDIDATE_EXTENSIONS: [&str; 9] = [
    "pdf", "docx", "odt", "fodt", "md", "markdown", "txt", "text", "docm",
];

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
}

/// The result of a whole run, documents in input order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: Vec<DocumentResult>,
}

/// A path to check: found in a directory walk, or named explicitly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub explicit: bool,
}

/// Expands the given paths: files as they are, directories walked recursively in name order (hidden
/// entries skipped; only files with a document extension kept — other files are not tender documents).
/// A path that does not exist or cannot be listed is kept, so that it is reported as unreadable; a file
/// with a document extension whose content is not a readable document is reported too.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_candidate_extension(e.path()) => out
                        .push(Input {
                            path: e.into_path(),
                            explicit: false,
                        }),
                    Ok(_) => {}
                    // An entry that cannot be listed (permissions): reading it reports the cause.
                    Err(e) => {
                        if let Some(path) = e.path() {
                            out.push(Input {
                                path: path.to_path_buf(),
                                explicit: false,
                            });
                        }
                    }
                }
            }
        } else {
            out.push(Input {
                path: p.clone(),
                explicit: true,
            });
        }
    }
    out
}

fn has_candidate_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CANDIDATE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads and checks every input, in parallel, returning the results in input order. The same inputs
/// give the same report whatever the number of threads.
pub fn check(inputs: &[Input], rules: &RuleSet, options: &CheckOptions) -> Report {
    let run = || {
        inputs
            .par_iter()
            .map(|i| check_one(&i.path, rules, options))
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
    Report { documents }
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
            (doc.format, doc.language, doc.pages, verdict)
        })
    }));
    match result {
        Ok(Ok((format, language, pages, verdict))) => DocumentResult {
            path: shown,
            format: Some(format),
            language: Some(language),
            pages,
            outcome: Ok(verdict),
        },
        Ok(Err((format, error))) => DocumentResult {
            path: shown,
            format,
            language: None,
            pages: None,
            outcome: Err(error),
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
