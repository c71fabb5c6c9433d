//! Lines → blocks: paragraphs by vertical gap, size, weight and indentation; headings (larger than the
//! body text, or numbered like "3.2 Gunningscriteria" and set in bold); list items; table cells (the
//! lines of one cell joined, tables numbered through the document, a table that runs on to the next page
//! kept as one); end-of-line hyphenation undone; paragraphs that run on across a page break joined.

use super::furniture::is_page_number;
use super::layout::{Cell, Line, PageLines};
use crate::extract::{BlockKind, RawBlock};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A heading is at least this much larger than the body text.
const HEADING_SIZE_RATIO: f32 = 1.2;
/// A numbered heading in bold may be this much larger (or more) than the body text.
const NUMBERED_HEADING_SIZE_RATIO: f32 = 0.95;
/// Longest heading, in characters.
const MAX_HEADING_CHARS: usize = 150;
/// Bullets that open a list item.
const BULLETS: &[char] = &[
    '\u{2022}', '\u{25AA}', '\u{25CF}', '\u{25E6}', '\u{25A0}', '\u{25A1}', '\u{27A2}', '\u{2756}',
    '\u{2713}', '\u{25BA}', '\u{25C6}', '\u{2023}', '\u{2043}', '\u{2219}', '\u{00B7}', '\u{25CB}',
    '\u{2013}', '\u{2014}', '-', '*', 'o', '\u{F0A7}', '\u{F0B7}',
];

fn numbered_heading_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?x)^
            (?:\[[^\]]{1,30}\]\s*)?
            (?:(?P<kw>Deel|DEEL|Part|PART|Volume|Boek|Hoofdstuk|HOOFDSTUK|Chapter|CHAPTER|Artikel|ARTIKEL|Article|ARTICLE
                |Section|SECTION|Sectie|Paragraaf|Bijlage|BIJLAGE|Annex|ANNEX|Appendix|APPENDIX|Attachment|ATTACHMENT
                |Exhibit|§)\s*)?
            (?P<num>(?:\d{1,2}|[A-Z]|[IVX]{1,4})(?:\.\d{1,3}){0,5})\.?
            (?:\s*[:.\-–—]\s*|\s+|$)
            (?P<title>.*)$",
        )
        .expect("heading pattern is valid")
    })
}

fn enumerator_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"^(?:\(?\d{1,2}(?:\.\d{1,2}){0,4}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}[.)])\s",
        )
        .expect("enumerator pattern is valid")
    })
}

fn bare_number_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^\(?(?:\d{1,3}(?:\.\d{1,3}){0,5}|[a-z])[.)]?$")
            .expect("bare number pattern is valid")
    })
}

fn toc_entry_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?:\.{3,}|…|\s)\s*\d{1,4}$|\.{4,}").expect("toc pattern is valid")
    })
}

/// The level a numbered heading gets from its keyword and numbering depth, if the text is one.
fn numbered_heading_level(text: &str) -> Option<u8> {
    let caps = numbered_heading_pattern().captures(text)?;
    let num = caps.name("num")?.as_str();
    let title = caps.name("title").map_or("", |t| t.as_str()).trim();
    let keyword = caps.name("kw").map(|k| k.as_str().to_lowercase());
    // "3.0 Background" is a top-level heading: trailing zero parts add no depth.
    let parts: Vec<&str> = num.split('.').collect();
    let significant = parts.len()
        - parts
            .iter()
            .skip(1)
            .rev()
            .take_while(|p| p.chars().all(|c| c == '0'))
            .count();
    let depth = significant as u8;
    let first = num.split('.').next().unwrap_or("");
    let letter = first.chars().all(|c| c.is_ascii_uppercase());
    if keyword.is_none() {
        // Without a keyword: "3.2 Title", "4 Title", "C.3 Title"; not "A Title" or "IV Title".
        if letter && depth < 2 {
            return None;
        }
        if title.is_empty() {
            return None;
        }
    }
    if !title.is_empty() {
        let starts_well = title.chars().next().is_some_and(|c| {
            c.is_uppercase()
                || matches!(c, '[' | '(' | '"' | '\u{201C}')
                || (keyword.is_some() && c.is_ascii_digit())
        });
        if !starts_well {
            return None;
        }
    }
    let level = match keyword.as_deref() {
        Some(
            "deel" | "part" | "volume" | "boek" | "bijlage" | "annex" | "appendix" | "attachment"
            | "exhibit",
        ) => 1,
        Some("hoofdstuk" | "chapter") => 2,
        Some(_) => 1 + depth,
        None => depth,
    };
    Some(level.clamp(1, 6))
}

