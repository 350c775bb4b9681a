//! The blog: a user's Pelican site on disk and in git.
//!
//! Owns every file and git operation Folio does on a blog: finding the layout, listing posts
//! with their metadata, reading and saving posts atomically, the demo blog, and the app's
//! remembered settings. It is the only crate that touches the disk. Paths that come from
//! outside (UI, command line) go through [`blog_path::resolve`], which refuses to leave the
//! blog folder. Functions that do I/O say so in their names (`load`, `read_`, `save_`,
//! `create_`, `list_`); `parse`/`render` functions are pure.

pub mod assets;
pub mod atomic_write;
pub mod blog_path;
pub mod check;
pub mod completion;
pub mod demo;
mod error;
pub mod git;
pub mod header_fields;
pub mod image_import;
pub mod journal;
mod listing;
mod literal_text;
pub mod live_preview;
mod open;
pub mod pelican_conf;
pub mod post;
pub mod post_images;
mod post_metadata;
pub mod post_ops;
pub mod preview;
pub mod revision;
pub mod search;
pub mod section_styles;
pub mod settings;
pub mod slug;
pub mod spelling;
pub mod table_reading;
pub mod theme;
pub mod theme_page;
pub mod trust;
pub mod watcher;
pub mod word_diff;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

pub use error::{Error, NotABlogFolder, Result};
pub use folio_pelican::settings::{PluginRegistry, Plugins};
pub use open::{
    LiteralReason, OpenOptions, PythonPolicy, ReadOptions, SettingsReader, SettingsSource,
};
pub use post::{PostKind, PostSummary};
pub use preview::{
    render_post, render_post_bytes, render_post_bytes_in, render_post_in, render_preview,
    IncludeFolder, MetaValue, PostSettings, Preview, RenderedPost,
};

use error::io;
use pelican_conf::PelicanConf;
use revision::revision_of;
use settings::Settings;

/// An open blog: its canonical root folder and the settings read from `pelicanconf.py`.
/// Clones share the record of Folio's own writes, which the watcher uses to stay quiet
/// about them.
#[derive(Clone, Debug)]
pub struct Blog {
    root: PathBuf,
    conf: PelicanConf,
    /// The metadata a post's path and the settings give it.
    rules: Arc<folio_pelican::path_metadata::MetadataRules>,
    source: SettingsSource,
    python: Option<Arc<folio_pelican::settings::PythonSettings>>,
    own_writes: OwnWrites,
    listing: listing::ListingCache,
    heads: theme_page::HeadCache,
}

/// The revision Folio last wrote to each file, so the watcher can tell our writes from
/// another program's.
#[derive(Clone, Debug, Default)]
pub(crate) struct OwnWrites(Arc<Mutex<HashMap<PathBuf, String>>>);

impl OwnWrites {
    fn record(&self, path: &Path, revision: String) {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.insert(path.to_path_buf(), revision);
    }

    /// Whether `bytes` at `path` are exactly what Folio wrote there last.
    pub(crate) fn is_own(&self, path: &Path, bytes: &[u8]) -> bool {
        let map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        map.get(path).is_some_and(|r| *r == revision_of(bytes))
    }
}

/// A post's text as read from disk, with the revision to hand back when saving.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostText {
    /// The text, with `\n` line ends and without a byte-order mark.
    pub text: String,
    /// The revision of the file's bytes (see [`revision::revision_of`]).
    pub revision: String,
}

impl Blog {
    /// Opens the Pelican blog in `dir` reading `pelicanconf.py` as literals, without running
    /// it: [`Blog::open_with`] with the default [`OpenOptions`].
    pub fn open(dir: &Path) -> Result<Blog> {
        Blog::open_with(dir, &OpenOptions::default())
    }

    /// The blog's canonical root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The content folder (`PATH`), relative to the root.
    pub fn content_dir(&self) -> &str {
        &self.conf.content_path
    }

    /// `SITENAME`, or the folder's name.
    pub fn site_name(&self) -> String {
        self.conf.site_name.clone().unwrap_or_else(|| {
            self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        })
    }

    /// Reads the post at `rel` (relative to the root) as text, with its revision.
    pub fn read_post(&self, rel: &str) -> Result<PostText> {
        let path = blog_path::resolve(&self.root, rel)?;
        let bytes = std::fs::read(&path).map_err(io("read", &path))?;
        let revision = revision_of(&bytes);
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
        Ok(PostText { text, revision })
    }

    /// Saves `text` (with `\n` line ends) to the post at `rel`, atomically, keeping the
    /// file's existing line ending style and byte-order mark. With `base`, the revision the
    /// editor read, it refuses with [`Error::ChangedOnDisk`] when the file changed on disk since:
    /// another program's change is never overwritten silently. Returns the new revision.
    pub fn save_post(&self, rel: &str, text: &str, base: Option<&str>) -> Result<String> {
        let path = blog_path::resolve(&self.root, rel)?;
        let existing = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io("read", &path)(e)),
        };
        if let Some(base) = base {
            let on_disk = existing.as_deref().map(revision_of);
            if on_disk.as_deref() != Some(base) {
                let disk_text =
                    existing.as_deref().map(String::from_utf8_lossy).unwrap_or_default();
                return Err(Error::ChangedOnDisk { path, disk_text: disk_text.into_owned() });
            }
        }
        let existing = existing.unwrap_or_default();
        let mut out = String::with_capacity(text.len() + 8);
        if existing.starts_with("\u{feff}".as_bytes()) {
            out.push('\u{feff}');
        }
        if existing.windows(2).any(|w| w == b"\r\n") {
            out.push_str(&text.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        let revision = revision_of(out.as_bytes());
        // Recorded before the write, so the watcher never sees the new file as foreign.
        self.own_writes.record(&path, revision.clone());
        atomic_write::write_atomic(&path, out.as_bytes())?;
        Ok(revision)
    }
}

