//! `pelican.utils.slugify` with the blog's `SLUG_REGEX_SUBSTITUTIONS`,
//! `SLUGIFY_PRESERVE_CASE` and `SLUGIFY_USE_UNICODE`: tags stripped, transliterated to
//! ASCII (unless Unicode is kept), each substitution applied without case, lowercased,
//! stripped.
//!
//! One step is approximate: Pelican normalizes to NFKC first, which Folio does not (a
//! ligature such as `ﬁ` becomes `fi` through the transliteration anyway).

use regex::Regex;

use crate::python_regex::{self, Anchor, PythonRegexError};

/// How the blog makes slugs.
#[derive(Debug, Clone)]
pub struct SlugRules {
    substitutions: Vec<(Regex, String)>,
    preserve_case: bool,
    use_unicode: bool,
}

/// Pelican's default `SLUG_REGEX_SUBSTITUTIONS`.
pub const DEFAULT_SUBSTITUTIONS: [(&str, &str); 4] =
    [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")];

impl Default for SlugRules {
    fn default() -> Self {
        let pairs: Vec<(String, String)> =
            DEFAULT_SUBSTITUTIONS.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        // The defaults are plain patterns both dialects read alike.
        SlugRules::new(&pairs, false, false).unwrap_or(SlugRules {
            substitutions: Vec::new(),
            preserve_case: false,
            use_unicode: false,
        })
    }
}

impl SlugRules {
    /// Rules from the settings' values: `(pattern, replacement)` pairs in Python syntax.
    pub fn new(
        substitutions: &[(String, String)],
        preserve_case: bool,
        use_unicode: bool,
    ) -> Result<SlugRules, PythonRegexError> {
        let substitutions = substitutions
            .iter()
            .map(|(pattern, to)| {
                let re = python_regex::compile(pattern, Anchor::Anywhere, true)?;
                Ok((re, python_regex::replacement(to)))
            })
            .collect::<Result<_, _>>()?;
        Ok(SlugRules { substitutions, preserve_case, use_unicode })
    }

    /// The slug Pelican makes of `value` (a title, which may hold HTML, or a file name).
    pub fn slugify(&self, value: &str) -> String {
        let text = strip_tags(value);
        let mut text = if self.use_unicode { text } else { deunicode::deunicode(&text) };
        for (re, to) in &self.substitutions {
            text = re.replace_all(&text, to.as_str()).into_owned();
        }
        if !self.preserve_case {
            text = text.to_lowercase();
        }
        text.trim().to_string()
    }
}

/// What markupsafe's `striptags` leaves of HTML: tags and comments removed, runs of white
/// space made one space, the common entities read back.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map(|e| e + 3)
        } else {
            after.find('>').map(|e| e + 1)
        };
        match end {
            Some(end) => rest = &after[end..],
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if !joined.contains('&') {
        return joined;
    }
    joined
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rules_make_pelicans_slugs() {
        let rules = SlugRules::default();
        for (title, slug) in [
            ("Hello World!", "hello-world"),
            ("  Déjà vu, again  ", "deja-vu-again"),
            ("C++ & Rust", "c-rust"),
            ("A <em>marked</em> title", "a-marked-title"),
            ("100% Pure_Fun", "100-pure_fun"),
        ] {
            assert_eq!(rules.slugify(title), slug, "{title:?}");
        }
    }

    #[test]
    fn the_blogs_substitutions_run_first_and_case_may_stay() {
        let subs = vec![
            ("c\\+\\+".to_string(), "cpp".to_string()),
            (r"[^\w\s-]".to_string(), String::new()),
            (r"[-\s]+".to_string(), "-".to_string()),
        ];
        let rules = SlugRules::new(&subs, true, false).unwrap();
        assert_eq!(rules.slugify("Why C++ Wins"), "Why-cpp-Wins");
    }
}
