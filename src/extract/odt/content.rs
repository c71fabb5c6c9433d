//! Reading the text of an OpenDocument text part (`content.xml`, the master pages of `styles.xml`, or a
//! flat `.fodt`) into blocks.
//!
//! One streaming pass: `text:h` headings with their outline level, `text:p` paragraphs, list items by
//! nesting depth, table cells (repeated and covered cells counted into the column index, nested tables),
//! text boxes, footnote/endnote bodies as `Note` blocks after the paragraph that cites them, and the
//! headers and footers of master pages. What is not document text stays out: the tracked-changes
//! record (deleted text), annotations (comments), note citation marks, index templates, declarations.

use super::super::office_blocks::BlockAssembler;
use super::super::xml::{Element, Ns, XmlEvent, XmlReader};
use super::super::{BlockKind, ErrorKind, ExtractError, Result};

/// Most spaces produced by one `text:s`; whitespace is folded later anyway.
const MAX_SPACE_RUN: usize = 64;

/// What an open element means to the walker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Structure around text: character data directly inside is not text.
    Other,
    /// A paragraph or heading: character data inside is text.
    Paragraph {
        heading: Option<u8>,
        list_level: u8,
    },
    /// Inline markup inside a paragraph (span, link, field, …): character data inside is text.
    Inline,
    /// `text:list`: one level deeper.
    List,
    /// A text box: its own paragraphs, outside any list.
    TextBox,
    Table,
    Row {
        repeat: u32,
    },
    Cell {
        spans: u32,
    },
    NoteBody,
    /// Headers and footers of a master page: blocks inside are `HeaderFooter`.
    MasterStyles,
}

#[derive(Debug)]
struct TableState {
    index: u32,
    next_row: u32,
    next_col: u32,
}

/// Reads one part into `out`. `table_counter` numbers tables across the document.
pub(super) fn read_part(
    mut reader: XmlReader<'_>,
    out: &mut BlockAssembler,
    table_counter: &mut u32,
) -> Result<()> {
    let mut walker = ContentWalker {
        out,
        table_counter,
        tags: Vec::new(),
        list_levels: Vec::new(),
        tables: Vec::new(),
    };
    loop {
        match reader.next()? {
            XmlEvent::Start(e) => {
                if !walker.start(&e)? {
                    reader.skip_subtree()?;
                }
            }
            XmlEvent::End => walker.end()?,
            XmlEvent::Text(text) => {
                if matches!(
                    walker.tags.last(),
                    Some(Tag::Paragraph { .. } | Tag::Inline)
                ) {
                    walker.out.push_text(&text)?;
                }
            }
            XmlEvent::Eof => break,
        }
    }
    walker.out.set_kind_override(None);
    Ok(())
}

struct ContentWalker<'o> {
    out: &'o mut BlockAssembler,
    table_counter: &'o mut u32,
    tags: Vec<Tag>,
    /// The list depth in effect; 0 outside lists, and inside text boxes, cells and notes.
    list_levels: Vec<u8>,
    tables: Vec<TableState>,
}

/// Elements whose content is never document text.
fn is_never_text(ns: Ns, local: &str) -> bool {
    match ns {
        Ns::OdfText => {
            matches!(
                local,
                "tracked-changes"
                    | "note-citation"
                    | "number"
                    | "sequence-decls"
                    | "variable-decls"
                    | "user-field-decls"
                    | "dde-connection-decls"
                    | "ruby-text"
            ) || local.ends_with("-source")
        }
        Ns::OdfOffice => matches!(
            local,
            "annotation"
                | "forms"
                | "scripts"
                | "font-face-decls"
                | "styles"
                | "automatic-styles"
                | "settings"
                | "meta"
                | "binary-data"
                | "event-listeners"
        ),
        Ns::OdfSvg => matches!(local, "title" | "desc"),
        _ => false,
    }
}

