import { beforeAll, describe, expect, it } from "vitest";
import { PostList, visibleRows } from "./list";
import type { PostSummary } from "../bindings/PostSummary";

const post = (i: number): PostSummary => ({
  path: `content/post-${String(i).padStart(5, "0")}.rst`,
  title: `Post ${i}`,
  date: `2020-01-01 ${String(Math.floor(i / 60) % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
  status: null,
  category: null,
  slug: null,
  tags: [],
  kind: "article",
  editable: true,
});

describe("visibleRows", () => {
  it("covers the viewport plus the overscan on both sides", () => {
    expect(visibleRows(0, 520, 52, 10_000, 5)).toEqual({ start: 0, end: 16 });
    expect(visibleRows(52 * 100, 520, 52, 10_000, 5)).toEqual({ start: 95, end: 116 });
  });

  it("stays inside the list at its end and for odd input", () => {
    expect(visibleRows(52 * 9_995, 520, 52, 10_000, 5)).toEqual({ start: 9_990, end: 10_000 });
    expect(visibleRows(1e9, 520, 52, 3, 5)).toEqual({ start: 3, end: 3 });
    expect(visibleRows(-40, 520, 52, 3, 5)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(0, 520, 0, 3)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(0, 520, 52, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe("PostList", () => {
  beforeAll(() => {
    // jsdom has no layout: nothing is ever resized.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
  });

  it("puts only a window of rows in the DOM, with spacers standing in for the rest", () => {
    const root = document.createElement("ul");
    const list = new PostList(root, () => {});
    list.show(Array.from({ length: 10_000 }, (_, i) => post(i)));
    const items = root.querySelectorAll<HTMLElement>("[data-testid=post-item]");
    expect(root.dataset["count"]).toBe("10000");
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(100);
    expect(items[0]!.dataset["index"]).toBe("0");
    const after = root.lastElementChild as HTMLElement;
    expect(parseInt(after.style.height)).toBe((10_000 - items.length) * 52);
  });

  it("renders the selected post's row and marks it", () => {
    const root = document.createElement("ul");
    const chosen: string[] = [];
    const list = new PostList(root, (p) => chosen.push(p.path));
    const posts = Array.from({ length: 1_000 }, (_, i) => post(i));
    list.show(posts);
    list.select(posts[10]!.path); // sorted newest first: index 989
    const row = root.querySelector<HTMLElement>(`[data-path="${posts[10]!.path}"]`);
    expect(row?.classList.contains("selected")).toBe(true);
    row!.click();
    expect(chosen).toEqual([posts[10]!.path]);
  });

  it("keeps a post's row across a redraw, so a click on it opens the post as it now is", () => {
    const root = document.createElement("ul");
    const chosen: string[] = [];
    const list = new PostList(root, (p) => chosen.push(`${p.path} ${p.title}`));
    const posts = Array.from({ length: 20 }, (_, i) => post(i));
    list.show(posts);
    const row = root.querySelector<HTMLElement>(`[data-path="${posts[19]!.path}"]`)!;
    const title = row.querySelector(".post-title");
    // The settings read again give the posts other titles and one more post.
    list.show([post(99), ...posts.map((p) => ({ ...p, title: `${p.title} (read by Python)` }))]);
    expect(root.contains(row)).toBe(true);
    // The element a press landed on is still in the page for the release (see item()).
    expect(row.querySelector(".post-title")).toBe(title);
    expect(row.querySelector(".post-title")?.textContent).toBe("Post 19 (read by Python)");
    row.click();
    row.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(chosen).toEqual([`${posts[19]!.path} Post 19 (read by Python)`, `${posts[19]!.path} Post 19 (read by Python)`]);
  });

  it("leaves a row's elements alone when a redraw shows the same posts again", () => {
    const root = document.createElement("ul");
    const list = new PostList(root, () => {});
    const posts = Array.from({ length: 5 }, (_, i) => post(i));
    list.show(posts);
    list.setBadges(new Map([[posts[2]!.path, "new"]]));
    const before = Array.from(root.querySelectorAll("*"));
    const added: Node[] = [];
    new MutationObserver((records) => records.forEach((r) => added.push(...r.addedNodes))).observe(root, {
      childList: true,
      subtree: true,
    });
    list.show(posts.map((p) => ({ ...p })));
    list.setBadges(new Map([[posts[2]!.path, "new"]]));
    expect(Array.from(root.querySelectorAll("*"))).toEqual(before);
    return Promise.resolve().then(() => expect(added).toEqual([]));
  });

  it("says why it is empty", () => {
    const root = document.createElement("ul");
    new PostList(root, () => {}).show([], "No posts match.");
    expect(root.textContent).toBe("No posts match.");
    expect(root.dataset["count"]).toBe("0");
  });
});
