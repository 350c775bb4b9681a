//! Any bytes parse without a panic (invalid UTF-8 included).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = folio_rst::parse_bytes(data);
});
