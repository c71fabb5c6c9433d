//! The same tender text must get the same verdict whatever its format, and text that is not part of the
//! document (tracked deletions) must never count.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

fn check_json(files: &[PathBuf]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tenderlint"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .args(files)
        .output()
        .expect("run tenderlint");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn verdicts(doc: &Value) -> Vec<(String, String)> {
    ["goals", "responsibilities", "progress", "collaboration"]
        .iter()
        .map(|c| {
            let v = &doc["categories"][c];
            (
                v["status"].as_str().unwrap_or("?").to_string(),
                v["detail"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn same_verdict_in_every_format(stem: &str, expected: [(&str, &str); 4]) {
    let files: Vec<PathBuf> = ["md", "docx", "odt", "pdf"]
        .iter()
        .map(|e| fixture(&format!("formats/{stem}.{e}")))
        .collect();
    let v = check_json(&files);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(s, d)| (s.to_string(), d.to_string()))
        .collect();
    for d in v["documents"].as_array().unwrap() {
        assert_eq!(d["status"], "ok", "{}: {}", d["path"], d["error"]);
        assert_eq!(verdicts(d), expected, "{}", d["path"]);
    }
    let formats: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["markdown", "docx", "odt", "pdf"]);
}

#[test]
fn dutch_cleaning_tender_same_in_md_docx_odt_pdf() {
    same_verdict_in_every_format(
        "schoonmaak-nl",
        [
            ("mentioned", "background"),
            ("embedded", ""),
            ("embedded", ""),
            ("mentioned", "hedged"),
        ],
    );
}

#[test]
fn english_ict_tender_same_in_md_docx_odt_pdf() {
    same_verdict_in_every_format(
        "ict-support-en",
        [
            ("embedded", ""),
            ("embedded", ""),
            ("mentioned", "deferred"),
            ("embedded", ""),
        ],
    );
}

#[test]
fn tracked_deletion_is_not_counted() {
    let f = fixture("tenders/werkplekbeheer-nl.docx");
    let v = check_json(std::slice::from_ref(&f));
    let d = &v["documents"][0];
    // The only strong KPI clause is a tracked deletion; what remains is the inserted deferral.
    assert_eq!(d["categories"]["progress"]["status"], "mentioned");
    assert_eq!(d["categories"]["progress"]["detail"], "deferred");
    assert_eq!(d["categories"]["goals"]["status"], "embedded");
    let rules: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"DOC-002"), "{rules:?}");
    // The text tenderlint reads has the inserted "10 werkdagen", not the deleted "5" glued to it.
    let out = Command::new(env!("CARGO_BIN_EXE_tenderlint"))
        .args(["extract"])
        .arg(&f)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("beoordeelt het migratieplan binnen 10 werkdagen na ontvangst"),
        "{text}"
    );
    assert!(
        !text.contains("binnen 510") && !text.contains("binnen 5 10"),
        "deleted text leaked:\n{text}"
    );
    // The deleted KPI table (header KPI | Norm | Frequentie) is gone.
    assert!(
        !text.contains("[table r0 c1] Norm"),
        "deleted table leaked:\n{text}"
    );
    assert!(
        text.contains("nader bepaald"),
        "the tracked insertion is document text"
    );
}
