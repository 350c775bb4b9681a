import { describe, expect, it } from "vitest";
import { sortPosts } from "./sort";
import type { PostSummary } from "../bindings/PostSummary";

const post = (title: string, date: string | null): PostSummary => ({
  path: `content/${title}.rst`,
  title,
  date,
  status: null,
  category: null,
  slug: null,
  tags: [],
  kind: "article",
  editable: true,
});

describe("sortPosts", () => {
  it("puts the newest first and undated posts last, by title", () => {
    const sorted = sortPosts([post("b", null), post("old", "2020-01-01"), post("a", null), post("new", "2026-11-20 09:00")]);
    expect(sorted.map((p) => p.title)).toEqual(["new", "old", "a", "b"]);
  });

  it("does not change the list it was given", () => {
    const posts = [post("x", "2020"), post("y", "2021")];
    sortPosts(posts);
    expect(posts.map((p) => p.title)).toEqual(["x", "y"]);
  });
});
