//! The publish transaction: flip drafts to published, commit exactly the selected posts and
//! their assets, fetch, integrate without force, push, and verify the remote's branch.
//!
//! Nothing here force-pushes, and success is only reported after the remote itself says
//! its branch is our commit. Integration is done in memory (cherry-picking our unpublished
//! commits onto the remote's branch), so a conflict leaves the work tree, index and branch
//! exactly as they were.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use git2::build::TreeUpdateBuilder;
use git2::{Direction, FetchOptions, FileMode, Oid, PushOptions, Repository, Sort};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::auth::{AuthOptions, Prompter, Session};
use super::hooks::run_commit_hooks;
use super::lfs;
use super::lock::ensure_unlocked;
use super::post_text::{publish_status, referenced_assets};
use super::signing::Signer;
use super::status::{blog_prefix, read_status, Change};
use super::{Conflict, Progress, Stage};
use crate::atomic_write::write_atomic;
use crate::check::{CheckOptions, Finding};
use crate::error::{git, io, Error, Result};
use crate::{blog_path, Blog};

/// Which posts to publish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// These posts (paths relative to the blog root).
    Posts(Vec<String>),
    /// Every post that is new or modified.
    AllChanged,
}

/// What a publish would commit: the files and a unified diff against HEAD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PublishPlan {
    /// Files that would be committed (repository paths), posts and assets.
    pub files: Vec<String>,
    /// The change as a unified diff (binary files are named, not shown).
    pub diff: String,
    /// What `folio check` finds in the files that would be committed; errors should stop
    /// the publish, warnings are worth a look.
    pub checks: Vec<Finding>,
    /// Commits already made here that the push would send too (an earlier publish that
    /// committed but did not push), oldest first.
    pub unpushed: Vec<UnpushedCommit>,
}

/// A local commit the remote does not have yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UnpushedCommit {
    /// The commit's id.
    pub id: String,
    /// The first line of its message.
    pub summary: String,
}

/// A verified publish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PublishReport {
    /// The commit the remote branch now points at.
    pub commit: String,
    /// Files committed by this publish (empty when it only pushed earlier commits).
    pub files: Vec<String>,
    /// How many of our commits were rebased onto the remote's changes.
    pub rebased: usize,
    /// The remote ("origin (url)") and its branch.
    pub remote: String,
    /// The remote branch, e.g. `refs/heads/main`.
    pub refname: String,
}

/// One file to commit with the bytes it will have.
struct Item {
    repo_path: String,
    abs: PathBuf,
    bytes: Vec<u8>,
    /// The post changed on disk (draft → published) when the publish goes ahead.
    rewrite: bool,
    /// For a file stored in Git LFS, the pointer committed in place of `bytes`.
    lfs_pointer: Option<Vec<u8>>,
}

/// Shows what [`publish`] would commit, without changing anything.
pub fn plan_publish(blog: &Blog, selection: &Selection) -> Result<PublishPlan> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let items = gather(blog, &repo, selection)?;
    let head_tree = repo.head().and_then(|h| h.peel_to_tree()).ok();
    let tree = build_tree(&repo, head_tree.as_ref(), &items).map_err(git("build a tree", root))?;
    let mut diff_text = String::new();
    let diff =
        repo.diff_tree_to_tree(head_tree.as_ref(), Some(&tree), None).map_err(git("diff", root))?;
    diff.print(git2::DiffFormat::Patch, |_, _, line| {
        if matches!(line.origin(), '+' | '-' | ' ') {
            diff_text.push(line.origin());
        }
        diff_text.push_str(&String::from_utf8_lossy(line.content()));
        true
    })
    .map_err(git("diff", root))?;
    let files: Vec<String> = diff
        .deltas()
        .filter_map(|d| d.new_file().path().map(|p| p.to_string_lossy().into_owned()))
        .collect();
    // Findings name files relative to the blog, the plan relative to the repository.
    // Only the files to commit are checked: the dialog must not render the whole blog.
    let prefix = blog_prefix(&repo, root);
    let in_blog: Vec<String> =
        files.iter().filter_map(|f| f.strip_prefix(&prefix)).map(str::to_string).collect();
    let checks = blog.check_files(&in_blog, &CheckOptions::default())?;
    let unpushed = unpushed_commits(&repo).map_err(git("walk history", root))?;
    Ok(PublishPlan { files, diff: diff_text, checks, unpushed })
}

