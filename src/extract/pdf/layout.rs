//! Page layout: glyphs → words and segments → lines in reading order.
//!
//! Glyphs are chained in content-stream order while they stay on one baseline and close together; the
//! gap between one glyph's end and the next glyph's start decides whether a space goes between them.
//! Chains are then grouped into rows by baseline (top to bottom) and cut into segments at wide gaps.
//! Text inside the cells of a ruled table is taken out first and read cell by cell ([`super::tables`]);
//! the rest of the page is read in bands above, between and below the tables. A run of rows that all
//! leave one vertical band free, with lines of prose on both sides, is read as two columns; a run that
//! leaves gutters free with text on both sides in several rows is a table without rules, read cell by
//! cell ([`super::borderless`]); everything else is read row by row.

use super::borderless;
use super::content::{Glyph, PageText};
use super::tables::{take_tables, PageTable};

/// A gap wider than this fraction of the font size is a word space.
pub const SPACE_GAP: f32 = 0.1;
/// A gap wider than this fraction of the font size separates segments (table cells, columns).
const SEGMENT_GAP: f32 = 1.2;
/// A glyph whose baseline moves by more than this fraction of the font size starts a new line.
const BASELINE_SHIFT: f32 = 0.5;
/// Moving back by more than this fraction of the font size starts a new chain.
const BACKWARD_GAP: f32 = 0.5;
/// A column gutter is at least this wide, as a fraction of the font size.
const MIN_GUTTER: f32 = 0.8;
/// Fewest rows with text on both sides of a gutter for a two-column region.
const MIN_COLUMN_ROWS: usize = 5;
/// Pages with more rows than this are read row by row (column detection is quadratic in rows).
const MAX_ROWS_FOR_COLUMNS: usize = 2000;

/// One word of a segment: its extent and its byte range in the segment's text.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Word {
    u0: f32,
    u1: f32,
    start: usize,
    end: usize,
    letters: u32,
    bold_letters: u32,
}

/// A stretch of text on one baseline without wide gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub text: String,
    words: Vec<Word>,
    pub u0: f32,
    pub u1: f32,
    pub v: f32,
    pub size: f32,
}

impl Segment {
    fn word_count(&self) -> usize {
        self.words.len()
    }

    fn letters(&self) -> u32 {
        self.words.iter().map(|w| w.letters).sum()
    }

    fn bold_letters(&self) -> u32 {
        self.words.iter().map(|w| w.bold_letters).sum()
    }

    /// Appends glyph text, as a new word after a space or as part of the last word.
    fn push(&mut self, text: &str, u0: f32, u1: f32, bold: bool, new_word: bool) {
        let letters = letters_in(text);
        let bold_letters = if bold { letters } else { 0 };
        let (lo, hi) = (u0.min(u1), u0.max(u1));
        match self.words.last_mut() {
            Some(word) if !new_word => {
                self.text.push_str(text);
                word.end = self.text.len();
                word.u0 = word.u0.min(lo);
                word.u1 = word.u1.max(hi);
                word.letters += letters;
                word.bold_letters += bold_letters;
            }
            _ => {
                if !self.text.is_empty() {
                    self.text.push(' ');
                }
                let start = self.text.len();
                self.text.push_str(text);
                self.words.push(Word {
                    u0: lo,
                    u1: hi,
                    start,
                    end: self.text.len(),
                    letters,
                    bold_letters,
                });
            }
        }
        self.u0 = self.u0.min(lo);
        self.u1 = self.u1.max(hi);
    }

    /// Appends another segment of the same row, with or without a space between them.
    fn append(&mut self, other: Segment, space: bool) {
        let glued = !space && !self.words.is_empty();
        if space && !self.text.is_empty() {
            self.text.push(' ');
        }
        let offset = self.text.len();
        self.text.push_str(&other.text);
        let mut words = other.words.into_iter();
        if glued {
            if let (Some(last), Some(first)) = (self.words.last_mut(), words.next()) {
                last.end = first.end + offset;
                last.u1 = last.u1.max(first.u1);
                last.letters += first.letters;
                last.bold_letters += first.bold_letters;
            }
        }
        self.words.extend(words.map(|w| Word {
            start: w.start + offset,
            end: w.end + offset,
            ..w
        }));
        self.u0 = self.u0.min(other.u0);
        self.u1 = self.u1.max(other.u1);
        self.size = self.size.max(other.size);
    }

