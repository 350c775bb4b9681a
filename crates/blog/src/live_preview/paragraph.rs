//! Typing inside one paragraph, without rendering the whole post again.
//!
//! Most keystrokes change the words of one top-level paragraph and nothing else: the
//! paragraph is still a paragraph, no other block reads it, and the rest of the preview
//! stays as it was. Such an edit is rendered by parsing that paragraph on its own. It is
//! taken only where that is provably the same as the whole post's render:
//! - the change is inside one line of the paragraph and adds or removes no line, so every
//!   other line, block and `data-line` stays where it was;
//! - the paragraph is its own blocks' neighbour only through blank lines, and the line
//!   above does not end with `::` (a literal block's opener reads the unindented lines
//!   after it as a quoted literal block);
//! - the old paragraph on its own renders exactly as the paragraph did inside the post, so
//!   nothing around it (a `.. class::`, a target above it) changed its HTML;
//! - on its own, both before and after the change, it is one paragraph of text, emphasis,
//!   literals and external links, without a diagnostic, and its links are the same markup
//!   before and after: nothing the rest of the post resolves (names, footnotes,
//!   substitutions, anonymous links, roles a `.. role::` may redefine) is in it or changed;
//! - no diagnostic of the post starts or ends on its lines.
//!
//! Anything else is rendered whole, as before.

use folio_rst::html::{self, Block};
use folio_rst::tree::RefTarget;
use folio_rst::{LineIndex, NodeKind};

use crate::preview::{Diagnostic, PostSettings};

/// A change inside the lines of one paragraph, found in the text before it.
#[derive(Debug)]
pub(super) struct ParagraphEdit {
    /// The paragraph's first line (0-based).
    first_line: usize,
    /// Where the paragraph's lines start in the text (the change is after it).
    start: usize,
    /// The paragraph's lines before the change (without the last line's line break).
    old: String,
    /// How many bytes the change adds (negative: removes).
    growth: isize,
}

impl ParagraphEdit {
    /// The paragraph around the change of `range` of `text` to `insert`, if the change
    /// stays inside one of its lines.
    pub(super) fn find(
        text: &str,
        range: &std::ops::Range<usize>,
        insert: &str,
    ) -> Option<ParagraphEdit> {
        if insert.contains(['\n', '\r']) || text[range.clone()].contains(['\n', '\r']) {
            return None;
        }
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i);
        let new_line =
            [&text[line_start..range.start], insert, &text[range.end..line_end]].concat();
        // A blank line would end a paragraph or join two.
        if is_blank(&text[line_start..line_end]) || is_blank(&new_line) {
            return None;
        }
        // Up to the blank lines around it.
        let mut start = line_start;
        while start > 0 {
            let above = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
            if is_blank(&text[above..start - 1]) {
                // A literal block's `::` above reads unindented lines as quoted text.
                let before = text[..above].trim_end();
                if before.ends_with("::") {
                    return None;
                }
                break;
            }
            start = above;
        }
        let mut end = line_end;
        while end < text.len() {
            let next_end = text[end + 1..].find('\n').map_or(text.len(), |i| end + 1 + i);
            if is_blank(&text[end + 1..next_end]) {
                break;
            }
            end = next_end;
        }
        if text[start..end].contains('\r') {
            return None;
        }
        let first_line = text[..start].bytes().filter(|&b| b == b'\n').count();
        let growth = insert.len() as isize - range.len() as isize;
        Some(ParagraphEdit { first_line, start, old: text[start..end].to_string(), growth })
    }

    /// The paragraph's text after the change, in the changed `text`.
    fn new_text<'t>(&self, text: &'t str) -> Option<&'t str> {
        let end = (self.start + self.old.len()).checked_add_signed(self.growth)?;
        text.get(self.start..end)
    }

    /// The paragraph's new HTML and where its block is, if the change is one this module
    /// renders (see the module's rules): `text` is the post after it, `html`, `blocks` and
    /// `diagnostics` the preview before it.
    pub(super) fn render(
        &self,
        text: &str,
        html: &str,
        blocks: &[Block],
        diagnostics: &[Diagnostic],
        settings: &PostSettings,
    ) -> Option<(Vec<usize>, String)> {
        if settings.typogrify.is_some() {
            // Typogrify reads across blocks; the whole render checks where it may.
            return None;
        }
        let lines = self.first_line + 1..=self.first_line + 1 + line_count(&self.old);
        let touches = |d: &Diagnostic| {
            lines.contains(&(d.start_line as usize)) || lines.contains(&(d.end_line as usize))
        };
        if diagnostics.iter().any(touches) {
            return None;
        }
        let path = paragraph_block(html, blocks, self.first_line + 1)?;
        let block = block_at(blocks, &path);
        let (old_html, old_links) = alone(&self.old, self.first_line, settings)?;
        if old_html != html[block.start..block.end] {
            return None;
        }
        let (new_html, new_links) = alone(self.new_text(text)?, self.first_line, settings)?;
        (old_links == new_links).then_some((path, new_html))
    }
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Lines after the first in `text`.
fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// The way down to the paragraph block whose element starts at `line` (1-based): through
/// sections, to a block that is one `<p>`.
fn paragraph_block(html: &str, blocks: &[Block], line: usize) -> Option<Vec<usize>> {
    let mut path = Vec::new();
    let mut level = blocks;
    loop {
        // The last block starting at or before the line holds it.
        let mut holder = None;
        for (i, b) in level.iter().enumerate() {
            match start_line(html, b) {
                Some(l) if l > line => break,
                Some(_) => holder = Some(i),
                None => {}
            }
        }
        let i = holder?;
        let b = &level[i];
        path.push(i);
        if b.children.is_empty() {
            let own = &html[b.start..b.end];
            let opening = format!("<p data-line=\"{line}\">");
            return (own.starts_with(&opening) && own.ends_with("</p>\n")).then_some(path);
        }
        level = &b.children;
    }
}

