//! Python regular expressions, as settings write them (`FILENAME_METADATA`,
//! `SLUG_REGEX_SUBSTITUTIONS`), turned into the `regex` crate's.
//!
//! The two dialects share most syntax, `(?P<name>…)` included. What differs is converted:
//! `\Z` (Python's end of text) is `\z`, and a replacement's `\1` and `\g<name>` are `${1}`
//! and `${name}`. What the `regex` crate cannot do at all (back-references, lookarounds)
//! is an error that says so, never a crash: the crate runs in linear time by leaving those
//! out.

use regex::{Regex, RegexBuilder};

/// A Python pattern Folio cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PythonRegexError {
    /// A construct the `regex` crate does not have.
    #[error(
        "the pattern {pattern:?} uses {what}, which Folio's regular expressions do not support"
    )]
    Unsupported {
        /// The pattern as written.
        pattern: String,
        /// The construct, in words.
        what: &'static str,
    },
    /// The pattern does not compile (its message says where).
    #[error("the pattern {pattern:?} is not a regular expression Folio can read: {message}")]
    Invalid {
        /// The pattern as written.
        pattern: String,
        /// The regex crate's message.
        message: String,
    },
}

/// How a pattern is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// As `re.match`: at the start of the text only (the end is free).
    Start,
    /// As `re.sub` and `re.search`: anywhere.
    Anywhere,
}

/// Compiles Python's `pattern`. `ignore_case` is `re.IGNORECASE`.
pub fn compile(
    pattern: &str,
    anchor: Anchor,
    ignore_case: bool,
) -> Result<Regex, PythonRegexError> {
    let converted = convert(pattern)?;
    let source = match anchor {
        Anchor::Start => format!(r"\A(?:{converted})"),
        Anchor::Anywhere => converted,
    };
    RegexBuilder::new(&source).case_insensitive(ignore_case).build().map_err(|e| {
        PythonRegexError::Invalid { pattern: pattern.to_string(), message: e.to_string() }
    })
}

/// The pattern in the `regex` crate's syntax.
fn convert(pattern: &str) -> Result<String, PythonRegexError> {
    let unsupported = |what| PythonRegexError::Unsupported { pattern: pattern.to_string(), what };
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut chars = pattern.chars().peekable();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match next {
                    'Z' if !in_class => out.push_str(r"\z"),
                    '1'..='9' if !in_class => return Err(unsupported("a back-reference (\\N)")),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // A `]` (after an optional `^`) first in a class is a literal in both.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str(r"\]");
                    chars.next();
                }
            }
            // Python takes `[` inside a class as itself; the regex crate would nest a class.
            '[' => out.push_str(r"\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '(' if !in_class && chars.peek() == Some(&'?') => {
                let rest: String = chars.clone().take(4).collect();
                if rest.starts_with("?P=") {
                    return Err(unsupported("a named back-reference ((?P=name))"));
                }
                if rest.starts_with("?=")
                    || rest.starts_with("?!")
                    || rest.starts_with("?<=")
                    || rest.starts_with("?<!")
                {
                    return Err(unsupported("a lookaround ((?=…), (?!…), (?<=…), (?<!…))"));
                }
                if rest.starts_with("?#") {
                    return Err(unsupported("a comment group ((?#…))"));
                }
                out.push('(');
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

/// Python's replacement template (`\1`, `\g<1>`, `\g<name>`, `\n`, `\\`) in the `regex`
/// crate's (`${1}`, `${name}`, literal `$` doubled).
pub fn replacement(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' => match chars.next() {
                Some(d @ '0'..='9') => {
                    let mut group = d.to_string();
                    if let Some(&e) = chars.peek().filter(|e| e.is_ascii_digit()) {
                        group.push(e);
                        chars.next();
                    }
                    out.push_str(&format!("${{{group}}}"));
                }
                Some('g') if chars.peek() == Some(&'<') => {
                    chars.next();
                    let name: String = chars.by_ref().take_while(|&x| x != '>').collect();
                    out.push_str(&format!("${{{name}}}"));
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_groups_and_pythons_end_of_text_compile() {
        let re =
            compile(r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.*)\Z", Anchor::Start, false).unwrap();
        let caps = re.captures("2020-01-02_my-post").unwrap();
        assert_eq!(&caps["date"], "2020-01-02");
        assert_eq!(&caps["slug"], "my-post");
        assert!(re.captures("x2020-01-02_a").is_none(), "re.match only matches at the start");
    }

    #[test]
    fn what_the_regex_crate_cannot_do_is_an_error_that_names_it() {
        let lookahead = compile(r"(?P<slug>.*)(?=\.draft)", Anchor::Start, false);
        assert!(lookahead.unwrap_err().to_string().contains("lookaround"));
        let backref = compile(r"(?P<a>x)(?P=a)", Anchor::Start, false);
        assert!(backref.unwrap_err().to_string().contains("back-reference"));
        assert!(compile(r"(x)\1", Anchor::Start, false).is_err());
        assert!(matches!(
            compile("(unclosed", Anchor::Start, false),
            Err(PythonRegexError::Invalid { .. })
        ));
    }

    #[test]
    fn a_bracket_inside_a_class_is_a_literal_as_in_python() {
        let re = compile(r"[[a]+", Anchor::Anywhere, false).unwrap();
        assert_eq!(re.find("x[a[").map(|m| m.as_str()), Some("[a["));
        let re = compile(r"[]x]+", Anchor::Anywhere, false).unwrap();
        assert_eq!(re.find("a]x]").map(|m| m.as_str()), Some("]x]"));
    }

    #[test]
    fn replacement_templates_use_the_regex_crates_group_syntax() {
        assert_eq!(replacement(r"\1-\g<name>"), "${1}-${name}");
        assert_eq!(replacement("a$b"), "a$$b");
        assert_eq!(replacement(r"\\"), "\\");
    }
}
