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

/// docutils' `TableMarkupError`: why a table is malformed, and the line (counted from the
/// table's first) that docutils names.
struct Malformed {
    detail: String,
    offset: usize,
}

impl Malformed {
    fn new(detail: impl Into<String>, offset: usize) -> Malformed {
        Malformed { detail: detail.into(), offset }
    }
}

/// "Malformed table." with docutils' detail, quoting the table's lines.
fn malformed(p: &mut BlockParser<'_>, parent: NodeId, block: &[Line], m: &Malformed) {
    let message = if m.detail.is_empty() {
        "Malformed table.".to_string()
    } else {
        format!("Malformed table.\n{}", m.detail)
    };
    // docutils reads every line without its trailing whitespace.
    let text = block.iter().map(|l| p.text_of(*l).trim_end()).collect::<Vec<_>>().join("\n");
    let line = block.first().map_or(1, |l| p.line_no(l.start)) + m.offset as u32;
    // Marked at the line docutils names when it is one of the table's.
    let span = match block.get(m.offset) {
        Some(l) => p.span_lines(&[*l]),
        None => p.span_lines(block),
    };
    let node = p.doc.push(
        parent,
        NodeKind::SystemMessage { level: 3, line, id: "".into(), message: message.as_str().into() },
        span,
    );
    p.doc.push(node, NodeKind::LiteralBlock(text.into()), span);
    p.diag(span, Severity::Error, message);
}

/// The messages that follow a table: "Unexpected indentation." where its text block met an
/// indented line, then "Blank line required after table." when text follows it at once.
fn after_table(
    p: &mut BlockParser<'_>,
    parent: NodeId,
    lines: &[Line],
    unexpected: Option<usize>,
    next: usize,
    blank_finish: bool,
) {
    if let Some(k) = unexpected {
        let span = p.span_lines(&lines[k..k + 1]);
        p.system_message(parent, span, Severity::Error, "Unexpected indentation.", None);
    }
    if !blank_finish {
        if let Some(l) = lines.get(next) {
            let span = p.span_lines(&[*l]);
            p.system_message(
                parent,
                span,
                Severity::Warning,
                "Blank line required after table.",
                None,
            );
        }
    }
}

/// docutils' `grid_table_top_pat`: `+-`, then `-` and `+`, then `-+`.
pub(crate) fn is_grid_table_top(t: &str) -> bool {
    let t = t.trim_end_matches(' ');
    t.len() >= 5
        && t.starts_with("+-")
        && t.ends_with("-+")
        && t.bytes().all(|b| b == b'+' || b == b'-')
}

/// The head/body separator of a grid table: `+=`, then `=` and `+`, then `=+`.
fn is_grid_head_rule(row: &[char]) -> bool {
    row.len() >= 5
        && row[..2] == ['+', '=']
        && row[row.len() - 2..] == ['=', '+']
        && row.iter().all(|&c| c == '+' || c == '=')
}

/// Parses a grid table at `lines[i]` (its top border): docutils' `isolate_grid_table`, then
/// its `GridTableParser`. Returns where the body continues.
pub(crate) fn grid(
    p: &mut BlockParser<'_>,
    lines: &[Line],
    i: usize,
    parent: NodeId,
    depth: u32,
) -> Option<usize> {
    // The text block, up to a blank line or an indented one.
    let mut end = i;
    let mut unexpected = None;
    let mut blank_finish = true;
    while end < lines.len() && !p.text_of(lines[end]).trim().is_empty() {
        if end > i && p.text_of(lines[end]).starts_with([' ', '\t']) {
            unexpected = Some(end);
            blank_finish = false;
            break;
        }
        end += 1;
    }
    let mut block: Vec<Line> = lines[i..end].iter().map(|l| trim_end(p, *l)).collect();
    let width = crate::char_width::width(p.text_of(block[0]));
    let span = p.span_lines(&block);
    if width > MAX_TABLE_WIDTH {
        p.diag(
            span,
            Severity::Warning,
            format!("The table is wider than {MAX_TABLE_WIDTH} characters; it is shown as text."),
        );
        let text = p.literal_of(&block);
        p.doc.push(parent, NodeKind::LiteralBlock(text.into()), span);
        return Some(end);
    }
    // The left edge: the table ends before a line that does not start with + or |.
    let cut = block.iter().position(|l| !p.text_of(*l).starts_with(['+', '|']));
    if let Some(k) = cut {
        block.truncate(k);
        blank_finish = false;
    }
    let n = block.len();
    let mut problem = None;
    let mut resume = None;
    if !is_grid_table_top(p.text_of(block[n - 1])) {
        // The bottom: the last border from the second-last line up to the third.
        match (2..n.saturating_sub(1)).rev().find(|&k| is_grid_table_top(p.text_of(block[k]))) {
            Some(k) => {
                block.truncate(k + 1);
                blank_finish = false;
                // docutils steps back one line too far here: the body goes on from the
                // line before the bottom border, which is read again.
                resume = Some(i + k - 1);
            }
            None => {
                // The line docutils' loops left their index at.
                let offset = if n >= 4 {
                    2
                } else if cut.is_some() {
                    n
                } else {
                    n - 1
                };
                problem = Some(Malformed::new("Bottom border missing or corrupt.", offset));
            }
        }
    }
    if problem.is_none() {
        problem = block
            .iter()
            .position(|l| {
                let t = p.text_of(*l);
                crate::char_width::width(t) != width || !t.ends_with(['+', '|'])
            })
            .map(|k| Malformed::new("Right border not aligned or missing.", k));
    }
    let next = resume.unwrap_or(i + block.len());
    match problem {
        Some(m) => {
            // Found while isolating the table: the indentation message comes first.
            after_table(p, parent, lines, unexpected, next, true);
            malformed(p, parent, &block, &m);
            after_table(p, parent, lines, None, next, blank_finish);
        }
        None => {
            match parse_grid(p, &block) {
                Ok((g, table)) => build_grid(p, parent, depth, &block, &g, table),
                Err(m) => malformed(p, parent, &block, &m),
            }
            after_table(p, parent, lines, unexpected, next, blank_finish);
        }
    }
    Some(next)
}

