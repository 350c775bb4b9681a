//! Listing posts the way Pelican finds them, and only reading what changed.

use std::fs;
use std::path::Path;

use folio_blog::{Blog, PostKind};

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn post(title: &str) -> String {
    format!("{title}\n{}\n\n:date: 2024-01-01\n\nBody.\n", "=".repeat(title.len()))
}

#[test]
fn articles_and_pages_are_what_pelicans_walks_find_in_static_and_hidden_places_too() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "pelicanconf.py", "PATH = 'content'\n");
    write(dir.path(), "content/first.rst", &post("First"));
    write(dir.path(), "content/2024/nested.md", "Title: Nested\nDate: 2024-02-02\n\nText\n");
    write(dir.path(), "content/pages/about.rst", &post("About"));
    // Pelican 4.12 reads both: its article walk does not leave out STATIC_PATHS, and its
    // default IGNORE_FILES, `**/.*`, never matches a bare name (the oracle test shows it).
    write(dir.path(), "content/images/notes.rst", &post("In images"));
    write(dir.path(), "content/.hidden.rst", &post("Hidden"));
    write(dir.path(), "content/.git/x.rst", &post("Never: git's folder"));
    write(dir.path(), "content/readme.txt", "not a post format");

    let blog = Blog::open(dir.path()).unwrap();
    let posts = blog.list_posts().unwrap();
    let seen: Vec<(&str, &str, PostKind, bool)> =
        posts.iter().map(|p| (p.path.as_str(), p.title.as_str(), p.kind, p.editable)).collect();
    assert_eq!(
        seen,
        [
            ("content/.hidden.rst", "Hidden", PostKind::Article, true),
            ("content/2024/nested.md", "Nested", PostKind::Article, false),
            ("content/first.rst", "First", PostKind::Article, true),
            ("content/images/notes.rst", "In images", PostKind::Article, true),
            ("content/pages/about.rst", "About", PostKind::Page, true),
        ]
    );
}

#[test]
fn article_and_page_paths_from_pelicanconf_are_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pelicanconf.py",
        "PATH = 'src'\nARTICLE_PATHS = ['blog']\nPAGE_PATHS = ['static-pages']\n",
    );
    write(dir.path(), "src/blog/a.rst", &post("In blog"));
    write(dir.path(), "src/static-pages/b.rst", &post("A page"));
    write(dir.path(), "src/elsewhere/c.rst", &post("Not read by Pelican"));
    let blog = Blog::open(dir.path()).unwrap();
    let posts = blog.list_posts().unwrap();
    let paths: Vec<(&str, PostKind)> = posts.iter().map(|p| (p.path.as_str(), p.kind)).collect();
    assert_eq!(
        paths,
        [("src/blog/a.rst", PostKind::Article), ("src/static-pages/b.rst", PostKind::Page)]
    );
}

#[test]
fn a_second_listing_reads_only_the_posts_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..20 {
        write(dir.path(), &format!("content/p{i:02}.rst"), &post(&format!("Post {i}")));
    }
    let blog = Blog::open(dir.path()).unwrap();
    assert_eq!(blog.list_posts().unwrap().len(), 20);
    assert_eq!(blog.posts_read(), 20);
    assert_eq!(blog.list_posts().unwrap().len(), 20);
    assert_eq!(blog.posts_read(), 20, "nothing changed, nothing read");

    write(dir.path(), "content/p03.rst", &post("Post three, renamed"));
    let posts = blog.list_posts().unwrap();
    assert_eq!(blog.posts_read(), 21, "only the changed post is read again");
    assert!(posts.iter().any(|p| p.title == "Post three, renamed"));
}

#[test]
fn many_posts_are_listed_in_parallel_with_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..600 {
        write(dir.path(), &format!("content/p{i:04}.rst"), &post(&format!("Post {i}")));
    }
    let posts = Blog::open(dir.path()).unwrap().list_posts().unwrap();
    assert_eq!(posts.len(), 600);
    assert!(
        posts.iter().enumerate().all(|(i, p)| p.title == format!("Post {i}")),
        "sorted by path, none lost"
    );
}

