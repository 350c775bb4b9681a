//! The preview's images come from inside the blog folder and from nowhere else.

use std::fs;

use folio_blog::{demo, Blog, Error};

fn blog() -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    let blog = demo::create_demo(&dir.path().join("blog")).unwrap();
    (dir, blog)
}

#[test]
fn an_image_inside_the_blog_is_served_with_its_type() {
    let (_dir, blog) = blog();
    let asset = blog.read_asset("/content/images/welcome/writing-desk.png").unwrap();
    assert_eq!(asset.mime, "image/png");
    assert!(asset.bytes.starts_with(b"\x89PNG"));
}

#[test]
fn parent_folders_encoded_or_not_absolute_paths_and_nul_are_refused() {
    let (dir, blog) = blog();
    fs::write(dir.path().join("secret.txt"), "outside").unwrap();
    for url in [
        "/../secret.txt",
        "/content/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "//etc/passwd",
        "/content/%00x",
    ] {
        let result = blog.read_asset(url);
        assert!(matches!(result, Err(Error::OutsideBlog(_))), "{url}: {result:?}");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_leading_out_of_the_blog_are_refused() {
    let (dir, blog) = blog();
    fs::write(dir.path().join("secret.png"), "outside").unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("secret.png"),
        blog.root().join("content/images/link.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), blog.root().join("content/out")).unwrap();
    assert!(matches!(blog.read_asset("/content/images/link.png"), Err(Error::OutsideBlog(_))));
    assert!(matches!(blog.read_asset("/content/out/secret.png"), Err(Error::OutsideBlog(_))));
}
