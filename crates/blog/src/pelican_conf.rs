//! The `pelicanconf.py` settings Folio reads, when they are plain literals; anything else
//! (an expression, an import) keeps Pelican's default, since Folio never runs the file.

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
    /// `THEME`: a theme folder (or the name of an installed theme, which Folio cannot see).
    pub theme: Option<String>,
    /// `CSS_FILE`: the stylesheet name themes like Pelican's own link by this setting.
    pub css_file: String,
}

impl Default for PelicanConf {
    fn default() -> Self {
        PelicanConf {
            site_name: None,
            content_path: "content".to_string(),
            article_paths: vec![String::new()],
            page_paths: vec!["pages".to_string()],
            static_paths: vec!["images".to_string()],
            theme: None,
            css_file: "main.css".to_string(),
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
                "THEME" => conf.theme = string_literal(value).or(conf.theme),
                "CSS_FILE" => conf.css_file = string_literal(value).unwrap_or(conf.css_file),
                _ => {}
            }
        }
        conf
    }
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
    fn indented_and_commented_lines_are_not_settings() {
        let conf = PelicanConf::parse("# PATH = 'x'\nif True:\n    PATH = 'y'\n");
        assert_eq!(conf.content_path, "content");
    }
}
