//! The document tree: a flat arena of nodes, each with its byte span in the source.
//!
//! Nodes live in one `Vec<Node>` and point at each other with [`NodeId`]s (first child,
//! last child, next sibling), as pulldown-cmark's tree does. Dropping, walking and dumping
//! never recurse.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::num::NonZeroU32;

use crate::Span;

/// The index of a node in [`Document::nodes`], never zero so `Option<NodeId>` is 4 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

/// The dense index of `n` (1-based), for side tables indexed by node.
pub(crate) fn index_of(n: NodeId) -> usize {
    n.0.get() as usize
}

impl NodeId {
    fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// A map keyed by node, hashed with [`NodeIdHasher`].
pub type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<NodeIdHasher>>;

/// Hashes a [`NodeId`], a small dense integer, with one multiplication. The HTML writer looks
/// nodes up in id maps for most elements it writes, and the default hasher (SipHash) showed
/// in its profile; ids come from the document itself, not from an adversary choosing keys.
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeIdHasher(u64);

impl Hasher for NodeIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// One element of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// What the node is, with its attributes.
    pub kind: NodeKind,
    /// Where it is in the source (half-open byte range).
    pub span: Span,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    next: Option<NodeId>,
}

/// Enumerated list numbering styles, as docutils names them in HTML classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumStyle {
    /// 1, 2, 3
    Arabic,
    /// a, b, c
    LowerAlpha,
    /// A, B, C
    UpperAlpha,
    /// i, ii, iii
    LowerRoman,
    /// I, II, III
    UpperRoman,
}

impl EnumStyle {
    /// The HTML class docutils writes.
    pub fn class(self) -> &'static str {
        match self {
            EnumStyle::Arabic => "arabic",
            EnumStyle::LowerAlpha => "loweralpha",
            EnumStyle::UpperAlpha => "upperalpha",
            EnumStyle::LowerRoman => "lowerroman",
            EnumStyle::UpperRoman => "upperroman",
        }
    }
}

/// How a reference found its target; filled in by the resolve step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefTarget {
    /// Not resolved (yet, or never: then a diagnostic says so).
    Unresolved,
    /// An external URI.
    External(Box<str>),
    /// An element id in this document.
    Internal(Box<str>),
}

/// Attributes of a footnote or citation reference and of footnotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteData {
    /// The label as written (`1`, `#`, `#name`, `*`, `CIT2002`).
    pub label: Box<str>,
    /// The label shown (`1`, `*`, `CIT2002`), set by resolve.
    pub shown: Box<str>,
    /// The element's id.
    pub id: Box<str>,
    /// For a reference: the id of its note. For a note: the ids of its references.
    pub links: Vec<Box<str>>,
}

/// Attributes of a hyperlink target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetData {
    /// The normalized name (empty for anonymous targets).
    pub name: Box<str>,
    /// The URI (escapes removed, escaped whitespace kept as spaces), or for an indirect
    /// target the reference name it points at; `None` for internal.
    pub uri: Option<Box<str>>,
    /// `__ uri` or `.. __: uri`.
    pub anonymous: bool,
    /// `uri` names another target (`.. _a: b_`) rather than being a URI.
    pub indirect: bool,
}

/// Attributes of a code block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeData {
    /// The language as written, empty if none.
    pub language: String,
    /// The code.
    pub text: String,
    /// The directive's options as (name, value).
    pub options: Vec<(String, String)>,
    /// Docutils' own `code` directive rather than Pelican's.
    pub docutils: bool,
}

/// Attributes of an image.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageData {
    /// The URI as written.
    pub uri: Box<str>,
    /// `:alt:`
    pub alt: Option<Box<str>>,
    /// Other options as (name, value), in source order.
    pub options: Vec<(Box<str>, Box<str>)>,
    /// `:target:`, resolved.
    pub target: Option<Box<str>>,
    /// The target is an element of this document (`:target: name_` naming one).
    pub internal_target: bool,
}

