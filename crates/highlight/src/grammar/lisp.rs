//! Common Lisp and Emacs Lisp, as Pygments' `common-lisp` and `emacs-lisp` lexers
//! tokenize them. Pygments gives a symbol another type afterwards when it is in one of
//! its word sets (builtins, special forms, …); here the symbol rule types its match by
//! the generated sets (`lisp_words.rs`), in Pygments' order. Common Lisp is
//! case-insensitive (`ci!`) but its word sets are not. A lookahead in the middle of the
//! read-time comment rule is spelled out.

use crate::engine::Action::{By, Listed, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule, WordSet};
use crate::token_type::TokenType as T;

include!("../generated/lisp_words.rs");

/// A Common Lisp symbol: a variable unless Pygments' sets say otherwise.
const CL_SYMBOL: WordSet = WordSet {
    sets: &[
        (CL_BUILTIN_FUNCTIONS, T::NameBuiltin),
        (CL_SPECIAL_FORMS, T::Keyword),
        (CL_MACROS, T::NameBuiltin),
        (CL_LAMBDA_LIST_KEYWORDS, T::Keyword),
        (CL_DECLARATIONS, T::Keyword),
        (CL_BUILTIN_TYPES, T::KeywordType),
        (CL_BUILTIN_CLASSES, T::NameClass),
    ],
    other: T::NameVariable,
};

/// An Emacs Lisp symbol: a variable unless Pygments' sets say otherwise.
const EL_SYMBOL: WordSet = WordSet {
    sets: &[
        (EL_BUILTIN_FUNCTION, T::NameFunction),
        (EL_SPECIAL_FORMS, T::Keyword),
        (EL_ERROR_KEYWORDS, T::NameException),
        (EL_BUILTIN_FUNCTION_HIGHLIGHTED, T::NameBuiltin),
        (EL_MACROS, T::NameBuiltin),
        (EL_LAMBDA_LIST_KEYWORDS, T::KeywordPseudo),
    ],
    other: T::NameVariable,
};

pub(crate) const COMMON_LISP: Grammar = &[
    ("root", ROOT),
    ("multiline-comment", CL_MULTILINE_COMMENT),
    ("commented-form", CL_COMMENTED_FORM),
    ("body", CL_BODY),
];

pub(crate) const EMACS_LISP: Grammar = &[("root", ROOT), ("body", EL_BODY), ("string", EL_STRING)];

/// Both lexers start in `body` and come back to it after a stray `)`.
const ROOT: &[Rule] = &[r("", Tok(T::Text), "body")];

/// A Common Lisp pattern under Pygments' flags for it (case-insensitive).
macro_rules! ci {
    ($($p:expr),+) => {
        concat!("(?i)", $($p),+)
    };
}

/// A character that may start a Common Lisp symbol, or an escaped one.
macro_rules! cl_nonmacro {
    () => {
        r"\\.|[\w!$%&*+,\-./<=>?@\[\]^{}~]"
    };
}
macro_rules! cl_symbol {
    () => {
        concat!(r"(?:\|[^|]+\||(?:", cl_nonmacro!(), ")(?:", cl_nonmacro!(), "|[#.:])*)")
    };
}
/// Whitespace or a terminating macro character follows.
macro_rules! cl_terminated {
    () => {
        r#"(?=[ "()'\n,;`])"#
    };
}
const CL_MULTILINE_COMMENT: &[Rule] = &[
    r(r"#\|", Tok(T::CommentMultiline), "#push"),
    r(r"\|#", Tok(T::CommentMultiline), "#pop"),
    r(r"[^|#]+", Tok(T::CommentMultiline), ""),
    r(r"[|#]", Tok(T::CommentMultiline), ""),
];

const CL_COMMENTED_FORM: &[Rule] = &[
    r(r"\(", Tok(T::CommentPreproc), "#push"),
    r(r"\)", Tok(T::CommentPreproc), "#pop"),
    r(r"[^()]+", Tok(T::CommentPreproc), ""),
];

