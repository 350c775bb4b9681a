//! Spell checking for Folio: splits prose into words and checks them against Hunspell
//! dictionaries (through the pure-Rust `spellbook`), with the blog's own words accepted.
//!
//! It reads no file: the caller hands it a dictionary's `.aff` and `.dic` text and says
//! which byte ranges of a post are prose (`folio_rst::prose`). It never panics on any input.

mod dictionary;
mod words;

pub use dictionary::{Dictionary, DictionaryError};
pub use words::{words, Word};

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// How many suggestions a misspelling offers at most.
pub const MAX_SUGGESTIONS: usize = 6;

/// A word no dictionary in use accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misspelling {
    /// Its bytes in the text.
    pub range: Range<usize>,
    /// The word as written.
    pub word: String,
}

/// Checks words against one or more dictionaries (a word is right when any accepts it)
/// and a set of words the writer added. Remembers each word's answer, so checking the
/// same words again (a re-check after a keystroke) costs a lookup.
pub struct Checker {
    dictionaries: Vec<Arc<Dictionary>>,
    accepted: HashSet<String>,
    known: HashMap<String, bool>,
}

impl Checker {
    /// A checker over `dictionaries`, accepting also every word of `accepted` (the blog's
    /// dictionary; a word written in lowercase there is accepted capitalized too).
    pub fn new(
        dictionaries: Vec<Arc<Dictionary>>,
        accepted: impl IntoIterator<Item = String>,
    ) -> Self {
        Checker { dictionaries, accepted: accepted.into_iter().collect(), known: HashMap::new() }
    }

    /// Accepts `word` from now on (the writer chose "Ignore" or added it).
    pub fn accept(&mut self, word: &str) {
        self.accepted.insert(word.to_string());
        self.known.insert(word.to_string(), true);
    }

    /// The dictionaries' languages joined by `+` (`en_US+de_DE`).
    pub fn language(&self) -> String {
        self.dictionaries.iter().map(|d| d.language()).collect::<Vec<_>>().join("+")
    }

    /// Whether `word` is spelled right.
    pub fn is_correct(&mut self, word: &str) -> bool {
        if let Some(&known) = self.known.get(word) {
            return known;
        }
        let answer = self.decide(word);
        self.known.insert(word.to_string(), answer);
        answer
    }

    fn decide(&self, word: &str) -> bool {
        if self.dictionaries.is_empty() || self.is_accepted(word) {
            return true;
        }
        // Typographic apostrophes are written as the dictionaries' ASCII one.
        let word = word.replace('\u{2019}', "'");
        self.dictionaries.iter().any(|d| d.check(&word))
    }

    fn is_accepted(&self, word: &str) -> bool {
        if self.accepted.contains(word) {
            return true;
        }
        let mut chars = word.chars();
        let lowered_first: String = match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => return false,
        };
        self.accepted.contains(&lowered_first) || self.accepted.contains(&word.to_lowercase())
    }

    /// The misspelled words of `text` within the prose `ranges` (byte ranges of `text`;
    /// a range that is out of bounds or not on character boundaries is skipped).
    pub fn misspellings(&mut self, text: &str, ranges: &[Range<usize>]) -> Vec<Misspelling> {
        let mut out = Vec::new();
        for range in ranges {
            for word in words(text, range.clone()) {
                let written = &text[word.range.clone()];
                if !self.is_correct(written) {
                    out.push(Misspelling { range: word.range, word: written.to_string() });
                }
            }
        }
        out
    }

    /// Up to [`MAX_SUGGESTIONS`] corrections for `word`, the first dictionary's first.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let word = word.replace('\u{2019}', "'");
        let mut out: Vec<String> = Vec::new();
        for dictionary in &self.dictionaries {
            for suggestion in dictionary.suggest(&word) {
                if out.len() < MAX_SUGGESTIONS && !out.contains(&suggestion) {
                    out.push(suggestion);
                }
            }
        }
        out
    }
}
