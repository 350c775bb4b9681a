//! `folio check`: problems in a blog a writer should fix before publishing.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use folio_rst::{Document, NodeId, NodeKind};

use crate::error::{io, Result};
use crate::literal_text::blank_literals;
use crate::post::{
    field_list_goes_on, markdown_meta, pelican_date, pelican_status, rst_head, Header, PostFormat,
    PostKind,
};
use crate::preview::{
    plain_field, render_post_in, title_of, PostSettings, RenderedPost, Severity as DiagSeverity,
};
use crate::{blog_path, slug::slugify, Blog};
use folio_pelican::settings::Plugins;

/// Limits the checks measure images against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// Images wider than this are reported as oversized (the import's default max width).
    pub max_image_width: u32,
    /// Image files larger than this are reported as oversized.
    pub max_image_bytes: u64,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { max_image_width: 2000, max_image_bytes: 2 * 1024 * 1024 }
    }
}

/// How serious a finding is. Only errors make `folio check` fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, rename = "FindingSeverity")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Pelican publishes, but something is likely wrong.
    Warning,
    /// The published site would be broken, or Pelican leaves the post out of it.
    Error,
}

/// What kind of problem a finding is, for filtering in the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum FindingKind {
    /// A reST diagnostic from the post's markup.
    Markup,
    /// A post that cannot be read as UTF-8.
    NotUtf8,
    /// A `{filename}`/`{static}`/`{attach}` link to a file that does not exist.
    BrokenLink,
    /// An image directive pointing at a missing file.
    MissingImage,
    /// An image under `images/` that no post references.
    OrphanImage,
    /// An image file too large in bytes or in width.
    OversizedImage,
    /// Two posts with the same slug: one would overwrite the other.
    DuplicateSlug,
    /// A post Pelican leaves out of the site: no title, a date it cannot read, a status
    /// it does not know.
    SkippedPost,
    /// `{filename}` pointing at an image or other static file, or `{static}`/`{attach}`
    /// pointing at a post: Pelican warns, and only the first still links.
    WrongLinkMarker,
    /// An image whose alt text is empty, which Pelican warns about.
    EmptyAlt,
}

/// One problem, at a file and (when known) a 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    /// The file, relative to the blog root, `/`-separated.
    pub file: String,
    /// The 1-based line, when the problem is at one.
    pub line: Option<u32>,
    /// How serious it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub kind: FindingKind,
    /// What is wrong, in plain words.
    pub message: String,
}

/// The link markers Pelican resolves, in both the current and the older `|name|` form.
const LINK_MARKERS: [(&str, &str); 6] = [
    ("{filename}", "filename"),
    ("{static}", "static"),
    ("{attach}", "attach"),
    ("|filename|", "filename"),
    ("|static|", "static"),
    ("|attach|", "attach"),
];

pub(crate) const IMAGE_EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "webp", "svg"];

/// Which files a check reports on. Every post is still read, because duplicate slugs and
/// orphan images are only known from all of them.
#[derive(Clone, Copy)]
enum Scope<'a> {
    /// The whole blog.
    All,
    /// Only these files (relative to the blog root, `/`-separated).
    Files(&'a HashSet<&'a str>),
}

impl Scope<'_> {
    fn covers(&self, rel: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Files(files) => files.contains(rel),
        }
    }
}

impl Blog {
    /// Checks every post (reST and Markdown; HTML posts for their links) and every image of
    /// the blog. Reads the whole content folder.
    /// Findings come sorted by file and line.
    pub fn check(&self, options: &CheckOptions) -> Result<Vec<Finding>> {
        self.check_in(Scope::All, options)
    }

    /// The findings [`Blog::check`] would report for `files` (paths relative to the blog
    /// root, as [`Finding::file`] names them), and no others, sorted the same way. Only
    /// these posts are rendered: the others are read for their slug (from their header when
    /// it settles the slug) and for the images they mention, so the publish dialog costs
    /// the posts being published plus a read of the rest.
    pub fn check_files(&self, files: &[String], options: &CheckOptions) -> Result<Vec<Finding>> {
        let files: HashSet<&str> = files.iter().map(String::as_str).collect();
        self.check_in(Scope::Files(&files), options)
    }

