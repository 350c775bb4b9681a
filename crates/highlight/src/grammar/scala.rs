//! Scala, as Pygments' `scala` lexer tokenizes it. Rewritten where the `regex` engines
//! lack lookaround:
//! - an identifier's operator tail needs a `_` before it (`(?<=_)`): here the `_` is
//!   part of the alternative (`idrest!`);
//! - a declared name must not start a comment (`(?!//|/\*)` mid-pattern): here the name
//!   pattern cannot start with `//` or `/*` (`any_id_nc!`);
//! - lookaheads inside an optional group (after `extends`) match nothing, so they go;
//! - `inline` before an `if`/`match` further on is recognised right before one only;
//! - a triple-quoted string ends at the last of a run of quotes (`"""+`).

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("whitespace", WHITESPACE),
    ("comments", COMMENTS),
    ("script-header", SCRIPT_HEADER),
    ("imports", IMPORTS),
    ("exports", EXPORTS),
    ("storage-modifiers", STORAGE_MODIFIERS),
    ("annotations", ANNOTATIONS),
    ("using", USING),
    ("declarations", DECLARATIONS),
    ("inheritance", INHERITANCE),
    ("extension", EXTENSION),
    ("end", END),
    ("punctuation", PUNCTUATION),
    ("keywords", KEYWORDS),
    ("operators", OPERATORS),
    ("constants", CONSTANTS),
    ("strings", STRINGS),
    ("symbols", SYMBOLS),
    ("singleton-type", SINGLETON_TYPE),
    ("inline", INLINE),
    ("quoted", QUOTED),
    ("names", NAMES),
    ("comment", COMMENT),
    ("import-path", IMPORT_PATH),
    ("import-path-curly-brace", IMPORT_PATH_CURLY_BRACE),
    ("export-path", EXPORT_PATH),
    ("export-path-curly-brace", EXPORT_PATH_CURLY_BRACE),
    ("package", PACKAGE),
    ("interpolated-string-triple", INTERPOLATED_STRING_TRIPLE),
    ("interpolated-string", INTERPOLATED_STRING),
    ("interpolated-string-brace", INTERPOLATED_STRING_BRACE),
    ("interpolated-string-nested-brace", INTERPOLATED_STRING_NESTED_BRACE),
    ("qualified-name", QUALIFIED_NAME),
    ("interpolated-string-common", INTERPOLATED_STRING_COMMON),
];

macro_rules! opchar {
    () => {
        r"[!#%&*\-/:?@^\p{Sm}\p{So}]"
    };
}
/// An operator character other than `/`.
macro_rules! opchar_no_slash {
    () => {
        r"[!#%&*\-:?@^\p{Sm}\p{So}]"
    };
}
/// An operator character other than `/` and `*` (after a `/`, so as not to open a comment).
macro_rules! opchar_no_slash_star {
    () => {
        r"[!#%&\-:?@^\p{Sm}\p{So}]"
    };
}
macro_rules! letter {
    () => {
        r"[_$\p{Ll}\p{Lu}\p{Lo}\p{Nl}\p{Lt}]"
    };
}
macro_rules! letter_or_digit {
    () => {
        r"[_$\p{Ll}\p{Lu}\p{Lo}\p{Nl}\p{Lt}0-9]"
    };
}
macro_rules! letter_or_digit_no_dollar {
    () => {
        r"[_\p{Ll}\p{Lu}\p{Lo}\p{Nl}\p{Lt}0-9]"
    };
}
macro_rules! idrest {
    () => {
        concat!(
            "(?:(?:",
            letter!(),
            letter_or_digit!(),
            "*_|_)",
            opchar!(),
            "+|",
            letter!(),
            letter_or_digit!(),
            "*)"
        )
    };
}
macro_rules! id_upper {
    () => {
        concat!(
            r"(?:[\p{Lu}\p{Lt}](?:",
            letter_or_digit!(),
            "*_",
            opchar!(),
            "+|",
            letter_or_digit!(),
            "*))"
        )
    };
}
macro_rules! plainid {
    () => {
        concat!("(?:", idrest!(), "|", opchar!(), "+)")
    };
}
macro_rules! back_quoted_id {
    () => {
        r"`[^`]+`"
    };
}
macro_rules! any_id {
    () => {
        concat!("(?:", plainid!(), "|", back_quoted_id!(), ")")
    };
}
/// `any_id!` not starting with `//` or `/*`.
macro_rules! any_id_nc {
    () => {
        concat!(
            "(?:",
            idrest!(),
            "|",
            opchar_no_slash!(),
            opchar!(),
            "*|/(?:",
            opchar_no_slash_star!(),
            opchar!(),
            "*)?|",
            back_quoted_id!(),
            ")"
        )
    };
}
macro_rules! end_of_line_maybe_with_comment {
    () => {
        r"(?=\s*(?://|$))"
    };
}

