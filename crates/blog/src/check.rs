//! `folio check`: problems in a blog a writer should fix before publishing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{io, Result};
use crate::preview::{render_post, Severity as DiagSeverity};
use crate::{blog_path, slug::slugify, Blog};

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
    /// The published site would be broken.
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

impl Blog {
    /// Checks every reST post and every image of the blog. Reads the whole content folder.
    /// Findings come sorted by file and line.
    pub fn check(&self, options: &CheckOptions) -> Result<Vec<Finding>> {
        let content_rel = self.conf.content_path.clone();
        let content = blog_path::resolve(&self.root, &content_rel)?;
        let mut findings = Vec::new();
        let mut posts = Vec::new();
        let mut images = Vec::new();
        walk(&content, &mut |path| {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("rst") => posts.push(path.to_path_buf()),
                Some(e) if IMAGE_EXTENSIONS.contains(&e) => images.push(path.to_path_buf()),
                _ => {}
            }
        })?;
        posts.sort();
        images.sort();

        let mut texts = Vec::new();
        let mut slugs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for path in &posts {
            let rel = blog_path::relative(&self.root, path);
            let bytes = fs::read(path).map_err(io("read", path))?;
            let Ok(text) = String::from_utf8(bytes) else {
                findings.push(Finding {
                    file: rel,
                    line: None,
                    severity: Severity::Error,
                    kind: FindingKind::NotUtf8,
                    message: "the file is not UTF-8 text; Pelican cannot read it".into(),
                });
                continue;
            };
            let rendered = render_post(&text);
            for d in &rendered.preview.diagnostics {
                let severity = match d.severity {
                    DiagSeverity::Info => Severity::Info,
                    DiagSeverity::Warning => Severity::Warning,
                    DiagSeverity::Error | DiagSeverity::Severe => Severity::Error,
                };
                findings.push(Finding {
                    file: rel.clone(),
                    line: Some(d.line),
                    severity,
                    kind: FindingKind::Markup,
                    message: d.message.clone(),
                });
            }
            let meta: HashMap<&str, &str> =
                rendered.metadata.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let slug = match meta.get("slug") {
                Some(s) if !s.is_empty() => s.to_string(),
                _ => {
                    let title = rendered.preview.title.as_deref().unwrap_or_default();
                    slugify(&strip_tags(title))
                }
            };
            if !slug.is_empty() {
                slugs.entry(slug).or_default().push(rel.clone());
            }
            self.check_links(path, &rel, &text, &content, &mut findings);
            texts.push(text);
        }

        for (slug, files) in &slugs {
            for file in files.iter().skip(1) {
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

        let mentioned = image_mentions(&texts);
        for image in &images {
            let rel = blog_path::relative(&self.root, image);
            let in_content = blog_path::relative(&content, image);
            // The set answers almost every image at once; the text search is only for names
            // the token scan cannot cut out (spaces inside `<…>`), so big blogs stay fast.
            let orphan = in_content.starts_with("images/")
                && !mentioned.contains(in_content.as_str())
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
            let bytes = fs::metadata(image).map_err(io("inspect", image))?.len();
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
            if let Ok((width, _)) = image::image_dimensions(image) {
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

    fn check_links(
        &self,
        post: &Path,
        rel: &str,
        text: &str,
        content: &Path,
        findings: &mut Vec<Finding>,
    ) {
        for (number, line) in text.lines().enumerate() {
            let line_no = u32::try_from(number + 1).unwrap_or(u32::MAX);
            let is_image = {
                let t = line.trim_start();
                t.starts_with(".. image::") || t.starts_with(".. figure::")
            };
            for (marker, _) in LINK_MARKERS {
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
                    if target.is_empty() {
                        continue;
                    }
                    let file_rel = if let Some(abs) = target.strip_prefix('/') {
                        blog_path::relative(&self.root, &content.join(abs))
                    } else {
                        let dir = post.parent().unwrap_or(content);
                        blog_path::relative(&self.root, &dir.join(target))
                    };
                    let link = format!("{marker}{target}");
                    let finding = match blog_path::resolve(&self.root, &file_rel) {
                        Ok(path) if path.exists() => None,
                        Ok(_) if is_image => Some((
                            Severity::Error,
                            FindingKind::MissingImage,
                            format!("the image {link} does not exist ({file_rel})"),
                        )),
                        // Pelican only warns ("Unable to find …, skipping url replacement").
                        Ok(_) => Some((
                            Severity::Warning,
                            FindingKind::BrokenLink,
                            format!("the link {link} points to a missing file ({file_rel})"),
                        )),
                        Err(_) => Some((
                            Severity::Error,
                            FindingKind::BrokenLink,
                            format!("the link {link} points outside the blog folder"),
                        )),
                    };
                    if let Some((severity, kind, message)) = finding {
                        findings.push(Finding {
                            file: rel.to_string(),
                            line: Some(line_no),
                            severity,
                            kind,
                            message,
                        });
                    }
                }
            }
        }
    }
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
