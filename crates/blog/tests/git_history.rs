//! A post's history and its text at a commit, on real repositories built with the `git`
//! command, checked against what `git log --follow` and `git show` say.

mod support;

use std::process::Command;

use folio_blog::git::{compare_post_version, read_post_at, read_post_history};
use folio_blog::word_diff::DiffKind;
use folio_blog::Error;
use support::TestRepo;

/// Runs `git` in the blog with a fixed identity and commit dates; returns its stdout.
fn git(t: &TestRepo, args: &[&str]) -> String {
    git_at(t, args, "2024-03-01T12:00:00+01:00")
}

fn git_at(t: &TestRepo, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Other Writer", "-c", "user.email=other@folio.invalid"])
        .args(args)
        .current_dir(&t.root)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("git prints UTF-8")
}

fn commit_all(t: &TestRepo, message: &str, date: &str) {
    git_at(t, &["add", "-A"], date);
    git_at(t, &["commit", "-q", "-m", message], date);
}

/// The hashes `git log --follow` lists for a path, newest first.
fn git_log_follow(t: &TestRepo, path: &str) -> Vec<String> {
    git(t, &["log", "--follow", "--format=%H", "--", path]).lines().map(str::to_string).collect()
}

/// A history with commits that touch the post, commits that do not, a rename, an edit
/// after the rename and one commit not pushed yet.
fn renamed_post_history() -> TestRepo {
    let t = TestRepo::new();
    t.write("content/first-post.rst", support::FIRST_POST.replace("Hello", "Hi"));
    commit_all(&t, "Say hi", "2024-03-01T12:00:00+01:00");
    t.write("content/other.rst", "Other\n#####\n\nUnrelated.\n");
    commit_all(&t, "Another post", "2024-03-02T12:00:00+01:00");
    git(&t, &["mv", "content/first-post.rst", "content/hello.rst"]);
    commit_all(&t, "Rename the first post", "2024-03-03T12:00:00+01:00");
    t.write("content/hello.rst", t.read("content/hello.rst").replace("second", "2nd"));
    commit_all(&t, "Shorter words", "2024-03-04T12:00:00-05:30");
    git(&t, &["push", "-q", "origin", "main"]);
    t.write("content/hello.rst", t.read("content/hello.rst") + "A third line.\n");
    commit_all(&t, "A third line\n\nWith a body the list does not show.", "2024-03-05T12:00:00Z");
    t.write("content/other.rst", "Other\n#####\n\nStill unrelated.\n");
    commit_all(&t, "Edit the other post", "2024-03-06T12:00:00Z");
    t
}

#[test]
fn a_posts_history_lists_the_commits_git_log_follow_lists_newest_first() {
    let t = renamed_post_history();
    let history = read_post_history(&t.blog(), "content/hello.rst").unwrap();
    let ours: Vec<&str> = history.versions.iter().map(|v| v.commit.as_str()).collect();
    let expected = git_log_follow(&t, "content/hello.rst");
    assert_eq!(expected.len(), 5, "the set-up made five commits that touch the post");
    assert_eq!(ours, expected, "the same commits as git log --follow, in the same order");
}

#[test]
fn with_git_s_changed_path_filters_in_the_commit_graph_the_history_is_the_same() {
    let t = renamed_post_history();
    let before = read_post_history(&t.blog(), "content/hello.rst").unwrap();
    git(&t, &["commit-graph", "write", "--reachable", "--changed-paths"]);
    assert!(t.root.join(".git/objects/info/commit-graph").is_file());
    // Commits made after the graph was written are not in it: they are read from trees.
    t.write("content/hello.rst", t.read("content/hello.rst") + "After the graph.\n");
    commit_all(&t, "After the graph", "2024-03-09T12:00:00Z");
    t.write("content/other.rst", "Other\n#####\n\nAfter the graph too.\n");
    commit_all(&t, "Other after the graph", "2024-03-10T12:00:00Z");
    let after = read_post_history(&t.blog(), "content/hello.rst").unwrap();
    let ours: Vec<&str> = after.versions.iter().map(|v| v.commit.as_str()).collect();
    assert_eq!(ours, git_log_follow(&t, "content/hello.rst"));
    assert_eq!(after.versions[1..], before.versions[..], "the graph changes no answer");
    let other = read_post_history(&t.blog(), "content/other.rst").unwrap();
    let ours: Vec<&str> = other.versions.iter().map(|v| v.commit.as_str()).collect();
    assert_eq!(ours, git_log_follow(&t, "content/other.rst"));
}

