//! Command-line definition (clap) and the subcommands: check, extract, rules, explain.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use tenderlint::check::{self, CheckOptions};
use tenderlint::document::{BlockKind, Language};
use tenderlint::extract::{LimitSettings, Limits};
use tenderlint::report::{FindingCounts, HumanReporter, JsonReporter, Reporter};
use tenderlint::rules::{RuleKind, RuleSet, Severity};

#[derive(Parser)]
#[command(
    name = "tenderlint",
    version,
    about = "Checks that tender documents embed goals, responsibilities, progress measures and collaboration agreements",
    long_about = "tenderlint reads tender documents (PDF, DOCX, ODT, Markdown, text; Dutch and English) and checks \
that the four agreements of a working public-private collaboration are embedded: binding, concrete, assigned and \
measurable. For each document and category it reports embedded, mentioned or absent, with evidence and findings \
that say what to fix.",
    after_help = "Examples:\n  tenderlint check fixtures/\n  tenderlint check --format json --output report.json tenders/\n  tenderlint extract tender.pdf\n  tenderlint explain PROG-007\n\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, 2 a file could not be read or the command line / rule pack is invalid."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check tender documents and report per category: embedded, mentioned or absent
    Check(CheckArgs),
    /// Print the text tenderlint reads from a document, one block per line
    Extract(ExtractArgs),
    /// List the rules of the built-in pack (and extra packs)
    Rules(RulesArgs),
    /// Print a rule's documentation and examples
    Explain(ExplainArgs),
}

#[derive(Args)]
struct CheckArgs {
    /// Files and directories to check (directories are walked recursively)
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Language of the documents (auto: detect per document)
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    lang: LangArg,
    /// Number of documents read in parallel (default: one per CPU core)
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Directory with an extra rule pack (*.toml), added to the built-in rules; may be repeated
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Lowest severity that makes the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Bounds on what one file may make tenderlint do; a file over a limit is reported as `too_large`.
#[derive(Args, Default)]
#[command(next_help_heading = "Limits per document")]
struct LimitArgs {
    /// Largest file read, in MiB [default: 256]
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..))]
    max_file_mb: Option<u64>,
    /// Largest decompressed size of the file's parts, in MiB [default: 512]
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..))]
    max_inflated_mb: Option<u64>,
    /// Most parts in a DOCX/ODT container [default: 10000]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_zip_entries: Option<usize>,
    /// Most pages read from a PDF [default: 5000]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_pages: Option<u32>,
    /// Deepest nesting of XML elements or PDF forms [default: 256]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_depth: Option<usize>,
    /// Most blocks (paragraphs, cells, items) per document [default: 500000]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_blocks: Option<usize>,
    /// Most characters of text per document [default: 50000000]
    #[arg(long, value_name = "N", value_parser = positive_usize)]
    max_chars: Option<usize>,
    /// Seconds allowed for reading one document [default: 60]
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    timeout_secs: Option<u64>,
}

impl LimitArgs {
    fn settings(&self) -> LimitSettings {
        LimitSettings {
            max_file_mb: self.max_file_mb,
            max_inflated_mb: self.max_inflated_mb,
            max_zip_entries: self.max_zip_entries,
            max_pages: self.max_pages,
            max_depth: self.max_depth,
            max_blocks: self.max_blocks,
            max_chars: self.max_chars,
            timeout_secs: self.timeout_secs,
        }
    }
}

fn positive_usize(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[derive(Args)]
struct ExtractArgs {
    /// The document to read
    file: PathBuf,
    /// text: one block per line with page breaks marked; json: blocks with locations
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    format: ExtractFormat,
    /// Language (only affects the reported language)
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    lang: LangArg,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Args)]
struct RulesArgs {
    /// Directory with an extra rule pack; may be repeated
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Show evidence rules too (they set category statuses but raise no findings)
    #[arg(long)]
    all: bool,
}

