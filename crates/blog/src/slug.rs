//! Pelican's `slugify`, with its default `SLUG_REGEX_SUBSTITUTIONS`: transliterate to
//! ASCII, drop everything but word characters, spaces and hyphens, trim, turn runs of
//! spaces and hyphens into one hyphen, lowercase.

/// The slug Pelican makes of `text` (`"Déjà vu, again!"` → `"deja-vu-again"`).
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let kept: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || c.is_ascii_whitespace())
        .collect();
    let mut slug = String::with_capacity(kept.len());
    let mut pending_hyphen = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_ascii_whitespace() {
            pending_hyphen = true;
        } else {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        }
    }
    // A trailing run of hyphens/spaces became one hyphen in Pelican only inside the text;
    // a leading or trailing hyphen written by the user stays, as its regexes keep it.
    if kept.trim().starts_with('-') {
        slug.insert(0, '-');
    }
    if kept.trim().ends_with('-') && !slug.is_empty() {
        slug.push('-');
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn matches_pelicans_default_slugs() {
        let cases = [
            ("Hello World!", "hello-world"),
            ("  Déjà vu, again  ", "deja-vu-again"),
            ("a -- b", "a-b"),
            ("C++ & Rust", "c-rust"),
            ("100% Pure_Fun", "100-pure_fun"),
            ("A Farewell to Anaconda", "a-farewell-to-anaconda"),
            ("Straße", "strasse"),
            ("", ""),
            // Leading and trailing hyphens survive Pelican's substitutions.
            ("-lead", "-lead"),
            ("trail-", "trail-"),
            (" - x - ", "-x-"),
        ];
        for (title, slug) in cases {
            assert_eq!(slugify(title), slug, "{title:?}");
        }
    }
}
