import { describe, expect, it } from "vitest";
import { facets, filterPosts, type PostFilter } from "./filter";
import type { PostSummary } from "../bindings/PostSummary";

const post = (title: string, status: string | null, category: string | null = null, tags: string[] = []): PostSummary => ({
  path: `content/${title.toLowerCase().replace(/\W+/g, "-")}.rst`,
  title,
  date: null,
  status,
  category,
  slug: null,
  tags,
  kind: "article",
  editable: true,
});

const posts = [
  post("Déjà Vu in Lisbon", null, "Travel", ["portugal", "food"]),
  post("Rust notes", "draft", "Code", ["rust"]),
  post("Lisbon food", "published", "travel", ["Food"]),
  post("About", "hidden"),
];

const all: PostFilter = { query: "", status: "all", category: "", tag: "" };
const titles = (f: Partial<PostFilter>) => filterPosts(posts, { ...all, ...f }).map((p) => p.title);

describe("filterPosts", () => {
  it("matches every word, ignoring case and accents", () => {
    expect(titles({ query: "deja LISBON" })).toEqual(["Déjà Vu in Lisbon"]);
    expect(titles({ query: "lisbon" })).toHaveLength(2);
    expect(titles({})).toHaveLength(4);
  });

  it("filters by status, counting posts without one as published", () => {
    expect(titles({ status: "draft" })).toEqual(["Rust notes"]);
    expect(titles({ status: "published" })).toEqual(["Déjà Vu in Lisbon", "Lisbon food"]);
  });

  it("does not count hidden posts as published: they are a status of their own", () => {
    expect(titles({ status: "hidden" })).toEqual(["About"]);
    expect(titles({ status: "published" })).not.toContain("About");
    expect(titles({ status: "draft" })).not.toContain("About");
  });

  it("filters by category and by tag, ignoring case", () => {
    expect(titles({ category: "Travel" })).toEqual(["Déjà Vu in Lisbon", "Lisbon food"]);
    expect(titles({ tag: "food" })).toEqual(["Déjà Vu in Lisbon", "Lisbon food"]);
    expect(titles({ tag: "rust", status: "published" })).toEqual([]);
    expect(titles({ category: "Code", tag: "rust" })).toEqual(["Rust notes"]);
  });

  it("keeps posts whose text matched, even when the title does not", () => {
    const textMatches = new Set(["content/rust-notes.rst"]);
    expect(titles({ query: "borrow checker", textMatches })).toEqual(["Rust notes"]);
    expect(titles({ query: "borrow checker", textMatches, status: "published" })).toEqual([]);
  });
});

describe("facets", () => {
  it("lists each category and tag once, sorted", () => {
    expect(facets(posts)).toEqual({ categories: ["Code", "Travel"], tags: ["food", "portugal", "rust"] });
  });
});