/// What the `table`, `csv-table` and `list-table` directives' options set on a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableFormat {
    /// Leading columns of row headers (`:stub-columns:`).
    pub stubs: u32,
    /// `:align:` (`left`, `center`, `right`).
    pub align: Option<Box<str>>,
    /// `:width:`, normalised (`80%`, `30em`).
    pub width: Option<Box<str>>,
    /// `:widths:`: `auto`, given, or neither.
    pub colwidths: ColWidths,
    /// Whether the `colwidths-*` class comes before the `:class:` ones (csv-table and
    /// list-table build the table first; the table directive adds it last).
    pub colwidths_first: bool,
}

/// Where a table's column widths come from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColWidths {
    /// From the table's text (or equal, for csv-table and list-table).
    #[default]
    Default,
    /// `:widths: auto`: the browser decides.
    Auto,
    /// `:widths:` given (or `grid`).
    Given,
}

/// The kinds of node, with the attributes each carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// The root.
    Document,
    /// A section; `ids` is filled by resolve (first id is the element's id).
    Section {
        /// 1 for a top-level section of the body.
        level: u8,
        /// The element ids.
        ids: Vec<Box<str>>,
    },
    /// A section or topic title.
    Title,
    /// A run of inline content.
    Paragraph,
    /// Preformatted text as written, indentation removed.
    LiteralBlock(Box<str>),
    /// `>>>` blocks.
    DoctestBlock(Box<str>),
    /// `| ` lines.
    LineBlock,
    /// One line of a line block (inline children).
    Line,
    /// An indented block; `class` for epigraph, pull-quote, highlights.
    BlockQuote(Option<Box<str>>),
    /// `-- Name` at the end of a block quote.
    Attribution,
    /// A bullet list.
    BulletList,
    /// An enumerated list.
    EnumList {
        /// Numbering style.
        style: EnumStyle,
        /// First number.
        start: u32,
    },
    /// An item of a bullet or enumerated list.
    ListItem,
    /// A definition list.
    DefinitionList,
    /// A term with its definition.
    DefinitionItem,
    /// The term (inline children).
    Term,
    /// A classifier after the term.
    Classifier,
    /// The definition body.
    Definition,
    /// A field list.
    FieldList,
    /// One field.
    Field,
    /// A field name (inline children).
    FieldName,
    /// A field body.
    FieldBody,
    /// An option list.
    OptionList,
    /// One option list item.
    OptionItem,
    /// The options of an item, as written.
    OptionGroup(Box<str>),
    /// The description of an item.
    OptionDescription,
    /// A horizontal rule.
    Transition,
    /// A comment, kept as an HTML comment.
    Comment(Box<str>),
    /// Raw output (`.. raw:: html`), emitted verbatim.
    Raw(Box<str>),
    /// A table. Children are rows; `head` rows come first.
    Table {
        /// Column widths (in characters).
        widths: Vec<u32>,
        /// Number of header rows.
        head: u32,
        /// What a table directive's options set; `None` for a bare grid or simple table.
        format: Option<Box<TableFormat>>,
    },
    /// A table title (inline children).
    TableTitle,
    /// A `.. meta::` tag for the HTML head, its attributes (`name`, `content`, `lang`,
    /// `http-equiv`, ...) in the order written; it shows nothing in the body.
    Meta(Box<[(Box<str>, Box<str>)]>),
    /// A table row.
    Row,
    /// A cell; spans in columns and rows beyond its own.
    Cell {
        /// Extra columns spanned.
        morecols: u32,
        /// Extra rows spanned.
        morerows: u32,
    },
    /// A footnote (children: body).
    Footnote(Box<NoteData>),
    /// A citation (children: body).
    Citation(Box<NoteData>),
    /// A hyperlink target (`.. _name: uri`, `.. _name:`, `__ uri`).
    Target(Box<TargetData>),
    /// An image.
    Image(Box<ImageData>),
    /// A figure (children: image, caption, legend).
    Figure(Option<Box<str>>),
    /// A figure caption (inline children).
    Caption,
    /// A figure legend.
    Legend,
    /// An admonition (`note`, `warning`, … or `admonition` with a title).
    Admonition(Box<str>),
    /// A topic (`class` e.g. `contents`).
    Topic(Box<str>),
    /// A sidebar.
    Sidebar,
    /// A rubric (inline children).
    Rubric,
    /// A sidebar's `:subtitle:` (inline children).
    Subtitle,
    /// A code block (Pelican's `code-block`, or docutils' `code`).
    CodeBlock(Box<CodeData>),
    /// `.. parsed-literal::`: preformatted text with inline markup (inline children).
    ParsedLiteral,
    /// A displayed formula.
    MathBlock(Box<str>),
    /// A container with classes (`.. container::`, `.. compound::`).
    Container(Box<str>),
    /// A problem, rendered as docutils renders its system messages.
    SystemMessage {
        /// 1 info … 4 severe.
        level: u8,
        /// 1-based line docutils names.
        line: u32,
        /// The id of the message.
        id: Box<str>,
        /// The plain-words text.
        message: Box<str>,
    },
    /// Text with no markup (escapes resolved).
    Text(Box<str>),
    /// `*emphasis*`
    Emphasis,
    /// `**strong**`
    Strong,
    /// ``literal`` text.
    Literal(Box<str>),
    /// `` `title` `` with the default role.
    TitleReference,
    /// `:sub:`
    Subscript,
    /// `:sup:`
    Superscript,
    /// `:abbr:` (Pelican's, with the explanation, if any) or docutils' `:abbreviation:`.
    Abbreviation(Option<Box<str>>),
    /// docutils' `:acronym:`.
    Acronym,
    /// `:code:` text, with the language of a custom role based on `code`.
    Code(Box<CodeData>),
    /// `:math:` text.
    Math(Box<str>),
    /// An inline span with classes (custom roles).
    Inline(Box<str>),
    /// Raw inline HTML.
    RawInline(Box<str>),
    /// A hyperlink reference: its name and where it points.
    Reference {
        /// The normalized reference name (empty for anonymous or standalone links).
        name: Box<str>,
        /// Anonymous (`__`).
        anonymous: bool,
        /// The target.
        target: RefTarget,
    },
    /// An inline target `` _`name` ``.
    InlineTarget(Box<str>),
    /// `[1]_`
    FootnoteReference(Box<NoteData>),
    /// `[CIT]_`
    CitationReference(Box<NoteData>),
    /// `|name|` before substitution.
    SubstitutionReference(Box<str>),
    /// `.. |name| directive::` (children: the replacement inlines).
    SubstitutionDefinition(Box<str>),
    /// Markup that could not be parsed, linked to its system message.
    Problematic(Box<str>),
}