/// The commits of HEAD's branch that its upstream does not have, oldest first; without an
/// upstream, those no remote-tracking branch has (the push would create the branch).
fn unpushed_commits(repo: &Repository) -> std::result::Result<Vec<UnpushedCommit>, git2::Error> {
    let Ok(head) = repo.head() else { return Ok(Vec::new()) };
    let Some(local) = head.target() else { return Ok(Vec::new()) };
    let upstream = head
        .shorthand()
        .and_then(|name| repo.find_branch(name, git2::BranchType::Local).ok())
        .and_then(|branch| branch.upstream().ok())
        .and_then(|upstream| upstream.get().target());
    let mut walk = repo.revwalk()?;
    walk.push(local)?;
    match upstream {
        Some(remote) => walk.hide(remote)?,
        None => walk.hide_glob("refs/remotes/*")?,
    }
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let mut commits = Vec::new();
    for id in walk {
        let commit = repo.find_commit(id?)?;
        commits.push(UnpushedCommit {
            id: commit.id().to_string(),
            summary: commit.summary().unwrap_or_default().to_string(),
        });
    }
    Ok(commits)
}

/// Publishes the selected posts: see the module doc for the steps. On error, whatever
/// was committed stays committed locally (status shows it `ahead`), and publishing
/// again retries the network part.
pub fn publish(
    blog: &Blog,
    selection: &Selection,
    auth: &AuthOptions,
    prompter: &mut dyn Prompter,
    mut on_progress: impl FnMut(Progress),
) -> Result<PublishReport> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let target = Target::find(&repo, root)?;
    let signature = repo.signature().map_err(|_| Error::NoIdentity(root.to_path_buf()))?;

    // A signing set-up that cannot work, or a locked index, stops us before committing.
    let signer = signer(&repo, root)?;
    ensure_unlocked(&repo)?;

    // 1. Commit the selection (only its files; the index keeps the user's other changes).
    // Files LFS tracks are stored by git-lfs first, or refused when it is missing.
    on_progress(Progress::step(Stage::Commit));
    let mut items = gather(blog, &repo, selection)?;
    store_in_lfs(&repo, root, &mut items)?;
    let files = commit_items(&repo, root, &items, &signature, signer.as_ref())?;

    // 2-5. Fetch, integrate, push; a rejected push means the remote moved again: once more.
    let config = repo.config().ok();
    let progress: RefCell<&mut dyn FnMut(Progress)> = RefCell::new(&mut on_progress);
    let session = Session::new(auth, prompter, config, &target.remote, &target.url);
    let mut rebased = 0;
    let mut attempt = 0;
    let commit = loop {
        attempt += 1;
        fetch(&repo, &target, &session, &progress)?;
        (progress.borrow_mut())(Progress::step(Stage::Integrate));
        rebased += integrate(&repo, root, &target, &signature, signer.as_ref())?;
        let head = repo.refname_to_id(&target.local_ref).map_err(git("read the branch", root))?;
        lfs::push_objects(&repo, &target.remote, &target.local_ref)?;
        match push(&repo, &target, &session, &progress)? {
            None => break head,
            Some(reason) if attempt >= 2 => {
                return Err(Error::PushRejected {
                    remote: target.label(),
                    refname: target.merge_ref.clone(),
                    reason,
                })
            }
            Some(_) => continue,
        }
    };

    // 6. Ask the remote, not our bookkeeping, where its branch is now.
    (progress.borrow_mut())(Progress::step(Stage::Verify));
    verify(&repo, &target, &session, commit)?;
    Ok(PublishReport {
        commit: commit.to_string(),
        files,
        rebased,
        remote: target.label(),
        refname: target.merge_ref,
    })
}

