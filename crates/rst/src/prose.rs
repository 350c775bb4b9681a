//! Which parts of a post are prose a writer would spell-check: the byte ranges of the text
//! a reader sees as words, never code, literals, URLs, markup names or raw output.

use crate::tree::{Document, NodeId, NodeKind, RefTarget};
use crate::Span;

/// A run of prose in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prose {
    /// The bytes of the source the run covers (markup characters inside it, such as a
    /// backslash escape or a line's indentation, are the caller's to skip as non-words).
    pub span: Span,
    /// The span of the field name when the run is inside a field list's body (a post's
    /// header fields), so a caller can tell `:title:` from `:slug:`.
    pub field_name: Option<Span>,
}

/// The prose of `doc`, in document order. `doc` is best taken at [`crate::Stage::Parsed`],
/// where substitution definitions still stand where they are written.
///
/// Prose is every text node except those under a literal, code, math, raw output, a
/// comment, a substitution (its reference names a definition; the definition is markup),
/// a field name, an option list's options, a problem, or a standalone URI.
pub fn ranges(doc: &Document) -> Vec<Prose> {
    let mut out = Vec::new();
    // Each entry: a node to visit and the field name in force around it.
    let mut stack: Vec<(NodeId, Option<Span>)> = vec![(doc.root(), None)];
    while let Some((id, field_name)) = stack.pop() {
        let kind = doc.kind(id);
        if !holds_prose(doc, id, kind) {
            continue;
        }
        if let NodeKind::Text(_) = kind {
            let span = doc.node(id).span;
            if span.start < span.end {
                out.push(Prose { span, field_name });
            }
            continue;
        }
        let field_name = match kind {
            NodeKind::Field => field_name_of(doc, id).or(field_name),
            _ => field_name,
        };
        let children: Vec<NodeId> = doc.children(id).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, field_name)));
    }
    out
}

/// Whether anything under a node of this kind can be prose.
fn holds_prose(doc: &Document, id: NodeId, kind: &NodeKind) -> bool {
    match kind {
        NodeKind::LiteralBlock(_)
        | NodeKind::DoctestBlock(_)
        | NodeKind::CodeBlock(_)
        | NodeKind::MathBlock(_)
        | NodeKind::Raw(_)
        | NodeKind::RawInline(_)
        | NodeKind::Comment(_)
        | NodeKind::Literal(_)
        | NodeKind::Code(_)
        | NodeKind::Math(_)
        | NodeKind::Target(_)
        | NodeKind::Meta(_)
        | NodeKind::FieldName
        | NodeKind::OptionGroup(_)
        | NodeKind::SubstitutionReference(_)
        | NodeKind::SubstitutionDefinition(_)
        | NodeKind::SystemMessage { .. }
        | NodeKind::Problematic(_)
        | NodeKind::FootnoteReference(_)
        | NodeKind::CitationReference(_) => false,
        NodeKind::Reference { target: RefTarget::External(uri), .. } => {
            !is_standalone_uri(doc, id, uri)
        }
        _ => true,
    }
}

/// A reference whose only text is its own URI (`https://example.com` written bare).
fn is_standalone_uri(doc: &Document, id: NodeId, uri: &str) -> bool {
    let mut children = doc.children(id);
    match (children.next(), children.next()) {
        (Some(only), None) => match doc.kind(only) {
            NodeKind::Text(text) => uri.ends_with(&**text),
            _ => false,
        },
        _ => false,
    }
}

fn field_name_of(doc: &Document, field: NodeId) -> Option<Span> {
    doc.children(field)
        .find(|&c| matches!(doc.kind(c), NodeKind::FieldName))
        .map(|c| doc.node(c).span)
}
