import { describe, expect, it } from "vitest";
import { patchChildren } from "./patch";

function container(html: string): HTMLDivElement {
  const div = document.createElement("div");
  div.innerHTML = html;
  return div;
}

describe("patchChildren", () => {
  it("keeps unchanged nodes as the same objects and replaces only the changed one", () => {
    const root = container("<p>a</p><p>b</p><p>c</p>");
    const [first, second, third] = Array.from(root.children);
    const changes = patchChildren(root, "<p>a</p><p>B</p><p>c</p>");
    expect(changes).toBe(1);
    expect(root.children[0]).toBe(first);
    expect(root.children[1]).not.toBe(second);
    expect(root.children[1]?.textContent).toBe("B");
    expect(root.children[2]).toBe(third);
  });

  it("appends new nodes and removes surplus ones", () => {
    const root = container("<p>a</p>");
    expect(patchChildren(root, "<p>a</p><p>b</p>")).toBe(1);
    expect(root.innerHTML).toBe("<p>a</p><p>b</p>");
    expect(patchChildren(root, "")).toBe(2);
    expect(root.innerHTML).toBe("");
  });

  it("treats attribute changes as changes", () => {
    const root = container('<div class="section" id="a"><h2>T</h2></div>');
    expect(patchChildren(root, '<div class="section" id="b"><h2>T</h2></div>')).toBe(1);
    expect(root.firstElementChild?.id).toBe("b");
  });
});
