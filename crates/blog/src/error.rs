//! The blog's error type: every variant names the path or remote involved.

use std::path::PathBuf;

/// What can go wrong while working on a blog.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file operation failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What Folio was doing ("read", "write", "create folder", ...).
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The folder has neither a `pelicanconf.py` nor a `content/` folder.
    #[error("{0} does not look like a Pelican blog (no pelicanconf.py and no content folder)")]
    NotABlog(PathBuf),
    /// A path given to Folio would leave the blog folder.
    #[error("{0} is outside the blog folder")]
    OutsideBlog(String),
    /// A file is not UTF-8 text; Folio will not rewrite it.
    #[error("{0} is not UTF-8 text, so Folio will not open it for editing")]
    NotUtf8(PathBuf),
    /// A git operation failed.
    #[error("git could not {action} in {path}: {message}")]
    Git {
        /// What Folio was doing.
        action: &'static str,
        /// The repository involved.
        path: PathBuf,
        /// git's reason.
        message: String,
    },
    /// Settings could not be read or written as JSON.
    #[error("the settings in {path} are not valid: {message}")]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// An image file is larger than the import limit.
    #[error("{name} is {bytes} bytes, over the {limit}-byte limit for images")]
    ImageTooLarge {
        /// The file's name.
        name: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// An image declares more pixels than the import limit (a decompression bomb).
    #[error("{name} is {width}×{height} pixels, over the {limit}-pixel limit for images")]
    ImageTooManyPixels {
        /// The file's name.
        name: String,
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The limit.
        limit: u64,
    },
    /// A file is not a PNG, JPEG, GIF, WebP or SVG image.
    #[error("{0} is not a PNG, JPEG, GIF, WebP or SVG image")]
    ImageUnsupported(String),
    /// An image could not be decoded or encoded.
    #[error("{name} could not be read as an image: {message}")]
    ImageUnreadable {
        /// The file's name.
        name: String,
        /// The decoder's reason.
        message: String,
    },
    /// An SVG could run script or load other files when shown.
    #[error("{name} was not imported because {reason}")]
    ImageUnsafeSvg {
        /// The file's name.
        name: String,
        /// What is unsafe about it.
        reason: String,
    },
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Builds the `map_err` closure for an I/O error at `path`.
pub(crate) fn io<'a>(
    action: &'static str,
    path: &'a std::path::Path,
) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io { action, path: path.to_path_buf(), source }
}

/// Builds the `map_err` closure for a git error in `path`.
pub(crate) fn git<'a>(
    action: &'static str,
    path: &'a std::path::Path,
) -> impl FnOnce(git2::Error) -> Error + 'a {
    move |e| Error::Git { action, path: path.to_path_buf(), message: e.message().to_string() }
}
