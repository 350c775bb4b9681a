//! Math against docutils' math2html: `tests/math/expected.json` holds formulas built from
//! every entry of math2html's tables and its constructions, each converted by the real
//! docutils inline and displayed (`tests/math/generate.py`, run with the oracle's python).
//! Every formula must convert as docutils converts it, except those listed in
//! `tests/math/pending.txt` (a list that only shrinks: a listed formula that now
//! converts equal fails the test too). `UPDATE_PENDING=1` rewrites the list.

use std::collections::BTreeSet;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/math");

#[test]
fn every_formula_converts_as_math2html_converts_it_or_is_pending() {
    let text = std::fs::read_to_string(format!("{DIR}/expected.json")).expect("expected.json");
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).expect("a JSON list");
    assert!(cases.len() > 500, "the table covers math2html's tables");
    let pending_text = std::fs::read_to_string(format!("{DIR}/pending.txt")).unwrap_or_default();
    let pending: BTreeSet<&str> =
        pending_text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let mut differing = BTreeSet::new();
    let mut report = String::new();
    let mut judged = 0;
    for case in &cases {
        let tex = case["tex"].as_str().expect("tex");
        for (mode, display) in [("inline", false), ("display", true)] {
            // None: math2html fails on it, and docutils reports an error instead.
            let Some(expected) = case[mode].as_str() else { continue };
            judged += 1;
            let got = folio_rst::math::to_html(tex, display);
            if got != expected {
                let key = format!("{mode} {}", tex.escape_default());
                if !pending.contains(key.as_str()) {
                    report.push_str(&format!(
                        "{key}\n  docutils: {expected:?}\n  folio:    {got:?}\n"
                    ));
                }
                differing.insert(key);
            }
        }
    }
    println!("math: {}/{judged} conversions equal to math2html's", judged - differing.len());
    if std::env::var_os("UPDATE_PENDING").is_some() {
        let mut out = String::from(
            "# Formulas (mode, then the TeX with escapes) not yet converted as math2html does;\n\
             # see tests/math.rs. Remove a line when it passes.\n",
        );
        for key in &differing {
            out.push_str(key);
            out.push('\n');
        }
        std::fs::write(format!("{DIR}/pending.txt"), out).expect("pending.txt is writable");
        return;
    }
    let fixed: Vec<&&str> = pending.iter().filter(|p| !differing.contains(**p)).collect();
    assert!(
        report.is_empty() && fixed.is_empty(),
        "{report}{}",
        fixed
            .iter()
            .map(|f| format!("now equal, remove from pending.txt: {f}\n"))
            .collect::<String>()
    );
}

#[test]
fn converting_grows_linearly_with_the_formula() {
    // Each pair of scripts is merged, and each \left matched with its \right, over the
    // formula's list of bits; unmatched and nested delimiters are the hard cases.
    for (name, unit) in [
        ("scripts", "x_i^2 + "),
        ("nested delimiters", r"\left( \frac{a}{b} "),
        ("unmatched delimiters", r"\left( a \right) \right] \left[ "),
    ] {
        let (small, large) = (unit.repeat(1_000), unit.repeat(4_000));
        for display in [false, true] {
            folio_test_support::assert_linear(
                &format!("math with {name}"),
                4,
                small.as_str(),
                large.as_str(),
                |tex| {
                    folio_rst::math::to_html(tex, display);
                },
            );
        }
    }
}