    /// The horizontal extent of each word.
    pub(super) fn word_extents(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        self.words.iter().map(|w| (w.u0, w.u1))
    }

    /// Splits the segment at `x`: words whose middle is left of `x`, and the others.
    pub(super) fn split_at(self, x: f32) -> (Option<Segment>, Option<Segment>) {
        let Some(first_right) = self.words.iter().position(|w| (w.u0 + w.u1) / 2.0 >= x) else {
            return (Some(self), None);
        };
        if first_right == 0 {
            return (None, Some(self));
        }
        let cut = self.words[first_right].start;
        let piece = |words: &[Word], offset: usize, text: &str| -> Segment {
            Segment {
                text: text.to_string(),
                words: words
                    .iter()
                    .map(|w| Word {
                        start: w.start - offset,
                        end: w.end - offset,
                        ..*w
                    })
                    .collect(),
                u0: words.iter().map(|w| w.u0).fold(f32::INFINITY, f32::min),
                u1: words.iter().map(|w| w.u1).fold(f32::NEG_INFINITY, f32::max),
                v: self.v,
                size: self.size,
            }
        };
        let left_text = self.text[..cut].trim_end();
        let left = piece(&self.words[..first_right], 0, left_text);
        let right = piece(&self.words[first_right..], cut, &self.text[cut..]);
        (Some(left), Some(right))
    }
}

/// The table cell a line belongs to: `table` counts the page's tables (ruled or not) from 0 in reading order; `row` counts the
/// table's rows with text from 0; `col` is the cell's first grid column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cell {
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

/// One line of text in reading order: the segments of one row (or of one column's side of a row, or of
/// one table cell).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub segments: Vec<Segment>,
    pub dir: i16,
    pub cell: Option<Cell>,
}

impl Line {
    pub fn u0(&self) -> f32 {
        self.segments.first().map_or(0.0, |s| s.u0)
    }
    pub fn u1(&self) -> f32 {
        self.segments.last().map_or(0.0, |s| s.u1)
    }
    /// Baseline: that of the segment with the most letters.
    pub fn v(&self) -> f32 {
        self.segments
            .iter()
            .max_by_key(|s| s.letters())
            .map_or(0.0, |s| s.v)
    }
    /// Font size, weighted by letters.
    pub fn size(&self) -> f32 {
        let letters: u32 = self.segments.iter().map(Segment::letters).sum();
        if letters == 0 {
            return self.segments.iter().map(|s| s.size).fold(0.0, f32::max);
        }
        self.segments
            .iter()
            .map(|s| s.size * s.letters() as f32)
            .sum::<f32>()
            / letters as f32
    }
    /// Nearly all letters are bold.
    pub fn bold(&self) -> bool {
        let letters: u32 = self.segments.iter().map(Segment::letters).sum();
        let bold: u32 = self.segments.iter().map(Segment::bold_letters).sum();
        letters > 0 && bold * 10 >= letters * 9
    }
    pub fn text(&self) -> String {
        let mut out = String::new();
        for s in &self.segments {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s.text);
        }
        out
    }
}

/// The lines of one page, with the page's displayed height.
#[derive(Debug, Clone)]
pub struct PageLines {
    /// 1-based page number.
    pub page: u32,
    pub height: f32,
    pub lines: Vec<Line>,
    /// The column boundaries of each ruled table on the page (indexed by [`Cell::table`]).
    pub tables: Vec<Vec<f32>>,
}

/// A chain of glyphs from the content stream.
struct Chain {
    dir: i16,
    segment: Segment,
    pen: f32,
    last_v: f32,
    last_size: f32,
    last_u0: f32,
    last_text: (u32, u32),
    pending_space: bool,
}

fn letters_in(text: &str) -> u32 {
    text.chars().filter(|c| c.is_alphanumeric()).count() as u32
}

impl Chain {
    fn start(glyph: &Glyph, text: &str) -> Chain {
        let mut segment = Segment {
            text: String::new(),
            words: Vec::new(),
            u0: glyph.u0.min(glyph.u1),
            u1: glyph.u0.max(glyph.u1),
            v: glyph.v,
            size: glyph.size,
        };
        segment.push(text, glyph.u0, glyph.u1, glyph.bold, true);
        Chain {
            dir: glyph.dir,
            segment,
            pen: glyph.u1,
            last_v: glyph.v,
            last_size: glyph.size,
            last_u0: glyph.u0,
            last_text: (glyph.start, glyph.end),
            pending_space: false,
        }
    }