const ROOT: &[Rule] = &[
    r("", Include("whitespace"), ""),
    r("", Include("comments"), ""),
    r("", Include("script-header"), ""),
    r("", Include("imports"), ""),
    r("", Include("exports"), ""),
    r("", Include("storage-modifiers"), ""),
    r("", Include("annotations"), ""),
    r("", Include("using"), ""),
    r("", Include("declarations"), ""),
    r("", Include("inheritance"), ""),
    r("", Include("extension"), ""),
    r("", Include("end"), ""),
    r("", Include("constants"), ""),
    r("", Include("strings"), ""),
    r("", Include("symbols"), ""),
    r("", Include("singleton-type"), ""),
    r("", Include("inline"), ""),
    r("", Include("quoted"), ""),
    r("", Include("keywords"), ""),
    r("", Include("operators"), ""),
    r("", Include("punctuation"), ""),
    r("", Include("names"), ""),
];

const WHITESPACE: &[Rule] = &[r(r"\s+", Tok(T::TextWhitespace), "")];

const COMMENTS: &[Rule] =
    &[r(r"//.*?\n", Tok(T::CommentSingle), ""), r(r"/\*", Tok(T::CommentMultiline), "comment")];

const SCRIPT_HEADER: &[Rule] = &[r(r"^#!(?:[^\n]*)$", Tok(T::CommentHashbang), "")];

const IMPORTS: &[Rule] =
    &[r(r"\b(import)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "import-path")];

const EXPORTS: &[Rule] = &[
    r(
        r"\b(export)(\s+)(given)(\s+)",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Keyword), P(T::TextWhitespace)]),
        "export-path",
    ),
    r(r"\b(export)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "export-path"),
];

const STORAGE_MODIFIERS: &[Rule] = &[
    r(
        r"\b(?:synchronized|@transient|@volatile|protected|abstract|implicit|override|private|@native|sealed|final|lazy)\b",
        Tok(T::Keyword),
        "",
    ),
    r(
        r"\b(?:transparent|opaque|infix|open|inline)\b(?=[a-z\s]*\b(?:def|val|var|given|type|class|trait|object|enum)\b)",
        Tok(T::Keyword),
        "",
    ),
];

const ANNOTATIONS: &[Rule] = &[r(concat!("@", idrest!()), Tok(T::NameDecorator), "")];

const USING: &[Rule] = &[r(
    r"(\()(\s*)(using)(\s)",
    By(&[P(T::Punctuation), P(T::TextWhitespace), P(T::Keyword), P(T::TextWhitespace)]),
    "",
)];

const DECLARATIONS: &[Rule] = &[
    r(
        concat!(r"\b(def)\b(\s*)(", any_id_nc!(), ")?"),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameFunction)]),
        "",
    ),
    r(
        concat!(r"\b(trait)\b(\s*)(", any_id_nc!(), ")?"),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameClass)]),
        "",
    ),
    r(
        concat!(r"\b(?:(case)(\s+))?(class|object|enum)\b(\s*)(", any_id_nc!(), ")?"),
        By(&[
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::NameClass),
        ]),
        "",
    ),
    r(
        concat!(r"(?<!\.)\b(type)\b(\s*)(", any_id_nc!(), ")?"),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameClass)]),
        "",
    ),
    r(r"\b(?:val|var)\b", Tok(T::KeywordDeclaration), ""),
    r(
        concat!(r"\b(package)(\s+)(object)\b(\s*)(", any_id_nc!(), ")?"),
        By(&[
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::NameNamespace),
        ]),
        "",
    ),
    r(r"\b(package)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "package"),
    r(
        concat!(r"\b(given)\b(\s*)(", id_upper!(), ")"),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameClass)]),
        "",
    ),
    r(
        concat!(r"\b(given)\b(\s*)(", any_id!(), ")?"),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Name)]),
        "",
    ),
];

const INHERITANCE: &[Rule] = &[r(
    concat!(r"\b(extends|with|derives)\b(\s*)(", id_upper!(), "|", back_quoted_id!(), ")?"),
    By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameClass)]),
    "",
)];

