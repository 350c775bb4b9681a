//! INI files, as Pygments' `ini` lexer tokenizes them.

use crate::engine::Action::{By, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT), ("quoted", QUOTED), ("continued", CONTINUED)];

const KEY: [crate::engine::Part; 4] =
    [P(T::NameAttribute), P(T::TextWhitespace), P(T::Operator), P(T::TextWhitespace)];

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"[;#].*", Tok(T::CommentSingle), ""),
    r(r"(\[.*?\])([ \t]*)$", By(&[P(T::Keyword), P(T::TextWhitespace)]), ""),
    r(
        r#"(.*?)([ \t]*)([=:])([ \t]*)(["'])"#,
        By(&[KEY[0], KEY[1], KEY[2], KEY[3], P(T::LiteralString)]),
        "quoted",
    ),
    r(
        r"(.*?)([ \t]*)([=:])([ \t]*)([^;#\n]*)(\\)(\s+)",
        By(&[
            KEY[0],
            KEY[1],
            KEY[2],
            KEY[3],
            P(T::LiteralString),
            P(T::Text),
            P(T::TextWhitespace),
        ]),
        "continued",
    ),
    r(
        r"(.*?)([ \t]*)([=:])([ \t]*)([^ ;#\n]*(?: +[^ ;#\n]+)*)",
        By(&[KEY[0], KEY[1], KEY[2], KEY[3], P(T::LiteralString)]),
        "",
    ),
    r(r"(?:.+?)$", Tok(T::NameAttribute), ""),
];

const QUOTED: &[Rule] = &[
    r(
        r#"([^"'\n]*)(["'])(\s*)"#,
        By(&[P(T::LiteralString), P(T::LiteralString), P(T::TextWhitespace)]),
        "#pop",
    ),
    r(r"[;#].*", Tok(T::CommentSingle), ""),
    r(r"$", Tok(T::LiteralString), "#pop"),
];

const CONTINUED: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(
        r"(\s*)(.*)(\\)([ \t]*)",
        By(&[P(T::TextWhitespace), P(T::LiteralString), P(T::Text), P(T::TextWhitespace)]),
        "",
    ),
    r(r".*$", Tok(T::LiteralString), "#pop"),
];
