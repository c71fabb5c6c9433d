//! `tenderlint rules` and `tenderlint explain`: the rule documentation, from the rule packs themselves.

use super::settings::ConfigFileArgs;
use super::write_stdout;
use anyhow::{bail, Context, Result};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use tenderlint::config::Config;
use tenderlint::rules::{RuleKind, RuleSet};

#[derive(Args)]
pub struct RulesArgs {
    /// Directory with an extra rule pack; may be repeated (added to the packs of tenderlint.toml)
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Show evidence rules too (they set category statuses but raise no findings)
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    config: ConfigFileArgs,
}

#[derive(Args)]
pub struct ExplainArgs {
    /// Rule id, e.g. PROG-007
    rule: String,
    /// Directory with an extra rule pack; may be repeated (added to the packs of tenderlint.toml)
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    #[command(flatten)]
    config: ConfigFileArgs,
}

/// The built-in pack plus the configuration file's packs and the `--rules` packs, as written (without
/// the configuration's rule control), and the configuration.
fn load_rules(config: &ConfigFileArgs, extra: &[PathBuf]) -> Result<(RuleSet, Option<Config>)> {
    let config = config.load()?;
    let mut dirs: Vec<&Path> = config
        .as_ref()
        .map(|c| c.rules.iter().map(PathBuf::as_path).collect())
        .unwrap_or_default();
    dirs.extend(extra.iter().map(PathBuf::as_path));
    let rules = RuleSet::builtin_with(&dirs).context("invalid rule pack")?;
    Ok((rules, config))
}

pub fn run_rules(a: RulesArgs) -> Result<u8> {
    let (rules, config) = load_rules(&a.config, &a.rules)?;
    // The rules as a check runs them: disabled ones are listed as `off`, severities as overridden.
    let mut effective = rules.clone();
    if let Some(c) = &config {
        c.rule_control().apply(&mut effective)?;
    }
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
        let kind = match r.kind {
            RuleKind::Evidence => format!("evidence:{}", r.level.as_str()),
            RuleKind::Status => "status".to_string(),
            RuleKind::Existence => "existence".to_string(),
            RuleKind::Absence => "absence".to_string(),
        };
        let sev = match effective.rule(&r.id) {
            None => "off",
            Some(_) if r.kind == RuleKind::Evidence => "-",
            Some(e) => e.severity.as_str(),
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
    if let Some(c) = config.filter(|_| {
        effective.rules.len() != rules.rules.len() || effective_differs(&rules, &effective)
    }) {
        writeln!(out, "(`off` and severities as set in {})", c.path.display())?;
    }
    write_stdout(&out)?;
    Ok(0)
}

/// Whether a severity override changed any rule.
fn effective_differs(rules: &RuleSet, effective: &RuleSet) -> bool {
    effective
        .rules
        .iter()
        .any(|e| rules.rule(&e.id).is_some_and(|r| r.severity != e.severity))
}

pub fn run_explain(a: ExplainArgs) -> Result<u8> {
    let (rules, _) = load_rules(&a.config, &a.rules)?;
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
        let others: Vec<&str> = r
            .status
            .iter()
            .map(String::as_str)
            .filter(|s| *s != "mentioned")
            .collect();
        let mentioned = r.status.iter().any(|s| s == "mentioned");
        if r.kind == RuleKind::Status
            && mentioned
            && !others.is_empty()
            && r.severity != r.severity_mentioned
        {
            writeln!(
                o,
                "Severity: {} when {}, {} when mentioned",
                r.severity.as_str(),
                others.join(" or "),
                r.severity_mentioned.as_str()
            )?;
        } else if r.kind == RuleKind::Status && mentioned {
            writeln!(o, "Severity: {}", r.severity_mentioned.as_str())?;
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
