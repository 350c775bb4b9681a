//! The crash journal: unsaved editor text, kept in the app data folder until it is saved or
//! discarded, so a crash or `kill -9` loses nothing.
//!
//! One JSON file per (blog, post), replaced atomically on every record, so a kill at any
//! moment leaves the previous or the new entry whole.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::atomic_write::write_atomic;
use crate::error::{io, Result};
use crate::revision::revision_of;

/// Unsaved text of one post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JournalEntry {
    /// The blog's root folder.
    pub blog: String,
    /// The post, relative to the blog root.
    pub path: String,
    /// The revision of the file the text was based on.
    pub base_revision: Option<String>,
    /// When it was recorded, in milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub recorded_at: u64,
    /// The editor's text.
    pub text: String,
}

/// The journal folder.
#[derive(Clone, Debug)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    /// A journal kept in `dir` (created on first record).
    pub fn new(dir: PathBuf) -> Journal {
        Journal { dir }
    }

    fn entry_path(&self, blog: &Path, post: &str) -> PathBuf {
        let key = format!("{}\n{post}", blog.display());
        self.dir.join(format!("{}.json", revision_of(key.as_bytes())))
    }

    /// Records the unsaved `text` of `post`. Returns once it is on disk.
    pub fn record(
        &self,
        blog: &Path,
        post: &str,
        base_revision: Option<&str>,
        text: &str,
    ) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(io("create folder", &self.dir))?;
        let entry = JournalEntry {
            blog: blog.display().to_string(),
            path: post.to_string(),
            base_revision: base_revision.map(str::to_string),
            recorded_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64),
            text: text.to_string(),
        };
        let path = self.entry_path(blog, post);
        let json = serde_json::to_vec(&entry)
            .map_err(|e| crate::Error::Settings { path: path.clone(), message: e.to_string() })?;
        write_atomic(&path, &json)
    }

    /// Forgets the unsaved text of `post` (after it was saved or discarded).
    pub fn discard(&self, blog: &Path, post: &str) -> Result<()> {
        let path = self.entry_path(blog, post);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", &path)(e)),
            _ => Ok(()),
        }
    }

    /// Every entry in the journal, oldest first. Files that cannot be read as entries (a
    /// temporary file a crash left behind) are skipped: entries are only ever replaced whole.
    pub fn entries(&self) -> Result<Vec<JournalEntry>> {
        let listing = match std::fs::read_dir(&self.dir) {
            Ok(listing) => listing,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io("list", &self.dir)(e)),
        };
        let mut entries = Vec::new();
        for item in listing {
            let path = item.map_err(io("list", &self.dir))?.path();
            if path.extension().is_some_and(|e| e == "json") {
                let bytes = std::fs::read(&path).map_err(io("read", &path))?;
                if let Ok(entry) = serde_json::from_slice::<JournalEntry>(&bytes) {
                    entries.push(entry);
                }
            }
        }
        entries.sort_by_key(|e| e.recorded_at);
        Ok(entries)
    }

    /// The entries of `blog` whose text differs from the post on disk: what a crash left
    /// unsaved. Entries whose text is already on disk are discarded.
    pub fn unsaved_for(&self, blog: &crate::Blog) -> Result<Vec<JournalEntry>> {
        let root = blog.root().display().to_string();
        let mut unsaved = Vec::new();
        for entry in self.entries()?.into_iter().filter(|e| e.blog == root) {
            match blog.read_post(&entry.path) {
                Ok(post) if post.text == entry.text => self.discard(blog.root(), &entry.path)?,
                _ => unsaved.push(entry),
            }
        }
        Ok(unsaved)
    }
}
