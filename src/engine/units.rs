//! The units rules are evaluated on — sentences (a table row counts as one), paragraphs, sections, the
//! document — with the pattern hits of each, found in one pass per sentence.

use crate::document::{BlockKind, Document, Location};
use crate::rules::{word_starts, Hit, RuleSet, Scope, SectionClass};
use std::borrow::Cow;

/// A table row longer than this is treated as running text (layout tables), not as one unit.
const MAX_ROW_CHARS: usize = 600;
/// A header cell longer than this is not used as a column label.
const MAX_HEADER_CHARS: usize = 60;

/// The smallest unit: one sentence, a heading, or one table row with its column labels.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    /// The block whose location this unit reports.
    pub block: usize,
    pub words: u32,
    pub hits: Vec<Hit>,
}

/// A paragraph-level unit: a block, or a whole table row.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub block: usize,
    pub sentences: std::ops::Range<usize>,
    pub class: SectionClass,
    /// Index of the section unit it belongs to.
    pub section: usize,
}

/// All units of one document.
#[derive(Debug)]
pub struct Units<'d> {
    pub doc: &'d Document,
    pub sentences: Vec<Sentence>,
    pub paragraphs: Vec<Paragraph>,
    /// Each section: a range of paragraphs under one innermost heading.
    pub sections: Vec<std::ops::Range<usize>>,
    /// For each block: the paragraph unit that starts with it, if any.
    pub paragraph_of_block: Vec<Option<usize>>,
}

impl<'d> Units<'d> {
    pub fn build(doc: &'d Document, rules: &RuleSet) -> Units<'d> {
        let matcher = rules.matchers.get(doc.language);
        let mut sentences = Vec::new();
        let mut paragraphs: Vec<Paragraph> = Vec::new();
        let mut push_sentence = |text: String, block: usize, sentences: &mut Vec<Sentence>| {
            let starts = word_starts(&text);
            let hits = matcher.hits(&text, &starts);
            sentences.push(Sentence {
                words: starts.len() as u32,
                text,
                block,
                hits,
            });
        };
        let blocks = &doc.blocks;
        let push_block =
            |k: usize,
             sentences: &mut Vec<Sentence>,
             paragraphs: &mut Vec<Paragraph>,
             push_sentence: &mut dyn FnMut(String, usize, &mut Vec<Sentence>)| {
                let first = sentences.len();
                let b = &blocks[k];
                for r in &b.sentences {
                    push_sentence(b.text[r.clone()].to_string(), k, sentences);
                }
                paragraphs.push(Paragraph {
                    block: k,
                    sentences: first..sentences.len(),
                    class: SectionClass::Neutral,
                    section: 0,
                });
            };
        let mut i = 0;
        // Column labels of the current table: (table id, header cells by column).
        let mut header: Option<(u32, Vec<(u32, String)>)> = None;
        while i < blocks.len() {
            let first = sentences.len();
            if let BlockKind::TableCell { table, row, .. } = blocks[i].kind {
                let mut j = i;
                let mut cells = Vec::new();
                while j < blocks.len() {
                    match blocks[j].kind {
                        BlockKind::TableCell {
                            table: t,
                            row: r,
                            col,
                        } if t == table && r == row => {
                            cells.push((col, blocks[j].text.as_str()));
                            j += 1;
                        }
                        _ => break,
                    }
                }
                let total: usize = cells.iter().map(|(_, t)| t.len()).sum();
                if total <= MAX_ROW_CHARS {
                    if header.as_ref().is_none_or(|(t, _)| *t != table) {
                        header = Some((table, Vec::new()));
                    }
                    let labels = &mut header.as_mut().expect("set above").1;
                    if row == 0 || labels.is_empty() {
                        *labels = cells.iter().map(|(c, t)| (*c, t.to_string())).collect();
                    }
                    let text = if row == 0 {
                        cells
                            .iter()
                            .map(|(_, t)| *t)
                            .collect::<Vec<_>>()
                            .join(" | ")
                    } else {
                        row_text(&cells, labels)
                    };
                    push_sentence(text, i, &mut sentences);
                    paragraphs.push(Paragraph {
                        block: i,
                        sentences: first..sentences.len(),
                        class: SectionClass::Neutral,
                        section: 0,
                    });
                    i = j;
                    continue;
                }
                // A long row is running text: every cell is a paragraph of its own.
                for k in i..j {
                    push_block(k, &mut sentences, &mut paragraphs, &mut push_sentence);
                }
                i = j;
                continue;
            }
            push_block(i, &mut sentences, &mut paragraphs, &mut push_sentence);
            i += 1;
        }

        // Heading classes, then each paragraph's class from its innermost classified heading.
        let mut heading_class = vec![None; blocks.len()];
        for p in &paragraphs {
            if blocks[p.block].is_heading() {
                let has = |set: u32| {
                    sentences[p.sentences.clone()]
                        .iter()
                        .any(|s| s.hits.iter().any(|h| h.set == set))
                };
                heading_class[p.block] = if has(rules.binding_heading) {
                    Some(SectionClass::Binding)
                } else if has(rules.procedure_heading) {
                    Some(SectionClass::Procedure)
                } else if has(rules.background_heading) {
                    Some(SectionClass::Background)
                } else {
                    None
                };
            }
        }
        let mut sections: Vec<std::ops::Range<usize>> = Vec::new();
        let mut current_heading: Option<Option<usize>> = None;
        for (pi, p) in paragraphs.iter_mut().enumerate() {
            let b = &blocks[p.block];
            p.class = b
                .headings
                .iter()
                .rev()
                .find_map(|&h| heading_class[h])
                .unwrap_or(SectionClass::Neutral);
            let innermost = b.headings.last().copied();
            if current_heading != Some(innermost) {
                sections.push(pi..pi + 1);
                current_heading = Some(innermost);
            } else if let Some(last) = sections.last_mut() {
                last.end = pi + 1;
            }
            p.section = sections.len() - 1;
        }
        let mut paragraph_of_block = vec![None; blocks.len()];
        for (pi, p) in paragraphs.iter().enumerate() {
            paragraph_of_block[p.block] = Some(pi);
        }
        Units {
            doc,
            sentences,
            paragraphs,
            sections,
            paragraph_of_block,
        }
    }

    /// The hits of the innermost heading above unit `i` (empty when there is none).
    pub fn heading_hits(&self, scope: Scope, i: usize) -> Cow<'_, [Hit]> {
        let s = self.sentence_range(scope, i).start;
        let block = &self.doc.blocks[self.sentences[s].block];
        // A heading's own section path ends with itself; look at the heading above it then.
        let heading = if block.is_heading() {
            block.headings.iter().rev().nth(1)
        } else {
            block.headings.last()
        };
        match heading.and_then(|&h| self.paragraph_of_block[h]) {
            Some(p) => self.hits(Scope::Paragraph, p),
            None => Cow::Borrowed(&[]),
        }
    }

