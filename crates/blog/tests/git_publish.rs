//! The publish transaction against a real bare `origin` reached by path (and by
//! `git daemon`), checked on the origin's own refs and files.

mod support;

use folio_blog::git::{
    fetch_upstream, publish, read_status, AuthOptions, Change, NoPrompts, Selection, Stage,
};
use folio_blog::Error;
use support::{servers, TestRepo, DRAFT, PNG};

#[test]
fn publishing_a_draft_commits_it_as_published_with_its_image_and_the_origin_has_it() {
    let t = TestRepo::new().with_draft();
    let report = t.publish(&["content/a-draft.rst"]).unwrap();

    assert_eq!(t.remote_head().to_string(), report.commit, "the origin's main is our commit");
    assert_eq!(t.local_head(), t.remote_head());
    let published = DRAFT.replace(":status: draft", ":status: published");
    assert_eq!(t.remote_text("content/a-draft.rst").as_deref(), Some(published.as_str()));
    assert_eq!(t.read("content/a-draft.rst"), published, "the file on disk says published too");
    assert_eq!(
        t.remote_file("content/images/a-draft/desk.png").as_deref(),
        Some(PNG),
        "the image the post references goes with it"
    );
    assert!(t.dirty_paths().is_empty(), "nothing is left uncommitted: {:?}", t.dirty_paths());
    let repo = t.repo();
    let commit = repo.find_commit(t.local_head()).unwrap();
    assert_eq!(commit.author().name(), Some(support::NAME), "the user's identity is used");
}

#[test]
fn publishing_leaves_unrelated_uncommitted_files_untouched() {
    let t = TestRepo::new().with_draft();
    t.write("pelicanconf.py", "SITENAME = 'Changed, not to be published'\n");
    t.write("notes.txt", "private notes\n");
    t.write("content/other-draft.rst", "Other\n#####\n\n:status: draft\n\nNot yet.\n");
    let before = t.dirty_paths();

    t.publish(&["content/a-draft.rst"]).unwrap();

    assert_eq!(t.remote_text("notes.txt"), None, "untracked files are not published");
    assert_eq!(t.remote_text("content/other-draft.rst"), None, "other posts are not published");
    assert_eq!(
        t.remote_text("pelicanconf.py").as_deref(),
        Some("SITENAME = 'Test Blog'\nPATH = 'content'\n"),
        "a modified tracked file keeps its committed version on the origin"
    );
    assert_eq!(t.read("pelicanconf.py"), "SITENAME = 'Changed, not to be published'\n");
    assert_eq!(t.read("notes.txt"), "private notes\n");
    let after = t.dirty_paths();
    let expected: Vec<String> = before
        .into_iter()
        .filter(|p| p != "content/a-draft.rst" && !p.starts_with("content/images"))
        .collect();
    assert_eq!(after, expected, "the same other files are still dirty");
}

#[test]
fn publishing_rebases_onto_a_remote_that_moved_without_conflict() {
    let t = TestRepo::new().with_draft();
    let theirs = t.commit_on_origin(&[("content/elsewhere.rst", "Elsewhere\n#########\n\nHi.\n")]);

    let report = t.publish(&["content/a-draft.rst"]).unwrap();

    let origin = git2::Repository::open_bare(&t.origin).unwrap();
    let head = origin.find_commit(t.remote_head()).unwrap();
    assert_eq!(head.id().to_string(), report.commit);
    assert_eq!(head.parent_id(0).unwrap(), theirs, "our commit sits on top of theirs: no force");
    assert!(t.remote_text("content/elsewhere.rst").is_some(), "their post is still there");
    assert!(t.remote_text("content/a-draft.rst").is_some(), "our post arrived");
    assert!(t.root.join("content/elsewhere.rst").is_file(), "their post is in our work tree");
    assert_eq!(report.rebased, 1);
}

