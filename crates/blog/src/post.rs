//! Posts: what the post list shows of each, read from the file's header only.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One post in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostSummary {
    /// Path relative to the blog root, `/`-separated.
    pub path: String,
    /// The title from the post's metadata, or its file name when it has none.
    pub title: String,
    /// The `date` field as written, else the date the blog's settings give the post
    /// (`FILENAME_METADATA`, by default the date starting the file name
    /// `2012-11-29-name.md`; `PATH_METADATA`, `EXTRA_PATH_METADATA`, `DEFAULT_DATE`).
    pub date: Option<String>,
    /// The `status` lowercased, as Pelican reads it (`draft`, `published`, `hidden`,
    /// `skip`, or a value Pelican refuses), from the field or the settings
    /// (`DEFAULT_METADATA`, path metadata); `None` when neither sets one: published.
    pub status: Option<String>,
    /// The category Pelican gives the post: its field, else path metadata, the folder it is
    /// in (`USE_FOLDER_AS_CATEGORY`) or `DEFAULT_CATEGORY`.
    pub category: Option<String>,
    /// The slug Pelican gives the post: its field, path metadata, or made from its title
    /// (or file name, by `SLUGIFY_SOURCE`) with the blog's slug rules.
    pub slug: Option<String>,
    /// The `tags` field, split as Pelican splits it.
    pub tags: Vec<String>,
    /// An article (dated, in feeds) or a page (standalone), by the folder it is in.
    pub kind: PostKind,
    /// Whether Folio edits this kind of post (reST); Markdown and HTML posts are read-only.
    pub editable: bool,
}

/// Pelican's two kinds of content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum PostKind {
    /// A post in `ARTICLE_PATHS`.
    Article,
    /// A page in `PAGE_PATHS`.
    Page,
}

/// The kinds of post file Pelican reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PostFormat {
    Rst,
    Markdown,
    Html,
}

impl PostFormat {
    pub(crate) fn from_extension(ext: &str) -> Option<PostFormat> {
        match ext.to_ascii_lowercase().as_str() {
            "rst" => Some(PostFormat::Rst),
            "md" | "markdown" | "mkd" | "mdown" => Some(PostFormat::Markdown),
            "html" | "htm" => Some(PostFormat::Html),
            _ => None,
        }
    }
}

/// The metadata the list and the check need: title, date, status, category, tags, slug,
/// each as written in the post.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) tags: Vec<String>,
    /// The `slug` field, stripped, when it is not empty.
    pub(crate) slug: Option<String>,
}

impl Header {
    /// Reads the header of a post's text. Pure: the caller did the reading.
    pub(crate) fn parse(format: PostFormat, text: &str) -> Header {
        Header::parse_in(format, text, folio_rst::Language::ENGLISH)
    }

    /// [`Header::parse`] for a blog written in `language`: a reST post's field names are
    /// that language's (a German `:Datum:` is the date).
    pub(crate) fn parse_in(
        format: PostFormat,
        text: &str,
        language: folio_rst::Language,
    ) -> Header {
        match format {
            PostFormat::Rst => rst_header(text, language),
            PostFormat::Markdown => markdown_header(text),
            PostFormat::Html => html_header(text),
        }
    }
}

/// The part of a reST post that holds its title and field list: everything up to the first
/// blank line after the fields (or a bounded number of lines), so long posts are not parsed
/// whole just to be listed.
pub(crate) fn rst_head(text: &str) -> &str {
    const MAX_HEADER_LINES: usize = 80;
    let mut seen_field = false;
    let mut end = text.len();
    for (n, (offset, line)) in line_offsets(text).enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with(':') {
            seen_field = true;
        } else if seen_field && trimmed.is_empty() {
            if !field_list_goes_on(&text[offset..]) {
                end = offset;
                break;
            }
        } else if seen_field && !line.starts_with(char::is_whitespace) {
            // An unindented line that is not a field ends it.
            end = offset;
            break;
        }
        if n >= MAX_HEADER_LINES {
            end = offset;
            break;
        }
    }
    &text[..end]
}

/// Whether a field list goes on past a blank line, `after` being the text from that line:
/// another field (or an indented part of the last one) follows it. Fields apart by blank
/// lines are one list in reST.
pub(crate) fn field_list_goes_on(after: &str) -> bool {
    let next = after.lines().find(|l| !l.trim().is_empty());
    next.is_some_and(|l| l.starts_with(':') || l.starts_with(char::is_whitespace))
}

fn line_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}

