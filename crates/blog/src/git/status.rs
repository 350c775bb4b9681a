//! Where each post stands against git and the remote, read without touching the network.

use std::collections::HashSet;
use std::path::Path;

use git2::{Repository, Status, StatusOptions};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{git, Result};
use crate::Blog;

/// How a post's file differs from the last commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Change {
    /// Same as in the last commit.
    Unchanged,
    /// Not in git yet.
    New,
    /// Changed since the last commit.
    Modified,
}

/// One post's git state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostGitStatus {
    /// Path relative to the blog root.
    pub path: String,
    /// The post's title.
    pub title: String,
    /// Whether the post says `status: draft`.
    pub draft: bool,
    /// Its status as Pelican reads it: `published` (also when not set), `draft`, `hidden`,
    /// `skip`, or whatever else it says (which Pelican refuses).
    pub status: String,
    /// Uncommitted state of the file.
    pub change: Change,
    /// Committed here but not on the remote yet ("committed, not published").
    pub ahead: bool,
    /// Changed on the remote since our last fetch, not integrated here yet.
    pub behind: bool,
}

/// The repository's state: branch, upstream, ahead/behind counts, and each post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RepoStatus {
    /// The current branch, or `None` on a detached HEAD.
    pub branch: Option<String>,
    /// The branch's upstream (`origin/main`), if it has one.
    pub upstream: Option<String>,
    /// Commits here that the upstream does not have.
    pub ahead: usize,
    /// Commits on the upstream (as of the last fetch) that we do not have.
    pub behind: usize,
    /// Every post, sorted by path.
    pub posts: Vec<PostGitStatus>,
}

/// Reads the blog's git status: local files against HEAD, HEAD against the remote-tracking
/// branch as last fetched. Does not contact the remote.
pub fn read_status(blog: &Blog) -> Result<RepoStatus> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let prefix = blog_prefix(&repo, root);
    let mut opts = StatusOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false);
    let statuses = repo.statuses(Some(&mut opts)).map_err(git("read the status", root))?;
    let mut new = HashSet::new();
    let mut modified = HashSet::new();
    for entry in statuses.iter() {
        let Some(path) = entry.path() else { continue };
        let s = entry.status();
        if s.intersects(Status::WT_NEW) || s.intersects(Status::INDEX_NEW) {
            new.insert(path.to_string());
        } else if !s.is_empty() && !s.intersects(Status::IGNORED) {
            modified.insert(path.to_string());
        }
    }

    let (branch, upstream, ahead, behind, ahead_paths, behind_paths) = tracking(&repo, root)?;
    let mut posts = Vec::new();
    for post in blog.list_posts()? {
        let repo_path = format!("{prefix}{}", post.path);
        let change = if new.contains(&repo_path) {
            Change::New
        } else if modified.contains(&repo_path) {
            Change::Modified
        } else {
            Change::Unchanged
        };
        posts.push(PostGitStatus {
            draft: post.status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("draft")),
            status: crate::post::pelican_status(post.status.as_deref()),
            ahead: ahead_paths.contains(&repo_path),
            behind: behind_paths.contains(&repo_path),
            path: post.path,
            title: post.title,
            change,
        });
    }
    Ok(RepoStatus { branch, upstream, ahead, behind, posts })
}

type Tracking = (Option<String>, Option<String>, usize, usize, HashSet<String>, HashSet<String>);

fn tracking(repo: &Repository, root: &Path) -> Result<Tracking> {
    let empty = || (None, None, 0, 0, HashSet::new(), HashSet::new());
    let head = match repo.head() {
        Ok(head) => head,
        // An unborn branch has nothing committed to compare.
        Err(_) => return Ok(empty()),
    };
    if !head.is_branch() {
        return Ok(empty());
    }
    let branch = head.shorthand().map(str::to_string);
    let Some(local) = head.target() else { return Ok(empty()) };
    let Some(name) = branch.as_deref() else { return Ok(empty()) };
    let Ok(upstream_branch) =
        repo.find_branch(name, git2::BranchType::Local).and_then(|b| b.upstream())
    else {
        return Ok((branch, None, 0, 0, HashSet::new(), HashSet::new()));
    };
    let upstream = upstream_branch.name().ok().flatten().map(str::to_string);
    let Some(remote) = upstream_branch.get().target() else {
        return Ok((branch, upstream, 0, 0, HashSet::new(), HashSet::new()));
    };
    let (ahead, behind) =
        repo.graph_ahead_behind(local, remote).map_err(git("compare with the upstream", root))?;
    let (ahead_paths, behind_paths) = match repo.merge_base(local, remote) {
        Ok(base) => (
            changed_paths(repo, base, local).map_err(git("diff", root))?,
            changed_paths(repo, base, remote).map_err(git("diff", root))?,
        ),
        Err(_) => (HashSet::new(), HashSet::new()),
    };
    Ok((branch, upstream, ahead, behind, ahead_paths, behind_paths))
}

fn changed_paths(
    repo: &Repository,
    from: git2::Oid,
    to: git2::Oid,
) -> std::result::Result<HashSet<String>, git2::Error> {
    let mut paths = HashSet::new();
    if from == to {
        return Ok(paths);
    }
    let old = repo.find_commit(from)?.tree()?;
    let new = repo.find_commit(to)?.tree()?;
    let diff = repo.diff_tree_to_tree(Some(&old), Some(&new), None)?;
    for delta in diff.deltas() {
        if let Some(p) = delta.new_file().path().or(delta.old_file().path()) {
            paths.insert(p.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(paths)
}

/// The blog root relative to the repository's work tree, `/`-terminated (`""` when the
/// blog is the repository).
pub(crate) fn blog_prefix(repo: &Repository, root: &Path) -> String {
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return String::new();
    };
    match root.strip_prefix(&workdir) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            format!("{}/", rel.to_string_lossy().replace('\\', "/"))
        }
        _ => String::new(),
    }
}
