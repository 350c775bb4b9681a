//! The directive and role names offered for completion: the ones the engine runs, in the
//! post's language and English, Pelican's and the blog's plugins', and none docutils' tables
//! name without implementing.

use folio_rst::{parse_in, Language, ReaderSettings};

fn settings(language: Language) -> ReaderSettings {
    ReaderSettings {
        language,
        plugin_directives: vec!["youtube".into()],
        plugin_roles: vec!["kbd".into()],
        ..ReaderSettings::default()
    }
}

fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

/// The names of `names` that reading a post reports as unknown (a plugin's is never).
fn unknown(settings: &ReaderSettings) -> Vec<String> {
    let directives = settings.directive_names().into_iter().filter(|name| {
        let src = format!("Title\n=====\n\n.. {name}:: x\n\n   Body.\n");
        let (_, diagnostics) = parse_in(&src, settings, None);
        diagnostics.iter().any(|d| d.message.starts_with("Unknown directive type"))
    });
    let roles = settings.role_names().into_iter().filter(|name| {
        let src = format!("Title\n=====\n\nSome :{name}:`text` here.\n");
        let (_, diagnostics) = parse_in(&src, settings, None);
        diagnostics.iter().any(|d| d.message.starts_with("Unknown interpreted text role"))
    });
    directives.chain(roles).collect()
}

#[test]
fn english_names_are_docutils_pelicans_and_the_plugins_that_the_engine_runs() {
    let settings = settings(Language::english());
    let (directives, roles) = (settings.directive_names(), settings.role_names());
    for name in ["note", "image", "figure", "code-block", "sourcecode", "youtube", "contents"] {
        assert!(has(&directives, name), "{name} in {directives:?}");
    }
    for name in ["emphasis", "literal", "code", "abbr", "kbd", "sub", "pep", "ab", "acronym"] {
        assert!(has(&roles, name), "{name} in {roles:?}");
    }
    // docutils' English table names them, but docutils (and the engine) implement none.
    assert!(!has(&directives, "restructuredtext-test-directive"), "{directives:?}");
    assert!(!has(&roles, "index"), "{roles:?}");
    assert_eq!(unknown(&settings), Vec::<String>::new());
}

#[test]
fn a_german_post_is_offered_german_names_and_english_ones() {
    let settings = settings(Language::find("de").expect("docutils has German"));
    let directives = settings.directive_names();
    assert!(has(&directives, "notiz"), "German note: {directives:?}");
    assert!(has(&directives, "note"), "English is looked up too");
    assert!(!directives.iter().any(|n| n.contains(' ')), "placeholders left out");
    assert!(!has(&settings::english_only(), "notiz"), "English has no German names");
    assert_eq!(unknown(&settings), Vec::<String>::new());
}

mod settings {
    pub(super) fn english_only() -> Vec<String> {
        folio_rst::ReaderSettings::default().directive_names()
    }
}
