//! tenderlint: checks that tender documents embed goals, responsibilities, progress measures and
//! collaboration agreements — binding, concrete, assigned and measurable.
//!
//! The pipeline: [`extract`] (bytes → raw blocks) → [`document`] (blocks, sections, sentences, language)
//! → [`rules`] (rule packs as data, compiled once) → [`engine`] (a document meets the rules) →
//! [`report`] (human, JSON). [`check`] runs it over many files in parallel.
//!
//! Checking one text with the built-in rules:
//!
//! ```
//! use tenderlint::document::{Document, Language};
//! use tenderlint::engine::{check, Status};
//! use tenderlint::extract::{text::read_markdown, Format, Limits};
//! use tenderlint::rules::RuleSet;
//!
//! let rules = RuleSet::builtin()?;
//! let text = "## Programma van Eisen\n\nOpdrachtnemer rapporteert maandelijks over de KPI's.\n\n\
//!             ## Inleiding\n\nDe gemeente heeft de ambitie om in 2050 circulair te zijn.";
//! let doc = Document::build(Format::Markdown, read_markdown(text, &Limits::default())?, None);
//! assert_eq!(doc.language, Language::Nl);
//! let verdict = check(&doc, &rules);
//! assert_eq!(verdict.category("progress").unwrap().status, Status::Embedded);
//! let goals = verdict.category("goals").unwrap();
//! assert_eq!(goals.status, Status::Mentioned);
//! assert!(verdict.findings.iter().any(|f| f.rule == "GOAL-001"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod baseline;
pub mod check;
pub mod config;
pub mod document;
pub mod engine;
pub mod extract;
pub mod report;
pub mod rules;

pub use check::{check, discover, CheckOptions, Report};
