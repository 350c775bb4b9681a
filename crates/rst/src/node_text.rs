//! A node's plain text as docutils' `astext()` gives it: what Pelican takes as the value of
//! a metadata field that it does not format (`:category:`, `:slug:`, a plugin's field).
//!
//! docutils joins the texts of an element's children with the element's
//! `child_text_separator`: nothing inside text elements (paragraphs, titles, inline markup),
//! a blank line (`"\n\n"`) between the children of body elements (lists, items, quotes,
//! tables). Footnote and citation references read as the label shown, an image as its
//! `:alt:`, a footnote starts with its label.

use crate::tree::{Document, NodeId, NodeKind};

/// What is left to write: a node still to be visited, or text between nodes.
enum Step<'d> {
    Node(NodeId),
    Text(&'d str),
}

/// The text of `id` and its descendants, as docutils' `astext()` of the same node.
pub(crate) fn astext(doc: &Document, id: NodeId) -> String {
    let mut out = String::new();
    // An explicit stack: a field body can hold arbitrarily deep lists.
    let mut stack = vec![Step::Node(id)];
    while let Some(step) = stack.pop() {
        let n = match step {
            Step::Text(t) => {
                out.push_str(t);
                continue;
            }
            Step::Node(n) => n,
        };
        match doc.kind(n) {
            NodeKind::Text(t)
            | NodeKind::Literal(t)
            | NodeKind::Math(t)
            | NodeKind::MathBlock(t)
            | NodeKind::LiteralBlock(t)
            | NodeKind::DoctestBlock(t)
            | NodeKind::Comment(t)
            | NodeKind::Raw(t)
            | NodeKind::RawInline(t)
            | NodeKind::Problematic(t) => out.push_str(t),
            NodeKind::Code(c) => out.push_str(&c.text),
            NodeKind::FootnoteReference(d) | NodeKind::CitationReference(d) => {
                out.push_str(&d.shown)
            }
            NodeKind::Image(img) => out.push_str(img.alt.as_deref().unwrap_or("")),
            NodeKind::Transition | NodeKind::Target(_) => {}
            NodeKind::Footnote(d) | NodeKind::Citation(d) => {
                // docutils' label element is the note's first child.
                push_children(doc, n, "\n\n", &mut stack);
                if doc.first_child(n).is_some() {
                    stack.push(Step::Text("\n\n"));
                }
                out.push_str(&d.shown);
            }
            kind => push_children(doc, n, separator(kind), &mut stack),
        }
    }
    out
}

/// Pushes `n`'s children so that they pop in order, `sep` between each two.
fn push_children<'d>(doc: &'d Document, n: NodeId, sep: &'d str, stack: &mut Vec<Step<'d>>) {
    let start = stack.len();
    for (k, c) in doc.children(n).enumerate() {
        if k > 0 && !sep.is_empty() {
            stack.push(Step::Text(sep));
        }
        stack.push(Step::Node(c));
    }
    stack[start..].reverse();
}

/// docutils' `child_text_separator` of the element `kind` stands for.
fn separator(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Paragraph
        | NodeKind::Title
        | NodeKind::Subtitle
        | NodeKind::Line
        | NodeKind::Attribution
        | NodeKind::Term
        | NodeKind::Classifier
        | NodeKind::FieldName
        | NodeKind::Caption
        | NodeKind::Rubric
        | NodeKind::TableTitle
        | NodeKind::ParsedLiteral
        | NodeKind::SubstitutionDefinition(_)
        | NodeKind::Emphasis
        | NodeKind::Strong
        | NodeKind::TitleReference
        | NodeKind::Subscript
        | NodeKind::Superscript
        | NodeKind::Abbreviation(_)
        | NodeKind::Acronym
        | NodeKind::Inline(_)
        | NodeKind::Reference { .. }
        | NodeKind::InlineTarget(_)
        | NodeKind::SubstitutionReference(_) => "",
        _ => "\n\n",
    }
}

#[cfg(test)]
mod tests {
    use crate::parse;

    /// The text of the first docinfo field's body.
    fn field_text(src: &str) -> String {
        let (doc, _) = parse(src);
        let field = doc.docinfo.first().expect("a docinfo field");
        super::astext(&doc, field.body)
    }

    #[test]
    fn footnote_references_read_as_their_numbers() {
        assert_eq!(field_text(":r: a [#]_ b\n\n.. [#] note\n"), "a 1 b");
        assert_eq!(field_text(":r: a [*]_\n\n.. [*] note\n"), "a *");
    }

    #[test]
    fn paragraphs_and_items_are_separated_by_blank_lines() {
        assert_eq!(field_text(":r: one\n\n   two\n"), "one\n\ntwo");
        assert_eq!(field_text(":r: - a\n     *b*\n   - c\n"), "a\nb\n\nc");
    }

    #[test]
    fn markup_leaves_its_text() {
        assert_eq!(field_text(":r: ``x`` *y* `z <http://e.org>`__\n"), "x y z");
    }
}
