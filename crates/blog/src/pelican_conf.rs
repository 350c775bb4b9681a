//! The `pelicanconf.py` settings Folio uses, from the blog's own Python when it may run
//! it ([`PelicanConf::from_python`]), else read as plain literals ([`PelicanConf::parse`]):
//! then anything else (an expression, an import) keeps Pelican's default, and
//! [`unread_settings`] names what was not read.

use std::path::Path;

/// Where Pelican finds content, relative to the blog root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PelicanConf {
    /// `SITENAME`, shown in the window.
    pub site_name: Option<String>,
    /// `PATH`: the content folder, relative to the blog root.
    pub content_path: String,
    /// `ARTICLE_PATHS`, relative to `content_path` (`""` is the content folder itself).
    pub article_paths: Vec<String>,
    /// `PAGE_PATHS`, relative to `content_path`.
    pub page_paths: Vec<String>,
    /// `STATIC_PATHS`, relative to `content_path`.
    pub static_paths: Vec<String>,
    /// `ARTICLE_EXCLUDES`: folders, relative to `content_path`, the article walk skips.
    pub article_excludes: Vec<String>,
    /// `PAGE_EXCLUDES`: folders the page walk skips.
    pub page_excludes: Vec<String>,
    /// `IGNORE_FILES`: `fnmatch` patterns of file and folder names Pelican skips.
    pub ignore_files: Vec<String>,
    /// `THEME`: a theme folder (or the name of an installed theme, which Folio cannot see).
    pub theme: Option<String>,
    /// `CSS_FILE`: the stylesheet name themes like Pelican's own link by this setting.
    pub css_file: String,
    /// Whether `DEFAULT_DATE` may be set (to a date, or `'fs'`): then an article without a
    /// date still gets one. True also when the setting could not be read.
    pub default_date: bool,
    /// `DEFAULT_LANG`: the language of a post without `:lang:` (spell checking reads it).
    pub default_lang: Option<String>,
}

impl Default for PelicanConf {
    fn default() -> Self {
        PelicanConf {
            site_name: None,
            content_path: "content".to_string(),
            article_paths: vec![String::new()],
            page_paths: vec!["pages".to_string()],
            static_paths: vec!["images".to_string()],
            article_excludes: Vec::new(),
            page_excludes: Vec::new(),
            ignore_files: vec!["**/.*".to_string()],
            theme: None,
            css_file: "main.css".to_string(),
            default_date: false,
            default_lang: None,
        }
    }
}

impl PelicanConf {
    /// Reads settings from the text of a `pelicanconf.py` without running it.
    pub fn parse(text: &str) -> PelicanConf {
        let mut conf = PelicanConf::default();
        for (name, value) in assignments(text) {
            match name {
                "SITENAME" => conf.site_name = string_literal(value).or(conf.site_name),
                "PATH" => conf.content_path = string_literal(value).unwrap_or(conf.content_path),
                "ARTICLE_PATHS" => {
                    conf.article_paths = list_literal(value).unwrap_or(conf.article_paths)
                }
                "PAGE_PATHS" => conf.page_paths = list_literal(value).unwrap_or(conf.page_paths),
                "STATIC_PATHS" => {
                    conf.static_paths = list_literal(value).unwrap_or(conf.static_paths)
                }
                "ARTICLE_EXCLUDES" => {
                    conf.article_excludes = list_literal(value).unwrap_or(conf.article_excludes)
                }
                "PAGE_EXCLUDES" => {
                    conf.page_excludes = list_literal(value).unwrap_or(conf.page_excludes)
                }
                "IGNORE_FILES" => {
                    conf.ignore_files = list_literal(value).unwrap_or(conf.ignore_files)
                }
                "THEME" => conf.theme = string_literal(value).or(conf.theme),
                "DEFAULT_LANG" => conf.default_lang = string_literal(value).or(conf.default_lang),
                "CSS_FILE" => conf.css_file = string_literal(value).unwrap_or(conf.css_file),
                "DEFAULT_DATE" => {
                    // Python's falsy literals leave it unset, as Pelican tests it.
                    let falsy = ["None", "False", "0", "''", "\"\"", "()", "[]"];
                    conf.default_date = !falsy.contains(&value.trim())
                }
                _ => {}
            }
        }
        // Set where it cannot be read (computed, in a block, from a star import): assume so.
        let unread = unread_settings(text);
        if unread.iter().any(|n| n == "DEFAULT_DATE" || n.ends_with("import *")) {
            conf.default_date = true;
        }
        conf
    }
}

