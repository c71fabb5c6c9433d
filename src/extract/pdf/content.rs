//! The content-stream walker: runs a page's operators with the text state and CTM and emits every shown
//! glyph with its position, size and direction on the displayed page.
//!
//! It follows form XObjects (bounded by depth and by cycle detection), skips images and inline images,
//! and ignores everything that does not place text. It decides nothing about words or lines: that is
//! [`super::layout`]'s job.

use super::fonts::{Font, GlyphCode};
use super::lexer::{Item, Lexer, Operand};
use super::objects::{as_dict, as_stream, get, get_dict, get_name, number_array, StreamBudget};
use super::ruling::{Paint, PathBuilder, Rule};
use crate::extract::{Deadline, ExtractError, Result};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::sync::Arc;

/// Operators run between two deadline checks.
const OPS_PER_DEADLINE_CHECK: u32 = 512;
/// Deepest `q` nesting kept; deeper saves are counted so that their `Q`s still match.
const MAX_SAVED_STATES: usize = 256;
/// Most operands kept on the stack; older ones are dropped.
const MAX_OPERANDS: usize = 64;

/// An affine matrix `[a b c d e f]` in PDF's row-vector convention: `x' = a·x + c·y + e`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 1.0,
        e: 0.0,
        f: 0.0,
    };

    pub fn new(values: [f32; 6]) -> Matrix {
        let [a, b, c, d, e, f] = values;
        Matrix { a, b, c, d, e, f }
    }

    pub fn translation(x: f32, y: f32) -> Matrix {
        Matrix {
            e: x,
            f: y,
            ..Matrix::IDENTITY
        }
    }

    /// `self` applied first, then `other`.
    pub fn then(&self, other: &Matrix) -> Matrix {
        Matrix {
            a: self.a * other.a + self.b * other.c,
            b: self.a * other.b + self.b * other.d,
            c: self.c * other.a + self.d * other.c,
            d: self.c * other.b + self.d * other.d,
            e: self.e * other.a + self.f * other.c + other.e,
            f: self.e * other.b + self.f * other.d + other.f,
        }
    }

    pub fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }

    fn from_operands(values: &[f64]) -> Option<Matrix> {
        let values: [f64; 6] = values.try_into().ok()?;
        let m = values.map(|v| v as f32);
        m.iter().all(|v| v.is_finite()).then(|| Matrix::new(m))
    }
}

/// One shown glyph in its text direction's frame: `u` runs along the baseline, `v` across it (up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub u0: f32,
    pub u1: f32,
    pub v: f32,
    /// Font size on the displayed page.
    pub size: f32,
    /// Text direction in whole degrees (0 = left to right, 90 = bottom to top).
    pub dir: i16,
    pub bold: bool,
    /// Byte range of the glyph's text in [`PageText::text`]; empty for codes without Unicode.
    pub start: u32,
    pub end: u32,
}

/// Everything a page shows as text.
#[derive(Debug, Default)]
pub struct PageText {
    pub glyphs: Vec<Glyph>,
    pub text: String,
    /// Glyphs whose font gives no Unicode text.
    pub unmapped: usize,
    /// Images drawn (XObjects and inline).
    pub images: usize,
    /// Horizontal and vertical lines drawn (table borders), at most [`super::ruling::MAX_RULES`].
    pub rules: Vec<Rule>,
}

impl PageText {
    pub fn glyph_text(&self, glyph: &Glyph) -> &str {
        self.text
            .get(glyph.start as usize..glyph.end as usize)
            .unwrap_or("")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    /// A font dictionary written directly into a resource dictionary, by address.
    Direct(usize),
}

/// Fonts and form contents shared by all pages of one document.
#[derive(Default)]
pub struct ResourceCache {
    fonts: HashMap<FontKey, Arc<Font>>,
    forms: HashMap<ObjectId, Arc<Vec<u8>>>,
    fallback_font: Option<Arc<Font>>,
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Arc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
    /// Whether the fill and stroke colours show on a white page.
    fill_shows: bool,
    stroke_shows: bool,
}

impl GraphicsState {
    fn new(ctm: Matrix) -> Self {
        GraphicsState {
            ctm,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            fill_shows: true,
            stroke_shows: true,
        }
    }
}

/// Text position state of one content stream.
struct TextState {
    tm: Matrix,
    tlm: Matrix,
}

impl TextState {
    fn move_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translation(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }
}

/// Runs content streams and collects glyphs.
pub struct Walker<'a> {
    doc: &'a Document,
    cache: &'a mut ResourceCache,
    budget: &'a mut StreamBudget,
    deadline: Deadline,
    max_depth: usize,
    max_glyphs: usize,
    out: PageText,
    forms_open: Vec<ObjectId>,
    ops_since_check: u32,
    codes: Vec<GlyphCode>,
    /// `[x0, y0, x1, y1]` on the displayed page: glyphs placed outside are not shown, so not read.
    visible: Option<[f32; 4]>,
}

