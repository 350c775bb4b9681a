//! Step 1: block structure. Lines are views into the source; nested blocks are parsed over
//! the same views with their indentation skipped, so every span is a real source range.

use crate::inline;
use crate::tree::{Document, EnumStyle, ImageData, NodeId, NodeKind, NoteData, TargetData};
use crate::{Diagnostic, Severity, Span};

mod title;

/// How deep blocks may nest (quotes in lists in quotes …). Motivated by 1 MB of `> ` or
/// `* ` prefixes: deeper content is kept as a literal block with a warning, so parsing
/// (which recurses once per level) never overflows the stack.
pub const MAX_BLOCK_DEPTH: u32 = 48;

/// A line, or the part of it left after skipping indentation: `start..end` in the source.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// A `.. class::` waiting in a block for the next element made there: the block's node,
/// how many nodes the tree had then, the classes, and the directive's span and text.
struct ClassMark {
    at: NodeId,
    after: usize,
    classes: String,
    span: Span,
    text: String,
}

/// Whether an element of `kind` can take a `.. class::` directive's classes: invisible
/// elements and system messages are passed over.
fn takes_classes(kind: &NodeKind) -> bool {
    !matches!(
        kind,
        NodeKind::SystemMessage { .. }
            | NodeKind::Comment(_)
            | NodeKind::Target(_)
            | NodeKind::SubstitutionDefinition(_)
    )
}

/// Splits `src` into lines (without their `\n` or `\r\n`).
pub(crate) fn lines(src: &str) -> Vec<Line> {
    if has_other_breaks(src) {
        return lines_split_as_python(src);
    }
    // Counting first is one fast pass and spares the growing copies of a long post's lines.
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
    let mut start = 0usize;
    for i in memchr::memchr_iter(b'\n', src.as_bytes()) {
        let mut end = i;
        if end > start && src.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        out.push(Line { start: start as u32, end: end as u32 });
        start = i + 1;
    }
    if start < src.len() {
        out.push(Line { start: start as u32, end: src.len() as u32 });
    }
    out
}

/// Whether `src` breaks lines with anything but `\n` and `\r\n`: what else Python's
/// `splitlines` (docutils' `string2lines`) ends a line at. A few vectorised scans, so the
/// usual text stays on the fast path.
fn has_other_breaks(src: &str) -> bool {
    let b = src.as_bytes();
    let lone_cr = memchr::memchr_iter(b'\r', b).any(|i| b.get(i + 1) != Some(&b'\n'));
    lone_cr
        || memchr::memchr3(0x1c, 0x1d, 0x1e, b).is_some()
        || ["\u{85}", "\u{2028}", "\u{2029}"]
            .iter()
            .any(|sep| memchr::memmem::find(b, sep.as_bytes()).is_some())
}

/// Lines as Python's `splitlines` ends them: at `\n`, `\r\n`, a lone `\r`, the
/// separators `\x1c`–`\x1e`, U+0085, U+2028 and U+2029 (form feeds and vertical tabs are
/// spaces by now).
fn lines_split_as_python(src: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut it = src.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = match c {
            '\r' if it.peek().is_some_and(|&(_, n)| n == '\n') => {
                it.next();
                i + 2
            }
            '\n' | '\r' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                i + c.len_utf8()
            }
            _ => continue,
        };
        out.push(Line { start: start as u32, end: i as u32 });
        start = next;
    }
    if start < src.len() {
        out.push(Line { start: start as u32, end: src.len() as u32 });
    }
    out
}

pub(crate) struct BlockParser<'s> {
    pub(crate) src: &'s str,
    pub(crate) doc: Document,
    pub(crate) diags: Vec<Diagnostic>,
    /// Adornment styles in the order first seen: (char, has overline).
    styles: Vec<(char, bool)>,
    depth_warned: bool,
    /// System messages from inline markup, placed after their text block.
    pub(crate) pending: Vec<NodeId>,
    /// Custom roles from `.. role::`: (name, base role, class).
    pub(crate) roles: Vec<(String, String, String)>,
    /// System messages that go to the end of the document (unresolved references).
    pub(crate) late: Vec<NodeId>,
    /// Built on first use: only system messages need line numbers, and most posts have none.
    index: std::cell::OnceCell<crate::LineIndex>,
    /// `.. default-role::`
    pub(crate) default_role: Option<String>,
    /// `.. class::` waiting for the next element: its classes, span and text.
    pub(crate) pending_class: Option<(String, Span, String)>,
    /// `.. class::` directives nothing followed in their block: (the block's node, the
    /// classes, the directive's span and text), placed once the tree stands
    /// ([`BlockParser::place_classes`]).
    unplaced_classes: Vec<ClassMark>,
    /// The classes a `.. class::` without content gave each element: docutils adds them
    /// in a transform, after every class the parser gave ([`BlockParser::add_late_classes`]).
    late_classes: crate::tree::NodeMap<String>,
    /// Substitution definitions with `:ltrim:`/`:rtrim:` (definition, ltrim, rtrim).
    pub(crate) trims: Vec<(NodeId, bool, bool)>,
    /// A `sectnum` directive was seen.
    pub(crate) sectnum: bool,
    /// Where the innermost directive content being parsed ends: the end of its last line
    /// that is not blank (docutils cuts a directive's content there).
    content_end: Option<u32>,
    /// A problematic node (with its system message) was made; resolve pairs them up.
    pub(crate) problems: bool,
    /// Whether the tree holds INFO messages made by [`Self::note`] (no diagnostic of their
    /// own): resolve drops them, as Pelican's report level does.
    pub(crate) notes: bool,
    /// Substitution definition names so far (whitespace-normalized), for docutils' error
    /// on a second definition of a name.
    substitution_names: std::collections::HashSet<String>,
    /// Where `.. include::` reads its files; `None`: the caller gave none.
    pub(crate) includes: Option<&'s dyn crate::IncludeFiles>,
    /// How many includes deep this parser is (see [`crate::include::MAX_INCLUDE_DEPTH`]).
    pub(crate) include_depth: u32,
    /// The blog's language and what its plugins register.
    pub(crate) settings: &'s crate::ReaderSettings,
}

fn is_adornment_char(c: char) -> bool {
    c.is_ascii_punctuation()
}

