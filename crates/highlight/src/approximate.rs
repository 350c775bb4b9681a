//! Rough hand-written lexers for the languages that have no grammar in `grammar/` yet
//! (moved from folio-rst, where they were the whole highlighter), now only for C and
//! C++.
//! Their tokens are near Pygments' but not equal; each language leaves this file when it
//! gets a grammar, measured by `tests/fidelity.rs`.

use std::ops::Range;

use crate::engine::Tok;
use crate::token_type::TokenType;
use crate::Family;

/// Appends the tokens of `text[range]` in the rough lexer of `family`.
pub(crate) fn lex(family: Family, text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let base = range.start;
    let part = &text[range];
    let family = match family {
        Family::CLike => "c",
    };
    for (class, t) in tokens(family, part) {
        let start = t.as_ptr() as usize - part.as_ptr() as usize + base;
        out.push((TokenType::from_class(class), start..start + t.len()));
    }
}

const C_LIKE_KEYWORDS: &[&str] = &[
    "break", "case", "catch", "class", "const", "continue", "default", "do", "else", "export",
    "for", "function", "if", "import", "in", "let", "new", "return", "static", "struct", "switch",
    "this", "throw", "try", "typedef", "var", "void", "while", "int", "char", "float", "double",
    "long", "unsigned", "sizeof", "true", "false", "null",
];

/// Splits `text` into (Pygments short class, text) tokens; "" means plain text.
fn tokens<'t>(family: &str, text: &'t str) -> Vec<(&'static str, &'t str)> {
    let b = text.as_bytes();
    let mut out: Vec<(&'static str, &'t str)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let take_while = |mut j: usize, f: &dyn Fn(u8) -> bool| {
            while j < b.len() && f(b[j]) {
                j += 1;
            }
            j
        };
        let class: &'static str;
        if c == b'\n' {
            i += 1;
            class = "";
        } else if c == b' ' || c == b'\t' {
            i = take_while(i, &|x| x == b' ' || x == b'\t');
            class = "";
            out.push((class, &text[start..i]));
            continue;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') && family == "c" {
            i = take_while(i, &|x| x != b'\n');
            class = "c1";
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') && family == "c" {
            i = text[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
            class = "cm";
        } else if c == b'"' || c == b'\'' || c == b'`' {
            {
                let mut j = i + 1;
                while j < b.len() && b[j] != c && b[j] != b'\n' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = (j + 1).min(b.len());
            }
            class = match c {
                b'\'' => "s1",
                _ => "s2",
            };
        } else if c.is_ascii_digit() {
            i = take_while(i, &|x| x.is_ascii_alphanumeric() || x == b'_');
            let mut float = false;
            if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i = take_while(i + 1, &|x| x.is_ascii_alphanumeric() || x == b'_');
                float = true;
            }
            class = if float {
                "mf"
            } else if text[start..i].starts_with("0x") {
                "mh"
            } else {
                "mi"
            };
        } else if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            i = take_while(i, &|x| x.is_ascii_alphanumeric() || x == b'_' || x >= 0x80);
            let word = &text[start..i];
            class = word_class(family, word, b.get(i).copied());
            out.push((class, &text[start..i]));
            continue;
        } else if b"()[]{},;:.".contains(&c) {
            i += 1;
            class = "p";
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            class = "o";
        }
        out.push((class, &text[start..i]));
    }
    out
}

fn word_class(family: &str, word: &str, next: Option<u8>) -> &'static str {
    match family {
        "c" => match word {
            "const" | "let" | "var" => "kd",
            w if C_LIKE_KEYWORDS.contains(&w) => "k",
            _ if next == Some(b'(') => "nf",
            _ => "nx",
        },
        _ => "",
    }
}
