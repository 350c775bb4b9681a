//! nginx configuration, as Pygments' `nginx` lexer tokenizes it.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar =
    &[("root", ROOT), ("block", BLOCK), ("stmt", STMT), ("base", BASE)];

const ROOT: &[Rule] = &[
    r(r"(include)(\s+)([^\s;]+)", By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Name)]), ""),
    r(r"[^\s;#]+", Tok(T::Keyword), "stmt"),
    r("", Include("base"), ""),
];

const BLOCK: &[Rule] = &[
    r(r"\}", Tok(T::Punctuation), "#pop:2"),
    r(r"[^\s;#]+", Tok(T::KeywordNamespace), "stmt"),
    r("", Include("base"), ""),
];

const STMT: &[Rule] = &[
    r(r"\{", Tok(T::Punctuation), "block"),
    r(r";", Tok(T::Punctuation), "#pop"),
    r("", Include("base"), ""),
];

const BASE: &[Rule] = &[
    r(r"#.*\n", Tok(T::CommentSingle), ""),
    r(r"on|off", Tok(T::NameConstant), ""),
    r(r"\$[^\s;#()]+", Tok(T::NameVariable), ""),
    r(
        r"([a-z0-9.-]+)(:)([0-9]+)",
        By(&[P(T::Name), P(T::Punctuation), P(T::LiteralNumberInteger)]),
        "",
    ),
    r(r"[a-z-]+/[a-z-+]+", Tok(T::LiteralString), ""),
    r(r"[0-9]+[km]?\b", Tok(T::LiteralNumberInteger), ""),
    r(
        r"(~)(\s*)([^\s{]+)",
        By(&[P(T::Punctuation), P(T::TextWhitespace), P(T::LiteralStringRegex)]),
        "",
    ),
    r(r"[:=~]", Tok(T::Punctuation), ""),
    r(r"[^\s;#{}$]+", Tok(T::LiteralString), ""),
    r(r"/[^\s;#]*", Tok(T::Name), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"[$;]", Tok(T::Text), ""),
];
