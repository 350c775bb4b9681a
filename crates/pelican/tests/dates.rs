//! Every row of `tests/dates/dates.json` (what the real `pelican.utils.get_date` made of
//! each text, see `tests/dates/generate.py`) against `folio_pelican::date::get_date`.
//!
//! Rows that still differ are listed in `tests/dates/pending.txt` (one JSON string per
//! line, the row's text). The test fails when a row outside the list differs, and when a
//! listed row now agrees, so the list only shrinks.

use std::collections::BTreeSet;

use folio_pelican::date::{get_date, DateError, Today};

const TABLE: &str = include_str!("dates/dates.json");
const PENDING: &str = include_str!("dates/pending.txt");

#[derive(serde::Deserialize)]
struct Table {
    groups: Vec<Group>,
}

#[derive(serde::Deserialize)]
struct Group {
    today: String,
    rows: Vec<(String, String)>,
}

fn today_of(text: &str) -> Today {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else { panic!("the table's today is YYYY-MM-DD: {text}") };
    let (y, m, d) = (y.parse().ok(), m.parse().ok(), d.parse().ok());
    let today = match (y, m, d) {
        (Some(y), Some(m), Some(d)) => Today::new(y, m, d),
        _ => None,
    };
    today.unwrap_or_else(|| panic!("the table's today is a real day: {text}"))
}

/// Whether our result is the one Pelican recorded.
fn agrees(expected: &str, actual: &Result<folio_pelican::date::PelicanDate, DateError>) -> bool {
    match (expected.strip_prefix('!'), actual) {
        (None, Ok(date)) => date.to_string() == expected,
        // The message Pelican shows, word for word.
        (Some(raised), Err(e @ DateError::NotADate { .. }))
            if raised.starts_with("ValueError: ") =>
        {
            raised["ValueError: ".len()..] == e.to_string()
        }
        (Some(raised), Err(DateError::OffsetOutOfRange { .. }))
            if raised.starts_with("isoformat") =>
        {
            true
        }
        // OverflowError and the like: Pelican does not read these either.
        (Some(raised), Err(_)) => {
            !raised.starts_with("ValueError") && !raised.starts_with("isoformat")
        }
        _ => false,
    }
}

#[test]
fn every_generated_date_reads_like_pelican_or_is_listed_as_pending() {
    let table: Table = serde_json::from_str(TABLE).expect("dates.json is the generator's JSON");
    let pending: BTreeSet<String> = PENDING
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l).expect("pending.txt holds one JSON string per line"))
        .collect();
    let (mut total, mut passing) = (0, 0);
    let mut unexpected = Vec::new();
    let mut fixed = BTreeSet::new();
    let mut still_pending = BTreeSet::new();
    for group in &table.groups {
        let today = today_of(&group.today);
        for (text, expected) in &group.rows {
            total += 1;
            let actual = get_date(text, today);
            let ok = agrees(expected, &actual);
            passing += usize::from(ok);
            let shown = match &actual {
                Ok(date) => date.to_string(),
                Err(e) => format!("error: {e}"),
            };
            match (ok, pending.contains(text)) {
                (false, false) => unexpected.push(format!(
                    "today {}: {text:?}\n    pelican: {expected}\n    folio:   {shown}",
                    group.today
                )),
                (true, true) => {
                    fixed.insert(text.clone());
                }
                (false, true) => {
                    still_pending.insert(text.clone());
                }
                (true, false) => {}
            }
        }
    }
    eprintln!("{passing} of {total} generated dates agree with Pelican");
    assert!(total >= 5000, "the table has {total} rows; regenerate it with generate.py");
    let fixed: Vec<_> = fixed.difference(&still_pending).collect();
    assert!(
        unexpected.is_empty(),
        "{} rows differ from Pelican:\n{}",
        unexpected.len(),
        unexpected.iter().take(60).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(
        fixed.is_empty(),
        "these pending rows now agree; remove them from pending.txt: {fixed:?}"
    );
}
