//! `folio render` in blogs whose settings change how posts are read, against the real
//! Pelican on the same blog (the oracle Python, found through `ORACLE_PYTHON`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn oracle_python() -> PathBuf {
    let path = std::env::var_os("ORACLE_PYTHON").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/oracle-venv/bin/python")
    });
    assert!(path.exists(), "the oracle Python is missing at {}: run make venv", path.display());
    path
}

fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reader_settings").join(rel)
}

/// `folio render --json` of `post` with the settings of its blog, as JSON.
fn folio_render(python: &Path, post: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--python")
        .arg(python)
        .args(["render", "--json"])
        .arg(post)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every language docutils ships, by its module names.
fn docutils_languages(python: &Path) -> Vec<String> {
    let script = "import pkgutil, docutils.parsers.rst.languages as l\n\
                  print(' '.join(sorted(m.name for m in pkgutil.iter_modules(l.__path__))))";
    let out = Command::new(python).args(["-c", script]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().map(String::from).collect()
}

#[test]
fn a_post_in_every_language_docutils_ships_renders_as_pelican_renders_it() {
    let python = oracle_python();
    let languages = docutils_languages(&python);
    assert!(languages.len() >= 29, "docutils ships {languages:?}");
    let tmp = tempfile::tempdir().unwrap();
    let mut differ = Vec::new();
    for code in &languages {
        let blog = tmp.path().join(code);
        let pelican = Command::new(&python)
            .arg(here("language_blog.py"))
            .arg(&blog)
            .arg(code)
            .output()
            .unwrap();
        assert!(pelican.status.success(), "{code}: {}", String::from_utf8_lossy(&pelican.stderr));
        let theirs: serde_json::Value = serde_json::from_slice(&pelican.stdout).unwrap();
        let ours = folio_render(&python, &blog.join("content/post.rst"));
        for key in ["content", "title"] {
            if ours[key] != theirs[key] {
                differ.push(format!(
                    "{code} {key}:\n  ours:   {}\n  theirs: {}",
                    ours[key], theirs[key]
                ));
            }
        }
        for key in ["author", "date"] {
            let ours = ours["metadata"][key].as_str().map(|v| v.replace('T', " "));
            if ours.as_deref() != theirs["metadata"][key].as_str() {
                differ.push(format!(
                    "{code} {key}: ours {ours:?}, theirs {}",
                    theirs["metadata"][key]
                ));
            }
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} languages differ:\n{}",
        differ.len(),
        languages.len(),
        differ.join("\n")
    );
}
