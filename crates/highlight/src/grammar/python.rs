//! Python 3, as Pygments' `python` lexer tokenizes it.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::{T as P, U};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

const NAME: &str = r"[\p{XID_Start}_]\p{XID_Continue}*";

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("expr", EXPR),
    ("reserved", RESERVED),
    ("match-case", MATCH_CASE),
    ("builtins", BUILTINS),
    ("magic", MAGIC),
    ("numbers", NUMBERS),
    ("after-dot", AFTER_DOT),
    ("def", DEF),
    ("class", CLASS),
    ("import", IMPORT),
    ("from", FROM),
    ("fexpr", FEXPR),
    ("fexpr-nested", FEXPR_NESTED),
    ("format-codes", FORMAT_CODES),
    ("escapes", ESCAPES),
    ("escapes-bytes", ESCAPES_BYTES),
    ("escapes-braces", ESCAPES_BRACES),
    ("escapes-f", ESCAPES_F),
    ("none", NONE),
    ("body-dq", BODY_DQ),
    ("body-sq", BODY_SQ),
    ("fbody-dq", FBODY_DQ),
    ("fbody-sq", FBODY_SQ),
    ("dq", DQ),
    ("sq", SQ),
    ("tdq", TDQ),
    ("tsq", TSQ),
    ("dq-raw", DQ_RAW),
    ("sq-raw", SQ_RAW),
    ("tdq-raw", TDQ_RAW),
    ("tsq-raw", TSQ_RAW),
    ("dq-bytes", DQ_BYTES),
    ("sq-bytes", SQ_BYTES),
    ("tdq-bytes", TDQ_BYTES),
    ("tsq-bytes", TSQ_BYTES),
    ("dqf", DQF),
    ("sqf", SQF),
    ("tdqf", TDQF),
    ("tsqf", TSQF),
    ("dqf-raw", DQF_RAW),
    ("sqf-raw", SQF_RAW),
    ("tdqf-raw", TDQF_RAW),
    ("tsqf-raw", TSQF_RAW),
];