/// A grid table's geometry: column widths, head rows, cells.
struct GridTable {
    widths: Vec<u32>,
    head: u32,
    cells: Vec<Cell>,
    rowseps: Vec<usize>,
    colseps: Vec<usize>,
}

/// docutils' `GridTableParser`: traces each cell from its top-left corner, corners queued
/// top to bottom, and requires every column to be covered to the bottom.
fn parse_grid(p: &mut BlockParser<'_>, block: &[Line]) -> Result<(Grid, GridTable), Malformed> {
    let mut g = Grid::new(p, block);
    let height = g.rows.len();
    let bottom = height - 1;
    let right = g.rows[0].len() - 1;
    let mut sep: Option<usize> = None;
    for k in 0..height {
        if is_grid_head_rule(&g.rows[k]) {
            if let Some(s) = sep {
                return Err(Malformed::new(
                    format!(
                        "Multiple head/body row separators (table lines {} and {}); only one allowed.",
                        s + 1,
                        k + 1
                    ),
                    k,
                ));
            }
            sep = Some(k);
            for c in g.rows[k].iter_mut() {
                if *c == '=' {
                    *c = '-';
                }
            }
        }
    }
    if sep == Some(bottom) {
        return Err(Malformed::new(
            "The head/body row separator may not be the first or last line of the table.",
            bottom,
        ));
    }
    let mut rowseps = std::collections::BTreeSet::from([0usize]);
    let mut colseps = std::collections::BTreeSet::from([0usize]);
    // One past the last text row of each column seen so far.
    let mut done = vec![0usize; right + 1];
    let mut corners = std::collections::BTreeSet::from([(0usize, 0usize)]);
    let mut seen = std::collections::HashSet::new();
    let mut cells = Vec::new();
    while let Some((top, left)) = corners.pop_first() {
        if top == bottom || left == right || top < done[left] || !seen.insert((top, left)) {
            continue;
        }
        if cells.len() >= MAX_TABLE_CELLS {
            p.diag(
                p.span_lines(block),
                Severity::Warning,
                format!("The table has more than {MAX_TABLE_CELLS} cells; the rest are left out."),
            );
            break;
        }
        let Some(found) = scan_right(&g, top, left, right, bottom) else { continue };
        rowseps.extend(found.rowseps);
        colseps.extend(found.colseps);
        for d in &mut done[left..found.right] {
            *d = found.bottom;
        }
        cells.push(Cell { top, left, bottom: found.bottom, right: found.right });
        corners.insert((top, found.right));
        corners.insert((found.bottom, left));
    }
    if done[..right].iter().any(|&d| d != bottom) && cells.len() < MAX_TABLE_CELLS {
        return Err(Malformed::new("Malformed table; parse incomplete.", 0));
    }
    let rowseps: Vec<usize> = rowseps.into_iter().collect();
    let colseps: Vec<usize> = colseps.into_iter().collect();
    let widths = colseps.windows(2).map(|w| (w[1] - w[0] - 1) as u32).collect();
    let head = sep.map_or(0, |s| rowseps.partition_point(|&r| r < s)) as u32;
    cells.sort_by_key(|c| (c.top, c.left));
    Ok((g, GridTable { widths, head, cells, rowseps, colseps }))
}

