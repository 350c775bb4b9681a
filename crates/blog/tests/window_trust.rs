//! The window runs a blog's `pelicanconf.py` only once the writer trusts the blog, remembers
//! the answer, and then previews posts as the blog's own Pelican renders them (the oracle
//! venv's Pelican as the blog's `.venv`, and its reader as the judge).
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use folio_blog::live_preview::{LivePreview, PreviewBlock};
use folio_blog::trust::{answer_trust, python_cache_file, settle_settings, trust_of, Trust};
use folio_blog::{LiteralReason, SettingsSource};
use folio_test_support::{oracle_python, oracle_script};

/// A config that computes what it sets, as real ones do: nothing here is a plain literal
/// the literal reader could read.
const CONFIG: &str = "\
import os
HERE = os.path.dirname(os.path.abspath(__file__))
SITENAME = ' '.join(['Trusted', 'Blog'])
PATH = os.path.join(HERE, 'content')
TYPOGRIFY = not False
";

const POST: &str = "\
A \"quoted\" title
==================

:date: 2024-05-06
:category: notes

It's the \"NASA\" way -- as they say... and then some.

.. include:: snippet.txt

A last line with 'single' quotes.
";

/// A blog whose settings only its Python can read, with the oracle's venv as its `.venv`.
fn trusted_blog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("pelicanconf.py", CONFIG);
    write("content/quotes.rst", POST);
    write("content/snippet.txt", "Included \"text\" -- from beside the post.\n");
    let venv = oracle_python().parent().and_then(Path::parent).unwrap().to_path_buf();
    std::os::unix::fs::symlink(venv, dir.path().join(".venv")).unwrap();
    dir
}

#[test]
fn a_blog_with_a_config_is_read_literally_until_the_writer_trusts_it_and_the_answer_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let dir = trusted_blog();
    let root = dir.path().canonicalize().unwrap();
    assert_eq!(trust_of(data.path(), &root), Trust::NotAsked, "nobody was asked yet");
    let blog = folio_blog::open_and_remember(data.path(), &root).unwrap();
    let SettingsSource::Literal { reason: LiteralReason::NotAllowed, unread } =
        blog.settings_source()
    else {
        panic!("an untrusted blog's config must not run: {}", blog.settings_source())
    };
    assert!(
        unread.contains(&"TYPOGRIFY".to_string()),
        "the computed TYPOGRIFY is named: {unread:?}"
    );
    assert!(blog
        .settings_source()
        .summary()
        .starts_with("Literal reader: pelicanconf.py was not run"));

    let trusted = answer_trust(data.path(), &root, true).unwrap();
    let SettingsSource::Python { pelican_version, .. } = trusted.settings_source() else {
        panic!("a trusted blog's config runs: {}", trusted.settings_source())
    };
    assert_eq!(pelican_version.as_deref(), Some("4.12.0"));
    assert_eq!(trusted.site_name(), "Trusted Blog", "SITENAME is computed by the config");
    assert!(python_cache_file(data.path()).is_file(), "the answer is cached in the data folder");
    assert!(trusted.settings_source().summary().starts_with("Settings read by Python 3."));

    // A restart finds the answer in the settings and runs the config without asking.
    assert_eq!(trust_of(data.path(), &root), Trust::Trusted);
    let again = folio_blog::open_last_or_create_demo(data.path()).unwrap();
    assert_eq!(again.root(), root);
    assert!(matches!(again.settings_source(), SettingsSource::Python { .. }));

    let declined = answer_trust(data.path(), &root, false).unwrap();
    assert!(matches!(
        declined.settings_source(),
        SettingsSource::Literal { reason: LiteralReason::NotAllowed, .. }
    ));
    assert_eq!(trust_of(data.path(), &root), Trust::Declined, "keep literal is remembered too");
}

#[test]
fn the_demo_blog_folio_wrote_is_trusted_without_asking_and_a_blog_without_config_needs_no_answer() {
    let data = tempfile::tempdir().unwrap();
    let demo = folio_blog::open_last_or_create_demo(data.path()).unwrap();
    assert_eq!(trust_of(data.path(), demo.root()), Trust::Trusted);
    let bare = tempfile::tempdir().unwrap();
    std::fs::create_dir(bare.path().join("content")).unwrap();
    let root = bare.path().canonicalize().unwrap();
    assert_eq!(trust_of(data.path(), &root), Trust::NothingToRun);
}

