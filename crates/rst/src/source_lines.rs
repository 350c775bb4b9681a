//! Source lines on block elements, for an editor's scroll sync (off in Pelican's output).
//!
//! The HTML writer calls [`mark`] after it wrote a node; the node's own element, if it
//! starts where the node's output starts and is a block element, gets `data-line="N"`.
//! The attribute goes right after the tag name, so the rest of the tag is as Pelican has it.

use crate::tree::NodeKind;

/// Elements that can carry a block's line. Inline elements (`em`, `a`, `tt`…) never do:
/// a paragraph written without its `<p>` (docutils' compact paragraphs) starts with its
/// inline content, which must not get the paragraph's line.
const BLOCK_TAGS: &[&str] = &[
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "object",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
];

/// Whether `kind` is a block whose element should carry its line. Raw HTML is the
/// writer's own and stays untouched; invisible nodes write no element.
fn is_marked(kind: &NodeKind) -> bool {
    !kind.is_inline()
        && !matches!(
            kind,
            NodeKind::Document
                | NodeKind::Raw(_)
                | NodeKind::Comment(_)
                | NodeKind::Target(_)
                | NodeKind::SubstitutionDefinition(_)
        )
}

/// Puts ` data-line="line"` into the element that starts at `out[start..]`, if `kind` is a
/// block and that element is a block element without a line yet (an inner node that starts
/// at the same place was written, and marked, first: it keeps its own line).
///
/// Only the node's own output, which ends `out`, moves: the cost is that output's length.
pub(crate) fn mark(out: &mut String, start: usize, kind: &NodeKind, line: u32) {
    if !is_marked(kind) {
        return;
    }
    let Some(tag) = out.get(start..).and_then(|s| s.strip_prefix('<')) else { return };
    let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if !BLOCK_TAGS.contains(&&tag[..name_len]) {
        return;
    }
    let after_name = start + 1 + name_len;
    if out[after_name..].starts_with(" data-line=") {
        return;
    }
    out.insert_str(after_name, &format!(" data-line=\"{line}\""));
}
