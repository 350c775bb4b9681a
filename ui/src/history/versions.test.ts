import { describe, expect, it } from "vitest";
import type { PostHistory } from "../bindings/PostHistory";
import type { PostVersion } from "../bindings/PostVersion";
import { diffCounts, diffSummary, versionDate, versionRows } from "./versions";

const version = (commit: string, path: string, published: boolean, date = "2024-03-01T12:00:00+01:00"): PostVersion => ({
  commit,
  date,
  author: "Ann",
  message: `commit ${commit}`,
  path,
  published,
});

describe("versionDate", () => {
  it("reads the author's own clock, not the viewer's", () => {
    expect(versionDate("2024-03-01T12:05:09+01:00")).toBe("1 March 2024, 12:05");
    expect(versionDate("2023-12-31T23:59:00Z")).toBe("31 December 2023, 23:59");
    expect(versionDate("2024-07-04T06:30:00-05:30")).toBe("4 July 2024, 06:30");
  });

  it("leaves what is not an ISO date as it is", () => {
    expect(versionDate("yesterday")).toBe("yesterday");
    expect(versionDate("2024-13-01T00:00:00Z")).toBe("2024-13-01T00:00:00Z");
  });
});

describe("versionRows", () => {
  it("says which versions are published and marks the commit that renamed the post", () => {
    const history: PostHistory = {
      path: "content/hello.rst",
      uncommitted: false,
      versions: [
        version("c", "content/hello.rst", false),
        version("b", "content/hello.rst", true),
        version("a", "content/first.rst", true),
      ],
    };
    const rows = versionRows(history);
    expect(rows.map((r) => r.version.commit)).toEqual(["c", "b", "a"]);
    expect(rows.map((r) => r.state)).toEqual(["Not published yet", "Published", "Published"]);
    expect(rows.map((r) => r.renamed)).toEqual([null, "Renamed from content/first.rst", null]);
    expect(rows[0]?.when).toBe("1 March 2024, 12:00");
  });

  it("has no rows for a post never committed", () => {
    expect(versionRows({ path: "content/new.rst", uncommitted: true, versions: [] })).toEqual([]);
  });
});

describe("diffSummary", () => {
  it("counts the words on each side", () => {
    const pieces = [
      { kind: "same", text: "The " },
      { kind: "removed", text: "old grey" },
      { kind: "added", text: "new" },
      { kind: "same", text: " cat." },
    ] as const;
    expect(diffCounts(pieces)).toEqual({ removed: 2, added: 1 });
    expect(diffSummary(pieces)).toBe(
      "This version has 2 words the current text has not; the current text has 1 word this version has not.",
    );
  });

  it("says when the texts are the same, or differ only in spacing", () => {
    expect(diffSummary([{ kind: "same", text: "All the same." }])).toBe("This version is the same as the current text.");
    expect(
      diffSummary([
        { kind: "same", text: "A" },
        { kind: "added", text: "\n" },
      ]),
    ).toBe("Only spacing differs from the current text.");
  });
});
