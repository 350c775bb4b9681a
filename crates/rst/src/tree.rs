//! The document tree: blocks and inlines, each with its span in the source.

use crate::Span;

/// A parsed document. `title` and `docinfo` are docutils' promoted title and bibliographic
/// fields; `blocks` is the body.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The document title, when the document has exactly one top-level section.
    pub title: Option<Title>,
    /// The field list at the top of the document (Pelican's metadata).
    pub docinfo: Vec<Field>,
    /// The body.
    pub blocks: Vec<Block>,
}

/// A promoted document title.
#[derive(Clone, Debug)]
pub struct Title {
    /// The title's inline content.
    pub inlines: Vec<Inline>,
    /// The title line in the source.
    pub span: Span,
}

/// One `:name: value` field.
#[derive(Clone, Debug)]
pub struct Field {
    /// The field name as written.
    pub name: String,
    /// The field body's inline content.
    pub body: Vec<Inline>,
    /// The whole field in the source.
    pub span: Span,
}

/// A block-level element.
#[derive(Clone, Debug)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Where it is in the source.
    pub span: Span,
}

/// The kinds of block this engine knows.
#[derive(Clone, Debug)]
pub enum BlockKind {
    /// A section: its heading and its content.
    Section {
        /// 1 for a top-level section of the body.
        level: u8,
        /// The heading text.
        title: Vec<Inline>,
        /// The HTML id made from the heading.
        id: String,
        /// The section's content.
        children: Vec<Block>,
    },
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A literal block, text as written (indentation removed).
    Literal(String),
    /// A bullet list; each item holds blocks.
    BulletList(Vec<Vec<Block>>),
    /// An indented block quote.
    BlockQuote(Vec<Block>),
    /// A field list in the body.
    FieldList(Vec<Field>),
    /// `.. raw:: html` content, emitted verbatim.
    RawHtml(String),
    /// A comment, kept as an HTML comment.
    Comment(String),
    /// A transition (horizontal rule).
    Transition,
    /// An image.
    Image {
        /// The image URI as written.
        uri: String,
        /// The `:alt:` text, empty when absent.
        alt: String,
    },
    /// A code block with its language (highlighting is not done yet).
    Code {
        /// The language argument, possibly empty.
        language: String,
        /// The code.
        text: String,
    },
    /// A directive this engine does not render; shown as a note in the preview.
    Unsupported {
        /// The directive name.
        name: String,
    },
}

/// An inline element.
#[derive(Clone, Debug, PartialEq)]
pub struct Inline {
    /// What the inline is.
    pub kind: InlineKind,
    /// Where it is in the source.
    pub span: Span,
}

/// The kinds of inline this engine knows.
#[derive(Clone, Debug, PartialEq)]
pub enum InlineKind {
    /// Plain text (escapes already resolved).
    Text(String),
    /// `*emphasis*`
    Emphasis(String),
    /// `**strong**`
    Strong(String),
    /// ``literal``
    Literal(String),
    /// `` `text <url>`_ `` or a bare reference: the text and the URL when one is known.
    Reference {
        /// The link text.
        text: String,
        /// The target URL, when it is embedded.
        url: Option<String>,
    },
    /// `` `interpreted text` `` with the default role.
    Cite(String),
}