impl<'s> BlockParser<'s> {
    pub(crate) fn new(src: &'s str, settings: &'s crate::ReaderSettings) -> BlockParser<'s> {
        let mut doc = Document::new();
        doc.language = settings.language;
        doc.docutils = settings.docutils;
        // Blog posts run at about one node per 8 to 40 bytes: reserve for the dense end, so
        // the arena (72 bytes a node) is not copied as it grows.
        doc.reserve(src.len() / 8);
        BlockParser {
            src,
            doc,
            diags: Vec::new(),
            styles: Vec::new(),
            depth_warned: false,
            pending: Vec::new(),
            roles: Vec::new(),
            late: Vec::new(),
            trims: Vec::new(),
            sectnum: false,
            content_end: None,
            problems: false,
            notes: false,
            substitution_names: Default::default(),
            includes: None,
            include_depth: 0,
            index: std::cell::OnceCell::new(),
            default_role: None,
            pending_class: None,
            unplaced_classes: Vec::new(),
            late_classes: Default::default(),
            settings,
        }
    }

    /// The name directive `name` (lowercase) runs as: a directive Pelican or the blog's
    /// plugins registered keeps its name (docutils looks in its registry first), any other
    /// is looked up in the document's language, then in English.
    pub(crate) fn directive_name<'n>(&self, name: &'n str) -> &'n str {
        let registered = matches!(name, "code-block" | "sourcecode")
            || self.settings.plugin_directives.iter().any(|d| d == name);
        if registered {
            name
        } else {
            self.settings.language.directive(name)
        }
    }

    fn text(&self, l: Line) -> &'s str {
        let (s, e) = (l.start as usize, l.end as usize);
        if s >= e {
            return "";
        }
        self.src.get(s..e).unwrap_or("")
    }

    fn blank(&self, l: Line) -> bool {
        let t = self.text(l);
        // Most lines start with a visible ASCII character: answer those without trimming.
        match t.as_bytes().first() {
            Some(b) if b.is_ascii_graphic() => false,
            _ => t.trim().is_empty(),
        }
    }

    fn indent(&self, l: Line) -> usize {
        self.text(l).bytes().take_while(|b| matches!(b, b' ' | b'\t')).count()
    }

    fn skip(&self, l: Line, n: usize) -> Line {
        let t = self.text(l);
        let mut n = n.min(t.len());
        while !t.is_char_boundary(n) {
            n -= 1;
        }
        Line { start: l.start + n as u32, end: l.end }
    }

    fn span_of(&self, lines: &[Line]) -> Span {
        match (lines.first(), lines.last()) {
            (Some(a), Some(b)) => Span { start: a.start, end: b.end.max(a.start) },
            _ => Span::default(),
        }
    }

    /// The span of `body`, or an empty span at the end of `line` when there is no body.
    fn body_span(&self, body: &[Line], line: Line) -> Span {
        if body.is_empty() {
            Span { start: line.end, end: line.end }
        } else {
            self.span_of(body)
        }
    }

    pub(crate) fn diag(&mut self, span: Span, severity: Severity, message: impl Into<String>) {
        let line = self.line_no(span.start);
        self.diag_on_line(span, line, severity, message);
    }

    /// A diagnostic marked at `span` that docutils reports on `line` (see
    /// [`Diagnostic::line`]).
    pub(crate) fn diag_on_line(
        &mut self,
        span: Span,
        line: u32,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.diags.push(Diagnostic { span, severity, message: message.into(), line });
    }

    /// 1-based line of byte `offset` (docutils' numbering), from the line index.
    pub(crate) fn line_no(&self, offset: u32) -> u32 {
        self.index
            .get_or_init(|| {
                // docutils counts every line break Python's `splitlines` knows.
                if has_other_breaks(self.src) {
                    let starts = lines(self.src).iter().map(|l| l.start).collect();
                    crate::LineIndex::from_starts(starts)
                } else {
                    crate::LineIndex::new(self.src)
                }
            })
            .line(offset)
            + 1
    }

    /// Adds a docutils system message node under `parent` and the matching diagnostic.
    pub(crate) fn system_message(
        &mut self,
        parent: NodeId,
        span: Span,
        severity: Severity,
        message: &str,
        literal: Option<&str>,
    ) {
        let m = self.message_node(span, severity, message, literal);
        self.doc.append(parent, m);
    }

    /// A system message docutils reports while parsing but attaches to no node (it went
    /// with an element not made): its Messages transform writes it in the "Docutils System
    /// Messages" section, before the transforms' own.
    pub(crate) fn loose_message(
        &mut self,
        span: Span,
        severity: Severity,
        message: &str,
        literal: Option<&str>,
    ) {
        let m = self.message_node(span, severity, message, literal);
        self.late.push(m);
    }

    /// A system message node, not yet placed, and its diagnostic.
    fn message_node(
        &mut self,
        span: Span,
        severity: Severity,
        message: &str,
        literal: Option<&str>,
    ) -> NodeId {
        let level = match severity {
            Severity::Info => 1,
            Severity::Warning => 2,
            Severity::Error => 3,
            Severity::Severe => 4,
        };
        let line = self.line_no(span.start);
        let kind = NodeKind::SystemMessage { level, line, id: "".into(), message: message.into() };
        let m = self.doc.add(kind, span);
        if let Some(lit) = literal {
            self.doc.push(m, NodeKind::LiteralBlock(lit.into()), span);
        }
        self.diag(span, severity, message);
        m
    }

    /// An INFO system message node, not yet placed, that leads up to an error after it (as
    /// docutils' note that it tries an unknown name as canonical): the error says all a
    /// writer needs, so this one is in the tree only, not among the diagnostics.
    pub(crate) fn note(&mut self, span: Span, message: &str) -> NodeId {
        self.notes = true;
        let line = self.line_no(span.start);
        let kind =
            NodeKind::SystemMessage { level: 1, line, id: "".into(), message: message.into() };
        self.doc.add(kind, span)
    }

    /// Lines `lines[i..]` that are blank or indented, up to the first unindented line;
    /// returns the end index with trailing blank lines excluded.
    fn indented_end(&self, lines: &[Line], from: usize) -> usize {
        let mut j = from;
        while j < lines.len() && (self.blank(lines[j]) || self.indent(lines[j]) > 0) {
            j += 1;
        }
        while j > from && self.blank(lines[j - 1]) {
            j -= 1;
        }
        j
    }

    /// Strips the smallest indentation of the non-blank `lines`.
    fn dedent(&self, lines: &[Line]) -> Vec<Line> {
        let mut out = Vec::with_capacity(lines.len());
        self.dedent_into(lines, &mut out);
        out
    }

    /// [`Self::dedent`], appending to `out`.
    fn dedent_into(&self, lines: &[Line], out: &mut Vec<Line>) {
        let min =
            lines.iter().filter(|l| !self.blank(**l)).map(|l| self.indent(*l)).min().unwrap_or(0);
        out.extend(lines.iter().map(|l| {
            if self.blank(*l) {
                Line { start: l.end, end: l.end }
            } else {
                self.skip(*l, min)
            }
        }));
    }

    /// An item body: the first line after its marker, the rest dedented.
    fn item_body(&self, lines: &[Line], i: usize, marker: usize) -> (Vec<Line>, usize) {
        let first = self.skip(lines[i], marker);
        let first = self.skip(first, self.indent(first));
        let end = self.indented_end(lines, i + 1);
        let mut body = Vec::with_capacity(end - i);
        if !self.blank(first) {
            body.push(first);
        }
        self.dedent_into(&lines[i + 1..end], &mut body);
        (body, end)
    }

    /// A bullet or enumerated list item's body. With text after the marker, docutils strips
    /// exactly the marker's width from the lines after it (so more-indented lines stay
    /// indented: a definition list inside the item) and a line indented less ends the item;
    /// with the marker alone on its line, the lines after it set the indentation.
    fn list_item_body(&self, lines: &[Line], i: usize, marker: usize) -> (Vec<Line>, usize) {
        let first = self.skip(lines[i], marker);
        if self.blank(first) {
            return self.item_body(lines, i, marker);
        }
        let marker = marker + self.indent(first);
        // The lines after it are indented in columns: a `‣` is three bytes but one column.
        let columns = self.text(lines[i]).get(..marker).map_or(marker, |m| m.chars().count());
        let mut end = i + 1;
        while end < lines.len() && (self.blank(lines[end]) || self.indent(lines[end]) >= columns) {
            end += 1;
        }
        while end > i + 1 && self.blank(lines[end - 1]) {
            end -= 1;
        }
        let mut body = Vec::with_capacity(end - i);
        body.push(self.skip(lines[i], marker));
        body.extend(lines[i + 1..end].iter().map(|l| {
            if self.blank(*l) {
                Line { start: l.end, end: l.end }
            } else {
                self.skip(*l, columns)
            }
        }));
        (body, end)
    }

    fn literal_text(&self, lines: &[Line]) -> String {
        let mut s: Vec<&str> = lines.iter().map(|l| self.text(*l)).collect();
        while s.last().is_some_and(|l| l.trim().is_empty()) {
            s.pop();
        }
        while s.first().is_some_and(|l| l.trim().is_empty()) {
            s.remove(0);
        }
        s.iter().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n")
    }

    fn adornment(&self, l: Line) -> Option<(char, usize)> {
        let t = self.text(l).trim_end();
        let c = t.chars().next()?;
        if !is_adornment_char(c) || !t.chars().all(|x| x == c) {
            return None;
        }
        Some((c, t.chars().count()))
    }

    /// Parses `lines` as body elements under `parent`. `top` allows sections.
    pub(crate) fn parse_blocks(&mut self, lines: &[Line], parent: NodeId, depth: u32, top: bool) {
        if depth > MAX_BLOCK_DEPTH {
            let span = self.span_of(lines);
            if !self.depth_warned {
                self.depth_warned = true;
                self.diag(span, Severity::Warning, format!("Blocks nest deeper than {MAX_BLOCK_DEPTH} levels; the rest is shown as plain text."));
            }
            let text = self.literal_text(lines);
            self.doc.push(parent, NodeKind::LiteralBlock(text.into()), span);
            return;
        }
        let mut sections: Vec<(NodeId, usize)> = Vec::new();
        let mut i = 0;
        let mut class_mark: Option<ClassMark> = None;
        while i < lines.len() {
            let cur = sections.last().map(|s| s.0).unwrap_or(parent);
            self.flush_pending(cur);
            self.apply_class(&mut class_mark, cur);
            let l = lines[i];
            if self.blank(l) {
                i += 1;
                continue;
            }
            let t = self.text(l);
            if self.indent(l) > 0 {
                let end = self.indented_end(lines, i);
                let body = self.dedent(&lines[i..end]);
                self.block_quote(&body, cur, depth, None);
                self.check_unindent(lines, end, cur, "Block quote");
                i = end;
                continue;
            }
            if let Some(next) = self.try_bullet(lines, i, cur, depth) {
                i = next;
                continue;
            }
            if let Some(next) = self.try_enum(lines, i, cur, depth) {
                i = next;
                continue;
            }
            if t.starts_with(':') {
                if let Some(next) = self.try_field_list(lines, i, cur, depth) {
                    i = next;
                    continue;
                }
            }
            if let Some(next) = self.try_option_list(lines, i, cur, depth) {
                i = next;
                continue;
            }
            if t.starts_with(">>>") && (t.len() == 3 || t[3..].starts_with(' ')) {
                let mut j = i;
                while j < lines.len() && !self.blank(lines[j]) {
                    j += 1;
                }
                let text = self.literal_text(&lines[i..j]);
                self.doc.push(cur, NodeKind::DoctestBlock(text.into()), self.span_of(&lines[i..j]));
                i = j;
                continue;
            }
            if t == "|" || t.starts_with("| ") {
                i = self.line_block(lines, i, cur);
                continue;
            }
            if crate::table::is_grid_table_top(t) {
                if let Some(next) = crate::table::grid(self, lines, i, cur, depth) {
                    i = next;
                    continue;
                }
            }
            if crate::table::is_simple_table_top(t) {
                if let Some(next) = crate::table::simple(self, lines, i, cur, depth) {
                    i = next;
                    continue;
                }
            }
            if t == ".." || t.starts_with(".. ") || t.starts_with("__ ") || t == "__" {
                i = self.explicit(lines, i, cur, depth);
                continue;
            }
            // Titles and transitions: docutils tries these after every other construct
            // that a line can start (a `|` line is a line block, `- x` a list item).
            let mut heading = title::Heading::Text;
            if self.adornment(l).is_some() {
                heading = self.overline(lines, i, cur, top);
            }
            if matches!(heading, title::Heading::Text) {
                heading = self.underline(lines, i, cur, top);
            }
            match heading {
                title::Heading::Taken(next) => {
                    i = next;
                    continue;
                }
                title::Heading::Section(t) => {
                    let made = self.section(&mut sections, parent, t.style, t.text, t.span);
                    if let Some((span, message, lit)) = t.warning {
                        if made {
                            let sec = sections.last().map(|s| s.0).unwrap_or(parent);
                            self.system_message(sec, span, Severity::Warning, message, Some(&lit));
                        } else {
                            // It went with the section not made: docutils' Messages
                            // transform writes such a loose message at the end.
                            self.loose_message(span, Severity::Warning, message, Some(&lit));
                        }
                    }
                    i = t.next;
                    continue;
                }
                title::Heading::Text => {}
            }
            // Definition list: a line followed directly by an indented line.
            if i + 1 < lines.len() && !self.blank(lines[i + 1]) && self.indent(lines[i + 1]) > 0 {
                i = self.definition_list(lines, i, cur, depth);
                continue;
            }
            i = self.paragraph(lines, i, cur);
        }
        let cur = sections.last().map(|s| s.0).unwrap_or(parent);
        // The last element of the block may be the one a `.. class::` waits for; if not,
        // an element after the block may be.
        self.apply_class(&mut class_mark, cur);
        if let Some(mark) = class_mark {
            self.unplaced_classes.push(mark);
        }
        self.flush_pending(cur);
    }

    /// `.. class::` applies to the next element created under `cur`, passing over system
    /// messages and invisible elements (comments, targets, substitution definitions) as
    /// docutils' ClassAttribute transform does. The class moves from the parser into this
    /// block's `mark` at once, so a nested block cannot take it.
    /// Parses a directive's `content`, whose blank lines at the end are not its text.
    pub(crate) fn parse_content(&mut self, content: &[Line], parent: NodeId, depth: u32) {
        let last = content.iter().rev().find(|l| !self.blank(**l)).map(|l| l.end);
        let outer = self.content_end;
        self.content_end = last.or(outer);
        self.parse_blocks(content, parent, depth, false);
        self.content_end = outer;
    }

    fn apply_class(&mut self, mark: &mut Option<ClassMark>, cur: NodeId) {
        if let Some(ClassMark { at, after, .. }) = mark {
            let len = *after;
            let next = self
                .doc
                .children(*at)
                .find(|&k| crate::tree::index_of(k) > len && takes_classes(self.doc.kind(k)));
            if let Some(next) = next {
                let c = mark.take().map(|m| m.classes).unwrap_or_default();
                self.add_late_classes_to(next, &c);
            }
        }
        if let Some((classes, span, text)) = self.pending_class.take() {
            // One still waiting is placed with the tree (a later section's element, say).
            if let Some(old) = mark.take() {
                self.unplaced_classes.push(old);
            }
            *mark = Some(ClassMark { at: cur, after: self.doc.len(), classes, span, text });
        }
    }

    /// Gives `n` the `classes` of a `.. class::` without content, after those it has.
    fn add_late_classes_to(&mut self, n: NodeId, classes: &str) {
        let all = self.late_classes.entry(n).or_default();
        if !all.is_empty() {
            all.push(' ');
        }
        all.push_str(classes);
    }

    /// docutils' ClassAttribute transform for the `.. class::` directives nothing followed
    /// in their own block: the element after that block (or after the block around it, and
    /// so on up) takes the classes, passing over invisible elements and system messages;
    /// with none anywhere, the directive is an error in its place.
    pub(crate) fn place_classes(&mut self) {
        if self.unplaced_classes.is_empty() {
            return;
        }
        let parents = crate::resolve::parents(&self.doc);
        let visible = |doc: &crate::tree::Document, k: NodeId| takes_classes(doc.kind(k));
        for mark in std::mem::take(&mut self.unplaced_classes) {
            let ClassMark { at: block, after, classes, span, text } = mark;
            // First what came after it in its own block, then after each block around it.
            let mut found = self
                .doc
                .children(block)
                .find(|&k| crate::tree::index_of(k) > after && visible(&self.doc, k));
            let mut child = block;
            while found.is_none() {
                let Some(parent) = parents[crate::tree::index_of(child)] else { break };
                found = self
                    .doc
                    .children(parent)
                    .skip_while(|&k| k != child)
                    .skip(1)
                    .find(|&k| visible(&self.doc, k));
                child = parent;
            }
            match found {
                Some(next) => self.add_late_classes_to(next, &classes),
                None => {
                    // In the directive's place: before what followed it (only invisible
                    // elements and messages).
                    // docutils names the line after the directive.
                    let msg = "No suitable element following \"class\" directive";
                    let line = self.line_no(span.end.saturating_sub(1)) + 1;
                    let kind = NodeKind::SystemMessage {
                        level: 3,
                        line,
                        id: "".into(),
                        message: msg.into(),
                    };
                    let m = self.doc.add(kind, span);
                    self.doc.push(m, NodeKind::LiteralBlock(text.as_str().into()), span);
                    self.diag_on_line(span, line, Severity::Error, msg);
                    let mut kids: Vec<NodeId> = self.doc.children(block).collect();
                    let at = kids
                        .iter()
                        .position(|&k| crate::tree::index_of(k) > after && k != m)
                        .unwrap_or(kids.len());
                    kids.insert(at, m);
                    self.doc.set_children(block, &kids);
                }
            }
        }
    }

    /// Puts the classes of `.. class::` directives without content after the element's
    /// others (its `:class:` option, an enclosing `.. class::` with content), once parsed.
    pub(crate) fn add_late_classes(&mut self) {
        for (n, late) in std::mem::take(&mut self.late_classes) {
            let all = self.doc.classes.entry(n).or_default();
            if !all.is_empty() {
                all.push(' ');
            }
            all.push_str(&late);
        }
    }

    fn flush_pending(&mut self, parent: NodeId) {
        for m in std::mem::take(&mut self.pending) {
            self.doc.append(parent, m);
        }
    }

    fn section(
        &mut self,
        sections: &mut Vec<(NodeId, usize)>,
        parent: NodeId,
        style: (char, bool),
        title: Line,
        span: Span,
    ) -> bool {
        let known = self.styles.iter().position(|s| *s == style);
        let level = known.map_or(self.styles.len() + 1, |p| p + 1);
        // docutils' `check_subsection`: a title may open at most one level below the
        // current section; a deeper one is an error in its place, its style not learnt.
        if level > sections.len() + 1 {
            let cur = sections.last().map(|s| s.0).unwrap_or(parent);
            let msg =
                format!("Inconsistent title style: skip from level {} to {level}.", sections.len());
            let source = self.src[span.start as usize..span.end as usize]
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n");
            let styles = self
                .styles
                .iter()
                .map(|&(c, over)| if over { format!("{c}/{c}") } else { c.to_string() })
                .collect::<Vec<_>>()
                .join(" ");
            let at = Span { start: title.start, end: title.end };
            self.system_message(cur, at, Severity::Error, &msg, Some(&source));
            if let Some(m) = self.doc.last_child(cur) {
                let para = self.doc.push(m, NodeKind::Paragraph, at);
                let text = format!("Established title styles: {styles}");
                self.doc.push(para, NodeKind::Text(text.into()), at);
            }
            return false;
        }
        if known.is_none() {
            self.styles.push(style);
        }
        while sections.last().is_some_and(|s| s.1 >= level) {
            sections.pop();
        }
        let p = sections.last().map(|s| s.0).unwrap_or(parent);
        let lvl = (sections.len() + 1).min(255) as u8;
        let sec = self.doc.push(p, NodeKind::Section { level: lvl, ids: Vec::new() }, span);
        let t = self.doc.push(sec, NodeKind::Title, Span { start: title.start, end: title.end });
        self.inline(&[title], t);
        sections.push((sec, level));
        // Sections extend to the next title: widen spans as content is added in resolve.
        true
    }

    pub(crate) fn inline(&mut self, lines: &[Line], parent: NodeId) {
        inline::parse(self, lines, parent);
    }

    /// A block quote, split as docutils' `split_attribution` splits it: a paragraph after a
    /// blank line that starts with `--`, `---` or `—` (and whose further lines share one
    /// indentation) is the attribution, and what follows it is another block quote.
    fn block_quote(&mut self, body: &[Line], parent: NodeId, depth: u32, class: Option<&str>) {
        let mut rest = body;
        while !rest.is_empty() {
            let (content, attribution, after) = self.split_attribution(rest);
            let span = self.span_of(&rest[..after]);
            let q = self.doc.push(parent, NodeKind::BlockQuote(class.map(Into::into)), span);
            self.parse_blocks(content, q, depth + 1, false);
            if let Some(segs) = attribution {
                let a = self.doc.push(q, NodeKind::Attribution, self.span_of(&segs));
                self.inline(&segs, a);
            }
            rest = &rest[after..];
            while rest.first().is_some_and(|l| self.blank(*l)) {
                rest = &rest[1..];
            }
        }
    }

    /// (the quote's own lines, its attribution's text segments, where the next quote starts).
    fn split_attribution<'l>(&self, lines: &'l [Line]) -> (&'l [Line], Option<Vec<Line>>, usize) {
        let mut blank: Option<usize> = None;
        let mut seen = false;
        for (i, l) in lines.iter().enumerate() {
            if self.blank(*l) {
                blank = Some(i);
                continue;
            }
            if seen && blank == Some(i.wrapping_sub(1)) {
                if let Some(dash) = attribution_dash(self.text(*l)) {
                    if let Some((end, indent)) = self.attribution_shape(lines, i) {
                        let first = self.skip(*l, dash);
                        let mut segs = vec![first];
                        segs.extend(lines[i + 1..end].iter().map(|x| self.skip(*x, indent)));
                        return (&lines[..i], Some(segs), end);
                    }
                }
            }
            seen = true;
        }
        (lines, None, lines.len())
    }

    /// docutils' `check_attribution`: the attribution runs to the next blank line, its lines
    /// after the first all equally indented. (end, that indentation), or `None`.
    fn attribution_shape(&self, lines: &[Line], start: usize) -> Option<(usize, usize)> {
        let mut indent = None;
        let mut end = start + 1;
        while end < lines.len() && !self.blank(lines[end]) {
            let ind = self.indent(lines[end]);
            match indent {
                None => indent = Some(ind),
                Some(i) if i != ind => return None,
                Some(_) => {}
            }
            end += 1;
        }
        Some((end, indent.unwrap_or(0)))
    }

    fn try_bullet(
        &mut self,
        lines: &[Line],
        i: usize,
        parent: NodeId,
        depth: u32,
    ) -> Option<usize> {
        let bullet = |t: &str| -> Option<(char, usize)> {
            let c = t.chars().next()?;
            if !matches!(c, '*' | '+' | '-' | '•' | '‣' | '⁃') {
                return None;
            }
            let rest = &t[c.len_utf8()..];
            if rest.is_empty() || rest.starts_with(' ') {
                Some((c, c.len_utf8()))
            } else {
                None
            }
        };
        let (c, w) = bullet(self.text(lines[i]))?;
        let list = self.doc.push(parent, NodeKind::BulletList, Span::default());
        let mut j = i;
        let start = lines[i].start;
        let mut end = lines[i].end;
        while j < lines.len() {
            if self.blank(lines[j]) {
                j += 1;
                continue;
            }
            if self.indent(lines[j]) > 0 || bullet(self.text(lines[j])).map(|b| b.0) != Some(c) {
                break;
            }
            let (body, next) = self.list_item_body(lines, j, w);
            let item =
                self.doc.push(list, NodeKind::ListItem, self.span_of(&lines[j..next.max(j + 1)]));
            end = lines[next.max(j + 1) - 1].end;
            self.parse_blocks(&body, item, depth + 1, false);
            j = next;
        }
        self.doc.node_mut(list).span = Span { start, end };
        self.check_unindent(lines, j, parent, "Bullet list");
        Some(j)
    }

    /// docutils' warning for a construct followed directly (no blank line) by unindented
    /// text at line `j`.
    fn check_unindent(&mut self, lines: &[Line], j: usize, parent: NodeId, what: &str) {
        if j > 0 && j < lines.len() && !self.blank(lines[j]) && !self.blank(lines[j - 1]) {
            let span = self.span_of(&lines[j..j + 1]);
            let msg = format!("{what} ends without a blank line; unexpected unindent.");
            self.system_message(parent, span, Severity::Warning, &msg, None);
        }
    }

    fn try_enum(&mut self, lines: &[Line], i: usize, parent: NodeId, depth: u32) -> Option<usize> {
        let t = self.text(lines[i]);
        let first = parse_enumerator(t)?;
        // A list ends where its enumeration changes; the next item starts a new one
        // (docutils' `EnumeratedList.enumerator`), so a `#` never continues an old list.
        if !self.is_list_item(lines, i, &first, first.style.unwrap_or(EnumStyle::Arabic)) {
            return None;
        }
        let (style, start) = match first.value {
            Some(v) => (first.style.unwrap_or(EnumStyle::Arabic), v),
            None => (EnumStyle::Arabic, 1),
        };
        let list = self.doc.push(parent, NodeKind::EnumList { style, start }, Span::default());
        if start != 1 {
            let inner = t.trim_start_matches('(').split(['.', ')']).next().unwrap_or("");
            let msg =
                format!("Enumerated list start value not ordinal-1: \"{inner}\" (ordinal {start})");
            let span = self.span_of(&lines[i..i + 1]);
            self.system_message(parent, span, Severity::Info, &msg, None);
        }
        let mut expected = start;
        // After a `#.` item, explicit numbers start another list (docutils' `auto`).
        let mut auto = first.value.is_none();
        let mut j = i;
        while j < lines.len() {
            if self.blank(lines[j]) {
                j += 1;
                continue;
            }
            if self.indent(lines[j]) > 0 {
                break;
            }
            let Some(mut e) = parse_enumerator(self.text(lines[j])) else { break };
            if e.format != first.format {
                break;
            }
            if matches!(style, EnumStyle::LowerRoman | EnumStyle::UpperRoman)
                && e.roman.is_some()
                && e.upper == (style == EnumStyle::UpperRoman)
            {
                e.value = e.roman;
                e.style = Some(style);
            }
            if j != i
                && matches!(style, EnumStyle::LowerAlpha | EnumStyle::UpperAlpha)
                && e.upper == (style == EnumStyle::UpperAlpha)
            {
                if let Some(l) = e.letter.filter(|&l| l == expected) {
                    e.value = Some(l);
                    e.style = Some(style);
                }
            }
            if let Some(v) = e.value {
                if j != i
                    && (auto
                        || v != expected
                        || (e.style.is_some()
                            && first.value.is_some()
                            && e.style != Some(style)
                            && !ambiguous(e.style, style)))
                {
                    break;
                }
            }
            if j != i && !self.is_list_item(lines, j, &e, style) {
                break;
            }
            auto |= e.value.is_none();
            let (body, next) = self.list_item_body(lines, j, e.width);
            let item =
                self.doc.push(list, NodeKind::ListItem, self.span_of(&lines[j..next.max(j + 1)]));
            self.parse_blocks(&body, item, depth + 1, false);
            expected += 1;
            j = next;
        }
        let sp = self.span_of(&lines[i..j.max(i + 1)]);
        let old = self.doc.node(list).span;
        self.doc.node_mut(list).span = if old == Span::default() { sp } else { old.cover(sp) };
        self.check_unindent(lines, j, parent, "Enumerated list");
        Some(j)
    }

    /// docutils' `is_enumerated_list_item`: the line after the item at `i` is blank or
    /// indented, or starts with the next enumerator (or `#`) in the same format.
    fn is_list_item(&self, lines: &[Line], i: usize, e: &Enumerator, style: EnumStyle) -> bool {
        let Some(&next) = lines.get(i + 1) else { return true };
        if self.blank(next) || self.indent(next) > 0 {
            return true;
        }
        let t = self.text(next);
        let with_format = |inner: &str| match e.format {
            EnumFormat::Period => format!("{inner}."),
            EnumFormat::Paren => format!("{inner})"),
            EnumFormat::Parens => format!("({inner})"),
        };
        if t.starts_with(&with_format("#")) {
            return true;
        }
        let Some(value) = e.value else { return false };
        enumerator_text(e.style.unwrap_or(style), value + 1)
            .is_some_and(|n| t.starts_with(&with_format(&n)))
    }

    fn try_field_list(
        &mut self,
        lines: &[Line],
        i: usize,
        parent: NodeId,
        depth: u32,
    ) -> Option<usize> {
        field_marker(self.text(lines[i]))?;
        let list = self.doc.push(parent, NodeKind::FieldList, Span::default());
        let mut j = i;
        while j < lines.len() {
            if self.blank(lines[j]) {
                j += 1;
                continue;
            }
            if self.indent(lines[j]) > 0 {
                break;
            }
            let Some((name_end, marker)) = field_marker(self.text(lines[j])) else { break };
            let (body, next) = self.item_body(lines, j, marker);
            let f = self.doc.push(list, NodeKind::Field, self.span_of(&lines[j..next.max(j + 1)]));
            let name_line =
                Line { start: lines[j].start + 1, end: lines[j].start + name_end as u32 };
            let n = self.doc.push(
                f,
                NodeKind::FieldName,
                Span { start: name_line.start, end: name_line.end },
            );
            self.inline(&[name_line], n);
            let b = self.doc.push(f, NodeKind::FieldBody, self.body_span(&body, lines[j]));
            self.parse_blocks(&body, b, depth + 1, false);
            j = next;
        }
        let sp = self.span_of(&lines[i..j.max(i + 1)]);
        self.doc.node_mut(list).span = sp;
        self.check_unindent(lines, j, parent, "Field list");
        Some(j)
    }

    fn try_option_list(
        &mut self,
        lines: &[Line],
        i: usize,
        parent: NodeId,
        depth: u32,
    ) -> Option<usize> {
        let (_, first_desc) = option_marker(self.text(lines[i]))?;
        if !self.has_description(lines, i, first_desc) {
            return None;
        }
        let list = self.doc.push(parent, NodeKind::OptionList, Span::default());
        let mut j = i;
        while j < lines.len() {
            if self.blank(lines[j]) {
                j += 1;
                continue;
            }
            if self.indent(lines[j]) > 0 {
                break;
            }
            let t = self.text(lines[j]);
            let Some((opts_end, desc_start)) = option_marker(t) else { break };
            if !self.has_description(lines, j, desc_start) {
                break;
            }
            let (body, next) = self.item_body(lines, j, desc_start);
            let item =
                self.doc.push(list, NodeKind::OptionItem, self.span_of(&lines[j..next.max(j + 1)]));
            let os = lines[j].start;
            self.doc.push(
                item,
                NodeKind::OptionGroup(t[..opts_end].into()),
                Span { start: os, end: os + opts_end as u32 },
            );
            let d =
                self.doc.push(item, NodeKind::OptionDescription, self.body_span(&body, lines[j]));
            self.parse_blocks(&body, d, depth + 1, false);
            j = next;
        }
        let sp = self.span_of(&lines[i..j.max(i + 1)]);
        self.doc.node_mut(list).span = sp;
        self.check_unindent(lines, j, parent, "Option list");
        Some(j)
    }

    /// Whether an option list item has a description: text after its marker on line `i`, or
    /// indented lines after it. Without one docutils reads the line as a paragraph.
    fn has_description(&self, lines: &[Line], i: usize, desc_start: usize) -> bool {
        let (body, _) = self.item_body(lines, i, desc_start);
        body.iter().any(|l| !self.blank(*l))
    }

    fn line_block(&mut self, lines: &[Line], i: usize, parent: NodeId) -> usize {
        // Lines that start with `|` and the indented lines continuing them; anything else
        // ends the block (with a warning when no blank line comes first).
        let is_bar = |t: &str| t == "|" || t.starts_with("| ");
        let mut j = i;
        while j < lines.len()
            && !self.blank(lines[j])
            && (self.indent(lines[j]) > 0 || is_bar(self.text(lines[j]).trim_end()))
        {
            j += 1;
        }

        let block = self.doc.push(parent, NodeKind::LineBlock, self.span_of(&lines[i..j]));
        // Each line: its indent (spaces after `| `, less one; an empty line takes the one
        // before it) and its text, with the indented lines that continue it.
        let mut items: Vec<(usize, Vec<Line>)> = Vec::new();
        let mut k = i;
        while k < j {
            let t = self.text(lines[k]);
            let Some(rest) = t.strip_prefix('|') else {
                k += 1;
                continue;
            };
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            let empty = rest.trim_end().is_empty();
            let indent =
                if empty { items.last().map_or(0, |it| it.0) } else { spaces.saturating_sub(1) };
            let mut segs = vec![self.skip(lines[k], 1 + spaces)];
            let mut m = k + 1;
            while m < j && !self.text(lines[m]).starts_with('|') {
                segs.push(self.skip(lines[m], self.indent(lines[m])));
                m += 1;
            }
            items.push((indent, segs));
            k = m;
        }
        self.nest_lines(block, &items);
        if j < lines.len() && !self.blank(lines[j]) {
            // docutils names the line after the block's first, whichever line ends it.
            let span = self.span_of(&lines[i + 1..i + 2]);
            let msg = "Line block ends without a blank line.";
            self.system_message(parent, span, Severity::Warning, msg, None);
        }
        j
    }

    /// docutils' `nest_line_block_segment`: in each run of lines, those indented more than
    /// the least go in a nested line block. An explicit stack of runs, in document order;
    /// past [`MAX_BLOCK_DEPTH`] runs nest no further.
    fn nest_lines(&mut self, block: NodeId, items: &[(usize, Vec<Line>)]) {
        struct Run {
            parent: NodeId,
            end: usize,
            pos: usize,
            least: usize,
        }
        let least = |r: std::ops::Range<usize>| items[r].iter().map(|it| it.0).min().unwrap_or(0);
        let mut runs =
            vec![Run { parent: block, end: items.len(), pos: 0, least: least(0..items.len()) }];
        loop {
            let depth = runs.len() as u32;
            let Some(run) = runs.last_mut() else { break };
            if run.pos >= run.end {
                runs.pop();
                continue;
            }
            let (indent, segs) = &items[run.pos];
            if *indent > run.least && depth < MAX_BLOCK_DEPTH {
                let (from, least_here) = (run.pos, run.least);
                let mut to = from;
                while to < run.end && items[to].0 > least_here {
                    to += 1;
                }
                run.pos = to;
                let parent = run.parent;
                let span =
                    self.span_of(&[items[from].1[0], items[to - 1].1[items[to - 1].1.len() - 1]]);
                let nb = self.doc.push(parent, NodeKind::LineBlock, span);
                runs.push(Run { parent: nb, end: to, pos: from, least: least(from..to) });
                continue;
            }
            let deeper = *indent > run.least;
            run.pos += 1;
            let parent = run.parent;
            if deeper && !self.depth_warned {
                self.depth_warned = true;
                let msg = format!("Line blocks nest deeper than {MAX_BLOCK_DEPTH} levels; deeper lines are kept at that level.");
                self.diag(self.span_of(segs), Severity::Warning, msg);
            }
            let line = self.doc.push(parent, NodeKind::Line, self.span_of(segs));
            if !self.blank(segs[0]) || segs.len() > 1 {
                self.inline(segs, line);
            }
        }
    }

    fn definition_list(&mut self, lines: &[Line], i: usize, parent: NodeId, depth: u32) -> usize {
        let list = self.doc.push(parent, NodeKind::DefinitionList, Span::default());
        let mut j = i;
        loop {
            let end = self.indented_end(lines, j + 1);
            let item = self.doc.push(list, NodeKind::DefinitionItem, self.span_of(&lines[j..end]));
            let term_line = lines[j];
            let t = self.text(term_line);
            // Classifiers: " : " separated (not inside backquotes: kept simple).
            let mut parts: Vec<Line> = Vec::new();
            let mut at = 0usize;
            let bytes = t.as_bytes();
            let mut k = 0;
            let mut in_lit = false;
            while k + 2 < bytes.len() {
                if bytes[k] == b'`' {
                    in_lit = !in_lit;
                    // An inline literal's ``: one opening or closing.
                    if bytes[k + 1] == b'`' {
                        k += 1;
                    }
                }
                if !in_lit && bytes.get(k..k + 3) == Some(b" : ") {
                    // docutils' delimiter is ` +: +`: spaces before it are not the part's.
                    let part_end = at + t[at..k].trim_end().len();
                    parts.push(Line {
                        start: term_line.start + at as u32,
                        end: term_line.start + part_end as u32,
                    });
                    at = k + 3;
                    k += 3;
                    continue;
                }
                k += 1;
            }
            parts.push(Line {
                start: term_line.start + at as u32,
                end: term_line.start + t.trim_end().len() as u32,
            });
            let term = self.doc.push(
                item,
                NodeKind::Term,
                Span { start: parts[0].start, end: parts[0].end },
            );
            self.inline(&parts[..1], term);
            for p in &parts[1..] {
                let p = self.skip(*p, self.indent(*p));
                let c =
                    self.doc.push(item, NodeKind::Classifier, Span { start: p.start, end: p.end });
                self.inline(&[p], c);
            }
            let body = self.dedent(&lines[j + 1..end]);
            let d = self.doc.push(item, NodeKind::Definition, self.span_of(&body));
            if t.trim_end().ends_with("::") {
                let msg = "Blank line missing before literal block (after the \"::\")? Interpreted as a definition list item.";
                let m = self.note(self.span_of(&lines[j + 1..j + 2]), msg);
                self.doc.append(d, m);
            }
            self.parse_blocks(&body, d, depth + 1, false);
            j = end;
            let mut n = j;
            while n < lines.len() && self.blank(lines[n]) {
                n += 1;
            }
            if n + 1 < lines.len()
                && self.indent(lines[n]) == 0
                && !self.blank(lines[n + 1])
                && self.indent(lines[n + 1]) > 0
                && !starts_body_construct(self.text(lines[n]))
            {
                j = n;
                continue;
            }
            break;
        }
        let sp = self.span_of(&lines[i..j]);
        self.doc.node_mut(list).span = sp;
        self.check_unindent(lines, j, parent, "Definition list");
        j
    }

    fn paragraph(&mut self, lines: &[Line], i: usize, parent: NodeId) -> usize {
        let mut j = i;
        while j < lines.len() && !self.blank(lines[j]) && self.indent(lines[j]) == 0 {
            j += 1;
        }
        // Copied only when the last line must change (a trailing `::` or blanks).
        let mut segs: std::borrow::Cow<'_, [Line]> = std::borrow::Cow::Borrowed(&lines[i..j]);
        let last = segs[segs.len() - 1];
        let lt = self.text(last).trim_end();
        // `::` announces a literal block unless an odd number of backslashes escapes it.
        let escaped = lt.strip_suffix("::").is_some_and(|before| {
            before.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
        });
        let mut literal = false;
        if lt.ends_with("::") && !escaped {
            literal = true;
            let keep = if lt == "::" {
                0
            } else if lt.ends_with(" ::") {
                lt.len() - 3
            } else {
                lt.len() - 1
            };
            let segs = segs.to_mut();
            let n = segs.len() - 1;
            segs[n] = Line { start: last.start, end: last.start + keep as u32 };
            if keep == 0 {
                segs.pop();
            }
        }
        let had_text = !(segs.is_empty() || segs.len() == 1 && self.blank(segs[0]));
        if had_text {
            let n = segs.len() - 1;
            let end = segs[n].start + self.text(segs[n]).trim_end().len() as u32;
            if segs[n].end != end {
                segs.to_mut()[n].end = end;
            }
            let p = self.doc.push(parent, NodeKind::Paragraph, self.span_of(&segs));
            self.inline(&segs, p);
        }
        // Indented text right after the paragraph, without a blank line, is an error even
        // when the paragraph announced a literal block.
        if j < lines.len() && !self.blank(lines[j]) && self.indent(lines[j]) > 0 {
            let sp = self.span_of(&lines[j..j + 1]);
            self.system_message(parent, sp, Severity::Error, "Unexpected indentation.", None);
        }
        if literal {
            let mut k = j;
            while k < lines.len() && self.blank(lines[k]) {
                k += 1;
            }
            if k < lines.len() && self.indent(lines[k]) > 0 {
                let end = self.indented_end(lines, k);
                let body = self.dedent(&lines[k..end]);
                let text = self.literal_text(&body);
                self.doc.push(
                    parent,
                    NodeKind::LiteralBlock(text.into()),
                    self.span_of(&lines[k..end]),
                );
                self.check_unindent(lines, end, parent, "Literal block");
                return end;
            }
            return self.quoted_literal(lines, k, parent);
        }
        j
    }

    /// The start of the first line after the one ending at `end` that is not blank (or
    /// the end of the text).
    fn after_blank_lines(&self, end: u32) -> u32 {
        let src = self.src.as_bytes();
        let mut pos = end as usize;
        while let Some(nl) = memchr::memchr(b'\n', &src[pos.min(src.len())..]) {
            let next = pos + nl + 1;
            let line_end = memchr::memchr(b'\n', &src[next..]).map_or(src.len(), |n| next + n);
            pos = next;
            if !src[next..line_end].iter().all(|b| b.is_ascii_whitespace()) || line_end == src.len()
            {
                break;
            }
        }
        pos as u32
    }

    /// The start of the line after the one ending at `end` (or the end of the text).
    fn line_after(&self, end: u32) -> u32 {
        let src = self.src.as_bytes();
        let from = (end as usize).min(src.len());
        memchr::memchr(b'\n', &src[from..]).map_or(src.len(), |n| from + n + 1) as u32
    }

    /// A literal block whose lines all start with the punctuation character the first
    /// starts with (docutils' QuotedLiteralBlock state), from `lines[k]` (blank lines before
    /// it were skipped). Returns where the body continues.
    fn quoted_literal(&mut self, lines: &[Line], k: usize, parent: NodeId) -> usize {
        let quote = lines.get(k).and_then(|l| self.text(*l).chars().next());
        let Some(quote) = quote.filter(|c| c.is_ascii_punctuation()) else {
            let message = "Literal block expected; none found.";
            let span = match lines.get(k) {
                Some(l) => self.span_of(&[*l]),
                // At the end of the block: docutils names the line after it, the blank
                // lines that close the block (part of a nested block's text) included,
                // but not past the end of the directive content it is in.
                None => {
                    let mut at = lines.last().map_or(0, |l| self.after_blank_lines(l.end));
                    if let Some(end) = self.content_end {
                        at = at.min(self.line_after(end));
                    }
                    Span { start: at, end: at }
                }
            };
            // docutils reads a text without a final newline as if it had one: what is left
            // of its last line past the block is blank, and the line after it is named.
            let rest = self.src.get(span.start as usize..).unwrap_or("");
            let unterminated = !self.src.ends_with('\n') && rest.trim().is_empty();
            let at = self.line_no(span.start) + u32::from(unterminated);
            self.doc.push(
                parent,
                NodeKind::SystemMessage {
                    level: 2,
                    line: at,
                    id: "".into(),
                    message: message.into(),
                },
                span,
            );
            self.diag_on_line(span, at, Severity::Warning, message);
            return k;
        };
        let mut e = k;
        while e < lines.len() && self.text(lines[e]).starts_with(quote) {
            e += 1;
        }
        let text = self.literal_text(&lines[k..e]);
        self.doc.push(parent, NodeKind::LiteralBlock(text.into()), self.span_of(&lines[k..e]));
        if let Some(&next) = lines.get(e).filter(|l| !self.blank(**l)) {
            let message = if self.indent(next) > 0 {
                "Unexpected indentation."
            } else {
                "Inconsistent literal block quoting."
            };
            self.system_message(parent, self.span_of(&[next]), Severity::Error, message, None);
        }
        e
    }

    /// An explicit markup block; when text follows it without a blank line (and is not more
    /// explicit markup, which continues docutils' list of them) a warning follows it.
    fn explicit(&mut self, lines: &[Line], i: usize, parent: NodeId, depth: u32) -> usize {
        let empty_comment = self.text(lines[i]).trim_end() == ".."
            && (i + 1 == lines.len() || self.blank(lines[i + 1]));
        let mut end = if empty_comment { i + 1 } else { self.indented_end(lines, i + 1) };
        // A hyperlink target ends at its first blank line (docutils reads it `until_blank`):
        // indented text after that is a block quote.
        let first = self.text(lines[i]);
        if first.starts_with(".. _") || first.starts_with("__ ") || first.trim_end() == "__" {
            if let Some(k) = (i + 1..end).find(|&k| self.blank(lines[k])) {
                end = k;
            }
        }
        let next = self.explicit_construct(lines, i, end, parent, depth);
        let next_is_markup = lines.get(end).is_some_and(|l| {
            let t = self.text(*l).trim_end();
            t == ".." || t.starts_with(".. ") || t.starts_with("__ ") || t == "__"
        });
        if !next_is_markup {
            self.check_unindent(lines, end, parent, "Explicit markup");
        }
        next
    }

    fn explicit_construct(
        &mut self,
        lines: &[Line],
        i: usize,
        end: usize,
        parent: NodeId,
        depth: u32,
    ) -> usize {
        let span = self.span_of(&lines[i..end]);
        let t = self.text(lines[i]);
        if t.starts_with("__") {
            let (uri, indirect) = self.target_reference(&lines[i..end], 2);
            let data =
                TargetData { name: "".into(), uri: Some(uri.into()), anonymous: true, indirect };
            self.doc.push(parent, NodeKind::Target(Box::new(data)), span);
            return end;
        }
        let rest = t.get(3..).unwrap_or("");
        // Footnotes and citations.
        if rest.starts_with('[') {
            if let Some(close) = rest.find(']') {
                let label = &rest[1..close];
                // A label that is neither a footnote's nor a reference name makes a comment.
                let valid = label == "#"
                    || label == "*"
                    || label.strip_prefix('#').is_some_and(is_simplename)
                    || (!label.is_empty() && label.chars().all(|c| c.is_ascii_digit()))
                    || is_simplename(label);
                if valid && (rest.len() == close + 1 || rest[close + 1..].starts_with(' ')) {
                    let (body, next) = self.item_body(lines, i, 3 + close + 1);
                    let data = NoteData {
                        label: label.into(),
                        shown: "".into(),
                        id: "".into(),
                        links: Vec::new(),
                    };
                    let is_footnote = label == "#"
                        || label == "*"
                        || label.strip_prefix('#').is_some_and(is_simplename)
                        || label.chars().all(|c| c.is_ascii_digit());
                    let kind = if is_footnote {
                        NodeKind::Footnote(Box::new(data))
                    } else {
                        NodeKind::Citation(Box::new(data))
                    };
                    let n = self.doc.push(parent, kind, span);
                    self.parse_blocks(&body, n, depth + 1, false);
                    if body.iter().all(|l| self.blank(*l)) {
                        // docutils names the line after the label's.
                        let what = if is_footnote { "Footnote" } else { "Citation" };
                        let message = format!("{what} content expected.");
                        let line = self.line_no(lines[i].start) + 1;
                        let at = match lines.get(i + 1) {
                            Some(l) => self.span_of(&[*l]),
                            None => Span { start: lines[i].end, end: lines[i].end },
                        };
                        self.doc.push(
                            n,
                            NodeKind::SystemMessage {
                                level: 2,
                                line,
                                id: "".into(),
                                message: message.as_str().into(),
                            },
                            at,
                        );
                        self.diag(at, Severity::Warning, message);
                    }
                    return next;
                }
            }
        }
        // Hyperlink targets: `.. _` and no space. The name may run over several lines of
        // the block (up to its first blank line): docutils joins them, indentation kept,
        // one more each time, until its target pattern matches; none is a malformed target.
        if rest.strip_prefix('_').is_some_and(|r| !r.is_empty() && !r.starts_with(' ')) {
            let block_end = (i + 1..end).find(|&k| self.blank(lines[k])).unwrap_or(end);
            let mut joined: Vec<char> = escape_marked(&rest[1..]);
            let mut scanned = 0;
            let mut k = i;
            let mut found = None;
            loop {
                if let Some(m) = match_target_name(&joined, scanned) {
                    found = Some(m);
                    break;
                }
                k += 1;
                if k >= block_end {
                    break;
                }
                // A match needs a colon after the name, so positions before the last two
                // cannot start matching once more text follows: rescanning them is skipped.
                scanned = joined.len().saturating_sub(2);
                joined.extend(escape_marked(self.text(lines[k])));
            }
            let Some(m) = found else {
                let at = self.span_of(&lines[i..block_end]);
                let line = self.line_no(lines[block_end - 1].start);
                self.comment(lines, i, end, parent, span);
                let message = "malformed hyperlink target.";
                let sm = NodeKind::SystemMessage {
                    level: 2,
                    line,
                    id: "".into(),
                    message: message.into(),
                };
                self.doc.push(parent, sm, at);
                self.diag(at, Severity::Warning, message);
                return end;
            };
            // Where the match ends in line `k` (counted from its end: escapes kept one
            // character each, so the joined text ends as the line does).
            let tail = joined.len() - m.end;
            let line_text = self.text(lines[k]);
            let after_in_line = line_text.chars().count().saturating_sub(tail);
            let after: usize = line_text.chars().take(after_in_line).map(char::len_utf8).sum();
            let (name, anonymous) = match m.name {
                None => (String::new(), true),
                Some((a, b)) => {
                    let raw: String =
                        joined[a..b].iter().map(|&c| if c == '\0' { '\\' } else { c }).collect();
                    (crate::inline::normalize_name(&unescape_name(&raw)), false)
                }
            };
            let (mut uri, indirect) = self.target_reference(&lines[k..end], after);
            // A named target's URI that is an e-mail address links to it (docutils'
            // `adjust_uri`).
            if !anonymous && !indirect && crate::uri::is_email(&uri) {
                uri.insert_str(0, "mailto:");
            }
            let uri = if uri.is_empty() { None } else { Some(uri.into()) };
            let data = TargetData { name: name.into(), uri, anonymous, indirect };
            self.doc.push(parent, NodeKind::Target(Box::new(data)), span);
            return end;
        }
        // Substitution definitions: `.. |` and no space. The name may run over the block's
        // lines (docutils joins them with one space); the directive follows the closing `|`
        // on its line or starts the next one.
        if rest.strip_prefix('|').is_some_and(|r| !r.is_empty() && !r.starts_with(' ')) {
            // A name that never closes is "malformed substitution definition." in docutils,
            // with a comment made from the lines after the block it consumed (a quirk not
            // followed yet): here it stays a comment of its own lines.
            if let Some((k, name, after_pipe)) = self.substitution_name(lines, i, end) {
                let rest_of_line = self.text(lines[k]).get(after_pipe..).unwrap_or("");
                if rest_of_line.trim().is_empty()
                    && lines[k + 1..end].iter().all(|l| self.blank(*l))
                {
                    // docutils drops the definition and warns, showing its lines.
                    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    let message = format!("Substitution definition \"{name}\" missing contents.");
                    // Its text, as docutils' block text, ends with the blank lines after it.
                    let mut text = self.literal_text(&lines[i..=k]);
                    let blanks = lines[k + 1..].iter().take_while(|l| self.blank(**l)).count();
                    text.push_str(&"\n".repeat(blanks));
                    let at = self.span_of(&lines[i..=k]);
                    self.system_message(parent, at, Severity::Warning, &message, Some(&text));
                    return end;
                }
                let (dl, from) = if rest_of_line.trim().is_empty() && k + 1 < end {
                    (k + 1, 0)
                } else {
                    (k, after_pipe)
                };
                let line = self.skip(lines[dl], from);
                let line = self.skip(line, self.indent(line));
                let lt = self.text(line);
                if let Some(dp) = lt.find("::") {
                    let dname = lt[..dp].trim().to_lowercase();
                    let dname = self.directive_name(&dname).to_string();
                    let normalized = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !self.substitution_names.insert(normalized.clone()) {
                        let msg =
                            format!("Duplicate substitution definition name: \"{normalized}\".");
                        self.system_message(parent, span, Severity::Error, &msg, None);
                    }
                    let d = self.doc.push(
                        parent,
                        NodeKind::SubstitutionDefinition(name.as_str().into()),
                        span,
                    );
                    let dir_start = (line.start - lines[dl].start) as usize + dp + 2;
                    crate::directive::run(self, &dname, lines, dl, end, dir_start, d, depth, true);
                    crate::directive::finish_substitution(self, parent, d, &name, &lines[i..]);
                    return end;
                }
                // A name and no directive after it.
                crate::directive::invalid_substitution(self, parent, &name, &lines[i..]);
                return end;
            }
        }
        // Directives.
        if let Some(dp) = rest.find("::") {
            let name = &rest[..dp];
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == ':' || c == '.')
                && !name.ends_with(':')
            {
                let dname = name.to_lowercase();
                let dname = self.directive_name(&dname).to_string();
                crate::directive::run(
                    self,
                    &dname,
                    lines,
                    i,
                    end,
                    3 + dp + 2,
                    parent,
                    depth,
                    false,
                );
                return end;
            }
        }
        self.comment(lines, i, end, parent, span);
        end
    }

    /// The explicit markup block `lines[i..end]` as a comment.
    fn comment(&mut self, lines: &[Line], i: usize, end: usize, parent: NodeId, span: Span) {
        let t = self.text(lines[i]);
        // The text starts after `..` and all the spaces that follow it.
        let marker = 2 + t.bytes().skip(2).take_while(|&b| b == b' ').count();
        let mut text_lines = vec![self.skip(lines[i], marker.min(t.len()))];
        text_lines.extend(self.dedent(&lines[i + 1..end]));
        let text = self.literal_text(&text_lines);
        self.doc.push(parent, NodeKind::Comment(text.into()), span);
    }

    /// The name of the substitution definition at `lines[i..end]`: the line its closing
    /// `|` is on, the name (lines joined by one space) and the byte after the `|` in that
    /// line. docutils' rule: the name starts with no space and its `|` follows neither a
    /// space nor an escape, and is followed by a space or the line's end.
    fn substitution_name(
        &self,
        lines: &[Line],
        i: usize,
        end: usize,
    ) -> Option<(usize, String, usize)> {
        let mut name = String::new();
        for (k, &l) in lines.iter().enumerate().take(end).skip(i) {
            let raw = self.text(l);
            if k > i && raw.trim().is_empty() {
                return None;
            }
            // Line `i` starts after `.. |`; the others after their indentation, and a
            // continuation line's first character follows the joining space.
            let from = if k == i { 4 } else { raw.len() - raw.trim_start().len() };
            let b = raw.as_bytes();
            let mut q = from;
            let mut escaped = false;
            while q < b.len() {
                let c = b[q];
                if escaped {
                    escaped = false;
                } else if c == b'\\' {
                    escaped = true;
                } else if c == b'|'
                    && q > from
                    && b[q - 1] != b' '
                    && (q + 1 == b.len() || b[q + 1] == b' ')
                {
                    if k > i {
                        name.push(' ');
                    }
                    name.push_str(&raw[from..q]);
                    return Some((k, name, q + 1));
                }
                q += 1;
            }
            if k > i {
                name.push(' ');
            }
            name.push_str(raw[from..].trim_end());
        }
        None
    }

    /// What a hyperlink target's block points at, as docutils' `parse_target` reads it:
    /// `(name, true)` when it is a reference (`name_` or `` `a phrase`_ ``, the block's lines
    /// joined by spaces), else `(uri, false)`: escapes removed, unescaped whitespace dropped
    /// and escaped whitespace (a backslash before a space or line end) kept as one space.
    fn target_reference(&self, lines: &[Line], first_skip: usize) -> (String, bool) {
        let texts: Vec<&str> = std::iter::once(self.skip(lines[0], first_skip))
            .chain(lines[1..].iter().copied())
            .map(|l| self.text(l).trim())
            .collect();
        if texts.last().is_some_and(|t| t.ends_with('_')) {
            let joined = texts.join(" ");
            if let Some(name) = crate::inline::reference_name(&joined) {
                return (name, true);
            }
        }
        let mut uri = String::new();
        let mut chars = texts.join(" ").chars().collect::<Vec<_>>().into_iter().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(n) if n.is_whitespace() => uri.push(' '),
                    Some(n) => uri.push(n),
                    None => {}
                },
                c if c.is_whitespace() => {}
                c => uri.push(c),
            }
        }
        (uri, false)
    }

    /// Splits a directive block into (arguments line(s), options, content) lines.
    pub(crate) fn directive_parts(
        &self,
        lines: &[Line],
        i: usize,
        end: usize,
        after: usize,
    ) -> (String, Vec<(String, String)>, Vec<Line>, usize) {
        let first = self.skip(lines[i], after);
        let mut args = self.text(first).trim().to_string();
        let body = self.dedent(&lines[i + 1..end]);
        let mut k = 0;
        let mut options = Vec::new();
        // Argument continuation lines (before options or a blank line).
        while k < body.len() && !self.blank(body[k]) && field_marker(self.text(body[k])).is_none() {
            if !args.is_empty() {
                args.push(' ');
            }
            args.push_str(self.text(body[k]).trim());
            k += 1;
        }
        while k < body.len() && !self.blank(body[k]) {
            let t = self.text(body[k]);
            if let Some((name_end, marker)) = field_marker(t) {
                let name = t[1..name_end].to_string();
                let mut v = t.get(marker..).unwrap_or("").trim().to_string();
                k += 1;
                while k < body.len() && !self.blank(body[k]) && self.indent(body[k]) > 0 {
                    v.push(' ');
                    v.push_str(self.text(body[k]).trim());
                    k += 1;
                }
                options.push((name, v));
            } else {
                break;
            }
        }
        while k < body.len() && self.blank(body[k]) {
            k += 1;
        }
        let content = self.dedent(&body[k..]);
        (args, options, content, i + 1 + k)
    }

    pub(crate) fn dedent_lines(&self, lines: &[Line]) -> Vec<Line> {
        self.dedent(lines)
    }

    pub(crate) fn literal_of(&self, lines: &[Line]) -> String {
        self.literal_text(lines)
    }

    pub(crate) fn text_of(&self, l: Line) -> &'s str {
        self.text(l)
    }

    pub(crate) fn span_lines(&self, lines: &[Line]) -> Span {
        self.span_of(lines)
    }

    pub(crate) fn quote(&mut self, body: &[Line], parent: NodeId, depth: u32, class: Option<&str>) {
        self.block_quote(body, parent, depth, class)
    }

    pub(crate) fn image_data(uri: &str, options: &[(String, String)]) -> ImageData {
        let mut d = ImageData { uri: crate::option_value::uri(uri).into(), ..ImageData::default() };
        for (k, v) in options {
            match k.as_str() {
                "alt" => d.alt = Some(v.as_str().into()),
                // A URI target as docutils' `uri` reads it; a reference (`name_`) as written.
                "target" if v.ends_with('_') && !v.ends_with("\\_") => {
                    d.target = Some(v.as_str().into())
                }
                "target" => d.target = Some(crate::option_value::uri(v).into()),
                _ => d.options.push((k.as_str().into(), v.as_str().into())),
            }
        }
        d
    }
}

