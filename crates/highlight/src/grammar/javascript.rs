//! JavaScript and TypeScript, as Pygments' `javascript` and `typescript` lexers tokenize
//! them. A `/` starts a regular expression where an operand is expected (the
//! `slash-regex` state is pushed after operators, opening brackets and keywords).

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const JAVASCRIPT: Grammar = &[
    ("root", &[r("", Include("js"), "")]),
    ("js", JS),
    ("space", SPACE),
    ("slash-regex", SLASH_REGEX),
    ("bad-regex", BAD_REGEX),
    ("template", TEMPLATE),
    ("template-expr", TEMPLATE_EXPR),
];

pub(crate) const TYPESCRIPT: Grammar = &[
    ("root", TS),
    ("js", JS),
    ("space", SPACE),
    ("slash-regex", SLASH_REGEX),
    ("bad-regex", BAD_REGEX),
    ("template", TEMPLATE),
    ("template-expr", TEMPLATE_EXPR),
];

const SPACE: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"<!--", Tok(T::Comment), ""),
    r(r"//.*?$", Tok(T::CommentSingle), ""),
    r(r"(?s)/\*.*?\*/", Tok(T::CommentMultiline), ""),
];

const SLASH_REGEX: &[Rule] = &[
    r("", Include("space"), ""),
    r(
        r"(?s)/(?:\\.|[^\[/\\\n]|\[(?:\\.|[^\]\\\n])*\])+/(?:[gimuysd]+\b|\B)",
        Tok(T::LiteralStringRegex),
        "#pop",
    ),
    r(r"(?=/)", Tok(T::Text), "#pop bad-regex"),
    r("", Tok(T::Text), "#pop"),
];

const BAD_REGEX: &[Rule] = &[r(r"\n", Tok(T::TextWhitespace), "#pop")];

const IDENT: &str = r"(?:[$_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}]|\\u[a-fA-F0-9]{4})(?:[$\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\x{200c}\x{200d}]|\\u[a-fA-F0-9]{4})*";