/// Opens the blog the app used last, or on first run creates the demo blog in
/// `data_dir/demo-blog`, and remembers the choice.
pub fn open_last_or_create_demo(data_dir: &Path) -> Result<Blog> {
    // Unreadable settings must not keep the app from starting: fall back to the demo.
    let settings = Settings::load(data_dir).unwrap_or_default();
    if let Some(last) = &settings.last_blog {
        if let Ok(blog) = Blog::open_with(last, &trust::window_open_options(data_dir, last)) {
            refresh_commit_graph_in_background(&blog);
            return Ok(blog);
        }
    }
    let demo_dir = data_dir.join(trust::DEMO_FOLDER);
    let blog = match Blog::open_with(&demo_dir, &trust::window_open_options(data_dir, &demo_dir)) {
        Ok(blog) => blog,
        Err(_) => {
            std::fs::create_dir_all(data_dir).map_err(io("create folder", data_dir))?;
            demo::create_demo(&demo_dir)?;
            Blog::open_with(&demo_dir, &trust::window_open_options(data_dir, &demo_dir))?
        }
    };
    remember_blog(data_dir, &blog)?;
    Ok(blog)
}

/// Opens the blog at `dir` and remembers it as the one to open next time.
pub fn open_and_remember(data_dir: &Path, dir: &Path) -> Result<Blog> {
    let blog = Blog::open_with(dir, &trust::window_open_options(data_dir, dir))?;
    remember_blog(data_dir, &blog)?;
    refresh_commit_graph_in_background(&blog);
    Ok(blog)
}

/// Has git write the commit-graph's changed-path filters of a long history the window just
/// opened (see [`git::refresh_commit_graph`]), on a thread of its own: opening never waits.
fn refresh_commit_graph_in_background(blog: &Blog) {
    let root = blog.root().to_path_buf();
    std::thread::spawn(move || git::refresh_commit_graph(&root));
}

/// Opens the blog that holds `file` (the nearest folder above it with a `pelicanconf.py`)
/// and remembers it; returns the blog and the file's path inside it, for the window to
/// open when it is started on a file (the desktop's "Open with Folio").
pub fn open_file_and_remember(data_dir: &Path, file: &Path) -> Result<(Blog, String)> {
    let file = file.canonicalize().map_err(io("open", file))?;
    let folder = file.parent().unwrap_or(&file);
    let root = folder
        .ancestors()
        .find(|dir| dir.join("pelicanconf.py").is_file())
        .ok_or_else(|| Error::NotInABlog(file.clone()))?;
    let blog = open_and_remember(data_dir, root)?;
    let rel = file
        .strip_prefix(blog.root())
        .map_err(|_| Error::NotInABlog(file.clone()))?
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Ok((blog, rel))
}

fn remember_blog(data_dir: &Path, blog: &Blog) -> Result<()> {
    Settings::update(data_dir, |settings| {
        settings.opened(blog.root());
        true
    })
}

/// Remembers `path` as the post last opened in the blog at `root`, to open again on start.
/// Does nothing when it is already the one remembered.
pub fn remember_post(data_dir: &Path, root: &Path, path: &str) -> Result<()> {
    Settings::update(data_dir, |settings| {
        let changed = settings.last_post(root) != Some(path);
        settings.set_last_post(root, path);
        changed
    })
}

/// The post last opened in the blog at `root`, if one was.
pub fn last_post(data_dir: &Path, root: &Path) -> Option<String> {
    Settings::load(data_dir).ok()?.last_post(root).map(str::to_string)
}

/// The word-count goal set for the post at `path` of the blog at `root`, if one is.
pub fn word_goal(data_dir: &Path, root: &Path, path: &str) -> Result<Option<u32>> {
    Ok(Settings::load(data_dir)?.word_goal(root, path))
}

/// Sets (or with `None` clears) the word-count goal of the post at `path` of the blog at
/// `root`. Kept in the app's settings, never in the post.
pub fn set_word_goal(data_dir: &Path, root: &Path, path: &str, goal: Option<u32>) -> Result<()> {
    Settings::update(data_dir, |settings| settings.set_word_goal(root, path, goal))
}

/// Blogs opened before (most recent first), other than `current`, that still exist.
pub fn recent_blogs(data_dir: &Path, current: &Path) -> Vec<PathBuf> {
    let settings = Settings::load(data_dir).unwrap_or_default();
    settings.recent.into_iter().filter(|p| p != current && p.is_dir()).collect()
}

/// Where the app keeps the post listing of the blog at `root` between runs (see
/// [`Blog::list_posts_cached`]): one file per blog under `data_dir/listing/`.
pub fn listing_cache_file(data_dir: &Path, root: &Path) -> PathBuf {
    let key = revision_of(root.as_os_str().as_encoded_bytes());
    data_dir.join("listing").join(format!("{key}.json"))
}

/// Clones the blog at `url` into `dir` (which must not exist or be empty), opens it and
/// remembers it.
pub fn clone_and_remember(
    data_dir: &Path,
    url: &str,
    dir: &Path,
    auth: &git::AuthOptions,
    prompter: &mut dyn git::Prompter,
    on_progress: impl FnMut(git::Progress),
) -> Result<Blog> {
    let blog = git::clone_blog(url, dir, auth, prompter, on_progress)?;
    remember_blog(data_dir, &blog)?;
    Ok(blog)
}
