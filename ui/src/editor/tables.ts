// Tables that fix themselves: the grid or simple table around the cursor, read leniently
// (a row whose text pushed its borders out of line still counts), written back aligned,
// its columns widened to their text, measured in the columns docutils counts (wide
// characters two). Pure: text in, text out; the window checks with the engine that
// docutils reads the result as the writer meant before it replaces the table.
import { cellColumns, cellWidth } from "./char-width";

/** A table as its cells: rows of cells, each cell its lines of text (common indent removed). */
export interface TableModel {
  kind: "grid" | "simple";
  /** The table's own indentation. */
  indent: string;
  /** Each column's width in columns, at least as wide as it was. */
  widths: number[];
  /** How many leading rows are header rows. */
  head: number;
  rows: string[][][];
}

/** A table found in a text: its lines (0-based, inclusive) and its cells. */
export interface FoundTable {
  first: number;
  last: number;
  model: TableModel;
}

/** Where the cursor is in a table: which row, cell, line of that cell and column in it. */
export interface CellPlace {
  row: number;
  cell: number;
  line: number;
  /** Offset in the cell line's text, in UTF-16 units. */
  offset: number;
}

/** Why a table is left alone. */
export type TableRefusal = "not-a-table" | "merged-cells" | "ragged";

const GRID_BORDER = /^\+([-=]+\+)+$/;
const SIMPLE_BORDER = /^=+( +=+)*$/;

/** The columns each UTF-16 offset of `text` starts at, and one past its end. */
function columnsOf(text: string): number[] {
  const at: number[] = [];
  let col = 0;
  for (const ch of text) {
    at.push(col);
    if (ch.length === 2) at.push(col);
    col += cellColumns(ch);
  }
  at.push(col);
  return at;
}

/** The part of `text` from column `from` up to column `to` (wide characters kept whole). */
function sliceColumns(text: string, from: number, to = Infinity): string {
  const cols = columnsOf(text);
  let a = 0;
  while (a < text.length && (cols[a] ?? 0) < from) a++;
  let b = a;
  while (b < text.length && (cols[b] ?? 0) < to) b++;
  return text.slice(a, b);
}

