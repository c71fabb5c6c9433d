//! The OPC package around a DOCX: which part is the main document, and what its relationships point to.
//!
//! Parts are found through `_rels/.rels` and `word/_rels/document.xml.rels` (by relationship type, so
//! transitional and strict OOXML both work), with Word's usual part names as the fallback when a
//! relationship file is missing.

use super::super::xml::{decode_part, XmlEvent, XmlReader};
use super::super::zip_container::ZipContainer;
use super::super::{Deadline, Limits, Result};

/// One relationship of a part: its id, the last segment of its type URI ("header", "styles", …) and the
/// part name it points to (already resolved against the source part). External targets are dropped.
#[derive(Debug, Clone)]
pub(super) struct Relationship {
    pub id: String,
    pub kind: String,
    pub part: String,
}

/// The relationships of one part.
#[derive(Debug, Default)]
pub(super) struct Relationships(Vec<Relationship>);

impl Relationships {
    /// The part that relationship `id` points to.
    pub fn part_for_id(&self, id: &str) -> Option<&str> {
        self.0.iter().find(|r| r.id == id).map(|r| r.part.as_str())
    }

    /// The first part related by type `kind` ("styles", "numbering", "footnotes", …).
    pub fn part_of_kind(&self, kind: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|r| r.kind == kind)
            .map(|r| r.part.as_str())
    }
}

/// Word's name for the main document part, used when the package does not say otherwise.
pub(super) const DEFAULT_MAIN_PART: &str = "word/document.xml";

/// The main document part: the `officeDocument` relationship of the package if it names an existing
/// part, else `word/document.xml`.
pub(super) fn main_document_part(
    zip: &mut ZipContainer<'_>,
    limits: &Limits,
    deadline: Deadline,
) -> Result<String> {
    let package_rels = read_relationships(zip, "", limits, deadline)?;
    if let Some(part) = package_rels.part_of_kind("officeDocument") {
        if let Some(found) = zip.find(part) {
            return Ok(found);
        }
    }
    Ok(DEFAULT_MAIN_PART.to_owned())
}

/// Reads the relationships of `source_part` ("" for the package itself). A missing relationships part
/// means no relationships; a damaged one is an error.
pub(super) fn read_relationships(
    zip: &mut ZipContainer<'_>,
    source_part: &str,
    limits: &Limits,
    deadline: Deadline,
) -> Result<Relationships> {
    let rels_name = relationships_part_name(source_part);
    let Some(bytes) = zip.read_optional(&rels_name)? else {
        return Ok(Relationships::default());
    };
    let xml = decode_part(&bytes);
    let mut reader = XmlReader::new(&xml, "DOCX", &rels_name, limits.max_depth, deadline);
    let base_dir = source_part.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut relationships = Vec::new();
    loop {
        match reader.next()? {
            XmlEvent::Start(e) if e.local() == "Relationship" => {
                if e.attr("TargetMode")
                    .is_some_and(|m| m.eq_ignore_ascii_case("External"))
                {
                    continue;
                }
                let (Some(id), Some(kind), Some(target)) =
                    (e.attr("Id"), e.attr("Type"), e.attr("Target"))
                else {
                    continue;
                };
                let kind = kind.rsplit('/').next().unwrap_or_default().to_owned();
                relationships.push(Relationship {
                    id: id.into_owned(),
                    kind,
                    part: resolve_target(base_dir, &target),
                });
            }
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    Ok(Relationships(relationships))
}

/// `word/document.xml` → `word/_rels/document.xml.rels`; the package itself ("") → `_rels/.rels`.
fn relationships_part_name(source_part: &str) -> String {
    match source_part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{source_part}.rels"),
    }
}

/// Resolves a relationship target against the folder of its source part: `header1.xml` from `word` is
/// `word/header1.xml`, `/word/x.xml` is absolute, `../customXml/item.xml` climbs.
pub(super) fn resolve_target(base_dir: &str, target: &str) -> String {
    let target = target.split(['#', '?']).next().unwrap_or_default();
    let mut segments: Vec<&str> = Vec::new();
    let relative_part = match target.strip_prefix('/') {
        Some(absolute) => absolute,
        None => {
            segments.extend(base_dir.split('/').filter(|s| !s.is_empty()));
            target
        }
    };
    for segment in relative_part.split(['/', '\\']) {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve_target("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve_target("word", "/word/footer2.xml"),
            "word/footer2.xml"
        );
        assert_eq!(
            resolve_target("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve_target("word", "./media/../styles.xml"),
            "word/styles.xml"
        );
    }

    #[test]
    fn relationships_part_names() {
        assert_eq!(relationships_part_name(""), "_rels/.rels");
        assert_eq!(
            relationships_part_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
    }
}
