//! Publishing from the window to the demo blog's bare origin, checked on the origin itself.

use std::process::Command;
use std::time::Duration;

use folio_e2e::{wait_for, App, Element, Session};

fn git(args: &[&str]) -> String {
    let out = Command::new("git").args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Opens the listed `item` and waits for its text (which starts with `title`) in the
/// editor; returns the editor's content element, clicked so keys go there.
fn open_in_editor(s: &Session, item: &Element, title: &str) -> Element {
    s.click(item).unwrap();
    let content = wait_for(Duration::from_secs(10), || {
        let content = s.find("[data-testid=editor] .cm-content").ok()?;
        let text = s.property(&content, "textContent").ok()?;
        text.contains(title).then_some(content)
    })
    .expect("the post is open in the editor");
    s.click(&content).unwrap();
    content
}

/// Answers the publish dialog's question for the name and email git does not know.
fn introduce_ann(s: &Session) {
    let name = wait_for(Duration::from_secs(10), || s.find("[data-testid=identity-name]").ok())
        .expect("asked for name and email");
    s.send_keys(&name, "Ann Writer").unwrap();
    s.send_keys(&s.find("[data-testid=identity-email]").unwrap(), "ann@example.com").unwrap();
    s.click(&s.find("[data-testid=identity-save]").unwrap()).unwrap();
}

#[test]
fn publishing_a_draft_asks_who_you_are_once_and_the_origin_gets_the_published_post() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let post = "content/draft-ideas.rst";
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{post}']")).ok())
        .expect("the draft post is listed");
    s.click(&item).unwrap();
    let publish = s.find("[data-testid=publish]").unwrap();
    wait_for(Duration::from_secs(10), || {
        s.execute("return !document.querySelector('[data-testid=publish]').disabled;", vec![])
            .ok()
            .filter(|v| v == &serde_json::Value::Bool(true))
    })
    .expect("the publish button is enabled for an open post");
    s.click(&publish).unwrap();

    // What will change: the post, about to become published.
    let confirm =
        wait_for(Duration::from_secs(10), || s.find("[data-testid=publish-confirm]").ok())
            .expect("the dialog shows what will change");
    let dialog =
        s.property(&s.find("[data-testid=publish-dialog]").unwrap(), "textContent").unwrap();
    assert!(dialog.contains(post), "{dialog}");
    app.screenshot("publish-plan").unwrap();
    s.click(&confirm).unwrap();

    // git does not know this user: asked once.
    introduce_ann(s);
    let again = wait_for(Duration::from_secs(10), || s.find("[data-testid=publish-confirm]").ok())
        .expect("then the plan again");
    s.click(&again).unwrap();

    let notice = wait_for(Duration::from_secs(30), || {
        let el = s.find("[data-testid=notice]").ok()?;
        s.property(&el, "textContent").ok().filter(|t| t.contains("Published"))
    });
    let notice = notice.expect("the window says it was published");
    app.screenshot("published").unwrap();

    // The origin itself has the commit, with the post marked published, by Ann.
    let blog = app.data_dir.path().join("demo-blog");
    let origin = app.data_dir.path().join("demo-blog-origin.git");
    let (blog, origin) = (blog.to_str().unwrap(), origin.to_str().unwrap());
    let local_head = git(&["-C", blog, "rev-parse", "HEAD"]);
    assert_eq!(git(&["--git-dir", origin, "rev-parse", "main"]), local_head);
    assert!(notice.contains(&local_head[..7]), "the notice names the verified commit: {notice}");
    let published = git(&["--git-dir", origin, "show", &format!("main:{post}")]);
    assert!(published.contains(":status: published") && !published.contains(":status: draft"));
    assert_eq!(
        git(&["--git-dir", origin, "log", "-1", "--format=%an <%ae>", "main"]),
        "Ann Writer <ann@example.com>"
    );
}

#[test]
fn a_post_with_a_broken_reference_cannot_be_published_and_the_dialog_says_where() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let post = "content/draft-ideas.rst";
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{post}']")).ok())
        .expect("the draft post is listed");
    let content = open_in_editor(s, &item, "Ideas for Next Month");
    // Ctrl+End, then a reference to a target the post never defines.
    s.send_keys(&content, "\u{E009}\u{E010}").unwrap();
    s.send_keys(&content, "\n\nSee `nowhere`_ for more.\n").unwrap();
    s.click(&s.find("[data-testid=publish]").unwrap()).unwrap();

    let checks = wait_for(Duration::from_secs(10), || s.find("[data-testid=publish-checks]").ok())
        .expect("the dialog lists the checks' findings");
    let text = s.property(&checks, "textContent").unwrap();
    assert!(text.contains(post) && text.contains("nowhere"), "{text}");
    let disabled = s
        .execute("return document.querySelector('[data-testid=publish-confirm]').disabled;", vec![])
        .unwrap();
    assert_eq!(disabled, serde_json::Value::Bool(true), "an error blocks the publish");
    app.screenshot("publish-blocked").unwrap();

    // Nothing was committed: the origin still has the demo's single commit.
    let blog = app.data_dir.path().join("demo-blog");
    let count = git(&["-C", blog.to_str().unwrap(), "rev-list", "--count", "HEAD"]);
    assert_eq!(count, "1", "no commit was made");
}