/// The HTML the window builds from a patch of leaf blocks, without the source lines.
fn window_html(blocks: &[PreviewBlock]) -> String {
    let mut html = String::new();
    for block in blocks {
        assert!(block.children.is_empty(), "the post has no sections");
        html.push_str(&block.html);
    }
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find(" data-line=\"") {
        out.push_str(&rest[..at]);
        let value = &rest[at + " data-line=\"".len()..];
        rest = &value[value.find('"').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_live_preview_of_a_trusted_blog_is_what_its_pelican_and_folio_render_give() {
    let data = tempfile::tempdir().unwrap();
    let dir = trusted_blog();
    let root = dir.path().canonicalize().unwrap();
    let blog = answer_trust(data.path(), &root, true).unwrap();
    let rel = "content/quotes.rst";
    let mut live = LivePreview::default();
    live.set_post_settings(blog.settings_for_post(rel));
    let patch = live.open(POST.to_string(), None);
    let preview = window_html(&patch.insert);

    let oracle = Command::new(oracle_python())
        .arg(oracle_script())
        .arg("--settings")
        .arg(root.join("pelicanconf.py"))
        .arg(root.join(rel))
        .output()
        .unwrap();
    assert!(oracle.status.success(), "{}", String::from_utf8_lossy(&oracle.stderr));
    let pelican: serde_json::Value = serde_json::from_slice(&oracle.stdout).unwrap();
    assert_eq!(pelican["error"], serde_json::Value::Null, "Pelican reads the post");
    let content = pelican["content"].as_str().unwrap();
    assert!(content.contains("&#8220;"), "typogrify curled the quotes: {content}");
    assert!(content.contains("Included"), "the include was read: {content}");
    assert_eq!(preview, content, "the preview is Pelican's own HTML");

    // `folio render` renders the file's bytes with the same settings.
    let rendered = folio_blog::render_post_bytes_in(POST.as_bytes(), &blog.settings_for_post(rel));
    assert_eq!(preview, rendered.preview.html, "the preview is `folio render`'s HTML");
    assert_eq!(patch.title.as_deref(), pelican["title"].as_str(), "typogrify applies to the title");
}

#[test]
fn a_trusted_config_that_fails_falls_back_to_literals_and_the_summary_gives_pythons_error() {
    let data = tempfile::tempdir().unwrap();
    let dir = trusted_blog();
    std::fs::write(dir.path().join("pelicanconf.py"), "SITENAME = 'Broken'\nPATH = MISSING_NAME\n")
        .unwrap();
    let root = dir.path().canonicalize().unwrap();
    let blog = answer_trust(data.path(), &root, true).unwrap();
    let SettingsSource::Literal { reason: LiteralReason::ConfigError(message), .. } =
        blog.settings_source()
    else {
        panic!("a failing config falls back to literals: {}", blog.settings_source())
    };
    assert!(message.contains("MISSING_NAME"), "Python's own error: {message}");
    let summary = blog.settings_source().summary();
    assert!(
        summary.starts_with("Literal reader: pelicanconf.py failed: ")
            && summary.contains("NameError")
            && summary.contains("MISSING_NAME"),
        "the status line carries the error's last line: {summary}"
    );
    assert!(blog.settings_source().to_string().contains("MISSING_NAME"), "the detail has it too");
    assert_eq!(blog.site_name(), "Broken", "the literal reader still reads the plain literals");
}

#[test]
fn a_trusted_blog_opens_at_once_with_last_times_settings_and_settling_runs_only_what_changed() {
    let data = tempfile::tempdir().unwrap();
    let dir = trusted_blog();
    let root = dir.path().canonicalize().unwrap();
    answer_trust(data.path(), &root, true).unwrap();

    // Nothing changed: the window opens with the cached settings and settling keeps them.
    let opened = folio_blog::open_and_remember(data.path(), &root).unwrap();
    assert!(matches!(opened.settings_source(), SettingsSource::Python { .. }), "from the cache");
    assert_eq!(opened.site_name(), "Trusted Blog");
    assert!(settle_settings(data.path(), &opened).unwrap().is_none(), "nothing to show again");

    // An edited config is not what the cache holds: literals at once, Python's after.
    let edited = CONFIG.replace("'Trusted', 'Blog'", "'Edited', 'Blog'");
    std::fs::write(root.join("pelicanconf.py"), edited).unwrap();
    let opened = folio_blog::open_and_remember(data.path(), &root).unwrap();
    assert!(
        matches!(
            opened.settings_source(),
            SettingsSource::Literal { reason: LiteralReason::Pending, .. }
        ),
        "nothing runs while the window opens: {}",
        opened.settings_source()
    );
    assert!(opened.settings_source().summary().contains("reading pelicanconf.py with Python"));
    let settled = settle_settings(data.path(), &opened).unwrap().expect("the settings changed");
    assert!(matches!(settled.settings_source(), SettingsSource::Python { .. }));
    assert_eq!(settled.site_name(), "Edited Blog", "the config ran again");
    let opened = folio_blog::open_and_remember(data.path(), &root).unwrap();
    assert_eq!(opened.site_name(), "Edited Blog", "and the next start has it at once");
}
