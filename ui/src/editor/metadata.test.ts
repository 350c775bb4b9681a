import { describe, expect, it } from "vitest";
import { readHeader, setFieldChange, setTitleChange } from "./metadata";
import type { Change } from "./metadata";

const apply = (text: string, c: Change | null) => (c ? text.slice(0, c.from) + c.insert + text.slice(c.to) : text);

const post = "My Post\n=======\n\n:date: 2020-01-02 10:00\n:tags: a, b\n:status: draft\n\nBody :status: no\n";

describe("readHeader", () => {
  it("finds the title and the header's fields, not the body's", () => {
    const h = readHeader(post);
    expect(h.title?.value).toBe("My Post");
    expect([...h.fields.keys()]).toEqual(["date", "tags", "status"]);
    expect(h.fields.get("status")?.value).toBe("draft");
  });
});

describe("setFieldChange", () => {
  it("replaces an existing field's value and nothing else", () => {
    expect(apply(post, setFieldChange(post, "status", "published"))).toBe(post.replace(":status: draft", ":status: published"));
  });

  it("adds a missing field after the last one", () => {
    expect(apply(post, setFieldChange(post, "category", "life"))).toBe(post.replace(":status: draft\n", ":status: draft\n:category: life\n"));
  });

  it("adds the first field under the title with a blank line before the body", () => {
    const bare = "Title\n=====\n\nBody\n";
    expect(apply(bare, setFieldChange(bare, "date", "2021"))).toBe("Title\n=====\n\n:date: 2021\n\nBody\n");
  });
});

describe("setTitleChange", () => {
  it("keeps the underline as long as the new title, overline too", () => {
    expect(apply(post, setTitleChange(post, "A Longer Title"))).toBe(post.replace("My Post\n=======", "A Longer Title\n=============="));
    const one = apply(post, setTitleChange(post, "W"));
    expect(one.startsWith("W\n=\n")).toBe(true);
    expect(apply(one, setTitleChange(one, "We"))).toBe(post.replace("My Post\n=======", "We\n=="));
    const over = "#####\nTitle\n#####\n\nx\n";
    expect(apply(over, setTitleChange(over, "Hi"))).toBe("##\nHi\n##\n\nx\n");
  });
});