    fn check_in(&self, scope: Scope<'_>, options: &CheckOptions) -> Result<Vec<Finding>> {
        let content_rel = self.conf.content_path.clone();
        let content = blog_path::resolve(&self.root, &content_rel)?;
        let mut findings = Vec::new();
        let mut posts = Vec::new();
        let mut images = Vec::new();
        walk(&content, &mut |path| {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if ext.as_deref().is_some_and(|e| IMAGE_EXTENSIONS.contains(&e)) {
                images.push(path.to_path_buf());
            }
        })?;
        // The posts are the files Pelican reads as articles and pages, as the list has them:
        // an excluded or ignored file is not checked as one.
        let mut found = Vec::new();
        let files = self.conf.content_files();
        for kind in [PostKind::Page, PostKind::Article] {
            crate::listing::walk(&content, kind, &files, &mut found)?;
        }
        let mut seen = HashSet::new();
        for file in found {
            if seen.insert(file.path.clone()) {
                posts.push((file.path, file.format, file.kind, file.modified));
            }
        }
        posts.sort_by(|a, b| a.0.cmp(&b.0));
        images.sort();

        // Posts are read in the blog's language, with the directives its plugins provide.
        let reader = PostSettings { reader: self.reader_settings(), ..Default::default() };
        let plugins_unknown = match self.plugins() {
            Plugins::Unknown { reason } => Some(reason),
            Plugins::Loaded(_) => None,
        };
        let mut texts = Vec::new();
        let mut slugs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        // Links are checked once every post is read: whether Pelican finds a file as static
        // content depends on the `{static}` links of all of them.
        let mut static_linked = HashSet::new();
        let mut to_link_check = Vec::new();
        for (path, format, kind, modified) in &posts {
            let (path, format, kind) = (path, *format, *kind);
            let rel = blog_path::relative(&self.root, path);
            let checked = scope.covers(&rel);
            let bytes = fs::read(path).map_err(io("read", path))?;
            let Ok(text) = String::from_utf8(bytes) else {
                if checked {
                    findings.push(Finding {
                        file: rel,
                        line: None,
                        severity: Severity::Error,
                        kind: FindingKind::NotUtf8,
                        message: "the file is not UTF-8 text; Pelican cannot read it".into(),
                    });
                }
                continue;
            };
            // Links and images in code are text, for the checks and the orphan search alike.
            let visible = blank_literals(format, &text);
            // The post's own fields over what its path and the settings give it.
            let meta_of = |own: &Header| self.post_meta(&content, path, kind, own, *modified);
            let slug = match format {
                PostFormat::Rst if checked => {
                    let rendered = render_for_check(&text, &reader);
                    let meta = meta_of(&rendered_header(&rendered));
                    let halt = reader.reader.docutils.halt_level;
                    findings.extend(markup_findings(
                        &rel,
                        &rendered,
                        halt,
                        plugins_unknown.as_deref(),
                    ));
                    findings.extend(rst_skip_findings(&rel, &rendered, meta.title.is_some()));
                    let status = pelican_status(meta.status.as_deref());
                    let dated = meta.date.is_some();
                    findings.extend(self.undated_finding(path, kind, dated, &status));
                    meta.slug.unwrap_or_default()
                }
                PostFormat::Rst => {
                    let own = match header_slug(&text) {
                        Some(_) => Header::parse(format, &text),
                        None => rendered_header(&render_for_check(&text, &reader)),
                    };
                    meta_of(&own).slug.unwrap_or_default()
                }
                PostFormat::Markdown => {
                    let header = Header::parse(format, &text);
                    let meta = meta_of(&header);
                    if checked {
                        let titled = meta.title.is_some();
                        findings.extend(markdown_skip_findings(&rel, &text, &header, titled));
                        let status = pelican_status(meta.status.as_deref());
                        let dated = meta.date.is_some();
                        findings.extend(self.undated_finding(path, kind, dated, &status));
                    }
                    meta.slug.unwrap_or_default()
                }
                // HTML posts are read for their links; their slug needs their <meta> tags.
                PostFormat::Html => String::new(),
            };
            for link in links_in(format, &visible).iter().filter(|l| l.what != "filename") {
                static_linked.insert(self.link_file(path, &content, link.target));
            }
            if checked {
                findings.extend(empty_alt_findings(&rel, format, &visible));
                to_link_check.push((path, format, texts.len()));
            }
            if !slug.is_empty() {
                slugs.entry(slug).or_default().push(rel);
            }
            texts.push(visible);
        }

        for (path, format, text) in to_link_check {
            let text = &texts[text];
            self.check_links(path, format, text, &content, &static_linked, &mut findings);
        }

        for (slug, files) in &slugs {
            for file in files.iter().skip(1).filter(|f| scope.covers(f)) {
                findings.push(Finding {
                    file: file.clone(),
                    line: None,
                    severity: Severity::Error,
                    kind: FindingKind::DuplicateSlug,
                    message: format!(
                        "the slug \"{slug}\" is also used by {}; one page would overwrite the other",
                        files[0]
                    ),
                });
            }
        }

        let images: Vec<_> = images
            .into_iter()
            .map(|image| (blog_path::relative(&self.root, &image), image))
            .filter(|(rel, _)| scope.covers(rel))
            .collect();
        // Only worth building when there are images to look up.
        let mentioned = if images.is_empty() { HashSet::new() } else { image_mentions(&texts) };
        let named = if images.is_empty() { HashSet::new() } else { self.named_by_settings() };
        for (rel, image) in images {
            let in_content = blog_path::relative(&content, &image);
            // The set answers almost every image at once; the text search is only for names
            // the token scan cannot cut out (spaces inside `<…>`), so big blogs stay fast.
            let orphan = in_content.starts_with("images/")
                && !mentioned.contains(in_content.as_str())
                && !named.contains(in_content.as_str())
                && !texts.iter().any(|t| t.contains(&in_content));
            if orphan {
                findings.push(Finding {
                    file: rel.clone(),
                    line: None,
                    severity: Severity::Warning,
                    kind: FindingKind::OrphanImage,
                    message: "no post uses this image".into(),
                });
            }
            let bytes = fs::metadata(&image).map_err(io("inspect", &image))?.len();
            if bytes > options.max_image_bytes {
                findings.push(Finding {
                    file: rel.clone(),
                    line: None,
                    severity: Severity::Warning,
                    kind: FindingKind::OversizedImage,
                    message: format!(
                        "the image is {:.1} MB, over {:.1} MB; readers download all of it",
                        bytes as f64 / 1e6,
                        options.max_image_bytes as f64 / 1e6
                    ),
                });
            }
            if let Ok((width, _)) = image::image_dimensions(&image) {
                if width > options.max_image_width {
                    findings.push(Finding {
                        file: rel,
                        line: None,
                        severity: Severity::Warning,
                        kind: FindingKind::OversizedImage,
                        message: format!(
                            "the image is {width} pixels wide, over {}",
                            options.max_image_width
                        ),
                    });
                }
            }
        }
        findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        Ok(findings)
    }

