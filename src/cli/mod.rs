//! Command-line definition (clap) and the dispatch to the subcommands, one file each: check and
//! baseline (check.rs), extract, rules and explain (docs.rs), init; the settings shared by them (config
//! file, rule control, limits) are merged in settings.rs.

mod check;
mod docs;
mod extract;
mod init;
mod settings;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;

#[derive(Parser)]
#[command(
    name = "tenderlint",
    version,
    about = "Checks that tender documents embed goals, responsibilities, progress measures and collaboration agreements",
    long_about = "tenderlint reads tender documents (PDF, DOCX, ODT, Markdown, text; Dutch and English) and checks \
that the four agreements of a working public-private collaboration are embedded: binding, concrete, assigned and \
measurable. For each document and category it reports embedded, mentioned or absent, with evidence and findings \
that say what to fix.",
    after_help = "Examples:\n  tenderlint check fixtures/\n  tenderlint check --format json --output report.json tenders/\n  tenderlint check --format sarif -o tenderlint.sarif tenders/\n  tenderlint baseline tenderlint-baseline.json tenders/\n  tenderlint extract tender.pdf\n  tenderlint explain PROG-007\n\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, 2 a file could not be read or the command line / configuration / rule pack is invalid."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check tender documents and report per category: embedded, mentioned or absent
    Check(check::CheckArgs),
    /// Record the current findings in a baseline file, so that `check --baseline` reports only new ones
    Baseline(check::BaselineArgs),
    /// Print the text tenderlint reads from a document, one block per line
    Extract(extract::ExtractArgs),
    /// List the rules of the built-in pack (and extra packs)
    Rules(docs::RulesArgs),
    /// Print a rule's documentation and examples
    Explain(docs::ExplainArgs),
    /// Write a commented starter tenderlint.toml in the current directory
    Init(init::InitArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Auto,
    Nl,
    En,
}

/// Runs the command line; `Ok(exit code)`. Errors are invalid input (exit 2).
pub fn run() -> Result<u8> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Ok(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Check(a) => check::run_check(a),
        Command::Baseline(a) => check::run_baseline(a),
        Command::Extract(a) => extract::run_extract(a),
        Command::Rules(a) => docs::run_rules(a),
        Command::Explain(a) => docs::run_explain(a),
        Command::Init(a) => init::run_init(a),
    }
}

pub fn print_error(e: &anyhow::Error) -> std::io::Result<()> {
    let mut err = anstream::stderr();
    let style = anstyle::Style::new()
        .fg_color(Some(anstyle::AnsiColor::Red.into()))
        .bold();
    write!(
        err,
        "{}error{}: {}",
        style.render(),
        style.render_reset(),
        e
    )?;
    for cause in e.chain().skip(1) {
        write!(err, ": {cause}")?;
    }
    writeln!(err)
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