fn rst_header(text: &str, language: folio_rst::Language) -> Header {
    let settings = folio_rst::ReaderSettings { language, ..Default::default() };
    let (doc, _) = folio_rst::parse_in(rst_head(text), &settings, None);
    let mut header = Header {
        title: doc.title.map(|t| folio_rst::inlines_to_text(&doc, t)),
        ..Header::default()
    };
    for field in &doc.docinfo {
        let value = folio_rst::inlines_to_text(&doc, field.body).trim().to_string();
        match field.name.to_ascii_lowercase().as_str() {
            "title" => header.title = Some(value),
            "date" => header.date = Some(value),
            "status" => header.status = Some(value),
            "category" => header.category = Some(value).filter(|v| !v.is_empty()),
            "tags" => header.tags = folio_pelican::metadata::split_list(&value),
            "slug" => header.slug = Some(value).filter(|v| !v.is_empty()),
            _ => {}
        }
    }
    header
}

/// A Markdown post's metadata as Pelican's `MarkdownReader` has it: Python-Markdown's
/// `meta` extension reads the lines (see [`markdown_meta`]), then Pelican keeps the first
/// value of `tags`, `date`, `status` and `category`, and drops an empty `status`, `slug` or
/// `category`. (`summary` is Markdown Pelican renders; the list does not show it.)
fn markdown_header(text: &str) -> Header {
    let mut header = Header::default();
    for (key, values) in markdown_meta(text).fields {
        let first = values.first().cloned().unwrap_or_default();
        match key.as_str() {
            // Pelican keeps a title written over several lines as a list; one line reads better.
            "title" => header.title = Some(values.join(" ")),
            "date" => header.date = Some(first),
            "status" => header.status = Some(first).filter(|v| !v.is_empty()),
            "category" => header.category = Some(first).filter(|v| !v.is_empty()),
            "tags" => header.tags = folio_pelican::metadata::split_list(&first),
            "slug" => header.slug = Some(first).filter(|v| !v.is_empty()),
            _ => {}
        }
    }
    header
}

/// The `Key: value` lines at the top of a Markdown post, in order, keys lowercased, each
/// with its values (a continuation line indented four spaces adds one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MarkdownMeta {
    pub(crate) fields: Vec<(String, Vec<String>)>,
    /// Where the body starts: the first line the metadata did not take (a blank line or a
    /// closing `---`/`...` included in the metadata).
    pub(crate) body_start: usize,
}

/// Reads a Markdown post's metadata the way Python-Markdown's `meta` extension does, which
/// Pelican 4.12 always enables: an optional first line `---`, then `Key: value` lines
/// (key of letters, digits, `_` and `-`, at most three spaces before it), lines indented four
/// or more spaces continuing the last key; a blank line or a `---`/`...` line ends it, and
/// any other line ends it and starts the body. Pelican itself has no YAML reader (that takes
/// a plugin); inside a `---` block, YAML list items (`  - a`) are read here as values of
/// the key above them anyway, so such posts list with their tags.
pub(crate) fn markdown_meta(raw: &str) -> MarkdownMeta {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut meta = MarkdownMeta::default();
    let mut lines = line_offsets(text).peekable();
    let fenced = lines.peek().is_some_and(|(_, l)| starts_with_run(l, '-'));
    if fenced {
        lines.next();
    }
    let mut body_start = text.len();
    let mut current: Option<usize> = None;
    for (offset, raw) in lines {
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() || starts_with_run(line, '-') || starts_with_run(line, '.') {
            body_start = offset + raw.len();
            break;
        }
        if let Some((key, value)) = meta_key_line(line) {
            let value = value.trim().to_string();
            match meta.fields.iter().position(|(k, _)| *k == key) {
                Some(at) => {
                    meta.fields[at].1.push(value);
                    current = Some(at);
                }
                None => {
                    meta.fields.push((key, vec![value]));
                    current = Some(meta.fields.len() - 1);
                }
            }
            continue;
        }
        let continued = expand_tabs(line);
        let list_item = continued.trim_start().strip_prefix("- ").filter(|_| fenced);
        let more = continued.starts_with("    ").then(|| continued.trim());
        // Continuations belong to the key of the last key line.
        let values = current.and_then(|at| meta.fields.get_mut(at)).map(|(_, v)| v);
        match (values, list_item.or(more)) {
            // YAML items join the key's value as one `;`-separated list, the way Pelican
            // would split a one-line list; a key written `tags:` starts out empty.
            (Some(values), Some(item)) if list_item.is_some() => {
                let last = values.last_mut().filter(|v| !v.is_empty());
                match last {
                    Some(last) => *last = format!("{last}; {}", item.trim()),
                    None => *values = vec![item.trim().to_string()],
                }
            }
            (Some(values), Some(value)) => values.push(value.trim().to_string()),
            _ => {
                body_start = offset;
                break;
            }
        }
    }
    // Offsets into `raw`, which may start with a byte order mark.
    meta.body_start = body_start.min(text.len()) + (raw.len() - text.len());
    meta
}

/// Whether `line` starts with three `c`s: the extension's patterns are anchored at the start
/// only, so `----` and `--- title` open (and close) the block too.
fn starts_with_run(line: &str, c: char) -> bool {
    line.chars().take(3).filter(|&x| x == c).count() == 3
}

