//! Running headers and footers: text in the top or bottom band of the page that repeats on many pages
//! (the same or differing only in numbers), running heads whose number follows the page index (on many
//! pages, or with the same text on a page nearby), bare page numbers ("3", "Page 3 of 12", "Pagina 3 van
//! 12"), and text in other directions that repeats on many pages (side notes, watermarks) are removed.

use super::layout::PageLines;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Height of the top and bottom bands, as a fraction of the page height.
const BAND: f32 = 0.12;
/// Only this many lines from each edge of a page are candidates.
const EDGE_LINES: usize = 5;

fn page_number_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?xi)^(?:
                [-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?
              | (?:page|pagina|pag\.?|blz\.?|blad|p\.)\s*\d{1,4}(?:\s*(?:of|van|/|de|\|)\s*\d{1,4})?
              | \d{1,4}\s*(?:/|of|van|\|)\s*\d{1,4}
              | [ivxl]{1,6}
            )$",
        )
        .expect("page number pattern is valid")
    })
}

/// Whether a line of text is only a page number.
pub fn is_page_number(text: &str) -> bool {
    page_number_pattern().is_match(text.trim())
}

/// The text with digits folded and only letters and digits kept, so that "Page 3 of 12" and
/// "Page 4 of 12" compare equal.
fn repeat_key(text: &str) -> String {
    let mut key = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                key.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    Top,
    Bottom,
    /// Text in another direction, anywhere on the page.
    Rotated,
}

/// A segment that may be furniture: page index, line index, segment index, where it is.
struct Candidate {
    page: usize,
    line: usize,
    segment: usize,
    place: Place,
    key: String,
    page_number: bool,
    /// For a short line with exactly one number: that number minus the page index.
    page_offset: Option<i64>,
}

/// A running head with a page number repeats (same text, number following the page index) within this
/// many pages.
const NEARBY_PAGES: usize = 2;
/// Longest running head with a page number, in characters.
const MAX_NUMBERED_HEAD_CHARS: usize = 80;

/// The number in a short text that holds exactly one (of at most four digits), minus the page index.
fn page_offset(text: &str, page: usize) -> Option<i64> {
    if text.chars().count() > MAX_NUMBERED_HEAD_CHARS {
        return None;
    }
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty());
    let number = numbers.next()?;
    if numbers.next().is_some() || number.len() > 4 {
        return None;
    }
    let number: i64 = number.parse().ok()?;
    Some(number - page as i64)
}

fn candidates(pages: &[PageLines]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (p, page) in pages.iter().enumerate() {
        let mut horizontal: Vec<usize> = (0..page.lines.len())
            .filter(|&i| page.lines[i].dir == 0)
            .collect();
        horizontal.sort_by(|&a, &b| page.lines[b].v().total_cmp(&page.lines[a].v()));
        let top = horizontal.iter().take(EDGE_LINES).map(|&i| (i, Place::Top));
        let bottom = horizontal
            .iter()
            .rev()
            .take(EDGE_LINES)
            .map(|&i| (i, Place::Bottom));
        let mut seen = HashSet::new();
        for (i, place) in top.chain(bottom) {
            let v = page.lines[i].v();
            let in_band = match place {
                Place::Top => v >= page.height * (1.0 - BAND),
                _ => v <= page.height * BAND,
            };
            if !in_band || !seen.insert(i) {
                continue;
            }
            for (s, segment) in page.lines[i].segments.iter().enumerate() {
                out.push(Candidate {
                    page: p,
                    line: i,
                    segment: s,
                    place,
                    key: repeat_key(&segment.text),
                    page_number: is_page_number(&segment.text),
                    page_offset: page_offset(&segment.text, p),
                });
            }
        }
        for (i, line) in page.lines.iter().enumerate().filter(|(_, l)| l.dir != 0) {
            for (s, segment) in line.segments.iter().enumerate() {
                out.push(Candidate {
                    page: p,
                    line: i,
                    segment: s,
                    place: Place::Rotated,
                    key: repeat_key(&segment.text),
                    page_number: false,
                    page_offset: None,
                });
            }
        }
    }
    out
}

