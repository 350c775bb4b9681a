//! The language a document is written in, docutils' `language_code`: the labels docutils
//! writes (admonition titles, the contents title, docinfo labels), the bibliographic field
//! names it recognises (a German post's `:Autor:` is its author), and the localized
//! directive and role names (`.. bemerkung::`). The tables are generated from docutils
//! (`language_tables.rs`, by `scripts/gen-languages.py`).

use crate::language_tables::{Table, ENGLISH, TABLES};

/// A language docutils has localisations for. The default is English.
#[derive(Clone, Copy)]
pub struct Language {
    /// The labels and bibliographic fields (docutils falls back to English for these).
    labels: &'static Table,
    /// The directive and role names; `None` when docutils has none for the language (every
    /// name is then looked up in English, as docutils does).
    parser: Option<&'static Table>,
}

impl std::fmt::Debug for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Language").field(&self.labels.code).finish()
    }
}

impl PartialEq for Language {
    fn eq(&self, other: &Language) -> bool {
        self.labels.code == other.labels.code
            && self.parser.map(|t| t.code) == other.parser.map(|t| t.code)
    }
}

impl Eq for Language {}

impl Default for Language {
    fn default() -> Language {
        Language::english()
    }
}

fn table(code: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.code == code)
}

fn lookup(pairs: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    pairs.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| pairs[i].1)
}

impl Language {
    /// English, docutils' default and its fallback.
    pub const ENGLISH: Language =
        Language { labels: &TABLES[ENGLISH], parser: Some(&TABLES[ENGLISH]) };

    /// English, docutils' default and its fallback.
    pub fn english() -> Language {
        Language::ENGLISH
    }

    /// The language for a BCP 47 tag (`de`, `de-AT`, `pt_BR`) as docutils finds its modules:
    /// the tag and its shorter combinations of subtags, longest first. `None` when docutils
    /// has no reST localisation for any of them (Pelican then warns and uses English).
    pub fn find(tag: &str) -> Option<Language> {
        let find_in = |want: fn(&Table) -> bool| {
            normalize_tag(tag)
                .iter()
                .find_map(|t| table(&t.replace('-', "_")).filter(|table| want(table)))
        };
        let parser = find_in(|t| t.directives.is_some())?;
        let labels = find_in(|t| t.labels.is_some()).unwrap_or(Language::english().labels);
        Some(Language { labels, parser: Some(parser) })
    }

    /// The module name of the language's labels (`de`, `pt_br`).
    pub fn code(&self) -> &'static str {
        self.labels.code
    }

    /// Every language code docutils ships.
    pub fn codes() -> impl Iterator<Item = &'static str> {
        TABLES.iter().map(|t| t.code)
    }

    /// The text docutils writes for `name` (`note`, `contents`, `author`): this language's,
    /// else English's, else nothing.
    pub fn label(&self, name: &str) -> &'static str {
        [self.labels, Language::ENGLISH.labels]
            .iter()
            .find_map(|t| t.labels.and_then(|labels| lookup(labels, name)))
            .unwrap_or("")
    }

    /// The canonical bibliographic field a field named `name` is, in this language
    /// (`autor` is `author` in German); `name` is the field name normalized (lowercase,
    /// single spaces).
    pub fn bibliographic_field(&self, name: &str) -> Option<&'static str> {
        lookup(self.labels.bibliographic_fields, name)
    }

    /// The characters an `authors` field is split at, tried in order.
    pub fn author_separators(&self) -> &'static [&'static str] {
        self.labels.author_separators
    }

    /// The canonical (English) name of directive `name` (lowercase): this language's
    /// name, else English's, else `name` itself, as docutils looks it up.
    pub fn directive<'n>(&self, name: &'n str) -> &'n str {
        self.canonical(name, |t| t.directives.unwrap_or(&[]))
    }

    /// The canonical (English) name of role `name` (lowercase), as [`Language::directive`].
    pub fn role<'n>(&self, name: &'n str) -> &'n str {
        self.canonical(name, |t| t.roles)
    }

    /// Every directive name a post in this language may write: the language's own names and
    /// English's, where docutils looks them up, sorted and without repeats (nor docutils'
    /// untranslated placeholders, which have spaces).
    pub fn directive_names(&self) -> Vec<&'static str> {
        self.names(|t| t.directives.unwrap_or(&[]))
    }

    /// Every role name a post in this language may write, as [`Language::directive_names`].
    pub fn role_names(&self) -> Vec<&'static str> {
        self.names(|t| t.roles)
    }

    fn names(
        &self,
        names: fn(&'static Table) -> &'static [(&'static str, &'static str)],
    ) -> Vec<&'static str> {
        let mut all: Vec<&'static str> = self
            .parser
            .into_iter()
            .chain(Language::ENGLISH.parser)
            .flat_map(|t| names(t).iter().map(|(name, _)| *name))
            // docutils' placeholders ("parsed-literal (translation required)") cannot be typed.
            .filter(|name| !name.contains(' '))
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    fn canonical<'n>(
        &self,
        name: &'n str,
        names: fn(&'static Table) -> &'static [(&'static str, &'static str)],
    ) -> &'n str {
        match self
            .parser
            .into_iter()
            .chain(Language::ENGLISH.parser)
            .find_map(|t| lookup(names(t), name))
        {
            Some(canonical) => canonical,
            None => name,
        }
    }
}

