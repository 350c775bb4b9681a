//! Nothing is ever lost: conflicts with outside edits, the crash journal under `kill -9`,
//! and the watcher, on real files and real processes.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use folio_blog::journal::Journal;
use folio_blog::watcher::{BlogChange, BlogWatcher};
use folio_blog::{Blog, Error};

fn blog_with_post(text: &str) -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    fs::write(dir.path().join("content/post.rst"), text).unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    (dir, blog)
}

#[test]
fn saving_over_a_file_changed_by_another_program_is_refused_with_both_texts() {
    let (dir, blog) = blog_with_post("Mine\n====\n");
    let read = blog.read_post("content/post.rst").unwrap();
    fs::write(dir.path().join("content/post.rst"), "Theirs\n").unwrap();
    let err =
        blog.save_post("content/post.rst", "Mine, edited\n", Some(&read.revision)).unwrap_err();
    match err {
        Error::ChangedOnDisk { disk_text, .. } => assert_eq!(disk_text, "Theirs\n"),
        other => panic!("expected a conflict, got {other}"),
    }
    let on_disk = fs::read_to_string(dir.path().join("content/post.rst")).unwrap();
    assert_eq!(on_disk, "Theirs\n", "the other program's text is untouched");
}

#[test]
fn consecutive_saves_chain_their_revisions() {
    let (_dir, blog) = blog_with_post("a\n");
    let first = blog.read_post("content/post.rst").unwrap().revision;
    let second = blog.save_post("content/post.rst", "b\n", Some(&first)).unwrap();
    let third = blog.save_post("content/post.rst", "c\n", Some(&second)).unwrap();
    assert_eq!(blog.read_post("content/post.rst").unwrap().revision, third);
}

#[test]
fn journal_keeps_the_latest_text_until_it_is_discarded() {
    let (dir, blog) = blog_with_post("saved\n");
    let journal = Journal::new(dir.path().join("journal"));
    journal.record(blog.root(), "content/post.rst", None, "draft one").unwrap();
    journal.record(blog.root(), "content/post.rst", None, "draft two").unwrap();
    let unsaved = journal.unsaved_for(&blog).unwrap();
    assert_eq!(unsaved.len(), 1);
    assert_eq!(unsaved[0].text, "draft two");
    journal.discard(blog.root(), "content/post.rst").unwrap();
    assert!(journal.unsaved_for(&blog).unwrap().is_empty());
}

#[test]
fn journal_forgets_text_that_reached_the_disk() {
    let (dir, blog) = blog_with_post("same\n");
    let journal = Journal::new(dir.path().join("journal"));
    journal.record(blog.root(), "content/post.rst", None, "same\n").unwrap();
    assert!(journal.unsaved_for(&blog).unwrap().is_empty());
    assert!(journal.entries().unwrap().is_empty(), "the stale entry was removed");
}

/// The text the child has after `n` keystrokes: every prefix is a prefix of the next.
fn typed(n: usize) -> String {
    (0..n).map(|i| format!("word{i} ")).collect()
}

/// Run by `a_killed_editor_loses_no_journaled_text_and_leaves_no_torn_file` in a child
/// process: types, journals after every keystroke and saves every few, acknowledging each
/// journaled keystroke on stdout, until it is killed.
#[test]
fn journal_child_process() {
    let Some(root) = std::env::var_os("FOLIO_JOURNAL_CHILD_BLOG") else { return };
    let journal_dir = std::env::var_os("FOLIO_JOURNAL_CHILD_JOURNAL").unwrap();
    let blog = Blog::open(Path::new(&root)).unwrap();
    let journal = Journal::new(journal_dir.into());
    for n in 1.. {
        let text = typed(n);
        journal.record(blog.root(), "content/post.rst", None, &text).unwrap();
        println!("journaled {n}");
        if n % 7 == 0 {
            blog.save_post("content/post.rst", &text, None).unwrap();
            println!("saved {n}");
        }
    }
}

#[test]
fn a_killed_editor_loses_no_journaled_text_and_leaves_no_torn_file() {
    let (dir, blog) = blog_with_post("");
    let journal_dir = dir.path().join("journal");
    for round in 0..3 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "journal_child_process", "--nocapture", "--test-threads=1"])
            .env("FOLIO_JOURNAL_CHILD_BLOG", blog.root())
            .env("FOLIO_JOURNAL_CHILD_JOURNAL", &journal_dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let (mut acknowledged, mut saves) = (0, 0);
        // Kill at a different moment each round, while it keeps journaling and saving.
        while acknowledged < 150 + round * 37 {
            let line = lines.next().expect("the child keeps typing").unwrap();
            if let Some(n) = line.strip_prefix("journaled ") {
                acknowledged = n.parse().unwrap();
            } else if line.starts_with("saved ") {
                saves += 1;
            }
        }
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        assert!(saves > 0, "saves were happening when it was killed");

        let journal = Journal::new(journal_dir.clone());
        let entries = journal.entries().unwrap();
        assert_eq!(entries.len(), 1, "one entry for the one post");
        let recovered = &entries[0].text;
        assert!(
            recovered.starts_with(&typed(acknowledged)),
            "round {round}: every acknowledged keystroke is in the journal ({} < {} chars)",
            recovered.len(),
            typed(acknowledged).len()
        );
        let on_disk = fs::read_to_string(dir.path().join("content/post.rst")).unwrap();
        let words = on_disk.split_whitespace().count();
        assert_eq!(
            on_disk,
            typed(words),
            "round {round}: the post on disk is a whole save, not torn"
        );
    }
}

