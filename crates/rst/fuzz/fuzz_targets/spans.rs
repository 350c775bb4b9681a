//! Span invariants: every node's span and every diagnostic's span lies inside the text,
//! runs forwards and sits on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (doc, diags) = folio_rst::parse(text);
    let spans = doc.descendants(doc.root()).into_iter().map(|n| doc.node(n).span);
    for s in spans.chain(diags.iter().map(|d| d.span)) {
        assert!(s.start <= s.end && s.end as usize <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
    }
});
