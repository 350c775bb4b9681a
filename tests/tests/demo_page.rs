//! The demo blog previews inside Pelican's built-in theme for a writer who installed
//! Pelican with pipx: no virtualenv beside the blog and no `pelican` on `PATH`, only
//! pipx's virtualenv in the home folder (here the oracle venv, Pelican 4.12).

use std::path::{Path, PathBuf};
use std::time::Duration;

use folio_e2e::{wait_for, workspace_root, App, Session};

fn oracle_venv() -> PathBuf {
    let python = std::env::var_os("ORACLE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/oracle-venv/bin/python"));
    assert!(
        python.is_file(),
        "no oracle Python at {}: run make venv (or set ORACLE_PYTHON)",
        python.display()
    );
    python.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default()
}

fn js(s: &Session, script: &str) -> Option<String> {
    s.execute(script, vec![]).ok()?.as_str().map(str::to_string)
}

fn frame_query(s: &Session, css: &str) -> Option<String> {
    let script = format!(
        "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         const e = d && d.querySelector({css:?}); return e ? e.textContent : null;"
    );
    js(s, &script)
}

fn page_status(s: &Session) -> String {
    js(s, "return document.querySelector('[data-testid=page-status]').textContent;")
        .unwrap_or_default()
}

const POST: &str = "content/welcome-to-folio.rst";

#[test]
fn the_demo_blog_shows_its_post_inside_notmyidea_when_pelican_was_installed_with_pipx() {
    let data = tempfile::tempdir().unwrap();
    // The app's home folder is `<data>/home` (the harness gives it an empty one).
    let venvs = data.path().join("home/.local/share/pipx/venvs");
    std::fs::create_dir_all(&venvs).unwrap();
    std::os::unix::fs::symlink(oracle_venv(), venvs.join("pelican")).unwrap();
    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;

    let source = wait_for(Duration::from_secs(60), || {
        js(s, "return document.querySelector('[data-testid=settings-source]').textContent;")
            .filter(|t| t.starts_with("Settings read by Python"))
    })
    .expect("the demo's settings were read by a Python");
    assert!(source.contains("Pelican 4.12"), "pipx's Pelican read them: {source}");
    let item = wait_for(Duration::from_secs(20), || s.find(&format!("[data-path='{POST}']")).ok())
        .expect("the demo's post is listed");
    s.click(&item).unwrap();

    let banner = wait_for(Duration::from_secs(30), || {
        frame_query(s, "#banner h1").filter(|b| b.contains("My Folio Blog"))
    })
    .unwrap_or_else(|| panic!("no notmyidea banner; the bar says {:?}", page_status(s)));
    assert!(banner.contains("My Folio Blog"), "{banner}");
    let title = wait_for(Duration::from_secs(10), || {
        frame_query(s, "#content .entry-title").filter(|t| t.contains("Welcome to Folio"))
    });
    assert!(title.is_some(), "the theme's title line: {:?}", frame_query(s, "#content"));
    let body = wait_for(Duration::from_secs(10), || {
        frame_query(s, "#content .entry-content").filter(|t| t.contains("This is a demo blog"))
    });
    assert!(body.is_some(), "the post's body is inside the theme's entry-content");
    let css_loaded = wait_for(Duration::from_secs(10), || {
        // notmyidea's main.css: `body { background: #F5F4EF }`.
        let script = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
             return getComputedStyle(d.body).backgroundColor;";
        js(s, script).filter(|v| v == "rgb(245, 244, 239)")
    });
    assert!(css_loaded.is_some(), "the theme's stylesheet loaded");
    assert_eq!(page_status(s), "", "the bar does not say the page cannot be shown");
    let shot = app.screenshot("demo-page-notmyidea").unwrap();
    eprintln!("screenshot: {}", shot.display());
}
