import { describe, expect, it } from "vitest";
import type { ChangeSet } from "@codemirror/state";
import { Editor } from "./editor";

// jsdom lays nothing out, and CodeMirror's measuring asks text ranges for rectangles.
const range = Range.prototype as Partial<Pick<Range, "getClientRects" | "getBoundingClientRect">>;
range.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as DOMRectList;
range.getBoundingClientRect ??= () => new DOMRect();

function editor(onChange: (changes: ChangeSet, text: string, length: number) => void): Editor {
  const parent = document.createElement("div");
  document.body.append(parent);
  const ed: Editor = new Editor(parent, {
    onChange: (changes) => onChange(changes, ed.text(), ed.length()),
    onSave: () => {},
    onPasteImages: () => {},
    spelling: {
      check: () => Promise.resolve([]),
      suggest: () => Promise.resolve([]),
      ignore: () => Promise.resolve(),
      addWord: () => Promise.resolve(),
    },
    onSpellingError: () => {},
    clipboardText: () => Promise.resolve(null),
    formatting: { readings: () => Promise.resolve([]), refused: () => undefined, sectionStyles: () => [] },
  });
  ed.open("post.rst", "Title\n=====\n\nBody.\n", true);
  return ed;
}

describe("Editor", () => {
  it("tells a change before it redraws, with the new text already readable", () => {
    const seen: string[] = [];
    const ed = editor((changes, text, length) => {
      expect(changes.length).toBe("Title\n=====\n\nBody.\n".length);
      expect(length).toBe(text.length);
      seen.push(text);
    });
    ed.applyChange({ from: 13, to: 13, insert: "More. " });
    expect(seen).toEqual(["Title\n=====\n\nMore. Body.\n"]);
  });

  it("keeps the writer's edit when a listener throws", () => {
    const ed = editor(() => {
      throw new Error("a broken listener");
    });
    expect(() => ed.applyChange({ from: 13, to: 13, insert: "Kept. " })).toThrow("a broken listener");
    expect(ed.text()).toBe("Title\n=====\n\nKept. Body.\n");
  });
});
