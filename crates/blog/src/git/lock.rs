//! `.git/index.lock`: git's sign that a git program is changing the index. One left behind
//! by a git that crashed blocks every commit; this module says how old it is and whether a
//! git program still works in the repository, and removes it only when none does.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use git2::Repository;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{git, io, Error, Result};
use crate::Blog;

/// An `index.lock` found in the repository.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IndexLock {
    /// The lock file.
    pub path: String,
    /// How long ago it was last written, in seconds.
    pub age_seconds: u32,
    /// The git programs running in the repository now (none: the lock is stale).
    pub git_processes: Vec<GitProcess>,
    /// Whether Folio could look for git programs at all (it reads `/proc`, so Linux only);
    /// when it could not, it offers no removal.
    pub processes_known: bool,
}

impl IndexLock {
    /// No git program works in the repository: removing the lock loses nothing.
    pub fn is_stale(&self) -> bool {
        self.processes_known && self.git_processes.is_empty()
    }
}

/// A running git program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct GitProcess {
    /// Its process id.
    pub pid: u32,
    /// Its command line.
    pub command: String,
}

impl std::fmt::Display for IndexLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let age = age_in_words(u64::from(self.age_seconds));
        if !self.git_processes.is_empty() {
            let running: Vec<String> = self
                .git_processes
                .iter()
                .map(|p| format!("{} (pid {})", p.command, p.pid))
                .collect();
            write!(
                f,
                "git is busy in this repository: {} has existed for {age} and {} still \
                 running; wait for it to finish, then try again",
                self.path,
                running.join(", ") + if running.len() == 1 { " is" } else { " are" }
            )
        } else if self.processes_known {
            write!(
                f,
                "{} was left behind {age} ago by a git program that stopped before finishing; \
                 no git program is running in this repository, so it is safe to remove it \
                 (Folio can remove it, or run `folio unlock` or delete the file), then try again",
                self.path
            )
        } else {
            write!(
                f,
                "{} has existed for {age}: a git program is working in this repository, or one \
                 stopped before finishing; if no git program is running, delete the file and \
                 try again",
                self.path
            )
        }
    }
}

fn age_in_words(seconds: u64) -> String {
    match seconds {
        0..=89 => format!("{seconds} seconds"),
        90..=5_399 => format!("{} minutes", (seconds + 30) / 60),
        5_400..=129_599 => format!("{} hours", (seconds + 1_800) / 3_600),
        _ => format!("{} days", (seconds + 43_200) / 86_400),
    }
}

/// The repository's `index.lock`, if there is one.
pub fn read_index_lock(blog: &Blog) -> Result<Option<IndexLock>> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    Ok(index_lock(&repo))
}

/// Removes a stale `index.lock`; refuses (with [`Error::IndexLocked`]) while a git program
/// runs in the repository or when Folio cannot tell.
pub fn remove_stale_index_lock(blog: &Blog) -> Result<()> {
    let root = blog.root();
    let repo = Repository::discover(root).map_err(git("open the repository", root))?;
    let Some(lock) = index_lock(&repo) else { return Ok(()) };
    if !lock.is_stale() {
        return Err(Error::IndexLocked(lock));
    }
    let path = PathBuf::from(&lock.path);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io("remove", &path)(e)),
        _ => Ok(()),
    }
}

/// `Err(IndexLocked)` when the repository is locked: checked before a publish commits.
pub(crate) fn ensure_unlocked(repo: &Repository) -> Result<()> {
    match index_lock(repo) {
        Some(lock) => Err(Error::IndexLocked(lock)),
        None => Ok(()),
    }
}

fn index_lock(repo: &Repository) -> Option<IndexLock> {
    let path = repo.path().join("index.lock");
    let meta = std::fs::metadata(&path).ok()?;
    let age_seconds = meta
        .modified()
        .ok()
        .and_then(|m| SystemTime::now().duration_since(m).ok())
        .map_or(0, |d| u32::try_from(d.as_secs()).unwrap_or(u32::MAX));
    let (git_processes, processes_known) = match git_processes_in(repo) {
        Some(found) => (found, true),
        None => (Vec::new(), false),
    };
    Some(IndexLock {
        path: path.to_string_lossy().into_owned(),
        age_seconds,
        git_processes,
        processes_known,
    })
}

/// The git programs (`git`, `git-*`) whose working folder is in the repository: git moves
/// to the top of the work tree (or into the git folder) before it takes the lock, so
/// that is where one holding it runs. `None` where `/proc` cannot be read.
fn git_processes_in(repo: &Repository) -> Option<Vec<GitProcess>> {
    let git_dir = repo.path().canonicalize().ok()?;
    let work_tree = repo.workdir().and_then(|w| w.canonicalize().ok());
    let inside = |cwd: &Path| {
        cwd.starts_with(&git_dir) || work_tree.as_deref().is_some_and(|w| cwd.starts_with(w))
    };
    let ours = std::process::id();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        if pid == ours {
            continue;
        }
        let dir = entry.path();
        let Ok(comm) = std::fs::read_to_string(dir.join("comm")) else { continue };
        let comm = comm.trim();
        if comm != "git" && !comm.starts_with("git-") {
            continue;
        }
        let Ok(cwd) = std::fs::read_link(dir.join("cwd")) else { continue };
        if !inside(&cwd) {
            continue;
        }
        let command = std::fs::read(dir.join("cmdline"))
            .map(|raw| {
                raw.split(|b| *b == 0)
                    .filter(|part| !part.is_empty())
                    .map(|part| String::from_utf8_lossy(part).into_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_else(|_| comm.to_string());
        found.push(GitProcess { pid, command });
    }
    found.sort_by_key(|p| p.pid);
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_said_in_the_unit_a_person_would_use() {
        assert_eq!(age_in_words(5), "5 seconds");
        assert_eq!(age_in_words(600), "10 minutes");
        assert_eq!(age_in_words(7_200), "2 hours");
        assert_eq!(age_in_words(3 * 86_400), "3 days");
    }
}