/// A word of three letters or more, and all letters capitals.
fn is_in_capitals(text: &str) -> bool {
    let has_word = text
        .split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3);
    has_word
        && text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn is_toc_entry(text: &str) -> bool {
    if !toc_entry_pattern().is_match(text) {
        return false;
    }
    // "Bijlage 2" alone is a heading, not a table-of-contents line.
    numbered_heading_pattern().captures(text).is_none_or(|c| {
        c.name("kw").is_none()
            || !c
                .name("title")
                .is_some_and(|t| t.as_str().trim().is_empty())
    })
}

fn starts_with_bullet(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let (next_index, next) = chars.next()?;
    if !next.is_whitespace() {
        return None;
    }
    // "o" as a bullet only when a capital or a lowercase word follows after a space: "o Item".
    Some(next_index)
}

fn starts_list_item(text: &str) -> bool {
    starts_with_bullet(text).is_some() || enumerator_pattern().is_match(text)
}

fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        c == ')' || c == '"' || c == '\'' || c == '\u{201D}' || c == '\u{2019}'
    });
    trimmed.ends_with(['.', '!', '?', ':', ';'])
}

/// Words before which a trailing hyphen is an elision ("hoofd- en onderaanneming"), not a word break.
const ELISION_FOLLOWERS: &[&str] = &[
    "en", "of", "and", "or", "tot", "en/of", "and/or", "nor", "to",
];

/// Appends the next line of a paragraph, undoing end-of-line hyphenation.
pub fn join_line(acc: &mut String, next: &str) {
    let next = next.trim_start();
    if next.is_empty() {
        return;
    }
    if acc.is_empty() {
        acc.push_str(next);
        return;
    }
    if acc.ends_with('\u{AD}') {
        acc.pop();
        acc.push_str(next);
        return;
    }
    let Some(hyphen) = acc.strip_suffix(['-', '\u{2010}']) else {
        if !acc.ends_with(' ') {
            acc.push(' ');
        }
        acc.push_str(next);
        return;
    };
    let before = hyphen.chars().last();
    let first = next.chars().next();
    let fragment = hyphen.rsplit(char::is_whitespace).next().unwrap_or("");
    let next_word: String = next
        .split(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', '.', ':'])
        .to_lowercase();
    match (before, first) {
        (Some(b), Some(f)) if b.is_alphabetic() && f.is_lowercase() => {
            if ELISION_FOLLOWERS.contains(&next_word.as_str()) {
                acc.push(' ');
                acc.push_str(next);
            } else if fragment.contains(['-', '\u{2010}']) {
                // Part of a compound that already has a hyphen: "business-to-" + "business".
                acc.push_str(next);
            } else {
                let keep = hyphen.len();
                acc.truncate(keep);
                acc.push_str(next);
            }
        }
        (Some(b), Some(f)) if b.is_alphanumeric() && (f.is_uppercase() || f.is_ascii_digit()) => {
            // A real hyphen: "Noord-" + "Holland", "2024-" + "2025".
            acc.push_str(next);
        }
        _ => {
            acc.push(' ');
            acc.push_str(next);
        }
    }
}

fn size_bucket(size: f32) -> i32 {
    (size * 2.0).round() as i32
}

/// Font sizes and line spacing of the document's body text.
struct TextStatistics {
    body_size: f32,
    /// Usual baseline distance per size bucket.
    leading: HashMap<i32, f32>,
    /// Sizes of heading candidates, largest first.
    heading_sizes: Vec<i32>,
}

impl TextStatistics {
    fn measure(pages: &[PageLines]) -> TextStatistics {
        let mut chars_by_size: HashMap<i32, usize> = HashMap::new();
        let mut spacing: HashMap<i32, HashMap<i32, usize>> = HashMap::new();
        for page in pages {
            let mut previous: Option<&Line> = None;
            for line in page.lines.iter().filter(|l| l.dir == 0) {
                let size = line.size();
                *chars_by_size.entry(size_bucket(size)).or_default() += line.text().chars().count();
                if let Some(prev) = previous {
                    let d = prev.v() - line.v();
                    if size_bucket(prev.size()) == size_bucket(size)
                        && d >= 0.8 * size
                        && d <= 2.5 * size
                    {
                        *spacing
                            .entry(size_bucket(size))
                            .or_default()
                            .entry((d * 4.0).round() as i32)
                            .or_default() += 1;
                    }
                }
                previous = Some(line);
            }
        }
        let body_bucket = chars_by_size
            .iter()
            .max_by_key(|(bucket, n)| (**n, -**bucket))
            .map_or(20, |(bucket, _)| *bucket);
        let body_size = body_bucket as f32 / 2.0;
        let leading = spacing
            .into_iter()
            .filter_map(|(bucket, counts)| {
                counts
                    .into_iter()
                    .max_by_key(|(d, n)| (*n, -*d))
                    .map(|(d, _)| (bucket, d as f32 / 4.0))
            })
            .collect();
        let mut heading_sizes: Vec<i32> = chars_by_size
            .keys()
            .copied()
            .filter(|&b| b as f32 / 2.0 >= body_size * HEADING_SIZE_RATIO)
            .collect();
        heading_sizes.sort_unstable_by(|a, b| b.cmp(a));
        TextStatistics {
            body_size,
            leading,
            heading_sizes,
        }
    }

    fn leading_for(&self, size: f32) -> f32 {
        self.leading
            .get(&size_bucket(size))
            .copied()
            .unwrap_or(1.25 * size)
            .max(size * 0.8)
    }
}

/// Lines of one paragraph in the making.
struct Draft<'a> {
    page: u32,
    /// The page is (part of) a table of contents: numbered lines there are entries, not headings.
    toc_page: bool,
    lines: Vec<&'a Line>,
}

