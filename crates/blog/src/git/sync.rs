//! Staying current with the remote: a quick, quiet fetch that says how many commits the
//! remote has that this computer does not, and an update that brings them in without ever
//! touching a post with edits that are not committed.
//!
//! The fetch runs on a thread of its own and is given up after a timeout: an absent or
//! dead network must never keep the writer waiting, and a check that is still stuck is not
//! started a second time.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Mutex};
use std::time::Duration;

use git2::{Repository, Status, StatusOptions};
use serde::Serialize;
use ts_rs::TS;

use super::auth::{AuthOptions, NoPrompts, Session};
use super::lfs;
use super::lock::ensure_unlocked;
use super::publish::{fetch, integrate, signer, Target};
use super::status::blog_prefix;
use super::{Conflict, Progress, Resolution};
use crate::atomic_write::write_atomic;
use crate::error::{git, io, Error, Result};
use crate::Blog;

/// What a check of the remote found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RemoteNews {
    /// The remote's name, e.g. `origin`.
    pub remote: String,
    /// Commits on the remote's branch that this branch does not have.
    pub new_commits: usize,
    /// Whether the remote answered in time; when it did not, `new_commits` is as of the last
    /// fetch that worked and `reason` says why (for a tooltip, never a dialog).
    pub reachable: bool,
    /// Why the remote could not be asked, when it could not.
    pub reason: Option<String>,
}

/// What an update brought in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UpdateReport {
    /// The commit the branch is at now.
    pub commit: String,
    /// Files the update changed, relative to the blog root.
    pub changed: Vec<String>,
    /// Whether the branch simply moved forward (no commits of ours had to be rebased).
    pub fast_forward: bool,
    /// How many of our own unpublished commits were rebased onto the remote's.
    pub rebased: usize,
    /// Files the update brought in that Git LFS stores and that could not be downloaded
    /// (they are pointer files in the work tree), relative to the blog root.
    pub not_downloaded: Vec<String>,
}

/// Repositories with a check under way (a stuck one keeps its place until it ends).
static CHECKS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Fetches the upstream of the blog's branch, giving up after `timeout`, and counts the
/// remote's new commits. Never asks the writer anything (no passphrase, no host key): the
/// credentials the publish would use without asking are tried, and anything else is
/// "unreachable". Changes no file and no local branch.
pub fn check_remote(blog: &Blog, auth: &AuthOptions, timeout: Duration) -> Result<RemoteNews> {
    let root = blog.root().to_path_buf();
    let repo = Repository::discover(&root).map_err(git("open the repository", &root))?;
    let target = Target::find(&repo, &root)?;
    let quiet = |reason: String| -> Result<RemoteNews> {
        let new_commits = count_new(&repo, &target, &root)?;
        Ok(RemoteNews {
            remote: target.remote.clone(),
            new_commits,
            reachable: false,
            reason: Some(reason),
        })
    };
    {
        let mut checks = CHECKS.lock().unwrap_or_else(|p| p.into_inner());
        if checks.contains(&root) {
            return quiet("an earlier check of the remote has not finished".into());
        }
        checks.push(root.clone());
    }
    let (tx, rx) = mpsc::channel();
    let (worker_root, worker_auth) = (root.clone(), auth.clone());
    let spawned = std::thread::Builder::new().name("folio-check-remote".into()).spawn(move || {
        let fetched = fetch_quietly(&worker_root, &worker_auth);
        CHECKS.lock().unwrap_or_else(|p| p.into_inner()).retain(|r| *r != worker_root);
        // The caller may have stopped waiting; then nobody needs the answer.
        let _ = tx.send(fetched);
    });
    if let Err(e) = spawned {
        CHECKS.lock().unwrap_or_else(|p| p.into_inner()).retain(|r| *r != root);
        return Err(Error::Io { action: "start a thread", path: root.clone(), source: e });
    }
    match rx.recv_timeout(timeout) {
        Ok(Ok(())) => Ok(RemoteNews {
            remote: target.remote.clone(),
            new_commits: count_new(&repo, &target, &root)?,
            reachable: true,
            reason: None,
        }),
        Ok(Err(e)) => quiet(e.to_string()),
        Err(_) => {
            quiet(format!("{} did not answer within {} s", target.label(), timeout.as_secs()))
        }
    }
}

