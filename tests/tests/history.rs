//! The history panel on a real repository the test builds with `git`: every version of a
//! post (one rename, two commits published to a bare origin, one not, an autosave not
//! committed), a version compared word by word and rendered, restored as an edit that is
//! saved like typing and that Ctrl+Z takes back; and a publish that meets a stale
//! `.git/index.lock`, which the window explains and removes on request.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use folio_e2e::{wait_for, App, Session};
use serde_json::Value;

const CTRL: &str = "\u{E009}";

const FIRST: &str = "Hello\n#####\n\n:date: 2024-03-01 10:00\n\n\
                     A first draft about the sea at dawn.\n";
const SECOND: &str = "Hello\n#####\n\n:date: 2024-03-01 10:00\n\n\
                      A second draft about the sea at noon.\n";
const THIRD: &str = "Hello\n#####\n\n:date: 2024-03-01 10:00\n\n\
                     A second draft about the sea at noon.\n\nWith a new closing line.\n";
const AUTOSAVED: &str = "Hello\n#####\n\n:date: 2024-03-01 10:00\n\n\
                         An autosaved draft about the harbour at noon.\n\nWith a new closing line.\n";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Ann Writer", "-c", "user.email=ann@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn commit(dir: &Path, message: &str, date: &str) {
    git(dir, &["add", "-A"]);
    let out = Command::new("git")
        .args(["-c", "user.name=Ann Writer", "-c", "user.email=ann@example.com"])
        .args(["commit", "-q", "-m", message])
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git commit: {}", String::from_utf8_lossy(&out.stderr));
}

/// A blog in a git repository with a bare origin: the post is written, renamed and
/// rewritten (both published), then extended (committed, not published).
fn blog_with_history(dir: &Path) -> std::path::PathBuf {
    let blog = dir.join("blog");
    let origin = dir.join("origin.git");
    std::fs::create_dir_all(blog.join("content")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "SITENAME = 'History'\nPATH = 'content'\n")
        .unwrap();
    git(dir, &["init", "-q", "--bare", "-b", "main", origin.to_str().unwrap()]);
    git(&blog, &["init", "-q", "-b", "main"]);
    git(&blog, &["config", "user.name", "Ann Writer"]);
    git(&blog, &["config", "user.email", "ann@example.com"]);
    std::fs::write(blog.join("content/first.rst"), FIRST).unwrap();
    commit(&blog, "Start a post about the sea", "2024-03-01T10:00:00+01:00");
    git(&blog, &["mv", "content/first.rst", "content/hello.rst"]);
    std::fs::write(blog.join("content/hello.rst"), SECOND).unwrap();
    commit(&blog, "Rename it and move to noon", "2024-03-02T11:30:00+01:00");
    git(&blog, &["remote", "add", "origin", origin.to_str().unwrap()]);
    git(&blog, &["push", "-q", "-u", "origin", "main"]);
    std::fs::write(blog.join("content/hello.rst"), THIRD).unwrap();
    commit(&blog, "Add a closing line", "2024-03-03T09:15:00+01:00");
    blog
}