/// Fetches the current branch's upstream so [`read_status`] can show what is `behind`.
/// Changes no file and no local branch.
pub fn fetch_upstream(
    blog: &Blog,
    auth: &AuthOptions,
    prompter: &mut dyn Prompter,
    mut on_progress: impl FnMut(Progress),
) -> Result<()> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let target = Target::find(&repo, root)?;
    let progress: RefCell<&mut dyn FnMut(Progress)> = RefCell::new(&mut on_progress);
    let session = Session::new(auth, prompter, repo.config().ok(), &target.remote, &target.url);
    fetch(&repo, &target, &session, &progress)
}

/// The branch we publish and where it goes.
pub(super) struct Target {
    pub(super) local_ref: String,
    pub(super) remote: String,
    pub(super) url: String,
    /// The remote's branch, e.g. `refs/heads/main`.
    pub(super) merge_ref: String,
    /// Our remote-tracking ref for it, e.g. `refs/remotes/origin/main`.
    pub(super) tracking_ref: String,
}

impl Target {
    pub(super) fn find(repo: &Repository, root: &Path) -> Result<Target> {
        let head = repo.head().map_err(git("read HEAD", root))?;
        if !head.is_branch() {
            return Err(Error::DetachedHead(root.to_path_buf()));
        }
        let local_ref = head.name().unwrap_or_default().to_string();
        let branch = head.shorthand().unwrap_or_default().to_string();
        let no_upstream = || Error::NoUpstream { path: root.to_path_buf(), branch: branch.clone() };
        let remote = buf_string(repo.branch_upstream_remote(&local_ref)).ok_or_else(no_upstream)?;
        let merge_ref =
            buf_string(repo.branch_upstream_merge(&local_ref)).ok_or_else(no_upstream)?;
        let tracking_ref =
            buf_string(repo.branch_upstream_name(&local_ref)).ok_or_else(no_upstream)?;
        let url = repo
            .find_remote(&remote)
            .ok()
            .and_then(|r| r.url().map(str::to_string))
            .ok_or_else(no_upstream)?;
        Ok(Target { local_ref, remote, url, merge_ref, tracking_ref })
    }

    pub(super) fn label(&self) -> String {
        format!("{} ({})", self.remote, self.url)
    }
}

fn buf_string(buf: std::result::Result<git2::Buf, git2::Error>) -> Option<String> {
    buf.ok().and_then(|b| b.as_str().map(str::to_string))
}

/// The posts of the selection and the assets they reference, with their bytes to commit.
fn gather(blog: &Blog, repo: &Repository, selection: &Selection) -> Result<Vec<Item>> {
    let root = blog.root();
    let prefix = blog_prefix(repo, root);
    let posts: Vec<String> = match selection {
        Selection::Posts(paths) => paths.clone(),
        Selection::AllChanged => read_status(blog)?
            .posts
            .into_iter()
            .filter(|p| p.change != Change::Unchanged)
            .map(|p| p.path)
            .collect(),
    };
    let content = blog.conf.content_path.trim_matches('/').to_string();
    let mut items: Vec<Item> = Vec::new();
    for rel in &posts {
        let abs = blog_path::resolve(root, rel)?;
        let bytes = std::fs::read(&abs).map_err(io("read", &abs))?;
        let text = String::from_utf8_lossy(&bytes);
        let rel = blog_path::relative(root, &abs);
        let flipped = publish_status(&text);
        let post_dir = Path::new(&rel)
            .parent()
            .and_then(|d| d.strip_prefix(&content).ok())
            .map(|d| d.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        for asset in referenced_assets(flipped.as_deref().unwrap_or(&text), &post_dir) {
            let asset_rel = if content.is_empty() { asset } else { format!("{content}/{asset}") };
            // A missing or outside asset is the checker's business, not a reason not to publish.
            let Ok(asset_abs) = blog_path::resolve(root, &asset_rel) else { continue };
            if let Ok(bytes) = std::fs::read(&asset_abs) {
                push_item(
                    &mut items,
                    Item {
                        repo_path: format!("{prefix}{asset_rel}"),
                        abs: asset_abs,
                        bytes,
                        rewrite: false,
                        lfs_pointer: None,
                    },
                );
            }
        }
        let rewrite = flipped.is_some();
        let bytes = flipped.map(String::into_bytes).unwrap_or(bytes);
        let repo_path = format!("{prefix}{rel}");
        push_item(&mut items, Item { repo_path, abs, bytes, rewrite, lfs_pointer: None });
    }
    Ok(items)
}

fn push_item(items: &mut Vec<Item>, item: Item) {
    if !items.iter().any(|i| i.repo_path == item.repo_path) {
        items.push(item);
    }
}

fn build_tree<'r>(
    repo: &'r Repository,
    base: Option<&git2::Tree<'_>>,
    items: &[Item],
) -> std::result::Result<git2::Tree<'r>, git2::Error> {
    let empty;
    let base = match base {
        Some(tree) => tree,
        None => {
            let id = repo.treebuilder(None)?.write()?;
            empty = repo.find_tree(id)?;
            &empty
        }
    };
    let mut update = TreeUpdateBuilder::new();
    for item in items {
        let blob = repo.blob(item.lfs_pointer.as_deref().unwrap_or(&item.bytes))?;
        let mode = match base.get_path(Path::new(&item.repo_path)) {
            Ok(entry) if entry.filemode() == i32::from(FileMode::BlobExecutable) => {
                FileMode::BlobExecutable
            }
            _ => FileMode::Blob,
        };
        update.upsert(item.repo_path.as_str(), blob, mode);
    }
    let id = update.create_updated(repo, base)?;
    repo.find_tree(id)
}

