//! Every committed version of one post, newest first, following renames, and the post's
//! text at any of those commits. Reads only: nothing here changes the repository.
//!
//! The walk visits each commit reachable from HEAD once and compares the post's blob id
//! with its parents' by descending the trees along the post's path (a pathspec-limited
//! walk), so a commit that did not touch the post costs a few tree lookups and no diff. A
//! diff (with rename detection) is computed only where the post appears, to see whether it
//! came from another path. Where git's commit-graph has changed-path filters, a commit they
//! rule out costs no tree lookup at all.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use git2::{Commit, Oid, Repository, Sort};
use serde::Serialize;
use ts_rs::TS;

use super::commit_graph::{Answer, ChangedPaths};
use super::status::blog_prefix;
use crate::error::{git, Error, Result};
use crate::{blog_path, Blog};

/// One commit that changed a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostVersion {
    /// The commit's full hash.
    pub commit: String,
    /// When it was written (the author date, as `git log` shows), ISO 8601 with the
    /// author's offset as `git log --date=iso-strict` prints it (`2024-01-01T10:00:00+01:00`,
    /// `Z` for UTC).
    pub date: String,
    /// The author's name.
    pub author: String,
    /// The commit message, first line only.
    pub message: String,
    /// Where the post was at that commit, relative to the blog folder.
    pub path: String,
    /// Whether the commit is on the upstream branch (as last fetched): published.
    pub published: bool,
}

/// A post's history: its commits, newest first, and whether the file on disk has changes
/// not committed yet (autosaves since the last commit).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostHistory {
    /// The post, relative to the blog folder.
    pub path: String,
    /// The text on disk differs from the last commit (or the post was never committed).
    pub uncommitted: bool,
    /// The commits that changed the post, newest first.
    pub versions: Vec<PostVersion>,
}

/// Reads the history of the post at `post` (relative to the blog folder): every commit
/// reachable from HEAD whose version of the post differs from all its parents', newest
/// first, following the post back through renames.
pub fn read_post_history(blog: &Blog, post: &str) -> Result<PostHistory> {
    let root = blog.root();
    let abs = blog_path::resolve(root, post)?;
    let post = blog_path::relative(root, &abs);
    let repo = open_repository(root)?;
    let prefix = blog_prefix(&repo, root);
    let repo_path = format!("{prefix}{post}");
    let uncommitted = match repo.status_file(Path::new(&repo_path)) {
        Ok(status) => !status.is_empty() && !status.contains(git2::Status::IGNORED),
        // Not tracked and not on disk either: nothing uncommitted to show.
        Err(_) => false,
    };
    let versions = match repo.head().ok().and_then(|h| h.target()) {
        Some(head) => walk(&repo, head, &repo_path)
            .map_err(git("read the post's history", root))?
            .into_iter()
            .map(|found| version(&repo, &found, &prefix))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(git("read the post's history", root))?,
        // An unborn branch: no commits yet.
        None => Vec::new(),
    };
    let published = published_filter(&repo).map_err(git("compare with the upstream", root))?;
    let versions = versions
        .into_iter()
        .map(|mut v| {
            v.published = published.is_published(&v.commit);
            v
        })
        .collect();
    Ok(PostHistory { path: post, uncommitted, versions })
}

/// The post's text as committed in `rev` (a hash, a short hash, or anything `git rev-parse`
/// takes, such as `HEAD~2`). Where the post had another name at that commit (it was
/// renamed since), the text under that name.
pub fn read_post_at(blog: &Blog, post: &str, rev: &str) -> Result<String> {
    let root = blog.root();
    let abs = blog_path::resolve(root, post)?;
    let post = blog_path::relative(root, &abs);
    let repo = open_repository(root)?;
    let prefix = blog_prefix(&repo, root);
    let repo_path = format!("{prefix}{post}");
    let not_a_commit = |_| Error::UnknownRevision { rev: rev.to_string(), path: root.into() };
    let commit =
        repo.revparse_single(rev).and_then(|o| o.peel_to_commit()).map_err(not_a_commit)?;
    // The name the post had at that commit: the one its history says, else today's.
    let path_then = match repo.head().ok().and_then(|h| h.target()) {
        Some(head) => walk_paths(&repo, head, &repo_path)
            .map_err(git("read the post's history", root))?
            .remove(&commit.id())
            .unwrap_or(repo_path.clone()),
        None => repo_path.clone(),
    };
    let tree = commit.tree().map_err(git("read a commit", root))?;
    let missing = || Error::NotInCommit { post: post.clone(), commit: commit.id().to_string() };
    let entry = tree.get_path(Path::new(&path_then)).map_err(|_| missing())?;
    let blob = repo.find_blob(entry.id()).map_err(|_| missing())?;
    String::from_utf8(blob.content().to_vec()).map_err(|_| Error::NotUtf8(abs))
}