/// A traced cell: its bottom-right corner and the row and column boundaries on its edges.
struct Traced {
    bottom: usize,
    right: usize,
    rowseps: Vec<usize>,
    colseps: Vec<usize>,
}

fn scan_right(g: &Grid, top: usize, left: usize, right: usize, bottom: usize) -> Option<Traced> {
    let mut colseps = Vec::new();
    for r in left + 1..=right {
        match g.at(top, r) {
            '+' => {
                colseps.push(r);
                if let Some((b, rowseps, more)) = scan_down(g, top, left, r, bottom) {
                    colseps.extend(more);
                    return Some(Traced { bottom: b, right: r, rowseps, colseps });
                }
            }
            '-' => {}
            _ => return None,
        }
    }
    None
}

fn scan_down(
    g: &Grid,
    top: usize,
    left: usize,
    right: usize,
    bottom: usize,
) -> Option<(usize, Vec<usize>, Vec<usize>)> {
    let mut rowseps = Vec::new();
    for b in top + 1..=bottom {
        match g.at(b, right) {
            '+' => {
                rowseps.push(b);
                if let Some((more, colseps)) = scan_left(g, top, left, b, right) {
                    rowseps.extend(more);
                    return Some((b, rowseps, colseps));
                }
            }
            '|' => {}
            _ => return None,
        }
    }
    None
}

fn scan_left(
    g: &Grid,
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut colseps = Vec::new();
    for c in (left + 1..right).rev() {
        match g.at(bottom, c) {
            '+' => colseps.push(c),
            '-' => {}
            _ => return None,
        }
    }
    if g.at(bottom, left) != '+' {
        return None;
    }
    let mut rowseps = Vec::new();
    for r in (top + 1..bottom).rev() {
        match g.at(r, left) {
            '+' => rowseps.push(r),
            '|' => {}
            _ => return None,
        }
    }
    Some((rowseps, colseps))
}

fn build_grid(
    p: &mut BlockParser<'_>,
    parent: NodeId,
    depth: u32,
    block: &[Line],
    g: &Grid,
    t: GridTable,
) {
    let span = p.span_lines(block);
    let table =
        p.doc.push(parent, NodeKind::Table { widths: t.widths, head: t.head, format: None }, span);
    let mut row: Option<(usize, NodeId)> = None;
    for c in &t.cells {
        let r = match row {
            Some((top, r)) if top == c.top => r,
            _ => {
                let at = Span { start: g.off(c.top, 0), end: g.off(c.top, 0) };
                let r = p.doc.push(table, NodeKind::Row, at);
                row = Some((c.top, r));
                r
            }
        };
        let index = |seps: &[usize], at: usize| seps.partition_point(|&s| s < at);
        let morecols = (index(&t.colseps, c.right) - index(&t.colseps, c.left) - 1) as u32;
        let morerows = (index(&t.rowseps, c.bottom) - index(&t.rowseps, c.top) - 1) as u32;
        let cspan = Span { start: g.off(c.top, c.left), end: g.off(c.bottom, c.right + 1) };
        let cell = p.doc.push(r, NodeKind::Cell { morecols, morerows }, cspan);
        let body: Vec<Line> = (c.top + 1..c.bottom)
            .map(|r| trim_end(p, Line { start: g.off(r, c.left + 1), end: g.off(r, c.right) }))
            .collect();
        let body = p.dedent_lines(&body);
        p.parse_blocks(&body, cell, depth + 1, false);
    }
}

/// docutils' `simple_table_top_pat`: at least two runs of `=` apart.
pub(crate) fn is_simple_table_top(t: &str) -> bool {
    let t = t.trim_end_matches(' ');
    t.starts_with('=') && t.contains(' ') && t.bytes().all(|b| b == b'=' || b == b' ')
}

/// docutils' `simple_table_border_pat`: `=` first, then `=` and spaces.
fn is_simple_border(t: &str) -> bool {
    t.starts_with('=') && t.bytes().all(|b| b == b'=' || b == b' ')
}