pub(super) fn block_at<'b>(blocks: &'b [Block], path: &[usize]) -> &'b Block {
    let (&first, rest) = path.split_first().expect("a path to a block");
    rest.iter().fold(&blocks[first], |b, &i| &b.children[i])
}

/// The `data-line` on a block's first element.
fn start_line(html: &str, b: &Block) -> Option<usize> {
    const ATTR: &str = " data-line=\"";
    let own = &html[b.start..b.end];
    let tag_end = own.find('>')?;
    let at = own[..tag_end].find(ATTR)? + ATTR.len();
    let len = own[at..].find('"')?;
    own[at..at + len].parse().ok()
}

/// `paragraph` rendered on its own at line `first_line` (0-based), if it is one paragraph
/// of text, emphasis, literals and external links with no diagnostic: its HTML, and the
/// source of each link, in order.
fn alone(
    paragraph: &str,
    first_line: usize,
    settings: &PostSettings,
) -> Option<(String, Vec<String>)> {
    // Blank lines above it keep its line numbers.
    let mut src = String::with_capacity(first_line + paragraph.len() + 1);
    src.extend(std::iter::repeat_n('\n', first_line));
    src.push_str(paragraph);
    src.push('\n');
    let (doc, diagnostics) = folio_rst::parse_in(&src, &settings.reader, None);
    if !diagnostics.is_empty() || doc.title.is_some() || !doc.docinfo.is_empty() {
        return None;
    }
    let mut body = doc.children(doc.root());
    let p = body.next()?;
    if body.next().is_some() || !matches!(doc.kind(p), NodeKind::Paragraph) {
        return None;
    }
    let mut links = Vec::new();
    for id in doc.descendants(p) {
        match doc.kind(id) {
            NodeKind::Text(_) | NodeKind::Emphasis | NodeKind::Strong | NodeKind::Literal(_) => {}
            NodeKind::Reference { anonymous: false, target: RefTarget::External(_), .. } => {
                let span = doc.node(id).span;
                links.push(src[span.start as usize..span.end as usize].to_string());
            }
            _ => return None,
        }
    }
    let index = LineIndex::new(&src);
    let rendered = html::render_with(&doc, &html::RenderOptions { source_lines: Some(&index) });
    Some((rendered.html, links))
}

/// Moves every block boundary at or after `from` by `by` bytes: the HTML before `from`
/// grew by `by`.
pub(super) fn shift_blocks(blocks: &mut [Block], from: usize, by: isize) {
    for b in blocks {
        if b.start >= from {
            b.start = b.start.saturating_add_signed(by);
        }
        if b.end >= from {
            b.end = b.end.saturating_add_signed(by);
        }
        shift_blocks(&mut b.children, from, by);
    }
}
