//! PHP, as Pygments' `php` lexer tokenizes it (without `startinline`: text before `<?php`
//! is `Other`, as Pelican shows it). Pygments' lexer is case-insensitive and dot-all, so
//! every pattern here starts with `(?is)` (`ci!`). Two rules are rewritten:
//! - Pygments turns a name into `Name.Builtin` afterwards when it is one of PHP's
//!   functions (a case-sensitive set); here the name rule types its match by the
//!   generated set (`PHP_FUNCTIONS`);
//! - a heredoc's terminator is a backreference; here `<<<NAME` pushes `heredoc`, whose
//!   body runs to the first line holding only an upper-case word (and `;`).

use crate::engine::Action::{By, Include, Listed, Tok};
use crate::engine::Part::{S, T as P};
use crate::engine::{r, Grammar, Rule, WordSet};
use crate::token_type::TokenType as T;

include!("../generated/php_words.rs");

/// A name, or one of PHP's functions.
const NAME: WordSet = WordSet { sets: &[(PHP_FUNCTIONS, T::NameBuiltin)], other: T::NameOther };

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("php", PHP),
    ("heredoc", HEREDOC),
    ("variablevariable", VARIABLEVARIABLE),
    ("magicfuncs", MAGICFUNCS),
    ("magicconstants", MAGICCONSTANTS),
    ("classname", CLASSNAME),
    ("functionname", FUNCTIONNAME),
    ("string", STRING),
    ("attribute", ATTRIBUTE),
    ("attributeparams", ATTRIBUTEPARAMS),
];

/// A pattern under Pygments' flags for this lexer (case-insensitive, dot-all).
macro_rules! ci {
    ($($p:expr),+) => {
        concat!("(?is)", $($p),+)
    };
}

/// A name, where a backslash separates namespaces.
macro_rules! ident_inner {
    () => {
        r"(?:[\\_a-z]|[^\x00-\x7f])(?:[\\\w]|[^\x00-\x7f])*"
    };
}

/// A name inside a string, where a backslash is an escape.
macro_rules! ident_nons {
    () => {
        r"(?:[_a-z]|[^\x00-\x7f])(?:\w|[^\x00-\x7f])*"
    };
}

const ROOT: &[Rule] = &[
    r(ci!(r"<\?(?:php)?"), Tok(T::CommentPreproc), "php"),
    r(ci!(r"[^<]+"), Tok(T::Other), ""),
    r(ci!(r"<"), Tok(T::Other), ""),
];