/// Parses a simple table at `lines[i]` (its top border): docutils' `isolate_simple_table`,
/// then its `SimpleTableParser`. Returns where the body continues.
pub(crate) fn simple(
    p: &mut BlockParser<'_>,
    lines: &[Line],
    i: usize,
    parent: NodeId,
    depth: u32,
) -> Option<usize> {
    let toplen = p.text_of(lines[i]).trim().len();
    let limit = lines.len() - 1;
    let blank_after =
        |p: &BlockParser<'_>, k: usize| k == limit || p.text_of(lines[k + 1]).trim().is_empty();
    let mut found_at = None;
    let mut end = None;
    for k in i + 1..=limit {
        let t = p.text_of(lines[k]);
        if !is_simple_border(t) {
            continue;
        }
        if t.trim().len() != toplen {
            let m =
                Malformed::new("Bottom border or header rule does not match top border.", k - i);
            malformed(p, parent, &lines[i..=k], &m);
            let finish = blank_after(p, k);
            after_table(p, parent, lines, None, k + 1, finish);
            return Some(k + 1);
        }
        let second = found_at.is_some();
        found_at = Some(k);
        if second || blank_after(p, k) {
            end = Some(k);
            break;
        }
    }
    let Some(end) = end else {
        let (stop, detail) = match found_at {
            Some(f) => (f + 1, "No bottom table border found or no blank line after table bottom."),
            None => (lines.len(), "No bottom table border found."),
        };
        malformed(p, parent, &lines[i..stop], &Malformed::new(detail, 0));
        after_table(p, parent, lines, None, stop, found_at.is_none());
        return Some(stop);
    };
    let block = &lines[i..=end];
    let g = Grid::new(p, block);
    match SimpleTable::parse(g) {
        Ok(t) => t.build(p, parent, depth, block),
        Err(m) => malformed(p, parent, block, &m),
    }
    let finish = blank_after(p, end);
    after_table(p, parent, lines, None, end + 1, finish);
    Some(end + 1)
}

/// A simple table's row: the line its text starts at, its lines, and each cell's (columns
/// spanned beyond the first, first character, end).
type SimpleRow = (usize, std::ops::Range<usize>, Vec<(u32, usize, usize)>);

/// docutils' `SimpleTableParser` over a simple table's lines (wide characters padded).
struct SimpleTable {
    g: Grid,
    /// Each column's first character and one past its last, from the top border; the
    /// last widens to the longest text that overflows it.
    columns: Vec<(usize, usize)>,
    border_end: usize,
    rows: Vec<SimpleRow>,
    head_rule: Option<usize>,
}

fn is_blank(chars: &[char]) -> bool {
    chars.iter().all(|c| c.is_whitespace())
}

fn segment(row: &[char], from: usize, to: usize) -> &[char] {
    let to = to.min(row.len());
    &row[from.min(to)..to]
}

impl SimpleTable {
    fn parse(mut g: Grid) -> Result<SimpleTable, Malformed> {
        let n = g.rows.len();
        let dash = |row: &mut Vec<char>| {
            for c in row.iter_mut() {
                if *c == '=' {
                    *c = '-';
                }
            }
        };
        dash(&mut g.rows[0]);
        dash(&mut g.rows[n - 1]);
        let mut head_rule = None;
        for k in 0..n {
            let row = &g.rows[k];
            if row.first() == Some(&'=') && row.iter().all(|&c| c == '=' || c == ' ') {
                if let Some(s) = head_rule {
                    return Err(Malformed::new(
                        format!(
                            "Multiple head/body row separators (table lines {} and {}); only one allowed.",
                            s + 1,
                            k + 1
                        ),
                        k,
                    ));
                }
                head_rule = Some(k);
                dash(&mut g.rows[k]);
            }
        }
        let columns = runs(&g.rows[0]);
        let border_end = columns.last().map_or(0, |c| c.1);
        let mut t = SimpleTable { g, columns, border_end, rows: Vec::new(), head_rule };
        let (first_start, first_end) = t.columns[0];
        let mut start = 1;
        let mut text_found = false;
        for offset in 1..n {
            let row = &t.g.rows[offset];
            let is_span = row.first() == Some(&'-') && row.iter().all(|&c| c == '-' || c == ' ');
            if is_span {
                t.row(start..offset, Some(offset))?;
                start = offset + 1;
                text_found = false;
            } else if !is_blank(segment(row, first_start, first_end)) {
                if text_found && offset != start {
                    t.row(start..offset, None)?;
                }
                start = offset;
                text_found = true;
            } else if !text_found {
                start = offset + 1;
            }
        }
        Ok(t)
    }

