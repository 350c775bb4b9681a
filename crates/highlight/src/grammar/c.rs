//! C, as Pygments' `c` lexer tokenizes it: preprocessor lines, labels, function
//! definitions and declarations (their return types and signatures lexed as C again),
//! statements; the standard library's type names are types.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::{T as P, U};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

include!("../generated/c_types.rs");

macro_rules! ident {
    () => {
        r"(?:[^\W\d]|\$|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8})(?:[\w$]|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8})*"
    };
}
macro_rules! namespaced {
    () => {
        r"(?:[^\W\d]|\$|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|::)(?:[\w$]|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|::)*"
    };
}
macro_rules! comments {
    () => {
        r"\s*(?:(?://[^\n]*\n|/\*(?s:.)*?\*/)\s*)*"
    };
}

/// The states that hand text back to their own language (C or C++).
macro_rules! own_language_states {
    ($module:ident, $lang:expr) => {
        mod $module {
            use super::*;

            pub(super) const ROOT: &[Rule] = &[
                r("", Include("whitespace"), ""),
                r("", Include("keywords"), ""),
                r(
                    concat!(
                        "(",
                        namespaced!(),
                        r"(?:[&*\s])+)(",
                        comments!(),
                        ")(",
                        namespaced!(),
                        ")(",
                        comments!(),
                        r#")(\([^;"')]*?\))("#,
                        comments!(),
                        r#")([^;{/"']*)(\{)"#
                    ),
                    By(&[
                        U($lang),
                        U($lang),
                        P(T::NameFunction),
                        U($lang),
                        U($lang),
                        U($lang),
                        U($lang),
                        P(T::Punctuation),
                    ]),
                    "function",
                ),
                r(
                    concat!(
                        "(",
                        namespaced!(),
                        r"(?:[&*\s])+)(",
                        comments!(),
                        ")(",
                        namespaced!(),
                        ")(",
                        comments!(),
                        r#")(\([^;"')]*?\))("#,
                        comments!(),
                        r#")([^;/"']*)(;)"#
                    ),
                    By(&[
                        U($lang),
                        U($lang),
                        P(T::NameFunction),
                        U($lang),
                        U($lang),
                        U($lang),
                        U($lang),
                        P(T::Punctuation),
                    ]),
                    "",
                ),
                r("", Include("types"), ""),
                r("", Tok(T::Text), "statement"),
            ];

            pub(super) const WHITESPACE: &[Rule] = &[
                r(r"^#if\s+0", Tok(T::CommentPreproc), "if0"),
                r(r"^#", Tok(T::CommentPreproc), "macro"),
                r(
                    r"^(\s*(?:/[*].*?[*]/\s*)?)(#if\s+0)",
                    By(&[U($lang), P(T::CommentPreproc)]),
                    "if0",
                ),
                r(r"^(\s*(?:/[*].*?[*]/\s*)?)(#)", By(&[U($lang), P(T::CommentPreproc)]), "macro"),
                // `public:` and `default:` are not labels (Pygments: a keyword).
                r(
                    r"(^[ \t]*)(public|private|protected|default)\b",
                    By(&[P(T::TextWhitespace), P(T::Keyword)]),
                    "",
                ),
                r(
                    concat!(r"(^[ \t]*)(", ident!(), r")(\s*)(:)(?!:)"),
                    By(&[
                        P(T::TextWhitespace),
                        P(T::NameLabel),
                        P(T::TextWhitespace),
                        P(T::Punctuation),
                    ]),
                    "",
                ),
                r(r"\n", Tok(T::TextWhitespace), ""),
                r(r"[^\S\n]+", Tok(T::TextWhitespace), ""),
                r(r"\\\n", Tok(T::Text), ""),
                r(r"//(?:[^\n]|\\\n)*\n", Tok(T::CommentSingle), ""),
                r(r"/(?:\\\n)?[*](?s:.)*?[*](?:\\\n)?/", Tok(T::CommentMultiline), ""),
                r(r"/(?:\\\n)?[*][\w\W]*", Tok(T::CommentMultiline), ""),
            ];

            pub(super) const MACRO: &[Rule] = &[
                r(
                    r#"(\s*(?:/[*].*?[*]/\s*)?)(include)(\s*(?:/[*].*?[*]/\s*)?)("[^"]+")([^\n]*)"#,
                    By(&[
                        U($lang),
                        P(T::CommentPreproc),
                        U($lang),
                        P(T::CommentPreprocFile),
                        P(T::CommentSingle),
                    ]),
                    "",
                ),
                r(
                    r"(\s*(?:/[*].*?[*]/\s*)?)(include)(\s*(?:/[*].*?[*]/\s*)?)(<[^>]+>)([^\n]*)",
                    By(&[
                        U($lang),
                        P(T::CommentPreproc),
                        U($lang),
                        P(T::CommentPreprocFile),
                        P(T::CommentSingle),
                    ]),
                    "",
                ),
                r(r"[^/\n\\]+", Tok(T::CommentPreproc), ""),
                r(r"\\\n", Tok(T::CommentPreproc), ""),
                r(r"\\", Tok(T::CommentPreproc), ""),
                r(r"/[*](?:.|\n)*?[*]/", Tok(T::CommentMultiline), ""),
                r(r"//.*?\n", Tok(T::CommentSingle), "#pop"),
                r(r"/", Tok(T::CommentPreproc), ""),
                r(r"\n", Tok(T::CommentPreproc), "#pop"),
            ];
        }
    };
}

