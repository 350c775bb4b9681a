//! Pelican's intrasite links: `{filename}other.rst`, `{static}images/a.png`, `{tag}name`,
//! `{category}name`, `{author}name` and `{index}` in an attribute of the content become
//! the URLs of what they name, as `Content._update_content` rewrites them for the page.

use std::sync::LazyLock;

use regex::Regex;

/// Pelican's pattern with the default `INTRASITE_LINK_REGEX` (`[{|](?P<what>.*?)[|}]`),
/// one branch per quote since the regex crate has no back-references.
static LINK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r#"(?s)(<[^>]+(?:href|src|poster|data|cite|formaction|action|content)\s*=\s*)(?:"([{|](.*?)[|}](.*?))"|'([{|](.*?)[|}](.*?))')"#,
    )
    .ok()
});

/// What a link names, for the caller to turn into a URL (relative to the site's root).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    /// A content file (`{filename}`), by its path relative to the content folder.
    Content(&'a str),
    /// A static file (`{static}`, `{attach}`), by its path relative to the content folder.
    Static(&'a str),
    /// `{category}`, `{tag}`, `{author}` with the name written.
    Category(&'a str),
    Tag(&'a str),
    Author(&'a str),
    /// `{index}`.
    Index,
}

/// `os.path.normpath` of a `/`-separated relative path.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Rewrites the links of `content` written in the folder `dir` (relative to the content
/// folder); `url_of` gives a target's URL, `None` leaving the link as written (Pelican
/// warns and does the same).
pub(crate) fn rewrite(
    content: &str,
    dir: &str,
    siteurl: &str,
    relative_urls: bool,
    url_of: impl Fn(Target<'_>) -> Option<String>,
) -> String {
    let Some(link) = LINK.as_ref() else { return content.to_string() };
    if !content.contains(['{', '|']) {
        return content.to_string();
    }
    link.replace_all(content, |caps: &regex::Captures<'_>| {
        let markup = &caps[1];
        let (quote, whole, what, value) = match caps.get(2) {
            Some(whole) => ('"', whole.as_str(), &caps[3], &caps[4]),
            None => ('\'', &caps[5], &caps[6], &caps[7]),
        };
        let split = value.find(['?', '#']).unwrap_or(value.len());
        let (path, rest) = value.split_at(split);
        let in_content = |path: &str| match path.strip_prefix('/') {
            Some(absolute) => normalize(absolute),
            None if dir.is_empty() => normalize(path),
            None => normalize(&format!("{dir}/{path}")),
        };
        let target = match what {
            "filename" => {
                let p = in_content(path);
                url_of(Target::Content(&p)).or_else(|| url_of(Target::Static(&p)))
            }
            "static" | "attach" => url_of(Target::Static(&in_content(path))),
            "category" => url_of(Target::Category(path)),
            "tag" => url_of(Target::Tag(path)),
            "author" => url_of(Target::Author(path)),
            "index" => url_of(Target::Index),
            _ => None,
        };
        let origin = match target {
            Some(url) if relative_urls && siteurl.is_empty() => url,
            Some(url) if relative_urls => format!("{siteurl}/{url}"),
            Some(url) => format!("{}/{url}", siteurl.trim_end_matches('/')),
            None => whole[..whole.len() - rest.len()].to_string(),
        };
        format!("{markup}{quote}{origin}{rest}{quote}")
    })
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_content_and_static_files_become_their_urls() {
        let html = r#"<a href="{filename}../b.rst#part">b</a> <img src='{static}/images/x.png' alt="x"> <a href="{nope}y">y</a> <a href="{filename}missing.rst">m</a>"#;
        let out = rewrite(html, "notes", "https://s.example", false, |t| match t {
            Target::Content("b.rst") => Some("b.html".into()),
            Target::Static("images/x.png") => Some("images/x.png".into()),
            _ => None,
        });
        assert_eq!(
            out,
            r#"<a href="https://s.example/b.html#part">b</a> <img src='https://s.example/images/x.png' alt="x"> <a href="{nope}y">y</a> <a href="{filename}missing.rst">m</a>"#
        );
    }
}
