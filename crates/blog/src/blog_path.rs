//! Resolving paths that come from the UI or the command line, inside the blog folder only.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Joins a relative, `/`-separated `rel` path onto `root`, refusing anything that could
/// leave it: absolute paths, `..`, and symlinks that resolve outside `root`.
/// `root` must already be canonical.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf> {
    let outside = || Error::OutsideBlog(rel.to_string());
    let rel_path = Path::new(rel);
    if rel.is_empty() || rel.contains('\0') {
        return Err(outside());
    }
    for part in rel_path.components() {
        if !matches!(part, Component::Normal(_) | Component::CurDir) {
            return Err(outside());
        }
    }
    let joined = root.join(rel_path);
    // A symlink anywhere on the way may point out of the blog: check where it really leads.
    // The file itself may not exist yet (a new post), so check its nearest existing ancestor.
    let mut probe = joined.as_path();
    loop {
        match probe.canonicalize() {
            Ok(real) if real.starts_with(root) => return Ok(joined),
            Ok(_) => return Err(outside()),
            Err(_) => probe = probe.parent().ok_or_else(outside)?,
        }
    }
}

/// The `/`-separated path of `path` relative to `root`, for the UI.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        (dir, root)
    }

    #[test]
    fn accepts_plain_relative_paths_even_for_new_files() {
        let (_dir, root) = root();
        assert_eq!(
            resolve(&root, "content/new post é.rst").unwrap(),
            root.join("content/new post é.rst")
        );
    }

    #[test]
    fn refuses_parent_dirs_absolute_paths_and_empty_paths() {
        let (_dir, root) = root();
        for bad in ["../x.rst", "content/../../x", "/etc/passwd", "", "a\0b"] {
            assert!(matches!(resolve(&root, bad), Err(Error::OutsideBlog(_))), "{bad:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_that_lead_out_of_the_blog() {
        let (_dir, root) = root();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("content/escape")).unwrap();
        assert!(matches!(resolve(&root, "content/escape/x.rst"), Err(Error::OutsideBlog(_))));
    }
}
