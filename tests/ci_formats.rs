//! The CI output formats on the fixtures, as a CI system reads them: SARIF validated against the
//! official schema, JUnit parsed back, GitHub workflow commands and Markdown tables, and fingerprints that
//! stay the same across runs and when the text reflows or moves.

mod common;

use common::{root, stdout, tmp};
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

/// Runs tenderlint in `dir` without any configuration file.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.push("--no-config");
    common::run_in(dir, &all)
}

fn sarif(dir: &Path, paths: &[&str]) -> Value {
    let mut args = vec!["check", "--format", "sarif"];
    args.extend_from_slice(paths);
    let out = run_in(dir, &args);
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

fn schema_errors(instance: &Value) -> Vec<String> {
    let schema_path = root().join("../shared/schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(&schema_path).expect("the SARIF schema in ../shared/schemas"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::draft4::new(&schema).expect("the schema compiles offline");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_validates_against_the_schema_and_describes_rules_and_results() {
    let v = sarif(&root(), &["fixtures/"]);
    let errors = schema_errors(&v);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"PROG-001") && ids.contains(&"RESP-002"),
        "{ids:?}"
    );
    assert!(
        !ids.iter().any(|i| i.contains("-E0")),
        "evidence rules raise no results"
    );
    let prog001 = &rules[ids.iter().position(|i| *i == "PROG-001").unwrap()];
    assert_eq!(prog001["defaultConfiguration"]["level"], "error");
    for key in ["name", "shortDescription", "fullDescription", "help"] {
        assert!(!prog001[key].is_null(), "rule lacks {key}");
    }
    assert!(prog001["help"]["markdown"]
        .as_str()
        .unwrap()
        .contains("**Write instead.**"));
    let results = run["results"].as_array().unwrap();
    assert!(results.len() > 20);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("fixtures/"), "{uri}");
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
        assert_eq!(
            r["partialFingerprints"]["tenderlint/v1"]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }
    // catering-en.md: the Council has only rights (RESP-002, a warning), quoted with its lines.
    let resp = results
        .iter()
        .find(|r| {
            r["ruleId"] == "RESP-002"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "fixtures/tenders/catering-en.md"
        })
        .expect("RESP-002 on catering-en.md");
    assert_eq!(resp["level"], "warning");
    let loc = &resp["locations"][0];
    assert!(
        loc["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            > 1
    );
    assert!(!loc["physicalLocation"]["region"]["snippet"]["text"]
        .as_str()
        .unwrap()
        .is_empty());
    assert_eq!(loc["logicalLocations"][0]["kind"], "section");
    assert!(loc["properties"]["section"].is_array());
    // A PDF has pages, not lines: the page is in the properties and there is no region.
    let pdf = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(".pdf")
                && r["locations"][0]["properties"]["page"].is_u64()
        })
        .expect("a PDF finding with a page");
    assert!(pdf["locations"][0]["physicalLocation"]["region"].is_null());
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_reports_unreadable_files_as_notifications_and_encodes_uris() {
    let dir = tmp("sarif-unreadable");
    std::fs::write(
        dir.join("oud bestek #2.docx"),
        [0xD0u8, 0xCF, 0x11, 0xE0, 0, 0],
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/tenders/catering-en.md"),
        dir.join("catering é.md"),
    )
    .unwrap();
    let v = sarif(&dir, &["."]);
    assert!(schema_errors(&v).is_empty(), "{:#?}", schema_errors(&v));
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "oud%20bestek%20%232.docx"
    );
    assert!(n["message"]["text"]
        .as_str()
        .unwrap()
        .contains("unsupported"));
    let uris: BTreeSet<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(
        uris.into_iter().collect::<Vec<_>>(),
        ["catering%20%C3%A9.md"]
    );
}

