//! Git for a blog: per-post status and history, the publish transaction, clone, and the credentials and
//! host-key checks they share.
//!
//! Every function opens the repository itself (no `git2::Repository` is shared across
//! threads) and blocks: callers run it off the UI thread and receive [`Progress`] values.

mod auth;
mod ca_bundle;
mod clone;
mod commit_graph;
mod history;
mod hooks;
mod known_hosts;
mod lfs;
mod lock;
mod post_text;
mod publish;
mod signing;
mod status;
mod sync;

use serde::Serialize;
use ts_rs::TS;

pub use auth::{AuthOptions, HostKey, NoPrompts, Prompter};
pub use ca_bundle::{ca_bundle_deferred, start_without_ca_bundle};
pub use clone::clone_blog;
pub use commit_graph::{refresh_commit_graph, CommitGraphRefresh};
pub use history::{
    compare_post_version, read_post_at, read_post_history, PostHistory, PostVersion,
    VersionComparison,
};
pub use lfs::{file_is_lfs_pointer, is_lfs_pointer};
pub use lock::{read_index_lock, remove_stale_index_lock, GitProcess, IndexLock};
pub use publish::{
    fetch_upstream, plan_publish, publish, resolve_conflicts, PublishPlan, PublishReport,
    Resolution, Selection, UnpushedCommit,
};
pub use status::{read_status, Change, PostGitStatus, RepoStatus};
pub use sync::{check_remote, update_from_remote, RemoteNews, UpdateReport};

/// Which step of a publish (or clone) is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Stage {
    /// Committing the selected posts.
    Commit,
    /// Receiving the remote's changes.
    Fetch,
    /// Fast-forwarding or rebasing onto the remote's changes.
    Integrate,
    /// Sending our commits.
    Push,
    /// Asking the remote which commit its branch now holds.
    Verify,
}

/// One progress report: the stage and, for transfers, objects and bytes so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Progress {
    /// The running step.
    pub stage: Stage,
    /// Objects done so far (0 when the step does not count objects).
    pub current: usize,
    /// Objects in total (0 when unknown).
    pub total: usize,
    /// Bytes transferred so far.
    pub bytes: usize,
}

impl Progress {
    pub(crate) fn step(stage: Stage) -> Progress {
        Progress { stage, current: 0, total: 0, bytes: 0 }
    }
}

/// A file where our unpublished change and the remote's change collide, with both versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Conflict {
    /// Path relative to the repository root.
    pub path: String,
    /// Our version (from the local commit), or `None` if we deleted it.
    pub ours: Option<String>,
    /// The remote's version, or `None` if the remote deleted it.
    pub theirs: Option<String>,
}

/// Records the writer's name and email in the blog repository's own git config (not the
/// global one), for commits when git did not know them.
pub fn set_identity(blog: &crate::Blog, name: &str, email: &str) -> crate::Result<()> {
    let root = blog.root();
    let (name, email) = (name.trim(), email.trim());
    if name.is_empty() || !email.contains('@') {
        return Err(crate::Error::Git {
            action: "set your name and email",
            path: root.to_path_buf(),
            message: "a name and an email address with an @ are needed".into(),
        });
    }
    let repo =
        git2::Repository::discover(root).map_err(crate::error::git("open the repository", root))?;
    let mut config = repo.config().map_err(crate::error::git("read the config", root))?;
    let mut local = config
        .open_level(git2::ConfigLevel::Local)
        .map_err(crate::error::git("open the config", root))?;
    local.set_str("user.name", name).map_err(crate::error::git("set user.name", root))?;
    local.set_str("user.email", email).map_err(crate::error::git("set user.email", root))?;
    config.snapshot().map(drop).map_err(crate::error::git("reload the config", root))
}
