//! The rule engine: the one place where a document meets the rules. Evidence rules give each category
//! its status (embedded / mentioned / absent, with a detail); status, existence and absence rules raise
//! findings. The result ([`Verdict`]) knows nothing of output formats.

mod condition;
mod units;

pub use units::Units;

use crate::document::{Document, Location};
use crate::rules::{Level, Rule, RuleKind, RuleSet, SectionClass, Severity, CATEGORIES};
use serde::Serialize;

/// Most evidence quotes reported per category.
const MAX_EVIDENCE: usize = 3;
/// Most findings one existence rule raises in one document.
const MAX_FINDINGS_PER_RULE: usize = 10;
/// Longest quote, in characters.
const MAX_QUOTE_CHARS: usize = 300;

/// The report's three statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Absent,
    Mentioned,
    Embedded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Absent => "absent",
            Status::Mentioned => "mentioned",
            Status::Embedded => "embedded",
        }
    }
}

/// A quoted passage and where it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub quote: String,
    pub location: Location,
    /// The evidence rule that matched.
    pub rule: String,
}

/// The verdict on one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryVerdict {
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub evidence: Vec<Evidence>,
    /// When only mentioned: every reason found (negated, deferred, hedged, background), each with its
    /// first passage. `detail` is the most telling of them; findings may use all.
    #[serde(skip)]
    pub reasons: Vec<(String, Evidence)>,
}

/// Something the officer should look at or fix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub category: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub help: String,
    pub location: Option<Location>,
    pub quote: Option<String>,
}

