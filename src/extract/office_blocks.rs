//! Turning the nested text containers of word-processing files into blocks, for the DOCX and ODT readers.
//!
//! Office documents nest text: a table cell holds paragraphs (joined into one cell block), a paragraph
//! holds a text box whose paragraphs are blocks of their own, a note holds paragraphs. The format readers
//! open and close containers as they stream through the XML; [`BlockAssembler`] collects the text,
//! emits each block when its container closes — a container's own block first, then the blocks nested
//! inside it, so reading order is kept — and enforces the block and character limits. It knows nothing
//! of any file format.

use super::{BlockKind, ExtractError, Limits, RawBlock, Result};

/// Most copies made of one repeated table cell (ODT `table:number-columns-repeated`).
pub(crate) const MAX_CELL_REPEAT: u32 = 256;

#[derive(Debug)]
enum Role {
    Paragraph,
    /// A table cell: repeated `repeat` times along its row (ODT); its paragraphs are joined with spaces.
    Cell {
        table: u32,
        row: u32,
        col: u32,
        repeat: u32,
    },
    /// A footnote or endnote: its paragraphs are joined with spaces.
    Note,
}

#[derive(Debug)]
struct Container {
    role: Role,
    text: String,
    /// Blocks of containers nested inside this one, emitted after it.
    nested: Vec<RawBlock>,
    /// A note mark was passed: words on its two sides must not be glued together.
    at_mark: bool,
}

/// Collects text into blocks in reading order, within the document's limits.
pub(crate) struct BlockAssembler {
    open: Vec<Container>,
    done: Vec<RawBlock>,
    /// When set, every block emitted gets this kind (headers/footers, notes parts).
    kind_override: Option<BlockKind>,
    blocks: usize,
    chars: usize,
    max_blocks: usize,
    max_chars: usize,
}

impl BlockAssembler {
    pub fn new(limits: &Limits) -> Self {
        BlockAssembler {
            open: Vec::new(),
            done: Vec::new(),
            kind_override: None,
            blocks: 0,
            chars: 0,
            max_blocks: limits.max_blocks,
            max_chars: limits.max_chars,
        }
    }

    /// From now on, every block is emitted as `kind` (e.g. `HeaderFooter` while reading a header part);
    /// `None` restores the kinds the reader gives.
    pub fn set_kind_override(&mut self, kind: Option<BlockKind>) {
        self.kind_override = kind;
    }

    pub fn open_paragraph(&mut self) {
        self.open_container(Role::Paragraph);
    }

    /// Closes the innermost container, which must be a paragraph, as a block of `kind`. Inside a cell or a
    /// note, the paragraph's text joins the cell's or note's text instead.
    pub fn close_paragraph(&mut self, kind: BlockKind) -> Result<()> {
        if !matches!(
            self.open.last(),
            Some(Container {
                role: Role::Paragraph,
                ..
            })
        ) {
            return Ok(());
        }
        let Some(paragraph) = self.open.pop() else {
            return Ok(());
        };
        match self.open.last_mut() {
            Some(
                parent @ Container {
                    role: Role::Cell { .. } | Role::Note,
                    ..
                },
            ) => {
                if has_text(&paragraph.text) {
                    if has_text(&parent.text) {
                        parent.text.push(' ');
                    }
                    parent.text.push_str(&paragraph.text);
                }
                parent.nested.extend(paragraph.nested);
                Ok(())
            }
            _ => self.emit(kind, paragraph.text, paragraph.nested),
        }
    }

    /// Opens a table cell at `table`/`row`/`col`, repeated `repeat` times along the row (at least once).
    pub fn open_cell(&mut self, table: u32, row: u32, col: u32, repeat: u32) {
        self.open_container(Role::Cell {
            table,
            row,
            col,
            repeat: repeat.clamp(1, MAX_CELL_REPEAT),
        });
    }

    /// Closes the innermost container, which must be a cell: one block per repetition, then nested blocks.
    pub fn close_cell(&mut self) -> Result<()> {
        if !matches!(
            self.open.last(),
            Some(Container {
                role: Role::Cell { .. },
                ..
            })
        ) {
            return Ok(());
        }
        let Some(Container {
            role:
                Role::Cell {
                    table,
                    row,
                    col,
                    repeat,
                },
            text,
            nested,
            ..
        }) = self.open.pop()
        else {
            return Ok(());
        };
        if has_text(&text) {
            // The copies count against the character limit like any other text.
            let copies = usize::try_from(repeat - 1).unwrap_or(usize::MAX);
            self.charge_chars(text.chars().count().saturating_mul(copies))?;
            for i in 1..repeat {
                let copy = BlockKind::TableCell {
                    table,
                    row,
                    col: col.saturating_add(i - 1),
                };
                self.emit(copy, text.clone(), Vec::new())?;
            }
        }
        let last = BlockKind::TableCell {
            table,
            row,
            col: col.saturating_add(repeat - 1),
        };
        self.emit(last, text, nested)
    }

