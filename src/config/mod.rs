//! The configuration file `tenderlint.toml`: finding it (from the working directory upwards), reading
//! it with errors that name the file, the line and the key, and the rule control it carries (disabled
//! rules, severity overrides). Merging it with the command line is the CLI's job: flags override the
//! file, the file overrides the defaults.

mod rule_control;

pub use rule_control::{closest, RuleControl};

use crate::extract::LimitSettings;
use crate::rules::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The configuration file's name.
pub const FILE_NAME: &str = "tenderlint.toml";

/// The commented starter file `tenderlint init` writes.
pub const STARTER: &str = include_str!("starter.toml");

/// Keys of the file, for suggestions on a misspelt key.
const KEYS: [&str; 9] = [
    "select", "disable", "fail_on", "lang", "include", "exclude", "rules", "severity", "limits",
];

/// A configuration that cannot be used: where (file and line, or the flag) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct ConfigError {
    /// `tenderlint.toml:7`, `tenderlint.toml`, or a flag such as `--disable`.
    pub place: String,
    pub message: String,
}

/// `fail_on`: the lowest severity that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The severity at or above which findings fail the run (`None`: never).
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// `lang`: the documents' language, or `auto` to detect it per document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Auto,
    Nl,
    En,
}

/// The file's keys, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileKeys {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    fail_on: Option<FailOn>,
    lang: Option<Lang>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    rules: Vec<PathBuf>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    limits: LimitSettings,
}

/// A configuration file, read and checked (except rule ids, which need the rule set: see
/// [`Config::rule_control`]).
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file, as found or given (empty for the built-in defaults).
    pub path: PathBuf,
    /// The directory that relative paths and globs in the file are relative to (absolute).
    pub dir: PathBuf,
    pub fail_on: Option<FailOn>,
    pub lang: Option<Lang>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Extra rule pack directories, resolved against [`Config::dir`].
    pub rules: Vec<PathBuf>,
    pub limits: LimitSettings,
    select: Vec<Spanned<String>>,
    disable: Vec<Spanned<String>>,
    severity: BTreeMap<String, Severity>,
    text: String,
}

/// The nearest `tenderlint.toml` in `start` or a directory above it, up to the file-system root.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            place: shown.clone(),
            message: format!("cannot read the configuration file: {e}"),
        })?;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let dir = if dir.is_absolute() {
            dir
        } else {
            std::env::current_dir().unwrap_or_default().join(dir)
        };
        Config::parse(&text, &shown, &dir).map(|c| Config {
            path: path.to_path_buf(),
            ..c
        })
    }

    /// Parses configuration text; `shown` names the file in errors, `dir` is its directory.
    pub fn parse(text: &str, shown: &str, dir: &Path) -> Result<Config, ConfigError> {
        let keys: FileKeys = toml::from_str(text).map_err(|e| parse_error(text, shown, &e))?;
        keys.limits.validate().map_err(|m| ConfigError {
            place: format!("{shown}:{}", line_of_key(text, "limits").unwrap_or(1)),
            message: format!("[limits]: {m}"),
        })?;
        Ok(Config {
            path: PathBuf::from(shown),
            dir: dir.to_path_buf(),
            fail_on: keys.fail_on,
            lang: keys.lang,
            include: keys.include,
            exclude: keys.exclude,
            rules: keys.rules.iter().map(|r| dir.join(r)).collect(),
            limits: keys.limits,
            select: keys.select,
            disable: keys.disable,
            severity: keys.severity,
            text: text.to_string(),
        })
    }

    /// The file's `select`, `disable` and `[severity]` entries, each with the place it was written.
    pub fn rule_control(&self) -> RuleControl {
        let shown = self.path.display().to_string();
        let line_at = |offset: usize| {
            self.text[..offset.min(self.text.len())]
                .matches('\n')
                .count()
                + 1
        };
        let mut control = RuleControl::default();
        control.set_select(
            self.select
                .iter()
                .map(|s| {
                    let place = format!("{shown}:{}", line_at(s.span().start));
                    (s.get_ref().clone(), place)
                })
                .collect(),
        );
        for d in &self.disable {
            control.disable(d.get_ref(), format!("{shown}:{}", line_at(d.span().start)));
        }
        for (id, sev) in &self.severity {
            let line = line_of_key(&self.text, id).unwrap_or(1);
            control.set_severity(id, *sev, format!("{shown}:{line}"));
        }
        control
    }
}

/// The line where `key` is written as a key (`key =`, `"key" =`, `[key]`), if any.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            let rest = t
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
                .or_else(|| t.strip_prefix(key))
                .or_else(|| t.strip_prefix('[').and_then(|r| r.strip_prefix(key)));
            rest.is_some_and(|r| {
                let r = r.trim_start();
                r.starts_with('=') || r.starts_with(']') || r.starts_with('.')
            })
        })
        .map(|i| i + 1)
}

/// A TOML or type error as `file:line: message`, in the file's words (keys, not fields).
fn parse_error(text: &str, shown: &str, e: &toml::de::Error) -> ConfigError {
    let raw = e.message().trim();
    let span_line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let quoted: Vec<&str> = raw.split('`').skip(1).step_by(2).collect();
    let (line, message) = if let Some(rest) = raw.strip_prefix("unknown field") {
        let key = quoted.first().copied().unwrap_or("");
        let line = line_of_key(text, key).or(span_line);
        let mut m = format!("unknown key `{key}`");
        let known: Vec<&str> = if rest.contains("expected") {
            quoted.get(1..).unwrap_or_default().to_vec()
        } else {
            KEYS.to_vec()
        };
        match closest(key, known.iter().copied()) {
            Some(s) => m.push_str(&format!("; did you mean `{s}`?")),
            None if !known.is_empty() => {
                m.push_str(&format!("; the keys here are {}", list(&known)))
            }
            None => {}
        }
        (line, m)
    } else if raw.starts_with("unknown variant") {
        let value = quoted.first().copied().unwrap_or("");
        (
            span_line,
            format!(
                "`{value}` is not one of {}",
                list(quoted.get(1..).unwrap_or_default())
            ),
        )
    } else {
        (span_line, raw.to_string())
    };
    ConfigError {
        place: match line {
            Some(l) => format!("{shown}:{l}"),
            None => shown.to_string(),
        },
        message,
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "tenderlint.toml", Path::new("/repo"))
    }

    #[test]
    fn the_starter_file_is_valid_and_says_what_each_key_does() {
        let c = parse(STARTER).expect("starter parses");
        assert_eq!(c.fail_on, Some(FailOn::Error));
        for key in KEYS {
            assert!(STARTER.contains(key), "starter lacks {key}");
        }
    }

    #[test]
    fn unknown_keys_name_the_line_and_suggest() {
        let e = parse("lang = \"nl\"\n\nfail-on = \"warning\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "tenderlint.toml:3: unknown key `fail-on`; did you mean `fail_on`?"
        );
        let e = parse("[limits]\nmax_page = 3\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "tenderlint.toml:2: unknown key `max_page`; did you mean `max_pages`?"
        );
        let e = parse("fail_on = \"critical\"\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("tenderlint.toml:1: `critical` is not one of"),
            "{e}"
        );
        let e = parse("[limits]\nmax_pages = 0\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("tenderlint.toml:1: [limits]: limit `max_pages`"),
            "{e}"
        );
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let c = parse("rules = [\"packs/extra\"]\n").unwrap();
        assert_eq!(c.rules, vec![PathBuf::from("/repo/packs/extra")]);
    }
}
