//! Starting the app on a file, as the desktop's "Open with Folio" (the package's desktop
//! entry, `folio-app %f`) does.

use std::time::Duration;

use folio_e2e::{wait_for, App};

const PREVIEW_TEXT: &str =
    "const f = document.querySelector('[data-testid=preview]'); \
     return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : '';";

fn text_of(app: &App, selector: &str) -> Option<String> {
    let s = &app.session;
    s.property(&s.find(selector).ok()?, "textContent").ok()
}

#[test]
fn started_on_a_post_the_app_opens_its_blog_and_that_post() {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("launched");
    std::fs::create_dir_all(blog.join("content/notes")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "SITENAME = 'Launched'\nPATH = 'content'\n")
        .unwrap();
    std::fs::write(
        blog.join("content/first.rst"),
        "First\n#####\n\n:date: 2024-01-01\n\nThe first post.\n",
    )
    .unwrap();
    std::fs::write(
        blog.join("content/notes/second.rst"),
        "Second\n######\n\n:date: 2024-02-01\n\nOpened from the file manager.\n",
    )
    .unwrap();

    let app = App::start_on_file(&blog.join("content/notes/second.rst"))
        .unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let opened = wait_for(Duration::from_secs(30), || {
        text_of(&app, "#status-post").filter(|t| t == "content/notes/second.rst")
    });
    if opened.is_none() {
        let shot = app.screenshot("failed-launch-post");
        let page = s.execute("return document.body.innerText;", vec![]);
        panic!("the post the app was started on is not open; page: {page:?}; {shot:?}");
    }
    assert_eq!(text_of(&app, "#site-name").as_deref(), Some("Launched"), "its blog is open");
    let shown = wait_for(Duration::from_secs(10), || {
        let text = s.execute(PREVIEW_TEXT, vec![]).ok()?;
        text.as_str().filter(|t| t.contains("Opened from the file manager.")).map(str::to_string)
    });
    assert!(shown.is_some(), "the preview shows the post's body");
    app.screenshot("launched-on-a-post").unwrap();
}

#[test]
fn started_on_a_file_outside_any_blog_the_app_says_so_and_opens_the_demo() {
    let loose = tempfile::tempdir().unwrap();
    let file = loose.path().join("loose.rst");
    std::fs::write(&file, "Loose\n#####\n\nNo blog around me.\n").unwrap();

    let app = App::start_on_file(&file).unwrap_or_else(|e| panic!("{e}"));
    let said = wait_for(Duration::from_secs(30), || {
        text_of(&app, "#empty-state").filter(|t| t.contains("is not in a Pelican blog"))
    });
    if said.is_none() {
        let shot = app.screenshot("failed-launch-loose");
        let page = app.session.execute("return document.body.innerText;", vec![]);
        panic!("no plain message about the loose file; page: {page:?}; {shot:?}");
    }
    let listed = wait_for(Duration::from_secs(10), || {
        let s = &app.session;
        let items = s.find_all("[data-testid=post-item]").ok()?;
        items
            .iter()
            .any(|e| {
                s.property(e, "textContent").is_ok_and(|t| t.contains("A Farewell to Anaconda"))
            })
            .then_some(())
    });
    assert!(listed.is_some(), "the demo blog opens instead");
}
