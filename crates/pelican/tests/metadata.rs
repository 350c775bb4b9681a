//! `folio_pelican::metadata` against `tests/metadata/metadata.json`: what the real
//! Pelican reader made of generated `tags`, `authors` and `status` fields (see
//! `tests/metadata/generate.py`).

use folio_pelican::metadata::{is_formatted, split_list, status, Status, StatusError};

const TABLE: &str = include_str!("metadata/metadata.json");

#[derive(serde::Deserialize)]
struct Table {
    formatted_fields: Vec<String>,
    lists: Vec<(String, String, serde_json::Value)>,
    statuses: Vec<(String, String)>,
}

fn table() -> Table {
    serde_json::from_str(TABLE).expect("metadata.json is the generator's JSON")
}

#[test]
fn list_fields_split_like_pelican() {
    let mut checked = 0;
    let mut differ = Vec::new();
    for (field, plain, expected) in table().lists {
        let ours = split_list(&plain);
        let agrees = match &expected {
            // Pelican drops a field whose list is empty.
            serde_json::Value::Null => ours.is_empty(),
            serde_json::Value::Array(items) => {
                let items: Vec<&str> = items.iter().filter_map(|i| i.as_str()).collect();
                ours == items
            }
            // docutils refuses this `authors` field: the reST engine's business, not the
            // list rule's.
            serde_json::Value::String(error) if error.starts_with('!') => continue,
            other => panic!("unexpected result in metadata.json: {other}"),
        };
        checked += 1;
        if !agrees {
            differ.push(format!("{field}: {plain:?}: pelican {expected}, folio {ours:?}"));
        }
    }
    assert!(checked >= 50, "only {checked} list rows; regenerate metadata.json");
    assert!(differ.is_empty(), "list fields differ from Pelican:\n{}", differ.join("\n"));
}

#[test]
fn status_values_are_judged_like_pelican() {
    let statuses = table().statuses;
    assert!(statuses.len() >= 15, "regenerate metadata.json");
    for (written, expected) in statuses {
        let ours = status(&written);
        let agrees = match (expected.as_str(), &ours) {
            ("published", Ok(Status::Published))
            | ("hidden", Ok(Status::Hidden))
            | ("draft", Ok(Status::Draft))
            | ("!skip-stub", Ok(Status::Skip))
            | ("!assert", Err(StatusError::SkipNotLowercase { .. })) => true,
            (unknown, Err(StatusError::Unknown { status })) => {
                unknown.strip_prefix("!unknown ") == Some(status.as_str())
            }
            _ => false,
        };
        assert!(agrees, "status {written:?}: pelican {expected}, folio {ours:?}");
    }
}

#[test]
fn the_formatted_fields_are_pelicans_defaults() {
    let fields = table().formatted_fields;
    assert!(!fields.is_empty());
    for field in &fields {
        assert!(is_formatted(field), "Pelican formats {field}");
    }
    for field in ["title", "tags", "date", "status", "slug", "category", "author"] {
        assert_eq!(is_formatted(field), fields.iter().any(|f| f == field), "{field}");
    }
}