    pub fn open_note(&mut self) {
        self.open_container(Role::Note);
    }

    /// Closes the innermost container, which must be a note, as a `Note` block.
    pub fn close_note(&mut self) -> Result<()> {
        if !matches!(
            self.open.last(),
            Some(Container {
                role: Role::Note,
                ..
            })
        ) {
            return Ok(());
        }
        let Some(note) = self.open.pop() else {
            return Ok(());
        };
        self.emit(BlockKind::Note, note.text, note.nested)
    }

    /// Appends text to the innermost container. Text outside every container is not document text.
    pub fn push_text(&mut self, text: &str) -> Result<()> {
        if text.is_empty() || self.open.is_empty() {
            return Ok(());
        }
        self.charge_chars(text.chars().count())?;
        let Some(container) = self.open.last_mut() else {
            return Ok(());
        };
        if container.at_mark {
            container.at_mark = false;
            let before = container.text.chars().next_back();
            let after = text.chars().next();
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
            {
                container.text.push(' ');
            }
        }
        container.text.push_str(text);
        Ok(())
    }

    /// Marks a place where a note reference sits: should the words on both sides touch, a space is put
    /// between them, so the mark never glues two words into one.
    pub fn mark_note_reference(&mut self) {
        if let Some(container) = self.open.last_mut() {
            container.at_mark = true;
        }
    }

    /// Number of blocks finished so far (the index the next finished top-level block will have).
    pub fn finished_len(&self) -> usize {
        self.done.len()
    }

    /// Removes and returns the finished blocks from index `start` on.
    pub fn take_finished_from(&mut self, start: usize) -> Vec<RawBlock> {
        if start >= self.done.len() {
            return Vec::new();
        }
        self.done.split_off(start)
    }

    /// Places already finished blocks (a note read earlier) at the current point of reading: among the
    /// blocks nested in the innermost open container, which follow that container's own block, or at the
    /// end when nothing is open. They were counted against the limits when they were read.
    pub fn place_finished(&mut self, blocks: Vec<RawBlock>) {
        match self.open.last_mut() {
            Some(container) => container.nested.extend(blocks),
            None => self.done.extend(blocks),
        }
    }

    /// Closes whatever is still open (a part that ended early) and returns all blocks.
    pub fn finish(mut self) -> Result<Vec<RawBlock>> {
        while let Some(container) = self.open.last() {
            match container.role {
                Role::Paragraph => self.close_paragraph(BlockKind::Paragraph)?,
                Role::Cell { .. } => self.close_cell()?,
                Role::Note => self.close_note()?,
            }
        }
        Ok(self.done)
    }

    fn charge_chars(&mut self, count: usize) -> Result<()> {
        self.chars = self.chars.saturating_add(count);
        if self.chars > self.max_chars {
            return Err(self.too_many_chars());
        }
        Ok(())
    }

    fn too_many_chars(&self) -> ExtractError {
        ExtractError::too_large(format!(
            "the document has more than {} characters of text",
            self.max_chars
        ))
    }

    fn open_container(&mut self, role: Role) {
        self.open.push(Container {
            role,
            text: String::new(),
            nested: Vec::new(),
            at_mark: false,
        });
    }

    /// Emits a block (unless it has no text) followed by the blocks nested in it, into the innermost open
    /// container's nested list, or into the finished list at the top level.
    fn emit(&mut self, kind: BlockKind, text: String, nested: Vec<RawBlock>) -> Result<()> {
        let mut blocks = Vec::with_capacity(1 + nested.len());
        if has_text(&text) {
            self.blocks += 1;
            if self.blocks > self.max_blocks {
                return Err(ExtractError::too_large(format!(
                    "the document has more than {} blocks of text",
                    self.max_blocks
                )));
            }
            let kind = self.kind_override.unwrap_or(kind);
            blocks.push(RawBlock::new(kind, text, None));
        }
        blocks.extend(nested);
        match self.open.last_mut() {
            Some(parent) => parent.nested.extend(blocks),
            None => self.done.extend(blocks),
        }
        Ok(())
    }
}

