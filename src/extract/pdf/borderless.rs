//! Tables drawn without rules: a run of rows that keeps vertical gutters free, with text on both sides
//! of them in several rows, read cell by cell like a ruled table ([`super::tables`]), so that a cell that
//! wraps over several lines is not interleaved with its neighbours.
//!
//! The checks keep prose, lists and contents pages out: two-column prose is tried first (by the caller);
//! a first column of list numbers or a last column of page numbers is not a table; nor are cells as long
//! as paragraphs (a layout with headings in the margin).

use super::layout::{
    free_intervals, intersect, spans_gutter, text_extent, Cell, Line, Row, Segment,
};

/// A gutter is at least this wide, as a fraction of the font size.
const MIN_GUTTER: f32 = 0.5;
/// Fewest table rows with text in two or more columns.
const MIN_MULTI_COLUMN_ROWS: usize = 3;
/// Fewest rows of a band worth searching for a table (fewer cannot hold one).
pub(super) const MIN_ROWS: usize = MIN_MULTI_COLUMN_ROWS;
/// Fewest rows with text on both sides of a gutter for it to separate columns.
const MIN_SPANNING_ROWS: usize = 2;
/// A gap between baselines of more than this many font sizes ends a region.
const MAX_BASELINE_GAP: f32 = 3.0;
/// A baseline gap this much larger than the region's smallest starts a new table row.
const ROW_BREAK: f32 = 1.15;
/// Most lines of one cell: longer cells are paragraphs beside margin headings, not a table.
const MAX_CELL_LINES: usize = 10;
/// Most columns of one table (a label and twelve months fit; more is a drawing or a form).
const MAX_COLUMNS: usize = 24;

/// A table found in a run of rows: the rows it takes (`start..end`), its lines cell by cell, and its
/// column boundaries.
pub(super) struct Found {
    pub end: usize,
    pub lines: Vec<Line>,
    pub columns: Vec<f32>,
}