/// The editor's text, line by line as CodeMirror shows it (a short post: every line is drawn).
fn editor_text(s: &Session) -> String {
    let script = "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-line'))\
                  .map(l => l.textContent).join('\\n');";
    s.execute(script, vec![]).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn text_of(s: &Session, css: &str) -> Option<String> {
    s.property(&s.find(css).ok()?, "textContent").ok()
}

fn save_label(s: &Session) -> String {
    text_of(s, "#status-save").unwrap_or_default()
}

/// Opens `post` and waits for its text in the editor.
fn open_post(s: &Session, post: &str, text: &str) {
    wait_for(Duration::from_secs(30), || {
        s.click(&s.find(&format!("[data-path='{post}']")).ok()?).ok()
    })
    .expect("the post is listed and opens");
    wait_for(Duration::from_secs(10), || (editor_text(s) == text).then_some(()))
        .unwrap_or_else(|| panic!("the post opens: {:?}", editor_text(s)));
}

/// Turns the page's dark colours on, as `prefers-color-scheme: dark` would.
const DARK: &str = "const rules = []; \
    for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) \
      if (rule.media && rule.media.mediaText.includes('dark')) \
        for (const inner of rule.cssRules) rules.push(inner.cssText); \
    const style = document.createElement('style'); style.dataset.testDark = ''; \
    style.textContent = rules.join('\\n') + ' :root { color-scheme: dark; }'; \
    document.head.append(style); return rules.length;";

#[test]
fn the_history_panel_lists_every_version_compares_one_and_restores_it_as_an_undoable_saved_edit() {
    let dir = tempfile::tempdir().unwrap();
    let blog = blog_with_history(dir.path());
    let file = blog.join("content/hello.rst");
    std::fs::write(&file, AUTOSAVED).unwrap(); // an autosave since the last commit
    let expected: Vec<String> =
        git(&blog, &["log", "--follow", "--format=%H", "--", "content/hello.rst"])
            .lines()
            .map(str::to_string)
            .collect();
    assert_eq!(expected.len(), 3, "git itself sees three versions");

    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_post(s, "content/hello.rst", AUTOSAVED);
    s.click(&s.find("[data-testid=history-open]").unwrap()).unwrap();

    // The list: newest first, as git log --follow has them, with published flags.
    let rows = wait_for(Duration::from_secs(20), || {
        let rows = s.find_all("[data-testid=history-version]").ok()?;
        (rows.len() == 3).then_some(rows)
    })
    .expect("the panel lists the post's three commits");
    let commits = row_data(s, "commit");
    assert_eq!(commits, expected, "newest first, renames followed");
    let published = row_data(s, "published");
    assert_eq!(published, ["false", "true", "true"], "the last commit is not on the origin yet");
    let texts: Vec<String> = rows.iter().map(|r| s.property(r, "textContent").unwrap()).collect();
    assert!(
        texts[0].contains("Add a closing line") && texts[0].contains("Not published yet"),
        "{texts:?}"
    );
    assert!(
        texts[0].contains("3 March 2024, 09:15") && texts[0].contains("Ann Writer"),
        "{texts:?}"
    );
    assert!(texts[1].contains("Renamed from content/first.rst"), "{texts:?}");
    assert!(texts[2].contains("Start a post about the sea") && texts[2].contains("Published"));
    let uncommitted =
        text_of(s, "[data-testid=history-uncommitted]").expect("the autosave is listed");
    assert!(uncommitted.contains("Not committed yet"), "{uncommitted}");

    // The oldest version against the editor's text, word by word.
    s.click(&rows[2]).unwrap();
    let removed = wait_for(Duration::from_secs(10), || {
        let marks = s.execute(
            "return Array.from(document.querySelectorAll('[data-testid=history-diff] del')).map(e => e.textContent).join('|');",
            vec![],
        );
        marks.ok()?.as_str().filter(|t| !t.is_empty()).map(str::to_string)
    })
    .expect("the diff marks the words only the old version has");
    let added = s
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=history-diff] ins')).map(e => e.textContent).join('|');",
            vec![],
        )
        .unwrap();
    let added = added.as_str().unwrap();
    assert!(removed.contains("first") && removed.contains("dawn"), "{removed}");
    assert!(added.contains("harbour") && added.contains("closing"), "{added}");
    assert!(!removed.contains("Hello") && !added.contains("Hello"), "the title is the same");
    let summary = text_of(s, "[data-testid=history-summary]").unwrap();
    assert!(summary.contains("1 March 2024, 10:00, Ann Writer"), "{summary}");
    app.screenshot("history-changes").unwrap();

    // The same version rendered, as the live preview renders.
    s.click(&s.find("[data-testid=history-tab-preview]").unwrap()).unwrap();
    let rendered = "const f = document.querySelector('[data-testid=history-preview]'); \
                    return f.contentDocument?.body?.innerText ?? '';";
    wait_for(Duration::from_secs(10), || {
        let text = s.execute(rendered, vec![]).ok()?;
        text.as_str()?.contains("A first draft about the sea at dawn.").then_some(())
    })
    .expect("the preview shows the old version's text");
    app.screenshot("history-preview").unwrap();
    s.click(&s.find("[data-testid=history-tab-changes]").unwrap()).unwrap();
    let dark_rules = s.execute(DARK, vec![]).unwrap();
    assert!(dark_rules.as_u64().unwrap_or(0) > 0, "the page has dark colours to turn on");
    app.screenshot("history-changes-dark").unwrap();
    s.execute("document.querySelector('[data-test-dark]').remove(); return true;", vec![]).unwrap();

    // Restore: the old text is in the editor, then on disk, then the label says so.
    s.click(&s.find("[data-testid=history-restore]").unwrap()).unwrap();
    wait_for(Duration::from_secs(10), || (editor_text(s) == FIRST).then_some(()))
        .unwrap_or_else(|| panic!("the editor has the restored text: {:?}", editor_text(s)));
    let notice = text_of(s, "[data-testid=notice]").unwrap_or_default();
    assert!(notice.contains("Ctrl+Z takes it back"), "{notice}");
    wait_for(Duration::from_secs(15), || {
        (std::fs::read_to_string(&file).ok()? == FIRST).then_some(())
    })
    .expect("the restored text is saved to disk like typing");
    wait_for(Duration::from_secs(10), || (save_label(s) == "Saved").then_some(()))
        .unwrap_or_else(|| panic!("then the label says Saved: {:?}", save_label(s)));
    let head = git(&blog, &["rev-parse", "HEAD"]);
    assert_eq!(head, expected[0], "restoring committed nothing and rewrote nothing");

    // Ctrl+Z takes the restore back as one step: the autosaved text, on disk too.
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{CTRL}z")).unwrap();
    wait_for(Duration::from_secs(10), || (editor_text(s) == AUTOSAVED).then_some(()))
        .unwrap_or_else(|| panic!("Ctrl+Z brings the text back: {:?}", editor_text(s)));
    wait_for(Duration::from_secs(15), || {
        (std::fs::read_to_string(&file).ok()? == AUTOSAVED).then_some(())
    })
    .expect("and that is saved too");
    wait_for(Duration::from_secs(10), || (save_label(s) == "Saved").then_some(()))
        .unwrap_or_else(|| panic!("then the label says Saved: {:?}", save_label(s)));
}

