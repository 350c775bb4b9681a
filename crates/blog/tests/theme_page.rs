//! `Blog::render_page`: the page follows the other posts as they change, a theme's
//! template error names its file and line, and templates never come from outside the
//! theme folder. Runs the blog's config with the oracle venv's Python (Pelican 4.12).
#![cfg(unix)]

use std::path::Path;

use folio_blog::theme_page::PageError;
use folio_blog::{Blog, OpenOptions};
use folio_pelican::settings::{ReadOptions, SettingsReader};
use folio_pelican::theme::ThemeError;
use folio_test_support::oracle_python;

fn open(root: &Path) -> Blog {
    let options = ReadOptions { python: Some(oracle_python()), ..ReadOptions::default() };
    Blog::open_with(root, &OpenOptions::run_python(SettingsReader::new(options))).unwrap()
}

/// A blog with two posts and `theme` (files relative to the blog).
fn blog(theme: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/a.rst"), "Post A\n######\n\n:date: 2024-01-02\n\nBody A.\n")
        .unwrap();
    std::fs::write(root.join("content/b.rst"), "Post B\n######\n\n:date: 2024-01-01\n\nBody B.\n")
        .unwrap();
    let mut conf = String::from("SITENAME = 'S'\nPATH = 'content'\nTIMEZONE = 'UTC'\n");
    if !theme.is_empty() {
        conf.push_str("THEME = 'mytheme'\n");
    }
    std::fs::write(root.join("pelicanconf.py"), conf).unwrap();
    for (path, text) in theme {
        let file = root.join("mytheme").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    tmp
}

const LISTING: &str = "{% for a in articles %}[{{ a.title }}]{% endfor %}{{ article.content }}";

#[test]
fn the_page_shows_another_posts_new_title_once_its_file_changes() {
    let tmp = blog(&[("templates/article.html", LISTING)]);
    let blog = open(tmp.path());
    let text = std::fs::read_to_string(tmp.path().join("content/a.rst")).unwrap();
    let page = blog.render_page("content/a.rst", &text).unwrap();
    assert!(page.starts_with("[Post A][Post B]"), "{page}");
    std::fs::write(
        tmp.path().join("content/b.rst"),
        "Renamed B\n#########\n\n:date: 2024-01-01\n\nBody.\n",
    )
    .unwrap();
    let page = blog.render_page("content/a.rst", &text).unwrap();
    assert!(page.starts_with("[Post A][Renamed B]"), "the listing kept a stale title: {page}");
    // The open post's own text is the editor's, not the file's.
    let page = blog.render_page("content/a.rst", &text.replace("Body A", "Typed")).unwrap();
    assert!(page.contains("<p>Typed.</p>"), "{page}");
}

#[test]
fn a_template_error_names_the_file_and_line() {
    let tmp = blog(&[
        ("templates/article.html", "{% extends 'base.html' %}"),
        ("templates/base.html", "<html>\n<body>\n{{ article.title | no_such_filter }}\n"),
    ]);
    let text = std::fs::read_to_string(tmp.path().join("content/a.rst")).unwrap();
    match open(tmp.path()).render_page("content/a.rst", &text) {
        Err(PageError::Template(ThemeError::Template { file, line, .. })) => {
            assert_eq!((file.as_deref(), line), (Some("base.html"), Some(3)));
        }
        other => panic!("expected a template error, got {other:?}"),
    }
}

#[test]
fn a_template_that_links_outside_the_theme_is_refused() {
    let tmp = blog(&[("templates/article.html", "{% include 'secret.html' %}")]);
    std::fs::write(tmp.path().join("secret.txt"), "the blog's secret").unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("secret.txt"),
        tmp.path().join("mytheme/templates/secret.html"),
    )
    .unwrap();
    let text = std::fs::read_to_string(tmp.path().join("content/a.rst")).unwrap();
    let err = open(tmp.path()).render_page("content/a.rst", &text).unwrap_err();
    assert!(err.to_string().contains("outside the theme folder"), "{err}");
}

#[test]
fn without_a_theme_setting_the_page_is_pelicans_notmyidea() {
    let tmp = blog(&[]);
    let text = std::fs::read_to_string(tmp.path().join("content/a.rst")).unwrap();
    let page = open(tmp.path()).render_page("content/a.rst", &text).unwrap();
    assert!(page.contains("<header id=\"banner\" class=\"body\">"), "{page}");
    assert!(page.contains("<p>Body A.</p>"), "{page}");
}

#[test]
fn the_windows_page_has_the_placeholder_for_the_body_and_its_own_site_url() {
    use folio_blog::theme_page::PageOptions;
    let tmp = blog(&[]);
    let text = std::fs::read_to_string(tmp.path().join("content/a.rst")).unwrap();
    let options = PageOptions {
        body_placeholder: Some("<folio-body></folio-body>".into()),
        site_url: Some("folio://localhost/.folio-site".into()),
    };
    let page = open(tmp.path()).render_page_with("content/a.rst", &text, &options).unwrap();
    assert_eq!(page.matches("<folio-body></folio-body>").count(), 1, "{page}");
    assert!(!page.contains("Body A."), "the body is in the page: {page}");
    assert!(page.contains("Post A"), "{page}");
    assert!(
        page.contains("folio://localhost/.folio-site/theme/css/main.css"),
        "the stylesheet is not under the window's SITEURL: {page}"
    );
}

#[test]
fn the_themes_static_files_are_served_and_nothing_outside_them() {
    let tmp = blog(&[
        ("templates/article.html", "{{ article.content }}"),
        ("static/css/main.css", "body { color: red }"),
    ]);
    std::fs::write(tmp.path().join("mytheme/secret.txt"), "the theme's secret").unwrap();
    std::os::unix::fs::symlink(
        tmp.path().join("mytheme/secret.txt"),
        tmp.path().join("mytheme/static/css/link.css"),
    )
    .unwrap();
    let blog = open(tmp.path());
    let css = blog.read_theme_static("/theme/css/main.css").unwrap();
    assert_eq!((css.bytes.as_slice(), css.mime), (&b"body { color: red }"[..], "text/css"));
    for refused in [
        "/theme/css/link.css",
        "/theme/../secret.txt",
        "/theme/%2e%2e/secret.txt",
        "/theme/css",
        "/css/main.css",
        "/theme//etc/passwd",
    ] {
        let err = blog.read_theme_static(refused).unwrap_err();
        assert!(matches!(err, PageError::NotThemeStatic(_)), "{refused}: {err}");
    }
}

#[test]
fn a_python_without_pelican_tells_the_writer_to_install_it() {
    let tmp = blog(&[]);
    // The oracle's base interpreter without site-packages: a real Python that has no Pelican.
    let out = std::process::Command::new(oracle_python())
        .args(["-c", "import sys; print(sys._base_executable)"])
        .output()
        .unwrap();
    let base = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let script = tmp.path().join("python-without-site");
    std::fs::write(&script, format!("#!/bin/sh\nexec '{base}' -S \"$@\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let options = ReadOptions { python: Some(script.clone()), ..ReadOptions::default() };
    let blog = Blog::open_with(tmp.path(), &OpenOptions::run_python(SettingsReader::new(options)))
        .unwrap();
    let text = std::fs::read_to_string(tmp.path().join("content/a.rst")).unwrap();
    let err = blog.render_page("content/a.rst", &text).unwrap_err();
    assert!(matches!(&err, PageError::NoPelican { python, .. } if *python == script), "{err:?}");
    let words = err.to_string();
    assert!(
        words.starts_with("Install Pelican (pip install pelican) to see your theme's page")
            && words.contains("python-without-site"),
        "{words}"
    );
}
