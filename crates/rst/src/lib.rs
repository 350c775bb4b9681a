//! Folio's reStructuredText engine.
//!
//! Owns turning reST text into a document tree whose nodes carry byte [`Span`]s into the
//! source, Pelican-shaped HTML, and diagnostics in plain words. It does no I/O, knows
//! nothing of blogs, files or git, and never panics on any input. What a blog's settings
//! change in reading a post comes in as [`ReaderSettings`]: the [`Language`] (labels,
//! bibliographic fields, directive and role names, generated from docutils), the
//! [`DocutilsSettings`] it honours, `PYGMENTS_RST_OPTIONS`, and the directive and role
//! names the blog's plugins register.
//!
//! The pipeline:
//! 1. [`block`] splits the text into lines (views into the source) and parses body
//!    elements; sections nest by the order adornment styles are first seen.
//! 2. [`inline`] parses the inline markup of each text block over its real source range.
//! 3. [`resolve`] promotes a lone top-level section to the title and a leading field list
//!    to the docinfo, applies substitutions, links references to targets, numbers
//!    footnotes and assigns ids (docutils' transforms).
//! 4. [`html`] writes the body the way Pelican's reader returns it; for an editor's
//!    preview it can also put each block's source line on its element ([`source_lines`]).
//!
//! [`parse_with`] can stop after step 2 ([`Stage::Parsed`]); [`pseudo_xml`] prints that tree
//! exactly as docutils' parser alone prints its own, for docutils' test suite.
//!
//! The tree is flat ([`tree::Document`], nodes addressed by [`tree::NodeId`]); every node has
//! a [`Span`]. Limits that keep the work linear are named constants
//! ([`block::MAX_BLOCK_DEPTH`], [`inline::MAX_UNCLOSED_MARKERS`],
//! [`resolve::MAX_INDIRECT_HOPS`], [`resolve::MAX_SUBSTITUTED_NODES`],
//! [`table::MAX_TABLE_WIDTH`], [`table::MAX_TABLE_CELLS`]); hitting one yields a
//! diagnostic.

pub mod block;
mod char_width;
mod csv;
mod directive;
mod highlight;
pub mod html;
mod id_fold;
mod include;
pub mod inline;
mod language;
mod language_tables;
mod line_index;
pub mod math;
mod math_tables;
mod node_text;
mod option_value;
pub mod prose;
pub mod pseudo_xml;
mod punctuation;
pub mod resolve;
pub mod source_lines;
mod span;
mod standard_includes;
pub mod table;
pub mod tree;
mod uri;

pub use language::Language;
pub use line_index::{LineCol, LineIndex};
pub use span::Span;
pub use tree::{Document, NodeId, NodeKind};

/// Inputs longer than this are not parsed: spans are `u32`.
pub const MAX_INPUT: usize = u32::MAX as usize;

/// How serious a diagnostic is, in docutils' levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informational (level 1); Pelican publishes anyway.
    Info,
    /// Level 2: at Pelican's `halt_level` (2), docutils stops at a warning or worse and
    /// Pelican leaves the post out of the site.
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

    /// docutils' number for the level: 1 (info) to 4 (severe).
    pub fn level(self) -> u8 {
        match self {
            Severity::Info => 1,
            Severity::Warning => 2,
            Severity::Error => 3,
            Severity::Severe => 4,
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
    /// The line docutils' system message names (1-based), which Pelican logs: the span's
    /// first line, except for inline markup and references, which docutils numbers with
    /// their text block (a paragraph's first line, a section title's underline). 0 where
    /// docutils names no line (a reference in a promoted subtitle).
    pub line: u32,
}

/// Parses reST `src` into a document and its diagnostics. Never fails and never panics.
pub fn parse(src: &str) -> (Document, Vec<Diagnostic>) {
    parse_with(src, Stage::Resolved)
}

/// How far [`parse_with`] takes the text through the pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Steps 1 and 2 only: the tree docutils' parser makes, before its transforms
    /// (references unresolved, substitutions not applied, no title promoted, no ids, none
    /// of step 3's diagnostics). [`pseudo_xml::write`] prints it as docutils' parser tests
    /// expect.
    Parsed,
    /// The whole pipeline, as [`parse`] runs it.
    Resolved,
}

/// Parses reST `src` up to `stage`. Never fails and never panics.
pub fn parse_with(src: &str, stage: Stage) -> (Document, Vec<Diagnostic>) {
    parse_full(src, stage, None, &ReaderSettings::DEFAULT)
}

/// What a blog's settings change in how a post is read: docutils' settings as Pelican
/// passes them, and what the blog's plugins register. The default is Pelican's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReaderSettings {
    /// docutils' `language_code` (Pelican's `DEFAULT_LANG`, or `DOCUTILS_SETTINGS`).
    pub language: Language,
    /// Directive names the blog's plugins register with docutils (lowercase). Such a
    /// directive is shown as a labelled box holding its content, since only the plugin
    /// knows what it draws; it is no error.
    pub plugin_directives: Vec<String>,
    /// Role names the blog's plugins register (lowercase): their text is shown as
    /// literal text, no error.
    pub plugin_roles: Vec<String>,
    /// Pelican's `PYGMENTS_RST_OPTIONS`: options every `code-block` takes unless it gives
    /// its own (`linenos`, `hl_lines`, `cssclass`, …), values as text.
    pub code_block_defaults: Vec<(String, String)>,
    /// The docutils settings of `DOCUTILS_SETTINGS` the engine honours.
    pub docutils: DocutilsSettings,
}

