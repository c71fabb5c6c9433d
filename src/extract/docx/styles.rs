//! What DOCX paragraph styles and numbering definitions say about a paragraph: whether it is a heading
//! (and of which level) and whether it carries a visible list marker.
//!
//! Read from `word/styles.xml` (paragraph styles: outline level, Heading N / Kop N / Title names,
//! numbering, all inherited along `w:basedOn` chains) and `word/numbering.xml` (which numbering
//! instances and levels show a marker). Only what decides a block's kind is kept.

use super::super::xml::{decode_part, Ns, XmlEvent, XmlReader};
use super::super::{Deadline, Limits, Result};
use std::collections::HashMap;

/// Longest `w:basedOn` chain followed; longer chains (or cycles) are cut off there.
const MAX_STYLE_CHAIN: usize = 32;

/// A paragraph's numbering reference: the numbering instance and the level (0-based), either of which
/// may be left to the style.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NumberingRef {
    pub num_id: Option<String>,
    pub level: Option<u8>,
}

#[derive(Debug, Default)]
struct StyleDefinition {
    name: Option<String>,
    based_on: Option<String>,
    /// `w:outlineLvl`: 0–8 heading levels, 9 body text.
    outline_level: Option<u8>,
    numbering: NumberingRef,
}

/// What a paragraph style resolves to, inheritance included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct ResolvedStyle {
    /// 1-based heading level, if paragraphs of this style are headings.
    pub heading_level: Option<u8>,
    pub numbering: NumberingRef,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    resolved: HashMap<String, ResolvedStyle>,
    default_style: Option<String>,
}

impl Styles {
    /// The style a paragraph has: its own `w:pStyle`, or the document's default paragraph style.
    pub fn resolve(&self, style_id: Option<&str>) -> Option<&ResolvedStyle> {
        let id = style_id.or(self.default_style.as_deref())?;
        self.resolved.get(id)
    }

