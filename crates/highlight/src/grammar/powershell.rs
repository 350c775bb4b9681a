//! PowerShell, as Pygments' `powershell` lexer tokenizes it (its word lists generated,
//! `src/generated/powershell_words.rs`). Pygments matches without regard to case.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

include!("../generated/powershell_words.rs");

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("child", CHILD),
    ("multline", MULTLINE),
    ("string", STRING),
    ("heredoc-double", HEREDOC_DOUBLE),
];

const ROOT: &[Rule] = &[
    r(r"\(", Tok(T::Punctuation), "child"),
    r(r"\s+", Tok(T::Text), ""),
    r(
        concat!(r"(?is)^(\s*#[#\s]*)(\.(?:", ps_commenthelp!(), r"))([^\n]*$)"),
        By(&[P(T::Comment), P(T::LiteralStringDoc), P(T::Comment)]),
        "",
    ),
    r(r"#[^\n]*?$", Tok(T::Comment), ""),
    r(r"(?:&lt;|<)#", Tok(T::CommentMultiline), "multline"),
    r("@\"\n", Tok(T::LiteralStringHeredoc), "heredoc-double"),
    r(r"(?s)@'\n.*?\n'@", Tok(T::LiteralStringHeredoc), ""),
    r(r#"`['"$@-]"#, Tok(T::Punctuation), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), "string"),
    r(r"'(?:[^']|'')*'", Tok(T::LiteralStringSingle), ""),
    r(r"(?i)(?:\$|@@|@)(?:(?:global|script|private|env):)?\w+", Tok(T::NameVariable), ""),
    r(concat!("(?i)(?:", ps_keywords!(), r")\b"), Tok(T::Keyword), ""),
    r(concat!("(?i)-(?:", ps_operators!(), r")\b"), Tok(T::Operator), ""),
    r(concat!("(?i)(?:", ps_verbs!(), r")-[a-z_]\w*\b"), Tok(T::NameBuiltin), ""),
    r(concat!("(?i)(?:", ps_aliases!(), r")\s"), Tok(T::NameBuiltin), ""),
    r(r"(?i)\[[a-z_\[][\w. `,\[\]]*\]", Tok(T::NameConstant), ""),
    r(r"(?i)-[a-z_]\w*", Tok(T::Name), ""),
    r(r"\w+", Tok(T::Name), ""),
    r(r"[.,;:@{}\[\]$()=+*/\\&%!~?^`|<>-]", Tok(T::Punctuation), ""),
];

const CHILD: &[Rule] = &[r(r"\)", Tok(T::Punctuation), "#pop"), r("", Include("root"), "")];

const MULTLINE: &[Rule] = &[
    r(r"[^#&.]+", Tok(T::CommentMultiline), ""),
    r(r"#(?:>|&gt;)", Tok(T::CommentMultiline), "#pop"),
    r(concat!(r"(?i)\.(?:", ps_commenthelp!(), ")"), Tok(T::LiteralStringDoc), ""),
    r(r"[#&.]", Tok(T::CommentMultiline), ""),
];

const STRING: &[Rule] = &[
    r(r#"(?i)`[0abfnrtv'"$`]"#, Tok(T::LiteralStringEscape), ""),
    r(r#"[^$`"]+"#, Tok(T::LiteralStringDouble), ""),
    r(r"\$\(", Tok(T::Punctuation), "child"),
    r(r#""""#, Tok(T::LiteralStringDouble), ""),
    r(r"[`$]", Tok(T::LiteralStringDouble), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), "#pop"),
];

const HEREDOC_DOUBLE: &[Rule] = &[
    r("\n\"@", Tok(T::LiteralStringHeredoc), "#pop"),
    r(r"\$\(", Tok(T::Punctuation), "child"),
    r(r#"[^@\n]+"]"#, Tok(T::LiteralStringHeredoc), ""),
    r(r"(?s).", Tok(T::LiteralStringHeredoc), ""),
];
