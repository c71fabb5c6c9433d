//! `tenderlint check` and `tenderlint baseline`: discover the documents, check them in parallel (with a
//! progress bar on a terminal), apply the baseline, write the report and choose the exit code.

use super::settings::{RunArgs, Settings};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use tenderlint::baseline::Baseline;
use tenderlint::check::{self, Report};
use tenderlint::config::FailOn;
use tenderlint::report::{
    FindingCounts, GithubReporter, HumanReporter, JsonReporter, JunitReporter, MarkdownReporter,
    Reporter, SarifReporter,
};

/// Runs with fewer documents than this finish before a progress bar would help.
const PROGRESS_MIN_DOCUMENTS: usize = 4;

#[derive(Args)]
pub struct CheckArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Lowest severity that makes the exit code 1 [default: error, or `fail_on` of tenderlint.toml]
    #[arg(long, value_enum)]
    fail_on: Option<FailOnArg>,
    /// Report only findings that are not in this baseline file (written by `tenderlint baseline`)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    // Last, so that the options above keep the default help heading.
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Args)]
pub struct BaselineArgs {
    /// The baseline file to write (JSON)
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// A scorecard per document for the terminal
    Human,
    /// The JSON contract (schema_version 1)
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards
    Sarif,
    /// JUnit XML, for CI test reports
    Junit,
    /// GitHub Actions annotations (workflow commands)
    Github,
    /// Markdown tables, for a pull-request comment or the job summary
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(a: FailOnArg) -> FailOn {
        match a {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Info => FailOn::Info,
            FailOnArg::Never => FailOn::Never,
        }
    }
}

/// Discovers and checks the documents; reports unreadable ones on standard error.
fn run(run: &RunArgs, settings: &Settings) -> Report {
    let inputs = check::discover_with(&run.paths, &settings.walk);
    if inputs.is_empty() {
        eprintln!(
            "tenderlint: no documents found (looked for .pdf, .docx, .odt, .md and .txt files not excluded \
             by ignore files or globs)"
        );
    }
    let bar = progress_bar(inputs.len());
    let report = check::check_with_progress(&inputs, &settings.rules, &settings.options, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for d in &report.documents {
        if let Err(e) = &d.outcome {
            let mut err = anstream::stderr();
            let _ = writeln!(
                err,
                "tenderlint: {}: cannot read ({}): {}",
                d.path,
                e.kind.as_str(),
                e.message
            );
        }
    }
    report
}

/// A progress bar on standard error, only when it is a terminal and the run is long enough to need one.
fn progress_bar(documents: usize) -> Option<ProgressBar> {
    if documents < PROGRESS_MIN_DOCUMENTS || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(documents as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} documents  {elapsed}") {
        bar.set_style(style);
    }
    Some(bar)
}

pub fn run_check(a: CheckArgs) -> Result<u8> {
    let settings = a.run.settings()?;
    let baseline = match &a.baseline {
        Some(path) => Some(Baseline::load(path)?),
        None => None,
    };
    let mut report = run(&a.run, &settings);
    if let Some(b) = &baseline {
        b.suppress(&mut report);
    }
    let rules = &settings.rules;
    let reporter: Box<dyn Reporter + '_> = match a.format {
        OutputFormat::Human => Box::new(HumanReporter),
        OutputFormat::Json => Box::new(JsonReporter),
        OutputFormat::Sarif => Box::new(SarifReporter { rules }),
        OutputFormat::Junit => Box::new(JunitReporter { rules }),
        OutputFormat::Github => Box::new(GithubReporter),
        OutputFormat::Markdown => Box::new(MarkdownReporter),
    };
    match &a.output {
        Some(path) => {
            let mut buf = Vec::new();
            reporter.write(&report, &mut buf, false)?;
            std::fs::write(path, buf)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let color = matches!(a.format, OutputFormat::Human)
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut buf = Vec::new();
            reporter.write(&report, &mut buf, color)?;
            super::write_stdout(&buf)?;
        }
    }
    if report.unreadable() > 0 {
        return Ok(2);
    }
    let fail_on = a
        .fail_on
        .map(FailOn::from)
        .or(settings.config_fail_on)
        .unwrap_or(FailOn::Error);
    let counts = FindingCounts::of(&report);
    Ok(match fail_on.threshold() {
        Some(t) if counts.at_or_above(t) > 0 => 1,
        _ => 0,
    })
}

pub fn run_baseline(a: BaselineArgs) -> Result<u8> {
    let settings = a.run.settings()?;
    let report = run(&a.run, &settings);
    let baseline = Baseline::record(&report);
    std::fs::write(&a.file, baseline.to_json())
        .with_context(|| format!("cannot write {}", a.file.display()))?;
    let n = baseline.findings.len();
    let docs = report.documents.len() - report.unreadable();
    eprintln!(
        "tenderlint: recorded {n} finding{} of {docs} document{} in {}",
        if n == 1 { "" } else { "s" },
        if docs == 1 { "" } else { "s" },
        a.file.display()
    );
    Ok(if report.unreadable() > 0 { 2 } else { 0 })
}