const EXTENSION: &[Rule] =
    &[r(r"\b(extension)(\s+)(?=[\[\(])", By(&[P(T::Keyword), P(T::TextWhitespace)]), "")];

const END: &[Rule] = &[
    r(
        r"\b(end)(\s+)(if|while|for|match|new|extension|val|var)\b",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Keyword)]),
        "",
    ),
    r(
        concat!(r"\b(end)(\s+)(", id_upper!(), ")", end_of_line_maybe_with_comment!()),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameClass)]),
        "",
    ),
    r(
        concat!(
            r"\b(end)(\s+)(",
            back_quoted_id!(),
            "|",
            plainid!(),
            ")?",
            end_of_line_maybe_with_comment!()
        ),
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameNamespace)]),
        "",
    ),
];

const PUNCTUATION: &[Rule] =
    &[r(r"[{}()\[\];,.]", Tok(T::Punctuation), ""), r(r"(?<!:):(?!:)", Tok(T::Punctuation), "")];

const KEYWORDS: &[Rule] = &[r(
    r"\b(?:isInstanceOf|asInstanceOf|classOf|finally|return|throw|match|while|yield|catch|else|then|case|new|for|try|if|do)\b",
    Tok(T::Keyword),
    "",
)];

const OPERATORS: &[Rule] = &[
    r(concat!("(", opchar!(), "{2,})(\\s+)"), By(&[P(T::Operator), P(T::TextWhitespace)]), ""),
    r(r"/(?![/*])", Tok(T::Operator), ""),
    r(
        r"(?:<%<|=:=|<:<|<%|>:|<:|==|!=|<=|>=|<>|<-|->|=>|=|<|>|←|→|⇒|\?|@|\||-|\+|\*|%|~|\\)",
        Tok(T::Operator),
        "",
    ),
    r(concat!("(?<!", opchar!(), r")(?:!|&&|\|\|)(?!", opchar!(), ")"), Tok(T::Operator), ""),
];

