//! Text normalisation shared by all formats: NFKC (ligatures, full-width forms), invisible characters
//! removed, quotes unified, whitespace folded.

use unicode_normalization::UnicodeNormalization;

/// Normalises one block's text.
pub fn normalize_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    for c in raw.nfkc() {
        let c = match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}' | '\u{2011}' => '-',
            c if c.is_control() && !c.is_whitespace() => continue,
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_whitespace_ligatures_and_quotes() {
        assert_eq!(
            normalize_text("  de \u{FB01}nanciële\t\n  KPI\u{2019}s\u{00AD} "),
            "de financiële KPI's"
        );
    }
}
