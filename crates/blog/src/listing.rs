//! Listing a blog's posts fast: walk the article and page folders Pelican reads, read only
//! the head of each file, and remember what was read by modification time and size — in
//! memory, and in a cache file between runs, so a big blog opens without reading its posts.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::atomic_write::write_atomic;
use crate::error::{io, Result};
use folio_pelican::content_files::{ContentFiles, ContentKind};
use folio_pelican::typogrify::Typogrify;

use crate::post::{pelican_status, Header, PostFormat, PostKind, PostSummary};
use crate::{blog_path, Blog};

/// How much of a post is read to list it. Headers are a title and a field list; this is
/// many times that, and a header cut off here still yields its title and first fields.
const HEAD_BYTES: u64 = 16 * 1024;

/// Below this many posts to read, threads cost more than they save.
const PARALLEL_FROM: usize = 256;

/// What was read of each post, keyed by path, valid while its mtime and size stay.
#[derive(Clone, Debug, Default)]
pub(crate) struct ListingCache(Arc<Mutex<HashMap<PathBuf, Cached>>>, Arc<AtomicUsize>);

#[derive(Clone, Debug)]
struct Cached {
    modified: Option<SystemTime>,
    len: u64,
    summary: PostSummary,
}

/// A cache entry as stored between runs: the time as seconds and nanoseconds since 1970.
#[derive(Serialize, Deserialize)]
struct Stored {
    path: PathBuf,
    modified: Option<(u64, u32)>,
    len: u64,
    summary: PostSummary,
}

/// The cache file's version: a file of another version is ignored. Bumped when the layout
/// or the reading of a post's header changes (2: fields after a blank line in the field
/// list count; 3: Markdown metadata as Pelican reads it, dates from file names, statuses
/// lowercased; 4: metadata from the blog's settings, slugs, categories as Pelican gives
/// them, hidden files read; 5: titles typogrified when TYPOGRIFY is on).
const CACHE_VERSION: u32 = 5;

#[derive(Serialize, Deserialize)]
struct StoredCache {
    version: u32,
    /// The settings the summaries were made with (see [`Blog::listing_key`]).
    settings: String,
    entries: Vec<Stored>,
}

/// A post file found by the walk, before its head is read.
pub(crate) struct Found {
    pub(crate) path: PathBuf,
    pub(crate) format: PostFormat,
    pub(crate) kind: PostKind,
    pub(crate) modified: Option<SystemTime>,
    pub(crate) len: u64,
}

impl Blog {
    /// Lists every article and page (reST, Markdown and HTML), sorted by path. Reads the
    /// head of each post that changed since the last listing.
    pub fn list_posts(&self) -> Result<Vec<PostSummary>> {
        let content = blog_path::resolve(&self.root, &self.conf.content_path)?;
        let files = self.conf.content_files();
        let mut found = Vec::new();
        // Pages first, as Pelican's generators run (a file both walks reach is read once).
        for kind in [PostKind::Page, PostKind::Article] {
            walk(&content, kind, &files, &mut found)?;
        }
        let mut seen = HashSet::new();
        found.retain(|f| seen.insert(f.path.clone()));

        let mut posts = Vec::with_capacity(found.len());
        let mut to_read = Vec::new();
        {
            let cache = self.listing.0.lock().unwrap_or_else(|p| p.into_inner());
            for file in found {
                match cache.get(&file.path) {
                    Some(c)
                        if c.modified == file.modified
                            && c.len == file.len
                            && c.summary.kind == file.kind =>
                    {
                        posts.push(c.summary.clone())
                    }
                    _ => to_read.push(file),
                }
            }
        }
        let read = self.summarize_all(&content, &to_read)?;
        self.listing.1.fetch_add(read.len(), Ordering::Relaxed);
        let mut cache = self.listing.0.lock().unwrap_or_else(|p| p.into_inner());
        for (file, summary) in to_read.into_iter().zip(read) {
            let cached =
                Cached { modified: file.modified, len: file.len, summary: summary.clone() };
            cache.insert(file.path, cached);
            posts.push(summary);
        }
        posts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(posts)
    }