fn breaks_between(prev: &Line, cur: &Line, draft: &Draft<'_>, stats: &TextStatistics) -> bool {
    if prev.dir != cur.dir {
        return true;
    }
    let size = prev.size().max(cur.size()).max(0.1);
    let dv = prev.v() - cur.v();
    if dv <= 0.3 * size {
        return true;
    }
    let prev_text = prev.text();
    let cur_text = cur.text();
    let bare_number = draft.lines.len() == 1 && bare_number_pattern().is_match(prev_text.trim());
    let leading = stats.leading_for(prev.size().min(cur.size()));
    if bare_number {
        // A clause number on its own line belongs with the text that follows it.
        return dv > 3.0 * leading;
    }
    if (prev.size() - cur.size()).abs() > 0.15 * size {
        return true;
    }
    if dv > leading * 1.25 + 0.5 {
        return true;
    }
    // A bold line on its own (a heading set in body size) ends or starts a paragraph; bold emphasis
    // running over whole lines inside a paragraph does not.
    if prev.bold() && !cur.bold() && prev.u1() < cur.u1() - 2.0 * size {
        return true;
    }
    if !prev.bold()
        && cur.bold()
        && (ends_sentence(&prev_text) || prev.u1() < cur.u1() - 2.0 * size)
    {
        return true;
    }
    if starts_list_item(&cur_text) {
        return true;
    }
    // A bold or capitalised numbered line ("7.1 Government Personnel", "4.0 SCOPE") starts a block of
    // its own, even right under another heading or a list item.
    if (cur.bold() || is_in_capitals(&cur_text))
        && numbered_heading_level(&cur_text).is_some()
        && !is_toc_entry(&cur_text)
    {
        return true;
    }
    // Lines side by side rather than one below the other.
    if cur.u0() > prev.u1() || cur.u1() < prev.u0() {
        return true;
    }
    let indent = cur.u0() - prev.u0();
    if indent > size && ends_sentence(&prev_text) {
        return true;
    }
    false
}

