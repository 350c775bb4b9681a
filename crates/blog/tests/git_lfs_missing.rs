//! A blog that stores images in Git LFS on a computer without `git-lfs`: the publish
//! refuses before committing, plainly. Its own test binary, because it takes git-lfs off
//! the PATH for the whole process.

mod support;

use std::path::Path;
use std::process::Command;

use folio_blog::Error;
use support::TestRepo;

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("/usr/bin/git").args(args).current_dir(dir).output().expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn a_publish_of_an_lfs_image_without_git_lfs_installed_is_refused_before_committing() {
    let repo = TestRepo::new();
    repo.write(".gitattributes", "*.png filter=lfs diff=lfs merge=lfs -text\n");
    git_in(&repo.root, &["add", ".gitattributes"]);
    git_in(&repo.root, &["commit", "-q", "-m", "Images in LFS"]);
    let repo = repo.with_draft();
    let before = repo.local_head();
    // A PATH where no git-lfs can be found.
    let empty = tempfile::tempdir().unwrap();
    std::env::set_var("PATH", empty.path());

    let refused = repo.publish(&["content/a-draft.rst"]);
    let Err(e @ Error::LfsMissing { .. }) = &refused else { panic!("not refused: {refused:?}") };
    let message = e.to_string();
    assert!(message.contains("content/images/a-draft/desk.png"), "{message}");
    assert!(message.contains("git-lfs is not installed"), "{message}");
    assert!(message.contains("nothing was committed"), "{message}");
    assert_eq!(repo.local_head(), before);
    assert_eq!(git_in(&repo.root, &["rev-parse", "HEAD"]), before.to_string());
    assert!(repo.read("content/a-draft.rst").contains(":status: draft"));
}
