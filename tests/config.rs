//! The configuration file and rule control as a project uses them: `tenderlint.toml` found upwards,
//! flags over the file over the defaults (fail_on, lang, disable, severity, limits), errors that name
//! the file, the line and the key, and `tenderlint init`.

mod common;

use common::{json, root, run_in, stderr, tmp};
use serde_json::Value;
use std::path::PathBuf;

/// A project folder with the catering tender (warnings and info findings, no errors) and a configuration.
fn project(name: &str, config: &str) -> PathBuf {
    let dir = tmp(&format!("config-{name}"));
    std::fs::copy(
        root().join("fixtures/tenders/catering-en.md"),
        dir.join("catering.md"),
    )
    .unwrap();
    std::fs::write(dir.join("tenderlint.toml"), config).unwrap();
    dir
}

fn rules_of(v: &Value) -> Vec<(String, String)> {
    v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(v: &Value, rule: &str) -> Option<String> {
    rules_of(v)
        .into_iter()
        .find(|(r, _)| r == rule)
        .map(|(_, s)| s)
}

#[test]
fn fail_on_flag_overrides_the_file_which_overrides_the_default() {
    let dir = project("fail-on", "fail_on = \"warning\"\n");
    assert_eq!(
        run_in(&dir, &["check", "catering.md"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run_in(&dir, &["check", "--fail-on", "never", "catering.md"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run_in(&dir, &["check", "--no-config", "catering.md"])
            .status
            .code(),
        Some(0),
        "the default is error, and the tender has no errors"
    );
    // The file is found from a subdirectory too.
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    assert_eq!(
        run_in(&dir.join("sub"), &["check", "../catering.md"])
            .status
            .code(),
        Some(1)
    );
    // --config FILE reads another file.
    std::fs::write(dir.join("other.toml"), "fail_on = \"never\"\n").unwrap();
    assert_eq!(
        run_in(&dir, &["check", "--config", "other.toml", "catering.md"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn lang_flag_overrides_the_file() {
    let dir = project("lang", "lang = \"nl\"\n");
    let v = json(&run_in(&dir, &["check", "--format", "json", "catering.md"]));
    assert_eq!(v["documents"][0]["language"], "nl");
    let v = json(&run_in(
        &dir,
        &["check", "--format", "json", "--lang", "auto", "catering.md"],
    ));
    assert_eq!(v["documents"][0]["language"], "en");
}

#[test]
fn disable_and_severity_change_every_format_and_the_exit_code() {
    let plain = project("rules-plain", "");
    let v = json(&run_in(
        &plain,
        &["check", "--format", "json", "catering.md"],
    ));
    assert_eq!(has(&v, "RESP-002").as_deref(), Some("warning"));
    assert!(has(&v, "PROG-007").is_some());

    let dir = project(
        "rules",
        "disable = [\"PROG-007\"]\n\n[severity]\n\"RESP-002\" = \"error\"\n",
    );
    let out = run_in(&dir, &["check", "--format", "json", "catering.md"]);
    assert_eq!(out.status.code(), Some(1), "RESP-002 is an error now");
    let v = json(&out);
    assert_eq!(has(&v, "RESP-002").as_deref(), Some("error"));
    assert_eq!(has(&v, "PROG-007"), None);
    let sarif = json(&run_in(
        &dir,
        &["check", "--format", "sarif", "catering.md"],
    ));
    let run = &sarif["runs"][0];
    let results = run["results"].as_array().unwrap();
    let resp = results.iter().find(|r| r["ruleId"] == "RESP-002").unwrap();
    assert_eq!(resp["level"], "error");
    assert!(results.iter().all(|r| r["ruleId"] != "PROG-007"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["id"] != "PROG-007"));
    let github = run_in(&dir, &["check", "--format", "github", "catering.md"]);
    let text = String::from_utf8(github.stdout).unwrap();
    assert!(text.contains("::error file=catering.md,line="), "{text}");
    assert!(!text.contains("PROG-007"));

    // `tenderlint rules` lists the rules as a check runs them.
    let listing = String::from_utf8(run_in(&dir, &["rules"]).stdout).unwrap();
    let row = |id: &str| {
        listing
            .lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_default()
            .split_whitespace()
            .nth(2)
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(row("PROG-007"), "off", "{listing}");
    assert_eq!(row("RESP-002"), "error", "{listing}");
    assert_eq!(row("PROG-002"), "warning", "{listing}");

    // Flags: --severity wins over the file for that rule; --disable adds to the file's list.
    let out = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--severity",
            "RESP-002=info",
            "--disable",
            "GOAL-001",
            "catering.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(has(&v, "RESP-002").as_deref(), Some("info"));
    assert_eq!(has(&v, "GOAL-001"), None);
    assert_eq!(has(&v, "PROG-007"), None);
}

#[test]
fn select_keeps_only_the_selected_finding_rules() {
    let dir = project("select", "select = [\"RESP\"]\n");
    let v = json(&run_in(&dir, &["check", "--format", "json", "catering.md"]));
    let rules: Vec<String> = rules_of(&v).into_iter().map(|(r, _)| r).collect();
    assert_eq!(rules, ["RESP-002"]);
    assert_eq!(
        v["documents"][0]["categories"]["progress"]["status"], "embedded",
        "evidence rules stay"
    );
    // --select replaces the file's selection.
    let v = json(&run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "PROG-007",
            "catering.md",
        ],
    ));
    let rules: Vec<String> = rules_of(&v).into_iter().map(|(r, _)| r).collect();
    assert_eq!(rules, ["PROG-007"]);
    let dir = project("select-unknown", "select = [\"PROGRESS\"]\n");
    let out = run_in(&dir, &["check", "catering.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("tenderlint.toml:1: select: unknown rule `PROGRESS`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_disabled_evidence_rule_no_longer_counts() {
    let dir = project("evidence", "");
    let v = json(&run_in(&dir, &["check", "--format", "json", "catering.md"]));
    let status = &v["documents"][0]["categories"]["progress"];
    assert_eq!(status["status"], "embedded");
    let used: Vec<String> = status["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap().to_string())
        .collect();
    let mut args = vec!["check", "--format", "json"];
    for id in &used {
        args.push("--disable");
        args.push(id);
    }
    args.push("catering.md");
    let v = json(&run_in(&dir, &args));
    let after = &v["documents"][0]["categories"]["progress"];
    assert!(
        after["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !used.contains(&e["rule"].as_str().unwrap().to_string())),
        "{after}"
    );
}

#[test]
fn limits_flag_overrides_the_file() {
    let dir = project("limits", "[limits]\nmax_chars = 100\n");
    let out = run_in(&dir, &["check", "--format", "json", "catering.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["documents"][0]["error"]["kind"], "too_large");
    let out = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--max-chars",
            "1000000",
            "catering.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn config_errors_name_file_line_and_key() {
    let dir = project("unknown-key", "lang = \"en\"\nfail-on = \"warning\"\n");
    let out = run_in(&dir, &["check", "catering.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("tenderlint.toml:2: unknown key `fail-on`; did you mean `fail_on`?"),
        "{}",
        stderr(&out)
    );
    let dir = project("nested-key", "[limits]\nmax_pages = 10\nmax_pagez = 3\n");
    let out = run_in(&dir, &["check", "catering.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("tenderlint.toml:3: unknown key `max_pagez`; did you mean `max_pages`?"),
        "{}",
        stderr(&out)
    );
    let dir = project(
        "unknown-rule",
        "\ndisable = [\"GOAL-001\", \"RESP-0002\"]\n",
    );
    let out = run_in(&dir, &["check", "catering.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "tenderlint.toml:2: disable: unknown rule `RESP-0002`; did you mean `RESP-002`?"
        ),
        "{}",
        stderr(&out)
    );
    let dir = project(
        "unknown-severity-rule",
        "[severity]\n\"NOPE-1\" = \"info\"\n",
    );
    let out = run_in(&dir, &["check", "catering.md"]);
    assert!(
        stderr(&out).contains("tenderlint.toml:2: severity: unknown rule `NOPE-1`"),
        "{}",
        stderr(&out)
    );
    let dir = project("bad-value", "fail_on = \"critical\"\n");
    let out = run_in(&dir, &["check", "catering.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("tenderlint.toml:1: `critical` is not one of"),
        "{}",
        stderr(&out)
    );
    let out = run_in(
        &dir,
        &["check", "--disable", "XYZ-9", "--no-config", "catering.md"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--disable: disable: unknown rule `XYZ-9`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_writes_a_starter_file_and_does_not_overwrite() {
    let dir = project("init", "");
    std::fs::remove_file(dir.join("tenderlint.toml")).unwrap();
    let out = run_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.join("tenderlint.toml")).unwrap();
    assert!(text.contains("fail_on = \"error\"") && text.contains("[limits]"));
    let out = run_in(&dir, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(run_in(&dir, &["init", "--force"]).status.code(), Some(0));
    // The starter file is a valid configuration.
    assert_eq!(
        run_in(&dir, &["check", "catering.md"]).status.code(),
        Some(0)
    );
}
