//! Grid and simple tables: geometry is found on a grid of characters, cell contents are
//! parsed as body elements over views of the original lines.

use crate::block::{BlockParser, Line};
use crate::tree::{NodeId, NodeKind};
use crate::{Severity, Span};

/// Widest table (in characters) whose geometry is scanned. Motivated by a 5,000-column table:
/// the corner scan revisits columns, so very wide tables are kept as literal text.
pub const MAX_TABLE_WIDTH: usize = 2_000;

/// Most cells a table may have, for the same reason.
pub const MAX_TABLE_CELLS: usize = 10_000;

struct Grid {
    rows: Vec<Vec<char>>,
    /// Byte offset (in the source) of every char column, per row, plus the end.
    offs: Vec<Vec<u32>>,
}

impl Grid {
    fn new(p: &BlockParser<'_>, lines: &[Line]) -> Grid {
        let mut rows = Vec::new();
        let mut offs = Vec::new();
        for l in lines {
            let t = p.text_of(*l);
            let mut o: Vec<u32> = t.char_indices().map(|(k, _)| l.start + k as u32).collect();
            o.push(l.start + t.len() as u32);
            rows.push(t.chars().collect());
            offs.push(o);
        }
        Grid { rows, offs }
    }
    fn at(&self, r: usize, c: usize) -> char {
        self.rows.get(r).and_then(|row| row.get(c)).copied().unwrap_or(' ')
    }
    fn off(&self, r: usize, c: usize) -> u32 {
        let o = &self.offs[r];
        o[c.min(o.len() - 1)]
    }
}

struct Cell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

fn scan_cell(
    g: &Grid,
    top: usize,
    left: usize,
    height: usize,
    width: usize,
) -> Option<(usize, usize)> {
    for right in left + 1..width {
        match g.at(top, right) {
            '+' => {
                if let Some(bottom) = scan_down(g, top, left, right, height) {
                    return Some((bottom, right));
                }
            }
            '-' | '=' => {}
            _ => return None,
        }
    }
    None
}

fn scan_down(g: &Grid, top: usize, left: usize, right: usize, height: usize) -> Option<usize> {
    for bottom in top + 1..height {
        match g.at(bottom, right) {
            '+' => {
                if scan_left(g, top, left, bottom, right) {
                    return Some(bottom);
                }
            }
            '|' => {}
            _ => return None,
        }
    }
    None
}

fn scan_left(g: &Grid, top: usize, left: usize, bottom: usize, right: usize) -> bool {
    for c in (left + 1..right).rev() {
        if !matches!(g.at(bottom, c), '-' | '=' | '+') {
            return false;
        }
    }
    if g.at(bottom, left) != '+' {
        return false;
    }
    (top + 1..bottom).all(|r| matches!(g.at(r, left), '|' | '+'))
}

