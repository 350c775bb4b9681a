//! A post's preview: title, HTML body and diagnostics with line and column.

use folio_rst::{html, LineIndex};
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
    /// Informational.
    Info,
    /// Pelican would refuse the post.
    Warning,
    /// An error in the markup.
    Error,
    /// The post could not be processed.
    Severe,
}

/// A problem at a place in the post; lines and columns are 1-based, columns count
/// Unicode characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Diagnostic {
    /// First line.
    pub line: u32,
    /// First column.
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

/// A post rendered the way Pelican's reader returns it, plus diagnostics.
#[derive(Clone, Debug)]
pub struct RenderedPost {
    /// The preview part: title, body and diagnostics.
    pub preview: Preview,
    /// The docinfo fields, names lowercased, values as plain text, in source order.
    pub metadata: Vec<(String, String)>,
}

/// Renders reST `text` for the preview. Pure and never fails.
pub fn render_preview(text: &str) -> Preview {
    render_post(text).preview
}

/// Renders reST `text` with its metadata. Pure and never fails.
pub fn render_post(text: &str) -> RenderedPost {
    let (doc, diags) = folio_rst::parse(text);
    let index = LineIndex::new(text);
    let diagnostics = diags
        .into_iter()
        .map(|d| {
            let start = index.line_col(text, d.span.start);
            let end = index.line_col(text, d.span.end);
            Diagnostic {
                line: start.line + 1,
                column: start.col + 1,
                end_line: end.line + 1,
                end_column: end.col + 1,
                severity: d.severity.into(),
                message: d.message,
            }
        })
        .collect();
    let title = doc.title.as_ref().map(|t| html::inlines_to_html(&t.inlines));
    let metadata = doc
        .docinfo
        .iter()
        .map(|f| (f.name.to_lowercase(), folio_rst::inlines_to_text(&f.body).trim().to_string()))
        .collect();
    RenderedPost { preview: Preview { title, html: html::render(&doc), diagnostics }, metadata }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_carry_one_based_lines_and_columns() {
        let preview = render_preview("Title\n=====\n\nSome *open text\n");
        assert_eq!(preview.title.as_deref(), Some("Title"));
        let d = &preview.diagnostics[0];
        assert_eq!((d.line, d.column, d.end_line, d.end_column), (4, 6, 4, 7));
        assert_eq!(d.severity, Severity::Warning);
    }
}
