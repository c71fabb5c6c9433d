//! Bounded access to zip containers (DOCX, ODT) (being written).
