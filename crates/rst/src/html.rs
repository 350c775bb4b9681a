//! Step 4: the HTML writer, shaped like docutils' html4css1 writer as Pelican uses it.
//!
//! Recursion here follows tree depth, which the block parser bounds
//! ([`crate::block::MAX_BLOCK_DEPTH`]) and inline markup keeps to a few levels.

use std::fmt::Write as _;

use crate::highlight;
use crate::resolve::Ids;
use crate::source_lines;
use crate::tree::{Document, NodeId, NodeKind, RefTarget};
use crate::LineIndex;

/// Renders the body of `doc` as Pelican's reader returns it.
pub fn render(doc: &Document) -> String {
    render_with(doc, &RenderOptions::default()).html
}

/// What an editor's preview wants beyond Pelican's output. The default is Pelican's output.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions<'a> {
    /// The source's line index: block elements then carry `data-line="N"`, the 1-based
    /// source line where their node starts (see [`crate::source_lines`]).
    pub source_lines: Option<&'a LineIndex>,
}

/// A rendered body and where each top-level node's HTML is in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// One per top-level node, in order, together covering all of `html`.
    pub blocks: Vec<Block>,
}

/// Where one node's HTML is in [`Rendered::html`]. An editor's preview replaces what
/// changed block by block, so a long section must not be one block: a section's child
/// nodes (after its title) are blocks of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// The node's HTML is `html[start..end]`.
    pub start: usize,
    pub end: usize,
    /// A section's child nodes after its title, in order; empty for other nodes. The rest
    /// of `start..end` is the section's own tags and title, before and after them.
    pub children: Vec<Block>,
}

impl Block {
    fn shift(&mut self, by: usize) {
        self.start += by;
        self.end += by;
        for c in &mut self.children {
            c.shift(by);
        }
    }
}

/// Renders the body of `doc` with `options`.
pub fn render_with(doc: &Document, options: &RenderOptions<'_>) -> Rendered {
    let mut w = Writer::new(doc);
    w.source_lines = options.source_lines;
    // HTML runs from about the size of the source (prose) to three and a half times it
    // (markup-dense posts): reserve for the dense end rather than copying as it grows.
    let source_len = doc.node(doc.root()).span.end as usize;
    w.out.reserve(source_len * 4);
    let mut blocks = Vec::new();
    for c in doc.children(doc.root()) {
        blocks.push(w.block(c, None));
    }
    Rendered { html: w.out, blocks }
}

/// Renders the content of a docinfo field body (Pelican renders `summary` this way).
pub fn render_field_body(doc: &Document, body: NodeId) -> String {
    let mut w = Writer::new(doc);
    w.compact_p = false;
    w.plain_translator = true;
    w.children_first_last(body);
    w.out
}

/// Renders the inline children of `id` (a title, a paragraph) as HTML.
pub fn inlines_to_html(doc: &Document, id: NodeId) -> String {
    let mut w = Writer::new(doc);
    w.children(id);
    w.out
}

struct Writer<'d> {
    doc: &'d Document,
    ids: &'d Ids,
    out: String,
    compact_simple: bool,
    compact_p: bool,
    compact_field_list: bool,
    section_depth: u32,
    /// Inside inline content (an image from a substitution is inline there).
    inline_depth: u32,
    /// Writing as docutils' own html4css1 translator rather than Pelican's, as Pelican does
    /// for formatted metadata (`summary`), after the body: abbreviations lose their title,
    /// and a `code` role is a plain literal (the body's writing took its `code` class).
    plain_translator: bool,
    /// Set when block elements get their source line.
    source_lines: Option<&'d LineIndex>,
    /// The blocks of the section just written, for whoever wrote it to take.
    section_blocks: Vec<Block>,
    /// The classes of the next formula. docutils' writer hands one class list to every
    /// math element's start tag, which adds the element's own classes to it for good: a
    /// formula carries `formula` and the classes of every formula written before it in
    /// the document (`last` of one at an admonition's end, `:class:` values).
    math_classes: Vec<String>,
}

/// Escapes text for HTML the way docutils does.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    escape_into(&mut o, s);
    o
}

/// Appends `s` to `out` escaped as [`escape`] does, without a string of its own.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    write_escaped(out, s, "&#64;");
}

/// Appends code to `out`: escaped as [`escape`] does, but `@` stays as it is (docutils
/// hides `@` from address harvesters only in running text).
pub(crate) fn escape_code_into(out: &mut String, s: &str) {
    write_escaped(out, s, "@");
}

/// Copies the runs between special bytes whole: most text has none, and pushing it
/// character by character was a large part of rendering.
fn write_escaped(out: &mut String, s: &str, at_sign: &str) {
    // Bytes that may need an entity; one table lookup per byte keeps the scan tight.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'"' as usize] = true;
        t[b'@' as usize] = true;
        t[0xC2] = true;
        t
    };
    let b = s.as_bytes();
    let mut run = 0;
    let mut k = 0;
    while k < b.len() {
        if !SPECIAL[usize::from(b[k])] {
            k += 1;
            continue;
        }
        let (entity, len) = match b[k] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'@' => (at_sign, 1),
            // U+00A0 NO-BREAK SPACE is C2 A0 in UTF-8.
            0xC2 if b.get(k + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                k += 1;
                continue;
            }
        };
        out.push_str(&s[run..k]);
        out.push_str(entity);
        k += len;
        run = k;
    }
    out.push_str(&s[run..]);
}

/// The `first`/`last` classes docutils puts on the first and last visible children.
fn first_last_classes(first: bool, last: bool) -> &'static [&'static str] {
    match (first, last) {
        (true, true) => &["first", "last"],
        (true, false) => &["first"],
        (false, true) => &["last"],
        (false, false) => &[],
    }
}

fn is_invisible(k: &NodeKind) -> bool {
    matches!(
        k,
        NodeKind::Comment(_)
            | NodeKind::Target(_)
            | NodeKind::SubstitutionDefinition(_)
            | NodeKind::Meta(_)
    ) || matches!(k, NodeKind::Container(c) if crate::directive::is_hidden_container(c))
}

