//! Ruling lines: the straight horizontal and vertical strokes, and the thin filled rectangles, a page
//! draws (table borders, cell edges), collected from the content stream's path
//! operators so that the layout can find tables. Curves, slanted lines and invisible (white) paint are
//! not rules. Everything is bounded: points per path, rules per page.

/// A horizontal (`y0 == y1`) or vertical (`x0 == x1`) line on the displayed page, `x0 <= x1`, `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        self.y0 == self.y1 && self.x1 > self.x0
    }
    pub fn vertical(&self) -> bool {
        self.x0 == self.x1 && self.y1 > self.y0
    }
}

/// Most rules kept for one page.
pub const MAX_RULES: usize = 20_000;
/// Most points kept in one path; later ones are dropped.
const MAX_PATH_POINTS: usize = 4096;
/// A filled rectangle at most this thick is a rule along its long side.
const MAX_RULE_THICKNESS: f32 = 3.0;
/// Shorter lines are not rules (dots, bullets, tick marks).
const MIN_RULE_LENGTH: f32 = 3.0;
/// How far a line may lean and still count as horizontal or vertical.
const AXIS_TOLERANCE: f32 = 0.5;

#[derive(Debug, Clone, Copy)]
struct Piece {
    a: (f32, f32),
    b: (f32, f32),
    straight: bool,
}

#[derive(Debug, Default)]
struct Subpath {
    start: (f32, f32),
    pieces: Vec<Piece>,
    closed: bool,
}

impl Subpath {
    fn current(&self) -> (f32, f32) {
        self.pieces.last().map_or(self.start, |p| p.b)
    }
}

/// The path under construction (between `m`/`re` and a painting operator), in display coordinates.
#[derive(Debug, Default)]
pub struct PathBuilder {
    subpaths: Vec<Subpath>,
    points: usize,
}

/// How a path is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    Stroke,
    Fill,
    FillAndStroke,
}

impl PathBuilder {
    fn full(&mut self) -> bool {
        self.points += 1;
        self.points > MAX_PATH_POINTS
    }

    pub fn move_to(&mut self, p: (f32, f32)) {
        if self.full() {
            return;
        }
        self.subpaths.push(Subpath {
            start: p,
            ..Subpath::default()
        });
    }

    fn add(&mut self, p: (f32, f32), straight: bool) {
        if self.full() {
            return;
        }
        let Some(sub) = self.subpaths.last_mut() else {
            // A line without a current point: PDF says it is an error; start the subpath there.
            self.subpaths.push(Subpath {
                start: p,
                ..Subpath::default()
            });
            return;
        };
        let a = sub.current();
        sub.pieces.push(Piece { a, b: p, straight });
    }

    pub fn line_to(&mut self, p: (f32, f32)) {
        self.add(p, true);
    }

    /// A Bézier curve ending at `p` (only its end point matters).
    pub fn curve_to(&mut self, p: (f32, f32)) {
        self.add(p, false);
    }

    pub fn close(&mut self) {
        if let Some(sub) = self.subpaths.last_mut() {
            sub.closed = true;
        }
    }

    /// A rectangle (`re`) given by its four transformed corners in drawing order.
    pub fn rect(&mut self, corners: [(f32, f32); 4]) {
        if self.full() {
            return;
        }
        let [c0, c1, c2, c3] = corners;
        let piece = |a, b| Piece {
            a,
            b,
            straight: true,
        };
        self.subpaths.push(Subpath {
            start: c0,
            pieces: vec![piece(c0, c1), piece(c1, c2), piece(c2, c3)],
            closed: true,
        });
    }

    /// Paints and ends the path: the rules it draws go to `out` (at most [`MAX_RULES`]), within `visible`
    /// (`[x0, y0, x1, y1]`).
    pub fn paint(&mut self, paint: Paint, visible: Option<[f32; 4]>, out: &mut Vec<Rule>) {
        let subpaths = std::mem::take(&mut self.subpaths);
        self.points = 0;
        for sub in &subpaths {
            let mut pieces = sub.pieces.clone();
            let end = sub.current();
            if sub.closed && end != sub.start {
                pieces.push(Piece {
                    a: end,
                    b: sub.start,
                    straight: true,
                });
            }
            if matches!(paint, Paint::Stroke | Paint::FillAndStroke) {
                for p in pieces.iter().filter(|p| p.straight) {
                    push_line(p.a, p.b, visible, out);
                }
            }
            if matches!(paint, Paint::Fill | Paint::FillAndStroke) {
                fill_rules(&pieces, visible, out);
            }
        }
    }

    /// Ends the path without painting it (`n`, after a clip).
    pub fn discard(&mut self) {
        self.subpaths.clear();
        self.points = 0;
    }
}

