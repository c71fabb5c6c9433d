//! Rule packs: loading TOML files, validating them with errors that name file, rule and field, and
//! compiling their patterns once per run. Rules know nothing of file formats.
//!
//! The built-in pack (`rules/*.toml`) is compiled into the binary; `--rules DIR` adds packs at run time.

mod builtin;
mod matcher;
mod model;
mod validate;

pub use matcher::{distance, hits_of, pattern_parts, word_starts, Hit, Matcher, Matchers, SetHits};
pub use model::{HelpDef, Level, RuleKind, Scope, Severity};

use crate::document::Language;
use model::{ExamplesDef, PackFile};
use std::collections::BTreeMap;
use std::path::Path;

/// The four agreements tenderlint reports on, in report order.
pub const CATEGORIES: [&str; 4] = ["goals", "responsibilities", "progress", "collaboration"];

/// Lexicons the engine itself relies on: heading classes.
pub const BINDING_HEADING: &str = "binding-heading";
pub const BACKGROUND_HEADING: &str = "background-heading";
pub const PROCEDURE_HEADING: &str = "procedure-heading";

/// A pack that cannot be used, naming the file, the rule (if any) and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {field}: {message}", rule.as_ref().map(|r| format!(": rule {r}")).unwrap_or_default())]
pub struct RuleError {
    pub file: String,
    pub rule: Option<String>,
    pub field: String,
    pub message: String,
}

/// Example sentences of a rule, per language.
#[derive(Debug, Clone, Default)]
pub struct Examples {
    pub nl_trigger: Vec<String>,
    pub nl_pass: Vec<String>,
    pub en_trigger: Vec<String>,
    pub en_pass: Vec<String>,
}

impl From<ExamplesDef> for Examples {
    fn from(e: ExamplesDef) -> Self {
        Examples {
            nl_trigger: e.nl.trigger,
            nl_pass: e.nl.pass,
            en_trigger: e.en.trigger,
            en_pass: e.en.pass,
        }
    }
}

impl Examples {
    /// (language, must trigger, text) for every example.
    pub fn all(&self) -> impl Iterator<Item = (Language, bool, &str)> {
        fn tag(l: Language, t: bool, v: &[String]) -> impl Iterator<Item = (Language, bool, &str)> {
            v.iter().map(move |s| (l, t, s.as_str()))
        }
        tag(Language::Nl, true, &self.nl_trigger)
            .chain(tag(Language::Nl, false, &self.nl_pass))
            .chain(tag(Language::En, true, &self.en_trigger))
            .chain(tag(Language::En, false, &self.en_pass))
    }
}

/// A compiled condition: lexicon references resolved to pattern-set ids.
#[derive(Debug, Clone, Default)]
pub struct Condition {
    pub all: Vec<Term>,
    pub any: Vec<Term>,
    pub none: Vec<Term>,
    pub near: Vec<Near>,
}

#[derive(Debug, Clone)]
pub enum Term {
    Set(u32),
    Group(Box<Condition>),
}

#[derive(Debug, Clone, Copy)]
pub struct Near {
    pub a: u32,
    pub b: u32,
    pub within: u32,
    pub ordered: bool,
}

impl Condition {
    /// The pattern sets whose presence can make this condition true (for choosing a quote).
    pub fn positive_sets(&self, out: &mut Vec<u32>) {
        for t in self.all.iter().chain(&self.any) {
            match t {
                Term::Set(s) => out.push(*s),
                Term::Group(g) => g.positive_sets(out),
            }
        }
        for n in &self.near {
            out.push(n.a);
            out.push(n.b);
        }
    }
}

/// Which sections a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionClass {
    /// Requirements, contract, SLA, award criteria: text that binds.
    Binding,
    /// Introduction, background, vision: text that does not bind.
    Background,
    /// Instructions to tenderers: text that binds the procedure, not the performance of the contract.
    Procedure,
    /// Neither (or no heading).
    Neutral,
}

