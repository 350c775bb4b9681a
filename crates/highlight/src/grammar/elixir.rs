//! Elixir, as Pygments' `elixir` lexer tokenizes it. Pygments gives some names another
//! type afterwards (`fn`, `do`, `end` keywords, `def` declarations, `and` word operators,
//! …); here rules for those words, taking a whole name only, come just before the name
//! rule.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("heredoc_double", HEREDOC_DOUBLE),
    ("heredoc_single", HEREDOC_SINGLE),
    ("heredoc_interpol", HEREDOC_INTERPOL),
    ("heredoc_no_interpol", HEREDOC_NO_INTERPOL),
    ("escapes", ESCAPES),
    ("interpol", INTERPOL),
    ("interpol_string", INTERPOL_STRING),
    ("map_key", MAP_KEY),
    ("map_val", MAP_VAL),
    ("tuple", TUPLE),
    ("string_double", STRING_DOUBLE),
    ("string_single", STRING_SINGLE),
    ("string_double_atom", STRING_DOUBLE_ATOM),
    ("string_single_atom", STRING_SINGLE_ATOM),
    ("sigils", SIGILS),
    ("triquot-end", SIGIL_END),
    ("triquot-intp", TRIQUOT_INTP),
    ("triquot-no-intp", TRIQUOT_NO_INTP),
    ("triapos-end", SIGIL_END),
    ("triapos-intp", TRIAPOS_INTP),
    ("triapos-no-intp", TRIAPOS_NO_INTP),
    ("cb-intp", CB_INTP),
    ("cb-no-intp", CB_NO_INTP),
    ("sb-intp", SB_INTP),
    ("sb-no-intp", SB_NO_INTP),
    ("pa-intp", PA_INTP),
    ("pa-no-intp", PA_NO_INTP),
    ("ab-intp", AB_INTP),
    ("ab-no-intp", AB_NO_INTP),
    ("slas-intp", SLAS_INTP),
    ("slas-no-intp", SLAS_NO_INTP),
    ("pipe-intp", PIPE_INTP),
    ("pipe-no-intp", PIPE_NO_INTP),
    ("quot-intp", QUOT_INTP),
    ("quot-no-intp", QUOT_NO_INTP),
    ("apos-intp", APOS_INTP),
    ("apos-no-intp", APOS_NO_INTP),
];

macro_rules! op3 {
    () => {
        r"(?:<<<|>>>|\|\|\||&&&|\^\^\^|~~~|===|!==|~>>|<~>|\|~>|<\|>)"
    };
}
macro_rules! op2 {
    () => {
        r"(?:==|!=|<=|>=|&&|\|\||<>|\+\+|--|\|>|=~|->|<-|\||\.|=|~>|<~)"
    };
}
macro_rules! op1 {
    () => {
        r"(?:<|>|\+|-|\*|/|!|\^|&)"
    };
}
macro_rules! name_re {
    () => {
        r"(?:\.\.\.|[a-z_]\w*[!?]?)"
    };
}
macro_rules! modname_re {
    () => {
        r"[A-Z]\w*(?:\.[A-Z]\w*)*"
    };
}
macro_rules! complex_name_re {
    () => {
        concat!("(?:", name_re!(), "|", modname_re!(), "|", op3!(), "|", op2!(), "|", op1!(), ")")
    };
}
macro_rules! special_atom_re {
    () => {
        r"(?:\.\.\.|<<>>|%\{\}|%|\{\})"
    };
}