/// Watches `blog`, each batch of changes going to the receiver, once the watcher has had a
/// moment to start.
fn watching(blog: &Blog) -> (BlogWatcher, mpsc::Receiver<Vec<BlogChange>>) {
    let (tx, rx) = mpsc::channel();
    let watcher = blog.watch(move |changes| drop(tx.send(changes))).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    (watcher, rx)
}

fn next_changes(rx: &mpsc::Receiver<Vec<BlogChange>>, within: Duration) -> Option<Vec<BlogChange>> {
    rx.recv_timeout(within).ok()
}

/// Waits for a batch that contains `expected`. A write can be reported again in a later
/// batch (harmless: the window re-reads), so earlier batches may hold other changes.
fn wait_for_change(rx: &mpsc::Receiver<Vec<BlogChange>>, expected: BlogChange) -> Duration {
    let started = Instant::now();
    let seen = std::iter::from_fn(|| next_changes(rx, Duration::from_secs(2)))
        .find(|c| c.contains(&expected));
    assert!(seen.is_some(), "{expected:?} is reported");
    started.elapsed()
}

#[test]
fn watcher_reports_outside_edits_creations_and_deletions_within_300_ms() {
    let (dir, blog) = blog_with_post("one\n");
    let (_watcher, rx) = watching(&blog);
    let changed = |p: &str| BlogChange::Changed { path: p.into() };

    fs::write(dir.path().join("content/post.rst"), "changed elsewhere\n").unwrap();
    let took = wait_for_change(&rx, changed("content/post.rst"));
    assert!(took < Duration::from_millis(300), "an outside edit took {took:?}");

    fs::write(dir.path().join("content/new.rst"), "new\n").unwrap();
    let took = wait_for_change(&rx, changed("content/new.rst"));
    assert!(took < Duration::from_millis(300), "a creation took {took:?}");

    fs::remove_file(dir.path().join("content/new.rst")).unwrap();
    let took = wait_for_change(&rx, BlogChange::Removed { path: "content/new.rst".into() });
    assert!(took < Duration::from_millis(300), "a deletion took {took:?}");
}

#[test]
fn an_outside_edit_is_told_once_and_reading_files_is_no_change() {
    let (dir, blog) = blog_with_post("one\n");
    let (_watcher, rx) = watching(&blog);
    fs::write(dir.path().join("content/post.rst"), "changed elsewhere\n").unwrap();
    let changed = BlogChange::Changed { path: "content/post.rst".into() };
    assert_eq!(next_changes(&rx, Duration::from_secs(2)), Some(vec![changed]));
    // The watcher reads the file to judge it, Folio reads it to show it, another program
    // reads it: none of that is a change, and the edit is not told again.
    for _ in 0..3 {
        fs::read(dir.path().join("content/post.rst")).unwrap();
        blog.read_post("content/post.rst").unwrap();
    }
    assert_eq!(next_changes(&rx, Duration::from_millis(800)), None, "told once");
}

#[test]
fn watcher_does_not_echo_folios_own_saves() {
    let (dir, blog) = blog_with_post("one\n");
    let (_watcher, rx) = watching(&blog);
    blog.save_post("content/post.rst", "saved by Folio\n", None).unwrap();
    assert_eq!(next_changes(&rx, Duration::from_millis(600)), None, "our own write is not news");
    // An outside write right after still is.
    fs::write(dir.path().join("content/post.rst"), "then someone else\n").unwrap();
    assert!(next_changes(&rx, Duration::from_secs(2)).is_some());
}

#[test]
fn a_watcher_replaced_right_after_an_outside_edit_still_tells_it() {
    // The window watches the blog again when its settings arrive; an edit made a moment
    // before, still settling in the old watcher, must not be lost in the swap.
    let (dir, blog) = blog_with_post("one\n");
    let (old, rx) = watching(&blog);
    fs::write(dir.path().join("content/post.rst"), "changed elsewhere\n").unwrap();
    // Replaced at once, well inside the old watcher's settling time.
    let (new_tx, new_rx) = mpsc::channel();
    let new = blog.watch(move |changes| drop(new_tx.send(changes))).unwrap();
    assert_eq!(old.root(), new.root());
    old.retire();
    let changed = BlogChange::Changed { path: "content/post.rst".into() };
    wait_for_change(&rx, changed);
    // The new watcher tells what comes after.
    fs::write(dir.path().join("content/post.rst"), "and again\n").unwrap();
    wait_for_change(&new_rx, BlogChange::Changed { path: "content/post.rst".into() });
}