/// Writes flipped posts, commits the items on HEAD, and stages exactly those paths.
/// Returns the committed paths (empty when there was nothing new to commit).
fn commit_items(
    repo: &Repository,
    root: &Path,
    items: &[Item],
    signature: &git2::Signature<'_>,
    signer: Option<&Signer>,
) -> Result<Vec<String>> {
    let head = repo.head().and_then(|h| h.peel_to_commit()).map_err(git("read HEAD", root))?;
    let head_tree = head.tree().map_err(git("read HEAD", root))?;
    let tree = build_tree(repo, Some(&head_tree), items).map_err(git("build a tree", root))?;
    if tree.id() == head_tree.id() {
        return Ok(Vec::new());
    }
    let diff =
        repo.diff_tree_to_tree(Some(&head_tree), Some(&tree), None).map_err(git("diff", root))?;
    let files: Vec<String> = diff
        .deltas()
        .filter_map(|d| d.new_file().path().map(|p| p.to_string_lossy().into_owned()))
        .collect();
    // The hooks and the signature come first: if either refuses, no file has changed.
    let message = run_commit_hooks(repo, &tree, &commit_message(items, &files))?;
    let commit = write_commit(repo, root, signer, signature, signature, &message, &tree, &[&head])?;
    for item in items.iter().filter(|i| i.rewrite) {
        write_atomic(&item.abs, &item.bytes)?;
    }
    let branch = repo.head().ok().and_then(|h| h.name().map(str::to_string));
    let branch = branch.unwrap_or_else(|| "HEAD".into());
    let reflog = format!("commit: {}", message.lines().next().unwrap_or_default());
    repo.reference_matching(&branch, commit, true, head.id(), &reflog)
        .map_err(git("commit", root))?;
    let mut index = repo.index().map_err(git("open the index", root))?;
    for item in items {
        match &item.lfs_pointer {
            Some(pointer) => stage_pointer(repo, &mut index, item, pointer),
            None => index.add_path(Path::new(&item.repo_path)),
        }
        .map_err(git("stage", root))?;
    }
    index.write().map_err(git("write the index", root))?;
    Ok(files)
}

/// Replaces the content of every item the repository's attributes give to Git LFS with its
/// pointer, the object stored by `git-lfs clean`; refuses before anything is committed
/// when git-lfs is missing.
fn store_in_lfs(repo: &Repository, root: &Path, items: &mut [Item]) -> Result<()> {
    let tracked: Vec<String> = items
        .iter()
        .filter(|i| lfs::is_tracked(repo, &i.repo_path))
        .map(|i| i.repo_path.clone())
        .collect();
    lfs::ensure_available(root, &tracked)?;
    let workdir = repo.workdir().unwrap_or(root).to_path_buf();
    for item in items.iter_mut().filter(|i| tracked.contains(&i.repo_path)) {
        item.lfs_pointer = Some(lfs::clean(&workdir, &item.repo_path, &item.bytes)?);
    }
    Ok(())
}

