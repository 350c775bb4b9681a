//! A post's preview: title, HTML body and diagnostics with line and column.

use folio_pelican::date::Today;
use folio_pelican::metadata;
use folio_pelican::typogrify::{Typogrify, TypogrifyError, TypogrifyOptions};
use folio_rst::tree::Field;
use folio_rst::{html, Document, LineIndex};
use serde::Serialize;
use ts_rs::TS;

/// What the preview pane and `folio render --json` show for a post.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Preview {
    /// The document title as HTML, when the post has one.
    pub title: Option<String>,
    /// The body HTML, as Pelican's reader returns it.
    pub html: String,
    /// Problems found, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    /// Informational (docutils' level 1).
    Info,
    /// docutils' level 2: at Pelican's `halt_level` (2) Pelican leaves the post out;
    /// `folio check` says which messages reach the blog's `halt_level`.
    Warning,
    /// An error in the markup.
    Error,
    /// The post could not be processed.
    Severe,
}

/// A problem at a place in the post; lines and columns are 1-based, columns count
/// Unicode characters. The editor marks `start_line:column` to `end_line:end_column`;
/// `line` is where docutils reports it (what Pelican logs), which for a reference or
/// inline markup is the first line of its paragraph, not always the mark's line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Diagnostic {
    /// The line docutils' system message names.
    pub line: u32,
    /// The mark's first line.
    pub start_line: u32,
    /// The mark's first column.
    pub column: u32,
    /// Last line.
    pub end_line: u32,
    /// Column just past the end.
    pub end_column: u32,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
}

impl From<folio_rst::Severity> for Severity {
    fn from(s: folio_rst::Severity) -> Severity {
        match s {
            folio_rst::Severity::Info => Severity::Info,
            folio_rst::Severity::Warning => Severity::Warning,
            folio_rst::Severity::Error => Severity::Error,
            folio_rst::Severity::Severe => Severity::Severe,
        }
    }
}

/// A metadata value: text, or a list for `tags` and `authors`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MetaValue {
    /// A plain string (dates as ISO 8601, `summary` as HTML).
    Text(String),
    /// `tags` and `authors`.
    List(Vec<String>),
}

/// A post rendered the way Pelican's reader returns it, plus diagnostics.
#[derive(Clone, Debug)]
pub struct RenderedPost {
    /// The preview part: title, body and diagnostics.
    pub preview: Preview,
    /// The docinfo fields, names lowercased, values as plain text, in source order.
    pub metadata: Vec<(String, String)>,
    /// The metadata as Pelican's reader returns it (lists, ISO dates, summary HTML), with
    /// `title` last.
    pub pelican_metadata: Vec<(String, MetaValue)>,
}

/// What the blog's Pelican settings change in how a post renders. The default changes
/// nothing (Pelican's defaults: `TYPOGRIFY = False`).
#[derive(Clone, Debug, Default)]
pub struct PostSettings {
    /// `TYPOGRIFY` with its companions, when it is on.
    pub typogrify: Option<Typogrify>,
    /// Where `.. include::` reads files: the post's folder, and the folder includes may
    /// not leave. `None`: includes are an error, as a missing file is.
    pub includes: Option<IncludeFolder>,
    /// `FORMATTED_FIELDS`, lowercased: the fields rendered as markup. `None`: Pelican's
    /// default, `summary`.
    pub formatted_fields: Option<Vec<String>>,
    /// What docutils' settings (`DEFAULT_LANG`, `DOCUTILS_SETTINGS`) and the blog's
    /// plugins change in how the engine reads a post.
    pub reader: folio_rst::ReaderSettings,
}

/// The files a post's `.. include::` may read: paths relative to `dir` (the post's folder),
/// never absolute and never outside `root`.
#[derive(Clone, Debug)]
pub struct IncludeFolder {
    /// The including post's folder.
    pub dir: std::path::PathBuf,
    /// The folder the included files must stay in (the blog, or the post's folder).
    pub root: std::path::PathBuf,
}

/// Included files larger than this are refused: a post's include is a few kilobytes.
const MAX_INCLUDE_BYTES: u64 = 16 * 1024 * 1024;

