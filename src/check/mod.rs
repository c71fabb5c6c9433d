//! Running a check over many files: discovery (walking directories), reading and checking each document
//! in parallel, and collecting the results in input order.

use crate::document::{Document, Language};
use crate::engine::{self, Verdict};
use crate::extract::{self, ErrorKind, ExtractError, Format, Limits};
use crate::rules::RuleSet;
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
    let mut report = Report::default();
    let _ = check_streaming(inputs, rules, options, &|| {}, &mut |d| {
        report.documents.push(d);
        Ok::<(), std::convert::Infallible>(())
    });
    report
}

/// Results at most this many input positions ahead of the next one to hand out may be started, per
/// thread: what bounds the results held back for input order (and so memory) whatever the number of
/// inputs, while leaving the scheduler room to start large files early.
const WINDOW_PER_THREAD: usize = 16;

/// Reads and checks every input in parallel and hands each result to `sink` in input order, as soon as
/// it and every result before it are done; `done` is called after each document, from the worker
/// threads, in any order (for a progress bar).
///
/// Memory does not grow with the number of inputs: a worker starts a file only while it is less than a
/// window (16 × threads) of input positions ahead of the next result to hand out, so at most that many
/// finished results wait. Within the window the largest file starts first, so that a big document
/// does not start last and keep one thread busy after the others are done. When `sink` fails, no new
/// file is started, the files in progress finish, and the error is returned.
pub fn check_streaming<E>(
    inputs: &[Input],
    rules: &RuleSet,
    options: &CheckOptions,
    done: &(dyn Fn() + Sync),
    sink: &mut dyn FnMut(DocumentResult) -> Result<(), E>,
) -> Result<(), E> {
    let pool = match options.jobs {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .ok(),
        None => None,
    };
    let threads = pool
        .as_ref()
        .map_or_else(rayon::current_num_threads, |p| p.current_num_threads())
        .max(1);
    let sizes: Vec<u64> = inputs
        .iter()
        .map(|i| std::fs::metadata(&i.path).map_or(0, |m| m.len()))
        .collect();
    let queue = Queue::new(sizes, threads * WINDOW_PER_THREAD);
    let run = Run {
        inputs,
        rules,
        options,
        done,
        queue: &queue,
    };
    // The workers run on the pool's threads; the calling thread hands the results to `sink`.
    match &pool {
        Some(p) => p.in_place_scope(|scope| run.drive(scope, threads, sink)),
        None => rayon::in_place_scope(|scope| run.drive(scope, threads, sink)),
    }
}

/// What the workers of one [`check_streaming`] share.
#[derive(Clone, Copy)]
struct Run<'a> {
    inputs: &'a [Input],
    rules: &'a RuleSet,
    options: &'a CheckOptions,
    done: &'a (dyn Fn() + Sync),
    queue: &'a Queue,
}

impl<'a> Run<'a> {
    /// Starts `threads` workers in `scope` and hands their results to `sink` in input order.
    fn drive<E>(
        self,
        scope: &rayon::Scope<'a>,
        threads: usize,
        sink: &mut dyn FnMut(DocumentResult) -> Result<(), E>,
    ) -> Result<(), E> {
        for _ in 0..threads {
            scope.spawn(move |_| self.work());
        }
        let outcome = (|| {
            while let Some(result) = self.queue.next_result() {
                sink(result)?;
            }
            Ok(())
        })();
        if outcome.is_err() {
            self.queue.cancel();
        }
        outcome
    }

    fn work(self) {
        while let Some(k) = self.queue.next_task() {
            let result = check_one(&self.inputs[k].path, self.rules, self.options);
            // A progress callback that panics must not lose the result: the consumer waits for it.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(self.done));
            self.queue.finish(k, result);
        }
    }
}

/// The shared state of [`check_streaming`]: which files may start, and the finished results waiting
/// for the ones before them.
struct Queue {
    state: std::sync::Mutex<QueueState>,
    changed: std::sync::Condvar,
    sizes: Vec<u64>,
    window: usize,
}

struct QueueState {
    /// Admitted to the window and not started: largest first, then input order.
    ready: std::collections::BTreeSet<(std::cmp::Reverse<u64>, usize)>,
    /// Inputs before this position have been admitted.
    admitted: usize,
    /// The next result to hand out.
    next: usize,
    /// Finished results waiting for the ones before them.
    finished: std::collections::BTreeMap<usize, DocumentResult>,
    cancelled: bool,
}

