// Block formatting commands: section headings by level, bullet and numbered lists, block
// quotes, code blocks and note/warning admonitions. Each works on the lines of every cursor
// and selection, and applying it again takes it off.
import { EditorSelection, type EditorState, type Line, type TransactionSpec } from "@codemirror/state";
import { findHeadings } from "./sections";
import { DEFAULT_ADORNMENTS, type Adornment } from "./html-paste";
import { titleWidth } from "./headings";

type Change = { from: number; to?: number; insert?: string };

/** A line of one repeated punctuation character, or null. */
function adornmentChar(text: string): string | null {
  const m = /^([!-/:-@[-`{-~])\1+\s*$/.exec(text);
  return m ? (m[1] ?? null) : null;
}

/**
 * The adornment of each section level a heading command writes (level 1 first): the ones
 * this post's sections use, in the order docutils ranks them; for levels it has no heading
 * of yet, the blog's (`blog`, from its other posts), else the usual ones, never a style a
 * level above already takes. A heading that opens the post is its title (docutils promotes
 * it), so its style is not a section level.
 */
export function sectionAdornments(lines: readonly string[], blog: readonly Adornment[] = []): Adornment[] {
  const headings = findHeadings(lines);
  const styles: Adornment[] = [];
  for (const h of headings) {
    const char = (lines[h.line] ?? "").trim()[0];
    if (char && !styles[h.level - 1]) styles[h.level - 1] = { char, over: h.startLine < h.line };
  }
  const used = styles.filter(Boolean);
  const first = headings[0];
  const opensPost = first !== undefined && lines.slice(0, first.startLine - 1).every((l) => l.trim() === "");
  const levels = opensPost ? used.slice(1) : used;
  const same = (a: Adornment, b: Adornment) => a.char === b.char && a.over === b.over;
  const taken = (d: Adornment) => levels.some((u) => same(u, d)) || (opensPost && used[0] !== undefined && same(used[0], d));
  const out = levels.slice();
  for (let level = out.length; level < Math.max(4, blog.length); level++) {
    const theirs = blog[level];
    const pick = theirs && !taken(theirs) && !out.some((o) => same(o, theirs)) ? theirs : DEFAULT_ADORNMENTS.find((d) => !taken(d) && !out.some((o) => same(o, d)));
    if (!pick) break;
    out.push(pick);
  }
  return out;
}

/** The numbers of the lines each range covers (a selection ending at a line's start leaves it out). */
function coveredLines(state: EditorState): number[] {
  const lines = new Set<number>();
  for (const r of state.selection.ranges) {
    const first = state.doc.lineAt(r.from).number;
    let last = state.doc.lineAt(r.to).number;
    if (!r.empty && last > first && state.doc.line(last).from === r.to) last -= 1;
    for (let n = first; n <= last; n++) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Runs of consecutive line numbers. */
function runs(lines: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const n of lines) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === n - 1) last.push(n);
    else out.push([n]);
  }
  return out;
}

/** Applies `changes` and keeps every cursor and selection where its text went. */
function withChanges(state: EditorState, changes: Change[]): TransactionSpec {
  const set = state.changes(changes);
  const selection = EditorSelection.create(
    state.selection.ranges.map((r) => EditorSelection.range(set.mapPos(r.anchor, 1), set.mapPos(r.head, 1))),
    state.selection.mainIndex,
  );
  return { changes: set, selection };
}

/** A blank line is needed between `line` and its neighbour (a block must stand apart from a paragraph). */
function needsBlankBefore(state: EditorState, line: Line): boolean {
  return line.number > 1 && state.doc.line(line.number - 1).text.trim() !== "";
}
function needsBlankAfter(state: EditorState, line: Line): boolean {
  return line.number < state.doc.lines && state.doc.line(line.number + 1).text.trim() !== "";
}

/**
 * Makes the line of each cursor a section title of `level` (1-based) in `adornments`' style,
 * changes a title of another level to it, or takes the adornments off a title already of it.
 */
export function toggleHeading(state: EditorState, level: number, adornments: readonly Adornment[]): TransactionSpec {
  const style = adornments[Math.min(level, adornments.length) - 1] ?? { char: "=", over: false };
  const doc = state.doc;
  const changes: Change[] = [];
  const done = new Set<number>();
  for (const r of state.selection.ranges) {
    let line = doc.lineAt(r.head);
    // On an underline, the title is the line above.
    if (adornmentChar(line.text) && line.number > 1 && doc.line(line.number - 1).text.trim() !== "") {
      const above = doc.line(line.number - 1);
      if (!adornmentChar(above.text)) line = above;
    }
    if (done.has(line.number) || line.text.trim() === "") continue;
    done.add(line.number);
    const under = line.number < doc.lines ? doc.line(line.number + 1) : null;
    const underChar = under ? adornmentChar(under.text) : null;
    const over = line.number > 1 ? doc.line(line.number - 1) : null;
    const overChar = over && underChar && over.text.trim() === under?.text.trim() ? adornmentChar(over.text) : null;
    if (under && underChar) {
      const current = { char: underChar, over: overChar !== null };
      // Remove the adornments it has; add the level's unless it already was that level.
      changes.push({ from: line.to, to: under.to });
      if (over && overChar) changes.push({ from: over.from, to: line.from });
      if (current.char === style.char && current.over === style.over) continue;
    }
    const title = line.text.trim();
    const rule = style.char.repeat(Math.max(titleWidth(title), 1));
    const blankBefore = !(over && overChar) && needsBlankBefore(state, line);
    const top = style.over ? `${rule}\n` : "";
    if (title !== line.text) changes.push({ from: line.from, to: line.to, insert: title });
    changes.push({ from: (over && overChar ? over : line).from, insert: (blankBefore ? "\n" : "") + top });
    const end = under && underChar ? under : line;
    const blankAfter = needsBlankAfter(state, end);
    changes.push({ from: end.to, insert: `\n${rule}${blankAfter ? "\n" : ""}` });
  }
  return withChanges(state, changes);
}

const BULLET = /^(\s*)[-*+•‣⁃] +/;
const NUMBERED = /^(\s*)(?:\d+|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)] +/;

/** Bullet (`- `) or numbered (`1. `) list items of the non-blank lines under the cursors, or plain lines again. */
export function toggleList(state: EditorState, kind: "bullet" | "numbered"): TransactionSpec {
  const doc = state.doc;
  const mine = kind === "bullet" ? BULLET : NUMBERED;
  const other = kind === "bullet" ? NUMBERED : BULLET;
  const changes: Change[] = [];
  for (const run of runs(coveredLines(state))) {
    const lines = run.map((n) => doc.line(n)).filter((l) => l.text.trim() !== "");
    if (lines.length === 0) {
      const line = doc.line(run[0] ?? 1);
      changes.push({ from: line.from, insert: kind === "bullet" ? "- " : "1. " });
      continue;
    }
    if (lines.every((l) => mine.test(l.text))) {
      for (const l of lines) {
        const m = mine.exec(l.text);
        if (m) changes.push({ from: l.from + (m[1] ?? "").length, to: l.from + m[0].length });
      }
      continue;
    }
    lines.forEach((l, i) => {
      const m = mine.exec(l.text) ?? other.exec(l.text);
      const indent = m ? (m[1] ?? "") : (/^\s*/.exec(l.text)?.[0] ?? "");
      const marker = kind === "bullet" ? "- " : `${i + 1}. `;
      changes.push({ from: l.from + indent.length, to: l.from + (m ? m[0].length : indent.length), insert: marker });
    });
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (first && needsBlankBefore(state, first) && !mine.test(doc.line(first.number - 1).text)) {
      changes.push({ from: first.from, insert: "\n" });
    }
    if (last && needsBlankAfter(state, last) && !mine.test(doc.line(last.number + 1).text)) {
      changes.push({ from: last.to, insert: "\n" });
    }
  }
  return withChanges(state, changes);
}

/** How many leading spaces `text` has. */
const indentOf = (text: string) => (/^ */.exec(text)?.[0] ?? "").length;

/** The indentation a block quote, or a directive's body, takes. */
const QUOTE_INDENT = "   ";

/** Block quotes of the lines under the cursors (indented by three spaces), or the lines back out of one. */
export function toggleBlockQuote(state: EditorState): TransactionSpec {
  const doc = state.doc;
  const changes: Change[] = [];
  for (const run of runs(coveredLines(state))) {
    const lines = run.map((n) => doc.line(n));
    const text = lines.filter((l) => l.text.trim() !== "");
    const first = text[0];
    const last = text[text.length - 1];
    if (!first || !last) continue;
    const before = first.number > 1 ? doc.line(first.number - 1) : null;
    const outer = before && before.text.trim() !== "" ? indentOf(before.text) : 0;
    const least = Math.min(...text.map((l) => indentOf(l.text)));
    // Already quoted when indented past what comes before it.
    if (least > 0 && (before === null || before.text.trim() === "" || least > outer)) {
      const by = Math.min(least, QUOTE_INDENT.length);
      for (const l of text) changes.push({ from: l.from, to: l.from + by });
      continue;
    }
    for (const l of text) changes.push({ from: l.from, insert: QUOTE_INDENT });
    if (needsBlankBefore(state, first)) changes.push({ from: first.from, insert: "\n" });
    if (needsBlankAfter(state, last)) changes.push({ from: last.to, insert: "\n" });
  }
  return withChanges(state, changes);
}

/** The directives a block command writes, and the names that count as the same when taken off. */
export type BlockDirective = "code-block" | "note" | "warning";

const SAME_NAMES: Record<BlockDirective, readonly string[]> = {
  "code-block": ["code-block", "code", "sourcecode"],
  note: ["note"],
  warning: ["warning"],
};

/** The directive of `names` whose body holds `line`, as its first line and its body's last. */
function enclosingDirective(state: EditorState, line: Line, names: readonly string[]): { start: Line; end: Line } | null {
  const doc = state.doc;
  const at = (n: number) => doc.line(n);
  for (let n = line.number; n >= 1; n--) {
    const l = at(n);
    const m = /^( *)\.\. +([\w-]+) *::/.exec(l.text);
    if (m) {
      const own = (m[1] ?? "").length;
      if (!names.includes(m[2] ?? "") || (n !== line.number && indentOf(line.text) <= own && line.text.trim() !== "")) return null;
      let end = n;
      for (let k = n + 1; k <= doc.lines; k++) {
        const t = at(k).text;
        if (t.trim() === "") continue;
        if (indentOf(t) <= own) break;
        end = k;
      }
      return end >= line.number ? { start: l, end: at(end) } : null;
    }
    if (n !== line.number && l.text.trim() !== "" && indentOf(l.text) === 0) return null;
  }
  return null;
}

/**
 * Puts the lines under each cursor into a `directive` block (a code block with `language`,
 * a note, a warning), or takes the block the cursor is in back to plain lines. A code
 * block's language is selected, to type over; an empty line gets a block to write in.
 */
export function toggleDirective(state: EditorState, directive: BlockDirective, language = "text"): TransactionSpec {
  const doc = state.doc;
  const changes: Change[] = [];
  /** A range to select inside a block head written at `origin` (original text), `offset` into it. */
  const selections: { origin: number; offset: number; length: number }[] = [];
  const unwrapped = new Set<number>();
  const groups = runs(coveredLines(state));
  const block = groups.map((run) => enclosingDirective(state, doc.line(run[0] ?? 1), SAME_NAMES[directive]));
  if (block.some((b) => b !== null)) {
    for (const b of block) {
      if (!b || unwrapped.has(b.start.number)) continue;
      unwrapped.add(b.start.number);
      const own = indentOf(b.start.text);
      let bodyFrom = b.start.number + 1;
      // Its options and the blank line after them go with it.
      while (bodyFrom <= b.end.number && /^\s+:[\w-]+:/.test(doc.line(bodyFrom).text)) bodyFrom++;
      while (bodyFrom <= b.end.number && doc.line(bodyFrom).text.trim() === "") bodyFrom++;
      const body = [];
      for (let n = bodyFrom; n <= b.end.number; n++) body.push(doc.line(n));
      const least = Math.min(...body.filter((l) => l.text.trim() !== "").map((l) => indentOf(l.text)));
      const by = Number.isFinite(least) ? least - own : 0;
      const removeTo = bodyFrom <= b.end.number ? doc.line(bodyFrom).from : b.end.to;
      changes.push({ from: b.start.from, to: removeTo });
      for (const l of body) if (l.text.trim() !== "") changes.push({ from: l.from, to: l.from + Math.min(by, indentOf(l.text)) });
    }
    return withChanges(state, changes);
  }
  for (const run of groups) {
    const lines = run.map((n) => doc.line(n));
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (!first || !last) continue;
    const own = lines.every((l) => l.text.trim() === "") ? 0 : Math.min(...lines.filter((l) => l.text.trim() !== "").map((l) => indentOf(l.text)));
    const pad = " ".repeat(own);
    const head = `${pad}.. ${directive}::${directive === "code-block" ? ` ${language}` : ""}`;
    const before = needsBlankBefore(state, first) ? "\n" : "";
    const empty = lines.every((l) => l.text.trim() === "");
    if (empty) {
      changes.push({ from: first.from, to: last.to, insert: `${before}${head}\n\n${pad}${QUOTE_INDENT}` });
      const offset = before.length + (directive === "code-block" ? head.length - language.length : head.length + 2 + pad.length + QUOTE_INDENT.length);
      selections.push({ origin: first.from, offset, length: directive === "code-block" ? language.length : 0 });
      continue;
    }
    changes.push({ from: first.from, insert: `${before}${head}\n\n` });
    for (const l of lines) if (l.text.trim() !== "") changes.push({ from: l.from + own, insert: QUOTE_INDENT });
    if (needsBlankAfter(state, last)) changes.push({ from: last.to, insert: "\n" });
    if (directive === "code-block") {
      selections.push({ origin: first.from, offset: before.length + head.length - language.length, length: language.length });
    }
  }
  if (selections.length === 0) return withChanges(state, changes);
  // The language (or the empty body) to type in, on every block written: the head is
  // inserted at `origin`, which maps (before the insertion) to where the head starts.
  const set = state.changes(changes);
  const ranges = selections.map((s) => {
    const start = set.mapPos(s.origin, -1) + s.offset;
    return EditorSelection.range(start, start + s.length);
  });
  return { changes: set, selection: EditorSelection.create(ranges) };
}
