// Patching the preview in place: replacing the whole document on every keystroke flickers,
// loses the scroll position, and on WebKitGTK can drop the last update.

/**
 * Makes `target`'s children equal to those parsed from `html`, touching only the top-level
 * nodes that differ. Unchanged nodes stay the same objects (so their layout and any image
 * loads are kept). Returns the number of nodes replaced, added or removed.
 */
export function patchChildren(target: Element, html: string): number {
  const doc = target.ownerDocument;
  const template = doc.createElement("template");
  template.innerHTML = html;
  const next = Array.from(template.content.childNodes);
  let changes = 0;
  let i = 0;
  for (; i < next.length; i++) {
    const incoming = next[i]!;
    const current = target.childNodes[i];
    if (!current) {
      target.append(incoming);
      changes++;
    } else if (!current.isEqualNode(incoming)) {
      target.replaceChild(incoming, current);
      changes++;
    }
  }
  while (target.childNodes.length > next.length) {
    target.lastChild!.remove();
    changes++;
  }
  return changes;
}
