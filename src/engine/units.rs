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
        let blocks = &doc.blocks;
        let mut b = UnitsBuilder {
            matcher: rules.matchers.get(doc.language),
            blocks,
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            lead_in: None,
            header: None,
        };
        let mut i = 0;
        while i < blocks.len() {
            if let BlockKind::TableCell { table, row, .. } = blocks[i].kind {
                let mut j = i;
                while j < blocks.len()
                    && matches!(blocks[j].kind, BlockKind::TableCell { table: t, row: r, .. } if t == table && r == row)
                {
                    j += 1;
                }
                b.push_row(i..j, table, row);
                i = j;
                continue;
            }
            b.push_block(i);
            i += 1;
        }
        let UnitsBuilder {
            sentences,
            mut paragraphs,
            ..
        } = b;

        // Heading classes, then each paragraph's class from its innermost classified heading.
        let mut heading_class = vec![None; blocks.len()];
        for p in &paragraphs {
            if blocks[p.block].is_heading() {
                let has = |set: u32| {
                    sentences[p.sentences.clone()]
                        .iter()
                        .any(|s| s.hits.iter().any(|h| h.set == set))
                };
                // Procedure headings first: "Geschiktheidseisen" or "Submission requirements" also
                // contain binding words, but bind only the procedure.
                heading_class[p.block] = if has(rules.procedure_heading) {
                    Some(SectionClass::Procedure)
                } else if has(rules.binding_heading) {
                    Some(SectionClass::Binding)
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
        // A heading's own section path ends with itself. For a heading unit (sentence or paragraph
        // scope) the heading "above" it is its parent; a section unit's heading is its own.
        let heading = if block.is_heading() && scope < Scope::Section {
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
        self.doc.blocks[self.sentences[s].block].kind.name()
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
            // More than the largest `near` window (500 words) apart: sentences are never near each other.
            offset += s.words + SENTENCE_GAP;
        }
        out.sort_unstable();
        Cow::Owned(out)
    }

    /// The section class of unit `i` at `scope` (the first paragraph's, for sections and the document).
    pub fn class(&self, scope: Scope, i: usize) -> SectionClass {
        if scope == Scope::Document {
            return SectionClass::Neutral;
        }
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

/// Word distance put between consecutive sentences of a larger unit.
const SENTENCE_GAP: u32 = 1000;

/// Longest list lead-in ("The Contractor shall:") carried into each item of the list.
const MAX_LEAD_IN_CHARS: usize = 200;

/// Collects the units of one document while walking its blocks once.
struct UnitsBuilder<'a> {
    matcher: &'a crate::rules::Matcher,
    blocks: &'a [crate::document::Block],
    sentences: Vec<Sentence>,
    paragraphs: Vec<Paragraph>,
    /// The lead-in of the current list: part of each item's first sentence, so an item like "attend the
    /// monthly progress meeting" keeps the party and modality of "The Contractor shall:".
    lead_in: Option<String>,
    /// Column labels of the current table: (table id, header cells by column).
    header: Option<(u32, Vec<(u32, String)>)>,
}

impl UnitsBuilder<'_> {
    fn push_sentence(&mut self, text: String, block: usize) {
        let starts = word_starts(&text);
        let hits = self.matcher.hits(&text, &starts);
        self.sentences.push(Sentence {
            words: starts.len() as u32,
            text,
            block,
            hits,
        });
    }

    fn push_paragraph(&mut self, block: usize, first_sentence: usize) {
        self.paragraphs.push(Paragraph {
            block,
            sentences: first_sentence..self.sentences.len(),
            class: SectionClass::Neutral,
            section: 0,
        });
    }

    /// A block of running text: its sentences, the first of a list item prefixed by the list's lead-in.
    fn push_block(&mut self, k: usize) {
        let first = self.sentences.len();
        let b = &self.blocks[k];
        let is_item = matches!(b.kind, BlockKind::ListItem { .. });
        for (n, r) in b.sentences.iter().enumerate() {
            let text = &b.text[r.clone()];
            let text = match (&self.lead_in, is_item && n == 0) {
                (Some(l), true) => format!("{l} {text}"),
                _ => text.to_string(),
            };
            self.push_sentence(text, k);
        }
        if !is_item {
            self.lead_in = match (b.kind, b.sentences.last()) {
                (BlockKind::Paragraph, Some(r))
                    if b.text[r.clone()].ends_with(':') && r.len() <= MAX_LEAD_IN_CHARS =>
                {
                    Some(b.text[r.clone()].to_string())
                }
                _ => None,
            };
        }
        self.push_paragraph(k, first);
    }

    /// The cells `range` of one table row: one unit with the column labels, or (a long row, i.e. a
    /// layout table) one paragraph per cell.
    fn push_row(&mut self, range: std::ops::Range<usize>, table: u32, row: u32) {
        self.lead_in = None;
        let blocks = self.blocks;
        let cells: Vec<(u32, &str)> = range
            .clone()
            .filter_map(|k| match blocks[k].kind {
                BlockKind::TableCell { col, .. } => Some((col, blocks[k].text.as_str())),
                _ => None,
            })
            .collect();
        let total: usize = cells.iter().map(|(_, t)| t.len()).sum();
        if total > MAX_ROW_CHARS {
            for k in range {
                self.push_block(k);
            }
            return;
        }
        if self.header.as_ref().is_none_or(|(t, _)| *t != table) {
            self.header = Some((table, Vec::new()));
        }
        let labels = &mut self.header.as_mut().expect("set above").1;
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
        let first = self.sentences.len();
        self.push_sentence(text, range.start);
        self.push_paragraph(range.start, first);
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