#[test]
fn a_real_conflict_stops_with_both_versions_and_leaves_the_repo_clean() {
    let t = TestRepo::new();
    let theirs = t.commit_on_origin(&[(
        "content/first-post.rst",
        &support::FIRST_POST.replace("Hello, world.", "Hello from the other laptop."),
    )]);
    let ours = support::FIRST_POST.replace("Hello, world.", "Hello from this laptop.");
    t.write("content/first-post.rst", &ours);

    let err = t.publish(&["content/first-post.rst"]).unwrap_err();

    let Error::Conflict { conflicts, .. } = &err else { panic!("expected a conflict: {err}") };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, "content/first-post.rst");
    assert!(conflicts[0].ours.as_deref().unwrap().contains("this laptop"), "{conflicts:?}");
    assert!(conflicts[0].theirs.as_deref().unwrap().contains("other laptop"), "{conflicts:?}");
    assert!(err.to_string().contains("content/first-post.rst"), "{err}");
    assert_eq!(t.remote_head(), theirs, "the origin is untouched");
    assert_eq!(t.read("content/first-post.rst"), ours, "our text is still on disk");
    assert_eq!(t.repo().state(), git2::RepositoryState::Clean, "no rebase left half-done");
    assert!(t.dirty_paths().is_empty(), "no conflict markers, nothing half-staged");
    let status = read_status(&t.blog()).unwrap();
    assert_eq!((status.ahead, status.behind), (1, 1), "our commit is kept, theirs is known");
}

#[test]
fn a_resolved_conflict_publishes_the_writers_text_as_a_merge_without_forcing() {
    let t = TestRepo::new();
    let theirs = t.commit_on_origin(&[(
        "content/first-post.rst",
        &support::FIRST_POST.replace("Hello, world.", "Hello from the other laptop."),
    )]);
    t.write(
        "content/first-post.rst",
        support::FIRST_POST.replace("Hello, world.", "Hello from this laptop."),
    );
    let err = t.publish(&["content/first-post.rst"]).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err}");

    // Without a text for the file, nothing changes and the conflict is reported again.
    let again = folio_blog::git::resolve_conflicts(&t.blog(), &[]).unwrap_err();
    let Error::Conflict { conflicts, .. } = &again else { panic!("still a conflict: {again}") };
    assert!(conflicts[0].ours.as_deref().unwrap().contains("this laptop"), "{conflicts:?}");
    assert!(conflicts[0].theirs.as_deref().unwrap().contains("other laptop"), "{conflicts:?}");

    let merged = support::FIRST_POST.replace("Hello, world.", "Hello from both laptops.");
    let resolution = folio_blog::git::Resolution {
        path: "content/first-post.rst".into(),
        text: Some(merged.clone()),
    };
    folio_blog::git::resolve_conflicts(&t.blog(), &[resolution]).unwrap();
    assert_eq!(t.read("content/first-post.rst"), merged, "the work tree has the chosen text");
    assert!(t.dirty_paths().is_empty(), "and it is committed");

    let report = t.publish(&["content/first-post.rst"]).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit, "verified on the origin");
    assert_eq!(t.remote_text("content/first-post.rst").unwrap(), merged);
    let repo = t.repo();
    let head = repo.find_commit(t.remote_head()).unwrap();
    assert!(
        repo.graph_descendant_of(head.id(), theirs).unwrap(),
        "the remote's commit is kept in history: nothing was forced"
    );
}

#[test]
fn an_unreachable_remote_keeps_the_commit_local_and_a_retry_publishes_it() {
    let t = TestRepo::new().with_draft();
    let port = servers::free_port();
    let base = t.origin.parent().unwrap().to_path_buf();
    t.set_origin_url(&format!("git://127.0.0.1:{port}/origin.git"));
    let before = t.remote_head();

    let err = t.publish(&["content/a-draft.rst"]).unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err}");
    assert!(err.to_string().contains("not published"), "{err}");
    assert_eq!(t.remote_head(), before, "nothing reached the origin");
    let status = read_status(&t.blog()).unwrap();
    let post = status.posts.iter().find(|p| p.path == "content/a-draft.rst").unwrap();
    assert!(post.ahead && post.change == Change::Unchanged, "committed, not published: {post:?}");
    let local = t.local_head();

    let _daemon = servers::git_daemon(&base, port);
    let report = t.publish(&["content/a-draft.rst"]).unwrap();
    assert_eq!(report.commit, local.to_string(), "the retry pushes the same commit");
    assert_eq!(t.remote_head(), local, "the origin has it now");
}

