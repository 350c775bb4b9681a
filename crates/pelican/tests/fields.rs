//! `folio_pelican::metadata::FIELDS` against the real Pelican: every field its reader
//! processes is offered, and every field offered is one Pelican's reader or content
//! classes read.

use std::process::Command;

use folio_pelican::metadata::FIELDS;
use folio_test_support::{oracle_python, oracle_sdist};

#[test]
fn every_field_pelicans_reader_processes_is_offered() {
    let out = Command::new(oracle_python())
        .args(["-c", "from pelican.readers import METADATA_PROCESSORS as m; print('\\n'.join(m))"])
        .output()
        .expect("the oracle's Python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let processed = String::from_utf8_lossy(&out.stdout).into_owned();
    let missing: Vec<&str> = processed.lines().filter(|f| !FIELDS.contains(f)).collect();
    assert!(processed.lines().count() >= 5, "Pelican processes several fields: {processed}");
    assert_eq!(missing, Vec::<&str>::new());
}

#[test]
fn every_field_offered_is_one_pelicans_source_reads() {
    let root = oracle_sdist("pelican-").join("pelican");
    let source: String = ["contents.py", "readers.py", "generators.py", "utils.py"]
        .iter()
        .map(|f| std::fs::read_to_string(root.join(f)).expect("Pelican's sdist is unpacked"))
        .collect();
    let unread: Vec<&&str> = FIELDS
        .iter()
        .filter(|f| !source.contains(&format!("\"{f}\"")) && !source.contains(&format!("'{f}'")))
        .collect();
    assert_eq!(unread, Vec::<&&str>::new());
}
