//! `TestRepo`: a small Pelican blog in a real git repository with a real bare `origin`,
//! and loopback git servers the tests start themselves.
#![allow(dead_code, unreachable_pub)]

pub mod servers;

use std::path::{Path, PathBuf};
use std::sync::Once;

use folio_blog::git::{self, AuthOptions, NoPrompts, PublishReport, Selection};
use folio_blog::{Blog, Result};
use git2::build::TreeUpdateBuilder;
use git2::{FileMode, Repository, Signature, Time};

/// Points HOME and git's global config at an empty temporary folder, once per test binary
/// and before libgit2 first reads its search paths, so the developer's own
/// `~/.gitconfig`, keys and agent never leak into a test.
pub fn sandbox() -> &'static Path {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let home = std::env::temp_dir().join(format!("folio-git-home-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        std::env::set_var("HOME", &home);
        std::env::set_var("XDG_CONFIG_HOME", home.join(".config"));
        std::env::set_var("GIT_CONFIG_GLOBAL", home.join(".gitconfig"));
        std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
        std::env::remove_var("SSH_AUTH_SOCK");
        SANDBOX_HOME.set(home).unwrap();
    });
    SANDBOX_HOME.get().unwrap()
}

static SANDBOX_HOME: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

pub const NAME: &str = "Test Writer";
pub const EMAIL: &str = "writer@folio.invalid";

pub fn signature() -> Signature<'static> {
    Signature::new(NAME, EMAIL, &Time::new(1_700_000_000, 0)).unwrap()
}

pub const FIRST_POST: &str = "First Post\n##########\n\n:date: 2024-01-01 10:00\n\
    :status: published\n\nHello, world.\nA second line.\n";
pub const DRAFT: &str = "A Draft\n#######\n\n:date: 2024-02-02 10:00\n:status: draft\n\n\
    .. image:: {static}/images/a-draft/desk.png\n   :alt: a desk\n\nStill writing.\n";
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\nnot really an image";

/// A blog with one published post and one committed-but-untracked-nothing draft.
pub struct TestRepo {
    _dir: tempfile::TempDir,
    /// The blog (and repository) folder.
    pub root: PathBuf,
    /// The bare `origin`.
    pub origin: PathBuf,
}

pub struct TestRepoBuilder {
    identity: bool,
    files: Vec<(String, Vec<u8>)>,
}

impl TestRepo {
    pub fn builder() -> TestRepoBuilder {
        TestRepoBuilder {
            identity: true,
            files: vec![
                ("pelicanconf.py".into(), b"SITENAME = 'Test Blog'\nPATH = 'content'\n".to_vec()),
                ("content/first-post.rst".into(), FIRST_POST.as_bytes().to_vec()),
            ],
        }
    }

    /// The usual scenario start: committed and pushed, upstream set, identity configured.
    pub fn new() -> TestRepo {
        TestRepo::builder().build()
    }

    pub fn blog(&self) -> Blog {
        Blog::open(&self.root).unwrap()
    }

    pub fn repo(&self) -> Repository {
        Repository::open(&self.root).unwrap()
    }

    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// Adds the draft post and its image to the work tree (not committed).
    pub fn with_draft(self) -> TestRepo {
        self.write("content/a-draft.rst", DRAFT);
        self.write("content/images/a-draft/desk.png", PNG);
        self
    }

    pub fn set_origin_url(&self, url: &str) {
        self.repo().remote_set_url("origin", url).unwrap();
    }

    pub fn publish(&self, posts: &[&str]) -> Result<PublishReport> {
        let selection = Selection::Posts(posts.iter().map(|p| p.to_string()).collect());
        let auth = AuthOptions { ssh_dir: sandbox().join(".ssh"), use_agent: false };
        git::publish(&self.blog(), &selection, &auth, &mut NoPrompts, |_| {})
    }

    pub fn local_head(&self) -> git2::Oid {
        self.repo().head().unwrap().target().unwrap()
    }

    /// The commit `main` points at in the bare origin, read from the origin itself.
    pub fn remote_head(&self) -> git2::Oid {
        Repository::open_bare(&self.origin).unwrap().refname_to_id("refs/heads/main").unwrap()
    }

    /// A file as committed on the origin's `main`.
    pub fn remote_file(&self, rel: &str) -> Option<Vec<u8>> {
        let origin = Repository::open_bare(&self.origin).unwrap();
        let tree = origin.find_reference("refs/heads/main").unwrap().peel_to_tree().unwrap();
        let entry = tree.get_path(Path::new(rel)).ok()?;
        let blob = origin.find_blob(entry.id()).unwrap();
        Some(blob.content().to_vec())
    }

    pub fn remote_text(&self, rel: &str) -> Option<String> {
        self.remote_file(rel).map(|b| String::from_utf8(b).unwrap())
    }