/// docutils' settings that change how a post is read or written, with the values Pelican
/// gives them (the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocutilsSettings {
    /// `initial_header_level`: the HTML heading level of the top sections (Pelican: 2).
    pub initial_header_level: u32,
    /// `strip_comments`: comments are left out of the HTML.
    pub strip_comments: bool,
    /// `raw_enabled`: without it `.. raw::` is a warning, "directive disabled".
    pub raw_enabled: bool,
    /// `file_insertion_enabled`: without it `.. include::` and a `raw` with `:file:` or
    /// `:url:` are warnings, "directive disabled".
    pub file_insertion_enabled: bool,
    /// `toc_backlinks`: where a heading links back to when `.. contents::` does not say.
    pub toc_backlinks: TocBacklinks,
    /// `footnote_backlinks`: a footnote's label links back to its reference.
    pub footnote_backlinks: bool,
    /// `halt_level`: docutils stops at the first message of this level or higher (1 info
    /// to 4 severe, 5 never; Pelican: 2), and Pelican leaves the post out of the site. The
    /// engine still reads the whole post; the caller decides what a message at this level
    /// means.
    pub halt_level: u8,
    /// `line_length_limit`: a line longer than this (in characters, tabs expanded) makes
    /// docutils read nothing of the document but an error.
    pub line_length_limit: usize,
}

/// docutils' `toc_backlinks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TocBacklinks {
    /// To the heading's entry in the contents (Pelican's).
    Entry,
    /// To the contents.
    Top,
    /// No link (`none`, or any other value but `entry` and `top`).
    None,
    /// A false value (Python's `False`): no links, and the contents' title does not link
    /// to the top either.
    Off,
}

impl TocBacklinks {
    /// The value as docutils writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            TocBacklinks::Entry => "entry",
            TocBacklinks::Top => "top",
            TocBacklinks::None | TocBacklinks::Off => "none",
        }
    }
}

impl DocutilsSettings {
    /// Pelican's values.
    pub const PELICAN: DocutilsSettings = DocutilsSettings {
        initial_header_level: 2,
        strip_comments: false,
        raw_enabled: true,
        file_insertion_enabled: true,
        toc_backlinks: TocBacklinks::Entry,
        footnote_backlinks: true,
        halt_level: 2,
        line_length_limit: 10_000,
    };
}

impl Default for DocutilsSettings {
    fn default() -> DocutilsSettings {
        DocutilsSettings::PELICAN
    }
}

impl ReaderSettings {
    /// Pelican's defaults: English, no plugins.
    pub const DEFAULT: ReaderSettings = ReaderSettings {
        language: Language::ENGLISH,
        plugin_directives: Vec::new(),
        plugin_roles: Vec::new(),
        code_block_defaults: Vec::new(),
        docutils: DocutilsSettings::PELICAN,
    };
}

