//! The JUnit XML report, for CI systems that show test results (GitLab, Jenkins, Azure DevOps).
//!
//! One `testsuite` per document. In it, one `testcase` per category (it fails when the category's status
//! raised a finding: absent or only mentioned) and one per other finding rule (it fails when the rule
//! raised findings in the document; all of them are listed in the failure). A document that cannot be
//! read is one `testcase` with an `error`. Written with quick-xml's writer, so text is escaped; characters
//! XML cannot carry (control characters) are dropped.

use super::fingerprint::document_key;
use super::spool::Spool;
use super::{finding_rules, location_label, Reporter, Totals};
use crate::check::DocumentResult;
use crate::engine::{Finding, Verdict};
use crate::rules::{RuleKind, RuleSet, CATEGORIES};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::{self, Write};

/// Writes each document's test suite as it arrives to a [`Spool`], counting tests, failures and errors,
/// and at the end the `testsuites` element with those counts around the spooled suites.
pub struct JunitReporter<'a> {
    rules: &'a RuleSet,
    suites: Option<W>,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl<'a> JunitReporter<'a> {
    pub fn new(rules: &'a RuleSet) -> JunitReporter<'a> {
        JunitReporter {
            rules,
            suites: None,
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }
}

type W = Writer<Spool>;

/// A writer of the suites, already inside a placeholder `testsuites` element so that the suites are
/// indented as its children; the placeholder's bytes are left out when the spool is copied.
fn suites_writer() -> io::Result<(W, u64)> {
    let skip = placeholder(Vec::new())?.into_inner().len() as u64;
    Ok((placeholder(Spool::new())?, skip))
}

fn placeholder<T: Write>(inner: T) -> io::Result<Writer<T>> {
    let mut w = Writer::new_with_indent(inner, b' ', 2);
    w.write_event(Event::Start(BytesStart::new("testsuites")))?;
    Ok(w)
}

/// One test case before writing: its name and, if it failed, the findings behind the failure.
struct Case<'f> {
    name: String,
    failures: Vec<&'f Finding>,
    /// For category cases: the status and evidence, as standard output.
    out: Option<String>,
}

impl Reporter for JunitReporter<'_> {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        self.suites = Some(suites_writer()?.0);
        Ok(())
    }

    fn document(&mut self, d: &DocumentResult, _out: &mut dyn Write) -> io::Result<()> {
        let cases = self.cases(d);
        self.tests += cases.len().max(1);
        self.failures += cases.iter().filter(|c| !c.failures.is_empty()).count();
        self.errors += usize::from(d.outcome.is_err());
        match &mut self.suites {
            Some(w) => suite(w, d, &cases),
            None => Err(io::Error::other("JunitReporter::begin was not called")),
        }
    }

    fn finish(&mut self, _totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        let (mut suites, skip) = match self.suites.take() {
            Some(w) => (w, suites_writer()?.1),
            None => suites_writer()?,
        };
        suites.write_event(Event::End(BytesEnd::new("testsuites")))?;
        let mut head = Writer::new_with_indent(&mut *out, b' ', 2);
        head.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut start = BytesStart::new("testsuites");
        start.extend_attributes([
            ("name", "tenderlint"),
            ("tests", self.tests.to_string().as_str()),
            ("failures", self.failures.to_string().as_str()),
            ("errors", self.errors.to_string().as_str()),
        ]);
        head.write_event(Event::Start(start))?;
        suites.into_inner().copy_from(skip, out)?;
        writeln!(out)
    }
}

impl JunitReporter<'_> {
    fn cases<'f>(&self, d: &'f DocumentResult) -> Vec<Case<'f>> {
        let Ok(v) = &d.outcome else {
            return Vec::new();
        };
        let kind_of = |id: &str| self.rules.rule(id).map(|r| r.kind);
        let mut cases: Vec<Case<'f>> = CATEGORIES
            .iter()
            .map(|cat| Case {
                name: format!("category: {cat}"),
                failures: v
                    .findings
                    .iter()
                    .filter(|f| f.category == *cat && kind_of(&f.rule) == Some(RuleKind::Status))
                    .collect(),
                out: Some(category_out(v, cat)),
            })
            .collect();
        for r in finding_rules(self.rules) {
            if r.kind == RuleKind::Status {
                continue;
            }
            cases.push(Case {
                name: format!("{}: {}", r.id, r.title),
                failures: v.findings.iter().filter(|f| f.rule == r.id).collect(),
                out: None,
            });
        }
        cases
    }
}

