//! Directive cases (`tests/directives/*.rst`) rendered by Pelican's oracle at test time and
//! judged against `folio render --json` by the project's judge, `compare.py`: the HTML of
//! the valid directives (classes, ids from `:name:`) and, for posts Pelican refuses, the
//! error on the line docutils names.

use folio_test_support::oracle_python;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance")
}

#[test]
fn directive_cases_render_as_pelican_renders_them() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/directives");
    let expected = tempfile::tempdir().expect("a temporary folder");
    let oracle = Command::new(oracle_python())
        .arg(shared().join("tools/oracle.py"))
        .arg("--dir")
        .arg(&cases)
        .arg("--out")
        .arg(expected.path())
        .output()
        .expect("the oracle runs");
    assert!(
        oracle.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&oracle.stderr)
    );
    let judged = Command::new("python3")
        .arg(shared().join("tools/compare.py"))
        .arg("--cases")
        .arg(&cases)
        .arg("--expected")
        .arg(expected.path())
        .args(["-v", "--"])
        .arg(env!("CARGO_BIN_EXE_folio"))
        .args(["render", "--json"])
        .output()
        .expect("python3 runs the judge");
    let report = String::from_utf8_lossy(&judged.stdout);
    let count = std::fs::read_dir(&cases).map(|d| d.count()).unwrap_or(0);
    assert!(count >= 2, "the directive cases are checked in");
    assert!(judged.status.success(), "{report}{}", String::from_utf8_lossy(&judged.stderr));
}
