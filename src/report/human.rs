//! The terminal report: per document a scorecard of the four categories and the findings with where
//! they are and what to do; colour only when allowed.

use super::{document_facts, location_label as where_, shorten, summary_line, Reporter, Totals};
use crate::check::DocumentResult;
use crate::engine::Status;
use crate::rules::{Severity, CATEGORIES};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

pub struct HumanReporter {
    /// Whether ANSI colour may be used (the caller decides: terminal, NO_COLOR, `--output`).
    pub color: bool,
}

struct Paint {
    color: bool,
}

impl Paint {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{}{}", style.render(), text, style.render_reset())
        } else {
            text.to_string()
        }
    }
}

fn fg(c: AnsiColor) -> Style {
    Style::new().fg_color(Some(c.into()))
}

impl Reporter for HumanReporter {
    fn document(&mut self, d: &DocumentResult, out: &mut dyn Write) -> io::Result<()> {
        document(d, out, &Paint { color: self.color })
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let p = Paint { color: self.color };
        writeln!(
            out,
            "{}",
            p.paint(Style::new().bold(), &summary_line(totals))
        )
    }
}

fn document(d: &DocumentResult, out: &mut dyn Write, p: &Paint) -> io::Result<()> {
    let meta = document_facts(d);
    let meta = if meta.is_empty() {
        String::new()
    } else {
        format!("  ({})", meta.join(", "))
    };
    writeln!(
        out,
        "{}{}",
        p.paint(Style::new().bold().underline(), &d.path),
        meta
    )?;
    let verdict = match &d.outcome {
        Ok(v) => v,
        Err(e) => {
            writeln!(
                out,
                "  {} {} — {}",
                p.paint(fg(AnsiColor::Red).bold(), "unreadable"),
                e.kind.as_str(),
                e.message
            )?;
            return writeln!(out);
        }
    };
    for name in CATEGORIES {
        let Some(c) = verdict.category(name) else {
            continue;
        };
        let (mark, style) = match c.status {
            Status::Embedded => ("✔ embedded ", fg(AnsiColor::Green)),
            Status::Mentioned => ("~ mentioned", fg(AnsiColor::Yellow)),
            Status::Absent => ("✘ absent   ", fg(AnsiColor::Red)),
        };
        let detail = c
            .detail
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        let evidence = c
            .evidence
            .first()
            .map(|e| format!("  {} \"{}\"", where_(&e.location), shorten(&e.quote, 90)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<17} {}{}{}",
            name,
            p.paint(style, mark),
            detail,
            p.paint(Style::new().dimmed(), &evidence)
        )?;
    }
    if !verdict.findings.is_empty() {
        writeln!(out)?;
    }
    for f in &verdict.findings {
        let style = match f.severity {
            Severity::Error => fg(AnsiColor::Red).bold(),
            Severity::Warning => fg(AnsiColor::Yellow).bold(),
            Severity::Info => fg(AnsiColor::Cyan).bold(),
        };
        writeln!(
            out,
            "  {} {} {}",
            p.paint(style, &format!("{:<7}", f.severity.as_str())),
            p.paint(Style::new().bold(), &format!("{:<9}", f.rule)),
            f.message
        )?;
        if let Some(l) = &f.location {
            let q = f
                .quote
                .as_deref()
                .map(|q| format!(": \"{}\"", shorten(q, 100)))
                .unwrap_or_default();
            writeln!(out, "  {:<17} {}{}", "", where_(l), q)?;
        }
        writeln!(
            out,
            "  {:<17} {} {}",
            "",
            p.paint(fg(AnsiColor::Cyan), "help:"),
            f.help
        )?;
    }
    writeln!(out)
}
