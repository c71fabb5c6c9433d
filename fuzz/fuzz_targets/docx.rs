//! Fuzz target: the DOCX reader must return text or an `ExtractError` for any bytes, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tenderlint::extract::{docx, Deadline};

fuzz_target!(|data: &[u8]| {
    let limits = tenderlint_fuzz::limits();
    let _ = docx::read(data, &limits, Deadline::after(limits.timeout));
});
