//! Ruled tables: cells found from the page's ruling lines, each cell's text kept whole.
//!
//! Rules that touch one another form a grid: the distinct x positions of its vertical rules and the y
//! positions of its horizontal rules. An edge of the grid exists where rules cover it; neighbouring grid cells without an edge
//! between them are one merged cell. Text whose middle falls in a cell closed on all sides belongs to that
//! cell, and is read cell by cell, row by row, each cell's lines top to bottom.
//!
//! A false table on prose does more harm than a missed table, so a grid is taken as a table only when
//! at least two of its rows have text in two or more cells (or one row of cells of a few lines), its cells
//! are rectangles, no word straddles a drawn cell border, and its cells hold short texts (a framed page of
//! two prose columns is not a table).
//! Tables without rules, or without side borders, are not found here: they read row by row.

use super::layout::{rows, Cell, Line, Segment};
use super::ruling::Rule;
use std::collections::HashMap;

/// Rules closer than this (in points) are at the same position, or touch.
const SNAP: f32 = 2.0;
/// An edge counts as drawn when rules cover it except for this much at each end.
const EDGE_SLACK: f32 = 2.5;
/// Gaps up to this size inside a drawn edge are ignored (dashed lines, joins).
const EDGE_GAP: f32 = 1.5;
/// Pages with more rules than this are drawings, not tables (grouping is quadratic in rules at worst).
const MAX_RULES_FOR_TABLES: usize = 5000;
/// Most grid columns and rows of one table.
const MAX_GRID_COLUMNS: usize = 64;
const MAX_GRID_ROWS: usize = 1000;
/// Fewest rows with text in at least two cells.
const MIN_FILLED_ROWS: usize = 2;
/// A table with only one such row (the last row of a table the page break cuts) has cells of at most
/// this many lines, and not of one character each (the boxes of a comb field).
const MAX_SINGLE_ROW_LINES: usize = 4;
/// Cells whose median line count is above this are prose in a frame, not a table.
const MAX_MEDIAN_CELL_LINES: usize = 8;
/// Most lines of any one cell.
const MAX_CELL_LINES: usize = 60;
/// Where in a line's height its vertical position is probed, as a fraction of the font size above the
/// baseline.
const PROBE_RISE: f32 = 0.3;

/// Chains of glyphs with their text direction, as the layout makes them.
type Chains = Vec<(i16, Segment)>;

/// A merged cell: grid rows `top..=bottom` (from the top), grid columns `left..=right`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Region {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
    closed: bool,
}

/// A grid of rules.
#[derive(Debug)]
struct Grid {
    /// Column boundaries, left to right.
    xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    ys: Vec<f32>,
    /// For each grid cell (row-major), its region.
    region_of: Vec<usize>,
    regions: Vec<Region>,
    /// Whether the vertical edge at column boundary `c` is drawn in grid row `r`: `[r * xs.len() + c]`.
    vertical: Vec<bool>,
}

/// A table found on a page: its lines (tagged with their cells) and where it sits.
#[derive(Debug)]
pub struct PageTable {
    pub lines: Vec<Line>,
    /// The baseline of its highest line of text: text above it is read before the table (even inside the
    /// table's frame, in a cell that is not closed), the rest after it.
    pub top: f32,
    /// The column boundaries, left to right.
    pub columns: Vec<f32>,
}

impl Grid {
    fn columns(&self) -> usize {
        self.xs.len() - 1
    }

    /// The grid cell index containing `(x, y)`, if any.
    fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| x >= w[0] && x < w[1])?;
        let r = self.ys.windows(2).position(|w| y <= w[0] && y > w[1])?;
        Some(r * self.columns() + c)
    }

    /// The grid row containing `y`, if any.
    fn row_at(&self, y: f32) -> Option<usize> {
        self.ys.windows(2).position(|w| y <= w[0] && y > w[1])
    }
}

/// Union-find root with path halving.
fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn touch(a: &Rule, b: &Rule) -> bool {
    a.x0 - SNAP <= b.x1 && b.x0 - SNAP <= a.x1 && a.y0 - SNAP <= b.y1 && b.y0 - SNAP <= a.y1
}

