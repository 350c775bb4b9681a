//! Staying current: checking the remote for new commits (quickly and quietly, also when it
//! is dead) and updating from it without touching edits that are not committed. Real
//! repositories, a real `git daemon` on loopback, refs and files checked with git itself.

mod support;

use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use folio_blog::git::{self, AuthOptions, Resolution};
use folio_blog::Error;
use support::servers::{free_port, git_daemon};
use support::{sandbox, TestRepo, FIRST_POST};

const TIMEOUT: Duration = Duration::from_secs(3);

fn auth() -> AuthOptions {
    AuthOptions { ssh_dir: sandbox().join(".ssh"), use_agent: false }
}

/// Runs real git in `dir` and returns its output, failing the test on an error.
fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

const EDITED_ELSEWHERE: &str = "First Post\n##########\n\n:date: 2024-01-01 10:00\n\
    :status: published\n\nHello, world, from the other laptop.\nA second line.\n";

#[test]
fn a_check_over_git_daemon_counts_the_commits_the_remote_has_that_we_do_not() {
    let repo = TestRepo::new();
    let base = repo.origin.parent().unwrap();
    let daemon = git_daemon(base, free_port());
    repo.set_origin_url(&format!("git://127.0.0.1:{}/origin.git", daemon.port));
    let news = git::check_remote(&repo.blog(), &auth(), TIMEOUT).unwrap();
    assert_eq!((news.new_commits, news.reachable), (0, true));

    repo.commit_on_origin(&[("content/one.rst", "One\n###\n\nOne.\n")]);
    repo.commit_on_origin(&[("content/two.rst", "Two\n###\n\nTwo.\n")]);
    let last = repo.commit_on_origin(&[("content/first-post.rst", EDITED_ELSEWHERE)]);
    let news = git::check_remote(&repo.blog(), &auth(), TIMEOUT).unwrap();
    assert_eq!(news.remote, "origin");
    assert_eq!((news.new_commits, news.reachable, news.reason), (3, true, None));
    // Only the remote-tracking branch moved: our branch and files are as they were.
    assert_eq!(git_in(&repo.root, &["rev-parse", "origin/main"]), last.to_string());
    assert_ne!(repo.local_head(), last);
    assert_eq!(repo.read("content/first-post.rst"), FIRST_POST);
}

#[test]
fn an_update_fast_forwards_when_we_have_no_commits_of_our_own() {
    let repo = TestRepo::new();
    repo.write("content/notes.txt", "a file of mine, not committed\n");
    let remote = repo.commit_on_origin(&[
        ("content/first-post.rst", EDITED_ELSEWHERE),
        ("content/new.rst", "New\n###\n\nNew.\n"),
    ]);
    let blog = repo.blog();
    assert_eq!(git::check_remote(&blog, &auth(), TIMEOUT).unwrap().new_commits, 1);
    let report = git::update_from_remote(&blog, &[], &[]).unwrap();
    assert!(report.fast_forward);
    assert_eq!(report.rebased, 0);
    assert_eq!(report.commit, remote.to_string());
    assert_eq!(report.changed, ["content/first-post.rst", "content/new.rst"]);
    assert_eq!(git_in(&repo.root, &["rev-parse", "HEAD"]), remote.to_string());
    assert_eq!(repo.read("content/first-post.rst"), EDITED_ELSEWHERE);
    // The work tree is clean apart from the writer's own untracked file.
    assert_eq!(git_in(&repo.root, &["status", "--porcelain"]), "?? content/notes.txt");
    assert_eq!(git::check_remote(&blog, &auth(), TIMEOUT).unwrap().new_commits, 0);
}

#[test]
fn an_update_rebases_our_unpublished_commits_onto_the_remote_like_a_publish() {
    let repo = TestRepo::new();
    repo.write("content/mine.rst", "Mine\n####\n\nCommitted here, not pushed.\n");
    git_in(&repo.root, &["add", "content/mine.rst"]);
    git_in(&repo.root, &["commit", "-q", "-m", "Add mine"]);
    let remote = repo.commit_on_origin(&[("content/first-post.rst", EDITED_ELSEWHERE)]);
    let blog = repo.blog();
    assert_eq!(git::check_remote(&blog, &auth(), TIMEOUT).unwrap().new_commits, 1);
    let report = git::update_from_remote(&blog, &[], &[]).unwrap();
    assert_eq!((report.fast_forward, report.rebased), (false, 1));
    assert_eq!(report.changed, ["content/first-post.rst"]);
    // Our commit now sits on the remote's, with its message and file; nothing pushed.
    assert_eq!(git_in(&repo.root, &["rev-parse", "HEAD^"]), remote.to_string());
    assert_eq!(git_in(&repo.root, &["log", "-1", "--format=%s"]), "Add mine");
    assert_eq!(git_in(&repo.root, &["status", "--porcelain"]), "");
    assert_eq!(repo.read("content/first-post.rst"), EDITED_ELSEWHERE);
    assert!(repo.read("content/mine.rst").contains("not pushed"));
    assert_eq!(repo.remote_head(), remote);
    assert_eq!(git_in(&repo.root, &["rev-list", "--count", "origin/main..HEAD"]), "1");
}

