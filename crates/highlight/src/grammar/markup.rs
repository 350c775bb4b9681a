//! HTML and XML, as Pygments' `html` and `xml` lexers tokenize them; HTML hands the
//! contents of `<script>` to JavaScript and of `<style>` to CSS.

use crate::engine::Action::{By, Tok, Using};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

pub(crate) const HTML: Grammar = &[
    ("root", HTML_ROOT),
    ("tag", HTML_TAG),
    ("script-content", SCRIPT),
    ("style-content", STYLE),
    ("attr", HTML_ATTR),
];

const CLOSE: [crate::engine::Part; 7] = [
    P(T::Punctuation),
    P(T::Text),
    P(T::Punctuation),
    P(T::Text),
    P(T::NameTag),
    P(T::Text),
    P(T::Punctuation),
];

const HTML_ROOT: &[Rule] = &[
    r(r"[^<&]+", Tok(T::Text), ""),
    r(r"&\S*?;", Tok(T::NameEntity), ""),
    r(r"(?is)<!\[CDATA\[.*?\]\]>", Tok(T::CommentPreproc), ""),
    r(r"(?s)<!--.*?-->", Tok(T::CommentMultiline), ""),
    r(r"(?s)<\?.*?\?>", Tok(T::CommentPreproc), ""),
    r(r"<![^>]*>", Tok(T::CommentPreproc), ""),
    r(
        r"(?i)(<)(\s*)(script)(\s*)",
        By(&[P(T::Punctuation), P(T::Text), P(T::NameTag), P(T::Text)]),
        "script-content tag",
    ),
    r(
        r"(?i)(<)(\s*)(style)(\s*)",
        By(&[P(T::Punctuation), P(T::Text), P(T::NameTag), P(T::Text)]),
        "style-content tag",
    ),
    r(r"(<)(\s*)([\w:.-]+)", By(&[P(T::Punctuation), P(T::Text), P(T::NameTag)]), "tag"),
    r(r"(<)(\s*)(/)(\s*)([\w:.-]+)(\s*)(>)", By(&CLOSE), ""),
];

const HTML_TAG: &[Rule] = &[
    r(r"\s+", Tok(T::Text), ""),
    r(r"([\w:-]+\s*)(=)(\s*)", By(&[P(T::NameAttribute), P(T::Operator), P(T::Text)]), "attr"),
    r(r"[\w:-]+", Tok(T::NameAttribute), ""),
    r(r"(/?)(\s*)(>)", By(&[P(T::Punctuation), P(T::Text), P(T::Punctuation)]), "#pop"),
];

const SCRIPT: &[Rule] = &[
    r(r"(?i)(<)(\s*)(/)(\s*)(script)(\s*)(>)", By(&CLOSE), "#pop"),
    r(r"(?is).+?(?=<\s*/\s*script\s*>)", Using(Language::Javascript), ""),
    r(r"(?s).+?\n", Using(Language::Javascript), "#pop"),
    r(r"(?s).+", Using(Language::Javascript), "#pop"),
];

const STYLE: &[Rule] = &[
    r(r"(?i)(<)(\s*)(/)(\s*)(style)(\s*)(>)", By(&CLOSE), "#pop"),
    r(r"(?is).+?(?=<\s*/\s*style\s*>)", Using(Language::Css), ""),
    r(r"(?s).+?\n", Using(Language::Css), "#pop"),
    r(r"(?s).+", Using(Language::Css), "#pop"),
];

const HTML_ATTR: &[Rule] = &[
    r(r#"(?s)".*?""#, Tok(T::LiteralString), "#pop"),
    r(r"(?s)'.*?'", Tok(T::LiteralString), "#pop"),
    r(r"[^\s>]+", Tok(T::LiteralString), "#pop"),
];

pub(crate) const XML: Grammar = &[("root", XML_ROOT), ("tag", XML_TAG), ("attr", XML_ATTR)];

const XML_ROOT: &[Rule] = &[
    r(r"[^<&\s]+", Tok(T::Text), ""),
    r(r"[^<&\S]+", Tok(T::TextWhitespace), ""),
    r(r"&\S*?;", Tok(T::NameEntity), ""),
    r(r"(?s)<!\[CDATA\[.*?\]\]>", Tok(T::CommentPreproc), ""),
    r(r"(?s)<!--.*?-->", Tok(T::CommentMultiline), ""),
    r(r"(?s)<\?.*?\?>", Tok(T::CommentPreproc), ""),
    r(r"<![^>]*>", Tok(T::CommentPreproc), ""),
    r(r"<\s*[\w:.-]+", Tok(T::NameTag), "tag"),
    r(r"<\s*/\s*[\w:.-]+\s*>", Tok(T::NameTag), ""),
];

const XML_TAG: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"[\w.:-]+\s*=", Tok(T::NameAttribute), "attr"),
    r(r"/?\s*>", Tok(T::NameTag), "#pop"),
];

const XML_ATTR: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r#"(?s)".*?""#, Tok(T::LiteralString), "#pop"),
    r(r"(?s)'.*?'", Tok(T::LiteralString), "#pop"),
    r(r"[^\s>]+", Tok(T::LiteralString), "#pop"),
];