const CONSTANTS: &[Rule] = &[
    r(r"\b(?:this|super)\b", Tok(T::NameBuiltinPseudo), ""),
    r(r"(?:true|false|null)\b", Tok(T::KeywordConstant), ""),
    r(r"0[xX][0-9a-fA-F_]*", Tok(T::LiteralNumberHex), ""),
    r(
        r"(?:[0-9][0-9_]*\.[0-9][0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?[fFdD]?",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(r"[0-9]+(?:[eE][+-]?[0-9]+)?[fFdD]", Tok(T::LiteralNumberFloat), ""),
    r(r"[0-9]+(?:[eE][+-]?[0-9]+)[fFdD]?", Tok(T::LiteralNumberFloat), ""),
    r(r"[0-9]+[lL]", Tok(T::LiteralNumberIntegerLong), ""),
    r(r"[0-9]+", Tok(T::LiteralNumberInteger), ""),
    r(r#"(?s)""".*?""""*"#, Tok(T::LiteralString), ""),
    r(r#"(?s)"(?:\\\\|\\"|[^"])*""#, Tok(T::LiteralString), ""),
    r(
        r"(?s)(')(\\.)(')",
        By(&[P(T::LiteralStringChar), P(T::LiteralStringEscape), P(T::LiteralStringChar)]),
        "",
    ),
    r(r"(?s)'[^\\]'|'\\u[0-9a-fA-F]{4}'", Tok(T::LiteralStringChar), ""),
];

const STRINGS: &[Rule] = &[
    r(r#"[fs]""""#, Tok(T::LiteralString), "interpolated-string-triple"),
    r(r#"[fs]""#, Tok(T::LiteralString), "interpolated-string"),
    r(r#"(?s)raw"(?:\\\\|\\"|[^"])*""#, Tok(T::LiteralString), ""),
];

const SYMBOLS: &[Rule] = &[r(concat!("'", plainid!(), "(?!')"), Tok(T::LiteralStringSymbol), "")];

const SINGLETON_TYPE: &[Rule] = &[r(r"(\.)(type)\b", By(&[P(T::Punctuation), P(T::Keyword)]), "")];

const INLINE: &[Rule] = &[
    r(
        concat!(r"\binline(?=\s+(?:", plainid!(), "|", back_quoted_id!(), r")\s*:)"),
        Tok(T::Keyword),
        "",
    ),
    r(r"\binline\b(?=\s+(?:if|match)\b)", Tok(T::Keyword), ""),
];

const QUOTED: &[Rule] =
    &[r(r"['$]\{(?!')", Tok(T::Punctuation), ""), r(r"'\[(?!')", Tok(T::Punctuation), "")];

const NAMES: &[Rule] = &[r(id_upper!(), Tok(T::NameClass), ""), r(any_id!(), Tok(T::Name), "")];

const COMMENT: &[Rule] = &[
    r(r"[^/*]+", Tok(T::CommentMultiline), ""),
    r(r"/\*", Tok(T::CommentMultiline), "#push"),
    r(r"\*/", Tok(T::CommentMultiline), "#pop"),
    r(r"[*/]", Tok(T::CommentMultiline), ""),
];

const IMPORT_PATH: &[Rule] = &[
    r(r"(?<=[\n;:])", Tok(T::Text), "#pop"),
    r("", Include("comments"), ""),
    r(r"\bgiven\b", Tok(T::Keyword), ""),
    r("", Include("qualified-name"), ""),
    r(r"\{", Tok(T::Punctuation), "import-path-curly-brace"),
];

const IMPORT_PATH_CURLY_BRACE: &[Rule] = &[
    r("", Include("whitespace"), ""),
    r("", Include("comments"), ""),
    r(r"\bgiven\b", Tok(T::Keyword), ""),
    r(r"=>", Tok(T::Operator), ""),
    r(r"\}", Tok(T::Punctuation), "#pop"),
    r(r",", Tok(T::Punctuation), ""),
    r(r"[\[\]]", Tok(T::Punctuation), ""),
    r("", Include("qualified-name"), ""),
];

const EXPORT_PATH: &[Rule] = &[
    r(r"(?<=[\n;:])", Tok(T::Text), "#pop"),
    r("", Include("comments"), ""),
    r("", Include("qualified-name"), ""),
    r(r"\{", Tok(T::Punctuation), "export-path-curly-brace"),
];

const EXPORT_PATH_CURLY_BRACE: &[Rule] = &[
    r("", Include("whitespace"), ""),
    r("", Include("comments"), ""),
    r(r"=>", Tok(T::Operator), ""),
    r(r"\}", Tok(T::Punctuation), "#pop"),
    r(r",", Tok(T::Punctuation), ""),
    r("", Include("qualified-name"), ""),
];

const PACKAGE: &[Rule] = &[
    r(r"(?<=[\n;])", Tok(T::Text), "#pop"),
    r(r":", Tok(T::Punctuation), "#pop"),
    r("", Include("comments"), ""),
    r("", Include("qualified-name"), ""),
];

const INTERPOLATED_STRING_TRIPLE: &[Rule] = &[
    r(r#""""(?!")"#, Tok(T::LiteralString), "#pop"),
    r(r#"""#, Tok(T::LiteralString), ""),
    r("", Include("interpolated-string-common"), ""),
];

const INTERPOLATED_STRING: &[Rule] =
    &[r(r#"""#, Tok(T::LiteralString), "#pop"), r("", Include("interpolated-string-common"), "")];

const INTERPOLATED_STRING_BRACE: &[Rule] = &[
    r(r"\}", Tok(T::LiteralStringInterpol), "#pop"),
    r(r"\{", Tok(T::Punctuation), "interpolated-string-nested-brace"),
    r("", Include("root"), ""),
];

const INTERPOLATED_STRING_NESTED_BRACE: &[Rule] = &[
    r(r"\{", Tok(T::Punctuation), "#push"),
    r(r"\}", Tok(T::Punctuation), "#pop"),
    r("", Include("root"), ""),
];

const QUALIFIED_NAME: &[Rule] = &[
    r(id_upper!(), Tok(T::NameClass), ""),
    r(concat!("(", any_id!(), r")(\.)"), By(&[P(T::NameNamespace), P(T::Punctuation)]), ""),
    r(r"\.", Tok(T::Punctuation), ""),
    r(any_id!(), Tok(T::Name), ""),
    r(r"[^\S\n]+", Tok(T::TextWhitespace), ""),
];

const INTERPOLATED_STRING_COMMON: &[Rule] = &[
    r(r#"[^"$\\]+"#, Tok(T::LiteralString), ""),
    r(r"\$\$", Tok(T::LiteralStringEscape), ""),
    r(
        concat!(r"(\$)(", letter!(), letter_or_digit_no_dollar!(), "*)"),
        By(&[P(T::LiteralStringInterpol), P(T::Name)]),
        "",
    ),
    r(r"\$\{", Tok(T::LiteralStringInterpol), "interpolated-string-brace"),
    r(r"(?s)\\.", Tok(T::LiteralString), ""),
];
