//! Unified and context diffs, as Pygments' `diff` lexer tokenizes them.

use crate::engine::Action::By;
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT)];

const ROOT: &[Rule] = &[
    r(r"( )(.*)(\n)", By(&[P(T::TextWhitespace), P(T::Text), P(T::TextWhitespace)]), ""),
    r(r"(!.*|---)(\n)", By(&[P(T::GenericStrong), P(T::TextWhitespace)]), ""),
    r(r"((?:< |-).*)(\n)", By(&[P(T::GenericDeleted), P(T::TextWhitespace)]), ""),
    r(r"((?:> |\+).*)(\n)", By(&[P(T::GenericInserted), P(T::TextWhitespace)]), ""),
    r(
        r"(@.*|\d(?:,\d+)?(?:a|c|d)\d+(?:,\d+)?)(\n)",
        By(&[P(T::GenericSubheading), P(T::TextWhitespace)]),
        "",
    ),
    r(r"((?:[Ii]ndex|diff).*)(\n)", By(&[P(T::GenericHeading), P(T::TextWhitespace)]), ""),
    r(r"(=.*)(\n)", By(&[P(T::GenericHeading), P(T::TextWhitespace)]), ""),
    r(r"(.*)(\n)", By(&[P(T::Text), P(T::TextWhitespace)]), ""),
];