const JS: &[Rule] = &[
    r(r"\A#! ?/.*?$", Tok(T::CommentHashbang), ""),
    r(r"^(?=\s|/|<!--)", Tok(T::Text), "slash-regex"),
    r("", Include("space"), ""),
    r(r"0[bB][01]+n?", Tok(T::LiteralNumberBin), ""),
    r(r"0[oO]?[0-7]+n?", Tok(T::LiteralNumberOct), ""),
    r(r"0[xX][0-9a-fA-F]+n?", Tok(T::LiteralNumberHex), ""),
    r(r"[0-9]+n", Tok(T::LiteralNumberInteger), ""),
    r(r"(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)(?:[eE][-+]?[0-9]+)?", Tok(T::LiteralNumberFloat), ""),
    r(r"\.\.\.|=>", Tok(T::Punctuation), ""),
    r(r"\+\+|--|~|\?\?=?|\?|:", Tok(T::Operator), "slash-regex"),
    r(r"\\(?=\n)", Tok(T::Operator), "slash-regex"),
    r(r"(?:<<|>>>?|==?|!=?|(?:\*\*|\|\||&&|[-<>+*%&|^/]))=?", Tok(T::Operator), "slash-regex"),
    r(r"[{(\[;,]", Tok(T::Punctuation), "slash-regex"),
    r(r"[})\].]", Tok(T::Punctuation), ""),
    r(r"(?:typeof|instanceof|in|void|delete|new)\b", Tok(T::OperatorWord), "slash-regex"),
    r(r"\b(?:constructor|from|as)\b", Tok(T::KeywordReserved), ""),
    r(
        r"(?:for|in|while|do|break|return|continue|switch|case|default|if|else|throw|try|catch|finally|yield|await|async|this|of|static|export|import|debugger|extends|super)\b",
        Tok(T::Keyword),
        "slash-regex",
    ),
    r(r"(?:var|let|const|with|function|class)\b", Tok(T::KeywordDeclaration), "slash-regex"),
    r(
        r"(?:abstract|boolean|byte|char|double|enum|final|float|goto|implements|int|interface|long|native|package|private|protected|public|short|synchronized|throws|transient|volatile)\b",
        Tok(T::KeywordReserved),
        "",
    ),
    r(r"(?:true|false|null|NaN|Infinity|undefined)\b", Tok(T::KeywordConstant), ""),
    r(
        r"(?:Array|Boolean|Date|BigInt|Function|Math|ArrayBuffer|Number|Object|RegExp|String|Promise|Proxy|decodeURI|decodeURIComponent|encodeURI|encodeURIComponent|eval|isFinite|isNaN|parseFloat|parseInt|DataView|document|window|globalThis|global|Symbol|Intl|WeakSet|WeakMap|Set|Map|Reflect|JSON|Atomics|Int(?:8|16|32)Array|BigInt64Array|Float32Array|Float64Array|Uint8ClampedArray|Uint(?:8|16|32)Array|BigUint64Array)\b",
        Tok(T::NameBuiltin),
        "",
    ),
    r(r"(?:(?:Eval|Internal|Range|Reference|Syntax|Type|URI)?Error)\b", Tok(T::NameException), ""),
    r(r"[a-zA-Z_?.$][\w?.$]*(?=\(\) \{)", Tok(T::NameOther), "slash-regex"),
    r(IDENT, Tok(T::NameOther), ""),
    r(r#""(?:\\\\|\\[^\\]|[^"\\])*""#, Tok(T::LiteralStringDouble), ""),
    r(r"'(?:\\\\|\\[^\\]|[^'\\])*'", Tok(T::LiteralStringSingle), ""),
    r(r"`", Tok(T::LiteralStringBacktick), "template"),
    r(r"#[a-zA-Z_]\w*", Tok(T::Name), ""),
];

const TEMPLATE: &[Rule] = &[
    r(r"`", Tok(T::LiteralStringBacktick), "#pop"),
    r(r"(?s)\\.", Tok(T::LiteralStringBacktick), ""),
    r(r"\$\{", Tok(T::LiteralStringInterpol), "template-expr"),
    r(r"\$", Tok(T::LiteralStringBacktick), ""),
    r(r"[^`\\$]+", Tok(T::LiteralStringBacktick), ""),
];

const TEMPLATE_EXPR: &[Rule] =
    &[r(r"\}", Tok(T::LiteralStringInterpol), "#pop"), r("", Include("root"), "")];

const TS: &[Rule] = &[
    r(
        r"(?:abstract|implements|private|protected|public|readonly)\b",
        Tok(T::Keyword),
        "slash-regex",
    ),
    r(r"(?:enum|interface|override)\b", Tok(T::KeywordDeclaration), "slash-regex"),
    r(r"\b(?:declare|type)\b", Tok(T::KeywordReserved), ""),
    r(r"\b(?:string|boolean|number)\b", Tok(T::KeywordType), ""),
    r(
        r"\b(module)(\s*)([\w?.$]+)(\s*)",
        By(&[P(T::KeywordReserved), P(T::TextWhitespace), P(T::NameOther), P(T::TextWhitespace)]),
        "slash-regex",
    ),
    r(
        r"([\w?.$]+)(\s*)(:)(\s*)([\w?.$]+)",
        By(&[
            P(T::NameOther),
            P(T::TextWhitespace),
            P(T::Operator),
            P(T::TextWhitespace),
            P(T::KeywordType),
        ]),
        "",
    ),
    r(
        r"@(?:[$_\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}]|\\u[a-fA-F0-9]{4})(?:[$\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\x{200c}\x{200d}]|\\u[a-fA-F0-9]{4})*",
        Tok(T::KeywordDeclaration),
        "",
    ),
    r("", Include("js"), ""),
];
