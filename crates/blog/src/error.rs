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
    #[error("{0}")]
    NotABlog(NotABlogFolder),
    /// A file Folio was asked to open is in no blog (no folder above it has a `pelicanconf.py`).
    #[error("{0} is not in a Pelican blog: no folder above it has a pelicanconf.py")]
    NotInABlog(PathBuf),
    /// A path given to Folio would leave the blog folder.
    #[error("{0} is outside the blog folder")]
    OutsideBlog(String),
    /// A file is not UTF-8 text; Folio will not rewrite it.
    #[error("{0} is not UTF-8 text, so Folio will not open it for editing")]
    NotUtf8(PathBuf),
    /// The blog is in no git repository, so its posts have no committed versions.
    #[error("{0} is not a git repository, so its posts have no history: versions are kept once the blog is in git (`git init`, then a first commit or publish)")]
    NotARepository(PathBuf),
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
    /// The post changed on disk since the editor read it; nothing was written.
    #[error("{path} was changed by another program since Folio opened it; your text was not saved over it")]
    ChangedOnDisk {
        /// The post.
        path: PathBuf,
        /// What is on disk now (empty if the file was removed).
        disk_text: String,
    },
    /// The folder could not be watched for changes.
    #[error("Folio cannot watch {path} for changes: {message}")]
    Watch {
        /// The folder.
        path: PathBuf,
        /// The system's reason.
        message: String,
    },
    /// git has no `user.name` / `user.email` for this repository.
    #[error(
        "git does not know who you are in {0}: set your name and email with \
         `git config --global user.name \"Your Name\"` and \
         `git config --global user.email you@example.com`, then publish again"
    )]
    NoIdentity(PathBuf),
    /// HEAD is not on a branch, so there is nothing to publish to.
    #[error(
        "{0} is not on a branch (detached HEAD): switch to your blog's branch \
         (for example `git switch main`) and publish again"
    )]
    DetachedHead(PathBuf),
    /// The current branch does not track a remote branch.
    #[error(
        "branch {branch} in {path} has no upstream, so Folio does not know where to publish: \
         run `git push -u origin {branch}` once, or `git branch --set-upstream-to origin/{branch}`"
    )]
    NoUpstream {
        /// The repository.
        path: PathBuf,
        /// The local branch.
        branch: String,
    },
    /// The remote could not be reached; any commit made stays local.
    #[error(
        "could not reach {remote}: {message}. Your changes are committed on this computer \
         but not published; publish again when the remote is reachable"
    )]
    Unreachable {
        /// The remote's name and URL.
        remote: String,
        /// git's reason.
        message: String,
    },
    /// The remote refused our credentials (or we had none left to offer).
    #[error(
        "{remote} refused the credentials: {message}. Check your SSH key or agent \
         (`ssh-add -l`), or your username and token / credential helper, then publish again"
    )]
    AuthFailed {
        /// The remote's name and URL.
        remote: String,
        /// What was tried and refused.
        message: String,
    },
    /// The SSH host is not in known_hosts and the user did not accept it.
    #[error(
        "the SSH host {host} is not known (key {fingerprint}); Folio did not connect. \
         Accept the key if you trust it, or add it to {known_hosts}"
    )]
    UnknownHost {
        /// `host` or `[host]:port`.
        host: String,
        /// The offered key's SHA256 fingerprint.
        fingerprint: String,
        /// The known_hosts file consulted.
        known_hosts: PathBuf,
    },
    /// The SSH host offered a key different from the one in known_hosts.
    #[error(
        "the SSH host key of {host} has CHANGED (now {fingerprint}) since it was recorded in \
         {known_hosts}; Folio refuses to connect. If the server really changed its key, remove \
         the old line from that file"
    )]
    HostKeyChanged {
        /// `host` or `[host]:port`.
        host: String,
        /// The offered key's SHA256 fingerprint.
        fingerprint: String,
        /// The known_hosts file consulted.
        known_hosts: PathBuf,
    },
    /// Our unpublished commits conflict with what is on the remote.
    #[error(
        "your changes conflict with changes on the remote in {}: nothing was published and \
         your files are as they were; resolve the conflict and publish again",
        .conflicts.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ")
    )]
    Conflict {
        /// The repository.
        path: PathBuf,
        /// Each conflicting file with both versions.
        conflicts: Vec<crate::git::Conflict>,
    },
    /// The repository stores some files in Git LFS and `git-lfs` is not installed, so they
    /// would be committed whole.
    #[error(
        "{} in {path} {} stored in Git LFS (see .gitattributes), but git-lfs is not installed: \
         nothing was committed. Install git-lfs (for example `apt install git-lfs`, then \
         `git lfs install`) and publish again",
        .files.join(", "), if .files.len() == 1 { "is" } else { "are" }
    )]
    LfsMissing {
        /// The repository.
        path: PathBuf,
        /// The LFS-tracked files the publish would commit (repository paths).
        files: Vec<String>,
    },
    /// An update found posts the remote changed where this computer has edits that are not
    /// committed (or not saved); Update never touches those.
    #[error(
        "the remote changed {}, which you have edited here and not published: nothing was \
         updated and your text is as it was; choose the text to keep, then update again",
        .conflicts.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ")
    )]
    EditedOnBothSides {
        /// The repository.
        path: PathBuf,
        /// Each file with the text here (`ours`) and on the remote (`theirs`).
        conflicts: Vec<crate::git::Conflict>,
    },
    /// Integrating the remote's changes would overwrite uncommitted local changes.
    #[error(
        "the remote changed {} where you have uncommitted changes; nothing was published \
         and your files are as they were: commit or set those changes aside, then publish again",
        .paths.join(", ")
    )]
    WouldOverwrite {
        /// The files (repository paths) whose local changes the remote's would overwrite.
        paths: Vec<String>,
    },
    /// The remote refused our push even after integrating its changes.
    #[error("{remote} rejected the push of {refname}: {reason}. Nothing was force-pushed")]
    PushRejected {
        /// The remote's name and URL.
        remote: String,
        /// The remote branch.
        refname: String,
        /// The remote's reason.
        reason: String,
    },
    /// After pushing, the remote branch does not point at our commit.
    #[error(
        "after pushing, {refname} on {remote} is {found} instead of our commit {expected}: \
         the post is not confirmed as published"
    )]
    NotVerified {
        /// The remote's name and URL.
        remote: String,
        /// The remote branch.
        refname: String,
        /// Our commit.
        expected: String,
        /// What the remote reports (or "missing").
        found: String,
    },
    /// A revision given to `folio show` (or the history panel) names no commit.
    #[error("{rev} is not a commit in {path}: give a commit hash from `folio history`")]
    UnknownRevision {
        /// What was given.
        rev: String,
        /// The repository.
        path: PathBuf,
    },
    /// The post did not exist (under any of its names) at the commit asked for.
    #[error("{post} is not in commit {commit}: that commit is older than the post")]
    NotInCommit {
        /// The post, relative to the blog folder.
        post: String,
        /// The commit's full hash.
        commit: String,
    },
    /// The repository asks for signed commits (`commit.gpgsign`) and signing did not work;
    /// nothing was committed.
    #[error(
        "the repository in {path} asks for signed commits ({format}), and signing did not work: \
         {message}. Nothing was committed"
    )]
    SigningFailed {
        /// The repository.
        path: PathBuf,
        /// `gpg.format`: openpgp, x509 or ssh.
        format: String,
        /// What went wrong, with the signing program's own words.
        message: String,
    },
    /// A `pre-commit` or `commit-msg` hook refused the commit; nothing was committed.
    #[error("the repository's {hook} hook in {path} stopped the commit: {output}. Nothing was committed")]
    HookFailed {
        /// The repository's work tree.
        path: PathBuf,
        /// `pre-commit` or `commit-msg`.
        hook: String,
        /// What the hook printed.
        output: String,
    },
    /// The repository's `index.lock` exists: a git program is working, or one crashed.
    #[error("{0}")]
    IndexLocked(crate::git::IndexLock),
    /// A post title (or slug) Folio cannot make a post of.
    #[error("{0:?} cannot be a post's title or slug: it needs at least one letter or digit, on one line")]
    InvalidTitle(String),
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
    /// No Hunspell dictionary for a post's language is installed.
    #[error(
        "no spelling dictionary for {language} in {searched}: install Hunspell's \
         (on Debian, `apt install hunspell-{package}`), or check the post's :lang:"
    )]
    NoDictionary {
        /// The language asked for (`de_DE`, `fr`).
        language: String,
        /// The folders looked in.
        searched: String,
        /// The Debian package's suffix (`de-de`).
        package: String,
    },
    /// Only a single word can go in the blog's dictionary.
    #[error("{0:?} cannot go in the blog's dictionary: it must be one word")]
    NotAWord(String),
    /// A dictionary's files were found but cannot be read.
    #[error("{path}: {source}")]
    Dictionary {
        /// The `.dic` file.
        path: PathBuf,
        /// What is wrong with it.
        source: folio_spelling::DictionaryError,
    },
}

/// A folder that is not a blog, with the folders below it that look like one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotABlogFolder {
    /// The folder.
    pub folder: PathBuf,
    /// Folders one or two levels down with a `pelicanconf.py`, relative to `folder`
    /// (`src`, `site/blog`), in name order.
    pub candidates: Vec<PathBuf>,
}

impl std::fmt::Display for NotABlogFolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let folder = self.folder.display();
        let folders: Vec<String> =
            self.candidates.iter().map(|c| format!("{}/", c.display())).collect();
        match folders.as_slice() {
            [] => write!(
                f,
                "{folder} does not look like a Pelican blog (no pelicanconf.py and no content folder)"
            ),
            more => {
                let is = if more.len() == 1 { "the blog is in" } else { "blogs are in" };
                let open: Vec<String> =
                    self.candidates.iter().map(|c| self.folder.join(c).display().to_string()).collect();
                write!(
                    f,
                    "{folder} is not a Pelican blog itself (no pelicanconf.py and no content \
                     folder): {is} {}; open {}",
                    more.join(" and "),
                    open.join(" or ")
                )
            }
        }
    }
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
