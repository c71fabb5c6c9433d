//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding (by
//! severity), which GitHub shows as an annotation on the document in the run and the pull request. The
//! title carries the rule and where it is (page, section); the message what is wrong, the quote and what
//! to write instead. Values are escaped as the runner requires (`%`, CR, LF; and `:` `,` in properties).

use super::fingerprint::document_key;
use super::{location_label, Reporter, Totals};
use crate::check::{DocumentResult, LineSpan};
use crate::engine::Finding;
use crate::rules::Severity;
use std::io::{self, Write};

pub struct GithubReporter;

impl Reporter for GithubReporter {
    fn document(&mut self, d: &DocumentResult, out: &mut dyn Write) -> io::Result<()> {
        let file = document_key(&d.path);
        match &d.outcome {
            Ok(v) => {
                for (i, f) in v.findings.iter().enumerate() {
                    let lines = d.finding_lines.get(i).copied().flatten();
                    writeln!(out, "{}", annotation(&file, f, lines))?;
                }
                Ok(())
            }
            Err(e) => writeln!(
                out,
                "::error file={},title={}::{}",
                escape_property(&file),
                escape_property(&format!("cannot read ({})", e.kind.as_str())),
                escape_data(&e.message)
            ),
        }
    }

    fn finish(&mut self, _totals: &Totals, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The workflow command for one finding.
pub fn annotation(file: &str, f: &Finding, lines: Option<LineSpan>) -> String {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let title = match &f.location {
        Some(l) => format!("{} ({})", f.rule, location_label(l)),
        None => f.rule.clone(),
    };
    let mut properties = format!("file={}", escape_property(file));
    if let Some(span) = lines {
        properties.push_str(&format!(",line={},endLine={}", span.start, span.end));
    }
    properties.push_str(&format!(",title={}", escape_property(&title)));
    let mut message = f.message.clone();
    if let Some(q) = &f.quote {
        message.push_str(&format!("\n\"{q}\""));
    }
    if !f.help.is_empty() {
        message.push_str(&format!("\nWrite instead: {}", f.help));
    }
    format!("::{command} {properties}::{}", escape_data(&message))
}

/// Escapes a command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property's value.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_requires() {
        assert_eq!(escape_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
