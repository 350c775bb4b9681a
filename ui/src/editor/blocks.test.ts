import { describe, expect, it } from "vitest";
import { EditorSelection, EditorState, type TransactionSpec } from "@codemirror/state";
import { sectionAdornments, toggleBlockQuote, toggleDirective, toggleHeading, toggleList } from "./blocks";

function state(doc: string, ranges: [number, number][]): EditorState {
  return EditorState.create({
    doc,
    selection: EditorSelection.create(ranges.map(([a, h]) => EditorSelection.range(a, h))),
    extensions: EditorState.allowMultipleSelections.of(true),
  });
}

const at = (doc: string, ...words: string[]) => state(doc, words.map((w) => [doc.indexOf(w), doc.indexOf(w)]));
const run = (s: EditorState, command: (s: EditorState) => TransactionSpec) => s.update(command(s)).state;
const lines = (s: EditorState) => s.doc.toString().split("\n");
const selected = (s: EditorState) => s.selection.ranges.map((r) => s.doc.sliceString(r.from, r.to));

describe("sectionAdornments", () => {
  it("takes the post's own section styles in docutils' order, skipping the title that opens it", () => {
    const post = ["My post", "#######", "", ":date: 2024", "", "One", "***", "", "Two", "+++", "", "Deeper", "%%%%%%"];
    const levels = sectionAdornments(post).map((a) => a.char);
    expect(levels.slice(0, 3)).toEqual(["*", "+", "%"]);
    expect(levels, "then the usual ones").toContain("=");
  });

  it("counts the first heading as a section when text comes before it, and keeps overlines", () => {
    const post = [":title: T", "", "=====", "Intro", "=====", "", "Sub", "---"];
    expect(sectionAdornments(post).slice(0, 2)).toEqual([
      { char: "=", over: true },
      { char: "-", over: false },
    ]);
  });

  it("takes the blog's style for the levels the post has no heading of yet, unless taken above", () => {
    const post = [":title: T", "", "Intro", "~~~~~", "", "Text."];
    const blog = [
      { char: "*", over: false },
      { char: "+", over: false },
      { char: "~", over: false },
    ];
    expect(sectionAdornments(post, blog).map((a) => a.char).slice(0, 4)).toEqual(["~", "+", "=", "-"]);
  });

  it("falls back to the usual styles in a post without sections", () => {
    expect(sectionAdornments(["Just text."]).map((a) => a.char).slice(0, 4)).toEqual(["=", "-", "~", "^"]);
  });
});

describe("toggleHeading", () => {
  const styles = [
    { char: "=", over: false },
    { char: "-", over: false },
  ];
  const heading = (level: number) => (s: EditorState) => toggleHeading(s, level, styles);

  it("underlines the line as wide as docutils counts it, and takes it off again", () => {
    const s = at("Text.\n\n日本 title\n\nMore.", "日本");
    const h = run(s, heading(1));
    expect(lines(h)).toEqual(["Text.", "", "日本 title", "==========", "", "More."]);
    expect(run(h, heading(1)).doc.toString()).toBe("Text.\n\n日本 title\n\nMore.");
  });

  it("changes a title of another level to this one, overlines included", () => {
    const s = at("====\nIntro\n====\n\nText.", "Intro");
    expect(run(s, heading(2)).doc.toString()).toBe("Intro\n-----\n\nText.");
    const withOver = (st: EditorState) => toggleHeading(st, 1, [{ char: "*", over: true }]);
    expect(run(at("Intro\n-----\n\nText.", "Intro"), withOver).doc.toString()).toBe("*****\nIntro\n*****\n\nText.");
  });

  it("makes a title on every cursor, setting it apart from the paragraphs around", () => {
    const s = at("One\nbody\nTwo\nbody", "One", "Two");
    expect(lines(run(s, heading(2)))).toEqual(["One", "---", "", "body", "", "Two", "---", "", "body"]);
  });
});

describe("toggleList", () => {
  it("makes bullet items of the selected lines and plain lines of them again", () => {
    const doc = "Intro.\n\napples\npears\n";
    const s = state(doc, [[doc.indexOf("apples"), doc.indexOf("pears") + 2]]);
    const list = run(s, (st) => toggleList(st, "bullet"));
    expect(list.doc.toString()).toBe("Intro.\n\n- apples\n- pears\n");
    expect(run(list, (st) => toggleList(st, "bullet")).doc.toString()).toBe(doc);
  });

  it("numbers the lines, turning bullets into numbers, and sets the list apart from a paragraph", () => {
    const doc = "Steps:\n- mix\n- bake";
    const s = state(doc, [[doc.indexOf("mix"), doc.length]]);
    expect(run(s, (st) => toggleList(st, "numbered")).doc.toString()).toBe("Steps:\n\n1. mix\n2. bake");
  });

  it("works on several cursors, each line its own item", () => {
    const s = at("a\n\nb\n\nc", "a", "c");
    expect(run(s, (st) => toggleList(st, "bullet")).doc.toString()).toBe("- a\n\nb\n\n- c");
  });
});

describe("toggleBlockQuote", () => {
  it("indents the paragraph under the cursor as a quote, and back", () => {
    const s = at("Said:\n\nTo be\nor not.\n\nEnd.", "To be");
    const doc = s.doc.toString();
    const sel = state(doc, [[doc.indexOf("To be"), doc.indexOf("not")]]);
    const quoted = run(sel, toggleBlockQuote);
    expect(quoted.doc.toString()).toBe("Said:\n\n   To be\n   or not.\n\nEnd.");
    expect(run(quoted, toggleBlockQuote).doc.toString()).toBe(doc);
  });
});

describe("toggleDirective", () => {
  it("puts the selected lines in a code block with the language selected, and takes it off", () => {
    const doc = "Code:\n\nx = 1\ny = 2\n\nAfter.";
    const s = state(doc, [[doc.indexOf("x"), doc.indexOf("y = 2") + 5]]);
    const code = run(s, (st) => toggleDirective(st, "code-block", "python"));
    expect(code.doc.toString()).toBe("Code:\n\n.. code-block:: python\n\n   x = 1\n   y = 2\n\nAfter.");
    expect(selected(code)).toEqual(["python"]);
    const cursorIn = code.update({ selection: { anchor: code.doc.toString().indexOf("y = 2") } }).state;
    expect(run(cursorIn, (st) => toggleDirective(st, "code-block")).doc.toString()).toBe(doc);
  });

  it("writes an empty note to type in on an empty line, on every cursor", () => {
    const doc = "A.\n\n\n\nB.\n";
    const two = state(doc, [[4, 4], [doc.length, doc.length]]);
    const note = run(two, (st) => toggleDirective(st, "note"));
    expect(note.doc.toString()).toBe("A.\n\n.. note::\n\n   \n\nB.\n\n.. note::\n\n   ");
    expect(note.selection.ranges.map((r) => note.doc.lineAt(r.head).text)).toEqual(["   ", "   "]);
  });

  it("takes a warning off only when the cursor is in one", () => {
    const doc = "Text.\n\n.. warning::\n\n   Hot.\n\nMore.";
    const inside = at(doc, "Hot");
    expect(run(inside, (st) => toggleDirective(st, "warning")).doc.toString()).toBe("Text.\n\nHot.\n\nMore.");
    const outside = at(doc, "More");
    expect(run(outside, (st) => toggleDirective(st, "warning")).doc.toString()).toBe(
      "Text.\n\n.. warning::\n\n   Hot.\n\n.. warning::\n\n   More.",
    );
  });
});