    /// Whether a glyph continues this chain: same direction and baseline, not far ahead or behind.
    fn accepts(&self, glyph: &Glyph) -> bool {
        if glyph.dir != self.dir {
            return false;
        }
        let size = self.last_size.max(glyph.size).max(0.1);
        let gap = glyph.u0 - self.pen;
        (glyph.v - self.last_v).abs() <= BASELINE_SHIFT * size
            && gap >= -BACKWARD_GAP * size
            && gap <= SEGMENT_GAP * size
    }

    fn add(&mut self, glyph: &Glyph, text: &str, page: &PageText) {
        let size = self.last_size.max(glyph.size).max(0.1);
        // A glyph drawn again on top of the previous one (fake bold) is dropped.
        let same_text = page
            .text
            .get(self.last_text.0 as usize..self.last_text.1 as usize)
            == Some(text);
        if same_text
            && (glyph.u0 - self.last_u0).abs() < 0.15 * size
            && (glyph.v - self.last_v).abs() < 0.1 * size
        {
            return;
        }
        let gap = glyph.u0 - self.pen;
        let new_word = self.pending_space || gap > SPACE_GAP * size;
        self.pending_space = false;
        self.segment
            .push(text, glyph.u0, glyph.u1, glyph.bold, new_word);
        self.segment.size = self.segment.size.max(glyph.size);
        self.pen = glyph.u1;
        self.last_v = glyph.v;
        self.last_size = glyph.size;
        self.last_u0 = glyph.u0;
        self.last_text = (glyph.start, glyph.end);
    }
}

/// Chains glyphs in content-stream order.
fn chains(page: &PageText) -> Vec<(i16, Segment)> {
    let mut out: Vec<(i16, Segment)> = Vec::new();
    let mut current: Option<Chain> = None;
    for glyph in &page.glyphs {
        let text = page.glyph_text(glyph);
        let is_space = !text.is_empty() && text.chars().all(char::is_whitespace);
        if is_space {
            if let Some(chain) = current.as_mut() {
                if chain.accepts(glyph) {
                    chain.pending_space = true;
                    chain.pen = glyph.u1;
                }
            }
            continue;
        }
        // Glyph text with inner whitespace ("a b" from one code) is kept as it is.
        match current.as_mut() {
            Some(chain) if chain.accepts(glyph) => chain.add(glyph, text, page),
            _ => {
                if let Some(done) = current.take() {
                    out.push((done.dir, done.segment));
                }
                current = Some(Chain::start(glyph, text));
            }
        }
    }
    if let Some(done) = current.take() {
        out.push((done.dir, done.segment));
    }
    out.retain(|(_, s)| s.letters() > 0 || !s.text.trim().is_empty());
    out
}

/// Segments on one baseline, left to right.
#[derive(Debug)]
pub(super) struct Row {
    pub dir: i16,
    pub segments: Vec<Segment>,
}

impl Row {
    /// The largest font size of the row (at least 1).
    pub(super) fn size(&self) -> f32 {
        self.segments
            .iter()
            .map(|s| s.size)
            .fold(0.0, f32::max)
            .max(1.0)
    }

    /// The highest baseline of the row's segments.
    pub(super) fn v(&self) -> f32 {
        self.segments
            .iter()
            .map(|s| s.v)
            .fold(f32::NEG_INFINITY, f32::max)
    }
}

/// Groups chains into rows (top to bottom) and merges close chains of a row into segments.
pub(super) fn rows(mut chains: Vec<(i16, Segment)>) -> Vec<Row> {
    chains.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.v.total_cmp(&a.1.v))
            .then(a.1.u0.total_cmp(&b.1.u0))
    });
    let mut rows: Vec<Row> = Vec::new();
    let mut row_v = 0f32;
    let mut row_size = 0f32;
    for (dir, segment) in chains {
        let joins = rows.last().is_some_and(|row| {
            row.dir == dir
                && row_v - segment.v <= BASELINE_SHIFT * row_size.max(segment.size).max(0.1)
        });
        if joins {
            if let Some(row) = rows.last_mut() {
                row_size = row_size.max(segment.size);
                row.segments.push(segment);
            }
        } else {
            row_v = segment.v;
            row_size = segment.size;
            rows.push(Row {
                dir,
                segments: vec![segment],
            });
        }
    }
    for row in &mut rows {
        row.segments.sort_by(|a, b| a.u0.total_cmp(&b.u0));
        let mut merged: Vec<Segment> = Vec::with_capacity(row.segments.len());
        for segment in row.segments.drain(..) {
            let Some(last) = merged.last_mut() else {
                merged.push(segment);
                continue;
            };
            let size = last.size.max(segment.size).max(0.1);
            let gap = segment.u0 - last.u1;
            let overlap = last.u1.min(segment.u1) - last.u0.max(segment.u0);
            let shorter = (last.u1 - last.u0).min(segment.u1 - segment.u0).max(1e-3);
            if overlap > 0.6 * shorter && last.text.contains(segment.text.as_str()) {
                // The same text drawn twice (fake bold, shadows).
                continue;
            }
            if gap > SEGMENT_GAP * size {
                merged.push(segment);
                continue;
            }
            let space = gap > SPACE_GAP * size || gap < -BACKWARD_GAP * size;
            last.append(segment, space);
        }
        row.segments = merged;
    }
    rows
}

