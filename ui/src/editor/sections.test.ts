import { describe, expect, it } from "vitest";
import { findHeadings } from "./sections";

describe("findHeadings", () => {
  it("finds titles with underlines and overlines, levelled by first appearance", () => {
    const text = ["#####", "Title", "#####", "", ":date: 2020", "", "Intro", "=====", "", "text", "", "Detail", "------", "", "More", "====", ""];
    const headings = findHeadings(text).map((h) => [h.line, h.title, h.level]);
    expect(headings).toEqual([
      [2, "Title", 1],
      [7, "Intro", 2],
      [12, "Detail", 3],
      [15, "More", 2],
    ]);
  });

  it("ignores short underlines, transitions and indented text", () => {
    expect(findHeadings(["Long title", "===", ""])).toEqual([]);
    expect(findHeadings(["", "----", "", "text"])).toEqual([]);
    expect(findHeadings(["  indented", "==========", ""])).toEqual([]);
  });
});
