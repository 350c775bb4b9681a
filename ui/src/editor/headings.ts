// Headings that fix themselves: when the writer edits a section title, its underline (and
// overline) follow the title's width, counted as docutils counts it (East Asian wide and
// fullwidth characters take two columns, combining marks none).
import { EditorState, type Transaction, type TransactionSpec } from "@codemirror/state";

/**
 * East_Asian_Width W and F ranges (Unicode 15): copied from folio-rst's char_width.rs,
 * which the engine measures titles and tables with; keep the two the same.
 */
export const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115F],
  [0x231A, 0x231B],
  [0x2329, 0x232A],
  [0x23E9, 0x23EC],
  [0x23F0, 0x23F0],
  [0x23F3, 0x23F3],
  [0x25FD, 0x25FE],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267F, 0x267F],
  [0x2693, 0x2693],
  [0x26A1, 0x26A1],
  [0x26AA, 0x26AB],
  [0x26BD, 0x26BE],
  [0x26C4, 0x26C5],
  [0x26CE, 0x26CE],
  [0x26D4, 0x26D4],
  [0x26EA, 0x26EA],
  [0x26F2, 0x26F3],
  [0x26F5, 0x26F5],
  [0x26FA, 0x26FA],
  [0x26FD, 0x26FD],
  [0x2705, 0x2705],
  [0x270A, 0x270B],
  [0x2728, 0x2728],
  [0x274C, 0x274C],
  [0x274E, 0x274E],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27B0, 0x27B0],
  [0x27BF, 0x27BF],
  [0x2B1B, 0x2B1C],
  [0x2B50, 0x2B50],
  [0x2B55, 0x2B55],
  [0x2E80, 0x303E],
  [0x3041, 0x33FF],
  [0x3400, 0x4DBF],
  [0x4E00, 0x9FFF],
  [0xA000, 0xA4CF],
  [0xA960, 0xA97F],
  [0xAC00, 0xD7A3],
  [0xF900, 0xFAFF],
  [0xFE10, 0xFE19],
  [0xFE30, 0xFE6F],
  [0xFF00, 0xFF60],
  [0xFFE0, 0xFFE6],
  [0x16FE0, 0x16FE4],
  [0x17000, 0x18CD5],
  [0x1B000, 0x1B2FB],
  [0x1F004, 0x1F004],
  [0x1F0CF, 0x1F0CF],
  [0x1F18E, 0x1F18E],
  [0x1F191, 0x1F19A],
  [0x1F200, 0x1F251],
  [0x1F300, 0x1F320],
  [0x1F32D, 0x1F335],
  [0x1F337, 0x1F37C],
  [0x1F37E, 0x1F393],
  [0x1F3A0, 0x1F3CA],
  [0x1F3CF, 0x1F3D3],
  [0x1F3E0, 0x1F3F0],
  [0x1F3F4, 0x1F3F4],
  [0x1F3F8, 0x1F43E],
  [0x1F440, 0x1F440],
  [0x1F442, 0x1F4FC],
  [0x1F4FF, 0x1F53D],
  [0x1F54B, 0x1F54E],
  [0x1F550, 0x1F567],
  [0x1F57A, 0x1F57A],
  [0x1F595, 0x1F596],
  [0x1F5A4, 0x1F5A4],
  [0x1F5FB, 0x1F64F],
  [0x1F680, 0x1F6C5],
  [0x1F6CC, 0x1F6CC],
  [0x1F6D0, 0x1F6D2],
  [0x1F6D5, 0x1F6D7],
  [0x1F6DC, 0x1F6DF],
  [0x1F6EB, 0x1F6EC],
  [0x1F6F4, 0x1F6FC],
  [0x1F7E0, 0x1F7EB],
  [0x1F7F0, 0x1F7F0],
  [0x1F90C, 0x1F93A],
  [0x1F93C, 0x1F945],
  [0x1F947, 0x1F9FF],
  [0x1FA70, 0x1FAFF],
  [0x20000, 0x2FFFD],
  [0x30000, 0x3FFFD],
];

/** The columns one character takes. */
function columns(ch: string): number {
  if (/\p{Mn}/u.test(ch)) return 0;
  const n = ch.codePointAt(0) ?? 0;
  if (n < 0x1100) return 1;
  let lo = 0;
  let hi = WIDE.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const range = WIDE[mid];
    if (range && range[1] < n) lo = mid + 1;
    else hi = mid;
  }
  const range = WIDE[lo];
  return range && range[0] <= n ? 2 : 1;
}

/** The width docutils gives `text` when it measures a title against its underline. */
export function titleWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += columns(ch);
  return width;
}

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
