//! Reading the text of one WordprocessingML part (document body, header, footer, footnotes, endnotes)
//! into blocks.
//!
//! One streaming pass: paragraphs (kind from the paragraph's and its style's outline level and
//! numbering), table cells (gridSpan-aware columns, nested tables), text boxes (the `mc:Choice` copy of
//! an `mc:AlternateContent`, never its VML fallback too), content controls, hyperlinks, smart tags and
//! custom XML wrappers. What is not document text stays out: tracked deletions and moves-from, field
//! codes (only a field's result is text), hidden (`w:vanish`) runs, comment references, property-change
//! history. The notes, read from their parts beforehand, are placed where the body cites them: after the
//! citing paragraph, or after the table when the citation is in a table cell. Section properties
//! (header/footer references) are reported to the caller, which reads those parts afterwards.

use super::super::office_blocks::BlockAssembler;
use super::super::xml::{decode_part, Element, Ns, XmlEvent, XmlReader};
use super::super::{BlockKind, Deadline, ExtractError, Limits, RawBlock, Result};
use super::styles::{Numbering, NumberingRef, Styles};
use std::collections::HashMap;

/// Which kind of part is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartKind {
    Body,
    HeaderFooter,
    Footnotes,
    Endnotes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum NoteKind {
    Footnote,
    Endnote,
}

/// The three header (or footer) slots of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeaderSlot {
    Default = 0,
    First = 1,
    Even = 2,
}

/// What one `w:sectPr` says about headers and footers (relationship ids per slot).
#[derive(Debug, Clone, Default)]
pub(super) struct SectionHeaders {
    pub headers: [Option<String>; 3],
    pub footers: [Option<String>; 3],
    /// `w:titlePg`: the first page has its own header and footer.
    pub title_page: bool,
}

/// What a body part refers to that lives in other parts and is read after it.
#[derive(Debug, Default)]
pub(super) struct BodyReferences {
    /// Sections in document order.
    pub sections: Vec<SectionHeaders>,
}

/// The blocks of the notes of a document, by kind and id, waiting to be placed where they are cited.
pub(super) type NoteBlocks = HashMap<(NoteKind, String), Vec<RawBlock>>;

/// Shared, read-only inputs of every part.
pub(super) struct PartContext<'a> {
    pub styles: &'a Styles,
    pub numbering: &'a Numbering,
    pub limits: &'a Limits,
    pub deadline: Deadline,
}

/// Reads a part into `out`; returns what the part refers to elsewhere and, for a notes part, the blocks
/// of each note by id (taken out of `out`). `table_counter` numbers tables across the whole document.
/// While reading the body, each note of `notes` is taken out of it and placed at its first visible
/// citation.
pub(super) fn read_part(
    xml: &[u8],
    part_name: &str,
    kind: PartKind,
    ctx: &PartContext<'_>,
    out: &mut BlockAssembler,
    table_counter: &mut u32,
    notes: Option<&mut NoteBlocks>,
) -> Result<(BodyReferences, HashMap<String, Vec<RawBlock>>)> {
    let xml = decode_part(xml);
    let reader = XmlReader::new(&xml, "DOCX", part_name, ctx.limits.max_depth, ctx.deadline);
    out.set_kind_override(match kind {
        PartKind::Body => None,
        PartKind::HeaderFooter => Some(BlockKind::HeaderFooter),
        PartKind::Footnotes | PartKind::Endnotes => Some(BlockKind::Note),
    });
    let mut walker = PartWalker {
        reader,
        ctx,
        kind,
        out,
        table_counter,
        tags: Vec::new(),
        paragraphs: Vec::new(),
        hidden_runs: Vec::new(),
        tables: Vec::new(),
        fields: Vec::new(),
        fields_in_code: 0,
        section: None,
        references: BodyReferences::default(),
        note_ids: Vec::new(),
        notes: HashMap::new(),
        notes_to_place: notes.filter(|_| kind == PartKind::Body),
    };
    walker.run()?;
    let PartWalker {
        references,
        notes,
        out,
        ..
    } = walker;
    out.set_kind_override(None);
    Ok((references, notes))
}

