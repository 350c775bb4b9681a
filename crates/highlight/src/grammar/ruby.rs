//! Ruby, as Pygments' `ruby` lexer tokenizes it. Three of Pygments' rules need what the
//! `regex` engines lack, and are rewritten:
//! - percent literals with any delimiter (`%q|…|`, `%r!…!`) use a backreference to the
//!   delimiter; here each common delimiter has its own rule (`percent!`);
//! - a here-document's body is found by a callback that remembers its terminator; here
//!   the rest of the opening line is lexed as code (`heredoc-line`) and the body runs to
//!   the first line that is one bare word (`heredoc-body`), which is how terminators look;
//! - the regex-after-keyword lookbehinds (`when /x/`) are left to the rule for a `/`
//!   after whitespace, which covers them unless the regex starts with a space.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::{S, T as P};
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("funcname", FUNCNAME),
    ("classname", CLASSNAME),
    ("defexpr", DEFEXPR),
    ("in-intp", IN_INTP),
    ("string-intp", STRING_INTP),
    ("string-intp-escaped", STRING_INTP_ESCAPED),
    ("interpolated-regex", INTERPOLATED_REGEX),
    ("interpolated-string", INTERPOLATED_STRING),
    ("multiline-regex", MULTILINE_REGEX),
    ("end-part", END_PART),
    ("heredoc-line", HEREDOC_LINE),
    ("heredoc-body", HEREDOC_BODY),
    ("strings", STRINGS),
    ("simple-string-double", SIMPLE_STRING_DOUBLE),
    ("simple-string-single", SIMPLE_STRING_SINGLE),
    ("simple-sym", SIMPLE_SYM),
    ("simple-backtick", SIMPLE_BACKTICK),
    ("cb-intp-string", CB_INTP_STRING),
    ("cb-string", CB_STRING),
    ("cb-regex", CB_REGEX),
    ("sb-intp-string", SB_INTP_STRING),
    ("sb-string", SB_STRING),
    ("sb-regex", SB_REGEX),
    ("pa-intp-string", PA_INTP_STRING),
    ("pa-string", PA_STRING),
    ("pa-regex", PA_REGEX),
    ("ab-intp-string", AB_INTP_STRING),
    ("ab-string", AB_STRING),
    ("ab-regex", AB_REGEX),
];

/// Ruby's operator method names, as `:sym` or after `.`/`::`, longest first.
macro_rules! operators {
    () => {
        r"(?:\[\]=|<=>|===|\*\*|-@|\+@|\[\]|<<|>>|<>|>=|==|\*|-|\+|/|%|&|\||\^|`|~|<|>)"
    };
}

