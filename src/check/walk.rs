//! Discovery: expanding the paths given into the files to check. Directories are walked the way ripgrep
//! walks them (the `ignore` crate): hidden entries skipped, `.gitignore`, `.ignore` and
//! `.tenderlintignore` files respected, include/exclude globs applied; the result is sorted by name so
//! that the report does not depend on the order the file system lists entries.

use super::Input;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// File name endings looked at when walking a directory (the format itself is sniffed from content).
const CANDIDATE_EXTENSIONS: [&str; 9] = [
    "pdf", "docx", "odt", "fodt", "md", "markdown", "txt", "text", "docm",
];

/// The ignore file of tenderlint's own, read like a `.gitignore` in every directory walked.
pub const IGNORE_FILE_NAME: &str = ".tenderlintignore";

/// How directories are walked.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// Respect `.gitignore`, `.ignore`, `.git/info/exclude`, the global git ignore file and
    /// `.tenderlintignore` (`--no-ignore` turns this off). Hidden entries are skipped either way.
    pub ignore_files: bool,
    /// Include/exclude globs, each set relative to its own directory (the config file's, or the current
    /// directory for command-line globs).
    pub globs: Vec<PathGlobs>,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            ignore_files: true,
            globs: Vec::new(),
        }
    }
}

/// Include and exclude globs written relative to one directory, gitignore-like: `*` does not cross `/`,
/// `**` does; a glob without `/` matches a name at any depth; a glob matching a directory applies to
/// everything in it. They speak only of paths below their directory.
#[derive(Debug, Clone)]
pub struct PathGlobs {
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl PathGlobs {
    /// `base` should be absolute. An invalid glob is an error naming it.
    pub fn new(base: &Path, include: &[String], exclude: &[String]) -> Result<PathGlobs, String> {
        let set = |globs: &[String]| -> Result<GlobSet, String> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(compile(g)?);
            }
            b.build().map_err(|e| e.to_string())
        };
        Ok(PathGlobs {
            base: base.to_path_buf(),
            include: if include.is_empty() {
                None
            } else {
                Some(set(include)?)
            },
            exclude: set(exclude)?,
        })
    }

    /// The path relative to the base and its ancestors below the base, innermost first; `None` when the
    /// path is not under the base (then these globs do not apply).
    fn candidates(&self, absolute: &Path) -> Option<Vec<PathBuf>> {
        let rel = absolute.strip_prefix(&self.base).ok()?;
        Some(
            rel.ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .collect(),
        )
    }

    fn excludes(&self, absolute: &Path) -> bool {
        self.candidates(absolute)
            .is_some_and(|c| c.iter().any(|p| self.exclude.is_match(p)))
    }

    fn includes(&self, absolute: &Path) -> bool {
        match (&self.include, self.candidates(absolute)) {
            (None, _) => true,
            (Some(set), Some(c)) => c.iter().any(|p| set.is_match(p)),
            // A directory outside the globs' base was named: these globs do not speak of it.
            (Some(_), None) => true,
        }
    }
}

fn compile(glob: &str) -> Result<Glob, String> {
    let trimmed = glob.trim_start_matches("./").trim_end_matches('/');
    let pattern = if trimmed.contains('/') {
        trimmed.trim_start_matches('/').to_string()
    } else {
        format!("**/{trimmed}")
    };
    GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("invalid glob `{glob}`: {}", e.kind()))
}

/// [`discover_with`] with the default options.
pub fn discover(paths: &[PathBuf]) -> Vec<Input> {
    discover_with(paths, &WalkOptions::default())
}

/// Expands the given paths: files named explicitly are always kept; directories are walked recursively
/// (hidden entries and ignored files skipped; only files with a document extension that pass the globs
/// kept — other files are not tender documents), each directory's files in name order. A path that does
/// not exist or cannot be listed is kept, so that it is reported as unreadable; a file with a document
/// extension whose content is not a readable document is reported too.
pub fn discover_with(paths: &[PathBuf], options: &WalkOptions) -> Vec<Input> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let globs = Arc::new(options.globs.clone());
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(Input {
                path: p.clone(),
                explicit: true,
            });
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(p);
        builder
            .standard_filters(options.ignore_files)
            .hidden(true)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b));
        if options.ignore_files {
            builder.add_custom_ignore_filename(IGNORE_FILE_NAME);
        }
        let (filter_globs, filter_cwd) = (Arc::clone(&globs), cwd.clone());
        builder.filter_entry(move |e| {
            e.depth() == 0 || {
                let abs = absolute(&filter_cwd, e.path());
                !filter_globs.iter().any(|g| g.excludes(&abs))
            }
        });
        for entry in builder.build() {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| t.is_file());
                    if e.depth() == 0 || !is_file || !has_candidate_extension(e.path()) {
                        continue;
                    }
                    let abs = absolute(&cwd, e.path());
                    if globs.iter().all(|g| g.includes(&abs)) {
                        out.push(Input {
                            path: e.into_path(),
                            explicit: false,
                        });
                    }
                }
                // An entry that cannot be listed (permissions): reading it reports the cause. Errors in
                // ignore files themselves are not documents and are passed over, as ripgrep does.
                Err(e) => {
                    if e.io_error().is_some() {
                        if let Some(path) = error_path(&e) {
                            out.push(Input {
                                path,
                                explicit: false,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically (no file-system access).
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn has_candidate_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CANDIDATE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_gitignore_like() {
        let base = Path::new("/repo");
        let g = PathGlobs::new(
            base,
            &["tenders/**".into()],
            &["archive".into(), "*-concept.md".into()],
        )
        .unwrap();
        assert!(g.includes(Path::new("/repo/tenders/a/b.pdf")));
        assert!(!g.includes(Path::new("/repo/other/b.pdf")));
        assert!(g.includes(Path::new("/elsewhere/b.pdf")));
        assert!(g.excludes(Path::new("/repo/tenders/archive/old.pdf")));
        assert!(g.excludes(Path::new("/repo/tenders/x-concept.md")));
        assert!(!g.excludes(Path::new("/repo/tenders/x.md")));
        assert!(!g.excludes(Path::new("/elsewhere/archive/x.md")));
        assert!(PathGlobs::new(base, &[], &["a[".into()])
            .unwrap_err()
            .contains("a["));
    }
}
