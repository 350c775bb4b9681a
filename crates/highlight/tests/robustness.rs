//! Every language covers any input with tokens, without panicking, in time that grows
//! linearly with the input.

use std::time::{Duration, Instant};

const LANGUAGES: &[&str] = &[
    "python",
    "pycon",
    "console",
    "bash",
    "text",
    "json",
    "yaml",
    "toml",
    "ini",
    "javascript",
    "typescript",
    "css",
    "html",
    "xml",
    "go",
    "diff",
    "c",
    "cpp",
    "java",
    "rust",
    "sql",
    "docker",
    "make",
    "nginx",
    "latex",
    "erlang",
    "haskell",
    "kotlin",
    "powershell",
    "swift",
    "ruby",
    "php",
    "scala",
    "elixir",
    "common-lisp",
    "elisp",
];

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
];

#[test]
fn every_language_covers_tricky_inputs_exactly() {
    for lang in LANGUAGES {
        for input in TRICKY {
            let toks = folio_highlight::tokens(lang, input);
            let joined: String = toks.iter().map(|t| t.1).collect();
            assert_eq!(&joined, input, "{lang} must cover {input:?}");
            assert!(toks.iter().all(|t| !t.1.is_empty()), "{lang}: no empty tokens for {input:?}");
        }
    }
}

fn time(lang: &str, text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(folio_highlight::tokens(lang, text));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn lexing_time_grows_linearly_with_the_input() {
    for lang in LANGUAGES {
        for unit in ["\"a (", "<a href='x'>{\"k\": [1, 'b'  # d\n"] {
            let small: String = unit.repeat(500);
            let large: String = unit.repeat(4_000);
            time(lang, &small); // compiles the grammar
            let (t1, t8) = (time(lang, &small), time(lang, &large));
            // Eight times the input may take about eight times as long; the slack absorbs
            // timer noise on a busy machine, not a quadratic lexer (64 times).
            assert!(
                t8 <= t1 * 24 + Duration::from_millis(50),
                "{lang} on {unit:?}: {t1:?} for 500 repeats but {t8:?} for 4,000"
            );
        }
    }
}