    /// Every text a setting holds that could name a file under the content folder
    /// (`SITELOGO`, `FAVICON`, `EXTRA_PATH_METADATA`'s keys, a file in `STATIC_PATHS`, a
    /// theme's or plugin's own setting), as a path relative to it: without a leading `/`
    /// or `./`. From the blog's Python, every string value and key; from the literal
    /// reader, every quoted string in `pelicanconf.py`.
    pub(crate) fn named_by_settings(&self) -> HashSet<String> {
        let mut texts = Vec::new();
        match self.settings() {
            Some(values) => {
                let mut stack: Vec<&serde_json::Value> = values.values().collect();
                texts.extend(values.keys().cloned());
                while let Some(value) = stack.pop() {
                    match value {
                        serde_json::Value::String(s) => texts.push(s.clone()),
                        serde_json::Value::Array(items) => stack.extend(items),
                        serde_json::Value::Object(map) => {
                            texts.extend(map.keys().cloned());
                            stack.extend(map.values());
                        }
                        _ => {}
                    }
                }
            }
            None => {
                let conf = self.root.join(folio_pelican::settings::CONFIG_FILE);
                let text = fs::read_to_string(conf).unwrap_or_default();
                texts.extend(quoted_strings(&text));
            }
        }
        texts
            .into_iter()
            .map(|t| {
                let t = t.trim();
                // `SITEURL + '/images/logo.png'`: the path on the site is the file's.
                let t = match t.split_once("://") {
                    Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
                    None => t,
                };
                let t = t.strip_prefix("./").unwrap_or(t);
                t.trim_start_matches('/').to_string()
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// The error for an article Pelican drops for want of a date: `dated` says whether the
    /// post has one (its field, or what its path and the settings give it). A draft
    /// (Pelican dates it), `skip`, a page or a `DEFAULT_DATE` setting are all fine.
    fn undated_finding(
        &self,
        post: &Path,
        kind: PostKind,
        dated: bool,
        status: &str,
    ) -> Option<Finding> {
        let dated = dated || self.conf.default_date;
        let article = kind == PostKind::Article;
        (article && !dated && status != "draft" && status != "skip").then(|| {
            skipped(
                &blog_path::relative(&self.root, post),
                None,
                "the article has no date; Pelican skips it (\"could not find information \
                 about 'date'\"): add one, or make it a draft"
                    .into(),
            )
        })
    }

    /// The file an intrasite link's target names, relative to the blog root: from the
    /// content folder when it starts with `/`, else from the post's folder.
    fn link_file(&self, post: &Path, content: &Path, target: &str) -> String {
        match target.strip_prefix('/') {
            Some(abs) => blog_path::relative(&self.root, &content.join(abs)),
            None => {
                let dir = post.parent().unwrap_or(content);
                blog_path::relative(&self.root, &dir.join(target))
            }
        }
    }

    /// The intrasite links of a post, `text` being its text with literals blanked.
    /// `static_linked` holds the files some post links with `{static}` or `{attach}`:
    /// Pelican copies those as static files wherever they are.
    fn check_links(
        &self,
        post: &Path,
        format: PostFormat,
        text: &str,
        content: &Path,
        static_linked: &HashSet<String>,
        findings: &mut Vec<Finding>,
    ) {
        let rel = blog_path::relative(&self.root, post);
        for link in links_in(format, text) {
            let file_rel = self.link_file(post, content, link.target);
            let written = format!("{}{}", link.marker, link.target);
            let finding = match blog_path::resolve(&self.root, &file_rel) {
                Ok(path) if path.exists() => {
                    let is_static = static_linked.contains(&file_rel)
                        || self.conf.static_paths.iter().any(|d| path.starts_with(content.join(d)));
                    wrong_marker(link.what, &path, is_static, &written)
                }
                Ok(_) if link.is_image => Some((
                    Severity::Error,
                    FindingKind::MissingImage,
                    format!("the image {written} does not exist ({file_rel})"),
                )),
                // Pelican only warns: "Unable to find …, skipping url replacement" for a post,
                // and "Cannot get modification stamp" for a static file it goes to copy.
                Ok(_) => Some((
                    Severity::Warning,
                    FindingKind::BrokenLink,
                    format!("the link {written} points to a missing file ({file_rel})"),
                )),
                Err(_) => Some((
                    Severity::Error,
                    FindingKind::BrokenLink,
                    format!("the link {written} points outside the blog folder"),
                )),
            };
            if let Some((severity, kind, message)) = finding {
                findings.push(Finding {
                    file: rel.clone(),
                    line: Some(link.line),
                    severity,
                    kind,
                    message,
                });
            }
        }
    }
}

/// The texts between matching quotes on each line of Python source (no escapes: a path
/// has none).
fn quoted_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(open) = rest.find(['\'', '"']) {
            let quote = &rest[open..open + 1];
            let after = &rest[open + 1..];
            let Some(close) = after.find(quote) else { break };
            out.push(after[..close].to_string());
            rest = &after[close + 1..];
        }
    }
    out
}

/// One intrasite link written in a post.
struct Link<'a> {
    /// The 1-based line.
    line: u32,
    /// The marker as written (`{static}`, `|filename|`).
    marker: &'static str,
    /// What it asks for: `filename`, `static` or `attach`.
    what: &'static str,
    /// The path after the marker, without `#fragment` or `?query`.
    target: &'a str,
    /// Whether it is an image's source (a directive's, Markdown's `![…](…)`, `<img src>`).
    is_image: bool,
}

