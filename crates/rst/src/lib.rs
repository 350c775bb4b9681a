//! Folio's reStructuredText engine.
//!
//! Owns turning reST text into a document tree whose nodes carry byte [`Span`]s into the
//! source, Pelican-shaped HTML, and diagnostics in plain words. It does no I/O, knows
//! nothing of blogs, files, git or Pelican's settings, and never panics on any input.
//!
//! The pipeline:
//! 1. [`block`] splits the text into lines (views into the source) and parses blocks;
//!    headings come out flat and are nested into sections by their adornment level.
//! 2. [`inline`] parses the inline markup of each text block over its real source range.
//! 3. [`parse`] promotes a lone top-level section to the document title and a leading field
//!    list to the docinfo, as docutils does.
//! 4. [`html`] writes the body the way Pelican's reader returns it.
//!
//! This is the first, small version of the engine: it covers the common blocks and
//! inlines; the full docutils spec is the reST engine issue's work.

mod block;
pub mod html;
mod inline;
mod line_index;
mod span;
pub mod tree;

pub use line_index::{LineCol, LineIndex};
pub use span::Span;
pub use tree::Document;

use tree::{Block, BlockKind, Title};

/// Inputs longer than this are not parsed: spans are `u32`.
pub const MAX_INPUT: usize = u32::MAX as usize;

/// How serious a diagnostic is, in docutils' levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informational; Pelican publishes anyway.
    Info,
    /// Pelican refuses to publish a post with a warning or worse.
    Warning,
    /// An error in the markup.
    Error,
    /// The document could not be processed as intended.
    Severe,
}

impl Severity {
    /// The lowercase name used in JSON and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
            Severity::Severe => "severe",
        }
    }
}

/// A problem found in the source, with a message a writer understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
}

/// Parses reST `src` into a document and its diagnostics. Never fails and never panics.
pub fn parse(src: &str) -> (Document, Vec<Diagnostic>) {
    if src.len() > MAX_INPUT {
        let diag = Diagnostic {
            span: Span::default(),
            severity: Severity::Severe,
            message: "The document is larger than 4 GiB and was not read.".into(),
        };
        return (Document::default(), vec![diag]);
    }
    let lines = block::lines(src);
    let mut parser = block::BlockParser::new(src);
    let mut blocks = parser.parse_document(&lines);
    let title = promote_title(&mut blocks);
    let docinfo = take_docinfo(&mut blocks);
    (Document { title, docinfo, blocks }, parser.diags)
}

fn is_comment(block: &Block) -> bool {
    matches!(block.kind, BlockKind::Comment(_))
}

/// docutils' DocTitle: a section that is the first and only top-level element (comments
/// aside) becomes the title; its subsections move up one level.
fn promote_title(blocks: &mut Vec<Block>) -> Option<Title> {
    let first = blocks.iter().position(|b| !is_comment(b))?;
    if first + 1 != blocks.len() || !matches!(blocks[first].kind, BlockKind::Section { .. }) {
        return None;
    }
    let section = blocks.remove(first);
    let BlockKind::Section { title, children, .. } = section.kind else { return None };
    let title_span = title.iter().map(|i| i.span).reduce(Span::cover).unwrap_or(section.span);
    let mut children = children;
    lift_sections(&mut children);
    blocks.extend(children);
    Some(Title { inlines: title, span: title_span })
}

/// Decrements the level of every section in `blocks`, iteratively.
fn lift_sections(blocks: &mut [Block]) {
    let mut stack: Vec<&mut Block> = blocks.iter_mut().collect();
    while let Some(block) = stack.pop() {
        if let BlockKind::Section { level, children, .. } = &mut block.kind {
            *level = level.saturating_sub(1).max(1);
            stack.extend(children.iter_mut());
        }
    }
}

/// A field list that is the first body element (comments aside) is the docinfo.
fn take_docinfo(blocks: &mut Vec<Block>) -> Vec<tree::Field> {
    let Some(first) = blocks.iter().position(|b| !is_comment(b)) else { return Vec::new() };
    if !matches!(blocks[first].kind, BlockKind::FieldList(_)) {
        return Vec::new();
    }
    match blocks.remove(first).kind {
        BlockKind::FieldList(fields) => fields,
        _ => Vec::new(),
    }
}

/// The plain text of inline content (markup removed), as docutils' `astext()`.
pub fn inlines_to_text(inlines: &[tree::Inline]) -> String {
    use tree::InlineKind::*;
    inlines
        .iter()
        .map(|i| match &i.kind {
            Text(t) | Emphasis(t) | Strong(t) | Literal(t) | Cite(t) => t.as_str(),
            Reference { text, .. } => text.as_str(),
        })
        .collect()
}
