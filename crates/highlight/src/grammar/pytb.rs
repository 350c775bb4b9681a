//! Python tracebacks, as Pygments' `pytb` lexer tokenizes them (used inside `pycon`).

use crate::engine::Action::{By, Tok};
use crate::engine::Part::{T as P, U};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT), ("frames", FRAMES), ("markers", MARKERS)];

const ROOT: &[Rule] = &[
    r(r"\n", Tok(T::TextWhitespace), ""),
    r(r"^(?:\^C)?Traceback \(most recent call last\):\n", Tok(T::GenericTraceback), "frames"),
    r(
        r"^During handling of the above exception, another exception occurred:\n\n",
        Tok(T::GenericTraceback),
        "",
    ),
    r(
        r"^The above exception was the direct cause of the following exception:\n\n",
        Tok(T::GenericTraceback),
        "",
    ),
    r(r#"^(?=  File "[^"]+", line \d+)"#, Tok(T::GenericTraceback), "frames"),
    r(r"^.*\n", Tok(T::Other), ""),
];

const FRAMES: &[Rule] = &[
    r(
        r#"^(  File )("[^"]+")(, line )(\d+)(, in )(.+)(\n)"#,
        By(&[
            P(T::Text),
            P(T::NameBuiltin),
            P(T::Text),
            P(T::LiteralNumber),
            P(T::Text),
            P(T::Name),
            P(T::TextWhitespace),
        ]),
        "",
    ),
    r(
        r#"^(  File )("[^"]+")(, line )(\d+)(\n)"#,
        By(&[P(T::Text), P(T::NameBuiltin), P(T::Text), P(T::LiteralNumber), P(T::TextWhitespace)]),
        "",
    ),
    r(
        r"^(    )(.+)(\n)",
        By(&[P(T::TextWhitespace), U(Language::Python), P(T::TextWhitespace)]),
        "markers",
    ),
    r(
        r"^([ \t]*)(\.\.\.)(\n)",
        By(&[P(T::TextWhitespace), P(T::Comment), P(T::TextWhitespace)]),
        "",
    ),
    r(
        r"^([^:]+)(: )(.+)(\n)",
        By(&[P(T::GenericError), P(T::Text), P(T::Name), P(T::TextWhitespace)]),
        "#pop",
    ),
    r(r"^([a-zA-Z_][\w.]*)(:?\n)", By(&[P(T::GenericError), P(T::TextWhitespace)]), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const MARKERS: &[Rule] = &[
    r(
        r"^( {4,})([~^]+)(\n)",
        By(&[P(T::TextWhitespace), P(T::PunctuationMarker), P(T::TextWhitespace)]),
        "#pop",
    ),
    r("", Tok(T::Text), "#pop"),
];
