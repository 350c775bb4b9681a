//! Makefiles, as Pygments' `basemake` lexer tokenizes them once `make` has set aside
//! conditionals and comment lines (see `session::makefile`); recipes are Bash.

use crate::engine::Action::{By, Tok, Using};
use crate::engine::Part::{T as P, U};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

pub(crate) const GRAMMAR: Grammar =
    &[("root", ROOT), ("expansion", EXPANSION), ("export", EXPORT), ("block-header", BLOCK_HEADER)];

/// The longest text before a target's colon that is read as its name (characters).
macro_rules! max_target {
    () => {
        "256"
    };
}

const ROOT: &[Rule] = &[
    r(r"^(?:[\t ]+.*\n|\n)+", Using(Language::Bash), ""),
    r(r"\$[<@$+%?|*]", Tok(T::Keyword), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"#.*?\n", Tok(T::Comment), ""),
    r(
        r"((?:un)?export)(\s+)(?=[\w${}\t -]+\n)",
        By(&[P(T::Keyword), P(T::TextWhitespace)]),
        "export",
    ),
    r(r"(?:un)?export\s+", Tok(T::Keyword), ""),
    r(
        r"([\w${}().-]+)(\s*)([!?:+]?=)([ \t]*)((?:.*\\\n)+|.*\n)",
        By(&[
            P(T::NameVariable),
            P(T::TextWhitespace),
            P(T::Operator),
            P(T::TextWhitespace),
            U(Language::Bash),
        ]),
        "",
    ),
    r(r#""(?:\\\\|\\[^\\]|[^"\\])*""#, Tok(T::LiteralStringDouble), ""),
    r(r"'(?:\\\\|\\[^\\]|[^'\\])*'", Tok(T::LiteralStringSingle), ""),
    // Pygments' `[^\n:]+` before a target's colon, bounded: unbounded, a long line
    // without a colon is scanned to its end from each of its positions (quadratic).
    r(
        concat!(r"([^\n:]{1,", max_target!(), r"})(:+)([ \t]*)"),
        By(&[P(T::NameFunction), P(T::Operator), P(T::TextWhitespace)]),
        "block-header",
    ),
    r(r"\$\(", Tok(T::Keyword), "expansion"),
];

const EXPANSION: &[Rule] = &[
    r(r"[^\w$().-]+", Tok(T::Text), ""),
    r(r"[\w.-]+", Tok(T::NameVariable), ""),
    r(r"\$", Tok(T::Keyword), ""),
    r(r"\(", Tok(T::Keyword), "#push"),
    r(r"\)", Tok(T::Keyword), "#pop"),
];

const EXPORT: &[Rule] = &[
    r(r"[\w${}-]+", Tok(T::NameVariable), ""),
    r(r"\n", Tok(T::Text), "#pop"),
    r(r"\s+", Tok(T::TextWhitespace), ""),
];

const BLOCK_HEADER: &[Rule] = &[
    r(r"[,|]", Tok(T::Punctuation), ""),
    r(r"#.*?\n", Tok(T::Comment), "#pop"),
    r(r"\\\n", Tok(T::Text), ""),
    r(r"\$\(", Tok(T::Keyword), "expansion"),
    r(r"[a-zA-Z_]+", Tok(T::Name), ""),
    r(r"\n", Tok(T::TextWhitespace), "#pop"),
    r(r".", Tok(T::Text), ""),
];
