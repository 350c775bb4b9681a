//! The `folio` binary as a user runs it.

use std::process::Command;

fn folio() -> Command {
    Command::new(env!("CARGO_BIN_EXE_folio"))
}

#[test]
fn new_creates_a_blog_that_list_then_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("myblog");
    let status = folio().arg("new").arg(&dir).status().unwrap();
    assert!(status.success());
    assert!(tmp.path().join("myblog-origin.git").join("HEAD").is_file(), "a bare origin beside it");
    let out = folio().arg("list").arg(&dir).output().unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing
            .contains("content/farewell-to-anaconda.rst\t2020-03-20 14:30\tA Farewell to Anaconda"),
        "{listing}"
    );
}

#[test]
fn render_json_prints_one_object_per_file_with_the_contract_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.rst");
    let b = tmp.path().join("b.rst");
    std::fs::write(&a, "Alpha\n=====\n\n:tags: x, y\n\nSome *text*.\n").unwrap();
    std::fs::write(&b, "Unclosed *emphasis\n").unwrap();
    let out = folio().args(["render", "--json"]).arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["title"], "Alpha");
    assert_eq!(
        lines[0]["metadata"]["tags"],
        serde_json::json!(["x", "y"]),
        "tags split like Pelican"
    );
    assert_eq!(lines[0]["content"], "<p>Some <em>text</em>.</p>\n");
    let diag = &lines[1]["diagnostics"][0];
    assert_eq!((diag["line"].as_u64(), diag["severity"].as_str()), (Some(1), Some("warning")));
}