    /// One row from `lines`, under the columns of its span underline (or the border's).
    fn row(&mut self, lines: std::ops::Range<usize>, span: Option<usize>) -> Result<(), Malformed> {
        if lines.is_empty() && span.is_none() {
            return Ok(());
        }
        let mut columns = match span {
            Some(k) => {
                let row = &self.g.rows[k];
                let len = row.len() - row.iter().rev().take_while(|c| c.is_whitespace()).count();
                let mut cols = runs(&row[..len]);
                if cols.last().map(|c| c.1) != Some(self.border_end) {
                    return Err(Malformed::new(
                        format!("Column span incomplete in table line {}.", k + 1),
                        k,
                    ));
                }
                if let (Some(c), Some(main)) = (cols.last_mut(), self.columns.last()) {
                    c.1 = main.1;
                }
                cols
            }
            None => self.columns.clone(),
        };
        self.check_columns(lines.clone(), &mut columns)?;
        let first = lines.start;
        let mut cells = Vec::with_capacity(columns.len());
        let mut k = 0;
        let misaligned = || {
            Malformed::new(
                format!("Column span alignment problem in table line {}.", first + 2),
                first + 1,
            )
        };
        for &(start, end) in &columns {
            if self.columns.get(k).map(|c| c.0) != Some(start) {
                return Err(misaligned());
            }
            let mut more = 0;
            while self.columns.get(k).map(|c| c.1) != Some(end) {
                k += 1;
                more += 1;
                if k >= self.columns.len() {
                    return Err(misaligned());
                }
            }
            cells.push((more, start, end));
            k += 1;
        }
        self.rows.push((first, lines, cells));
        Ok(())
    }

    /// Text between columns is an error; text past the last column widens it.
    fn check_columns(
        &mut self,
        lines: std::ops::Range<usize>,
        columns: &mut [(usize, usize)],
    ) -> Result<(), Malformed> {
        let last = columns.len() - 1;
        for i in 0..columns.len() {
            let (start, end) = columns[i];
            let next_start = columns.get(i + 1).map_or(usize::MAX, |c| c.0);
            for r in lines.clone() {
                let row = &self.g.rows[r];
                if i == last && !is_blank(segment(row, end, usize::MAX)) {
                    let text = segment(row, start, usize::MAX);
                    let len =
                        text.len() - text.iter().rev().take_while(|c| c.is_whitespace()).count();
                    let new_end = start + len;
                    let (main_start, main_end) = self.columns[self.columns.len() - 1];
                    columns[i] = (start, main_end.max(new_end));
                    if new_end > main_end {
                        let at = self.columns.len() - 1;
                        self.columns[at] = (main_start, new_end);
                    }
                } else if !is_blank(segment(row, end, next_start)) {
                    return Err(Malformed::new(
                        format!("Text in column margin in table line {}.", r + 1),
                        r,
                    ));
                }
            }
        }
        Ok(())
    }

    fn build(self, p: &mut BlockParser<'_>, parent: NodeId, depth: u32, block: &[Line]) {
        let widths = self.columns.iter().map(|c| (c.1 - c.0) as u32).collect();
        let head = match self.head_rule {
            Some(h) => self.rows.iter().position(|r| r.0 > h).unwrap_or(0),
            None => 0,
        } as u32;
        let span = p.span_lines(block);
        let table = p.doc.push(parent, NodeKind::Table { widths, head, format: None }, span);
        let g = &self.g;
        for (first, lines, cells) in &self.rows {
            let at = block[(*first).min(block.len() - 1)];
            let row = p.doc.push(table, NodeKind::Row, p.span_lines(&[at]));
            for &(more, start, end) in cells {
                let body: Vec<Line> = lines
                    .clone()
                    .map(|r| trim_end(p, Line { start: g.off(r, start), end: g.off(r, end) }))
                    .collect();
                let cspan = match (body.first(), body.last()) {
                    (Some(a), Some(b)) => Span { start: a.start, end: b.end.max(a.start) },
                    _ => Span { start: at.start, end: at.start },
                };
                let cell = p.doc.push(row, NodeKind::Cell { morecols: more, morerows: 0 }, cspan);
                let body = p.dedent_lines(&body);
                p.parse_blocks(&body, cell, depth + 1, false);
            }
        }
    }
}

/// The runs of `-` in a border or span underline: docutils' `parse_columns`.
fn runs(row: &[char]) -> Vec<(usize, usize)> {
    let mut cols = Vec::new();
    let mut k = 0;
    while k < row.len() {
        if row[k] == '-' {
            let s = k;
            while k < row.len() && row[k] != ' ' {
                k += 1;
            }
            cols.push((s, k));
        } else {
            k += 1;
        }
    }
    cols
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