/// One validated, compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    /// A category name, or `*` for status rules over every category.
    pub category: String,
    pub title: String,
    pub since: Option<String>,
    pub severity: Severity,
    pub severity_mentioned: Severity,
    pub message: String,
    pub message_mentioned: String,
    pub help: HelpDef,
    pub scope: Scope,
    pub level: Level,
    pub detail: Option<String>,
    pub status: Vec<String>,
    pub when_detail: Vec<String>,
    pub when_status: Vec<String>,
    pub sections: Vec<SectionClass>,
    /// A condition on the innermost heading above the unit (`None`: any heading or none).
    pub heading: Option<Condition>,
    /// Block kinds the unit must be in (empty: any).
    pub blocks: Vec<String>,
    pub condition: Condition,
    pub examples: Examples,
    /// The pack file it came from (for messages and `tenderlint rules`).
    pub source: String,
    /// The rule's own patterns as written, for `explain`.
    pub own_patterns: BTreeMap<String, Vec<String>>,
}

/// A named pattern set, for `explain` and error messages.
#[derive(Debug, Clone)]
pub struct LexiconInfo {
    pub name: String,
    pub description: String,
    pub source: String,
}

/// All rules of all loaded packs, with their compiled matchers.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Pattern sets by id (lexicons, rules' own patterns, masks).
    pub sets: Vec<LexiconInfo>,
    pub matchers: Matchers,
    pub binding_heading: u32,
    pub background_heading: u32,
    pub procedure_heading: u32,
}

impl RuleSet {
    /// The built-in pack. Its patterns compile per language when first needed.
    pub fn builtin() -> Result<RuleSet, RuleError> {
        Self::builtin_with(&[])
    }

    /// The built-in pack plus the packs in `dirs` (every `*.toml` directly inside each directory, in
    /// name order). With packs from outside, every pattern is compiled at once, so that an error in
    /// one is reported now.
    pub fn builtin_with(dirs: &[&Path]) -> Result<RuleSet, RuleError> {
        let mut files: Vec<(String, String)> = builtin::files()
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for dir in dirs {
            files.extend(read_pack_dir(dir)?);
        }
        Self::parse_and_compile(files, !dirs.is_empty())
    }

    /// Parses, validates and compiles pack files given as (name, TOML text).
    pub fn from_sources(files: Vec<(String, String)>) -> Result<RuleSet, RuleError> {
        Self::parse_and_compile(files, true)
    }

    fn parse_and_compile(
        files: Vec<(String, String)>,
        compile_now: bool,
    ) -> Result<RuleSet, RuleError> {
        let mut parsed = Vec::with_capacity(files.len());
        for (name, text) in files {
            let pack: PackFile = toml::from_str(&text).map_err(|e| toml_error(&name, &text, &e))?;
            parsed.push((name, pack));
        }
        validate::compile(parsed, compile_now)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }
}

fn read_pack_dir(dir: &Path) -> Result<Vec<(String, String)>, RuleError> {
    let err = |m: String| RuleError {
        file: dir.display().to_string(),
        rule: None,
        field: "rules directory".into(),
        message: m,
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| err(format!("cannot read the directory: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(err("no *.toml rule files in it".into()));
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| RuleError {
                file: p.display().to_string(),
                rule: None,
                field: "file".into(),
                message: format!("cannot read: {e}"),
            })?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

/// A TOML syntax or type error, with the rule id found near the error position when possible.
fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> RuleError {
    let mut rule = None;
    let mut line_info = String::new();
    if let Some(span) = e.span() {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        line_info = format!("line {line}");
        // The last `id = "..."` before the error, if it is inside the same [[rule]].
        if let Some(rule_start) = before.rfind("[[rule]]") {
            rule = before[rule_start..].lines().find_map(|l| {
                l.trim().strip_prefix("id").map(|r| {
                    r.trim_start_matches([' ', '='])
                        .trim_matches('"')
                        .to_string()
                })
            });
        }
    }
    let message = e.message().to_string();
    let field = message
        .split('`')
        .nth(1)
        .map(|f| format!("field `{f}`"))
        .unwrap_or_else(|| {
            if line_info.is_empty() {
                "syntax".into()
            } else {
                line_info.clone()
            }
        });
    RuleError {
        file: if line_info.is_empty() {
            file.to_string()
        } else {
            format!("{file} ({line_info})")
        },
        rule,
        field,
        message,
    }
}
