//! Any text parses and renders to HTML without a panic: Pelican's HTML, and the editor
//! preview's (source lines on block elements, and the blocks it slices the HTML at).
#![no_main]
use folio_rst::html::{render, render_with, Block, RenderOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, doc, _) = folio_rst::parse_bytes(data);
    let _ = render(&doc);
    let index = folio_rst::LineIndex::new(&text);
    let preview = render_with(&doc, &RenderOptions { source_lines: Some(&index) });
    slice_all(&preview.html, &preview.blocks);
});

/// Slices `html` at every block, as the live preview does: a bad offset panics here.
fn slice_all(html: &str, blocks: &[Block]) {
    for b in blocks {
        std::hint::black_box(&html[b.start..b.end]);
        slice_all(html, &b.children);
    }
}
