//! Where the words are in a run of prose, as a spell checker reads them.

use std::ops::Range;

/// A word to check: letters, with apostrophes between letters (`don't`, `l'homme`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Its bytes in the text.
    pub range: Range<usize>,
}

/// The words of `text[range]` worth checking, in order. Left out: words with a digit
/// (`mp3`, `2nd`), single letters, words in capitals (acronyms such as `HTML`), and every
/// word of a run of non-space characters that looks like an address (`://`, `@`, `www.`).
/// A range that is out of bounds or not on character boundaries gives no words.
pub fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (chunk_start, chunk) in chunks(slice) {
        if chunk.contains("://") || chunk.contains('@') || chunk.starts_with("www.") {
            continue;
        }
        for (start, word) in words_of_chunk(chunk) {
            if worth_checking(word) {
                let start = range.start + chunk_start + start;
                out.push(Word { range: start..start + word.len() });
            }
        }
    }
    out
}

/// Runs of non-whitespace with their offsets.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |chunk| (chunk.as_ptr() as usize - text.as_ptr() as usize, chunk))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// Combining marks (a decomposed accent) belong to the letter before them.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{20D0}'..='\u{20FF}')
}

/// Maximal runs of word characters joined by single apostrophes between them.
fn words_of_chunk(chunk: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = chunk.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            start.get_or_insert(i);
            continue;
        }
        let joins = is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|&(_, next)| next.is_alphabetic());
        if joins {
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, &chunk[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &chunk[s..]));
    }
    out
}

fn worth_checking(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || word.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let all_capitals = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    !all_capitals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(text: &str) -> Vec<&str> {
        words(text, 0..text.len()).into_iter().map(|w| &text[w.range]).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_split_on_hyphens_and_punctuation() {
        assert_eq!(
            listed("Don't stop: l’homme, well-known (really)."),
            ["Don't", "stop", "l’homme", "well", "known", "really"]
        );
    }

    #[test]
    fn addresses_numbers_acronyms_and_single_letters_are_left_out() {
        assert_eq!(
            listed("see www.example.org or me@example.org, HTML and mp3 a x okay"),
            ["see", "or", "and", "okay"]
        );
    }

    #[test]
    fn offsets_are_bytes_of_the_whole_text_and_bad_ranges_give_nothing() {
        let text = "ünë wörd";
        let found = words(text, 3..text.len());
        assert_eq!(found, [Word { range: 6..11 }], "ë alone is one letter; wörd follows");
        assert!(words(text, 1..3).is_empty(), "1 is inside ü");
        assert!(words(text, 0..99).is_empty());
    }
}
