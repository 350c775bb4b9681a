//! Block structure: sections, paragraphs, lists, literal blocks, quotes, directives.
//!
//! Works on [`Line`]s that are views into the original text, so every span is a real
//! source range even inside indented blocks.

use crate::inline;
use crate::tree::{Block, BlockKind, Field, Inline};
use crate::{Diagnostic, Severity, Span};

/// Nested block quotes and list items deeper than this are kept as literal text.
/// Motivated by inputs such as thousands of lines each indented one more space, which
/// would otherwise recurse once per line.
pub(crate) const MAX_NESTING: usize = 32;

/// One source line with its indentation stripped to a given column.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Line<'a> {
    /// Byte offset in the source where `text` starts.
    pub(crate) start: usize,
    /// The line's text after the stripped indentation, without the line break.
    pub(crate) text: &'a str,
}

impl<'a> Line<'a> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The same line with `n` more leading bytes removed (at most its indentation).
    fn dedent(self, n: usize) -> Line<'a> {
        let n = n.min(self.indent());
        Line { start: self.start + n, text: &self.text[n..] }
    }
}

/// Splits `src` into lines, expanding nothing: tabs count as one column here.
pub(crate) fn lines(src: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in src.split_inclusive('\n') {
        let text = piece.trim_end_matches('\n').trim_end_matches('\r');
        out.push(Line { start, text });
        start += piece.len();
    }
    out
}

/// Characters docutils accepts for section adornments.
fn is_adornment(line: &str) -> Option<char> {
    let line = line.trim_end();
    let first = line.chars().next()?;
    let ok = first.is_ascii_punctuation() && line.len() >= 2 && line.chars().all(|c| c == first);
    ok.then_some(first)
}

/// A section adornment style: the character and whether it has an overline.
type Style = (char, bool);

pub(crate) struct BlockParser<'s> {
    src: &'s str,
    pub(crate) diags: Vec<Diagnostic>,
    /// Adornment styles in the order first seen; the index is the section level - 1.
    styles: Vec<Style>,
}

impl<'s> BlockParser<'s> {
    pub(crate) fn new(src: &'s str) -> Self {
        BlockParser { src, diags: Vec::new(), styles: Vec::new() }
    }

    fn inlines(&mut self, span: Span) -> Vec<Inline> {
        inline::parse(self.src, span, &mut self.diags)
    }

    fn warn(&mut self, span: Span, message: String) {
        self.diags.push(Diagnostic { span, severity: Severity::Warning, message });
    }

    /// Parses the top level, turning sections into a tree by their adornment levels.
    pub(crate) fn parse_document(&mut self, lines: &[Line<'_>]) -> Vec<Block> {
        let flat = self.parse_blocks(lines, 0, true);
        nest_sections(flat)
    }

    /// Parses a run of lines at one indentation into blocks. Section headings only count
    /// at the top level (`sections`); they come out flat, with empty children.
    fn parse_blocks(&mut self, lines: &[Line<'_>], depth: usize, sections: bool) -> Vec<Block> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            if line.is_blank() {
                i += 1;
                continue;
            }
            if line.indent() > 0 {
                let end = indented_end(lines, i, 1);
                let block = &lines[i..end];
                let span = Span::new(block[0].start, block[end - i - 1].end());
                let kind = if depth >= MAX_NESTING {
                    self.warn(span, "Blocks are nested too deeply; shown as plain text.".into());
                    BlockKind::Literal(join_dedented(block))
                } else {
                    let strip = common_indent(block);
                    let inner: Vec<Line<'_>> = block.iter().map(|l| l.dedent(strip)).collect();
                    BlockKind::BlockQuote(self.parse_blocks(&inner, depth + 1, false))
                };
                out.push(Block { kind, span });
                i = end;
                continue;
            }
            if sections {
                if let Some((block, next)) = self.section_heading(lines, i) {
                    out.push(block);
                    i = next;
                    continue;
                }
            }
            if is_adornment(line.text).is_some() && line.text.trim_end().len() >= 4 {
                out.push(Block {
                    kind: BlockKind::Transition,
                    span: Span::new(line.start, line.end()),
                });
                i += 1;
                continue;
            }
            if line.text.starts_with("..")
                && (line.text.len() == 2 || line.text[2..].starts_with(' '))
            {
                i = self.explicit_markup(lines, i, &mut out);
                continue;
            }
            if is_field(line.text) {
                let (fields, end) = self.field_list(lines, i);
                let span = Span::new(line.start, lines[end - 1].end());
                out.push(Block { kind: BlockKind::FieldList(fields), span });
                i = end;
                continue;
            }
            if let Some(bullet) = bullet_marker(line.text) {
                i = self.bullet_list(lines, i, bullet, depth, &mut out);
                continue;
            }
            i = self.paragraph(lines, i, &mut out);
        }
        out
    }

