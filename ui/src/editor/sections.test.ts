import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { findHeadings, headingsAfter, headingsOf } from "./sections";

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

describe("headingsAfter", () => {
  const text = ["Title", "#####", "", "A paragraph", "of two lines.", "", "Part", "====", "", "More text", ""].join("\n");
  const edit = (from: number, to: number, insert: string) => {
    const state = EditorState.create({ doc: text });
    const tr = state.update({ changes: { from, to, insert } });
    return { old: state.doc, doc: tr.newDoc, changes: tr.changes };
  };

  it("keeps the headings when typing inside a paragraph", () => {
    const before = headingsOf(EditorState.create({ doc: text }).doc);
    const at = text.indexOf("A paragraph") + 2;
    const { old, doc, changes } = edit(at, at, "xyz");
    expect(headingsAfter(old, before, changes, doc)).toBe(before);
  });

  it("finds them again when an edit can make or unmake a title", () => {
    const cases: [number, number, string][] = [
      [text.indexOf("of two lines."), text.indexOf("of two lines.") + 13, "============="], // an underline
      [text.indexOf("Part"), text.indexOf("Part") + 4, "Chapter"], // a title's text
      [text.indexOf("====") + 4, text.indexOf("====") + 4, "\n"], // a new line
      [text.indexOf("More text"), text.indexOf("More text") + 9, ""], // a line made blank
      [text.indexOf("####"), text.indexOf("####") + 1, ""], // an underline cut short
    ];
    for (const [from, to, insert] of cases) {
      const { old, doc, changes } = edit(from, to, insert);
      const before = headingsOf(old);
      expect(headingsAfter(old, before, changes, doc)).toEqual(headingsOf(doc));
    }
  });
});