fn fingerprints(v: &Value) -> BTreeSet<(String, String)> {
    v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["tenderlint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

/// The document with every plain paragraph line wrapped at about 40 columns and a new paragraph put
/// before the first heading, so that every quote reflows and every paragraph number moves.
fn reflowed(text: &str) -> String {
    let mut out = String::from("An extra opening paragraph that moves everything down.\n\n");
    for line in text.lines() {
        let plain = line.chars().next().is_some_and(|c| c.is_alphanumeric());
        if !plain || line.len() < 50 {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut width = 0;
        for word in line.split(' ') {
            if width > 40 {
                out.push('\n');
                width = 0;
            } else if width > 0 {
                out.push(' ');
            }
            out.push_str(word);
            width += word.len() + 1;
        }
        out.push('\n');
    }
    out
}

#[test]
fn fingerprints_are_stable_across_runs_and_reflowed_text() {
    let dir = tmp("fingerprints");
    let original = std::fs::read_to_string(root().join("fixtures/tenders/catering-en.md")).unwrap();
    std::fs::write(dir.join("tender.md"), &original).unwrap();
    let first = sarif(&dir, &["tender.md"]);
    let second = sarif(&dir, &["tender.md"]);
    assert_eq!(first, second, "two runs give the same SARIF");
    let before = fingerprints(&first);
    assert!(before.len() >= 3, "{before:?}");
    std::fs::write(dir.join("tender.md"), reflowed(&original)).unwrap();
    let after_v = sarif(&dir, &["tender.md"]);
    assert_eq!(before, fingerprints(&after_v));
    // The findings really moved: their paragraph numbers changed.
    let paragraphs = |v: &Value| -> Vec<Value> {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["locations"][0]["properties"]["paragraph"].clone())
            .collect()
    };
    assert_ne!(paragraphs(&first), paragraphs(&after_v));
}

#[test]
fn junit_has_a_suite_per_document_and_parses_back() {
    let dir = tmp("junit");
    std::fs::copy(
        root().join("fixtures/tenders/catering-en.md"),
        dir.join("catering.md"),
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/tenders/jeugdhulp-nl.md"),
        dir.join("R&D \"jeugd\" <2024>.md"),
    )
    .unwrap();
    std::fs::write(dir.join("kapot.docx"), b"PK\x03\x04 <&> not a zip").unwrap();
    let out = run_in(&dir, &["check", "--format", "junit", "."]);
    assert_eq!(out.status.code(), Some(2));
    let xml = stdout(&out);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut suites, mut cases, mut failures, mut errors) = (Vec::new(), 0, 0, 0);
    let mut totals = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name).unwrap().map(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .to_string()
                    })
                };
                match e.name().as_ref() {
                    "testsuites" => {
                        totals = Some((attr("tests"), attr("failures"), attr("errors")))
                    }
                    "testsuite" => suites.push(attr("name").unwrap()),
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    "error" => errors += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(
        suites,
        ["R&D \"jeugd\" <2024>.md", "catering.md", "kapot.docx"],
        "names are escaped and read back"
    );
    assert_eq!(errors, 1);
    let (tests, fails, errs) = totals.unwrap();
    assert_eq!(tests.unwrap(), cases.to_string());
    assert_eq!(fails.unwrap(), failures.to_string());
    assert_eq!(errs.unwrap(), "1");
    // catering: goals and collaboration only mentioned (two category failures), and RESP-002, PROG-007
    // and DOC-003 each fail once.
    assert!(xml.contains("name=\"category: goals\""));
    assert!(xml.contains("name=\"RESP-002: "), "{xml}");
    assert!(failures >= 5, "{failures}");
}

#[test]
fn github_annotations_are_exact_workflow_commands() {
    let dir = tmp("github");
    std::fs::write(
        dir.join("bestek.md"),
        "# 1 Inleiding\n\nDe gemeente wil de dienstverlening verbeteren, 100% klanttevredenheid: dat is het doel.\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--format", "github", "bestek.md"]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty());
    for l in &lines {
        assert!(
            l.starts_with("::error file=bestek.md")
                || l.starts_with("::warning file=bestek.md")
                || l.starts_with("::notice file=bestek.md"),
            "{l}"
        );
        assert!(!l.contains('\r'));
    }
    // Collaboration is absent: an error on the document, without lines (there is no quote).
    let coll = lines
        .iter()
        .find(|l| l.contains("title=COLL-001"))
        .expect("COLL-001: collaboration absent");
    assert_eq!(
        *coll,
        "::error file=bestek.md,title=COLL-001::The tender has no collaboration arrangements: no meetings, \
         contract managers or escalation path (searched 1 section, 2 paragraphs).%0AWrite instead: Describe the \
         governance: 'Partijen voeren maandelijks voortgangsoverleg (projectleiders) en elk kwartaal \
         contractoverleg (contractmanagers)' / 'A contract management meeting shall be held monthly; a steering \
         committee meets quarterly'."
    );
    // Goals only in the introduction: a warning at the quote's line, the section in the title, % escaped.
    let goal = lines
        .iter()
        .find(|l| l.contains("title=GOAL-001"))
        .expect("GOAL-001: goals only mentioned");
    assert!(
        goal.starts_with(
            "::warning file=bestek.md,line=3,endLine=3,title=GOAL-001 (§ 1 Inleiding)::Goals are mentioned \
             but not embedded: no objective is stated in a binding part with a target, date or explicit list.\
             %0A\"De gemeente wil de dienstverlening verbeteren, 100%25 klanttevredenheid: dat is het doel.\"\
             %0AWrite instead: "
        ),
        "{goal}"
    );
}

