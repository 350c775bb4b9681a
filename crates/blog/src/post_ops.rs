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

/// The trash folder of a blog root.
pub fn trash_dir(root: &Path) -> PathBuf {
    root.join(TRASH_DIR)
}
