//! Bounds on everything a file controls (sizes, counts, depth, time), and the settings that raise or lower them.

use super::{ExtractError, Result};
use serde::Deserialize;
use std::time::{Duration, Instant};

const MIB: u64 = 1024 * 1024;

/// Bounds on everything a file controls. The defaults are generous for real tenders and stop hostile files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read at all.
    pub max_file_bytes: u64,
    /// Largest decompressed size of one zip entry or PDF stream, and of all of them together.
    pub max_inflated_bytes: u64,
    /// Most zip entries in a DOCX/ODT container.
    pub max_zip_entries: usize,
    /// Most pages read from a PDF.
    pub max_pages: u32,
    /// Deepest XML element nesting / PDF form XObject nesting.
    pub max_depth: usize,
    /// Most blocks and most characters of text produced for one document.
    pub max_blocks: usize,
    pub max_chars: usize,
    /// Wall-clock time allowed for reading one document.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * MIB,
            max_inflated_bytes: 512 * MIB,
            max_zip_entries: 10_000,
            max_pages: 5_000,
            max_depth: 256,
            max_blocks: 500_000,
            max_chars: 50_000_000,
            timeout: Duration::from_secs(60),
        }
    }
}

/// Limits as a user sets them: every field optional, sizes in MiB, time in seconds. The same names are the
/// keys of the `[limits]` table of `tenderlint.toml` and, with dashes, the command-line flags
/// (`max_pages` ↔ `--max-pages`). Unset fields keep the value they are applied to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    /// Largest file read at all, in MiB.
    pub max_file_mb: Option<u64>,
    /// Largest decompressed size of a document's parts, in MiB.
    pub max_inflated_mb: Option<u64>,
    /// Most parts in a DOCX/ODT container.
    pub max_zip_entries: Option<usize>,
    /// Most pages read from a PDF.
    pub max_pages: Option<u32>,
    /// Deepest XML / PDF form nesting.
    pub max_depth: Option<usize>,
    /// Most blocks (paragraphs, cells, …) per document.
    pub max_blocks: Option<usize>,
    /// Most characters of text per document.
    pub max_chars: Option<usize>,
    /// Seconds allowed for reading one document.
    pub timeout_secs: Option<u64>,
}

impl LimitSettings {
    /// Checks the values a user gave: every limit must be at least 1 (a limit of 0 would refuse every
    /// file; to lift a limit, give a large value). Returns the offending key on error.
    pub fn validate(&self) -> std::result::Result<(), String> {
        let fields: [(&str, Option<u64>); 8] = [
            ("max_file_mb", self.max_file_mb),
            ("max_inflated_mb", self.max_inflated_mb),
            ("max_zip_entries", self.max_zip_entries.map(|v| v as u64)),
            ("max_pages", self.max_pages.map(u64::from)),
            ("max_depth", self.max_depth.map(|v| v as u64)),
            ("max_blocks", self.max_blocks.map(|v| v as u64)),
            ("max_chars", self.max_chars.map(|v| v as u64)),
            ("timeout_secs", self.timeout_secs),
        ];
        match fields.iter().find(|(_, v)| *v == Some(0)) {
            Some((key, _)) => Err(format!(
                "limit `{key}` must be at least 1 (give a large value to lift a limit)"
            )),
            None => Ok(()),
        }
    }

    /// These settings over `other`: a field set here wins.
    pub fn or(&self, other: &LimitSettings) -> LimitSettings {
        LimitSettings {
            max_file_mb: self.max_file_mb.or(other.max_file_mb),
            max_inflated_mb: self.max_inflated_mb.or(other.max_inflated_mb),
            max_zip_entries: self.max_zip_entries.or(other.max_zip_entries),
            max_pages: self.max_pages.or(other.max_pages),
            max_depth: self.max_depth.or(other.max_depth),
            max_blocks: self.max_blocks.or(other.max_blocks),
            max_chars: self.max_chars.or(other.max_chars),
            timeout_secs: self.timeout_secs.or(other.timeout_secs),
        }
    }

