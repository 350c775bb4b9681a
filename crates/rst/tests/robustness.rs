//! The engine never panics, never overflows the stack and stays linear on hostile input.
//! Sizes keep each test within a few seconds in a debug build; `crates/rst/fuzz` holds the
//! long-running version.

use std::time::Duration;

use folio_rst::{html, parse_bytes, Diagnostic, Document, DocutilsSettings, ReaderSettings};
use folio_test_support::cpu_time;

/// Parses `text` with no line-length limit: docutils (and the engine) read nothing of a
/// document with a line over 10,000 characters, and these tests are about what reading
/// such lines costs.
fn parse(text: &str) -> (Document, Vec<Diagnostic>) {
    let settings = ReaderSettings {
        docutils: DocutilsSettings { line_length_limit: usize::MAX, ..DocutilsSettings::PELICAN },
        ..ReaderSettings::default()
    };
    folio_rst::parse_in(text, &settings, None)
}

fn check_spans(text: &str, doc: &Document) {
    for n in doc.descendants(doc.root()) {
        let s = doc.node(n).span;
        assert!(s.start <= s.end, "{s:?} runs backwards");
        assert!(s.end as usize <= text.len(), "{s:?} past the end ({})", text.len());
        assert!(
            text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize),
            "{s:?} splits a character"
        );
    }
}

/// Parses and renders `text`, returning the CPU time it took and the HTML.
fn render(text: &str) -> (Duration, String) {
    let mut out = String::new();
    let t = cpu_time(|| {
        let (doc, _) = parse(text);
        out = html::render(&doc);
        check_spans(text, &doc);
    });
    (t, out)
}

/// Renders `make(n)` and `make(4n)` and fails when the larger takes more than about four
/// times the CPU time (see [`folio_test_support::assert_linear`]).
fn assert_linear(name: &str, n: usize, make: impl Fn(usize) -> String) {
    let (small, big) = (make(n), make(4 * n));
    folio_test_support::assert_linear(name, 4, small.as_str(), big.as_str(), |text| {
        render(text);
    });
}

#[test]
fn deeply_nested_lists_finish_in_linear_time() {
    assert_linear("nested lists", 200, |n| {
        (0..n).map(|i| format!("{}* item {i}\n\n", "  ".repeat(i % 300))).collect()
    });
}

#[test]
fn deeply_nested_quotes_do_not_overflow_the_stack() {
    let text: String = (0..3000).map(|i| format!("{}quote {i}\n\n", " ".repeat(i % 100))).collect();
    let (doc, diags) = parse(&text);
    html::render(&doc);
    assert!(diags.iter().any(|d| d.message.contains("nest deeper")), "the depth limit says so");
}

#[test]
fn many_unclosed_inline_markers_stay_linear() {
    assert_linear("unclosed markers", 2_500, |n| "*a ``b `c |d ".repeat(n));
}

#[test]
fn a_five_thousand_column_table_is_refused_with_a_diagnostic() {
    let border = format!("+{}\n", "-+".repeat(5000));
    let row = format!("|{}\n", "x|".repeat(5000));
    let text = format!("{border}{row}{border}");
    let (t, _) = render(&text);
    assert!(t < Duration::from_secs(5), "{t:?} of CPU time");
    let (_, diags) = parse(&text);
    assert!(diags.iter().any(|d| d.message.contains("wider than")));
}

#[test]
fn a_line_over_the_length_limit_is_an_error_and_nothing_else_is_read() {
    let text = format!("Title\n=====\n\n*a* {}\n\n- item\n", "x".repeat(10_001));
    let (doc, diags) = folio_rst::parse(&text);
    let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["Line 4 exceeds the line-length-limit."]);
    assert_eq!(diags[0].line, 4);
    let html = html::render(&doc);
    assert!(!html.contains("<em>") && !html.contains("<li>"), "{html}");
    // Tabs count as the columns they reach, as docutils expands them.
    let tabs = format!("x\n{}y\n", "\t".repeat(1_250));
    assert_eq!(folio_rst::parse(&tabs).1.len(), 1);
    assert!(folio_rst::parse(&format!("{}\n", "z".repeat(10_000))).1.is_empty());
    assert_linear("lines over the limit", 50, |n| format!("{}\n", "w".repeat(10_001)).repeat(n));
}

#[test]
fn a_term_whose_literal_closes_two_characters_before_its_end_does_not_panic() {
    // The classifier search once read three bytes past a closing `` near the line's end.
    for term in ["``b``x", "a ``b``x", "``b`` :x"] {
        let text = format!("{term}\n   definition\n");
        let (_, html) = render(&text);
        assert!(html.contains("definition"), "{term}: {html}");
    }
}

#[test]
fn long_simple_table_stays_linear() {
    assert_linear("simple table", 300, |n| {
        let mut s = String::from("=====  =====\nA      B\n=====  =====\n");
        for i in 0..n {
            s.push_str(&format!("{i:<5}  x\n"));
        }
        s.push_str("=====  =====\n");
        s
    });
}

#[test]
fn binary_garbage_and_invalid_utf8_render_without_panicking() {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let bytes: Vec<u8> = (0..50_000)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect();
    let (text, doc, diags) = parse_bytes(&bytes);
    html::render(&doc);
    check_spans(&text, &doc);
    assert!(diags.iter().any(|d| d.message.contains("not valid UTF-8")));
}

