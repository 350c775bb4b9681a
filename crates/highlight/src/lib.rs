//! Folio's code highlighter: code in, tokens with Pygments' token types (and so its CSS
//! classes) out, for the languages blogs use, so Folio's preview colours code as
//! Pelican's Pygments does, with no Python in the keystroke path.
//!
//! 1. [`pygments_lexer`] finds a language by Pygments' names and aliases (generated).
//! 2. [`tokens`] splits a text into tokens covering all of it. Most languages are rule
//!    tables in `grammar/` run by `engine` (states with ordered rules, like Pygments'
//!    `RegexLexer`, on linear-time automata); console sessions are in `session`,
//!    reStructuredText (whose rules repeat captured text) in `rst`;
//!    languages without a grammar yet, and unknown ones, are plain text, as Pelican
//!    shows an unknown language.
//!
//! Lexing never fails and never panics: text no rule matches becomes `Error` tokens, as
//! in Pygments. A final newline is added for lexing as Pygments does; other input
//! preparation (`\r\n` to `\n`, stripping blank lines) is the caller's.

mod engine;
mod grammar;
mod language;
mod rst;
mod session;
mod token_type;

use std::ops::Range;
use std::sync::OnceLock;

pub use language::{pygments_lexer, PygmentsLexer};
pub use token_type::TokenType;

use engine::{Compiled, Tok};

/// How deep one language may hand text to another (HTML to JavaScript, a console
/// session to Bash); deeper text stays plain. Grammars refer to each other without cycles
/// today; the limit keeps a future cycle from recursing without bound.
pub(crate) const MAX_NESTING: usize = 4;

/// A language Folio lexes itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Text,
    Python,
    PythonConsole,
    PythonTraceback,
    Bash,
    BashSession,
    Json,
    Ini,
    Toml,
    Yaml,
    Javascript,
    Typescript,
    Css,
    Html,
    Xml,
    Go,
    Diff,
    Rust,
    Java,
    C,
    Cpp,
    Sql,
    Docker,
    Nginx,
    Make,
    BaseMake,
    Tex,
    Erlang,
    Haskell,
    Kotlin,
    Powershell,
    Swift,
    Ruby,
    Php,
    Scala,
    Elixir,
    CommonLisp,
    EmacsLisp,
    Groff,
    Rst,
}

impl Language {
    /// Every language, in the order of the enum (`ALL[i] as usize == i`).
    pub const ALL: [Language; 40] = [
        Language::Text,
        Language::Python,
        Language::PythonConsole,
        Language::PythonTraceback,
        Language::Bash,
        Language::BashSession,
        Language::Json,
        Language::Ini,
        Language::Toml,
        Language::Yaml,
        Language::Javascript,
        Language::Typescript,
        Language::Css,
        Language::Html,
        Language::Xml,
        Language::Go,
        Language::Diff,
        Language::Rust,
        Language::Java,
        Language::C,
        Language::Cpp,
        Language::Sql,
        Language::Docker,
        Language::Nginx,
        Language::Make,
        Language::BaseMake,
        Language::Tex,
        Language::Erlang,
        Language::Haskell,
        Language::Kotlin,
        Language::Powershell,
        Language::Swift,
        Language::Ruby,
        Language::Php,
        Language::Scala,
        Language::Elixir,
        Language::CommonLisp,
        Language::EmacsLisp,
        Language::Groff,
        Language::Rst,
    ];
    /// The language for a Pygments alias (`py`, `console`, …); `None` for an alias
    /// Pygments does not know or a lexer Folio does not have.
    pub fn find(alias: &str) -> Option<Language> {
        let lexer = pygments_lexer(alias)?;
        Some(match lexer.name {
            "Text only" => Language::Text,
            "Python" => Language::Python,
            "Python console session" => Language::PythonConsole,
            "Python Traceback" => Language::PythonTraceback,
            "Bash" => Language::Bash,
            "Bash Session" => Language::BashSession,
            "JSON" => Language::Json,
            "INI" => Language::Ini,
            "TOML" => Language::Toml,
            "YAML" => Language::Yaml,
            "Rust" => Language::Rust,
            "JavaScript" => Language::Javascript,
            "TypeScript" => Language::Typescript,
            "Go" => Language::Go,
            "Diff" => Language::Diff,
            "C" => Language::C,
            "C++" => Language::Cpp,
            "SQL" => Language::Sql,
            "Docker" => Language::Docker,
            "Nginx configuration file" => Language::Nginx,
            "Makefile" => Language::Make,
            "Base Makefile" => Language::BaseMake,
            "TeX" => Language::Tex,
            "Erlang" => Language::Erlang,
            "Haskell" => Language::Haskell,
            "Kotlin" => Language::Kotlin,
            "PowerShell" => Language::Powershell,
            "Swift" => Language::Swift,
            "Ruby" => Language::Ruby,
            "PHP" => Language::Php,
            "Java" => Language::Java,
            "CSS" => Language::Css,
            "HTML" => Language::Html,
            "XML" => Language::Xml,
            "Scala" => Language::Scala,
            "Elixir" => Language::Elixir,
            "Common Lisp" => Language::CommonLisp,
            "EmacsLisp" => Language::EmacsLisp,
            "Groff" => Language::Groff,
            "reStructuredText" => Language::Rst,
            _ => return None,
        })
    }