fn has_text(text: &str) -> bool {
    !text.chars().all(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[RawBlock]) -> Vec<(BlockKind, &str)> {
        blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

    #[test]
    fn nested_containers_come_after_their_parent() {
        let mut a = BlockAssembler::new(&Limits::default());
        a.open_paragraph();
        a.push_text("Anchor").expect("text");
        a.open_paragraph(); // a text box inside the paragraph
        a.push_text("Boxed").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        a.push_text(" text").expect("text");
        a.close_paragraph(BlockKind::Heading { level: 2 })
            .expect("close");
        a.open_cell(0, 1, 2, 1);
        a.open_paragraph();
        a.push_text("first").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        a.open_paragraph();
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        a.open_paragraph();
        a.push_text("second").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        a.close_cell().expect("close");
        let blocks = a.finish().expect("finish");
        assert_eq!(
            texts(&blocks),
            vec![
                (BlockKind::Heading { level: 2 }, "Anchor text"),
                (BlockKind::Paragraph, "Boxed"),
                (
                    BlockKind::TableCell {
                        table: 0,
                        row: 1,
                        col: 2
                    },
                    "first second"
                ),
            ]
        );
    }

    #[test]
    fn note_marks_never_glue_words() {
        let mut a = BlockAssembler::new(&Limits::default());
        a.open_paragraph();
        a.push_text("goals").expect("text");
        a.mark_note_reference();
        a.push_text("and more").expect("text");
        a.mark_note_reference();
        a.push_text(". End").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        assert_eq!(a.finish().expect("finish")[0].text, "goals and more. End");
    }

    #[test]
    fn finished_blocks_are_placed_after_the_open_container() {
        let note = || vec![RawBlock::new(BlockKind::Note, "note", None)];
        let mut a = BlockAssembler::new(&Limits::default());
        a.open_paragraph();
        a.push_text("Cites").expect("text");
        a.place_finished(note());
        a.push_text(" a note.").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        a.place_finished(note());
        a.open_paragraph();
        a.push_text("Next.").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        let blocks = a.finish().expect("finish");
        assert_eq!(
            texts(&blocks),
            vec![
                (BlockKind::Paragraph, "Cites a note."),
                (BlockKind::Note, "note"),
                (BlockKind::Note, "note"),
                (BlockKind::Paragraph, "Next."),
            ]
        );
    }

    #[test]
    fn repeated_cells_are_copied_within_bounds() {
        let mut a = BlockAssembler::new(&Limits::default());
        a.open_cell(3, 0, 1, 3);
        a.open_paragraph();
        a.push_text("x").expect("text");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        a.close_cell().expect("close");
        let blocks = a.finish().expect("finish");
        let cols: Vec<BlockKind> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            cols,
            vec![
                BlockKind::TableCell {
                    table: 3,
                    row: 0,
                    col: 1
                },
                BlockKind::TableCell {
                    table: 3,
                    row: 0,
                    col: 2
                },
                BlockKind::TableCell {
                    table: 3,
                    row: 0,
                    col: 3
                },
            ]
        );
    }

    #[test]
    fn limits_are_enforced() {
        let limits = Limits {
            max_blocks: 2,
            max_chars: 10,
            ..Limits::default()
        };
        let mut a = BlockAssembler::new(&limits);
        a.open_paragraph();
        assert!(a.push_text("0123456789").is_ok());
        assert_eq!(
            a.push_text("x").expect_err("too many chars").kind,
            super::super::ErrorKind::TooLarge
        );
        let mut a = BlockAssembler::new(&limits);
        a.open_cell(0, 0, 0, 5);
        a.open_paragraph();
        a.push_text("abc").expect("3 characters fit");
        a.close_paragraph(BlockKind::Paragraph).expect("close");
        let err = a
            .close_cell()
            .expect_err("5 copies of 3 characters do not fit in 10");
        assert_eq!(err.kind, super::super::ErrorKind::TooLarge);
        let mut a = BlockAssembler::new(&limits);
        for i in 0..3 {
            a.open_paragraph();
            a.push_text("a").expect("text");
            let closed = a.close_paragraph(BlockKind::Paragraph);
            assert_eq!(closed.is_ok(), i < 2);
        }
    }
}
