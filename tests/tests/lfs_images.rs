//! An image stored in Git LFS and never downloaded (the work tree holds its pointer file)
//! is shown as "not downloaded" in the image panel and as a picture saying so in the
//! preview, never as a broken image.

use std::time::Duration;

use folio_e2e::{wait_for, App};

const POINTER: &str = "version https://git-lfs.github.com/spec/v1\n\
    oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";

#[test]
fn a_pointer_file_image_shows_as_not_downloaded_in_the_panel_and_the_preview() {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    std::fs::create_dir_all(blog.join("content/images/lfs-post")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "SITENAME = 'LFS'\nPATH = 'content'\n").unwrap();
    std::fs::write(
        blog.join("content/lfs-post.rst"),
        "LFS Post\n########\n\n:date: 2026-01-01 10:00\n\nBefore.\n\n\
         .. image:: {static}/images/lfs-post/photo.png\n   :alt: A photo\n\nAfter.\n",
    )
    .unwrap();
    std::fs::write(blog.join("content/images/lfs-post/photo.png"), POINTER).unwrap();
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item =
        wait_for(Duration::from_secs(30), || s.find("[data-path='content/lfs-post.rst']").ok())
            .expect("the post is listed");
    s.click(&item).unwrap();

    let badge = wait_for(Duration::from_secs(15), || {
        s.find("[data-testid=image-item][data-path$='photo.png'] [data-testid=lfs-badge]").ok()
    })
    .expect("the image panel marks the image as not downloaded");
    assert_eq!(s.property(&badge, "textContent").unwrap(), "not downloaded");
    // The preview's image loads: it is the picture that says where the image is.
    let script = "const f = document.querySelector('[data-testid=preview]'); \
         const d = f && f.contentDocument; if (!d) return false; \
         return Array.from(d.querySelectorAll('img')).some(i => \
           i.getAttribute('src').endsWith('photo.png') && i.complete && i.naturalWidth > 0);";
    let loaded = wait_for(Duration::from_secs(15), || {
        s.execute(script, vec![]).ok().and_then(|v| v.as_bool()).filter(|b| *b)
    });
    loaded.expect("the preview shows a loaded picture for the pointer");
    // And the panel's thumbnail too.
    let thumb = "const i = document.querySelector('[data-testid=image-item][data-path$=\"photo.png\"] img'); \
         return i.complete && i.naturalWidth > 0;";
    let shown = wait_for(Duration::from_secs(10), || {
        s.execute(thumb, vec![]).ok().and_then(|v| v.as_bool()).filter(|b| *b)
    });
    shown.expect("the thumbnail is a picture, not a broken image");
    app.screenshot("lfs-not-downloaded").unwrap();
}
