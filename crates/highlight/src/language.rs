//! Language lookup by Pygments' lexer names and aliases (the table is generated from
//! Pygments' `get_all_lexers()`: `tools/generate.py tables`).

mod generated {
    include!("generated/lexers.rs");
}

/// A lexer Pygments knows, by its name (`Python`) and aliases (`python`, `py`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PygmentsLexer {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
}

/// The lexer Pygments' `get_lexer_by_name(alias)` finds: aliases compare without case
/// and outer whitespace. `None` where Pygments raises `ClassNotFound` (Pelican then
/// uses its plain-text lexer).
pub fn pygments_lexer(alias: &str) -> Option<PygmentsLexer> {
    let alias = alias.trim();
    generated::LEXERS
        .iter()
        .find(|(_, aliases)| aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)))
        .map(|&(name, aliases)| PygmentsLexer { name, aliases })
}
