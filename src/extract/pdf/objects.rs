//! Safe access to lopdf objects: bounded dereferencing, typed getters that return `None` on wrong
//! types, inherited page attributes, and stream decoding within the document's byte budget.

use super::super::{ExtractError, Result};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Follows references until a direct object (lopdf bounds the chain). `None` for a dangling reference.
pub fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

/// The value under `key`, dereferenced.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?)
}

/// The dictionary an object is or refers to (a stream's dictionary counts).
pub fn as_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match resolve(doc, object)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(doc, dict.get(key).ok()?)
}

/// A finite number.
pub fn as_number(object: &Object) -> Option<f32> {
    let n = match object {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => return None,
    };
    n.is_finite().then_some(n)
}

pub fn get_number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    as_number(get(doc, dict, key)?)
}

pub fn as_name(object: &Object) -> Option<&[u8]> {
    match object {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

pub fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    as_name(get(doc, dict, key)?)
}

pub fn get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// An array of numbers (elements dereferenced); `None` if any element is not a number.
pub fn number_array(doc: &Document, object: &Object) -> Option<Vec<f32>> {
    match resolve(doc, object)? {
        Object::Array(items) => items
            .iter()
            .map(|o| resolve(doc, o).and_then(as_number))
            .collect(),
        _ => None,
    }
}

/// The stream an object refers to, with its object id when it is indirect.
pub fn as_stream<'a>(
    doc: &'a Document,
    object: &'a Object,
) -> Option<(Option<ObjectId>, &'a Stream)> {
    let (id, object) = doc.dereference(object).ok()?;
    match object {
        Object::Stream(s) => Some((id, s)),
        _ => None,
    }
}

/// An inheritable page attribute (`Resources`, `MediaBox`, `CropBox`, `Rotate`): from the page or its
/// nearest ancestor in the page tree.
pub fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    let mut seen: HashSet<ObjectId> = HashSet::new();
    for _ in 0..64 {
        if let Some(value) = get(doc, node, key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").ok()?.as_reference().ok()?;
        if !seen.insert(parent) {
            return None;
        }
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// Decodes streams within a total byte budget shared by the whole document.
#[derive(Debug)]
pub struct StreamBudget {
    remaining: u64,
    total: u64,
}

impl StreamBudget {
    pub fn new(total: u64) -> Self {
        StreamBudget {
            remaining: total,
            total,
        }
    }

    fn exceeded(&self) -> ExtractError {
        ExtractError::too_large(format!(
            "the PDF's compressed streams expand to more than {} MB",
            self.total / (1024 * 1024)
        ))
    }

    /// The decoded bytes of a stream. `Ok(None)` when the stream cannot be decoded (unknown filter,
    /// damaged data); `Err(too_large)` when it would exceed the remaining budget.
    pub fn decode(&mut self, stream: &Stream) -> Result<Option<Vec<u8>>> {
        let limit = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        let decoded = catch_unwind(AssertUnwindSafe(|| {
            stream.decompressed_content_with_limit(limit)
        }));
        let bytes = match decoded {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            }))) => return Err(self.exceeded()),
            Ok(Err(_)) | Err(_) => return Ok(None),
        };
        let used = bytes.len() as u64;
        if used > self.remaining {
            return Err(self.exceeded());
        }
        self.remaining -= used;
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_counts_all_streams_together() {
        let stream = Stream::new(Dictionary::new(), vec![b'x'; 600]);
        let mut budget = StreamBudget::new(1000);
        assert_eq!(budget.decode(&stream).unwrap().map(|b| b.len()), Some(600));
        let err = budget.decode(&stream).unwrap_err();
        assert_eq!(err.kind, crate::extract::ErrorKind::TooLarge);
    }

    #[test]
    fn undecodable_stream_is_none() {
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"NoSuchDecode".to_vec()));
        let stream = Stream::new(dict, vec![1, 2, 3]);
        let mut budget = StreamBudget::new(1000);
        assert_eq!(budget.decode(&stream).unwrap(), None);
    }

    #[test]
    fn inherited_attributes_follow_parents_and_stop_on_cycles() {
        let mut doc = Document::with_version("1.5");
        let parent_id = doc.new_object_id();
        let page_id = doc.new_object_id();
        let mut parent = Dictionary::new();
        parent.set("Rotate", Object::Integer(90));
        parent.set("Parent", Object::Reference(parent_id));
        doc.objects.insert(parent_id, Object::Dictionary(parent));
        let mut page = Dictionary::new();
        page.set("Parent", Object::Reference(parent_id));
        doc.objects
            .insert(page_id, Object::Dictionary(page.clone()));
        assert_eq!(
            inherited(&doc, &page, b"Rotate").and_then(as_number),
            Some(90.0)
        );
        assert!(inherited(&doc, &page, b"MediaBox").is_none());
    }
}
