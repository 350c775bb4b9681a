//! The demo blog: a small Pelican site in a git repository with a local bare `origin`,
//! so a first-time user can write and publish without setting anything up.

use std::fs;
use std::path::{Path, PathBuf};

use git2::{IndexAddOption, Repository, RepositoryInitOptions, Signature};

use crate::atomic_write::write_atomic;
use crate::error::{git, io, Error, Result};
use crate::Blog;

/// The demo's files: path relative to the blog root, and content.
const FILES: &[(&str, &[u8])] = &[
    ("pelicanconf.py", include_bytes!("../demo/pelicanconf.py")),
    ("content/welcome-to-folio.rst", include_bytes!("../demo/content/welcome-to-folio.rst")),
    (
        "content/farewell-to-anaconda.rst",
        include_bytes!("../demo/content/farewell-to-anaconda.rst"),
    ),
    ("content/notes-on-rest.rst", include_bytes!("../demo/content/notes-on-rest.rst")),
    ("content/draft-ideas.rst", include_bytes!("../demo/content/draft-ideas.rst")),
    (
        "content/images/welcome/writing-desk.png",
        include_bytes!("../demo/content/images/welcome/writing-desk.png"),
    ),
    (".gitignore", b"output/\n__pycache__/\n*.pyc\n"),
];

/// Where the demo's bare `origin` lives: beside the blog, `<name>-origin.git`.
pub fn origin_path(blog_dir: &Path) -> PathBuf {
    let name = blog_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    blog_dir.with_file_name(format!("{name}-origin.git"))
}

/// Creates the demo blog in `dir` (which must not exist or be empty), commits it, and
/// pushes it to a new bare repository at [`origin_path`] set as its upstream.
pub fn create_demo(dir: &Path) -> Result<Blog> {
    if fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(Error::Io {
            action: "create the demo blog in",
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "the folder is not empty",
            ),
        });
    }
    for (rel, bytes) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io("create folder", parent))?;
        }
        write_atomic(&path, bytes)?;
    }
    let commit = init_repository(dir)?;
    publish_to_new_origin(dir, commit)?;
    Blog::open(dir)
}

fn init_repository(dir: &Path) -> Result<git2::Oid> {
    let mut opts = RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = Repository::init_opts(dir, &opts).map_err(git("create a repository", dir))?;
    let mut index = repo.index().map_err(git("open the index", dir))?;
    index.add_all(["*"], IndexAddOption::DEFAULT, None).map_err(git("stage files", dir))?;
    index.write().map_err(git("write the index", dir))?;
    let tree_id = index.write_tree().map_err(git("write a tree", dir))?;
    let tree = repo.find_tree(tree_id).map_err(git("read a tree", dir))?;
    // The user's identity when git knows it, else a neutral one for this first commit.
    let sig = repo
        .signature()
        .or_else(|_| Signature::now("Folio", "folio@localhost"))
        .map_err(git("make a signature", dir))?;
    repo.commit(Some("HEAD"), &sig, &sig, "Start a blog with Folio", &tree, &[])
        .map_err(git("commit", dir))
}

fn publish_to_new_origin(dir: &Path, commit: git2::Oid) -> Result<()> {
    let origin = origin_path(dir);
    let bare = Repository::init_bare(&origin).map_err(git("create a repository", &origin))?;
    bare.set_head("refs/heads/main").map_err(git("set HEAD", &origin))?;
    let repo = Repository::open(dir).map_err(git("open the repository", dir))?;
    let url = origin.to_string_lossy();
    let mut remote = repo.remote("origin", &url).map_err(git("add the remote", dir))?;
    remote.push(&["refs/heads/main:refs/heads/main"], None).map_err(git("push to origin", dir))?;
    // Record the remote-tracking ref and upstream as a fetch would.
    repo.reference("refs/remotes/origin/main", commit, true, "folio: demo origin")
        .map_err(git("update origin/main", dir))?;
    let mut branch =
        repo.find_branch("main", git2::BranchType::Local).map_err(git("find branch main", dir))?;
    branch.set_upstream(Some("origin/main")).map_err(git("set the upstream", dir))?;
    Ok(())
}