#[test]
fn each_version_names_its_date_author_message_path_and_whether_it_is_published() {
    let t = renamed_post_history();
    let history = read_post_history(&t.blog(), "content/hello.rst").unwrap();
    let summary: Vec<(&str, &str, &str, &str, bool)> = history
        .versions
        .iter()
        .map(|v| {
            (v.date.as_str(), v.author.as_str(), v.message.as_str(), v.path.as_str(), v.published)
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("2024-03-05T12:00:00Z", "Other Writer", "A third line", "content/hello.rst", false),
            ("2024-03-04T12:00:00-05:30", "Other Writer", "Shorter words", "content/hello.rst", true),
            (
                "2024-03-03T12:00:00+01:00",
                "Other Writer",
                "Rename the first post",
                "content/hello.rst",
                true
            ),
            ("2024-03-01T12:00:00+01:00", "Other Writer", "Say hi", "content/first-post.rst", true),
            (
                "2023-11-14T22:13:20Z",
                support::NAME,
                "Start the blog",
                "content/first-post.rst",
                true
            ),
        ],
        "only the commit made after the push is unpublished; before the rename the post had its old name"
    );
    for v in &history.versions {
        let published = Command::new("git")
            .args(["merge-base", "--is-ancestor", &v.commit, "origin/main"])
            .current_dir(&t.root)
            .status()
            .unwrap()
            .success();
        assert_eq!(v.published, published, "git agrees {} is on origin/main or not", v.message);
    }
    assert!(!history.uncommitted, "the work tree has the last commit's text");
}

#[test]
fn the_text_at_a_commit_is_what_git_show_prints_even_under_the_old_name() {
    let t = renamed_post_history();
    let blog = t.blog();
    let history = read_post_history(&blog, "content/hello.rst").unwrap();
    for v in &history.versions {
        let ours = read_post_at(&blog, "content/hello.rst", &v.commit).unwrap();
        let theirs = git(&t, &["show", &format!("{}:{}", v.commit, v.path)]);
        assert_eq!(ours, theirs, "the text of {} at {}", v.path, v.message);
    }
    let short = &history.versions[1].commit[..10];
    let by_short = read_post_at(&blog, "content/hello.rst", short).unwrap();
    assert!(by_short.contains("A 2nd line."), "a short hash names the commit too");
    let by_rev = read_post_at(&blog, "content/hello.rst", "HEAD~1").unwrap();
    assert!(by_rev.ends_with("A third line.\n"), "so does a revision like HEAD~1");
}

#[test]
fn an_unknown_revision_or_a_commit_older_than_the_post_is_a_plain_error() {
    let t = renamed_post_history();
    let blog = t.blog();
    let err = read_post_at(&blog, "content/hello.rst", "no-such-rev").unwrap_err();
    assert!(matches!(err, Error::UnknownRevision { .. }), "{err}");
    assert!(err.to_string().contains("no-such-rev is not a commit"), "{err}");
    let older = git(&t, &["rev-list", "--max-parents=0", "HEAD"]);
    let err = read_post_at(&blog, "content/other.rst", older.trim()).unwrap_err();
    assert!(matches!(err, Error::NotInCommit { .. }), "{err}");
}

