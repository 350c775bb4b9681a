//! Erlang, as Pygments' `erlang` lexer tokenizes it. Pygments' function-name rule looks
//! behind for a `:`; here a `:` pushes `after-colon`, where that rule is tried first.

use crate::engine::Action::{By, Include, Tok};
use crate::engine::Part::T as P;
use crate::engine::{r, Grammar, Rule};
use crate::token_type::TokenType as T;

pub(crate) const GRAMMAR: Grammar = &[
    ("root", ROOT),
    ("after-colon", AFTER_COLON),
    ("string", STRING),
    ("directive", DIRECTIVE),
    ("map_key", MAP_KEY),
    ("map_val", MAP_VAL),
];

macro_rules! atom {
    () => {
        r"(?:[a-z]\w*|'[^\n']*[^\\]')"
    };
}
macro_rules! escape {
    () => {
        r#"(?:\\(?:[bdefnrstv'"\\]|[0-7][0-7]?[0-7]?|(?:x[0-9a-fA-F]{2}|x\{[0-9a-fA-F]+\})|\^[a-zA-Z]))"#
    };
}
macro_rules! macro_name {
    () => {
        r"(?:(?:[A-Z_]\w*)|(?:[a-z]\w*|'[^\n']*[^\\]'))"
    };
}

const ROOT: &[Rule] = &[
    r(r"\s+", Tok(T::TextWhitespace), ""),
    r(r"(%.*)(\n)", By(&[P(T::Comment), P(T::TextWhitespace)]), ""),
    r(
        r"(?:after|begin|case|catch|cond|end|fun|if|let|of|query|receive|try|when)\b",
        Tok(T::Keyword),
        "",
    ),
    r(
        r"(?:abs|append_element|apply|atom_to_list|binary_to_list|bitstring_to_list|binary_to_term|bit_size|bump_reductions|byte_size|cancel_timer|check_process_code|delete_module|demonitor|disconnect_node|display|element|erase|exit|float|float_to_list|fun_info|fun_to_list|function_exported|garbage_collect|get|get_keys|group_leader|hash|hd|integer_to_list|iolist_to_binary|iolist_size|is_atom|is_binary|is_bitstring|is_boolean|is_builtin|is_float|is_function|is_integer|is_list|is_number|is_pid|is_port|is_process_alive|is_record|is_reference|is_tuple|length|link|list_to_atom|list_to_binary|list_to_bitstring|list_to_existing_atom|list_to_float|list_to_integer|list_to_pid|list_to_tuple|load_module|localtime_to_universaltime|make_tuple|md5|md5_final|md5_update|memory|module_loaded|monitor|monitor_node|node|nodes|open_port|phash|phash2|pid_to_list|port_close|port_command|port_connect|port_control|port_call|port_info|port_to_list|process_display|process_flag|process_info|purge_module|put|read_timer|ref_to_list|register|resume_process|round|send|send_after|send_nosuspend|set_cookie|setelement|size|spawn|spawn_link|spawn_monitor|spawn_opt|split_binary|start_timer|statistics|suspend_process|system_flag|system_info|system_monitor|system_profile|term_to_binary|tl|trace|trace_delivered|trace_info|trace_pattern|trunc|tuple_size|tuple_to_list|universaltime_to_localtime|unlink|unregister|whereis)\b",
        Tok(T::NameBuiltin),
        "",
    ),
    r(
        r"(?:and|andalso|band|bnot|bor|bsl|bsr|bxor|div|not|or|orelse|rem|xor)\b",
        Tok(T::OperatorWord),
        "",
    ),
    r(r"^-", Tok(T::Punctuation), "directive"),
    r(r"\+\+?|--?|\*|/|<|>|/=|=:=|=/=|=<|>=|==?|<-|!|\?", Tok(T::Operator), ""),
    r(r#"""#, Tok(T::LiteralString), "string"),
    r(r"<<|>>", Tok(T::NameLabel), ""),
    r(concat!("(", atom!(), ")(:)"), By(&[P(T::NameNamespace), P(T::Punctuation)]), "after-colon"),
    r(
        concat!("^(", atom!(), r")(\s*)(\()"),
        By(&[P(T::NameFunction), P(T::TextWhitespace), P(T::Punctuation)]),
        "",
    ),
    r(r"[+-]?(?:[2-9]|[12][0-9]|3[0-6])#[0-9a-zA-Z]+", Tok(T::LiteralNumberInteger), ""),
    r(r"[+-]?\d+", Tok(T::LiteralNumberInteger), ""),
    r(r":", Tok(T::Punctuation), "after-colon"),
    r(r#"[\]\[_@".{}()|;,]"#, Tok(T::Punctuation), ""),
    r(r"[A-Z_]\w*", Tok(T::NameVariable), ""),
    r(atom!(), Tok(T::Name), ""),
    r(concat!(r"\?", macro_name!()), Tok(T::NameConstant), ""),
    r(concat!(r"\$(?:", escape!(), r"|\\[ %]|[^\\])"), Tok(T::LiteralStringChar), ""),
    r(concat!("#", atom!(), r"(?::?\.", atom!(), ")?"), Tok(T::NameLabel), ""),
    r(r"\A#!.+\n", Tok(T::CommentHashbang), ""),
    r(r"#\{", Tok(T::Punctuation), "map_key"),
];

const AFTER_COLON: &[Rule] = &[
    // Keywords, builtins and word operators come before function names in `root`.
    r(
        concat!(
            "(?=",
            r"(?:after|begin|case|catch|cond|end|fun|if|let|of|query|receive|try|when)\b)"
        ),
        Tok(T::Text),
        "#pop",
    ),
    r(
        concat!(
            "(?=",
            r"(?:abs|append_element|apply|atom_to_list|binary_to_list|bitstring_to_list|binary_to_term|bit_size|bump_reductions|byte_size|cancel_timer|check_process_code|delete_module|demonitor|disconnect_node|display|element|erase|exit|float|float_to_list|fun_info|fun_to_list|function_exported|garbage_collect|get|get_keys|group_leader|hash|hd|integer_to_list|iolist_to_binary|iolist_size|is_atom|is_binary|is_bitstring|is_boolean|is_builtin|is_float|is_function|is_integer|is_list|is_number|is_pid|is_port|is_process_alive|is_record|is_reference|is_tuple|length|link|list_to_atom|list_to_binary|list_to_bitstring|list_to_existing_atom|list_to_float|list_to_integer|list_to_pid|list_to_tuple|load_module|localtime_to_universaltime|make_tuple|md5|md5_final|md5_update|memory|module_loaded|monitor|monitor_node|node|nodes|open_port|phash|phash2|pid_to_list|port_close|port_command|port_connect|port_control|port_call|port_info|port_to_list|process_display|process_flag|process_info|purge_module|put|read_timer|ref_to_list|register|resume_process|round|send|send_after|send_nosuspend|set_cookie|setelement|size|spawn|spawn_link|spawn_monitor|spawn_opt|split_binary|start_timer|statistics|suspend_process|system_flag|system_info|system_monitor|system_profile|term_to_binary|tl|trace|trace_delivered|trace_info|trace_pattern|trunc|tuple_size|tuple_to_list|universaltime_to_localtime|unlink|unregister|whereis)\b)"
        ),
        Tok(T::Text),
        "#pop",
    ),
    r(
        concat!("(?=", r"(?:and|andalso|band|bnot|bor|bsl|bsr|bxor|div|not|or|orelse|rem|xor)\b)"),
        Tok(T::Text),
        "#pop",
    ),
    r(
        concat!("(", atom!(), r")(\s*)(\()"),
        By(&[P(T::NameFunction), P(T::TextWhitespace), P(T::Punctuation)]),
        "#pop",
    ),
    r("", Tok(T::Text), "#pop"),
];

const STRING: &[Rule] = &[
    r(escape!(), Tok(T::LiteralStringEscape), ""),
    r(r#"""#, Tok(T::LiteralString), "#pop"),
    r(r"~[0-9.*]*[~#+BPWXb-ginpswx]", Tok(T::LiteralStringInterpol), ""),
    r(r#"[^"\\~]+"#, Tok(T::LiteralString), ""),
    r(r"~", Tok(T::LiteralString), ""),
];

const DIRECTIVE: &[Rule] = &[
    r(
        concat!(r"(define)(\s*)(\()(", macro_name!(), ")"),
        By(&[P(T::NameEntity), P(T::TextWhitespace), P(T::Punctuation), P(T::NameConstant)]),
        "#pop",
    ),
    r(
        concat!(r"(record)(\s*)(\()(", macro_name!(), ")"),
        By(&[P(T::NameEntity), P(T::TextWhitespace), P(T::Punctuation), P(T::NameLabel)]),
        "#pop",
    ),
    r(atom!(), Tok(T::NameEntity), "#pop"),
];

const MAP_KEY: &[Rule] = &[
    r("", Include("root"), ""),
    r(r"=>", Tok(T::Punctuation), "map_val"),
    r(r":=", Tok(T::Punctuation), "map_val"),
    r(r"\}", Tok(T::Punctuation), "#pop"),
];

const MAP_VAL: &[Rule] = &[
    r("", Include("root"), ""),
    r(r",", Tok(T::Punctuation), "#pop"),
    r(r"(?=\})", Tok(T::Punctuation), "#pop"),
];
