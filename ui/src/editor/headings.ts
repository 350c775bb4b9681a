// Headings that fix themselves: when the writer edits a section title, its underline (and
// overline) follow the title's width, counted as docutils counts it (East Asian wide and
// fullwidth characters take two columns, combining marks none).
import { EditorState, type Transaction, type TransactionSpec } from "@codemirror/state";
import { titleWidth, WIDE } from "./char-width";

export { titleWidth, WIDE };

/** A line of one repeated punctuation character (an adornment), or null. */
function adornment(line: string): string | null {
  const m = /^([!-/:-@[-`{-~])\1+$/.exec(line);
  return m ? (m[1] ?? null) : null;
}

/**
 * The change that keeps the adornments of the titles `tr` edited as long as the titles: an
 * underline (and the overline above it, when it matches) that was as wide as the title
 * before the edit follows it. Null when nothing needs fixing.
 */
export function adornmentFixes(tr: Transaction): TransactionSpec | null {
  if (!tr.docChanged) return null;
  const doc = tr.newDoc;
  const old = tr.startState.doc;
  const back = tr.changes.invertedDesc;
  const lines = new Set<number>();
  tr.changes.iterChangedRanges((_fa, _ta, fromB, toB) => {
    const first = doc.lineAt(fromB).number;
    const last = doc.lineAt(toB).number;
    for (let n = first; n <= last; n++) lines.add(n);
  });
  const changes: { from: number; to: number; insert: string }[] = [];
  for (const n of lines) {
    if (n >= doc.lines) continue;
    const title = doc.line(n);
    const under = doc.line(n + 1);
    const ch = adornment(under.text);
    const text = title.text.trimEnd();
    if (!ch || text.trim() === "" || adornment(text) || /^\s/.test(text)) continue;
    // The title as it was: only an underline that fitted it then follows it now.
    const oldTitle = old.lineAt(back.mapPos(title.from, -1));
    const before = titleWidth(oldTitle.text.trimEnd());
    const width = titleWidth(text);
    if (under.text.length !== before || width === before || width === 0) continue;
    changes.push({ from: under.from, to: under.to, insert: ch.repeat(width) });
    if (n > 1) {
      const over = doc.line(n - 1);
      if (over.text === under.text) changes.push({ from: over.from, to: over.to, insert: ch.repeat(width) });
    }
  }
  return changes.length > 0 ? { changes, sequential: true } : null;
}

/** The extension: typing and deleting in a title keeps its adornments fitted. */
export const headingsFixThemselves = EditorState.transactionFilter.of((tr) => {
  if (!tr.isUserEvent("input") && !tr.isUserEvent("delete")) return tr;
  const fix = adornmentFixes(tr);
  return fix ? [tr, fix] : tr;
});
