//! Grid and simple tables: geometry is found on a grid of characters, cell contents are
//! parsed as body elements over views of the original lines.

use crate::block::{BlockParser, Line};
use crate::tree::{ColWidths, NodeId, NodeKind, TableFormat};
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
            // A wide character takes two columns: the second a pad, empty in the source.
            let mut o: Vec<u32> = Vec::with_capacity(t.len() + 1);
            let mut row: Vec<char> = Vec::with_capacity(t.len());
            for (k, c) in t.char_indices() {
                o.push(l.start + k as u32);
                row.push(c);
                if crate::char_width::columns(c) == 2 {
                    o.push(l.start + (k + c.len_utf8()) as u32);
                    row.push('\0');
                }
            }
            o.push(l.start + t.len() as u32);
            rows.push(row);
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
    let table =
        p.doc.push(parent, NodeKind::Table { widths, head: head as u32, format: None }, span);
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
        let w =
            crate::char_width::width(p.text_of(*l).trim_end()).saturating_sub(last_start) as u32;
        widths[ncols - 1] = widths[ncols - 1].max(w);
    }
    // Rows: (first line, lines, is head)
    let mut rows: Vec<(Vec<usize>, bool)> = Vec::new();
    #[allow(clippy::needless_range_loop)]
    for r in i + 1..end {
        if borders.contains(&r) {
            // A border after the first also spans columns of the row above, as `---` does.
            if let Some(last) = rows.last_mut() {
                last.0.push(r);
            }
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
        let first_blank = t
            .get(..crate::char_width::byte_at_column(t, cols[0].1))
            .is_none_or(|s| s.trim().is_empty());
        match rows.last_mut() {
            Some(last) if first_blank && last.1 == is_head => last.0.push(r),
            _ => rows.push((vec![r], is_head)),
        }
    }
    if let Some(last) = rows.last_mut() {
        last.0.push(end);
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
                // The second half of a wide character is in the margin too.
                let from = crate::char_width::byte_covering_column(t, from);
                let to = crate::char_width::byte_at_column(t, to).max(from);
                t.get(from..to).is_some_and(|gap| !gap.trim().is_empty())
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
    let table = p.doc.push(parent, NodeKind::Table { widths, head, format: None }, span);
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
                    let a = crate::char_width::byte_at_column(t, start);
                    let b = crate::char_width::byte_at_column(t, stop).max(a);
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
    let is_underline = |r: usize| {
        let t = p.text_of(lines[r]).trim_end();
        t.chars().all(|c| c == '-' || c == ' ') || t.chars().all(|c| c == '=' || c == ' ')
    };
    let text_lines: Vec<usize> = row_lines.iter().copied().filter(|&r| !is_underline(r)).collect();
    let Some(&u) = row_lines.iter().find(|&&r| is_underline(r)) else {
        return ((0..ncols).map(|c| (c, c)).collect(), text_lines);
    };
    let ub = p.text_of(lines[u]).as_bytes();
    let mut groups = Vec::new();
    let mut k = 0;
    let rule = |b: u8| b == b'-' || b == b'=';
    while k < ub.len() {
        if rule(ub[k]) {
            let s = k;
            while k < ub.len() && rule(ub[k]) {
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

/// What a table directive was given: its title's lines, options and content, and the
/// text its error messages quote.
pub(crate) struct TableDirective<'a> {
    pub(crate) name: &'a str,
    pub(crate) title: &'a [Line],
    pub(crate) options: &'a [(String, String)],
    pub(crate) content: &'a [Line],
    pub(crate) block_text: &'a str,
    pub(crate) span: Span,
}

impl TableDirective<'_> {
    fn opt(&self, k: &str) -> Option<&str> {
        self.options.iter().find(|o| o.0 == k).map(|o| o.1.as_str())
    }

    fn count(&self, k: &str) -> usize {
        self.opt(k).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    /// `:widths:` as numbers, when given as numbers.
    fn widths(&self) -> Option<Vec<u32>> {
        let w = self.opt("widths").filter(|w| !matches!(*w, "auto" | "grid"))?;
        Some(w.split_whitespace().filter_map(|x| x.parse().ok()).collect())
    }

    fn format(&self, colwidths_first: bool) -> Box<TableFormat> {
        let colwidths = match self.opt("widths") {
            Some("auto") => ColWidths::Auto,
            Some(_) => ColWidths::Given,
            None => ColWidths::Default,
        };
        Box::new(TableFormat {
            stubs: self.count("stub-columns") as u32,
            align: self.opt("align").map(Into::into),
            width: self.opt("width").map(Into::into),
            colwidths,
            colwidths_first,
        })
    }

    /// An error system message quoting the directive.
    fn error(&self, p: &mut BlockParser<'_>, parent: NodeId, severity: Severity, msg: &str) {
        p.system_message(parent, self.span, severity, msg, Some(self.block_text));
    }

    /// docutils' `check_table_dimensions`: the reason the header rows or stub columns
    /// leave no body, if they do.
    fn dimensions_error(&self, rows: &[usize]) -> Option<String> {
        let (head, stubs, name) =
            (self.count("header-rows"), self.count("stub-columns"), self.name);
        if rows.len() < head {
            return Some(format!(
                "{head} header row(s) specified but only {} row(s) of data supplied (\"{name}\" directive).",
                rows.len()
            ));
        }
        if rows.len() == head && head > 0 {
            return Some(format!(
                "Insufficient data supplied ({} row(s)); no data remaining for table body, required by \"{name}\" directive.",
                rows.len()
            ));
        }
        for &cols in rows {
            if cols < stubs {
                return Some(format!(
                    "{stubs} stub column(s) specified but only {cols} columns(s) of data supplied (\"{name}\" directive)."
                ));
            }
            if cols == stubs && stubs > 0 {
                return Some(format!(
                    "Insufficient data supplied ({cols} columns(s)); no data remaining for table body, required by \"{name}\" directive."
                ));
            }
        }
        None
    }

    /// docutils' `get_column_widths`: the given widths, or equal ones.
    fn column_widths(&self, columns: usize) -> Result<Vec<u32>, String> {
        match self.widths() {
            Some(w) if w.len() != columns => Err(format!(
                "\"{}\" widths do not match the number of columns in table ({columns}).",
                self.name
            )),
            Some(w) => Ok(w),
            None if columns > 0 => Ok(vec![100 / columns as u32; columns]),
            None => Err("No table data detected in CSV file.".into()),
        }
    }

    /// Puts the title (inline markup parsed) first among `table`'s children.
    fn add_title(&self, p: &mut BlockParser<'_>, table: NodeId) {
        if self.title.is_empty() {
            return;
        }
        let t = p.doc.add(NodeKind::TableTitle, p.span_lines(self.title));
        p.inline(self.title, t);
        let mut kids = vec![t];
        kids.extend(p.doc.children(table));
        p.doc.set_children(table, &kids);
    }
}

/// Runs the `table`, `csv-table` or `list-table` directive `d` under `parent`.
pub(crate) fn directive(
    p: &mut BlockParser<'_>,
    d: &TableDirective<'_>,
    parent: NodeId,
    depth: u32,
) {
    let table = match d.name {
        "table" => rst_table(p, d, parent, depth),
        "csv-table" => csv_table(p, d, parent, depth),
        _ => list_table(p, d, parent, depth),
    };
    let Some(table) = table else { return };
    crate::directive::name_element(p, table, d.options);
    crate::directive::add_classes(p, table, d.options);
    d.add_title(p, table);
}

/// The `table` directive: a grid or simple table in its content, with a title and options.
fn rst_table(
    p: &mut BlockParser<'_>,
    d: &TableDirective<'_>,
    parent: NodeId,
    depth: u32,
) -> Option<NodeId> {
    if d.content.is_empty() {
        let msg = format!("Content block expected for the \"{}\" directive; none found.", d.name);
        d.error(p, parent, Severity::Warning, &msg);
        return None;
    }
    let holder = p.doc.add(NodeKind::Container("".into()), d.span);
    p.parse_blocks(d.content, holder, depth + 1, false);
    let kids: Vec<NodeId> = p.doc.children(holder).collect();
    let table = match kids[..] {
        [t] if matches!(p.doc.kind(t), NodeKind::Table { .. }) => t,
        _ => {
            let msg = format!(
                "Error parsing content block for the \"{}\" directive: exactly one table expected.",
                d.name
            );
            d.error(p, parent, Severity::Error, &msg);
            return None;
        }
    };
    let columns = match p.doc.kind(table) {
        NodeKind::Table { widths, .. } => widths.len(),
        _ => 0,
    };
    let given = match d.widths() {
        Some(_) => match d.column_widths(columns) {
            Ok(w) => Some(w),
            Err(msg) => {
                d.error(p, parent, Severity::Error, &msg);
                return None;
            }
        },
        None => None,
    };
    p.doc.append(parent, table);
    if let NodeKind::Table { widths, format, .. } = &mut p.doc.node_mut(table).kind {
        if let Some(w) = given {
            *widths = w;
        }
        *format = Some(d.format(false));
    }
    Some(table)
}

/// One cell of a csv-table: its lines over the source when the text is a run of it, else
/// the text.
enum CsvCell {
    Source(Vec<Line>),
    /// Not a run of the source (a doubled quote or an escape inside).
    Text,
}

/// A CSV field's lines as views of the source, when each line's characters are
/// consecutive there (no doubled quote or escape inside).
fn field_cell(f: &crate::csv::Field) -> CsvCell {
    let mut lines = Vec::new();
    let mut cur: Option<(u32, u32)> = None;
    let mut contiguous = true;
    let src_len = |at: u32, c: char| at + c.len_utf8() as u32;
    for (c, at) in f.text.chars().zip(&f.offsets) {
        match (c, at, cur) {
            ('\n', _, _) => match cur.take() {
                Some((s, e)) => lines.push(Line { start: s, end: e }),
                // An empty line: placed where the next one starts, below.
                None => lines.push(Line { start: u32::MAX, end: u32::MAX }),
            },
            (_, Some(at), None) => cur = Some((*at, src_len(*at, c))),
            (_, Some(at), Some((s, e))) if *at == e => cur = Some((s, src_len(*at, c))),
            _ => contiguous = false,
        }
    }
    if let Some((s, e)) = cur {
        lines.push(Line { start: s, end: e });
    }
    let mut next = lines.iter().rev().find(|l| l.start != u32::MAX).map_or(0, |l| l.end);
    for l in lines.iter_mut().rev() {
        if l.start == u32::MAX {
            *l = Line { start: next, end: next };
        }
        next = l.start;
    }
    if contiguous {
        CsvCell::Source(lines)
    } else {
        CsvCell::Text
    }
}

/// The `csv-table` directive: records from its content (and `:header:`), cells parsed as
/// reST.
fn csv_table(
    p: &mut BlockParser<'_>,
    d: &TableDirective<'_>,
    parent: NodeId,
    depth: u32,
) -> Option<NodeId> {
    if d.content.is_empty() {
        let msg = format!("The \"{}\" directive requires content; none supplied.", d.name);
        d.error(p, parent, Severity::Warning, &msg);
        return None;
    }
    let mut dialect = crate::csv::Dialect::default();
    if let Some(c) = d.opt("delim").and_then(|v| v.chars().next()) {
        dialect.delimiter = c;
    }
    if let Some(c) = d.opt("quote").and_then(|v| v.chars().next()) {
        dialect.quote = c;
    }
    if let Some(c) = d.opt("escape").and_then(|v| v.chars().next()) {
        dialect.escape = Some(c);
    }
    if d.opt("keepspace").is_some() {
        dialect.skip_initial_space = false;
    }
    let header: Vec<String> =
        d.opt("header").map(|h| h.split('\n').map(String::from).collect()).unwrap_or_default();
    let header_lines: Vec<(&str, u32)> = header.iter().map(|h| (h.as_str(), 0)).collect();
    let lines: Vec<(&str, u32)> = d.content.iter().map(|l| (p.text_of(*l), l.start)).collect();
    let read = crate::csv::records(&header_lines, dialect)
        .and_then(|h| crate::csv::records(&lines, dialect).map(|b| (h, b)));
    let (head_records, body_records) = match read {
        Ok(r) => r,
        Err(why) => {
            let msg = format!("Error with CSV data in \"{}\" directive:\n{why}", d.name);
            d.error(p, parent, Severity::Error, &msg);
            return None;
        }
    };
    let lengths: Vec<usize> = body_records.iter().map(Vec::len).collect();
    if let Some(msg) = d.dimensions_error(&lengths) {
        d.error(p, parent, Severity::Error, &msg);
        return None;
    }
    let columns = head_records.iter().chain(&body_records).map(Vec::len).max().unwrap_or(0);
    let widths = match d.column_widths(columns) {
        Ok(w) => w,
        Err(msg) => {
            d.error(p, parent, Severity::Error, &msg);
            return None;
        }
    };
    let head = head_records.len() + d.count("header-rows");
    let kind = NodeKind::Table { widths, head: head as u32, format: Some(d.format(true)) };
    let table = p.doc.push(parent, kind, d.span);
    // Rows and cells cover their source; those from `:header:` (or empty) sit, empty, where
    // the previous one ended.
    let mut at = d.content.first().map_or(d.span.start, |l| l.start);
    for (k, record) in head_records.iter().chain(&body_records).enumerate() {
        let cells: Vec<(Option<&crate::csv::Field>, Option<Vec<Line>>)> = (0..columns)
            .map(|column| {
                let field = record.get(column).filter(|f| !f.text.trim().is_empty());
                let lines = match field.map(field_cell) {
                    Some(CsvCell::Source(lines)) if k >= head_records.len() => Some(lines),
                    _ => None,
                };
                (field, lines)
            })
            .collect();
        let covered: Vec<Line> =
            cells.iter().filter_map(|c| c.1.as_ref()).flatten().copied().collect();
        let row_span =
            if covered.is_empty() { Span { start: at, end: at } } else { p.span_lines(&covered) };
        let row = p.doc.push(table, NodeKind::Row, row_span);
        at = row_span.start;
        for (field, lines) in cells {
            let cell_span = match &lines {
                Some(lines) => p.span_lines(lines),
                None => Span { start: at, end: at },
            };
            at = cell_span.end;
            let cell = p.doc.push(row, NodeKind::Cell { morecols: 0, morerows: 0 }, cell_span);
            match (field, lines) {
                (_, Some(lines)) => p.parse_blocks(&lines, cell, depth + 1, false),
                (Some(field), None) => {
                    let para = p.doc.push(cell, NodeKind::Paragraph, cell_span);
                    p.doc.push(para, NodeKind::Text(field.text.as_str().into()), cell_span);
                }
                (None, None) => {}
            }
        }
        at = row_span.end.max(at);
    }
    Some(table)
}

/// The `list-table` directive: a two-level bullet list, one row an item.
fn list_table(
    p: &mut BlockParser<'_>,
    d: &TableDirective<'_>,
    parent: NodeId,
    depth: u32,
) -> Option<NodeId> {
    if d.content.is_empty() {
        let msg = format!("The \"{}\" directive is empty; content required.", d.name);
        d.error(p, parent, Severity::Error, &msg);
        return None;
    }
    let holder = p.doc.add(NodeKind::Container("".into()), d.span);
    p.parse_blocks(d.content, holder, depth + 1, false);
    let kids: Vec<NodeId> = p.doc.children(holder).collect();
    let list = match kids[..] {
        [l] if matches!(p.doc.kind(l), NodeKind::BulletList) => l,
        _ => {
            let msg = format!(
                "Error parsing content block for the \"{}\" directive: exactly one bullet list expected.",
                d.name
            );
            d.error(p, parent, Severity::Error, &msg);
            return None;
        }
    };
    let mut rows: Vec<Vec<NodeId>> = Vec::new();
    for (k, item) in p.doc.children(list).enumerate() {
        let inner: Vec<NodeId> = p.doc.children(item).collect();
        let sub = match inner[..] {
            [s] if matches!(p.doc.kind(s), NodeKind::BulletList) => s,
            _ => {
                let msg = format!(
                    "Error parsing content block for the \"{}\" directive: two-level bullet list expected, but row {} does not contain a second-level bullet list.",
                    d.name,
                    k + 1
                );
                d.error(p, parent, Severity::Error, &msg);
                return None;
            }
        };
        let cells: Vec<NodeId> = p.doc.children(sub).collect();
        if let Some(first) = rows.first() {
            if cells.len() != first.len() {
                let msg = format!(
                    "Error parsing content block for the \"{}\" directive: uniform two-level bullet list expected, but row {} does not contain the same number of items as row 1 ({} vs {}).",
                    d.name,
                    k + 1,
                    cells.len(),
                    first.len()
                );
                d.error(p, parent, Severity::Error, &msg);
                return None;
            }
        }
        rows.push(cells);
    }
    let columns = rows.first().map_or(0, Vec::len);
    let widths = match d.column_widths(columns) {
        Ok(w) => w,
        Err(msg) => {
            d.error(p, parent, Severity::Error, &msg);
            return None;
        }
    };
    let lengths: Vec<usize> = rows.iter().map(Vec::len).collect();
    if let Some(msg) = d.dimensions_error(&lengths) {
        d.error(p, parent, Severity::Error, &msg);
        return None;
    }
    let head = d.count("header-rows") as u32;
    let kind = NodeKind::Table { widths, head, format: Some(d.format(true)) };
    let table = p.doc.push(parent, kind, d.span);
    for cells in rows {
        let row_span = cells.first().map_or(d.span, |&c| p.doc.node(c).span);
        let row = p.doc.push(table, NodeKind::Row, row_span);
        for c in cells {
            let cell_span = p.doc.node(c).span;
            let cell = p.doc.push(row, NodeKind::Cell { morecols: 0, morerows: 0 }, cell_span);
            let kids: Vec<NodeId> = p.doc.children(c).collect();
            for k in kids {
                p.doc.append(cell, k);
            }
        }
    }
    Some(table)
}