#[test]
fn a_title_is_found_even_when_the_post_is_much_longer_than_what_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{}{}", post("Long"), "More text. ".repeat(50_000));
    write(dir.path(), "content/long.rst", &long);
    let posts = Blog::open(dir.path()).unwrap().list_posts().unwrap();
    assert_eq!(posts[0].title, "Long");
    assert_eq!(posts[0].date.as_deref(), Some("2024-01-01"));
}

#[test]
fn category_and_tags_are_listed_as_pelican_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "content/a.rst",
        "A\n=\n\n:category: Life \n:tags: rust; web, dev; rust\n\nx\n",
    );
    write(dir.path(), "content/b.md", "Title: B\nCategory: Notes\nTags: x, y\n\nx\n");
    let posts = Blog::open(dir.path()).unwrap().list_posts().unwrap();
    assert_eq!(posts[0].category.as_deref(), Some("Life"));
    assert_eq!(posts[0].tags, ["rust", "web, dev"], "a ';' makes ';' the separator; duplicates go");
    assert_eq!(
        (posts[1].category.as_deref(), posts[1].tags.clone()),
        (Some("Notes"), vec!["x".to_string(), "y".to_string()])
    );
}

#[test]
fn the_cache_file_lets_the_next_run_list_without_reading_and_still_sees_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let cache = data.path().join("listing").join("blog.json");
    write(dir.path(), "pelicanconf.py", "PATH = 'content'\n");
    for i in 0..5 {
        write(dir.path(), &format!("content/p{i}.rst"), &post(&format!("Post {i}")));
    }
    let first = Blog::open(dir.path()).unwrap().list_posts_cached(&cache).unwrap();
    assert!(cache.is_file(), "the listing is kept for the next run");

    // The next run reads no post at all.
    let blog = Blog::open(dir.path()).unwrap();
    assert_eq!(blog.list_posts_cached(&cache).unwrap(), first);
    assert_eq!(blog.posts_read(), 0);

    // A post changed and one deleted between runs: only the changed one is read.
    write(dir.path(), "content/p1.rst", &post("Post one, renamed"));
    fs::remove_file(dir.path().join("content/p4.rst")).unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    let posts = blog.list_posts_cached(&cache).unwrap();
    assert_eq!(blog.posts_read(), 1);
    assert_eq!(posts.len(), 4);
    assert_eq!(posts[1].title, "Post one, renamed");

    // A damaged cache file costs only the reading it would have saved.
    fs::write(&cache, b"{ not json").unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    assert_eq!(blog.list_posts_cached(&cache).unwrap(), posts);
    assert_eq!(blog.posts_read(), 4);
}

#[test]
fn without_python_literal_excludes_and_ignore_patterns_still_decide_what_is_a_post() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pelicanconf.py",
        "PATH = 'content'\nARTICLE_EXCLUDES = ['drafts']\nPAGE_EXCLUDES = ['pages/old']\n\
         IGNORE_FILES = ['_*', '*.bak.md']\n",
    );
    write(dir.path(), "content/kept.rst", &post("Kept"));
    write(dir.path(), "content/drafts/excluded.rst", &post("Excluded folder"));
    write(dir.path(), "content/_ignored.rst", &post("Ignored name"));
    write(dir.path(), "content/_folder/inside.rst", &post("In an ignored folder"));
    write(dir.path(), "content/copy.bak.md", "Title: Backup\n\nx\n");
    write(dir.path(), "content/pages/old/gone.rst", &post("Old page"));
    write(dir.path(), "content/pages/now.rst", &post("Page"));
    let blog = Blog::open(dir.path()).unwrap();
    let paths: Vec<String> = blog.list_posts().unwrap().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["content/kept.rst", "content/pages/now.rst"]);
}
