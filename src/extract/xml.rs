//! Streaming XML reading shared by the DOCX and ODT readers, over quick-xml.
//!
//! [`XmlReader`] yields start tags (with their namespace resolved to the few vocabularies the readers
//! know, so that prefixes do not matter and strict OOXML reads like transitional), end tags and decoded
//! text. It bounds element nesting by [`Limits::max_depth`](super::Limits), checks the reading deadline,
//! never reads a DTD or expands an entity other than the five predefined ones and character references,
//! and turns every XML error into a [`Corrupt`](super::ErrorKind::Corrupt) error that names the part.
//! It knows nothing of what the elements mean.

use super::{Deadline, ExtractError, Result};
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// The XML vocabularies the office readers tell apart. Everything else is [`Ns::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML, transitional or strict.
    Word,
    /// Office Math (OMML), transitional or strict.
    Math,
    /// Markup compatibility (`mc:AlternateContent`).
    MarkupCompat,
    /// OPC package relationships (`_rels/*.rels`).
    PackageRelationships,
    OdfOffice,
    OdfText,
    OdfTable,
    OdfDraw,
    OdfStyle,
    OdfSvg,
    OdfManifest,
    Other,
}

impl Ns {
    fn from_uri(uri: &str) -> Ns {
        match uri {
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::Word,
            "http://schemas.openxmlformats.org/officeDocument/2006/math"
            | "http://purl.oclc.org/ooxml/officeDocument/math" => Ns::Math,
            "http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::MarkupCompat,
            "http://schemas.openxmlformats.org/package/2006/relationships" => {
                Ns::PackageRelationships
            }
            "urn:oasis:names:tc:opendocument:xmlns:office:1.0" => Ns::OdfOffice,
            "urn:oasis:names:tc:opendocument:xmlns:text:1.0" => Ns::OdfText,
            "urn:oasis:names:tc:opendocument:xmlns:table:1.0" => Ns::OdfTable,
            "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" => Ns::OdfDraw,
            "urn:oasis:names:tc:opendocument:xmlns:style:1.0" => Ns::OdfStyle,
            "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" => Ns::OdfSvg,
            "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" => Ns::OdfManifest,
            _ => Ns::Other,
        }
    }

    /// For a prefix the file uses without declaring it: the vocabulary that prefix conventionally names.
    fn from_undeclared_prefix(prefix: &str) -> Ns {
        match prefix {
            "w" => Ns::Word,
            "m" => Ns::Math,
            "mc" => Ns::MarkupCompat,
            "office" => Ns::OdfOffice,
            "text" => Ns::OdfText,
            "table" => Ns::OdfTable,
            "draw" => Ns::OdfDraw,
            "style" => Ns::OdfStyle,
            "svg" => Ns::OdfSvg,
            "manifest" => Ns::OdfManifest,
            _ => Ns::Other,
        }
    }
}

/// A start tag: its vocabulary, local name and attributes.
pub(crate) struct Element<'x> {
    pub ns: Ns,
    start: BytesStart<'x>,
    /// Where the local name starts in the qualified name (after `prefix:`).
    local_start: usize,
}

impl Element<'_> {
    /// The name without its prefix.
    pub fn local(&self) -> &str {
        self.start
            .name()
            .0
            .get(self.local_start..)
            .unwrap_or_default()
    }

    /// Whether this is the element `local` of vocabulary `ns`.
    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local() == local
    }

    /// The value of the attribute whose local name is `local`, whatever its prefix (`w:val`, `r:id`,
    /// `text:outline-level`), with references decoded. Namespace declarations are never matched.
    pub fn attr(&self, local: &str) -> Option<Cow<'_, str>> {
        for attr in self.start.attributes().with_checks(false) {
            // A malformed attribute list ends the search: the value we want is not readable.
            let Ok(attr) = attr else { return None };
            let key = attr.key.0;
            let (prefix, key_local) = key
                .rsplit_once(':')
                .map_or((None, key), |(p, l)| (Some(p), l));
            if key_local != local || prefix == Some("xmlns") || key == "xmlns" {
                continue;
            }
            return attr.normalized_value(XmlVersion::Implicit1_0).ok();
        }
        None
    }

    /// An on/off property (`<w:vanish/>`, `<w:titlePg w:val="false"/>`): on unless `val` says off.
    pub fn is_on(&self) -> bool {
        !matches!(self.attr("val").as_deref(), Some("false" | "0" | "off"))
    }
}