impl folio_rst::IncludeFiles for IncludeFolder {
    fn read(&self, path: &str) -> Result<String, String> {
        let rel = std::path::Path::new(path);
        if rel.is_absolute() {
            return Err(format!("{path}: only paths relative to the post can be included"));
        }
        let file = self.dir.join(rel);
        let real = file.canonicalize().map_err(|e| format!("{path}: {e}"))?;
        let root = self.root.canonicalize().map_err(|e| format!("{}: {e}", self.root.display()))?;
        if !real.starts_with(&root) {
            return Err(format!("{path} is outside {}; Folio reads no file there", root.display()));
        }
        let size = std::fs::metadata(&real).map_err(|e| format!("{path}: {e}"))?.len();
        if size > MAX_INCLUDE_BYTES {
            return Err(format!("{path} is larger than {} MiB", MAX_INCLUDE_BYTES >> 20));
        }
        let bytes = std::fs::read(&real).map_err(|e| format!("{path}: {e}"))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl PostSettings {
    /// Whether Pelican renders the field `name` as markup rather than plain text.
    pub fn is_formatted(&self, name: &str) -> bool {
        match &self.formatted_fields {
            Some(fields) => fields.iter().any(|f| f.eq_ignore_ascii_case(name)),
            None => metadata::is_formatted(name),
        }
    }

    /// From every setting as the blog's Python evaluated them ([`crate::Blog::settings`]).
    pub fn from_settings(
        settings: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<PostSettings, TypogrifyError> {
        let typogrify = match TypogrifyOptions::from_settings(settings)? {
            Some(options) => Some(Typogrify::new(&options)?),
            None => None,
        };
        let formatted_fields = settings
            .get("FORMATTED_FIELDS")
            .and_then(|v| v.as_array())
            .map(|items| items.iter().filter_map(|i| i.as_str()).map(str::to_lowercase).collect());
        Ok(PostSettings {
            typogrify,
            includes: None,
            formatted_fields,
            reader: reader_settings(settings),
        })
    }
}

/// docutils' settings as Pelican's reader passes them: `language_code` from `DEFAULT_LANG`
/// when docutils has a reST localisation for it (else English, as Pelican warns), then
/// `DOCUTILS_SETTINGS` on top. Plugins are not in the settings: see
/// [`crate::Blog::post_settings`].
pub fn reader_settings(
    settings: &serde_json::Map<String, serde_json::Value>,
) -> folio_rst::ReaderSettings {
    let default_lang = settings.get("DEFAULT_LANG").and_then(|v| v.as_str());
    let mut language = default_lang.and_then(folio_rst::Language::find).unwrap_or_default();
    let docutils = settings.get("DOCUTILS_SETTINGS").and_then(|v| v.as_object());
    if let Some(code) = docutils.and_then(|d| d.get("language_code")).and_then(|v| v.as_str()) {
        // docutils falls back to English labels for a language it does not ship.
        language = folio_rst::Language::find(code).unwrap_or_default();
    }
    let code_block_defaults = settings
        .get("PYGMENTS_RST_OPTIONS")
        .and_then(|v| v.as_object())
        .map(|options| {
            options.iter().filter_map(|(k, v)| Some((k.clone(), option_text(v)?))).collect()
        })
        .unwrap_or_default();
    let mut docutils_settings = folio_rst::DocutilsSettings::PELICAN;
    if let Some(d) = docutils {
        let level = d.get("initial_header_level").and_then(|v| match v {
            serde_json::Value::String(s) => s.trim().parse::<u32>().ok(),
            v => v.as_u64().and_then(|n| u32::try_from(n).ok()),
        });
        if let Some(level) = level {
            docutils_settings.initial_header_level = level;
        }
        let flag = |name: &str, value: &mut bool| {
            if let Some(v) = d.get(name) {
                *value = truthy(v);
            }
        };
        flag("strip_comments", &mut docutils_settings.strip_comments);
        flag("raw_enabled", &mut docutils_settings.raw_enabled);
        flag("file_insertion_enabled", &mut docutils_settings.file_insertion_enabled);
        flag("footnote_backlinks", &mut docutils_settings.footnote_backlinks);
        if let Some(v) = d.get("halt_level") {
            docutils_settings.halt_level = halt_level(v);
        }
        if let Some(limit) = d.get("line_length_limit").and_then(serde_json::Value::as_u64) {
            docutils_settings.line_length_limit = usize::try_from(limit).unwrap_or(usize::MAX);
        }
        // docutils links for `entry` and `top` only: any other value (`none`, False) is none.
        docutils_settings.toc_backlinks = match d.get("toc_backlinks") {
            None => folio_rst::TocBacklinks::Entry,
            Some(v) => match v.as_str() {
                Some("entry") => folio_rst::TocBacklinks::Entry,
                Some("top") => folio_rst::TocBacklinks::Top,
                _ if !truthy(v) => folio_rst::TocBacklinks::Off,
                _ => folio_rst::TocBacklinks::None,
            },
        };
    }
    folio_rst::ReaderSettings {
        language,
        code_block_defaults,
        docutils: docutils_settings,
        ..Default::default()
    }
}

/// docutils' `halt_level` as Pelican passes it, unvalidated: a number is compared with
/// each message's level (`True` is 1, `False` 0); anything else (`"error"`, `None`) makes
/// the comparison itself raise on the first message of any level, so every message stops
/// the post, as level 0 does.
fn halt_level(value: &serde_json::Value) -> u8 {
    use serde_json::Value;
    match value {
        Value::Bool(b) => u8::from(*b),
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(n), _) => u8::try_from(n).unwrap_or(u8::MAX),
            (None, Some(f)) if f > 0.0 => f.ceil().min(255.0) as u8,
            _ => 0,
        },
        _ => 0,
    }
}

/// Whether Python takes `value` as true, as docutils reads its settings.
fn truthy(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

/// A `PYGMENTS_RST_OPTIONS` value as the directive's option text: Python's `True` and
/// `False` as Pygments reads them, a list of line numbers space-separated. `None` has no
/// text and is left out.
fn option_text(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Null => None,
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            Some(items.iter().filter_map(option_text).collect::<Vec<_>>().join(" "))
        }
        Value::Object(_) => Some(value.to_string()),
    }
}

