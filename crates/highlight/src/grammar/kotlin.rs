//! Kotlin, as Pygments' `kotlin` lexer tokenizes it.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::{S, T as P};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("class", CLASS),
    ("variable", VARIABLE),
    ("destructuring_assignment", DESTRUCTURING),
    ("function", FUNCTION),
    ("generic", GENERIC),
    ("modifiers", MODIFIERS),
    ("string", STRING),
    ("multiline_string", MULTILINE_STRING),
    ("string_common", STRING_COMMON),
    ("interpolation", INTERPOLATION),
    ("scope", SCOPE),
];

/// An identifier, or any text between backquotes; one capture group.
macro_rules! kt_id {
    () => {
        r"(@?[_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Nl}][\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Nl}\p{Nd}\p{Pc}\p{Cf}\p{Mn}\p{Mc}]*|`@?[_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Nl}][\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Nl}\p{Nd}\p{Pc}\p{Cf}\p{Mn}\p{Mc}\p{Zs}'~!%^&*()+=|\[\]:;,.<>/\?-]*`)"
    };
}
macro_rules! modifiers {
    () => {
        r"actual|abstract|annotation|companion|const|crossinline|data|enum|expect|external|final|infix|inline|inner|internal|lateinit|noinline|open|operator|override|private|protected|public|sealed|suspend|tailrec|value"
    };
}

const ROOT: &[Rule] = &[
    r(r"[^\S\n]+", Tok(T::TextWhitespace), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"\\$", Tok(T::LiteralStringEscape), ""),
    r(r"(//.*?)(\n)", By(&[P(T::CommentSingle), P(T::TextWhitespace)]), ""),
    r(r"^(#!/.+?)(\n)", By(&[P(T::CommentSingle), P(T::TextWhitespace)]), ""),
    r(r"(?s)/[*].*?[*]/", Tok(T::CommentMultiline), ""),
    r(r"as\?", Tok(T::Keyword), ""),
    r(
        r"(?:as|break|by|catch|constructor|continue|do|dynamic|else|finally|get|for|if|init|!*in|!*is|out|reified|return|set|super|this|throw|try|typealias|typeof|vararg|when|where|while)\b",
        Tok(T::Keyword),
        "",
    ),
    r(r"it\b", Tok(T::NameBuiltin), ""),
    r(
        r"(?:Boolean|Byte|Char|Double|Float|Int|Long|Short|String|Any|Unit)\?",
        Tok(T::KeywordType),
        "",
    ),
    r(
        r"(?:Boolean|Byte|Char|Double|Float|Int|Long|Short|String|Any|Unit)\b",
        Tok(T::KeywordType),
        "",
    ),
    r(r"(?:true|false|null)\b", Tok(T::KeywordConstant), ""),
    r(
        r"(package|import)(\s+)(\S+)",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameNamespace)]),
        "",
    ),
    r(r"(\?\.)((?:[^\W\d]|\$)[\w$]*)", By(&[P(T::Operator), P(T::NameAttribute)]), ""),
    r(r"(\.)((?:[^\W\d]|\$)[\w$]*)", By(&[P(T::Punctuation), P(T::NameAttribute)]), ""),
    r(r"@[^\W\d][\w.]*", Tok(T::NameDecorator), ""),
    r(r"[^\W\d][\w.]+@", Tok(T::NameDecorator), ""),
    r(
        r"(object)(\s+)(:)(\s+)",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Punctuation), P(T::TextWhitespace)]),
        "class",
    ),
    r(
        concat!(r"((?:(?:", modifiers!(), r"|fun)\s+)*)(class|interface|object)(\s+)"),
        By(&[S("modifiers"), P(T::KeywordDeclaration), P(T::TextWhitespace)]),
        "class",
    ),
    r(
        r"(var|val)(\s+)(\()",
        By(&[P(T::KeywordDeclaration), P(T::TextWhitespace), P(T::Punctuation)]),
        "destructuring_assignment",
    ),
    r(
        concat!(r"((?:(?:", modifiers!(), r")\s+)*)(var|val)(\s+)"),
        By(&[S("modifiers"), P(T::KeywordDeclaration), P(T::TextWhitespace)]),
        "variable",
    ),
    r(
        concat!(r"((?:(?:", modifiers!(), r")\s+)*)(fun)(\s+)"),
        By(&[S("modifiers"), P(T::KeywordDeclaration), P(T::TextWhitespace)]),
        "function",
    ),
    r(r"::|!!|\?[:.]", Tok(T::Operator), ""),
    r(r"[~^*!%&\[\]<>|+=/?-]", Tok(T::Operator), ""),
    r(r"[{}();:.,]", Tok(T::Punctuation), ""),
    r(r#"""""#, Tok(T::LiteralString), "multiline_string"),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"(?s)'\\.'|'[^\\]'", Tok(T::LiteralStringChar), ""),
    r(
        r"[0-9](?:\.[0-9]*)?(?:[eE][+-][0-9]+)?[flFL]?|0[xX][0-9a-fA-F]+[Ll]?",
        Tok(T::LiteralNumber),
        "",
    ),
    r(concat!(kt_id!(), r"(?:(?:\?[^.])?)"), Tok(T::Name), ""),
];