/** Lines with their common indentation taken off and trailing spaces trimmed. */
function dedent(lines: readonly string[]): string[] {
  const trimmed = lines.map((l) => l.trimEnd());
  const indents = trimmed.filter((l) => l !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const least = indents.length > 0 ? Math.min(...indents) : 0;
  return trimmed.map((l) => l.slice(least));
}

/** The table (grid or simple) whose lines hold 0-based line `at` of `lines`. */
export function findTable(lines: readonly string[], at: number): FoundTable | TableRefusal {
  const here = lines[at] ?? "";
  if (here.trim() === "") return "not-a-table";
  // The table is the run of non-blank lines around the cursor; its indentation the least
  // of theirs (a simple table's continuation lines start further in).
  const inTable = (l: string | undefined) => l !== undefined && l.trim() !== "";
  let first = at;
  while (first > 0 && inTable(lines[first - 1])) first--;
  let last = at;
  while (last + 1 < lines.length && inTable(lines[last + 1])) last++;
  const least = Math.min(...lines.slice(first, last + 1).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  const indent = " ".repeat(least);
  const block = lines.slice(first, last + 1).map((l) => l.slice(least).trimEnd());
  const model = /^[+|]/.test(block[0] ?? "") ? readGrid(block, indent) : readSimple(block, indent);
  return typeof model === "string" ? model : { first, last, model };
}

/** The `|` separators of a grid row line (UTF-16 offsets): one per column stop after the first. */
function gridBars(line: string, stops: readonly number[]): number[] | null {
  const cols = columnsOf(line);
  let start = 1;
  const bars: number[] = [];
  for (let k = 1; k < stops.length; k++) {
    // A separator where the border has it; else (the row's text pushed it) the next `|`
    // with a space or the line's end on both sides, as cell text rarely has.
    let found = -1;
    for (let i = start; i < line.length; i++) {
      if (line[i] === "|" && cols[i] === stops[k]) {
        found = i;
        break;
      }
    }
    if (found < 0 || (k < stops.length - 1 && found === line.length - 1)) {
      found = -1;
      for (let i = start; i < line.length; i++) {
        if (line[i] !== "|") continue;
        const before = line[i - 1] ?? " ";
        const after = line[i + 1] ?? " ";
        if ((before === " " || i === start) && (after === " " || i === line.length - 1)) {
          found = i;
          break;
        }
      }
    }
    if (found < 0) return null;
    bars.push(found);
    start = found + 1;
  }
  if (bars[bars.length - 1] !== line.length - 1) return null;
  return bars;
}

/** A grid row line's cells, split at its separators. */
function splitGridLine(line: string, stops: readonly number[]): string[] | null {
  const bars = gridBars(line, stops);
  if (!bars) return null;
  const cells: string[] = [];
  let from = 1;
  for (const bar of bars) {
    cells.push(line.slice(from, bar));
    from = bar + 1;
  }
  return cells;
}

function readGrid(block: readonly string[], indent: string): TableModel | TableRefusal {
  const top = block[0] ?? "";
  const bottom = block[block.length - 1] ?? "";
  if (!GRID_BORDER.test(top) || !GRID_BORDER.test(bottom) || block.length < 3) return "not-a-table";
  const stops: number[] = [];
  const topCols = columnsOf(top);
  for (let i = 0; i < top.length; i++) if (top[i] === "+") stops.push(topCols[i] ?? i);
  const widths = stops.slice(1).map((s, k) => s - (stops[k] ?? 0) - 3);
  const rows: string[][][] = [];
  let head = 0;
  let current: string[][] | null = null;
  for (const line of block.slice(1)) {
    if (line.startsWith("+")) {
      // A border inside the table must cross every column: anything else merges cells.
      if (!GRID_BORDER.test(line) || line.split("+").length !== stops.length + 1) return "merged-cells";
      if (!current) return "ragged";
      rows.push(current);
      current = null;
      if (line.includes("=")) {
        if (head > 0) return "ragged";
        head = rows.length;
      }
      continue;
    }
    if (!line.startsWith("|")) return "ragged";
    const cells = splitGridLine(line, stops);
    if (!cells) return line.split("|").length - 2 < stops.length - 1 ? "merged-cells" : "ragged";
    current ??= cells.map(() => []);
    cells.forEach((c, k) => current?.[k]?.push(c));
  }
  if (current) return "ragged";
  return {
    kind: "grid",
    indent,
    widths: widths.map((w) => Math.max(w, 1)),
    head,
    rows: rows.map((row) => row.map(dedent)),
  };
}

function readSimple(block: readonly string[], indent: string): TableModel | TableRefusal {
  const top = block[0] ?? "";
  if (!SIMPLE_BORDER.test(top) || !SIMPLE_BORDER.test(block[block.length - 1] ?? "") || block.length < 3) return "not-a-table";
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of top.matchAll(/=+/g)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  const rows: string[][][] = [];
  let head = 0;
  let borders = 1;
  for (const line of block.slice(1, -1)) {
    if (SIMPLE_BORDER.test(line)) {
      if (++borders > 2) return "ragged";
      head = rows.length;
      continue;
    }
    if (/^[- ]+$/.test(line)) return "merged-cells";
    const cells = splitSimpleLine(line, starts, ends);
    if (!cells) return "ragged";
    const previous = rows[rows.length - 1];
    // A line with nothing in its first column continues the row above.
    if (cells[0]?.trim() === "" && previous && !(borders === 2 && head === rows.length)) {
      cells.forEach((c, k) => previous[k]?.push(c));
    } else {
      rows.push(cells.map((c) => [c]));
    }
  }
  const widths = starts.map((s, k) => (ends[k] ?? s) - s);
  return { kind: "simple", indent, widths, head, rows: rows.map((row) => row.map(dedent)) };
}

/** A simple table's row split at its columns; when text runs into a gap, at runs of two spaces. */
function splitSimpleLine(line: string, starts: readonly number[], ends: readonly number[]): string[] | null {
  const cols = columnsOf(line);
  const width = cols[line.length] ?? 0;
  const fits = starts.slice(1).every((s, k) => {
    // Each gap between columns must be blank.
    for (let i = 0; i < line.length; i++) {
      const c = cols[i] ?? 0;
      if (c >= (ends[k] ?? 0) && c < s && line[i] !== " ") return false;
    }
    return true;
  });
  if (fits) return starts.map((s, k) => sliceColumns(line, s, k + 1 < starts.length ? (starts[k + 1] ?? width) : Infinity));
  // Text typed past its column: the pieces between runs of two or more spaces, each in the
  // column it starts in.
  const cells = starts.map(() => "");
  const taken = new Set<number>();
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    const col = cols[m.index] ?? 0;
    let k = starts.length - 1;
    while (k > 0 && (starts[k] ?? 0) > col) k--;
    if (taken.has(k)) return null;
    taken.add(k);
    cells[k] = m[0];
  }
  return cells;
}

/** The widths each column needs: its text's widest line, and never narrower than it was. */
function fitWidths(model: TableModel): number[] {
  return model.widths.map((w, k) => {
    let need = w;
    for (const row of model.rows) for (const line of row[k] ?? []) need = Math.max(need, cellWidth(line));
    return need;
  });
}

/** `text` padded with spaces to `width` columns. */
const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - cellWidth(text)));

