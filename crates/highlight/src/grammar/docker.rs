//! Dockerfiles, as Pygments' `docker` lexer tokenizes them: instructions are keywords,
//! shell commands are Bash, exec-form arrays JSON.

use crate::engine::Action::{By, Tok, Using};
use crate::engine::Part::{T as P, U};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT)];

const ROOT: &[Rule] = &[
    r(r"#.*", Tok(T::Comment), ""),
    r(
        r"(?i)(FROM)([ \t]*)(\S*)([ \t]*)(?:(AS)([ \t]*)(\S*))?",
        By(&[
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::LiteralString),
            P(T::TextWhitespace),
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::LiteralString),
        ]),
        "",
    ),
    r(
        r"(?i)(ONBUILD)(\s+)((?:\s*\\?\s*))",
        By(&[P(T::Keyword), P(T::TextWhitespace), U(Language::Bash)]),
        "",
    ),
    r(
        r"(?i)(HEALTHCHECK)(\s+)(((?:\s*\\?\s*)--\w+=\w+(?:\s*\\?\s*))*)",
        By(&[P(T::Keyword), P(T::TextWhitespace), U(Language::Bash)]),
        "",
    ),
    r(
        r"(?i)(VOLUME|ENTRYPOINT|CMD|SHELL)(\s+)((?:\s*\\?\s*))(\[.*?\])",
        By(&[P(T::Keyword), P(T::TextWhitespace), U(Language::Bash), U(Language::Json)]),
        "",
    ),
    r(
        r"(?i)(LABEL|ENV|ARG)(\s+)(((?:\s*\\?\s*)\w+=\w+(?:\s*\\?\s*))*)",
        By(&[P(T::Keyword), P(T::TextWhitespace), U(Language::Bash)]),
        "",
    ),
    r(
        r"(?i)((?:MAINTAINER|EXPOSE|WORKDIR|USER|STOPSIGNAL)|VOLUME)\b(\s+)(.*)",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::LiteralString)]),
        "",
    ),
    r(
        r"(?i)((?:RUN|CMD|ENTRYPOINT|ENV|ARG|LABEL|ADD|COPY))(\s+)",
        By(&[P(T::Keyword), P(T::TextWhitespace)]),
        "",
    ),
    r(r"(?:.*\\\n)*.+", Using(Language::Bash), ""),
];
