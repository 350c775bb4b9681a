//! Working on more than one blog: clone one from a URL, come back through Recent.

use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

fn status_blog(s: &Session) -> String {
    s.execute("return document.getElementById('status-blog').title;", vec![])
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn a_blog_cloned_from_a_url_opens_and_the_previous_one_is_in_recent() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    wait_for(Duration::from_secs(30), || status_blog(s).ends_with("demo-blog").then_some(()))
        .expect("demo opened");

    s.click(&s.find("[data-testid=site-menu]").unwrap()).unwrap();
    s.click(&s.find("[data-testid=site-menu-items] [data-action=clone]").unwrap()).unwrap();
    let url = wait_for(Duration::from_secs(5), || s.find("[data-testid=clone-url]").ok())
        .expect("the clone dialog");
    let origin = app.data_dir.path().join("demo-blog-origin.git");
    let target = app.data_dir.path().join("cloned blog");
    s.send_keys(&url, origin.to_str().unwrap()).unwrap();
    let dir = s.find("[data-testid=clone-dir]").unwrap();
    s.clear(&dir).unwrap();
    s.send_keys(&dir, target.to_str().unwrap()).unwrap();
    s.click(&s.find("[data-testid=clone-go]").unwrap()).unwrap();

    let opened =
        wait_for(Duration::from_secs(30), || status_blog(s).ends_with("cloned blog").then_some(()));
    if opened.is_none() {
        let status = s
            .find("[data-testid=clone-status]")
            .ok()
            .and_then(|e| s.property(&e, "textContent").ok());
        panic!("the clone did not open; dialog says {status:?}");
    }
    assert!(
        target.join("content/farewell-to-anaconda.rst").is_file(),
        "the clone has the posts on disk"
    );
    wait_for(Duration::from_secs(10), || {
        s.find("[data-path='content/farewell-to-anaconda.rst']").ok()
    })
    .expect("the clone's posts are listed");
    app.screenshot("cloned").unwrap();

    s.click(&s.find("[data-testid=site-menu]").unwrap()).unwrap();
    let recent = s.find("[data-testid=recent-blog]").unwrap();
    assert!(s.property(&recent, "title").unwrap().ends_with("demo-blog"));
    s.click(&recent).unwrap();
    wait_for(Duration::from_secs(10), || status_blog(s).ends_with("demo-blog").then_some(()))
        .expect("back on the demo blog");
}
