//! Conformance against Pelican's own output (`../shared/conformance`), judged by the
//! project's judge, `compare.py`, so the test and the judge cannot disagree.
//!
//! Until every case passes, `crates/rst/tests/conformance-pending.txt` lists the cases not
//! yet equal. The test fails when a case outside the list differs (printing the diff) and
//! when a listed case now passes (so the list only shrinks).

use std::collections::BTreeSet;

mod support;

fn pending() -> BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rst/tests/conformance-pending.txt");
    let text = std::fs::read_to_string(path).expect("the pending list is checked in");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn every_conformance_case_renders_like_pelican_or_is_listed_as_pending() {
    let support::Verdict { score, failing, details, report } = support::judge(None);
    println!("{score}");
    assert!(score.starts_with("conformance:"), "the judge did not finish: {report}");
    let pending = pending();
    let regressions: Vec<&(String, String)> =
        details.iter().filter(|(n, _)| !pending.contains(n)).collect();
    let fixed: Vec<&String> = pending.iter().filter(|n| !failing.contains(*n)).collect();
    let mut msg = String::new();
    for (_, d) in &regressions {
        msg.push_str(d);
        msg.push('\n');
    }
    if !fixed.is_empty() {
        msg.push_str(&format!(
            "these cases now pass: remove them from conformance-pending.txt: {fixed:?}\n"
        ));
    }
    assert!(msg.is_empty(), "{score}\n{msg}");
}
