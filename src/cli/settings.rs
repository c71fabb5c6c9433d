//! The settings of a run, merged from their three sources: command-line flags override the
//! configuration file (`tenderlint.toml`), which overrides the defaults. Lists add up: `--disable` and
//! `--exclude` extend the file's lists; `--include` and `--select` replace the file's.

use super::LangArg;
use anyhow::{Context, Result};
use clap::Args;
use std::path::{Path, PathBuf};
use tenderlint::check::{CheckOptions, PathGlobs, WalkOptions};
use tenderlint::config::{self, Config, ConfigError, FailOn, Lang, RuleControl};
use tenderlint::document::Language;
use tenderlint::extract::{LimitSettings, Limits};
use tenderlint::rules::{RuleSet, Severity};

/// Which configuration file to read.
#[derive(Args, Default)]
#[command(next_help_heading = "Configuration")]
pub struct ConfigFileArgs {
    /// Read this configuration file instead of the nearest tenderlint.toml (the working directory's or a
    /// parent's)
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every tenderlint.toml
    #[arg(long)]
    no_config: bool,
}

impl ConfigFileArgs {
    /// The configuration in force: `--config FILE`, else the nearest `tenderlint.toml`, else none.
    pub fn load(&self) -> Result<Option<Config>> {
        if self.no_config {
            return Ok(None);
        }
        let path = match &self.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|cwd| config::find(&cwd)),
        };
        Ok(match path {
            Some(p) => Some(Config::load(&p)?),
            None => None,
        })
    }
}

/// Everything `check` and `baseline` share: what to read and with which rules.
#[derive(Args)]
pub struct RunArgs {
    /// Files and directories to check (directories are walked recursively)
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Language of the documents (auto: detect per document) [default: auto, or `lang` of tenderlint.toml]
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Number of documents read in parallel (default: one per CPU core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    #[command(flatten)]
    config: ConfigFileArgs,
    /// Directory with an extra rule pack (*.toml), added to the built-in rules; may be repeated
    #[arg(long = "rules", value_name = "DIR", help_heading = "Rules")]
    rules: Vec<PathBuf>,
    /// Only these finding rules: an id or the beginning of ids, e.g. `--select PROG` (replaces `select`
    /// of tenderlint.toml); may be repeated
    #[arg(long, value_name = "RULE-ID", help_heading = "Rules")]
    select: Vec<String>,
    /// Switch a rule off (added to `disable` of tenderlint.toml); may be repeated
    #[arg(long, value_name = "RULE-ID", help_heading = "Rules")]
    disable: Vec<String>,
    /// Set a rule's severity, e.g. `--severity COLL-003=info`; may be repeated
    #[arg(long, value_name = "RULE-ID=LEVEL", value_parser = parse_severity, help_heading = "Rules")]
    severity: Vec<(String, Severity)>,
    /// Only check files in directories that match this glob (replaces `include` of tenderlint.toml); may
    /// be repeated
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    include: Vec<String>,
    /// Skip files and directories that match this glob (added to `exclude`); may be repeated
    #[arg(long, value_name = "GLOB", help_heading = "Files")]
    exclude: Vec<String>,
    /// Do not read .gitignore, .ignore and .tenderlintignore files (hidden files stay skipped)
    #[arg(long, help_heading = "Files")]
    no_ignore: bool,
    #[command(flatten)]
    limits: LimitArgs,
}

fn parse_severity(s: &str) -> std::result::Result<(String, Severity), String> {
    let (id, level) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not RULE-ID=LEVEL, e.g. COLL-003=info"))?;
    let severity = match level.trim().to_ascii_lowercase().as_str() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        other => return Err(format!("`{other}` is not one of error, warning, info")),
    };
    Ok((id.trim().to_string(), severity))
}

/// A run's merged settings.
pub struct Settings {
    pub rules: RuleSet,
    pub options: CheckOptions,
    pub walk: WalkOptions,
    /// The configuration file's `fail_on`, for `check` to merge with its flag.
    pub config_fail_on: Option<FailOn>,
}

