//! The blog theme's stylesheets, so the preview looks like the published page.
//!
//! Pelican copies a theme's `static/` folder to the site and its templates link the CSS
//! from there (`{{ THEME_STATIC_DIR }}/css/…`). Folio reads the links of the theme's
//! `templates/base.html` without running Jinja; when it finds none, it takes every CSS
//! file under `static/css/`. Only a theme inside the blog folder counts: an installed
//! theme's name (`THEME = 'notmyidea'`) points into a Python installation Folio never reads.

use std::fs;
use std::path::Path;

use crate::{blog_path, Blog};

/// Where links to the theme's static files start in its templates.
const STATIC_MARKER: &str = "THEME_STATIC_DIR";

impl Blog {
    /// The theme's stylesheets, relative to the blog root and `/`-separated, in the order
    /// the theme links them. Empty when the blog has no theme folder of its own.
    pub fn theme_stylesheets(&self) -> Vec<String> {
        let Some(theme) = self.conf.theme.as_deref() else { return Vec::new() };
        let Ok(dir) = blog_path::resolve(&self.root, theme.trim_end_matches('/')) else {
            return Vec::new();
        };
        let static_dir = dir.join("static");
        let base = fs::read_to_string(dir.join("templates").join("base.html")).unwrap_or_default();
        let mut sheets: Vec<String> = linked_stylesheets(&base, &self.conf.css_file)
            .into_iter()
            .filter(|rel| !rel.split('/').any(|part| part == ".." || part.is_empty()))
            .map(|rel| static_dir.join(rel))
            .filter(|path| path.is_file())
            .map(|path| blog_path::relative(&self.root, &path))
            .collect();
        if sheets.is_empty() {
            sheets = css_files(&static_dir.join("css"))
                .iter()
                .map(|path| blog_path::relative(&self.root, path))
                .collect();
        }
        sheets.dedup();
        sheets
    }
}

/// The `.css` paths under the theme's static folder that `template` links, with
/// `{{ CSS_FILE }}` replaced by `css_file`.
fn linked_stylesheets(template: &str, css_file: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(STATIC_MARKER) {
        rest = &rest[at + STATIC_MARKER.len()..];
        // `THEME_STATIC_DIR }}/css/main.css"`: the path runs from the first `/` to a quote.
        let Some(tail) = rest.trim_start_matches([' ', '}']).strip_prefix('/') else { continue };
        let end = tail.find(['"', '\'', '>', '\n']).unwrap_or(tail.len());
        let path = tail[..end].trim();
        let path = expand_css_file(path, css_file);
        if path.ends_with(".css") && !path.contains("{{") && !path.contains("{%") {
            found.push(path);
        }
    }
    found
}

/// Replaces `{{ CSS_FILE }}` (with any spacing) by the setting's value.
fn expand_css_file(path: &str, css_file: &str) -> String {
    let Some(open) = path.find("{{") else { return path.to_string() };
    let Some(close) = path[open..].find("}}").map(|c| open + c) else {
        return path.to_string();
    };
    if path[open + 2..close].trim() != "CSS_FILE" {
        return path.to_string();
    }
    format!("{}{css_file}{}", &path[..open], &path[close + 2..])
}

fn css_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e.eq_ignore_ascii_case("css")))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog_with_theme(conf: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Blog) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("pelicanconf.py"), conf).unwrap();
        fs::create_dir(dir.path().join("content")).unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let blog = Blog::open(dir.path()).unwrap();
        (dir, blog)
    }

    #[test]
    fn the_stylesheets_come_from_the_base_template_in_its_order() {
        let base = r#"<head>
  <link rel="stylesheet" href="{{ SITEURL }}/{{ THEME_STATIC_DIR }}/css/{{ CSS_FILE }}" />
  <link rel="stylesheet" href="{{ SITEURL }}/{{THEME_STATIC_DIR}}/css/pygment.css">
  <link rel="stylesheet" href="{{ SITEURL }}/{{ THEME_STATIC_DIR }}/css/missing.css">
  <script src="{{ SITEURL }}/{{ THEME_STATIC_DIR }}/js/app.js"></script>
</head>"#;
        let (_dir, blog) = blog_with_theme(
            "THEME = 'themes/plain'\nCSS_FILE = 'site.css'\n",
            &[
                ("themes/plain/templates/base.html", base),
                ("themes/plain/static/css/site.css", "body {}"),
                ("themes/plain/static/css/pygment.css", ".k {}"),
                ("themes/plain/static/css/unused.css", "p {}"),
            ],
        );
        assert_eq!(
            blog.theme_stylesheets(),
            ["themes/plain/static/css/site.css", "themes/plain/static/css/pygment.css"]
        );
    }

    #[test]
    fn without_links_every_css_file_of_the_theme_counts() {
        let (_dir, blog) = blog_with_theme(
            "THEME = \"theme/\"\n",
            &[("theme/static/css/b.css", ""), ("theme/static/css/a.css", "")],
        );
        assert_eq!(blog.theme_stylesheets(), ["theme/static/css/a.css", "theme/static/css/b.css"]);
    }

    #[test]
    fn an_installed_theme_or_a_theme_outside_the_blog_gives_none() {
        let (_dir, blog) = blog_with_theme("THEME = 'notmyidea'\n", &[]);
        assert!(blog.theme_stylesheets().is_empty());
        let (_dir, blog) = blog_with_theme("THEME = '../elsewhere'\n", &[]);
        assert!(blog.theme_stylesheets().is_empty());
        let (_dir, blog) = blog_with_theme("THEME = '/usr/share/theme'\n", &[]);
        assert!(blog.theme_stylesheets().is_empty());
        let (_dir, blog) = blog_with_theme("SITENAME = 'No theme'\n", &[]);
        assert!(blog.theme_stylesheets().is_empty());
    }
}
