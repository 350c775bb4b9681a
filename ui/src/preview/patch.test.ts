import { describe, expect, it } from "vitest";
import { BlockList } from "./patch";

/** A block as the backend writes one: elements with their source line, a newline after. */
function block(kind: number, line: number): string {
  switch (kind % 4) {
    case 0:
      return `<p data-line="${line}">para ${kind}</p>\n`;
    case 1:
      return `<div data-line="${line}" class="section">\n<h2>S${kind}</h2>\n<p data-line="${line + 2}">in</p>\n</div>\n`;
    case 2:
      return `<a href="#x"><img data-line="${line}" src="i.png" /></a>\n`;
    default:
      return `<!-- comment ${kind} -->\n`;
  }
}

function shifted(html: string, shift: number): string {
  return html.replace(/data-line="(\d+)"/g, (_, n: string) => `data-line="${Number(n) + shift}"`);
}

/** A small deterministic generator, so a failure reproduces. */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % Math.max(n, 1);
  };
}

describe("BlockList", () => {
  it("patched block by block, ends exactly as a fresh build of the same blocks", () => {
    const below = rng(7);
    const patched = document.createElement("div");
    const list = new BlockList(patched);
    let blocks: string[] = [];
    for (let step = 0; step < 300; step++) {
      const start = below(blocks.length + 1);
      const remove = below(blocks.length - start + 1);
      const insert = Array.from({ length: below(3) }, () => block(below(100), 1 + below(500)));
      const lineShift = below(3) === 0 ? below(7) - 3 : 0;
      const after = blocks.slice(start + remove).map((b) => shifted(b, lineShift));
      const kept = list.apply({ start, remove, insert, lineShift });
      expect(kept).toBe(insert.length);
      blocks = [...blocks.slice(0, start), ...insert, ...after];
      const fresh = document.createElement("div");
      new BlockList(fresh).apply({ start: 0, remove: 0, insert: blocks, lineShift: 0 });
      expect(patched.innerHTML, `step ${step}`).toBe(fresh.innerHTML);
    }
  });

  it("keeps unchanged blocks as the same nodes", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    list.apply({ start: 0, remove: 0, insert: ["<p>a</p>\n", "<p>b</p>\n", "<p>c</p>\n"], lineShift: 0 });
    const [first, , third] = Array.from(root.children);
    list.apply({ start: 1, remove: 1, insert: ["<p>B</p>\n"], lineShift: 0 });
    expect(root.children[0]).toBe(first);
    expect(root.children[1]?.textContent).toBe("B");
    expect(root.children[2]).toBe(third);
  });

  it("moves the lines of the blocks after the change", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    list.apply({ start: 0, remove: 0, insert: [block(0, 1), block(1, 3)], lineShift: 0 });
    list.apply({ start: 1, remove: 0, insert: [block(0, 3)], lineShift: 2 });
    const lines = Array.from(root.querySelectorAll("[data-line]"), (e) => e.getAttribute("data-line"));
    expect(lines).toEqual(["1", "3", "5", "7"]);
  });

  it("parses each block alone: unbalanced raw HTML cannot swallow the next block", () => {
    const root = document.createElement("div");
    new BlockList(root).apply({ start: 0, remove: 0, insert: ["<div>open\n", "<p>next</p>\n"], lineShift: 0 });
    expect(root.querySelector(":scope > div p")).toBeNull();
    expect(root.lastElementChild?.textContent).toBe("next");
  });
});
