//! Which posts Pelican leaves out, judged by Pelican: its reST reader runs docutils with
//! `halt_level: 2` (or the blog's `DOCUTILS_SETTINGS`), so a message at that level makes
//! docutils raise, and Pelican logs "Could not process" and builds nothing for the post.
//! Test blogs of generated posts (`crates/rst/fuzz/differential/gen.py`, some of them with
//! a deliberate slip) and of posts written to give each kind of docutils message are read
//! by `folio check` and by the real Pelican's generators (`pelican_content.py`): the posts
//! `folio check` calls errors must be exactly the posts Pelican leaves out.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use folio_blog::check::{CheckOptions, FindingKind, Severity};
use folio_blog::{Blog, OpenOptions, ReadOptions, SettingsReader, SettingsSource};
use folio_test_support::{oracle_python, write_file};
use serde_json::Value;

/// A blog whose posts are in `content/`, with `docutils` as its `DOCUTILS_SETTINGS` (a
/// Python expression) when given.
fn blog_config(root: &Path, docutils: Option<&str>) {
    let mut config = "PATH = 'content'\nTIMEZONE = 'UTC'\n".to_string();
    if let Some(d) = docutils {
        config.push_str(&format!("DOCUTILS_SETTINGS = {d}\n"));
    }
    write_file(root, "pelicanconf.py", &config);
}

/// A post titled and dated by its fields, so only its body can make Pelican leave it out.
fn post(root: &Path, name: &str, body: &str) {
    write_file(
        root,
        &format!("content/{name}.rst"),
        &format!(":title: {name}\n:date: 2020-01-02\n\n{body}"),
    );
}

/// Opens the blog with the oracle's Python, as `folio` does with the blog's own.
fn open(root: &Path) -> Blog {
    let options = ReadOptions {
        python: Some(oracle_python()),
        timeout: Duration::from_secs(60),
        cache_file: None,
    };
    let blog = Blog::open_with(root, &OpenOptions::run_python(SettingsReader::new(options)))
        .expect("the blog opens");
    match blog.settings_source() {
        SettingsSource::Python { pelican_version: Some(_), unusable, .. } => {
            assert!(unusable.is_empty(), "settings Folio could not use: {unusable:?}")
        }
        other => panic!("the settings did not come from Pelican: {other}"),
    }
    blog
}

/// The posts Pelican built, by source path relative to `content/`.
fn built_by_pelican(root: &Path) -> BTreeSet<String> {
    let out = Command::new(oracle_python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pelican_content.py"))
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Pelican failed (run make venv: the oracle needs pelican and markdown):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let found: Value = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    found["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"].as_str().unwrap().into())
        .collect()
}

/// The judge: every post under `content/` is either built by Pelican or called an error by
/// `folio check`, never both and never neither. Returns (posts compared, posts left out),
/// and the markup findings for the tests to look into.
fn judge(root: &Path) -> (usize, usize, Vec<(String, Severity, String)>) {
    let built = built_by_pelican(root);
    let blog = open(root);
    let findings = blog.check(&CheckOptions::default()).unwrap();
    let prefix = format!("{}/", blog.content_dir());
    let erred: BTreeSet<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.file.strip_prefix(&prefix).unwrap_or(&f.file).to_string())
        .collect();
    let posts: BTreeSet<String> = fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut differences = Vec::new();
    for p in &posts {
        let said = || {
            findings
                .iter()
                .filter(|f| f.file.ends_with(p.as_str()))
                .map(|f| format!("  {:?}: {}", f.severity, f.message))
                .collect::<Vec<_>>()
                .join("\n")
        };
        match (built.contains(p), erred.contains(p)) {
            (true, true) => {
                differences.push(format!("{p}: Pelican builds it, Folio errs:\n{}", said()))
            }
            (false, false) => differences
                .push(format!("{p}: Pelican leaves it out, Folio has no error:\n{}", said())),
            _ => {}
        }
    }
    let compared = posts.len();
    assert!(
        differences.is_empty(),
        "{} of {compared} posts disagree:\n{}",
        differences.len(),
        differences.join("\n")
    );
    let markup = findings
        .into_iter()
        .filter(|f| f.kind == FindingKind::Markup)
        .map(|f| {
            (f.file.strip_prefix(&prefix).unwrap_or(&f.file).to_string(), f.severity, f.message)
        })
        .collect();
    (compared, compared - built.len(), markup)
}

