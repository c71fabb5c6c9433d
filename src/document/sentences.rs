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
    if out.iter().any(|r| r.len() > MAX_SENTENCE_BYTES) {
        out = out.into_iter().flat_map(|r| cut_long(text, r)).collect();
    }
    out
}

/// Longest sentence, in bytes: longer runs without a sentence end (tables flattened into text, lists
/// without punctuation, hostile input) are cut at a space, so rule evaluation stays bounded per unit.
const MAX_SENTENCE_BYTES: usize = 2000;

fn cut_long(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > MAX_SENTENCE_BYTES {
        let mut limit = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[start..limit]
            .rfind(' ')
            .map(|i| start + i)
            .filter(|&c| c > start)
            .unwrap_or(limit);
        push_trimmed(text, start, cut, &mut out);
        start = cut;
    }
    push_trimmed(text, start, r.end, &mut out);
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
    // A letter or number after a reference noun ends the sentence ("see Annex B. The …").
    let previous = before[..before.len() - word.len()]
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    if REFERENCE_NOUNS.contains(&previous.trim_matches(|c: char| !c.is_alphanumeric())) {
        return false;
    }
    // Initials ("J. Jansen", "A.B.") and list letters ("a.") do not end a sentence; a number does ("in
    // Annex 2. The …") unless it opens the text ("3.2. Scope"); nor does a roman list number ("iv.").
    let initials = word
        .split('.')
        .all(|seg| seg.chars().count() <= 1 && seg.chars().all(char::is_alphabetic));
    let leading_number =
        word.chars().all(|c| c.is_ascii_digit() || c == '.') && before.trim() == word;
    initials || leading_number || is_roman(word)
}

/// Nouns that are followed by a letter or number naming a part of the document set.
const REFERENCE_NOUNS: &[&str] = &[
    "bijlage",
    "annex",
    "schedule",
    "appendix",
    "attachment",
    "exhibit",
    "lot",
    "perceel",
    "section",
    "sectie",
    "paragraaf",
    "artikel",
    "hoofdstuk",
    "deel",
    "part",
    "table",
    "tabel",
    "figure",
    "figuur",
    "level",
    "niveau",
    "klasse",
    "class",
    "categorie",
    "category",
    "optie",
    "option",
    "fase",
    "phase",
    "clause",
    "article",
];

/// A small roman numeral in one case: i … xxxix.
fn is_roman(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let same_case = word == lower || word == word.to_ascii_uppercase();
    let tens = lower.bytes().take_while(|&b| b == b'x').count();
    let rest = &lower[tens..];
    same_case
        && !lower.is_empty()
        && tens <= 3
        && matches!(
            rest,
            "" | "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn reference_letters_and_romans() {
        assert_eq!(
            split("Zie bijlage B. Opdrachtnemer rapporteert. Stap iv. Daarna. Dat is ill. Klaar."),
            vec![
                "Zie bijlage B.",
                "Opdrachtnemer rapporteert.",
                "Stap iv. Daarna.",
                "Dat is ill.",
                "Klaar."
            ]
        );
        assert!(
            is_roman("XIV")
                && is_roman("iii")
                && !is_roman("ill")
                && !is_roman("Iv")
                && !is_roman("mix")
        );
    }

    #[test]
    fn cuts_runaway_sentences() {
        let long = "opdrachtnemer moet niet ".repeat(500);
        let parts = split_sentences(&long);
        assert!(parts.len() >= 6);
        assert!(parts.iter().all(|r| r.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(
            parts.iter().map(|r| long[r.clone()].len()).sum::<usize>() + parts.len() - 1,
            long.trim_end().len()
        );
        let accents = "é".repeat(3000);
        assert!(split_sentences(&accents)
            .iter()
            .all(|r| accents.is_char_boundary(r.start) && accents.is_char_boundary(r.end)));
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