/// Parses a grid table at `lines[i]`; `None` when it is not one.
pub(crate) fn grid(
    p: &mut BlockParser<'_>,
    lines: &[Line],
    i: usize,
    parent: NodeId,
    depth: u32,
) -> Option<usize> {
    let mut j = i;
    while j < lines.len() && {
        let t = p.text_of(lines[j]);
        t.starts_with('+') || t.starts_with('|')
    } {
        j += 1;
    }
    let block = &lines[i..j];
    let g = Grid::new(p, block);
    let height = g.rows.len();
    let width = g.rows[0].len();
    let span = p.span_lines(block);
    if width > MAX_TABLE_WIDTH {
        p.diag(
            span,
            Severity::Warning,
            format!("The table is wider than {MAX_TABLE_WIDTH} characters; it is shown as text."),
        );
        let text = p.literal_of(block);
        p.doc.push(parent, NodeKind::LiteralBlock(text.into()), span);
        return Some(j);
    }
    if height < 2
        || g.rows.iter().any(|r| r.len() != width)
        || !g.rows[height - 1].iter().all(|c| matches!(c, '+' | '-' | '='))
    {
        let text = p.literal_of(block);
        p.system_message(parent, span, Severity::Error, "Malformed table.", Some(&text));
        return Some(j);
    }
    let mut cells = Vec::new();
    let mut done = vec![0usize; width];
    let mut corners = vec![(0usize, 0usize)];
    let mut seen = std::collections::HashSet::new();
    while let Some((top, left)) = corners.pop() {
        if top + 1 >= height
            || left + 1 >= width
            || (top > 0 && top < done[left])
            || !seen.insert((top, left))
        {
            continue;
        }
        if cells.len() >= MAX_TABLE_CELLS {
            p.diag(
                span,
                Severity::Warning,
                format!("The table has more than {MAX_TABLE_CELLS} cells; the rest are left out."),
            );
            break;
        }
        let Some((bottom, right)) = scan_cell(&g, top, left, height, width) else { continue };
        for d in done.iter_mut().take(right).skip(left) {
            *d = bottom;
        }
        cells.push(Cell { top, left, bottom, right });
        corners.push((bottom, left));
        corners.push((top, right));
        corners.sort_by(|a, b| b.cmp(a));
    }
    if cells.is_empty() {
        let text = p.literal_of(block);
        p.system_message(parent, span, Severity::Error, "Malformed table.", Some(&text));
        return Some(j);
    }
    let mut colseps: Vec<usize> = cells.iter().flat_map(|c| [c.left, c.right]).collect();
    colseps.sort_unstable();
    colseps.dedup();
    let mut rowseps: Vec<usize> = cells.iter().flat_map(|c| [c.top, c.bottom]).collect();
    rowseps.sort_unstable();
    rowseps.dedup();
    let head_line =
        (1..height).find(|&r| g.rows[r].first() == Some(&'+') && g.rows[r].contains(&'='));
    let head = head_line.map_or(0, |h| rowseps.iter().filter(|&&r| r < h).count());
    let widths: Vec<u32> = colseps.windows(2).map(|w| (w[1] - w[0] - 1) as u32).collect();
    let table = p.doc.push(parent, NodeKind::Table { widths, head: head as u32 }, span);
    cells.sort_by_key(|c| (c.top, c.left));
    let mut row_nodes: Vec<(usize, NodeId)> = Vec::new();
    for c in &cells {
        let row = match row_nodes.iter().find(|r| r.0 == c.top) {
            Some(r) => r.1,
            None => {
                let r = p.doc.push(
                    table,
                    NodeKind::Row,
                    Span { start: g.off(c.top, 0), end: g.off(c.top, 0) },
                );
                row_nodes.push((c.top, r));
                r
            }
        };
        let morecols = colseps.iter().filter(|&&s| s > c.left && s < c.right).count() as u32;
        let morerows = rowseps.iter().filter(|&&s| s > c.top && s < c.bottom).count() as u32;
        let cspan = Span { start: g.off(c.top, c.left), end: g.off(c.bottom, c.right + 1) };
        let cell = p.doc.push(row, NodeKind::Cell { morecols, morerows }, cspan);
        let body: Vec<Line> = (c.top + 1..c.bottom)
            .map(|r| trim_end(p, Line { start: g.off(r, c.left + 1), end: g.off(r, c.right) }))
            .collect();
        let body = p.dedent_lines(&body);
        p.parse_blocks(&body, cell, depth + 1, false);
    }
    Some(j)
}