/// The intrasite links in a post's text (with its literals blanked).
fn links_in(format: PostFormat, text: &str) -> Vec<Link<'_>> {
    let mut links = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line_no = u32::try_from(number + 1).unwrap_or(u32::MAX);
        let directive_image = {
            let t = line.trim_start();
            format == PostFormat::Rst
                && (t.starts_with(".. image::") || t.starts_with(".. figure::"))
        };
        for (marker, what) in LINK_MARKERS {
            for (at, _) in line.match_indices(marker) {
                let rest = &line[at + marker.len()..];
                // Inside `<…>` of a reST link the target may contain spaces.
                let in_angles = line[..at].ends_with('<');
                let end = rest
                    .find(|c: char| {
                        if in_angles {
                            c == '>'
                        } else {
                            c.is_whitespace() || "<>`\"')".contains(c)
                        }
                    })
                    .unwrap_or(rest.len());
                let mut target = &rest[..end];
                if !in_angles {
                    // Sentence punctuation after a bare link is not part of it.
                    target = target.trim_end_matches(['.', ',', ';', ':', '!', '?']);
                }
                let target = target.split(['#', '?']).next().unwrap_or_default();
                if !target.is_empty() {
                    let is_image = directive_image || is_inline_image(&line[..at]);
                    links.push(Link { line: line_no, marker, what, target, is_image });
                }
            }
        }
    }
    links
}

/// Whether a link marker found after `before` (the line up to it) is an image's source:
/// Markdown `![alt](…` or an HTML `<img … src="…`.
fn is_inline_image(before: &str) -> bool {
    let markdown = before
        .trim_end_matches([' ', '<'])
        .strip_suffix("](")
        .is_some_and(|b| b.rfind('[').is_some_and(|open| b[..open].ends_with('!')));
    let html = before.rfind('<').is_some_and(|tag| {
        let tag = &before[tag..];
        tag.starts_with("<img") && !tag.contains('>') && tag.contains("src=")
    });
    markdown || html
}

/// The warning Pelican gives for a link whose target exists but is of the other kind:
/// `{filename}` finds only posts (and says "{filename} used for linking to static content
/// …. Use {static} instead" when it falls back to a static file), `{static}` and `{attach}`
/// only static files (a post is "Unable to find", and the link is left as written).
/// `is_static` says whether Pelican has the target among its static files: it is in one of
/// the `STATIC_PATHS`, or some post links it with `{static}` or `{attach}`.
fn wrong_marker(
    what: &str,
    target: &Path,
    is_static: bool,
    link: &str,
) -> Option<(Severity, FindingKind, String)> {
    let ext = target.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let is_post = PostFormat::from_extension(ext).is_some();
    let message = match what {
        "filename" if !is_post && target.is_file() && is_static => format!(
            "{link} links a static file with {{filename}}; Pelican warns and asks for \
             {{static}} instead"
        ),
        "filename" if !is_post && target.is_file() => format!(
            "the link {link} points to a file that is not a post, not in STATIC_PATHS and not \
             linked with {{static}}; Pelican cannot find it and leaves the link unresolved \
             (use {{static}})"
        ),
        "static" | "attach" if is_post => format!(
            "{link} links a post with {{{what}}}; Pelican cannot find it among the static \
             files and leaves the link unresolved (use {{filename}})"
        ),
        _ => return None,
    };
    Some((Severity::Warning, FindingKind::WrongLinkMarker, message))
}

