//! The command line as an officer or a CI pipeline uses it: exit codes, the JSON contract, errors that name
//! the file and the cause, determinism across thread counts, and the rule documentation commands.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tenderlint"));
    c.env_remove("NO_COLOR");
    c
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus(name: &str) -> PathBuf {
    root().join("../shared/corpus/files").join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run tenderlint")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tenderlint-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn json_report_follows_the_contract() {
    let f = corpus("18F_bugbounty2018_QASP.md");
    let out = run(&["check", "--format", "json", f.to_str().unwrap()]);
    let v = json(&out);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["tool"]["name"], "tenderlint");
    let d = &v["documents"][0];
    assert_eq!(d["path"], f.to_str().unwrap());
    assert_eq!(d["format"], "markdown");
    assert_eq!(d["language"], "en");
    assert_eq!(d["status"], "ok");
    assert!(d["error"].is_null());
    for c in ["goals", "responsibilities", "progress", "collaboration"] {
        let s = d["categories"][c]["status"].as_str().expect("status");
        assert!(["embedded", "mentioned", "absent"].contains(&s), "{c}: {s}");
        for e in d["categories"][c]["evidence"].as_array().expect("evidence") {
            assert!(e["quote"].as_str().is_some_and(|q| !q.is_empty()));
            assert!(e["location"]["paragraph"].as_u64().is_some());
            assert!(e["location"]["section"].is_array());
        }
    }
    // The QASP's performance requirements matrix (an HTML table) is the progress evidence.
    assert_eq!(d["categories"]["progress"]["status"], "embedded");
    let ev = d["categories"]["progress"]["evidence"].as_array().unwrap();
    assert!(
        ev.iter()
            .any(|e| e["quote"].as_str().unwrap().contains("95%")),
        "{ev:?}"
    );
    assert_eq!(d["categories"]["responsibilities"]["status"], "embedded");
    for f in d["findings"].as_array().unwrap() {
        for key in ["rule", "category", "severity", "message", "help"] {
            assert!(
                f[key].as_str().is_some_and(|s| !s.is_empty()),
                "finding without {key}: {f}"
            );
        }
    }
    let s = &v["summary"];
    assert_eq!(s["documents"], 1);
    assert_eq!(s["unreadable"], 0);
    let errors = s["findings"]["error"].as_u64().unwrap();
    assert_eq!(out.status.code(), Some(if errors > 0 { 1 } else { 0 }));
}

