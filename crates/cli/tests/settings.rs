//! `folio` reads a blog's settings the way `pelican` does, unless told `--no-python`, and
//! `folio check` says where they came from.
#![cfg(unix)]

use folio_test_support::oracle_venv;
use std::path::PathBuf;
use std::process::{Command, Output};

/// `folio` with a generous `--python-timeout`: the tests share two cores with other builds,
/// and a slow import of Pelican must not read as a config that never finishes.
fn folio() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.args(["--python-timeout", "60"]);
    command
}

/// A demo blog made by `folio new`, whose `pelicanconf.py` is replaced by `conf`.
fn demo_blog(conf: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("blog");
    assert!(folio().arg("new").arg(&dir).status().unwrap().success());
    std::fs::write(dir.join("pelicanconf.py"), conf).unwrap();
    (tmp, dir)
}

const COMPUTED: &str = "import os\nPATH = os.path.join(os.path.dirname(__file__), 'content')\n\
                        SITENAME = 'My ' + 'Blog'\n";

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_says_the_blogs_own_pelican_read_the_settings_in_text_and_json() {
    let (_tmp, dir) = demo_blog(COMPUTED);
    std::os::unix::fs::symlink(oracle_venv(), dir.join(".venv")).unwrap();

    let out = folio().arg("check").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let first = stderr(&out).lines().next().unwrap_or_default().to_string();
    let venv_python = dir.canonicalize().unwrap().join(".venv/bin/python");
    let expected_start = format!("settings from Python: {} (Python 3.", venv_python.display());
    assert!(first.starts_with(&expected_start), "{first}");
    assert!(first.ends_with(", Pelican 4.12.0)"), "{first}");

    let out = folio().args(["check", "--json"]).arg(&dir).output().unwrap();
    let line: serde_json::Value =
        serde_json::from_str(stderr(&out).lines().next().unwrap_or_default()).unwrap();
    assert_eq!(line["settings"]["source"], "python");
    assert_eq!(line["settings"]["pelican_version"], "4.12.0");
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings.is_array(), "stdout stays the list of findings: {findings}");
}

#[test]
fn no_python_reads_literals_and_check_names_the_settings_it_could_not_read() {
    let (_tmp, dir) = demo_blog(COMPUTED);
    std::os::unix::fs::symlink(oracle_venv(), dir.join(".venv")).unwrap();
    for args in [["--no-python", "check"], ["check", "--no-python"]] {
        let out = folio().args(args).arg(&dir).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            stderr(&out).lines().next().unwrap_or_default(),
            "settings from the literal values of pelicanconf.py (running it was not allowed); \
             could not read: PATH, SITENAME",
            "with {args:?}"
        );
    }
    let out = folio().args(["check", "--json", "--no-python"]).arg(&dir).output().unwrap();
    let line: serde_json::Value =
        serde_json::from_str(stderr(&out).lines().next().unwrap_or_default()).unwrap();
    assert_eq!(
        line["settings"],
        serde_json::json!({
            "source": "literal",
            "reason": {"kind": "not-allowed"},
            "unread": ["PATH", "SITENAME"],
        })
    );
}

#[test]
fn with_no_python_to_be_found_check_falls_back_and_says_why() {
    let (_tmp, dir) = demo_blog(COMPUTED);
    let out = folio().arg("check").arg(&dir).env("PATH", "").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let first = stderr(&out).lines().next().unwrap_or_default().to_string();
    assert!(first.contains("(Python did not read it: no Python found for"), "{first}");
    assert!(first.ends_with("could not read: PATH, SITENAME"), "{first}");
}

#[test]
fn a_repository_with_the_blog_in_a_subfolder_says_where_it_is_and_what_to_run() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    assert!(folio().arg("new").arg(repo.join("src")).status().unwrap().success());
    let out = folio().arg("check").arg(&repo).arg("--json").output().unwrap();
    assert!(!out.status.success());
    let message = stderr(&out);
    let run = format!("check {} --json`", repo.join("src").display());
    assert!(message.contains("the blog is in src/: "), "{message}");
    assert!(message.contains(&run), "{message}");

    // Two levels down, and two blogs: both named, each with its command.
    let two = tmp.path().join("two");
    for sub in ["site/blog", "zine"] {
        assert!(folio().arg("new").arg(two.join(sub)).status().unwrap().success());
    }
    let out = folio().arg("--no-python").arg("list").arg(&two).output().unwrap();
    let message = stderr(&out);
    assert!(message.contains("blogs are in site/blog/ and zine/: "), "{message}");
    let first = format!("--no-python list {}` or `", two.join("site/blog").display());
    assert!(message.contains(&first), "{message}");
}

#[test]
fn folio_list_json_gives_each_posts_category_slug_and_status() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("blog");
    std::fs::create_dir_all(blog.join("content/notes")).unwrap();
    std::fs::write(
        blog.join("pelicanconf.py"),
        "PATH = 'content'\nDEFAULT_CATEGORY = 'Else'\nSLUGIFY_SOURCE = 'basename'\n",
    )
    .unwrap();
    std::fs::write(blog.join("content/notes/2020-01-02-a.md"), "Title: A Note\n\nx\n").unwrap();
    std::fs::write(blog.join("content/top.md"), "Title: Top\nDate: 2021-01-01\n\nx\n").unwrap();
    std::os::unix::fs::symlink(oracle_venv(), blog.join(".venv")).unwrap();
    let out = folio().arg("list").arg(&blog).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let posts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields = |i: usize| {
        let p = &posts[i];
        (p["path"].clone(), p["date"].clone(), p["category"].clone(), p["slug"].clone())
    };
    use serde_json::json;
    assert_eq!(
        fields(0),
        (
            json!("content/notes/2020-01-02-a.md"),
            json!("2020-01-02"),
            json!("notes"),
            json!("2020-01-02-a")
        )
    );
    assert_eq!(
        fields(1),
        (json!("content/top.md"), json!("2021-01-01"), json!("Else"), json!("top"))
    );
}