const CLASS: &[Rule] = &[r(kt_id!(), Tok(T::NameClass), "#pop")];

const VARIABLE: &[Rule] = &[r(kt_id!(), Tok(T::NameVariable), "#pop")];

const DESTRUCTURING: &[Rule] = &[
    r(r",", Tok(T::Punctuation), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(kt_id!(), Tok(T::NameVariable), ""),
    r(
        concat!(r"(:)(\s+)(", kt_id!(), ")"),
        By(&[P(T::Punctuation), P(T::TextWhitespace), P(T::Name)]),
        "",
    ),
    r(r"<", Tok(T::Operator), "generic"),
    r(r"\)", Tok(T::Punctuation), "#pop"),
];

const FUNCTION: &[Rule] = &[
    r(r"<", Tok(T::Operator), "generic"),
    r(
        concat!(kt_id!(), r"(\.)", kt_id!()),
        By(&[P(T::Name), P(T::Punctuation), P(T::NameFunction)]),
        "#pop",
    ),
    r(kt_id!(), Tok(T::NameFunction), "#pop"),
];

const GENERIC: &[Rule] = &[
    r(r"(>)(\s*)", By(&[P(T::Operator), P(T::TextWhitespace)]), "#pop"),
    r(r":", Tok(T::Punctuation), ""),
    r(r"(?:reified|out|in)\b", Tok(T::Keyword), ""),
    r(r",", Tok(T::Punctuation), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(kt_id!(), Tok(T::Name), ""),
];

const MODIFIERS: &[Rule] = &[
    r(r"\w+", Tok(T::KeywordDeclaration), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r("", Tok(T::Text), "#pop"),
];

const STRING: &[Rule] =
    &[r(r#"""#, Tok(T::LiteralString), "#pop"), r("", Include("string_common"), "")];

const MULTILINE_STRING: &[Rule] = &[
    r(r#"""""#, Tok(T::LiteralString), "#pop"),
    r(r#"""#, Tok(T::LiteralString), ""),
    r("", Include("string_common"), ""),
];

const STRING_COMMON: &[Rule] = &[
    r(r"\\\\", Tok(T::LiteralString), ""),
    r(r#"\\""#, Tok(T::LiteralString), ""),
    r(r"\\", Tok(T::LiteralString), ""),
    r(r"\$\{", Tok(T::LiteralStringInterpol), "interpolation"),
    r(r"(\$)(\w+)", By(&[P(T::LiteralStringInterpol), P(T::Name)]), ""),
    r(r#"[^\\"$]+"#, Tok(T::LiteralString), ""),
];

const INTERPOLATION: &[Rule] = &[
    r(r#"""#, Tok(T::LiteralString), ""),
    r(r"\$\{", Tok(T::LiteralStringInterpol), "interpolation"),
    r(r"\{", Tok(T::Punctuation), "scope"),
    r(r"\}", Tok(T::LiteralStringInterpol), "#pop"),
    r("", Include("root"), ""),
];

const SCOPE: &[Rule] = &[
    r(r"\{", Tok(T::Punctuation), "scope"),
    r(r"\}", Tok(T::Punctuation), "#pop"),
    r("", Include("root"), ""),
];