own_language_states!(c, Language::C);
own_language_states!(cpp, Language::Cpp);

pub(crate) const C: Grammar = &[
    ("root", c::ROOT),
    ("whitespace", c::WHITESPACE),
    ("statements", STATEMENTS),
    ("types", C_TYPES),
    ("keywords", C_KEYWORDS),
    ("types-common", TYPES),
    ("keywords-common", KEYWORDS),
    ("statement", STATEMENT),
    ("function", FUNCTION),
    ("string", STRING),
    ("macro", c::MACRO),
    ("if0", IF0),
    ("classname", CLASSNAME),
    ("case-value", CASE_VALUE),
];

pub(crate) const CPP: Grammar = &[
    ("root", cpp::ROOT),
    ("whitespace", cpp::WHITESPACE),
    ("statements", CPP_STATEMENTS),
    ("statements-common", STATEMENTS),
    ("types", CPP_TYPES),
    ("keywords", CPP_KEYWORDS),
    ("types-common", TYPES),
    ("keywords-common", KEYWORDS),
    ("statement", STATEMENT),
    ("function", FUNCTION),
    ("string", STRING),
    ("macro", cpp::MACRO),
    ("if0", IF0),
    ("classname", CLASSNAME),
    ("case-value", CASE_VALUE),
    ("enumname", ENUMNAME),
    ("namespace", NAMESPACE),
];

const C_KEYWORDS: &[Rule] = &[
    r(
        r"(?:_Alignas|_Alignof|_Noreturn|_Generic|_Thread_local|_Static_assert|_Imaginary|noreturn|imaginary|complex)\b",
        Tok(T::Keyword),
        "",
    ),
    r("", Include("keywords-common"), ""),
];

const C_TYPES: &[Rule] = &[
    r(r"(?:_Bool|_Complex|_Atomic)\b", Tok(T::KeywordType), ""),
    r("", Include("types-common"), ""),
];

const CPP_STATEMENTS: &[Rule] = &[
    // Raw strings without a delimiter: `R"(…)"` (a delimiter needs a backreference).
    r(
        r#"((?:[LuU]|u8)?R)(")()(\()((?:.|\n)*?)(\))(")"#,
        By(&[
            P(T::LiteralStringAffix),
            P(T::LiteralString),
            P(T::LiteralStringDelimiter),
            P(T::LiteralStringDelimiter),
            P(T::LiteralString),
            P(T::LiteralStringDelimiter),
            P(T::LiteralString),
        ]),
        "",
    ),
    r("", Include("statements-common"), ""),
];

