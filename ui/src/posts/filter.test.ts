import { describe, expect, it } from "vitest";
import { filterPosts } from "./filter";
import type { PostSummary } from "../bindings/PostSummary";

const post = (title: string, status: string | null): PostSummary => ({
  path: `content/${title.toLowerCase().replace(/\W+/g, "-")}.rst`,
  title,
  date: null,
  status,
  category: null,
  tags: [],
  kind: "article",
  editable: true,
});

const posts = [post("Déjà Vu in Lisbon", null), post("Rust notes", "draft"), post("Lisbon food", "published")];

describe("filterPosts", () => {
  it("matches every word, ignoring case and accents", () => {
    expect(filterPosts(posts, "deja LISBON", "all").map((p) => p.title)).toEqual(["Déjà Vu in Lisbon"]);
    expect(filterPosts(posts, "lisbon", "all")).toHaveLength(2);
    expect(filterPosts(posts, "", "all")).toHaveLength(3);
  });

  it("filters by status, counting posts without one as published", () => {
    expect(filterPosts(posts, "", "draft").map((p) => p.title)).toEqual(["Rust notes"]);
    expect(filterPosts(posts, "", "published").map((p) => p.title)).toEqual(["Déjà Vu in Lisbon", "Lisbon food"]);
  });
});