/// One option of an option list's group, as docutils' `parse_option_marker` cuts it.
pub(crate) struct OptionPart {
    pub(crate) name: String,
    /// `=`, ` ` or `""` (`-ovalue`) and the argument.
    pub(crate) argument: Option<(&'static str, String)>,
}

/// The options of group `text`: split at `, ` except inside `<...>`; `--opt=value`,
/// `-ovalue`, `-o value` and `-o <several words>` forms.
pub(crate) fn option_parts(text: &str) -> Vec<OptionPart> {
    let text = text.trim_end();
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut search = 0;
    while let Some(k) = text[search..].find(", ").map(|k| search + k) {
        let rest = &text[k + 2..];
        let inside = rest.find(['<', '>']).is_some_and(|p| rest.as_bytes()[p] == b'>');
        if !inside {
            pieces.push(&text[from..k]);
            from = k + 2;
        }
        search = k + 2;
    }
    pieces.push(&text[from..]);
    pieces
        .into_iter()
        .map(|piece| {
            let mut tokens: Vec<String> = piece.split_whitespace().map(String::from).collect();
            if tokens.is_empty() {
                return OptionPart { name: String::new(), argument: None };
            }
            let mut delimiter = " ";
            let first = tokens[0].clone();
            if let Some((name, value)) = first.split_once('=') {
                tokens.splice(0..1, [name.to_string(), value.to_string()]);
                delimiter = "=";
            } else if first.len() > 2
                && ((first.starts_with('-') && !first.starts_with("--")) || first.starts_with('+'))
                && first.is_char_boundary(2)
            {
                tokens.splice(0..1, [first[..2].to_string(), first[2..].to_string()]);
                delimiter = "";
            }
            if tokens.len() > 2
                && tokens[1].starts_with('<')
                && tokens.last().is_some_and(|t| t.ends_with('>'))
            {
                let joined = tokens[1..].join(" ");
                tokens.truncate(1);
                tokens.push(joined);
            }
            let argument = tokens.get(1).map(|a| (delimiter, a.clone()));
            OptionPart { name: tokens[0].clone(), argument }
        })
        .collect()
}

/// docutils' `simplename`: runs of alphanumerics (any script, no `_`) joined by single
/// `-`, `.`, `_`, `+` or `:`.
pub(crate) fn is_simplename(s: &str) -> bool {
    let mut after_alnum = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            after_alnum = true;
        } else if matches!(c, '-' | '.' | '_' | '+' | ':') && after_alnum {
            after_alnum = false;
        } else {
            return false;
        }
    }
    after_alnum
}