#[test]
fn an_edited_post_is_marked_uncommitted_and_a_new_post_has_no_versions() {
    let t = renamed_post_history();
    t.write("content/hello.rst", "Autosaved, not committed.\n");
    t.write("content/new.rst", "New\n###\n\nNever committed.\n");
    let blog = t.blog();
    let edited = read_post_history(&blog, "content/hello.rst").unwrap();
    assert!(edited.uncommitted, "the autosave differs from the last commit");
    assert_eq!(edited.versions.len(), 5, "the committed versions are still all there");
    let new = read_post_history(&blog, "content/new.rst").unwrap();
    assert!(new.uncommitted && new.versions.is_empty(), "{new:?}");
}

#[test]
fn a_merge_shows_the_side_branch_commits_that_touched_the_post_as_git_log_does() {
    let t = renamed_post_history();
    git(&t, &["switch", "-q", "-c", "side", "HEAD~2"]);
    t.write("content/hello.rst", t.read("content/hello.rst").replace("Hi", "Hey"));
    commit_all(&t, "Greet differently", "2024-03-07T12:00:00Z");
    git(&t, &["switch", "-q", "main"]);
    git_at(&t, &["merge", "-q", "--no-edit", "side"], "2024-03-08T12:00:00Z");
    let history = read_post_history(&t.blog(), "content/hello.rst").unwrap();
    let ours: Vec<&str> = history.versions.iter().map(|v| v.commit.as_str()).collect();
    let expected: Vec<String> = git(&t, &["log", "--format=%H", "--", "content/hello.rst"])
        .lines()
        .map(str::to_string)
        .collect();
    // git log without --follow stops at the rename; compare the commits since it.
    assert_eq!(&ours[..expected.len()], expected.as_slice());
    assert!(history.versions.iter().any(|v| v.message == "Greet differently"));
}

#[test]
fn a_blog_in_no_git_repository_has_no_history_and_the_error_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "AUTHOR = 'A'\n").unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/post.rst"), support::FIRST_POST).unwrap();
    let blog = folio_blog::Blog::open(dir.path()).unwrap();
    let err = read_post_history(&blog, "content/post.rst").unwrap_err();
    assert!(matches!(err, Error::NotARepository(_)), "{err}");
    assert!(err.to_string().contains("is not a git repository"), "{err}");
    let err = read_post_at(&blog, "content/post.rst", "HEAD").unwrap_err();
    assert!(matches!(err, Error::NotARepository(_)), "{err}");
}

#[test]
fn a_path_outside_the_blog_is_refused() {
    let t = TestRepo::new();
    let err = read_post_history(&t.blog(), "../elsewhere.rst").unwrap_err();
    assert!(matches!(err, Error::OutsideBlog(_)), "{err}");
}

#[test]
fn an_older_version_is_compared_word_by_word_with_the_editors_text() {
    let t = renamed_post_history();
    let blog = t.blog();
    let history = read_post_history(&blog, "content/hello.rst").unwrap();
    let oldest = &history.versions.last().unwrap().commit;
    let current = t.read("content/hello.rst").replace("world", "everyone");
    let comparison = compare_post_version(&blog, "content/hello.rst", oldest, &current).unwrap();
    assert_eq!(comparison.text, support::FIRST_POST, "the first commit's text");
    let side = |leave_out: DiffKind| -> String {
        comparison.diff.iter().filter(|p| p.kind != leave_out).map(|p| p.text.as_str()).collect()
    };
    assert_eq!(side(DiffKind::Added), comparison.text, "same and removed pieces are the old text");
    assert_eq!(side(DiffKind::Removed), current, "same and added pieces are the editor's text");
    let changed: Vec<(DiffKind, &str)> = comparison
        .diff
        .iter()
        .filter(|p| p.kind != DiffKind::Same)
        .map(|p| (p.kind, p.text.as_str()))
        .take(5)
        .collect();
    assert_eq!(
        changed,
        [
            (DiffKind::Removed, "Hello"),
            (DiffKind::Added, "Hi"),
            (DiffKind::Removed, "world"),
            (DiffKind::Added, "everyone"),
            (DiffKind::Removed, "second"),
        ],
        "single words, not whole lines, are marked"
    );
}