/// Free intervals of `[lo, hi]` not covered by any word of the row.
pub(super) fn free_intervals(row: &Row, lo: f32, hi: f32) -> Vec<(f32, f32)> {
    let mut covered: Vec<(f32, f32)> = row
        .segments
        .iter()
        .flat_map(|s| s.words.iter())
        .filter(|w| w.u1 > lo && w.u0 < hi)
        .map(|w| (w.u0, w.u1))
        .collect();
    covered.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut free = Vec::new();
    let mut x = lo;
    for (a, b) in covered {
        if a > x {
            free.push((x, a));
        }
        x = x.max(b);
    }
    if x < hi {
        free.push((x, hi));
    }
    free
}

pub(super) fn intersect(a: &[(f32, f32)], b: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if hi > lo {
                out.push((lo, hi));
            }
        }
    }
    out
}

/// Whether a row has words on both sides of a gutter `[a, b]`.
pub(super) fn spans_gutter(row: &Row, a: f32, b: f32) -> bool {
    let words = || row.segments.iter().flat_map(|s| s.words.iter());
    words().any(|w| w.u1 <= a) && words().any(|w| w.u0 >= b)
}

/// Whether the pieces on one side of a gutter look like a column of prose.
fn is_prose_column(pieces: &[&Segment], width: f32) -> bool {
    if pieces.len() < MIN_COLUMN_ROWS {
        return false;
    }
    let words: usize = pieces.iter().map(|s| s.word_count()).sum();
    let u0 = pieces.iter().map(|s| s.u0).fold(f32::INFINITY, f32::min);
    let u1 = pieces
        .iter()
        .map(|s| s.u1)
        .fold(f32::NEG_INFINITY, f32::max);
    words >= 4 * pieces.len() && u1 - u0 >= 0.2 * width
}

/// Splits a region's rows at the gutter; `Some((left lines, right lines))` if both sides are prose.
fn split_region(region: &[Row], gutter: f32, width: f32) -> Option<(Vec<Line>, Vec<Line>)> {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for row in region {
        let mut l = Vec::new();
        let mut r = Vec::new();
        for segment in &row.segments {
            let (a, b) = segment.clone().split_at(gutter);
            l.extend(a);
            r.extend(b);
        }
        if !l.is_empty() {
            left.push(Line {
                segments: l,
                dir: row.dir,
                cell: None,
            });
        }
        if !r.is_empty() {
            right.push(Line {
                segments: r,
                dir: row.dir,
                cell: None,
            });
        }
    }
    let pieces = |lines: &[Line]| -> Vec<Segment> {
        lines
            .iter()
            .flat_map(|l| l.segments.iter().cloned())
            .collect()
    };
    let (lp, rp) = (pieces(&left), pieces(&right));
    let (lr, rr): (Vec<&Segment>, Vec<&Segment>) = (lp.iter().collect(), rp.iter().collect());
    (is_prose_column(&lr, width) && is_prose_column(&rr, width)).then_some((left, right))
}

/// The leftmost start and the rightmost end of the rows' text.
pub(super) fn text_extent<'a>(rows: impl Iterator<Item = &'a Row> + Clone) -> (f32, f32) {
    let segments = rows.flat_map(|r| r.segments.iter());
    let left = segments.clone().map(|s| s.u0).fold(f32::INFINITY, f32::min);
    let right = segments.map(|s| s.u1).fold(f32::NEG_INFINITY, f32::max);
    (left, right)
}

