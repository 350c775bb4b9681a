//! Java, as Pygments' `java` lexer tokenizes it.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::{T as P, U};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("class", CLASS),
    ("var", VAR),
    ("import", IMPORT),
    ("multiline-string", MULTILINE_STRING),
    ("string", STRING),
];

const ROOT: &[Rule] = &[
    r(
        r"(^\s*)((?:(?:public|private|protected|static|strictfp)(?:\s+))*)(record)\b",
        By(&[P(T::TextWhitespace), U(Language::Java), P(T::KeywordDeclaration)]),
        "class",
    ),
    r(r"[^\S\n]+", Tok(T::TextWhitespace), ""),
    r(r"(//.*?)(\n)", By(&[P(T::CommentSingle), P(T::TextWhitespace)]), ""),
    r(r"(?s)/\*.*?\*/", Tok(T::CommentMultiline), ""),
    r(
        r"(?:assert|break|case|catch|continue|default|do|else|finally|for|if|goto|instanceof|new|return|switch|this|throw|try|while)\b",
        Tok(T::Keyword),
        "",
    ),
    r(
        r"((?:(?:[^\W\d]|\$)[\w.\[\]$<>?]*\s+)+?)((?:[^\W\d]|\$)[\w$]*)(\s*)(\()",
        By(&[U(Language::Java), P(T::NameFunction), P(T::TextWhitespace), P(T::Punctuation)]),
        "",
    ),
    r(r"@[^\W\d][\w.]*", Tok(T::NameDecorator), ""),
    r(
        r"(?:abstract|const|enum|extends|final|implements|native|private|protected|public|sealed|static|strictfp|super|synchronized|throws|transient|volatile|yield)\b",
        Tok(T::KeywordDeclaration),
        "",
    ),
    r(r"(?:boolean|byte|char|double|float|int|long|short|void)\b", Tok(T::KeywordType), ""),
    r(r"(package)(\s+)", By(&[P(T::KeywordNamespace), P(T::TextWhitespace)]), "import"),
    r(r"(?:true|false|null)\b", Tok(T::KeywordConstant), ""),
    r(r"(?:class|interface)\b", Tok(T::KeywordDeclaration), "class"),
    r(r"(var)(\s+)", By(&[P(T::KeywordDeclaration), P(T::TextWhitespace)]), "var"),
    r(
        r"(import(?:\s+static)?)(\s+)",
        By(&[P(T::KeywordNamespace), P(T::TextWhitespace)]),
        "import",
    ),
    r(r#""""\n"#, Tok(T::LiteralString), "multiline-string"),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"(?s)'\\.'|'[^\\]'|'\\u[0-9a-fA-F]{4}'", Tok(T::LiteralStringChar), ""),
    r(r"(\.)((?:[^\W\d]|\$)[\w$]*)", By(&[P(T::Punctuation), P(T::NameAttribute)]), ""),
    r(r"^(\s*)(default)(:)", By(&[P(T::TextWhitespace), P(T::Keyword), P(T::Punctuation)]), ""),
    r(
        r"^(\s*)((?:[^\W\d]|\$)[\w$]*)(:)",
        By(&[P(T::TextWhitespace), P(T::NameLabel), P(T::Punctuation)]),
        "",
    ),
    r(r"(?:[^\W\d]|\$)[\w$]*", Tok(T::Name), ""),
    r(
        r"(?:[0-9][0-9_]*\.(?:[0-9][0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+\-]?[0-9][0-9_]*)?[fFdD]?|[0-9][eE][+\-]?[0-9][0-9_]*[fFdD]?|[0-9](?:[eE][+\-]?[0-9][0-9_]*)?[fFdD]|0[xX](?:[0-9a-fA-F][0-9a-fA-F_]*\.?|(?:[0-9a-fA-F][0-9a-fA-F_]*)?\.[0-9a-fA-F][0-9a-fA-F_]*)[pP][+\-]?[0-9][0-9_]*[fFdD]?",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(r"0[xX][0-9a-fA-F][0-9a-fA-F_]*[lL]?", Tok(T::LiteralNumberHex), ""),
    r(r"0[bB][01][01_]*[lL]?", Tok(T::LiteralNumberBin), ""),
    r(r"0[0-7_]+[lL]?", Tok(T::LiteralNumberOct), ""),
    r(r"0|[1-9][0-9_]*[lL]?", Tok(T::LiteralNumberInteger), ""),
    r(r"[~^*!%&\[\]<>|+=/?-]", Tok(T::Operator), ""),
    r(r"[{}();:.,]", Tok(T::Punctuation), ""),
    r(r"\n", Tok(T::TextWhitespace), ""),
];

const CLASS: &[Rule] =
    &[r(r"\s+", Tok(T::Text), ""), r(r"(?:[^\W\d]|\$)[\w$]*", Tok(T::NameClass), "#pop")];

const VAR: &[Rule] = &[r(r"(?:[^\W\d]|\$)[\w$]*", Tok(T::Name), "#pop")];

const IMPORT: &[Rule] = &[r(r"[\w.]+\*?", Tok(T::NameNamespace), "#pop")];

const MULTILINE_STRING: &[Rule] = &[
    r(r#"""""#, Tok(T::LiteralString), "#pop"),
    r(r#"""#, Tok(T::LiteralString), ""),
    r("", Include("string"), ""),
];

const STRING: &[Rule] = &[
    r(r#"[^\\"]+"#, Tok(T::LiteralString), ""),
    r(r"\\\\", Tok(T::LiteralString), ""),
    r(r#"\\""#, Tok(T::LiteralString), ""),
    r(r"\\", Tok(T::LiteralString), ""),
    r(r#"""#, Tok(T::LiteralString), "#pop"),
];