fn classify(draft: &Draft<'_>, text: &str, stats: &TextStatistics) -> BlockKind {
    let min_size = draft
        .lines
        .iter()
        .map(|l| l.size())
        .fold(f32::INFINITY, f32::min);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let horizontal = draft.lines.iter().all(|l| l.dir == 0);
    let plausible_heading = horizontal
        && letters >= 2
        && text.chars().count() <= MAX_HEADING_CHARS
        && !text.trim_end().ends_with(['.', ',', ';'])
        && !is_toc_entry(text)
        && !is_page_number(text);
    if plausible_heading {
        let bold = draft.lines.iter().all(|l| l.bold());
        let numbered = if draft.lines.len() <= 2 && !draft.toc_page {
            numbered_heading_level(text)
        } else {
            None
        };
        if let Some(level) = numbered {
            // Set apart by weight or size, or a one-line block in capitals ("1.0 INSTRUCTIONS TO QUOTERS").
            let capitals = draft.lines.len() == 1 && is_in_capitals(text);
            if (bold || capitals) && min_size >= stats.body_size * NUMBERED_HEADING_SIZE_RATIO
                || min_size >= stats.body_size * HEADING_SIZE_RATIO
            {
                return BlockKind::Heading { level };
            }
        }
        if draft.lines.len() <= 3 && min_size >= stats.body_size * HEADING_SIZE_RATIO {
            let rank = stats
                .heading_sizes
                .iter()
                .position(|&b| b <= size_bucket(min_size))
                .unwrap_or(stats.heading_sizes.len().saturating_sub(1));
            return BlockKind::Heading {
                level: (rank as u8 + 1).min(3),
            };
        }
    }
    if starts_list_item(text) {
        return BlockKind::ListItem { level: 1 };
    }
    BlockKind::Paragraph
}

fn finish_draft(draft: Draft<'_>, stats: &TextStatistics, out: &mut Vec<RawBlock>) {
    let mut text = String::new();
    for line in &draft.lines {
        join_line(&mut text, &line.text());
    }
    let kind = classify(&draft, &text, stats);
    if let BlockKind::ListItem { .. } = kind {
        if let Some(skip) = starts_with_bullet(&text) {
            text = text[skip..].trim_start().to_string();
        }
    }
    if !text.trim().is_empty() {
        out.push(RawBlock::new(kind, text, Some(draft.page)));
    }
}

/// Whether the first block of a page continues the last block of the previous page (a table cell's text
/// that runs on outside the table's rules too).
fn continues(prev: &RawBlock, next: &RawBlock) -> bool {
    if prev.kind == BlockKind::Paragraph && bare_number_pattern().is_match(prev.text.trim()) {
        // A clause number at the foot of a page, its text at the top of the next.
        return !matches!(next.kind, BlockKind::Heading { .. });
    }
    matches!(
        prev.kind,
        BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::TableCell { .. }
    ) && next.kind == BlockKind::Paragraph
        && !ends_sentence(&prev.text)
        && next.text.chars().next().is_some_and(char::is_lowercase)
}

/// Column boundaries this close (in points) are the same.
const SAME_COLUMN: f32 = 3.0;

/// The last table seen: its number, column boundaries and next row.
struct LastTable {
    table: u32,
    columns: Vec<f32>,
    next_row: u32,
}

fn push_text_block(block: Option<RawBlock>, out: &mut Vec<RawBlock>) {
    if let Some(block) = block {
        if !block.text.trim().is_empty() {
            out.push(block);
        }
    }
}

