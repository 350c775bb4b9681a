//! Haskell, as Pygments' `haskell` lexer tokenizes it.

use crate::engine::Action::{By, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("import", IMPORT),
    ("module", MODULE),
    ("funclist", FUNCLIST),
    ("comment", COMMENT),
    ("character", CHARACTER),
    ("string", STRING),
    ("escape", ESCAPE),
];

/// A `--` comment: not when the dashes start an operator like `-->` or `--|`.
const LINE_COMMENT: &str = r"--(?:$|[^!#$%&*+./<=>?@^|_~:\\\n].*?$)";

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(LINE_COMMENT, Tok(T::CommentSingle), ""),
    r(r"\{-", Tok(T::CommentMultiline), "comment"),
    r(r"\bimport\b", Tok(T::KeywordReserved), "import"),
    r(r"\bmodule\b", Tok(T::KeywordReserved), "module"),
    r(r"\berror\b", Tok(T::NameException), ""),
    r(
        r"\b(?:case|class|data|default|deriving|do|else|family|if|in|infix[lr]?|instance|let|newtype|of|then|type|where|_)\b(?!')",
        Tok(T::KeywordReserved),
        "",
    ),
    r(r"'[^\\]'", Tok(T::LiteralStringChar), ""),
    r(r"^[_\p{Ll}][\w']*", Tok(T::NameFunction), ""),
    r(r"'?[_\p{Ll}][\w']*", Tok(T::Name), ""),
    r(r"(?:'')?\p{Lu}[\w']*", Tok(T::KeywordType), ""),
    r(r"'\p{Lu}[\w']*", Tok(T::KeywordType), ""),
    r(r"'\[[^\]]*\]", Tok(T::KeywordType), ""),
    r(r"'\([^)]*\)", Tok(T::KeywordType), ""),
    r(r"'[:!#$%&*+.\\/<=>?@^|~-]+", Tok(T::KeywordType), ""),
    r(r"\\(?![:!#$%&*+.\\/<=>?@^|~-])", Tok(T::NameFunction), ""),
    r(r"(?:<-|::|->|=>|=)(?![:!#$%&*+.\\/<=>?@^|~-])", Tok(T::OperatorWord), ""),
    r(r":[:!#$%&*+.\\/<=>?@^|~-]*", Tok(T::KeywordType), ""),
    r(r"[:!#$%&*+.\\/<=>?@^|~-]+", Tok(T::Operator), ""),
    r(r"0[xX]_*[\da-fA-F](?:_*[\da-fA-F])*_*[pP][+-]?\d(?:_*\d)*", Tok(T::LiteralNumberFloat), ""),
    r(
        r"0[xX]_*[\da-fA-F](?:_*[\da-fA-F])*\.[\da-fA-F](?:_*[\da-fA-F])*(?:_*[pP][+-]?\d(?:_*\d)*)?",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(r"\d(?:_*\d)*_*[eE][+-]?\d(?:_*\d)*", Tok(T::LiteralNumberFloat), ""),
    r(r"\d(?:_*\d)*\.\d(?:_*\d)*(?:_*[eE][+-]?\d(?:_*\d)*)?", Tok(T::LiteralNumberFloat), ""),
    r(r"0[bB]_*[01](?:_*[01])*", Tok(T::LiteralNumberBin), ""),
    r(r"0[oO]_*[0-7](?:_*[0-7])*", Tok(T::LiteralNumberOct), ""),
    r(r"0[xX]_*[\da-fA-F](?:_*[\da-fA-F])*", Tok(T::LiteralNumberHex), ""),
    r(r"\d(?:_*\d)*", Tok(T::LiteralNumberInteger), ""),
    r(r"'", Tok(T::LiteralStringChar), "character"),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"\[\]", Tok(T::KeywordType), ""),
    r(r"\(\)", Tok(T::NameBuiltin), ""),
    r(r"[\]\[(),;`{}]", Tok(T::Punctuation), ""),
];