/// What an open element means to the walker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Other,
    Paragraph,
    ParagraphProperties,
    ParagraphNumbering,
    Run,
    RunProperties,
    /// `w:t` or `m:t`: its character data is text.
    Text,
    Table,
    Row,
    RowProperties,
    Cell,
    CellProperties,
    Section,
    AlternateContent {
        choice_taken: bool,
    },
    /// A footnote or endnote in a notes part; blocks from `first_block` on belong to it.
    Note {
        first_block: usize,
    },
}

#[derive(Debug, Default)]
struct ParagraphProperties {
    style: Option<String>,
    outline_level: Option<u8>,
    numbering: NumberingRef,
}

#[derive(Debug)]
struct TableState {
    index: u32,
    next_row: u32,
    row: Option<RowState>,
    /// Notes cited in the table's cells, placed after the table.
    notes: Vec<RawBlock>,
}

#[derive(Debug)]
struct RowState {
    index: u32,
    next_col: u32,
    /// Columns the open cell spans (`w:gridSpan`).
    cell_span: u32,
    /// `w:trPr/w:del`: the whole row is a tracked deletion.
    deleted: bool,
}

/// Elements of WordprocessingML whose content is never document text.
fn is_never_text(local: &str) -> bool {
    matches!(
        local,
        // Tracked deletions and the source of tracked moves.
        "del" | "moveFrom" | "delText" | "delInstrText"
        // Field codes.
        | "instrText" | "fldData"
        // Revision history of properties.
        | "pPrChange" | "rPrChange" | "sectPrChange" | "tblPrChange" | "tblPrExChange" | "trPrChange"
        | "tcPrChange" | "tblGridChange" | "numberingChange"
        // Properties of wrappers, ruby guide text, page background.
        | "sdtPr" | "sdtEndPr" | "customXmlPr" | "smartTagPr" | "rt" | "background"
    )
}

struct PartWalker<'x, 'c, 'o> {
    reader: XmlReader<'x>,
    ctx: &'c PartContext<'c>,
    kind: PartKind,
    out: &'o mut BlockAssembler,
    table_counter: &'o mut u32,
    tags: Vec<Tag>,
    paragraphs: Vec<ParagraphProperties>,
    /// One entry per open run: whether it is hidden (`w:vanish`).
    hidden_runs: Vec<bool>,
    tables: Vec<TableState>,
    /// Open complex fields (`w:fldChar`): whether each has reached its result (`separate`).
    fields: Vec<bool>,
    /// How many open fields are still in their code part; text is visible only when this is 0.
    fields_in_code: usize,
    section: Option<SectionHeaders>,
    references: BodyReferences,
    /// Ids of the notes being read (a stack, though notes do not nest).
    note_ids: Vec<String>,
    /// Notes read from a notes part, by id.
    notes: HashMap<String, Vec<RawBlock>>,
    /// While reading the body: the notes not yet cited.
    notes_to_place: Option<&'o mut NoteBlocks>,
}

