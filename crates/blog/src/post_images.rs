//! The images of one post, as the image panel shows them: the files in its image folder
//! and the images it refers to, each marked when no post uses it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::check::{image_mentions, walk, IMAGE_EXTENSIONS};
use crate::error::{io, Error, Result};
use crate::image_import::{alt_from_name, image_directive};
use crate::literal_text::blank_literals;
use crate::post::{Header, PostFormat};
use crate::{blog_path, header_fields, Blog};

/// One image of a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostImage {
    /// The file, relative to the blog root, `/`-separated.
    pub path: String,
    /// The file's name.
    pub name: String,
    /// The reST that shows it, with an alt text made from its name.
    pub rst: String,
    /// The post refers to it (in the text given, else as saved on disk).
    pub in_post: bool,
    /// No post of the blog refers to it: publishing would carry a file nobody sees.
    pub orphan: bool,
    /// The file is a Git LFS pointer whose image was never downloaded here ("stored in Git
    /// LFS, not downloaded"), not a broken image.
    pub lfs_pointer: bool,
}

impl Blog {
    /// The slug the post's images are filed under (`images/<slug>/`): its `:slug:` field,
    /// else its file name without the extension. Reads the post.
    pub fn post_slug(&self, rel: &str) -> Result<String> {
        let path = blog_path::resolve(&self.root, rel)?;
        let text = fs::read(&path).map_err(io("read", &path))?;
        let text = String::from_utf8_lossy(&text);
        Ok(slug_of(&path, &text))
    }

    /// Lists the images in the post's folder `images/<slug>/` and the images the post
    /// refers to elsewhere, sorted by path. Reads every post of the blog to find orphans.
    /// `text` is the post as the writer has it now (unsaved, in the editor); without it
    /// the post is read from disk.
    pub fn list_post_images(&self, rel: &str, text: Option<&str>) -> Result<Vec<PostImage>> {
        let post_path = blog_path::resolve(&self.root, rel)?;
        let post_text = match text {
            Some(text) => text.to_string(),
            None => {
                let bytes = fs::read(&post_path).map_err(io("read", &post_path))?;
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        let content = blog_path::resolve(&self.root, &self.conf.content_path)?;

        // Every post's text (reST, Markdown, HTML) without its code, to tell which images
        // some post uses: a path shown in a code block uses nothing.
        let mut texts = Vec::new();
        walk(&content, &mut |path| {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            if let Some(format) = PostFormat::from_extension(ext) {
                texts.push((path.to_path_buf(), format));
            }
        })?;
        let texts: Vec<String> = texts
            .iter()
            .map(|(p, format)| {
                let text = if *p == post_path {
                    post_text.clone()
                } else {
                    let bytes = fs::read(p).map_err(io("read", p))?;
                    String::from_utf8_lossy(&bytes).into_owned()
                };
                Ok(blank_literals(*format, &text))
            })
            .collect::<Result<_>>()?;
        let post_format = post_path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(PostFormat::from_extension)
            .unwrap_or(PostFormat::Rst);
        let post_text = blank_literals(post_format, &post_text);
        let mentioned = image_mentions(&texts);
        // A file a setting names (SITELOGO, EXTRA_PATH_METADATA, …) is used, as in the check.
        let named = self.named_by_settings();
        let used = |in_content: &str| {
            mentioned.contains(in_content)
                || named.contains(in_content)
                || texts.iter().any(|t| t.contains(in_content))
        };

        // The post's folder, then what the post points at outside it.
        let mut found = BTreeSet::new();
        let folder = content.join("images").join(slug_of(&post_path, &post_text));
        if let Ok(entries) = fs::read_dir(&folder) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_file() && is_image(&path) && !is_hidden(&path) {
                    found.insert(blog_path::relative(&content, &path));
                }
            }
        }
        for mention in image_mentions(std::slice::from_ref(&post_text)) {
            let Ok(path) = blog_path::resolve(&content, mention) else { continue };
            if path.is_file() && is_image(&path) {
                found.insert(mention.to_string());
            }
        }

        let content_rel = self.conf.content_path.trim_end_matches('/');
        Ok(found
            .into_iter()
            .map(|in_content| {
                let name = in_content.rsplit('/').next().unwrap_or(&in_content).to_string();
                let stem = Path::new(&name).file_stem().unwrap_or_default().to_string_lossy();
                PostImage {
                    path: if content_rel.is_empty() || content_rel == "." {
                        in_content.clone()
                    } else {
                        format!("{content_rel}/{in_content}")
                    },
                    rst: image_directive(&in_content, &alt_from_name(&stem)),
                    in_post: post_text.contains(&in_content),
                    orphan: !used(&in_content),
                    lfs_pointer: blog_path::resolve(&content, &in_content)
                        .is_ok_and(|abs| crate::git::file_is_lfs_pointer(&abs)),
                    name,
                }
            })
            .collect())
    }

    /// Moves an image from the content's `images/` folder into the blog's trash, like a
    /// deleted post, and returns where it is now (for [`Blog::restore_post`]).
    pub fn delete_image(&self, rel: &str) -> Result<String> {
        let path = blog_path::resolve(&self.root, rel)?;
        let images = blog_path::resolve(&self.root, &self.conf.content_path)?.join("images");
        if !path.starts_with(&images) || !is_image(&path) {
            return Err(Error::OutsideBlog(rel.to_string()));
        }
        self.delete_post(rel)
    }
}

fn slug_of(path: &Path, text: &str) -> String {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let written = match PostFormat::from_extension(ext) {
        Some(PostFormat::Markdown) => Header::parse(PostFormat::Markdown, text).slug,
        _ => header_fields::field(text, "slug"),
    };
    written
        .filter(|s| !s.is_empty())
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

fn is_image(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}
