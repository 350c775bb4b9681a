//! Rust, as Pygments' `rust` lexer tokenizes it (raw strings up to `r###"…"###`: the
//! `regex` engines have no backreferences to match any number of hashes).

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("base", BASE),
    ("comment", COMMENT),
    ("doccomment", DOCCOMMENT),
    ("modname", MODNAME),
    ("funcname", FUNCNAME),
    ("typename", TYPENAME),
    ("lifetime", LIFETIME),
    ("number-suffix", NUMBER_SUFFIX),
    ("string", STRING),
    ("bytestring", BYTESTRING),
    ("attribute", ATTRIBUTE),
    ("types", TYPES),
    ("builtins", BUILTINS),
];

const ROOT: &[Rule] =
    &[r(r"#![^\[\r\n].*$", Tok(T::CommentPreproc), ""), r("", Tok(T::Text), "base")];

const TYPES: &[Rule] = &[r(
    r"(?:u8|u16|u32|u64|u128|i8|i16|i32|i64|i128|usize|isize|f32|f64|char|str|bool)\b",
    Tok(T::KeywordType),
    "",
)];

const BUILTINS: &[Rule] = &[r(
    r"(?:Copy|Send|Sized|Sync|Unpin|Drop|Fn|FnMut|FnOnce|drop|Box|ToOwned|Clone|PartialEq|PartialOrd|Eq|Ord|AsRef|AsMut|Into|From|Default|Iterator|Extend|IntoIterator|DoubleEndedIterator|ExactSizeIterator|Option|Some|None|Result|Ok|Err|String|ToString|Vec)\b",
    Tok(T::NameBuiltin),
    "",
)];

