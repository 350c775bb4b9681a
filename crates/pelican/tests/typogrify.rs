//! typogrify in Rust against typogrify 2.1 itself: every row `generate.py` recorded, and
//! the conformance posts run through the oracle Python at test time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use folio_pelican::typogrify::{Dashes, Typogrify, TypogrifyOptions};
use folio_test_support::oracle_python;
use serde_json::Value;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn typogrify_for(dashes: &str, ignore_tags: &[String]) -> Typogrify {
    let options = TypogrifyOptions {
        ignore_tags: ignore_tags.to_vec(),
        dashes: Dashes::from_setting(dashes),
        ..TypogrifyOptions::default()
    };
    match Typogrify::new(&options) {
        Ok(t) => t,
        Err(e) => panic!("the recorded configuration is refused: {e}"),
    }
}

/// Shows where two outputs part, for a failure message a person can read.
fn first_difference(expected: &str, actual: &str) -> String {
    let at = expected
        .char_indices()
        .zip(actual.chars())
        .find(|((_, e), a)| e != a)
        .map_or(expected.len().min(actual.len()), |((i, _), _)| i);
    let from = expected[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let tail = |s: &str| s.get(from..).unwrap_or("").chars().take(120).collect::<String>();
    format!("  expected …{:?}\n  actual   …{:?}", tail(expected), tail(actual))
}

/// Runs every row of `generate.py`'s JSON under every configuration it names; returns
/// how many were checked and how each failure reads.
fn check_rows(data: &Value) -> (usize, Vec<String>) {
    let configs = data["configs"].as_object().cloned().unwrap_or_default();
    assert_eq!(configs.len(), 7, "generate.py records seven configurations");
    let cases = data["cases"].as_array().cloned().unwrap_or_default();
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, config) in &configs {
        let ignore: Vec<String> = config["ignore_tags"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        let typogrify = typogrify_for(config["dashes"].as_str().unwrap_or("default"), &ignore);
        for case in &cases {
            let html = case["html"].as_str().unwrap_or_default();
            let expected = case["differs"][name.as_str()]
                .as_str()
                .or_else(|| case["default"].as_str())
                .unwrap_or_default();
            let actual = typogrify.apply(html);
            checked += 1;
            if actual != expected {
                failures
                    .push(format!("[{name}] {html:?}\n{}", first_difference(expected, &actual)));
            }
        }
    }
    (checked, failures)
}

fn assert_no_failures(checked: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {checked} rows differ from typogrify:\n{}",
        failures.len(),
        failures.iter().take(15).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_recorded_fragment_comes_out_as_typogrify_writes_it() {
    let path = manifest_dir().join("tests/typogrify/cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let data: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let rows = data["cases"].as_array().map_or(0, Vec::len);
    assert!(rows > 500, "the generator wrote only {rows} rows");
    let (checked, failures) = check_rows(&data);
    assert_no_failures(checked, &failures);
}

/// How many random fragments the oracle makes at test time, beyond the committed ones.
const FUZZ_ROWS: &str = "3000";

#[test]
fn random_fragments_come_out_as_typogrify_writes_them() {
    let script = manifest_dir().join("tests/typogrify/generate.py");
    let output = Command::new(oracle_python())
        .arg(&script)
        .args(["--fuzz", FUZZ_ROWS, "1"])
        .env("PYTHONHASHSEED", "0")
        .output()
        .unwrap_or_else(|e| panic!("the oracle Python does not start: {e}"));
    assert!(
        output.status.success(),
        "generate.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let data: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    let (checked, failures) = check_rows(&data);
    assert!(checked >= 21_000, "only {checked} rows were checked");
    assert_no_failures(checked, &failures);
}

const RUN_TYPOGRIFY: &str = r#"
import json, sys
import smartypants
from typogrify.filters import typogrify
smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w
json.dump([typogrify(t, []) for t in json.load(sys.stdin)], sys.stdout)
"#;

#[test]
fn conformance_posts_come_out_as_typogrify_writes_them() {
    let dir = manifest_dir().join("../../../shared/conformance/expected");
    let dir =
        if dir.exists() { dir } else { manifest_dir().join("../../shared/conformance/expected") };
    let mut contents = Vec::new();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the conformance cases are missing at {}: {e}", dir.display()));
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for path in names.iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if let Some(content) = value["content"].as_str() {
            contents.push((path.clone(), content.to_owned()));
        }
        if let Some(title) = value["title"].as_str() {
            contents.push((path.clone(), title.to_owned()));
        }
    }
    assert!(contents.len() > 50, "only {} conformance contents found", contents.len());
    let mut child = Command::new(oracle_python())
        .args(["-c", RUN_TYPOGRIFY])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the oracle Python does not start: {e}"));
    let input: Vec<&str> = contents.iter().map(|(_, c)| c.as_str()).collect();
    let input = serde_json::to_vec(&input).unwrap_or_default();
    if let Some(mut stdin) = child.stdin.take() {
        std::io::Write::write_all(&mut stdin, &input).unwrap_or_else(|e| panic!("{e}"));
    }
    let output = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success(), "typogrify failed in the oracle Python");
    let expected: Vec<String> = serde_json::from_slice(&output.stdout).unwrap_or_default();
    assert_eq!(expected.len(), contents.len());
    let ours = typogrify_for("default", &[]);
    let mut changed = 0;
    let mut failures = Vec::new();
    for ((path, content), expected) in contents.iter().zip(&expected) {
        if expected != content {
            changed += 1;
        }
        let actual = ours.apply(content);
        if &actual != expected {
            failures.push(format!("{}\n{}", path.display(), first_difference(expected, &actual)));
        }
    }
    assert!(changed > 20, "typogrify changed only {changed} contents, so this proves little");
    assert!(
        failures.is_empty(),
        "{} of {} contents differ:\n{}",
        failures.len(),
        contents.len(),
        failures.join("\n")
    );
}
