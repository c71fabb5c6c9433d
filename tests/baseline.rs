//! Baselines as a project uses them: record today's findings, report only new ones, keep known findings
//! suppressed when their text reflows or moves, drop fixed findings when recording again.

mod common;

use common::{json, root, tmp};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn run_in(dir: &Path, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.push("--no-config");
    common::run_in(dir, &all)
}

/// `check --format json --baseline baseline.json tenders` with `extra` options: its exit code and JSON.
fn check_against_baseline(dir: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["check", "--format", "json", "--baseline", "baseline.json"];
    args.extend_from_slice(extra);
    args.push("tenders");
    let out = run_in(dir, &args);
    (out.status.code(), json(&out))
}

fn rules(v: &Value) -> Vec<String> {
    v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn baseline_rules(dir: &Path) -> Vec<String> {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("baseline.json")).unwrap()).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// The sentence that gives the Council an obligation; without it, RESP-002 (one party only) fires.
const COUNCIL_DUTY: &str =
    "The Council shall pay each correct invoice within 30 days and shall give the Contractor access to the kitchen.";

fn catering() -> String {
    std::fs::read_to_string(root().join("fixtures/tenders/catering-en.md")).unwrap()
}

fn with_council_duty(text: &str) -> String {
    text.replacen(
        "## 2.3 Menus and prices",
        &format!("{COUNCIL_DUTY}\n\n## 2.3 Menus and prices"),
        1,
    )
}

#[test]
fn baseline_round_trip() {
    let dir = tmp("baseline");
    let tender = dir.join("tenders").join("catering.md");
    std::fs::create_dir_all(tender.parent().unwrap()).unwrap();
    std::fs::write(&tender, catering()).unwrap();

    // Record: sorted, deterministic, readable.
    let out = run_in(&dir, &["baseline", "baseline.json", "tenders"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("recorded"));
    let first = std::fs::read(dir.join("baseline.json")).unwrap();
    run_in(&dir, &["baseline", "baseline.json", "tenders"]);
    assert_eq!(first, std::fs::read(dir.join("baseline.json")).unwrap());
    let b: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(b["tenderlint_baseline"], 1);
    let entries = b["findings"].as_array().unwrap();
    assert!(entries.len() >= 4, "{b}");
    assert_eq!(entries[0]["document"], "tenders/catering.md");
    let keys: Vec<(String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["rule"].as_str().unwrap().to_string(),
                e["fingerprint"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(baseline_rules(&dir).contains(&"RESP-002".to_string()));
    let n = entries.len() as u64;

    // Check against it: nothing new, everything counted as suppressed, exit 0 even with --fail-on info.
    let (code, v) = check_against_baseline(&dir, &["--fail-on", "info"]);
    assert_eq!(code, Some(0));
    assert!(rules(&v).is_empty(), "{:?}", rules(&v));
    assert_eq!(v["suppressed"], n);
    let human = run_in(&dir, &["check", "--baseline", "baseline.json", "tenders"]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains(&format!("{n} known findings suppressed by the baseline")),
        "{text}"
    );
    let sarif = json(&run_in(
        &dir,
        &[
            "check",
            "--format",
            "sarif",
            "--baseline",
            "baseline.json",
            "tenders",
        ],
    ));
    assert_eq!(sarif["runs"][0]["properties"]["suppressedByBaseline"], n);
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 0);

    // Reflow every paragraph and move everything down: still suppressed.
    let reflowed = format!(
        "A new opening paragraph.\n\n{}",
        catering().replace(". ", ".\n")
    );
    std::fs::write(&tender, reflowed).unwrap();
    let (_, v) = check_against_baseline(&dir, &[]);
    assert!(rules(&v).is_empty(), "{:?}", rules(&v));
    assert_eq!(v["suppressed"], n);

    // Fix a finding (give the Council a duty) and record again: RESP-002 leaves the baseline.
    std::fs::write(&tender, with_council_duty(&catering())).unwrap();
    let v = json(&run_in(&dir, &["check", "--format", "json", "tenders"]));
    assert!(
        !rules(&v).contains(&"RESP-002".to_string()),
        "{:?}",
        rules(&v)
    );
    run_in(&dir, &["baseline", "baseline.json", "tenders"]);
    assert!(!baseline_rules(&dir).contains(&"RESP-002".to_string()));

    // Remove the duty again: RESP-002 is new, reported, and fails the run at --fail-on warning.
    std::fs::write(&tender, catering()).unwrap();
    let (code, v) = check_against_baseline(&dir, &["--fail-on", "warning"]);
    assert_eq!(code, Some(1));
    assert_eq!(rules(&v), ["RESP-002"]);
    assert_eq!(v["suppressed"], n - 1);
}

#[test]
fn a_missing_or_invalid_baseline_is_an_error_naming_the_file() {
    let out = run_in(
        &root(),
        &[
            "check",
            "--baseline",
            "no-such-baseline.json",
            "fixtures/tenders/catering-en.md",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-baseline.json"));
    let dir = tmp("baseline-bad");
    std::fs::write(dir.join("b.json"), "{\"findings\": 3}").unwrap();
    let out = run_in(&dir, &["check", "--baseline", "b.json", "."]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.json: not a tenderlint baseline"), "{err}");
}