/** The table written aligned, each line with the table's indentation. */
export function writeTable(model: TableModel): string[] {
  const widths = fitWidths(model);
  const out: string[] = [];
  if (model.kind === "grid") {
    const border = (ch: string) => `+${widths.map((w) => ch.repeat(w + 2)).join("+")}+`;
    out.push(border("-"));
    model.rows.forEach((row, r) => {
      const height = Math.max(1, ...row.map((c) => c.length));
      for (let i = 0; i < height; i++) out.push(`|${row.map((c, k) => ` ${pad(c[i] ?? "", widths[k] ?? 1)} `).join("|")}|`);
      out.push(border(model.head > 0 && r === model.head - 1 ? "=" : "-"));
    });
  } else {
    const border = widths.map((w) => "=".repeat(w)).join("  ");
    out.push(border);
    model.rows.forEach((row, r) => {
      const height = Math.max(1, ...row.map((c) => c.length));
      for (let i = 0; i < height; i++) out.push(row.map((c, k) => pad(c[i] ?? "", widths[k] ?? 1)).join("  ").trimEnd());
      if (model.head > 0 && r === model.head - 1) out.push(border);
    });
    out.push(border);
  }
  return out.map((l) => (l === "" ? l : model.indent + l));
}

/** The column stops (`+` positions) of a grid table's top border. */
function gridStops(top: string): number[] {
  const cols = columnsOf(top);
  const stops: number[] = [];
  for (let i = 0; i < top.length; i++) if (top[i] === "+") stops.push(cols[i] ?? i);
  return stops;
}