impl NodeKind {
    /// Whether this is an inline element (text and the markup inside a paragraph), which
    /// docutils gives no line of its own.
    pub fn is_inline(&self) -> bool {
        matches!(
            self,
            NodeKind::Text(_)
                | NodeKind::Emphasis
                | NodeKind::Strong
                | NodeKind::Literal(_)
                | NodeKind::TitleReference
                | NodeKind::Subscript
                | NodeKind::Superscript
                | NodeKind::Abbreviation(_)
                | NodeKind::Acronym
                | NodeKind::Code(_)
                | NodeKind::Math(_)
                | NodeKind::Inline(_)
                | NodeKind::RawInline(_)
                | NodeKind::Reference { .. }
                | NodeKind::InlineTarget(_)
                | NodeKind::FootnoteReference(_)
                | NodeKind::CitationReference(_)
                | NodeKind::SubstitutionReference(_)
                | NodeKind::Problematic(_)
        )
    }
}

/// A parsed document: the node arena and what was promoted out of the body.
#[derive(Clone, Debug)]
pub struct Document {
    nodes: Vec<Node>,
    /// The promoted document title node (a `Title` not attached to the body), if any.
    pub title: Option<NodeId>,
    /// The promoted subtitle node, if any.
    pub subtitle: Option<NodeId>,
    /// The bibliographic fields (a leading field list): (name, `FieldBody` node).
    pub docinfo: Vec<Field>,
    pub(crate) ids: crate::resolve::Ids,
    /// Extra classes from `.. class::`, per element.
    pub(crate) classes: NodeMap<String>,
    /// The reference name a directive's `:name:` option gives its element (normalized).
    pub(crate) names: NodeMap<String>,
    /// The language it was read in: the labels docutils writes come from it.
    pub language: crate::Language,
    /// The docutils settings it was read with; the HTML writer follows them too.
    pub docutils: crate::DocutilsSettings,
}

