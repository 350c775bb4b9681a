//! The seed post must parse into a title, Pelican metadata and a body.

use folio_rst::{html, inlines_to_text, parse, Severity};

fn seed() -> String {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds/farewell-to-anaconda.rst");
    std::fs::read_to_string(path).expect("the seed post sits in ../shared beside the project")
}

#[test]
fn seed_post_has_its_title_and_field_list_metadata() {
    let text = seed();
    let (doc, diags) = parse(&text);
    let title = doc.title.map(|t| inlines_to_text(&doc, t));
    assert_eq!(title.as_deref(), Some("A Farewell to Anaconda"));
    let names: Vec<&str> = doc.docinfo.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["date", "category", "slug", "author", "summary"]);
    assert_eq!(inlines_to_text(&doc, doc.docinfo[0].body), "2020-03-20 14:30");
    let serious: Vec<_> = diags.iter().filter(|d| d.severity >= Severity::Warning).collect();
    assert!(serious.is_empty(), "the seed publishes with Pelican, so no warnings: {serious:?}");
}

#[test]
fn seed_post_body_renders_sections_links_and_raw_html() {
    let (doc, _) = parse(&seed());
    let body = html::render(&doc);
    assert!(body.contains("<div class=\"section\" id=\"dask\">\n<h2>Dask</h2>"));
    assert!(body.contains(
        "<a class=\"reference external\" href=\"https://www.anaconda.com/\">Anaconda</a>"
    ));
    assert!(body.contains("<img title=\"Dask is not an acronym"), "raw html passes through");
    assert!(!body.contains(":date:"), "metadata is not body text");
}

#[test]
fn every_span_lies_inside_the_source_on_char_boundaries() {
    let text = seed();
    let (doc, diags) = parse(&text);
    let mut spans: Vec<folio_rst::Span> = diags.iter().map(|d| d.span).collect();
    let root = doc.root();
    for n in doc.descendants(root) {
        spans.push(doc.node(n).span);
    }
    assert!(spans.len() > 10);
    for span in spans {
        assert!(span.start <= span.end && span.end as usize <= text.len(), "{span:?}");
        assert!(
            text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize)
        );
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    for input in [
        "",
        "\n",
        "::",
        "..",
        ":",
        "*",
        "``",
        "=\n=",
        "a\n=\n",
        "-",
        "-\n  -\n    -",
        "\r\n\r\n",
        ".. raw::",
        ":a:b",
    ] {
        let (doc, _) = parse(input);
        html::render(&doc);
    }
    let deep: String = (0..600).map(|i| format!("{}x\n\n", " ".repeat(i))).collect();
    let (doc, diags) = parse(&deep);
    html::render(&doc);
    assert!(diags.iter().any(|d| d.message.contains("nest deeper than")));
}
