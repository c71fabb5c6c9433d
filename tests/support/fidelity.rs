//! Text-fidelity measures shared by `tests/fidelity.rs` and `examples/fidelity.rs`: our text against a
//! reference text (poppler's `pdftotext` for PDFs, an independent XML walk for DOCX/ODT).
//!
//! Both texts are normalised alike ([`tenderlint::document::normalize_text`]: NFKC, so ligatures such as
//! "ﬁ" become "fi"; typographic quotes folded; soft hyphens dropped), words that the reference splits at
//! a line-end hyphen ("docu-" + "ment") are rejoined, then split into words: runs between white space,
//! trimmed of non-alphanumeric characters at both ends, lower-cased.

#![allow(dead_code)] // each includer uses a part

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tenderlint::check::{read_document, CheckOptions};
use tenderlint::document::normalize_text;

/// The groups of measured files: the name of the folder under `tests/data/fidelity/` that holds the
/// reference texts (`<file name>.txt`, made by `scripts/fidelity.sh`), and where the files themselves are.
pub const GROUPS: [(&str, &str); 4] = [
    ("corpus", "../shared/corpus/files"),
    ("pdfjs", "../shared/robustness/pdfjs"),
    ("docx", "../shared/robustness/docx"),
    ("odt", "../shared/robustness/odt"),
];

/// One measured file.
pub struct Row {
    pub group: &'static str,
    pub name: String,
    /// The score, or why the file could not be read.
    pub score: Result<Score, String>,
}

