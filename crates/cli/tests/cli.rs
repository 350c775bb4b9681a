//! The `folio` binary as a user runs it.

use std::process::Command;

fn folio() -> Command {
    Command::new(env!("CARGO_BIN_EXE_folio"))
}

#[test]
fn new_creates_a_blog_that_list_then_shows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("myblog");
    let status = folio().arg("new").arg(&dir).status().unwrap();
    assert!(status.success());
    assert!(tmp.path().join("myblog-origin.git").join("HEAD").is_file(), "a bare origin beside it");
    let out = folio().arg("list").arg(&dir).output().unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing
            .contains("content/farewell-to-anaconda.rst\t2020-03-20 14:30\tA Farewell to Anaconda"),
        "{listing}"
    );
}

#[test]
fn render_json_prints_one_object_per_file_with_the_contract_keys() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.rst");
    let b = tmp.path().join("b.rst");
    std::fs::write(&a, "Alpha\n=====\n\n:tags: x, y\n\nSome *text*.\n").unwrap();
    std::fs::write(&b, "Unclosed *emphasis\n").unwrap();
    let out = folio().args(["render", "--json"]).arg(&a).arg(&b).output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> =
        stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["title"], "Alpha");
    assert_eq!(
        lines[0]["metadata"]["tags"],
        serde_json::json!(["x", "y"]),
        "tags split like Pelican"
    );
    assert_eq!(lines[0]["content"], "<p>Some <em>text</em>.</p>\n");
    let diag = &lines[1]["diagnostics"][0];
    assert_eq!((diag["line"].as_u64(), diag["severity"].as_str()), (Some(1), Some("warning")));
}

#[test]
fn render_of_a_missing_file_fails_with_its_name() {
    let out = folio().args(["render", "/no/such/post.rst"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/post.rst"));
}
