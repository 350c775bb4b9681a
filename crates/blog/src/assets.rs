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
        Ok(Asset { bytes, mime: mime_for(&rel) })
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

fn mime_for(path: &str) -> &'static str {
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
