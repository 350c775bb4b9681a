// Section headings found in reST text the way docutils finds them: a title line with an
// underline (and optionally an overline) of one punctuation character, at least as long.
// Levels follow the order in which adornment styles first appear.
import type { ChangeSet, Text } from "@codemirror/state";

export interface Heading {
  /** 1-based line of the title text. */
  line: number;
  title: string;
  /** 1 for the first adornment style seen (the post title), 2 for the next, ... */
  level: number;
  /** 1-based line where the heading's adornment block starts (overline or title). */
  startLine: number;
}

const ADORNMENT = /^([!-/:-@[-`{-~])\1*\s*$/;

function adornment(line: string): string | null {
  const m = ADORNMENT.exec(line);
  // Any length: the caller checks the adornment is as long as the title (a one-letter
  // title has a one-letter underline).
  return m ? (m[1] ?? null) : null;
}

export function findHeadings(lines: readonly string[]): Heading[] {
  const styles: string[] = [];
  const headings: Heading[] = [];
  const levelOf = (style: string) => {
    let i = styles.indexOf(style);
    if (i < 0) i = styles.push(style) - 1;
    return i + 1;
  };
  for (let i = 0; i + 1 < lines.length; i++) {
    const text = lines[i] ?? "";
    const next = lines[i + 1] ?? "";
    const prev = i > 0 ? (lines[i - 1] ?? "") : "";
    if (!text.trim() || text.startsWith(" ") || adornment(text)) continue;
    const under = adornment(next);
    if (!under || next.trim().length < text.trim().length) continue;
    const over = adornment(prev) === under ? under : null;
    if (!over && prev.trim() !== "") continue; // a title follows a blank line
    headings.push({ line: i + 1, title: text.trim(), level: levelOf((over ? "o" : "u") + under), startLine: over ? i : i + 1 });
    i += 1;
  }
  return headings;
}

export function headingsOf(doc: Text): Heading[] {
  const lines: string[] = [];
  for (const line of doc.iterLines()) lines.push(line);
  return findHeadings(lines);
}

/**
 * The headings of `doc`, made from `changes` to `old`, whose headings were `headings`:
 * the same array when every change stays inside one line that is text in a paragraph
 * before and after (not blank, not an adornment, not over one), as typing in a body is,
 * so a long post is not scanned again at each keystroke; else found again.
 */
export function headingsAfter(old: Text, headings: Heading[], changes: ChangeSet, doc: Text): Heading[] {
  let kept = old.lines === doc.lines;
  changes.iterChanges((fromA, toA, fromB, toB) => {
    if (!kept) return;
    const before = old.lineAt(fromA);
    const after = doc.lineAt(fromB);
    kept = toA <= before.to && toB <= after.to && before.number === after.number && plainLine(old, before.number) && plainLine(doc, after.number);
  });
  return kept ? headings : headingsOf(doc);
}

/** Whether line `n` of `doc` is paragraph text that no title depends on. */
function plainLine(doc: Text, n: number): boolean {
  const text = doc.line(n).text;
  if (text.trim() === "" || adornment(text) !== null) return false;
  return n === doc.lines || adornment(doc.line(n + 1).text) === null;
}
