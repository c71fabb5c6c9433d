//! The JSON report: exactly the contract in design.md (`schema_version` 1). Fields may be added; none may
//! be removed or renamed without raising the schema version.

use super::fingerprint::{document_key, fingerprint};
use super::{FindingCounts, Reporter};
use crate::check::{DocumentResult, Report};
use crate::rules::CATEGORIES;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

pub struct JsonReporter;

impl Reporter for JsonReporter {
    fn write(&self, report: &Report, out: &mut dyn Write, _color: bool) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &Streamed(report))?;
        writeln!(out)
    }
}

/// The same JSON as [`to_json_value`], written one document at a time: memory for one document's value,
/// not for a value tree of the whole run (which grew with the number of documents).
struct Streamed<'a>(&'a Report);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("schema_version", &SCHEMA_VERSION)?;
        m.serialize_entry("tool", &tool())?;
        m.serialize_entry("documents", &Documents(&self.0.documents))?;
        m.serialize_entry("summary", &summary(self.0))?;
        m.serialize_entry("suppressed", &self.0.suppressed)?;
        m.end()
    }
}

struct Documents<'a>(&'a [DocumentResult]);

impl Serialize for Documents<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for d in self.0 {
            seq.serialize_element(&document(d))?;
        }
        seq.end()
    }
}

fn tool() -> Value {
    json!({ "name": "tenderlint", "version": env!("CARGO_PKG_VERSION") })
}

fn summary(report: &Report) -> Value {
    let counts = FindingCounts::of(report);
    json!({
        "documents": report.documents.len(),
        "unreadable": report.unreadable(),
        "findings": { "error": counts.error, "warning": counts.warning, "info": counts.info },
    })
}

/// The report as a JSON value: the same tree the JSON output writes, for callers that want a value.
pub fn to_json_value(report: &Report) -> Value {
    serde_json::to_value(Streamed(report)).expect("the report serialises to JSON")
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