#[test]
fn publishing_over_git_daemon_reaches_the_served_repository() {
    let t = TestRepo::new().with_draft();
    let port = servers::free_port();
    let _daemon = servers::git_daemon(t.origin.parent().unwrap(), port);
    t.set_origin_url(&format!("git://127.0.0.1:{port}/origin.git"));

    let mut seen = Vec::new();
    let auth = AuthOptions { ssh_dir: support::sandbox().join(".ssh"), use_agent: false };
    let selection = Selection::Posts(vec!["content/a-draft.rst".into()]);
    let report = publish(&t.blog(), &selection, &auth, &mut NoPrompts, |p| seen.push(p)).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit);
    assert!(t.remote_file("content/images/a-draft/desk.png").is_some());

    let stages: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
    assert_eq!(stages.first(), Some(&Stage::Commit), "{stages:?}");
    assert_eq!(stages.last(), Some(&Stage::Verify), "{stages:?}");
    let pushed = seen.iter().rfind(|p| p.stage == Stage::Push).unwrap();
    assert!(pushed.total > 0 && pushed.current == pushed.total, "objects counted: {pushed:?}");
}

#[test]
fn integrating_refuses_to_overwrite_an_uncommitted_file_the_remote_also_changed() {
    let t = TestRepo::new().with_draft();
    t.commit_on_origin(&[("pelicanconf.py", "SITENAME = 'Renamed elsewhere'\n")]);
    t.write("pelicanconf.py", "SITENAME = 'My local tweak'\n");
    let before = t.remote_head();

    let err = t.publish(&["content/a-draft.rst"]).unwrap_err();
    assert!(matches!(err, Error::WouldOverwrite { .. }), "{err}");
    assert!(err.to_string().contains("pelicanconf.py"), "names the file: {err}");
    assert_eq!(t.read("pelicanconf.py"), "SITENAME = 'My local tweak'\n", "the user's edit stays");
    assert_eq!(t.remote_head(), before, "nothing was pushed over it");
    assert_eq!(t.repo().state(), git2::RepositoryState::Clean);
}

#[test]
fn fetching_shows_which_posts_changed_on_the_remote() {
    let t = TestRepo::new();
    t.commit_on_origin(&[("content/first-post.rst", "First Post\n##########\n\nEdited.\n")]);
    let auth = AuthOptions { ssh_dir: support::sandbox().join(".ssh"), use_agent: false };
    fetch_upstream(&t.blog(), &auth, &mut NoPrompts, |_| {}).unwrap();

    let status = read_status(&t.blog()).unwrap();
    assert_eq!((status.ahead, status.behind), (0, 1));
    let post = status.posts.iter().find(|p| p.path == "content/first-post.rst").unwrap();
    assert!(post.behind && !post.ahead, "{post:?}");
    assert_eq!(t.read("content/first-post.rst"), support::FIRST_POST, "fetch changes no file");
}

#[test]
fn a_detached_head_is_refused_with_a_clear_message() {
    let t = TestRepo::new().with_draft();
    let repo = t.repo();
    repo.set_head_detached(t.local_head()).unwrap();
    let before = t.remote_head();

    let err = t.publish(&["content/a-draft.rst"]).unwrap_err();
    assert!(matches!(err, Error::DetachedHead(_)), "{err}");
    assert!(err.to_string().contains("git switch"), "says how to fix it: {err}");
    assert_eq!(t.remote_head(), before);
    assert_eq!(t.read("content/a-draft.rst"), DRAFT, "nothing was changed");
}

#[test]
fn a_branch_without_upstream_is_refused_with_a_clear_message() {
    let t = TestRepo::new().with_draft();
    let repo = t.repo();
    repo.find_branch("main", git2::BranchType::Local).unwrap().set_upstream(None).unwrap();

    let err = t.publish(&["content/a-draft.rst"]).unwrap_err();
    assert!(matches!(err, Error::NoUpstream { .. }), "{err}");
    assert!(err.to_string().contains("git push -u origin main"), "{err}");
    assert_eq!(t.read("content/a-draft.rst"), DRAFT, "nothing was changed");
}