/// Stages an LFS file as its pointer, with the work-tree file's size and times as git
/// records them for a filtered file: git and libgit2 (which has no LFS filter and would
/// otherwise compare the image with the pointer) both see the file as unchanged.
fn stage_pointer(
    repo: &Repository,
    index: &mut git2::Index,
    item: &Item,
    pointer: &[u8],
) -> std::result::Result<(), git2::Error> {
    let stat = FileStat::of(&item.abs);
    let entry = git2::IndexEntry {
        ctime: stat.ctime,
        mtime: stat.mtime,
        dev: stat.dev,
        ino: stat.ino,
        mode: u32::from(FileMode::Blob),
        uid: stat.uid,
        gid: stat.gid,
        file_size: u32::try_from(item.bytes.len()).unwrap_or(u32::MAX),
        id: repo.blob(pointer)?,
        flags: 0,
        flags_extended: 0,
        path: item.repo_path.as_bytes().to_vec(),
    };
    index.add(&entry)
}

/// What an index entry records of a file, as far as the platform tells it (zeros where it
/// does not: git then looks at the content again).
struct FileStat {
    ctime: git2::IndexTime,
    mtime: git2::IndexTime,
    dev: u32,
    ino: u32,
    uid: u32,
    gid: u32,
}

impl FileStat {
    fn unknown() -> FileStat {
        let zero = git2::IndexTime::new(0, 0);
        FileStat { ctime: zero, mtime: zero, dev: 0, ino: 0, uid: 0, gid: 0 }
    }

    #[cfg(unix)]
    fn of(path: &Path) -> FileStat {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = path.metadata() else { return FileStat::unknown() };
        // The index keeps 32 bits of each, as git does.
        let time = |secs: i64, nanos: i64| git2::IndexTime::new(secs as i32, nanos as u32);
        FileStat {
            ctime: time(meta.ctime(), meta.ctime_nsec()),
            mtime: time(meta.mtime(), meta.mtime_nsec()),
            dev: meta.dev() as u32,
            ino: meta.ino() as u32,
            uid: meta.uid(),
            gid: meta.gid(),
        }
    }

    #[cfg(not(unix))]
    fn of(_path: &Path) -> FileStat {
        FileStat::unknown()
    }
}

/// The signer the repository's config asks for, if any.
pub(super) fn signer(repo: &Repository, root: &Path) -> Result<Option<Signer>> {
    let mut config = repo.config().map_err(git("read the config", root))?;
    let config = config.snapshot().map_err(git("read the config", root))?;
    Signer::from_config(&config, root)
}