/// Reading order of the rows: row by row, except runs of rows laid out as two columns and tables without
/// rules (read cell by cell; their column boundaries are added to `tables`, whose length numbers them).
fn order_rows(rows: Vec<Row>, width: f32, out: &mut Vec<Line>, tables: &mut Vec<Vec<f32>>) {
    let horizontal = rows.iter().filter(|r| r.dir == 0).count();
    if width <= 0.0 || horizontal < borderless::MIN_ROWS || rows.len() > MAX_ROWS_FOR_COLUMNS {
        out.extend(rows.into_iter().map(|r| Line {
            segments: r.segments,
            dir: r.dir,
            cell: None,
        }));
        return;
    }
    let (lo, hi) = (0.3 * width, 0.7 * width);
    let free: Vec<Vec<(f32, f32)>> = rows.iter().map(|r| free_intervals(r, lo, hi)).collect();
    let (text_left, text_right) = text_extent(rows.iter());
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    // No table without rules starts before this row (see [`borderless::find`]).
    let mut no_table_before = 0;
    let mut i = 0;
    while i < rows.len() {
        // Grow a region from row i while the rows keep a common free band wide enough for a gutter.
        let mut best: Option<(usize, (f32, f32))> = None;
        let mut band = free[i].clone();
        let mut spanning = 0;
        let mut j = i;
        while j < rows.len() {
            let Some(row) = rows[j].as_ref() else { break };
            if row.dir != 0 {
                break;
            }
            let next = if j == i {
                band.clone()
            } else {
                intersect(&band, &free[j])
            };
            let size = row.size();
            let widest = next
                .iter()
                .copied()
                .max_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)));
            match widest {
                Some((a, b)) if b - a >= MIN_GUTTER * size => {
                    band = next;
                    // The band only narrows, so a row counted as spanning it stays spanning.
                    if spans_gutter(row, a, b) {
                        spanning += 1;
                    }
                    j += 1;
                    if spanning >= MIN_COLUMN_ROWS {
                        best = Some((j, (a, b)));
                    }
                }
                _ => break,
            }
        }
        if let Some((end, (a, b))) = best {
            let region: Vec<Row> = rows[i..end].iter_mut().filter_map(Option::take).collect();
            match split_region(&region, (a + b) / 2.0, width) {
                Some((left, right)) => {
                    out.extend(left);
                    out.extend(right);
                    i = end;
                    continue;
                }
                None => {
                    // Not prose: put the rows back and read the first one row-wise.
                    for (slot, row) in rows[i..end].iter_mut().zip(region) {
                        *slot = Some(row);
                    }
                }
            }
        }
        if i >= no_table_before {
            let number = u32::try_from(tables.len()).unwrap_or(u32::MAX);
            match borderless::find(&rows, i, text_left, text_right, number) {
                Ok(found) => {
                    out.extend(found.lines);
                    tables.push(found.columns);
                    for slot in &mut rows[i..found.end] {
                        *slot = None;
                    }
                    i = found.end;
                    continue;
                }
                Err(next) => no_table_before = next,
            }
        }
        if let Some(row) = rows[i].take() {
            out.push(Line {
                segments: row.segments,
                dir: row.dir,
                cell: None,
            });
        }
        i += 1;
    }
}

/// The lines of a page in reading order: horizontal text first, then text in other directions.
#[cfg(test)]
pub fn page_lines(page: &PageText, width: f32) -> Vec<Line> {
    page_layout(page, width).0
}