#[derive(Args)]
struct ExplainArgs {
    /// Rule id, e.g. PROG-007
    rule: String,
    /// Directory with an extra rule pack; may be repeated
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Auto,
    Nl,
    En,
}

impl LangArg {
    fn language(self) -> Option<Language> {
        match self {
            LangArg::Auto => None,
            LangArg::Nl => Some(Language::Nl),
            LangArg::En => Some(Language::En),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
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
        Command::Check(a) => run_check(a),
        Command::Extract(a) => run_extract(a),
        Command::Rules(a) => run_rules(a),
        Command::Explain(a) => run_explain(a),
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

fn load_rules(dirs: &[PathBuf]) -> Result<RuleSet> {
    let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    RuleSet::builtin_with(&dirs).context("invalid rule pack")
}

fn run_check(a: CheckArgs) -> Result<u8> {
    let rules = load_rules(&a.rules)?;
    let inputs = check::discover(&a.paths);
    let options = CheckOptions {
        language: a.lang.language(),
        jobs: a.jobs,
        limits: a.limits.settings().apply(&Limits::default()),
    };
    let report = check::check(&inputs, &rules, &options);
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
    let reporter: Box<dyn Reporter> = match a.format {
        OutputFormat::Human => Box::new(HumanReporter),
        OutputFormat::Json => Box::new(JsonReporter),
    };
    match &a.output {
        Some(path) => {
            let mut buf = Vec::new();
            reporter.write(&report, &mut buf, false)?;
            std::fs::write(path, buf)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let color = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let mut out = std::io::stdout().lock();
            let mut buf = Vec::new();
            reporter.write(&report, &mut buf, color)?;
            if let Err(e) = out.write_all(&buf).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    if report.unreadable() > 0 {
        return Ok(2);
    }
    let counts = FindingCounts::of(&report);
    let threshold = match a.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(match threshold {
        Some(t) if counts.at_or_above(t) > 0 => 1,
        _ => 0,
    })
}

fn run_extract(a: ExtractArgs) -> Result<u8> {
    let options = CheckOptions {
        language: a.lang.language(),
        limits: a.limits.settings().apply(&Limits::default()),
        ..CheckOptions::default()
    };
    let doc = match check::read_document(&a.file, &options) {
        Ok(d) => d,
        Err((_, e)) => bail!(
            "{}: cannot read ({}): {}",
            a.file.display(),
            e.kind.as_str(),
            e.message
        ),
    };
    let mut out = Vec::new();
    match a.format {
        ExtractFormat::Text => {
            let mut page = None;
            for b in &doc.blocks {
                if b.location.page != page {
                    if let Some(p) = b.location.page {
                        writeln!(out, "--- page {p} ---")?;
                    }
                    page = b.location.page;
                }
                let tag = match b.kind {
                    BlockKind::Heading { level } => format!("{} ", "#".repeat(level as usize)),
                    BlockKind::ListItem { level } => {
                        format!("{}- ", "  ".repeat(level.saturating_sub(1) as usize))
                    }
                    BlockKind::TableCell { row, col, .. } => format!("[table r{row} c{col}] "),
                    BlockKind::Note => "[note] ".into(),
                    BlockKind::HeaderFooter => "[header/footer] ".into(),
                    BlockKind::Paragraph => String::new(),
                };
                writeln!(out, "{tag}{}", b.text)?;
            }
        }
        ExtractFormat::Json => {
            let blocks: Vec<serde_json::Value> = doc
                .blocks
                .iter()
                .map(|b| {
                    let extra = match b.kind {
                        BlockKind::Heading { level } | BlockKind::ListItem { level } => {
                            serde_json::json!({ "level": level })
                        }
                        BlockKind::TableCell { table, row, col } => {
                            serde_json::json!({ "table": table, "row": row, "col": col })
                        }
                        _ => serde_json::json!({}),
                    };
                    let kind = b.kind.name();
                    let mut v =
                        serde_json::json!({ "kind": kind, "text": b.text, "location": b.location });
                    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
                        o.extend(e.clone());
                    }
                    v
                })
                .collect();
            let v = serde_json::json!({
                "path": a.file.display().to_string(),
                "format": doc.format.as_str(),
                "language": doc.language.as_str(),
                "pages": doc.pages,
                "blocks": blocks,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    write_stdout(&out)?;
    Ok(0)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn run_rules(a: RulesArgs) -> Result<u8> {
    let rules = load_rules(&a.rules)?;
    let mut out = Vec::new();
    writeln!(
        out,
        "{:<10} {:<17} {:<8} {:<10} TITLE",
        "ID", "CATEGORY", "SEVERITY", "KIND"
    )?;
    for r in &rules.rules {
        if r.kind == RuleKind::Evidence && !a.all {
            continue;
        }
        let (sev, kind) = match r.kind {
            RuleKind::Evidence => ("-".to_string(), format!("evidence:{}", r.level.as_str())),
            RuleKind::Status => (r.severity.as_str().to_string(), "status".to_string()),
            RuleKind::Existence => (r.severity.as_str().to_string(), "existence".to_string()),
            RuleKind::Absence => (r.severity.as_str().to_string(), "absence".to_string()),
        };
        writeln!(
            out,
            "{:<10} {:<17} {:<8} {:<10} {}",
            r.id, r.category, sev, kind, r.title
        )?;
    }
    if !a.all {
        writeln!(
            out,
            "\n(evidence rules, which set the category statuses, are listed with --all)"
        )?;
    }
    write_stdout(&out)?;
    Ok(0)
}

fn run_explain(a: ExplainArgs) -> Result<u8> {
    let rules = load_rules(&a.rules)?;
    let Some(r) = rules.rule(&a.rule) else {
        bail!("no rule `{}`; `tenderlint rules --all` lists them", a.rule);
    };
    let mut o = Vec::new();
    writeln!(o, "{} — {}", r.id, r.title)?;
    writeln!(o)?;
    let kind = match r.kind {
        RuleKind::Evidence => format!("evidence (sets the status: {})", r.level.as_str()),
        RuleKind::Status => "status finding".into(),
        RuleKind::Existence => "finding for each matching passage".into(),
        RuleKind::Absence => "finding when nothing matches".into(),
    };
    writeln!(o, "Category: {}   Kind: {}", r.category, kind)?;
    if r.kind != RuleKind::Evidence {
        if r.kind == RuleKind::Status {
            writeln!(
                o,
                "Severity: {} when absent, {} when mentioned",
                r.severity.as_str(),
                r.severity_mentioned.as_str()
            )?;
        } else {
            writeln!(o, "Severity: {}", r.severity.as_str())?;
        }
    }
    writeln!(
        o,
        "Since: {}   Defined in: {}",
        r.since.as_deref().unwrap_or("-"),
        r.source
    )?;
    writeln!(o)?;
    writeln!(o, "What it checks\n  {}\n", r.help.what.trim())?;
    writeln!(
        o,
        "Why it matters for the tender\n  {}\n",
        r.help.why.trim()
    )?;
    if r.kind != RuleKind::Evidence {
        writeln!(o, "Message\n  {}\n", r.message.trim())?;
    }
    writeln!(o, "Write instead\n  {}\n", r.help.fix.trim())?;
    let e = &r.examples;
    for (title, list) in [
        ("Examples that trigger it (NL)", &e.nl_trigger),
        ("Examples that do not trigger it (NL)", &e.nl_pass),
        ("Examples that trigger it (EN)", &e.en_trigger),
        ("Examples that do not trigger it (EN)", &e.en_pass),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(o, "{title}")?;
        for x in list {
            writeln!(o, "  • {}", x.replace('\n', " ⏎ "))?;
        }
        writeln!(o)?;
    }
    write_stdout(&o)?;
    Ok(0)
}
