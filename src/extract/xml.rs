//! Shared quick-xml helpers for the DOCX and ODT readers (being written).
