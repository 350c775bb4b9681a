import type { Text } from "@codemirror/state";
import type { Diagnostic } from "../bindings/Diagnostic";

/** The UTF-16 offset of 1-based character `column` in `line`, clamped to the line. */
function columnOffset(line: string, column: number): number {
  let offset = 0;
  let chars = 1;
  for (const ch of line) {
    if (chars >= column) break;
    offset += ch.length;
    chars++;
  }
  return offset;
}

/**
 * Turns a diagnostic's 1-based line/column range into CodeMirror positions, clamped to the
 * document (the text may have changed since it was rendered). Never an empty range when
 * the line has text, so the mark stays visible.
 */
export function diagnosticRange(doc: Text, d: Diagnostic): { from: number; to: number } {
  const pos = (lineNo: number, column: number) => {
    const n = Math.min(Math.max(lineNo, 1), doc.lines);
    const line = doc.line(n);
    return line.from + columnOffset(line.text, column);
  };
  const from = pos(d.startLine, d.column);
  let to = Math.max(from, pos(d.endLine, d.endColumn));
  if (to === from) to = Math.min(doc.lineAt(from).to, from + 1);
  return { from, to };
}
