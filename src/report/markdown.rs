//! The Markdown report: an overview table of every document's four categories, then per document its
//! categories with evidence and its findings, each as a table. Made for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`; words next to every icon, so it reads without colour or emoji too.

use super::fingerprint::document_key;
use super::spool::Spool;
use super::{document_facts, location_label, plural, shorten, summary_line, Reporter, Totals};
use crate::check::DocumentResult;
use crate::engine::{Status, Verdict};
use crate::rules::{Severity, CATEGORIES};
use std::io::{self, Write};

/// Writes the overview rows as documents arrive and spools their detail sections (see [`Spool`]) until
/// the overview table is complete.
pub struct MarkdownReporter {
    details: Spool,
}

impl Default for MarkdownReporter {
    fn default() -> Self {
        MarkdownReporter {
            details: Spool::new(),
        }
    }
}

impl Reporter for MarkdownReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "## tenderlint report\n")?;
        writeln!(out, "| document | {} | findings |", CATEGORIES.join(" | "))?;
        writeln!(out, "|---|{}---|", "---|".repeat(CATEGORIES.len()))
    }

    fn document(&mut self, d: &DocumentResult, out: &mut dyn Write) -> io::Result<()> {
        let name = format!("`{}`", cell(&document_key(&d.path)));
        match &d.outcome {
            Ok(v) => {
                let statuses: Vec<String> = CATEGORIES
                    .iter()
                    .map(|c| v.category(c).map(status_cell).unwrap_or_default())
                    .collect();
                writeln!(out, "| {name} | {} | {} |", statuses.join(" | "), counts(v))?;
            }
            Err(e) => writeln!(
                out,
                "| {name} | {} | ❌ cannot read ({}) |",
                vec!["–"; CATEGORIES.len()].join(" | "),
                e.kind.as_str()
            )?,
        }
        document(d, &mut self.details)
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)?;
        self.details.copy_to(out)?;
        writeln!(out, "**{}**", summary_line(totals))
    }
}

fn status_cell(c: &crate::engine::CategoryVerdict) -> String {
    let icon = match c.status {
        Status::Embedded => "✅",
        Status::Mentioned => "🟡",
        Status::Absent => "❌",
    };
    match &c.detail {
        Some(d) => format!("{icon} {} ({d})", c.status.as_str()),
        None => format!("{icon} {}", c.status.as_str()),
    }
}

fn counts(v: &Verdict) -> String {
    if v.findings.is_empty() {
        return "none".into();
    }
    let mut parts = Vec::new();
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = v.findings.iter().filter(|f| f.severity == s).count();
        if n > 0 {
            let word = match s {
                Severity::Info => "info".to_string(),
                other => format!("{}{}", other.as_str(), plural(n)),
            };
            parts.push(format!("{n} {word}"));
        }
    }
    parts.join(", ")
}

fn severity_cell(s: Severity) -> &'static str {
    match s {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
        Severity::Info => "ℹ️ info",
    }
}

fn document(d: &DocumentResult, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### `{}`\n", cell(&document_key(&d.path)))?;
    let meta = document_facts(d);
    if !meta.is_empty() {
        writeln!(out, "{}\n", meta.join(" · "))?;
    }
    let v = match &d.outcome {
        Ok(v) => v,
        Err(e) => {
            return writeln!(
                out,
                "❌ **cannot read** ({}): {}\n",
                e.kind.as_str(),
                cell(&e.message)
            )
        }
    };
    writeln!(out, "| category | status | evidence |\n|---|---|---|")?;
    for name in CATEGORIES {
        let Some(c) = v.category(name) else {
            continue;
        };
        let evidence = c
            .evidence
            .first()
            .map(|e| {
                format!(
                    "{}: “{}”",
                    location_label(&e.location),
                    shorten(&e.quote, 120)
                )
            })
            .unwrap_or_default();
        writeln!(out, "| {name} | {} | {} |", status_cell(c), cell(&evidence))?;
    }
    writeln!(out)?;
    if v.findings.is_empty() {
        return writeln!(out, "No findings.\n");
    }
    writeln!(
        out,
        "| severity | rule | message | where |\n|---|---|---|---|"
    )?;
    for f in &v.findings {
        let place = match (&f.location, &f.quote) {
            (Some(l), Some(q)) => format!("{}: “{}”", location_label(l), shorten(q, 120)),
            (Some(l), None) => location_label(l),
            _ => "whole document".into(),
        };
        writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            severity_cell(f.severity),
            cell(&f.rule),
            cell(&f.message),
            cell(&place)
        )?;
    }
    writeln!(out)
}

/// Text safe inside a table cell: no line breaks, pipes escaped, no HTML.
fn cell(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(
            cell("a | b\nc <script> & d"),
            "a \\| b c &lt;script&gt; &amp; d"
        );
    }
}
