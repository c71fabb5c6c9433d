//! The document model: blocks of normalised text with locations, sections and sentences.
//!
//! A [`Document`] is built from an extractor's raw blocks ([`crate::extract::Extracted`]) by
//! [`Document::build`]: text is normalised (NFKC, whitespace folded), headings give every block its
//! section path, blocks are numbered, sentences are split, and the language is detected unless forced.
//! Nothing here knows about file formats or rules.

mod language;
mod normalize;
mod sentences;

pub use crate::extract::BlockKind;
pub use language::{detect_language, Language};
pub use normalize::normalize_text;
pub use sentences::split_sentences;

use crate::extract::{Extracted, Format};
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

/// Where a block sits: page (if the format has pages), its 1-based number in reading order, and the
/// path of headings above it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub page: Option<u32>,
    pub paragraph: u32,
    /// Shared between the blocks of one section (a document may have very many blocks).
    pub section: Arc<[String]>,
}

/// One block of text with its location and sentence boundaries (byte ranges into `text`).
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub location: Location,
    pub sentences: Vec<Range<usize>>,
    /// Indices (into `Document::blocks`) of the headings above this block, outermost first; their texts
    /// are `location.section`.
    pub headings: Vec<usize>,
}

impl Block {
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// A document ready for the rule engine.
#[derive(Debug, Clone)]
pub struct Document {
    pub format: Format,
    pub language: Language,
    pub pages: Option<u32>,
    pub blocks: Vec<Block>,
}

/// Longest heading text kept in a section path; longer "headings" are usually misdetected paragraphs.
const MAX_HEADING_CHARS: usize = 200;

impl Document {
    /// Builds the document from raw blocks. `language`: `Some` forces it, `None` detects it.
    pub fn build(format: Format, extracted: Extracted, language: Option<Language>) -> Document {
        let mut blocks = Vec::with_capacity(extracted.blocks.len());
        // The open headings: (level, block index, text), and the shared section path built from them
        // (rebuilt only when a heading changes the path).
        let mut path: Vec<(u8, usize, String)> = Vec::new();
        let mut path_version = 0usize;
        let mut section_cache: Option<(usize, Arc<[String]>)> = None;
        for raw in extracted.blocks {
            let text = normalize_text(&raw.text);
            if text.is_empty() {
                continue;
            }
            let mut kind = raw.kind;
            if let BlockKind::Heading { level } = kind {
                if text.chars().count() > MAX_HEADING_CHARS {
                    kind = BlockKind::Paragraph;
                } else {
                    let level = level.max(1);
                    while path.last().is_some_and(|(l, _, _)| *l >= level) {
                        path.pop();
                    }
                    path.push((level, blocks.len(), text.clone()));
                    path_version += 1;
                }
            }
            if section_cache
                .as_ref()
                .is_none_or(|(len, _)| *len != path_version)
            {
                let texts: Vec<String> = path.iter().map(|(_, _, t)| t.clone()).collect();
                section_cache = Some((path_version, Arc::from(texts)));
            }
            let section = section_cache
                .as_ref()
                .map(|(_, s)| Arc::clone(s))
                .unwrap_or_else(|| Arc::from(Vec::new()));
            let headings = path.iter().map(|(_, i, _)| *i).collect();
            let sentences = split_sentences(&text);
            blocks.push(Block {
                kind,
                location: Location {
                    page: raw.page,
                    paragraph: blocks.len() as u32 + 1,
                    section,
                },
                sentences,
                headings,
                text,
            });
        }
        let language =
            language.unwrap_or_else(|| detect_language(blocks.iter().map(|b| b.text.as_str())));
        Document {
            format,
            language,
            pages: extracted.pages,
            blocks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::RawBlock;

    fn raw(kind: BlockKind, text: &str) -> RawBlock {
        RawBlock::new(kind, text, None)
    }

    #[test]
    fn headings_build_section_paths() {
        let ex = Extracted {
            pages: None,
            blocks: vec![
                raw(BlockKind::Heading { level: 1 }, "1 Inleiding"),
                raw(BlockKind::Paragraph, "De gemeente wil samenwerken."),
                raw(BlockKind::Heading { level: 1 }, "2 Programma van Eisen"),
                raw(BlockKind::Heading { level: 2 }, "2.1 Rapportage"),
                raw(
                    BlockKind::Paragraph,
                    "Opdrachtnemer rapporteert maandelijks.",
                ),
                raw(BlockKind::Paragraph, "   "),
            ],
        };
        let doc = Document::build(Format::Markdown, ex, None);
        assert_eq!(doc.blocks.len(), 5);
        assert_eq!(doc.blocks[1].location.section.to_vec(), vec!["1 Inleiding"]);
        assert_eq!(
            doc.blocks[4].location.section.to_vec(),
            vec!["2 Programma van Eisen", "2.1 Rapportage"]
        );
        assert_eq!(doc.blocks[4].location.paragraph, 5);
        assert_eq!(doc.language, Language::Nl);
    }
}