impl PartWalker<'_, '_, '_> {
    fn run(&mut self) -> Result<()> {
        loop {
            match self.reader.next()? {
                XmlEvent::Start(e) => self.start(&e)?,
                XmlEvent::End => self.end()?,
                XmlEvent::Text(text) => {
                    if self.tags.last() == Some(&Tag::Text) && self.run_is_visible() {
                        self.out.push_text(&text)?;
                    }
                }
                XmlEvent::Eof => {
                    // Tables left open by a part that ended early still give up their notes.
                    while let Some(table) = self.tables.pop() {
                        self.out.place_finished(table.notes);
                    }
                    return Ok(());
                }
            }
        }
    }

    /// Whether the content of the innermost run is shown: not hidden, not inside a field code.
    fn run_is_visible(&self) -> bool {
        self.fields_in_code == 0 && !self.hidden_runs.last().copied().unwrap_or(false)
    }

    fn start(&mut self, e: &Element<'_>) -> Result<()> {
        let parent = self.tags.last().copied();
        let tag = match e.ns {
            Ns::Word => match self.start_word(e, parent)? {
                Some(tag) => tag,
                None => return Ok(()), // subtree skipped
            },
            Ns::Math if e.local() == "t" => Tag::Text,
            Ns::MarkupCompat => match (e.local(), parent) {
                ("AlternateContent", _) => Tag::AlternateContent {
                    choice_taken: false,
                },
                (
                    "Choice",
                    Some(Tag::AlternateContent {
                        choice_taken: false,
                    }),
                ) => {
                    self.tags.pop();
                    self.tags.push(Tag::AlternateContent { choice_taken: true });
                    Tag::Other
                }
                (
                    "Fallback",
                    Some(Tag::AlternateContent {
                        choice_taken: false,
                    }),
                ) => Tag::Other,
                // A second choice, or the fallback of a choice already read: the same content again.
                ("Choice" | "Fallback", _) => {
                    self.reader.skip_subtree()?;
                    return Ok(());
                }
                _ => Tag::Other,
            },
            _ => Tag::Other,
        };
        self.tags.push(tag);
        Ok(())
    }

    /// Handles a WordprocessingML start tag; `None` when its subtree was skipped.
    fn start_word(&mut self, e: &Element<'_>, parent: Option<Tag>) -> Result<Option<Tag>> {
        let local = e.local();
        let tag = match (local, parent) {
            ("p", _) => {
                self.out.open_paragraph();
                self.paragraphs.push(ParagraphProperties::default());
                Tag::Paragraph
            }
            ("pPr", Some(Tag::Paragraph)) => Tag::ParagraphProperties,
            ("pStyle", Some(Tag::ParagraphProperties)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = e.attr("val").map(|v| v.into_owned());
                }
                Tag::Other
            }
            ("outlineLvl", Some(Tag::ParagraphProperties)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.outline_level = e
                        .attr("val")
                        .and_then(|v| v.trim().parse::<u8>().ok())
                        .map(|l| l.min(9));
                }
                Tag::Other
            }
            ("numPr", Some(Tag::ParagraphProperties)) => Tag::ParagraphNumbering,
            ("numId", Some(Tag::ParagraphNumbering)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.numbering.num_id = e.attr("val").map(|v| v.trim().to_owned());
                }
                Tag::Other
            }
            ("ilvl", Some(Tag::ParagraphNumbering)) => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.numbering.level = e.attr("val").and_then(|v| v.trim().parse::<u8>().ok());
                }
                Tag::Other
            }
            ("r", _) => {
                self.hidden_runs.push(false);
                Tag::Run
            }
            ("rPr", Some(Tag::Run)) => Tag::RunProperties,
            ("vanish", Some(Tag::RunProperties)) => {
                if let Some(hidden) = self.hidden_runs.last_mut() {
                    *hidden = e.is_on();
                }
                Tag::Other
            }
            ("t", Some(Tag::Run)) => Tag::Text,
            ("tab" | "ptab" | "br" | "cr", Some(Tag::Run)) => {
                self.push_run_text(" ")?;
                Tag::Other
            }
            ("noBreakHyphen", Some(Tag::Run)) => {
                self.push_run_text("-")?;
                Tag::Other
            }
            ("sym", Some(Tag::Run)) => {
                if let Some(c) = e.attr("char").and_then(|code| symbol_char(&code)) {
                    self.push_run_text(c.encode_utf8(&mut [0; 4]))?;
                }
                Tag::Other
            }
            ("fldChar", _) => {
                self.field_char(e)?;
                Tag::Other
            }
            ("footnoteReference" | "endnoteReference", Some(Tag::Run)) => {
                if self.run_is_visible() {
                    if let Some(id) = e.attr("id") {
                        let kind = if local == "footnoteReference" {
                            NoteKind::Footnote
                        } else {
                            NoteKind::Endnote
                        };
                        self.place_note(kind, id.trim());
                    }
                }
                self.out.mark_note_reference();
                Tag::Other
            }
            ("footnoteRef" | "endnoteRef", _) => {
                self.out.mark_note_reference();
                Tag::Other
            }
            ("tbl", _) => {
                self.tables.push(TableState {
                    index: *self.table_counter,
                    next_row: 0,
                    row: None,
                    notes: Vec::new(),
                });
                *self.table_counter = self.table_counter.saturating_add(1);
                Tag::Table
            }
            ("tr", _) => match self.tables.last_mut() {
                Some(table) => {
                    table.row = Some(RowState {
                        index: table.next_row,
                        next_col: 0,
                        cell_span: 1,
                        deleted: false,
                    });
                    Tag::Row
                }
                None => Tag::Other,
            },
            ("trPr", Some(Tag::Row)) => Tag::RowProperties,
            ("gridBefore", Some(Tag::RowProperties)) => {
                if let Some(row) = self.current_row() {
                    row.next_col = row.next_col.saturating_add(parse_count(e));
                }
                Tag::Other
            }
            ("del", Some(Tag::RowProperties)) => {
                if let Some(row) = self.current_row() {
                    row.deleted = true;
                }
                self.reader.skip_subtree()?;
                return Ok(None);
            }
            ("tc", _) => {
                let Some(table) = self.tables.last_mut() else {
                    return Ok(Some(Tag::Other));
                };
                let table_index = table.index;
                let Some(row) = table.row.as_mut() else {
                    return Ok(Some(Tag::Other));
                };
                if row.deleted {
                    self.reader.skip_subtree()?;
                    return Ok(None);
                }
                row.cell_span = 1;
                self.out.open_cell(table_index, row.index, row.next_col, 1);
                Tag::Cell
            }
            ("tcPr", Some(Tag::Cell)) => Tag::CellProperties,
            ("gridSpan", Some(Tag::CellProperties)) => {
                if let Some(row) = self.current_row() {
                    row.cell_span = parse_count(e).max(1);
                }
                Tag::Other
            }
            ("sectPr", _) => {
                self.section = Some(SectionHeaders::default());
                Tag::Section
            }
            ("headerReference" | "footerReference", Some(Tag::Section)) => {
                let slot = match e.attr("type").as_deref() {
                    Some("first") => HeaderSlot::First,
                    Some("even") => HeaderSlot::Even,
                    _ => HeaderSlot::Default,
                };
                if let (Some(section), Some(id)) = (self.section.as_mut(), e.attr("id")) {
                    let slots = if local == "headerReference" {
                        &mut section.headers
                    } else {
                        &mut section.footers
                    };
                    slots[slot as usize] = Some(id.into_owned());
                }
                Tag::Other
            }
            ("titlePg", Some(Tag::Section)) => {
                if let Some(section) = self.section.as_mut() {
                    section.title_page = e.is_on();
                }
                Tag::Other
            }
            ("footnote" | "endnote", _)
                if matches!(self.kind, PartKind::Footnotes | PartKind::Endnotes) =>
            {
                // Separators and continuation notices are layout, not notes.
                let is_note = e.attr("type").is_none_or(|t| t == "normal");
                match (is_note, e.attr("id")) {
                    (true, Some(id)) => {
                        let first_block = self.out.finished_len();
                        self.out.open_note();
                        self.note_ids.push(id.trim().to_owned());
                        Tag::Note { first_block }
                    }
                    _ => {
                        self.reader.skip_subtree()?;
                        return Ok(None);
                    }
                }
            }
            (local, _) if is_never_text(local) => {
                self.reader.skip_subtree()?;
                return Ok(None);
            }
            _ => Tag::Other,
        };
        Ok(Some(tag))
    }

    fn end(&mut self) -> Result<()> {
        let Some(tag) = self.tags.pop() else {
            return Ok(());
        };
        match tag {
            Tag::Paragraph => {
                let props = self.paragraphs.pop().unwrap_or_default();
                let kind = self.paragraph_kind(&props);
                self.out.close_paragraph(kind)?;
            }
            Tag::Run => {
                self.hidden_runs.pop();
            }
            Tag::Table => {
                if let Some(table) = self.tables.pop() {
                    self.out.place_finished(table.notes);
                }
            }
            Tag::Row => {
                if let Some(table) = self.tables.last_mut() {
                    if let Some(row) = table.row.take() {
                        if !row.deleted {
                            table.next_row = table.next_row.saturating_add(1);
                        }
                    }
                }
            }
            Tag::Cell => {
                self.out.close_cell()?;
                if let Some(row) = self.current_row() {
                    row.next_col = row.next_col.saturating_add(row.cell_span);
                }
            }
            Tag::Section => {
                if let Some(section) = self.section.take() {
                    self.references.sections.push(section);
                }
            }
            Tag::Note { first_block } => {
                self.out.close_note()?;
                let blocks = self.out.take_finished_from(first_block);
                if let Some(id) = self.note_ids.pop() {
                    self.notes.insert(id, blocks);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A visible citation of a note in the body: the note's blocks (on its first citation only) go after
    /// the citing paragraph — with the blocks nested in it, in the order of reading — or, in a table
    /// cell, after the innermost table, so that a note never splits a table row.
    fn place_note(&mut self, kind: NoteKind, id: &str) {
        let Some(notes) = self.notes_to_place.as_deref_mut() else {
            return;
        };
        let Some(blocks) = notes.remove(&(kind, id.to_owned())) else {
            return;
        };
        match self.tables.last_mut() {
            Some(table) => table.notes.extend(blocks),
            None => self.out.place_finished(blocks),
        }
    }

    fn current_row(&mut self) -> Option<&mut RowState> {
        self.tables.last_mut().and_then(|t| t.row.as_mut())
    }

    fn push_run_text(&mut self, text: &str) -> Result<()> {
        if self.run_is_visible() {
            self.out.push_text(text)?;
        }
        Ok(())
    }

    /// `w:fldChar`: a field's code runs from `begin` to `separate`, its result from `separate` to `end`.
    fn field_char(&mut self, e: &Element<'_>) -> Result<()> {
        match e.attr("fldCharType").as_deref() {
            Some("begin") => {
                if self.fields.len() >= self.ctx.limits.max_depth {
                    return Err(ExtractError::too_large(format!(
                        "the DOCX nests fields more than {} levels deep",
                        self.ctx.limits.max_depth
                    )));
                }
                self.fields.push(false);
                self.fields_in_code += 1;
            }
            Some("separate") => {
                if let Some(in_result) = self.fields.last_mut() {
                    if !*in_result {
                        *in_result = true;
                        self.fields_in_code = self.fields_in_code.saturating_sub(1);
                    }
                }
            }
            Some("end") => {
                if let Some(in_result) = self.fields.pop() {
                    if !in_result {
                        self.fields_in_code = self.fields_in_code.saturating_sub(1);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Heading (outline level of the paragraph, else of its style), list item (numbering of the
    /// paragraph, else of its style, that shows a marker) or plain paragraph.
    fn paragraph_kind(&self, props: &ParagraphProperties) -> BlockKind {
        let style = self.ctx.styles.resolve(props.style.as_deref());
        let heading_level = match props.outline_level {
            Some(level) => (level < 9).then_some(level + 1),
            None => style.and_then(|s| s.heading_level),
        };
        if let Some(level) = heading_level {
            return BlockKind::Heading { level };
        }
        let style_numbering = style.map(|s| &s.numbering);
        let num_id = props
            .numbering
            .num_id
            .as_deref()
            .or_else(|| style_numbering.and_then(|n| n.num_id.as_deref()));
        let Some(num_id) = num_id else {
            return BlockKind::Paragraph;
        };
        let level = props
            .numbering
            .level
            .or_else(|| style_numbering.and_then(|n| n.level))
            .or_else(|| {
                props
                    .style
                    .as_deref()
                    .and_then(|s| self.ctx.numbering.level_for_style(num_id, s))
            })
            .unwrap_or(0)
            .min(8);
        if self.ctx.numbering.shows_marker(num_id, level) {
            BlockKind::ListItem { level: level + 1 }
        } else {
            BlockKind::Paragraph
        }
    }
}

/// `w:val` of a count property (`w:gridSpan`, `w:gridBefore`), bounded.
fn parse_count(e: &Element<'_>) -> u32 {
    e.attr("val")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .min(1000)
}

/// The character of a `w:sym` (hex code). Codes in the private use area point into a symbol font
/// (Wingdings, Symbol) and have no faithful Unicode equivalent; they are left out.
fn symbol_char(code: &str) -> Option<char> {
    let value = u32::from_str_radix(code.trim(), 16).ok()?;
    if (0xE000..=0xF8FF).contains(&value) {
        return None;
    }
    char::from_u32(value).filter(|c| !c.is_control())
}