/// The engine's result for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// In [`CATEGORIES`] order.
    pub categories: Vec<(&'static str, CategoryVerdict)>,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn category(&self, name: &str) -> Option<&CategoryVerdict> {
        self.categories
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// One evidence match before aggregation.
#[derive(Debug, Clone)]
struct Match {
    rule: usize,
    level: Level,
    detail: Option<String>,
    sentence: usize,
    class: SectionClass,
}

/// Human name of a category, for messages.
pub fn category_label(category: &str) -> &str {
    match category {
        "progress" => "progress measures",
        "collaboration" => "collaboration arrangements",
        other => other,
    }
}

/// Checks one document against a rule set.
pub fn check(doc: &Document, rules: &RuleSet) -> Verdict {
    let units = Units::build(doc, rules);
    evaluate(&units, rules, None).0
}

/// Evaluates; with `probe`, also reports whether that rule fired (used to run a rule's examples).
fn evaluate(units: &Units<'_>, rules: &RuleSet, probe: Option<usize>) -> (Verdict, bool) {
    let mut probe_fired = false;
    // 1. Evidence.
    let mut matches: Vec<Match> = Vec::new();
    for (ri, rule) in rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RuleKind::Evidence)
    {
        for (u, sentence) in matching_units(units, rule) {
            if probe == Some(ri) {
                probe_fired = true;
            }
            let class = units.class(rule.scope, u);
            // Background text does not bind; procedure text binds the tender procedure, not the contract.
            let (level, detail) = match class {
                SectionClass::Background if rule.level > Level::Mentioned => {
                    (Level::Mentioned, Some("background".to_string()))
                }
                SectionClass::Procedure if rule.level > Level::Mentioned => {
                    (Level::Mentioned, None)
                }
                _ => (rule.level, rule.detail.clone()),
            };
            matches.push(Match {
                rule: ri,
                level,
                detail,
                sentence,
                class,
            });
        }
    }
    // 2. Category statuses.
    let mut categories = Vec::with_capacity(CATEGORIES.len());
    for cat in CATEGORIES {
        let mine: Vec<&Match> = matches
            .iter()
            .filter(|m| rules.rules[m.rule].category == cat)
            .collect();
        categories.push((cat, category_verdict(&mine, units, rules)));
    }
    // 3. Findings.
    let mut findings = Vec::new();
    for (ri, rule) in rules.rules.iter().enumerate() {
        let before = findings.len();
        match rule.kind {
            RuleKind::Evidence => {}
            RuleKind::Status => {
                for (cat, v) in &categories {
                    if rule.category != "*" && rule.category != *cat {
                        continue;
                    }
                    // With `when_detail`, any of the category's reasons counts, and the finding
                    // points at the passage that shows it.
                    let reason = rule
                        .when_detail
                        .iter()
                        .find_map(|d| v.reasons.iter().find(|(r, _)| r == d));
                    let detail_ok = rule.when_detail.is_empty() || reason.is_some();
                    if rule.status.iter().any(|s| s == v.status.as_str()) && detail_ok {
                        // The `mentioned` variant applies to a mentioned category only.
                        let mentioned = v.status == Status::Mentioned;
                        let first = reason.map(|(_, e)| e).or(v.evidence.first());
                        findings.push(finding(
                            rule,
                            cat,
                            if mentioned {
                                rule.severity_mentioned
                            } else {
                                rule.severity
                            },
                            if mentioned {
                                &rule.message_mentioned
                            } else {
                                &rule.message
                            },
                            first.map(|e| e.location.clone()),
                            first.map(|e| e.quote.clone()),
                        ));
                    }
                }
            }
            RuleKind::Existence => {
                let mut seen_blocks = Vec::new();
                for (_, sentence) in matching_units(units, rule) {
                    let block = units.sentences[sentence].block;
                    if seen_blocks.contains(&block) {
                        continue;
                    }
                    seen_blocks.push(block);
                    if seen_blocks.len() > MAX_FINDINGS_PER_RULE {
                        break;
                    }
                    findings.push(finding(
                        rule,
                        &rule.category,
                        rule.severity,
                        &rule.message,
                        Some(units.location(sentence).clone()),
                        Some(quote(&units.sentences[sentence].text)),
                    ));
                }
            }
            RuleKind::Absence => {
                let v = &categories
                    .iter()
                    .find(|(c, _)| *c == rule.category)
                    .expect("validated category")
                    .1;
                let applies = rule.when_status.is_empty()
                    || rule.when_status.iter().any(|s| s == v.status.as_str());
                if applies && matching_units(units, rule).next().is_none() {
                    let first = v.evidence.first();
                    findings.push(finding(
                        rule,
                        &rule.category,
                        rule.severity,
                        &rule.message,
                        first.map(|e| e.location.clone()),
                        first.map(|e| e.quote.clone()),
                    ));
                }
            }
        }
        if probe == Some(ri) && findings.len() > before {
            probe_fired = true;
        }
    }
    // "Where it looked": the extent of the text searched, for findings that report an absence.
    let searched = format!(
        "{} section{}, {} paragraph{}",
        units.sections.len(),
        if units.sections.len() == 1 { "" } else { "s" },
        units.paragraphs.len(),
        if units.paragraphs.len() == 1 { "" } else { "s" },
    );
    for f in &mut findings {
        if f.message.contains("{searched}") {
            f.message = f.message.replace("{searched}", &searched);
        }
    }
    findings.sort_by(|a, b| {
        let cat = |c: &str| {
            CATEGORIES
                .iter()
                .position(|x| *x == c)
                .unwrap_or(CATEGORIES.len())
        };
        (
            cat(&a.category),
            a.location.as_ref().map(|l| l.paragraph),
            &a.rule,
        )
            .cmp(&(
                cat(&b.category),
                b.location.as_ref().map(|l| l.paragraph),
                &b.rule,
            ))
    });
    (
        Verdict {
            categories,
            findings,
        },
        probe_fired,
    )
}

/// Units at the rule's scope that satisfy its condition and section filter: (unit, quote sentence).
fn matching_units<'a>(
    units: &'a Units<'_>,
    rule: &'a Rule,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    (0..units.count(rule.scope)).filter_map(move |u| {
        if !rule.sections.is_empty() && !rule.sections.contains(&units.class(rule.scope, u)) {
            return None;
        }
        if !rule.blocks.is_empty()
            && !rule
                .blocks
                .iter()
                .any(|k| k == units.block_kind(rule.scope, u))
        {
            return None;
        }
        if let Some(h) = &rule.heading {
            if !condition::holds(h, &units.heading_hits(rule.scope, u)) {
                return None;
            }
        }
        let hits = units.hits(rule.scope, u);
        if !condition::holds(&rule.condition, &hits) {
            return None;
        }
        Some((u, quote_sentence(units, rule, u)))
    })
}

