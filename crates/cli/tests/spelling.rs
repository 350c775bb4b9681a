//! `folio check --spelling`: misspellings in prose, in each post's language, with the
//! blog's words, using the system's Hunspell dictionaries (scripts/install-deps.sh).

use std::path::Path;
use std::process::Command;

fn folio(args: &[&str]) -> (i32, String, String) {
    assert!(
        Path::new("/usr/share/hunspell/en_US.dic").is_file()
            || std::env::var_os("FOLIO_HUNSPELL_DIR").is_some(),
        "no Hunspell dictionaries: run scripts/install-deps.sh"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_folio")).args(args).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

fn blog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("pelicanconf.py", "SITENAME = 'S'\nDEFAULT_LANG = 'en'\n");
    write(
        "content/english.rst",
        ":title: Hello\n:date: 2024-01-01\n:tags: zqxtag\n\nA mispelled word, ``literl`` and Zorblat.\n",
    );
    write("content/german.rst", ":title: Deutsch\n:lang: de\n\nDie Straße ist kaputtt.\n");
    write(".folio/words.txt", "Zorblat\n");
    dir
}

#[test]
fn spelling_findings_name_file_line_column_word_language_and_suggestions_in_json() {
    let dir = blog();
    let root = dir.path().to_str().unwrap();
    let (code, out, err) = folio(&["--no-python", "check", "--spelling", "--json", root]);
    assert_eq!(code, 0, "spelling findings are never errors: {err}");
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let list = list.as_array().unwrap();
    let summary: Vec<(String, u64, u64, &str, &str)> = list
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["word"].as_str().unwrap(),
                f["language"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("english.rst".to_string(), 5, 3, "mispelled", "en_US"),
            ("german.rst".to_string(), 4, 16, "kaputtt", "de_DE"),
        ],
        "literals, tags and the blog's own words are not reported; German is checked in German"
    );
    assert_eq!(list[0]["kind"], "spelling");
    assert_eq!(list[0]["severity"], "info");
    let suggestions = list[0]["suggestions"].as_array().unwrap();
    assert!(suggestions.iter().any(|s| s == "misspelled"), "{suggestions:?}");
}

#[test]
fn a_single_file_checks_in_the_language_asked_for_and_prints_one_line_each() {
    let dir = blog();
    let file = dir.path().join("content/german.rst");
    let (code, out, err) = folio(&[
        "check",
        "--spelling",
        "--no-suggestions",
        "--lang",
        "en_US",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let words: Vec<&str> = out.lines().filter_map(|l| l.split('"').nth(1)).collect();
    assert_eq!(
        words,
        ["Deutsch", "Straße", "ist", "kaputtt"],
        "checked in English as asked: {out}"
    );
    assert!(out.lines().all(|l| l.contains("german.rst:") && l.contains(": spelling: ")), "{out}");
    assert!(err.contains("4 misspellings"), "{err}");
}