/// An older version of a post beside the current text, for the history panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VersionComparison {
    /// The post's text at the commit.
    pub text: String,
    /// A word diff from that text to `current`.
    pub diff: Vec<crate::word_diff::DiffPiece>,
}

/// The post's text at `rev` and a word diff from it to `current` (the editor's text, saved
/// or not).
pub fn compare_post_version(
    blog: &Blog,
    post: &str,
    rev: &str,
    current: &str,
) -> Result<VersionComparison> {
    let text = read_post_at(blog, post, rev)?;
    let diff = crate::word_diff::diff_words(&text, current);
    Ok(VersionComparison { text, diff })
}

/// The repository the blog is in; a blog in none is [`Error::NotARepository`].
///
/// libgit2 re-hashes every object it reads to check its id (SHA-1 with collision
/// detection), which was over half of a history walk's time; git itself does not on reads,
/// and zlib's checksum still catches a damaged object. The option is process-wide and
/// only changes reads.
fn open_repository(root: &Path) -> Result<Repository> {
    git2::opts::strict_hash_verification(false);
    Repository::discover(root).map_err(|e| match e.code() {
        git2::ErrorCode::NotFound => Error::NotARepository(root.to_path_buf()),
        _ => git("open the repository", root)(e),
    })
}

/// A commit where the post changed, and its path there.
struct Found {
    id: Oid,
    path: String,
}

/// Commits reachable from `head` that changed `path`, newest first.
fn walk(repo: &Repository, head: Oid, path: &str) -> std::result::Result<Vec<Found>, git2::Error> {
    let mut found = Vec::new();
    history_walk(repo, head, path, |id, path, changed| {
        if changed {
            found.push(Found { id, path: path.to_string() });
        }
    })?;
    Ok(found)
}

/// The post's path at every commit reachable from `head`.
fn walk_paths(
    repo: &Repository,
    head: Oid,
    path: &str,
) -> std::result::Result<HashMap<Oid, String>, git2::Error> {
    let mut paths = HashMap::new();
    history_walk(repo, head, path, |id, path, _| {
        paths.insert(id, path.to_string());
    })?;
    Ok(paths)
}

/// Visits every commit reachable from `head`, children before parents, with the post's
/// path at that commit and whether the commit changed the post (its blob differs from
/// every parent's, or a root commit has it). A commit where the post appears by a rename
/// hands the old path on to its parents.
fn history_walk(
    repo: &Repository,
    head: Oid,
    path: &str,
    mut visit: impl FnMut(Oid, &str, bool),
) -> std::result::Result<(), git2::Error> {
    let mut revwalk = repo.revwalk()?;
    revwalk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    revwalk.push(head)?;
    // The path to look for at each commit not yet visited, set by its first child.
    let mut path_at: HashMap<Oid, String> = HashMap::from([(head, path.to_string())]);
    let mut blobs = BlobCache::new(repo)?;
    let changed_paths = ChangedPaths::read(repo);
    for id in revwalk {
        let id = id?;
        let Some(path) = path_at.remove(&id) else { continue };
        let commit = blobs.links(repo, id)?;
        // The commit-graph's filter may know the commit left the path alone: no trees read.
        if !commit.parents.is_empty() && changed_paths.query(id, &path) == Answer::Unchanged {
            visit(id, &path, false);
            for parent in commit.parents {
                path_at.entry(parent).or_insert_with(|| path.clone());
            }
            continue;
        }
        let ours = blobs.get(commit.tree, &path)?;
        let mut parent_path = path.clone();
        let changed = match ours {
            // The post does not exist here: older commits cannot have it under this name
            // unless a merge brought it in, which its other parent would show.
            None => false,
            Some(blob) => {
                let mut same_as_a_parent = false;
                let mut in_a_parent = false;
                for parent in &commit.parents {
                    let tree = blobs.links(repo, *parent)?.tree;
                    let theirs = blobs.get(tree, &path)?;
                    in_a_parent |= theirs.is_some();
                    same_as_a_parent |= theirs == Some(blob);
                }
                if !in_a_parent && !commit.parents.is_empty() {
                    if let Some(old) = renamed_from(repo, &repo.find_commit(id)?, &path)? {
                        parent_path = old;
                    }
                }
                !same_as_a_parent
            }
        };
        visit(id, &path, changed);
        for parent in commit.parents {
            path_at.entry(parent).or_insert_with(|| parent_path.clone());
        }
    }
    Ok(())
}