    fn grammar(self) -> Option<(usize, engine::Grammar)> {
        Some(match self {
            Language::Python => (0, grammar::python::GRAMMAR),
            Language::Bash => (1, grammar::bash::GRAMMAR),
            Language::Json => (2, grammar::json::GRAMMAR),
            Language::Ini => (3, grammar::ini::GRAMMAR),
            Language::Toml => (4, grammar::toml::GRAMMAR),
            Language::Yaml => (5, grammar::yaml::GRAMMAR),
            Language::PythonTraceback => (6, grammar::pytb::GRAMMAR),
            Language::Javascript => (7, grammar::javascript::JAVASCRIPT),
            Language::Typescript => (8, grammar::javascript::TYPESCRIPT),
            Language::Css => (9, grammar::css::GRAMMAR),
            Language::Html => (10, grammar::markup::HTML),
            Language::Xml => (11, grammar::markup::XML),
            Language::Go => (12, grammar::go::GRAMMAR),
            Language::Diff => (13, grammar::diff::GRAMMAR),
            Language::Rust => (14, grammar::rust::GRAMMAR),
            Language::Java => (15, grammar::java::GRAMMAR),
            Language::C => (16, grammar::c::C),
            Language::Cpp => (17, grammar::c::CPP),
            Language::Sql => (18, grammar::sql::GRAMMAR),
            Language::Docker => (19, grammar::docker::GRAMMAR),
            Language::Nginx => (20, grammar::nginx::GRAMMAR),
            Language::BaseMake => (21, grammar::make::GRAMMAR),
            Language::Tex => (22, grammar::tex::GRAMMAR),
            Language::Erlang => (23, grammar::erlang::GRAMMAR),
            Language::Haskell => (24, grammar::haskell::GRAMMAR),
            Language::Kotlin => (25, grammar::kotlin::GRAMMAR),
            Language::Powershell => (26, grammar::powershell::GRAMMAR),
            Language::Swift => (27, grammar::swift::GRAMMAR),
            Language::Ruby => (28, grammar::ruby::GRAMMAR),
            Language::Scala => (30, grammar::scala::GRAMMAR),
            Language::Elixir => (31, grammar::elixir::GRAMMAR),
            Language::CommonLisp => (32, grammar::lisp::COMMON_LISP),
            Language::EmacsLisp => (33, grammar::lisp::EMACS_LISP),
            Language::Php => (29, grammar::php::GRAMMAR),
            Language::Groff => (34, grammar::groff::GRAMMAR),
            _ => return None,
        })
    }
}

/// One slot per grammar, filled on first use.
const GRAMMARS: usize = 35;
static COMPILED: [OnceLock<Option<Compiled>>; GRAMMARS] = [const { OnceLock::new() }; GRAMMARS];

fn compiled(slot: usize, grammar: engine::Grammar) -> Option<&'static Compiled> {
    COMPILED.get(slot)?.get_or_init(|| engine::compile(grammar).ok()).as_ref()
}

/// Splits `text` into tokens covering all of it, in order, as the Pygments lexer named
/// `lang` (a name or alias) would; unknown languages give one `Text` token.
pub fn tokens<'t>(lang: &str, text: &'t str) -> Vec<(TokenType, &'t str)> {
    let lang = Language::find(lang).unwrap_or(Language::Text);
    tokens_of(lang, text)
}