impl PelicanConf {
    /// Which files Pelican reads as articles and pages, by these settings.
    pub fn content_files(&self) -> folio_pelican::content_files::ContentFiles {
        folio_pelican::content_files::ContentFiles::new(
            self.article_paths.clone(),
            self.article_excludes.clone(),
            self.page_paths.clone(),
            self.page_excludes.clone(),
            self.ignore_files.clone(),
        )
    }

    /// Takes the settings Folio uses from the blog's Python `values` (what
    /// `read_settings.py` printed), keeping the default for a setting that is missing. Also
    /// returns the settings it could not use, with why: a value of the wrong type, or a
    /// path (`PATH`) outside the blog folder at `root`.
    pub fn from_python(
        values: &serde_json::Map<String, serde_json::Value>,
        root: &Path,
    ) -> (PelicanConf, Vec<String>) {
        let mut conf = PelicanConf::default();
        let mut unusable = Vec::new();
        let mut string = |name: &str| match values.get(name) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(_) => {
                unusable.push(format!("{name} (not a string)"));
                None
            }
        };
        conf.site_name = string("SITENAME");
        conf.default_lang = string("DEFAULT_LANG");
        conf.default_date = values.get("DEFAULT_DATE").is_some_and(|v| match v {
            serde_json::Value::Null | serde_json::Value::Bool(false) => false,
            serde_json::Value::String(s) => !s.is_empty(),
            serde_json::Value::Array(items) => !items.is_empty(),
            serde_json::Value::Number(n) => n.as_f64() != Some(0.0),
            serde_json::Value::Bool(true) | serde_json::Value::Object(_) => true,
        });
        let path = string("PATH");
        let theme = string("THEME");
        conf.css_file = string("CSS_FILE").unwrap_or(conf.css_file);
        match path.map(|p| inside(root, &p)) {
            Some(Some(rel)) => conf.content_path = rel,
            Some(None) => unusable.push("PATH (outside the blog folder)".to_string()),
            None => {}
        }
        // An installed theme (a name, or a folder outside the blog) is not Folio's to read.
        conf.theme = theme.and_then(|t| inside(root, &t));
        for (name, field) in [
            ("ARTICLE_PATHS", &mut conf.article_paths),
            ("PAGE_PATHS", &mut conf.page_paths),
            ("STATIC_PATHS", &mut conf.static_paths),
            ("ARTICLE_EXCLUDES", &mut conf.article_excludes),
            ("PAGE_EXCLUDES", &mut conf.page_excludes),
            ("IGNORE_FILES", &mut conf.ignore_files),
        ] {
            match values.get(name) {
                None => {}
                Some(serde_json::Value::Array(items)) => {
                    match items.iter().map(|i| i.as_str().map(str::to_string)).collect() {
                        Some(list) => *field = list,
                        None => unusable.push(format!("{name} (not a list of strings)")),
                    }
                }
                Some(_) => unusable.push(format!("{name} (not a list)")),
            }
        }
        (conf, unusable)
    }
}

/// `path` relative to `root` when it lies inside it (a relative path is taken as relative
/// to the root, as Pelican takes it relative to the config's folder); `None` outside.
fn inside(root: &Path, path: &str) -> Option<String> {
    let path = Path::new(path);
    if path.is_relative() {
        let rel = path.to_str()?.trim_start_matches("./");
        return (!rel.split('/').any(|part| part == "..")).then(|| rel.to_string());
    }
    let rel = path.strip_prefix(root).ok()?;
    rel.to_str().map(|r| r.replace('\\', "/"))
}