/// Builds the document's blocks from the pages' lines (running headers and footers already removed).
pub fn build_blocks(pages: &[PageLines]) -> Vec<RawBlock> {
    let stats = TextStatistics::measure(pages);
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut next_table = 0u32;
    let mut last_table: Option<LastTable> = None;
    // Document table → index of its first block.
    let mut table_start: HashMap<u32, usize> = HashMap::new();
    for page in pages {
        let first_of_page = blocks.len();
        // The page's tables: local number → (document number, first row).
        let mut tables: HashMap<u32, (u32, u32)> = HashMap::new();
        // A row the page break cut: its cells here join the cells of the previous page.
        let mut split_row: Option<(u32, u32)> = None;
        // A table that goes on from the previous page and repeats its header row here (local number).
        let mut repeated_header: Option<u32> = None;
        // A table that starts the page, with the columns of the table that ended the previous page, goes on.
        if let (Some(last), Some(cell)) = (&last_table, page.lines.first().and_then(|l| l.cell)) {
            let ended_page = matches!(
                blocks.last().map(|b| b.kind),
                Some(BlockKind::TableCell { table, .. }) if table == last.table
            );
            let same_columns = page.tables.get(cell.table as usize).is_some_and(|c| {
                c.len() == last.columns.len()
                    && c.iter()
                        .zip(&last.columns)
                        .all(|(a, b)| (a - b).abs() <= SAME_COLUMN)
            });
            if ended_page && same_columns {
                let start = table_start
                    .get(&last.table)
                    .copied()
                    .unwrap_or(blocks.len());
                if repeats_header(
                    page,
                    cell.table,
                    last.table,
                    &blocks[start.min(blocks.len())..],
                ) {
                    // The header row printed again on this page: read once, at the table's start.
                    tables.insert(cell.table, (last.table, last.next_row.saturating_sub(1)));
                    repeated_header = Some(cell.table);
                } else if row_runs_on(page, cell.table, last.table, &blocks) {
                    let row = last.next_row.saturating_sub(1);
                    tables.insert(cell.table, (last.table, row));
                    split_row = Some((last.table, row));
                } else {
                    tables.insert(cell.table, (last.table, last.next_row));
                }
            }
        }
        let mut cell_block: Option<RawBlock> = None;
        let toc_lines = page
            .lines
            .iter()
            .filter(|l| is_toc_entry(&l.text()))
            .count();
        let toc_page = toc_lines >= 4 && toc_lines * 3 >= page.lines.len();
        let mut draft: Option<Draft<'_>> = None;
        for line in &page.lines {
            if let Some(cell) = line.cell {
                if repeated_header == Some(cell.table) && cell.row == 0 {
                    continue;
                }
                if let Some(done) = draft.take() {
                    finish_draft(done, &stats, &mut blocks);
                }
                let kind = cell_kind(cell, page, &mut tables, &mut next_table, &mut last_table);
                if let BlockKind::TableCell { table, row, col } = kind {
                    if split_row == Some((table, row)) && first_of_page > 0 {
                        if let Some(i) = cell_of_row(&blocks[..first_of_page], table, row, col) {
                            push_text_block(cell_block.take(), &mut blocks);
                            join_line(&mut blocks[i].text, &line.text());
                            continue;
                        }
                    }
                }
                match cell_block.as_mut() {
                    Some(block) if block.kind == kind => join_line(&mut block.text, &line.text()),
                    _ => {
                        push_text_block(cell_block.take(), &mut blocks);
                        cell_block = Some(RawBlock::new(kind, line.text(), Some(page.page)));
                    }
                }
                continue;
            }
            push_text_block(cell_block.take(), &mut blocks);
            match draft.as_mut() {
                Some(d) => {
                    let prev = d.lines.last().copied();
                    if prev.is_some_and(|p| breaks_between(p, line, d, &stats)) {
                        if let Some(done) = draft.take() {
                            finish_draft(done, &stats, &mut blocks);
                        }
                        draft = Some(Draft {
                            page: page.page,
                            toc_page,
                            lines: vec![line],
                        });
                    } else {
                        d.lines.push(line);
                    }
                }
                None => {
                    draft = Some(Draft {
                        page: page.page,
                        toc_page,
                        lines: vec![line],
                    })
                }
            }
        }
        push_text_block(cell_block.take(), &mut blocks);
        if let Some(done) = draft.take() {
            finish_draft(done, &stats, &mut blocks);
        }
        // A paragraph cut by the page break continues on this page.
        if first_of_page > 0
            && first_of_page < blocks.len()
            && continues(&blocks[first_of_page - 1], &blocks[first_of_page])
        {
            let next = blocks.remove(first_of_page);
            join_line(&mut blocks[first_of_page - 1].text, &next.text);
        }
        // (After the join above, which moves the blocks of this page.)
        for (i, block) in blocks.iter().enumerate().skip(first_of_page) {
            if let BlockKind::TableCell { table, .. } = block.kind {
                table_start.entry(table).or_insert(i);
            }
        }
    }
    blocks
}

