//! Go, as Pygments' `go` lexer tokenizes it.

use crate::engine::Action::{By, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT)];

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"(\\)(\n)", By(&[P(T::Text), P(T::TextWhitespace)]), ""),
    r(r"//.*?$", Tok(T::CommentSingle), ""),
    r(r"/(?:\\\n)?[*](?:.|\n)*?[*](?:\\\n)?/", Tok(T::CommentMultiline), ""),
    r(r"(?:import|package)\b", Tok(T::KeywordNamespace), ""),
    r(r"(?:var|func|struct|map|chan|type|interface|const)\b", Tok(T::KeywordDeclaration), ""),
    r(
        r"(?:break|default|select|case|defer|go|else|goto|switch|fallthrough|if|range|continue|for|return)\b",
        Tok(T::Keyword),
        "",
    ),
    r(r"(?:true|false|iota|nil)\b", Tok(T::KeywordConstant), ""),
    r(
        r"(uint8|uint16|uint32|uint64|uintptr|uint|int8|int16|int32|int64|int|float32|float64|float|complex64|complex128|complex|byte|rune|string|bool|error|any|comparable|println|print|panic|recover|close|real|imag|len|cap|append|copy|delete|new|make|min|max|clear)\b(\()",
        By(&[P(T::NameBuiltin), P(T::Punctuation)]),
        "",
    ),
    r(
        r"(?:uint8|uint16|uint32|uint64|uintptr|uint|int8|int16|int32|int64|int|float32|float64|float|complex64|complex128|byte|rune|string|bool|error|any|comparable)\b",
        Tok(T::KeywordType),
        "",
    ),
    r(r"\d+i", Tok(T::LiteralNumber), ""),
    r(r"\d+\.\d*(?:[Ee][-+]\d+)?i", Tok(T::LiteralNumber), ""),
    r(r"\.\d+(?:[Ee][-+]\d+)?i", Tok(T::LiteralNumber), ""),
    r(r"\d+[Ee][-+]\d+i", Tok(T::LiteralNumber), ""),
    r(r"\d+(?:\.\d+[eE][+\-]?\d+|\.\d*|[eE][+\-]?\d+)", Tok(T::LiteralNumberFloat), ""),
    r(r"\.\d+(?:[eE][+\-]?\d+)?", Tok(T::LiteralNumberFloat), ""),
    r(r"0[0-7]+", Tok(T::LiteralNumberOct), ""),
    r(r"0[xX][0-9a-fA-F]+", Tok(T::LiteralNumberHex), ""),
    r(r"0|[1-9][0-9]*", Tok(T::LiteralNumberInteger), ""),
    r(
        r#"'(?:\\['"\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|[^\\])'"#,
        Tok(T::LiteralStringChar),
        "",
    ),
    r(r"`[^`]*`", Tok(T::LiteralString), ""),
    r(r#""(?:\\\\|\\[^\\]|[^"\\])*""#, Tok(T::LiteralString), ""),
    r(
        r"<<=|>>=|<<|>>|<=|>=|&\^=|&\^|\+=|-=|\*=|/=|%=|&=|\|=|&&|\|\||<-|\+\+|--|==|!=|:=|\.\.\.|[+\-*/%&]|~|\|",
        Tok(T::Operator),
        "",
    ),
    r(r"[|^<>=!()\[\]{}.,;:]", Tok(T::Punctuation), ""),
    r(r"[^\W\d]\w*", Tok(T::NameOther), ""),
];