impl RunArgs {
    pub fn settings(&self) -> Result<Settings> {
        let config = self.config.load()?;
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut dirs: Vec<&Path> = config
            .as_ref()
            .map(|c| c.rules.iter().map(PathBuf::as_path).collect())
            .unwrap_or_default();
        dirs.extend(self.rules.iter().map(PathBuf::as_path));
        let mut rules = RuleSet::builtin_with(&dirs).context("invalid rule pack")?;
        let mut control = config
            .as_ref()
            .map(Config::rule_control)
            .unwrap_or_else(RuleControl::default);
        if !self.select.is_empty() {
            control.set_select(
                self.select
                    .iter()
                    .map(|p| (p.clone(), "--select".to_string()))
                    .collect(),
            );
        }
        for id in &self.disable {
            control.disable(id, "--disable");
        }
        for (id, severity) in &self.severity {
            control.set_severity(id, *severity, "--severity");
        }
        control.apply(&mut rules)?;
        let mut globs = Vec::new();
        let glob_error = |place: String| move |message: String| ConfigError { place, message };
        if let Some(c) = &config {
            let include: &[String] = if self.include.is_empty() {
                &c.include
            } else {
                &[]
            };
            globs.push(
                PathGlobs::new(&c.dir, include, &c.exclude)
                    .map_err(glob_error(c.path.display().to_string()))?,
            );
        }
        globs.push(
            PathGlobs::new(&cwd, &self.include, &self.exclude)
                .map_err(glob_error("--include/--exclude".into()))?,
        );
        Ok(Settings {
            rules,
            options: CheckOptions {
                language: language(self.lang, config.as_ref()),
                jobs: self.jobs,
                limits: self.limits.merged(config.as_ref()),
            },
            walk: WalkOptions {
                ignore_files: !self.no_ignore,
                globs,
            },
            config_fail_on: config.and_then(|c| c.fail_on),
        })
    }
}

/// The language: the flag, else the file's `lang`, else detection.
pub fn language(flag: Option<LangArg>, config: Option<&Config>) -> Option<Language> {
    let lang = match flag {
        Some(LangArg::Auto) => Lang::Auto,
        Some(LangArg::Nl) => Lang::Nl,
        Some(LangArg::En) => Lang::En,
        None => config.and_then(|c| c.lang).unwrap_or(Lang::Auto),
    };
    match lang {
        Lang::Auto => None,
        Lang::Nl => Some(Language::Nl),
        Lang::En => Some(Language::En),
    }
}

/// Bounds on what one file may make tenderlint do; a file over a limit is reported as `too_large`.
#[derive(Args, Default)]
#[command(next_help_heading = "Limits per document")]
pub struct LimitArgs {
    /// Largest file read, in MiB [default: 256]
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..))]
    max_file_mb: Option<u64>,
    /// Largest decompressed size of the file's parts, in MiB [default: 512]
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..))]
    max_inflated_mb: Option<u64>,
    /// Most parts in a DOCX/ODT container [default: 10000]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_zip_entries: Option<usize>,
    /// Most pages read from a PDF [default: 5000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_pages: Option<u32>,
    /// Deepest nesting of XML elements or PDF forms [default: 256]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_depth: Option<usize>,
    /// Most blocks (paragraphs, cells, items) per document [default: 500000]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_blocks: Option<usize>,
    /// Most characters of text per document [default: 50000000]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_chars: Option<usize>,
    /// Seconds allowed for reading one document [default: 60]
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    timeout_secs: Option<u64>,
}

impl LimitArgs {
    fn settings(&self) -> LimitSettings {
        LimitSettings {
            max_file_mb: self.max_file_mb,
            max_inflated_mb: self.max_inflated_mb,
            max_zip_entries: self.max_zip_entries,
            max_pages: self.max_pages,
            max_depth: self.max_depth,
            max_blocks: self.max_blocks,
            max_chars: self.max_chars,
            timeout_secs: self.timeout_secs,
        }
    }

    /// The flags over the configuration file's `[limits]` over the defaults.
    pub fn merged(&self, config: Option<&Config>) -> Limits {
        let file = config.map(|c| c.limits.clone()).unwrap_or_default();
        self.settings().or(&file).apply(&Limits::default())
    }
}

fn positive_usize(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}
