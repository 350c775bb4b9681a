import { describe, expect, it } from "vitest";
import { Text } from "@codemirror/state";
import { diagnosticRange } from "./positions";
import type { Diagnostic } from "../bindings/Diagnostic";

const diag = (line: number, column: number, endLine: number, endColumn: number): Diagnostic => ({
  line,
  startLine: line,
  column,
  endLine,
  endColumn,
  severity: "warning",
  message: "m",
});

describe("diagnosticRange", () => {
  const doc = Text.of(["Title", "=====", "", "Some *open"]);

  it("converts 1-based lines and columns to offsets", () => {
    // Line 4 starts at offset 13 ("Title\n=====\n\n"); column 6 is the '*'.
    expect(diagnosticRange(doc, diag(4, 6, 4, 7))).toEqual({ from: 18, to: 19 });
  });

  it("marks from the mark's first line, not the line docutils reports", () => {
    // A reference on line 4 of a paragraph that starts on line 3: docutils says line 3.
    expect(diagnosticRange(doc, { ...diag(4, 6, 4, 7), line: 3 })).toEqual({ from: 18, to: 19 });
  });

  it("clamps positions past the end of the document or line", () => {
    expect(diagnosticRange(doc, diag(99, 1, 99, 99))).toEqual({ from: 13, to: 23 });
    expect(diagnosticRange(doc, diag(1, 50, 1, 60))).toEqual({ from: 5, to: 5 });
  });

  it("counts characters outside the BMP as one column but two offsets", () => {
    const emoji = Text.of(["😀*x"]);
    expect(diagnosticRange(emoji, diag(1, 2, 1, 3))).toEqual({ from: 2, to: 3 });
  });

  it("widens an empty range to one character so it stays visible", () => {
    expect(diagnosticRange(doc, diag(1, 2, 1, 2))).toEqual({ from: 1, to: 2 });
  });
});
