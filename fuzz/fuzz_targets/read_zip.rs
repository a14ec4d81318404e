//! Any bytes as a .zip batch of reports: taking the members out never panics, stays within bounded
//! time and memory, and keeps the archive's limits (member count, inflated bytes in all and each), every
//! member named under the archive's name.
#![no_main]

use libfuzzer_sys::fuzz_target;
use report_analyzer::decode::{archive, NativeDecoder};

fuzz_target!(|data: &[u8]| {
    let Ok(members) = archive::members(data, "batch.zip", &NativeDecoder) else { return };
    assert!(members.len() <= archive::MAX_MEMBERS + 1, "{} members", members.len());
    let mut total = 0;
    for m in &members {
        assert!(m.name.starts_with("batch.zip/") && m.name.len() > "batch.zip/".len(), "{:?}", m.name);
        if let Ok(b) = &m.bytes {
            assert!(b.len() <= report_analyzer::MAX_INPUT_BYTES, "{}: {} bytes", m.name, b.len());
            total += b.len();
        }
    }
    assert!(total <= archive::MAX_TOTAL, "{total} bytes in all");
});