const CPP_TYPES: &[Rule] =
    &[r(r"char(?:16_t|32_t|8_t)\b", Tok(T::KeywordType), ""), r("", Include("types-common"), "")];

const CPP_KEYWORDS: &[Rule] = &[
    r(r"(class|concept|typename)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "classname"),
    r(
        r"(?:catch|const_cast|delete|dynamic_cast|explicit|export|friend|mutable|new|operator|private|protected|public|reinterpret_cast|class|__restrict|static_cast|template|this|throw|throws|try|typeid|using|virtual|constexpr|nullptr|concept|decltype|noexcept|override|final|constinit|consteval|co_await|co_return|co_yield|requires|import|module|typename|and_eq|and|bitand|bitor|compl|not_eq|not|or_eq|or|xor_eq|xor)\b",
        Tok(T::Keyword),
        "",
    ),
    r(r"namespace\b", Tok(T::Keyword), "namespace"),
    r(r"(enum)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "enumname"),
    r("", Include("keywords-common"), ""),
];

const ENUMNAME: &[Rule] = &[
    r("", Include("whitespace"), ""),
    r(r"(?:class|struct)\b", Tok(T::Keyword), ""),
    r(ident!(), Tok(T::NameClass), "#pop"),
    r(r"\s*(?=>)", Tok(T::Text), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const NAMESPACE: &[Rule] = &[
    r(r"[;{]", Tok(T::Punctuation), "#pop root"),
    r(r"inline\b", Tok(T::KeywordReserved), ""),
    r(ident!(), Tok(T::NameNamespace), ""),
    r("", Include("statement"), ""),
];

const STATEMENTS: &[Rule] = &[
    r("", Include("keywords"), ""),
    r("", Include("types"), ""),
    r(r#"([LuU]|u8)?(")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralString)]), "string"),
    r(
        r#"([LuU]|u8)?(')(\\.|\\[0-7]{1,3}|\\x[a-fA-F0-9]{1,2}|[^\\'\n])(')"#,
        By(&[
            P(T::LiteralStringAffix),
            P(T::LiteralStringChar),
            P(T::LiteralStringChar),
            P(T::LiteralStringChar),
        ]),
        "",
    ),
    r(
        r"0[xX](?:[0-9a-fA-F](?:'?[0-9a-fA-F])*\.[0-9a-fA-F](?:'?[0-9a-fA-F])*|\.[0-9a-fA-F](?:'?[0-9a-fA-F])*|[0-9a-fA-F](?:'?[0-9a-fA-F])*)[pP][+-]?[0-9a-fA-F](?:'?[0-9a-fA-F])*[lL]?",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(
        r"-?(?:\d(?:'?\d)*\.\d(?:'?\d)*|\.\d(?:'?\d)*|\d(?:'?\d)*)[eE][+-]?\d(?:'?\d)*[fFlL]?",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(
        r"-?(?:(?:\d(?:'?\d)*\.(?:\d(?:'?\d)*)?|\.\d(?:'?\d)*)[fFlL]?)|\d(?:'?\d)*[fFlL]",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(
        r"-?0[xX][0-9a-fA-F](?:'?[0-9a-fA-F])*(?:[uU][lL]{0,2}|[lL]{1,2}[uU]?)?",
        Tok(T::LiteralNumberHex),
        "",
    ),
    r(r"-?0[bB][01](?:'?[01])*(?:[uU][lL]{0,2}|[lL]{1,2}[uU]?)?", Tok(T::LiteralNumberBin), ""),
    r(r"-?0(?:'?[0-7])+(?:[uU][lL]{0,2}|[lL]{1,2}[uU]?)?", Tok(T::LiteralNumberOct), ""),
    r(r"-?\d(?:'?\d)*(?:[uU][lL]{0,2}|[lL]{1,2}[uU]?)?", Tok(T::LiteralNumberInteger), ""),
    r(r"[~!%^&*+=|?:<>/-]", Tok(T::Operator), ""),
    r(r"[()\[\],.]", Tok(T::Punctuation), ""),
    r(r"(?:true|false|NULL)\b", Tok(T::NameBuiltin), ""),
    r(concat!(c_type_names!(), r"\b"), Tok(T::KeywordType), ""),
    r(ident!(), Tok(T::Name), ""),
];

const TYPES: &[Rule] = &[
    r(r"__(?:int8|int16|int32|int64|wchar_t)\b", Tok(T::KeywordReserved), ""),
    r(
        r"(?:bool|int|long|float|short|double|char|unsigned|signed|void|_BitInt|__int128)\b",
        Tok(T::KeywordType),
        "",
    ),
];

const KEYWORDS: &[Rule] = &[
    r(r"(struct|union)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "classname"),
    r(r"case\b", Tok(T::Keyword), "case-value"),
    r(
        r"(?:asm|auto|break|const|continue|default|do|else|enum|extern|for|goto|if|register|restricted|return|sizeof|struct|static|switch|typedef|volatile|while|union|thread_local|alignas|alignof|static_assert|_Pragma)\b",
        Tok(T::Keyword),
        "",
    ),
    r(r"(?:inline|_inline|__inline|naked|restrict|thread)\b", Tok(T::KeywordReserved), ""),
    r(r"__m(?:128i|128d|128|64)\b", Tok(T::KeywordReserved), ""),
    r(
        r"__(?:asm|based|except|stdcall|cdecl|fastcall|declspec|finally|try|leave|w64|unaligned|raise|noop|identifier|forceinline|assume)\b",
        Tok(T::KeywordReserved),
        "",
    ),
];

const STATEMENT: &[Rule] = &[
    r("", Include("whitespace"), ""),
    r("", Include("statements"), ""),
    r(r"\}", Tok(T::Punctuation), ""),
    r(r"[{;]", Tok(T::Punctuation), "#pop"),
];

const FUNCTION: &[Rule] = &[
    r("", Include("whitespace"), ""),
    r("", Include("statements"), ""),
    r(r";", Tok(T::Punctuation), ""),
    r(r"\{", Tok(T::Punctuation), "#push"),
    r(r"\}", Tok(T::Punctuation), "#pop"),
];

const STRING: &[Rule] = &[
    r(r#"""#, Tok(T::LiteralString), "#pop"),
    r(
        r#"\\(?:[\\abfnrtv"']|x[a-fA-F0-9]{2,4}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|[0-7]{1,3})"#,
        Tok(T::LiteralStringEscape),
        "",
    ),
    r(r#"[^\\"\n]+"#, Tok(T::LiteralString), ""),
    r(r"\\\n", Tok(T::LiteralString), ""),
    r(r"\\", Tok(T::LiteralString), ""),
];

const IF0: &[Rule] = &[
    r(r"^\s*#if(?:[^\n]|\\\n)*?\n", Tok(T::CommentPreproc), "#push"),
    r(r"^\s*#el(?:se|if).*\n", Tok(T::CommentPreproc), "#pop"),
    r(r"^\s*#endif(?:[^\n]|\\\n)*?\n", Tok(T::CommentPreproc), "#pop"),
    r(r".*?\n", Tok(T::Comment), ""),
];

const CLASSNAME: &[Rule] = &[
    r(ident!(), Tok(T::NameClass), "#pop"),
    r(r"\s*(?=>)", Tok(T::Text), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const CASE_VALUE: &[Rule] = &[
    r(r"::", Tok(T::Operator), ""),
    r(r"(:)(?!:)", Tok(T::Punctuation), "#pop"),
    r(ident!(), Tok(T::NameConstant), ""),
    r("", Include("whitespace"), ""),
    r("", Include("statements"), ""),
];
