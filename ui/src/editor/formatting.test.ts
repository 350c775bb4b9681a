import { describe, expect, it } from "vitest";
import { EditorSelection, EditorState } from "@codemirror/state";
import { isUrl, toggleInline, toggleLink, type InlineMarker } from "./formatting";

function state(doc: string, ranges: [number, number][]): EditorState {
  return EditorState.create({
    doc,
    selection: EditorSelection.create(ranges.map(([a, h]) => EditorSelection.range(a, h))),
    extensions: EditorState.allowMultipleSelections.of(true),
  });
}

function apply(s: EditorState, marker: InlineMarker): EditorState {
  return s.update(toggleInline(s, marker)).state;
}

const selected = (s: EditorState) => s.selection.ranges.map((r) => s.doc.sliceString(r.from, r.to));

describe("toggleInline", () => {
  it("wraps every selection and takes the markup off when applied again", () => {
    const s = state("one two three", [[0, 3], [8, 13]]);
    const bold = apply(s, "**");
    expect(bold.doc.toString()).toBe("**one** two **three**");
    expect(selected(bold)).toEqual(["one", "three"]);
    expect(apply(bold, "**").doc.toString()).toBe("one two three");
  });

  it("tells emphasis from strong, and unwraps markup selected with the word", () => {
    const strong = state("**word**", [[2, 6]]);
    expect(apply(strong, "*").doc.toString(), "* inside ** is new emphasis").toBe("***word***");
    const whole = state("``code`` here", [[0, 8]]);
    expect(apply(whole, "``").doc.toString()).toBe("code here");
  });

  it("puts an empty pair at a bare cursor, with the cursor inside", () => {
    const s = apply(state("ab", [[1, 1]]), "``");
    expect(s.doc.toString()).toBe("a````b");
    expect(s.selection.main.head).toBe(3);
  });
});

describe("toggleLink", () => {
  it("makes the selection a link and a selected link its text again", () => {
    const s = state("see the docs", [[8, 12]]);
    const linked = s.update(toggleLink(s, "https://example.org/docs")).state;
    expect(linked.doc.toString()).toBe("see the `docs <https://example.org/docs>`_");
    expect(selected(linked)).toEqual(["docs"]);
    const whole = state(linked.doc.toString(), [[8, linked.doc.length]]);
    expect(whole.update(toggleLink(whole, "x")).state.doc.toString()).toBe("see the docs");
  });

  it("knows a web address from other text", () => {
    expect(isUrl("https://example.org/a?b=c")).toBe(true);
    expect(isUrl(" mailto:me@example.org ")).toBe(true);
    expect(isUrl("example.org")).toBe(false);
    expect(isUrl("https://a b")).toBe(false);
  });
});