/// Parses a simple table at `lines[i]`; `None` when it is not one.
pub(crate) fn simple(
    p: &mut BlockParser<'_>,
    lines: &[Line],
    i: usize,
    parent: NodeId,
    depth: u32,
) -> Option<usize> {
    let border = p.text_of(lines[i]).trim_end();
    let is_border =
        |t: &str| !t.trim().is_empty() && t.trim_end().chars().all(|c| c == '=' || c == ' ');
    // Columns: runs of '='.
    let mut cols: Vec<(usize, usize)> = Vec::new();
    let b = border.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k] == b'=' {
            let s = k;
            while k < b.len() && b[k] == b'=' {
                k += 1;
            }
            cols.push((s, k));
        } else {
            k += 1;
        }
    }
    if cols.len() < 2 || cols.len() > MAX_TABLE_CELLS {
        return None;
    }
    // Find the end: a border followed by a blank line or the end.
    let mut borders = vec![i];
    let mut j = i + 1;
    let mut end = None;
    while j < lines.len() {
        let t = p.text_of(lines[j]);
        if is_border(t) {
            borders.push(j);
            if j + 1 >= lines.len() || p.text_of(lines[j + 1]).trim().is_empty() {
                end = Some(j);
                break;
            }
        }
        j += 1;
    }
    let end = end?;
    let span = p.span_lines(&lines[i..=end]);
    let head_end = if borders.len() >= 3 { Some(borders[1]) } else { None };
    let mut widths: Vec<u32> = cols.iter().map(|c| (c.1 - c.0) as u32).collect();
    let ncols = cols.len();
    // The last column is open-ended: as wide as its longest text.
    let last_start = cols[ncols - 1].0;
    for l in &lines[i + 1..end] {
        let w = p.text_of(*l).trim_end().chars().count().saturating_sub(last_start) as u32;
        widths[ncols - 1] = widths[ncols - 1].max(w);
    }
    // Rows: (first line, lines, is head)
    let mut rows: Vec<(Vec<usize>, bool)> = Vec::new();
    #[allow(clippy::needless_range_loop)]
    for r in i + 1..end {
        if borders.contains(&r) {
            continue;
        }
        let t = p.text_of(lines[r]);
        let is_head = head_end.is_some_and(|h| r < h);
        if t.trim().is_empty() {
            continue;
        }
        // A column-span underline belongs to the row above it.
        if t.trim_end().chars().all(|c| c == '-' || c == ' ') {
            if let Some(last) = rows.last_mut() {
                last.0.push(r);
            }
            continue;
        }
        let first_blank = t.get(..cols[0].1.min(t.len())).is_none_or(|s| s.trim().is_empty());
        match rows.last_mut() {
            Some(last) if first_blank && last.1 == is_head => last.0.push(r),
            _ => rows.push((vec![r], is_head)),
        }
    }
    // Each row's column groups and text lines, found once for the check and the cells.
    let grouped: Vec<_> =
        rows.iter().map(|(row_lines, _)| row_groups(p, lines, row_lines, &cols)).collect();
    // docutils refuses text between two columns that no span underline joins.
    for (groups, text_lines) in &grouped {
        for &r in text_lines {
            let t = p.text_of(lines[r]);
            let in_margin = groups.windows(2).any(|pair| {
                let (from, to) = (cols[pair[0].1].1, cols[pair[1].0].0);
                t.get(floor_boundary(t, from.min(t.len()))..floor_boundary(t, to.min(t.len())))
                    .is_some_and(|gap| !gap.trim().is_empty())
            });
            if in_margin {
                let message =
                    format!("Malformed table.\nText in column margin in table line {}.", r - i + 1);
                let text = p.literal_of(&lines[i..=end]);
                // docutils names the line with the stray text.
                let at = p.span_lines(&[lines[r]]);
                p.system_message(parent, at, Severity::Error, &message, Some(&text));
                return Some(end + 1);
            }
        }
    }
    let head = rows.iter().filter(|r| r.1).count() as u32;
    let table = p.doc.push(parent, NodeKind::Table { widths, head }, span);
    for ((row_lines, _), (groups, text_lines)) in rows.into_iter().zip(grouped) {
        let row = p.doc.push(table, NodeKind::Row, p.span_lines(&[lines[row_lines[0]]]));
        // Detect body rows spanning all columns (text crossing column gaps) in the first line.
        for (c0, c1) in groups {
            let start = cols[c0].0;
            let stop = if c1 + 1 < ncols { cols[c1 + 1].0 } else { usize::MAX };
            let body: Vec<Line> = text_lines
                .iter()
                .map(|&r| {
                    let l = lines[r];
                    let t = p.text_of(l);
                    let a = start.min(t.len());
                    let b = stop.min(t.len());
                    let a = floor_boundary(t, a);
                    let b = floor_boundary(t, b).max(a);
                    trim_end(p, Line { start: l.start + a as u32, end: l.start + b as u32 })
                })
                .collect();
            let cspan = p.span_lines(&body);
            let cell =
                p.doc.push(row, NodeKind::Cell { morecols: (c1 - c0) as u32, morerows: 0 }, cspan);
            let body = p.dedent_lines(&body);
            p.parse_blocks(&body, cell, depth + 1, false);
        }
    }
    Some(end + 1)
}

