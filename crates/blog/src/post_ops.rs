//! Operations on posts as files: status changes, delete into a recoverable trash, restore.

use std::path::{Path, PathBuf};

use crate::atomic_write::write_atomic;
use crate::error::{io, Error, Result};
use crate::{blog_path, header_fields, Blog};

/// Where deleted posts go, inside the blog so a delete never crosses file systems, hidden
/// so Pelican, the listing and the watcher pass it by, and excluded from git.
pub const TRASH_DIR: &str = ".folio-trash";

/// A post's publication state, as Pelican's `:status:` field says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostStatus {
    /// Not published by Pelican.
    Draft,
    /// Published.
    Published,
}

impl PostStatus {
    fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::Published => "published",
        }
    }
}

impl Blog {
    /// Sets the post's `:status:` field (adding it if missing), saving atomically.
    pub fn set_status(&self, rel: &str, status: PostStatus) -> Result<()> {
        let post = self.read_post(rel)?;
        let text = header_fields::set_field(&post.text, "status", status.as_str());
        self.save_post(rel, &text, Some(&post.revision)).map(drop)
    }

    /// Moves the post into the blog's trash and returns where it is now (relative to the
    /// root), for [`Blog::restore_post`]. Nothing is removed from disk.
    pub fn delete_post(&self, rel: &str) -> Result<String> {
        let from = blog_path::resolve(&self.root, rel)?;
        if !from.is_file() {
            return Err(io("delete", &from)(std::io::Error::from(std::io::ErrorKind::NotFound)));
        }
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        let to_rel = format!("{TRASH_DIR}/{stamp}/{rel}");
        let to = self.root.join(&to_rel);
        self.exclude_trash_from_git()?;
        move_file(&from, &to)?;
        Ok(to_rel)
    }

    /// Puts a post from the trash back where it was. Refuses if a file is there now.
    pub fn restore_post(&self, trash_rel: &str) -> Result<String> {
        let from = blog_path::resolve(&self.root, trash_rel)?;
        let original = trash_rel
            .strip_prefix(TRASH_DIR)
            .and_then(|r| r.trim_start_matches('/').split_once('/'))
            .map(|(_, rel)| rel.to_string())
            .ok_or_else(|| Error::OutsideBlog(trash_rel.to_string()))?;
        let to = blog_path::resolve(&self.root, &original)?;
        if to.exists() {
            return Err(io("restore over", &to)(std::io::Error::from(
                std::io::ErrorKind::AlreadyExists,
            )));
        }
        move_file(&from, &to)?;
        Ok(original)
    }

    /// Adds the trash to `.git/info/exclude` once, so deleted posts never show as new files.
    fn exclude_trash_from_git(&self) -> Result<()> {
        let git_dir = self.root.join(".git");
        if !git_dir.is_dir() {
            return Ok(());
        }
        let exclude = git_dir.join("info").join("exclude");
        let current = std::fs::read_to_string(&exclude).unwrap_or_default();
        let line = format!("/{TRASH_DIR}/");
        if current.lines().any(|l| l.trim() == line) {
            return Ok(());
        }
        if let Some(parent) = exclude.parent() {
            std::fs::create_dir_all(parent).map_err(io("create folder", parent))?;
        }
        let separator = if current.is_empty() || current.ends_with('\n') { "" } else { "\n" };
        write_atomic(&exclude, format!("{current}{separator}{line}\n").as_bytes())
    }
}

/// Renames `from` to `to`, creating `to`'s folder. Both are inside the blog, so this is a
/// rename on one file system: the file is never half-moved.
fn move_file(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(io("create folder", parent))?;
    }
    std::fs::rename(from, to).map_err(io("move", from))
}

