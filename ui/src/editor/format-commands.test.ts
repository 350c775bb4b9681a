import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { runTable, type FormatWindow } from "./format-commands";

// jsdom lays nothing out, and CodeMirror's measuring asks text ranges for rectangles.
const range = Range.prototype as Partial<Pick<Range, "getClientRects" | "getBoundingClientRect">>;
range.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as DOMRectList;
range.getBoundingClientRect ??= () => new DOMRect();

const TYPED = "+-----+\n| a much longer |\n+-----+";

function view(doc: string, at: number): EditorView {
  return new EditorView({ parent: document.body, state: EditorState.create({ doc, selection: { anchor: at } }) });
}

/** A window whose engine reads each text as `read` says, remembering what it was asked. */
function window(read: (text: string, i: number) => string | null, refusals: string[], asked: string[][]): FormatWindow {
  return {
    readings: (texts) => {
      asked.push(texts);
      return Promise.resolve(texts.map(read));
    },
    refused: (message) => refusals.push(message),
    sectionStyles: () => [],
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("runTable", () => {
  it("aligns the table when the engine reads it as its cells, and asks about before, after and the cells", async () => {
    const v = view(TYPED, 10);
    const asked: string[][] = [];
    const refusals: string[] = [];
    expect(runTable(v, window((_t, i) => (i === 0 ? null : "same"), refusals, asked), "align")).toBe(true);
    await settle();
    expect(v.state.doc.toString()).toBe("+---------------+\n| a much longer |\n+---------------+");
    expect(asked[0]?.[2]).toBe(".. list-table::\n\n   * - a much longer\n");
    expect(refusals).toEqual([]);
  });

  it("leaves the table and says why when the engine reads it differently after", async () => {
    const v = view(TYPED, 10);
    const refusals: string[] = [];
    runTable(v, window((_t, i) => (i === 2 ? "cells" : "table"), refusals, []), "align");
    await settle();
    expect(v.state.doc.toString()).toBe(TYPED);
    expect(refusals[0]).toMatch(/change how docutils reads it/);
  });

  it("leaves a table that read one way before and another after", async () => {
    const v = view(TYPED, 10);
    const refusals: string[] = [];
    runTable(v, window((_t, i) => (i === 0 ? "before" : "after"), refusals, []), "align");
    await settle();
    expect(v.state.doc.toString()).toBe(TYPED);
    expect(refusals).toHaveLength(1);
  });

  it("lets Tab do what it does outside a table", () => {
    const v = view("Just text.", 3);
    expect(runTable(v, window(() => null, [], []), "next")).toBe(false);
  });
});
