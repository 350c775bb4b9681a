//! docutils' own reST parser tests (test/test_parsers/test_rst and its test_directives, from
//! the docutils 0.23 sdist), run against our engine: each case's input is parsed up to
//! [`Stage::Parsed`] and printed by [`pseudo_xml::write`], and must equal docutils'
//! expected pseudo-XML.
//!
//! `make docutils-suite` extracts the cases (`docutils_suite/extract.py`, run with the oracle's
//! python) into `target/docutils-suite/cases.json`; `DOCUTILS_SUITE_CASES` names another file.
//!
//! Beside this file, `docutils_suite/out-of-scope.txt` lists cases we do not aim at, each with
//! its reason (every case docutils' default parser does not print as expected must be there),
//! and `docutils_suite/pending.txt` the in-scope cases not yet equal. The test fails when a
//! case outside the pending list differs (printing the diff) and when a listed case now
//! passes, so the list only shrinks. With `DOCUTILS_SUITE_REPORT=<file>` it also writes every
//! differing case (input, expected, ours) there as JSON; `docutils_suite/classify.py` ranks
//! those differences into classes by the first line that differs.

use std::collections::BTreeSet;
use std::path::PathBuf;

use folio_rst::{parse_with, pseudo_xml, Stage};
use serde_json::Value;

fn here(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/docutils_suite").join(name)
}

fn cases_path() -> PathBuf {
    match std::env::var_os("DOCUTILS_SUITE_CASES") {
        Some(p) => PathBuf::from(p),
        None => {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/docutils-suite/cases.json")
        }
    }
}

/// Non-empty, non-comment lines of a checked-in list.
fn list_lines(name: &str) -> Vec<String> {
    let path = here(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} is checked in: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// One out-of-scope entry: a case id, or a prefix of ids ending in `*`, then ` | reason`.
struct Scope {
    pattern: String,
    matched: bool,
}

impl Scope {
    fn covers(&self, id: &str) -> bool {
        match self.pattern.strip_suffix('*') {
            Some(prefix) => id.starts_with(prefix),
            None => id == self.pattern,
        }
    }
}

fn out_of_scope() -> Vec<Scope> {
    list_lines("out-of-scope.txt")
        .into_iter()
        .map(|l| {
            let (pattern, reason) = l.split_once(" | ").unwrap_or((&l, ""));
            assert!(!reason.trim().is_empty(), "out-of-scope.txt: `{l}` gives no reason");
            Scope { pattern: pattern.trim().to_string(), matched: false }
        })
        .collect()
}

/// The lines of `expected` and `ours` that differ, with a little context.
fn diff(expected: &str, ours: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let o: Vec<&str> = ours.lines().collect();
    let first = e.iter().zip(&o).position(|(a, b)| a != b).unwrap_or(e.len().min(o.len()));
    let from = first.saturating_sub(3);
    let mut out = String::new();
    for l in &e[from..e.len().min(first + 8)] {
        out.push_str(&format!("    - {l}\n"));
    }
    for l in &o[from..o.len().min(first + 8)] {
        out.push_str(&format!("    + {l}\n"));
    }
    out
}

#[test]
fn docutils_parser_tests_print_the_same_pseudo_xml_or_are_listed() {
    let path = cases_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; run make docutils-suite", path.display()));
    let data: Value = serde_json::from_str(&text).expect("cases.json is extract.py's JSON");
    let cases = data["cases"].as_array().expect("cases.json has a list of cases");
    assert!(
        cases.len() > 500,
        "only {} cases in {}: run make docutils-suite",
        cases.len(),
        path.display()
    );

    let mut scopes = out_of_scope();
    let pending: BTreeSet<String> = list_lines("pending.txt").into_iter().collect();
    let mut unlisted_divergent = Vec::new();
    let mut in_scope = 0;
    let mut equal = 0;
    let mut failing = BTreeSet::new();
    let mut regressions = String::new();
    let mut report = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or_default();
        let scope = scopes.iter_mut().find(|s| s.covers(id));
        let scoped_out = scope.is_some();
        if let Some(s) = scope {
            s.matched = true;
        }
        if case["default_parser_output_equal"] != Value::Bool(true) && !scoped_out {
            unlisted_divergent.push(id.to_string());
        }
        if scoped_out {
            continue;
        }
        in_scope += 1;
        let input = case["input"].as_str().unwrap_or_default();
        let expected = case["expected"].as_str().unwrap_or_default();
        let (doc, _) = parse_with(input, Stage::Parsed);
        let ours = pseudo_xml::write(&doc, input);
        if ours == expected {
            equal += 1;
            continue;
        }
        failing.insert(id.to_string());
        if !pending.contains(id) {
            regressions.push_str(&format!("{id} differs:\n{}", diff(expected, &ours)));
        }
        report.push(serde_json::json!({
            "id": id, "input": input, "expected": expected, "ours": ours,
        }));
    }
    let percent = if in_scope == 0 { 0.0 } else { 100.0 * equal as f64 / in_scope as f64 };
    let score = format!("docutils suite: {equal}/{in_scope} in-scope cases equal ({percent:.1} %)");
    println!("{score}");
    if let Some(out) = std::env::var_os("DOCUTILS_SUITE_REPORT") {
        let json = serde_json::to_string_pretty(&report).unwrap_or_default();
        std::fs::write(&out, json).unwrap_or_else(|e| panic!("cannot write the report: {e}"));
    }

    let mut msg = String::new();
    msg.push_str(&regressions);
    if !unlisted_divergent.is_empty() {
        msg.push_str(&format!(
            "docutils' parser with default settings does not print the expected text for these \
             cases (other settings or transforms): list them in out-of-scope.txt with why: \
             {unlisted_divergent:?}\n"
        ));
    }
    let stale: Vec<&str> =
        scopes.iter().filter(|s| !s.matched).map(|s| s.pattern.as_str()).collect();
    if !stale.is_empty() {
        msg.push_str(&format!("out-of-scope.txt names cases that do not exist: {stale:?}\n"));
    }
    let fixed: Vec<&String> = pending.iter().filter(|p| !failing.contains(*p)).collect();
    if !fixed.is_empty() {
        msg.push_str(&format!(
            "these cases now pass or are gone: remove them from pending.txt: {fixed:?}\n"
        ));
    }
    assert!(msg.is_empty(), "{score}\n{msg}");
}
