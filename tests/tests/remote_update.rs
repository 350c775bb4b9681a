//! Staying current from the window: a commit pushed to the demo blog's origin from
//! elsewhere shows as "1 new commit on origin" with "Update" while a post is open, and
//! Update brings it into the post list and the open post. Checked with git on the blog.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Other Laptop")
        .env("GIT_AUTHOR_EMAIL", "other@folio.invalid")
        .env("GIT_COMMITTER_NAME", "Other Laptop")
        .env("GIT_COMMITTER_EMAIL", "other@folio.invalid")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn editor_text(s: &Session) -> Option<String> {
    let content = s.find("[data-testid=editor] .cm-content").ok()?;
    s.property(&content, "textContent").ok()
}

const POST: &str = "content/welcome-to-folio.rst";
const NEW_POST: &str = "content/from-the-other-laptop.rst";
const NEW_LINE: &str = "A line written on the other laptop.";

#[test]
fn a_remote_change_shows_with_update_and_update_brings_it_into_the_list_and_the_open_post() {
    // Checks every 2 s instead of every few minutes; this binary has this one test.
    std::env::set_var("FOLIO_REMOTE_CHECK_SECONDS", "2");
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{POST}']")).ok())
        .expect("the welcome post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || editor_text(s).filter(|t| t.contains("Welcome to Folio")))
        .expect("the post is open");

    // Another computer pushes an edit of the open post and a new post to the origin.
    let blog = app.data_dir.path().join("demo-blog");
    let origin = app.data_dir.path().join("demo-blog-origin.git");
    let other = app.data_dir.path().join("other-laptop");
    let out = Command::new("git").arg("clone").arg("-q").arg(&origin).arg(&other).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(other.join(POST)).unwrap();
    std::fs::write(other.join(POST), format!("{text}\n{NEW_LINE}\n")).unwrap();
    std::fs::write(
        other.join(NEW_POST),
        "From The Other Laptop\n#####################\n\n:date: 2026-12-01 10:00\n\nHello.\n",
    )
    .unwrap();
    git(&other, &["add", "."]);
    git(&other, &["commit", "-q", "-m", "Written elsewhere"]);
    git(&other, &["push", "-q", "origin", "HEAD"]);
    let pushed = git(&other, &["rev-parse", "HEAD"]);

    // The next check says so in the status bar, with Update.
    let said = wait_for(Duration::from_secs(20), || {
        let status = s.find("[data-testid=remote-status]").ok()?;
        let visible = s.execute(
            "return !document.querySelector('[data-testid=remote-status]').hidden;",
            vec![],
        );
        (visible.ok()? == serde_json::Value::Bool(true))
            .then(|| s.property(&status, "textContent").ok())
            .flatten()
    })
    .expect("the status bar tells of the remote's commit");
    assert_eq!(said, "1 new commit on originUpdate");
    assert!(s.find(&format!("[data-path='{NEW_POST}']")).is_err(), "listed before the update");
    app.screenshot("remote-new-commit").unwrap();

    s.click(&s.find("[data-testid=remote-update]").unwrap()).unwrap();
    let listed =
        wait_for(Duration::from_secs(15), || s.find(&format!("[data-path='{NEW_POST}']")).ok());
    listed.expect("the new post is listed after the update");
    let open =
        wait_for(Duration::from_secs(15), || editor_text(s).filter(|t| t.contains(NEW_LINE)));
    open.expect("the open post shows the remote's edit");
    let hidden = wait_for(Duration::from_secs(10), || {
        let js = "return document.querySelector('[data-testid=remote-status]').hidden;";
        s.execute(js, vec![]).ok().filter(|v| v == &serde_json::Value::Bool(true))
    });
    hidden.expect("the status bar no longer tells of new commits");
    app.screenshot("remote-updated").unwrap();

    // The blog's branch is the pushed commit, and its files are clean.
    assert_eq!(git(&blog, &["rev-parse", "HEAD"]), pushed);
    assert_eq!(git(&blog, &["status", "--porcelain"]), "");
}
