//! The blog: a user's Pelican site on disk and in git.
//!
//! Owns every file and git operation Folio does on a blog: finding the layout, listing posts
//! with their metadata, reading and saving posts atomically, the demo blog, and the app's
//! remembered settings. It is the only crate that touches the disk. Paths that come from
//! outside (UI, command line) go through [`blog_path::resolve`], which refuses to leave the
//! blog folder. Functions that do I/O say so in their names (`load`, `read_`, `save_`,
//! `create_`, `list_`); `parse`/`render` functions are pure.

pub mod atomic_write;
pub mod blog_path;
pub mod check;
pub mod demo;
mod error;
pub mod image_import;
pub mod pelican_conf;
pub mod post;
pub mod preview;
pub mod settings;
pub mod slug;

use std::path::{Path, PathBuf};

pub use error::{Error, Result};
pub use post::PostSummary;
pub use preview::{render_post, render_preview, Preview, RenderedPost};

use error::io;
use pelican_conf::PelicanConf;
use post::{Header, PostFormat};
use settings::Settings;

/// An open blog: its canonical root folder and the settings read from `pelicanconf.py`.
#[derive(Clone, Debug)]
pub struct Blog {
    root: PathBuf,
    conf: PelicanConf,
}

impl Blog {
    /// Opens the Pelican blog in `dir`: a folder with a `pelicanconf.py` or a `content/`.
    pub fn open(dir: &Path) -> Result<Blog> {
        let root = dir.canonicalize().map_err(io("open", dir))?;
        let conf_path = root.join("pelicanconf.py");
        let conf = match std::fs::read_to_string(&conf_path) {
            Ok(text) => PelicanConf::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !root.join("content").is_dir() {
                    return Err(Error::NotABlog(root));
                }
                PelicanConf::default()
            }
            Err(e) => return Err(io("read", &conf_path)(e)),
        };
        Ok(Blog { root, conf })
    }

    /// The blog's canonical root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `SITENAME`, or the folder's name.
    pub fn site_name(&self) -> String {
        self.conf.site_name.clone().unwrap_or_else(|| {
            self.root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        })
    }

    /// Lists every post under the content folder, sorted by path. Reads each post's header.
    pub fn list_posts(&self) -> Result<Vec<PostSummary>> {
        let content = blog_path::resolve(&self.root, &self.conf.content_path)?;
        let mut posts = Vec::new();
        let mut dirs = vec![content];
        while let Some(dir) = dirs.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io("list", &dir)(e)),
            };
            for entry in entries {
                let entry = entry.map_err(io("list", &dir))?;
                let path = entry.path();
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let kind = entry.file_type().map_err(io("inspect", &path))?;
                if kind.is_dir() {
                    dirs.push(path);
                } else if let Some(format) =
                    path.extension().and_then(|e| e.to_str()).and_then(PostFormat::from_extension)
                {
                    posts.push(self.summarize(&path, format)?);
                }
            }
        }
        posts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(posts)
    }

    fn summarize(&self, path: &Path, format: PostFormat) -> Result<PostSummary> {
        let bytes = std::fs::read(path).map_err(io("read", path))?;
        let text = String::from_utf8_lossy(&bytes);
        let header = Header::parse(format, &text);
        let fallback =
            path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Ok(PostSummary {
            path: blog_path::relative(&self.root, path),
            title: header.title.filter(|t| !t.is_empty()).unwrap_or(fallback),
            date: header.date,
            status: header.status,
            editable: format == PostFormat::Rst,
        })
    }

    /// Reads the post at `rel` (relative to the root) as text.
    pub fn read_post(&self, rel: &str) -> Result<String> {
        let path = blog_path::resolve(&self.root, rel)?;
        let bytes = std::fs::read(&path).map_err(io("read", &path))?;
        let text = String::from_utf8(bytes).map_err(|_| Error::NotUtf8(path))?;
        Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
    }

    /// Saves `text` (with `\n` line ends) to the post at `rel`, atomically, keeping the
    /// file's existing line ending style and byte-order mark.
    pub fn save_post(&self, rel: &str, text: &str) -> Result<()> {
        let path = blog_path::resolve(&self.root, rel)?;
        let existing = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io("read", &path)(e)),
        };
        let mut out = String::with_capacity(text.len() + 8);
        if existing.starts_with("\u{feff}".as_bytes()) {
            out.push('\u{feff}');
        }
        if existing.windows(2).any(|w| w == b"\r\n") {
            out.push_str(&text.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        atomic_write::write_atomic(&path, out.as_bytes())
    }
}

/// Opens the blog the app used last, or on first run creates the demo blog in
/// `data_dir/demo-blog`, and remembers the choice.
pub fn open_last_or_create_demo(data_dir: &Path) -> Result<Blog> {
    // Unreadable settings must not keep the app from starting: fall back to the demo.
    let settings = Settings::load(data_dir).unwrap_or_default();
    if let Some(last) = &settings.last_blog {
        if let Ok(blog) = Blog::open(last) {
            return Ok(blog);
        }
    }
    let demo_dir = data_dir.join("demo-blog");
    let blog = match Blog::open(&demo_dir) {
        Ok(blog) => blog,
        Err(_) => {
            std::fs::create_dir_all(data_dir).map_err(io("create folder", data_dir))?;
            demo::create_demo(&demo_dir)?
        }
    };
    remember_blog(data_dir, &blog)?;
    Ok(blog)
}

/// Opens the blog at `dir` and remembers it as the one to open next time.
pub fn open_and_remember(data_dir: &Path, dir: &Path) -> Result<Blog> {
    let blog = Blog::open(dir)?;
    remember_blog(data_dir, &blog)?;
    Ok(blog)
}

fn remember_blog(data_dir: &Path, blog: &Blog) -> Result<()> {
    Settings { last_blog: Some(blog.root().to_path_buf()) }.save(data_dir)
}