    /// Like [`Blog::list_posts`], with the cache kept in `cache_file` between runs: it is
    /// read first when this `Blog` has listed nothing yet, and rewritten when the listing
    /// had to read posts. The cache only saves time: a missing, stale or damaged file is
    /// ignored, and a failure to write it is not an error.
    pub fn list_posts_cached(&self, cache_file: &Path) -> Result<Vec<PostSummary>> {
        let empty = self.listing.0.lock().unwrap_or_else(|p| p.into_inner()).is_empty();
        if empty {
            self.load_listing(cache_file);
        }
        let before = self.posts_read();
        let posts = self.list_posts()?;
        if self.posts_read() != before {
            let _ = self.store_listing(cache_file, &posts);
        }
        Ok(posts)
    }

    fn load_listing(&self, file: &Path) {
        let Ok(bytes) = std::fs::read(file) else { return };
        let Ok(stored) = serde_json::from_slice::<StoredCache>(&bytes) else { return };
        if stored.version != CACHE_VERSION || stored.settings != self.listing_key() {
            return;
        }
        let mut cache = self.listing.0.lock().unwrap_or_else(|p| p.into_inner());
        for entry in stored.entries {
            // Only paths inside this blog: the file could be another blog's or edited.
            if !entry.path.starts_with(&self.root) {
                continue;
            }
            let modified = entry
                .modified
                .map(|(secs, nanos)| UNIX_EPOCH + Duration::new(secs, nanos.min(999_999_999)));
            cache.insert(entry.path, Cached { modified, len: entry.len, summary: entry.summary });
        }
    }

    /// Writes the cache entries of `posts` (so deleted posts drop out) to `file`.
    fn store_listing(&self, file: &Path, posts: &[PostSummary]) -> Result<()> {
        let entries = {
            let cache = self.listing.0.lock().unwrap_or_else(|p| p.into_inner());
            posts
                .iter()
                .filter_map(|post| {
                    let path = self.root.join(&post.path);
                    cache.get_key_value(&path)
                })
                .map(|(path, c)| Stored {
                    path: path.clone(),
                    modified: c
                        .modified
                        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
                        .map(|d| (d.as_secs(), d.subsec_nanos())),
                    len: c.len,
                    summary: c.summary.clone(),
                })
                .collect()
        };
        let stored = StoredCache { version: CACHE_VERSION, settings: self.listing_key(), entries };
        let bytes = serde_json::to_vec(&stored).map_err(|e| crate::Error::Io {
            action: "save",
            path: file.to_path_buf(),
            source: e.into(),
        })?;
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(io("create", dir))?;
        }
        write_atomic(file, &bytes)
    }

    /// What the summaries depend on besides the files: the settings, as a hash of all of
    /// them when the blog's Python gave them (Pelican's defaults otherwise).
    fn listing_key(&self) -> String {
        match self.settings() {
            Some(values) => {
                crate::revision::revision_of(&serde_json::to_vec(values).unwrap_or_default())
            }
            None => "literal".to_string(),
        }
    }

    /// How many post files listings of this blog have read so far (cache misses).
    pub fn posts_read(&self) -> usize {
        self.listing.1.load(Ordering::Relaxed)
    }

    fn summarize_all(&self, content: &Path, files: &[Found]) -> Result<Vec<PostSummary>> {
        // With TYPOGRIFY on, Pelican's readers typogrify every title: the list shows the
        // published title as text. (Settings typogrify refuses leave titles as they are;
        // the preview and `folio check` say why.)
        let typogrify = self
            .settings()
            .and_then(|s| crate::PostSettings::from_settings(s).ok())
            .and_then(|p| p.typogrify);
        let typogrify = typogrify.as_ref();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4);
        if files.len() < PARALLEL_FROM || threads < 2 {
            return files.iter().map(|f| self.summarize(content, f, typogrify)).collect();
        }
        let chunk = files.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|f| self.summarize(content, f, typogrify))
                            .collect::<Result<Vec<_>>>()
                    })
                })
                .collect();
            let mut all = Vec::with_capacity(files.len());
            for worker in workers {
                // A worker only panics on a bug; report it as one instead of unwinding here.
                let part = worker.join().unwrap_or_else(|_| Ok(Vec::new()))?;
                all.extend(part);
            }
            Ok(all)
        })
    }

    fn summarize(
        &self,
        content: &Path,
        file: &Found,
        typogrify: Option<&Typogrify>,
    ) -> Result<PostSummary> {
        let mut head = Vec::with_capacity(4096);
        let opened = std::fs::File::open(&file.path).map_err(io("read", &file.path))?;
        opened.take(HEAD_BYTES).read_to_end(&mut head).map_err(io("read", &file.path))?;
        let text = String::from_utf8_lossy(&head);
        let header = Header::parse_in(file.format, &text, self.language());
        let meta = self.post_meta(content, &file.path, file.kind, &header, file.modified);
        let stem =
            file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(PostSummary {
            path: blog_path::relative(&self.root, &file.path),
            date: meta.date,
            title: match (meta.title, typogrify) {
                (Some(title), Some(typogrify)) => typogrified_title(typogrify, &title),
                (title, _) => title.unwrap_or(stem),
            },
            status: meta.status.map(|s| pelican_status(Some(&s))),
            category: meta.category,
            slug: meta.slug,
            tags: header.tags,
            kind: file.kind,
            editable: file.format == PostFormat::Rst,
        })
    }
}