#[test]
fn a_post_with_uncommitted_edits_that_changed_on_the_remote_is_left_alone_and_reported() {
    let repo = TestRepo::new();
    let mine = FIRST_POST.replace("Hello, world.", "Hello, world, edited here.");
    repo.write("content/first-post.rst", &mine);
    let before = repo.local_head();
    repo.commit_on_origin(&[("content/first-post.rst", EDITED_ELSEWHERE)]);
    let blog = repo.blog();
    git::check_remote(&blog, &auth(), TIMEOUT).unwrap();
    let Err(Error::EditedOnBothSides { conflicts, .. }) = git::update_from_remote(&blog, &[], &[])
    else {
        panic!("the update went ahead over an uncommitted edit")
    };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, "content/first-post.rst");
    assert_eq!(conflicts[0].ours.as_deref(), Some(mine.as_str()));
    assert_eq!(conflicts[0].theirs.as_deref(), Some(EDITED_ELSEWHERE));
    assert_eq!(repo.local_head(), before);
    assert_eq!(repo.read("content/first-post.rst"), mine);

    // With the writer's choice, the remote comes in and their chosen text stays an edit.
    let chosen = "First Post\n##########\n\nBoth, merged by hand.\n".to_string();
    let resolution =
        Resolution { path: "content/first-post.rst".into(), text: Some(chosen.clone()) };
    let report = git::update_from_remote(&blog, &[], &[resolution]).unwrap();
    assert_eq!(git_in(&repo.root, &["rev-parse", "HEAD"]), report.commit);
    assert_eq!(
        git_in(&repo.root, &["show", "HEAD:content/first-post.rst"]),
        EDITED_ELSEWHERE.trim()
    );
    assert_eq!(repo.read("content/first-post.rst"), chosen);
    assert_eq!(git_in(&repo.root, &["status", "--porcelain"]), "M content/first-post.rst");
}

#[test]
fn a_post_with_unsaved_text_in_the_editor_is_left_alone_too() {
    let repo = TestRepo::new();
    let before = repo.local_head();
    repo.commit_on_origin(&[
        ("content/first-post.rst", EDITED_ELSEWHERE),
        ("content/other.rst", "Other\n#####\n\nOther.\n"),
    ]);
    let blog = repo.blog();
    git::check_remote(&blog, &auth(), TIMEOUT).unwrap();
    let unsaved = ["content/first-post.rst".to_string()];
    let refused = git::update_from_remote(&blog, &unsaved, &[]);
    assert!(
        matches!(&refused, Err(Error::EditedOnBothSides { conflicts, .. }) if conflicts.len() == 1),
        "{refused:?}"
    );
    assert_eq!(repo.local_head(), before);
    assert!(!repo.root.join("content/other.rst").exists());
    assert_eq!(repo.read("content/first-post.rst"), FIRST_POST);
}

#[test]
fn a_dead_remote_that_accepts_and_never_answers_is_given_up_on_quickly_and_quietly() {
    let repo = TestRepo::new();
    // Connections queue in the backlog and are never accepted: a remote that hangs.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    repo.set_origin_url(&format!("git://127.0.0.1:{port}/origin.git"));
    let started = Instant::now();
    let news = git::check_remote(&repo.blog(), &auth(), Duration::from_secs(2)).unwrap();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "the check took {took:?}");
    assert!(!news.reachable);
    assert_eq!(news.new_commits, 0);
    assert!(news.reason.unwrap_or_default().contains("did not answer within 2 s"));
    // A second check while the first is still stuck does not pile another one up.
    let started = Instant::now();
    let again = git::check_remote(&repo.blog(), &auth(), Duration::from_secs(2)).unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(!again.reachable);
    drop(listener);
}

#[test]
fn no_network_at_all_is_reported_as_unreachable_at_once() {
    let repo = TestRepo::new();
    repo.commit_on_origin(&[("content/first-post.rst", EDITED_ELSEWHERE)]);
    let blog = repo.blog();
    assert_eq!(git::check_remote(&blog, &auth(), TIMEOUT).unwrap().new_commits, 1);
    // Nothing listens on the port: the connection is refused.
    repo.set_origin_url(&format!("git://127.0.0.1:{}/origin.git", free_port()));
    let started = Instant::now();
    let news = git::check_remote(&blog, &auth(), TIMEOUT).unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    assert!(!news.reachable);
    assert!(news.reason.is_some());
    // What the last fetch that worked found is still told.
    assert_eq!(news.new_commits, 1);
}

#[test]
fn a_fast_forward_needs_no_name_and_email() {
    let repo = TestRepo::builder().without_identity().build();
    let remote = repo.commit_on_origin(&[("content/first-post.rst", EDITED_ELSEWHERE)]);
    let blog = repo.blog();
    assert_eq!(git::check_remote(&blog, &auth(), TIMEOUT).unwrap().new_commits, 1);
    let report = git::update_from_remote(&blog, &[], &[]).unwrap();
    assert!(report.fast_forward);
    assert_eq!(git_in(&repo.root, &["rev-parse", "HEAD"]), remote.to_string());
    assert_eq!(repo.read("content/first-post.rst"), EDITED_ELSEWHERE);
}