/// The uppercase names `text` assigns that the literal reader cannot read, in order: a
/// value that is not a Python literal (an expression, a call, a name), an augmented
/// assignment (`+=`), or an assignment inside a block (`if`, `with`, `for`). Each name
/// once. A top-level `from base import *` stands for the names it brings, which cannot be
/// known without running it: it is listed as written.
pub fn unread_settings(text: &str) -> Vec<String> {
    let mut found: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let statement = strip_comment(line).trim();
        if statement.starts_with("from ") && statement.ends_with("import *") {
            found.push((start, statement));
            continue;
        }
        let indented = line.starts_with(|c: char| c.is_whitespace());
        let Some((left, right)) = line.trim_start().split_once('=') else { continue };
        if right.starts_with('=') {
            continue;
        }
        let (name, augmented) = match left.trim_end().strip_suffix(['+', '-', '*', '|']) {
            Some(name) => (name.trim(), true),
            None => (left.trim(), false),
        };
        if setting_name(name) && (indented || augmented) {
            found.push((start, name));
        }
    }
    for (name, value) in assignments(text) {
        if !is_literal(value) {
            found.push((name.as_ptr() as usize - text.as_ptr() as usize, name));
        }
    }
    found.sort();
    let mut names: Vec<String> = Vec::new();
    for (_, name) in found {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// The settings `text` assigns that only the blog's Python is trusted to give: the
/// metadata rules (`FILENAME_METADATA`, `EXTRA_PATH_METADATA`, `DEFAULT_DATE`, …, see
/// [`folio_pelican::path_metadata::SETTINGS`]), which the literal reader leaves at
/// Pelican's defaults even when written as literals. In the order written, each once.
pub fn python_only_settings(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for (name, _) in assignments(text) {
        let rule = folio_pelican::path_metadata::SETTINGS.contains(&name);
        if rule && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// Whether `name` is a Pelican setting's name: uppercase letters, digits and `_`.
fn setting_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `value` is a Python literal: strings, numbers, `True`/`False`/`None`, and
/// lists, tuples and dicts of them.
fn is_literal(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    // After a value a sign is an operator (`'a' + 'b'`, `1 - 2`), not part of a number.
    let mut after_value = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'[' | b']' | b'(' | b')' | b'{' | b'}' | b',' | b':' => {
                after_value = matches!(c, b']' | b')' | b'}');
                i += 1
            }
            b'#' => i += value[i..].find('\n').unwrap_or(value.len() - i),
            b'\'' | b'"' => match string_end(value, i) {
                Some(end) => (i, after_value) = (end, true),
                None => return false,
            },
            b'-' | b'+' if after_value => return false,
            b'-' | b'+' | b'.' | b'0'..=b'9' => {
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_'))
                {
                    i += 1;
                }
                after_value = true;
            }
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                let end = value[i..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                    .map_or(value.len(), |e| i + e);
                let word = &value[i..end];
                let prefix = word.len() <= 2
                    && word.chars().all(|ch| matches!(ch, 'r' | 'R' | 'b' | 'B' | 'u' | 'U'))
                    && matches!(bytes.get(end), Some(b'\'' | b'"'));
                if !(prefix || matches!(word, "True" | "False" | "None")) {
                    return false;
                }
                i = end;
                after_value = !prefix;
            }
            _ => return false,
        }
    }
    true
}

/// Where the string literal opening at `start` ends (after its closing quote).
fn string_end(value: &str, start: usize) -> Option<usize> {
    let quote = &value[start..start + 1];
    let triple = quote.repeat(3);
    let (open, close) =
        if value[start..].starts_with(&triple) { (3, triple.as_str()) } else { (1, quote) };
    let mut i = start + open;
    while i < value.len() {
        let rest = &value[i..];
        if rest.starts_with('\\') {
            i += 2;
        } else if rest.starts_with(close) {
            return Some(i + close.len());
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
}

/// `NAME = value` statements at the top level; a value may continue over lines while its
/// brackets are open.
fn assignments(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.starts_with(|c: char| c.is_whitespace() || c == '#') {
            continue;
        }
        let Some((name, _)) = line.split_once('=') else { continue };
        let name = name.trim();
        if name.is_empty()
            || !name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            continue;
        }
        let value_start = start + line.find('=').unwrap_or(0) + 1;
        let mut depth = 0i32;
        let mut end = text.len();
        for (i, c) in text[value_start..].char_indices() {
            match c {
                '[' | '(' | '{' => depth += 1,
                ']' | ')' | '}' => depth -= 1,
                '\n' if depth <= 0 => {
                    end = value_start + i;
                    break;
                }
                _ => {}
            }
        }
        out.push((name, text[value_start..end].trim()));
    }
    out
}

/// The value of a Python string literal without escapes, like `'abc'`.
fn string_literal(value: &str) -> Option<String> {
    let value = strip_comment(value).trim();
    let quote = value.chars().next().filter(|q| *q == '\'' || *q == '"')?;
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(quote) && !inner.contains('\\')).then(|| inner.to_string())
}

/// A list or tuple of string literals, like `['a', "b",]`.
fn list_literal(value: &str) -> Option<Vec<String>> {
    let value = value.trim();
    let inner = value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'))
        .or_else(|| value.strip_prefix('(').and_then(|v| v.strip_suffix(')')))?;
    let inner: String = inner.lines().map(strip_comment).collect::<Vec<_>>().join("\n");
    inner.split(',').map(str::trim).filter(|item| !item.is_empty()).map(string_literal).collect()
}