/// Fragments that exercise every construct, glued at random.
const PIECES: &[&str] = &[
    "Title\n=====\n",
    "*",
    "**",
    "``",
    "`",
    "_",
    "__",
    "|",
    ":",
    "::",
    "\n",
    "\n\n",
    "  ",
    "   ",
    "* ",
    "- ",
    "1. ",
    "#. ",
    "(a) ",
    ".. ",
    ".. _t: http://x\n",
    ".. [#] n\n",
    "[#]_",
    "[1]_",
    ".. |s| replace:: r\n",
    "|s|",
    ".. note::\n",
    ".. code-block:: python\n",
    ".. image:: a.png\n",
    ":f: v\n",
    "-a  opt\n",
    ">>> x\n",
    "| line\n",
    "+--+--+\n",
    "|a |b |\n",
    "=== ===\n",
    "word",
    "x_",
    "`a <http://b>`_",
    ":sub:`x`",
    ":abbr:`A (b)`",
    "\\",
    "é",
    "—",
    "\t",
    "----\n",
    ".. raw:: html\n",
    ".. figure:: f.png\n",
    ".. table:: T\n",
    ".. contents::\n",
    "\u{feff}",
];

#[test]
fn random_documents_never_panic_and_keep_spans_valid() {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..1500 {
        let len = (next() % 60) as usize;
        let text: String =
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let (doc, diags) = parse(&text);
        html::render(&doc);
        check_spans(&text, &doc);
        for d in diags {
            assert!(d.span.start <= d.span.end && d.span.end as usize <= text.len(), "{text:?}");
        }
    }
}

#[test]
fn nested_substitutions_expand_and_circular_ones_stop_with_a_warning() {
    let text = "|a|\n\n.. |a| replace:: |b| |b|\n.. |b| replace:: x\n";
    let (doc, diags) = parse(text);
    assert!(html::render(&doc).contains("<p>x x</p>"), "{}", html::render(&doc));
    assert!(diags.is_empty(), "{diags:?}");
    let (doc, diags) = parse("|a|\n\n.. |a| replace:: |a| again\n");
    html::render(&doc);
    assert!(diags.iter().any(|d| d.message.contains("nest deeper")));
}

#[test]
fn long_tokens_that_almost_hold_a_uri_or_address_stay_linear() {
    // Every `-` starts another try at a scheme or an e-mail name running to the same end.
    assert_linear("one scheme-like token", 20_000, |n| format!("{}:", "a-".repeat(n)));
    assert_linear("one name-like token", 20_000, |n| format!("{}@", "-a".repeat(n)));
    assert_linear("one host-like token", 20_000, |n| format!("x@{}", "a.".repeat(n)));
    assert_linear("one uri-like token", 20_000, |n| format!("http://{}.", "(a".repeat(n)));
}

#[test]
fn many_problems_on_one_long_line_stay_linear() {
    assert_linear("footnote problems on one line", 2_000, |n| "[#]_ |x| ".repeat(n));
}

#[test]
fn many_sections_with_the_same_title_stay_linear() {
    // Each repeated title takes the next id (`same-1`, `same-2`, …): counted per prefix,
    // not searched for from 1 each time.
    assert_linear("same-title sections", 1_500, |n| "Same\n----\n\nx\n\n".repeat(n));
}

#[test]
fn many_sections_with_mixed_adornments_stay_linear() {
    let styles = ['=', '-', '~', '^', '"', '\'', '`', '#', '*', '+'];
    assert_linear("mixed-adornment sections", 1_500, |n| {
        (0..n)
            .map(|i| {
                let title = format!("s{i}");
                let c = styles[(i * 7) % styles.len()];
                let line = c.to_string().repeat(title.len());
                if i % 3 == 0 {
                    format!("{line}\n{title}\n{line}\n\n")
                } else {
                    format!("{title}\n{line}\n\n")
                }
            })
            .collect()
    });
}

#[test]
fn many_anonymous_references_stay_linear() {
    assert_linear("anonymous references", 2_000, |n| {
        let refs: String = (0..n).map(|i| format!("`a{i}`__ ")).collect();
        let targets: String = (0..n).map(|i| format!("__ http://example.com/{i}\n")).collect();
        format!("{refs}\n\n{targets}")
    });
}

#[test]
fn long_substitution_chains_stay_linear() {
    assert_linear("substitution chains", 500, |n| {
        let uses: String = (0..n).map(|i| format!("|s{i}| ")).collect();
        let defs: String = (0..n)
            .map(|i| {
                if i + 1 < n {
                    format!(".. |s{i}| replace:: |s{}| x\n", i + 1)
                } else {
                    format!(".. |s{i}| replace:: end\n")
                }
            })
            .collect();
        format!("{uses}\n\n{defs}")
    });
}

#[test]
fn a_line_block_indented_deeper_on_every_line_stays_linear() {
    // Each line nests inside the one before it, up to the block depth limit.
    assert_linear("line blocks nesting deeper", 150, |n| {
        (0..n).map(|k| format!("|{} x\n", " ".repeat(k % 100))).collect()
    });
}

#[test]
fn a_target_name_over_thousands_of_lines_stays_linear() {
    // The name is matched against the lines joined one more at a time; each character
    // is looked at a bounded number of times, not once per line joined after it.
    assert_linear("target name over many lines", 1_000, |n| {
        let lines: String = (0..n).map(|i| format!("   word{i}\n")).collect();
        format!(".. _start\n{lines}   end: http://example.com/\n")
    });
}
