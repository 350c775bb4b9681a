import { describe, expect, it } from "vitest";
import { EditorSelection, EditorState } from "@codemirror/state";
import { asListTable, findTable, writeTable } from "./tables";
import { planTable } from "./format-commands";

const table = (text: string, line = 1) => {
  const found = findTable(text.split("\n"), line);
  if (typeof found === "string") throw new Error(found);
  return found;
};

const at = (doc: string, word: string, offset = 0) =>
  EditorState.create({ doc, selection: EditorSelection.cursor(doc.indexOf(word) + offset) });

describe("grid tables", () => {
  const typed = ["+-----+-----+", "| a   | b   |", "+=====+=====+", "| longer text | c   |", "+-----+-----+"].join("\n");

  it("reads a row whose text pushed its borders out, and writes the columns widened", () => {
    const found = table(typed, 3);
    expect(found.model.rows).toEqual([[["a"], ["b"]], [["longer text"], ["c"]]]);
    expect(found.model.head).toBe(1);
    expect(writeTable(found.model)).toEqual([
      "+-------------+-----+",
      "| a           | b   |",
      "+=============+=====+",
      "| longer text | c   |",
      "+-------------+-----+",
    ]);
  });

  it("counts wide characters as two columns, as docutils lays them out", () => {
    const wide = ["+---+---+", "| 日本語 | x |", "+---+---+"].join("\n");
    expect(writeTable(table(wide).model)).toEqual(["+--------+---+", "| 日本語 | x |", "+--------+---+"]);
  });

  it("keeps a cell's lines and the table's indentation", () => {
    const text = ["  +---+---+", "  | a | b |", "  | c |   |", "  +---+---+"].join("\n");
    expect(writeTable(table(text).model)).toEqual(text.split("\n"));
  });

  it("leaves tables with merged cells alone", () => {
    const merged = ["+---+---+", "| a     |", "+---+---+", "| b | c |", "+---+---+"].join("\n");
    expect(findTable(merged.split("\n"), 1)).toBe("merged-cells");
    const rowSpan = ["+---+---+", "| a | b |", "+---+   +", "| c |   |", "+---+---+"].join("\n");
    expect(findTable(rowSpan.split("\n"), 1)).toBe("merged-cells");
  });

  it("writes the cells as a list-table for the engine to compare", () => {
    expect(asListTable(table(typed, 3).model)).toBe(
      ".. list-table::\n   :header-rows: 1\n\n   * - a\n     - b\n   * - longer text\n     - c\n",
    );
  });

  it("Tab aligns and moves to the next cell, keeping the text typed", () => {
    const doc = `Text.\n\n${typed}\n\nMore.`;
    const plan = planTable(at(doc, "longer text", 11), "next");
    if (typeof plan === "string") throw new Error(plan);
    const after = doc.slice(0, plan.from) + plan.insert + doc.slice(plan.to);
    expect(after).toContain("| longer text | c   |");
    expect(after.slice(plan.cursor - 1, plan.cursor + 3), "the cursor ends the next cell's text").toBe("c   ");
  });

  it("Tab in the last cell adds a row", () => {
    const doc = ["+---+---+", "| a | b |", "+---+---+"].join("\n");
    const plan = planTable(at(doc, "b"), "next");
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.insert.split("\n")).toEqual(["+---+---+", "| a | b |", "+---+---+", "|   |   |", "+---+---+"]);
    expect(plan.insert.slice(plan.cursor - 2, plan.cursor)).toBe("| ");
    expect(plan.cursor).toBe(plan.insert.indexOf("|   |") + 2);
  });

  it("adds a column after the cursor's", () => {
    const doc = ["+---+---+", "| a | b |", "+---+---+"].join("\n");
    const plan = planTable(at(doc, "a"), "column");
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.insert.split("\n")).toEqual(["+---+---+---+", "| a |   | b |", "+---+---+---+"]);
  });

  it("says when the cursor is in no table", () => {
    expect(planTable(at("Just text.", "text"), "next")).toBe("not-a-table");
  });
});

describe("simple tables", () => {
  it("widens the borders to text typed past its column", () => {
    const text = ["=====  =====", "A      B", "=====  =====", "long text  x", "one    two", "=====  ====="].join("\n");
    expect(writeTable(table(text, 3).model)).toEqual([
      "=========  =====",
      "A          B",
      "=========  =====",
      "long text  x",
      "one        two",
      "=========  =====",
    ]);
  });

  it("keeps a continuation line (nothing in the first column) with its row", () => {
    const text = ["===  ===", "a    b", "     more", "c    d", "===  ==="].join("\n");
    const found = table(text, 1);
    expect(found.model.rows).toEqual([[["a", ""], ["b", "more"]], [["c"], ["d"]]]);
    expect(writeTable(found.model)).toEqual(["===  ====", "a    b", "     more", "c    d", "===  ===="]);
  });

  it("counts wide characters as two columns", () => {
    const text = ["===  ===", "日本語  x", "===  ==="].join("\n");
    expect(writeTable(table(text, 1).model)).toEqual(["======  ===", "日本語  x", "======  ==="]);
  });

  it("Tab after text typed past a column aligns and puts the cursor after the next cell's text", () => {
    const doc = ["=====  =====", "A      B", "=====  =====", "long text  x", "=====  ====="].join("\n");
    const plan = planTable(at(doc, "long text", 9), "next");
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.insert.split("\n")[3]).toBe("long text  x");
    expect(plan.insert.slice(plan.cursor - 3, plan.cursor)).toBe("  x");
  });
});
