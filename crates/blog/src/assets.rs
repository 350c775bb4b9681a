//! Serving the blog's own files (images) to the preview, and pointing the preview's image
//! URLs at them, without ever reading outside the blog folder.

use crate::error::{io, Result};
use crate::{blog_path, Blog};

/// A file for the preview: its bytes and MIME type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// Its MIME type, from the file name.
    pub mime: &'static str,
}

/// What the preview shows for an image that is a Git LFS pointer, not the image.
pub const LFS_PLACEHOLDER: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" \
    height=\"80\" viewBox=\"0 0 320 80\" role=\"img\" aria-label=\"Stored in Git LFS, not \
    downloaded\"><rect width=\"320\" height=\"80\" rx=\"6\" fill=\"#f3f0e8\" \
    stroke=\"#b9ad8f\" stroke-dasharray=\"6 4\"/><text x=\"160\" y=\"36\" \
    text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"15\" fill=\"#5a5140\">\
    Stored in Git LFS</text><text x=\"160\" y=\"58\" text-anchor=\"middle\" \
    font-family=\"sans-serif\" font-size=\"13\" fill=\"#7a705c\">not downloaded \
    (git lfs pull)</text></svg>";

/// Files larger than this are not served to the preview (a camera's raw file, a video).
const MAX_ASSET_BYTES: u64 = 64 * 1024 * 1024;

impl Blog {
    /// Reads the file at a preview URL's path (percent-encoded, relative to the blog root).
    /// Paths that leave the blog — `..`, `%2e%2e`, absolute paths, symlinks out — are refused.
    pub fn read_asset(&self, url_path: &str) -> Result<Asset> {
        let rel = percent_decode(url_path.strip_prefix('/').unwrap_or(url_path))
            .ok_or_else(|| crate::Error::OutsideBlog(url_path.to_string()))?;
        let path = blog_path::resolve(&self.root, &rel)?;
        // Resolve again after following links: the file itself may be a symlink out.
        let real = path.canonicalize().map_err(io("open", &path))?;
        if !real.starts_with(&self.root) {
            return Err(crate::Error::OutsideBlog(rel));
        }
        let meta = real.metadata().map_err(io("inspect", &real))?;
        if !meta.is_file() || meta.len() > MAX_ASSET_BYTES {
            return Err(io("serve", &real)(std::io::Error::from(std::io::ErrorKind::InvalidInput)));
        }
        let bytes = std::fs::read(&real).map_err(io("read", &real))?;
        let mime = mime_for(&rel);
        if mime.starts_with("image/") && crate::git::is_lfs_pointer(&bytes) {
            // The image is in Git LFS and was never downloaded: say so where it would show.
            return Ok(Asset { bytes: LFS_PLACEHOLDER.as_bytes().to_vec(), mime: "image/svg+xml" });
        }
        Ok(Asset { bytes, mime })
    }
}

/// Rewrites the image URLs in preview `html` of the post at `post_rel` (relative to the
/// blog root) to `prefix` + the image's path from the blog root, the way Pelican will
/// resolve them: `{static}/x` and `{attach}/x` from the content folder, `{static}x` and
/// plain relative paths from the post's folder, and site-absolute `/x` from the content
/// folder (where Pelican copies static files from). Remote URLs stay as they are.
pub fn rewrite_image_urls(html: &str, content_dir: &str, post_rel: &str, prefix: &str) -> String {
    let post_dir = post_rel.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("src=\"") {
        let value_start = at + "src=\"".len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let Some(end) = rest.find('"') else { break };
        let url = &rest[..end];
        match local_path(url, content_dir, post_dir) {
            Some(path) => {
                out.push_str(prefix);
                out.push_str(&percent_encode(&path));
            }
            None => out.push_str(url),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn local_path(url: &str, content_dir: &str, post_dir: &str) -> Option<String> {
    let url = url.replace("&amp;", "&");
    let join = |base: &str, path: &str| {
        let path = path.trim_start_matches('/');
        if base.is_empty() {
            path.to_string()
        } else {
            format!("{base}/{path}")
        }
    };
    for marker in ["{static}", "{attach}", "|static|", "|attach|"] {
        if let Some(path) = url.strip_prefix(marker) {
            let base = if path.starts_with('/') { content_dir } else { post_dir };
            return Some(join(base, path));
        }
    }
    if url.contains("://")
        || url.starts_with("data:")
        || url.starts_with("//")
        || url.starts_with('{')
    {
        return None;
    }
    Some(if url.starts_with('/') { join(content_dir, &url) } else { join(post_dir, &url) })
}

/// Replaces each `<iframe>` of preview `html` (raw HTML, like a video embed) by an inert
/// placeholder of the same size that names the embedded site. The preview never loads
/// other sites: its frame forbids them, which would otherwise leave a blank hole.
pub fn inert_embeds(html: &str) -> String {
    const OPEN: &str = "<iframe";
    const CLOSE: &str = "</iframe>";
    if !html.contains(OPEN) && !html.contains("<IFRAME") {
        return html.to_string();
    }
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    while let Some(at) = lower[done..].find(OPEN).map(|i| done + i) {
        let Some(tag_end) = tag_end(&html[at..]).map(|e| at + e) else { break };
        let tag = &html[at..tag_end];
        let end = lower[tag_end..].find(CLOSE).map_or(tag_end, |i| tag_end + i + CLOSE.len());
        out.push_str(&html[done..at]);
        out.push_str(&embed_placeholder(tag));
        done = end;
    }
    out.push_str(&html[done..]);
    out
}

/// The length of the tag starting `html` up to and including its `>`, quotes respected.
fn tag_end(html: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in the opening `tag`, if it has one.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name).map(|i| from + i) {
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[from..].trim_start();
        let Some(value) = rest.strip_prefix('=') else { continue };
        let value = value.trim_start();
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
            _ => value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or_default(),
        });
    }
    None
}

