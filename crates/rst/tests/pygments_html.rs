//! Pelican's `code-block` HTML, span for span, against the real Pygments' HTML formatter
//! (the conformance judge compares only the text inside `div.highlight`, but themes colour
//! by the spans). Needs the oracle python: `ORACLE_PYTHON`, else
//! `<workspace>/target/oracle-venv/bin/python` (`make venv`).

use folio_test_support::oracle_python;
use std::process::Command;

/// Code blocks of the kinds blog posts show, per language.
const BLOCKS: &[(&str, &str)] = &[
    ("python", "import os\n\n@cache\ndef f(x: int = 0x1F) -> str:\n    \"\"\"Doc.\"\"\"\n    return f\"{x!r:>4}\" + 'a\\n'  # c\n"),
    ("pycon", ">>> 1 / 0\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n>>> print('ok')\nok"),
    ("console", "$ pip install pelican\nCollecting pelican\n(venv) user@host:~$ echo \"$HOME\" | wc -c\n12"),
    ("bash", "for f in *.rst; do\n  echo \"${f%.rst}\" >> list.txt  # names\ndone\ncat <<EOF\nx\nEOF"),
    ("yaml", "jobs:\n  build:\n    run: |\n      make\n    with: {a: 1, b: 'two'}\n# end"),
    ("json", "{\"a\": [1, 2.5, true, null], \"b\": \"c\"}"),
    ("toml", "[tool.x]\nname = \"y\"\nn = 3\nwhen = 2024-01-01"),
    ("html", "<p class=\"x\">Hi &amp; bye</p>\n<script>let a = 1;</script>\n<style>p { color: red; }</style>"),
    ("rust", "fn main() {\n    let v: Vec<u8> = vec![1, 2];\n    println!(\"{v:?}\");\n}"),
    ("c", "#include <stdio.h>\nint main(void) {\n    printf(\"%d\\n\", 42);\n    return 0;\n}"),
    ("ruby", "class Post < Base\n  def slug = title.downcase.gsub(/\\W+/, '-')\n  puts \"#{@title}: #{:ok}\" if $DEBUG\nend"),
    ("php", "<?php\nfunction feed(array $posts): string {\n    return sprintf(\"%d posts\", count($posts)); // n\n}"),
    ("scala", "case class Post(title: String) extends Entry {\n  def slug: String = s\"${title.toLowerCase}-1\"\n}"),
    ("elixir", "defmodule Feed do\n  def latest(posts), do: Enum.take(posts, 10) |> IO.inspect(label: :latest)\nend"),
    ("elisp", "(defun my-post (title)\n  \"Make a post.\"\n  (interactive \"sTitle: \")\n  (message \"%s\" title))"),
    ("common-lisp", "(defun slug (title &optional (n 10))\n  (subseq (string-downcase title) 0 n)) ; cut"),
    ("swift", "import UIKit\nclass Feed: NSObject {\n    let posts: [String] = []\n}"),
    ("text", "plain <text> & more"),
    ("nosuchlanguage", "x = 1"),
];

/// Pygments' HTML for each block, as Pelican's directive makes it (an unknown language
/// is plain text), separated by NUL bytes.
fn pygments(blocks: &[(&str, &str)]) -> Vec<String> {
    let script = r#"
import json, sys
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name, TextLexer
from pygments.util import ClassNotFound
out = []
for lang, code in json.load(sys.stdin):
    try:
        lexer = get_lexer_by_name(lang)
    except ClassNotFound:
        lexer = TextLexer()
    out.append(highlight(code, lexer, HtmlFormatter()))
sys.stdout.write("\0".join(out))
"#;
    let input = serde_json::to_string(blocks).expect("blocks serialize");
    let mut child = Command::new(oracle_python())
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the oracle python starts");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write to python");
    let out = child.wait_with_output().expect("python finishes");
    assert!(out.status.success(), "pygments failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8").split('\0').map(str::to_string).collect()
}

/// Both sides escape `'` differently (`&#39;` against `'`); spans are otherwise equal.
fn normalize(html: &str) -> String {
    html.replace("&#39;", "'").trim_end().to_string()
}

#[test]
fn code_blocks_have_the_spans_pygments_writes() {
    let expected = pygments(BLOCKS);
    let mut failures = Vec::new();
    for ((lang, code), want) in BLOCKS.iter().zip(&expected) {
        let body: String = code.lines().map(|l| format!("    {l}\n")).collect();
        let src = format!(".. code-block:: {lang}\n\n{body}");
        let (doc, _) = folio_rst::parse(&src);
        let html = folio_rst::html::render(&doc);
        let start = html.find("<div class=\"highlight\">").unwrap_or(0);
        let got = &html[start..];
        if normalize(got) != normalize(want) {
            failures.push(format!("{lang}:\n  folio:    {got:?}\n  pygments: {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
