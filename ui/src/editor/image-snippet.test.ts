import { describe, expect, it } from "vitest";
import { Text } from "@codemirror/state";
import { altRange, placeSnippets } from "./image-snippet";

const snippet = ".. image:: {static}/images/post/cat.png\n   :alt: cat\n";
const other = ".. image:: {static}/images/post/dog.png\n   :alt: dog\n";

function apply(text: string, pos: number, snippets: string[]) {
  const doc = Text.of(text.split("\n"));
  const p = placeSnippets(doc, pos, snippets);
  const result = text.slice(0, p.at) + p.insert + text.slice(p.at);
  return { result, alt: result.slice(p.altFrom, p.altTo) };
}

describe("placeSnippets", () => {
  it("goes after the paragraph under the point, never inside it", () => {
    const text = "Title\n=====\n\nfirst line\nsecond line\n\nNext paragraph.\n";
    const { result, alt } = apply(text, text.indexOf("first") + 3, [snippet]);
    expect(result).toBe(
      "Title\n=====\n\nfirst line\nsecond line\n\n.. image:: {static}/images/post/cat.png\n   :alt: cat\n\nNext paragraph.\n",
    );
    expect(alt).toBe("cat");
  });

  it("goes right onto a blank line, with blank lines around it", () => {
    const text = "one\n\ntwo\n";
    const { result, alt } = apply(text, 4, [snippet, other]);
    expect(result).toBe(`one\n\n${snippet}\n${other}\ntwo\n`);
    expect(alt).toBe("cat");
  });

  it("at the end of a text without a final newline", () => {
    const { result, alt } = apply("only", 2, [snippet]);
    expect(result).toBe(`only\n\n${snippet}`);
    expect(alt).toBe("cat");
  });

  it("into an empty post", () => {
    const { result } = apply("", 0, [snippet]);
    expect(result).toBe(snippet);
  });
});

describe("the post's header", () => {
  const post = "Title\n#####\n\n:date: 2026-01-01\n:summary: a long\n   summary\n\nBody.\n";

  it("is never split: a drop on the title or the fields goes after the fields", () => {
    for (const pos of [0, post.indexOf(":date:") + 2, post.indexOf("summary\n") + 1]) {
      const { result } = apply(post, pos, [snippet]);
      expect(result).toBe(`Title\n#####\n\n:date: 2026-01-01\n:summary: a long\n   summary\n\n${snippet}\nBody.\n`);
    }
  });

  it("without fields ends after the title", () => {
    const { result } = apply("Title\n=====\n\nBody.\n", 1, [snippet]);
    expect(result).toBe(`Title\n=====\n\n${snippet}\nBody.\n`);
  });
});

describe("altRange", () => {
  it("finds the alt value, or the end when there is none", () => {
    expect(snippet.slice(altRange(snippet).from, altRange(snippet).to)).toBe("cat");
    expect(altRange(".. image:: x.png\n")).toEqual({ from: 16, to: 16 });
  });
});