fn numbers(operands: &[Operand]) -> Vec<f64> {
    operands
        .iter()
        .map(|o| match o {
            Operand::Number(n) => *n,
            _ => f64::NAN,
        })
        .collect()
}

/// The last `n` operands as numbers, if they all are.
fn last_numbers<const N: usize>(operands: &[Operand]) -> Option<[f32; N]> {
    let start = operands.len().checked_sub(N)?;
    let values = numbers(&operands[start..]);
    let mut out = [0f32; N];
    for (slot, value) in out.iter_mut().zip(values) {
        if !value.is_finite() {
            return None;
        }
        *slot = value as f32;
    }
    Some(out)
}

fn last_string(operands: &[Operand]) -> Option<&[u8]> {
    match operands.last()? {
        Operand::String(s) => Some(s),
        _ => None,
    }
}

/// Whether colour operands (gray, RGB or CMYK by their count) paint anything but white.
fn colour_shows(operands: &[Operand]) -> bool {
    let values: Vec<f64> = operands
        .iter()
        .filter_map(|o| match o {
            Operand::Number(n) if n.is_finite() => Some(*n),
            _ => None,
        })
        .collect();
    match values.as_slice() {
        [gray] => *gray < 0.98,
        [r, g, b] => [r, g, b].iter().any(|v| **v < 0.98),
        [c, m, y, k] => [c, m, y, k].iter().any(|v| **v > 0.02),
        _ => true,
    }
}

fn snap_direction(dx: f32, dy: f32) -> i16 {
    let degrees = dy.atan2(dx).to_degrees();
    let mut d = degrees.round() as i32;
    d = d.rem_euclid(360);
    for cardinal in [0, 90, 180, 270, 360] {
        if (d - cardinal).abs() <= 2 {
            return (cardinal % 360) as i16;
        }
    }
    d as i16
}

impl<'a> Walker<'a> {
    pub fn new(
        doc: &'a Document,
        cache: &'a mut ResourceCache,
        budget: &'a mut StreamBudget,
        deadline: Deadline,
        max_depth: usize,
        max_glyphs: usize,
    ) -> Self {
        Walker {
            doc,
            cache,
            budget,
            deadline,
            max_depth,
            max_glyphs,
            out: PageText::default(),
            forms_open: Vec::new(),
            ops_since_check: 0,
            codes: Vec::new(),
            visible: None,
        }
    }

    /// Drops glyphs whose origin lies outside `[x0, y0, x1, y1]` on the displayed page.
    pub fn clip_to(&mut self, rect: [f32; 4]) {
        self.visible = Some(rect);
    }

    /// Runs one content stream (a page's, or an annotation appearance) with the given resources and CTM.
    pub fn run_content(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
    ) -> Result<()> {
        self.run(content, resources, GraphicsState::new(ctm), 0)
    }

    /// Runs a form XObject stream (an annotation appearance) placed by `ctm`.
    pub fn run_form(
        &mut self,
        id: ObjectId,
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
    ) -> Result<()> {
        let Some(Object::Stream(stream)) = self.doc.get_object(id).ok() else {
            return Ok(());
        };
        let resources = get_dict(self.doc, &stream.dict, b"Resources").or(resources);
        let Some(content) = self.form_content(id)? else {
            return Ok(());
        };
        self.forms_open.push(id);
        let result = self.run(&content, resources, GraphicsState::new(ctm), 1);
        self.forms_open.pop();
        result
    }