const PHP: &[Rule] = &[
    r(ci!(r"\?>"), Tok(T::CommentPreproc), "#pop"),
    r(
        ci!(r#"(<<<)(['"]?)("#, ident_nons!(), r#")(['"]?)(\n)"#),
        By(&[
            P(T::LiteralString),
            P(T::LiteralString),
            P(T::LiteralStringDelimiter),
            P(T::LiteralString),
            P(T::LiteralString),
        ]),
        "heredoc",
    ),
    r(ci!(r"\s+"), Tok(T::Text), ""),
    r(ci!(r"#\["), Tok(T::Punctuation), "attribute"),
    r(ci!(r"#.*?\n"), Tok(T::CommentSingle), ""),
    r(ci!(r"//.*?\n"), Tok(T::CommentSingle), ""),
    r(ci!(r"/\*\*/"), Tok(T::CommentMultiline), ""),
    r(ci!(r"/\*\*.*?\*/"), Tok(T::LiteralStringDoc), ""),
    r(ci!(r"/\*.*?\*/"), Tok(T::CommentMultiline), ""),
    r(
        ci!(r"(->|::)(\s*)(", ident_nons!(), ")"),
        By(&[P(T::Operator), P(T::Text), P(T::NameAttribute)]),
        "",
    ),
    r(ci!(r"[~!%^&*+=|:.<>/@-]+"), Tok(T::Operator), ""),
    r(ci!(r"\?"), Tok(T::Operator), ""),
    r(ci!(r"[\[\]{}();,]+"), Tok(T::Punctuation), ""),
    r(ci!(r"(new)(\s+)(class)\b"), By(&[P(T::Keyword), P(T::Text), P(T::Keyword)]), ""),
    r(ci!(r"(class)(\s+)"), By(&[P(T::Keyword), P(T::Text)]), "classname"),
    r(ci!(r"(function)(\s*)(?=\()"), By(&[P(T::Keyword), P(T::Text)]), ""),
    r(
        ci!(r"(function)(\s+)(&?)(\s*)"),
        By(&[P(T::Keyword), P(T::Text), P(T::Operator), P(T::Text)]),
        "functionname",
    ),
    r(
        ci!(r"(const)(\s+)(", ident_inner!(), ")"),
        By(&[P(T::Keyword), P(T::Text), P(T::NameConstant)]),
        "",
    ),
    r(
        ci!(
            r"(?:and|E_PARSE|old_function|E_ERROR|or|as|E_WARNING|parent|eval|PHP_OS|break|exit|case|extends|PHP_VERSION|cfunction|FALSE|print|for|require|continue|foreach|require_once|declare|return|default|static|do|switch|die|stdClass|echo|else|TRUE|elseif|var|empty|if|xor|enddeclare|include|virtual|endfor|include_once|while|endforeach|global|endif|list|endswitch|new|endwhile|not|array|E_ALL|NULL|final|php_user_filter|interface|implements|public|private|protected|abstract|clone|try|catch|throw|this|use|namespace|trait|yield|finally|match)\b"
        ),
        Tok(T::Keyword),
        "",
    ),
    r(ci!(r"(?:true|false|null)\b"), Tok(T::KeywordConstant), ""),
    r("", Include("magicconstants"), ""),
    r(ci!(r"\$\{"), Tok(T::NameVariable), "variablevariable"),
    r(ci!(r"\$+", ident_inner!()), Tok(T::NameVariable), ""),
    r(ci!(ident_inner!()), Listed(&NAME), ""),
    r(ci!(r"(?:\d+\.\d*|\d*\.\d+)(?:e[+-]?[0-9]+)?"), Tok(T::LiteralNumberFloat), ""),
    r(ci!(r"\d+e[+-]?[0-9]+"), Tok(T::LiteralNumberFloat), ""),
    r(ci!(r"0[0-7]+"), Tok(T::LiteralNumberOct), ""),
    r(ci!(r"0x[a-f0-9]+"), Tok(T::LiteralNumberHex), ""),
    r(ci!(r"\d+"), Tok(T::LiteralNumberInteger), ""),
    r(ci!(r"0b[01]+"), Tok(T::LiteralNumberBin), ""),
    r(ci!(r"'(?:[^'\\]*(?:\\.[^'\\]*)*)'"), Tok(T::LiteralStringSingle), ""),
    r(ci!(r"`(?:[^`\\]*(?:\\.[^`\\]*)*)`"), Tok(T::LiteralStringBacktick), ""),
    r(ci!(r#"""#), Tok(T::LiteralStringDouble), "string"),
];

const HEREDOC: &[Rule] = &[
    r(
        r"(?-i)^([^\S\n]*)([A-Z_][A-Z0-9_]*)(;?)(\n)",
        By(&[P(T::LiteralString), P(T::LiteralStringDelimiter), P(T::Punctuation), P(T::Text)]),
        "#pop",
    ),
    r(r".*\n", Tok(T::LiteralString), ""),
];

const VARIABLEVARIABLE: &[Rule] =
    &[r(ci!(r"\}"), Tok(T::NameVariable), "#pop"), r("", Include("php"), "")];

const MAGICFUNCS: &[Rule] = &[r(
    ci!(
        r"(?:__construct|__destruct|__call|__callStatic|__get|__set|__isset|__unset|__sleep|__wakeup|__toString|__invoke|__set_state|__clone|__debugInfo)\b"
    ),
    Tok(T::NameFunctionMagic),
    "",
)];

const MAGICCONSTANTS: &[Rule] = &[r(
    ci!(
        r"(?:__LINE__|__FILE__|__DIR__|__FUNCTION__|__CLASS__|__TRAIT__|__METHOD__|__NAMESPACE__)\b"
    ),
    Tok(T::NameConstant),
    "",
)];

const CLASSNAME: &[Rule] = &[r(ci!(ident_inner!()), Tok(T::NameClass), "#pop")];

const FUNCTIONNAME: &[Rule] = &[
    r("", Include("magicfuncs"), ""),
    r(ci!(ident_inner!()), Tok(T::NameFunction), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const STRING: &[Rule] = &[
    r(ci!(r#"""#), Tok(T::LiteralStringDouble), "#pop"),
    r(ci!(r#"[^{$"\\]+"#), Tok(T::LiteralStringDouble), ""),
    r(ci!(r#"\\(?:[nrt"$\\]|[0-7]{1,3}|x[0-9a-f]{1,2})"#), Tok(T::LiteralStringEscape), ""),
    r(
        ci!(r"\$", ident_nons!(), r"(?:\[\S+?\]|->", ident_nons!(), ")?"),
        Tok(T::LiteralStringInterpol),
        "",
    ),
    r(
        ci!(r"(\{\$\{)(.*?)(\}\})"),
        By(&[P(T::LiteralStringInterpol), S("php"), P(T::LiteralStringInterpol)]),
        "",
    ),
    r(
        ci!(r"(\{)(\$.*?)(\})"),
        By(&[P(T::LiteralStringInterpol), S("php"), P(T::LiteralStringInterpol)]),
        "",
    ),
    r(
        ci!(r"(\$\{)(\S+)(\})"),
        By(&[P(T::LiteralStringInterpol), P(T::NameVariable), P(T::LiteralStringInterpol)]),
        "",
    ),
    r(ci!(r"[${\\]"), Tok(T::LiteralStringDouble), ""),
];

const ATTRIBUTE: &[Rule] = &[
    r(ci!(r"\]"), Tok(T::Punctuation), "#pop"),
    r(ci!(r"\("), Tok(T::Punctuation), "attributeparams"),
    r(ci!(ident_inner!()), Tok(T::NameDecorator), ""),
    r("", Include("php"), ""),
];

const ATTRIBUTEPARAMS: &[Rule] =
    &[r(ci!(r"\)"), Tok(T::Punctuation), "#pop"), r("", Include("php"), "")];

#[cfg(test)]
mod tests {
    #[test]
    fn the_function_names_are_sorted_for_the_binary_search() {
        assert!(super::NAME.is_sorted());
    }
}
