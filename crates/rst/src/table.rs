//! Grid and simple tables.

use crate::block::{BlockParser, Line};
use crate::tree::{Document, NodeId};

/// Parses a grid table at `lines[i]`; `None` when it is not one.
pub(crate) fn grid(
    _p: &mut BlockParser<'_>,
    _lines: &[Line],
    _i: usize,
    _parent: NodeId,
    _depth: u32,
) -> Option<usize> {
    None
}

/// Parses a simple table at `lines[i]`; `None` when it is not one.
pub(crate) fn simple(
    _p: &mut BlockParser<'_>,
    _lines: &[Line],
    _i: usize,
    _parent: NodeId,
    _depth: u32,
) -> Option<usize> {
    None
}

/// Writes table node `n`.
pub(crate) fn render(out: &mut String, doc: &Document, n: NodeId) {
    let _ = (out, doc, n);
}
