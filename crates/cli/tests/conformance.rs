//! Conformance against Pelican's own output (`../shared/conformance`), judged by the
//! project's judge, `compare.py`, so the test and the judge cannot disagree.
//!
//! Until every case passes, `crates/rst/tests/conformance-pending.txt` lists the cases not
//! yet equal. The test fails when a case outside the list differs (printing the diff) and
//! when a listed case now passes (so the list only shrinks).

mod support;

#[test]
fn every_conformance_case_renders_like_pelican_or_is_listed_as_pending() {
    let verdict = support::judge(None);
    let score = &verdict.score;
    println!("{score}");
    assert!(score.starts_with("conformance:"), "the judge did not finish: {}", verdict.report);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../rst/tests/conformance-pending.txt");
    let pending = support::read_pending(std::path::Path::new(path));
    let msg = verdict.against(&pending, "conformance-pending.txt", |_| true);
    assert!(msg.is_empty(), "{score}\n{msg}");
}