/// Removes running headers, footers and page numbers from the pages' lines.
pub fn remove_furniture(pages: &mut [PageLines]) {
    let candidates = candidates(pages);
    let mut pages_with_key: HashMap<(Place, &str), HashSet<usize>> = HashMap::new();
    for c in &candidates {
        if !c.key.is_empty() {
            pages_with_key
                .entry((c.place, c.key.as_str()))
                .or_default()
                .insert(c.page);
        }
    }
    let page_count = pages.iter().filter(|p| !p.lines.is_empty()).count();
    let repeats = |c: &Candidate| {
        let n = pages_with_key
            .get(&(c.place, c.key.as_str()))
            .map_or(0, HashSet::len);
        // On 40 % of the pages, and on at least three unless the document is that short.
        n * 5 >= page_count * 2 && (n >= 3 || (n >= 2 && page_count <= 3))
    };
    // Running heads that carry the page number beside text that changes (a book's title on even pages,
    // the chapter's on odd ones: "8 FREE CULTURE", "INTRODUCTION 13"): the number follows the page index.
    let mut pages_with_offset: HashMap<(Place, i64), HashSet<usize>> = HashMap::new();
    for c in &candidates {
        if let Some(offset) = c.page_offset {
            pages_with_offset
                .entry((c.place, offset))
                .or_default()
                .insert(c.page);
        }
    }
    let numbered_head = |c: &Candidate| {
        c.page_offset.is_some_and(|offset| {
            let n = pages_with_offset
                .get(&(c.place, offset))
                .map_or(0, HashSet::len);
            // On a fifth of the pages, and on at least three.
            n >= 3 && n * 5 >= page_count
        })
    };
    // The same running head on nearby pages, its number following the page index there, even where the
    // numbering jumps elsewhere (pages left out between chapters) and the head's text changes by chapter.
    let mut pages_with_head: HashMap<(Place, &str, i64), Vec<usize>> = HashMap::new();
    for c in &candidates {
        if let Some(offset) = c.page_offset {
            pages_with_head
                .entry((c.place, c.key.as_str(), offset))
                .or_default()
                .push(c.page);
        }
    }
    let local_head = |c: &Candidate| {
        c.page_offset.is_some_and(|offset| {
            pages_with_head
                .get(&(c.place, c.key.as_str(), offset))
                .is_some_and(|pages| {
                    pages
                        .iter()
                        .any(|&q| q != c.page && q.abs_diff(c.page) <= NEARBY_PAGES)
                })
        })
    };
    let mut remove: HashSet<(usize, usize, usize)> = HashSet::new();
    for c in &candidates {
        if c.page_number || (!c.key.is_empty() && repeats(c)) || numbered_head(c) || local_head(c) {
            remove.insert((c.page, c.line, c.segment));
        }
    }
    if remove.is_empty() {
        return;
    }
    for (p, page) in pages.iter_mut().enumerate() {
        for (l, line) in page.lines.iter_mut().enumerate() {
            let mut s = 0;
            line.segments.retain(|_| {
                let keep = !remove.contains(&(p, l, s));
                s += 1;
                keep
            });
        }
        page.lines.retain(|line| !line.segments.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pdf::layout::{page_lines, tests::page};

    fn page_of(number: u32, items: &[(&str, f32, f32)]) -> PageLines {
        PageLines {
            page: number,
            height: 800.0,
            lines: page_lines(&page(items, 10.0, 5.0), 600.0),
            tables: Vec::new(),
        }
    }

    #[test]
    fn page_numbers_are_recognised() {
        for text in [
            "3",
            "- 3 -",
            "Page 3 of 12",
            "Pagina 3 van 12",
            "3 / 12",
            "2 of 7",
            "iv",
            "blz. 4",
        ] {
            assert!(is_page_number(text), "{text}");
        }
        for text in [
            "3 Samenwerking",
            "Page three",
            "2024 tot 2028 loopt de",
            "Artikel 3",
        ] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn running_header_footer_and_page_numbers_are_removed() {
        let mut pages: Vec<PageLines> = (1..=4)
            .map(|n| {
                let footer = format!("Overeenkomst Wmo versie 1.2 - pagina {n} van 4");
                let body = format!("Body text of page {n} stays.");
                let items = vec![
                    ("Gemeente Voorbeeld", 50.0, 770.0),
                    (body.as_str(), 50.0, 600.0),
                    (footer.as_str(), 50.0, 30.0),
                ];
                let mut p = page_of(n, &items);
                // Each page's own footer text differs only in the page number.
                p.lines.sort_by(|a, b| b.v().total_cmp(&a.v()));
                p
            })
            .collect();
        pages[2]
            .lines
            .push(page_of(3, &[("7", 300.0, 20.0)]).lines.remove(0));
        remove_furniture(&mut pages);
        for (i, p) in pages.iter().enumerate() {
            let texts: Vec<String> = p.lines.iter().map(|l| l.text()).collect();
            assert_eq!(texts, vec![format!("Body text of page {} stays.", i + 1)]);
        }
    }

    #[test]
    fn text_that_repeats_in_the_body_or_on_few_pages_stays() {
        let mut pages: Vec<PageLines> = (1..=6)
            .map(|n| {
                let header = if n <= 2 {
                    "Hoofdstuk 1 Inleiding"
                } else {
                    "Other header text"
                };
                let header = if n >= 5 { "Last header" } else { header };
                page_of(
                    n,
                    &[
                        (header, 50.0, 770.0),
                        ("Same body line on every page", 50.0, 400.0),
                    ],
                )
            })
            .collect();
        remove_furniture(&mut pages);
        // "Other header text" is on 2 of 6 pages (33 %): kept; the body line is not in a band.
        assert_eq!(pages[0].lines.len(), 2);
        assert_eq!(pages[2].lines.len(), 2);
        assert!(pages.iter().all(|p| p
            .lines
            .iter()
            .any(|l| l.text() == "Same body line on every page")));
    }

    #[test]
    fn chapter_heads_are_removed_where_the_numbering_jumps_between_chapters() {
        // Two pages per chapter, a page left out between chapters: no text and no page offset repeats on
        // a fifth of the pages, but each head has its twin on the next or previous page.
        let chapters = [
            "INLEIDING",
            "SAMENWERKING",
            "VOORTGANG",
            "KWALITEIT",
            "RISICO",
        ];
        let mut pages: Vec<PageLines> = (0..10u32)
            .map(|i| {
                let number = i + 1 + i / 2;
                let head = format!("{} {number}", chapters[(i / 2) as usize]);
                let body = format!(
                    "Body text of page {} stays, with 2 numbers like 1933.",
                    i + 1
                );
                page_of(
                    i + 1,
                    &[(head.as_str(), 50.0, 770.0), (body.as_str(), 50.0, 400.0)],
                )
            })
            .collect();
        remove_furniture(&mut pages);
        for p in &pages {
            assert_eq!(p.lines.len(), 1, "{:?}", p.lines[0].text());
        }
        // Footnotes on neighbouring pages whose numbers go up with the pages, but whose texts differ, stay.
        let mut pages: Vec<PageLines> = (0..6u32)
            .map(|i| {
                let note = format!(
                    "{} See note {} of the report.",
                    i + 3,
                    ["a", "b"][i as usize % 2]
                );
                let mut items = vec![("Body text stays here.", 50.0, 400.0)];
                if i < 2 {
                    items.push((note.as_str(), 50.0, 40.0));
                }
                page_of(i + 1, &items)
            })
            .collect();
        remove_furniture(&mut pages);
        assert_eq!(pages[0].lines.len(), 2);
        assert_eq!(pages[1].lines.len(), 2);
    }

    #[test]
    fn book_running_heads_with_the_page_number_are_removed() {
        // Even pages: "<n> FREE CULTURE"; odd pages: the chapter's name, then the number. Neither text
        // repeats on 40 % of the pages, but the number follows the page index on all of them.
        let chapters = [
            "INTRODUCTION",
            "PIRACY",
            "PROPERTY",
            "BALANCES",
            "CONCLUSION",
        ];
        let mut pages: Vec<PageLines> = (1..=10)
            .map(|n| {
                let head = if n % 2 == 0 {
                    format!("{} FREE CULTURE", n + 6)
                } else {
                    format!("{} {}", chapters[(n / 2) as usize], n + 6)
                };
                let body = format!("Body text of page {n} stays, with 2 numbers like 1933.");
                page_of(
                    n,
                    &[(head.as_str(), 50.0, 770.0), (body.as_str(), 50.0, 400.0)],
                )
            })
            .collect();
        remove_furniture(&mut pages);
        for (i, p) in pages.iter().enumerate() {
            let texts: Vec<String> = p.lines.iter().map(|l| l.text()).collect();
            assert_eq!(
                texts,
                vec![format!(
                    "Body text of page {} stays, with 2 numbers like 1933.",
                    i + 1
                )]
            );
        }
    }
}
