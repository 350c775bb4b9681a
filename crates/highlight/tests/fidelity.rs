//! Per language, the share of characters Folio gives the same Pygments class as Pygments
//! does, over the corpus (see `corpus`). Prints a table; fails when a language drops
//! below its floor in `tests/fidelity-floors.txt`. `make fidelity` runs it;
//! `UPDATE_FLOORS=1` writes the measured shares as the new floors.

mod corpus;

use std::collections::BTreeMap;

#[test]
fn every_language_agrees_with_pygments_at_least_as_well_as_its_floor() {
    let examples = corpus::examplefiles();
    let floors_path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fidelity-floors.txt");
    let floors: BTreeMap<String, f64> = std::fs::read_to_string(floors_path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?.to_string(), w.next()?.parse().ok()?))
        })
        .collect();
    let mut failures = Vec::new();
    let mut measured = String::from(
        "# Per language, the least share (%) of characters Folio must class as Pygments does.\n\
         # Written by UPDATE_FLOORS=1 cargo test -p folio-highlight --test fidelity.\n",
    );
    println!("{:<12} {:>6} {:>9} {:>8} {:>7}", "language", "files", "chars", "agree %", "floor");
    for &(alias, folder) in corpus::LANGUAGES {
        let samples = corpus::samples(alias, folder, &examples);
        assert!(!samples.is_empty(), "{alias}: no samples to measure");
        let (mut same, mut total) = (0, 0);
        for s in &samples {
            let (a, b) = corpus::agreement(alias, s);
            same += a;
            total += b;
            if std::env::var_os("FIDELITY_FILES").is_some() {
                println!("    {:>7.2}  {}", 100.0 * a as f64 / b.max(1) as f64, s.path.display());
            }
        }
        let share = 100.0 * same as f64 / total.max(1) as f64;
        let floor = floors.get(alias).copied();
        measured.push_str(&format!("{alias} {:.2}\n", (share * 100.0).floor() / 100.0));
        println!(
            "{alias:<12} {:>6} {total:>9} {share:>8.2} {:>7}",
            samples.len(),
            floor.map_or("-".to_string(), |f| format!("{f:.2}"))
        );
        if let Some(f) = floor {
            if share + 1e-9 < f {
                failures.push(format!("{alias}: {share:.2} % is below its floor {f:.2} %"));
            }
        }
    }
    if std::env::var_os("UPDATE_FLOORS").is_some() {
        std::fs::write(floors_path, measured).expect("the floors file is writable");
        return;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
