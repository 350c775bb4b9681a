import { describe, expect, it } from "vitest";
import { lineForTop, topForLine, type LineAnchor } from "./scroll-sync";

// Blocks at lines 5, 10 and 30 whose tops are at 100, 300 and 500 px; the source has 39
// lines and the preview is 900 px high.
const anchors: LineAnchor[] = [
  { line: 5, top: 100 },
  { line: 10, top: 300 },
  { line: 30, top: 500 },
];
const end: LineAnchor = { line: 40, top: 900 };

describe("scroll mapping", () => {
  it("puts a block's line at the block's top", () => {
    expect(topForLine(anchors, 10, end)).toBe(300);
    expect(lineForTop(anchors, 500, end)).toBe(30);
  });

  it("interpolates between the blocks around a line", () => {
    expect(topForLine(anchors, 20, end)).toBe(400);
    expect(lineForTop(anchors, 400, end)).toBe(20);
    expect(topForLine(anchors, 35, end)).toBe(700);
  });

  it("maps the lines before the first block to the document's start", () => {
    expect(topForLine(anchors, 1, end)).toBe(0);
    expect(topForLine(anchors, 3, end)).toBe(50);
    expect(lineForTop(anchors, 0, end)).toBe(1);
  });

  it("is its own inverse", () => {
    for (let line = 1; line <= 40; line += 0.5) {
      expect(lineForTop(anchors, topForLine(anchors, line, end), end)).toBeCloseTo(line);
    }
  });

  it("ignores anchors that would go backwards", () => {
    const messy: LineAnchor[] = [...anchors, { line: 20, top: 600 }, { line: 35, top: 450 }];
    expect(topForLine(messy, 20, end)).toBe(400);
  });
});
