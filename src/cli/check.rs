//! `tenderlint check` and `tenderlint baseline`: discover the documents, check them in parallel (with a
//! progress bar on a terminal), apply the baseline, write the report and choose the exit code.

use super::settings::{RunArgs, Settings};
use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use tenderlint::baseline::Baseline;
use tenderlint::check::{self, DocumentResult};
use tenderlint::config::FailOn;
use tenderlint::report::{
    GithubReporter, HumanReporter, JsonReporter, JunitReporter, MarkdownReporter, Reporter,
    SarifReporter, Totals,
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

/// Finds the documents to check.
fn discover(run: &RunArgs, settings: &Settings) -> Vec<check::Input> {
    let inputs = check::discover_with(&run.paths, &settings.walk);
    if inputs.is_empty() {
        eprintln!(
            "tenderlint: no documents found (looked for .pdf, .docx, .odt, .md and .txt files not excluded \
             by ignore files or globs)"
        );
    }
    inputs
}

/// Checks the documents in parallel and hands each result to `each` in input order as soon as it and
/// the ones before it are done (so memory does not grow with the number of documents); reports
/// unreadable files on standard error as they come, and shows a progress bar on a terminal. `each`
/// runs with the bar hidden, so that what it prints does not mix with the bar.
fn check_each(
    inputs: &[check::Input],
    settings: &Settings,
    each: &mut dyn FnMut(DocumentResult) -> io::Result<()>,
) -> io::Result<()> {
    let bar = progress_bar(inputs.len());
    let result = check::check_streaming(
        inputs,
        &settings.rules,
        &settings.options,
        &|| {
            if let Some(b) = &bar {
                b.inc(1);
            }
        },
        &mut |d| {
            let each = &mut *each;
            let step = move || {
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
                each(d)
            };
            match &bar {
                Some(b) => b.suspend(step),
                None => step(),
            }
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    result
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
    let inputs = discover(&a.run, &settings);
    let rules = &settings.rules;
    let color = a.output.is_none()
        && matches!(a.format, OutputFormat::Human)
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut reporter: Box<dyn Reporter + '_> = match a.format {
        OutputFormat::Human => Box::new(HumanReporter { color }),
        OutputFormat::Json => Box::new(JsonReporter::default()),
        OutputFormat::Sarif => Box::new(SarifReporter::new(rules)),
        OutputFormat::Junit => Box::new(JunitReporter::new(rules)),
        OutputFormat::Github => Box::new(GithubReporter),
        OutputFormat::Markdown => Box::new(MarkdownReporter::default()),
    };
    let mut out: Box<dyn Write> = match &a.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let mut suppressor = baseline.as_ref().map(Baseline::suppressor);
    let mut totals = Totals::default();
    // Each document is written as soon as it and the ones before it are checked.
    let written = reporter.begin(&mut out).and_then(|()| {
        check_each(&inputs, &settings, &mut |mut d| {
            if let Some(s) = &mut suppressor {
                totals.suppressed += s.apply(&mut d);
            }
            totals.add(&d);
            reporter.document(&d, &mut out)?;
            if a.output.is_none() {
                // Shown now, not when the buffer fills (the progress bar is hidden meanwhile).
                out.flush()?;
            }
            Ok(())
        })?;
        reporter.finish(&totals, &mut out)?;
        out.flush()
    });
    match (written, &a.output) {
        (Ok(()), _) => {}
        // A closed pipe (`| head`) stops the run without an error.
        (Err(e), None) if e.kind() == io::ErrorKind::BrokenPipe => {}
        (Err(e), None) => return Err(anyhow::Error::new(e).context("cannot write the report")),
        (Err(e), Some(path)) => {
            return Err(anyhow::Error::new(e).context(format!("cannot write {}", path.display())))
        }
    }
    if totals.unreadable > 0 {
        return Ok(2);
    }
    let fail_on = a
        .fail_on
        .map(FailOn::from)
        .or(settings.config_fail_on)
        .unwrap_or(FailOn::Error);
    Ok(match fail_on.threshold() {
        Some(t) if totals.findings.at_or_above(t) > 0 => 1,
        _ => 0,
    })
}

pub fn run_baseline(a: BaselineArgs) -> Result<u8> {
    let settings = a.run.settings()?;
    let inputs = discover(&a.run, &settings);
    let mut baseline = Baseline::empty();
    let mut totals = Totals::default();
    check_each(&inputs, &settings, &mut |d| {
        totals.add(&d);
        baseline.add(&d);
        Ok(())
    })?;
    let baseline = baseline.finish();
    std::fs::write(&a.file, baseline.to_json())
        .with_context(|| format!("cannot write {}", a.file.display()))?;
    let n = baseline.findings.len();
    let docs = totals.documents - totals.unreadable;
    eprintln!(
        "tenderlint: recorded {n} finding{} of {docs} document{} in {}",
        if n == 1 { "" } else { "s" },
        if docs == 1 { "" } else { "s" },
        a.file.display()
    );
    Ok(if totals.unreadable > 0 { 2 } else { 0 })
}