fn fetch_quietly(root: &Path, auth: &AuthOptions) -> Result<()> {
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let target = Target::find(&repo, root)?;
    let mut no_prompts = NoPrompts;
    let session =
        Session::new(auth, &mut no_prompts, repo.config().ok(), &target.remote, &target.url);
    let mut sink = |_: Progress| {};
    let progress: std::cell::RefCell<&mut dyn FnMut(Progress)> = std::cell::RefCell::new(&mut sink);
    fetch(&repo, &target, &session, &progress)
}

/// Commits on the remote-tracking branch (as last fetched) that HEAD does not have.
fn count_new(repo: &Repository, target: &Target, root: &Path) -> Result<usize> {
    let Ok(remote) = repo.refname_to_id(&target.tracking_ref) else { return Ok(0) };
    let local = repo.refname_to_id(&target.local_ref).map_err(git("read the branch", root))?;
    let (_, behind) =
        repo.graph_ahead_behind(local, remote).map_err(git("compare with the remote", root))?;
    Ok(behind)
}

/// Brings the remote's commits (as last fetched) into the blog's branch: a fast-forward
/// when we have no commits of our own, else our unpublished commits rebased onto the
/// remote's, as a publish does. A file the remote changed that has uncommitted edits here,
/// or whose blog path is in `unsaved` (text in the editor not yet on disk), stops the update
/// with [`Error::EditedOnBothSides`] before anything changes, unless `resolutions` gives the
/// text to keep for it: then that text is left in the work tree as an uncommitted edit on
/// top of the remote's version.
pub fn update_from_remote(
    blog: &Blog,
    unsaved: &[String],
    resolutions: &[Resolution],
) -> Result<UpdateReport> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let target = Target::find(&repo, root)?;
    ensure_unlocked(&repo)?;
    let prefix = blog_prefix(&repo, root);
    let local = repo.refname_to_id(&target.local_ref).map_err(git("read the branch", root))?;
    let Ok(remote) = repo.refname_to_id(&target.tracking_ref) else {
        return Ok(nothing_new(local));
    };
    if local == remote || repo.graph_descendant_of(local, remote).unwrap_or(false) {
        return Ok(nothing_new(local));
    }

    // What the remote changed since we parted, and which of those have edits here.
    let base = repo.merge_base(local, remote).map_err(git("compare with the remote", root))?;
    let remote_changed = changed_paths(&repo, root, base, remote)?;
    let mut edited = uncommitted_paths(&repo, root)?;
    edited.extend(unsaved.iter().map(|p| format!("{prefix}{p}")));
    let collisions: Vec<&String> = remote_changed.iter().filter(|p| edited.contains(*p)).collect();
    let workdir = repo.workdir().unwrap_or(root).to_path_buf();
    let mut kept: Vec<Kept<'_>> = Vec::new();
    let mut unresolved = Vec::new();
    for path in &collisions {
        let abs = workdir.join(path);
        let here = std::fs::read(&abs).ok();
        match resolutions.iter().find(|r| &&r.path == path) {
            Some(r) => kept.push(Kept { abs, here, text: r.text.as_ref() }),
            None => unresolved.push(Conflict {
                path: (*path).clone(),
                ours: here.map(|b| String::from_utf8_lossy(&b).into_owned()),
                theirs: text_at(&repo, remote, path),
            }),
        }
    }
    if !unresolved.is_empty() {
        return Err(Error::EditedOnBothSides { path: root.to_path_buf(), conflicts: unresolved });
    }

    // Resolved collisions: put HEAD's version back so the safe checkout may take the
    // remote's, then the writer's chosen text on top. Any failure puts their bytes back.
    let head_tree =
        repo.find_commit(local).and_then(|c| c.tree()).map_err(git("read HEAD", root))?;
    let mut index = repo.index().map_err(git("open the index", root))?;
    for Kept { abs, .. } in &kept {
        let rel = abs.strip_prefix(&workdir).unwrap_or(abs);
        restore_from_head(&repo, &head_tree, &mut index, rel, abs)?;
    }
    index.write().map_err(git("write the index", root))?;
    let fast_forward = repo.graph_descendant_of(remote, local).unwrap_or(false);
    let committer = match repo.signature() {
        Ok(signature) => Ok(signature),
        // A fast-forward writes no commit, so it needs nobody's name.
        Err(_) if fast_forward => {
            git2::Signature::now("Folio", "folio@localhost").map_err(git("fast-forward", root))
        }
        Err(_) => Err(Error::NoIdentity(root.to_path_buf())),
    };
    let integrated = committer.and_then(|committer| {
        let signer = signer(&repo, root)?;
        integrate(&repo, root, &target, &committer, signer.as_ref())
    });
    let rebased = match integrated {
        Ok(rebased) => rebased,
        Err(e) => {
            for Kept { abs, here, .. } in &kept {
                if let Some(bytes) = here {
                    write_atomic(abs, bytes)?;
                }
            }
            return Err(e);
        }
    };
    for Kept { abs, text, .. } in &kept {
        match text {
            Some(text) => write_atomic(abs, text.as_bytes())?,
            None if abs.exists() => std::fs::remove_file(abs).map_err(io("remove", abs))?,
            None => {}
        }
    }
    let head = repo.refname_to_id(&target.local_ref).map_err(git("read the branch", root))?;
    let changed = changed_paths(&repo, root, local, head)?;
    // libgit2 checks LFS files out as their pointers: git-lfs downloads what it can.
    let pointers = |changed: &BTreeSet<String>| -> Vec<String> {
        changed.iter().filter(|p| lfs::file_is_lfs_pointer(&workdir.join(p))).cloned().collect()
    };
    lfs::pull(&repo, &target.remote, &pointers(&changed));
    let in_blog = |paths: Vec<String>| -> Vec<String> {
        paths.into_iter().filter_map(|p| p.strip_prefix(&prefix).map(str::to_string)).collect()
    };
    let not_downloaded = in_blog(pointers(&changed));
    let changed = in_blog(changed.into_iter().collect());
    Ok(UpdateReport {
        commit: head.to_string(),
        changed,
        fast_forward: rebased == 0 && repo.graph_descendant_of(head, local).unwrap_or(false),
        rebased,
        not_downloaded,
    })
}