/// Posts that give one docutils message each, of every level.
fn message_posts(root: &Path) {
    post(root, "clean", "Nothing wrong here.\n");
    // INFO: a second target with the same name and URL; a second implicit title.
    post(
        root,
        "info-target",
        ".. _a: https://example.com/\n.. _a: https://example.com/\n\nSee a_.\n",
    );
    post(root, "info-title", "Same\n----\n\nx\n\nSame\n----\n\ny\n");
    // INFO: a meta tag without content.
    post(root, "info-meta", ".. meta::\n   :keywords:\n\nText.\n");
    // WARNING: an unclosed emphasis; a title underline too short.
    post(root, "warning-emphasis", "An *unclosed emphasis.\n");
    post(root, "warning-underline", "Section title\n=====\n\nText.\n");
    // WARNING: one name for two targets with two URLs.
    post(
        root,
        "warning-duplicate",
        ".. _a: https://example.com/\n.. _a: https://example.org/\n\nText.\n",
    );
    // ERROR: a reference to no target; an unknown directive.
    post(root, "error-reference", "See nowhere_.\n");
    post(root, "error-directive", ".. nosuchdirective:: x\n");
}

#[test]
fn folio_check_errs_on_exactly_the_generated_posts_pelican_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    blog_config(root, None);
    let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("../rst/fuzz/differential/gen.py");
    let generated = root.join("generated");
    let status = Command::new(oracle_python())
        .arg(&generator)
        .args(["--seed", "1000", "--count", "240", "--out"])
        .arg(&generated)
        .status()
        .unwrap();
    assert!(status.success(), "gen.py failed");
    for entry in fs::read_dir(&generated).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        // Generated posts share slugs (`:slug: x`), which Folio's check calls an error of
        // its own (one page overwrites the other); that is not what is judged here.
        let text = fs::read_to_string(&path).unwrap();
        let text: String =
            text.lines().filter(|l| !l.starts_with(":slug:")).map(|l| format!("{l}\n")).collect();
        post(root, &name, &text);
    }
    let (compared, left_out, _) = judge(root);
    println!("generated posts compared: {compared}, left out by Pelican: {left_out}");
    assert_eq!(compared, 240);
    assert!(left_out > 5, "too few broken posts to judge: {left_out}");
}

#[test]
fn a_warning_or_worse_leaves_the_post_out_and_folio_check_says_so_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    blog_config(root, None);
    message_posts(root);
    let (compared, left_out, markup) = judge(root);
    assert_eq!((compared, left_out), (9, 5));
    // Pelican is silent about info messages, and so is the check.
    assert!(markup.iter().all(|(file, ..)| !file.starts_with("info-")), "{markup:?}");
    let emphasis = markup.iter().find(|(file, ..)| file == "warning-emphasis.rst").unwrap();
    assert!(
        emphasis.2.starts_with("Pelican leaves this post out: Inline emphasis start-string without end-string at line 4"),
        "{emphasis:?}"
    );
}

#[test]
fn a_higher_halt_level_keeps_the_posts_below_it_and_folio_check_only_warns_about_them() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    blog_config(root, Some("{'halt_level': 3}"));
    message_posts(root);
    let (compared, left_out, markup) = judge(root);
    assert_eq!((compared, left_out), (9, 2));
    let warned: BTreeSet<&str> = markup
        .iter()
        .filter(|(_, severity, _)| *severity == Severity::Warning)
        .map(|(file, ..)| file.as_str())
        .collect();
    let expected = ["warning-duplicate.rst", "warning-emphasis.rst", "warning-underline.rst"];
    assert_eq!(warned, BTreeSet::from(expected));
}

#[test]
fn halt_level_five_builds_every_post_and_a_halt_level_that_is_not_a_number_drops_any_with_a_message(
) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    blog_config(root, Some("{'halt_level': 5}"));
    message_posts(root);
    assert_eq!(judge(root).1, 0);
    // docutils compares each message's level with the value as given: a string makes the
    // comparison raise, so any message at all stops the post, the meta tag's info too.
    // (The engine does not make docutils' info messages for duplicate targets, which no
    // page shows at the default report_level: those two posts are left out of this blog.)
    blog_config(root, Some("{'halt_level': 'error'}"));
    fs::remove_file(root.join("content/info-target.rst")).unwrap();
    fs::remove_file(root.join("content/info-title.rst")).unwrap();
    assert_eq!(judge(root).1, 6);
}
