// Patching the preview in place: replacing the whole document on every keystroke flickers,
// loses the scroll position, and on WebKitGTK can drop the last update. The backend says
// which blocks changed, at the top level or inside one section; only those are parsed and
// replaced.
import type { PreviewBlock } from "../bindings/PreviewBlock";

/**
 * What changed: in the section `at` leads to (empty: the top level), `remove` blocks from
 * `start` give way to `insert`; everything after them moves by `lineShift` lines.
 */
export interface BlockPatch {
  at: readonly number[];
  start: number;
  remove: number;
  insert: readonly PreviewBlock[];
  lineShift: number;
}

/** A block on screen: how many nodes of its container it made, and a section's blocks. */
interface Shown {
  count: number;
  children: BlockList | null;
}

/**
 * A container's blocks, each one or more DOM nodes, after `lead` nodes that are not blocks
 * (a section's title). Each block's HTML is parsed on its own, so a block with unbalanced
 * raw HTML cannot swallow the next ones; a section's blocks are a list of their own.
 */
export class BlockList {
  private shown: Shown[] = [];

  /** `prepare` sees each block's nodes before they go in. */
  constructor(
    private readonly target: Element,
    private readonly prepare: (block: DocumentFragment) => void = () => {},
    private readonly lead = 0,
  ) {}

  /** Empties the target. */
  reset(): void {
    this.shown = [];
    this.target.replaceChildren();
  }

  /**
   * Applies `patch`. Returns false, changing nothing, when `at` names no section shown
   * here: then the preview must be built again from all of it.
   */
  apply(patch: BlockPatch): boolean {
    let list: BlockList = this;
    for (const i of patch.at) {
      const section = list.shown[i]?.children;
      if (!section) return false;
      list = section;
    }
    const next = list.splice(patch.start, patch.remove, patch.insert);
    if (patch.lineShift !== 0) this.shiftAfter(next, list.target, patch.lineShift);
    return true;
  }

  /**
   * Shows `blocks` in place of all shown here (a post sent again whole, as when its
   * settings were read again), keeping the nodes of every block that comes out the same at
   * the same place: a click on one of them meanwhile is not lost, nor the selection in it.
   */
  replaceAll(blocks: readonly PreviewBlock[]): void {
    const { target } = this;
    let at = this.lead;
    const shown = blocks.map((block, i) => {
      const { nodes, children } = this.build(block);
      const count = nodes.childNodes.length;
      const old = this.shown[i];
      if (old && old.count === count && sameNodes(target, at, nodes)) {
        at += count;
        return old;
      }
      for (let k = 0; k < (old?.count ?? 0); k++) target.childNodes[at]?.remove();
      target.insertBefore(nodes, target.childNodes[at] ?? null);
      at += count;
      return { count, children };
    });
    let rest = 0;
    for (let i = blocks.length; i < this.shown.length; i++) rest += this.shown[i]!.count;
    for (let k = 0; k < rest; k++) target.childNodes[at]?.remove();
    this.shown = shown;
  }

  private splice(start: number, remove: number, insert: readonly PreviewBlock[]): ChildNode | null {
    const { target } = this;
    start = Math.min(start, this.shown.length);
    remove = Math.min(remove, this.shown.length - start);
    let at = this.lead;
    for (let i = 0; i < start; i++) at += this.shown[i]!.count;
    let gone = 0;
    for (let i = start; i < start + remove; i++) gone += this.shown[i]!.count;
    for (let i = 0; i < gone; i++) target.childNodes[at]?.remove();
    const next = target.childNodes[at] ?? null;
    const shown = insert.map((block) => {
      const { nodes, children } = this.build(block);
      const count = nodes.childNodes.length;
      target.insertBefore(nodes, next);
      return { count, children };
    });
    this.shown.splice(start, remove, ...shown);
    return next;
  }

  private build(block: PreviewBlock): { nodes: DocumentFragment; children: BlockList | null } {
    const template = this.target.ownerDocument.createElement("template");
    template.innerHTML = block.html;
    const nodes = template.content;
    this.prepare(nodes);
    const section = block.children.length > 0 ? nodes.firstElementChild : null;
    if (!section) return { nodes, children: null };
    const children = new BlockList(section, this.prepare, section.childNodes.length);
    children.splice(0, 0, block.children);
    return { nodes, children };
  }

  /** Moves the lines of every element after `next` in document order, up to this list's end. */
  private shiftAfter(next: ChildNode | null, container: Element, shift: number): void {
    let node = next;
    let parent: Element | null = container;
    while (parent) {
      for (let n = node; n; n = n.nextSibling) {
        if (n.nodeType === Node.ELEMENT_NODE) shiftLines(n as Element, shift);
      }
      if (parent === this.target) break;
      node = parent.nextSibling;
      parent = parent.parentElement;
    }
  }
}

/** Whether the nodes of `target` from `at` are those of `nodes`, compared deeply. */
function sameNodes(target: Element, at: number, nodes: DocumentFragment): boolean {
  return Array.from(nodes.childNodes).every((node, i) => target.childNodes[at + i]?.isEqualNode(node));
}

function shiftLines(root: Element, shift: number): void {
  const move = (el: Element) => {
    const line = el.getAttribute("data-line");
    if (line !== null) el.setAttribute("data-line", String(Number(line) + shift));
  };
  move(root);
  for (const el of root.querySelectorAll("[data-line]")) move(el);
}
