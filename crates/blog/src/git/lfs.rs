//! Git LFS: files the repository's `.gitattributes` gives `filter=lfs` are committed as
//! LFS pointers, their content stored under `.git/lfs/objects` by the real `git-lfs clean`
//! (what `git add` runs for them), and pointer files that were never downloaded are told
//! apart from images.
//!
//! libgit2 knows nothing of LFS: without this, a tracked image would be committed whole.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use git2::{AttrCheckFlags, AttrValue, Repository};

use crate::error::{Error, Result};

/// The first line of every LFS pointer file (the spec's version line).
const POINTER_START: &[u8] = b"version https://git-lfs.github.com/spec/v1\n";

/// Pointer files are small by the spec; anything larger is content.
pub(crate) const MAX_POINTER_BYTES: u64 = 1024;

/// The program that stores LFS objects.
const GIT_LFS: &str = "git-lfs";

/// Whether `bytes` are an LFS pointer (the file's content was never downloaded here).
pub fn is_lfs_pointer(bytes: &[u8]) -> bool {
    bytes.len() as u64 <= MAX_POINTER_BYTES
        && bytes.starts_with(POINTER_START)
        && bytes.windows(11).any(|w| w == b"oid sha256:")
}

/// Whether the file at `path` is an LFS pointer; reads only small files.
pub fn file_is_lfs_pointer(path: &Path) -> bool {
    let small = path.metadata().is_ok_and(|m| m.is_file() && m.len() <= MAX_POINTER_BYTES);
    small && std::fs::read(path).is_ok_and(|bytes| is_lfs_pointer(&bytes))
}

/// Whether the repository's attributes give `repo_path` the LFS filter.
pub(super) fn is_tracked(repo: &Repository, repo_path: &str) -> bool {
    let flags = AttrCheckFlags::FILE_THEN_INDEX;
    let value = repo.get_attr(Path::new(repo_path), "filter", flags).ok().flatten();
    matches!(AttrValue::from_string(value), AttrValue::String("lfs"))
}

/// Refuses plainly when any of `paths` is LFS-tracked and `git-lfs` cannot be run.
pub(super) fn ensure_available(root: &Path, paths: &[String]) -> Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let runs = Command::new(GIT_LFS)
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if runs {
        Ok(())
    } else {
        Err(Error::LfsMissing { path: root.to_path_buf(), files: paths.to_vec() })
    }
}

/// Stores `bytes` as the LFS object of `repo_path` and returns the pointer to commit,
/// exactly as `git add` does through the filter.
pub(super) fn clean(workdir: &Path, repo_path: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    let failed = |message: String| Error::Git {
        action: "store an image in Git LFS",
        path: workdir.join(repo_path),
        message,
    };
    let mut child = Command::new(GIT_LFS)
        .args(["clean", "--", repo_path])
        .current_dir(workdir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(format!("git-lfs could not be started: {e}")))?;
    // Written on a thread of its own: git-lfs may answer before it has read everything.
    let mut stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(&input)));
    let out = child.wait_with_output().map_err(|e| failed(format!("git-lfs failed: {e}")))?;
    let written = writer.join().ok().flatten();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(failed(format!("git-lfs clean failed ({}): {stderr}", out.status)));
    }
    if let Some(Err(e)) = written {
        return Err(failed(format!("git-lfs did not take the file: {e}")));
    }
    if !is_lfs_pointer(&out.stdout) {
        return Err(failed("git-lfs clean did not answer with a pointer".into()));
    }
    Ok(out.stdout)
}

/// Sends the LFS objects the commits of `local_ref` need to `remote` (`git lfs push`, what
/// git's pre-push hook does), when this repository has any LFS objects at all: libgit2's
/// push sends only the pointers.
pub(super) fn push_objects(repo: &Repository, remote: &str, local_ref: &str) -> Result<()> {
    if !repo.path().join("lfs/objects").is_dir() {
        return Ok(());
    }
    let workdir = repo.workdir().unwrap_or(repo.path());
    let branch = local_ref.strip_prefix("refs/heads/").unwrap_or(local_ref);
    let out = Command::new(GIT_LFS)
        .args(["push", remote, branch])
        .current_dir(workdir)
        // Never a question on a terminal nobody sees: credentials come from git's helpers.
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output();
    let failed = |message: String| Error::Git {
        action: "send the Git LFS images",
        path: workdir.to_path_buf(),
        message,
    };
    match out {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(failed(format!(
            "git lfs push {remote} {branch} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ))),
        Err(e) => Err(failed(format!("git-lfs could not be started: {e}"))),
    }
}

/// Downloads the LFS content of `paths` (repository paths an update just wrote as
/// pointers) from `remote` with `git lfs pull`, which also tells git's index. Best effort:
/// what could not be downloaded stays a pointer, shown as "not downloaded".
pub(super) fn pull(repo: &Repository, remote: &str, paths: &[String]) {
    let Some(workdir) = repo.workdir() else { return };
    if paths.is_empty() {
        return;
    }
    // Paths in --include are patterns: these are literal repository paths, a comma each.
    let include = paths.join(",");
    let pulled = Command::new(GIT_LFS)
        .args(["pull", remote, "--include", &include])
        .current_dir(workdir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    // A failure leaves pointers, which say themselves what they are.
    drop(pulled);
}
