//! Fuzz target: sniffing plus the Markdown and plain-text readers, for any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use tenderlint::extract::{extract_bytes, sniff, text, Format};

fuzz_target!(|data: &[u8]| {
    let limits = tenderlint_fuzz::limits();
    // Sniffing looks at every input; the text readers get every input that decodes.
    let _ = sniff(data, Path::new("fuzz.md"));
    if let Ok(decoded) = text::decode(data) {
        let _ = text::read_markdown(&decoded, &limits);
        let _ = text::read_plain(&decoded, &limits);
    }
    let _ = extract_bytes(Format::Markdown, data, &limits);
});
