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

/// Another computer pushes an edit of the welcome post and a new post to the demo blog's
/// origin; returns the pushed commit.
fn push_from_elsewhere(app: &App) -> String {
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
    git(&other, &["rev-parse", "HEAD"])
}

/// Waits for the status bar's word on the remote to show, and returns its text.
fn wait_for_news(s: &Session) -> String {
    wait_for(Duration::from_secs(20), || {
        let status = s.find("[data-testid=remote-status]").ok()?;
        let js = "return !document.querySelector('[data-testid=remote-status]').hidden;";
        let visible = s.execute(js, vec![]).ok()? == serde_json::Value::Bool(true);
        visible.then(|| s.property(&status, "textContent").ok()).flatten()
    })
    .expect("the status bar tells of the remote's commit")
}

/// Opens the welcome post and waits for its text in the editor.
fn open_welcome(s: &Session) {
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{POST}']")).ok())
        .expect("the welcome post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || editor_text(s).filter(|t| t.contains("Welcome to Folio")))
        .expect("the post is open");
}

#[test]
fn a_remote_change_shows_with_update_and_update_brings_it_into_the_list_and_the_open_post() {
    // Checks every 2 s instead of every few minutes; this binary has this one test.
    std::env::set_var("FOLIO_REMOTE_CHECK_SECONDS", "2");
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_welcome(s);

    // Another computer pushes an edit of the open post and a new post to the origin.
    let blog = app.data_dir.path().join("demo-blog");
    let pushed = push_from_elsewhere(&app);

    // The next check says so in the status bar, with Update.
    assert_eq!(wait_for_news(s), "1 new commit on originUpdate");
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

#[test]
fn an_open_post_edited_here_and_changed_on_the_remote_goes_through_the_conflict_view() {
    std::env::set_var("FOLIO_REMOTE_CHECK_SECONDS", "2");
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_welcome(s);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, "Edited here. ").unwrap();
    wait_for(Duration::from_secs(10), || editor_text(s).filter(|t| t.contains("Edited here.")))
        .expect("the typing is in the editor");
    let blog = app.data_dir.path().join("demo-blog");
    let pushed = push_from_elsewhere(&app);
    wait_for_news(s);
    s.click(&s.find("[data-testid=remote-update]").unwrap()).unwrap();

    // Nothing changed yet: the conflict view shows the editor's text and the remote's.
    let ours = wait_for(Duration::from_secs(15), || {
        let ours = s.find("[data-testid=update-dialog] [data-testid=conflict-ours]").ok()?;
        s.property(&ours, "textContent").ok().filter(|t| t.contains("Edited here."))
    });
    ours.expect("the conflict view shows the writer's text");
    let theirs = s.find("[data-testid=update-dialog] [data-testid=conflict-theirs]").unwrap();
    assert!(s.property(&theirs, "textContent").unwrap().contains(NEW_LINE));
    assert_ne!(git(&blog, &["rev-parse", "HEAD"]), pushed);
    app.screenshot("remote-update-conflict").unwrap();

    // Keeping mine: the remote's commit comes in, and my text stays an edit on top of it.
    s.click(&s.find("[data-testid=update-resolve]").unwrap()).unwrap();
    let listed =
        wait_for(Duration::from_secs(15), || s.find(&format!("[data-path='{NEW_POST}']")).ok());
    listed.expect("the new post is listed after the update");
    let head = wait_for(Duration::from_secs(10), || {
        Some(git(&blog, &["rev-parse", "HEAD"])).filter(|h| *h == pushed)
    });
    head.expect("the blog's branch is the pushed commit");
    let disk = wait_for(Duration::from_secs(10), || {
        std::fs::read_to_string(blog.join(POST)).ok().filter(|t| t.contains("Edited here."))
    });
    let disk = disk.expect("the writer's text is on disk");
    assert!(!disk.contains(NEW_LINE), "the remote's line replaced the writer's choice");
    assert!(git(&blog, &["show", &format!("HEAD:{POST}")]).contains(NEW_LINE));
    assert_eq!(git(&blog, &["status", "--porcelain", POST]), format!("M {POST}"));
    let kept = editor_text(s).unwrap_or_default();
    assert!(kept.contains("Edited here.") && !kept.contains(NEW_LINE), "{kept}");
    app.screenshot("remote-update-kept-mine").unwrap();
}
