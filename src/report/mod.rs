//! Output formats for a finished [`Report`]. Each format is one module implementing [`Reporter`]; adding
//! a format touches nothing outside this directory and the CLI's format list. The shared pieces live
//! here (counts, "where" labels, the rules that can raise findings) and in [`fingerprint`].

pub mod fingerprint;
mod github;
mod human;
mod json;
mod junit;
mod markdown;
mod sarif;

pub use github::GithubReporter;
pub use human::HumanReporter;
pub use json::{to_json_value, JsonReporter};
pub use junit::JunitReporter;
pub use markdown::MarkdownReporter;
pub use sarif::{to_sarif_value, SarifReporter};

use crate::check::Report;
use crate::document::Location;
use crate::rules::{Rule, RuleKind, RuleSet, Severity};
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

    pub fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
}

/// The rules that can raise findings (every kind but evidence), in pack order: SARIF's rule list and
/// JUnit's test cases.
pub fn finding_rules(rules: &RuleSet) -> Vec<&Rule> {
    rules
        .rules
        .iter()
        .filter(|r| r.kind != RuleKind::Evidence)
        .collect()
}

/// "p. 3, § 2.1 Rapportage", or "¶ 14" when there is neither page nor section.
pub(crate) fn location_label(l: &Location) -> String {
    let mut parts = Vec::new();
    if let Some(page) = l.page {
        parts.push(format!("p. {page}"));
    }
    if let Some(s) = l.section.last() {
        parts.push(format!("§ {}", shorten(s, 50)));
    }
    if parts.is_empty() {
        parts.push(format!("¶ {}", l.paragraph));
    }
    parts.join(", ")
}

/// `s` cut to at most `max` characters, with an ellipsis when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

/// What a document is: its format, language and page count, as far as known ("pdf", "nl", "12 pages").
pub(crate) fn document_facts(d: &crate::check::DocumentResult) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(f) = d.format {
        facts.push(f.as_str().to_string());
    }
    if let Some(l) = d.language {
        facts.push(l.as_str().to_string());
    }
    if let Some(n) = d.pages {
        facts.push(format!("{n} page{}", plural(n as usize)));
    }
    facts
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The closing summary sentence shared by the human and Markdown reports.
pub(crate) fn summary_line(report: &Report) -> String {
    let c = FindingCounts::of(report);
    let n = report.documents.len();
    let mut line = format!(
        "{} document{} checked: {} error{}, {} warning{}, {} info",
        n,
        plural(n),
        c.error,
        plural(c.error),
        c.warning,
        plural(c.warning),
        c.info
    );
    let unreadable = report.unreadable();
    if unreadable > 0 {
        line.push_str(&format!("; {unreadable} could not be read"));
    }
    if report.suppressed > 0 {
        line.push_str(&format!(
            "; {} known finding{} suppressed by the baseline",
            report.suppressed,
            plural(report.suppressed)
        ));
    }
    line
}