#[test]
fn github_annotations_for_a_pdf_carry_the_page_in_the_title() {
    let out = run_in(
        &root(),
        &[
            "check",
            "--format",
            "github",
            "fixtures/formats/ict-support-en.pdf",
        ],
    );
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l.starts_with(
            "::warning file=fixtures/formats/ict-support-en.pdf,title=DOC-002 (p. 2%2C § 3.1 Service levels)::\
             The progress measures are deferred"
        )),
        "{text}"
    );
    assert!(
        !text.contains(",line="),
        "a PDF has pages, not lines: {text}"
    );
}

#[test]
fn markdown_summary_has_an_overview_row_and_finding_rows() {
    let out = run_in(
        &root(),
        &[
            "check",
            "--format",
            "markdown",
            "fixtures/tenders/catering-en.md",
        ],
    );
    let md = stdout(&out);
    assert!(md.starts_with("## tenderlint report\n"), "{md}");
    assert!(md.contains(
        "| document | goals | responsibilities | progress | collaboration | findings |\n|---|---|---|---|---|---|\n"
    ));
    assert!(
        md.contains("| `fixtures/tenders/catering-en.md` | 🟡 mentioned (hedged) | ✅ embedded | ✅ embedded | 🟡 mentioned (hedged) |"),
        "{md}"
    );
    assert!(md.contains("| severity | rule | message | where |"));
    assert!(md.contains("| ⚠️ warning | `RESP-002` |"), "{md}");
    assert!(md.trim_end().ends_with("**"), "ends with the summary line");
}

#[test]
fn every_format_is_identical_whatever_the_thread_count() {
    for format in ["sarif", "junit", "github", "markdown"] {
        let one = run_in(
            &root(),
            &["check", "--format", format, "-j", "1", "fixtures/"],
        );
        let two = run_in(
            &root(),
            &["check", "--format", format, "-j", "2", "fixtures/"],
        );
        assert!(!one.stdout.is_empty(), "{format}");
        assert_eq!(one.stdout, two.stdout, "{format}");
    }
}

/// JSON and SARIF are written piecewise as documents finish; the bytes must be what a pretty printer
/// gives for the whole value (valid JSON, two-space indent, nothing doubled or lost at the seams), with
/// and without unreadable files, and with no documents at all.
#[test]
fn streamed_json_and_sarif_are_canonical_pretty_json() {
    let dir = tmp("streamed");
    std::fs::copy(
        root().join("fixtures/tenders/catering-en.md"),
        dir.join("a.md"),
    )
    .expect("copy fixture");
    std::fs::write(dir.join("b.pdf"), b"").expect("write empty file");
    std::fs::create_dir_all(dir.join("none")).expect("empty folder");
    let base = root();
    let cases: [(&Path, &str); 3] = [(&base, "fixtures"), (&dir, "."), (&dir, "none")];
    for (cwd, target) in cases {
        for format in ["json", "sarif"] {
            let out = run_in(cwd, &["check", "--format", format, target]);
            let text = String::from_utf8(out.stdout.clone()).expect("UTF-8");
            let value: Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{format} of {target}: not JSON ({e}):\n{text}"));
            let pretty = serde_json::to_string_pretty(&value).expect("print") + "\n";
            assert_eq!(text, pretty, "{format} of {target}");
        }
    }
}