const BASE: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"//!.*?\n", Tok(T::LiteralStringDoc), ""),
    r(r"///(?:\n|[^/].*?\n)", Tok(T::LiteralStringDoc), ""),
    r(r"//.*?\n", Tok(T::CommentSingle), ""),
    r(r"/\*\*(?:\n|[^/*])", Tok(T::LiteralStringDoc), "doccomment"),
    r(r"/\*!", Tok(T::LiteralStringDoc), "doccomment"),
    r(r"/\*", Tok(T::CommentMultiline), "comment"),
    r(r"\$(?:[a-zA-Z_]\w*|\(,?|\),?|,?)", Tok(T::CommentPreproc), ""),
    r(
        r"(?:as|async|await|box|const|crate|dyn|else|extern|for|if|impl|in|loop|match|move|mut|pub|ref|return|static|super|trait|unsafe|use|where|while)\b",
        Tok(T::Keyword),
        "",
    ),
    r(
        r"(?:abstract|become|do|final|macro|override|priv|typeof|try|unsized|virtual|yield)\b",
        Tok(T::KeywordReserved),
        "",
    ),
    r(r"(?:true|false)\b", Tok(T::KeywordConstant), ""),
    r(r"self\b", Tok(T::NameBuiltinPseudo), ""),
    r(r"mod\b", Tok(T::Keyword), "modname"),
    r(r"let\b", Tok(T::KeywordDeclaration), ""),
    r(r"fn\b", Tok(T::Keyword), "funcname"),
    r(r"(?:struct|enum|type|union)\b", Tok(T::Keyword), "typename"),
    r(r"(default)(\s+)(type|fn)\b", By(&[P(T::Keyword), P(T::TextWhitespace), P(T::Keyword)]), ""),
    r("", Include("types"), ""),
    r(r"[sS]elf\b", Tok(T::NameBuiltinPseudo), ""),
    r("", Include("builtins"), ""),
    r(
        r"(?:asm|assert|assert_eq|assert_ne|cfg|column|compile_error|concat|concat_idents|dbg|debug_assert|debug_assert_eq|debug_assert_ne|env|eprint|eprintln|file|format|format_args|format_args_nl|global_asm|include|include_bytes|include_str|is_aarch64_feature_detected|is_arm_feature_detected|is_mips64_feature_detected|is_mips_feature_detected|is_powerpc64_feature_detected|is_powerpc_feature_detected|is_x86_feature_detected|line|llvm_asm|log_syntax|macro_rules|matches|module_path|option_env|panic|print|println|stringify|thread_local|todo|trace_macros|unimplemented|unreachable|vec|write|writeln)!",
        Tok(T::NameFunctionMagic),
        "",
    ),
    r(r"::\b", Tok(T::Punctuation), ""),
    r(r":|->", Tok(T::Punctuation), "typename"),
    r(
        r"(break|continue)(\b\s*)('[A-Za-z_]\w*)?",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameLabel)]),
        "",
    ),
    r(
        r#"'(?:\\['"\\nrt]|\\x[0-7][0-9a-fA-F]|\\0|\\u\{[0-9a-fA-F]{1,6}\}|.)'"#,
        Tok(T::LiteralStringChar),
        "",
    ),
    r(
        r#"b'(?:\\['"\\nrt]|\\x[0-9a-fA-F]{2}|\\0|\\u\{[0-9a-fA-F]{1,6}\}|.)'"#,
        Tok(T::LiteralStringChar),
        "",
    ),
    r(r"0b[01_]+", Tok(T::LiteralNumberBin), "number-suffix"),
    r(r"0o[0-7_]+", Tok(T::LiteralNumberOct), "number-suffix"),
    r(r"0[xX][0-9a-fA-F_]+", Tok(T::LiteralNumberHex), "number-suffix"),
    r(r"[0-9][0-9_]*\.[0-9_]+[eE][+\-]?[0-9_]+", Tok(T::LiteralNumberFloat), "number-suffix"),
    r(r"[0-9][0-9_]*\.[0-9_]*(?!\.)", Tok(T::LiteralNumberFloat), "number-suffix"),
    r(r"[0-9][0-9_]*[eE][+\-]?[0-9_]+", Tok(T::LiteralNumberFloat), "number-suffix"),
    r(r"[0-9][0-9_]*", Tok(T::LiteralNumberInteger), "number-suffix"),
    r(r#"b""#, Tok(T::LiteralString), "bytestring"),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r####"(?s)b?r###".*?"###"####, Tok(T::LiteralString), ""),
    r(r###"(?s)b?r##".*?"##"###, Tok(T::LiteralString), ""),
    r(r##"(?s)b?r#".*?"#"##, Tok(T::LiteralString), ""),
    r(r#"(?s)b?r".*?""#, Tok(T::LiteralString), ""),
    r(r"'", Tok(T::Operator), "lifetime"),
    r(r"\.\.=?", Tok(T::Operator), ""),
    r(r"[{}()\[\],.;]", Tok(T::Punctuation), ""),
    r(r"[+\-*/%&|<>^!~@=:?]", Tok(T::Operator), ""),
    r(r"[a-zA-Z_]\w*", Tok(T::Name), ""),
    r(r"r#[a-zA-Z_]\w*", Tok(T::Name), ""),
    r(r"#!?\[", Tok(T::CommentPreproc), "attribute"),
    r(r"#", Tok(T::Punctuation), ""),
];

const COMMENT: &[Rule] = &[
    r(r"[^*/]+", Tok(T::CommentMultiline), ""),
    r(r"/\*", Tok(T::CommentMultiline), "#push"),
    r(r"\*/", Tok(T::CommentMultiline), "#pop"),
    r(r"[*/]", Tok(T::CommentMultiline), ""),
];

const DOCCOMMENT: &[Rule] = &[
    r(r"[^*/]+", Tok(T::LiteralStringDoc), ""),
    r(r"/\*", Tok(T::LiteralStringDoc), "#push"),
    r(r"\*/", Tok(T::LiteralStringDoc), "#pop"),
    r(r"[*/]", Tok(T::LiteralStringDoc), ""),
];

const MODNAME: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"[a-zA-Z_]\w*", Tok(T::NameNamespace), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const FUNCNAME: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"[a-zA-Z_]\w*", Tok(T::NameFunction), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const TYPENAME: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"&", Tok(T::KeywordPseudo), ""),
    r(r"'", Tok(T::Operator), "lifetime"),
    r("", Include("builtins"), ""),
    r("", Include("types"), ""),
    r(r"[a-zA-Z_]\w*", Tok(T::NameClass), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const LIFETIME: &[Rule] = &[
    r(r"static|_", Tok(T::NameBuiltin), ""),
    r(r"[a-zA-Z_]+\w*", Tok(T::NameAttribute), ""),
    r("", Tok(T::Text), "#pop"),
];

const NUMBER_SUFFIX: &[Rule] = &[
    r(r"[ui](?:8|16|32|64|size)", Tok(T::Keyword), "#pop"),
    r(r"f(?:32|64)", Tok(T::Keyword), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const STRING: &[Rule] = &[
    r(r#"""#, Tok(T::LiteralString), "#pop"),
    r(
        r#"\\['"\\nrt]|\\x[0-7][0-9a-fA-F]|\\0|\\u\{[0-9a-fA-F]{1,6}\}"#,
        Tok(T::LiteralStringEscape),
        "",
    ),
    r(r#"[^\\"]+"#, Tok(T::LiteralString), ""),
    r(r"\\", Tok(T::LiteralString), ""),
];

const BYTESTRING: &[Rule] = &[
    r(r"\\x[89a-fA-F][0-9a-fA-F]", Tok(T::LiteralStringEscape), ""),
    r("", Include("string"), ""),
];

const ATTRIBUTE: &[Rule] = &[
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"\[", Tok(T::CommentPreproc), "attribute"),
    r(r"\]", Tok(T::CommentPreproc), "#pop"),
    r(r#"[^"\]\[]+"#, Tok(T::CommentPreproc), ""),
];
