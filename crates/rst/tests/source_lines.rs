//! The preview's source lines: `data-line` on block elements, only when asked for.

use folio_rst::html::{render, render_with, RenderOptions};
use folio_rst::{parse, LineIndex};

fn with_lines(text: &str) -> folio_rst::html::Rendered {
    let (doc, _) = parse(text);
    let index = LineIndex::new(text);
    render_with(&doc, &RenderOptions { source_lines: Some(&index) })
}

/// Removes every ` data-line="N"` the option added.
fn strip_lines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" data-line=\"") {
        out.push_str(&rest[..at]);
        let value = &rest[at + " data-line=\"".len()..];
        let end = value.find('"').expect("the attribute is closed");
        assert!(value[..end].bytes().all(|b| b.is_ascii_digit()), "{}", &value[..end]);
        rest = &value[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The line the element whose HTML starts with `opening` carries.
fn line_of(html: &str, opening: &str) -> u32 {
    let at = html.find(opening).unwrap_or_else(|| panic!("no {opening} in\n{html}"));
    let tag_end = at + html[at..].find('>').unwrap();
    let tag = &html[at..tag_end];
    let value = tag
        .split(" data-line=\"")
        .nth(1)
        .unwrap_or_else(|| panic!("{tag} has no data-line in\n{html}"));
    value[..value.find('"').unwrap()].parse().unwrap()
}

const POST: &str = "\
Title
#####

First paragraph,
on two lines.

Section one
===========

- item one
- item two

  second paragraph of item two

::

    literal

> not a quote

    A block quote.

.. note:: A note.

+---+---+
| a | b |
+---+---+

.. image:: pic.png
   :alt: A picture

Term
    Definition.
";

#[test]
fn pelicans_output_has_no_source_lines() {
    let (doc, _) = parse(POST);
    let html = render(&doc);
    assert!(!html.contains("data-line"), "{html}");
    assert_eq!(html, render_with(&doc, &RenderOptions::default()).html);
}

#[test]
fn block_elements_carry_the_line_where_their_source_starts() {
    let html = with_lines(POST).html;
    assert_eq!(line_of(&html, "<p data-line=\"4\">First"), 4);
    assert_eq!(line_of(&html, "<div data-line=\"7\" class=\"section\""), 7);
    assert_eq!(line_of(&html, "<ul"), 10);
    assert_eq!(line_of(&html, "<li data-line=\"10\">"), 10);
    assert_eq!(line_of(&html, "<li data-line=\"11\">"), 11);
    assert_eq!(line_of(&html, "<p data-line=\"13\">second"), 13);
    assert_eq!(line_of(&html, "<pre"), 17);
    assert_eq!(line_of(&html, "<blockquote"), 21);
    assert_eq!(line_of(&html, "<div data-line=\"23\" class=\"admonition note"), 23);
    assert_eq!(line_of(&html, "<table"), 25);
    assert_eq!(line_of(&html, "<img"), 29);
    assert_eq!(line_of(&html, "<dl"), 32);
    // A compact paragraph has no <p>; its inline content gets no line.
    let simple = with_lines("Text\n\n- *one*\n- two\n").html;
    assert!(simple.contains("<li data-line=\"3\"><em>one</em></li>"), "{simple}");
}

#[test]
fn source_lines_change_nothing_but_the_attribute() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut cases = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rst") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (doc, _) = parse(&text);
        let rendered = with_lines(&text);
        let marked = &rendered.html;
        assert_eq!(strip_lines(marked), render(&doc), "{}", path.display());
        // The blocks tile the HTML, a section's own tags around its blocks, on character
        // boundaries: the preview slices the HTML there.
        let mut at = 0;
        for block in &rendered.blocks {
            assert_eq!(block.start, at, "{}", path.display());
            check_children(block);
            check_boundaries(marked, block);
            at = block.end;
        }
        assert_eq!(at, marked.len(), "{}", path.display());
        cases += 1;
    }
    assert!(cases > 10, "the cases were found");
}

#[test]
fn blocks_split_the_html_at_each_top_level_node() {
    let rendered = with_lines(POST);
    let (doc, _) = parse(POST);
    let blocks = &rendered.blocks;
    assert_eq!(blocks.len(), doc.children(doc.root()).count());
    assert_eq!(blocks.first().map(|b| b.start), Some(0));
    assert_eq!(blocks.last().map(|b| b.end), Some(rendered.html.len()));
    assert!(blocks.windows(2).all(|w| w[0].end == w[1].start));
    let second = &rendered.html[blocks[1].start..blocks[1].end];
    assert!(second.starts_with("<div data-line=\"7\" class=\"section\""), "{second}");
}

fn check_boundaries(html: &str, block: &folio_rst::html::Block) {
    assert!(html.is_char_boundary(block.start) && html.is_char_boundary(block.end), "{block:?}");
    if let (Some(first), Some(last)) = (block.children.first(), block.children.last()) {
        assert!(html[block.start..first.start].starts_with("<div"), "{block:?}");
        assert!(html[last.end..block.end].ends_with("</div>\n"), "{block:?}");
    }
    for pair in block.children.windows(2) {
        assert_eq!(pair[0].end, pair[1].start, "a section's blocks follow one another");
    }
    for c in &block.children {
        check_boundaries(html, c);
    }
}

/// Each block's children, in order, within it and after its title.
fn check_children(block: &folio_rst::html::Block) {
    let mut at = block.start;
    for c in &block.children {
        assert!(c.start >= at && c.end >= c.start && c.end <= block.end, "{c:?} in {block:?}");
        check_children(c);
        at = c.end;
    }
}

#[test]
fn a_sections_children_are_blocks_of_their_own() {
    let text = "Title\n#####\n\nIntro.\n\nOne\n===\n\nFirst.\n\nTwo\n---\n\nDeep *one*.\n\n- a\n- b\n\nAfter.\n";
    let rendered = with_lines(text);
    let html = &rendered.html;
    let piece = |b: &folio_rst::html::Block| &html[b.start..b.end];
    let [intro, one] = &rendered.blocks[..] else { panic!("{:?}", rendered.blocks) };
    assert!(intro.children.is_empty());
    assert_eq!(piece(intro), "<p data-line=\"4\">Intro.</p>\n");
    check_children(one);
    let [first, two] = &one.children[..] else { panic!("{:?}", one.children) };
    assert_eq!(piece(first), "<p data-line=\"9\">First.</p>\n");
    let [deep, list, after] = &two.children[..] else { panic!("{:?}", two.children) };
    assert_eq!(piece(after), "<p data-line=\"19\">After.</p>\n");
    assert_eq!(piece(deep), "<p data-line=\"14\">Deep <em>one</em>.</p>\n");
    assert!(piece(list).starts_with("<ul data-line=\"16\""), "{}", piece(list));
    // The section's own tags and title are what its children leave.
    assert!(
        html[one.start..first.start].contains("<h2>One</h2>"),
        "{}",
        &html[one.start..first.start]
    );
    assert_eq!(&html[after.end..one.end], "</div>\n</div>\n");
    assert_eq!(&html[after.end..two.end], "</div>\n");
}
