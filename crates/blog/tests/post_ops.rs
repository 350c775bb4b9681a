//! Changing a post's status, deleting it into the trash and getting it back.

use std::fs;

use folio_blog::post_ops::PostStatus;
use folio_blog::{demo, Blog};

fn demo_blog() -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    let blog = demo::create_demo(&dir.path().join("blog")).unwrap();
    (dir, blog)
}

#[test]
fn status_changes_edit_only_the_status_field() {
    let (_dir, blog) = demo_blog();
    let rel = "content/draft-ideas.rst";
    let before = blog.read_post(rel).unwrap().text;
    blog.set_status(rel, PostStatus::Published).unwrap();
    let after = blog.read_post(rel).unwrap().text;
    assert_eq!(after, before.replace(":status: draft", ":status: published"));
    let listed = blog.list_posts().unwrap().into_iter().find(|p| p.path == rel).unwrap();
    assert_eq!(listed.status.as_deref(), Some("published"));

    // A post without the field gets one.
    blog.set_status("content/welcome-to-folio.rst", PostStatus::Draft).unwrap();
    let text = blog.read_post("content/welcome-to-folio.rst").unwrap().text;
    assert!(
        text.contains(
            ":summary: What this demo blog is and how to start writing.\n:status: draft\n"
        ),
        "{text}"
    );
}

#[test]
fn a_deleted_post_leaves_the_list_stays_out_of_git_and_can_be_restored() {
    let (_dir, blog) = demo_blog();
    let rel = "content/notes-on-rest.rst";
    let original = fs::read(blog.root().join(rel)).unwrap();
    let in_trash = blog.delete_post(rel).unwrap();
    assert!(!blog.root().join(rel).exists());
    assert_eq!(fs::read(blog.root().join(&in_trash)).unwrap(), original, "kept whole in the trash");
    assert!(blog.list_posts().unwrap().iter().all(|p| p.path != rel));

    let repo = git2::Repository::open(blog.root()).unwrap();
    let untracked: Vec<String> = repo
        .statuses(None)
        .unwrap()
        .iter()
        .filter(|s| s.status().is_wt_new())
        .filter_map(|s| s.path().map(str::to_string))
        .collect();
    assert!(untracked.is_empty(), "the trash is not offered to git: {untracked:?}");

    assert_eq!(blog.restore_post(&in_trash).unwrap(), rel);
    assert_eq!(fs::read(blog.root().join(rel)).unwrap(), original);
}

#[test]
fn restoring_never_overwrites_a_new_file_with_the_same_name() {
    let (_dir, blog) = demo_blog();
    let rel = "content/notes-on-rest.rst";
    let in_trash = blog.delete_post(rel).unwrap();
    fs::write(blog.root().join(rel), "a new post\n").unwrap();
    assert!(blog.restore_post(&in_trash).is_err());
    assert_eq!(fs::read_to_string(blog.root().join(rel)).unwrap(), "a new post\n");
    assert!(blog.root().join(&in_trash).is_file(), "the deleted one is still in the trash");
}

#[test]
fn delete_and_restore_refuse_paths_outside_the_blog() {
    let (_dir, blog) = demo_blog();
    assert!(blog.delete_post("../outside.rst").is_err());
    assert!(blog.restore_post(".folio-trash/1/../../../etc/passwd").is_err());
}
