//! HTML writer in the shape of Pelican's (docutils' html4css1-based) output.
//!
//! Recursion here is bounded: blocks nest at most [`crate::block::MAX_NESTING`] deep and
//! sections at most as deep as the number of distinct adornment styles.

use crate::tree::{Block, BlockKind, Document, Inline, InlineKind};

/// Appends `text` with the characters docutils escapes.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// The HTML of inline content.
pub fn inlines_to_html(inlines: &[Inline]) -> String {
    let mut out = String::new();
    write_inlines(&mut out, inlines);
    out
}

fn write_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match &inline.kind {
            InlineKind::Text(t) => escape_into(out, t),
            InlineKind::Emphasis(t) => wrap(out, "<em>", t, "</em>"),
            InlineKind::Strong(t) => wrap(out, "<strong>", t, "</strong>"),
            InlineKind::Cite(t) => wrap(out, "<cite>", t, "</cite>"),
            InlineKind::Literal(t) => wrap(out, "<tt class=\"docutils literal\">", t, "</tt>"),
            InlineKind::Reference { text, url: Some(url) } => {
                out.push_str("<a class=\"reference external\" href=\"");
                escape_into(out, url);
                out.push_str("\">");
                escape_into(out, text);
                out.push_str("</a>");
            }
            InlineKind::Reference { text, url: None } => {
                wrap(out, "<a class=\"reference internal\">", text, "</a>")
            }
        }
    }
}

fn wrap(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape_into(out, text);
    out.push_str(close);
}

/// The HTML body of a document (without title and docinfo), as Pelican's `content`.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    write_blocks(&mut out, &doc.blocks);
    out
}

fn write_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        write_block(out, block);
    }
}

fn write_block(out: &mut String, block: &Block) {
    match &block.kind {
        BlockKind::Section { level, title, id, children } => {
            let h = (*level as usize + 1).min(6);
            out.push_str(&format!("<div class=\"section\" id=\"{id}\">\n<h{h}>"));
            write_inlines(out, title);
            out.push_str(&format!("</h{h}>\n"));
            write_blocks(out, children);
            out.push_str("</div>\n");
        }
        BlockKind::Paragraph(inlines) => {
            out.push_str("<p>");
            write_inlines(out, inlines);
            out.push_str("</p>\n");
        }
        BlockKind::Literal(text) => {
            wrap(out, "<pre class=\"literal-block\">\n", text, "\n</pre>\n")
        }
        BlockKind::Code { language, text } => {
            out.push_str("<div class=\"highlight\"><pre><span></span>");
            escape_into(out, text);
            out.push_str("\n</pre></div>\n");
            let _ = language;
        }
        BlockKind::BulletList(items) => {
            out.push_str("<ul class=\"simple\">\n");
            for item in items {
                out.push_str("<li>");
                // A one-paragraph item is written without its <p>, as in a compact list.
                match item.as_slice() {
                    [Block { kind: BlockKind::Paragraph(inlines), .. }] => {
                        write_inlines(out, inlines)
                    }
                    blocks => write_blocks(out, blocks),
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        BlockKind::BlockQuote(children) => {
            out.push_str("<blockquote>\n");
            write_blocks(out, children);
            out.push_str("</blockquote>\n");
        }
        BlockKind::FieldList(fields) => {
            out.push_str("<table class=\"docutils field-list\" frame=\"void\" rules=\"none\">\n<tbody valign=\"top\">\n");
            for field in fields {
                out.push_str("<tr class=\"field\"><th class=\"field-name\">");
                escape_into(out, &field.name);
                out.push_str(":</th><td class=\"field-body\">");
                write_inlines(out, &field.body);
                out.push_str("</td>\n</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        BlockKind::RawHtml(html) => out.push_str(html),
        BlockKind::Comment(text) => wrap(out, "<!-- ", &text.replace("--", "- -"), " -->\n"),
        BlockKind::Transition => out.push_str("<hr class=\"docutils\" />\n"),
        BlockKind::Image { uri, alt } => {
            out.push_str("<img alt=\"");
            escape_into(out, alt);
            out.push_str("\" src=\"");
            escape_into(out, uri);
            out.push_str("\" />\n");
        }
        BlockKind::Unsupported { name } => {
            wrap(out, "<div class=\"folio-unsupported\">", &format!(".. {name}::"), "</div>\n")
        }
    }
}