/// What the reader saw next.
pub(crate) enum XmlEvent<'x> {
    Start(Element<'x>),
    /// The end of the most recently started element that has not ended yet.
    End,
    /// Character data, with references and line ends decoded. Never empty.
    Text(Cow<'x, str>),
    Eof,
}

/// How many events pass between two deadline checks.
const EVENTS_PER_DEADLINE_CHECK: u32 = 2048;

/// A streaming, bounded XML reader over one part of a container.
pub(crate) struct XmlReader<'x> {
    reader: Reader<&'x [u8]>,
    namespaces: NamespaceScopes,
    /// "DOCX", "ODT": for messages.
    file_type: &'static str,
    part: String,
    depth: usize,
    max_depth: usize,
    deadline: Deadline,
    events_since_check: u32,
    /// An empty element (`<a/>`) was returned as a start; its end comes next.
    pending_end: bool,
}

impl<'x> XmlReader<'x> {
    /// A reader over `xml` (UTF-8, see [`decode_part`]), the part `part` of a `file_type` file.
    pub fn new(
        xml: &'x [u8],
        file_type: &'static str,
        part: &str,
        max_depth: usize,
        deadline: Deadline,
    ) -> Self {
        let mut reader = Reader::from_reader(xml);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.allow_dangling_amp = false;
        config.allow_unmatched_ends = false;
        config.expand_empty_elements = false;
        config.trim_text(false);
        XmlReader {
            reader,
            file_type,
            part: part.to_owned(),
            depth: 0,
            max_depth,
            deadline,
            events_since_check: 0,
            pending_end: false,
            namespaces: NamespaceScopes::default(),
        }
    }

    /// The next start tag, end tag or piece of text.
    pub fn next(&mut self) -> Result<XmlEvent<'x>> {
        if self.pending_end {
            self.pending_end = false;
            self.leave();
            return Ok(XmlEvent::End);
        }
        loop {
            self.events_since_check += 1;
            if self.events_since_check >= EVENTS_PER_DEADLINE_CHECK {
                self.events_since_check = 0;
                self.deadline.check()?;
            }
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(e) => return Err(self.damaged(&e)),
            };
            match event {
                Event::Start(start) => return self.enter(start),
                Event::Empty(start) => {
                    self.pending_end = true;
                    return self.enter(start);
                }
                Event::End(_) => {
                    self.leave();
                    return Ok(XmlEvent::End);
                }
                Event::Text(text) => {
                    let content = text.xml10_content();
                    if !content.is_empty() {
                        return Ok(XmlEvent::Text(content));
                    }
                }
                Event::CData(data) => {
                    let content = data.xml10_content();
                    if !content.is_empty() {
                        return Ok(XmlEvent::Text(content));
                    }
                }
                Event::GeneralRef(reference) => {
                    let text = match reference.resolve_char_ref() {
                        Ok(Some(c)) => Cow::Owned(c.to_string()),
                        Ok(None) => match resolve_xml_entity(&reference) {
                            Some(s) => Cow::Borrowed(s),
                            None => {
                                return Err(ExtractError::corrupt(format!(
                                    "the {} is damaged: {} refers to an undefined entity '&{};'",
                                    self.file_type, self.part, &*reference
                                )))
                            }
                        },
                        Err(_) => {
                            return Err(ExtractError::corrupt(format!(
                            "the {} is damaged: {} contains an invalid character reference '&{};'",
                            self.file_type, self.part, &*reference
                        )))
                        }
                    };
                    return Ok(XmlEvent::Text(text));
                }
                // Declarations, processing instructions, comments and DTDs carry no document text;
                // a DTD is never read, so no entity it declares is ever expanded.
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Eof => {
                    if self.depth > 0 {
                        return Err(ExtractError::corrupt(format!(
                            "the {} is damaged: {} ends before its elements are closed (the part is truncated)",
                            self.file_type, self.part
                        )));
                    }
                    return Ok(XmlEvent::Eof);
                }
            }
        }
    }

    /// Skips the rest of the element whose start was just returned, through its end tag.
    pub fn skip_subtree(&mut self) -> Result<()> {
        let outer = self.depth.saturating_sub(1);
        while self.depth > outer {
            if let XmlEvent::Eof = self.next()? {
                break;
            }
        }
        Ok(())
    }

    /// A start tag: one level deeper (bounded), its namespace declarations in scope, its name resolved.
    fn enter(&mut self, start: BytesStart<'x>) -> Result<XmlEvent<'x>> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(ExtractError::too_large(format!(
                "the {}'s part {} nests elements more than {} levels deep",
                self.file_type, self.part, self.max_depth
            )));
        }
        if start.attributes_raw().contains("xmlns") {
            self.namespaces.declare(&start, self.depth);
        }
        let name = start.name().0;
        let (prefix, local_start) = match name.find(':') {
            Some(colon) => (&name[..colon], colon + 1),
            None => ("", 0),
        };
        let ns = self.namespaces.resolve(prefix);
        Ok(XmlEvent::Start(Element {
            ns,
            start,
            local_start,
        }))
    }

    /// An end tag: the declarations of the element that ends go out of scope.
    fn leave(&mut self) {
        self.namespaces.end_scope(self.depth);
        self.depth = self.depth.saturating_sub(1);
    }

    fn damaged(&self, e: &quick_xml::Error) -> ExtractError {
        let what = match e {
            quick_xml::Error::Encoding(_) => "is not valid UTF-8 text",
            quick_xml::Error::Escape(_) => "contains an invalid character or entity reference",
            _ => "is not well-formed XML",
        };
        ExtractError::corrupt(format!(
            "the {} is damaged: {} {what} ({e}, near byte {})",
            self.file_type,
            self.part,
            self.reader.error_position()
        ))
    }
}

