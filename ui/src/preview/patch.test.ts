import { describe, expect, it } from "vitest";
import type { PreviewBlock } from "../bindings/PreviewBlock";
import { BlockList, type BlockPatch } from "./patch";

const leaf = (html: string): PreviewBlock => ({ html, children: [] });

/** A block as the backend writes one: elements with their source line, a newline after. */
function block(kind: number, line: number): PreviewBlock {
  switch (kind % 4) {
    case 0:
      return leaf(`<p data-line="${line}">para ${kind}</p>\n`);
    case 1:
      return {
        html: `<div data-line="${line}" class="section">\n<h2>S${kind}</h2>\n</div>\n`,
        children: [leaf(`<p data-line="${line + 2}">in</p>\n`)],
      };
    case 2:
      return leaf(`<a href="#x"><img data-line="${line}" src="i.png" /></a>\n`);
    default:
      return leaf(`<!-- comment ${kind} -->\n`);
  }
}

/** How many nodes a block's HTML makes where it goes. */
function nodeCount(block: PreviewBlock): number {
  const template = document.createElement("template");
  template.innerHTML = block.html;
  return template.content.childNodes.length;
}

function shifted(block: PreviewBlock, shift: number): PreviewBlock {
  const html = block.html.replace(/data-line="(\d+)"/g, (_, n: string) => `data-line="${Number(n) + shift}"`);
  return { html, children: block.children.map((c) => shifted(c, shift)) };
}

/** The model of the preview: `patch` applied to plain blocks, as the backend means it. */
function applyTo(blocks: PreviewBlock[], patch: BlockPatch): PreviewBlock[] {
  const [first, ...deeper] = patch.at;
  if (first === undefined) {
    const after = blocks.slice(patch.start + patch.remove).map((b) => shifted(b, patch.lineShift));
    return [...blocks.slice(0, patch.start), ...patch.insert, ...after];
  }
  const section = blocks[first]!;
  const inner = { ...section, children: applyTo(section.children, { ...patch, at: deeper }) };
  return [...blocks.slice(0, first), inner, ...blocks.slice(first + 1).map((b) => shifted(b, patch.lineShift))];
}

/** A small deterministic generator, so a failure reproduces. */
function rng(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * Math.max(n, 1)); // the high bits: the low ones cycle
  };
}

const patch = (start: number, remove: number, insert: PreviewBlock[], lineShift = 0, at: number[] = []) => ({
  at,
  start,
  remove,
  insert,
  lineShift,
});