/// A whole name (as `name_re!` takes it) that is one of `$words` (longest first: the
/// lookahead is checked after the alternation chose).
macro_rules! whole {
    ($words:literal) => {
        concat!("(?:", $words, r")(?![\w!?])")
    };
}

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"#.*$", Tok(T::CommentSingle), ""),
    r(
        r"(\?)(\\x\{)([\da-fA-F]+)(\})",
        By(&[
            P(T::LiteralStringChar),
            P(T::LiteralStringEscape),
            P(T::LiteralNumberHex),
            P(T::LiteralStringEscape),
        ]),
        "",
    ),
    r(r"(\?)(\\x[\da-fA-F]{1,2})", By(&[P(T::LiteralStringChar), P(T::LiteralStringEscape)]), ""),
    r(r"(\?)(\\[abdefnrstv])", By(&[P(T::LiteralStringChar), P(T::LiteralStringEscape)]), ""),
    r(r"\?\\?.", Tok(T::LiteralStringChar), ""),
    r(r":::", Tok(T::LiteralStringSymbol), ""),
    r(r"::", Tok(T::Operator), ""),
    r(concat!(":", special_atom_re!()), Tok(T::LiteralStringSymbol), ""),
    r(concat!(":", complex_name_re!()), Tok(T::LiteralStringSymbol), ""),
    r(r#":""#, Tok(T::LiteralStringSymbol), "string_double_atom"),
    r(r":'", Tok(T::LiteralStringSymbol), "string_single_atom"),
    r(
        concat!("(", special_atom_re!(), "|", complex_name_re!(), r")(:)(?=\s|\n)"),
        By(&[P(T::LiteralStringSymbol), P(T::Punctuation)]),
        "",
    ),
    r(concat!("@", name_re!()), Tok(T::NameAttribute), ""),
    r(whole!("rescue|after|catch|else|end|fn|do"), Tok(T::Keyword), ""),
    r(whole!("when|not|and|or|in"), Tok(T::OperatorWord), ""),
    r(
        whole!("unquote_splicing|receive|unquote|unless|raise|quote|throw|super|case|cond|for|try|if"),
        Tok(T::Keyword),
        "",
    ),
    r(
        whole!("defexception|defprotocol|defdelegate|defcallback|defmodule|defmacrop|defstruct|defmacro|defimpl|defp|def"),
        Tok(T::KeywordDeclaration),
        "",
    ),
    r(whole!("require|import|alias|use"), Tok(T::KeywordNamespace), ""),
    r(whole!("false|true|nil"), Tok(T::NameConstant), ""),
    r(whole!("__MODULE__|__CALLER__|__DIR__|__ENV__|_"), Tok(T::NameBuiltinPseudo), ""),
    r(name_re!(), Tok(T::Name), ""),
    r(concat!("(%?)(", modname_re!(), ")"), By(&[P(T::Punctuation), P(T::NameClass)]), ""),
    r(op3!(), Tok(T::Operator), ""),
    r(op2!(), Tok(T::Operator), ""),
    r(r"(?:\\\\|<<|>>|=>|\(|\)|:|;|,|\[|\])", Tok(T::Punctuation), ""),
    r(r"&\d", Tok(T::NameEntity), ""),
    r(op1!(), Tok(T::Operator), ""),
    r(r"0b[01]+", Tok(T::LiteralNumberBin), ""),
    r(r"0o[0-7]+", Tok(T::LiteralNumberOct), ""),
    r(r"0x[\da-fA-F]+", Tok(T::LiteralNumberHex), ""),
    r(r"\d(?:_?\d)*\.\d(?:_?\d)*(?:[eE][-+]?\d(?:_?\d)*)?", Tok(T::LiteralNumberFloat), ""),
    r(r"\d(?:_?\d)*", Tok(T::LiteralNumberInteger), ""),
    r(
        r#"(""")(\s*)"#,
        By(&[P(T::LiteralStringHeredoc), P(T::TextWhitespace)]),
        "heredoc_double",
    ),
    r(
        r"(''')(\s*)$",
        By(&[P(T::LiteralStringHeredoc), P(T::TextWhitespace)]),
        "heredoc_single",
    ),
    r(r#"""#, Tok(T::LiteralStringDouble), "string_double"),
    r(r"'", Tok(T::LiteralStringSingle), "string_single"),
    r("", Include("sigils"), ""),
    r(r"%\{", Tok(T::Punctuation), "map_key"),
    r(r"\{", Tok(T::Punctuation), "tuple"),
];

const HEREDOC_DOUBLE: &[Rule] = &[
    r(r#"^(\s*)(""")"#, By(&[P(T::TextWhitespace), P(T::LiteralStringHeredoc)]), "#pop"),
    r("", Include("heredoc_interpol"), ""),
];

const HEREDOC_SINGLE: &[Rule] =
    &[r(r"^\s*'''", Tok(T::LiteralStringHeredoc), "#pop"), r("", Include("heredoc_interpol"), "")];

const HEREDOC_INTERPOL: &[Rule] = &[
    r(r"[^#\\\n]+", Tok(T::LiteralStringHeredoc), ""),
    r("", Include("escapes"), ""),
    r(r"\\.", Tok(T::LiteralStringHeredoc), ""),
    r(r"\n+", Tok(T::LiteralStringHeredoc), ""),
    r("", Include("interpol"), ""),
];

const HEREDOC_NO_INTERPOL: &[Rule] = &[
    r(r"[^\\\n]+", Tok(T::LiteralStringHeredoc), ""),
    r(r"\\.", Tok(T::LiteralStringHeredoc), ""),
    r(r"\n+", Tok(T::TextWhitespace), ""),
];

const ESCAPES: &[Rule] = &[
    r(
        r"(\\x\{)([\da-fA-F]+)(\})",
        By(&[P(T::LiteralStringEscape), P(T::LiteralNumberHex), P(T::LiteralStringEscape)]),
        "",
    ),
    r(r"\\x[\da-fA-F]{1,2}", Tok(T::LiteralStringEscape), ""),
    r(r"\\[abdefnrstv]", Tok(T::LiteralStringEscape), ""),
];

const INTERPOL: &[Rule] = &[r(r"#\{", Tok(T::LiteralStringInterpol), "interpol_string")];

const INTERPOL_STRING: &[Rule] =
    &[r(r"\}", Tok(T::LiteralStringInterpol), "#pop"), r("", Include("root"), "")];

const MAP_KEY: &[Rule] = &[
    r("", Include("root"), ""),
    r(r":", Tok(T::Punctuation), "map_val"),
    r(r"=>", Tok(T::Punctuation), "map_val"),
    r(r"\}", Tok(T::Punctuation), "#pop"),
];

const MAP_VAL: &[Rule] = &[
    r("", Include("root"), ""),
    r(r",", Tok(T::Punctuation), "#pop"),
    r(r"(?=\})", Tok(T::Punctuation), "#pop"),
];

const TUPLE: &[Rule] = &[r("", Include("root"), ""), r(r"\}", Tok(T::Punctuation), "#pop")];

/// A quoted string or atom closed by `$end` (`$body` is the run without `#`, it, `\`).
macro_rules! string {
    ($t:expr, $body:literal, $end:literal) => {
        &[
            r($body, Tok($t), ""),
            r("", Include("escapes"), ""),
            r(r"\\.", Tok($t), ""),
            r($end, Tok($t), "#pop"),
            r("", Include("interpol"), ""),
        ]
    };
}

const STRING_DOUBLE: &[Rule] = string!(T::LiteralStringDouble, r##"[^#"\\]+"##, "\"");
const STRING_SINGLE: &[Rule] = string!(T::LiteralStringSingle, r"[^#'\\]+", "'");
const STRING_DOUBLE_ATOM: &[Rule] = string!(T::LiteralStringSymbol, r##"[^#"\\]+"##, "\"");
const STRING_SINGLE_ATOM: &[Rule] = string!(T::LiteralStringSymbol, r"[^#'\\]+", "'");

const SIGILS: &[Rule] = &[
    r(
        r#"(~[a-z])(""")"#,
        By(&[P(T::LiteralStringOther), P(T::LiteralStringHeredoc)]),
        "triquot-end triquot-intp",
    ),
    r(
        r#"(~[A-Z])(""")"#,
        By(&[P(T::LiteralStringOther), P(T::LiteralStringHeredoc)]),
        "triquot-end triquot-no-intp",
    ),
    r(
        r"(~[a-z])(''')",
        By(&[P(T::LiteralStringOther), P(T::LiteralStringHeredoc)]),
        "triapos-end triapos-intp",
    ),
    r(
        r"(~[A-Z])(''')",
        By(&[P(T::LiteralStringOther), P(T::LiteralStringHeredoc)]),
        "triapos-end triapos-no-intp",
    ),
    r(r"~[a-z]\{", Tok(T::LiteralStringOther), "cb-intp"),
    r(r"~[A-Z]\{", Tok(T::LiteralStringOther), "cb-no-intp"),
    r(r"~[a-z]\[", Tok(T::LiteralStringOther), "sb-intp"),
    r(r"~[A-Z]\[", Tok(T::LiteralStringOther), "sb-no-intp"),
    r(r"~[a-z]\(", Tok(T::LiteralStringOther), "pa-intp"),
    r(r"~[A-Z]\(", Tok(T::LiteralStringOther), "pa-no-intp"),
    r(r"~[a-z]<", Tok(T::LiteralStringOther), "ab-intp"),
    r(r"~[A-Z]<", Tok(T::LiteralStringOther), "ab-no-intp"),
    r(r"~[a-z]/", Tok(T::LiteralStringOther), "slas-intp"),
    r(r"~[A-Z]/", Tok(T::LiteralStringOther), "slas-no-intp"),
    r(r"~[a-z]\|", Tok(T::LiteralStringOther), "pipe-intp"),
    r(r"~[A-Z]\|", Tok(T::LiteralStringOther), "pipe-no-intp"),
    r(r#"~[a-z]""#, Tok(T::LiteralStringOther), "quot-intp"),
    r(r#"~[A-Z]""#, Tok(T::LiteralStringOther), "quot-no-intp"),
    r(r"~[a-z]'", Tok(T::LiteralStringOther), "apos-intp"),
    r(r"~[A-Z]'", Tok(T::LiteralStringOther), "apos-no-intp"),
];

const SIGIL_END: &[Rule] =
    &[r(r"[a-zA-Z]+", Tok(T::LiteralStringOther), "#pop"), r("", Tok(T::Text), "#pop")];

const TRIQUOT_INTP: &[Rule] = &[
    r(r#"^(\s*)(""")"#, By(&[P(T::TextWhitespace), P(T::LiteralStringHeredoc)]), "#pop"),
    r("", Include("heredoc_interpol"), ""),
];
const TRIQUOT_NO_INTP: &[Rule] = &[
    r(r#"^(\s*)(""")"#, By(&[P(T::TextWhitespace), P(T::LiteralStringHeredoc)]), "#pop"),
    r("", Include("heredoc_no_interpol"), ""),
];
const TRIAPOS_INTP: &[Rule] = &[
    r(r"^(\s*)(''')", By(&[P(T::TextWhitespace), P(T::LiteralStringHeredoc)]), "#pop"),
    r("", Include("heredoc_interpol"), ""),
];
const TRIAPOS_NO_INTP: &[Rule] = &[
    r(r"^(\s*)(''')", By(&[P(T::TextWhitespace), P(T::LiteralStringHeredoc)]), "#pop"),
    r("", Include("heredoc_no_interpol"), ""),
];

/// A sigil's body up to `$end` (then modifiers): `$body` is the run without `#`, the
/// terminator and `\` (without `#` too only where it interpolates).
macro_rules! sigil {
    (intp, $body:literal, $end:literal) => {
        &[
            r($body, Tok(T::LiteralStringOther), ""),
            r("", Include("escapes"), ""),
            r(r"\\.", Tok(T::LiteralStringOther), ""),
            r(concat!($end, "[a-zA-Z]*"), Tok(T::LiteralStringOther), "#pop"),
            r("", Include("interpol"), ""),
        ]
    };
    (plain, $body:literal, $end:literal) => {
        &[
            r($body, Tok(T::LiteralStringOther), ""),
            r(r"\\.", Tok(T::LiteralStringOther), ""),
            r(concat!($end, "[a-zA-Z]*"), Tok(T::LiteralStringOther), "#pop"),
        ]
    };
}

const CB_INTP: &[Rule] = sigil!(intp, r"[^#}\\]+", r"\}");
const CB_NO_INTP: &[Rule] = sigil!(plain, r"[^}\\]+", r"\}");
const SB_INTP: &[Rule] = sigil!(intp, r"[^#\]\\]+", r"\]");
const SB_NO_INTP: &[Rule] = sigil!(plain, r"[^\]\\]+", r"\]");
const PA_INTP: &[Rule] = sigil!(intp, r"[^#)\\]+", r"\)");
const PA_NO_INTP: &[Rule] = sigil!(plain, r"[^)\\]+", r"\)");
const AB_INTP: &[Rule] = sigil!(intp, r"[^#>\\]+", ">");
const AB_NO_INTP: &[Rule] = sigil!(plain, r"[^>\\]+", ">");
const SLAS_INTP: &[Rule] = sigil!(intp, r"[^#/\\]+", "/");
const SLAS_NO_INTP: &[Rule] = sigil!(plain, r"[^/\\]+", "/");
const PIPE_INTP: &[Rule] = sigil!(intp, r"[^#|\\]+", r"\|");
const PIPE_NO_INTP: &[Rule] = sigil!(plain, r"[^|\\]+", r"\|");
const QUOT_INTP: &[Rule] = sigil!(intp, r##"[^#"\\]+"##, "\"");
const QUOT_NO_INTP: &[Rule] = sigil!(plain, r#"[^"\\]+"#, "\"");
const APOS_INTP: &[Rule] = sigil!(intp, r"[^#'\\]+", "'");
const APOS_NO_INTP: &[Rule] = sigil!(plain, r"[^'\\]+", "'");