    /// `limits` with the fields set here replaced.
    pub fn apply(&self, limits: &Limits) -> Limits {
        Limits {
            max_file_bytes: self
                .max_file_mb
                .map_or(limits.max_file_bytes, |v| v.saturating_mul(MIB)),
            max_inflated_bytes: self
                .max_inflated_mb
                .map_or(limits.max_inflated_bytes, |v| v.saturating_mul(MIB)),
            max_zip_entries: self.max_zip_entries.unwrap_or(limits.max_zip_entries),
            max_pages: self.max_pages.unwrap_or(limits.max_pages),
            max_depth: self.max_depth.unwrap_or(limits.max_depth),
            max_blocks: self.max_blocks.unwrap_or(limits.max_blocks),
            max_chars: self.max_chars.unwrap_or(limits.max_chars),
            timeout: self
                .timeout_secs
                .map_or(limits.timeout, Duration::from_secs),
        }
    }
}

/// A deadline for reading one document, checked inside readers' loops.
#[derive(Debug, Clone, Copy)]
pub struct Deadline(Instant);

impl Deadline {
    /// A deadline `timeout` from now; a timeout too large to represent never expires.
    pub fn after(timeout: Duration) -> Self {
        let now = Instant::now();
        Deadline(
            now.checked_add(timeout)
                .unwrap_or_else(|| now + Duration::from_secs(100 * 365 * 24 * 3600)),
        )
    }
    /// `Err(too_large)` once the deadline has passed.
    pub fn check(&self) -> Result<()> {
        if Instant::now() > self.0 {
            Err(ExtractError::too_large(
                "reading took longer than the time limit; the file is too large or too complex",
            ))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_replace_only_what_they_set() {
        let base = Limits::default();
        let s = LimitSettings {
            max_pages: Some(10),
            max_file_mb: Some(1),
            timeout_secs: Some(5),
            ..LimitSettings::default()
        };
        let l = s.apply(&base);
        assert_eq!(l.max_pages, 10);
        assert_eq!(l.max_file_bytes, 1024 * 1024);
        assert_eq!(l.timeout, Duration::from_secs(5));
        assert_eq!(l.max_depth, base.max_depth);
        assert_eq!(LimitSettings::default().apply(&base), base);
    }

    #[test]
    fn the_first_settings_win_and_zero_is_refused() {
        let cli = LimitSettings {
            max_pages: Some(3),
            ..LimitSettings::default()
        };
        let file = LimitSettings {
            max_pages: Some(7),
            max_depth: Some(9),
            ..LimitSettings::default()
        };
        let merged = cli.or(&file);
        assert_eq!((merged.max_pages, merged.max_depth), (Some(3), Some(9)));
        let zero = LimitSettings {
            max_chars: Some(0),
            ..LimitSettings::default()
        };
        assert!(zero.validate().unwrap_err().contains("max_chars"));
        assert!(merged.validate().is_ok());
    }

    #[test]
    fn huge_values_saturate_instead_of_overflowing() {
        let s = LimitSettings {
            max_inflated_mb: Some(u64::MAX),
            timeout_secs: Some(u64::MAX),
            ..LimitSettings::default()
        };
        let l = s.apply(&Limits::default());
        assert_eq!(l.max_inflated_bytes, u64::MAX);
        assert!(Deadline::after(l.timeout).check().is_ok());
    }

    #[test]
    fn unknown_keys_are_refused() {
        let err = toml::from_str::<LimitSettings>("max_pagez = 3").unwrap_err();
        assert!(err.to_string().contains("max_pagez"), "{err}");
        let ok: LimitSettings = toml::from_str("max_pages = 3\ntimeout_secs = 9").unwrap();
        assert_eq!((ok.max_pages, ok.timeout_secs), (Some(3), Some(9)));
    }
}