#[test]
fn a_new_post_never_committed_says_so_in_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let blog = blog_with_history(dir.path());
    let new = "New\n###\n\n:date: 2024-04-01 10:00\n\nNever committed.\n";
    std::fs::write(blog.join("content/new.rst"), new).unwrap();
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_post(s, "content/new.rst", new);
    s.send_keys(&s.find("[data-testid=editor] .cm-content").unwrap(), &format!("{CTRL}\u{E008}h"))
        .unwrap();
    let empty = wait_for(Duration::from_secs(20), || text_of(s, "[data-testid=history-empty]"))
        .expect("Ctrl+Shift+H opens the panel, which says the post has no versions");
    assert!(empty.contains("never been committed"), "{empty}");
    assert!(s.find_all("[data-testid=history-version]").unwrap().is_empty());
    assert!(text_of(s, "[data-testid=history-uncommitted]").is_some(), "its text is not committed");
}

#[test]
fn a_blog_that_is_not_a_git_repository_says_so_in_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let blog = dir.path().join("blog");
    std::fs::create_dir_all(blog.join("content")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    std::fs::write(blog.join("content/hello.rst"), FIRST).unwrap();
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_post(s, "content/hello.rst", FIRST);
    s.click(&s.find("[data-testid=history-open]").unwrap()).unwrap();
    let empty = wait_for(Duration::from_secs(20), || text_of(s, "[data-testid=history-empty]"))
        .expect("the panel says why there is no history");
    assert!(empty.contains("This blog is not a git repository"), "{empty}");
    app.screenshot("history-not-a-repository").unwrap();
}

#[test]
fn a_publish_that_meets_a_stale_index_lock_explains_it_removes_it_on_request_and_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let blog = blog_with_history(dir.path());
    let lock = blog.join(".git/index.lock");
    std::fs::write(&lock, "").unwrap(); // left by a git that crashed: no git runs here
    let origin = dir.path().join("origin.git");
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_post(s, "content/hello.rst", THIRD);
    // An edit, so the publish has something to commit (the lock stops commits).
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, &format!("{CTRL}\u{E010}")).unwrap();
    s.send_keys(&content, " Locked out no more.").unwrap();
    s.click(&s.find("[data-testid=publish]").unwrap()).unwrap();
    let confirm =
        || wait_for(Duration::from_secs(10), || s.find("[data-testid=publish-confirm]").ok());
    s.click(&confirm().expect("the plan")).unwrap();

    let explained = wait_for(Duration::from_secs(20), || text_of(s, "[data-testid=index-lock]"))
        .expect("the dialog explains the lock");
    assert!(explained.contains(lock.to_str().unwrap()), "{explained}");
    assert!(explained.contains("stopped before finishing"), "{explained}");
    app.screenshot("publish-index-lock").unwrap();
    assert!(lock.exists(), "nothing is removed before the writer says so");
    s.click(&s.find("[data-testid=index-lock-remove]").unwrap()).unwrap();
    s.click(&confirm().expect("the plan again, once the lock is gone")).unwrap();
    assert!(!lock.exists(), "the lock was removed");
    let notice = wait_for(Duration::from_secs(30), || {
        text_of(s, "[data-testid=notice]").filter(|t| t.contains("Published"))
    })
    .unwrap_or_else(|| {
        panic!("published after the lock went: {:?}", text_of(s, "[data-testid=notice]"))
    });
    let local = git(&blog, &["rev-parse", "HEAD"]);
    let remote = git(dir.path(), &["--git-dir", origin.to_str().unwrap(), "rev-parse", "main"]);
    assert_eq!(remote, local, "the origin has the local commit: {notice}");
    let published =
        git(dir.path(), &["--git-dir", origin.to_str().unwrap(), "show", "main:content/hello.rst"]);
    assert!(published.contains("Locked out no more."), "{published}");
}