    /// The block kind name of unit `i` (sentence or paragraph scope), as rule `blocks` filters name it.
    pub fn block_kind(&self, scope: Scope, i: usize) -> &'static str {
        let s = self.sentence_range(scope, i).start;
        match self.doc.blocks[self.sentences[s].block].kind {
            BlockKind::Heading { .. } => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem { .. } => "list-item",
            BlockKind::TableCell { .. } => "table",
            BlockKind::Note => "note",
            BlockKind::HeaderFooter => "header-footer",
        }
    }

    /// Number of units at `scope`.
    pub fn count(&self, scope: Scope) -> usize {
        match scope {
            Scope::Sentence => self.sentences.len(),
            Scope::Paragraph => self.paragraphs.len(),
            Scope::Section => self.sections.len(),
            Scope::Document => usize::from(!self.sentences.is_empty()),
        }
    }

    /// The sentences of unit `i` at `scope`.
    pub fn sentence_range(&self, scope: Scope, i: usize) -> std::ops::Range<usize> {
        match scope {
            Scope::Sentence => i..i + 1,
            Scope::Paragraph => self.paragraphs[i].sentences.clone(),
            Scope::Section => {
                let ps = &self.sections[i];
                self.paragraphs[ps.start].sentences.start..self.paragraphs[ps.end - 1].sentences.end
            }
            Scope::Document => 0..self.sentences.len(),
        }
    }

    /// The hits of unit `i` at `scope`, in the unit's word coordinates, sorted.
    pub fn hits(&self, scope: Scope, i: usize) -> Cow<'_, [Hit]> {
        let range = self.sentence_range(scope, i);
        if range.len() == 1 {
            return Cow::Borrowed(&self.sentences[range.start].hits);
        }
        let mut out = Vec::new();
        let mut offset = 0u32;
        for s in &self.sentences[range] {
            out.extend(s.hits.iter().map(|h| Hit {
                set: h.set,
                start: h.start + offset,
                end: h.end + offset,
            }));
            offset += s.words + 1; // sentences never count as adjacent
        }
        out.sort_unstable();
        Cow::Owned(out)
    }

    /// The section class of unit `i` at `scope` (the first paragraph's, for sections and the document).
    pub fn class(&self, scope: Scope, i: usize) -> SectionClass {
        let s = self.sentence_range(scope, i).start;
        self.paragraphs[self.paragraph_of(s)].class
    }

    /// The paragraph unit that holds sentence `s`.
    pub fn paragraph_of(&self, s: usize) -> usize {
        self.paragraphs.partition_point(|p| p.sentences.end <= s)
    }

    pub fn location(&self, sentence: usize) -> &Location {
        &self.doc.blocks[self.sentences[sentence].block].location
    }
}

/// "Label: value | Label: value" for a table row, with the header row's cells as labels.
fn row_text(cells: &[(u32, &str)], labels: &[(u32, String)]) -> String {
    cells
        .iter()
        .map(|(col, text)| match labels.iter().find(|(c, _)| c == col) {
            Some((_, label))
                if !label.is_empty() && label.len() <= MAX_HEADER_CHARS && label != text =>
            {
                format!("{label}: {text}")
            }
            _ => text.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" | ")
}