/// The index of the block of cell (`table`, `row`, `col`) among the last blocks, which are that row's.
fn cell_of_row(blocks: &[RawBlock], table: u32, row: u32, col: u32) -> Option<usize> {
    let in_row = |b: &RawBlock| matches!(b.kind, BlockKind::TableCell { table: t, row: r, .. } if t == table && r == row);
    let start = blocks.len() - blocks.iter().rev().take_while(|b| in_row(b)).count();
    (start..blocks.len())
        .find(|&i| matches!(blocks[i].kind, BlockKind::TableCell { col: c, .. } if c == col))
}

/// The texts of row `row` of a table's cells on a page, by column (lines joined as cell blocks join them).
fn row_texts(page: &PageLines, local: u32, row: u32) -> Vec<(u32, String)> {
    let mut texts: Vec<(u32, String)> = Vec::new();
    for line in &page.lines {
        match line.cell {
            Some(c) if c.table == local && c.row == row => {
                match texts.iter_mut().find(|(col, _)| *col == c.col) {
                    Some((_, text)) => join_line(text, &line.text()),
                    None => texts.push((c.col, line.text())),
                }
            }
            _ => {}
        }
    }
    texts
}

/// Whether the first row of the page's table `local` (which goes on from document table `table`) repeats
/// that table's header: the same text in every cell as the table's first row, and more rows follow.
/// `blocks` starts at the table's first block.
fn repeats_header(page: &PageLines, local: u32, table: u32, blocks: &[RawBlock]) -> bool {
    let first = row_texts(page, local, 0);
    let more_rows = page
        .lines
        .iter()
        .any(|l| l.cell.is_some_and(|c| c.table == local && c.row > 0));
    let header: Vec<(u32, &str)> = blocks
        .iter()
        .map_while(|b| match b.kind {
            BlockKind::TableCell {
                table: t,
                row: 0,
                col,
            } if t == table => Some((col, b.text.as_str())),
            _ => None,
        })
        .collect();
    more_rows
        && !first.is_empty()
        && first.len() == header.len()
        && first.iter().all(|(col, text)| {
            header
                .iter()
                .any(|(c, h)| c == col && normalised(h) == normalised(text))
        })
}

/// Text compared without case and with white space collapsed.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the first row of the page's table `local` (which goes on from document table `table`) is the
/// rest of the previous page's last row: each of its cells starts in lower case and goes on from a cell of
/// that row that does not end a sentence.
fn row_runs_on(page: &PageLines, local: u32, table: u32, blocks: &[RawBlock]) -> bool {
    let Some(BlockKind::TableCell { row, .. }) = blocks.last().map(|b| b.kind) else {
        return false;
    };
    let firsts = row_texts(page, local, 0);
    !firsts.is_empty()
        && firsts.iter().all(|(col, text)| {
            text.chars().next().is_some_and(char::is_lowercase)
                && cell_of_row(blocks, table, row, *col)
                    .is_some_and(|i| !ends_sentence(&blocks[i].text))
        })
}