/// Each listed version's `data-NAME`, in the list's order.
fn row_data(s: &Session, name: &str) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('[data-testid=history-version]'))\
                  .map(r => r.dataset[arguments[0]]);";
    let values = s.execute(script, vec![Value::from(name)]).unwrap();
    values.as_array().unwrap().iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

/// A gpg home in `dir` with one signing key without passphrase, made by gpg itself, and
/// made the one gpg uses (`GNUPGHOME`, which the app inherits); the key's fingerprint.
fn gpg_key(dir: &Path) -> String {
    let gnupg = dir.join("gnupg");
    std::fs::create_dir_all(&gnupg).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&gnupg, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::env::set_var("GNUPGHOME", &gnupg);
    let out = Command::new("gpg")
        .args(["--batch", "--passphrase", "", "--quick-gen-key"])
        .args(["Ann Writer <ann@example.com>", "ed25519", "sign", "never"])
        .output()
        .expect("gpg is installed (scripts/install-deps.sh)");
    assert!(out.status.success(), "gpg: {}", String::from_utf8_lossy(&out.stderr));
    let listed =
        Command::new("gpg").args(["--batch", "--with-colons", "--list-secret-keys"]).output();
    String::from_utf8_lossy(&listed.unwrap().stdout)
        .lines()
        .find_map(|l| l.strip_prefix("fpr:").map(|f| f.trim_matches(':').to_string()))
        .expect("the new key's fingerprint")
}

/// Stops the gpg agent signing started, so no process outlives the test.
struct StopsGpgAgent;

impl Drop for StopsGpgAgent {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf").args(["--kill", "gpg-agent"]).status();
    }
}

#[test]
fn with_commit_gpgsign_a_publish_from_the_window_is_signed_and_the_origin_verifies_it() {
    let dir = tempfile::tempdir().unwrap();
    let blog = blog_with_history(dir.path());
    let key = gpg_key(dir.path());
    let _agent = StopsGpgAgent;
    git(&blog, &["config", "commit.gpgsign", "true"]);
    git(&blog, &["config", "user.signingkey", &key]);
    let origin = dir.path().join("origin.git");
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_post(s, "content/hello.rst", THIRD);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, &format!("{CTRL}\u{E010}")).unwrap();
    s.send_keys(&content, " Signed, sealed.").unwrap();
    s.click(&s.find("[data-testid=publish]").unwrap()).unwrap();
    let confirm =
        wait_for(Duration::from_secs(10), || s.find("[data-testid=publish-confirm]").ok())
            .expect("the plan");
    s.click(&confirm).unwrap();
    wait_for(Duration::from_secs(30), || {
        text_of(s, "[data-testid=notice]").filter(|t| t.contains("Published"))
    })
    .unwrap_or_else(|| panic!("published: {:?}", text_of(s, "[data-testid=notice]")));

    let origin = origin.to_str().unwrap();
    let out = Command::new("git")
        .args(["--git-dir", origin, "verify-commit", "--raw", "main"])
        .output()
        .expect("git runs");
    let status = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "git verify-commit on the origin accepts it: {status}");
    assert!(status.contains(&format!("VALIDSIG {key}")), "signed with the test's key: {status}");
    let shown = git(dir.path(), &["--git-dir", origin, "show", "main:content/hello.rst"]);
    assert!(shown.contains("Signed, sealed."), "{shown}");
}