    /// Someone else publishes from another computer: commits `files` onto origin's `main`.
    pub fn commit_on_origin(&self, files: &[(&str, &str)]) -> git2::Oid {
        let origin = Repository::open_bare(&self.origin).unwrap();
        let parent = origin.find_reference("refs/heads/main").unwrap().peel_to_commit().unwrap();
        let mut update = TreeUpdateBuilder::new();
        for (path, text) in files {
            let blob = origin.blob(text.as_bytes()).unwrap();
            update.upsert(*path, blob, FileMode::Blob);
        }
        let tree_id = update.create_updated(&origin, &parent.tree().unwrap()).unwrap();
        let tree = origin.find_tree(tree_id).unwrap();
        let sig =
            Signature::new("Other Laptop", "other@folio.invalid", &Time::new(1_700_000_500, 0))
                .unwrap();
        origin
            .commit(Some("refs/heads/main"), &sig, &sig, "Edit elsewhere", &tree, &[&parent])
            .unwrap()
    }

    /// `git status --porcelain`-like list of (path, status bits) for the work tree.
    pub fn dirty_paths(&self) -> Vec<String> {
        let repo = self.repo();
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true).recurse_untracked_dirs(true);
        let statuses = repo.statuses(Some(&mut opts)).unwrap();
        let mut paths: Vec<String> =
            statuses.iter().map(|e| e.path().unwrap().to_string()).collect();
        paths.sort();
        paths
    }
}

impl TestRepoBuilder {
    /// No user.name / user.email anywhere (the sandbox has no global config).
    pub fn without_identity(mut self) -> Self {
        self.identity = false;
        self
    }

    pub fn build(self) -> TestRepo {
        sandbox();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("blog");
        let origin = dir.path().join("origin.git");
        for (rel, bytes) in &self.files {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        let mut opts = git2::RepositoryInitOptions::new();
        opts.initial_head("main");
        let repo = Repository::init_opts(&root, &opts).unwrap();
        if self.identity {
            let mut config = repo.config().unwrap();
            config.set_str("user.name", NAME).unwrap();
            config.set_str("user.email", EMAIL).unwrap();
        }
        let mut index = repo.index().unwrap();
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = signature();
        let commit = repo.commit(Some("HEAD"), &sig, &sig, "Start the blog", &tree, &[]).unwrap();

        let bare = Repository::init_bare(&origin).unwrap();
        bare.set_head("refs/heads/main").unwrap();
        let mut remote = repo.remote("origin", origin.to_str().unwrap()).unwrap();
        remote.push(&["refs/heads/main:refs/heads/main"], None).unwrap();
        repo.reference("refs/remotes/origin/main", commit, true, "test: pushed").unwrap();
        let mut branch = repo.find_branch("main", git2::BranchType::Local).unwrap();
        branch.set_upstream(Some("origin/main")).unwrap();
        TestRepo { _dir: dir, root: root.canonicalize().unwrap(), origin }
    }
}

impl TestRepo {
    /// Prepares a commit on origin (not yet on any branch) as if another computer were
    /// about to push it; `install_pre_receive` moves `main` to it during our push.
    pub fn prepare_commit_on_origin(&self, files: &[(&str, &str)]) -> git2::Oid {
        let origin = Repository::open_bare(&self.origin).unwrap();
        let main = origin.refname_to_id("refs/heads/main").unwrap();
        let id = self.commit_on_origin(files);
        origin.reference("refs/heads/main", main, true, "test: undo").unwrap();
        id
    }

    /// A `pre-receive` hook on origin (run by real `git receive-pack`, e.g. via
    /// `git daemon`): `script` is shell.
    pub fn install_pre_receive(&self, script: &str) {
        use std::os::unix::fs::PermissionsExt;
        let hook = self.origin.join("hooks/pre-receive");
        std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
        std::fs::write(&hook, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Held for a whole test: runs the tests that take it one at a time, and turns a hang into
/// a quick, named failure instead of a stuck test run.
///
/// Seen once under load: with the SSH tests in parallel, one publish waited forever on its
/// `git-upload-pack` (a libssh2 session that never finished). Serial, they have not hung.
#[allow(dead_code)] // not every test binary that includes `support` uses it
pub struct Exclusive {
    _lock: std::sync::MutexGuard<'static, ()>,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// How long one exclusive test may take before the test binary is stopped.
#[allow(dead_code)]
const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(90);

#[allow(dead_code)]
pub fn exclusive(test: &'static str) -> Exclusive {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let lock = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watched = done.clone();
    std::thread::spawn(move || {
        let deadline = std::time::Instant::now() + WATCHDOG;
        while std::time::Instant::now() < deadline {
            if watched.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        eprintln!("{test} did not finish within {WATCHDOG:?}: stopping the test binary");
        std::process::abort();
    });
    Exclusive { _lock: lock, done }
}

impl Drop for Exclusive {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