/// Pelican's statuses; any other makes it skip the post ("Unknown status").
const STATUSES: [&str; 4] = ["published", "hidden", "draft", "skip"];

fn skipped(rel: &str, line: Option<u32>, message: String) -> Finding {
    Finding {
        file: rel.to_string(),
        line,
        severity: Severity::Error,
        kind: FindingKind::SkippedPost,
        message,
    }
}

fn status_finding(rel: &str, written: &str, line: Option<u32>) -> Option<Finding> {
    let status = written.trim().to_lowercase();
    (!status.is_empty() && !STATUSES.contains(&status.as_str())).then(|| {
        skipped(
            rel,
            line,
            format!(
                "the status \"{status}\" is not one Pelican knows ({}); it skips the post",
                STATUSES.join(", ")
            ),
        )
    })
}

/// What makes Pelican leave a reST post out: no title, an unknown status. (A date it cannot
/// read is already a markup error.)
fn rst_skip_findings(rel: &str, rendered: &RenderedPost, titled: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    if !titled {
        out.push(skipped(rel, None, no_title()));
    }
    if let Some((_, status)) = rendered.metadata.iter().rev().find(|(n, _)| n == "status") {
        out.extend(status_finding(rel, status, None));
    }
    out
}

fn no_title() -> String {
    "the post has no title; Pelican skips it (\"could not find information about 'title'\")".into()
}

/// What makes Pelican leave a Markdown post out: no title (`titled` says whether the post
/// or its path gives one), a date it cannot read (the reader fails), an unknown status.
fn markdown_skip_findings(rel: &str, text: &str, header: &Header, titled: bool) -> Vec<Finding> {
    // The line of a key, looked for in the metadata only.
    let meta = &text[..markdown_meta(text).body_start.min(text.len())];
    let line_of = |key: &str| {
        meta.lines().position(|l| {
            l.trim_start().split_once(':').is_some_and(|(k, _)| k.eq_ignore_ascii_case(key))
        })
    };
    let line_no = |key: &str| line_of(key).and_then(|n| u32::try_from(n + 1).ok());
    let mut out = Vec::new();
    if !titled {
        out.push(skipped(rel, None, no_title()));
    }
    if let Some(date) = header.date.as_deref().filter(|d| pelican_date(d).is_none()) {
        out.push(skipped(
            rel,
            line_no("date"),
            format!("'{date}' is not a date Pelican can read; it skips the post"),
        ));
    }
    if let Some(status) = header.status.as_deref() {
        out.extend(status_finding(rel, status, line_no("status")));
    }
    out
}

/// Images whose alt text Pelican finds empty in the HTML it writes (its `find_empty_alt`
/// looks for `<img>` tags with `alt=""` and a `src`): a reST image or figure without
/// `:alt:` (Pelican's writer then sets an empty one), Markdown `![](…)` and `![][…]`, and
/// raw HTML `<img … alt="">`. An `<img>` without any `alt` is not reported, as Pelican does
/// not. `text` has its literals blanked.
fn empty_alt_findings(rel: &str, format: PostFormat, text: &str) -> Vec<Finding> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found: Vec<(usize, String)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if format == PostFormat::Rst {
            let directive = t.strip_prefix(".. ").map(|d| match d.strip_prefix('|') {
                Some(sub) => sub.split_once('|').map_or("", |(_, rest)| rest.trim_start()),
                None => d,
            });
            let source = directive
                .and_then(|d| d.strip_prefix("image::").or_else(|| d.strip_prefix("figure::")));
            if let Some(source) = source {
                let indent = line.len() - t.len();
                let has_alt = lines[n + 1..]
                    .iter()
                    .take_while(|l| {
                        let lt = l.trim_start();
                        !lt.is_empty() && l.len() - lt.len() > indent && lt.starts_with(':')
                    })
                    .any(|l| {
                        l.trim_start().strip_prefix(":alt:").is_some_and(|v| !v.trim().is_empty())
                    });
                if !has_alt {
                    found.push((n, source.trim().to_string()));
                }
            }
        }
        if format == PostFormat::Markdown {
            for (at, _) in line.match_indices("![]") {
                let rest = &line[at + 3..];
                if let Some(src) = rest.strip_prefix('(') {
                    found.push((n, src.split([')', ' ']).next().unwrap_or_default().to_string()));
                } else if rest.starts_with('[') {
                    found.push((n, rest.trim_matches(['[', ']']).to_string()));
                }
            }
        }
        for (at, _) in line.match_indices("<img") {
            let tag = &line[at..];
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let empty = tag.contains("alt=\"\"") || tag.contains("alt=''");
            let src = tag.split_once("src=").map(|(_, v)| {
                let v = v.trim_start_matches(['"', '\'']);
                v.split(['"', '\'']).next().unwrap_or_default().to_string()
            });
            if let (true, Some(src)) = (empty, src) {
                found.push((n, src));
            }
        }
    }
    found
        .into_iter()
        .map(|(n, src)| {
            let name = src.rsplit('/').next().unwrap_or(&src).to_string();
            Finding {
                file: rel.to_string(),
                line: u32::try_from(n + 1).ok(),
                severity: Severity::Warning,
                kind: FindingKind::EmptyAlt,
                message: format!(
                    "the image {name} has an empty alt text: Pelican warns (\"Empty alt \
                     attribute\"), and readers who cannot see it get nothing"
                ),
            }
        })
        .collect()
}