    pub fn finish(self) -> PageText {
        self.out
    }

    fn form_content(&mut self, id: ObjectId) -> Result<Option<Arc<Vec<u8>>>> {
        if let Some(content) = self.cache.forms.get(&id) {
            return Ok(Some(Arc::clone(content)));
        }
        let Some(Object::Stream(stream)) = self.doc.get_object(id).ok() else {
            return Ok(None);
        };
        let Some(bytes) = self.budget.decode(stream)? else {
            return Ok(None);
        };
        let content = Arc::new(bytes);
        self.cache.forms.insert(id, Arc::clone(&content));
        Ok(Some(content))
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        state: GraphicsState,
        depth: usize,
    ) -> Result<()> {
        let mut lexer = Lexer::new(content);
        let mut gs = state;
        let mut saved: Vec<GraphicsState> = Vec::new();
        let mut unsaved_pushes = 0usize;
        let mut text = TextState {
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
        };
        let mut operands: Vec<Operand> = Vec::new();
        let mut path = PathBuilder::default();
        while let Some(item) = lexer.next_item() {
            let op = match item {
                Item::Operand(operand) => {
                    if operands.len() >= MAX_OPERANDS {
                        operands.remove(0);
                    }
                    operands.push(operand);
                    continue;
                }
                Item::Operator(op) => op,
            };
            self.ops_since_check += 1;
            if self.ops_since_check >= OPS_PER_DEADLINE_CHECK {
                self.ops_since_check = 0;
                self.deadline.check()?;
            }
            match op {
                b"q" => {
                    if saved.len() < MAX_SAVED_STATES {
                        saved.push(gs.clone());
                    } else {
                        unsaved_pushes += 1;
                    }
                }
                b"Q" => {
                    if unsaved_pushes > 0 {
                        unsaved_pushes -= 1;
                    } else if let Some(previous) = saved.pop() {
                        gs = previous;
                    }
                }
                b"cm" => {
                    if let Some(m) = last_numbers::<6>(&operands) {
                        gs.ctm = Matrix::new(m).then(&gs.ctm);
                    }
                }
                b"m" | b"l" | b"c" | b"v" | b"y" => {
                    if let Some([x, y]) = last_numbers::<2>(&operands) {
                        let p = gs.ctm.apply(x, y);
                        match op {
                            b"m" => path.move_to(p),
                            b"l" => path.line_to(p),
                            _ => path.curve_to(p),
                        }
                    }
                }
                b"h" => path.close(),
                b"re" => {
                    if let Some([x, y, w, h]) = last_numbers::<4>(&operands) {
                        let m = &gs.ctm;
                        path.rect([
                            m.apply(x, y),
                            m.apply(x + w, y),
                            m.apply(x + w, y + h),
                            m.apply(x, y + h),
                        ]);
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    if matches!(op, b"s" | b"b" | b"b*") {
                        path.close();
                    }
                    let paint = match op {
                        b"S" | b"s" => Paint::Stroke,
                        b"f" | b"F" | b"f*" => Paint::Fill,
                        _ => Paint::FillAndStroke,
                    };
                    let shows = match paint {
                        Paint::Stroke => gs.stroke_shows,
                        Paint::Fill => gs.fill_shows,
                        Paint::FillAndStroke => gs.fill_shows || gs.stroke_shows,
                    };
                    if shows {
                        path.paint(paint, self.visible, &mut self.out.rules);
                    } else {
                        path.discard();
                    }
                }
                b"n" => path.discard(),
                b"g" | b"rg" | b"k" | b"sc" | b"scn" => gs.fill_shows = colour_shows(&operands),
                b"G" | b"RG" | b"K" | b"SC" | b"SCN" => gs.stroke_shows = colour_shows(&operands),
                b"cs" => gs.fill_shows = true,
                b"CS" => gs.stroke_shows = true,
                b"BT" => {
                    text.tm = Matrix::IDENTITY;
                    text.tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    if let [.., Operand::Name(name), Operand::Number(size)] = operands.as_slice() {
                        gs.font = self.font(resources, name)?;
                        gs.font_size = if size.is_finite() { *size as f32 } else { 0.0 };
                    }
                }
                b"Tc" => {
                    if let Some([v]) = last_numbers::<1>(&operands) {
                        gs.char_spacing = v;
                    }
                }
                b"Tw" => {
                    if let Some([v]) = last_numbers::<1>(&operands) {
                        gs.word_spacing = v;
                    }
                }
                b"Tz" => {
                    if let Some([v]) = last_numbers::<1>(&operands) {
                        gs.horizontal_scale = v / 100.0;
                    }
                }
                b"TL" => {
                    if let Some([v]) = last_numbers::<1>(&operands) {
                        gs.leading = v;
                    }
                }
                b"Ts" => {
                    if let Some([v]) = last_numbers::<1>(&operands) {
                        gs.rise = v;
                    }
                }
                b"Td" => {
                    if let Some([tx, ty]) = last_numbers::<2>(&operands) {
                        text.move_line(tx, ty);
                    }
                }
                b"TD" => {
                    if let Some([tx, ty]) = last_numbers::<2>(&operands) {
                        gs.leading = -ty;
                        text.move_line(tx, ty);
                    }
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_operands(&numbers(
                        &operands[operands.len().saturating_sub(6)..],
                    )) {
                        text.tm = m;
                        text.tlm = m;
                    }
                }
                b"T*" => text.move_line(0.0, -gs.leading),
                b"Tj" => {
                    if let Some(bytes) = last_string(&operands) {
                        self.show(&gs, &mut text, bytes)?;
                    }
                }
                b"'" => {
                    text.move_line(0.0, -gs.leading);
                    if let Some(bytes) = last_string(&operands) {
                        self.show(&gs, &mut text, bytes)?;
                    }
                }
                b"\"" => {
                    if let [.., Operand::Number(aw), Operand::Number(ac), Operand::String(bytes)] =
                        operands.as_slice()
                    {
                        if aw.is_finite() && ac.is_finite() {
                            gs.word_spacing = *aw as f32;
                            gs.char_spacing = *ac as f32;
                        }
                        text.move_line(0.0, -gs.leading);
                        self.show(&gs, &mut text, bytes)?;
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.last() {
                        for item in items {
                            match item {
                                Operand::String(bytes) => self.show(&gs, &mut text, bytes)?,
                                Operand::Number(n) if n.is_finite() => {
                                    let adjust = -(*n as f32) / 1000.0 * gs.font_size;
                                    let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                    let shift = if vertical {
                                        Matrix::translation(0.0, adjust)
                                    } else {
                                        Matrix::translation(adjust * gs.horizontal_scale, 0.0)
                                    };
                                    text.tm = shift.then(&text.tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.last() {
                        let name = name.clone();
                        self.draw_xobject(resources, &name, &gs, depth)?;
                    }
                }
                b"BI" => {
                    let mut length = None;
                    let mut key: Option<Vec<u8>> = None;
                    while let Some(item) = lexer.next_item() {
                        match item {
                            Item::Operator(b"ID") => break,
                            Item::Operator(_) => {}
                            Item::Operand(Operand::Name(n)) if key.is_none() => key = Some(n),
                            Item::Operand(value) => {
                                if let (Some(k), Operand::Number(n)) = (key.take(), &value) {
                                    if (k == b"L" || k == b"Length") && *n >= 0.0 {
                                        length = Some(*n as usize);
                                    }
                                }
                            }
                        }
                    }
                    lexer.skip_inline_image(length);
                    self.out.images += 1;
                }
                _ => {}
            }
            operands.clear();
        }
        Ok(())
    }

    fn font(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> Result<Option<Arc<Font>>> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| get_dict(doc, r, b"Font")) else {
            return Ok(None);
        };
        let Some(entry) = fonts.get(name).ok() else {
            return Ok(None);
        };
        let key = match entry {
            Object::Reference(id) => FontKey::Object(*id),
            other => FontKey::Direct(other as *const Object as usize),
        };
        if let Some(font) = self.cache.fonts.get(&key) {
            return Ok(Some(Arc::clone(font)));
        }
        let Some(dict) = as_dict(doc, entry) else {
            return Ok(None);
        };
        let font = Arc::new(Font::load(doc, dict, self.budget)?);
        self.cache.fonts.insert(key, Arc::clone(&font));
        Ok(Some(font))
    }

    fn draw_xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GraphicsState,
        depth: usize,
    ) -> Result<()> {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let Some((Some(id), stream)) = as_stream(doc, entry) else {
            return Ok(());
        };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Form") => {}
            Some(b"Image") => {
                self.out.images += 1;
                return Ok(());
            }
            _ => return Ok(()),
        }
        if depth >= self.max_depth || self.forms_open.contains(&id) {
            return Ok(());
        }
        let Some(content) = self.form_content(id)? else {
            return Ok(());
        };
        let matrix = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| number_array(doc, m))
            .and_then(|m| <[f32; 6]>::try_from(m).ok())
            .map(Matrix::new)
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
        let mut state = gs.clone();
        state.ctm = matrix.then(&gs.ctm);
        self.forms_open.push(id);
        let result = self.run(&content, form_resources, state, depth + 1);
        self.forms_open.pop();
        result
    }

    fn show(&mut self, gs: &GraphicsState, text: &mut TextState, bytes: &[u8]) -> Result<()> {
        let font = match &gs.font {
            Some(font) => Arc::clone(font),
            None => Arc::clone(
                self.cache
                    .fallback_font
                    .get_or_insert_with(|| Arc::new(Font::fallback())),
            ),
        };
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(bytes, &mut codes);
        let fs = gs.font_size;
        let th = gs.horizontal_scale;
        for &code in &codes {
            if self.out.glyphs.len() >= self.max_glyphs {
                self.codes = codes;
                return Err(ExtractError::too_large(format!(
                    "the PDF shows more than {} characters of text",
                    self.max_glyphs
                )));
            }
            let start = self.out.text.len();
            // Code 0 is padding more often than a character: it does not count as undecodable.
            if !font.text_into(code.code, &mut self.out.text) && code.code != 0 {
                self.out.unmapped += 1;
            }
            let glyph_text = &self.out.text[start..];
            let is_word_space = code.single_byte && code.code == 32;
            let m = text.tm.then(&gs.ctm);
            let (origin, end, size) = if font.vertical {
                let advance = font.vertical_advance() * fs + gs.char_spacing;
                let origin = m.apply(0.0, 0.0);
                let end = m.apply(0.0, advance);
                let ty = advance + if is_word_space { gs.word_spacing } else { 0.0 };
                text.tm = Matrix::translation(0.0, ty).then(&text.tm);
                let size = fs.abs() * (m.a * m.a + m.b * m.b).sqrt();
                (origin, end, size)
            } else {
                let w0 = font.width(code, glyph_text);
                let origin = m.apply(0.0, gs.rise);
                let end = m.apply((w0 * fs + gs.char_spacing) * th, gs.rise);
                let tx =
                    (w0 * fs + gs.char_spacing + if is_word_space { gs.word_spacing } else { 0.0 })
                        * th;
                text.tm = Matrix::translation(tx, 0.0).then(&text.tm);
                (origin, end, 0.0)
            };
            let (dx, dy) = (end.0 - origin.0, end.1 - origin.1);
            let length = (dx * dx + dy * dy).sqrt();
            let (ux, uy) = if length > 1e-4 {
                (dx / length, dy / length)
            } else {
                let (ax, ay) = (m.a, m.b);
                let l = (ax * ax + ay * ay).sqrt();
                if l > 1e-6 {
                    (ax / l, ay / l)
                } else {
                    (1.0, 0.0)
                }
            };
            // Moving backwards along the text direction (negative widths) still counts as that direction.
            let (ux, uy, length) =
                if font.vertical || (end.0 - origin.0) * m.a + (end.1 - origin.1) * m.b >= 0.0 {
                    (ux, uy, length)
                } else {
                    (-ux, -uy, -length)
                };
            let size = if font.vertical {
                size
            } else {
                fs.abs() * (ux * m.d - uy * m.c).abs() * font.size_scale
            };
            let u0 = origin.0 * ux + origin.1 * uy;
            let v = -origin.0 * uy + origin.1 * ux;
            let glyph = Glyph {
                u0,
                u1: u0 + length,
                v,
                size,
                dir: snap_direction(ux, uy),
                bold: font.bold,
                start: start as u32,
                end: self.out.text.len() as u32,
            };
            let finite = [glyph.u0, glyph.u1, glyph.v, glyph.size]
                .iter()
                .all(|x| x.is_finite() && x.abs() < 1e7);
            let inside = self.visible.is_none_or(|[x0, y0, x1, y1]| {
                let margin = size.max(1.0);
                (x0 - margin..=x1 + margin).contains(&origin.0)
                    && (y0 - margin..=y1 + margin).contains(&origin.1)
            });
            if finite && inside {
                self.out.glyphs.push(glyph);
            } else {
                self.out.text.truncate(start);
            }
        }
        self.codes = codes;
        Ok(())
    }
}

/// Places an annotation's appearance form on the page: the form's matrix maps its bounding box, which is
/// then fitted to the annotation rectangle (PDF 32000-1, 12.5.5).
pub fn appearance_matrix(doc: &Document, form: &Dictionary, rect: [f32; 4]) -> Option<Matrix> {
    let bbox = get(doc, form, b"BBox").and_then(|b| number_array(doc, b))?;
    let [bx0, by0, bx1, by1] = <[f32; 4]>::try_from(bbox).ok()?;
    let matrix = form
        .get(b"Matrix")
        .ok()
        .and_then(|m| number_array(doc, m))
        .and_then(|m| <[f32; 6]>::try_from(m).ok())
        .map(Matrix::new)
        .unwrap_or(Matrix::IDENTITY);
    let corners = [(bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1)].map(|(x, y)| matrix.apply(x, y));
    let min_x = corners.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
    let max_x = corners
        .iter()
        .map(|c| c.0)
        .fold(f32::NEG_INFINITY, f32::max);
    let min_y = corners.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
    let max_y = corners
        .iter()
        .map(|c| c.1)
        .fold(f32::NEG_INFINITY, f32::max);
    let (w, h) = (max_x - min_x, max_y - min_y);
    if w.abs() < 1e-3 || h.abs() < 1e-3 {
        return None;
    }
    let [rx0, ry0, rx1, ry1] = rect;
    let (rx0, rx1) = (rx0.min(rx1), rx0.max(rx1));
    let (ry0, ry1) = (ry0.min(ry1), ry0.max(ry1));
    let sx = (rx1 - rx0) / w;
    let sy = (ry1 - ry0) / h;
    let fit = Matrix::new([sx, 0.0, 0.0, sy, rx0 - sx * min_x, ry0 - sy * min_y]);
    let m = matrix.then(&fit);
    [m.a, m.b, m.c, m.d, m.e, m.f]
        .iter()
        .all(|v| v.is_finite())
        .then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Limits;

    #[test]
    fn ruling_lines_are_collected_in_display_space() {
        let page = walk(
            b"q 2 0 0 2 0 0 cm 1 1 1 RG 0 0 m 100 0 l S 0 G 0 10 m 100 10 l S 0 0 50 0.5 re f \
              1 g 0 0 50 0.5 re f 10 10 m 10 90 l 0 0 5 5 re W n Q",
        );
        assert_eq!(
            page.rules,
            vec![
                Rule {
                    x0: 0.0,
                    y0: 20.0,
                    x1: 200.0,
                    y1: 20.0
                },
                Rule {
                    x0: 0.0,
                    y0: 0.5,
                    x1: 100.0,
                    y1: 0.5
                },
            ]
        );
    }

    /// Runs a content stream without resources (so with the fallback Helvetica-like font).
    fn walk(content: &[u8]) -> PageText {
        let doc = Document::with_version("1.5");
        let mut cache = ResourceCache::default();
        let mut budget = StreamBudget::new(1 << 20);
        let limits = Limits::default();
        let mut walker = Walker::new(
            &doc,
            &mut cache,
            &mut budget,
            Deadline::after(limits.timeout),
            8,
            10_000,
        );
        walker
            .run_content(content, None, Matrix::IDENTITY)
            .expect("runs");
        walker.finish()
    }

    /// (text, u0, v, size) of every glyph, rounded to 0.01.
    fn glyphs(page: &PageText) -> Vec<(String, f32, f32, f32)> {
        let r = |x: f32| (x * 100.0).round() / 100.0;
        page.glyphs
            .iter()
            .map(|g| (page.glyph_text(g).to_string(), r(g.u0), r(g.v), r(g.size)))
            .collect()
    }

    #[test]
    fn text_positioning_operators_move_the_pen() {
        // Helvetica 'A' is 0.667 em wide: at 10 pt the pen moves 6.67.
        let page = walk(b"BT /F1 10 Tf 100 700 Td (AA) Tj 14 TL T* (A) Tj 5 -20 TD (A) ' ET");
        assert_eq!(
            glyphs(&page),
            vec![
                ("A".to_string(), 100.0, 700.0, 10.0),
                ("A".to_string(), 106.67, 700.0, 10.0),
                ("A".to_string(), 100.0, 686.0, 10.0),
                // TD sets the leading to 20; ' moves one more line down.
                ("A".to_string(), 105.0, 646.0, 10.0),
            ]
        );
    }

    #[test]
    fn spacing_scaling_rise_and_kerning() {
        let page = walk(b"BT /F1 10 Tf 0 0 Td 2 Tc 5 Tw (A A) Tj ET BT /F1 10 Tf 50 Tz 0 100 Td 3 Ts (AA) Tj ET \
            BT /F1 10 Tf 100 Tz 0 Tc 0 Tw 0 200 Td [(A) -1000 (A)] TJ ET BT /F1 10 Tf 0 300 Td 1 2 (A A) \" ET");
        let g = glyphs(&page);
        // Tc after each glyph, Tw after the space: 0, 6.67+2, +2.78+2+5.
        assert_eq!((g[0].1, g[1].1, g[2].1), (0.0, 8.67, 18.45));
        // Tz halves advances (Tc, still 2, included); Ts lifts the baseline.
        assert_eq!((g[3].1, g[3].2, g[4].1), (0.0, 103.0, 4.34));
        // A TJ number of -1000 moves one em (10 pt) to the right.
        assert_eq!((g[5].1, g[6].1), (0.0, 16.67));
        // " sets word spacing 1 and character spacing 2, then shows the string on the next line.
        assert_eq!((g[7].1, g[8].1, g[9].1), (0.0, 8.67, 14.45));
    }

    #[test]
    fn ctm_and_saved_states_place_text() {
        let page = walk(b"q 2 0 0 2 100 100 cm BT /F1 10 Tf 0 0 Td (A) Tj ET Q BT /F1 10 Tf 0 0 Td (A) Tj ET Q Q Q");
        assert_eq!(
            glyphs(&page),
            vec![
                ("A".to_string(), 100.0, 100.0, 20.0),
                ("A".to_string(), 0.0, 0.0, 10.0)
            ]
        );
    }

    #[test]
    fn rotated_text_gets_its_direction() {
        let page = walk(b"BT /F1 10 Tf 0 1 -1 0 300 100 Tm (AB) Tj ET");
        assert!(page.glyphs.iter().all(|g| g.dir == 90), "{:?}", page.glyphs);
        assert!((page.glyphs[1].u0 - page.glyphs[0].u0 - 6.67).abs() < 0.01);
    }

    #[test]
    fn inline_images_and_garbage_are_skipped() {
        let page = walk(b"BI /W 4 /H 4 /BPC 8 /CS /G ID \x00\x01(Tj)\xff EI BT /F1 10 Tf (A) Tj ET ] >> } Tj 12 Tf TJ");
        assert_eq!(page.images, 1);
        assert_eq!(page.text, "A");
    }

    #[test]
    fn glyph_limit_is_an_error() {
        let doc = Document::with_version("1.5");
        let mut cache = ResourceCache::default();
        let mut budget = StreamBudget::new(1 << 20);
        let mut walker = Walker::new(
            &doc,
            &mut cache,
            &mut budget,
            Deadline::after(std::time::Duration::from_secs(5)),
            8,
            3,
        );
        let error = walker
            .run_content(b"BT (ABCD) Tj ET", None, Matrix::IDENTITY)
            .unwrap_err();
        assert_eq!(error.kind, crate::extract::ErrorKind::TooLarge);
    }
}