/// The post's blob id in each tree looked at, so a commit compared with its child and
/// then with its own parents descends its tree once. Trees are read raw from the object
/// database and scanned for the one name wanted at each level: libgit2's tree parsing
/// (every entry of a folder of 1,000 posts, its mode read as a number) was most of a walk
/// that reads trees.
///
/// Commits are read the same way, for their tree and parents only (libgit2's parse of
/// both signatures and the message was most of what remained).
struct BlobCache<'r> {
    odb: git2::Odb<'r>,
    found: HashMap<(Oid, String), Option<Oid>>,
    /// A shallow clone's cut-off commits keep parents the repository lacks: there, the
    /// parents are libgit2's, which knows where the clone stops.
    shallow: bool,
}

/// What the walk needs of a commit.
#[derive(Debug, PartialEq, Eq)]
struct CommitLinks {
    tree: Oid,
    parents: Vec<Oid>,
}

impl<'r> BlobCache<'r> {
    fn new(repo: &'r Repository) -> std::result::Result<Self, git2::Error> {
        Ok(BlobCache { odb: repo.odb()?, found: HashMap::new(), shallow: repo.is_shallow() })
    }

    /// The tree and parents of the commit `id`.
    fn links(&self, repo: &Repository, id: Oid) -> std::result::Result<CommitLinks, git2::Error> {
        if !self.shallow {
            let object = self.odb.read(id)?;
            if let Some(links) = commit_links(object.data()) {
                return Ok(links);
            }
        }
        let commit = repo.find_commit(id)?;
        Ok(CommitLinks { tree: commit.tree_id(), parents: commit.parent_ids().collect() })
    }

    /// The blob at `path` in the tree `tree`, remembered.
    fn get(&mut self, tree: Oid, path: &str) -> std::result::Result<Option<Oid>, git2::Error> {
        let key = (tree, path.to_string());
        if let Some(found) = self.found.get(&key) {
            return Ok(*found);
        }
        let found = self.blob_in(tree, path)?;
        self.found.insert(key, found);
        Ok(found)
    }

    /// The blob at `path` in the tree `tree`, descending one folder at a time.
    fn blob_in(&self, tree: Oid, path: &str) -> std::result::Result<Option<Oid>, git2::Error> {
        let mut tree = tree;
        let mut parts = path.split('/').peekable();
        while let Some(part) = parts.next() {
            let object = self.odb.read(tree)?;
            if object.kind() != git2::ObjectType::Tree {
                return Ok(None);
            }
            let Some(entry) = tree_entry(object.data(), part.as_bytes()) else { return Ok(None) };
            match (parts.peek(), entry.kind) {
                (None, EntryKind::Blob) => return Ok(Some(entry.id)),
                (Some(_), EntryKind::Tree) => tree = entry.id,
                _ => return Ok(None),
            }
        }
        Ok(None)
    }
}

