//! Sentence splitting inside one block, aware of Dutch and English abbreviations and numbering.

use std::ops::Range;

/// Abbreviations (lower case, without the final dot) after which a dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    // Dutch
    "o.a", "bijv", "bv", "i.v.m", "m.b.t", "t.b.v", "t.a.v", "incl", "excl", "art", "nr", "blz",
    "ca", "e.d", "enz", "d.w.z", "z.s.m", "n.v.t", "jl", "resp", "m.i.v", "i.o.m", "e.e.a",
    "o.b.v", "t.o.v", "vs", "mr", "dhr", "mevr", "ir", "ing", "drs", "prof", "zgn", "evt", "max",
    "min", "tel", "lid", "sub", "par", "hfdst", "bijl", "vgl", // English
    "e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "no", "nos", "sec", "secs", "approx", "vs",
    "u.s", "inc", "ltd", "co", "corp", "st", "fig", "figs", "p", "pp", "para", "cf", "al", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "govt",
    "u.s.c", "c.f.r", "f.a.r", "est",
];

/// Splits `text` into sentence byte ranges (trimmed, never empty). A block without a sentence end is one
/// sentence.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for i in 0..chars.len() {
        let (pos, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | ';') {
            continue;
        }
        // A sentence ends at the punctuation if whitespace and a plausible sentence start follow.
        let Some(&(_, next)) = chars.get(i + 1) else {
            continue;
        };
        if !next.is_whitespace() {
            continue;
        }
        let following = chars[i + 1..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        let Some(following) = following else { continue };
        if c != ';'
            && !(following.is_uppercase()
                || following.is_ascii_digit()
                || "\"'(•-–".contains(following))
        {
            continue;
        }
        if c == '.' && is_abbreviation_or_number(&text[start..pos]) {
            continue;
        }
        push_trimmed(text, start, pos + c.len_utf8(), &mut out);
        start = pos + c.len_utf8();
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if start + lead < end - trail {
        out.push(start + lead..end - trail);
    }
}

/// Is the word before a dot an abbreviation, a single letter or a section number ("3.2.")?
fn is_abbreviation_or_number(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // Initials ("J. Jansen", "A.B."), list letters ("a.") and numbering ("3", "3.2", "iv") do not end a
    // sentence.
    // A number ends a sentence ("in Annex 2. The …") unless it opens the text ("3.2. Scope").
    word.split('.')
        .all(|seg| seg.chars().count() <= 1 && seg.chars().all(char::is_alphabetic))
        || (word.chars().all(|c| c.is_ascii_digit() || c == '.') && before.trim() == word)
        || (word.len() <= 4 && word.chars().all(|c| "ivxlIVXL".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_on_sentence_ends_only() {
        assert_eq!(
            split(
                "Opdrachtnemer rapporteert o.a. maandelijks. Zie art. 3 van de overeenkomst! Klaar"
            ),
            vec![
                "Opdrachtnemer rapporteert o.a. maandelijks.",
                "Zie art. 3 van de overeenkomst!",
                "Klaar"
            ]
        );
        assert_eq!(
            split("The Contractor shall, e.g. monthly, report. See Annex 2. Done. 3.2. Scope"),
            vec![
                "The Contractor shall, e.g. monthly, report.",
                "See Annex 2.",
                "Done.",
                "3.2. Scope"
            ]
        );
        assert_eq!(
            split("A.B. Jansen is contractmanager."),
            vec!["A.B. Jansen is contractmanager."]
        );
        assert!(split("   ").is_empty());
    }
}