#[test]
fn a_missing_git_identity_is_refused_before_anything_changes() {
    let t = TestRepo::builder().without_identity().build().with_draft();
    let err = t.publish(&["content/a-draft.rst"]).unwrap_err();
    assert!(matches!(err, Error::NoIdentity(_)), "{err}");
    assert!(err.to_string().contains("user.email"), "{err}");
    assert_eq!(t.read("content/a-draft.rst"), DRAFT);
}

#[test]
fn status_reports_new_modified_draft_and_ahead_posts() {
    let t = TestRepo::new().with_draft();
    t.write("content/first-post.rst", support::FIRST_POST.replace("world", "there"));
    let status = read_status(&t.blog()).unwrap();
    assert_eq!(status.branch.as_deref(), Some("main"));
    assert_eq!(status.upstream.as_deref(), Some("origin/main"));
    let by_path = |p: &str| status.posts.iter().find(|s| s.path == p).unwrap().clone();
    assert_eq!(by_path("content/a-draft.rst").change, Change::New);
    assert!(by_path("content/a-draft.rst").draft);
    assert_eq!(by_path("content/first-post.rst").change, Change::Modified);
}

#[test]
fn a_push_rejected_because_the_remote_just_moved_is_integrated_and_retried_once() {
    let t = TestRepo::new().with_draft();
    let theirs = t.prepare_commit_on_origin(&[("content/racing.rst", "Racing\n######\n\nHi.\n")]);
    // The first push loses a race: someone else's commit lands and ours is declined.
    t.install_pre_receive(&format!(
        "if [ ! -e \"$GIT_DIR/lost-once\" ]; then\n  touch \"$GIT_DIR/lost-once\"\n  \
         env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES \
         git update-ref refs/heads/main {theirs}\n  echo 'main moved, fetch first' >&2\n  exit 1\nfi"
    ));
    let port = servers::free_port();
    let _daemon = servers::git_daemon(t.origin.parent().unwrap(), port);
    t.set_origin_url(&format!("git://127.0.0.1:{port}/origin.git"));

    let report = t.publish(&["content/a-draft.rst"]).unwrap();

    let origin = git2::Repository::open_bare(&t.origin).unwrap();
    let head = origin.find_commit(t.remote_head()).unwrap();
    assert_eq!(head.id().to_string(), report.commit);
    assert_eq!(head.parent_id(0).unwrap(), theirs, "ours went on top of theirs, not over it");
    assert!(t.remote_text("content/racing.rst").is_some());
    assert!(t.remote_text("content/a-draft.rst").is_some());
    assert_eq!(report.rebased, 1);
}

#[test]
fn a_remote_that_keeps_rejecting_the_push_is_reported_and_never_forced() {
    let t = TestRepo::new().with_draft();
    t.install_pre_receive("echo 'publishing is closed today' >&2\nexit 1");
    let port = servers::free_port();
    let _daemon = servers::git_daemon(t.origin.parent().unwrap(), port);
    t.set_origin_url(&format!("git://127.0.0.1:{port}/origin.git"));
    let before = t.remote_head();

    let err = t.publish(&["content/a-draft.rst"]).unwrap_err();
    assert!(matches!(err, Error::PushRejected { .. }), "{err}");
    assert!(err.to_string().contains("rejected"), "{err}");
    assert_eq!(t.remote_head(), before, "the origin is unchanged");
    assert_eq!(read_status(&t.blog()).unwrap().ahead, 1, "our commit waits locally");
}

#[test]
fn the_plan_lists_the_post_and_its_image_with_a_diff_and_changes_nothing() {
    let t = TestRepo::new().with_draft();
    let blog = t.blog();
    let selection = folio_blog::git::Selection::Posts(vec!["content/a-draft.rst".into()]);
    let plan = folio_blog::git::plan_publish(&blog, &selection).unwrap();
    assert_eq!(plan.files, vec!["content/a-draft.rst", "content/images/a-draft/desk.png"]);
    assert!(plan.diff.contains("+:status: published"), "{}", plan.diff);
    assert_eq!(t.read("content/a-draft.rst"), DRAFT, "planning writes nothing");
    assert!(plan.checks.is_empty(), "a clean post has no findings: {:?}", plan.checks);
}

