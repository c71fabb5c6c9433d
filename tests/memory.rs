//! Peak memory does not grow with the number of documents: each result is written as soon as it and the
//! ones before it are done, and then dropped. One `check` run over 40 copies of a fixture tender and one
//! over 800 copies must peak within a few MiB of each other (keeping every result for the end, as the
//! report did before it streamed, added about 20 KiB per copy of this file: ~16 MiB more for 800).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Peak RSS the larger run may add to the smaller one.
const MAX_GROWTH_KIB: u64 = 6 * 1024;

/// Runs the binary to completion; (exit code, peak RSS in KiB of the child).
fn peak_rss(mut command: Command) -> (Option<i32>, u64) {
    let child = command.spawn().expect("run tenderlint");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, with valid pointers to a status and a rusage.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    // The child handle is not used again: it was reaped by wait4.
    std::mem::forget(child);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (code, usage.ru_maxrss as u64)
}

/// A folder with `n` hard links (or copies) of one fixture tender.
fn copies(root: &Path, n: usize) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/tenders/catering-en.md");
    let dir = root.join(format!("copies-{n}"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for i in 0..n {
        let to = dir.join(format!("tender-{i:04}.md"));
        if std::fs::hard_link(&source, &to).is_err() {
            std::fs::copy(&source, &to).expect("copy fixture");
        }
    }
    dir
}

fn check_peak(dir: &Path, format: &str) -> u64 {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tenderlint"));
    command
        .args(["check", "--jobs", "2", "--format", format])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let (code, rss) = peak_rss(command);
    // The fixture's findings are warnings and notes: exit 0 (1 would be errors, 2 unreadable files).
    assert_eq!(code, Some(0), "{format} over {}", dir.display());
    rss
}

#[test]
fn peak_memory_does_not_grow_with_the_number_of_documents() {
    let root = std::env::temp_dir().join(format!("tenderlint-memory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let few = copies(&root, 40);
    let many = copies(&root, 800);
    // JSON and SARIF stream; JUnit spools its test suites to a temporary file (its header needs totals).
    for format in ["json", "sarif", "junit"] {
        let small = check_peak(&few, format);
        let large = check_peak(&many, format);
        println!("{format}: 40 documents {small} KiB, 800 documents {large} KiB");
        assert!(
            large <= small + MAX_GROWTH_KIB,
            "{format}: peak RSS grew from {small} KiB (40 documents) to {large} KiB (800 documents)"
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
