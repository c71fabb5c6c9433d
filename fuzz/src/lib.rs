//! Shared settings of the fuzz targets.

use std::time::Duration;
use tenderlint::extract::Limits;

/// The default limits, with the inflation bound and the time limit lowered so that a bounded but large
/// input stays inside libFuzzer's `-rss_limit_mb=2048` (address sanitizer roughly doubles memory) and
/// its `-timeout=10`. A run that exceeds either is therefore a real defect: memory or time not bounded
/// by `Limits`.
pub fn limits() -> Limits {
    Limits {
        max_inflated_bytes: 64 * 1024 * 1024,
        max_chars: 8_000_000,
        timeout: Duration::from_secs(5),
        ..Limits::default()
    }
}