/// The table that starts at `rows[i]`, if one does; `lo..hi` is the horizontal extent of the text
/// around it and `table` the number its cells get. `Err(n)`: no table starts at rows `i..n` (`n > i`),
/// so the caller need not look there again (which keeps the search linear on pages of many rows).
pub(super) fn find(
    rows: &[Option<Row>],
    i: usize,
    lo: f32,
    hi: f32,
    table: u32,
) -> Result<Found, usize> {
    let next_row = i + 1;
    let first = rows.get(i).and_then(Option::as_ref).ok_or(next_row)?;
    if first.dir != 0 {
        return Err(next_row);
    }
    // Grow the region while its rows leave vertical bands free; each band counts the rows with text on
    // both sides of it. A row that crosses a band two rows already had text on both sides of (a gutter)
    // ends the region.
    let mut band: Vec<(f32, f32, usize)> = Vec::new();
    let mut end = i;
    let mut prev_v: Option<f32> = None;
    while let Some(Some(row)) = rows.get(end) {
        let size = row.size();
        let v = row.v();
        if row.dir != 0 || prev_v.is_some_and(|p| p - v > MAX_BASELINE_GAP * size || p < v) {
            break;
        }
        let free = free_intervals(row, lo, hi);
        let narrowed: Vec<(f32, f32, usize)> = if end == i {
            free.iter().map(|&(a, b)| (a, b, 0)).collect()
        } else {
            band.iter()
                .flat_map(|&(a, b, n)| {
                    intersect(&[(a, b)], &free)
                        .into_iter()
                        .map(move |(x, y)| (x, y, n))
                })
                .collect()
        };
        let min = MIN_GUTTER * size;
        let next: Vec<(f32, f32, usize)> = narrowed
            .into_iter()
            .filter(|&(a, b, _)| b - a >= min)
            .map(|(a, b, n)| (a, b, n + usize::from(spans_gutter(row, a, b))))
            .collect();
        let crosses_gutter = band.iter().any(|&(a, b, n)| {
            n >= MIN_SPANNING_ROWS && !next.iter().any(|&(x, y, _)| x < b && y > a)
        });
        // Many bands: words scattered over a drawing; stop before the bookkeeping grows.
        if crosses_gutter || next.is_empty() || next.len() > 4 * MAX_COLUMNS {
            break;
        }
        band = next;
        prev_v = Some(v);
        end += 1;
        // A table that starts here has text on both sides of a gutter in its first rows (all but the
        // first, which may be the top line of one header cell); without that, stop early, so that a
        // page of prose costs little at every start.
        let taken = end - i;
        let widest_span = band.iter().map(|&(_, _, n)| n).max().unwrap_or(0);
        if taken <= MIN_MULTI_COLUMN_ROWS && widest_span + 1 < taken {
            break;
        }
    }
    let region: Vec<&Row> = rows[i..end].iter().flatten().collect();
    if region.len() < MIN_MULTI_COLUMN_ROWS {
        return Err(next_row);
    }
    let gutters: Vec<(f32, f32)> = band
        .iter()
        .filter(|&&(_, _, n)| n >= MIN_SPANNING_ROWS)
        .map(|&(a, b, _)| (a, b))
        .collect();
    if gutters.is_empty() {
        return Err(next_row);
    }
    if gutters.len() >= MAX_COLUMNS {
        return Err(end.max(next_row));
    }
    let cuts: Vec<f32> = gutters.iter().map(|&(a, b)| (a + b) / 2.0).collect();
    // Each row's text by column.
    let split: Vec<Vec<Vec<Segment>>> = region.iter().map(|r| split_row(r, &cuts)).collect();
    let groups = group_rows(&region, &split);
    // Cells: (row, column) → lines (segments of one baseline each).
    let columns = cuts.len() + 1;
    let mut cells: Vec<Vec<Vec<Vec<Segment>>>> = Vec::with_capacity(groups.len());
    for group in &groups {
        let mut row_cells: Vec<Vec<Vec<Segment>>> = vec![Vec::new(); columns];
        for &k in group {
            for (c, pieces) in split[k].iter().enumerate() {
                if !pieces.is_empty() {
                    row_cells[c].push(pieces.clone());
                }
            }
        }
        cells.push(row_cells);
    }
    // Rows at either end with text in one column only are not part of the table (a heading or the
    // last line of a paragraph next to it).
    let filled = |row: &Vec<Vec<Vec<Segment>>>| row.iter().filter(|c| !c.is_empty()).count();
    let Some(first_multi) = cells.iter().position(|r| filled(r) >= 2) else {
        return Err(end);
    };
    let last_multi = cells
        .iter()
        .rposition(|r| filled(r) >= 2)
        .unwrap_or(first_multi);
    // The region may only shrink at its end (the caller reads from `i` on); leading one-column rows
    // mean the table starts later, at the first row of two columns or more.
    if first_multi != 0 {
        return Err(i + groups[..first_multi].iter().map(Vec::len).sum::<usize>());
    }
    let cells = &cells[..=last_multi];
    let kept_rows: usize = groups[..=last_multi].iter().map(Vec::len).sum();
    if cells.iter().filter(|r| filled(r) >= 2).count() < MIN_MULTI_COLUMN_ROWS
        || cells
            .iter()
            .flatten()
            .any(|lines| lines.len() > MAX_CELL_LINES)
        || is_list_or_contents(cells)
    {
        // Not a table; neither is any part of the region that starts later.
        return Err(end.max(next_row));
    }
    let mut lines = Vec::new();
    for (r, row_cells) in cells.iter().enumerate() {
        for (c, cell_lines) in row_cells.iter().enumerate() {
            for pieces in cell_lines {
                lines.push(Line {
                    segments: pieces.clone(),
                    dir: 0,
                    cell: Some(Cell {
                        table,
                        row: r as u32,
                        col: c as u32,
                    }),
                });
            }
        }
    }
    let (left, right) = text_extent(region.iter().copied());
    let mut boundaries = Vec::with_capacity(columns + 1);
    boundaries.push(left);
    boundaries.extend(cuts);
    boundaries.push(right);
    // The region's rows are consecutive (a gap in `rows` ends it).
    let end = i + kept_rows;
    Ok(Found {
        end,
        lines,
        columns: boundaries,
    })
}

/// A row's segments cut at the gutters, by column.
fn split_row(row: &Row, cuts: &[f32]) -> Vec<Vec<Segment>> {
    let mut out: Vec<Vec<Segment>> = vec![Vec::new(); cuts.len() + 1];
    for segment in &row.segments {
        let mut rest = Some(segment.clone());
        for (c, &x) in cuts.iter().enumerate() {
            let Some(s) = rest.take() else { break };
            let (left, right) = s.split_at(x);
            out[c].extend(left);
            rest = right;
        }
        out[cuts.len()].extend(rest);
    }
    out
}

