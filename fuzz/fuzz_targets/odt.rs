//! Fuzz target: the ODT reader (zipped and flat XML) must return text or an `ExtractError` for any bytes,
//! never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tenderlint::extract::{odt, Deadline};

fuzz_target!(|data: &[u8]| {
    let limits = tenderlint_fuzz::limits();
    let _ = odt::read(data, &limits, Deadline::after(limits.timeout));
});