const ROOT: &[Rule] = &[
    r(r"\n", Tok(T::TextWhitespace), ""),
    r(
        r#"^(\s*)([rRuUbB]{0,2})("""(?:.|\n)*?""")"#,
        By(&[P(T::TextWhitespace), P(T::LiteralStringAffix), P(T::LiteralStringDoc)]),
        "",
    ),
    r(
        r"^(\s*)([rRuUbB]{0,2})('''(?:.|\n)*?''')",
        By(&[P(T::TextWhitespace), P(T::LiteralStringAffix), P(T::LiteralStringDoc)]),
        "",
    ),
    r(r"\A#!.+$", Tok(T::CommentHashbang), ""),
    r(r"#.*$", Tok(T::CommentSingle), ""),
    r(r"\\\n|\\", Tok(T::Text), ""),
    r("", Include("reserved"), ""),
    r(
        r"(^[ \t]*)(match|case)\b(?![ \t]*(?:[:,;=^&|@~)\]}]|(?:and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield)\b))",
        By(&[P(T::Text), P(T::Keyword)]),
        "match-case",
    ),
    r(r"(def)((?:\s|\\\s)+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "def"),
    r(r"(class)((?:\s|\\\s)+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "class"),
    r(r"(from)((?:\s|\\\s)+)", By(&[P(T::KeywordNamespace), P(T::TextWhitespace)]), "from"),
    r(r"(import)((?:\s|\\\s)+)", By(&[P(T::KeywordNamespace), P(T::TextWhitespace)]), "import"),
    r("", Include("expr"), ""),
];

const RESERVED: &[Rule] = &[
    r(
        r"(?:assert|async|await|break|continue|del|elif|else|except|finally|for|global|if|lambda|pass|raise|nonlocal|return|try|while|yield[ \t]+from|yield|as|with)\b",
        Tok(T::Keyword),
        "",
    ),
    r(r"(?:True|False|None)\b", Tok(T::KeywordConstant), ""),
];

const MATCH_CASE: &[Rule] = &[
    r(r"(\s+)([^\n_]*)(_\b)", By(&[P(T::TextWhitespace), U(Language::Python), P(T::Keyword)]), ""),
    r("", Tok(T::Text), "#pop"),
];

const EXPR: &[Rule] = &[
    r(
        r#"([rR][fF]|[fF][rR])(""")"#,
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]),
        "tdqf-raw",
    ),
    r(
        r"([rR][fF]|[fF][rR])(''')",
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]),
        "tsqf-raw",
    ),
    r(
        r#"([rR][fF]|[fF][rR])(")"#,
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]),
        "dqf-raw",
    ),
    r(
        r"([rR][fF]|[fF][rR])(')",
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]),
        "sqf-raw",
    ),
    r(r#"([fF])(""")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]), "tdqf"),
    r(r"([fF])(''')", By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]), "tsqf"),
    r(r#"([fF])(")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]), "dqf"),
    r(r"([fF])(')", By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]), "sqf"),
    r(
        r#"([rR][bB]|[bB][rR]|[rR])(""")"#,
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]),
        "tdq-raw",
    ),
    r(
        r"([rR][bB]|[bB][rR]|[rR])(''')",
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]),
        "tsq-raw",
    ),
    r(
        r#"([rR][bB]|[bB][rR]|[rR])(")"#,
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]),
        "dq-raw",
    ),
    r(
        r"([rR][bB]|[bB][rR]|[rR])(')",
        By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]),
        "sq-raw",
    ),
    r(r#"([uU]?)(""")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]), "tdq"),
    r(r"([uU]?)(''')", By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]), "tsq"),
    r(r#"([uU]?)(")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]), "dq"),
    r(r"([uU]?)(')", By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]), "sq"),
    r(r#"([bB])(""")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]), "tdq-bytes"),
    r(r"([bB])(''')", By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]), "tsq-bytes"),
    r(r#"([bB])(")"#, By(&[P(T::LiteralStringAffix), P(T::LiteralStringDouble)]), "dq-bytes"),
    r(r"([bB])(')", By(&[P(T::LiteralStringAffix), P(T::LiteralStringSingle)]), "sq-bytes"),
    r(r"[^\S\n]+", Tok(T::Text), ""),
    r("", Include("numbers"), ""),
    // Pygments leaves a builtin's name plain after a dot (`x.len`), not a magic one.
    r(r"\.", Tok(T::Operator), "after-dot"),
    r(r"!=|==|<<|>>|:=|[-~+/*%=<>&^|]", Tok(T::Operator), ""),
    r(r"[\]{}:(),;\[]", Tok(T::Punctuation), ""),
    r(r"(?:in|is|and|or|not)\b", Tok(T::OperatorWord), ""),
    r(r"(?:async[ \t]+for|await|else|for|if|lambda|yield[ \t]+from|yield)\b", Tok(T::Keyword), ""),
    r(r"(?:True|False|None)\b", Tok(T::KeywordConstant), ""),
    r("", Include("builtins"), ""),
    r("", Include("magic"), ""),
    r(r"@[\p{XID_Start}_]\p{XID_Continue}*", Tok(T::NameDecorator), ""),
    r(r"@", Tok(T::Operator), ""),
    r(NAME, Tok(T::Name), ""),
];