/// The block kind of a line in `cell`: the table numbered through the document (a new number the first time
/// a page's table is met, unless it goes on from the previous page), the row after the rows of earlier
/// pages.
fn cell_kind(
    cell: Cell,
    page: &PageLines,
    tables: &mut HashMap<u32, (u32, u32)>,
    next_table: &mut u32,
    last_table: &mut Option<LastTable>,
) -> BlockKind {
    let (table, first_row) = *tables.entry(cell.table).or_insert_with(|| {
        let number = *next_table;
        *next_table = next_table.saturating_add(1);
        (number, 0)
    });
    let row = first_row.saturating_add(cell.row);
    let columns = page
        .tables
        .get(cell.table as usize)
        .cloned()
        .unwrap_or_default();
    *last_table = Some(LastTable {
        table,
        columns,
        next_row: row.saturating_add(1),
    });
    BlockKind::TableCell {
        table,
        row,
        col: cell.col,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::pdf::content::{Glyph, PageText};
    use crate::extract::pdf::layout::page_lines;

    fn joined(lines: &[&str]) -> String {
        let mut acc = String::new();
        for l in lines {
            join_line(&mut acc, l);
        }
        acc
    }

    #[test]
    fn hyphenation_is_undone_but_real_hyphens_stay() {
        assert_eq!(
            joined(&["de voortgangs-", "rapportage volgt"]),
            "de voortgangsrapportage volgt"
        );
        assert_eq!(
            joined(&["de prestatie-", "Indicator"]),
            "de prestatie-Indicator"
        );
        assert_eq!(
            joined(&["de Noord-", "Hollandse kust"]),
            "de Noord-Hollandse kust"
        );
        assert_eq!(
            joined(&["Hoofd-", "en onderaanneming"]),
            "Hoofd- en onderaanneming"
        );
        assert_eq!(
            joined(&["business-to-", "business model"]),
            "business-to-business model"
        );
        assert_eq!(joined(&["periode 2024-", "2028"]), "periode 2024-2028");
        assert_eq!(
            joined(&["zie hieronder -", "de tabel"]),
            "zie hieronder - de tabel"
        );
        assert_eq!(joined(&["soft\u{AD}", "hyphen"]), "softhyphen");
        assert_eq!(joined(&["plain", "join"]), "plain join");
    }

    #[test]
    fn numbered_headings_and_their_levels() {
        assert_eq!(numbered_heading_level("3.2 Gunningscriteria"), Some(2));
        assert_eq!(numbered_heading_level("4 Samenwerking"), Some(1));
        assert_eq!(
            numbered_heading_level("Section C.3 Performance Requirements"),
            Some(3)
        );
        assert_eq!(
            numbered_heading_level("Artikel 3.1 – Levering van maatschappelijke ondersteuning"),
            Some(3)
        );
        assert_eq!(
            numbered_heading_level("Hoofdstuk 2: Informatievoorziening"),
            Some(2)
        );
        assert_eq!(numbered_heading_level("Deel 1: Bepalingen"), Some(1));
        assert_eq!(numbered_heading_level("Bijlage 2"), Some(1));
        assert_eq!(numbered_heading_level("C.3 Tasks"), Some(2));
        assert_eq!(numbered_heading_level("3.0 Project Scope"), Some(1));
        assert_eq!(
            numbered_heading_level("[Optioneel:] Artikel 1.7 – 18-/18+"),
            Some(3)
        );
        assert_eq!(numbered_heading_level("4 samenwerking met"), None);
        assert_eq!(numbered_heading_level("A Quick overview"), None);
        assert_eq!(numbered_heading_level("2024 Annual report"), None);
        assert_eq!(numbered_heading_level("De opdrachtnemer"), None);
        assert_eq!(numbered_heading_level("1.3.1"), None);
        assert!(is_toc_entry("Artikel 1.1: Voorwerp van de overeenkomst 8"));
        assert!(is_toc_entry("3.2 Gunningscriteria ........ 12"));
        assert!(!is_toc_entry("Bijlage 2"));
        assert!(!is_toc_entry("3.2 Gunningscriteria"));
    }

    /// Lines from (text, x, baseline, size, bold).
    fn page_from(items: &[(&str, f32, f32, f32, bool)]) -> PageLines {
        let mut page = PageText::default();
        for (text, x, v, size, bold) in items {
            let mut u = *x;
            let w = size * 0.5;
            for c in text.chars() {
                let start = page.text.len() as u32;
                page.text.push(c);
                page.glyphs.push(Glyph {
                    u0: u,
                    u1: u + w,
                    v: *v,
                    size: *size,
                    dir: 0,
                    bold: *bold,
                    start,
                    end: page.text.len() as u32,
                });
                u += w;
            }
        }
        PageLines {
            page: 1,
            height: 800.0,
            lines: page_lines(&page, 600.0),
            tables: Vec::new(),
        }
    }

    #[test]
    fn paragraphs_headings_and_list_items() {
        let page = page_from(&[
            ("Overwegingen", 50.0, 750.0, 16.0, true),
            ("3.2 Gunningscriteria", 50.0, 720.0, 11.0, true),
            (
                "De opdrachtnemer rapporteert elk kwartaal over de voortgangs-",
                50.0,
                700.0,
                11.0,
                false,
            ),
            ("rapportage aan de gemeente en de", 50.0, 686.0, 11.0, false),
            ("wethouder.", 50.0, 672.0, 11.0, false),
            (
                "Een tweede alinea begint na witruimte.",
                50.0,
                640.0,
                11.0,
                false,
            ),
            ("\u{2022} eerste punt", 50.0, 620.0, 11.0, false),
            (
                "\u{2022} tweede punt dat over twee",
                50.0,
                606.0,
                11.0,
                false,
            ),
            ("regels loopt", 62.0, 592.0, 11.0, false),
            ("7.0 Administratie", 50.0, 570.0, 12.0, true),
            ("7.1 Contractbeheer", 50.0, 556.0, 11.0, true),
            ("1.3.1", 50.0, 530.0, 11.0, false),
            (
                "De overeenkomst start op 1 januari.",
                50.0,
                516.0,
                11.0,
                false,
            ),
            ("1. De overeenkomst;", 50.0, 490.0, 11.0, false),
        ]);
        let blocks = build_blocks(&[page]);
        let got: Vec<(BlockKind, &str)> =
            blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading { level: 1 }, "Overwegingen"),
                (BlockKind::Heading { level: 2 }, "3.2 Gunningscriteria"),
                (
                    BlockKind::Paragraph,
                    "De opdrachtnemer rapporteert elk kwartaal over de voortgangsrapportage aan de gemeente en de wethouder."
                ),
                (BlockKind::Paragraph, "Een tweede alinea begint na witruimte."),
                (BlockKind::ListItem { level: 1 }, "eerste punt"),
                (BlockKind::ListItem { level: 1 }, "tweede punt dat over twee regels loopt"),
                (BlockKind::Heading { level: 1 }, "7.0 Administratie"),
                (BlockKind::Heading { level: 2 }, "7.1 Contractbeheer"),
                (BlockKind::Paragraph, "1.3.1 De overeenkomst start op 1 januari."),
                (BlockKind::ListItem { level: 1 }, "1. De overeenkomst;"),
            ]
        );
        assert!(blocks.iter().all(|b| b.page == Some(1)));
    }

    #[test]
    fn numbered_lines_in_capitals_are_headings() {
        let page = page_from(&[
            ("1.0 INSTRUCTIONS TO QUOTERS", 50.0, 700.0, 12.0, false),
            (
                "1.1 Request for Quote: This is a Request for Quotation under the",
                50.0,
                680.0,
                12.0,
                false,
            ),
            (
                "ordering procedures of the schedule.",
                50.0,
                666.0,
                12.0,
                false,
            ),
        ]);
        let blocks = build_blocks(&[page]);
        assert_eq!(blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(blocks[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn bold_emphasis_inside_a_paragraph_does_not_split_it() {
        let page = page_from(&[
            (
                "cloud.gov is seeking to contract a team of dedicated and skilled",
                50.0,
                700.0,
                11.0,
                false,
            ),
            (
                "resources with a capacity to commit at least 6,000 labor hours",
                50.0,
                686.0,
                11.0,
                true,
            ),
            (
                "to assist with the operations and improvement of the platform.",
                50.0,
                672.0,
                11.0,
                false,
            ),
        ]);
        assert_eq!(build_blocks(&[page]).len(), 1);
    }

    #[test]
    fn unbolded_numbered_lines_and_toc_lines_are_not_headings() {
        let page = page_from(&[
            ("Inhoudsopgave", 50.0, 750.0, 11.0, false),
            (
                "Artikel 1.1: Voorwerp van de overeenkomst 8",
                50.0,
                730.0,
                11.0,
                true,
            ),
            ("4 Samenwerking", 50.0, 700.0, 11.0, false),
            ("4.1 A", 50.0, 686.0, 11.0, false),
            (
                "Body text follows here with enough words to be the body.",
                50.0,
                686.0,
                11.0,
                false,
            ),
        ]);
        let blocks = build_blocks(&[page]);
        assert!(
            blocks
                .iter()
                .all(|b| !matches!(b.kind, BlockKind::Heading { .. })),
            "{blocks:?}"
        );
    }

    #[test]
    fn paragraph_cut_by_a_page_break_is_joined() {
        let mut first = page_from(&[(
            "Partijen spreken af dat de opdrachtnemer",
            50.0,
            100.0,
            11.0,
            false,
        )]);
        first.page = 1;
        let mut second = page_from(&[("elk kwartaal rapporteert.", 50.0, 750.0, 11.0, false)]);
        second.page = 2;
        let blocks = build_blocks(&[first, second]);
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].text,
            "Partijen spreken af dat de opdrachtnemer elk kwartaal rapporteert."
        );
        assert_eq!(blocks[0].page, Some(1));
    }
}