/// Drops a trailing `# comment` outside quotes.
fn strip_comment(value: &str) -> &str {
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (c, quote) {
            ('\'' | '"', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('#', None) => return &value[..i],
            _ => {}
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_date_counts_as_set_unless_python_would_find_it_false() {
        let set = |text: &str| PelicanConf::parse(text).default_date;
        assert!(set("DEFAULT_DATE = 'fs'\n"));
        assert!(set("DEFAULT_DATE = (2020, 1, 1)\n"));
        assert!(!set("DEFAULT_DATE = None\n"));
        assert!(!set("PATH = 'content'\n"));
        assert!(set("DEFAULT_DATE = compute()\n"), "unreadable: assume set");
        assert!(set("from base import *\n"), "it may come from the import");
    }

    #[test]
    fn reads_literals_and_keeps_defaults_for_expressions() {
        let conf = PelicanConf::parse(
            "SITENAME = \"Jim's blog\"  # name\nPATH = os.path.join('a', 'b')\n",
        );
        assert_eq!(conf.site_name.as_deref(), Some("Jim's blog"));
        assert_eq!(conf.content_path, "content", "an expression is not evaluated");
        assert_eq!(PelicanConf::parse("PATH = 'posts'").content_path, "posts");
    }

    #[test]
    fn reads_path_lists_even_over_several_lines() {
        let conf = PelicanConf::parse(
            "ARTICLE_PATHS = ['blog', \"notes\"]\nPAGE_PATHS = (\n    'about',  # the about pages\n    'legal',\n)\nSTATIC_PATHS = ['images', 'extra/robots.txt']\n",
        );
        assert_eq!(conf.article_paths, ["blog", "notes"]);
        assert_eq!(conf.page_paths, ["about", "legal"]);
        assert_eq!(conf.static_paths, ["images", "extra/robots.txt"]);
    }

    #[test]
    fn a_list_with_anything_but_string_literals_keeps_the_default() {
        let conf = PelicanConf::parse("PAGE_PATHS = [BASE + 'pages']\nARTICLE_PATHS = []\n");
        assert_eq!(conf.page_paths, ["pages"]);
        assert!(conf.article_paths.is_empty(), "an empty list is a literal");
    }

    #[test]
    fn unread_settings_names_expressions_blocks_and_augmented_assignments() {
        let text = "import os\nSITENAME = 'Plain'\nPATH = os.path.join(HERE, 'c')\n\
                    TAGS = ['a', (1, -2.5e3), {'k': None}, r'x\\y', \"\"\"doc\"\"\"]\n\
                    with open('n') as f:\n    AUTHOR = f.read()\nMENU += ['x']\n\
                    THEME = BASE\nlower = call()\nDEBUG = True  # a comment\n\
                    SITEURL = 'https://' + 'x.org'\nOFFSET = -3\nSPAN = 1 - 2\n\
                    from base import *  # shared settings\n";
        assert_eq!(
            unread_settings(text),
            ["PATH", "AUTHOR", "MENU", "THEME", "SITEURL", "SPAN", "from base import *"]
        );
    }

    #[test]
    fn python_values_inside_the_blog_become_relative_and_others_are_named() {
        let root = Path::new("/blogs/mine");
        let values = serde_json::json!({
            "PATH": "/blogs/mine/posts",
            "ARTICLE_PATHS": ["en", "fr"],
            "PAGE_PATHS": "pages",
            "THEME": "/usr/lib/python3/site-packages/pelican/themes/notmyidea",
            "SITENAME": "Mine",
        });
        let (conf, unusable) = PelicanConf::from_python(values.as_object().unwrap(), root);
        assert_eq!(conf.content_path, "posts");
        assert_eq!(conf.article_paths, ["en", "fr"]);
        assert_eq!(conf.page_paths, ["pages"], "a wrong type keeps the default");
        assert_eq!(conf.theme, None, "an installed theme is outside the blog");
        assert_eq!(conf.site_name.as_deref(), Some("Mine"));
        assert_eq!(unusable, ["PAGE_PATHS (not a list)"]);
        let outside = serde_json::json!({"PATH": "/elsewhere/content"});
        let (conf, unusable) = PelicanConf::from_python(outside.as_object().unwrap(), root);
        assert_eq!(conf.content_path, "content");
        assert_eq!(unusable, ["PATH (outside the blog folder)"]);
    }

    #[test]
    fn indented_and_commented_lines_are_not_settings() {
        let conf = PelicanConf::parse("# PATH = 'x'\nif True:\n    PATH = 'y'\n");
        assert_eq!(conf.content_path, "content");
    }
}