/// The reST diagnostics of a rendered post as findings, as Pelican treats them: a message
/// at docutils' `halt_level` or above (Pelican's 2: any warning) makes docutils raise, and
/// Pelican logs "Could not process" and leaves the post out, so it is an error; one below
/// it is only in the published page (docutils' report box), a warning; an info message
/// Pelican is silent about is no finding. With `plugins_unknown` (why the blog's plugins
/// could not be loaded), an unknown directive or role says that a plugin might provide it.
fn markup_findings(
    rel: &str,
    rendered: &RenderedPost,
    halt_level: u8,
    plugins_unknown: Option<&str>,
) -> Vec<Finding> {
    // `said` is the finding's text for docutils' message `text`.
    let message = |text: &str, said: String| match plugins_unknown {
        Some(reason)
            if text.starts_with("Unknown directive type")
                || text.starts_with("Unknown interpreted text role") =>
        {
            format!(
                "{said} Plugin directives and roles cannot be known: {reason}, so Folio \
                 cannot tell whether one of the blog's plugins provides it."
            )
        }
        _ => said,
    };
    rendered
        .preview
        .diagnostics
        .iter()
        .filter_map(|d| {
            let level = match d.severity {
                DiagSeverity::Info => 1,
                DiagSeverity::Warning => 2,
                DiagSeverity::Error => 3,
                DiagSeverity::Severe => 4,
            };
            let (severity, message) = if level >= halt_level {
                let text = d.message.trim_end_matches('.');
                let said = format!("Pelican leaves this post out: {text} at line {}.", d.line);
                (Severity::Error, message(&d.message, said))
            } else if level >= 2 {
                (Severity::Warning, message(&d.message, d.message.clone()))
            } else {
                return None;
            };
            Some(Finding {
                file: rel.to_string(),
                line: Some(d.line),
                severity,
                kind: FindingKind::Markup,
                message,
            })
        })
        .collect()
}

/// Renders a post for the check. Tests count the calls, to show which posts a scoped
/// check renders.
fn render_for_check(text: &str, settings: &PostSettings) -> RenderedPost {
    #[cfg(test)]
    tests::RENDERS.with(|n| n.set(n.get() + 1));
    render_post_in(text, settings)
}

/// The fields of a rendered reST post as its header: the title as plain text, the last
/// `date`, `status`, `category` and `slug` fields.
fn rendered_header(rendered: &RenderedPost) -> Header {
    let field = |name: &str| {
        rendered.metadata.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    };
    Header {
        title: rendered.preview.title.as_deref().map(strip_tags).filter(|t| !t.trim().is_empty()),
        date: field("date"),
        status: field("status"),
        category: field("category"),
        tags: Vec::new(),
        slug: field("slug").filter(|s| !s.trim().is_empty()),
    }
}

/// The page's slug from the metadata (lowercased names, plain values, in source order) and
/// the title: the last `slug` field when it is not empty, else the title made a slug.
fn slug_from(metadata: &[(String, String)], title: Option<&str>) -> String {
    match metadata.iter().rev().find(|(name, _)| name == "slug") {
        Some((_, slug)) if !slug.is_empty() => slug.clone(),
        _ => slugify(&strip_tags(title.unwrap_or_default())),
    }
}

