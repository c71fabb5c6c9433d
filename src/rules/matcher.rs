//! Compiled pattern sets: a few pattern-set passes per text find which patterns may occur, then only those
//! patterns are run again, exactly, for positions. Cost per text grows with the text, not with rules × text.
//!
//! The sets are a prefilter: their patterns are the pack's patterns without word-boundary assertions, so
//! they match wherever a pattern matches (and sometimes where it does not; the exact pass then finds
//! nothing, so the hits are the same as with exact sets). Unicode word boundaries would make a set's lazy
//! DFA give up on any non-ASCII text and fall back to a much slower NFA simulation of all its patterns;
//! without them the DFA handles all text. Both passes use regex-automata's meta engine (what `regex` is
//! built on) directly, to compile from the parsed patterns and to skip what they do not use: capture
//! groups and, for the sets, literal prefilters.

use crate::document::Language;
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{Input, MatchKind, PatternSet};
use regex_syntax::hir::{Hir, HirKind, Look};
use std::sync::OnceLock;

/// Compiled-size limit of the pattern set and of each pattern alone.
const SIZE_LIMIT: usize = 256 << 20;
/// Patterns per prefilter set. The lazy DFA of a set computes each new state from the NFA states of all
/// its patterns, and the number of states it meets grows with the combinations of patterns in play: several
/// small sets scan the text a few more times but build far fewer, far cheaper states than one large set.
const PATTERNS_PER_SET: usize = 32;
/// Cache of each set's lazy DFA.
const DFA_CACHE_BYTES: usize = 8 << 20;

/// A match of one pattern set, in words: `start..end` are word indices (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub set: u32,
    pub start: u32,
    pub end: u32,
}

/// The compiled patterns of one language.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The prefilter, in sets of [`PATTERNS_PER_SET`] patterns: pattern `i` of the prefilter matches
    /// wherever pattern `i` matches.
    sets: Vec<Regex>,
    /// Each pattern alone, compiled on first use (only patterns that occur in some text are needed).
    sources: Vec<String>,
    regexes: Vec<OnceLock<Option<Regex>>>,
    /// For each pattern: the pattern set it belongs to.
    owner: Vec<u32>,
    /// For each pattern set: the set whose hits cancel it (its mask), if any.
    mask_of: Vec<Option<u32>>,
}

/// Turns a pack pattern into a regular expression: case-insensitive, word boundaries on both sides
/// unless the pattern starts or ends with `~` (`~` is not a regex metacharacter, so the marker is
/// unambiguous).
pub fn pattern_to_regex(pattern: &str) -> String {
    let (left, body, right) = pattern_parts(pattern);
    format!("(?i:{left}(?:{body}){right})")
}

/// A pack pattern as (left boundary, regex body, right boundary): each boundary is `\b`, or empty where
/// the pattern has a `~` marker.
pub fn pattern_parts(pattern: &str) -> (&'static str, &str, &'static str) {
    let (left, rest) = match pattern.strip_prefix('~') {
        Some(r) => ("", r),
        None => (r"\b", pattern),
    };
    let (right, body) = match rest.strip_suffix('~') {
        Some(r) => ("", r),
        None => (r"\b", rest),
    };
    (left, body, right)
}

/// Checks one pattern's syntax alone, to report the error of a bad pattern precisely (parsing only:
/// compiling happens once, for the whole set).
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    parse(&pattern_to_regex(pattern)).map(|_| ())
}

fn parse(source: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .map_err(|e| e.to_string())
}

/// Removing a zero-width assertion only widens what a regex matches.
fn without_word_looks(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Look(
            look @ (Look::Start
            | Look::End
            | Look::StartLF
            | Look::EndLF
            | Look::StartCRLF
            | Look::EndCRLF),
        ) => Hir::look(look),
        HirKind::Look(_) => Hir::empty(),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Repetition(mut rep) => {
            rep.sub = Box::new(without_word_looks(*rep.sub));
            Hir::repetition(rep)
        }
        HirKind::Capture(mut cap) => {
            cap.sub = Box::new(without_word_looks(*cap.sub));
            Hir::capture(cap)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(without_word_looks).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(without_word_looks).collect())
        }
    }
}

/// One exact pattern, for match positions: what `regex::Regex` compiles, without capture groups.
fn compile(source: &str) -> Option<Regex> {
    Regex::builder()
        .configure(
            Regex::config()
                .which_captures(WhichCaptures::Implicit)
                .nfa_size_limit(Some(SIZE_LIMIT)),
        )
        .build(source)
        .ok()
}

