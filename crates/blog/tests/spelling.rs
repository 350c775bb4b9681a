//! Spell checking posts with the system's real Hunspell dictionaries (Debian's
//! `hunspell-*` packages, installed by scripts/install-deps.sh) and the blog's own words.

use std::path::{Path, PathBuf};

use folio_blog::spelling::{Dictionaries, SpellingOptions, BLOG_WORDS};
use folio_blog::{Blog, Error};

fn dictionaries() -> Dictionaries {
    let folder = std::env::var_os("FOLIO_HUNSPELL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/hunspell"));
    for lang in ["en_US", "de_DE"] {
        assert!(
            folder.join(format!("{lang}.dic")).is_file(),
            "no {lang} dictionary in {}: run scripts/install-deps.sh",
            folder.display()
        );
    }
    Dictionaries::in_folders(vec![folder])
}

fn blog_with(conf: &str) -> (tempfile::TempDir, Blog) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), conf).unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    let blog = Blog::open(dir.path()).unwrap();
    (dir, blog)
}

fn words(found: &[folio_blog::spelling::SpellingFinding]) -> Vec<&str> {
    found.iter().map(|f| f.word.as_str()).collect()
}

const ENGLISH: &str = ":title: A recieved title\n:slug: teh-slug\n:date: 2024-01-02\n\n\
Some prose with a mispelled word, ``literl code`` and `a link <https://exampel.org/pth>`_.\n\n\
.. code-block:: python\n\n   def frobnicat(): pass\n";

#[test]
fn misspellings_in_prose_are_found_with_their_place_and_suggestions_and_code_is_not() {
    let (_dir, blog) = blog_with("SITENAME = 'S'\n");
    let options = SpellingOptions { languages: vec!["en_US".into()], suggestions: true };
    let found = blog.check_spelling(ENGLISH, &dictionaries(), &options).unwrap();
    assert_eq!(words(&found), ["recieved", "mispelled"], "{found:?}");
    let first = &found[0];
    assert_eq!((first.line, first.column, first.from_utf16, first.to_utf16), (1, 11, 10, 18));
    assert_eq!(first.language, "en_US");
    assert!(first.suggestions.contains(&"received".to_string()), "{:?}", first.suggestions);
    assert_eq!(found[1].line, 5);
}

#[test]
fn a_post_with_lang_de_is_checked_in_german_whatever_the_blog_says() {
    let (_dir, blog) = blog_with("DEFAULT_LANG = 'en'\n");
    let post =
        ":title: Ein Titel\n:lang: de\n\nDie Straße ist schön, aber der Wagen ist kaputtt.\n";
    let found = blog.check_spelling(post, &dictionaries(), &SpellingOptions::default()).unwrap();
    assert_eq!(words(&found), ["kaputtt"], "German words are right in German: {found:?}");
    assert_eq!(found[0].language, "de_DE");
}

#[test]
fn the_blog_default_lang_is_used_when_the_post_names_none() {
    let (_dir, blog) = blog_with("DEFAULT_LANG = 'de'\n");
    let post = "Das Haus ist groß.\n";
    let found = blog.check_spelling(post, &dictionaries(), &SpellingOptions::default()).unwrap();
    assert!(found.is_empty(), "checked in German, as DEFAULT_LANG says: {found:?}");
    assert_eq!(blog.spelling_languages(post, &SpellingOptions::default()), ["de"]);
}

#[test]
fn several_languages_at_once_accept_a_word_any_of_them_knows() {
    let (_dir, blog) = blog_with("SITENAME = 'S'\n");
    let post = "The house is groß and the Straße is long, but wrongg.\n";
    let options = SpellingOptions { languages: vec!["en".into(), "de".into()], suggestions: false };
    let found = blog.check_spelling(post, &dictionaries(), &options).unwrap();
    assert_eq!(words(&found), ["wrongg"]);
    assert_eq!(found[0].language, "en_US+de_DE");
}

#[test]
fn words_added_to_the_blog_dictionary_are_accepted_and_kept_in_the_blog() {
    let (dir, blog) = blog_with("SITENAME = 'S'\n");
    let post = "Zorblat renders Pelicanish posts.\n";
    let options = SpellingOptions { languages: vec!["en_US".into()], suggestions: false };
    let before = blog.check_spelling(post, &dictionaries(), &options).unwrap();
    assert_eq!(words(&before), ["Zorblat", "Pelicanish"]);
    blog.add_blog_word("Pelicanish").unwrap();
    blog.add_blog_word("zorblat").unwrap();
    blog.add_blog_word("Pelicanish").unwrap();
    let stored = std::fs::read_to_string(dir.path().join(BLOG_WORDS)).unwrap();
    assert_eq!(stored, "Pelicanish\nzorblat\n", "sorted, each once, one a line");
    let after = blog.check_spelling(post, &dictionaries(), &options).unwrap();
    assert!(after.is_empty(), "a lowercase word is accepted capitalized too: {after:?}");
    assert!(matches!(blog.add_blog_word("two words"), Err(Error::NotAWord(_))));
}

#[test]
fn a_language_without_a_dictionary_says_which_package_to_install() {
    let (_dir, blog) = blog_with("SITENAME = 'S'\n");
    let empty = tempfile::tempdir().unwrap();
    let none = Dictionaries::in_folders(vec![empty.path().to_path_buf()]);
    let options = SpellingOptions { languages: vec!["de".into()], suggestions: false };
    let err = blog.check_spelling("Text\n", &none, &options).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, Error::NoDictionary { .. }), "{message}");
    assert!(
        message.contains("hunspell-de-de") && message.contains(&display(empty.path())),
        "{message}"
    );
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn the_post_speller_rechecks_only_the_lines_asked_for_and_forgets_ignored_words() {
    use folio_blog::spelling::{Lines, PostSpeller};
    let text = "Frist line wrongg.\n\nSecnd line ``literl`` badd.\n";
    let mut speller =
        PostSpeller::new(&["en_US".to_string()], Vec::new(), &dictionaries()).unwrap();
    assert_eq!(words(&speller.check(text, None)), ["Frist", "wrongg", "Secnd", "badd"]);
    let third = speller.check(text, Some(Lines { first: 3, last: 3 }));
    assert_eq!(words(&third), ["Secnd", "badd"]);
    assert_eq!((third[1].line, third[1].from_utf16, third[1].to_utf16), (3, 22, 26));
    speller.accept("badd");
    assert_eq!(words(&speller.check(text, Some(Lines { first: 3, last: 3 }))), ["Secnd"]);
    assert!(speller.suggest("Secnd").contains(&"Second".to_string()));
}
