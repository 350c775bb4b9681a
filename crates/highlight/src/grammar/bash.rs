//! Bash (and sh, zsh, ksh), as Pygments' `bash` lexer tokenizes it.

use crate::engine::Action::{By, Heredoc, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("interp", INTERP),
    ("basic", BASIC),
    ("data", DATA),
    ("string", STRING),
    ("curly", CURLY),
    ("paren", PAREN),
    ("math", MATH),
    ("backticks", BACKTICKS),
];

const ROOT: &[Rule] = &[
    r("", Include("basic"), ""),
    r(r"`", Tok(T::LiteralStringBacktick), "backticks"),
    r("", Include("data"), ""),
    r("", Include("interp"), ""),
];

const INTERP: &[Rule] = &[
    r(r"\$\(\(", Tok(T::Keyword), "math"),
    r(r"\$\(", Tok(T::Keyword), "paren"),
    r(r"\$\{#?", Tok(T::LiteralStringInterpol), "curly"),
    r(r"\$[a-zA-Z_]\w*", Tok(T::NameVariable), ""),
    r(r"\$(?:\d+|[#$?!_*@-])", Tok(T::NameVariable), ""),
    r(r"\$", Tok(T::Text), ""),
];

const BASIC: &[Rule] = &[
    r(
        r"\b(if|fi|else|while|in|do|done|for|then|return|function|case|select|break|continue|until|esac|elif)(\s*)\b",
        By(&[P(T::Keyword), P(T::TextWhitespace)]),
        "",
    ),
    r(
        r"\b(?:alias|bg|bind|builtin|caller|cd|command|compgen|complete|declare|dirs|disown|echo|enable|eval|exec|exit|export|false|fc|fg|getopts|hash|help|history|jobs|kill|let|local|logout|popd|printf|pushd|pwd|read|readonly|set|shift|shopt|source|suspend|test|time|times|trap|true|type|typeset|ulimit|umask|unalias|unset|wait)(?=[\s)`])",
        Tok(T::NameBuiltin),
        "",
    ),
    r(r"\A#!.+\n", Tok(T::CommentHashbang), ""),
    r(r"#.*\n", Tok(T::CommentSingle), ""),
    r(r"\\[\w\W]", Tok(T::LiteralStringEscape), ""),
    r(r"(\b\w+)(\s*)(\+?=)", By(&[P(T::NameVariable), P(T::TextWhitespace), P(T::Operator)]), ""),
    r(r"[\[\]{}()=]", Tok(T::Operator), ""),
    r(r"<<<", Tok(T::Operator), ""),
    r(r"<<-?\s*'?\\?(\w+)", Heredoc(T::LiteralString), ""),
    r(r"&&|\|\|", Tok(T::Operator), ""),
];

const DATA: &[Rule] = &[
    r(r#"(?s)\$?"(?:\\.|[^"\\$])*""#, Tok(T::LiteralStringDouble), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), "string"),
    r(r"(?s)\$'(?:\\\\|\\[0-7]+|\\.|[^'\\])*'", Tok(T::LiteralStringSingle), ""),
    r(r"(?s)'.*?'", Tok(T::LiteralStringSingle), ""),
    r(r"[;&|]", Tok(T::Punctuation), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"\d+\b", Tok(T::LiteralNumber), ""),
    r(r#"[^=\s\[\]{}()$"'`\\<&|;]+"#, Tok(T::Text), ""),
    r(r"<", Tok(T::Text), ""),
];

const STRING: &[Rule] = &[
    r(r#"""#, Tok(T::LiteralStringDouble), "#pop"),
    r(r#"(?s)(?:\\\\|\\[0-7]+|\\.|[^"\\$])+"#, Tok(T::LiteralStringDouble), ""),
    r("", Include("interp"), ""),
];

const CURLY: &[Rule] = &[
    r(r"\}", Tok(T::LiteralStringInterpol), "#pop"),
    r(r":-", Tok(T::Keyword), ""),
    r(r"\w+", Tok(T::NameVariable), ""),
    r(r#"[^}:"'`$\\]+"#, Tok(T::Punctuation), ""),
    r(r":", Tok(T::Punctuation), ""),
    r("", Include("root"), ""),
];

const PAREN: &[Rule] = &[r(r"\)", Tok(T::Keyword), "#pop"), r("", Include("root"), "")];

const MATH: &[Rule] = &[
    r(r"\)\)", Tok(T::Keyword), "#pop"),
    r(r"\*\*|\|\||<<|>>|[-+*/%^|&<>]", Tok(T::Operator), ""),
    r(r"\d+#[\da-zA-Z]+", Tok(T::LiteralNumber), ""),
    r(r"\d+#(?! )", Tok(T::LiteralNumber), ""),
    r(r"0[xX][\da-fA-F]+", Tok(T::LiteralNumber), ""),
    r(r"\d+", Tok(T::LiteralNumber), ""),
    r(r"[a-zA-Z_]\w*", Tok(T::NameVariable), ""),
    r("", Include("root"), ""),
];

const BACKTICKS: &[Rule] =
    &[r(r"`", Tok(T::LiteralStringBacktick), "#pop"), r("", Include("root"), "")];