fn category_out(v: &Verdict, cat: &str) -> String {
    let Some(c) = v.category(cat) else {
        return String::new();
    };
    let mut s = format!("{cat}: {}", c.status.as_str());
    if let Some(d) = &c.detail {
        s.push_str(&format!(" ({d})"));
    }
    for e in &c.evidence {
        s.push_str(&format!(
            "\n{}: \"{}\"",
            location_label(&e.location),
            e.quote
        ));
    }
    s
}

fn suite(w: &mut W, d: &DocumentResult, cases: &[Case<'_>]) -> io::Result<()> {
    let key = document_key(&d.path);
    let failures = cases.iter().filter(|c| !c.failures.is_empty()).count();
    let (tests, errors) = match &d.outcome {
        Ok(_) => (cases.len(), 0),
        Err(_) => (1, 1),
    };
    w.create_element("testsuite")
        .with_attributes([
            ("name", clean(&key).as_str()),
            ("tests", tests.to_string().as_str()),
            ("failures", failures.to_string().as_str()),
            ("errors", errors.to_string().as_str()),
            ("skipped", "0"),
        ])
        .write_inner_content(|w| {
            w.create_element("properties").write_inner_content(|w| {
                let props = [
                    ("format", d.format.map(|f| f.as_str().to_string())),
                    ("language", d.language.map(|l| l.as_str().to_string())),
                    ("pages", d.pages.map(|p| p.to_string())),
                ];
                for (name, value) in props {
                    if let Some(value) = value {
                        w.create_element("property")
                            .with_attributes([("name", name), ("value", value.as_str())])
                            .write_empty()?;
                    }
                }
                Ok(())
            })?;
            if let Err(e) = &d.outcome {
                w.create_element("testcase")
                    .with_attributes([
                        ("name", "read document"),
                        ("classname", clean(&key).as_str()),
                    ])
                    .write_inner_content(|w| {
                        w.create_element("error")
                            .with_attributes([
                                ("type", e.kind.as_str()),
                                ("message", clean(&e.message).as_str()),
                            ])
                            .write_text_content(BytesText::new(&clean(&format!(
                                "{}: cannot read ({}): {}",
                                d.path,
                                e.kind.as_str(),
                                e.message
                            ))))?;
                        Ok(())
                    })?;
            }
            for c in cases {
                case(w, &key, c)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn case(w: &mut W, key: &str, c: &Case<'_>) -> io::Result<()> {
    let start = w.create_element("testcase").with_attributes([
        ("name", clean(&c.name).as_str()),
        ("classname", clean(key).as_str()),
    ]);
    if c.failures.is_empty() && c.out.is_none() {
        start.write_empty()?;
        return Ok(());
    }
    start.write_inner_content(|w| {
        if let Some(first) = c.failures.first() {
            let worst = c
                .failures
                .iter()
                .map(|f| f.severity)
                .max()
                .unwrap_or(first.severity);
            let message = if c.failures.len() == 1 {
                first.message.clone()
            } else {
                format!(
                    "{} findings; the first: {}",
                    c.failures.len(),
                    first.message
                )
            };
            let body: Vec<String> = c.failures.iter().map(|f| finding_text(f)).collect();
            w.create_element("failure")
                .with_attributes([
                    ("type", worst.as_str()),
                    ("message", clean(&message).as_str()),
                ])
                .write_text_content(BytesText::new(&clean(&body.join("\n\n"))))?;
        }
        if let Some(out) = &c.out {
            w.create_element("system-out")
                .write_text_content(BytesText::new(&clean(out)))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn finding_text(f: &Finding) -> String {
    let mut s = format!("{} {}: {}", f.severity.as_str(), f.rule, f.message);
    if let Some(l) = &f.location {
        s.push_str(&format!("\nat: {}", location_label(l)));
    }
    if let Some(q) = &f.quote {
        s.push_str(&format!("\nquote: \"{q}\""));
    }
    if !f.help.is_empty() {
        s.push_str(&format!("\nhelp: {}", f.help));
    }
    s
}

/// Text XML 1.0 can carry: control characters other than tab, line feed and carriage return dropped.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\n"), "abc\td\n");
    }
}
