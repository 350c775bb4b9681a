// Formatting commands: emphasis, strong, inline literal and links, each on every cursor
// and selection, each taken off again when applied to text that already has it.
import { EditorSelection, type EditorState, type TransactionSpec } from "@codemirror/state";

/** The inline markup a command toggles. */
export type InlineMarker = "*" | "**" | "``";

/** Whether `text` is one web address (what pasting or Ctrl+K turns into a link). */
export function isUrl(text: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s<>`]+$/.test(text.trim());
}

/** How many `ch` characters end `text` / start it. */
const runAtEnd = (text: string, ch: string) => text.length - text.replace(new RegExp(`\\${ch}+$`), "").length;
const runAtStart = (text: string, ch: string) => text.length - text.replace(new RegExp(`^\\${ch}+`), "").length;

/** Whether `marker` stands exactly on both sides (`*` must not be half of `**`). */
function wrappedBy(before: string, after: string, marker: InlineMarker): boolean {
  const ch = marker[0] ?? "*";
  return runsFit(runAtEnd(before, ch), runAtStart(after, ch), marker);
}

/** Whether `text` itself starts and ends with exactly `marker`. */
function selfWrapped(text: string, marker: InlineMarker): boolean {
  const ch = marker[0] ?? "*";
  return text.length > 2 * marker.length && runsFit(runAtStart(text, ch), runAtEnd(text, ch), marker);
}

/** Whether runs of `b` and `a` marker characters are `marker` (or hold it, as `***` does). */
function runsFit(b: number, a: number, marker: InlineMarker): boolean {
  if (marker === "*") return (b === 1 || b === 3) && (a === 1 || a === 3);
  return b >= marker.length && a >= marker.length && (marker !== "**" || (b !== 1 && a !== 1));
}

/**
 * Wraps each selection in `marker`, or unwraps it when it is already wrapped (markers just
 * outside it, or at its own ends). An empty cursor gets an empty pair to type into.
 */
export function toggleInline(state: EditorState, marker: InlineMarker): TransactionSpec {
  const m = marker.length;
  return state.changeByRange((range) => {
    const doc = state.doc;
    const text = doc.sliceString(range.from, range.to);
    const before = doc.sliceString(Math.max(0, range.from - 3), range.from);
    const after = doc.sliceString(range.to, Math.min(doc.length, range.to + 3));
    if (!range.empty && wrappedBy(before, after, marker)) {
      return {
        changes: [
          { from: range.from - m, to: range.from },
          { from: range.to, to: range.to + m },
        ],
        range: EditorSelection.range(range.from - m, range.to - m),
      };
    }
    if (selfWrapped(text, marker)) {
      const inner = text.slice(m, text.length - m);
      return {
        changes: { from: range.from, to: range.to, insert: inner },
        range: EditorSelection.range(range.from, range.from + inner.length),
      };
    }
    return {
      changes: [
        { from: range.from, insert: marker },
        { from: range.to, insert: marker },
      ],
      range: EditorSelection.range(range.from + m, range.to + m),
    };
  });
}

const LINK = /^`([^`<]*?)\s*<([^>`]+)>`__?$/;

/**
 * Makes each selection a link to `url` (`` `text <url>`_ ``), or takes a selected link back
 * to its text. An empty cursor gets `` `link text <url>`_ `` with the text selected.
 */
export function toggleLink(state: EditorState, url: string): TransactionSpec {
  return state.changeByRange((range) => {
    const text = state.doc.sliceString(range.from, range.to);
    const link = LINK.exec(text);
    if (link) {
      const label = link[1] ?? "";
      return {
        changes: { from: range.from, to: range.to, insert: label },
        range: EditorSelection.range(range.from, range.from + label.length),
      };
    }
    const label = range.empty ? "link text" : text;
    const insert = `\`${label} <${url.trim()}>\`_`;
    return {
      changes: { from: range.from, to: range.to, insert },
      range: EditorSelection.range(range.from + 1, range.from + 1 + label.length),
    };
  });
}