/// Columns a title takes in a monospace line, as docutils counts them for the underline:
/// East Asian wide and full-width characters count two.
fn title_width(title: &str) -> usize {
    title
        .chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1F64F
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

/// A file name under `dir` for `slug` that no file has yet: `slug.rst`, `slug-2.rst`, ...
fn unused_post_path(dir: &Path, slug: &str) -> (PathBuf, String) {
    let mut n = 1;
    loop {
        let candidate = if n == 1 { slug.to_string() } else { format!("{slug}-{n}") };
        let path = dir.join(format!("{candidate}.rst"));
        if !path.exists() {
            return (path, candidate);
        }
        n += 1;
    }
}

impl Blog {
    /// Creates a draft post titled `title`, dated `date` (as written in the field, e.g.
    /// `2026-11-25 10:00`), in the first article folder, under a file name no post has yet.
    /// Returns its path relative to the root.
    pub fn new_post(&self, title: &str, date: &str) -> Result<String> {
        let title = title.trim();
        if title.is_empty() || title.contains('\n') {
            return Err(Error::InvalidTitle(title.to_string()));
        }
        let slug = match crate::slug::slugify(title).trim_matches('-') {
            "" => "post".to_string(),
            s => s.to_string(),
        };
        let article_dir = self.conf.article_paths.first().map(String::as_str).unwrap_or("");
        let dir_rel = [self.conf.content_path.as_str(), article_dir]
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("/");
        let dir = blog_path::resolve(&self.root, &dir_rel)?;
        std::fs::create_dir_all(&dir).map_err(io("create folder", &dir))?;
        let (path, slug) = unused_post_path(&dir, &slug);
        let text = format!(
            "{title}\n{}\n\n:date: {date}\n:slug: {slug}\n:status: draft\n:summary:\n\n",
            "#".repeat(title_width(title))
        );
        // create_new: never replace a file that appeared since the name was chosen.
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io("create", &path))?;
        file.write_all(text.as_bytes()).map_err(io("write", &path))?;
        file.sync_all().map_err(io("flush to disk", &path))?;
        Ok(blog_path::relative(&self.root, &path))
    }

    /// Gives the post a new slug: renames its file to `<slug>.rst`, sets its `:slug:`,
    /// moves its image folder `images/<old>/` to `images/<new>/`, and rewrites references to
    /// both in every post. Checks everything before moving anything; returns the new path.
    pub fn reslug_post(&self, rel: &str, new_slug: &str) -> Result<String> {
        let new_slug = crate::slug::slugify(new_slug);
        if new_slug.trim_matches('-').is_empty() {
            return Err(Error::InvalidTitle(new_slug));
        }
        let from = blog_path::resolve(&self.root, rel)?;
        let post = self.read_post(rel)?;
        let old_slug = header_fields::field(&post.text, "slug")
            .filter(|s| !s.is_empty())
            .or_else(|| from.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let dir = from.parent().unwrap_or(&self.root);
        let to = dir.join(format!("{new_slug}.rst"));
        let content = blog_path::resolve(&self.root, &self.conf.content_path)?;
        let images = self.conf.static_paths.first().map(String::as_str).unwrap_or("images");
        let old_images = content.join(images).join(&old_slug);
        let new_images = content.join(images).join(&new_slug);
        if to != from && to.exists() {
            return Err(io("rename to", &to)(std::io::Error::from(
                std::io::ErrorKind::AlreadyExists,
            )));
        }
        if old_images.is_dir() && new_images.exists() {
            return Err(io("move images to", &new_images)(std::io::Error::from(
                std::io::ErrorKind::AlreadyExists,
            )));
        }

        let content_rel = |p: &Path| blog_path::relative(&content, p);
        let replacements = [
            (format!("/{images}/{old_slug}/"), format!("/{images}/{new_slug}/")),
            (
                format!("{{filename}}/{}", content_rel(&from)),
                format!("{{filename}}/{}", content_rel(&to)),
            ),
            (
                format!("|filename|/{}", content_rel(&from)),
                format!("|filename|/{}", content_rel(&to)),
            ),
        ];
        // 1. The post itself: new slug and references, written in place, then renamed.
        let mut text = header_fields::set_field(&post.text, "slug", &new_slug);
        for (old, new) in &replacements {
            text = text.replace(old.as_str(), new);
        }
        self.save_post(rel, &text, Some(&post.revision))?;
        if to != from {
            std::fs::rename(&from, &to).map_err(io("rename", &from))?;
        }
        // 2. Its images.
        if old_images.is_dir() {
            std::fs::rename(&old_images, &new_images).map_err(io("move", &old_images))?;
        }
        // 3. Every other post that points at it or its images.
        let new_rel = blog_path::relative(&self.root, &to);
        for other in self.list_posts()? {
            if other.path == new_rel || !other.editable {
                continue;
            }
            let other_post = self.read_post(&other.path)?;
            let mut updated = other_post.text.clone();
            for (old, new) in &replacements {
                updated = updated.replace(old.as_str(), new);
            }
            if updated != other_post.text {
                self.save_post(&other.path, &updated, Some(&other_post.revision))?;
            }
        }
        Ok(new_rel)
    }
}
