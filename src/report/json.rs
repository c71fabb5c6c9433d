//! The JSON report: exactly the contract in design.md (`schema_version` 1). Fields may be added; none may
//! be removed or renamed without raising the schema version.

use super::fingerprint::{document_key, fingerprint};
use super::pretty_json::{self, ArrayWriter};
use super::{write_report, Reporter, Totals};
use crate::check::{DocumentResult, Report};
use crate::rules::CATEGORIES;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// Writes the JSON report one document at a time: the memory of one document's value, not of the run.
#[derive(Default)]
pub struct JsonReporter {
    documents: Option<ArrayWriter>,
}

impl Reporter for JsonReporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"{")?;
        pretty_json::member(out, 0, true, "schema_version", &SCHEMA_VERSION)?;
        pretty_json::member(out, 0, false, "tool", &tool())?;
        pretty_json::member_key(out, 0, false, "documents")?;
        self.documents = Some(ArrayWriter::open(out, 1)?);
        Ok(())
    }

    fn document(&mut self, d: &DocumentResult, out: &mut dyn Write) -> io::Result<()> {
        match &mut self.documents {
            Some(a) => a.element(out, &document(d)),
            None => Err(io::Error::other("JsonReporter::begin was not called")),
        }
    }

    fn finish(&mut self, totals: &Totals, out: &mut dyn Write) -> io::Result<()> {
        if let Some(a) = self.documents.take() {
            a.close(out)?;
        }
        pretty_json::member(out, 0, false, "summary", &summary(totals))?;
        pretty_json::member(out, 0, false, "suppressed", &totals.suppressed)?;
        out.write_all(b"\n}\n")
    }
}

fn tool() -> Value {
    json!({ "name": "tenderlint", "version": env!("CARGO_PKG_VERSION") })
}

fn summary(t: &Totals) -> Value {
    let c = t.findings;
    json!({
        "documents": t.documents,
        "unreadable": t.unreadable,
        "findings": { "error": c.error, "warning": c.warning, "info": c.info },
    })
}

/// The report as a JSON value: what the JSON output writes, parsed back (for callers that want a value).
pub fn to_json_value(report: &Report) -> Value {
    let mut out = Vec::new();
    write_report(&mut JsonReporter::default(), report, &mut out)
        .expect("writing to memory does not fail");
    serde_json::from_slice(&out).expect("the JSON report is valid JSON")
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
