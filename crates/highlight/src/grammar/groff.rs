//! (g)roff and manpage sources, as Pygments' `groff` lexer (aliases `nroff`, `man`)
//! tokenizes them.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar =
    &[("root", ROOT), ("textline", TEXTLINE), ("escapes", ESCAPES), ("request", REQUEST)];

const ROOT: &[Rule] = &[
    r(r"(\.)(\w+)", By(&[P(T::Text), P(T::Keyword)]), "request"),
    r(r"\.", Tok(T::Punctuation), "request"),
    r(r"[^\\\n]+", Tok(T::Text), "textline"),
    r("", Tok(T::Text), "textline"),
];

const TEXTLINE: &[Rule] = &[
    r("", Include("escapes"), ""),
    r(r"[^\\\n]+", Tok(T::Text), ""),
    r(r"\n", Tok(T::Text), "#pop"),
];

const ESCAPES: &[Rule] = &[
    r(r#"\\"[^\n]*"#, Tok(T::Comment), ""),
    r(r"\\[fn]\w", Tok(T::LiteralStringEscape), ""),
    r(r"\\\(.{2}", Tok(T::LiteralStringEscape), ""),
    r(r"\\.\[.*\]", Tok(T::LiteralStringEscape), ""),
    r(r"\\.", Tok(T::LiteralStringEscape), ""),
    r(r"\\\n", Tok(T::Text), "request"),
];

const REQUEST: &[Rule] = &[
    r(r"\n", Tok(T::Text), "#pop"),
    r("", Include("escapes"), ""),
    r(r#""[^\n"]+""#, Tok(T::LiteralStringDouble), ""),
    r(r"\d+", Tok(T::LiteralNumber), ""),
    r(r"\S+", Tok(T::LiteralString), ""),
    r(r"\s+", Tok(T::Text), ""),
];