const CL_BODY: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r";.*$", Tok(T::CommentSingle), ""),
    r(r"#\|", Tok(T::CommentMultiline), "multiline-comment"),
    r(ci!(r"#\d*Y.*$"), Tok(T::CommentSpecial), ""),
    r(r#"(?s)"(?:\\.|\\\n|[^"\\])*""#, Tok(T::LiteralString), ""),
    r(ci!(":", cl_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(ci!("::", cl_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(ci!(":#", cl_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(ci!("'", cl_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(r"'", Tok(T::Operator), ""),
    r(r"`", Tok(T::Operator), ""),
    r(concat!(r"[-+]?\d+\.?", cl_terminated!()), Tok(T::LiteralNumberInteger), ""),
    r(concat!(r"[-+]?\d+/\d+", cl_terminated!()), Tok(T::LiteralNumber), ""),
    r(
        ci!(
            r"[-+]?(?:\d*\.\d+(?:[defls][-+]?\d+)?|\d+(?:\.\d*)?[defls][-+]?\d+)",
            cl_terminated!()
        ),
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(concat!(r"#\\.", cl_terminated!()), Tok(T::LiteralStringChar), ""),
    r(ci!(r"#\\", cl_symbol!()), Tok(T::LiteralStringChar), ""),
    r(r"#\(", Tok(T::Operator), "body"),
    r(r"#\d*\*[01]*", Tok(T::LiteralOther), ""),
    r(ci!("#:", cl_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(r"#[.,]", Tok(T::Operator), ""),
    r(r"#'", Tok(T::NameFunction), ""),
    r(ci!(r"#b[+-]?[01]+(?:/[01]+)?"), Tok(T::LiteralNumberBin), ""),
    r(ci!(r"#o[+-]?[0-7]+(?:/[0-7]+)?"), Tok(T::LiteralNumberOct), ""),
    r(ci!(r"#x[+-]?[0-9a-f]+(?:/[0-9a-f]+)?"), Tok(T::LiteralNumberHex), ""),
    r(ci!(r"#\d+r[+-]?[0-9a-z]+(?:/[0-9a-z]+)?"), Tok(T::LiteralNumber), ""),
    r(ci!(r"(#c)(\()"), By(&[P(T::LiteralNumber), P(T::Punctuation)]), "body"),
    r(ci!(r"(#\d+a)(\()"), By(&[P(T::LiteralOther), P(T::Punctuation)]), "body"),
    r(ci!(r"(#s)(\()"), By(&[P(T::LiteralOther), P(T::Punctuation)]), "body"),
    r(ci!(r#"(?s)#p?"(?:\\.|[^"])*""#), Tok(T::LiteralOther), ""),
    r(r"#\d+=", Tok(T::Operator), ""),
    r(r"#\d+#", Tok(T::Operator), ""),
    // `#+nil` then whitespace or a terminating character, then optional space and `(`.
    r(ci!(r"#\+nil(?:[ \n]\s*)?\("), Tok(T::CommentPreproc), "commented-form"),
    r(r"#[+-]", Tok(T::Operator), ""),
    r(r",@|,|\.", Tok(T::Operator), ""),
    r(ci!(r"(?:t|nil)", cl_terminated!()), Tok(T::NameConstant), ""),
    r(ci!(r"\*", cl_symbol!(), r"\*"), Tok(T::NameVariableGlobal), ""),
    r(ci!(cl_symbol!()), Listed(&CL_SYMBOL), ""),
    r(r"\(", Tok(T::Punctuation), "body"),
    r(r"\)", Tok(T::Punctuation), "#pop"),
];

/// A character that may start an Emacs Lisp symbol, or an escaped one.
macro_rules! el_nonmacro {
    () => {
        r"\\.|[\w!$%&*+,\-./<=>?@^{}~|]"
    };
}
macro_rules! el_symbol {
    () => {
        concat!("(?:(?:", el_nonmacro!(), ")(?:", el_nonmacro!(), "|[#.:])*)")
    };
}
macro_rules! el_terminated {
    () => {
        r#"(?=[ "()\]'\n,;`])"#
    };
}
const EL_BODY: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r";.*$", Tok(T::CommentSingle), ""),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"\?(?:[^\\]|\\.)", Tok(T::LiteralStringChar), ""),
    r(concat!(":", el_symbol!()), Tok(T::NameBuiltin), ""),
    r(concat!("::", el_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(concat!("'", el_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(r"'", Tok(T::Operator), ""),
    r(r"`", Tok(T::Operator), ""),
    r(concat!(r"[-+]?\d+\.?", el_terminated!()), Tok(T::LiteralNumberInteger), ""),
    r(concat!(r"[-+]?\d+/\d+", el_terminated!()), Tok(T::LiteralNumber), ""),
    r(
        concat!(
            r"[-+]?(?:\d*\.\d+(?:[defls][-+]?\d+)?|\d+(?:\.\d*)?[defls][-+]?\d+)",
            el_terminated!()
        ),
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(r"\[|\]", Tok(T::Punctuation), ""),
    r(concat!("#:", el_symbol!()), Tok(T::LiteralStringSymbol), ""),
    r(r"#\^\^?", Tok(T::Operator), ""),
    r(r"#'", Tok(T::NameFunction), ""),
    r(r"#[bB][+-]?[01]+(?:/[01]+)?", Tok(T::LiteralNumberBin), ""),
    r(r"#[oO][+-]?[0-7]+(?:/[0-7]+)?", Tok(T::LiteralNumberOct), ""),
    r(r"#[xX][+-]?[0-9a-fA-F]+(?:/[0-9a-fA-F]+)?", Tok(T::LiteralNumberHex), ""),
    r(r"#\d+r[+-]?[0-9a-zA-Z]+(?:/[0-9a-zA-Z]+)?", Tok(T::LiteralNumber), ""),
    r(r"#\d+=", Tok(T::Operator), ""),
    r(r"#\d+#", Tok(T::Operator), ""),
    r(r",@|,|\.|:", Tok(T::Operator), ""),
    r(concat!(r"(?:t|nil)", el_terminated!()), Tok(T::NameConstant), ""),
    r(concat!(r"\*", el_symbol!(), r"\*"), Tok(T::NameVariableGlobal), ""),
    r(el_symbol!(), Listed(&EL_SYMBOL), ""),
    r(r"#\(", Tok(T::Operator), "body"),
    r(r"\(", Tok(T::Punctuation), "body"),
    r(r"\)", Tok(T::Punctuation), "#pop"),
];

const EL_STRING: &[Rule] = &[
    r(r#"[^"\\`]+"#, Tok(T::LiteralString), ""),
    r(concat!("`", el_symbol!(), "'"), Tok(T::LiteralStringSymbol), ""),
    r(r"`", Tok(T::LiteralString), ""),
    r(r"\\.", Tok(T::LiteralString), ""),
    r(r"\\\n", Tok(T::LiteralString), ""),
    r(r#"""#, Tok(T::LiteralString), "#pop"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_sets_are_sorted_for_the_binary_search() {
        assert!(super::CL_SYMBOL.is_sorted());
        assert!(super::EL_SYMBOL.is_sorted());
    }
}