/// One docinfo field.
#[derive(Clone, Debug)]
pub struct Field {
    /// The field name as written.
    pub name: String,
    /// Its `FieldBody` node.
    pub body: NodeId,
    /// The whole field in the source.
    pub span: Span,
}

impl Default for Document {
    fn default() -> Document {
        Document::new()
    }
}

impl Document {
    /// A document with only its root.
    pub fn new() -> Document {
        let root = Node {
            kind: NodeKind::Document,
            span: Span::default(),
            first_child: None,
            last_child: None,
            next: None,
        };
        Document {
            nodes: vec![root],
            title: None,
            subtitle: None,
            docinfo: Vec::new(),
            ids: Default::default(),
            classes: Default::default(),
            names: Default::default(),
            language: crate::Language::ENGLISH,
            docutils: crate::DocutilsSettings::PELICAN,
        }
    }

    /// Makes room for `additional` more nodes, so a large document grows its arena once or
    /// twice rather than a dozen times.
    pub(crate) fn reserve(&mut self, additional: usize) {
        self.nodes.reserve(additional);
    }

    /// The root node.
    pub fn root(&self) -> NodeId {
        NodeId(NonZeroU32::MIN)
    }

    /// The node behind `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The node behind `id`, mutably.
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }

    /// The kind of `id`.
    pub fn kind(&self, id: NodeId) -> &NodeKind {
        &self.node(id).kind
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Every node's kind, attached or not, in the order they were made: a scan for whether
    /// any node of a kind exists, far cheaper than a walk.
    pub(crate) fn kinds(&self) -> impl Iterator<Item = &NodeKind> {
        self.nodes.iter().map(|n| &n.kind)
    }

    /// Never true: the root always exists.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Makes a detached node.
    pub fn add(&mut self, kind: NodeKind, span: Span) -> NodeId {
        let n = u32::try_from(self.nodes.len() + 1).unwrap_or(u32::MAX);
        self.nodes.push(Node { kind, span, first_child: None, last_child: None, next: None });
        NodeId(NonZeroU32::new(n).unwrap_or(NonZeroU32::MAX))
    }

    /// Makes a node as the last child of `parent`.
    pub fn push(&mut self, parent: NodeId, kind: NodeKind, span: Span) -> NodeId {
        let id = self.add(kind, span);
        self.append(parent, id);
        id
    }

    /// Appends detached `child` to `parent`.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        match self.node(parent).last_child {
            Some(last) => self.node_mut(last).next = Some(child),
            None => self.node_mut(parent).first_child = Some(child),
        }
        self.node_mut(parent).last_child = Some(child);
        self.node_mut(child).next = None;
    }

    /// Replaces the children of `parent` by `children` (all detached or moved).
    pub fn set_children(&mut self, parent: NodeId, children: &[NodeId]) {
        self.node_mut(parent).first_child = None;
        self.node_mut(parent).last_child = None;
        for &c in children {
            self.append(parent, c);
        }
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { doc: self, next: self.node(id).first_child }
    }

    /// The last child of `id`.
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).last_child
    }

    /// The first child of `id`.
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).first_child
    }

    /// Every node under `id` (not `id` itself) in document order, without recursion.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        // The whole tree is walked several times per parse: size that list once.
        let mut out = if id == self.root() { Vec::with_capacity(self.len()) } else { Vec::new() };
        self.descendants_into(id, &mut out);
        out
    }

    /// Appends every node under `id` (not `id` itself) to `out`, in document order.
    pub(crate) fn descendants_into(&self, id: NodeId, out: &mut Vec<NodeId>) {
        // The stack holds where to go on after a subtree: the next sibling of each node
        // entered, so every node is pushed at most once and children need no reversing.
        let mut resume: Vec<NodeId> = Vec::new();
        let mut cur = self.node(id).first_child;
        loop {
            match cur {
                Some(n) => {
                    out.push(n);
                    let node = self.node(n);
                    if let Some(next) = node.next {
                        resume.push(next);
                    }
                    cur = node.first_child;
                }
                None => match resume.pop() {
                    Some(next) => cur = Some(next),
                    None => return,
                },
            }
        }
    }

    /// Widens the span of every node under `id` to cover its children's, bottom-up in one
    /// walk without recursion (a section runs to its last paragraph).
    pub(crate) fn cover_children(&mut self, id: NodeId) {
        // Containers being walked, each with the next child to enter; leaves are never pushed.
        let mut stack: Vec<(NodeId, Option<NodeId>)> = vec![(id, self.node(id).first_child)];
        while let Some(top) = stack.last_mut() {
            if let Some(c) = top.1 {
                top.1 = self.node(c).next;
                if let Some(first) = self.node(c).first_child {
                    stack.push((c, Some(first)));
                }
                continue;
            }
            let n = top.0;
            stack.pop();
            if n == id {
                continue;
            }
            let mut cover: Option<Span> = None;
            let mut child = self.node(n).first_child;
            while let Some(c) = child {
                let span = self.node(c).span;
                cover = Some(cover.map_or(span, |so_far| so_far.cover(span)));
                child = self.node(c).next;
            }
            if let Some(cover) = cover {
                let node = self.node_mut(n);
                node.span = node.span.cover(cover);
            }
        }
    }

    /// The text of `id` with markup removed, as docutils' `astext()`.
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        let nodes = std::iter::once(id).chain(self.descendants(id));
        for n in nodes {
            match self.kind(n) {
                NodeKind::Text(t) | NodeKind::Literal(t) | NodeKind::Math(t) => out.push_str(t),
                NodeKind::Code(c) => out.push_str(&c.text),
                NodeKind::LiteralBlock(t) | NodeKind::DoctestBlock(t) => out.push_str(t),
                // A reference's label as shown (numbered once references are resolved) and
                // an image's alternative text, as docutils' `astext()` gives them.
                NodeKind::FootnoteReference(d) | NodeKind::CitationReference(d) => {
                    out.push_str(&d.shown)
                }
                NodeKind::Image(img) => out.push_str(img.alt.as_deref().unwrap_or("")),
                NodeKind::Paragraph if n != id && !out.is_empty() => out.push_str("\n\n"),
                // A comment is a text element too: its text counts, after a blank line.
                NodeKind::Comment(t) => {
                    if n != id && !out.is_empty() {
                        out.push_str("\n\n");
                    }
                    out.push_str(t);
                }
                _ => {}
            }
        }
        out
    }

    /// A docutils-style pseudo-XML dump of the tree with spans, for tests and bug reports.
    pub fn pseudo_xml(&self) -> String {
        let mut out = String::new();
        let mut stack = vec![(self.root(), 0usize)];
        for f in self.docinfo.iter().rev() {
            stack.push((f.body, 1));
        }
        stack.extend(self.subtitle.map(|t| (t, 1)));
        stack.extend(self.title.map(|t| (t, 1)));
        while let Some((id, depth)) = stack.pop() {
            let node = self.node(id);
            let _ = writeln!(
                out,
                "{:indent$}<{}> {}..{}",
                "",
                kind_dump(&node.kind),
                node.span.start,
                node.span.end,
                indent = depth * 4
            );
            let start = stack.len();
            stack.extend(self.children(id).map(|c| (c, depth + 1)));
            stack[start..].reverse();
        }
        out
    }
}

fn kind_dump(kind: &NodeKind) -> String {
    let dbg = format!("{kind:?}");
    let mut s: String = dbg.chars().take(80).collect();
    if s.len() < dbg.len() {
        s.push('…');
    }
    s
}

/// Iterator over a node's children.
pub struct Children<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.doc.node(id).next;
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_stay_small() {
        // 72 today: `Reference` and `SystemMessage` carry two strings inline; boxing them is the
        // next step if nodes must shrink.
        assert!(std::mem::size_of::<Node>() <= 72, "{}", std::mem::size_of::<Node>());
        assert_eq!(std::mem::size_of::<Option<NodeId>>(), 4);
    }

    #[test]
    fn children_come_back_in_order_and_descendants_in_document_order() {
        let mut d = Document::new();
        let root = d.root();
        let p = d.push(root, NodeKind::Paragraph, Span::default());
        let a = d.push(p, NodeKind::Text("a".into()), Span::default());
        let q = d.push(root, NodeKind::Paragraph, Span::default());
        assert_eq!(d.children(root).collect::<Vec<_>>(), [p, q]);
        assert_eq!(d.descendants(root), [p, a, q]);
    }
}