fn unescape_name(s: &str) -> String {
    let mut out = String::new();
    let mut esc = false;
    for c in s.chars() {
        if esc {
            out.push(c);
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` with each escaping backslash replaced by NUL, as docutils' `escape2null` marks
/// them (`\\:` is an escaped colon; the next character is kept).
fn escape_marked(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push('\0');
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A hyperlink target's name matched at the start of the text after `.. _`.
struct TargetMatch {
    /// The name's characters (`None` for the anonymous `__:`).
    name: Option<(usize, usize)>,
    /// Where the match ends: after the colon and the spaces that follow it.
    end: usize,
}

/// docutils' target pattern on `e` (escapes marked by NUL): `_` (anonymous) or a name,
/// optionally in backquotes, starting with neither a space nor a backquote, ending in
/// neither a space nor an escape nor an unescaped colon, then an optional space, `:` and
/// spaces or the end. The shortest name wins; name ends before `from` are not tried.
fn match_target_name(e: &[char], from: usize) -> Option<TargetMatch> {
    let at = |k: usize| e.get(k).copied();
    // After the name (and its closing quote) at `p`: `[ ]?:([ ]+|$)`.
    let colon_after = |p: usize| -> Option<usize> {
        let j = if at(p) == Some(' ') { p + 1 } else { p };
        if at(j) != Some(':') {
            return None;
        }
        let mut end = j + 1;
        if end < e.len() && at(end) != Some(' ') {
            return None;
        }
        while at(end) == Some(' ') {
            end += 1;
        }
        Some(end)
    };
    let plain_end = |p: usize| p > 0 && !matches!(at(p - 1), Some(' ' | '\0'));
    let no_colon_end = |p: usize| at(p - 1) != Some(':') || (p >= 2 && at(p - 2) == Some('\0'));
    if at(0) == Some('_') {
        return colon_after(1).map(|end| TargetMatch { name: None, end });
    }
    let quoted = at(0) == Some('`');
    let start = usize::from(quoted);
    if matches!(at(start), None | Some(' ' | '`')) {
        return None;
    }
    for p in (start + 1).max(from)..=e.len() {
        if !plain_end(p) {
            continue;
        }
        let after = if quoted {
            if at(p) != Some('`') {
                continue;
            }
            p + 1
        } else {
            p
        };
        if !no_colon_end(after) || !plain_end(after) {
            continue;
        }
        if let Some(end) = colon_after(after) {
            return Some(TargetMatch { name: Some((start, p)), end });
        }
    }
    None
}

/// `:name: ` → (end of name, start of body).
pub(crate) fn field_marker(t: &str) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    if b.first() != Some(&b':') || b.len() < 3 || b[1] == b' ' || b[1] == b':' {
        return None;
    }
    // docutils: `:(?![: ])([^:\\]|\\.|:(?!([ `]|$)))*(?<! ):( +|$)`. A colon inside the
    // name may not be followed by a space, a backquote or the end; the closing one must be.
    let mut k = 1;
    while k < b.len() {
        match b[k] {
            b'\\' if k + 1 < b.len() => k += 2,
            b'\\' => return None,
            b':' if k + 1 == b.len() || b[k + 1] == b' ' => {
                return (b[k - 1] != b' ').then_some((k, k + 1));
            }
            b':' if b[k + 1] == b'`' => return None,
            _ => k += 1,
        }
    }
    None
}

/// The length of an attribution's dash and the spaces after it (docutils'
/// `(---?(?!-)|\u2014) *(?=[^ \n])`), when `t` starts with one.
fn attribution_dash(t: &str) -> Option<usize> {
    let dash = if t.starts_with("---") && !t[3..].starts_with('-') {
        3
    } else if t.starts_with("--") && !t[2..].starts_with('-') {
        2
    } else if t.starts_with('\u{2014}') {
        '\u{2014}'.len_utf8()
    } else {
        return None;
    };
    let spaces = t[dash..].bytes().take_while(|&b| b == b' ').count();
    (dash + spaces < t.trim_end().len()).then_some(dash + spaces)
}

/// Whether a line starts a construct other than a paragraph: what docutils' body states
/// try before plain text (a list item, field, option, doctest, line block, table, explicit
/// markup, anonymous target, or a line of one punctuation character). Only a plain-text
/// line can be the term of a next definition list item.
fn starts_body_construct(t: &str) -> bool {
    let t = t.trim_end();
    let bullet = t.chars().next().is_some_and(|c| matches!(c, '*' | '+' | '-' | '•' | '‣' | '⁃'))
        && t.chars().nth(1).is_none_or(|c| c == ' ');
    let line = t.chars().next().is_some_and(|c| c.is_ascii_punctuation())
        && t.chars().all(|c| t.starts_with(c));
    bullet
        || line
        || parse_enumerator(t).is_some()
        || field_marker(t).is_some()
        || option_marker(t).is_some()
        || t == ">>>"
        || t.starts_with(">>> ")
        || t == "|"
        || t.starts_with("| ")
        || crate::table::is_grid_table_top(t)
        || crate::table::is_simple_table_top(t)
        || t == ".."
        || t.starts_with(".. ")
        || t == "__"
        || t.starts_with("__ ")
}

/// An option list marker: (end of the options, start of the description). It follows
/// docutils' `option_marker` pattern: options (`-a`, `+a`, `-a ARG`, `-aARG`, `--name`,
/// `--name=ARG`, `/name ARG`, `ARG` a word starting with a letter or `<anything>`)
/// joined by `, `, then two or more spaces or the end of the line.
fn option_marker(t: &str) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    let mut pos = 0;
    loop {
        pos = option_end(b, pos)?;
        if b[pos..].starts_with(b", ") && option_end(b, pos + 2).is_some() {
            pos += 2;
            continue;
        }
        let spaces = b[pos..].iter().take_while(|&&c| c == b' ').count();
        let at_end = pos + spaces == b.len();
        return if spaces >= 2 || (at_end && spaces <= 1) {
            Some((pos, pos + spaces))
        } else {
            None
        };
    }
}

