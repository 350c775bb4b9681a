import { describe, expect, it, vi } from "vitest";
import { EditorState, Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { SpellingFinding } from "../bindings/SpellingFinding";
import { misspellings, placeFindings, SpellChecker, type SpellingBackend } from "./spelling";

const finding = (line: number, from: number, to: number, word: string): SpellingFinding => ({
  line,
  column: from + 1,
  from_utf16: from,
  to_utf16: to,
  word,
  language: "en_US",
  suggestions: [],
});

describe("placeFindings", () => {
  it("puts findings at their line and UTF-16 columns and drops those the text no longer has", () => {
    const doc = Text.of(["Frist line", "😀 wrongg here"]);
    const placed = placeFindings(doc, [finding(1, 0, 5, "Frist"), finding(2, 3, 9, "wrongg"), finding(2, 0, 2, "gone"), finding(9, 0, 1, "x")]);
    expect(placed).toEqual([
      { from: 0, to: 5, word: "Frist" },
      { from: 14, to: 20, word: "wrongg" },
    ]);
  });
});

describe("SpellChecker", () => {
  it("asks for the changed lines only after typing pauses, then marks what the backend found", async () => {
    vi.useFakeTimers();
    const check = vi.fn((_text: string, first: number | null, _last: number | null) => {
      return Promise.resolve(first === null ? [finding(1, 0, 5, "Frist")] : [finding(3, 0, 5, "Thrid")]);
    });
    const backend: SpellingBackend = { check, suggest: () => Promise.resolve([]), ignore: () => Promise.resolve(), addWord: () => Promise.resolve() };
    const view = new EditorView({ state: EditorState.create({ doc: "Frist\nsecond\nthird", extensions: [misspellings] }) });
    const spell = new SpellChecker(() => view, backend, () => {});
    spell.checkAll();
    await vi.advanceTimersByTimeAsync(500);
    expect(check).toHaveBeenLastCalledWith("Frist\nsecond\nthird", null, null);
    expect(spell.wordAt(2)?.word).toBe("Frist");

    const tr = view.state.update({ changes: { from: 13, to: 18, insert: "Thrid" } });
    view.dispatch(tr);
    spell.changed(tr.changes);
    await vi.advanceTimersByTimeAsync(100);
    expect(check).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(check).toHaveBeenLastCalledWith("Frist\nsecond\nThrid", 3, 3);
    expect(spell.wordAt(15)?.word).toBe("Thrid");
    expect(spell.wordAt(2)?.word, "marks outside the checked lines stay").toBe("Frist");
    vi.useRealTimers();
  });
});