/// The sentence to quote for a matching unit: the one with the most of the rule's positive hits.
fn quote_sentence(units: &Units<'_>, rule: &Rule, u: usize) -> usize {
    let range = units.sentence_range(rule.scope, u);
    if range.len() == 1 {
        return range.start;
    }
    let mut sets = Vec::new();
    rule.condition.positive_sets(&mut sets);
    let score = |s: usize| {
        let hits = &units.sentences[s].hits;
        sets.iter()
            .filter(|&&set| hits.iter().any(|h| h.set == set))
            .count()
    };
    let mut best = range.start;
    for s in range {
        if score(s) > score(best) {
            best = s;
        }
    }
    best
}

fn category_verdict(matches: &[&Match], units: &Units<'_>, rules: &RuleSet) -> CategoryVerdict {
    let Some(best) = matches.iter().map(|m| m.level).max() else {
        return CategoryVerdict {
            status: Status::Absent,
            detail: None,
            evidence: Vec::new(),
            reasons: Vec::new(),
        };
    };
    let evidence_of = |m: &Match| Evidence {
        quote: quote(&units.sentences[m.sentence].text),
        location: units.location(m.sentence).clone(),
        rule: rules.rules[m.rule].id.clone(),
    };
    let mut reasons: Vec<(String, Evidence)> = Vec::new();
    let (status, detail) = match best {
        Level::Embedded | Level::Partial => {
            // Embedded, but part of it left until after award (with a mechanism): a reason too.
            if let Some(m) = matches
                .iter()
                .find(|m| m.level == Level::Partial && m.detail.as_deref() == Some("deferred"))
            {
                reasons.push(("deferred".to_string(), evidence_of(m)));
            }
            let detail = (best == Level::Partial).then(|| "partial".to_string());
            (Status::Embedded, detail)
        }
        Level::Mentioned => {
            // The reasons why the category is only mentioned, most telling first.
            for d in ["negated", "deferred", "hedged", "background"] {
                if let Some(m) = matches.iter().find(|m| m.detail.as_deref() == Some(d)) {
                    reasons.push((d.to_string(), evidence_of(m)));
                }
            }
            // Mentioned only under background headings: that is a reason too.
            let all_background = matches.iter().all(|m| m.class == SectionClass::Background);
            if all_background && !reasons.iter().any(|(d, _)| d == "background") {
                reasons.push(("background".to_string(), evidence_of(matches[0])));
            }
            (Status::Mentioned, reasons.first().map(|(d, _)| d.clone()))
        }
    };
    // Evidence: the best level's matches, the detail's first, in document order, one per block.
    let mut chosen: Vec<&&Match> = matches.iter().filter(|m| m.level == best).collect();
    chosen.sort_by_key(|m| (m.detail.is_none() || m.detail != detail, m.sentence));
    let mut evidence: Vec<(usize, Evidence)> = Vec::new();
    let mut blocks = Vec::new();
    for m in chosen {
        let block = units.sentences[m.sentence].block;
        if blocks.contains(&block) {
            continue;
        }
        blocks.push(block);
        evidence.push((m.sentence, evidence_of(m)));
        if evidence.len() == MAX_EVIDENCE {
            break;
        }
    }
    CategoryVerdict {
        status,
        detail,
        evidence: evidence.into_iter().map(|(_, e)| e).collect(),
        reasons,
    }
}

fn finding(
    rule: &Rule,
    category: &str,
    severity: Severity,
    message: &str,
    location: Option<Location>,
    quote: Option<String>,
) -> Finding {
    Finding {
        rule: rule.id.clone(),
        category: category.to_string(),
        severity,
        title: rule.title.clone(),
        message: message.replace("{category}", category_label(category)),
        help: rule.help.fix.trim().to_string(),
        location,
        quote,
    }
}

/// A quote no longer than [`MAX_QUOTE_CHARS`], cut at a word boundary.
fn quote(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_QUOTE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut} …")
}

/// Runs one rule's example: does rule `rule_index` fire on `text` read as a Markdown document in
/// `language`? Evidence rules fire when they match a passage; other rules when they raise a finding.
pub fn example_fires(
    rules: &RuleSet,
    rule_index: usize,
    text: &str,
    language: crate::document::Language,
) -> bool {
    let Ok(extracted) =
        crate::extract::text::read_markdown(text, &crate::extract::Limits::default())
    else {
        return false;
    };
    let doc = Document::build(crate::extract::Format::Text, extracted, Some(language));
    let units = Units::build(&doc, rules);
    evaluate(&units, rules, Some(rule_index)).1
}
