//! Rule control: selecting rules, disabling rules and overriding their severity, from the configuration
//! file and the command line, applied to a [`RuleSet`] before a run so that every output format and the exit code see
//! the same rules. A disabled evidence rule no longer counts as evidence for its category; a disabled
//! finding rule raises nothing. A severity override of a status rule sets both its severities (absent and
//! mentioned).

use super::ConfigError;
use crate::rules::{RuleKind, RuleSet, Severity};

/// Rule ids to select and to disable and severities to set, each with the place it was written (for
/// errors).
#[derive(Debug, Clone, Default)]
pub struct RuleControl {
    select: Vec<(String, String)>,
    disable: Vec<(String, String)>,
    severity: Vec<(String, Severity, String)>,
}

impl RuleControl {
    /// Keeps only the finding rules whose id is or begins with one of the selected (`PROG` selects every
    /// `PROG-…` rule); evidence rules always stay, as they set the statuses. Replaces earlier selections
    /// (the command line's `--select` replaces the file's `select`).
    pub fn set_select(&mut self, prefixes: Vec<(String, String)>) {
        self.select = prefixes;
    }

    pub fn disable(&mut self, id: &str, place: impl Into<String>) {
        self.disable.push((id.to_string(), place.into()));
    }

    /// A later setting for the same rule wins (the command line is added after the file).
    pub fn set_severity(&mut self, id: &str, severity: Severity, place: impl Into<String>) {
        self.severity.push((id.to_string(), severity, place.into()));
    }

    /// Applies the control to `rules`. An id that names no rule is an error naming it and the place it
    /// was written, with the closest id when one is close.
    pub fn apply(&self, rules: &mut RuleSet) -> Result<(), ConfigError> {
        let ids: Vec<String> = rules.rules.iter().map(|r| r.id.clone()).collect();
        let check = |id: &str, place: &str, what: &str| -> Result<(), ConfigError> {
            if ids.iter().any(|r| r.eq_ignore_ascii_case(id)) {
                return Ok(());
            }
            let hint = match closest(id, ids.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`tenderlint rules --all` lists the rules".into(),
            };
            Err(ConfigError {
                place: place.to_string(),
                message: format!("{what}: unknown rule `{id}`; {hint}"),
            })
        };
        for (prefix, place) in &self.select {
            if !ids.iter().any(|r| starts_with_ignore_case(r, prefix)) {
                check(prefix, place, "select")?;
            }
        }
        for (id, place) in &self.disable {
            check(id, place, "disable")?;
        }
        for (id, _, place) in &self.severity {
            check(id, place, "severity")?;
        }
        for (id, severity, _) in &self.severity {
            for r in rules
                .rules
                .iter_mut()
                .filter(|r| r.id.eq_ignore_ascii_case(id))
            {
                r.severity = *severity;
                r.severity_mentioned = *severity;
            }
        }
        rules.rules.retain(|r| {
            let selected = self.select.is_empty()
                || r.kind == RuleKind::Evidence
                || self
                    .select
                    .iter()
                    .any(|(p, _)| starts_with_ignore_case(&r.id, p));
            selected
                && !self
                    .disable
                    .iter()
                    .any(|(id, _)| r.id.eq_ignore_ascii_case(id))
        });
        Ok(())
    }
}

fn starts_with_ignore_case(id: &str, prefix: &str) -> bool {
    id.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// The candidate closest to `word` (case-insensitive edit distance), if it is close enough to be a
/// plausible typo: at most 2 edits, and fewer than half the word's length. Of equally close candidates,
/// the one sharing the longest beginning with the word wins (`PROG-01` → `PROG-001`, not `PROG-E01`).
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let w = word.to_lowercase();
    candidates
        .map(|c| {
            let lower = c.to_lowercase();
            let prefix = w
                .chars()
                .zip(lower.chars())
                .take_while(|(a, b)| a == b)
                .count();
            (edit_distance(&w, &lower), std::cmp::Reverse(prefix), c)
        })
        .filter(|(d, _, _)| *d <= 2 && *d * 2 < w.chars().count().max(1))
        .min_by_key(|(d, p, _)| (*d, *p))
        .map(|(_, _, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_typos_only() {
        let ids = ["PROG-001", "PROG-004", "GOAL-001"];
        assert_eq!(closest("PROG-01", ids.into_iter()), Some("PROG-001"));
        assert_eq!(closest("prog-004", ids.into_iter()), Some("PROG-004"));
        assert_eq!(closest("XYZ", ids.into_iter()), None);
    }

    #[test]
    fn disabling_and_overriding_change_the_rule_set() {
        let mut rules = RuleSet::builtin().unwrap();
        let mut c = RuleControl::default();
        c.disable("goal-001", "--disable");
        c.set_severity("PROG-001", Severity::Info, "tenderlint.toml:3");
        c.apply(&mut rules).unwrap();
        assert!(rules.rule("GOAL-001").is_none());
        assert_eq!(rules.rule("PROG-001").unwrap().severity, Severity::Info);
        let mut selected = RuleSet::builtin().unwrap();
        let mut c = RuleControl::default();
        c.set_select(vec![("prog".into(), "--select".into())]);
        c.apply(&mut selected).unwrap();
        assert!(selected.rule("PROG-001").is_some() && selected.rule("PROG-E01").is_some());
        assert!(selected.rule("COLL-001").is_none());
        assert!(selected.rule("COLL-E01").is_some(), "evidence rules stay");
        let mut c = RuleControl::default();
        c.disable("PROG-01", "tenderlint.toml:2");
        let e = c.apply(&mut rules).unwrap_err();
        assert_eq!(
            e.to_string(),
            "tenderlint.toml:2: disable: unknown rule `PROG-01`; did you mean `PROG-001`?"
        );
    }
}