/// Sorted values merged where they lie within [`SNAP`] of the previous one (each cluster's mean).
fn clusters(mut values: Vec<f32>) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((last, sum, n)) if v - *last <= SNAP => {
                *last = v;
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, v, 1)),
        }
    }
    out.into_iter().map(|(_, sum, n)| sum / n as f32).collect()
}

/// Whether the intervals (sorted by start) cover `[lo + EDGE_SLACK, hi - EDGE_SLACK]`, allowing small
/// gaps.
fn covers(intervals: &[(f32, f32)], lo: f32, hi: f32) -> bool {
    let (lo, hi) = (lo + EDGE_SLACK, hi - EDGE_SLACK);
    if hi <= lo {
        return true;
    }
    let mut reached = lo;
    for &(a, b) in intervals {
        if a > reached + EDGE_GAP {
            break;
        }
        reached = reached.max(b);
        if reached >= hi {
            return true;
        }
    }
    false
}

fn sorted(mut intervals: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
    intervals
}

/// The grids formed by connected rules, top first.
fn grids(rules: &[Rule]) -> Vec<Grid> {
    if rules.len() > MAX_RULES_FOR_TABLES {
        return Vec::new();
    }
    // Sweep bottom to top: a rule can only touch rules that start below its top.
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by(|&a, &b| rules[a].y0.total_cmp(&rules[b].y0));
    let mut parent: Vec<usize> = (0..rules.len()).collect();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if rules[j].y0 - SNAP > rules[i].y1 {
                break;
            }
            if touch(&rules[i], &rules[j]) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Vec<Rule>> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        let g = *group_of.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(*rule);
    }
    let mut out: Vec<Grid> = groups.iter().filter_map(|members| grid(members)).collect();
    out.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
    out
}

/// The grid of one group of touching rules, if it has at least two columns and two rows.
fn grid(rules: &[Rule]) -> Option<Grid> {
    let hs: Vec<&Rule> = rules.iter().filter(|r| r.horizontal()).collect();
    let vs: Vec<&Rule> = rules.iter().filter(|r| r.vertical()).collect();
    if hs.len() < 2 || vs.is_empty() {
        return None;
    }
    let xs = clusters(vs.iter().map(|r| r.x0).collect());
    let mut ys = clusters(hs.iter().map(|r| r.y0).collect());
    ys.reverse();
    if xs.len() < 3
        || ys.len() < 2
        || xs.len() > MAX_GRID_COLUMNS + 1
        || ys.len() > MAX_GRID_ROWS + 1
    {
        return None;
    }
    let (cols, grid_rows) = (xs.len() - 1, ys.len() - 1);
    let near = |a: f32, b: f32| (a - b).abs() <= SNAP;
    let v_at: Vec<Vec<(f32, f32)>> = xs
        .iter()
        .map(|&x| {
            vs.iter()
                .filter(|r| near(r.x0, x))
                .map(|r| (r.y0, r.y1))
                .collect()
        })
        .map(sorted)
        .collect();
    let h_at: Vec<Vec<(f32, f32)>> = ys
        .iter()
        .map(|&y| {
            hs.iter()
                .filter(|r| near(r.y0, y))
                .map(|r| (r.x0, r.x1))
                .collect()
        })
        .map(sorted)
        .collect();
    let mut vertical = vec![false; grid_rows * xs.len()];
    for r in 0..grid_rows {
        for c in 0..xs.len() {
            vertical[r * xs.len() + c] = covers(&v_at[c], ys[r + 1], ys[r]);
        }
    }
    // horizontal[r * cols + c]: the edge at row boundary r over grid column c.
    let mut horizontal = vec![false; ys.len() * cols];
    for r in 0..ys.len() {
        for c in 0..cols {
            horizontal[r * cols + c] = covers(&h_at[r], xs[c], xs[c + 1]);
        }
    }
    let mut parent: Vec<usize> = (0..grid_rows * cols).collect();
    for r in 0..grid_rows {
        for c in 0..cols {
            if c + 1 < cols && !vertical[r * xs.len() + c + 1] {
                union(&mut parent, r * cols + c, r * cols + c + 1);
            }
            if r + 1 < grid_rows && !horizontal[(r + 1) * cols + c] {
                union(&mut parent, r * cols + c, (r + 1) * cols + c);
            }
        }
    }
    let mut regions: Vec<Region> = Vec::new();
    let mut root_region: Vec<Option<usize>> = vec![None; grid_rows * cols];
    let mut region_of = vec![0usize; grid_rows * cols];
    let mut counts: Vec<usize> = Vec::new();
    for r in 0..grid_rows {
        for c in 0..cols {
            let k = r * cols + c;
            let g = root(&mut parent, k);
            let id = match root_region[g] {
                Some(id) => id,
                None => {
                    regions.push(Region {
                        top: r,
                        bottom: r,
                        left: c,
                        right: c,
                        closed: true,
                    });
                    counts.push(0);
                    root_region[g] = Some(regions.len() - 1);
                    regions.len() - 1
                }
            };
            let region = &mut regions[id];
            region.bottom = region.bottom.max(r);
            region.left = region.left.min(c);
            region.right = region.right.max(c);
            counts[id] += 1;
            region_of[k] = id;
        }
    }
    for (region, count) in regions.iter_mut().zip(&counts) {
        let area = (region.bottom - region.top + 1) * (region.right - region.left + 1);
        if area != *count {
            // A merged cell that is not a rectangle: the rules are not a table's.
            return None;
        }
        let top = (region.left..=region.right).all(|c| horizontal[region.top * cols + c]);
        let bottom =
            (region.left..=region.right).all(|c| horizontal[(region.bottom + 1) * cols + c]);
        let left = (region.top..=region.bottom).all(|r| vertical[r * xs.len() + region.left]);
        let right = (region.top..=region.bottom).all(|r| vertical[r * xs.len() + region.right + 1]);
        region.closed = top && bottom && left && right;
    }
    Some(Grid {
        xs,
        ys,
        region_of,
        regions,
        vertical,
    })
}