/// Renders reST `text` for the preview. Never fails; reads only the clock.
pub fn render_preview(text: &str) -> Preview {
    render_post(text).preview
}

/// Renders reST `text` with its metadata. Never fails; touches nothing but the clock
/// (today fills the fields a `date` leaves out, as in Pelican).
pub fn render_post(text: &str) -> RenderedPost {
    render_post_with(text, false, &PostSettings::default()).0
}

/// Renders reST `text` with its metadata as a blog with `settings` publishes it.
pub fn render_post_in(text: &str, settings: &PostSettings) -> RenderedPost {
    render_post_with(text, false, settings).0
}

/// Renders reST `text` for the editor's preview: block elements carry their source line
/// (`data-line`), and the body comes with where each block is in it.
pub(crate) fn render_for_editor(
    text: &str,
    settings: &PostSettings,
) -> (RenderedPost, Vec<html::Block>) {
    render_post_with(text, true, settings)
}

fn render_post_with(
    text: &str,
    source_lines: bool,
    settings: &PostSettings,
) -> (RenderedPost, Vec<html::Block>) {
    render_post_on(text, source_lines, settings, today_from_clock())
}

/// Today's date, which Pelican uses for the fields a `date` leaves out. Taken in UTC:
/// Pelican uses the local date, which differs only near midnight.
pub(crate) fn today_from_clock() -> Today {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    // A clock set past year 9999 falls back to the epoch rather than failing a preview.
    Today::from_days_since_unix_epoch(days).unwrap_or(Today::UNIX_EPOCH)
}