/// docutils' `normalize_language_tag`: the tag lowercased with `_` for `-`, then every
/// combination of its subtags after the first, longest first, and the first subtag alone.
/// A single-character subtag marks the next one as private (`x-altquot`) and stays with it.
fn normalize_tag(tag: &str) -> Vec<String> {
    let tag = tag.to_lowercase().replace('-', "_");
    let mut subtags: Vec<String> = Vec::new();
    let mut join_next = false;
    for part in tag.split('_') {
        match subtags.last_mut() {
            Some(last) if join_next => {
                last.push('-');
                last.push_str(part);
                join_next = false;
            }
            _ => {
                join_next = !subtags.is_empty() && part.chars().count() == 1;
                subtags.push(part.to_string());
            }
        }
    }
    let Some((base, rest)) = subtags.split_first() else { return Vec::new() };
    // A tag has a handful of subtags; more would be no language docutils knows.
    let rest = &rest[..rest.len().min(8)];
    let mut tags = Vec::new();
    for n in (1..=rest.len()).rev() {
        combinations(rest, n, &mut Vec::new(), 0, &mut |chosen| {
            let mut t = base.clone();
            for s in chosen {
                t.push('-');
                t.push_str(s);
            }
            tags.push(t);
        });
    }
    tags.push(base.clone());
    tags
}

/// Calls `each` with every `n`-element combination of `items` in order, as Python's
/// `itertools.combinations`.
fn combinations<'a>(
    items: &'a [String],
    n: usize,
    chosen: &mut Vec<&'a str>,
    from: usize,
    each: &mut dyn FnMut(&[&'a str]),
) {
    if chosen.len() == n {
        each(chosen);
        return;
    }
    for k in from..items.len() {
        chosen.push(&items[k]);
        combinations(items, n, chosen, k + 1, each);
        chosen.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_normalized_as_docutils_normalizes_them() {
        assert_eq!(normalize_tag("de_AT-1901"), ["de-at-1901", "de-at", "de-1901", "de"]);
        assert_eq!(
            normalize_tag("de-CH-x_altquot"),
            ["de-ch-x-altquot", "de-ch", "de-x-altquot", "de"]
        );
        assert_eq!(normalize_tag("en"), ["en"]);
    }

    #[test]
    fn a_regional_tag_finds_its_language_and_an_unknown_one_finds_none() {
        assert_eq!(Language::find("de-AT").map(|l| l.code()), Some("de"));
        assert_eq!(Language::find("pt-BR").map(|l| l.code()), Some("pt_br"));
        assert_eq!(Language::find("tlh"), None);
    }

    #[test]
    fn german_names_resolve_to_english_ones_and_english_names_still_work() {
        let de = Language::find("de").unwrap();
        assert_eq!(de.directive("notiz"), "note");
        assert_eq!(de.directive("note"), "note");
        assert_eq!(de.directive("einfügen"), "include");
        assert_eq!(de.directive("ditaa"), "ditaa");
        assert_eq!(de.role("fett"), "strong");
        assert_eq!(de.label("note"), "Bemerkung");
        assert_eq!(de.label("contents"), "Inhalt");
        assert_eq!(de.bibliographic_field("autor"), Some("author"));
        assert_eq!(Language::english().bibliographic_field("autor"), None);
    }
}