/// One prefilter set: all matching patterns are reported, nothing but which.
fn compile_set(hirs: &[Hir]) -> Result<Regex, String> {
    Regex::builder()
        .configure(
            Regex::config()
                .match_kind(MatchKind::All)
                .which_captures(WhichCaptures::Implicit)
                .auto_prefilter(false)
                .onepass(false)
                .backtrack(false)
                .nfa_size_limit(Some(SIZE_LIMIT))
                .hybrid_cache_capacity(DFA_CACHE_BYTES),
        )
        .build_many_from_hir(hirs)
        .map_err(|e| e.to_string())
}

impl Matcher {
    /// `patterns`: (pattern, set id) for this language; `mask_of[set]`: the mask set of each set.
    pub fn new(patterns: &[(String, u32)], mask_of: Vec<Option<u32>>) -> Result<Matcher, String> {
        let sources: Vec<String> = patterns.iter().map(|(p, _)| pattern_to_regex(p)).collect();
        let prefilters = sources
            .iter()
            .map(|s| parse(s).map(without_word_looks))
            .collect::<Result<Vec<_>, _>>()?;
        let sets = prefilters
            .chunks(PATTERNS_PER_SET)
            .map(compile_set)
            .collect::<Result<Vec<_>, _>>()?;
        let regexes = sources.iter().map(|_| OnceLock::new()).collect();
        Ok(Matcher {
            sets,
            sources,
            regexes,
            owner: patterns.iter().map(|(_, s)| *s).collect(),
            mask_of,
        })
    }

    /// All hits in `text`, sorted, with masked hits removed. `words` holds the byte offset of each word
    /// start in `text` (see [`word_starts`]).
    pub fn hits(&self, text: &str, words: &[usize]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut found = PatternSet::new(PATTERNS_PER_SET);
        let mut candidates = Vec::new();
        for (k, set) in self.sets.iter().enumerate() {
            found.clear();
            set.which_overlapping_matches(&Input::new(text), &mut found);
            candidates.extend(found.iter().map(|p| k * PATTERNS_PER_SET + p.as_usize()));
        }
        for i in candidates {
            // A candidate of the prefilter; the exact pattern decides (it compiles alone with the same
            // size limit as the set).
            let Some(regex) = self.regexes[i].get_or_init(|| compile(&self.sources[i])) else {
                continue;
            };
            for m in regex.find_iter(text) {
                if m.start() == m.end() {
                    continue;
                }
                let mut start = words.partition_point(|&w| w < m.start());
                // A match starting inside a word (the tail of a compound) belongs to that word.
                let inside_word = text[m.start()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                    && words.get(start) != Some(&m.start());
                if inside_word {
                    start = start.saturating_sub(1);
                }
                let end = words.partition_point(|&w| w < m.end()).max(start + 1);
                hits.push(Hit {
                    set: self.owner[i],
                    start: start as u32,
                    end: end as u32,
                });
            }
        }
        hits.sort_unstable();
        hits.dedup();
        if self.mask_of.iter().any(Option::is_some) {
            let all = hits.clone();
            let mut masks: Vec<(u32, SetHits<'_>)> = Vec::new();
            hits.retain(
                |h| match self.mask_of.get(h.set as usize).copied().flatten() {
                    Some(mask) => {
                        if !masks.iter().any(|(m, _)| *m == mask) {
                            masks.push((mask, SetHits::new(&all, mask)));
                        }
                        let (_, m) = masks.iter().find(|(m, _)| *m == mask).expect("just added");
                        !m.window(h, 0)
                            .iter()
                            .any(|c| c.start < h.end && h.start < c.end)
                    }
                    None => true,
                },
            );
        }
        hits
    }
}

/// The hits of one pattern set in a sorted hit list (sorted by set, then position).
pub fn hits_of(hits: &[Hit], set: u32) -> &[Hit] {
    let start = hits.partition_point(|h| h.set < set);
    let end = hits.partition_point(|h| h.set <= set);
    &hits[start..end]
}

/// The hits of one set, sorted by start, with the longest span among them: enough to find the few
/// hits near a given one by binary search instead of a scan.
#[derive(Debug, Clone, Copy)]
pub struct SetHits<'a> {
    pub hits: &'a [Hit],
    longest: u32,
}

impl<'a> SetHits<'a> {
    pub fn new(all: &'a [Hit], set: u32) -> SetHits<'a> {
        let hits = hits_of(all, set);
        SetHits {
            hits,
            longest: hits.iter().map(|c| c.end - c.start).max().unwrap_or(0),
        }
    }

    /// The hits that can lie within `gap` words of `h` (a superset; check [`distance`] on each).
    pub fn window(&self, h: &Hit, gap: u32) -> &'a [Hit] {
        let lo = self.hits.partition_point(|c| {
            c.start < h.start.saturating_sub(gap.saturating_add(self.longest))
        });
        let hi = self
            .hits
            .partition_point(|c| c.start <= h.end.saturating_add(gap));
        &self.hits[lo..hi.max(lo)]
    }
}

/// Words between two hits (0 when they touch or overlap).
pub fn distance(a: &Hit, b: &Hit) -> u32 {
    if b.start >= a.end {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Byte offsets of word starts: a word is a run of letters and digits.
pub fn word_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric();
        if w && !in_word {
            out.push(i);
        }
        in_word = w;
    }
    out
}

/// The two languages' matchers, each compiled when first needed: a run over Dutch tenders never pays
/// for compiling the English patterns, and `tenderlint rules` or `explain` for neither.
#[derive(Debug, Clone)]
pub struct Matchers {
    nl: LazyMatcher,
    en: LazyMatcher,
}

#[derive(Debug, Clone)]
struct LazyMatcher {
    patterns: Vec<(String, u32)>,
    mask_of: Vec<Option<u32>>,
    compiled: OnceLock<Result<Matcher, String>>,
}

impl LazyMatcher {
    fn get(&self) -> &Result<Matcher, String> {
        self.compiled
            .get_or_init(|| Matcher::new(&self.patterns, self.mask_of.clone()))
    }
}

impl Matchers {
    /// `nl`, `en`: (pattern, set id) per language; `mask_of[set]`: the mask set of each set. Nothing is
    /// compiled yet (see [`compile_now`](Self::compile_now)).
    pub fn new(
        nl: Vec<(String, u32)>,
        en: Vec<(String, u32)>,
        mask_of: Vec<Option<u32>>,
    ) -> Matchers {
        let lazy = |patterns| LazyMatcher {
            patterns,
            mask_of: mask_of.clone(),
            compiled: OnceLock::new(),
        };
        Matchers {
            nl: lazy(nl),
            en: lazy(en),
        }
    }