fn render_post_on(
    text: &str,
    source_lines: bool,
    settings: &PostSettings,
    today: Today,
) -> (RenderedPost, Vec<html::Block>) {
    let files = settings.includes.as_ref().map(|f| f as &dyn folio_rst::IncludeFiles);
    let (doc, mut diags) = folio_rst::parse_in(text, &settings.reader, files);
    let mut pelican = Vec::new();
    let mut metadata = Vec::new();
    let mut title_field = None;
    for f in &doc.docinfo {
        let (name, plain) = plain_field(&doc, f);
        metadata.push((name.clone(), plain.clone()));
        let value = match name.as_str() {
            n if settings.is_formatted(n) => MetaValue::Text(html::render_field_body(&doc, f.body)),
            // Pelican drops a list field with no items.
            "tags" => match metadata::split_list(&plain) {
                items if items.is_empty() => continue,
                items => MetaValue::List(items),
            },
            "authors" => match authors_of(&doc, f.body, &plain) {
                items if items.is_empty() => continue,
                items => MetaValue::List(items),
            },
            // An unknown status is not the reader's concern (docutils and Pelican's reader
            // take any): `folio check` reports the post Pelican would then skip.
            "status" if !plain.is_empty() => MetaValue::Text(plain),
            "date" | "modified" => {
                // Pelican's reader turns `_` into spaces for `date` only.
                let raw = if name == "date" { plain.replace('_', " ") } else { plain.clone() };
                match folio_pelican::date::get_date(&raw, today) {
                    Ok(date) => MetaValue::Text(date.to_string()),
                    Err(e) => {
                        diags.push(folio_rst::Diagnostic {
                            span: f.span,
                            severity: folio_rst::Severity::Error,
                            message: e.to_string(),
                            line: 0,
                        });
                        continue;
                    }
                }
            }
            "category" | "author" | "slug" | "status" if plain.is_empty() => continue,
            "title" => {
                title_field = Some(plain.clone());
                continue;
            }
            _ => MetaValue::Text(plain),
        };
        pelican.push((name, value));
    }
    let index = LineIndex::new(text);
    let diagnostics = diags
        .into_iter()
        .map(|d| {
            let start = index.line_col(text, d.span.start);
            let end = index.line_col(text, d.span.end);
            Diagnostic {
                line: if d.line == 0 { start.line + 1 } else { d.line },
                start_line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
                severity: d.severity.into(),
                message: d.message,
            }
        })
        .collect();
    let mut title = title_of(&doc, title_field);
    let options = html::RenderOptions { source_lines: source_lines.then_some(&index) };
    let mut body = html::render_with(&doc, &options);
    if let Some(typogrify) = &settings.typogrify {
        // Pelican's reader runs typogrify over the content, the title and the summary.
        title = title.map(|t| typogrify.apply(&t));
        for (name, value) in &mut pelican {
            if let ("summary", MetaValue::Text(summary)) = (name.as_str(), &mut *value) {
                *summary = typogrify.apply(summary);
            }
        }
        (body.html, body.blocks) = typogrify_blocks(typogrify, &body.html, &body.blocks);
    }
    pelican.push(("title".into(), MetaValue::Text(title.clone().unwrap_or_default())));
    let post = RenderedPost {
        preview: Preview { title, html: body.html, diagnostics },
        metadata,
        pelican_metadata: pelican,
    };
    (post, body.blocks)
}

/// Typogrify over a body piece by piece (each block, each section's own tags and title,
/// what lies between), so the live preview can still patch block by block. Typogrify
/// carries state across tags (an unclosed `<pre>` in raw HTML, the character before a lone
/// quote), so the pieces are checked against typogrify over the whole body; where they
/// differ, the whole body is one block.
fn typogrify_blocks(
    typogrify: &Typogrify,
    html: &str,
    blocks: &[html::Block],
) -> (String, Vec<html::Block>) {
    fn walk(
        typogrify: &Typogrify,
        html: &str,
        blocks: &[html::Block],
        at: &mut usize,
        out: &mut String,
    ) -> Vec<html::Block> {
        let mut result = Vec::with_capacity(blocks.len());
        for b in blocks {
            out.push_str(&typogrify.apply(&html[*at..b.start]));
            let start = out.len();
            *at = b.start;
            let children = walk(typogrify, html, &b.children, at, out);
            out.push_str(&typogrify.apply(&html[*at..b.end]));
            *at = b.end;
            result.push(html::Block { start, end: out.len(), children });
        }
        result
    }
    let mut pieces = String::with_capacity(html.len() + html.len() / 8);
    let mut at = 0;
    let new_blocks = walk(typogrify, html, blocks, &mut at, &mut pieces);
    pieces.push_str(&typogrify.apply(&html[at..]));
    let whole = typogrify.apply(html);
    if pieces == whole {
        (pieces, new_blocks)
    } else {
        let block = html::Block { start: 0, end: whole.len(), children: Vec::new() };
        (whole, vec![block])
    }
}

