//! The JSON report: exactly the contract in design.md (`schema_version` 1). Fields may be added; none may
//! be removed or renamed without raising the schema version.

use super::fingerprint::{document_key, fingerprint};
use super::{FindingCounts, Reporter};
use crate::check::{DocumentResult, Report};
use crate::rules::CATEGORIES;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn write(&self, report: &Report, out: &mut dyn Write, _color: bool) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_json_value(report))?;
        writeln!(out)
    }
}

/// The report as a JSON value (for the JSON output and for tests).
pub fn to_json_value(report: &Report) -> Value {
    let counts = FindingCounts::of(report);
    json!({
        "schema_version": SCHEMA_VERSION,
        "tool": { "name": "tenderlint", "version": env!("CARGO_PKG_VERSION") },
        "documents": report.documents.iter().map(document).collect::<Vec<_>>(),
        "summary": {
            "documents": report.documents.len(),
            "unreadable": report.unreadable(),
            "findings": { "error": counts.error, "warning": counts.warning, "info": counts.info },
        },
        "suppressed": report.suppressed,
    })
}

fn document(d: &DocumentResult) -> Value {
    let mut m = Map::new();
    m.insert("path".into(), json!(d.path));
    m.insert("format".into(), json!(d.format.map(|f| f.as_str())));
    m.insert("language".into(), json!(d.language.map(|l| l.as_str())));
    m.insert("pages".into(), json!(d.pages));
    match &d.outcome {
        Ok(v) => {
            m.insert("status".into(), json!("ok"));
            m.insert("error".into(), Value::Null);
            let mut cats = Map::new();
            for name in CATEGORIES {
                if let Some(c) = v.category(name) {
                    cats.insert(name.into(), serde_json::to_value(c).unwrap_or(Value::Null));
                }
            }
            m.insert("categories".into(), Value::Object(cats));
            let key = document_key(&d.path);
            let findings = v
                .findings
                .iter()
                .map(|f| {
                    let mut value = serde_json::to_value(f).unwrap_or(Value::Null);
                    if let Some(o) = value.as_object_mut() {
                        o.insert("fingerprint".into(), json!(fingerprint(&key, f)));
                    }
                    value
                })
                .collect();
            m.insert("findings".into(), Value::Array(findings));
        }
        Err(e) => {
            m.insert("status".into(), json!("error"));
            m.insert(
                "error".into(),
                json!({ "kind": e.kind.as_str(), "message": e.message }),
            );
            m.insert("categories".into(), Value::Null);
            m.insert("findings".into(), json!([]));
        }
    }
    Value::Object(m)
}
