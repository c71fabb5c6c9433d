//! Output formats for the results of a check. Each format is one module implementing [`Reporter`], which
//! is handed the documents one at a time, in input order, as they are done, so that no format needs the
//! whole run in memory; adding a format touches nothing outside this directory and the CLI's format list.
//! The shared pieces live here (totals, "where" labels, the rules that can raise findings, a spool for
//! formats whose header needs totals, pretty JSON written piecewise) and in [`fingerprint`].

pub mod fingerprint;
mod github;
mod human;
mod json;
mod junit;
mod markdown;
mod pretty_json;
mod sarif;
mod spool;

pub use github::GithubReporter;
pub use human::HumanReporter;
pub use json::{to_json_value, JsonReporter};
pub use junit::JunitReporter;
pub use markdown::MarkdownReporter;
pub use sarif::{to_sarif_value, SarifReporter};

use crate::check::{DocumentResult, Report};
use crate::document::Location;
use crate::rules::{Rule, RuleKind, RuleSet, Severity};
use std::io::{self, Write};

/// Writes the results of a run in one output format, one document at a time: [`begin`](Reporter::begin),
/// then [`document`](Reporter::document) for each document in input order, then
/// [`finish`](Reporter::finish) with the run's totals.
pub trait Reporter {
    /// Before the first document.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let _ = out;
        Ok(())
    }

    /// One document's result.
    fn document(&mut self, d: &DocumentResult, out: &mut dyn Write) -> io::Result<()>;

    /// After the last document.
    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes a whole finished [`Report`] with `reporter`.
pub fn write_report(
    reporter: &mut dyn Reporter,
    report: &Report,
    out: &mut dyn Write,
) -> io::Result<()> {
    reporter.begin(out)?;
    for d in &report.documents {
        reporter.document(d, out)?;
    }
    reporter.finish(&Totals::of(report), out)
}

/// What a run's summary and exit code need, added up document by document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub documents: usize,
    pub unreadable: usize,
    pub findings: FindingCounts,
    /// Findings left out because they are in the baseline.
    pub suppressed: usize,
}

impl Totals {
    pub fn add(&mut self, d: &DocumentResult) {
        self.documents += 1;
        match &d.outcome {
            Ok(v) => {
                for f in &v.findings {
                    self.findings.add(f.severity);
                }
            }
            Err(_) => self.unreadable += 1,
        }
    }

    pub fn of(report: &Report) -> Totals {
        let mut t = Totals {
            suppressed: report.suppressed,
            ..Totals::default()
        };
        for d in &report.documents {
            t.add(d);
        }
        t
    }
}

/// Counts of findings by severity, over readable documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FindingCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl FindingCounts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
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
pub(crate) fn document_facts(d: &DocumentResult) -> Vec<String> {
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
pub(crate) fn summary_line(t: &Totals) -> String {
    let c = t.findings;
    let n = t.documents;
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
    if t.unreadable > 0 {
        line.push_str(&format!("; {} could not be read", t.unreadable));
    }
    if t.suppressed > 0 {
        line.push_str(&format!(
            "; {} known finding{} suppressed by the baseline",
            t.suppressed,
            plural(t.suppressed)
        ));
    }
    line
}