describe("BlockList", () => {
  it("patched block by block, at the top and in sections, ends exactly as a fresh build", () => {
    const below = rng(7);
    const patched = document.createElement("div");
    const list = new BlockList(patched);
    let blocks: PreviewBlock[] = [];
    let nested = 0;
    for (let step = 0; step < 400; step++) {
      // Down into a section now and then, as typing inside one does.
      const at: number[] = [];
      let level = blocks;
      for (;;) {
        const sections = level.flatMap((b, i) => (b.children.length > 0 ? [i] : []));
        if (sections.length === 0 || below(2) === 0) break;
        const i = sections[below(sections.length)]!;
        at.push(i);
        level = level[i]!.children;
      }
      nested += at.length > 0 ? 1 : 0;
      const start = below(level.length + 1);
      const remove = below(level.length - start + 1);
      const insert = Array.from({ length: below(3) }, () => block(below(100), 1 + below(500)));
      const change = patch(start, remove, insert, below(3) === 0 ? below(7) - 3 : 0, at);
      expect(list.apply(change)).toBe(true);
      blocks = applyTo(blocks, change);
      const fresh = document.createElement("div");
      new BlockList(fresh).apply(patch(0, 0, blocks));
      expect(patched.innerHTML, `step ${step}`).toBe(fresh.innerHTML);
    }
    expect(nested).toBeGreaterThan(100);
  });

  it("keeps unchanged blocks as the same nodes", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    list.apply(patch(0, 0, [leaf("<p>a</p>\n"), leaf("<p>b</p>\n"), leaf("<p>c</p>\n")]));
    const [first, , third] = Array.from(root.children);
    list.apply(patch(1, 1, [leaf("<p>B</p>\n")]));
    expect(root.children[0]).toBe(first);
    expect(root.children[1]?.textContent).toBe("B");
    expect(root.children[2]).toBe(third);
  });

  it("replaces a paragraph inside a section without touching the section or its title", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    const section = {
      html: '<div class="section">\n<h2>Title</h2>\n</div>\n',
      children: [leaf("<p>one</p>\n"), leaf("<p>two</p>\n")],
    };
    list.apply(patch(0, 0, [leaf("<p>intro</p>\n"), section]));
    const div = root.querySelector(".section");
    const title = div?.querySelector("h2");
    list.apply(patch(1, 1, [leaf("<p>TWO</p>\n")], 0, [1]));
    expect(root.querySelector(".section")).toBe(div);
    expect(div?.querySelector("h2")).toBe(title);
    expect(Array.from(div?.querySelectorAll("p") ?? [], (p) => p.textContent)).toEqual(["one", "TWO"]);
  });

  it("sent again whole, keeps the nodes of the blocks that are the same and ends as a fresh build", () => {
    const draw = rng(11);
    for (let round = 0; round < 60; round++) {
      const root = document.createElement("div");
      const list = new BlockList(root);
      const before = Array.from({ length: draw(8) }, () => block(draw(100), 1 + draw(50)));
      list.apply(patch(0, 0, before));
      // Moved lines too: the nodes then differ from the HTML they were built from.
      const moved = before.length > 0 && draw(2) === 0;
      if (moved) list.apply(patch(0, 0, [], 1 + draw(3)));
      const firstNodes = (blocks: PreviewBlock[], nodes: ChildNode[]) => {
        let at = 0;
        return blocks.map((b) => {
          const node = nodes[at];
          at += nodeCount(b);
          return node;
        });
      };
      const old = firstNodes(before, Array.from(root.childNodes));
      const after = Array.from({ length: draw(8) }, (_, i) =>
        draw(2) === 0 && i < before.length ? shifted(before[i]!, 0) : block(draw(100), 1 + draw(50)),
      );
      const copied = (i: number) => i < before.length && before[i]!.html === after[i]!.html;
      list.replaceAll(after);
      const fresh = document.createElement("div");
      new BlockList(fresh).apply(patch(0, 0, after));
      expect(root.innerHTML, `round ${round}`).toBe(fresh.innerHTML);
      const now = firstNodes(after, Array.from(root.childNodes));
      after.forEach((_, i) => {
        if (!copied(i)) return;
        // Moved lines make a block other than its HTML says: built again.
        if (moved && after[i]!.html.includes("data-line")) expect(now[i]).not.toBe(old[i]);
        else expect(now[i], `round ${round} block ${i}`).toBe(old[i]);
      });
      // A later patch still finds the sections it names.
      const sections = after.flatMap((b, i) => (b.children.length > 0 ? [i] : []));
      for (const i of sections) expect(list.apply(patch(0, 0, [leaf("<p>x</p>\n")], 0, [i]))).toBe(true);
    }
  });

  it("sent again whole, the same blocks are the same nodes", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    const blocks = [block(0, 1), block(1, 3), block(0, 9)];
    list.apply(patch(0, 0, blocks));
    const [first, section, last] = Array.from(root.children);
    list.replaceAll([blocks[0]!, blocks[1]!, leaf('<p data-line="9">changed</p>\n')]);
    expect(root.children[0]).toBe(first);
    expect(root.children[1]).toBe(section);
    expect(root.children[2]).not.toBe(last);
    expect(root.children[2]?.textContent).toBe("changed");
    // A block whose lines were moved is not the block the same HTML makes now.
    list.apply(patch(0, 0, [], 2));
    const moved = root.children[0];
    list.replaceAll([blocks[0]!]);
    expect(root.children[0]).not.toBe(moved);
    expect(root.innerHTML).toBe(`${blocks[0]!.html}`);
  });

  it("refuses a change in a section it does not show", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    list.apply(patch(0, 0, [leaf("<p>a</p>\n")]));
    expect(list.apply(patch(0, 0, [leaf("<p>b</p>\n")], 0, [0]))).toBe(false);
    expect(list.apply(patch(0, 0, [leaf("<p>b</p>\n")], 0, [3]))).toBe(false);
    expect(root.textContent).toBe("a\n");
  });

  it("moves the lines of the blocks after the change, in the section and after it", () => {
    const root = document.createElement("div");
    const list = new BlockList(root);
    list.apply(patch(0, 0, [block(0, 1), block(1, 3), block(0, 9)]));
    list.apply(patch(0, 0, [block(0, 4)], 2, [1]));
    const lines = Array.from(root.querySelectorAll("[data-line]"), (e) => e.getAttribute("data-line"));
    expect(lines).toEqual(["1", "3", "4", "7", "11"]);
  });

  it("parses each block alone: unbalanced raw HTML cannot swallow the next block", () => {
    const root = document.createElement("div");
    new BlockList(root).apply(patch(0, 0, [leaf("<div>open\n"), leaf("<p>next</p>\n")]));
    expect(root.querySelector(":scope > div p")).toBeNull();
    expect(root.lastElementChild?.textContent).toBe("next");
  });
});