    /// A heading: optional overline, title, underline of the same character.
    fn section_heading(&mut self, lines: &[Line<'_>], i: usize) -> Option<(Block, usize)> {
        let line = lines[i];
        let (title_at, style, next) = match is_adornment(line.text) {
            Some(c) if i + 2 < lines.len() && !lines[i + 1].is_blank() => {
                let under = is_adornment(lines[i + 2].text)?;
                (under == c).then_some((i + 1, (c, true), i + 3))?
            }
            Some(_) => return None,
            None => {
                let under = lines.get(i + 1)?;
                let c = is_adornment(under.text)?;
                let title_width = line.text.trim_end().chars().count();
                if under.text.trim_end().chars().count() < title_width {
                    self.warn(
                        Span::new(under.start, under.end()),
                        "The underline is shorter than the title above it.".into(),
                    );
                }
                (i, (c, false), i + 2)
            }
        };
        let title_line = lines[title_at];
        let trimmed = title_line.text.trim();
        let lead = title_line.text.len() - title_line.text.trim_start().len();
        let title_span =
            Span::new(title_line.start + lead, title_line.start + lead + trimmed.len());
        let level = match self.styles.iter().position(|s| *s == style) {
            Some(p) => p + 1,
            None => {
                self.styles.push(style);
                self.styles.len()
            }
        };
        let title = self.inlines(title_span);
        let id = make_id(trimmed);
        let span = Span::new(line.start, lines[next - 1].end());
        let kind = BlockKind::Section { level: level as u8, title, id, children: Vec::new() };
        Some((Block { kind, span }, next))
    }

    /// `.. directive:: args`, `.. comment`, and their indented bodies.
    fn explicit_markup(&mut self, lines: &[Line<'_>], i: usize, out: &mut Vec<Block>) -> usize {
        let line = lines[i];
        let end = indented_end(lines, i + 1, 1);
        let body: Vec<Line<'_>> = lines[i + 1..end].to_vec();
        let strip = common_indent(&body);
        let body: Vec<Line<'_>> = body.iter().map(|l| l.dedent(strip)).collect();
        let last = body.iter().rev().find(|l| !l.is_blank()).map_or(line.end(), |l| l.end());
        let span = Span::new(line.start, last);
        let head = line.text[2..].trim();
        let kind = match head.split_once("::") {
            Some((name, arg)) if !name.contains(' ') && !name.is_empty() => {
                self.directive(name.trim(), arg.trim(), &body, span)
            }
            _ => {
                let mut text = head.to_string();
                for l in &body {
                    text.push('\n');
                    text.push_str(l.text);
                }
                BlockKind::Comment(text.trim_end().to_string())
            }
        };
        out.push(Block { kind, span });
        end
    }

    fn directive(&mut self, name: &str, arg: &str, body: &[Line<'_>], span: Span) -> BlockKind {
        let options = body.iter().take_while(|l| l.text.starts_with(':'));
        let option = |key: &str| {
            options.clone().find_map(|l| {
                let rest = l.text.strip_prefix(':')?.strip_prefix(key)?.strip_prefix(':')?;
                Some(rest.trim().to_string())
            })
        };
        let content_from = body.iter().position(|l| !l.text.starts_with(':')).unwrap_or(body.len());
        let content = join_dedented(&body[content_from..]);
        match name {
            "raw" if arg == "html" => BlockKind::RawHtml(content),
            "image" => {
                BlockKind::Image { uri: arg.to_string(), alt: option("alt").unwrap_or_default() }
            }
            "code-block" | "code" | "sourcecode" => {
                BlockKind::Code { language: arg.to_string(), text: content }
            }
            _ => {
                self.diags.push(Diagnostic {
                    span,
                    severity: Severity::Info,
                    message: format!("The preview does not render the \"{name}\" directive yet."),
                });
                BlockKind::Unsupported { name: name.to_string() }
            }
        }
    }

    fn field_list(&mut self, lines: &[Line<'_>], mut i: usize) -> (Vec<Field>, usize) {
        let mut fields = Vec::new();
        while i < lines.len() && is_field(lines[i].text) {
            let line = lines[i];
            let close = line.text[1..].find(": ").map(|p| p + 1).unwrap_or(line.text.len() - 1);
            let name = line.text[1..close].to_string();
            let end = indented_end(lines, i + 1, 1);
            let last =
                lines[i..end].iter().rev().find(|l| !l.is_blank()).map_or(line.end(), |l| l.end());
            let body_start = (line.start + close + 1).min(last);
            let body_lead =
                self.src[body_start..last].len() - self.src[body_start..last].trim_start().len();
            let body = self.inlines(Span::new(body_start + body_lead, last));
            fields.push(Field { name, body, span: Span::new(line.start, last) });
            i = end;
        }
        (fields, i)
    }

    fn bullet_list(
        &mut self,
        lines: &[Line<'_>],
        mut i: usize,
        bullet: char,
        depth: usize,
        out: &mut Vec<Block>,
    ) -> usize {
        let start = lines[i].start;
        let mut items = Vec::new();
        let mut last_end = lines[i].end();
        while i < lines.len() && bullet_marker(lines[i].text) == Some(bullet) {
            let end = indented_end(lines, i + 1, 2);
            // The marker, then one space when the item has text on its first line.
            let skip = (bullet.len_utf8() + 1).min(lines[i].text.len());
            let first = Line { start: lines[i].start + skip, text: &lines[i].text[skip..] };
            let mut item: Vec<Line<'_>> = vec![first];
            item.extend(lines[i + 1..end].iter().map(|l| l.dedent(2)));
            last_end =
                lines[i..end].iter().rev().find(|l| !l.is_blank()).map_or(last_end, |l| l.end());
            items.push(if depth >= MAX_NESTING {
                vec![Block {
                    kind: BlockKind::Literal(join_dedented(&item)),
                    span: Span::new(first.start, last_end),
                }]
            } else {
                self.parse_blocks(&item, depth + 1, false)
            });
            i = end;
            while i < lines.len() && lines[i].is_blank() {
                i += 1;
            }
        }
        out.push(Block { kind: BlockKind::BulletList(items), span: Span::new(start, last_end) });
        i
    }

    fn paragraph(&mut self, lines: &[Line<'_>], i: usize, out: &mut Vec<Block>) -> usize {
        let mut end = i + 1;
        while end < lines.len() && !lines[end].is_blank() && lines[end].indent() == 0 {
            end += 1;
        }
        let last = lines[end - 1];
        let mut text_end = last.end();
        let literal_follows = last.text.trim_end().ends_with("::");
        if literal_follows {
            // "Paragraph::" keeps one colon; a lone "::" disappears.
            let trimmed = self.src[..text_end].trim_end().len();
            let keep = if self.src[..trimmed - 2].ends_with(char::is_whitespace) { 2 } else { 1 };
            text_end = trimmed - keep;
        }
        let span = Span::new(lines[i].start, text_end);
        if !self.src[span.range()].trim().is_empty() {
            let inlines = self.inlines(span);
            out.push(Block { kind: BlockKind::Paragraph(inlines), span });
        }
        if !literal_follows {
            return end;
        }
        let mut next = end;
        while next < lines.len() && lines[next].is_blank() {
            next += 1;
        }
        let body_end = indented_end(lines, next, 1);
        if body_end > next {
            let body = &lines[next..body_end];
            let span = Span::new(body[0].start, body[body.len() - 1].end());
            out.push(Block { kind: BlockKind::Literal(join_dedented(body)), span });
        }
        body_end.max(end)
    }
}

/// The index after the indented run starting at `i` (blank lines inside it included,
/// trailing blank lines excluded). Lines must be indented at least `min` columns.
fn indented_end(lines: &[Line<'_>], i: usize, min: usize) -> usize {
    let mut end = i;
    let mut j = i;
    while j < lines.len() {
        if lines[j].is_blank() {
            j += 1;
            continue;
        }
        if lines[j].indent() < min {
            break;
        }
        j += 1;
        end = j;
    }
    end
}

fn common_indent(lines: &[Line<'_>]) -> usize {
    lines.iter().filter(|l| !l.is_blank()).map(Line::indent).min().unwrap_or(0)
}

fn join_dedented(lines: &[Line<'_>]) -> String {
    let strip = common_indent(lines);
    let mut text: Vec<&str> = lines.iter().map(|l| l.dedent(strip).text).collect();
    while text.last().is_some_and(|l| l.trim().is_empty()) {
        text.pop();
    }
    text.join("\n")
}

fn is_field(text: &str) -> bool {
    text.starts_with(':')
        && text.len() > 2
        && text[1..].find(':').is_some_and(|p| {
            p > 0 && text[1 + p + 1..].chars().next().is_none_or(char::is_whitespace)
        })
}

fn bullet_marker(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let c = chars.next().filter(|c| "-*+•‣⁃".contains(*c))?;
    matches!(chars.next(), None | Some(' ')).then_some(c)
}

/// docutils' `make_id`, for the characters blog titles use: lowercase, runs of anything but
/// letters and digits become one hyphen, no leading or trailing hyphen.
pub(crate) fn make_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    let id = id.trim_start_matches(|c: char| !c.is_ascii_alphabetic()).to_string();
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

/// Turns the flat list of headings and blocks into nested sections. Uses an explicit stack.
fn nest_sections(flat: Vec<Block>) -> Vec<Block> {
    let mut stack: Vec<Block> = Vec::new();
    let mut top: Vec<Block> = Vec::new();
    fn close(stack: &mut Vec<Block>, top: &mut Vec<Block>) {
        if let Some(done) = stack.pop() {
            match stack.last_mut() {
                Some(Block { kind: BlockKind::Section { children, .. }, span }) => {
                    *span = span.cover(done.span);
                    children.push(done);
                }
                _ => top.push(done),
            }
        }
    }
    for block in flat {
        if let BlockKind::Section { level, .. } = block.kind {
            while matches!(stack.last(), Some(Block { kind: BlockKind::Section { level: l, .. }, .. }) if *l >= level)
            {
                close(&mut stack, &mut top);
            }
            stack.push(block);
        } else if let Some(Block { kind: BlockKind::Section { children, .. }, span }) =
            stack.last_mut()
        {
            *span = span.cover(block.span);
            children.push(block);
        } else {
            top.push(block);
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}