/// The lines of a page in reading order (horizontal text first, then text in other directions), and the
/// column boundaries of the page's ruled tables. Each table's lines come where the table starts: the
/// text above it is read before it, the text beside and below it after it.
pub fn page_layout(page: &PageText, width: f32) -> (Vec<Line>, Vec<Vec<f32>>) {
    let (rest, tables) = take_tables(chains(page), &page.rules);
    let rows = rows(rest);
    let mut lines = Vec::with_capacity(rows.len());
    let mut bands: Vec<Vec<Row>> = (0..=tables.len()).map(|_| Vec::new()).collect();
    for row in rows {
        let v = row.v();
        let band = if row.dir == 0 {
            tables.iter().filter(|t| t.top > v).count()
        } else {
            tables.len()
        };
        bands[band].push(row);
    }
    let mut shapes = Vec::with_capacity(tables.len());
    let mut tables = tables.into_iter();
    for band in bands {
        order_rows(band, width, &mut lines, &mut shapes);
        if let Some(PageTable {
            lines: cells,
            columns,
            ..
        }) = tables.next()
        {
            // Tables are numbered in reading order, the ruled ones among those without rules.
            let number = u32::try_from(shapes.len()).unwrap_or(u32::MAX);
            lines.extend(cells.into_iter().map(|mut line| {
                if let Some(cell) = line.cell.as_mut() {
                    cell.table = number;
                }
                line
            }));
            shapes.push(columns);
        }
    }
    // Horizontal text first; the sort is stable, so each direction keeps its order.
    lines.sort_by_key(|l| if l.dir == 0 { 0 } else { 1 });
    (lines, shapes)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A page with glyphs of one size placed by (text, u0, v); each character is `width` wide.
    pub(crate) fn page(items: &[(&str, f32, f32)], size: f32, width: f32) -> PageText {
        let mut page = PageText::default();
        for (text, u0, v) in items {
            let mut u = *u0;
            for c in text.chars() {
                let start = page.text.len() as u32;
                page.text.push(c);
                page.glyphs.push(Glyph {
                    u0: u,
                    u1: u + width,
                    v: *v,
                    size,
                    dir: 0,
                    bold: false,
                    start,
                    end: page.text.len() as u32,
                });
                u += width;
            }
        }
        page
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn gaps_decide_spaces() {
        // 10 pt text, 5 pt glyphs: a 1 pt gap is kerning, a 2.5 pt gap is a word space.
        let p = page(
            &[("ab", 0.0, 100.0), ("cd", 11.0, 100.0), ("ef", 23.5, 100.0)],
            10.0,
            5.0,
        );
        assert_eq!(texts(&page_lines(&p, 600.0)), vec!["abcd ef"]);
    }

    #[test]
    fn explicit_space_glyphs_count() {
        let p = page(&[("ab cd", 0.0, 100.0)], 10.0, 5.0);
        assert_eq!(texts(&page_lines(&p, 600.0)), vec!["ab cd"]);
    }

    #[test]
    fn baseline_changes_break_lines_and_rows_sort_top_down() {
        let p = page(
            &[
                ("second", 0.0, 88.0),
                ("first", 0.0, 100.0),
                ("third", 0.0, 76.0),
            ],
            10.0,
            5.0,
        );
        assert_eq!(
            texts(&page_lines(&p, 600.0)),
            vec!["first", "second", "third"]
        );
    }

    #[test]
    fn superscripts_stay_on_their_line() {
        let mut p = page(&[("word", 0.0, 100.0), ("more", 27.0, 100.0)], 10.0, 5.0);
        let mut sup = page(&[("1", 20.0, 104.0)], 6.0, 3.0);
        sup.glyphs[0].start += p.text.len() as u32;
        sup.glyphs[0].end += p.text.len() as u32;
        p.text.push_str(&sup.text);
        p.glyphs.insert(4, sup.glyphs[0]);
        assert_eq!(texts(&page_lines(&p, 600.0)), vec!["word1 more"]);
    }

    #[test]
    fn text_drawn_twice_is_kept_once() {
        let p = page(&[("Bold", 0.0, 100.0), ("Bold", 0.3, 100.2)], 10.0, 5.0);
        assert_eq!(texts(&page_lines(&p, 600.0)), vec!["Bold"]);
    }

    #[test]
    fn table_rows_read_row_by_row() {
        let p = page(
            &[
                ("KPI", 50.0, 700.0),
                ("Norm", 300.0, 700.0),
                ("Uptime", 50.0, 680.0),
                ("99%", 300.0, 680.0),
            ],
            10.0,
            5.0,
        );
        let lines = page_lines(&p, 600.0);
        assert_eq!(texts(&lines), vec!["KPI Norm", "Uptime 99%"]);
        assert_eq!(lines[0].segments.len(), 2);
    }

    #[test]
    fn two_prose_columns_read_column_by_column() {
        let mut items = Vec::new();
        let left = [
            "left one two three four five",
            "left six seven eight nine ten",
        ];
        let right = [
            "right one two three four five",
            "right six seven eight nine ten",
        ];
        for i in 0..6 {
            let v = 700.0 - 12.0 * i as f32;
            items.push((left[i % 2], 50.0, v));
            items.push((right[i % 2], 320.0, v));
        }
        let p = page(&items, 10.0, 6.0);
        let lines = page_lines(&p, 600.0);
        let t = texts(&lines);
        assert_eq!(t.len(), 12);
        assert!(t[..6].iter().all(|l| l.starts_with("left")), "{t:?}");
        assert!(t[6..].iter().all(|l| l.starts_with("right")), "{t:?}");
    }
}