impl ReaderSettings {
    /// The directive names a post may write (for completion): the language's and English's
    /// that the engine runs (docutils' tables also name some that nothing implements),
    /// Pelican's `code-block` and `sourcecode`, and the blog's plugins'.
    pub fn directive_names(&self) -> Vec<String> {
        let runs = |name: &str| {
            let src = format!(".. {name}:: x\n\n   x\n");
            !self.reports(&src, &["Unknown directive type"])
        };
        let mut all: Vec<String> = self
            .language
            .directive_names()
            .into_iter()
            .filter(|n| runs(n))
            .map(String::from)
            .collect();
        all.extend(["code-block", "sourcecode"].map(String::from));
        all.extend(self.plugin_directives.iter().cloned());
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The role names a post may write: the language's and English's that the engine runs,
    /// Pelican's `abbr` and the blog's plugins'.
    pub fn role_names(&self) -> Vec<String> {
        // docutils names some roles it does not implement (`index`): an error of its own.
        let runs = |name: &str| {
            let unimplemented = format!("Interpreted text role \"{name}\" not implemented");
            let src = format!(":{name}:`x`\n");
            !self.reports(&src, &["Unknown interpreted text role", &unimplemented])
        };
        let mut all: Vec<String> =
            self.language.role_names().into_iter().filter(|n| runs(n)).map(String::from).collect();
        all.push("abbr".to_string());
        all.extend(self.plugin_roles.iter().cloned());
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Whether reading `src` gives a diagnostic starting with one of `messages`: the
    /// engine's own word on which names it runs, so the lists above cannot drift from it.
    fn reports(&self, src: &str, messages: &[&str]) -> bool {
        let (_, diagnostics) = parse_full(src, Stage::Parsed, None, self);
        diagnostics.iter().any(|d| messages.iter().any(|m| d.message.starts_with(m)))
    }
}

/// Parses reST `src` as a blog with `settings` reads it, reading the files its
/// `.. include::` directives name through `files` when given. Never fails and never panics.
pub fn parse_in(
    src: &str,
    settings: &ReaderSettings,
    files: Option<&dyn IncludeFiles>,
) -> (Document, Vec<Diagnostic>) {
    parse_full(src, Stage::Resolved, files, settings)
}

/// Where `.. include::` finds the files it names: the engine reads none itself. The caller
/// decides what a path means (relative to the including post) and which files may be read.
pub trait IncludeFiles {
    /// The text of the file `path` (as the directive writes it), or why it cannot be read,
    /// in plain words.
    fn read(&self, path: &str) -> Result<String, String>;
}

/// Parses reST `src` as [`parse`] does, reading the files its `.. include::` directives name
/// through `files`. Never fails and never panics.
pub fn parse_including(src: &str, files: &dyn IncludeFiles) -> (Document, Vec<Diagnostic>) {
    parse_full(src, Stage::Resolved, Some(files), &ReaderSettings::DEFAULT)
}

fn parse_full(
    src: &str,
    stage: Stage,
    includes: Option<&dyn IncludeFiles>,
    settings: &ReaderSettings,
) -> (Document, Vec<Diagnostic>) {
    if src.len() > MAX_INPUT {
        let diag = Diagnostic {
            span: Span::default(),
            severity: Severity::Severe,
            message: "The document is larger than 4 GiB and was not read.".into(),
            line: 1,
        };
        return (Document::default(), vec![diag]);
    }
    // docutils reads form feeds and vertical tabs as spaces. Both are one byte, as a space
    // is, so every span still points at the same place in the caller's text.
    let spaced;
    let src = if src.contains(['\x0b', '\x0c']) {
        spaced = src.replace(['\x0b', '\x0c'], " ");
        spaced.as_str()
    } else {
        src
    };
    let lines = block::lines(src);
    let mut parser = block::BlockParser::new(src, settings);
    parser.includes = includes;
    let root = parser.doc.root();
    match too_long(src, &lines, settings.docutils.line_length_limit) {
        Some(i) => {
            // docutils reads nothing then; its message names no line (the diagnostic does).
            let message = format!("Line {} exceeds the line-length-limit.", i + 1);
            let l = lines[i];
            let span = Span { start: l.start, end: l.end };
            let kind = NodeKind::SystemMessage {
                level: 3,
                line: 0,
                id: "".into(),
                message: message.as_str().into(),
            };
            parser.doc.push(root, kind, span);
            parser.diag_on_line(span, i as u32 + 1, Severity::Error, message);
        }
        None => parser.parse_blocks(&lines, root, 0, true),
    }
    parser.place_classes();
    parser.add_late_classes();
    let end = src.len() as u32;
    parser.doc.node_mut(root).span = Span { start: 0, end };
    parser.doc.cover_children(root);
    if stage == Stage::Resolved {
        parser.doc.ids = resolve::run(&mut parser);
    }
    let doc = parser.doc;
    let mut diags = parser.diags;
    diags.sort_by_key(|d| d.span.start);
    (doc, diags)
}

/// The first line longer than `limit` characters once docutils expanded its tabs (to every
/// eighth column) and dropped its trailing whitespace.
fn too_long(src: &str, lines: &[block::Line], limit: usize) -> Option<usize> {
    // A character is at most eight columns: shorter lines need no count.
    let short = limit / 8;
    lines.iter().position(|l| {
        let text = &src[l.start as usize..l.end as usize];
        text.len() > short
            && text
                .trim_end()
                .chars()
                .fold(0, |col, c| if c == '\t' { (col / 8 + 1) * 8 } else { col + 1 })
                > limit
    })
}

/// Parses raw bytes: invalid UTF-8 is replaced (U+FFFD) with a warning where it first occurs.
pub fn parse_bytes(bytes: &[u8]) -> (String, Document, Vec<Diagnostic>) {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (doc, mut diags) = parse(&text);
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to() as u32;
        let diag = Diagnostic {
            span: Span { start: at, end: at },
            severity: Severity::Warning,
            message: "The file is not valid UTF-8; invalid bytes are shown as \u{fffd}.".into(),
            line: text[..at as usize].matches('\n').count() as u32 + 1,
        };
        diags.insert(0, diag);
    }
    (text, doc, diags)
}

/// The plain text of node `id` (markup removed), as docutils' `astext()`: what Pelican
/// takes as an unformatted metadata field's value.
pub fn inlines_to_text(doc: &Document, id: NodeId) -> String {
    node_text::astext(doc, id)
}

/// The title docutils gives an admonition directive, in the document's language.
pub(crate) fn directive_title(kind: &str, language: &Language) -> &'static str {
    // `kind` is the admonition's classes, its `:class:` ones first and its name last.
    match kind.rsplit(' ').next().unwrap_or(kind) {
        name @ ("attention" | "caution" | "danger" | "error" | "hint" | "important" | "note"
        | "tip" | "warning") => language.label(name),
        _ => "",
    }
}
