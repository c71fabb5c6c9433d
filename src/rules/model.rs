//! The rule-pack file format (TOML), as serde types. Validation and compilation live elsewhere.
//!
//! A pack file may hold `[lexicon.NAME]` tables (named pattern sets, per language) and `[[rule]]` entries.
//! See README.md, "Rule format", for the documentation of every field.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One `*.toml` file of a pack.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub lexicon: BTreeMap<String, LexiconDef>,
    /// Named conditions, usable as terms by every rule (they may use lexicons, not other conditions).
    #[serde(default)]
    pub condition: BTreeMap<String, ConditionDef>,
    #[serde(default)]
    pub rule: Vec<RuleDef>,
}

/// A named set of patterns. Patterns are regular expressions matched case-insensitively on word
/// boundaries; a leading `~` lets a pattern end a compound word (`~rapportage` matches
/// `kwartaalrapportage`), a trailing `~` lets it start one (`overleg~` matches `overlegstructuur`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconDef {
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub nl: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    /// Patterns for both languages (numbers, symbols, acronyms).
    #[serde(default)]
    pub any: Vec<String>,
    /// Patterns whose matches cancel overlapping matches of this lexicon ("no later than" is not a
    /// negation).
    #[serde(default)]
    pub mask: MaskDef,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaskDef {
    #[serde(default)]
    pub nl: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub any: Vec<String>,
}

/// What a rule does with its matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// A passage matching the conditions is evidence for the category's status; no finding of its own.
    Evidence,
    /// A finding when a category's status (and detail) is one of the listed ones.
    Status,
    /// A finding for every passage matching the conditions (capped per document).
    Existence,
    /// A finding when no passage matches the conditions, once the rule's preconditions hold.
    Absence,
}

/// The unit a rule's conditions are evaluated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One sentence; a table row (with its header row) counts as one sentence.
    Sentence,
    /// One block: paragraph, list item or table row.
    Paragraph,
    /// All blocks under one heading.
    Section,
    /// The whole document.
    Document,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The evidence level an evidence rule contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Mentioned,
    Partial,
    Embedded,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Mentioned => "mentioned",
            Level::Partial => "partial",
            Level::Embedded => "embedded",
        }
    }
}

/// A condition tree: every `all` term, at least one `any` term, no `none` term, every `near` pair.
/// A term is a lexicon name (or `self` for the rule's own patterns) or a nested condition.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    /// What a named condition stands for: documentation for pack authors, not used at run time.
    #[serde(default)]
    #[allow(dead_code)]
    pub description: String,
    #[serde(default)]
    pub all: Vec<TermDef>,
    #[serde(default)]
    pub any: Vec<TermDef>,
    #[serde(default)]
    pub none: Vec<TermDef>,
    #[serde(default)]
    pub near: Vec<NearDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TermDef {
    Lexicon(String),
    Group(Box<ConditionDef>),
}

/// `a` and `b` match within `within` words of each other (in either order unless `ordered`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NearDef {
    pub a: String,
    pub b: String,
    pub within: u32,
    #[serde(default)]
    pub ordered: bool,
}

/// Example sentences in one language: `trigger` must make the rule fire, `pass` must not.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSet {
    #[serde(default)]
    pub trigger: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamplesDef {
    #[serde(default)]
    pub nl: ExampleSet,
    #[serde(default)]
    pub en: ExampleSet,
}

/// The help text in the house shape: what it checks, why it matters, and what to write instead.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpDef {
    pub what: String,
    pub why: String,
    pub fix: String,
}

/// One `[[rule]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    pub kind: RuleKind,
    /// `goals`, `responsibilities`, `progress`, `collaboration`, or `*` (status rules: every category).
    pub category: String,
    pub title: String,
    #[serde(default)]
    pub since: Option<String>,
    /// Findings only: the severity (for status rules: when the category is absent).
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Status rules only: the severity when the category is mentioned.
    #[serde(default)]
    pub severity_mentioned: Option<Severity>,
    /// Findings only: the message; `{category}` is replaced by the category name, `{searched}` by the
    /// extent of the text searched ("12 sections, 230 paragraphs").
    #[serde(default)]
    pub message: Option<String>,
    /// Status rules only: the message when the category is mentioned.
    #[serde(default)]
    pub message_mentioned: Option<String>,
    pub help: HelpDef,
    #[serde(default)]
    pub scope: Option<Scope>,
    /// Evidence rules: the level a match contributes.
    #[serde(default)]
    pub level: Option<Level>,
    /// Evidence rules: the detail of a `mentioned` match (hedged, deferred, negated, background).
    #[serde(default)]
    pub detail: Option<String>,
    /// Status rules: the statuses that raise the finding.
    #[serde(default)]
    pub status: Vec<String>,
    /// Status rules: only when the status has one of these details.
    #[serde(default, rename = "when_detail")]
    pub when_detail: Vec<String>,
    /// Absence rules: the statuses of `category` under which the absence matters.
    #[serde(default)]
    pub when_status: Vec<String>,
    /// Section filter: only units in sections of these classes (`binding`, `background`, `neutral`).
    #[serde(default)]
    pub sections: Vec<String>,
    /// Heading filter: a condition the innermost heading above the unit must meet.
    #[serde(default)]
    pub heading: Option<ConditionDef>,
    /// Block filter (sentence and paragraph scope): only units in blocks of these kinds (`paragraph`,
    /// `list-item`, `table`, `heading`, `note`, `header-footer`).
    #[serde(default)]
    pub blocks: Vec<String>,
    /// The rule's own patterns, referenced as `self` in conditions.
    #[serde(default)]
    pub patterns: Option<LexiconDef>,
    #[serde(default, rename = "match")]
    pub condition: Option<ConditionDef>,
    #[serde(default)]
    pub examples: ExamplesDef,
}
