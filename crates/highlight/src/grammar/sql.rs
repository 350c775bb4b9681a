//! SQL, as Pygments' `sql` lexer tokenizes it (keyword and type lists generated from
//! Pygments', `src/generated/sql_words.rs`).

use crate::engine::Action::Tok;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

include!("../generated/sql_words.rs");

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT), ("multiline-comments", COMMENTS)];

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"--.*\n?", Tok(T::CommentSingle), ""),
    r(r"/\*", Tok(T::CommentMultiline), "multiline-comments"),
    r(concat!("(?i)", sql_keywords!(), r"\b"), Tok(T::Keyword), ""),
    r(concat!("(?i)", sql_datatypes!(), r"\b"), Tok(T::NameBuiltin), ""),
    r(r"[+*/<>=~!@#%^&|`?-]", Tok(T::Operator), ""),
    r(r"[0-9]+", Tok(T::LiteralNumberInteger), ""),
    r(r"'(?:''|[^'])*'", Tok(T::LiteralStringSingle), ""),
    r(r#""(?:""|[^"])*""#, Tok(T::LiteralStringSymbol), ""),
    r(r"(?i)[a-z_][\w$]*", Tok(T::Name), ""),
    r(r"[;:()\[\],.]", Tok(T::Punctuation), ""),
];

const COMMENTS: &[Rule] = &[
    r(r"/\*", Tok(T::CommentMultiline), "multiline-comments"),
    r(r"\*/", Tok(T::CommentMultiline), "#pop"),
    r(r"[^/*]+", Tok(T::CommentMultiline), ""),
    r(r"[/*]", Tok(T::CommentMultiline), ""),
];