const ROOT: &[Rule] = &[
    r(r"\A#!.+?$", Tok(T::CommentHashbang), ""),
    r(r"#.*?$", Tok(T::CommentSingle), ""),
    r(r"(?s)=begin\s.*?\n=end.*?$", Tok(T::CommentMultiline), ""),
    r(
        r"(?:BEGIN|END|alias|begin|break|case|defined\?|do|else|elsif|end|ensure|for|if|in|next|redo|rescue|raise|retry|return|super|then|undef|unless|until|when|while|yield)\b",
        Tok(T::Keyword),
        "",
    ),
    r(
        r"(module)(\s+)([a-zA-Z_]\w*(?:::[a-zA-Z_]\w*)*)",
        By(&[P(T::Keyword), P(T::TextWhitespace), P(T::NameNamespace)]),
        "",
    ),
    r(r"(def)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "funcname"),
    r(r"def(?=[*%&^`~+-/\[<>=])", Tok(T::Keyword), "funcname"),
    r(r"(class)(\s+)", By(&[P(T::Keyword), P(T::TextWhitespace)]), "classname"),
    r(
        r"(?:initialize|new|loop|include|extend|raise|attr_reader|attr_writer|attr_accessor|attr|catch|throw|private|module_function|public|protected|true|false|nil)\b",
        Tok(T::KeywordPseudo),
        "",
    ),
    r(r"(?:not|and|or)\b", Tok(T::OperatorWord), ""),
    r(
        r"(?:autoload|block_given|const_defined|eql|equal|frozen|include|instance_of|is_a|iterator|kind_of|method_defined|nil|private_method_defined|protected_method_defined|public_method_defined|respond_to|tainted)\?",
        Tok(T::NameBuiltin),
        "",
    ),
    r(r"(?:chomp|chop|exit|gsub|sub)!", Tok(T::NameBuiltin), ""),
    r(
        r"(?<!\.)(?:Array|Float|Integer|String|__id__|__send__|abort|ancestors|at_exit|autoload|binding|callcc|caller|catch|chomp|chop|class_eval|class_variables|clone|const_defined\?|const_get|const_missing|const_set|constants|display|dup|eval|exec|exit|extend|fail|fork|format|freeze|getc|gets|global_variables|gsub|hash|id|included_modules|inspect|instance_eval|instance_method|instance_methods|instance_variable_get|instance_variable_set|instance_variables|lambda|load|local_variables|loop|method|method_missing|methods|module_eval|name|object_id|open|p|print|printf|private_class_method|private_instance_methods|private_methods|proc|protected_instance_methods|protected_methods|public_class_method|public_instance_methods|public_methods|putc|puts|raise|rand|readline|readlines|require|scan|select|self|send|set_trace_func|singleton_methods|sleep|split|sprintf|srand|sub|syscall|system|taint|test|throw|to_a|to_s|trace_var|trap|untaint|untrace_var|warn)\b",
        Tok(T::NameBuiltin),
        "",
    ),
    r(r"__(?:FILE|LINE)__\b", Tok(T::NameBuiltinPseudo), ""),
    // Here-documents: the opener, then the rest of its line as code, then the body.
    r(
        r#"(?<!\w)(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(["`']?)"#,
        By(&[
            P(T::Operator),
            P(T::LiteralStringHeredoc),
            P(T::LiteralStringDelimiter),
            P(T::LiteralStringHeredoc),
        ]),
        "heredoc-body heredoc-line",
    ),
    r(r"__END__", Tok(T::CommentPreproc), "end-part"),
    r(r"(?<=[=<>~!:])(\s*)(/)", By(&[P(T::Text), P(T::LiteralStringRegex)]), "multiline-regex"),
    r(r"^(\s*)(/)", By(&[P(T::Text), P(T::LiteralStringRegex)]), "multiline-regex"),
    r(r"(?<=[(,\[])/", Tok(T::LiteralStringRegex), "multiline-regex"),
    r(
        r"(\s+)(/)(?![\s=])",
        By(&[P(T::TextWhitespace), P(T::LiteralStringRegex)]),
        "multiline-regex",
    ),
    r(
        r"(0_?[0-7]+(?:_[0-7]+)*)(\s*)([/?])?",
        By(&[P(T::LiteralNumberOct), P(T::TextWhitespace), P(T::Operator)]),
        "",
    ),
    r(
        r"(0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*)(\s*)([/?])?",
        By(&[P(T::LiteralNumberHex), P(T::TextWhitespace), P(T::Operator)]),
        "",
    ),
    r(
        r"(0b[01]+(?:_[01]+)*)(\s*)([/?])?",
        By(&[P(T::LiteralNumberBin), P(T::TextWhitespace), P(T::Operator)]),
        "",
    ),
    r(
        r"([\d]+(?:_\d+)*)(\s*)([/?])?",
        By(&[P(T::LiteralNumberInteger), P(T::TextWhitespace), P(T::Operator)]),
        "",
    ),
    r(r"@@[a-zA-Z_]\w*", Tok(T::NameVariableClass), ""),
    r(r"@[a-zA-Z_]\w*", Tok(T::NameVariableInstance), ""),
    r(r"\$\w+", Tok(T::NameVariableGlobal), ""),
    r(r#"\$[!@&`'+~=/\\,;.<>_*$?:"^-]"#, Tok(T::NameVariableGlobal), ""),
    r(r"\$-[0adFiIlpvw]", Tok(T::NameVariableGlobal), ""),
    r(r"::", Tok(T::Operator), ""),
    r("", Include("strings"), ""),
    r(
        r#"\?(?:\\[MC]-)*(?:\\(?:[\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)"#,
        Tok(T::LiteralStringChar),
        "",
    ),
    r(r"[A-Z]\w+", Tok(T::NameConstant), ""),
    r(concat!(r"(\.|::)(", operators!(), ")"), By(&[P(T::Operator), P(T::NameOperator)]), ""),
    r(r"(\.|::)([a-zA-Z_]\w*[!?]?|[*%&^`~+\-/\[<>=])", By(&[P(T::Operator), P(T::Name)]), ""),
    r(r"[a-zA-Z_]\w*[!?]?", Tok(T::Name), ""),
    r(r"(?:\[|\]|\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.{1,3})", Tok(T::Operator), ""),
    r(r"[-+/*%=<>&!^|~]=?", Tok(T::Operator), ""),
    r(r"[(){};,/?:\\]", Tok(T::Punctuation), ""),
    r(r"\s+", Tok(T::TextWhitespace), ""),
];

const FUNCNAME: &[Rule] = &[
    r(r"\(", Tok(T::Punctuation), "defexpr"),
    r(
        r"(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z\x{80}-\x{ffff}][a-zA-Z0-9_\x{80}-\x{ffff}]*[!?=]?|!=|!~|=~|\*\*?|[-+!~]@?|[/%&|^]|<=>|<[<=]?|>[>=]?|===?|\[\]=?|`)",
        By(&[P(T::NameClass), P(T::Operator), P(T::NameFunction)]),
        "#pop",
    ),
    r("", Tok(T::Text), "#pop"),
];

const CLASSNAME: &[Rule] = &[
    r(r"\(", Tok(T::Punctuation), "defexpr"),
    r(r"<<", Tok(T::Operator), "#pop"),
    r(r"[A-Z_]\w*", Tok(T::NameClass), "#pop"),
    r("", Tok(T::Text), "#pop"),
];

const DEFEXPR: &[Rule] = &[
    r(r"(\))(\.|::)?", By(&[P(T::Punctuation), P(T::Operator)]), "#pop"),
    r(r"\(", Tok(T::Operator), "#push"),
    r("", Include("root"), ""),
];

const IN_INTP: &[Rule] = &[
    r(r"\{", Tok(T::LiteralStringInterpol), "#push"),
    r(r"\}", Tok(T::LiteralStringInterpol), "#pop"),
    r("", Include("root"), ""),
];

const STRING_INTP: &[Rule] = &[
    r(r"#\{", Tok(T::LiteralStringInterpol), "in-intp"),
    r(r"#@@?[a-zA-Z_]\w*", Tok(T::LiteralStringInterpol), ""),
    r(r"#\$[a-zA-Z_]\w*", Tok(T::LiteralStringInterpol), ""),
];

const STRING_INTP_ESCAPED: &[Rule] = &[
    r("", Include("string-intp"), ""),
    r(r#"\\(?:[\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})"#, Tok(T::LiteralStringEscape), ""),
];

const INTERPOLATED_REGEX: &[Rule] = &[
    r("", Include("string-intp"), ""),
    r(r"[\\#]", Tok(T::LiteralStringRegex), ""),
    r(r"[^\\#]+", Tok(T::LiteralStringRegex), ""),
];

const INTERPOLATED_STRING: &[Rule] = &[
    r("", Include("string-intp"), ""),
    r(r"[\\#]", Tok(T::LiteralStringOther), ""),
    r(r"[^\\#]+", Tok(T::LiteralStringOther), ""),
];

const MULTILINE_REGEX: &[Rule] = &[
    r("", Include("string-intp"), ""),
    r(r"\\\\", Tok(T::LiteralStringRegex), ""),
    r(r"\\/", Tok(T::LiteralStringRegex), ""),
    r(r"[\\#]", Tok(T::LiteralStringRegex), ""),
    r(r"[^\\/#]+", Tok(T::LiteralStringRegex), ""),
    r(r"/[mixounse]*", Tok(T::LiteralStringRegex), "#pop"),
];

const END_PART: &[Rule] = &[r(r"(?s).+", Tok(T::CommentPreproc), "#pop")];

const HEREDOC_LINE: &[Rule] =
    &[r(r"[^\S\n]*\n", Tok(T::TextWhitespace), "#pop"), r("", Include("root"), "")];

const HEREDOC_BODY: &[Rule] = &[
    r(r"[^\S\n]*[a-zA-Z_]\w*[^\S\n]*\n", Tok(T::LiteralStringDelimiter), "#pop"),
    r(r".*\n", Tok(T::LiteralStringHeredoc), ""),
];

/// A percent literal with delimiter `$d` (its regex form) and `$n` (a class without it):
/// `%q`/`%s`/`%w` plain, `%r` a regex and `%Q`/`%W`/`%x`/`%` interpolated.
macro_rules! percent {
    ($d:literal, $n:literal) => {
        [
            r(
                concat!(r"(%r", $d, r")((?:\\", $d, r"|[^", $n, r"])*)(", $d, r"[mixounse]*)"),
                By(&[P(T::LiteralStringRegex), S("interpolated-regex"), P(T::LiteralStringRegex)]),
                "",
            ),
            r(
                concat!(r"%[qsw]", $d, r"(?:\\", $d, r"|[^", $n, r"])*", $d),
                Tok(T::LiteralStringOther),
                "",
            ),
            r(
                concat!(r"(%[QWx]?", $d, r")((?:\\", $d, r"|[^", $n, r"])*)(", $d, ")"),
                By(&[P(T::LiteralStringOther), S("interpolated-string"), P(T::LiteralStringOther)]),
                "",
            ),
        ]
    };
}

const PERCENT_BAR: [Rule; 3] = percent!(r"\|", r"\|");
const PERCENT_BANG: [Rule; 3] = percent!("!", "!");
const PERCENT_SLASH: [Rule; 3] = percent!("/", "/");
const PERCENT_DASH: [Rule; 3] = percent!("-", r"\-");
const PERCENT_CARET: [Rule; 3] = percent!(r"\^", r"\^");
const PERCENT_COLON: [Rule; 3] = percent!(":", ":");
const PERCENT_PLUS: [Rule; 3] = percent!(r"\+", "+");
const PERCENT_HASH: [Rule; 3] = percent!("#", "#");
const PERCENT_TILDE: [Rule; 3] = percent!("~", "~");
const PERCENT_DQUOTE: [Rule; 3] = percent!("\"", "\"");
const PERCENT_SQUOTE: [Rule; 3] = percent!("'", "'");
const PERCENT_AT: [Rule; 3] = percent!("@", "@");
const PERCENT_COMMA: [Rule; 3] = percent!(",", ",");
const PERCENT_DOT: [Rule; 3] = percent!(r"\.", ".");
const PERCENT_STAR: [Rule; 3] = percent!(r"\*", "*");
const PERCENT_EQ: [Rule; 3] = percent!("=", "=");
const PERCENT_SEMI: [Rule; 3] = percent!(";", ";");

const STRINGS: &[Rule] = &[
    r(r":@{0,2}[a-zA-Z_]\w*[!?]?", Tok(T::LiteralStringSymbol), ""),
    r(concat!(r":@{0,2}", operators!()), Tok(T::LiteralStringSymbol), ""),
    r(r":'(?:\\\\|\\[^\\]|[^'\\])*'", Tok(T::LiteralStringSymbol), ""),
    r(r#":""#, Tok(T::LiteralStringSymbol), "simple-sym"),
    r(r"([a-zA-Z_]\w*)(:)(?!:)", By(&[P(T::LiteralStringSymbol), P(T::Punctuation)]), ""),
    r(r#"""#, Tok(T::LiteralStringDouble), "simple-string-double"),
    r(r"'", Tok(T::LiteralStringSingle), "simple-string-single"),
    r(r"(?<!\.)`", Tok(T::LiteralStringBacktick), "simple-backtick"),
    r(r"%[QWx]?\{", Tok(T::LiteralStringOther), "cb-intp-string"),
    r(r"%[qsw]\{", Tok(T::LiteralStringOther), "cb-string"),
    r(r"%r\{", Tok(T::LiteralStringRegex), "cb-regex"),
    r(r"%[QWx]?\[", Tok(T::LiteralStringOther), "sb-intp-string"),
    r(r"%[qsw]\[", Tok(T::LiteralStringOther), "sb-string"),
    r(r"%r\[", Tok(T::LiteralStringRegex), "sb-regex"),
    r(r"%[QWx]?\(", Tok(T::LiteralStringOther), "pa-intp-string"),
    r(r"%[qsw]\(", Tok(T::LiteralStringOther), "pa-string"),
    r(r"%r\(", Tok(T::LiteralStringRegex), "pa-regex"),
    r(r"%[QWx]?<", Tok(T::LiteralStringOther), "ab-intp-string"),
    r(r"%[qsw]<", Tok(T::LiteralStringOther), "ab-string"),
    r(r"%r<", Tok(T::LiteralStringRegex), "ab-regex"),
    PERCENT_BAR[0],
    PERCENT_BANG[0],
    PERCENT_SLASH[0],
    PERCENT_DASH[0],
    PERCENT_CARET[0],
    PERCENT_COLON[0],
    PERCENT_PLUS[0],
    PERCENT_HASH[0],
    PERCENT_TILDE[0],
    PERCENT_DQUOTE[0],
    PERCENT_SQUOTE[0],
    PERCENT_AT[0],
    PERCENT_COMMA[0],
    PERCENT_DOT[0],
    PERCENT_STAR[0],
    PERCENT_EQ[0],
    PERCENT_SEMI[0],
    PERCENT_BAR[1],
    PERCENT_BANG[1],
    PERCENT_SLASH[1],
    PERCENT_DASH[1],
    PERCENT_CARET[1],
    PERCENT_COLON[1],
    PERCENT_PLUS[1],
    PERCENT_HASH[1],
    PERCENT_TILDE[1],
    PERCENT_DQUOTE[1],
    PERCENT_SQUOTE[1],
    PERCENT_AT[1],
    PERCENT_COMMA[1],
    PERCENT_DOT[1],
    PERCENT_STAR[1],
    PERCENT_EQ[1],
    PERCENT_SEMI[1],
    // `%Q|…|`; the bare `%|…|` form comes after the space forms below, as in Pygments,
    // but no space form takes a delimiter these take, so the order is kept per rule.
    PERCENT_BAR[2],
    PERCENT_BANG[2],
    PERCENT_SLASH[2],
    PERCENT_DASH[2],
    PERCENT_CARET[2],
    PERCENT_COLON[2],
    PERCENT_PLUS[2],
    PERCENT_HASH[2],
    PERCENT_TILDE[2],
    PERCENT_DQUOTE[2],
    PERCENT_SQUOTE[2],
    PERCENT_AT[2],
    PERCENT_COMMA[2],
    PERCENT_DOT[2],
    PERCENT_STAR[2],
    PERCENT_EQ[2],
    PERCENT_SEMI[2],
    // `% text ` (a space or tab as the delimiter) after an operator or at a line start.
    r(
        r"(?<=[-+/*%=<>&!^|~,(])(\s*)(% (?:\\ |[^ ])* )",
        By(&[P(T::TextWhitespace), P(T::LiteralStringOther)]),
        "",
    ),
    r(
        r"(?<=[-+/*%=<>&!^|~,(])(\s*)(%\t(?:\\\t|[^\t])*\t)",
        By(&[P(T::TextWhitespace), P(T::LiteralStringOther)]),
        "",
    ),
    r(r"^(\s*)(% (?:\\ |[^ ])* )", By(&[P(T::TextWhitespace), P(T::LiteralStringOther)]), ""),
    r(r"^(\s*)(%\t(?:\\\t|[^\t])*\t)", By(&[P(T::TextWhitespace), P(T::LiteralStringOther)]), ""),
];

/// A quoted string or symbol: interpolation and escapes inside, `end` closes.
macro_rules! simple {
    ($t:expr, $body:literal, $end:literal) => {
        &[
            r("", Include("string-intp-escaped"), ""),
            r($body, Tok($t), ""),
            r(r"[\\#]", Tok($t), ""),
            r($end, Tok($t), "#pop"),
        ]
    };
}

const SIMPLE_STRING_DOUBLE: &[Rule] = simple!(T::LiteralStringDouble, r##"[^\\"#]+"##, "\"");
const SIMPLE_STRING_SINGLE: &[Rule] = simple!(T::LiteralStringSingle, r"[^\\'#]+", "'");
const SIMPLE_SYM: &[Rule] = simple!(T::LiteralStringSymbol, r##"[^\\"#]+"##, "\"");
const SIMPLE_BACKTICK: &[Rule] = simple!(T::LiteralStringBacktick, r"[^\\`#]+", "`");

/// The three states of a bracketed percent literal: interpolated string, plain string,
/// regex; `$l`/`$r` open and close, `$cc` is the pair inside a class.
macro_rules! braced {
    (intp, $l:literal, $r:literal, $cc:literal) => {
        &[
            r(concat!(r"\\[\\", $cc, "]"), Tok(T::LiteralStringOther), ""),
            r($l, Tok(T::LiteralStringOther), "#push"),
            r($r, Tok(T::LiteralStringOther), "#pop"),
            r("", Include("string-intp-escaped"), ""),
            r(concat!(r"[\\#", $cc, "]"), Tok(T::LiteralStringOther), ""),
            r(concat!(r"[^\\#", $cc, "]+"), Tok(T::LiteralStringOther), ""),
        ]
    };
    (plain, $l:literal, $r:literal, $cc:literal) => {
        &[
            r(concat!(r"\\[\\", $cc, "]"), Tok(T::LiteralStringOther), ""),
            r($l, Tok(T::LiteralStringOther), "#push"),
            r($r, Tok(T::LiteralStringOther), "#pop"),
            r(concat!(r"[\\#", $cc, "]"), Tok(T::LiteralStringOther), ""),
            r(concat!(r"[^\\#", $cc, "]+"), Tok(T::LiteralStringOther), ""),
        ]
    };
    (regex, $l:literal, $r:literal, $cc:literal) => {
        &[
            r(concat!(r"\\[\\", $cc, "]"), Tok(T::LiteralStringRegex), ""),
            r($l, Tok(T::LiteralStringRegex), "#push"),
            r(concat!($r, "[mixounse]*"), Tok(T::LiteralStringRegex), "#pop"),
            r("", Include("string-intp"), ""),
            r(concat!(r"[\\#", $cc, "]"), Tok(T::LiteralStringRegex), ""),
            r(concat!(r"[^\\#", $cc, "]+"), Tok(T::LiteralStringRegex), ""),
        ]
    };
}

const CB_INTP_STRING: &[Rule] = braced!(intp, r"\{", r"\}", "{}");
const CB_STRING: &[Rule] = braced!(plain, r"\{", r"\}", "{}");
const CB_REGEX: &[Rule] = braced!(regex, r"\{", r"\}", "{}");
const SB_INTP_STRING: &[Rule] = braced!(intp, r"\[", r"\]", r"\[\]");
const SB_STRING: &[Rule] = braced!(plain, r"\[", r"\]", r"\[\]");
const SB_REGEX: &[Rule] = braced!(regex, r"\[", r"\]", r"\[\]");
const PA_INTP_STRING: &[Rule] = braced!(intp, r"\(", r"\)", "()");
const PA_STRING: &[Rule] = braced!(plain, r"\(", r"\)", "()");
const PA_REGEX: &[Rule] = braced!(regex, r"\(", r"\)", "()");
const AB_INTP_STRING: &[Rule] = braced!(intp, "<", ">", "<>");
const AB_STRING: &[Rule] = braced!(plain, "<", ">", "<>");
const AB_REGEX: &[Rule] = braced!(regex, "<", ">", "<>");
