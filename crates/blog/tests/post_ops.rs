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

#[test]
fn a_new_post_is_a_dated_draft_under_a_unique_slug() {
    let (_dir, blog) = demo_blog();
    let first = blog.new_post("Notes on Rust", "2026-11-25 10:00").unwrap();
    let second = blog.new_post("Notes on Rust!", "2026-11-25 10:05").unwrap();
    assert_eq!(first, "content/notes-on-rust.rst");
    assert_eq!(second, "content/notes-on-rust-2.rst", "never over an existing post");
    let text = blog.read_post(&second).unwrap().text;
    assert_eq!(text, "Notes on Rust!\n##############\n\n:date: 2026-11-25 10:05\n:slug: notes-on-rust-2\n:status: draft\n:summary:\n\n");
    let listed = blog.list_posts().unwrap().into_iter().find(|p| p.path == second).unwrap();
    assert_eq!(
        (listed.title.as_str(), listed.status.as_deref()),
        ("Notes on Rust!", Some("draft"))
    );
    let (_, diagnostics) = folio_rst::parse(&text);
    assert!(
        diagnostics.iter().all(|d| d.severity < folio_rst::Severity::Warning),
        "{diagnostics:?}"
    );
}

#[test]
fn wide_titles_get_an_underline_docutils_accepts_and_blank_titles_are_refused() {
    let (_dir, blog) = demo_blog();
    let rel = blog.new_post("日本語のタイトル", "2026-11-25").unwrap();
    let (_, diagnostics) = folio_rst::parse(&blog.read_post(&rel).unwrap().text);
    assert!(
        diagnostics.iter().all(|d| d.severity < folio_rst::Severity::Warning),
        "{diagnostics:?}"
    );
    assert!(blog.new_post("   ", "2026-11-25").is_err());
    assert!(blog.new_post("two\nlines", "2026-11-25").is_err());
}

#[test]
fn reslugging_moves_the_file_and_its_images_and_rewrites_every_reference() {
    let (_dir, blog) = demo_blog();
    let root = blog.root().to_path_buf();
    // Another post links to the welcome post and shows its image.
    fs::write(
        root.join("content/links.rst"),
        "Links\n#####\n\n:date: 2026-01-01\n\nSee `welcome <{filename}/welcome-to-folio.rst>`_ and\n\n.. image:: {static}/images/welcome-to-folio/x.png\n",
    )
    .unwrap();
    // Give the welcome post an image folder named after its slug.
    fs::create_dir_all(root.join("content/images/welcome-to-folio")).unwrap();
    fs::write(root.join("content/images/welcome-to-folio/x.png"), b"png").unwrap();

    let new_rel = blog.reslug_post("content/welcome-to-folio.rst", "Hello Folio").unwrap();
    assert_eq!(new_rel, "content/hello-folio.rst");
    assert!(!root.join("content/welcome-to-folio.rst").exists());
    let text = blog.read_post(&new_rel).unwrap().text;
    assert!(text.contains(":slug: hello-folio\n"), "{text}");
    assert_eq!(fs::read(root.join("content/images/hello-folio/x.png")).unwrap(), b"png");
    assert!(!root.join("content/images/welcome-to-folio").exists());
    let links = fs::read_to_string(root.join("content/links.rst")).unwrap();
    assert!(
        links.contains("{filename}/hello-folio.rst")
            && links.contains("{static}/images/hello-folio/x.png"),
        "{links}"
    );
}

#[test]
fn reslugging_onto_an_existing_post_changes_nothing() {
    let (_dir, blog) = demo_blog();
    let before = fs::read(blog.root().join("content/welcome-to-folio.rst")).unwrap();
    assert!(blog.reslug_post("content/welcome-to-folio.rst", "notes-on-rest").is_err());
    assert_eq!(fs::read(blog.root().join("content/welcome-to-folio.rst")).unwrap(), before);
}