/// `Key: value` with at most three spaces before the key: the lowercased key and the value.
fn meta_key_line(line: &str) -> Option<(String, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let (key, value) = line[indent..].split_once(':')?;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    (!key.is_empty() && key.chars().all(word)).then(|| (key.to_ascii_lowercase(), value))
}

/// Tabs to the next multiple of four columns, as Python-Markdown does before reading.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if c == '\t' {
            let pad = 4 - out.chars().count() % 4;
            out.extend(std::iter::repeat_n(' ', pad));
        } else {
            out.push(c);
        }
    }
    out
}

/// The date as Pelican reads a `date` field (`_` for a space, then `get_date`), in ISO 8601,
/// or `None` when Pelican would refuse it and skip the post.
pub fn pelican_date(written: &str) -> Option<String> {
    let today = crate::preview::today_from_clock();
    folio_pelican::date::get_date(&written.replace('_', " "), today).ok().map(|d| d.to_string())
}

/// A post's status as Pelican reads it: lowercased, `published` when not set.
pub fn pelican_status(written: Option<&str>) -> String {
    written.map(str::trim).filter(|s| !s.is_empty()).unwrap_or("published").to_lowercase()
}

fn html_header(text: &str) -> Header {
    let lower = text.to_ascii_lowercase();
    let title = lower.find("<title>").and_then(|start| {
        let start = start + "<title>".len();
        let end = start + lower[start..].find("</title>")?;
        Some(text[start..end].trim().to_string())
    });
    Header { title, ..Header::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rst_title_comes_from_the_heading_or_a_title_field() {
        let text = "My Post\n=======\n\n:date: 2020-01-02\n:status: draft\n\nBody *text*.\n";
        let header = Header::parse(PostFormat::Rst, text);
        assert_eq!(header.title.as_deref(), Some("My Post"));
        assert_eq!(header.date.as_deref(), Some("2020-01-02"));
        assert_eq!(header.status.as_deref(), Some("draft"));
        let field_title =
            Header::parse(PostFormat::Rst, ":title: Only Fields\n:date: 2021\n\nBody\n");
        assert_eq!(field_title.title.as_deref(), Some("Only Fields"));
    }

    #[test]
    fn only_the_header_is_parsed() {
        let text = "T\n=\n\n:date: 1\n\nrest\n";
        assert_eq!(rst_head(text), "T\n=\n\n:date: 1\n");
    }

    #[test]
    fn fields_apart_by_blank_lines_are_all_in_the_header() {
        let text = "T\n=\n\n:date: 2020-01-02\n\n:status: draft\n\n:tags: a,\n\n   b\n\nBody.\n";
        assert_eq!(
            rst_head(text),
            "T\n=\n\n:date: 2020-01-02\n\n:status: draft\n\n:tags: a,\n\n   b\n"
        );
        let header = Header::parse(PostFormat::Rst, text);
        assert_eq!(header.status.as_deref(), Some("draft"), "as docutils reads the field list");
        assert_eq!(header.tags, ["a", "b"]);
    }

    #[test]
    fn markdown_metadata_ends_where_the_meta_extension_ends_it() {
        let fields = |text: &str| markdown_meta(text).fields;
        let one = |k: &str, v: &[&str]| (k.to_string(), v.iter().map(|s| s.to_string()).collect());
        // A `...` line closes a `---` block; what follows is body.
        let dots = "---\nTitle: A\n...\nDate: 2020\n";
        assert_eq!(fields(dots), vec![one("title", &["A"])]);
        assert_eq!(&dots[markdown_meta(dots).body_start..], "Date: 2020\n");
        // `----` opens the block too: the patterns are anchored at the start only.
        assert_eq!(fields("----\nTitle: B\n----\n"), vec![one("title", &["B"])]);
        // Continuations go to the key of the last key line, even a repeated one.
        assert_eq!(
            fields("Tags: a\nTitle: T\nTags: b\n    c\n\nBody: no\n"),
            vec![one("tags", &["a", "b", "c"]), one("title", &["T"])]
        );
        // A first line that is not metadata leaves the post without any.
        assert!(fields("# Heading\nTitle: no\n").is_empty());
        assert!(fields("    Title: too far in\n").is_empty());
        // A byte order mark, CRLF lines and a tab-indented continuation.
        let bom = "\u{feff}Title: Bom\r\nSummary: one\r\n\ttwo\r\n\r\nx";
        assert_eq!(fields(bom), vec![one("title", &["Bom"]), one("summary", &["one", "two"])]);
        assert_eq!(&bom[markdown_meta(bom).body_start..], "x");
    }

    #[test]
    fn markdown_and_html_titles_are_read() {
        assert_eq!(
            Header::parse(PostFormat::Markdown, "Title: Hi\nDate: 2020\n\nx").title.as_deref(),
            Some("Hi")
        );
        assert_eq!(
            Header::parse(PostFormat::Html, "<html><TITLE> Hey </title>").title.as_deref(),
            Some("Hey")
        );
    }
}