    /// Compiles both languages now; the first error, with its language, if one does not compile.
    pub fn compile_now(&self) -> Result<(), (Language, String)> {
        for lang in [Language::Nl, Language::En] {
            if let Err(e) = self.lazy(lang).get() {
                return Err((lang, e.clone()));
            }
        }
        Ok(())
    }

    fn lazy(&self, lang: Language) -> &LazyMatcher {
        match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        }
    }

    /// The language's matcher, compiled on first use.
    ///
    /// # Panics
    ///
    /// When the patterns do not compile, which [`compile_now`](Self::compile_now) reports as an error
    /// instead: rule sets with packs from outside call it when they are loaded, and a test proves it
    /// for the built-in pack. (Each pattern's syntax is checked when any pack is loaded; what is left
    /// is a compiled size over the limit.)
    pub fn get(&self, lang: Language) -> &Matcher {
        match self.lazy(lang).get() {
            Ok(m) => m,
            Err(e) => panic!("the {} patterns do not compile: {e}", lang.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_stars_and_word_positions() {
        let m = Matcher::new(
            &[
                ("~rapportage".into(), 0),
                ("maandelijks".into(), 1),
                ("port".into(), 2),
            ],
            vec![None, None, None],
        )
        .unwrap();
        let text = "Opdrachtnemer levert maandelijks een kwartaalrapportage.";
        let hits = m.hits(text, &word_starts(text));
        assert_eq!(
            hits,
            vec![
                Hit {
                    set: 0,
                    start: 4,
                    end: 5
                },
                Hit {
                    set: 1,
                    start: 2,
                    end: 3
                }
            ]
        );
    }

    #[test]
    fn masks_cancel_overlapping_hits() {
        let m = Matcher::new(
            &[("no".into(), 0), ("no later than".into(), 1)],
            vec![Some(1), None],
        )
        .unwrap();
        let t = "no later than 5 days";
        assert!(m.hits(t, &word_starts(t)).iter().all(|h| h.set == 1));
        let t = "no KPIs apply";
        assert_eq!(
            m.hits(t, &word_starts(t)),
            vec![Hit {
                set: 0,
                start: 0,
                end: 1
            }]
        );
    }

    #[test]
    fn each_language_compiles_on_first_use_and_errors_are_reported_by_compile_now() {
        let m = Matchers::new(
            vec![("tijdig".into(), 0)],
            vec![(r"\w{1000}{1000}".into(), 0)],
            vec![None],
        );
        let t = "tijdig geleverd";
        assert_eq!(m.get(Language::Nl).hits(t, &word_starts(t)).len(), 1);
        let (lang, e) = m.compile_now().expect_err("too large to compile");
        assert_eq!(lang, Language::En);
        assert!(!e.is_empty());
    }
}
