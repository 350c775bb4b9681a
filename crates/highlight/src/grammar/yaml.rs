//! YAML, as Pygments' `yaml` lexer tokenizes it, without its indentation tracking: a
//! plain scalar ends at its line's end, and a block scalar (`|`, `>`) at the first line
//! that starts a key or list item or is not indented (Pygments compares indentations).

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("ignored-line", IGNORED_LINE),
    ("yaml-directive", YAML_DIRECTIVE),
    ("tag-directive", TAG_DIRECTIVE),
    ("indentation", INDENTATION),
    ("block-line", BLOCK_LINE),
    ("descriptors", DESCRIPTORS),
    ("block-nodes", BLOCK_NODES),
    ("flow-nodes", FLOW_NODES),
    ("flow-collection", FLOW_COLLECTION),
    ("flow-sequence", FLOW_SEQUENCE),
    ("flow-mapping", FLOW_MAPPING),
    ("block-scalar-content", BLOCK_SCALAR_CONTENT),
    ("block-scalar-header", BLOCK_SCALAR_HEADER),
    ("quoted-scalar-whitespaces", QUOTED_WS),
    ("single-quoted-scalar", SINGLE_QUOTED),
    ("double-quoted-scalar", DOUBLE_QUOTED),
    ("plain-scalar-in-block-context", PLAIN_BLOCK),
    ("plain-scalar-in-flow-context", PLAIN_FLOW),
];

const ROOT: &[Rule] = &[
    r(r"[ ]+(?=#|$)", Tok(T::TextWhitespace), ""),
    r(r"\n+", Tok(T::TextWhitespace), ""),
    r(r"#[^\n]*", Tok(T::CommentSingle), ""),
    r(r"^%YAML(?=[ ]|$)", Tok(T::NameTag), "yaml-directive"),
    r(r"^%TAG(?=[ ]|$)", Tok(T::NameTag), "tag-directive"),
    r(r"^(?:---|\.\.\.)(?=[ ]|$)", Tok(T::NameNamespace), "block-line"),
    r(r"[ ]*(?!\s|$)", Tok(T::TextWhitespace), "block-line indentation"),
];

const IGNORED_LINE: &[Rule] = &[
    r(r"[ ]+(?=#|$)", Tok(T::TextWhitespace), ""),
    r(r"#[^\n]*", Tok(T::CommentSingle), ""),
    r(r"\n", Tok(T::TextWhitespace), "#pop:2"),
];

const YAML_DIRECTIVE: &[Rule] = &[r(
    r"([ ]+)([0-9]+\.[0-9]+)",
    By(&[P(T::TextWhitespace), P(T::LiteralNumber)]),
    "ignored-line",
)];

const TAG_DIRECTIVE: &[Rule] = &[r(
    r"([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+)",
    By(&[P(T::TextWhitespace), P(T::KeywordType), P(T::TextWhitespace), P(T::KeywordType)]),
    "ignored-line",
)];

const INDENTATION: &[Rule] = &[
    r(r"[ ]*$", Tok(T::TextWhitespace), "#pop:2"),
    r(r"[ ]+(?=[?:-](?:[ ]|$))", Tok(T::TextWhitespace), ""),
    r(r"[?:-](?=[ ]|$)", Tok(T::PunctuationIndicator), ""),
    r(r"[ ]*", Tok(T::TextWhitespace), "#pop"),
];

