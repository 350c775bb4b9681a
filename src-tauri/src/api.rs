//! What crosses the boundary to the UI: the DTOs and the one error type.

use folio_blog::assets::asset_url;
use folio_blog::git::{Conflict, IndexLock};
use folio_blog::journal::{Journal, JournalEntry};
use folio_blog::trust::{trust_of, Trust};
use folio_blog::{Blog, PostSummary, SettingsSource};
use serde::Serialize;
use ts_rs::TS;

use crate::asset_protocol::URL_PREFIX;

/// The open blog as the window shows it.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub(crate) struct Workspace {
    root: String,
    site_name: String,
    posts: Vec<PostSummary>,
    /// Unsaved text a crash left in the journal, to offer back.
    recovered: Vec<JournalEntry>,
    /// Other blogs opened before, most recent first.
    recent: Vec<String>,
    /// The blog theme's stylesheets as `folio:` URLs, for the preview; empty without one.
    theme_stylesheets: Vec<String>,
    /// Where the blog's settings came from.
    settings: SettingsView,
    /// Whether the window runs the blog's `pelicanconf.py`; `notAsked` shows the question.
    trust: Trust,
    /// The post open when the blog was last left (still in it), to open again.
    last_post: Option<String>,
    /// The post to open at once: the file the app was started on.
    open_post: Option<String>,
    /// Why the file the app was started on could not be opened.
    launch_error: Option<ApiError>,
    /// Whether the preview shows the post's body alone ("Post") rather than the theme's page.
    preview_body_only: bool,
}

/// The page around the open post as the blog's theme renders it, for the preview.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
#[ts(export)]
pub(crate) enum PageView {
    /// The whole page, with `<folio-body></folio-body>` where the live body goes.
    Page { html: String },
    /// The post's title and fields are as in the page last rendered: it stands.
    Unchanged,
    /// The page cannot be rendered (no Pelican, no theme, a template error), in plain
    /// words, and what the writer can do about it when Folio knows (the bar shows that,
    /// the reason is its tooltip); the preview shows the body alone.
    Failed { reason: String, advice: Option<String> },
}

/// Where the open blog's settings came from, for the status bar.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub(crate) struct SettingsView {
    /// Whether the blog's Python read them (else the literal reader did).
    python: bool,
    /// One line: "Settings read by Python 3.12 / Pelican 4.12", "Literal reader: ...".
    summary: String,
    /// The whole story: the interpreter, the names not read, the config's error text.
    detail: String,
    /// The interpreter that would run `pelicanconf.py`, for the question; `None` when
    /// none was found.
    interpreter: Option<String>,
}

impl Workspace {
    pub(crate) fn load(
        blog: &Blog,
        journal: &Journal,
        data_dir: &std::path::Path,
    ) -> Result<Workspace, ApiError> {
        let recent = folio_blog::recent_blogs(data_dir, blog.root());
        let source = blog.settings_source();
        let interpreter = match source {
            SettingsSource::Python { interpreter, .. } => Some(interpreter.clone()),
            SettingsSource::Literal { .. } => {
                folio_blog::trust::blog_interpreter(data_dir, blog.root())
            }
        };
        let (mut summary, mut detail) = (source.summary(), source.to_string());
        if let Err(e) = blog.post_settings() {
            // The posts render with Pelican's defaults then: say so rather than hide it.
            summary.push_str("; TYPOGRIFY not applied");
            detail.push_str(&format!("; TYPOGRIFY is not applied: {e}"));
        }
        let settings = SettingsView {
            python: matches!(source, SettingsSource::Python { .. }),
            summary,
            detail,
            interpreter: interpreter.map(|p| p.display().to_string()),
        };
        let posts =
            blog.list_posts_cached(&folio_blog::listing_cache_file(data_dir, blog.root()))?;
        let last_post = folio_blog::last_post(data_dir, blog.root())
            .filter(|path| posts.iter().any(|post| &post.path == path));
        let app_settings = folio_blog::settings::Settings::load(data_dir).unwrap_or_default();
        Ok(Workspace {
            preview_body_only: app_settings.preview_body_only(blog.root()),
            settings,
            last_post,
            trust: trust_of(data_dir, blog.root()),
            recent: recent.iter().map(|p| p.display().to_string()).collect(),
            root: blog.root().display().to_string(),
            site_name: blog.site_name(),
            posts,
            recovered: journal.unsaved_for(blog)?,
            theme_stylesheets: blog
                .theme_stylesheets()
                .iter()
                .map(|path| asset_url(URL_PREFIX, path))
                .collect(),
            open_post: None,
            launch_error: None,
        })
    }

