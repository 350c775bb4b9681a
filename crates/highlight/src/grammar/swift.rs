//! Swift, as Pygments' `swift` lexer tokenizes it (word lists generated from Pygments',
//! `src/generated/swift_words.rs`). Pygments shows a name or class name that is one of
//! Cocoa's as a pseudo builtin; here those rules type their match by the generated set
//! (`WordSet`).

use crate::engine::Action::{By, Include, Listed, Tok};
use crate::engine::Part::{L, T as P};
use crate::engine::{r, Grammar, Rule, WordSet};
use crate::token_type::TokenType as T;

include!("../generated/swift_words.rs");

/// A name, or a Cocoa name.
const NAME: WordSet = WordSet { sets: &[(SWIFT_COCOA, T::NameBuiltinPseudo)], other: T::Name };
/// A class name, or a Cocoa name.
const CLASS: WordSet =
    WordSet { sets: &[(SWIFT_COCOA, T::NameBuiltinPseudo)], other: T::NameClass };

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("keywords", KEYWORDS),
    ("comment", COMMENT),
    ("comment-single", COMMENT_SINGLE),
    ("comment-multi", COMMENT_MULTI),
    ("module", MODULE),
    ("preproc", PREPROC),
    ("string", STRING),
    ("string-multi", STRING_MULTI),
    ("string-common", STRING_COMMON),
    ("string-intp", STRING_INTP),
];

const ROOT: &[Rule] = &[
    r(r"\n", Tok(T::Text), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"//", Tok(T::CommentSingle), "comment-single"),
    r(r"/\*", Tok(T::CommentMultiline), "comment-multi"),
    r(r"#(?:if|elseif|else|endif|available)\b", Tok(T::CommentPreproc), "preproc"),
    r("", Include("keywords"), ""),
    r(concat!(swift_builtins!(), r"\b"), Tok(T::NameBuiltin), ""),
    r(concat!(swift_pseudo_builtins!(), r"\b"), Tok(T::NameBuiltinPseudo), ""),
    r(r"\$\d+", Tok(T::NameVariable), ""),
    r(r"0b[01_]+", Tok(T::LiteralNumberBin), ""),
    r(r"0o[0-7_]+", Tok(T::LiteralNumberOct), ""),
    r(r"0x[0-9a-fA-F_]+", Tok(T::LiteralNumberHex), ""),
    r(
        r"[0-9][0-9_]*(?:\.[0-9_]+[eE][+\-]?[0-9_]+|\.[0-9_]*|[eE][+\-]?[0-9_]+)",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(r"[0-9][0-9_]*", Tok(T::LiteralNumberInteger), ""),
    r(r#"""""#, Tok(T::LiteralString), "string-multi"),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"[(){}\[\].,:;=@#`?]|->", Tok(T::Punctuation), ""),
    r(r"[<&?](?=\w)", Tok(T::Punctuation), ""),
    r(r"(?<=\w)[>!?]", Tok(T::Punctuation), ""),
    r(r"[/=\-+!*%<>&|^?~]+", Tok(T::Operator), ""),
    r(r"[a-zA-Z_]\w*", Listed(&NAME), ""),
];

const KEYWORDS: &[Rule] = &[
    r(concat!(swift_keywords!(), r"\b"), Tok(T::Keyword), ""),
    r(r"@availability\([^)]+\)", Tok(T::KeywordReserved), ""),
    r(concat!(swift_reserved!(), r"\b"), Tok(T::KeywordReserved), ""),
    r(
        r"(?:as|dynamicType|false|is|nil|self|Self|super|true|__COLUMN__|__FILE__|__FUNCTION__|__LINE__|_|#(?:file|line|column|function))\b",
        Tok(T::KeywordConstant),
        "",
    ),
    r(r"import\b", Tok(T::KeywordDeclaration), "module"),
    r(
        r"(class|enum|extension|struct|protocol)(\s+)([a-zA-Z_]\w*)",
        By(&[P(T::KeywordDeclaration), P(T::TextWhitespace), L(&CLASS)]),
        "",
    ),
    r(
        r"(func)(\s+)([a-zA-Z_]\w*)",
        By(&[P(T::KeywordDeclaration), P(T::TextWhitespace), P(T::NameFunction)]),
        "",
    ),
    r(
        r"(var|let)(\s+)([a-zA-Z_]\w*)",
        By(&[P(T::KeywordDeclaration), P(T::TextWhitespace), P(T::NameVariable)]),
        "",
    ),
    r(concat!(swift_declarations!(), r"\b"), Tok(T::KeywordDeclaration), ""),
];

const COMMENT: &[Rule] =
    &[r(r":param: [a-zA-Z_]\w*|:returns?:|(?:FIXME|MARK|TODO):", Tok(T::CommentSpecial), "")];

const COMMENT_SINGLE: &[Rule] = &[
    r(r"\n", Tok(T::TextWhitespace), "#pop"),
    r("", Include("comment"), ""),
    r(r"[^\n]+", Tok(T::CommentSingle), ""),
];

const COMMENT_MULTI: &[Rule] = &[
    r("", Include("comment"), ""),
    r(r"[^*/]+", Tok(T::CommentMultiline), ""),
    r(r"/\*", Tok(T::CommentMultiline), "#push"),
    r(r"\*/", Tok(T::CommentMultiline), "#pop"),
    r(r"[*/]+", Tok(T::CommentMultiline), ""),
];

const MODULE: &[Rule] = &[
    r(r"\n", Tok(T::TextWhitespace), "#pop"),
    r(r"[a-zA-Z_]\w*", Listed(&CLASS), ""),
    r("", Include("root"), ""),
];

const PREPROC: &[Rule] = &[
    r(r"\n", Tok(T::TextWhitespace), "#pop"),
    r("", Include("keywords"), ""),
    r(r"[A-Za-z]\w*", Tok(T::CommentPreproc), ""),
    r("", Include("root"), ""),
];

const STRING: &[Rule] =
    &[r(r#"""#, Tok(T::LiteralString), "#pop"), r("", Include("string-common"), "")];

const STRING_MULTI: &[Rule] =
    &[r(r#"""""#, Tok(T::LiteralString), "#pop"), r("", Include("string-common"), "")];

const STRING_COMMON: &[Rule] = &[
    r(r"\\\(", Tok(T::LiteralStringInterpol), "string-intp"),
    r(
        r#"\\['"\\nrt]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}"#,
        Tok(T::LiteralStringEscape),
        "",
    ),
    r(r#"[^\\"]+"#, Tok(T::LiteralString), ""),
    r(r"\\", Tok(T::LiteralString), ""),
];

const STRING_INTP: &[Rule] = &[
    r(r"\(", Tok(T::LiteralStringInterpol), "#push"),
    r(r"\)", Tok(T::LiteralStringInterpol), "#pop"),
    r("", Include("root"), ""),
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_cocoa_names_are_sorted_for_the_binary_search() {
        assert!(super::NAME.is_sorted());
    }
}
