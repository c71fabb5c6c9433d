//! The SARIF 2.1.0 report, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).
//!
//! One run; `tool.driver.rules` lists every rule that can raise a finding, with its documentation and
//! default level. Each finding is a result at the document (a URI relative to `%SRCROOT%`, the current
//! directory), with the page and section as a logical location and in the location's properties, the
//! quote as the region's snippet where the source has lines (plain text, Markdown) and in the properties
//! otherwise, and a `partialFingerprints` entry that survives reflowing text. Unreadable files are tool
//! execution notifications. Findings suppressed by a baseline are left out; the run's properties count
//! them (`suppressedByBaseline`).

use super::fingerprint::{document_key, fingerprint, FINGERPRINT_KEY};
use super::pretty_json::{self, ArrayWriter};
use super::spool::Spool;
use super::{finding_rules, location_label, write_report, Reporter, Totals};
use crate::check::{DocumentResult, LineSpan, Report};
use crate::engine::Finding;
use crate::rules::{Rule, RuleKind, RuleSet, Severity};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// Characters escaped in a URI path segment (RFC 3986: everything but unreserved characters and
/// sub-delimiters that are safe in a path). Non-ASCII characters are always escaped as UTF-8.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Writes the SARIF log piecewise: the rules first, each document's results as it arrives, the
/// notifications about unreadable files to a [`Spool`] until the invocation can be written after the
/// results.
pub struct SarifReporter<'a> {
    listed: Vec<&'a Rule>,
    results: Option<ArrayWriter>,
    notifications: Option<(Spool, ArrayWriter)>,
}

impl<'a> SarifReporter<'a> {
    pub fn new(rules: &'a RuleSet) -> SarifReporter<'a> {
        SarifReporter {
            listed: finding_rules(rules),
            results: None,
            notifications: None,
        }
    }
}

/// Nesting depth of the run object (`{"runs": [ {run} ]}`).
const RUN: usize = 2;

fn indent(out: &mut dyn Write, depth: usize) -> io::Result<()> {
    out.write_all(b"\n")?;
    out.write_all("  ".repeat(depth).as_bytes())
}

impl Reporter for SarifReporter<'_> {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{")?;
        pretty_json::member(out, 0, true, "$schema", SCHEMA_URI)?;
        pretty_json::member(out, 0, false, "version", "2.1.0")?;
        pretty_json::member_key(out, 0, false, "runs")?;
        out.write_all(b"[")?;
        indent(out, RUN)?;
        out.write_all(b"{")?;
        let tool = json!({ "driver": {
            "name": "tenderlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": self.listed.iter().map(|r| descriptor(r)).collect::<Vec<_>>(),
        } });
        pretty_json::member(out, RUN, true, "tool", &tool)?;
        pretty_json::member(out, RUN, false, "columnKind", "unicodeCodePoints")?;
        pretty_json::member_key(out, RUN, false, "results")?;
        self.results = Some(ArrayWriter::open(out, RUN + 1)?);
        let mut spool = Spool::new();
        // The notifications array of the run's one invocation: runs > run > invocations > invocation.
        let array = ArrayWriter::open(&mut spool, RUN + 3)?;
        self.notifications = Some((spool, array));
        Ok(())
    }

    fn document(&mut self, d: &DocumentResult, out: &mut dyn Write) -> io::Result<()> {
        let (Some(results), Some((spool, notes))) = (&mut self.results, &mut self.notifications)
        else {
            return Err(io::Error::other("SarifReporter::begin was not called"));
        };
        let key = document_key(&d.path);
        match &d.outcome {
            Ok(v) => {
                for (i, f) in v.findings.iter().enumerate() {
                    let lines = d.finding_lines.get(i).copied().flatten();
                    results.element(out, &result(&key, f, lines, &self.listed))?;
                }
                Ok(())
            }
            Err(e) => notes.element(
                spool,
                &json!({
                    "level": "error",
                    "message": { "text": format!("{}: cannot read ({}): {}", d.path, e.kind.as_str(), e.message) },
                    "locations": [ { "physicalLocation": { "artifactLocation": artifact_location(&key) } } ],
                    "descriptor": { "id": format!("unreadable/{}", e.kind.as_str()) },
                }),
            ),
        }
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let (Some(results), Some((mut spool, notes))) =
            (self.results.take(), self.notifications.take())
        else {
            return Err(io::Error::other("SarifReporter::begin was not called"));
        };
        results.close(out)?;
        pretty_json::member_key(out, RUN, false, "invocations")?;
        out.write_all(b"[")?;
        indent(out, RUN + 2)?;
        out.write_all(b"{")?;
        pretty_json::member(
            out,
            RUN + 2,
            true,
            "executionSuccessful",
            &(totals.unreadable == 0),
        )?;
        pretty_json::member_key(out, RUN + 2, false, "toolExecutionNotifications")?;
        notes.close(&mut spool)?;
        spool.copy_to(out)?;
        indent(out, RUN + 2)?;
        out.write_all(b"}")?;
        indent(out, RUN + 1)?;
        out.write_all(b"]")?;
        let properties = json!({
            "documents": totals.documents,
            "unreadable": totals.unreadable,
            "suppressedByBaseline": totals.suppressed,
        });
        pretty_json::member(out, RUN, false, "properties", &properties)?;
        indent(out, RUN)?;
        out.write_all(b"}")?;
        indent(out, 1)?;
        out.write_all(b"]\n}\n")
    }
}