/// A docinfo field as the metadata lists it: the name lowercased, the value as plain text.
pub(crate) fn plain_field(doc: &Document, field: &Field) -> (String, String) {
    let name = field.name.to_lowercase();
    let plain = folio_rst::inlines_to_text(doc, field.body).trim().to_string();
    (name, plain)
}

/// The title Pelican gives a post: its `title` field's text, else the document title as HTML.
pub(crate) fn title_of(doc: &Document, title_field: Option<String>) -> Option<String> {
    match title_field {
        Some(t) => Some(t),
        None => doc.title.map(|t| html::inlines_to_html(doc, t)),
    }
}

/// Renders a post from raw bytes: invalid UTF-8 is replaced by U+FFFD and reported as a
/// warning at the first bad byte.
pub fn render_post_bytes(bytes: &[u8]) -> RenderedPost {
    render_post_bytes_in(bytes, &PostSettings::default())
}

/// [`render_post_bytes`] as a blog with `settings` publishes the post.
pub fn render_post_bytes_in(bytes: &[u8], settings: &PostSettings) -> RenderedPost {
    let text = String::from_utf8_lossy(bytes);
    let mut post = render_post_in(&text, settings);
    if let Err(e) = std::str::from_utf8(bytes) {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() as u32 + 1;
        post.preview.diagnostics.insert(
            0,
            Diagnostic {
                line,
                start_line: line,
                column,
                end_line: line,
                end_column: column + 1,
                severity: Severity::Warning,
                message: "The file is not valid UTF-8; invalid bytes are shown as \u{fffd}.".into(),
            },
        );
    }
    post
}

