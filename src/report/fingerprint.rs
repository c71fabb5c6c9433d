//! Stable identities for findings: the document key (a path relative to the current directory) and the
//! fingerprint (rule + document + normalised quote), shared by SARIF, JSON and the baseline.
//!
//! A fingerprint does not depend on the page, the paragraph number, line breaks, hyphenation, case or
//! punctuation, so a finding keeps its identity when the text reflows or moves to another page. It changes
//! when the quoted words change, when the rule changes, or when the document is renamed.

use crate::engine::Finding;
use std::path::{Component, Path, PathBuf};

/// Version tag of the fingerprint algorithm (the SARIF `partialFingerprints` key carries it).
pub const FINGERPRINT_KEY: &str = "tenderlint/v1";

/// How a document is named in fingerprints, SARIF URIs and baselines: its path relative to the current
/// directory when it lies below it (otherwise as given), with `/` separators and no leading `./`.
pub fn document_key(path: &str) -> String {
    let p = Path::new(path);
    let relative = if p.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| p.to_path_buf())
    } else {
        p.to_path_buf()
    };
    let cleaned: PathBuf = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let key = cleaned.to_string_lossy().replace('\\', "/");
    if key.is_empty() {
        ".".into()
    } else {
        key
    }
}

/// The quote as the fingerprint sees it: lower case, letters and digits only (so that line breaks,
/// hyphenation, spacing and punctuation do not count), without the ellipsis of a shortened quote.
pub fn normalise_quote(quote: &str) -> String {
    quote
        .trim_end_matches('…')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The fingerprint of a finding in the document named by `document_key`: 16 hex digits. Findings without
/// a quote (a category that is absent) are identified by their category.
pub fn fingerprint(document_key: &str, finding: &Finding) -> String {
    let what = match &finding.quote {
        Some(q) => normalise_quote(q),
        None => format!("category:{}", finding.category),
    };
    let mut h = Fnv64::default();
    for part in [finding.rule.as_str(), document_key, what.as_str()] {
        h.write(part.as_bytes());
        h.write(&[0]);
    }
    format!("{:016x}", h.0)
}

/// FNV-1a, 64 bits: small, fast and the same on every platform and in every release (std's hashers are
/// not guaranteed stable).
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Severity;

    fn finding(quote: Option<&str>) -> Finding {
        Finding {
            rule: "PROG-004".into(),
            category: "progress".into(),
            severity: Severity::Warning,
            title: String::new(),
            message: String::new(),
            help: String::new(),
            location: None,
            quote: quote.map(str::to_string),
        }
    }

    #[test]
    fn reflowed_and_rehyphenated_quotes_keep_their_fingerprint() {
        let a = fingerprint(
            "t/a.pdf",
            &finding(Some("De opdrachtnemer rapporteert maandelijks.")),
        );
        let b = fingerprint(
            "t/a.pdf",
            &finding(Some("De  Opdracht-\nnemer rappor- teert\tmaandelijks")),
        );
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
        let other_doc = fingerprint(
            "t/b.pdf",
            &finding(Some("De opdrachtnemer rapporteert maandelijks.")),
        );
        assert_ne!(a, other_doc);
        let other_words = fingerprint(
            "t/a.pdf",
            &finding(Some("De opdrachtnemer rapporteert jaarlijks.")),
        );
        assert_ne!(a, other_words);
        assert_ne!(a, fingerprint("t/a.pdf", &finding(None)));
    }

    #[test]
    fn document_keys_use_forward_slashes_without_dot_prefix() {
        assert_eq!(document_key("./tenders/a.pdf"), "tenders/a.pdf");
        assert_eq!(document_key("tenders/./a.pdf"), "tenders/a.pdf");
        let cwd = std::env::current_dir().unwrap();
        let abs = cwd.join("x").join("y.md");
        assert_eq!(document_key(&abs.display().to_string()), "x/y.md");
    }
}
