//! Every language covers any input with tokens, without panicking, in time that grows
//! linearly with the input.

use folio_highlight::{tokens_of, Language};
use folio_test_support::assert_linear;

/// Inputs that once were or could be trouble: unclosed constructs, deep nesting, prompts
/// without code, stray bytes, non-ASCII text.
const TRICKY: &[&str] = &[
    "",
    "\n",
    "\"unclosed",
    "'''unclosed\n\n",
    "f\"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{",
    "(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((",
    "$((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((",
    ">>> \n... \n>>>",
    "$ \n> \\\n",
    "cat <<EOF\nno end",
    "/* never closed",
    "<script>never closed",
    "key: |\n  text\n no\n",
    "\u{feff}é日本語\u{1F600}\t\r\n\0",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{{{{{{{",
    "- - - - - - - - - - - - - - - - - - x\n                                    y\n",
    ".. code:: python\n\n  ``unclosed\n\n x\n",
    "=\nx\n=\n:a\\: b\n``x`` `y",
];

#[test]
fn every_language_covers_tricky_inputs_exactly() {
    for lang in Language::ALL {
        for input in TRICKY {
            let toks = tokens_of(lang, input);
            let joined: String = toks.iter().map(|t| t.1).collect();
            assert_eq!(&joined, input, "{lang:?} must cover {input:?}");
            assert!(
                toks.iter().all(|t| !t.1.is_empty()),
                "{lang:?}: no empty tokens for {input:?}"
            );
        }
    }
}

#[test]
fn lexing_time_grows_linearly_with_the_input() {
    for lang in Language::ALL {
        for unit in ["\"a (", "<a href='x'>{\"k\": [1, 'b'  # d\n"] {
            let (small, large) = (unit.repeat(500), unit.repeat(4_000));
            tokens_of(lang, &small); // compiles the grammar
            assert_linear(
                &format!("{lang:?} on {unit:?}"),
                8,
                small.as_str(),
                large.as_str(),
                |text| {
                    tokens_of(lang, text);
                },
            );
        }
    }
}

#[test]
fn restructuredtext_lexes_unclosed_inline_markup_on_one_line_in_linear_time() {
    // Each backtick, star or angle bracket starts a rule that looks ahead along the line.
    for unit in ["`a <b *c :d ", "- ``x ", ":a: `b` "] {
        let (small, large) = (unit.repeat(500), unit.repeat(4_000));
        tokens_of(Language::Rst, &small);
        assert_linear(&format!("rst on {unit:?}"), 8, small.as_str(), large.as_str(), |text| {
            tokens_of(Language::Rst, text);
        });
    }
}