/// The namespace declarations in scope, with a small cache of prefix lookups (documents declare dozens
/// of prefixes on the root element and use a handful).
#[derive(Default)]
struct NamespaceScopes {
    /// (prefix, "" for the default namespace; vocabulary; depth of the declaring element)
    bindings: Vec<(String, Ns, usize)>,
    cache: Vec<(String, Ns)>,
}

/// Most namespace declarations kept; more is hostile, and later ones are then ignored.
const MAX_NAMESPACE_BINDINGS: usize = 4096;

impl NamespaceScopes {
    fn declare(&mut self, start: &BytesStart<'_>, depth: usize) {
        for attr in start.attributes().with_checks(false) {
            let Ok(attr) = attr else { break };
            let key = attr.key.0;
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(prefix) => prefix,
                    None => continue,
                },
                None => continue,
            };
            if self.bindings.len() >= MAX_NAMESPACE_BINDINGS {
                break;
            }
            let uri = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .unwrap_or_default();
            self.bindings
                .push((prefix.to_owned(), Ns::from_uri(&uri), depth));
            self.cache.clear();
        }
    }

    fn end_scope(&mut self, depth: usize) {
        let before = self.bindings.len();
        while self.bindings.last().is_some_and(|(_, _, d)| *d >= depth) {
            self.bindings.pop();
        }
        if self.bindings.len() != before {
            self.cache.clear();
        }
    }

    fn resolve(&mut self, prefix: &str) -> Ns {
        if let Some((_, ns)) = self.cache.iter().find(|(p, _)| p == prefix) {
            return *ns;
        }
        let ns = match self.bindings.iter().rev().find(|(p, _, _)| p == prefix) {
            // `xmlns:p=""` undeclares a prefix.
            Some((_, ns, _)) => *ns,
            None if prefix.is_empty() => Ns::Other,
            None => Ns::from_undeclared_prefix(prefix),
        };
        if self.cache.len() < 32 {
            self.cache.push((prefix.to_owned(), ns));
        }
        ns
    }
}

