//! ODT reader (work in progress: being written).

use super::{Deadline, ExtractError, Extracted, Limits, Result};

pub fn read(_bytes: &[u8], _limits: &Limits, _deadline: Deadline) -> Result<Extracted> {
    Err(ExtractError::new(
        super::ErrorKind::Unsupported,
        "odt reading is not implemented yet",
    ))
}