/// Measures every file of a group that has a committed reference text, in name order.
pub fn measure_group(group: &'static str) -> Vec<Row> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, source_dir) = GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .expect("a known group");
    let reference_dir = root.join("tests/data/fidelity").join(group);
    let mut references: Vec<PathBuf> = std::fs::read_dir(&reference_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", reference_dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    references.sort();
    references
        .iter()
        .map(|reference| {
            let name = reference
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = root.join(source_dir).join(&name);
            let expected = std::fs::read_to_string(reference).expect("a UTF-8 reference text");
            let score = our_text(&source).map(|ours| score(&words(&ours), &words(&expected)));
            Row { group, name, score }
        })
        .collect()
}

/// The text `tenderlint extract` prints for a file, without its block tags: the blocks' texts, one a line.
pub fn our_text(path: &Path) -> Result<String, String> {
    let doc = read_document(path, &CheckOptions::default())
        .map_err(|(_, e)| format!("{}: {}", e.kind.as_str(), e.message))?;
    Ok(doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The words of a text, in order.
pub fn words(text: &str) -> Vec<String> {
    let text = normalize_text(&rejoin_line_end_hyphens(text));
    text.split_whitespace()
        .map(|raw| {
            raw.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// "docu-\nment" → "document" when a lower-case letter ends the line before the hyphen and starts the next.
fn rejoin_line_end_hyphens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_end();
        let next_starts_lower = lines
            .peek()
            .and_then(|n| n.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        let before_hyphen = trimmed
            .strip_suffix('-')
            .and_then(|s| s.chars().last())
            .is_some_and(char::is_lowercase);
        if next_starts_lower && before_hyphen {
            out.push_str(&trimmed[..trimmed.len() - 1]);
            if let Some(next) = lines.next() {
                // The rest of the next line continues the word.
                out.push_str(next.trim_start());
                out.push('\n');
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn bag<'a>(words: impl IntoIterator<Item = &'a String>) -> HashMap<&'a str, usize> {
    let mut bag = HashMap::new();
    for w in words {
        *bag.entry(w.as_str()).or_insert(0) += 1;
    }
    bag
}

/// How our words compare with the reference's.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub ours_words: usize,
    pub reference_words: usize,
    /// Bag-of-words precision, recall and F1.
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Reference words that appear in ours only glued to a neighbour ("goals" + "and" → "goalsand").
    pub glued: usize,
    /// Reference words that appear in ours only split apart ("agreement" → "agree" + "ment").
    pub split: usize,
    /// Reading order: the share of the reference's 5-word sequences that ours has too.
    pub order: f64,
}

pub fn score(ours: &[String], reference: &[String]) -> Score {
    let ours_bag = bag(ours);
    let ref_bag = bag(reference);
    let common: usize = ours_bag
        .iter()
        .map(|(w, n)| (*n).min(ref_bag.get(w).copied().unwrap_or(0)))
        .sum();
    let precision = ratio(common, ours.len());
    let recall = ratio(common, reference.len());
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let missing = surplus(&ref_bag, &ours_bag);
    let extra = surplus(&ours_bag, &ref_bag);
    Score {
        ours_words: ours.len(),
        reference_words: reference.len(),
        precision,
        recall,
        f1,
        glued: joined_pieces(reference, missing.clone(), extra.clone()),
        // A reference word split in ours is a run of our extra words that joins into a missing word;
        // it counts once, as one reference word.
        split: joined_wholes(ours, extra, missing),
        order: ngram_recall(ours, reference, 5),
    }
}

/// `numerator / denominator`, with 0/0 as full agreement (nothing to find, nothing found).
fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        if numerator == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Words in `a` beyond their count in `b`.
fn surplus<'a>(a: &HashMap<&'a str, usize>, b: &HashMap<&'a str, usize>) -> HashMap<String, usize> {
    a.iter()
        .filter_map(|(w, n)| {
            let d = n.saturating_sub(b.get(w).copied().unwrap_or(0));
            (d > 0).then(|| (w.to_string(), d))
        })
        .collect()
}

/// Runs of 2 or 3 neighbouring words of `seq` that are all in `pieces` and whose concatenation (directly
/// or with hyphens) is in `wholes`; each match uses up its words. Returns (words in runs, runs).
fn join_runs(
    seq: &[String],
    mut pieces: HashMap<String, usize>,
    mut wholes: HashMap<String, usize>,
) -> (usize, usize) {
    let (mut words, mut runs) = (0, 0);
    let mut i = 0;
    while i < seq.len() {
        let mut matched = 0;
        for len in [2usize, 3] {
            let Some(run) = seq.get(i..i + len) else {
                break;
            };
            let available = run.iter().all(|w| {
                let need = run.iter().filter(|x| *x == w).count();
                pieces.get(w).copied().unwrap_or(0) >= need
            });
            if !available {
                continue;
            }
            let joined = [run.concat(), run.join("-")]
                .into_iter()
                .find(|j| wholes.get(j).copied().unwrap_or(0) > 0);
            if let Some(j) = joined {
                for w in run {
                    if let Some(n) = pieces.get_mut(w) {
                        *n -= 1;
                    }
                }
                if let Some(n) = wholes.get_mut(&j) {
                    *n -= 1;
                }
                matched = len;
                break;
            }
        }
        if matched > 0 {
            words += matched;
            runs += 1;
            i += matched;
        } else {
            i += 1;
        }
    }
    (words, runs)
}

/// Reference words (of `reference`, missing from ours) that ours has only as part of a longer word.
fn joined_pieces(
    reference: &[String],
    missing: HashMap<String, usize>,
    extra: HashMap<String, usize>,
) -> usize {
    join_runs(reference, missing, extra).0
}

/// Reference words (missing from ours) that ours has only as a run of pieces.
fn joined_wholes(
    ours: &[String],
    extra: HashMap<String, usize>,
    missing: HashMap<String, usize>,
) -> usize {
    join_runs(ours, extra, missing).1
}

/// The share of the reference's n-grams (as a multiset) that ours has too.
pub fn ngram_recall(ours: &[String], reference: &[String], n: usize) -> f64 {
    if reference.len() < n {
        return if ours.len() >= reference.len() {
            1.0
        } else {
            0.0
        };
    }
    let mut have: HashMap<&[String], usize> = HashMap::new();
    for g in ours.windows(n) {
        *have.entry(g).or_insert(0) += 1;
    }
    let mut found = 0;
    for g in reference.windows(n) {
        if let Some(c) = have.get_mut(g) {
            if *c > 0 {
                *c -= 1;
                found += 1;
            }
        }
    }
    ratio(found, reference.len() + 1 - n)
}

/// The median of some values (0 for none).
pub fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn glued_split_and_order_are_counted() {
        let reference = w("the goals and the measures of the contract are agreed");
        let glued = score(
            &w("the goalsand the measures of the contract are agreed"),
            &reference,
        );
        assert_eq!((glued.glued, glued.split), (2, 0));
        let split = score(
            &w("the goals and the mea sures of the contract are agreed"),
            &reference,
        );
        assert_eq!((split.glued, split.split), (0, 1));
        let same = score(&reference, &reference);
        assert_eq!((same.f1, same.order), (1.0, 1.0));
        let shuffled = score(
            &w("of the contract are agreed the goals and the measures"),
            &reference,
        );
        assert_eq!(shuffled.f1, 1.0);
        assert!(shuffled.order < 0.5);
    }

    #[test]
    fn line_end_hyphens_and_ligatures_are_normalised() {
        assert_eq!(w("docu-\nment ﬁnal"), ["document", "final"]);
        assert_eq!(w("Long-\nTerm"), ["long", "term"]);
    }
}