/// The text of a title as typogrify publishes it: curly quotes, dashes, ellipses and
/// no-break spaces, its `span`s (caps, amp, quotes) left out.
fn typogrified_title(typogrify: &Typogrify, title: &str) -> String {
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let html = typogrify.apply(&escaped);
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape_entities(&text)
}

/// `text` with HTML character references read back: numeric ones and the named ones
/// typogrify and an escaped title use.
fn unescape_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Folders no walk enters: git's, and Folio's own trash of deleted posts. (Pelican would
/// read a post in them only when the content folder is the repository's root.)
const NEVER_CONTENT: [&str; 2] = [".git", crate::post_ops::TRASH_DIR];

/// Collects the post files of `kind` under the content folder (iteratively), as Pelican's
/// `get_files` finds them: its paths walked, the folders its excludes and `IGNORE_FILES`
/// name pruned, ignored names and other extensions skipped. Symlinks are skipped too
/// (Pelican follows them; they could lead out of the blog).
pub(crate) fn walk(
    content: &Path,
    kind: PostKind,
    files: &ContentFiles,
    out: &mut Vec<Found>,
) -> Result<()> {
    let content_kind = match kind {
        PostKind::Article => ContentKind::Article,
        PostKind::Page => ContentKind::Page,
    };
    for start in files.paths(content_kind) {
        let start = if start.is_empty() { content.to_path_buf() } else { content.join(start) };
        let mut dirs = vec![start];
        while let Some(dir) = dirs.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => continue,
                Err(e) => return Err(io("list", &dir)(e)),
            };
            for entry in entries {
                let entry = entry.map_err(io("list", &dir))?;
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                let file_type = entry.file_type().map_err(io("inspect", &path))?;
                if file_type.is_dir() {
                    let rel = blog_path::relative(content, &path);
                    if !NEVER_CONTENT.contains(&name.as_str()) && !files.prunes(content_kind, &rel)
                    {
                        dirs.push(path);
                    }
                    continue;
                }
                if !file_type.is_file() || files.ignores(&name) {
                    continue;
                }
                let Some(format) =
                    path.extension().and_then(|e| e.to_str()).and_then(PostFormat::from_extension)
                else {
                    continue;
                };
                let meta = entry.metadata().map_err(io("inspect", &path))?;
                let (modified, len) = (meta.modified().ok(), meta.len());
                out.push(Found { path, format, kind, modified, len });
            }
        }
    }
    Ok(())
}