#[test]
fn render_of_a_missing_file_fails_with_its_name() {
    let out = folio().args(["render", "/no/such/post.rst"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/post.rst"));
}

/// `git` with an empty sandboxed global config, for setting up and reading repositories.
/// A demo blog made by `folio new` in a temporary folder, with an empty HOME of its own:
/// (the temporary folder, HOME, the blog).
fn demo_blog() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let dir = tmp.path().join("blog");
    assert!(folio().arg("new").arg(&dir).env("HOME", &home).status().unwrap().success());
    (tmp, home, dir)
}

/// Gives the blog's repository a committer, as a writer's git config would.
fn set_identity(home: &std::path::Path, dir: &str) {
    git(home, &["-C", dir, "config", "user.name", "CLI Writer"]);
    git(home, &["-C", dir, "config", "user.email", "cli@folio.invalid"]);
}

fn git(home: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_GLOBAL", home.join(".gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn publish_reaches_the_demo_origin_and_status_shows_it_published() {
    let (tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    set_identity(&home, d);

    let out = folio()
        .args(["publish", d, "content/draft-ideas.rst"])
        .env("HOME", &home)
        .env_remove("SSH_AUTH_SOCK")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Push") && stderr.contains("Verify"), "progress on stderr: {stderr}");

    // The origin itself has our commit with the post marked published.
    let origin = tmp.path().join("blog-origin.git");
    let o = origin.to_str().unwrap();
    assert_eq!(
        git(&home, &["-C", o, "rev-parse", "main"]),
        git(&home, &["-C", d, "rev-parse", "HEAD"])
    );
    let post = git(&home, &["-C", o, "show", "main:content/draft-ideas.rst"]);
    assert!(post.contains(":status: published"), "{post}");

    let out = folio().args(["status", d, "--json"]).env("HOME", &home).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ahead"], 0);
    let draft =
        json["posts"].as_array().unwrap().iter().find(|p| p["path"] == "content/draft-ideas.rst");
    assert_eq!(draft.unwrap()["draft"], false);
}

#[test]
fn publish_exits_non_zero_and_says_why_when_the_origin_is_gone() {
    let (tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    set_identity(&home, d);
    std::fs::rename(tmp.path().join("blog-origin.git"), tmp.path().join("moved.git")).unwrap();

    let out = folio()
        .args(["publish", d])
        .env("HOME", &home)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    assert!(!out.status.success(), "not published must not exit 0");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not published"), "{stderr}");
}

#[test]
fn publish_dry_run_shows_the_files_and_diff_and_changes_nothing() {
    let (_tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    let before = std::fs::read_to_string(dir.join("content/draft-ideas.rst")).unwrap();

    let out = folio()
        .args(["publish", d, "content/draft-ideas.rst", "--dry-run"])
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("would commit content/draft-ideas.rst"), "{stdout}");
    assert!(stdout.contains("+:status: published"), "{stdout}");
    let after = std::fs::read_to_string(dir.join("content/draft-ideas.rst")).unwrap();
    assert_eq!(before, after, "a dry run writes nothing");
}

#[test]
fn publish_dry_run_refuses_like_the_publish_and_lists_commits_not_pushed_yet() {
    let (_tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    set_identity(&home, d);
    // A commit made earlier and never pushed: the push would send it too.
    std::fs::write(dir.join("content/notes.md"), "Title: Notes\nDate: 2024-01-01\n\nx\n").unwrap();
    git(&home, &["-C", d, "add", "content/notes.md"]);
    git(&home, &["-C", d, "commit", "-q", "-m", "notes: a first note"]);
    let dry_run = |post: &str| {
        folio().args(["publish", d, post, "--dry-run"]).env("HOME", &home).output().unwrap()
    };

    let out = dry_run("content/draft-ideas.rst");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.lines().any(|l| l.starts_with("would push ") && l.ends_with(" notes: a first note")),
        "{stdout}"
    );
    assert!(stdout.contains("would commit content/draft-ideas.rst"), "{stdout}");

    std::fs::write(dir.join("content/broken.md"), "Title: Broken\nDate: someday\n\nx\n").unwrap();
    let out = dry_run("content/broken.md");
    assert_eq!(out.status.code(), Some(1), "a dry run fails where the publish would");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not published: folio check found 1 error(s) in the files to commit"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("would commit content/broken.md"));
    let out = folio()
        .args(["publish", d, "content/broken.md", "--dry-run", "--ignore-checks"])
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn check_is_clean_on_the_demo_blog_and_fails_with_json_findings_on_a_broken_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("blog");
    assert!(folio().arg("new").arg(&dir).status().unwrap().success());
    let out = folio().arg("check").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));

    std::fs::write(
        dir.join("content/broken.rst"),
        "Broken\n######\n\n.. image:: {static}/images/nope.png\n",
    )
    .unwrap();
    let out = folio().args(["check", "--json"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "an error makes check fail");
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let missing = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "missing-image")
        .unwrap_or_else(|| panic!("{findings:#}"));
    assert_eq!(missing["file"], "content/broken.rst");
    assert_eq!(missing["line"], 4);
    assert_eq!(missing["severity"], "error");
}

#[test]
fn check_fails_on_a_docutils_warning_pelican_leaves_the_post_out_for_and_passes_an_info() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("blog");
    assert!(folio().arg("new").arg(&dir).status().unwrap().success());
    // A meta tag without content: docutils' info message, which Pelican publishes
    // without a word.
    let post = "Twice\n#####\n\n:date: 2024-01-01\n\n.. meta::\n   :keywords:\n\nx\n";
    std::fs::write(dir.join("content/twice.rst"), post).unwrap();
    let out = folio().args(["check", "--json"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_twice: Vec<_> =
        findings.as_array().unwrap().iter().filter(|f| f["file"] == "content/twice.rst").collect();
    assert!(on_twice.is_empty(), "Pelican is silent, so is the check: {on_twice:?}");

    let post = "Slip\n####\n\n:date: 2024-01-01\n\nAn *unclosed emphasis.\n";
    std::fs::write(dir.join("content/slip.rst"), post).unwrap();
    let out = folio().args(["check", "--json"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "Pelican leaves the post out: an error");
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let slip = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "content/slip.rst")
        .unwrap_or_else(|| panic!("{findings:#}"));
    assert_eq!((&slip["file"], &slip["line"]), (&"content/slip.rst".into(), &6.into()));
    assert_eq!(slip["severity"], "error");
    assert_eq!(
        slip["message"],
        "Pelican leaves this post out: Inline emphasis start-string without end-string at \
         line 6."
    );
}

#[test]
fn image_add_copies_the_file_into_the_post_folder_and_prints_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("blog");
    assert!(folio().arg("new").arg(&dir).status().unwrap().success());
    let source = tmp.path().join("My Desk.png");
    std::fs::copy(dir.join("content/images/welcome/writing-desk.png"), &source).unwrap();
    let out = folio()
        .args(["image", "add"])
        .arg(&dir)
        .args(["--post", "notes-on-rest"])
        .arg(&source)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        ".. image:: {static}/images/notes-on-rest/my-desk.png\n   :alt: My Desk\n\n"
    );
    assert!(dir.join("content/images/notes-on-rest/my-desk.png").is_file());
}

#[test]
fn publish_refuses_a_post_with_check_errors_unless_told_to_ignore_them() {
    let (_tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    set_identity(&home, d);
    let post = dir.join("content/draft-ideas.rst");
    let text = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, format!("{text}\nSee `nowhere`_.\n")).unwrap();
    let head = git(&home, &["-C", d, "rev-parse", "HEAD"]);

    let publish = |extra: &[&str]| {
        folio()
            .args(["publish", d, "content/draft-ideas.rst"])
            .args(extra)
            .env("HOME", &home)
            .env("RUST_BACKTRACE", "0")
            .env_remove("SSH_AUTH_SOCK")
            .output()
            .unwrap()
    };
    let out = publish(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(stderr.contains("content/draft-ideas.rst") && stderr.contains("nowhere"), "{stderr}");
    assert!(stderr.contains("not published"), "{stderr}");
    assert_eq!(git(&home, &["-C", d, "rev-parse", "HEAD"]), head, "nothing was committed");

    let out = publish(&["--ignore-checks"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_ne!(git(&home, &["-C", d, "rev-parse", "HEAD"]), head, "published when told to");
}

#[test]
fn history_json_lists_the_posts_commits_as_git_log_does_and_show_prints_each_text() {
    let (_tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    set_identity(&home, d);
    let post = "content/draft-ideas.rst";
    let first = std::fs::read_to_string(dir.join(post)).unwrap();
    std::fs::write(dir.join(post), first.replace("draft", "draft, edited")).unwrap();
    git(&home, &["-C", d, "commit", "-qam", "Edit the ideas"]);

    let out = folio().args(["history", d, post, "--json"]).env("HOME", &home).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let versions: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let logged = git(&home, &["-C", d, "log", "--format=%H %aI %an%x09%s", "--", post]);
    let ours: Vec<String> = versions
        .iter()
        .map(|v| format!("{} {} {}\t{}", v["commit"], v["date"], v["author"], v["message"]))
        .map(|line| line.replace('"', ""))
        .collect();
    assert_eq!(ours.join("\n"), logged, "hash, ISO date, author and message as git log has them");
    assert!(versions.iter().all(|v| v["path"] == post));

    for v in &versions {
        let rev = v["commit"].as_str().unwrap();
        let out = folio().args(["show", d, post, rev]).env("HOME", &home).output().unwrap();
        assert!(out.status.success());
        let theirs = git(&home, &["-C", d, "show", &format!("{rev}:{post}")]);
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), theirs);
    }
    let out = folio().args(["show", d, post, "nope"]).env("HOME", &home).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope is not a commit"));
}

#[test]
fn publish_explains_a_stale_index_lock_and_unlock_removes_it() {
    let (_tmp, home, dir) = demo_blog();
    let d = dir.to_str().unwrap();
    set_identity(&home, d);
    let lock = dir.join(".git/index.lock");
    std::fs::write(&lock, b"").unwrap();
    let out = folio()
        .args(["publish", d, "content/draft-ideas.rst"])
        .env("HOME", &home)
        .env_remove("SSH_AUTH_SOCK")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("index.lock was left behind"), "{stderr}");
    assert!(stderr.contains("folio unlock"), "{stderr}");

    let out = folio().args(["unlock", d]).env("HOME", &home).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!lock.exists(), "the stale lock is gone");
}
