//! The prose ranges a spell checker reads: words a reader sees, never markup or code.

use folio_rst::{parse_with, prose, Stage};

fn prose_of(src: &str) -> Vec<(String, Option<String>)> {
    let (doc, _) = parse_with(src, Stage::Parsed);
    prose::ranges(&doc)
        .into_iter()
        .map(|p| {
            let text = src[p.span.start as usize..p.span.end as usize].to_string();
            let field = p.field_name.map(|f| src[f.start as usize..f.end as usize].to_string());
            (text, field)
        })
        .collect()
}

fn texts(src: &str) -> Vec<String> {
    prose_of(src).into_iter().map(|(t, _)| t).collect()
}

#[test]
fn literals_code_urls_and_substitutions_are_not_prose() {
    let src = "A paragrph with ``literl`` and `lnk txt <https://exmple.com/pth>`_ and \
               https://foo.bar/baz\nand :code:`codde` and |sbst| and :math:`x^2` end.\n\n\
               .. |sbst| replace:: replacd text\n";
    let all = texts(src).concat();
    assert!(all.contains("paragrph"), "plain text is prose: {all:?}");
    assert!(all.contains("lnk txt"), "a link's text is prose: {all:?}");
    for markup in ["literl", "exmple", "foo.bar", "codde", "sbst", "x^2", "replacd"] {
        assert!(!all.contains(markup), "{markup} is markup, not prose: {all:?}");
    }
}

#[test]
fn blocks_of_code_raw_output_comments_and_targets_are_not_prose() {
    let src = "Intro wordz.\n\n::\n\n    literl blck\n\n.. code-block:: python\n\n   pythn cde\n\n\
               .. raw:: html\n\n   <b>rawww</b>\n\n.. a commment\n\n.. _trgt: https://tgt.example\n\n\
               .. note:: Notte body\n   :class: clss\n\n>>> doctst\n";
    let all = texts(src).concat();
    assert!(all.contains("wordz") && all.contains("Notte body"), "{all:?}");
    for markup in
        ["literl", "pythn", "python", "rawww", "commment", "trgt", "clss", "note", "doctst"]
    {
        assert!(!all.contains(markup), "{markup} is markup, not prose: {all:?}");
    }
}

#[test]
fn header_field_bodies_are_prose_named_by_their_field_and_field_names_are_not() {
    let src = ":title: Helo wrold\n:slug: helo-wrold\n\nBody txt.\n";
    let found = prose_of(src);
    assert_eq!(
        found,
        vec![
            ("Helo wrold".to_string(), Some("title".to_string())),
            ("helo-wrold".to_string(), Some("slug".to_string())),
            ("Body txt.".to_string(), None),
        ]
    );
}

#[test]
fn emphasis_list_items_titles_and_table_cells_are_prose() {
    let src = "Titel\n=====\n\n*emfasis* and **strang**\n\n* itemm\n\n\
               =====  =====\nceil   celll\n=====  =====\n";
    let all = texts(src).concat();
    for word in ["Titel", "emfasis", "strang", "itemm", "ceil", "celll"] {
        assert!(all.contains(word), "{word} is prose: {all:?}");
    }
}

#[test]
fn every_prose_range_is_a_real_slice_of_the_source_in_order() {
    let src = "Ünïcode wörds ``nöt`` hère\n\n   quoted wörd\n\n| line one\n| line twö\n";
    let (doc, _) = parse_with(src, Stage::Parsed);
    let ranges = prose::ranges(&doc);
    assert!(!ranges.is_empty());
    let mut last_end = 0;
    for p in ranges {
        let (s, e) = (p.span.start as usize, p.span.end as usize);
        assert!(s >= last_end && e <= src.len() && src.get(s..e).is_some(), "{p:?}");
        last_end = e;
    }
}