const IMPORT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"\)", Tok(T::Punctuation), "#pop"),
    r(r"qualified\b", Tok(T::Keyword), ""),
    r(
        r"(\p{Lu}[\w.]*)(\s+)(as)(\s+)(\p{Lu}[\w.]*)",
        By(&[
            P(T::NameNamespace),
            P(T::TextWhitespace),
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::Name),
        ]),
        "#pop",
    ),
    r(
        r"(\p{Lu}[\w.]*)(\s+)(hiding)(\s+)(\()",
        By(&[
            P(T::NameNamespace),
            P(T::TextWhitespace),
            P(T::Keyword),
            P(T::TextWhitespace),
            P(T::Punctuation),
        ]),
        "funclist",
    ),
    r(
        r"(\p{Lu}[\w.]*)(\s+)(\()",
        By(&[P(T::NameNamespace), P(T::TextWhitespace), P(T::Punctuation)]),
        "funclist",
    ),
    r(r"[\w.]+", Tok(T::NameNamespace), "#pop"),
];

const MODULE: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(
        r"(\p{Lu}[\w.]*)(\s+)(\()",
        By(&[P(T::NameNamespace), P(T::TextWhitespace), P(T::Punctuation)]),
        "funclist",
    ),
    r(r"\p{Lu}[\w.]*", Tok(T::NameNamespace), "#pop"),
];

const FUNCLIST: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"\p{Lu}\w*", Tok(T::KeywordType), ""),
    r(r"_[\w']+|\p{Ll}[\w']*", Tok(T::NameFunction), ""),
    r(LINE_COMMENT, Tok(T::CommentSingle), ""),
    r(r"\{-", Tok(T::CommentMultiline), "comment"),
    r(r",", Tok(T::Punctuation), ""),
    r(r"[:!#$%&*+.\\/<=>?@^|~-]+", Tok(T::Operator), ""),
    r(r"\(", Tok(T::Punctuation), "funclist funclist"),
    r(r"\)", Tok(T::Punctuation), "#pop:2"),
];

const COMMENT: &[Rule] = &[
    r(r"[^-{}]+", Tok(T::CommentMultiline), ""),
    r(r"\{-", Tok(T::CommentMultiline), "#push"),
    r(r"-\}", Tok(T::CommentMultiline), "#pop"),
    r(r"[-{}]", Tok(T::CommentMultiline), ""),
];

const CHARACTER: &[Rule] = &[
    r(r"[^\\']'", Tok(T::LiteralStringChar), "#pop"),
    r(r"\\", Tok(T::LiteralStringEscape), "escape"),
    r(r"'", Tok(T::LiteralStringChar), "#pop"),
];

const STRING: &[Rule] = &[
    r(r#"[^\\"]+"#, Tok(T::LiteralString), ""),
    r(r"\\", Tok(T::LiteralStringEscape), "escape"),
    r(r#"""#, Tok(T::LiteralString), "#pop"),
];

const ESCAPE: &[Rule] = &[
    r(r#"[abfnrtv"'&\\]"#, Tok(T::LiteralStringEscape), "#pop"),
    r(r"\^[\]\[\p{Lu}@^_]", Tok(T::LiteralStringEscape), "#pop"),
    r(
        r"NUL|SOH|[SE]TX|EOT|ENQ|ACK|BEL|BS|HT|LF|VT|FF|CR|S[OI]|DLE|DC[1-4]|NAK|SYN|ETB|CAN|EM|SUB|ESC|[FGRU]S|SP|DEL",
        Tok(T::LiteralStringEscape),
        "#pop",
    ),
    r(r"o[0-7]+", Tok(T::LiteralStringEscape), "#pop"),
    r(r"x[\da-fA-F]+", Tok(T::LiteralStringEscape), "#pop"),
    r(r"\d+", Tok(T::LiteralStringEscape), "#pop"),
    r(r"(\s+)(\\)", By(&[P(T::TextWhitespace), P(T::LiteralStringEscape)]), "#pop"),
];