    /// Reads the styles part `part_name`.
    pub fn parse(
        xml: &[u8],
        part_name: &str,
        limits: &Limits,
        deadline: Deadline,
    ) -> Result<Styles> {
        let xml = decode_part(xml);
        let mut reader = XmlReader::new(&xml, "DOCX", part_name, limits.max_depth, deadline);
        let mut definitions: HashMap<String, StyleDefinition> = HashMap::new();
        let mut default_style = None;
        // (style id, definition) of the paragraph style being read.
        let mut current: Option<(String, StyleDefinition)> = None;
        let mut path: Vec<&'static str> = Vec::new();
        loop {
            match reader.next()? {
                XmlEvent::Start(e) => {
                    let parent = path.last().copied();
                    let tag = match (e.ns, e.local(), parent) {
                        (Ns::Word, "style", _) => {
                            let is_paragraph = e.attr("type").is_none_or(|t| t == "paragraph");
                            if let (true, Some(id)) = (is_paragraph, e.attr("styleId")) {
                                if e.attr("default")
                                    .is_some_and(|d| d == "1" || d == "true" || d == "on")
                                {
                                    default_style = Some(id.to_string());
                                }
                                current = Some((id.into_owned(), StyleDefinition::default()));
                                "style"
                            } else {
                                reader.skip_subtree()?;
                                continue;
                            }
                        }
                        (Ns::Word, "name", Some("style")) => {
                            if let Some((_, def)) = current.as_mut() {
                                def.name = e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        (Ns::Word, "basedOn", Some("style")) => {
                            if let Some((_, def)) = current.as_mut() {
                                def.based_on = e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        (Ns::Word, "pPr", Some("style")) => "pPr",
                        (Ns::Word, "outlineLvl", Some("pPr")) => {
                            if let Some((_, def)) = current.as_mut() {
                                def.outline_level = e
                                    .attr("val")
                                    .and_then(|v| v.trim().parse::<u8>().ok())
                                    .map(|l| l.min(9));
                            }
                            ""
                        }
                        (Ns::Word, "numPr", Some("pPr")) => "numPr",
                        (Ns::Word, "numId", Some("numPr")) => {
                            if let Some((_, def)) = current.as_mut() {
                                def.numbering.num_id = e.attr("val").map(|v| v.trim().to_owned());
                            }
                            ""
                        }
                        (Ns::Word, "ilvl", Some("numPr")) => {
                            if let Some((_, def)) = current.as_mut() {
                                def.numbering.level =
                                    e.attr("val").and_then(|v| v.trim().parse::<u8>().ok());
                            }
                            ""
                        }
                        _ => "",
                    };
                    path.push(tag);
                }
                XmlEvent::End => {
                    if path.pop() == Some("style") {
                        if let Some((id, def)) = current.take() {
                            definitions.entry(id).or_insert(def);
                        }
                    }
                }
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        let resolved = definitions
            .keys()
            .map(|id| (id.clone(), resolve_style(&definitions, id)))
            .collect();
        Ok(Styles {
            resolved,
            default_style,
        })
    }
}

/// Follows the `w:basedOn` chain of `id`: the first style in the chain with an outline level (or, failing
/// that, a heading name) decides the heading level; the first with numbering decides the numbering.
fn resolve_style(definitions: &HashMap<String, StyleDefinition>, id: &str) -> ResolvedStyle {
    let mut heading: Option<Option<u8>> = None;
    let mut numbering = NumberingRef::default();
    let mut current = Some(id);
    for _ in 0..MAX_STYLE_CHAIN {
        let Some(style_id) = current else { break };
        let Some(def) = definitions.get(style_id) else {
            break;
        };
        if heading.is_none() {
            if let Some(level) = def.outline_level {
                heading = Some((level < 9).then_some(level + 1));
            } else if let Some(level) = heading_level_from_name(style_id, def.name.as_deref()) {
                heading = Some(Some(level));
            }
        }
        if numbering.num_id.is_none() && def.numbering.num_id.is_some() {
            numbering.num_id = def.numbering.num_id.clone();
            numbering.level = numbering.level.or(def.numbering.level);
        } else if numbering.level.is_none() {
            numbering.level = def.numbering.level;
        }
        current = def.based_on.as_deref();
    }
    ResolvedStyle {
        heading_level: heading.flatten(),
        numbering,
    }
}

/// Heading level from a style's id or name: "heading 2" / "Heading2" / "Kop 2" / "Kop2" → 2,
/// "Title" / "Titel" → 1.
fn heading_level_from_name(style_id: &str, name: Option<&str>) -> Option<u8> {
    [Some(style_id), name]
        .into_iter()
        .flatten()
        .find_map(|candidate| {
            let compact: String = candidate
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
                .flat_map(char::to_lowercase)
                .collect();
            if compact == "title" || compact == "titel" {
                return Some(1);
            }
            let digits = compact
                .strip_prefix("heading")
                .or_else(|| compact.strip_prefix("kop"))?;
            match digits.parse::<u8>() {
                Ok(level @ 1..=9) => Some(level),
                _ => None,
            }
        })
}

#[derive(Debug, Default, Clone)]
struct LevelDefinition {
    format: Option<String>,
    text: Option<String>,
    paragraph_style: Option<String>,
}

impl LevelDefinition {
    /// A level shows a marker unless its format is "none" and it has no label text.
    fn shows_marker(&self) -> bool {
        !(self.format.as_deref() == Some("none")
            && self.text.as_deref().is_none_or(|t| t.trim().is_empty()))
    }
}

#[derive(Debug, Default)]
struct AbstractNumbering {
    levels: HashMap<u8, LevelDefinition>,
    /// `w:numStyleLink`: the definitions live in the abstract numbering whose `w:styleLink` is this.
    uses_style: Option<String>,
    /// `w:styleLink`.
    defines_style: Option<String>,
}

#[derive(Debug, Default)]
struct NumberingInstance {
    abstract_id: Option<String>,
    overrides: HashMap<u8, LevelDefinition>,
}

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, AbstractNumbering>,
    instances: HashMap<String, NumberingInstance>,
}

impl Numbering {
    /// The level definition shown by numbering instance `num_id` at `level`, if defined.
    fn level(&self, num_id: &str, level: u8) -> Option<&LevelDefinition> {
        let instance = self.instances.get(num_id)?;
        if let Some(overridden) = instance.overrides.get(&level) {
            return Some(overridden);
        }
        let mut abstract_num = self.abstracts.get(instance.abstract_id.as_deref()?)?;
        if abstract_num.levels.is_empty() {
            if let Some(style) = &abstract_num.uses_style {
                if let Some(linked) = self
                    .abstracts
                    .values()
                    .find(|a| a.defines_style.as_ref() == Some(style))
                {
                    abstract_num = linked;
                }
            }
        }
        abstract_num.levels.get(&level)
    }

    /// Whether a paragraph numbered by `num_id` at `level` shows a list marker. `num_id` "0" and ids with
    /// no definition show none (Word displays such paragraphs unnumbered).
    pub fn shows_marker(&self, num_id: &str, level: u8) -> bool {
        if !self.instances.contains_key(num_id) {
            return false;
        }
        self.level(num_id, level)
            .is_none_or(LevelDefinition::shows_marker)
    }

    /// The level of `num_id` bound to paragraph style `style_id` (`w:lvl/w:pStyle`), for paragraphs whose
    /// numbering does not give a level.
    pub fn level_for_style(&self, num_id: &str, style_id: &str) -> Option<u8> {
        (0..9u8).find(|&level| {
            self.level(num_id, level)
                .and_then(|l| l.paragraph_style.as_deref())
                .is_some_and(|s| s == style_id)
        })
    }

    /// Reads the numbering part `part_name`.
    pub fn parse(
        xml: &[u8],
        part_name: &str,
        limits: &Limits,
        deadline: Deadline,
    ) -> Result<Numbering> {
        let xml = decode_part(xml);
        let mut reader = XmlReader::new(&xml, "DOCX", part_name, limits.max_depth, deadline);
        let mut numbering = Numbering::default();
        let mut path: Vec<&'static str> = Vec::new();
        // What is being read: an abstract numbering or an instance (by id), and a level in it.
        let mut abstract_id: Option<String> = None;
        let mut instance_id: Option<String> = None;
        let mut level: Option<(u8, LevelDefinition)> = None;
        loop {
            match reader.next()? {
                XmlEvent::Start(e) => {
                    let parent = path.last().copied();
                    let tag = match (e.ns, e.local(), parent) {
                        (Ns::Word, "abstractNum", _) => {
                            abstract_id = e.attr("abstractNumId").map(|v| v.trim().to_owned());
                            "abstractNum"
                        }
                        (Ns::Word, "num", _) => {
                            instance_id = e.attr("numId").map(|v| v.trim().to_owned());
                            if let Some(id) = &instance_id {
                                numbering.instances.entry(id.clone()).or_default();
                            }
                            "num"
                        }
                        (Ns::Word, "abstractNumId", Some("num")) => {
                            if let Some(instance) = instance_id
                                .as_ref()
                                .and_then(|id| numbering.instances.get_mut(id))
                            {
                                instance.abstract_id = e.attr("val").map(|v| v.trim().to_owned());
                            }
                            ""
                        }
                        (Ns::Word, "lvlOverride", Some("num")) => "lvlOverride",
                        (Ns::Word, "lvl", Some("abstractNum" | "lvlOverride")) => {
                            let ilvl = e
                                .attr("ilvl")
                                .and_then(|v| v.trim().parse::<u8>().ok())
                                .unwrap_or(0);
                            level = Some((ilvl, LevelDefinition::default()));
                            "lvl"
                        }
                        (Ns::Word, "numFmt", Some("lvl")) => {
                            if let Some((_, def)) = level.as_mut() {
                                def.format = e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        (Ns::Word, "lvlText", Some("lvl")) => {
                            if let Some((_, def)) = level.as_mut() {
                                def.text = e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        (Ns::Word, "pStyle", Some("lvl")) => {
                            if let Some((_, def)) = level.as_mut() {
                                def.paragraph_style = e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        (Ns::Word, "styleLink", Some("abstractNum")) => {
                            if let Some(a) = abstract_id.as_ref() {
                                numbering
                                    .abstracts
                                    .entry(a.clone())
                                    .or_default()
                                    .defines_style = e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        (Ns::Word, "numStyleLink", Some("abstractNum")) => {
                            if let Some(a) = abstract_id.as_ref() {
                                numbering.abstracts.entry(a.clone()).or_default().uses_style =
                                    e.attr("val").map(|v| v.into_owned());
                            }
                            ""
                        }
                        // Markup-compatibility wrappers (alternative number formats) are read through.
                        (Ns::MarkupCompat, _, _) => parent.unwrap_or(""),
                        _ => "",
                    };
                    path.push(tag);
                }
                XmlEvent::End => match path.pop() {
                    Some("lvl") => {
                        if let Some((ilvl, def)) = level.take() {
                            if path.last() == Some(&"lvlOverride") {
                                if let Some(instance) = instance_id
                                    .as_ref()
                                    .and_then(|id| numbering.instances.get_mut(id))
                                {
                                    instance.overrides.insert(ilvl, def);
                                }
                            } else if let Some(a) = abstract_id.as_ref() {
                                numbering
                                    .abstracts
                                    .entry(a.clone())
                                    .or_default()
                                    .levels
                                    .entry(ilvl)
                                    .or_insert(def);
                            }
                        }
                    }
                    Some("abstractNum") => abstract_id = None,
                    Some("num") => instance_id = None,
                    _ => {}
                },
                XmlEvent::Text(_) => {}
                XmlEvent::Eof => break,
            }
        }
        Ok(numbering)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn deadline() -> Deadline {
        Deadline::after(Duration::from_secs(60))
    }

    #[test]
    fn heading_levels_follow_outline_levels_names_and_based_on_chains() {
        let xml = format!(
            r#"<w:styles {W}>
              <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
              <w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
                <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="My section"/><w:basedOn w:val="Kop2"/></w:style>
              <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="Heading 3"/></w:style>
              <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
              <w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="Kop2"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
              <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
              <w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="Heading 1 Char"/></w:style>
              <w:style w:type="paragraph" w:styleId="ListBullet"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
            </w:styles>"#
        );
        let styles = Styles::parse(
            xml.as_bytes(),
            "word/styles.xml",
            &Limits::default(),
            deadline(),
        )
        .expect("parses");
        let level = |id: Option<&str>| styles.resolve(id).and_then(|s| s.heading_level);
        assert_eq!(level(Some("Kop2")), Some(2));
        assert_eq!(level(Some("Custom")), Some(2));
        assert_eq!(level(Some("Heading3")), Some(3));
        assert_eq!(level(Some("Titel")), Some(1));
        assert_eq!(level(Some("Plain")), None);
        assert_eq!(level(Some("LoopA")), None);
        assert_eq!(level(Some("Heading1Char")), None);
        assert_eq!(level(None), None);
        assert_eq!(
            styles
                .resolve(Some("ListBullet"))
                .map(|s| s.numbering.num_id.as_deref()),
            Some(Some("7"))
        );
    }

    #[test]
    fn numbering_markers() {
        let xml = format!(
            r#"<w:numbering {W}>
              <w:abstractNum w:abstractNumId="1">
                <w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
                <w:lvl w:ilvl="1"><w:numFmt w:val="none"/><w:lvlText w:val=""/><w:pStyle w:val="Sub"/></w:lvl>
              </w:abstractNum>
              <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="LinkedList"/></w:abstractNum>
              <w:abstractNum w:abstractNumId="3"><w:styleLink w:val="LinkedList"/>
                <w:lvl w:ilvl="0"><w:numFmt w:val="none"/></w:lvl></w:abstractNum>
              <w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>
              <w:num w:numId="6"><w:abstractNumId w:val="1"/>
                <w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:lvlOverride></w:num>
              <w:num w:numId="8"><w:abstractNumId w:val="2"/></w:num>
            </w:numbering>"#
        );
        let numbering = Numbering::parse(
            xml.as_bytes(),
            "word/numbering.xml",
            &Limits::default(),
            deadline(),
        )
        .expect("parses");
        assert!(numbering.shows_marker("5", 0));
        assert!(!numbering.shows_marker("5", 1));
        assert!(numbering.shows_marker("6", 1));
        assert!(!numbering.shows_marker("8", 0));
        assert!(!numbering.shows_marker("0", 0));
        assert!(!numbering.shows_marker("99", 0));
        assert_eq!(numbering.level_for_style("5", "Sub"), Some(1));
    }
}
