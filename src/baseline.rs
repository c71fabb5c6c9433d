//! Baselines: the findings a project has accepted for now, so that CI reports only new ones.
//!
//! `tenderlint baseline FILE PATH…` records every current finding (document, rule, fingerprint, and the
//! quote for people reading the file); `check --baseline FILE` leaves out the findings recorded there
//! and counts them. Matching is by document and fingerprint (see [`crate::report::fingerprint`]), so a
//! finding whose text reflows or moves to another page stays suppressed; documents are named by their
//! path relative to the current directory, so record and check from the same directory (in CI: the
//! repository root). A finding recorded twice (the same sentence twice in a document) suppresses two.

use crate::check::{DocumentResult, Report};
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
        let mut b = Baseline::empty();
        for d in &report.documents {
            b.add(d);
        }
        b.finish()
    }

    /// A baseline with no findings, to [`add`](Self::add) documents to as they are checked.
    pub fn empty() -> Baseline {
        Baseline {
            tenderlint_baseline: BASELINE_VERSION,
            findings: Vec::new(),
        }
    }

    /// Records every finding of one document.
    pub fn add(&mut self, d: &DocumentResult) {
        let Ok(v) = &d.outcome else { return };
        let key = document_key(&d.path);
        for f in &v.findings {
            self.findings.push(Entry {
                document: key.clone(),
                rule: f.rule.clone(),
                fingerprint: fingerprint(&key, f),
                quote: f.quote.clone(),
            });
        }
    }

    /// Sorts the findings: the same findings give the same file whatever the order they were added in.
    pub fn finish(mut self) -> Baseline {
        self.findings.sort();
        self
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
        let mut s = self.suppressor();
        for d in &mut report.documents {
            report.suppressed += s.apply(d);
        }
    }

    /// What [`suppress`](Self::suppress) does, one document at a time.
    pub fn suppressor(&self) -> Suppressor {
        let mut left: BTreeMap<(String, String), usize> = BTreeMap::new();
        for e in &self.findings {
            *left
                .entry((e.document.clone(), e.fingerprint.clone()))
                .or_default() += 1;
        }
        Suppressor { left }
    }
}

/// Removes the findings of a baseline from documents as they are checked; each recorded finding
/// suppresses one finding.
#[derive(Debug, Clone)]
pub struct Suppressor {
    /// (document, fingerprint) → recorded findings not yet used.
    left: BTreeMap<(String, String), usize>,
}

impl Suppressor {
    /// Removes the known findings from `d`; returns how many.
    pub fn apply(&mut self, d: &mut DocumentResult) -> usize {
        let key = document_key(&d.path);
        let Ok(v) = &mut d.outcome else { return 0 };
        let mut keep = Vec::with_capacity(v.findings.len());
        let mut suppressed = 0;
        for f in &v.findings {
            let fp = fingerprint(&key, f);
            let known = match self.left.get_mut(&(key.clone(), fp)) {
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
        suppressed
    }
}