#[test]
fn exit_codes_follow_fail_on() {
    // A background-only tender: every category at most mentioned, so warnings but no errors.
    let dir = tmp("failon");
    let f = dir.join("intro.md");
    std::fs::write(
        &f,
        "# Inleiding\n\nOpdrachtnemer rapporteert maandelijks over de KPI's. Partijen voeren maandelijks overleg. \
         Opdrachtnemer draagt zorg voor de schoonmaak. De doelstelling is 30% minder klachten in 2027.\n",
    )
    .unwrap();
    let p = f.to_str().unwrap();
    let v = json(&run(&["check", "--format", "json", p]));
    for c in ["goals", "responsibilities", "progress", "collaboration"] {
        assert_eq!(
            v["documents"][0]["categories"][c]["status"], "mentioned",
            "{c}"
        );
        assert_eq!(
            v["documents"][0]["categories"][c]["detail"], "background",
            "{c}"
        );
    }
    assert_eq!(run(&["check", p]).status.code(), Some(0));
    assert_eq!(
        run(&["check", "--fail-on", "warning", p]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", "--fail-on", "never", p]).status.code(),
        Some(0)
    );
    // Nothing at all: absent → errors → exit 1.
    let empty = dir.join("empty.md");
    std::fs::write(&empty, "# Prijsblad\n\nDe prijs is vast.\n").unwrap();
    let out = run(&["check", "--format", "json", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["summary"]["findings"]["error"], 4);
}

#[test]
fn unreadable_files_are_errors_that_name_file_and_cause() {
    let dir = tmp("unreadable");
    let bin_file = dir.join("scan.docx");
    std::fs::write(&bin_file, [0xD0u8, 0xCF, 0x11, 0xE0, 0, 1, 2, 3, 0, 0]).unwrap();
    let good = dir.join("good.md");
    std::fs::write(
        &good,
        "The Contractor shall submit a monthly status report.\n",
    )
    .unwrap();
    let missing = dir.join("missing.pdf");
    let out = run(&[
        "check",
        "--format",
        "json",
        bin_file.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["status"], "error");
    assert_eq!(docs[0]["error"]["kind"], "unsupported");
    assert!(docs[0]["categories"].is_null());
    assert_eq!(docs[0]["findings"], serde_json::json!([]));
    assert_eq!(docs[1]["error"]["kind"], "io");
    assert_eq!(docs[2]["status"], "ok", "the other files are still checked");
    assert_eq!(v["summary"]["unreadable"], 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("scan.docx") && stderr.contains("unsupported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.pdf") && stderr.contains("io"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn directories_are_walked_and_unsupported_files_skipped() {
    let dir = tmp("walk");
    std::fs::create_dir_all(dir.join("b")).unwrap();
    std::fs::write(
        dir.join("b/z.md"),
        "Opdrachtnemer rapporteert maandelijks.\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "The Contractor shall report monthly.\n").unwrap();
    std::fs::write(dir.join("image.png"), [0x89u8, b'P', b'N', b'G', 0, 0]).unwrap();
    std::fs::write(dir.join("notes.xlsx"), b"PK\x03\x04junk").unwrap();
    let out = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    let v = json(&out);
    let paths: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("a.txt") && paths[1].ends_with("z.md"),
        "{paths:?}"
    );
    assert_eq!(v["documents"][0]["format"], "text");
    assert_eq!(v["documents"][1]["language"], "nl");
    assert_ne!(out.status.code(), Some(2), "skipped files are not errors");
    // The same unsupported file named explicitly is an error.
    let out = run(&["check", dir.join("image.png").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    // A file that claims to be a document but is not (an old binary .doc saved as .docx) is reported,
    // not skipped.
    std::fs::write(
        dir.join("bestek.docx"),
        [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    )
    .unwrap();
    let out = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let bad: Vec<&Value> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "error")
        .collect();
    assert_eq!(bad.len(), 1);
    assert!(bad[0]["path"].as_str().unwrap().ends_with("bestek.docx"));
    assert_eq!(bad[0]["error"]["kind"], "unsupported");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = root().join("../shared/corpus/files");
    let one = run(&[
        "check",
        "--format",
        "json",
        "--jobs",
        "1",
        dir.to_str().unwrap(),
    ]);
    let two = run(&[
        "check",
        "--format",
        "json",
        "--jobs",
        "2",
        dir.to_str().unwrap(),
    ]);
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, two.stdout);
    let h1 = run(&["check", "--jobs", "1", dir.to_str().unwrap()]);
    let h3 = run(&["check", "--jobs", "3", dir.to_str().unwrap()]);
    assert_eq!(h1.stdout, h3.stdout);
    assert_eq!(one.status.code(), two.status.code());
}

#[test]
fn human_report_has_no_colour_when_piped_and_shows_findings() {
    let f = corpus("18F_acqtpl_micropurchase_sow.md");
    let out = run(&["check", f.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "ANSI escapes in piped output");
    assert!(text.contains("goals") && text.contains("collaboration"));
    assert!(text.contains("COLL-001"), "{text}");
    assert!(text.contains("help:"));
    assert!(text.contains("1 document checked"), "{text}");
}

#[test]
fn output_file_and_lang_override() {
    let dir = tmp("output");
    let f = dir.join("t.md");
    std::fs::write(
        &f,
        "Opdrachtnemer rapporteert maandelijks over de voortgang.\n",
    )
    .unwrap();
    let report = dir.join("report.json");
    let out = run(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "-o",
        report.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    assert!(out.stdout.is_empty());
    let v: Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(v["documents"][0]["language"], "en");
}

#[test]
fn invalid_rule_pack_names_file_rule_and_field() {
    let dir = tmp("pack");
    std::fs::write(
        dir.join("kpi.toml"),
        r#"
[[rule]]
id = "KPI-001"
kind = "absence"
category = "progress"
severity = "warning"
title = "t"
message = "m"
help.what = "w"
help.why = "w"
help.fix = "f"
[rule.match]
all = ["progress-core", "frequncy"]
"#,
    )
    .unwrap();
    let f = corpus("18F_ckan_QASP.md");
    let out = run(&[
        "check",
        "--rules",
        dir.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("kpi.toml")
            && err.contains("KPI-001")
            && err.contains("match.all[1]")
            && err.contains("frequncy"),
        "{err}"
    );

    std::fs::write(
        dir.join("kpi.toml"),
        "[[rule]]\nid = \"KPI-002\"\nkind = \"sometimes\"\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        "--rules",
        dir.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("kpi.toml") && err.contains("KPI-002") && err.contains("sometimes"),
        "{err}"
    );
}

#[test]
fn an_extra_rule_pack_adds_findings() {
    let dir = tmp("extra");
    std::fs::write(
        dir.join("social.toml"),
        r#"
[lexicon.social-return]
nl = ['social return', 'sroi']
en = ['social value', 'social return']

[[rule]]
id = "SOC-001"
kind = "existence"
category = "goals"
severity = "info"
title = "Social return mentioned"
since = "0.1.0"
message = "Social return is mentioned here."
help.what = "w"
help.why = "w"
help.fix = "f"
[rule.match]
all = ["social-return"]
"#,
    )
    .unwrap();
    let t = tmp("extra-doc").join("t.md");
    std::fs::write(
        &t,
        "De opdrachtnemer levert een bijdrage aan social return van 5%.\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        "--format",
        "json",
        "--rules",
        dir.to_str().unwrap(),
        t.to_str().unwrap(),
    ]);
    let v = json(&out);
    let rules: Vec<&str> = v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"SOC-001"), "{rules:?}");
}

#[test]
fn rules_and_explain_document_the_pack() {
    let out = run(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for id in ["GOAL-001", "RESP-002", "PROG-007", "COLL-003", "DOC-001"] {
        assert!(text.contains(id), "{id} missing from `tenderlint rules`");
    }
    let out = run(&["explain", "prog-007"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for part in [
        "PROG-007",
        "What it checks",
        "Why it matters",
        "Write instead",
        "(NL)",
        "(EN)",
        "verbeterplan",
    ] {
        assert!(text.contains(part), "explain lacks {part}:\n{text}");
    }
    let out = run(&["explain", "NOPE-999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOPE-999"));
}

#[test]
fn extract_prints_blocks_and_json_locations() {
    let f = corpus("NL_vng_overeenkomst_wmo.md");
    let out = run(&["extract", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with("# ")),
        "headings are marked"
    );
    let out = run(&["extract", "--format", "json", f.to_str().unwrap()]);
    let v = json(&out);
    assert_eq!(v["language"], "nl");
    let blocks = v["blocks"].as_array().unwrap();
    assert!(blocks.len() > 50);
    assert!(blocks
        .iter()
        .any(|b| b["kind"] == "heading" && b["level"].as_u64().is_some()));
    assert!(blocks
        .iter()
        .all(|b| b["location"]["paragraph"].as_u64().is_some()));
}

#[test]
fn help_reads_well() {
    let out = run(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("check") && text.contains("explain") && text.contains("Exit codes"));
    let out = run(&["check", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for opt in [
        "--format",
        "--output",
        "--lang",
        "--jobs",
        "--rules",
        "--fail-on",
    ] {
        assert!(text.contains(opt), "check --help lacks {opt}");
    }
    assert_eq!(
        run(&["check", "--format", "xml", "x"]).status.code(),
        Some(2)
    );
    let _ = Path::new("");
}

#[test]
fn encrypted_and_scanned_pdfs_are_reported_not_silently_absent() {
    let pdfjs = root().join("../shared/robustness/pdfjs");
    let locked = pdfjs.join("issue6010_1.pdf");
    let scanned = pdfjs.join("issue5481.pdf");
    let good = corpus("18F_cloudgov_AttA_PWS.pdf");
    let out = run(&[
        "check",
        "--format",
        "json",
        locked.to_str().unwrap(),
        scanned.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs[0]["error"]["kind"], "encrypted");
    assert_eq!(docs[0]["format"], "pdf");
    assert_eq!(docs[1]["error"]["kind"], "no_text_layer");
    assert!(
        docs[1]["categories"].is_null(),
        "a scan must never come out as absent categories"
    );
    assert_eq!(docs[2]["status"], "ok");
    assert_eq!(
        docs[2]["categories"]["responsibilities"]["status"],
        "embedded"
    );
    assert!(docs[2]["pages"].as_u64().unwrap() >= 5);
    let page =
        docs[2]["categories"]["responsibilities"]["evidence"][0]["location"]["page"].as_u64();
    assert!(
        page.is_some_and(|p| p >= 1),
        "PDF evidence carries its page"
    );
}

#[test]
fn limits_can_be_lowered_and_raised_from_the_command_line() {
    let pdf = root().join("fixtures/formats/schoonmaak-nl.pdf");
    let docx = root().join("fixtures/formats/schoonmaak-nl.docx");
    let (pdf, docx) = (pdf.to_str().unwrap(), docx.to_str().unwrap());
    // One page allowed: the multi-page PDF is too large, the DOCX (no pages) still reads.
    let out = run(&["check", "--format", "json", "--max-pages", "1", pdf, docx]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["documents"][0]["status"], "error");
    assert_eq!(v["documents"][0]["error"]["kind"], "too_large");
    assert_eq!(v["documents"][1]["status"], "ok");
    // A tiny inflation budget stops the DOCX; a generous one reads it.
    let out = run(&[
        "check",
        "--format",
        "json",
        "--max-inflated-mb",
        "1",
        "--max-chars",
        "100",
        docx,
    ]);
    assert_eq!(json(&out)["documents"][0]["error"]["kind"], "too_large");
    let out = run(&[
        "check",
        "--format",
        "json",
        "--max-pages",
        "100000",
        "--timeout-secs",
        "600",
        pdf,
    ]);
    assert_eq!(json(&out)["documents"][0]["status"], "ok");
    // Zero is not a limit: a usage error (exit 2) that names the flag.
    let out = run(&["check", "--max-pages", "0", pdf]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-pages"));
    // `extract` honours the same limits.
    let out = run(&["extract", "--max-pages", "1", pdf]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too_large"));
}

/// The report streams to standard output while documents are checked; a reader that stops early
/// (`| head`) ends the run quietly: no error message, no panic, not the exit code of a failure to read.
#[test]
fn a_closed_pipe_stops_the_run_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tmp("closed-pipe");
    let source = root().join("fixtures/tenders/catering-en.md");
    for i in 0..300 {
        std::fs::copy(&source, dir.join(format!("t{i:03}.md"))).expect("copy fixture");
    }
    let mut child = bin()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tenderlint");
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("the report starts at once");
    // The pipe is closed here (dropped above).
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("wait");
    assert!(first.starts_with(b"{\n  \"schema_version\": 1"));
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "{status:?}, stderr: {err}"
    );
    assert!(err.is_empty(), "stderr: {err}");
}
