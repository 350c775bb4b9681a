//! `folio render` in blogs whose settings change how posts are read, against the real
//! Pelican on the same blog (the oracle Python, found through `ORACLE_PYTHON`).

use folio_test_support::oracle_python;
use std::path::{Path, PathBuf};
use std::process::Command;

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

/// What the real Pelican, with the blog's plugins loaded as it loads them, reads from
/// `names` in `blog`'s content folder: (content, or the error that made it drop the post).
const PELICAN_WITH_PLUGINS: &str = r#"
import copy, json, sys
import pelican
from pelican.readers import Readers
from pelican.settings import read_settings
blog, names = sys.argv[1], sys.argv[2:]
site = pelican.Pelican(copy.copy(read_settings(blog + "/pelicanconf.py")))
readers = Readers(site.settings)
out = {}
for name in names:
    try:
        out[name] = {"content": readers.read_file(base_path=blog + "/content", path=name).content}
    except Exception as e:
        out[name] = {"error": "%s: %s" % (type(e).__name__, e)}
json.dump(out, sys.stdout)
"#;

/// A copy of the committed plugin blog in a fresh folder (so no cache or bytecode of an
/// earlier run is there).
fn plugin_blog() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = here("plugin_blog");
    for rel in [
        "pelicanconf.py",
        "plugins/diagrams/__init__.py",
        "content/drawn.rst",
        "content/unknown.rst",
    ] {
        let to = tmp.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(rel), to).unwrap();
    }
    tmp
}

#[test]
fn a_directive_and_a_role_of_the_blogs_plugin_are_labelled_boxes_and_no_error_while_an_unknown_one_stays_an_error(
) {
    let python = oracle_python();
    let blog = plugin_blog();
    let pelican = Command::new(&python)
        .args(["-c", PELICAN_WITH_PLUGINS])
        .arg(blog.path())
        .args(["drawn.rst", "unknown.rst"])
        .output()
        .unwrap();
    assert!(pelican.status.success(), "{}", String::from_utf8_lossy(&pelican.stderr));
    let pelican: serde_json::Value = serde_json::from_slice(&pelican.stdout).unwrap();
    let theirs = pelican["drawn.rst"]["content"].as_str().unwrap();
    // The plugin really runs under Pelican: its role and directive made these.
    assert!(theirs.contains("<tt class=\"kbd docutils literal\">Ctrl</tt>"), "{theirs}");
    assert!(theirs.contains("<p class=\"ditaa\">drawn: 3 lines</p>"), "{theirs}");
    assert!(pelican["unknown.rst"]["error"].as_str().unwrap().contains("youtube"), "{pelican}");

    let ours = folio_render(&python, &blog.path().join("content/drawn.rst"));
    let ours = ours["content"].as_str().unwrap();
    let boxed = "<div class=\"admonition folio-plugin-directive\">\n<p class=\"first admonition-title\">\
                 <tt class=\"docutils literal\">ditaa</tt>: drawn by the blog's plugin when the site is \
                 built</p>\n<pre class=\"last literal-block\">\nsmall\n+---+\n| A |\n+---+\n</pre>\n</div>\n";
    assert!(ours.contains(boxed), "{ours}");
    assert!(
        ours.contains(
            "<span class=\"folio-plugin-role\"><tt class=\"docutils literal\">Ctrl</tt></span>"
        ),
        "{ours}"
    );
    // Around the plugin's own output, the body is Pelican's.
    let (before, after) = theirs.split_once("<p class=\"ditaa\">drawn: 3 lines</p>").unwrap();
    let before = before.replace(
        "<tt class=\"kbd docutils literal\">Ctrl</tt>",
        "<span class=\"folio-plugin-role\"><tt class=\"docutils literal\">Ctrl</tt></span>",
    );
    assert_eq!(ours, format!("{before}{boxed}{after}"));

    let check = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--python")
        .arg(&python)
        .arg("check")
        .arg(blog.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout).into_owned();
    assert_eq!(check.status.code(), Some(1), "{said}");
    let told = String::from_utf8_lossy(&check.stderr);
    assert!(
        told.contains("plugins: diagrams; their directives: ditaa; their roles: kbd"),
        "{told}"
    );
    let errors: Vec<&str> = said.lines().filter(|l| l.contains(": error:")).collect();
    assert_eq!(
        errors,
        ["content/unknown.rst:6: error: Pelican leaves this post out: Unknown directive \
             type \"youtube\" at line 6."],
        "{said}"
    );
}

