//! TeX and LaTeX, as Pygments' `tex` lexer tokenizes them.

use crate::engine::Action::{Include, Tok};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("general", GENERAL),
    ("math", MATH),
    ("inlinemath", INLINE_MATH),
    ("displaymath", DISPLAY_MATH),
    ("command", COMMAND),
];

const GENERAL: &[Rule] = &[
    r(r"%.*?\n", Tok(T::Comment), ""),
    r(r"[{}]", Tok(T::NameBuiltin), ""),
    r(r"[&_^]", Tok(T::NameBuiltin), ""),
];

const ROOT: &[Rule] = &[
    r(r"\\\[", Tok(T::LiteralStringBacktick), "displaymath"),
    r(r"\\\(", Tok(T::LiteralString), "inlinemath"),
    r(r"\$\$", Tok(T::LiteralStringBacktick), "displaymath"),
    r(r"\$", Tok(T::LiteralString), "inlinemath"),
    r(r"\\(?:[a-zA-Z@_:]+|\S?)", Tok(T::Keyword), "command"),
    r(r"\\$", Tok(T::Keyword), ""),
    r("", Include("general"), ""),
    r(r"[^\\$%&_^{}]+", Tok(T::Text), ""),
];

const MATH: &[Rule] = &[
    r(r"\\(?:[a-zA-Z]+|\S?)", Tok(T::NameVariable), ""),
    r("", Include("general"), ""),
    r(r"[0-9]+", Tok(T::LiteralNumber), ""),
    r(r"[-=!+*/()\[\]]", Tok(T::Operator), ""),
    r(r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", Tok(T::NameBuiltin), ""),
];

const INLINE_MATH: &[Rule] = &[
    r(r"\\\)", Tok(T::LiteralString), "#pop"),
    r(r"\$", Tok(T::LiteralString), "#pop"),
    r("", Include("math"), ""),
];

const DISPLAY_MATH: &[Rule] = &[
    r(r"\\\]", Tok(T::LiteralString), "#pop"),
    r(r"\$\$", Tok(T::LiteralString), "#pop"),
    r(r"\$", Tok(T::NameBuiltin), ""),
    r("", Include("math"), ""),
];

const COMMAND: &[Rule] = &[
    r(r"\[.*?\]", Tok(T::NameAttribute), ""),
    r(r"\*", Tok(T::Keyword), ""),
    r("", Tok(T::Text), "#pop"),
];
