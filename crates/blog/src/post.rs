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
    /// The `date` field as written.
    pub date: Option<String>,
    /// The `status` field (`draft`, `published`, `hidden`), when set.
    pub status: Option<String>,
    /// The `category` field, when set.
    pub category: Option<String>,
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

/// The metadata the list needs: title, date, status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) tags: Vec<String>,
}

impl Header {
    /// Reads the header of a post's text. Pure: the caller did the reading.
    pub(crate) fn parse(format: PostFormat, text: &str) -> Header {
        match format {
            PostFormat::Rst => rst_header(text),
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

fn rst_header(text: &str) -> Header {
    let (doc, _) = folio_rst::parse(rst_head(text));
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
            _ => {}
        }
    }
    header
}

fn markdown_header(text: &str) -> Header {
    let mut header = Header::default();
    for line in text.lines().take_while(|l| !l.trim().is_empty()) {
        let Some((key, value)) = line.split_once(':') else { break };
        let value = Some(value.trim().to_string());
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => header.title = value,
            "date" => header.date = value,
            "status" => header.status = value,
            "category" => header.category = value.filter(|v| !v.is_empty()),
            "tags" => {
                header.tags =
                    value.as_deref().map(folio_pelican::metadata::split_list).unwrap_or_default()
            }
            _ => {}
        }
    }
    header
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