#[test]
fn without_pelican_folio_check_says_plugin_directives_cannot_be_known() {
    let blog = plugin_blog();
    let check = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--no-python")
        .arg("check")
        .arg(blog.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout).into_owned();
    let ditaa = said.lines().find(|l| l.contains("\"ditaa\"")).unwrap_or_else(|| panic!("{said}"));
    assert!(ditaa.contains("error"), "{ditaa}");
    assert!(ditaa.contains("Plugin directives and roles cannot be known"), "{ditaa}");
    let told = String::from_utf8_lossy(&check.stderr);
    assert!(told.contains("plugin directives and roles cannot be known"), "{told}");
}

#[test]
fn code_blocks_in_blogs_with_pygments_rst_options_render_as_pelican_renders_them() {
    let python = oracle_python();
    let tmp = tempfile::tempdir().unwrap();
    let pelican =
        Command::new(&python).arg(here("pygments_blogs.py")).arg(tmp.path()).output().unwrap();
    assert!(pelican.status.success(), "{}", String::from_utf8_lossy(&pelican.stderr));
    let cases: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&pelican.stdout).unwrap();
    let posts: Vec<PathBuf> =
        cases.keys().map(|case| tmp.path().join(case).join("content/post.rst")).collect();
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--python")
        .arg(&python)
        .args(["render", "--json"])
        .args(&posts)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rendered = String::from_utf8(out.stdout).unwrap();
    let ours: Vec<serde_json::Value> =
        rendered.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(ours.len(), cases.len());
    let mut differ = Vec::new();
    for ((case, theirs), ours) in cases.iter().zip(&ours) {
        if ours["content"] != theirs["content"] {
            differ.push(format!(
                "{case} {}:\n  ours:   {}\n  theirs: {}",
                theirs["options"], ours["content"], theirs["content"]
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} settings differ:\n{}",
        differ.len(),
        cases.len(),
        differ.join("\n")
    );
}

#[test]
fn the_post_list_of_a_german_blog_reads_the_date_from_its_german_field_as_pelican_does() {
    let python = oracle_python();
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("de");
    let pelican =
        Command::new(&python).arg(here("language_blog.py")).arg(&blog).arg("de").output().unwrap();
    assert!(pelican.status.success(), "{}", String::from_utf8_lossy(&pelican.stderr));
    let theirs: serde_json::Value = serde_json::from_slice(&pelican.stdout).unwrap();
    assert_eq!(theirs["metadata"]["date"], "2020-01-02 00:00:00", "Pelican read `:datum:`");
    let text = std::fs::read_to_string(blog.join("content/post.rst")).unwrap();
    assert!(text.contains(":datum: 2020-01-02"), "{text}");
    let list = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--python")
        .arg(&python)
        .arg("list")
        .arg(&blog)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success(), "{said}{}", String::from_utf8_lossy(&list.stderr));
    assert_eq!(said.trim(), "content/post.rst\t2020-01-02\tPost in de");
}

#[test]
fn posts_in_blogs_with_docutils_settings_render_or_fail_as_pelican_renders_or_drops_them() {
    let python = oracle_python();
    let tmp = tempfile::tempdir().unwrap();
    let pelican =
        Command::new(&python).arg(here("docutils_blogs.py")).arg(tmp.path()).output().unwrap();
    assert!(pelican.status.success(), "{}", String::from_utf8_lossy(&pelican.stderr));
    let cases: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&pelican.stdout).unwrap();
    let mut posts = Vec::new();
    for case in cases.keys() {
        for name in ["plain.rst", "raw.rst"] {
            posts.push((case.clone(), name, tmp.path().join(case).join("content").join(name)));
        }
    }
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--python")
        .arg(&python)
        .args(["render", "--json"])
        .args(posts.iter().map(|p| &p.2))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rendered = String::from_utf8(out.stdout).unwrap();
    let ours: Vec<serde_json::Value> =
        rendered.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(ours.len(), posts.len());
    let (mut differ, mut dropped) = (Vec::new(), 0);
    for ((case, name, _), ours) in posts.iter().zip(&ours) {
        let theirs = &cases[case][*name];
        let settings = &cases[case]["settings"];
        if let Some(error) = theirs["error"].as_str() {
            // Pelican drops the post for a warning: ours must report the same one.
            dropped += 1;
            let said = error.split(") ").nth(1).unwrap_or(error);
            let ours_said = ours["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|d| d["severity"] == "warning" && d["message"].as_str() == Some(said));
            if !ours_said {
                differ.push(format!(
                    "{case} {settings} {name}: Pelican: {error}; ours: {}",
                    ours["diagnostics"]
                ));
            }
        } else if ours["content"] != theirs["content"] {
            differ.push(format!(
                "{case} {settings} {name}:\n  ours:   {}\n  theirs: {}",
                ours["content"], theirs["content"]
            ));
        }
    }
    assert!(dropped >= 2, "the cases that disable raw and include make Pelican drop posts");
    assert!(
        differ.is_empty(),
        "{} of {} posts differ:\n{}",
        differ.len(),
        posts.len(),
        differ.join("\n")
    );
}
