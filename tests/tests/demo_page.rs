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

/// A folder for the app's `PATH` whose only program is a `python3` that cannot import
/// Pelican: the oracle's base interpreter without site-packages.
fn path_without_pelican(dir: &Path) -> std::ffi::OsString {
    let python = oracle_venv().join("bin/python");
    let out = std::process::Command::new(python)
        .args(["-c", "import sys; print(sys._base_executable)"])
        .output()
        .unwrap();
    let base = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let script = dir.join("python3");
    std::fs::write(&script, format!("#!/bin/sh\nexec '{base}' -S \"$@\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir.as_os_str().to_os_string()
}

#[test]
fn without_any_pelican_the_demo_shows_the_body_alone_and_says_to_install_pelican() {
    let tools = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let app = App::start_in_with_path(data, &path_without_pelican(tools.path()))
        .unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let source = wait_for(Duration::from_secs(60), || {
        js(s, "return document.querySelector('[data-testid=settings-source]').textContent;")
            .filter(|t| t.starts_with("Settings read by Python"))
    })
    .expect("the demo's settings were read by python3");
    assert!(!source.contains("Pelican 4"), "that python3 has no Pelican: {source}");
    let item = wait_for(Duration::from_secs(20), || s.find(&format!("[data-path='{POST}']")).ok())
        .expect("the demo's post is listed");
    s.click(&item).unwrap();
    let install = "Install Pelican (pip install pelican) to see your theme's page";
    let said = wait_for(Duration::from_secs(30), || (page_status(s) == install).then_some(()));
    assert!(said.is_some(), "the bar tells the writer what to do; it says {:?}", page_status(s));
    let why = js(s, "return document.querySelector('[data-testid=page-status]').title;")
        .unwrap_or_default();
    assert!(
        why.starts_with("The theme's page cannot be shown: Install Pelican")
            && why.contains("cannot import it"),
        "its tooltip says why: {why}"
    );
    let body = wait_for(Duration::from_secs(10), || {
        frame_query(s, "#content .entry-content").filter(|t| t.contains("This is a demo blog"))
    });
    assert!(body.is_some(), "the body alone shows");
    assert!(frame_query(s, "#banner").is_none(), "no theme page");
    let shot = app.screenshot("demo-page-no-pelican").unwrap();
    eprintln!("screenshot: {}", shot.display());
}
