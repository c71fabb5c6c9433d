//! Output formats for a finished [`Report`]. Each format is one module implementing [`Reporter`]; adding
//! a format (SARIF, JUnit, HTML) touches nothing outside this directory and the CLI's format list.

mod human;
mod json;

pub use human::HumanReporter;
pub use json::{to_json_value, JsonReporter};

use crate::check::Report;
use crate::rules::Severity;
use std::io::{self, Write};

/// Writes a report in one output format.
pub trait Reporter {
    /// `color`: whether ANSI colour may be used (the caller decides: TTY, NO_COLOR, `--output`).
    fn write(&self, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()>;
}

/// Counts of findings by severity, over readable documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl FindingCounts {
    pub fn of(report: &Report) -> FindingCounts {
        let mut c = FindingCounts::default();
        for d in &report.documents {
            if let Ok(v) = &d.outcome {
                for f in &v.findings {
                    match f.severity {
                        Severity::Error => c.error += 1,
                        Severity::Warning => c.warning += 1,
                        Severity::Info => c.info += 1,
                    }
                }
            }
        }
        c
    }

    /// Findings at or above `threshold`.
    pub fn at_or_above(&self, threshold: Severity) -> usize {
        match threshold {
            Severity::Error => self.error,
            Severity::Warning => self.error + self.warning,
            Severity::Info => self.error + self.warning + self.info,
        }
    }
}