impl<'d> Writer<'d> {
    fn new(doc: &'d Document) -> Writer<'d> {
        Writer {
            doc,
            ids: &doc.ids,
            out: String::new(),
            compact_simple: false,
            compact_p: true,
            compact_field_list: false,
            section_depth: 0,
            inline_depth: 0,
            plain_translator: false,
            source_lines: None,
            section_blocks: Vec::new(),
            math_classes: vec!["formula".into()],
        }
    }

    /// The class attribute of a math element with its own classes `extra` (see
    /// `math_classes`).
    fn math_class_attr(&mut self, extra: &[&str]) -> String {
        for class in extra {
            if !self.math_classes.iter().any(|c| c == class) {
                self.math_classes.push(class.to_string());
            }
        }
        format!(" class=\"{}\"", self.math_classes.join(" "))
    }

    fn ids_of(&self, n: NodeId) -> &[String] {
        self.ids.ids.get(&n).map(Vec::as_slice).unwrap_or(&[])
    }

    /// An element's ids as docutils' `starttag` writes them: the first as its `id`
    /// attribute (` id="x"`, to go inside the tag) and each other one as an empty
    /// `<span id>`, returned as (before the tag, the attribute, first thing inside it).
    /// Lists and tables take the spans before the tag, other elements inside it.
    fn id_parts(&self, n: NodeId, spans_before: bool) -> (String, String, String) {
        let ids = self.ids_of(n);
        let Some((first, rest)) = ids.split_first() else { return Default::default() };
        let spans: String = rest.iter().map(|id| format!("<span id=\"{id}\"></span>")).collect();
        let attr = format!(" id=\"{first}\"");
        if spans_before {
            (spans, attr, String::new())
        } else {
            (String::new(), attr, spans)
        }
    }

    fn children(&mut self, n: NodeId) {
        for c in self.doc.children(n) {
            self.node(c, &[]);
        }
    }

    /// Children with `first` on the first and `last` on the last visible child.
    fn children_first_last(&mut self, n: NodeId) {
        let (first, last) = self.first_last_visible(n);
        for c in self.doc.children(n) {
            self.node(c, first_last_classes(Some(c) == first, Some(c) == last));
        }
    }

    /// The first and last children of `n` that show in the HTML.
    fn first_last_visible(&self, n: NodeId) -> (Option<NodeId>, Option<NodeId>) {
        let mut visible = self.doc.children(n).filter(|k| !is_invisible(self.doc.kind(*k)));
        let first = visible.next();
        (first, visible.last().or(first))
    }

    /// The `class` attribute of `classes`; a `language-xx` class is the element's
    /// language instead (docutils' `starttag`: the first one becomes `lang`).
    fn class_attr(classes: &[&str]) -> String {
        // One buffer: most elements with a class get here (`first`, `literal-block`, …).
        let mut attr = String::new();
        let mut lang = None;
        for class in classes {
            if let Some(l) = class.strip_prefix("language-") {
                lang = lang.or(Some(l));
                continue;
            }
            attr.push_str(if attr.is_empty() { " class=\"" } else { " " });
            attr.push_str(class);
        }
        if !attr.is_empty() {
            attr.push('"');
        }
        if let Some(lang) = lang {
            let _ = write!(attr, " lang=\"{lang}\"");
        }
        attr
    }

    fn is_compact_paragraph(&self, n: NodeId, extra: &[&str], parent: Option<NodeId>) -> bool {
        let Some(parent) = parent else { return false };
        // An admonition's title is its first child in docutils' tree (writer_aux turns
        // `note` and the others into titled admonitions), so no paragraph in it is compact.
        if matches!(
            self.doc.kind(parent),
            NodeKind::Document | NodeKind::Section { .. } | NodeKind::Admonition(_)
        ) {
            return false;
        }
        if !self.ids_of(n).is_empty() || extra.iter().any(|c| *c != "first" && *c != "last") {
            return false;
        }
        // Only the first visible child can be compact; look no further than two children.
        let mut visible = self.doc.children(parent).filter(|k| !is_invisible(self.doc.kind(*k)));
        if visible.next() != Some(n) {
            return false;
        }
        let len = if visible.next().is_none() { 1 } else { 2 };
        self.compact_simple || self.compact_field_list || (self.compact_p && len == 1)
    }

    /// Whether a list is "simple" (written compactly, `class="simple"`), as docutils'
    /// `SimpleListChecker` walks it: every list item, definition and field body holds at most
    /// one visible block, not counting a list (or field list) after a first paragraph, and
    /// nothing but paragraphs, lists, definition and field lists appears anywhere in it.
    fn is_simple_list(&self, list: NodeId) -> bool {
        let doc = self.doc;
        let mut stack = vec![list];
        while let Some(n) = stack.pop() {
            match doc.kind(n) {
                NodeKind::Paragraph | NodeKind::Term | NodeKind::FieldName | NodeKind::Text(_) => {
                    continue
                }
                k if is_invisible(k) => continue,
                NodeKind::ListItem | NodeKind::Definition | NodeKind::FieldBody => {
                    let visible: Vec<NodeId> =
                        doc.children(n).filter(|k| !is_invisible(doc.kind(*k))).collect();
                    let mut len = visible.len();
                    if let (Some(&f), Some(&l)) = (visible.first(), visible.last()) {
                        let nested = matches!(
                            doc.kind(l),
                            NodeKind::BulletList | NodeKind::EnumList { .. } | NodeKind::FieldList
                        );
                        if len >= 2 && matches!(doc.kind(f), NodeKind::Paragraph) && nested {
                            len -= 1;
                        }
                    }
                    if len > 1 {
                        return false;
                    }
                }
                NodeKind::BulletList
                | NodeKind::EnumList { .. }
                | NodeKind::DefinitionList
                | NodeKind::DefinitionItem
                | NodeKind::Classifier
                | NodeKind::FieldList
                | NodeKind::Field => {}
                _ => return false,
            }
            stack.extend(doc.children(n));
        }
        true
    }

    fn paragraph(&mut self, n: NodeId, extra: &[&str], parent: Option<NodeId>) {
        if self.is_compact_paragraph(n, extra, parent) {
            self.children(n);
            return;
        }
        let ids = self.ids_of(n).to_vec();
        // A `language-xx` class is the element's language (docutils' `starttag`): the
        // first one becomes `lang`, after the other attributes in their sorted order.
        let (langs, classes): (Vec<&str>, Vec<&str>) =
            extra.iter().partition(|c| c.starts_with("language-"));
        self.out.push_str("<p");
        self.out.push_str(&Self::class_attr(&classes));
        if let Some(id) = ids.first() {
            let _ = write!(self.out, " id=\"{id}\"");
        }
        if let Some(lang) = langs.first() {
            let _ = write!(self.out, " lang=\"{}\"", &lang["language-".len()..]);
        }
        self.out.push('>');
        for id in ids.iter().skip(1) {
            let _ = write!(self.out, "<span id=\"{id}\"></span>");
        }
        self.children(n);
        self.out.push_str("</p>\n");
    }

    fn node(&mut self, n: NodeId, extra: &[&str]) {
        self.node_in(n, extra, None)
    }

    fn kids_with_parent(&mut self, parent: NodeId) {
        for c in self.doc.children(parent) {
            self.node_in(c, &[], Some(parent));
        }
    }

    fn kids_first_last_with_parent(&mut self, parent: NodeId, first_last: bool, first_only: bool) {
        let (first, last) = self.first_last_visible(parent);
        for c in self.doc.children(parent) {
            let is_first = (first_last || first_only) && Some(c) == first;
            let is_last = first_last && Some(c) == last;
            self.node_in(c, first_last_classes(is_first, is_last), Some(parent));
        }
    }

    /// Writes `n` and says where its HTML is, with a section's blocks.
    fn block(&mut self, n: NodeId, parent: Option<NodeId>) -> Block {
        let start = self.out.len();
        self.node_in(n, &[], parent);
        let children = std::mem::take(&mut self.section_blocks);
        Block { start, end: self.out.len(), children }
    }

    fn node_in(&mut self, n: NodeId, extra: &[&str], parent: Option<NodeId>) {
        let start = self.out.len();
        self.node_html(n, extra, parent);
        if let Some(index) = self.source_lines {
            let line = index.line(self.doc.node(n).span.start) + 1;
            let before = self.out.len();
            source_lines::mark(&mut self.out, start, self.doc.kind(n), line);
            // The mark went into the opening tag: a section's blocks come after it.
            let added = self.out.len() - before;
            for b in &mut self.section_blocks {
                b.shift(added);
            }
        }
    }

    fn node_html(&mut self, n: NodeId, extra: &[&str], parent: Option<NodeId>) {
        let doc = self.doc;
        let with_class: Vec<&str>;
        let extra = match doc.classes.get(&n) {
            Some(c) => {
                // `.. class::` classes come first: docutils adds first/last when writing.
                with_class = c.split_whitespace().chain(extra.iter().copied()).collect();
                &with_class[..]
            }
            None => extra,
        };
        match doc.kind(n) {
            NodeKind::Document => self.kids_with_parent(n),
            NodeKind::Section { .. } => {
                self.section_depth += 1;
                let ids = self.ids_of(n).to_vec();
                let mut cls = extra.to_vec();
                cls.push("section");
                self.out.push_str(&format!("<div{}", Self::class_attr(&cls)));
                if let Some(id) = ids.first() {
                    let _ = write!(self.out, " id=\"{id}\"");
                }
                self.out.push_str(">\n");
                for id in ids.iter().skip(1) {
                    let _ = write!(self.out, "<span id=\"{id}\"></span>");
                }
                let mut blocks = Vec::new();
                for (k, c) in doc.children(n).enumerate() {
                    if k == 0 && matches!(doc.kind(c), NodeKind::Title) {
                        // `initial_header_level` is the top sections' level (Pelican: 2).
                        let level =
                            self.section_depth + doc.docutils.initial_header_level.max(1) - 1;
                        let h = level.min(6);
                        let cls =
                            if level > 6 { format!(" class=\"h{level}\"") } else { String::new() };
                        let _ = write!(self.out, "<h{h}{cls}>");
                        let back = self.ids.backrefs.get(&n);
                        if let Some(b) = back {
                            let _ = write!(self.out, "<a class=\"toc-backref\" href=\"#{b}\">");
                        }
                        if let Some(num) = self.ids.numbers.get(&n) {
                            let _ = write!(self.out, "{num}&nbsp;&nbsp;&nbsp;");
                        }
                        self.children(c);
                        if back.is_some() {
                            self.out.push_str("</a>");
                        }
                        let _ = writeln!(self.out, "</h{h}>");
                    } else {
                        blocks.push(self.block(c, Some(n)));
                    }
                }
                self.out.push_str("</div>\n");
                self.section_depth -= 1;
                self.section_blocks = blocks;
            }
            NodeKind::Title => {
                self.out.push_str("<p class=\"title\">");
                self.children(n);
                self.out.push_str("</p>\n");
            }
            NodeKind::Paragraph => self.paragraph(n, extra, parent),
            NodeKind::LiteralBlock(t) | NodeKind::DoctestBlock(t) => {
                let class = if matches!(doc.kind(n), NodeKind::LiteralBlock(_)) {
                    "literal-block"
                } else {
                    "doctest-block"
                };
                let mut cls: Vec<&str> = extra.to_vec();
                cls.push(class);
                let (before, id, inside) = self.id_parts(n, false);
                let _ = writeln!(self.out, "{before}<pre{}{id}>{inside}", Self::class_attr(&cls));
                escape_into(&mut self.out, t);
                self.out.push_str("\n</pre>\n");
            }
            NodeKind::LineBlock => {
                let (before, id, inside) = self.id_parts(n, false);
                let _ = writeln!(
                    self.out,
                    "{before}<div{}{id}>{inside}",
                    Self::class_attr(&[extra, &["line-block"]].concat())
                );
                self.children(n);
                self.out.push_str("</div>\n");
            }
            NodeKind::Line => {
                if doc.first_child(n).is_none() {
                    self.out.push_str("<div class=\"line\"><br /></div>\n");
                } else {
                    self.out.push_str("<div class=\"line\">");
                    self.children(n);
                    self.out.push_str("</div>\n");
                }
            }
            NodeKind::BlockQuote(class) => {
                let mut cls: Vec<&str> = extra.to_vec();
                if let Some(c) = class {
                    cls.push(c);
                }
                let (before, id, inside) = self.id_parts(n, false);
                let _ = writeln!(
                    self.out,
                    "{before}<blockquote{}{id}>{inside}",
                    Self::class_attr(&cls)
                );
                // A block quote keeps the compactness around it: its lone paragraph loses
                // its <p> at the top level, not inside a list.
                self.kids_with_parent(n);
                self.out.push_str("</blockquote>\n");
            }
            NodeKind::Attribution => {
                self.out.push_str("<p class=\"attribution\">&mdash;");
                self.children(n);
                self.out.push_str("</p>\n");
            }
            NodeKind::BulletList | NodeKind::EnumList { .. } => {
                let saved = (self.compact_simple, self.compact_p);
                let old_simple = self.compact_simple;
                self.compact_p = false;
                // docutils' `is_compactable`: a `compact` class makes the list compact, an
                // `open` one keeps it open; a list inside a compact one is compact too.
                self.compact_simple = extra.contains(&"compact")
                    || (!extra.contains(&"open") && (old_simple || self.is_simple_list(n)));
                let mut cls: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
                let mut start = String::new();
                let tag = if let NodeKind::EnumList { style, start: s } = doc.kind(n) {
                    cls.push(style.class().into());
                    if *s != 1 {
                        start = format!(" start=\"{s}\"");
                    }
                    "ol"
                } else {
                    "ul"
                };
                if self.compact_simple && !old_simple {
                    cls.push("simple".into());
                }
                let cls: Vec<&str> = cls.iter().map(String::as_str).collect();
                let (before, id, _) = self.id_parts(n, true);
                let _ = writeln!(self.out, "{before}<{tag}{}{id}{start}>", Self::class_attr(&cls));
                self.children(n);
                let _ = writeln!(self.out, "</{tag}>");
                (self.compact_simple, self.compact_p) = saved;
            }
            NodeKind::ListItem => {
                let (_, id, inside) = self.id_parts(n, false);
                let _ = write!(self.out, "<li{}{id}>{inside}", Self::class_attr(extra));
                // html4css1 marks the item's first child `first`, even an invisible one.
                let first = doc.first_child(n);
                for c in doc.children(n) {
                    self.node_in(c, first_last_classes(Some(c) == first, false), Some(n));
                }
                self.out.push_str("</li>\n");
            }
            NodeKind::DefinitionList => {
                let (before, id, _) = self.id_parts(n, true);
                let _ = writeln!(
                    self.out,
                    "{before}<dl{}{id}>",
                    Self::class_attr(&[extra, &["docutils"]].concat())
                );
                self.children(n);
                self.out.push_str("</dl>\n");
            }
            NodeKind::DefinitionItem => {
                for c in doc.children(n) {
                    match doc.kind(c) {
                        NodeKind::Term => {
                            // The item is not written: its ids go on the term.
                            let (_, id, inside) = self.id_parts(n, false);
                            let _ = write!(self.out, "<dt{id}>{inside}");
                            self.children(c);
                        }
                        NodeKind::Classifier => {
                            self.out.push_str(" <span class=\"classifier-delimiter\">:</span> <span class=\"classifier\">");
                            self.children(c);
                            self.out.push_str("</span>");
                        }
                        NodeKind::Definition => {
                            self.out.push_str("</dt>\n<dd>");
                            self.kids_first_last_with_parent(c, true, false);
                            self.out.push_str("</dd>\n");
                        }
                        _ => self.node(c, &[]),
                    }
                }
            }
            NodeKind::Term | NodeKind::Classifier | NodeKind::Definition => self.children(n),
            NodeKind::FieldList => {
                let saved = (self.compact_field_list, self.compact_p);
                self.compact_p = false;
                // An `open` field list keeps the compactness around it, unless `compact` too.
                let compact = extra.contains(&"compact") || !extra.contains(&"open") || saved.0;
                self.compact_field_list = compact
                    && doc.children(n).all(|f| {
                        doc.children(f).nth(1).is_none_or(|b| {
                            let kids: Vec<NodeId> =
                                doc.children(b).filter(|k| !is_invisible(doc.kind(*k))).collect();
                            kids.is_empty()
                                || (kids.len() == 1
                                    && matches!(
                                        doc.kind(kids[0]),
                                        NodeKind::Paragraph | NodeKind::LineBlock
                                    ))
                        })
                    });
                let _ = writeln!(self.out,
                    "<table{} frame=\"void\" rules=\"none\">\n<col class=\"field-name\" />\n<col class=\"field-body\" />\n<tbody valign=\"top\">",
                    Self::class_attr(&[extra, &["docutils", "field-list"]].concat())
                );
                let last_field = doc.last_child(n);
                for f in doc.children(n) {
                    let kids: Vec<NodeId> = doc.children(f).collect();
                    let (Some(&name), body) = (kids.first(), kids.get(1).copied()) else {
                        continue;
                    };
                    // docutils marks a field body's last block `last` only in a compact list
                    // or in the list's last field.
                    let mark_last = self.compact_field_list || Some(f) == last_field;
                    let name_html = inlines_to_html(doc, name);
                    let name_len = doc.text(name).chars().count();
                    let (_, id, inside) = self.id_parts(f, false);
                    if name_len > 14 {
                        let _ = write!(self.out, "<tr class=\"field\"{id}>{inside}<th class=\"field-name\" colspan=\"2\">{name_html}:</th></tr>\n<tr class=\"field\"><td>&nbsp;</td>");
                    } else {
                        let _ = write!(
                            self.out,
                            "<tr class=\"field\"{id}>{inside}<th class=\"field-name\">{name_html}:</th>"
                        );
                    }
                    self.out.push_str("<td class=\"field-body\">");
                    if let Some(b) = body {
                        self.kids_first_last_with_parent(b, mark_last, !mark_last);
                    }
                    self.out.push_str("</td>\n</tr>\n");
                }
                self.out.push_str("</tbody>\n</table>\n");
                (self.compact_field_list, self.compact_p) = saved;
            }
            NodeKind::Field | NodeKind::FieldName | NodeKind::FieldBody => self.children(n),
            NodeKind::OptionList => {
                let _ = writeln!(self.out,
                    "<table{} frame=\"void\" rules=\"none\">\n<col class=\"option\" />\n<col class=\"description\" />\n<tbody valign=\"top\">",
                    Self::class_attr(&[extra, &["docutils", "option-list"]].concat())
                );
                self.children(n);
                self.out.push_str("</tbody>\n</table>\n");
            }
            NodeKind::OptionItem => {
                let (_, id, inside) = self.id_parts(n, false);
                let _ = write!(self.out, "<tr{id}>{inside}");
                for c in doc.children(n) {
                    match doc.kind(c) {
                        NodeKind::OptionGroup(g) => {
                            let parts = crate::block::option_parts(g);
                            // html4css1's option_limit (14): a longer group spans both
                            // columns and its description starts the next row.
                            let text_len: usize = parts
                                .iter()
                                .map(|o| {
                                    o.name.chars().count()
                                        + o.argument.as_ref().map_or(0, |(d, a)| {
                                            d.chars().count() + a.chars().count()
                                        })
                                })
                                .sum::<usize>()
                                + 2 * parts.len().saturating_sub(1);
                            let long = text_len > OPTION_LIMIT;
                            let span = if long { " colspan=\"2\"" } else { "" };
                            let _ = write!(self.out, "<td class=\"option-group\"{span}>\n<kbd>");
                            let opts: Vec<String> = parts
                                .into_iter()
                                .map(|o| match o.argument {
                                    Some((delimiter, a)) => format!(
                                        "<span class=\"option\">{}{delimiter}<var>{}</var></span>",
                                        escape(&o.name),
                                        escape(&a)
                                    ),
                                    None => {
                                        format!("<span class=\"option\">{}</span>", escape(&o.name))
                                    }
                                })
                                .collect();
                            self.out.push_str(&opts.join(", "));
                            self.out.push_str("</kbd></td>\n");
                            if long {
                                self.out.push_str("</tr>\n<tr><td>&nbsp;</td>");
                            }
                        }
                        NodeKind::OptionDescription => {
                            self.out.push_str("<td>");
                            self.kids_first_last_with_parent(c, true, false);
                            self.out.push_str("</td>");
                        }
                        _ => {}
                    }
                }
                self.out.push_str("</tr>\n");
            }
            NodeKind::OptionGroup(_) | NodeKind::OptionDescription => {}
            NodeKind::Transition => {
                // An empty tag: a target's further ids go before it.
                let (before, attr, _) = self.id_parts(n, true);
                let _ = writeln!(self.out, "{before}<hr class=\"docutils\"{attr} />");
            }
            NodeKind::Comment(_) if doc.docutils.strip_comments => {}
            NodeKind::Comment(t) => {
                // docutils puts a space after every `-` that another follows.
                self.out.push_str("<!-- ");
                let mut chars = t.chars().peekable();
                while let Some(c) = chars.next() {
                    self.out.push(c);
                    if c == '-' && chars.peek() == Some(&'-') {
                        self.out.push(' ');
                    }
                }
                self.out.push_str(" -->\n");
            }
            // docutils wraps raw HTML that has classes (a `first`/`last`) in a <div>.
            NodeKind::Raw(t) if !extra.is_empty() => {
                let _ = write!(self.out, "<div{}>{t}</div>", Self::class_attr(extra));
            }
            NodeKind::Raw(t) => self.out.push_str(t),
            NodeKind::Table { widths, head, format } => {
                self.table(n, widths, *head as usize, format.as_deref(), extra)
            }
            NodeKind::TableTitle | NodeKind::Row | NodeKind::Cell { .. } => {}
            NodeKind::Footnote(d) | NodeKind::Citation(d) => {
                let cit = matches!(doc.kind(n), NodeKind::Citation(_));
                let mut cls: Vec<&str> = extra.to_vec();
                cls.extend(["docutils", if cit { "citation" } else { "footnote" }]);
                let _ = write!(self.out,
                    "<table{} frame=\"void\" id=\"{}\" rules=\"none\">\n<colgroup><col class=\"label\" /><col /></colgroup>\n<tbody valign=\"top\">\n<tr><td class=\"label\">",
                    Self::class_attr(&cls),
                    d.id
                );
                let mut prefix = String::new();
                if !doc.docutils.footnote_backlinks {
                    let _ = write!(self.out, "[{}]", escape(&d.shown));
                } else if d.links.len() == 1 {
                    let _ = write!(
                        self.out,
                        "<a class=\"fn-backref\" href=\"#{}\">[{}]</a>",
                        d.links[0],
                        escape(&d.shown)
                    );
                } else {
                    let _ = write!(self.out, "[{}]", escape(&d.shown));
                    if d.links.len() > 1 {
                        let l: Vec<String> = d
                            .links
                            .iter()
                            .enumerate()
                            .map(|(k, id)| {
                                format!("<a class=\"fn-backref\" href=\"#{id}\">{}</a>", k + 1)
                            })
                            .collect();
                        prefix = format!("<em>({})</em> ", l.join(", "));
                    }
                }
                // Several backlinks come first in the cell, before the body's first block.
                let _ = write!(self.out, "</td><td>{prefix}");
                // docutils marks the body's first child `first` (unless backlinks precede
                // it) and its last child `last`, invisible ones included. Its paragraphs are
                // compact as the footnote's surroundings make them (not in a list).
                let first = doc.children(n).next().filter(|_| prefix.is_empty());
                let last = doc.children(n).last();
                for c in doc.children(n) {
                    let cls = first_last_classes(first == Some(c), last == Some(c));
                    self.node_in(c, cls, Some(n));
                }
                self.out.push_str("</td></tr>\n</tbody>\n</table>\n");
            }
            // A target whose ids no element took is an empty span where it stands.
            NodeKind::Target(_) if !self.ids_of(n).is_empty() => {
                let (_, id, inside) = self.id_parts(n, false);
                let _ = write!(self.out, "<span class=\"target\"{id}>{inside}</span>");
            }
            NodeKind::Target(_) | NodeKind::SubstitutionDefinition(_) | NodeKind::Meta(_) => {}
            NodeKind::Container(c) if crate::directive::is_hidden_container(c) => {}
            NodeKind::Image(img) => self.image(n, img, extra),
            NodeKind::Figure(class) => {
                // The classes, and `:figwidth:` carried as `width=...`. The element's other
                // classes go after `:figclass:`'s, before the writer's (`figure`, `align-*`).
                let mut classes: Vec<&str> = Vec::new();
                let mut style = String::new();
                let mut placed = false;
                for c in class.as_deref().unwrap_or("figure").split_whitespace().rev() {
                    match c.strip_prefix("width=") {
                        Some(w) => style = format!(" style=\"width: {w}\""),
                        None if c == "figure" && !placed => {
                            placed = true;
                            classes.push(c);
                            classes.extend(extra.iter().rev());
                        }
                        None => classes.push(c),
                    }
                }
                classes.reverse();
                let (before, id, inside) = self.id_parts(n, false);
                let _ = writeln!(
                    self.out,
                    "{before}<div class=\"{}\"{id}{style}>{inside}",
                    classes.join(" ")
                );
                self.kids_with_parent(n);
                self.out.push_str("</div>\n");
            }
            NodeKind::Caption => {
                self.out.push_str("<p class=\"caption\">");
                self.children(n);
                self.out.push_str("</p>\n");
            }
            NodeKind::Legend => {
                self.out.push_str("<div class=\"legend\">\n");
                let saved = self.compact_p;
                self.compact_p = true;
                self.kids_with_parent(n);
                self.compact_p = saved;
                self.out.push_str("</div>\n");
            }
            NodeKind::Admonition(kind) => {
                let (before, id, inside) = self.id_parts(n, false);
                // The parent's first/last come after the admonition's own classes.
                let cls = Self::class_attr(&[&["admonition", kind.as_ref()], extra].concat());
                let _ = writeln!(self.out, "{before}<div{cls}{id}>{inside}");
                let kids: Vec<NodeId> = doc.children(n).collect();
                let has_title =
                    kids.first().is_some_and(|k| matches!(doc.kind(*k), NodeKind::Title));
                let title_html = if has_title {
                    inlines_to_html(doc, kids[0])
                } else {
                    crate::directive_title(kind, &doc.language).to_string()
                };
                // Comments and targets are written too; `first`/`last` skip them.
                let body: Vec<NodeId> = kids.into_iter().skip(usize::from(has_title)).collect();
                let last_visible = body.iter().rposition(|k| !is_invisible(doc.kind(*k)));
                let only_title = last_visible.is_none();
                let _ = writeln!(
                    self.out,
                    "<p class=\"first{} admonition-title\">{title_html}</p>",
                    if only_title { " last" } else { "" }
                );
                for (k, c) in body.into_iter().enumerate() {
                    let cls: &[&str] = if Some(k) == last_visible { &["last"] } else { &[] };
                    self.node_in(c, cls, Some(n));
                }
                self.out.push_str("</div>\n");
            }
            NodeKind::Topic(class) => self.topic(n, class, extra),
            NodeKind::Sidebar => {
                let (before, id, inside) = self.id_parts(n, false);
                let cls = Self::class_attr(&[extra, &["sidebar"]].concat());
                let _ = writeln!(self.out, "{before}<div{cls}{id}>{inside}");
                let kids: Vec<NodeId> = doc.children(n).collect();
                let nk = kids.len();
                for (k, c) in kids.into_iter().enumerate() {
                    match doc.kind(c) {
                        NodeKind::Title => {
                            let _ = writeln!(
                                self.out,
                                "<p class=\"first sidebar-title\">{}</p>",
                                inlines_to_html(doc, c)
                            );
                        }
                        NodeKind::Subtitle => {
                            let _ = writeln!(
                                self.out,
                                "<p class=\"sidebar-subtitle\">{}</p>",
                                inlines_to_html(doc, c)
                            );
                        }
                        _ => {
                            let cls: &[&str] = if k + 1 == nk { &["last"] } else { &[] };
                            self.node_in(c, cls, Some(n));
                        }
                    }
                }
                self.out.push_str("</div>\n");
            }
            // Only a sidebar has one, and the sidebar writes it.
            NodeKind::Subtitle => {
                self.out.push_str("<p class=\"sidebar-subtitle\">");
                self.children(n);
                self.out.push_str("</p>\n");
            }
            NodeKind::Rubric => {
                let (before, id, inside) = self.id_parts(n, false);
                let cls = Self::class_attr(&[extra, &["rubric"]].concat());
                let _ = write!(self.out, "{before}<p{cls}{id}>{inside}");
                self.children(n);
                self.out.push_str("</p>\n");
            }
            // Pelican's code-block is raw HTML: with classes, docutils wraps it in a <div>.
            NodeKind::CodeBlock(code) if !code.docutils && !extra.is_empty() => {
                let _ = write!(self.out, "<div{}>", Self::class_attr(extra));
                highlight::render(&mut self.out, code, &[]);
                self.out.push_str("</div>");
            }
            NodeKind::CodeBlock(code) => {
                let start = self.out.len();
                highlight::render(&mut self.out, code, extra);
                // docutils' `code` directive names its `<pre>`: the id goes in its tag.
                if let Some(id) = self.ids_of(n).first() {
                    if let Some(k) = self.out[start..].find('>') {
                        self.out.insert_str(start + k, &format!(" id=\"{id}\""));
                    }
                }
            }
            NodeKind::ParsedLiteral => {
                let mut cls: Vec<&str> = extra.to_vec();
                cls.push("literal-block");
                let (before, id, inside) = self.id_parts(n, false);
                let _ = writeln!(self.out, "{before}<pre{}{id}>{inside}", Self::class_attr(&cls));
                for c in doc.children(n) {
                    // Right inside a literal block, docutils' writer makes these spans.
                    match doc.kind(c) {
                        NodeKind::Subscript => {
                            self.wrap(c, "<span class=\"subscript\">", "</span>")
                        }
                        NodeKind::Superscript => {
                            self.wrap(c, "<span class=\"superscript\">", "</span>")
                        }
                        _ => self.node(c, &[]),
                    }
                }
                self.out.push_str("\n</pre>\n");
            }
            NodeKind::MathBlock(t) => {
                let id = self.ids_of(n).first().map(|i| format!(" id=\"{i}\"")).unwrap_or_default();
                let cls = self.math_class_attr(extra);
                for (k, eq) in t.split("\n\n").filter(|e| !e.trim().is_empty()).enumerate() {
                    let id = if k == 0 { id.as_str() } else { "" };
                    let _ = writeln!(
                        self.out,
                        "<div{cls}{id}>\n{}\n</div>",
                        crate::math::to_html(eq, true)
                    );
                }
            }
            NodeKind::Container(c) => {
                if c.as_ref() == "system-messages" {
                    self.out.push_str("<div class=\"system-messages section\">\n<h2>Docutils System Messages</h2>\n");
                    self.children(n);
                    self.out.push_str("</div>\n");
                } else {
                    let (kind, class) = c.split_once('|').unwrap_or(("container", c));
                    if kind == "compound" {
                        let (before, id, inside) = self.id_parts(n, false);
                        let cls = Self::class_attr(&[extra, &["compound"]].concat());
                        let _ = writeln!(self.out, "{before}<div{cls}{id}>{inside}");
                        let kids: Vec<NodeId> = doc.children(n).collect();
                        let nk = kids.len();
                        for (k, c) in kids.into_iter().enumerate() {
                            // docutils marks the parts only when there are several.
                            let cls = if nk < 2 {
                                ""
                            } else if k == 0 {
                                "compound-first"
                            } else if k + 1 == nk {
                                "compound-last"
                            } else {
                                "compound-middle"
                            };
                            let cls: &[&str] = if cls.is_empty() { &[] } else { &[cls] };
                            // A lone paragraph in a compound is not compact.
                            let saved = std::mem::replace(&mut self.compact_p, false);
                            self.node_in(c, cls, Some(n));
                            self.compact_p = saved;
                        }
                    } else {
                        // Its own classes, then the parent's first/last, then docutils'.
                        let own: Vec<&str> = class.split_whitespace().collect();
                        let cls =
                            Self::class_attr(&[&own, extra, &["docutils", "container"]].concat());
                        let (before, id, inside) = self.id_parts(n, false);
                        let _ = writeln!(self.out, "{before}<div{cls}{id}>{inside}");
                        // A container keeps the compactness around it (docutils' writer
                        // leaves `compact_p` alone there).
                        self.kids_with_parent(n);
                    }
                    self.out.push_str("</div>\n");
                }
            }
            NodeKind::SystemMessage { level, line, id, message } => {
                let name = ["", "INFO", "WARNING", "ERROR", "SEVERE"][(*level as usize).min(4)];
                let back = self.ids_of(n).to_vec();
                // first/last from the parent come before docutils' own class.
                let _ = write!(
                    self.out,
                    "<div class=\"{}system-message\"",
                    extra.iter().map(|c| format!("{c} ")).collect::<String>()
                );
                if !id.is_empty() {
                    let _ = write!(self.out, " id=\"{id}\"");
                }
                // docutils names no line for a message whose node has none (line 0).
                let at = if *line == 0 { String::new() } else { format!(", line {line}") };
                let _ = write!(self.out, ">\n<p class=\"system-message-title\">System Message: {name}/{level} (<tt class=\"docutils\">post.rst</tt>{at})");
                match back.as_slice() {
                    [] => {}
                    [b] => {
                        let _ = write!(self.out, "; <em><a href=\"#{b}\">backlink</a></em>");
                    }
                    all => {
                        let links: Vec<String> = all
                            .iter()
                            .enumerate()
                            .map(|(k, b)| format!("<a href=\"#{b}\">{}</a>", k + 1))
                            .collect();
                        let _ = write!(self.out, "; <em>backlinks: {}</em>", links.join(", "));
                    }
                }
                self.out.push_str("</p>\n");
                let kids: Vec<NodeId> = doc.children(n).collect();
                // The message is the element's first paragraph, compact as any other:
                // inside a list that is not simple it is a `<p>` even when alone.
                let compact = self.compact_simple
                    || self.compact_field_list
                    || (self.compact_p && kids.is_empty());
                if compact {
                    escape_into(&mut self.out, message);
                } else {
                    let _ = writeln!(self.out, "<p>{}</p>", escape(message));
                }
                for c in kids {
                    self.node(c, &[]);
                }
                self.out.push_str("</div>\n");
            }
            NodeKind::Text(t) => escape_into(&mut self.out, t),
            // A custom role's classes (`.. role:: x(emphasis)`) are the element's.
            NodeKind::Emphasis => self.wrap(n, &open_tag("em", extra), "</em>"),
            NodeKind::Strong => self.wrap(n, &open_tag("strong", extra), "</strong>"),
            NodeKind::Literal(t) => {
                let _ = write!(self.out, "<tt class=\"");
                for c in extra {
                    let _ = write!(self.out, "{c} ");
                }
                self.out.push_str("docutils literal\">");
                literal_words(&mut self.out, t);
                self.out.push_str("</tt>");
            }
            NodeKind::TitleReference => self.wrap(n, &open_tag("cite", extra), "</cite>"),
            NodeKind::Subscript => self.wrap(n, &open_tag("sub", extra), "</sub>"),
            NodeKind::Superscript => self.wrap(n, &open_tag("sup", extra), "</sup>"),
            NodeKind::Acronym => self.wrap(n, &open_tag("acronym", extra), "</acronym>"),
            NodeKind::Abbreviation(_) if self.plain_translator => self.wrap(n, "<abbr>", "</abbr>"),
            NodeKind::Abbreviation(expl) => match expl {
                Some(e) => self.wrap(n, &format!("<abbr title=\"{}\">", escape(e)), "</abbr>"),
                None => self.wrap(n, &open_tag("abbr", extra), "</abbr>"),
            },
            NodeKind::Code(c) => {
                let class =
                    c.options.iter().find(|o| o.0 == "class").map(|o| o.1.as_str()).unwrap_or("");
                if self.plain_translator {
                    let sep = if class.is_empty() { "" } else { " " };
                    let _ = write!(self.out, "<tt class=\"{class}{sep}docutils literal\">");
                    literal_words(&mut self.out, &c.text);
                    self.out.push_str("</tt>");
                    return;
                }
                let attr =
                    if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
                let _ = write!(self.out, "<code{attr}>");
                highlight::tokens_html(&mut self.out, &c.language, &c.text, None);
                self.out.push_str("</code>");
            }
            NodeKind::Math(t) => {
                let cls = self.math_class_attr(extra);
                let _ = write!(self.out, "<span{cls}>{}</span>", crate::math::to_html(t, false));
            }
            NodeKind::Inline(c) => {
                let open = if c.is_empty() {
                    "<span>".to_string()
                } else {
                    format!("<span class=\"{c}\">")
                };
                self.wrap(n, &open, "</span>")
            }
            // The raw role's text inside a span with the custom role's classes.
            NodeKind::RawInline(t) if extra.is_empty() => self.out.push_str(t),
            NodeKind::RawInline(t) => {
                let _ = write!(self.out, "{}{t}</span>", open_tag("span", extra));
            }
            NodeKind::Reference { target, .. } => {
                let (class, hash, href) = match target {
                    RefTarget::External(u) => ("reference external", "", &**u),
                    RefTarget::Internal(i) => ("reference internal", "#", &**i),
                    RefTarget::Unresolved => ("reference", "", ""),
                };
                let _ = write!(self.out, "<a class=\"{class}\" href=\"{hash}");
                escape_into(&mut self.out, href);
                self.out.push('"');
                if let Some(i) = self.ids.ids.get(&n).and_then(|ids| ids.first()) {
                    let _ = write!(self.out, " id=\"{i}\"");
                }
                self.out.push('>');
                self.children(n);
                self.out.push_str("</a>");
            }
            NodeKind::InlineTarget(_) => {
                let id = self.ids_of(n).first().cloned().unwrap_or_default();
                self.wrap(n, &format!("<span class=\"target\" id=\"{id}\">"), "</span>")
            }
            NodeKind::FootnoteReference(d) | NodeKind::CitationReference(d) => {
                let class = if matches!(doc.kind(n), NodeKind::CitationReference(_)) {
                    "citation-reference"
                } else {
                    "footnote-reference"
                };
                let href = d.links.first().map(|s| s.as_ref()).unwrap_or("");
                // The element's own classes come first (target notes give theirs).
                let class = match doc.classes.get(&n) {
                    Some(own) => format!("{own} {class}"),
                    None => class.to_string(),
                };
                let _ = write!(self.out, "<a class=\"{class}\" href=\"#{href}\" id=\"{}\">[", d.id);
                escape_into(&mut self.out, &d.shown);
                self.out.push_str("]</a>");
            }
            NodeKind::SubstitutionReference(_) => {
                self.inline_depth += 1;
                self.children(n);
                self.inline_depth -= 1;
            }
            NodeKind::Problematic(raw) => {
                let ids = self.ids_of(n).to_vec();
                let (pid, mid) = (
                    ids.first().cloned().unwrap_or_default(),
                    ids.get(1).cloned().unwrap_or_default(),
                );
                // Further ids (an unresolved reference's own) as empty spans inside the tag.
                let more: String =
                    ids.iter().skip(2).map(|id| format!("<span id=\"{id}\"></span>")).collect();
                let _ = write!(
                    self.out,
                    "<a href=\"#{mid}\"><span class=\"problematic\" id=\"{pid}\">{more}{}</span></a>",
                    escape(raw)
                );
            }
        }
    }

    fn table(
        &mut self,
        n: NodeId,
        widths: &[u32],
        head: usize,
        format: Option<&crate::tree::TableFormat>,
        extra: &[&str],
    ) {
        let doc = self.doc;
        // The directives' classes, `docutils`, the alignment; the id; the width as a style.
        let align = format.and_then(|f| f.align.as_deref()).map(|a| format!("align-{a}"));
        // The writer's own table classes say how to write the columns and are not written.
        let mut classes: Vec<&str> =
            extra.iter().copied().filter(|c| !TABLE_STYLE_CLASSES.contains(c)).collect();
        classes.push("docutils");
        classes.extend(align.as_deref());
        let (before, id, _) = self.id_parts(n, true);
        // A unitless width is in pixels, as docutils' writer adds.
        let style = match format.and_then(|f| f.width.as_deref()) {
            Some(w) if w.ends_with(|c: char| c.is_ascii_digit() || c == '.') || w.is_empty() => {
                format!(" style=\"width: {w}px\"")
            }
            Some(w) => format!(" style=\"width: {w}\""),
            None => String::new(),
        };
        let _ = writeln!(
            self.out,
            "{before}<table border=\"1\"{}{id}{style}>",
            Self::class_attr(&classes)
        );
        let stubs = format.map_or(0, |f| f.stubs as usize);
        let auto = format.is_some_and(|f| f.colwidths == crate::tree::ColWidths::Auto)
            || extra.contains(&"colwidths-auto");
        let kids: Vec<NodeId> = doc.children(n).collect();
        let mut rows = Vec::new();
        for k in kids {
            if matches!(doc.kind(k), NodeKind::TableTitle) {
                self.out.push_str("<caption>");
                self.children(k);
                self.out.push_str("</caption>\n");
            } else {
                rows.push(k);
            }
        }
        let total: u32 = widths.iter().sum::<u32>().max(1);
        // docutils writes the group after its last column: a table without columns
        // (a lone border line) has none.
        if !auto && !widths.is_empty() {
            self.out.push_str("<colgroup>\n");
            for w in widths {
                let pct = (f64::from(*w) * 100.0 / f64::from(total) + 0.5) as u32;
                let _ = writeln!(self.out, "<col width=\"{pct}%\" />");
            }
            self.out.push_str("</colgroup>\n");
        }
        let saved = (self.compact_p, self.compact_simple);
        self.compact_p = true;
        self.compact_simple = false;
        for (k, row) in rows.iter().enumerate() {
            let is_head = k < head;
            if k == 0 && is_head {
                self.out.push_str("<thead valign=\"bottom\">\n");
            }
            if k == head {
                self.out.push_str("<tbody valign=\"top\">\n");
            }
            let (_, id, inside) = self.id_parts(*row, false);
            let _ = write!(self.out, "<tr{id}>{inside}");
            for (column, cell) in doc.children(*row).enumerate() {
                let NodeKind::Cell { morecols, morerows } = doc.kind(cell) else { continue };
                let stub = column < stubs;
                let tag = if is_head || stub { "th" } else { "td" };
                let _ = write!(self.out, "<{tag}");
                match (is_head, stub) {
                    (true, true) => self.out.push_str(" class=\"head stub\""),
                    (true, false) => self.out.push_str(" class=\"head\""),
                    (false, true) => self.out.push_str(" class=\"stub\""),
                    (false, false) => {}
                }
                if *morecols > 0 {
                    let _ = write!(self.out, " colspan=\"{}\"", morecols + 1);
                }
                if *morerows > 0 {
                    let _ = write!(self.out, " rowspan=\"{}\"", morerows + 1);
                }
                let (_, id, inside) = self.id_parts(cell, false);
                let _ = write!(self.out, "{id}>{inside}");
                if doc.first_child(cell).is_none() {
                    self.out.push_str("&nbsp;");
                } else {
                    self.kids_first_last_with_parent(cell, true, false);
                }
                let _ = writeln!(self.out, "</{tag}>");
            }
            self.out.push_str("</tr>\n");
            if is_head && k + 1 == head {
                self.out.push_str("</thead>\n");
            }
        }
        if head >= rows.len() {
            self.out.push_str("<tbody valign=\"top\">\n");
        }
        self.out.push_str("</tbody>\n</table>\n");
        (self.compact_p, self.compact_simple) = saved;
    }

    fn wrap(&mut self, n: NodeId, open: &str, close: &str) {
        self.out.push_str(open);
        self.children(n);
        self.out.push_str(close);
    }

    fn image(&mut self, n: NodeId, img: &crate::tree::ImageData, extra: &[&str]) {
        // A linked image is the reference's child: the parent's first/last go on the link.
        let linked = img.target.is_some();
        let mut classes: Vec<String> =
            if linked { Vec::new() } else { extra.iter().map(|s| s.to_string()).collect() };
        let scale = img
            .options
            .iter()
            .find(|o| &*o.0 == "scale")
            .and_then(|o| o.1.trim_end_matches([' ', '%']).trim().parse::<u32>().ok());
        let mut style = Vec::new();
        for (k, v) in &img.options {
            match k.as_ref() {
                "class" => {
                    classes.splice(0..0, v.split_whitespace().map(String::from)).for_each(drop)
                }
                "align" => classes.push(format!("align-{v}")),
                // docutils writes width before height, whatever the options' order.
                "width" => style.insert(0, format!("width: {};", image_size(v, scale))),
                "height" => style.push(format!("height: {};", image_size(v, scale))),
                _ => {}
            }
        }
        let alt = img.alt.as_deref().unwrap_or("");
        let mut attrs = String::new();
        if !classes.is_empty() {
            attrs.push_str(&format!(" class=\"{}\"", classes.join(" ")));
        }
        if let Some(id) = self.ids_of(n).first() {
            let _ = write!(attrs, " id=\"{id}\"");
        }
        if let Some(t) = &img.target {
            let link_classes: String = extra.iter().map(|c| format!(" {c}")).collect();
            let kind = if img.internal_target { "internal" } else { "external" };
            let _ = write!(
                self.out,
                "<a class=\"reference {kind} image-reference{link_classes}\" href=\"{}\">",
                escape(t)
            );
        }
        let style_attr = if style.is_empty() {
            String::new()
        } else {
            format!(" style=\"{}\"", style.join(" "))
        };
        if img.uri.to_ascii_lowercase().ends_with(".svg") {
            let _ = write!(
                self.out,
                "<object{attrs} data=\"{}\"{style_attr} type=\"image/svg+xml\">{}</object>",
                escape(&img.uri),
                escape(alt)
            );
        } else {
            let _ = write!(
                self.out,
                "<img alt=\"{}\"{attrs} src=\"{}\"{style_attr} />",
                escape(alt),
                escape(&img.uri)
            );
        }
        if img.target.is_some() {
            self.out.push_str("</a>");
        }
        if self.inline_depth == 0 {
            self.out.push('\n');
        }
    }

    fn topic(&mut self, n: NodeId, class: &str, extra: &[&str]) {
        let doc = self.doc;
        if let Some(rest) = class.strip_prefix("contents|") {
            // docutils: `contents`, the `:class:` option's, `local`, then the writer's.
            let mut cls = vec!["contents"];
            cls.extend(extra);
            if rest.starts_with("local") {
                cls.push("local");
            }
            cls.push("topic");
            let id = self.ids_of(n).first().cloned().unwrap_or_default();
            let _ = writeln!(self.out, "<div class=\"{}\" id=\"{id}\">", cls.join(" "));
            for c in doc.children(n) {
                if matches!(doc.kind(c), NodeKind::Title) {
                    // The writer links the title to the top unless `toc_backlinks` is off.
                    let title = inlines_to_html(doc, c);
                    if doc.docutils.toc_backlinks == crate::TocBacklinks::Off {
                        let _ = writeln!(self.out, "<p class=\"topic-title\">{title}</p>");
                    } else {
                        let _ = writeln!(self.out,
                            "<p class=\"topic-title\"><a class=\"reference internal\" href=\"#top\">{title}</a></p>"
                        );
                    }
                } else {
                    self.node_in(c, &[], Some(n));
                }
            }
            self.out.push_str("</div>\n");
            return;
        }
        let cls = if class.is_empty() { "topic".to_string() } else { format!("{class} topic") };
        let (before, id, inside) = self.id_parts(n, false);
        let _ = writeln!(self.out, "{before}<div class=\"{cls}\"{id}>{inside}");
        for c in doc.children(n) {
            if matches!(doc.kind(c), NodeKind::Title) {
                let _ =
                    writeln!(self.out, "<p class=\"topic-title\">{}</p>", inlines_to_html(doc, c));
            } else {
                self.node_in(c, &[], Some(n));
            }
        }
        self.out.push_str("</div>\n");
    }
}

/// An image's `width` or `height` as docutils writes it in the `style` attribute: the
/// measure normalized as its option parser does (`50 %` is `50%`, `1.50em` is `1.5em`),
/// multiplied by `:scale:` (a float, so `50%` at scale 50 is `25.0%`), unitless as pixels.
fn image_size(value: &str, scale: Option<u32>) -> String {
    let v = value.trim();
    let digits = v.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(v.len());
    let (number, unit) = (&v[..digits], v[digits..].trim_start());
    let normalized = if let Ok(i) = number.parse::<i64>() {
        Some((i as f64, i.to_string()))
    } else if number.bytes().filter(|&b| b == b'.').count() == 1 && number != "." {
        let n = if number.starts_with('.') { format!("0{number}") } else { number.to_string() };
        n.parse::<f64>().ok().map(|f| (f, python_float(f)))
    } else {
        None
    };
    let Some((n, text)) = normalized else { return v.to_string() };
    let text = match scale {
        Some(s) => python_float(n * (f64::from(s) / 100.0)),
        None => text,
    };
    if unit.is_empty() {
        format!("{text}px")
    } else {
        format!("{text}{unit}")
    }
}

/// A float as Python's `str()` writes it in the ordinary range: `25.0`, `33.333333333333336`.
fn python_float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

/// Whether docutils' html4css1 writer protects an inline literal's word from line wrapping
/// with `<span class="pre">`: the word has a `-` or `?` with something after it, or two
/// non-word characters in a row with something before and after them (its
/// `in_word_wrap_point`, `.+\W\W.+|[-?].+`, searched anywhere in the word).
fn is_wrap_point(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let non_word = |c: char| !(c.is_alphanumeric() || c == '_');
    let dash = chars.iter().rev().skip(1).any(|&c| c == '-' || c == '?');
    dash || (1..chars.len().saturating_sub(2)).any(|k| non_word(chars[k]) && non_word(chars[k + 1]))
}

/// docutils' inline literal: words with a wrap point ([`is_wrap_point`]) in
/// `<span class="pre">`, runs of spaces as `&nbsp;` but the last.
fn literal_words(out: &mut String, t: &str) {
    let mut i = 0;
    let b = t.as_bytes();
    while i < b.len() {
        if b[i] == b' ' {
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            let n = j - i;
            for _ in 1..n {
                out.push_str("&nbsp;");
            }
            out.push(' ');
            i = j;
        } else if b[i] == b'\n' {
            out.push('\n');
            i += 1;
        } else {
            let mut j = i;
            while j < b.len() && b[j] != b' ' && b[j] != b'\n' {
                j += 1;
            }
            let w = &t[i..j];
            if is_wrap_point(w) {
                out.push_str(&format!("<span class=\"pre\">{}</span>", escape(w)));
            } else {
                escape_into(out, w);
            }
            i = j;
        }
    }
}

/// docutils' `option_limit` default: an option group with longer text spans the table.
const OPTION_LIMIT: usize = 14;

/// `<tag>`, or `<tag class="...">` with `classes`.
fn open_tag(tag: &str, classes: &[&str]) -> String {
    if classes.is_empty() {
        format!("<{tag}>")
    } else {
        format!("<{tag} class=\"{}\">", classes.join(" "))
    }
}

/// The classes docutils' HTML writers read on a table to choose how to write its columns
/// and leave out of its `class` attribute (`colwidths-auto` writes no `<colgroup>`).
const TABLE_STYLE_CLASSES: [&str; 3] = ["colwidths-auto", "colwidths-given", "colwidths-grid"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_sizes_are_normalized_and_scaled_as_docutils_writes_them() {
        assert_eq!(image_size("60%", None), "60%");
        assert_eq!(image_size("50 %", Some(50)), "25.0%");
        assert_eq!(image_size("200", None), "200px");
        assert_eq!(image_size("1.50em", None), "1.5em");
        assert_eq!(image_size("200px", Some(33)), "66.0px");
        assert_eq!(image_size("100", Some(30)), "30.0px");
        assert_eq!(image_size("auto", None), "auto", "not a measure: left as written");
    }

    #[test]
    fn inline_literal_words_get_span_pre_by_docutils_wrap_point_rule() {
        let pre = |t: &str| {
            let mut out = String::new();
            literal_words(&mut out, t);
            out
        };
        assert_eq!(pre("a - b"), "a - b", "a lone hyphen has nothing after it");
        assert_eq!(pre("a- -b"), "a- <span class=\"pre\">-b</span>");
        assert_eq!(pre("foo_bar.baz()"), "foo_bar.baz()", "two non-word characters at the end");
        assert_eq!(pre("f(x).y"), "<span class=\"pre\">f(x).y</span>", "`).` inside the word");
        assert_eq!(pre("why?"), "why?");
        assert_eq!(pre("a?b"), "<span class=\"pre\">a?b</span>");
    }

    #[test]
    fn escaping_replaces_each_special_character_and_keeps_the_rest() {
        let text = "a&b<c>\"d@e\u{a0}f£\u{a0}\u{a0}&";
        assert_eq!(escape(text), "a&amp;b&lt;c&gt;&quot;d&#64;e&nbsp;f£&nbsp;&nbsp;&amp;");
        let mut code = String::new();
        escape_code_into(&mut code, "x@y<z>¢");
        assert_eq!(code, "x@y&lt;z&gt;¢", "code keeps its @; C2 bytes other than NBSP stay");
        assert_eq!(escape("plain text"), "plain text");
        assert_eq!(escape(""), "");
    }
}
