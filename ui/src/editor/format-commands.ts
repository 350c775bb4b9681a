// The formatting commands by name, each with its shortcut and its toolbar label: one list
// the keymap, the toolbar and the shortcuts dialog all read.
import type { EditorView, KeyBinding } from "@codemirror/view";
import type { EditorState, TransactionSpec } from "@codemirror/state";
import { toggleInline } from "./formatting";
import type { Adornment } from "./html-paste";
import { sectionAdornments, toggleBlockQuote, toggleDirective, toggleHeading, toggleList } from "./blocks";
import { asListTable, findTable, placeOf, positionOf, withColumn, withRow, writeTable, type TableRefusal } from "./tables";

/** What the commands need from the window: the engine's reading of tables, the blog's heading styles. */
export interface FormatWindow {
  /** The style the blog's other posts give each section level (level 1 first). */
  sectionStyles: () => readonly Adornment[];
  /** How docutils reads the first table in each text (`null`: no table, or one in error). */
  readings: (texts: string[]) => Promise<(string | null)[]>;
  /** Says why a table was left as it was. */
  refused: (message: string) => void;
}

export type FormatId =
  | "emphasis"
  | "strong"
  | "literal"
  | "heading1"
  | "heading2"
  | "heading3"
  | "heading4"
  | "bullets"
  | "numbers"
  | "quote"
  | "code"
  | "note"
  | "warning"
  | "table"
  | "table-column";

export interface FormatCommand {
  id: FormatId;
  /** Short toolbar label, and what it does (its tooltip). */
  label: string;
  title: string;
  /** CodeMirror key name, when it has a shortcut. */
  key?: string;
}

export const FORMAT_COMMANDS: readonly FormatCommand[] = [
  { id: "emphasis", label: "I", title: "Emphasis", key: "Mod-i" },
  { id: "strong", label: "B", title: "Strong", key: "Mod-b" },
  { id: "literal", label: "``", title: "Inline literal", key: "Mod-`" },
  { id: "heading1", label: "H1", title: "Section heading, level 1", key: "Mod-1" },
  { id: "heading2", label: "H2", title: "Section heading, level 2", key: "Mod-2" },
  { id: "heading3", label: "H3", title: "Section heading, level 3", key: "Mod-3" },
  { id: "heading4", label: "H4", title: "Section heading, level 4", key: "Mod-4" },
  { id: "bullets", label: "•", title: "Bullet list", key: "Mod-Shift-8" },
  { id: "numbers", label: "1.", title: "Numbered list", key: "Mod-Shift-7" },
  { id: "quote", label: "❝", title: "Block quote", key: "Mod-Shift-9" },
  { id: "code", label: "{ }", title: "Code block (the language is selected, to type over)", key: "Mod-Shift-c" },
  { id: "note", label: "Note", title: "Note admonition" },
  { id: "warning", label: "Warn", title: "Warning admonition" },
  { id: "table", label: "▦", title: "Align the table at the cursor (Tab in a table too)", key: "Mod-Shift-a" },
  { id: "table-column", label: "▦+", title: "Add a column after the cursor's, in the table at the cursor" },
];

/** The language a new code block takes: the post's last code block's, else plain text. */
function codeLanguage(state: EditorState): string {
  let language = "text";
  for (const line of state.doc.iterLines()) {
    const m = /^\s*\.\. +(?:code-block|code|sourcecode)::\s*(\S+)/.exec(line);
    if (m?.[1]) language = m[1];
  }
  return language;
}

const linesOf = (state: EditorState) => {
  const lines: string[] = [];
  for (const line of state.doc.iterLines()) lines.push(line);
  return lines;
};

/** The transaction of a block command on `state`, or null for the table ones (asynchronous). */
export function blockSpec(state: EditorState, id: FormatId, blogStyles: readonly Adornment[] = []): TransactionSpec | null {
  switch (id) {
    case "emphasis":
      return toggleInline(state, "*");
    case "strong":
      return toggleInline(state, "**");
    case "literal":
      return toggleInline(state, "``");
    case "heading1":
    case "heading2":
    case "heading3":
    case "heading4":
      return toggleHeading(state, Number(id.slice(-1)), sectionAdornments(linesOf(state), blogStyles));
    case "bullets":
      return toggleList(state, "bullet");
    case "numbers":
      return toggleList(state, "numbered");
    case "quote":
      return toggleBlockQuote(state);
    case "code":
      return toggleDirective(state, "code-block", codeLanguage(state));
    case "note":
      return toggleDirective(state, "note");
    case "warning":
      return toggleDirective(state, "warning");
    default:
      return null;
  }
}

/** What the table commands do: align, align and go to the next cell (Tab), add a column. */
export type TableAction = "align" | "next" | "column";

