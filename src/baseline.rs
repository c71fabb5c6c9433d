//! Baselines: the findings a project has accepted for now, so that CI reports only new ones.
//!
//! `tenderlint baseline FILE PATH…` records every current finding (document, rule, fingerprint, and the
//! quote for people reading the file); `check --baseline FILE` leaves out the findings recorded there
//! and counts them. Matching is by document and fingerprint (see [`crate::report::fingerprint`]), so a
//! finding whose text reflows or moves to another page stays suppressed; documents are named by their
//! path relative to the current directory, so record and check from the same directory (in CI: the
//! repository root). A finding recorded twice (the same sentence twice in a document) suppresses two.

use crate::check::Report;
use crate::report::fingerprint::{document_key, fingerprint};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The baseline file format's version.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub tenderlint_baseline: u32,
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub document: String,
    pub rule: String,
    pub fingerprint: String,
    /// For people reading the file; matching does not use it.
    #[serde(default)]
    pub quote: Option<String>,
}

/// A baseline file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {message}")]
pub struct BaselineError {
    pub file: String,
    pub message: String,
}

impl Baseline {
    /// Every finding of the report, sorted (the same report gives the same bytes).
    pub fn record(report: &Report) -> Baseline {
        let mut findings = Vec::new();
        for d in &report.documents {
            let Ok(v) = &d.outcome else { continue };
            let key = document_key(&d.path);
            for f in &v.findings {
                findings.push(Entry {
                    document: key.clone(),
                    rule: f.rule.clone(),
                    fingerprint: fingerprint(&key, f),
                    quote: f.quote.clone(),
                });
            }
        }
        findings.sort();
        Baseline {
            tenderlint_baseline: BASELINE_VERSION,
            findings,
        }
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let err = |message: String| BaselineError {
            file: path.display().to_string(),
            message,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| err(format!("cannot read the baseline: {e}")))?;
        let b: Baseline = serde_json::from_str(&text).map_err(|e| {
            err(format!(
                "not a tenderlint baseline (line {}: {e}); write one with `tenderlint baseline`",
                e.line()
            ))
        })?;
        if b.tenderlint_baseline != BASELINE_VERSION {
            return Err(err(format!(
                "baseline version {} is not supported (this tenderlint writes version {BASELINE_VERSION}); record it again",
                b.tenderlint_baseline
            )));
        }
        Ok(b)
    }

    /// Removes from `report` the findings recorded in this baseline and adds their number to
    /// `report.suppressed`.
    pub fn suppress(&self, report: &mut Report) {
        let mut left: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in &self.findings {
            *left
                .entry((e.document.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        let mut suppressed = 0;
        for d in &mut report.documents {
            let key = document_key(&d.path);
            let Ok(v) = &mut d.outcome else { continue };
            let mut keep = Vec::with_capacity(v.findings.len());
            for f in &v.findings {
                let fp = fingerprint(&key, f);
                let known = match left.get_mut(&(key.clone(), fp)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                };
                keep.push(!known);
                suppressed += usize::from(known);
            }
            let mut it = keep.iter();
            v.findings.retain(|_| *it.next().unwrap_or(&true));
            if d.finding_lines.len() == keep.len() {
                let mut it = keep.iter();
                d.finding_lines.retain(|_| *it.next().unwrap_or(&true));
            }
        }
        report.suppressed += suppressed;
    }
}