/// Writes a commit object (signed when `signer` says so) without moving any branch.
#[allow(clippy::too_many_arguments)] // the parts of a commit, as git2's own `commit` takes them
fn write_commit(
    repo: &Repository,
    root: &Path,
    signer: Option<&Signer>,
    author: &git2::Signature<'_>,
    committer: &git2::Signature<'_>,
    message: &str,
    tree: &git2::Tree<'_>,
    parents: &[&git2::Commit<'_>],
) -> Result<Oid> {
    let Some(signer) = signer else {
        return repo
            .commit(None, author, committer, message, tree, parents)
            .map_err(git("commit", root));
    };
    let buffer = repo
        .commit_create_buffer(author, committer, message, tree, parents)
        .map_err(git("commit", root))?;
    let ident = format!(
        "{} <{}>",
        String::from_utf8_lossy(committer.name_bytes()),
        String::from_utf8_lossy(committer.email_bytes())
    );
    let signature = signer.sign(&buffer, &ident, repo.path(), root)?;
    let content = std::str::from_utf8(&buffer).map_err(|_| Error::Git {
        action: "commit",
        path: root.to_path_buf(),
        message: "the commit is not UTF-8 text, so it cannot be signed".into(),
    })?;
    repo.commit_signed(content, &signature, None).map_err(git("commit", root))
}

fn commit_message(items: &[Item], files: &[String]) -> String {
    let posts: Vec<&str> = items
        .iter()
        .filter(|i| i.repo_path.ends_with(".rst") || i.repo_path.ends_with(".md"))
        .filter(|i| files.contains(&i.repo_path))
        .map(|i| i.repo_path.rsplit('/').next().unwrap_or(&i.repo_path))
        .collect();
    match posts.as_slice() {
        [one] => format!("Publish {one}\n"),
        [] => "Publish assets\n".to_string(),
        many => format!("Publish {} posts\n\n{}\n", many.len(), many.join("\n")),
    }
}

pub(super) fn fetch(
    repo: &Repository,
    target: &Target,
    session: &Session<'_>,
    progress: &RefCell<&mut dyn FnMut(Progress)>,
) -> Result<()> {
    (progress.borrow_mut())(Progress::step(Stage::Fetch));
    let mut remote =
        repo.find_remote(&target.remote).map_err(git("find the remote", Path::new(&target.url)))?;
    let mut opts = FetchOptions::new();
    opts.remote_callbacks(session.callbacks(Stage::Fetch, progress));
    let refspec = format!("+{}:{}", target.merge_ref, target.tracking_ref);
    remote.fetch(&[refspec.as_str()], Some(&mut opts), None).map_err(|e| session.network_error(e))
}

/// Brings the remote's commits in under ours: fast-forward when we have none of our own,
/// else cherry-pick our unpublished commits onto the remote's branch in memory. The work
/// tree is updated with a safe checkout (it refuses to overwrite uncommitted changes)
/// before the branch moves, so any failure leaves everything as it was.
/// Returns how many commits were rebased.
pub(super) fn integrate(
    repo: &Repository,
    root: &Path,
    target: &Target,
    committer: &git2::Signature<'_>,
    signer: Option<&Signer>,
) -> Result<usize> {
    let local = repo.refname_to_id(&target.local_ref).map_err(git("read the branch", root))?;
    let Ok(remote) = repo.refname_to_id(&target.tracking_ref) else {
        return Ok(0); // The remote branch does not exist yet: the push creates it.
    };
    if local == remote || repo.graph_descendant_of(local, remote).unwrap_or(false) {
        return Ok(0);
    }
    let mut new_head = repo.find_commit(remote).map_err(git("read a commit", root))?;
    let mut rebased = 0;
    if !repo.graph_descendant_of(remote, local).unwrap_or(false) {
        let mut walk = repo.revwalk().map_err(git("walk history", root))?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE).map_err(git("walk history", root))?;
        walk.push(local).map_err(git("walk history", root))?;
        walk.hide(remote).map_err(git("walk history", root))?;
        for id in walk {
            let id = id.map_err(git("walk history", root))?;
            let ours = repo.find_commit(id).map_err(git("read a commit", root))?;
            if ours.parent_count() != 1 {
                return Err(Error::Git {
                    action: "rebase unpublished commits",
                    path: root.to_path_buf(),
                    message: format!("commit {id} is a merge; integrate it with git by hand"),
                });
            }
            let mut index = repo
                .cherrypick_commit(&ours, &new_head, 0, None)
                .map_err(git("rebase unpublished commits", root))?;
            if index.has_conflicts() {
                // cherrypick_commit's "our" side is the commit we pick onto (the remote's).
                return Err(Error::Conflict {
                    path: root.to_path_buf(),
                    conflicts: conflicts(repo, &index, Sides::RemoteIsOurs),
                });
            }
            let tree_id = index.write_tree_to(repo).map_err(git("write a tree", root))?;
            let tree = repo.find_tree(tree_id).map_err(git("read a tree", root))?;
            let message = ours.message().unwrap_or("Publish\n");
            let author = ours.author();
            let new_id =
                write_commit(repo, root, signer, &author, committer, message, &tree, &[&new_head])?;
            new_head = repo.find_commit(new_id).map_err(git("read a commit", root))?;
            rebased += 1;
        }
    }
    safe_checkout(repo, &new_head)?;
    repo.reference(&target.local_ref, new_head.id(), true, "folio: integrate remote changes")
        .map_err(git("move the branch", root))?;
    Ok(rebased)
}