/// Groups the region's rows (baselines) into table rows: at a baseline gap clearly larger than the
/// smallest, and — unless such gaps set the rows apart — where the first column has text.
fn group_rows(region: &[&Row], split: &[Vec<Vec<Segment>>]) -> Vec<Vec<usize>> {
    let vs: Vec<f32> = region.iter().map(|r| r.v()).collect();
    let gaps: Vec<f32> = vs.windows(2).map(|w| w[0] - w[1]).collect();
    let smallest = gaps
        .iter()
        .copied()
        .filter(|g| *g > 0.0)
        .fold(f32::INFINITY, f32::min);
    // Rows set apart by extra space: the wider gaps separate rows, the others are lines of one cell.
    // Wider gaps only under the header and above the last row (a total) do not set the other rows apart.
    let wide: Vec<usize> = (0..gaps.len())
        .filter(|&k| gaps[k] > ROW_BREAK * smallest)
        .collect();
    let only_header_and_total = wide.iter().all(|&k| k == 0 || k + 1 == gaps.len());
    let spaced = wide.len() >= 2 && !only_header_and_total;
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for k in 0..region.len() {
        let new_row =
            k == 0 || gaps[k - 1] > ROW_BREAK * smallest || (!spaced && !split[k][0].is_empty());
        match groups.last_mut() {
            Some(group) if !new_row => group.push(k),
            _ => groups.push(vec![k]),
        }
    }
    groups
}

/// A list or clause number or a bullet: "•", "a)", "D.", "(iv)", "3.2.1", "10.1.".
fn is_marker(token: &str) -> bool {
    let short = token.chars().count() <= 4
        && token
            .chars()
            .any(|c| c.is_ascii_digit() || !c.is_alphanumeric());
    let number = token.chars().count() <= 12
        && token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '(' | ')'));
    let bare = token.trim_matches(|c| matches!(c, '(' | ')' | '.'));
    let roman = bare.len() < token.len()
        && !bare.is_empty()
        && bare.len() <= 6
        && bare.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    short || number || roman
}

/// A first column of list numbers or bullets, or rows that end in page numbers: a list or a table of
/// contents, read as such.
fn is_list_or_contents(cells: &[Vec<Vec<Vec<Segment>>>]) -> bool {
    let texts = |c: usize| -> Vec<String> {
        cells
            .iter()
            .filter_map(|row| row.get(c))
            .filter(|lines| !lines.is_empty())
            .map(|lines| {
                lines
                    .iter()
                    .flatten()
                    .map(|s| s.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    if cells.is_empty() {
        return false;
    }
    // "1.", "a)", "(iv)", "•", "D." — also several in one cell, where a nested list's bullets or an
    // item of one line share the column.
    let marker = |t: &String| t.split_whitespace().all(is_marker);
    // A contents page or an index: most rows or most cells end in a page number or range ("21",
    // "257–61", "317n").
    let page_reference = |token: &str| {
        let token = token.trim_end_matches([',', '.', ';']);
        !token.is_empty()
            && token.len() <= 12
            && token.starts_with(|c: char| c.is_ascii_digit())
            && token
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, 'n' | '–' | '-'))
    };
    let filled: Vec<&Vec<Vec<Segment>>> =
        cells.iter().flatten().filter(|l| !l.is_empty()).collect();
    let referencing = filled
        .iter()
        .filter(|lines| {
            lines
                .last()
                .and_then(|pieces| pieces.last())
                .and_then(|s| s.text.split_whitespace().last())
                .is_some_and(page_reference)
        })
        .count();
    let ends_in_page_reference = |row: &Vec<Vec<Vec<Segment>>>| {
        row.iter()
            .rev()
            .find(|lines| !lines.is_empty())
            .and_then(|lines| lines.last())
            .and_then(|pieces| pieces.last())
            .and_then(|s| s.text.split_whitespace().last())
            .is_some_and(page_reference)
    };
    let first = texts(0);
    (!first.is_empty() && first.iter().all(marker))
        || referencing * 5 >= filled.len() * 3
        || cells.iter().filter(|r| ends_in_page_reference(r)).count() * 4 >= cells.len() * 3
}

#[cfg(test)]
mod tests {
    use super::is_marker;

    #[test]
    fn list_and_clause_numbers_are_markers() {
        for token in [
            "•", "-", "1.", "a)", "D.", "(iv)", "xii.", "3.2.1", "10.1.", "(12)",
        ] {
            assert!(is_marker(token), "{token}");
        }
        for token in ["KPI", "Stadhuis", "2027),", "Annual", "Mix", "12,5%x"] {
            assert!(!is_marker(token), "{token}");
        }
    }
}
