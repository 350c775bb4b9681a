//! Where an opened blog's settings come from: the blog's own Python (the oracle venv's
//! Pelican as the blog's `.venv`), or the literal reader with the reason.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use folio_blog::{Blog, Error, LiteralReason, OpenOptions, SettingsSource};
use folio_blog::{ReadOptions, SettingsReader};
use folio_test_support::oracle_venv;

/// A blog with `files` written into it.
fn blog(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Makes the oracle venv the blog's own `.venv`, as a writer's checkout would have one.
fn with_oracle_venv(dir: &Path) {
    std::os::unix::fs::symlink(oracle_venv(), dir.join(".venv")).unwrap();
}

fn run(options: ReadOptions) -> OpenOptions {
    OpenOptions::run_python(SettingsReader::new(options))
}

/// The tests share two cores with other builds: a generous timeout keeps a slow import of
/// Pelican from reading as a config that never finishes.
fn patient() -> ReadOptions {
    ReadOptions { timeout: Duration::from_secs(60), ..ReadOptions::default() }
}

const COMPUTED: &str = "\
import os
from layout import LANGUAGES
MYDIR = os.path.dirname(__file__)
PATH = os.path.join(MYDIR, 'posts')
ARTICLE_PATHS = [os.path.join('articles', lang) for lang in LANGUAGES]
with open(os.path.join(MYDIR, 'title.txt')) as f:
    SITENAME = f.read().strip()
";

fn computed_blog() -> tempfile::TempDir {
    blog(&[
        ("pelicanconf.py", COMPUTED),
        ("layout.py", "LANGUAGES = ['en']\n"),
        ("title.txt", "Computed\n"),
        ("posts/articles/en/hello.rst", "Hello\n#####\n\n:date: 2024-01-02\n\nText.\n"),
        ("posts/articles/fr/bonjour.rst", "Bonjour\n#######\n\n:date: 2024-01-03\n\nTexte.\n"),
        ("posts/stray.rst", "Stray\n#####\n\nNot in an article path.\n"),
    ])
}

#[test]
fn the_blogs_own_pelican_gives_the_settings_the_listing_uses() {
    let dir = computed_blog();
    with_oracle_venv(dir.path());
    let blog = Blog::open_with(dir.path(), &run(patient())).unwrap();
    let SettingsSource::Python { interpreter, pelican_version, unusable, .. } =
        blog.settings_source()
    else {
        panic!("expected Python to read the settings: {}", blog.settings_source())
    };
    assert_eq!(interpreter, &blog.root().join(".venv/bin/python"), "the blog's virtualenv");
    assert_eq!(pelican_version.as_deref(), Some("4.12.0"));
    assert!(unusable.is_empty(), "{unusable:?}");
    assert_eq!(blog.content_dir(), "posts", "PATH was computed with os.path.join");
    assert_eq!(blog.site_name(), "Computed", "SITENAME was read from a file");
    let paths: Vec<String> = blog.list_posts().unwrap().into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["posts/articles/en/hello.rst"], "ARTICLE_PATHS came from layout.py");
    let settings = blog.settings().expect("the full settings are kept");
    assert_eq!(settings["PAGE_PATHS"], serde_json::json!(["pages"]), "Pelican's default");
    assert_eq!(settings["DEFAULT_PAGINATION"], false, "Pelican's default, merged");
}

#[test]
fn without_permission_the_literal_reader_names_what_it_could_not_read() {
    let dir = computed_blog();
    with_oracle_venv(dir.path());
    let blog = Blog::open(dir.path()).unwrap();
    assert_eq!(
        blog.settings_source(),
        &SettingsSource::Literal {
            reason: LiteralReason::NotAllowed,
            unread: vec!["MYDIR".into(), "PATH".into(), "ARTICLE_PATHS".into(), "SITENAME".into()],
        }
    );
    assert_eq!(blog.content_dir(), "content", "the computed PATH keeps Pelican's default");
    assert!(blog.settings().is_none());
    let line = blog.settings_source().to_string();
    assert!(line.contains("not allowed") && line.contains("could not read: MYDIR"), "{line}");
}

#[test]
fn a_config_that_raises_falls_back_to_literals_with_pythons_error() {
    let dir = blog(&[
        ("pelicanconf.py", "PATH = 'posts'\nSITENAME = missing_name\n"),
        ("posts/a.rst", "A\n#\n\nText.\n"),
    ]);
    with_oracle_venv(dir.path());
    let blog = Blog::open_with(dir.path(), &run(patient())).unwrap();
    let SettingsSource::Literal { reason: LiteralReason::ConfigError(message), unread } =
        blog.settings_source()
    else {
        panic!("{}", blog.settings_source())
    };
    assert!(message.contains("NameError: name 'missing_name' is not defined"), "{message}");
    assert!(message.contains("pelicanconf.py:2"), "file and line: {message}");
    assert_eq!(unread, &["SITENAME"]);
    assert_eq!(blog.content_dir(), "posts", "the literal PATH is still read");
}

#[test]
fn a_config_that_never_finishes_falls_back_after_the_timeout() {
    let dir = blog(&[("pelicanconf.py", "PATH = 'content'\nwhile True:\n    pass\n")]);
    with_oracle_venv(dir.path());
    let options = ReadOptions { timeout: Duration::from_millis(1500), ..ReadOptions::default() };
    let blog = Blog::open_with(dir.path(), &run(options)).unwrap();
    assert!(
        matches!(
            blog.settings_source(),
            SettingsSource::Literal { reason: LiteralReason::Timeout(_), .. }
        ),
        "{}",
        blog.settings_source()
    );
}

#[test]
fn a_blog_with_no_usable_python_falls_back_and_says_so() {
    let dir = blog(&[("pelicanconf.py", "PATH = 'content'\n")]);
    let options = ReadOptions {
        python: Some(dir.path().join("no-such-venv/bin/python")),
        ..ReadOptions::default()
    };
    let blog = Blog::open_with(dir.path(), &run(options)).unwrap();
    let SettingsSource::Literal { reason: LiteralReason::NoPython(message), .. } =
        blog.settings_source()
    else {
        panic!("{}", blog.settings_source())
    };
    assert!(message.contains("no-such-venv"), "{message}");
}

#[test]
fn a_repository_with_the_blog_one_or_two_levels_down_is_not_a_blog_but_names_them() {
    let dir = blog(&[
        ("README.md", "My site\n"),
        ("src/pelicanconf.py", "PATH = 'content'\n"),
        ("sites/old/pelicanconf.py", "PATH = 'content'\n"),
        ("node_modules/pkg/pelicanconf.py", "# not a blog\n"),
        ("a/b/c/pelicanconf.py", "# too deep\n"),
    ]);
    let err = Blog::open(dir.path()).unwrap_err();
    let Error::NotABlog(not_a_blog) = &err else { panic!("{err}") };
    assert_eq!(not_a_blog.candidates, [PathBuf::from("sites/old"), PathBuf::from("src")]);
    let root = dir.path().canonicalize().unwrap();
    assert!(
        err.to_string().ends_with(&format!(
            ": blogs are in sites/old/ and src/; open {} or {}",
            root.join("sites/old").display(),
            root.join("src").display()
        )),
        "{err}"
    );
}