/// A collision the writer resolved: the file, its bytes before the update, the text to keep.
struct Kept<'r> {
    abs: PathBuf,
    here: Option<Vec<u8>>,
    text: Option<&'r String>,
}

fn nothing_new(head: git2::Oid) -> UpdateReport {
    UpdateReport {
        commit: head.to_string(),
        changed: Vec::new(),
        fast_forward: true,
        rebased: 0,
        not_downloaded: Vec::new(),
    }
}

/// Repository paths that differ between the trees of two commits.
fn changed_paths(
    repo: &Repository,
    root: &Path,
    from: git2::Oid,
    to: git2::Oid,
) -> Result<BTreeSet<String>> {
    let tree = |id| repo.find_commit(id).and_then(|c| c.tree()).map_err(git("read a commit", root));
    let (old, new) = (tree(from)?, tree(to)?);
    let diff = repo.diff_tree_to_tree(Some(&old), Some(&new), None).map_err(git("diff", root))?;
    let mut paths = BTreeSet::new();
    for delta in diff.deltas() {
        for file in [delta.old_file(), delta.new_file()] {
            if let Some(path) = file.path() {
                paths.insert(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(paths)
}

/// Repository paths with changes not committed (staged or not, new files too).
fn uncommitted_paths(repo: &Repository, root: &Path) -> Result<BTreeSet<String>> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true).include_ignored(false);
    let statuses = repo.statuses(Some(&mut opts)).map_err(git("read the status", root))?;
    Ok(statuses
        .iter()
        .filter(|e| e.status() != Status::CURRENT && !e.status().is_ignored())
        .filter_map(|e| e.path().map(str::to_string))
        .collect())
}

fn text_at(repo: &Repository, commit: git2::Oid, path: &str) -> Option<String> {
    let tree = repo.find_commit(commit).ok()?.tree().ok()?;
    let blob = repo.find_blob(tree.get_path(Path::new(path)).ok()?.id()).ok()?;
    Some(String::from_utf8_lossy(blob.content()).into_owned())
}

/// Makes the file at `rel` (and its index entry) what HEAD has, or absent when HEAD has none.
fn restore_from_head(
    repo: &Repository,
    head: &git2::Tree<'_>,
    index: &mut git2::Index,
    rel: &Path,
    abs: &Path,
) -> Result<()> {
    let root = repo.workdir().unwrap_or(abs);
    match head.get_path(rel) {
        Ok(entry) => {
            let blob = repo.find_blob(entry.id()).map_err(git("read a file", root))?;
            write_atomic(abs, blob.content())?;
            index.add_path(rel).map_err(git("stage", root))?;
        }
        Err(_) => {
            if abs.exists() {
                std::fs::remove_file(abs).map_err(io("remove", abs))?;
            }
            // Not in the index is fine: an untracked file never was.
            let _ = index.remove_path(rel);
        }
    }
    Ok(())
}
