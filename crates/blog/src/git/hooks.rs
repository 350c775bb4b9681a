//! The repository's `pre-commit` and `commit-msg` hooks, run the way `git commit` runs them
//! (libgit2 runs none): from `core.hooksPath` or the git folder's `hooks/`, only when
//! executable, in the work tree's root, with `GIT_INDEX_FILE` naming an index that holds
//! exactly the commit about to be made and `GIT_EDITOR=:` as for a non-interactive commit;
//! `commit-msg` gets the message file as its argument and may rewrite it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use git2::{Repository, Tree};

use crate::error::{Error, Result};

/// Runs the hooks for a commit of `tree` with `message`; returns the message as the
/// `commit-msg` hook left it. A hook that exits non-zero stops the commit with its output.
pub(crate) fn run_commit_hooks(
    repo: &Repository,
    tree: &Tree<'_>,
    message: &str,
) -> Result<String> {
    let git_dir = repo.path().to_path_buf();
    let work_tree = repo.workdir().unwrap_or(&git_dir).to_path_buf();
    let hooks_dir = hooks_dir(repo, &work_tree, &git_dir);
    let pre_commit = executable(&hooks_dir.join("pre-commit"));
    let commit_msg = executable(&hooks_dir.join("commit-msg"));
    if pre_commit.is_none() && commit_msg.is_none() {
        return Ok(message.to_string());
    }
    let failed = |hook: &str, message: String| Error::HookFailed {
        path: work_tree.clone(),
        hook: hook.to_string(),
        output: message,
    };
    // git commit with paths builds such a temporary index for its hooks, too.
    let index_file = git_dir.join(format!("folio-next-index-{}", std::process::id()));
    let index_written = write_index(tree, &index_file);
    let outcome = (|| {
        index_written
            .map_err(|e| failed("pre-commit", format!("could not prepare its index: {e}")))?;
        if let Some(hook) = &pre_commit {
            run(hook, &[], &work_tree, &index_file).map_err(|out| failed("pre-commit", out))?;
        }
        let Some(hook) = &commit_msg else { return Ok(message.to_string()) };
        let message_file = git_dir.join("COMMIT_EDITMSG");
        std::fs::write(&message_file, message).map_err(|e| {
            failed("commit-msg", format!("could not write {}: {e}", message_file.display()))
        })?;
        run(hook, &[message_file.as_os_str()], &work_tree, &index_file)
            .map_err(|out| failed("commit-msg", out))?;
        let edited = std::fs::read_to_string(&message_file).map_err(|e| {
            failed("commit-msg", format!("could not read {}: {e}", message_file.display()))
        })?;
        Ok(edited)
    })();
    let _ = std::fs::remove_file(&index_file);
    outcome
}

/// `core.hooksPath` (relative to the work tree, where hooks run), else `GIT_DIR/hooks`.
fn hooks_dir(repo: &Repository, work_tree: &Path, git_dir: &Path) -> PathBuf {
    let configured = repo.config().ok().and_then(|c| c.get_path("core.hooksPath").ok());
    match configured {
        Some(path) if path.is_absolute() => path,
        Some(path) => work_tree.join(path),
        None => git_dir.join("hooks"),
    }
}

/// The hook file if it exists and may be run (git skips one that is not executable).
fn executable(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        (meta.is_file() && meta.permissions().mode() & 0o111 != 0).then(|| path.to_path_buf())
    }
    #[cfg(not(unix))]
    {
        meta.is_file().then(|| path.to_path_buf())
    }
}

fn write_index(tree: &Tree<'_>, path: &Path) -> std::result::Result<(), git2::Error> {
    let mut index = git2::Index::open(path)?;
    index.read_tree(tree)?;
    index.write()
}

/// Runs one hook; `Err` holds what it printed (stdout and stderr) when it exits non-zero.
fn run(
    hook: &Path,
    args: &[&std::ffi::OsStr],
    work_tree: &Path,
    index_file: &Path,
) -> std::result::Result<(), String> {
    let out = Command::new(hook)
        .args(args)
        .current_dir(work_tree)
        .env("GIT_INDEX_FILE", index_file)
        .env("GIT_EDITOR", ":")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{} could not be started: {e}", hook.display()))?;
    if out.status.success() {
        return Ok(());
    }
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    let text = text.trim();
    Err(match out.status.code() {
        Some(code) if text.is_empty() => {
            format!("it exited with status {code} and printed nothing")
        }
        Some(code) => format!("it exited with status {code}: {text}"),
        None => format!("it was stopped by a signal: {text}"),
    })
}
