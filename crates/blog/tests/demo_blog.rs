//! The demo blog and the first-run flow, on real folders and real git repositories.

use std::fs;

use folio_blog::{demo, open_last_or_create_demo, Blog, Error};

#[test]
fn first_run_creates_a_demo_blog_with_the_seed_post_and_remembers_it() {
    let data = tempfile::tempdir().unwrap();
    let blog = open_last_or_create_demo(data.path()).unwrap();
    assert_eq!(blog.site_name(), "My Folio Blog");
    let posts = blog.list_posts().unwrap();
    let titles: Vec<&str> = posts.iter().map(|p| p.title.as_str()).collect();
    assert!(
        titles.contains(&"A Farewell to Anaconda"),
        "the seed post is listed by its title: {titles:?}"
    );
    assert!((3..=5).contains(&posts.len()), "3 to 5 demo posts, got {}", posts.len());
    let seed = posts.iter().find(|p| p.path == "content/farewell-to-anaconda.rst").unwrap();
    assert_eq!(seed.date.as_deref(), Some("2020-03-20 14:30"));
    assert!(blog.root().join("content/images/welcome/writing-desk.png").is_file());

    // The second start opens the same blog instead of making another.
    let again = open_last_or_create_demo(data.path()).unwrap();
    assert_eq!(again.root(), blog.root());
}

#[test]
fn demo_blog_is_committed_and_its_origin_has_the_same_commit() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("blog");
    let blog = demo::create_demo(&dir).unwrap();
    let repo = git2::Repository::open(blog.root()).unwrap();
    let head = repo.head().unwrap();
    assert_eq!(head.shorthand(), Some("main"));
    let statuses = repo.statuses(None).unwrap();
    assert_eq!(statuses.len(), 0, "everything the demo wrote is committed");

    // Verify the remote itself, not our own bookkeeping.
    let origin = git2::Repository::open_bare(demo::origin_path(&dir)).unwrap();
    let remote_main = origin.find_reference("refs/heads/main").unwrap().target();
    assert_eq!(remote_main, head.target(), "origin/main is the demo's commit");
    let branch = repo.find_branch("main", git2::BranchType::Local).unwrap();
    assert_eq!(branch.upstream().unwrap().name().unwrap(), Some("origin/main"));
}

#[test]
fn demo_is_not_written_over_a_folder_that_has_files() {
    let data = tempfile::tempdir().unwrap();
    fs::write(data.path().join("mine.txt"), "keep me").unwrap();
    assert!(demo::create_demo(data.path()).is_err());
    assert_eq!(fs::read_to_string(data.path().join("mine.txt")).unwrap(), "keep me");
}

#[test]
fn saving_keeps_windows_line_endings_and_refuses_paths_outside_the_blog() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/p.rst"), "T\r\n=\r\n\r\nold\r\n").unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    blog.save_post("content/p.rst", "T\n=\n\nnew\n", None).unwrap();
    assert_eq!(fs::read(dir.path().join("content/p.rst")).unwrap(), b"T\r\n=\r\n\r\nnew\r\n");
    assert!(matches!(blog.save_post("../escape.rst", "x", None), Err(Error::OutsideBlog(_))));
    assert!(!dir.path().parent().unwrap().join("escape.rst").exists());
}

#[test]
fn non_utf8_posts_are_reported_not_mangled() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/latin1.rst"), b"caf\xe9\n").unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    assert!(matches!(blog.read_post("content/latin1.rst"), Err(Error::NotUtf8(_))));
    assert_eq!(blog.list_posts().unwrap().len(), 1, "it is still listed");
}

#[test]
fn a_folder_without_pelican_layout_is_not_a_blog() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(Blog::open(dir.path()), Err(Error::NotABlog(_))));
}

#[test]
fn corrupt_settings_fall_back_to_the_demo_blog() {
    let data = tempfile::tempdir().unwrap();
    fs::write(data.path().join("settings.json"), "{not json").unwrap();
    let blog = open_last_or_create_demo(data.path()).unwrap();
    assert!(blog.root().ends_with("demo-blog"));
}

#[test]
fn opened_blogs_are_remembered_most_recent_first_without_the_current_one() {
    let data = tempfile::tempdir().unwrap();
    let demo = open_last_or_create_demo(data.path()).unwrap();
    let other = demo::create_demo(&data.path().join("other")).unwrap();
    folio_blog::open_and_remember(data.path(), other.root()).unwrap();
    assert_eq!(folio_blog::recent_blogs(data.path(), other.root()), [demo.root().to_path_buf()]);
    folio_blog::open_and_remember(data.path(), demo.root()).unwrap();
    assert_eq!(folio_blog::recent_blogs(data.path(), demo.root()), [other.root().to_path_buf()]);
    let again = open_last_or_create_demo(data.path()).unwrap();
    assert_eq!(again.root(), demo.root(), "the last opened is opened on start");
}
