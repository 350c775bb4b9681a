//! JSON, as Pygments' `json` lexer tokenizes it: a string followed by a colon is a key
//! (`Name.Tag`), comments are allowed, anything else is an error.

use crate::engine::Action::Tok;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[("root", ROOT)];

const ROOT: &[Rule] = &[
    r(r"[ \t\n\r]+", Tok(T::TextWhitespace), ""),
    r(r#""(?:\\(?s:.)|[^"\\])*"(?=[ \t\n\r]*:)"#, Tok(T::NameTag), ""),
    r(r#""(?:\\(?s:.)|[^"\\])*""#, Tok(T::LiteralStringDouble), ""),
    r(r"-?[0-9]+(?:[.eE][-+0-9.eE]*)", Tok(T::LiteralNumberFloat), ""),
    r(r"-?[0-9]+", Tok(T::LiteralNumberInteger), ""),
    r(r"(?:true|false|null)\b", Tok(T::KeywordConstant), ""),
    r(r"[{}\[\],:]", Tok(T::Punctuation), ""),
    r(r"//.*", Tok(T::CommentSingle), ""),
    r(r"/\*(?s:.)*?\*/", Tok(T::CommentMultiline), ""),
];
