//! Data-driven snapshots: for every `tests/cases/NAME.rst`, the diagnostics
//! (`NAME.diag`: `line:column severity: message`, 1-based) and the tree as pseudo-XML with
//! spans (`NAME.tree`). Re-bless with `UPDATE_EXPECT=1 cargo test -p folio-rst --test snapshots`.

use std::path::{Path, PathBuf};

use folio_rst::{parse, LineIndex};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rst"))
        .collect();
    v.sort();
    v
}

fn diagnostics(text: &str) -> String {
    let (_, diags) = parse(text);
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diags {
        let at = index.line_col(text, d.span.start);
        out.push_str(&format!(
            "{}:{} {}: {}\n",
            at.line + 1,
            at.col + 1,
            d.severity.as_str(),
            d.message.replace('\n', " / ")
        ));
    }
    out
}

fn check(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).expect("snapshot is writable");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        failures.push(format!(
            "{} differs\n--- expected\n{expected}--- actual\n{actual}",
            path.display()
        ));
    }
}

#[test]
fn diagnostics_and_trees_match_their_snapshots() {
    let mut failures = Vec::new();
    for case in cases() {
        let text = std::fs::read_to_string(&case).expect("case is UTF-8");
        check(&case.with_extension("diag"), &diagnostics(&text), &mut failures);
        let (doc, _) = parse(&text);
        check(&case.with_extension("tree"), &doc.pseudo_xml(), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_case_reports_a_warning_or_worse() {
    for case in cases() {
        let name = case.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(&case).expect("case is UTF-8");
        let (_, diags) = parse(&text);
        let serious = diags.iter().any(|d| d.severity >= folio_rst::Severity::Warning);
        assert_eq!(serious, name.starts_with("error-"), "{name}: {diags:?}");
    }
}