/// Updates the work tree (and index) to `commit`, refusing to overwrite any file with
/// uncommitted changes.
pub(super) fn safe_checkout(repo: &Repository, commit: &git2::Commit<'_>) -> Result<()> {
    let blocked: RefCell<Vec<String>> = RefCell::new(Vec::new());
    let mut checkout = git2::build::CheckoutBuilder::new();
    checkout.safe().notify_on(git2::CheckoutNotificationType::CONFLICT).notify(
        |_, path, _, _, _| {
            if let Some(path) = path {
                blocked.borrow_mut().push(path.to_string_lossy().replace('\\', "/"));
            }
            true
        },
    );
    let checked_out = repo.checkout_tree(commit.as_object(), Some(&mut checkout));
    drop(checkout);
    if let Err(e) = checked_out {
        let mut paths = blocked.into_inner();
        if paths.is_empty() {
            paths.push(e.message().to_string());
        }
        return Err(Error::WouldOverwrite { paths });
    }
    Ok(())
}

/// The bits of an index entry's flags that hold its merge stage (libgit2's
/// `GIT_INDEX_ENTRY_STAGEMASK`); a resolved entry is stage 0.
const INDEX_STAGE_MASK: u16 = 0x3000;

/// The text a writer chose for a file that conflicted, `None` to delete it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct Resolution {
    /// Path relative to the repository root, as the conflict named it.
    pub path: String,
    /// The resolved text, or `None` to delete the file.
    pub text: Option<String>,
}

/// Settles a conflict a publish reported: merges the remote's branch (as last fetched)
/// into ours, with the writer's `resolutions` for the conflicting files, and updates the
/// work tree safely. The next publish is then a plain fast-forward for the remote; nothing
/// is ever forced. Every conflicting file needs a resolution, else nothing changes and the
/// remaining conflicts are reported again.
pub fn resolve_conflicts(blog: &Blog, resolutions: &[Resolution]) -> Result<()> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let target = Target::find(&repo, root)?;
    let signature = repo.signature().map_err(|_| Error::NoIdentity(root.to_path_buf()))?;
    let signer = signer(&repo, root)?;
    let local = repo.refname_to_id(&target.local_ref).map_err(git("read the branch", root))?;
    let Ok(remote) = repo.refname_to_id(&target.tracking_ref) else { return Ok(()) };
    if local == remote || repo.graph_descendant_of(local, remote).unwrap_or(false) {
        return Ok(()); // Already integrated: nothing left to resolve.
    }
    let ours = repo.find_commit(local).map_err(git("read a commit", root))?;
    let theirs = repo.find_commit(remote).map_err(git("read a commit", root))?;
    let mut index = repo
        .merge_commits(&ours, &theirs, None)
        .map_err(git("merge the remote's changes", root))?;
    for resolution in resolutions {
        let path = Path::new(&resolution.path);
        let Ok(conflict) = index.conflict_get(path) else { continue };
        index.conflict_remove(path).map_err(git("resolve a conflict", root))?;
        let Some(text) = &resolution.text else { continue };
        let Some(mut entry) = conflict.our.or(conflict.their) else { continue };
        // The merge's index lives in memory: store the blob, then point a stage-0 entry at it.
        entry.id = repo.blob(text.as_bytes()).map_err(git("store the resolved text", root))?;
        entry.file_size = text.len() as u32;
        entry.flags &= !INDEX_STAGE_MASK;
        index.add(&entry).map_err(git("resolve a conflict", root))?;
    }
    if index.has_conflicts() {
        let conflicts = conflicts(&repo, &index, Sides::LocalIsOurs);
        return Err(Error::Conflict { path: root.to_path_buf(), conflicts });
    }
    let tree_id = index.write_tree_to(&repo).map_err(git("write a tree", root))?;
    let tree = repo.find_tree(tree_id).map_err(git("read a tree", root))?;
    let message = "Bring in the remote's changes\n";
    let parents = [&ours, &theirs];
    let merge = write_commit(
        &repo,
        root,
        signer.as_ref(),
        &signature,
        &signature,
        message,
        &tree,
        &parents,
    )?;
    let merge = repo.find_commit(merge).map_err(git("read a commit", root))?;
    safe_checkout(&repo, &merge)?;
    repo.reference(&target.local_ref, merge.id(), true, "folio: resolve conflicts")
        .map_err(git("move the branch", root))?;
    Ok(())
}