#[test]
fn a_shallow_clone_lists_the_commits_it_has_as_git_log_follow_does() {
    let t = renamed_post_history();
    let dir = tempfile::tempdir().unwrap();
    let clone = dir.path().join("shallow");
    let url = format!("file://{}", t.root.display());
    git(&t, &["clone", "-q", "--depth", "3", &url, clone.to_str().unwrap()]);
    let shallow = Command::new("git")
        .args(["log", "--follow", "--format=%H", "--", "content/hello.rst"])
        .current_dir(&clone)
        .output()
        .unwrap();
    let expected: Vec<String> =
        String::from_utf8(shallow.stdout).unwrap().lines().map(str::to_string).collect();
    // The last three commits: the other post's edit, the third line, the shorter words.
    assert_eq!(expected.len(), 2, "the clone holds two of the post's commits");
    let history = read_post_history(&folio_blog::Blog::open(&clone).unwrap(), "content/hello.rst")
        .expect("the cut-off commit's missing parents are not looked for");
    let ours: Vec<&str> = history.versions.iter().map(|v| v.commit.as_str()).collect();
    assert_eq!(ours, expected);
}

/// A repository of `commits` commits, each editing one of eight posts, made by `git
/// fast-import` in a fresh folder.
fn long_history(commits: usize) -> tempfile::TempDir {
    use std::io::Write;
    support::sandbox();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let status = Command::new("git").args(args).current_dir(dir.path()).status().unwrap();
        assert!(status.success(), "git {args:?}");
    };
    run(&["init", "-q", "-b", "main"]);
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stream = import.stdin.take().unwrap();
    for i in 0..commits {
        let from = if i > 0 { format!("from :{i}\n") } else { String::new() };
        let text = format!("Revision {i}\n");
        write!(
            stream,
            "commit refs/heads/main\nmark :{}\ncommitter T <t@folio.invalid> {} +0000\n\
             data 5\nedit\n{from}M 100644 inline content/post-{}.rst\ndata {}\n{text}\n",
            i + 1,
            1_600_000_000 + i * 60,
            i % 8,
            text.len()
        )
        .unwrap();
    }
    drop(stream);
    assert!(import.wait().unwrap().success());
    run(&["checkout", "-q", "main"]);
    dir
}

#[test]
fn a_long_history_gets_the_commit_graph_s_filters_written_once_in_the_background() {
    use folio_blog::git::{refresh_commit_graph, CommitGraphRefresh};
    let short = long_history(20);
    assert!(
        matches!(refresh_commit_graph(short.path()), CommitGraphRefresh::NotNeeded),
        "a short history is read quickly from its trees: git is not run"
    );
    assert!(!short.path().join(".git/objects/info/commit-graph").exists());

    let long = long_history(1_000);
    let CommitGraphRefresh::Started(write) = refresh_commit_graph(long.path()) else {
        panic!("a thousand commits without filters start a write")
    };
    assert!(write.join().unwrap(), "git commit-graph write succeeds");
    let verify = Command::new("git")
        .args(["commit-graph", "verify"])
        .current_dir(long.path())
        .status()
        .unwrap();
    assert!(verify.success(), "git finds the graph sound");
    assert!(
        matches!(refresh_commit_graph(long.path()), CommitGraphRefresh::NotNeeded),
        "once the filters are there, opening again runs nothing"
    );
    let log_count = |post: &str| {
        let out = Command::new("git")
            .args(["log", "--format=%H", "--", post])
            .current_dir(long.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().lines().count()
    };
    assert_eq!(log_count("content/post-3.rst"), 125, "git's own log reads the graph it wrote");
}