const AFTER_DOT: &[Rule] = &[
    r("", Include("numbers"), "#pop"),
    r("", Include("magic"), "#pop"),
    r(r"(?:in|is|and|or|not)\b", Tok(T::OperatorWord), "#pop"),
    r(
        r"(?:async[ \t]+for|await|else|for|if|lambda|yield[ \t]+from|yield)\b",
        Tok(T::Keyword),
        "#pop",
    ),
    r(r"(?:True|False|None)\b", Tok(T::KeywordConstant), "#pop"),
    r(NAME, Tok(T::Name), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const BUILTINS: &[Rule] = &[
    r(
        r"(?:__import__|abs|aiter|all|any|bin|bool|bytearray|breakpoint|bytes|callable|chr|classmethod|compile|complex|delattr|dict|dir|divmod|enumerate|eval|filter|float|format|frozenset|getattr|globals|hasattr|hash|hex|id|input|int|isinstance|issubclass|iter|len|list|locals|map|max|memoryview|min|next|object|oct|open|ord|pow|print|property|range|repr|reversed|round|set|setattr|slice|sorted|staticmethod|str|sum|super|tuple|type|vars|zip)\b",
        Tok(T::NameBuiltin),
        "",
    ),
    r(r"(?:self|Ellipsis|NotImplemented|cls)\b", Tok(T::NameBuiltinPseudo), ""),
    r(
        r"(?:ArithmeticError|AssertionError|AttributeError|BaseException|BufferError|BytesWarning|DeprecationWarning|EOFError|EnvironmentError|Exception|FloatingPointError|FutureWarning|GeneratorExit|IOError|ImportError|ImportWarning|IndentationError|IndexError|KeyError|KeyboardInterrupt|LookupError|MemoryError|NameError|NotImplementedError|OSError|OverflowError|PendingDeprecationWarning|ReferenceError|ResourceWarning|RuntimeError|RuntimeWarning|StopIteration|SyntaxError|SyntaxWarning|SystemError|SystemExit|TabError|TypeError|UnboundLocalError|UnicodeDecodeError|UnicodeEncodeError|UnicodeError|UnicodeTranslateError|UnicodeWarning|UserWarning|ValueError|VMSError|Warning|WindowsError|ZeroDivisionError|BlockingIOError|ChildProcessError|ConnectionError|BrokenPipeError|ConnectionAbortedError|ConnectionRefusedError|ConnectionResetError|FileExistsError|FileNotFoundError|InterruptedError|IsADirectoryError|NotADirectoryError|PermissionError|ProcessLookupError|TimeoutError|StopAsyncIteration|ModuleNotFoundError|RecursionError|EncodingWarning)\b",
        Tok(T::NameException),
        "",
    ),
];

const MAGIC: &[Rule] = &[
    r(
        r"__(?:abs|add|aenter|aexit|aiter|and|anext|await|bool|bytes|call|complex|contains|del|delattr|delete|delitem|dir|divmod|enter|eq|exit|float|floordiv|format|ge|get|getattr|getattribute|getitem|gt|hash|iadd|iand|ifloordiv|ilshift|imatmul|imod|imul|index|init|instancecheck|int|invert|ior|ipow|irshift|isub|iter|itruediv|ixor|le|len|length_hint|lshift|lt|matmul|missing|mod|mul|ne|neg|new|next|or|pos|pow|prepare|radd|rand|rdivmod|repr|reversed|rfloordiv|rlshift|rmatmul|rmod|rmul|ror|round|rpow|rrshift|rshift|rsub|rtruediv|rxor|set|setattr|setitem|str|sub|subclasscheck|truediv|xor)__\b",
        Tok(T::NameFunctionMagic),
        "",
    ),
    r(
        r"__(?:annotations|bases|class|closure|code|defaults|dict|doc|file|func|globals|kwdefaults|module|mro|name|objclass|qualname|self|slots|weakref)__\b",
        Tok(T::NameVariableMagic),
        "",
    ),
];

const NUMBERS: &[Rule] = &[
    r(
        r"(?:\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?",
        Tok(T::LiteralNumberFloat),
        "",
    ),
    r(r"\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?", Tok(T::LiteralNumberFloat), ""),
    r(r"0[oO](?:_?[0-7])+", Tok(T::LiteralNumberOct), ""),
    r(r"0[bB](?:_?[01])+", Tok(T::LiteralNumberBin), ""),
    r(r"0[xX](?:_?[a-fA-F0-9])+", Tok(T::LiteralNumberHex), ""),
    r(r"\d(?:_?\d)*", Tok(T::LiteralNumberInteger), ""),
];

const DEF: &[Rule] = &[
    r("", Include("magic"), "#pop"),
    r(NAME, Tok(T::NameFunction), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const CLASS: &[Rule] = &[r(NAME, Tok(T::NameClass), "#pop")];

const IMPORT: &[Rule] = &[
    r(r"(\s+)(as)(\s+)", By(&[P(T::TextWhitespace), P(T::Keyword), P(T::TextWhitespace)]), ""),
    r(r"\.", Tok(T::NameNamespace), ""),
    r(NAME, Tok(T::NameNamespace), ""),
    r(r"(\s*)(,)(\s*)", By(&[P(T::TextWhitespace), P(T::Operator), P(T::TextWhitespace)]), ""),
    r("", Tok(T::Text), "#pop"),
];

const FROM: &[Rule] = &[
    r(r"(\s+)(import)\b", By(&[P(T::TextWhitespace), P(T::KeywordNamespace)]), "#pop"),
    r(r"\.", Tok(T::NameNamespace), ""),
    r(r"None\b", Tok(T::KeywordConstant), "#pop"),
    r(NAME, Tok(T::NameNamespace), ""),
    r("", Tok(T::Text), "#pop"),
];

const FEXPR: &[Rule] = &[
    r(r"[{(\[]", Tok(T::Punctuation), "fexpr-nested"),
    r(r"(?:=\s*)?(?:![sraf])?[}:]", Tok(T::LiteralStringInterpol), "#pop"),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r("", Include("expr"), ""),
];

const FEXPR_NESTED: &[Rule] = &[
    r(r"[{(\[]", Tok(T::Punctuation), "#push"),
    r(r"[\])}]", Tok(T::Punctuation), "#pop"),
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r("", Include("expr"), ""),
];

/// `%s` and `{name!r:>10}` formatting inside plain strings.
const FORMAT_CODES: &[Rule] = &[
    r(
        r"%(?:\(\w+\))?[-#0 +]*(?:[0-9]+|[*])?(?:\.(?:[0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]",
        Tok(T::LiteralStringInterpol),
        "",
    ),
    r(
        r"\{(?:\w+(?:\.\w+|\[[^\]]+\])*)?(?:![sra])?(?::(?:.?[<>=\^])?[-+ ]?#?0?(?:\d+)?,?(?:\.\d+)?[E-GXb-gnosx%]?)?\}",
        Tok(T::LiteralStringInterpol),
        "",
    ),
];

const ESCAPES_BYTES: &[Rule] =
    &[r(r#"\\(?:[\\abfnrtv"']|\n|x[a-fA-F0-9]{2}|[0-7]{1,3})"#, Tok(T::LiteralStringEscape), "")];

const ESCAPES: &[Rule] = &[
    r(r"\\(?:N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8})", Tok(T::LiteralStringEscape), ""),
    r("", Include("escapes-bytes"), ""),
];

const ESCAPES_BRACES: &[Rule] = &[r(r"\{\{|\}\}", Tok(T::LiteralStringEscape), "")];

const ESCAPES_F: &[Rule] = &[r("", Include("escapes-braces"), ""), r("", Include("escapes"), "")];

const NONE: &[Rule] = &[];

/// The text of a string: formatting codes, runs of plain text, one quote or backslash
/// at a time.
macro_rules! body {
    ($name:ident, $ttype:expr) => {
        const $name: &[Rule] = &[
            r("", Include("format-codes"), ""),
            r(r#"[^\\'"%{\n]+"#, Tok($ttype), ""),
            r(r#"['"\\]"#, Tok($ttype), ""),
            r(r"%|\{\{?", Tok($ttype), ""),
        ];
    };
}
body!(BODY_DQ, T::LiteralStringDouble);
body!(BODY_SQ, T::LiteralStringSingle);

/// The text of an f-string: `{` opens an expression.
macro_rules! fbody {
    ($name:ident, $ttype:expr) => {
        const $name: &[Rule] = &[
            r(r"\}", Tok(T::LiteralStringInterpol), ""),
            r(r"\{", Tok(T::LiteralStringInterpol), "fexpr"),
            r(r#"[^\\'"{}\n]+"#, Tok($ttype), ""),
            r(r#"['"\\]"#, Tok($ttype), ""),
        ];
    };
}
fbody!(FBODY_DQ, T::LiteralStringDouble);
fbody!(FBODY_SQ, T::LiteralStringSingle);

/// A one-line string: its escapes (`NONE` for raw strings), closing quote, the escaped
/// quote every kind knows, then its text; a newline is left unmatched (an error in
/// Pygments, which resets to `root`).
macro_rules! line_string {
    ($name:ident, $escapes:literal, $close:literal, $escaped:expr, $body:literal, $ttype:expr) => {
        const $name: &[Rule] = &[
            r("", Include($escapes), ""),
            r($close, Tok($ttype), "#pop"),
            r($escaped, Tok(T::LiteralStringEscape), ""),
            r("", Include($body), ""),
        ];
    };
}

/// A triple-quoted string: newlines are string text; no escaped quote of its own.
macro_rules! long_string {
    ($name:ident, $escapes:literal, $close:literal, $body:literal, $ttype:expr) => {
        const $name: &[Rule] = &[
            r("", Include($escapes), ""),
            r($close, Tok($ttype), "#pop"),
            r("", Include($body), ""),
            r(r"\n", Tok($ttype), ""),
        ];
    };
}

const DQ_ESC: &str = r#"\\\\|\\"|\\\n"#;
const SQ_ESC: &str = r"\\\\|\\'|\\\n";

line_string!(DQ, "escapes", r#"""#, DQ_ESC, "body-dq", T::LiteralStringDouble);
line_string!(SQ, "escapes", r"'", SQ_ESC, "body-sq", T::LiteralStringSingle);
line_string!(DQ_RAW, "none", r#"""#, DQ_ESC, "body-dq", T::LiteralStringDouble);
line_string!(SQ_RAW, "none", r"'", SQ_ESC, "body-sq", T::LiteralStringSingle);
line_string!(DQ_BYTES, "escapes-bytes", r#"""#, DQ_ESC, "body-dq", T::LiteralStringDouble);
line_string!(SQ_BYTES, "escapes-bytes", r"'", SQ_ESC, "body-sq", T::LiteralStringSingle);
line_string!(DQF, "escapes-f", r#"""#, DQ_ESC, "fbody-dq", T::LiteralStringDouble);
line_string!(SQF, "escapes-f", r"'", SQ_ESC, "fbody-sq", T::LiteralStringSingle);
line_string!(DQF_RAW, "escapes-braces", r#"""#, DQ_ESC, "fbody-dq", T::LiteralStringDouble);
line_string!(SQF_RAW, "escapes-braces", r"'", SQ_ESC, "fbody-sq", T::LiteralStringSingle);
long_string!(TDQ, "escapes", r#"""""#, "body-dq", T::LiteralStringDouble);
long_string!(TSQ, "escapes", r"'''", "body-sq", T::LiteralStringSingle);
long_string!(TDQ_RAW, "none", r#"""""#, "body-dq", T::LiteralStringDouble);
long_string!(TSQ_RAW, "none", r"'''", "body-sq", T::LiteralStringSingle);
long_string!(TDQ_BYTES, "escapes-bytes", r#"""""#, "body-dq", T::LiteralStringDouble);
long_string!(TSQ_BYTES, "escapes-bytes", r"'''", "body-sq", T::LiteralStringSingle);
long_string!(TDQF, "escapes-f", r#"""""#, "fbody-dq", T::LiteralStringDouble);
long_string!(TSQF, "escapes-f", r"'''", "fbody-sq", T::LiteralStringSingle);
long_string!(TDQF_RAW, "escapes-braces", r#"""""#, "fbody-dq", T::LiteralStringDouble);
long_string!(TSQF_RAW, "escapes-braces", r"'''", "fbody-sq", T::LiteralStringSingle);