/// A simple-table row's columns — one per border column, or the spans its `---` underline
/// draws — and its lines of text (the underline left out).
fn row_groups(
    p: &BlockParser<'_>,
    lines: &[Line],
    row_lines: &[usize],
    cols: &[(usize, usize)],
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let ncols = cols.len();
    let is_underline =
        |r: usize| p.text_of(lines[r]).trim_end().chars().all(|c| c == '-' || c == ' ');
    let text_lines: Vec<usize> = row_lines.iter().copied().filter(|&r| !is_underline(r)).collect();
    let Some(&u) = row_lines.iter().find(|&&r| is_underline(r)) else {
        return ((0..ncols).map(|c| (c, c)).collect(), text_lines);
    };
    let ub = p.text_of(lines[u]).as_bytes();
    let mut groups = Vec::new();
    let mut k = 0;
    while k < ub.len() {
        if ub[k] == b'-' {
            let s = k;
            while k < ub.len() && ub[k] == b'-' {
                k += 1;
            }
            let c0 = cols.iter().position(|c| c.0 >= s).unwrap_or(ncols - 1);
            let c1 = cols.iter().rposition(|c| c.0 < k).unwrap_or(c0).max(c0);
            groups.push((c0, c1));
        } else {
            k += 1;
        }
    }
    (groups, text_lines)
}

/// `l` without its trailing whitespace: docutils strips every line of a cell's block, so a
/// cell's text never ends in the padding before the next column.
fn trim_end(p: &BlockParser<'_>, l: Line) -> Line {
    let t = p.text_of(l);
    Line { start: l.start, end: l.start + t.trim_end().len() as u32 }
}

fn floor_boundary(t: &str, mut k: usize) -> usize {
    while !t.is_char_boundary(k) {
        k -= 1;
    }
    k
}

