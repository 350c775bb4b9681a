// Patching the preview in place: replacing the whole document on every keystroke flickers,
// loses the scroll position, and on WebKitGTK can drop the last update. The backend says
// which top-level blocks changed; only those are parsed and replaced.

/** What changed: `remove` blocks from `start` give way to `insert`; later blocks move by `lineShift` lines. */
export interface BlockPatch {
  start: number;
  remove: number;
  insert: readonly string[];
  lineShift: number;
}

/**
 * The preview body as a list of blocks, each one or more DOM nodes. Each block's HTML is
 * parsed on its own, so a block with unbalanced raw HTML cannot swallow the next ones.
 */
export class BlockList {
  /** How many child nodes of the target each block made. */
  private counts: number[] = [];

  /** `prepare` sees each block's nodes before they go in. */
  constructor(
    private readonly target: Element,
    private readonly prepare: (block: DocumentFragment) => void = () => {},
  ) {}

  /** Empties the target. */
  reset(): void {
    this.counts = [];
    this.target.replaceChildren();
  }

  /** Applies `patch`; returns the number of blocks parsed. */
  apply(patch: BlockPatch): number {
    const { target } = this;
    const doc = target.ownerDocument;
    const start = Math.min(patch.start, this.counts.length);
    const remove = Math.min(patch.remove, this.counts.length - start);
    let at = 0;
    for (let i = 0; i < start; i++) at += this.counts[i]!;
    let gone = 0;
    for (let i = start; i < start + remove; i++) gone += this.counts[i]!;
    for (let i = 0; i < gone; i++) target.childNodes[at]?.remove();
    const next = target.childNodes[at] ?? null;
    const template = doc.createElement("template");
    const counts: number[] = [];
    for (const html of patch.insert) {
      template.innerHTML = html;
      this.prepare(template.content);
      counts.push(template.content.childNodes.length);
      target.insertBefore(template.content, next);
    }
    this.counts.splice(start, remove, ...counts);
    if (patch.lineShift !== 0) {
      for (let node = next; node; node = node.nextSibling) {
        if (node.nodeType === Node.ELEMENT_NODE) shiftLines(node as Element, patch.lineShift);
      }
    }
    return counts.length;
  }
}

function shiftLines(root: Element, shift: number): void {
  const move = (el: Element) => {
    const line = el.getAttribute("data-line");
    if (line !== null) el.setAttribute("data-line", String(Number(line) + shift));
  };
  move(root);
  for (const el of root.querySelectorAll("[data-line]")) move(el);
}