fn embed_placeholder(tag: &str) -> String {
    let src = attribute(tag, "src").unwrap_or_default();
    let host = src
        .split_once("//")
        .map_or(src, |(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or_default());
    let size = |name: &str| {
        attribute(tag, name).filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut style = String::from(
        "box-sizing:border-box;max-width:100%;display:flex;align-items:center;\
         justify-content:center;text-align:center;padding:1em;border:2px dashed #9aa1a9;\
         border-radius:8px;color:#6a6f76;font:14px/1.4 sans-serif;",
    );
    if let Some(w) = size("width") {
        style.push_str(&format!("width:{w}px;"));
    }
    if let Some(h) = size("height") {
        style.push_str(&format!("height:{h}px;"));
    }
    let what = if host.is_empty() {
        "Embedded content".to_string()
    } else {
        format!("Embedded content from {}", escape(host))
    };
    format!(
        "<div class=\"folio-embed\" style=\"{style}\">{what}: shown on the published page, not loaded in the preview.</div>"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The URL of the blog file at `path` (relative to the root) under the asset `prefix`.
pub fn asset_url(prefix: &str, path: &str) -> String {
    format!("{prefix}{}", percent_encode(path))
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes; `None` for a malformed escape, invalid UTF-8 or a NUL.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0'))
}

pub(crate) fn mime_for(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "css" => "text/css",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iframes_become_placeholders_naming_the_site_at_the_same_size() {
        let html = "<p>Talk:</p>\n<div><IFRAME\n  width=\"640\" height='385'\n  src=\"https://www.youtube.com/embed/M7T8Xnj9M6c\" title=\"a > b\" allowfullscreen>\n</iframe></div><p>after</p>";
        let out = inert_embeds(html);
        assert!(!out.to_ascii_lowercase().contains("iframe"), "{out}");
        assert!(out.starts_with("<p>Talk:</p>\n<div><div class=\"folio-embed\""), "{out}");
        assert!(out.contains("Embedded content from www.youtube.com"), "{out}");
        assert!(out.contains("width:640px;") && out.contains("height:385px;"), "{out}");
        assert!(out.ends_with("</div></div><p>after</p>"), "{out}");
    }

    #[test]
    fn hostile_iframe_attributes_stay_text() {
        let out = inert_embeds(
            "<iframe src=\"https://x.test/<script>\" width=\"1;background:url(x)\"></iframe>",
        );
        assert!(out.contains("x.test"), "{out}");
        assert!(!out.contains("<script>") && !out.contains("url(x)"), "{out}");
        // An unclosed tag is left alone rather than guessed at.
        assert_eq!(inert_embeds("<p>a <iframe src=\"x"), "<p>a <iframe src=\"x");
        assert_eq!(inert_embeds("<p>no frames</p>"), "<p>no frames</p>");
    }

    const PREFIX: &str = "folio://localhost/";

    #[test]
    fn image_urls_resolve_the_way_pelican_resolves_them() {
        let rewrite = |src: &str| {
            rewrite_image_urls(
                &format!("<img alt=\"\" src=\"{src}\" />"),
                "content",
                "content/2024/post.rst",
                PREFIX,
            )
        };
        assert!(rewrite("{static}/images/a b.png")
            .contains("src=\"folio://localhost/content/images/a%20b.png\""));
        assert!(rewrite("{static}pics/x.png")
            .contains("src=\"folio://localhost/content/2024/pics/x.png\""));
        assert!(rewrite("/images/logo.svg")
            .contains("src=\"folio://localhost/content/images/logo.svg\""));
        assert!(rewrite("here.png").contains("src=\"folio://localhost/content/2024/here.png\""));
        assert!(rewrite("https://example.com/x.png").contains("src=\"https://example.com/x.png\""));
        assert!(rewrite("data:image/png;base64,AA").contains("src=\"data:image/png;base64,AA\""));
    }

    #[test]
    fn decoding_refuses_malformed_escapes_and_nul() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("%2e%2e/x").as_deref(), Some("../x"));
        assert_eq!(percent_decode("bad%2"), None);
        assert_eq!(percent_decode("nul%00"), None);
    }
}
