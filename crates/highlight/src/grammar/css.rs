//! CSS, as Pygments' `css` lexer tokenizes it; the word lists (properties, keyword
//! values, units) are generated from Pygments' (`src/generated/css_words.rs`).

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

include!("../generated/css_words.rs");

pub(crate) const GRAMMAR: Grammar = &[
    ("root", &[r("", Include("basics"), "")]),
    ("basics", BASICS),
    ("atrule", ATRULE),
    ("atcontent", ATCONTENT),
    ("content", CONTENT),
    ("value-start", VALUE_START),
    ("function-start", FUNCTION_START),
    ("urls", URLS),
    ("numeric-values", NUMERIC_VALUES),
    ("numeric-end", NUMERIC_END),
    ("keyword-values", KEYWORD_VALUES),
    ("strings", STRINGS),
];

const COMMENT: Rule = r(r"/\*(?:.|\n)*?\*/", Tok(T::Comment), "");

const BASICS: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    COMMENT,
    r(r"\{", Tok(T::Punctuation), "content"),
    r(r"(:{1,2})([\w-]+)", By(&[P(T::Punctuation), P(T::NameDecorator)]), ""),
    r(r"(\.)([\w-]+)", By(&[P(T::Punctuation), P(T::NameClass)]), ""),
    r(r"(\#)([\w-]+)", By(&[P(T::Punctuation), P(T::NameNamespace)]), ""),
    r(r"(@)([\w-]+)", By(&[P(T::Punctuation), P(T::Keyword)]), "atrule"),
    r(r"[\w-]+", Tok(T::NameTag), ""),
    r(r"[~^*!%&$\[\]()<>|+=@:;,./?-]", Tok(T::Operator), ""),
    r("", Include("strings"), ""),
];

const STRINGS: &[Rule] = &[
    r(r#""(?:\\\\|\\[^\\]|[^"\\])*""#, Tok(T::LiteralStringDouble), ""),
    r(r"'(?:\\\\|\\[^\\]|[^'\\])*'", Tok(T::LiteralStringSingle), ""),
];

const ATRULE: &[Rule] = &[
    r(r"\{", Tok(T::Punctuation), "atcontent"),
    r(r";", Tok(T::Punctuation), "#pop"),
    r("", Include("basics"), ""),
];

const ATCONTENT: &[Rule] = &[r("", Include("basics"), ""), r(r"\}", Tok(T::Punctuation), "#pop:2")];

const CONTENT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"\}", Tok(T::Punctuation), "#pop"),
    r(r";", Tok(T::Punctuation), ""),
    r(r"^@.*?$", Tok(T::CommentPreproc), ""),
    r(vendor_prefixes!(), Tok(T::KeywordPseudo), ""),
    r(
        concat!("(", css_properties!(), r")(\s*)(:)"),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Punctuation)]),
        "value-start",
    ),
    r(
        r"(-+[a-zA-Z_][\w-]*)(\s*)(:)",
        By(&[P(T::NameVariable), P(T::TextWhitespace), P(T::Punctuation)]),
        "value-start",
    ),
    r(
        r"([a-zA-Z_][\w-]*)(\s*)(:)",
        By(&[P(T::Name), P(T::TextWhitespace), P(T::Punctuation)]),
        "value-start",
    ),
    COMMENT,
];

const KEYWORD_VALUES: &[Rule] = &[
    r(concat!(keyword_values!(), r"\b"), Tok(T::KeywordConstant), ""),
    r(concat!(other_keyword_values!(), r"\b"), Tok(T::KeywordConstant), ""),
    r(concat!(color_keywords!(), r"\b"), Tok(T::KeywordConstant), ""),
];

const VALUE_START: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(vendor_prefixes!(), Tok(T::NameBuiltinPseudo), ""),
    r("", Include("urls"), ""),
    r(
        concat!("(", functional_notation_keyword_values!(), r")(\()"),
        By(&[P(T::NameBuiltin), P(T::Punctuation)]),
        "function-start",
    ),
    r(r"([a-zA-Z_][\w-]+)(\()", By(&[P(T::NameFunction), P(T::Punctuation)]), "function-start"),
    r("", Include("keyword-values"), ""),
    r(concat!(css_properties!(), r"\b"), Tok(T::Keyword), ""),
    r(r"!important", Tok(T::CommentPreproc), ""),
    COMMENT,
    r("", Include("numeric-values"), ""),
    r(r"[~^*!%&<>|+=@:./?-]+", Tok(T::Operator), ""),
    r(r"[\[\](),]+", Tok(T::Punctuation), ""),
    r("", Include("strings"), ""),
    r(r"[a-zA-Z_][\w-]*", Tok(T::Name), ""),
    r(r";", Tok(T::Punctuation), "#pop"),
    r(r"\}", Tok(T::Punctuation), "#pop:2"),
];

const FUNCTION_START: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"-+(?:[A-Za-z][\w+]*-*)+", Tok(T::NameVariable), ""),
    r("", Include("urls"), ""),
    r(vendor_prefixes!(), Tok(T::KeywordPseudo), ""),
    r("", Include("keyword-values"), ""),
    r(
        concat!("(", functional_notation_keyword_values!(), r")(\()"),
        By(&[P(T::NameBuiltin), P(T::Punctuation)]),
        "function-start",
    ),
    r(r"([a-zA-Z_][\w-]+)(\()", By(&[P(T::NameFunction), P(T::Punctuation)]), "function-start"),
    COMMENT,
    r("", Include("numeric-values"), ""),
    r(r"[*+/-]", Tok(T::Operator), ""),
    r(r",", Tok(T::Punctuation), ""),
    r("", Include("strings"), ""),
    r(r"[a-zA-Z_-]\w*", Tok(T::Name), ""),
    r(r"\)", Tok(T::Punctuation), "#pop"),
];

const URLS: &[Rule] = &[
    r(
        r#"(url)(\()(".*?")(\))"#,
        By(&[P(T::NameBuiltin), P(T::Punctuation), P(T::LiteralStringDouble), P(T::Punctuation)]),
        "",
    ),
    r(
        r"(url)(\()('.*?')(\))",
        By(&[P(T::NameBuiltin), P(T::Punctuation), P(T::LiteralStringSingle), P(T::Punctuation)]),
        "",
    ),
    r(
        r"(url)(\()(.*?)(\))",
        By(&[P(T::NameBuiltin), P(T::Punctuation), P(T::LiteralStringOther), P(T::Punctuation)]),
        "",
    ),
];

const NUMERIC_VALUES: &[Rule] = &[
    r(r"\#[a-zA-Z0-9]{1,6}", Tok(T::LiteralNumberHex), ""),
    r(r"[+\-]?[0-9]*[.][0-9]+", Tok(T::LiteralNumberFloat), "numeric-end"),
    r(r"[+\-]?[0-9]+", Tok(T::LiteralNumberInteger), "numeric-end"),
];

const NUMERIC_END: &[Rule] = &[
    r(concat!(all_units!(), r"\b"), Tok(T::KeywordType), ""),
    r(r"%", Tok(T::KeywordType), ""),
    r("", Tok(T::Text), "#pop"),
];