impl Queue {
    fn new(sizes: Vec<u64>, window: usize) -> Queue {
        let mut state = QueueState {
            ready: Default::default(),
            admitted: 0,
            next: 0,
            finished: Default::default(),
            cancelled: false,
        };
        let window = window.max(1);
        admit(&mut state, &sizes, window);
        Queue {
            state: std::sync::Mutex::new(state),
            changed: std::sync::Condvar::new(),
            sizes,
            window,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, QueueState> {
        // A worker never panics while holding the lock (reading is behind a panic guard), but a
        // poisoned lock still holds consistent state.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn wait<'a>(
        &self,
        guard: std::sync::MutexGuard<'a, QueueState>,
    ) -> std::sync::MutexGuard<'a, QueueState> {
        self.changed.wait(guard).unwrap_or_else(|e| e.into_inner())
    }

    /// The next file for a worker; `None` when nothing is left to start (or the run was cancelled).
    fn next_task(&self) -> Option<usize> {
        let mut s = self.lock();
        loop {
            if s.cancelled {
                return None;
            }
            if let Some((_, k)) = s.ready.pop_first() {
                return Some(k);
            }
            if s.admitted == self.sizes.len() {
                return None;
            }
            // The window is full of files in progress or waiting to be handed out.
            s = self.wait(s);
        }
    }

    fn finish(&self, k: usize, result: DocumentResult) {
        let mut s = self.lock();
        s.finished.insert(k, result);
        drop(s);
        self.changed.notify_all();
    }

    /// The next result in input order, waiting for it; `None` after the last.
    fn next_result(&self) -> Option<DocumentResult> {
        let mut s = self.lock();
        loop {
            let k = s.next;
            if k == self.sizes.len() {
                return None;
            }
            if let Some(r) = s.finished.remove(&k) {
                s.next += 1;
                let horizon = s.next + self.window;
                admit(&mut s, &self.sizes, horizon);
                drop(s);
                self.changed.notify_all();
                return Some(r);
            }
            s = self.wait(s);
        }
    }

    fn cancel(&self) {
        self.lock().cancelled = true;
        self.changed.notify_all();
    }
}

/// Admits inputs up to (not including) position `horizon` to the ready set.
fn admit(s: &mut QueueState, sizes: &[u64], horizon: usize) {
    let end = horizon.min(sizes.len());
    while s.admitted < end {
        s.ready
            .insert((std::cmp::Reverse(sizes[s.admitted]), s.admitted));
        s.admitted += 1;
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn rules() -> &'static RuleSet {
        static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
        RULES.get_or_init(|| RuleSet::builtin().expect("the built-in pack"))
    }

    fn missing(n: usize) -> Vec<Input> {
        (0..n)
            .map(|i| Input {
                path: PathBuf::from(format!("/nonexistent/tenderlint-test/{i:03}.md")),
                explicit: true,
            })
            .collect()
    }

    #[test]
    fn results_come_in_input_order_whatever_the_threads() {
        let rules = rules();
        let inputs = missing(150);
        for jobs in [1, 2, 3, 8] {
            let options = CheckOptions {
                jobs: Some(jobs),
                ..CheckOptions::default()
            };
            let done = AtomicUsize::new(0);
            let mut seen = Vec::new();
            let r: Result<(), ()> = check_streaming(
                &inputs,
                rules,
                &options,
                &|| {
                    done.fetch_add(1, Ordering::SeqCst);
                },
                &mut |d| {
                    seen.push(d.path);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            let expected: Vec<String> = inputs
                .iter()
                .map(|i| i.path.display().to_string())
                .collect();
            assert_eq!(seen, expected, "{jobs} threads");
            assert_eq!(done.load(Ordering::SeqCst), inputs.len());
        }
    }

    #[test]
    fn a_failing_sink_stops_the_run() {
        let rules = rules();
        let inputs = missing(1000);
        let options = CheckOptions {
            jobs: Some(2),
            ..CheckOptions::default()
        };
        let done = AtomicUsize::new(0);
        let mut handed = 0;
        let r = check_streaming(
            &inputs,
            rules,
            &options,
            &|| {
                done.fetch_add(1, Ordering::SeqCst);
            },
            &mut |_| {
                handed += 1;
                if handed == 3 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(r, Err("closed"));
        assert_eq!(handed, 3);
        // Files beyond the window are never started.
        assert!(done.load(Ordering::SeqCst) <= 3 + 2 * WINDOW_PER_THREAD);
    }
}
