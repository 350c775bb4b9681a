//! The few `pelicanconf.py` settings Folio reads, when they are plain string literals.

/// Settings read from `pelicanconf.py`; anything not a plain literal keeps Pelican's default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PelicanConf {
    /// `SITENAME`, shown in the window.
    pub site_name: Option<String>,
    /// `PATH`: the content folder, relative to the blog root.
    pub content_path: String,
}

impl Default for PelicanConf {
    fn default() -> Self {
        PelicanConf { site_name: None, content_path: "content".to_string() }
    }
}

impl PelicanConf {
    /// Reads settings from the text of a `pelicanconf.py` without running it.
    pub fn parse(text: &str) -> PelicanConf {
        let mut conf = PelicanConf::default();
        for line in text.lines() {
            let Some((name, value)) = line.split_once('=') else { continue };
            let Some(value) = string_literal(value) else { continue };
            match name.trim() {
                "SITENAME" => conf.site_name = Some(value),
                "PATH" => conf.content_path = value,
                _ => {}
            }
        }
        conf
    }
}

/// The value of a single-line Python string literal without escapes, like `'abc'`.
fn string_literal(value: &str) -> Option<String> {
    let value = value.split(" #").next()?.trim();
    let quote = value.chars().next().filter(|q| *q == '\'' || *q == '"')?;
    let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
    (!inner.contains(quote) && !inner.contains('\\')).then(|| inner.to_string())
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
}
