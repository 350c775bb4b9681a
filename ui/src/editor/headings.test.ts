import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { headingsFixThemselves, titleWidth, WIDE } from "./headings";

function typed(doc: string, at: number, insert: string, remove = 0): string {
  const state = EditorState.create({ doc, extensions: headingsFixThemselves });
  return state.update({ changes: { from: at, to: at + remove, insert }, userEvent: "input.type" }).state.doc.toString();
}

describe("headings that fix themselves", () => {
  it("an underline follows its title as letters are typed and deleted", () => {
    expect(typed("Title\n=====\n\nBody\n", 5, "s")).toBe("Titles\n======\n\nBody\n");
    expect(typed("Titles\n======\n", 5, "", 1)).toBe("Title\n=====\n");
  });

  it("an overline that matches follows too", () => {
    expect(typed("#####\nTitle\n#####\n", 11, " two")).toBe("#########\nTitle two\n#########\n");
  });

  it("wide characters count two columns, as docutils counts them", () => {
    expect(titleWidth("日本語")).toBe(6);
    expect(titleWidth("e\u0301")).toBe(1);
    expect(typed("Tt\n--\n", 2, "日本")).toBe("Tt日本\n------\n");
  });

  it("an underline that did not fit before, or a line that is not a title, is left alone", () => {
    expect(typed("Title\n===\n", 5, "s"), "it was already too short").toBe("Titles\n===\n");
    expect(typed("a\n\n----\n", 1, "b")).toBe("ab\n\n----\n");
    expect(typed("  indented\n----------\n", 10, "x")).toBe("  indentedx\n----------\n");
  });

  it("counts the edges of the wide ranges as the engine's table does", () => {
    expect([titleWidth("\u10FF"), titleWidth("\u1100"), titleWidth("\u115F"), titleWidth("\u1160")]).toEqual([1, 2, 2, 1]);
    expect(titleWidth("ＡＢ"), "fullwidth letters").toBe(4);
    expect(WIDE.every(([lo, hi], i) => lo <= hi && (i === 0 || (WIDE[i - 1]?.[1] ?? 0) < lo))).toBe(true);
  });
});