/// The tree and parents a commit object's bytes name in their first lines (`tree <hex>`,
/// then `parent <hex>` for each parent); `None` when they are not in that form.
fn commit_links(raw: &[u8]) -> Option<CommitLinks> {
    let hex = |line: &[u8], key: &[u8]| {
        let hex = line.strip_prefix(key).filter(|hex| hex.len() == 40)?;
        Oid::from_str(std::str::from_utf8(hex).ok()?).ok()
    };
    let mut lines = raw.split(|b| *b == b'\n');
    let tree = hex(lines.next()?, b"tree ")?;
    let parents = lines.map_while(|line| hex(line, b"parent ")).collect();
    Some(CommitLinks { tree, parents })
}

/// What a tree entry names, by its mode: a folder, a submodule's commit, or a file
/// (regular, executable or a symbolic link, which libgit2 also calls a blob).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntryKind {
    Tree,
    Commit,
    Blob,
}

#[derive(Debug, PartialEq, Eq)]
struct TreeEntry {
    id: Oid,
    kind: EntryKind,
}

/// The entry called `name` in a tree object's bytes (`<octal mode> <name>\0<20-byte id>`,
/// repeated); `None` when there is none or the bytes end early.
fn tree_entry(mut raw: &[u8], name: &[u8]) -> Option<TreeEntry> {
    const ID_LEN: usize = 20;
    while !raw.is_empty() {
        let space = memchr::memchr(b' ', raw)?;
        let nul = space + 1 + memchr::memchr(0, &raw[space + 1..])?;
        let id = raw.get(nul + 1..nul + 1 + ID_LEN)?;
        if &raw[space + 1..nul] == name {
            let kind = match &raw[..space] {
                b"40000" => EntryKind::Tree,
                b"160000" => EntryKind::Commit,
                _ => EntryKind::Blob,
            };
            return Some(TreeEntry { id: Oid::from_bytes(id).ok()?, kind });
        }
        raw = &raw[nul + 1 + ID_LEN..];
    }
    None
}

/// Where `path` came from when `commit` added it: the old path of a rename (or copy of a
/// file deleted in the same commit) against the first parent, as `git log --follow` finds.
fn renamed_from(
    repo: &Repository,
    commit: &Commit<'_>,
    path: &str,
) -> std::result::Result<Option<String>, git2::Error> {
    let parent = commit.parent(0)?;
    let mut diff = repo.diff_tree_to_tree(Some(&parent.tree()?), Some(&commit.tree()?), None)?;
    let mut find = git2::DiffFindOptions::new();
    find.renames(true);
    diff.find_similar(Some(&mut find))?;
    let old = diff.deltas().find_map(|delta| {
        let new_path = delta.new_file().path()?.to_string_lossy().replace('\\', "/");
        if new_path != path || delta.status() != git2::Delta::Renamed {
            return None;
        }
        delta.old_file().path().map(|p| p.to_string_lossy().replace('\\', "/"))
    });
    Ok(old)
}

fn version(
    repo: &Repository,
    found: &Found,
    prefix: &str,
) -> std::result::Result<PostVersion, git2::Error> {
    let commit = repo.find_commit(found.id)?;
    let time = commit.author().when();
    let path = found.path.strip_prefix(prefix).unwrap_or(&found.path).to_string();
    let author = String::from_utf8_lossy(commit.author().name_bytes()).into_owned();
    Ok(PostVersion {
        commit: found.id.to_string(),
        date: iso_8601(time.seconds(), time.offset_minutes()),
        author,
        message: commit.summary().unwrap_or_default().to_string(),
        path,
        published: false,
    })
}

/// Which commits the upstream branch has: everything reachable from HEAD but not from the
/// upstream is unpublished (usually a handful), so only those are listed.
enum Published {
    /// No upstream: nothing is published.
    Nothing,
    /// The commits of HEAD the upstream lacks.
    AllBut(HashSet<String>),
}

impl Published {
    fn is_published(&self, commit: &str) -> bool {
        match self {
            Published::Nothing => false,
            Published::AllBut(unpublished) => !unpublished.contains(commit),
        }
    }
}