/// The report as a SARIF log: what the SARIF output writes, parsed back (for tests and callers that want
/// a value).
pub fn to_sarif_value(report: &Report, rules: &RuleSet) -> Value {
    let mut out = Vec::new();
    write_report(&mut SarifReporter::new(rules), report, &mut out)
        .expect("writing to memory does not fail");
    serde_json::from_slice(&out).expect("the SARIF log is valid JSON")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule name in SARIF's style: the title's words in PascalCase ("ProgressMeasuresAbsent").
fn pascal_name(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn descriptor(r: &Rule) -> Value {
    let (what, why, fix) = (r.help.what.trim(), r.help.why.trim(), r.help.fix.trim());
    let text = format!(
        "What it checks: {what}\n\nWhy it matters for the tender: {why}\n\nWrite instead: {fix}"
    );
    let mut markdown = format!(
        "## {} — {}\n\n**What it checks.** {what}\n\n**Why it matters for the tender.** {why}\n\n**Write instead.** {fix}\n",
        r.id, r.title
    );
    let e = &r.examples;
    for (title, list) in [
        ("Triggers it (NL)", &e.nl_trigger),
        ("Triggers it (EN)", &e.en_trigger),
        ("Does not trigger it (NL)", &e.nl_pass),
        ("Does not trigger it (EN)", &e.en_pass),
    ] {
        if !list.is_empty() {
            markdown.push_str(&format!("\n**{title}**\n\n"));
            for x in list {
                markdown.push_str(&format!("- {}\n", x.replace('\n', " ")));
            }
        }
    }
    let kind = match r.kind {
        RuleKind::Evidence => "evidence",
        RuleKind::Status => "status",
        RuleKind::Existence => "existence",
        RuleKind::Absence => "absence",
    };
    json!({
        "id": r.id,
        "name": pascal_name(&r.title),
        "shortDescription": { "text": r.title },
        "fullDescription": { "text": what },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": { "level": level(default_severity(r)) },
        "properties": { "category": r.category, "kind": kind, "tags": [r.category] },
    })
}

/// The severity a rule raises by default. A status rule has two (absent, mentioned): a rule that fires
/// only on mentioned categories raises its `mentioned` severity.
fn default_severity(r: &Rule) -> Severity {
    if r.kind == RuleKind::Status && !r.status.iter().any(|s| s == "absent") {
        r.severity_mentioned
    } else {
        r.severity
    }
}

/// The document as an artifact location: a percent-encoded URI relative to `%SRCROOT%` (the current
/// directory), or a `file:` URI for a document outside it.
fn artifact_location(key: &str) -> Value {
    let encoded: Vec<String> = key
        .split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect();
    if key.starts_with('/') {
        json!({ "uri": format!("file://{}", encoded.join("/")) })
    } else {
        json!({ "uri": encoded.join("/"), "uriBaseId": SRCROOT })
    }
}

fn result(key: &str, f: &Finding, lines: Option<LineSpan>, listed: &[&Rule]) -> Value {
    let mut physical = Map::new();
    physical.insert("artifactLocation".into(), artifact_location(key));
    if let (Some(span), Some(q)) = (lines, &f.quote) {
        physical.insert(
            "region".into(),
            json!({ "startLine": span.start, "endLine": span.end, "snippet": { "text": q } }),
        );
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), Value::Object(physical));
    let mut props = Map::new();
    if let Some(l) = &f.location {
        let name = l
            .section
            .last()
            .cloned()
            .unwrap_or_else(|| location_label(l));
        let full = if l.section.is_empty() {
            name.clone()
        } else {
            l.section.join(" > ")
        };
        location.insert(
            "logicalLocations".into(),
            json!([ { "name": name, "fullyQualifiedName": full, "kind": "section" } ]),
        );
        location.insert("message".into(), json!({ "text": location_label(l) }));
        if let Some(page) = l.page {
            props.insert("page".into(), json!(page));
        }
        props.insert("paragraph".into(), json!(l.paragraph));
        props.insert("section".into(), json!(l.section));
    }
    if let Some(q) = &f.quote {
        props.insert("quote".into(), json!(q));
    }
    if !props.is_empty() {
        location.insert("properties".into(), Value::Object(props));
    }
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    if let Some(i) = listed.iter().position(|x| x.id == f.rule) {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(level(f.severity)));
    r.insert("message".into(), json!({ "text": message_text(f) }));
    r.insert("locations".into(), json!([Value::Object(location)]));
    r.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint(key, f) }),
    );
    r.insert(
        "properties".into(),
        json!({ "category": f.category, "title": f.title, "help": f.help }),
    );
    Value::Object(r)
}

/// The result message: what is wrong, where, and what to write instead.
fn message_text(f: &Finding) -> String {
    let mut m = f.message.clone();
    if let Some(l) = &f.location {
        m.push_str(&format!(" ({})", location_label(l)));
    }
    if !f.help.is_empty() {
        m.push_str(&format!("\nWrite instead: {}", f.help));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_percent_encoded() {
        assert_eq!(
            artifact_location("tenders/Bestek 2024 #1 (ü).pdf")["uri"],
            "tenders/Bestek%202024%20%231%20(%C3%BC).pdf"
        );
        assert_eq!(artifact_location("a/b.md")["uriBaseId"], SRCROOT);
        assert_eq!(
            artifact_location("/abs/a b.md")["uri"],
            "file:///abs/a%20b.md"
        );
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(
            pascal_name("Progress measures absent or only mentioned"),
            "ProgressMeasuresAbsentOrOnlyMentioned"
        );
    }
}