impl ContentWalker<'_> {
    fn list_level(&self) -> u8 {
        self.list_levels.last().copied().unwrap_or(0)
    }

    fn in_paragraph(&self) -> bool {
        matches!(self.tags.last(), Some(Tag::Paragraph { .. } | Tag::Inline))
    }

    /// Handles a start tag; `false` when its subtree is to be skipped.
    fn start(&mut self, e: &Element<'_>) -> Result<bool> {
        if is_never_text(e.ns, e.local()) {
            if e.is(Ns::OdfText, "note-citation") {
                self.out.mark_note_reference();
            }
            return Ok(false);
        }
        let tag = match (e.ns, e.local()) {
            (Ns::OdfOffice, "body") => Tag::Other,
            (
                Ns::OdfOffice,
                kind @ ("spreadsheet" | "presentation" | "drawing" | "chart" | "image"),
            ) => {
                return Err(ExtractError::new(
                    ErrorKind::Unsupported,
                    format!("the OpenDocument file is a {kind} document, not a text document"),
                ));
            }
            (Ns::OdfOffice, "master-styles") => {
                self.out.set_kind_override(Some(BlockKind::HeaderFooter));
                Tag::MasterStyles
            }
            (
                Ns::OdfStyle,
                "header" | "footer" | "header-left" | "footer-left" | "header-first"
                | "footer-first",
            ) => {
                if e.attr("display").is_some_and(|d| d == "false") {
                    return Ok(false);
                }
                Tag::Other
            }
            (Ns::OdfText, local @ ("p" | "h")) => {
                let heading = (local == "h").then(|| {
                    e.attr("outline-level")
                        .and_then(|l| l.trim().parse::<u8>().ok())
                        .unwrap_or(1)
                        .clamp(1, 10)
                });
                self.out.open_paragraph();
                Tag::Paragraph {
                    heading,
                    list_level: self.list_level(),
                }
            }
            (Ns::OdfText, "list") => {
                self.list_levels.push(self.list_level().saturating_add(1));
                Tag::List
            }
            (Ns::OdfText, "s") if self.in_paragraph() => {
                let count = e
                    .attr("c")
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .unwrap_or(1);
                self.out
                    .push_text(&" ".repeat(count.clamp(1, MAX_SPACE_RUN)))?;
                Tag::Other
            }
            (Ns::OdfText, "tab" | "line-break") if self.in_paragraph() => {
                self.out.push_text(" ")?;
                Tag::Other
            }
            (Ns::OdfText, "soft-page-break") => Tag::Other,
            (Ns::OdfText, "note") => {
                self.out.mark_note_reference();
                Tag::Other
            }
            (Ns::OdfText, "note-body") => {
                self.out.open_note();
                self.list_levels.push(0);
                Tag::NoteBody
            }
            (Ns::OdfDraw, "text-box") => {
                self.list_levels.push(0);
                Tag::TextBox
            }
            (Ns::OdfTable, "table") => {
                self.tables.push(TableState {
                    index: *self.table_counter,
                    next_row: 0,
                    next_col: 0,
                });
                *self.table_counter = self.table_counter.saturating_add(1);
                Tag::Table
            }
            (Ns::OdfTable, "table-row") => {
                if let Some(table) = self.tables.last_mut() {
                    table.next_col = 0;
                }
                Tag::Row {
                    repeat: repeat_count(e, "number-rows-repeated"),
                }
            }
            (Ns::OdfTable, "table-cell") => {
                let repeat = repeat_count(e, "number-columns-repeated");
                match self.tables.last() {
                    Some(table) => {
                        self.out
                            .open_cell(table.index, table.next_row, table.next_col, repeat);
                        self.list_levels.push(0);
                        Tag::Cell { spans: repeat }
                    }
                    // A cell outside any table: its paragraphs are read as they are.
                    None => Tag::Other,
                }
            }
            (Ns::OdfTable, "covered-table-cell") => {
                // Hidden under a cell spanning it: counts as a column, shows no text.
                let repeat = repeat_count(e, "number-columns-repeated");
                if let Some(table) = self.tables.last_mut() {
                    table.next_col = table.next_col.saturating_add(repeat);
                }
                return Ok(false);
            }
            (Ns::OdfDraw, "frame") => Tag::Other,
            _ if self.in_paragraph() => Tag::Inline,
            _ => Tag::Other,
        };
        self.tags.push(tag);
        Ok(true)
    }

    fn end(&mut self) -> Result<()> {
        let Some(tag) = self.tags.pop() else {
            return Ok(());
        };
        match tag {
            Tag::Paragraph {
                heading,
                list_level,
            } => {
                let kind = match (heading, list_level) {
                    (Some(level), _) => BlockKind::Heading { level },
                    (None, 0) => BlockKind::Paragraph,
                    (None, level) => BlockKind::ListItem { level },
                };
                self.out.close_paragraph(kind)?;
            }
            Tag::List | Tag::TextBox => {
                self.list_levels.pop();
            }
            Tag::NoteBody => {
                self.list_levels.pop();
                self.out.close_note()?;
            }
            Tag::Table => {
                self.tables.pop();
            }
            Tag::Row { repeat } => {
                if let Some(table) = self.tables.last_mut() {
                    table.next_row = table.next_row.saturating_add(repeat);
                }
            }
            Tag::Cell { spans } => {
                self.list_levels.pop();
                self.out.close_cell()?;
                if let Some(table) = self.tables.last_mut() {
                    table.next_col = table.next_col.saturating_add(spans);
                }
            }
            Tag::MasterStyles => self.out.set_kind_override(None),
            Tag::Other | Tag::Inline => {}
        }
        Ok(())
    }
}

/// A repetition count attribute (`table:number-columns-repeated`), at least 1. Very large counts (used
/// to pad spreadsheets to their full width) are kept for column numbering; copies are bounded later.
fn repeat_count(e: &Element<'_>, attribute: &str) -> u32 {
    e.attr(attribute)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1)
}