fn published_filter(repo: &Repository) -> std::result::Result<Published, git2::Error> {
    let Ok(head) = repo.head() else { return Ok(Published::Nothing) };
    let (Some(local), Some(name)) = (head.target(), head.name()) else {
        return Ok(Published::Nothing);
    };
    let Ok(upstream) = repo.branch_upstream_name(name) else { return Ok(Published::Nothing) };
    let Some(upstream) = upstream.as_str().and_then(|u| repo.refname_to_id(u).ok()) else {
        return Ok(Published::Nothing);
    };
    let mut walk = repo.revwalk()?;
    walk.push(local)?;
    walk.hide(upstream)?;
    let unpublished = walk.map(|id| id.map(|id| id.to_string())).collect::<Result<_, _>>()?;
    Ok(Published::AllBut(unpublished))
}

/// `seconds` since the epoch shown at `offset` minutes from UTC, as ISO 8601 in git's
/// strict form (`Z` for an offset of zero).
fn iso_8601(seconds: i64, offset: i32) -> String {
    let local = seconds + i64::from(offset) * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let zone = match offset {
        0 => "Z".to_string(),
        _ => {
            let sign = if offset < 0 { '-' } else { '+' };
            let offset = offset.unsigned_abs();
            format!("{sign}{:02}:{:02}", offset / 60, offset % 60)
        }
    };
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{zone}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01: counted in 400-year eras of
/// 146,097 days, with years starting on March 1 so the leap day is the last of its year.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month as u32, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_entry_is_found_by_its_whole_name_with_its_kind() {
        let id = |b: u8| [b; 20];
        let mut raw = Vec::new();
        for (mode, name, b) in [
            ("100644", "a.rst", 1),
            ("40000", "content", 2),
            ("160000", "theme", 3),
            ("120000", "link", 4),
        ] {
            raw.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            raw.extend_from_slice(&id(b));
        }
        let entry = |name: &str| tree_entry(&raw, name.as_bytes());
        let oid = |b: u8| Oid::from_bytes(&id(b)).unwrap();
        assert_eq!(entry("a.rst"), Some(TreeEntry { id: oid(1), kind: EntryKind::Blob }));
        assert_eq!(entry("content"), Some(TreeEntry { id: oid(2), kind: EntryKind::Tree }));
        assert_eq!(entry("theme"), Some(TreeEntry { id: oid(3), kind: EntryKind::Commit }));
        assert_eq!(entry("link"), Some(TreeEntry { id: oid(4), kind: EntryKind::Blob }));
        assert_eq!(entry("a"), None, "a prefix of a name is not the name");
        assert_eq!(entry("content/a.rst"), None);
        assert_eq!(tree_entry(&raw[..raw.len() - 1], b"link"), None, "a cut-off id is no entry");
    }

    #[test]
    fn a_commit_s_tree_and_parents_are_read_from_its_first_lines() {
        let (a, b, c) = ("1".repeat(40), "2".repeat(40), "3".repeat(40));
        let oid = |h: &str| Oid::from_str(h).unwrap();
        let merge =
            format!("tree {a}\nparent {b}\nparent {c}\nauthor A <a@x> 1 +0000\n\nparent {a}\n");
        assert_eq!(
            commit_links(merge.as_bytes()),
            Some(CommitLinks { tree: oid(&a), parents: vec![oid(&b), oid(&c)] }),
            "a message line that looks like a parent is not one"
        );
        let root = format!("tree {a}\nauthor A <a@x> 1 +0000\n\nFirst\n");
        assert_eq!(
            commit_links(root.as_bytes()),
            Some(CommitLinks { tree: oid(&a), parents: vec![] })
        );
        assert_eq!(commit_links(b"author A <a@x> 1 +0000\n"), None, "no tree line");
    }

    #[test]
    fn commit_times_are_written_in_iso_8601_with_their_offset() {
        assert_eq!(iso_8601(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_8601(1_700_000_000, 60), "2023-11-14T23:13:20+01:00");
        assert_eq!(iso_8601(1_700_000_000, -330), "2023-11-14T16:43:20-05:30");
        // A leap day and a day before the epoch.
        assert_eq!(iso_8601(951_782_400, 0), "2000-02-29T00:00:00Z");
        assert_eq!(iso_8601(-1, 0), "1969-12-31T23:59:59Z");
    }
}