const REFUSALS: Record<TableRefusal, string> = {
  "not-a-table": "The cursor is not in a grid or simple table.",
  "merged-cells": "Tables with merged cells are left as they are: align this one by hand.",
  ragged: "This table's rows could not be told apart: align it by hand.",
};

/** A table edit ready to be checked: the lines it replaces and what it puts there. */
export interface TablePlan {
  from: number;
  to: number;
  insert: string;
  cursor: number;
  /** Texts the engine reads: the table before, after, and its cells as a list-table. */
  before: string;
  after: string;
  cells: string;
}

/** The edit `action` makes to the table at the main cursor, or why there is none. */
export function planTable(state: EditorState, action: TableAction): TablePlan | TableRefusal {
  const lines = linesOf(state);
  const head = state.selection.main.head;
  const line = state.doc.lineAt(head);
  const found = findTable(lines, line.number - 1);
  if (typeof found === "string") return found;
  const place = placeOf(lines, found, line.number - 1, head - line.from);
  let model = found.model;
  let target = place ?? { row: 0, cell: 0, line: 0, offset: 0 };
  if (action === "column") {
    model = withColumn(model, target.cell);
    target = { row: target.row, cell: target.cell + 1, line: 0, offset: 0 };
  } else if (action === "next") {
    const columns = model.widths.length;
    if (target.cell + 1 < columns) target = { row: target.row, cell: target.cell + 1, line: 0, offset: 0 };
    else if (target.row + 1 < model.rows.length) target = { row: target.row + 1, cell: 0, line: 0, offset: 0 };
    else if (model.kind === "grid") {
      model = withRow(model, target.row);
      target = { row: target.row + 1, cell: 0, line: 0, offset: 0 };
    }
    if (action === "next") {
      const text = model.rows[target.row]?.[target.cell]?.[0] ?? "";
      target = { ...target, offset: text.length };
    }
  }
  const written = writeTable(model);
  const from = state.doc.line(found.first + 1).from;
  const to = state.doc.line(found.last + 1).to;
  const at = positionOf(model, target);
  let cursor = from;
  for (let i = 0; i < at.line; i++) cursor += (written[i] ?? "").length + 1;
  cursor += Math.min(at.offset, (written[at.line] ?? "").length);
  return {
    from,
    to,
    insert: written.join("\n"),
    cursor,
    before: `${state.doc.sliceString(from, to)}\n`,
    after: `${written.join("\n")}\n`,
    cells: asListTable(model),
  };
}

/**
 * Runs a table command at the main cursor: the table is replaced only if docutils reads it
 * as the same cells as before (when it was a table before: a row pushed out of line is
 * none) and as its cells written as a list-table, and only if the text did not change
 * meanwhile. Returns false when the cursor is in no table (Tab then does what it does).
 */
export function runTable(view: EditorView, engine: FormatWindow, action: TableAction): boolean {
  if (view.state.readOnly) return false;
  const plan = planTable(view.state, action);
  if (typeof plan === "string") {
    if (plan === "not-a-table" && action === "next") return false;
    engine.refused(REFUSALS[plan]);
    return true;
  }
  const doc = view.state.doc;
  void engine
    .readings([plan.before, plan.after, plan.cells])
    .then(([before, after, cells]) => {
      const same = after != null && after === cells && (before == null || before === after);
      if (!same) {
        engine.refused("Aligning this table would change how docutils reads it, so it is left as it was.");
        return;
      }
      if (view.state.doc !== doc) return; // the writer typed meanwhile: the next Tab aligns
      view.dispatch({
        changes: { from: plan.from, to: plan.to, insert: plan.insert },
        selection: { anchor: plan.cursor },
        userEvent: "input.format",
        scrollIntoView: true,
      });
    })
    .catch((e: unknown) => engine.refused(`The table could not be checked: ${String(e)}`));
  return true;
}

/** Runs the command `id` on the view (the toolbar's buttons and the shortcuts). */
export function runFormat(view: EditorView, engine: FormatWindow, id: FormatId): boolean {
  if (view.state.readOnly) return false;
  if (id === "table") return runTable(view, engine, "align");
  if (id === "table-column") return runTable(view, engine, "column");
  const spec = blockSpec(view.state, id, engine.sectionStyles());
  if (!spec) return false;
  view.dispatch({ ...spec, userEvent: "input.format", scrollIntoView: true });
  return true;
}

/** The shortcuts of the block and table commands (the inline ones are the editor's own). */
export function blockKeys(engine: FormatWindow): KeyBinding[] {
  const inline: FormatId[] = ["emphasis", "strong", "literal"];
  const keys: KeyBinding[] = FORMAT_COMMANDS.filter((c) => c.key && !inline.includes(c.id)).map((c) => ({
    key: c.key ?? "",
    preventDefault: true,
    run: (view: EditorView) => runFormat(view, engine, c.id),
  }));
  keys.push({ key: "Tab", run: (view: EditorView) => runTable(view, engine, "next") });
  return keys;
}