/// The bytes of an XML part as UTF-8: a UTF-8 byte order mark is dropped, UTF-16 (with a byte order mark,
/// or recognisable from its first character `<`) is transcoded.
pub(crate) fn decode_part(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Cow::Borrowed(rest);
    }
    let little_endian = if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(b"<\0") {
        true
    } else if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(b"\0<") {
        false
    } else {
        return Cow::Borrowed(bytes);
    };
    let units = bytes.chunks_exact(2).map(|pair| {
        if little_endian {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .filter(|&c| c != '\u{FEFF}')
        .collect();
    Cow::Owned(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ErrorKind;
    use std::time::Duration;

    fn deadline() -> Deadline {
        Deadline::after(Duration::from_secs(60))
    }

    /// All text of a part, and the (namespace, local name) of every start tag.
    fn read_all(xml: &[u8], max_depth: usize) -> Result<(String, Vec<(Ns, String)>)> {
        let decoded = decode_part(xml);
        let mut reader =
            XmlReader::new(&decoded, "DOCX", "word/document.xml", max_depth, deadline());
        let mut text = String::new();
        let mut starts = Vec::new();
        loop {
            match reader.next()? {
                XmlEvent::Start(e) => starts.push((e.ns, e.local().to_owned())),
                XmlEvent::End => {}
                XmlEvent::Text(t) => text.push_str(&t),
                XmlEvent::Eof => return Ok((text, starts)),
            }
        }
    }

    #[test]
    fn resolves_namespaces_not_prefixes() {
        let xml = br#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:w="urn:other"><w:p/><x:p>a &amp; b &#x41;&#66;</x:p></x:document>"#;
        let (text, starts) = read_all(xml, 10).expect("reads");
        assert_eq!(text, "a & b AB");
        assert_eq!(
            starts,
            vec![
                (Ns::Word, "document".into()),
                (Ns::Other, "p".into()),
                (Ns::Word, "p".into())
            ]
        );
    }

    #[test]
    fn namespace_declarations_are_scoped() {
        let xml = br#"<a xmlns="urn:odd" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p xmlns:w="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><w:p/></w:p><w:p/><b xmlns="urn:oasis:names:tc:opendocument:xmlns:table:1.0"/><c/><text:p/></a>"#;
        let (_, starts) = read_all(xml, 10).expect("reads");
        let ns: Vec<Ns> = starts.iter().map(|(ns, _)| *ns).collect();
        assert_eq!(
            ns,
            [
                Ns::Other,
                Ns::OdfText,
                Ns::OdfText,
                Ns::Word,
                Ns::OdfTable,
                Ns::Other,
                Ns::OdfText
            ]
        );
    }

    #[test]
    fn attributes_are_matched_by_local_name() {
        let xml = br#"<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:val="urn:x" w:val="a&amp;b"/>"#;
        let decoded = decode_part(xml);
        let mut reader = XmlReader::new(&decoded, "DOCX", "p", 10, deadline());
        let Ok(XmlEvent::Start(e)) = reader.next() else {
            panic!("expected a start tag")
        };
        assert_eq!(e.attr("val").as_deref(), Some("a&b"));
        assert!(e.is(Ns::Word, "p"));
        assert!(matches!(reader.next(), Ok(XmlEvent::End)));
        assert!(matches!(reader.next(), Ok(XmlEvent::Eof)));
    }

    #[test]
    fn byte_order_marks_and_utf16_are_decoded() {
        let (text, _) = read_all(b"\xEF\xBB\xBF<?xml version=\"1.0\"?><a>b\xC3\xA9</a>", 10)
            .expect("utf-8 bom");
        assert_eq!(text, "bé");
        let utf16: Vec<u8> = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>zoë</a>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let (text, _) = read_all(&utf16, 10).expect("utf-16");
        assert_eq!(text, "zoë");
    }

    #[test]
    fn depth_is_bounded() {
        let xml = format!("{}{}", "<a>".repeat(50), "</a>".repeat(50));
        assert!(read_all(xml.as_bytes(), 50).is_ok());
        let err = read_all(xml.as_bytes(), 49).expect_err("too deep");
        assert_eq!(err.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn entities_are_never_expanded() {
        let xml =
            br#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY boom "lots of text">]><a>&boom;</a>"#;
        let err = read_all(xml, 10).expect_err("undefined entity");
        assert_eq!(err.kind, ErrorKind::Corrupt);
        assert!(
            err.message.contains("undefined entity '&boom;'"),
            "{}",
            err.message
        );
    }

    #[test]
    fn malformed_xml_is_corrupt() {
        for bad in [
            &b"<a><b></a>"[..],
            b"<a>text",
            b"<a>\xFF\xFE</a>",
            b"<a>&#0;</a>",
            b"<a>x & y</a>",
        ] {
            let err = read_all(bad, 10).expect_err("malformed");
            assert_eq!(
                err.kind,
                ErrorKind::Corrupt,
                "{}",
                String::from_utf8_lossy(bad)
            );
            assert!(
                err.message
                    .starts_with("the DOCX is damaged: word/document.xml"),
                "{}",
                err.message
            );
        }
    }

    #[test]
    fn skip_subtree_skips_nested_and_empty_elements() {
        let xml = b"<r><skip><a><b/>hidden</a></skip><e/>kept</r>";
        let mut reader = XmlReader::new(xml, "ODT", "content.xml", 10, deadline());
        let mut text = String::new();
        loop {
            match reader.next().expect("reads") {
                XmlEvent::Start(e) if e.local() == "skip" || e.local() == "e" => {
                    reader.skip_subtree().expect("skips")
                }
                XmlEvent::Text(t) => text.push_str(&t),
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        assert_eq!(text, "kept");
        assert_eq!(reader.depth, 0);
    }
}