/// Splits a segment at every column boundary strictly inside it.
fn split_at_columns(segment: Segment, xs: &[f32]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = Some(segment);
    for &x in xs {
        let Some(s) = rest.take() else { break };
        if x <= s.u0 || x >= s.u1 {
            rest = Some(s);
            continue;
        }
        let (left, right) = s.split_at(x);
        out.extend(left);
        rest = right;
    }
    out.extend(rest);
    out
}

/// Takes the text of the page's ruled tables out of `chains`: the chains left, and the tables (top first).
pub fn take_tables(
    chains: Vec<(i16, Segment)>,
    rules: &[Rule],
) -> (Vec<(i16, Segment)>, Vec<PageTable>) {
    let mut pool = chains;
    let mut tables = Vec::new();
    for grid in grids(rules) {
        if let Some((rest, lines)) = fill(&grid, &pool, tables.len() as u32) {
            pool = rest;
            let top = lines.iter().map(Line::v).fold(f32::NEG_INFINITY, f32::max);
            tables.push(PageTable {
                lines,
                top,
                columns: grid.xs.clone(),
            });
        }
    }
    (pool, tables)
}

/// The grid filled with the chains' text: the chains outside its cells, and its lines; `None` if the grid
/// is not a table.
fn fill(grid: &Grid, pool: &[(i16, Segment)], table: u32) -> Option<(Chains, Vec<Line>)> {
    let (x0, x1) = (grid.xs[0], grid.xs[grid.xs.len() - 1]);
    let (top, bottom) = (grid.ys[0], grid.ys[grid.ys.len() - 1]);
    let inner = &grid.xs[1..grid.xs.len() - 1];
    let mut rest: Vec<(i16, Segment)> = Vec::new();
    let mut cells: Vec<Vec<(i16, Segment)>> = vec![Vec::new(); grid.regions.len()];
    for (dir, segment) in pool {
        let probe = segment.v + PROBE_RISE * segment.size;
        let inside =
            *dir == 0 && segment.u1 > x0 && segment.u0 < x1 && probe <= top && probe > bottom;
        if !inside {
            rest.push((*dir, segment.clone()));
            continue;
        }
        if let Some(r) = grid.row_at(probe) {
            // A word across a drawn cell border: the rules are not this text's table.
            for (c, &x) in grid.xs.iter().enumerate() {
                let drawn = grid.vertical[r * grid.xs.len() + c];
                if drawn
                    && segment
                        .word_extents()
                        .any(|(a, b)| a < x - 1.0 && b > x + 1.0)
                {
                    return None;
                }
            }
        }
        for piece in split_at_columns(segment.clone(), inner) {
            let mid = (piece.u0 + piece.u1) / 2.0;
            match grid.cell_at(mid, probe).map(|k| grid.region_of[k]) {
                Some(id) if grid.regions[id].closed => cells[id].push((0, piece)),
                _ => rest.push((0, piece)),
            }
        }
    }
    // Cells with text, in reading order: by top row, then left column.
    let mut order: Vec<usize> = (0..grid.regions.len())
        .filter(|&id| !cells[id].is_empty())
        .collect();
    order.sort_by_key(|&id| (grid.regions[id].top, grid.regions[id].left));
    let mut filled_rows = 0;
    let mut columns_used: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let row_top = grid.regions[order[i]].top;
        let n = order[i..]
            .iter()
            .take_while(|&&id| grid.regions[id].top == row_top)
            .count();
        if n >= 2 {
            filled_rows += 1;
        }
        i += n;
    }
    for &id in &order {
        if !columns_used.contains(&grid.regions[id].left) {
            columns_used.push(grid.regions[id].left);
        }
    }
    if filled_rows == 0 || columns_used.len() < 2 {
        return None;
    }
    let mut lines = Vec::new();
    let mut line_counts = Vec::new();
    let mut letter_counts = Vec::new();
    let mut row = 0u32;
    let mut previous_top = None;
    for &id in &order {
        let region = grid.regions[id];
        if previous_top.is_some_and(|t| t != region.top) {
            row += 1;
        }
        previous_top = Some(region.top);
        let cell = Cell {
            table,
            row,
            col: region.left as u32,
        };
        let cell_rows = rows(std::mem::take(&mut cells[id]));
        line_counts.push(cell_rows.len());
        letter_counts.push(
            cell_rows
                .iter()
                .flat_map(|r| r.segments.iter())
                .map(|s| s.text.chars().filter(|c| c.is_alphanumeric()).count())
                .sum::<usize>(),
        );
        lines.extend(cell_rows.into_iter().map(|r| Line {
            segments: r.segments,
            dir: r.dir,
            cell: Some(cell),
        }));
    }
    line_counts.sort_unstable();
    letter_counts.sort_unstable();
    let median = line_counts[line_counts.len() / 2];
    let most = line_counts.last().copied().unwrap_or(0);
    if median > MAX_MEDIAN_CELL_LINES
        || most > MAX_CELL_LINES
        || (filled_rows < MIN_FILLED_ROWS
            && (most > MAX_SINGLE_ROW_LINES || letter_counts[letter_counts.len() / 2] < 2))
    {
        return None;
    }
    Some((rest, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(x0: f32, x1: f32, y: f32) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }

    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    #[test]
    fn a_ruled_grid_with_a_merged_cell() {
        // Three rows, two columns; the left cell spans the two lower rows.
        let rules = vec![
            h(100.0, 400.0, 700.0),
            h(100.0, 400.0, 650.0),
            h(200.0, 400.0, 600.0),
            h(100.0, 400.0, 550.0),
            v(100.0, 550.0, 700.0),
            v(200.0, 550.0, 700.0),
            v(400.0, 550.0, 700.0),
        ];
        let grids = grids(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, vec![100.0, 200.0, 400.0]);
        assert_eq!(g.ys, vec![700.0, 650.0, 600.0, 550.0]);
        assert_eq!(g.regions.len(), 5);
        let merged = g.regions[g.region_of[g.cell_at(150.0, 580.0).unwrap()]];
        assert_eq!((merged.top, merged.bottom, merged.left), (1, 2, 0));
        assert!(g.regions.iter().all(|r| r.closed));
    }

    #[test]
    fn open_sides_and_lone_lines_make_no_cells() {
        // Horizontal rules only, and a column rule: no closed cells with two columns.
        let rules = vec![
            h(50.0, 550.0, 780.0),
            h(50.0, 550.0, 60.0),
            v(300.0, 60.0, 780.0),
        ];
        assert!(grids(&rules).is_empty());
    }
}