/// The slug of a post read from its header alone (see [`rst_head`]), or `None` when the
/// rest of the post could change it and only rendering the whole post can tell.
///
/// The header settles the slug when the full parse would see the same title and fields:
/// the field list ends with the header (a blank line, then neither another field nor an
/// indented continuation), no later line could be a second section of the title's level
/// (which would stop the title from being promoted), and the title and the `slug` and
/// `title` fields hold only markup that nothing later in the post resolves (no
/// substitutions, references or footnotes). Anything unusual answers `None`, so a wrong
/// guess costs a render, never a wrong finding.
fn header_slug(text: &str) -> Option<String> {
    let head = rst_head(text);
    let rest = &text[head.len()..];
    if !fields_end_at(rest) {
        return None;
    }
    let (doc, diagnostics) = folio_rst::parse(head);
    if !diagnostics.is_empty() || doc.docinfo.is_empty() || doc.subtitle.is_some() {
        return None;
    }
    if doc.title.is_some() && could_hold_a_title_of_the_same_level(head, rest) {
        return None;
    }
    let mut metadata = Vec::with_capacity(doc.docinfo.len());
    for field in &doc.docinfo {
        let (name, plain) = plain_field(&doc, field);
        if (name == "slug" || name == "title") && !is_local_markup(&doc, field.body) {
            return None;
        }
        metadata.push((name, plain));
    }
    if doc.title.is_some_and(|t| !is_local_markup(&doc, t)) {
        return None;
    }
    let title_field = metadata.iter().rev().find(|(n, _)| n == "title").map(|(_, v)| v.clone());
    let title = title_of(&doc, title_field);
    Some(slug_from(&metadata, title.as_deref()))
}

/// Whether the docinfo field list ends where the header does: `rest` (what follows the
/// header) is empty or starts with a blank line, and its first text is neither another
/// field nor an indented continuation of the last one.
fn fields_end_at(rest: &str) -> bool {
    match rest.lines().next() {
        None => true,
        Some(first) => first.trim().is_empty() && !field_list_goes_on(rest),
    }
}

/// Whether a line of `rest` is made only of a punctuation character the header uses as an
/// adornment: it could underline (or overline) another section of the title's level.
fn could_hold_a_title_of_the_same_level(head: &str, rest: &str) -> bool {
    let adornment = |line: &str| {
        let t = line.trim();
        let c = t.chars().next()?;
        (c.is_ascii_punctuation() && t.chars().all(|x| x == c)).then_some(c)
    };
    let used: HashSet<char> = head.lines().filter_map(adornment).collect();
    rest.lines().filter_map(adornment).any(|c| used.contains(&c))
}

/// Whether everything under `node` is text, emphasis, strong or literal: inline markup
/// whose HTML and text depend on nothing defined elsewhere in the post.
fn is_local_markup(doc: &Document, node: NodeId) -> bool {
    doc.descendants(node).into_iter().all(|n| {
        matches!(
            doc.kind(n),
            NodeKind::Text(_)
                | NodeKind::Emphasis
                | NodeKind::Strong
                | NodeKind::Literal(_)
                | NodeKind::Paragraph
        )
    })
}

/// Every `images/…` path written anywhere in the posts (intrasite links, raw HTML `src`,
/// plain paths), cut at the first character that cannot be part of a bare path.
pub(crate) fn image_mentions(texts: &[String]) -> HashSet<&str> {
    let mut found = HashSet::new();
    for text in texts {
        for (at, _) in text.match_indices("images/") {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| c.is_whitespace() || "<>`\"')#?|".contains(c))
                .unwrap_or(rest.len());
            found.insert(rest[..end].trim_end_matches(['.', ',', ';', ':', '!']));
        }
    }
    found
}