/// Where one option of an option list marker that starts at `pos` ends.
fn option_end(b: &[u8], pos: usize) -> Option<usize> {
    let name_char = |c: &u8| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-';
    let rest = b.get(pos..)?;
    let long = rest.starts_with(b"--") || rest.starts_with(b"/");
    if long {
        let at = pos + if rest[0] == b'/' { 1 } else { 2 };
        if !b.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        let end = at + 1 + b[at + 1..].iter().take_while(|c| name_char(c)).count();
        return Some(match b.get(end) {
            Some(b'=') => option_argument(b, end + 1)?,
            Some(b' ') => option_argument(b, end + 1).unwrap_or(end),
            _ => end,
        });
    }
    if !matches!(rest.first(), Some(b'-' | b'+'))
        || !rest.get(1).is_some_and(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    let end = pos + 2;
    Some(match b.get(end) {
        Some(b' ') => option_argument(b, end + 1).unwrap_or(end),
        Some(_) => option_argument(b, end).unwrap_or(end),
        None => end,
    })
}

/// The end of an option's argument at `pos`: a word starting with a letter, or `<...>`.
fn option_argument(b: &[u8], pos: usize) -> Option<usize> {
    match b.get(pos)? {
        b'<' => {
            let close = b[pos + 1..].iter().position(|&c| c == b'>' || c == b'<')?;
            (b[pos + 1 + close] == b'>' && close > 0).then_some(pos + close + 2)
        }
        c if c.is_ascii_alphabetic() => Some(
            pos + 1
                + b[pos + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_' || **c == b'-')
                    .count(),
        ),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum EnumFormat {
    Period,
    Paren,
    Parens,
}

struct Enumerator {
    /// The value if read as a roman numeral (`V` continues `IV`).
    roman: Option<u32>,
    /// The value if read as a letter (`i` continues `h`).
    letter: Option<u32>,
    /// Its letters are capitals: `C` continues neither `b)` nor `xcix)` (docutils matches
    /// a list's own sequence case by case).
    upper: bool,
    format: EnumFormat,
    style: Option<EnumStyle>,
    value: Option<u32>,
    width: usize,
}

fn ambiguous(a: Option<EnumStyle>, b: EnumStyle) -> bool {
    matches!(
        (a, b),
        (Some(EnumStyle::LowerRoman), EnumStyle::LowerAlpha)
            | (Some(EnumStyle::UpperRoman), EnumStyle::UpperAlpha)
    )
}

/// The enumerator for `value` in `style` without its punctuation (`3`, `c`, `iii`), or
/// `None` past the style's range.
fn enumerator_text(style: EnumStyle, value: u32) -> Option<String> {
    let letter = |base: u8| {
        (1..=26).contains(&value).then(|| char::from(base + (value - 1) as u8).to_string())
    };
    match style {
        EnumStyle::Arabic => Some(value.to_string()),
        EnumStyle::LowerAlpha => letter(b'a'),
        EnumStyle::UpperAlpha => letter(b'A'),
        EnumStyle::UpperRoman => to_roman(value),
        EnumStyle::LowerRoman => to_roman(value).map(|r| r.to_ascii_lowercase()),
    }
}

/// `value` in upper-case roman numerals, 1 to 4999 as docutils' roman module writes them.
fn to_roman(mut value: u32) -> Option<String> {
    if !(1..=4999).contains(&value) {
        return None;
    }
    const DIGITS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in DIGITS {
        while value >= n {
            out.push_str(s);
            value -= n;
        }
    }
    Some(out)
}

fn parse_enumerator(t: &str) -> Option<Enumerator> {
    // An enumerator is at most 9 characters before its `.` or `)`: look no further than
    // that (every line that may start a block is asked, most of them long prose).
    let near = |s: &str, stops: &[u8]| s.bytes().take(10).position(|b| stops.contains(&b));
    let (format, inner, width) = if let Some(r) = t.strip_prefix('(') {
        let p = near(r, b")")?;
        (EnumFormat::Parens, &r[..p], p + 2)
    } else {
        let p = near(t, b".)")?;
        let f = if t.as_bytes()[p] == b'.' { EnumFormat::Period } else { EnumFormat::Paren };
        (f, &t[..p], p + 1)
    };
    if inner.is_empty() || inner.len() > 9 {
        return None;
    }
    let rest = &t[width..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let (style, value) = if inner == "#" {
        (None, None)
    } else if inner.bytes().all(|c| c.is_ascii_digit()) {
        (Some(EnumStyle::Arabic), inner.parse().ok())
    } else if let Some(v) = roman(inner, false) {
        if inner.len() == 1 && !matches!(inner, "i" | "I") {
            let c = inner.as_bytes()[0];
            let st =
                if c.is_ascii_lowercase() { EnumStyle::LowerAlpha } else { EnumStyle::UpperAlpha };
            (Some(st), Some(u32::from(c.to_ascii_lowercase() - b'a') + 1))
        } else {
            let st = if inner.bytes().all(|c| c.is_ascii_lowercase()) {
                EnumStyle::LowerRoman
            } else {
                EnumStyle::UpperRoman
            };
            (Some(st), Some(v))
        }
    } else if inner.len() == 1 && inner.as_bytes()[0].is_ascii_alphabetic() {
        let c = inner.as_bytes()[0];
        let st = if c.is_ascii_lowercase() { EnumStyle::LowerAlpha } else { EnumStyle::UpperAlpha };
        (Some(st), Some(u32::from(c.to_ascii_lowercase() - b'a') + 1))
    } else {
        return None;
    };
    let width = width + rest.len() - rest.trim_start().len();
    let letter = (inner.len() == 1 && inner.as_bytes()[0].is_ascii_alphabetic())
        .then(|| u32::from(inner.as_bytes()[0].to_ascii_lowercase() - b'a') + 1);
    let upper = inner.bytes().any(|c| c.is_ascii_uppercase());
    Some(Enumerator { roman: roman(inner, false), letter, upper, format, style, value, width })
}

/// A roman numeral as docutils reads one: all upper or all lower case, well formed
/// (`MMXXIV`, not `MMXXIIII` or `mild`), below 5000.
fn roman(s: &str, _strict: bool) -> Option<u32> {
    let upper = s.bytes().all(|c| c.is_ascii_uppercase());
    let lower = s.bytes().all(|c| c.is_ascii_lowercase());
    if s.is_empty() || (!upper && !lower) {
        return None;
    }
    let chars = s.to_ascii_uppercase();
    let mut rest = chars.as_bytes();
    let thousands = rest.iter().take(4).take_while(|&&c| c == b'M').count();
    rest = &rest[thousands..];
    let mut total = 1000 * thousands as u32;
    // Each decimal place: nine, four, or an optional five and up to three ones.
    for (one, five, ten, unit) in
        [(b'C', b'D', b'M', 100), (b'X', b'L', b'C', 10), (b'I', b'V', b'X', 1)]
    {
        if rest.starts_with(&[one, ten]) {
            total += 9 * unit;
            rest = &rest[2..];
        } else if rest.starts_with(&[one, five]) {
            total += 4 * unit;
            rest = &rest[2..];
        } else {
            if rest.first() == Some(&five) {
                total += 5 * unit;
                rest = &rest[1..];
            }
            let ones = rest.iter().take(3).take_while(|&&c| c == one).count();
            total += ones as u32 * unit;
            rest = &rest[ones..];
        }
    }
    rest.is_empty().then_some(total)
}
