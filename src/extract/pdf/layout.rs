//! Page layout: glyphs → words and segments → lines in reading order.
//!
//! Glyphs are chained in content-stream order while they stay on one baseline and close together; the
//! gap between one glyph's end and the next glyph's start decides whether a space goes between them.
//! Chains are then grouped into rows by baseline (top to bottom) and cut into segments at wide gaps.
//! A region whose rows all split at one vertical gutter, with full lines of prose on both sides, is read
//! as two columns; anything else (tables included) is read row by row.

use super::content::{Glyph, PageText};

/// A gap wider than this fraction of the font size is a word space.
pub const SPACE_GAP: f32 = 0.15;
/// A gap wider than this fraction of the font size separates segments (table cells, columns).
const SEGMENT_GAP: f32 = 1.2;
/// A glyph whose baseline moves by more than this fraction of the font size starts a new line.
const BASELINE_SHIFT: f32 = 0.5;
/// Moving back by more than this fraction of the font size starts a new chain.
const BACKWARD_GAP: f32 = 0.5;

/// A stretch of text on one baseline without wide gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub text: String,
    pub u0: f32,
    pub u1: f32,
    pub v: f32,
    pub size: f32,
    letters: u32,
    bold_letters: u32,
}

impl Segment {
    fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// One line of text in reading order: the segments of one row (or of one column's side of a row).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub segments: Vec<Segment>,
    pub dir: i16,
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
            .max_by_key(|s| s.letters)
            .map_or(0.0, |s| s.v)
    }
    /// Font size, weighted by letters.
    pub fn size(&self) -> f32 {
        let letters: u32 = self.segments.iter().map(|s| s.letters).sum();
        if letters == 0 {
            return self.segments.iter().map(|s| s.size).fold(0.0, f32::max);
        }
        self.segments
            .iter()
            .map(|s| s.size * s.letters as f32)
            .sum::<f32>()
            / letters as f32
    }
    /// Nearly all letters are bold.
    pub fn bold(&self) -> bool {
        let letters: u32 = self.segments.iter().map(|s| s.letters).sum();
        let bold: u32 = self.segments.iter().map(|s| s.bold_letters).sum();
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

/// The lines of one page, with the page's displayed size.
#[derive(Debug, Clone)]
pub struct PageLines {
    /// 1-based page number.
    pub page: u32,
    pub height: f32,
    pub lines: Vec<Line>,
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

fn push_space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

fn letters_in(text: &str) -> u32 {
    text.chars().filter(|c| c.is_alphanumeric()).count() as u32
}

impl Chain {
    fn start(glyph: &Glyph, text: &str) -> Chain {
        let letters = letters_in(text);
        Chain {
            dir: glyph.dir,
            segment: Segment {
                text: text.to_string(),
                u0: glyph.u0.min(glyph.u1),
                u1: glyph.u1.max(glyph.u0),
                v: glyph.v,
                size: glyph.size,
                letters,
                bold_letters: if glyph.bold { letters } else { 0 },
            },
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
        if self.pending_space || gap > SPACE_GAP * size {
            push_space(&mut self.segment.text);
        }
        self.pending_space = false;
        self.segment.text.push_str(text);
        let letters = letters_in(text);
        self.segment.letters += letters;
        if glyph.bold {
            self.segment.bold_letters += letters;
        }
        self.segment.size = self.segment.size.max(glyph.size);
        self.segment.u0 = self.segment.u0.min(glyph.u0.min(glyph.u1));
        self.segment.u1 = self.segment.u1.max(glyph.u1.max(glyph.u0));
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
    out.retain(|(_, s)| !s.text.trim().is_empty());
    for (_, s) in &mut out {
        let trimmed = s.text.trim();
        if trimmed.len() != s.text.len() {
            s.text = trimmed.to_string();
        }
    }
    out
}

/// Segments on one baseline, left to right.
#[derive(Debug)]
struct Row {
    dir: i16,
    segments: Vec<Segment>,
}

/// Groups chains into rows (top to bottom) and merges close chains of a row into segments.
fn rows(mut chains: Vec<(i16, Segment)>) -> Vec<Row> {
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
            if gap > SPACE_GAP * size || gap < -BACKWARD_GAP * size {
                push_space(&mut last.text);
            }
            last.text.push_str(&segment.text);
            last.u1 = last.u1.max(segment.u1);
            last.size = last.size.max(segment.size);
            last.letters += segment.letters;
            last.bold_letters += segment.bold_letters;
        }
        row.segments = merged;
    }
    rows
}

/// A vertical gap that no segment of `rows` crosses, between 35 % and 65 % of the page width, if any.
fn gutter(rows: &[&Row], width: f32) -> Option<f32> {
    if width <= 0.0 {
        return None;
    }
    let lo = (width * 0.35).floor() as i32;
    let hi = (width * 0.65).ceil() as i32;
    let mut best: Option<(i32, i32)> = None;
    let mut run_start: Option<i32> = None;
    for x in lo..=hi {
        let xf = x as f32;
        let crossed = rows
            .iter()
            .flat_map(|r| r.segments.iter())
            .any(|s| s.u0 < xf && s.u1 > xf);
        match (crossed, run_start) {
            (false, None) => run_start = Some(x),
            (true, Some(start)) => {
                if best.is_none_or(|(a, b)| b - a < x - start) {
                    best = Some((start, x));
                }
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run_start {
        if best.is_none_or(|(a, b)| b - a < hi + 1 - start) {
            best = Some((start, hi + 1));
        }
    }
    best.filter(|(a, b)| b - a >= 6)
        .map(|(a, b)| (a + b) as f32 / 2.0)
}

/// Whether segments on one side of a gutter look like a column of prose.
fn is_prose_column(segments: &[&Segment], width: f32) -> bool {
    if segments.len() < 5 {
        return false;
    }
    let words: usize = segments.iter().map(|s| s.word_count()).sum();
    let u0 = segments.iter().map(|s| s.u0).fold(f32::INFINITY, f32::min);
    let u1 = segments
        .iter()
        .map(|s| s.u1)
        .fold(f32::NEG_INFINITY, f32::max);
    words >= 5 * segments.len() && u1 - u0 >= 0.25 * width
}

/// Reading order of the rows of one direction: row by row, except regions laid out as two columns.
fn order_rows(rows: Vec<Row>, width: f32, out: &mut Vec<Line>) {
    let candidate_rows: Vec<&Row> = rows.iter().filter(|r| r.dir == 0).collect();
    // The gutter must be clear in the rows that have text on both halves of the page.
    let split_rows: Vec<&Row> = candidate_rows
        .iter()
        .copied()
        .filter(|r| r.segments.len() >= 2)
        .collect();
    let gutter_x = if split_rows.len() >= 5 {
        gutter(&split_rows, width)
    } else {
        None
    };
    let Some(g) = gutter_x else {
        out.extend(rows.into_iter().map(|r| Line {
            segments: r.segments,
            dir: r.dir,
        }));
        return;
    };
    let crosses = |r: &Row| r.dir != 0 || r.segments.iter().any(|s| s.u0 < g && s.u1 > g);
    let mut i = 0;
    let mut rows: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    while i < rows.len() {
        let is_crossing = rows[i].as_ref().is_none_or(crosses);
        if is_crossing {
            if let Some(row) = rows[i].take() {
                out.push(Line {
                    segments: row.segments,
                    dir: row.dir,
                });
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && !rows[i].as_ref().is_none_or(crosses) {
            i += 1;
        }
        let region: Vec<Row> = rows[start..i].iter_mut().filter_map(Option::take).collect();
        let left: Vec<&Segment> = region
            .iter()
            .flat_map(|r| r.segments.iter())
            .filter(|s| s.u1 <= g)
            .collect();
        let right: Vec<&Segment> = region
            .iter()
            .flat_map(|r| r.segments.iter())
            .filter(|s| s.u0 >= g)
            .collect();
        if is_prose_column(&left, width) && is_prose_column(&right, width) {
            let mut right_lines = Vec::new();
            for row in region {
                let (l, r): (Vec<Segment>, Vec<Segment>) =
                    row.segments.into_iter().partition(|s| s.u1 <= g);
                if !l.is_empty() {
                    out.push(Line {
                        segments: l,
                        dir: 0,
                    });
                }
                if !r.is_empty() {
                    right_lines.push(Line {
                        segments: r,
                        dir: 0,
                    });
                }
            }
            out.extend(right_lines);
        } else {
            out.extend(region.into_iter().map(|r| Line {
                segments: r.segments,
                dir: r.dir,
            }));
        }
    }
}

/// The lines of a page in reading order: horizontal text first, then text in other directions.
pub fn page_lines(page: &PageText, width: f32) -> Vec<Line> {
    let rows = rows(chains(page));
    let mut lines = Vec::with_capacity(rows.len());
    order_rows(rows, width, &mut lines);
    // Horizontal text first; the sort is stable, so each direction keeps its order.
    lines.sort_by_key(|l| if l.dir == 0 { 0 } else { 1 });
    lines
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
