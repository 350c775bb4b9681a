//! How docutils reads a table's cells, for the editor's table alignment: it refuses an
//! edit after which a table would read differently. Pure: text in, a reading out.

use folio_rst::{Document, NodeId, NodeKind};

/// A table's cells as the engine reads the first table in `text`: header rows, columns,
/// and each cell's spans and content (node kinds with their text), one line per cell;
/// column widths are left out, since aligning a table widens them. `None` when `text` holds
/// no table or the engine reports an error or warning in it (a table out of line).
pub fn table_reading(text: &str) -> Option<String> {
    let (doc, diagnostics) = folio_rst::parse(text);
    if diagnostics.iter().any(|d| d.severity.level() >= 2) {
        return None;
    }
    let table = doc
        .descendants(doc.root())
        .into_iter()
        .find(|&n| matches!(doc.kind(n), NodeKind::Table { .. }))?;
    let NodeKind::Table { widths, head, .. } = doc.kind(table) else {
        return None;
    };
    let mut out = format!("columns {} head {head}\n", widths.len());
    for row in doc.children(table) {
        if !matches!(doc.kind(row), NodeKind::Row) {
            continue;
        }
        out.push_str("row\n");
        for cell in doc.children(row) {
            if let NodeKind::Cell { morecols, morerows } = doc.kind(cell) {
                out.push_str(&format!("  cell {morecols} {morerows}: {}\n", content(&doc, cell)));
            }
        }
    }
    Some(out)
}

/// A cell's content: each node below it by kind (a nested table's widths left out too).
fn content(doc: &Document, cell: NodeId) -> String {
    doc.descendants(cell)
        .into_iter()
        .map(|n| match doc.kind(n) {
            NodeKind::Table { head, .. } => format!("Table {head}"),
            kind => format!("{kind:?}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::table_reading;

    const GRID: &str =
        "+------+----+\n| a    | *b*|\n+======+====+\n| 日本 | c  |\n+------+----+\n";

    #[test]
    fn a_grid_table_reads_the_same_after_its_columns_are_widened() {
        let wider = "+-------+------+\n| a     | *b*  |\n+=======+======+\n| 日本  | c    |\n+-------+------+\n";
        let reading = table_reading(GRID).expect("a table");
        assert!(reading.starts_with("columns 2 head 1\n"), "{reading}");
        assert!(
            reading.contains("Emphasis"),
            "the cell's markup is part of the reading: {reading}"
        );
        assert_eq!(table_reading(wider).as_deref(), Some(reading.as_str()));
    }

    #[test]
    fn a_list_table_of_the_same_cells_reads_as_the_grid_table() {
        let list =
            ".. list-table::\n   :header-rows: 1\n\n   * - a\n     - *b*\n   * - 日本\n     - c\n";
        assert_eq!(table_reading(list), table_reading(GRID));
    }

    #[test]
    fn a_simple_table_reads_as_the_list_table_of_its_cells() {
        let simple = "=====  =====\nA      B\n=====  =====\nlong   ``x``\n=====  =====\n";
        let list = ".. list-table::\n   :header-rows: 1\n\n   * - A\n     - B\n   * - long\n     - ``x``\n";
        assert!(table_reading(simple).is_some());
        assert_eq!(table_reading(simple), table_reading(list));
    }

    #[test]
    fn a_cell_moved_to_another_column_or_a_table_out_of_line_reads_differently() {
        let moved = "+------+----+\n| *b*  | a  |\n+======+====+\n| 日本 | c  |\n+------+----+\n";
        assert_ne!(table_reading(moved), table_reading(GRID));
        let ragged =
            "+------+----+\n| a    | *b*|\n+======+====+\n| 日本 more | c  |\n+------+----+\n";
        assert_eq!(table_reading(ragged), None, "a row pushed out of line is no table");
        assert_eq!(table_reading("Just text.\n"), None);
    }
}