#[test]
fn the_plan_carries_the_checks_of_the_files_it_would_commit_and_only_those() {
    let t = TestRepo::new().with_draft();
    let broken = DRAFT
        .replace(":status: draft", ":status: draft\n\nSee `missing`_ and {filename}/gone.rst.");
    t.write("content/a-draft.rst", &broken);
    t.write("content/other.rst", "Other\n#####\n\n:date: 2024-01-01\n\n`nowhere`_\n");
    let selection = folio_blog::git::Selection::Posts(vec!["content/a-draft.rst".into()]);
    let plan = folio_blog::git::plan_publish(&t.blog(), &selection).unwrap();
    assert!(!plan.checks.is_empty(), "the broken reference is found");
    assert!(plan.checks.iter().all(|f| f.file == "content/a-draft.rst"), "{:?}", plan.checks);
    assert!(
        plan.checks.iter().any(|f| f.severity == folio_blog::check::Severity::Error),
        "an unknown target is an error: {:?}",
        plan.checks
    );
}

#[test]
fn cloning_over_git_daemon_reports_progress_and_opens_the_blog() {
    let t = TestRepo::new();
    let port = servers::free_port();
    let _daemon = servers::git_daemon(t.origin.parent().unwrap(), port);
    let target = tempfile::tempdir().unwrap();
    let dir = target.path().join("laptop-blog");
    let auth =
        folio_blog::git::AuthOptions { ssh_dir: support::sandbox().join(".ssh"), use_agent: false };
    let mut seen = Vec::new();
    let blog = folio_blog::git::clone_blog(
        &format!("git://127.0.0.1:{port}/origin.git"),
        &dir,
        &auth,
        &mut folio_blog::git::NoPrompts,
        |p| seen.push(p),
    )
    .unwrap();
    assert!(blog.list_posts().unwrap().iter().any(|p| p.path == "content/first-post.rst"));
    assert!(seen.iter().any(|p| p.total > 0 && p.current == p.total), "progress: {seen:?}");
    let status = read_status(&blog).unwrap();
    assert_eq!(status.upstream.as_deref(), Some("origin/main"), "ready to publish from");
}

#[test]
fn a_markdown_draft_publishes_with_its_image_and_the_plan_names_commits_not_pushed_yet() {
    let t = TestRepo::new();
    // A commit made here earlier (say, a publish whose push failed): the push sends it too.
    t.write("content/notes.md", "Title: Notes\nDate: 2024-01-01\n\nx\n");
    let repo = t.repo();
    let mut index = repo.index().unwrap();
    index.add_path(std::path::Path::new("content/notes.md")).unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let head = repo.head().unwrap().peel_to_commit().unwrap();
    let sig = support::signature();
    let earlier = repo.commit(Some("HEAD"), &sig, &sig, "notes: first", &tree, &[&head]).unwrap();

    t.write(
        "content/trip.md",
        "---\ntitle: Trip\ndate: 2024-02-02\nstatus: draft\n---\n\n![Sea]({static}/images/sea.png)\n",
    );
    t.write("content/images/sea.png", b"png bytes");
    let selection = Selection::Posts(vec!["content/trip.md".into()]);
    let plan = folio_blog::git::plan_publish(&t.blog(), &selection).unwrap();
    assert_eq!(plan.files, ["content/images/sea.png", "content/trip.md"]);
    assert!(plan.diff.contains("+status: published"), "{}", plan.diff);
    let unpushed: Vec<(&str, &str)> =
        plan.unpushed.iter().map(|c| (c.id.as_str(), c.summary.as_str())).collect();
    assert_eq!(unpushed, [(earlier.to_string().as_str(), "notes: first")]);

    t.publish(&["content/trip.md"]).unwrap();
    assert_eq!(t.remote_file("content/images/sea.png").as_deref(), Some(&b"png bytes"[..]));
    assert!(t.remote_text("content/notes.md").is_some(), "the earlier commit was pushed too");
    let after = folio_blog::git::plan_publish(&t.blog(), &Selection::AllChanged).unwrap();
    assert!(after.unpushed.is_empty(), "{:?}", after.unpushed);
}