/// The names in an `authors` field as docutils reads them: one per bullet item, one per
/// paragraph, or a single paragraph split on `;` else `,`.
fn authors_of(doc: &Document, body: folio_rst::NodeId, plain: &str) -> Vec<String> {
    use folio_rst::NodeKind;
    let kids: Vec<folio_rst::NodeId> = doc.children(body).collect();
    let texts = |ids: &mut dyn Iterator<Item = folio_rst::NodeId>| -> Vec<String> {
        ids.map(|k| folio_rst::inlines_to_text(doc, k).trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    match kids.as_slice() {
        [list] if matches!(doc.kind(*list), NodeKind::BulletList) => {
            texts(&mut doc.children(*list))
        }
        [_, _, ..] if kids.iter().all(|k| matches!(doc.kind(*k), NodeKind::Paragraph)) => {
            texts(&mut kids.iter().copied())
        }
        _ => metadata::split_list(plain),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_fields_are_the_ones_the_blog_names() {
        // What Pelican 4.12's RstReader returns for this post with FORMATTED_FIELDS set to
        // ['subtitle'] (run with the oracle's Pelican).
        let text = "T\n#\n\n:subtitle: A *sub* title\n:summary: plain *s*\n\nx\n";
        let settings = serde_json::json!({"FORMATTED_FIELDS": ["Subtitle"]});
        let settings = PostSettings::from_settings(settings.as_object().unwrap()).unwrap();
        let rendered = render_post_in(text, &settings);
        let field = |name: &str| {
            rendered.pelican_metadata.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
        };
        assert_eq!(
            field("subtitle"),
            Some(MetaValue::Text("<p class=\"first last\">A <em>sub</em> title</p>\n".into()))
        );
        assert_eq!(field("summary"), Some(MetaValue::Text("plain s".into())));
    }

    fn typogrify_on() -> PostSettings {
        let settings = serde_json::json!({"TYPOGRIFY": true, "TYPOGRIFY_DASHES": "oldschool"});
        PostSettings::from_settings(settings.as_object().unwrap()).unwrap()
    }

    const TYPOGRIFIED: &str = "\"Quoted\" NASA title\n#####################\n\n\
        :summary: It's \"short\" -- really\n\nIt's a \"post\" -- with A & B and U.S.A. words...\n\n\
        Section 'one'\n=============\n\n- \"item\" one\n- 'item' two\n\n::\n\n    \"literal\" -- NASA\n\n\
        Text with ``\"code\" --`` and *\"emphasis\"* here.\n\nSub\n---\n\n\"Deep\" text, the '80s.\n";

    #[test]
    fn typogrify_on_each_block_gives_typogrify_on_the_whole_body() {
        let settings = typogrify_on();
        let typogrify = settings.typogrify.clone().unwrap();
        let (plain, plain_blocks) = render_for_editor(TYPOGRIFIED, &PostSettings::default());
        let (post, blocks) = render_for_editor(TYPOGRIFIED, &settings);
        let whole = typogrify.apply(&plain.preview.html);
        assert_ne!(whole, plain.preview.html, "typogrify changes this post");
        assert_eq!(post.preview.html, whole);
        // The blocks were patched piece by piece, not given up for one block.
        assert_eq!(blocks.len(), plain_blocks.len());
        fn covered(html: &str, blocks: &[html::Block]) -> String {
            blocks.iter().map(|b| &html[b.start..b.end]).collect()
        }
        assert_eq!(covered(&post.preview.html, &blocks), post.preview.html);
        let section = blocks.iter().find(|b| !b.children.is_empty()).unwrap();
        let inner = covered(&post.preview.html, &section.children);
        assert!(post.preview.html[section.start..section.end].contains(&inner));
        assert!(post.preview.html.contains("&#8220;</span>Deep&#8221;"), "{}", post.preview.html);
        assert!(!post.preview.html.contains("&#8220;literal&#8221;"));
        assert_eq!(
            post.preview.title.as_deref(),
            Some(typogrify.apply(plain.preview.title.as_deref().unwrap()).as_str())
        );
        let summary = post.pelican_metadata.iter().find(|(n, _)| n == "summary").unwrap();
        assert!(matches!(&summary.1, MetaValue::Text(s) if s.contains("&#8211;")), "{summary:?}");
    }

    #[test]
    fn typogrify_state_carried_across_blocks_makes_the_body_one_block() {
        // An unclosed <pre> in raw HTML keeps smartypants off until the end of the body.
        let text = "Title\n=====\n\n.. raw:: html\n\n   <pre>\n\nA \"quote\" after it.\n";
        let settings = typogrify_on();
        let (plain, _) = render_for_editor(text, &PostSettings::default());
        let (post, blocks) = render_for_editor(text, &settings);
        let whole = settings.typogrify.unwrap().apply(&plain.preview.html);
        assert_eq!(post.preview.html, whole);
        assert!(whole.contains("&quot;quote&quot;"), "{whole}");
        assert_eq!(blocks, vec![html::Block { start: 0, end: whole.len(), children: vec![] }]);
    }

    #[test]
    fn without_typogrify_settings_a_post_renders_as_before() {
        assert_eq!(
            render_post_in(TYPOGRIFIED, &PostSettings::default()).preview.html,
            render_post(TYPOGRIFIED).preview.html
        );
    }

    #[test]
    fn diagnostics_carry_one_based_lines_and_columns() {
        let preview = render_preview("Title\n=====\n\nSome *open text\n");
        assert_eq!(preview.title.as_deref(), Some("Title"));
        let d = &preview.diagnostics[0];
        assert_eq!((d.line, d.column, d.end_line, d.end_column), (4, 6, 4, 7));
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn metadata_follows_pelicans_rules() {
        let post = render_post(
            "T\n=\n\n:date: 2019-07-01_08:15\n:tags: a; b, c; a\n:summary: *Hi*\n:slug:  s \n\nBody.\n",
        );
        let get = |k: &str| post.pelican_metadata.iter().find(|m| m.0 == k).map(|m| m.1.clone());
        assert_eq!(get("date"), Some(MetaValue::Text("2019-07-01T08:15:00".into())));
        assert_eq!(get("tags"), Some(MetaValue::List(vec!["a".into(), "b, c".into()])));
        assert_eq!(
            get("summary"),
            Some(MetaValue::Text("<p class=\"first last\"><em>Hi</em></p>\n".into()))
        );
        assert_eq!(get("slug"), Some(MetaValue::Text("s".into())));
        assert_eq!(get("title"), Some(MetaValue::Text("T".into())), "title comes last");
    }

    #[test]
    fn authors_come_one_per_bullet_item_or_paragraph_as_docutils_reads_them() {
        let authors = |text: &str| {
            let post = render_post(text);
            post.pelican_metadata.iter().find(|m| m.0 == "authors").map(|m| m.1.clone())
        };
        let list = |v: &[&str]| Some(MetaValue::List(v.iter().map(|s| s.to_string()).collect()));
        assert_eq!(
            authors("T\n=\n\n:authors: - Doe, Jane\n          - Roe, Rick\n\nBody.\n"),
            list(&["Doe, Jane", "Roe, Rick"]),
            "commas inside bullet items are part of the names"
        );
        assert_eq!(
            authors("T\n=\n\n:authors: Doe, Jane\n\n   Roe, Rick\n\nBody.\n"),
            list(&["Doe, Jane", "Roe, Rick"])
        );
        assert_eq!(authors("T\n=\n\n:authors: Ann, Bob\n\nBody.\n"), list(&["Ann", "Bob"]));
    }

    #[test]
    fn an_unparseable_date_is_an_error_on_its_line() {
        let post = render_post("T\n=\n\n:date: sometime last spring\n\nBody.\n");
        let d = &post.preview.diagnostics[0];
        assert_eq!((d.line, d.severity), (4, Severity::Error), "{d:?}");
    }

    #[test]
    fn invalid_utf8_is_a_warning_at_the_first_bad_byte() {
        let post = render_post_bytes(b"Hello\nab\xffcd\n");
        let d = &post.preview.diagnostics[0];
        assert_eq!((d.line, d.column, d.severity), (2, 3, Severity::Warning));
        assert!(post.preview.html.contains('\u{fffd}'));
    }

    #[test]
    fn dates_are_read_the_way_pelican_reads_them() {
        let today = Today::new(2025, 1, 31).unwrap_or_else(|| unreachable!("a real day"));
        let date = |field: &str| {
            let text = format!("T\n=\n\n{field}\n\nBody.\n");
            let (post, _) = render_post_on(&text, false, &PostSettings::default(), today);
            let found = post.pelican_metadata.iter().find(|m| m.0 == "date" || m.0 == "modified");
            (found.map(|m| m.1.clone()), post.preview.diagnostics)
        };
        let text = |s: &str| Some(MetaValue::Text(s.into()));
        assert_eq!(date(":date: 11/06/2011").0, text("2011-11-06T00:00:00"));
        assert_eq!(date(":date: Mon, 4 Jan 2021 10:00").0, text("2021-01-04T10:00:00"));
        assert_eq!(date(":date: 2015-05-06_10:00+02:00").0, text("2015-05-06T10:00:00+02:00"));
        assert_eq!(date(":date: Feb 2024").0, text("2024-02-29T00:00:00"), "today fills the day");
        let (value, diags) = date(":modified: 2015-05-06_10:00");
        assert_eq!(value, None, "only `date` turns `_` into a space");
        assert_eq!(diags[0].message, "'2015-05-06_10:00' is not a valid date");
        assert_eq!((diags[0].line, diags[0].severity), (4, Severity::Error));
    }

    #[test]
    fn any_status_reads_cleanly_as_in_pelicans_reader() {
        // Pelican's reader takes any status; `folio check` reports the post it then skips.
        let post = render_post("T\n=\n\n:date: 2020-01-01\n:status: wip\n\nBody.\n");
        assert!(post.preview.diagnostics.is_empty(), "{:?}", post.preview.diagnostics);
        let status = post.pelican_metadata.iter().find(|m| m.0 == "status").map(|m| m.1.clone());
        assert_eq!(status, Some(MetaValue::Text("wip".into())));
    }

    #[test]
    fn an_empty_tag_list_is_dropped_as_pelican_drops_it() {
        let post = render_post("T\n=\n\n:date: 2020-01-01\n:tags: ,\n\nBody.\n");
        assert!(post.pelican_metadata.iter().all(|m| m.0 != "tags"));
    }
}