/** The place in the model of 0-based `line`, column `offset` (UTF-16) of the found table's text. */
export function placeOf(lines: readonly string[], found: FoundTable, line: number, offset: number): CellPlace | null {
  const { model } = found;
  const strip = (n: number) => (lines[n] ?? "").slice(model.indent.length).trimEnd();
  const text = strip(line);
  const at = Math.min(Math.max(0, offset - model.indent.length), text.length);
  const top = strip(found.first);
  const isBorder = (l: string) => (model.kind === "grid" ? l.startsWith("+") : SIMPLE_BORDER.test(l));
  if (isBorder(text)) return null;
  const starts = [...top.matchAll(/=+/g)].map((m) => m.index);
  const firstColumnBlank = (l: string) => sliceColumns(l, 0, (starts[1] ?? Infinity) - 1).trim() === "";
  // Row and line within it, counted down from the top.
  let row = -1;
  let within = 0;
  let afterBorder = true;
  for (let n = found.first + 1; n <= line; n++) {
    const l = strip(n);
    if (isBorder(l)) {
      afterBorder = true;
      continue;
    }
    const continues = model.kind === "grid" ? !afterBorder : !afterBorder && row >= 0 && firstColumnBlank(l);
    if (continues) within++;
    else {
      row++;
      within = 0;
    }
    afterBorder = false;
  }
  if (row < 0 || row >= model.rows.length) return null;
  // The cell, and where its text starts in the line.
  let cell = 0;
  let segStart = 0;
  let segment = text;
  if (model.kind === "grid") {
    const bars = gridBars(text, gridStops(top));
    if (!bars) return null;
    let from = 1;
    for (let k = 0; k < bars.length; k++) {
      const bar = bars[k] ?? text.length;
      if (at <= bar || k === bars.length - 1) {
        cell = k;
        segStart = from;
        segment = text.slice(from, bar);
        break;
      }
      from = bar + 1;
    }
  } else {
    const cells = splitSimpleLine(text, starts, starts.map((s, k) => s + (model.widths[k] ?? 1)));
    if (!cells) return null;
    let from = 0;
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k] ?? "";
      const where = c.trim() === "" ? -1 : text.indexOf(c.trim(), from);
      if (where >= 0 && where <= at) {
        cell = k;
        segStart = where;
        segment = c.trim();
      }
      if (where >= 0) from = where + c.trim().length;
    }
  }
  const cellLines = model.rows[row]?.[cell] ?? [];
  const dedented = cellLines[within] ?? "";
  const kept = segment.trimEnd();
  const least = dedented === "" ? kept.length : kept.length - dedented.length;
  return { row, cell, line: within, offset: Math.min(Math.max(0, at - segStart - least), dedented.length) };
}

/** Where `place` is in the table as `writeTable` writes it: a line (0-based, from the table's first) and offset. */
export function positionOf(model: TableModel, place: CellPlace): { line: number; offset: number } {
  const widths = fitWidths(model);
  let line = 1;
  for (let r = 0; r < place.row; r++) {
    const row = model.rows[r] ?? [];
    line += Math.max(1, ...row.map((c) => c.length));
    if (model.kind === "grid" || (model.head > 0 && r === model.head - 1)) line += 1;
  }
  line += place.line;
  let offset = model.indent.length;
  for (let k = 0; k < place.cell; k++) {
    const cellText = pad(model.rows[place.row]?.[k]?.[place.line] ?? "", widths[k] ?? 1);
    offset += model.kind === "grid" ? cellText.length + 3 : cellText.length + 2;
  }
  offset += (model.kind === "grid" ? 2 : 0) + place.offset;
  return { line, offset };
}

/** The model with an empty row after row `after`. */
export function withRow(model: TableModel, after: number): TableModel {
  const rows = model.rows.slice();
  rows.splice(after + 1, 0, model.widths.map(() => [""]));
  return { ...model, rows };
}

/** The model with an empty column after column `after`. */
export function withColumn(model: TableModel, after: number): TableModel {
  const widths = model.widths.slice();
  widths.splice(after + 1, 0, 1);
  const rows = model.rows.map((row) => {
    const cells = row.slice();
    cells.splice(after + 1, 0, [""]);
    return cells;
  });
  return { ...model, widths, rows };
}

/**
 * The cells as a `list-table` directive: how docutils reads the cells' text on its own,
 * which the aligned table must read as too.
 */
export function asListTable(model: TableModel): string {
  const out = [".. list-table::"];
  if (model.head > 0) out.push(`   :header-rows: ${model.head}`);
  out.push("");
  for (const row of model.rows) {
    row.forEach((cell, k) => {
      const lines = cell.slice();
      while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
      while (lines.length > 0 && lines[0] === "") lines.shift();
      const marker = k === 0 ? "   * - " : "     - ";
      if (lines.length === 0) {
        out.push(`${marker}`.trimEnd());
        return;
      }
      lines.forEach((l, i) => out.push(i === 0 ? marker + l : l === "" ? "" : `       ${l}`));
    });
  }
  return `${out.join("\n")}\n`;
}
