// A word diff on screen: the whole text once, words only in the older version struck
// through, words only in the current text underlined, long unchanged stretches folded.
import type { DiffPiece } from "../bindings/DiffPiece";
import { el } from "../dom";

/** Unchanged lines kept on each side of a change; a longer unchanged stretch is folded. */
const CONTEXT_LINES = 3;

/**
 * The diff as DOM, in `target` (emptied first). A piece's text goes in as text, never as
 * HTML. Unchanged stretches of more than twice the context fold into a button that
 * unfolds them.
 */
export function showDiff(target: HTMLElement, pieces: readonly DiffPiece[]): void {
  target.replaceChildren();
  pieces.forEach((piece, i) => {
    if (piece.kind === "removed") {
      target.append(el("del", "diff-removed", piece.text));
    } else if (piece.kind === "added") {
      target.append(el("ins", "diff-added", piece.text));
    } else {
      target.append(...unchanged(piece.text, i > 0, i < pieces.length - 1));
    }
  });
}

/** An unchanged piece: its first and last lines next to changes, the middle folded. */
function unchanged(text: string, changeBefore: boolean, changeAfter: boolean): Node[] {
  const lines = text.split(/(?<=\n)/);
  const head = changeBefore ? CONTEXT_LINES : 0;
  const tail = changeAfter ? CONTEXT_LINES : 0;
  // Fold only what saves more than the fold's own line.
  if (lines.length - head - tail <= 1) return [document.createTextNode(text)];
  const middle = lines.slice(head, lines.length - tail).join("");
  const fold = el("button", "diff-fold", `⋯ ${countLines(middle)} unchanged lines ⋯`);
  fold.type = "button";
  fold.title = "Show them";
  fold.addEventListener("click", () => fold.replaceWith(document.createTextNode(middle)));
  return [
    document.createTextNode(lines.slice(0, head).join("")),
    fold,
    document.createTextNode(lines.slice(lines.length - tail).join("")),
  ];
}

function countLines(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}
