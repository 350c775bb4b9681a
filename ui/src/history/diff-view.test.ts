import { describe, expect, it } from "vitest";
import type { DiffPiece } from "../bindings/DiffPiece";
import { showDiff } from "./diff-view";

const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join("");

describe("showDiff", () => {
  it("strikes the older version's words, underlines the current ones, and keeps text as text", () => {
    const target = document.createElement("div");
    showDiff(target, [
      { kind: "same", text: "A " },
      { kind: "removed", text: "<b>old</b>" },
      { kind: "added", text: "new" },
      { kind: "same", text: " cat." },
    ]);
    expect(target.querySelector("del")?.textContent).toBe("<b>old</b>");
    expect(target.querySelector("b")).toBeNull();
    expect(target.querySelector("ins")?.textContent).toBe("new");
    expect(target.textContent).toBe("A <b>old</b>new cat.");
  });

  it("folds a long unchanged stretch between changes and unfolds it on a click", () => {
    const target = document.createElement("div");
    const pieces: DiffPiece[] = [
      { kind: "removed", text: "Old title" },
      { kind: "same", text: `\n${lines(1, 20)}` },
      { kind: "added", text: "The end." },
    ];
    showDiff(target, pieces);
    const fold = target.querySelector<HTMLButtonElement>(".diff-fold");
    expect(fold?.textContent).toBe("⋯ 15 unchanged lines ⋯");
    expect(target.textContent).toContain("line 2\n");
    expect(target.textContent).not.toContain("line 10\n");
    expect(target.textContent).toContain("line 18\nline 19\nline 20\n");
    fold?.click();
    expect(target.querySelector(".diff-fold")).toBeNull();
    expect(target.textContent).toBe(`Old title\n${lines(1, 20)}The end.`);
  });

  it("does not fold a short unchanged stretch", () => {
    const target = document.createElement("div");
    showDiff(target, [
      { kind: "same", text: lines(1, 4) },
      { kind: "added", text: "x" },
    ]);
    expect(target.querySelector(".diff-fold")).toBeNull();
    expect(target.textContent).toBe(`${lines(1, 4)}x`);
  });
});