    /// This workspace, asking the window to open the post at `path` at once.
    pub(crate) fn opening(self, path: String) -> Workspace {
        Workspace { open_post: Some(path), ..self }
    }

    /// This workspace, telling the window why the file it was started on did not open.
    pub(crate) fn with_launch_error(self, error: ApiError) -> Workspace {
        Workspace { launch_error: Some(error), ..self }
    }
}

/// The kinds of failure the UI treats differently. Add one only when the UI does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub(crate) enum ErrorCode {
    NotABlog,
    Io,
    /// The post changed on disk under the editor.
    ChangedOnDisk,
    /// The remote could not be reached: the commit stays local, publishing can be retried.
    Offline,
    /// The remote refused the credentials, or the host's key is unknown or changed.
    AuthFailed,
    /// Our unpublished change and the remote's change collide.
    Conflict,
    /// git does not know the writer's name and email.
    NoIdentity,
    /// What the writer typed cannot be used (a blank title); the form says why.
    InvalidInput,
    /// `.git/index.lock` blocks the commit; when `indexLock.isStale`, offer to remove it.
    IndexLocked,
    OutsideBlog,
    /// The blog is in no git repository: the history panel says so.
    NotARepository,
    Internal,
}

/// Every command's error: a code to branch on and a message for a person.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub(crate) struct ApiError {
    code: ErrorCode,
    message: String,
    /// With `Conflict`: each colliding file with both versions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    conflicts: Option<Vec<Conflict>>,
    /// With `NotABlog`: the blog folders one or two levels down, to offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    candidates: Option<Vec<BlogCandidate>>,
    /// With `IndexLocked`: the lock, its age and the git programs running.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    index_lock: Option<Box<IndexLock>>,
}

/// A folder below the one chosen that holds a blog (`pelicanconf.py`).
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub(crate) struct BlogCandidate {
    /// Its absolute path, to open.
    path: String,
    /// Its path below the chosen folder (`src`, `site/blog`), to name it.
    name: String,
}

impl ApiError {
    pub(crate) fn internal(message: impl Into<String>) -> ApiError {
        ApiError {
            code: ErrorCode::Internal,
            message: message.into(),
            conflicts: None,
            candidates: None,
            index_lock: None,
        }
    }

    /// A path the window may not use.
    pub(crate) fn outside(path: String) -> ApiError {
        ApiError {
            code: ErrorCode::OutsideBlog,
            message: format!("{path} was not dropped on Folio"),
            conflicts: None,
            candidates: None,
            index_lock: None,
        }
    }
}

impl From<folio_blog::Error> for ApiError {
    fn from(e: folio_blog::Error) -> ApiError {
        let code = match &e {
            folio_blog::Error::NotABlog(_) => ErrorCode::NotABlog,
            folio_blog::Error::OutsideBlog(_) => ErrorCode::OutsideBlog,
            folio_blog::Error::Io { .. } | folio_blog::Error::NotUtf8(_) => ErrorCode::Io,
            folio_blog::Error::ChangedOnDisk { .. } => ErrorCode::ChangedOnDisk,
            folio_blog::Error::Unreachable { .. } => ErrorCode::Offline,
            folio_blog::Error::AuthFailed { .. }
            | folio_blog::Error::UnknownHost { .. }
            | folio_blog::Error::HostKeyChanged { .. } => ErrorCode::AuthFailed,
            folio_blog::Error::Conflict { .. } | folio_blog::Error::EditedOnBothSides { .. } => {
                ErrorCode::Conflict
            }
            folio_blog::Error::NoIdentity(_) => ErrorCode::NoIdentity,
            folio_blog::Error::InvalidTitle(_) => ErrorCode::InvalidInput,
            folio_blog::Error::IndexLocked(_) => ErrorCode::IndexLocked,
            folio_blog::Error::NotARepository(_) => ErrorCode::NotARepository,
            _ => ErrorCode::Internal,
        };
        let conflicts = match &e {
            folio_blog::Error::Conflict { conflicts, .. }
            | folio_blog::Error::EditedOnBothSides { conflicts, .. } => Some(conflicts.clone()),
            _ => None,
        };
        let candidates = match &e {
            folio_blog::Error::NotABlog(not) if !not.candidates.is_empty() => Some(
                not.candidates
                    .iter()
                    .map(|c| BlogCandidate {
                        path: not.folder.join(c).display().to_string(),
                        name: c.display().to_string(),
                    })
                    .collect(),
            ),
            _ => None,
        };

        let index_lock = match &e {
            folio_blog::Error::IndexLocked(lock) => Some(Box::new(lock.clone())),
            _ => None,
        };
        ApiError { code, message: e.to_string(), conflicts, candidates, index_lock }
    }
}