const BLOCK_LINE: &[Rule] = &[
    r(r"[ ]*(?=#|$)", Tok(T::TextWhitespace), "#pop"),
    r(r"[ ]+", Tok(T::TextWhitespace), ""),
    r(r#"([^#,?\[\]{}"'\n]+)(:)(?=[ ]|$)"#, By(&[P(T::NameTag), P(T::Punctuation)]), ""),
    r("", Include("descriptors"), ""),
    r("", Include("block-nodes"), ""),
    r("", Include("flow-nodes"), ""),
    r(
        r#"(?=[^\s?:,\[\]{}#&*!|>'"%@`-]|[?:-]\S)"#,
        Tok(T::NameVariable),
        "plain-scalar-in-block-context",
    ),
];

const DESCRIPTORS: &[Rule] = &[
    r(r"!<[\w#;/?:@&=+$,.!~*'()\[\]%-]+>", Tok(T::KeywordType), ""),
    r(r"!(?:[\w-]+!)?[\w#;/?:@&=+$,.!~*'()\[\]%-]*", Tok(T::KeywordType), ""),
    r(r"&[\w-]+", Tok(T::NameLabel), ""),
    r(r"\*[\w-]+", Tok(T::NameVariable), ""),
];

const BLOCK_NODES: &[Rule] = &[
    r(r":(?=[ ]|$)", Tok(T::PunctuationIndicator), ""),
    r(r"[|>]", Tok(T::PunctuationIndicator), "block-scalar-content block-scalar-header"),
];

const FLOW_NODES: &[Rule] = &[
    r(r"\[", Tok(T::PunctuationIndicator), "flow-sequence"),
    r(r"\{", Tok(T::PunctuationIndicator), "flow-mapping"),
    r(r"'", Tok(T::LiteralString), "single-quoted-scalar"),
    r(r#"""#, Tok(T::LiteralString), "double-quoted-scalar"),
];

const FLOW_COLLECTION: &[Rule] = &[
    r(r"[ ]+", Tok(T::TextWhitespace), ""),
    r(r"\n+", Tok(T::TextWhitespace), ""),
    r(r"#[^\n]*", Tok(T::CommentSingle), ""),
    r(r"[?:,]", Tok(T::PunctuationIndicator), ""),
    r("", Include("descriptors"), ""),
    r("", Include("flow-nodes"), ""),
    r(r#"(?=[^\s?:,\[\]{}#&*!|>'"%@`])"#, Tok(T::NameVariable), "plain-scalar-in-flow-context"),
];

const FLOW_SEQUENCE: &[Rule] =
    &[r("", Include("flow-collection"), ""), r(r"\]", Tok(T::PunctuationIndicator), "#pop")];

const FLOW_MAPPING: &[Rule] = &[
    r(r#"([^,:?\[\]{}"'\n]+)(:)(?=[ ]|$)"#, By(&[P(T::NameTag), P(T::Punctuation)]), ""),
    r("", Include("flow-collection"), ""),
    r(r"\}", Tok(T::PunctuationIndicator), "#pop"),
];

const BLOCK_SCALAR_CONTENT: &[Rule] = &[
    r(r"\n", Tok(T::TextWhitespace), ""),
    // Where Pygments' indentation check would end the scalar, roughly.
    r(r#"^(?=\S|[ ]*-[ ]|[ ]*[^\s#,?\[\]{}"'][^\n]*?:(?:[ ]|$))"#, Tok(T::Text), "#pop:2"),
    r(r"^[ ]+$", Tok(T::TextWhitespace), ""),
    r(r"^[ ]*", Tok(T::TextWhitespace), ""),
    r(r"[\S\t ]+", Tok(T::NameConstant), ""),
];

const BLOCK_SCALAR_HEADER: &[Rule] = &[
    r(r"(?:[1-9])?[+-]?(?=[ ]|$)", Tok(T::PunctuationIndicator), "ignored-line"),
    r(r"[+-]?(?:[1-9])?(?=[ ]|$)", Tok(T::PunctuationIndicator), "ignored-line"),
];

const QUOTED_WS: &[Rule] = &[
    r(r"^[ ]+", Tok(T::TextWhitespace), ""),
    r(r"[ ]+$", Tok(T::TextWhitespace), ""),
    r(r"\n+", Tok(T::TextWhitespace), ""),
    r(r"[ ]+", Tok(T::NameVariable), ""),
];

const SINGLE_QUOTED: &[Rule] = &[
    r("", Include("quoted-scalar-whitespaces"), ""),
    r(r"''", Tok(T::LiteralStringEscape), ""),
    r(r"[^\s']+", Tok(T::LiteralString), ""),
    r(r"'", Tok(T::LiteralString), "#pop"),
];

const DOUBLE_QUOTED: &[Rule] = &[
    r("", Include("quoted-scalar-whitespaces"), ""),
    r(r#"\\[0abt\tn\nvfre "\\N_LP]"#, Tok(T::LiteralString), ""),
    r(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", Tok(T::LiteralStringEscape), ""),
    r(r#"[^\s"\\]+"#, Tok(T::LiteralString), ""),
    r(r#"""#, Tok(T::LiteralString), "#pop"),
];

const PLAIN_BLOCK: &[Rule] = &[
    r(r"[ ]*(?=:[ ]|:$)", Tok(T::TextWhitespace), "#pop"),
    r(r"[ ]+(?=#)", Tok(T::TextWhitespace), "#pop"),
    r(r"[ ]+$", Tok(T::TextWhitespace), ""),
    // Pygments continues the scalar on more indented lines; here it ends with its line.
    r(r"(?=\n)", Tok(T::Text), "#pop:2"),
    r(r"[ ]+", Tok(T::LiteralScalarPlain), ""),
    r(r"(?::[^\s]|[^\s:])+", Tok(T::LiteralScalarPlain), ""),
];

const PLAIN_FLOW: &[Rule] = &[
    r(r"[ ]*(?=[,:?\[\]{}])", Tok(T::TextWhitespace), "#pop"),
    r(r"[ ]+(?=#)", Tok(T::TextWhitespace), "#pop"),
    r(r"^[ ]+", Tok(T::TextWhitespace), ""),
    r(r"[ ]+$", Tok(T::TextWhitespace), ""),
    r(r"\n+", Tok(T::TextWhitespace), ""),
    r(r"[ ]+", Tok(T::NameVariable), ""),
    r(r"[^\s,:?\[\]{}]+", Tok(T::NameVariable), ""),
];