/// `.. table::`, `.. csv-table::` and `.. list-table::`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn directive(
    p: &mut BlockParser<'_>,
    name: &str,
    title: &str,
    options: &[(String, String)],
    content: &[Line],
    parent: NodeId,
    depth: u32,
    span: Span,
) {
    let opt = |k: &str| options.iter().find(|o| o.0 == k).map(|o| o.1.clone());
    let widths_opt: Option<Vec<u32>> = opt("widths").map(|w| {
        w.split([',', ' ']).filter(|x| !x.is_empty()).filter_map(|x| x.parse().ok()).collect()
    });
    let table = match name {
        "table" => {
            let holder = p.doc.add(NodeKind::Container("".into()), span);
            p.parse_blocks(content, holder, depth + 1, false);
            let kids: Vec<NodeId> = p.doc.children(holder).collect();
            let table =
                kids.iter().copied().find(|k| matches!(p.doc.kind(*k), NodeKind::Table { .. }));
            for k in kids {
                p.doc.append(parent, k);
            }
            match table {
                Some(t) => t,
                None => {
                    p.system_message(parent, span, Severity::Error, "Error parsing content block for the \"table\" directive: exactly one table expected.", None);
                    return;
                }
            }
        }
        "csv-table" => {
            let mut rows: Vec<Vec<(String, Span)>> = Vec::new();
            let mut head = 0;
            if let Some(h) = opt("header") {
                rows.push(csv_row(&h).into_iter().map(|c| (c, span)).collect());
                head = 1;
            }
            for l in content {
                let t = p.text_of(*l);
                if t.trim().is_empty() {
                    continue;
                }
                let lspan = Span { start: l.start, end: l.end };
                rows.push(csv_row(t).into_iter().map(|c| (c, lspan)).collect());
            }
            let ncols = rows.iter().map(Vec::len).max().unwrap_or(0);
            let table = p.doc.push(parent, NodeKind::Table { widths: vec![1; ncols], head }, span);
            for r in rows {
                let row = p.doc.push(table, NodeKind::Row, span);
                for (text, sp) in r {
                    let cell = p.doc.push(row, NodeKind::Cell { morecols: 0, morerows: 0 }, sp);
                    if !text.is_empty() {
                        let para = p.doc.push(cell, NodeKind::Paragraph, sp);
                        p.doc.push(para, NodeKind::Text(text.into()), sp);
                    }
                }
            }
            table
        }
        _ => {
            let holder = p.doc.add(NodeKind::Container("".into()), span);
            p.parse_blocks(content, holder, depth + 1, false);
            let Some(list) = p
                .doc
                .first_child(holder)
                .filter(|l| matches!(p.doc.kind(*l), NodeKind::BulletList))
            else {
                p.system_message(parent, span, Severity::Error, "Error parsing content block for the \"list-table\" directive: exactly one bullet list expected.", None);
                return;
            };
            let head = opt("header-rows").and_then(|h| h.trim().parse().ok()).unwrap_or(0);
            let items: Vec<NodeId> = p.doc.children(list).collect();
            let mut ncols = 0;
            let table = p.doc.push(parent, NodeKind::Table { widths: Vec::new(), head }, span);
            for item in items {
                let row = p.doc.push(table, NodeKind::Row, p.doc.node(item).span);
                let sub = p
                    .doc
                    .first_child(item)
                    .filter(|l| matches!(p.doc.kind(*l), NodeKind::BulletList));
                let cells: Vec<NodeId> =
                    sub.map(|s| p.doc.children(s).collect()).unwrap_or_default();
                ncols = ncols.max(cells.len());
                for c in cells {
                    let cell = p.doc.push(
                        row,
                        NodeKind::Cell { morecols: 0, morerows: 0 },
                        p.doc.node(c).span,
                    );
                    let kids: Vec<NodeId> = p.doc.children(c).collect();
                    for k in kids {
                        p.doc.append(cell, k);
                    }
                }
            }
            if let NodeKind::Table { widths, .. } = &mut p.doc.node_mut(table).kind {
                *widths = vec![1; ncols];
            }
            table
        }
    };
    if let (Some(w), NodeKind::Table { widths, .. }) = (widths_opt, &mut p.doc.node_mut(table).kind)
    {
        if w.len() == widths.len() {
            *widths = w;
        }
    }
    if !title.is_empty() {
        let t = p.doc.add(NodeKind::TableTitle, span);
        p.doc.push(t, NodeKind::Text(title.into()), span);
        let mut kids = vec![t];
        kids.extend(p.doc.children(table));
        p.doc.set_children(table, &kids);
    }
}

/// One CSV record: comma-separated, `"` quotes with `""` escapes, spaces after commas
/// skipped.
fn csv_row(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = t.trim().chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cur.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                out.push(std::mem::take(&mut cur).trim().to_string());
                at_start = true;
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            _ => {
                cur.push(c);
                at_start = false;
            }
        }
    }
    out.push(cur.trim().to_string());
    out
}
