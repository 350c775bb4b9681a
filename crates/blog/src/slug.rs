//! Pelican's `slugify`: the URL-safe name of a post or an image file.

use unicode_normalization::UnicodeNormalization;

/// Turns `value` into a slug the way Pelican's `utils.slugify` does with its default
/// `SLUG_REGEX_SUBSTITUTIONS`: NFKD-normalize and drop what is not ASCII, remove characters
/// that are neither word characters, whitespace nor `-`, trim, collapse runs of whitespace
/// and `-` into one `-`, lowercase. The result may be empty (a title of only symbols).
pub fn slugify(value: &str) -> String {
    let ascii: String = value.nfkd().filter(char::is_ascii).collect();
    let kept: String = ascii
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || c.is_ascii_whitespace())
        .collect();
    let mut slug = String::with_capacity(kept.len());
    let mut in_run = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_ascii_whitespace() {
            if !in_run {
                slug.push('-');
            }
            in_run = true;
        } else {
            slug.push(c.to_ascii_lowercase());
            in_run = false;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn follows_pelicans_default_rules() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("  Déjà   vu -- again  "), "deja-vu-again");
        assert_eq!(slugify("snake_case stays"), "snake_case-stays");
        assert_eq!(slugify("日本語"), "");
        assert_eq!(slugify("ﬁne café"), "fine-cafe");
    }
}
