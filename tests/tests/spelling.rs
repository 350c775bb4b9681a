//! Spell checking in the real window: misspelt prose underlined (never literals), corrected
//! from the menu, a German post checked in German, a word added to the blog's dictionary.
//! Needs Debian's hunspell-en-us and hunspell-de-de (scripts/install-deps.sh).

use std::path::Path;
use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

const ENGLISH: &str = "Spelling\n########\n\n:date: 2024-01-01\n\n\
We recieve letters and ``literl`` code.\n";
const GERMAN: &str = "Deutsch\n#######\n\n:date: 2024-01-02\n:lang: de\n\n\
Die Straße ist schön, aber kaputtt.\n";

fn blog() -> tempfile::TempDir {
    for dic in ["en_US", "de_DE"] {
        assert!(
            Path::new(&format!("/usr/share/hunspell/{dic}.dic")).is_file(),
            "no {dic} dictionary: run scripts/install-deps.sh"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\nDEFAULT_LANG = 'en'\n")
        .unwrap();
    std::fs::write(dir.path().join("content/english.rst"), ENGLISH).unwrap();
    std::fs::write(dir.path().join("content/german.rst"), GERMAN).unwrap();
    dir
}

fn open(s: &Session, path: &str) {
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{path}']")).ok())
        .unwrap_or_else(|| panic!("{path} is listed"));
    s.click(&item).unwrap();
}

/// The words underlined in the editor, in order.
fn marked(s: &Session) -> Option<Vec<String>> {
    let script = "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-misspelt')).map(e => e.dataset.word);";
    let value = s.execute(script, vec![]).ok()?;
    Some(value.as_array()?.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
}

fn editor_text(s: &Session) -> String {
    let script = "return document.querySelector('[data-testid=editor] .cm-content').textContent;";
    s.execute(script, vec![]).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn notice(s: &Session) -> String {
    let script = "return document.querySelector('[data-testid=notice]')?.textContent ?? '';";
    s.execute(script, vec![]).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Right-clicks the first underlined word.
fn right_click_misspelt(s: &Session) {
    let script = "const e = document.querySelector('[data-testid=editor] .cm-misspelt'); \
        const r = e.getBoundingClientRect(); \
        e.dispatchEvent(new MouseEvent('contextmenu', {bubbles: true, cancelable: true, \
        clientX: r.left + r.width / 2, clientY: r.top + r.height / 2})); return true;";
    s.execute(script, vec![]).unwrap();
}

fn wait_marked(s: &Session, expected: &[&str], what: &str) {
    wait_for(Duration::from_secs(20), || (marked(s)? == expected).then_some(())).unwrap_or_else(
        || panic!("{what}: marked {:?}; the notice says {:?}", marked(s), notice(s)),
    );
}

#[test]
fn a_misspelling_is_underlined_and_corrected_from_the_menu_and_literals_are_not_marked() {
    let dir = blog();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open(s, "content/english.rst");
    wait_marked(s, &["recieve"], "only the prose misspelling, not the literal");
    app.screenshot("spelling-marked").unwrap();

    right_click_misspelt(s);
    let receive = wait_for(Duration::from_secs(20), || {
        let items = s.find_all("[data-testid=spelling-suggestion]").ok()?;
        items.into_iter().find(|b| s.text(b).is_ok_and(|t| t == "receive"))
    })
    .expect("the menu offers \"receive\"");
    app.screenshot("spelling-menu").unwrap();
    s.click(&receive).unwrap();
    wait_for(Duration::from_secs(10), || {
        editor_text(s).contains("We receive letters").then_some(())
    })
    .unwrap_or_else(|| panic!("the word is corrected: {}", editor_text(s)));
    wait_marked(s, &[], "nothing is misspelt once corrected");
    assert!(s.find_all("[data-testid=spelling-menu]").unwrap().is_empty(), "the menu closed");
    app.screenshot("spelling-corrected").unwrap();
}

#[test]
fn a_german_post_is_checked_in_german_and_a_word_goes_in_the_blogs_dictionary() {
    let dir = blog();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open(s, "content/german.rst");
    wait_marked(s, &["kaputtt"], "German words are right in German");
    app.screenshot("spelling-german").unwrap();

    right_click_misspelt(s);
    let add = wait_for(Duration::from_secs(10), || s.find("[data-testid=spelling-add]").ok())
        .expect("the menu offers to add the word");
    s.click(&add).unwrap();
    let words = dir.path().join(".folio/words.txt");
    wait_for(Duration::from_secs(10), || {
        (std::fs::read_to_string(&words).ok()? == "kaputtt\n").then_some(())
    })
    .unwrap_or_else(|| panic!("the word is in {}", words.display()));
    wait_marked(s, &[], "an added word is no longer marked");
}
