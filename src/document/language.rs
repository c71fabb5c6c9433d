//! Per-document language detection (Dutch or English) from function-word frequencies.

use serde::Serialize;

/// The languages rule packs are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Nl,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }
}

const NL_WORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "van",
    "en",
    "is",
    "niet",
    "voor",
    "op",
    "te",
    "dat",
    "die",
    "met",
    "zijn",
    "worden",
    "wordt",
    "door",
    "bij",
    "aan",
    "ook",
    "of",
    "naar",
    "deze",
    "dit",
    "uit",
    "als",
    "kan",
    "moet",
    "zal",
    "wij",
    "er",
    // Words of Dutch tenders that short texts often consist of.
    "opdrachtnemer",
    "opdrachtgever",
    "gemeente",
    "aanbesteding",
    "overeenkomst",
    "maandelijks",
    "jaarlijks",
    "uiterlijk",
    "binnen",
    "partijen",
    "inschrijver",
    "dient",
    "zullen",
    "onder",
];
const EN_WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "for",
    "on",
    "that",
    "be",
    "with",
    "by",
    "this",
    "are",
    "will",
    "shall",
    "as",
    "or",
    "an",
    "at",
    "from",
    "it",
    "not",
    "must",
    "which",
    "all",
    "any",
    "should",
    // Words of English tenders that short texts often consist of.
    "contractor",
    "supplier",
    "authority",
    "government",
    "monthly",
    "within",
    "parties",
    "offeror",
    "quote",
];

/// Detects the language of the given texts; English when there is no evidence either way.
pub fn detect_language<'a>(texts: impl Iterator<Item = &'a str>) -> Language {
    let (mut nl, mut en) = (0usize, 0usize);
    let mut words = 0usize;
    'outer: for t in texts {
        for w in t
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            let w = w.to_lowercase();
            // "in", "is" and "op" are shared or ambiguous; they still count for both lists they appear in.
            nl += NL_WORDS.contains(&w.as_str()) as usize;
            en += EN_WORDS.contains(&w.as_str()) as usize;
            words += 1;
            if words >= 200_000 {
                break 'outer;
            }
        }
    }
    if nl > en {
        Language::Nl
    } else {
        Language::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_dutch_from_english() {
        assert_eq!(
            detect_language(
                ["Opdrachtnemer rapporteert maandelijks over de voortgang van het werk."]
                    .into_iter()
            ),
            Language::Nl
        );
        assert_eq!(
            detect_language(
                ["The contractor shall submit a monthly report to the COR."].into_iter()
            ),
            Language::En
        );
        assert_eq!(detect_language(std::iter::empty()), Language::En);
    }
}