/// [`tokens`] for a language already looked up.
///
/// A text without a final newline is lexed with one added, as Pygments always lexes
/// (its `ensurenl`): its rules expect lines to end, and a last line without its newline
/// would otherwise be rescanned at every position.
pub fn tokens_of(lang: Language, text: &str) -> Vec<(TokenType, &str)> {
    let mut out = Vec::new();
    if text.is_empty() || text.ends_with('\n') {
        lex_into(lang, text, 0..text.len(), 0, &mut out);
    } else {
        let mut owned = String::with_capacity(text.len() + 1);
        owned.push_str(text);
        owned.push('\n');
        lex_into(lang, &owned, 0..owned.len(), 0, &mut out);
    }
    out.into_iter()
        .filter_map(|(t, r)| {
            let r = r.start.min(text.len())..r.end.min(text.len());
            (!r.is_empty()).then(|| (t, &text[r]))
        })
        .collect()
}

/// Appends the tokens of `text[range]` lexed as `lang`.
pub(crate) fn lex_into(
    lang: Language,
    text: &str,
    range: Range<usize>,
    depth: usize,
    out: &mut Vec<Tok>,
) {
    if range.is_empty() {
        return;
    }
    if depth > MAX_NESTING {
        out.push((TokenType::Text, range));
        return;
    }
    match lang {
        Language::PythonConsole => session::python_console(text, range, depth, out),
        Language::BashSession => session::shell_session(text, range, depth, out),
        Language::Make => session::makefile(text, range, depth, out),
        Language::Rst => rst::restructuredtext(text, range, depth, out),
        _ => match lang.grammar().and_then(|(slot, g)| compiled(slot, g)) {
            Some(c) => c.lex(text, range, depth, out),
            None => out.push((TokenType::Text, range)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The languages lexed by code of their own (sessions hand their input and output to
    /// other languages; a Makefile's recipes go to Bash) rather than by one grammar.
    const WITHOUT_GRAMMAR: [Language; 5] = [
        Language::Text,
        Language::PythonConsole,
        Language::BashSession,
        Language::Make,
        Language::Rst,
    ];

    #[test]
    fn every_grammar_compiles() {
        let mut slots: Vec<usize> = Vec::new();
        for lang in Language::ALL.into_iter().filter(|l| !WITHOUT_GRAMMAR.contains(l)) {
            let Some((slot, g)) = lang.grammar() else { panic!("{lang:?} has no grammar") };
            if let Err(e) = engine::check(g) {
                panic!("{lang:?}: {}", e.0);
            }
            slots.push(slot);
        }
        slots.sort_unstable();
        assert_eq!(slots, (0..GRAMMARS).collect::<Vec<_>>(), "one slot per grammar");
    }

    #[test]
    fn all_lists_every_language_once_in_the_enums_order() {
        for (i, lang) in Language::ALL.into_iter().enumerate() {
            assert_eq!(lang as usize, i, "{lang:?} is out of place in Language::ALL");
        }
    }

    #[test]
    fn every_language_blogs_use_is_found_by_its_pygments_aliases() {
        // The languages of issue 15, by the aliases posts write.
        for alias in [
            "python",
            "py",
            "pycon",
            "console",
            "bash",
            "sh",
            "shell",
            "shell-session",
            "text",
            "json",
            "yaml",
            "toml",
            "ini",
            "javascript",
            "js",
            "typescript",
            "ts",
            "html",
            "css",
            "xml",
            "c",
            "cpp",
            "c++",
            "java",
            "go",
            "rust",
            "rs",
            "scala",
            "erlang",
            "elixir",
            "ex",
            "haskell",
            "hs",
            "ruby",
            "rb",
            "php",
            "sql",
            "diff",
            "udiff",
            "dockerfile",
            "docker",
            "make",
            "makefile",
            "nginx",
            "elisp",
            "emacs-lisp",
            "lisp",
            "common-lisp",
            "latex",
            "tex",
            "powershell",
            "ps1",
            "kotlin",
            "swift",
            "man",
            "groff",
            "rst",
            "restructuredtext",
        ] {
            let lang = Language::find(alias);
            assert!(lang.is_some(), "{alias} is not found");
            let lexed = lang.is_some_and(|l| WITHOUT_GRAMMAR.contains(&l) || l.grammar().is_some());
            assert!(lexed, "{alias} has no lexer");
        }
    }

    #[test]
    fn an_unknown_language_is_one_text_token() {
        assert_eq!(tokens("nosuchlanguage", "a = 1\n"), vec![(TokenType::Text, "a = 1\n")]);
    }

    #[test]
    fn aliases_are_found_without_regard_to_case() {
        assert_eq!(Language::find("PY"), Some(Language::Python));
        assert_eq!(Language::find("shell-session"), Some(Language::BashSession));
        assert_eq!(Language::find("yml"), None);
    }
}
