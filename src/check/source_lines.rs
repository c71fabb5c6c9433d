//! Where a finding's quote sits in a plain-text or Markdown file, as source lines: what SARIF regions and
//! GitHub annotations point at. Only for formats whose lines a reader can open; never for PDF, DOCX, ODT.

use crate::engine::Finding;
use crate::report::fingerprint::normalise_quote;
use serde::Serialize;
use std::path::Path;

/// The first and last source line (1-based) of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineSpan {
    pub start: u32,
    pub end: u32,
}

/// The lines of every finding's quote in the file at `path`, aligned with `findings`. A file that is no
/// longer readable as UTF-8, or a quote not found (text changed by normalisation), gives `None`.
pub fn find_all(path: &Path, findings: &[Finding]) -> Vec<Option<LineSpan>> {
    let text = std::fs::read(path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let Some(text) = text else {
        return vec![None; findings.len()];
    };
    let index = LineIndex::new(&text);
    findings
        .iter()
        .map(|f| f.quote.as_deref().and_then(|q| index.find(q)))
        .collect()
}

/// The file's letters and digits in lower case (as the fingerprint sees a quote), with the line of each
/// byte, so that a quote is found whatever the line breaks, markup and punctuation around it.
struct LineIndex {
    folded: String,
    line_of_byte: Vec<u32>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut folded = String::with_capacity(text.len());
        let mut line_of_byte = Vec::with_capacity(text.len());
        let mut line = 1u32;
        for c in text.chars() {
            if c == '\n' {
                line += 1;
            } else if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    folded.push(l);
                    line_of_byte.extend(std::iter::repeat_n(line, l.len_utf8()));
                }
            }
        }
        LineIndex {
            folded,
            line_of_byte,
        }
    }

    fn find(&self, quote: &str) -> Option<LineSpan> {
        let needle = normalise_quote(quote);
        if needle.is_empty() {
            return None;
        }
        let start = self.folded.find(&needle)?;
        let end = start + needle.len() - 1;
        Some(LineSpan {
            start: self.line_of_byte[start],
            end: self.line_of_byte[end],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_quote_across_line_breaks_and_markup() {
        let text = "# Titel\n\nDe **opdrachtnemer** rapporteert\nmaandelijks over de KPI's.\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.find("De opdrachtnemer rapporteert maandelijks over de KPI's."),
            Some(LineSpan { start: 3, end: 4 })
        );
        assert_eq!(index.find("Niet aanwezig"), None);
    }
}
