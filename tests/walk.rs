//! Directory walking as ripgrep does it: hidden entries and ignore files (.gitignore, .ignore,
//! .tenderlintignore) respected, include/exclude globs from the flags and the configuration file,
//! explicitly named files always checked, and the same order every time.

mod common;

use common::{json, run_in, tmp};
use std::path::{Path, PathBuf};

fn paths(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let v = json(&run_in(dir, &all));
    v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_string()
        })
        .collect()
}

fn tree() -> PathBuf {
    let dir = tmp("walk");
    for d in ["build", ".hidden", "sub", "archive"] {
        std::fs::create_dir_all(dir.join(d)).unwrap();
    }
    let text = "The Contractor shall report monthly.\n";
    for f in [
        "a.md",
        "ignored.md",
        "build/b.md",
        ".hidden/c.md",
        "sub/d.md",
        "sub/d-concept.md",
        "archive/e.md",
        "notes.txt",
    ] {
        std::fs::write(dir.join(f), text).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "ignored.md\nbuild/\n").unwrap();
    dir
}

#[test]
fn ignore_files_hidden_entries_and_globs_are_respected() {
    let dir = tree();
    let all = [
        "a.md",
        "archive/e.md",
        "notes.txt",
        "sub/d-concept.md",
        "sub/d.md",
    ];
    assert_eq!(paths(&dir, &["--no-config", "."]), all);
    assert_eq!(
        paths(&dir, &["--no-config", "--no-ignore", "."]),
        [
            "a.md",
            "archive/e.md",
            "build/b.md",
            "ignored.md",
            "notes.txt",
            "sub/d-concept.md",
            "sub/d.md"
        ]
    );
    // Explicitly named files are always checked.
    assert_eq!(paths(&dir, &["--no-config", "ignored.md"]), ["ignored.md"]);
    assert_eq!(
        paths(
            &dir,
            &[
                "--no-config",
                "--exclude",
                "archive",
                "--exclude",
                "*-concept.md",
                "."
            ]
        ),
        ["a.md", "notes.txt", "sub/d.md"]
    );
    assert_eq!(
        paths(&dir, &["--no-config", "--include", "sub/**", "."]),
        ["sub/d-concept.md", "sub/d.md"]
    );
    // .tenderlintignore works like .gitignore.
    std::fs::write(dir.join(".tenderlintignore"), "notes.txt\n").unwrap();
    assert_eq!(
        paths(&dir, &["--no-config", "."]),
        ["a.md", "archive/e.md", "sub/d-concept.md", "sub/d.md"]
    );
    // The configuration file's globs are relative to its directory, also when run from a subdirectory.
    std::fs::write(
        dir.join("tenderlint.toml"),
        "include = [\"sub\", \"archive\"]\nexclude = [\"**/*-concept.md\"]\n",
    )
    .unwrap();
    assert_eq!(paths(&dir, &["."]), ["archive/e.md", "sub/d.md"]);
    assert_eq!(paths(&dir.join("sub"), &["."]), ["d.md"]);
    // --include replaces the file's include; --exclude adds to its exclude.
    assert_eq!(
        paths(&dir, &["--include", "a.md", "--exclude", "archive", "."]),
        ["a.md"]
    );
}
