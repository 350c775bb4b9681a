//! Any text parses and renders to HTML without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (_, doc, _) = folio_rst::parse_bytes(data);
    let _ = folio_rst::html::render(&doc);
});