/// The rule a filled subpath draws: one made only of horizontal and vertical pieces and thin is a rule
/// along its length. Shaded boxes are not rules (column highlights and callouts would make false cells).
fn fill_rules(pieces: &[Piece], visible: Option<[f32; 4]>, out: &mut Vec<Rule>) {
    if pieces.len() < 2 || pieces.len() > 8 {
        return;
    }
    let axis = |p: &Piece| {
        p.straight
            && ((p.a.0 - p.b.0).abs() <= AXIS_TOLERANCE || (p.a.1 - p.b.1).abs() <= AXIS_TOLERANCE)
    };
    if !pieces.iter().all(axis) {
        return;
    }
    let xs = pieces.iter().flat_map(|p| [p.a.0, p.b.0]);
    let ys = pieces.iter().flat_map(|p| [p.a.1, p.b.1]);
    let x0 = xs.clone().fold(f32::INFINITY, f32::min);
    let x1 = xs.fold(f32::NEG_INFINITY, f32::max);
    let y0 = ys.clone().fold(f32::INFINITY, f32::min);
    let y1 = ys.fold(f32::NEG_INFINITY, f32::max);
    let (w, h) = (x1 - x0, y1 - y0);
    if !(w.is_finite() && h.is_finite()) {
        return;
    }
    if h <= MAX_RULE_THICKNESS && w >= MIN_RULE_LENGTH {
        let y = (y0 + y1) / 2.0;
        push_line((x0, y), (x1, y), visible, out);
    } else if w <= MAX_RULE_THICKNESS && h >= MIN_RULE_LENGTH {
        let x = (x0 + x1) / 2.0;
        push_line((x, y0), (x, y1), visible, out);
    }
}

/// Adds the line from `a` to `b` if it is horizontal or vertical and long enough, cut to `visible`.
fn push_line(a: (f32, f32), b: (f32, f32), visible: Option<[f32; 4]>, out: &mut Vec<Rule>) {
    if out.len() >= MAX_RULES {
        return;
    }
    let finite = [a.0, a.1, b.0, b.1]
        .iter()
        .all(|v| v.is_finite() && v.abs() < 1e7);
    if !finite {
        return;
    }
    let (mut x0, mut x1) = (a.0.min(b.0), a.0.max(b.0));
    let (mut y0, mut y1) = (a.1.min(b.1), a.1.max(b.1));
    let horizontal = y1 - y0 <= AXIS_TOLERANCE && x1 - x0 >= MIN_RULE_LENGTH;
    let vertical = x1 - x0 <= AXIS_TOLERANCE && y1 - y0 >= MIN_RULE_LENGTH;
    if horizontal {
        let y = (y0 + y1) / 2.0;
        (y0, y1) = (y, y);
    } else if vertical {
        let x = (x0 + x1) / 2.0;
        (x0, x1) = (x, x);
    } else {
        return;
    }
    if let Some([vx0, vy0, vx1, vy1]) = visible {
        if x1 < vx0 || x0 > vx1 || y1 < vy0 || y0 > vy1 {
            return;
        }
        (x0, x1) = (x0.max(vx0), x1.min(vx1));
        (y0, y1) = (y0.max(vy0), y1.min(vy1));
        let long_enough = if horizontal {
            x1 - x0 >= MIN_RULE_LENGTH
        } else {
            y1 - y0 >= MIN_RULE_LENGTH
        };
        if !long_enough {
            return;
        }
    }
    out.push(Rule { x0, y0, x1, y1 });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strokes_and_thin_fills_become_rules() {
        let mut path = PathBuilder::default();
        let mut out = Vec::new();
        // A stroked L: two rules; a diagonal and a curve: none.
        path.move_to((10.0, 10.0));
        path.line_to((10.0, 100.0));
        path.line_to((200.0, 100.0));
        path.line_to((250.0, 150.0));
        path.curve_to((300.0, 100.0));
        path.paint(Paint::Stroke, None, &mut out);
        assert_eq!(
            out,
            vec![
                Rule {
                    x0: 10.0,
                    y0: 10.0,
                    x1: 10.0,
                    y1: 100.0
                },
                Rule {
                    x0: 10.0,
                    y0: 100.0,
                    x1: 200.0,
                    y1: 100.0
                }
            ]
        );
        out.clear();
        // A thin filled rectangle is one rule along its middle.
        path.rect([(0.0, 50.0), (100.0, 50.0), (100.0, 51.0), (0.0, 51.0)]);
        path.paint(Paint::Fill, None, &mut out);
        assert_eq!(
            out,
            vec![Rule {
                x0: 0.0,
                y0: 50.5,
                x1: 100.0,
                y1: 50.5
            }]
        );
        out.clear();
        // A filled box is not a rule.
        let square = [(0.0, 0.0), (50.0, 0.0), (50.0, 20.0), (0.0, 20.0)];
        path.rect(square);
        path.paint(Paint::Fill, None, &mut out);
        assert!(out.is_empty());
        // A clipping path is not painted.
        out.clear();
        path.rect(square);
        path.discard();
        path.paint(Paint::Stroke, None, &mut out);
        assert!(out.is_empty());
    }
}
