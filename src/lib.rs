//! tenderlint: checks that tender documents embed goals, responsibilities, progress measures and
//! collaboration agreements — binding, concrete, assigned and measurable.
//!
//! The pipeline: [`extract`] (bytes → raw blocks) → [`document`] (blocks, sections, sentences, language)
//! → [`rules`] (rule packs as data, compiled once) → [`engine`] (a document meets the rules) →
//! [`report`] (human, JSON). [`check`] runs it over many files in parallel.

pub mod check;
pub mod document;
pub mod engine;
pub mod extract;
pub mod report;
pub mod rules;

pub use check::{check, discover, CheckOptions, Report};