/// Calls `visit` for every file under `dir`, skipping hidden entries and not following
/// symlinked folders (they may lead out of the blog).
pub(crate) fn walk(dir: &Path, visit: &mut dyn FnMut(&Path)) -> Result<()> {
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io("list", &dir)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io("list", &dir))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().map_err(io("inspect", &path))?;
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file() {
                visit(&path);
            }
        }
    }
    Ok(())
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::fs;

    use super::*;
    use crate::preview::render_post;

    thread_local! {
        /// How many posts [`render_for_check`] rendered on this thread.
        pub(super) static RENDERS: Cell<usize> = const { Cell::new(0) };
    }

    fn renders_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
        RENDERS.with(|n| n.set(0));
        let out = f();
        (out, RENDERS.with(Cell::get))
    }

    fn write(root: &Path, rel: &str, text: &[u8]) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_scoped_check_renders_only_the_chosen_posts_and_the_unsettled_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(root, "pelicanconf.py", b"PATH = 'content'\n");
        write(root, "content/chosen.rst", b"Chosen\n######\n\n:date: 2024-01-01\n\n`nowhere`_\n");
        // Unchosen posts with plain headers are not rendered, broken bodies or not.
        for i in 0..5 {
            let text = format!("Plain {i}\n#######\n\n:date: 2024-01-01\n\n`broken`_ *open\n");
            write(root, &format!("content/plain-{i}.rst"), text.as_bytes());
        }
        // A title made by a substitution defined further down: only a render tells its slug.
        write(
            root,
            "content/subst.rst",
            b"|c|\n###\n\n:date: 2024-01-01\n\nBody.\n\n.. |c| replace:: Chosen\n",
        );
        let blog = Blog::open(root).unwrap();
        let options = CheckOptions::default();

        let (whole, whole_renders) = renders_during(|| blog.check(&options).unwrap());
        assert_eq!(whole_renders, 7, "the whole check renders every post");
        let chosen = vec!["content/chosen.rst".to_string()];
        let (scoped, scoped_renders) =
            renders_during(|| blog.check_files(&chosen, &options).unwrap());
        assert_eq!(scoped_renders, 2, "the chosen post and the one whose slug needs a render");

        let expected: Vec<_> = whole.into_iter().filter(|f| f.file == chosen[0]).collect();
        assert_eq!(scoped, expected);
        assert!(
            scoped.iter().all(|f| f.kind != FindingKind::DuplicateSlug),
            "chosen.rst sorts first, so the duplicate is reported on the other post: {scoped:#?}"
        );
        let (other, _) = renders_during(|| {
            blog.check_files(&["content/subst.rst".to_string()], &options).unwrap()
        });
        assert!(
            other.iter().any(|f| f.kind == FindingKind::DuplicateSlug
                && f.message.contains("content/chosen.rst")),
            "the substituted title collides with chosen.rst: {other:#?}"
        );
    }

    /// Posts the header decides, and posts whose later text changes their slug.
    const HEADERS: [(&str, Option<&str>); 17] = [
        ("Plain Title\n###########\n\n:date: 2020-01-01\n:tags: a\n\nBody.\n", Some("plain-title")),
        ("T\n=\n\n:date: 2020-01-01\n:slug: my-slug\n\nBody.\n", Some("my-slug")),
        ("T\n=\n\n:slug:\n\nBody.\n", Some("t")),
        ("Heading\n=======\n\n:title: Other Title\n\nBody.\n", Some("other-title")),
        (":title: Fields Only\n:date: 1\n\nBody.\n", Some("fields-only")),
        ("A *bold* ``move``\n=================\n\n:date: 1\n\nx\n", Some("a-bold-move")),
        ("Tom & Jerry\n===========\n\n:date: 1\n\nx\n", Some("tom-amp-jerry")),
        ("=====\nOver\n=====\n\n:date: 1\n\nx\n", Some("over")),
        ("Title\n=====\n\n:date: 1\n\nIntro.\n\nPart\n----\n\nMore.\n", Some("title")),
        ("Title\r\n=====\r\n\r\n:date: 1\r\n\r\nBody.\r\n", Some("title")),
        // A second section of the title's level: the title is not promoted.
        ("One\n===\n\n:date: 1\n\nx\n\nTwo\n===\n\ny\n", None),
        ("|x| Post\n========\n\n:date: 1\n\nBody.\n\n.. |x| replace:: Big\n", None),
        ("See Foo_\n========\n\n:date: 1\n\n.. _Foo: https://example.com/\n", None),
        // Resolved in the header, made ambiguous by a second target further down.
        (
            ".. _Foo: https://a.example/\n\nSee Foo_\n========\n\n:date: 1\n\nx\n\n\
             .. _Foo: https://b.example/\n",
            None,
        ),
        // The field list goes on after a blank line, or its last body does: the header
        // holds all of it.
        ("T\n=\n\n:date: 1\n\n:slug: late\n\nBody.\n", Some("late")),
        ("T\n=\n\n:slug: a\n\n   b\n\nBody.\n", Some("a\n\nb")),
        ("T\n=\n\nNo fields.\n", None),
    ];

    /// The slug of a rendered post with Pelican's default slug rules.
    fn rendered_slug(rendered: &RenderedPost) -> String {
        slug_from(&rendered.metadata, rendered.preview.title.as_deref())
    }

    #[test]
    fn the_header_slug_is_the_rendered_slug_or_no_answer() {
        for (text, expected) in HEADERS {
            let rendered = rendered_slug(&render_post(text));
            let from_header = header_slug(text);
            assert_eq!(from_header.as_deref(), expected, "{text:?}");
            if let Some(slug) = from_header {
                assert_eq!(slug, rendered, "{text:?}");
            }
        }
    }

    #[test]
    fn the_demo_posts_slugs_are_read_from_their_headers() {
        let tmp = tempfile::tempdir().unwrap();
        let blog = crate::demo::create_demo(&tmp.path().join("demo")).unwrap();
        let mut posts = Vec::new();
        walk(blog.root(), &mut |p| {
            if p.extension().is_some_and(|e| e == "rst") {
                posts.push(p.to_path_buf());
            }
        })
        .unwrap();
        assert!(!posts.is_empty());
        for post in posts {
            let text = fs::read_to_string(&post).unwrap();
            let slug = header_slug(&text);
            assert_eq!(slug, Some(rendered_slug(&render_post(&text))), "{}", post.display());
        }
    }
}
