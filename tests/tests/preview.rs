//! The preview shows the blog's images, served only from inside the blog folder.

use std::time::Duration;

use folio_e2e::{wait_for, App};

/// Loads `url` as an image in the main document and reports its natural width once it
/// has loaded or failed (0 when it failed).
fn image_width(app: &App, url: &str) -> u64 {
    let start = "window.__probe = new Image(); window.__probe.src = arguments[0]; return true;";
    app.session.execute(start, vec![url.into()]).unwrap();
    let done = "const i = window.__probe; return i.complete ? i.naturalWidth : null;";
    wait_for(Duration::from_secs(5), || app.session.execute(done, vec![]).ok()?.as_u64())
        .unwrap_or_else(|| panic!("loading {url} never finished"))
}

#[test]
fn images_in_the_preview_load_from_the_blog_folder_and_from_nowhere_outside_it() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || {
        s.find("[data-path='content/welcome-to-folio.rst']").ok()
    })
    .expect("the welcome post is listed");
    s.click(&item).unwrap();

    let preview_image = "const f = document.querySelector('[data-testid=preview]'); \
         const img = f.contentDocument && f.contentDocument.querySelector('img'); \
         return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null;";
    let src = wait_for(Duration::from_secs(10), || {
        s.execute(preview_image, vec![]).ok()?.as_str().map(str::to_string)
    })
    .expect("the post's {static} image shows in the preview");
    assert!(src.starts_with("folio://localhost/content/images/welcome/"), "{src}");
    app.screenshot("preview-image").unwrap();

    // The same picture just outside the blog folder must not be reachable.
    let outside = app.data_dir.path().join("outside.png");
    std::fs::copy(
        app.data_dir.path().join("demo-blog/content/images/welcome/writing-desk.png"),
        &outside,
    )
    .unwrap();
    assert_eq!(
        image_width(&app, "folio://localhost/content/images/welcome/writing-desk.png"),
        480,
        "the probe works"
    );
    for url in [
        "folio://localhost/../outside.png",
        "folio://localhost/%2e%2e/outside.png",
        "folio://localhost/content/%2E%2E%2F%2E%2E%2Foutside.png",
        &format!("folio://localhost/{}", outside.display()),
    ] {
        assert_eq!(image_width(&app, url), 0, "{url} must not load");
    }
}

#[test]
fn the_preview_wears_the_blogs_theme_and_shows_embeds_as_placeholders() {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    let write = |rel: &str, text: &str| {
        let path = blog.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("pelicanconf.py", "PATH = 'content'\nTHEME = 'theme'\n");
    write(
        "theme/templates/base.html",
        "<link rel=\"stylesheet\" href=\"{{ SITEURL }}/{{ THEME_STATIC_DIR }}/css/{{ CSS_FILE }}\">",
    );
    write(
        "theme/static/css/main.css",
        "body { background: rgb(250, 240, 200); }\n.entry-title { color: rgb(200, 0, 0); }\n",
    );
    write(
        "content/talk.rst",
        "A Talk\n######\n\n:date: 2024-01-01\n\nThe recording:\n\n.. raw:: html\n\n    <iframe width=\"640\" height=\"385\" src=\"https://www.youtube.com/embed/M7T8Xnj9M6c\"></iframe>\n\nThanks.\n",
    );
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || s.find("[data-path='content/talk.rst']").ok())
        .expect("the post is listed");
    s.click(&item).unwrap();

    let title_color = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         const h = d && d.querySelector('.entry-title'); \
         return h && h.textContent === 'A Talk' ? d.defaultView.getComputedStyle(h).color : null;";
    let color = wait_for(Duration::from_secs(10), || {
        let c = s.execute(title_color, vec![]).ok()?.as_str()?.to_string();
        (c == "rgb(200, 0, 0)").then_some(c)
    });
    assert!(
        color.is_some(),
        "the theme's CSS styles the title: {:?}",
        s.execute(title_color, vec![])
    );

    let embed = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         return [d.querySelectorAll('iframe').length, (d.querySelector('.folio-embed') || {}).textContent || ''];";
    let found = s.execute(embed, vec![]).unwrap();
    assert_eq!(found[0], 0, "no frame of another site is in the preview");
    assert!(found[1].as_str().unwrap().contains("www.youtube.com"), "{found}");
    app.screenshot("preview-theme-embed").unwrap();
}
