//! Bounded access to the zip containers of DOCX and ODT files.
//!
//! Opening checks the number of entries; reading a part inflates it through [`Read::take`] so that neither
//! one part nor all parts together can exceed [`Limits::max_inflated_bytes`], whatever sizes the archive
//! declares (zip bombs). Broken archives, encrypted entries and missing parts become [`ExtractError`]s
//! that name the file type and the part. This module knows nothing of what the parts contain.

use super::{ErrorKind, ExtractError, Limits, Result};
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// Largest buffer reserved up front for one part; a part may grow beyond it, but a declared size
/// (which the archive controls) never makes us reserve more.
const MAX_PREALLOCATION: u64 = 16 * 1024 * 1024;

/// An opened zip container with a budget for inflated bytes.
pub(crate) struct ZipContainer<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// "DOCX" or "ODT", for messages.
    file_type: &'static str,
    max_inflated_bytes: u64,
    inflated_so_far: u64,
}

impl<'a> ZipContainer<'a> {
    /// Opens the archive in `bytes`. `file_type` names the format in messages ("DOCX", "ODT").
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits, file_type: &'static str) -> Result<Self> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::UnsupportedArchive(msg) => ExtractError::new(
                ErrorKind::Unsupported,
                format!("the {file_type} uses a zip feature tenderlint does not support ({msg})"),
            ),
            other => ExtractError::corrupt(format!(
                "the {file_type} is damaged: it is not a readable zip archive ({other})"
            )),
        })?;
        if archive.len() > limits.max_zip_entries {
            return Err(ExtractError::too_large(format!(
                "the {file_type} contains {} parts; the limit is {}",
                archive.len(),
                limits.max_zip_entries
            )));
        }
        Ok(ZipContainer {
            archive,
            file_type,
            max_inflated_bytes: limits.max_inflated_bytes,
            inflated_so_far: 0,
        })
    }

    /// The name of the part called `name`, matched exactly or else ignoring ASCII case (OOXML part
    /// names are case-insensitive). `None` when there is no such part.
    pub(crate) fn find(&self, name: &str) -> Option<String> {
        if self.archive.index_for_name(name).is_some() {
            return Some(name.to_owned());
        }
        self.archive
            .file_names()
            .filter_map(|n| n.ok())
            .find(|n| n.eq_ignore_ascii_case(name))
            .map(|n| n.into_owned())
    }

    /// Reads the part `name` (see [`Self::find`]); `Ok(None)` when the archive has no such part.
    pub(crate) fn read_optional(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(actual_name) = self.find(name) else {
            return Ok(None);
        };
        let file_type = self.file_type;
        let remaining = self.max_inflated_bytes.saturating_sub(self.inflated_so_far);
        let mut entry = self
            .archive
            .by_name(&actual_name)
            .map_err(|e| entry_error(file_type, &actual_name, e))?;
        if entry.is_dir() {
            return Ok(None);
        }
        let too_large = || {
            ExtractError::too_large(format!(
                "the {file_type} decompresses to more than {} MB (part {actual_name}); it may be a zip bomb",
                self.max_inflated_bytes / (1024 * 1024)
            ))
        };
        // A declared size over the budget fails at once, before inflating anything; a declared size
        // that lies is caught by the bounded read below.
        if entry.size() > remaining {
            return Err(too_large());
        }
        let capacity = entry.size().min(remaining).min(MAX_PREALLOCATION);
        let mut data = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        // One byte more than allowed tells "exactly at the limit" from "over the limit".
        (&mut entry)
            .take(remaining.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| {
                ExtractError::corrupt(format!(
                    "the {file_type} is damaged: its part {actual_name} cannot be decompressed ({e})"
                ))
            })?;
        let inflated = data.len() as u64;
        if inflated > remaining {
            return Err(too_large());
        }
        self.inflated_so_far += inflated;
        Ok(Some(data))
    }

    /// Reads a part the format cannot do without; a missing part makes the file corrupt.
    pub(crate) fn read_required(&mut self, name: &str) -> Result<Vec<u8>> {
        self.read_optional(name)?.ok_or_else(|| {
            ExtractError::corrupt(format!(
                "the {} is damaged: {name} is missing",
                self.file_type
            ))
        })
    }
}

fn entry_error(file_type: &str, name: &str, e: ZipError) -> ExtractError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => ExtractError::new(
            ErrorKind::Encrypted,
            format!("the {file_type} is password-protected: its part {name} is encrypted"),
        ),
        ZipError::UnsupportedArchive(msg) => ExtractError::new(
            ErrorKind::Unsupported,
            format!("the {file_type} stores its part {name} in a way tenderlint does not support ({msg})"),
        ),
        ZipError::CompressionMethodNotSupported(method) => ExtractError::new(
            ErrorKind::Unsupported,
            format!("the {file_type} compresses its part {name} with a method tenderlint does not support (method {method})"),
        ),
        other => ExtractError::corrupt(format!("the {file_type} is damaged: its part {name} cannot be read ({other})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in parts {
            w.start_file(*name, SimpleFileOptions::default())
                .expect("start file");
            w.write_all(data).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn reads_parts_case_insensitively_and_reports_missing_ones() {
        let bytes = zip_of(&[("word/Document.xml", b"<x/>")]);
        let mut zip = ZipContainer::open(&bytes, &Limits::default(), "DOCX").expect("opens");
        assert_eq!(
            zip.read_optional("word/document.xml").expect("reads"),
            Some(b"<x/>".to_vec())
        );
        assert_eq!(
            zip.read_optional("word/styles.xml").expect("no error"),
            None
        );
        let err = zip.read_required("word/styles.xml").expect_err("missing");
        assert_eq!(err.kind, ErrorKind::Corrupt);
        assert_eq!(
            err.message,
            "the DOCX is damaged: word/styles.xml is missing"
        );
    }

    #[test]
    fn inflated_size_is_bounded_per_part_and_in_total() {
        let big = vec![b'a'; 10_000];
        let bytes = zip_of(&[("a.xml", &big), ("b.xml", &big)]);
        let limits = Limits {
            max_inflated_bytes: 15_000,
            ..Limits::default()
        };
        let mut zip = ZipContainer::open(&bytes, &limits, "ODT").expect("opens");
        assert_eq!(
            zip.read_required("a.xml").expect("first part fits").len(),
            10_000
        );
        let err = zip
            .read_required("b.xml")
            .expect_err("second part exceeds the total");
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert_eq!(zip.inflated_so_far, 10_000);
    }

    #[test]
    fn too_many_entries_is_too_large() {
        let bytes = zip_of(&[("a", b"1"), ("b", b"2"), ("c", b"3")]);
        let limits = Limits {
            max_zip_entries: 2,
            ..Limits::default()
        };
        let err = ZipContainer::open(&bytes, &limits, "DOCX")
            .err()
            .expect("too many entries");
        assert_eq!(err.kind, ErrorKind::TooLarge);
    }

    #[test]
    fn garbage_is_corrupt() {
        let err = ZipContainer::open(
            b"PK\x03\x04 this is not a zip archive at all",
            &Limits::default(),
            "DOCX",
        )
        .err()
        .expect("not a zip");
        assert_eq!(err.kind, ErrorKind::Corrupt);
        assert!(
            err.message.starts_with("the DOCX is damaged"),
            "{}",
            err.message
        );
    }
}
