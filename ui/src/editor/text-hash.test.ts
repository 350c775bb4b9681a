import { describe, expect, it } from "vitest";
import { textHash } from "./text-hash";

describe("textHash", () => {
  it("gives the values the backend's text_hash gives (live_preview.rs)", () => {
    expect(textHash("")).toBe(2166136261);
    expect(textHash("aé😀\n")).toBe(2590906984);
  });

  it("tells texts of the same length apart", () => {
    expect(textHash("aXc\n")).not.toBe(textHash("aYc\n"));
  });
});
