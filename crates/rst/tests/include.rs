//! `.. include::` through the caller's file source: the engine reads no file itself.

use std::collections::HashMap;

use folio_rst::{html, parse, parse_including, IncludeFiles, Severity};

struct Files(HashMap<&'static str, &'static str>);

impl IncludeFiles for Files {
    fn read(&self, path: &str) -> Result<String, String> {
        self.0.get(path).map(|t| t.to_string()).ok_or_else(|| format!("{path}: no such file"))
    }
}

fn files() -> Files {
    Files(HashMap::from([
        ("header.rst", ".. |site| replace:: Folio\n\nSee docs__.\n\n__ https://example.com/\n"),
        ("loop.rst", ".. include:: loop.rst\n"),
        ("code.py", "print('hi')\n# end\nlast line\n"),
        ("blocks.txt", "one\n\ntwo\nthree\n\nfour\n"),
    ]))
}

#[test]
fn an_included_file_is_parsed_in_place_with_its_substitutions_and_targets() {
    let text = "Intro.\n\n.. include:: header.rst\n\nMade with |site|.\n";
    let (doc, diags) = parse_including(text, &files());
    assert!(diags.is_empty(), "{diags:?}");
    let out = html::render(&doc);
    assert!(out.contains("<p>Intro.</p>\n<p>See <a class=\"reference external\" href=\"https://example.com/\">docs</a>.</p>"), "{out}");
    assert!(
        out.contains("<p>Made with Folio.</p>"),
        "the included definition applies after it: {out}"
    );
}

#[test]
fn literal_includes_take_the_selected_part_of_the_file() {
    let text =
        ".. include:: code.py\n   :literal:\n   :start-after: print('hi')\n   :end-before: last\n";
    let (doc, diags) = parse_including(text, &files());
    assert!(diags.is_empty(), "{diags:?}");
    let out = html::render(&doc);
    // As the oracle writes it: the text between the markers, its newlines kept.
    assert_eq!(out, "<pre class=\"literal-block\">\n\n# end\n\n</pre>\n");
}

#[test]
fn empty_start_after_and_end_before_markers_stand_for_an_empty_line() {
    let text = ".. include:: blocks.txt\n   :literal:\n   :start-after:\n   :end-before:\n";
    let (doc, diags) = parse_including(text, &files());
    assert!(diags.is_empty(), "{diags:?}");
    // As docutils 0.23 reads them: after the first empty line, up to the next one.
    assert_eq!(html::render(&doc), "<pre class=\"literal-block\">\ntwo\nthree\n\n</pre>\n");
}

#[test]
fn a_missing_file_an_include_loop_and_no_file_source_are_errors_not_panics() {
    let (_, diags) = parse_including(".. include:: nowhere.rst\n", &files());
    assert!(
        diags.iter().any(|d| d.severity == Severity::Severe && d.message.contains("nowhere.rst")),
        "{diags:?}"
    );
    let (_, diags) = parse_including(".. include:: loop.rst\n", &files());
    assert!(diags.iter().any(|d| d.message.contains("nest deeper")), "{diags:?}");
    let (_, diags) = parse(".. include:: header.rst\n");
    assert!(diags.iter().any(|d| d.severity >= Severity::Warning), "{diags:?}");
}
