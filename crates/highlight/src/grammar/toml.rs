//! TOML, as Pygments' `toml` lexer tokenizes it.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("key", KEY),
    ("table-key", TABLE_KEY),
    ("value", VALUE),
    ("array", ARRAY),
    ("inline-table", INLINE_TABLE),
    ("basic-string", BASIC),
    ("literal-string", LITERAL),
    ("multiline-basic-string", MULTI_BASIC),
    ("multiline-literal-string", MULTI_LITERAL),
    ("escapes", ESCAPES),
];

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"#.*", Tok(T::CommentSingle), ""),
    r("", Include("key"), ""),
    r(r"(=)(\s*)", By(&[P(T::Operator), P(T::TextWhitespace)]), "value"),
    r(r"\[\[?", Tok(T::Keyword), "table-key"),
];

const KEY: &[Rule] = &[
    r(r"[A-Za-z0-9_-]+", Tok(T::Name), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), "basic-string"),
    r(r"'", Tok(T::LiteralStringSingle), "literal-string"),
    r(r"\.", Tok(T::Punctuation), ""),
];

const TABLE_KEY: &[Rule] = &[
    r(r"[A-Za-z0-9_-]+", Tok(T::Keyword), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), "basic-string"),
    r(r"'", Tok(T::LiteralStringSingle), "literal-string"),
    r(r"\.", Tok(T::Keyword), ""),
    r(r"\]\]?", Tok(T::Keyword), "#pop"),
    r(r"[ \t]+", Tok(T::TextWhitespace), ""),
];

const VALUE: &[Rule] = &[
    r(
        r"\d\d\d\d-\d\d-\d\d(?:[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)?)?",
        Tok(T::LiteralDate),
        "#pop",
    ),
    r(r"\d\d:\d\d:\d\d(?:\.\d+)?", Tok(T::LiteralDate), "#pop"),
    r(r"[+-]?\d[0-9_]*[eE][+-]?\d[0-9_]*", Tok(T::LiteralNumberFloat), "#pop"),
    r(r"[+-]?\d[0-9_]*\.\d[0-9_]*(?:[eE][+-]?\d[0-9_]*)?", Tok(T::LiteralNumberFloat), "#pop"),
    r(r"[+-]?(?:inf|nan)", Tok(T::LiteralNumberFloat), "#pop"),
    r(r"-?0b[01_]+", Tok(T::LiteralNumberBin), "#pop"),
    r(r"-?0o[0-7_]+", Tok(T::LiteralNumberOct), "#pop"),
    r(r"-?0x[0-9a-fA-F_]+", Tok(T::LiteralNumberHex), "#pop"),
    r(r"[+-]?[0-9_]+", Tok(T::LiteralNumberInteger), "#pop"),
    r(r#"""""#, Tok(T::LiteralStringDouble), "#pop multiline-basic-string"),
    r(r#"""#, Tok(T::LiteralStringDouble), "#pop basic-string"),
    r(r"'''", Tok(T::LiteralStringSingle), "#pop multiline-literal-string"),
    r(r"'", Tok(T::LiteralStringSingle), "#pop literal-string"),
    r(r"true|false", Tok(T::KeywordConstant), "#pop"),
    r(r"\[", Tok(T::Punctuation), "#pop array"),
    r(r"\{", Tok(T::Punctuation), "#pop inline-table"),
];

const ARRAY: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"#.*", Tok(T::CommentSingle), ""),
    r(r",", Tok(T::Punctuation), ""),
    r(r"\]", Tok(T::Punctuation), "#pop"),
    r("", Tok(T::Text), "value"),
];

const INLINE_TABLE: &[Rule] = &[
    r(r"[ \t]+", Tok(T::TextWhitespace), ""),
    r("", Include("key"), ""),
    r(r"(=)(\s*)", By(&[P(T::Punctuation), P(T::TextWhitespace)]), "value"),
    r(r",", Tok(T::Punctuation), ""),
    r(r"\}", Tok(T::Punctuation), "#pop"),
];

const BASIC: &[Rule] = &[
    r(r#"""#, Tok(T::LiteralStringDouble), "#pop"),
    r("", Include("escapes"), ""),
    r(r#"[^"\\]+"#, Tok(T::LiteralStringDouble), ""),
];

const LITERAL: &[Rule] = &[r(r"(?s:.)*?'", Tok(T::LiteralStringSingle), "#pop")];

const MULTI_BASIC: &[Rule] = &[
    r(r#"""""#, Tok(T::LiteralStringDouble), "#pop"),
    r(r"(\\)(\n)", By(&[P(T::LiteralStringEscape), P(T::TextWhitespace)]), ""),
    r("", Include("escapes"), ""),
    r(r#"[^"\\]+"#, Tok(T::LiteralStringDouble), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), ""),
];

const MULTI_LITERAL: &[Rule] = &[
    r(r"'''", Tok(T::LiteralStringSingle), "#pop"),
    r(r"[^']+", Tok(T::LiteralStringSingle), ""),
    r(r"'", Tok(T::LiteralStringSingle), ""),
];

const ESCAPES: &[Rule] = &[
    r(r"\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}", Tok(T::LiteralStringEscape), ""),
    r(r"\\.", Tok(T::LiteralStringEscape), ""),
];