/// Which side of a conflicted index is the writer's own: a cherry-pick onto the remote's
/// branch calls the remote "ours", a merge into our branch calls us "ours".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sides {
    RemoteIsOurs,
    LocalIsOurs,
}

fn conflicts(repo: &Repository, index: &git2::Index, sides: Sides) -> Vec<Conflict> {
    let text = |entry: &Option<git2::IndexEntry>| {
        let entry = entry.as_ref()?;
        let blob = repo.find_blob(entry.id).ok()?;
        Some(String::from_utf8_lossy(blob.content()).into_owned())
    };
    let Ok(iter) = index.conflicts() else { return Vec::new() };
    iter.filter_map(|c| c.ok())
        .map(|c| {
            let path = [&c.their, &c.our, &c.ancestor]
                .into_iter()
                .find_map(|e| e.as_ref().map(|e| String::from_utf8_lossy(&e.path).into_owned()))
                .unwrap_or_default();
            let (local, remote) = match sides {
                Sides::RemoteIsOurs => (&c.their, &c.our),
                Sides::LocalIsOurs => (&c.our, &c.their),
            };
            Conflict { path, ours: text(local), theirs: text(remote) }
        })
        .collect()
}

/// Pushes the branch; `Ok(Some(reason))` when the remote rejected the update.
fn push(
    repo: &Repository,
    target: &Target,
    session: &Session<'_>,
    progress: &RefCell<&mut dyn FnMut(Progress)>,
) -> Result<Option<String>> {
    (progress.borrow_mut())(Progress::step(Stage::Push));
    let mut remote =
        repo.find_remote(&target.remote).map_err(git("find the remote", Path::new(&target.url)))?;
    let rejection: RefCell<Option<String>> = RefCell::new(None);
    let mut callbacks = session.callbacks(Stage::Push, progress);
    callbacks.push_update_reference(|_refname, status| {
        if let Some(status) = status {
            *rejection.borrow_mut() = Some(status.to_string());
        }
        Ok(())
    });
    let mut opts = PushOptions::new();
    opts.remote_callbacks(callbacks);
    // No leading '+': never a forced update.
    let refspec = format!("{}:{}", target.local_ref, target.merge_ref);
    let result = remote.push(&[refspec.as_str()], Some(&mut opts));
    drop(opts);
    match result {
        Ok(()) => Ok(rejection.into_inner()),
        Err(e) if e.code() == git2::ErrorCode::NotFastForward => Ok(Some(e.message().into())),
        Err(e) => Err(session.network_error(e)),
    }
}

fn verify(repo: &Repository, target: &Target, session: &Session<'_>, commit: Oid) -> Result<()> {
    let mut remote = repo
        .remote_anonymous(&target.url)
        .map_err(git("find the remote", Path::new(&target.url)))?;
    let mut sink = |_: Progress| {};
    let quiet: RefCell<&mut dyn FnMut(Progress)> = RefCell::new(&mut sink);
    let connection = remote
        .connect_auth(Direction::Fetch, Some(session.callbacks(Stage::Verify, &quiet)), None)
        .map_err(|e| session.network_error(e))?;
    let found = connection
        .list()
        .map_err(|e| session.network_error(e))?
        .iter()
        .find(|h| h.name() == target.merge_ref)
        .map(|h| h.oid());
    if found != Some(commit) {
        return Err(Error::NotVerified {
            remote: target.label(),
            refname: target.merge_ref.clone(),
            expected: commit.to_string(),
            found: found.map(|o| o.to_string()).unwrap_or_else(|| "missing".into()),
        });
    }
    Ok(())
}