#[test]
fn a_conflict_shows_both_versions_and_publishes_the_text_the_writer_settles_on() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let post = "content/draft-ideas.rst";
    let origin = app.data_dir.path().join("demo-blog-origin.git");
    let origin = origin.to_str().unwrap();

    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{post}']")).ok())
        .expect("the draft post is listed");

    // Another laptop changes the post's title line and publishes first.
    let other = tempfile::tempdir().unwrap();
    let other_dir = other.path().join("blog");
    let other_dir = other_dir.to_str().unwrap();
    git(&["clone", "-q", origin, other_dir]);
    let file = other.path().join("blog").join(post);
    let text = std::fs::read_to_string(&file).unwrap();
    // The underline grows with the title: a short one is a warning, and Pelican leaves
    // such a post out (so would Folio's check).
    let retitled = text.replacen(
        "Ideas for Next Month\n####################\n",
        "Ideas for Next Month?\n#####################\n",
        1,
    );
    assert_ne!(retitled, text, "the demo post starts with its title");
    std::fs::write(&file, retitled).unwrap();
    let id = ["-c", "user.name=Other", "-c", "user.email=other@example.com"];
    git(&[&["-C", other_dir], &id[..], &["commit", "-qam", "From the other laptop"]].concat());
    git(&["-C", other_dir, "push", "-q", "origin", "main"]);

    // Here the writer changes the same line.
    let content = open_in_editor(s, &item, "Ideas for Next Month");
    s.send_keys(&content, "\u{E009}\u{E011}").unwrap(); // Ctrl+Home
    s.send_keys(&content, "\u{E010}!").unwrap(); // End, then "!"
    s.click(&s.find("[data-testid=publish]").unwrap()).unwrap();
    let confirm =
        || wait_for(Duration::from_secs(10), || s.find("[data-testid=publish-confirm]").ok());
    s.click(&confirm().expect("the plan")).unwrap();
    introduce_ann(s);
    s.click(&confirm().expect("the plan again")).unwrap();

    // Both versions, side by side.
    let ours = wait_for(Duration::from_secs(30), || s.find("[data-testid=conflict-ours]").ok())
        .expect("the conflict view");
    let theirs = s.find("[data-testid=conflict-theirs]").unwrap();
    assert!(s.property(&ours, "textContent").unwrap().starts_with("Ideas for Next Month!\n"));
    assert!(s.property(&theirs, "textContent").unwrap().starts_with("Ideas for Next Month?\n"));
    app.screenshot("publish-conflict").unwrap();

    // The writer takes the remote's text, adds their own touch, and publishes that.
    s.click(&s.find("[data-testid=conflict-use-theirs]").unwrap()).unwrap();
    let settle = "const t = document.querySelector('[data-testid=conflict-result]'); \
                  t.value = t.value.replace('Ideas for Next Month?\\n#####################\\n', \
                  'Ideas for Next Month?!\\n######################\\n'); return t.value;";
    let settled = s.execute(settle, vec![]).unwrap();
    s.click(&s.find("[data-testid=conflict-resolve]").unwrap()).unwrap();
    s.click(&confirm().expect("the plan after resolving")).unwrap();
    let notice = wait_for(Duration::from_secs(30), || {
        let el = s.find("[data-testid=notice]").ok()?;
        s.property(&el, "textContent").ok().filter(|t| t.contains("Published"))
    });
    if notice.is_none() {
        let shown = s.find("[data-testid=notice]").and_then(|el| s.property(&el, "textContent"));
        let shot = app.screenshot("failed-publish-after-resolving");
        panic!("not published after resolving; the notice says {shown:?}; {shot:?}");
    }

    let published = git(&["--git-dir", origin, "show", &format!("main:{post}")]);
    assert!(published.starts_with("Ideas for Next Month?!\n"), "{published}");
    // The settled text, made published (the remote's side still said draft).
    let expected = settled.as_str().unwrap().replace(":status: draft", ":status: published");
    assert_eq!(published.trim_end(), expected.trim_end());
    let subjects = git(&["--git-dir", origin, "log", "--format=%s", "main"]);
    assert!(subjects.contains("From the other laptop"), "nothing was forced: {subjects}");
}
